/* test-jose-interop.c
 * Grant's JWS against another implementation, jose 5.10, in both directions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JWS verifier that only ever sees its own signatures can agree with itself on a wrong
 * encoding (an ECDSA signature in DER, a PSS salt of the wrong length, a JWK coordinate
 * without its leading zeros) and still pass. So for every algorithm, Grant verifies an ID
 * token signed by jose (tests/fixtures/provider/jose-tokens.mjs), and jose verifies one signed
 * by Grant (jose-verify.mjs).
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-jose-json.h"
#include "grant-jwk.h"
#include "grant-jwks.h"
#include "grant-jws.h"
#include "grant-test-node.h"

/* Each algorithm, with the key it needs: its kty, its crv, and for HMAC the hash's size in
 * bytes, the least a key may have (RFC 7518 §3.2). */
typedef struct
{
  const char *alg;
  const char *kty;
  const char *crv;
  gsize       hash_size;
} Algorithm;

static const Algorithm algorithms[] = {
  { "RS256", "RSA", NULL, 0 },
  { "RS384", "RSA", NULL, 0 },
  { "RS512", "RSA", NULL, 0 },
  { "PS256", "RSA", NULL, 0 },
  { "PS384", "RSA", NULL, 0 },
  { "PS512", "RSA", NULL, 0 },
  { "ES256", "EC", "P-256", 0 },
  { "ES384", "EC", "P-384", 0 },
  { "ES512", "EC", "P-521", 0 },
  { "EdDSA", "OKP", "Ed25519", 0 },
  { "HS256", "oct", NULL, 32 },
  { "HS384", "oct", NULL, 48 },
  { "HS512", "oct", NULL, 64 },
};

/* What jose-tokens.mjs printed, made on first use. */
static JsonObject *jose_tokens;

/* What Grant signed for each algorithm, and what jose made of it, made on first use. */
typedef struct
{
  GError     *error;     /* why Grant could not make the key or sign, or NULL */
  char       *payload;   /* the claims Grant signed, as JSON text */
  JsonObject *jwk;       /* the key Grant exported for jose */
  JsonObject *result;    /* jose-verify.mjs's result */
} GrantSigned;

static GrantSigned grant_signed[G_N_ELEMENTS (algorithms)];
static gboolean grant_signed_done;

static JsonObject *
parse_object (const char *text,
              const char *what)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_nonnull (text);
  object = grant_jose_json_parse_object (text, strlen (text), what, &error);
  g_assert_no_error (error);

  return object;
}

static char *
to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

/* The member of @array whose "alg" is @alg; every algorithm has exactly one. */
static JsonObject *
find_by_alg (JsonArray  *array,
             const char *alg)
{
  JsonObject *found = NULL;

  g_assert_nonnull (array);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_array_get_object_element (array, i);

      g_assert_nonnull (element);
      if (g_strcmp0 (json_object_get_string_member_with_default (element, "alg", NULL),
                     alg) == 0)
        {
          g_assert_null (found);
          found = element;
        }
    }

  g_assert_nonnull (found);

  return found;
}

static JsonObject *
get_jose_tokens (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  if (jose_tokens != NULL)
    return jose_tokens;

  output = grant_test_node_run ("jose", "jose-tokens.mjs", NULL, &error);
  g_assert_no_error (error);
  jose_tokens = parse_object (output, "the output of jose-tokens.mjs");

  return jose_tokens;
}

/* The compact JWS with one character of its payload changed: still strict base64url, but
 * other payload bytes. The character is not the last of the part, so all six of its bits
 * are payload bits. */
static char *
tamper_payload (const char *compact)
{
  char *tampered = g_strdup (compact);
  char *payload = strchr (tampered, '.');
  char *signature;
  gsize middle;

  g_assert_nonnull (payload);
  payload++;
  signature = strchr (payload, '.');
  g_assert_nonnull (signature);
  g_assert_cmpint (signature - payload, >, 2);

  middle = (signature - payload) / 2;
  payload[middle] = payload[middle] == 'A' ? 'B' : 'A';

  return tampered;
}

/* jose → Grant: Grant verifies jose's token with its JWK, and through the whole JWK Set,
 * where it must pick the key by kid; the payload is jose's claims; one changed payload byte
 * is a bad signature. */
