/* test-provider-metadata.c
 * Tests for parsing an authorization server's metadata document, hostile ones included.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-check.h"
#include "grant-oauth-error.h"
#include "grant-provider-metadata.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

/* RFC 8414 §3.2's example response, whole. */
static const char rfc8414_example[] =
  "{"
  " \"issuer\": \"https://server.example.com\","
  " \"authorization_endpoint\": \"https://server.example.com/authorize\","
  " \"token_endpoint\": \"https://server.example.com/token\","
  " \"token_endpoint_auth_methods_supported\": [\"client_secret_basic\", \"private_key_jwt\"],"
  " \"token_endpoint_auth_signing_alg_values_supported\": [\"RS256\", \"ES256\"],"
  " \"userinfo_endpoint\": \"https://server.example.com/userinfo\","
  " \"jwks_uri\": \"https://server.example.com/jwks.json\","
  " \"registration_endpoint\": \"https://server.example.com/register\","
  " \"scopes_supported\": [\"openid\", \"profile\", \"email\", \"address\", \"phone\","
  "                        \"offline_access\"],"
  " \"response_types_supported\": [\"code\", \"code token\"],"
  " \"service_documentation\": \"http://server.example.com/service_documentation.html\","
  " \"ui_locales_supported\": [\"en-US\", \"en-GB\", \"en-CA\", \"fr-FR\", \"fr-CA\"]"
  "}";

static void
test_rfc8414_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_auto(GStrv) scopes = NULL;
  g_autofree char *issuer = NULL;

  metadata = grant_provider_metadata_new_from_data (rfc8414_example, -1,
                                                    "https://server.example.com/.well-known/"
                                                    "oauth-authorization-server", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (grant_provider_metadata_get_issuer (metadata), ==,
                   "https://server.example.com");
  g_assert_cmpstr (grant_provider_metadata_get_authorization_endpoint (metadata), ==,
                   "https://server.example.com/authorize");
  g_assert_cmpstr (grant_provider_metadata_get_token_endpoint (metadata), ==,
                   "https://server.example.com/token");
  g_assert_cmpstr (grant_provider_metadata_get_jwks_uri (metadata), ==,
                   "https://server.example.com/jwks.json");
  g_assert_cmpstr (grant_provider_metadata_lookup_string (metadata, "registration_endpoint"), ==,
                   "https://server.example.com/register");
  g_assert_null (grant_provider_metadata_lookup_string (metadata, "revocation_endpoint"));

  scopes = grant_provider_metadata_dup_strv (metadata, "scopes_supported");
  g_assert_cmpuint (g_strv_length (scopes), ==, 6);
  g_assert_cmpstr (scopes[5], ==, "offline_access");

  g_assert_true (grant_provider_metadata_supports (metadata,
                                                   "token_endpoint_auth_methods_supported",
                                                   "private_key_jwt"));
  g_assert_false (grant_provider_metadata_supports (metadata,
                                                    "token_endpoint_auth_methods_supported",
                                                    "none"));
  g_assert_false (grant_provider_metadata_supports (metadata, "grant_types_supported",
                                                    "authorization_code"));

  /* The properties the window binds to say the same. */
  g_object_get (metadata, "issuer", &issuer, NULL);
  g_assert_cmpstr (issuer, ==, "https://server.example.com");

  g_assert_finalize_object (g_steal_pointer (&metadata));
}

