/* test-http-client.c
 * The recording HTTP client: what it logs, how it fails, and the interception point.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-http-client.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

static SoupServer *server;

/* Answers with the request's method, content type, Authorization header and body as JSON. */
static void
echo_handler (SoupServer        *s,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) body = soup_message_body_flatten (request_body);
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  const char *authorization = soup_message_headers_get_one (request_headers, "Authorization");
  const char *content_type = soup_message_headers_get_one (request_headers, "Content-Type");
  const char *extra = soup_message_headers_get_one (request_headers, "X-Step");
  g_autofree char *json = g_strdup_printf ("{\"method\":\"%s\",\"content_type\":\"%s\","
                                           "\"authorization\":\"%s\",\"x_step\":\"%s\","
                                           "\"body\":\"%s\"}",
                                           soup_server_message_get_method (message),
                                           content_type != NULL ? content_type : "",
                                           authorization != NULL ? authorization : "",
                                           extra != NULL ? extra : "", text);

  soup_message_headers_append (soup_server_message_get_response_headers (message),
                               "Set-Cookie", "session=abc");
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static void
error_handler (SoupServer        *s,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  static const char body[] = "{\"error\":\"server_error\"}";

  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
  soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
}

/* Never answers: the message stays paused until the server goes away. */
static void
silent_handler (SoupServer        *s,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  soup_server_message_pause (message);
}

static void
large_handler (SoupServer        *s,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  g_autofree char *body = g_malloc0 (4096);

  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_COPY, body, 4096);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

/* /redirect/STATUS/N redirects N more times, then to /echo; /loop redirects to itself;
 * /away redirects to the URL in the query's "to". */
static void
redirect_handler (SoupServer        *s,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autofree char *location = NULL;
  guint status = 302;

  if (g_str_equal (path, "/loop"))
    location = g_strdup ("/loop");
  else if (g_str_equal (path, "/away"))
    location = g_strdup (g_hash_table_lookup (query, "to"));
  else
    {
      guint remaining;

      g_assert_cmpuint (g_strv_length (parts), ==, 4);
      status = (guint) g_ascii_strtoull (parts[2], NULL, 10);
      remaining = (guint) g_ascii_strtoull (parts[3], NULL, 10);
      location = remaining > 0 ? g_strdup_printf ("/redirect/%u/%u", status, remaining - 1)
                               : g_strdup ("/echo");
    }

  soup_server_message_set_redirect (message, status, location);
}

static GrantExchange *
send_request (GrantHttpClient   *client,
              GrantHttpRequest  *request,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  grant_http_client_send_async (client, request, "Test request", NULL,
                                grant_test_async_result_cb, &result);

  return grant_http_client_send_finish (client, grant_test_async_wait (&result), error);
}

static GrantExchange *
log_item (GrantHttpClient *client,
          guint            position)
{
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (client));
  g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, position);

  g_assert_nonnull (exchange);

  return exchange;
}

/* RFC 6749 Appendix B: a space is "+", everything but the unreserved set percent-encoded. */
static void
test_form_encoding (void)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", "http://127.0.0.1/");
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *encoded = grant_http_request_form_encode (" %&+£\xe2\x82\xac");

  g_assert_cmpstr (encoded, ==, "+%25%26%2B%C2%A3%E2%82%AC");

  grant_http_request_set_form_field (request, "grant_type", "client_credentials", FALSE);
  grant_http_request_set_form_field (request, "scope", "photos:read profile", FALSE);
  grant_http_request_set_form_field (request, "client_secret", "s3cr=t&", TRUE);
  /* Setting a field again replaces it where it was. */
  grant_http_request_set_form_field (request, "scope", "photos:read", FALSE);
  body = grant_http_request_dup_body (request, &content_type);

  g_assert_cmpstr (content_type, ==, "application/x-www-form-urlencoded");
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   "grant_type=client_credentials&scope=photos%3Aread&client_secret=s3cr%3Dt%26",
                   strlen ("grant_type=client_credentials&scope=photos%3Aread&"
                           "client_secret=s3cr%3Dt%26"));
  g_assert_true (grant_http_request_is_secret (request, "s3cr=t&"));
  g_assert_false (grant_http_request_is_secret (request, "photos:read"));
  g_assert_true (grant_http_request_remove_form_field (request, "client_secret"));
  g_assert_false (grant_http_request_remove_form_field (request, "client_secret"));
  g_assert_null (grant_http_request_get_form_field (request, "client_secret"));
}

