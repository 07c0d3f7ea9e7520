/* grant-scope-matrix-pane.h
 * The requests sent from the Requests page against every scope set: a grid of statuses.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-flow.h"
#include "grant-scope-matrix.h"

G_BEGIN_DECLS

#define GRANT_TYPE_SCOPE_MATRIX_PANE (grant_scope_matrix_pane_get_type ())

G_DECLARE_FINAL_TYPE (GrantScopeMatrixPane, grant_scope_matrix_pane, GRANT, SCOPE_MATRIX_PANE,
                      GtkWidget)

GtkWidget        *grant_scope_matrix_pane_new        (void);
void              grant_scope_matrix_pane_set_sent   (GrantScopeMatrixPane *self,
                                                      GrantHttpClient      *http_client,
                                                      GrantFlow            *flow,
                                                      GPtrArray            *requests,
                                                      const char * const   *missing);
void              grant_scope_matrix_pane_run        (GrantScopeMatrixPane *self);
GrantScopeMatrix *grant_scope_matrix_pane_get_matrix (GrantScopeMatrixPane *self);
gboolean          grant_scope_matrix_pane_is_done    (GrantScopeMatrixPane *self);
gboolean          grant_scope_matrix_pane_has_token  (GrantScopeMatrixPane *self,
                                                      guint                 set);

G_END_DECLS