static const struct {
  const char *name;
  const char *document;
  const char *message_part;
} refused[] = {
  { "empty", "", "is empty" },
  { "blank", " \n ", "is empty" },
  { "truncated", "{\"issuer\": \"https://a.example\"", "not valid JSON" },
  { "array", "[\"https://a.example\"]", "not a JSON object" },
  { "string", "\"https://a.example\"", "not a JSON object" },
  { "null", "null", "not a JSON object" },
  { "no-issuer", "{\"token_endpoint\": \"https://a.example/token\"}", "no “issuer”" },
  { "issuer-number", "{\"issuer\": 42}", "“issuer” must be a string" },
  { "issuer-null", "{\"issuer\": null}", "“issuer” must be a string" },
  { "endpoint-object", "{\"issuer\": \"https://a.example\", \"token_endpoint\": {}}",
    "“token_endpoint” must be a string" },
  { "scopes-string", "{\"issuer\": \"https://a.example\", \"scopes_supported\": \"openid\"}",
    "“scopes_supported” must be an array of strings" },
  { "scopes-mixed", "{\"issuer\": \"https://a.example\", \"scopes_supported\": [\"openid\", 1]}",
    "Element 1 of the metadata member “scopes_supported”" },
};

static void
test_refused (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;

  metadata = grant_provider_metadata_new_from_data (refused[i].document, -1, NULL, &error);
  g_assert_null (metadata);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA);
  if (g_strstr_len (error->message, -1, refused[i].message_part) == NULL)
    g_error ("the message “%s” does not say “%s”", error->message, refused[i].message_part);
}

/* A document over the limit is refused before it is parsed, whatever it holds. */
static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GString) document = g_string_new ("{\"issuer\": \"https://a.example\", \"x\": \"");

  while (document->len <= GRANT_PROVIDER_METADATA_MAX_SIZE)
    g_string_append (document, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_string_append (document, "\"}");

  metadata = grant_provider_metadata_new_from_data (document->str, document->len, NULL, &error);
  g_assert_null (metadata);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA);
}

/* Deep nesting must not crash the parser or us. */
static void
test_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GString) document = g_string_new ("{\"issuer\": \"https://a.example\", \"x\": ");

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (document, '[');
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (document, ']');
  g_string_append_c (document, '}');

  metadata = grant_provider_metadata_new_from_data (document->str, document->len, NULL, &error);
  if (metadata == NULL)
    g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA);
  else
    g_assert_cmpstr (grant_provider_metadata_get_issuer (metadata), ==, "https://a.example");
}

/* Discovery against a local server that redirects, escapes and floods. */

static SoupServer *server;
static GPtrArray *requested_paths;

static void
server_handler (SoupServer        *s,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  /* SoupServer gives the path decoded: %2F arrives as "/". */
  const char *decoded_path = g_uri_get_path (soup_server_message_get_uri (message));
  g_autofree char *base = grant_test_server_get_url (server, "");
  g_autofree char *document = NULL;

  g_ptr_array_add (requested_paths, g_strdup (decoded_path));

  if (g_str_equal (decoded_path, "/moved/.well-known/openid-configuration"))
    {
      g_autofree char *target = g_strconcat (base, "/documents/moved.json", NULL);

      soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, target);
      return;
    }

  if (g_str_equal (decoded_path, "/html/.well-known/openid-configuration"))
    {
      static const char page[] = "\n<!DOCTYPE html><html><body>Sign in</body></html>";

      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page,
                                        strlen (page));
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      return;
    }
  if (g_str_equal (decoded_path, "/broken/.well-known/openid-configuration"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }
  if (g_str_equal (decoded_path, "/silent/.well-known/openid-configuration"))
    {
      soup_server_message_pause (message);
      return;
    }
  if (g_str_equal (decoded_path, "/loop/.well-known/openid-configuration"))
    {
      soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, decoded_path);
      return;
    }

  if (g_str_equal (decoded_path, "/nokeys/.well-known/openid-configuration"))
    document = g_strdup_printf ("{\"issuer\": \"%s/nokeys\", "
                                "\"authorization_endpoint\": \"%s/auth\"}", base, base);
  else if (g_str_equal (decoded_path, "/weak/.well-known/openid-configuration"))
    document = g_strdup_printf ("{\"issuer\": \"%s/weak\", \"jwks_uri\": \"%s/jwks\", "
                                "\"authorization_endpoint\": \"%s/auth\", "
                                "\"token_endpoint\": \"http://api.example/token\", "
                                "\"response_types_supported\": [\"code\", \"token\"], "
                                "\"grant_types_supported\": [\"authorization_code\", \"password\"], "
                                "\"code_challenge_methods_supported\": [\"plain\"]}",
                                base, base, base);
  else if (g_str_equal (decoded_path, "/documents/moved.json"))
    document = g_strdup_printf ("{\"issuer\": \"%s/moved\"}", base);
  else if (g_str_equal (decoded_path, "/.well-known/oauth-authorization-server/tenant/a"))
    document = g_strdup_printf ("{\"issuer\": \"%s/tenant%%2Fa\"}", base);
  else if (g_str_equal (decoded_path, "/huge/.well-known/openid-configuration"))
    {
      gsize size = GRANT_PROVIDER_METADATA_MAX_SIZE + 1;
      char *huge = g_malloc (size);

      memset (huge, ' ', size);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                        huge, size);
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      return;
    }

  if (document == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&document), strlen (document));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static GrantProviderMetadata *