/* A request and its response are logged whole: method, URL, headers, body, status,
 * timings, and which values are secrets. */
static void
test_logged (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autofree char *url = grant_test_server_get_url (server, "/echo");
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", url);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;
  GrantExchange *logged;
  const GrantExchangeTimings *timings;
  const GrantHttpField *headers;
  guint n_headers = 0;
  GBytes *body;

  grant_http_request_set_header (request, "Authorization", "Basic Z3JhbnQ6c2VjcmV0", TRUE);
  grant_http_request_set_form_field (request, "grant_type", "client_credentials", FALSE);

  exchange = send_request (client, request, &error);
  g_assert_no_error (error);

  logged = log_item (client, 0);
  g_assert_true (logged == exchange);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (client))),
                    ==, 1);
  g_assert_cmpint (grant_exchange_get_channel (exchange), ==, GRANT_EXCHANGE_BACK_CHANNEL);
  g_assert_cmpint (grant_exchange_get_state (exchange), ==, GRANT_EXCHANGE_COMPLETE);
  g_assert_cmpstr (grant_exchange_get_title (exchange), ==, "Test request");
  g_assert_true (grant_exchange_get_request (exchange) == request);
  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
  g_assert_cmpstr (grant_exchange_get_response_header (exchange, "content-type"), ==,
                   "application/json");

  body = grant_exchange_get_response_body (exchange);
  g_assert_nonnull (body);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"body\":\"grant_type=client_credentials\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"authorization\":\"Basic Z3JhbnQ6c2VjcmV0\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"content_type\":\"application/x-www-form-urlencoded\""));

  /* Secrets: the Authorization header, a Set-Cookie, and the credential members of a
   * token response, not the others. */
  headers = grant_http_request_get_headers (request, &n_headers);
  g_assert_cmpuint (n_headers, ==, 1);
  g_assert_true (headers[0].secret);
  headers = grant_exchange_get_response_headers (exchange, &n_headers);
  for (guint i = 0; i < n_headers; i++)
    g_assert_true (headers[i].secret == (g_ascii_strcasecmp (headers[i].name, "Set-Cookie") == 0));
  g_assert_true (grant_exchange_is_secret_member (exchange, "access_token"));
  g_assert_true (grant_exchange_is_secret_member (exchange, "refresh_token"));
  g_assert_false (grant_exchange_is_secret_member (exchange, "expires_in"));
  grant_exchange_add_secret_member (exchange, "user_code");
  g_assert_true (grant_exchange_is_secret_member (exchange, "user_code"));

  timings = grant_exchange_get_timings (exchange);
  g_assert_cmpint (timings->started_at, >, 0);
  g_assert_cmpint (timings->total, >=, 0);
  g_assert_cmpint (timings->wait, >=, 0);
  g_assert_null (grant_exchange_get_tls_summary (exchange));
  g_assert_null (grant_exchange_get_error (exchange));

  g_clear_object (&exchange);
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A 500 is a response, not a failure: the flow reads it and explains it. */
static void
test_error_status (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autofree char *url = grant_test_server_get_url (server, "/error");
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;

  exchange = send_request (client, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 500);
  g_assert_cmpint (grant_exchange_get_state (exchange), ==, GRANT_EXCHANGE_COMPLETE);
}

static void
assert_failed_exchange_logged (GrantHttpClient *client)
{
  GrantExchange *logged = log_item (client, 0);

  g_assert_cmpint (grant_exchange_get_state (logged), ==, GRANT_EXCHANGE_FAILED);
  g_assert_nonnull (grant_exchange_get_error (logged));
  g_assert_cmpuint (grant_exchange_get_status (logged), ==, 0);
}

/* A dead server: the error says nothing answers there and asks whether it runs. */
static void
test_connection_refused (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(SoupServer) dead = grant_test_server_new ();
  g_autofree char *url = grant_test_server_get_url (dead, "/token");
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", url);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;

  grant_test_server_stop (g_steal_pointer (&dead));

  exchange = send_request (client, request, &error);
  g_assert_null (exchange);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Nothing answers at"));
  g_assert_nonnull (strstr (error->message, url));
  assert_failed_exchange_logged (client);
}

