/* test-practice-provider.c
 * The practice provider against Grant's core: every flow works, every fault switch puts its
 * fault on the wire and the core flags it, and bad requests get RFC 6749's errors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-check.h"
#include "grant-client-credentials-flow.h"
#include "grant-device-flow.h"
#include "grant-jose-json.h"
#include "grant-jws.h"
#include "grant-jwt-claims.h"
#include "grant-oauth-error.h"
#include "grant-password-flow.h"
#include "grant-probe-suite.h"
#include "grant-refresh-flow.h"
#include "grant-replay-runner.h"
#include "grant-test-async.h"
#include "grant-test-practice.h"
#include "grant-test-provider.h"
#include "grant-test-user.h"
#include "grant-token-operations.h"

static GrantPracticeProvider *practice;
static GrantProvider *provider;

static GrantClient *
practice_client (const char *client_id)
{
  GrantClient *client = grant_client_new (client_id);

  if (g_str_equal (client_id, GRANT_PRACTICE_CLIENT_CONFIDENTIAL))
    grant_client_set_client_secret (client, "practice-web-secret");
  else if (g_str_equal (client_id, GRANT_PRACTICE_CLIENT_MACHINE))
    grant_client_set_client_secret (client, "practice-machine-secret");
  grant_client_set_token_endpoint_auth_method (client,
                                               grant_client_get_client_secret (client) != NULL
                                               ? GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC
                                               : GRANT_CLIENT_AUTH_NONE);
  grant_client_set_redirect_uri (client, "http://127.0.0.1/callback");
  grant_client_set_scope (client, "openid profile offline_access photos:read");

  return client;
}

static void
reset_faults (void)
{
  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      grant_practice_provider_set_fault (practice, i, FALSE);
      if (grant_practice_fault_get_info (i)->value_label != NULL)
        grant_practice_provider_set_fault_value (practice, i,
                                                 grant_practice_fault_get_info (i)->default_value);
    }
}

/* Runs the authorization code flow of practice-app as alice; returns the flow, run. */
static GrantFlow *
run_authorization_code (const char          *client_id,
                        GrantTokenResponse **response,
                        GError             **error)
{
  g_autoptr(GrantClient) client = practice_client (client_id);
  g_autoptr(GrantTestUser) user = grant_test_user_new_for_practice ("alice", FALSE);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  GrantFlow *flow;

  flow = grant_authorization_code_flow_new (provider, client, http_client,
                                            grant_test_user_get_user_agent (user));
  *response = grant_test_user_run_flow (user, flow, error);

  return flow;
}

static GrantTokenResponse *
run_flow (GrantFlow  *flow,
          GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);
  return grant_flow_run_finish (flow, grant_test_async_wait (&result), error);
}

static GrantTokenResponse *
client_credentials (const char  *scope,
                    GError     **error)
{
  g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_MACHINE);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = NULL;

  grant_client_set_scope (client, scope);
  flow = grant_client_credentials_flow_new (provider, client, http_client);
  return run_flow (flow, error);
}

/* Sends one request through the recording client. */
static GrantExchange *
send_request (GrantHttpRequest *request)
{
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GrantExchange *exchange;

  grant_http_client_send_async (http_client, request, "Test", NULL, grant_test_async_result_cb,
                                &result);
  exchange = grant_http_client_send_finish (http_client, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);

  return exchange;
}

static GrantExchange *
call_api (const char *method,
          const char *path,
          const char *access_token)
{
  g_autofree char *url = g_strconcat (grant_practice_provider_get_issuer (practice), path, NULL);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (method, url);

  if (access_token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", access_token, NULL);

      grant_http_request_set_header (request, "Authorization", authorization, TRUE);
    }

  return send_request (request);
}

/* The flow's exchange with the token endpoint, if it had one. */
static GrantExchange *
token_exchange (GrantFlow *flow)
{
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (grant_flow_get_http_client (flow)));
  g_autofree char *token_endpoint = g_strconcat (grant_practice_provider_get_issuer (practice),
                                                 "/token", NULL);

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);

      if (g_str_equal (grant_http_request_get_uri (grant_exchange_get_request (exchange)),
                       token_endpoint))
        return exchange;
    }

  return NULL;
}

static GrantCheckStatus
check_status (GrantFlow  *flow,
              const char *name)
{
  GListModel *checks = grant_authorization_code_flow_get_checks (GRANT_AUTHORIZATION_CODE_FLOW (flow));
  GrantCheck *check = grant_checks_find (checks, name);

  g_assert_nonnull (check);
  g_test_message ("%s: %s", name, grant_check_get_reason (check));

  return grant_check_get_status (check);
}