static void
test_jose_to_grant (gconstpointer data)
{
  const Algorithm *algorithm = data;
  const char *alg = algorithm->alg;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwks) jwks = NULL;
  g_autoptr(GrantJws) tampered_jws = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonNode) claims_node = NULL;
  g_autofree char *tampered = NULL;
  JsonObject *document = get_jose_tokens ();
  JsonObject *jose_case;
  JsonObject *jwk_json;
  JsonNode *expected_claims;
  const char * const *ignored;
  GrantJwk *used_key = NULL;
  const char *compact;
  const char *kid;
  GBytes *payload;
  gboolean verified;

  jose_case = find_by_alg (json_object_get_array_member (document, "cases"), alg);
  jwk_json = json_object_get_object_member (jose_case, "jwk");
  compact = json_object_get_string_member (jose_case, "jws");
  kid = json_object_get_string_member (jwk_json, "kid");
  expected_claims = json_object_get_member (jose_case, "payload");
  g_assert_nonnull (compact);
  g_assert_nonnull (kid);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (expected_claims));

  key = grant_jwk_new_from_json (jwk_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_jwk_get_kid (key), ==, kid);
  g_assert_cmpstr (grant_jwk_get_kty (key), ==, algorithm->kty);
  g_assert_cmpstr (grant_jwk_get_curve (key), ==, algorithm->crv);
  /* A public key cannot sign; a secret can. */
  g_assert_cmpint (grant_jwk_is_private (key), ==, algorithm->hash_size > 0);

  jws = grant_jws_parse (compact, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_jws_get_alg (jws), ==, alg);
  g_assert_cmpstr (grant_jws_get_kid (jws), ==, kid);
  g_assert_cmpstr (grant_jws_get_typ (jws), ==, "JWT");

  verified = grant_jws_verify (jws, key, &error);
  g_assert_no_error (error);
  g_assert_true (verified);

  /* The payload decodes to jose's claims, the name outside ASCII included. */
  payload = grant_jws_get_payload (jws);
  g_assert_nonnull (payload);
  claims = grant_jose_json_parse_object (g_bytes_get_data (payload, NULL),
                                         g_bytes_get_size (payload), "the payload", &error);
  g_assert_no_error (error);
  claims_node = json_node_init_object (json_node_alloc (), claims);
  g_assert_true (json_node_equal (claims_node, expected_claims));
  g_assert_cmpstr (json_object_get_string_member (claims, "name"), ==, "Zoë Łukasiewicz");

  /* The JWK Set holds all thirteen keys, six of them RSA: only the kid says which. */
  jwks = grant_jwks_new_from_json (json_object_get_object_member (document, "jwks"), &error);
  g_assert_no_error (error);
  ignored = grant_jwks_get_ignored (jwks);
  g_assert_true (ignored == NULL || ignored[0] == NULL);

  verified = grant_jws_verify_with_jwks (jws, jwks, &used_key, &error);
  g_assert_no_error (error);
  g_assert_true (verified);
  g_assert_nonnull (used_key);
  g_assert_cmpstr (grant_jwk_get_kid (used_key), ==, kid);

  tampered = tamper_payload (compact);
  tampered_jws = grant_jws_parse (tampered, -1, &error);
  g_assert_no_error (error);

  verified = grant_jws_verify (tampered_jws, key, &error);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE);
  g_assert_false (verified);
  g_clear_error (&error);

  verified = grant_jws_verify_with_jwks (tampered_jws, jwks, NULL, &error);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE);
  g_assert_false (verified);
}

/* The claims of an ID token (OpenID Connect Core §2), with a name outside ASCII. */
static char *
grant_claims (const char *alg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sub = g_strdup_printf ("grant-user-%s", alg);
  g_autofree char *nonce = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint8 nonce_bytes[16];

  for (guint i = 0; i < G_N_ELEMENTS (nonce_bytes); i++)
    nonce_bytes[i] = g_random_int_range (0, 256);
  nonce = grant_base64url_encode (nonce_bytes, sizeof nonce_bytes);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "iss");
  json_builder_add_string_value (builder, "https://practice.grant.test");
  json_builder_set_member_name (builder, "sub");
  json_builder_add_string_value (builder, sub);
  json_builder_set_member_name (builder, "aud");
  json_builder_add_string_value (builder, "grant-public");
  json_builder_set_member_name (builder, "exp");
  json_builder_add_int_value (builder, now + 3600);
  json_builder_set_member_name (builder, "iat");
  json_builder_add_int_value (builder, now);
  json_builder_set_member_name (builder, "nonce");
  json_builder_add_string_value (builder, nonce);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Søren Ødegård");
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, "soren@example.com");
  json_builder_set_member_name (builder, "email_verified");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return to_json (root);
}

/* Makes a key and signs a token with it, or says why Grant could not. Returns the jose-verify
 * case, or NULL with @error set. */
static JsonObject *
sign_one (const char   *alg,
          GrantSigned  *signed_case,
          GError      **error)
{
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *kid = g_strdup_printf ("grant-%s", alg);
  g_autofree char *compact = NULL;
  JsonObject *jose_case;

  key = grant_jwk_generate (alg, error);
  if (key == NULL)
    return NULL;
  grant_jwk_set_kid (key, kid);

  json_object_set_string_member (header, "alg", alg);
  json_object_set_string_member (header, "kid", kid);
  json_object_set_string_member (header, "typ", "JWT");

  signed_case->payload = grant_claims (alg);
  payload = g_bytes_new (signed_case->payload, strlen (signed_case->payload));

  compact = grant_jws_sign (header, payload, key, error);
  if (compact == NULL)
    return NULL;

  /* jose gets the public key; an HMAC key has no public half, so it gets the secret. */
  signed_case->jwk = grant_jwk_to_json (key, g_str_has_prefix (alg, "HS"));

  jose_case = json_object_new ();
  json_object_set_string_member (jose_case, "alg", alg);
  json_object_set_object_member (jose_case, "jwk", json_object_ref (signed_case->jwk));
  json_object_set_string_member (jose_case, "jws", compact);

  return jose_case;
}

