/* test-conformance.c
 * The OpenID Foundation's relying-party conformance cases, against an in-process provider
 * that misbehaves the way the suite's does, through Grant's real discovery, flows and checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cases are those of ../shared/testdata/oidc-rp-conformance.md, named by the old suite's
 * id, or the new suite's where the old one has none. Each runs as /grant/conformance/<case id>.
 * "Table" is the verdict the reference table gives (for REJECT, the check that must fail);
 * "Grant" is what Grant does.
 *
 *  §  case id                                            table              Grant
 *  1  rp-id_token-sig-rs256                              ACCEPT             ACCEPT
 *  1  rp-id_token-sig-es256                              ACCEPT             ACCEPT
 *  1  rp-id_token-sig-hs256                              ACCEPT             ACCEPT (HS256 registered)
 *  1  rp-id_token-bad-sig-rs256                          REJECT signature   REJECT signature
 *  1  rp-id_token-bad-sig-es256                          REJECT signature   REJECT signature
 *  1  rp-id_token-bad-sig-hs256                          REJECT signature   REJECT signature
 *  1  rp-id_token-sig-none                               REJECT (default)   REJECT alg, signature
 *  1  rp-id_token-issuer-mismatch                        REJECT iss         REJECT iss
 *  1  rp-id_token-aud                                    REJECT aud         REJECT aud
 *  1  oidcc-client-test-missing-aud                      REJECT aud         REJECT aud
 *  1  rp-id_token-iat                                    REJECT iat         REJECT iat
 *  1  rp-id_token-sub                                    REJECT sub         REJECT sub
 *  1  rp-id_token-kid-absent-single-jwks                 ACCEPT             ACCEPT
 *  1  rp-id_token-kid-absent-multiple-jwks               ACCEPT or REJECT   REJECT signature
 *  1  rp-id_token-bad-at_hash                            REJECT at_hash     REJECT at_hash
 *  1  rp-id_token-missing-at_hash                        REJECT at_hash     REJECT at_hash
 *  1  rp-id_token-bad-c_hash                             REJECT c_hash      REJECT c_hash
 *  1  rp-id_token-missing-c_hash                         REJECT c_hash      REJECT c_hash
 *  2  rp-nonce-invalid                                   REJECT nonce       REJECT nonce
 *  2  rp-nonce-unless-code-flow                          ACCEPT             ACCEPT
 *  3  rp-userinfo-bad-sub-claim                          REJECT sub         REJECT sub
 *  3  rp-userinfo-bearer-header                          ACCEPT             ACCEPT
 *  3  rp-userinfo-bearer-body                            ACCEPT             ACCEPT (in the body)
 *  3  rp-userinfo-sig                                    ACCEPT             ACCEPT
 *  4  rp-discovery-openid-configuration                  ACCEPT             ACCEPT
 *  4  rp-discovery-jwks_uri-keys                         ACCEPT             ACCEPT
 *  4  rp-discovery-issuer-not-matching-config            REJECT issuer      REJECT issuer
 *  4  oidcc-client-test-ignores-unparseable-key-in-jwks  ACCEPT             ACCEPT
 *  5  rp-key-rotation-op-sign-key                        ACCEPT both        ACCEPT both
 *  5  rp-key-rotation-op-sign-key-native                 ACCEPT             ACCEPT
 *  6  rp-token_endpoint-client_secret_basic              ACCEPT             ACCEPT
 *  6  rp-token_endpoint-client_secret_post               ACCEPT             ACCEPT
 *  6  rp-token_endpoint-client_secret_jwt                ACCEPT             ACCEPT
 *  6  rp-token_endpoint-private_key_jwt                  ACCEPT             ACCEPT
 *  7  rp-response_type-code                              ACCEPT             ACCEPT
 *  7  rp-response_type-id_token                          ACCEPT             ACCEPT
 *  7  rp-response_type-id_token+token                    ACCEPT             ACCEPT
 *  7  rp-response_type-code+id_token                     ACCEPT             ACCEPT
 *  7  rp-response_type-code+token                        ACCEPT             ACCEPT
 *  7  rp-response_type-code+id_token+token               ACCEPT             ACCEPT
 *  7  rp-response_mode-form_post                         ACCEPT             ACCEPT
 *  7  rp-response_mode-form_post-error                   the OAuth error    the OAuth error
 *
 *  rp-id_token-sig-hs256: HS256 ID tokens are MACed with the client secret (OpenID Connect
 *    Core §10.1); Grant accepts them only from a client that registered the algorithm
 *    (id_token_signed_response_alg), as the suite's client does.
 *  rp-id_token-kid-absent-multiple-jwks: either verdict passes; Grant refuses to guess.
 *
 * Out of scope:
 *  - rp-id_token-sig+enc, rp-id_token-sig+enc-a128kw, rp-userinfo-enc, rp-userinfo-sig+enc,
 *    rp-key-rotation-op-enc-key: JWE, which Grant does not implement.
 *  - rp-discovery-webfinger-acct, rp-discovery-webfinger-url, rp-discovery-webfinger-http-href,
 *    rp-discovery-webfinger-unknown-member: WebFinger, which Grant does not implement.
 *  - rp-scope-userinfo-claims: what claims come back, not how they are validated.
 *  - §8 (dynamic registration, request objects, claims requests, logout) and §9 (refresh
 *    tokens): features outside these flows.
 *
 * Where the reference table has ACCEPT, the flow must succeed with no failed check; where it
 * has REJECT, the flow must fail, and the check the table names must be the one that failed.
 * An ID token from the authorization endpoint beside a code is checked as the "Front-channel
 * ID token"; when it fails, the code must not reach the token endpoint.
 */

#include "config.h"

