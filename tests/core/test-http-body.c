/* test-http-body.c
 * Reading a response within a size limit and a deadline, against servers that send too
 * much, too slowly, or nothing at all.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-http-body.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

#define LIMIT (64 * 1024)

static SoupServer *server;

/* Streams LIMIT * 4 bytes in chunks, without a Content-Length. */
static void
large_chunked_handler (SoupServer        *s,
                       SoupServerMessage *message,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  g_autofree char *chunk = g_malloc0 (LIMIT / 4);

  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  for (guint i = 0; i < 16; i++)
    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, LIMIT / 4);
  soup_message_body_complete (body);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static void
large_declared_handler (SoupServer        *s,
                        SoupServerMessage *message,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  g_autofree char *body = g_malloc0 (LIMIT * 4);

  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, LIMIT * 4);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static void
exact_handler (SoupServer        *s,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  g_autofree char *body = g_malloc (LIMIT);

  memset (body, 'a', LIMIT);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_COPY, body, LIMIT);
  soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

/* Sends one byte, then nothing: the connection stays open and the body never ends. */
static void
stalled_handler (SoupServer        *s,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "{", 1);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static GBytes *
fetch (const char    *path,
       guint          timeout_seconds,
       GCancellable  *cancellable,
       guint         *status,
       GError       **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = grant_test_server_get_url (server, path);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  GBytes *body;

  grant_http_send_and_read_async (session, message, LIMIT, timeout_seconds, cancellable,
                                  grant_test_async_result_cb, &result);
  body = grant_http_send_and_read_finish (grant_test_async_wait (&result), error);
  if (status != NULL)
    *status = soup_message_get_status (message);

  return body;
}

/* A body of exactly the limit is read whole, and an error status is not an error here. */
static void
test_exact_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status = 0;

  body = fetch ("/exact", 10, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body), ==, LIMIT);
  g_assert_cmpuint (status, ==, SOUP_STATUS_NOT_FOUND);
}

/* Too large a body fails whether the server declares its length or streams it. */
static void
test_too_large (gconstpointer path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = fetch (path, 10, NULL, NULL, &error);

  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

/* A server that stops sending is given up on at the deadline, not waited for forever. */
static void
test_deadline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 started = g_get_monotonic_time ();

  body = fetch ("/stalled", 1, NULL, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "1 s"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

/* The caller's cancellation is reported as such, not as a time-out. */
static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_timeout_add (100, cancel_cb, cancellable);
  body = fetch ("/stalled", 10, cancellable, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = grant_test_server_new ();
  soup_server_add_handler (server, "/large-chunked", large_chunked_handler, NULL, NULL);
  soup_server_add_handler (server, "/large-declared", large_declared_handler, NULL, NULL);
  soup_server_add_handler (server, "/exact", exact_handler, NULL, NULL);
  soup_server_add_handler (server, "/stalled", stalled_handler, NULL, NULL);

  g_test_add_func ("/grant/http-body/exact-limit", test_exact_limit);
  g_test_add_data_func ("/grant/http-body/too-large/declared", "/large-declared",
                        test_too_large);
  g_test_add_data_func ("/grant/http-body/too-large/chunked", "/large-chunked", test_too_large);
  g_test_add_func ("/grant/http-body/deadline", test_deadline);
  g_test_add_func ("/grant/http-body/cancelled", test_cancelled);

  status = g_test_run ();

  grant_test_server_stop (g_steal_pointer (&server));

  return status;
}
