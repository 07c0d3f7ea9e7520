/* test-probes.c
 * The security probes against the fixture's protected API: every probe gets its expected
 * answer from /api/photos, with a Bearer and with a DPoP-bound token; the deliberately lax
 * /api/lax makes the probes it lets through fail; and grant-cli probe's table, JSON and exit
 * statuses.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-probe-suite.h"
#include "grant-test-async.h"
#include "grant-test-cli.h"
#include "grant-test-data.h"
#include "grant-test-provider.h"

static GrantTestProvider *fixture;
static GrantProvider *provider;

static GrantClient *
client_for (const char *client_id,
            const char *secret)
{
  GrantClient *client = grant_client_new (client_id);

  grant_client_set_token_endpoint_auth_method (client, GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  grant_client_set_client_secret (client, secret);

  return client;
}

static char *
token_for (const char       *client_id,
           const char       *secret,
           GrantDpopSession *dpop)
{
  g_autoptr(GrantTokenResponse) response = grant_test_client_credentials (provider, NULL,
                                                                          client_id, secret,
                                                                          "photos:read", dpop);

  g_assert_cmpstr (grant_token_response_get_token_type (response), ==,
                   dpop != NULL ? "DPoP" : "Bearer");

  return g_strdup (grant_token_response_get_access_token (response));
}

/* A token from the fixture's test-only minting endpoint: "expired" or "other-audience". */
static char *
minted_token (const char *variant)
{
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autofree char *url = g_strdup_printf ("%s/fixture/access-token?variant=%s&scope=photos:read",
                                          grant_test_provider_get_issuer (fixture), variant);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GBytes *body;

  grant_http_client_send_async (http_client, request, "Mint", NULL, grant_test_async_result_cb,
                                &result);
  exchange = grant_http_client_send_finish (http_client, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
  body = grant_exchange_get_response_body (exchange);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              &error);
  g_assert_no_error (error);

  return g_strdup (json_object_get_string_member (json_node_get_object (
                                                    json_parser_get_root (parser)),
                                                  "access_token"));
}

