/* test-cli.c
 * grant-cli as a script uses it: exit statuses, --version, --help, discover against the real
 * provider, jwt decode and verify (a JWKS file and the provider's jwks_uri), pkce, jwk, and the
 * practice provider run in the foreground.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "grant-jws.h"
#include "grant-pkce.h"
#include "grant-test-cli.h"
#include "grant-test-data.h"
#include "grant-test-provider.h"

static GrantTestProvider *provider;

static void
test_version (void)
{
  g_auto(GrantTestCliRun) run = { 0 };

  grant_test_cli_run (&run, "--version", NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (run.out, ==, "grant-cli " GRANT_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(GrantTestCliRun) run = { 0 };
  g_auto(GrantTestCliRun) discover_help = { 0 };

  grant_test_cli_run (&run, "--help", NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, "discover"));

  grant_test_cli_run (&discover_help, "discover", "--help", NULL);
  g_assert_cmpint (discover_help.exit_status, ==, 0);
  g_assert_nonnull (strstr (discover_help.out, "--json"));
}

static void
test_usage_errors (void)
{
  g_auto(GrantTestCliRun) nothing = { 0 };
  g_auto(GrantTestCliRun) unknown = { 0 };
  g_auto(GrantTestCliRun) no_issuer = { 0 };
  g_auto(GrantTestCliRun) bad_option = { 0 };
  g_auto(GrantTestCliRun) not_a_url = { 0 };

  grant_test_cli_run (&nothing, NULL);
  g_assert_cmpint (nothing.exit_status, ==, 2);

  grant_test_cli_run (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.exit_status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
  g_assert_nonnull (strstr (unknown.err, "--help"));

  grant_test_cli_run (&no_issuer, "discover", NULL);
  g_assert_cmpint (no_issuer.exit_status, ==, 2);

  grant_test_cli_run (&bad_option, "discover", "--no-such-option", "https://a.example", NULL);
  g_assert_cmpint (bad_option.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_option.err, "--no-such-option"));

  grant_test_cli_run (&not_a_url, "discover", "accounts.example.com", NULL);
  g_assert_cmpint (not_a_url.exit_status, ==, 2);
  g_assert_nonnull (strstr (not_a_url.err, "not an issuer URL"));
}

static void
test_discover_text (void)
{
  g_auto(GrantTestCliRun) run = { 0 };
  const char *issuer = grant_test_provider_get_issuer (provider);

  grant_test_cli_run (&run, "discover", issuer, NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, issuer));
  g_assert_nonnull (strstr (run.out, "token_endpoint"));
  g_assert_nonnull (strstr (run.out, "code_challenge_methods_supported"));
}

static void
test_discover_json (void)
{
  g_auto(GrantTestCliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *issuer = grant_test_provider_get_issuer (provider);
  JsonObject *root;

  grant_test_cli_run (&run, "discover", "--json", issuer, NULL);
  g_assert_cmpint (run.exit_status, ==, 0);

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "metadata"),
                                                  "issuer"), ==, issuer);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (root, "discovery_url"),
                                   "/.well-known/openid-configuration"));
}

static void
test_discover_failure (void)
{
  g_auto(GrantTestCliRun) run = { 0 };
  g_auto(GrantTestCliRun) json_run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *issuer = g_strconcat (grant_test_provider_get_issuer (provider), "/", NULL);

  grant_test_cli_run (&run, "discover", issuer, NULL);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_nonnull (strstr (run.err, "trailing slash"));

  /* A script reading --json gets JSON on failure too. */
  grant_test_cli_run (&json_run, "discover", "--json", issuer, NULL);
  g_assert_cmpint (json_run.exit_status, ==, 1);
  json_parser_load_from_data (parser, json_run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                         "error"));
}

/* jwt, jwk and pkce: keys and tokens made here, a JWKS file in a temporary folder. */

#define TEST_ISSUER "https://accounts.example.com"
#define TEST_CLIENT "grant-test-client"
#define TEST_NONCE "n-0S6_WzA2Mj"

static GrantJwk *signing_key;   /* ES256; its public half is in jwks_path */
static char *jwks_dir;
static char *jwks_path;

/* An ID token for TEST_CLIENT from TEST_ISSUER, issued now and valid for ten minutes. */
static char *
make_id_token (const char *audience)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char *token;

  json_object_set_string_member (header, "alg", "ES256");
  json_object_set_string_member (header, "kid", grant_jwk_get_kid (signing_key));
  json_object_set_string_member (claims, "iss", TEST_ISSUER);
  json_object_set_string_member (claims, "sub", "248289761001");
  json_object_set_string_member (claims, "aud", audience);
  json_object_set_string_member (claims, "nonce", TEST_NONCE);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "exp", now + 600);
  json_node_set_object (node, claims);
  text = json_to_string (node, FALSE);
  payload = g_bytes_new (text, strlen (text));

  token = grant_jws_sign (header, payload, signing_key, &error);
  g_assert_no_error (error);

  return token;
}

/* The same token with one character of its payload changed. */
static char *
tamper (const char *token)
{
  char *tampered = g_strdup (token);
  char *payload = strchr (tampered, '.') + 1;

  payload[4] = payload[4] == 'A' ? 'B' : 'A';

  return tampered;
}

