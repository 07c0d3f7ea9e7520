/* test-token-flows.c
 * The grants that are one token request, with every client authentication method the
 * fixture has, against oidc-provider; what the exchange log records; DPoP with a nonce.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-client-credentials-flow.h"
#include "grant-jwt-bearer-flow.h"
#include "grant-oauth-error.h"
#include "grant-oauth-request.h"
#include "grant-password-flow.h"
#include "grant-refresh-flow.h"
#include "grant-token-exchange-flow.h"
#include "grant-test-async.h"
#include "grant-test-provider.h"

static GrantTestProvider *fixture;
static GrantProvider *provider;

static GrantJwk *
fixture_private_key (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("GRANT_FIXTURE_DIR"), "keys",
                                            "grant-private-key-jwt.jwk.json", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  GrantJwk *key;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  key = grant_jwk_new_from_data (data, (gssize) length, &error);
  g_assert_no_error (error);

  return key;
}

/* The fixture's clients, as Grant would be configured for them. */
static GrantClient *
fixture_client (const char *client_id)
{
  static const struct
  {
    const char            *client_id;
    GrantClientAuthMethod  method;
    const char            *secret;
  } clients[] = {
    { "grant-machine", GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC, "grant-machine-secret" },
    { "grant-machine-post", GRANT_CLIENT_AUTH_CLIENT_SECRET_POST, "grant-machine-post-secret" },
    { "grant-secret-jwt", GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT,
      "grant-secret-jwt-secret-long-enough-for-hs256-0123456789" },
    { "grant-private-key-jwt", GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT, NULL },
    { "grant-dpop", GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC, "grant-dpop-secret" },
    { "grant-confidential", GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC, "grant-confidential-secret" },
    { "grant-public", GRANT_CLIENT_AUTH_NONE, NULL },
    { "grant-device", GRANT_CLIENT_AUTH_NONE, NULL },
    { "grant-device-short", GRANT_CLIENT_AUTH_NONE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    if (g_str_equal (clients[i].client_id, client_id))
      {
        GrantClient *client = grant_client_new (client_id);

        grant_client_set_token_endpoint_auth_method (client, clients[i].method);
        grant_client_set_client_secret (client, clients[i].secret);
        if (clients[i].method == GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT)
          {
            g_autoptr(GrantJwk) key = fixture_private_key ();

            grant_client_set_private_key (client, key);
          }
        return client;
      }

  g_assert_not_reached ();
}

static GrantTokenResponse *
run_flow (GrantFlow  *flow,
          GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);
  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_RUNNING);

  return grant_flow_run_finish (flow, grant_test_async_wait (&result), error);
}

static void
assert_access_token_for_api (GrantTokenResponse *response,
                             const char         *scope)
{
  g_assert_nonnull (response);
  g_assert_nonnull (grant_token_response_get_access_token (response));
  g_assert_cmpint (grant_token_response_get_expires_in (response), >, 0);
  g_assert_cmpint (grant_token_response_get_expires_at (response), >,
                   g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (grant_token_response_get_scope (response), ==, scope);
}

/* Client credentials with each client authentication method the fixture has. */
static void
test_client_credentials (gconstpointer data)
{
  const char *client_id = data;
  g_autoptr(GrantClient) client = fixture_client (client_id);
  g_autoptr(GrantFlow) flow = grant_client_credentials_flow_new (provider, client, NULL);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  grant_flow_set_scope (flow, "photos:read");
  response = run_flow (flow, &error);
  g_assert_no_error (error);
  assert_access_token_for_api (response, "photos:read");
  g_assert_cmpstr (grant_token_response_get_token_type (response), ==, "Bearer");
  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_SUCCEEDED);
  g_assert_true (grant_flow_get_token_response (flow) == response);
}

/* The log holds exactly the token request, with the client's credentials marked secret,
 * and the response's tokens marked secret. */