#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-check.h"
#include "grant-jose-error.h"
#include "grant-jws.h"
#include "grant-jwt-claims.h"
#include "grant-oauth-error.h"
#include "grant-test-async.h"
#include "grant-test-headless-user-agent.h"
#include "grant-test-op.h"
#include "grant-token-operations.h"

/* The relying party: one provider, found by discovery, and its registered client. */
typedef struct
{
  GrantTestOp     *op;
  GrantHttpClient *http_client;
  GrantProvider   *provider;
  GrantClient     *client;
  GrantUserAgent  *user_agent;
} Rp;

static void
rp_free (Rp *rp)
{
  g_clear_object (&rp->user_agent);
  g_clear_object (&rp->client);
  g_clear_object (&rp->provider);
  g_clear_object (&rp->http_client);
  g_clear_pointer (&rp->op, grant_test_op_free);
  g_free (rp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rp, rp_free)

static GrantProvider *
discover (GrantHttpClient  *http_client,
          const char       *issuer,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;

  grant_provider_metadata_discover_async (http_client, issuer, NULL, grant_test_async_result_cb,
                                          &result);
  metadata = grant_provider_metadata_discover_finish (grant_test_async_wait (&result), error);

  return metadata != NULL ? grant_provider_new_from_metadata (metadata) : NULL;
}

static GrantClient *
client_new (const char *auth_method,
            const char *client_secret)
{
  GrantClient *client = grant_client_new (GRANT_TEST_OP_CLIENT_ID);
  GrantClientAuthMethod method = GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC;

  if (auth_method != NULL)
    g_assert_true (grant_client_auth_method_from_string (auth_method, &method));
  grant_client_set_token_endpoint_auth_method (client, method);
  grant_client_set_client_secret (client, client_secret);
  grant_client_set_redirect_uri (client, GRANT_TEST_OP_REDIRECT_URI);
  grant_client_set_scope (client, "openid profile email");

  return client;
}

/* Starts a provider that misbehaves as @config says, and discovers it. */
static Rp *
rp_new (const GrantTestOpConfig *config)
{
  Rp *rp = g_new0 (Rp, 1);
  g_autoptr(GError) error = NULL;

  rp->op = grant_test_op_new (config);
  rp->http_client = grant_http_client_new (NULL);
  rp->provider = discover (rp->http_client, grant_test_op_get_issuer (rp->op), &error);
  g_assert_no_error (error);
  rp->client = client_new (config != NULL ? config->token_endpoint_auth_method : NULL,
                           GRANT_TEST_OP_CLIENT_SECRET);
  rp->user_agent = grant_test_headless_user_agent_new ();

  return rp;
}

static GrantFlow *
rp_new_flow (Rp         *rp,
             const char *response_type)
{
  GrantFlow *flow = grant_authorization_code_flow_new (rp->provider, rp->client, rp->http_client,
                                                       rp->user_agent);

  grant_authorization_code_flow_set_response_type (GRANT_AUTHORIZATION_CODE_FLOW (flow),
                                                   response_type);

  return flow;
}

static GrantTokenResponse *
run_flow (GrantFlow  *flow,
          GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);

  return grant_flow_run_finish (flow, grant_test_async_wait (&result), error);
}

static GListModel *
checks_of (GrantFlow *flow)
{
  return grant_authorization_code_flow_get_checks (GRANT_AUTHORIZATION_CODE_FLOW (flow));
}

static GrantCheck *
find_check (GrantFlow  *flow,
            const char *name)
{
  GrantCheck *check = grant_checks_find (checks_of (flow), name);

  if (check == NULL)
    g_error ("The flow made no check named “%s”", name);

  return check;
}

static void
log_checks (GrantFlow *flow)
{
  GListModel *checks = checks_of (flow);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      g_test_message ("%s %s: %s",
                      grant_check_get_status (check) == GRANT_CHECK_PASSED ? "✓"
                      : grant_check_get_status (check) == GRANT_CHECK_FAILED ? "✗" : "–",
                      grant_check_get_name (check), grant_check_get_reason (check));
    }
}

static gboolean
response_type_has (const char *response_type,
                   const char *part)
{
  g_auto(GStrv) parts = g_strsplit (response_type, " ", -1);

  return g_strv_contains ((const char * const *) parts, part);
}

/* The flow calls an ID token from the authorization endpoint beside a code the "Front-channel
 * ID token", to tell its checks from those of the token endpoint's. */
static char *
id_token_check (const char *response_type,
                const char *check)
{
  gboolean front = response_type_has (response_type, "code")
                   && response_type_has (response_type, "id_token");

  return g_strconcat (front ? "Front-channel ID token " : "ID token ", check, NULL);
}

