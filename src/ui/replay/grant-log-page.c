/* grant-log-page.c
 * The Log page: every exchange of the window, filtered, raw, as curl, to and from HAR.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A column view over the window's exchange log, front and back channel, with a filter by
 * text (title, method, URL, status), status class and channel. The selected exchange is shown
 * raw below it, whole, secrets included: this is the user's own record. What leaves the page
 * (a curl command on the clipboard, a HAR file) has its secrets redacted unless the user asks
 * for them. A HAR file, Grant's or a browser's, can be read back into the log.
 *
 * The filter (GrantLogFilter) runs whole, not incrementally, so the list and its count are
 * complete as soon as the filter changes; bench/bench-log.c measures it at 100 000 exchanges.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-har.h"
#include "grant-log-page.h"
#include "grant-text-load.h"
#include "grant-timeline.h"

typedef enum
{
  COLUMN_TIME,
  COLUMN_CHANNEL,
  COLUMN_METHOD,
  COLUMN_STATUS,
  COLUMN_DURATION,
  COLUMN_REQUEST,
} Column;

struct _GrantLogPage
{
  GtkWidget              parent_instance;

  GrantExchangeLog      *log;
  GrantLogFilter        *filtered;
  GtkSingleSelection    *selection;
  GrantExchange         *shown;

  GtkWidget             *stack;
  GtkWidget             *search;
  GtkWidget             *status_choice;
  GtkWidget             *channel_choice;
  GtkWidget             *count;
  GtkWidget             *column_view;
  GtkTextBuffer         *raw;
  /* Copy as curl, and the other way to copy in its menu. */
  GtkWidget             *copy;
  GMenu                 *copy_menu;

  /* Whether exports keep their secrets unless told otherwise (the preferences). */
  gboolean               include_secrets;
};

G_DEFINE_FINAL_TYPE (GrantLogPage, grant_log_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INCLUDE_SECRETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void grant_log_page_map (GtkWidget *widget);

static void
update_count (GrantLogPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = self->log != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->log)) : 0;
  g_autofree char *text = NULL;

  if (self->stack == NULL)
    return;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u exchange", "%u exchanges", total),
                            total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u exchange",
                                         "%u of %u exchanges", total), shown, total);
  gtk_label_set_text (GTK_LABEL (self->count), text);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), total > 0 ? "log" : "empty");
}

/* The text of one cell. */
static char *
column_text (GrantExchange *exchange,
             Column         column)
{
  const GrantExchangeTimings *timings = grant_exchange_get_timings (exchange);
  GrantHttpRequest *request = grant_exchange_get_request (exchange);

  switch (column)
    {
    case COLUMN_TIME:
      {
        g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (timings->started_at
                                                                      / G_USEC_PER_SEC);
        g_autofree char *seconds = time != NULL ? g_date_time_format (time, "%T") : NULL;

        return g_strdup_printf ("%s.%03d", seconds != NULL ? seconds : "",
                                (int) (timings->started_at % G_USEC_PER_SEC / 1000));
      }
    case COLUMN_CHANNEL:
      return g_strdup (grant_exchange_get_channel (exchange) == GRANT_EXCHANGE_FRONT_CHANNEL
                       ? _("Browser") : _("Grant"));
    case COLUMN_METHOD:
      return g_strdup (grant_http_request_get_method (request));
    case COLUMN_STATUS:
      return grant_timeline_dup_status_text (exchange);
    case COLUMN_DURATION:
      if (grant_exchange_get_state (exchange) == GRANT_EXCHANGE_SENDING || timings->total < 0)
        return g_strdup ("…");
      return g_strdup_printf (_("%.0f ms"), timings->total / 1000.0);
    case COLUMN_REQUEST:
    default:
      {
        g_autofree char *title = grant_exchange_dup_display_title (exchange);

        if (title != NULL)
          return g_strdup_printf ("%s — %s", title, grant_http_request_get_uri (request));
        return g_strdup (grant_http_request_get_uri (request));
      }
    }
}

