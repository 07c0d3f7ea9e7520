/* test-discovery.c
 * Discovery against a real, certified authorization server (oidc-provider), and the
 * protected API beside it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "grant-oauth-error.h"
#include "grant-provider-metadata.h"
#include "grant-test-async.h"
#include "grant-test-provider.h"

static GrantTestProvider *provider;

static GrantProviderMetadata *
discover (const char  *issuer,
          GError     **error)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;

  grant_provider_metadata_discover_async (client, issuer, NULL, grant_test_async_result_cb,
                                          &result);

  return grant_provider_metadata_discover_finish (grant_test_async_wait (&result), error);
}

static char *
issuer_url (const char *path)
{
  return g_strconcat (grant_test_provider_get_issuer (provider), path, NULL);
}

static void
test_openid_configuration (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autofree char *discovery_url = issuer_url ("/.well-known/openid-configuration");
  g_autofree char *token_endpoint = issuer_url ("/token");
  const char *issuer = grant_test_provider_get_issuer (provider);

  metadata = discover (issuer, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (grant_provider_metadata_get_issuer (metadata), ==, issuer);
  g_assert_cmpstr (grant_provider_metadata_get_discovery_url (metadata), ==, discovery_url);
  g_assert_cmpstr (grant_provider_metadata_get_token_endpoint (metadata), ==, token_endpoint);
  g_assert_true (g_str_has_prefix (grant_provider_metadata_get_authorization_endpoint (metadata),
                                   issuer));
  g_assert_true (g_str_has_prefix (grant_provider_metadata_get_jwks_uri (metadata), issuer));

  /* What the fixture promises the later tests: PKCE, the device flow, client credentials,
   * refresh tokens, introspection and revocation. */
  g_assert_true (grant_provider_metadata_supports (metadata, "code_challenge_methods_supported",
                                                   "S256"));
  g_assert_true (grant_provider_metadata_supports (metadata, "grant_types_supported",
                                                   "urn:ietf:params:oauth:grant-type:device_code"));
  g_assert_true (grant_provider_metadata_supports (metadata, "grant_types_supported",
                                                   "client_credentials"));
  g_assert_true (grant_provider_metadata_supports (metadata, "grant_types_supported",
                                                   "refresh_token"));
  g_assert_true (grant_provider_metadata_supports (metadata, "scopes_supported", "photos:read"));
  g_assert_nonnull (grant_provider_metadata_lookup_string (metadata,
                                                           "device_authorization_endpoint"));
  g_assert_nonnull (grant_provider_metadata_lookup_string (metadata, "introspection_endpoint"));
  g_assert_nonnull (grant_provider_metadata_lookup_string (metadata, "revocation_endpoint"));
  g_assert_true (grant_provider_metadata_supports (metadata,
                                                   "token_endpoint_auth_methods_supported",
                                                   "client_secret_basic"));

  g_assert_finalize_object (g_steal_pointer (&metadata));
}

/* An issuer typed with a trailing slash is not the issuer the server names: refuse it and say
 * why, rather than quietly accepting metadata for another issuer. */
static void
test_issuer_mismatch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autofree char *issuer = issuer_url ("/");

  metadata = discover (issuer, &error);
  g_assert_null (metadata);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_ISSUER_MISMATCH);
  g_assert_nonnull (strstr (error->message, "trailing slash"));
}

/* With no OpenID configuration, discovery falls back to RFC 8414's well-known location. */
static void
test_rfc8414_fallback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autofree char *issuer = issuer_url ("/rfc8414-only");
  g_autofree char *discovery_url = issuer_url ("/.well-known/oauth-authorization-server"
                                               "/rfc8414-only");

  metadata = discover (issuer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_provider_metadata_get_issuer (metadata), ==, issuer);
  g_assert_cmpstr (grant_provider_metadata_get_discovery_url (metadata), ==, discovery_url);
}

static void
test_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autofree char *issuer = issuer_url ("/no-such-issuer");

  metadata = discover (issuer, &error);
  g_assert_null (metadata);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_DISCOVERY_FAILED);
  g_assert_nonnull (strstr (error->message, "404"));
}

/* A server that is not there gives a prompt, clear error, not a hang. */
static void
test_dead_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *issuer = NULL;
  gint64 started;

  /* A port that was free a moment ago and that nothing listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  any = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_socket_bind (socket, G_SOCKET_ADDRESS (any), FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  issuer = g_strdup_printf ("http://127.0.0.1:%u",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  started = g_get_monotonic_time ();
  metadata = discover (issuer, &error);
  g_assert_null (metadata);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_DISCOVERY_FAILED);
  g_assert_nonnull (strstr (error->message, "Nothing answers at"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
}

static void
test_invalid_issuer (void)
{
  static const char * const issuers[] = {
    "", "server.example.com", "ftp://server.example.com", "https://",
    "https://server.example.com?tenant=1", "https://server.example.com#x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (issuers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantProviderMetadata) metadata = discover (issuers[i], &error);

      g_assert_null (metadata);
      g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_ISSUER);
    }
}

/* The protected API: RFC 6750 challenges for no token, a bad token and too narrow a scope,
 * and 200 for a token with the right scope. Later tests rely on exactly this. */

