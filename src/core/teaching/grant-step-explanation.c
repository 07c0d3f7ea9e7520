/* grant-step-explanation.c
 * What each step of a flow is for, the RFC section that defines it, and what goes wrong
 * without it: the text step mode shows beside a paused request.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is told apart first by the provider's metadata (which endpoint its URL is), then
 * by what it carries (grant_type, response_type), then by the usual name of its endpoint; a
 * request to none of the authorization server's endpoints is an API call. The texts are
 * marked with N_() and translated when asked for, so a change of language shows at once.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-step-explanation.h"

G_DEFINE_ENUM_TYPE (GrantStepKind, grant_step_kind,
  G_DEFINE_ENUM_VALUE (GRANT_STEP_DISCOVERY, "discovery"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_JWKS, "jwks"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST, "pushed-authorization-request"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_AUTHORIZATION_REQUEST, "authorization-request"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_AUTHORIZATION_RESPONSE, "authorization-response"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_DEVICE_AUTHORIZATION, "device-authorization"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_TOKEN_AUTHORIZATION_CODE, "token-authorization-code"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_TOKEN_REFRESH, "token-refresh"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_TOKEN_CLIENT_CREDENTIALS, "token-client-credentials"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_TOKEN_DEVICE_CODE, "token-device-code"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_TOKEN_PASSWORD, "token-password"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_TOKEN_EXCHANGE, "token-exchange"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_TOKEN_JWT_BEARER, "token-jwt-bearer"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_TOKEN_OTHER, "token-other"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_USERINFO, "userinfo"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_INTROSPECTION, "introspection"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_REVOCATION, "revocation"),
  G_DEFINE_ENUM_VALUE (GRANT_STEP_API_CALL, "api-call"))

typedef struct
{
  const char *title;
  const char *purpose;
  const char *risk;
  const char *reference;
} Explanation;

/* In GrantStepKind's order. The references name RFCs and specifications, the same in every
 * language. */
