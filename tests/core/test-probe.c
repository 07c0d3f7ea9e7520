/* test-probe.c
 * Tests for the security probes: the JWT tampering, each probe's expectation and verdict,
 * the JSON row, and a suite against a loopback server that takes anything (what goes on the
 * wire, what is skipped and why).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-jws.h"
#include "grant-jwt-claims.h"
#include "grant-probe-suite.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

/* An ES256 JWT with kid, typ at+jwt and the claims given, and its key. */
static char *
sign_jwt (const char  *claims,
          GrantJwk   **key_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) key = grant_jwk_generate ("ES256", &error);
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GBytes) payload = g_bytes_new (claims, strlen (claims));
  char *jws;

  g_assert_no_error (error);
  json_object_set_string_member (header, "alg", "ES256");
  json_object_set_string_member (header, "typ", "at+jwt");
  json_object_set_string_member (header, "kid", "key-1");
  jws = grant_jws_sign (header, payload, key, &error);
  g_assert_no_error (error);
  if (key_out != NULL)
    *key_out = g_steal_pointer (&key);

  return jws;
}

static const char *
part_end (const char *jws,
          guint       dots)
{
  const char *at = jws;

  for (guint i = 0; i < dots; i++)
    {
      at = strchr (at, '.');
      g_assert_nonnull (at);
      at++;
    }

  return at;
}

static void
test_strip_signature (void)
{
  g_autofree char *jws = sign_jwt ("{\"sub\":\"alice\",\"scope\":\"photos:read\"}", NULL);
  g_autofree char *stripped = NULL;
  g_autoptr(GrantJws) parsed = NULL;
  g_autoptr(GError) error = NULL;

  stripped = grant_probe_strip_signature (jws, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (stripped, "."));
  g_assert_cmpuint (strlen (stripped), ==, part_end (jws, 2) - jws);
  g_assert_true (strncmp (stripped, jws, strlen (stripped)) == 0);

  parsed = grant_jws_parse (stripped, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (grant_jws_get_signature (parsed)), ==, 0);
  g_assert_cmpstr (grant_jws_get_alg (parsed), ==, "ES256");
}