static void
test_discovery (void)
{
  GrantProviderMetadata *metadata = grant_provider_get_metadata (provider);

  g_assert_cmpstr (grant_provider_get_issuer (provider), ==,
                   grant_practice_provider_get_issuer (practice));
  g_assert_nonnull (metadata);

  /* The core's checks of the discovery document all pass: nothing in it is wrong or risky. */
  for (guint i = 0; i < g_list_model_get_n_items (grant_provider_metadata_get_checks (metadata)); i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (grant_provider_metadata_get_checks (metadata), i);

      g_test_message ("%s: %s", grant_check_get_name (check), grant_check_get_reason (check));
      g_assert_cmpint (grant_check_get_status (check), !=, GRANT_CHECK_FAILED);
    }
  g_assert_true (grant_provider_metadata_lookup_boolean (metadata,
                                                         "authorization_response_iss_parameter_supported"));
}

/* Every flow a client type calls for, end to end, with every check passing. */
static void
test_authorization_code (void)
{
  const char *clients[] = { GRANT_PRACTICE_CLIENT_PUBLIC, GRANT_PRACTICE_CLIENT_CONFIDENTIAL };

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GrantExchange) photos = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantFlow) flow = run_authorization_code (clients[i], &response, &error);
      GListModel *checks;

      g_assert_no_error (error);
      checks = grant_authorization_code_flow_get_checks (GRANT_AUTHORIZATION_CODE_FLOW (flow));
      for (guint j = 0; j < g_list_model_get_n_items (checks); j++)
        {
          g_autoptr(GrantCheck) check = g_list_model_get_item (checks, j);

          g_test_message ("%s: %s", grant_check_get_name (check), grant_check_get_reason (check));
          g_assert_cmpint (grant_check_get_status (check), !=, GRANT_CHECK_FAILED);
        }
      g_assert_cmpint (check_status (flow, "state"), ==, GRANT_CHECK_PASSED);
      g_assert_cmpint (check_status (flow, "iss"), ==, GRANT_CHECK_PASSED);
      g_assert_cmpint (check_status (flow, "PKCE"), ==, GRANT_CHECK_PASSED);
      g_assert_cmpint (check_status (flow, "ID token signature"), ==, GRANT_CHECK_PASSED);
      g_assert_cmpint (check_status (flow, "ID token nonce"), ==, GRANT_CHECK_PASSED);
      g_assert_cmpint (check_status (flow, "ID token at_hash"), ==, GRANT_CHECK_PASSED);
      g_assert_nonnull (grant_token_response_get_refresh_token (response));

      photos = call_api ("GET", "/api/photos", grant_token_response_get_access_token (response));
      g_assert_cmpuint (grant_exchange_get_status (photos), ==, 200);
    }
}

static void
test_access_denied (void)
{
  g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_PUBLIC);
  g_autoptr(GrantTestUser) user = grant_test_user_new_for_practice ("bob", TRUE);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  flow = grant_authorization_code_flow_new (provider, client, http_client,
                                            grant_test_user_get_user_agent (user));
  response = grant_test_user_run_flow (user, flow, &error);
  g_assert_null (response);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_ACCESS_DENIED);
}

static void
test_refresh_rotation (void)
{
  g_autoptr(GrantTokenResponse) first = NULL;
  g_autoptr(GrantTokenResponse) second = NULL;
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantFlow) refresh = NULL;
  g_autoptr(GrantFlow) again = NULL;
  g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_CONFIDENTIAL);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GError) error = NULL;

  flow = run_authorization_code (GRANT_PRACTICE_CLIENT_CONFIDENTIAL, &first, &error);
  g_assert_no_error (error);

  refresh = grant_refresh_flow_new (provider, client, http_client,
                                    grant_token_response_get_refresh_token (first));
  second = run_flow (refresh, &error);
  g_assert_no_error (error);
  g_assert_true (grant_refresh_flow_get_rotated (GRANT_REFRESH_FLOW (refresh)));
  g_assert_cmpstr (grant_token_response_get_refresh_token (second), !=,
                   grant_token_response_get_refresh_token (first));

  /* Without reuse detection, the old token is refused and the new one lives on. */
  again = grant_refresh_flow_new (provider, client, http_client,
                                  grant_token_response_get_refresh_token (first));
  g_assert_null (run_flow (again, &error));
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);
  g_clear_object (&again);
  again = grant_refresh_flow_new (provider, client, http_client,
                                  grant_token_response_get_refresh_token (second));
  g_clear_object (&first);
  first = run_flow (again, &error);
  g_assert_no_error (error);
}

