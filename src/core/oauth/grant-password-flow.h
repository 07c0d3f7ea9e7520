/* grant-password-flow.h
 * The resource owner password credentials grant (RFC 6749 §4.3), legacy.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_PASSWORD_FLOW (grant_password_flow_get_type ())

G_DECLARE_FINAL_TYPE (GrantPasswordFlow, grant_password_flow, GRANT, PASSWORD_FLOW, GrantFlow)

GrantFlow *grant_password_flow_new (GrantProvider   *provider,
                                    GrantClient     *client,
                                    GrantHttpClient *http_client,
                                    const char      *username,
                                    const char      *password);

G_END_DECLS
