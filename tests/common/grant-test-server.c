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
  g_autoptr(GError) error = NULL;

  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);

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
  GSList *uris = soup_server_get_uris (server);
  g_autoptr(GUri) base = NULL;
  char *url;

  g_assert_nonnull (uris);
  base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  url = g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (base), path);

  return url;
}
