/* grant-step-explanation.h
 * What each step of a flow is for, the RFC section that defines it, and what goes wrong
 * without it: the text step mode shows beside a paused request.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-http-request.h"
#include "grant-provider-metadata.h"

G_BEGIN_DECLS

/**
 * GrantStepKind:
 * @GRANT_STEP_DISCOVERY: fetching the provider's metadata document
 * @GRANT_STEP_JWKS: fetching the provider's public keys
 * @GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST: pushing the authorization request (PAR)
 * @GRANT_STEP_AUTHORIZATION_REQUEST: sending the browser to the authorization endpoint
 * @GRANT_STEP_AUTHORIZATION_RESPONSE: the redirect back, captured with its parameters
 * @GRANT_STEP_DEVICE_AUTHORIZATION: asking for a device code and a user code
 * @GRANT_STEP_TOKEN_AUTHORIZATION_CODE: exchanging the authorization code for tokens
 * @GRANT_STEP_TOKEN_REFRESH: a token request with grant_type refresh_token
 * @GRANT_STEP_TOKEN_CLIENT_CREDENTIALS: a token request with grant_type client_credentials
 * @GRANT_STEP_TOKEN_DEVICE_CODE: polling the token endpoint with the device code
 * @GRANT_STEP_TOKEN_PASSWORD: a token request with grant_type password (legacy)
 * @GRANT_STEP_TOKEN_EXCHANGE: a token exchange (RFC 8693)
 * @GRANT_STEP_TOKEN_JWT_BEARER: a token request with a JWT assertion as the grant (RFC 7523)
 * @GRANT_STEP_TOKEN_OTHER: a token request with another grant_type, or none
 * @GRANT_STEP_USERINFO: the UserInfo request
 * @GRANT_STEP_INTROSPECTION: token introspection
 * @GRANT_STEP_REVOCATION: token revocation
 * @GRANT_STEP_API_CALL: a call to a protected resource
 * @GRANT_STEP_N_KINDS: how many kinds there are
 *
 * The kinds of step a flow is made of, each with its explanation.
 */
typedef enum
{
  GRANT_STEP_DISCOVERY,
  GRANT_STEP_JWKS,
  GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST,
  GRANT_STEP_AUTHORIZATION_REQUEST,
  GRANT_STEP_AUTHORIZATION_RESPONSE,
  GRANT_STEP_DEVICE_AUTHORIZATION,
  GRANT_STEP_TOKEN_AUTHORIZATION_CODE,
  GRANT_STEP_TOKEN_REFRESH,
  GRANT_STEP_TOKEN_CLIENT_CREDENTIALS,
  GRANT_STEP_TOKEN_DEVICE_CODE,
  GRANT_STEP_TOKEN_PASSWORD,
  GRANT_STEP_TOKEN_EXCHANGE,
  GRANT_STEP_TOKEN_JWT_BEARER,
  GRANT_STEP_TOKEN_OTHER,
  GRANT_STEP_USERINFO,
  GRANT_STEP_INTROSPECTION,
  GRANT_STEP_REVOCATION,
  GRANT_STEP_API_CALL,
  GRANT_STEP_N_KINDS,
} GrantStepKind;

#define GRANT_TYPE_STEP_KIND (grant_step_kind_get_type ())
GType grant_step_kind_get_type (void);

#define GRANT_TYPE_STEP_EXPLANATION (grant_step_explanation_get_type ())

G_DECLARE_FINAL_TYPE (GrantStepExplanation, grant_step_explanation,
                      GRANT, STEP_EXPLANATION, GObject)

GrantStepKind         grant_step_kind_for_grant_type           (const char            *grant_type);
GrantStepKind         grant_step_kind_for_request              (GrantHttpRequest      *request,
                                                                GrantProviderMetadata *metadata);

GrantStepExplanation *grant_step_explanation_new               (GrantStepKind          kind);
GrantStepExplanation *grant_step_explanation_new_for_request   (GrantHttpRequest      *request,
                                                                GrantProviderMetadata *metadata);
GrantStepKind         grant_step_explanation_get_kind          (GrantStepExplanation  *self);
const char           *grant_step_explanation_get_title         (GrantStepExplanation  *self);
const char           *grant_step_explanation_get_purpose       (GrantStepExplanation  *self);
const char           *grant_step_explanation_get_risk          (GrantStepExplanation  *self);
const char           *grant_step_explanation_get_reference     (GrantStepExplanation  *self);

G_END_DECLS
