/* grant-client-credentials-flow.h
 * The client credentials grant (RFC 6749 §4.4): a client acting on its own behalf.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_CLIENT_CREDENTIALS_FLOW (grant_client_credentials_flow_get_type ())

G_DECLARE_FINAL_TYPE (GrantClientCredentialsFlow, grant_client_credentials_flow,
                      GRANT, CLIENT_CREDENTIALS_FLOW, GrantFlow)

GrantFlow *grant_client_credentials_flow_new (GrantProvider   *provider,
                                              GrantClient     *client,
                                              GrantHttpClient *http_client);

G_END_DECLS