/* ACCEPT: tokens, no failed check, and the signature verified. */
static void
assert_accepted (GrantFlow          *flow,
                 const char         *response_type,
                 GrantTokenResponse *response,
                 const GError       *error)
{
  g_autofree char *signature = id_token_check (response_type, "signature");

  log_checks (flow);
  g_assert_no_error (error);
  g_assert_nonnull (response);
  g_assert_nonnull (grant_token_response_get_id_token (response));
  g_assert_true (grant_checks_all_pass (checks_of (flow)));
  g_assert_cmpint (grant_check_get_status (find_check (flow, "state")), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (grant_check_get_status (find_check (flow, "iss")), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (grant_check_get_status (find_check (flow, signature)), ==, GRANT_CHECK_PASSED);
  if (response_type_has (response_type, "code"))
    g_assert_cmpint (grant_check_get_status (find_check (flow, "ID token signature")), ==,
                     GRANT_CHECK_PASSED);
}

/* REJECT: no tokens handed over, and @check_name is a failed check the error names. */
static void
assert_rejected (GrantFlow          *flow,
                 const char         *check_name,
                 GrantTokenResponse *response,
                 const GError       *error)
{
  log_checks (flow);
  g_assert_null (response);
  g_assert_nonnull (error);
  g_test_message ("Rejected: %s", error->message);
  g_assert_true (g_error_matches (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ID_TOKEN_INVALID)
                 || g_error_matches (error, GRANT_OAUTH_ERROR,
                                     GRANT_OAUTH_ERROR_INVALID_RESPONSE));
  g_assert_cmpint (grant_check_get_status (find_check (flow, check_name)), ==,
                   GRANT_CHECK_FAILED);
  g_assert_nonnull (strstr (error->message, check_name));
}

static GrantJwtClaims *
id_token_claims (GrantTokenResponse *response,
                 GrantJws          **jws_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJws) jws = grant_jws_parse (grant_token_response_get_id_token (response), -1,
                                             &error);
  GrantJwtClaims *claims;

  g_assert_no_error (error);
  claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), &error);
  g_assert_no_error (error);
  if (jws_out != NULL)
    *jws_out = g_steal_pointer (&jws);

  return claims;
}

static char *
id_token_kid (GrantTokenResponse *response)
{
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwtClaims) claims = id_token_claims (response, &jws);

  return g_strdup (grant_jws_get_kid (jws));
}

static guint
count_exchanges (Rp         *rp,
                 const char *title)
{
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (rp->http_client));
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);

      if (g_str_equal (grant_exchange_get_title (exchange), title))
        count++;
    }

  return count;
}

static GrantExchange *
last_exchange (Rp         *rp,
               const char *title)
{
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (rp->http_client));

  for (guint i = g_list_model_get_n_items (log); i > 0; i--)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i - 1);

      if (g_str_equal (grant_exchange_get_title (exchange), title))
        return g_steal_pointer (&exchange);
    }

  g_error ("The log has no exchange “%s”", title);
}

/* §1, §2: ID-token validation and the nonce, as cases. */

/* The response types a case runs with: the token endpoint's ID token, the implicit one, and
 * the hybrid front channel's. */
#define ID_TOKEN_RESPONSE_TYPES { "code", "id_token", "code id_token" }

typedef struct
{
  GrantTestOpConfig  op;
  const char        *response_types[3];
  const char        *failed_check;  /* the check that fails, or NULL when the token is accepted */
  const char        *also_failed;   /* another check that must fail with it, or NULL */
  const char        *reason;        /* words the failed check's reason must have, or NULL */
} IdTokenCase;

/* "Issues a valid RS256-signed ID Token; key is in jwks_uri": ACCEPT after full ID Token
 * validation. */
static const IdTokenCase sig_rs256 = {
  .response_types = ID_TOKEN_RESPONSE_TYPES,
};

/* "Valid ES256-signed ID Token": ACCEPT. */
static const IdTokenCase sig_es256 = {
  .op = { .id_token_alg = "ES256" },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
};

/* "Valid HS256 ID Token (MAC key = client_secret, OIDC Core §10.1)": ACCEPT. */
static const IdTokenCase sig_hs256 = {
  .op = { .id_token_alg = "HS256" },
  .response_types = { "code" },
};

/* "RS256 ID Token whose signature bytes are all XORed with 0x5A": REJECT. */
static const IdTokenCase bad_sig_rs256 = {
  .op = { .bad_signature = TRUE },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "signature",
};

/* "Same, ES256 (discovery advertises ES256 only)": REJECT. */
static const IdTokenCase bad_sig_es256 = {
  .op = { .id_token_alg = "ES256", .bad_signature = TRUE },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "signature",
};

/* "Same, HS256 with client_secret as key": REJECT: the client registered HS256, so the MAC
 * is computed with its secret and does not match. */
static const IdTokenCase bad_sig_hs256 = {
  .op = { .id_token_alg = "HS256", .bad_signature = TRUE },
  .response_types = { "code" },
  .failed_check = "signature",
};

/* "Code flow only: ID Token with alg=none and empty signature, returned from the token
 * endpoint": the table lets the new suite pass either way, and says a workbench should
 * REJECT none by default. */
static const IdTokenCase sig_none = {
  .op = { .id_token_alg = "none" },
  .response_types = { "code" },
  .failed_check = "alg",
  .also_failed = "signature",
  .reason = "unsecured",
};

/* "iss = the real issuer with "1" appended": REJECT, iss must equal the issuer exactly. */
static const IdTokenCase issuer_mismatch = {
  .op = { .issuer_mismatch = TRUE },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "iss",
};

/* "aud = client_id with "1" appended": REJECT, aud must contain client_id. */
static const IdTokenCase aud_mismatch = {
  .op = { .aud_mismatch = TRUE },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "aud",
};

/* "aud claim removed": REJECT. */
static const IdTokenCase aud_missing = {
  .op = { .omit_aud = TRUE },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "aud",
};

/* "iat claim removed": REJECT (iat is REQUIRED). */
static const IdTokenCase iat_missing = {
  .op = { .omit_iat = TRUE },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "iat",
};

/* "sub claim removed": REJECT. */
static const IdTokenCase sub_missing = {
  .op = { .omit_sub = TRUE },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "sub",
};

/* "RS256 ID Token with no kid. The JWKS has no kids and no algs: one RSA, one EC P-256, one
 * EC secp256k1 and one OKP signing key": ACCEPT, with the one key whose kty fits. */
static const IdTokenCase kid_absent_single = {
  .op = { .jwks_shape = GRANT_TEST_OP_JWKS_SINGLE_NO_KID },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
};

