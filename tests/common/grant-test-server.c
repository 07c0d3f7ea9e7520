/* grant-test-server.c
 * A SoupServer on an ephemeral loopback port for tests that need a misbehaving server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs on the test's own main context. That is safe because every client call
 * in the tests is asynchronous; a synchronous one would deadlock.
 */

#include "config.h"

#include "grant-test-server.h"

/**
 * grant_test_server_new:
 *
 * Returns: (transfer full): a server listening on 127.0.0.1, on a port the kernel chose
 */
SoupServer *
grant_test_server_new (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSList *listeners;

  soup_server_listen (server, address, 0, &error);
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

  return g_steal_pointer (&server);
}

/**
 * grant_test_server_get_url:
 * @server: a server from grant_test_server_new()
 * @path: an absolute path
 *
 * Returns: (transfer full): http://127.0.0.1:PORT@path
 */
char *
grant_test_server_get_url (SoupServer *server,
                           const char *path)
{
  guint port = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (server), "grant-test-port"));

  g_assert_cmpuint (port, >, 0);

  return g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
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
