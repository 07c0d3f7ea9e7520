/* grant-practice-token.c
 * The practice provider's back channel: token, device authorization, introspection, revocation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <openssl/crypto.h>
#include <string.h>

#include "grant-jose-json.h"
#include "grant-pkce.h"
#include "grant-practice-dpop.h"
#include "grant-practice-http.h"
#include "grant-practice-token.h"
#include "grant-practice-tokens.h"

#define GRANT_TYPE_DEVICE_CODE "urn:ietf:params:oauth:grant-type:device_code"

/* RFC 8628 §3.2: how long a device code lives and how often the device may poll, in seconds. */
#define DEVICE_CODE_LIFETIME 600
#define DEVICE_POLL_INTERVAL 5

/* The password every demo user has, for the legacy password grant. */
#define DEMO_PASSWORD "practice"

/* The scopes a service may get by the client credentials grant: the API's, none about a user. */
static const char * const machine_scopes[] = { "photos:read", "photos:write", "profile", NULL };

typedef struct
{
  GrantPracticeServer       *server;
  SoupServerMessage         *msg;
  GHashTable                *form;
  const GrantPracticeClient *client;
  /* The DPoP key's thumbprint, when the request carried a valid proof. */
  char                      *jkt;
} TokenRequest;

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static const char *
param (TokenRequest *request,
       const char   *name)
{
  const char *value = g_hash_table_lookup (request->form, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static void
send_error (TokenRequest *request,
            const char   *error,
            const char   *description)
{
  grant_practice_http_send_oauth_error (request->msg, SOUP_STATUS_BAD_REQUEST, error, description);
}

static gboolean
scope_within (const char *scope,
              const char *granted)
{
  g_auto(GStrv) items = g_strsplit (scope != NULL ? scope : "", " ", -1);

  for (guint i = 0; items[i] != NULL; i++)
    if (*items[i] != '\0' && !grant_practice_tokens_has_scope (granted, items[i]))
      return FALSE;

  return TRUE;
}

/* Issues the access token, and the refresh and ID tokens the grant calls for, and answers. */
static void
send_tokens (TokenRequest *request,
             const char   *sub,
             const char   *scope,
             gint64        auth_time,
             const char   *nonce,
             const char   *family,
             gboolean      with_refresh_token)
{
  g_autoptr(GrantPracticeAccessToken) access_token = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(GError) error = NULL;

  access_token = grant_practice_tokens_issue_access_token (request->server,
                                                           request->client->client_id, sub, scope,
                                                           auth_time, family, request->jkt,
                                                           &error);
  if (access_token == NULL)
    {
      grant_practice_http_send_oauth_error (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                            "server_error", error->message);
      return;
    }

  json_object_set_string_member (answer, "access_token", access_token->token);
  json_object_set_string_member (answer, "token_type", request->jkt != NULL ? "DPoP" : "Bearer");
  json_object_set_int_member (answer, "expires_in", access_token->expires_in);
  if (scope != NULL && *scope != '\0')
    json_object_set_string_member (answer, "scope", scope);

  if (with_refresh_token)
    {
      GrantPracticeGrant *grant = g_new0 (GrantPracticeGrant, 1);
      g_autofree char *refresh_token = NULL;

      grant->client_id = g_strdup (request->client->client_id);
      grant->sub = g_strdup (sub);
      grant->scope = g_strdup (scope);
      grant->auth_time = auth_time;
      grant->family = g_strdup (family);
      grant->expires = now () + GRANT_PRACTICE_REFRESH_TOKEN_LIFETIME;
      /* RFC 9449 §5: a public client's refresh tokens are bound to its DPoP key. */
      if (request->client->client_secret == NULL)
        grant->jkt = g_strdup (request->jkt);
      refresh_token = grant_practice_store_add_refresh_token (
        grant_practice_server_get_store (request->server), grant);
      json_object_set_string_member (answer, "refresh_token", refresh_token);
    }

  if (sub != NULL && grant_practice_tokens_has_scope (scope, "openid"))
    {
      g_autofree char *id_token = NULL;

      id_token = grant_practice_tokens_issue_id_token (request->server, request->client, sub,
                                                       scope, nonce, auth_time,
                                                       access_token->token, &error);
      if (id_token == NULL)
        {
          grant_practice_http_send_oauth_error (request->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                                "server_error", error->message);
          return;
        }
      json_object_set_string_member (answer, "id_token", id_token);
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Pragma", "no-cache");
  grant_practice_http_send_json (request->msg, SOUP_STATUS_OK, answer);
}

static void
authorization_code_grant (TokenRequest *request)
{
  GrantPracticeStore *store = grant_practice_server_get_store (request->server);
  const char *code = param (request, "code");
  const char *redirect_uri = param (request, "redirect_uri");
  const char *code_verifier = param (request, "code_verifier");
  GrantPracticeGrant *grant;
  g_autofree char *family = NULL;

  if (code == NULL)
    {
      send_error (request, "invalid_request", "The code parameter is missing.");
      return;
    }

  grant = grant_practice_store_lookup_code (store, code);
  if (grant == NULL)
    {
      send_error (request, "invalid_grant", "The authorization code is unknown or expired.");
      return;
    }
  if (grant->used)
    {
      /* RFC 6749 §4.1.2: a code used twice revokes what it gave the first time. */
      if (grant->family != NULL)
        grant_practice_store_revoke_family (store, grant->family);
      send_error (request, "invalid_grant",
                  "The authorization code was used already; the tokens it gave are "
                  "revoked now.");
      return;
    }
  if (strcmp (grant->client_id, request->client->client_id) != 0)
    {
      send_error (request, "invalid_grant", "The authorization code was issued to another "
                                            "client.");
      return;
    }
  if (g_strcmp0 (redirect_uri, grant->redirect_uri) != 0)
    {
      send_error (request, "invalid_grant", "The redirect_uri is not the one in the "
                                            "authorization request (RFC 6749 §4.1.3).");
      return;
    }
  if (grant->code_challenge != NULL)
    {
      if (code_verifier == NULL)
        {
          send_error (request, "invalid_grant", "The code_verifier is missing: the "
                                                "authorization request had a "
                                                "code_challenge (RFC 7636 §4.5).");
          return;
        }
      if (!grant_pkce_check_verifier (code_verifier, NULL)
          || !grant_pkce_matches (code_verifier, GRANT_PKCE_METHOD_S256, grant->code_challenge))
        {
          send_error (request, "invalid_grant", "The code_verifier does not match the "
                                                "code_challenge (RFC 7636 §4.6).");
          return;
        }
    }
  else if (code_verifier != NULL)
    {
      send_error (request, "invalid_grant", "A code_verifier came, but the authorization "
                                            "request had no code_challenge.");
      return;
    }

  grant->used = TRUE;
  family = grant_practice_store_new_secret ();
  grant->family = g_strdup (family);
  send_tokens (request, grant->sub, grant->scope, grant->auth_time, grant->nonce, family,
               request->client->grants & GRANT_PRACTICE_GRANT_REFRESH_TOKEN);
}

static void
refresh_token_grant (TokenRequest *request)
{
  GrantPracticeStore *store = grant_practice_server_get_store (request->server);
  const char *refresh_token = param (request, "refresh_token");
  const char *scope = param (request, "scope");
  GrantPracticeGrant *grant;
  g_autofree char *family = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *granted = NULL;

  if (refresh_token == NULL)
    {
      send_error (request, "invalid_request", "The refresh_token parameter is missing.");
      return;
    }

  grant = grant_practice_store_lookup_refresh_token (store, refresh_token);
  if (grant == NULL)
    {
      send_error (request, "invalid_grant", "The refresh token is unknown, expired or "
                                            "revoked.");
      return;
    }
  if (strcmp (grant->client_id, request->client->client_id) != 0)
    {
      send_error (request, "invalid_grant", "The refresh token was issued to another "
                                            "client.");
      return;
    }
  if (grant->used)
    {
      if (grant_practice_server_get_fault (request->server,
                                           GRANT_PRACTICE_FAULT_REFRESH_REUSE_DETECTION, NULL))
        {
          grant_practice_store_revoke_family (store, grant->family);
          send_error (request, "invalid_grant",
                      "This refresh token was rotated already. Presenting it again "
                      "looks like theft, so every token of its grant is revoked now "
                      "(reuse detection).");
          return;
        }
      send_error (request, "invalid_grant", "This refresh token was rotated already: "
                                            "use the newest one.");
      return;
    }
  if (grant->jkt != NULL && g_strcmp0 (grant->jkt, request->jkt) != 0)
    {
      send_error (request, "invalid_grant", "This refresh token is bound to a DPoP key: "
                                            "send a proof made with that key (RFC 9449 §5).");
      return;
    }
  if (scope != NULL && !scope_within (scope, grant->scope))
    {
      grant_practice_http_send_oauth_error (request->msg, SOUP_STATUS_BAD_REQUEST,
                                            "invalid_scope",
                                            "A refresh may ask for the scope granted or "
                                            "less, never more (RFC 6749 §6).");
      return;
    }

  grant->used = TRUE;
  family = g_strdup (grant->family);
  sub = g_strdup (grant->sub);
  granted = g_strdup (scope != NULL ? scope : grant->scope);
  send_tokens (request, sub, granted, grant->auth_time, NULL, family, TRUE);
}

static void
client_credentials_grant (TokenRequest *request)
{
  const char *scope = param (request, "scope");
  g_auto(GStrv) items = NULL;

  if (request->client->client_secret == NULL)
    {
      send_error (request, "unauthorized_client", "A public client cannot use the client "
                                                  "credentials grant.");
      return;
    }

  if (scope == NULL)
    scope = "photos:read";
  items = g_strsplit (scope, " ", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (*items[i] != '\0' && !g_strv_contains (machine_scopes, items[i]))
      {
        g_autofree char *description =
          g_strdup_printf ("The scope “%s” cannot be granted to a client acting for itself; "
                           "it may have photos:read, photos:write and profile.", items[i]);

        send_error (request, "invalid_scope", description);
        return;
      }

  send_tokens (request, NULL, scope, 0, NULL, NULL, FALSE);
}

static void
device_code_grant (TokenRequest *request)
{
  GrantPracticeStore *store = grant_practice_server_get_store (request->server);
  GrantPracticeDevice *device = grant_practice_store_lookup_device (store,
                                                                    param (request, "device_code"));
  gint64 polled = g_get_monotonic_time ();
  g_autofree char *family = NULL;

  if (param (request, "device_code") == NULL)
    {
      send_error (request, "invalid_request", "The device_code parameter is missing.");
      return;
    }
  if (device == NULL || strcmp (device->client_id, request->client->client_id) != 0)
    {
      send_error (request, "invalid_grant", "The device code is unknown.");
      return;
    }
  if (device->expires < now ())
    {
      send_error (request, "expired_token", "The device code expired: start again.");
      return;
    }

  switch (device->status)
    {
    case GRANT_PRACTICE_DEVICE_PENDING:
      if (device->last_poll != 0
          && polled - device->last_poll < (gint64) device->interval * G_USEC_PER_SEC)
        {
          device->interval += 5;
          device->last_poll = polled;
          send_error (request, "slow_down", "Polled too fast: wait 5 seconds more "
                                            "between requests (RFC 8628 §3.5).");
          return;
        }
      device->last_poll = polled;
      send_error (request, "authorization_pending", "The user has not approved yet.");
      return;

    case GRANT_PRACTICE_DEVICE_DENIED:
      send_error (request, "access_denied", "The user denied the request.");
      return;

    case GRANT_PRACTICE_DEVICE_REDEEMED:
      send_error (request, "invalid_grant", "The device code was used already.");
      return;

    case GRANT_PRACTICE_DEVICE_APPROVED:
    default:
      break;
    }

  device->status = GRANT_PRACTICE_DEVICE_REDEEMED;
  family = grant_practice_store_new_secret ();
  send_tokens (request, device->sub, device->scope, device->auth_time, NULL, family,
               request->client->grants & GRANT_PRACTICE_GRANT_REFRESH_TOKEN);
}

static void
password_grant (TokenRequest *request)
{
  const char *username = param (request, "username");
  const char *password = param (request, "password");
  const char *scope = param (request, "scope");
  g_autofree char *unknown = NULL;
  g_autofree char *family = NULL;

  if (!grant_practice_server_get_fault (request->server, GRANT_PRACTICE_FAULT_PASSWORD_GRANT,
                                        NULL))
    {
      send_error (request, "unsupported_grant_type",
                  "The password grant is switched off: turn on “Allow the Password Grant” "
                  "on the Practice Provider page. It is legacy; prefer the authorization "
                  "code flow.");
      return;
    }
  if (username == NULL || password == NULL)
    {
      send_error (request, "invalid_request", "The username and password parameters are "
                                              "required.");
      return;
    }
  if (grant_practice_directory_find_user (username) == NULL
      || strlen (password) != strlen (DEMO_PASSWORD)
      || CRYPTO_memcmp (password, DEMO_PASSWORD, strlen (DEMO_PASSWORD)) != 0)
    {
      send_error (request, "invalid_grant", "Unknown user or wrong password (every demo "
                                            "user's is “practice”).");
      return;
    }
  if (!grant_practice_directory_check_scope (scope, &unknown))
    {
      g_autofree char *description = g_strdup_printf ("Unknown scope “%s”.", unknown);

      send_error (request, "invalid_scope", description);
      return;
    }

  family = grant_practice_store_new_secret ();
  send_tokens (request, username, scope, now (), NULL, family,
               request->client->grants & GRANT_PRACTICE_GRANT_REFRESH_TOKEN);
}

static const struct
{
  const char          *grant_type;
  GrantPracticeGrants  grant;
  void               (*handle) (TokenRequest *request);
} grants[] = {
  { "authorization_code", GRANT_PRACTICE_GRANT_AUTHORIZATION_CODE, authorization_code_grant },
  { "refresh_token", GRANT_PRACTICE_GRANT_REFRESH_TOKEN, refresh_token_grant },
  { "client_credentials", GRANT_PRACTICE_GRANT_CLIENT_CREDENTIALS, client_credentials_grant },
  { GRANT_TYPE_DEVICE_CODE, GRANT_PRACTICE_GRANT_DEVICE_CODE, device_code_grant },
  { "password", GRANT_PRACTICE_GRANT_PASSWORD, password_grant },
};

static void
handle_token_request (GrantPracticeServer *server,
                      SoupServerMessage   *msg)
{
  g_autoptr(GHashTable) form = NULL;
  TokenRequest request = { server, msg, NULL, NULL, NULL };
  const char *grant_type;

  if (grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_TOKEN_ENDPOINT_ERROR, NULL))
    {
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                            "server_error", "The practice provider's "
                                            "token-endpoint-error fault is on.");
      return;
    }

  if (!grant_practice_http_require_post_form (msg))
    return;

  form = grant_practice_http_read_form (msg, NULL);
  request.form = form;
  request.client = grant_practice_http_authenticate_client (msg, form);
  if (request.client == NULL)
    return;

  if (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "DPoP") != NULL)
    {
      g_autoptr(GError) error = NULL;

      request.jkt = grant_practice_dpop_check_proof (server, msg, NULL, &error);
      if (request.jkt == NULL)
        {
          grant_practice_http_send_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_dpop_proof",
                                                error->message);
          return;
        }
    }

  grant_type = param (&request, "grant_type");
  if (grant_type == NULL)
    {
      send_error (&request, "invalid_request", "The grant_type parameter is missing.");
    }
  else
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (grants); i++)
        if (strcmp (grants[i].grant_type, grant_type) == 0)
          break;

      if (i == G_N_ELEMENTS (grants))
        send_error (&request, "unsupported_grant_type", "The practice provider does not know "
                                                        "this grant type.");
      else if (!(request.client->grants & grants[i].grant))
        send_error (&request, "unauthorized_client", "This client is not registered for this "
                                                     "grant type.");
      else
        grants[i].handle (&request);
    }

  g_free (request.jkt);
}

