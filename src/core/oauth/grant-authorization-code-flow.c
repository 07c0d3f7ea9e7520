/* grant-authorization-code-flow.c
 * The authorization code grant (RFC 6749 §4.1) with PKCE, PAR and RFC 9207, and the
 * implicit and hybrid response types it shares the front channel with (legacy).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sequence: the user agent gives the redirect URI; state, nonce and the PKCE verifier
 * are made here; the authorization request is pushed first when PAR is on (RFC 9126) or the
 * provider requires it; the user agent shows it and brings back the response; the response
 * is checked (error, state, RFC 9207 iss); the code is exchanged; an ID token is validated
 * against the provider's keys. Every check is a GrantCheck the inspector shows, and a failed
 * one fails the flow: Grant never hands over tokens it found wrong without saying so, yet
 * keeps them (tokens-received) for the user to look at.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <openssl/crypto.h>
#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-check.h"
#include "grant-flow-private.h"
#include "grant-id-token.h"
#include "grant-jose-error.h"
#include "grant-jws.h"
#include "grant-oauth-error.h"

/* Every check made goes into self->checks, for the inspector. */
#define add_check(self, ...) grant_checks_append ((self)->checks, __VA_ARGS__)

struct _GrantAuthorizationCodeFlow
{
  GrantFlow           parent_instance;

  GrantUserAgent     *user_agent;
  char               *response_type;
  char               *response_mode;
  gboolean            pkce;
  GrantPkceMethod     pkce_method;
  gboolean            use_par;
  GPtrArray          *parameters;     /* name, value, name, value… */
  gint64              skew;

  char               *state;
  char               *nonce;
  char               *code_verifier;
  char               *code_challenge;
  char               *redirect_uri;
  char               *authorization_url;
  GHashTable         *response_parameters;
  GListStore         *checks;
  GrantTokenResponse *tokens_received;
};

G_DEFINE_FINAL_TYPE (GrantAuthorizationCodeFlow, grant_authorization_code_flow, GRANT_TYPE_FLOW)

static void
grant_authorization_code_flow_finalize (GObject *object)
{
  GrantAuthorizationCodeFlow *self = (GrantAuthorizationCodeFlow *)object;

  g_clear_object (&self->user_agent);
  g_clear_pointer (&self->response_type, g_free);
  g_clear_pointer (&self->response_mode, g_free);
  g_clear_pointer (&self->parameters, g_ptr_array_unref);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->nonce, g_free);
  g_clear_pointer (&self->code_verifier, g_free);
  g_clear_pointer (&self->code_challenge, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->authorization_url, g_free);
  g_clear_pointer (&self->response_parameters, g_hash_table_unref);
  g_clear_object (&self->checks);
  g_clear_object (&self->tokens_received);

  G_OBJECT_CLASS (grant_authorization_code_flow_parent_class)->finalize (object);
}

static gboolean
response_type_has (GrantAuthorizationCodeFlow *self,
                   const char                 *part)
{
  g_auto(GStrv) parts = g_strsplit (self->response_type, " ", -1);

  return g_strv_contains ((const char * const *) parts, part);
}

static const char *
grant_authorization_code_flow_get_legacy_reason (GrantFlow *flow)
{
  GrantAuthorizationCodeFlow *self = GRANT_AUTHORIZATION_CODE_FLOW (flow);

  if (!response_type_has (self, "code"))
    return _("the implicit grant returns the access token in the URL, where browser history, "
             "logs and referrers leak it, and it cannot be sender-constrained; RFC 9700 §2.1.2 "
             "says clients SHOULD NOT use it");
  if (response_type_has (self, "token"))
    return _("this hybrid response type returns an access token in the front channel, as the "
             "implicit grant does (RFC 9700 §2.1.2)");

  return NULL;
}

/* Outcome of the front-channel and token-endpoint checks, kept for the inspector. */
static void
append_query (GString    *url,
              gboolean   *first,
              const char *name,
              const char *value)
{
  g_autofree char *encoded_name = grant_http_request_form_encode (name);
  g_autofree char *encoded_value = grant_http_request_form_encode (value);

  g_string_append_c (url, *first ? (strchr (url->str, '?') != NULL ? '&' : '?') : '&');
  g_string_append_printf (url, "%s=%s", encoded_name, encoded_value);
  *first = FALSE;
}