/* "RS256 ID Token with no kid. The JWKS holds 3 RSA + 3 P-256 + 3 secp256k1 + 3 OKP keys, none
 * with a kid": either REJECT or try every RSA key and ACCEPT. Grant rejects: it does not guess
 * among keys that fit. */
static const IdTokenCase kid_absent_multiple = {
  .op = { .jwks_shape = GRANT_TEST_OP_JWKS_MULTIPLE_NO_KID },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "signature",
  .reason = "3 keys of the set could check this RS256 token",
};

/* "at_hash = correct value with "1" appended (id_token token / code id_token token)":
 * REJECT. */
static const IdTokenCase bad_at_hash = {
  .op = { .bad_at_hash = TRUE },
  .response_types = { "id_token token", "code id_token token" },
  .failed_check = "at_hash",
};

/* "at_hash omitted when an access token comes back from the authorization endpoint": REJECT
 * (OIDC Core §3.2.2.10). */
static const IdTokenCase missing_at_hash = {
  .op = { .omit_at_hash = TRUE },
  .response_types = { "id_token token", "code id_token token" },
  .failed_check = "at_hash",
};

/* "c_hash = correct value with "1" appended (hybrid flow)": REJECT, and do not redeem the
 * code. */
static const IdTokenCase bad_c_hash = {
  .op = { .bad_c_hash = TRUE },
  .response_types = { "code id_token", "code id_token token" },
  .failed_check = "c_hash",
};

/* "c_hash omitted from the front-channel ID Token in the hybrid flow": REJECT. */
static const IdTokenCase missing_c_hash = {
  .op = { .omit_c_hash = TRUE },
  .response_types = { "code id_token", "code id_token token" },
  .failed_check = "c_hash",
};

/* "ID Token nonce = the nonce the RP sent with "1" appended": REJECT. */
static const IdTokenCase nonce_invalid = {
  .op = { .nonce_mismatch = TRUE },
  .response_types = ID_TOKEN_RESPONSE_TYPES,
  .failed_check = "nonce",
};

static void
test_id_token_case (gconstpointer data)
{
  const IdTokenCase *test_case = data;
  g_autoptr(Rp) rp = rp_new (&test_case->op);

  /* OpenID Connect Core §10.1: HS* ID tokens are for a client that registered the
   * algorithm (id_token_signed_response_alg); Grant accepts them only then. */
  if (g_strcmp0 (test_case->op.id_token_alg, "HS256") == 0)
    grant_client_set_id_token_signed_response_alg (rp->client, "HS256");

  for (guint i = 0; i < G_N_ELEMENTS (test_case->response_types); i++)
    {
      const char *response_type = test_case->response_types[i];
      g_autoptr(GrantFlow) flow = NULL;
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *failed = NULL;
      g_autofree char *also_failed = NULL;
      guint n_token_requests = grant_test_op_get_n_token_requests (rp->op);

      if (response_type == NULL)
        break;

      g_test_message ("response_type “%s”", response_type);
      flow = rp_new_flow (rp, response_type);
      response = run_flow (flow, &error);

      if (test_case->failed_check == NULL)
        {
          assert_accepted (flow, response_type, response, error);
          continue;
        }

      failed = id_token_check (response_type, test_case->failed_check);
      assert_rejected (flow, failed, response, error);
      if (test_case->reason != NULL)
        g_assert_nonnull (strstr (grant_check_get_reason (find_check (flow, failed)),
                                  test_case->reason));
      if (test_case->also_failed != NULL)
        {
          also_failed = id_token_check (response_type, test_case->also_failed);
          g_assert_cmpint (grant_check_get_status (find_check (flow, also_failed)), ==,
                           GRANT_CHECK_FAILED);
        }

      /* A front-channel ID token that fails its checks means its code is not redeemed. */
      if (g_str_has_prefix (failed, "Front-channel"))
        g_assert_cmpuint (grant_test_op_get_n_token_requests (rp->op), ==, n_token_requests);
    }
}

/* "Checks that the authorization request carries nonce (implicit/hybrid) and echoes it": the
 * RP MUST send nonce in implicit and hybrid flows and MUST check that the ID Token carries the
 * same value. The provider here refuses a request without one. */
static void
test_nonce_unless_code_flow (void)
{
  static const char * const response_types[] = {
    "id_token", "id_token token", "code id_token", "code token", "code id_token token",
  };
  GrantTestOpConfig config = { .require_nonce = TRUE };
  g_autoptr(Rp) rp = rp_new (&config);

  for (guint i = 0; i < G_N_ELEMENTS (response_types); i++)
    {
      g_autoptr(GrantFlow) flow = rp_new_flow (rp, response_types[i]);
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *nonce_check = id_token_check (response_types[i], "nonce");
      const char *nonce;

      g_test_message ("response_type “%s”", response_types[i]);
      response = run_flow (flow, &error);
      assert_accepted (flow, response_types[i], response, error);

      nonce = grant_authorization_code_flow_get_nonce (GRANT_AUTHORIZATION_CODE_FLOW (flow));
      g_assert_nonnull (nonce);
      g_assert_cmpstr (grant_test_op_get_last_nonce (rp->op), ==, nonce);
      g_assert_cmpint (grant_check_get_status (find_check (flow, nonce_check)), ==,
                       GRANT_CHECK_PASSED);
    }
}

/* §3: UserInfo. */

static GrantTokenResponse *
run_code_flow (Rp *rp)
{
  g_autoptr(GrantFlow) flow = rp_new_flow (rp, "code");
  g_autoptr(GError) error = NULL;
  GrantTokenResponse *response = run_flow (flow, &error);

  assert_accepted (flow, "code", response, error);

  return response;
}

/* UserInfo as a relying party calls it: with the access token, expecting the ID token's
 * sub. */
