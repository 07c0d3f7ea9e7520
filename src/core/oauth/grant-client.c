/* grant-client.c
 * An OAuth client as registered with an authorization server, and how it authenticates.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The secret and the private key live here in memory only; the workspace keeps them in the
 * Secret Service. A client authenticates a token, PAR, introspection or revocation request
 * by its token_endpoint_auth_method, each value marked secret in the request.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-client.h"
#include "grant-jws.h"
#include "grant-jws-algorithm.h"
#include "grant-oauth-error.h"
#include "grant-pkce.h"

struct _GrantClient
{
  GObject                parent_instance;

  char                  *client_id;
  char                  *client_secret;
  GrantClientAuthMethod  token_endpoint_auth_method;
  char                  *redirect_uri;
  char                  *scope;
  GrantJwk              *private_key;
  GTlsCertificate       *tls_certificate;
  char                  *id_token_signed_response_alg;
};

G_DEFINE_FINAL_TYPE (GrantClient, grant_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GrantClientAuthMethod, grant_client_auth_method,
  G_DEFINE_ENUM_VALUE (GRANT_CLIENT_AUTH_NONE, "none"),
  G_DEFINE_ENUM_VALUE (GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC, "client_secret_basic"),
  G_DEFINE_ENUM_VALUE (GRANT_CLIENT_AUTH_CLIENT_SECRET_POST, "client_secret_post"),
  G_DEFINE_ENUM_VALUE (GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT, "client_secret_jwt"),
  G_DEFINE_ENUM_VALUE (GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT, "private_key_jwt"),
  G_DEFINE_ENUM_VALUE (GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH, "tls_client_auth"),
  G_DEFINE_ENUM_VALUE (GRANT_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH,
                       "self_signed_tls_client_auth"))

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_CLIENT_SECRET,
  PROP_TOKEN_ENDPOINT_AUTH_METHOD,
  PROP_REDIRECT_URI,
  PROP_SCOPE,
  PROP_PRIVATE_KEY,
  PROP_TLS_CERTIFICATE,
  PROP_ID_TOKEN_SIGNED_RESPONSE_ALG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const auth_method_names[] = {
  [GRANT_CLIENT_AUTH_NONE] = "none",
  [GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC] = "client_secret_basic",
  [GRANT_CLIENT_AUTH_CLIENT_SECRET_POST] = "client_secret_post",
  [GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT] = "client_secret_jwt",
  [GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT] = "private_key_jwt",
  [GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH] = "tls_client_auth",
  [GRANT_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH] = "self_signed_tls_client_auth",
};

static void
grant_client_finalize (GObject *object)
{
  GrantClient *self = (GrantClient *)object;

  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_object (&self->private_key);
  g_clear_object (&self->tls_certificate);
  g_clear_pointer (&self->id_token_signed_response_alg, g_free);

  G_OBJECT_CLASS (grant_client_parent_class)->finalize (object);
}

static void
grant_client_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GrantClient *self = GRANT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_CLIENT_SECRET:
      g_value_set_string (value, self->client_secret);
      break;
    case PROP_TOKEN_ENDPOINT_AUTH_METHOD:
      g_value_set_enum (value, self->token_endpoint_auth_method);
      break;
    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_PRIVATE_KEY:
      g_value_set_object (value, self->private_key);
      break;
    case PROP_TLS_CERTIFICATE:
      g_value_set_object (value, self->tls_certificate);
      break;
    case PROP_ID_TOKEN_SIGNED_RESPONSE_ALG:
      g_value_set_string (value, self->id_token_signed_response_alg);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_client_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GrantClient *self = GRANT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      self->client_id = g_value_dup_string (value);
      break;
    case PROP_CLIENT_SECRET:
      grant_client_set_client_secret (self, g_value_get_string (value));
      break;
    case PROP_TOKEN_ENDPOINT_AUTH_METHOD:
      grant_client_set_token_endpoint_auth_method (self, g_value_get_enum (value));
      break;
    case PROP_REDIRECT_URI:
      grant_client_set_redirect_uri (self, g_value_get_string (value));
      break;
    case PROP_SCOPE:
      grant_client_set_scope (self, g_value_get_string (value));
      break;
    case PROP_PRIVATE_KEY:
      grant_client_set_private_key (self, g_value_get_object (value));
      break;
    case PROP_TLS_CERTIFICATE:
      grant_client_set_tls_certificate (self, g_value_get_object (value));
      break;
    case PROP_ID_TOKEN_SIGNED_RESPONSE_ALG:
      grant_client_set_id_token_signed_response_alg (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_client_class_init (GrantClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = grant_client_finalize;
  object_class->get_property = grant_client_get_property;
  object_class->set_property = grant_client_set_property;

  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_SECRET] =
    g_param_spec_string ("client-secret", NULL, NULL, NULL, flags);
  properties[PROP_TOKEN_ENDPOINT_AUTH_METHOD] =
    g_param_spec_enum ("token-endpoint-auth-method", NULL, NULL,
                       GRANT_TYPE_CLIENT_AUTH_METHOD, GRANT_CLIENT_AUTH_NONE, flags);
  properties[PROP_REDIRECT_URI] =
    g_param_spec_string ("redirect-uri", NULL, NULL, NULL, flags);
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL, flags);
  properties[PROP_PRIVATE_KEY] =
    g_param_spec_object ("private-key", NULL, NULL, GRANT_TYPE_JWK, flags);
  properties[PROP_TLS_CERTIFICATE] =
    g_param_spec_object ("tls-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE, flags);
  properties[PROP_ID_TOKEN_SIGNED_RESPONSE_ALG] =
    g_param_spec_string ("id-token-signed-response-alg", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_client_init (GrantClient *self)
{
}

/**
 * grant_client_new:
 * @client_id: the client_id the authorization server issued
 *
 * Returns: (transfer full): a public client (token_endpoint_auth_method `none`)
 */
