/* test-har.c
 * HAR 1.2 export and import, redaction, and "copy as curl": the structure the spec requires,
 * field by field; no secret left in a redacted export; import after export keeps every
 * exchange; hostile files refused with a reason; a copied curl command sends the request
 * Grant sent.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "grant-exchange-log.h"
#include "grant-har.h"
#include "grant-http-client.h"
#include "grant-redaction.h"
#include "grant-test-async.h"
#include "grant-test-data.h"
#include "grant-test-server.h"

/* Every secret the sample log holds; a redacted export must contain none of them. */
static const char * const secrets[] = {
  "s3cr3t-client-pass", "SplxlOBeZQQYbYS6WxSbIA", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
  "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
  "YmFzaWMtY3JlZGVudGlhbHM", "dpop-proof.jwt.value", "cookie-value-42",
};

static GrantExchange *
token_exchange (void)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST",
                                                                "https://as.example.com/token");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) body = NULL;
  GrantExchange *exchange;
  GrantExchangeTimings timings;
  static const char json[] =
    "{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
    "\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\",\"id_token\":\"eyJhbGciOiJSUzI1NiJ9.e30.c2ln\","
    "\"nested\":[{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\"}],\"scope\":\"openid photos:read\"}";

  grant_http_request_set_header (request, "Authorization", "Basic YmFzaWMtY3JlZGVudGlhbHM", TRUE);
  grant_http_request_set_header (request, "DPoP", "dpop-proof.jwt.value", FALSE);
  grant_http_request_set_header (request, "Accept", "application/json", FALSE);
  grant_http_request_set_form_field (request, "grant_type", "authorization_code", FALSE);
  grant_http_request_set_form_field (request, "code", "SplxlOBeZQQYbYS6WxSbIA", TRUE);
  grant_http_request_set_form_field (request, "code_verifier",
                                     "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", TRUE);
  grant_http_request_set_form_field (request, "redirect_uri", "http://127.0.0.1:8123/cb?x=1 2",
                                     FALSE);
  grant_http_request_set_form_field (request, "client_password", "s3cr3t-client-pass", TRUE);

  exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request, "Token request");
  timings = *grant_exchange_get_timings (exchange);
  timings.started_at = G_GINT64_CONSTANT (1795600000123456);
  timings.blocked = 120;
  timings.dns = 2000;
  timings.connect = 15000;
  timings.tls = 9000;
  timings.send = 0;
  timings.wait = 41234;
  timings.receive = 777;
  timings.total = 59131;
  grant_exchange_set_timings (exchange, &timings);
  grant_exchange_set_http_version (exchange, "HTTP/1.1");
  soup_message_headers_append (headers, "Content-Type", "application/json; charset=utf-8");
  soup_message_headers_append (headers, "Set-Cookie", "sid=cookie-value-42; HttpOnly");
  soup_message_headers_append (headers, "Cache-Control", "no-store");
  body = g_bytes_new_static (json, strlen (json));
  grant_exchange_set_response (exchange, 200, "OK", headers, body);

  return exchange;
}

/* The browser leaving the authorization server with a code: a front-channel redirect. */
static GrantExchange *
redirect_exchange (void)
{
  g_autoptr(GrantHttpRequest) request =
    grant_http_request_new ("GET", "https://as.example.com/authorize?response_type=code"
                                   "&client_id=app&state=af0ifjsldkj&code_challenge=E9Mel");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  GrantExchange *exchange;

  exchange = grant_exchange_new (GRANT_EXCHANGE_FRONT_CHANNEL, request, "Authorization request");
  soup_message_headers_append (headers, "Location",
                               "http://127.0.0.1:8123/cb?code=SplxlOBeZQQYbYS6WxSbIA"
                               "&state=af0ifjsldkj#access_token=2YotnFZFEjr1zCsicMWpAA&x=y");
  grant_exchange_set_response (exchange, 302, "Found", headers, NULL);

  return exchange;
}

static GrantExchange *
failed_exchange (void)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET",
                                                                "https://api.example.com/photos");
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                 "Could not connect to api.example.com: refused");
  GrantExchange *exchange;

  grant_http_request_set_header (request, "Authorization", "Bearer 2YotnFZFEjr1zCsicMWpAA", TRUE);
  exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request, "API call");
  grant_exchange_fail (exchange, error);

  return exchange;
}

