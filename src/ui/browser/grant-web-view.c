/* grant-web-view.c
 * The embedded browser of a flow's front channel, on a network session of its own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-web-view.h"

struct _GrantWebView
{
  WebKitWebView parent_instance;
};

G_DEFINE_FINAL_TYPE (GrantWebView, grant_web_view, WEBKIT_TYPE_WEB_VIEW)

static void
grant_web_view_class_init (GrantWebViewClass *klass)
{
}

static void
grant_web_view_init (GrantWebView *self)
{
}

/**
 * grant_web_view_new:
 * @web_context: Grant's own web context, where its custom schemes are registered
 * @network_session: (nullable): a persona's persistent session, or %NULL for a fresh
 *   ephemeral one
 *
 * Makes a view for one run of a flow. The network session is construct-only, so a run that
 * needs a clean session gets a new view: cookies never leak from one run, or one persona, to
 * another.
 *
 * Returns: (transfer floating): the view
 */
GtkWidget *
grant_web_view_new (WebKitWebContext     *web_context,
                    WebKitNetworkSession *network_session)
{
  g_autoptr(WebKitNetworkSession) ephemeral = NULL;

  g_return_val_if_fail (WEBKIT_IS_WEB_CONTEXT (web_context), NULL);
  g_return_val_if_fail (network_session == NULL || WEBKIT_IS_NETWORK_SESSION (network_session),
                        NULL);

  if (network_session == NULL)
    network_session = ephemeral = webkit_network_session_new_ephemeral ();

  return g_object_new (GRANT_TYPE_WEB_VIEW,
                       "web-context", web_context,
                       "network-session", network_session,
                       NULL);
}