static JsonObject *
fetch_userinfo_placed (Rp                   *rp,
                       GrantTokenResponse   *response,
                       GrantBearerPlacement  placement,
                       GrantUserinfoForm    *form,
                       GError              **error)
{
  g_autoptr(GrantJwtClaims) claims = id_token_claims (response, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  grant_userinfo_fetch_async (rp->provider, rp->client, rp->http_client, NULL,
                              grant_token_response_get_access_token (response), placement,
                              grant_jwt_claims_get_string (claims, "sub"), NULL,
                              grant_test_async_result_cb, &result);

  return grant_userinfo_fetch_finish (grant_test_async_wait (&result), form, error);
}

static JsonObject *
fetch_userinfo (Rp                 *rp,
                GrantTokenResponse *response,
                GrantUserinfoForm  *form,
                GError            **error)
{
  return fetch_userinfo_placed (rp, response, GRANT_BEARER_IN_HEADER, form, error);
}

/* "UserInfo sub = the ID Token sub with "invalid" appended": REJECT the UserInfo response
 * (OIDC Core §5.3.2). */
static void
test_userinfo_bad_sub_claim (void)
{
  GrantTestOpConfig config = { .userinfo_bad_sub = TRUE };
  g_autoptr(Rp) rp = rp_new (&config);
  g_autoptr(GrantTokenResponse) response = run_code_flow (rp);
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;

  claims = fetch_userinfo (rp, response, NULL, &error);
  g_assert_null (claims);
  g_test_message ("Rejected: %s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, GRANT_TEST_OP_SUB "invalid"));
  g_assert_nonnull (strstr (error->message, "§5.3.2"));
}

/* "Expects Authorization: Bearer <AT> at UserInfo (RFC 6750 §2.1)": send the token in the
 * header; ACCEPT the response. */
static void
test_userinfo_bearer_header (void)
{
  g_autoptr(Rp) rp = rp_new (NULL);
  g_autoptr(GrantTokenResponse) response = run_code_flow (rp);
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;
  GrantUserinfoForm form = GRANT_USERINFO_SIGNED;

  claims = fetch_userinfo (rp, response, &form, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_test_op_get_userinfo_bearer (rp->op), ==, "header");
  g_assert_cmpint (form, ==, GRANT_USERINFO_PLAIN);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, GRANT_TEST_OP_SUB);
  g_assert_cmpstr (json_object_get_string_member (claims, "name"), ==, "Conformance User");
}

/* "Expects a form-encoded access_token body parameter (RFC 6750 §2.2)": send it in the body;
 * ACCEPT. */
static void
test_userinfo_bearer_body (void)
{
  GrantTestOpConfig config = { .userinfo_bearer_body = TRUE };
  g_autoptr(Rp) rp = rp_new (&config);
  g_autoptr(GrantTokenResponse) response = run_code_flow (rp);
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(GError) error = NULL;

  /* In the header, this provider refuses it. */
  refused = fetch_userinfo (rp, response, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_SERVER);
  g_clear_error (&error);

  claims = fetch_userinfo_placed (rp, response, GRANT_BEARER_IN_BODY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);
  g_assert_cmpstr (grant_test_op_get_userinfo_bearer (rp->op), ==, "body");
}

/* "UserInfo returned as a signed JWT (userinfo_signed_response_alg=RS256)": verify the
 * signature with the OP's JWKS (plus iss/aud when present), then ACCEPT. */
static void
test_userinfo_sig (void)
{
  GrantTestOpConfig config = { .userinfo_signed = TRUE };
  g_autoptr(Rp) rp = rp_new (&config);
  g_autoptr(GrantTokenResponse) response = run_code_flow (rp);
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;
  GrantUserinfoForm form = GRANT_USERINFO_PLAIN;

  claims = fetch_userinfo (rp, response, &form, &error);
  g_assert_no_error (error);
  g_assert_cmpint (form, ==, GRANT_USERINFO_SIGNED);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, GRANT_TEST_OP_SUB);
  g_assert_cmpstr (json_object_get_string_member (claims, "iss"), ==,
                   grant_test_op_get_issuer (rp->op));
  g_assert_cmpstr (json_object_get_string_member (claims, "aud"), ==, GRANT_TEST_OP_CLIENT_ID);
}

/* §4: discovery and the key set. */

/* "Serves /.well-known/openid-configuration": fetch it and use its endpoints. */
static void
test_discovery_openid_configuration (void)
{
  g_autoptr(Rp) rp = rp_new (NULL);
  g_autoptr(GrantExchange) discovery = NULL;
  g_autoptr(GrantExchange) token_request = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autofree char *well_known = g_strconcat (grant_test_op_get_issuer (rp->op),
                                             "/.well-known/openid-configuration", NULL);

  discovery = last_exchange (rp, "Discovery");
  g_assert_cmpstr (grant_http_request_get_uri (grant_exchange_get_request (discovery)), ==,
                   well_known);
  g_assert_cmpstr (grant_provider_get_issuer (rp->provider), ==,
                   grant_test_op_get_issuer (rp->op));
  g_assert_cmpstr (grant_provider_get_endpoint (rp->provider, "token_endpoint", FALSE), ==,
                   grant_test_op_get_token_endpoint (rp->op));

  response = run_code_flow (rp);
  token_request = last_exchange (rp, "Token request");
  g_assert_cmpstr (grant_http_request_get_uri (grant_exchange_get_request (token_request)), ==,
                   grant_test_op_get_token_endpoint (rp->op));
}

/* "jwks_uri is a random, per-run URL that can only be learned from the discovery document":
 * fetch the JWKS from the discovered jwks_uri and verify with those keys. */