static void
update_cell (GtkListItem *item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "grant-column"));
  GrantExchange *exchange = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (exchange == NULL)
    return;

  text = column_text (exchange, column);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COLUMN_STATUS)
    {
      guint status = grant_exchange_get_status (exchange);
      gboolean failed = grant_exchange_get_state (exchange) == GRANT_EXCHANGE_FAILED;

      gtk_widget_remove_css_class (label, "error");
      gtk_widget_remove_css_class (label, "success");
      if (failed || status >= 400)
        gtk_widget_add_css_class (label, "error");
      else if (status >= 200 && status < 400)
        gtk_widget_add_css_class (label, "success");
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  column)
{
  GtkWidget *label = gtk_label_new (NULL);

  g_object_set_data (G_OBJECT (item), "grant-column", column);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (GPOINTER_TO_INT (column) == COLUMN_REQUEST)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  if (GPOINTER_TO_INT (column) == COLUMN_TIME || GPOINTER_TO_INT (column) == COLUMN_STATUS
      || GPOINTER_TO_INT (column) == COLUMN_DURATION)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
exchange_state_cb (GrantExchange *exchange,
                   GParamSpec    *pspec,
                   GtkListItem   *item)
{
  update_cell (item);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  column)
{
  GrantExchange *exchange = gtk_list_item_get_item (item);

  update_cell (item);
  if (grant_exchange_get_state (exchange) == GRANT_EXCHANGE_SENDING)
    g_signal_connect_object (exchange, "notify::state", G_CALLBACK (exchange_state_cb), item, 0);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  column)
{
  GrantExchange *exchange = gtk_list_item_get_item (item);

  if (exchange != NULL)
    g_signal_handlers_disconnect_by_func (exchange, exchange_state_cb, item);
}

static void
add_column (GrantLogPage *self,
            const char   *title,
            Column        column,
            gboolean      expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), view_column);
  g_object_unref (view_column);
}

static void
show_raw (GrantLogPage *self)
{
  if (self->raw == NULL)
    ;
  else if (self->shown != NULL)
    grant_text_load_exchange (self->raw, self->shown, NULL);
  else
    gtk_text_buffer_set_text (self->raw, "", -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy-curl", self->shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy-curl-with-secrets",
                                 self->shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy-curl-redacted",
                                 self->shown != NULL);
}

static void
shown_state_cb (GrantExchange *exchange,
                GParamSpec    *pspec,
                GrantLogPage  *self)
{
  show_raw (self);
}

static void
selection_changed_cb (GrantLogPage *self)
{
  GrantExchange *exchange = gtk_single_selection_get_selected_item (self->selection);

  if (exchange == self->shown)
    return;

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_func (self->shown, shown_state_cb, self);
  g_set_object (&self->shown, exchange);
  if (self->shown != NULL)
    g_signal_connect_object (self->shown, "notify::state", G_CALLBACK (shown_state_cb), self, 0);
  show_raw (self);
}

static void
filter_changed_cb (GrantLogPage *self)
{
  grant_log_filter_set (self->filtered, gtk_editable_get_text (GTK_EDITABLE (self->search)),
                        gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_choice)),
                        gtk_drop_down_get_selected (GTK_DROP_DOWN (self->channel_choice)));
}

static void
toast (GrantLogPage *self,
       const char   *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
report_error (GrantLogPage *self,
              const char   *heading,
              const char   *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_curl (GrantLogPage *self,
           gboolean      include_secrets)
{
  g_autofree char *command = NULL;

  if (self->shown == NULL)
    return;

  command = grant_http_request_dup_curl_command (grant_exchange_get_request (self->shown),
                                                 include_secrets);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), command);
  toast (self, include_secrets ? _("Copied as curl, with its secrets")
                               : _("Copied as curl, secrets redacted"));
}

