/* test-wycheproof.c
 * Every Wycheproof vector for the JWS algorithms and the JSON Web Signature/Key/Crypto sets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One test case per vector file; each runs every group and every test of its file (the count
 * is checked against the file's numberOfTests, so nothing is sampled). A `valid` vector must
 * verify, an `invalid` one must be rejected, and an `acceptable` one may go either way: Grant's
 * choice is printed. The few vectors where Grant deliberately differs from the label are listed,
 * each with its reason, in tests/data/wycheproof-expectations.json; a listed case that stops
 * happening fails the test too, so the list cannot go stale. Every unexpected result is printed
 * (tcId, comment, error) before the case fails.
 *
 * `acceptable` appears in two places, and either answer is right for both. The rsa_signature
 * files have one MissingNull vector each (a DigestInfo without its NULL parameters): OpenSSL 3
 * rejects it, and RFC 8017 §9.2 lets a verifier insist on the encoding with NULL. The sig_gen
 * files mark their SHA-1 group (WeakHash; JWS has no SHA-1 RSA algorithm, so that group is out
 * of scope) and keys with e = 3 (SmallPublicKey), which RFC 7518 neither requires nor forbids.
 *
 * Out of scope, counted and printed: the JWE vectors of json_web_crypto (tcId 50-83), and the
 * sig_gen groups hashed with SHA-1 or SHA-224, for which JWS has no algorithm. RSA-PSS groups
 * whose parameters match no PS* algorithm would be too; there are none in this subset.
 *
 * tests/data/wycheproof/PROVENANCE.md describes each file's schema and its known label bugs.
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-jwk.h"
#include "grant-jwks.h"
#include "grant-jws-algorithm.h"
#include "grant-jws.h"
#include "grant-test-data.h"

/* The GrantJoseError codes by name, as the expectations file writes them. */
static const char * const error_names[] = {
  [GRANT_JOSE_ERROR_INVALID_BASE64URL] = "INVALID_BASE64URL",
  [GRANT_JOSE_ERROR_INVALID_JSON] = "INVALID_JSON",
  [GRANT_JOSE_ERROR_INVALID_KEY] = "INVALID_KEY",
  [GRANT_JOSE_ERROR_UNSUPPORTED] = "UNSUPPORTED",
  [GRANT_JOSE_ERROR_INVALID_JWS] = "INVALID_JWS",
  [GRANT_JOSE_ERROR_ALG_NONE] = "ALG_NONE",
  [GRANT_JOSE_ERROR_KEY_MISMATCH] = "KEY_MISMATCH",
  [GRANT_JOSE_ERROR_KEY_NOT_FOUND] = "KEY_NOT_FOUND",
  [GRANT_JOSE_ERROR_KEY_AMBIGUOUS] = "KEY_AMBIGUOUS",
  [GRANT_JOSE_ERROR_BAD_SIGNATURE] = "BAD_SIGNATURE",
  [GRANT_JOSE_ERROR_TOO_LARGE] = "TOO_LARGE",
  [GRANT_JOSE_ERROR_CRYPTO] = "CRYPTO",
  [GRANT_JOSE_ERROR_INVALID_CLAIMS] = "INVALID_CLAIMS",
};

/* Errors this test makes itself, such as "the signature Grant made is not the expected one". */
#define TEST_ERROR (g_quark_from_static_string ("test-wycheproof-error"))

typedef enum
{
  KIND_ECDSA,
  KIND_RSA_PKCS1,
  KIND_RSA_PSS,
  KIND_RSA_SIG_GEN,
  KIND_EDDSA,
  KIND_HMAC,
  KIND_JSON_WEB,
} Kind;

typedef struct
{
  const char *name;       /* the file name without "_test.json", and the test path's last part */
  Kind        kind;
  const char *alg;        /* ES*, EdDSA, HS*: the JWS alg; RS*, PS*: from each group's sha */
  const char *crv;        /* ES*: the JWK crv */
  gsize       size;       /* ES*: the size of a coordinate; HS*: of the full tag */
} VectorFile;

