/* test-log-filter.c
 * The Log page's filter: what a text, a status class and a channel let through, in the log's
 * order, and how it follows the log: appended exchanges, answers that come later, a clear.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-log-filter.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static GrantExchange *
append (GrantExchangeLog     *log,
        GrantExchangeChannel  channel,
        const char           *method,
        const char           *uri,
        const char           *title,
        guint                 status)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (method, uri);
  g_autoptr(GrantExchange) exchange = grant_exchange_new (channel, request, title);

  grant_exchange_log_append (log, exchange);
  if (status > 0)
    grant_exchange_set_response (exchange, status, NULL, NULL, NULL);

  return exchange;
}

static char *
shown_titles (GrantLogFilter *filter)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filter)); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (G_LIST_MODEL (filter), i);

      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", grant_exchange_get_title (exchange));
    }

  return g_string_free (out, FALSE);
}

#define assert_shown(filter, expected) \
  G_STMT_START { \
    g_autofree char *titles_ = shown_titles (filter); \
    g_assert_cmpstr (titles_, ==, expected); \
  } G_STMT_END

static void
test_filter (void)
{
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantLogFilter) filter = grant_log_filter_new ();
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timed out");
  GrantExchange *failed;
  Change change = { 0 };

  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://as/.well-known/openid-configuration",
          "a", 200);
  append (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET", "https://as/authorize?client_id=x", "b", 302);
  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "POST", "https://as/token", "c", 400);
  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://api/Photos/403", "d", 200);
  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "DELETE", "https://api/photos/1", "e", 500);
  failed = append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://down/", "f", 0);
  grant_exchange_fail (failed, error);

  grant_log_filter_set_log (filter, log);
  assert_shown (filter, "a,b,c,d,e,f");
  g_signal_connect (filter, "items-changed", G_CALLBACK (items_changed_cb), &change);

  grant_log_filter_set (filter, NULL, GRANT_LOG_STATUS_SUCCESS, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "a,d");
  /* A refilter is one change, the whole list */
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 6);
  g_assert_cmpuint (change.added, ==, 2);

  grant_log_filter_set (filter, NULL, GRANT_LOG_STATUS_REDIRECT, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "b");
  grant_log_filter_set (filter, NULL, GRANT_LOG_STATUS_CLIENT_ERROR, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "c");
  grant_log_filter_set (filter, NULL, GRANT_LOG_STATUS_SERVER_ERROR, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "e");
  grant_log_filter_set (filter, NULL, GRANT_LOG_STATUS_FAILED, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "f");
  grant_log_filter_set (filter, NULL, GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_FRONT);
  assert_shown (filter, "b");
  grant_log_filter_set (filter, NULL, GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_BACK);
  assert_shown (filter, "a,c,d,e,f");

  /* Text: URL, title, method, ASCII case ignored; digits also match a status */
  grant_log_filter_set (filter, "PHOTOS", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "d,e");
  grant_log_filter_set (filter, "delete", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "e");
  grant_log_filter_set (filter, "400", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "c");
  grant_log_filter_set (filter, "403", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "d");
  grant_log_filter_set (filter, "photos", GRANT_LOG_STATUS_SUCCESS, GRANT_LOG_CHANNEL_BACK);
  assert_shown (filter, "d");
  grant_log_filter_set (filter, "nothing here", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "");
  grant_log_filter_set (filter, "", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  assert_shown (filter, "a,b,c,d,e,f");
}

/* The log grows while the page is open: new exchanges are tested as they come, and one sent
 * before its answer came is tested again when it comes, in its place. */
static void
test_follow_log (void)
{
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantLogFilter) filter = grant_log_filter_new ();
  GrantExchange *slow;
  GrantExchange *quick;
  Change change = { 0 };

  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://api/1", "a", 403);
  grant_log_filter_set_log (filter, log);
  grant_log_filter_set (filter, NULL, GRANT_LOG_STATUS_CLIENT_ERROR, GRANT_LOG_CHANNEL_ANY);
  g_signal_connect (filter, "items-changed", G_CALLBACK (items_changed_cb), &change);

  slow = append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://api/2", "slow", 0);
  quick = append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://api/3", "quick", 0);
  assert_shown (filter, "a");
  g_assert_cmpuint (change.calls, ==, 0);

  grant_exchange_set_response (quick, 401, NULL, NULL, NULL);
  assert_shown (filter, "a,quick");
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  grant_exchange_set_response (slow, 404, NULL, NULL, NULL);
  assert_shown (filter, "a,slow,quick");
  g_assert_cmpuint (change.position, ==, 1);

  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://api/4", "ok", 200);
  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://api/5", "gone", 410);
  assert_shown (filter, "a,slow,quick,gone");
  g_assert_cmpuint (change.position, ==, 3);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);

  grant_exchange_log_clear (log);
  assert_shown (filter, "");
  g_assert_cmpuint (change.removed, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/log-filter/filter", test_filter);
  g_test_add_func ("/grant/log-filter/follow-log", test_follow_log);

  return g_test_run ();
}
