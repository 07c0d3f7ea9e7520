/* grant-request-page.c
 * The Requests page: call an API with a token Grant holds, and see why it says 401 or 403.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request editor (method, URL, headers, body) and the token to send, chosen among those the
 * flows got (the Tokens page's model), sent as Bearer or, for a DPoP-bound token, with a proof
 * from the flow's DPoP key. The answer is shown whole, and a refusal is explained: what the
 * server said and the likely cause (GrantAuthDiagnosis), with the token's scope and expiry
 * taken into account. The requests go through the window's client, so they are in its log.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-flow.h"
#include "grant-oauth-request.h"
#include "grant-probe-pane.h"
#include "grant-request-page.h"
#include "grant-text-load.h"
#include "grant-scope-matrix-pane.h"
#include "grant-scope-replay-pane.h"

#define METHODS "GET", "POST", "PUT", "PATCH", "DELETE"

/* The largest answer the page takes from an API, above the client's default for OAuth's
 * own endpoints. */
#define API_MAX_RESPONSE_SIZE (64 * 1024 * 1024)

/* How many requests the history keeps, and the scope matrix tries. */
#define HISTORY_LENGTH 8

struct _GrantRequestPage
{
  GtkWidget           parent_instance;

  GrantHttpClient    *http_client;
  GListModel         *flows;
  GCancellable       *sending;
  GrantHttpRequest   *request;
  GrantExchange      *exchange;
  GrantAuthDiagnosis *diagnosis;

  GtkWidget          *scroller;
  GtkWidget          *box;
  GtkWidget          *method;
  GtkWidget          *url;
  GtkWidget          *token;
  GtkStringList      *token_names;
  GtkTextBuffer      *headers;
  GtkTextBuffer      *body;
  GtkWidget          *status;
  GtkWidget          *spinner;
  GtkWidget          *explanation;
  GtkWidget          *said;
  GtkWidget          *cause;
  GtkTextBuffer      *response;
  GtkWidget          *scope_replay;
  GtkWidget          *probes;
  GtkWidget          *matrix;
  GPtrArray          *history; /* of GrantHttpRequest, oldest first */
  GMenu              *history_menu;
  /* The history is the workspace's saved requests. */
  GrantWorkspace     *workspace;
};

G_DEFINE_FINAL_TYPE (GrantRequestPage, grant_request_page, GTK_TYPE_WIDGET)

/* The tokens to choose from ------------------------------------------------------------- */

static char *
describe_flow (GrantFlow *flow)
{
  GrantTokenResponse *response = grant_flow_get_token_response (flow);
  const char *scope = response != NULL ? grant_token_response_get_scope (response) : NULL;

  if (scope == NULL)
    scope = grant_flow_get_scope (flow);

  /* Translators: a held access token: its grant type, client, token type and scope */
  return g_strdup_printf (_("%s · %s · %s, %s"), grant_flow_get_grant_type (flow),
                          grant_client_get_client_id (grant_flow_get_client (flow)),
                          response != NULL ? grant_token_response_get_token_type (response)
                                           : "",
                          scope != NULL && *scope != '\0' ? scope : _("no scope"));
}

static void
flows_changed_cb (GrantRequestPage *self)
{
  guint n = self->flows != NULL ? g_list_model_get_n_items (self->flows) : 0;
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->token));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_strv_builder_add (names, _("No token"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantFlow) flow = g_list_model_get_item (self->flows, i);
      g_autofree char *name = describe_flow (flow);

      g_strv_builder_add (names, name);
    }
  strv = g_strv_builder_end (names);
  gtk_string_list_splice (self->token_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->token_names)),
                          (const char * const *) strv);
  /* The newest token (the Tokens page puts it first) is the likeliest to be wanted. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->token),
                              selected == 0 || selected == GTK_INVALID_LIST_POSITION
                              ? (n > 0 ? 1 : 0) : MIN (selected, n));
}

static GrantFlow *
chosen_flow (GrantRequestPage *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->token));

  if (self->flows == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > g_list_model_get_n_items (self->flows))
    return NULL;

  return g_list_model_get_item (self->flows, selected - 1);
}

/* Sending ------------------------------------------------------------------------------------ */

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_status (GrantRequestPage *self,
             const char       *text,
             const char       *style)
{
  gtk_label_set_text (GTK_LABEL (self->status), text);
  gtk_widget_remove_css_class (self->status, "error");
  gtk_widget_remove_css_class (self->status, "success");
  if (style != NULL)
    gtk_widget_add_css_class (self->status, style);
}

