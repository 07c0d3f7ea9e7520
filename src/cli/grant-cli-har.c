/* grant-cli-har.c
 * grant-cli har export: run another command and write every request it sent as HAR 1.2.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "grant-cli-client.h"
#include "grant-cli-io.h"
#include "grant-har.h"

static GrantCliExit export_run (int argc, char **argv);

static const GrantCliCommand export_command = {
  .name = "har export",
  .parameter_string = N_("[--] COMMAND [OPTION…]"),
  .summary = N_("Run a command, then write every request it sent as a HAR 1.2 file."),
  .run = export_run,
};

static const GrantCliCommand * const verbs[] = { &export_command };

/* Runs @command with its standard output sent to standard error, so that the HAR file alone
 * goes to standard output. */
static GrantCliExit
run_quietly (const GrantCliCommand  *command,
             int                     argc,
             char                  **argv,
             gboolean                har_to_stdout)
{
  GrantCliExit status;
  int saved = -1;

  if (har_to_stdout)
    {
      fflush (stdout);
      saved = dup (STDOUT_FILENO);
      if (saved < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
        {
          if (saved >= 0)
            close (saved);
          return grant_cli_input_error ("har", FALSE, g_strerror (errno));
        }
    }

  status = command->run (argc, argv);

  if (har_to_stdout)
    {
      fflush (stdout);
      dup2 (saved, STDOUT_FILENO);
      close (saved);
    }

  return status;
}

static GrantCliExit
export_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *har = NULL;
  const GrantCliCommand *command;
  gboolean include_secrets = FALSE;
  GrantCliExit status;
  guint n_exchanges;
  gsize length;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the HAR file to FILE (default: standard output; the command’s own output "
         "then goes to standard error)"), N_("FILE") },
    { "include-secrets", 0, 0, G_OPTION_ARG_NONE, &include_secrets,
      N_("Keep tokens, codes, client secrets and credential headers in the file (they read "
         "REDACTED otherwise)"), NULL },
    { NULL }
  };

  context = grant_cli_command_option_context_new (&export_command, entries);
  /* Options after the command's name are the command's own. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_description (context,
    _("Runs another grant-cli command, then writes every request it sent and every answer\n"
      "it got (discovery, token, API calls, the browser leg of a loopback login) as a HAR 1.2\n"
      "file, which browsers’ developer tools and Grant can open. Secrets are redacted unless\n"
      "--include-secrets is given.\n\n"
      "Example:\n"
      "  grant-cli har export -o run.har -- token --issuer https://as.example \\\n"
      "      --client-id app --grant client_credentials\n\n"
      "Exit status: the command’s own; 2 when the HAR file could not be written."));

  if (!grant_cli_command_parse (&export_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;

  if (argc > 1 && strcmp (argv[1], "--") == 0)
    {
      argc--;
      argv++;
    }
  if (argc < 2)
    return grant_cli_usage_error (export_command.name,
                                  _("name the command whose requests to export"));

  command = grant_cli_command_find (argv[1]);
  if (command == NULL || command == &grant_cli_har_command)
    {
      g_autofree char *printable = grant_cli_printable (argv[1]);

      return grant_cli_usage_error (export_command.name,
                                    _("“%s” is not a command whose requests can be exported"),
                                    printable);
    }

  status = run_quietly (command, argc - 1, argv + 1, output == NULL);

  n_exchanges = g_list_model_get_n_items (G_LIST_MODEL (grant_cli_exchange_log ()));
  har = grant_har_export (G_LIST_MODEL (grant_cli_exchange_log ()),
                          include_secrets ? GRANT_HAR_INCLUDE_SECRETS : GRANT_HAR_NONE, &length);
  if (output == NULL)
    {
      fwrite (har, 1, length, stdout);
      fputc ('\n', stdout);
      fflush (stdout);
    }
  else if (!g_file_set_contents_full (output, har, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                      include_secrets ? 0600 : 0644, &error))
    {
      return grant_cli_input_error (export_command.name, FALSE, error->message);
    }

  g_printerr (include_secrets
              ? g_dngettext (GETTEXT_PACKAGE, "Wrote %u exchange, secrets included\n",
                             "Wrote %u exchanges, secrets included\n", n_exchanges)
              : g_dngettext (GETTEXT_PACKAGE, "Wrote %u exchange, secrets redacted\n",
                             "Wrote %u exchanges, secrets redacted\n", n_exchanges),
              n_exchanges);

  return status;
}

static GrantCliExit
har_run (int    argc,
         char **argv)
{
  return grant_cli_run_verb ("har", verbs, G_N_ELEMENTS (verbs), argc, argv);
}

const GrantCliCommand grant_cli_har_command = {
  .name = "har",
  .parameter_string = N_("export …"),
  .summary = N_("Write the requests a command sent as a HAR 1.2 file: export."),
  .run = har_run,
};
