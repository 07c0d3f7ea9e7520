/* test-translation.c
 * The core's messages read in German when German is chosen, down to the pieces that are
 * slotted into them (a key's kind, what was not valid JSON, a check's name, an exchange's
 * title, what a probe sends), and the practice provider's pages; what code compares and exports
 * write stays English, and an error_description stays within what RFC 6749 allows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It reads po/de.po as the build compiled it (GRANT_LOCALEDIR), in the C.UTF-8 locale with
 * LANGUAGE=de, which needs no generated locale.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <locale.h>
#include <string.h>

#include "grant-check.h"
#include "grant-exchange.h"
#include "grant-http-request.h"
#include "grant-id-token.h"
#include "grant-jose-error.h"
#include "grant-jose-json.h"
#include "grant-jwk.h"
#include "grant-jwks.h"
#include "grant-jws.h"
#include "grant-jws-algorithm.h"
#include "grant-practice-provider.h"
#include "grant-probe.h"
#include "grant-provider-metadata.h"

#define ISSUER "https://accounts.example.com"
#define CLIENT_ID "grant-test-client"

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text != NULL ? text : "(null)", part);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” still contains the English “%s”", text, part);
}

/* The catalog is there and chosen: a plain message of the core comes back in German. */
static void
test_catalog (void)
{
  g_assert_cmpstr (_("The JWS header"), ==, "Der JWS-Header");
}

/* An HS256 token checked with an EC key: the key's kind is German too. */
static void
test_key_kind (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) key = grant_jwk_generate ("ES256", &error);
  const guint8 signature[32] = { 0 };

  g_assert_no_error (error);
  g_assert_false (grant_jws_algorithm_verify ("HS256", key, (const guint8 *) "data", 4,
                                              signature, sizeof signature, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH);
  assert_contains (error->message, "ein privater EC-Schlüssel");
  assert_lacks (error->message, "private key");
  g_clear_error (&error);

  g_assert_false (grant_jws_algorithm_verify ("ES384", key, (const guint8 *) "data", 4,
                                              signature, sizeof signature, &error));
  assert_contains (error->message, "ES384 benötigt einen Schlüssel auf P-384, und dies ist ein "
                   "privater EC-Schlüssel auf P-256");
}

/* What was not valid JSON is named in German, by each of the core's readers. */
static void
test_json_subject (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwks) jwks = NULL;

  object = grant_jose_json_parse_object ("{\"a\":1,\"a\":2}", 13, N_("The JWS header"), &error);
  g_assert_null (object);
  assert_contains (error->message, "Der JWS-Header");
  g_clear_error (&error);

  /* {"alg" (no closing brace) as the header of a compact JWS */
  jws = grant_jws_parse ("eyJhbGciOiJI.e30.c2ln", -1, &error);
  g_assert_null (jws);
  g_assert_nonnull (error);
  assert_contains (error->message, "Der JWS-Header ist kein gültiges JSON");
  g_clear_error (&error);

  jwks = grant_jwks_new_from_data ("[]", -1, &error);
  g_assert_null (jwks);
  assert_contains (error->message, "Das JWK Set");
}

static char *
sign_hs256 (GrantJwk   *key,
            JsonObject *claims)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  char *token;

  json_object_set_string_member (header, "alg", "HS256");
  json_node_set_object (node, claims);
  json = json_to_string (node, FALSE);
  payload = g_bytes_new (json, strlen (json));
  token = grant_jws_sign (header, payload, key, &error);
  g_assert_no_error (error);

  return token;
}

/* The ID-token checks: labels of the word-named checks, claim names kept, and the at_hash
 * reasons whole German sentences, with no English noun slotted in. */