static void
set_sending (GrantRequestPage *self,
             gboolean          sending)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), sending);
  gtk_widget_set_visible (self->spinner, sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.send", !sending);
}

static gboolean
same_request (GrantHttpRequest *a,
              GrantHttpRequest *b)
{
  g_autoptr(GBytes) body_a = grant_http_request_dup_body (a, NULL);
  g_autoptr(GBytes) body_b = grant_http_request_dup_body (b, NULL);

  return g_strcmp0 (grant_http_request_get_method (a), grant_http_request_get_method (b)) == 0
         && g_strcmp0 (grant_http_request_get_uri (a), grant_http_request_get_uri (b)) == 0
         && (body_a == NULL ? body_b == NULL : body_b != NULL && g_bytes_equal (body_a, body_b));
}

static void
update_history_menu (GrantRequestPage *self)
{
  g_menu_remove_all (self->history_menu);
  for (guint i = self->history->len; i > 0; i--)
    {
      GrantHttpRequest *old = g_ptr_array_index (self->history, i - 1);
      g_autofree char *label = g_strdup_printf ("%s %s", grant_http_request_get_method (old),
                                                grant_http_request_get_uri (old));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "request.recall", "u", i - 1);
      g_menu_append_item (self->history_menu, item);
    }
}

/* The history as the workspace's "requests" section; the workspace drops credentials. */
static void
save_history (GrantRequestPage *self)
{
  g_autoptr(JsonArray) requests = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL)
    return;

  for (guint i = 0; i < self->history->len; i++)
    {
      GrantHttpRequest *request = g_ptr_array_index (self->history, i);
      JsonObject *object = json_object_new ();
      JsonArray *headers = json_array_new ();
      g_autofree char *content_type = NULL;
      g_autoptr(GBytes) body = grant_http_request_dup_body (request, &content_type);
      const GrantHttpField *fields;
      guint n_fields;

      json_object_set_string_member (object, "method", grant_http_request_get_method (request));
      json_object_set_string_member (object, "url", grant_http_request_get_uri (request));
      fields = grant_http_request_get_headers (request, &n_fields);
      for (guint j = 0; j < n_fields; j++)
        if (!fields[j].secret)
          {
            JsonObject *header = json_object_new ();

            json_object_set_string_member (header, "name", fields[j].name);
            json_object_set_string_member (header, "value", fields[j].value);
            json_array_add_object_element (headers, header);
          }
      json_object_set_array_member (object, "headers", headers);
      if (body != NULL && g_utf8_validate (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                           NULL))
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body));

          json_object_set_string_member (object, "body", text);
          if (content_type != NULL)
            json_object_set_string_member (object, "content_type", content_type);
        }
      json_array_add_object_element (requests, object);
    }

  node = json_node_init_array (json_node_alloc (), requests);
  if (!grant_workspace_set_section (self->workspace, "requests", node, &error))
    g_warning ("Could not keep the requests in the workspace: %s", error->message);
}

/* Keeps @request as the newest of the history, once, and the History menu with it. */
static void
remember (GrantRequestPage *self,
          GrantHttpRequest *request)
{
  for (guint i = 0; i < self->history->len; i++)
    if (same_request (g_ptr_array_index (self->history, i), request))
      {
        g_ptr_array_remove_index (self->history, i);
        break;
      }
  if (self->history->len == HISTORY_LENGTH)
    g_ptr_array_remove_index (self->history, 0);
  g_ptr_array_add (self->history, grant_http_request_copy (request));

  update_history_menu (self);
  save_history (self);
}

