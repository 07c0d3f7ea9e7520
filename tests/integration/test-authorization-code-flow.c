/* test-authorization-code-flow.c
 * The authorization code flow against oidc-provider, through the loopback user agent, with
 * approve.mjs playing the user: PKCE, form_post, PAR, refusals, and the checks on state, iss
 * and the ID token.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-check.h"
#include "grant-jose-error.h"
#include "grant-oauth-error.h"
#include "grant-test-async.h"
#include "grant-test-provider.h"
#include "grant-test-user.h"

static GrantTestProvider *fixture;
static GrantProvider *provider;

static GrantClient *
client_for (const char            *client_id,
            GrantClientAuthMethod  method,
            const char            *secret)
{
  GrantClient *client = grant_client_new (client_id);

  grant_client_set_token_endpoint_auth_method (client, method);
  grant_client_set_client_secret (client, secret);
  grant_client_set_redirect_uri (client, "http://127.0.0.1/callback");
  grant_client_set_scope (client, "openid profile photos:read");

  return client;
}

static GrantFlow *
new_flow (GrantClient     *client,
          GrantTestUser   *user,
          GrantHttpClient *http_client)
{
  return grant_authorization_code_flow_new (provider, client, http_client,
                                            grant_test_user_get_user_agent (user));
}

static void
assert_all_checks_pass (GrantFlow *flow)
{
  GListModel *checks = grant_authorization_code_flow_get_checks (GRANT_AUTHORIZATION_CODE_FLOW (flow));
  guint n = g_list_model_get_n_items (checks);

  g_assert_cmpuint (n, >, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      g_test_message ("%s: %s", grant_check_get_name (check), grant_check_get_reason (check));
      g_assert_cmpint (grant_check_get_status (check), !=, GRANT_CHECK_FAILED);
    }
  g_assert_nonnull (grant_checks_find (checks, "state"));
  g_assert_cmpint (grant_check_get_status (grant_checks_find (checks, "state")), ==,
                   GRANT_CHECK_PASSED);
  g_assert_cmpint (grant_check_get_status (grant_checks_find (checks, "PKCE")), ==,
                   GRANT_CHECK_PASSED);
  g_assert_cmpint (grant_check_get_status (grant_checks_find (checks, "ID token signature")), ==,
                   GRANT_CHECK_PASSED);
  g_assert_cmpint (grant_check_get_status (grant_checks_find (checks, "ID token nonce")), ==,
                   GRANT_CHECK_PASSED);
}

static const char *
exchange_title (GListModel *log,
                guint       position)
{
  g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, position);

  g_assert_nonnull (exchange);

  return grant_exchange_get_title (exchange);
}

/* A native app: public client, PKCE S256, loopback redirect. Everything is checked, and the
 * log tells the story in order. */
static void
test_public_pkce (void)
{
  g_autoptr(GrantClient) client = client_for ("grant-public", GRANT_CLIENT_AUTH_NONE, NULL);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantTestUser) user = grant_test_user_new ("alice", FALSE);
  g_autoptr(GrantFlow) flow = new_flow (client, user, http_client);
  GrantAuthorizationCodeFlow *code_flow = GRANT_AUTHORIZATION_CODE_FLOW (flow);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *challenge = NULL;
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (http_client));
  g_autoptr(GrantExchange) token_request = NULL;

  g_assert_null (grant_flow_get_legacy_reason (flow));
  response = grant_test_user_run_flow (user, flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grant_token_response_get_access_token (response));
  g_assert_nonnull (grant_token_response_get_id_token (response));
  assert_all_checks_pass (flow);

  challenge = grant_pkce_challenge (grant_authorization_code_flow_get_code_verifier (code_flow),
                                    GRANT_PKCE_METHOD_S256, NULL);
  g_assert_cmpstr (challenge, ==, grant_authorization_code_flow_get_code_challenge (code_flow));
  g_assert_true (g_str_has_prefix (grant_authorization_code_flow_get_redirect_uri (code_flow),
                                   "http://127.0.0.1:"));
  g_assert_nonnull (strstr (grant_authorization_code_flow_get_authorization_url (code_flow),
                            "code_challenge_method=S256"));
  g_assert_cmpstr (g_hash_table_lookup (grant_authorization_code_flow_get_response_parameters (code_flow),
                                        "state"), ==,
                   grant_authorization_code_flow_get_state_parameter (code_flow));

  /* Front channel, then back channel, in order. */
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 4);
  g_assert_cmpstr (exchange_title (log, 0), ==, "Authorization request");
  g_assert_cmpstr (exchange_title (log, 1), ==, "Authorization response");
  g_assert_cmpstr (exchange_title (log, 2), ==, "Token request");
  g_assert_cmpstr (exchange_title (log, 3), ==, "Key set (JWKS)");
  token_request = g_list_model_get_item (log, 2);
  g_assert_cmpstr (grant_http_request_get_form_field (grant_exchange_get_request (token_request),
                                                      "code_verifier"), ==,
                   grant_authorization_code_flow_get_code_verifier (code_flow));
}

