/* grant-scope-replay-pane.c
 * Replay a request with a token of other scopes, and see both answers side by side.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under the Requests page's answer: the scopes of the token sent (and any the answer said
 * were missing) as check buttons. Ticking others and pressing Replay gets a token with
 * exactly those (GrantScopeReplay: a refresh with a narrower scope, else a new client
 * credentials token, else it says the flow must run again), sends the same request with it,
 * and shows its answer and explanation beside the first one's.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-oauth-request.h"
#include "grant-scope-replay.h"
#include "grant-scope-replay-pane.h"

/* One answer: which scopes, its status, and why. */
typedef struct
{
  GtkWidget *box;
  GtkWidget *scope;
  GtkWidget *status;
  GtkWidget *cause;
} Card;

struct _GrantScopeReplayPane
{
  GtkWidget           parent_instance;

  GrantHttpClient    *http_client;
  GrantFlow          *flow;
  GrantHttpRequest   *request;
  GrantFlow          *replay_flow;
  GrantExchange      *exchange;
  GrantAuthDiagnosis *diagnosis;
  GCancellable       *running;
  char               *message;

  GtkWidget          *box;
  GtkWidget          *scopes;
  GtkWidget          *method;
  GtkWidget          *replay;
  GtkWidget          *spinner;
  Card                sent;
  Card                replayed;
};

G_DEFINE_FINAL_TYPE (GrantScopeReplayPane, grant_scope_replay_pane, GTK_TYPE_WIDGET)

static char *
dup_checked_scopes (GrantScopeReplayPane *self)
{
  GString *scope = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->scopes); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_string_append_printf (scope, "%s%s", scope->len > 0 ? " " : "",
                                gtk_check_button_get_label (GTK_CHECK_BUTTON (check)));
    }

  return g_string_free (scope, FALSE);
}

static void
set_message (GrantScopeReplayPane *self,
             const char           *message,
             gboolean              error)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->method), message);
  if (error)
    gtk_widget_add_css_class (self->method, "error");
  else
    gtk_widget_remove_css_class (self->method, "error");
}

/* Says how a token with the scopes ticked would be had, as the user ticks them. */
static void
scopes_toggled_cb (GrantScopeReplayPane *self)
{
  g_autofree char *scope = NULL;
  g_autofree char *reason = NULL;
  GrantScopeReplayMethod method;

  if (self->flow == NULL)
    return;

  scope = dup_checked_scopes (self);
  method = grant_scope_replay_choose (self->flow, scope, &reason);
  set_message (self, reason, FALSE);
  gtk_widget_set_sensitive (self->replay, method != GRANT_SCOPE_REPLAY_INTERACTIVE);
}

static void
fill_card (Card               *card,
           const char         *scope,
           GrantExchange      *exchange,
           GrantAuthDiagnosis *diagnosis)
{
  g_autofree char *scope_text = NULL;
  g_autofree char *status = NULL;
  guint code = exchange != NULL ? grant_exchange_get_status (exchange) : 0;

  scope_text = g_strdup_printf (_("Scope: %s"), scope != NULL && *scope != '\0' ? scope
                                                                                 : _("none"));
  gtk_label_set_text (GTK_LABEL (card->scope), scope_text);
  status = exchange != NULL ? g_strdup_printf ("HTTP %u %s", code,
                                               grant_exchange_get_reason_phrase (exchange))
                            : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (card->status), status);
  gtk_widget_remove_css_class (card->status, "success");
  gtk_widget_remove_css_class (card->status, "error");
  if (exchange != NULL)
    gtk_widget_add_css_class (card->status, code < 400 ? "success" : "error");
  gtk_label_set_text (GTK_LABEL (card->cause),
                      diagnosis != NULL
                      && grant_auth_diagnosis_get_problem (diagnosis) != GRANT_AUTH_PROBLEM_NONE
                      ? grant_auth_diagnosis_get_cause (diagnosis) : "");
}

static void
set_running (GrantScopeReplayPane *self,
             gboolean              running)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), running);
  gtk_widget_set_visible (self->spinner, running);
  gtk_widget_set_sensitive (self->replay, !running);
}