static GrantExchange *
binary_exchange (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0xd, 0xff };
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("PUT",
                                                                "https://api.example.com/a.png");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) body = g_bytes_new_static (png, sizeof png);
  GrantExchange *exchange;

  grant_http_request_set_body (request, "image/png", body);
  exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request, "Upload");
  grant_exchange_set_http_version (exchange, "HTTP/2");
  soup_message_headers_append (headers, "Content-Type", "image/png");
  grant_exchange_set_response (exchange, 201, "Created", headers, body);

  return exchange;
}

/* Four finished exchanges and one still waiting, which HAR leaves out. */
static GrantExchangeLog *
sample_log (void)
{
  GrantExchangeLog *log = grant_exchange_log_new ();
  GrantExchange *(*makers[]) (void) = {
    redirect_exchange, token_exchange, failed_exchange, binary_exchange,
  };
  g_autoptr(GrantHttpRequest) waiting = grant_http_request_new ("GET", "https://slow.example/");
  g_autoptr(GrantExchange) sending = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, waiting,
                                                         "Slow");

  for (guint i = 0; i < G_N_ELEMENTS (makers); i++)
    {
      g_autoptr(GrantExchange) exchange = makers[i] ();

      grant_exchange_log_append (log, exchange);
    }
  grant_exchange_log_append (log, sending);

  return log;
}

static JsonNode *
require (JsonObject *object,
         const char *name,
         GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_error ("HAR member “%s” is missing", name);
  if (type == JSON_TYPE_OBJECT)
    g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  else if (type == JSON_TYPE_ARRAY)
    g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  else if (type == G_TYPE_DOUBLE)
    g_assert_true (JSON_NODE_HOLDS_VALUE (node)
                   && (json_node_get_value_type (node) == G_TYPE_DOUBLE
                       || json_node_get_value_type (node) == G_TYPE_INT64));
  else
    g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type);

  return node;
}

static void
check_name_values (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *pair = json_array_get_object_element (array, i);

      require (pair, "name", G_TYPE_STRING);
      require (pair, "value", G_TYPE_STRING);
    }
}

static void
check_request (JsonObject *request)
{
  JsonNode *post_data = json_object_get_member (request, "postData");

  require (request, "method", G_TYPE_STRING);
  require (request, "url", G_TYPE_STRING);
  require (request, "httpVersion", G_TYPE_STRING);
  check_name_values (json_node_get_array (require (request, "cookies", JSON_TYPE_ARRAY)));
  check_name_values (json_node_get_array (require (request, "headers", JSON_TYPE_ARRAY)));
  check_name_values (json_node_get_array (require (request, "queryString", JSON_TYPE_ARRAY)));
  g_assert_cmpint (json_node_get_int (require (request, "headersSize", G_TYPE_INT64)), ==, -1);
  g_assert_cmpint (json_node_get_int (require (request, "bodySize", G_TYPE_INT64)), >=, 0);
  if (post_data != NULL)
    {
      JsonObject *object = json_node_get_object (post_data);

      require (object, "mimeType", G_TYPE_STRING);
      /* HAR 1.2: "text and params fields are mutually exclusive" */
      g_assert_true (json_object_has_member (object, "params")
                     != json_object_has_member (object, "text"));
      if (json_object_has_member (object, "params"))
        check_name_values (json_node_get_array (require (object, "params", JSON_TYPE_ARRAY)));
      else
        require (object, "text", G_TYPE_STRING);
    }
}

static void
check_response (JsonObject *response)
{
  JsonObject *content;

  require (response, "status", G_TYPE_INT64);
  require (response, "statusText", G_TYPE_STRING);
  require (response, "httpVersion", G_TYPE_STRING);
  check_name_values (json_node_get_array (require (response, "cookies", JSON_TYPE_ARRAY)));
  check_name_values (json_node_get_array (require (response, "headers", JSON_TYPE_ARRAY)));
  content = json_node_get_object (require (response, "content", JSON_TYPE_OBJECT));
  g_assert_cmpint (json_node_get_int (require (content, "size", G_TYPE_INT64)), >=, 0);
  require (content, "mimeType", G_TYPE_STRING);
  if (json_object_has_member (content, "encoding"))
    g_assert_cmpstr (json_object_get_string_member (content, "encoding"), ==, "base64");
  require (response, "redirectURL", G_TYPE_STRING);
  g_assert_cmpint (json_node_get_int (require (response, "headersSize", G_TYPE_INT64)), ==, -1);
  require (response, "bodySize", G_TYPE_INT64);
}

