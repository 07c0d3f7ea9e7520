/* bench-large-response.c
 * A 20 MB JSON response shown whole in the Log page's raw view: how long the main loop is
 * held at a time while it comes, how long until all of it is there, and that none is lost.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target (issue "Replay and diagnose"): shown whole (inserted in chunks, never truncated),
 * never blocking the UI thread for more than 50 ms at a time. For contrast, the same text set
 * in one go. Run under Xvfb with GTK_A11Y=none: bench/run-large-response.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "grant-log-page.h"
#include "grant-text-load.h"
#include "grant-timeline.h"

typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

/* A high-priority tick every millisecond: the longest gap between two is the longest time
 * the main loop was held. */
static gboolean
tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;

  return G_SOURCE_CONTINUE;
}

static GBytes *
make_json (gsize size)
{
  GString *json = g_string_new ("{\"photos\":[");

  for (guint i = 0; json->len < size; i++)
    g_string_append_printf (json, "%s{\"id\":%u,\"title\":\"Photo number %u\",\"tags\":[\"harbour\","
                            "\"dawn\"],\"url\":\"https://photos.example/%u.jpg\",\"width\":4000,"
                            "\"height\":3000}", i > 0 ? "," : "", i, i, i);
  g_string_append (json, "]}");

  return g_string_free_to_bytes (json);
}

static GrantExchange *
make_exchange (GBytes *body)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET",
                                                                "https://api.example/photos");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  GrantExchange *exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request, "API call");

  soup_message_headers_append (headers, "Content-Type", "application/json");
  grant_exchange_set_response (exchange, 200, "OK", headers, body);

  return exchange;
}

static GtkTextBuffer *
find_buffer (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkTextBuffer *found = find_buffer (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  int megabytes = 20;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start_iter, end_iter;
  GtkWidget *window;
  GtkWidget *page;
  Stall stall = { 0 };
  guint tick;
  gint64 start;
  gint64 whole;
  const GOptionEntry entries[] = {
    { "megabytes", 0, 0, G_OPTION_ARG_INT, &megabytes, "Size of the JSON response (20)", "MB" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-large-response: %s\n", error->message);
      return 2;
    }

  adw_init ();
  body = make_json ((gsize) megabytes * 1000 * 1000);
  exchange = make_exchange (body);
  grant_exchange_log_append (log, exchange);
  expected = grant_exchange_dup_text (exchange);
  printf ("Response body: %.1f MB of JSON; its whole text, indented: %.1f MB\n",
          g_bytes_get_size (body) / 1e6, strlen (expected) / 1e6);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  page = g_object_ref_sink (grant_log_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), page);
  grant_log_page_set_log (GRANT_LOG_PAGE (page), log);
  gtk_window_present (GTK_WINDOW (window));
  settle (500);
  buffer = find_buffer (page);

  /* Grant: select the exchange; its text is made in a thread and inserted in parts */
  tick = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, &stall, NULL);
  start = g_get_monotonic_time ();
  stall.last = start;
  gtk_single_selection_set_selected (grant_log_page_get_selection (GRANT_LOG_PAGE (page)), 0);
  while (grant_text_load_is_loading (buffer))
    g_main_context_iteration (NULL, TRUE);
  whole = g_get_monotonic_time () - start;
  /* The text view lays out the lines after, in the background: that counts too */
  settle (5000);
  g_source_remove (tick);

  gtk_text_buffer_get_bounds (buffer, &start_iter, &end_iter);
  shown = gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, FALSE);
  printf ("Grant:   whole text there after %.0f ms; the main loop held at most %.1f ms at a time, "
          "then and in the 5 s after (target ≤ 50 ms); %s\n", whole / 1000.0, stall.longest / 1000.0,
          strcmp (shown, expected) == 0 ? "every byte shown" : "TEXT DIFFERS");

  /* The flow page's timeline, which selects the newest step: its raw and body views */
  {
    GtkWidget *timeline = grant_timeline_new ();
    GtkTextBuffer *raw;
    GtkTextBuffer *body_view;
    gint64 longest_loading;

    gtk_window_set_child (GTK_WINDOW (window), timeline);
    settle (300);
    stall.longest = 0;
    tick = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, &stall, NULL);
    start = g_get_monotonic_time ();
    stall.last = start;
    grant_timeline_set_log (GRANT_TIMELINE (timeline), log);
    gtk_single_selection_set_selected (grant_timeline_get_selection (GRANT_TIMELINE (timeline)), 0);
    raw = grant_timeline_get_text_buffer (GRANT_TIMELINE (timeline), "raw");
    body_view = grant_timeline_get_text_buffer (GRANT_TIMELINE (timeline), "response-body");
    while (grant_text_load_is_loading (raw) || grant_text_load_is_loading (body_view))
      g_main_context_iteration (NULL, TRUE);
    whole = g_get_monotonic_time () - start;
    longest_loading = stall.longest;
    settle (5000);
    g_source_remove (tick);
    printf ("Timeline: raw and body views whole after %.0f ms; the main loop held at most %.1f ms "
            "meanwhile, %.1f ms counting the 5 s after\n", whole / 1000.0,
            longest_loading / 1000.0, stall.longest / 1000.0);
    gtk_window_set_child (GTK_WINDOW (window), page);
    settle (300);
  }

  /* For contrast: the same text set in one go */
  gtk_text_buffer_set_text (buffer, "", -1);
  settle (300);
  stall.longest = 0;
  tick = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, &stall, NULL);
  start = g_get_monotonic_time ();
  stall.last = start;
  {
    g_autofree char *text = grant_exchange_dup_text (exchange);

    gtk_text_buffer_set_text (buffer, text, -1);
  }
  whole = g_get_monotonic_time () - start;
  settle (300);
  g_source_remove (tick);
  printf ("At once: made and set in %.0f ms; the main loop held at most %.1f ms at a time\n",
          whole / 1000.0, stall.longest / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (page);

  return strcmp (shown, expected) == 0 ? 0 : 1;
}