static void
test_discovery_jwks_uri_keys (void)
{
  g_autoptr(Rp) rp = rp_new (NULL);
  g_autoptr(GrantTokenResponse) response = run_code_flow (rp);
  g_autoptr(GrantExchange) jwks = last_exchange (rp, "Key set (JWKS)");

  g_assert_true (g_str_has_prefix (grant_test_op_get_jwks_uri (rp->op),
                                   grant_test_op_get_issuer (rp->op)));
  g_assert_nonnull (strstr (grant_test_op_get_jwks_uri (rp->op), "/jwks/"));
  g_assert_cmpstr (grant_http_request_get_uri (grant_exchange_get_request (jwks)), ==,
                   grant_test_op_get_jwks_uri (rp->op));
  g_assert_cmpuint (grant_test_op_get_n_jwks_requests (rp->op), ==, 1);
}

/* "issuer in the discovery document = the real issuer with "INVALID" appended": REJECT the
 * provider configuration (OIDC Discovery §4.3). */
static void
test_discovery_issuer_not_matching_config (void)
{
  GrantTestOpConfig config = { .discovery_issuer_mismatch = TRUE };
  g_autoptr(GrantTestOp) op = grant_test_op_new (&config);
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *named = g_strdup_printf ("“%sINVALID”", grant_test_op_get_issuer (op));

  provider = discover (http_client, grant_test_op_get_issuer (op), &error);
  g_assert_null (provider);
  g_test_message ("Rejected: %s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_ISSUER_MISMATCH);
  g_assert_nonnull (strstr (error->message, named));
}

/* "The JWKS also holds keys the RP cannot parse (kty=AKP with a made-up ML-DSA parameter set,
 * and a made-up kty), each with its own kid": ACCEPT, ignoring the unusable keys. */
static void
test_ignores_unparseable_key_in_jwks (void)
{
  GrantTestOpConfig config = { .jwks_unparseable_keys = TRUE };
  g_autoptr(Rp) rp = rp_new (&config);
  g_autoptr(GrantTokenResponse) response = run_code_flow (rp);
  GrantJwks *jwks = grant_provider_get_cached_jwks (rp->provider);
  const char * const *ignored;

  g_assert_nonnull (jwks);
  ignored = grant_jwks_get_ignored (jwks);
  for (guint i = 0; ignored[i] != NULL; i++)
    g_test_message ("Ignored: %s", ignored[i]);
  g_assert_cmpuint (g_strv_length ((GStrv) ignored), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jwks)), ==, 2);
}

/* §5: key rotation. */

/* "Rotates its signing key after the first ID Token; the second ID Token has a new kid": on an
 * unknown kid, re-fetch jwks_uri (once, rate-limited), then verify and ACCEPT both tokens. */
static void
test_key_rotation_op_sign_key (void)
{
  GrantTestOpConfig config = { .rotate_after_first_id_token = TRUE };
  g_autoptr(Rp) rp = rp_new (&config);
  g_autoptr(GrantTokenResponse) first = NULL;
  g_autoptr(GrantTokenResponse) second = NULL;
  g_autoptr(GrantTokenResponse) third = NULL;
  g_autofree char *first_kid = NULL;
  g_autofree char *second_kid = NULL;
  g_autofree char *third_kid = NULL;

  first = run_code_flow (rp);
  first_kid = id_token_kid (first);
  g_assert_cmpuint (count_exchanges (rp, "Key set (JWKS)"), ==, 1);

  /* The second flow shares the provider, so the key set it has cached lacks the new kid. */
  second = run_code_flow (rp);
  second_kid = id_token_kid (second);
  g_assert_cmpstr (first_kid, !=, second_kid);
  g_assert_cmpuint (count_exchanges (rp, "Key set (JWKS)"), ==, 2);

  /* The key set fetched again has the new kid: no more fetches for it. */
  third = run_code_flow (rp);
  third_kid = id_token_kid (third);
  g_assert_cmpstr (third_kid, ==, second_kid);
  g_assert_cmpuint (count_exchanges (rp, "Key set (JWKS)"), ==, 2);
  g_assert_cmpuint (grant_test_op_get_n_jwks_requests (rp->op), ==, 2);
}

/* "Rotates keys just before signing the first ID Token, so a cached JWKS is already stale":
 * re-fetch the JWKS on an unknown kid, then ACCEPT. */
static void
test_key_rotation_op_sign_key_native (void)
{
  GrantTestOpConfig config = { .rotate_before_first_id_token = TRUE };
  g_autoptr(Rp) rp = rp_new (&config);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantJwks) stale = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kid = NULL;

  /* A relying party that fetched the key set before it ever saw a token. */
  grant_provider_get_jwks_async (rp->provider, rp->http_client, NULL, NULL,
                                 grant_test_async_result_cb, &result);
  stale = grant_provider_get_jwks_finish (rp->provider, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_exchanges (rp, "Key set (JWKS)"), ==, 1);

  response = run_code_flow (rp);
  kid = id_token_kid (response);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stale)); i++)
    {
      g_autoptr(GrantJwk) key = g_list_model_get_item (G_LIST_MODEL (stale), i);

      g_assert_cmpstr (grant_jwk_get_kid (key), !=, kid);
    }
  g_assert_cmpuint (count_exchanges (rp, "Key set (JWKS)"), ==, 2);
  g_assert_cmpuint (grant_test_op_get_n_jwks_requests (rp->op), ==, 2);
}

/* §6: the token endpoint's client authentication. The test's data is the method. */

