/* grant-cli-scope-matrix.c
 * grant-cli scope-matrix: call API routes with tokens of every scope set, and find the least
 * privilege each route needs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tokens come from the client credentials grant, one token request per scope set, all
 * made before the first API call. The authorization server may grant less than it was asked
 * (RFC 6749 §3.3); the scope it says it granted is printed beside each set, because a
 * matrix is only as true as its tokens.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-cli-client.h"
#include "grant-cli-io.h"
#include "grant-client-credentials-flow.h"
#include "grant-scope-matrix.h"

typedef struct
{
  GrantCliClientOptions   client;
  char                   *scopes;
  char                  **requests;
  char                  **headers;
  int                     parallel;
} Options;

static void
options_clear (Options *options)
{
  grant_cli_client_options_clear (&options->client);
  g_free (options->scopes);
  g_strfreev (options->requests);
  g_strfreev (options->headers);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* "METHOD URL" as a request template. */
static GrantHttpRequest *
parse_request (const char  *text,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit_set (g_strstrip (g_strdup (text)), " \t", 2);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *method = NULL;
  const char *url;

  if (g_strv_length (parts) != 2 || parts[0][0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a request: write it as “METHOD URL”"), text);
      return NULL;
    }
  url = g_strchug (parts[1]);
  for (const char *c = parts[0]; *c != '\0'; c++)
    if (!g_ascii_isalpha (*c))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not an HTTP method"), parts[0]);
        return NULL;
      }
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
                      && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an http or https URL"), url);
      return NULL;
    }

  method = g_ascii_strup (parts[0], -1);

  return grant_http_request_new (method, url);
}

/* One client credentials token per scope set, all requested at once; the granted scopes
 * go into @granted, one string per set. */
static gboolean
fetch_tokens (GrantScopeMatrix  *matrix,
              GrantProvider     *provider,
              GrantClient       *client,
              GrantHttpClient   *http_client,
              GPtrArray         *granted,
              GError           **error)
{
  guint n = grant_scope_matrix_get_n_scope_sets (matrix);
  g_autoptr(GPtrArray) flows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree GAsyncResult **results = g_new0 (GAsyncResult *, n);
  gboolean ok = TRUE;

  for (guint s = 0; s < n; s++)
    {
      GrantFlow *flow = grant_client_credentials_flow_new (provider, client, http_client);
      g_autofree char *scope = grant_scope_matrix_dup_scope_string (matrix, s);

      grant_flow_set_scope (flow, scope);
      g_ptr_array_add (flows, flow);
      grant_flow_run_async (flow, NULL, grant_cli_result_cb, &results[s]);
    }

  for (guint s = 0; s < n; s++)
    {
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GError) flow_error = NULL;

      response = grant_flow_run_finish (g_ptr_array_index (flows, s),
                                        grant_cli_wait (&results[s]), &flow_error);
      g_clear_object (&results[s]);
      if (response == NULL)
        {
          if (ok)
            {
              g_autofree char *scope = grant_scope_matrix_dup_scope_string (matrix, s);

              g_set_error (error, flow_error->domain, flow_error->code,
                           _("The token request for the scope “%s” failed: %s"), scope,
                           flow_error->message);
            }
          ok = FALSE;
          g_ptr_array_add (granted, NULL);
          continue;
        }
      grant_scope_matrix_set_access_token (matrix, s,
                                           grant_token_response_get_access_token (response),
                                           grant_token_response_get_token_type (response));
      g_ptr_array_add (granted, g_strdup (grant_token_response_get_scope (response)));
    }

  return ok;
}

/* Whether @scope (a token response's, space-separated) names exactly the scopes of @set. */
static gboolean
same_scopes (const char * const *set,
             const char         *scope)
{
  g_auto(GStrv) granted = g_strsplit_set (scope, " ", -1);
  guint n_granted = 0;

  for (guint i = 0; granted[i] != NULL; i++)
    if (granted[i][0] != '\0')
      {
        if (!g_strv_contains (set, granted[i]))
          return FALSE;
        n_granted++;
      }

  return n_granted == g_strv_length ((GStrv) set);
}

static char *
describe_set (const char * const *set)
{
  return set[0] != NULL ? g_strjoinv (" ", (GStrv) set) : g_strdup (_("(none)"));
}

