/* grant-test-server.c
 * A SoupServer on an ephemeral loopback port for tests that need a misbehaving server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs on the test's own main context. That is safe because every client call
 * in the tests is asynchronous; a synchronous one would deadlock.
 */

#include "config.h"

#include "grant-test-server.h"

static SoupServer *
listen_on_loopback (SoupServer            *unowned_server,
                    SoupServerListenOptions options)
{
  g_autoptr(SoupServer) server = unowned_server;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSList *listeners;

  soup_server_listen (server, address, options, &error);
  g_assert_no_error (error);

  /* The port from the listening socket itself: soup_server_get_uris() leaks an address in
   * libsoup 3.2, which LeakSanitizer would report. */
  listeners = soup_server_get_listeners (server);
  g_assert_nonnull (listeners);
  bound = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  g_slist_free (listeners);
  g_object_set_data (G_OBJECT (server), "grant-test-port",
                     GUINT_TO_POINTER (g_inet_socket_address_get_port (
                       G_INET_SOCKET_ADDRESS (bound))));
  g_object_set_data (G_OBJECT (server), "grant-test-scheme",
                     (gpointer) ((options & SOUP_SERVER_LISTEN_HTTPS) != 0 ? "https" : "http"));

  return g_steal_pointer (&server);
}

/**
 * grant_test_server_new:
 *
 * Returns: (transfer full): a server listening on 127.0.0.1, on a port the kernel chose
 */
SoupServer *
grant_test_server_new (void)
{
  return listen_on_loopback (soup_server_new (NULL, NULL), 0);
}

/**
 * grant_test_server_new_tls:
 * @certificate_name: a file in tests/data/tls/ with a certificate and its key
 *
 * Returns: (transfer full): an https server listening on 127.0.0.1, on a port the kernel
 *   chose, with that certificate
 */
SoupServer *
grant_test_server_new_tls (const char *certificate_name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tls", certificate_name,
                                                 NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (path, &error);

  g_assert_no_error (error);

  return listen_on_loopback (soup_server_new ("tls-certificate", certificate, NULL),
                             SOUP_SERVER_LISTEN_HTTPS);
}

static gboolean
accept_certificate_cb (SoupServerMessage    *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  g_test_message ("client certificate: errors 0x%x", errors);

  return errors == 0;
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *message,
                    gpointer           user_data)
{
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
}

/**
 * grant_test_server_new_tls_client_auth:
 * @certificate_name: a file in tests/data/tls/ with the server's certificate and key
 *
 * Returns: (transfer full): an https server that requires a client certificate signed by
 *   tests/data/tls/ca.pem (mutual TLS, RFC 8705)
 */
SoupServer *
grant_test_server_new_tls_client_auth (const char *certificate_name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tls", certificate_name,
                                                 NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (path, &error);
  g_autoptr(GTlsDatabase) database = grant_test_tls_database ();
  SoupServer *server;

  g_assert_no_error (error);

  server = soup_server_new ("tls-certificate", certificate, "tls-database", database,
                            "tls-auth-mode", G_TLS_AUTHENTICATION_REQUIRED, NULL);
  /* libsoup asks the message whether to accept the client's certificate; the answer is
   * whether it verified against the test authority. */
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), NULL);

  return listen_on_loopback (server, SOUP_SERVER_LISTEN_HTTPS);
}

/**
 * grant_test_tls_database:
 *
 * Returns: (transfer full): a database that trusts only tests/data/tls/ca.pem
 */
GTlsDatabase *
grant_test_tls_database (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tls", "ca.pem", NULL);
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database = g_tls_file_database_new (path, &error);

  g_assert_no_error (error);

  return database;
}

/**
 * grant_test_server_get_url:
 * @server: a server from grant_test_server_new()
 * @path: an absolute path
 *
 * Returns: (transfer full): http://127.0.0.1:PORT@path, or https:// for a TLS server
 */
char *
grant_test_server_get_url (SoupServer *server,
                           const char *path)
{
  guint port = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (server), "grant-test-port"));

  g_assert_cmpuint (port, >, 0);

  return g_strdup_printf ("%s://127.0.0.1:%u%s",
                          (const char *) g_object_get_data (G_OBJECT (server), "grant-test-scheme"),
                          port, path);
}

/**
 * grant_test_server_stop:
 * @server: (transfer full): a server from grant_test_server_new()
 *
 * Closes the server's connections, lets the main context finish with them, and frees the
 * server, so that nothing of it is left for LeakSanitizer to report.
 */
void
grant_test_server_stop (SoupServer *server)
{
  soup_server_disconnect (server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (server);
}
