/* grant-oauth-request.h
 * Sending a request to an OAuth server or a protected resource: client authentication,
 * access token, DPoP proof, and the one retry a DPoP nonce calls for.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-client.h"
#include "grant-dpop-session.h"
#include "grant-http-client.h"

G_BEGIN_DECLS

void           grant_oauth_request_send_async  (GrantHttpClient      *http_client,
                                                GrantHttpRequest     *request,
                                                GrantClient          *client,
                                                GrantDpopSession     *dpop,
                                                const char           *access_token,
                                                const char           *title,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GrantExchange *grant_oauth_request_send_finish (GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
