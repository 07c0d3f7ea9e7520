/* test-scope-matrix.c
 * The scope matrix: the scope sets it makes, the cells of a run against a local API, least
 * privilege, and its JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-scope-matrix.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

static SoupServer *server;

static char *
set_text (GrantScopeMatrix *matrix,
          guint             set)
{
  return g_strjoinv (",", (GStrv) grant_scope_matrix_get_scope_set (matrix, set));
}

static void
assert_sets (GrantScopeMatrix   *matrix,
             const char * const *expected)
{
  guint n = g_strv_length ((GStrv) expected);

  g_assert_cmpuint (grant_scope_matrix_get_n_scope_sets (matrix), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = set_text (matrix, i);

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static void
test_sets_exhaustive (void)
{
  const char *scopes[] = { "a", "b", "", "c", "a", NULL };
  const char *expected[] = { "", "a", "b", "c", "a,b", "a,c", "b,c", "a,b,c", NULL };
  g_autoptr(GrantScopeMatrix) matrix = grant_scope_matrix_new (scopes);
  g_autofree char *scope = NULL;

  /* Empty scopes and repeats are left out. */
  g_assert_cmpstrv (grant_scope_matrix_get_scopes (matrix),
                    ((const char * const []) { "a", "b", "c", NULL }));
  assert_sets (matrix, expected);
  scope = grant_scope_matrix_dup_scope_string (matrix, 7);
  g_assert_cmpstr (scope, ==, "a b c");
}

static void
test_sets_six_and_seven (void)
{
  const char *six[] = { "1", "2", "3", "4", "5", "6", NULL };
  const char *seven[] = { "1", "2", "3", "4", "5", "6", "7", NULL };
  const char *expected[] = {
    "",
    "1", "2", "3", "4", "5", "6", "7",
    "1,2,3,4,5,6", "1,2,3,4,5,7", "1,2,3,4,6,7", "1,2,3,5,6,7", "1,2,4,5,6,7",
    "1,3,4,5,6,7", "2,3,4,5,6,7",
    "1,2,3,4,5,6,7",
    NULL
  };
  g_autoptr(GrantScopeMatrix) exhaustive = grant_scope_matrix_new (six);
  g_autoptr(GrantScopeMatrix) partial = grant_scope_matrix_new (seven);
  guint last_size = 0;

  /* Six: every subset, by size. */
  g_assert_cmpuint (grant_scope_matrix_get_n_scope_sets (exhaustive), ==, 64);
  for (guint s = 0; s < 64; s++)
    {
      guint size = g_strv_length ((GStrv) grant_scope_matrix_get_scope_set (exhaustive, s));

      g_assert_cmpuint (size, >=, last_size);
      last_size = size;
    }

  /* Seven: none, singles, all but one, all. */
  assert_sets (partial, expected);
}

static void
test_sets_none (void)
{
  const char *none[] = { NULL };
  const char *one[] = { "only", NULL };
  g_autoptr(GrantScopeMatrix) empty = grant_scope_matrix_new (none);
  g_autoptr(GrantScopeMatrix) single = grant_scope_matrix_new (one);

  assert_sets (empty, (const char * const []) { "", NULL });
  assert_sets (single, (const char * const []) { "", "only", NULL });
}

/* The API: a token "t:a,b" holds scopes a and b. /need/X needs X; /either needs a or b;
 * /public needs no token; /never refuses everyone; no token is a 401. */
