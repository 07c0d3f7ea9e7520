/* grant-application.c
 * The Grant application: its actions, accelerators and windows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-application-private.h"
#include "grant-first-frame.h"
#include "grant-practice-provider.h"
#include "grant-preferences-window.h"
#include "grant-resources.h"
#include "grant-secret-store.h"
#include "grant-workspace.h"
#include "grant-window.h"

/* If no window paints a frame this soon, the practice provider starts all the same. */
#define PRACTICE_START_FALLBACK_SECONDS 3

struct _GrantApplication
{
  AdwApplication         parent_instance;

  GSettings             *settings;

  /* One practice provider for the whole process, started once the first window is drawn. */
  GrantPracticeProvider *practice_provider;
  char                  *practice_error;
  gboolean               practice_scheduled;
  guint                  practice_start_source;
  guint                  practice_fallback_source;
  GdkFrameClock         *practice_frame_clock;
  GtkWidget             *practice_window;

  /* The open workspace, and where its secrets go. */
  GrantWorkspace        *workspace;
  char                  *workspace_error;
  GrantSecretStore      *secrets;
  gboolean               loading_workspace;
};

G_DEFINE_FINAL_TYPE (GrantApplication, grant_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_PRACTICE_ERROR,
  PROP_WORKSPACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/**
 * grant_application_get_practice_provider:
 * @self: a #GrantApplication
 *
 * The practice provider starts after the first window's first frame; until then, and if it
 * could not start, it is not running.
 *
 * Returns: (transfer none) (nullable): the application's practice provider, once started up
 */
GrantPracticeProvider *
grant_application_get_practice_provider (GrantApplication *self)
{
  g_return_val_if_fail (GRANT_IS_APPLICATION (self), NULL);

  return self->practice_provider;
}

/**
 * grant_application_get_practice_error:
 * @self: a #GrantApplication
 *
 * Returns: (nullable): why the practice provider could not start, or %NULL if it did or has
 *   not tried yet
 */
const char *
grant_application_get_practice_error (GrantApplication *self)
{
  g_return_val_if_fail (GRANT_IS_APPLICATION (self), NULL);

  return self->practice_error;
}

/**
 * grant_application_get_workspace:
 * @self: a #GrantApplication
 *
 * Returns: (transfer none): the open workspace; #GrantApplication:workspace says when another
 *   one is opened
 */
GrantWorkspace *
grant_application_get_workspace (GrantApplication *self)
{
  g_return_val_if_fail (GRANT_IS_APPLICATION (self), NULL);

  return self->workspace;
}

/**
 * grant_application_get_workspace_error:
 * @self: a #GrantApplication
 *
 * Returns: (nullable): why the open workspace could not be read, or %NULL
 */
const char *
grant_application_get_workspace_error (GrantApplication *self)
{
  g_return_val_if_fail (GRANT_IS_APPLICATION (self), NULL);

  return self->workspace_error;
}

/**
 * grant_application_get_secret_store:
 * @self: a #GrantApplication
 *
 * Returns: (transfer none): where the workspace's secrets are kept, made on first use so that
 *   the Secret Service is not asked before a secret is needed
 */
GrantSecretStore *
grant_application_get_secret_store (GrantApplication *self)
{
  g_return_val_if_fail (GRANT_IS_APPLICATION (self), NULL);

  if (self->secrets == NULL)
    self->secrets = grant_secret_store_new ();

  return self->secrets;
}

/* The practice provider's switches follow the workspace, and the workspace follows them. */
static void
load_practice_faults (GrantApplication *self)
{
  g_autoptr(JsonNode) practice = grant_workspace_dup_section (self->workspace, "practice");
  JsonObject *faults = NULL;

  if (practice != NULL && json_object_has_member (json_node_get_object (practice), "faults"))
    faults = json_object_get_object_member (json_node_get_object (practice), "faults");

  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      const GrantPracticeFaultInfo *info = grant_practice_fault_get_info (i);
      JsonObject *fault = NULL;

      if (faults != NULL && json_object_has_member (faults, info->name))
        fault = json_object_get_object_member (faults, info->name);
      grant_practice_provider_set_fault (self->practice_provider, i,
                                         fault != NULL
                                         && json_object_get_boolean_member_with_default (fault,
                                                                                         "enabled",
                                                                                         FALSE));
      if (info->value_label != NULL)
        grant_practice_provider_set_fault_value (self->practice_provider, i,
                                                 fault != NULL
                                                 ? (guint) CLAMP (json_object_get_int_member_with_default (fault, "value", info->default_value),
                                                                  0, G_MAXUINT)
                                                 : info->default_value);
    }
}

