/* grant-application-workspace.c
 * The application's workspace actions: open, save as, recent workspaces, export and import.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-application-private.h"
#include "grant-window.h"

/* How many workspaces the Recent menu lists. */
#define MAX_RECENT 8

static GtkWindow *
active_window (GrantApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
report (GrantApplication *self,
        const char       *message)
{
  GtkWindow *window = active_window (self);

  if (GRANT_IS_WINDOW (window))
    grant_window_show_toast (GRANT_WINDOW (window), message);
  else
    g_warning ("%s", message);
}

/* Puts @path first in the recent workspaces. */
static void
remember_recent (GrantApplication *self,
                 const char       *path)
{
  GSettings *settings = grant_application_get_settings (self);
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-workspaces", (const char * const *) recent);
}

/**
 * grant_application_open_workspace:
 * @self: a #GrantApplication
 * @path: a workspace file
 *
 * Opens @path, read-only if it cannot be read (the windows say why), and lists it first among
 * the recent workspaces.
 */
void
grant_application_open_workspace (GrantApplication *self,
                                   const char       *path)
{
  g_autoptr(GrantWorkspace) workspace = grant_workspace_new (path);
  g_autoptr(GError) error = NULL;

  grant_workspace_load (workspace, &error);
  _grant_application_set_workspace (self, workspace, error);
  remember_recent (self, path);
}

/* Asks for a workspace file; @callback gets the dialog, which it frees, and the response. */
static void
show_chooser (GrantApplication     *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept,
              const char           *current_name,
              GCallback             callback)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, active_window (self), action, accept, NULL);
  gtk_file_filter_set_name (filter, _("Grant Workspaces"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  g_signal_connect (chooser, "response", callback, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
chosen_path (GtkNativeDialog *dialog,
             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
open_response_cb (GtkNativeDialog  *dialog,
                  int               response,
                  GrantApplication *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    grant_application_open_workspace (self, path);
  g_object_unref (dialog);
}

static void
open_workspace_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  show_chooser (user_data, _("Open a Workspace"),
                GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL,
                G_CALLBACK (open_response_cb));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  grant_application_open_workspace (user_data, g_variant_get_string (parameter, NULL));
}

static void
save_as_response_cb (GtkNativeDialog  *dialog,
                     int               response,
                     GrantApplication *self)
{
  g_autofree char *path = chosen_path (dialog, response);
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      if (grant_workspace_save_as (grant_application_get_workspace (self), path, &error))
        {
          remember_recent (self, path);
          /* A read-only workspace saved elsewhere is writable there: the windows drop their
           * banner. */
          _grant_application_set_workspace (self, grant_application_get_workspace (self), NULL);
        }
      else
        report (self, error->message);
    }
  g_object_unref (dialog);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  show_chooser (user_data, _("Save the Workspace As"),
                GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), "workspace.json",
                G_CALLBACK (save_as_response_cb));
}

static void
export_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    GrantApplication *self)
{
  g_autofree char *path = chosen_path (dialog, response);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      /* The workspace never holds a secret, so what it saves is what it exports. */
      data = grant_workspace_to_data (grant_application_get_workspace (self));
      if (g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
        report (self, _("Workspace exported, without secrets"));
      else
        report (self, error->message);
    }
  g_object_unref (dialog);
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  show_chooser (user_data, _("Export the Workspace Without Secrets"),
                GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), "grant-workspace.json",
                G_CALLBACK (export_response_cb));
}

/**
 * _grant_application_import_workspace:
 * @self: a #GrantApplication
 * @path: an exported workspace
 * @error: return location for a #GError
 *
 * Replaces the open workspace's contents by those of @path; the windows follow.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
_grant_application_import_workspace (GrantApplication  *self,
                                     const char        *path,
                                     GError           **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  GrantWorkspace *workspace = grant_application_get_workspace (self);

  if (!g_file_get_contents (path, &data, &length, error)
      || !grant_workspace_import (workspace, data, (gssize) length, error))
    return FALSE;

  _grant_application_set_workspace (self, workspace,
                                    NULL);
  return TRUE;
}

static void
import_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    GrantApplication *self)
{
  g_autofree char *path = chosen_path (dialog, response);
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      if (_grant_application_import_workspace (self, path, &error))
        report (self, _("Workspace imported"));
      else
        report (self, error->message);
    }
  g_object_unref (dialog);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  show_chooser (user_data, _("Import a Workspace"),
                GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL,
                G_CALLBACK (import_response_cb));
}

static const GActionEntry workspace_actions[] = {
  { "open-workspace", open_workspace_action },
  { "open-recent-workspace", open_recent_action, "s" },
  { "save-workspace-as", save_as_action },
  { "export-workspace", export_action },
  { "import-workspace", import_action },
};

/**
 * _grant_application_add_workspace_actions:
 * @self: a #GrantApplication
 *
 * Adds app.open-workspace (Ctrl+O), app.open-recent-workspace, app.save-workspace-as
 * (Shift+Ctrl+S), app.export-workspace and app.import-workspace.
 */
void
_grant_application_add_workspace_actions (GrantApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), workspace_actions,
                                   G_N_ELEMENTS (workspace_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-workspace",
                                         (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.save-workspace-as",
                                         (const char *[]) { "<Shift><Control>s", NULL });
}
