/* grant-cli-practice.c
 * grant-cli practice: run the built-in practice provider in the foreground.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "grant-cli-command.h"
#include "grant-cli-io.h"
#include "grant-practice-provider.h"

/* --port's value when it is not given: the provider then tries its default port first. */
#define PORT_UNSET G_MININT

/* The demo clients as docs/practice-provider.md lists them. Their secrets are printed on
 * purpose: they are public, and a learner needs them to try the confidential clients. */
static const struct {
  const char *client_id;
  const char *authentication;
  const char *grants;
} demo_clients[] = {
  { GRANT_PRACTICE_CLIENT_PUBLIC, N_("public, PKCE S256 required"),
    "authorization_code, refresh_token" },
  { GRANT_PRACTICE_CLIENT_CONFIDENTIAL,
    N_("client_secret_basic or _post, secret practice-web-secret"),
    "authorization_code, refresh_token" },
  { GRANT_PRACTICE_CLIENT_MACHINE,
    N_("client_secret_basic or _post, secret practice-machine-secret"),
    "client_credentials" },
  { GRANT_PRACTICE_CLIENT_DEVICE, N_("public"), "device_code, refresh_token" },
};

typedef struct
{
  GMainLoop *loop;
  guint      stdin_watch;
} Practice;

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  Practice *practice = user_data;

  g_main_loop_quit (practice->loop);

  return G_SOURCE_CONTINUE;
}

/* Whatever comes on standard input is read and dropped: only its end matters. */
static gboolean
stdin_cb (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  Practice *practice = user_data;
  char buffer[4096];
  gssize size;

  size = read (fd, buffer, sizeof buffer);
  if (size > 0 || (size < 0 && (errno == EINTR || errno == EAGAIN)))
    return G_SOURCE_CONTINUE;

  practice->stdin_watch = 0;
  g_main_loop_quit (practice->loop);

  return G_SOURCE_REMOVE;
}

/* "short-access-tokens=SECONDS" for a fault that takes a number, its bare name otherwise. */
static char *
fault_usage (const GrantPracticeFaultInfo *info)
{
  g_autofree char *unit = NULL;

  if (info->value_label == NULL)
    return g_strdup (info->name);

  unit = g_utf8_strup (_(info->value_label), -1);

  return g_strdup_printf ("%s=%s", info->name, unit);
}

static void
append_fault_list (GString *text)
{
  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      const GrantPracticeFaultInfo *info = grant_practice_fault_get_info (i);
      g_autofree char *usage = fault_usage (info);

      g_string_append_printf (text, "  %-32s %s", usage, _(info->title));
      if (info->value_label != NULL)
        /* Translators: the range of the fault's number, and its default. */
        g_string_append_printf (text, _(" (%u to %u, default %u)"),
                                info->min_value, info->max_value, info->default_value);
      g_string_append_c (text, '\n');
    }
}

static GrantCliExit
fault_usage_error (const char *message)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_fault_list (text);
  g_printerr ("grant-cli %s: %s\n", grant_cli_practice_command.name, message);
  g_printerr ("%s%s", _("The faults (--fault NAME or --fault NAME=NUMBER):\n"), text->str);
  g_printerr (_("Run “grant-cli %s --help” to see its options.\n"),
              grant_cli_practice_command.name);

  return GRANT_CLI_EXIT_USAGE;
}

/* An issuer others can use: an http(s) URL with a host, and nothing that RFC 8414 §2 forbids
 * or that would make the issuer differ from the URL its clients compare it with. */
static gboolean
issuer_is_valid (const char *issuer)
{
  g_autoptr(GUri) uri = g_uri_parse (issuer, G_URI_FLAGS_ENCODED, NULL);
  const char *scheme;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
         && g_uri_get_userinfo (uri) == NULL
         && g_uri_get_query (uri) == NULL && g_uri_get_fragment (uri) == NULL
         && !g_str_has_suffix (issuer, "/");
}

