/* bench-matrix.c
 * The scope matrix benchmark: 64 API calls (8 scope sets × 8 requests), Grant against curl.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tokens, one per scope set from the client credentials grant, are fetched once, before
 * any timing. Each round then times, back to back and in alternating order, one scope matrix
 * run in this process (a new recording client, so new connections, as a new curl process
 * has; a GrantReplayRunner with --parallel requests at a time) and one curl process sending
 * the same 64 requests one after another with the same Authorization headers (`--next`
 * between them, so that it reuses its connection). Each figure is the median of --runs
 * rounds. Every round checks that curl saw the very statuses the matrix did.
 * bench/run-matrix starts the fixture and runs this.
 */

#include "config.h"

#include <string.h>

#include "bench-async.h"
#include "bench-stats.h"
#include "grant-client-credentials-flow.h"
#include "grant-provider-metadata.h"
#include "grant-scope-matrix.h"

typedef struct
{
  char     *issuer;
  char     *client_id;
  char     *client_secret;
  char     *curl;
  int       runs;
  int       warmup;
  int       parallel;
  gboolean  json;
} Options;

/* Eight requests on the fixture's three routes; the API routes by path, so a query makes a
 * request of its own that the same scope allows. */
static const struct
{
  const char *method;
  const char *path;
} requests[] = {
  { "GET", "/api/photos" },
  { "POST", "/api/photos" },
  { "GET", "/api/profile" },
  { "GET", "/api/photos?page=2" },
  { "POST", "/api/photos?draft=true" },
  { "GET", "/api/profile?fields=name" },
  { "GET", "/api/photos?page=3" },
  { "GET", "/api/profile?fields=email" },
};

static const char * const scopes[] = { "photos:read", "photos:write", "profile", NULL };

static char *
request_url (const Options *options,
             guint          r)
{
  return g_strconcat (options->issuer, requests[r].path, NULL);
}

/* The matrix the rounds run: its requests and, per scope set, a token fetched now. */
static GrantScopeMatrix *
prepare (const Options *options)
{
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantScopeMatrix) matrix = grant_scope_matrix_new (scopes);
  g_autoptr(GAsyncResult) discovered = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = grant_client_new (options->client_id);
  g_autoptr(GError) error = NULL;

  grant_provider_metadata_discover_async (http_client, options->issuer, NULL,
                                          bench_async_result_cb, &discovered);
  metadata = grant_provider_metadata_discover_finish (bench_async_wait (&discovered), &error);
  if (metadata == NULL)
    g_error ("Discovery failed: %s", error->message);
  provider = grant_provider_new_from_metadata (metadata);
  grant_client_set_token_endpoint_auth_method (client, GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  grant_client_set_client_secret (client, options->client_secret);

  for (guint r = 0; r < G_N_ELEMENTS (requests); r++)
    {
      g_autofree char *url = request_url (options, r);
      g_autoptr(GrantHttpRequest) request = grant_http_request_new (requests[r].method, url);

      grant_scope_matrix_add_request (matrix, request);
    }

  for (guint s = 0; s < grant_scope_matrix_get_n_scope_sets (matrix); s++)
    {
      g_autofree char *scope = grant_scope_matrix_dup_scope_string (matrix, s);
      g_autoptr(GrantFlow) flow = grant_client_credentials_flow_new (provider, client,
                                                                     http_client);
      g_autoptr(GAsyncResult) ran = NULL;
      g_autoptr(GrantTokenResponse) response = NULL;

      grant_flow_set_scope (flow, scope);
      grant_flow_run_async (flow, NULL, bench_async_result_cb, &ran);
      response = grant_flow_run_finish (flow, bench_async_wait (&ran), &error);
      if (response == NULL)
        g_error ("The token request for “%s” failed: %s", scope, error->message);
      grant_scope_matrix_set_access_token (matrix, s,
                                           grant_token_response_get_access_token (response),
                                           grant_token_response_get_token_type (response));
    }

  return g_steal_pointer (&matrix);
}

