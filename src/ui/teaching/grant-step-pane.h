/* grant-step-pane.h
 * Step mode's pane: the request (or authorization response) the flow is paused on, editable,
 * with Send and Cancel, and beside it what the step is for.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-step-interceptor.h"

G_BEGIN_DECLS

#define GRANT_TYPE_STEP_PANE (grant_step_pane_get_type ())

G_DECLARE_FINAL_TYPE (GrantStepPane, grant_step_pane, GRANT, STEP_PANE, GtkWidget)

GtkWidget            *grant_step_pane_new               (void);
GrantStepInterceptor *grant_step_pane_get_interceptor   (GrantStepPane        *self);
void                  grant_step_pane_set_interceptor   (GrantStepPane        *self,
                                                         GrantStepInterceptor *interceptor);
AdwEntryRow          *grant_step_pane_get_parameter_row (GrantStepPane        *self,
                                                         const char           *name);
AdwEntryRow          *grant_step_pane_get_header_row    (GrantStepPane        *self,
                                                         const char           *name);

G_END_DECLS
