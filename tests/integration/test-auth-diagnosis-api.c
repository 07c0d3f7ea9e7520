/* test-auth-diagnosis-api.c
 * The 401/403 explanation against the fixture's protected API (oidc-provider's tokens, the
 * API's RFC 6750 and RFC 9449 challenges): no token, a token without the scope a route needs,
 * a token the API does not know, a DPoP-bound token sent as Bearer, and a request it allows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-auth-diagnosis.h"
#include "grant-oauth-request.h"
#include "grant-test-async.h"
#include "grant-test-provider.h"

static GrantTestProvider *fixture;
static GrantProvider *provider;

/* Sends @method @path with @token as Bearer (or none), and diagnoses the answer. */
static GrantAuthDiagnosis *
diagnose (const char         *method,
          const char         *path,
          const char         *token,
          GrantTokenResponse *response,
          guint               expected_status)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autofree char *url = g_strconcat (grant_test_provider_get_issuer (fixture), path, NULL);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;
  GrantAuthDiagnosis *diagnosis;

  grant_oauth_request_send_async (client, request, NULL, NULL, token, "API call", NULL,
                                  grant_test_async_result_cb, &result);
  exchange = grant_oauth_request_send_finish (grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, expected_status);

  diagnosis = grant_auth_diagnosis_new_for_exchange (
    exchange, response != NULL ? grant_token_response_get_scope (response) : NULL,
    response != NULL ? grant_token_response_get_expires_at (response) : -1);
  g_test_message ("%s %s: %s %s", method, path, grant_auth_diagnosis_get_said (diagnosis),
                  grant_auth_diagnosis_get_cause (diagnosis));

  return diagnosis;
}

static void
test_api (void)
{
  g_autoptr(GrantTokenResponse) reader = grant_test_client_credentials (provider, NULL,
                                                                        "grant-machine",
                                                                        "grant-machine-secret",
                                                                        "photos:read", NULL);
  const char *token = grant_token_response_get_access_token (reader);
  g_autoptr(GrantAuthDiagnosis) allowed = diagnose ("GET", "/api/photos", token, reader, 200);
  g_autoptr(GrantAuthDiagnosis) none = diagnose ("GET", "/api/photos", NULL, NULL, 401);
  g_autoptr(GrantAuthDiagnosis) scope = diagnose ("POST", "/api/photos", token, reader, 403);
  g_autoptr(GrantAuthDiagnosis) unknown = diagnose ("GET", "/api/photos", "not-a-token", NULL,
                                                    401);

  g_assert_cmpint (grant_auth_diagnosis_get_problem (allowed), ==, GRANT_AUTH_PROBLEM_NONE);
  g_assert_cmpint (grant_auth_diagnosis_get_problem (none), ==, GRANT_AUTH_PROBLEM_NO_TOKEN);

  /* The route's rule (photos:write), named as the scope the token lacks. */
  g_assert_cmpint (grant_auth_diagnosis_get_problem (scope), ==,
                   GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE);
  g_assert_cmpstr (grant_auth_diagnosis_get_missing_scopes (scope)[0], ==, "photos:write");
  g_assert_null (grant_auth_diagnosis_get_missing_scopes (scope)[1]);
  g_assert_nonnull (strstr (grant_auth_diagnosis_get_cause (scope), "“photos:write”"));

  g_assert_cmpint (grant_auth_diagnosis_get_problem (unknown), ==,
                   GRANT_AUTH_PROBLEM_INVALID_TOKEN);
  g_assert_cmpstr (grant_auth_diagnosis_get_error (unknown), ==, "invalid_token");
}

/* A DPoP-bound token sent as a Bearer token: the API's DPoP challenge says so. */
static void
test_dpop_bound_as_bearer (void)
{
  g_autoptr(GrantDpopSession) dpop = grant_dpop_session_new (NULL, NULL);
  g_autoptr(GrantTokenResponse) bound = grant_test_client_credentials (provider, NULL,
                                                                       "grant-dpop",
                                                                       "grant-dpop-secret",
                                                                       "photos:read", dpop);
  g_autoptr(GrantAuthDiagnosis) diagnosis = NULL;

  g_assert_cmpstr (grant_token_response_get_token_type (bound), ==, "DPoP");
  diagnosis = diagnose ("GET", "/api/photos", grant_token_response_get_access_token (bound),
                        bound, 401);
  g_assert_cmpint (grant_auth_diagnosis_get_problem (diagnosis), ==,
                   GRANT_AUTH_PROBLEM_WRONG_SCHEME);
  g_assert_nonnull (strstr (grant_auth_diagnosis_get_cause (diagnosis), "DPoP scheme"));
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

  g_test_add_func ("/grant/auth-diagnosis-api/routes", test_api);
  g_test_add_func ("/grant/auth-diagnosis-api/dpop-bound-as-bearer", test_dpop_bound_as_bearer);

  status = g_test_run ();

  g_clear_object (&provider);
  grant_test_provider_stop (fixture);

  return status;
}
