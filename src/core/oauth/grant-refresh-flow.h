/* grant-refresh-flow.h
 * Refreshing an access token (RFC 6749 §6), with rotation reported and reuse detected.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_REFRESH_FLOW (grant_refresh_flow_get_type ())

G_DECLARE_FINAL_TYPE (GrantRefreshFlow, grant_refresh_flow, GRANT, REFRESH_FLOW, GrantFlow)

GrantFlow  *grant_refresh_flow_new               (GrantProvider    *provider,
                                                  GrantClient      *client,
                                                  GrantHttpClient  *http_client,
                                                  const char       *refresh_token);
void        grant_refresh_flow_set_spent         (GrantRefreshFlow *self,
                                                  gboolean          spent);
gboolean    grant_refresh_flow_get_rotated       (GrantRefreshFlow *self);
gboolean    grant_refresh_flow_get_reuse_accepted (GrantRefreshFlow *self);

G_END_DECLS