static void
test_exchange_log (void)
{
  g_autoptr(GrantClient) client = fixture_client ("grant-machine-post");
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = grant_client_credentials_flow_new (provider, client, http_client);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (http_client));
  GrantHttpRequest *request;
  const GrantHttpField *fields;
  guint n_fields = 0;
  g_autofree char *token_endpoint = g_strconcat (grant_provider_get_issuer (provider), "/token",
                                                 NULL);

  grant_flow_set_scope (flow, "photos:read photos:write");
  response = run_flow (flow, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 1);
  exchange = g_list_model_get_item (log, 0);
  g_assert_true (grant_token_response_get_exchange (response) == exchange);
  request = grant_exchange_get_request (exchange);
  g_assert_cmpstr (grant_http_request_get_method (request), ==, "POST");
  g_assert_cmpstr (grant_http_request_get_uri (request), ==, token_endpoint);

  fields = grant_http_request_get_form_fields (request, &n_fields);
  g_assert_cmpuint (n_fields, ==, 4);
  g_assert_cmpstr (fields[0].name, ==, "grant_type");
  g_assert_cmpstr (fields[0].value, ==, "client_credentials");
  g_assert_false (fields[0].secret);
  g_assert_cmpstr (fields[1].name, ==, "scope");
  g_assert_cmpstr (fields[1].value, ==, "photos:read photos:write");
  g_assert_cmpstr (fields[2].name, ==, "client_id");
  g_assert_false (fields[2].secret);
  g_assert_cmpstr (fields[3].name, ==, "client_secret");
  g_assert_cmpstr (fields[3].value, ==, "grant-machine-post-secret");
  g_assert_true (fields[3].secret);

  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
  g_assert_true (grant_exchange_is_secret_member (exchange, "access_token"));
  g_assert_nonnull (strstr (g_bytes_get_data (grant_exchange_get_response_body (exchange), NULL),
                            grant_token_response_get_access_token (response)));
}

/* A provider's refusal comes back with its error code and description. */
static void
test_errors (void)
{
  static const struct
  {
    const char      *client_id;
    const char      *secret;
    const char      *scope;
    GrantOAuthError  code;
    const char      *says;
  } cases[] = {
    { "grant-machine", "wrong-secret", "photos:read", GRANT_OAUTH_ERROR_INVALID_CLIENT,
      "invalid_client" },
    /* oidc-provider answers invalid_request, not unauthorized_client, for a grant type
     * the client is not registered for. */
    { "grant-confidential", NULL, "photos:read", GRANT_OAUTH_ERROR_INVALID_REQUEST,
      "requested grant type is not allowed for this client" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantClient) client = fixture_client (cases[i].client_id);
      g_autoptr(GrantFlow) flow = NULL;
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      if (cases[i].secret != NULL)
        grant_client_set_client_secret (client, cases[i].secret);
      flow = grant_client_credentials_flow_new (provider, client, NULL);
      grant_flow_set_scope (flow, cases[i].scope);
      response = run_flow (flow, &error);
      g_assert_null (response);
      g_test_message ("%s", error->message);
      g_assert_error (error, GRANT_OAUTH_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_FAILED);
      g_assert_nonnull (grant_flow_get_error (flow));
    }
}

/* A grant type the server does not know: unsupported_grant_type, read as such. */
static void
test_unsupported_grant_type (void)
{
  g_autoptr(GrantClient) client = fixture_client ("grant-machine");
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autofree char *token_endpoint = g_strconcat (grant_provider_get_issuer (provider), "/token",
                                                 NULL);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", token_endpoint);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  grant_http_request_set_form_field (request, "grant_type", "urn:example:made-up", FALSE);
  grant_oauth_request_send_async (http_client, request, client, NULL, NULL, "Token request",
                                  NULL, grant_test_async_result_cb, &result);
  exchange = grant_oauth_request_send_finish (grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  response = grant_token_response_new_from_exchange (exchange, &error);
  g_assert_null (response);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE);
  g_assert_nonnull (strstr (error->message, "unsupported_grant_type"));
}

/* A DPoP-bound token at the protected API: accepted with a proof bound to it (ath), refused
 * when sent as a Bearer token. */
static void
test_dpop_at_resource (void)
{
  g_autoptr(GrantClient) client = fixture_client ("grant-dpop");
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = grant_client_credentials_flow_new (provider, client, http_client);
  g_autoptr(GrantDpopSession) dpop = grant_dpop_session_new (NULL, NULL);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autofree char *api = g_strconcat (grant_provider_get_issuer (provider), "/api/photos", NULL);
  g_autoptr(GError) error = NULL;

  grant_flow_set_dpop_session (flow, dpop);
  grant_flow_set_scope (flow, "photos:read");
  response = run_flow (flow, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", api);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GrantExchange) exchange = NULL;

      grant_oauth_request_send_async (http_client, request, NULL, i == 0 ? dpop : NULL,
                                      grant_token_response_get_access_token (response),
                                      "API call", NULL, grant_test_async_result_cb, &result);
      exchange = grant_oauth_request_send_finish (grant_test_async_wait (&result), &error);
      g_assert_no_error (error);
      if (i == 0)
        {
          g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
          g_assert_true (g_str_has_prefix (grant_http_request_get_header (
                           grant_exchange_get_request (exchange), "Authorization"), "DPoP "));
        }
      else
        {
          g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 401);
          g_assert_nonnull (strstr (grant_exchange_get_response_header (exchange,
                                                                        "WWW-Authenticate"),
                                    "DPoP"));
        }
    }
}

