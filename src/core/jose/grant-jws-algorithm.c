/* grant-jws-algorithm.c
 * The JWS algorithms (RFC 7518 §3, RFC 8037 §3.1) on OpenSSL: sign and verify raw bytes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before any cryptography, the key must fit the algorithm: its type and curve, its size, its
 * own `alg`, and its `use` and `key_ops`. That is what stops the classic confusion, an HS256
 * token "verified" with an RSA or EC public key used as the HMAC secret.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "grant-jose-error.h"
#include "grant-jws-algorithm.h"

typedef enum
{
  FAMILY_HMAC,
  FAMILY_RSA_PKCS1,
  FAMILY_RSA_PSS,
  FAMILY_ECDSA,
  FAMILY_EDDSA,
} Family;

typedef struct
{
  const char *name;
  Family      family;
  const char *digest;          /* OpenSSL's name; NULL for EdDSA */
  gsize       digest_size;
  const char *curve;           /* ES*: the JWK crv; EdDSA: "Ed25519" */
  gsize       coordinate_size; /* ES*: the size of r and of s */
} Algorithm;

static const Algorithm algorithms[] = {
  { "HS256", FAMILY_HMAC, "SHA256", 32, NULL, 0 },
  { "HS384", FAMILY_HMAC, "SHA384", 48, NULL, 0 },
  { "HS512", FAMILY_HMAC, "SHA512", 64, NULL, 0 },
  { "RS256", FAMILY_RSA_PKCS1, "SHA256", 32, NULL, 0 },
  { "RS384", FAMILY_RSA_PKCS1, "SHA384", 48, NULL, 0 },
  { "RS512", FAMILY_RSA_PKCS1, "SHA512", 64, NULL, 0 },
  { "PS256", FAMILY_RSA_PSS, "SHA256", 32, NULL, 0 },
  { "PS384", FAMILY_RSA_PSS, "SHA384", 48, NULL, 0 },
  { "PS512", FAMILY_RSA_PSS, "SHA512", 64, NULL, 0 },
  { "ES256", FAMILY_ECDSA, "SHA256", 32, "P-256", 32 },
  { "ES384", FAMILY_ECDSA, "SHA384", 48, "P-384", 48 },
  { "ES512", FAMILY_ECDSA, "SHA512", 64, "P-521", 66 },
  { "EdDSA", FAMILY_EDDSA, NULL, 0, "Ed25519", 0 },
};

/* RFC 7518 §3.3 and §3.5: "A key of size 2048 bits or larger MUST be used". */
#define RSA_MIN_BITS 2048

static const Algorithm *
find_algorithm (const char *alg)
{
  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    {
      if (g_strcmp0 (algorithms[i].name, alg) == 0)
        return &algorithms[i];
    }

  return NULL;
}

static const Algorithm *
lookup_algorithm (const char  *alg,
                  GError     **error)
{
  const Algorithm *algorithm = find_algorithm (alg);

  if (algorithm != NULL)
    return algorithm;

  if (alg != NULL && g_ascii_strcasecmp (alg, "none") == 0)
    g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE,
                         _("The JWS is unsecured (alg “none”): it has no signature, so nothing "
                         "about it can be trusted"));
  else
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                 _("The algorithm “%s” is not a JWS algorithm Grant supports"),
                 alg != NULL ? alg : "(none)");

  return NULL;
}

/**
 * grant_jws_algorithm_is_supported:
 * @alg: a JWS `alg`
 *
 * Returns: whether Grant can sign and verify with @alg (never for "none")
 */
gboolean
grant_jws_algorithm_is_supported (const char *alg)
{
  return find_algorithm (alg) != NULL;
}

/**
 * grant_jws_algorithm_for_key:
 * @key: a key
 *
 * Returns: the algorithm to sign with @key: its own `alg` when it has one, else RS256 for
 *   RSA, ES256/ES384/ES512 by curve, EdDSA for Ed25519, HS256 for a secret
 */
const char *
grant_jws_algorithm_for_key (GrantJwk *key)
{
  const char *curve;

  g_return_val_if_fail (GRANT_IS_JWK (key), NULL);

  if (grant_jwk_get_alg (key) != NULL)
    return grant_jwk_get_alg (key);

  switch (grant_jwk_get_key_type (key))
    {
    case GRANT_JWK_TYPE_RSA:
      return "RS256";
    case GRANT_JWK_TYPE_EC:
      curve = grant_jwk_get_curve (key);
      return g_strcmp0 (curve, "P-384") == 0 ? "ES384"
             : g_strcmp0 (curve, "P-521") == 0 ? "ES512" : "ES256";
    case GRANT_JWK_TYPE_OKP:
      return "EdDSA";
    case GRANT_JWK_TYPE_OCT:
      return "HS256";
    default:
      g_assert_not_reached ();
    }
}

