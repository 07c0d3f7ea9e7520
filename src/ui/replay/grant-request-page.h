/* grant-request-page.h
 * The Requests page: call an API with a token Grant holds, and see why it says 401 or 403.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-workspace.h"

#include "grant-auth-diagnosis.h"
#include "grant-http-client.h"
#include "grant-probe-pane.h"
#include "grant-scope-matrix-pane.h"
#include "grant-scope-replay-pane.h"

G_BEGIN_DECLS

#define GRANT_TYPE_REQUEST_PAGE (grant_request_page_get_type ())

G_DECLARE_FINAL_TYPE (GrantRequestPage, grant_request_page, GRANT, REQUEST_PAGE, GtkWidget)

GtkWidget          *grant_request_page_new             (void);
void                grant_request_page_set_http_client (GrantRequestPage *self,
                                                        GrantHttpClient  *http_client);
void                grant_request_page_set_flows       (GrantRequestPage *self,
                                                        GListModel       *flows);
void                grant_request_page_set_request     (GrantRequestPage *self,
                                                        const char       *method,
                                                        const char       *url,
                                                        guint             token,
                                                        const char       *body);
void                grant_request_page_send            (GrantRequestPage *self);
GrantExchange      *grant_request_page_get_exchange    (GrantRequestPage *self);
GrantAuthDiagnosis *grant_request_page_get_diagnosis   (GrantRequestPage *self);
GrantScopeReplayPane *grant_request_page_get_scope_replay (GrantRequestPage *self);
GrantProbePane     *grant_request_page_get_probes      (GrantRequestPage *self);
GrantScopeMatrixPane *grant_request_page_get_scope_matrix (GrantRequestPage *self);

void                grant_request_page_set_workspace   (GrantRequestPage *self,
                                                        GrantWorkspace   *workspace);
void                grant_request_page_move_origin     (GrantRequestPage *self,
                                                        const char       *from,
                                                        const char       *to);

G_END_DECLS
