/* grant-cli-probe.c
 * grant-cli probe: the security probes of one API request, as a table or JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The valid token is given, or comes from the client credentials grant (DPoP-bound with
 * --dpop). A token grant-cli fetched itself is revoked for the last probe, since nobody else
 * holds it; a given one only with --revoke, since revoking ends it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-cli-client.h"
#include "grant-cli-io.h"
#include "grant-client-credentials-flow.h"
#include "grant-probe-suite.h"

typedef struct
{
  GrantCliClientOptions  client;
  char                  *token;
  char                  *dpop_key;
  char                  *expired_token;
  char                  *other_audience_token;
  gboolean               dpop;
  gboolean               revoke;
} Options;

static void
options_clear (Options *options)
{
  grant_cli_client_options_clear (&options->client);
  g_free (options->token);
  g_free (options->dpop_key);
  g_free (options->expired_token);
  g_free (options->other_audience_token);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* An access token from the client credentials grant, DPoP-bound to @dpop when given. */
static char *
fetch_token (GrantProvider     *provider,
             GrantClient       *client,
             GrantHttpClient   *http_client,
             const char        *scope,
             GrantDpopSession  *dpop,
             GError           **error)
{
  g_autoptr(GrantFlow) flow = grant_client_credentials_flow_new (provider, client, http_client);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  grant_flow_set_scope (flow, scope);
  if (dpop != NULL)
    grant_flow_set_dpop_session (flow, dpop);
  grant_flow_run_async (flow, NULL, grant_cli_result_cb, &result);
  response = grant_flow_run_finish (flow, grant_cli_wait (&result), error);
  if (response == NULL)
    return NULL;

  return g_strdup (grant_token_response_get_access_token (response));
}

static GrantDpopSession *
load_dpop_key (const char  *path,
               GError     **error)
{
  g_autofree char *data = grant_cli_read_input (path, error);
  g_autoptr(GrantJwk) key = NULL;

  if (data == NULL)
    return NULL;
  key = grant_jwk_new_private_from_data (data, -1, error);
  if (key == NULL)
    return NULL;

  return grant_dpop_session_new_for_key (key);
}

static guint
column_width (GrantProbeSuite *suite,
              const char      *title,
              int              column)
{
  guint width = g_utf8_strlen (title, -1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (suite));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantProbe) probe = g_list_model_get_item (G_LIST_MODEL (suite), i);
      g_autofree char *actual = grant_probe_dup_actual (probe);
      const char *text = column == 0 ? grant_probe_get_name (probe)
                         : column == 1 ? grant_probe_get_expected (probe) : actual;

      width = MAX (width, g_utf8_strlen (text, -1));
    }

  return width;
}

/* The reasons of the probes with @verdict, under @heading. */
static void
print_reasons (GrantProbeSuite   *suite,
               GrantProbeVerdict  verdict,
               const char        *heading)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (suite));

  if (grant_probe_suite_count (suite, verdict) == 0)
    return;

  g_print ("\n%s\n", heading);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantProbe) probe = g_list_model_get_item (G_LIST_MODEL (suite), i);

      if (grant_probe_get_verdict (probe) == verdict)
        g_print ("  %s: %s\n", grant_probe_get_name (probe), grant_probe_get_reason (probe));
    }
}

static void
print_table (GrantProbeSuite *suite)
{
  const char *titles[] = { _("PROBE"), _("EXPECTED"), _("ACTUAL"), _("VERDICT") };
  guint widths[3];
  guint n = g_list_model_get_n_items (G_LIST_MODEL (suite));

  for (int c = 0; c < 3; c++)
    widths[c] = column_width (suite, titles[c], c);

  /* Padding counts characters, not bytes, so that translated titles line up. */
  for (int c = 0; c < 4; c++)
    g_print ("%s%*s", titles[c], c < 3 ? (int) (widths[c] - g_utf8_strlen (titles[c], -1) + 2)
                                       : 0, "");
  g_print ("\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantProbe) probe = g_list_model_get_item (G_LIST_MODEL (suite), i);
      g_autofree char *actual = grant_probe_dup_actual (probe);

      g_print ("%-*s  %-*s  %-*s  %s\n", (int) widths[0], grant_probe_get_name (probe),
               (int) widths[1], grant_probe_get_expected (probe), (int) widths[2], actual,
               grant_probe_verdict_get_name (grant_probe_get_verdict (probe)));
    }

  print_reasons (suite, GRANT_PROBE_FAILED, _("Failed:"));
  print_reasons (suite, GRANT_PROBE_WARNED, _("Warnings:"));
  print_reasons (suite, GRANT_PROBE_SKIPPED, _("Skipped:"));
  g_print ("\n");
  g_print (_("%u passed, %u warned, %u failed, %u skipped\n"),
           grant_probe_suite_count (suite, GRANT_PROBE_PASSED),
           grant_probe_suite_count (suite, GRANT_PROBE_WARNED),
           grant_probe_suite_count (suite, GRANT_PROBE_FAILED),
           grant_probe_suite_count (suite, GRANT_PROBE_SKIPPED));
}

