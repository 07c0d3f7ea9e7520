/* test-oauth-request.c
 * Tests for requests to a resource server with a DPoP-bound token: the retry that RFC 9449 §9
 * asks for when the server wants a nonce, and no retry when the header only looks like it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-dpop-session.h"
#include "grant-jws.h"
#include "grant-oauth-request.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

#define SERVER_NONCE "eyJ7S_zG.eyJH0-Z.HX4w-7v"

typedef struct
{
  guint requests;
} Api;

/* The nonce claim of the request's DPoP proof, if any. */
static char *
proof_nonce (SoupServerMessage *message)
{
  const char *proof = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "DPoP");
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GBytes *payload;
  JsonObject *claims;

  if (proof == NULL || (jws = grant_jws_parse (proof, -1, NULL)) == NULL)
    return NULL;
  payload = grant_jws_get_payload (jws);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (payload, NULL),
                                   g_bytes_get_size (payload), NULL))
    return NULL;
  claims = json_node_get_object (json_parser_get_root (parser));

  return g_strdup (json_object_get_string_member_with_default (claims, "nonce", NULL));
}

/* /api wants the nonce as RFC 9449 §9 Figure 24 asks for it; /lookalike answers a 401 whose
 * description mentions use_dpop_nonce in a Bearer challenge, which asks for nothing. */
static void
api_handler (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Api *api = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *nonce = proof_nonce (message);

  api->requests++;
  if (g_strcmp0 (nonce, SERVER_NONCE) == 0 && g_str_equal (path, "/api"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{}", 2);
      return;
    }

  soup_message_headers_replace (headers, "DPoP-Nonce", SERVER_NONCE);
  soup_message_headers_replace (headers, "WWW-Authenticate",
                                g_str_equal (path, "/api")
                                ? "DPoP error=\"use_dpop_nonce\", error_description=\"Resource "
                                  "server requires nonce in DPoP proof\""
                                : "Bearer error=\"invalid_token\", error_description=\"not a "
                                  "use_dpop_nonce case\"");
  soup_server_message_set_status (message, SOUP_STATUS_UNAUTHORIZED, NULL);
}

static GrantExchange *
send_with_dpop (SoupServer       *server,
                const char       *path,
                GrantDpopSession *dpop)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autofree char *url = grant_test_server_get_url (server, path);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GrantExchange *exchange;

  grant_oauth_request_send_async (client, request, NULL, dpop, "access-token", "API call", NULL,
                                  grant_test_async_result_cb, &result);
  exchange = grant_oauth_request_send_finish (grant_test_async_wait (&result), &error);
  g_assert_no_error (error);

  return exchange;
}

static void
test_resource_nonce (void)
{
  g_autoptr(SoupServer) server = grant_test_server_new ();
  g_autoptr(GrantDpopSession) dpop = grant_dpop_session_new ("ES256", NULL);
  g_autoptr(GrantDpopSession) other = grant_dpop_session_new ("ES256", NULL);
  g_autoptr(GrantExchange) answered = NULL;
  g_autoptr(GrantExchange) refused = NULL;
  Api api = { 0 };

  soup_server_add_handler (server, "/api", api_handler, &api, NULL);
  soup_server_add_handler (server, "/lookalike", api_handler, &api, NULL);

  /* The DPoP challenge with use_dpop_nonce: one retry, with the nonce, which is kept. */
  answered = send_with_dpop (server, "/api", dpop);
  g_assert_cmpuint (grant_exchange_get_status (answered), ==, 200);
  g_assert_cmpuint (api.requests, ==, 2);

  /* The words in a Bearer challenge's description are not a nonce request: no retry. */
  api.requests = 0;
  refused = send_with_dpop (server, "/lookalike", other);
  g_assert_cmpuint (grant_exchange_get_status (refused), ==, 401);
  g_assert_cmpuint (api.requests, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/oauth-request/resource-nonce", test_resource_nonce);

  return g_test_run ();
}