/* The authorization request's parameters, in the order the RFCs list them. */
static GPtrArray *
authorization_parameters (GrantAuthorizationCodeFlow *self)
{
  GrantFlow *flow = GRANT_FLOW (self);
  GrantClient *client = grant_flow_get_client (flow);
  const char *scope = grant_flow_get_scope (flow);
  GPtrArray *params = g_ptr_array_new ();

#define ADD(name, value) G_STMT_START { g_ptr_array_add (params, (gpointer) (name)); \
                                        g_ptr_array_add (params, (gpointer) (value)); } G_STMT_END
  ADD ("response_type", self->response_type);
  ADD ("client_id", grant_client_get_client_id (client));
  ADD ("redirect_uri", self->redirect_uri);
  if (scope != NULL && *scope != '\0')
    ADD ("scope", scope);
  ADD ("state", self->state);
  if (self->nonce != NULL)
    ADD ("nonce", self->nonce);
  if (self->code_challenge != NULL)
    {
      ADD ("code_challenge", self->code_challenge);
      ADD ("code_challenge_method", grant_pkce_method_to_string (self->pkce_method));
    }
  if (self->response_mode != NULL)
    ADD ("response_mode", self->response_mode);
  for (guint i = 0; i + 1 < self->parameters->len; i += 2)
    ADD (g_ptr_array_index (self->parameters, i), g_ptr_array_index (self->parameters, i + 1));
#undef ADD

  return params;
}

static char *
build_authorization_url (GrantAuthorizationCodeFlow  *self,
                         GPtrArray                   *params,
                         GError                     **error)
{
  const char *endpoint = grant_provider_get_endpoint (grant_flow_get_provider (GRANT_FLOW (self)),
                                                      "authorization_endpoint", FALSE);
  GString *url;
  gboolean first = TRUE;

  if (endpoint == NULL)
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                   _("The provider has no authorization_endpoint: enter it by hand, or discover "
                     "the provider again"));
      return NULL;
    }

  url = g_string_new (endpoint);
  for (guint i = 0; i + 1 < params->len; i += 2)
    append_query (url, &first, g_ptr_array_index (params, i), g_ptr_array_index (params, i + 1));

  return g_string_free (url, FALSE);
}

static GrantTokenResponse *
fail_with_checks (GrantAuthorizationCodeFlow  *self,
                  GError                     **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  GString *failed = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (grant_check_get_status (check) == GRANT_CHECK_FAILED)
        g_string_append_printf (failed, "%s%s: %s", failed->len > 0 ? "; " : "",
                                grant_check_get_label (check), grant_check_get_reason (check));
    }

  if (self->tokens_received != NULL)
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ID_TOKEN_INVALID,
                 _("Grant received tokens but a check failed, so they are not to be trusted: %s"),
                 failed->str);
  else
    g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                 _("The authorization response failed a check, so Grant did not use it: %s"),
                 failed->str);
  g_string_free (failed, TRUE);

  return NULL;
}

static void
validated (GTask              *task,
           GrantTokenResponse *response)
{
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);

  if (!grant_checks_all_pass (G_LIST_MODEL (self->checks)))
    {
      GError *error = NULL;

      fail_with_checks (self, &error);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_object_ref (response), g_object_unref);
}

static void exchange_code (GTask      *task,
                           const char *code);
static void finish_implicit (GTask *task);

/* What comes after an ID token passed its checks (or when there is none): from the front
 * channel, the code exchange or, implicit, the end; from the token endpoint, the end. */
static void
id_token_done (GTask *task)
{
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);

  if (self->tokens_received != NULL)
    {
      validated (task, self->tokens_received);
      g_object_unref (task);
    }
  else if (response_type_has (self, "code"))
    {
      _grant_flow_step (GRANT_FLOW (self), _("Got an authorization code; exchanging it at the "
                                             "token endpoint"));
      exchange_code (task, g_hash_table_lookup (self->response_parameters, "code"));
    }
  else
    {
      finish_implicit (task);
    }
}

