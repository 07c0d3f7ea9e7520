/* grant-preferences-window.h
 * The preferences: how flows are checked, what exports keep, how Grant's requests travel.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GRANT_TYPE_PREFERENCES_WINDOW (grant_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GrantPreferencesWindow, grant_preferences_window, GRANT,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *grant_preferences_window_new         (GtkWindow              *parent,
                                                 GSettings              *settings);
gboolean   grant_preferences_window_use_ca_file (GrantPreferencesWindow *self,
                                                 const char             *path,
                                                 GError                **error);

G_END_DECLS