static void
test_alg_none (void)
{
  g_autoptr(GrantJwk) key = NULL;
  g_autofree char *jws = sign_jwt ("{\"sub\":\"alice\",\"scope\":\"photos:read\"}", &key);
  g_autofree char *none = NULL;
  g_autoptr(GrantJws) original = grant_jws_parse (jws, -1, NULL);
  g_autoptr(GrantJws) parsed = NULL;
  g_autoptr(GError) error = NULL;

  none = grant_probe_make_alg_none (jws, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (none, "."));

  parsed = grant_jws_parse (none, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_jws_get_alg (parsed), ==, "none");
  g_assert_cmpstr (grant_jws_get_kid (parsed), ==, "key-1");
  g_assert_cmpstr (grant_jws_get_typ (parsed), ==, "at+jwt");
  g_assert_cmpuint (json_object_get_size (grant_jws_get_header (parsed)), ==, 3);
  g_assert_true (g_bytes_equal (grant_jws_get_payload (parsed),
                                grant_jws_get_payload (original)));
  g_assert_cmpuint (g_bytes_get_size (grant_jws_get_signature (parsed)), ==, 0);

  /* Grant's own verifier is not fooled. */
  g_assert_false (grant_jws_verify (parsed, key, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE);
}

static void
check_tampered (const char *claims,
                const char *expected_sub)
{
  g_autoptr(GrantJwk) key = NULL;
  g_autofree char *jws = sign_jwt (claims, &key);
  g_autofree char *tampered = NULL;
  g_autoptr(GrantJws) parsed = NULL;
  g_autoptr(GrantJws) original = NULL;
  g_autoptr(GrantJwtClaims) read = NULL;
  g_autoptr(GError) error = NULL;

  original = grant_jws_parse (jws, -1, &error);
  g_assert_no_error (error);
  g_assert_true (grant_jws_verify (original, key, &error));

  tampered = grant_probe_tamper_payload (jws, &error);
  g_assert_no_error (error);
  /* The same header and signature, another payload. */
  g_assert_true (strncmp (tampered, jws, part_end (jws, 1) - jws) == 0);
  g_assert_cmpstr (part_end (tampered, 2), ==, part_end (jws, 2));
  g_assert_cmpstr (tampered, !=, jws);

  parsed = grant_jws_parse (tampered, -1, &error);
  g_assert_no_error (error);
  read = grant_jwt_claims_new_from_payload (grant_jws_get_payload (parsed), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_jwt_claims_get_string (read, "sub"), ==, expected_sub);
  g_assert_cmpstr (grant_jwt_claims_get_string (read, "scope"), ==, "photos:read");

  g_assert_false (grant_jws_verify (parsed, key, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_BAD_SIGNATURE);
}

static void
test_tamper_payload (void)
{
  check_tampered ("{\"sub\":\"alice\",\"scope\":\"photos:read\"}", "alice-tampered");
  check_tampered ("{\"scope\":\"photos:read\",\"exp\":4102444800}", "grant-probe");
}

static void
test_not_a_jwt (void)
{
  const char *tokens[] = { "2YotnFZFEjr1zCsicMWpAA", "a.b", "a.b.c.d.e", "!!.e30.", NULL };

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stripped = grant_probe_strip_signature (tokens[i], &error);
      g_autofree char *none = NULL;
      g_autofree char *tampered = NULL;

      g_assert_null (stripped);
      g_assert_error (error, GRANT_JOSE_ERROR, error->code);
      g_clear_error (&error);
      none = grant_probe_make_alg_none (tokens[i], &error);
      g_assert_null (none);
      g_assert_nonnull (error);
      g_clear_error (&error);
      tampered = grant_probe_tamper_payload (tokens[i], &error);
      g_assert_null (tampered);
      g_assert_nonnull (error);
    }
}

/* An exchange answered @status with @www_authenticate (or none). */
static GrantExchange *
answered (guint       status,
          const char *www_authenticate)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET",
                                                                "https://api.test/photos");
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  GrantExchange *exchange;

  grant_http_request_set_header (request, "Authorization", "Bearer t", TRUE);
  exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request, "Probe");
  if (www_authenticate != NULL)
    soup_message_headers_append (headers, "WWW-Authenticate", www_authenticate);
  grant_exchange_set_response (exchange, status, soup_status_get_phrase (status), headers, NULL);
  soup_message_headers_unref (headers);

  return exchange;
}

#define INVALID "Bearer error=\"invalid_token\""
#define CHALLENGE "Bearer realm=\"api\""

typedef struct
{
  GrantProbeKind     kind;
  gboolean           dpop_bound;
  guint              status;
  const char        *www_authenticate;
  GrantProbeVerdict  verdict;
  const char        *reason;   /* in the reason */
} Expectation;