/* A confidential client with client_secret_basic, the response by form_post. */
static void
test_confidential_form_post (void)
{
  g_autoptr(GrantClient) client = client_for ("grant-confidential",
                                              GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC,
                                              "grant-confidential-secret");
  g_autoptr(GrantTestUser) user = grant_test_user_new ("alice", FALSE);
  g_autoptr(GrantFlow) flow = new_flow (client, user, NULL);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  grant_authorization_code_flow_set_response_mode (GRANT_AUTHORIZATION_CODE_FLOW (flow),
                                                   "form_post");
  response = grant_test_user_run_flow (user, flow, &error);
  g_assert_no_error (error);
  assert_all_checks_pass (flow);
}

/* Every other client authentication method the fixture has, and DPoP-bound tokens from a
 * code (grant-dpop requires DPoP, with a nonce). */
static void
test_client_authentication (void)
{
  static const struct
  {
    const char            *client_id;
    GrantClientAuthMethod  method;
    const char            *secret;
    gboolean               dpop;
  } clients[] = {
    { "grant-confidential-post", GRANT_CLIENT_AUTH_CLIENT_SECRET_POST,
      "grant-confidential-post-secret", FALSE },
    { "grant-secret-jwt", GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT,
      "grant-secret-jwt-secret-long-enough-for-hs256-0123456789", FALSE },
    { "grant-private-key-jwt", GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT, NULL, FALSE },
    { "grant-dpop", GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC, "grant-dpop-secret", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr(GrantClient) client = client_for (clients[i].client_id, clients[i].method,
                                                  clients[i].secret);
      g_autoptr(GrantTestUser) user = grant_test_user_new ("bob", FALSE);
      g_autoptr(GrantFlow) flow = new_flow (client, user, NULL);
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", clients[i].client_id);
      if (clients[i].method == GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT)
        {
          g_autofree char *path = g_build_filename (g_getenv ("GRANT_FIXTURE_DIR"), "keys",
                                                    "grant-private-key-jwt.pem", NULL);
          g_autofree char *pem = NULL;
          g_autoptr(GrantJwk) key = NULL;

          g_file_get_contents (path, &pem, NULL, &error);
          g_assert_no_error (error);
          key = grant_jwk_new_from_pem (pem, -1, &error);
          g_assert_no_error (error);
          grant_client_set_private_key (client, key);
        }
      if (clients[i].dpop)
        {
          g_autoptr(GrantDpopSession) dpop = grant_dpop_session_new (NULL, &error);

          g_assert_no_error (error);
          grant_flow_set_dpop_session (flow, dpop);
        }

      response = grant_test_user_run_flow (user, flow, &error);
      g_assert_no_error (error);
      assert_all_checks_pass (flow);
      g_assert_cmpstr (grant_token_response_get_token_type (response), ==,
                       clients[i].dpop ? "DPoP" : "Bearer");
    }
}

/* RFC 9126: grant-par must push its request; without PAR the provider refuses it, and the
 * refusal comes back through the redirect with its code. */
static void
test_par (void)
{
  g_autoptr(GrantClient) client = client_for ("grant-par", GRANT_CLIENT_AUTH_NONE, NULL);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantTestUser) user = grant_test_user_new ("alice", FALSE);
  g_autoptr(GrantFlow) pushed = new_flow (client, user, http_client);
  g_autoptr(GrantFlow) not_pushed = new_flow (client, user, NULL);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;

  grant_authorization_code_flow_set_use_par (GRANT_AUTHORIZATION_CODE_FLOW (pushed), TRUE);
  response = grant_test_user_run_flow (user, pushed, &error);
  g_assert_no_error (error);
  assert_all_checks_pass (pushed);
  url = grant_authorization_code_flow_get_authorization_url (GRANT_AUTHORIZATION_CODE_FLOW (pushed));
  g_assert_nonnull (strstr (url, "request_uri="));
  g_assert_null (strstr (url, "code_challenge"));
  g_assert_cmpstr (exchange_title (G_LIST_MODEL (grant_http_client_get_log (http_client)), 0), ==,
                   "Pushed authorization request");

  g_clear_object (&response);
  response = grant_test_user_run_flow (user, not_pushed, &error);
  g_assert_null (response);
  g_test_message ("%s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "Pushed Authorization Request must be used"));
}

static void
test_access_denied (void)
{
  g_autoptr(GrantClient) client = client_for ("grant-public", GRANT_CLIENT_AUTH_NONE, NULL);
  g_autoptr(GrantTestUser) user = grant_test_user_new ("alice", TRUE);
  g_autoptr(GrantFlow) flow = new_flow (client, user, NULL);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = grant_test_user_run_flow (user, flow, &error);
  g_assert_null (response);
  g_test_message ("%s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (error->message, "End-User aborted interaction"));
}

/* Step mode's interception point, used to send a wrong code_verifier: the provider refuses
 * the code with invalid_grant. */
#define TEST_TYPE_VERIFIER_SWAP (test_verifier_swap_get_type ())
G_DECLARE_FINAL_TYPE (TestVerifierSwap, test_verifier_swap, TEST, VERIFIER_SWAP, GObject)

struct _TestVerifierSwap
{
  GObject parent_instance;
};

static void test_verifier_swap_iface_init (GrantHttpInterceptorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestVerifierSwap, test_verifier_swap, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GRANT_TYPE_HTTP_INTERCEPTOR,
                                                      test_verifier_swap_iface_init))

static void
swap_intercept_async (GrantHttpInterceptor *interceptor,
                      GrantHttpRequest     *request,
                      const char           *title,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (interceptor, cancellable, callback, user_data);

  if (grant_http_request_get_form_field (request, "code_verifier") != NULL)
    grant_http_request_set_form_field (request, "code_verifier",
                                       "not-the-verifier-0123456789012345678901234567890123",
                                       TRUE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
swap_intercept_finish (GrantHttpInterceptor  *interceptor,
                       GAsyncResult          *result,
                       GError               **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_verifier_swap_iface_init (GrantHttpInterceptorInterface *iface)
{
  iface->intercept_async = swap_intercept_async;
  iface->intercept_finish = swap_intercept_finish;
}

static void
test_verifier_swap_class_init (TestVerifierSwapClass *klass)
{
}

static void
test_verifier_swap_init (TestVerifierSwap *self)
{
}

static void
test_wrong_verifier (void)
{
  g_autoptr(GrantClient) client = client_for ("grant-public", GRANT_CLIENT_AUTH_NONE, NULL);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(TestVerifierSwap) swap = g_object_new (TEST_TYPE_VERIFIER_SWAP, NULL);
  g_autoptr(GrantTestUser) user = grant_test_user_new ("alice", FALSE);
  g_autoptr(GrantFlow) flow = new_flow (client, user, http_client);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  grant_http_client_set_interceptor (http_client, GRANT_HTTP_INTERCEPTOR (swap));
  response = grant_test_user_run_flow (user, flow, &error);
  g_assert_null (response);
  g_test_message ("%s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "the code_verifier does not match"));
}

/* A code is good once: the same token request again is refused. */
static void
test_reused_code (void)
{
  g_autoptr(GrantClient) client = client_for ("grant-public", GRANT_CLIENT_AUTH_NONE, NULL);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantTestUser) user = grant_test_user_new ("alice", FALSE);
  g_autoptr(GrantFlow) flow = new_flow (client, user, http_client);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) first = NULL;
  g_autoptr(GrantExchange) again = NULL;
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;

  response = grant_test_user_run_flow (user, flow, &error);
  g_assert_no_error (error);

  first = g_list_model_get_item (G_LIST_MODEL (grant_http_client_get_log (http_client)), 2);
  request = grant_http_request_copy (grant_exchange_get_request (first));
  grant_http_client_send_async (http_client, request, "Token request, again", NULL,
                                grant_test_async_result_cb, &result);
  again = grant_http_client_send_finish (http_client, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  json = grant_oauth_response_parse (again, "The token endpoint", &error);
  g_assert_null (json);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
}

/* A user agent that brings back whatever the test says, to forge responses. */
#define TEST_TYPE_FORGER (test_forger_get_type ())
G_DECLARE_FINAL_TYPE (TestForger, test_forger, TEST, FORGER, GObject)

struct _TestForger
{
  GObject     parent_instance;
  GHashTable *response;
};

static void test_forger_iface_init (GrantUserAgentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestForger, test_forger, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GRANT_TYPE_USER_AGENT,
                                                      test_forger_iface_init))

static void
forger_authorize_async (GrantUserAgent      *user_agent,
                        const char          *authorization_url,
                        const char          *redirect_uri,
                        GrantExchangeLog    *log,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TestForger *self = TEST_FORGER (user_agent);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_return_pointer (task, g_hash_table_ref (self->response),
                         (GDestroyNotify) g_hash_table_unref);
}

static GHashTable *
forger_authorize_finish (GrantUserAgent  *user_agent,
                         GAsyncResult    *result,
                         GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_forger_iface_init (GrantUserAgentInterface *iface)
{
  iface->authorize_async = forger_authorize_async;
  iface->authorize_finish = forger_authorize_finish;
}

static void
test_forger_finalize (GObject *object)
{
  g_hash_table_unref (TEST_FORGER (object)->response);
  G_OBJECT_CLASS (test_forger_parent_class)->finalize (object);
}

static void
test_forger_class_init (TestForgerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_forger_finalize;
}

static void
test_forger_init (TestForger *self)
{
  self->response = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* A forged response (wrong state, or another issuer's iss) is refused before the code is
 * used: nothing goes to the token endpoint. */
static void
test_forged_response (void)
{
  static const struct { const char *state; const char *iss; const char *failed; } cases[] = {
    { "forged-state", NULL, "state" },
    { NULL, NULL, "state" },
    { "", "https://attacker.example", "iss" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantClient) client = client_for ("grant-public", GRANT_CLIENT_AUTH_NONE, NULL);
      g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
      g_autoptr(TestForger) forger = g_object_new (TEST_TYPE_FORGER, NULL);
      g_autoptr(GrantFlow) flow = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      GListModel *checks;

      flow = grant_authorization_code_flow_new (provider, client, http_client,
                                                GRANT_USER_AGENT (forger));
      g_hash_table_insert (forger->response, g_strdup ("code"), g_strdup ("stolen-code"));
      if (cases[i].iss != NULL)
        g_hash_table_insert (forger->response, g_strdup ("iss"), g_strdup (cases[i].iss));

      grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);
      /* The state is known once the run has started; a forger that knows it is the case
       * of a forged iss. */
      if (cases[i].state != NULL)
        g_hash_table_insert (forger->response, g_strdup ("state"),
                             g_strdup (*cases[i].state != '\0' ? cases[i].state
                                       : grant_authorization_code_flow_get_state_parameter (
                                           GRANT_AUTHORIZATION_CODE_FLOW (flow))));
      response = grant_flow_run_finish (flow, grant_test_async_wait (&result), &error);
      g_assert_null (response);
      g_test_message ("%s", error->message);
      g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE);

      checks = grant_authorization_code_flow_get_checks (GRANT_AUTHORIZATION_CODE_FLOW (flow));
      g_assert_cmpint (grant_check_get_status (grant_checks_find (checks, cases[i].failed)), ==,
                       GRANT_CHECK_FAILED);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (http_client))),
                        ==, 0);
    }
}

/* Implicit is legacy and says why; so is a hybrid type with a front-channel token. */
static void
test_legacy (void)
{
  g_autoptr(GrantClient) client = client_for ("grant-public", GRANT_CLIENT_AUTH_NONE, NULL);
  g_autoptr(GrantTestUser) user = grant_test_user_new ("alice", FALSE);
  g_autoptr(GrantFlow) flow = new_flow (client, user, NULL);
  GrantAuthorizationCodeFlow *code_flow = GRANT_AUTHORIZATION_CODE_FLOW (flow);

  g_assert_null (grant_flow_get_legacy_reason (flow));
  grant_authorization_code_flow_set_response_type (code_flow, "id_token token");
  g_assert_nonnull (strstr (grant_flow_get_legacy_reason (flow), "RFC 9700"));
  grant_authorization_code_flow_set_response_type (code_flow, "code id_token token");
  g_assert_nonnull (grant_flow_get_legacy_reason (flow));
  grant_authorization_code_flow_set_response_type (code_flow, "code id_token");
  g_assert_null (grant_flow_get_legacy_reason (flow));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  fixture = grant_test_provider_start (&error);
  g_assert_no_error (error);

  provider = grant_test_provider_discover (fixture);

  g_test_add_func ("/grant/authorization-code-flow/public-pkce", test_public_pkce);
  g_test_add_func ("/grant/authorization-code-flow/confidential-form-post",
                   test_confidential_form_post);
  g_test_add_func ("/grant/authorization-code-flow/par", test_par);
  g_test_add_func ("/grant/authorization-code-flow/client-authentication",
                   test_client_authentication);
  g_test_add_func ("/grant/authorization-code-flow/access-denied", test_access_denied);
  g_test_add_func ("/grant/authorization-code-flow/wrong-verifier", test_wrong_verifier);
  g_test_add_func ("/grant/authorization-code-flow/reused-code", test_reused_code);
  g_test_add_func ("/grant/authorization-code-flow/forged-response", test_forged_response);
  g_test_add_func ("/grant/authorization-code-flow/legacy", test_legacy);

  status = g_test_run ();

  g_clear_object (&provider);
  grant_test_provider_stop (fixture);

  return status;
}