static void
replayed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GrantScopeReplayPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantExchange) exchange = grant_oauth_request_send_finish (result, &error);
  GrantTokenResponse *response;
  g_autofree char *scope = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_running (self, FALSE);
  if (exchange == NULL)
    {
      set_message (self, error->message, TRUE);
      return;
    }

  response = grant_flow_get_token_response (self->replay_flow);
  scope = grant_scope_replay_dup_granted (self->replay_flow);
  g_set_object (&self->exchange, exchange);
  g_clear_object (&self->diagnosis);
  self->diagnosis = grant_auth_diagnosis_new_for_exchange (
    exchange, scope, grant_token_response_get_expires_at (response));
  fill_card (&self->replayed, scope, self->exchange, self->diagnosis);
  gtk_widget_set_visible (self->replayed.box, TRUE);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GrantScopeReplayPane) self = user_data;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean dpop;

  response = grant_flow_run_finish (GRANT_FLOW (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (response == NULL)
    {
      set_running (self, FALSE);
      message = g_strdup_printf (_("No token with these scopes: %s"), error->message);
      set_message (self, message, TRUE);
      return;
    }

  /* The same request, with the new token, as the first was sent (RFC 9449 §7 for DPoP). */
  request = grant_http_request_copy (self->request);
  dpop = g_ascii_strcasecmp (grant_token_response_get_token_type (response), "DPoP") == 0;
  grant_oauth_request_send_async (self->http_client, request, NULL,
                                  dpop ? grant_flow_get_dpop_session (self->replay_flow) : NULL,
                                  grant_token_response_get_access_token (response),
                                  NC_("exchange", "API call, replayed"), self->running, replayed_cb,
                                  g_object_ref (self));
}

/**
 * grant_scope_replay_pane_replay:
 * @self: a #GrantScopeReplayPane
 * @scope: (nullable): the scopes to replay with, space-separated; %NULL for those ticked
 *
 * Gets a token with @scope and sends the request again with it, as the Replay button does;
 * the scopes named are ticked first.
 */
void
grant_scope_replay_pane_replay (GrantScopeReplayPane *self,
                                const char           *scope)
{
  g_autofree char *checked = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GRANT_IS_SCOPE_REPLAY_PANE (self));

  if (self->flow == NULL || self->request == NULL)
    return;

  if (scope != NULL)
    {
      g_auto(GStrv) wanted = g_strsplit (scope, " ", -1);

      for (GtkWidget *child = gtk_widget_get_first_child (self->scopes); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_strv_contains ((const char * const *) wanted,
                                                        gtk_check_button_get_label (
                                                          GTK_CHECK_BUTTON (check))));
        }
    }
  checked = dup_checked_scopes (self);

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  g_clear_object (&self->replay_flow);
  g_clear_object (&self->exchange);
  g_clear_object (&self->diagnosis);
  gtk_widget_set_visible (self->replayed.box, FALSE);

  self->replay_flow = grant_scope_replay_new_flow (self->flow, checked, &error);
  if (self->replay_flow == NULL)
    {
      set_message (self, error->message, TRUE);
      return;
    }

  self->running = g_cancellable_new ();
  set_running (self, TRUE);
  grant_flow_run_async (self->replay_flow, self->running, token_cb, g_object_ref (self));
}

static void
replay_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  grant_scope_replay_pane_replay (GRANT_SCOPE_REPLAY_PANE (widget), NULL);
}

static GtkWidget *
card_label_new (GtkWidget  *box,
                const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, style);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

static void
card_init (Card       *card,
           const char *title)
{
  GtkWidget *heading;

  card->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (card->box, "card");
  gtk_widget_set_hexpand (card->box, TRUE);
  gtk_widget_set_valign (card->box, GTK_ALIGN_START);
  heading = card_label_new (card->box, "heading");
  gtk_label_set_text (GTK_LABEL (heading), title);
  gtk_widget_set_margin_top (heading, 12);
  card->scope = card_label_new (card->box, "dim-label");
  card->status = card_label_new (card->box, "title-4");
  card->cause = card_label_new (card->box, "body");
  gtk_label_set_selectable (GTK_LABEL (card->cause), TRUE);
  gtk_widget_set_margin_bottom (card->cause, 12);
}

static void
grant_scope_replay_pane_dispose (GObject *object)
{
  GrantScopeReplayPane *self = (GrantScopeReplayPane *)object;

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->http_client);
  g_clear_object (&self->flow);
  g_clear_object (&self->request);
  g_clear_object (&self->replay_flow);
  g_clear_object (&self->exchange);
  g_clear_object (&self->diagnosis);

  G_OBJECT_CLASS (grant_scope_replay_pane_parent_class)->dispose (object);
}

static void
grant_scope_replay_pane_finalize (GObject *object)
{
  GrantScopeReplayPane *self = (GrantScopeReplayPane *)object;

  g_free (self->message);

  G_OBJECT_CLASS (grant_scope_replay_pane_parent_class)->finalize (object);
}

static void
grant_scope_replay_pane_class_init (GrantScopeReplayPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_scope_replay_pane_dispose;
  object_class->finalize = grant_scope_replay_pane_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "scope-replay.replay", NULL, replay_action);
}

