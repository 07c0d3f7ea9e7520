/* grant-practice-api.c
 * The practice provider's protected API and UserInfo endpoint, DPoP-aware, with RFC 6750 challenges.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-jose-json.h"
#include "grant-practice-api.h"
#include "grant-practice-dpop.h"
#include "grant-practice-http.h"
#include "grant-practice-tokens.h"

#define REALM "practice-api"
#define DPOP_ALGS "ES256 RS256 PS256 EdDSA"

typedef struct
{
  GrantPracticeServer *server;
  /* Requests counted for the rate-limit fault, which refuses every other one. */
  guint                requests;
} Api;

/* The API's routes and the scope each needs; docs/practice-provider.md lists them too. */
static const struct
{
  const char *method;
  const char *path;
  const char *scope;
} routes[] = {
  { "GET", "/api/photos", "photos:read" },
  { "POST", "/api/photos", "photos:write" },
  { "GET", "/api/profile", "profile" },
};

/* What a request's Authorization header said. */
typedef struct
{
  const char *scheme;  /* "Bearer" or "DPoP", as the practice provider spells them */
  char       *token;
} Credentials;

static void
challenge (SoupServerMessage *msg,
           guint              status,
           const char        *scheme,
           const char        *error,
           const char        *description,
           const char        *scope)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *ascii = description != NULL
                           ? grant_practice_http_describe_error (description) : NULL;

  /* RFC 6750 §3: with no credentials, both schemes are offered and no error is given. */
  if (scheme == NULL)
    {
      soup_message_headers_append (headers, "WWW-Authenticate", "Bearer realm=\"" REALM "\"");
      soup_message_headers_append (headers, "WWW-Authenticate",
                                   "DPoP realm=\"" REALM "\", algs=\"" DPOP_ALGS "\"");
    }
  else
    {
      g_autoptr(GString) value = g_string_new (scheme);

      g_string_append (value, " realm=\"" REALM "\"");
      if (strcmp (scheme, "DPoP") == 0)
        g_string_append (value, ", algs=\"" DPOP_ALGS "\"");
      g_string_append_printf (value, ", error=\"%s\"", error);
      /* A quoted string may not hold '"' or '\\', nor anything but ASCII (RFC 6750 §3). */
      if (ascii != NULL)
        g_string_append_printf (value, ", error_description=\"%s\"", ascii);
      if (scope != NULL)
        g_string_append_printf (value, ", scope=\"%s\"", scope);
      soup_message_headers_append (headers, "WWW-Authenticate", value->str);
    }

  if (error != NULL)
    json_object_set_string_member (body, "error", error);
  if (ascii != NULL)
    json_object_set_string_member (body, "error_description", ascii);
  grant_practice_http_send_json (msg, status, body);
}

/* Reads the credentials (RFC 6750 §2.1, RFC 9449 §7.1); on a malformed request it answers. */
static gboolean
read_credentials (SoupServerMessage *msg,
                  GHashTable        *query,
                  Credentials       *credentials)
{
  const char *authorization;
  const char *rest;
  gboolean in_query = query != NULL && g_hash_table_contains (query, "access_token");

  authorization = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                 "Authorization");
  if (authorization == NULL)
    {
      if (in_query)
        challenge (msg, SOUP_STATUS_UNAUTHORIZED, "Bearer", "invalid_request",
                   "This API takes access tokens in the Authorization header only, never in the "
                   "query string (RFC 6750 section 2.3).", NULL);
      else
        challenge (msg, SOUP_STATUS_UNAUTHORIZED, NULL, NULL, NULL, NULL);
      return FALSE;
    }

  if (g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    credentials->scheme = "Bearer";
  else if (g_ascii_strncasecmp (authorization, "DPoP ", 5) == 0)
    credentials->scheme = "DPoP";
  else
    {
      challenge (msg, SOUP_STATUS_UNAUTHORIZED, NULL, NULL, NULL, NULL);
      return FALSE;
    }

  rest = authorization + strlen (credentials->scheme) + 1;
  while (*rest == ' ')
    rest++;
  if (*rest == '\0' || strpbrk (rest, " ,") != NULL || in_query)
    {
      challenge (msg, SOUP_STATUS_BAD_REQUEST, credentials->scheme, "invalid_request",
                 "The request must carry one access token, in one way (RFC 6750 section 2).",
                 NULL);
      return FALSE;
    }

  credentials->token = g_strdup (rest);
  return TRUE;
}

