/* test-replay-runner.c
 * The replay runner: order kept, parallelism bounded, 429 and Retry-After obeyed,
 * failures kept as results, cancellation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-replay-runner.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

static SoupServer *server;

/* What the server saw. */
static struct
{
  guint       concurrent;
  guint       max_concurrent;
  /* When /limited's requests arrived (monotonic µs). */
  GArray     *limited_arrivals;
  /* The ids of /slow's requests, in the order they arrived, and when. */
  GArray     *slow_ids;
  GArray     *slow_arrivals;
  gint64      first_429_sent;
  guint       max_concurrent_after_429;
} seen;

static void
reset_seen (void)
{
  seen.concurrent = 0;
  seen.max_concurrent = 0;
  seen.first_429_sent = 0;
  seen.max_concurrent_after_429 = 0;
  g_array_set_size (seen.limited_arrivals, 0);
  g_array_set_size (seen.slow_ids, 0);
  g_array_set_size (seen.slow_arrivals, 0);
}

static gint64
arrived (void)
{
  gint64 now = g_get_monotonic_time ();

  seen.concurrent++;
  seen.max_concurrent = MAX (seen.max_concurrent, seen.concurrent);
  if (seen.first_429_sent != 0)
    seen.max_concurrent_after_429 = MAX (seen.max_concurrent_after_429, seen.concurrent);

  return now;
}

static gboolean
answer_later_cb (gpointer user_data)
{
  SoupServerMessage *message = user_data;
  const char *id = g_object_get_data (G_OBJECT (message), "test-id");
  g_autofree char *body = g_strdup_printf ("{\"id\":%s}", id);

  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_unpause (message);
  seen.concurrent--;

  return G_SOURCE_REMOVE;
}

/* /slow?id=N answers {"id":N} after 5 to 20 ms, the later ones sooner sometimes, so that
 * answers come back out of order. */
static void
slow_handler (SoupServer        *s,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const char *id = query != NULL ? g_hash_table_lookup (query, "id") : NULL;
  guint n = id != NULL ? (guint) g_ascii_strtoull (id, NULL, 10) : 0;
  gint64 now = arrived ();

  g_array_append_val (seen.slow_ids, n);
  g_array_append_val (seen.slow_arrivals, now);
  g_object_set_data_full (G_OBJECT (message), "test-id", g_strdup (id != NULL ? id : "0"),
                          g_free);
  soup_server_message_pause (message);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 5 + 5 * (3 - n % 4), answer_later_cb,
                      g_object_ref (message), g_object_unref);
}

/* /limited?times=N&after=VALUE answers 429 with Retry-After: VALUE ("date" for an HTTP-date
 * two seconds ahead; no header without "after") to its first N requests, then 200. */
static void
limited_handler (SoupServer        *s,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  const char *times = g_hash_table_lookup (query, "times");
  const char *after = g_hash_table_lookup (query, "after");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  gint64 now = arrived ();

  g_array_append_val (seen.limited_arrivals, now);
  seen.concurrent--;

  if (seen.limited_arrivals->len <= (guint) g_ascii_strtoull (times, NULL, 10))
    {
      static const char body[] = "{\"error\":\"slow_down\"}";

      if (g_strcmp0 (after, "date") == 0)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
          g_autoptr(GDateTime) later = g_date_time_add_seconds (utc, 2);
          g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

          soup_message_headers_append (headers, "Retry-After", date);
        }
      else if (after != NULL)
        soup_message_headers_append (headers, "Retry-After", after);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      soup_server_message_set_status (message, 429, NULL);
      if (seen.first_429_sent == 0)
        seen.first_429_sent = now;
      return;
    }

  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

/* Never answers. */
static void
silent_handler (SoupServer        *s,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  soup_server_message_pause (message);
}

static GPtrArray *
requests_for (const char *first_path,
              ...)
{
  GPtrArray *requests = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first_path);
  for (const char *path = first_path; path != NULL; path = va_arg (args, const char *))
    {
      g_autofree char *url = grant_test_server_get_url (server, path);

      g_ptr_array_add (requests, grant_http_request_new ("GET", url));
    }
  va_end (args);

  return requests;
}

