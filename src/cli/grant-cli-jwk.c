/* grant-cli-jwk.c
 * grant-cli jwk: the RFC 7638 thumbprint of a JWK, or of each key of a JWK Set.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-cli-command.h"
#include "grant-cli-io.h"
#include "grant-jose-json.h"
#include "grant-jwk.h"

static GrantCliExit thumbprint_run (int argc, char **argv);

static const GrantCliCommand thumbprint_command = {
  .name = "jwk thumbprint",
  .parameter_string = N_("[FILE|-]"),
  .summary = N_("Print the RFC 7638 thumbprint of a JWK, or of each key of a JWK Set."),
  .run = thumbprint_run,
};

static const GrantCliCommand * const verbs[] = { &thumbprint_command };

/* One key's row: its index in a set (-1 for a lone JWK), thumbprint, kty, kid, or error. */
static JsonObject *
describe_key (JsonNode *node,
              int       index)
{
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *thumbprint = NULL;
  JsonObject *row = json_object_new ();

  if (index >= 0)
    json_object_set_int_member (row, "index", index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_string_member (row, "error", _("The key is not a JSON object"));
      return row;
    }

  key = grant_jwk_new_from_json (json_node_get_object (node), &error);
  if (key == NULL)
    {
      json_object_set_string_member (row, "error", error->message);
      return row;
    }

  thumbprint = grant_jwk_dup_thumbprint (key);
  json_object_set_string_member (row, "thumbprint", thumbprint);
  json_object_set_string_member (row, "kty", grant_jwk_get_kty (key));
  if (grant_jwk_get_curve (key) != NULL)
    json_object_set_string_member (row, "crv", grant_jwk_get_curve (key));
  if (grant_jwk_get_kid (key) != NULL)
    json_object_set_string_member (row, "kid", grant_jwk_get_kid (key));
  else
    json_object_set_null_member (row, "kid");

  return row;
}

static void
print_row_text (JsonObject *row)
{
  g_autofree char *kid = NULL;

  if (json_object_has_member (row, "error"))
    {
      g_autofree char *message = grant_cli_printable (json_object_get_string_member (row,
                                                                                   "error"));

      g_printerr (_("grant-cli jwk thumbprint: key %d left out: %s\n"),
                  (int) json_object_get_int_member (row, "index"), message);
      return;
    }

  if (json_object_get_null_member (row, "kid"))
    {
      g_print ("%s  %s\n", json_object_get_string_member (row, "thumbprint"), _("(no kid)"));
      return;
    }

  kid = grant_cli_printable (json_object_get_string_member (row, "kid"));
  g_print ("%s  kid “%s”\n", json_object_get_string_member (row, "thumbprint"), kid);
}

static GrantCliExit
thumbprint_set (JsonArray *keys,
                gboolean   json)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *rows = json_array_new ();
  guint n_left_out = 0;

  json_object_set_array_member (root, "keys", rows);
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonObject *row = describe_key (json_array_get_element (keys, i), (int) i);

      if (json_object_has_member (row, "error"))
        n_left_out++;
      if (!json)
        print_row_text (row);
      json_array_add_object_element (rows, row);
    }

  if (json)
    grant_cli_print_json (root);

  return n_left_out == 0 ? GRANT_CLI_EXIT_OK : GRANT_CLI_EXIT_FAILURE;
}

static GrantCliExit
thumbprint_run (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonNode *keys;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = grant_cli_command_option_context_new (&thumbprint_command, entries);
  g_option_context_set_description (context,
    _("Reads a JWK, or a JWK Set ({\"keys\": […]}), from FILE or standard input and prints\n"
      "the base64url SHA-256 thumbprint of each key (RFC 7638), the value many servers\n"
      "use as its kid.\n\n"
      "Exit status: 0 every key has its thumbprint, 1 a key of the set was left out,\n"
      "2 usage error or input that is not a JWK or a JWK Set."));

  if (!grant_cli_command_parse (&thumbprint_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc > 2)
    return grant_cli_usage_error (thumbprint_command.name, _("give at most one file"));

  text = grant_cli_read_input (argc == 2 ? argv[1] : NULL, &error);
  if (text == NULL)
    return grant_cli_input_error (thumbprint_command.name, json, error->message);

  object = grant_jose_json_parse_object (text, strlen (text), N_("The JWK"), &error);
  if (object == NULL)
    return grant_cli_input_error (thumbprint_command.name, json, error->message);

  keys = json_object_get_member (object, "keys");
  if (keys != NULL && JSON_NODE_HOLDS_ARRAY (keys))
    return thumbprint_set (json_node_get_array (keys), json);
  if (keys != NULL)
    return grant_cli_input_error (thumbprint_command.name, json,
                                  _("The JWK Set’s “keys” is not an array (RFC 7517 §5)"));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  row = describe_key (node, -1);
  if (json_object_has_member (row, "error"))
    return grant_cli_input_error (thumbprint_command.name, json,
                                  json_object_get_string_member (row, "error"));

  if (json)
    grant_cli_print_json (row);
  else
    g_print ("%s\n", json_object_get_string_member (row, "thumbprint"));

  return GRANT_CLI_EXIT_OK;
}

static GrantCliExit
jwk_run (int    argc,
         char **argv)
{
  return grant_cli_run_verb ("jwk", verbs, G_N_ELEMENTS (verbs), argc, argv);
}

const GrantCliCommand grant_cli_jwk_command = {
  .name = "jwk",
  .parameter_string = N_("thumbprint …"),
  .summary = N_("Work with JSON Web Keys: thumbprint."),
  .run = jwk_run,
};
