/* test-provider-metadata.c
 * Tests for parsing an authorization server's metadata document, hostile ones included.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-oauth-error.h"
#include "grant-provider-metadata.h"

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

  g_assert_true (grant_provider_metadata_supports (metadata, "token_endpoint_auth_methods_supported",
                                                   "private_key_jwt"));
  g_assert_false (grant_provider_metadata_supports (metadata, "token_endpoint_auth_methods_supported",
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/provider-metadata/rfc8414-example", test_rfc8414_example);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/provider-metadata/refused/%s",
                                               refused[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_refused);
    }
  g_test_add_func ("/grant/provider-metadata/too-large", test_too_large);
  g_test_add_func ("/grant/provider-metadata/deep-nesting", test_deep_nesting);

  return g_test_run ();
}
