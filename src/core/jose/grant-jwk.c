/* grant-jwk.c
 * A JSON Web Key (RFC 7517, RFC 7518 §6, RFC 8037) as an OpenSSL key or a MAC secret.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are built with OSSL_PARAM_BLD and EVP_PKEY_fromdata. An EC public point is passed as
 * the encoded point 0x04‖x‖y (OSSL_PKEY_PARAM_PUB_KEY) and then checked to be on the curve:
 * passing x and y separately silently gives a key without a usable public point.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-jose-json.h"
#include "grant-jwk.h"

struct _GrantJwk
{
  GObject       parent_instance;

  GrantJwkType  key_type;
  const char   *curve;       /* static: "P-256", "P-384", "P-521", "Ed25519" or NULL */
  EVP_PKEY     *pkey;        /* RSA, EC and OKP */
  GBytes       *secret;      /* oct */
  gboolean      is_private;
  char         *kid;
  char         *alg;
  char         *use;
  GStrv         key_ops;
};

G_DEFINE_FINAL_TYPE (GrantJwk, grant_jwk, G_TYPE_OBJECT)

typedef struct
{
  const char *crv;
  const char *group;         /* OpenSSL's name */
  gsize       size;          /* bytes in a coordinate or a private scalar */
} Curve;

static const Curve ec_curves[] = {
  { "P-256", "prime256v1", 32 },
  { "P-384", "secp384r1", 48 },
  { "P-521", "secp521r1", 66 },
};

#define ED25519_KEY_SIZE 32

static void
grant_jwk_finalize (GObject *object)
{
  GrantJwk *self = (GrantJwk *)object;

  g_clear_pointer (&self->pkey, EVP_PKEY_free);
  g_clear_pointer (&self->secret, g_bytes_unref);
  g_clear_pointer (&self->kid, g_free);
  g_clear_pointer (&self->alg, g_free);
  g_clear_pointer (&self->use, g_free);
  g_clear_pointer (&self->key_ops, g_strfreev);

  G_OBJECT_CLASS (grant_jwk_parent_class)->finalize (object);
}

static void
grant_jwk_class_init (GrantJwkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_jwk_finalize;
}

static void
grant_jwk_init (GrantJwk *self)
{
}

static const Curve *
find_ec_curve_by_crv (const char *crv)
{
  for (guint i = 0; i < G_N_ELEMENTS (ec_curves); i++)
    {
      if (g_strcmp0 (ec_curves[i].crv, crv) == 0)
        return &ec_curves[i];
    }

  return NULL;
}

static const Curve *
find_ec_curve_by_group (const char *group)
{
  for (guint i = 0; i < G_N_ELEMENTS (ec_curves); i++)
    {
      if (g_strcmp0 (ec_curves[i].group, group) == 0)
        return &ec_curves[i];
    }

  return NULL;
}

/* The newest OpenSSL error, for a message; the queue is cleared so that it cannot leak into
 * a later, unrelated error. */
static char *
take_openssl_error (void)
{
  unsigned long code = ERR_peek_last_error ();
  char buffer[256];

  ERR_clear_error ();
  if (code == 0)
    return g_strdup ("no detail from OpenSSL");

  ERR_error_string_n (code, buffer, sizeof buffer);

  return g_strdup (buffer);
}

/* A required or optional base64url member. */
static GBytes *
decode_member (JsonObject  *object,
               const char  *member,
               gboolean     required,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;
  GBytes *bytes;

  if (!grant_jose_json_get_string (object, member, &text, error))
    return NULL;

  if (text == NULL)
    {
      if (required)
        g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                     _("The key has no “%s”, which it needs"), member);
      return NULL;
    }

  bytes = grant_base64url_decode (text, -1, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("The key's “%s” is not valid: %s"), member, local_error->message);
      return NULL;
    }

  return bytes;
}

static BIGNUM *
bytes_to_bn (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return BN_bin2bn (data, (int) length, NULL);
}

static EVP_PKEY *
pkey_from_params (const char      *type,
                  OSSL_PARAM_BLD  *builder,
                  gboolean         is_private,
                  GError         **error)
{
  OSSL_PARAM *params = NULL;
  EVP_PKEY_CTX *ctx = NULL;
  EVP_PKEY *pkey = NULL;

  params = OSSL_PARAM_BLD_to_param (builder);
  ctx = EVP_PKEY_CTX_new_from_name (NULL, type, NULL);

  if (params == NULL || ctx == NULL
      || EVP_PKEY_fromdata_init (ctx) <= 0
      || EVP_PKEY_fromdata (ctx, &pkey, is_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                            params) <= 0)
    {
      g_autofree char *detail = take_openssl_error ();

      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("OpenSSL does not accept the %s key: %s"), type, detail);
      g_clear_pointer (&pkey, EVP_PKEY_free);
    }

  OSSL_PARAM_free (params);
  EVP_PKEY_CTX_free (ctx);

  return pkey;
}