static void
test_id_token_checks (void)
{
  static const char * const algorithms[] = { "HS256", NULL };
  g_autoptr(GBytes) secret = g_bytes_new_static ("0123456789abcdef0123456789abcdef", 32);
  g_autoptr(GrantJwk) key = grant_jwk_new_from_secret (secret);
  g_autoptr(GrantJwks) jwks = grant_jwks_new ();
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(GListModel) checks = NULL;
  g_autofree char *token = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GrantIdTokenExpectations expected = {
    .issuer = ISSUER,
    .client_id = CLIENT_ID,
    .algorithms = algorithms,
    .skew_seconds = 60,
    .now = now,
    .access_token = "an access token that does not match",
  };
  GrantCheck *check;

  grant_jwks_add (jwks, key);
  json_object_set_string_member (claims, "iss", ISSUER);
  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_string_member (claims, "aud", CLIENT_ID);
  json_object_set_int_member (claims, "exp", now + 600);
  json_object_set_int_member (claims, "iat", now - 10);
  json_object_set_string_member (claims, "at_hash", "AAAAAAAAAAAAAAAAAAAAAA");
  token = sign_hs256 (key, claims);

  checks = grant_id_token_validate (token, jwks, &expected);

  check = grant_checks_find (checks, "signature");
  g_assert_nonnull (check);
  g_assert_cmpstr (grant_check_get_label (check), ==, "Signatur");
  check = grant_checks_find (checks, "parse");
  g_assert_cmpstr (grant_check_get_label (check), ==, "Einlesen");
  check = grant_checks_find (checks, "iss");
  g_assert_cmpstr (grant_check_get_label (check), ==, "iss");

  check = grant_checks_find (checks, "at_hash");
  g_assert_cmpint (grant_check_get_status (check), ==, GRANT_CHECK_FAILED);
  assert_contains (grant_check_get_reason (check), "Der at_hash ist „AAAAAAAAAAAAAAAAAAAAAA“, "
                   "aber das Access Token ergibt mit SHA-256");
  assert_lacks (grant_check_get_reason (check), "access token");

  check = grant_checks_find (checks, "c_hash");
  g_assert_cmpint (grant_check_get_status (check), ==, GRANT_CHECK_NOT_APPLICABLE);
  g_assert_cmpstr (grant_check_get_reason (check), ==,
                   "Mit diesem Token wurde kein Autorisierungscode ausgestellt.");
}

/* A check made with a label of its own keeps its English name for code. */
static void
test_check_label (void)
{
  g_autoptr(GrantCheck) named = grant_check_new_with_label ("ID token nonce", "ID-Token: nonce",
                                                            GRANT_CHECK_PASSED, NULL);
  g_autoptr(GrantCheck) plain = grant_check_new ("endpoints", GRANT_CHECK_PASSED, NULL);

  g_assert_cmpstr (grant_check_get_name (named), ==, "ID token nonce");
  g_assert_cmpstr (grant_check_get_label (named), ==, "ID-Token: nonce");
  g_assert_cmpstr (grant_check_get_label (plain), ==, "Endpunkte");
  g_assert_cmpstr (grant_check_get_name (plain), ==, "endpoints");
}

/* Discovery's checks: the reason slotted into “Missing: …” is German as well. */
static void
test_metadata_checks (void)
{
  static const char document[] =
    "{\"issuer\":\"https://op.example.com\","
    "\"authorization_endpoint\":\"https://op.example.com/authorize\","
    "\"token_endpoint\":\"https://op.example.com/token\","
    "\"response_types_supported\":[\"code\"],"
    "\"subject_types_supported\":[\"public\"],"
    "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  GListModel *checks;
  GrantCheck *check;

  metadata = grant_provider_metadata_new_from_data (document, -1,
                                                    "https://op.example.com/.well-known/"
                                                    "openid-configuration", &error);
  g_assert_no_error (error);
  checks = grant_provider_metadata_get_checks (metadata);

  check = grant_checks_find (checks, "jwks_uri");
  g_assert_nonnull (check);
  g_assert_cmpint (grant_check_get_status (check), ==, GRANT_CHECK_FAILED);
  assert_contains (grant_check_get_reason (check),
                   "ohne ihn kann kein Token, das er signiert, geprüft werden.");
  check = grant_checks_find (checks, "implicit");
  g_assert_cmpstr (grant_check_get_label (check), ==, "Implicit Grant");
}

/* Exchange titles: English for code and HAR, German when shown, suffixes included; a title
 * the user gave comes back as it is. */
static void
test_exchange_titles (void)
{
  static const struct
  {
    const char *title;
    const char *shown;
  } cases[] = {
    { "Discovery", "Discovery" },
    { "Key set (JWKS)", "Schlüsselsatz (JWKS)" },
    { "Token request", "Token-Anfrage" },
    { "Token request (with the DPoP nonce)", "Token-Anfrage (mit der DPoP-Nonce)" },
    { "Token request (redirect 2)", "Token-Anfrage (Weiterleitung 2)" },
    { "Security probe (retry 1)", "Sicherheitstest (Wiederholung 1)" },
    { "API call (with the DPoP nonce) (redirect 1)",
      "API-Aufruf (mit der DPoP-Nonce) (Weiterleitung 1)" },
    { "My photos call", "My photos call" },
    { "Token request (redirect x)", "Token request (redirect x)" },
    { "Token request (redirect 99999999999)", "Token request (redirect 99999999999)" },
    { " (redirect 1)", " (Weiterleitung 1)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", "https://as.example/");
      g_autoptr(GrantExchange) exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL,
                                                              request, cases[i].title);
      g_autofree char *shown = grant_exchange_dup_display_title (exchange);

      g_assert_cmpstr (grant_exchange_get_title (exchange), ==, cases[i].title);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  {
    g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", "https://as.example/");
    g_autoptr(GrantExchange) exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request,
                                                            NULL);

    g_assert_null (grant_exchange_dup_display_title (exchange));
  }
}

