/* test-id-token.c
 * Tests for ID-token validation: valid ES256, RS256 and HS256 tokens, each rule of OpenID
 * Connect Core §3.1.3.7 broken on its own, at_hash and c_hash, and the spec's Appendix A.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-id-token.h"
#include "grant-jose-error.h"
#include "grant-jws.h"
#include "grant-jwt-claims.h"

/* 2026-11-18 UTC: every token here is validated at this instant. */
#define NOW G_GINT64_CONSTANT (1795000000)
#define ISSUER "https://accounts.example.com"
#define CLIENT_ID "grant-test-client"
#define NONCE "n-0S6_WzA2Mj"
#define SKEW 60

static const char * const check_names[] = {
  "parse", "alg", "signature", "iss", "sub", "aud", "azp", "exp", "iat", "nbf", "nonce", "at_hash",
  "c_hash", NULL
};

/* Made once: RSA keys take a while. */
static GrantJwk *es256_key;
static GrantJwk *rs256_key;
static GrantJwk *hs256_key;
static GrantJwk *other_es256_key;
static GrantJwks *public_jwks;   /* the ES256 and RS256 public keys, as a server publishes */
static GrantJwks *secret_jwks;   /* the HS256 client secret */

/* Validates both ways: the list of checks, and the quick yes or no of grant_id_token_verify(),
 * which must agree with it and name the first failed check. Every case below goes through
 * here, so the two can never drift apart. */
static GListModel *
validate_both (const char                     *token,
               GrantJwks                      *jwks,
               const GrantIdTokenExpectations *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  GListModel *checks = grant_id_token_validate (token, jwks, expected);
  gboolean valid = grant_id_token_verify (token, jwks, expected, &claims, &error);

  g_assert_cmpint (valid, ==, grant_checks_all_pass (checks));
  if (valid)
    {
      g_assert_no_error (error);
      g_assert_nonnull (claims);
    }
  else
    {
      g_autofree char *named = NULL;

      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ID_TOKEN_INVALID);
      g_assert_null (claims);
      for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
        {
          g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

          if (grant_check_get_status (check) == GRANT_CHECK_FAILED)
            {
              named = g_strdup_printf ("its “%s” check: %s", grant_check_get_name (check),
                                       grant_check_get_reason (check));
              break;
            }
        }
      g_assert_nonnull (named);
      g_assert_nonnull (strstr (error->message, named));
    }

  return checks;
}

static GrantJwk *
public_copy (GrantJwk *key)
{
  g_autoptr(JsonObject) object = grant_jwk_to_json (key, FALSE);
  g_autoptr(GError) error = NULL;
  GrantJwk *copy = grant_jwk_new_from_json (object, &error);

  g_assert_no_error (error);
  g_assert_false (grant_jwk_is_private (copy));

  return copy;
}

static GrantIdTokenExpectations
expectations (void)
{
  GrantIdTokenExpectations expected = {
    .issuer = ISSUER,
    .client_id = CLIENT_ID,
    .nonce = NONCE,
    .algorithms = NULL,
    .skew_seconds = SKEW,
    .now = NOW,
  };

  return expected;
}

/* The claims of a good ID token, issued a minute ago and valid for ten. */
static JsonObject *
good_claims (void)
{
  JsonObject *claims = json_object_new ();

  json_object_set_string_member (claims, "iss", ISSUER);
  json_object_set_string_member (claims, "sub", "248289761001");
  json_object_set_string_member (claims, "aud", CLIENT_ID);
  json_object_set_string_member (claims, "nonce", NONCE);
  json_object_set_int_member (claims, "exp", NOW + 600);
  json_object_set_int_member (claims, "iat", NOW - 60);

  return claims;
}

static char *
object_to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);

  return json_to_string (node, FALSE);
}

static char *
base64url_of_text (const char *text)
{
  return grant_base64url_encode ((const guint8 *) text, strlen (text));
}

/* Signs @claims with @key; the header names the key's alg and @kid (the key's own when NULL). */
static char *
sign_with_kid (GrantJwk   *key,
               const char *alg,
               const char *kid,
               JsonObject *claims)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = object_to_json (claims);
  char *token;

  json_object_set_string_member (header, "alg", alg);
  json_object_set_string_member (header, "kid", kid != NULL ? kid : grant_jwk_get_kid (key));
  payload = g_bytes_new (json, strlen (json));

  token = grant_jws_sign (header, payload, key, &error);
  g_assert_no_error (error);

  return token;
}

