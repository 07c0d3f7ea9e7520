/* test-jwk.c
 * Tests for JWKs and JWK Sets: what is refused, and how a key is chosen for a token.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-jose-error.h"
#include "grant-jwk.h"
#include "grant-jwks.h"

/* RFC 7517 Appendix A.1's EC key, whose point is on P-256. */
#define EC_X "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"
#define EC_Y "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"

static const struct {
  const char *name;
  const char *jwk;
  int code;                   /* a GrantJoseError */
  const char *message_part;
} refused[] = {
  { "not-json", "{\"kty\":", GRANT_JOSE_ERROR_INVALID_JSON, "not valid JSON" },
  { "array", "[]", GRANT_JOSE_ERROR_INVALID_JSON, "not a JSON object" },
  { "trailing-object", "{\"kty\":\"oct\",\"k\":\"AAAA\"}{}", GRANT_JOSE_ERROR_INVALID_JSON,
    "more text after" },
  { "value-then-object", "true{\"kty\":\"oct\",\"k\":\"AAAA\"}", GRANT_JOSE_ERROR_INVALID_JSON,
    "not a JSON object" },
  { "no-kty", "{\"k\":\"AAAA\"}", GRANT_JOSE_ERROR_INVALID_KEY, "no “kty”" },
  { "kty-number", "{\"kty\":1}", GRANT_JOSE_ERROR_INVALID_JSON, "“kty” must be a string" },
  { "duplicate-member", "{\"kty\":\"oct\",\"k\":\"AAAA\",\"k\":\"BBBB\"}",
    GRANT_JOSE_ERROR_INVALID_JSON, "“k” twice" },
  { "unknown-kty", "{\"kty\":\"DSA\"}", GRANT_JOSE_ERROR_UNSUPPORTED, "“DSA”" },
  { "unknown-curve", "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"" EC_X "\",\"y\":\"" EC_Y "\"}",
    GRANT_JOSE_ERROR_UNSUPPORTED, "secp256k1" },
  { "x25519", "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" EC_X "\"}",
    GRANT_JOSE_ERROR_UNSUPPORTED, "X25519" },
  /* The point (x, y+1) is not on P-256: an invalid-curve attack starts with such a key. */
  { "ec-off-curve", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" EC_X "\","
    "\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyQ\"}",
    GRANT_JOSE_ERROR_INVALID_KEY, "not on its curve" },
  { "ec-short-x", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"" EC_Y "\"}",
    GRANT_JOSE_ERROR_INVALID_KEY, "32 bytes" },
  { "ec-no-y", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" EC_X "\"}",
    GRANT_JOSE_ERROR_INVALID_KEY, "no “y”" },
  { "ec-padded-x", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" EC_X "=\",\"y\":\"" EC_Y "\"}",
    GRANT_JOSE_ERROR_INVALID_KEY, "Padding" },
  { "rsa-no-e", "{\"kty\":\"RSA\",\"n\":\"AQAB\"}", GRANT_JOSE_ERROR_INVALID_KEY, "no “e”" },
  { "rsa-partial-crt", "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"AQAB\","
    "\"p\":\"AQAB\"}", GRANT_JOSE_ERROR_INVALID_KEY, "not all of them" },
  { "rsa-multi-prime", "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"oth\":[]}",
    GRANT_JOSE_ERROR_UNSUPPORTED, "Multi-prime" },
  { "ed25519-short", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}",
    GRANT_JOSE_ERROR_INVALID_KEY, "32 bytes" },
  { "oct-no-k", "{\"kty\":\"oct\"}", GRANT_JOSE_ERROR_INVALID_KEY, "no “k”" },
  { "key-ops-twice", "{\"kty\":\"oct\",\"k\":\"AAAA\",\"key_ops\":[\"sign\",\"sign\"]}",
    GRANT_JOSE_ERROR_INVALID_KEY, "twice" },
  { "key-ops-string", "{\"kty\":\"oct\",\"k\":\"AAAA\",\"key_ops\":\"sign\"}",
    GRANT_JOSE_ERROR_INVALID_KEY, "array of strings" },
};

static void
test_refused (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) key = NULL;

  key = grant_jwk_new_from_data (refused[i].jwk, -1, &error);
  g_assert_null (key);
  g_assert_error (error, GRANT_JOSE_ERROR, refused[i].code);
  if (strstr (error->message, refused[i].message_part) == NULL)
    g_error ("the message “%s” does not say “%s”", error->message, refused[i].message_part);
}

/* A private key whose halves come from two different keys is not one key: an Ed25519 x that
 * is not the public half of its d, or an EC scalar d that does not belong to the point. */
static const struct {
  const char *alg;
  const char *member;   /* taken from the other key */
} mismatched_halves[] = {
  { "EdDSA", "x" },
  { "ES256", "d" },
};