/* Checks the token and its DPoP binding; on failure it answers. */
static JsonObject *
authenticate (GrantPracticeServer *server,
              SoupServerMessage   *msg,
              GHashTable          *query)
{
  Credentials credentials = { NULL, NULL };
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *jkt = NULL;
  const char *bound_to = NULL;
  JsonNode *cnf;

  if (!read_credentials (msg, query, &credentials))
    return NULL;
  token = credentials.token;

  claims = grant_practice_tokens_verify_access_token (server, token, &error);
  if (claims == NULL)
    {
      challenge (msg, SOUP_STATUS_UNAUTHORIZED, credentials.scheme, "invalid_token",
                 error->message, NULL);
      return NULL;
    }

  cnf = json_object_get_member (claims, "cnf");
  if (cnf != NULL && JSON_NODE_HOLDS_OBJECT (cnf))
    bound_to = grant_jose_json_lookup_string (json_node_get_object (cnf), "jkt");

  if (bound_to == NULL && strcmp (credentials.scheme, "DPoP") == 0)
    {
      challenge (msg, SOUP_STATUS_UNAUTHORIZED, "DPoP", "invalid_token",
                 "This access token is not bound to a DPoP key: send it as Bearer.", NULL);
      return NULL;
    }
  if (bound_to != NULL)
    {
      if (strcmp (credentials.scheme, "DPoP") != 0)
        {
          challenge (msg, SOUP_STATUS_UNAUTHORIZED, "DPoP", "invalid_token",
                     "This access token is bound to a DPoP key: send it with the DPoP scheme "
                     "and a proof (RFC 9449 section 7.1).", NULL);
          return NULL;
        }
      jkt = grant_practice_dpop_check_proof (server, msg, token, &error);
      if (jkt == NULL)
        {
          challenge (msg, SOUP_STATUS_UNAUTHORIZED, "DPoP", "invalid_dpop_proof", error->message,
                     NULL);
          return NULL;
        }
      if (strcmp (jkt, bound_to) != 0)
        {
          challenge (msg, SOUP_STATUS_UNAUTHORIZED, "DPoP", "invalid_dpop_proof",
                     "The DPoP proof was made with another key than the token is bound to.",
                     NULL);
          return NULL;
        }
    }

  /* The scheme is kept for the scope check's challenge. */
  json_object_set_string_member (claims, " scheme", credentials.scheme);
  return g_steal_pointer (&claims);
}

static gboolean
check_scope (GrantPracticeServer *server,
             SoupServerMessage   *msg,
             JsonObject          *claims,
             const char          *needed)
{
  g_autofree char *description = NULL;

  if (grant_practice_tokens_has_scope (grant_jose_json_lookup_string (claims, "scope"), needed))
    return TRUE;

  description = g_strdup_printf ("This request needs the scope %s, which the token lacks.",
                                 needed);
  challenge (msg, SOUP_STATUS_FORBIDDEN, grant_jose_json_lookup_string (claims, " scheme"),
             "insufficient_scope", description, needed);
  return FALSE;
}

