/* test-secret-store.c
 * The secret store against a real Secret Service (gnome-keyring-daemon on a private session
 * bus, with a throwaway keyring) and without one: store, look up and delete.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "grant-secret-store.h"
#include "grant-test-async.h"

/* What a test runs against: a private bus, and on it a keyring daemon or nothing. */
typedef struct
{
  GTestDBus   *bus;
  GSubprocess *keyring;
  char        *home;
} Service;

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static Service *
service_start (gboolean with_keyring)
{
  Service *service = g_new0 (Service, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *data = NULL;

  service->home = g_dir_make_tmp ("grant-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  runtime = g_build_filename (service->home, "runtime", NULL);
  data = g_build_filename (service->home, "data", NULL);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  /* The keyring lives in the temporary folder, never in the user's. */
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("HOME", service->home, TRUE);

  service->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (service->bus);

  if (with_keyring)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      g_autoptr(GDBusConnection) connection = NULL;
      gboolean appeared = FALSE;
      guint watch;
      gint64 deadline;

      service->keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                                      "--foreground", "--unlock",
                                                      "--components=secrets", NULL);
      g_assert_no_error (error);
      /* --unlock reads the login keyring's password from standard input; the keyring it makes
       * becomes the default collection. */
      g_output_stream_write_all (g_subprocess_get_stdin_pipe (service->keyring), "grant-test", 10,
                                 NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_close (g_subprocess_get_stdin_pipe (service->keyring), NULL, NULL);

      connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
      g_assert_no_error (error);
      watch = g_bus_watch_name_on_connection (connection, "org.freedesktop.secrets",
                                              G_BUS_NAME_WATCHER_FLAGS_NONE, name_appeared_cb,
                                              NULL, &appeared, NULL);
      deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
      while (!appeared && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_bus_unwatch_name (watch);
      g_assert_true (appeared);
    }

  return service;
}

static void
service_stop (Service *service)
{
  if (service->keyring != NULL)
    {
      g_subprocess_force_exit (service->keyring);
      g_subprocess_wait (service->keyring, NULL, NULL);
      g_clear_object (&service->keyring);
    }
  /* libsecret keeps the bus connection for the life of the process, and each case is a child
   * process: the bus is left to GTestDBus's watcher, which stops it when the child exits. */
  secret_service_disconnect ();

  {
    const char *argv[] = { "rm", "-rf", service->home, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  g_free (service->home);
  g_free (service);
}

static gboolean
store (GrantSecretStore *secrets,
       const char       *client,
       GrantSecretKind   kind,
       const char       *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stored;

  grant_secret_store_store_async (secrets, "workspace-1", client, kind, secret, NULL,
                                  grant_test_async_result_cb, &result);
  stored = grant_secret_store_store_finish (secrets, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);

  return stored;
}

static char *
lookup (GrantSecretStore *secrets,
        const char       *workspace,
        const char       *client,
        GrantSecretKind   kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  grant_secret_store_lookup_async (secrets, workspace, client, kind, NULL,
                                   grant_test_async_result_cb, &result);
  secret = grant_secret_store_lookup_finish (secrets, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);

  return secret;
}

static void
clear (GrantSecretStore *secrets,
       const char       *client,
       GrantSecretKind   kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  grant_secret_store_clear_async (secrets, "workspace-1", client, kind, NULL,
                                  grant_test_async_result_cb, &result);
  g_assert_true (grant_secret_store_clear_finish (secrets, grant_test_async_wait (&result), &error));
  g_assert_no_error (error);
}

/* The same checks with and without a Secret Service: only persistence differs. */
static void
exercise (gboolean with_keyring)
{
  Service *service = service_start (with_keyring);
  g_autoptr(GrantSecretStore) secrets = grant_secret_store_new ();
  g_autofree char *secret = NULL;
  g_autofree char *key = NULL;
  g_autofree char *other_workspace = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *after = NULL;

  g_assert_true (store (secrets, "c1", GRANT_SECRET_CLIENT_SECRET, "client-secret-value"));
  g_assert_true (store (secrets, "c1", GRANT_SECRET_PRIVATE_KEY, "{\"d\":\"private\"}"));
  g_assert_cmpint (grant_secret_store_get_persistent (secrets), ==, with_keyring);
  if (!with_keyring)
    {
      g_test_message ("%s", grant_secret_store_get_unavailable_reason (secrets));
      g_assert_nonnull (strstr (grant_secret_store_get_unavailable_reason (secrets),
                                "forgotten when Grant quits"));
    }

  secret = lookup (secrets, "workspace-1", "c1", GRANT_SECRET_CLIENT_SECRET);
  g_assert_cmpstr (secret, ==, "client-secret-value");
  key = lookup (secrets, "workspace-1", "c1", GRANT_SECRET_PRIVATE_KEY);
  g_assert_cmpstr (key, ==, "{\"d\":\"private\"}");
  /* Keyed by workspace, client and kind. */
  other_workspace = lookup (secrets, "workspace-2", "c1", GRANT_SECRET_CLIENT_SECRET);
  g_assert_null (other_workspace);
  missing = lookup (secrets, "workspace-1", "c1", GRANT_SECRET_REFRESH_TOKEN);
  g_assert_null (missing);

  clear (secrets, "c1", GRANT_SECRET_CLIENT_SECRET);
  after = lookup (secrets, "workspace-1", "c1", GRANT_SECRET_CLIENT_SECRET);
  g_assert_null (after);

  if (with_keyring)
    {
      /* Another store, as after a restart, finds what the first kept. */
      g_autoptr(GrantSecretStore) later = grant_secret_store_new ();
      g_autofree char *kept = lookup (later, "workspace-1", "c1", GRANT_SECRET_PRIVATE_KEY);

      g_assert_cmpstr (kept, ==, "{\"d\":\"private\"}");
    }

  g_clear_object (&secrets);
  service_stop (service);
}

static void
test_keyring (void)
{
  if (!g_test_subprocess ())
    {
      if (g_find_program_in_path ("gnome-keyring-daemon") == NULL)
        {
          g_test_skip ("gnome-keyring-daemon is not installed (Debian package gnome-keyring)");
          return;
        }
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  exercise (TRUE);
}

static void
test_no_keyring (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  exercise (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Each case runs in a child process: libsecret keeps its connection to the Secret Service
   * for the life of the process. */
  g_test_add_func ("/grant/secret-store/keyring", test_keyring);
  g_test_add_func ("/grant/secret-store/no-keyring", test_no_keyring);

  return g_test_run ();
}