static void
test_mismatched_halves (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  const char *member = mismatched_halves[i].member;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) generated = grant_jwk_generate (mismatched_halves[i].alg, &error);
  g_autoptr(GrantJwk) other = grant_jwk_generate (mismatched_halves[i].alg, &error);
  g_autoptr(JsonObject) mixed = NULL;
  g_autoptr(JsonObject) other_json = NULL;
  g_autoptr(GrantJwk) key = NULL;

  g_assert_no_error (error);
  mixed = grant_jwk_to_json (generated, TRUE);
  other_json = grant_jwk_to_json (other, TRUE);
  json_object_set_string_member (mixed, member, json_object_get_string_member (other_json,
                                                                               member));

  key = grant_jwk_new_from_json (mixed, &error);
  g_assert_null (key);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
}

/* Every kind of generated key survives a round trip through JSON, keeps its thumbprint, and
 * exports no private member unless asked. */
static void
test_generate_round_trip (void)
{
  static const char * const algs[] = { "RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA",
                                       "HS256", "HS512" };

  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantJwk) key = grant_jwk_generate (algs[i], &error);
      g_autoptr(JsonObject) public_json = NULL;
      g_autoptr(JsonObject) private_json = NULL;
      g_autoptr(GrantJwk) public_key = NULL;
      g_autoptr(GrantJwk) private_key = NULL;
      g_autofree char *thumbprint = NULL;
      g_autofree char *public_thumbprint = NULL;
      gboolean symmetric = g_str_has_prefix (algs[i], "HS");

      g_assert_no_error (error);
      g_assert_true (grant_jwk_is_private (key));
      g_assert_cmpstr (grant_jwk_get_alg (key), ==, algs[i]);

      thumbprint = grant_jwk_dup_thumbprint (key);
      g_assert_cmpstr (grant_jwk_get_kid (key), ==, thumbprint);

      public_json = grant_jwk_to_json (key, FALSE);
      g_assert_false (json_object_has_member (public_json, "d"));
      g_assert_false (json_object_has_member (public_json, "p"));
      g_assert_false (json_object_has_member (public_json, "k"));

      private_json = grant_jwk_to_json (key, TRUE);
      private_key = grant_jwk_new_from_json (private_json, &error);
      g_assert_no_error (error);
      g_assert_true (grant_jwk_is_private (private_key));

      if (!symmetric)
        {
          public_key = grant_jwk_new_from_json (public_json, &error);
          g_assert_no_error (error);
          g_assert_false (grant_jwk_is_private (public_key));
          public_thumbprint = grant_jwk_dup_thumbprint (public_key);
          g_assert_cmpstr (public_thumbprint, ==, thumbprint);
        }
    }
}

static void
test_pem (void)
{
  /* RFC 8410 §10.3's Ed25519 private key. */
  static const char pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "-----END PRIVATE KEY-----\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) key = grant_jwk_new_from_pem (pem, -1, &error);
  g_autoptr(GrantJwk) garbage = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (grant_jwk_get_key_type (key), ==, GRANT_JWK_TYPE_OKP);
  g_assert_true (grant_jwk_is_private (key));

  garbage = grant_jwk_new_from_pem ("-----BEGIN PRIVATE KEY-----\nAAAA\n", -1, &error);
  g_assert_null (garbage);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
}

/* A key to sign with, as people keep one: PEM or JWK, never a public key. */
static void
test_private_from_data (void)
{
  /* RFC 8410 §10.3's Ed25519 private key, and §10.1's public one. */
  static const char private_pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "-----END PRIVATE KEY-----\n";
  static const char public_pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PUBLIC KEY-----\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) from_pem = grant_jwk_new_private_from_data (private_pem, -1, &error);
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autoptr(GrantJwk) from_jwk = NULL;
  g_autoptr(GrantJwk) not_signing = NULL;

  g_assert_no_error (error);
  g_assert_true (grant_jwk_is_private (from_pem));

  json = grant_jwk_to_json (from_pem, TRUE);
  json_node_set_object (node, json);
  text = json_to_string (node, FALSE);
  from_jwk = grant_jwk_new_private_from_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (grant_jwk_is_private (from_jwk));

  not_signing = grant_jwk_new_private_from_data (public_pem, -1, &error);
  g_assert_null (not_signing);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
  g_assert_nonnull (strstr (error->message, "public key"));
  g_clear_error (&error);

  g_clear_pointer (&json, json_object_unref);
  json = grant_jwk_to_json (from_pem, FALSE);
  json_node_set_object (node, json);
  g_clear_pointer (&text, g_free);
  text = json_to_string (node, FALSE);
  not_signing = grant_jwk_new_private_from_data (text, -1, &error);
  g_assert_null (not_signing);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
  g_clear_error (&error);

  not_signing = grant_jwk_new_private_from_data ("not a key", -1, &error);
  g_assert_null (not_signing);
  g_assert_nonnull (strstr (error->message, "neither a PEM key nor a JWK"));
}