/* HAR 1.2's entry: every required field, of its type; time is the sum of the timings. */
static void
check_entry (JsonObject *entry)
{
  JsonObject *timings;
  g_autoptr(GDateTime) started = NULL;
  double sum = 0;
  static const char * const phases[] = { "blocked", "dns", "connect", "send", "wait", "receive" };

  started = g_date_time_new_from_iso8601 (
    json_node_get_string (require (entry, "startedDateTime", G_TYPE_STRING)), NULL);
  g_assert_nonnull (started);
  check_request (json_node_get_object (require (entry, "request", JSON_TYPE_OBJECT)));
  check_response (json_node_get_object (require (entry, "response", JSON_TYPE_OBJECT)));
  require (entry, "cache", JSON_TYPE_OBJECT);

  timings = json_node_get_object (require (entry, "timings", JSON_TYPE_OBJECT));
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      double value = json_node_get_double (require (timings, phases[i], G_TYPE_DOUBLE));

      /* send, wait and receive are required and never -1 */
      g_assert_cmpfloat (value, >=, i >= 3 ? 0 : -1);
      sum += MAX (value, 0);
    }
  g_assert_cmpfloat (json_node_get_double (require (timings, "ssl", G_TYPE_DOUBLE)), >=, -1);
  g_assert_cmpfloat_with_epsilon (json_node_get_double (require (entry, "time", G_TYPE_DOUBLE)),
                                  sum, 0.0005);
}

static JsonObject *
entry_at (JsonObject *har,
          guint       index)
{
  JsonObject *log = json_object_get_object_member (har, "log");

  return json_array_get_object_element (json_object_get_array_member (log, "entries"), index);
}

static const char *
header_value (JsonObject *message,
              const char *name)
{
  JsonArray *headers = json_object_get_array_member (message, "headers");

  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonObject *pair = json_array_get_object_element (headers, i);

      if (g_ascii_strcasecmp (json_object_get_string_member (pair, "name"), name) == 0)
        return json_object_get_string_member (pair, "value");
    }

  return NULL;
}

static void
test_har_structure (void)
{
  g_autoptr(GrantExchangeLog) log = sample_log ();
  g_autofree char *text = grant_har_export (G_LIST_MODEL (log), GRANT_HAR_NONE, NULL);
  g_autoptr(JsonObject) har = grant_test_parse_json_object (text);
  JsonObject *log_object = json_node_get_object (require (har, "log", JSON_TYPE_OBJECT));
  JsonObject *creator;
  JsonArray *entries;
  JsonObject *token;
  JsonObject *failed;

  g_assert_cmpstr (json_node_get_string (require (log_object, "version", G_TYPE_STRING)), ==,
                   "1.2");
  creator = json_node_get_object (require (log_object, "creator", JSON_TYPE_OBJECT));
  g_assert_cmpstr (json_node_get_string (require (creator, "name", G_TYPE_STRING)), ==, "Grant");
  require (creator, "version", G_TYPE_STRING);
  entries = json_node_get_array (require (log_object, "entries", JSON_TYPE_ARRAY));
  g_assert_cmpuint (json_array_get_length (entries), ==, 4);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    check_entry (json_array_get_object_element (entries, i));

  /* What the token request's entry says, in HAR's units */
  token = entry_at (har, 1);
  g_assert_cmpstr (json_object_get_string_member (token, "startedDateTime"), ==,
                   "2026-11-25T09:46:40.123456Z");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (token, "time"), 59.131, 1e-9);
  g_assert_cmpfloat_with_epsilon (
    json_object_get_double_member (json_object_get_object_member (token, "timings"), "ssl"), 9.0,
    1e-9);
  g_assert_cmpstr (json_object_get_string_member (token, "_grantChannel"), ==, "back-channel");
  g_assert_cmpstr (json_object_get_string_member (token, "_grantTitle"), ==, "Token request");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (token, "request"),
                                              "bodySize"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (entry_at (har, 0), "_grantChannel"), ==,
                   "front-channel");

  /* A failed exchange: status 0 and Chrome's _error */
  failed = entry_at (har, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (failed, "response"),
                                              "status"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (failed, "_error"), ==,
                   "Could not connect to api.example.com: refused");

  /* The query string, decoded */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (entry_at (har, 0), "request"),
                      "queryString")), ==, 4);
}

