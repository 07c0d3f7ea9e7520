/* grant-application.c
 * The Grant application: its actions, accelerators and windows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-application-private.h"
#include "grant-resources.h"
#include "grant-window.h"

struct _GrantApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (GrantApplication, grant_application, ADW_TYPE_APPLICATION)

/**
 * _grant_application_ensure_resources:
 *
 * Registers the UI's resources (templates, shortcuts, icons) once. They live in a static
 * library, where a constructor that nothing references would be dropped by the linker, so
 * every type that loads a resource calls this from its class_init.
 */
void
_grant_application_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      grant_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * grant_application_new:
 *
 * Returns: (transfer full): the application
 */
GrantApplication *
grant_application_new (void)
{
  return g_object_new (GRANT_TYPE_APPLICATION,
                       "application-id", GRANT_APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", GRANT_RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * grant_application_get_settings:
 * @self: a #GrantApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
grant_application_get_settings (GrantApplication *self)
{
  g_return_val_if_fail (GRANT_IS_APPLICATION (self), NULL);

  return self->settings;
}

static GtkWindow *
grant_application_new_window (GrantApplication *self)
{
  GrantWindow *window = grant_window_new (self);

  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

/* The startup benchmark's hook (bench/run-startup, bench/README.md), the same as
 * bench/bare-window.c's. With GRANT_BENCH_FIRST_FRAME set, the first window prints
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
grant_application_bench_quit_cb (gpointer user_data)
{
  g_application_quit (g_application_get_default ());

  return G_SOURCE_REMOVE;
}

static void
grant_application_bench_paint_cb (GdkFrameClock *frame_clock,
                                  gpointer       user_data)
{
  BenchFirstFrame *bench = user_data;

  /* A frame before the surface is mapped paints nothing that can be seen. */
  if (gdk_surface_get_mapped (gtk_native_get_surface (GTK_NATIVE (bench->window))))
    bench->painted = TRUE;
}

static void
grant_application_bench_after_paint_cb (GdkFrameClock *frame_clock,
                                        gpointer       user_data)
{
  BenchFirstFrame *bench = user_data;

  if (!bench->painted)
    return;

  g_printerr ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());

  g_signal_handlers_disconnect_by_data (frame_clock, bench);
  if (bench->exit_after_ms > 0)
    g_timeout_add (bench->exit_after_ms, grant_application_bench_quit_cb, NULL);
  g_free (bench);
}

static void
grant_application_bench_watch_first_frame (GtkWindow *window)
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

  g_signal_connect (frame_clock, "paint",
                    G_CALLBACK (grant_application_bench_paint_cb), bench);
  g_signal_connect (frame_clock, "after-paint",
                    G_CALLBACK (grant_application_bench_after_paint_cb), bench);
}

static void
grant_application_activate (GApplication *application)
{
  GrantApplication *self = GRANT_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    gtk_window_present (window);
  else
    {
      window = grant_application_new_window (self);
      grant_application_bench_watch_first_frame (window);
    }
}

static void
grant_application_new_window_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  grant_application_new_window (GRANT_APPLICATION (user_data));
}

static void
grant_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  GrantApplication *self = GRANT_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Closing each window, rather than quitting outright, lets every window save its state;
   * the application ends with its last window. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
grant_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  GrantApplication *self = GRANT_APPLICATION (user_data);
  static const char *developers[] = { "The Grant developers", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Grant"),
                        "application-icon", GRANT_APP_ID,
                        "developer-name", _("The Grant developers"),
                        "version", GRANT_VERSION,
                        "website", "https://github.com/grantapp/grant",
                        "issue-url", "https://github.com/grantapp/grant/issues",
                        "comments", _("Run, inspect and replay OAuth 2.0 and OpenID Connect flows "
                                      "against real authorization servers, and see whether every "
                                      "step was right."),
                        "copyright", "© 2026 The Grant developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one a line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (about);
}

static const GActionEntry app_actions[] = {
  { "new-window", grant_application_new_window_action },
  { "quit", grant_application_quit_action },
  { "about", grant_application_about_action },
};

static void
grant_application_startup (GApplication *application)
{
  GrantApplication *self = GRANT_APPLICATION (application);
  GtkApplication *gtk_application = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (grant_application_parent_class)->startup (application);

  self->settings = g_settings_new (GRANT_SETTINGS_SCHEMA_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (gtk_application, "app.new-window",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_application, "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
grant_application_dispose (GObject *object)
{
  GrantApplication *self = GRANT_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grant_application_parent_class)->dispose (object);
}

static void
grant_application_class_init (GrantApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = grant_application_dispose;

  application_class->activate = grant_application_activate;
  application_class->startup = grant_application_startup;

  _grant_application_ensure_resources ();
}

static void
grant_application_init (GrantApplication *self)
{
}