/* rp-token_endpoint-client_secret_basic: "Send Authorization: Basic
 *   base64(urlencode(client_id):urlencode(client_secret)) (RFC 6749 §2.3.1), get tokens".
 * rp-token_endpoint-client_secret_post: "Send them in the body".
 * rp-token_endpoint-client_secret_jwt: "client_assertion_type=…jwt-bearer and an assertion
 *   with iss=sub=client_id, aud=token endpoint, jti, exp", HS256 with the secret.
 * rp-token_endpoint-private_key_jwt: "Same claims, signed with an asymmetric key".
 * All ACCEPT; and, so that the provider's checks are known to bite, a client with the wrong
 * secret or key is refused. */
static void
test_client_auth (gconstpointer data)
{
  const char *method = data;
  gboolean with_key = g_str_equal (method, "private_key_jwt");
  g_autoptr(GrantJwk) private_key = NULL;
  g_autoptr(GrantJwk) public_key = NULL;
  g_autoptr(GrantJwk) wrong_key = NULL;
  g_autoptr(JsonObject) public_json = NULL;
  g_autoptr(GError) error = NULL;
  GrantTestOpConfig config = { .token_endpoint_auth_method = method };
  g_autoptr(Rp) rp = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) token_request = NULL;
  g_autoptr(GrantClient) impostor = NULL;
  g_autoptr(GrantFlow) refused = NULL;
  g_autoptr(GrantTokenResponse) no_response = NULL;
  g_autoptr(GError) refusal = NULL;
  GrantHttpRequest *request;

  if (with_key)
    {
      private_key = grant_jwk_generate ("ES256", &error);
      g_assert_no_error (error);
      public_json = grant_jwk_to_json (private_key, FALSE);
      public_key = grant_jwk_new_from_json (public_json, &error);
      g_assert_no_error (error);
      config.client_public_key = public_key;
    }

  rp = rp_new (&config);
  if (with_key)
    grant_client_set_private_key (rp->client, private_key);

  response = run_code_flow (rp);
  g_assert_cmpstr (grant_test_op_get_client_auth_used (rp->op), ==, method);
  token_request = last_exchange (rp, "Token request");
  request = grant_exchange_get_request (token_request);
  if (g_str_equal (method, "client_secret_basic"))
    {
      g_assert_true (g_str_has_prefix (grant_http_request_get_header (request, "Authorization"),
                                       "Basic "));
      g_assert_null (grant_http_request_get_form_field (request, "client_secret"));
    }
  else
    {
      g_assert_null (grant_http_request_get_header (request, "Authorization"));
    }

  impostor = client_new (method, "not the secret, but long enough for HS256 0123456789");
  if (with_key)
    {
      wrong_key = grant_jwk_generate ("ES256", &error);
      g_assert_no_error (error);
      grant_client_set_private_key (impostor, wrong_key);
    }
  refused = grant_authorization_code_flow_new (rp->provider, impostor, rp->http_client,
                                               rp->user_agent);
  no_response = run_flow (refused, &refusal);
  g_assert_null (no_response);
  g_test_message ("The impostor: %s", refusal->message);
  g_assert_error (refusal, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_CLIENT);
}

/* §7: response types and modes. The test's data is the response type. */

/* rp-response_type-code: "Normal code flow". rp-response_type-id_token: "Implicit id_token".
 * rp-response_type-id_token+token: "Implicit id_token token". rp-response_type-code+id_token,
 * rp-response_type-code+token, rp-response_type-code+id_token+token: the hybrid ones. Each:
 * complete the flow (ACCEPT), with the response in the query for code and in the fragment for
 * the others, and the code redeemed exactly when there is one. */
static void
test_response_type (gconstpointer data)
{
  const char *response_type = data;
  g_autoptr(Rp) rp = rp_new (NULL);
  g_autoptr(GrantFlow) flow = rp_new_flow (rp, response_type);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autoptr(GError) error = NULL;
  gboolean code = response_type_has (response_type, "code");
  const char *callback_url;

  response = run_flow (flow, &error);
  assert_accepted (flow, response_type, response, error);

  callback = last_exchange (rp, "Authorization response");
  callback_url = grant_http_request_get_uri (grant_exchange_get_request (callback));
  g_assert_true (g_str_has_prefix (callback_url, GRANT_TEST_OP_REDIRECT_URI));
  g_assert_cmpint (callback_url[strlen (GRANT_TEST_OP_REDIRECT_URI)], ==,
                   g_str_equal (response_type, "code") ? '?' : '#');

  g_assert_cmpuint (grant_test_op_get_n_token_requests (rp->op), ==, code ? 1 : 0);
  if (code)
    g_assert_cmpint (grant_check_get_status (find_check (flow, "PKCE")), ==,
                     GRANT_CHECK_PASSED);
  if (code || response_type_has (response_type, "token"))
    g_assert_nonnull (grant_token_response_get_access_token (response));
  else
    g_assert_null (grant_token_response_get_access_token (response));
}

/* rp-response_mode-form_post: "Returns the response as an auto-submitted HTML form POST":
 * parse the POSTed parameters, and complete the flow. */
static void
test_form_post (void)
{
  g_autoptr(Rp) rp = rp_new (NULL);
  g_autoptr(GrantFlow) flow = rp_new_flow (rp, "code");
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autoptr(GError) error = NULL;

  grant_authorization_code_flow_set_response_mode (GRANT_AUTHORIZATION_CODE_FLOW (flow),
                                                   "form_post");
  response = run_flow (flow, &error);
  assert_accepted (flow, "code", response, error);

  callback = last_exchange (rp, "Authorization response");
  g_assert_cmpstr (grant_http_request_get_method (grant_exchange_get_request (callback)), ==,
                   "POST");
  g_assert_cmpstr (grant_http_request_get_uri (grant_exchange_get_request (callback)), ==,
                   GRANT_TEST_OP_REDIRECT_URI);
}