static void
test_har_redacted (void)
{
  g_autoptr(GrantExchangeLog) log = sample_log ();
  g_autofree char *text = grant_har_export (G_LIST_MODEL (log), GRANT_HAR_NONE, NULL);
  g_autoptr(JsonObject) har = grant_test_parse_json_object (text);
  JsonObject *redirect = json_object_get_object_member (entry_at (har, 0), "response");
  JsonObject *request = json_object_get_object_member (entry_at (har, 1), "request");
  JsonObject *response = json_object_get_object_member (entry_at (har, 1), "response");
  g_autoptr(JsonParser) content = json_parser_new ();
  JsonObject *token_response;
  JsonArray *params;

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (text, secrets[i]) != NULL)
      g_error ("The redacted HAR still holds the secret “%s”:\n%s", secrets[i], text);

  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (har, "log"),
                                                   "comment"));

  /* The shape stays: the scheme of a credential header, the names of secret fields, the
   * state next to the redacted code */
  g_assert_cmpstr (header_value (request, "Authorization"), ==, "Basic " GRANT_REDACTED);
  g_assert_cmpstr (header_value (request, "DPoP"), ==, GRANT_REDACTED);
  g_assert_cmpstr (header_value (request, "Accept"), ==, "application/json");
  g_assert_cmpstr (header_value (response, "Set-Cookie"), ==, GRANT_REDACTED);
  g_assert_cmpstr (header_value (response, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (json_object_get_string_member (redirect, "redirectURL"), ==,
                   "http://127.0.0.1:8123/cb?code=" GRANT_REDACTED "&state=af0ifjsldkj"
                   "#access_token=" GRANT_REDACTED "&x=y");
  g_assert_cmpstr (header_value (redirect, "Location"), ==,
                   json_object_get_string_member (redirect, "redirectURL"));

  params = json_object_get_array_member (json_object_get_object_member (request, "postData"),
                                         "params");
  g_assert_cmpuint (json_array_get_length (params), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (params, 0),
                                                  "value"), ==, "authorization_code");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (params, 1),
                                                  "value"), ==, GRANT_REDACTED);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (params, 3),
                                                  "value"), ==, "http://127.0.0.1:8123/cb?x=1 2");

  json_parser_load_from_data (content, json_object_get_string_member (
                                json_object_get_object_member (response, "content"), "text"),
                              -1, NULL);
  token_response = json_node_get_object (json_parser_get_root (content));
  g_assert_cmpstr (json_object_get_string_member (token_response, "access_token"), ==,
                   GRANT_REDACTED);
  g_assert_cmpstr (json_object_get_string_member (token_response, "token_type"), ==, "Bearer");
  g_assert_cmpstr (json_object_get_string_member (token_response, "scope"), ==,
                   "openid photos:read");
  g_assert_cmpint (json_object_get_int_member (token_response, "expires_in"), ==, 3600);
}

static void
test_har_include_secrets (void)
{
  g_autoptr(GrantExchangeLog) log = sample_log ();
  g_autofree char *text = grant_har_export (G_LIST_MODEL (log), GRANT_HAR_INCLUDE_SECRETS, NULL);
  g_autoptr(JsonObject) har = grant_test_parse_json_object (text);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_nonnull (strstr (text, secrets[i]));
  g_assert_false (json_object_has_member (json_object_get_object_member (har, "log"), "comment"));
  g_assert_cmpstr (header_value (json_object_get_object_member (entry_at (har, 1), "request"),
                                 "Authorization"), ==, "Basic YmFzaWMtY3JlZGVudGlhbHM");
}

