/* grant-timeline.c
 * The steps of a flow, front and back channel, and the raw request and response of one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list bound to the exchange log: each row says which channel (the browser, or Grant
 * itself), what the step was, and its status, and changes as the exchange completes.
 * Selecting a row shows its request and response beside it, in three views: the headers, the
 * bodies (JSON indented and highlighted, forms one field a line) and the raw text. The newest
 * step is selected as it comes, so the detail follows the flow unless the user picks another.
 *
 * The detail is made when the first step is shown: GtkSourceView's types, languages and
 * style schemes cost time that the first frame of the window should not pay, and memory
 * that an idle window should not hold (bench/run-startup). So the log's first step is not
 * selected by itself: it is the discovery that Grant makes on its own once the window is up
 * (the practice provider's on the first run, the saved issuer's after), and its detail, some
 * 7 MB with the monospace text, waits until someone selects a step; every later step is
 * selected as it comes. The bodies are highlighted only while the body view shows them: the
 * first language looked up makes GtkSourceView read every language it has, some 5 MB more.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "grant-text-load.h"
#include "grant-timeline.h"

/* The parts of the detail that show text, each in a buffer of its own. */
enum {
  PART_HEADERS,
  PART_REQUEST_BODY,
  PART_RESPONSE_BODY,
  PART_RAW,
  N_PARTS
};

struct _GrantTimeline
{
  GtkWidget           parent_instance;

  GrantExchangeLog   *log;
  GtkSingleSelection *selection;
  GtkWidget          *paned;
  GtkWidget          *list_view;
  GtkWidget          *detail_stack;
  GtkWidget          *empty_label;
  GrantExchange      *shown;
  gulong              shown_handler;
  char               *view;

  /* Made with the detail, when the first step is shown. */
  GtkWidget          *views;
  GtkSourceBuffer    *buffers[N_PARTS];
  GtkWidget          *text_views[N_PARTS];
  GtkWidget          *request_body_title;
  GtkWidget          *response_body_title;
  /* What each body is, to highlight it when the body view shows it. */
  GrantExchangeBodyFormat body_formats[N_PARTS];
  char               *body_types[N_PARTS];
  gboolean            bodies_highlighted;
};

G_DEFINE_FINAL_TYPE (GrantTimeline, grant_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const view_names[] = { "headers", "body", "raw", NULL };
static const char * const view_titles[] = { N_("Headers"), N_("Body"), N_("Raw") };

/**
 * grant_timeline_dup_status_text:
 * @exchange: a #GrantExchange
 *
 * Returns: (transfer full): its status as a list shows it: the code, "…" while it is sent,
 *   or "failed"
 */
char *
grant_timeline_dup_status_text (GrantExchange *exchange)
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
  g_autofree char *shown_title = NULL;
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
  shown_title = grant_exchange_dup_display_title (exchange);
  gtk_label_set_text (GTK_LABEL (title), shown_title != NULL ? shown_title : _("Request"));
  line = g_strdup_printf ("%s %s", grant_http_request_get_method (request),
                          grant_http_request_get_uri (request));
  gtk_label_set_text (GTK_LABEL (url), line);
  code = grant_timeline_dup_status_text (exchange);
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
  /* Both labels give way, so that the status stays whole however narrow the list. */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
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

/* Pango breaks a long word with a hyphen that is not in the text: in a token or a base64
 * value, it would read as a real character. */
static void
set_text (GtkSourceBuffer *buffer,
          const char      *text)
{
  GtkTextIter start, end;

  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text, -1);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_text_buffer_apply_tag_by_name (GTK_TEXT_BUFFER (buffer), "verbatim", &start, &end);
}

/* Start lines and header names in bold, so that the eye finds where each message begins and
 * what each header is. A start line is the first line after an empty one. */
static void
emphasize_headers (GtkTextBuffer *buffer)
{
  GtkTextIter line;
  gboolean start_line = TRUE;

  gtk_text_buffer_get_start_iter (buffer, &line);
  do
    {
      GtkTextIter end = line;
      g_autofree char *text = NULL;
      const char *colon;

      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      text = gtk_text_iter_get_text (&line, &end);
      colon = strchr (text, ':');

      if (*text == '\0')
        {
          start_line = TRUE;
          continue;
        }
      if (!start_line && colon != NULL)
        {
          end = line;
          gtk_text_iter_forward_chars (&end, (int) g_utf8_pointer_to_offset (text, colon) + 1);
        }
      gtk_text_buffer_apply_tag_by_name (buffer, "emphasis", &line, &end);
      start_line = FALSE;
    }
  while (gtk_text_iter_forward_line (&line));
}

