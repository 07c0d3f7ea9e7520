/* grant-auth-diagnosis.h
 * Why an API answered 401 or 403: what the server said, and the likely cause in plain words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-exchange.h"

G_BEGIN_DECLS

/**
 * GrantAuthProblem:
 * @GRANT_AUTH_PROBLEM_NONE: the request was not refused for its authorization
 * @GRANT_AUTH_PROBLEM_NO_TOKEN: no access token was sent, and the server wants one
 *   (RFC 6750 §3.1: a challenge without an error code)
 * @GRANT_AUTH_PROBLEM_INVALID_TOKEN: `invalid_token`: expired, revoked, malformed, or for
 *   another audience (RFC 6750 §3.1)
 * @GRANT_AUTH_PROBLEM_EXPIRED_TOKEN: `invalid_token`, and the token is past its `exp` or the
 *   server says it expired
 * @GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE: `insufficient_scope`: the token lacks a scope the
 *   request needs (RFC 6750 §3.1)
 * @GRANT_AUTH_PROBLEM_WRONG_SCHEME: the token went with a scheme the server does not take for
 *   it, such as a DPoP-bound token sent as Bearer (RFC 9449 §7.2)
 * @GRANT_AUTH_PROBLEM_DPOP_NONCE: `use_dpop_nonce`: the DPoP proof must carry the server's
 *   nonce (RFC 9449 §9)
 * @GRANT_AUTH_PROBLEM_STEP_UP: `insufficient_user_authentication`: the user must sign in
 *   again, more strongly or more recently (RFC 9470)
 * @GRANT_AUTH_PROBLEM_INVALID_REQUEST: `invalid_request`: the request itself is malformed,
 *   for example a token sent in two ways (RFC 6750 §3.1)
 * @GRANT_AUTH_PROBLEM_FORBIDDEN: 403 without an OAuth error: the API refuses for reasons of
 *   its own
 * @GRANT_AUTH_PROBLEM_UNEXPLAINED: 401 without a challenge Grant can read
 *
 * The causes Grant tells apart.
 */
typedef enum
{
  GRANT_AUTH_PROBLEM_NONE,
  GRANT_AUTH_PROBLEM_NO_TOKEN,
  GRANT_AUTH_PROBLEM_INVALID_TOKEN,
  GRANT_AUTH_PROBLEM_EXPIRED_TOKEN,
  GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE,
  GRANT_AUTH_PROBLEM_WRONG_SCHEME,
  GRANT_AUTH_PROBLEM_DPOP_NONCE,
  GRANT_AUTH_PROBLEM_STEP_UP,
  GRANT_AUTH_PROBLEM_INVALID_REQUEST,
  GRANT_AUTH_PROBLEM_FORBIDDEN,
  GRANT_AUTH_PROBLEM_UNEXPLAINED,
} GrantAuthProblem;

const char *grant_auth_problem_get_name (GrantAuthProblem problem);

#define GRANT_TYPE_AUTH_DIAGNOSIS (grant_auth_diagnosis_get_type ())

G_DECLARE_FINAL_TYPE (GrantAuthDiagnosis, grant_auth_diagnosis, GRANT, AUTH_DIAGNOSIS, GObject)

GrantAuthDiagnosis *grant_auth_diagnosis_new              (guint               status,
                                                           const char         *www_authenticate,
                                                           const char         *authorization,
                                                           const char         *token_scope,
                                                           gint64              token_expires_at);
GrantAuthDiagnosis *grant_auth_diagnosis_new_for_exchange (GrantExchange      *exchange,
                                                           const char         *token_scope,
                                                           gint64              token_expires_at);
GrantAuthProblem    grant_auth_diagnosis_get_problem      (GrantAuthDiagnosis *self);
const char         *grant_auth_diagnosis_get_said         (GrantAuthDiagnosis *self);
const char         *grant_auth_diagnosis_get_cause        (GrantAuthDiagnosis *self);
const char * const *grant_auth_diagnosis_get_missing_scopes (GrantAuthDiagnosis *self);
const char         *grant_auth_diagnosis_get_error        (GrantAuthDiagnosis *self);

G_END_DECLS