static void
assert_fields_equal (const GrantHttpField *a,
                     guint                 n_a,
                     const GrantHttpField *b,
                     guint                 n_b)
{
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    {
      g_assert_cmpstr (a[i].name, ==, b[i].name);
      g_assert_cmpstr (a[i].value, ==, b[i].value);
    }
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_assert_cmpuint (a != NULL ? g_bytes_get_size (a) : 0, ==, b != NULL ? g_bytes_get_size (b) : 0);
  if (a != NULL && b != NULL)
    g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                     g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static void
assert_exchanges_equal (GrantExchange *a,
                        GrantExchange *b)
{
  GrantHttpRequest *ra = grant_exchange_get_request (a);
  GrantHttpRequest *rb = grant_exchange_get_request (b);
  const GrantExchangeTimings *ta = grant_exchange_get_timings (a);
  const GrantExchangeTimings *tb = grant_exchange_get_timings (b);
  g_autoptr(GBytes) body_a = grant_http_request_dup_body (ra, NULL);
  g_autoptr(GBytes) body_b = grant_http_request_dup_body (rb, NULL);
  const GrantHttpField *fa, *fb;
  guint na, nb;

  g_assert_cmpint (grant_exchange_get_channel (a), ==, grant_exchange_get_channel (b));
  g_assert_cmpstr (grant_exchange_get_title (a), ==, grant_exchange_get_title (b));
  g_assert_cmpint (grant_exchange_get_state (a), ==, grant_exchange_get_state (b));
  g_assert_cmpuint (grant_exchange_get_status (a), ==, grant_exchange_get_status (b));
  g_assert_cmpstr (grant_exchange_get_reason_phrase (a), ==, grant_exchange_get_reason_phrase (b));
  g_assert_cmpstr (grant_exchange_get_http_version (a), ==, grant_exchange_get_http_version (b));
  g_assert_cmpstr (grant_http_request_get_method (ra), ==, grant_http_request_get_method (rb));
  g_assert_cmpstr (grant_http_request_get_uri (ra), ==, grant_http_request_get_uri (rb));

  fa = grant_http_request_get_headers (ra, &na);
  fb = grant_http_request_get_headers (rb, &nb);
  assert_fields_equal (fa, na, fb, nb);
  fa = grant_http_request_get_form_fields (ra, &na);
  fb = grant_http_request_get_form_fields (rb, &nb);
  assert_fields_equal (fa, na, fb, nb);
  assert_bytes_equal (body_a, body_b);

  fa = grant_exchange_get_response_headers (a, &na);
  fb = grant_exchange_get_response_headers (b, &nb);
  assert_fields_equal (fa, na, fb, nb);
  assert_bytes_equal (grant_exchange_get_response_body (a), grant_exchange_get_response_body (b));

  g_assert_cmpint (ta->started_at, ==, tb->started_at);
  g_assert_cmpint (ta->blocked, ==, tb->blocked);
  g_assert_cmpint (ta->dns, ==, tb->dns);
  g_assert_cmpint (ta->connect, ==, tb->connect);
  g_assert_cmpint (ta->tls, ==, tb->tls);
  /* HAR has no unknown wait or receive: when Grant saw only the total, it is the wait */
  if (ta->wait >= 0)
    g_assert_cmpint (ta->wait, ==, tb->wait);
  g_assert_cmpint (MAX (ta->receive, 0), ==, tb->receive);

  if (grant_exchange_get_error (a) != NULL)
    g_assert_cmpstr (grant_exchange_get_error (a)->message, ==,
                     grant_exchange_get_error (b)->message);
}

/* Import after export keeps every exchange, and a second export is the first, byte for byte. */
static void
test_har_round_trip (void)
{
  g_autoptr(GrantExchangeLog) log = sample_log ();
  g_autoptr(GrantExchangeLog) imported_log = grant_exchange_log_new ();
  g_autofree char *text = grant_har_export (G_LIST_MODEL (log), GRANT_HAR_INCLUDE_SECRETS, NULL);
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;

  imported = grant_har_import (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, 4);
  for (guint i = 0; i < imported->len; i++)
    {
      g_autoptr(GrantExchange) original = g_list_model_get_item (G_LIST_MODEL (log), i);

      assert_exchanges_equal (original, g_ptr_array_index (imported, i));
      grant_exchange_log_append (imported_log, g_ptr_array_index (imported, i));
    }

  again = grant_har_export (G_LIST_MODEL (imported_log), GRANT_HAR_INCLUDE_SECRETS, NULL);
  g_assert_cmpstr (again, ==, text);
}

/* A browser's HAR has no Grant fields: its entries came through the browser. */
static void
test_har_import_browser (void)
{
  static const char har[] =
    "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Firefox\",\"version\":\"128\"},"
    "\"entries\":[{\"startedDateTime\":\"2026-01-02T03:04:05.678+01:00\",\"time\":12.5,"
    "\"request\":{\"method\":\"GET\",\"url\":\"https://as.example/authorize?a=b\","
    "\"httpVersion\":\"HTTP/2\",\"cookies\":[],\"headers\":[{\"name\":\"Accept\",\"value\":\"*/*\"},"
    "{\"name\":7}],\"queryString\":[],\"headersSize\":-1,\"bodySize\":0},"
    "\"response\":{\"status\":302,\"statusText\":\"\",\"httpVersion\":\"HTTP/2\",\"cookies\":[],"
    "\"headers\":[{\"name\":\"location\",\"value\":\"https://app/cb?code=x\"}],"
    "\"content\":{\"size\":0,\"mimeType\":\"\"},\"redirectURL\":\"https://app/cb?code=x\","
    "\"headersSize\":-1,\"bodySize\":0},\"cache\":{},"
    "\"timings\":{\"send\":0.5,\"wait\":11,\"receive\":1}}]}}";
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;
  GrantExchange *exchange;

  imported = grant_har_import (har, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, 1);
  exchange = g_ptr_array_index (imported, 0);
  g_assert_cmpint (grant_exchange_get_channel (exchange), ==, GRANT_EXCHANGE_FRONT_CHANNEL);
  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 302);
  g_assert_cmpstr (grant_exchange_get_response_header (exchange, "Location"), ==,
                   "https://app/cb?code=x");
  g_assert_cmpint (grant_exchange_get_timings (exchange)->started_at, ==,
                   G_GINT64_CONSTANT (1767319445678000));
  g_assert_cmpint (grant_exchange_get_timings (exchange)->wait, ==, 11000);
  g_assert_cmpint (grant_exchange_get_timings (exchange)->dns, ==, -1);
  /* the header without a string name is skipped, not fatal */
  g_assert_cmpstr (grant_http_request_get_header (grant_exchange_get_request (exchange), "Accept"),
                   ==, "*/*");
}