static void
save_practice_faults (GrantApplication *self)
{
  g_autoptr(JsonObject) practice = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *faults = json_object_new ();

  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      const GrantPracticeFaultInfo *info = grant_practice_fault_get_info (i);
      gboolean enabled = grant_practice_provider_get_fault (self->practice_provider, i);
      guint value = info->value_label != NULL
                    ? grant_practice_provider_get_fault_value (self->practice_provider, i)
                    : info->default_value;
      JsonObject *fault;

      /* Only what differs from a fresh provider is written. */
      if (!enabled && value == info->default_value)
        continue;
      fault = json_object_new ();
      json_object_set_boolean_member (fault, "enabled", enabled);
      if (info->value_label != NULL)
        json_object_set_int_member (fault, "value", value);
      json_object_set_object_member (faults, info->name, fault);
    }
  json_object_set_object_member (practice, "faults", faults);
  node = json_node_init_object (json_node_alloc (), practice);
  grant_workspace_set_section (self->workspace, "practice", node, NULL);
}

static void
fault_changed_cb (GrantApplication *self)
{
  if (!self->loading_workspace)
    save_practice_faults (self);
}

/**
 * _grant_application_set_workspace:
 * @self: a #GrantApplication
 * @workspace: (transfer none): the workspace to work in from now on
 * @error: (nullable): why it could not be read, if it could not
 *
 * Saves the workspace open so far, and makes @workspace the open one.
 */
void
_grant_application_set_workspace (GrantApplication *self,
                                  GrantWorkspace   *workspace,
                                  const GError     *error)
{
  g_autoptr(GError) flush_error = NULL;

  if (self->workspace != NULL && !grant_workspace_flush (self->workspace, &flush_error))
    g_warning ("Could not save the workspace: %s", flush_error->message);

  g_set_object (&self->workspace, workspace);
  g_free (self->workspace_error);
  self->workspace_error = error != NULL ? g_strdup (error->message) : NULL;

  self->loading_workspace = TRUE;
  load_practice_faults (self);
  self->loading_workspace = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
}

static void
forget_practice_frame_clock (GrantApplication *self)
{
  if (self->practice_frame_clock != NULL)
    g_signal_handlers_disconnect_by_data (self->practice_frame_clock, self);
  g_clear_weak_pointer (&self->practice_frame_clock);
  g_clear_weak_pointer (&self->practice_window);
}

static gboolean
start_practice_cb (gpointer user_data)
{
  GrantApplication *self = GRANT_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;

  self->practice_start_source = 0;
  g_clear_handle_id (&self->practice_fallback_source, g_source_remove);
  forget_practice_frame_clock (self);

  if (self->practice_provider == NULL
      || grant_practice_provider_get_running (self->practice_provider))
    return G_SOURCE_REMOVE;

  if (!grant_practice_provider_start (self->practice_provider, &error))
    {
      g_free (self->practice_error);
      self->practice_error = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRACTICE_ERROR]);
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_practice_start (GrantApplication *self)
{
  /* At the default priority, not the idle one: a window that animates (the discovery spinner
   * of a saved form waits for the provider) redraws at a higher priority than an idle, and on
   * a slow renderer would starve it. The first frame is drawn by then. */
  if (self->practice_start_source == 0)
    self->practice_start_source = g_idle_add_full (G_PRIORITY_DEFAULT, start_practice_cb, self,
                                                   NULL);
}

static gboolean
practice_fallback_cb (gpointer user_data)
{
  GrantApplication *self = GRANT_APPLICATION (user_data);

  self->practice_fallback_source = 0;
  schedule_practice_start (self);

  return G_SOURCE_REMOVE;
}

/* After the first frame in which the window was on screen, the provider starts in an idle:
 * its thread makes keys while the first frame would still be drawn otherwise. */
static void
practice_after_paint_cb (GdkFrameClock    *frame_clock,
                         GrantApplication *self)
{
  GdkSurface *surface;

  if (self->practice_window == NULL)
    return;
  surface = gtk_native_get_surface (GTK_NATIVE (self->practice_window));
  if (surface == NULL || !gdk_surface_get_mapped (surface))
    return;

  forget_practice_frame_clock (self);
  schedule_practice_start (self);
}

