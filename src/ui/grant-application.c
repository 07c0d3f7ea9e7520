/* grant-application.c
 * The Grant application: its actions, accelerators and windows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-application-private.h"
#include "grant-first-frame.h"
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
      grant_first_frame_watch (window);
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