static void
test_har_import_hostile (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "it is empty" },
    { "   ", "no “log” with “entries”" },
    { "{\"log\":", "not JSON" },
    { "[1,2,3]", "no “log” with “entries”" },
    { "{\"log\":{\"entries\":{}}}", "no “log” with “entries”" },
    { "{\"log\":{\"version\":\"2.0\",\"entries\":[]}}", "HAR version 2.0" },
    { "{\"log\":{\"entries\":[42]}}", "Entry 1 is not an object" },
    { "{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"https://a/\"}},"
      "{\"request\":{\"method\":\"GET\"}}]}}", "Entry 2 has no request method or URL" },
    { "{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"https://a/\"},"
      "\"response\":{\"status\":70000}}]}}", "not an HTTP status" },
    { "{\"log\":{\"entries\":[{\"request\":{\"method\":[],\"url\":{}}}]}}", "no request method" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) imported = grant_har_import (cases[i].text, -1, &error);

      g_assert_null (imported);
      g_assert_error (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
    }
}

/* Many entries with odd members: every one read, none fatal. */
static void
test_har_import_many (void)
{
  GString *text = g_string_new ("{\"log\":{\"version\":\"1.2\",\"entries\":[");
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "%s{\"request\":{\"method\":\"GET\",\"url\":\"https://a/%u\","
                            "\"headers\":\"no\",\"postData\":{\"text\":\"%s\",\"encoding\":\"base64\"}},"
                            "\"response\":{\"status\":%u,\"content\":{\"text\":5}},"
                            "\"timings\":{\"wait\":\"x\"},\"time\":-3}",
                            i > 0 ? "," : "", i, i % 2 ? "!!notbase64" : "aGk=", 200 + i % 300);
  g_string_append (text, "]}}");

  imported = grant_har_import (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->len, ==, 2000);
  g_assert_cmpuint (grant_exchange_get_status (g_ptr_array_index (imported, 1999)), ==, 399);
  g_string_free (text, TRUE);
}

static gboolean
secret_x (const char *name,
          gpointer    user_data)
{
  return strcmp (name, "x") == 0 || strcmp (name, "a b") == 0;
}