static void
grant_scope_replay_pane_init (GrantScopeReplayPane *self)
{
  GtkWidget *heading = gtk_label_new (_("Replay with Other Scopes"));
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cards = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");

  self->scopes = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->scopes), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->scopes), 6);
  gtk_widget_set_hexpand (self->scopes, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scopes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scopes to replay with"), -1);
  self->replay = gtk_button_new_with_mnemonic (_("_Replay"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->replay), "scope-replay.replay");
  gtk_widget_set_valign (self->replay, GTK_ALIGN_CENTER);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (line), self->scopes);
  gtk_box_append (GTK_BOX (line), self->spinner);
  gtk_box_append (GTK_BOX (line), self->replay);

  self->method = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->method), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->method), 0);
  gtk_widget_add_css_class (self->method, "dim-label");

  card_init (&self->sent, _("As Sent"));
  card_init (&self->replayed, _("Replayed"));
  gtk_widget_set_visible (self->replayed.box, FALSE);
  gtk_box_set_homogeneous (GTK_BOX (cards), TRUE);
  gtk_box_append (GTK_BOX (cards), self->sent.box);
  gtk_box_append (GTK_BOX (cards), self->replayed.box);

  gtk_box_append (GTK_BOX (self->box), heading);
  gtk_box_append (GTK_BOX (self->box), line);
  gtk_box_append (GTK_BOX (self->box), self->method);
  gtk_box_append (GTK_BOX (self->box), cards);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
grant_scope_replay_pane_new (void)
{
  return g_object_new (GRANT_TYPE_SCOPE_REPLAY_PANE, NULL);
}

/**
 * grant_scope_replay_pane_set_sent:
 * @self: a #GrantScopeReplayPane
 * @http_client: the client to send with
 * @flow: (nullable): the flow whose token was sent; %NULL hides the pane
 * @request: the request sent, without its Authorization
 * @exchange: its answer
 * @diagnosis: why it was answered so
 *
 * Shows the scopes of @flow's token, and of any the answer said were missing, to replay with.
 */
void
grant_scope_replay_pane_set_sent (GrantScopeReplayPane *self,
                                  GrantHttpClient      *http_client,
                                  GrantFlow            *flow,
                                  GrantHttpRequest     *request,
                                  GrantExchange        *exchange,
                                  GrantAuthDiagnosis   *diagnosis)
{
  g_auto(GStrv) scopes = NULL;
  g_auto(GStrv) held = NULL;
  g_autofree char *granted = NULL;
  GtkWidget *child;

  g_return_if_fail (GRANT_IS_SCOPE_REPLAY_PANE (self));

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  g_set_object (&self->http_client, http_client);
  g_set_object (&self->flow, flow);
  g_clear_object (&self->request);
  self->request = request != NULL ? grant_http_request_copy (request) : NULL;
  g_clear_object (&self->replay_flow);
  g_clear_object (&self->exchange);
  g_clear_object (&self->diagnosis);
  set_running (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), flow != NULL);
  gtk_widget_set_visible (self->replayed.box, FALSE);
  if (flow == NULL)
    return;

  granted = grant_scope_replay_dup_granted (flow);
  held = g_strsplit (granted != NULL ? granted : "", " ", -1);
  scopes = grant_scope_replay_dup_candidates (flow, diagnosis != NULL
                                              ? grant_auth_diagnosis_get_missing_scopes (diagnosis)
                                              : NULL);

  while ((child = gtk_widget_get_first_child (self->scopes)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->scopes), child);
  for (guint i = 0; scopes[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (scopes[i]);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) held, scopes[i]));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (scopes_toggled_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->scopes), check);
    }

  fill_card (&self->sent, granted, exchange, diagnosis);
  scopes_toggled_cb (self);
}

/**
 * grant_scope_replay_pane_get_exchange:
 * @self: a #GrantScopeReplayPane
 *
 * Returns: (transfer none) (nullable): the replayed request's answer
 */
GrantExchange *
grant_scope_replay_pane_get_exchange (GrantScopeReplayPane *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_REPLAY_PANE (self), NULL);

  return self->exchange;
}

/**
 * grant_scope_replay_pane_get_diagnosis:
 * @self: a #GrantScopeReplayPane
 *
 * Returns: (transfer none) (nullable): why the replayed request was answered so
 */
GrantAuthDiagnosis *
grant_scope_replay_pane_get_diagnosis (GrantScopeReplayPane *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_REPLAY_PANE (self), NULL);

  return self->diagnosis;
}

/**
 * grant_scope_replay_pane_get_message:
 * @self: a #GrantScopeReplayPane
 *
 * Returns: (nullable): what the pane says of the scopes ticked: how a token with them would
 *   be had, or why it could not
 */
const char *
grant_scope_replay_pane_get_message (GrantScopeReplayPane *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_REPLAY_PANE (self), NULL);

  return self->message;
}