typedef struct
{
  GrantPracticeServer *server;
  SoupServerMessage   *msg;
} DelayedRequest;

static gboolean
delayed_token_request_cb (gpointer data)
{
  DelayedRequest *delayed = data;

  handle_token_request (delayed->server, delayed->msg);

  return G_SOURCE_REMOVE;
}

static void
token_cb (SoupServer        *soup_server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  GrantPracticeServer *server = user_data;
  guint delay = 0;

  if (grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT, &delay))
    {
      DelayedRequest *delayed = g_new0 (DelayedRequest, 1);

      delayed->server = server;
      delayed->msg = msg;
      grant_practice_server_delay (server, msg, delay, delayed_token_request_cb, delayed, g_free);
      return;
    }

  handle_token_request (server, msg);
}

static void
device_authorization_cb (SoupServer        *soup_server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  GrantPracticeServer *server = user_data;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autofree char *unknown = NULL;
  g_autofree char *verification_uri = NULL;
  g_autofree char *verification_uri_complete = NULL;
  const GrantPracticeClient *client;
  GrantPracticeDevice *device;
  const char *scope;

  /* The tokens at the end of this flow are signed: the keys are made while the user approves. */
  grant_practice_server_prepare_keys (server);
  if (!grant_practice_http_require_post_form (msg))
    return;

  form = grant_practice_http_read_form (msg, NULL);
  client = grant_practice_http_authenticate_client (msg, form);
  if (client == NULL)
    return;
  if (!(client->grants & GRANT_PRACTICE_GRANT_DEVICE_CODE))
    {
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_BAD_REQUEST,
                                            "unauthorized_client",
                                            "This client is not registered for the device "
                                            "flow; practice-tv is.");
      return;
    }

  scope = g_hash_table_lookup (form, "scope");
  if (!grant_practice_directory_check_scope (scope, &unknown))
    {
      g_autofree char *description = g_strdup_printf ("Unknown scope “%s”.", unknown);

      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_scope",
                                            description);
      return;
    }

  device = g_new0 (GrantPracticeDevice, 1);
  device->client_id = g_strdup (client->client_id);
  device->scope = g_strdup (scope != NULL ? scope : "openid");
  device->expires = now () + DEVICE_CODE_LIFETIME;
  device->interval = DEVICE_POLL_INTERVAL;
  device = grant_practice_store_add_device (grant_practice_server_get_store (server), device);

  verification_uri = grant_practice_server_dup_url (server, "/device");
  verification_uri_complete = g_strdup_printf ("%s?user_code=%s", verification_uri,
                                               device->user_code);
  json_object_set_string_member (answer, "device_code", device->device_code);
  json_object_set_string_member (answer, "user_code", device->user_code);
  json_object_set_string_member (answer, "verification_uri", verification_uri);
  json_object_set_string_member (answer, "verification_uri_complete", verification_uri_complete);
  json_object_set_int_member (answer, "expires_in", DEVICE_CODE_LIFETIME);
  json_object_set_int_member (answer, "interval", device->interval);
  grant_practice_http_send_json (msg, SOUP_STATUS_OK, answer);
}

