/* test-step-explanation.c
 * Step mode's explanations: every kind of step has a title, what it is for, what goes wrong
 * without it and an RFC reference; each request a flow sends is told apart as the step it is,
 * by the provider's metadata, by what it carries, or by its endpoint's usual name.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-step-explanation.h"

#define AS "https://as.example"

static const char metadata_json[] =
  "{"
  "  \"issuer\": \"" AS "\","
  "  \"authorization_endpoint\": \"" AS "/oauth2/v1/authorize\","
  "  \"token_endpoint\": \"" AS "/oauth2/v1/tok\","
  "  \"jwks_uri\": \"" AS "/oauth2/v1/keys\","
  "  \"userinfo_endpoint\": \"" AS "/oauth2/v1/me\","
  "  \"pushed_authorization_request_endpoint\": \"" AS "/oauth2/v1/pushed\","
  "  \"device_authorization_endpoint\": \"" AS "/oauth2/v1/device/\","
  "  \"introspection_endpoint\": \"" AS "/oauth2/v1/check\","
  "  \"revocation_endpoint\": \"" AS "/oauth2/v1/forget\","
  "  \"mtls_endpoint_aliases\": { \"token_endpoint\": \"https://mtls.as.example/tok\" }"
  "}";

static GrantProviderMetadata *
metadata (void)
{
  g_autoptr(GError) error = NULL;
  GrantProviderMetadata *parsed = grant_provider_metadata_new_from_data (metadata_json, -1, NULL,
                                                                        &error);

  g_assert_no_error (error);

  return parsed;
}

/* Every kind explains itself fully, and no two share a title. */
static void
test_every_kind (void)
{
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  GEnumClass *kinds = g_type_class_ref (GRANT_TYPE_STEP_KIND);

  g_assert_cmpuint (kinds->n_values, ==, GRANT_STEP_N_KINDS);
  for (guint kind = 0; kind < GRANT_STEP_N_KINDS; kind++)
    {
      g_autoptr(GrantStepExplanation) explanation = grant_step_explanation_new (kind);
      g_autofree char *title = NULL;
      g_autofree char *reference = NULL;

      g_assert_cmpint (grant_step_explanation_get_kind (explanation), ==, kind);
      g_test_message ("%s (%s)", grant_step_explanation_get_title (explanation),
                      grant_step_explanation_get_reference (explanation));
      g_assert_cmpuint (strlen (grant_step_explanation_get_title (explanation)), >, 2);
      g_assert_cmpuint (strlen (grant_step_explanation_get_purpose (explanation)), >, 40);
      g_assert_cmpuint (strlen (grant_step_explanation_get_risk (explanation)), >, 40);
      g_assert_true (g_str_has_suffix (grant_step_explanation_get_purpose (explanation), "."));
      g_assert_true (g_str_has_suffix (grant_step_explanation_get_risk (explanation), "."));
      g_assert_true (g_str_has_prefix (grant_step_explanation_get_reference (explanation), "RFC ")
                     || g_str_has_prefix (grant_step_explanation_get_reference (explanation),
                                          "OpenID Connect "));
      g_assert_nonnull (strstr (grant_step_explanation_get_reference (explanation), "§"));
      g_assert_true (g_hash_table_add (titles,
                                       (gpointer) grant_step_explanation_get_title (explanation)));

      /* The properties a .ui binds to say the same. */
      g_object_get (explanation, "title", &title, "reference", &reference, NULL);
      g_assert_cmpstr (title, ==, grant_step_explanation_get_title (explanation));
      g_assert_cmpstr (reference, ==, grant_step_explanation_get_reference (explanation));
    }
  g_type_class_unref (kinds);
}

