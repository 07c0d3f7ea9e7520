/* grant-practice-page.h
 * The Practice Provider page: whether it runs, its demo clients and users, its fault switches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-flow-form.h"
#include "grant-practice-provider.h"

G_BEGIN_DECLS

#define GRANT_TYPE_PRACTICE_PAGE (grant_practice_page_get_type ())

G_DECLARE_FINAL_TYPE (GrantPracticePage, grant_practice_page, GRANT, PRACTICE_PAGE, GtkWidget)

GtkWidget                 *grant_practice_page_new                (void);
GrantPracticeProvider     *grant_practice_page_get_provider       (GrantPracticePage     *self);
void                       grant_practice_page_set_provider       (GrantPracticePage     *self,
                                                                   GrantPracticeProvider *provider);
void                       grant_practice_page_set_error          (GrantPracticePage     *self,
                                                                   const char            *message);
GtkSwitch                 *grant_practice_page_get_fault_switch   (GrantPracticePage     *self,
                                                                   GrantPracticeFault     fault);
GtkSpinButton             *grant_practice_page_get_fault_spin_button
                                                                  (GrantPracticePage     *self,
                                                                   GrantPracticeFault     fault);
GtkWidget                 *grant_practice_page_get_use_button     (GrantPracticePage     *self,
                                                                   const char            *client_id);
const GrantFlowFormClient *grant_practice_demo_client_lookup      (const char            *client_id);
gboolean                   grant_practice_is_default_issuer       (const char            *issuer);

G_END_DECLS
