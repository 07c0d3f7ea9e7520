/* test-scope-matrix-api.c
 * The scope matrix against the fixture's protected API, with oidc-provider's client
 * credentials tokens: every cell as the API's rule says, the least privilege of each route,
 * and grant-cli scope-matrix as a script uses it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "grant-scope-matrix.h"
#include "grant-test-async.h"
#include "grant-test-cli.h"
#include "grant-test-data.h"
#include "grant-test-provider.h"

static GrantTestProvider *fixture;
static GrantProvider *provider;

/* The API's routes and the scope each needs (tests/fixtures/provider/provider.mjs). */
static const struct
{
  const char *method;
  const char *path;
  const char *scope;
} routes[] = {
  { "GET", "/api/photos", "photos:read" },
  { "POST", "/api/photos", "photos:write" },
  { "GET", "/api/profile", "profile" },
};

static const char * const api_scopes[] = { "photos:read", "photos:write", "profile", NULL };

static void
test_matrix (void)
{
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (http_client, 0);
  g_autoptr(GrantScopeMatrix) matrix = grant_scope_matrix_new (api_scopes);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sets = grant_scope_matrix_get_n_scope_sets (matrix);

  g_assert_cmpuint (n_sets, ==, 8);
  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    {
      g_autofree char *url = g_strconcat (grant_test_provider_get_issuer (fixture),
                                          routes[r].path, NULL);
      g_autoptr(GrantHttpRequest) request = grant_http_request_new (routes[r].method, url);

      grant_scope_matrix_add_request (matrix, request);
    }
  for (guint s = 0; s < n_sets; s++)
    {
      g_autofree char *scope = grant_scope_matrix_dup_scope_string (matrix, s);
      g_autoptr(GrantTokenResponse) token = grant_test_client_credentials (
        provider, http_client, "grant-machine", "grant-machine-secret", scope, NULL);

      grant_scope_matrix_set_access_token (matrix, s, grant_token_response_get_access_token (token),
                                           grant_token_response_get_token_type (token));
    }

  grant_scope_matrix_run_async (matrix, runner, NULL, grant_test_async_result_cb, &result);
  g_assert_true (grant_scope_matrix_run_finish (matrix, grant_test_async_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grant_replay_runner_get_completed (runner), ==, 3 * 8);

  /* Each cell as the API decides: 2xx exactly when the set holds the route's scope; 403
   * insufficient_scope otherwise; 401 for the token without API scopes, which is not for
   * the API at all. */
  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    for (guint s = 0; s < n_sets; s++)
      {
        const char * const *set = grant_scope_matrix_get_scope_set (matrix, s);
        GrantExchange *exchange = grant_scope_matrix_get_exchange (matrix, r, s);
        guint status = grant_scope_matrix_get_status (matrix, r, s);
        const char *challenge = grant_exchange_get_response_header (exchange, "WWW-Authenticate");
        g_autofree char *scope = grant_scope_matrix_dup_scope_string (matrix, s);

        g_test_message ("%s %s with {%s}: %u", routes[r].method, routes[r].path, scope, status);
        if (set[0] == NULL)
          {
            g_assert_cmpuint (status, ==, 401);
            g_assert_nonnull (strstr (challenge, "invalid_token"));
          }
        else if (g_strv_contains (set, routes[r].scope))
          g_assert_cmpuint (status, ==, 200);
        else
          {
            g_assert_cmpuint (status, ==, 403);
            g_assert_nonnull (strstr (challenge, "insufficient_scope"));
          }
      }

  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    {
      g_autoptr(GArray) least = grant_scope_matrix_get_least_privilege (matrix, r);

      g_assert_cmpuint (least->len, ==, 1);
      g_assert_cmpstrv (grant_scope_matrix_get_scope_set (matrix, g_array_index (least, guint, 0)),
                        ((const char * const []) { routes[r].scope, NULL }));
    }
}

static void
test_cli (void)
{
  const char *issuer = grant_test_provider_get_issuer (fixture);
  g_autofree char *photos = g_strconcat ("GET ", issuer, "/api/photos", NULL);
  g_autofree char *upload = g_strconcat ("POST ", issuer, "/api/photos", NULL);
  g_autofree char *profile = g_strconcat ("GET ", issuer, "/api/profile", NULL);
  g_autofree char *missing = g_strconcat ("GET ", issuer, "/api/nothing-here", NULL);
  g_auto(GrantTestCliRun) json = { 0 };
  g_auto(GrantTestCliRun) text = { 0 };
  g_auto(GrantTestCliRun) no_route = { 0 };
  g_auto(GrantTestCliRun) bad_request = { 0 };
  g_auto(GrantTestCliRun) no_scopes = { 0 };
  g_autoptr(JsonObject) object = NULL;
  JsonArray *sets;
  JsonArray *rows;

  grant_test_cli_run_with_input (&json, NULL, (const char * const []) {
    "scope-matrix", "--issuer", issuer, "--client-id", "grant-machine", "--client-secret",
    "grant-machine-secret", "--scopes", "photos:read photos:write profile", "--request", photos,
    "--request", upload, "-r", profile, "--parallel", "4", "--json", NULL });
  g_assert_cmpint (json.exit_status, ==, 0);
  object = grant_test_parse_json_object (json.out);

  sets = json_object_get_array_member (object, "scope_sets");
  g_assert_cmpuint (json_array_get_length (sets), ==, 8);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (sets, 0)), ==, 0);
  rows = json_object_get_array_member (object, "requests");
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  for (guint r = 0; r < 3; r++)
    {
      JsonObject *row = json_array_get_object_element (rows, r);
      JsonArray *statuses = json_object_get_array_member (row, "statuses");
      JsonArray *least = json_object_get_array_member (row, "least_privilege");

      g_assert_cmpstr (json_object_get_string_member (row, "method"), ==, routes[r].method);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (row, "uri"),
                                       routes[r].path));
      for (guint s = 0; s < 8; s++)
        {
          JsonArray *set = json_array_get_array_element (sets, s);
          gboolean holds = FALSE;

          for (guint i = 0; i < json_array_get_length (set); i++)
            holds |= g_str_equal (json_array_get_string_element (set, i), routes[r].scope);
          g_assert_cmpint (json_array_get_int_element (statuses, s), ==,
                           s == 0 ? 401 : holds ? 200 : 403);
        }
      g_assert_cmpuint (json_array_get_length (least), ==, 1);
      g_assert_cmpuint (json_array_get_length (json_array_get_array_element (least, 0)), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (least, 0), 0),
                       ==, routes[r].scope);
    }
  /* No token leaks into the output. */
  g_assert_null (strstr (json.out, "eyJ"));

  grant_test_cli_run_with_input (&text, NULL, (const char * const []) {
    "scope-matrix", "--issuer", issuer, "--client-id", "grant-machine", "--client-secret",
    "grant-machine-secret", "--scopes", "photos:read photos:write profile", "--request", photos,
    "--request", upload, NULL });
  g_assert_cmpint (text.exit_status, ==, 0);
  g_assert_nonnull (strstr (text.out, "   1  (none)\n"));
  g_assert_nonnull (strstr (text.out, "   8  photos:read photos:write profile\n"));
  g_assert_nonnull (strstr (text.out, "  401  200  403  403  200  200  403  200\n"));
  g_assert_nonnull (strstr (text.out, "/api/photos: {photos:read}\n"));
  g_assert_nonnull (strstr (text.out, "/api/photos: {photos:write}\n"));
  g_assert_null (strstr (text.out, "eyJ"));

  /* A route no set may call: it ran, but the answer is no (exit 1). */
  grant_test_cli_run_with_input (&no_route, NULL, (const char * const []) {
    "scope-matrix", "--issuer", issuer, "--client-id", "grant-machine", "--client-secret",
    "grant-machine-secret", "--scopes", "profile", "--request", missing, NULL });
  g_assert_cmpint (no_route.exit_status, ==, 1);
  g_assert_nonnull (strstr (no_route.out, "no scope set got a 2xx answer"));

  grant_test_cli_run_with_input (&bad_request, NULL, (const char * const []) {
    "scope-matrix", "--issuer", issuer, "--client-id", "grant-machine", "--scopes", "profile",
    "--request", "GET", NULL });
  g_assert_cmpint (bad_request.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_request.err, "“METHOD URL”"));

  grant_test_cli_run_with_input (&no_scopes, NULL, (const char * const []) {
    "scope-matrix", "--issuer", issuer, "--client-id", "grant-machine", "--request", photos,
    NULL });
  g_assert_cmpint (no_scopes.exit_status, ==, 2);
  g_assert_nonnull (strstr (no_scopes.err, "--scopes"));
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

  g_test_add_func ("/grant/scope-matrix-api/routes", test_matrix);
  g_test_add_func ("/grant/scope-matrix-api/cli", test_cli);

  status = g_test_run ();

  g_clear_object (&provider);
  grant_test_provider_stop (fixture);

  return status;
}
