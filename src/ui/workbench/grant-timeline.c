/* grant-timeline.c
 * The steps of a flow, front and back channel, and the raw request and response of one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list bound to the exchange log: each row says which channel (the browser, or Grant
 * itself), what the step was, and its status, and changes as the exchange completes.
 * Selecting a row shows the raw request and response beside it; the newest step is selected
 * as it comes, so the detail follows the flow unless the user picks another.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-timeline.h"

struct _GrantTimeline
{
  GtkWidget           parent_instance;

  GrantExchangeLog   *log;
  GtkSingleSelection *selection;
  GtkWidget          *paned;
  GtkWidget          *list_view;
  GtkTextBuffer      *detail;
  GrantExchange      *shown;
  gulong              shown_handler;
};

G_DEFINE_FINAL_TYPE (GrantTimeline, grant_timeline, GTK_TYPE_WIDGET)

static char *
status_text (GrantExchange *exchange)
{
  switch (grant_exchange_get_state (exchange))
    {
    case GRANT_EXCHANGE_SENDING:
      return g_strdup ("…");
    case GRANT_EXCHANGE_FAILED:
      return g_strdup (_("failed"));
    case GRANT_EXCHANGE_COMPLETE:
    default:
      return g_strdup_printf ("%u", grant_exchange_get_status (exchange));
    }
}

static void
update_row (GtkListItem *item)
{
  GrantExchange *exchange = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *url = gtk_widget_get_next_sibling (title);
  GtkWidget *status = gtk_widget_get_next_sibling (labels);
  GrantHttpRequest *request;
  g_autofree char *line = NULL;
  g_autofree char *code = NULL;
  guint value;

  if (exchange == NULL)
    return;

  request = grant_exchange_get_request (exchange);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                grant_exchange_get_channel (exchange) == GRANT_EXCHANGE_FRONT_CHANNEL
                                ? "web-browser-symbolic" : "network-transmit-receive-symbolic");
  gtk_widget_set_tooltip_text (icon,
                               grant_exchange_get_channel (exchange) == GRANT_EXCHANGE_FRONT_CHANNEL
                               ? _("Front channel: the browser") : _("Back channel: Grant"));
  gtk_label_set_text (GTK_LABEL (title), grant_exchange_get_title (exchange) != NULL
                                         ? grant_exchange_get_title (exchange) : _("Request"));
  line = g_strdup_printf ("%s %s", grant_http_request_get_method (request),
                          grant_http_request_get_uri (request));
  gtk_label_set_text (GTK_LABEL (url), line);
  code = status_text (exchange);
  gtk_label_set_text (GTK_LABEL (status), code);

  value = grant_exchange_get_status (exchange);
  gtk_widget_remove_css_class (status, "error");
  gtk_widget_remove_css_class (status, "success");
  if (grant_exchange_get_state (exchange) == GRANT_EXCHANGE_FAILED || value >= 400)
    gtk_widget_add_css_class (status, "error");
  else if (value >= 200 && value < 400)
    gtk_widget_add_css_class (status, "success");
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *url = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_ellipsize (GTK_LABEL (url), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (url, "dim-label");
  gtk_widget_add_css_class (url, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_add_css_class (status, "numeric");

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), url);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), status);
  gtk_list_item_set_child (item, box);
}

static void
exchange_notify_cb (GrantExchange *exchange,
                    GParamSpec    *pspec,
                    GtkListItem   *item)
{
  update_row (item);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  GrantExchange *exchange = gtk_list_item_get_item (item);

  update_row (item);
  g_signal_connect_object (exchange, "notify::state", G_CALLBACK (exchange_notify_cb), item, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GrantExchange *exchange = gtk_list_item_get_item (item);

  if (exchange != NULL)
    g_signal_handlers_disconnect_by_func (exchange, exchange_notify_cb, item);
}

static void
show_selected (GrantTimeline *self)
{
  GrantExchange *exchange = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *text = exchange != NULL ? grant_exchange_dup_text (exchange) : NULL;

  gtk_text_buffer_set_text (self->detail, text != NULL ? text : "", -1);
}

static void
shown_state_cb (GrantExchange *exchange,
                GParamSpec    *pspec,
                GrantTimeline *self)
{
  show_selected (self);
}

static void
selection_changed_cb (GrantTimeline *self)
{
  GrantExchange *exchange = gtk_single_selection_get_selected_item (self->selection);

  if (self->shown != NULL)
    g_clear_signal_handler (&self->shown_handler, self->shown);
  g_set_object (&self->shown, exchange);
  if (exchange != NULL)
    self->shown_handler = g_signal_connect (exchange, "notify::state",
                                            G_CALLBACK (shown_state_cb), self);
  show_selected (self);
}

/* The newest step is selected as it comes. */
static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GrantTimeline *self)
{
  if (added > 0)
    gtk_single_selection_set_selected (self->selection, position + added - 1);
}

