/* grant-cli-discover.c
 * grant-cli discover: fetch and check an authorization server's metadata.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "grant-cli-client.h"
#include "grant-cli-command.h"
#include "grant-oauth-error.h"
#include "grant-provider-metadata.h"

typedef struct
{
  GMainLoop             *loop;
  GrantProviderMetadata *metadata;
  GError                *error;
} Discovery;

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Discovery *discovery = user_data;

  discovery->metadata = grant_provider_metadata_discover_finish (result, &discovery->error);
  g_main_loop_quit (discovery->loop);
}

static void
print_field (const char *name,
             const char *value)
{
  g_autofree char *printable = grant_cli_printable (value);

  g_print ("%-40s %s\n", name, printable);
}

static void
print_text (GrantProviderMetadata *metadata)
{
  static const char * const endpoints[] = {
    "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
    "device_authorization_endpoint", "pushed_authorization_request_endpoint",
    "introspection_endpoint", "revocation_endpoint", "end_session_endpoint",
    "registration_endpoint",
  };
  static const char * const lists[] = {
    "scopes_supported", "response_types_supported", "grant_types_supported",
    "code_challenge_methods_supported", "token_endpoint_auth_methods_supported",
    "id_token_signing_alg_values_supported",
  };

  print_field ("issuer", grant_provider_metadata_get_issuer (metadata));
  print_field ("discovery_url", grant_provider_metadata_get_discovery_url (metadata));

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      const char *value = grant_provider_metadata_lookup_string (metadata, endpoints[i]);

      if (value != NULL)
        print_field (endpoints[i], value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) values = grant_provider_metadata_dup_strv (metadata, lists[i]);
      g_autofree char *joined = NULL;

      if (values == NULL)
        continue;
      joined = g_strjoinv (" ", values);
      print_field (lists[i], joined);
    }
}

static void
print_json (GrantProviderMetadata *metadata)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) document = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (document, grant_provider_metadata_get_document (metadata));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "discovery_url");
  json_builder_add_string_value (builder, grant_provider_metadata_get_discovery_url (metadata));
  json_builder_set_member_name (builder, "metadata");
  json_builder_add_value (builder, g_steal_pointer (&document));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static void
print_json_error (const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static GrantCliExit
discover_run (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantHttpClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  gboolean json = FALSE;
  Discovery discovery = { 0 };
  GrantCliExit status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = grant_cli_command_option_context_new (&grant_cli_discover_command, entries);
  g_option_context_set_description (context,
    _("Fetches ISSUER/.well-known/openid-configuration, or RFC 8414’s\n"
      "/.well-known/oauth-authorization-server when that is missing, and checks\n"
      "that the document names ISSUER exactly.\n\n"
      "Exit status: 0 the metadata is valid, 1 discovery failed, 2 usage or input\n"
      "error (such as an issuer that is not a URL)."));

  if (!grant_cli_command_parse (&grant_cli_discover_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      g_printerr (_("grant-cli discover: give exactly one issuer URL\n"));
      g_printerr (_("Run “grant-cli discover --help” to see its options.\n"));
      return GRANT_CLI_EXIT_USAGE;
    }

  client = grant_cli_http_client_new ();
  loop = g_main_loop_new (NULL, FALSE);
  discovery.loop = loop;

  grant_provider_metadata_discover_async (client, argv[1], NULL, discover_cb, &discovery);
  g_main_loop_run (loop);

  if (discovery.metadata != NULL)
    {
      if (json)
        print_json (discovery.metadata);
      else
        print_text (discovery.metadata);
      status = GRANT_CLI_EXIT_OK;
    }
  else
    {
      g_autofree char *message = grant_cli_printable (discovery.error->message);

      if (json)
        print_json_error (discovery.error);
      g_printerr ("grant-cli discover: %s\n", message);
      /* An issuer that is not a URL is the user's input error; anything else is the
       * server's. */
      if (g_error_matches (discovery.error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_ISSUER))
        status = GRANT_CLI_EXIT_USAGE;
      else
        status = GRANT_CLI_EXIT_FAILURE;
    }

  g_clear_object (&discovery.metadata);
  g_clear_error (&discovery.error);

  return status;
}

const GrantCliCommand grant_cli_discover_command = {
  .name = "discover",
  .parameter_string = N_("ISSUER"),
  .summary = N_("Fetch an authorization server’s metadata and check it."),
  .run = discover_run,
};