static void
set_claim (JsonObject *answer,
           JsonObject *claims,
           const char *name)
{
  JsonNode *node = json_object_get_member (claims, name);

  if (node != NULL)
    json_object_set_member (answer, name, json_node_copy (node));
}

/* The start of an introspection or revocation request (RFC 7662 §2.1, RFC 7009 §2.1): a form
 * POST from an authenticated client, with a token. Answers and returns NULL otherwise. */
static GHashTable *
read_token_request (SoupServerMessage          *msg,
                    const GrantPracticeClient **client,
                    const char                **token)
{
  g_autoptr(GHashTable) form = NULL;

  if (!grant_practice_http_require_post_form (msg))
    return NULL;

  form = grant_practice_http_read_form (msg, NULL);
  *client = grant_practice_http_authenticate_client (msg, form);
  if (*client == NULL)
    return NULL;

  *token = g_hash_table_lookup (form, "token");
  if (*token == NULL || **token == '\0')
    {
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                            "The token parameter is missing.");
      return NULL;
    }

  return g_steal_pointer (&form);
}

static void
introspect_cb (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  static const char * const claims_shown[] = {
    "scope", "client_id", "sub", "exp", "iat", "iss", "aud", "jti", "auth_time", "cnf",
  };
  GrantPracticeServer *server = user_data;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonObject) claims = NULL;
  const GrantPracticeClient *client;
  GrantPracticeGrant *grant;
  const char *token;

  form = read_token_request (msg, &client, &token);
  if (form == NULL)
    return;
  if (client->client_secret == NULL)
    {
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                                            "Introspection is for confidential clients "
                                            "(RFC 7662 §2.1).");
      return;
    }

  grant = grant_practice_store_lookup_refresh_token (grant_practice_server_get_store (server),
                                                     token);
  if (grant != NULL && !grant->used)
    {
      json_object_set_boolean_member (answer, "active", TRUE);
      json_object_set_string_member (answer, "token_type", "refresh_token");
      json_object_set_string_member (answer, "client_id", grant->client_id);
      if (grant->scope != NULL)
        json_object_set_string_member (answer, "scope", grant->scope);
      if (grant->sub != NULL)
        json_object_set_string_member (answer, "sub", grant->sub);
      json_object_set_int_member (answer, "exp", grant->expires);
      json_object_set_string_member (answer, "iss", grant_practice_server_get_issuer (server));
    }
  else if ((claims = grant_practice_tokens_verify_access_token (server, token, NULL)) != NULL)
    {
      json_object_set_boolean_member (answer, "active", TRUE);
      json_object_set_string_member (answer, "token_type",
                                     json_object_has_member (claims, "cnf") ? "DPoP" : "Bearer");
      for (guint i = 0; i < G_N_ELEMENTS (claims_shown); i++)
        set_claim (answer, claims, claims_shown[i]);
    }
  else
    json_object_set_boolean_member (answer, "active", FALSE);

  grant_practice_http_send_json (msg, SOUP_STATUS_OK, answer);
}