/* Copy as curl (Shift+Ctrl+C): redacted, unless the preferences say to keep the secrets. */
static void
copy_curl_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GrantLogPage *self = GRANT_LOG_PAGE (widget);

  copy_curl (self, self->include_secrets);
}

static void
copy_curl_redacted_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  copy_curl (GRANT_LOG_PAGE (widget), FALSE);
}

static void
copy_curl_with_secrets_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  copy_curl (GRANT_LOG_PAGE (widget), TRUE);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GrantLogPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));
      g_autofree char *body = g_strdup_printf (_("Grant could not write “%s”: %s. Choose "
                                                 "another folder, or free some space."),
                                               name, error->message);

      report_error (self, _("Could Not Export"), body);
      return;
    }

  toast (self, _("Exported as HAR"));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GrantLogPage) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean include_secrets;
  char *har;
  gsize length;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  include_secrets = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "secrets"),
                               "true") == 0;
  har = grant_har_export (G_LIST_MODEL (self->log),
                          include_secrets ? GRANT_HAR_INCLUDE_SECRETS : GRANT_HAR_NONE, &length);
  bytes = g_bytes_new_take (har, length);
  /* A file with secrets in it is the user's alone. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       include_secrets ? G_FILE_CREATE_PRIVATE
                                                       : G_FILE_CREATE_NONE,
                                       NULL, export_written_cb, g_object_ref (self));

out:
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrantLogPage *self = GRANT_LOG_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "grant-%Y%m%d-%H%M%S.har");

  dialog = gtk_file_chooser_native_new (_("Export as HAR"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "secrets",
                               _("Include tokens, codes and client secrets"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "secrets",
                               self->include_secrets ? "true" : "false");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GrantLogPage) self = user_data;
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *text = NULL;
  gsize length;

  if (g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    exchanges = grant_har_import (contents, length, &error);
  if (exchanges == NULL)
    {
      g_autofree char *body = g_strdup_printf (_("“%s” could not be read: %s. Choose a HAR file "
                                                 "saved by Grant or by a browser’s developer "
                                                 "tools."), name, error->message);

      report_error (self, _("Could Not Import"), body);
      return;
    }

  for (guint i = 0; i < exchanges->len; i++)
    grant_exchange_log_append (self->log, g_ptr_array_index (exchanges, i));

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u exchange from “%s”",
                                       "Imported %u exchanges from “%s”", exchanges->len),
                          exchanges->len, name);
  toast (self, text);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GrantLogPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_file_load_contents_async (file, NULL, import_loaded_cb, g_object_ref (self));
    }

  g_object_unref (dialog);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *har = gtk_file_filter_new ();
  GtkFileFilter *all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import HAR"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (har, _("HAR files"));
  gtk_file_filter_add_pattern (har, "*.har");
  gtk_file_filter_add_mime_type (har, "application/json");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), har);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  g_object_unref (har);
  g_object_unref (all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
log_items_changed_cb (GrantLogPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.export-har",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->log)) > 0);
}

static void
grant_log_page_dispose (GObject *object)
{
  GrantLogPage *self = (GrantLogPage *)object;
  GtkWidget *child;

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_func (self->shown, shown_state_cb, self);
  g_clear_object (&self->shown);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->log);
  self->copy = NULL;
  g_clear_object (&self->copy_menu);

  G_OBJECT_CLASS (grant_log_page_parent_class)->dispose (object);
}

static void
grant_log_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrantLogPage *self = GRANT_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_SECRETS:
      g_value_set_boolean (value, self->include_secrets);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_log_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrantLogPage *self = GRANT_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_SECRETS:
      grant_log_page_set_include_secrets (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void ensure_content (GrantLogPage *self);

/* Ctrl+F: the filter, as in GNOME's other lists that have one. */
static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrantLogPage *self = GRANT_LOG_PAGE (widget);

  ensure_content (self);
  gtk_widget_grab_focus (self->search);
}

