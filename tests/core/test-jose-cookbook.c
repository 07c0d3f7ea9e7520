/* test-jose-cookbook.c
 * The published JOSE examples: RFC 7520 (the cookbook), RFC 8037, RFC 7515, RFC 7517, RFC 7638.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every compact JWS of tests/data/jose-cookbook/ verifies with its key, the deterministic ones
 * sign again to the published bytes, what Grant does not implement (alg none, detached content,
 * the JSON serialization) is refused with the right error, thumbprints match, the RFC 7517 key
 * sets parse whole, and every cookbook key survives an export and a parse.
 * tests/data/jose-cookbook/PROVENANCE.md says where each file comes from.
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

/* The contents of tests/data/jose-cookbook/@name. */
static char *
load_text (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  path = g_test_build_filename (G_TEST_DIST, "data", "jose-cookbook", name, NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

static GrantJwk *
key_from_json (JsonObject *object)
{
  g_autoptr(GError) error = NULL;
  GrantJwk *key;

  key = grant_jwk_new_from_json (object, &error);
  g_assert_no_error (error);

  return key;
}

static GrantJwk *
key_from_file (const char *name)
{
  g_autofree char *text = load_text (name);
  g_autoptr(GError) error = NULL;
  GrantJwk *key;

  key = grant_jwk_new_from_data (text, -1, &error);
  g_assert_no_error (error);

  return key;
}

/* The key a verifier would hold: the public export of an RSA, EC or OKP key, the secret of an
 * oct key. */
static GrantJwk *
public_key_of (GrantJwk *key)
{
  g_autoptr(JsonObject) exported = NULL;

  if (grant_jwk_get_key_type (key) == GRANT_JWK_TYPE_OCT)
    return g_object_ref (key);

  exported = grant_jwk_to_json (key, FALSE);
  g_assert_false (json_object_has_member (exported, "d"));

  return key_from_json (exported);
}

static GrantJws *
parse_compact (const char *compact)
{
  g_autoptr(GError) error = NULL;
  GrantJws *jws;

  jws = grant_jws_parse (compact, -1, &error);
  g_assert_no_error (error);

  return jws;
}

/* Parses @compact and checks that it verifies with @key and with the public half of @key,
 * that its alg is @alg, and that its payload is @payload (when given). */
static void
assert_verifies (const char *compact,
                 GrantJwk   *key,
                 const char *alg,
                 GBytes     *payload)
{
  g_autoptr(GrantJws) jws = parse_compact (compact);
  g_autoptr(GrantJwk) public_key = public_key_of (key);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (grant_jws_get_alg (jws), ==, alg);
  if (payload != NULL)
    g_assert_true (g_bytes_equal (grant_jws_get_payload (jws), payload));

  g_assert_true (grant_jws_verify (jws, key, &error));
  g_assert_no_error (error);
  g_assert_true (grant_jws_verify (jws, public_key, &error));
  g_assert_no_error (error);
}

static GBytes *
string_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* The RFC 7520 (§4.1-4.4) and RFC 8037 (A.4) examples: `output.compact` with `input.key`. */
static const char * const cookbook_compact_files[] = {
  "jws/4_1.rsa_v15_signature.json",
  "jws/4_2.rsa-pss_signature.json",
  "jws/4_3.ecdsa_signature.json",
  "jws/4_4.hmac-sha2_integrity_protection.json",
  "curve25519/jws.json",
};

static void
test_cookbook_verify (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cookbook_compact_files); i++)
    {
      g_autoptr(JsonNode) root = grant_test_data_load_json ("jose-cookbook", cookbook_compact_files[i]);
      JsonObject *input = json_object_get_object_member (json_node_get_object (root), "input");
      JsonObject *output = json_object_get_object_member (json_node_get_object (root), "output");
      g_autoptr(GrantJwk) key = key_from_json (json_object_get_object_member (input, "key"));
      g_autoptr(GBytes) payload = string_bytes (json_object_get_string_member (input,
                                                                              "payload"));

      g_test_message ("%s: %s", cookbook_compact_files[i],
                      json_object_get_string_member (input, "alg"));
      assert_verifies (json_object_get_string_member (output, "compact"), key,
                       json_object_get_string_member (input, "alg"), payload);
    }
}