static const Expectation expectations[] = {
  { GRANT_PROBE_VALID_TOKEN, FALSE, 200, NULL, GRANT_PROBE_PASSED, "accepted" },
  { GRANT_PROBE_VALID_TOKEN, FALSE, 401, INVALID, GRANT_PROBE_FAILED, "prove nothing" },
  { GRANT_PROBE_NO_TOKEN, FALSE, 401, CHALLENGE, GRANT_PROBE_PASSED, "401" },
  { GRANT_PROBE_NO_TOKEN, FALSE, 401, NULL, GRANT_PROBE_WARNED, "RFC 9110 §15.5.2" },
  { GRANT_PROBE_NO_TOKEN, FALSE, 403, NULL, GRANT_PROBE_WARNED, "403" },
  { GRANT_PROBE_NO_TOKEN, FALSE, 200, NULL, GRANT_PROBE_FAILED, "not protected" },
  { GRANT_PROBE_NO_SCHEME, FALSE, 400, "Bearer error=\"invalid_request\"", GRANT_PROBE_PASSED,
    "malformed" },
  { GRANT_PROBE_NO_SCHEME, FALSE, 401, CHALLENGE, GRANT_PROBE_PASSED, "malformed" },
  { GRANT_PROBE_NO_SCHEME, FALSE, 204, NULL, GRANT_PROBE_FAILED, "without a scheme" },
  { GRANT_PROBE_WRONG_SCHEME, FALSE, 200, NULL, GRANT_PROBE_FAILED, "ignores the scheme" },
  { GRANT_PROBE_WRONG_SCHEME, FALSE, 500, NULL, GRANT_PROBE_WARNED, "500" },
  { GRANT_PROBE_TWO_TOKENS, FALSE, 200, NULL, GRANT_PROBE_FAILED, "two tokens" },
  { GRANT_PROBE_TWO_TOKENS, FALSE, 400, NULL, GRANT_PROBE_PASSED, "malformed" },
  /* Schemes are case-insensitive (RFC 9110 §11.1): refusing "bearer" is the failure. */
  { GRANT_PROBE_LOWER_CASE_SCHEME, FALSE, 200, NULL, GRANT_PROBE_PASSED, "RFC 9110 §11.1" },
  { GRANT_PROBE_LOWER_CASE_SCHEME, FALSE, 400, NULL, GRANT_PROBE_FAILED, "case-insensitive" },
  { GRANT_PROBE_LOWER_CASE_SCHEME, TRUE, 401, NULL, GRANT_PROBE_FAILED, "case-insensitive" },
  { GRANT_PROBE_EXTRA_SPACES, FALSE, 200, NULL, GRANT_PROBE_PASSED, "RFC 9110 §11.4" },
  { GRANT_PROBE_EXTRA_SPACES, FALSE, 400, NULL, GRANT_PROBE_WARNED, "stricter" },
  { GRANT_PROBE_EXTRA_SPACES, FALSE, 502, NULL, GRANT_PROBE_FAILED, "stricter" },
  /* RFC 6750 §2.3 allows the query; a DPoP-bound token there bypasses its binding. */
  { GRANT_PROBE_TOKEN_IN_QUERY, FALSE, 401, CHALLENGE, GRANT_PROBE_PASSED, "URL" },
  { GRANT_PROBE_TOKEN_IN_QUERY, FALSE, 400, NULL, GRANT_PROBE_PASSED, "URL" },
  { GRANT_PROBE_TOKEN_IN_QUERY, FALSE, 200, NULL, GRANT_PROBE_WARNED, "RFC 6750 §2.3" },
  { GRANT_PROBE_TOKEN_IN_QUERY, TRUE, 200, NULL, GRANT_PROBE_FAILED, "bypassed" },
  { GRANT_PROBE_SIGNATURE_STRIPPED, FALSE, 401, INVALID, GRANT_PROBE_PASSED, "invalid_token" },
  { GRANT_PROBE_SIGNATURE_STRIPPED, FALSE, 200, NULL, GRANT_PROBE_FAILED, "forge" },
  { GRANT_PROBE_SIGNATURE_STRIPPED, FALSE, 401, CHALLENGE, GRANT_PROBE_WARNED,
    "without an error code" },
  { GRANT_PROBE_SIGNATURE_STRIPPED, FALSE, 400, NULL, GRANT_PROBE_WARNED, "400" },
  { GRANT_PROBE_ALG_NONE, FALSE, 401, INVALID, GRANT_PROBE_PASSED, "invalid_token" },
  { GRANT_PROBE_ALG_NONE, FALSE, 200, NULL, GRANT_PROBE_FAILED, "unsigned" },
  { GRANT_PROBE_PAYLOAD_TAMPERED, FALSE, 401, INVALID, GRANT_PROBE_PASSED, "invalid_token" },
  { GRANT_PROBE_PAYLOAD_TAMPERED, FALSE, 200, NULL, GRANT_PROBE_FAILED, "changed after" },
  { GRANT_PROBE_PAYLOAD_TAMPERED, FALSE, 401, "Bearer error=\"invalid_request\"",
    GRANT_PROBE_WARNED, "“invalid_request”" },
  { GRANT_PROBE_EXPIRED_TOKEN, FALSE, 401, INVALID, GRANT_PROBE_PASSED, "invalid_token" },
  { GRANT_PROBE_EXPIRED_TOKEN, FALSE, 200, NULL, GRANT_PROBE_FAILED, "exp" },
  { GRANT_PROBE_OTHER_AUDIENCE, FALSE, 401, INVALID, GRANT_PROBE_PASSED, "invalid_token" },
  { GRANT_PROBE_OTHER_AUDIENCE, FALSE, 200, NULL, GRANT_PROBE_FAILED, "aud" },
  { GRANT_PROBE_DPOP_AS_BEARER, TRUE, 401,
    "DPoP error=\"invalid_token\", algs=\"ES256\", Bearer realm=\"api\"", GRANT_PROBE_PASSED,
    "invalid_token" },
  { GRANT_PROBE_DPOP_AS_BEARER, TRUE, 200, NULL, GRANT_PROBE_FAILED, "RFC 9449 §7.2" },
  /* RFC 9449 §11.1 lets a server accept a replay within its window: a warning, not more. */
  { GRANT_PROBE_DPOP_PROOF_REPLAYED, TRUE, 401, "DPoP error=\"invalid_dpop_proof\"",
    GRANT_PROBE_PASSED, "invalid_dpop_proof" },
  { GRANT_PROBE_DPOP_PROOF_REPLAYED, TRUE, 200, NULL, GRANT_PROBE_WARNED, "RFC 9449 §11.1" },
  { GRANT_PROBE_REVOKED_TOKEN, FALSE, 401, INVALID, GRANT_PROBE_PASSED, "invalid_token" },
  { GRANT_PROBE_REVOKED_TOKEN, FALSE, 200, NULL, GRANT_PROBE_FAILED, "RFC 7009" },
};