/* A server that never answers, and one that answers too much: the failed exchange is logged
 * and the error says which. */
static void
test_failures (void)
{
  static const struct
  {
    const char *path;
    guint       timeout;
    gsize       max_size;
    int         code;
    const char *says;
  } cases[] = {
    { "/silent", 1, 0, G_IO_ERROR_TIMED_OUT, "did not answer within 1 s" },
    { "/large", 0, 1024, G_IO_ERROR_MESSAGE_TOO_LARGE, "too large" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
      g_autofree char *url = grant_test_server_get_url (server, cases[i].path);
      g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
      g_autoptr(GrantExchange) exchange = NULL;
      g_autoptr(GError) error = NULL;

      if (cases[i].timeout > 0)
        grant_http_client_set_timeout (client, cases[i].timeout);
      if (cases[i].max_size > 0)
        grant_http_client_set_max_response_size (client, cases[i].max_size);
      exchange = send_request (client, request, &error);
      g_assert_null (exchange);
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      assert_failed_exchange_logged (client);
    }
}

/* What cannot be sent is refused before anything is logged. */
static void
test_invalid_request (void)
{
  static const char * const bad[][2] = {
    { "GET", "ftp://127.0.0.1/" },
    { "GET", "not a url" },
    { "GET", "http:///path" },
    { "GE T", "http://127.0.0.1/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
      g_autoptr(GrantHttpRequest) request = grant_http_request_new (bad[i][0], bad[i][1]);
      g_autoptr(GrantExchange) exchange = NULL;
      g_autoptr(GError) error = NULL;

      exchange = send_request (client, request, &error);
      g_assert_null (exchange);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (client))),
                        ==, 0);
    }

  {
    g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
    g_autofree char *url = grant_test_server_get_url (server, "/echo");
    g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
    g_autoptr(GrantExchange) exchange = NULL;
    g_autoptr(GError) error = NULL;

    /* Header injection: a line break in a value could smuggle a second header. */
    grant_http_request_set_header (request, "X-Step", "a\r\nAuthorization: Bearer x", FALSE);
    exchange = send_request (client, request, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "X-Step"));
  }
}

/* An interceptor that edits the request, or stops it, as step mode does. */
#define TEST_TYPE_INTERCEPTOR (test_interceptor_get_type ())
G_DECLARE_FINAL_TYPE (TestInterceptor, test_interceptor, TEST, INTERCEPTOR, GObject)

struct _TestInterceptor
{
  GObject  parent_instance;
  gboolean allow;
  guint    calls;
  char    *title;
};

static void test_interceptor_iface_init (GrantHttpInterceptorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestInterceptor, test_interceptor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GRANT_TYPE_HTTP_INTERCEPTOR,
                                                      test_interceptor_iface_init))

static void
test_interceptor_intercept_async (GrantHttpInterceptor *interceptor,
                                  GrantHttpRequest     *request,
                                  const char           *title,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  TestInterceptor *self = TEST_INTERCEPTOR (interceptor);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->calls++;
  g_free (self->title);
  self->title = g_strdup (title);

  if (!self->allow)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The user stopped the flow");
      return;
    }

  grant_http_request_remove_form_field (request, "code_verifier");
  grant_http_request_set_header (request, "X-Step", "edited", FALSE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
test_interceptor_intercept_finish (GrantHttpInterceptor  *interceptor,
                                   GAsyncResult          *result,
                                   GError               **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_interceptor_iface_init (GrantHttpInterceptorInterface *iface)
{
  iface->intercept_async = test_interceptor_intercept_async;
  iface->intercept_finish = test_interceptor_intercept_finish;
}

static void
test_interceptor_finalize (GObject *object)
{
  g_free (TEST_INTERCEPTOR (object)->title);
  G_OBJECT_CLASS (test_interceptor_parent_class)->finalize (object);
}

static void
test_interceptor_class_init (TestInterceptorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_interceptor_finalize;
}

static void
test_interceptor_init (TestInterceptor *self)
{
}

static void
test_intercept_edit (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(TestInterceptor) interceptor = g_object_new (TEST_TYPE_INTERCEPTOR, NULL);
  g_autofree char *url = grant_test_server_get_url (server, "/echo");
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", url);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  interceptor->allow = TRUE;
  grant_http_client_set_interceptor (client, GRANT_HTTP_INTERCEPTOR (interceptor));
  grant_http_request_set_form_field (request, "grant_type", "authorization_code", FALSE);
  grant_http_request_set_form_field (request, "code_verifier", "verifier", TRUE);

  exchange = send_request (client, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (interceptor->calls, ==, 1);
  g_assert_cmpstr (interceptor->title, ==, "Test request");

  /* The server got the edited request, and the log holds it as it was sent. */
  body = grant_exchange_get_response_body (exchange);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"x_step\":\"edited\""));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"body\":\"grant_type=authorization_code\""));
  g_assert_null (grant_http_request_get_form_field (grant_exchange_get_request (exchange),
                                                    "code_verifier"));
}