static void
test_device (void)
{
  g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_DEVICE);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = grant_device_flow_new (provider, client, http_client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) approved = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trace = NULL;
  const char *user_code;

  grant_client_set_scope (client, "openid photos:read");
  grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);
  while (grant_device_flow_get_user_code (GRANT_DEVICE_FLOW (flow)) == NULL && result == NULL)
    g_main_context_iteration (NULL, TRUE);
  user_code = grant_device_flow_get_user_code (GRANT_DEVICE_FLOW (flow));
  g_assert_nonnull (user_code);
  g_assert_true (g_regex_match_simple ("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$",
                                       user_code, 0, 0));

  /* The user types the code on the verification page, then logs in and allows. */
  grant_test_practice_approve_async (grant_device_flow_get_verification_uri_complete (GRANT_DEVICE_FLOW (flow)),
                                     "carol", FALSE, grant_test_async_result_cb, &approved);
  trace = grant_test_practice_approve_finish (grant_test_async_wait (&approved), &error);
  g_assert_no_error (error);
  g_test_message ("%s", trace);

  response = grant_flow_run_finish (flow, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (grant_token_response_get_access_token (response));
}

/* Each ID-token fault: the fault is in the token, and the core's check of it fails. */
static void
test_id_token_faults (void)
{
  static const struct
  {
    GrantPracticeFault  fault;
    const char         *check;
  } cases[] = {
    { GRANT_PRACTICE_FAULT_ID_TOKEN_BAD_SIGNATURE, "ID token signature" },
    { GRANT_PRACTICE_FAULT_ID_TOKEN_ALG_NONE, "ID token alg" },
    { GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_NONCE, "ID token nonce" },
    { GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_AUDIENCE, "ID token aud" },
    { GRANT_PRACTICE_FAULT_ID_TOKEN_EXPIRED, "ID token exp" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GrantFlow) flow = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("fault %s", grant_practice_fault_get_info (cases[i].fault)->name);
      reset_faults ();
      grant_practice_provider_set_fault (practice, cases[i].fault, TRUE);
      flow = run_authorization_code (GRANT_PRACTICE_CLIENT_PUBLIC, &response, &error);

      g_assert_null (response);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_cmpint (check_status (flow, cases[i].check), ==, GRANT_CHECK_FAILED);

      /* The token endpoint did answer 200: the fault is in the token, not the exchange. */
      g_assert_nonnull (token_exchange (flow));
      g_assert_cmpuint (grant_exchange_get_status (token_exchange (flow)), ==, 200);
    }
  reset_faults ();
}

/* The front-channel faults: the authorization response is wrong, and the core refuses it before
 * any code is redeemed. */
static void
test_response_faults (void)
{
  static const struct
  {
    GrantPracticeFault  fault;
    const char         *check;
  } cases[] = {
    { GRANT_PRACTICE_FAULT_WRONG_STATE, "state" },
    { GRANT_PRACTICE_FAULT_MISSING_ISS, "iss" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GrantFlow) flow = NULL;
      g_autoptr(GError) error = NULL;

      reset_faults ();
      grant_practice_provider_set_fault (practice, cases[i].fault, TRUE);
      flow = run_authorization_code (GRANT_PRACTICE_CLIENT_PUBLIC, &response, &error);

      g_assert_null (response);
      g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE);
      g_assert_cmpint (check_status (flow, cases[i].check), ==, GRANT_CHECK_FAILED);
      /* The code was never sent to the token endpoint. */
      g_assert_null (token_exchange (flow));
    }
  reset_faults ();
}

static void
test_short_access_tokens (void)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  g_autoptr(GrantExchange) later = NULL;
  g_autoptr(GError) error = NULL;
  gint64 iat = 0;
  gint64 exp = 0;

  reset_faults ();
  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS, TRUE);
  grant_practice_provider_set_fault_value (practice, GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS, 1);
  response = client_credentials ("photos:read", &error);
  g_assert_no_error (error);
  g_assert_cmpint (grant_token_response_get_expires_in (response), ==, 1);

  {
    g_autoptr(GrantJws) jws = grant_jws_parse (grant_token_response_get_access_token (response), -1,
                                               &error);
    g_assert_no_error (error);
    claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), &error);
    g_assert_no_error (error);
  }
  g_assert_true (grant_jwt_claims_get_time (claims, "iat", &iat, NULL));
  g_assert_true (grant_jwt_claims_get_time (claims, "exp", &exp, NULL));
  g_assert_cmpint (exp - iat, ==, 1);

  /* Once it has expired, the API says so. */
  g_usleep (2100 * G_TIME_SPAN_MILLISECOND);
  later = call_api ("GET", "/api/photos", grant_token_response_get_access_token (response));
  g_assert_cmpuint (grant_exchange_get_status (later), ==, 401);
  g_assert_nonnull (strstr (grant_exchange_get_response_header (later, "WWW-Authenticate"),
                            "invalid_token"));
  reset_faults ();
}

