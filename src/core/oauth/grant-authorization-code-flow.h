/* grant-authorization-code-flow.h
 * The authorization code grant (RFC 6749 §4.1) with PKCE, PAR and RFC 9207, and the
 * implicit and hybrid response types it shares the front channel with (legacy).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"
#include "grant-pkce.h"
#include "grant-user-agent.h"

G_BEGIN_DECLS

/* Default clock-skew tolerance for ID-token times, in seconds. */
#define GRANT_DEFAULT_SKEW_SECONDS 60

#define GRANT_TYPE_AUTHORIZATION_CODE_FLOW (grant_authorization_code_flow_get_type ())

G_DECLARE_FINAL_TYPE (GrantAuthorizationCodeFlow, grant_authorization_code_flow,
                      GRANT, AUTHORIZATION_CODE_FLOW, GrantFlow)

GrantFlow *grant_authorization_code_flow_new (GrantProvider   *provider,
                                              GrantClient     *client,
                                              GrantHttpClient *http_client,
                                              GrantUserAgent  *user_agent);
void grant_authorization_code_flow_set_response_type (GrantAuthorizationCodeFlow *self,
                                                      const char                 *response_type);
const char *grant_authorization_code_flow_get_response_type (GrantAuthorizationCodeFlow *self);
void grant_authorization_code_flow_set_response_mode (GrantAuthorizationCodeFlow *self,
                                                      const char                 *response_mode);
void grant_authorization_code_flow_set_pkce (GrantAuthorizationCodeFlow *self,
                                             gboolean                    enabled,
                                             GrantPkceMethod             method);
void grant_authorization_code_flow_set_use_par (GrantAuthorizationCodeFlow *self,
                                                gboolean                    use_par);
void grant_authorization_code_flow_set_parameter (GrantAuthorizationCodeFlow *self,
                                                  const char                 *name,
                                                  const char                 *value);
void grant_authorization_code_flow_set_skew (GrantAuthorizationCodeFlow *self,
                                             gint64                      skew_seconds);
gint64 grant_authorization_code_flow_get_skew (GrantAuthorizationCodeFlow *self);
const char *grant_authorization_code_flow_get_state_parameter (GrantAuthorizationCodeFlow *self);
const char *grant_authorization_code_flow_get_nonce (GrantAuthorizationCodeFlow *self);
const char *grant_authorization_code_flow_get_code_verifier (GrantAuthorizationCodeFlow *self);
const char *grant_authorization_code_flow_get_code_challenge (GrantAuthorizationCodeFlow *self);
const char *grant_authorization_code_flow_get_redirect_uri (GrantAuthorizationCodeFlow *self);
const char *grant_authorization_code_flow_get_authorization_url (GrantAuthorizationCodeFlow *self);
GHashTable *grant_authorization_code_flow_get_response_parameters
  (GrantAuthorizationCodeFlow *self);
GListModel *grant_authorization_code_flow_get_checks (GrantAuthorizationCodeFlow *self);
GrantTokenResponse *grant_authorization_code_flow_get_tokens_received
  (GrantAuthorizationCodeFlow *self);

G_END_DECLS