/* RFC 7515 Appendix A.1-A.4 (HS256, RS256, ES256, ES512), as latchset/jose ships them. */
static const struct {
  const char *name;
  const char *alg;
} rfc7515_examples[] = {
  { "rfc7515_A.1", "HS256" },
  { "rfc7515_A.2", "RS256" },
  { "rfc7515_A.3", "ES256" },
  { "rfc7515_A.4", "ES512" },
};

static void
test_rfc7515_verify (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc7515_examples); i++)
    {
      g_autofree char *jwk_name = g_strconcat ("rfc7515-latchset/", rfc7515_examples[i].name,
                                               ".jwk", NULL);
      g_autofree char *jwsc_name = g_strconcat ("rfc7515-latchset/", rfc7515_examples[i].name,
                                                ".jwsc", NULL);
      g_autofree char *compact = load_text (jwsc_name);
      g_autoptr(GrantJwk) key = key_from_file (jwk_name);

      assert_verifies (compact, key, rfc7515_examples[i].alg, NULL);
    }
}

/* The deterministic examples (RS256, HS256, EdDSA) sign again to the published bytes.
 *
 * Two things are compared. First the algorithm alone: grant_jws_algorithm_sign() over the exact
 * signing input of the published JWS must give its signature byte for byte. Then the whole JWS:
 * grant_jws_sign() is given the protected header as a JSON object and serializes it itself,
 * compactly and in member order. Where the published header bytes are that same serialization
 * (@same_header), the output must be the published compact JWS, character for character. RFC
 * 7515 A.1's header has a CRLF and a space inside it, which no serializer of the object gives
 * back; there the new JWS must differ only in its header, and it must verify with the key and
 * carry the same payload. */
static const struct {
  const char *name;
  gboolean    same_header;
} deterministic_examples[] = {
  { "jws/4_1.rsa_v15_signature.json", TRUE },
  { "jws/4_4.hmac-sha2_integrity_protection.json", TRUE },
  { "curve25519/jws.json", TRUE },
  { "rfc7515-latchset/rfc7515_A.1", FALSE },
  { "rfc7515-latchset/rfc7515_A.2", TRUE },
};

static void
test_deterministic_resign (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (deterministic_examples); i++)
    {
      const char *name = deterministic_examples[i].name;
      g_autoptr(GrantJwk) key = NULL;
      g_autoptr(GrantJws) published = NULL;
      g_autoptr(GrantJws) again = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonObject) header = NULL;
      g_autoptr(GBytes) signature = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *compact = NULL;
      g_autofree char *resigned = NULL;
      const char *last_dot;
      const char *alg;

      if (g_str_has_suffix (name, ".json"))
        {
          JsonObject *input;
          JsonNode *protected;

          root = grant_test_data_load_json ("jose-cookbook", name);
          input = json_object_get_object_member (json_node_get_object (root), "input");
          g_assert_true (json_object_get_boolean_member (json_node_get_object (root),
                                                         "reproducible"));
          key = key_from_json (json_object_get_object_member (input, "key"));
          compact = g_strdup (json_object_get_string_member (
                                json_object_get_object_member (json_node_get_object (root),
                                                               "output"), "compact"));
          protected = json_object_get_member (json_object_get_object_member (
                                                json_node_get_object (root), "signing"),
                                              "protected");
          header = json_object_ref (json_node_get_object (protected));
        }
      else
        {
          g_autofree char *jwk_name = g_strconcat (name, ".jwk", NULL);
          g_autofree char *jwsc_name = g_strconcat (name, ".jwsc", NULL);

          key = key_from_file (jwk_name);
          compact = load_text (jwsc_name);
        }

      published = parse_compact (compact);
      if (header == NULL)
        header = json_object_ref (grant_jws_get_header (published));
      alg = grant_jws_get_alg (published);
      g_test_message ("%s: %s", name, alg);

      /* The algorithm over the exact published signing input. */
      last_dot = strrchr (compact, '.');
      signature = grant_jws_algorithm_sign (alg, key, (const guint8 *) compact,
                                            (gsize) (last_dot - compact), &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (signature, grant_jws_get_signature (published)));

      /* The whole JWS, from the header object and the payload. */
      resigned = grant_jws_sign (header, grant_jws_get_payload (published), key, &error);
      g_assert_no_error (error);

      if (deterministic_examples[i].same_header)
        {
          g_assert_cmpstr (resigned, ==, compact);
          continue;
        }

      g_assert_cmpstr (resigned, !=, compact);
      again = parse_compact (resigned);
      g_assert_cmpstr (grant_jws_get_typ (again), ==, grant_jws_get_typ (published));
      g_assert_true (g_bytes_equal (grant_jws_get_payload (again),
                                    grant_jws_get_payload (published)));
      g_assert_cmpstr (grant_jws_get_alg (again), ==, alg);
      g_assert_true (grant_jws_verify (again, key, &error));
      g_assert_no_error (error);
    }
}