static const Explanation explanations[GRANT_STEP_N_KINDS] = {
  [GRANT_STEP_DISCOVERY] = {
    N_("Discovery"),
    N_("Grant reads the provider’s metadata document: its issuer, the URLs of its endpoints "
       "and of its keys, and what it supports (grant types, PKCE methods, signing "
       "algorithms)."),
    N_("Without it every endpoint is typed by hand, and a wrong URL sends codes and secrets "
       "to the wrong place. The issuer in the document must be the one asked for, or another "
       "server’s document could be passed off as this one’s."),
    "OpenID Connect Discovery 1.0 §4, RFC 8414 §3",
  },
  [GRANT_STEP_JWKS] = {
    N_("Key Set (JWKS)"),
    N_("Grant fetches the provider’s public keys, to verify the signatures of the ID tokens "
       "and other JWTs it issues; the kid in a token’s header picks the key."),
    N_("Without the keys no signature can be checked, and anyone could make an ID token with "
       "whatever claims they like."),
    "RFC 7517 §5, OpenID Connect Core §10.1",
  },
  [GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST] = {
    N_("Pushed Authorization Request"),
    N_("The client sends the authorization request’s parameters straight to the server, "
       "authenticated, and gets a short-lived request_uri to send through the browser "
       "instead."),
    N_("Without it every parameter travels in the browser’s address, where it can be read, "
       "changed or logged, and the server cannot tell who built the request."),
    "RFC 9126 §2",
  },
  [GRANT_STEP_AUTHORIZATION_REQUEST] = {
    N_("Authorization Request"),
    N_("The browser goes to the authorization endpoint with response_type, client_id, "
       "redirect_uri, scope, state and the PKCE code_challenge; there the user signs in and "
       "consents."),
    N_("Without state, a response an attacker started can be slipped in (cross-site request "
       "forgery); without the code_challenge, a stolen code can be redeemed by someone "
       "else."),
    "RFC 6749 §4.1.1, RFC 7636 §4.3",
  },
  [GRANT_STEP_AUTHORIZATION_RESPONSE] = {
    N_("Authorization Response"),
    N_("The server sends the browser back to the redirect URI with the code, the state and "
       "the issuer (iss); Grant captures the redirect before the browser loads it."),
    N_("A client that does not compare the state with the one it sent accepts a response "
       "an attacker started; one that ignores iss can be made to send the code to the wrong "
       "server (a mix-up attack, RFC 9207)."),
    "RFC 6749 §4.1.2, RFC 9207 §2",
  },
  [GRANT_STEP_DEVICE_AUTHORIZATION] = {
    N_("Device Authorization Request"),
    N_("A device without a browser asks for a device_code, and for a user_code that the user "
       "enters at the verification URI on another device."),
    N_("Without it a device with no browser cannot let its user sign in; the user_code is "
       "what ties the sign-in on the other device to this one."),
    "RFC 8628 §3.1",
  },
  [GRANT_STEP_TOKEN_AUTHORIZATION_CODE] = {
    N_("Code Exchange"),
    N_("The client exchanges the authorization code for tokens at the token endpoint, with "
       "the same redirect_uri and the PKCE code_verifier, authenticating if it is "
       "confidential."),
    N_("Without the code_verifier the server cannot tell that whoever redeems the code is "
       "the client that asked for it, and must answer invalid_grant."),
    "RFC 6749 §4.1.3, RFC 7636 §4.5",
  },
  [GRANT_STEP_TOKEN_REFRESH] = {
    N_("Refresh"),
    N_("The client trades its refresh token for a new access token, without the user, "
       "perhaps for a narrower scope."),
    N_("Without it the user signs in again whenever the access token expires. A stolen "
       "refresh token keeps working, so a public client’s must be rotated or bound to the "
       "client."),
    "RFC 6749 §6, RFC 9700 §4.14",
  },
  [GRANT_STEP_TOKEN_CLIENT_CREDENTIALS] = {
    N_("Client Credentials"),
    N_("A client acting for itself, with no user, asks for a token with its own "
       "credentials."),
    N_("Without client authentication anyone could get these tokens: this grant is for "
       "confidential clients only."),
    "RFC 6749 §4.4.2",
  },
  [GRANT_STEP_TOKEN_DEVICE_CODE] = {
    N_("Device Token Request"),
    N_("The device asks the token endpoint, at the interval it was given, whether the user "
       "has approved: it hears authorization_pending or slow_down until the tokens come. Step "
       "mode holds the first poll only; the others go on by themselves."),
    N_("A device that polls faster than the interval is told slow_down and may be refused; "
       "once the device_code has expired (expired_token) the flow must start again."),
    "RFC 8628 §3.4, §3.5",
  },
  [GRANT_STEP_TOKEN_PASSWORD] = {
    N_("Password Grant (Legacy)"),
    N_("The client itself sends the user’s username and password to the token endpoint."),
    N_("It teaches users to type their password into clients, rules out multi-factor sign-in "
       "and consent, and must not be used any more."),
    "RFC 6749 §4.3.2, RFC 9700 §2.4",
  },
  [GRANT_STEP_TOKEN_EXCHANGE] = {
    N_("Token Exchange"),
    N_("A service trades a token it was given (the subject_token) for another one, for "
       "another audience or a smaller scope, to call the next service."),
    N_("Without it a service passes the user’s token on as it is, and every service down "
       "the line can use it wherever it is accepted."),
    "RFC 8693 §2.1",
  },
  [GRANT_STEP_TOKEN_JWT_BEARER] = {
    N_("JWT Bearer Grant"),
    N_("The client presents a signed JWT (issuer, subject, audience, expiry) as the grant, "
       "trusted for who signed it."),
    N_("A server that does not check the assertion’s signature, audience and expiry accepts "
       "forged or replayed assertions."),
    "RFC 7523 §2.1, §3",
  },
  [GRANT_STEP_TOKEN_OTHER] = {
    N_("Token Request"),
    N_("The client asks the token endpoint for tokens with the grant_type it names."),
    N_("A grant_type the server does not support is refused with "
       "unsupported_grant_type."),
    "RFC 6749 §3.2, §5.2",
  },
  [GRANT_STEP_USERINFO] = {
    N_("UserInfo Request"),
    N_("The client sends the access token to the UserInfo endpoint to get claims about the "
       "user who signed in."),
    N_("Its sub must be the ID token’s: without that check, claims about another user could "
       "be taken for this one’s."),
    "OpenID Connect Core §5.3",
  },
  [GRANT_STEP_INTROSPECTION] = {
    N_("Token Introspection"),
    N_("A protected resource asks the authorization server whether a token is active, and "
       "for its scope, client and expiry."),
    N_("Without it an opaque token cannot be checked at all, and a revoked one is accepted "
       "until it expires; the caller must authenticate, or anyone could probe tokens."),
    "RFC 7662 §2",
  },
  [GRANT_STEP_REVOCATION] = {
    N_("Token Revocation"),
    N_("The client tells the server that it no longer needs a refresh or access token (at "
       "sign-out), so that the token stops working."),
    N_("Without it a token left behind works until it expires: a stolen refresh token, for "
       "months."),
    "RFC 7009 §2",
  },
  [GRANT_STEP_API_CALL] = {
    N_("API Call"),
    N_("The client calls the protected resource with the access token in the Authorization "
       "header: Bearer, or DPoP with a proof of possession."),
    N_("A token without the scope needed is refused with 403 insufficient_scope, an expired "
       "or revoked one with 401 invalid_token; a token put in the URL leaks into logs."),
    "RFC 6750 §2.1, §3.1, RFC 9449 §7",
  },
};

