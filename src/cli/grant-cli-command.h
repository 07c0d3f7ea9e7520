/* grant-cli-command.h
 * What a grant-cli subcommand is, and the subcommands there are.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, the same for every subcommand, so that scripts can rely on them. */
typedef enum
{
  GRANT_CLI_EXIT_OK      = 0, /* the command did what was asked and the result is valid */
  GRANT_CLI_EXIT_FAILURE = 1, /* the command ran, and the answer is "no" or it failed */
  GRANT_CLI_EXIT_USAGE   = 2, /* the command line or the input was wrong */
} GrantCliExit;

typedef struct
{
  const char *name;
  const char *parameter_string;
  const char *summary;
  /* @argv[0] is the subcommand's name. */
  GrantCliExit (*run) (int    argc,
                       char **argv);
} GrantCliCommand;

extern const GrantCliCommand grant_cli_discover_command;
extern const GrantCliCommand grant_cli_har_command;
extern const GrantCliCommand grant_cli_introspect_command;
extern const GrantCliCommand grant_cli_jwk_command;
extern const GrantCliCommand grant_cli_jwt_command;
extern const GrantCliCommand grant_cli_pkce_command;
extern const GrantCliCommand grant_cli_practice_command;
extern const GrantCliCommand grant_cli_probe_command;
extern const GrantCliCommand grant_cli_request_command;
extern const GrantCliCommand grant_cli_revoke_command;
extern const GrantCliCommand grant_cli_scope_matrix_command;
extern const GrantCliCommand grant_cli_token_command;
extern const GrantCliCommand grant_cli_userinfo_command;

const GrantCliCommand * const *grant_cli_command_list (guint      *n_commands);
const GrantCliCommand *grant_cli_command_find         (const char *name);

GOptionContext *grant_cli_command_option_context_new (const GrantCliCommand  *command,
                                                      const GOptionEntry     *entries);
gboolean        grant_cli_command_parse              (const GrantCliCommand  *command,
                                                      GOptionContext         *context,
                                                      int                    *argc,
                                                      char                 ***argv);

char           *grant_cli_printable                  (const char             *text);

G_END_DECLS