static void
test_jwt_decode (void)
{
  g_autofree char *token = make_id_token (TEST_CLIENT);
  g_autofree char *token_line = g_strconcat (token, "\n", NULL);
  g_auto(GrantTestCliRun) text = { 0 };
  g_auto(GrantTestCliRun) from_stdin = { 0 };
  g_auto(GrantTestCliRun) json = { 0 };
  g_auto(GrantTestCliRun) not_jws = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonObject *times;

  grant_test_cli_run (&text, "jwt", "decode", token, NULL);
  g_assert_cmpint (text.exit_status, ==, 0);
  g_assert_nonnull (strstr (text.out, "\"alg\" : \"ES256\""));
  g_assert_nonnull (strstr (text.out, "\"iss\" : \"" TEST_ISSUER "\""));
  g_assert_nonnull (strstr (text.out, "NOT checked"));
  /* Times are dates with how far they are from now. */
  g_assert_true (strstr (text.out, "(in 10 min)") != NULL || strstr (text.out, "(in 9 min)"));
  g_assert_nonnull (strstr (text.out, "  iat        "));

  /* One trailing newline, as `echo` adds, is not part of the token. */
  grant_test_cli_run_with_input (&from_stdin, token_line,
                                 (const char *[]) { "jwt", "decode", NULL });
  g_assert_cmpint (from_stdin.exit_status, ==, 0);
  g_assert_cmpstr (from_stdin.out, ==, text.out);

  grant_test_cli_run (&json, "jwt", "decode", "--json", token, NULL);
  g_assert_cmpint (json.exit_status, ==, 0);
  root = grant_test_parse_json_object (json.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "header"),
                                                  "alg"), ==, "ES256");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "claims"),
                                                  "nonce"), ==, TEST_NONCE);
  g_assert_false (json_object_get_boolean_member (root, "signature_verified"));
  times = json_object_get_object_member (root, "times");
  g_assert_true (json_object_has_member (times, "exp"));
  g_assert_true (json_object_has_member (times, "iat"));
  g_assert_false (json_object_has_member (times, "nbf"));

  grant_test_cli_run (&not_jws, "jwt", "decode", "not.a-token", NULL);
  g_assert_cmpint (not_jws.exit_status, ==, 2);
  g_assert_nonnull (strstr (not_jws.err, "not a JWS"));
}

static void
test_jwt_verify_signature (void)
{
  g_autofree char *token = make_id_token (TEST_CLIENT);
  g_autofree char *tampered = tamper (token);
  g_autofree char *kid_text = g_strdup_printf ("with the key “%s”",
                                               grant_jwk_get_kid (signing_key));
  g_auto(GrantTestCliRun) good = { 0 };
  g_auto(GrantTestCliRun) bad = { 0 };
  g_auto(GrantTestCliRun) from_stdin = { 0 };
  g_auto(GrantTestCliRun) json = { 0 };
  g_auto(GrantTestCliRun) wrong_alg = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonArray *checks;

  grant_test_cli_run (&good, "jwt", "verify", "--jwks", jwks_path, token, NULL);
  g_assert_cmpint (good.exit_status, ==, 0);
  g_assert_nonnull (strstr (good.out, "✓ signature"));
  g_assert_nonnull (strstr (good.out, kid_text));
  g_assert_nonnull (strstr (good.out, "alg “ES256”"));

  grant_test_cli_run (&bad, "jwt", "verify", "--jwks", jwks_path, tampered, NULL);
  g_assert_cmpint (bad.exit_status, ==, 1);
  g_assert_nonnull (strstr (bad.out, "✗ signature"));
  g_assert_nonnull (strstr (bad.out, "does not verify"));
  g_assert_nonnull (strstr (bad.out, "NOT valid"));

  grant_test_cli_run_with_input (&from_stdin, token,
                                 (const char *[]) { "jwt", "verify", "--jwks", jwks_path, "-",
                                                    NULL });
  g_assert_cmpint (from_stdin.exit_status, ==, 0);

  grant_test_cli_run (&json, "jwt", "verify", "--json", "--jwks", jwks_path, tampered, NULL);
  g_assert_cmpint (json.exit_status, ==, 1);
  root = grant_test_parse_json_object (json.out);
  g_assert_false (json_object_get_boolean_member (root, "valid"));
  g_assert_cmpstr (json_object_get_string_member (root, "mode"), ==, "signature");
  g_assert_cmpstr (json_object_get_string_member (root, "kid"), ==,
                   grant_jwk_get_kid (signing_key));
  checks = json_object_get_array_member (root, "checks");
  g_assert_cmpuint (json_array_get_length (checks), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checks, 2),
                                                  "name"), ==, "signature");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checks, 2),
                                                  "status"), ==, "failed");

  /* --alg limits the algorithms: no key is tried with another. */
  grant_test_cli_run (&wrong_alg, "jwt", "verify", "--jwks", jwks_path, "--alg", "RS256", "--alg",
                      "PS256", token, NULL);
  g_assert_cmpint (wrong_alg.exit_status, ==, 1);
  g_assert_nonnull (strstr (wrong_alg.out, "✗ alg"));
  g_assert_nonnull (strstr (wrong_alg.out, "no key was tried"));
}

static void
test_jwt_verify_id_token (void)
{
  static const char * const names[] = {
    "parse", "alg", "signature", "iss", "sub", "aud", "azp", "exp", "iat", "nbf", "nonce", "at_hash",
    "c_hash",
  };
  g_autofree char *token = make_id_token (TEST_CLIENT);
  g_autofree char *other_client_token = make_id_token ("another-client");
  g_auto(GrantTestCliRun) good = { 0 };
  g_auto(GrantTestCliRun) wrong_aud = { 0 };
  g_auto(GrantTestCliRun) wrong_nonce = { 0 };
  g_auto(GrantTestCliRun) json = { 0 };
  g_autoptr(JsonObject) root = NULL;
  JsonArray *checks;

  grant_test_cli_run (&good, "jwt", "verify", "--jwks", jwks_path, "--iss", TEST_ISSUER,
                      "--aud", TEST_CLIENT, "--nonce", TEST_NONCE, token, NULL);
  g_assert_cmpint (good.exit_status, ==, 0);
  g_assert_nonnull (strstr (good.out, "✓ iss        The issuer is “" TEST_ISSUER "”"));
  g_assert_nonnull (strstr (good.out, "✓ nonce"));
  g_assert_nonnull (strstr (good.out, "– azp"));
  g_assert_nonnull (strstr (good.out, "– nbf"));
  g_assert_nonnull (strstr (good.out, "Valid: no check failed."));

  grant_test_cli_run (&wrong_aud, "jwt", "verify", "--jwks", jwks_path, "--iss", TEST_ISSUER,
                      "--aud", TEST_CLIENT, other_client_token, NULL);
  g_assert_cmpint (wrong_aud.exit_status, ==, 1);
  g_assert_nonnull (strstr (wrong_aud.out, "✗ aud"));
  g_assert_nonnull (strstr (wrong_aud.out, "“another-client”"));
  g_assert_nonnull (strstr (wrong_aud.out, "✓ signature"));

  grant_test_cli_run (&wrong_nonce, "jwt", "verify", "--jwks", jwks_path, "--iss", TEST_ISSUER,
                      "--aud", TEST_CLIENT, "--nonce", "another-nonce", token, NULL);
  g_assert_cmpint (wrong_nonce.exit_status, ==, 1);
  g_assert_nonnull (strstr (wrong_nonce.out, "✗ nonce"));

  grant_test_cli_run (&json, "jwt", "verify", "--json", "--jwks", jwks_path, "--iss",
                      TEST_ISSUER "/", "--aud", TEST_CLIENT, token, NULL);
  g_assert_cmpint (json.exit_status, ==, 1);
  root = grant_test_parse_json_object (json.out);
  g_assert_false (json_object_get_boolean_member (root, "valid"));
  g_assert_cmpstr (json_object_get_string_member (root, "mode"), ==, "id_token");
  checks = json_object_get_array_member (root, "checks");
  g_assert_cmpuint (json_array_get_length (checks), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);

      g_assert_cmpstr (json_object_get_string_member (check, "name"), ==, names[i]);
      g_assert_cmpstr (json_object_get_string_member (check, "status"), ==,
                       g_str_equal (names[i], "iss") ? "failed"
                       : g_str_equal (names[i], "azp") || g_str_equal (names[i], "nbf")
                         || g_str_equal (names[i], "at_hash") || g_str_equal (names[i], "c_hash")
                       ? "not-applicable" : "passed");
    }
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (checks,
                                                                                        3),
                                                           "reason"), "trailing slash"));
}