/* Checks a public key (the point is on its curve) or a key pair (the halves belong together). */
static gboolean
check_pkey (EVP_PKEY    *pkey,
            gboolean     is_private,
            const char  *what,
            GError     **error)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey (NULL, pkey, NULL);
  gboolean ok;

  ok = ctx != NULL
       && EVP_PKEY_public_check (ctx) == 1
       && (!is_private || EVP_PKEY_pairwise_check (ctx) == 1);
  EVP_PKEY_CTX_free (ctx);

  if (!ok)
    {
      g_autofree char *detail = take_openssl_error ();

      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   "%s: %s", what, detail);
    }

  return ok;
}

/* ROCA (CVE-2017-15361): moduli made by a flawed Infineon library are such that n mod p lies
 * in the subgroup generated by 65537 for every small prime p, and their private keys can be
 * computed from the public ones. This is the fingerprint test of the ROCA paper (Nemec et al.,
 * CCS 2017); a modulus from any other generator passes it by chance with negligible odds. */
static gboolean
rsa_has_roca_fingerprint (const BIGNUM *n)
{
  static const guint primes[] = {
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
    97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
  };

  for (guint i = 0; i < G_N_ELEMENTS (primes); i++)
    {
      BN_ULONG residue = BN_mod_word (n, primes[i]);
      guint power = 1;
      gboolean in_subgroup = FALSE;

      if (residue == (BN_ULONG) -1)
        return FALSE;

      /* Walk the powers of 65537 mod p until they repeat. */
      do
        {
          if (power == residue)
            {
              in_subgroup = TRUE;
              break;
            }
          power = (guint) (((guint64) power * (65537 % primes[i])) % primes[i]);
        }
      while (power != 1);

      if (!in_subgroup)
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_rsa_modulus (EVP_PKEY  *pkey,
                   GError   **error)
{
  BIGNUM *n = NULL;
  gboolean weak;

  if (EVP_PKEY_get_bn_param (pkey, OSSL_PKEY_PARAM_RSA_N, &n) != 1)
    {
      ERR_clear_error ();
      return TRUE;
    }

  weak = rsa_has_roca_fingerprint (n);
  BN_free (n);

  if (weak)
    g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                         _("The RSA key has the ROCA fingerprint (CVE-2017-15361): its private "
                         "key can be computed from the public one, so nothing it signs can be "
                         "trusted"));

  return !weak;
}

static EVP_PKEY *
rsa_from_json (JsonObject  *object,
               gboolean    *is_private,
               GError     **error)
{
  static const struct {
    const char *member;
    const char *param;
  } private_members[] = {
    { "d", OSSL_PKEY_PARAM_RSA_D },
    { "p", OSSL_PKEY_PARAM_RSA_FACTOR1 },
    { "q", OSSL_PKEY_PARAM_RSA_FACTOR2 },
    { "dp", OSSL_PKEY_PARAM_RSA_EXPONENT1 },
    { "dq", OSSL_PKEY_PARAM_RSA_EXPONENT2 },
    { "qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1 },
  };
  g_autoptr(GBytes) n = NULL;
  g_autoptr(GBytes) e = NULL;
  OSSL_PARAM_BLD *builder = NULL;
  BIGNUM *numbers[2 + G_N_ELEMENTS (private_members)] = { NULL };
  EVP_PKEY *pkey = NULL;
  guint n_private = 0;

  if (json_object_has_member (object, "oth"))
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                           _("Multi-prime RSA keys (“oth”) are not supported"));
      return NULL;
    }

  n = decode_member (object, "n", TRUE, error);
  if (n == NULL)
    return NULL;
  e = decode_member (object, "e", TRUE, error);
  if (e == NULL)
    return NULL;

  if (g_bytes_get_size (n) == 0 || g_bytes_get_size (e) == 0)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                           _("The RSA key's modulus or exponent is empty"));
      return NULL;
    }

  builder = OSSL_PARAM_BLD_new ();
  numbers[0] = bytes_to_bn (n);
  numbers[1] = bytes_to_bn (e);
  OSSL_PARAM_BLD_push_BN (builder, OSSL_PKEY_PARAM_RSA_N, numbers[0]);
  OSSL_PARAM_BLD_push_BN (builder, OSSL_PKEY_PARAM_RSA_E, numbers[1]);

  for (guint i = 0; i < G_N_ELEMENTS (private_members); i++)
    {
      g_autoptr(GBytes) value = NULL;
      g_autoptr(GError) local_error = NULL;

      value = decode_member (object, private_members[i].member, FALSE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
      if (value == NULL)
        continue;

      numbers[2 + i] = bytes_to_bn (value);
      OSSL_PARAM_BLD_push_BN (builder, private_members[i].param, numbers[2 + i]);
      n_private++;
    }

  /* "d" alone works; the CRT parameters come all together or not at all (RFC 7518 §6.3.2). */
  if (n_private > 0 && (numbers[2] == NULL || (n_private != 1 && n_private != 6)))
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                           _("The RSA private key has some of “p”, “q”, “dp”, “dq”, “qi” but not "
                           "all of them, or lacks “d”"));
      goto out;
    }

  *is_private = n_private > 0;
  pkey = pkey_from_params ("RSA", builder, *is_private, error);

  if (pkey != NULL && *is_private
      && !check_pkey (pkey, TRUE, "The RSA private key does not match its public key", error))
    g_clear_pointer (&pkey, EVP_PKEY_free);

  if (pkey != NULL && !check_rsa_modulus (pkey, error))
    g_clear_pointer (&pkey, EVP_PKEY_free);

