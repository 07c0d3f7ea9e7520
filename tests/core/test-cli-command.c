/* test-cli-command.c
 * What every grant-cli subcommand shares: text from a server made safe for a terminal.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-cli-command.h"

static const struct {
  const char *text;
  const char *printable;
} cases[] = {
  { "https://op.example/token", "https://op.example/token" },
  { "", "" },
  { "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x94\x91", "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x94\x91" },
  /* An escape sequence that would clear the screen and recolour what follows. */
  { "\x1b[2J\x1b[31mhttps://evil.example", "\\x1b[2J\\x1b[31mhttps://evil.example" },
  { "line\nbreak\rreturn\ttab", "line\\x0abreak\\x0dreturn\\x09tab" },
  { "del\x7f", "del\\x7f" },
  /* C1 controls, such as the single-character CSI U+009B. */
  { "csi\xc2\x9b", "csi\\x9b" },
  /* Invalid UTF-8 is shown byte by byte, never passed through. */
  { "bad\xff\xfe", "bad\\xff\\xfe" },
  { "cut\xe2\x80", "cut\\xe2\\x80" },
};

static void
test_printable (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *printable = grant_cli_printable (cases[i].text);

      g_assert_cmpstr (printable, ==, cases[i].printable);
    }
}

static void
test_printable_null (void)
{
  g_autofree char *printable = grant_cli_printable (NULL);

  g_assert_cmpstr (printable, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/cli/printable", test_printable);
  g_test_add_func ("/grant/cli/printable/null", test_printable_null);

  return g_test_run ();
}