GrantClient *
grant_client_new (const char *client_id)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (GRANT_TYPE_CLIENT, "client-id", client_id, NULL);
}

/**
 * grant_client_auth_method_from_string:
 * @name: a token_endpoint_auth_method as registered (RFC 7591 §2)
 * @method: (out): return location for the method
 *
 * Returns: whether @name is a method Grant knows
 */
gboolean
grant_client_auth_method_from_string (const char            *name,
                                      GrantClientAuthMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (auth_method_names); i++)
    if (g_strcmp0 (auth_method_names[i], name) == 0)
      {
        *method = (GrantClientAuthMethod) i;
        return TRUE;
      }

  return FALSE;
}

const char *
grant_client_auth_method_to_string (GrantClientAuthMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (auth_method_names), NULL);

  return auth_method_names[method];
}

/**
 * grant_client_auth_method_uses_tls:
 * @method: a #GrantClientAuthMethod
 *
 * Returns: whether @method authenticates with a TLS client certificate, so that requests
 *   go to the provider's mtls_endpoint_aliases (RFC 8705 §5)
 */
gboolean
grant_client_auth_method_uses_tls (GrantClientAuthMethod method)
{
  return method == GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH
         || method == GRANT_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH;
}

const char *
grant_client_get_client_id (GrantClient *self)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);

  return self->client_id;
}

const char *
grant_client_get_client_secret (GrantClient *self)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);

  return self->client_secret;
}

static void
set_string (GrantClient  *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
grant_client_set_client_secret (GrantClient *self,
                                const char  *client_secret)
{
  g_return_if_fail (GRANT_IS_CLIENT (self));

  set_string (self, &self->client_secret, client_secret, PROP_CLIENT_SECRET);
}

GrantClientAuthMethod
grant_client_get_token_endpoint_auth_method (GrantClient *self)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), GRANT_CLIENT_AUTH_NONE);

  return self->token_endpoint_auth_method;
}

void
grant_client_set_token_endpoint_auth_method (GrantClient           *self,
                                             GrantClientAuthMethod  method)
{
  g_return_if_fail (GRANT_IS_CLIENT (self));
  g_return_if_fail ((guint) method < G_N_ELEMENTS (auth_method_names));

  if (self->token_endpoint_auth_method == method)
    return;

  self->token_endpoint_auth_method = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_ENDPOINT_AUTH_METHOD]);
}

const char *
grant_client_get_redirect_uri (GrantClient *self)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);

  return self->redirect_uri;
}

void
grant_client_set_redirect_uri (GrantClient *self,
                               const char  *redirect_uri)
{
  g_return_if_fail (GRANT_IS_CLIENT (self));

  set_string (self, &self->redirect_uri, redirect_uri, PROP_REDIRECT_URI);
}

const char *
grant_client_get_scope (GrantClient *self)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);

  return self->scope;
}

void
grant_client_set_scope (GrantClient *self,
                        const char  *scope)
{
  g_return_if_fail (GRANT_IS_CLIENT (self));

  set_string (self, &self->scope, scope, PROP_SCOPE);
}

/**
 * grant_client_get_private_key:
 * @self: a #GrantClient
 *
 * Returns: (transfer none) (nullable): the key private_key_jwt signs with
 */
GrantJwk *
grant_client_get_private_key (GrantClient *self)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);

  return self->private_key;
}