static void
watch_first_frame (GrantApplication *self,
                   GtkWindow        *window)
{
  GdkFrameClock *frame_clock;

  if (self->practice_scheduled)
    return;
  self->practice_scheduled = TRUE;

  self->practice_fallback_source = g_timeout_add_seconds (PRACTICE_START_FALLBACK_SECONDS,
                                                          practice_fallback_cb, self);
  /* gtk_window_present () realized the window, so it has a frame clock. */
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (frame_clock == NULL)
    {
      schedule_practice_start (self);
      return;
    }

  g_set_weak_pointer (&self->practice_frame_clock, frame_clock);
  g_set_weak_pointer (&self->practice_window, GTK_WIDGET (window));
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (practice_after_paint_cb), self);
}

static GtkWindow *
grant_application_new_window (GrantApplication *self)
{
  GrantWindow *window = grant_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  watch_first_frame (self, GTK_WINDOW (window));

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

/* The preferences, over the active window: the windows follow them as they change. */
static void
grant_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  GrantApplication *self = GRANT_APPLICATION (user_data);
  GtkWindow *preferences;

  preferences = grant_preferences_window_new (
    gtk_application_get_active_window (GTK_APPLICATION (self)), self->settings);
  gtk_window_present (preferences);
}

static const GActionEntry app_actions[] = {
  { "new-window", grant_application_new_window_action },
  { "quit", grant_application_quit_action },
  { "about", grant_application_about_action },
  { "preferences", grant_application_preferences_action },
};

static void
grant_application_startup (GApplication *application)
{
  GrantApplication *self = GRANT_APPLICATION (application);
  GtkApplication *gtk_application = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (grant_application_parent_class)->startup (application);

  self->settings = g_settings_new (GRANT_SETTINGS_SCHEMA_ID);
  self->practice_provider = grant_practice_provider_new ();
  g_signal_connect_object (self->practice_provider, "fault-changed",
                           G_CALLBACK (fault_changed_cb), self, G_CONNECT_SWAPPED);

  /* The default workspace: a small file, read before the first window needs it. */
  {
    g_autofree char *path = grant_workspace_dup_default_path ();
    g_autoptr(GrantWorkspace) workspace = grant_workspace_new (path);
    g_autoptr(GError) error = NULL;

    grant_workspace_load (workspace, &error);
    _grant_application_set_workspace (self, workspace, error);
  }
  _grant_application_add_workspace_actions (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (gtk_application, "app.new-window",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_application, "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
grant_application_shutdown (GApplication *application)
{
  GrantApplication *self = GRANT_APPLICATION (application);

  g_clear_handle_id (&self->practice_start_source, g_source_remove);
  g_clear_handle_id (&self->practice_fallback_source, g_source_remove);
  forget_practice_frame_clock (self);
  if (self->practice_provider != NULL)
    grant_practice_provider_stop (self->practice_provider);

  /* An edit made within the autosave delay is saved now. */
  if (self->workspace != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!grant_workspace_flush (self->workspace, &error))
        g_warning ("Could not save the workspace: %s", error->message);
    }

  G_APPLICATION_CLASS (grant_application_parent_class)->shutdown (application);
}

static void
grant_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GrantApplication *self = GRANT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_PRACTICE_ERROR:
      g_value_set_string (value, self->practice_error);
      break;

    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_application_dispose (GObject *object)
{
  GrantApplication *self = GRANT_APPLICATION (object);

  g_clear_handle_id (&self->practice_start_source, g_source_remove);
  g_clear_handle_id (&self->practice_fallback_source, g_source_remove);
  forget_practice_frame_clock (self);
  g_clear_object (&self->practice_provider);
  g_clear_pointer (&self->practice_error, g_free);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->workspace_error, g_free);
  g_clear_object (&self->secrets);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grant_application_parent_class)->dispose (object);
}

static void
grant_application_class_init (GrantApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = grant_application_dispose;
  object_class->get_property = grant_application_get_property;

  application_class->activate = grant_application_activate;
  application_class->startup = grant_application_startup;
  application_class->shutdown = grant_application_shutdown;

  /**
   * GrantApplication:practice-error:
   *
   * Why the practice provider could not start, or %NULL.
   */
  properties[PROP_PRACTICE_ERROR] =
    g_param_spec_string ("practice-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GrantApplication:workspace:
   *
   * The open workspace.
   */
  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, GRANT_TYPE_WORKSPACE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _grant_application_ensure_resources ();
}

static void
grant_application_init (GrantApplication *self)
{
}
