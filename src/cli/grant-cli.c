/* grant-cli.c
 * The entry point of grant-cli: Grant's core from the command line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "grant-cli-command.h"

static void
print_usage (FILE *stream)
{
  guint n_commands;
  const GrantCliCommand * const *commands = grant_cli_command_list (&n_commands);

  fprintf (stream, "%s", _("Usage:\n  grant-cli COMMAND [OPTION…]\n\n"));
  fprintf (stream, "%s", _("Run OAuth 2.0 and OpenID Connect checks from the command line.\n\n"));
  fprintf (stream, "%s", _("Commands:\n"));
  for (guint i = 0; i < n_commands; i++)
    fprintf (stream, "  %-12s %s\n", commands[i]->name, _(commands[i]->summary));
  fprintf (stream, "%s", _("\nOptions:\n"
                           "  -h, --help   Show this help\n"
                           "  --version    Show the version\n\n"
                           "Run “grant-cli COMMAND --help” for a command’s options.\n"));
}

int
main (int   argc,
      char *argv[])
{
  const GrantCliCommand *command;
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return GRANT_CLI_EXIT_USAGE;
    }

  name = argv[1];

  if (strcmp (name, "--version") == 0 || strcmp (name, "version") == 0)
    {
      g_print ("grant-cli %s\n", GRANT_VERSION);
      return GRANT_CLI_EXIT_OK;
    }

  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0 || strcmp (name, "help") == 0)
    {
      print_usage (stdout);
      return GRANT_CLI_EXIT_OK;
    }

  command = grant_cli_command_find (name);
  if (command != NULL)
    return command->run (argc - 1, argv + 1);

  g_printerr (_("grant-cli: “%s” is not a command.\n"), name);
  g_printerr ("%s", _("Run “grant-cli --help” to see the commands.\n"));

  return GRANT_CLI_EXIT_USAGE;
}
