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

/* The same first-frame hook as Grant's: this file is compiled into both. */
#include "grant-first-frame.h"

/* The same default size as Grant's main window (window-width and window-height in
 * data/io.github.grantapp.Grant.gschema.xml), so that both paint as many pixels. */
#define BARE_WINDOW_WIDTH  1280
#define BARE_WINDOW_HEIGHT 800

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

  grant_first_frame_watch (window);
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