static void
test_grant_types (void)
{
  static const struct
  {
    const char    *grant_type;
    GrantStepKind  kind;
  } cases[] = {
    { "authorization_code", GRANT_STEP_TOKEN_AUTHORIZATION_CODE },
    { "refresh_token", GRANT_STEP_TOKEN_REFRESH },
    { "client_credentials", GRANT_STEP_TOKEN_CLIENT_CREDENTIALS },
    { "urn:ietf:params:oauth:grant-type:device_code", GRANT_STEP_TOKEN_DEVICE_CODE },
    { "password", GRANT_STEP_TOKEN_PASSWORD },
    { "urn:ietf:params:oauth:grant-type:token-exchange", GRANT_STEP_TOKEN_EXCHANGE },
    { "urn:ietf:params:oauth:grant-type:jwt-bearer", GRANT_STEP_TOKEN_JWT_BEARER },
    { "urn:ietf:params:oauth:grant-type:saml2-bearer", GRANT_STEP_TOKEN_OTHER },
    { "Authorization_Code", GRANT_STEP_TOKEN_OTHER },
    { "", GRANT_STEP_TOKEN_OTHER },
    { NULL, GRANT_STEP_TOKEN_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (grant_step_kind_for_grant_type (cases[i].grant_type), ==, cases[i].kind);
}

static GrantHttpRequest *
form_request (const char *uri,
              const char *name,
              const char *value)
{
  GrantHttpRequest *request = grant_http_request_new ("POST", uri);

  grant_http_request_set_form_field (request, name, value, FALSE);

  return request;
}

/* The code exchange: a token request with grant_type authorization_code, wherever it goes. */
static void
test_code_exchange (void)
{
  g_autoptr(GrantProviderMetadata) provider = metadata ();
  g_autoptr(GrantHttpRequest) request = form_request (AS "/oauth2/v1/tok", "grant_type",
                                                      "authorization_code");
  g_autoptr(GrantStepExplanation) explanation = NULL;

  grant_http_request_set_form_field (request, "code", "SplxlOBeZQQYbYS6WxSbIA", TRUE);
  grant_http_request_set_form_field (request, "code_verifier",
                                     "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", TRUE);
  explanation = grant_step_explanation_new_for_request (request, provider);
  g_assert_cmpint (grant_step_explanation_get_kind (explanation), ==,
                   GRANT_STEP_TOKEN_AUTHORIZATION_CODE);
  g_assert_cmpstr (grant_step_explanation_get_title (explanation), ==, "Code Exchange");
  g_assert_nonnull (strstr (grant_step_explanation_get_reference (explanation), "RFC 6749 §4.1.3"));
  g_assert_nonnull (strstr (grant_step_explanation_get_risk (explanation), "code_verifier"));

  /* Without metadata, and at an endpoint of any name, the grant_type says it. */
  g_assert_cmpint (grant_step_kind_for_request (request, NULL), ==,
                   GRANT_STEP_TOKEN_AUTHORIZATION_CODE);
  grant_http_request_set_uri (request, "https://other.example/exchange");
  g_assert_cmpint (grant_step_kind_for_request (request, NULL), ==,
                   GRANT_STEP_TOKEN_AUTHORIZATION_CODE);
}

/* Each endpoint of the metadata is its step, whatever its name, with or without a query or a
 * trailing slash; the mTLS alias of the token endpoint too. */
static void
test_by_metadata (void)
{
  static const struct
  {
    const char    *method;
    const char    *uri;
    const char    *grant_type;
    GrantStepKind  kind;
  } cases[] = {
    { "GET", AS "/oauth2/v1/authorize?response_type=code&client_id=c", NULL,
      GRANT_STEP_AUTHORIZATION_REQUEST },
    { "GET", AS "/oauth2/v1/authorize?client_id=c&request_uri=urn:x", NULL,
      GRANT_STEP_AUTHORIZATION_REQUEST },
    { "POST", AS "/oauth2/v1/tok", "refresh_token", GRANT_STEP_TOKEN_REFRESH },
    { "POST", AS "/oauth2/v1/tok", "client_credentials", GRANT_STEP_TOKEN_CLIENT_CREDENTIALS },
    { "POST", AS "/oauth2/v1/tok", "password", GRANT_STEP_TOKEN_PASSWORD },
    { "POST", AS "/oauth2/v1/tok", "urn:ietf:params:oauth:grant-type:device_code",
      GRANT_STEP_TOKEN_DEVICE_CODE },
    { "POST", AS "/oauth2/v1/tok", "urn:ietf:params:oauth:grant-type:token-exchange",
      GRANT_STEP_TOKEN_EXCHANGE },
    { "POST", AS "/oauth2/v1/tok", "urn:ietf:params:oauth:grant-type:jwt-bearer",
      GRANT_STEP_TOKEN_JWT_BEARER },
    { "POST", AS "/oauth2/v1/tok", NULL, GRANT_STEP_TOKEN_OTHER },
    { "POST", "https://mtls.as.example/tok", "authorization_code",
      GRANT_STEP_TOKEN_AUTHORIZATION_CODE },
    { "GET", AS "/oauth2/v1/keys", NULL, GRANT_STEP_JWKS },
    { "GET", AS "/oauth2/v1/me", NULL, GRANT_STEP_USERINFO },
    { "POST", AS "/oauth2/v1/me", NULL, GRANT_STEP_USERINFO },
    { "POST", AS "/oauth2/v1/pushed", NULL, GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST },
    { "POST", AS "/oauth2/v1/device", NULL, GRANT_STEP_DEVICE_AUTHORIZATION },
    { "POST", AS "/oauth2/v1/check", NULL, GRANT_STEP_INTROSPECTION },
    { "POST", AS "/oauth2/v1/forget", NULL, GRANT_STEP_REVOCATION },
    { "GET", AS "/.well-known/openid-configuration", NULL, GRANT_STEP_DISCOVERY },
    { "GET", AS "/api/photos", NULL, GRANT_STEP_API_CALL },
    { "GET", "https://api.example/oauth2/v1/tok", NULL, GRANT_STEP_API_CALL },
  };
  g_autoptr(GrantProviderMetadata) provider = metadata ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantHttpRequest) request = grant_http_request_new (cases[i].method,
                                                                    cases[i].uri);

      if (cases[i].grant_type != NULL)
        grant_http_request_set_form_field (request, "grant_type", cases[i].grant_type, FALSE);
      else if (g_str_equal (cases[i].method, "POST"))
        grant_http_request_set_form_field (request, "token", "opaque", TRUE);
      g_test_message ("%s %s", cases[i].method, cases[i].uri);
      g_assert_cmpint (grant_step_kind_for_request (request, provider), ==, cases[i].kind);
    }
}