/* RFC 7515 A.5, an unsecured JWS: it parses (so that it can be shown), and never verifies,
 * neither with the A.1 key nor through a key set holding it. */
static void
test_rfc7515_alg_none (void)
{
  g_autofree char *compact = load_text ("rfc7515-latchset/rfc7515_A.5.jwsc");
  g_autoptr(GrantJwk) key = key_from_file ("rfc7515-latchset/rfc7515_A.1.jwk");
  g_autoptr(GrantJwks) jwks = grant_jwks_new ();
  g_autoptr(GrantJws) jws = parse_compact (compact);
  g_autoptr(GError) error = NULL;
  GrantJwk *used_key = key;

  g_assert_cmpstr (grant_jws_get_alg (jws), ==, "none");
  g_assert_cmpuint (g_bytes_get_size (grant_jws_get_signature (jws)), ==, 0);

  g_assert_false (grant_jws_verify (jws, key, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE);
  g_clear_error (&error);

  grant_jwks_add (jwks, key);
  g_assert_false (grant_jws_verify_with_jwks (jws, jwks, &used_key, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE);
  g_assert_null (used_key);
}

/* RFC 7520 §4.5: the payload is detached, so the compact form is header..signature. Grant has
 * no way to be given the payload separately, and the signature does not cover an empty one. Put
 * the payload back between the dots and the same signature verifies, which shows that it is
 * the detachment, not the example, that fails. */
static void
test_cookbook_detached_content (void)
{
  g_autoptr(JsonNode) root = grant_test_data_load_json ("jose-cookbook",
                                        "jws/4_5.signature_with_detached_content.json");
  JsonObject *input = json_object_get_object_member (json_node_get_object (root), "input");
  const char *compact = json_object_get_string_member (
                          json_object_get_object_member (json_node_get_object (root), "output"),
                          "compact");
  const char *payload = json_object_get_string_member (input, "payload");
  g_autoptr(GrantJwk) key = key_from_json (json_object_get_object_member (input, "key"));
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJws) attached = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload_b64 = NULL;
  g_autofree char *with_payload = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (strstr (compact, ".."));
  jws = parse_compact (compact);
  g_assert_cmpuint (g_bytes_get_size (grant_jws_get_payload (jws)), ==, 0);
  g_assert_false (grant_jws_verify (jws, key, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  parts = g_strsplit (compact, ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  payload_b64 = grant_base64url_encode ((const guint8 *) payload, strlen (payload));
  with_payload = g_strjoin (".", parts[0], payload_b64, parts[2], NULL);
  attached = parse_compact (with_payload);
  g_assert_true (grant_jws_verify (attached, key, &error));
  g_assert_no_error (error);
}

/* RFC 7520 §4.6-4.8 (unprotected headers, content-only protection, several signatures) and
 * RFC 7797 §4.2 (b64 false) exist only in the JSON serialization, which Grant does not parse:
 * it must say so rather than fail in some other way. Every serialization the files give is
 * tried, compact and indented. */
static void
test_json_serialization_unsupported (void)
{
  static const char * const files[] = {
    "jws/4_6.protecting_specific_header_fields.json",
    "jws/4_7.protecting_content_only.json",
    "jws/4_8.multiple_signatures.json",
    "rfc7797/4.2.hmac-sha2_b64_false.json",
  };
  static const char * const forms[] = { "json", "json_flat" };
  guint n_tried = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(JsonNode) root = grant_test_data_load_json ("jose-cookbook", files[i]);
      JsonObject *output = json_object_get_object_member (json_node_get_object (root), "output");

      g_assert_false (json_object_has_member (output, "compact"));

      for (guint j = 0; j < G_N_ELEMENTS (forms); j++)
        {
          JsonNode *serialization = json_object_get_member (output, forms[j]);

          if (serialization == NULL)
            continue;

          for (int pretty = 0; pretty <= 1; pretty++)
            {
              g_autofree char *text = json_to_string (serialization, pretty);
              g_autoptr(GrantJws) jws = NULL;
              g_autoptr(GError) error = NULL;

              jws = grant_jws_parse (text, -1, &error);
              g_assert_null (jws);
              g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED);
              g_assert_nonnull (strstr (error->message, "JSON serialization"));
              n_tried++;
            }
        }
    }

  /* 4.6 and 4.7 and RFC 7797 have both forms, 4.8 only the general one: 7 texts, twice each. */
  g_assert_cmpuint (n_tried, ==, 14);
}

/* The "data" of the rfc-vectors.json vector named @id. */
static JsonObject *
rfc_vector (JsonNode   *root,
            const char *id)
{
  JsonArray *vectors = json_object_get_array_member (json_node_get_object (root), "vectors");

  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *vector = json_array_get_object_element (vectors, i);

      if (g_strcmp0 (json_object_get_string_member (vector, "id"), id) == 0)
        return json_object_get_object_member (vector, "data");
    }

  g_error ("rfc-vectors.json has no vector “%s”", id);
}

static void
assert_thumbprint (GrantJwk   *key,
                   const char *expected)
{
  g_autofree char *thumbprint = grant_jwk_dup_thumbprint (key);

  g_assert_cmpstr (thumbprint, ==, expected);
}

/* RFC 7638 §3.1 (from the latchset files and from rfc-vectors.json), RFC 7638 §3.2's required
 * members, and RFC 8037 Appendix A.3. Optional members (alg, kid) and the private part must not
 * change a thumbprint. */
static void
test_thumbprints (void)
{
  g_autoptr(JsonNode) vectors = grant_test_data_load_json (NULL, "rfc-vectors.json");
  g_autofree char *thp = load_text ("rfc7515-latchset/rfc7638_3.1.thp");
  g_autoptr(GrantJwk) rsa = key_from_file ("rfc7515-latchset/rfc7638_3.1.jwk");
  JsonObject *rfc7638 = rfc_vector (vectors, "rfc7638-3.1-rsa-thumbprint");
  JsonObject *members = rfc_vector (vectors, "rfc7638-3.2-required-members");
  JsonObject *rfc8037 = rfc_vector (vectors, "rfc8037-appA-ed25519");
  g_autoptr(GrantJwk) rsa_again = key_from_json (json_object_get_object_member (rfc7638, "jwk"));
  g_autoptr(GrantJwk) ed25519_private = NULL;
  g_autoptr(GrantJwk) ed25519_public = NULL;
  g_autoptr(GrantJwk) ec = key_from_file ("jwk/3_1.ec_public_key.json");
  g_autoptr(GrantJwk) oct = key_from_file ("jwk/3_5.symmetric_key_mac_computation.json");
  struct {
    const char *kty;
    GrantJwk   *key;
  } by_type[4];

  g_strchomp (thp);
  g_assert_cmpstr (thp, ==, json_object_get_string_member (rfc7638, "thumbprint"));
  g_assert_cmpstr (grant_jwk_get_kid (rsa), ==, "2011-04-29");
  assert_thumbprint (rsa, thp);
  assert_thumbprint (rsa_again, json_object_get_string_member (rfc7638, "thumbprint"));

  ed25519_private = key_from_json (json_object_get_object_member (rfc8037, "A.1_private_jwk"));
  ed25519_public = key_from_json (json_object_get_object_member (rfc8037, "A.2_public_jwk"));
  g_assert_true (grant_jwk_is_private (ed25519_private));
  g_assert_false (grant_jwk_is_private (ed25519_public));
  assert_thumbprint (ed25519_private, json_object_get_string_member (rfc8037, "A.3_thumbprint"));
  assert_thumbprint (ed25519_public, json_object_get_string_member (rfc8037, "A.3_thumbprint"));

  /* The members a thumbprint is computed from are in every export of the key. */
  by_type[0].kty = "RSA";
  by_type[0].key = rsa;
  by_type[1].kty = "EC";
  by_type[1].key = ec;
  by_type[2].kty = "oct";
  by_type[2].key = oct;
  by_type[3].kty = "OKP (RFC 8037 Section 2)";
  by_type[3].key = ed25519_public;
  for (guint i = 0; i < G_N_ELEMENTS (by_type); i++)
    {
      JsonArray *required = json_object_get_array_member (members, by_type[i].kty);
      g_autoptr(JsonObject) exported = grant_jwk_to_json (by_type[i].key, TRUE);

      g_assert_nonnull (required);
      for (guint j = 0; j < json_array_get_length (required); j++)
        g_assert_true (json_object_has_member (exported,
                                               json_array_get_string_element (required, j)));
    }
}

/* RFC 7520 §3.1-3.5: each key is exported with and without its private part and parsed
 * again; the thumbprint, kid, use and alg survive, and a public export carries no private
 * member. An oct key's public export has no "k" at all, so it is no longer a key. */
static void
test_cookbook_key_round_trip (void)
{
  static const char * const files[] = {
    "jwk/3_1.ec_public_key.json",
    "jwk/3_2.ec_private_key.json",
    "jwk/3_3.rsa_public_key.json",
    "jwk/3_4.rsa_private_key.json",
    "jwk/3_5.symmetric_key_mac_computation.json",
  };
  static const char * const private_members[] = { "d", "p", "q", "dp", "dq", "qi", "k" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GrantJwk) key = key_from_file (files[i]);
      g_autofree char *thumbprint = grant_jwk_dup_thumbprint (key);
      gboolean is_oct = grant_jwk_get_key_type (key) == GRANT_JWK_TYPE_OCT;

      for (int include_private = 1; include_private >= 0; include_private--)
        {
          g_autoptr(JsonObject) exported = grant_jwk_to_json (key, include_private);
          g_autoptr(GrantJwk) parsed = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *parsed_thumbprint = NULL;

          g_assert_cmpstr (json_object_get_string_member (exported, "kid"), ==,
                           grant_jwk_get_kid (key));
          g_assert_cmpstr (json_object_get_string_member (exported, "use"), ==, "sig");

          if (!include_private)
            {
              for (guint j = 0; j < G_N_ELEMENTS (private_members); j++)
                g_assert_false (json_object_has_member (exported, private_members[j]));
            }

          parsed = grant_jwk_new_from_json (exported, &error);
          if (is_oct && !include_private)
            {
              g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
              g_assert_null (parsed);
              continue;
            }
          g_assert_no_error (error);

          parsed_thumbprint = grant_jwk_dup_thumbprint (parsed);
          g_assert_cmpstr (parsed_thumbprint, ==, thumbprint);
          g_assert_cmpstr (grant_jwk_get_kid (parsed), ==, grant_jwk_get_kid (key));
          g_assert_cmpstr (grant_jwk_get_use (parsed), ==, grant_jwk_get_use (key));
          g_assert_cmpstr (grant_jwk_get_alg (parsed), ==, grant_jwk_get_alg (key));
          g_assert_true (grant_jwk_is_private (parsed)
                         == (grant_jwk_is_private (key) && include_private));
        }
    }
}