static void
test_redaction (void)
{
  static const struct {
    const char *uri;
    const char *redacted;
  } uris[] = {
    { "https://a/p", "https://a/p" },
    { "https://a/p?x=1", "https://a/p?x=" GRANT_REDACTED },
    { "https://a/p?y=1&x=2&x=3&z", "https://a/p?y=1&x=" GRANT_REDACTED "&x=" GRANT_REDACTED "&z" },
    { "https://a/p?a%20b=1&xx=2", "https://a/p?a%20b=" GRANT_REDACTED "&xx=2" },
    { "https://a/p#x=1&y=2", "https://a/p#x=" GRANT_REDACTED "&y=2" },
    { "https://a/p?x=1#x=2", "https://a/p?x=" GRANT_REDACTED "#x=" GRANT_REDACTED },
    { "https://a/p?&&x", "https://a/p?&&x" },
    { "https://a/p?x=", "https://a/p?x=" GRANT_REDACTED },
    { "https://a/p?%zz=1", "https://a/p?%zz=1" },
  };
  static const struct {
    const char *value;
    const char *redacted;
  } headers[] = {
    { "Bearer abc.def", "Bearer " GRANT_REDACTED },
    { "DPoP abc", "DPoP " GRANT_REDACTED },
    { "abc.def", GRANT_REDACTED },
    { "Basic", GRANT_REDACTED },
    { "", GRANT_REDACTED },
    { "sid=1; Path=/", GRANT_REDACTED },
  };
  static const char nested[] = "[{\"x\":{\"deep\":1},\"y\":[{\"x\":\"s\"}],\"n\":null},{\"x\":null}]";
  g_autofree char *json = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autofree char *redacted = grant_redaction_redact_uri (uris[i].uri, secret_x, NULL);

      g_assert_cmpstr (redacted, ==, uris[i].redacted);
    }
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *redacted = grant_redaction_redact_header (headers[i].value);

      g_assert_cmpstr (redacted, ==, headers[i].redacted);
    }

  json = grant_redaction_redact_json (nested, strlen (nested), secret_x, NULL);
  g_assert_cmpstr (json, ==, "[{\"x\":\"" GRANT_REDACTED "\",\"y\":[{\"x\":\"" GRANT_REDACTED
                   "\"}],\"n\":null},{\"x\":null}]");
  g_assert_null (grant_redaction_redact_json ("not json", 8, secret_x, NULL));
  g_clear_pointer (&json, g_free);
  /* Nothing secret: the text as it came, spaces and all */
  json = grant_redaction_redact_json ("{ \"a\" : [1, 2] }", 16, secret_x, NULL);
  g_assert_cmpstr (json, ==, "{ \"a\" : [1, 2] }");
  g_assert_null (grant_redaction_redact_json ("", 0, secret_x, NULL));

  g_assert_true (grant_redaction_is_secret_header ("authorization"));
  g_assert_true (grant_redaction_is_secret_name ("code_verifier"));
  g_assert_false (grant_redaction_is_secret_name ("state"));
}

static void
test_curl_command (void)
{
  g_autoptr(GrantExchange) exchange = token_exchange ();
  GrantHttpRequest *request = grant_exchange_get_request (exchange);
  g_autoptr(GrantHttpRequest) put = grant_http_request_new ("PUT", "https://api/x?access_token=t0k&q=1");
  g_autoptr(GrantHttpRequest) get = grant_http_request_new ("GET", "https://api/it's");
  g_autoptr(GBytes) json = g_bytes_new_static ("{\"refresh_token\":\"r\",\"a\":1}", 27);
  g_autofree char *redacted = grant_http_request_dup_curl_command (request, FALSE);
  g_autofree char *full = grant_http_request_dup_curl_command (request, TRUE);
  g_autofree char *put_command = NULL;
  g_autofree char *get_command = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (redacted, secrets[i]));
  g_assert_cmpstr (redacted, ==,
                   "curl 'https://as.example.com/token' \\\n"
                   "  --header 'Authorization: Basic REDACTED' \\\n"
                   "  --header 'DPoP: REDACTED' \\\n"
                   "  --header 'Accept: application/json' \\\n"
                   "  --header 'Content-Type: application/x-www-form-urlencoded' \\\n"
                   "  --data-urlencode 'grant_type=authorization_code' \\\n"
                   "  --data-urlencode 'code=REDACTED' \\\n"
                   "  --data-urlencode 'code_verifier=REDACTED' \\\n"
                   "  --data-urlencode 'redirect_uri=http://127.0.0.1:8123/cb?x=1 2' \\\n"
                   "  --data-urlencode 'client_password=REDACTED'");
  g_assert_nonnull (strstr (full, "'code=SplxlOBeZQQYbYS6WxSbIA'"));
  g_assert_nonnull (strstr (full, "'Authorization: Basic YmFzaWMtY3JlZGVudGlhbHM'"));

  grant_http_request_set_body (put, "application/json", json);
  put_command = grant_http_request_dup_curl_command (put, FALSE);
  g_assert_cmpstr (put_command, ==,
                   "curl --request PUT 'https://api/x?access_token=REDACTED&q=1' \\\n"
                   "  --header 'Content-Type: application/json' \\\n"
                   "  --data-binary '{\"refresh_token\":\"REDACTED\",\"a\":1}'");

  get_command = grant_http_request_dup_curl_command (get, FALSE);
  g_assert_cmpstr (get_command, ==, "curl 'https://api/it'\\''s'");
}

