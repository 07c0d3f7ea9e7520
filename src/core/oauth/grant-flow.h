/* grant-flow.h
 * One run of an OAuth grant: the base every flow derives from.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-client.h"
#include "grant-dpop-session.h"
#include "grant-http-client.h"
#include "grant-provider.h"
#include "grant-token-response.h"

G_BEGIN_DECLS

/**
 * GrantFlowState:
 * @GRANT_FLOW_READY: not run yet
 * @GRANT_FLOW_RUNNING: running
 * @GRANT_FLOW_SUCCEEDED: it got tokens
 * @GRANT_FLOW_FAILED: it stopped with an error
 * @GRANT_FLOW_CANCELLED: it was cancelled
 */
typedef enum
{
  GRANT_FLOW_READY,
  GRANT_FLOW_RUNNING,
  GRANT_FLOW_SUCCEEDED,
  GRANT_FLOW_FAILED,
  GRANT_FLOW_CANCELLED,
} GrantFlowState;

#define GRANT_TYPE_FLOW_STATE (grant_flow_state_get_type ())
GType grant_flow_state_get_type (void);

#define GRANT_TYPE_FLOW (grant_flow_get_type ())

G_DECLARE_DERIVABLE_TYPE (GrantFlow, grant_flow, GRANT, FLOW, GObject)

/**
 * GrantFlowClass:
 * @grant_type: the grant_type a token request of this flow sends (RFC 6749 §4), for the
 *   default @run_async
 * @legacy_reason: (nullable): why the flow is legacy (RFC 9700), or %NULL if it is not
 * @prepare_token_request: adds the flow's own parameters to the token request the default
 *   @run_async makes; returns %FALSE with an error when the flow lacks one
 * @run_async: runs the flow; the default sends one token request
 * @run_finish: its result
 * @get_legacy_reason: why this flow, as configured, is legacy; the default returns
 *   @legacy_reason
 */
struct _GrantFlowClass
{
  GObjectClass parent_class;

  const char          *grant_type;
  const char          *legacy_reason;

  gboolean             (*prepare_token_request) (GrantFlow            *self,
                                                 GrantHttpRequest     *request,
                                                 GError              **error);
  void                 (*run_async)             (GrantFlow            *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
  GrantTokenResponse * (*run_finish)            (GrantFlow            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
  const char *         (*get_legacy_reason)     (GrantFlow            *self);

  /*< private >*/
  gpointer padding[7];
};

GrantProvider      *grant_flow_get_provider       (GrantFlow            *self);
GrantClient        *grant_flow_get_client         (GrantFlow            *self);
GrantHttpClient    *grant_flow_get_http_client    (GrantFlow            *self);
const char         *grant_flow_get_grant_type     (GrantFlow            *self);
const char         *grant_flow_get_scope          (GrantFlow            *self);
void                grant_flow_set_scope          (GrantFlow            *self,
                                                   const char           *scope);
GrantDpopSession   *grant_flow_get_dpop_session   (GrantFlow            *self);
void                grant_flow_set_dpop_session   (GrantFlow            *self,
                                                   GrantDpopSession     *dpop);
GrantFlowState      grant_flow_get_state          (GrantFlow            *self);
const GError       *grant_flow_get_error          (GrantFlow            *self);
GrantTokenResponse *grant_flow_get_token_response (GrantFlow            *self);
const char         *grant_flow_get_legacy_reason  (GrantFlow            *self);
void                grant_flow_run_async          (GrantFlow            *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GrantTokenResponse *grant_flow_run_finish         (GrantFlow            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