/**
 * grant_request_page_set_workspace:
 * @self: a #GrantRequestPage
 * @workspace: the workspace whose saved requests are the history
 */
void
grant_request_page_set_workspace (GrantRequestPage *self,
                                  GrantWorkspace   *workspace)
{
  g_autoptr(JsonNode) requests = NULL;
  JsonArray *array;

  g_return_if_fail (GRANT_IS_REQUEST_PAGE (self));
  g_return_if_fail (GRANT_IS_WORKSPACE (workspace));

  g_set_object (&self->workspace, workspace);
  g_ptr_array_set_size (self->history, 0);

  requests = grant_workspace_dup_section (workspace, "requests");
  array = requests != NULL ? json_node_get_array (requests) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array)
                    && self->history->len < HISTORY_LENGTH; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *body = json_object_get_string_member_with_default (object, "body", NULL);
      JsonArray *headers = json_object_has_member (object, "headers")
                           ? json_object_get_array_member (object, "headers") : NULL;
      GrantHttpRequest *request;

      request = grant_http_request_new (json_object_get_string_member_with_default (object,
                                                                                    "method",
                                                                                    "GET"),
                                        json_object_get_string_member (object, "url"));
      for (guint j = 0; headers != NULL && j < json_array_get_length (headers); j++)
        {
          JsonObject *header = json_array_get_object_element (headers, j);

          grant_http_request_set_header (request, json_object_get_string_member (header, "name"),
                                         json_object_get_string_member (header, "value"), FALSE);
        }
      if (body != NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

          grant_http_request_set_body (request,
                                       json_object_get_string_member_with_default (object,
                                                                                   "content_type",
                                                                                   "text/plain"),
                                       bytes);
        }
      g_ptr_array_add (self->history, request);
    }
  update_history_menu (self);
}

/**
 * grant_request_page_move_origin:
 * @self: a #GrantRequestPage
 * @from: an origin, such as the practice provider's issuer on the port it had
 * @to: the origin it moved to
 *
 * Moves the saved requests to @from's URLs, paths and queries kept, to @to: the practice
 * provider's API moves with its issuer when it starts on another port, and its tokens are
 * good only there.
 */
void
grant_request_page_move_origin (GrantRequestPage *self,
                                const char       *from,
                                const char       *to)
{
  gsize length;
  gboolean moved = FALSE;

  g_return_if_fail (GRANT_IS_REQUEST_PAGE (self));
  g_return_if_fail (from != NULL && to != NULL);

  length = strlen (from);
  for (guint i = 0; i < self->history->len; i++)
    {
      GrantHttpRequest *request = g_ptr_array_index (self->history, i);
      const char *uri = grant_http_request_get_uri (request);
      g_autofree char *moved_uri = NULL;

      if (strncmp (uri, from, length) != 0 || strchr ("/?#", uri[length]) == NULL)
        continue;
      moved_uri = g_strconcat (to, uri + length, NULL);
      grant_http_request_set_uri (request, moved_uri);
      moved = TRUE;
    }

  if (moved)
    {
      update_history_menu (self);
      save_history (self);
    }
}

