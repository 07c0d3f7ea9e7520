/* test-pkce.c
 * Tests for PKCE (RFC 7636): every rfc7636 vector of tests/data/rfc-vectors.json, generated
 * verifiers, refusals, the explained steps, and matching.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-pkce.h"

/* The RFC 7636 vectors: every member of "vectors" whose id starts with this. */
#define VECTOR_PREFIX "rfc7636-"

static JsonArray *
load_vectors (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonNode *root;

  path = g_test_build_filename (G_TEST_DIST, "data", "rfc-vectors.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_array_ref (json_object_get_array_member (json_node_get_object (root), "vectors"));
}

/* The "data" of the vector named @id, which must exist. */
static JsonObject *
vector_data (JsonArray  *vectors,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *vector = json_array_get_object_element (vectors, i);

      if (g_strcmp0 (json_object_get_string_member (vector, "id"), id) == 0)
        return json_object_get_object_member (vector, "data");
    }

  g_error ("rfc-vectors.json has no vector “%s”", id);
}

static char *
hex_of_array (JsonArray *octets)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (octets); i++)
    g_string_append_printf (text, "%02x", (guint) json_array_get_int_element (octets, i));

  return g_string_free (text, FALSE);
}

static char *
hex_of_text (const char *text)
{
  GString *hex = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    g_string_append_printf (hex, "%02x", (guint) (guchar) *p);

  return g_string_free (hex, FALSE);
}

/* Reads "name = MIN*MAXrule" (RFC 5234 §3.6 repetition). */
static void
parse_repetition (const char  *abnf,
                  const char  *name,
                  guint64     *min,
                  guint64     *max,
                  const char **rule)
{
  g_autofree char *prefix = g_strdup_printf ("%s = ", name);
  char *end;

  g_assert_true (g_str_has_prefix (abnf, prefix));
  *min = g_ascii_strtoull (abnf + strlen (prefix), &end, 10);
  g_assert_cmpint (*end, ==, '*');
  *max = g_ascii_strtoull (end + 1, &end, 10);
  *rule = end;
}

/* Adds to @allowed the characters of one ABNF alternative: a quoted literal, a range
 * "%x41-5A", or the name of another rule of @abnf. */
static void add_rule (JsonArray *abnf, const char *name, gboolean allowed[256]);

static void
add_alternative (JsonArray  *abnf,
                 const char *alternative,
                 gboolean    allowed[256])
{
  gsize length = strlen (alternative);

  if (length == 3 && alternative[0] == '"' && alternative[2] == '"')
    {
      allowed[(guchar) alternative[1]] = TRUE;
    }
  else if (g_str_has_prefix (alternative, "%x"))
    {
      char *end;
      guint64 first = g_ascii_strtoull (alternative + 2, &end, 16);
      guint64 last;

      g_assert_cmpint (*end, ==, '-');
      last = g_ascii_strtoull (end + 1, &end, 16);
      g_assert_cmpint (*end, ==, '\0');
      g_assert_cmpuint (first, <=, last);
      g_assert_cmpuint (last, <, 256);

      for (guint64 c = first; c <= last; c++)
        allowed[c] = TRUE;
    }
  else
    {
      add_rule (abnf, alternative, allowed);
    }
}

static void
add_rule (JsonArray  *abnf,
          const char *name,
          gboolean    allowed[256])
{
  g_autofree char *prefix = g_strdup_printf ("%s = ", name);

  for (guint i = 0; i < json_array_get_length (abnf); i++)
    {
      const char *line = json_array_get_string_element (abnf, i);
      g_auto(GStrv) alternatives = NULL;

      if (!g_str_has_prefix (line, prefix))
        continue;

      alternatives = g_strsplit (line + strlen (prefix), " / ", -1);
      for (guint j = 0; alternatives[j] != NULL; j++)
        add_alternative (abnf, alternatives[j], allowed);
      return;
    }

  g_error ("The ABNF has no rule “%s”", name);
}

