/* grant-cli-token.c
 * grant-cli token: run a grant against an authorization server and print the tokens.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-check.h"
#include "grant-cli-client.h"
#include "grant-cli-io.h"
#include "grant-client-credentials-flow.h"
#include "grant-device-flow.h"
#include "grant-jwt-bearer-flow.h"
#include "grant-loopback-user-agent.h"
#include "grant-oauth-error.h"
#include "grant-password-flow.h"
#include "grant-refresh-flow.h"
#include "grant-token-exchange-flow.h"

typedef struct
{
  GrantCliClientOptions  client;
  char                  *grant;
  gboolean               dpop;
  gboolean               par;
  gboolean               no_browser;
  char                  *pkce;
  char                  *response_type;
  char                  *response_mode;
  char                  *username;
  char                  *password;
  char                  *refresh_token;
  char                  *subject_token;
  char                  *subject_token_type;
  char                  *audience;
  char                  *resource;
  char                  *assertion;
  char                  *subject;
  char                 **parameters;
} Options;

static void
options_clear (Options *options)
{
  grant_cli_client_options_clear (&options->client);
  g_free (options->grant);
  g_free (options->pkce);
  g_free (options->response_type);
  g_free (options->response_mode);
  g_free (options->username);
  g_free (options->password);
  g_free (options->refresh_token);
  g_free (options->subject_token);
  g_free (options->subject_token_type);
  g_free (options->audience);
  g_free (options->resource);
  g_free (options->assertion);
  g_free (options->subject);
  g_strfreev (options->parameters);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static void
step_cb (GrantFlow  *flow,
         const char *description,
         gpointer    user_data)
{
  g_autofree char *printable = grant_cli_printable (description);

  g_printerr ("• %s\n", printable);
}

static gboolean
open_authorization_url (const char  *authorization_url,
                        gpointer     user_data,
                        GError     **error)
{
  Options *options = user_data;
  g_autoptr(GError) launch_error = NULL;

  g_printerr (_("Open this URL in a browser to log in:\n  %s\n"), authorization_url);
  if (!options->no_browser
      && !g_app_info_launch_default_for_uri (authorization_url, NULL, &launch_error))
    g_printerr (_("(Grant could not open a browser: %s)\n"), launch_error->message);
  g_printerr ("%s", _("Waiting for the authorization response…\n"));

  return TRUE;
}

static void
user_code_cb (GrantDeviceFlow *flow,
              GParamSpec      *pspec,
              gpointer         user_data)
{
  const char *complete = grant_device_flow_get_verification_uri_complete (flow);

  g_printerr (_("\n  Enter the code  %s  at  %s\n"), grant_device_flow_get_user_code (flow),
              grant_device_flow_get_verification_uri (flow));
  if (complete != NULL)
    g_printerr (_("  or open %s\n"), complete);
  g_printerr ("\n");
}

/* A secret from the option, "-" for standard input, or the environment. */
static gboolean
require_secret (const char  *value,
                const char  *environment,
                const char  *option,
                char       **out,
                GError     **error)
{
  g_autoptr(GError) read_error = NULL;

  *out = grant_cli_secret (value, environment, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  if (*out == NULL)
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                   _("This grant needs %s (or $%s)"), option, environment);
      return FALSE;
    }

  return TRUE;
}

