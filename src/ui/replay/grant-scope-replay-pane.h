/* grant-scope-replay-pane.h
 * Replay a request with a token of other scopes, and see both answers side by side.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-auth-diagnosis.h"
#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_SCOPE_REPLAY_PANE (grant_scope_replay_pane_get_type ())

G_DECLARE_FINAL_TYPE (GrantScopeReplayPane, grant_scope_replay_pane, GRANT, SCOPE_REPLAY_PANE,
                      GtkWidget)

GtkWidget          *grant_scope_replay_pane_new           (void);
void                grant_scope_replay_pane_set_sent      (GrantScopeReplayPane *self,
                                                           GrantHttpClient      *http_client,
                                                           GrantFlow            *flow,
                                                           GrantHttpRequest     *request,
                                                           GrantExchange        *exchange,
                                                           GrantAuthDiagnosis   *diagnosis);
void                grant_scope_replay_pane_replay        (GrantScopeReplayPane *self,
                                                           const char           *scope);
GrantExchange      *grant_scope_replay_pane_get_exchange  (GrantScopeReplayPane *self);
GrantAuthDiagnosis *grant_scope_replay_pane_get_diagnosis (GrantScopeReplayPane *self);
const char         *grant_scope_replay_pane_get_message   (GrantScopeReplayPane *self);

G_END_DECLS
