/* grant-test-cli.c
 * Running grant-cli (the one $GRANT_CLI names) as a script does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-test-cli.h"

void
grant_test_cli_run_clear (GrantTestCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * grant_test_cli_run_with_input:
 * @run: where the exit status and the output go
 * @input: (nullable): what to write to its standard input
 * @arguments: the arguments after the program's name, %NULL-terminated
 *
 * Runs grant-cli with @arguments and waits for it to exit.
 */
void
grant_test_cli_run_with_input (GrantTestCliRun    *run,
                               const char         *input,
                               const char * const *arguments)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GRANT_CLI");
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  process = g_subprocess_newv ((const char * const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->exit_status = g_subprocess_get_exit_status (process);
}

/**
 * grant_test_cli_run:
 * @run: where the exit status and the output go
 * @first_argument: (nullable): the first argument after the program's name
 * @...: the other arguments, then %NULL
 *
 * Runs grant-cli with the arguments and nothing on its standard input.
 */
void
grant_test_cli_run (GrantTestCliRun *run,
                    const char      *first_argument,
                    ...)
{
  g_autoptr(GPtrArray) arguments = g_ptr_array_new ();
  const char *argument;
  va_list args;

  va_start (args, first_argument);
  for (argument = first_argument; argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (arguments, (gpointer) argument);
  va_end (args);
  g_ptr_array_add (arguments, NULL);

  grant_test_cli_run_with_input (run, NULL, (const char * const *) arguments->pdata);
}