/* A probe says what it sends and expects in German; its id and name stay English. */
static void
test_probe_texts (void)
{
  g_autoptr(GrantProbe) bearer = grant_probe_new (GRANT_PROBE_EXPIRED_TOKEN, FALSE);
  g_autoptr(GrantProbe) dpop = grant_probe_new (GRANT_PROBE_REVOKED_TOKEN, TRUE);
  g_autoptr(GrantProbe) query = grant_probe_new (GRANT_PROBE_TOKEN_IN_QUERY, FALSE);

  g_assert_cmpstr (grant_probe_get_sends (bearer), ==,
                   "Authorization: Bearer <abgelaufenes Token>");
  g_assert_cmpstr (grant_probe_get_expected (bearer), ==, "401 invalid_token");
  g_assert_cmpstr (grant_probe_get_id (bearer), ==, "expired-token");
  g_assert_cmpstr (grant_probe_get_name (bearer), ==, "Expired token");

  g_assert_cmpstr (grant_probe_get_sends (dpop), ==,
                   "Authorization: DPoP <Token> und ein DPoP-Proof, nach seinem Widerruf "
                   "(RFC 7009)");
  g_assert_cmpstr (grant_probe_get_sends (query), ==,
                   "?access_token=<Token>, kein Authorization-Header");
  g_assert_cmpstr (grant_probe_get_expected (query), ==, "400 oder 401 (2xx: Warnung)");
}

static char *
fetch (const char *method,
       const char *url,
       const char *form,
       guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* The practice provider's pages are German, with lang="de"; its protocol errors keep to
 * printable ASCII, whatever the language (RFC 6749 §5.2). */
static void
test_practice_pages (void)
{
  g_autoptr(GrantPracticeProvider) practice = grant_practice_provider_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *token_error = NULL;
  g_autofree char *url = NULL;
  guint status;

  grant_practice_provider_set_port (practice, 0);
  g_assert_true (grant_practice_provider_start (practice, &error));
  g_assert_no_error (error);

  url = g_strconcat (grant_practice_provider_get_issuer (practice), "/device", NULL);
  device = fetch ("GET", url, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  assert_contains (device, "<html lang=\"de\">");
  assert_contains (device, "<title>Ein Gerät verbinden · Übungs-Provider</title>");
  assert_contains (device, "Geben Sie den Code ein, den Ihr Gerät anzeigt.");
  assert_contains (device, "aria-label=\"Code\"");
  assert_contains (device, ">Weiter</button>");
  assert_lacks (device, "Connect a Device");

  wrong = fetch ("POST", url, "user_code=NOPE-NOPE", &status);
  g_assert_cmpuint (status, ==, 400);
  assert_contains (wrong, "Dieser Code ist unbekannt, benutzt oder abgelaufen.");

  /* A public client's code request without PKCE: its description cites “§2.1.1”. */
  g_free (url);
  url = g_strconcat (grant_practice_provider_get_issuer (practice), "/token", NULL);
  token_error = fetch ("POST", url, "grant_type=authorization_code&client_id=practice-app&"
                       "code=made-up&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback", &status);
  g_assert_cmpuint (status, ==, 400);
  for (const char *p = token_error; *p != '\0'; p++)
    g_assert_true (*p >= 0x20 && *p <= 0x7E);

  grant_practice_provider_stop (practice);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("GRANT_LOCALEDIR");

  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("The C.UTF-8 locale is missing");
  if (localedir == NULL)
    g_error ("GRANT_LOCALEDIR must name the build's po folder");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/grant/translation/catalog", test_catalog);
  g_test_add_func ("/grant/translation/key-kind", test_key_kind);
  g_test_add_func ("/grant/translation/json-subject", test_json_subject);
  g_test_add_func ("/grant/translation/id-token-checks", test_id_token_checks);
  g_test_add_func ("/grant/translation/check-label", test_check_label);
  g_test_add_func ("/grant/translation/metadata-checks", test_metadata_checks);
  g_test_add_func ("/grant/translation/exchange-titles", test_exchange_titles);
  g_test_add_func ("/grant/translation/probe-texts", test_probe_texts);
  g_test_add_func ("/grant/translation/practice-pages", test_practice_pages);

  return g_test_run ();
}