static void
jwks_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantFlow *flow = GRANT_FLOW (self);
  GrantClient *client = grant_flow_get_client (flow);
  g_autoptr(GrantJwks) fetched = NULL;
  g_autoptr(GrantJwks) jwks = NULL;
  g_autoptr(GListModel) id_token_checks = NULL;
  GrantIdTokenExpectations expected = { 0 };
  gboolean front = self->tokens_received == NULL;
  GHashTable *params = self->response_parameters;
  const char *algorithms[2] = { NULL, NULL };
  const char *id_token;
  gboolean front_channel;
  GError *error = NULL;
  guint n;

  fetched = grant_provider_get_jwks_finish (GRANT_PROVIDER (object), result, &error);
  if (fetched == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  jwks = grant_client_dup_verification_keys (client, fetched);

  expected.issuer = grant_provider_get_issuer (grant_flow_get_provider (flow));
  expected.client_id = grant_client_get_client_id (client);
  /* A client that registered an algorithm accepts that one only; otherwise any asymmetric
   * one (an HS* token needs the client to have chosen it). */
  algorithms[0] = grant_client_get_id_token_signed_response_alg (client);
  expected.algorithms = algorithms[0] != NULL ? algorithms : NULL;
  expected.nonce = self->nonce;
  expected.skew_seconds = self->skew;
  expected.now = g_get_real_time () / G_USEC_PER_SEC;
  if (front)
    {
      /* From the authorization endpoint, the hashes bind the ID token to what came with it,
       * and are required (OpenID Connect Core §3.2.2.10, §3.3.2.11). */
      expected.access_token = g_hash_table_lookup (params, "access_token");
      expected.code = g_hash_table_lookup (params, "code");
      expected.at_hash_required = expected.access_token != NULL;
      expected.c_hash_required = expected.code != NULL;
    }
  else
    {
      expected.access_token = grant_token_response_get_access_token (self->tokens_received);
    }

  id_token = front ? g_hash_table_lookup (params, "id_token")
                   : grant_token_response_get_id_token (self->tokens_received);
  id_token_checks = grant_id_token_validate (id_token, jwks, &expected);
  front_channel = front && response_type_has (self, "code");
  n = g_list_model_get_n_items (id_token_checks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (id_token_checks, i);
      g_autoptr(GrantCheck) named = NULL;
      g_autofree char *name = NULL;
      g_autofree char *label = NULL;

      /* The name is compared and exported, in English; the label is shown. */
      name = g_strconcat (front_channel ? "Front-channel ID token " : "ID token ",
                          grant_check_get_name (check), NULL);
      label = g_strdup_printf (front_channel
                               /* Translators: %s is an ID token check, such as “nonce”. */
                               ? _("Front-channel ID token %s")
                               /* Translators: %s is an ID token check, such as “nonce”. */
                               : _("ID token %s"), grant_check_get_label (check));
      named = grant_check_new_with_label (name, label, grant_check_get_status (check),
                                          grant_check_get_reason (check));
      g_list_store_append (self->checks, named);
    }

  if (!grant_checks_all_pass (id_token_checks))
    {
      /* A front-channel ID token that fails means the code must not be redeemed. */
      _grant_flow_step (flow, "%s", front ? _("The front-channel ID token failed a check")
                                          : _("The ID token failed a check"));
      fail_with_checks (self, &error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  _grant_flow_step (flow, "%s", front ? _("The front-channel ID token passed every check")
                                      : _("The ID token passed every check"));
  id_token_done (task);
}

/* Validates an ID token against the provider's keys, fetched by the token's kid; then
 * goes on with id_token_done(). */
static void
validate_id_token (GTask      *task,
                   const char *id_token)
{
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantFlow *flow = GRANT_FLOW (self);
  g_autoptr(GrantJws) jws = grant_jws_parse (id_token, -1, NULL);

  _grant_flow_step (flow, _("Validating the ID token against the provider's keys"));
  grant_provider_get_jwks_async (grant_flow_get_provider (flow), grant_flow_get_http_client (flow),
                                 jws != NULL ? grant_jws_get_kid (jws) : NULL,
                                 g_task_get_cancellable (task), jwks_cb, task);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GError *error = NULL;
  GrantTokenResponse *response;

  response = _grant_flow_request_token_finish (GRANT_FLOW (self), result, &error);
  if (response == NULL)
    {
      /* Servers rarely say which: list what makes a code invalid (RFC 6749 §5.2). */
      if (g_error_matches (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT))
        {
          gboolean stop = g_str_has_suffix (error->message, ".");
          /* Translators: the server's message, a full stop if it has none, then ", or the
           * code_verifier does not match the code_challenge" or nothing. */
          g_autofree char *message = g_strdup_printf (_("%s%s An authorization code is refused "
                                                        "when it was used before, has expired, "
                                                        "was issued to another client or "
                                                        "redirect_uri%s"), error->message,
                                                      stop ? "" : ".",
                                                      self->code_verifier != NULL
                                                      ? _(", or the code_verifier does not match "
                                                          "the code_challenge") : "");

          g_free (error->message);
          error->message = g_steal_pointer (&message);
        }
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (self->code_verifier != NULL)
    add_check (self, "PKCE", GRANT_CHECK_PASSED,
               _("The token endpoint accepted the code_verifier for the code_challenge sent "
                 "with the authorization request"));
  g_set_object (&self->tokens_received, response);
  g_object_unref (response);

  if (grant_token_response_get_id_token (response) != NULL)
    validate_id_token (task, grant_token_response_get_id_token (response));
  else
    id_token_done (task);
}

static void
exchange_code (GTask      *task,
               const char *code)
{
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  g_autoptr(GrantHttpRequest) request = NULL;
  GError *error = NULL;

  request = _grant_flow_new_token_request (GRANT_FLOW (self), "authorization_code", &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* RFC 6749 §4.1.3: the code, the same redirect_uri, and no scope. */
  grant_http_request_remove_form_field (request, "scope");
  grant_http_request_set_form_field (request, "code", code, TRUE);
  grant_http_request_set_form_field (request, "redirect_uri", self->redirect_uri, FALSE);
  if (self->code_verifier != NULL)
    grant_http_request_set_form_field (request, "code_verifier", self->code_verifier, TRUE);

  _grant_flow_request_token_async (GRANT_FLOW (self), request, NULL,
                                   g_task_get_cancellable (task), token_cb, task);
}

/* The response from the front channel: an error, or the code (and, for the legacy response
 * types, tokens), after state and iss are checked. */
static void
check_authorization_response (GTask *task)
{
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantFlow *flow = GRANT_FLOW (self);
  GrantProvider *provider = grant_flow_get_provider (flow);
  GrantProviderMetadata *metadata = grant_provider_get_metadata (provider);
  GError *error = NULL;
  const char *state;
  const char *iss;
  const char *error_code;

  /* The state is checked before anything else in the response is believed (RFC 6749
   * §10.12), in constant time since it is a secret the attacker wants to guess. */
  state = g_hash_table_lookup (self->response_parameters, "state");
  if (state != NULL && strlen (state) == strlen (self->state)
      && CRYPTO_memcmp (state, self->state, strlen (state)) == 0)
    add_check (self, "state", GRANT_CHECK_PASSED,
               _("The state in the response is the one sent with the request"));
  else
    add_check (self, "state", GRANT_CHECK_FAILED,
               "%s", state == NULL
               ? _("The response has no state, though the request sent one: it cannot be told "
                   "apart from a forged one (RFC 6749 §10.12)")
               : _("The state in the response is not the one sent with the request: the "
                   "response may be forged (cross-site request forgery, RFC 6749 §10.12)"));

  /* RFC 9207: iss names the issuer the response came from; a provider that says it sends it
   * must, and a wrong one is a mix-up attack. */
  iss = g_hash_table_lookup (self->response_parameters, "iss");
  if (iss != NULL)
    add_check (self, "iss", g_strcmp0 (iss, grant_provider_get_issuer (provider)) == 0
                            ? GRANT_CHECK_PASSED : GRANT_CHECK_FAILED,
               g_strcmp0 (iss, grant_provider_get_issuer (provider)) == 0
               ? _("The iss parameter names this provider (RFC 9207)")
               : _("The iss parameter names another issuer: a mix-up attack, or the wrong "
                   "provider (RFC 9207 §2.4)"));
  else if (metadata != NULL
           && grant_provider_metadata_lookup_boolean (metadata,
                                                      "authorization_response_iss_parameter_supported"))
    add_check (self, "iss", GRANT_CHECK_FAILED,
               _("The provider says it sends iss in authorization responses (RFC 9207), and "
                 "this response has none"));
  else
    add_check (self, "iss", GRANT_CHECK_NOT_APPLICABLE,
               _("The provider does not send iss in authorization responses (RFC 9207)"));

  error_code = g_hash_table_lookup (self->response_parameters, "error");
  if (error_code != NULL)
    {
      const char *description = g_hash_table_lookup (self->response_parameters,
                                                     "error_description");

      g_task_return_new_error (task, GRANT_OAUTH_ERROR, grant_oauth_error_from_code (error_code),
                               _("The authorization server answered “%s”%s%s"), error_code,
                               description != NULL ? ": " : "",
                               description != NULL ? description : "");
      g_object_unref (task);
      return;
    }

  if (!grant_checks_all_pass (G_LIST_MODEL (self->checks)))
    {
      fail_with_checks (self, &error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The state and iss are right: the rest of the response may be looked at. */
  if (response_type_has (self, "code")
      && g_hash_table_lookup (self->response_parameters, "code") == NULL)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The authorization response has neither a code nor an error "
                                 "(RFC 6749 §4.1.2)"));
      g_object_unref (task);
      return;
    }

  if (g_hash_table_lookup (self->response_parameters, "id_token") != NULL)
    {
      validate_id_token (task, g_hash_table_lookup (self->response_parameters, "id_token"));
      return;
    }

  if (response_type_has (self, "id_token"))
    {
      add_check (self, NC_("check", "ID token"), GRANT_CHECK_FAILED,
                 _("The response type asks for an ID token in the authorization response, and "
                   "none came"));
      fail_with_checks (self, &error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  id_token_done (task);
}

static void
intercept_response_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!grant_http_interceptor_intercept_authorization_response_finish (
         GRANT_HTTP_INTERCEPTOR (object), result, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("The authorization response was stopped before the flow "
                                       "used it"));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  check_authorization_response (task);
}

/* The user agent captured the redirect. The interceptor (step mode) sees the response, and
 * may edit it, before anything in it is checked or believed. */
static void
authorize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantHttpInterceptor *interceptor = grant_http_client_get_interceptor (
    grant_flow_get_http_client (GRANT_FLOW (self)));
  GError *error = NULL;

  self->response_parameters = grant_user_agent_authorize_finish (GRANT_USER_AGENT (object),
                                                                 result, &error);
  if (self->response_parameters == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (interceptor == NULL)
    {
      check_authorization_response (task);
      return;
    }

  grant_http_interceptor_intercept_authorization_response_async (interceptor,
                                                                 self->response_parameters,
                                                                 self->redirect_uri,
                                                                 g_task_get_cancellable (task),
                                                                 intercept_response_cb, task);
}

/* Implicit: the tokens came in the front channel, and the ID token (if any) has passed. */
static void
finish_implicit (GTask *task)
{
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantFlow *flow = GRANT_FLOW (self);
  g_autoptr(JsonObject) json = json_object_new ();
  GrantExchangeLog *log = grant_http_client_get_log (grant_flow_get_http_client (flow));
  guint last = g_list_model_get_n_items (G_LIST_MODEL (log));
  g_autoptr(GrantExchange) callback = last > 0 ? g_list_model_get_item (G_LIST_MODEL (log),
                                                                        last - 1) : NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GError *error = NULL;

  /* Every parameter is a string here; expires_in as a string is read as a number. */
  g_hash_table_iter_init (&iter, self->response_parameters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (json, key, value);

  if (callback == NULL)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The user agent recorded no authorization response"));
      g_object_unref (task);
      return;
    }

  response = grant_token_response_new_from_json (json, callback,
                                                 response_type_has (self, "token"), &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_set_object (&self->tokens_received, response);
  validated (task, response);
  g_object_unref (task);
}

static void
open_authorization_request (GTask *task)
{
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantFlow *flow = GRANT_FLOW (self);

  _grant_flow_step (flow, _("Opening the authorization request in the user agent"));
  grant_user_agent_authorize_async (self->user_agent, self->authorization_url,
                                    self->redirect_uri,
                                    grant_http_client_get_log (grant_flow_get_http_client (flow)),
                                    g_task_get_cancellable (task), authorize_cb, task);
}

static void
intercept_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantHttpRequest *request = g_object_get_data (G_OBJECT (task), "grant-authorization-request");
  GError *error = NULL;

  if (!grant_http_interceptor_intercept_finish (GRANT_HTTP_INTERCEPTOR (object), result, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("The authorization request was stopped before it was "
                                       "sent"));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* The interceptor may have edited the URL (step mode: drop the state, change a scope). */
  g_free (self->authorization_url);
  self->authorization_url = g_strdup (grant_http_request_get_uri (request));
  g_object_set_data (G_OBJECT (task), "grant-authorization-request", NULL);
  open_authorization_request (task);
}

/* The authorization request goes through the same interception point as every back-channel
 * request, as a GET of its URL, before the user agent opens it. */
static void
show_authorization_request (GTask *task)
{
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantHttpInterceptor *interceptor = grant_http_client_get_interceptor (
    grant_flow_get_http_client (GRANT_FLOW (self)));
  GrantHttpRequest *request;

  if (interceptor == NULL)
    {
      open_authorization_request (task);
      return;
    }

  request = grant_http_request_new ("GET", self->authorization_url);
  g_object_set_data_full (G_OBJECT (task), "grant-authorization-request", request,
                          g_object_unref);
  grant_http_interceptor_intercept_async (interceptor, request,
                                          NC_("exchange", "Authorization request"),
                                          g_task_get_cancellable (task), intercept_cb, task);
}

static void
par_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  GTask *task = user_data;
  GrantAuthorizationCodeFlow *self = g_task_get_source_object (task);
  GrantFlow *flow = GRANT_FLOW (self);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  GError *error = NULL;
  JsonNode *request_uri;

  exchange = _grant_flow_send_finish (flow, result, &error);
  if (exchange != NULL)
    json = grant_oauth_response_parse (exchange, _("The pushed authorization request endpoint"),
                                       &error);
  if (json == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  request_uri = json_object_get_member (json, "request_uri");
  if (request_uri == NULL || !JSON_NODE_HOLDS_VALUE (request_uri)
      || json_node_get_value_type (request_uri) != G_TYPE_STRING)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The pushed authorization response has no request_uri "
                                 "(RFC 9126 §2.2)"));
      g_object_unref (task);
      return;
    }

  /* RFC 9126 §4: only client_id and request_uri go through the browser. */
  g_ptr_array_add (params, (gpointer) "client_id");
  g_ptr_array_add (params, (gpointer) grant_client_get_client_id (grant_flow_get_client (flow)));
  g_ptr_array_add (params, (gpointer) "request_uri");
  g_ptr_array_add (params, (gpointer) json_node_get_string (request_uri));
  g_free (self->authorization_url);
  self->authorization_url = build_authorization_url (self, params, &error);
  if (self->authorization_url == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  show_authorization_request (task);
}

static gboolean
must_push (GrantAuthorizationCodeFlow *self)
{
  GrantProviderMetadata *metadata = grant_provider_get_metadata (
    grant_flow_get_provider (GRANT_FLOW (self)));

  return self->use_par
         || (metadata != NULL
             && grant_provider_metadata_lookup_boolean (metadata,
                                                        "require_pushed_authorization_requests"));
}

static void
grant_authorization_code_flow_run_async (GrantFlow           *flow,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GrantAuthorizationCodeFlow *self = GRANT_AUTHORIZATION_CODE_FLOW (flow);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GrantClient *client = grant_flow_get_client (flow);
  const char *scope = grant_flow_get_scope (flow);
  g_autoptr(GPtrArray) params = NULL;
  g_auto(GStrv) scopes = g_strsplit (scope != NULL ? scope : "", " ", -1);
  GError *error = NULL;

  g_task_set_source_tag (task, grant_authorization_code_flow_run_async);

  if (grant_client_get_redirect_uri (client) == NULL)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                               _("The client “%s” has no redirect URI: enter one that is "
                                 "registered with the provider"),
                               grant_client_get_client_id (client));
      g_object_unref (task);
      return;
    }

  self->redirect_uri = grant_user_agent_prepare_redirect_uri (
    self->user_agent, grant_client_get_redirect_uri (client), &error);
  if (self->redirect_uri == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  self->state = grant_pkce_new_verifier (GRANT_PKCE_VERIFIER_MIN_LENGTH);
  /* OpenID Connect Core §3.1.2.1, §3.2.2.1: a nonce whenever an ID token may come back. */
  if (g_strv_contains ((const char * const *) scopes, "openid")
      || response_type_has (self, "id_token"))
    self->nonce = grant_pkce_new_verifier (GRANT_PKCE_VERIFIER_MIN_LENGTH);
  if (self->pkce && response_type_has (self, "code"))
    {
      self->code_verifier = grant_pkce_new_verifier (GRANT_PKCE_VERIFIER_MIN_LENGTH);
      self->code_challenge = grant_pkce_challenge (self->code_verifier, self->pkce_method, NULL);
    }
  else if (response_type_has (self, "code"))
    add_check (self, "PKCE", GRANT_CHECK_NOT_APPLICABLE,
               _("PKCE is off: a stolen authorization code could be redeemed by anyone who can "
                 "authenticate as this client (RFC 9700 §2.1.1)"));

  params = authorization_parameters (self);

  if (must_push (self))
    {
      g_autoptr(GrantHttpRequest) request = NULL;

      request = _grant_flow_new_endpoint_request (flow, "pushed_authorization_request_endpoint",
                                                  &error);
      if (request == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      for (guint i = 0; i + 1 < params->len; i += 2)
        grant_http_request_set_form_field (request, g_ptr_array_index (params, i),
                                           g_ptr_array_index (params, i + 1), FALSE);
      /* The client_id goes with the client's authentication. */
      grant_http_request_remove_form_field (request, "client_id");
      _grant_flow_step (flow, _("Pushing the authorization request (PAR, RFC 9126)"));

      _grant_flow_send_async (flow, request, NC_("exchange", "Pushed authorization request"),
                              cancellable, par_cb, task);
      return;
    }

  self->authorization_url = build_authorization_url (self, params, &error);
  if (self->authorization_url == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  show_authorization_request (task);
}

static GrantTokenResponse *
grant_authorization_code_flow_run_finish (GrantFlow     *flow,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
grant_authorization_code_flow_class_init (GrantAuthorizationCodeFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GrantFlowClass *flow_class = GRANT_FLOW_CLASS (klass);

  object_class->finalize = grant_authorization_code_flow_finalize;

  flow_class->grant_type = "authorization_code";
  flow_class->run_async = grant_authorization_code_flow_run_async;
  flow_class->run_finish = grant_authorization_code_flow_run_finish;
  flow_class->get_legacy_reason = grant_authorization_code_flow_get_legacy_reason;
}

static void
grant_authorization_code_flow_init (GrantAuthorizationCodeFlow *self)
{
  self->response_type = g_strdup ("code");
  self->pkce = TRUE;
  self->pkce_method = GRANT_PKCE_METHOD_S256;
  self->parameters = g_ptr_array_new_with_free_func (g_free);
  self->skew = GRANT_DEFAULT_SKEW_SECONDS;
  self->checks = g_list_store_new (GRANT_TYPE_CHECK);
}

/**
 * grant_authorization_code_flow_new:
 * @provider: the authorization server
 * @client: the client, with a redirect URI
 * @http_client: (nullable): the recording client to send with
 * @user_agent: what shows the user the authorization server
 *
 * Returns: (transfer full): the flow: response_type code, PKCE with S256, state always, a
 *   nonce when the scope has openid
 */
GrantFlow *
grant_authorization_code_flow_new (GrantProvider   *provider,
                                   GrantClient     *client,
                                   GrantHttpClient *http_client,
                                   GrantUserAgent  *user_agent)
{
  GrantAuthorizationCodeFlow *self;

  g_return_val_if_fail (GRANT_IS_USER_AGENT (user_agent), NULL);

  self = g_object_new (GRANT_TYPE_AUTHORIZATION_CODE_FLOW,
                       "provider", provider,
                       "client", client,
                       "http-client", http_client,
                       NULL);
  self->user_agent = g_object_ref (user_agent);

  return GRANT_FLOW (self);
}

/**
 * grant_authorization_code_flow_set_response_type:
 * @self: a #GrantAuthorizationCodeFlow
 * @response_type: "code"; the hybrid "code id_token", "code token", "code id_token token";
 *   or the implicit "token", "id_token token" (legacy)
 */
void
grant_authorization_code_flow_set_response_type (GrantAuthorizationCodeFlow *self,
                                                 const char                 *response_type)
{
  g_return_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self));
  g_return_if_fail (response_type != NULL && *response_type != '\0');

  g_free (self->response_type);
  self->response_type = g_strdup (response_type);
}

const char *
grant_authorization_code_flow_get_response_type (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->response_type;
}

/**
 * grant_authorization_code_flow_set_response_mode:
 * @self: a #GrantAuthorizationCodeFlow
 * @response_mode: (nullable): "query", "fragment" or "form_post"; %NULL for the response
 *   type's default
 */
void
grant_authorization_code_flow_set_response_mode (GrantAuthorizationCodeFlow *self,
                                                 const char                 *response_mode)
{
  g_return_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self));

  g_free (self->response_mode);
  self->response_mode = g_strdup (response_mode);
}

/**
 * grant_authorization_code_flow_set_pkce:
 * @self: a #GrantAuthorizationCodeFlow
 * @enabled: whether to send a code challenge (RFC 7636)
 * @method: S256, or plain
 */
void
grant_authorization_code_flow_set_pkce (GrantAuthorizationCodeFlow *self,
                                        gboolean                    enabled,
                                        GrantPkceMethod             method)
{
  g_return_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self));

  self->pkce = !!enabled;
  self->pkce_method = method;
}