static GPtrArray *
run (GrantReplayRunner  *runner,
     GPtrArray          *requests,
     GCancellable       *cancellable,
     GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  grant_replay_runner_run_async (runner, requests, "Test batch", cancellable,
                                 grant_test_async_result_cb, &result);

  return grant_replay_runner_run_finish (runner, grant_test_async_wait (&result), error);
}

static char *
body_text (GrantExchange *exchange)
{
  GBytes *body = grant_exchange_get_response_body (exchange);

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_order_and_parallelism (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  GrantReplayRunner *runner = grant_replay_runner_new (client, 3);
  g_autoptr(GrantReplayRunner) defaults = grant_replay_runner_new (client, 0);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;
  guint completed_notifications = 0;
  guint last_completed = 0;

  g_assert_cmpuint (grant_replay_runner_get_max_parallel (defaults), ==,
                    GRANT_REPLAY_RUNNER_DEFAULT_MAX_PARALLEL);
  g_assert_cmpuint (grant_replay_runner_get_max_parallel (runner), ==, 3);

  reset_seen ();
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow?id=%u", i);
      g_autofree char *url = grant_test_server_get_url (server, path);

      g_ptr_array_add (requests, grant_http_request_new ("GET", url));
    }
  g_signal_connect (runner, "notify::completed", G_CALLBACK (count_cb),
                    &completed_notifications);

  exchanges = run (runner, requests, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exchanges->len, ==, 12);

  /* Each result is its own request's answer, whatever order the answers came in. */
  for (guint i = 0; i < 12; i++)
    {
      GrantExchange *exchange = g_ptr_array_index (exchanges, i);
      g_autofree char *expected = g_strdup_printf ("{\"id\":%u}", i);
      g_autofree char *body = body_text (exchange);

      g_assert_true (grant_exchange_get_request (exchange) == g_ptr_array_index (requests, i));
      g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
      g_assert_cmpstr (body, ==, expected);
    }

  /* Never more than three at once, and more than one: it does run in parallel. */
  g_assert_cmpuint (seen.max_concurrent, <=, 3);
  g_assert_cmpuint (seen.max_concurrent, >=, 2);

  g_assert_cmpuint (grant_replay_runner_get_completed (runner), ==, 12);
  g_assert_cmpuint (grant_replay_runner_get_total (runner), ==, 12);
  g_assert_cmpuint (grant_replay_runner_get_retried (runner), ==, 0);
  g_assert_cmpuint (completed_notifications, ==, 12);
  g_object_get (runner, "completed", &last_completed, NULL);
  g_assert_cmpuint (last_completed, ==, 12);

  /* Every request went into the client's log. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (client))),
                    ==, 12);

  g_clear_pointer (&exchanges, g_ptr_array_unref);
  g_assert_finalize_object (runner);
}

/* Sequential: one at a time means one at a time. */
static void
test_one_at_a_time (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 1);
  g_autoptr(GPtrArray) requests = requests_for ("/slow?id=0", "/slow?id=1", "/slow?id=2",
                                                "/slow?id=3", NULL);
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;

  reset_seen ();
  exchanges = run (runner, requests, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exchanges->len, ==, 4);
  g_assert_cmpuint (seen.max_concurrent, ==, 1);
}

/* A 429 with Retry-After: 1 stops new requests for a second, then the run goes on one at a
 * time, and the refused request is sent again and succeeds. */