static void
test_refresh_reuse_detection (void)
{
  g_autoptr(GrantTokenResponse) first = NULL;
  g_autoptr(GrantTokenResponse) second = NULL;
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantFlow) refresh = NULL;
  g_autoptr(GrantFlow) reuse = NULL;
  g_autoptr(GrantFlow) newest = NULL;
  g_autoptr(GrantExchange) photos = NULL;
  g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_CONFIDENTIAL);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GError) error = NULL;

  reset_faults ();
  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_REFRESH_REUSE_DETECTION, TRUE);
  flow = run_authorization_code (GRANT_PRACTICE_CLIENT_CONFIDENTIAL, &first, &error);
  g_assert_no_error (error);
  refresh = grant_refresh_flow_new (provider, client, http_client,
                                    grant_token_response_get_refresh_token (first));
  second = run_flow (refresh, &error);
  g_assert_no_error (error);

  /* The rotated token again: refused, and the whole family with it. */
  reuse = grant_refresh_flow_new (provider, client, http_client,
                                  grant_token_response_get_refresh_token (first));
  g_assert_null (run_flow (reuse, &error));
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  newest = grant_refresh_flow_new (provider, client, http_client,
                                   grant_token_response_get_refresh_token (second));
  g_assert_null (run_flow (newest, &error));
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);

  photos = call_api ("GET", "/api/photos", grant_token_response_get_access_token (second));
  g_assert_cmpuint (grant_exchange_get_status (photos), ==, 401);
  reset_faults ();
}

static void
test_slow_token_endpoint (void)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  reset_faults ();
  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT, TRUE);
  grant_practice_provider_set_fault_value (practice, GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT, 400);
  start = g_get_monotonic_time ();
  response = client_credentials ("photos:read", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (grant_exchange_get_timings (grant_token_response_get_exchange (response))->total,
                   >=, 400 * G_TIME_SPAN_MILLISECOND);
  reset_faults ();
}

static void
test_token_endpoint_error (void)
{
  g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_MACHINE);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GError) error = NULL;

  reset_faults ();
  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_TOKEN_ENDPOINT_ERROR, TRUE);
  flow = grant_client_credentials_flow_new (provider, client, http_client);
  g_assert_null (run_flow (flow, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "server_error"));
  g_assert_cmpuint (grant_exchange_get_status (token_exchange (flow)), ==, 500);
  reset_faults ();
}

static void
test_api_rate_limit (void)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) first = NULL;
  g_autoptr(GrantExchange) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (http_client, 6);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = g_strconcat (grant_practice_provider_get_issuer (practice), "/api/photos",
                                      NULL);
  g_autofree char *authorization = NULL;

  reset_faults ();
  response = client_credentials ("photos:read", &error);
  g_assert_no_error (error);
  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_API_RATE_LIMIT, TRUE);
  grant_practice_provider_set_fault_value (practice, GRANT_PRACTICE_FAULT_API_RATE_LIMIT, 1);

  /* On the wire: one answer in two is 429 with Retry-After. */
  first = call_api ("GET", "/api/photos", grant_token_response_get_access_token (response));
  second = call_api ("GET", "/api/photos", grant_token_response_get_access_token (response));
  g_assert_cmpuint (grant_exchange_get_status (first) + grant_exchange_get_status (second), ==,
                    200 + 429);
  g_assert_cmpstr (grant_exchange_get_response_header (grant_exchange_get_status (first) == 429
                                                       ? first : second, "Retry-After"), ==, "1");

  /* The replay runner waits it out and gets every answer. */
  authorization = g_strconcat ("Bearer ", grant_token_response_get_access_token (response), NULL);
  for (guint i = 0; i < 4; i++)
    {
      GrantHttpRequest *request = grant_http_request_new ("GET", url);

      grant_http_request_set_header (request, "Authorization", authorization, TRUE);
      g_ptr_array_add (requests, request);
    }
  grant_replay_runner_run_async (runner, requests, "Replay", NULL, grant_test_async_result_cb,
                                 &result);
  {
    g_autoptr(GPtrArray) exchanges = grant_replay_runner_run_finish (runner,
                                                                     grant_test_async_wait (&result),
                                                                     &error);

    g_assert_no_error (error);
    for (guint i = 0; i < exchanges->len; i++)
      g_assert_cmpuint (grant_exchange_get_status (g_ptr_array_index (exchanges, i)), ==, 200);
  }
  reset_faults ();
}

