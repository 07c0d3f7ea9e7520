/* grant-jwk.h
 * A JSON Web Key (RFC 7517, RFC 7518 §6, RFC 8037) as an OpenSSL key or a MAC secret.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <openssl/evp.h>

G_BEGIN_DECLS

/**
 * GrantJwkType:
 * @GRANT_JWK_TYPE_RSA: `RSA` (RFC 7518 §6.3)
 * @GRANT_JWK_TYPE_EC: `EC` on P-256, P-384 or P-521 (RFC 7518 §6.2)
 * @GRANT_JWK_TYPE_OKP: `OKP` on Ed25519 (RFC 8037)
 * @GRANT_JWK_TYPE_OCT: `oct`, a symmetric secret (RFC 7518 §6.4)
 *
 * The key types Grant supports; the JWK member `kty`.
 */
typedef enum
{
  GRANT_JWK_TYPE_RSA,
  GRANT_JWK_TYPE_EC,
  GRANT_JWK_TYPE_OKP,
  GRANT_JWK_TYPE_OCT,
} GrantJwkType;

#define GRANT_TYPE_JWK (grant_jwk_get_type ())

G_DECLARE_FINAL_TYPE (GrantJwk, grant_jwk, GRANT, JWK, GObject)

GrantJwk     *grant_jwk_new_from_json    (JsonObject   *object,
                                          GError      **error);
GrantJwk     *grant_jwk_new_from_data    (const char   *data,
                                          gssize        length,
                                          GError      **error);
GrantJwk     *grant_jwk_new_from_pkey    (EVP_PKEY     *pkey,
                                          GError      **error);
GrantJwk     *grant_jwk_new_from_pem     (const char   *pem,
                                          gssize        length,
                                          GError      **error);
GrantJwk     *grant_jwk_new_private_from_data (const char *data,
                                               gssize      length,
                                               GError    **error);
GrantJwk     *grant_jwk_new_from_secret  (GBytes       *secret);
GrantJwk     *grant_jwk_generate         (const char   *alg,
                                          GError      **error);
JsonObject   *grant_jwk_to_json          (GrantJwk     *self,
                                          gboolean      include_private);
char         *grant_jwk_dup_thumbprint   (GrantJwk     *self);
GrantJwkType  grant_jwk_get_key_type     (GrantJwk     *self);
const char   *grant_jwk_get_kty          (GrantJwk     *self);
const char   *grant_jwk_get_curve        (GrantJwk     *self);
guint         grant_jwk_get_bits         (GrantJwk     *self);
const char   *grant_jwk_get_kid          (GrantJwk     *self);
void          grant_jwk_set_kid          (GrantJwk     *self,
                                          const char   *kid);
const char   *grant_jwk_get_alg          (GrantJwk     *self);
void          grant_jwk_set_alg          (GrantJwk     *self,
                                          const char   *alg);
const char   *grant_jwk_get_use          (GrantJwk     *self);
gboolean      grant_jwk_is_private       (GrantJwk     *self);
gboolean      grant_jwk_permits          (GrantJwk     *self,
                                          const char   *operation,
                                          GError      **error);
EVP_PKEY     *grant_jwk_get_pkey         (GrantJwk     *self);
GBytes       *grant_jwk_get_secret       (GrantJwk     *self);

G_END_DECLS