struct _GrantStepExplanation
{
  GObject       parent_instance;

  GrantStepKind kind;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_PURPOSE,
  PROP_RISK,
  PROP_REFERENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GrantStepExplanation, grant_step_explanation, G_TYPE_OBJECT)

static void
grant_step_explanation_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GrantStepExplanation *self = GRANT_STEP_EXPLANATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, grant_step_explanation_get_title (self));
      break;

    case PROP_PURPOSE:
      g_value_set_string (value, grant_step_explanation_get_purpose (self));
      break;

    case PROP_RISK:
      g_value_set_string (value, grant_step_explanation_get_risk (self));
      break;

    case PROP_REFERENCE:
      g_value_set_string (value, grant_step_explanation_get_reference (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_step_explanation_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GrantStepExplanation *self = GRANT_STEP_EXPLANATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_step_explanation_class_init (GrantStepExplanationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = grant_step_explanation_get_property;
  object_class->set_property = grant_step_explanation_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, GRANT_TYPE_STEP_KIND, GRANT_STEP_API_CALL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PURPOSE] =
    g_param_spec_string ("purpose", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RISK] =
    g_param_spec_string ("risk", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_step_explanation_init (GrantStepExplanation *self)
{
  self->kind = GRANT_STEP_API_CALL;
}

/**
 * grant_step_kind_for_grant_type:
 * @grant_type: (nullable): a token request's grant_type
 *
 * Returns: the kind of token request @grant_type makes; %GRANT_STEP_TOKEN_OTHER for a
 *   grant_type Grant has no explanation of, or none
 */
GrantStepKind
grant_step_kind_for_grant_type (const char *grant_type)
{
  static const struct
  {
    const char    *grant_type;
    GrantStepKind  kind;
  } kinds[] = {
    { "authorization_code", GRANT_STEP_TOKEN_AUTHORIZATION_CODE },
    { "refresh_token", GRANT_STEP_TOKEN_REFRESH },
    { "client_credentials", GRANT_STEP_TOKEN_CLIENT_CREDENTIALS },
    { "urn:ietf:params:oauth:grant-type:device_code", GRANT_STEP_TOKEN_DEVICE_CODE },
    { "password", GRANT_STEP_TOKEN_PASSWORD },
    { "urn:ietf:params:oauth:grant-type:token-exchange", GRANT_STEP_TOKEN_EXCHANGE },
    { "urn:ietf:params:oauth:grant-type:jwt-bearer", GRANT_STEP_TOKEN_JWT_BEARER },
  };

  if (grant_type == NULL)
    return GRANT_STEP_TOKEN_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (grant_type, kinds[i].grant_type))
      return kinds[i].kind;

  return GRANT_STEP_TOKEN_OTHER;
}

/* A URL without its query and fragment, and without a trailing slash: what the URLs of one
 * endpoint have in common. */
static char *
endpoint_of (const char *url)
{
  gsize length = strcspn (url, "?#");

  while (length > 0 && url[length - 1] == '/')
    length--;

  return g_strndup (url, length);
}

/* The token endpoint tells the kind by grant_type; every other endpoint is one kind. */
static GrantStepKind
kind_at_endpoint (GrantHttpRequest *request,
                  GrantStepKind     kind)
{
  if (kind == GRANT_STEP_TOKEN_OTHER)
    return grant_step_kind_for_grant_type (grant_http_request_get_form_field (request,
                                                                              "grant_type"));

  return kind;
}

static const struct
{
  const char    *member;
  GrantStepKind  kind;
} endpoint_members[] = {
  { "token_endpoint", GRANT_STEP_TOKEN_OTHER },
  { "pushed_authorization_request_endpoint", GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST },
  { "device_authorization_endpoint", GRANT_STEP_DEVICE_AUTHORIZATION },
  { "userinfo_endpoint", GRANT_STEP_USERINFO },
  { "introspection_endpoint", GRANT_STEP_INTROSPECTION },
  { "revocation_endpoint", GRANT_STEP_REVOCATION },
  { "authorization_endpoint", GRANT_STEP_AUTHORIZATION_REQUEST },
  { "jwks_uri", GRANT_STEP_JWKS },
};

/* Which of the provider's endpoints @endpoint is, by its metadata and its mTLS aliases
 * (RFC 8705 §5); %FALSE when none. */
static gboolean
kind_from_metadata (GrantProviderMetadata *metadata,
                    const char            *endpoint,
                    GrantStepKind         *kind)
{
  JsonObject *document = grant_provider_metadata_get_document (metadata);
  JsonObject *aliases = NULL;

  if (document != NULL && json_object_has_member (document, "mtls_endpoint_aliases")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (document, "mtls_endpoint_aliases")))
    aliases = json_object_get_object_member (document, "mtls_endpoint_aliases");

  for (guint i = 0; i < G_N_ELEMENTS (endpoint_members); i++)
    {
      const char *urls[2] = {
        grant_provider_metadata_lookup_string (metadata, endpoint_members[i].member),
        aliases != NULL ? json_object_get_string_member_with_default (aliases,
                                                                      endpoint_members[i].member,
                                                                      NULL) : NULL,
      };

      for (guint j = 0; j < G_N_ELEMENTS (urls); j++)
        {
          g_autofree char *known = urls[j] != NULL ? endpoint_of (urls[j]) : NULL;

          if (known != NULL && g_str_equal (known, endpoint))
            {
              *kind = endpoint_members[i].kind;
              return TRUE;
            }
        }
    }

  return FALSE;
}

/* The usual last path segments of the endpoints, for a provider not discovered. */
static gboolean
kind_from_name (const char    *endpoint,
                GrantStepKind *kind)
{
  static const struct
  {
    const char    *name;
    GrantStepKind  kind;
  } names[] = {
    { "token", GRANT_STEP_TOKEN_OTHER },
    { "par", GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST },
    { "push", GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST },
    { "device_authorization", GRANT_STEP_DEVICE_AUTHORIZATION },
    { "devicecode", GRANT_STEP_DEVICE_AUTHORIZATION },
    { "userinfo", GRANT_STEP_USERINFO },
    { "introspect", GRANT_STEP_INTROSPECTION },
    { "introspection", GRANT_STEP_INTROSPECTION },
    { "revoke", GRANT_STEP_REVOCATION },
    { "revocation", GRANT_STEP_REVOCATION },
    { "jwks", GRANT_STEP_JWKS },
    { "jwks.json", GRANT_STEP_JWKS },
    { "certs", GRANT_STEP_JWKS },
    { "authorize", GRANT_STEP_AUTHORIZATION_REQUEST },
    { "authorization", GRANT_STEP_AUTHORIZATION_REQUEST },
  };
  const char *slash = strrchr (endpoint, '/');
  const char *last = slash != NULL ? slash + 1 : endpoint;

  if (strstr (endpoint, "/.well-known/openid-configuration") != NULL
      || strstr (endpoint, "/.well-known/oauth-authorization-server") != NULL)
    {
      *kind = GRANT_STEP_DISCOVERY;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (last, names[i].name) == 0)
      {
        *kind = names[i].kind;
        return TRUE;
      }

  return FALSE;
}

/* Whether the URL's query has @name. */
static gboolean
query_has (const char *url,
           const char *name)
{
  const char *query = strchr (url, '?');
  g_autoptr(GHashTable) params = NULL;

  if (query == NULL)
    return FALSE;
  params = g_uri_parse_params (query + 1, strcspn (query + 1, "#"), "&", G_URI_PARAMS_WWW_FORM,
                               NULL);

  return params != NULL && g_hash_table_contains (params, name);
}

/**
 * grant_step_kind_for_request:
 * @request: a request a flow is about to send
 * @metadata: (nullable): the provider's metadata, to tell its endpoints by their URLs
 *
 * Tells what step @request is: by which of the provider's endpoints it goes to, then by what
 * it carries (a grant_type is a token request, a response_type an authorization request),
 * then by the usual name of its endpoint. A request to none of them is an API call.
 *
 * Returns: the kind of step
 */
GrantStepKind
grant_step_kind_for_request (GrantHttpRequest      *request,
                             GrantProviderMetadata *metadata)
{
  const char *uri;
  g_autofree char *endpoint = NULL;
  GrantStepKind kind;

  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (request), GRANT_STEP_API_CALL);
  g_return_val_if_fail (metadata == NULL || GRANT_IS_PROVIDER_METADATA (metadata),
                        GRANT_STEP_API_CALL);

  uri = grant_http_request_get_uri (request);
  endpoint = endpoint_of (uri);

  if (metadata != NULL && kind_from_metadata (metadata, endpoint, &kind))
    return kind_at_endpoint (request, kind);

  if (grant_http_request_get_form_field (request, "grant_type") != NULL)
    return kind_at_endpoint (request, GRANT_STEP_TOKEN_OTHER);

  /* A pushed request carries the authorization request's parameters in its body. */
  if (grant_http_request_get_form_field (request, "response_type") != NULL)
    return GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST;
  if (query_has (uri, "response_type") || query_has (uri, "request_uri"))
    return GRANT_STEP_AUTHORIZATION_REQUEST;

  if (kind_from_name (endpoint, &kind))
    return kind_at_endpoint (request, kind);

  return GRANT_STEP_API_CALL;
}