static char *
sign (GrantJwk   *key,
      JsonObject *claims)
{
  return sign_with_kid (key, grant_jwk_get_alg (key), NULL, claims);
}

static GrantCheck *
find_check (GListModel *checks,
            const char *name)
{
  GrantCheck *check = grant_checks_find (checks, name);

  if (check == NULL)
    g_error ("There is no check “%s”", name);

  return check;
}

/* Asserts one check's status, and that its reason says @reason_part (when not NULL). */
static void
assert_check (GListModel       *checks,
              const char       *name,
              GrantCheckStatus  status,
              const char       *reason_part)
{
  GrantCheck *check = find_check (checks, name);
  const char *reason = grant_check_get_reason (check);

  g_test_message ("%s: %s", name, reason);
  if (grant_check_get_status (check) != status
      || (reason_part != NULL && strstr (reason, reason_part) == NULL))
    g_error ("Check “%s” is %d (“%s”); expected %d with “%s”", name,
             grant_check_get_status (check), reason, status,
             reason_part != NULL ? reason_part : "");
  g_assert_true (g_str_has_suffix (reason, "."));
}

/* Asserts that exactly the check @name failed, and every other passed or did not apply. */
static void
assert_only_failure (GListModel *checks,
                     const char *name,
                     const char *reason_part)
{
  for (guint i = 0; check_names[i] != NULL; i++)
    {
      GrantCheck *check = find_check (checks, check_names[i]);

      if (g_str_equal (check_names[i], name))
        assert_check (checks, name, GRANT_CHECK_FAILED, reason_part);
      else if (grant_check_get_status (check) == GRANT_CHECK_FAILED)
        g_error ("Check “%s” failed too: %s", check_names[i], grant_check_get_reason (check));
    }
  g_assert_false (grant_checks_all_pass (checks));
}

static GListModel *
validate_claims (GrantJwk                       *key,
                 JsonObject                     *claims,
                 const GrantIdTokenExpectations *expected)
{
  g_autofree char *token = sign (key, claims);

  return validate_both (token, key == hs256_key ? secret_jwks : public_jwks,
                                  expected);
}

static void
test_valid (gconstpointer data)
{
  const char *alg = data;
  GrantJwk *key = g_str_equal (alg, "ES256") ? es256_key
                  : g_str_equal (alg, "RS256") ? rs256_key
                  : hs256_key;
  const char * const hs256_only[] = { "HS256", NULL };
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(GListModel) checks = NULL;
  GrantIdTokenExpectations expected = expectations ();
  g_autofree char *kid_reason = g_strdup_printf ("with the key “%s”", grant_jwk_get_kid (key));

  if (key == hs256_key)
    expected.algorithms = hs256_only;

  checks = validate_claims (key, claims, &expected);

  /* One check per rule, in the specification's order. */
  g_assert_true (g_list_model_get_item_type (checks) == GRANT_TYPE_CHECK);
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, g_strv_length ((GStrv) check_names));
  for (guint i = 0; check_names[i] != NULL; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      g_assert_cmpstr (grant_check_get_name (check), ==, check_names[i]);
    }

  g_assert_true (grant_checks_all_pass (checks));
  assert_check (checks, "parse", GRANT_CHECK_PASSED, alg);
  assert_check (checks, "alg", GRANT_CHECK_PASSED, alg);
  assert_check (checks, "signature", GRANT_CHECK_PASSED, kid_reason);
  assert_check (checks, "iss", GRANT_CHECK_PASSED, ISSUER);
  assert_check (checks, "aud", GRANT_CHECK_PASSED, CLIENT_ID);
  assert_check (checks, "azp", GRANT_CHECK_NOT_APPLICABLE, NULL);
  assert_check (checks, "exp", GRANT_CHECK_PASSED, "(in 10 min)");
  assert_check (checks, "iat", GRANT_CHECK_PASSED, "(1 min ago)");
  assert_check (checks, "nbf", GRANT_CHECK_NOT_APPLICABLE, "no “nbf”");
  assert_check (checks, "nonce", GRANT_CHECK_PASSED, NONCE);
  assert_check (checks, "at_hash", GRANT_CHECK_NOT_APPLICABLE, NULL);
  assert_check (checks, "c_hash", GRANT_CHECK_NOT_APPLICABLE, NULL);

  g_assert_finalize_object (g_steal_pointer (&checks));
}

