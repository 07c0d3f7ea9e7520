/* test-cli.c
 * grant-cli as a script uses it: exit statuses, --version, --help, and discover in text and
 * JSON against the real provider.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "grant-test-provider.h"

static GrantTestProvider *provider;

typedef struct
{
  int   exit_status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first_argument,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GRANT_CLI");
  const char *argument;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first_argument);
  for (argument = first_argument; argument != NULL; argument = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) argument);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->exit_status = g_subprocess_get_exit_status (process);
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (run.out, ==, "grant-cli " GRANT_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) discover_help = { 0 };

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, "discover"));

  run_cli (&discover_help, "discover", "--help", NULL);
  g_assert_cmpint (discover_help.exit_status, ==, 0);
  g_assert_nonnull (strstr (discover_help.out, "--json"));
}

static void
test_usage_errors (void)
{
  g_auto(Run) nothing = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) no_issuer = { 0 };
  g_auto(Run) bad_option = { 0 };
  g_auto(Run) not_a_url = { 0 };

  run_cli (&nothing, NULL);
  g_assert_cmpint (nothing.exit_status, ==, 2);

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.exit_status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
  g_assert_nonnull (strstr (unknown.err, "--help"));

  run_cli (&no_issuer, "discover", NULL);
  g_assert_cmpint (no_issuer.exit_status, ==, 2);

  run_cli (&bad_option, "discover", "--no-such-option", "https://a.example", NULL);
  g_assert_cmpint (bad_option.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_option.err, "--no-such-option"));

  run_cli (&not_a_url, "discover", "accounts.example.com", NULL);
  g_assert_cmpint (not_a_url.exit_status, ==, 2);
  g_assert_nonnull (strstr (not_a_url.err, "not an issuer URL"));
}

static void
test_discover_text (void)
{
  g_auto(Run) run = { 0 };
  const char *issuer = grant_test_provider_get_issuer (provider);

  run_cli (&run, "discover", issuer, NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, issuer));
  g_assert_nonnull (strstr (run.out, "token_endpoint"));
  g_assert_nonnull (strstr (run.out, "code_challenge_methods_supported"));
}

static void
test_discover_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *issuer = grant_test_provider_get_issuer (provider);
  JsonObject *root;

  run_cli (&run, "discover", "--json", issuer, NULL);
  g_assert_cmpint (run.exit_status, ==, 0);

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "metadata"),
                                                  "issuer"), ==, issuer);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "discovery_url"),
                                   "/.well-known/openid-configuration"));
}

static void
test_discover_failure (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) json_run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *issuer = g_strconcat (grant_test_provider_get_issuer (provider), "/", NULL);

  run_cli (&run, "discover", issuer, NULL);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_nonnull (strstr (run.err, "trailing slash"));

  /* A script reading --json gets JSON on failure too. */
  run_cli (&json_run, "discover", "--json", issuer, NULL);
  g_assert_cmpint (json_run.exit_status, ==, 1);
  json_parser_load_from_data (parser, json_run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                         "error"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  provider = grant_test_provider_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/grant/cli/version", test_version);
  g_test_add_func ("/grant/cli/help", test_help);
  g_test_add_func ("/grant/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/grant/cli/discover/text", test_discover_text);
  g_test_add_func ("/grant/cli/discover/json", test_discover_json);
  g_test_add_func ("/grant/cli/discover/failure", test_discover_failure);

  status = g_test_run ();

  g_clear_pointer (&provider, grant_test_provider_stop);

  return status;
}