static const VectorFile vector_files[] = {
  { "ecdsa_secp256r1_sha256_p1363", KIND_ECDSA, "ES256", "P-256", 32 },
  { "ecdsa_secp384r1_sha384_p1363", KIND_ECDSA, "ES384", "P-384", 48 },
  { "ecdsa_secp521r1_sha512_p1363", KIND_ECDSA, "ES512", "P-521", 66 },
  { "rsa_signature_2048_sha256", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_signature_2048_sha384", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_signature_2048_sha512", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_signature_3072_sha256", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_signature_3072_sha384", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_signature_3072_sha512", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_signature_4096_sha256", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_signature_4096_sha384", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_signature_4096_sha512", KIND_RSA_PKCS1, NULL, NULL, 0 },
  { "rsa_pss_2048_sha256_mgf1_32", KIND_RSA_PSS, NULL, NULL, 0 },
  { "rsa_pss_3072_sha256_mgf1_32", KIND_RSA_PSS, NULL, NULL, 0 },
  { "rsa_pss_4096_sha256_mgf1_32", KIND_RSA_PSS, NULL, NULL, 0 },
  { "rsa_pss_2048_sha384_mgf1_48", KIND_RSA_PSS, NULL, NULL, 0 },
  { "rsa_pss_4096_sha384_mgf1_48", KIND_RSA_PSS, NULL, NULL, 0 },
  { "rsa_pss_4096_sha512_mgf1_64", KIND_RSA_PSS, NULL, NULL, 0 },
  { "rsa_pkcs1_2048_sig_gen", KIND_RSA_SIG_GEN, NULL, NULL, 0 },
  { "rsa_pkcs1_3072_sig_gen", KIND_RSA_SIG_GEN, NULL, NULL, 0 },
  { "rsa_pkcs1_4096_sig_gen", KIND_RSA_SIG_GEN, NULL, NULL, 0 },
  { "ed25519", KIND_EDDSA, "EdDSA", NULL, 0 },
  { "hmac_sha256", KIND_HMAC, "HS256", NULL, 32 },
  { "hmac_sha384", KIND_HMAC, "HS384", NULL, 48 },
  { "hmac_sha512", KIND_HMAC, "HS512", NULL, 64 },
  { "json_web_signature", KIND_JSON_WEB, NULL, NULL, 0 },
  { "json_web_key", KIND_JSON_WEB, NULL, NULL, 0 },
  { "json_web_crypto", KIND_JSON_WEB, NULL, NULL, 0 },
};

/* A vector where Grant's result differs from the label, for the reason given. */
typedef struct
{
  gboolean  verifies;
  int       error_code;  /* the GrantJoseError of the rejection, or -1 for any */
  char     *reason;
  gboolean  seen;
} Expectation;

static void
expectation_free (gpointer data)
{
  Expectation *expectation = data;

  g_free (expectation->reason);
  g_free (expectation);
}

/* One file's run: what it contributed, and everything that went wrong. */
typedef struct
{
  const char *file;
  GHashTable *expectations;   /* tcId → Expectation */
  guint       n_vectors;
  guint       n_valid;
  guint       n_invalid;
  guint       n_acceptable;
  guint       n_acceptable_verified;
  guint       n_acceptable_rejected;
  guint       n_excepted;
  guint       n_truncated;
  guint       n_out_of_scope;
  guint       n_rejections[G_N_ELEMENTS (error_names)];
  GPtrArray  *failures;
} Run;

static int
error_code_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_names); i++)
    {
      if (g_strcmp0 (error_names[i], name) == 0)
        return (int) i;
    }

  g_error ("wycheproof-expectations.json names an unknown error “%s”", name);
}

/* The expectations of @file, checked for form: every entry needs a reason. */
static GHashTable *
load_expectations (const char *file)
{
  g_autoptr(JsonNode) root = grant_test_data_load_json (NULL, "wycheproof-expectations.json");
  GHashTable *expectations = g_hash_table_new_full (NULL, NULL, NULL, expectation_free);
  JsonArray *entries;

  entries = json_object_get_array_member (json_node_get_object (root), "expectations");
  g_assert_nonnull (entries);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *expected = json_object_get_string_member (entry, "expected");
      const char *reason = json_object_get_string_member (entry, "reason");
      int tc_id = (int) json_object_get_int_member (entry, "tcId");
      Expectation *expectation;

      g_assert_nonnull (json_object_get_string_member (entry, "file"));
      g_assert_true (g_str_equal (expected, "verifies") || g_str_equal (expected, "rejected"));
      g_assert_true (reason != NULL && strlen (reason) > 20);
      g_assert_cmpint (tc_id, >, 0);

      if (!g_str_equal (json_object_get_string_member (entry, "file"), file))
        continue;

      g_assert_false (g_hash_table_contains (expectations, GINT_TO_POINTER (tc_id)));
      expectation = g_new0 (Expectation, 1);
      expectation->verifies = g_str_equal (expected, "verifies");
      expectation->error_code = -1;
      if (json_object_has_member (entry, "error"))
        expectation->error_code =
          error_code_from_name (json_object_get_string_member (entry, "error"));
      expectation->reason = g_strdup (reason);
      g_hash_table_insert (expectations, GINT_TO_POINTER (tc_id), expectation);
    }

  return expectations;
}