static void
print_text (GrantScopeMatrix *matrix,
            GPtrArray        *granted)
{
  guint n_sets = grant_scope_matrix_get_n_scope_sets (matrix);
  guint n_requests = grant_scope_matrix_get_n_requests (matrix);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint width = 0;
  gboolean no_response = FALSE;

  g_print ("%s\n", _("Scope sets (columns):"));
  for (guint s = 0; s < n_sets; s++)
    {
      g_autofree char *set = describe_set (grant_scope_matrix_get_scope_set (matrix, s));
      g_autofree char *printable = grant_cli_printable (set);
      const char *scope = g_ptr_array_index (granted, s);
      g_autofree char *printable_granted = grant_cli_printable (scope);

      g_print ("  %2u  %s", s + 1, printable);
      /* A response without scope granted what was asked (RFC 6749 §5.1). */
      if (scope != NULL && !same_scopes (grant_scope_matrix_get_scope_set (matrix, s), scope))
        g_print (_("  (granted: %s)"), scope[0] != '\0' ? printable_granted : _("(none)"));
      g_print ("\n");
    }

  for (guint r = 0; r < n_requests; r++)
    {
      GrantHttpRequest *request = grant_scope_matrix_get_request (matrix, r);
      char *label = g_strdup_printf ("%s %s", grant_http_request_get_method (request),
                                     grant_http_request_get_uri (request));

      g_ptr_array_add (labels, label);
      width = MAX (width, (guint) g_utf8_strlen (label, -1));
    }

  g_print ("\n%*s", (int) width, "");
  for (guint s = 0; s < n_sets; s++)
    g_print (" %4u", s + 1);
  g_print ("\n");
  for (guint r = 0; r < n_requests; r++)
    {
      g_autofree char *printable = grant_cli_printable (g_ptr_array_index (labels, r));

      g_print ("%-*s", (int) width, printable);
      for (guint s = 0; s < n_sets; s++)
        {
          guint status = grant_scope_matrix_get_status (matrix, r, s);

          if (status == 0)
            {
              g_print ("    -");
              no_response = TRUE;
            }
          else
            g_print (" %4u", status);
        }
      g_print ("\n");
    }
  if (no_response)
    g_print ("%s\n", _("(- no response)"));

  g_print ("\n%s\n", _("Least privilege:"));
  for (guint r = 0; r < n_requests; r++)
    {
      g_autoptr(GArray) least = grant_scope_matrix_get_least_privilege (matrix, r);
      g_autofree char *printable = grant_cli_printable (g_ptr_array_index (labels, r));
      g_autoptr(GString) sets = g_string_new (NULL);

      for (guint i = 0; i < least->len; i++)
        {
          guint s = g_array_index (least, guint, i);
          g_autofree char *set = describe_set (grant_scope_matrix_get_scope_set (matrix, s));
          g_autofree char *printable_set = grant_cli_printable (set);

          if (i > 0)
            g_string_append (sets, _(" or "));
          g_string_append_printf (sets, "{%s}", printable_set);
        }
      if (least->len == 0)
        g_print ("  %s: %s\n", printable, _("no scope set got a 2xx answer"));
      else
        g_print ("  %s: %s\n", printable, sets->str);
    }
}