/* alg none, crafted by hand as an attacker would: refused even if the client listed it. */
static void
test_alg_none (void)
{
  const char * const none_listed[] = { "none", "ES256", NULL };
  g_autoptr(JsonObject) claims = good_claims ();
  g_autofree char *header = base64url_of_text ("{\"alg\":\"none\"}");
  g_autofree char *json = object_to_json (claims);
  g_autofree char *payload = base64url_of_text (json);
  g_autofree char *token = g_strconcat (header, ".", payload, ".", NULL);
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GListModel) listed_checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  checks = validate_both (token, public_jwks, &expected);
  assert_check (checks, "parse", GRANT_CHECK_PASSED, NULL);
  assert_check (checks, "alg", GRANT_CHECK_FAILED, "unsecured (alg “none”)");
  assert_check (checks, "signature", GRANT_CHECK_FAILED, "unsecured (alg “none”)");
  assert_check (checks, "iss", GRANT_CHECK_PASSED, NULL);
  g_assert_false (grant_checks_all_pass (checks));

  expected.algorithms = none_listed;
  listed_checks = validate_both (token, public_jwks, &expected);
  assert_check (listed_checks, "alg", GRANT_CHECK_FAILED, "must always be signed");
  assert_check (listed_checks, "signature", GRANT_CHECK_FAILED, "unsecured");
}

/* The third part removed: a real ES256 header with nothing to check. */
static void
test_stripped_signature (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autofree char *token = sign (es256_key, claims);
  g_autoptr(GListModel) checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  *(strrchr (token, '.') + 1) = '\0';
  checks = validate_both (token, public_jwks, &expected);
  assert_only_failure (checks, "signature", "The ES256 signature does not verify");
}

/* Signed by another key that claims the trusted key's kid. */
static void
test_other_key (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autofree char *token = sign_with_kid (other_es256_key, "ES256", grant_jwk_get_kid (es256_key),
                                          claims);
  g_autoptr(GListModel) checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  checks = validate_both (token, public_jwks, &expected);
  assert_only_failure (checks, "signature", "The ES256 signature does not verify");
}

static void
test_unknown_kid (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autofree char *token = sign_with_kid (es256_key, "ES256", "rotated-away", claims);
  g_autoptr(GListModel) checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  checks = validate_both (token, public_jwks, &expected);
  assert_only_failure (checks, "signature", "no key with kid “rotated-away”");
}

/* The algorithm-confusion attack: an HS256 token whose secret is the server's RSA public key,
 * which anyone can fetch, naming that key's kid. */
static void
test_hs256_confusion (void)
{
  const char * const both[] = { "RS256", "HS256", NULL };
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(JsonObject) public_json = grant_jwk_to_json (rs256_key, FALSE);
  g_autofree char *public_text = object_to_json (public_json);
  g_autoptr(GBytes) secret = g_bytes_new (public_text, strlen (public_text));
  g_autoptr(GrantJwk) forged_key = grant_jwk_new_from_secret (secret);
  g_autofree char *token = sign_with_kid (forged_key, "HS256", grant_jwk_get_kid (rs256_key),
                                          claims);
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GListModel) listed_checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  /* A client that did not ask for HS256 refuses it and tries no key. */
  checks = validate_both (token, public_jwks, &expected);
  assert_check (checks, "alg", GRANT_CHECK_FAILED, "did not list it");
  assert_check (checks, "signature", GRANT_CHECK_FAILED, "no key was tried");
  g_assert_false (grant_checks_all_pass (checks));

  /* One that did still never uses the RSA key as an HMAC secret. */
  expected.algorithms = both;
  listed_checks = validate_both (token, public_jwks, &expected);
  assert_only_failure (listed_checks, "signature", "algorithm-confusion attack");
}

static void
test_alg_not_listed (void)
{
  const char * const rs256_only[] = { "RS256", NULL };
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(GListModel) checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  expected.algorithms = rs256_only;
  checks = validate_claims (es256_key, claims, &expected);
  assert_check (checks, "alg", GRANT_CHECK_FAILED, "“ES256”, which is not among");
  assert_check (checks, "alg", GRANT_CHECK_FAILED, "“RS256”");
  assert_check (checks, "signature", GRANT_CHECK_FAILED, "no key was tried");
}

static void
test_expired (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(GListModel) checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_set_int_member (claims, "exp", NOW - 3 * 60);
  json_object_set_int_member (claims, "iat", NOW - 10 * 60);
  checks = validate_claims (es256_key, claims, &expected);
  assert_only_failure (checks, "exp", "expired ");
  assert_check (checks, "exp", GRANT_CHECK_FAILED, "(3 min ago)");
  assert_check (checks, "exp", GRANT_CHECK_FAILED, "clock skew of 60 s");
}