/* A public client cannot use client credentials: refused before anything is sent. */
static void
test_public_client_refused (void)
{
  g_autoptr(GrantClient) client = fixture_client ("grant-public");
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = grant_client_credentials_flow_new (provider, client, http_client);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = run_flow (flow, &error);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (http_client))),
                    ==, 0);
}

/* RFC 9449: the fixture requires a nonce from grant-dpop; the first request is refused
 * with use_dpop_nonce, the second, with the nonce, gets a DPoP-bound token. */
static void
test_dpop_nonce (void)
{
  g_autoptr(GrantClient) client = fixture_client ("grant-dpop");
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = grant_client_credentials_flow_new (provider, client, http_client);
  g_autoptr(GrantDpopSession) dpop = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (http_client));
  g_autoptr(GrantExchange) first = NULL;
  g_autoptr(GrantExchange) second = NULL;

  dpop = grant_dpop_session_new (NULL, &error);
  g_assert_no_error (error);
  grant_flow_set_dpop_session (flow, dpop);
  grant_flow_set_scope (flow, "photos:read");

  response = run_flow (flow, &error);
  g_assert_no_error (error);
  assert_access_token_for_api (response, "photos:read");
  g_assert_cmpstr (grant_token_response_get_token_type (response), ==, "DPoP");
  g_assert_nonnull (grant_dpop_session_get_nonce (dpop, grant_provider_get_issuer (provider)));

  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 2);
  first = g_list_model_get_item (log, 0);
  second = g_list_model_get_item (log, 1);
  g_assert_cmpuint (grant_exchange_get_status (first), ==, 400);
  g_assert_nonnull (grant_exchange_get_response_header (first, "DPoP-Nonce"));
  g_assert_cmpuint (grant_exchange_get_status (second), ==, 200);
  /* Each attempt carries its own proof. */
  g_assert_cmpstr (grant_http_request_get_header (grant_exchange_get_request (first), "DPoP"),
                   !=,
                   grant_http_request_get_header (grant_exchange_get_request (second), "DPoP"));

  /* Without a key the same client is refused. */
  {
    g_autoptr(GrantFlow) bare = grant_client_credentials_flow_new (provider, client, NULL);
    g_autoptr(GrantTokenResponse) refused = NULL;

    refused = run_flow (bare, &error);
    g_assert_null (refused);
    g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
  }
}

/* The password grant (legacy, and said to be): right and wrong passwords, and a refresh
 * token that a confidential client can use without rotation. */
static void
test_password (void)
{
  g_autoptr(GrantClient) client = fixture_client ("grant-secret-jwt");
  g_autoptr(GrantFlow) flow = grant_password_flow_new (provider, client, NULL, "alice",
                                                       "alice-password");
  g_autoptr(GrantFlow) wrong = grant_password_flow_new (provider, client, NULL, "alice", "nope");
  g_autoptr(GrantFlow) refresh = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantTokenResponse) refreshed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (grant_flow_get_legacy_reason (flow));
  g_assert_nonnull (strstr (grant_flow_get_legacy_reason (flow), "RFC 9700"));
  g_assert_null (grant_flow_get_legacy_reason (refresh = grant_refresh_flow_new (provider, client,
                                                                               NULL, "x")));
  g_clear_object (&refresh);

  grant_flow_set_scope (flow, "photos:read offline_access");
  response = run_flow (flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grant_token_response_get_refresh_token (response));

  refresh = grant_refresh_flow_new (provider, client, NULL,
                                    grant_token_response_get_refresh_token (response));
  refreshed = run_flow (refresh, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grant_token_response_get_access_token (refreshed));
  g_assert_cmpstr (grant_token_response_get_access_token (refreshed), !=,
                   grant_token_response_get_access_token (response));
  /* oidc-provider rotates refresh tokens of public clients only. */
  g_assert_false (grant_refresh_flow_get_rotated (GRANT_REFRESH_FLOW (refresh)));

  g_clear_object (&response);
  response = run_flow (wrong, &error);
  g_assert_null (response);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "the username or the password is wrong"));
}

static char *
client_credentials_token (const char *scope)
{
  g_autoptr(GrantClient) client = fixture_client ("grant-machine");
  g_autoptr(GrantFlow) flow = grant_client_credentials_flow_new (provider, client, NULL);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  grant_flow_set_scope (flow, scope);
  response = run_flow (flow, &error);
  g_assert_no_error (error);

  return g_strdup (grant_token_response_get_access_token (response));
}