/* Runs every probe of GET @path with a fresh token of @client_id's, DPoP-bound when @dpop. */
static GrantProbeSuite *
run_suite (const char *path,
           const char *client_id,
           const char *secret,
           gboolean    dpop_bound)
{
  g_autoptr(GrantClient) client = client_for (client_id, secret);
  g_autoptr(GrantDpopSession) dpop = dpop_bound ? grant_dpop_session_new (NULL, NULL) : NULL;
  g_autofree char *token = token_for (client_id, secret, dpop);
  g_autofree char *expired = minted_token ("expired");
  g_autofree char *other_audience = minted_token ("other-audience");
  g_autofree char *url = g_strconcat (grant_test_provider_get_issuer (fixture), path, NULL);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (log);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GrantProbeSuite *suite;

  suite = grant_probe_suite_new (http_client, request, token);
  grant_probe_suite_set_dpop_session (suite, dpop);
  grant_probe_suite_set_expired_token (suite, expired);
  grant_probe_suite_set_other_audience_token (suite, other_audience);
  grant_probe_suite_set_revocation (suite, provider, client);
  grant_probe_suite_run_async (suite, NULL, grant_test_async_result_cb, &result);
  g_assert_true (grant_probe_suite_run_finish (suite, grant_test_async_wait (&result), &error));
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (suite)); i++)
    {
      g_autoptr(GrantProbe) probe = g_list_model_get_item (G_LIST_MODEL (suite), i);
      g_autofree char *actual = grant_probe_dup_actual (probe);

      g_test_message ("%-28s %-40s %-22s %s: %s", grant_probe_get_name (probe),
                      grant_probe_get_expected (probe), actual,
                      grant_probe_verdict_get_name (grant_probe_get_verdict (probe)),
                      grant_probe_get_reason (probe));
    }

  /* Every probe that ran went through the recording client, plus the revocation. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==,
                    GRANT_PROBE_KIND_LAST + 1 - grant_probe_suite_count (suite,
                                                                         GRANT_PROBE_SKIPPED)
                    + 1);

  return suite;
}

static void
assert_verdict (GrantProbeSuite   *suite,
                GrantProbeKind     kind,
                GrantProbeVerdict  verdict,
                guint              status)
{
  GrantProbe *probe = grant_probe_suite_find (suite, kind);

  g_assert_nonnull (probe);
  if (grant_probe_get_verdict (probe) != verdict)
    g_error ("%s: %s, expected %s (%s)", grant_probe_get_id (probe),
             grant_probe_verdict_get_name (grant_probe_get_verdict (probe)),
             grant_probe_verdict_get_name (verdict), grant_probe_get_reason (probe));
  if (status != 0)
    g_assert_cmpuint (grant_exchange_get_status (grant_probe_get_exchange (probe)), ==, status);
}

/* A sound API: every probe gets its expected answer, and only the DPoP ones are skipped. */
static void
test_photos_bearer (void)
{
  g_autoptr(GrantProbeSuite) suite = run_suite ("/api/photos", "grant-machine",
                                                "grant-machine-secret", FALSE);
  g_autoptr(JsonObject) table = NULL;
  JsonArray *rows;

  assert_verdict (suite, GRANT_PROBE_VALID_TOKEN, GRANT_PROBE_PASSED, 200);
  assert_verdict (suite, GRANT_PROBE_NO_TOKEN, GRANT_PROBE_PASSED, 401);
  assert_verdict (suite, GRANT_PROBE_NO_SCHEME, GRANT_PROBE_PASSED, 400);
  assert_verdict (suite, GRANT_PROBE_WRONG_SCHEME, GRANT_PROBE_PASSED, 400);
  assert_verdict (suite, GRANT_PROBE_LOWER_CASE_SCHEME, GRANT_PROBE_PASSED, 200);
  assert_verdict (suite, GRANT_PROBE_EXTRA_SPACES, GRANT_PROBE_PASSED, 200);
  assert_verdict (suite, GRANT_PROBE_TWO_TOKENS, GRANT_PROBE_PASSED, 400);
  assert_verdict (suite, GRANT_PROBE_TOKEN_IN_QUERY, GRANT_PROBE_PASSED, 401);
  assert_verdict (suite, GRANT_PROBE_SIGNATURE_STRIPPED, GRANT_PROBE_PASSED, 401);
  assert_verdict (suite, GRANT_PROBE_ALG_NONE, GRANT_PROBE_PASSED, 401);
  assert_verdict (suite, GRANT_PROBE_PAYLOAD_TAMPERED, GRANT_PROBE_PASSED, 401);
  assert_verdict (suite, GRANT_PROBE_EXPIRED_TOKEN, GRANT_PROBE_PASSED, 401);
  assert_verdict (suite, GRANT_PROBE_OTHER_AUDIENCE, GRANT_PROBE_PASSED, 401);
  assert_verdict (suite, GRANT_PROBE_DPOP_AS_BEARER, GRANT_PROBE_SKIPPED, 0);
  assert_verdict (suite, GRANT_PROBE_DPOP_PROOF_REPLAYED, GRANT_PROBE_SKIPPED, 0);
  assert_verdict (suite, GRANT_PROBE_REVOKED_TOKEN, GRANT_PROBE_PASSED, 401);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_PASSED), ==, 14);

  /* The expired token is diagnosed as such, from its exp. */
  g_assert_cmpint (grant_auth_diagnosis_get_problem (grant_probe_get_diagnosis (
                     grant_probe_suite_find (suite, GRANT_PROBE_EXPIRED_TOKEN))), ==,
                   GRANT_AUTH_PROBLEM_EXPIRED_TOKEN);

  /* The JSON table has every row, each with its verdict. */
  table = grant_probe_suite_to_json (suite);
  rows = json_object_get_array_member (table, "probes");
  g_assert_cmpuint (json_array_get_length (rows), ==, GRANT_PROBE_KIND_LAST + 1);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *verdict = json_object_get_string_member (row, "verdict");

      g_assert_cmpstr (json_object_get_string_member (row, "id"), ==,
                       grant_probe_get_id (grant_probe_suite_find (suite, i)));
      g_assert_true (g_str_equal (verdict, "passed") || g_str_equal (verdict, "skipped"));
      g_assert_nonnull (json_object_get_string_member (row, "reason"));
    }
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (table, "summary"),
                                               "passed"), ==, 14);
}