static void
test_expired_within_skew (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(JsonObject) edge_claims = good_claims ();
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GListModel) edge_checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_set_int_member (claims, "exp", NOW - SKEW + 1);
  checks = validate_claims (es256_key, claims, &expected);
  g_assert_true (grant_checks_all_pass (checks));
  assert_check (checks, "exp", GRANT_CHECK_PASSED, "within the allowed clock skew");

  /* now < exp + skew is the rule: at exp + skew it has expired. */
  json_object_set_int_member (edge_claims, "exp", NOW - SKEW);
  edge_checks = validate_claims (es256_key, edge_claims, &expected);
  assert_only_failure (edge_checks, "exp", "expired");
}

static void
test_exp_missing (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(JsonObject) string_claims = good_claims ();
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GListModel) string_checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_remove_member (claims, "exp");
  checks = validate_claims (es256_key, claims, &expected);
  assert_only_failure (checks, "exp", "no “exp” claim");

  json_object_set_string_member (string_claims, "exp", "tomorrow");
  string_checks = validate_claims (es256_key, string_claims, &expected);
  assert_only_failure (string_checks, "exp", "NumericDate");
}

static void
test_iat (void)
{
  g_autoptr(JsonObject) missing_claims = good_claims ();
  g_autoptr(JsonObject) future_claims = good_claims ();
  g_autoptr(JsonObject) skewed_claims = good_claims ();
  g_autoptr(GListModel) missing = NULL;
  g_autoptr(GListModel) future = NULL;
  g_autoptr(GListModel) skewed = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_remove_member (missing_claims, "iat");
  missing = validate_claims (es256_key, missing_claims, &expected);
  assert_only_failure (missing, "iat", "no “iat” claim");

  json_object_set_int_member (future_claims, "iat", NOW + 5 * 60);
  future = validate_claims (es256_key, future_claims, &expected);
  assert_only_failure (future, "iat", "(in 5 min)");

  json_object_set_int_member (skewed_claims, "iat", NOW + 30);
  skewed = validate_claims (es256_key, skewed_claims, &expected);
  g_assert_true (grant_checks_all_pass (skewed));
  assert_check (skewed, "iat", GRANT_CHECK_PASSED, "within the allowed clock skew");
}

static void
test_nbf (void)
{
  g_autoptr(JsonObject) future_claims = good_claims ();
  g_autoptr(JsonObject) past_claims = good_claims ();
  g_autoptr(GListModel) future = NULL;
  g_autoptr(GListModel) past = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_set_int_member (future_claims, "nbf", NOW + 10 * 60);
  future = validate_claims (es256_key, future_claims, &expected);
  assert_only_failure (future, "nbf", "not valid before");
  assert_check (future, "nbf", GRANT_CHECK_FAILED, "(in 10 min)");

  json_object_set_int_member (past_claims, "nbf", NOW - 60);
  past = validate_claims (es256_key, past_claims, &expected);
  g_assert_true (grant_checks_all_pass (past));
  assert_check (past, "nbf", GRANT_CHECK_PASSED, "(1 min ago)");
}

static void
test_wrong_iss (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(JsonObject) slash_claims = good_claims ();
  g_autoptr(JsonObject) missing_claims = good_claims ();
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GListModel) slash_checks = NULL;
  g_autoptr(GListModel) missing_checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_set_string_member (claims, "iss", "https://attacker.example");
  checks = validate_claims (es256_key, claims, &expected);
  assert_only_failure (checks, "iss", "“https://attacker.example”, not the expected “" ISSUER "”");

  json_object_set_string_member (slash_claims, "iss", ISSUER "/");
  slash_checks = validate_claims (es256_key, slash_claims, &expected);
  assert_only_failure (slash_checks, "iss", "trailing slash");

  json_object_remove_member (missing_claims, "iss");
  missing_checks = validate_claims (es256_key, missing_claims, &expected);
  assert_only_failure (missing_checks, "iss", "no “iss” claim");
}

static void
test_wrong_aud (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(JsonObject) number_claims = good_claims ();
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GListModel) number_checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_set_string_member (claims, "aud", "another-client");
  checks = validate_claims (es256_key, claims, &expected);
  assert_only_failure (checks, "aud", "“another-client”, which does not include the client “"
                                      CLIENT_ID "”");

  json_object_set_int_member (number_claims, "aud", 42);
  number_checks = validate_claims (es256_key, number_claims, &expected);
  assert_only_failure (number_checks, "aud", "string or an array of strings");
}