static void
grant_log_page_class_init (GrantLogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_log_page_dispose;
  object_class->get_property = grant_log_page_get_property;
  object_class->set_property = grant_log_page_set_property;
  widget_class->map = grant_log_page_map;

  /**
   * GrantLogPage:include-secrets:
   *
   * Whether Copy as curl and the HAR export keep tokens, codes and secrets unless told
   * otherwise; either way, the other choice is a click away.
   */
  properties[PROP_INCLUDE_SECRETS] =
    g_param_spec_boolean ("include-secrets", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "log.copy-curl", NULL, copy_curl_action);
  gtk_widget_class_install_action (widget_class, "log.copy-curl-with-secrets", NULL,
                                   copy_curl_with_secrets_action);
  gtk_widget_class_install_action (widget_class, "log.copy-curl-redacted", NULL,
                                   copy_curl_redacted_action);
  gtk_widget_class_install_action (widget_class, "log.export-har", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "log.import-har", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "log.filter", NULL, filter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "log.copy-curl", NULL);
}

static GtkWidget *
empty_page_new (void)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import HAR…"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "network-transmit-receive-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Requests Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Every request Grant and the browser make appears here. "
                                     "Run a flow, send a request, or import a HAR file."));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "log.import-har");
  gtk_widget_set_halign (import, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (import, "pill");
  adw_status_page_set_child (ADW_STATUS_PAGE (page), import);

  return page;
}

static GtkWidget *
toolbar_new (GrantLogPage *self)
{
  static const char * const statuses[] = {
    N_("Any status"), N_("2xx Success"), N_("3xx Redirect"), N_("4xx Client error"),
    N_("5xx Server error"), N_("Failed"), NULL
  };
  static const char * const channels[] = {
    N_("Both channels"), N_("Browser (front channel)"), N_("Grant (back channel)"), NULL
  };
  g_autoptr(GtkStringList) status_list = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channel_list = gtk_string_list_new (NULL);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *import = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *export = gtk_button_new_from_icon_name ("document-save-symbolic");

  for (guint i = 0; statuses[i] != NULL; i++)
    gtk_string_list_append (status_list, _(statuses[i]));
  for (guint i = 0; channels[i] != NULL; i++)
    gtk_string_list_append (channel_list, _(channels[i]));

  self->search = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search, TRUE);
  g_object_set (self->search, "placeholder-text", _("Filter by URL, title, method or status"),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter"), -1);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search), GTK_WIDGET (self));
  /* Filtering takes milliseconds: follow each keystroke rather than wait for a pause. */
  g_signal_connect_swapped (self->search, "changed", G_CALLBACK (filter_changed_cb), self);

  self->status_choice = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&status_list)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_choice),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status"), -1);
  g_signal_connect_swapped (self->status_choice, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  self->channel_choice = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&channel_list)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->channel_choice),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Channel"), -1);
  g_signal_connect_swapped (self->channel_choice, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);

  self->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count, "dim-label");
  gtk_widget_add_css_class (self->count, "numeric");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "log.import-har");
  gtk_widget_set_tooltip_text (import, _("Import HAR…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (import), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import HAR…"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "log.export-har");
  gtk_widget_set_tooltip_text (export, _("Export as HAR…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export as HAR…"), -1);

  gtk_box_append (GTK_BOX (bar), self->search);
  gtk_box_append (GTK_BOX (bar), self->status_choice);
  gtk_box_append (GTK_BOX (bar), self->channel_choice);
  gtk_box_append (GTK_BOX (bar), self->count);
  gtk_box_append (GTK_BOX (bar), import);
  gtk_box_append (GTK_BOX (bar), export);

  return bar;
}