/* RFC 7517 Appendix A: the public, private and symmetric JWK Sets parse whole (nothing is left
 * out), and Appendix B's key with a certificate chain (x5c) parses as the RSA key it is. */
static void
test_rfc7517_key_sets (void)
{
  static const struct {
    const char *name;
    const char *kids[2];
    gboolean    is_private;
  } sets[] = {
    { "rfc7515-latchset/rfc7517_A.1.jwkset", { "1", "2011-04-29" }, FALSE },
    { "rfc7515-latchset/rfc7517_A.2.jwkset", { "1", "2011-04-29" }, TRUE },
    { "rfc7515-latchset/rfc7517_A.3.jwkset", { NULL, "HMACkeyusedinJWSspecAppendixA.1example" },
      TRUE },
  };
  g_autoptr(GrantJwk) appendix_b = key_from_file ("rfc7515-latchset/rfc7517_B.jwk");

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *text = load_text (sets[i].name);
      g_autoptr(GrantJwks) jwks = NULL;
      g_autoptr(GError) error = NULL;
      const char * const *ignored;

      jwks = grant_jwks_new_from_data (text, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jwks)), ==, 2);

      for (guint j = 0; j < 2; j++)
        {
          g_autoptr(GrantJwk) key = g_list_model_get_item (G_LIST_MODEL (jwks), j);

          g_assert_cmpstr (grant_jwk_get_kid (key), ==, sets[i].kids[j]);
          g_assert_true (grant_jwk_is_private (key) == sets[i].is_private);
        }

      /* A list of reasons, empty (not NULL) when every key was kept: callers such as
       * grant-cli's "jwt verify" walk it without a NULL check. On GLib 2.74 an empty
       * null-terminated GPtrArray has no storage, so its pdata is NULL until a first add. */
      ignored = grant_jwks_get_ignored (jwks);
      g_assert_nonnull (ignored);
      g_assert_null (ignored[0]);
    }

  g_assert_cmpint (grant_jwk_get_key_type (appendix_b), ==, GRANT_JWK_TYPE_RSA);
  g_assert_cmpstr (grant_jwk_get_kid (appendix_b), ==, "1b94c");
  g_assert_cmpstr (grant_jwk_get_use (appendix_b), ==, "sig");
  g_assert_false (grant_jwk_is_private (appendix_b));
  g_assert_cmpuint (grant_jwk_get_bits (appendix_b), ==, 2048);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/jose-cookbook/rfc7520-rfc8037-verify", test_cookbook_verify);
  g_test_add_func ("/grant/jose-cookbook/rfc7515-verify", test_rfc7515_verify);
  g_test_add_func ("/grant/jose-cookbook/deterministic-resign", test_deterministic_resign);
  g_test_add_func ("/grant/jose-cookbook/rfc7515-alg-none", test_rfc7515_alg_none);
  g_test_add_func ("/grant/jose-cookbook/rfc7520-detached-content",
                   test_cookbook_detached_content);
  g_test_add_func ("/grant/jose-cookbook/json-serialization-unsupported",
                   test_json_serialization_unsupported);
  g_test_add_func ("/grant/jose-cookbook/thumbprints", test_thumbprints);
  g_test_add_func ("/grant/jose-cookbook/key-round-trip", test_cookbook_key_round_trip);
  g_test_add_func ("/grant/jose-cookbook/rfc7517-key-sets", test_rfc7517_key_sets);

  return g_test_run ();
}