/**
 * grant_authorization_code_flow_set_use_par:
 * @self: a #GrantAuthorizationCodeFlow
 * @use_par: whether to push the request first (RFC 9126); it is pushed anyway when the
 *   provider requires it
 */
void
grant_authorization_code_flow_set_use_par (GrantAuthorizationCodeFlow *self,
                                           gboolean                    use_par)
{
  g_return_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self));

  self->use_par = !!use_par;
}

/**
 * grant_authorization_code_flow_set_parameter:
 * @self: a #GrantAuthorizationCodeFlow
 * @name: a parameter of the authorization request: prompt, login_hint, acr_values, max_age,
 *   claims, ui_locales, or any other
 * @value: (nullable): its value; %NULL removes it
 */
void
grant_authorization_code_flow_set_parameter (GrantAuthorizationCodeFlow *self,
                                             const char                 *name,
                                             const char                 *value)
{
  g_return_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self));
  g_return_if_fail (name != NULL);

  for (guint i = 0; i + 1 < self->parameters->len; i += 2)
    if (g_str_equal (g_ptr_array_index (self->parameters, i), name))
      {
        g_ptr_array_remove_range (self->parameters, i, 2);
        break;
      }

  if (value != NULL)
    {
      g_ptr_array_add (self->parameters, g_strdup (name));
      g_ptr_array_add (self->parameters, g_strdup (value));
    }
}