/* rp-response_mode-form_post-error: "Request has prompt=none and max_age=0, so the OP returns
 * an error by form_post": parse the OAuth error (error, error_description, state) and show
 * it; do not treat it as success. */
static void
test_form_post_error (void)
{
  g_autoptr(Rp) rp = rp_new (NULL);
  g_autoptr(GrantFlow) flow = rp_new_flow (rp, "code");
  GrantAuthorizationCodeFlow *code_flow = GRANT_AUTHORIZATION_CODE_FLOW (flow);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  grant_authorization_code_flow_set_response_mode (code_flow, "form_post");
  grant_authorization_code_flow_set_parameter (code_flow, "prompt", "none");
  grant_authorization_code_flow_set_parameter (code_flow, "max_age", "0");
  response = run_flow (flow, &error);
  log_checks (flow);
  g_assert_null (response);
  g_test_message ("%s", error->message);
  /* login_required is OpenID Connect's own code, which GrantOAuthError has no name for. */
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_OTHER);
  g_assert_nonnull (strstr (error->message, "login_required"));
  g_assert_nonnull (strstr (error->message, "prompt=none forbids asking"));
  g_assert_cmpint (grant_check_get_status (find_check (flow, "state")), ==, GRANT_CHECK_PASSED);
  g_assert_cmpuint (grant_test_op_get_n_token_requests (rp->op), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* §1: ID token. */
  g_test_add_data_func ("/grant/conformance/rp-id_token-sig-rs256", &sig_rs256,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-sig-es256", &sig_es256,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-sig-hs256", &sig_hs256,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-bad-sig-rs256", &bad_sig_rs256,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-bad-sig-es256", &bad_sig_es256,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-bad-sig-hs256", &bad_sig_hs256,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-sig-none", &sig_none,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-issuer-mismatch", &issuer_mismatch,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-aud", &aud_mismatch,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/oidcc-client-test-missing-aud", &aud_missing,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-iat", &iat_missing,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-sub", &sub_missing,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-kid-absent-single-jwks",
                        &kid_absent_single, test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-kid-absent-multiple-jwks",
                        &kid_absent_multiple, test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-bad-at_hash", &bad_at_hash,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-missing-at_hash", &missing_at_hash,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-bad-c_hash", &bad_c_hash,
                        test_id_token_case);
  g_test_add_data_func ("/grant/conformance/rp-id_token-missing-c_hash", &missing_c_hash,
                        test_id_token_case);

  /* §2: nonce. */
  g_test_add_data_func ("/grant/conformance/rp-nonce-invalid", &nonce_invalid,
                        test_id_token_case);
  g_test_add_func ("/grant/conformance/rp-nonce-unless-code-flow", test_nonce_unless_code_flow);

  /* §3: UserInfo. */
  g_test_add_func ("/grant/conformance/rp-userinfo-bad-sub-claim", test_userinfo_bad_sub_claim);
  g_test_add_func ("/grant/conformance/rp-userinfo-bearer-header", test_userinfo_bearer_header);
  g_test_add_func ("/grant/conformance/rp-userinfo-bearer-body", test_userinfo_bearer_body);
  g_test_add_func ("/grant/conformance/rp-userinfo-sig", test_userinfo_sig);

  /* §4: discovery and JWKS. */
  g_test_add_func ("/grant/conformance/rp-discovery-openid-configuration",
                   test_discovery_openid_configuration);
  g_test_add_func ("/grant/conformance/rp-discovery-jwks_uri-keys", test_discovery_jwks_uri_keys);
  g_test_add_func ("/grant/conformance/rp-discovery-issuer-not-matching-config",
                   test_discovery_issuer_not_matching_config);
  g_test_add_func ("/grant/conformance/oidcc-client-test-ignores-unparseable-key-in-jwks",
                   test_ignores_unparseable_key_in_jwks);

  /* §5: key rotation. */
  g_test_add_func ("/grant/conformance/rp-key-rotation-op-sign-key",
                   test_key_rotation_op_sign_key);
  g_test_add_func ("/grant/conformance/rp-key-rotation-op-sign-key-native",
                   test_key_rotation_op_sign_key_native);

  /* §6: token endpoint and client authentication. */
  g_test_add_data_func ("/grant/conformance/rp-token_endpoint-client_secret_basic",
                        "client_secret_basic", test_client_auth);
  g_test_add_data_func ("/grant/conformance/rp-token_endpoint-client_secret_post",
                        "client_secret_post", test_client_auth);
  g_test_add_data_func ("/grant/conformance/rp-token_endpoint-client_secret_jwt",
                        "client_secret_jwt", test_client_auth);
  g_test_add_data_func ("/grant/conformance/rp-token_endpoint-private_key_jwt",
                        "private_key_jwt", test_client_auth);

  /* §7: response types and modes. */
  g_test_add_data_func ("/grant/conformance/rp-response_type-code", "code", test_response_type);
  g_test_add_data_func ("/grant/conformance/rp-response_type-id_token", "id_token",
                        test_response_type);
  g_test_add_data_func ("/grant/conformance/rp-response_type-id_token+token", "id_token token",
                        test_response_type);
  g_test_add_data_func ("/grant/conformance/rp-response_type-code+id_token", "code id_token",
                        test_response_type);
  g_test_add_data_func ("/grant/conformance/rp-response_type-code+token", "code token",
                        test_response_type);
  g_test_add_data_func ("/grant/conformance/rp-response_type-code+id_token+token",
                        "code id_token token", test_response_type);
  g_test_add_func ("/grant/conformance/rp-response_mode-form_post", test_form_post);
  g_test_add_func ("/grant/conformance/rp-response_mode-form_post-error", test_form_post_error);

  return g_test_run ();
}
