/* test-client.c
 * Client authentication, each token_endpoint_auth_method as it appears on the wire, and
 * mutual TLS (RFC 8705) against an in-process TLS server that requires a certificate.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-client-credentials-flow.h"
#include "grant-jws.h"
#include "grant-jwt-claims.h"
#include "grant-oauth-error.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

#define TOKEN_ENDPOINT "https://idp.example/token"

static GrantClient *
client_with (const char            *client_id,
             GrantClientAuthMethod  method,
             const char            *secret)
{
  GrantClient *client = grant_client_new (client_id);

  grant_client_set_token_endpoint_auth_method (client, method);
  grant_client_set_client_secret (client, secret);

  return client;
}

/* RFC 6749 §2.3.1: the ID and secret are form-encoded, then joined and base64-encoded. A
 * client that skips the form-encoding breaks on these characters. */
static void
test_client_secret_basic (void)
{
  g_autoptr(GrantClient) client = client_with ("client:id", GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC,
                                               "s3cr+t/= %é");
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", TOKEN_ENDPOINT);
  g_autoptr(GError) error = NULL;
  const char *header;
  g_autofree guchar *decoded = NULL;
  gsize length = 0;
  guint n_fields = 0;

  g_assert_true (grant_client_authenticate (client, request, TOKEN_ENDPOINT, &error));
  g_assert_no_error (error);
  header = grant_http_request_get_header (request, "Authorization");
  g_assert_true (g_str_has_prefix (header, "Basic "));
  decoded = g_base64_decode (header + strlen ("Basic "), &length);
  g_assert_cmpmem (decoded, length, "client%3Aid:s3cr%2Bt%2F%3D+%25%C3%A9",
                   strlen ("client%3Aid:s3cr%2Bt%2F%3D+%25%C3%A9"));
  g_assert_true (grant_http_request_get_headers (request, &n_fields)[0].secret);
  /* The credentials are in the header only. */
  grant_http_request_get_form_fields (request, &n_fields);
  g_assert_cmpuint (n_fields, ==, 0);
}

static void
test_client_secret_post_and_none (void)
{
  g_autoptr(GrantClient) post = client_with ("app", GRANT_CLIENT_AUTH_CLIENT_SECRET_POST, "s");
  g_autoptr(GrantClient) none = client_with ("app", GRANT_CLIENT_AUTH_NONE, NULL);
  g_autoptr(GrantHttpRequest) post_request = grant_http_request_new ("POST", TOKEN_ENDPOINT);
  g_autoptr(GrantHttpRequest) none_request = grant_http_request_new ("POST", TOKEN_ENDPOINT);
  g_autoptr(GError) error = NULL;
  const GrantHttpField *fields;
  guint n = 0;

  g_assert_true (grant_client_authenticate (post, post_request, TOKEN_ENDPOINT, &error));
  fields = grant_http_request_get_form_fields (post_request, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (fields[0].name, ==, "client_id");
  g_assert_false (fields[0].secret);
  g_assert_cmpstr (fields[1].name, ==, "client_secret");
  g_assert_true (fields[1].secret);
  g_assert_null (grant_http_request_get_header (post_request, "Authorization"));

  g_assert_true (grant_client_authenticate (none, none_request, TOKEN_ENDPOINT, &error));
  fields = grant_http_request_get_form_fields (none_request, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (fields[0].value, ==, "app");
}

/* A method without what it needs is refused with what to do, before anything is sent. */
static void
test_missing_credentials (void)
{
  static const GrantClientAuthMethod methods[] = {
    GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC, GRANT_CLIENT_AUTH_CLIENT_SECRET_POST,
    GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT, GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT,
    GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH, GRANT_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH,
  };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(GrantClient) client = client_with ("app", methods[i], NULL);
      g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", TOKEN_ENDPOINT);
      g_autoptr(GError) error = NULL;

      g_assert_false (grant_client_authenticate (client, request, TOKEN_ENDPOINT, &error));
      g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED);
      g_test_message ("%s: %s", grant_client_auth_method_to_string (methods[i]), error->message);
      g_assert_nonnull (strstr (error->message, grant_client_auth_method_to_string (methods[i])));
    }
}

/* client_secret_jwt and private_key_jwt: an assertion with iss = sub = client_id, aud the
 * endpoint, a jti, and a minute to live, that verifies with the secret or the public key. */