static void
recall_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrantRequestPage *self = GRANT_REQUEST_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);
  GrantHttpRequest *old;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;

  if (index >= self->history->len)
    return;
  old = g_ptr_array_index (self->history, index);
  body = grant_http_request_dup_body (old, NULL);
  text = body != NULL ? g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)) : NULL;
  grant_request_page_set_request (self, grant_http_request_get_method (old),
                                  grant_http_request_get_uri (old),
                                  gtk_drop_down_get_selected (GTK_DROP_DOWN (self->token)), text);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GrantRequestPage) self = user_data;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  GrantTokenResponse *response;
  guint code;

  exchange = grant_oauth_request_send_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sending);
  set_sending (self, FALSE);

  if (exchange == NULL)
    {
      show_status (self, error->message, "error");
      return;
    }

  g_set_object (&self->exchange, exchange);
  flow = chosen_flow (self);
  response = flow != NULL ? grant_flow_get_token_response (flow) : NULL;
  g_clear_object (&self->diagnosis);
  self->diagnosis = grant_auth_diagnosis_new_for_exchange (
    exchange, response != NULL ? grant_token_response_get_scope (response) : NULL,
    response != NULL ? grant_token_response_get_expires_at (response) : -1);

  code = grant_exchange_get_status (exchange);
  status = g_strdup_printf ("HTTP %u %s", code, grant_exchange_get_reason_phrase (exchange));
  show_status (self, status, code < 400 ? "success" : "error");

  gtk_widget_set_visible (self->explanation,
                          grant_auth_diagnosis_get_problem (self->diagnosis)
                          != GRANT_AUTH_PROBLEM_NONE);
  gtk_label_set_text (GTK_LABEL (self->said), grant_auth_diagnosis_get_said (self->diagnosis));
  gtk_label_set_text (GTK_LABEL (self->cause), grant_auth_diagnosis_get_cause (self->diagnosis));

  grant_text_load_exchange (self->response, exchange, NULL);

  grant_scope_replay_pane_set_sent (GRANT_SCOPE_REPLAY_PANE (self->scope_replay),
                                    self->http_client, flow, self->request, exchange,
                                    self->diagnosis);
  grant_probe_pane_set_sent (GRANT_PROBE_PANE (self->probes), self->http_client, flow,
                             self->request);
  remember (self, self->request);
  grant_scope_matrix_pane_set_sent (GRANT_SCOPE_MATRIX_PANE (self->matrix), self->http_client,
                                    flow, self->history,
                                    grant_auth_diagnosis_get_missing_scopes (self->diagnosis));
}

/* "Name: value" per line; a line without a colon is refused, with its number. */
static gboolean
add_headers (GrantHttpRequest  *request,
             const char        *text,
             GError           **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon;
      g_autofree char *name = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      colon = strchr (lines[i], ':');
      if (colon == NULL || colon == lines[i])
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Header line %u is not “Name: value”"), i + 1);
          return FALSE;
        }
      name = g_strstrip (g_strndup (lines[i], colon - lines[i]));
      grant_http_request_set_header (request, name, g_strchug ((char *) colon + 1),
                                     g_ascii_strcasecmp (name, "Authorization") == 0);
    }

  return TRUE;
}

/**
 * grant_request_page_send:
 * @self: a #GrantRequestPage
 *
 * Sends the request as the page shows it, as the Send button does.
 */