static void
test_intercept_stop (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(TestInterceptor) interceptor = g_object_new (TEST_TYPE_INTERCEPTOR, NULL);
  g_autofree char *url = grant_test_server_get_url (server, "/echo");
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", url);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;

  grant_http_client_set_interceptor (client, GRANT_HTTP_INTERCEPTOR (interceptor));
  exchange = send_request (client, request, &error);
  g_assert_null (exchange);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (interceptor->calls, ==, 1);
  /* Nothing left, so nothing is logged. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (client))),
                    ==, 0);
}

/* An https server whose certificate this client does not trust: the error says so, and
 * what to do; with the authority trusted, the exchange records the certificate. */
static void
test_tls (void)
{
  g_autoptr(SoupServer) tls_server = grant_test_server_new_tls ("server.pem");
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (tls_server, "/echo", echo_handler, NULL, NULL);
  url = grant_test_server_get_url (tls_server, "/echo");
  g_assert_true (g_str_has_prefix (url, "https://"));

  {
    g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
    g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
    g_autoptr(GrantExchange) exchange = send_request (client, request, &error);

    g_assert_null (exchange);
    g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "is not trusted"));
    g_assert_nonnull (strstr (error->message, "not signed by an authority"));
    assert_failed_exchange_logged (client);
    g_clear_error (&error);
  }

  {
    g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
    g_autoptr(GTlsDatabase) database = grant_test_tls_database ();
    g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
    g_autoptr(GrantExchange) exchange = NULL;

    soup_session_set_tls_database (grant_http_client_get_session (client), database);
    exchange = send_request (client, request, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
    g_assert_nonnull (grant_exchange_get_tls_certificate (exchange));
    g_assert_cmpuint (grant_exchange_get_tls_errors (exchange), ==, 0);
    g_test_message ("%s", grant_exchange_get_tls_summary (exchange));
    g_assert_nonnull (strstr (grant_exchange_get_tls_summary (exchange), "Grant Test CA"));
    g_assert_true (g_str_has_prefix (grant_exchange_get_tls_summary (exchange), "TLS 1."));
  }

  grant_test_server_stop (g_steal_pointer (&tls_server));
}

static const char *
echoed (GrantExchange *exchange)
{
  GBytes *body = grant_exchange_get_response_body (exchange);

  g_assert_nonnull (body);

  return g_bytes_get_data (body, NULL);
}