out:
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    BN_clear_free (numbers[i]);
  OSSL_PARAM_BLD_free (builder);

  return pkey;
}

static EVP_PKEY *
ec_from_json (JsonObject    *object,
              const Curve  **curve_out,
              gboolean      *is_private,
              GError       **error)
{
  g_autoptr(GBytes) x = NULL;
  g_autoptr(GBytes) y = NULL;
  g_autoptr(GBytes) d = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *point = NULL;
  OSSL_PARAM_BLD *builder = NULL;
  BIGNUM *scalar = NULL;
  EVP_PKEY *pkey = NULL;
  const Curve *curve;
  const char *crv;

  if (!grant_jose_json_get_string (object, "crv", &crv, error))
    return NULL;
  if (crv == NULL)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                           _("The EC key has no “crv”"));
      return NULL;
    }

  curve = find_ec_curve_by_crv (crv);
  if (curve == NULL)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                   _("The EC curve “%s” is not supported (P-256, P-384 and P-521 are)"), crv);
      return NULL;
    }

  x = decode_member (object, "x", TRUE, error);
  if (x == NULL)
    return NULL;
  y = decode_member (object, "y", TRUE, error);
  if (y == NULL)
    return NULL;
  d = decode_member (object, "d", FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* RFC 7518 §6.2.1.2, §6.2.2.1: each coordinate, and d, is the full size for the curve. */
  if (g_bytes_get_size (x) != curve->size || g_bytes_get_size (y) != curve->size
      || (d != NULL && g_bytes_get_size (d) != curve->size))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("The %s key's “x”, “y” and “d” must each be %llu bytes; "
                     "they are %llu, %llu and %llu"),
                   crv, (unsigned long long) curve->size,
                   (unsigned long long) g_bytes_get_size (x),
                   (unsigned long long) g_bytes_get_size (y),
                   (unsigned long long) (d != NULL ? g_bytes_get_size (d) : 0));
      return NULL;
    }

  point = g_malloc (1 + 2 * curve->size);
  point[0] = 0x04;
  memcpy (point + 1, g_bytes_get_data (x, NULL), curve->size);
  memcpy (point + 1 + curve->size, g_bytes_get_data (y, NULL), curve->size);

  builder = OSSL_PARAM_BLD_new ();
  OSSL_PARAM_BLD_push_utf8_string (builder, OSSL_PKEY_PARAM_GROUP_NAME, curve->group, 0);
  OSSL_PARAM_BLD_push_octet_string (builder, OSSL_PKEY_PARAM_PUB_KEY, point,
                                    1 + 2 * curve->size);
  if (d != NULL)
    {
      scalar = bytes_to_bn (d);
      OSSL_PARAM_BLD_push_BN (builder, OSSL_PKEY_PARAM_PRIV_KEY, scalar);
    }

  *is_private = d != NULL;
  *curve_out = curve;
  pkey = pkey_from_params ("EC", builder, *is_private, &local_error);
  if (pkey == NULL)
    {
      /* OpenSSL checks the point while importing it. */
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("The %s key is not valid: its point is not on its curve, or its private "
                   "scalar is out of range (%s)"), crv, local_error->message);
    }

  if (pkey != NULL
      && !check_pkey (pkey, *is_private,
                      *is_private ? "The EC private key does not match its public point"
                                  : "The EC key's point is not on its curve",
                      error))
    g_clear_pointer (&pkey, EVP_PKEY_free);

  BN_clear_free (scalar);
  OSSL_PARAM_BLD_free (builder);
  if (d != NULL)
    OPENSSL_cleanse ((void *) g_bytes_get_data (d, NULL), g_bytes_get_size (d));

  return pkey;
}

