/* grant-cli-introspect.c
 * grant-cli introspect and grant-cli revoke: ask about a token (RFC 7662), or revoke it
 * (RFC 7009).
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
  char                  *token_type_hint;
} Options;

static void
options_clear (Options *options)
{
  grant_cli_client_options_clear (&options->client);
  g_free (options->token_type_hint);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Parses the options and the TOKEN argument, and sets up the provider and client. */
static GrantCliExit
prepare (const GrantCliCommand  *command,
         Options                *options,
         int                     argc,
         char                  **argv,
         GrantHttpClient        *http_client,
         GrantProvider         **provider,
         GrantClient           **client,
         char                  **token)
{
  const GOptionEntry entries[] = {
    { "token-type-hint", 0, 0, G_OPTION_ARG_STRING, &options->token_type_hint,
      N_("access_token or refresh_token"), N_("HINT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = grant_cli_command_option_context_new (command, entries);
  grant_cli_client_options_add (context, &options->client);
  g_option_context_set_description (context,
    _("TOKEN may be “-” (or left out) to read it from standard input, which keeps it out of\n"
      "the process list.\n\n"
      "Exit status: 0 the server answered, 1 it refused or failed, 2 usage or input error."));

  if (!grant_cli_command_parse (command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc > 2)
    return grant_cli_usage_error (command->name, _("give one token"));

  *token = grant_cli_read_token (argc == 2 ? argv[1] : NULL, &error);
  if (*token == NULL)
    return grant_cli_input_error (command->name, options->client.json, error->message);
  if (**token == '\0')
    return grant_cli_input_error (command->name, options->client.json, _("the token is empty"));

  if (!grant_cli_client_setup (&options->client, http_client, provider, client, &error))
    return grant_cli_report_error (command->name, options->client.json, error);

  return GRANT_CLI_EXIT_OK;
}

static GrantCliExit
introspect_run (int    argc,
                char **argv)
{
  g_auto(Options) options = { { 0 } };
  g_autoptr(GrantHttpClient) http_client = grant_cli_http_client_new ();
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  GrantCliExit status;

  status = prepare (&grant_cli_introspect_command, &options, argc, argv, http_client, &provider,
                    &client, &token);
  if (status != GRANT_CLI_EXIT_OK)
    return status;

  grant_introspect_async (provider, client, http_client, token, options.token_type_hint, NULL,
                          grant_cli_result_cb, &result);
  response = grant_introspect_finish (grant_cli_wait (&result), &error);
  if (response == NULL)
    return grant_cli_report_error ("introspect", options.client.json, error);

  if (options.client.json)
    grant_cli_print_json (response);
  else
    {
      json_node_set_object (node, response);
      grant_cli_print_json_lines (node, "");
    }

  return GRANT_CLI_EXIT_OK;
}

static GrantCliExit
revoke_run (int    argc,
            char **argv)
{
  g_auto(Options) options = { { 0 } };
  g_autoptr(GrantHttpClient) http_client = grant_cli_http_client_new ();
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GrantCliExit status;

  status = prepare (&grant_cli_revoke_command, &options, argc, argv, http_client, &provider,
                    &client, &token);
  if (status != GRANT_CLI_EXIT_OK)
    return status;

  grant_revoke_async (provider, client, http_client, token, options.token_type_hint, NULL,
                      grant_cli_result_cb, &result);
  if (!grant_revoke_finish (grant_cli_wait (&result), &error))
    return grant_cli_report_error ("revoke", options.client.json, error);

  if (options.client.json)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_boolean_member (object, "revoked", TRUE);
      grant_cli_print_json (object);
    }
  else
    g_print ("%s", _("The server accepted the revocation: the token is no longer valid "
                     "(RFC 7009 §2.2).\n"));

  return GRANT_CLI_EXIT_OK;
}

const GrantCliCommand grant_cli_introspect_command = {
  "introspect",
  N_("[TOKEN|-]"),
  N_("Ask the authorization server about a token (RFC 7662)."),
  introspect_run,
};

const GrantCliCommand grant_cli_revoke_command = {
  "revoke",
  N_("[TOKEN|-]"),
  N_("Revoke a token (RFC 7009)."),
  revoke_run,
};