static void
test_verdicts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      const Expectation *e = &expectations[i];
      g_autoptr(GrantProbe) probe = grant_probe_new (e->kind, e->dpop_bound);
      g_autoptr(GrantExchange) exchange = answered (e->status, e->www_authenticate);

      g_test_message ("%s %u", grant_probe_get_id (probe), e->status);
      g_assert_cmpint (grant_probe_get_verdict (probe), ==, GRANT_PROBE_PENDING);
      g_assert_null (grant_probe_get_reason (probe));
      grant_probe_judge (probe, exchange, NULL, -1);
      g_assert_cmpstr (grant_probe_verdict_get_name (grant_probe_get_verdict (probe)), ==,
                       grant_probe_verdict_get_name (e->verdict));
      g_assert_nonnull (strstr (grant_probe_get_reason (probe), e->reason));
      g_assert_true (grant_probe_get_exchange (probe) == exchange);
      g_assert_nonnull (grant_probe_get_diagnosis (probe));
    }
}

static void
test_no_answer (void)
{
  g_autoptr(GrantProbe) probe = grant_probe_new (GRANT_PROBE_SIGNATURE_STRIPPED, FALSE);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", "https://api.test/");
  g_autoptr(GrantExchange) exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request,
                                                          "Probe");
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                 "Connection refused");
  g_autofree char *actual = NULL;
  g_autoptr(JsonObject) row = NULL;

  grant_exchange_fail (exchange, error);
  grant_probe_judge (probe, exchange, NULL, -1);
  g_assert_cmpint (grant_probe_get_verdict (probe), ==, GRANT_PROBE_FAILED);
  g_assert_nonnull (strstr (grant_probe_get_reason (probe), "Connection refused"));
  g_assert_null (grant_probe_get_diagnosis (probe));
  actual = grant_probe_dup_actual (probe);
  g_assert_cmpstr (actual, ==, "no answer");
  row = grant_probe_to_json (probe);
  g_assert_true (json_object_get_null_member (row, "status"));
  g_assert_false (json_object_has_member (row, "diagnosis"));
}

