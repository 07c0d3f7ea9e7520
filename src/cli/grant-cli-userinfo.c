/* grant-cli-userinfo.c
 * grant-cli userinfo: call the UserInfo endpoint with an access token.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-cli-client.h"
#include "grant-cli-io.h"
#include "grant-token-operations.h"

typedef struct
{
  GrantCliClientOptions  client;
  char                  *sub;
} Options;

static void
options_clear (Options *options)
{
  grant_cli_client_options_clear (&options->client);
  g_free (options->sub);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static GrantCliExit
userinfo_run (int    argc,
              char **argv)
{
  g_auto(Options) options = { { 0 } };
  const GOptionEntry entries[] = {
    { "sub", 0, 0, G_OPTION_ARG_STRING, &options.sub,
      N_("The ID token's sub, which the response's must equal (OpenID Connect Core §5.3.2)"),
      N_("SUB") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantHttpClient) http_client = grant_cli_http_client_new ();
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GrantUserinfoForm form = GRANT_USERINFO_PLAIN;

  context = grant_cli_command_option_context_new (&grant_cli_userinfo_command, entries);
  grant_cli_client_options_add (context, &options.client);
  g_option_context_set_description (context,
    _("ACCESS_TOKEN may be “-” (or left out) to read it from standard input.\n\n"
      "Exit status: 0 the claims came and passed the checks, 1 the server or a check said\n"
      "no, 2 usage or input error."));

  if (!grant_cli_command_parse (&grant_cli_userinfo_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc > 2)
    return grant_cli_usage_error ("userinfo", _("give one access token"));

  token = grant_cli_read_token (argc == 2 ? argv[1] : NULL, &error);
  if (token == NULL)
    return grant_cli_input_error ("userinfo", options.client.json, error->message);

  if (!grant_cli_client_setup (&options.client, http_client, &provider, &client, &error))
    return grant_cli_report_error ("userinfo", options.client.json, error);

  grant_userinfo_fetch_async (provider, client, http_client, NULL, token,
                              GRANT_BEARER_IN_HEADER, options.sub, NULL,
                              grant_cli_result_cb, &result);
  claims = grant_userinfo_fetch_finish (grant_cli_wait (&result), &form, &error);
  if (claims == NULL)
    return grant_cli_report_error ("userinfo", options.client.json, error);

  if (options.client.json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "form",
                                     form == GRANT_USERINFO_SIGNED ? "signed" : "plain");
      json_object_set_object_member (object, "claims", json_object_ref (claims));
      grant_cli_print_json (object);
    }
  else
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      if (form == GRANT_USERINFO_SIGNED)
        g_print ("%s", _("(a signed response; its signature was verified)\n"));
      json_node_set_object (node, claims);
      grant_cli_print_json_lines (node, "");
    }

  return GRANT_CLI_EXIT_OK;
}

const GrantCliCommand grant_cli_userinfo_command = {
  "userinfo",
  N_("[ACCESS_TOKEN|-]"),
  N_("Call the UserInfo endpoint with an access token."),
  userinfo_run,
};