static void
print_summary (GrantPracticeProvider *provider,
               GInetAddress          *listen_address)
{
  g_autofree char *api_url = grant_practice_provider_dup_api_url (provider);
  g_autoptr(GString) faults = g_string_new (NULL);

  g_printerr (_("The practice provider is serving at %s.\n"),
              grant_practice_provider_get_issuer (provider));
  if (listen_address != NULL)
    {
      g_autofree char *address = g_inet_address_to_string (listen_address);

      g_printerr (_("It listens on %s, port %u.\n"), address,
                  grant_practice_provider_get_port (provider));
    }
  g_printerr (_("Protected API: %s\n"), api_url);

  g_printerr ("%s", _("Demo clients:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    g_printerr ("  %-18s %s; %s\n", demo_clients[i].client_id,
                _(demo_clients[i].authentication), demo_clients[i].grants);
  g_printerr ("%s", _("Demo users: alice, bob, carol (pick one on the login page; there is "
                      "no password).\n"));

  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      const GrantPracticeFaultInfo *info = grant_practice_fault_get_info (i);

      if (!grant_practice_provider_get_fault (provider, i))
        continue;
      g_string_append (faults, faults->len > 0 ? ", " : "");
      if (info->value_label != NULL)
        g_string_append_printf (faults, "%s=%u", info->name,
                                grant_practice_provider_get_fault_value (provider, i));
      else
        g_string_append (faults, info->name);
    }
  g_printerr (_("Faults on: %s\n"), faults->len > 0 ? faults->str : _("none"));
  g_printerr ("%s", _("Stop it with Ctrl+C.\n"));
}