static void
test_skip_and_row (void)
{
  g_autoptr(GrantProbe) skipped = grant_probe_new (GRANT_PROBE_EXPIRED_TOKEN, FALSE);
  g_autoptr(GrantProbe) judged = grant_probe_new (GRANT_PROBE_ALG_NONE, TRUE);
  g_autoptr(GrantExchange) exchange = answered (401, INVALID);
  g_autoptr(JsonObject) skipped_row = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *actual = NULL;
  JsonObject *diagnosis;

  grant_probe_skip (skipped, "No expired token was given.");
  g_assert_cmpint (grant_probe_get_verdict (skipped), ==, GRANT_PROBE_SKIPPED);
  actual = grant_probe_dup_actual (skipped);
  g_assert_cmpstr (actual, ==, "-");
  skipped_row = grant_probe_to_json (skipped);
  g_assert_cmpstr (json_object_get_string_member (skipped_row, "id"), ==, "expired-token");
  g_assert_cmpstr (json_object_get_string_member (skipped_row, "verdict"), ==, "skipped");
  g_assert_cmpstr (json_object_get_string_member (skipped_row, "reason"), ==,
                   "No expired token was given.");
  g_assert_cmpstr (json_object_get_string_member (skipped_row, "expected"), ==,
                   "401 invalid_token");

  /* A DPoP-bound token's probes say so in what they send. */
  g_assert_cmpstr (grant_probe_get_sends (judged), ==,
                   "Authorization: DPoP <token with \"alg\":\"none\", no signature> and a "
                   "DPoP proof");
  grant_probe_judge (judged, exchange, NULL, -1);
  g_clear_pointer (&actual, g_free);
  actual = grant_probe_dup_actual (judged);
  g_assert_cmpstr (actual, ==, "401 invalid_token");
  row = grant_probe_to_json (judged);
  g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, "alg-none");
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "alg none");
  g_assert_cmpint (json_object_get_int_member (row, "status"), ==, 401);
  g_assert_cmpstr (json_object_get_string_member (row, "actual"), ==, "401 invalid_token");
  g_assert_cmpstr (json_object_get_string_member (row, "verdict"), ==, "passed");
  diagnosis = json_object_get_object_member (row, "diagnosis");
  g_assert_nonnull (diagnosis);
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "error"), ==, "invalid_token");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "problem"), ==, "invalid_token");
}

/* ---- A suite against a server that takes anything ------------------------------------ */

typedef struct
{
  GPtrArray *authorizations;   /* what came, "" for none */
  GPtrArray *queries;
} Received;

static void
open_handler_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Received *received = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  GUri *uri = soup_server_message_get_uri (message);

  g_ptr_array_add (received->authorizations, g_strdup (authorization != NULL ? authorization
                                                                               : ""));
  g_ptr_array_add (received->queries, g_strdup (g_uri_get_query (uri) != NULL
                                                ? g_uri_get_query (uri) : ""));
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
  soup_server_message_set_status (message, 200, NULL);
}

static GrantProbeSuite *
run_open_suite (const char *token,
                Received   *received,
                SoupServer **server_out)
{
  SoupServer *server = grant_test_server_new ();
  g_autofree char *url = grant_test_server_get_url (server, "/photos?size=large");
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GrantProbeSuite *suite;

  soup_server_add_handler (server, NULL, open_handler_cb, received, NULL);
  /* An Authorization header in the template is the suite's to replace. */
  grant_http_request_set_header (request, "Authorization", "Bearer old", TRUE);
  suite = grant_probe_suite_new (client, request, token);
  g_assert_null (grant_probe_suite_find (suite, GRANT_PROBE_VALID_TOKEN));
  grant_probe_suite_run_async (suite, NULL, grant_test_async_result_cb, &result);
  g_assert_true (grant_probe_suite_run_finish (suite, grant_test_async_wait (&result), &error));
  g_assert_no_error (error);
  *server_out = server;

  return suite;
}