void
grant_client_set_private_key (GrantClient *self,
                              GrantJwk    *key)
{
  g_return_if_fail (GRANT_IS_CLIENT (self));
  g_return_if_fail (key == NULL || GRANT_IS_JWK (key));

  if (g_set_object (&self->private_key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIVATE_KEY]);
}

/**
 * grant_client_get_tls_certificate:
 * @self: a #GrantClient
 *
 * Returns: (transfer none) (nullable): the certificate, with its key, for mutual TLS
 */
GTlsCertificate *
grant_client_get_tls_certificate (GrantClient *self)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);

  return self->tls_certificate;
}

void
grant_client_set_tls_certificate (GrantClient     *self,
                                  GTlsCertificate *certificate)
{
  g_return_if_fail (GRANT_IS_CLIENT (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  if (g_set_object (&self->tls_certificate, certificate))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_CERTIFICATE]);
}

/**
 * grant_client_get_id_token_signed_response_alg:
 * @self: a #GrantClient
 *
 * Returns: (nullable): the algorithm the client registered for its ID tokens (OpenID Connect
 *   Dynamic Client Registration §2), or %NULL to accept any asymmetric one
 */
const char *
grant_client_get_id_token_signed_response_alg (GrantClient *self)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);

  return self->id_token_signed_response_alg;
}

/**
 * grant_client_set_id_token_signed_response_alg:
 * @self: a #GrantClient
 * @alg: (nullable): the one algorithm to accept for ID tokens, such as HS256 for a client
 *   whose ID tokens are MACed with its secret; %NULL for any asymmetric one
 */
void
grant_client_set_id_token_signed_response_alg (GrantClient *self,
                                               const char  *alg)
{
  g_return_if_fail (GRANT_IS_CLIENT (self));

  set_string (self, &self->id_token_signed_response_alg, alg,
              PROP_ID_TOKEN_SIGNED_RESPONSE_ALG);
}

static gboolean
require_secret (GrantClient  *self,
                GError      **error)
{
  if (self->client_secret != NULL && *self->client_secret != '\0')
    return TRUE;

  g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
               _("The client “%s” (%s) has no client secret to authenticate or sign with: "
               "enter it, or choose another authentication method"), self->client_id,
               auth_method_names[self->token_endpoint_auth_method]);

  return FALSE;
}

/**
 * grant_client_make_assertion:
 * @self: a #GrantClient
 * @audience: the `aud`: the URL of the endpoint the assertion is for
 * @subject: (nullable): the `sub`; %NULL for the client itself (a client assertion)
 * @error: return location for a #GError
 *
 * Makes a JWT assertion (RFC 7523 §3, OpenID Connect Core §9): `iss` the client ID, `sub`
 * @subject or the client ID, `aud` @audience, a random `jti`, `iat` now and `exp` a minute
 * later. A private_key_jwt client signs with its private key; a client_secret_jwt client
 * with HS256 and its secret; another client with its private key if it has one, else its
 * secret.
 *
 * Returns: (transfer full): the assertion, or %NULL with @error set
 */
char *
grant_client_make_assertion (GrantClient  *self,
                             const char   *audience,
                             const char   *subject,
                             GError      **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GrantJwk) secret_key = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *jti = grant_pkce_new_verifier (GRANT_PKCE_VERIFIER_MIN_LENGTH);
  g_autofree char *text = NULL;
  GrantJwk *key;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (audience != NULL, NULL);

  if (self->token_endpoint_auth_method == GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT
      && self->private_key == NULL)
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                   _("The client “%s” authenticates with private_key_jwt but has no private "
                   "key: generate one or import it from a PEM or JWK file"), self->client_id);
      return NULL;
    }

  if (self->private_key != NULL
      && self->token_endpoint_auth_method != GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT)
    {
      key = self->private_key;
    }
  else
    {
      g_autoptr(GBytes) secret = NULL;

      if (!require_secret (self, error))
        return NULL;
      secret = g_bytes_new (self->client_secret, strlen (self->client_secret));
      key = secret_key = grant_jwk_new_from_secret (secret);
    }

  json_object_set_string_member (header, "alg", grant_jws_algorithm_for_key (key));
  json_object_set_string_member (header, "typ", "JWT");
  if (grant_jwk_get_kid (key) != NULL)
    json_object_set_string_member (header, "kid", grant_jwk_get_kid (key));

  json_object_set_string_member (claims, "iss", self->client_id);
  json_object_set_string_member (claims, "sub", subject != NULL ? subject : self->client_id);
  json_object_set_string_member (claims, "aud", audience);
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "exp", now + GRANT_CLIENT_ASSERTION_LIFETIME);
  json_node_set_object (node, claims);
  text = json_to_string (node, FALSE);
  payload = g_bytes_new (text, strlen (text));

  return grant_jws_sign (header, payload, key, error);
}