void
grant_request_page_send (GrantRequestPage *self)
{
  static const char * const methods[] = { METHODS };
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *body = NULL;
  GrantTokenResponse *response;
  const char *url;
  guint method;

  g_return_if_fail (GRANT_IS_REQUEST_PAGE (self));

  url = gtk_editable_get_text (GTK_EDITABLE (self->url));
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
                      && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      show_status (self, _("Enter the API's URL, starting with https:// (or http:// on this "
                           "machine)"), "error");
      gtk_widget_grab_focus (self->url);
      return;
    }

  method = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->method));
  request = grant_http_request_new (methods[MIN (method, G_N_ELEMENTS (methods) - 1)], url);
  /* An API may answer with much data, and the page shows it whole. */
  grant_http_request_set_max_response_size (request, API_MAX_RESPONSE_SIZE);
  headers = buffer_text (self->headers);
  if (!add_headers (request, headers, &error))
    {
      show_status (self, error->message, "error");
      return;
    }
  body = buffer_text (self->body);
  if (*g_strstrip (body) != '\0')
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      grant_http_request_set_body (request,
                                   body[0] == '{' || body[0] == '['
                                   ? "application/json" : "application/x-www-form-urlencoded",
                                   bytes);
    }

  flow = chosen_flow (self);
  response = flow != NULL ? grant_flow_get_token_response (flow) : NULL;

  if (self->sending != NULL)
    g_cancellable_cancel (self->sending);
  g_clear_object (&self->sending);
  g_clear_object (&self->exchange);
  g_clear_object (&self->diagnosis);
  g_set_object (&self->request, request);
  grant_scope_replay_pane_set_sent (GRANT_SCOPE_REPLAY_PANE (self->scope_replay),
                                    self->http_client, NULL, NULL, NULL, NULL);
  grant_probe_pane_set_sent (GRANT_PROBE_PANE (self->probes), self->http_client, NULL, NULL);
  grant_scope_matrix_pane_set_sent (GRANT_SCOPE_MATRIX_PANE (self->matrix), self->http_client,
                                    NULL, NULL, NULL);
  self->sending = g_cancellable_new ();
  set_sending (self, TRUE);
  show_status (self, _("Sending…"), NULL);
  gtk_widget_set_visible (self->explanation, FALSE);

  /* A DPoP-bound token goes with a proof from the key it is bound to (RFC 9449 §7). */
  grant_oauth_request_send_async (self->http_client, request, NULL,
                                  response != NULL
                                  && g_ascii_strcasecmp (
                                       grant_token_response_get_token_type (response), "DPoP") == 0
                                  ? grant_flow_get_dpop_session (flow) : NULL,
                                  response != NULL
                                  ? grant_token_response_get_access_token (response) : NULL,
                                  NC_("exchange", "API call"), self->sending, sent_cb,
                                  g_object_ref (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  grant_request_page_send (GRANT_REQUEST_PAGE (widget));
}

/* Building ----------------------------------------------------------------------------------- */

static GtkWidget *
text_area_new (GtkTextBuffer **buffer,
               const char     *accessible_name,
               int             height)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_size_request (scroller, -1, height);
  gtk_widget_add_css_class (scroller, "card");
  *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  return scroller;
}

static GtkWidget *
caption_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");

  return label;
}

static GtkWidget *
wrapping_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  return label;
}

static void
grant_request_page_dispose (GObject *object)
{
  GrantRequestPage *self = (GrantRequestPage *)object;

  if (self->sending != NULL)
    g_cancellable_cancel (self->sending);
  g_clear_object (&self->sending);
  if (self->flows != NULL)
    g_signal_handlers_disconnect_by_data (self->flows, self);
  g_clear_object (&self->flows);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (grant_request_page_parent_class)->dispose (object);
}

static void
grant_request_page_finalize (GObject *object)
{
  GrantRequestPage *self = (GrantRequestPage *)object;

  g_clear_object (&self->http_client);
  g_clear_object (&self->token_names);
  g_clear_object (&self->request);
  g_clear_object (&self->exchange);
  g_clear_object (&self->diagnosis);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_object (&self->history_menu);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (grant_request_page_parent_class)->finalize (object);
}

static void
grant_request_page_class_init (GrantRequestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_request_page_dispose;
  object_class->finalize = grant_request_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "request.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "request.recall", "u", recall_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "request.send", NULL);
}