/* With a DPoP-bound token every probe runs, the DPoP ones included, and passes. */
static void
test_photos_dpop (void)
{
  g_autoptr(GrantProbeSuite) suite = run_suite ("/api/photos", "grant-dpop",
                                                "grant-dpop-secret", TRUE);
  GrantProbe *replayed = grant_probe_suite_find (suite, GRANT_PROBE_DPOP_PROOF_REPLAYED);

  for (GrantProbeKind kind = 0; kind <= GRANT_PROBE_KIND_LAST; kind++)
    assert_verdict (suite, kind, GRANT_PROBE_PASSED, 0);
  assert_verdict (suite, GRANT_PROBE_DPOP_AS_BEARER, GRANT_PROBE_PASSED, 401);
  g_assert_cmpstr (grant_auth_diagnosis_get_error (grant_probe_get_diagnosis (replayed)), ==,
                   "invalid_dpop_proof");
  /* The replay sent the very proof the valid request did. */
  g_assert_cmpstr (grant_http_request_get_header (grant_probe_get_request (replayed), "DPoP"),
                   ==, grant_http_request_get_header (grant_probe_get_request (
                     grant_probe_suite_find (suite, GRANT_PROBE_VALID_TOKEN)), "DPoP"));
}

/* The lax route checks no signature, scheme, exp, aud, binding or revocation: the probes
 * for those fail, which proves they can. */
static void
test_lax_bearer (void)
{
  g_autoptr(GrantProbeSuite) suite = run_suite ("/api/lax", "grant-machine",
                                                "grant-machine-secret", FALSE);

  assert_verdict (suite, GRANT_PROBE_VALID_TOKEN, GRANT_PROBE_PASSED, 200);
  assert_verdict (suite, GRANT_PROBE_NO_TOKEN, GRANT_PROBE_PASSED, 401);
  assert_verdict (suite, GRANT_PROBE_LOWER_CASE_SCHEME, GRANT_PROBE_PASSED, 200);
  assert_verdict (suite, GRANT_PROBE_EXTRA_SPACES, GRANT_PROBE_PASSED, 200);
  assert_verdict (suite, GRANT_PROBE_NO_SCHEME, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_WRONG_SCHEME, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_TWO_TOKENS, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_TOKEN_IN_QUERY, GRANT_PROBE_WARNED, 200);
  assert_verdict (suite, GRANT_PROBE_SIGNATURE_STRIPPED, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_ALG_NONE, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_PAYLOAD_TAMPERED, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_EXPIRED_TOKEN, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_OTHER_AUDIENCE, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_REVOKED_TOKEN, GRANT_PROBE_FAILED, 200);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_FAILED), ==, 9);
}

static void
test_lax_dpop (void)
{
  g_autoptr(GrantProbeSuite) suite = run_suite ("/api/lax", "grant-dpop", "grant-dpop-secret",
                                                TRUE);

  assert_verdict (suite, GRANT_PROBE_VALID_TOKEN, GRANT_PROBE_PASSED, 200);
  assert_verdict (suite, GRANT_PROBE_DPOP_AS_BEARER, GRANT_PROBE_FAILED, 200);
  /* A DPoP-bound token taken from the URL, without a proof, bypasses the binding. */
  assert_verdict (suite, GRANT_PROBE_TOKEN_IN_QUERY, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_DPOP_PROOF_REPLAYED, GRANT_PROBE_WARNED, 200);
  assert_verdict (suite, GRANT_PROBE_SIGNATURE_STRIPPED, GRANT_PROBE_FAILED, 200);
  assert_verdict (suite, GRANT_PROBE_REVOKED_TOKEN, GRANT_PROBE_FAILED, 200);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_FAILED), ==, 11);
}

