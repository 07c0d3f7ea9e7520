/* grant-json-export.c
 * Saving a table Grant made (probes, a scope matrix) as a JSON file the user picks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON is written when the user asks, so the file holds the table as it was then, even
 * if a new run starts while the file chooser is open.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-json-export.h"

typedef struct
{
  GBytes   *json;
  GWeakRef  status;
} Export;

static void
export_free (Export *export)
{
  g_bytes_unref (export->json);
  g_weak_ref_clear (&export->status);
  g_free (export);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GtkLabel) status = g_weak_ref_get (&export->status);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *text = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    text = g_strdup_printf (_("Saved as “%s”."), name);
  else
    text = g_strdup_printf (_("Could not save “%s”: %s. Choose another folder."), name,
                            error->message);
  if (status != NULL)
    gtk_label_set_text (status, text);
  export_free (export);
}

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  Export *export = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_file_replace_contents_bytes_async (file, export->json, NULL, FALSE, G_FILE_CREATE_NONE,
                                           NULL, written_cb, export);
    }
  else
    export_free (export);

  g_object_unref (dialog);
}

/**
 * grant_json_export:
 * @widget: the widget asking, for the dialog's parent
 * @title: the file chooser's title
 * @file_name: the name it suggests
 * @object: the JSON to save, as it is now
 * @status: (nullable): a label that says where it was saved, or why it could not be
 */
void
grant_json_export (GtkWidget  *widget,
                   const char *title,
                   const char *file_name,
                   JsonObject *object,
                   GtkLabel   *status)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GtkRoot *window = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  Export *export;
  gsize length;
  char *text;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (object != NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  export = g_new0 (Export, 1);
  export->json = g_bytes_new_take (text, length);
  g_weak_ref_init (&export->status, status);

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (window) ? GTK_WINDOW (window) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
