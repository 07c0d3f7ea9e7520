/* grant-cli-io.h
 * What grant-cli subcommands read and print: files, standard input, tokens, and JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "grant-cli-command.h"
#include "grant-http-request.h"

G_BEGIN_DECLS

/* The most grant-cli reads from a file or standard input: far more than any token or key set. */
#define GRANT_CLI_INPUT_MAX_SIZE (1024 * 1024)

char         *grant_cli_read_input       (const char                    *path,
                                         GError                       **error);
char         *grant_cli_read_token       (const char                    *argument,
                                         GError                       **error);

gboolean      grant_cli_add_headers      (GrantHttpRequest              *request,
                                         char                         **headers,
                                         const char                    *authorization_refused,
                                         GError                       **error);

void          grant_cli_print_json       (JsonObject                    *object);
void          grant_cli_print_json_error (const char                    *message);
void          grant_cli_print_json_lines (JsonNode                      *node,
                                         const char                    *indent);

GrantCliExit  grant_cli_usage_error      (const char                    *command,
                                         const char                    *format,
                                         ...) G_GNUC_PRINTF (2, 3);
GrantCliExit  grant_cli_input_error      (const char                    *command,
                                         gboolean                       json,
                                         const char                    *message);
GrantCliExit  grant_cli_run_verb         (const char                    *command,
                                         const GrantCliCommand * const *verbs,
                                         guint                          n_verbs,
                                         int                            argc,
                                         char                         **argv);

G_END_DECLS