/* ---- grant-cli probe -------------------------------------------------------------------- */

static void
test_cli (void)
{
  const char *issuer = grant_test_provider_get_issuer (fixture);
  g_autofree char *photos = g_strconcat (issuer, "/api/photos", NULL);
  g_autofree char *lax = g_strconcat (issuer, "/api/lax", NULL);
  g_auto(GrantTestCliRun) sound = { 0 };
  g_auto(GrantTestCliRun) lax_run = { 0 };
  g_auto(GrantTestCliRun) no_url = { 0 };
  g_auto(GrantTestCliRun) not_http = { 0 };
  g_auto(GrantTestCliRun) dpop_without_key = { 0 };
  g_autoptr(JsonObject) table = NULL;
  JsonArray *rows;

  /* A sound API, a token fetched (and revoked at the end) by grant-cli itself: exit 0. */
  grant_test_cli_run (&sound, "probe", "GET", photos, "--issuer", issuer, "--client-id",
                      "grant-machine", "--client-secret", "grant-machine-secret", "--scope",
                      "photos:read", "--json", NULL);
  g_test_message ("%s%s", sound.out, sound.err);
  g_assert_cmpint (sound.exit_status, ==, 0);
  table = grant_test_parse_json_object (sound.out);
  rows = json_object_get_array_member (table, "probes");
  g_assert_cmpuint (json_array_get_length (rows), ==, GRANT_PROBE_KIND_LAST + 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (table, "summary"),
                                               "failed"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     rows, GRANT_PROBE_REVOKED_TOKEN), "verdict"), ==, "passed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     rows, GRANT_PROBE_EXPIRED_TOKEN), "verdict"), ==, "skipped");

  /* The lax route: a table with the failures and their reasons, and exit 1. */
  grant_test_cli_run (&lax_run, "probe", "GET", lax, "--issuer", issuer, "--client-id",
                      "grant-dpop", "--client-secret", "grant-dpop-secret", "--scope",
                      "photos:read", "--dpop", NULL);
  g_test_message ("%s%s", lax_run.out, lax_run.err);
  g_assert_cmpint (lax_run.exit_status, ==, 1);
  g_assert_true (g_str_has_prefix (lax_run.out, "PROBE"));
  g_assert_nonnull (strstr (lax_run.out, "Signature stripped"));
  g_assert_nonnull (strstr (lax_run.out, "\nFailed:\n  "));
  g_assert_nonnull (strstr (lax_run.out, "DPoP-bound token as Bearer: The API accepted"));
  g_assert_nonnull (strstr (lax_run.out, "failed, 2 skipped\n"));

  /* Usage errors: exit 2. */
  grant_test_cli_run (&no_url, "probe", "GET", NULL);
  g_assert_cmpint (no_url.exit_status, ==, 2);
  grant_test_cli_run (&not_http, "probe", "GET", "ftp://example.test/", "--token", "t", NULL);
  g_assert_cmpint (not_http.exit_status, ==, 2);
  grant_test_cli_run (&dpop_without_key, "probe", "GET", photos, "--token", "t", "--dpop", NULL);
  g_assert_cmpint (dpop_without_key.exit_status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  fixture = grant_test_provider_start (&error);
  g_assert_no_error (error);
  provider = grant_test_provider_discover (fixture);

  g_test_add_func ("/grant/probes/photos/bearer", test_photos_bearer);
  g_test_add_func ("/grant/probes/photos/dpop", test_photos_dpop);
  g_test_add_func ("/grant/probes/lax/bearer", test_lax_bearer);
  g_test_add_func ("/grant/probes/lax/dpop", test_lax_dpop);
  g_test_add_func ("/grant/probes/cli", test_cli);

  status = g_test_run ();

  g_clear_object (&provider);
  grant_test_provider_stop (fixture);

  return status;
}
