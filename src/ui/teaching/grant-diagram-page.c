/* grant-diagram-page.c
 * The Diagram page: the live sequence diagram of the current flow, exported as SVG or PNG.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's exchange log drawn as a sequence diagram from where the current flow began
 * (grant_diagram_page_begin_flow()), following it as the flow runs. Activating an arrow
 * passes its exchange up ("exchange-activated"), for the window to show it in the timeline.
 *
 * The diagram and its view are made when the page is first shown: until then nothing follows
 * the log, and a window that never shows the page pays nothing for it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-diagram-page.h"

struct _GrantDiagramPage
{
  GtkWidget              parent_instance;

  GrantExchangeLog      *log;
  /* Where the current flow began, and its authorization server, until the diagram exists. */
  guint                  start;
  GrantProviderMetadata *metadata;

  GrantSequenceDiagram  *diagram;
  GtkWidget             *stack;
  GtkWidget             *view;
};

G_DEFINE_FINAL_TYPE (GrantDiagramPage, grant_diagram_page, GTK_TYPE_WIDGET)

enum {
  EXCHANGE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (GrantDiagramPage *self,
       const char       *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
report_error (GrantDiagramPage *self,
              GFile            *file,
              const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *body = g_strdup_printf (_("Grant could not write “%s”: %s. Choose another "
                                             "folder, or free some space."), name,
                                           error->message);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Could Not Export"), body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_page (GrantDiagramPage *self)
{
  gboolean empty = self->diagram == NULL
                   || g_list_model_get_n_items (G_LIST_MODEL (self->diagram)) == 0;

  if (self->stack != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), empty ? "empty" : "diagram");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.export-svg", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.export-png", !empty);
}

/* Export ------------------------------------------------------------------------------------ */

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GrantDiagramPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    report_error (self, G_FILE (object), error);
  else
    toast (self, _("Diagram exported"));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GrantDiagramPage) self = user_data;
  gboolean png = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "png"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->diagram == NULL)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (png)
    {
      g_autoptr(GdkTexture) texture =
        grant_sequence_diagram_view_render_texture (GRANT_SEQUENCE_DIAGRAM_VIEW (self->view),
                                                    &error);

      if (texture == NULL)
        {
          report_error (self, file, error);
          goto out;
        }
      bytes = gdk_texture_save_to_png_bytes (texture);
    }
  else
    {
      GrantSequenceDiagramView *view = GRANT_SEQUENCE_DIAGRAM_VIEW (self->view);
      char *svg = grant_sequence_diagram_to_svg (self->diagram,
                                                 grant_sequence_diagram_view_get_scale (view));

      bytes = g_bytes_new_take (svg, strlen (svg));
    }
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                       written_cb, g_object_ref (self));

out:
  g_object_unref (dialog);
}

static void
export (GrantDiagramPage *self,
        gboolean          png)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, png ? "grant-diagram-%Y%m%d-%H%M%S.png"
                                                       : "grant-diagram-%Y%m%d-%H%M%S.svg");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (png ? _("Export Diagram as PNG")
                                            : _("Export Diagram as SVG"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_filter_set_name (filter, png ? _("PNG images") : _("SVG images"));
  gtk_file_filter_add_mime_type (filter, png ? "image/png" : "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "png", GINT_TO_POINTER (png));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_svg_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (GRANT_DIAGRAM_PAGE (widget), FALSE);
}

static void
export_png_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (GRANT_DIAGRAM_PAGE (widget), TRUE);
}

/* Content ----------------------------------------------------------------------------------- */

static void
exchange_activated_cb (GrantDiagramPage *self,
                       GrantExchange    *exchange)
{
  g_signal_emit (self, signals[EXCHANGE_ACTIVATED], 0, exchange);
}

static GtkWidget *
empty_page_new (void)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "network-workgroup-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Flow Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Run a flow: each redirect and request appears here as an "
                                     "arrow between the browser, Grant and the servers, as it "
                                     "happens."));

  return page;
}

static GtkWidget *
toolbar_new (void)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *caption = gtk_label_new (_("Every redirect and request of the current flow. "
                                        "Click a step to see it in the timeline."));
  GtkWidget *svg = gtk_button_new_with_mnemonic (_("Export _SVG…"));
  GtkWidget *png = gtk_button_new_with_mnemonic (_("Export _PNG…"));

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_set_hexpand (caption, TRUE);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (svg), "diagram.export-svg");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (png), "diagram.export-png");
  gtk_widget_set_valign (svg, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (png, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), caption);
  gtk_box_append (GTK_BOX (bar), svg);
  gtk_box_append (GTK_BOX (bar), png);
  gtk_widget_add_css_class (bar, "toolbar");

  return bar;
}