static GBytes *
bytes_from_hex (const char *hex)
{
  gsize length = strlen (hex);
  guint8 *octets;

  g_assert_cmpuint (length % 2, ==, 0);
  octets = g_malloc (length / 2 + 1);
  for (gsize i = 0; i < length / 2; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]);
      int low = g_ascii_xdigit_value (hex[2 * i + 1]);

      g_assert_true (high >= 0 && low >= 0);
      octets[i] = (guint8) (high << 4 | low);
    }

  return g_bytes_new_take (octets, length / 2);
}

static GBytes *
hex_member (JsonObject *object,
            const char *member)
{
  return bytes_from_hex (json_object_get_string_member (object, member));
}

static char *
describe_error (const GError *error)
{
  if (error == NULL)
    return g_strdup ("no error");
  if (error->domain == GRANT_JOSE_ERROR && error->code >= 0
      && (guint) error->code < G_N_ELEMENTS (error_names))
    return g_strdup_printf ("%s: %s", error_names[error->code], error->message);

  return g_strdup_printf ("%s %d: %s", g_quark_to_string (error->domain), error->code,
                          error->message);
}

/* Records what Grant did with one vector. @must_reject overrides the label: it is set for the
 * truncated HMAC tags, which a JWS verifier must refuse whatever their label says. */
static void
run_record (Run          *run,
            JsonObject   *test,
            gboolean      must_reject,
            gboolean      verified,
            const GError *error)
{
  int tc_id = (int) json_object_get_int_member (test, "tcId");
  const char *result = json_object_get_string_member (test, "result");
  const char *comment = json_object_get_string_member (test, "comment");
  Expectation *expectation = g_hash_table_lookup (run->expectations, GINT_TO_POINTER (tc_id));
  g_autofree char *what = verified ? g_strdup ("verified") : describe_error (error);
  g_autofree char *wanted_text = NULL;
  const char *wanted;
  gboolean ok;

  g_assert_true (verified || error != NULL);

  run->n_vectors++;
  if (g_str_equal (result, "valid"))
    run->n_valid++;
  else if (g_str_equal (result, "invalid"))
    run->n_invalid++;
  else if (g_str_equal (result, "acceptable"))
    run->n_acceptable++;
  else
    g_error ("%s tcId %d has the result “%s”", run->file, tc_id, result);

  if (!verified && error->domain == GRANT_JOSE_ERROR && error->code >= 0
      && (guint) error->code < G_N_ELEMENTS (error_names))
    run->n_rejections[error->code]++;

  if (expectation != NULL)
    {
      expectation->seen = TRUE;
      ok = verified == expectation->verifies
           && (verified || expectation->error_code < 0
               || g_error_matches (error, GRANT_JOSE_ERROR, expectation->error_code));
      if (ok)
        {
          run->n_excepted++;
          g_test_message ("%s tcId %d (%s, labelled %s): listed exception, Grant %s as expected "
                          "(%s)", run->file, tc_id, comment, result,
                          verified ? "verifies" : "rejects", expectation->reason);
          return;
        }
      wanted_text = g_strdup_printf ("%s%s%s (listed exception)",
                                     expectation->verifies ? "verified" : "rejected",
                                     expectation->error_code >= 0 ? " with " : "",
                                     expectation->error_code >= 0
                                     ? error_names[expectation->error_code] : "");
      wanted = wanted_text;
    }
  else if (must_reject)
    {
      ok = !verified;
      if (ok)
        run->n_truncated++;
      wanted = "rejected (a JWS HMAC must carry the full tag)";
    }
  else if (g_str_equal (result, "acceptable"))
    {
      g_autofree char *flags = json_to_string (json_object_get_member (test, "flags"), FALSE);

      /* Either answer is correct for an acceptable vector: say which one Grant gives. */
      ok = TRUE;
      if (verified)
        run->n_acceptable_verified++;
      else
        run->n_acceptable_rejected++;
      g_test_message ("%s tcId %d (%s, flags %s) is acceptable: Grant %s", run->file, tc_id,
                      comment, flags, what);
      wanted = NULL;
    }
  else
    {
      ok = verified == g_str_equal (result, "valid");
      wanted = g_str_equal (result, "valid") ? "verified" : "rejected";
    }

  if (!ok)
    g_ptr_array_add (run->failures,
                     g_strdup_printf ("tcId %d (%s, labelled %s): expected %s, Grant: %s",
                                      tc_id, comment, result, wanted, what));
}

/* A vector that is not a JWS (a JWE) or has no JWS algorithm: counted, never silently. */
static void
run_out_of_scope (Run *run)
{
  run->n_out_of_scope++;
}