static GtkSourceLanguage *
body_language (GrantExchangeBodyFormat  format,
               const char              *content_type)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autofree char *mime_type = NULL;

  if (format == GRANT_EXCHANGE_BODY_JSON)
    return gtk_source_language_manager_get_language (languages, "json");
  if (format != GRANT_EXCHANGE_BODY_TEXT || content_type == NULL)
    return NULL;

  /* Text that is shown as it came is highlighted as its type says: HTML, XML… */
  mime_type = g_strstrip (g_strndup (content_type, strcspn (content_type, ";")));

  return gtk_source_language_manager_guess_language (languages, NULL, mime_type);
}

/* The bodies get their languages when the body view shows them. */
static void
highlight_bodies (GrantTimeline *self)
{
  if (self->views == NULL || self->bodies_highlighted || g_strcmp0 (self->view, "body") != 0)
    return;

  for (guint part = PART_REQUEST_BODY; part <= PART_RESPONSE_BODY; part++)
    gtk_source_buffer_set_language (self->buffers[part],
                                    body_language (self->body_formats[part],
                                                   self->body_types[part]));
  self->bodies_highlighted = TRUE;
}

static void
set_body (GrantTimeline           *self,
          guint                    part,
          const char              *text,
          const char              *content_type,
          GrantExchangeBodyFormat  format)
{
  gboolean shown = g_strcmp0 (self->view, "body") == 0;

  self->body_formats[part] = format;
  g_free (self->body_types[part]);
  self->body_types[part] = g_strdup (content_type);
  /* Out of sight, the previous step's language goes until highlight_bodies (). */
  gtk_source_buffer_set_language (self->buffers[part],
                                  shown ? body_language (format, content_type) : NULL);
  self->bodies_highlighted = shown;

  set_text (self->buffers[part], text != NULL ? text : "");
  gtk_widget_set_visible (gtk_widget_get_parent (self->text_views[part]), text != NULL);
}

/* What a body is, in bold, and its media type beside, dimmed. */
static void
set_body_title (GtkWidget  *label,
                const char *what,
                const char *content_type)
{
  g_autofree char *markup = NULL;

  if (content_type != NULL)
    markup = g_markup_printf_escaped ("<b>%s</b><span alpha=\"60%%\"> · %s</span>",
                                      what, content_type);
  else
    markup = g_markup_printf_escaped ("<b>%s</b>", what);
  gtk_label_set_markup (GTK_LABEL (label), markup);
}

static void
show_exchange (GrantTimeline *self,
               GrantExchange *exchange)
{
  g_autofree char *headers = grant_exchange_dup_headers_text (exchange);
  GBytes *answer = grant_exchange_get_response_body (exchange);
  g_autofree char *request_body = NULL;
  g_autofree char *request_type = NULL;
  g_autofree char *response_body = NULL;
  g_autofree char *response_type = NULL;
  GrantExchangeBodyFormat format;

  set_text (self->buffers[PART_HEADERS], headers);
  emphasize_headers (GTK_TEXT_BUFFER (self->buffers[PART_HEADERS]));
  /* A large answer (a 20 MB JSON) is made in a thread and comes in parts */
  grant_text_load_exchange (GTK_TEXT_BUFFER (self->buffers[PART_RAW]), exchange, "verbatim");

  request_body = grant_exchange_dup_request_body_text (exchange, &request_type, &format);
  set_body (self, PART_REQUEST_BODY, request_body, request_type, format);
  if (request_body != NULL)
    set_body_title (self->request_body_title, _("Request body"), request_type);
  else
    set_body_title (self->request_body_title, _("The request has no body"), NULL);

  if (answer != NULL && g_bytes_get_size (answer) > GRANT_TEXT_LOAD_AT_ONCE)
    {
      /* Too large to indent or highlight here: GtkSourceView's highlighting of megabytes
       * of JSON holds the window for a long time. The text comes in parts, plain. */
      response_type = g_strdup (grant_exchange_get_response_header (exchange, "Content-Type"));
      response_body = g_strdup ("");
      set_body (self, PART_RESPONSE_BODY, response_body, NULL, GRANT_EXCHANGE_BODY_NONE);
      grant_text_load_response_body (GTK_TEXT_BUFFER (self->buffers[PART_RESPONSE_BODY]),
                                     exchange, "verbatim");
    }
  else
    {
      response_body = grant_exchange_dup_response_body_text (exchange, &response_type, &format);
      set_body (self, PART_RESPONSE_BODY, response_body, response_type, format);
    }
  switch (grant_exchange_get_state (exchange))
    {
    case GRANT_EXCHANGE_SENDING:
      set_body_title (self->response_body_title, _("Waiting for the response"), NULL);
      break;
    case GRANT_EXCHANGE_FAILED:
      set_body_title (self->response_body_title, _("No response"), NULL);
      break;
    case GRANT_EXCHANGE_COMPLETE:
    default:
      if (response_body != NULL)
        set_body_title (self->response_body_title, _("Response body"), response_type);
      else
        set_body_title (self->response_body_title, _("The response has no body"), NULL);
      break;
    }
}