/* The button copies as the preferences say; its menu, the other way. */
static void
update_copy_button (GrantLogPage *self)
{
  if (self->copy == NULL)
    return;

  g_menu_remove_all (self->copy_menu);
  if (self->include_secrets)
    {
      adw_split_button_set_label (ADW_SPLIT_BUTTON (self->copy), _("_Copy as curl, with Secrets"));
      gtk_widget_set_tooltip_text (self->copy, _("The request as a curl command, with its "
                                                 "tokens, codes and secrets (Shift+Ctrl+C)"));
      g_menu_append (self->copy_menu, _("Copy as curl, Secrets _Redacted"),
                     "log.copy-curl-redacted");
    }
  else
    {
      adw_split_button_set_label (ADW_SPLIT_BUTTON (self->copy), _("_Copy as curl"));
      gtk_widget_set_tooltip_text (self->copy, _("The request as a curl command, secrets "
                                                 "redacted (Shift+Ctrl+C)"));
      g_menu_append (self->copy_menu, _("Copy as curl, with _Secrets"),
                     "log.copy-curl-with-secrets");
    }
}

static GtkWidget *
raw_pane_new (GrantLogPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Raw"));
  GtkWidget *copy = adw_split_button_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  self->copy = copy;
  self->copy_menu = g_menu_new ();
  adw_split_button_set_use_underline (ADW_SPLIT_BUTTON (copy), TRUE);
  adw_split_button_set_menu_model (ADW_SPLIT_BUTTON (copy), G_MENU_MODEL (self->copy_menu));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "log.copy-curl");
  update_copy_button (self);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), copy);

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Raw request and response"), -1);
  self->raw = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "card");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_widget_set_margin_top (box, 6);

  return box;
}

/* The page's widgets, made when it is first shown: the window's first frame does not pay for
 * a column view, a text view and a dozen buttons on a page it does not show. */
static void
ensure_content (GrantLogPage *self)
{
  GtkWidget *content;
  GtkWidget *paned;
  GtkWidget *list_scroller;

  if (self->stack != NULL)
    return;

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  list_scroller = gtk_scrolled_window_new ();
  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_widget_add_css_class (self->column_view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Exchanges"), -1);
  add_column (self, _("Time"), COLUMN_TIME, FALSE);
  add_column (self, _("Channel"), COLUMN_CHANNEL, FALSE);
  add_column (self, _("Method"), COLUMN_METHOD, FALSE);
  add_column (self, _("Status"), COLUMN_STATUS, FALSE);
  add_column (self, _("Duration"), COLUMN_DURATION, FALSE);
  add_column (self, _("Request"), COLUMN_REQUEST, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroller), self->column_view);
  gtk_widget_add_css_class (list_scroller, "card");
  gtk_widget_set_size_request (list_scroller, -1, 160);

  gtk_paned_set_start_child (GTK_PANED (paned), list_scroller);
  gtk_paned_set_end_child (GTK_PANED (paned), raw_pane_new (self));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 300);
  gtk_widget_set_vexpand (paned, TRUE);

  gtk_box_append (GTK_BOX (content), toolbar_new (self));
  gtk_box_append (GTK_BOX (content), paned);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), empty_page_new (), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), content, "log");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  show_raw (self);
  update_count (self);
}

static void
grant_log_page_map (GtkWidget *widget)
{
  ensure_content (GRANT_LOG_PAGE (widget));

  GTK_WIDGET_CLASS (grant_log_page_parent_class)->map (widget);
}

static void
grant_log_page_init (GrantLogPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Managed by the window, Ctrl+F works wherever the focus is while the page is shown: right
   * after Ctrl+3, it is still on the page left. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("log.filter")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->filtered = grant_log_filter_new ();
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.export-har", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy-curl", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy-curl-with-secrets", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy-curl-redacted", FALSE);
}

GtkWidget *
grant_log_page_new (void)
{
  return g_object_new (GRANT_TYPE_LOG_PAGE, NULL);
}

/**
 * grant_log_page_get_log:
 * @self: a #GrantLogPage
 *
 * Returns: (nullable) (transfer none): the log shown
 */