static void
test_jwt_usage_errors (void)
{
  g_autofree char *token = make_id_token (TEST_CLIENT);
  g_autofree char *missing = g_build_filename (jwks_dir, "missing.json", NULL);
  g_auto(GrantTestCliRun) no_verb = { 0 };
  g_auto(GrantTestCliRun) unknown_verb = { 0 };
  g_auto(GrantTestCliRun) no_jwks = { 0 };
  g_auto(GrantTestCliRun) iss_only = { 0 };
  g_auto(GrantTestCliRun) missing_jwks = { 0 };
  g_auto(GrantTestCliRun) not_jwks = { 0 };
  g_auto(GrantTestCliRun) not_jws = { 0 };
  g_auto(GrantTestCliRun) json_error = { 0 };
  g_autoptr(JsonObject) root = NULL;

  grant_test_cli_run (&no_verb, "jwt", NULL);
  g_assert_cmpint (no_verb.exit_status, ==, 2);
  g_assert_nonnull (strstr (no_verb.err, "decode"));

  grant_test_cli_run (&unknown_verb, "jwt", "sign", token, NULL);
  g_assert_cmpint (unknown_verb.exit_status, ==, 2);
  g_assert_nonnull (strstr (unknown_verb.err, "“sign”"));

  grant_test_cli_run (&no_jwks, "jwt", "verify", token, NULL);
  g_assert_cmpint (no_jwks.exit_status, ==, 2);
  g_assert_nonnull (strstr (no_jwks.err, "--jwks"));

  grant_test_cli_run (&iss_only, "jwt", "verify", "--jwks", jwks_path, "--iss", TEST_ISSUER, token,
                      NULL);
  g_assert_cmpint (iss_only.exit_status, ==, 2);
  g_assert_nonnull (strstr (iss_only.err, "--aud"));

  grant_test_cli_run (&missing_jwks, "jwt", "verify", "--jwks", missing, token, NULL);
  g_assert_cmpint (missing_jwks.exit_status, ==, 2);
  g_assert_nonnull (strstr (missing_jwks.err, "missing.json"));

  /* A token is not a key set. */
  grant_test_cli_run_with_input (&not_jwks, token,
                                 (const char *[]) { "jwt", "verify", "--jwks", "-", token, NULL });
  g_assert_cmpint (not_jwks.exit_status, ==, 2);
  g_assert_nonnull (strstr (not_jwks.err, "JWKS"));

  grant_test_cli_run (&not_jws, "jwt", "verify", "--jwks", jwks_path, "a.b", NULL);
  g_assert_cmpint (not_jws.exit_status, ==, 2);

  grant_test_cli_run (&json_error, "jwt", "verify", "--json", "--jwks", jwks_path, "a.b", NULL);
  g_assert_cmpint (json_error.exit_status, ==, 2);
  root = grant_test_parse_json_object (json_error.out);
  g_assert_nonnull (strstr (json_object_get_string_member (root, "error"), "three parts"));
}

/* RFC 7636 Appendix B. */
#define RFC7636_VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define RFC7636_CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

static void
test_pkce (void)
{
  g_auto(GrantTestCliRun) text = { 0 };
  g_auto(GrantTestCliRun) json = { 0 };
  g_auto(GrantTestCliRun) generated = { 0 };
  g_auto(GrantTestCliRun) plain = { 0 };
  g_auto(GrantTestCliRun) bad_verifier = { 0 };
  g_auto(GrantTestCliRun) bad_method = { 0 };
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) generated_root = NULL;
  const char *verifier;

  grant_test_cli_run (&text, "pkce", "--verifier", RFC7636_VERIFIER, NULL);
  g_assert_cmpint (text.exit_status, ==, 0);
  g_assert_nonnull (strstr (text.out, "\n   " RFC7636_CHALLENGE "\n"));
  g_assert_nonnull (strstr (text.out, "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894a"
                                      "cb70f9c3"));

  grant_test_cli_run (&json, "pkce", "--json", "--verifier", RFC7636_VERIFIER, "--method", "S256",
                      NULL);
  g_assert_cmpint (json.exit_status, ==, 0);
  root = grant_test_parse_json_object (json.out);
  g_assert_cmpstr (json_object_get_string_member (root, "code_challenge"), ==,
                   RFC7636_CHALLENGE);
  g_assert_false (json_object_get_boolean_member (root, "generated"));

  /* A verifier made for the user is valid, and its challenge matches it. */
  grant_test_cli_run (&generated, "pkce", "--json", NULL);
  g_assert_cmpint (generated.exit_status, ==, 0);
  generated_root = grant_test_parse_json_object (generated.out);
  g_assert_true (json_object_get_boolean_member (generated_root, "generated"));
  verifier = json_object_get_string_member (generated_root, "code_verifier");
  g_assert_cmpuint (strlen (verifier), >=, GRANT_PKCE_VERIFIER_MIN_LENGTH);
  g_assert_true (grant_pkce_matches (verifier, GRANT_PKCE_METHOD_S256,
                                     json_object_get_string_member (generated_root,
                                                                    "code_challenge")));

  grant_test_cli_run (&plain, "pkce", "--method", "plain", "--verifier", RFC7636_VERIFIER, NULL);
  g_assert_cmpint (plain.exit_status, ==, 0);
  g_assert_nonnull (strstr (plain.out, "RFC 7636 §4.2"));

  grant_test_cli_run (&bad_verifier, "pkce", "--verifier", "too-short", NULL);
  g_assert_cmpint (bad_verifier.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_verifier.err, "43 to 128"));

  grant_test_cli_run (&bad_method, "pkce", "--method", "s256", NULL);
  g_assert_cmpint (bad_method.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_method.err, "“s256”"));
}

