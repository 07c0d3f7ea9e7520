/* grant-jose-error.h
 * The error domain of Grant's JOSE code (base64url, JWK, JWS, JWT).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GRANT_JOSE_ERROR (grant_jose_error_quark ())

/**
 * GrantJoseError:
 * @GRANT_JOSE_ERROR_INVALID_BASE64URL: the text is not strict, unpadded base64url
 *   (RFC 4648 §5, RFC 7515 §2)
 * @GRANT_JOSE_ERROR_INVALID_JSON: not JSON, not a JSON object, a duplicate member, or a member
 *   of the wrong type
 * @GRANT_JOSE_ERROR_INVALID_KEY: a JWK that is malformed or not a valid key (a point off its
 *   curve, a modulus too small, a missing member)
 * @GRANT_JOSE_ERROR_UNSUPPORTED: something Grant does not implement and must therefore refuse:
 *   a kty, crv or alg it does not know, the JSON serialization, `b64`, an unknown `crit`
 * @GRANT_JOSE_ERROR_INVALID_JWS: a JWS that is not three base64url parts with a valid header
 * @GRANT_JOSE_ERROR_ALG_NONE: an unsecured JWS (`alg` none), which never verifies
 * @GRANT_JOSE_ERROR_KEY_MISMATCH: the algorithm does not fit the key (its type, curve, size,
 *   its own `alg`, or its `use` and `key_ops`)
 * @GRANT_JOSE_ERROR_KEY_NOT_FOUND: no key of the set can check this JWS
 * @GRANT_JOSE_ERROR_KEY_AMBIGUOUS: several keys of the set could check this JWS and nothing
 *   (such as a `kid`) says which
 * @GRANT_JOSE_ERROR_BAD_SIGNATURE: the signature or MAC does not match
 * @GRANT_JOSE_ERROR_TOO_LARGE: the input is larger than Grant accepts
 * @GRANT_JOSE_ERROR_CRYPTO: OpenSSL failed where it should not have
 * @GRANT_JOSE_ERROR_INVALID_CLAIMS: the JWT claims set is not a JSON object, or a claim has the
 *   wrong type
 * @GRANT_JOSE_ERROR_ID_TOKEN_INVALID: an ID token failed one of the checks a relying party must
 *   make (the message names the check and says why)
 *
 * Errors from parsing or checking JOSE objects. The messages say what was wrong and where.
 */
typedef enum
{
  GRANT_JOSE_ERROR_INVALID_BASE64URL,
  GRANT_JOSE_ERROR_INVALID_JSON,
  GRANT_JOSE_ERROR_INVALID_KEY,
  GRANT_JOSE_ERROR_UNSUPPORTED,
  GRANT_JOSE_ERROR_INVALID_JWS,
  GRANT_JOSE_ERROR_ALG_NONE,
  GRANT_JOSE_ERROR_KEY_MISMATCH,
  GRANT_JOSE_ERROR_KEY_NOT_FOUND,
  GRANT_JOSE_ERROR_KEY_AMBIGUOUS,
  GRANT_JOSE_ERROR_BAD_SIGNATURE,
  GRANT_JOSE_ERROR_TOO_LARGE,
  GRANT_JOSE_ERROR_CRYPTO,
  GRANT_JOSE_ERROR_INVALID_CLAIMS,
  GRANT_JOSE_ERROR_ID_TOKEN_INVALID,
} GrantJoseError;

GQuark grant_jose_error_quark (void);

G_END_DECLS
