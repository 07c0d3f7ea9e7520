/* grant-json-export.h
 * Saving a table Grant made (probes, a scope matrix) as a JSON file the user picks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void grant_json_export (GtkWidget  *widget,
                        const char *title,
                        const char *file_name,
                        JsonObject *object,
                        GtkLabel   *status);

G_END_DECLS
