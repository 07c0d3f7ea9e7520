/* grant-token-exchange-flow.h
 * OAuth 2.0 Token Exchange (RFC 8693): a token for another token.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"

G_BEGIN_DECLS

/* RFC 8693 §3: the token type identifiers. */
#define GRANT_TOKEN_TYPE_ACCESS_TOKEN "urn:ietf:params:oauth:token-type:access_token"
#define GRANT_TOKEN_TYPE_REFRESH_TOKEN "urn:ietf:params:oauth:token-type:refresh_token"
#define GRANT_TOKEN_TYPE_ID_TOKEN "urn:ietf:params:oauth:token-type:id_token"
#define GRANT_TOKEN_TYPE_JWT "urn:ietf:params:oauth:token-type:jwt"

#define GRANT_TYPE_TOKEN_EXCHANGE_FLOW (grant_token_exchange_flow_get_type ())

G_DECLARE_FINAL_TYPE (GrantTokenExchangeFlow, grant_token_exchange_flow,
                      GRANT, TOKEN_EXCHANGE_FLOW, GrantFlow)

GrantFlow *grant_token_exchange_flow_new (GrantProvider          *provider,
                                          GrantClient            *client,
                                          GrantHttpClient        *http_client,
                                          const char             *subject_token,
                                          const char             *subject_token_type);
void       grant_token_exchange_flow_set_actor_token
                                         (GrantTokenExchangeFlow *self,
                                          const char             *actor_token,
                                          const char             *actor_token_type);
void       grant_token_exchange_flow_set_audience
                                         (GrantTokenExchangeFlow *self,
                                          const char             *audience);
void       grant_token_exchange_flow_set_resource
                                         (GrantTokenExchangeFlow *self,
                                          const char             *resource);
void       grant_token_exchange_flow_set_requested_token_type
                                         (GrantTokenExchangeFlow *self,
                                          const char             *requested_token_type);

G_END_DECLS