static void
run_finish (Run        *run,
            JsonObject *root)
{
  g_autoptr(GString) rejections = g_string_new (NULL);
  guint n_tests = (guint) json_object_get_int_member (root, "numberOfTests");
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  for (guint i = 0; i < G_N_ELEMENTS (error_names); i++)
    {
      if (run->n_rejections[i] > 0)
        g_string_append_printf (rejections, "%s%s %u", rejections->len > 0 ? ", " : "",
                                error_names[i], run->n_rejections[i]);
    }

  g_test_message ("%s: %u vectors run (%u valid, %u invalid, %u acceptable: %u verified, %u "
                  "rejected); %u listed exceptions; %u truncated HMAC tags rejected; %u out of "
                  "scope; rejections by error: %s",
                  run->file, run->n_vectors, run->n_valid, run->n_invalid, run->n_acceptable,
                  run->n_acceptable_verified, run->n_acceptable_rejected, run->n_excepted,
                  run->n_truncated, run->n_out_of_scope,
                  rejections->len > 0 ? rejections->str : "none");

  /* No sampling: every test the file says it has was run or counted as out of scope. */
  if (run->n_vectors + run->n_out_of_scope != n_tests)
    g_ptr_array_add (run->failures,
                     g_strdup_printf ("the file has %u tests, and %u were run and %u counted out "
                                      "of scope", n_tests, run->n_vectors, run->n_out_of_scope));

  g_hash_table_iter_init (&iter, run->expectations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Expectation *expectation = value;

      if (!expectation->seen)
        g_ptr_array_add (run->failures,
                         g_strdup_printf ("tcId %d is listed in wycheproof-expectations.json, "
                                          "and no vector with that tcId was run",
                                          GPOINTER_TO_INT (key)));
    }

  for (guint i = 0; i < run->failures->len; i++)
    g_test_message ("%s: UNEXPECTED %s", run->file, (char *) g_ptr_array_index (run->failures, i));

  if (run->failures->len > 0)
    g_test_fail_printf ("%u unexpected results in %s (each is listed above)",
                        run->failures->len, run->file);
}

/* Verifies the raw message of a signature or MAC test with grant_jws_algorithm_verify(). A key
 * that could not be made (@key_error) rejects the vector. */
static void
verify_raw (Run          *run,
            JsonObject   *test,
            const char   *alg,
            GrantJwk     *key,
            const GError *key_error,
            gboolean      must_reject)
{
  g_autoptr(GBytes) message = hex_member (test, "msg");
  g_autoptr(GBytes) signature = hex_member (test, json_object_has_member (test, "tag")
                                                  ? "tag" : "sig");
  g_autoptr(GError) error = NULL;
  gsize message_length;
  gsize signature_length;
  const guint8 *message_data = g_bytes_get_data (message, &message_length);
  const guint8 *signature_data = g_bytes_get_data (signature, &signature_length);
  gboolean verified;

  if (key == NULL)
    {
      run_record (run, test, must_reject, FALSE, key_error);
      return;
    }

  verified = grant_jws_algorithm_verify (alg, key, message_data, message_length, signature_data,
                                         signature_length, &error);
  g_assert_true (verified == (error == NULL));
  run_record (run, test, must_reject, verified, error);
}

/* The JWS alg for a Wycheproof hash name, such as "RS" + "SHA-384"; NULL when JWS has none. */
static const char *
alg_for_sha (const char *prefix,
             const char *sha)
{
  static const char * const algs[] = { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512" };
  const char *bits;

  if (g_str_equal (sha, "SHA-256"))
    bits = "256";
  else if (g_str_equal (sha, "SHA-384"))
    bits = "384";
  else if (g_str_equal (sha, "SHA-512"))
    bits = "512";
  else
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      if (g_str_has_prefix (algs[i], prefix) && g_str_equal (algs[i] + 2, bits))
        return algs[i];
    }

  g_assert_not_reached ();
}

/* An ECDSA coordinate from Wycheproof's hex, which is an ASN.1 integer: a leading 00 sign
 * byte goes, and a short value is left-padded to the curve's size (RFC 7518 §6.2.1.2). A value
 * still too long is kept as it is, so that the JWK is refused. */
static char *
coordinate_from_hex (const char *hex,
                     gsize       size)
{
  g_autoptr(GBytes) bytes = bytes_from_hex (hex);
  g_autofree guint8 *padded = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  while (length > size && data[0] == 0)
    {
      data++;
      length--;
    }
  if (length >= size)
    return grant_base64url_encode (data, length);

  padded = g_malloc0 (size);
  memcpy (padded + size - length, data, length);

  return grant_base64url_encode (padded, size);
}