static void
test_client_assertions (void)
{
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(GError) error = NULL;
  const char *secret = "a-client-secret-that-is-long-enough-for-hs256";

  key = grant_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  grant_jwk_set_kid (key, "key-1");

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GrantClient) client = client_with ("app",
                                                   i == 0 ? GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT
                                                          : GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT,
                                                   i == 0 ? secret : NULL);
      g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", TOKEN_ENDPOINT);
      g_autoptr(GrantJws) jws = NULL;
      g_autoptr(GrantJwtClaims) claims = NULL;
      g_autoptr(GrantJwk) verifier = NULL;
      g_autoptr(GrantHttpRequest) again = grant_http_request_new ("POST", TOKEN_ENDPOINT);
      const char *assertion;
      gint64 iat = 0, exp = 0;

      if (i == 1)
        grant_client_set_private_key (client, key);
      g_assert_true (grant_client_authenticate (client, request, TOKEN_ENDPOINT, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (grant_http_request_get_form_field (request, "client_assertion_type"), ==,
                       "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      assertion = grant_http_request_get_form_field (request, "client_assertion");
      g_assert_true (grant_http_request_is_secret (request, assertion));

      jws = grant_jws_parse (assertion, -1, &error);
      g_assert_no_error (error);
      if (i == 0)
        {
          g_autoptr(GBytes) bytes = g_bytes_new_static (secret, strlen (secret));

          verifier = grant_jwk_new_from_secret (bytes);
          g_assert_cmpstr (grant_jws_get_alg (jws), ==, "HS256");
        }
      else
        {
          g_autoptr(JsonObject) public = grant_jwk_to_json (key, FALSE);

          verifier = grant_jwk_new_from_json (public, &error);
          g_assert_cmpstr (grant_jws_get_alg (jws), ==, "ES256");
          g_assert_cmpstr (grant_jws_get_kid (jws), ==, "key-1");
        }
      g_assert_true (grant_jws_verify (jws, verifier, &error));
      g_assert_no_error (error);

      claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (grant_jwt_claims_get_string (claims, "iss"), ==, "app");
      g_assert_cmpstr (grant_jwt_claims_get_string (claims, "sub"), ==, "app");
      g_assert_cmpstr (grant_jwt_claims_get_string (claims, "aud"), ==, TOKEN_ENDPOINT);
      g_assert_nonnull (grant_jwt_claims_get_string (claims, "jti"));
      g_assert_true (grant_jwt_claims_get_time (claims, "iat", &iat, NULL));
      g_assert_true (grant_jwt_claims_get_time (claims, "exp", &exp, NULL));
      g_assert_cmpint (exp - iat, ==, GRANT_CLIENT_ASSERTION_LIFETIME);

      /* A fresh jti each time: an assertion may be used once. */
      g_assert_true (grant_client_authenticate (client, again, TOKEN_ENDPOINT, &error));
      g_assert_cmpstr (grant_http_request_get_form_field (again, "client_assertion"), !=,
                       assertion);
    }
}

/* RFC 8705: a token endpoint that requires a client certificate. */
static void
mtls_token_handler (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  GTlsCertificate *peer = soup_server_message_get_tls_peer_certificate (message);
  g_autofree char *subject = peer != NULL ? g_tls_certificate_get_subject_name (peer) : NULL;
  const char *body;

  if (subject == NULL || strstr (subject, "grant-mtls-client") == NULL)
    {
      body = "{\"error\":\"invalid_client\",\"error_description\":\"no client certificate\"}";
      soup_server_message_set_status (message, 401, NULL);
    }
  else
    {
      body = "{\"access_token\":\"bound\",\"token_type\":\"Bearer\",\"expires_in\":60}";
      soup_server_message_set_status (message, 200, NULL);
    }
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

static GrantTokenResponse *
run_flow (GrantProvider  *provider,
          GrantClient    *client,
          GError        **error)
{
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GTlsDatabase) database = grant_test_tls_database ();
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  soup_session_set_tls_database (grant_http_client_get_session (http_client), database);
  flow = grant_client_credentials_flow_new (provider, client, http_client);
  grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);

  return grant_flow_run_finish (flow, grant_test_async_wait (&result), error);
}

/* tls_client_auth, the token request sent to the mTLS alias of the token endpoint
 * (RFC 8705 §5), with the client certificate; a client authenticating otherwise is not. */
static void
test_tls_client_auth (void)
{
  g_autoptr(SoupServer) server = grant_test_server_new_tls_client_auth ("server.pem");
  g_autofree char *alias = NULL;
  g_autofree char *document = NULL;
  g_autofree char *certificate_path = g_test_build_filename (G_TEST_DIST, "data", "tls",
                                                             "client.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = client_with ("mtls-app", GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH,
                                               NULL);
  g_autoptr(GrantClient) plain = client_with ("app", GRANT_CLIENT_AUTH_CLIENT_SECRET_POST, "s");
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantTokenResponse) refused = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (server, "/mtls/token", mtls_token_handler, NULL, NULL);
  alias = grant_test_server_get_url (server, "/mtls/token");
  document = g_strdup_printf ("{\"issuer\": \"https://idp.example\", "
                              "\"token_endpoint\": \"https://idp.example/token\", "
                              "\"mtls_endpoint_aliases\": {\"token_endpoint\": \"%s\"}}", alias);
  metadata = grant_provider_metadata_new_from_data (document, -1, NULL, &error);
  g_assert_no_error (error);
  provider = grant_provider_new_from_metadata (metadata);
  g_assert_cmpstr (grant_provider_get_endpoint (provider, "token_endpoint", TRUE), ==, alias);
  g_assert_cmpstr (grant_provider_get_endpoint (provider, "token_endpoint", FALSE), ==,
                   "https://idp.example/token");

  certificate = g_tls_certificate_new_from_file (certificate_path, &error);
  g_assert_no_error (error);
  grant_client_set_tls_certificate (client, certificate);

  response = run_flow (provider, client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_token_response_get_access_token (response), ==, "bound");
  g_assert_cmpstr (grant_http_request_get_form_field (
                     grant_exchange_get_request (grant_token_response_get_exchange (response)),
                     "client_id"), ==, "mtls-app");

  /* Sent to the plain endpoint by hand, without a certificate: no answer, and the error
   * says why. */
  grant_provider_set_endpoint (provider, "token_endpoint", alias);
  refused = run_flow (provider, plain, &error);
  g_assert_null (refused);
  g_test_message ("%s", error->message);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED);
  g_assert_nonnull (strstr (error->message, "client certificate"));

  grant_test_server_stop (g_steal_pointer (&server));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/client/client-secret-basic", test_client_secret_basic);
  g_test_add_func ("/grant/client/client-secret-post-and-none", test_client_secret_post_and_none);
  g_test_add_func ("/grant/client/missing-credentials", test_missing_credentials);
  g_test_add_func ("/grant/client/assertions", test_client_assertions);
  g_test_add_func ("/grant/client/tls-client-auth", test_tls_client_auth);

  return g_test_run ();
}
