/* grant-oauth-error.c
 * The error domain of Grant's OAuth engine.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

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

/**
 * grant_oauth_error_explain:
 * @error: a #GrantOAuthError
 *
 * Returns: (nullable): what the error code means per its specification and what usually
 *   causes it, in a sentence or two, or %NULL for the codes that are not a server's
 */
const char *
grant_oauth_error_explain (GrantOAuthError error)
{
  switch (error)
    {
    case GRANT_OAUTH_ERROR_INVALID_REQUEST:
      return _("The request is missing a parameter, repeats one, or is otherwise malformed "
             "(RFC 6749 §5.2). The description usually names the parameter.");
    case GRANT_OAUTH_ERROR_INVALID_CLIENT:
      return _("The server could not authenticate the client (RFC 6749 §5.2): check the client "
             "ID, the secret or key, and that the authentication method is the one the client "
             "is registered with.");
    case GRANT_OAUTH_ERROR_INVALID_GRANT:
      return _("The grant was refused (RFC 6749 §5.2): a code or refresh token that is expired, "
             "used already, revoked, or issued to another client or redirect URI, a PKCE "
             "verifier that does not match, or wrong user credentials.");
    case GRANT_OAUTH_ERROR_UNAUTHORIZED_CLIENT:
      return _("This client is not allowed to use this grant type (RFC 6749 §5.2): check the "
             "grant types it is registered for.");
    case GRANT_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE:
      return _("The server does not support this grant type at all (RFC 6749 §5.2).");
    case GRANT_OAUTH_ERROR_INVALID_SCOPE:
      return _("A scope asked for is unknown, malformed, or more than the client or the grant "
             "allows (RFC 6749 §5.2).");
    case GRANT_OAUTH_ERROR_ACCESS_DENIED:
      return _("The user or the server said no (RFC 6749 §4.1.2.1): consent was refused, or a "
             "policy forbids this client or scope.");
    case GRANT_OAUTH_ERROR_AUTHORIZATION_PENDING:
      return _("The user has not approved the device yet (RFC 8628 §3.5): keep polling.");
    case GRANT_OAUTH_ERROR_SLOW_DOWN:
      return _("The client polls too fast (RFC 8628 §3.5): wait five seconds more between polls.");
    case GRANT_OAUTH_ERROR_EXPIRED_TOKEN:
      return _("The device code expired before it was approved (RFC 8628 §3.5): start again.");
    case GRANT_OAUTH_ERROR_USE_DPOP_NONCE:
      return _("The server wants a DPoP proof that carries its nonce (RFC 9449 §8); Grant "
             "retries once with it.");
    case GRANT_OAUTH_ERROR_INVALID_DPOP_PROOF:
      return _("The DPoP proof was refused (RFC 9449 §5): wrong method or URL, too old, reused, "
             "or signed with an algorithm the server does not accept.");
    case GRANT_OAUTH_ERROR_INVALID_TARGET:
      return _("The resource or audience asked for is unknown to the server, or not allowed for "
             "this client (RFC 8707 §2).");
    case GRANT_OAUTH_ERROR_INVALID_ISSUER:
    case GRANT_OAUTH_ERROR_DISCOVERY_FAILED:
    case GRANT_OAUTH_ERROR_INVALID_METADATA:
    case GRANT_OAUTH_ERROR_ISSUER_MISMATCH:
    case GRANT_OAUTH_ERROR_INVALID_RESPONSE:
    case GRANT_OAUTH_ERROR_NOT_CONFIGURED:
    case GRANT_OAUTH_ERROR_INSECURE:
    case GRANT_OAUTH_ERROR_SERVER:
    case GRANT_OAUTH_ERROR_OTHER:
    default:
      return NULL;
    }
}
