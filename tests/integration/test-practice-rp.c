/* test-practice-rp.c
 * The practice provider against an independent, OpenID-certified relying party: openid-client.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grant's own client agreeing with Grant's own practice provider proves little: both could
 * share one misreading of a specification. So tests/fixtures/provider/practice-rp.mjs runs
 * discovery, client credentials and the protected API, the authorization code flow with PKCE
 * for the public and the confidential demo client (state, iss, and the ID token's signature,
 * iss, aud, nonce and at_hash checked by openid-client, then userinfo and a rotated refresh),
 * and the device flow, against a provider started here in this process.
 *
 * Then each fault a client must catch is turned on, and openid-client must refuse what the
 * provider sends: that proves the fault breaks what it says, and that the checks above could
 * have failed.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "grant-practice-provider.h"
#include "grant-test-node.h"

typedef struct
{
  const char *fault;
  const char *flow;           /* the flow of practice-rp.mjs that meets the fault */
  const char *failed_check;   /* the start of the check that must fail */
} FaultCase;

static const FaultCase fault_cases[] = {
  { "wrong-state", "code-public", "practice-app: client.callback" },
  { "missing-iss", "code-public", "practice-app: client.callback" },
  { "id-token-bad-signature", "code-public", "practice-app: client.callback" },
  { "id-token-alg-none", "code-public", "practice-app: client.callback" },
  { "id-token-wrong-nonce", "code-public", "practice-app: client.callback" },
  { "id-token-wrong-audience", "code-public", "practice-app: client.callback" },
  { "id-token-expired", "code-public", "practice-app: client.callback" },
  { "api-ignores-scopes", "client-credentials", "GET /api/photos without photos:read" },
};

/* Runs practice-rp.mjs with @arguments ("ISSUER [FLOW…]") on its standard input; its TAP
 * lines become this test's messages. Returns its output, and whether it exited 0. */
static char *
run_relying_party (const char *arguments,
                   gboolean   *passed)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (arguments, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  process = grant_test_node_spawn ("openid-client", "practice-rp.mjs",
                                   G_SUBPROCESS_FLAGS_STDIN_PIPE
                                   | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                   | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                   &error);
  g_assert_no_error (error);

  /* The provider serves from its own thread, so waiting here blocks nothing it needs. */
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (out == NULL)
    out = g_strdup ("");

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_test_message ("practice-rp.mjs: %s", lines[i]);
  if (err != NULL && *err != '\0')
    g_test_message ("practice-rp.mjs error output: %s", err);

  /* Exit status 2 is a usage error, neither a pass nor a failed check. */
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 2);
  *passed = g_subprocess_get_exit_status (process) == 0;

  return g_steal_pointer (&out);
}

/* Whether the TAP output @out has a "not ok N - @check…" line. */
static gboolean
check_failed (const char *out,
              const char *check)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *description = g_strdup_printf (" - %s", check);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *dash = strstr (lines[i], " - ");

      if (g_str_has_prefix (lines[i], "not ok ") && dash != NULL
          && g_str_has_prefix (dash, description))
        return TRUE;
    }

  return FALSE;
}

static GrantPracticeProvider *
start_provider (const char *fault_name)
{
  g_autoptr(GrantPracticeProvider) provider = grant_practice_provider_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_issuer = NULL;

  if (fault_name != NULL)
    {
      GrantPracticeFault fault;
      guint value;

      grant_practice_fault_parse (fault_name, &fault, &value, &error);
      g_assert_no_error (error);
      grant_practice_provider_set_fault (provider, fault, TRUE);
    }

  grant_practice_provider_set_port (provider, 0);
  grant_practice_provider_start (provider, &error);
  g_assert_no_error (error);

  expected_issuer = g_strdup_printf ("http://127.0.0.1:%u",
                                     grant_practice_provider_get_port (provider));
  g_assert_cmpstr (grant_practice_provider_get_issuer (provider), ==, expected_issuer);

  return g_steal_pointer (&provider);
}

static void
stop_provider (GrantPracticeProvider *provider)
{
  grant_practice_provider_stop (provider);
  g_assert_false (grant_practice_provider_get_running (provider));
  g_assert_finalize_object (provider);
}

static void
test_every_flow (void)
{
  GrantPracticeProvider *provider = start_provider (NULL);
  g_autofree char *out = NULL;
  gboolean passed;

  out = run_relying_party (grant_practice_provider_get_issuer (provider), &passed);

  /* A run that checked nothing must not pass either. */
  if (!passed || strstr (out, "\nok ") == NULL)
    g_test_fail_printf ("practice-rp.mjs failed against the practice provider:\n%s", out);

  stop_provider (provider);
}

static void
test_fault (gconstpointer data)
{
  const FaultCase *fault_case = data;
  GrantPracticeProvider *provider = start_provider (fault_case->fault);
  g_autofree char *arguments = NULL;
  g_autofree char *out = NULL;
  gboolean passed;

  arguments = g_strdup_printf ("%s %s", grant_practice_provider_get_issuer (provider),
                               fault_case->flow);
  out = run_relying_party (arguments, &passed);

  if (passed || !check_failed (out, fault_case->failed_check))
    g_test_fail_printf ("With %s on, openid-client should refuse “%s”, but:\n%s",
                        fault_case->fault, fault_case->failed_check, out);

  stop_provider (provider);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/practice/openid-client/every-flow", test_every_flow);
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/practice/openid-client/fault/%s",
                                               fault_cases[i].fault);

      g_test_add_data_func (path, &fault_cases[i], test_fault);
    }

  return g_test_run ();
}