/* The statuses of a run, request-major, as one line of numbers. */
static char *
statuses_text (GrantScopeMatrix *matrix)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < grant_scope_matrix_get_n_requests (matrix); r++)
    for (guint s = 0; s < grant_scope_matrix_get_n_scope_sets (matrix); s++)
      g_string_append_printf (out, "%u\n", grant_scope_matrix_get_status (matrix, r, s));

  return g_string_free (out, FALSE);
}

static gint64
time_grant (const Options     *options,
            GrantScopeMatrix  *matrix,
            char             **statuses)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (http_client,
                                                                 (guint) options->parallel);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elapsed;

  grant_scope_matrix_run_async (matrix, runner, NULL, bench_async_result_cb, &result);
  if (!grant_scope_matrix_run_finish (matrix, bench_async_wait (&result), &error))
    g_error ("The matrix failed: %s", error->message);

  /* Everything is freed before the clock stops: that is part of a run too. */
  g_clear_object (&runner);
  g_clear_object (&http_client);
  elapsed = g_get_monotonic_time () - start;

  if (statuses != NULL)
    *statuses = statuses_text (matrix);

  return elapsed;
}

/* One curl process, the same 64 requests in the matrix's order, one after another. */
static GPtrArray *
curl_argv (const Options    *options,
           GrantScopeMatrix *matrix)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (options->curl));
  for (guint r = 0; r < grant_scope_matrix_get_n_requests (matrix); r++)
    for (guint s = 0; s < grant_scope_matrix_get_n_scope_sets (matrix); s++)
      {
        GrantHttpRequest *request = grant_scope_matrix_get_request (matrix, r);

        if (r > 0 || s > 0)
          g_ptr_array_add (argv, g_strdup ("--next"));
        g_ptr_array_add (argv, g_strdup ("-s"));
        g_ptr_array_add (argv, g_strdup ("-o"));
        g_ptr_array_add (argv, g_strdup ("/dev/null"));
        g_ptr_array_add (argv, g_strdup ("-w"));
        g_ptr_array_add (argv, g_strdup ("%{http_code}\\n"));
        g_ptr_array_add (argv, g_strdup ("-X"));
        g_ptr_array_add (argv, g_strdup (grant_http_request_get_method (request)));
        g_ptr_array_add (argv, g_strdup ("-H"));
        g_ptr_array_add (argv, g_strdup_printf ("Authorization: Bearer %s",
                                                grant_scope_matrix_get_access_token (matrix,
                                                                                     s)));
        g_ptr_array_add (argv, g_strdup (grant_http_request_get_uri (request)));
      }
  g_ptr_array_add (argv, NULL);

  return argv;
}

