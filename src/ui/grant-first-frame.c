/* grant-first-frame.c
 * The startup benchmark's hook: when a window's first frame was painted.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grant and the benchmark's baseline (bench/bare-window.c) both compile this file, so that
 * both are timed by the same code (bench/run-startup, bench/README.md). It needs GTK only.
 */

#include <string.h>

#include "grant-first-frame.h"

/* With GRANT_BENCH_FIRST_FRAME set, the first window prints
 * "first-frame <g_get_monotonic_time ()>" on stderr after the first frame in which its surface
 * was painted; with GRANT_BENCH_FIRST_FRAME=exit-after=SECONDS, the application then stays idle
 * that long, so that its memory can be read from outside, and quits. Without the variable
 * nothing is connected. */
typedef struct
{
  GtkWidget *window;
  guint      exit_after_ms;
  gboolean   painted;
} BenchFirstFrame;

static gboolean
quit_cb (gpointer user_data)
{
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

static void
paint_cb (GdkFrameClock *frame_clock,
          gpointer       user_data)
{
  BenchFirstFrame *bench = user_data;

  /* A frame before the surface is mapped paints nothing that can be seen. */
  if (gdk_surface_get_mapped (gtk_native_get_surface (GTK_NATIVE (bench->window))))
    bench->painted = TRUE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  BenchFirstFrame *bench = user_data;

  if (!bench->painted)
    return;

  g_printerr ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  g_signal_handlers_disconnect_by_data (frame_clock, bench);
  if (bench->exit_after_ms > 0)
    g_timeout_add (bench->exit_after_ms, quit_cb, NULL);
  g_free (bench);
}

/**
 * grant_first_frame_watch:
 * @window: a window just presented
 *
 * Does nothing unless GRANT_BENCH_FIRST_FRAME is set; see the top of this file.
 */
void
grant_first_frame_watch (GtkWindow *window)
{
  const char *value = g_getenv ("GRANT_BENCH_FIRST_FRAME");
  BenchFirstFrame *bench;
  GdkFrameClock *frame_clock;

  if (value == NULL || *value == '\0')
    return;

  /* gtk_window_present () has realized the window, so its frame clock exists. */
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_return_if_fail (frame_clock != NULL);

  bench = g_new0 (BenchFirstFrame, 1);
  bench->window = GTK_WIDGET (window);
  if (g_str_has_prefix (value, "exit-after="))
    bench->exit_after_ms = (guint) (g_ascii_strtod (value + strlen ("exit-after="), NULL) * 1000);

  g_signal_connect (frame_clock, "paint", G_CALLBACK (paint_cb), bench);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
}
