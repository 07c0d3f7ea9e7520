/* grant-browser.h
 * The embedded browser pane: the front channel of a flow, as a GrantUserAgent.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This header is what the window includes, so it names no WebKit type: WebKit stays inside
 * src/ui/browser/.
 */

#pragma once

#include <gtk/gtk.h>

#include "grant-user-agent.h"

G_BEGIN_DECLS

#define GRANT_TYPE_BROWSER (grant_browser_get_type ())

G_DECLARE_FINAL_TYPE (GrantBrowser, grant_browser, GRANT, BROWSER, GtkBox)

GtkWidget  *grant_browser_new                 (void);
const char *grant_browser_get_uri             (GrantBrowser         *self);
double      grant_browser_get_load_progress   (GrantBrowser         *self);
const char *grant_browser_get_persona         (GrantBrowser         *self);
void        grant_browser_set_persona         (GrantBrowser         *self,
                                               const char           *name);
void        grant_browser_open                (GrantBrowser         *self,
                                               const char           *uri,
                                               const char           *title,
                                               GrantExchangeLog     *log);
void        grant_browser_clear_persona_async (GrantBrowser         *self,
                                               const char           *name,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean    grant_browser_clear_persona_finish (GrantBrowser        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