static gint64
time_curl (GPtrArray  *argv,
           char      **statuses)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                     &err, &status, &error))
    g_error ("Could not run curl: %s", error->message);
  elapsed = g_get_monotonic_time () - start;

  if (!g_spawn_check_wait_status (status, &error))
    g_error ("curl failed: %s %s", error->message, err);
  if (statuses != NULL)
    *statuses = g_steal_pointer (&out);

  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  Options options = { NULL, NULL, NULL, NULL, 15, 3, 0, FALSE };
  const GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &options.issuer, "The fixture's issuer", "URL" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &options.client_id, "Client ID", "ID" },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &options.client_secret, "Secret", "S" },
    { "curl", 0, 0, G_OPTION_ARG_FILENAME, &options.curl, "curl to run", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options.runs, "Rounds (default 15, at least 10)", "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &options.warmup, "Untimed rounds first (3)", "N" },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &options.parallel,
      "Requests at once (default: the runner's, 6)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— scope matrix, Grant vs curl");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grant = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) curl = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GrantScopeMatrix) matrix = NULL;
  g_autoptr(GPtrArray) curl_arguments = NULL;
  guint cells;
  double grant_ms, curl_ms, ratio;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-matrix: %s\n", error->message);
      return 2;
    }
  if (options.issuer == NULL)
    {
      g_printerr ("bench-matrix: --issuer is required (bench/run-matrix starts the fixture)\n");
      return 2;
    }
  if (options.runs < 10)
    {
      g_printerr ("bench-matrix: --runs must be at least 10\n");
      return 2;
    }
  if (options.parallel < 0)
    options.parallel = 0;
  if (options.client_id == NULL)
    options.client_id = g_strdup ("grant-machine");
  if (options.client_secret == NULL)
    options.client_secret = g_strdup ("grant-machine-secret");
  if (options.curl == NULL)
    options.curl = g_strdup ("curl");

  /* Before any timing: the tokens. */
  matrix = prepare (&options);
  cells = grant_scope_matrix_get_n_requests (matrix) * grant_scope_matrix_get_n_scope_sets (matrix);
  g_assert (cells == 64);
  curl_arguments = curl_argv (&options, matrix);

  for (int i = 0; i < options.warmup; i++)
    {
      g_autofree char *grant_statuses = NULL;
      g_autofree char *curl_statuses = NULL;

      time_grant (&options, matrix, &grant_statuses);
      time_curl (curl_arguments, &curl_statuses);
      /* Both sides must see the same API, or the comparison means nothing. */
      if (g_strcmp0 (grant_statuses, curl_statuses) != 0)
        g_error ("Grant and curl saw different statuses:\n%s\n---\n%s", grant_statuses,
                 curl_statuses);
    }

  for (int i = 0; i < options.runs; i++)
    {
      g_autofree char *grant_statuses = NULL;
      g_autofree char *curl_statuses = NULL;
      gint64 g, c;

      /* Alternate which goes first, so that neither always follows the other. */
      if (i % 2 == 0)
        {
          g = time_grant (&options, matrix, &grant_statuses);
          c = time_curl (curl_arguments, &curl_statuses);
        }
      else
        {
          c = time_curl (curl_arguments, &curl_statuses);
          g = time_grant (&options, matrix, &grant_statuses);
        }
      if (g_strcmp0 (grant_statuses, curl_statuses) != 0)
        g_error ("Grant and curl saw different statuses:\n%s\n---\n%s", grant_statuses,
                 curl_statuses);
      g_array_append_val (grant, g);
      g_array_append_val (curl, c);
    }

  grant_ms = bench_median_ms (grant);
  curl_ms = bench_median_ms (curl);
  ratio = grant_ms / curl_ms;

  if (options.json)
    g_print ("{\"runs\": %d, \"cells\": %u, \"parallel\": %d, \"grant_ms\": %.3f, "
             "\"curl_ms\": %.3f, \"ratio\": %.3f, \"grant_p90_ms\": %.3f, "
             "\"curl_p90_ms\": %.3f}\n", options.runs, cells,
             options.parallel > 0 ? options.parallel : GRANT_REPLAY_RUNNER_DEFAULT_MAX_PARALLEL,
             grant_ms, curl_ms, ratio, bench_percentile_ms (grant, 0.9),
             bench_percentile_ms (curl, 0.9));
  else
    {
      g_print ("Scope matrix, %u requests (8 scope sets × 8), %d rounds, median wall time\n",
               cells, options.runs);
      g_print ("  Grant (in process, %d at a time)  %8.3f ms   p90 %8.3f ms\n",
               options.parallel > 0 ? options.parallel : GRANT_REPLAY_RUNNER_DEFAULT_MAX_PARALLEL,
               grant_ms, bench_percentile_ms (grant, 0.9));
      g_print ("  curl (a process, one by one)     %8.3f ms   p90 %8.3f ms\n", curl_ms,
               bench_percentile_ms (curl, 0.9));
      g_print ("  ratio Grant / curl               %8.3f×   target ≤ 0.5× %s\n", ratio,
               ratio <= 0.5 ? "met" : "MISSED");
    }

  return 0;
}