/* A valid verifier of @length characters with @c at @offset. */
static char *
verifier_with (gsize length,
               gsize offset,
               char  c)
{
  char *verifier = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    verifier[i] = "abcXYZ019-._~"[i % 13];
  verifier[offset] = c;
  verifier[length] = '\0';

  return verifier;
}

/* RFC 7636 Appendix B: octets → code_verifier → SHA-256 → code_challenge, each step. */
static void
check_appendix_b (JsonObject *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) steps = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *sha256_hex = NULL;
  g_autofree char *ascii_hex = NULL;
  JsonArray *octets = json_object_get_array_member (data, "verifier_octets");
  const char *code_verifier = json_object_get_string_member (data, "code_verifier");
  const char *code_challenge = json_object_get_string_member (data, "code_challenge");
  const char *method_name = json_object_get_string_member (data, "code_challenge_method");
  GrantPkceMethod method;
  guint8 bytes[32];

  /* The 32 octets, base64url-encoded, are the verifier (§4.1's recommendation). */
  g_assert_cmpuint (json_array_get_length (octets), ==, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) json_array_get_int_element (octets, i);
  verifier = grant_base64url_encode (bytes, sizeof bytes);
  g_assert_cmpstr (verifier, ==, code_verifier);

  grant_pkce_check_verifier (code_verifier, &error);
  g_assert_no_error (error);

  g_assert_true (grant_pkce_method_from_string (method_name, &method));
  g_assert_cmpint (method, ==, GRANT_PKCE_METHOD_S256);

  challenge = grant_pkce_challenge (code_verifier, method, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (challenge, ==, code_challenge);

  /* The intermediate step: SHA-256 of the ASCII octets, as the RFC prints it. */
  steps = grant_pkce_explain (code_verifier, method, &error);
  g_assert_no_error (error);
  sha256_hex = hex_of_array (json_object_get_array_member (data,
                                                           "sha256_of_ascii_code_verifier_octets"));
  g_assert_cmpstr (json_object_get_string_member (steps, "sha256_hex"), ==, sha256_hex);
  ascii_hex = hex_of_text (code_verifier);
  g_assert_cmpstr (json_object_get_string_member (steps, "ascii_octets"), ==, ascii_hex);
  g_assert_cmpstr (json_object_get_string_member (steps, "code_challenge"), ==, code_challenge);

  g_assert_true (grant_pkce_matches (code_verifier, method, code_challenge));
}

/* RFC 7636 §4.1: the ABNF of code-verifier, its bounds, and the recommended generation. */
static void
check_verifier_abnf (JsonObject *data)
{
  JsonArray *abnf = json_object_get_array_member (data, "abnf");
  const char *generation = json_object_get_string_member (data, "recommended_generation");
  gboolean allowed[256] = { FALSE, };
  guint64 min, max, octets, length;
  const char *rule;
  char *end;

  /* code-verifier = 43*128unreserved, and the header's bounds agree. */
  parse_repetition (json_array_get_string_element (abnf, 0), "code-verifier", &min, &max, &rule);
  g_assert_cmpuint (min, ==, json_object_get_int_member (data, "min_length"));
  g_assert_cmpuint (max, ==, json_object_get_int_member (data, "max_length"));
  g_assert_cmpuint (min, ==, GRANT_PKCE_VERIFIER_MIN_LENGTH);
  g_assert_cmpuint (max, ==, GRANT_PKCE_VERIFIER_MAX_LENGTH);

  add_rule (abnf, rule, allowed);

  /* Every byte value at a position inside the verifier: allowed exactly when the ABNF says. */
  for (guint c = 1; c < 256; c++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *verifier = verifier_with (min, 20, (char) c);
      gboolean valid = grant_pkce_check_verifier (verifier, &error);

      if (allowed[c])
        {
          g_assert_no_error (error);
          g_assert_true (valid);
        }
      else
        {
          g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
          g_assert_false (valid);
          g_assert_nonnull (strstr (error->message, "offset 20"));
        }
    }

  /* The bounds, and one character either side of them. */
  for (guint64 n = min - 1; n <= max + 1; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *verifier = verifier_with (n, 0, 'a');
      gboolean valid = grant_pkce_check_verifier (verifier, &error);

      g_assert_cmpint (valid, ==, n >= min && n <= max);
      if (!valid)
        g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
    }

  /* "32-octet random sequence, base64url-encoded (no padding) -> 43-octet verifier" */
  octets = g_ascii_strtoull (generation, &end, 10);
  g_assert_true (g_str_has_prefix (end, "-octet"));
  end = strstr (generation, "-> ");
  g_assert_nonnull (end);
  length = g_ascii_strtoull (end + 3, NULL, 10);
  for (guint i = 0; i < 16; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *random = g_malloc (octets);
      g_autofree char *verifier = NULL;

      for (guint64 j = 0; j < octets; j++)
        random[j] = (guint8) g_test_rand_int_range (0, 256);
      verifier = grant_base64url_encode (random, octets);
      g_assert_cmpuint (strlen (verifier), ==, length);
      g_assert_true (grant_pkce_check_verifier (verifier, &error));
      g_assert_no_error (error);
    }

  /* And the generator draws only from the ABNF's characters. */
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *verifier = grant_pkce_new_verifier (max);

      for (const char *p = verifier; *p != '\0'; p++)
        g_assert_true (allowed[(guchar) *p]);
    }
}