static GrantJwk *
ecdsa_group_key (const VectorFile  *vectors,
                 JsonObject        *group,
                 GError           **error)
{
  g_autoptr(JsonObject) jwk = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  JsonObject *public_key;

  if (json_object_has_member (group, "publicKeyJwk"))
    return grant_jwk_new_from_json (json_object_get_object_member (group, "publicKeyJwk"),
                                    error);

  /* Nine edge-case groups per file have no JWK: make it from the point's coordinates. */
  public_key = json_object_get_object_member (group, "publicKey");
  x = coordinate_from_hex (json_object_get_string_member (public_key, "wx"), vectors->size);
  y = coordinate_from_hex (json_object_get_string_member (public_key, "wy"), vectors->size);

  jwk = json_object_new ();
  json_object_set_string_member (jwk, "kty", "EC");
  json_object_set_string_member (jwk, "crv", vectors->crv);
  json_object_set_string_member (jwk, "x", x);
  json_object_set_string_member (jwk, "y", y);

  return grant_jwk_new_from_json (jwk, error);
}

static GrantJwk *
eddsa_group_key (JsonObject  *group,
                 GError     **error)
{
  g_autoptr(JsonObject) jwk = NULL;
  g_autoptr(GBytes) pk = NULL;
  g_autofree char *x = NULL;

  if (json_object_has_member (group, "publicKeyJwk"))
    return grant_jwk_new_from_json (json_object_get_object_member (group, "publicKeyJwk"),
                                    error);

  pk = hex_member (json_object_get_object_member (group, "publicKey"), "pk");
  x = grant_base64url_encode_bytes (pk);
  jwk = json_object_new ();
  json_object_set_string_member (jwk, "kty", "OKP");
  json_object_set_string_member (jwk, "crv", "Ed25519");
  json_object_set_string_member (jwk, "x", x);

  return grant_jwk_new_from_json (jwk, error);
}

/* ES*, RS* and PS* verification and EdDSA: one key per group, every test verified with it. */
static void
run_signature_groups (Run              *run,
                      const VectorFile *vectors,
                      JsonObject       *root)
{
  JsonArray *groups = json_object_get_array_member (root, "testGroups");
  guint n_pss_groups_excluded = 0;

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      JsonArray *tests = json_object_get_array_member (group, "tests");
      g_autoptr(GrantJwk) key = NULL;
      g_autoptr(GError) key_error = NULL;
      const char *alg = vectors->alg;

      switch (vectors->kind)
        {
        case KIND_ECDSA:
          key = ecdsa_group_key (vectors, group, &key_error);
          break;

        case KIND_EDDSA:
          key = eddsa_group_key (group, &key_error);
          break;

        case KIND_RSA_PKCS1:
          alg = alg_for_sha ("RS", json_object_get_string_member (group, "sha"));
          g_assert_nonnull (alg);
          key = grant_jwk_new_from_json (json_object_get_object_member (group, "keyJwk"),
                                         &key_error);
          break;

        case KIND_RSA_PSS:
          {
            const char *sha = json_object_get_string_member (group, "sha");

            /* PS256, PS384 and PS512 are exactly MGF1 with the message's hash and a salt as
             * long as that hash (RFC 7518 §3.5); a group with other parameters is not a JWS
             * algorithm at all. */
            alg = alg_for_sha ("PS", sha);
            if (alg == NULL
                || g_strcmp0 (json_object_get_string_member (group, "mgf"), "MGF1") != 0
                || g_strcmp0 (json_object_get_string_member (group, "mgfSha"), sha) != 0
                || json_object_get_int_member (group, "sLen")
                   != (gint64) g_ascii_strtoull (alg + 2, NULL, 10) / 8)
              {
                n_pss_groups_excluded++;
                for (guint j = 0; j < json_array_get_length (tests); j++)
                  run_out_of_scope (run);
                continue;
              }
            key = grant_jwk_new_from_json (json_object_get_object_member (group,
                                                                          "publicKeyJwk"),
                                           &key_error);
          }
          break;

        case KIND_RSA_SIG_GEN:
        case KIND_HMAC:
        case KIND_JSON_WEB:
        default:
          g_assert_not_reached ();
        }

      for (guint j = 0; j < json_array_get_length (tests); j++)
        verify_raw (run, json_array_get_object_element (tests, j), alg, key, key_error, FALSE);
    }

  /* Every RSA-PSS file of this subset has exactly one group, and each matches its JWS alg,
   * so nothing is excluded today; the count says so in the log. */
  if (vectors->kind == KIND_RSA_PSS)
    {
      g_test_message ("%s: %u of %u groups excluded for parameters no PS* algorithm uses",
                      run->file, n_pss_groups_excluded, json_array_get_length (groups));
      g_assert_cmpuint (n_pss_groups_excluded, ==, 0);
    }
}

/* RSASSA-PKCS1-v1_5 is deterministic: signing the message must give the vector's signature
 * byte for byte, and the public key must verify it. SHA-1 and SHA-224 groups have no JWS
 * algorithm (and no JWK in the file), so they are counted out of scope. The `acceptable`
 * vectors are the SHA-1 group (WeakHash, out of scope here) and keys with e = 3
 * (SmallPublicKey): RFC 7518 sets no rule on the exponent, so Grant may sign with them or not. */