static GrantCliExit
scope_matrix_run (int    argc,
                  char **argv)
{
  g_auto(Options) options = { { 0 } };
  const GOptionEntry entries[] = {
    { "scopes", 0, 0, G_OPTION_ARG_STRING, &options.scopes,
      N_("The scopes under test, space-separated (default: --scope)"), N_("SCOPES") },
    { "request", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &options.requests,
      N_("An API request, “METHOD URL”; may be repeated"), N_("REQUEST") },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &options.headers,
      N_("A header for every request, “Name: value”; may be repeated"), N_("HEADER") },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &options.parallel,
      N_("The most API requests at once (default 6)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantHttpClient) http_client = grant_cli_http_client_new ();
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = NULL;
  g_autoptr(GrantScopeMatrix) matrix = NULL;
  g_autoptr(GrantReplayRunner) runner = NULL;
  g_autoptr(GPtrArray) granted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) scopes = NULL;
  gboolean complete = TRUE;

  context = grant_cli_command_option_context_new (&grant_cli_scope_matrix_command, entries);
  grant_cli_client_options_add (context, &options.client);
  g_option_context_set_description (context,
    _("Each scope set gets a token from the client credentials grant, before the first API\n"
      "call. The sets are every subset of the scopes when there are at most six, else none,\n"
      "each one, all but one, and all. A route's least privilege is the smallest sets the\n"
      "API answered with 2xx.\n"
      "\n"
      "Exit status: 0 every call was answered and every route has a least privilege, 1 a\n"
      "call got no answer or a route got no 2xx with any set, or a token request failed,\n"
      "2 usage or input error."));

  if (!grant_cli_command_parse (&grant_cli_scope_matrix_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc != 1)
    return grant_cli_usage_error ("scope-matrix", _("“%s” is not an option"), argv[1]);
  if (options.scopes == NULL)
    options.scopes = g_strdup (options.client.scope);
  if (options.scopes == NULL)
    return grant_cli_usage_error ("scope-matrix", _("give the scopes under test with --scopes"));
  if (options.requests == NULL)
    return grant_cli_usage_error ("scope-matrix",
                                  _("give at least one --request “METHOD URL”"));
  if (options.parallel < 0)
    return grant_cli_usage_error ("scope-matrix", _("--parallel must be a positive number"));

  scopes = g_strsplit_set (options.scopes, " \t", -1);
  matrix = grant_scope_matrix_new ((const char * const *) scopes);
  for (guint i = 0; options.requests[i] != NULL; i++)
    {
      g_autoptr(GrantHttpRequest) request = parse_request (options.requests[i], &error);

      if (request == NULL
          || !grant_cli_add_headers (request, options.headers,
                                     _("The matrix sets Authorization itself, one token per "
                                       "scope set"), &error))
        return grant_cli_input_error ("scope-matrix", options.client.json, error->message);
      grant_scope_matrix_add_request (matrix, request);
    }

  /* The client's own scope is not asked for: each set is. */
  g_clear_pointer (&options.client.scope, g_free);
  if (!grant_cli_client_setup (&options.client, http_client, &provider, &client, &error))
    return grant_cli_report_error ("scope-matrix", options.client.json, error);
  if (!fetch_tokens (matrix, provider, client, http_client, granted, &error))
    return grant_cli_report_error ("scope-matrix", options.client.json, error);

  runner = grant_replay_runner_new (http_client, (guint) options.parallel);
  grant_scope_matrix_run_async (matrix, runner, NULL, grant_cli_result_cb, &result);
  if (!grant_scope_matrix_run_finish (matrix, grant_cli_wait (&result), &error))
    return grant_cli_report_error ("scope-matrix", options.client.json, error);

  if (options.client.json)
    {
      g_autoptr(JsonObject) object = grant_scope_matrix_to_json (matrix);
      JsonArray *granted_scopes = json_array_new ();

      for (guint s = 0; s < granted->len; s++)
        {
          const char *scope = g_ptr_array_index (granted, s);

          if (scope != NULL)
            json_array_add_string_element (granted_scopes, scope);
          else
            json_array_add_null_element (granted_scopes);
        }
      json_object_set_array_member (object, "granted_scopes", granted_scopes);
      json_object_set_int_member (object, "retried", grant_replay_runner_get_retried (runner));
      grant_cli_print_json (object);
    }
  else
    print_text (matrix, granted);

  for (guint r = 0; r < grant_scope_matrix_get_n_requests (matrix); r++)
    {
      g_autoptr(GArray) least = grant_scope_matrix_get_least_privilege (matrix, r);

      if (least->len == 0)
        complete = FALSE;
      for (guint s = 0; s < grant_scope_matrix_get_n_scope_sets (matrix); s++)
        if (grant_scope_matrix_get_status (matrix, r, s) == 0)
          complete = FALSE;
    }

  return complete ? GRANT_CLI_EXIT_OK : GRANT_CLI_EXIT_FAILURE;
}

const GrantCliCommand grant_cli_scope_matrix_command = {
  "scope-matrix",
  NULL,
  N_("Call API routes with a token for every scope set, and find the least privilege."),
  scope_matrix_run,
};
