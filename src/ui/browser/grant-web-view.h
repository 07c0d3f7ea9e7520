/* grant-web-view.h
 * The embedded browser of a flow's front channel, on a network session of its own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

#define GRANT_TYPE_WEB_VIEW (grant_web_view_get_type ())

G_DECLARE_FINAL_TYPE (GrantWebView, grant_web_view, GRANT, WEB_VIEW, WebKitWebView)

GtkWidget *grant_web_view_new (WebKitWebContext     *web_context,
                               WebKitNetworkSession *network_session);

G_END_DECLS