static gboolean
received_has (GPtrArray  *values,
              const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return TRUE;

  return FALSE;
}

/* An opaque token at an API that takes anything: the JWT, DPoP, expiry, audience and
 * revocation probes are skipped with their reasons, and each refusal probe fails. */
static void
test_suite_open_api (void)
{
  Received received = { g_ptr_array_new_with_free_func (g_free),
                        g_ptr_array_new_with_free_func (g_free) };
  SoupServer *server = NULL;
  g_autoptr(GrantProbeSuite) suite = run_open_suite ("opaque-token_1", &received, &server);
  g_autoptr(JsonObject) table = NULL;
  JsonArray *rows;
  static const struct
  {
    GrantProbeKind    kind;
    GrantProbeVerdict verdict;
    const char       *reason;
  } verdicts[] = {
    { GRANT_PROBE_VALID_TOKEN, GRANT_PROBE_PASSED, "accepted" },
    { GRANT_PROBE_NO_TOKEN, GRANT_PROBE_FAILED, "not protected" },
    { GRANT_PROBE_NO_SCHEME, GRANT_PROBE_FAILED, "without a scheme" },
    { GRANT_PROBE_WRONG_SCHEME, GRANT_PROBE_FAILED, "ignores the scheme" },
    { GRANT_PROBE_LOWER_CASE_SCHEME, GRANT_PROBE_PASSED, "case-insensitively" },
    { GRANT_PROBE_EXTRA_SPACES, GRANT_PROBE_PASSED, "grammar" },
    { GRANT_PROBE_TWO_TOKENS, GRANT_PROBE_FAILED, "two tokens" },
    { GRANT_PROBE_TOKEN_IN_QUERY, GRANT_PROBE_WARNED, "query string" },
    { GRANT_PROBE_SIGNATURE_STRIPPED, GRANT_PROBE_SKIPPED, "not a JWT" },
    { GRANT_PROBE_ALG_NONE, GRANT_PROBE_SKIPPED, "not a JWT" },
    { GRANT_PROBE_PAYLOAD_TAMPERED, GRANT_PROBE_SKIPPED, "not a JWT" },
    { GRANT_PROBE_EXPIRED_TOKEN, GRANT_PROBE_SKIPPED, "No expired token" },
    { GRANT_PROBE_OTHER_AUDIENCE, GRANT_PROBE_SKIPPED, "another audience" },
    { GRANT_PROBE_DPOP_AS_BEARER, GRANT_PROBE_SKIPPED, "not DPoP-bound" },
    { GRANT_PROBE_DPOP_PROOF_REPLAYED, GRANT_PROBE_SKIPPED, "not DPoP-bound" },
    { GRANT_PROBE_REVOKED_TOKEN, GRANT_PROBE_SKIPPED, "Revoking" },
  };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (suite)), ==,
                    GRANT_PROBE_KIND_LAST + 1);
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    {
      GrantProbe *probe = grant_probe_suite_find (suite, verdicts[i].kind);

      g_test_message ("%s: %s", grant_probe_get_id (probe), grant_probe_get_reason (probe));
      g_assert_cmpint (grant_probe_get_verdict (probe), ==, verdicts[i].verdict);
      g_assert_nonnull (strstr (grant_probe_get_reason (probe), verdicts[i].reason));
      if (verdicts[i].verdict == GRANT_PROBE_SKIPPED)
        g_assert_null (grant_probe_get_exchange (probe));
    }

  /* What went on the wire: eight requests, the header as each probe means it, exactly. */
  g_assert_cmpuint (received.authorizations->len, ==, 8);
  g_assert_true (received_has (received.authorizations, "Bearer opaque-token_1"));
  g_assert_true (received_has (received.authorizations, "opaque-token_1"));
  g_assert_true (received_has (received.authorizations, "Token opaque-token_1"));
  g_assert_true (received_has (received.authorizations, "bearer opaque-token_1"));
  g_assert_true (received_has (received.authorizations, "Bearer  opaque-token_1"));
  g_assert_true (received_has (received.authorizations,
                               "Bearer opaque-token_1 opaque-token_1"));
  g_assert_false (received_has (received.authorizations, "Bearer old"));
  g_assert_true (received_has (received.queries, "size=large&access_token=opaque-token_1"));
  g_assert_true (received_has (received.queries, "size=large"));

  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_PASSED), ==, 3);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_WARNED), ==, 1);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_FAILED), ==, 4);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_SKIPPED), ==, 8);

  /* The table has every row, and not the token. */
  table = grant_probe_suite_to_json (suite);
  rows = json_object_get_array_member (table, "probes");
  g_assert_cmpuint (json_array_get_length (rows), ==, GRANT_PROBE_KIND_LAST + 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (table, "summary"),
                                               "failed"), ==, 4);
  g_assert_false (json_object_get_boolean_member (table, "dpop_bound"));
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    g_autofree char *text = NULL;

    json_node_set_object (node, table);
    text = json_to_string (node, FALSE);
    g_assert_null (strstr (text, "opaque-token_1"));
  }

  g_ptr_array_unref (received.authorizations);
  g_ptr_array_unref (received.queries);
  grant_test_server_stop (server);
}