/* The copied command, run by a real curl, sends what Grant sends: the same method, path,
 * headers and form. */
typedef struct
{
  char       *method;
  char       *path;
  char       *authorization;
  char       *extra;
  GHashTable *form;
} Received;

static Received received[2];
static guint n_received;

static void
record_handler (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  Received *r = &received[MIN (n_received, 1)];

  n_received++;
  r->method = g_strdup (soup_server_message_get_method (message));
  r->path = g_uri_to_string (soup_server_message_get_uri (message));
  r->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  r->extra = g_strdup (soup_message_headers_get_one (headers, "X-Grant-Test"));
  r->form = soup_form_decode (text);
  soup_server_message_set_status (message, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
received_clear (Received *r)
{
  g_free (r->method);
  g_free (r->path);
  g_free (r->authorization);
  g_free (r->extra);
  g_hash_table_unref (r->form);
}

static void
test_curl_runs (void)
{
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *command = NULL;
  g_autofree char *script = NULL;
  GHashTableIter iter;
  gpointer name, value;

  if (curl == NULL)
    {
      g_test_skip ("curl is not installed (build-aux/test installs it)");
      return;
    }

  server = grant_test_server_new ();
  soup_server_add_handler (server, "/token", record_handler, NULL, NULL);
  uri = grant_test_server_get_url (server, "/token?tenant=a%20b&x=1");
  request = grant_http_request_new ("PATCH", uri);
  grant_http_request_set_header (request, "Authorization", "Bearer it's a \"token\"", TRUE);
  grant_http_request_set_header (request, "X-Grant-Test", "$HOME `id`", FALSE);
  grant_http_request_set_form_field (request, "grant_type", "refresh_token", FALSE);
  grant_http_request_set_form_field (request, "scope", "photos:read  profile&x=1+2", FALSE);
  grant_http_request_set_form_field (request, "refresh_token", "r€fresh/=", TRUE);

  grant_http_client_send_async (client, request, NULL, NULL, grant_test_async_result_cb, &result);
  exchange = grant_http_client_send_finish (client, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  command = grant_http_request_dup_curl_command (request, TRUE);
  script = g_strdup_printf ("%s --silent --show-error --fail", command);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "/bin/sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, grant_test_async_result_cb, &result);
  g_subprocess_wait_check_finish (process, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (n_received, ==, 2);
  g_assert_cmpstr (received[1].method, ==, received[0].method);
  g_assert_cmpstr (received[1].method, ==, "PATCH");
  g_assert_cmpstr (received[1].path, ==, received[0].path);
  g_assert_cmpstr (received[1].authorization, ==, "Bearer it's a \"token\"");
  g_assert_cmpstr (received[1].extra, ==, "$HOME `id`");
  g_assert_cmpuint (g_hash_table_size (received[1].form), ==, 3);
  g_hash_table_iter_init (&iter, received[0].form);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_assert_cmpstr (g_hash_table_lookup (received[1].form, name), ==, value);
  g_assert_cmpstr (g_hash_table_lookup (received[1].form, "refresh_token"), ==, "r€fresh/=");

  received_clear (&received[0]);
  received_clear (&received[1]);
  grant_test_server_stop (g_steal_pointer (&server));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/har/structure", test_har_structure);
  g_test_add_func ("/har/redacted", test_har_redacted);
  g_test_add_func ("/har/include-secrets", test_har_include_secrets);
  g_test_add_func ("/har/round-trip", test_har_round_trip);
  g_test_add_func ("/har/import/browser", test_har_import_browser);
  g_test_add_func ("/har/import/hostile", test_har_import_hostile);
  g_test_add_func ("/har/import/many", test_har_import_many);
  g_test_add_func ("/redaction", test_redaction);
  g_test_add_func ("/curl/command", test_curl_command);
  g_test_add_func ("/curl/runs", test_curl_runs);

  return g_test_run ();
}