#define RFC7638_THUMBPRINT "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"

static void
test_jwk_thumbprint (void)
{
  g_autofree char *jwk = g_test_build_filename (G_TEST_DIST, "data", "jose-cookbook",
                                                "rfc7515-latchset", "rfc7638_3.1.jwk", NULL);
  g_autofree char *jwkset = g_test_build_filename (G_TEST_DIST, "data", "jose-cookbook",
                                                   "rfc7515-latchset", "rfc7517_A.1.jwkset",
                                                   NULL);
  g_autofree char *jwk_text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GrantTestCliRun) text = { 0 };
  g_auto(GrantTestCliRun) from_stdin = { 0 };
  g_auto(GrantTestCliRun) json = { 0 };
  g_auto(GrantTestCliRun) set = { 0 };
  g_auto(GrantTestCliRun) broken_set = { 0 };
  g_auto(GrantTestCliRun) not_jwk = { 0 };
  g_autoptr(JsonObject) root = NULL;

  grant_test_cli_run (&text, "jwk", "thumbprint", jwk, NULL);
  g_assert_cmpint (text.exit_status, ==, 0);
  g_assert_cmpstr (text.out, ==, RFC7638_THUMBPRINT "\n");

  g_file_get_contents (jwk, &jwk_text, NULL, &error);
  g_assert_no_error (error);
  grant_test_cli_run_with_input (&from_stdin, jwk_text,
                                 (const char *[]) { "jwk", "thumbprint", "-", NULL });
  g_assert_cmpint (from_stdin.exit_status, ==, 0);
  g_assert_cmpstr (from_stdin.out, ==, RFC7638_THUMBPRINT "\n");

  grant_test_cli_run (&json, "jwk", "thumbprint", "--json", jwk, NULL);
  g_assert_cmpint (json.exit_status, ==, 0);
  root = grant_test_parse_json_object (json.out);
  g_assert_cmpstr (json_object_get_string_member (root, "thumbprint"), ==, RFC7638_THUMBPRINT);
  g_assert_cmpstr (json_object_get_string_member (root, "kid"), ==, "2011-04-29");

  /* RFC 7517 A.1: an EC key and the RFC 7638 RSA key. */
  grant_test_cli_run (&set, "jwk", "thumbprint", jwkset, NULL);
  g_assert_cmpint (set.exit_status, ==, 0);
  g_assert_nonnull (strstr (set.out, RFC7638_THUMBPRINT "  kid “2011-04-29”\n"));
  g_assert_nonnull (strstr (set.out, "  kid “1”\n"));

  grant_test_cli_run_with_input (&broken_set, "{\"keys\": [{\"kty\": \"EC\"}]}",
                                 (const char *[]) { "jwk", "thumbprint", NULL });
  g_assert_cmpint (broken_set.exit_status, ==, 1);
  g_assert_nonnull (strstr (broken_set.err, "key 0"));

  grant_test_cli_run_with_input (&not_jwk, "[1, 2]",
                                 (const char *[]) { "jwk", "thumbprint", NULL });
  g_assert_cmpint (not_jwk.exit_status, ==, 2);
}

/* oidc-provider's access tokens are ES256 JWTs (typ at+jwt) signed with a key of its
 * jwks_uri: grant-cli fetches that set and verifies the signature. */
static char *
fixture_access_token (void)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *url = g_strconcat (grant_test_provider_get_issuer (provider), "/token",
                                      NULL);

  message = soup_message_new_from_encoded_form (SOUP_METHOD_POST, url,
                                                soup_form_encode ("grant_type",
                                                                  "client_credentials",
                                                                  "scope", "photos:read",
                                                                  NULL));
  /* grant-machine:grant-machine-secret, the fixture's test client. */
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                "Basic Z3JhbnQtbWFjaGluZTpncmFudC1tYWNoaW5lLXNlY3JldA==");
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);

  response = grant_test_parse_json_object (g_bytes_get_data (body, NULL));

  return g_strdup (json_object_get_string_member (response, "access_token"));
}

static void
test_jwt_verify_live (void)
{
  g_autofree char *access_token = fixture_access_token ();
  g_autofree char *not_found = g_strconcat (grant_test_provider_get_issuer (provider),
                                            "/no-such-jwks", NULL);
  g_auto(GrantTestCliRun) discover = { 0 };
  g_auto(GrantTestCliRun) decode = { 0 };
  g_auto(GrantTestCliRun) verify = { 0 };
  g_auto(GrantTestCliRun) tampered = { 0 };
  g_auto(GrantTestCliRun) missing = { 0 };
  g_autoptr(JsonObject) root = NULL;
  g_autofree char *tampered_token = tamper (access_token);
  const char *jwks_uri;

  grant_test_cli_run (&discover, "discover", "--json", grant_test_provider_get_issuer (provider),
                      NULL);
  g_assert_cmpint (discover.exit_status, ==, 0);
  root = grant_test_parse_json_object (discover.out);
  jwks_uri = json_object_get_string_member (json_object_get_object_member (root, "metadata"),
                                            "jwks_uri");
  g_assert_nonnull (jwks_uri);

  grant_test_cli_run (&decode, "jwt", "decode", access_token, NULL);
  g_assert_cmpint (decode.exit_status, ==, 0);
  g_assert_nonnull (strstr (decode.out, "\"typ\" : \"at+jwt\""));

  grant_test_cli_run (&verify, "jwt", "verify", "--jwks", jwks_uri, "--alg", "ES256", access_token,
                      NULL);
  g_assert_cmpint (verify.exit_status, ==, 0);
  g_assert_nonnull (strstr (verify.out, "✓ signature  The ES256 signature verifies with the key"));
  g_assert_nonnull (strstr (verify.out, "typ “at+jwt”"));

  grant_test_cli_run (&tampered, "jwt", "verify", "--jwks", jwks_uri, tampered_token, NULL);
  g_assert_cmpint (tampered.exit_status, ==, 1);
  g_assert_nonnull (strstr (tampered.out, "✗ signature"));

  grant_test_cli_run (&missing, "jwt", "verify", "--jwks", not_found, access_token, NULL);
  g_assert_cmpint (missing.exit_status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "404"));
}