static void
ensure_content (GrantDiagramPage *self)
{
  GtkWidget *box;
  GtkWidget *scroller;

  if (self->stack != NULL)
    return;

  self->diagram = grant_sequence_diagram_new (NULL);
  grant_sequence_diagram_set_provider_metadata (self->diagram, self->metadata);
  grant_sequence_diagram_set_start (self->diagram, self->start);
  grant_sequence_diagram_set_log (self->diagram, self->log);
  g_signal_connect_object (self->diagram, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);

  self->view = grant_sequence_diagram_view_new ();
  grant_sequence_diagram_view_set_diagram (GRANT_SEQUENCE_DIAGRAM_VIEW (self->view),
                                           self->diagram);
  g_signal_connect_object (self->view, "exchange-activated", G_CALLBACK (exchange_activated_cb),
                           self, G_CONNECT_SWAPPED);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->view);
  gtk_widget_set_vexpand (scroller, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), toolbar_new ());
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), scroller);

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), empty_page_new (), "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), box, "diagram");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  update_page (self);
}

/* GObject ----------------------------------------------------------------------------------- */

static void
grant_diagram_page_map (GtkWidget *widget)
{
  ensure_content (GRANT_DIAGRAM_PAGE (widget));

  GTK_WIDGET_CLASS (grant_diagram_page_parent_class)->map (widget);
}

static void
grant_diagram_page_dispose (GObject *object)
{
  GrantDiagramPage *self = (GrantDiagramPage *)object;

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  self->view = NULL;
  if (self->diagram != NULL)
    grant_sequence_diagram_set_log (self->diagram, NULL);
  g_clear_object (&self->diagram);
  g_clear_object (&self->log);
  g_clear_object (&self->metadata);

  G_OBJECT_CLASS (grant_diagram_page_parent_class)->dispose (object);
}

static void
grant_diagram_page_class_init (GrantDiagramPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_diagram_page_dispose;
  widget_class->map = grant_diagram_page_map;

  /**
   * GrantDiagramPage::exchange-activated:
   * @self: the page
   * @exchange: the exchange of the arrow activated
   *
   * The user asked to see a step of the diagram: its exchange.
   */
  signals[EXCHANGE_ACTIVATED] =
    g_signal_new ("exchange-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GRANT_TYPE_EXCHANGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "diagram.export-svg", NULL, export_svg_action);
  gtk_widget_class_install_action (widget_class, "diagram.export-png", NULL, export_png_action);
}

static void
grant_diagram_page_init (GrantDiagramPage *self)
{
  update_page (self);
}

GtkWidget *
grant_diagram_page_new (void)
{
  return g_object_new (GRANT_TYPE_DIAGRAM_PAGE, NULL);
}

/**
 * grant_diagram_page_get_log:
 * @self: a #GrantDiagramPage
 *
 * Returns: (transfer none) (nullable): the log drawn
 */
GrantExchangeLog *
grant_diagram_page_get_log (GrantDiagramPage *self)
{
  g_return_val_if_fail (GRANT_IS_DIAGRAM_PAGE (self), NULL);

  return self->log;
}

/**
 * grant_diagram_page_set_log:
 * @self: a #GrantDiagramPage
 * @log: (nullable): the log to draw, the window's
 */
void
grant_diagram_page_set_log (GrantDiagramPage *self,
                            GrantExchangeLog *log)
{
  g_return_if_fail (GRANT_IS_DIAGRAM_PAGE (self));
  g_return_if_fail (log == NULL || GRANT_IS_EXCHANGE_LOG (log));

  if (!g_set_object (&self->log, log))
    return;

  self->start = 0;
  if (self->diagram != NULL)
    {
      grant_sequence_diagram_set_start (self->diagram, 0);
      grant_sequence_diagram_set_log (self->diagram, log);
    }
  update_page (self);
}

/**
 * grant_diagram_page_begin_flow:
 * @self: a #GrantDiagramPage
 * @metadata: (nullable): the metadata of the flow's authorization server
 *
 * A flow starts: the diagram draws what the log gets from now on, and tells the
 * authorization server's endpoints from the resource server by @metadata.
 */
void
grant_diagram_page_begin_flow (GrantDiagramPage      *self,
                               GrantProviderMetadata *metadata)
{
  g_return_if_fail (GRANT_IS_DIAGRAM_PAGE (self));
  g_return_if_fail (metadata == NULL || GRANT_IS_PROVIDER_METADATA (metadata));

  self->start = self->log != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->log)) : 0;
  g_set_object (&self->metadata, metadata);
  if (self->diagram != NULL)
    {
      grant_sequence_diagram_set_provider_metadata (self->diagram, metadata);
      grant_sequence_diagram_set_start (self->diagram, self->start);
    }
  update_page (self);
}

/**
 * grant_diagram_page_get_view:
 * @self: a #GrantDiagramPage
 *
 * Returns: (transfer none): the view of the diagram, made now if the page was not shown yet
 */
GrantSequenceDiagramView *
grant_diagram_page_get_view (GrantDiagramPage *self)
{
  g_return_val_if_fail (GRANT_IS_DIAGRAM_PAGE (self), NULL);

  ensure_content (self);

  return GRANT_SEQUENCE_DIAGRAM_VIEW (self->view);
}
