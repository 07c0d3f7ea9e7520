/* grant-network-settings.c
 * The back channel's network preferences (timeout, proxy, extra certificate authority),
 * applied to a window's HTTP client.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only Grant's own requests follow them. The embedded browser's network sessions are
 * WebKit's, which take the system's proxy settings and trust store, and a per-host TLS
 * exception as the only addition.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-network-settings.h"
#include "grant-tls-database.h"

/* Loopback is never sent to a proxy, which could not reach this machine's 127.0.0.1: the
 * practice provider and loopback redirect URIs listen there. */
static const char * const loopback_hosts[] = { "localhost", "127.0.0.0/8", "::1", NULL };

/**
 * grant_network_settings_check_proxy_url:
 * @url: what the user typed as the proxy
 * @error: return location for a #GError
 *
 * Returns: whether @url names a proxy GIO can use: http, https or socks (4, 4a, 5), a host,
 *   and nothing after the port
 */
gboolean
grant_network_settings_check_proxy_url (const char  *url,
                                        GError     **error)
{
  static const char * const schemes[] = { "http", "https", "socks", "socks4", "socks4a",
                                          "socks5", NULL };
  g_autoptr(GUri) uri = NULL;
  const char *path;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a proxy URL: give its scheme, host and port, for example "
                     "http://proxy.example.com:3128"), url);
      return FALSE;
    }

  if (!g_strv_contains (schemes, g_uri_get_scheme (uri)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A proxy URL starts with http://, https:// or socks5:// (or socks4://), "
                     "not %s://"), g_uri_get_scheme (uri));
      return FALSE;
    }

  path = g_uri_get_path (uri);
  if ((*path != '\0' && !g_str_equal (path, "/")) || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A proxy URL has no path, query or fragment: only a scheme, a host and "
                     "a port, for example http://proxy.example.com:3128"));
      return FALSE;
    }

  return TRUE;
}

/* The proxy: the system's (the session's own default), none, or the one typed. A manual mode
 * without a URL yet keeps the system's, as does an invalid URL, which is an error. */
static gboolean
apply_proxy (GSettings    *settings,
             SoupSession  *session,
             gboolean      initial,
             GError      **error)
{
  g_autofree char *mode = g_settings_get_string (settings, "proxy-mode");
  g_autofree char *url = g_settings_get_string (settings, "proxy-url");
  g_autoptr(GProxyResolver) resolver = NULL;
  gboolean valid = TRUE;

  if (g_str_equal (mode, "none"))
    resolver = g_simple_proxy_resolver_new ("direct://", NULL);
  else if (g_str_equal (mode, "manual") && *url != '\0')
    {
      valid = grant_network_settings_check_proxy_url (url, error);
      if (valid)
        resolver = g_simple_proxy_resolver_new (url, (char **) loopback_hosts);
    }

  /* The session starts with the system's: setting it again at start would load GIO's proxy
   * module before anything is sent. */
  if (resolver == NULL && initial && valid)
    return TRUE;
  if (resolver == NULL)
    resolver = g_object_ref (g_proxy_resolver_get_default ());

  soup_session_set_proxy_resolver (session, resolver);

  return valid;
}

/* The trust anchors: the system's, or the system's and the user's file. A file that cannot
 * be used leaves the system's, and is an error. */
static gboolean
apply_ca_file (GSettings    *settings,
               SoupSession  *session,
               gboolean      initial,
               GError      **error)
{
  g_autofree char *path = g_settings_get_string (settings, "extra-ca-file");
  g_autoptr(GTlsDatabase) database = NULL;
  gboolean valid = TRUE;

  if (*path != '\0')
    {
      database = grant_tls_database_new_with_extra_anchors (path, error);
      valid = database != NULL;
    }

  if (database == NULL && initial && valid)
    return TRUE;
  if (database == NULL)
    database = g_tls_backend_get_default_database (g_tls_backend_get_default ());

  soup_session_set_tls_database (session, database);

  return valid;
}

/**
 * grant_network_settings_apply:
 * @settings: Grant's settings
 * @client: a window's HTTP client
 * @key: (nullable): the key that changed, or %NULL when @client is new
 * @error: return location for a #GError
 *
 * Applies the request timeout, the proxy and the extra certificate authority to @client and
 * its session, as @key says they now are; with @key %NULL, all of them, except those at
 * their defaults, which a new client has already.
 *
 * Returns: whether the setting could be applied; if not, @client keeps the system's proxy
 *   or trust anchors and @error says why
 */
gboolean
grant_network_settings_apply (GSettings        *settings,
                              GrantHttpClient  *client,
                              const char       *key,
                              GError          **error)
{
  SoupSession *session;
  gboolean applied = TRUE;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (client), FALSE);

  session = grant_http_client_get_session (client);

  if (key == NULL || g_str_equal (key, "http-timeout"))
    grant_http_client_set_timeout (client, g_settings_get_int (settings, "http-timeout"));
  if (key == NULL || g_str_equal (key, "proxy-mode") || g_str_equal (key, "proxy-url"))
    applied = apply_proxy (settings, session, key == NULL, error);
  if (key == NULL || g_str_equal (key, "extra-ca-file"))
    applied = apply_ca_file (settings, session, key == NULL, applied ? error : NULL) && applied;

  return applied;
}
