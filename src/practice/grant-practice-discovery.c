/* grant-practice-discovery.c
 * The practice provider's discovery documents (OpenID Connect Discovery, RFC 8414) and JWK Set.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-practice-discovery.h"
#include "grant-practice-http.h"

static void
add_strings (JsonObject         *object,
             const char         *member,
             const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, member, array);
}

static void
add_url (JsonObject          *object,
         GrantPracticeServer *server,
         const char          *member,
         const char          *path)
{
  g_autofree char *url = grant_practice_server_dup_url (server, path);

  json_object_set_string_member (object, member, url);
}

static JsonObject *
metadata (GrantPracticeServer *server)
{
  static const char * const response_types[] = { "code", NULL };
  static const char * const response_modes[] = { "query", NULL };
  static const char * const grant_types[] = {
    "authorization_code", "refresh_token", "client_credentials",
    "urn:ietf:params:oauth:grant-type:device_code", NULL, NULL,
  };
  static const char * const with_password[] = {
    "authorization_code", "refresh_token", "client_credentials",
    "urn:ietf:params:oauth:grant-type:device_code", "password", NULL,
  };
  static const char * const auth_methods[] = {
    "client_secret_basic", "client_secret_post", "none", NULL,
  };
  static const char * const subject_types[] = { "public", NULL };
  static const char * const id_token_algs[] = { "RS256", "ES256", NULL };
  static const char * const pkce_methods[] = { "S256", NULL };
  static const char * const dpop_algs[] = { "ES256", "RS256", "PS256", "EdDSA", NULL };
  static const char * const claims[] = {
    "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "name", "given_name",
    "family_name", "preferred_username", "email", "email_verified", NULL,
  };
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "issuer", grant_practice_server_get_issuer (server));
  add_url (object, server, "authorization_endpoint", "/authorize");
  add_url (object, server, "token_endpoint", "/token");
  add_url (object, server, "device_authorization_endpoint", "/device_authorization");
  add_url (object, server, "userinfo_endpoint", "/userinfo");
  add_url (object, server, "introspection_endpoint", "/introspect");
  add_url (object, server, "revocation_endpoint", "/revoke");
  add_url (object, server, "end_session_endpoint", "/end_session");
  add_url (object, server, "jwks_uri", "/jwks");
  add_strings (object, "scopes_supported", grant_practice_directory_get_scopes ());
  add_strings (object, "response_types_supported", response_types);
  add_strings (object, "response_modes_supported", response_modes);
  /* The legacy password grant is offered only while its switch is on. */
  add_strings (object, "grant_types_supported",
               grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_PASSWORD_GRANT, NULL)
               ? with_password : grant_types);
  add_strings (object, "token_endpoint_auth_methods_supported", auth_methods);
  add_strings (object, "introspection_endpoint_auth_methods_supported", auth_methods + 0);
  add_strings (object, "revocation_endpoint_auth_methods_supported", auth_methods);
  add_strings (object, "subject_types_supported", subject_types);
  add_strings (object, "id_token_signing_alg_values_supported", id_token_algs);
  add_strings (object, "code_challenge_methods_supported", pkce_methods);
  add_strings (object, "dpop_signing_alg_values_supported", dpop_algs);
  add_strings (object, "claims_supported", claims);
  json_object_set_boolean_member (object, "authorization_response_iss_parameter_supported", TRUE);
  json_object_set_boolean_member (object, "claims_parameter_supported", FALSE);
  json_object_set_boolean_member (object, "request_parameter_supported", FALSE);
  json_object_set_boolean_member (object, "request_uri_parameter_supported", FALSE);

  return object;
}

static void
discovery_cb (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  g_autoptr(JsonObject) object = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  object = metadata (user_data);
  grant_practice_http_send_json (msg, SOUP_STATUS_OK, object);
  /* The documents are public and only change when the provider restarts. */
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_replace (headers, "Access-Control-Allow-Origin", "*");
}

static void
jwks_cb (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  GrantPracticeServer *server = user_data;
  g_autoptr(GError) error = NULL;

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  if (!grant_practice_server_ensure_keys (server, &error))
    {
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                            "server_error", error->message);
      return;
    }

  grant_practice_http_send_text (msg, SOUP_STATUS_OK, "application/jwk-set+json",
                                 grant_practice_server_get_jwks_json (server));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-cache");
}

/**
 * grant_practice_discovery_add_handlers:
 * @server: the server
 *
 * Serves the OpenID Connect and RFC 8414 metadata (the same document, as the issuer has no path)
 * and the JWK Set.
 */
void
grant_practice_discovery_add_handlers (GrantPracticeServer *server)
{
  SoupServer *soup_server = grant_practice_server_get_soup_server (server);

  soup_server_add_handler (soup_server, "/.well-known/openid-configuration", discovery_cb,
                           server, NULL);
  soup_server_add_handler (soup_server, "/.well-known/oauth-authorization-server", discovery_cb,
                           server, NULL);
  soup_server_add_handler (soup_server, "/jwks", jwks_cb, server, NULL);
}
