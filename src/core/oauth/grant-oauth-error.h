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
 *
 * Errors from talking to an authorization server.
 */
typedef enum
{
  GRANT_OAUTH_ERROR_INVALID_ISSUER,
  GRANT_OAUTH_ERROR_DISCOVERY_FAILED,
  GRANT_OAUTH_ERROR_INVALID_METADATA,
  GRANT_OAUTH_ERROR_ISSUER_MISMATCH,
} GrantOAuthError;

GQuark grant_oauth_error_quark (void);

G_END_DECLS