static GrantCliExit
practice_run (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantPracticeProvider) provider = NULL;
  g_autoptr(GInetAddress) listen_address = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GString) description = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *issuer = NULL;
  g_auto(GStrv) fault_names = NULL;
  gboolean faults[GRANT_PRACTICE_N_FAULTS] = { FALSE };
  guint fault_values[GRANT_PRACTICE_N_FAULTS] = { 0 };
  gboolean until_stdin_closes = FALSE;
  Practice practice = { 0 };
  guint sigint_source;
  guint sigterm_source;
  int port = PORT_UNSET;
  const GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("Listen on this port only; 0 for any free one (default: 47120, or the next free one)"),
      N_("N") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("Listen on this IP address (default: 127.0.0.1); one that is not loopback needs --issuer"),
      N_("ADDRESS") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("The issuer URL, as the clients reach the provider"), N_("URL") },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fault_names,
      N_("Turn a fault on; repeat it for several"), N_("NAME[=NUMBER]") },
    { "until-stdin-closes", 0, 0, G_OPTION_ARG_NONE, &until_stdin_closes,
      N_("Also stop when standard input reaches its end (for test harnesses)"), NULL },
    { NULL }
  };

  description = g_string_new (_("Runs Grant’s practice authorization server and protected API "
                                "until Ctrl+C.\nIt prints the issuer URL alone on the first "
                                "line of standard output, then a\nsummary on standard error. "
                                "docs/practice-provider.md describes its\nendpoints, demo "
                                "users and demo clients. Its secrets are public: it is for\n"
                                "practice only.\n\n"));
  g_string_append (description, _("The faults (--fault NAME or --fault NAME=NUMBER):\n"));
  append_fault_list (description);
  g_string_append (description, _("\nExit status: 0 stopped, 1 could not start, 2 usage error."));

  context = grant_cli_command_option_context_new (&grant_cli_practice_command, entries);
  g_option_context_set_description (context, description->str);

  if (!grant_cli_command_parse (&grant_cli_practice_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      g_autofree char *printable = grant_cli_printable (argv[1]);

      return grant_cli_usage_error (grant_cli_practice_command.name,
                                    _("“%s” is not an option: the practice command takes "
                                      "options only"), printable);
    }
  if (port != PORT_UNSET && (port < 0 || port > G_MAXUINT16))
    return grant_cli_usage_error (grant_cli_practice_command.name,
                                  _("--port takes a port number from 0 to 65535"));

  if (address != NULL)
    {
      listen_address = g_inet_address_new_from_string (address);
      if (listen_address == NULL)
        {
          g_autofree char *printable = grant_cli_printable (address);

          return grant_cli_usage_error (grant_cli_practice_command.name,
                                        _("--listen takes an IP address such as 0.0.0.0 or "
                                          "192.0.2.10, not “%s”"), printable);
        }
      if (!g_inet_address_get_is_loopback (listen_address) && issuer == NULL)
        {
          g_autofree char *printable = grant_cli_printable (address);

          return grant_cli_usage_error (grant_cli_practice_command.name,
                                        _("--listen %s is not a loopback address, so give "
                                          "--issuer too: the URL the clients use to reach the "
                                          "provider, such as http://192.0.2.10:47120"),
                                        printable);
        }
    }
  if (issuer != NULL && !issuer_is_valid (issuer))
    {
      g_autofree char *printable = grant_cli_printable (issuer);

      return grant_cli_usage_error (grant_cli_practice_command.name,
                                    _("--issuer takes an http:// or https:// URL with a host "
                                      "and no query, fragment or trailing slash, not “%s”"),
                                    printable);
    }

  for (guint i = 0; fault_names != NULL && fault_names[i] != NULL; i++)
    {
      g_autoptr(GError) fault_error = NULL;
      GrantPracticeFault fault;
      guint value;

      if (!grant_practice_fault_parse (fault_names[i], &fault, &value, &fault_error))
        {
          g_autofree char *printable = grant_cli_printable (fault_error->message);

          return fault_usage_error (printable);
        }
      faults[fault] = TRUE;
      fault_values[fault] = value;
    }

  if (listen_address != NULL && !g_inet_address_get_is_loopback (listen_address))
    g_printerr (_("Warning: the practice provider listens on %s, which is not loopback. Its "
                  "demo clients’ secrets and users are public, so anyone who can reach it can "
                  "get tokens: serve a room for practice only, never real data.\n"),
                address);

  provider = grant_practice_provider_new ();
  if (port != PORT_UNSET)
    grant_practice_provider_set_port (provider, port);
  if (address != NULL)
    grant_practice_provider_set_listen_address (provider, address);
  if (issuer != NULL)
    grant_practice_provider_set_public_issuer (provider, issuer);
  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      if (!faults[i])
        continue;
      if (grant_practice_fault_get_info (i)->value_label != NULL)
        grant_practice_provider_set_fault_value (provider, i, fault_values[i]);
      grant_practice_provider_set_fault (provider, i, TRUE);
    }

  if (!grant_practice_provider_start (provider, &error))
    {
      g_autofree char *printable = grant_cli_printable (error->message);

      g_printerr ("grant-cli %s: %s\n", grant_cli_practice_command.name, printable);
      return GRANT_CLI_EXIT_FAILURE;
    }

  /* The first line is for scripts, which wait for it before they connect. */
  g_print ("%s\n", grant_practice_provider_get_issuer (provider));
  fflush (stdout);
  print_summary (provider, listen_address);

  loop = g_main_loop_new (NULL, FALSE);
  practice.loop = loop;
  sigint_source = g_unix_signal_add (SIGINT, quit_on_signal_cb, &practice);
  sigterm_source = g_unix_signal_add (SIGTERM, quit_on_signal_cb, &practice);
  if (until_stdin_closes)
    practice.stdin_watch = g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                          stdin_cb, &practice);

  g_main_loop_run (loop);

  g_source_remove (sigint_source);
  g_source_remove (sigterm_source);
  g_clear_handle_id (&practice.stdin_watch, g_source_remove);
  grant_practice_provider_stop (provider);

  return GRANT_CLI_EXIT_OK;
}

const GrantCliCommand grant_cli_practice_command = {
  .name = "practice",
  .parameter_string = "",
  .summary = N_("Run the practice provider, an authorization server to try flows on."),
  .run = practice_run,
};