/* Base64url of SHA-256, computed here with GLib rather than OpenSSL. */
static char *
s256_by_hand (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  g_assert_cmpuint (length, ==, sizeof digest);

  return grant_base64url_encode (digest, length);
}

/* RFC 7636 §4.2: both methods as the RFC writes them, and the challenge's own ABNF. */
static void
check_challenge_methods (JsonObject *data)
{
  g_autoptr(GList) members = json_object_get_members (data);
  g_autofree char *generated = grant_pkce_new_verifier (GRANT_PKCE_VERIFIER_MIN_LENGTH);
  const char *verifiers[] = {
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~",
    generated,
  };
  guint n_checked = 0;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      GrantPkceMethod method;

      if (g_str_equal (name, "challenge_abnf"))
        {
          JsonArray *abnf = json_object_get_array_member (data, name);
          guint64 min, max;
          const char *rule;

          g_assert_cmpuint (json_array_get_length (abnf), ==, 1);
          parse_repetition (json_array_get_string_element (abnf, 0), "code-challenge",
                            &min, &max, &rule);
          g_assert_cmpstr (rule, ==, "unreserved");

          /* A challenge of either method is itself 43*128unreserved. */
          for (guint i = 0; i < G_N_ELEMENTS (verifiers); i++)
            for (method = GRANT_PKCE_METHOD_S256; method <= GRANT_PKCE_METHOD_PLAIN; method++)
              {
                g_autoptr(GError) error = NULL;
                g_autofree char *challenge = grant_pkce_challenge (verifiers[i], method, &error);

                g_assert_no_error (error);
                g_assert_cmpuint (strlen (challenge), >=, min);
                g_assert_cmpuint (strlen (challenge), <=, max);
                g_assert_true (grant_pkce_check_verifier (challenge, &error));
                g_assert_no_error (error);
              }
          n_checked++;
          continue;
        }

      /* The other members are methods, named exactly as on the wire. */
      g_assert_true (grant_pkce_method_from_string (name, &method));
      g_assert_cmpstr (grant_pkce_method_to_string (method), ==, name);

      for (guint i = 0; i < G_N_ELEMENTS (verifiers); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *challenge = grant_pkce_challenge (verifiers[i], method, &error);
          g_autofree char *expected = NULL;

          g_assert_no_error (error);
          if (method == GRANT_PKCE_METHOD_PLAIN)
            {
              g_assert_cmpstr (json_object_get_string_member (data, name), ==,
                               "code_challenge = code_verifier");
              expected = g_strdup (verifiers[i]);
            }
          else
            {
              g_assert_cmpstr (json_object_get_string_member (data, name), ==,
                               "code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))");
              expected = s256_by_hand (verifiers[i]);
            }
          g_assert_cmpstr (challenge, ==, expected);
          g_assert_true (grant_pkce_matches (verifiers[i], method, expected));
        }
      n_checked++;
    }

  g_assert_cmpuint (n_checked, ==, g_list_length (members));
  g_assert_cmpuint (n_checked, ==, 3);
}