static JsonArray *
audiences (const char *first,
           const char *second)
{
  JsonArray *array = json_array_new ();

  json_array_add_string_element (array, first);
  json_array_add_string_element (array, second);

  return array;
}

static void
test_azp (void)
{
  g_autoptr(JsonObject) without_azp = good_claims ();
  g_autoptr(JsonObject) with_azp = good_claims ();
  g_autoptr(JsonObject) other_azp = good_claims ();
  g_autoptr(GListModel) without_checks = NULL;
  g_autoptr(GListModel) with_checks = NULL;
  g_autoptr(GListModel) other_checks = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_set_array_member (without_azp, "aud", audiences (CLIENT_ID, "https://api.example"));
  without_checks = validate_claims (es256_key, without_azp, &expected);
  assert_check (without_checks, "aud", GRANT_CHECK_PASSED, "“https://api.example”");
  assert_only_failure (without_checks, "azp", "several audiences");

  json_object_set_array_member (with_azp, "aud", audiences ("https://api.example", CLIENT_ID));
  json_object_set_string_member (with_azp, "azp", CLIENT_ID);
  with_checks = validate_claims (es256_key, with_azp, &expected);
  g_assert_true (grant_checks_all_pass (with_checks));
  assert_check (with_checks, "azp", GRANT_CHECK_PASSED, CLIENT_ID);

  /* Any azp must be this client, even with a single audience. */
  json_object_set_string_member (other_azp, "azp", "another-client");
  other_checks = validate_claims (es256_key, other_azp, &expected);
  assert_only_failure (other_checks, "azp", "“another-client”, another client");
}

static void
test_nonce (void)
{
  g_autoptr(JsonObject) wrong_claims = good_claims ();
  g_autoptr(JsonObject) missing_claims = good_claims ();
  g_autoptr(JsonObject) prefix_claims = good_claims ();
  g_autoptr(JsonObject) unsent_claims = good_claims ();
  g_autoptr(GListModel) wrong = NULL;
  g_autoptr(GListModel) missing = NULL;
  g_autoptr(GListModel) prefix = NULL;
  g_autoptr(GListModel) unsent = NULL;
  g_autoptr(GListModel) neither = NULL;
  GrantIdTokenExpectations expected = expectations ();

  json_object_set_string_member (wrong_claims, "nonce", "replayed-nonce");
  wrong = validate_claims (es256_key, wrong_claims, &expected);
  assert_only_failure (wrong, "nonce", "“replayed-nonce”, not “" NONCE "”");

  json_object_remove_member (missing_claims, "nonce");
  missing = validate_claims (es256_key, missing_claims, &expected);
  assert_only_failure (missing, "nonce", "no “nonce” claim");

  /* A prefix of the nonce is not the nonce. */
  json_object_set_string_member (prefix_claims, "nonce", "n-0S6");
  prefix = validate_claims (es256_key, prefix_claims, &expected);
  assert_only_failure (prefix, "nonce", "not “" NONCE "”");

  expected.nonce = NULL;
  unsent = validate_claims (es256_key, unsent_claims, &expected);
  g_assert_true (grant_checks_all_pass (unsent));
  assert_check (unsent, "nonce", GRANT_CHECK_PASSED, "No nonce was sent");

  neither = validate_claims (es256_key, missing_claims, &expected);
  assert_check (neither, "nonce", GRANT_CHECK_NOT_APPLICABLE, "the token has none");
}

/* at_hash and c_hash: the same rule for the access token and the authorization code. The
 * values are OpenID Connect Core Appendix A's, whose hashes are SHA-256 as for ES256 and
 * RS256 alike. */
typedef struct
{
  const char *claim;
  const char *alg;
  const char *value;
  const char *hash;
  const char *what;
} HashCase;

static const HashCase at_hash_case = {
  "at_hash", "ES256", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "77QmUPtjPfzWtF2AnpK9RQ",
  "access token",
};

static const HashCase c_hash_case = {
  "c_hash", "RS256", "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk",
  "LDktKdoQak3Pk0cnXxCltA", "authorization code",
};

static void
set_hash_value (GrantIdTokenExpectations *expected,
                const HashCase           *hash_case,
                const char               *value)
{
  if (g_str_equal (hash_case->claim, "at_hash"))
    expected->access_token = value;
  else
    expected->code = value;
}

