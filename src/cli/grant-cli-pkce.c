/* grant-cli-pkce.c
 * grant-cli pkce: make a PKCE code_verifier, or take one, and show the steps to its challenge.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-cli-command.h"
#include "grant-cli-io.h"
#include "grant-pkce.h"

/* 43 characters, the shortest RFC 7636 allows, carry about 260 bits: more than enough. */
#define NEW_VERIFIER_LENGTH GRANT_PKCE_VERIFIER_MIN_LENGTH

static void
print_step (guint       number,
            const char *title,
            const char *value)
{
  g_autofree char *printable = grant_cli_printable (value);

  g_print ("%u. %s\n   %s\n", number, title, printable);
}

static void
print_text (JsonObject *steps,
            gboolean    generated)
{
  const char *verifier = json_object_get_string_member (steps, "code_verifier");
  const char *method = json_object_get_string_member (steps, "method");
  const char *challenge = json_object_get_string_member (steps, "code_challenge");
  g_autofree char *verifier_title = NULL;
  guint step = 1;

  verifier_title = g_strdup_printf (generated
                                    ? _("code_verifier, made now (%u characters):")
                                    : _("code_verifier (%u characters):"),
                                    (guint) json_object_get_int_member (steps,
                                                                        "code_verifier_length"));
  print_step (step++, verifier_title, verifier);

  if (json_object_has_member (steps, "sha256_hex"))
    {
      print_step (step++, _("ASCII(code_verifier), the octets hashed, in hex:"),
                  json_object_get_string_member (steps, "ascii_octets"));
      print_step (step++, _("SHA-256 of those octets, in hex:"),
                  json_object_get_string_member (steps, "sha256_hex"));
      print_step (step++, _("code_challenge = BASE64URL(SHA-256(ASCII(code_verifier))):"),
                  challenge);
    }
  else
    {
      print_step (step++, _("code_challenge = code_verifier (method “plain”):"), challenge);
    }

  g_print ("\n");
  g_print (_("Send the code_challenge and code_challenge_method=%s in the authorization "
             "request,\nthen the code_verifier in the token request.\n"), method);
  if (g_str_equal (method, "plain"))
    g_print ("%s", _("Use “plain” only with a server that cannot do S256 (RFC 7636 §4.2): "
                     "anyone who sees\nthe authorization request can then redeem the code.\n"));
}

static GrantCliExit
pkce_run (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonObject) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *method_name = NULL;
  GrantPkceMethod method = GRANT_PKCE_METHOD_S256;
  gboolean generated = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "verifier", 0, 0, G_OPTION_ARG_STRING, &verifier,
      N_("The code_verifier to use (default: make a new one)"), N_("VERIFIER") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method_name,
      N_("The code_challenge_method: S256 (the default) or plain"), N_("METHOD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = grant_cli_command_option_context_new (&grant_cli_pkce_command, entries);
  g_option_context_set_description (context,
    _("Makes a code_verifier (RFC 7636 §4.1), or checks the one given, and shows each\n"
      "step to its code_challenge (§4.2).\n\n"
      "Exit status: 0 done, 2 usage error or a code_verifier that RFC 7636 does not allow."));

  if (!grant_cli_command_parse (&grant_cli_pkce_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc > 1)
    return grant_cli_usage_error (grant_cli_pkce_command.name,
                                  _("give the verifier with --verifier, not as an argument"));
  if (method_name != NULL && !grant_pkce_method_from_string (method_name, &method))
    {
      g_autofree char *printable = grant_cli_printable (method_name);

      return grant_cli_usage_error (grant_cli_pkce_command.name,
                                    _("“%s” is not a code_challenge_method: use S256 or plain"),
                                    printable);
    }

  if (verifier == NULL)
    {
      verifier = grant_pkce_new_verifier (NEW_VERIFIER_LENGTH);
      generated = TRUE;
    }

  steps = grant_pkce_explain (verifier, method, &error);
  if (steps == NULL)
    return grant_cli_input_error (grant_cli_pkce_command.name, json, error->message);

  if (json)
    {
      json_object_set_boolean_member (steps, "generated", generated);
      grant_cli_print_json (steps);
    }
  else
    {
      print_text (steps, generated);
    }

  return GRANT_CLI_EXIT_OK;
}

const GrantCliCommand grant_cli_pkce_command = {
  .name = "pkce",
  .parameter_string = "",
  .summary = N_("Make a PKCE code_verifier and show how its code_challenge is derived."),
  .run = pkce_run,
};