/* RFC 8693: a narrower token for a wider one; a wider scope is refused. */
static void
test_token_exchange (void)
{
  g_autoptr(GrantClient) client = fixture_client ("grant-secret-jwt");
  g_autofree char *subject = client_credentials_token ("photos:read photos:write");
  g_autoptr(GrantFlow) flow = grant_token_exchange_flow_new (provider, client, NULL, subject,
                                                             NULL);
  g_autoptr(GrantFlow) wider = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantTokenResponse) refused = NULL;
  g_autoptr(GError) error = NULL;

  grant_flow_set_scope (flow, "photos:read");
  response = run_flow (flow, &error);
  g_assert_no_error (error);
  assert_access_token_for_api (response, "photos:read");
  g_assert_cmpstr (grant_token_response_get_issued_token_type (response), ==,
                   GRANT_TOKEN_TYPE_ACCESS_TOKEN);
  g_assert_cmpstr (grant_http_request_get_form_field (
                     grant_exchange_get_request (grant_token_response_get_exchange (response)),
                     "subject_token_type"), ==, GRANT_TOKEN_TYPE_ACCESS_TOKEN);

  wider = grant_token_exchange_flow_new (provider, client, NULL,
                                         grant_token_response_get_access_token (response), NULL);
  grant_flow_set_scope (wider, "photos:write");
  refused = run_flow (wider, &error);
  g_assert_null (refused);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_SCOPE);
}

/* RFC 7523 §2.1: an assertion signed by the client with its secret (HS256) or its key. */
static void
test_jwt_bearer (void)
{
  static const char * const clients[] = { "grant-secret-jwt", "grant-private-key-jwt" };

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr(GrantClient) client = fixture_client (clients[i]);
      g_autoptr(GrantFlow) flow = grant_jwt_bearer_flow_new_for_subject (provider, client, NULL,
                                                                         "alice");
      g_autoptr(GrantFlow) stranger = grant_jwt_bearer_flow_new_for_subject (provider, client,
                                                                             NULL, "mallory");
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GrantTokenResponse) refused = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", clients[i]);
      grant_flow_set_scope (flow, "photos:read");
      response = run_flow (flow, &error);
      g_assert_no_error (error);
      assert_access_token_for_api (response, "photos:read");

      refused = run_flow (stranger, &error);
      g_assert_null (refused);
      g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
      g_assert_nonnull (strstr (error->message, "sub"));
    }

  /* A secret too short for HS256 is refused before anything is sent (RFC 7518 §3.2). */
  {
    g_autoptr(GrantClient) client = fixture_client ("grant-machine");
    g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
    g_autoptr(GrantFlow) flow = grant_jwt_bearer_flow_new_for_subject (provider, client,
                                                                       http_client, "alice");
    g_autoptr(GrantTokenResponse) response = NULL;
    g_autoptr(GError) error = NULL;

    response = run_flow (flow, &error);
    g_assert_null (response);
    g_assert_nonnull (strstr (error->message, "at least 32 bytes"));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (http_client))),
                      ==, 0);
  }
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

  g_test_add_data_func ("/grant/token-flows/client-credentials/client-secret-basic",
                        "grant-machine", test_client_credentials);
  g_test_add_data_func ("/grant/token-flows/client-credentials/client-secret-post",
                        "grant-machine-post", test_client_credentials);
  g_test_add_data_func ("/grant/token-flows/client-credentials/client-secret-jwt",
                        "grant-secret-jwt", test_client_credentials);
  g_test_add_data_func ("/grant/token-flows/client-credentials/private-key-jwt",
                        "grant-private-key-jwt", test_client_credentials);
  g_test_add_func ("/grant/token-flows/exchange-log", test_exchange_log);
  g_test_add_func ("/grant/token-flows/errors", test_errors);
  g_test_add_func ("/grant/token-flows/public-client-refused", test_public_client_refused);
  g_test_add_func ("/grant/token-flows/unsupported-grant-type", test_unsupported_grant_type);
  g_test_add_func ("/grant/token-flows/dpop-at-resource", test_dpop_at_resource);
  g_test_add_func ("/grant/token-flows/dpop-nonce", test_dpop_nonce);
  g_test_add_func ("/grant/token-flows/password", test_password);
  g_test_add_func ("/grant/token-flows/token-exchange", test_token_exchange);
  g_test_add_func ("/grant/token-flows/jwt-bearer", test_jwt_bearer);

  status = g_test_run ();

  g_clear_object (&provider);
  grant_test_provider_stop (fixture);

  return status;
}