static void
test_retry_after_seconds (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  /* Two: as many as libsoup opens connections to one host, so that a request started is
   * a request on the wire. */
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 2);
  g_autoptr(GPtrArray) requests = requests_for ("/limited?times=1&after=1", "/slow?id=1",
                                                "/slow?id=2", "/slow?id=3", "/slow?id=4",
                                                "/slow?id=5", "/slow?id=6", "/slow?id=7",
                                                NULL);
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GrantExchange *limited;

  reset_seen ();
  exchanges = run (runner, requests, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpuint (seen.limited_arrivals->len, ==, 2);
  g_assert_cmpint (g_array_index (seen.limited_arrivals, gint64, 1)
                   - g_array_index (seen.limited_arrivals, gint64, 0), >=, G_USEC_PER_SEC);

  /* Nothing new started during the wait: only /slow?id=1, started with /limited before the
   * 429, may come in within the second after it. */
  for (guint i = 0; i < seen.slow_ids->len; i++)
    {
      gint64 at = g_array_index (seen.slow_arrivals, gint64, i);

      if (g_array_index (seen.slow_ids, guint, i) >= 2)
        g_assert_cmpint (at - seen.first_429_sent, >=, G_USEC_PER_SEC);
    }
  /* And then one at a time. */
  g_assert_cmpuint (seen.max_concurrent_after_429, ==, 1);

  limited = g_ptr_array_index (exchanges, 0);
  g_assert_cmpuint (grant_exchange_get_status (limited), ==, 200);
  g_assert_cmpstr (grant_exchange_get_title (limited), ==, "Test batch (retry 1)");
  g_assert_cmpuint (grant_replay_runner_get_retried (runner), ==, 1);
  g_assert_cmpuint (grant_replay_runner_get_completed (runner), ==, 8);
  for (guint i = 1; i < 8; i++)
    g_assert_cmpuint (grant_exchange_get_status (g_ptr_array_index (exchanges, i)), ==, 200);

  /* Both tries are in the log: nothing is hidden. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (client))),
                    ==, 9);
}

/* Runs /limited's @path, which answers 429 once: the second try comes a second or more
 * after the first, and succeeds. */
static void
assert_waits_then_succeeds (const char *path)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 0);
  g_autoptr(GPtrArray) requests = requests_for (path, NULL);
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;

  reset_seen ();
  exchanges = run (runner, requests, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen.limited_arrivals->len, ==, 2);
  g_assert_cmpint (g_array_index (seen.limited_arrivals, gint64, 1)
                   - g_array_index (seen.limited_arrivals, gint64, 0), >=, G_USEC_PER_SEC);
  g_assert_cmpuint (grant_exchange_get_status (g_ptr_array_index (exchanges, 0)), ==, 200);
}

/* The HTTP-date form, two seconds ahead (to the second: more than one second from now). */
static void
test_retry_after_date (void)
{
  assert_waits_then_succeeds ("/limited?times=1&after=date");
}

/* Without Retry-After, a second. */
static void
test_retry_after_absent (void)
{
  assert_waits_then_succeeds ("/limited?times=1");
}

/* An API that keeps saying 429: three retries, then the 429 is the answer. */
static void
test_retry_gives_up (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 0);
  g_autoptr(GPtrArray) requests = requests_for ("/limited?times=1000&after=0", "/slow?id=1",
                                                NULL);
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;
  GrantExchange *limited;

  reset_seen ();
  exchanges = run (runner, requests, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (seen.limited_arrivals->len, ==, 1 + GRANT_REPLAY_RUNNER_MAX_RETRIES);
  limited = g_ptr_array_index (exchanges, 0);
  g_assert_cmpuint (grant_exchange_get_status (limited), ==, 429);
  g_assert_cmpstr (grant_exchange_get_response_header (limited, "Retry-After"), ==, "0");
  g_assert_cmpuint (grant_replay_runner_get_retried (runner), ==, 3);
  g_assert_cmpuint (grant_exchange_get_status (g_ptr_array_index (exchanges, 1)), ==, 200);
}