static void
test_hash_claim (gconstpointer data)
{
  const HashCase *hash_case = data;
  GrantJwk *key = g_str_equal (hash_case->alg, "ES256") ? es256_key : rs256_key;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = grant_id_token_hash (hash_case->alg, hash_case->value, &error);
  g_autofree char *matches = g_strdup_printf ("matches the %s", hash_case->what);
  g_autofree char *hashes_to = g_strdup_printf ("“%s”, but the %s hashes to", hash_case->hash,
                                                hash_case->what);
  g_autofree char *no_claim = g_strdup_printf ("the token has no %s", hash_case->claim);
  g_autoptr(JsonObject) claims = good_claims ();
  g_autoptr(JsonObject) absent_claims = good_claims ();
  g_autoptr(GListModel) match = NULL;
  g_autoptr(GListModel) mismatch = NULL;
  g_autoptr(GListModel) absent = NULL;
  g_autoptr(GListModel) not_given = NULL;
  GrantIdTokenExpectations expected = expectations ();

  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, hash_case->hash);
  json_object_set_string_member (claims, hash_case->claim, hash);

  set_hash_value (&expected, hash_case, hash_case->value);
  match = validate_claims (key, claims, &expected);
  g_assert_true (grant_checks_all_pass (match));
  assert_check (match, hash_case->claim, GRANT_CHECK_PASSED, matches);

  /* Only for some response types must the token have the claim. */
  absent = validate_claims (key, absent_claims, &expected);
  g_assert_true (grant_checks_all_pass (absent));
  assert_check (absent, hash_case->claim, GRANT_CHECK_NOT_APPLICABLE, no_claim);

  set_hash_value (&expected, hash_case, "SplxlOBeZQQYbYS6WxSbIA");
  mismatch = validate_claims (key, claims, &expected);
  assert_only_failure (mismatch, hash_case->claim, hashes_to);

  set_hash_value (&expected, hash_case, NULL);
  not_given = validate_claims (key, claims, &expected);
  assert_check (not_given, hash_case->claim, GRANT_CHECK_NOT_APPLICABLE, "No ");
}

static void
assert_unreadable (const char *token,
                   const char *reason_part)
{
  GrantIdTokenExpectations expected = expectations ();
  g_autoptr(GListModel) checks = validate_both (token, public_jwks, &expected);

  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, g_strv_length ((GStrv) check_names));
  assert_check (checks, "parse", GRANT_CHECK_FAILED, reason_part);
  for (guint i = 1; check_names[i] != NULL; i++)
    assert_check (checks, check_names[i], GRANT_CHECK_NOT_APPLICABLE,
                  "the token could not be read");
  g_assert_false (grant_checks_all_pass (checks));
}

static void
test_malformed (void)
{
  g_autoptr(JsonObject) claims = good_claims ();
  g_autofree char *token = sign (es256_key, claims);
  g_autofree char *padded = NULL;
  g_autofree char *not_json_header = base64url_of_text ("alg: ES256");
  g_autofree char *not_json = NULL;
  g_autofree char *array_payload = base64url_of_text ("[\"not\", \"claims\"]");
  g_autofree char *array = NULL;
  char *first_dot = strchr (token, '.');

  /* Standard base64 in the payload ('+' where base64url has '-'). */
  padded = g_strdup (token);
  padded[first_dot - token + 1] = '+';
  assert_unreadable (padded, "not strict base64url");

  not_json = g_strconcat (not_json_header, first_dot, NULL);
  assert_unreadable (not_json, "not a compact JWS");

  array = g_strdup_printf ("%.*s.%s.%s", (int) (first_dot - token), token, array_payload,
                           strrchr (token, '.') + 1);
  assert_unreadable (array, "payload is not a JWT claims set");

  assert_unreadable ("", "three parts");
  assert_unreadable ("one.two", "three parts");
}

/* A JWT access token (typ at+jwt, RFC 9068) has an ID token's claims, signed by the same
 * server: it must still not pass as one. */
static void
test_access_token_as_id_token (void)
{
  static const char * const types[] = { "at+jwt", "application/at+jwt", "AT+JWT" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(JsonObject) header = json_object_new ();
      g_autoptr(JsonObject) claims = good_claims ();
      g_autoptr(GBytes) payload = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) checks = NULL;
      g_autofree char *json = object_to_json (claims);
      g_autofree char *token = NULL;
      GrantIdTokenExpectations expected = expectations ();

      json_object_set_string_member (header, "alg", "ES256");
      json_object_set_string_member (header, "kid", grant_jwk_get_kid (es256_key));
      json_object_set_string_member (header, "typ", types[i]);
      payload = g_bytes_new (json, strlen (json));
      token = grant_jws_sign (header, payload, es256_key, &error);
      g_assert_no_error (error);

      checks = validate_both (token, public_jwks, &expected);
      assert_check (checks, "parse", GRANT_CHECK_FAILED, "RFC 9068");
      assert_check (checks, "signature", GRANT_CHECK_NOT_APPLICABLE, NULL);
    }
}