/* Each hop is an exchange of its own; 302 after a POST becomes a GET, 307 repeats it. */
static void
test_redirects (void)
{
  static const struct { guint status; const char *method_after; const char *body_after; } cases[] = {
    { 302, "GET", "" },
    { 303, "GET", "" },
    { 307, "POST", "a=b" },
    { 308, "POST", "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
      g_autofree char *path = g_strdup_printf ("/redirect/%u/2", cases[i].status);
      g_autofree char *url = grant_test_server_get_url (server, path);
      g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", url);
      g_autoptr(GrantExchange) exchange = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *method = NULL;
      g_autofree char *body = NULL;
      GListModel *log = G_LIST_MODEL (grant_http_client_get_log (client));

      grant_http_request_set_form_field (request, "a", "b", FALSE);
      exchange = send_request (client, request, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
      g_assert_cmpuint (g_list_model_get_n_items (log), ==, 4);
      g_assert_cmpuint (grant_exchange_get_status (log_item (client, 0)), ==, cases[i].status);
      g_assert_cmpstr (grant_exchange_get_title (log_item (client, 0)), ==, "Test request");
      g_assert_cmpstr (grant_exchange_get_title (log_item (client, 2)), ==,
                       "Test request (redirect 2)");
      g_assert_true (log_item (client, 3) == exchange);

      method = g_strdup_printf ("\"method\":\"%s\"", cases[i].method_after);
      body = g_strdup_printf ("\"body\":\"%s\"", cases[i].body_after);
      g_assert_nonnull (strstr (echoed (exchange), method));
      g_assert_nonnull (strstr (echoed (exchange), body));
    }
}

static void
test_redirect_loop (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autofree char *url = grant_test_server_get_url (server, "/loop");
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;

  exchange = send_request (client, request, &error);
  g_assert_null (exchange);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  g_assert_nonnull (strstr (error->message, "redirects in a loop"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (client))),
                    ==, 11);
}

/* Credentials stay with their origin: a redirect to another port drops Authorization. */
static void
test_redirect_other_origin (void)
{
  g_autoptr(SoupServer) other = grant_test_server_new ();
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autofree char *target = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (other, "/echo", echo_handler, NULL, NULL);
  target = grant_test_server_get_url (other, "/echo");
  escaped = g_uri_escape_string (target, NULL, FALSE);
  path = g_strdup_printf ("/away?to=%s", escaped);
  url = grant_test_server_get_url (server, path);
  request = grant_http_request_new ("GET", url);
  grant_http_request_set_header (request, "Authorization", "Bearer secret", TRUE);

  exchange = send_request (client, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_http_request_get_uri (grant_exchange_get_request (exchange)), ==,
                   target);
  g_assert_nonnull (strstr (echoed (exchange), "\"authorization\":\"\""));

  g_clear_object (&exchange);
  grant_test_server_stop (g_steal_pointer (&other));
}

/* The log is a GListModel: the timeline learns of every exchange as it starts. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *count = user_data;

  g_assert_cmpuint (position, ==, *count);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  (*count)++;
}

static void
test_log_model (void)
{
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantHttpClient) client = grant_http_client_new (log);
  g_autofree char *url = grant_test_server_get_url (server, "/echo");
  guint count = 0;
  gulong handler;

  handler = g_signal_connect (log, "items-changed", G_CALLBACK (items_changed_cb), &count);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);
      g_autoptr(GrantExchange) exchange = send_request (client, request, NULL);

      g_assert_nonnull (exchange);
    }
  g_signal_handler_disconnect (log, handler);

  g_assert_cmpuint (count, ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (log)) == GRANT_TYPE_EXCHANGE);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (log), 3));
  grant_exchange_log_clear (log);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = grant_test_server_new ();
  soup_server_add_handler (server, "/echo", echo_handler, NULL, NULL);
  soup_server_add_handler (server, "/error", error_handler, NULL, NULL);
  soup_server_add_handler (server, "/silent", silent_handler, NULL, NULL);
  soup_server_add_handler (server, "/large", large_handler, NULL, NULL);
  soup_server_add_handler (server, "/redirect", redirect_handler, NULL, NULL);
  soup_server_add_handler (server, "/loop", redirect_handler, NULL, NULL);
  soup_server_add_handler (server, "/away", redirect_handler, NULL, NULL);

  g_test_add_func ("/grant/http-client/form-encoding", test_form_encoding);
  g_test_add_func ("/grant/http-client/logged", test_logged);
  g_test_add_func ("/grant/http-client/error-status", test_error_status);
  g_test_add_func ("/grant/http-client/connection-refused", test_connection_refused);
  g_test_add_func ("/grant/http-client/failures", test_failures);
  g_test_add_func ("/grant/http-client/invalid-request", test_invalid_request);
  g_test_add_func ("/grant/http-client/intercept/edit", test_intercept_edit);
  g_test_add_func ("/grant/http-client/intercept/stop", test_intercept_stop);
  g_test_add_func ("/grant/http-client/redirects", test_redirects);
  g_test_add_func ("/grant/http-client/redirect-loop", test_redirect_loop);
  g_test_add_func ("/grant/http-client/redirect-other-origin", test_redirect_other_origin);
  g_test_add_func ("/grant/http-client/tls", test_tls);
  g_test_add_func ("/grant/http-client/log-model", test_log_model);

  status = g_test_run ();
  grant_test_server_stop (server);

  return status;
}
