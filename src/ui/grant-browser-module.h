/* grant-browser-module.h
 * The embedded browser, loaded as a module the first time a flow needs it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grant-exchange-log.h"

G_BEGIN_DECLS

/**
 * GrantBrowserModule:
 * @browser_new: makes a browser pane, a #GtkWidget that implements #GrantUserAgent
 * @set_persona: grant_browser_set_persona()
 * @open: grant_browser_open()
 * @clear_persona_async: grant_browser_clear_persona_async()
 * @clear_persona_finish: grant_browser_clear_persona_finish()
 *
 * The browser module's entry points (src/ui/browser/grant-browser.h), without WebKit.
 */
typedef struct
{
  GtkWidget * (*browser_new)          (void);
  void        (*set_persona)          (GtkWidget            *browser,
                                       const char           *name);
  void        (*open)                 (GtkWidget            *browser,
                                       const char           *uri,
                                       const char           *title,
                                       GrantExchangeLog     *log);
  void        (*clear_persona_async)  (GtkWidget            *browser,
                                       const char           *name,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
  gboolean    (*clear_persona_finish) (GtkWidget            *browser,
                                       GAsyncResult         *result,
                                       GError              **error);
} GrantBrowserModule;

const GrantBrowserModule *grant_browser_module_get    (GError     **error);
gpointer                  grant_browser_module_lookup (const char  *symbol);

G_END_DECLS