static void
revoke_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  GrantPracticeServer *server = user_data;
  GrantPracticeStore *store = grant_practice_server_get_store (server);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) claims = NULL;
  const GrantPracticeClient *client;
  GrantPracticeGrant *grant;
  const char *token;

  form = read_token_request (msg, &client, &token);
  if (form == NULL)
    return;

  /* RFC 7009 §2.1: revoking a refresh token revokes the access tokens of its grant too. A token
   * of another client, or an unknown one, gets the same 200 and is left alone (§2.2). */
  grant = grant_practice_store_lookup_refresh_token (store, token);
  if (grant != NULL && strcmp (grant->client_id, client->client_id) == 0)
    grant_practice_store_revoke_family (store, grant->family);
  else if ((claims = grant_practice_tokens_verify_access_token (server, token, NULL)) != NULL
           && g_strcmp0 (grant_jose_json_lookup_string (claims, "client_id"),
                         client->client_id) == 0)
    grant_practice_store_revoke_access_token (store, grant_jose_json_lookup_string (claims, "jti"),
                                              json_object_get_int_member (claims, "exp"));

  grant_practice_http_send_text (msg, SOUP_STATUS_OK, "application/json", "{}");
}

/**
 * grant_practice_token_add_handlers:
 * @server: the server
 *
 * Serves the token, device authorization, introspection and revocation endpoints.
 */
void
grant_practice_token_add_handlers (GrantPracticeServer *server)
{
  SoupServer *soup_server = grant_practice_server_get_soup_server (server);

  soup_server_add_handler (soup_server, "/token", token_cb, server, NULL);
  soup_server_add_handler (soup_server, "/device_authorization", device_authorization_cb, server,
                           NULL);
  soup_server_add_handler (soup_server, "/introspect", introspect_cb, server, NULL);
  soup_server_add_handler (soup_server, "/revoke", revoke_cb, server, NULL);
}