static EVP_PKEY *
okp_from_json (JsonObject  *object,
               gboolean    *is_private,
               GError     **error)
{
  g_autoptr(GBytes) x = NULL;
  g_autoptr(GBytes) d = NULL;
  g_autoptr(GError) local_error = NULL;
  EVP_PKEY *pkey;
  const char *crv;

  if (!grant_jose_json_get_string (object, "crv", &crv, error))
    return NULL;
  if (g_strcmp0 (crv, "Ed25519") != 0)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                   _("The OKP curve “%s” is not supported (Ed25519 is)"),
                   crv != NULL ? crv : "(none)");
      return NULL;
    }

  x = decode_member (object, "x", TRUE, error);
  if (x == NULL)
    return NULL;
  d = decode_member (object, "d", FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (g_bytes_get_size (x) != ED25519_KEY_SIZE
      || (d != NULL && g_bytes_get_size (d) != ED25519_KEY_SIZE))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("An Ed25519 key's “x” and “d” are %d bytes each"), ED25519_KEY_SIZE);
      return NULL;
    }

  if (d != NULL)
    pkey = EVP_PKEY_new_raw_private_key (EVP_PKEY_ED25519, NULL, g_bytes_get_data (d, NULL),
                                         ED25519_KEY_SIZE);
  else
    pkey = EVP_PKEY_new_raw_public_key (EVP_PKEY_ED25519, NULL, g_bytes_get_data (x, NULL),
                                        ED25519_KEY_SIZE);

  if (pkey == NULL)
    {
      g_autofree char *detail = take_openssl_error ();

      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("OpenSSL does not accept the Ed25519 key: %s"), detail);
      return NULL;
    }

  /* The public key follows from the private one; a JWK that says otherwise is not one key. */
  if (d != NULL)
    {
      guint8 derived[ED25519_KEY_SIZE];
      size_t derived_length = sizeof derived;

      if (EVP_PKEY_get_raw_public_key (pkey, derived, &derived_length) != 1
          || derived_length != ED25519_KEY_SIZE
          || CRYPTO_memcmp (derived, g_bytes_get_data (x, NULL), ED25519_KEY_SIZE) != 0)
        {
          ERR_clear_error ();
          EVP_PKEY_free (pkey);
          g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                               _("The Ed25519 private key does not match its “x”"));
          return NULL;
        }
      OPENSSL_cleanse ((void *) g_bytes_get_data (d, NULL), g_bytes_get_size (d));
    }

  *is_private = d != NULL;

  return pkey;
}

static gboolean
read_common_members (GrantJwk    *self,
                     JsonObject  *object,
                     GError     **error)
{
  const char *kid;
  const char *alg;
  const char *use;
  JsonNode *key_ops;

  if (!grant_jose_json_get_string (object, "kid", &kid, error)
      || !grant_jose_json_get_string (object, "alg", &alg, error)
      || !grant_jose_json_get_string (object, "use", &use, error))
    return FALSE;

  self->kid = g_strdup (kid);
  self->alg = g_strdup (alg);
  self->use = g_strdup (use);

  key_ops = json_object_get_member (object, "key_ops");
  if (key_ops != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (key_ops))
        {
          g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                               _("The key's “key_ops” must be an array of strings"));
          return FALSE;
        }

      array = json_node_get_array (key_ops);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *operation;

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                                   _("The key's “key_ops” must be an array of strings"));
              return FALSE;
            }

          operation = json_node_get_string (element);
          if (!g_hash_table_add (seen, (gpointer) operation))
            {
              g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                           _("The key's “key_ops” lists “%s” twice (RFC 7517 §4.3)"), operation);
              return FALSE;
            }
          g_strv_builder_add (builder, operation);
        }

      self->key_ops = g_strv_builder_end (builder);
    }

  return TRUE;
}

/**
 * grant_jwk_new_from_json:
 * @object: a JWK
 * @error: return location for a #GError
 *
 * Makes a key from a JWK: RSA (public or private), EC on P-256, P-384 or P-521 (the point is
 * checked to be on the curve, and a private key to match it), OKP Ed25519, or oct.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
GrantJwk *
grant_jwk_new_from_json (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(GrantJwk) self = NULL;
  const char *kty;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!grant_jose_json_get_string (object, "kty", &kty, error))
    return NULL;
  if (kty == NULL)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                           _("The key has no “kty”"));
      return NULL;
    }

  self = g_object_new (GRANT_TYPE_JWK, NULL);
  if (!read_common_members (self, object, error))
    return NULL;

  if (g_str_equal (kty, "RSA"))
    {
      self->key_type = GRANT_JWK_TYPE_RSA;
      self->pkey = rsa_from_json (object, &self->is_private, error);
    }
  else if (g_str_equal (kty, "EC"))
    {
      const Curve *curve = NULL;

      self->key_type = GRANT_JWK_TYPE_EC;
      self->pkey = ec_from_json (object, &curve, &self->is_private, error);
      self->curve = curve != NULL ? curve->crv : NULL;
    }
  else if (g_str_equal (kty, "OKP"))
    {
      self->key_type = GRANT_JWK_TYPE_OKP;
      self->curve = "Ed25519";
      self->pkey = okp_from_json (object, &self->is_private, error);
    }
  else if (g_str_equal (kty, "oct"))
    {
      self->key_type = GRANT_JWK_TYPE_OCT;
      self->secret = decode_member (object, "k", TRUE, error);
      self->is_private = TRUE;
      if (self->secret == NULL)
        return NULL;
      return g_steal_pointer (&self);
    }
  else
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                   _("The key type “%s” is not supported (RSA, EC, OKP and oct are)"), kty);
      return NULL;
    }

  if (self->pkey == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * grant_jwk_new_from_data:
 * @data: a JWK as JSON text
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
GrantJwk *
grant_jwk_new_from_data (const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  object = grant_jose_json_parse_object (data, length < 0 ? strlen (data) : (gsize) length,
                                         N_("The JWK"), error);
  if (object == NULL)
    return NULL;

  return grant_jwk_new_from_json (object, error);
}

/**
 * grant_jwk_new_from_pkey:
 * @pkey: an RSA, EC (P-256, P-384, P-521) or Ed25519 key
 * @error: return location for a #GError
 *
 * Wraps an OpenSSL key, taking a reference of its own.
 *
 * Returns: (transfer full): the key, or %NULL with @error set for another kind of key
 */