static const char *
describe_key (GrantJwk *key)
{
  switch (grant_jwk_get_key_type (key))
    {
    case GRANT_JWK_TYPE_RSA:
      return grant_jwk_is_private (key) ? _("an RSA private key") : _("an RSA public key");
    case GRANT_JWK_TYPE_EC:
      return grant_jwk_is_private (key) ? _("an EC private key") : _("an EC public key");
    case GRANT_JWK_TYPE_OKP:
      return grant_jwk_is_private (key) ? _("an Ed25519 private key")
                                        : _("an Ed25519 public key");
    case GRANT_JWK_TYPE_OCT:
      return _("a symmetric (oct) key");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_key (const Algorithm  *algorithm,
           GrantJwk         *key,
           const char       *operation,
           GError          **error)
{
  GrantJwkType type = grant_jwk_get_key_type (key);
  const char *key_alg = grant_jwk_get_alg (key);

  switch (algorithm->family)
    {
    case FAMILY_HMAC:
      if (type != GRANT_JWK_TYPE_OCT)
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                       _("%s needs a symmetric (oct) key, and this is %s. Using a public key as "
                       "an HMAC secret is the algorithm-confusion attack: anyone who has the "
                       "public key could forge such a token."),
                       algorithm->name, describe_key (key));
          return FALSE;
        }
      if (g_bytes_get_size (grant_jwk_get_secret (key)) < algorithm->digest_size)
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                       _("%s needs a key of at least %llu bytes (RFC 7518 §3.2); "
                         "this one has %llu"), algorithm->name,
                       (unsigned long long) algorithm->digest_size,
                       (unsigned long long) g_bytes_get_size (grant_jwk_get_secret (key)));
          return FALSE;
        }
      break;

    case FAMILY_RSA_PKCS1:
    case FAMILY_RSA_PSS:
      if (type != GRANT_JWK_TYPE_RSA)
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                       _("%s needs an RSA key, and this is %s"), algorithm->name,
                       describe_key (key));
          return FALSE;
        }
      if (grant_jwk_get_bits (key) < RSA_MIN_BITS)
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                       _("%s needs an RSA key of at least %d bits (RFC 7518 §3.3); this one has "
                       "%u"), algorithm->name, RSA_MIN_BITS, grant_jwk_get_bits (key));
          return FALSE;
        }
      break;

    case FAMILY_ECDSA:
    case FAMILY_EDDSA:
      if ((algorithm->family == FAMILY_ECDSA && type != GRANT_JWK_TYPE_EC)
          || (algorithm->family == FAMILY_EDDSA && type != GRANT_JWK_TYPE_OKP)
          || g_strcmp0 (grant_jwk_get_curve (key), algorithm->curve) != 0)
        {
          if (grant_jwk_get_curve (key) != NULL)
            g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                         /* Translators: “ES256 needs a key on P-256, and this is an EC public
                          * key on P-384”. */
                         _("%s needs a key on %s, and this is %s on %s"), algorithm->name,
                         algorithm->curve, describe_key (key), grant_jwk_get_curve (key));
          else
            g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                         _("%s needs a key on %s, and this is %s"), algorithm->name,
                         algorithm->curve, describe_key (key));
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  /* RFC 7517 §4.4: a key that names its algorithm is for that algorithm only. */
  if (key_alg != NULL && !g_str_equal (key_alg, algorithm->name))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                   _("The key is for %s (its “alg”), not for %s"), key_alg, algorithm->name);
      return FALSE;
    }

  if (!grant_jwk_permits (key, operation, error))
    return FALSE;

  if (g_str_equal (operation, "sign") && !grant_jwk_is_private (key))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                   _("Signing with %s needs a private key; this is %s"), algorithm->name,
                   describe_key (key));
      return FALSE;
    }

  return TRUE;
}

/**
 * grant_jws_algorithm_check_key:
 * @alg: a JWS `alg`
 * @key: a key
 * @operation: "sign" or "verify"
 * @error: return location for a #GError
 *
 * Checks that @key may be used with @alg for @operation: the key's type, curve and size fit
 * the algorithm, its own `alg` (if any) is @alg, and its `use` and `key_ops` permit it.
 *
 * Returns: %FALSE with @error set (%GRANT_JOSE_ERROR_ALG_NONE, %GRANT_JOSE_ERROR_UNSUPPORTED
 *   or %GRANT_JOSE_ERROR_KEY_MISMATCH) when it may not
 */