static void
test_rfc7636_vectors (void)
{
  g_autoptr(JsonArray) vectors = load_vectors ();
  static const struct {
    const char *id;
    void (*check) (JsonObject *data);
  } checks[] = {
    { "rfc7636-appB-s256", check_appendix_b },
    { "rfc7636-4.1-verifier-abnf", check_verifier_abnf },
    { "rfc7636-4.2-challenge-methods", check_challenge_methods },
  };
  guint n_vectors = 0;

  /* Every rfc7636 vector of the file has a check, so a vector added later fails here until
   * it is tested. */
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *vector = json_array_get_object_element (vectors, i);
      const char *id = json_object_get_string_member (vector, "id");
      gboolean known = FALSE;

      if (!g_str_has_prefix (id, VECTOR_PREFIX))
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (checks); j++)
        known |= g_str_equal (id, checks[j].id);
      if (!known)
        g_error ("No test for the vector “%s”", id);
      n_vectors++;
    }
  g_assert_cmpuint (n_vectors, ==, G_N_ELEMENTS (checks));

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_test_message ("%s", checks[i].id);
      checks[i].check (vector_data (vectors, checks[i].id));
    }
}

static gboolean
all_unreserved (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-._~", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
test_new_verifier_lengths (void)
{
  for (gsize length = GRANT_PKCE_VERIFIER_MIN_LENGTH;
       length <= GRANT_PKCE_VERIFIER_MAX_LENGTH;
       length++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *verifier = grant_pkce_new_verifier (length);

      g_assert_nonnull (verifier);
      g_assert_cmpuint (strlen (verifier), ==, length);
      g_assert_true (all_unreserved (verifier));
      g_assert_true (grant_pkce_check_verifier (verifier, &error));
      g_assert_no_error (error);
    }
}

static void
test_new_verifier_differ (void)
{
  g_autofree char *first = grant_pkce_new_verifier (43);
  g_autofree char *second = grant_pkce_new_verifier (43);
  g_autofree char *third = grant_pkce_new_verifier (128);
  g_autofree char *fourth = grant_pkce_new_verifier (128);

  g_assert_cmpstr (first, !=, second);
  g_assert_cmpstr (third, !=, fourth);
}

/* Every one of the 66 characters turns up, and as often as the others. A modulo of a random
 * octet would give the first 58 characters 4 chances in 256 and the last 8 only 3: their
 * counts would differ by a quarter, far beyond chance at this sample size (the standard
 * error of the ratio below is about 1.2%). */
static void
test_new_verifier_uniform (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  guint counts[256] = { 0, };
  guint first = 0, last = 0;
  double ratio;

  for (guint i = 0; i < 516; i++)
    {
      g_autofree char *verifier = grant_pkce_new_verifier (128);

      for (const char *p = verifier; *p != '\0'; p++)
        counts[(guchar) *p]++;
    }

  for (guint i = 0; i < 66; i++)
    {
      g_assert_cmpuint (counts[(guchar) alphabet[i]], >, 0);
      if (i < 58)
        first += counts[(guchar) alphabet[i]];
      else
        last += counts[(guchar) alphabet[i]];
    }

  ratio = (last / 8.0) / (first / 58.0);
  g_test_message ("mean count of the last 8 characters / the first 58: %.3f", ratio);
  g_assert_cmpfloat (ratio, >, 0.9);
  g_assert_cmpfloat (ratio, <, 1.1);
}

static void
test_new_verifier_out_of_range (void)
{
  g_autofree char *too_short = NULL;
  g_autofree char *too_long = NULL;

  g_test_expect_message ("Grant", G_LOG_LEVEL_CRITICAL, "*GRANT_PKCE_VERIFIER_MIN_LENGTH*");
  too_short = grant_pkce_new_verifier (42);
  g_test_assert_expected_messages ();
  g_assert_null (too_short);

  g_test_expect_message ("Grant", G_LOG_LEVEL_CRITICAL, "*GRANT_PKCE_VERIFIER_MAX_LENGTH*");
  too_long = grant_pkce_new_verifier (129);
  g_test_assert_expected_messages ();
  g_assert_null (too_long);
}

static void
test_refuse_length (void)
{
  static const gsize lengths[] = { 0, 1, 42, 129, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) steps = NULL;
      g_autofree char *verifier = verifier_with (lengths[i], 0, 'A');
      g_autofree char *challenge = NULL;
      g_autofree char *says = g_strdup_printf ("has %" G_GSIZE_FORMAT " characters", lengths[i]);

      g_assert_false (grant_pkce_check_verifier (verifier, &error));
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
      g_assert_nonnull (strstr (error->message, says));
      g_assert_nonnull (strstr (error->message, "43 to 128"));
      g_clear_error (&error);

      /* The challenge and the explanation check the verifier first. */
      challenge = grant_pkce_challenge (verifier, GRANT_PKCE_METHOD_PLAIN, &error);
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
      g_assert_null (challenge);
      g_clear_error (&error);

      steps = grant_pkce_explain (verifier, GRANT_PKCE_METHOD_S256, &error);
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
      g_assert_null (steps);
    }
}