static GrantFlow *
make_flow (Options          *options,
           GrantProvider    *provider,
           GrantClient      *client,
           GrantHttpClient  *http_client,
           GError          **error)
{
  const char *grant = options->grant;
  g_autofree char *secret = NULL;

  if (g_strcmp0 (grant, "client_credentials") == 0)
    return grant_client_credentials_flow_new (provider, client, http_client);

  if (g_strcmp0 (grant, "password") == 0)
    {
      if (options->username == NULL)
        {
          g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                               _("The password grant needs --username"));
          return NULL;
        }
      if (!require_secret (options->password, "GRANT_PASSWORD", "--password", &secret, error))
        return NULL;
      return grant_password_flow_new (provider, client, http_client, options->username, secret);
    }

  if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      if (!require_secret (options->refresh_token, "GRANT_REFRESH_TOKEN", "--refresh-token",
                           &secret, error))
        return NULL;
      return grant_refresh_flow_new (provider, client, http_client, secret);
    }

  if (g_strcmp0 (grant, "device_code") == 0)
    {
      GrantFlow *flow = grant_device_flow_new (provider, client, http_client);

      g_signal_connect (flow, "notify::user-code", G_CALLBACK (user_code_cb), NULL);
      return flow;
    }

  if (g_strcmp0 (grant, "token_exchange") == 0)
    {
      GrantFlow *flow;

      if (!require_secret (options->subject_token, "GRANT_SUBJECT_TOKEN", "--subject-token",
                           &secret, error))
        return NULL;
      flow = grant_token_exchange_flow_new (provider, client, http_client, secret,
                                            options->subject_token_type);
      grant_token_exchange_flow_set_audience (GRANT_TOKEN_EXCHANGE_FLOW (flow), options->audience);
      grant_token_exchange_flow_set_resource (GRANT_TOKEN_EXCHANGE_FLOW (flow), options->resource);
      return flow;
    }

  if (g_strcmp0 (grant, "jwt_bearer") == 0)
    {
      if (options->subject != NULL)
        return grant_jwt_bearer_flow_new_for_subject (provider, client, http_client,
                                                      options->subject);
      if (!require_secret (options->assertion, "GRANT_ASSERTION", "--assertion or --subject",
                           &secret, error))
        return NULL;
      return grant_jwt_bearer_flow_new (provider, client, http_client, secret);
    }

  if (g_strcmp0 (grant, "authorization_code") == 0)
    {
      g_autoptr(GrantUserAgent) user_agent = grant_loopback_user_agent_new ();
      GrantAuthorizationCodeFlow *code_flow;
      GrantFlow *flow;

      grant_loopback_user_agent_set_open_func (GRANT_LOOPBACK_USER_AGENT (user_agent),
                                               open_authorization_url, options, NULL);
      flow = grant_authorization_code_flow_new (provider, client, http_client, user_agent);
      code_flow = GRANT_AUTHORIZATION_CODE_FLOW (flow);
      if (options->response_type != NULL)
        grant_authorization_code_flow_set_response_type (code_flow, options->response_type);
      grant_authorization_code_flow_set_response_mode (code_flow, options->response_mode);
      grant_authorization_code_flow_set_use_par (code_flow, options->par);
      if (g_strcmp0 (options->pkce, "none") == 0)
        grant_authorization_code_flow_set_pkce (code_flow, FALSE, GRANT_PKCE_METHOD_S256);
      else if (g_strcmp0 (options->pkce, "plain") == 0)
        grant_authorization_code_flow_set_pkce (code_flow, TRUE, GRANT_PKCE_METHOD_PLAIN);
      else if (options->pkce != NULL && g_strcmp0 (options->pkce, "S256") != 0)
        {
          g_object_unref (flow);
          g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                       _("--pkce is S256, plain or none, not “%s”"), options->pkce);
          return NULL;
        }
      for (guint i = 0; options->parameters != NULL && options->parameters[i] != NULL; i++)
        {
          g_auto(GStrv) pair = g_strsplit (options->parameters[i], "=", 2);

          if (pair[0] == NULL || pair[1] == NULL || *pair[0] == '\0')
            {
              g_object_unref (flow);
              g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                           _("--param takes NAME=VALUE, not “%s”"), options->parameters[i]);
              return NULL;
            }
          grant_authorization_code_flow_set_parameter (code_flow, pair[0], pair[1]);
        }
      return flow;
    }

  g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
               _("--grant is one of client_credentials, authorization_code, device_code, "
                 "refresh_token, password, token_exchange, jwt_bearer; not “%s”"),
               grant != NULL ? grant : "");

  return NULL;
}

static void
print_field (const char *name,
             const char *value)
{
  g_autofree char *printable = NULL;

  if (value == NULL)
    return;
  printable = grant_cli_printable (value);
  g_print ("%-18s %s\n", name, printable);
}