gboolean
grant_jws_algorithm_check_key (const char  *alg,
                               GrantJwk    *key,
                               const char  *operation,
                               GError     **error)
{
  const Algorithm *algorithm;

  g_return_val_if_fail (GRANT_IS_JWK (key), FALSE);
  g_return_val_if_fail (operation != NULL, FALSE);

  algorithm = lookup_algorithm (alg, error);
  if (algorithm == NULL)
    return FALSE;

  return check_key (algorithm, key, operation, error);
}

static gboolean
crypto_error (GError     **error,
              const char  *what)
{
  unsigned long code = ERR_peek_last_error ();
  char detail[256] = "no detail from OpenSSL";

  if (code != 0)
    ERR_error_string_n (code, detail, sizeof detail);
  ERR_clear_error ();

  g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_CRYPTO, _("%s failed: %s"), what, detail);

  return FALSE;
}

/* Fetching HMAC and its digest from OpenSSL's providers costs as much as the HMAC of a token
 * itself, so each HS* algorithm gets one context, made once with its digest set; every MAC
 * starts from a copy of it. The templates are never changed after they are made, so copying
 * them from several threads is safe. */
static gpointer
make_hmac_template (gpointer data)
{
  const char *digest = data;
  OSSL_PARAM params[2];
  EVP_MAC *hmac = EVP_MAC_fetch (NULL, "HMAC", NULL);
  EVP_MAC_CTX *ctx = hmac != NULL ? EVP_MAC_CTX_new (hmac) : NULL;

  params[0] = OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_DIGEST, (char *) digest, 0);
  params[1] = OSSL_PARAM_construct_end ();
  if (ctx != NULL && EVP_MAC_CTX_set_params (ctx, params) != 1)
    g_clear_pointer (&ctx, EVP_MAC_CTX_free);

  EVP_MAC_free (hmac);
  ERR_clear_error ();

  return ctx;
}

static EVP_MAC_CTX *
new_hmac_context (const Algorithm *algorithm)
{
  static GOnce templates[3] = { G_ONCE_INIT, G_ONCE_INIT, G_ONCE_INIT };
  guint index = algorithm->digest_size == 32 ? 0 : algorithm->digest_size == 48 ? 1 : 2;
  EVP_MAC_CTX *template = g_once (&templates[index], make_hmac_template,
                                  (gpointer) algorithm->digest);

  return template != NULL ? EVP_MAC_CTX_dup (template) : NULL;
}

static gboolean
compute_hmac (const Algorithm *algorithm,
              GrantJwk        *key,
              const guint8    *data,
              gsize            data_length,
              guint8          *mac,
              GError         **error)
{
  EVP_MAC_CTX *ctx = new_hmac_context (algorithm);
  gsize secret_length;
  const guint8 *secret = g_bytes_get_data (grant_jwk_get_secret (key), &secret_length);
  size_t mac_length = 0;
  gboolean ok;

  ok = ctx != NULL
       && EVP_MAC_init (ctx, secret, secret_length, NULL) == 1
       && EVP_MAC_update (ctx, data, data_length) == 1
       && EVP_MAC_final (ctx, mac, &mac_length, algorithm->digest_size) == 1
       && mac_length == algorithm->digest_size;

  EVP_MAC_CTX_free (ctx);

  if (!ok)
    return crypto_error (error, "HMAC");

  return TRUE;
}

/* Sets up a digest-sign or digest-verify context for the RSA, ECDSA and EdDSA families. */
static EVP_MD_CTX *
new_digest_context (const Algorithm  *algorithm,
                    GrantJwk         *key,
                    gboolean          sign,
                    GError          **error)
{
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  EVP_PKEY_CTX *pctx = NULL;
  int ok;

  if (sign)
    ok = EVP_DigestSignInit_ex (ctx, &pctx, algorithm->digest, NULL, NULL,
                                grant_jwk_get_pkey (key), NULL);
  else
    ok = EVP_DigestVerifyInit_ex (ctx, &pctx, algorithm->digest, NULL, NULL,
                                  grant_jwk_get_pkey (key), NULL);

  /* RFC 7518 §3.5: the salt is as long as the hash, and MGF1 uses the same hash. Letting
   * OpenSSL detect the salt length would accept signatures made with other lengths. */
  if (ok == 1 && algorithm->family == FAMILY_RSA_PSS)
    ok = EVP_PKEY_CTX_set_rsa_padding (pctx, RSA_PKCS1_PSS_PADDING) == 1
         && EVP_PKEY_CTX_set_rsa_pss_saltlen (pctx, RSA_PSS_SALTLEN_DIGEST) == 1
         && EVP_PKEY_CTX_set_rsa_mgf1_md_name (pctx, algorithm->digest, NULL) == 1;
  else if (ok == 1 && algorithm->family == FAMILY_RSA_PKCS1)
    ok = EVP_PKEY_CTX_set_rsa_padding (pctx, RSA_PKCS1_PADDING) == 1;

  if (ok != 1)
    {
      EVP_MD_CTX_free (ctx);
      crypto_error (error, sign ? "Preparing to sign" : "Preparing to verify");
      return NULL;
    }

  return ctx;
}

