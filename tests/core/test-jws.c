/* test-jws.c
 * Tests for compact JWS: every algorithm signs and verifies, and what must be refused is.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-jws.h"
#include "grant-jws-algorithm.h"

static const char * const all_algs[] = {
  "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
  "ES256", "ES384", "ES512", "EdDSA",
};

static char *
sign_with (GrantJwk   *key,
           const char *alg,
           const char *payload)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (payload, strlen (payload));
  g_autoptr(GError) error = NULL;
  char *compact;

  json_object_set_string_member (header, "alg", alg);
  json_object_set_string_member (header, "typ", "JWT");
  if (grant_jwk_get_kid (key) != NULL)
    json_object_set_string_member (header, "kid", grant_jwk_get_kid (key));

  compact = grant_jws_sign (header, bytes, key, &error);
  g_assert_no_error (error);

  return compact;
}

static char *
b64 (const char *text)
{
  return grant_base64url_encode ((const guint8 *) text, strlen (text));
}

/* Each algorithm signs, verifies its own signature, and refuses a changed payload. */
static void
test_sign_verify (gconstpointer data)
{
  const char *alg = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) key = grant_jwk_generate (alg, &error);
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJws) tampered = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *forged_payload = b64 ("{\"sub\":\"mallory\"}");
  const char *first_dot;
  const char *second_dot;

  g_assert_no_error (error);
  compact = sign_with (key, alg, "{\"sub\":\"alice\"}");

  jws = grant_jws_parse (compact, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_jws_get_alg (jws), ==, alg);
  g_assert_cmpstr (grant_jws_get_typ (jws), ==, "JWT");
  g_assert_cmpmem (g_bytes_get_data (grant_jws_get_payload (jws), NULL),
                   g_bytes_get_size (grant_jws_get_payload (jws)), "{\"sub\":\"alice\"}", 15);
  g_assert_true (grant_jws_verify (jws, key, &error));
  g_assert_no_error (error);

  /* The same signature over another payload. */
  first_dot = strchr (compact, '.');
  second_dot = strchr (first_dot + 1, '.');
  forged = g_strdup_printf ("%.*s.%s%s", (int) (first_dot - compact), compact, forged_payload,
                            second_dot);
  tampered = grant_jws_parse (forged, -1, &error);
  g_assert_no_error (error);
  g_assert_false (grant_jws_verify (tampered, key, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE);
}

/* A key of another family never verifies, whatever the signature: above all, an HS256 token
 * is never checked with a public key as the HMAC secret. */
