/* grant-jwt-bearer-flow.h
 * The JWT bearer authorization grant (RFC 7523 §2.1): a signed assertion for a token.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_JWT_BEARER_FLOW (grant_jwt_bearer_flow_get_type ())

G_DECLARE_FINAL_TYPE (GrantJwtBearerFlow, grant_jwt_bearer_flow, GRANT, JWT_BEARER_FLOW, GrantFlow)

GrantFlow *grant_jwt_bearer_flow_new             (GrantProvider   *provider,
                                                  GrantClient     *client,
                                                  GrantHttpClient *http_client,
                                                  const char      *assertion);
GrantFlow *grant_jwt_bearer_flow_new_for_subject (GrantProvider   *provider,
                                                  GrantClient     *client,
                                                  GrantHttpClient *http_client,
                                                  const char      *subject);

G_END_DECLS