/* A provider not discovered: what the request carries, then its endpoint's usual name. */
static void
test_without_metadata (void)
{
  static const struct
  {
    const char    *method;
    const char    *uri;
    const char    *field;
    const char    *value;
    GrantStepKind  kind;
  } cases[] = {
    { "GET", AS "/.well-known/oauth-authorization-server/tenant", NULL, NULL,
      GRANT_STEP_DISCOVERY },
    { "GET", AS "/tenant/.well-known/openid-configuration", NULL, NULL, GRANT_STEP_DISCOVERY },
    { "GET", AS "/jwks", NULL, NULL, GRANT_STEP_JWKS },
    { "GET", AS "/protocol/openid-connect/certs", NULL, NULL, GRANT_STEP_JWKS },
    { "GET", AS "/login?response_type=code&client_id=c", NULL, NULL,
      GRANT_STEP_AUTHORIZATION_REQUEST },
    { "POST", AS "/as/par", "response_type", "code", GRANT_STEP_PUSHED_AUTHORIZATION_REQUEST },
    { "POST", AS "/device_authorization", "client_id", "c", GRANT_STEP_DEVICE_AUTHORIZATION },
    { "POST", AS "/token", "grant_type", "client_credentials",
      GRANT_STEP_TOKEN_CLIENT_CREDENTIALS },
    { "GET", AS "/userinfo", NULL, NULL, GRANT_STEP_USERINFO },
    { "POST", AS "/token/introspect", "token", "t", GRANT_STEP_INTROSPECTION },
    { "POST", AS "/revoke", "token", "t", GRANT_STEP_REVOCATION },
    { "GET", AS "/api/photos?limit=3", NULL, NULL, GRANT_STEP_API_CALL },
    { "DELETE", "https://api.example/photos/1", NULL, NULL, GRANT_STEP_API_CALL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantHttpRequest) request = grant_http_request_new (cases[i].method,
                                                                    cases[i].uri);

      if (cases[i].field != NULL)
        grant_http_request_set_form_field (request, cases[i].field, cases[i].value, FALSE);
      g_test_message ("%s %s", cases[i].method, cases[i].uri);
      g_assert_cmpint (grant_step_kind_for_request (request, NULL), ==, cases[i].kind);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/step-explanation/every-kind", test_every_kind);
  g_test_add_func ("/grant/step-explanation/grant-types", test_grant_types);
  g_test_add_func ("/grant/step-explanation/code-exchange", test_code_exchange);
  g_test_add_func ("/grant/step-explanation/by-metadata", test_by_metadata);
  g_test_add_func ("/grant/step-explanation/without-metadata", test_without_metadata);

  return g_test_run ();
}
