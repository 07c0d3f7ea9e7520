/* grant-oauth-error.c
 * The error domain of Grant's OAuth engine.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-oauth-error.h"

G_DEFINE_QUARK (grant-oauth-error-quark, grant_oauth_error)

static const struct
{
  GrantOAuthError  error;
  const char      *code;
} codes[] = {
  { GRANT_OAUTH_ERROR_INVALID_REQUEST, "invalid_request" },
  { GRANT_OAUTH_ERROR_INVALID_CLIENT, "invalid_client" },
  { GRANT_OAUTH_ERROR_INVALID_GRANT, "invalid_grant" },
  { GRANT_OAUTH_ERROR_UNAUTHORIZED_CLIENT, "unauthorized_client" },
  { GRANT_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE, "unsupported_grant_type" },
  { GRANT_OAUTH_ERROR_INVALID_SCOPE, "invalid_scope" },
  { GRANT_OAUTH_ERROR_ACCESS_DENIED, "access_denied" },
  { GRANT_OAUTH_ERROR_AUTHORIZATION_PENDING, "authorization_pending" },
  { GRANT_OAUTH_ERROR_SLOW_DOWN, "slow_down" },
  { GRANT_OAUTH_ERROR_EXPIRED_TOKEN, "expired_token" },
  { GRANT_OAUTH_ERROR_USE_DPOP_NONCE, "use_dpop_nonce" },
  { GRANT_OAUTH_ERROR_INVALID_DPOP_PROOF, "invalid_dpop_proof" },
  { GRANT_OAUTH_ERROR_INVALID_TARGET, "invalid_target" },
};

/**
 * grant_oauth_error_from_code:
 * @code: an OAuth `error` code from a server
 *
 * Returns: the #GrantOAuthError for @code, %GRANT_OAUTH_ERROR_OTHER for one Grant does not
 *   know
 */
GrantOAuthError
grant_oauth_error_from_code (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_strcmp0 (codes[i].code, code) == 0)
      return codes[i].error;

  return GRANT_OAUTH_ERROR_OTHER;
}

/**
 * grant_oauth_error_to_code:
 * @error: a #GrantOAuthError
 *
 * Returns: (nullable): the OAuth `error` code of @error, or %NULL when it is not one
 */
const char *
grant_oauth_error_to_code (GrantOAuthError error)
{
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (codes[i].error == error)
      return codes[i].code;

  return NULL;
}
