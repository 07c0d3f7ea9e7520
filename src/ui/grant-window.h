/* grant-window.h
 * Grant's main window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-application.h"
#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_WINDOW (grant_window_get_type ())

G_DECLARE_FINAL_TYPE (GrantWindow, grant_window, GRANT, WINDOW, AdwApplicationWindow)

GrantWindow *grant_window_new      (GrantApplication *application);
void         grant_window_run      (GrantWindow      *self);
GrantFlow   *grant_window_get_flow (GrantWindow      *self);
GrantHttpClient *grant_window_get_http_client (GrantWindow *self);
gboolean     grant_window_get_step_mode (GrantWindow      *self);
void         grant_window_set_step_mode (GrantWindow      *self,
                                         gboolean          step_mode);

void         grant_window_show_toast (GrantWindow      *self,
                                      const char       *text);

G_END_DECLS