static void
make_jwks_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) rs256_key = grant_jwk_generate ("RS256", &error);
  g_autoptr(JsonObject) jwks = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  JsonArray *keys = json_array_new ();

  g_assert_no_error (error);
  signing_key = grant_jwk_generate ("ES256", &error);
  g_assert_no_error (error);

  /* Public halves only, as a server publishes them. */
  json_array_add_object_element (keys, grant_jwk_to_json (rs256_key, FALSE));
  json_array_add_object_element (keys, grant_jwk_to_json (signing_key, FALSE));
  json_object_set_array_member (jwks, "keys", keys);
  json_node_set_object (node, jwks);
  text = json_to_string (node, TRUE);

  jwks_dir = g_dir_make_tmp ("grant-test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  jwks_path = g_build_filename (jwks_dir, "jwks.json", NULL);
  g_file_set_contents (jwks_path, text, -1, &error);
  g_assert_no_error (error);
}

static void
remove_jwks_file (void)
{
  g_assert_cmpint (g_remove (jwks_path), ==, 0);
  g_assert_cmpint (g_rmdir (jwks_dir), ==, 0);
  g_clear_pointer (&jwks_path, g_free);
  g_clear_pointer (&jwks_dir, g_free);
  g_clear_object (&signing_key);
}

static JsonObject *
parse_json_output (const char *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The client secret from the environment, standard input, or (visibly) the command line. */
static void
test_token_client_credentials (void)
{
  const char *issuer = grant_test_provider_get_issuer (provider);
  g_auto(GrantTestCliRun) from_env = { 0 };
  g_auto(GrantTestCliRun) from_stdin = { 0 };
  g_auto(GrantTestCliRun) json = { 0 };
  g_autoptr(JsonObject) object = NULL;
  JsonObject *token_response;
  static const char *stdin_arguments[] = {
    "token", "--issuer", NULL, "--client-id", "grant-machine", "--client-secret", "-",
    "--grant", "client_credentials", "--scope", "photos:read", NULL
  };

  g_setenv ("GRANT_CLIENT_SECRET", "grant-machine-secret", TRUE);
  grant_test_cli_run (&from_env, "token", "--issuer", issuer, "--client-id", "grant-machine",
                      "--grant", "client_credentials", "--scope", "photos:read photos:write", NULL);
  g_unsetenv ("GRANT_CLIENT_SECRET");
  g_assert_cmpint (from_env.exit_status, ==, 0);
  g_assert_nonnull (strstr (from_env.out, "token_type         Bearer"));
  g_assert_nonnull (strstr (from_env.out, "scope              photos:read photos:write"));
  g_assert_nonnull (strstr (from_env.out, "access_token       ey"));
  g_assert_nonnull (strstr (from_env.err, "Sending the token request"));

  stdin_arguments[2] = issuer;
  grant_test_cli_run_with_input (&from_stdin, "grant-machine-secret\n", stdin_arguments);
  g_assert_cmpint (from_stdin.exit_status, ==, 0);

  grant_test_cli_run (&json, "token", "--issuer", issuer, "--client-id", "grant-machine-post",
                      "--client-secret", "grant-machine-post-secret", "--auth-method",
                      "client_secret_post", "--grant", "client_credentials", "--scope",
                      "photos:read", "--json", NULL);
  g_assert_cmpint (json.exit_status, ==, 0);
  object = parse_json_output (json.out);
  g_assert_cmpstr (json_object_get_string_member (object, "grant_type"), ==,
                   "client_credentials");
  token_response = json_object_get_object_member (object, "token_response");
  g_assert_nonnull (json_object_get_string_member (token_response, "access_token"));
  g_assert_cmpint (json_object_get_int_member (object, "expires_at"), >,
                   g_get_real_time () / G_USEC_PER_SEC);
}

/* grant-cli request at the fixture's API: a token from grant-cli token (its scope read from
 * the JWT), a read that succeeds, a write refused with the missing scope named, no token,
 * and usage errors. */
static void
test_request (void)
{
  const char *issuer = grant_test_provider_get_issuer (provider);
  g_autofree char *photos = g_strconcat (issuer, "/api/photos", NULL);
  g_auto(GrantTestCliRun) token = { 0 };
  g_auto(GrantTestCliRun) read = { 0 };
  g_auto(GrantTestCliRun) write = { 0 };
  g_auto(GrantTestCliRun) write_json = { 0 };
  g_auto(GrantTestCliRun) anonymous = { 0 };
  g_auto(GrantTestCliRun) bad_url = { 0 };
  g_auto(GrantTestCliRun) bad_header = { 0 };
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *diagnosis;
  JsonArray *missing;
  const char *access_token;

  grant_test_cli_run (&token, "token", "--issuer", issuer, "--client-id", "grant-machine",
                      "--client-secret", "grant-machine-secret", "--grant", "client_credentials",
                      "--scope", "photos:read", "--json", NULL);
  g_assert_cmpint (token.exit_status, ==, 0);
  object = parse_json_output (token.out);
  access_token = json_object_get_string_member (
    json_object_get_object_member (object, "token_response"), "access_token");

  grant_test_cli_run (&read, "request", "--token", access_token, "GET", photos, NULL);
  g_assert_cmpint (read.exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (read.out, "HTTP 200 OK\n"));
  g_assert_nonnull (strstr (read.out, "Harbour at dawn"));
  g_assert_null (strstr (read.out, "Why:"));

  g_setenv ("GRANT_ACCESS_TOKEN", access_token, TRUE);
  grant_test_cli_run (&write, "request", "-H", "X-Test: yes", "-d", "{\"title\": \"x\"}", "POST",
                      photos, NULL);
  grant_test_cli_run (&write_json, "request", "--json", "-d", "{}", "POST", photos, NULL);
  g_unsetenv ("GRANT_ACCESS_TOKEN");
  g_assert_cmpint (write.exit_status, ==, 1);
  g_assert_true (g_str_has_prefix (write.out, "HTTP 403 Forbidden\n"));
  g_assert_nonnull (strstr (write.out, "\nWhy: The token lacks the scope “photos:write”"));
  g_assert_null (strstr (write.out, access_token));

  g_assert_cmpint (write_json.exit_status, ==, 1);
  answer = parse_json_output (write_json.out);
  g_assert_cmpint (json_object_get_int_member (answer, "status"), ==, 403);
  g_assert_nonnull (strstr (json_object_get_string_member (
                              json_object_get_object_member (answer, "headers"),
                              "www-authenticate"), "insufficient_scope"));
  diagnosis = json_object_get_object_member (answer, "diagnosis");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "problem"), ==,
                   "insufficient_scope");
  missing = json_object_get_array_member (diagnosis, "missing_scopes");
  g_assert_cmpuint (json_array_get_length (missing), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, "photos:write");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (answer, "body"), "error"), ==,
                   "insufficient_scope");

  grant_test_cli_run (&anonymous, "request", "GET", photos, NULL);
  g_assert_cmpint (anonymous.exit_status, ==, 1);
  g_assert_nonnull (strstr (anonymous.out, "Why: No access token was sent"));

  grant_test_cli_run (&bad_url, "request", "GET", "ftp://example.com/", NULL);
  g_assert_cmpint (bad_url.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_url.err, "http or https URL"));
  grant_test_cli_run (&bad_header, "request", "-H", "no colon", "GET", photos, NULL);
  g_assert_cmpint (bad_header.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_header.err, "“Name: value”"));
}