static void
api_handler (SoupServer        *s,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_auto(GStrv) held = NULL;
  gboolean allowed;

  if (g_str_equal (path, "/public"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      return;
    }
  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer t:"))
    {
      soup_message_headers_append (soup_server_message_get_response_headers (message),
                                   "WWW-Authenticate", "Bearer");
      soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }

  held = g_strsplit (authorization + strlen ("Bearer t:"), ",", -1);
  if (g_str_has_prefix (path, "/need/"))
    allowed = g_strv_contains ((const char * const *) held, path + strlen ("/need/"));
  else if (g_str_equal (path, "/either"))
    allowed = g_strv_contains ((const char * const *) held, "a")
              || g_strv_contains ((const char * const *) held, "b");
  else
    allowed = FALSE;

  soup_server_message_set_status (message, allowed ? SOUP_STATUS_OK : SOUP_STATUS_FORBIDDEN,
                                  NULL);
}

static void
add_request (GrantScopeMatrix *matrix,
             const char       *method,
             const char       *path)
{
  g_autofree char *url = grant_test_server_get_url (server, path);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (method, url);

  grant_scope_matrix_add_request (matrix, request);
}

static guint
least_only (GrantScopeMatrix *matrix,
            guint             request)
{
  g_autoptr(GArray) least = grant_scope_matrix_get_least_privilege (matrix, request);

  g_assert_cmpuint (least->len, ==, 1);

  return g_array_index (least, guint, 0);
}

static void
test_run (void)
{
  const char *scopes[] = { "a", "b", "c", NULL };
  g_autoptr(GrantScopeMatrix) matrix = grant_scope_matrix_new (scopes);
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 4);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) either = NULL;
  g_autoptr(GArray) never = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  guint n_sets;
  JsonArray *rows;

  add_request (matrix, "GET", "/need/a");
  add_request (matrix, "POST", "/need/c");
  add_request (matrix, "GET", "/either");
  add_request (matrix, "GET", "/public");
  add_request (matrix, "DELETE", "/never");
  n_sets = grant_scope_matrix_get_n_scope_sets (matrix);
  g_assert_cmpuint (n_sets, ==, 8);

  /* "none" sends no token at all; the others one that holds their scopes. */
  for (guint s = 1; s < n_sets; s++)
    {
      g_autofree char *held = set_text (matrix, s);
      g_autofree char *token = g_strconcat ("t:", held, NULL);

      grant_scope_matrix_set_access_token (matrix, s, token, s % 2 == 0 ? "bearer" : NULL);
    }

  g_assert_false (grant_scope_matrix_has_run (matrix));
  g_assert_cmpuint (grant_scope_matrix_get_status (matrix, 0, 1), ==, 0);

  grant_scope_matrix_run_async (matrix, runner, NULL, grant_test_async_result_cb, &result);
  g_assert_true (grant_scope_matrix_run_finish (matrix, grant_test_async_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (grant_scope_matrix_has_run (matrix));
  g_assert_cmpuint (grant_replay_runner_get_total (runner), ==, 5 * 8);

  /* Every cell follows the API's rule. */
  for (guint s = 0; s < n_sets; s++)
    {
      const char * const *set = grant_scope_matrix_get_scope_set (matrix, s);
      guint refused = s == 0 ? 401 : 403;

      g_assert_cmpuint (grant_scope_matrix_get_status (matrix, 0, s), ==,
                        g_strv_contains (set, "a") ? 200 : refused);
      g_assert_cmpuint (grant_scope_matrix_get_status (matrix, 1, s), ==,
                        g_strv_contains (set, "c") ? 200 : refused);
      g_assert_cmpuint (grant_scope_matrix_get_status (matrix, 2, s), ==,
                        g_strv_contains (set, "a") || g_strv_contains (set, "b")
                        ? 200 : refused);
      g_assert_cmpuint (grant_scope_matrix_get_status (matrix, 3, s), ==, 200);
      g_assert_cmpuint (grant_scope_matrix_get_status (matrix, 4, s), ==, refused);
    }

  /* The token went as Bearer, whatever the case of token_type; none went for "none". */
  g_assert_null (grant_http_request_get_header (
    grant_exchange_get_request (grant_scope_matrix_get_exchange (matrix, 0, 0)),
    "Authorization"));
  g_assert_cmpstr (grant_http_request_get_header (
                     grant_exchange_get_request (grant_scope_matrix_get_exchange (matrix, 0, 2)),
                     "Authorization"), ==, "Bearer t:b");

  /* Least privilege: the smallest sets with a 2xx. */
  g_assert_cmpstrv (grant_scope_matrix_get_scope_set (matrix, least_only (matrix, 0)),
                    ((const char * const []) { "a", NULL }));
  g_assert_cmpstrv (grant_scope_matrix_get_scope_set (matrix, least_only (matrix, 1)),
                    ((const char * const []) { "c", NULL }));
  either = grant_scope_matrix_get_least_privilege (matrix, 2);
  g_assert_cmpuint (either->len, ==, 2);
  g_assert_cmpuint (g_array_index (either, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (either, guint, 1), ==, 2);
  g_assert_cmpuint (least_only (matrix, 3), ==, 0);
  never = grant_scope_matrix_get_least_privilege (matrix, 4);
  g_assert_cmpuint (never->len, ==, 0);

  /* The JSON says the same, and holds no token. */
  json = grant_scope_matrix_to_json (matrix);
  json_node_set_object (node, json);
  text = json_to_string (node, FALSE);
  g_assert_null (strstr (text, "t:a"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "scope_sets")),
                    ==, 8);
  rows = json_object_get_array_member (json, "requests");
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  {
    JsonObject *first = json_array_get_object_element (rows, 0);
    JsonObject *last = json_array_get_object_element (rows, 4);
    JsonArray *statuses = json_object_get_array_member (first, "statuses");
    JsonArray *least = json_object_get_array_member (first, "least_privilege");

    g_assert_cmpstr (json_object_get_string_member (first, "method"), ==, "GET");
    g_assert_true (g_str_has_suffix (json_object_get_string_member (first, "uri"), "/need/a"));
    g_assert_cmpint (json_array_get_int_element (statuses, 0), ==, 401);
    g_assert_cmpint (json_array_get_int_element (statuses, 1), ==, 200);
    g_assert_cmpint (json_array_get_int_element (statuses, 2), ==, 403);
    g_assert_cmpuint (json_array_get_length (least), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (least, 0), 0),
                     ==, "a");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (last,
                                                                            "least_privilege")),
                      ==, 0);
  }
}