static void
print_text (GrantTokenResponse *response)
{
  gint64 expires_at = grant_token_response_get_expires_at (response);

  print_field ("token_type", grant_token_response_get_token_type (response));
  if (expires_at >= 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (expires_at);
      g_autofree char *date = g_date_time_format (when, "%F %T");
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " s (until %s)",
                                               grant_token_response_get_expires_in (response),
                                               date);

      print_field ("expires_in", text);
    }
  print_field ("scope", grant_token_response_get_scope (response));
  print_field ("issued_token_type", grant_token_response_get_issued_token_type (response));
  print_field ("access_token", grant_token_response_get_access_token (response));
  print_field ("refresh_token", grant_token_response_get_refresh_token (response));
  print_field ("id_token", grant_token_response_get_id_token (response));
}

static JsonArray *
checks_to_json (GListModel *checks)
{
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (checks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);
      JsonObject *object = json_object_new ();
      g_autoptr(GEnumClass) statuses = g_type_class_ref (GRANT_TYPE_CHECK_STATUS);

      json_object_set_string_member (object, "name", grant_check_get_name (check));
      json_object_set_string_member (object, "status",
                                     g_enum_get_value (statuses,
                                                       grant_check_get_status (check))->value_nick);
      json_object_set_string_member (object, "reason", grant_check_get_reason (check));
      json_array_add_object_element (array, object);
    }

  return array;
}

static void
print_checks_text (GListModel *checks)
{
  guint n = g_list_model_get_n_items (checks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);
      g_autofree char *reason = grant_cli_printable (grant_check_get_reason (check));
      const char *mark = grant_check_get_status (check) == GRANT_CHECK_PASSED ? "pass"
                         : grant_check_get_status (check) == GRANT_CHECK_FAILED ? "FAIL" : "n/a ";

      g_printerr ("  %s  %-28s %s\n", mark, grant_check_get_label (check), reason);
    }
}