/* Grant signs with every algorithm, and jose-verify.mjs checks them all in one run. */
static void
sign_with_grant (void)
{
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonArray) cases = json_array_new ();
  g_autoptr(JsonNode) input_node = NULL;
  g_autoptr(JsonObject) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input_text = NULL;
  g_autofree char *output_text = NULL;
  JsonArray *results;

  if (grant_signed_done)
    return;
  grant_signed_done = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    {
      JsonObject *jose_case = sign_one (algorithms[i].alg, &grant_signed[i],
                                        &grant_signed[i].error);

      if (jose_case != NULL)
        json_array_add_object_element (cases, jose_case);
    }

  json_object_set_array_member (input, "cases", json_array_ref (cases));
  input_node = json_node_init_object (json_node_alloc (), input);
  input_text = to_json (input_node);

  output_text = grant_test_node_run ("jose", "jose-verify.mjs", input_text, &error);
  g_assert_no_error (error);
  output = parse_object (output_text, "the output of jose-verify.mjs");
  results = json_object_get_array_member (output, "results");
  g_assert_nonnull (results);
  g_assert_cmpuint (json_array_get_length (results), ==, json_array_get_length (cases));

  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    if (grant_signed[i].error == NULL)
      grant_signed[i].result = json_object_ref (find_by_alg (results, algorithms[i].alg));
}

/* Grant → jose: jose verifies Grant's token with the JWK Grant exported, and sees the header
 * and claims Grant signed. The exported public key carries no private member. */
static void
test_grant_to_jose (gconstpointer data)
{
  const Algorithm *algorithm = data;
  const char *alg = algorithm->alg;
  g_autofree char *kid = g_strdup_printf ("grant-%s", alg);
  GrantSigned *signed_case = &grant_signed[algorithm - algorithms];
  JsonObject *header;

  sign_with_grant ();

  g_assert_no_error (signed_case->error);
  g_assert_nonnull (signed_case->result);

  /* jose's reason comes first, so that a failure shows it. */
  g_assert_cmpstr (json_object_get_string_member_with_default (signed_case->result, "error",
                                                               NULL), ==, NULL);
  g_assert_true (json_object_get_boolean_member_with_default (signed_case->result, "verified",
                                                              FALSE));

  header = json_object_get_object_member (signed_case->result, "header");
  g_assert_nonnull (header);
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, alg);
  g_assert_cmpstr (json_object_get_string_member (header, "kid"), ==, kid);
  g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "JWT");
  g_assert_cmpstr (json_object_get_string_member (signed_case->result, "payload"), ==,
                   signed_case->payload);

  g_assert_cmpstr (json_object_get_string_member_with_default (signed_case->jwk, "kty", NULL),
                   ==, algorithm->kty);
  g_assert_cmpstr (json_object_get_string_member_with_default (signed_case->jwk, "crv", NULL),
                   ==, algorithm->crv);
  g_assert_cmpstr (json_object_get_string_member_with_default (signed_case->jwk, "kid", NULL),
                   ==, kid);

  if (algorithm->hash_size > 0)
    {
      g_autoptr(GBytes) secret = NULL;
      g_autoptr(GError) error = NULL;
      const char *k = json_object_get_string_member_with_default (signed_case->jwk, "k", NULL);

      /* RFC 7518 §3.2: an HMAC key at least as long as the hash. */
      g_assert_nonnull (k);
      secret = grant_base64url_decode (k, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (secret), >=, algorithm->hash_size);
    }
  else
    {
      static const char * const private_members[] = { "d", "p", "q", "dp", "dq", "qi", "oth",
                                                      "k" };

      for (guint i = 0; i < G_N_ELEMENTS (private_members); i++)
        g_assert_false (json_object_has_member (signed_case->jwk, private_members[i]));
    }
}

static void
grant_signed_clear (GrantSigned *signed_case)
{
  g_clear_error (&signed_case->error);
  g_clear_pointer (&signed_case->payload, g_free);
  g_clear_pointer (&signed_case->jwk, json_object_unref);
  g_clear_pointer (&signed_case->result, json_object_unref);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    {
      g_autofree char *jose_to_grant = g_strdup_printf ("/grant/jose-interop/jose-to-grant/%s",
                                                        algorithms[i].alg);
      g_autofree char *grant_to_jose = g_strdup_printf ("/grant/jose-interop/grant-to-jose/%s",
                                                        algorithms[i].alg);

      g_test_add_data_func (jose_to_grant, &algorithms[i], test_jose_to_grant);
      g_test_add_data_func (grant_to_jose, &algorithms[i], test_grant_to_jose);
    }

  status = g_test_run ();

  g_clear_pointer (&jose_tokens, json_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (grant_signed); i++)
    grant_signed_clear (&grant_signed[i]);

  return status;
}
