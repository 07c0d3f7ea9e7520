/* grant-oauth-error.h
 * The error domain of Grant's OAuth engine.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GRANT_OAUTH_ERROR (grant_oauth_error_quark ())

/**
 * GrantOAuthError:
 * @GRANT_OAUTH_ERROR_INVALID_ISSUER: the issuer is not an http or https URL without query
 *   and fragment (RFC 8414 §2)
 * @GRANT_OAUTH_ERROR_DISCOVERY_FAILED: the metadata document could not be fetched
 * @GRANT_OAUTH_ERROR_INVALID_METADATA: the metadata document is not valid JSON of the
 *   expected shape
 * @GRANT_OAUTH_ERROR_ISSUER_MISMATCH: the metadata names another issuer than the one asked
 *   for (OpenID Connect Discovery §4.3, RFC 8414 §3.3)
 * @GRANT_OAUTH_ERROR_INSECURE: the server uses plain http on a network host where https is
 *   required
 * @GRANT_OAUTH_ERROR_INVALID_RESPONSE: a response is not what the protocol says it must be
 *   (not JSON, a token response without access_token, a bad state or iss)
 * @GRANT_OAUTH_ERROR_NOT_CONFIGURED: the provider or client lacks what the flow needs (no
 *   token endpoint, no client secret for client_secret_basic…)
 * @GRANT_OAUTH_ERROR_SERVER: the server answered an error status without an OAuth error
 * @GRANT_OAUTH_ERROR_INVALID_REQUEST: `invalid_request` (RFC 6749 §5.2)
 * @GRANT_OAUTH_ERROR_INVALID_CLIENT: `invalid_client`
 * @GRANT_OAUTH_ERROR_INVALID_GRANT: `invalid_grant`
 * @GRANT_OAUTH_ERROR_UNAUTHORIZED_CLIENT: `unauthorized_client`
 * @GRANT_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE: `unsupported_grant_type`
 * @GRANT_OAUTH_ERROR_INVALID_SCOPE: `invalid_scope`
 * @GRANT_OAUTH_ERROR_ACCESS_DENIED: `access_denied` (RFC 6749 §4.1.2.1, RFC 8628 §3.5)
 * @GRANT_OAUTH_ERROR_AUTHORIZATION_PENDING: `authorization_pending` (RFC 8628 §3.5)
 * @GRANT_OAUTH_ERROR_SLOW_DOWN: `slow_down` (RFC 8628 §3.5)
 * @GRANT_OAUTH_ERROR_EXPIRED_TOKEN: `expired_token` (RFC 8628 §3.5)
 * @GRANT_OAUTH_ERROR_USE_DPOP_NONCE: `use_dpop_nonce` (RFC 9449 §8)
 * @GRANT_OAUTH_ERROR_INVALID_DPOP_PROOF: `invalid_dpop_proof` (RFC 9449 §5)
 * @GRANT_OAUTH_ERROR_INVALID_TARGET: `invalid_target` (RFC 8707 §2)
 * @GRANT_OAUTH_ERROR_OTHER: another error code, named in the message
 *
 * Errors from talking to an authorization server. The codes from
 * %GRANT_OAUTH_ERROR_INVALID_REQUEST on are the server's own OAuth error codes; the
 * message then holds the code and the server's `error_description`.
 */
typedef enum
{
  GRANT_OAUTH_ERROR_INVALID_ISSUER,
  GRANT_OAUTH_ERROR_DISCOVERY_FAILED,
  GRANT_OAUTH_ERROR_INVALID_METADATA,
  GRANT_OAUTH_ERROR_ISSUER_MISMATCH,
  GRANT_OAUTH_ERROR_INVALID_RESPONSE,
  GRANT_OAUTH_ERROR_NOT_CONFIGURED,
  GRANT_OAUTH_ERROR_INSECURE,
  GRANT_OAUTH_ERROR_SERVER,
  GRANT_OAUTH_ERROR_INVALID_REQUEST,
  GRANT_OAUTH_ERROR_INVALID_CLIENT,
  GRANT_OAUTH_ERROR_INVALID_GRANT,
  GRANT_OAUTH_ERROR_UNAUTHORIZED_CLIENT,
  GRANT_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE,
  GRANT_OAUTH_ERROR_INVALID_SCOPE,
  GRANT_OAUTH_ERROR_ACCESS_DENIED,
  GRANT_OAUTH_ERROR_AUTHORIZATION_PENDING,
  GRANT_OAUTH_ERROR_SLOW_DOWN,
  GRANT_OAUTH_ERROR_EXPIRED_TOKEN,
  GRANT_OAUTH_ERROR_USE_DPOP_NONCE,
  GRANT_OAUTH_ERROR_INVALID_DPOP_PROOF,
  GRANT_OAUTH_ERROR_INVALID_TARGET,
  GRANT_OAUTH_ERROR_OTHER,
} GrantOAuthError;

GQuark           grant_oauth_error_quark     (void);
GrantOAuthError  grant_oauth_error_from_code (const char *code);
const char      *grant_oauth_error_to_code   (GrantOAuthError error);
const char      *grant_oauth_error_explain   (GrantOAuthError error);

G_END_DECLS