static void
grant_request_page_init (GrantRequestPage *self)
{
  static const char * const methods[] = { METHODS, NULL };
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *token_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *send = gtk_button_new_with_mnemonic (_("_Send"));
  GtkWidget *token_label = gtk_label_new_with_mnemonic (_("_Token"));
  GtkWidget *status_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *history;

  self->http_client = grant_http_client_new (NULL);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->box, 18);
  gtk_widget_set_margin_bottom (self->box, 18);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);

  /* Method, URL, Send */
  self->method = gtk_drop_down_new_from_strings (methods);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->method), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Method"), -1);
  self->url = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->url), "https://api.example/resource");
  gtk_entry_set_input_purpose (GTK_ENTRY (self->url), GTK_INPUT_PURPOSE_URL);
  gtk_widget_set_hexpand (self->url, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->url), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("URL"), -1);
  g_signal_connect_swapped (self->url, "activate", G_CALLBACK (grant_request_page_send), self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (send), "request.send");
  gtk_widget_set_tooltip_text (send, _("Send the Request (Ctrl+Return)"));
  gtk_widget_add_css_class (send, "suggested-action");
  gtk_box_append (GTK_BOX (line), self->method);
  gtk_box_append (GTK_BOX (line), self->url);
  gtk_box_append (GTK_BOX (line), send);
  self->history = g_ptr_array_new_with_free_func (g_object_unref);
  self->history_menu = g_menu_new ();
  history = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (history), "document-open-recent-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (history), G_MENU_MODEL (self->history_menu));
  gtk_widget_set_tooltip_text (history, _("Requests sent before"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (history), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Requests sent before"), -1);
  gtk_box_append (GTK_BOX (line), history);
  gtk_box_append (GTK_BOX (self->box), line);

  /* The token: one of those the flows got. */
  self->token_names = gtk_string_list_new (NULL);
  self->token = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->token_names)), NULL);
  gtk_widget_set_hexpand (self->token, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (token_label), self->token);
  gtk_box_append (GTK_BOX (token_line), token_label);
  gtk_box_append (GTK_BOX (token_line), self->token);
  gtk_box_append (GTK_BOX (self->box), token_line);

  gtk_box_append (GTK_BOX (self->box), caption_new (_("Headers, one “Name: value” a line")));
  gtk_box_append (GTK_BOX (self->box), text_area_new (&self->headers, _("Headers"), 60));
  gtk_box_append (GTK_BOX (self->box), caption_new (_("Body")));
  gtk_box_append (GTK_BOX (self->box), text_area_new (&self->body, _("Body"), 80));

  /* The answer: its status, why it was refused, and all of it. */
  self->status = gtk_label_new (_("Send a request: the answer shows here, and a 401 or 403 is "
                                  "explained."));
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_widget_set_hexpand (self->status, TRUE);
  gtk_widget_add_css_class (self->status, "title-4");
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (status_line), self->status);
  gtk_box_append (GTK_BOX (status_line), self->spinner);
  gtk_box_append (GTK_BOX (self->box), status_line);

  self->explanation = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->said = wrapping_label_new ();
  self->cause = wrapping_label_new ();
  gtk_widget_add_css_class (self->cause, "heading");
  gtk_box_append (GTK_BOX (self->explanation), caption_new (_("Why")));
  gtk_box_append (GTK_BOX (self->explanation), self->cause);
  gtk_box_append (GTK_BOX (self->explanation), self->said);
  gtk_widget_set_visible (self->explanation, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->explanation);

  gtk_box_append (GTK_BOX (self->box), text_area_new (&self->response, _("Response"), 200));

  /* The same request with a token of other scopes, beside this one; and attacked. */
  self->scope_replay = grant_scope_replay_pane_new ();
  gtk_widget_set_visible (self->scope_replay, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->scope_replay);
  self->matrix = grant_scope_matrix_pane_new ();
  gtk_widget_set_visible (self->matrix, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->matrix);
  self->probes = grant_probe_pane_new ();
  gtk_widget_set_visible (self->probes, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->probes);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->box);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  flows_changed_cb (self);
}

/* Public API ---------------------------------------------------------------------------------- */

GtkWidget *
grant_request_page_new (void)
{
  return g_object_new (GRANT_TYPE_REQUEST_PAGE, NULL);
}

/**
 * grant_request_page_set_http_client:
 * @self: a #GrantRequestPage
 * @http_client: the client to send with, whose log the requests join
 */
