/* bare-window.c
 * The startup benchmark's baseline: an AdwApplication that presents one empty
 * AdwApplicationWindow, the size of Grant's, and nothing else (bench/run-startup).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With GRANT_BENCH_WINDOW=smallest-form it shows instead the least a workbench can show: a
 * header bar with a button and a title, and one preferences group of four libadwaita rows
 * (entry, combo, expander, action), which is what `bench/run-startup --floor` measures.
 */

#include <adwaita.h>
#include <string.h>

/* The same default size as Grant's main window (window-width and window-height in
 * data/io.github.grantapp.Grant.gschema.xml), so that both paint as many pixels. */
#define BARE_WINDOW_WIDTH  1280
#define BARE_WINDOW_HEIGHT 800

/* The first-frame hook, kept the same as Grant's in src/ui/grant-application.c: with
 * GRANT_BENCH_FIRST_FRAME set, print "first-frame <g_get_monotonic_time ()>" on stderr after
 * the first frame in which the window's surface was painted; with
 * GRANT_BENCH_FIRST_FRAME=exit-after=SECONDS, then stay idle that long and quit. */
typedef struct
{
  GtkWidget *window;
  guint      exit_after_ms;
  gboolean   painted;
} BenchFirstFrame;

static gboolean
bench_quit_cb (gpointer user_data)
{
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

static void
bench_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  BenchFirstFrame *bench = user_data;

  /* A frame before the surface is mapped paints nothing that can be seen. */
  if (gdk_surface_get_mapped (gtk_native_get_surface (GTK_NATIVE (bench->window))))
    bench->painted = TRUE;
}

static void
bench_after_paint_cb (GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  BenchFirstFrame *bench = user_data;

  if (!bench->painted)
    return;

  g_printerr ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  g_signal_handlers_disconnect_by_data (frame_clock, bench);
  if (bench->exit_after_ms > 0)
    g_timeout_add (bench->exit_after_ms, bench_quit_cb, NULL);
  g_free (bench);
}

static void
bench_watch_first_frame (GtkWindow *window)
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

  g_signal_connect (frame_clock, "paint", G_CALLBACK (bench_paint_cb), bench);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (bench_after_paint_cb), bench);
}

/* One card of a form, under a header bar: the floor for any window that shows a form. */
static GtkWidget *
smallest_form_new (void)
{
  static const char * const methods[] = { "none", "client_secret_basic", NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *run = gtk_button_new_with_label ("Run");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *entry = adw_entry_row_new ();
  GtkWidget *combo = adw_combo_row_new ();
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *action = adw_action_row_new ();

  gtk_widget_add_css_class (run, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), run);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Grant", NULL));
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "Client");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), "Client ID");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), "Authentication");
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (gtk_string_list_new (methods)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), "Endpoints");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action), "Secrets are kept in memory only");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), action);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  return box;
}

static void
activate_cb (GApplication *application,
             gpointer      user_data)
{
  GtkWindow *window;

  window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (application)));
  if (g_strcmp0 (g_getenv ("GRANT_BENCH_WINDOW"), "smallest-form") == 0)
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), smallest_form_new ());
  gtk_window_set_default_size (window, BARE_WINDOW_WIDTH, BARE_WINDOW_HEIGHT);
  gtk_window_present (window);

  bench_watch_first_frame (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  /* Registered on the session bus like Grant, so that both pay for it. */
  application = adw_application_new ("io.github.grantapp.Grant.BenchBareWindow",
                                     G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