static void
test_api_ignores_scopes (void)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) refused = NULL;
  g_autoptr(GrantExchange) let_through = NULL;
  g_autoptr(GError) error = NULL;

  reset_faults ();
  response = client_credentials ("photos:read", &error);
  g_assert_no_error (error);
  refused = call_api ("POST", "/api/photos", grant_token_response_get_access_token (response));
  g_assert_cmpuint (grant_exchange_get_status (refused), ==, 403);
  g_assert_nonnull (strstr (grant_exchange_get_response_header (refused, "WWW-Authenticate"),
                            "scope=\"photos:write\""));

  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_API_IGNORES_SCOPES, TRUE);
  let_through = call_api ("POST", "/api/photos", grant_token_response_get_access_token (response));
  g_assert_cmpuint (grant_exchange_get_status (let_through), ==, 201);
  reset_faults ();
}

static void
test_password_grant (void)
{
  g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_CONFIDENTIAL);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) off = NULL;
  g_autoptr(GrantFlow) on = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  reset_faults ();
  off = grant_password_flow_new (provider, client, http_client, "alice", "practice");
  g_assert_null (run_flow (off, &error));
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE);
  g_clear_error (&error);

  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_PASSWORD_GRANT, TRUE);
  on = grant_password_flow_new (provider, client, http_client, "alice", "practice");
  response = run_flow (on, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grant_flow_get_legacy_reason (on));
  reset_faults ();
}

/* RFC 6749 §4.1.2.1 and §5.2: an error_description is printable ASCII without '"' and '\\',
 * though the practice provider's descriptions quote with “” and cite with §. */
static void
assert_error_description_allowed (const char *description)
{
  g_assert_nonnull (description);
  for (const char *p = description; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7E || *p == '"' || *p == '\\')
      g_error ("error_description “%s” has the character 0x%02x, which RFC 6749 §5.2 does not "
               "allow", description, (guchar) *p);
}

/* RFC 6749 §5.2: each kind of bad token request gets its error code. */
static void
test_token_errors (void)
{
  static const struct
  {
    const char *client;        /* "id:secret" for Basic, or NULL */
    const char *form;
    guint       status;
    const char *error;
  } cases[] = {
    { "practice-machine:practice-machine-secret", "scope=photos:read", 400, "invalid_request" },
    { "practice-machine:wrong", "grant_type=client_credentials", 401, "invalid_client" },
    { NULL, "grant_type=client_credentials&client_id=nobody", 401, "invalid_client" },
    { NULL, "grant_type=client_credentials&client_id=practice-machine", 401, "invalid_client" },
    { "practice-web:practice-web-secret", "grant_type=authorization_code&code=made-up&"
      "redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback", 400, "invalid_grant" },
    { "practice-web:practice-web-secret", "grant_type=refresh_token&refresh_token=made-up",
      400, "invalid_grant" },
    { "practice-web:practice-web-secret", "grant_type=urn%3Aexample%3Amade-up", 400,
      "unsupported_grant_type" },
    { "practice-machine:practice-machine-secret", "grant_type=client_credentials&scope=openid",
      400, "invalid_scope" },
    { "practice-machine:practice-machine-secret", "grant_type=client_credentials&scope=admin",
      400, "invalid_scope" },
    { "practice-web:practice-web-secret", "grant_type=client_credentials", 400,
      "unauthorized_client" },
    { NULL, "grant_type=authorization_code&client_id=practice-app", 400, "invalid_request" },
  };
  g_autofree char *url = g_strconcat (grant_practice_provider_get_issuer (practice), "/token", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", url);
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].form, strlen (cases[i].form));
      g_autoptr(GrantExchange) exchange = NULL;
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(GError) error = NULL;
      GBytes *response_body;

      if (cases[i].client != NULL)
        {
          g_autofree char *encoded = g_base64_encode ((const guchar *) cases[i].client,
                                                      strlen (cases[i].client));
          g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);

          grant_http_request_set_header (request, "Authorization", authorization, TRUE);
        }
      grant_http_request_set_body (request, "application/x-www-form-urlencoded", body);
      exchange = send_request (request);
      response_body = grant_exchange_get_response_body (exchange);
      answer = grant_jose_json_parse_object (g_bytes_get_data (response_body, NULL),
                                             g_bytes_get_size (response_body), "The answer",
                                             &error);
      g_assert_no_error (error);
      g_test_message ("%s → %u %s: %s", cases[i].form, grant_exchange_get_status (exchange),
                      grant_jose_json_lookup_string (answer, "error"),
                      grant_jose_json_lookup_string (answer, "error_description"));
      g_assert_cmpuint (grant_exchange_get_status (exchange), ==, cases[i].status);
      g_assert_cmpstr (grant_jose_json_lookup_string (answer, "error"), ==, cases[i].error);
      assert_error_description_allowed (grant_jose_json_lookup_string (answer,
                                                                       "error_description"));
      g_assert_cmpstr (grant_exchange_get_response_header (exchange, "Cache-Control"), ==,
                       "no-store");
      if (cases[i].status == 401 && cases[i].client != NULL)
        g_assert_nonnull (grant_exchange_get_response_header (exchange, "WWW-Authenticate"));
    }
}

