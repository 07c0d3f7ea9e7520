/* grant-cli-command.c
 * What every grant-cli subcommand shares: its option context and how usage errors read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-cli-command.h"

/* Every subcommand, in the order --help lists them. */
static const GrantCliCommand * const commands[] = {
  &grant_cli_discover_command,
  &grant_cli_har_command,
  &grant_cli_introspect_command,
  &grant_cli_jwk_command,
  &grant_cli_jwt_command,
  &grant_cli_pkce_command,
  &grant_cli_practice_command,
  &grant_cli_probe_command,
  &grant_cli_request_command,
  &grant_cli_revoke_command,
  &grant_cli_scope_matrix_command,
  &grant_cli_token_command,
  &grant_cli_userinfo_command,
};

/**
 * grant_cli_command_list:
 * @n_commands: (out): return location for their number
 *
 * Returns: (array length=n_commands) (transfer none): every subcommand
 */
const GrantCliCommand * const *
grant_cli_command_list (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (commands);

  return commands;
}

/**
 * grant_cli_command_find:
 * @name: a subcommand's name
 *
 * Returns: (nullable): the subcommand called @name
 */
const GrantCliCommand *
grant_cli_command_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (name, commands[i]->name) == 0)
      return commands[i];

  return NULL;
}

/**
 * grant_cli_command_option_context_new:
 * @command: the subcommand
 * @entries: (array zero-terminated=1): its options
 *
 * Returns: (transfer full): an option context whose --help names the subcommand
 */
GOptionContext *
grant_cli_command_option_context_new (const GrantCliCommand *command,
                                      const GOptionEntry    *entries)
{
  GOptionContext *context;

  context = g_option_context_new (command->parameter_string);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  return context;
}

/**
 * grant_cli_command_parse:
 * @command: the subcommand
 * @context: its option context
 * @argc: (inout): the number of arguments
 * @argv: (inout): the arguments, @argv[0] being the subcommand's name
 *
 * Parses the subcommand's options, and on a usage error says what was wrong and how to get
 * help.
 *
 * Returns: %FALSE on a usage error
 */
gboolean
grant_cli_command_parse (const GrantCliCommand   *command,
                         GOptionContext          *context,
                         int                     *argc,
                         char                  ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("grant-cli %s", command->name);

  g_set_prgname (prgname);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("grant-cli %s: %s\n", command->name, error->message);
      g_printerr (_("Run “grant-cli %s --help” to see its options.\n"), command->name);
      return FALSE;
    }

  return TRUE;
}

/**
 * grant_cli_printable:
 * @text: (nullable): text from a server or a file
 *
 * Makes untrusted text safe to print on a terminal: control characters (escape sequences
 * among them) and invalid UTF-8 become \xNN, so a server cannot rewrite what the user sees.
 *
 * Returns: (transfer full): the printable text ("" for %NULL)
 */
char *
grant_cli_printable (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text != NULL ? text : "";
  const char *end = p + strlen (p);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);

      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}