void
grant_request_page_set_http_client (GrantRequestPage *self,
                                    GrantHttpClient  *http_client)
{
  g_return_if_fail (GRANT_IS_REQUEST_PAGE (self));
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (http_client));

  g_set_object (&self->http_client, http_client);
}

/**
 * grant_request_page_set_flows:
 * @self: a #GrantRequestPage
 * @flows: (nullable): the flows whose tokens may be sent, newest first
 */
void
grant_request_page_set_flows (GrantRequestPage *self,
                              GListModel       *flows)
{
  g_return_if_fail (GRANT_IS_REQUEST_PAGE (self));

  if (self->flows != NULL)
    g_signal_handlers_disconnect_by_data (self->flows, self);
  g_set_object (&self->flows, flows);
  if (flows != NULL)
    g_signal_connect_swapped (flows, "items-changed", G_CALLBACK (flows_changed_cb), self);
  flows_changed_cb (self);
}

/**
 * grant_request_page_set_request:
 * @self: a #GrantRequestPage
 * @method: GET, POST, PUT, PATCH or DELETE
 * @url: the API's URL
 * @token: 0 for none, else the position of the flow whose token to send, from 1
 * @body: (nullable): the body
 *
 * Fills the editor, as a person would.
 */
void
grant_request_page_set_request (GrantRequestPage *self,
                                const char       *method,
                                const char       *url,
                                guint             token,
                                const char       *body)
{
  static const char * const methods[] = { METHODS };

  g_return_if_fail (GRANT_IS_REQUEST_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_strcmp0 (methods[i], method) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->method), i);
  gtk_editable_set_text (GTK_EDITABLE (self->url), url);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->token), token);
  gtk_text_buffer_set_text (self->body, body != NULL ? body : "", -1);
}

/**
 * grant_request_page_get_exchange:
 * @self: a #GrantRequestPage
 *
 * Returns: (transfer none) (nullable): the last answered request
 */
GrantExchange *
grant_request_page_get_exchange (GrantRequestPage *self)
{
  g_return_val_if_fail (GRANT_IS_REQUEST_PAGE (self), NULL);

  return self->exchange;
}

/**
 * grant_request_page_get_diagnosis:
 * @self: a #GrantRequestPage
 *
 * Returns: (transfer none) (nullable): the last answer's diagnosis, shown under its status
 */
GrantAuthDiagnosis *
grant_request_page_get_diagnosis (GrantRequestPage *self)
{
  g_return_val_if_fail (GRANT_IS_REQUEST_PAGE (self), NULL);

  return self->diagnosis;
}

/**
 * grant_request_page_get_scope_replay:
 * @self: a #GrantRequestPage
 *
 * Returns: (transfer none): the pane that replays the request with other scopes
 */
GrantScopeReplayPane *
grant_request_page_get_scope_replay (GrantRequestPage *self)
{
  g_return_val_if_fail (GRANT_IS_REQUEST_PAGE (self), NULL);

  return GRANT_SCOPE_REPLAY_PANE (self->scope_replay);
}

/**
 * grant_request_page_get_probes:
 * @self: a #GrantRequestPage
 *
 * Returns: (transfer none): the pane that runs the security probes of the request
 */
GrantProbePane *
grant_request_page_get_probes (GrantRequestPage *self)
{
  g_return_val_if_fail (GRANT_IS_REQUEST_PAGE (self), NULL);

  return GRANT_PROBE_PANE (self->probes);
}

/**
 * grant_request_page_get_scope_matrix:
 * @self: a #GrantRequestPage
 *
 * Returns: (transfer none): the pane that runs the page's requests against every scope set
 */
GrantScopeMatrixPane *
grant_request_page_get_scope_matrix (GrantRequestPage *self)
{
  g_return_val_if_fail (GRANT_IS_REQUEST_PAGE (self), NULL);

  return GRANT_SCOPE_MATRIX_PANE (self->matrix);
}