static void
test_algorithm_confusion (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) rsa = grant_jwk_generate ("RS256", &error);
  g_autoptr(GrantJwk) ec = grant_jwk_generate ("ES256", &error);
  g_autoptr(JsonObject) rsa_public_json = grant_jwk_to_json (rsa, FALSE);
  g_autoptr(JsonObject) ec_public_json = grant_jwk_to_json (ec, FALSE);
  g_autoptr(GrantJwk) rsa_public = grant_jwk_new_from_json (rsa_public_json, &error);
  g_autoptr(GrantJwk) ec_public = grant_jwk_new_from_json (ec_public_json, &error);
  GrantJwk *public_keys[] = { rsa_public, ec_public };

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (public_keys); i++)
    {
      g_autoptr(JsonObject) exported = grant_jwk_to_json (public_keys[i], FALSE);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *as_text = NULL;
      g_autoptr(GBytes) secret = NULL;
      g_autoptr(GrantJwk) attacker_key = NULL;
      g_autoptr(GrantJws) jws = NULL;
      g_autofree char *compact = NULL;

      /* The attacker's secret: the public key's JWK text, which anyone can fetch. */
      json_node_set_object (node, exported);
      as_text = json_to_string (node, FALSE);
      secret = g_bytes_new (as_text, strlen (as_text));
      attacker_key = grant_jwk_new_from_secret (secret);
      compact = sign_with (attacker_key, "HS256", "{\"sub\":\"admin\"}");

      jws = grant_jws_parse (compact, -1, &error);
      g_assert_no_error (error);
      g_assert_false (grant_jws_verify (jws, public_keys[i], &error));
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
      g_assert_nonnull (strstr (error->message, "confusion"));
      g_clear_error (&error);
    }

  /* ES256 with the RSA key, RS256 with the EC key. */
  g_assert_false (grant_jws_algorithm_check_key ("ES256", rsa_public, "verify", &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
  g_clear_error (&error);
  g_assert_false (grant_jws_algorithm_check_key ("RS256", ec_public, "verify", &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
  g_clear_error (&error);

  /* A key that names its algorithm is for that one only, even in the same family. */
  g_assert_false (grant_jws_algorithm_check_key ("PS256", rsa, "verify", &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
  g_clear_error (&error);

  /* A public key cannot sign. */
  g_assert_false (grant_jws_algorithm_check_key ("ES256", ec_public, "sign", &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
}

static void
test_alg_none (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) key = grant_jwk_generate ("HS256", &error);
  g_autoptr(GrantJwks) jwks = grant_jwks_new ();
  g_autofree char *header = b64 ("{\"alg\":\"none\"}");
  g_autofree char *payload = b64 ("{\"sub\":\"admin\"}");
  g_autofree char *compact = g_strconcat (header, ".", payload, ".", NULL);
  g_autoptr(GrantJws) jws = NULL;

  jws = grant_jws_parse (compact, -1, &error);
  g_assert_no_error (error);
  g_assert_false (grant_jws_verify (jws, key, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE);
  g_clear_error (&error);

  grant_jwks_add (jwks, key);
  g_assert_false (grant_jws_verify_with_jwks (jws, jwks, NULL, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE);
}

/* A signature taken off, or made with another key, does not verify. */
static void
test_stripped_and_foreign (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) key = grant_jwk_generate ("ES256", &error);
  g_autoptr(GrantJwk) other = grant_jwk_generate ("ES256", &error);
  g_autofree char *compact = sign_with (key, "ES256", "{}");
  g_autofree char *stripped = g_strndup (compact, strrchr (compact, '.') - compact + 1);
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJws) stripped_jws = NULL;

  g_assert_no_error (error);
  jws = grant_jws_parse (compact, -1, &error);
  g_assert_no_error (error);
  grant_jwk_set_kid (other, NULL);
  grant_jwk_set_alg (other, NULL);
  g_assert_false (grant_jws_verify (jws, other, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  stripped_jws = grant_jws_parse (stripped, -1, &error);
  g_assert_no_error (error);
  g_assert_false (grant_jws_verify (stripped_jws, key, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE);
}

static const struct {
  const char *name;
  const char *header;         /* JSON, encoded by the test; NULL to use raw */
  const char *raw;            /* a whole token, used when header is NULL */
  int code;                   /* a GrantJoseError */
  const char *message_part;
} refused[] = {
  { "duplicate-alg", "{\"alg\":\"HS256\",\"alg\":\"none\"}", NULL,
    GRANT_JOSE_ERROR_INVALID_JSON, "“alg” twice" },
  { "no-alg", "{\"typ\":\"JWT\"}", NULL, GRANT_JOSE_ERROR_INVALID_JWS, "no “alg”" },
  { "alg-number", "{\"alg\":256}", NULL, GRANT_JOSE_ERROR_INVALID_JSON, "“alg” must be" },
  { "header-array", "[\"HS256\"]", NULL, GRANT_JOSE_ERROR_INVALID_JSON, "not a JSON object" },
  { "header-not-json", "alg=HS256", NULL, GRANT_JOSE_ERROR_INVALID_JSON, "not a JSON object" },
  /* Found by fuzzing: json-glib 1.6 reads the first object and ignores the second, so this
   * would be HS256 to Grant and "none" to a reader that takes the last. */
  { "two-headers", "{\"alg\":\"HS256\"}{\"alg\":\"none\"}", NULL,
    GRANT_JOSE_ERROR_INVALID_JSON, "more text after" },
  { "header-then-array", "{\"alg\":\"HS256\"} [1]", NULL, GRANT_JOSE_ERROR_INVALID_JSON,
    "more text after" },
  { "crit-unknown", "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", NULL,
    GRANT_JOSE_ERROR_UNSUPPORTED, "critical" },
  { "crit-registered", "{\"alg\":\"HS256\",\"crit\":[\"alg\"]}", NULL,
    GRANT_JOSE_ERROR_INVALID_JWS, "forbids" },
  { "crit-absent-member", "{\"alg\":\"HS256\",\"crit\":[\"x\"]}", NULL,
    GRANT_JOSE_ERROR_INVALID_JWS, "does not have" },
  { "crit-empty", "{\"alg\":\"HS256\",\"crit\":[]}", NULL, GRANT_JOSE_ERROR_INVALID_JWS,
    "non-empty" },
  { "b64-false", "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", NULL,
    GRANT_JOSE_ERROR_UNSUPPORTED, "RFC 7797" },
  { "jwe-header", "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}", NULL,
    GRANT_JOSE_ERROR_UNSUPPORTED, "JWE" },
  { "two-parts", NULL, "eyJhbGciOiJIUzI1NiJ9.e30", GRANT_JOSE_ERROR_INVALID_JWS, "has 2" },
  { "five-parts", NULL, "a.b.c.d.e", GRANT_JOSE_ERROR_UNSUPPORTED, "JWE" },
  { "json-serialization", NULL, " {\"payload\":\"e30\",\"signatures\":[]}",
    GRANT_JOSE_ERROR_UNSUPPORTED, "JSON serialization" },
  { "padded-payload", NULL, "eyJhbGciOiJIUzI1NiJ9.e30=.AAAA",
    GRANT_JOSE_ERROR_INVALID_BASE64URL, "payload" },
  { "space-in-signature", NULL, "eyJhbGciOiJIUzI1NiJ9.e30.AA AA",
    GRANT_JOSE_ERROR_INVALID_BASE64URL, "signature" },
  { "empty-header", NULL, ".e30.AAAA", GRANT_JOSE_ERROR_INVALID_JWS, "empty" },
};

static void
test_refused (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJws) jws = NULL;
  g_autofree char *compact = NULL;

  if (refused[i].header != NULL)
    {
      g_autofree char *header = b64 (refused[i].header);

      compact = g_strconcat (header, ".e30.AAAA", NULL);
    }
  else
    {
      compact = g_strdup (refused[i].raw);
    }

  jws = grant_jws_parse (compact, -1, &error);
  g_assert_null (jws);
  g_assert_error (error, GRANT_JOSE_ERROR, refused[i].code);
  if (strstr (error->message, refused[i].message_part) == NULL)
    g_error ("the message “%s” does not say “%s”", error->message, refused[i].message_part);
}

/* A 10 MB token is refused at once, before any decoding. */
static void
test_too_large (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree char *huge = g_malloc (size + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJws) jws = NULL;
  gint64 started;

  memset (huge, 'A', size);
  huge[size] = '\0';
  huge[10] = '.';
  huge[20] = '.';

  started = g_get_monotonic_time ();
  jws = grant_jws_parse (huge, -1, &error);
  g_assert_null (jws);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_TOO_LARGE);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_algs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/jws/sign-verify/%s", all_algs[i]);

      g_test_add_data_func (path, all_algs[i], test_sign_verify);
    }
  g_test_add_func ("/grant/jws/algorithm-confusion", test_algorithm_confusion);
  g_test_add_func ("/grant/jws/alg-none", test_alg_none);
  g_test_add_func ("/grant/jws/stripped-and-foreign", test_stripped_and_foreign);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/jws/refused/%s", refused[i].name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_refused);
    }
  g_test_add_func ("/grant/jws/too-large", test_too_large);

  return g_test_run ();
}