/**
 * grant_timeline_get_log:
 * @self: a #GrantTimeline
 *
 * Returns: (transfer none) (nullable): the log shown
 */
GrantExchangeLog *
grant_timeline_get_log (GrantTimeline *self)
{
  g_return_val_if_fail (GRANT_IS_TIMELINE (self), NULL);

  return self->log;
}

/**
 * grant_timeline_set_log:
 * @self: a #GrantTimeline
 * @log: (nullable): the log to show
 */
void
grant_timeline_set_log (GrantTimeline    *self,
                        GrantExchangeLog *log)
{
  g_return_if_fail (GRANT_IS_TIMELINE (self));

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_func (self->log, items_changed_cb, self);
  g_set_object (&self->log, log);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (log));
  if (log != NULL)
    g_signal_connect_object (log, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  show_selected (self);
}

/**
 * grant_timeline_get_selection:
 * @self: a #GrantTimeline
 *
 * Returns: (transfer none): the selection over the log, to select a step from elsewhere
 */
GtkSingleSelection *
grant_timeline_get_selection (GrantTimeline *self)
{
  g_return_val_if_fail (GRANT_IS_TIMELINE (self), NULL);

  return self->selection;
}

/**
 * grant_timeline_dup_detail:
 * @self: a #GrantTimeline
 *
 * Returns: (transfer full): the raw text shown for the selected step
 */
char *
grant_timeline_dup_detail (GrantTimeline *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (GRANT_IS_TIMELINE (self), NULL);

  gtk_text_buffer_get_bounds (self->detail, &start, &end);

  return gtk_text_buffer_get_text (self->detail, &start, &end, FALSE);
}

static void
grant_timeline_dispose (GObject *object)
{
  GrantTimeline *self = (GrantTimeline *)object;

  if (self->shown != NULL)
    g_clear_signal_handler (&self->shown_handler, self->shown);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (grant_timeline_parent_class)->dispose (object);
}

static void
grant_timeline_class_init (GrantTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_timeline_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
grant_timeline_init (GrantTimeline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_scroller = gtk_scrolled_window_new ();
  GtkWidget *detail_scroller = gtk_scrolled_window_new ();
  GtkWidget *text_view;

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                       factory);
  gtk_widget_add_css_class (self->list_view, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Steps of the flow"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroller), self->list_view);

  text_view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (text_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Raw request and response"), -1);
  self->detail = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (detail_scroller), text_view);

  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), list_scroller);
  gtk_paned_set_end_child (GTK_PANED (self->paned), detail_scroller);
  gtk_paned_set_position (GTK_PANED (self->paned), 300);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
}

/**
 * grant_timeline_new:
 *
 * Returns: (transfer floating): a timeline without a log
 */
GtkWidget *
grant_timeline_new (void)
{
  return g_object_new (GRANT_TYPE_TIMELINE, NULL);
}