/* private_key_jwt with the fixture client's key, as PEM and as JWK; a public key is refused. */
static void
test_token_private_key (void)
{
  const char *issuer = grant_test_provider_get_issuer (provider);
  const char *fixture = g_getenv ("GRANT_FIXTURE_DIR");
  g_autofree char *pem = g_build_filename (fixture, "keys", "grant-private-key-jwt.pem", NULL);
  g_autofree char *jwk = g_build_filename (fixture, "keys", "grant-private-key-jwt.jwk.json",
                                           NULL);
  g_auto(GrantTestCliRun) with_pem = { 0 };
  g_auto(GrantTestCliRun) with_jwk = { 0 };
  g_auto(GrantTestCliRun) missing = { 0 };

  grant_test_cli_run (&with_pem, "token", "--issuer", issuer, "--client-id",
                      "grant-private-key-jwt", "--private-key", pem, "--grant",
                      "client_credentials", "--scope", "photos:read", NULL);
  g_assert_cmpint (with_pem.exit_status, ==, 0);
  g_assert_nonnull (strstr (with_pem.out, "access_token"));

  grant_test_cli_run (&with_jwk, "token", "--issuer", issuer, "--client-id",
                      "grant-private-key-jwt", "--private-key", jwk, "--grant",
                      "client_credentials", NULL);
  g_assert_cmpint (with_jwk.exit_status, ==, 0);

  grant_test_cli_run (&missing, "token", "--issuer", issuer, "--client-id", "grant-private-key-jwt",
                      "--private-key", "/nonexistent/key.pem", "--grant", "client_credentials",
                      NULL);
  g_assert_cmpint (missing.exit_status, ==, 2);
}

/* 1 when the server says no (with JSON for scripts), 2 when the command line is wrong. */
static void
test_token_failures (void)
{
  const char *issuer = grant_test_provider_get_issuer (provider);
  g_auto(GrantTestCliRun) refused = { 0 };
  g_auto(GrantTestCliRun) no_issuer = { 0 };
  g_auto(GrantTestCliRun) bad_grant = { 0 };
  g_auto(GrantTestCliRun) bad_method = { 0 };
  g_auto(GrantTestCliRun) no_username = { 0 };
  g_auto(GrantTestCliRun) dead = { 0 };
  g_autoptr(JsonObject) object = NULL;

  grant_test_cli_run (&refused, "token", "--issuer", issuer, "--client-id", "grant-machine",
                      "--client-secret", "wrong", "--grant", "client_credentials", "--json", NULL);
  g_assert_cmpint (refused.exit_status, ==, 1);
  object = parse_json_output (refused.out);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "error"), "invalid_client"));

  grant_test_cli_run (&no_issuer, "token", "--client-id", "grant-machine", "--grant",
                      "client_credentials", NULL);
  g_assert_cmpint (no_issuer.exit_status, ==, 2);
  g_assert_nonnull (strstr (no_issuer.err, "--issuer"));

  grant_test_cli_run (&bad_grant, "token", "--issuer", issuer, "--client-id", "grant-machine",
                      "--grant", "implicit-please", NULL);
  g_assert_cmpint (bad_grant.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_grant.err, "client_credentials, authorization_code"));

  grant_test_cli_run (&bad_method, "token", "--issuer", issuer, "--client-id", "grant-machine",
                      "--auth-method", "carrier_pigeon", "--grant", "client_credentials", NULL);
  g_assert_cmpint (bad_method.exit_status, ==, 2);

  g_unsetenv ("GRANT_PASSWORD");
  grant_test_cli_run (&no_username, "token", "--issuer", issuer, "--client-id", "grant-machine",
                      "--client-secret", "grant-machine-secret", "--grant", "password",
                      "--username", "alice", NULL);
  g_assert_cmpint (no_username.exit_status, ==, 2);
  g_assert_nonnull (strstr (no_username.err, "GRANT_PASSWORD"));

  /* A dead server: the discovery fails, a "no" from the network. */
  grant_test_cli_run (&dead, "token", "--issuer", "http://127.0.0.1:9", "--client-id", "x",
                      "--grant", "client_credentials", NULL);
  g_assert_cmpint (dead.exit_status, ==, 1);
  g_assert_nonnull (strstr (dead.err, "Nothing answers"));
}

