/* grant-token-operations.c
 * What a client does with a token once it has it: UserInfo (OpenID Connect Core §5.3),
 * introspection (RFC 7662) and revocation (RFC 7009).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each is one request through grant_oauth_request_send_async(), so it is recorded, passes
 * the interceptor, and carries DPoP when the token is bound. A signed UserInfo response is
 * verified like an ID token's signature before its claims are believed, and a UserInfo `sub`
 * other than the ID token's is refused (§5.3.2: it may be a substitution attack).
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-jose-json.h"
#include "grant-jws.h"
#include "grant-oauth-error.h"
#include "grant-oauth-request.h"
#include "grant-token-operations.h"
#include "grant-token-response.h"

/* UserInfo, introspection and revocation answers are small. */
#define MAX_RESPONSE_SIZE (1024 * 1024)

typedef struct
{
  GrantProvider     *provider;
  GrantClient       *client;
  GrantHttpClient   *http_client;
  char              *expected_sub;
  GrantJws          *jws;
  GrantUserinfoForm  form;
} Operation;

static void
operation_free (Operation *operation)
{
  g_clear_object (&operation->provider);
  g_clear_object (&operation->client);
  g_clear_object (&operation->http_client);
  g_free (operation->expected_sub);
  g_clear_object (&operation->jws);
  g_free (operation);
}

static GTask *
operation_new (GrantProvider       *provider,
               GrantClient         *client,
               GrantHttpClient     *http_client,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Operation *operation = g_new0 (Operation, 1);

  g_task_set_source_tag (task, source_tag);
  operation->provider = g_object_ref (provider);
  operation->client = client != NULL ? g_object_ref (client) : NULL;
  operation->http_client = g_object_ref (http_client);
  g_task_set_task_data (task, operation, (GDestroyNotify) operation_free);

  return task;
}

static GrantHttpRequest *
endpoint_request (GTask      *task,
                  const char *endpoint,
                  const char *method)
{
  Operation *operation = g_task_get_task_data (task);
  gboolean mtls = operation->client != NULL
                  && grant_client_auth_method_uses_tls (
                       grant_client_get_token_endpoint_auth_method (operation->client));
  const char *url = grant_provider_get_endpoint (operation->provider, endpoint, mtls);
  GrantHttpRequest *request;

  if (url == NULL)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                               _("The provider %s has no %s: enter it by hand"),
                               grant_provider_get_issuer (operation->provider), endpoint);
      return NULL;
    }

  request = grant_http_request_new (method, url);
  grant_http_request_set_max_response_size (request, MAX_RESPONSE_SIZE);

  return request;
}

/* UserInfo. */

static void
userinfo_return (GTask      *task,
                 JsonObject *claims)
{
  Operation *operation = g_task_get_task_data (task);
  JsonNode *sub = json_object_get_member (claims, "sub");
  const char *value = sub != NULL && JSON_NODE_HOLDS_VALUE (sub)
                      && json_node_get_value_type (sub) == G_TYPE_STRING
                      ? json_node_get_string (sub) : NULL;

  if (value == NULL)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The UserInfo response has no sub, which OpenID Connect Core "
                               "§5.3.2 requires"));
      return;
    }

  if (operation->expected_sub != NULL && strcmp (value, operation->expected_sub) != 0)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The UserInfo response is about “%s”, but the ID token about "
                               "“%s”: it must not be used (OpenID Connect Core §5.3.2; it may "
                               "be a token substitution)"), value, operation->expected_sub);
      return;
    }

  g_task_return_pointer (task, json_object_ref (claims), (GDestroyNotify) json_object_unref);
}

static void
userinfo_jwks_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *operation = g_task_get_task_data (task);
  g_autoptr(GrantJwks) jwks = NULL;
  g_autoptr(JsonObject) claims = NULL;
  GError *error = NULL;
  GBytes *payload;
  JsonNode *iss;
  JsonNode *aud;

  jwks = grant_provider_get_jwks_finish (GRANT_PROVIDER (object), result, &error);
  if (jwks == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (operation->client != NULL)
    {
      g_autoptr(GrantJwks) with_secret = grant_client_dup_verification_keys (operation->client,
                                                                             jwks);

      g_set_object (&jwks, with_secret);
    }

  if (!grant_jws_verify_with_jwks (operation->jws, jwks, NULL, &error))
    {
      g_prefix_error (&error, _("The signed UserInfo response does not verify: "));
      g_task_return_error (task, error);
      return;
    }

  payload = grant_jws_get_payload (operation->jws);
  claims = grant_jose_json_parse_object (g_bytes_get_data (payload, NULL),
                                         g_bytes_get_size (payload), N_("The UserInfo claims"),
                                         &error);
  if (claims == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* §5.3.2: a signed response SHOULD carry iss and aud; when it does they must be right. */
  iss = json_object_get_member (claims, "iss");
  if (iss != NULL && g_strcmp0 (JSON_NODE_HOLDS_VALUE (iss) ? json_node_get_string (iss) : NULL,
                                grant_provider_get_issuer (operation->provider)) != 0)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The signed UserInfo response names another issuer"));
      return;
    }
  aud = json_object_get_member (claims, "aud");
  if (aud != NULL && operation->client != NULL)
    {
      const char *client_id = grant_client_get_client_id (operation->client);
      gboolean found = FALSE;

      if (JSON_NODE_HOLDS_VALUE (aud))
        found = g_strcmp0 (json_node_get_string (aud), client_id) == 0;
      else if (JSON_NODE_HOLDS_ARRAY (aud))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (aud)); i++)
          found |= g_strcmp0 (json_array_get_string_element (json_node_get_array (aud), i),
                              client_id) == 0;
      if (!found)
        {
          g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                                   _("The signed UserInfo response is for another audience, "
                                   "not “%s”"), client_id);
          return;
        }
    }

  operation->form = GRANT_USERINFO_SIGNED;
  userinfo_return (task, claims);
}

