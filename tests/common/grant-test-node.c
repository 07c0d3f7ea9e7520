/* grant-test-node.c
 * Runs the Node.js scripts of the test fixture (tests/fixtures/provider/).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scripts and their node_modules live in $GRANT_FIXTURE_DIR, which tests/meson.build sets.
 * Node.js is $GRANT_NODE or the first `node` on the PATH. When either is missing the error
 * says what to install, rather than leaving a test to fail on an import error.
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "grant-test-node.h"

static void
child_setup (gpointer user_data)
{
  /* A test that dies must not leave node running. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * grant_test_node_spawn:
 * @package: an npm package the script imports, checked for in the fixture's node_modules
 * @script: the script's file name in $GRANT_FIXTURE_DIR
 * @flags: which of the child's standard streams to pipe
 * @error: return location for a #GError
 *
 * Starts `node @script` in $GRANT_FIXTURE_DIR. The child gets SIGTERM when the test process
 * dies, and no LD_PRELOAD (a sanitizer runtime must not be loaded into node).
 *
 * Returns: (transfer full): the running child, or %NULL with @error set
 */
GSubprocess *
grant_test_node_spawn (const char        *package,
                       const char        *script,
                       GSubprocessFlags   flags,
                       GError           **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *modules = NULL;
  g_autofree char *node = NULL;
  g_autofree char *script_path = NULL;
  const char *fixture_dir = g_getenv ("GRANT_FIXTURE_DIR");

  g_return_val_if_fail (package != NULL, NULL);
  g_return_val_if_fail (script != NULL, NULL);

  if (fixture_dir == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "GRANT_FIXTURE_DIR is not set: run the tests with meson test");
      return NULL;
    }

  modules = g_build_filename (fixture_dir, "node_modules", package, NULL);
  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The test fixture's packages are missing: run “npm ci” in %s "
                   "(build-aux/test does it for you)", fixture_dir);
      return NULL;
    }

  node = g_strdup (g_getenv ("GRANT_NODE"));
  if (node == NULL)
    node = g_find_program_in_path ("node");
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "Node.js is not installed: install Debian's nodejs package "
                           "(build-aux/test does it for you)");
      return NULL;
    }

  script_path = g_build_filename (fixture_dir, script, NULL);
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_cwd (launcher, fixture_dir);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  g_subprocess_launcher_unsetenv (launcher, "LD_PRELOAD");

  return g_subprocess_launcher_spawn (launcher, error, node, script_path, NULL);
}

/**
 * grant_test_node_run:
 * @package: an npm package the script imports, checked for in the fixture's node_modules
 * @script: the script's file name in $GRANT_FIXTURE_DIR
 * @input: (nullable): the script's standard input, or %NULL for none
 * @error: return location for a #GError
 *
 * Runs `node @script` to the end with @input on its standard input. The test's own timeout
 * (meson's) bounds the wait.
 *
 * Returns: (transfer full): the script's standard output, or %NULL with @error set, whose
 *   message then includes what the script wrote on its standard error
 */
char *
grant_test_node_run (const char  *package,
                     const char  *script,
                     const char  *input,
                     GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = grant_test_node_spawn (package, script,
                                   G_SUBPROCESS_FLAGS_STDIN_PIPE
                                   | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                   | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                   error);
  if (process == NULL)
    return NULL;

  if (!g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, error))
    {
      g_prefix_error (error, "Could not run %s: ", script);
      return NULL;
    }

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s failed (wait status %d); its error output:\n%s",
                   script, g_subprocess_get_status (process), err != NULL ? err : "");
      return NULL;
    }

  return g_steal_pointer (&out);
}