static void
run_sig_gen (Run        *run,
             JsonObject *root)
{
  JsonArray *groups = json_object_get_array_member (root, "testGroups");

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      JsonArray *tests = json_object_get_array_member (group, "tests");
      const char *sha = json_object_get_string_member (group, "sha");
      const char *alg = alg_for_sha ("RS", sha);
      g_autoptr(GrantJwk) private_key = NULL;
      g_autoptr(GrantJwk) public_key = NULL;
      g_autoptr(GError) key_error = NULL;

      if (alg == NULL)
        {
          g_test_message ("%s: group %u (%s, %u tests) is out of scope: JWS has no RSA algorithm "
                          "with %s", run->file, i, sha, json_array_get_length (tests), sha);
          for (guint j = 0; j < json_array_get_length (tests); j++)
            run_out_of_scope (run);
          continue;
        }

      private_key = grant_jwk_new_from_json (json_object_get_object_member (group,
                                                                            "privateKeyJwk"),
                                             &key_error);
      if (private_key != NULL)
        {
          public_key = grant_jwk_new_from_json (json_object_get_object_member (group, "keyJwk"),
                                                &key_error);
          if (public_key != NULL)
            g_assert_false (grant_jwk_is_private (public_key));
        }

      for (guint j = 0; j < json_array_get_length (tests); j++)
        {
          JsonObject *test = json_array_get_object_element (tests, j);
          g_autoptr(GBytes) message = hex_member (test, "msg");
          g_autoptr(GBytes) expected = hex_member (test, "sig");
          g_autoptr(GBytes) signature = NULL;
          g_autoptr(GError) error = NULL;
          gsize message_length;
          gsize expected_length;
          const guint8 *message_data = g_bytes_get_data (message, &message_length);
          const guint8 *expected_data = g_bytes_get_data (expected, &expected_length);

          if (public_key == NULL)
            {
              run_record (run, test, FALSE, FALSE, key_error);
              continue;
            }

          signature = grant_jws_algorithm_sign (alg, private_key, message_data, message_length,
                                                &error);
          if (signature != NULL && !g_bytes_equal (signature, expected))
            {
              g_autofree char *made = grant_base64url_encode_bytes (signature);

              g_set_error (&error, TEST_ERROR, 0, "Grant's %s signature is not the vector's: %s",
                           alg, made);
            }
          if (error == NULL)
            grant_jws_algorithm_verify (alg, public_key, message_data, message_length,
                                        expected_data, expected_length, &error);

          run_record (run, test, FALSE, error == NULL, error);
        }
    }
}

/* HS*: a group whose tag is the hash's full size runs as a JWS MAC. A group with truncated tags
 * is not a JWS algorithm: RFC 7518 §3.2 sends the whole HMAC output, so Grant must refuse every
 * one of its tags, valid or not, or a forger would only need to match a prefix. Keys shorter
 * than the hash (RFC 7518 §3.2: "a key of the same size as the hash output or larger MUST be
 * used") are refused with KEY_MISMATCH; the valid vectors with such keys are listed in the
 * expectations file. */
static void
run_hmac (Run              *run,
          const VectorFile *vectors,
          JsonObject       *root)
{
  JsonArray *groups = json_object_get_array_member (root, "testGroups");

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      JsonArray *tests = json_object_get_array_member (group, "tests");
      gboolean truncated = json_object_get_int_member (group, "tagSize")
                           != (gint64) vectors->size * 8;

      for (guint j = 0; j < json_array_get_length (tests); j++)
        {
          JsonObject *test = json_array_get_object_element (tests, j);
          g_autoptr(GBytes) secret = hex_member (test, "key");
          g_autoptr(GrantJwk) key = grant_jwk_new_from_secret (secret);

          verify_raw (run, test, vectors->alg, key, NULL, truncated);
        }
    }
}

/* The key a relying party would hold: the public half of a private JWK (via its public
 * export, grant_jwk_to_json (key, FALSE)), or the secret itself for oct. */
static GrantJwk *
public_key_of (GrantJwk  *key,
               GError   **error)
{
  g_autoptr(JsonObject) exported = NULL;

  if (grant_jwk_get_key_type (key) == GRANT_JWK_TYPE_OCT)
    return g_object_ref (key);

  exported = grant_jwk_to_json (key, FALSE);
  g_assert_false (json_object_has_member (exported, "d"));

  return grant_jwk_new_from_json (exported, error);
}

static GrantJwk *
public_key_from_private_jwk (JsonObject  *private_jwk,
                             GError     **error)
{
  g_autoptr(GrantJwk) key = grant_jwk_new_from_json (private_jwk, error);

  if (key == NULL)
    return NULL;

  return public_key_of (key, error);
}