GrantJwk *
grant_jwk_new_from_pkey (EVP_PKEY  *pkey,
                         GError   **error)
{
  g_autoptr(GrantJwk) self = NULL;

  g_return_val_if_fail (pkey != NULL, NULL);

  self = g_object_new (GRANT_TYPE_JWK, NULL);

  switch (EVP_PKEY_get_base_id (pkey))
    {
    case EVP_PKEY_RSA:
      {
        BIGNUM *d = NULL;

        self->key_type = GRANT_JWK_TYPE_RSA;
        self->is_private = EVP_PKEY_get_bn_param (pkey, OSSL_PKEY_PARAM_RSA_D, &d) == 1;
        BN_clear_free (d);
        if (!check_rsa_modulus (pkey, error))
          return NULL;
      }
      break;

    case EVP_PKEY_EC:
      {
        char group[64];
        const Curve *curve;
        BIGNUM *priv = NULL;

        if (EVP_PKEY_get_utf8_string_param (pkey, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                            sizeof group, NULL) != 1
            || (curve = find_ec_curve_by_group (group)) == NULL)
          {
            ERR_clear_error ();
            g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                                 _("The EC key is not on P-256, P-384 or P-521"));
            return NULL;
          }
        self->key_type = GRANT_JWK_TYPE_EC;
        self->curve = curve->crv;
        self->is_private = EVP_PKEY_get_bn_param (pkey, OSSL_PKEY_PARAM_PRIV_KEY, &priv) == 1;
        BN_clear_free (priv);
      }
      break;

    case EVP_PKEY_ED25519:
      {
        size_t length = 0;

        self->key_type = GRANT_JWK_TYPE_OKP;
        self->curve = "Ed25519";
        self->is_private = EVP_PKEY_get_raw_private_key (pkey, NULL, &length) == 1;
      }
      break;

    default:
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                           _("Only RSA, EC and Ed25519 keys can be used for JWS"));
      return NULL;
    }

  ERR_clear_error ();
  EVP_PKEY_up_ref (pkey);
  self->pkey = pkey;

  return g_steal_pointer (&self);
}

/**
 * grant_jwk_new_from_pem:
 * @pem: a PEM private key (PKCS#8 or traditional) or public key (SubjectPublicKeyInfo)
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
GrantJwk *
grant_jwk_new_from_pem (const char  *pem,
                        gssize       length,
                        GError     **error)
{
  EVP_PKEY *pkey;
  BIO *bio;
  GrantJwk *self;

  g_return_val_if_fail (pem != NULL, NULL);

  if (length < 0)
    length = strlen (pem);

  bio = BIO_new_mem_buf (pem, (int) length);
  pkey = PEM_read_bio_PrivateKey (bio, NULL, NULL, (void *) "");
  if (pkey == NULL)
    {
      BIO_free (bio);
      ERR_clear_error ();
      bio = BIO_new_mem_buf (pem, (int) length);
      pkey = PEM_read_bio_PUBKEY (bio, NULL, NULL, NULL);
    }
  BIO_free (bio);

  if (pkey == NULL)
    {
      g_autofree char *detail = take_openssl_error ();

      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("The text is not a PEM private or public key (%s)"), detail);
      return NULL;
    }

  self = grant_jwk_new_from_pkey (pkey, error);
  EVP_PKEY_free (pkey);

  return self;
}

/**
 * grant_jwk_new_private_from_data:
 * @data: a private key, as PEM or as a JWK
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Reads a key to sign with, in either form people keep one: PEM (PKCS#8 or traditional) or
 * a JWK. A public key is refused: it cannot sign.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
GrantJwk *
grant_jwk_new_private_from_data (const char  *data,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (g_strstr_len (data, length, "-----BEGIN") != NULL)
    key = grant_jwk_new_from_pem (data, length, error);
  else
    {
      key = grant_jwk_new_from_data (data, length, &local_error);
      if (key == NULL)
        g_set_error (error, GRANT_JOSE_ERROR, local_error->code,
                     _("This is neither a PEM key nor a JWK: %s"), local_error->message);
    }
  if (key == NULL)
    return NULL;

  if (!grant_jwk_is_private (key))
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                           _("This is a public key; signing needs the private key"));
      return NULL;
    }

  return g_steal_pointer (&key);
}

/**
 * grant_jwk_new_from_secret:
 * @secret: the octets of a symmetric key
 *
 * Returns: (transfer full): an oct key
 */