static void
update_style_scheme (GrantTimeline *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");

  for (guint i = 0; i < N_PARTS; i++)
    gtk_source_buffer_set_style_scheme (self->buffers[i], scheme);
}

static GtkWidget *
text_view_new (GrantTimeline *self,
               guint          part,
               const char    *label)
{
  GtkWidget *view;

  self->buffers[part] = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffers[part], FALSE);
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffers[part]), "verbatim",
                              "insert-hyphens", FALSE, NULL);
  view = self->text_views[part] = gtk_source_view_new_with_buffer (self->buffers[part]);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return view;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_widget_set_vexpand (scroller, TRUE);

  return scroller;
}

static GtkWidget *
body_title_new (void)
{
  GtkWidget *title = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (title, 8);
  gtk_widget_set_margin_end (title, 8);
  gtk_widget_set_margin_top (title, 8);

  return title;
}

/* The switcher, the Copy button and the three views; GtkSourceView is initialised here. */
static void
create_detail (GrantTimeline *self)
{
  GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *switcher = g_object_new (GTK_TYPE_BOX,
                                      "orientation", GTK_ORIENTATION_HORIZONTAL,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                      NULL);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *bodies = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *request_scroller;

  gtk_source_init ();

  self->views = gtk_stack_new ();
  gtk_stack_set_vhomogeneous (GTK_STACK (self->views), FALSE);

  gtk_stack_add_named (GTK_STACK (self->views),
                       scrolled (text_view_new (self, PART_HEADERS,
                                                _("Request and response headers"))),
                       "headers");
  gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffers[PART_HEADERS]), "emphasis",
                              "weight", PANGO_WEIGHT_BOLD, NULL);

  /* Each body scrolls on its own (a text view reflows reliably only in a scrolled window):
   * the request's, usually a short form, as tall as it is up to a limit, and the response's
   * in the rest. */
  self->request_body_title = body_title_new ();
  request_scroller = scrolled (text_view_new (self, PART_REQUEST_BODY, _("Request body")));
  gtk_widget_set_vexpand (request_scroller, FALSE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (request_scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (request_scroller), 120);
  self->response_body_title = body_title_new ();
  gtk_box_append (GTK_BOX (bodies), self->request_body_title);
  gtk_box_append (GTK_BOX (bodies), request_scroller);
  gtk_box_append (GTK_BOX (bodies), self->response_body_title);
  gtk_box_append (GTK_BOX (bodies),
                  scrolled (text_view_new (self, PART_RESPONSE_BODY, _("Response body"))));
  gtk_stack_add_named (GTK_STACK (self->views), bodies, "body");

  gtk_stack_add_named (GTK_STACK (self->views),
                       scrolled (text_view_new (self, PART_RAW, _("Raw request and response"))),
                       "raw");
  gtk_stack_set_visible_child_name (GTK_STACK (self->views), self->view);

  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);

  /* Toggle buttons rather than a GtkStackSwitcher, whose buttons Adwaita makes 100 px wide:
   * the detail is often narrow. Each button shows its view through the "view" property. */
  for (guint i = 0; i < G_N_ELEMENTS (view_titles); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(view_titles[i]));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "timeline.view");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", view_names[i]);
      gtk_box_append (GTK_BOX (switcher), button);
    }
  gtk_widget_add_css_class (switcher, "linked");
  gtk_widget_set_hexpand (switcher, TRUE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What to show of the step"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "timeline.copy");
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy what this view shows"), -1);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (bar), switcher);
  gtk_box_append (GTK_BOX (bar), copy);

  gtk_box_append (GTK_BOX (detail), bar);
  gtk_box_append (GTK_BOX (detail), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (detail), self->views);
  gtk_stack_add_named (GTK_STACK (self->detail_stack), detail, "exchange");
}