static void
userinfo_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *operation = g_task_get_task_data (task);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(JsonObject) claims = NULL;
  GError *error = NULL;
  GCancellable *cancellable;
  const char *content_type;
  GBytes *body;
  gsize size = 0;
  const char *data;

  exchange = grant_oauth_request_send_finish (result, &error);
  if (exchange == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (grant_exchange_get_status (exchange) != 200)
    {
      const char *challenge = grant_exchange_get_response_header (exchange, "WWW-Authenticate");

      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_SERVER,
                               _("The UserInfo endpoint answered %u %s%s%s"),
                               grant_exchange_get_status (exchange),
                               grant_exchange_get_reason_phrase (exchange),
                               challenge != NULL ? ": " : "", challenge != NULL ? challenge : "");
      return;
    }

  body = grant_exchange_get_response_body (exchange);
  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  content_type = grant_exchange_get_response_header (exchange, "Content-Type");

  if (content_type != NULL && g_str_has_prefix (content_type, "application/jwt"))
    {
      g_autofree char *text = g_strndup (data != NULL ? data : "", size);

      operation->jws = grant_jws_parse (g_strstrip (text), -1, &error);
      if (operation->jws == NULL)
        {
          g_prefix_error (&error, _("The signed UserInfo response is not a JWS: "));
          g_task_return_error (task, error);
          return;
        }
      /* The cancellable is read before the task is given away: in one argument list the
       * order of evaluation is unspecified, and the steal may come first. */
      cancellable = g_task_get_cancellable (task);
      grant_provider_get_jwks_async (operation->provider, operation->http_client,
                                     grant_jws_get_kid (operation->jws), cancellable,
                                     userinfo_jwks_cb, g_steal_pointer (&task));
      return;
    }

  claims = grant_jose_json_parse_object (data != NULL ? data : "", size,
                                         N_("The UserInfo response"), &error);
  if (claims == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  operation->form = GRANT_USERINFO_PLAIN;
  userinfo_return (task, claims);
}

/**
 * grant_userinfo_fetch_async:
 * @provider: the authorization server
 * @client: (nullable): the client the token was issued to, for a signed response's `aud`
 *   and an HS256 signature
 * @http_client: the recording client
 * @dpop: (nullable): the DPoP session when the token is DPoP-bound
 * @access_token: the access token
 * @placement: where the access token goes; a DPoP-bound token always goes in the header
 * @expected_sub: (nullable): the ID token's `sub`, which the response's must equal
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the claims
 * @user_data: data for @callback
 */
void
grant_userinfo_fetch_async (GrantProvider       *provider,
                            GrantClient         *client,
                            GrantHttpClient     *http_client,
                            GrantDpopSession    *dpop,
                            const char          *access_token,
                            GrantBearerPlacement placement,
                            const char          *expected_sub,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GrantHttpRequest) request = NULL;
  Operation *operation;
  gboolean in_body;

  g_return_if_fail (GRANT_IS_PROVIDER (provider));
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (http_client));
  g_return_if_fail (access_token != NULL);

  task = operation_new (provider, client, http_client, grant_userinfo_fetch_async, cancellable,
                        callback, user_data);
  operation = g_task_get_task_data (task);
  operation->expected_sub = g_strdup (expected_sub);

  in_body = placement == GRANT_BEARER_IN_BODY && dpop == NULL;
  request = endpoint_request (task, "userinfo_endpoint", in_body ? "POST" : "GET");
  if (request == NULL)
    return;
  grant_http_request_set_header (request, "Accept", "application/json, application/jwt", FALSE);
  if (in_body)
    grant_http_request_set_form_field (request, "access_token", access_token, TRUE);

  grant_oauth_request_send_async (http_client, request, NULL, dpop,
                                  in_body ? NULL : access_token, NC_("exchange", "UserInfo"),
                                  cancellable, userinfo_cb, g_steal_pointer (&task));
}