GrantJwk *
grant_jwk_new_from_secret (GBytes *secret)
{
  GrantJwk *self;

  g_return_val_if_fail (secret != NULL, NULL);

  self = g_object_new (GRANT_TYPE_JWK, NULL);
  self->key_type = GRANT_JWK_TYPE_OCT;
  self->secret = g_bytes_ref (secret);
  self->is_private = TRUE;

  return self;
}

/**
 * grant_jwk_generate:
 * @alg: the JWS algorithm the key is for
 * @error: return location for a #GError
 *
 * Makes a new key for @alg: RSA 2048 bits for RS* and PS*, the matching curve for ES*,
 * Ed25519 for EdDSA, and a random secret of the hash's size for HS*. The key's `alg` is
 * set, and its `kid` is its RFC 7638 thumbprint.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
GrantJwk *
grant_jwk_generate (const char  *alg,
                    GError     **error)
{
  g_autoptr(GrantJwk) self = NULL;
  g_autofree char *thumbprint = NULL;
  EVP_PKEY *pkey = NULL;

  g_return_val_if_fail (alg != NULL, NULL);

  if (g_str_has_prefix (alg, "HS") && (g_str_equal (alg + 2, "256")
                                       || g_str_equal (alg + 2, "384")
                                       || g_str_equal (alg + 2, "512")))
    {
      gsize size = (gsize) g_ascii_strtoull (alg + 2, NULL, 10) / 8;
      g_autofree guint8 *octets = g_malloc (size);
      g_autoptr(GBytes) secret = NULL;

      if (RAND_bytes (octets, (int) size) != 1)
        {
          g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_CRYPTO,
                               _("The random generator failed"));
          return NULL;
        }
      secret = g_bytes_new_take (g_steal_pointer (&octets), size);
      self = grant_jwk_new_from_secret (secret);
    }
  else
    {
      if (g_str_equal (alg, "RS256") || g_str_equal (alg, "RS384") || g_str_equal (alg, "RS512")
          || g_str_equal (alg, "PS256") || g_str_equal (alg, "PS384")
          || g_str_equal (alg, "PS512"))
        pkey = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) 2048);
      else if (g_str_equal (alg, "ES256"))
        pkey = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");
      else if (g_str_equal (alg, "ES384"))
        pkey = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-384");
      else if (g_str_equal (alg, "ES512"))
        pkey = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-521");
      else if (g_str_equal (alg, "EdDSA"))
        pkey = EVP_PKEY_Q_keygen (NULL, NULL, "ED25519");
      else
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                       _("Grant cannot make a key for “%s”"), alg);
          return NULL;
        }

      if (pkey == NULL)
        {
          g_autofree char *detail = take_openssl_error ();

          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_CRYPTO,
                       _("Could not make a key for %s: %s"), alg, detail);
          return NULL;
        }

      self = grant_jwk_new_from_pkey (pkey, error);
      EVP_PKEY_free (pkey);
      if (self == NULL)
        return NULL;
    }

  self->alg = g_strdup (alg);
  thumbprint = grant_jwk_dup_thumbprint (self);
  self->kid = g_steal_pointer (&thumbprint);

  return g_steal_pointer (&self);
}

static void
add_base64url_member (JsonObject   *object,
                      const char   *member,
                      const guint8 *data,
                      gsize         length)
{
  g_autofree char *encoded = grant_base64url_encode (data, length);

  json_object_set_string_member (object, member, encoded);
}

static gboolean
add_bn_member (JsonObject *object,
               const char *member,
               EVP_PKEY   *pkey,
               const char *param,
               gsize       padded_length)
{
  g_autofree guint8 *buffer = NULL;
  g_autofree char *encoded = NULL;
  BIGNUM *number = NULL;
  gsize length;

  if (EVP_PKEY_get_bn_param (pkey, param, &number) != 1)
    {
      ERR_clear_error ();
      return FALSE;
    }

  length = MAX ((gsize) BN_num_bytes (number), padded_length);
  if (length == 0)
    length = 1;
  buffer = g_malloc0 (length);
  BN_bn2binpad (number, buffer, (int) length);
  BN_clear_free (number);

  encoded = grant_base64url_encode (buffer, length);
  OPENSSL_cleanse (buffer, length);
  json_object_set_string_member (object, member, encoded);

  return TRUE;
}

/**
 * grant_jwk_to_json:
 * @self: a #GrantJwk
 * @include_private: whether to include the private (or secret) members
 *
 * Returns: (transfer full): the key as a JWK, with its kid, alg, use and key_ops
 */
