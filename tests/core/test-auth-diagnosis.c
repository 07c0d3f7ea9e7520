/* test-auth-diagnosis.c
 * Tests for the 401/403 explanation: each cause it tells apart, from the RFC examples of
 * tests/data/rfc-vectors.json and RFC 9470's, with what Grant knows of the token.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-auth-diagnosis.h"

typedef struct
{
  const char       *name;
  guint             status;
  const char       *www_authenticate;
  const char       *authorization;
  const char       *token_scope;
  gint64            expires_in;        /* from now; 0 for unknown */
  GrantAuthProblem  problem;
  const char       *said;              /* in what the server said */
  const char       *cause;             /* in the cause */
  const char       *missing;           /* the missing scopes, space-separated */
} Case;

static const Case cases[] = {
  { "no-token", 401, "Bearer realm=\"example\"", NULL, NULL, 0,
    GRANT_AUTH_PROBLEM_NO_TOKEN, "with a Bearer challenge, realm “example”",
    "No access token was sent", "" },
  { "expired-by-description", 401,
    "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token "
    "expired\"", "Bearer mF_9.B5f-4.1JqM", NULL, 0,
    GRANT_AUTH_PROBLEM_EXPIRED_TOKEN, "error “invalid_token”", "says the token expired", "" },
  { "expired-by-exp", 401, "Bearer error=\"invalid_token\"", "Bearer t", NULL, -60,
    GRANT_AUTH_PROBLEM_EXPIRED_TOKEN, "error “invalid_token”", "The token expired at ", "" },
  { "invalid-token", 401, "Bearer error=\"invalid_token\", error_description=\"Invalid token\"",
    "Bearer t", NULL, 600, GRANT_AUTH_PROBLEM_INVALID_TOKEN, "description “Invalid token”",
    "revoked", "" },
  { "insufficient-scope", 403,
    "Bearer error=\"insufficient_scope\", scope=\"photos:write profile\"", "Bearer t",
    "openid photos:read profile", 600, GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE,
    "scope “photos:write profile”", "lacks the scope “photos:write”", "photos:write" },
  { "insufficient-scope-unknown-token", 403,
    "Bearer error=\"insufficient_scope\", scope=\"a b\"", "Bearer t", NULL, 0,
    GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE, "error “insufficient_scope”",
    "the scopes “a” and “b”", "a b" },
  { "insufficient-scope-held", 403, "Bearer error=\"insufficient_scope\", scope=\"a\"",
    "Bearer t", "a", 0, GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE, "scope “a”",
    "which the token has", "" },
  { "insufficient-scope-unnamed", 403, "Bearer error=\"insufficient_scope\"", "Bearer t", "a", 0,
    GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE, "insufficient_scope", "did not say which", "" },
  /* RFC 9449 §7.2 Figure 18: the Bearer challenge explains, not the DPoP one beside it. */
  { "bearer-beside-dpop", 401,
    "Bearer error=\"invalid_token\", error_description=\"Invalid token\", DPoP algs=\"ES256 "
    "PS256\"", "Bearer INVALID_TOKEN", NULL, 0, GRANT_AUTH_PROBLEM_INVALID_TOKEN,
    "with a Bearer challenge", "revoked", "" },
  { "dpop-bound-sent-as-bearer", 401,
    "DPoP error=\"invalid_token\", error_description=\"the access token is DPoP-bound\", "
    "algs=\"ES256\"", "Bearer t", NULL, 0, GRANT_AUTH_PROBLEM_WRONG_SCHEME, "DPoP challenge",
    "with the DPoP scheme, and it was sent with Bearer", "" },
  { "scheme-not-offered", 401, "DPoP algs=\"ES256\"", "Bearer t", NULL, 0,
    GRANT_AUTH_PROBLEM_WRONG_SCHEME, "with a DPoP challenge", "takes tokens with the DPoP "
    "scheme", "" },
  /* RFC 9449 §9 Figure 24 */
  { "dpop-nonce", 401, "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server "
    "requires nonce in DPoP proof\"", "DPoP t", NULL, 0, GRANT_AUTH_PROBLEM_DPOP_NONCE,
    "error “use_dpop_nonce”", "DPoP-Nonce", "" },
  /* RFC 9470 §3 */
  { "step-up-acr", 401, "Bearer error=\"insufficient_user_authentication\", "
    "error_description=\"A different authentication level is required\", acr_values=\"myACR\"",
    "Bearer t", NULL, 0, GRANT_AUTH_PROBLEM_STEP_UP, "acr_values “myACR”",
    "acr_values=myACR (RFC 9470)", "" },
  { "step-up-max-age", 401, "Bearer error=\"insufficient_user_authentication\", "
    "error_description=\"More recent authentication is required\", max_age=\"5\"", "Bearer t",
    NULL, 0, GRANT_AUTH_PROBLEM_STEP_UP, "max_age “5”", "at most 5 seconds before the request", "" },
  /* RFC 9449 §7.2 Figure 19 */
  { "invalid-request", 400, "Bearer error=\"invalid_request\", error_description=\"Multiple "
    "methods used to include access token\", DPoP algs=\"ES256 PS256\", "
    "error=\"invalid_request\", error_description=\"Multiple methods used to include access "
    "token\"", "Bearer t", NULL, 0, GRANT_AUTH_PROBLEM_INVALID_REQUEST,
    "Multiple methods used", "two ways at once", "" },
  { "forbidden", 403, NULL, "Bearer t", "a", 0, GRANT_AUTH_PROBLEM_FORBIDDEN,
    "The server answered 403.", "reasons of its own", "" },
  { "no-challenge", 401, NULL, "Bearer t", NULL, 0, GRANT_AUTH_PROBLEM_UNEXPLAINED,
    "without a WWW-Authenticate header", "without an error code", "" },
  { "malformed-challenge", 401, "Bearer realm=\"unclosed", "Bearer t", NULL, 0,
    GRANT_AUTH_PROBLEM_UNEXPLAINED, "cannot read. The WWW-Authenticate header is malformed",
    "without an error code", "" },
  { "unknown-error", 401, "Bearer error=\"token_on_fire\"", "Bearer t", NULL, 0,
    GRANT_AUTH_PROBLEM_UNEXPLAINED, "error “token_on_fire”", "not one of those", "" },
  { "success", 200, NULL, "Bearer t", NULL, 0, GRANT_AUTH_PROBLEM_NONE, "answered 200",
    "not refused", "" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GrantAuthDiagnosis) diagnosis = NULL;
  g_autofree char *missing = NULL;

  diagnosis = grant_auth_diagnosis_new (c->status, c->www_authenticate, c->authorization,
                                        c->token_scope, c->expires_in != 0 ? now + c->expires_in
                                                                           : -1);
  g_test_message ("said: %s", grant_auth_diagnosis_get_said (diagnosis));
  g_test_message ("cause: %s", grant_auth_diagnosis_get_cause (diagnosis));

  g_assert_cmpint (grant_auth_diagnosis_get_problem (diagnosis), ==, c->problem);
  g_assert_nonnull (strstr (grant_auth_diagnosis_get_said (diagnosis), c->said));
  g_assert_nonnull (strstr (grant_auth_diagnosis_get_cause (diagnosis), c->cause));
  missing = g_strjoinv (" ", (GStrv) grant_auth_diagnosis_get_missing_scopes (diagnosis));
  g_assert_cmpstr (missing, ==, c->missing);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/grant/auth-diagnosis/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  return g_test_run ();
}