/* ECDSA in JWS is r‖s, each exactly the curve's size (RFC 7518 §3.4); OpenSSL wants DER. */
static guint8 *
ecdsa_raw_to_der (const Algorithm *algorithm,
                  const guint8    *signature,
                  gsize            signature_length,
                  gsize           *der_length)
{
  ECDSA_SIG *sig = ECDSA_SIG_new ();
  BIGNUM *r = BN_bin2bn (signature, (int) algorithm->coordinate_size, NULL);
  BIGNUM *s = BN_bin2bn (signature + algorithm->coordinate_size,
                         (int) algorithm->coordinate_size, NULL);
  guint8 *der = NULL;
  int length;

  g_assert (signature_length == 2 * algorithm->coordinate_size);

  if (sig == NULL || r == NULL || s == NULL || ECDSA_SIG_set0 (sig, r, s) != 1)
    {
      BN_free (r);
      BN_free (s);
      ECDSA_SIG_free (sig);
      return NULL;
    }

  length = i2d_ECDSA_SIG (sig, &der);
  ECDSA_SIG_free (sig);
  if (length <= 0)
    return NULL;

  *der_length = (gsize) length;

  return der;
}

static GBytes *
ecdsa_der_to_raw (const Algorithm *algorithm,
                  const guint8    *der,
                  gsize            der_length)
{
  const guint8 *p = der;
  ECDSA_SIG *sig = d2i_ECDSA_SIG (NULL, &p, (long) der_length);
  const BIGNUM *r;
  const BIGNUM *s;
  guint8 *raw;

  if (sig == NULL)
    return NULL;

  ECDSA_SIG_get0 (sig, &r, &s);
  raw = g_malloc (2 * algorithm->coordinate_size);
  if (BN_bn2binpad (r, raw, (int) algorithm->coordinate_size) < 0
      || BN_bn2binpad (s, raw + algorithm->coordinate_size, (int) algorithm->coordinate_size) < 0)
    {
      g_free (raw);
      ECDSA_SIG_free (sig);
      return NULL;
    }
  ECDSA_SIG_free (sig);

  return g_bytes_new_take (raw, 2 * algorithm->coordinate_size);
}

static gboolean
bad_signature (GError     **error,
               const char  *alg,
               const char  *why)
{
  ERR_clear_error ();
  if (why != NULL)
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE,
                 /* Translators: the first %s is a JWS algorithm, the second the reason. */
                 _("The %s signature does not verify: %s"), alg, why);
  else
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE,
                 _("The %s signature does not verify"), alg);

  return FALSE;
}

/**
 * grant_jws_algorithm_verify:
 * @alg: a JWS `alg`
 * @key: the key to verify with
 * @data: (array length=data_length): the signed bytes (for a JWS, the signing input)
 * @data_length: their length
 * @signature: (array length=signature_length): the signature or MAC
 * @signature_length: its length
 * @error: return location for a #GError
 *
 * Verifies @signature over @data with @key, after checking that @key fits @alg
 * (grant_jws_algorithm_check_key()). HMACs are compared in constant time and must be the
 * hash's full length; ECDSA signatures must be r‖s of exactly the curve's size; RSA-PSS uses
 * a salt as long as the hash.
 *
 * Returns: %TRUE if the signature is valid; otherwise %FALSE with @error set, and
 *   %GRANT_JOSE_ERROR_BAD_SIGNATURE when the key fit but the signature did not match
 */
