/* grant-sequence-diagram-view.h
 * The sequence diagram of a flow, drawn live: lifelines, arrows and their labels.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grant-sequence-diagram.h"

G_BEGIN_DECLS

#define GRANT_TYPE_SEQUENCE_DIAGRAM_VIEW (grant_sequence_diagram_view_get_type ())

G_DECLARE_FINAL_TYPE (GrantSequenceDiagramView, grant_sequence_diagram_view,
                      GRANT, SEQUENCE_DIAGRAM_VIEW, GtkWidget)

GtkWidget *grant_sequence_diagram_view_new (void);
GrantSequenceDiagram *grant_sequence_diagram_view_get_diagram (GrantSequenceDiagramView *self);
void grant_sequence_diagram_view_set_diagram (GrantSequenceDiagramView *self,
                                              GrantSequenceDiagram     *diagram);
double grant_sequence_diagram_view_get_scale (GrantSequenceDiagramView *self);
void grant_sequence_diagram_view_set_scale (GrantSequenceDiagramView *self,
                                            double                    scale);
guint grant_sequence_diagram_view_get_selected (GrantSequenceDiagramView *self);
void grant_sequence_diagram_view_set_selected (GrantSequenceDiagramView *self,
                                               guint                     position);
gboolean grant_sequence_diagram_view_get_arrow_bounds (GrantSequenceDiagramView *self,
                                                       guint                     position,
                                                       graphene_rect_t          *bounds);
void grant_sequence_diagram_view_get_diagram_size (GrantSequenceDiagramView *self,
                                                   int                      *width,
                                                   int                      *height);
GdkTexture *grant_sequence_diagram_view_render_texture (GrantSequenceDiagramView  *self,
                                                        GError                   **error);

G_END_DECLS