/* A refresh token from the password grant (legacy, and said so), introspected, revoked,
 * introspected again. */
static void
test_introspect_revoke (void)
{
  const char *issuer = grant_test_provider_get_issuer (provider);
  g_auto(GrantTestCliRun) password = { 0 };
  g_auto(GrantTestCliRun) active = { 0 };
  g_auto(GrantTestCliRun) revoked = { 0 };
  g_auto(GrantTestCliRun) inactive = { 0 };
  g_auto(GrantTestCliRun) userinfo = { 0 };
  g_autoptr(JsonObject) tokens = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  const char *refresh_token;
  const char *secret = "grant-secret-jwt-secret-long-enough-for-hs256-0123456789";
  const char *arguments[] = {
    "introspect", "--issuer", issuer, "--client-id", "grant-secret-jwt", "--client-secret",
    secret, "--auth-method", "client_secret_jwt", "--json", "-", NULL
  };

  g_setenv ("GRANT_PASSWORD", "alice-password", TRUE);
  grant_test_cli_run (&password, "token", "--issuer", issuer, "--client-id", "grant-secret-jwt",
                      "--client-secret", secret, "--auth-method", "client_secret_jwt", "--grant",
                      "password", "--username", "alice", "--scope", "photos:read offline_access",
                      "--json", NULL);
  g_unsetenv ("GRANT_PASSWORD");
  g_assert_cmpint (password.exit_status, ==, 0);
  g_assert_nonnull (strstr (password.err, "legacy"));
  tokens = parse_json_output (password.out);
  refresh_token = json_object_get_string_member (json_object_get_object_member (tokens,
                                                                                 "token_response"),
                                                 "refresh_token");
  g_assert_nonnull (refresh_token);

  grant_test_cli_run_with_input (&active, refresh_token, arguments);
  g_assert_cmpint (active.exit_status, ==, 0);
  before = parse_json_output (active.out);
  g_assert_true (json_object_get_boolean_member (before, "active"));

  arguments[0] = "revoke";
  grant_test_cli_run_with_input (&revoked, refresh_token, arguments);
  g_assert_cmpint (revoked.exit_status, ==, 0);

  arguments[0] = "introspect";
  grant_test_cli_run_with_input (&inactive, refresh_token, arguments);
  g_assert_cmpint (inactive.exit_status, ==, 0);
  after = parse_json_output (inactive.out);
  g_assert_false (json_object_get_boolean_member (after, "active"));

  /* UserInfo with a token it does not accept: the endpoint's 401, exit 1. */
  grant_test_cli_run (&userinfo, "userinfo", "--issuer", issuer, "--client-id", "grant-public",
                      "not-a-token", NULL);
  g_assert_cmpint (userinfo.exit_status, ==, 1);
  g_assert_nonnull (strstr (userinfo.err, "401"));
}

/* har export: the HAR alone on standard output, the command's own output on standard error,
 * secrets redacted unless asked; a failed command still leaves its HAR. */
static void
test_har_export (void)
{
  const char *issuer = grant_test_provider_get_issuer (provider);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "grant-test-cli.har", NULL);
  g_autofree char *saved = NULL;
  g_auto(GrantTestCliRun) redacted = { 0 };
  g_auto(GrantTestCliRun) to_file = { 0 };
  g_auto(GrantTestCliRun) failed = { 0 };
  g_auto(GrantTestCliRun) no_command = { 0 };
  g_auto(GrantTestCliRun) not_a_command = { 0 };
  g_autoptr(JsonObject) har = NULL;
  g_autoptr(JsonObject) failed_har = NULL;
  JsonArray *entries;
  JsonObject *token;
  const char *text;

  grant_test_cli_run (&redacted, "har", "export", "--", "token", "--issuer", issuer, "--client-id",
                      "grant-machine", "--client-secret", "grant-machine-secret", "--grant",
                      "client_credentials", "--scope", "photos:read", NULL);
  g_assert_cmpint (redacted.exit_status, ==, 0);
  g_assert_nonnull (strstr (redacted.err, "access_token       ey"));
  g_assert_nonnull (strstr (redacted.err, "Wrote 2 exchanges, secrets redacted"));
  g_assert_null (strstr (redacted.out, "grant-machine-secret"));
  g_assert_null (strstr (redacted.out, "\"ey"));
  har = parse_json_output (redacted.out);
  entries = json_object_get_array_member (json_object_get_object_member (har, "log"), "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0),
                                                  "_grantTitle"), ==, "Discovery");
  token = json_array_get_object_element (entries, 1);
  g_assert_cmpstr (json_object_get_string_member (token, "_grantChannel"), ==, "back-channel");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (token, "response"),
                                              "status"), ==, 200);
  text = json_object_get_string_member (json_object_get_object_member (
    json_object_get_object_member (token, "response"), "content"), "text");
  g_assert_nonnull (strstr (text, "\"access_token\":\"REDACTED\""));

  grant_test_cli_run (&to_file, "har", "export", "-o", path, "--include-secrets", "token",
                      "--issuer", issuer, "--client-id", "grant-machine", "--client-secret",
                      "grant-machine-secret", "--grant", "client_credentials", "--json", NULL);
  g_assert_cmpint (to_file.exit_status, ==, 0);
  parse_json_output (to_file.out); /* the command's own JSON, on standard output */
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_null (strstr (saved, "REDACTED"));
  g_assert_nonnull (strstr (saved, "Basic Z3JhbnQtbWFjaGluZTpncmFudC1tYWNoaW5lLXNlY3JldA=="));
  g_unlink (path);

  grant_test_cli_run (&failed, "har", "export", "token", "--issuer", issuer, "--client-id",
                      "grant-machine", "--client-secret", "wrong", "--grant", "client_credentials",
                      NULL);
  g_assert_cmpint (failed.exit_status, ==, 1);
  failed_har = parse_json_output (failed.out);
  entries = json_object_get_array_member (json_object_get_object_member (failed_har, "log"),
                                          "entries");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_array_get_object_element (entries, 1), "response"), "status"), ==, 401);

  grant_test_cli_run (&no_command, "har", "export", NULL);
  g_assert_cmpint (no_command.exit_status, ==, 2);
  grant_test_cli_run (&not_a_command, "har", "export", "--", "frobnicate", NULL);
  g_assert_cmpint (not_a_command.exit_status, ==, 2);
  g_assert_nonnull (strstr (not_a_command.err, "frobnicate"));
}