static GrantJwks *
public_jwks_from_private_jwks (JsonObject  *private_jwks,
                               GError     **error)
{
  g_autoptr(GrantJwks) private_set = grant_jwks_new_from_json (private_jwks, error);
  g_autoptr(GrantJwks) public_set = NULL;
  guint n_keys;

  if (private_set == NULL)
    return NULL;

  public_set = grant_jwks_new ();
  n_keys = g_list_model_get_n_items (G_LIST_MODEL (private_set));
  for (guint i = 0; i < n_keys; i++)
    {
      g_autoptr(GrantJwk) key = g_list_model_get_item (G_LIST_MODEL (private_set), i);
      g_autoptr(GrantJwk) public_key = public_key_of (key, error);

      if (public_key == NULL)
        return NULL;
      grant_jwks_add (public_set, public_key);
    }

  return g_steal_pointer (&public_set);
}

/* Parses and verifies one `jws` member (compact, or a JSON serialization given as an object)
 * with the group's key or key set. */
static gboolean
verify_jws (JsonNode   *jws_node,
            GrantJwk   *key,
            GrantJwks  *jwks,
            GError    **error)
{
  g_autoptr(GrantJws) jws = NULL;
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_OBJECT (jws_node))
    text = json_to_string (jws_node, FALSE);
  else
    text = g_strdup (json_node_get_string (jws_node));

  jws = grant_jws_parse (text, -1, error);
  if (jws == NULL)
    return FALSE;

  if (jwks != NULL)
    return grant_jws_verify_with_jwks (jws, jwks, NULL, error);

  return grant_jws_verify (jws, key, error);
}

/* json_web_signature, json_web_key and json_web_crypto: the group's `private` is a JWK or a
 * JWK Set; the verifier gets its public part. Any error at any step rejects the vector. */
static void
run_json_web (Run        *run,
              JsonObject *root)
{
  JsonArray *groups = json_object_get_array_member (root, "testGroups");

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      JsonObject *private_jwk = json_object_get_object_member (group, "private");
      JsonArray *tests = json_object_get_array_member (group, "tests");
      g_autoptr(GrantJwk) key = NULL;
      g_autoptr(GrantJwks) jwks = NULL;
      g_autoptr(GError) key_error = NULL;

      if (json_object_has_member (private_jwk, "keys"))
        jwks = public_jwks_from_private_jwks (private_jwk, &key_error);
      else
        key = public_key_from_private_jwk (private_jwk, &key_error);

      /* Where the group also gives the public key, the export must be the same key. */
      if (key != NULL && json_object_has_member (group, "public"))
        {
          g_autoptr(GrantJwk) given = NULL;

          given = grant_jwk_new_from_json (json_object_get_object_member (group, "public"),
                                           NULL);
          if (given != NULL)
            {
              g_autofree char *ours = grant_jwk_dup_thumbprint (key);
              g_autofree char *theirs = grant_jwk_dup_thumbprint (given);

              g_assert_cmpstr (ours, ==, theirs);
            }
        }

      for (guint j = 0; j < json_array_get_length (tests); j++)
        {
          JsonObject *test = json_array_get_object_element (tests, j);
          g_autoptr(GError) error = NULL;
          gboolean verified;

          if (json_object_has_member (test, "jwe"))
            {
              JsonNode *jwe = json_object_get_member (test, "jwe");
              g_autoptr(GrantJws) parsed = NULL;
              g_autofree char *text = NULL;

              text = JSON_NODE_HOLDS_OBJECT (jwe) ? json_to_string (jwe, FALSE)
                                                  : g_strdup (json_node_get_string (jwe));

              /* JWE is out of scope, but a JWE must never pass for a JWS. */
              parsed = grant_jws_parse (text, -1, &error);
              if (parsed != NULL)
                g_ptr_array_add (run->failures,
                                 g_strdup_printf ("tcId %d (%s): a JWE parsed as a JWS",
                                                  (int) json_object_get_int_member (test, "tcId"),
                                                  json_object_get_string_member (test,
                                                                                 "comment")));
              run_out_of_scope (run);
              continue;
            }

          if (key == NULL && jwks == NULL)
            {
              run_record (run, test, FALSE, FALSE, key_error);
              continue;
            }

          verified = verify_jws (json_object_get_member (test, "jws"), key, jwks, &error);
          g_assert_true (verified == (error == NULL));
          run_record (run, test, FALSE, verified, error);
        }
    }
}

