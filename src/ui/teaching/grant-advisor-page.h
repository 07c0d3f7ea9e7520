/* grant-advisor-page.h
 * The Advisor page: a few questions about an application, and the flow it should use, with
 * the reasons and the RFC sections behind them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-flow-advice.h"

G_BEGIN_DECLS

#define GRANT_TYPE_ADVISOR_PAGE (grant_advisor_page_get_type ())

G_DECLARE_FINAL_TYPE (GrantAdvisorPage, grant_advisor_page, GRANT, ADVISOR_PAGE, GtkWidget)

GtkWidget       *grant_advisor_page_new               (void);
GtkToggleButton *grant_advisor_page_get_answer_button (GrantAdvisorPage  *self,
                                                       GrantFlowQuestion  question,
                                                       gboolean           yes);
gboolean         grant_advisor_page_get_complete      (GrantAdvisorPage  *self);
GrantFlowAdvice  grant_advisor_page_get_advice        (GrantAdvisorPage  *self);
void             grant_advisor_page_start_over        (GrantAdvisorPage  *self);

G_END_DECLS