JsonObject *
grant_jwk_to_json (GrantJwk *self,
                   gboolean  include_private)
{
  JsonObject *object;

  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "kty", grant_jwk_get_kty (self));

  switch (self->key_type)
    {
    case GRANT_JWK_TYPE_RSA:
      add_bn_member (object, "n", self->pkey, OSSL_PKEY_PARAM_RSA_N, 0);
      add_bn_member (object, "e", self->pkey, OSSL_PKEY_PARAM_RSA_E, 0);
      if (include_private && self->is_private)
        {
          add_bn_member (object, "d", self->pkey, OSSL_PKEY_PARAM_RSA_D, 0);
          add_bn_member (object, "p", self->pkey, OSSL_PKEY_PARAM_RSA_FACTOR1, 0);
          add_bn_member (object, "q", self->pkey, OSSL_PKEY_PARAM_RSA_FACTOR2, 0);
          add_bn_member (object, "dp", self->pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1, 0);
          add_bn_member (object, "dq", self->pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2, 0);
          add_bn_member (object, "qi", self->pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, 0);
        }
      break;

    case GRANT_JWK_TYPE_EC:
      {
        const Curve *curve = find_ec_curve_by_crv (self->curve);

        json_object_set_string_member (object, "crv", self->curve);
        add_bn_member (object, "x", self->pkey, OSSL_PKEY_PARAM_EC_PUB_X, curve->size);
        add_bn_member (object, "y", self->pkey, OSSL_PKEY_PARAM_EC_PUB_Y, curve->size);
        if (include_private && self->is_private)
          add_bn_member (object, "d", self->pkey, OSSL_PKEY_PARAM_PRIV_KEY, curve->size);
      }
      break;

    case GRANT_JWK_TYPE_OKP:
      {
        guint8 raw[ED25519_KEY_SIZE];
        size_t length = sizeof raw;

        json_object_set_string_member (object, "crv", self->curve);
        if (EVP_PKEY_get_raw_public_key (self->pkey, raw, &length) == 1)
          add_base64url_member (object, "x", raw, length);
        length = sizeof raw;
        if (include_private && self->is_private
            && EVP_PKEY_get_raw_private_key (self->pkey, raw, &length) == 1)
          add_base64url_member (object, "d", raw, length);
        OPENSSL_cleanse (raw, sizeof raw);
        ERR_clear_error ();
      }
      break;

    case GRANT_JWK_TYPE_OCT:
      if (include_private)
        {
          gsize length;
          const guint8 *data = g_bytes_get_data (self->secret, &length);

          add_base64url_member (object, "k", data, length);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (self->kid != NULL)
    json_object_set_string_member (object, "kid", self->kid);
  if (self->alg != NULL)
    json_object_set_string_member (object, "alg", self->alg);
  if (self->use != NULL)
    json_object_set_string_member (object, "use", self->use);
  if (self->key_ops != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; self->key_ops[i] != NULL; i++)
        json_array_add_string_element (array, self->key_ops[i]);
      json_object_set_array_member (object, "key_ops", array);
    }

  return object;
}

/**
 * grant_jwk_dup_thumbprint:
 * @self: a #GrantJwk
 *
 * Computes the key's JWK thumbprint (RFC 7638): SHA-256 over the required members in
 * lexicographic order without whitespace, base64url-encoded.
 *
 * Returns: (transfer full): the thumbprint
 */
char *
grant_jwk_dup_thumbprint (GrantJwk *self)
{
  static const char * const rsa[] = { "e", "kty", "n", NULL };
  static const char * const ec[] = { "crv", "kty", "x", "y", NULL };
  static const char * const okp[] = { "crv", "kty", "x", NULL };
  static const char * const oct[] = { "k", "kty", NULL };
  g_autoptr(JsonObject) jwk = NULL;
  g_autoptr(GString) canonical = g_string_new ("{");
  const char * const *members;
  guint8 digest[32];
  unsigned int digest_length = sizeof digest;

  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  jwk = grant_jwk_to_json (self, self->key_type == GRANT_JWK_TYPE_OCT);
  members = self->key_type == GRANT_JWK_TYPE_RSA ? rsa
            : self->key_type == GRANT_JWK_TYPE_EC ? ec
            : self->key_type == GRANT_JWK_TYPE_OKP ? okp
            : oct;

  /* Every value here is base64url or a fixed name, so none needs escaping. */
  for (guint i = 0; members[i] != NULL; i++)
    g_string_append_printf (canonical, "%s\"%s\":\"%s\"", i > 0 ? "," : "", members[i],
                            json_object_get_string_member (jwk, members[i]));
  g_string_append_c (canonical, '}');

  EVP_Digest (canonical->str, canonical->len, digest, &digest_length, EVP_sha256 (), NULL);
  if (self->key_type == GRANT_JWK_TYPE_OCT)
    OPENSSL_cleanse (canonical->str, canonical->len);

  return grant_base64url_encode (digest, digest_length);
}