discover_issuer (const char  *issuer,
                 guint        timeout,
                 GError     **error)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;

  if (timeout > 0)
    grant_http_client_set_timeout (client, timeout);
  g_ptr_array_set_size (requested_paths, 0);
  grant_provider_metadata_discover_async (client, issuer, NULL, grant_test_async_result_cb,
                                          &result);

  return grant_provider_metadata_discover_finish (grant_test_async_wait (&result), error);
}

static GrantProviderMetadata *
discover (const char  *path,
          GError     **error)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *issuer = grant_test_server_get_url (server, path);

  g_ptr_array_set_size (requested_paths, 0);
  grant_provider_metadata_discover_async (client, issuer, NULL, grant_test_async_result_cb,
                                          &result);

  return grant_provider_metadata_discover_finish (grant_test_async_wait (&result), error);
}

/* The discovery URL names where the document really came from, after redirects. */
static void
test_discover_redirected (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = discover ("/moved", &error);
  g_autofree char *expected = grant_test_server_get_url (server, "/documents/moved.json");

  g_assert_no_error (error);
  g_assert_cmpstr (grant_provider_metadata_get_discovery_url (metadata), ==, expected);
}

/* An escaped character in the issuer's path stays escaped in RFC 8414's well-known URL:
 * decoding it would turn %2F into a real path separator and ask for another document. */
static void
test_discover_escaped_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = discover ("/tenant%2Fa", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (requested_paths->len, ==, 2);
  g_assert_true (g_str_has_suffix (grant_provider_metadata_get_discovery_url (metadata),
                                   "/.well-known/oauth-authorization-server/tenant%2Fa"));
}

static void
test_discover_huge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = discover ("/huge", &error);

  g_assert_null (metadata);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_DISCOVERY_FAILED);
  g_assert_nonnull (strstr (error->message, "larger than"));
}