static GrantCliExit
probe_run (int    argc,
           char **argv)
{
  g_auto(Options) options = { { 0 } };
  g_autofree char *token_option = NULL;
  const GOptionEntry entries[] = {
    { "token", 't', 0, G_OPTION_ARG_STRING, &token_option,
      N_("A valid access token for the request; “-” reads it from standard input (default: "
         "$GRANT_ACCESS_TOKEN, else one from the client credentials grant with the provider "
         "and client options)"), N_("TOKEN") },
    { "dpop", 0, 0, G_OPTION_ARG_NONE, &options.dpop,
      N_("Get a DPoP-bound token, with a new ES256 key, and run the DPoP probes "
         "(RFC 9449)"), NULL },
    { "dpop-key", 0, 0, G_OPTION_ARG_FILENAME, &options.dpop_key,
      N_("The private key, JWK or PEM, that the given token is DPoP-bound to"), N_("FILE") },
    { "expired-token", 0, 0, G_OPTION_ARG_STRING, &options.expired_token,
      N_("An expired access token for the same API, for the expired-token probe"),
      N_("TOKEN") },
    { "other-audience-token", 0, 0, G_OPTION_ARG_STRING, &options.other_audience_token,
      N_("An access token of the same issuer for another audience"), N_("TOKEN") },
    { "revoke", 0, 0, G_OPTION_ARG_NONE, &options.revoke,
      N_("Revoke the given token (RFC 7009) and send it once more, last; needs the provider "
         "and client options"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantHttpClient) http_client = grant_cli_http_client_new ();
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = NULL;
  g_autoptr(GrantDpopSession) dpop = NULL;
  g_autoptr(GrantProbeSuite) suite = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *method = NULL;
  gboolean fetched = FALSE;

  context = grant_cli_command_option_context_new (&grant_cli_probe_command, entries);
  grant_cli_client_options_add (context, &options.client);
  g_option_context_set_description (context,
    _("Each probe sends the request with its credentials changed: no token, malformed\n"
      "Authorization headers, the token in the query string, the JWT without its signature,\n"
      "with alg none or a changed claim, an expired token, a token for another audience, a\n"
      "DPoP-bound token as Bearer, a replayed DPoP proof, the token after revoking it. A\n"
      "probe that cannot apply is skipped, with the reason. A token grant-cli got itself\n"
      "is revoked for the last probe.\n"
      "\n"
      "Exit status: 0 no probe failed (warnings and skips allowed), 1 a probe failed or a\n"
      "token request failed, 2 usage or input error."));

  if (!grant_cli_command_parse (&grant_cli_probe_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc != 3)
    return grant_cli_usage_error ("probe", _("give a method and a URL"));

  uri = g_uri_parse (argv[2], G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
                      && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    return grant_cli_usage_error ("probe", _("the URL must be an http or https URL"));
  for (const char *c = argv[1]; *c != '\0'; c++)
    if (!g_ascii_isalpha (*c))
      return grant_cli_usage_error ("probe", _("“%s” is not an HTTP method"), argv[1]);
  if (argv[1][0] == '\0')
    return grant_cli_usage_error ("probe", _("give a method and a URL"));

  options.token = grant_cli_secret (token_option, "GRANT_ACCESS_TOKEN", &error);
  if (error != NULL)
    return grant_cli_input_error ("probe", options.client.json, error->message);
  if (options.token != NULL && options.dpop)
    return grant_cli_usage_error ("probe", _("--dpop gets a new DPoP-bound token; for a given "
                                             "token, name its key with --dpop-key"));
  if (options.token == NULL && options.dpop_key != NULL)
    return grant_cli_usage_error ("probe", _("--dpop-key goes with a given --token"));

  if (options.dpop_key != NULL)
    {
      dpop = load_dpop_key (options.dpop_key, &error);
      if (dpop == NULL)
        return grant_cli_input_error ("probe", options.client.json, error->message);
    }

  if (options.token == NULL || options.revoke)
    {
      if (!grant_cli_client_setup (&options.client, http_client, &provider, &client, &error))
        return grant_cli_report_error ("probe", options.client.json, error);
    }
  if (options.token == NULL)
    {
      if (options.dpop)
        {
          dpop = grant_dpop_session_new (NULL, &error);
          if (dpop == NULL)
            return grant_cli_report_error ("probe", options.client.json, error);
        }
      options.token = fetch_token (provider, client, http_client, options.client.scope, dpop,
                                   &error);
      if (options.token == NULL)
        return grant_cli_report_error ("probe", options.client.json, error);
      fetched = TRUE;
    }

  method = g_ascii_strup (argv[1], -1);
  request = grant_http_request_new (method, argv[2]);
  suite = grant_probe_suite_new (http_client, request, options.token);
  grant_probe_suite_set_dpop_session (suite, dpop);
  grant_probe_suite_set_expired_token (suite, options.expired_token);
  grant_probe_suite_set_other_audience_token (suite, options.other_audience_token);
  if (fetched || options.revoke)
    grant_probe_suite_set_revocation (suite, provider, client);

  grant_probe_suite_run_async (suite, NULL, grant_cli_result_cb, &result);
  if (!grant_probe_suite_run_finish (suite, grant_cli_wait (&result), &error))
    return grant_cli_report_error ("probe", options.client.json, error);

  if (options.client.json)
    {
      g_autoptr(JsonObject) object = grant_probe_suite_to_json (suite);

      grant_cli_print_json (object);
    }
  else
    print_table (suite);

  return grant_probe_suite_count (suite, GRANT_PROBE_FAILED) == 0 ? GRANT_CLI_EXIT_OK
                                                                   : GRANT_CLI_EXIT_FAILURE;
}

const GrantCliCommand grant_cli_probe_command = {
  "probe",
  N_("METHOD URL"),
  N_("Probe an API request's security: tampered, expired, revoked and misplaced tokens."),
  probe_run,
};