static void
jwks_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GrantJwks) jwks = grant_provider_get_jwks_finish (GRANT_PROVIDER (object), result,
                                                              error);

  if (jwks != NULL)
    g_assert_no_error (*error);
  /* Set, so that the test knows it came. */
  if (jwks != NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "the key set");
}

/* Callers that ask for the key set while it is fetched share the fetch: one request in the
 * log. One that cancels hears so at once and the others still get it; when all cancel, the
 * fetch stops. */
static void
test_jwks_shared (void)
{
  g_autoptr(GrantProvider) fresh = NULL;
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (log);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) first_gone = g_cancellable_new ();
  g_autoptr(GCancellable) second_gone = g_cancellable_new ();
  g_autoptr(GrantProvider) abandoned = NULL;
  GError *first = NULL;
  GError *second = NULL;
  GError *quitter = NULL;

  fresh = grant_test_discover (grant_practice_provider_get_issuer (practice));
  grant_provider_get_jwks_async (fresh, http_client, NULL, NULL, jwks_result_cb, &first);
  grant_provider_get_jwks_async (fresh, http_client, NULL, cancelled, jwks_result_cb, &quitter);
  grant_provider_get_jwks_async (fresh, http_client, NULL, NULL, jwks_result_cb, &second);
  g_cancellable_cancel (cancelled);
  while (first == NULL || second == NULL || quitter == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (quitter, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (first, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_error (second, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 1);
  g_assert_nonnull (grant_provider_get_cached_jwks (fresh));
  g_clear_error (&first);
  g_clear_error (&second);
  g_clear_error (&quitter);

  /* All give up: the request is cancelled too. */
  abandoned = grant_test_discover (grant_practice_provider_get_issuer (practice));
  grant_provider_get_jwks_async (abandoned, http_client, NULL, first_gone, jwks_result_cb,
                                 &first);
  grant_provider_get_jwks_async (abandoned, http_client, NULL, second_gone, jwks_result_cb,
                                 &second);
  g_cancellable_cancel (first_gone);
  g_cancellable_cancel (second_gone);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (first, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (second, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&first);
  g_clear_error (&second);
  {
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_null (grant_provider_get_cached_jwks (abandoned));
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (log)); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (G_LIST_MODEL (log), i);

      g_assert_cmpint (grant_exchange_get_state (exchange), ==, GRANT_EXCHANGE_FAILED);
    }
}

/* A body larger than any form is refused before it is read. */
static void
test_large_request (void)
{
  g_autofree char *url = g_strconcat (grant_practice_provider_get_issuer (practice), "/token", NULL);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", url);
  gsize size = 1024 * 1024;
  g_autoptr(GBytes) body = g_bytes_new_take (memset (g_malloc (size), 'a', size), size);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GrantExchange) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;

  grant_http_request_set_body (request, "application/x-www-form-urlencoded", body);
  exchange = send_request (request);
  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 413);

  /* And the provider goes on serving. */
  response = client_credentials ("photos:read", &error);
  g_assert_no_error (error);
}

/* The authorization endpoint: errors it may redirect, and those it must show itself. */
static void
test_authorization_errors (void)
{
  g_autofree char *issuer = g_strdup (grant_practice_provider_get_issuer (practice));
  const struct
  {
    const char *query;
    guint       status;
    const char *error;
  } cases[] = {
    { "client_id=nobody&response_type=code&scope=openid&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback",
      400, NULL },
    { "client_id=practice-app&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fattacker.example%2Fcallback",
      400, NULL },
    { "client_id=practice-app&response_type=token&scope=openid&state=s&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback",
      303, "unsupported_response_type" },
    { "client_id=practice-app&response_type=code&scope=openid&state=s&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback",
      303, "invalid_request" },
    { "client_id=practice-web&response_type=code&scope=openid%20admin&state=s&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback",
      303, "invalid_scope" },
    { "client_id=practice-app&response_type=code&scope=openid&state=s&code_challenge=abc&"
      "code_challenge_method=plain&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback",
      303, "invalid_request" },
    { "client_id=practice-machine&response_type=code&scope=openid&state=s&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback",
      400, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (issuer, "/authorize?", cases[i].query, NULL);
      g_autoptr(SoupSession) session = soup_session_new ();
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      const char *location;

      /* Not the recording client: it would follow the redirect to the client. */
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                        grant_test_async_result_cb, &result);
      body = soup_session_send_and_read_finish (session, grant_test_async_wait (&result), &error);
      g_assert_no_error (error);
      location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
      g_test_message ("%s → %u %s", cases[i].query, soup_message_get_status (msg), location);
      g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);
      if (cases[i].error == NULL)
        {
          g_assert_null (location);
          continue;
        }
      g_assert_true (g_str_has_prefix (location, "http://127.0.0.1/callback?"));
      g_assert_nonnull (strstr (location, cases[i].error));
      g_assert_nonnull (strstr (location, "state=s"));
      g_assert_nonnull (strstr (location, "iss="));
      {
        g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
        g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                                                           G_URI_PARAMS_NONE, NULL);

        assert_error_description_allowed (g_hash_table_lookup (params, "error_description"));
      }
    }
}