/**
 * grant_jwk_get_key_type:
 * @self: a #GrantJwk
 *
 * Returns: the key type
 */
GrantJwkType
grant_jwk_get_key_type (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), GRANT_JWK_TYPE_OCT);

  return self->key_type;
}

/**
 * grant_jwk_get_kty:
 * @self: a #GrantJwk
 *
 * Returns: the JWK `kty`: "RSA", "EC", "OKP" or "oct"
 */
const char *
grant_jwk_get_kty (GrantJwk *self)
{
  static const char * const names[] = { "RSA", "EC", "OKP", "oct" };

  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  return names[self->key_type];
}

/**
 * grant_jwk_get_curve:
 * @self: a #GrantJwk
 *
 * Returns: (nullable): the `crv` of an EC or OKP key
 */
const char *
grant_jwk_get_curve (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  return self->curve;
}

/**
 * grant_jwk_get_bits:
 * @self: a #GrantJwk
 *
 * Returns: the key's size in bits: the modulus for RSA, the curve's for EC and OKP, the
 *   secret's for oct
 */
guint
grant_jwk_get_bits (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), 0);

  if (self->key_type == GRANT_JWK_TYPE_OCT)
    return (guint) g_bytes_get_size (self->secret) * 8;

  return (guint) EVP_PKEY_get_bits (self->pkey);
}

/**
 * grant_jwk_get_kid:
 * @self: a #GrantJwk
 *
 * Returns: (nullable): the key id
 */
const char *
grant_jwk_get_kid (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  return self->kid;
}

/**
 * grant_jwk_set_kid:
 * @self: a #GrantJwk
 * @kid: (nullable): the key id
 */
void
grant_jwk_set_kid (GrantJwk   *self,
                   const char *kid)
{
  g_return_if_fail (GRANT_IS_JWK (self));

  g_free (self->kid);
  self->kid = g_strdup (kid);
}

/**
 * grant_jwk_get_alg:
 * @self: a #GrantJwk
 *
 * Returns: (nullable): the algorithm the key is restricted to
 */
const char *
grant_jwk_get_alg (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  return self->alg;
}

/**
 * grant_jwk_set_alg:
 * @self: a #GrantJwk
 * @alg: (nullable): the algorithm the key is restricted to
 */
void
grant_jwk_set_alg (GrantJwk   *self,
                   const char *alg)
{
  g_return_if_fail (GRANT_IS_JWK (self));

  g_free (self->alg);
  self->alg = g_strdup (alg);
}

/**
 * grant_jwk_get_use:
 * @self: a #GrantJwk
 *
 * Returns: (nullable): the key's `use`, "sig" or "enc"
 */
const char *
grant_jwk_get_use (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  return self->use;
}

/**
 * grant_jwk_is_private:
 * @self: a #GrantJwk
 *
 * Returns: whether the key can sign: a private key, or a secret
 */
gboolean
grant_jwk_is_private (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), FALSE);

  return self->is_private;
}

/**
 * grant_jwk_permits:
 * @self: a #GrantJwk
 * @operation: "sign" or "verify"
 * @error: return location for a #GError
 *
 * Checks the key's `use` and `key_ops` (RFC 7517 §4.2, §4.3) allow @operation.
 *
 * Returns: %FALSE with %GRANT_JOSE_ERROR_KEY_MISMATCH when they do not
 */
gboolean
grant_jwk_permits (GrantJwk    *self,
                   const char  *operation,
                   GError     **error)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), FALSE);
  g_return_val_if_fail (operation != NULL, FALSE);

  if (self->use != NULL && !g_str_equal (self->use, "sig"))
    {
      if (self->kid != NULL)
        g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                     /* Translators: the first %s is the key ID (kid), the second its “use”. */
                     _("The key %s is for “%s”, not for signatures (its “use”)"),
                     self->kid, self->use);
      else
        g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                     _("The key is for “%s”, not for signatures (its “use”)"), self->use);
      return FALSE;
    }

  if (self->key_ops != NULL && !g_strv_contains ((const char * const *) self->key_ops, operation))
    {
      g_autofree char *listed = g_strjoinv (", ", self->key_ops);

      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                   _("The key's “key_ops” (%s) do not include “%s”"),
                   *listed != '\0' ? listed : "none", operation);
      return FALSE;
    }

  return TRUE;
}

/**
 * grant_jwk_get_pkey:
 * @self: a #GrantJwk
 *
 * Returns: (transfer none) (nullable): the OpenSSL key, or %NULL for an oct key
 */
EVP_PKEY *
grant_jwk_get_pkey (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  return self->pkey;
}

/**
 * grant_jwk_get_secret:
 * @self: a #GrantJwk
 *
 * Returns: (transfer none) (nullable): the secret of an oct key, or %NULL for others
 */
GBytes *
grant_jwk_get_secret (GrantJwk *self)
{
  g_return_val_if_fail (GRANT_IS_JWK (self), NULL);

  return self->secret;
}