static void
show_selected (GrantTimeline *self)
{
  GrantExchange *exchange = gtk_single_selection_get_selected_item (self->selection);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.copy", exchange != NULL);
  if (exchange == NULL)
    {
      gboolean listed = self->log != NULL
                        && g_list_model_get_n_items (G_LIST_MODEL (self->log)) > 0;

      gtk_label_set_text (GTK_LABEL (self->empty_label),
                          listed ? _("Select a step to see its request and response")
                                 : _("Run a flow: each of its requests shows here"));
      gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "empty");
      return;
    }

  if (self->views == NULL)
    create_detail (self);
  show_exchange (self, exchange);
  gtk_stack_set_visible_child_name (GTK_STACK (self->detail_stack), "exchange");
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

/* The newest step is selected as it comes, but for the log's first (see the top). */
static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GrantTimeline *self)
{
  if (added > 0 && position + added > 1)
    gtk_single_selection_set_selected (self->selection, position + added - 1);
  else if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    show_selected (self);
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
 * grant_timeline_select_exchange:
 * @self: a #GrantTimeline
 * @exchange: an exchange of the log
 *
 * Selects the step of @exchange, shows its detail, and scrolls the list to it.
 *
 * Returns: whether the log shown holds @exchange
 */
gboolean
grant_timeline_select_exchange (GrantTimeline *self,
                                GrantExchange *exchange)
{
  GListModel *model;

  g_return_val_if_fail (GRANT_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (GRANT_IS_EXCHANGE (exchange), FALSE);

  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GrantExchange) item = g_list_model_get_item (model, i);

      if (item != exchange)
        continue;
      gtk_single_selection_set_selected (self->selection, i);
      gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", i);
      return TRUE;
    }

  return FALSE;
}

static char *
dup_buffer_text (GtkSourceBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);

  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, FALSE);
}

/**
 * grant_timeline_dup_detail:
 * @self: a #GrantTimeline
 *
 * Returns: (transfer full): the text of the view shown for the selected step, as Copy copies
 *   it: the body view gives each body under its title; empty when no step is shown
 */
char *
grant_timeline_dup_detail (GrantTimeline *self)
{
  g_autofree char *request_body = NULL;
  g_autofree char *response_body = NULL;
  GString *text;

  g_return_val_if_fail (GRANT_IS_TIMELINE (self), NULL);

  if (self->views == NULL || gtk_single_selection_get_selected_item (self->selection) == NULL)
    return g_strdup ("");
  if (g_strcmp0 (self->view, "headers") == 0)
    return dup_buffer_text (self->buffers[PART_HEADERS]);
  if (g_strcmp0 (self->view, "raw") == 0)
    return dup_buffer_text (self->buffers[PART_RAW]);

  /* The titles say what each body is and whether there is one; the bodies keep their own
   * text, with a line break after. */
  text = g_string_new (gtk_label_get_text (GTK_LABEL (self->request_body_title)));
  g_string_append_c (text, '\n');
  request_body = dup_buffer_text (self->buffers[PART_REQUEST_BODY]);
  if (*request_body != '\0')
    g_string_append_printf (text, "%s\n", request_body);
  g_string_append_printf (text, "\n%s\n",
                          gtk_label_get_text (GTK_LABEL (self->response_body_title)));
  response_body = dup_buffer_text (self->buffers[PART_RESPONSE_BODY]);
  if (*response_body != '\0')
    g_string_append_printf (text, "%s\n", response_body);

  return g_string_free (text, FALSE);
}

/**
 * grant_timeline_get_view:
 * @self: a #GrantTimeline
 *
 * Returns: which view of the selected step is shown: `headers`, `body` or `raw`
 */