/**
 * grant_userinfo_fetch_finish:
 * @result: the result given to the callback
 * @form: (out) (optional): return location for how the response came
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the claims, or %NULL with @error set
 */
JsonObject *
grant_userinfo_fetch_finish (GAsyncResult       *result,
                             GrantUserinfoForm  *form,
                             GError            **error)
{
  Operation *operation;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == grant_userinfo_fetch_async,
                        NULL);

  operation = g_task_get_task_data (G_TASK (result));
  if (form != NULL)
    *form = operation->form;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Introspection and revocation. */

static void
introspect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(JsonObject) json = NULL;
  GError *error = NULL;
  JsonNode *active;

  exchange = grant_oauth_request_send_finish (result, &error);
  if (exchange != NULL)
    json = grant_oauth_response_parse (exchange, "The introspection endpoint", &error);
  if (json == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* RFC 7662 §2.2: active is REQUIRED, a boolean. */
  active = json_object_get_member (json, "active");
  if (active == NULL || !JSON_NODE_HOLDS_VALUE (active)
      || json_node_get_value_type (active) != G_TYPE_BOOLEAN)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The introspection response has no boolean active, which RFC "
                               "7662 §2.2 requires"));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&json), (GDestroyNotify) json_object_unref);
}

static void
token_endpoint_operation (GTask            *task,
                          const char       *endpoint,
                          const char       *title,
                          const char       *token,
                          const char       *token_type_hint,
                          GAsyncReadyCallback callback)
{
  Operation *operation = g_task_get_task_data (task);
  g_autoptr(GrantHttpRequest) request = endpoint_request (task, endpoint, "POST");

  if (request == NULL)
    {
      g_object_unref (task);
      return;
    }

  grant_http_request_set_header (request, "Accept", "application/json", FALSE);
  grant_http_request_set_form_field (request, "token", token, TRUE);
  if (token_type_hint != NULL)
    grant_http_request_set_form_field (request, "token_type_hint", token_type_hint, FALSE);

  grant_oauth_request_send_async (operation->http_client, request, operation->client, NULL,
                                  NULL, title, g_task_get_cancellable (task), callback, task);
}

/**
 * grant_introspect_async:
 * @provider: the authorization server
 * @client: the client, which authenticates
 * @http_client: the recording client
 * @token: the token to ask about
 * @token_type_hint: (nullable): "access_token" or "refresh_token"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the introspection response
 * @user_data: data for @callback
 */
void
grant_introspect_async (GrantProvider       *provider,
                        GrantClient         *client,
                        GrantHttpClient     *http_client,
                        const char          *token,
                        const char          *token_type_hint,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GRANT_IS_PROVIDER (provider));
  g_return_if_fail (GRANT_IS_CLIENT (client));
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (http_client));
  g_return_if_fail (token != NULL);

  task = operation_new (provider, client, http_client, grant_introspect_async, cancellable,
                        callback, user_data);
  token_endpoint_operation (task, "introspection_endpoint", NC_("exchange", "Introspection"),
                            token, token_type_hint, introspect_cb);
}

/**
 * grant_introspect_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the introspection response (`active` and what the server says
 *   of an active token), or %NULL with @error set
 */
JsonObject *
grant_introspect_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == grant_introspect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
revoke_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GrantExchange) exchange = NULL;
  GError *error = NULL;

  exchange = grant_oauth_request_send_finish (result, &error);
  if (exchange == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* RFC 7009 §2.2: 200 whether or not the token was valid; an error is a JSON error. */
  if (grant_exchange_get_status (exchange) != 200)
    {
      g_autoptr(JsonObject) json = grant_oauth_response_parse (exchange,
                                                               "The revocation endpoint", &error);

      if (json != NULL)
        error = g_error_new (GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_SERVER,
                             _("The revocation endpoint answered %u"),
                             grant_exchange_get_status (exchange));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * grant_revoke_async:
 * @provider: the authorization server
 * @client: the client, which authenticates
 * @http_client: the recording client
 * @token: the token to revoke
 * @token_type_hint: (nullable): "access_token" or "refresh_token"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answered
 * @user_data: data for @callback
 */
void
grant_revoke_async (GrantProvider       *provider,
                    GrantClient         *client,
                    GrantHttpClient     *http_client,
                    const char          *token,
                    const char          *token_type_hint,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GRANT_IS_PROVIDER (provider));
  g_return_if_fail (GRANT_IS_CLIENT (client));
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (http_client));
  g_return_if_fail (token != NULL);

  task = operation_new (provider, client, http_client, grant_revoke_async, cancellable, callback,
                        user_data);
  token_endpoint_operation (task, "revocation_endpoint", NC_("exchange", "Revocation"), token,
                            token_type_hint, revoke_cb);
}

/**
 * grant_revoke_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server answered 200 (RFC 7009 §2.2: the token is no longer valid,
 *   or never was), or %FALSE with @error set
 */
gboolean
grant_revoke_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == grant_revoke_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