static void
test_vector_file (gconstpointer data)
{
  const VectorFile *vectors = data;
  g_autofree char *file = g_strconcat (vectors->name, "_test.json", NULL);
  g_autoptr(JsonNode) root_node = grant_test_data_load_json ("wycheproof", file);
  g_autoptr(GHashTable) expectations = load_expectations (file);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  JsonObject *root = json_node_get_object (root_node);
  Run run = { .file = file, .expectations = expectations, .failures = failures };

  switch (vectors->kind)
    {
    case KIND_ECDSA:
    case KIND_RSA_PKCS1:
    case KIND_RSA_PSS:
    case KIND_EDDSA:
      run_signature_groups (&run, vectors, root);
      break;

    case KIND_RSA_SIG_GEN:
      run_sig_gen (&run, root);
      break;

    case KIND_HMAC:
      run_hmac (&run, vectors, root);
      break;

    case KIND_JSON_WEB:
      run_json_web (&run, root);
      break;

    default:
      g_assert_not_reached ();
    }

  run_finish (&run, root);
}

/* json_web_key tcId 4 is meant to test a set with two keys under one kid, but its second key is
 * not strict base64url, so Grant leaves it out of the set (see the expectations file). This makes
 * that key canonical (the unused bits of its last character cleared) and checks the rule itself:
 * two keys that could check the token, and nothing to tell them apart, is KEY_AMBIGUOUS. */
static void
test_json_web_key_duplicate_kid (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  g_autoptr(JsonNode) root = grant_test_data_load_json ("wycheproof", "json_web_key_test.json");
  g_autoptr(JsonNode) private_node = NULL;
  g_autoptr(GrantJwks) as_given = NULL;
  g_autoptr(GrantJwks) canonical = NULL;
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *k = NULL;
  JsonArray *groups = json_object_get_array_member (json_node_get_object (root), "testGroups");
  JsonObject *group = NULL;
  JsonObject *second;
  const char *position;
  gsize length;
  guint unused_bits;

  for (guint i = 0; i < json_array_get_length (groups) && group == NULL; i++)
    {
      JsonObject *candidate = json_array_get_object_element (groups, i);

      if (g_strcmp0 (json_object_get_string_member (candidate, "comment"),
                     "jws_duplicate_kid") == 0)
        group = candidate;
    }
  g_assert_nonnull (group);
  private_node = json_node_copy (json_object_get_member (group, "private"));

  /* As given: the second key is left out, and the reason says where. */
  as_given = grant_jwks_new_from_json (json_node_get_object (private_node), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (as_given)), ==, 1);
  g_assert_cmpuint (g_strv_length ((char **) grant_jwks_get_ignored (as_given)), ==, 1);
  g_assert_true (g_str_has_prefix (grant_jwks_get_ignored (as_given)[0], "Key 1"));

  second = json_array_get_object_element (json_object_get_array_member (
                                            json_node_get_object (private_node), "keys"), 1);
  k = g_strdup (json_object_get_string_member (second, "k"));
  length = strlen (k);
  g_assert_cmpuint (length % 4, !=, 1);
  unused_bits = (guint) (length * 6) % 8;
  position = strchr (alphabet, k[length - 1]);
  g_assert_nonnull (position);
  k[length - 1] = alphabet[(position - alphabet) & ~((1 << unused_bits) - 1)];
  g_assert_cmpstr (k, !=, json_object_get_string_member (second, "k"));
  json_object_set_string_member (second, "k", k);

  canonical = grant_jwks_new_from_json (json_node_get_object (private_node), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (canonical)), ==, 2);

  jws = grant_jws_parse (json_object_get_string_member (
                           json_array_get_object_element (
                             json_object_get_array_member (group, "tests"), 0), "jws"),
                         -1, &error);
  g_assert_no_error (error);
  g_assert_false (grant_jws_verify_with_jwks (jws, canonical, NULL, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_AMBIGUOUS);
}

/* Every entry of the expectations file names a file this test runs. */
static void
test_expectations_name_real_files (void)
{
  g_autoptr(JsonNode) root = grant_test_data_load_json (NULL, "wycheproof-expectations.json");
  JsonArray *entries = json_object_get_array_member (json_node_get_object (root),
                                                     "expectations");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      const char *file = json_object_get_string_member (json_array_get_object_element (entries, i),
                                                        "file");
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (vector_files) && !known; j++)
        {
          g_autofree char *name = g_strconcat (vector_files[j].name, "_test.json", NULL);

          known = g_str_equal (name, file);
        }

      if (!known)
        g_test_fail_printf ("wycheproof-expectations.json lists “%s”, which is not run", file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vector_files); i++)
    {
      g_autofree char *path = g_strconcat ("/grant/wycheproof/", vector_files[i].name, NULL);

      g_test_add_data_func (path, &vector_files[i], test_vector_file);
    }
  g_test_add_func ("/grant/wycheproof/json_web_key-duplicate-kid",
                   test_json_web_key_duplicate_kid);
  g_test_add_func ("/grant/wycheproof/expectations", test_expectations_name_real_files);

  return g_test_run ();
}