const char *
grant_timeline_get_view (GrantTimeline *self)
{
  g_return_val_if_fail (GRANT_IS_TIMELINE (self), NULL);

  return self->view;
}

/**
 * grant_timeline_set_view:
 * @self: a #GrantTimeline
 * @view: `headers`, `body` or `raw`
 *
 * Shows @view of the selected step, and of every step selected after it.
 */
void
grant_timeline_set_view (GrantTimeline *self,
                         const char    *view)
{
  g_return_if_fail (GRANT_IS_TIMELINE (self));
  g_return_if_fail (view != NULL && g_strv_contains (view_names, view));

  if (g_strcmp0 (self->view, view) == 0)
    return;

  g_free (self->view);
  self->view = g_strdup (view);
  if (self->views != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (self->views), view);
  highlight_bodies (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/**
 * grant_timeline_get_text_buffer:
 * @self: a #GrantTimeline
 * @part: `headers`, `request-body`, `response-body` or `raw`
 *
 * Returns: (transfer none) (nullable): the #GtkSourceBuffer that shows that part of the
 *   selected step, or %NULL before a step was first shown
 */
GtkTextBuffer *
grant_timeline_get_text_buffer (GrantTimeline *self,
                                const char    *part)
{
  static const char * const part_names[N_PARTS] = {
    [PART_HEADERS] = "headers",
    [PART_REQUEST_BODY] = "request-body",
    [PART_RESPONSE_BODY] = "response-body",
    [PART_RAW] = "raw",
  };

  g_return_val_if_fail (GRANT_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (part != NULL, NULL);

  for (guint i = 0; i < N_PARTS; i++)
    if (strcmp (part_names[i], part) == 0)
      return GTK_TEXT_BUFFER (self->buffers[i]);

  g_return_val_if_reached (NULL);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GrantTimeline *self = GRANT_TIMELINE (widget);
  g_autofree char *text = grant_timeline_dup_detail (self);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Copied")));
}

static void
grant_timeline_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrantTimeline *self = GRANT_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_timeline_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrantTimeline *self = GRANT_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      grant_timeline_set_view (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_timeline_dispose (GObject *object)
{
  GrantTimeline *self = (GrantTimeline *)object;

  if (self->shown != NULL)
    g_clear_signal_handler (&self->shown_handler, self->shown);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  for (guint i = 0; i < N_PARTS; i++)
    g_clear_object (&self->buffers[i]);
  g_clear_object (&self->selection);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (grant_timeline_parent_class)->dispose (object);
}

static void
grant_timeline_finalize (GObject *object)
{
  GrantTimeline *self = (GrantTimeline *)object;

  g_free (self->view);
  for (guint i = 0; i < N_PARTS; i++)
    g_free (self->body_types[i]);

  G_OBJECT_CLASS (grant_timeline_parent_class)->finalize (object);
}

static void
grant_timeline_class_init (GrantTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_timeline_dispose;
  object_class->finalize = grant_timeline_finalize;
  object_class->get_property = grant_timeline_get_property;
  object_class->set_property = grant_timeline_set_property;

  /**
   * GrantTimeline:view:
   *
   * Which view of the selected step is shown: `headers`, `body` or `raw`. It stays as the
   * user chose when another step is selected.
   */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "raw",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "timeline.view", "view");
  gtk_widget_class_install_action (widget_class, "timeline.copy", NULL, copy_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
grant_timeline_init (GrantTimeline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = gtk_label_new (_("Run a flow: each of its requests shows here"));

  /* Raw first, as the detail was before it had views: everything, in one text. */
  self->view = g_strdup ("raw");

  self->selection = gtk_single_selection_new (NULL);
  /* items_changed_cb () selects, or not. */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
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

  /* Until a step is shown, a line in place of the detail, which is made then. */
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_label_set_justify (GTK_LABEL (empty), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (empty, 12);
  gtk_widget_set_margin_end (empty, 12);
  gtk_widget_add_css_class (empty, "dim-label");
  self->empty_label = empty;
  self->detail_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->detail_stack), empty, "empty");

  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), list_scroller);
  gtk_paned_set_end_child (GTK_PANED (self->paned), self->detail_stack);
  /* The detail keeps room for its buttons, and takes what the window gains. */
  gtk_paned_set_shrink_end_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_position (GTK_PANED (self->paned), 240);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.copy", FALSE);
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