gboolean
grant_jws_algorithm_verify (const char    *alg,
                            GrantJwk      *key,
                            const guint8  *data,
                            gsize          data_length,
                            const guint8  *signature,
                            gsize          signature_length,
                            GError       **error)
{
  const Algorithm *algorithm;
  g_autofree guint8 *der = NULL;
  EVP_MD_CTX *ctx;
  int verified;

  g_return_val_if_fail (GRANT_IS_JWK (key), FALSE);
  g_return_val_if_fail (data != NULL || data_length == 0, FALSE);
  g_return_val_if_fail (signature != NULL || signature_length == 0, FALSE);

  algorithm = lookup_algorithm (alg, error);
  if (algorithm == NULL || !check_key (algorithm, key, "verify", error))
    return FALSE;

  switch (algorithm->family)
    {
    case FAMILY_HMAC:
      {
        guint8 mac[EVP_MAX_MD_SIZE];

        if (signature_length != algorithm->digest_size)
          return bad_signature (error, alg, "the MAC has the wrong length");
        if (!compute_hmac (algorithm, key, data, data_length, mac, error))
          return FALSE;
        if (CRYPTO_memcmp (mac, signature, algorithm->digest_size) != 0)
          return bad_signature (error, alg, NULL);
        return TRUE;
      }

    case FAMILY_ECDSA:
      {
        gsize der_length = 0;

        if (signature_length != 2 * algorithm->coordinate_size)
          {
            g_autofree char *why = g_strdup_printf ("an %s signature is %" G_GSIZE_FORMAT
                                                    " bytes, this one %" G_GSIZE_FORMAT,
                                                    alg, 2 * algorithm->coordinate_size,
                                                    signature_length);

            return bad_signature (error, alg, why);
          }

        der = ecdsa_raw_to_der (algorithm, signature, signature_length, &der_length);
        if (der == NULL)
          return crypto_error (error, "Encoding the ECDSA signature");
        signature = der;
        signature_length = der_length;
      }
      break;

    case FAMILY_EDDSA:
      if (signature_length != 64)
        return bad_signature (error, alg, "an Ed25519 signature is 64 bytes");
      break;

    case FAMILY_RSA_PKCS1:
    case FAMILY_RSA_PSS:
      break;

    default:
      g_assert_not_reached ();
    }

  ctx = new_digest_context (algorithm, key, FALSE, error);
  if (ctx == NULL)
    return FALSE;

  verified = EVP_DigestVerify (ctx, signature, signature_length, data, data_length);
  EVP_MD_CTX_free (ctx);

  if (verified != 1)
    return bad_signature (error, alg, NULL);

  return TRUE;
}

/**
 * grant_jws_algorithm_sign:
 * @alg: a JWS `alg`
 * @key: a private key, or a secret for HS*
 * @data: (array length=data_length): the bytes to sign
 * @data_length: their length
 * @error: return location for a #GError
 *
 * Signs @data with @key, after checking that @key fits @alg. ECDSA signatures come out as
 * r‖s of the curve's size, as JWS wants them.
 *
 * Returns: (transfer full): the signature, or %NULL with @error set
 */
GBytes *
grant_jws_algorithm_sign (const char    *alg,
                          GrantJwk      *key,
                          const guint8  *data,
                          gsize          data_length,
                          GError       **error)
{
  const Algorithm *algorithm;
  g_autofree guint8 *signature = NULL;
  EVP_MD_CTX *ctx;
  size_t length = 0;
  gboolean ok;

  g_return_val_if_fail (GRANT_IS_JWK (key), NULL);
  g_return_val_if_fail (data != NULL || data_length == 0, NULL);

  algorithm = lookup_algorithm (alg, error);
  if (algorithm == NULL || !check_key (algorithm, key, "sign", error))
    return NULL;

  if (algorithm->family == FAMILY_HMAC)
    {
      guint8 mac[EVP_MAX_MD_SIZE];

      if (!compute_hmac (algorithm, key, data, data_length, mac, error))
        return NULL;

      return g_bytes_new (mac, algorithm->digest_size);
    }

  ctx = new_digest_context (algorithm, key, TRUE, error);
  if (ctx == NULL)
    return NULL;

  ok = EVP_DigestSign (ctx, NULL, &length, data, data_length) == 1;
  if (ok)
    {
      signature = g_malloc (length);
      ok = EVP_DigestSign (ctx, signature, &length, data, data_length) == 1;
    }
  EVP_MD_CTX_free (ctx);

  if (!ok)
    {
      crypto_error (error, "Signing");
      return NULL;
    }

  if (algorithm->family == FAMILY_ECDSA)
    {
      GBytes *raw = ecdsa_der_to_raw (algorithm, signature, length);

      if (raw == NULL)
        crypto_error (error, "Decoding the ECDSA signature");
      return raw;
    }

  return g_bytes_new_take (g_steal_pointer (&signature), length);
}
