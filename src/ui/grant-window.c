/* grant-window.c
 * Grant's main window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-application-private.h"
#include "grant-window.h"

struct _GrantWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *empty_state;
};

G_DEFINE_FINAL_TYPE (GrantWindow, grant_window, ADW_TYPE_APPLICATION_WINDOW)

/**
 * grant_window_new:
 * @application: the application the window belongs to
 *
 * Returns: (transfer none): a new window, sized as the last one closed; GTK owns it
 */
GrantWindow *
grant_window_new (GrantApplication *application)
{
  g_return_val_if_fail (GRANT_IS_APPLICATION (application), NULL);

  return g_object_new (GRANT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
grant_window_load_size (GrantWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
grant_window_save_size (GrantWindow *self)
{
  int width;
  int height;

  /* The default size is the unmaximized size, which is what the next window should get. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
grant_window_close_request (GtkWindow *window)
{
  grant_window_save_size (GRANT_WINDOW (window));

  return GTK_WINDOW_CLASS (grant_window_parent_class)->close_request (window);
}

static void
grant_window_constructed (GObject *object)
{
  GrantWindow *self = GRANT_WINDOW (object);
  GtkApplication *application;

  G_OBJECT_CLASS (grant_window_parent_class)->constructed (object);

  /* Windows share the application's settings, so a window closed last wins. */
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (GRANT_IS_APPLICATION (application))
    {
      GrantApplication *grant_application = GRANT_APPLICATION (application);

      g_set_object (&self->settings, grant_application_get_settings (grant_application));
    }
  else
    self->settings = g_settings_new (GRANT_SETTINGS_SCHEMA_ID);

  grant_window_load_size (self);
}

static void
grant_window_dispose (GObject *object)
{
  GrantWindow *self = GRANT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GRANT_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grant_window_parent_class)->dispose (object);
}

static void
grant_window_class_init (GrantWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = grant_window_constructed;
  object_class->dispose = grant_window_dispose;

  window_class->close_request = grant_window_close_request;

  _grant_application_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               GRANT_RESOURCE_BASE_PATH "/grant-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, empty_state);
}

static void
grant_window_init (GrantWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->empty_state, GRANT_APP_ID "-symbolic");

  if (g_strcmp0 (GRANT_PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