/**
 * grant_step_explanation_new:
 * @kind: the kind of step
 *
 * Returns: (transfer full): the explanation of @kind
 */
GrantStepExplanation *
grant_step_explanation_new (GrantStepKind kind)
{
  g_return_val_if_fail (kind < GRANT_STEP_N_KINDS, NULL);

  return g_object_new (GRANT_TYPE_STEP_EXPLANATION, "kind", kind, NULL);
}

/**
 * grant_step_explanation_new_for_request:
 * @request: a request a flow is about to send
 * @metadata: (nullable): the provider's metadata, to tell its endpoints by their URLs
 *
 * Returns: (transfer full): the explanation of the step @request is, as
 *   grant_step_kind_for_request() tells it
 */
GrantStepExplanation *
grant_step_explanation_new_for_request (GrantHttpRequest      *request,
                                        GrantProviderMetadata *metadata)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (request), NULL);

  return grant_step_explanation_new (grant_step_kind_for_request (request, metadata));
}

/**
 * grant_step_explanation_get_kind:
 * @self: a #GrantStepExplanation
 *
 * Returns: the kind of step explained
 */
GrantStepKind
grant_step_explanation_get_kind (GrantStepExplanation *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_EXPLANATION (self), GRANT_STEP_API_CALL);

  return self->kind;
}