static void
test_use_and_key_ops (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) enc = grant_jwk_new_from_data ("{\"kty\":\"oct\",\"k\":\"AAAA\","
                                                     "\"use\":\"enc\"}", -1, &error);
  g_autoptr(GrantJwk) sign_only = grant_jwk_new_from_data ("{\"kty\":\"oct\",\"k\":\"AAAA\","
                                                           "\"key_ops\":[\"sign\"]}", -1, &error);

  g_assert_no_error (error);
  g_assert_false (grant_jwk_permits (enc, "verify", &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
  g_clear_error (&error);

  g_assert_true (grant_jwk_permits (sign_only, "sign", &error));
  g_assert_no_error (error);
  g_assert_false (grant_jwk_permits (sign_only, "verify", &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
}

/* Choosing the key for a token: by kid, by fit, and never by guessing between two. */
static void
test_select (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwks) jwks = grant_jwks_new ();
  g_autoptr(GrantJwk) es256_a = grant_jwk_generate ("ES256", &error);
  g_autoptr(GrantJwk) es256_b = grant_jwk_generate ("ES256", &error);
  g_autoptr(GrantJwk) rs256 = grant_jwk_generate ("RS256", &error);
  GrantJwk *chosen;

  g_assert_no_error (error);
  grant_jwks_add (jwks, es256_a);
  grant_jwks_add (jwks, es256_b);
  grant_jwks_add (jwks, rs256);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jwks)), ==, 3);

  chosen = grant_jwks_select (jwks, grant_jwk_get_kid (es256_b), "ES256", "verify", &error);
  g_assert_no_error (error);
  g_assert_true (chosen == es256_b);

  /* Without a kid the one RSA key is the only fit for RS256… */
  chosen = grant_jwks_select (jwks, NULL, "RS256", "verify", &error);
  g_assert_no_error (error);
  g_assert_true (chosen == rs256);

  /* …but two EC keys fit ES256, and Grant does not guess. */
  chosen = grant_jwks_select (jwks, NULL, "ES256", "verify", &error);
  g_assert_null (chosen);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_AMBIGUOUS);
  g_clear_error (&error);

  chosen = grant_jwks_select (jwks, "no-such-kid", "ES256", "verify", &error);
  g_assert_null (chosen);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-kid"));
  g_clear_error (&error);

  /* The kid names the RSA key, and the token claims ES256: a mismatch, said as such. */
  chosen = grant_jwks_select (jwks, grant_jwk_get_kid (rs256), "ES256", "verify", &error);
  g_assert_null (chosen);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
  g_clear_error (&error);

  /* HS256 with only public keys in the set: none fits, and none is used as a secret. */
  chosen = grant_jwks_select (jwks, NULL, "HS256", "verify", &error);
  g_assert_null (chosen);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_NOT_FOUND);
  g_clear_error (&error);

  chosen = grant_jwks_select (jwks, NULL, "none", "verify", &error);
  g_assert_null (chosen);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE);
}

/* Keys Grant cannot use are left out of a set with the reason, as RFC 7517 §5 asks. */
static void
test_jwks_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwks) jwks = NULL;
  const char * const *ignored;

  jwks = grant_jwks_new_from_data ("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"},"
                                   "{\"kty\":\"DSA\"}, 42,"
                                   "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\"}]}",
                                   -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jwks)), ==, 1);

  ignored = grant_jwks_get_ignored (jwks);
  g_assert_cmpuint (g_strv_length ((GStrv) ignored), ==, 3);
  g_assert_nonnull (strstr (ignored[0], "DSA"));
  g_assert_nonnull (strstr (ignored[1], "not a JSON object"));
}

static void
test_jwks_refused (void)
{
  static const char * const sets[] = { "[]", "{}", "{\"keys\":{}}", "{\"keys\":[],\"keys\":[]}" };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantJwks) jwks = grant_jwks_new_from_data (sets[i], -1, &error);

      g_assert_null (jwks);
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/jwk/refused/%s", refused[i].name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_refused);
    }
  for (guint i = 0; i < G_N_ELEMENTS (mismatched_halves); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/jwk/mismatched-halves/%s",
                                               mismatched_halves[i].alg);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_mismatched_halves);
    }
  g_test_add_func ("/grant/jwk/generate-round-trip", test_generate_round_trip);
  g_test_add_func ("/grant/jwk/pem", test_pem);
  g_test_add_func ("/grant/jwk/private-from-data", test_private_from_data);
  g_test_add_func ("/grant/jwk/use-and-key-ops", test_use_and_key_ops);
  g_test_add_func ("/grant/jwks/select", test_select);
  g_test_add_func ("/grant/jwks/ignored", test_jwks_ignored);
  g_test_add_func ("/grant/jwks/refused", test_jwks_refused);

  return g_test_run ();
}