/* No response is a result, not a failed run: the failed exchange of the log. */
static void
test_no_response (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 0);
  SoupServer *closed = grant_test_server_new ();
  g_autofree char *closed_url = grant_test_server_get_url (closed, "/gone");
  g_autofree char *ok_url = grant_test_server_get_url (server, "/slow?id=1");
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantExchange) logged = NULL;
  GrantExchange *failed;

  grant_test_server_stop (closed);
  g_ptr_array_add (requests, grant_http_request_new ("GET", closed_url));
  g_ptr_array_add (requests, grant_http_request_new ("GET", ok_url));
  g_ptr_array_add (requests, grant_http_request_new ("GET", "ftp://example.com/"));

  reset_seen ();
  exchanges = run (runner, requests, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exchanges->len, ==, 3);

  failed = g_ptr_array_index (exchanges, 0);
  g_assert_cmpint (grant_exchange_get_state (failed), ==, GRANT_EXCHANGE_FAILED);
  g_assert_cmpuint (grant_exchange_get_status (failed), ==, 0);
  g_assert_true (g_error_matches (grant_exchange_get_error (failed), G_IO_ERROR,
                                  G_IO_ERROR_CONNECTION_REFUSED));
  logged = g_list_model_get_item (G_LIST_MODEL (grant_http_client_get_log (client)), 0);
  g_assert_true (logged == failed);

  g_assert_cmpuint (grant_exchange_get_status (g_ptr_array_index (exchanges, 1)), ==, 200);

  /* A request that could not even be built never left: a failed exchange all the same. */
  failed = g_ptr_array_index (exchanges, 2);
  g_assert_cmpint (grant_exchange_get_state (failed), ==, GRANT_EXCHANGE_FAILED);
  g_assert_nonnull (grant_exchange_get_error (failed));
  g_assert_cmpuint (grant_replay_runner_get_completed (runner), ==, 3);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

/* Cancelled with requests on the wire, and while waiting out a Retry-After: the run ends
 * at once with G_IO_ERROR_CANCELLED, and the runner can run again. */
static void
test_cancel (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 2);
  g_autoptr(GPtrArray) silent = requests_for ("/silent", "/silent", "/silent", NULL);
  g_autoptr(GPtrArray) limited = requests_for ("/limited?times=1000&after=30", NULL);
  g_autoptr(GPtrArray) ok = requests_for ("/slow?id=1", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) during_wait = g_cancellable_new ();
  g_autoptr(GCancellable) already = g_cancellable_new ();
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  reset_seen ();
  start = g_get_monotonic_time ();
  g_timeout_add (50, cancel_cb, cancellable);
  exchanges = run (runner, silent, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (exchanges);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  g_timeout_add (100, cancel_cb, during_wait);
  exchanges = run (runner, limited, during_wait, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (seen.limited_arrivals->len, ==, 1);
  g_clear_error (&error);

  g_cancellable_cancel (already);
  exchanges = run (runner, ok, already, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  exchanges = run (runner, ok, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grant_exchange_get_status (g_ptr_array_index (exchanges, 0)), ==, 200);
}

static void
test_empty (void)
{
  g_autoptr(GrantHttpClient) client = grant_http_client_new (NULL);
  g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (client, 0);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;

  exchanges = run (runner, requests, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exchanges->len, ==, 0);
  g_assert_cmpuint (grant_replay_runner_get_total (runner), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  seen.limited_arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  seen.slow_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  seen.slow_arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  server = grant_test_server_new ();
  soup_server_add_handler (server, "/slow", slow_handler, NULL, NULL);
  soup_server_add_handler (server, "/limited", limited_handler, NULL, NULL);
  soup_server_add_handler (server, "/silent", silent_handler, NULL, NULL);

  g_test_add_func ("/grant/replay-runner/order-and-parallelism", test_order_and_parallelism);
  g_test_add_func ("/grant/replay-runner/one-at-a-time", test_one_at_a_time);
  g_test_add_func ("/grant/replay-runner/retry-after/seconds", test_retry_after_seconds);
  g_test_add_func ("/grant/replay-runner/retry-after/http-date", test_retry_after_date);
  g_test_add_func ("/grant/replay-runner/retry-after/absent", test_retry_after_absent);
  g_test_add_func ("/grant/replay-runner/retry-after/gives-up", test_retry_gives_up);
  g_test_add_func ("/grant/replay-runner/no-response", test_no_response);
  g_test_add_func ("/grant/replay-runner/cancel", test_cancel);
  g_test_add_func ("/grant/replay-runner/empty", test_empty);

  status = g_test_run ();

  grant_test_server_stop (server);
  g_array_unref (seen.limited_arrivals);
  g_array_unref (seen.slow_ids);
  g_array_unref (seen.slow_arrivals);

  return status;
}
