/* bench-log.c
 * The Log page holding 100 000 exchanges: how long a filter change takes until the whole
 * filtered list is there, and until it is drawn; and, while the list scrolls, the longest
 * time between two frames.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (issue "Replay and diagnose"): the complete filtered list within 50 ms of a filter
 * change; scrolling never blocks. Run under Xvfb with GTK_A11Y=none: bench/run-log.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "bench-stats.h"
#include "grant-log-page.h"

typedef struct
{
  const char            *name;
  const char            *text;
  GrantLogStatusFilter   status;
  GrantLogChannelFilter  channel;
} Filter;

static const Filter filters[] = {
  { "text “photos”", "photos", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY },
  { "text “token”", "token", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY },
  { "text “403”", "403", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY },
  { "one URL", "/api/photos/77777", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY },
  { "no match", "zzz-nothing-matches", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY },
  { "4xx", NULL, GRANT_LOG_STATUS_CLIENT_ERROR, GRANT_LOG_CHANNEL_ANY },
  { "front channel", NULL, GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_FRONT },
  { "cleared", NULL, GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY },
};

static GrantExchangeLog *
make_log (guint n)
{
  static const char * const titles[] = {
    "Discovery", "Authorization request", "Token request", "Key set (JWKS)", "API call",
    "UserInfo", "Introspection", "Revocation",
  };
  static const guint statuses[] = { 200, 200, 200, 302, 401, 403, 404, 500 };
  GrantExchangeLog *log = grant_exchange_log_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uri = g_strdup_printf ("https://api%u.example.com/api/photos/%u?page=%u",
                                              i % 7, i, i % 13);
      g_autoptr(GrantHttpRequest) request = grant_http_request_new (i % 5 == 0 ? "POST" : "GET",
                                                                    uri);
      g_autoptr(GrantExchange) exchange = NULL;
      g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

      grant_http_request_set_header (request, "Authorization", "Bearer abc", TRUE);
      exchange = grant_exchange_new (i % 4 == 1 ? GRANT_EXCHANGE_FRONT_CHANNEL
                                                : GRANT_EXCHANGE_BACK_CHANNEL,
                                     request, titles[i % G_N_ELEMENTS (titles)]);
      soup_message_headers_append (headers, "Content-Type", "application/json");
      grant_exchange_set_response (exchange, statuses[i % G_N_ELEMENTS (statuses)], NULL, headers,
                                   NULL);
      grant_exchange_log_append (log, exchange);
    }

  return log;
}

/* The upper median, in microseconds; sorts @values. */
static gint64
median (gint64 *values,
        guint   n)
{
  bench_sort (values, n);

  return values[n / 2];
}

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static void
wait_for_paint (void)
{
  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_column_view (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkAdjustment *adjustment;
  gint64         last;
  gint64         longest;
  GArray        *gaps;
  guint          frames;
  double         step;
} Scroll;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Scroll *scroll = user_data;
  gint64 now = g_get_monotonic_time ();
  double value = gtk_adjustment_get_value (scroll->adjustment) + scroll->step;

  if (scroll->last != 0)
    {
      gint64 gap = now - scroll->last;

      g_array_append_val (scroll->gaps, gap);
      scroll->longest = MAX (scroll->longest, gap);
    }
  scroll->last = now;
  /* Down by pages, with a jump to a far place now and then, as a dragged scrollbar does */
  if (scroll->frames % 25 == 24)
    value = g_random_double_range (0, gtk_adjustment_get_upper (scroll->adjustment));
  gtk_adjustment_set_value (scroll->adjustment, value);
  scroll->frames++;

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n_exchanges = 100000;
  guint rounds = 10;
  guint scroll_frames = 300;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantExchangeLog) log = NULL;
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *column_view;
  GdkFrameClock *clock;
  gint64 *filter_times;
  gint64 *paint_times;
  gint64 worst_filter = 0;
  gint64 worst_paint = 0;
  gint64 start;
  Scroll scroll = { 0 };
  gint64 *gaps;
  guint n_gaps;
  const GOptionEntry entries[] = {
    { "exchanges", 0, 0, G_OPTION_ARG_INT, &n_exchanges, "How many exchanges (100000)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of every filter (10)", "N" },
    { "scroll-frames", 0, 0, G_OPTION_ARG_INT, &scroll_frames, "Frames of scrolling (300)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-log: %s\n", error->message);
      return 2;
    }

  adw_init ();
  start = g_get_monotonic_time ();
  log = make_log (n_exchanges);
  printf ("Made %u exchanges in %.0f ms\n", n_exchanges,
          (g_get_monotonic_time () - start) / 1000.0);

  /* The filter alone, with no list to tell */
  {
    g_autoptr(GrantLogFilter) alone = grant_log_filter_new ();
    gint64 times[G_N_ELEMENTS (filters)];

    grant_log_filter_set_log (alone, log);
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        start = g_get_monotonic_time ();
        grant_log_filter_set (alone, filters[f].text, filters[f].status, filters[f].channel);
        times[f] = g_get_monotonic_time () - start;
      }
    printf ("The filter alone, no list: median %.1f ms a change\n",
            median (times, G_N_ELEMENTS (filters)) / 1000.0);
  }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  page = grant_log_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  start = g_get_monotonic_time ();
  grant_log_page_set_log (GRANT_LOG_PAGE (page), log);
  printf ("Log set in %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (page);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  wait_for_paint ();
  wait_for_paint ();

  filter_times = g_new0 (gint64, rounds * G_N_ELEMENTS (filters));
  paint_times = g_new0 (gint64, rounds * G_N_ELEMENTS (filters));
  printf ("\n%-16s %10s %14s %12s\n", "filter", "shown", "filtered (ms)", "drawn (ms)");
  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      gint64 *filtered = g_new0 (gint64, rounds);
      gint64 *drawn = g_new0 (gint64, rounds);
      guint shown = 0;

      for (guint r = 0; r < rounds; r++)
        {
          /* From another filter, so that each change changes the list */
          grant_log_page_set_filter (GRANT_LOG_PAGE (page), "api", GRANT_LOG_STATUS_ANY,
                                     GRANT_LOG_CHANNEL_BACK);
          wait_for_paint ();

          start = g_get_monotonic_time ();
          grant_log_page_set_filter (GRANT_LOG_PAGE (page), filters[f].text, filters[f].status,
                                     filters[f].channel);
          filtered[r] = g_get_monotonic_time () - start;
          shown = g_list_model_get_n_items (grant_log_page_get_shown (GRANT_LOG_PAGE (page)));
          wait_for_paint ();
          drawn[r] = g_get_monotonic_time () - start;
          filter_times[f * rounds + r] = filtered[r];
          paint_times[f * rounds + r] = drawn[r];
          worst_filter = MAX (worst_filter, filtered[r]);
          worst_paint = MAX (worst_paint, drawn[r]);
        }
      printf ("%-16s %10u %14.1f %12.1f\n", filters[f].name, shown,
              median (filtered, rounds) / 1000.0, median (drawn, rounds) / 1000.0);
      g_free (filtered);
      g_free (drawn);
    }
  printf ("%-16s %10s %14.1f %12.1f   (target: ≤ 50 ms)\n", "median, all", "",
          median (filter_times, rounds * G_N_ELEMENTS (filters)) / 1000.0,
          median (paint_times, rounds * G_N_ELEMENTS (filters)) / 1000.0);
  printf ("%-16s %10s %14.1f %12.1f\n", "worst", "", worst_filter / 1000.0, worst_paint / 1000.0);

  /* Scrolling the whole list */
  grant_log_page_set_filter (GRANT_LOG_PAGE (page), NULL, GRANT_LOG_STATUS_ANY,
                             GRANT_LOG_CHANNEL_ANY);
  wait_for_paint ();
  column_view = find_column_view (page);
  scroll.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  scroll.step = gtk_adjustment_get_page_size (scroll.adjustment);
  scroll.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_add_tick_callback (column_view, scroll_tick_cb, &scroll, NULL);
  while (scroll.frames < scroll_frames)
    g_main_context_iteration (NULL, TRUE);
  gaps = (gint64 *) (gpointer) scroll.gaps->data;
  n_gaps = scroll.gaps->len;
  bench_sort (gaps, n_gaps);
  printf ("\nScrolling %u frames over %u rows: frame gap median %.1f ms, 99th percentile %.1f ms, "
          "longest %.1f ms\n", scroll.frames, n_exchanges, gaps[n_gaps / 2] / 1000.0,
          gaps[n_gaps * 99 / 100] / 1000.0, scroll.longest / 1000.0);

  g_array_unref (scroll.gaps);
  g_free (filter_times);
  g_free (paint_times);
  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
