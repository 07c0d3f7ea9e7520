/* grant-diagram-page.h
 * The Diagram page: the live sequence diagram of the current flow, exported as SVG or PNG.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-sequence-diagram-view.h"

G_BEGIN_DECLS

#define GRANT_TYPE_DIAGRAM_PAGE (grant_diagram_page_get_type ())

G_DECLARE_FINAL_TYPE (GrantDiagramPage, grant_diagram_page, GRANT, DIAGRAM_PAGE, GtkWidget)

GtkWidget                *grant_diagram_page_new        (void);
GrantExchangeLog         *grant_diagram_page_get_log    (GrantDiagramPage      *self);
void                      grant_diagram_page_set_log    (GrantDiagramPage      *self,
                                                         GrantExchangeLog      *log);
void                      grant_diagram_page_begin_flow (GrantDiagramPage      *self,
                                                         GrantProviderMetadata *metadata);
GrantSequenceDiagramView *grant_diagram_page_get_view   (GrantDiagramPage      *self);

G_END_DECLS
