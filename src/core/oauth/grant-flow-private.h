/* grant-flow-private.h
 * What the flows share: token requests with client authentication, DPoP and its nonce.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"

G_BEGIN_DECLS

GrantHttpRequest   *_grant_flow_new_endpoint_request  (GrantFlow            *self,
                                                       const char           *endpoint,
                                                       GError              **error);
void                _grant_flow_send_async            (GrantFlow            *self,
                                                       GrantHttpRequest     *request,
                                                       const char           *title,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GrantExchange      *_grant_flow_send_finish           (GrantFlow            *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
GrantHttpRequest   *_grant_flow_new_token_request     (GrantFlow            *self,
                                                       const char           *grant_type,
                                                       GError              **error);
void                _grant_flow_request_token_async   (GrantFlow            *self,
                                                       GrantHttpRequest     *request,
                                                       const char           *title,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GrantTokenResponse *_grant_flow_request_token_finish  (GrantFlow            *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void                _grant_flow_step                  (GrantFlow            *self,
                                                       const char           *format,
                                                       ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
