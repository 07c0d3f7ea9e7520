/* grant-first-frame.h
 * The startup benchmark's hook: when a window's first frame was painted.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void grant_first_frame_watch (GtkWindow *window);

G_END_DECLS
