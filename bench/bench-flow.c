/* bench-flow.c
 * The OAuth engine benchmark: client credentials via discovery, Grant against curl.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each round times one Grant flow and one curl run, back to back, so that a busy moment on
 * the machine falls on both sides: Grant, in this process, with a new recording client (a
 * new connection, as curl has): discovery (GET, parse, check the issuer) then the client
 * credentials flow (POST with client_secret_basic, parse the token response); curl, one
 * process making the same two requests (`--next`, so it may reuse its connection). Each
 * figure is the median of --runs rounds. Grant's runs through grant-cli (a process, like
 * curl) are timed too, for the record. bench/run-flow starts the fixture and runs this.
 */

#include "config.h"

#include <string.h>

#include "bench-async.h"
#include "bench-stats.h"
#include "grant-client-credentials-flow.h"
#include "grant-provider-metadata.h"

typedef struct
{
  char    *issuer;
  char    *client_id;
  char    *client_secret;
  char    *scope;
  char    *curl;
  char    *cli;
  int      runs;
  int      warmup;
  gboolean json;
} Options;

/* One whole flow, as an application would run it from nothing but the issuer URL. */
static gint64
time_grant (const Options *options)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) discovered = NULL;
  g_autoptr(GAsyncResult) ran = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = grant_client_new (options->client_id);
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  grant_provider_metadata_discover_async (http_client, options->issuer, NULL,
                                          bench_async_result_cb, &discovered);
  metadata = grant_provider_metadata_discover_finish (bench_async_wait (&discovered), &error);
  if (metadata == NULL)
    g_error ("Discovery failed: %s", error->message);

  provider = grant_provider_new_from_metadata (metadata);
  grant_client_set_token_endpoint_auth_method (client, GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  grant_client_set_client_secret (client, options->client_secret);
  grant_client_set_scope (client, options->scope);
  flow = grant_client_credentials_flow_new (provider, client, http_client);
  grant_flow_run_async (flow, NULL, bench_async_result_cb, &ran);
  response = grant_flow_run_finish (flow, bench_async_wait (&ran), &error);
  if (response == NULL)
    g_error ("The flow failed: %s", error->message);

  /* Everything is freed before the clock stops: that is part of a run too. */
  g_clear_object (&response);
  g_clear_object (&flow);
  g_clear_object (&http_client);

  return g_get_monotonic_time () - start;
}

static gint64
time_process (const char * const *argv,
              const char         *expected)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("Could not run %s: %s", argv[0], error->message);
  elapsed = g_get_monotonic_time () - start;

  if (!g_spawn_check_wait_status (status, &error) || strstr (out, expected) == NULL)
    g_error ("%s did not get a token: %s %s", argv[0], out, err);

  return elapsed;
}

static gint64
time_curl (const Options *options)
{
  g_autofree char *discovery = g_strconcat (options->issuer, "/.well-known/openid-configuration",
                                            NULL);
  g_autofree char *token_endpoint = g_strconcat (options->issuer, "/token", NULL);
  g_autofree char *user = g_strconcat (options->client_id, ":", options->client_secret, NULL);
  g_autofree char *scope = g_strconcat ("scope=", options->scope, NULL);
  const char *argv[] = {
    options->curl, "-s", "-f", discovery,
    "--next", "-s", "-f", "-u", user, "-d", "grant_type=client_credentials", "-d", scope,
    token_endpoint, NULL
  };

  return time_process (argv, "\"access_token\"");
}

static gint64
time_cli (const Options *options)
{
  const char *argv[] = {
    options->cli, "token", "--issuer", options->issuer, "--client-id", options->client_id,
    "--client-secret", options->client_secret, "--grant", "client_credentials", "--scope",
    options->scope, "--json", NULL
  };

  return time_process (argv, "\"access_token\"");
}

int
main (int   argc,
      char *argv[])
{
  Options options = { NULL, NULL, NULL, NULL, NULL, NULL, 200, 20, FALSE };
  const GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &options.issuer, "The fixture's issuer", "URL" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &options.client_id, "Client ID", "ID" },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &options.client_secret, "Secret", "S" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &options.scope, "Scope", "SCOPE" },
    { "curl", 0, 0, G_OPTION_ARG_FILENAME, &options.curl, "curl to run", "PATH" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &options.cli, "grant-cli to run (optional)", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options.runs, "Rounds (default 200)", "N" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &options.warmup, "Untimed rounds first (20)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— client credentials, Grant vs curl");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grant = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) curl = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cli = g_array_new (FALSE, FALSE, sizeof (gint64));
  double grant_ms, curl_ms, cli_ms = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-flow: %s\n", error->message);
      return 2;
    }
  if (options.issuer == NULL)
    {
      g_printerr ("bench-flow: --issuer is required (bench/run-flow starts the fixture)\n");
      return 2;
    }
  if (options.client_id == NULL)
    options.client_id = g_strdup ("grant-machine");
  if (options.client_secret == NULL)
    options.client_secret = g_strdup ("grant-machine-secret");
  if (options.scope == NULL)
    options.scope = g_strdup ("photos:read");
  if (options.curl == NULL)
    options.curl = g_strdup ("curl");
  if (options.runs < 1)
    options.runs = 1;

  for (int i = 0; i < options.warmup; i++)
    {
      time_grant (&options);
      time_curl (&options);
    }

  for (int i = 0; i < options.runs; i++)
    {
      gint64 g, c;

      /* Alternate which goes first, so that neither always follows the other. */
      if (i % 2 == 0)
        {
          g = time_grant (&options);
          c = time_curl (&options);
        }
      else
        {
          c = time_curl (&options);
          g = time_grant (&options);
        }
      g_array_append_val (grant, g);
      g_array_append_val (curl, c);
      if (options.cli != NULL)
        {
          gint64 p = time_cli (&options);

          g_array_append_val (cli, p);
        }
    }

  grant_ms = bench_median_ms (grant);
  curl_ms = bench_median_ms (curl);
  if (options.cli != NULL)
    cli_ms = bench_median_ms (cli);

  if (options.json)
    {
      g_print ("{\"runs\": %d, \"grant_ms\": %.3f, \"curl_ms\": %.3f, \"ratio\": %.3f, "
               "\"grant_p90_ms\": %.3f, \"curl_p90_ms\": %.3f", options.runs, grant_ms, curl_ms,
               grant_ms / curl_ms, bench_percentile_ms (grant, 0.9),
               bench_percentile_ms (curl, 0.9));
      if (options.cli != NULL)
        g_print (", \"grant_cli_ms\": %.3f", cli_ms);
      g_print ("}\n");
    }
  else
    {
      g_print ("Client credentials via discovery, %d rounds, median wall time per flow\n",
               options.runs);
      g_print ("  Grant (in process)  %8.3f ms   p90 %8.3f ms\n", grant_ms,
               bench_percentile_ms (grant, 0.9));
      g_print ("  curl (a process)    %8.3f ms   p90 %8.3f ms\n", curl_ms,
               bench_percentile_ms (curl, 0.9));
      if (options.cli != NULL)
        g_print ("  grant-cli (a process) %6.3f ms\n", cli_ms);
      g_print ("  ratio Grant / curl  %8.3f×   target ≤ 1.3× %s\n", grant_ms / curl_ms,
               grant_ms / curl_ms <= 1.3 ? "met" : "MISSED");
    }

  return 0;
}