/* A huge token is refused from its length, without being decoded. */
static void
test_too_large (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree char *token = g_malloc (size + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJws) jws = NULL;
  gint64 started;

  memset (token, 'A', size);
  token[size / 3] = '.';
  token[2 * size / 3] = '.';
  token[size] = '\0';

  started = g_get_monotonic_time ();
  assert_unreadable (token, "refuses tokens over");
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);

  jws = grant_jws_parse (token, -1, &error);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_TOO_LARGE);
}

static JsonObject *
appendix_a (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "rfc-vectors.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *vectors;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  vectors = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "vectors");
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *vector = json_array_get_object_element (vectors, i);

      if (g_str_equal (json_object_get_string_member (vector, "id"), "oidc-core-appendixA"))
        return json_object_get_object_member (vector, "data");
    }

  g_error ("rfc-vectors.json has no vector “oidc-core-appendixA”");
}

/* OpenID Connect Core's own example tokens (A.2 to A.6), signed with the A.7 key. */
static void
test_appendix_a (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GrantJwks) jwks = grant_jwks_new ();
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at_hash = NULL;
  g_autofree char *c_hash = NULL;
  JsonObject *data = appendix_a (parser);
  JsonObject *tokens = json_object_get_object_member (data, "tokens");
  g_autoptr(GList) names = json_object_get_members (tokens);
  GrantIdTokenExpectations expected = {
    .issuer = "https://server.example.com",
    .client_id = json_object_get_string_member (data, "client_id"),
    .nonce = json_object_get_string_member (data, "nonce"),
    .skew_seconds = 0,
    .now = 1311281000,    /* between iat 1311280970 and exp 1311281970 */
    .access_token = json_object_get_string_member (data, "access_token"),
    .code = json_object_get_string_member (data, "code"),
  };

  at_hash = grant_id_token_hash ("RS256", expected.access_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (at_hash, ==, json_object_get_string_member (data, "at_hash"));
  c_hash = grant_id_token_hash ("RS256", expected.code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c_hash, ==, json_object_get_string_member (data, "c_hash"));

  key = grant_jwk_new_from_json (json_object_get_object_member (data, "A.7_public_jwk"), &error);
  g_assert_no_error (error);
  grant_jwks_add (jwks, key);

  g_assert_cmpuint (g_list_length (names), ==, 4);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *example = json_object_get_object_member (tokens, l->data);
      JsonObject *claims = json_object_get_object_member (example, "claims");
      const char *id_token = json_object_get_string_member (example, "id_token");
      g_autoptr(GListModel) checks = validate_both (id_token, jwks, &expected);
      g_autoptr(GListModel) late = NULL;
      GrantIdTokenExpectations after_exp = expected;

      g_test_message ("%s", (const char *) l->data);
      g_assert_true (grant_checks_all_pass (checks));
      assert_check (checks, "signature", GRANT_CHECK_PASSED, "with the key “1e9gdk7”");
      assert_check (checks, "at_hash",
                    json_object_has_member (claims, "at_hash") ? GRANT_CHECK_PASSED
                                                               : GRANT_CHECK_NOT_APPLICABLE,
                    NULL);
      assert_check (checks, "c_hash",
                    json_object_has_member (claims, "c_hash") ? GRANT_CHECK_PASSED
                                                              : GRANT_CHECK_NOT_APPLICABLE,
                    NULL);

      /* The examples date from 2011: today, they have long expired. */
      after_exp.now = NOW;
      late = validate_both (id_token, jwks, &after_exp);
      assert_only_failure (late, "exp", "expired");
    }
}