/* practice: the practice provider in the foreground, as a test harness runs it. */

static void
test_practice_usage_errors (void)
{
  g_auto(GrantTestCliRun) bad_name = { 0 };
  g_auto(GrantTestCliRun) bad_number = { 0 };
  g_auto(GrantTestCliRun) no_number = { 0 };
  g_auto(GrantTestCliRun) no_issuer = { 0 };
  g_auto(GrantTestCliRun) bad_port = { 0 };

  /* A typo in a fault must not start a provider without it: the faults are listed instead. */
  grant_test_cli_run (&bad_name, "practice", "--port", "0", "--fault", "wrong-stat", NULL);
  g_assert_cmpint (bad_name.exit_status, ==, 2);
  g_assert_cmpstr (bad_name.out, ==, "");
  g_assert_nonnull (strstr (bad_name.err, "wrong-stat”"));
  g_assert_nonnull (strstr (bad_name.err, "  wrong-state "));
  g_assert_nonnull (strstr (bad_name.err, "slow-token-endpoint=MILLISECONDS"));

  grant_test_cli_run (&bad_number, "practice", "--port", "0",
                      "--fault", "slow-token-endpoint=0", NULL);
  g_assert_cmpint (bad_number.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_number.err, "1 to 120000"));

  grant_test_cli_run (&no_number, "practice", "--port", "0", "--fault", "wrong-state=3", NULL);
  g_assert_cmpint (no_number.exit_status, ==, 2);

  /* Served beyond loopback, the issuer must be the URL the room uses. */
  grant_test_cli_run (&no_issuer, "practice", "--port", "0", "--listen", "0.0.0.0", NULL);
  g_assert_cmpint (no_issuer.exit_status, ==, 2);
  g_assert_nonnull (strstr (no_issuer.err, "--issuer"));

  grant_test_cli_run (&bad_port, "practice", "--port", "65536", NULL);
  g_assert_cmpint (bad_port.exit_status, ==, 2);
}

static void
test_practice_serve (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GInputStream) errors = NULL;
  g_autoptr(GBytes) summary = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) metadata = NULL;
  g_autoptr(GRegex) issuer_pattern = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *discovery_url = NULL;
  g_autofree char *document = NULL;
  const char *cli = g_getenv ("GRANT_CLI");

  g_assert_nonnull (cli);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                              | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              cli, "practice", "--port", "0", "--until-stdin-closes",
                              "--fault", "slow-token-endpoint=250", NULL);
  g_assert_no_error (error);

  /* The issuer alone on the first line, before the provider is used: a script waits for it. */
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  issuer = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (issuer);
  issuer_pattern = g_regex_new ("^http://127\\.0\\.0\\.1:[1-9][0-9]*$", 0, 0, NULL);
  g_assert_true (g_regex_match (issuer_pattern, issuer, 0, NULL));

  discovery_url = g_strconcat (issuer, "/.well-known/openid-configuration", NULL);
  message = soup_message_new (SOUP_METHOD_GET, discovery_url);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  document = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  metadata = grant_test_parse_json_object (document);
  g_assert_cmpstr (json_object_get_string_member (metadata, "issuer"), ==, issuer);

  /* It stops when its standard input closes, as a harness that dies closes it. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  errors = g_object_ref (g_subprocess_get_stderr_pipe (process));
  summary = g_input_stream_read_bytes (errors, 64 * 1024, NULL, &error);
  g_assert_no_error (error);
  summary_text = g_strndup (g_bytes_get_data (summary, NULL), g_bytes_get_size (summary));
  g_assert_nonnull (strstr (summary_text, "practice-machine"));
  g_assert_nonnull (strstr (summary_text, "slow-token-endpoint=250"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  provider = grant_test_provider_start (&error);
  g_assert_no_error (error);
  make_jwks_file ();

  g_test_add_func ("/grant/cli/version", test_version);
  g_test_add_func ("/grant/cli/help", test_help);
  g_test_add_func ("/grant/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/grant/cli/discover/text", test_discover_text);
  g_test_add_func ("/grant/cli/discover/json", test_discover_json);
  g_test_add_func ("/grant/cli/discover/failure", test_discover_failure);
  g_test_add_func ("/grant/cli/jwt/decode", test_jwt_decode);
  g_test_add_func ("/grant/cli/jwt/verify/signature", test_jwt_verify_signature);
  g_test_add_func ("/grant/cli/jwt/verify/id-token", test_jwt_verify_id_token);
  g_test_add_func ("/grant/cli/jwt/verify/live", test_jwt_verify_live);
  g_test_add_func ("/grant/cli/jwt/usage-errors", test_jwt_usage_errors);
  g_test_add_func ("/grant/cli/pkce", test_pkce);
  g_test_add_func ("/grant/cli/jwk/thumbprint", test_jwk_thumbprint);
  g_test_add_func ("/grant/cli/token/client-credentials", test_token_client_credentials);
  g_test_add_func ("/grant/cli/token/failures", test_token_failures);
  g_test_add_func ("/grant/cli/token/private-key", test_token_private_key);
  g_test_add_func ("/grant/cli/introspect-revoke", test_introspect_revoke);
  g_test_add_func ("/grant/cli/request", test_request);
  g_test_add_func ("/grant/cli/har-export", test_har_export);
  g_test_add_func ("/grant/cli/practice/usage-errors", test_practice_usage_errors);
  g_test_add_func ("/grant/cli/practice/serve", test_practice_serve);

  status = g_test_run ();

  g_clear_pointer (&provider, grant_test_provider_stop);
  remove_jwks_file ();

  return status;
}
