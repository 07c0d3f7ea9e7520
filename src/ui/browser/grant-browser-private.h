/* grant-browser-private.h
 * What the browser pane's tests look at inside it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-browser.h"

G_BEGIN_DECLS

GtkWidget  *_grant_browser_get_web_view            (GrantBrowser *self);
const char *_grant_browser_get_page                (GrantBrowser *self);
const char *_grant_browser_get_error_text          (GrantBrowser *self);
void        _grant_browser_show_address            (GrantBrowser *self,
                                                    const char   *uri);
const char *_grant_browser_get_security_icon       (GrantBrowser *self);
gboolean    _grant_browser_is_insecure_warning_visible
                                                   (GrantBrowser *self);
char       *_grant_browser_persona_directory_name  (const char   *name);

G_END_DECLS