static void
test_hash_algorithms (void)
{
  static const struct {
    const char    *alg;
    GChecksumType  checksum;
  } cases[] = {
    { "RS256", G_CHECKSUM_SHA256 }, { "PS256", G_CHECKSUM_SHA256 },
    { "ES256", G_CHECKSUM_SHA256 }, { "HS256", G_CHECKSUM_SHA256 },
    { "RS384", G_CHECKSUM_SHA384 }, { "ES384", G_CHECKSUM_SHA384 },
    { "RS512", G_CHECKSUM_SHA512 }, { "ES512", G_CHECKSUM_SHA512 },
    /* EdDSA on Ed25519: SHA-512, as oidc-provider computes it. */
    { "EdDSA", G_CHECKSUM_SHA512 },
  };
  static const char value[] = "SplxlOBeZQQYbYS6WxSbIA";
  g_autoptr(GError) none_error = NULL;
  g_autoptr(GError) unknown_error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *unknown = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (cases[i].checksum);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *hash = NULL;
      guint8 digest[64];
      gsize length = sizeof digest;

      g_checksum_update (checksum, (const guchar *) value, strlen (value));
      g_checksum_get_digest (checksum, digest, &length);
      expected = grant_base64url_encode (digest, length / 2);

      hash = grant_id_token_hash (cases[i].alg, value, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (hash, ==, expected);
    }

  none = grant_id_token_hash ("none", value, &none_error);
  g_assert_null (none);
  g_assert_error (none_error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE);

  unknown = grant_id_token_hash ("XS256", value, &unknown_error);
  g_assert_null (unknown);
  g_assert_error (unknown_error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (unknown_error->message, "XS256"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) es256_public = NULL;
  g_autoptr(GrantJwk) rs256_public = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  es256_key = grant_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  rs256_key = grant_jwk_generate ("RS256", &error);
  g_assert_no_error (error);
  hs256_key = grant_jwk_generate ("HS256", &error);
  g_assert_no_error (error);
  other_es256_key = grant_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  grant_jwk_set_kid (hs256_key, "client-secret");

  es256_public = public_copy (es256_key);
  rs256_public = public_copy (rs256_key);
  public_jwks = grant_jwks_new ();
  grant_jwks_add (public_jwks, es256_public);
  grant_jwks_add (public_jwks, rs256_public);
  secret_jwks = grant_jwks_new ();
  grant_jwks_add (secret_jwks, hs256_key);

  g_test_add_data_func ("/grant/id-token/valid/es256", "ES256", test_valid);
  g_test_add_data_func ("/grant/id-token/valid/rs256", "RS256", test_valid);
  g_test_add_data_func ("/grant/id-token/valid/hs256", "HS256", test_valid);
  g_test_add_func ("/grant/id-token/alg/none", test_alg_none);
  g_test_add_func ("/grant/id-token/alg/not-listed", test_alg_not_listed);
  g_test_add_func ("/grant/id-token/alg/hs256-confusion", test_hs256_confusion);
  g_test_add_func ("/grant/id-token/signature/stripped", test_stripped_signature);
  g_test_add_func ("/grant/id-token/signature/other-key", test_other_key);
  g_test_add_func ("/grant/id-token/signature/unknown-kid", test_unknown_kid);
  g_test_add_func ("/grant/id-token/exp/expired", test_expired);
  g_test_add_func ("/grant/id-token/exp/within-skew", test_expired_within_skew);
  g_test_add_func ("/grant/id-token/exp/missing", test_exp_missing);
  g_test_add_func ("/grant/id-token/iat", test_iat);
  g_test_add_func ("/grant/id-token/nbf", test_nbf);
  g_test_add_func ("/grant/id-token/iss", test_wrong_iss);
  g_test_add_func ("/grant/id-token/aud", test_wrong_aud);
  g_test_add_func ("/grant/id-token/azp", test_azp);
  g_test_add_func ("/grant/id-token/nonce", test_nonce);
  g_test_add_data_func ("/grant/id-token/at-hash", &at_hash_case, test_hash_claim);
  g_test_add_data_func ("/grant/id-token/c-hash", &c_hash_case, test_hash_claim);
  g_test_add_func ("/grant/id-token/malformed", test_malformed);
  g_test_add_func ("/grant/id-token/too-large", test_too_large);
  g_test_add_func ("/grant/id-token/access-token-as-id-token", test_access_token_as_id_token);
  g_test_add_func ("/grant/id-token/oidc-core-appendix-a", test_appendix_a);
  g_test_add_func ("/grant/id-token/hash/algorithms", test_hash_algorithms);

  status = g_test_run ();

  g_clear_object (&public_jwks);
  g_clear_object (&secret_jwks);
  g_clear_object (&es256_key);
  g_clear_object (&rs256_key);
  g_clear_object (&hs256_key);
  g_clear_object (&other_es256_key);

  return status;
}