static gboolean
rate_limited (Api               *api,
              SoupServerMessage *msg)
{
  guint retry_after = 1;
  g_autofree char *value = NULL;
  g_autoptr(JsonObject) body = json_object_new ();

  if (!grant_practice_server_get_fault (api->server, GRANT_PRACTICE_FAULT_API_RATE_LIMIT,
                                        &retry_after)
      || api->requests++ % 2 == 0)
    return FALSE;

  value = g_strdup_printf ("%u", retry_after);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                value);
  json_object_set_string_member (body, "error", "rate_limited");
  json_object_set_string_member (body, "error_description",
                                 "Too many requests: the practice provider's api-rate-limit "
                                 "fault is on.");
  grant_practice_http_send_json (msg, 429, body);
  return TRUE;
}

static void
answer_route (GrantPracticeServer *server,
              SoupServerMessage   *msg,
              const char          *method,
              const char          *path,
              JsonObject          *claims)
{
  g_autoptr(JsonObject) body = json_object_new ();
  const char *sub = grant_jose_json_lookup_string (claims, "sub");

  if (strcmp (path, "/api/profile") == 0)
    {
      json_object_set_string_member (body, "sub", sub);
      grant_practice_tokens_add_user_claims (body, sub, "profile email");
      grant_practice_http_send_json (msg, SOUP_STATUS_OK, body);
    }
  else if (strcmp (method, SOUP_METHOD_POST) == 0)
    {
      json_object_set_boolean_member (body, "created", TRUE);
      json_object_set_int_member (body, "id", 3);
      json_object_set_string_member (body, "owner", sub);
      grant_practice_http_send_json (msg, SOUP_STATUS_CREATED, body);
    }
  else
    {
      static const char photos[] =
        "{\"photos\":[{\"id\":1,\"title\":\"Harbour at dawn\"},"
        "{\"id\":2,\"title\":\"Lighthouse in fog\"}]}";

      grant_practice_http_send_text (msg, SOUP_STATUS_OK, "application/json", photos);
    }
}

static void
api_cb (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Api *api = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(GString) allowed = g_string_new (NULL);
  const char *scope = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (strcmp (routes[i].path, path) == 0)
      {
        g_string_append_printf (allowed, "%s%s", allowed->len > 0 ? ", " : "", routes[i].method);
        if (strcmp (routes[i].method, method) == 0)
          scope = routes[i].scope;
      }

  if (allowed->len == 0)
    {
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_NOT_FOUND, "not_found",
                                            "The API has /api/photos and /api/profile.");
      return;
    }
  if (scope == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    allowed->str);
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                                            "method_not_allowed", NULL);
      return;
    }

  if (rate_limited (api, msg))
    return;

  claims = authenticate (api->server, msg, query);
  if (claims == NULL)
    return;
  if (!grant_practice_server_get_fault (api->server, GRANT_PRACTICE_FAULT_API_IGNORES_SCOPES,
                                        NULL)
      && !check_scope (api->server, msg, claims, scope))
    return;

  answer_route (api->server, msg, method, path, claims);
}

static void
userinfo_cb (SoupServer        *soup_server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  GrantPracticeServer *server = user_data;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  const char *sub;
  const char *scope;

  claims = authenticate (server, msg, query);
  if (claims == NULL || !check_scope (server, msg, claims, "openid"))
    return;

  sub = grant_jose_json_lookup_string (claims, "sub");
  scope = grant_jose_json_lookup_string (claims, "scope");
  json_object_set_string_member (body, "sub", sub);
  grant_practice_tokens_add_user_claims (body, sub, scope);
  grant_practice_http_send_json (msg, SOUP_STATUS_OK, body);
}

/**
 * grant_practice_api_add_handlers:
 * @server: the server
 *
 * Serves the protected API under /api and the UserInfo endpoint.
 */
void
grant_practice_api_add_handlers (GrantPracticeServer *server)
{
  SoupServer *soup_server = grant_practice_server_get_soup_server (server);
  Api *api = g_new0 (Api, 1);

  api->server = server;
  soup_server_add_handler (soup_server, "/api", api_cb, api, g_free);
  soup_server_add_handler (soup_server, "/userinfo", userinfo_cb, server, NULL);
}