GrantExchangeLog *
grant_log_page_get_log (GrantLogPage *self)
{
  g_return_val_if_fail (GRANT_IS_LOG_PAGE (self), NULL);

  return self->log;
}

/**
 * grant_log_page_set_log:
 * @self: a #GrantLogPage
 * @log: the log to show, the window's; imported HAR files are added to it
 */
void
grant_log_page_set_log (GrantLogPage     *self,
                        GrantExchangeLog *log)
{
  g_return_if_fail (GRANT_IS_LOG_PAGE (self));
  g_return_if_fail (GRANT_IS_EXCHANGE_LOG (log));

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_func (self->log, log_items_changed_cb, self);
  g_set_object (&self->log, log);
  g_signal_connect_object (log, "items-changed", G_CALLBACK (log_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  grant_log_filter_set_log (self->filtered, log);
  log_items_changed_cb (self);
  update_count (self);
}

/**
 * grant_log_page_set_filter:
 * @self: a #GrantLogPage
 * @text: (nullable): text the title, method, URL or status must hold, case ignored
 * @status: the status class to show
 * @channel: the channel to show
 *
 * Sets the filter as the user would, through its widgets; the list is complete on return.
 */
void
grant_log_page_set_filter (GrantLogPage          *self,
                           const char            *text,
                           GrantLogStatusFilter   status,
                           GrantLogChannelFilter  channel)
{
  g_return_if_fail (GRANT_IS_LOG_PAGE (self));

  ensure_content (self);
  /* Three widgets change: the list is filtered once, after. */
  g_signal_handlers_block_by_func (self->search, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->status_choice, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->channel_choice, filter_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search), text != NULL ? text : "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status_choice), status);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->channel_choice), channel);
  g_signal_handlers_unblock_by_func (self->search, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->status_choice, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->channel_choice, filter_changed_cb, self);
  filter_changed_cb (self);
}

/**
 * grant_log_page_get_shown:
 * @self: a #GrantLogPage
 *
 * Returns: (transfer none): the exchanges the filter lets through, as the list shows them
 */
GListModel *
grant_log_page_get_shown (GrantLogPage *self)
{
  g_return_val_if_fail (GRANT_IS_LOG_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * grant_log_page_get_selection:
 * @self: a #GrantLogPage
 *
 * Returns: (transfer none): the list's selection
 */
GtkSingleSelection *
grant_log_page_get_selection (GrantLogPage *self)
{
  g_return_val_if_fail (GRANT_IS_LOG_PAGE (self), NULL);

  return self->selection;
}

/**
 * grant_log_page_dup_raw_text:
 * @self: a #GrantLogPage
 *
 * Returns: (transfer full): the raw view's text
 */
char *
grant_log_page_dup_raw_text (GrantLogPage *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (GRANT_IS_LOG_PAGE (self), NULL);

  ensure_content (self);
  gtk_text_buffer_get_bounds (self->raw, &start, &end);

  return gtk_text_buffer_get_text (self->raw, &start, &end, FALSE);
}

/**
 * grant_log_page_get_include_secrets:
 * @self: a #GrantLogPage
 *
 * Returns: whether exports keep their secrets unless told otherwise
 */
gboolean
grant_log_page_get_include_secrets (GrantLogPage *self)
{
  g_return_val_if_fail (GRANT_IS_LOG_PAGE (self), FALSE);

  return self->include_secrets;
}

/**
 * grant_log_page_set_include_secrets:
 * @self: a #GrantLogPage
 * @include_secrets: whether Copy as curl and the HAR export keep tokens, codes and secrets
 *   unless told otherwise
 */
void
grant_log_page_set_include_secrets (GrantLogPage *self,
                                    gboolean      include_secrets)
{
  g_return_if_fail (GRANT_IS_LOG_PAGE (self));

  include_secrets = !!include_secrets;
  if (self->include_secrets == include_secrets)
    return;

  self->include_secrets = include_secrets;
  update_copy_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_SECRETS]);
}
