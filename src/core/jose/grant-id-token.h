/* grant-id-token.h
 * ID-token validation (OpenID Connect Core §3.1.3.7, §3.2.2.11, §3.3.2.12) as a list of checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-check.h"
#include "grant-jwks.h"
#include "grant-jwt-claims.h"

G_BEGIN_DECLS

/**
 * GrantIdTokenExpectations:
 * @issuer: the issuer the token must name
 * @client_id: the client the token must be for (`aud`, and `azp` when there are several
 *   audiences)
 * @nonce: (nullable): the nonce sent in the authorization request, or %NULL if none was
 * @algorithms: (nullable) (array zero-terminated=1): the algorithms the client accepts, or %NULL
 *   for the asymmetric ones Grant supports (RS*, PS*, ES*, EdDSA)
 * @skew_seconds: how far the clocks may disagree when checking exp, iat and nbf
 * @now: the current time, in seconds since the epoch (tests pass a fixed one)
 * @access_token: (nullable): the access token issued with the ID token, for `at_hash`
 * @code: (nullable): the authorization code issued with it, for `c_hash`
 * @at_hash_required: whether `at_hash` must be present: an ID token issued with an access
 *   token from the authorization endpoint (OpenID Connect Core §3.2.2.10, §3.3.2.11)
 * @c_hash_required: whether `c_hash` must be present: an ID token issued with a code from
 *   the authorization endpoint in the hybrid flow (§3.3.2.11)
 *
 * What a relying party knows and expects when it validates an ID token.
 */
typedef struct
{
  const char         *issuer;
  const char         *client_id;
  const char         *nonce;
  const char * const *algorithms;
  gint64              skew_seconds;
  gint64              now;
  const char         *access_token;
  const char         *code;
  gboolean            at_hash_required;
  gboolean            c_hash_required;
} GrantIdTokenExpectations;

GListModel *grant_id_token_validate (const char                      *id_token,
                                     GrantJwks                       *jwks,
                                     const GrantIdTokenExpectations  *expected);
gboolean    grant_id_token_verify   (const char                      *id_token,
                                     GrantJwks                       *jwks,
                                     const GrantIdTokenExpectations  *expected,
                                     GrantJwtClaims                 **claims,
                                     GError                         **error);
char       *grant_id_token_hash     (const char                      *alg,
                                     const char                      *value,
                                     GError                         **error);

G_END_DECLS