/**
 * grant_step_explanation_get_title:
 * @self: a #GrantStepExplanation
 *
 * Returns: the step's name, translated ("Code Exchange")
 */
const char *
grant_step_explanation_get_title (GrantStepExplanation *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_EXPLANATION (self), NULL);

  return _(explanations[self->kind].title);
}

/**
 * grant_step_explanation_get_purpose:
 * @self: a #GrantStepExplanation
 *
 * Returns: what the step is for, in a sentence or two, translated
 */
const char *
grant_step_explanation_get_purpose (GrantStepExplanation *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_EXPLANATION (self), NULL);

  return _(explanations[self->kind].purpose);
}

/**
 * grant_step_explanation_get_risk:
 * @self: a #GrantStepExplanation
 *
 * Returns: what goes wrong without the step, or when it is done wrong, translated
 */
const char *
grant_step_explanation_get_risk (GrantStepExplanation *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_EXPLANATION (self), NULL);

  return _(explanations[self->kind].risk);
}

/**
 * grant_step_explanation_get_reference:
 * @self: a #GrantStepExplanation
 *
 * Returns: the sections of the RFCs (and OpenID specifications) that define the step,
 *   "RFC 6749 §4.1.3, RFC 7636 §4.5"
 */
const char *
grant_step_explanation_get_reference (GrantStepExplanation *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_EXPLANATION (self), NULL);

  return explanations[self->kind].reference;
}