/**
 * grant_authorization_code_flow_set_skew:
 * @self: a #GrantAuthorizationCodeFlow
 * @skew_seconds: how far the clocks may disagree when ID-token times are checked
 */
void
grant_authorization_code_flow_set_skew (GrantAuthorizationCodeFlow *self,
                                        gint64                      skew_seconds)
{
  g_return_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self));
  g_return_if_fail (skew_seconds >= 0);

  self->skew = skew_seconds;
}

/**
 * grant_authorization_code_flow_get_skew:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: how far, in seconds, the clocks may disagree when ID-token times are checked
 */
gint64
grant_authorization_code_flow_get_skew (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), 0);

  return self->skew;
}

/**
 * grant_authorization_code_flow_get_state_parameter:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (nullable): the state sent, once the flow started
 */
const char *
grant_authorization_code_flow_get_state_parameter (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->state;
}

/**
 * grant_authorization_code_flow_get_nonce:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (nullable): the nonce sent, if one was
 */
const char *
grant_authorization_code_flow_get_nonce (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->nonce;
}

/**
 * grant_authorization_code_flow_get_code_verifier:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (nullable): the PKCE code_verifier, if PKCE is on
 */
const char *
grant_authorization_code_flow_get_code_verifier (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->code_verifier;
}

/**
 * grant_authorization_code_flow_get_code_challenge:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (nullable): the code_challenge sent, if PKCE is on
 */
