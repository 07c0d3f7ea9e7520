/* grant-test-cli.h
 * Running grant-cli (the one $GRANT_CLI names) as a script does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What one run of grant-cli gave: its exit status and its whole output. */
typedef struct
{
  int   exit_status;
  char *out;
  char *err;
} GrantTestCliRun;

void grant_test_cli_run_clear      (GrantTestCliRun    *run);
void grant_test_cli_run_with_input (GrantTestCliRun    *run,
                                    const char         *input,
                                    const char * const *arguments);
void grant_test_cli_run            (GrantTestCliRun    *run,
                                    const char         *first_argument,
                                    ...);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GrantTestCliRun, grant_test_cli_run_clear)

G_END_DECLS