/* The probes find nothing wrong with the practice API, with Bearer and DPoP tokens. */
static void
test_probes (void)
{
  for (guint bound = 0; bound < 2; bound++)
    {
      g_autoptr(GrantDpopSession) dpop = bound ? grant_dpop_session_new (NULL, NULL) : NULL;
      g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_MACHINE);
      g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
      g_autoptr(GrantFlow) flow = NULL;
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GrantProbeSuite) suite = NULL;
      g_autoptr(GrantHttpRequest) request = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = g_strconcat (grant_practice_provider_get_issuer (practice),
                                          "/api/photos", NULL);

      grant_client_set_scope (client, "photos:read");
      flow = grant_client_credentials_flow_new (provider, client, http_client);
      grant_flow_set_dpop_session (flow, dpop);
      response = run_flow (flow, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (grant_token_response_get_token_type (response), ==,
                       bound ? "DPoP" : "Bearer");

      request = grant_http_request_new ("GET", url);
      suite = grant_probe_suite_new (http_client, request,
                                     grant_token_response_get_access_token (response));
      grant_probe_suite_set_dpop_session (suite, dpop);
      if (!bound)
        {
          g_autoptr(GrantTokenResponse) expired = NULL;

          /* An expired token, from the short-lived tokens fault. */
          grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS,
                                             TRUE);
          grant_practice_provider_set_fault_value (practice,
                                                   GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS, 1);
          expired = client_credentials ("photos:read", &error);
          g_assert_no_error (error);
          reset_faults ();
          g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
          grant_probe_suite_set_expired_token (suite,
                                               grant_token_response_get_access_token (expired));
        }
      grant_probe_suite_set_revocation (suite, provider, client);
      grant_probe_suite_run_async (suite, NULL, grant_test_async_result_cb, &result);
      g_assert_true (grant_probe_suite_run_finish (suite, grant_test_async_wait (&result), &error));
      g_assert_no_error (error);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (suite)); i++)
        {
          g_autoptr(GrantProbe) probe = g_list_model_get_item (G_LIST_MODEL (suite), i);

          g_test_message ("%s %s: %s", grant_probe_get_id (probe),
                          grant_probe_verdict_get_name (grant_probe_get_verdict (probe)),
                          grant_probe_get_reason (probe));
          g_assert_cmpint (grant_probe_get_verdict (probe), !=, GRANT_PROBE_FAILED);
        }
      g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_PASSED), >=, 10);
    }
}