/* A cell without a response has status 0, and the JSON says why. */
static void
test_no_response (void)
{
  const char *scopes[] = { "a", NULL };
  g_autoptr(GrantScopeMatrix) matrix = grant_scope_matrix_new (scopes);
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 0);
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GArray) least = NULL;
  SoupServer *closed = grant_test_server_new ();
  g_autofree char *url = grant_test_server_get_url (closed, "/need/a");
  JsonObject *row;

  grant_test_server_stop (closed);
  request = grant_http_request_new ("GET", url);
  grant_scope_matrix_add_request (matrix, request);
  grant_scope_matrix_set_access_token (matrix, 1, "t:a", "Bearer");

  grant_scope_matrix_run_async (matrix, runner, NULL, grant_test_async_result_cb, &result);
  g_assert_true (grant_scope_matrix_run_finish (matrix, grant_test_async_wait (&result), &error));
  g_assert_cmpuint (grant_scope_matrix_get_status (matrix, 0, 1), ==, 0);
  g_assert_cmpint (grant_exchange_get_state (grant_scope_matrix_get_exchange (matrix, 0, 1)), ==,
                   GRANT_EXCHANGE_FAILED);
  least = grant_scope_matrix_get_least_privilege (matrix, 0);
  g_assert_cmpuint (least->len, ==, 0);

  json = grant_scope_matrix_to_json (matrix);
  row = json_array_get_object_element (json_object_get_array_member (json, "requests"), 0);
  g_assert_true (json_object_has_member (json_object_get_object_member (row, "errors"), "1"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = grant_test_server_new ();
  soup_server_add_handler (server, NULL, api_handler, NULL, NULL);

  g_test_add_func ("/grant/scope-matrix/sets/exhaustive", test_sets_exhaustive);
  g_test_add_func ("/grant/scope-matrix/sets/six-and-seven", test_sets_six_and_seven);
  g_test_add_func ("/grant/scope-matrix/sets/none", test_sets_none);
  g_test_add_func ("/grant/scope-matrix/run", test_run);
  g_test_add_func ("/grant/scope-matrix/no-response", test_no_response);

  status = g_test_run ();

  grant_test_server_stop (server);

  return status;
}