/* What makes discovery fail: each a GError that says what went wrong. */
static void
test_discover_failures (void)
{
  static const struct
  {
    const char *path;
    guint       timeout;
    int         code;
    const char *says;
  } cases[] = {
    { "/html", 0, GRANT_OAUTH_ERROR_INVALID_METADATA, "an HTML page, not JSON" },
    { "/broken", 0, GRANT_OAUTH_ERROR_DISCOVERY_FAILED, "answered 500" },
    { "/silent", 1, GRANT_OAUTH_ERROR_DISCOVERY_FAILED, "did not answer within 1 s" },
    { "/loop", 0, GRANT_OAUTH_ERROR_DISCOVERY_FAILED, "redirects in a loop" },
    { "/nokeys", 0, GRANT_OAUTH_ERROR_INVALID_METADATA, "no jwks_uri" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *issuer = grant_test_server_get_url (server, cases[i].path);
      g_autoptr(GrantProviderMetadata) metadata = NULL;
      g_autoptr(GError) error = NULL;

      metadata = discover_issuer (issuer, cases[i].timeout, &error);
      g_test_message ("%s: %s", cases[i].path, error != NULL ? error->message : "(none)");
      g_assert_null (metadata);
      g_assert_error (error, GRANT_OAUTH_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

/* Plain http on a network host is refused before anything is sent. */
static void
test_discover_http_issuer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;

  metadata = discover_issuer ("http://idp.example", 0, &error);
  g_assert_null (metadata);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "https"));
  g_assert_cmpuint (requested_paths->len, ==, 0);
}

static GrantCheckStatus
check_status (GrantProviderMetadata *metadata,
              const char            *name)
{
  GrantCheck *check = grant_checks_find (grant_provider_metadata_get_checks (metadata), name);

  g_assert_nonnull (check);
  g_test_message ("%s: %s", name, grant_check_get_reason (check));

  return grant_check_get_status (check);
}

/* What is wrong but not fatal is a named warning: a failed check. */
static void
test_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantProviderMetadata) weak = discover ("/weak", &error);
  g_autoptr(GrantProviderMetadata) good = NULL;
  static const char good_document[] =
    "{\"issuer\": \"https://idp.example\", \"jwks_uri\": \"https://idp.example/jwks\", "
    "\"authorization_endpoint\": \"https://idp.example/auth\", "
    "\"token_endpoint\": \"https://idp.example/token\", "
    "\"response_types_supported\": [\"code\"], \"subject_types_supported\": [\"public\"], "
    "\"id_token_signing_alg_values_supported\": [\"ES256\"], "
    "\"token_endpoint_auth_methods_supported\": [\"private_key_jwt\"], "
    "\"code_challenge_methods_supported\": [\"S256\"]}";

  g_assert_no_error (error);
  g_assert_cmpint (check_status (weak, "https"), ==, GRANT_CHECK_NOT_APPLICABLE);
  g_assert_cmpint (check_status (weak, "endpoints"), ==, GRANT_CHECK_FAILED);
  g_assert_nonnull (strstr (grant_check_get_reason (grant_checks_find (
                      grant_provider_metadata_get_checks (weak), "endpoints")), "token_endpoint"));
  g_assert_cmpint (check_status (weak, "code_challenge_methods_supported"), ==, GRANT_CHECK_FAILED);
  g_assert_cmpint (check_status (weak, "implicit"), ==, GRANT_CHECK_FAILED);
  g_assert_cmpint (check_status (weak, "password"), ==, GRANT_CHECK_FAILED);
  g_assert_cmpint (check_status (weak, "subject_types_supported"), ==, GRANT_CHECK_FAILED);
  g_assert_cmpint (check_status (weak, "jwks_uri"), ==, GRANT_CHECK_PASSED);

  good = grant_provider_metadata_new_from_data (good_document, -1,
                                                "https://idp.example/.well-known/openid-configuration",
                                                &error);
  g_assert_no_error (error);
  g_assert_true (grant_checks_all_pass (grant_provider_metadata_get_checks (good)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = grant_test_server_new ();
  soup_server_add_handler (server, NULL, server_handler, NULL, NULL);
  requested_paths = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/grant/provider-metadata/rfc8414-example", test_rfc8414_example);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/provider-metadata/refused/%s",
                                               refused[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_refused);
    }
  g_test_add_func ("/grant/provider-metadata/too-large", test_too_large);
  g_test_add_func ("/grant/provider-metadata/deep-nesting", test_deep_nesting);
  g_test_add_func ("/grant/provider-metadata/discover/redirected", test_discover_redirected);
  g_test_add_func ("/grant/provider-metadata/discover/escaped-path", test_discover_escaped_path);
  g_test_add_func ("/grant/provider-metadata/discover/huge", test_discover_huge);
  g_test_add_func ("/grant/provider-metadata/discover/failures", test_discover_failures);
  g_test_add_func ("/grant/provider-metadata/discover/http-issuer", test_discover_http_issuer);
  g_test_add_func ("/grant/provider-metadata/checks", test_checks);

  status = g_test_run ();

  grant_test_server_stop (g_steal_pointer (&server));
  g_clear_pointer (&requested_paths, g_ptr_array_unref);

  return status;
}
