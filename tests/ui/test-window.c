/* test-window.c
 * The real window under Xvfb: its title, its first-run state, its actions and accelerators,
 * and the size it keeps across runs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "grant-application.h"
#include "grant-test-dirs.h"
#include "grant-test-ui.h"
#include "grant-flow-form.h"
#include "grant-practice-provider.h"
#include "grant-timeline.h"
#include "grant-window.h"

static GrantApplication *application;

static void
close_all_windows (void)
{
  grant_test_close_all_windows (application);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
}

/* Whether a library whose file name holds @name is loaded in this process. */
static gboolean
library_loaded (const char *name)
{
  g_autofree char *maps = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, &error));
  g_assert_no_error (error);

  return strstr (maps, name) != NULL;
}

static void
test_first_run (void)
{
  GrantWindow *window;
  GrantFlowForm *form;
  GrantTimeline *timeline;
  AdwStatusPage *empty_state;
  GrantPracticeProvider *provider = grant_application_get_practice_provider (application);

  /* Nothing runs before the window is up: the practice provider starts after its first
   * frame. */
  g_assert_nonnull (provider);
  g_assert_false (grant_practice_provider_get_running (provider));

  g_application_activate (G_APPLICATION (application));
  grant_test_iterate_until_idle ();

  window = GRANT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_true (GRANT_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Grant");

  /* The first run chooses the practice provider and its demo client practice-app, and
   * discovers it: Run leads straight to a flow that works. */
  form = grant_test_window_child (window, "flow_form");
  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);
  g_assert_true (g_str_has_prefix (grant_practice_provider_get_issuer (provider),
                                   "http://127.0.0.1:"));
  g_assert_cmpstr (grant_flow_form_get_issuer (form), ==,
                   grant_practice_provider_get_issuer (provider));
  g_assert_cmpstr (grant_flow_form_get_client_id (form), ==, GRANT_PRACTICE_CLIENT_PUBLIC);
  g_assert_cmpint (grant_flow_form_get_flow_kind (form), ==, GRANT_FLOW_KIND_AUTHORIZATION_CODE);

  empty_state = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                GRANT_TYPE_WINDOW,
                                                                "empty_state"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty_state)));
  g_assert_cmpstr (adw_status_page_get_title (empty_state), ==, "Ready to Run");
  g_assert_nonnull (strstr (adw_status_page_get_description (empty_state), "practice provider"));
  g_assert_cmpstr (adw_status_page_get_icon_name (empty_state), ==, "grant-key-symbolic");

  /* What the first run adds to the idle window stays small (bench/run-startup): the timeline
   * lists the discovery without selecting it, so GtkSourceView is not set up for its detail
   * (some 7 MB), and the spinner shown while it ran is a PNG, so librsvg is not loaded (6 MB). */
  timeline = GRANT_TIMELINE (gtk_widget_get_template_child (GTK_WIDGET (window), GRANT_TYPE_WINDOW,
                                                            "timeline"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_timeline_get_log (timeline))),
                    ==, 1);
  g_assert_null (gtk_single_selection_get_selected_item (grant_timeline_get_selection (timeline)));
  g_assert_cmpuint (g_type_from_name ("GtkSourceView"), ==, 0);
  g_assert_false (library_loaded ("librsvg"));

  /* The first frame's large and libadwaita-only symbolic icons are Grant's PNGs, encoded at
   * build time: drawing an SVG would load librsvg, a tenth of the startup budget. */
  {
    static const struct { const char *name; int size; } pngs[] = {
      { "grant-key-symbolic", 128 },
      { "adw-expander-arrow-symbolic", 16 },
      { "grant-process-working-symbolic", 16 },
    };
    GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

    for (guint i = 0; i < G_N_ELEMENTS (pngs); i++)
      for (int scale = 1; scale <= 2; scale++)
        {
          g_autoptr(GtkIconPaintable) icon =
            gtk_icon_theme_lookup_icon (theme, pngs[i].name, NULL, pngs[i].size, scale,
                                        GTK_TEXT_DIR_LTR, 0);
          g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
          g_autofree char *uri = g_file_get_uri (file);

          g_test_message ("%s at %d×: %s", pngs[i].name, scale, uri);
          g_assert_true (g_str_has_prefix (uri, "resource:///io/github/grantapp/Grant/icons/"));
          g_assert_true (g_str_has_suffix (uri, ".symbolic.png"));
        }
  }

  /* The style follows the system's light or dark preference: Grant forces neither. */
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  /* A second activation raises the same window rather than opening another. */
  g_application_activate (G_APPLICATION (application));
  grant_test_iterate_until_idle ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))),
                    ==, 1);

  close_all_windows ();
}