static void
test_refuse_character (void)
{
  static const struct {
    const char *verifier;
    const char *says;
  } cases[] = {
    /* '+' and '/' are base64, not base64url: a common mistake. */
    { "dBjftJeZ4CVP+mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "‘+’ at offset 12" },
    { "dBjftJeZ4CVP-mB92K27uhbUJU1p1r/wW1gFWFOEjXk", "‘/’ at offset 30" },
    { "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk=", "‘=’ at offset 43" },
    { " dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "‘ ’ at offset 0" },
    { "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\n", "byte 0x0a at offset 43" },
    { "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXké", "U+00E9 at offset 43" },
    { "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX\xff", "byte 0xff at offset 42" },
    /* Too short as well: the character is named, not the length. */
    { "abc%20", "‘%’ at offset 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (grant_pkce_check_verifier (cases[i].verifier, &error));
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_false (grant_pkce_matches (cases[i].verifier, GRANT_PKCE_METHOD_PLAIN,
                                          cases[i].verifier));
    }
}

static void
test_methods (void)
{
  static const char * const refused[] = { "s256", "S-256", "PLAIN", "Plain", "S256 ", "", "none",
                                          "SHA256" };
  GrantPkceMethod method = GRANT_PKCE_METHOD_PLAIN;

  g_assert_true (grant_pkce_method_from_string ("S256", &method));
  g_assert_cmpint (method, ==, GRANT_PKCE_METHOD_S256);
  g_assert_true (grant_pkce_method_from_string ("plain", &method));
  g_assert_cmpint (method, ==, GRANT_PKCE_METHOD_PLAIN);
  g_assert_cmpstr (grant_pkce_method_to_string (GRANT_PKCE_METHOD_S256), ==, "S256");
  g_assert_cmpstr (grant_pkce_method_to_string (GRANT_PKCE_METHOD_PLAIN), ==, "plain");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      method = GRANT_PKCE_METHOD_S256;
      g_assert_false (grant_pkce_method_from_string (refused[i], &method));
      g_assert_cmpint (method, ==, GRANT_PKCE_METHOD_S256);
    }
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GList *l = members;

  for (guint i = 0; names[i] != NULL; i++, l = l->next)
    {
      g_assert_nonnull (l);
      g_assert_cmpstr (l->data, ==, names[i]);
    }
  g_assert_null (l);
}

static void
test_explain (void)
{
  static const char * const s256_members[] = {
    "method", "code_verifier", "code_verifier_length", "ascii_octets", "sha256_hex",
    "code_challenge", NULL
  };
  static const char * const plain_members[] = {
    "method", "code_verifier", "code_verifier_length", "code_challenge", NULL
  };
  const char *verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) s256 = NULL;
  g_autoptr(JsonObject) plain = NULL;
  g_autofree char *ascii_hex = NULL;
  g_autofree char *sha256_hex = NULL;

  s256 = grant_pkce_explain (verifier, GRANT_PKCE_METHOD_S256, &error);
  g_assert_no_error (error);
  assert_members (s256, s256_members);
  g_assert_cmpstr (json_object_get_string_member (s256, "method"), ==, "S256");
  g_assert_cmpstr (json_object_get_string_member (s256, "code_verifier"), ==, verifier);
  g_assert_cmpint (json_object_get_int_member (s256, "code_verifier_length"), ==, 43);
  ascii_hex = hex_of_text (verifier);
  g_assert_cmpstr (json_object_get_string_member (s256, "ascii_octets"), ==, ascii_hex);
  g_assert_cmpstr (json_object_get_string_member (s256, "ascii_octets"), ==,
                   "64426a66744a655a344356502d6d4239324b3237756862554a"
                   "55317031725f775731674657464f456a586b");
  sha256_hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, verifier, -1);
  g_assert_cmpstr (json_object_get_string_member (s256, "sha256_hex"), ==, sha256_hex);
  g_assert_cmpstr (json_object_get_string_member (s256, "code_challenge"), ==,
                   "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

  plain = grant_pkce_explain (verifier, GRANT_PKCE_METHOD_PLAIN, &error);
  g_assert_no_error (error);
  assert_members (plain, plain_members);
  g_assert_cmpstr (json_object_get_string_member (plain, "method"), ==, "plain");
  g_assert_cmpstr (json_object_get_string_member (plain, "code_verifier"), ==, verifier);
  g_assert_cmpint (json_object_get_int_member (plain, "code_verifier_length"), ==, 43);
  g_assert_cmpstr (json_object_get_string_member (plain, "code_challenge"), ==, verifier);
}

static void
test_matches (void)
{
  const char *verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  const char *challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  g_autofree char *generated = grant_pkce_new_verifier (128);
  g_autofree char *generated_challenge = NULL;
  g_autofree char *too_short = verifier_with (42, 0, 'a');

  g_assert_true (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256, challenge));
  g_assert_true (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_PLAIN, verifier));

  /* One character off, at the start and at the end. */
  g_assert_false (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256,
                                      "F9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
  g_assert_false (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256,
                                      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN"));
  /* A prefix, a longer text, and nothing. */
  g_assert_false (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256,
                                      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c"));
  g_assert_false (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256,
                                      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMA"));
  g_assert_false (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256, ""));
  /* The wrong method either way. */
  g_assert_false (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_PLAIN, challenge));
  g_assert_false (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256, verifier));
  /* A verifier that is not valid never matches, not even itself with plain. */
  g_assert_false (grant_pkce_matches (too_short, GRANT_PKCE_METHOD_PLAIN, too_short));

  generated_challenge = s256_by_hand (generated);
  g_assert_true (grant_pkce_matches (generated, GRANT_PKCE_METHOD_S256, generated_challenge));
  g_assert_false (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256, generated_challenge));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/pkce/rfc7636-vectors", test_rfc7636_vectors);
  g_test_add_func ("/grant/pkce/new-verifier/lengths", test_new_verifier_lengths);
  g_test_add_func ("/grant/pkce/new-verifier/differ", test_new_verifier_differ);
  g_test_add_func ("/grant/pkce/new-verifier/uniform", test_new_verifier_uniform);
  g_test_add_func ("/grant/pkce/new-verifier/out-of-range", test_new_verifier_out_of_range);
  g_test_add_func ("/grant/pkce/refuse/length", test_refuse_length);
  g_test_add_func ("/grant/pkce/refuse/character", test_refuse_character);
  g_test_add_func ("/grant/pkce/methods", test_methods);
  g_test_add_func ("/grant/pkce/explain", test_explain);
  g_test_add_func ("/grant/pkce/matches", test_matches);

  return g_test_run ();
}
