/* test-token-operations.c
 * UserInfo, introspection and revocation against oidc-provider, on tokens from a real
 * authorization code flow.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-oauth-error.h"
#include "grant-refresh-flow.h"
#include "grant-test-async.h"
#include "grant-test-provider.h"
#include "grant-test-user.h"
#include "grant-token-operations.h"

static GrantTestProvider *fixture;
static GrantProvider *provider;

static GrantClient *
confidential_client (void)
{
  GrantClient *client = grant_client_new ("grant-confidential");

  grant_client_set_token_endpoint_auth_method (client, GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  grant_client_set_client_secret (client, "grant-confidential-secret");
  grant_client_set_redirect_uri (client, "http://127.0.0.1/callback");

  return client;
}

/* Tokens for alice, from a code flow. Without any of the API's scopes (profile is one of
 * them: GET /api/profile needs it), the fixture issues an opaque access token for UserInfo. */
static GrantTokenResponse *
tokens_for_alice (GrantClient *client,
                  const char  *scope)
{
  g_autoptr(GrantTestUser) user = grant_test_user_new ("alice", FALSE);
  g_autoptr(GrantFlow) flow = grant_authorization_code_flow_new (provider, client, NULL,
                                                                 grant_test_user_get_user_agent (user));
  g_autoptr(GError) error = NULL;
  GrantTokenResponse *response;

  grant_flow_set_scope (flow, scope);
  grant_authorization_code_flow_set_parameter (GRANT_AUTHORIZATION_CODE_FLOW (flow), "prompt",
                                               "consent");
  response = grant_test_user_run_flow (user, flow, &error);
  g_assert_no_error (error);

  return response;
}

static JsonObject *
userinfo (GrantClient        *client,
          const char         *access_token,
          const char         *expected_sub,
          GrantUserinfoForm  *form,
          GError            **error)
{
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;

  grant_userinfo_fetch_async (provider, client, http_client, NULL, access_token,
                              GRANT_BEARER_IN_HEADER, expected_sub,
                              NULL, grant_test_async_result_cb, &result);

  return grant_userinfo_fetch_finish (grant_test_async_wait (&result), form, error);
}

static void
test_userinfo (void)
{
  g_autoptr(GrantClient) client = confidential_client ();
  g_autoptr(GrantTokenResponse) tokens = tokens_for_alice (client, "openid email");
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(GError) error = NULL;
  GrantUserinfoForm form = GRANT_USERINFO_SIGNED;

  claims = userinfo (client, grant_token_response_get_access_token (tokens), "alice", &form,
                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (form, ==, GRANT_USERINFO_PLAIN);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (claims, "email"), ==, "alice@example.test");

  /* rp-userinfo-bad-sub-claim, from the other side: the ID token was about someone else. */
  refused = userinfo (client, grant_token_response_get_access_token (tokens), "bob", NULL,
                      &error);
  g_assert_null (refused);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "§5.3.2"));
  g_clear_error (&error);

  /* A forged access token: the endpoint's refusal, with its challenge. */
  g_clear_object (&refused);
  refused = userinfo (client, "not-a-token", NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "401"));
  g_assert_nonnull (strstr (error->message, "invalid_token"));
}

static JsonObject *
introspect (GrantClient *client,
            const char  *token)
{
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *json;

  grant_introspect_async (provider, client, http_client, token, NULL, NULL,
                          grant_test_async_result_cb, &result);
  json = grant_introspect_finish (grant_test_async_wait (&result), &error);
  g_assert_no_error (error);

  return json;
}

/* A refresh token is active until revoked; then inactive, and a refresh with it fails. */
static void
test_introspect_and_revoke (void)
{
  g_autoptr(GrantClient) client = confidential_client ();
  g_autoptr(GrantTokenResponse) tokens = tokens_for_alice (client, "openid offline_access");
  const char *refresh_token = grant_token_response_get_refresh_token (tokens);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantFlow) refresh = NULL;
  g_autoptr(GrantTokenResponse) refreshed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (refresh_token);
  before = introspect (client, refresh_token);
  g_assert_true (json_object_get_boolean_member (before, "active"));
  g_assert_cmpstr (json_object_get_string_member (before, "sub"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (before, "client_id"), ==, "grant-confidential");

  grant_revoke_async (provider, client, http_client, refresh_token, "refresh_token", NULL,
                      grant_test_async_result_cb, &result);
  g_assert_true (grant_revoke_finish (grant_test_async_wait (&result), &error));
  g_assert_no_error (error);

  after = introspect (client, refresh_token);
  g_assert_false (json_object_get_boolean_member (after, "active"));

  g_clear_object (&result);
  refresh = grant_refresh_flow_new (provider, client, NULL, refresh_token);
  grant_flow_run_async (refresh, NULL, grant_test_async_result_cb, &result);
  refreshed = grant_flow_run_finish (refresh, grant_test_async_wait (&result), &error);
  g_assert_null (refreshed);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);

  /* Introspection by a client that fails to authenticate is refused. */
  {
    g_autoptr(GrantClient) impostor = confidential_client ();
    g_autoptr(GAsyncResult) refused = NULL;
    g_autoptr(JsonObject) json = NULL;
    g_autoptr(GError) refusal = NULL;

    grant_client_set_client_secret (impostor, "wrong");
    grant_introspect_async (provider, impostor, http_client, refresh_token, NULL, NULL,
                            grant_test_async_result_cb, &refused);
    json = grant_introspect_finish (grant_test_async_wait (&refused), &refusal);
    g_assert_null (json);
    g_assert_error (refusal, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_CLIENT);
  }
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

  g_test_add_func ("/grant/token-operations/userinfo", test_userinfo);
  g_test_add_func ("/grant/token-operations/introspect-and-revoke", test_introspect_and_revoke);

  status = g_test_run ();

  g_clear_object (&provider);
  grant_test_provider_stop (fixture);

  return status;
}
