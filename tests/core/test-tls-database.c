/* test-tls-database.c
 * The back channel's extra certificate authority: a server signed by it is refused without
 * it and accepted with it, the public authorities stay trusted, a file without a certificate
 * is refused with a reason, and the private copy of the anchors goes with the database.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "grant-http-client.h"
#include "grant-test-async.h"
#include "grant-test-dirs.h"
#include "grant-test-server.h"
#include "grant-tls-database.h"

static void
hello_handler (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "hello", 5);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static GrantExchange *
get (GrantHttpClient  *client,
     const char       *url,
     GError          **error)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;

  grant_http_client_send_async (client, request, "Test request", NULL,
                                grant_test_async_result_cb, &result);

  return grant_http_client_send_finish (client, grant_test_async_wait (&result), error);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* The file the database reads is the user's alone, in the runtime folder. */
static void
assert_private_anchors (GTlsDatabase *database)
{
  g_autofree char *anchors = NULL;
  GStatBuf buf;

  g_object_get (database, "anchors", &anchors, NULL);
  g_assert_nonnull (anchors);
  g_assert_true (g_str_has_prefix (anchors, g_get_user_runtime_dir ()));
  g_assert_cmpint (g_stat (anchors, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
}

/* tests/data/tls/server.pem is signed by the test authority: the system's authorities alone
 * refuse it, the system's plus ca.pem accept it. */
static void
test_extra_anchors (void)
{
  g_autoptr(SoupServer) server = grant_test_server_new_tls ("server.pem");
  g_autofree char *ca_file = g_test_build_filename (G_TEST_DIST, "data", "tls", "ca.pem", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  GTlsDatabase *weak_database = NULL;

  soup_server_add_handler (server, "/hello", hello_handler, NULL, NULL);
  url = grant_test_server_get_url (server, "/hello");

  {
    g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
    g_autoptr(GrantExchange) exchange = get (client, url, &error);

    g_assert_null (exchange);
    g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
    g_clear_error (&error);
  }

  {
    g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
    g_autoptr(GTlsDatabase) database = NULL;
    g_autoptr(GrantExchange) exchange = NULL;

    database = grant_tls_database_new_with_extra_anchors (ca_file, &error);
    g_assert_no_error (error);
    g_assert_true (G_IS_TLS_FILE_DATABASE (database));
    assert_private_anchors (database);
    weak_database = database;
    g_object_add_weak_pointer (G_OBJECT (database), (gpointer *) &weak_database);

    soup_session_set_tls_database (grant_http_client_get_session (client), database);
    exchange = get (client, url, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
    g_assert_cmpuint (grant_exchange_get_tls_errors (exchange), ==, 0);
  }
  /* The private copy goes with the database, once the session's last connection lets go of
   * it. */
  for (guint i = 0; i < 100 && weak_database != NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak_database);
  g_assert_cmpuint (count_files (g_get_user_runtime_dir ()), ==, 0);

  grant_test_server_stop (g_steal_pointer (&server));
}

/* The extra authority is added to the public ones, not put in their place: a root from the
 * system's bundle still verifies. */
static void
test_system_anchors_kept (void)
{
  g_autofree char *ca_file = g_test_build_filename (G_TEST_DIST, "data", "tls", "ca.pem", NULL);
  g_autofree char *system_anchors = grant_tls_database_dup_system_anchors ();
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  GList *roots;
  guint trusted = 0;

  if (system_anchors == NULL)
    {
      g_test_skip ("The system has no bundle of trusted certificates to test with");
      return;
    }
  g_test_message ("system anchors: %s", system_anchors);

  database = grant_tls_database_new_with_extra_anchors (ca_file, &error);
  g_assert_no_error (error);

  /* Some roots in a bundle may have expired; most have not. */
  roots = g_tls_certificate_list_new_from_file (system_anchors, &error);
  g_assert_no_error (error);
  g_assert_nonnull (roots);
  for (GList *l = roots; l != NULL && trusted < 5; l = l->next)
    {
      GTlsCertificateFlags flags;

      flags = g_tls_database_verify_chain (database, l->data,
                                           G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER, NULL,
                                           NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (flags & G_TLS_CERTIFICATE_UNKNOWN_CA);
      if (flags == 0)
        trusted++;
    }
  g_list_free_full (roots, g_object_unref);
  g_assert_cmpuint (trusted, >, 0);
}

/* What is not a PEM file of certificates is refused, and the message names the file. */
static void
test_no_certificate (void)
{
  g_autofree char *key_only = g_test_build_filename (G_TEST_DIST, "data", "tls", "ca.key", NULL);
  g_autofree char *missing = g_build_filename (g_get_user_runtime_dir (), "missing.pem", NULL);
  g_autofree char *text = g_build_filename (g_get_user_runtime_dir (), "notes.txt", NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = grant_tls_database_new_with_extra_anchors (key_only, &error);
  g_assert_null (database);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "ca.key"));
  g_assert_nonnull (strstr (error->message, "no certificate"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "not a certificate\n", -1, NULL));
  database = grant_tls_database_new_with_extra_anchors (text, &error);
  g_assert_null (database);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_unlink (text);

  database = grant_tls_database_new_with_extra_anchors (missing, &error);
  g_assert_null (database);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "missing.pem"));
  g_clear_error (&error);

  /* Nothing is left behind. */
  g_assert_cmpuint (count_files (g_get_user_runtime_dir ()), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *runtime_dir = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* A runtime folder of its own, to see that nothing stays in it. */
  runtime_dir = g_dir_make_tmp ("grant-test-runtime-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/tls-database/extra-anchors", test_extra_anchors);
  g_test_add_func ("/grant/tls-database/system-anchors-kept", test_system_anchors_kept);
  g_test_add_func ("/grant/tls-database/no-certificate", test_no_certificate);

  status = g_test_run ();

  grant_test_remove_tree (runtime_dir);

  return status;
}