static SoupMessage *
api_request (SoupSession  *session,
             const char   *method,
             const char   *path,
             const char   *access_token,
             GBytes      **body)
{
  g_autofree char *url = issuer_url (path);
  g_autoptr(GError) error = NULL;
  SoupMessage *message = soup_message_new (method, url);

  if (access_token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", access_token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", authorization);
    }

  *body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);

  return message;
}

static char *
client_credentials_token (SoupSession *session,
                          const char  *scope)
{
  g_autofree char *url = issuer_url ("/token");
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) form = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = soup_form_encode ("grant_type", "client_credentials",
                                               "scope", scope, NULL);
  static const char client_credentials[] = "grant-machine:grant-machine-secret";
  g_autofree char *credentials = g_base64_encode ((const guchar *) client_credentials,
                                                  strlen (client_credentials));
  g_autofree char *authorization = g_strconcat ("Basic ", credentials, NULL);
  JsonObject *response;

  message = soup_message_new (SOUP_METHOD_POST, url);
  form = g_bytes_new (encoded, strlen (encoded));
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", form);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", authorization);

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              &error);
  g_assert_no_error (error);
  response = json_node_get_object (json_parser_get_root (parser));

  return g_strdup (json_object_get_string_member (response, "access_token"));
}

static void
test_api_challenges (void)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 20, NULL);
  g_autoptr(SoupMessage) anonymous = NULL;
  g_autoptr(SoupMessage) forged = NULL;
  g_autoptr(SoupMessage) allowed = NULL;
  g_autoptr(SoupMessage) forbidden = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *token = NULL;
  g_autofree char *forged_token = NULL;
  const char *challenge;

  anonymous = api_request (session, SOUP_METHOD_GET, "/api/photos", NULL, &body);
  g_clear_pointer (&body, g_bytes_unref);
  g_assert_cmpuint (soup_message_get_status (anonymous), ==, SOUP_STATUS_UNAUTHORIZED);
  challenge = soup_message_headers_get_one (soup_message_get_response_headers (anonymous),
                                            "WWW-Authenticate");
  g_assert_cmpstr (challenge, ==, "Bearer realm=\"grant-test-api\"");

  token = client_credentials_token (session, "photos:read");

  forged_token = g_strconcat (token, "x", NULL);
  forged = api_request (session, SOUP_METHOD_GET, "/api/photos", forged_token, &body);
  g_clear_pointer (&body, g_bytes_unref);
  g_assert_cmpuint (soup_message_get_status (forged), ==, SOUP_STATUS_UNAUTHORIZED);
  challenge = soup_message_headers_get_one (soup_message_get_response_headers (forged),
                                            "WWW-Authenticate");
  g_assert_nonnull (strstr (challenge, "error=\"invalid_token\""));

  allowed = api_request (session, SOUP_METHOD_GET, "/api/photos", token, &body);
  g_clear_pointer (&body, g_bytes_unref);
  g_assert_cmpuint (soup_message_get_status (allowed), ==, SOUP_STATUS_OK);

  forbidden = api_request (session, SOUP_METHOD_POST, "/api/photos", token, &body);
  g_clear_pointer (&body, g_bytes_unref);
  g_assert_cmpuint (soup_message_get_status (forbidden), ==, SOUP_STATUS_FORBIDDEN);
  challenge = soup_message_headers_get_one (soup_message_get_response_headers (forbidden),
                                            "WWW-Authenticate");
  g_assert_nonnull (strstr (challenge, "error=\"insufficient_scope\""));
  g_assert_nonnull (strstr (challenge, "scope=\"photos:write\""));
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

  g_test_add_func ("/grant/integration/discovery/openid-configuration", test_openid_configuration);
  g_test_add_func ("/grant/integration/discovery/issuer-mismatch", test_issuer_mismatch);
  g_test_add_func ("/grant/integration/discovery/rfc8414-fallback", test_rfc8414_fallback);
  g_test_add_func ("/grant/integration/discovery/not-found", test_not_found);
  g_test_add_func ("/grant/integration/discovery/dead-server", test_dead_server);
  g_test_add_func ("/grant/integration/discovery/invalid-issuer", test_invalid_issuer);
  g_test_add_func ("/grant/integration/api/challenges", test_api_challenges);

  status = g_test_run ();

  g_clear_pointer (&provider, grant_test_provider_stop);

  return status;
}