/* A JWT: the tampered tokens go out, each a valid JWS with the change it means. */
static void
test_suite_tampered_tokens (void)
{
  Received received = { g_ptr_array_new_with_free_func (g_free),
                        g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *jwt = sign_jwt ("{\"sub\":\"alice\",\"scope\":\"photos:read\"}", NULL);
  g_autofree char *stripped = grant_probe_strip_signature (jwt, NULL);
  g_autofree char *none = grant_probe_make_alg_none (jwt, NULL);
  g_autofree char *tampered = grant_probe_tamper_payload (jwt, NULL);
  g_autofree char *stripped_header = g_strconcat ("Bearer ", stripped, NULL);
  g_autofree char *none_header = g_strconcat ("Bearer ", none, NULL);
  g_autofree char *tampered_header = g_strconcat ("Bearer ", tampered, NULL);
  SoupServer *server = NULL;
  g_autoptr(GrantProbeSuite) suite = run_open_suite (jwt, &received, &server);

  g_assert_cmpuint (received.authorizations->len, ==, 11);
  g_assert_true (received_has (received.authorizations, stripped_header));
  g_assert_true (received_has (received.authorizations, none_header));
  g_assert_true (received_has (received.authorizations, tampered_header));
  g_assert_cmpint (grant_probe_get_verdict (grant_probe_suite_find (
                     suite, GRANT_PROBE_SIGNATURE_STRIPPED)), ==, GRANT_PROBE_FAILED);
  g_assert_cmpint (grant_probe_get_verdict (grant_probe_suite_find (
                     suite, GRANT_PROBE_ALG_NONE)), ==, GRANT_PROBE_FAILED);
  g_assert_cmpint (grant_probe_get_verdict (grant_probe_suite_find (
                     suite, GRANT_PROBE_PAYLOAD_TAMPERED)), ==, GRANT_PROBE_FAILED);

  g_ptr_array_unref (received.authorizations);
  g_ptr_array_unref (received.queries);
  grant_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/probe/strip-signature", test_strip_signature);
  g_test_add_func ("/grant/probe/alg-none", test_alg_none);
  g_test_add_func ("/grant/probe/tamper-payload", test_tamper_payload);
  g_test_add_func ("/grant/probe/not-a-jwt", test_not_a_jwt);
  g_test_add_func ("/grant/probe/verdicts", test_verdicts);
  g_test_add_func ("/grant/probe/no-answer", test_no_answer);
  g_test_add_func ("/grant/probe/skip-and-row", test_skip_and_row);
  g_test_add_func ("/grant/probe-suite/open-api", test_suite_open_api);
  g_test_add_func ("/grant/probe-suite/tampered-tokens", test_suite_tampered_tokens);

  return g_test_run ();
}
