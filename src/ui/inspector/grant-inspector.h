/* grant-inspector.h
 * The right pane: what the flow sent and got, side by side, and whether each part was right.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_INSPECTOR (grant_inspector_get_type ())

G_DECLARE_FINAL_TYPE (GrantInspector, grant_inspector, GRANT, INSPECTOR, GtkWidget)

GtkWidget  *grant_inspector_new       (void);
void        grant_inspector_set_flow  (GrantInspector *self,
                                       GrantFlow      *flow);
GrantFlow  *grant_inspector_get_flow  (GrantInspector *self);
GListModel *grant_inspector_get_facts (GrantInspector *self);
const char *grant_inspector_get_value (GrantInspector *self,
                                       const char     *name);

G_END_DECLS