/* UserInfo, introspection and revocation through the core. */
static void
test_token_operations (void)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantClient) client = practice_client (GRANT_PRACTICE_CLIENT_CONFIDENTIAL);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) userinfo = NULL;
  g_autoptr(JsonObject) active = NULL;
  g_autoptr(JsonObject) inactive = NULL;
  g_autoptr(GrantExchange) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *access_token;

  flow = run_authorization_code (GRANT_PRACTICE_CLIENT_CONFIDENTIAL, &response, &error);
  g_assert_no_error (error);
  access_token = grant_token_response_get_access_token (response);

  grant_userinfo_fetch_async (provider, client, http_client, NULL, access_token,
                              GRANT_BEARER_IN_HEADER, "alice", NULL, grant_test_async_result_cb,
                              &result);
  userinfo = grant_userinfo_fetch_finish (grant_test_async_wait (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_jose_json_lookup_string (userinfo, "sub"), ==, "alice");
  g_assert_cmpstr (grant_jose_json_lookup_string (userinfo, "name"), ==, "Alice Appleby");
  g_clear_object (&result);

  grant_introspect_async (provider, client, http_client, access_token, NULL, NULL,
                          grant_test_async_result_cb, &result);
  active = grant_introspect_finish (grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (active, "active"));
  g_assert_cmpstr (grant_jose_json_lookup_string (active, "client_id"), ==, "practice-web");
  g_clear_object (&result);

  grant_revoke_async (provider, client, http_client, access_token, "access_token", NULL,
                      grant_test_async_result_cb, &result);
  g_assert_true (grant_revoke_finish (grant_test_async_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  grant_introspect_async (provider, client, http_client, access_token, NULL, NULL,
                          grant_test_async_result_cb, &result);
  inactive = grant_introspect_finish (grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (inactive, "active"));

  after = call_api ("GET", "/api/photos", access_token);
  g_assert_cmpuint (grant_exchange_get_status (after), ==, 401);
}

/* The port: the default one when free, the next when it is taken. */
static void
test_default_port (void)
{
  g_autoptr(GrantPracticeProvider) first = grant_practice_provider_new ();
  g_autoptr(GrantPracticeProvider) second = grant_practice_provider_new ();
  g_autoptr(GError) error = NULL;

  if (!grant_practice_provider_start (first, &error))
    {
      g_test_skip (error->message);
      return;
    }
  g_assert_true (grant_practice_provider_start (second, &error));
  g_assert_no_error (error);
  g_test_message ("%s and %s", grant_practice_provider_get_issuer (first),
                  grant_practice_provider_get_issuer (second));
  g_assert_cmpuint (grant_practice_provider_get_port (second), !=,
                    grant_practice_provider_get_port (first));
  g_assert_cmpuint (grant_practice_provider_get_port (first), >=, GRANT_PRACTICE_DEFAULT_PORT);
  g_assert_cmpuint (grant_practice_provider_get_port (first), <=, GRANT_PRACTICE_DEFAULT_PORT + 9);
  g_assert_true (g_str_has_prefix (grant_practice_provider_get_issuer (first), "http://127.0.0.1:"));
  grant_practice_provider_stop (second);
  grant_practice_provider_stop (first);
  g_assert_false (grant_practice_provider_get_running (first));
}

static void
test_fault_parse (void)
{
  GrantPracticeFault fault;
  guint value = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (grant_practice_fault_parse ("slow-token-endpoint=250", &fault, &value, &error));
  g_assert_cmpint (fault, ==, GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT);
  g_assert_cmpuint (value, ==, 250);
  g_assert_true (grant_practice_fault_parse ("wrong-state", &fault, &value, &error));
  g_assert_cmpint (fault, ==, GRANT_PRACTICE_FAULT_WRONG_STATE);
  g_assert_false (grant_practice_fault_parse ("wrong-state=3", &fault, &value, &error));
  g_clear_error (&error);
  g_assert_false (grant_practice_fault_parse ("short-access-tokens=0", &fault, &value, &error));
  g_clear_error (&error);
  g_assert_false (grant_practice_fault_parse ("everything", &fault, &value, &error));
  g_assert_nonnull (strstr (error->message, "api-ignores-scopes"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  practice = grant_test_practice_start ();
  provider = grant_test_discover (grant_practice_provider_get_issuer (practice));

  g_test_add_func ("/grant/practice/discovery", test_discovery);
  g_test_add_func ("/grant/practice/fault-parse", test_fault_parse);
  g_test_add_func ("/grant/practice/default-port", test_default_port);
  g_test_add_func ("/grant/practice/authorization-code", test_authorization_code);
  g_test_add_func ("/grant/practice/access-denied", test_access_denied);
  g_test_add_func ("/grant/practice/refresh-rotation", test_refresh_rotation);
  g_test_add_func ("/grant/practice/device", test_device);
  g_test_add_func ("/grant/practice/token-operations", test_token_operations);
  g_test_add_func ("/grant/practice/probes", test_probes);
  g_test_add_func ("/grant/practice/errors/token", test_token_errors);
  g_test_add_func ("/grant/practice/errors/authorization", test_authorization_errors);
  g_test_add_func ("/grant/practice/errors/large-request", test_large_request);
  g_test_add_func ("/grant/practice/fault/response", test_response_faults);
  g_test_add_func ("/grant/practice/fault/id-token", test_id_token_faults);
  g_test_add_func ("/grant/practice/fault/short-access-tokens", test_short_access_tokens);
  g_test_add_func ("/grant/practice/fault/refresh-reuse-detection", test_refresh_reuse_detection);
  g_test_add_func ("/grant/practice/fault/slow-token-endpoint", test_slow_token_endpoint);
  g_test_add_func ("/grant/practice/fault/token-endpoint-error", test_token_endpoint_error);
  g_test_add_func ("/grant/practice/fault/api-rate-limit", test_api_rate_limit);
  g_test_add_func ("/grant/practice/fault/api-ignores-scopes", test_api_ignores_scopes);
  g_test_add_func ("/grant/practice/fault/password-grant", test_password_grant);
  g_test_add_func ("/grant/practice/jwks-shared", test_jwks_shared);

  status = g_test_run ();

  g_clear_object (&provider);
  g_clear_object (&practice);

  return status;
}
