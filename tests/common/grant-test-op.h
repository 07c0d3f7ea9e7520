/* grant-test-op.h
 * A small OpenID Provider on a loopback SoupServer that misbehaves on request, as the OpenID
 * Foundation's relying-party conformance suite does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-jwk.h"

G_BEGIN_DECLS

/* The one client the provider knows. The ID and the secret hold characters that
 * client_secret_basic must form-encode (RFC 6749 §2.3.1): a colon, a plus, a slash, an equals
 * sign and a space. The secret is long enough to be an HS256 key (RFC 7518 §3.2). */
#define GRANT_TEST_OP_CLIENT_ID     "conformance:client +/="
#define GRANT_TEST_OP_CLIENT_SECRET "s3cret:with+plus/slash=equals and a space, 0123456789"
#define GRANT_TEST_OP_REDIRECT_URI  "https://rp.example/callback"
#define GRANT_TEST_OP_SUB           "conformance-user-248289761001"

/**
 * GrantTestOpJwksShape:
 * @GRANT_TEST_OP_JWKS_WITH_KIDS: an RSA and an EC P-256 key, each with its kid and alg; tokens
 *   name their key
 * @GRANT_TEST_OP_JWKS_SINGLE_NO_KID: one RSA, one EC P-256, one EC secp256k1 and one OKP key,
 *   none with a kid or an alg; tokens name no key
 * @GRANT_TEST_OP_JWKS_MULTIPLE_NO_KID: three keys of each of those kinds, none with a kid or an
 *   alg; tokens name no key
 *
 * The provider's key set, as the suite's key-selection tests shape it.
 */
typedef enum
{
  GRANT_TEST_OP_JWKS_WITH_KIDS,
  GRANT_TEST_OP_JWKS_SINGLE_NO_KID,
  GRANT_TEST_OP_JWKS_MULTIPLE_NO_KID,
} GrantTestOpJwksShape;

/**
 * GrantTestOpConfig:
 * @id_token_alg: how ID tokens are signed: "RS256" (%NULL), "ES256", "HS256" with the client
 *   secret (OpenID Connect Core §10.1), or "none" (unsecured, no signature)
 * @jwks_shape: what the key set holds
 * @jwks_unparseable_keys: the key set also holds a `kty` "AKP" key with a made-up ML-DSA
 *   parameter set and a key of a made-up `kty`, each with its own kid
 * @rotate_before_first_id_token: a new RSA key (and kid) replaces the old one just before the
 *   first ID token is signed, so a key set fetched before is already stale
 * @rotate_after_first_id_token: a new RSA key (and kid) replaces the old one once the first
 *   ID token is out, just before the second is signed
 * @bad_signature: every byte of an ID token's signature is XORed with 0x5A
 * @issuer_mismatch: an ID token's `iss` is the issuer with "1" appended
 * @aud_mismatch: an ID token's `aud` is the client ID with "1" appended
 * @omit_aud: ID tokens have no `aud`
 * @omit_iat: ID tokens have no `iat`
 * @omit_sub: ID tokens have no `sub`
 * @nonce_mismatch: an ID token's `nonce` is the one sent with "1" appended
 * @bad_at_hash: an ID token's `at_hash` is the right one with "1" appended
 * @omit_at_hash: ID tokens have no `at_hash`, even with an access token beside them
 * @bad_c_hash: an ID token's `c_hash` is the right one with "1" appended
 * @omit_c_hash: ID tokens have no `c_hash`, even with a code beside them
 * @discovery_issuer_mismatch: the discovery document's `issuer` has "INVALID" appended
 * @require_nonce: the authorization endpoint refuses a request without a nonce for any
 *   response type but "code" (OpenID Connect Core §3.2.2.1, §3.3.2.11)
 * @token_endpoint_auth_method: how the client must authenticate at the token endpoint:
 *   "client_secret_basic" (%NULL), "client_secret_post", "client_secret_jwt" or
 *   "private_key_jwt"
 * @client_public_key: (nullable): the client's registered public key, for private_key_jwt
 * @userinfo_bad_sub: UserInfo's `sub` is the ID token's with "invalid" appended
 * @userinfo_signed: UserInfo answers with an RS256-signed JWT (`application/jwt`) carrying
 *   `iss` and `aud`
 * @userinfo_bearer_body: UserInfo takes the access token only as a form-encoded body
 *   parameter (RFC 6750 §2.2), not in the Authorization header
 *
 * What the provider does wrong, and how its client is registered. All zero is a provider
 * that does everything right.
 */
typedef struct
{
  const char           *id_token_alg;
  GrantTestOpJwksShape  jwks_shape;
  gboolean              jwks_unparseable_keys;
  gboolean              rotate_before_first_id_token;
  gboolean              rotate_after_first_id_token;

  gboolean              bad_signature;
  gboolean              issuer_mismatch;
  gboolean              aud_mismatch;
  gboolean              omit_aud;
  gboolean              omit_iat;
  gboolean              omit_sub;
  gboolean              nonce_mismatch;
  gboolean              bad_at_hash;
  gboolean              omit_at_hash;
  gboolean              bad_c_hash;
  gboolean              omit_c_hash;

  gboolean              discovery_issuer_mismatch;
  gboolean              require_nonce;

  const char           *token_endpoint_auth_method;
  GrantJwk             *client_public_key;

  gboolean              userinfo_bad_sub;
  gboolean              userinfo_signed;
  gboolean              userinfo_bearer_body;
} GrantTestOpConfig;

typedef struct _GrantTestOp GrantTestOp;

GrantTestOp *grant_test_op_new                  (const GrantTestOpConfig *config);
const char  *grant_test_op_get_issuer           (GrantTestOp             *self);
const char  *grant_test_op_get_jwks_uri         (GrantTestOp             *self);
const char  *grant_test_op_get_token_endpoint   (GrantTestOp             *self);
guint        grant_test_op_get_n_token_requests (GrantTestOp             *self);
guint        grant_test_op_get_n_jwks_requests  (GrantTestOp             *self);
const char  *grant_test_op_get_client_auth_used (GrantTestOp             *self);
const char  *grant_test_op_get_last_nonce       (GrantTestOp             *self);
const char  *grant_test_op_get_userinfo_bearer  (GrantTestOp             *self);
void         grant_test_op_free                 (GrantTestOp             *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantTestOp, grant_test_op_free)

G_END_DECLS