const char *
grant_authorization_code_flow_get_code_challenge (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->code_challenge;
}

/**
 * grant_authorization_code_flow_get_redirect_uri:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (nullable): the redirect URI sent, as the user agent made it
 */
const char *
grant_authorization_code_flow_get_redirect_uri (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->redirect_uri;
}

/**
 * grant_authorization_code_flow_get_authorization_url:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (nullable): the URL the user agent was given
 */
const char *
grant_authorization_code_flow_get_authorization_url (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->authorization_url;
}

/**
 * grant_authorization_code_flow_get_response_parameters:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (transfer none) (nullable) (element-type utf8 utf8): the authorization
 *   response's parameters, once it came
 */
GHashTable *
grant_authorization_code_flow_get_response_parameters (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->response_parameters;
}

/**
 * grant_authorization_code_flow_get_checks:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (transfer none): the checks made so far (state, iss, PKCE, and each ID-token
 *   check), a list of #GrantCheck
 */
GListModel *
grant_authorization_code_flow_get_checks (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return G_LIST_MODEL (self->checks);
}

/**
 * grant_authorization_code_flow_get_tokens_received:
 * @self: a #GrantAuthorizationCodeFlow
 *
 * Returns: (transfer none) (nullable): the tokens the server gave, even when a check then
 *   failed and the flow with it
 */
GrantTokenResponse *
grant_authorization_code_flow_get_tokens_received (GrantAuthorizationCodeFlow *self)
{
  g_return_val_if_fail (GRANT_IS_AUTHORIZATION_CODE_FLOW (self), NULL);

  return self->tokens_received;
}