/**
 * grant_client_authenticate:
 * @self: a #GrantClient
 * @request: a request to the token, PAR, introspection or revocation endpoint
 * @audience: the endpoint's URL, the `aud` of a client assertion
 * @error: return location for a #GError
 *
 * Adds the client's authentication to @request by its token_endpoint_auth_method:
 * `client_id` alone for `none`; an HTTP Basic header of the form-encoded ID and secret
 * (RFC 6749 §2.3.1) for `client_secret_basic`; `client_id` and `client_secret` for
 * `client_secret_post`; `client_assertion_type` and `client_assertion` (with `client_id`)
 * for the JWT methods; `client_id` and the client certificate for the TLS methods. Every
 * credential is marked secret.
 *
 * Returns: %TRUE, or %FALSE with @error set when the client lacks what its method needs
 */
gboolean
grant_client_authenticate (GrantClient       *self,
                           GrantHttpRequest  *request,
                           const char        *audience,
                           GError           **error)
{
  g_return_val_if_fail (GRANT_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (request), FALSE);

  switch (self->token_endpoint_auth_method)
    {
    case GRANT_CLIENT_AUTH_NONE:
      grant_http_request_set_form_field (request, "client_id", self->client_id, FALSE);
      return TRUE;

    case GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC:
      {
        g_autofree char *id = NULL;
        g_autofree char *secret = NULL;
        g_autofree char *pair = NULL;
        g_autofree char *encoded = NULL;
        g_autofree char *header = NULL;

        if (!require_secret (self, error))
          return FALSE;
        id = grant_http_request_form_encode (self->client_id);
        secret = grant_http_request_form_encode (self->client_secret);
        pair = g_strconcat (id, ":", secret, NULL);
        encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
        header = g_strconcat ("Basic ", encoded, NULL);
        grant_http_request_set_header (request, "Authorization", header, TRUE);
        return TRUE;
      }

    case GRANT_CLIENT_AUTH_CLIENT_SECRET_POST:
      if (!require_secret (self, error))
        return FALSE;
      grant_http_request_set_form_field (request, "client_id", self->client_id, FALSE);
      grant_http_request_set_form_field (request, "client_secret", self->client_secret, TRUE);
      return TRUE;

    case GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT:
    case GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT:
      {
        g_autofree char *assertion = grant_client_make_assertion (self, audience, NULL, error);

        if (assertion == NULL)
          return FALSE;
        grant_http_request_set_form_field (request, "client_id", self->client_id, FALSE);
        grant_http_request_set_form_field (request, "client_assertion_type",
                                           "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                           FALSE);
        grant_http_request_set_form_field (request, "client_assertion", assertion, TRUE);
        return TRUE;
      }

    case GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH:
    case GRANT_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH:
      if (self->tls_certificate == NULL)
        {
          g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                       _("The client “%s” authenticates with %s but has no client "
                       "certificate: import its certificate and key from PEM files"),
                       self->client_id, auth_method_names[self->token_endpoint_auth_method]);
          return FALSE;
        }
      grant_http_request_set_form_field (request, "client_id", self->client_id, FALSE);
      grant_http_request_set_tls_certificate (request, self->tls_certificate);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * grant_client_dup_verification_keys:
 * @self: a #GrantClient
 * @provider_keys: the provider's key set
 *
 * The keys that may have signed what the provider sends this client: the provider's, and,
 * when the client has a secret, that secret as an `oct` key, since HS* ID tokens and signed
 * UserInfo responses are MACed with it (OpenID Connect Core §10.1).
 *
 * Returns: (transfer full): @provider_keys itself, or a new set with the secret added
 */
GrantJwks *
grant_client_dup_verification_keys (GrantClient *self,
                                    GrantJwks   *provider_keys)
{
  g_autoptr(GrantJwks) keys = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GrantJwk) secret_key = NULL;
  guint n;

  g_return_val_if_fail (GRANT_IS_CLIENT (self), NULL);
  g_return_val_if_fail (GRANT_IS_JWKS (provider_keys), NULL);

  if (self->client_secret == NULL || *self->client_secret == '\0')
    return g_object_ref (provider_keys);

  keys = grant_jwks_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (provider_keys));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantJwk) key = g_list_model_get_item (G_LIST_MODEL (provider_keys), i);

      grant_jwks_add (keys, key);
    }
  secret = g_bytes_new (self->client_secret, strlen (self->client_secret));
  secret_key = grant_jwk_new_from_secret (secret);
  grant_jwks_add (keys, secret_key);

  return g_steal_pointer (&keys);
}