static void
test_accelerators (void)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "app.new-window", "<Control>n" },
    { "app.quit", "<Control>q" },
    { "window.close", "<Control>w" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                    expected[i].action);

      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
    }

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "about"));
}

static void
test_new_window_and_quit (void)
{
  GrantWindow *first = grant_test_open_window (application);
  GrantWindow *second = grant_test_open_window (application);

  g_assert_true (first != second);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))),
                    ==, 2);

  close_all_windows ();
}

static void
test_help_overlay (void)
{
  GrantWindow *window = grant_test_open_window (application);

  /* GtkApplication loads gtk/help-overlay.ui from the resource base path. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  close_all_windows ();
}

static void
test_about (void)
{
  GrantWindow *window = grant_test_open_window (application);
  g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();
  AdwAboutWindow *about = NULL;

  g_object_ref (toplevels);
  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  grant_test_iterate_until_idle ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = ADW_ABOUT_WINDOW (toplevel);
    }

  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Grant");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, GRANT_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (about));
  close_all_windows ();
}

/* The app icon and its symbolic variant ship inside the binary and really decode: without
 * an SVG loader the empty state and the About window show a broken-image icon. */
static void
test_icons (void)
{
  static const char * const icon_names[] = { GRANT_APP_ID, GRANT_APP_ID "-symbolic" };
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  for (guint i = 0; i < G_N_ELEMENTS (icon_names); i++)
    {
      g_autofree char *path = g_strdup_printf (GRANT_RESOURCE_BASE_PATH
                                               "/icons/scalable/apps/%s.svg", icon_names[i]);
      g_autoptr(GdkTexture) texture = NULL;

      g_assert_true (gtk_icon_theme_has_icon (theme, icon_names[i]));
      texture = gdk_texture_new_from_resource (path);
      g_assert_nonnull (texture);
      g_assert_cmpint (gdk_texture_get_width (texture), >, 0);
    }
}

/* A window closed at one size opens at that size next time, and so does maximized. */
static void
test_size_kept (void)
{
  GSettings *settings = grant_application_get_settings (application);
  GrantWindow *window;
  int width;
  int height;

  window = grant_test_open_window (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 901, 702);
  grant_test_iterate_until_idle ();
  close_all_windows ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 901);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 702);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = grant_test_open_window (application);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 901);
  g_assert_cmpint (height, ==, 702);
  close_all_windows ();

  g_settings_set_boolean (settings, "window-maximized", TRUE);
  window = grant_test_open_window (application);
  g_assert_true (gtk_window_is_maximized (GTK_WINDOW (window)));
  close_all_windows ();
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-maximized");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *user_dirs = NULL;
  int status;

  /* gtk_test_init () drops G_TEST_OPTION_ISOLATE_DIRS: without folders of its own, the test
   * would read and write the user's saved form. */
  user_dirs = grant_test_isolate_user_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = grant_test_application_new ();

  g_test_add_func ("/grant/ui/window/first-run", test_first_run);
  g_test_add_func ("/grant/ui/application/accelerators", test_accelerators);
  g_test_add_func ("/grant/ui/application/new-window-and-quit", test_new_window_and_quit);
  g_test_add_func ("/grant/ui/window/help-overlay", test_help_overlay);
  g_test_add_func ("/grant/ui/application/about", test_about);
  g_test_add_func ("/grant/ui/window/size-kept", test_size_kept);
  g_test_add_func ("/grant/ui/application/icons", test_icons);

  status = g_test_run ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);

  grant_test_remove_tree (user_dirs);
  return status;
}