static GrantCliExit
token_run (int    argc,
           char **argv)
{
  g_auto(Options) options = { { 0 } };
  const GOptionEntry entries[] = {
    { "grant", 0, 0, G_OPTION_ARG_STRING, &options.grant,
      N_("client_credentials, authorization_code, device_code, refresh_token, password "
         "(legacy), token_exchange or jwt_bearer"), N_("GRANT") },
    { "dpop", 0, 0, G_OPTION_ARG_NONE, &options.dpop,
      N_("Ask for DPoP-bound tokens, with a new ES256 key (RFC 9449)"), NULL },
    { "par", 0, 0, G_OPTION_ARG_NONE, &options.par,
      N_("Push the authorization request first (RFC 9126)"), NULL },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &options.no_browser,
      N_("Print the authorization URL instead of opening a browser"), NULL },
    { "pkce", 0, 0, G_OPTION_ARG_STRING, &options.pkce,
      N_("PKCE method: S256 (default), plain or none"), N_("METHOD") },
    { "response-type", 0, 0, G_OPTION_ARG_STRING, &options.response_type,
      N_("The response_type (default code)"), N_("TYPE") },
    { "response-mode", 0, 0, G_OPTION_ARG_STRING, &options.response_mode,
      N_("query, fragment or form_post"), N_("MODE") },
    { "param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.parameters,
      N_("An extra authorization request parameter (prompt=login, login_hint=…)"),
      N_("NAME=VALUE") },
    { "username", 0, 0, G_OPTION_ARG_STRING, &options.username,
      N_("The user, for the password grant"), N_("NAME") },
    { "password", 0, 0, G_OPTION_ARG_STRING, &options.password,
      N_("The password (“-” for standard input; default $GRANT_PASSWORD)"), N_("PASSWORD") },
    { "refresh-token", 0, 0, G_OPTION_ARG_STRING, &options.refresh_token,
      N_("The refresh token (“-” for standard input; default $GRANT_REFRESH_TOKEN)"),
      N_("TOKEN") },
    { "subject-token", 0, 0, G_OPTION_ARG_STRING, &options.subject_token,
      N_("The token to exchange (“-” for standard input; default $GRANT_SUBJECT_TOKEN)"),
      N_("TOKEN") },
    { "subject-token-type", 0, 0, G_OPTION_ARG_STRING, &options.subject_token_type,
      N_("Its type (default urn:ietf:params:oauth:token-type:access_token)"), N_("URN") },
    { "audience", 0, 0, G_OPTION_ARG_STRING, &options.audience,
      N_("The audience of the token asked for (token exchange)"), N_("AUDIENCE") },
    { "resource", 0, 0, G_OPTION_ARG_STRING, &options.resource,
      N_("The resource the token is for (token exchange)"), N_("URI") },
    { "assertion", 0, 0, G_OPTION_ARG_STRING, &options.assertion,
      N_("A JWT assertion (“-” for standard input; default $GRANT_ASSERTION)"), N_("JWT") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &options.subject,
      N_("Make an assertion for this subject, signed by the client (JWT bearer)"), N_("SUB") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantHttpClient) http_client = grant_cli_http_client_new ();
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = NULL;
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *checks = NULL;

  context = grant_cli_command_option_context_new (&grant_cli_token_command, entries);
  grant_cli_client_options_add (context, &options.client);
  g_option_context_set_description (context,
    _("Secrets (client secret, password, refresh token, subject token, assertion) may come\n"
      "from the environment or standard input instead of the command line, where other\n"
      "users of this machine can see them.\n\n"
      "Exit status: 0 tokens were issued (and every check passed), 1 the server or a check\n"
      "said no, 2 usage or input error."));

  if (!grant_cli_command_parse (&grant_cli_token_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc != 1)
    return grant_cli_usage_error ("token", _("“%s” is not an option"), argv[1]);
  if (options.grant == NULL)
    return grant_cli_usage_error ("token", _("--grant is required"));

  if (!grant_cli_client_setup (&options.client, http_client, &provider, &client, &error))
    return grant_cli_report_error ("token", options.client.json, error);

  flow = make_flow (&options, provider, client, http_client, &error);
  if (flow == NULL)
    return grant_cli_report_error ("token", options.client.json, error);

  if (options.dpop)
    {
      g_autoptr(GrantDpopSession) dpop = grant_dpop_session_new (NULL, &error);

      if (dpop == NULL)
        return grant_cli_report_error ("token", options.client.json, error);
      grant_flow_set_dpop_session (flow, dpop);
    }
  if (grant_flow_get_legacy_reason (flow) != NULL)
    g_printerr (_("Warning: this flow is legacy: %s\n"), grant_flow_get_legacy_reason (flow));
  if (!options.client.json)
    g_signal_connect (flow, "step", G_CALLBACK (step_cb), NULL);

  grant_flow_run_async (flow, NULL, grant_cli_result_cb, &result);
  response = grant_flow_run_finish (flow, grant_cli_wait (&result), &error);

  if (GRANT_IS_AUTHORIZATION_CODE_FLOW (flow))
    checks = grant_authorization_code_flow_get_checks (GRANT_AUTHORIZATION_CODE_FLOW (flow));
  if (checks != NULL && !options.client.json)
    print_checks_text (checks);

  if (response == NULL)
    {
      if (options.client.json && checks != NULL)
        {
          g_autoptr(JsonObject) object = json_object_new ();

          json_object_set_string_member (object, "error", error->message);
          json_object_set_array_member (object, "checks", checks_to_json (checks));
          grant_cli_print_json (object);
          g_printerr ("grant-cli token: %s\n", error->message);
          return GRANT_CLI_EXIT_FAILURE;
        }
      return grant_cli_report_error ("token", options.client.json, error);
    }

  if (options.client.json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "grant_type", grant_flow_get_grant_type (flow));
      json_object_set_object_member (object, "token_response",
                                     json_object_ref (grant_token_response_get_json (response)));
      if (grant_token_response_get_expires_at (response) >= 0)
        json_object_set_int_member (object, "expires_at",
                                    grant_token_response_get_expires_at (response));
      if (GRANT_IS_REFRESH_FLOW (flow))
        json_object_set_boolean_member (object, "rotated",
                                        grant_refresh_flow_get_rotated (GRANT_REFRESH_FLOW (flow)));
      if (checks != NULL)
        json_object_set_array_member (object, "checks", checks_to_json (checks));
      grant_cli_print_json (object);
    }
  else
    {
      print_text (response);
    }

  return GRANT_CLI_EXIT_OK;
}

const GrantCliCommand grant_cli_token_command = {
  "token",
  NULL,
  N_("Run a grant against an authorization server and print the tokens."),
  token_run,
};
