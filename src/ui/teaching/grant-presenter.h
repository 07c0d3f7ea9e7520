/* grant-presenter.h
 * Presenter mode: a window made for a projector, with larger text, stronger contrast and
 * only the panes the room needs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GRANT_TYPE_PRESENTER (grant_presenter_get_type ())

G_DECLARE_FINAL_TYPE (GrantPresenter, grant_presenter, GRANT, PRESENTER, GObject)

GrantPresenter *grant_presenter_new           (GtkWidget      *window,
                                               GSettings      *settings);
gboolean        grant_presenter_get_active    (GrantPresenter *self);
void            grant_presenter_set_active    (GrantPresenter *self,
                                               gboolean        active);
double          grant_presenter_get_scale     (GrantPresenter *self);
void            grant_presenter_add_secondary (GrantPresenter *self,
                                               GtkWidget      *widget);

char           *grant_presenter_dup_css       (double          scale,
                                               double          dpi,
                                               gboolean        dark);

G_END_DECLS
