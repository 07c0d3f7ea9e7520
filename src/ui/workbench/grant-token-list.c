/* grant-token-list.c
 * The Tokens page: every token Grant holds, with its countdown and what can be done with it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each flow that got tokens is a row, newest first: the grant, the client, the scope, how
 * long the access token has left (counted down every second), and the tokens themselves.
 * Its buttons emit "operation" with the flow and the operation's name ("refresh", "keep",
 * "introspect", "userinfo", "revoke"); the window runs it, as for the inspector's buttons.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-token-list.h"

struct _GrantTokenList
{
  GtkWidget   parent_instance;

  GListStore *flows;
  GtkWidget  *stack;
  GtkWidget  *list;
  guint       countdown_source;
};

G_DEFINE_FINAL_TYPE (GrantTokenList, grant_token_list, GTK_TYPE_WIDGET)

enum {
  OPERATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_expiry (GrantTokenResponse *response)
{
  gint64 expires_at = grant_token_response_get_expires_at (response);
  gint64 left = expires_at - g_get_real_time () / G_USEC_PER_SEC;

  if (expires_at < 0)
    return g_strdup (_("The server did not say when the access token expires"));
  if (left <= 0)
    return g_strdup (_("The access token has expired"));

  return g_strdup_printf (_("The access token expires in %lld min %02lld s"),
                          (long long) (left / 60), (long long) (left % 60));
}

static void
operation_clicked_cb (GtkButton      *button,
                      GrantTokenList *self)
{
  GrantFlow *flow = g_object_get_data (G_OBJECT (button), "grant-flow");
  const char *operation = g_object_get_data (G_OBJECT (button), "grant-operation");

  g_signal_emit (self, signals[OPERATION], 0, flow, operation);
}

static void
add_token_row (AdwExpanderRow *row,
               const char     *title,
               const char     *token)
{
  GtkWidget *child;

  if (token == NULL)
    return;

  child = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (child), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (child), token);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (child), 2);
  adw_expander_row_add_row (row, child);
}

static GtkWidget *
row_new (gpointer item,
         gpointer user_data)
{
  static const struct { const char *label; const char *operation; } operations[] = {
    { N_("Refresh"), "refresh" },
    { N_("Introspect"), "introspect" },
    { N_("UserInfo"), "userinfo" },
    { N_("Revoke"), "revoke" },
    /* Translators: keeps the refresh token in the keyring, for the next run of Grant. */
    { N_("Keep"), "keep" },
  };
  GrantTokenList *self = user_data;
  GrantFlow *flow = item;
  GrantTokenResponse *response = grant_flow_get_token_response (flow);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = g_strdup_printf ("%s · %s", grant_flow_get_grant_type (flow),
                                            grant_client_get_client_id (grant_flow_get_client (flow)));
  g_autofree char *expiry = describe_expiry (response);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), expiry);
  g_object_set_data (G_OBJECT (row), "grant-flow", flow);

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      GtkWidget *button;

      /* Only a refresh token is worth keeping for later. */
      if (g_str_equal (operations[i].operation, "keep")
          && grant_token_response_get_refresh_token (response) == NULL)
        continue;
      button = gtk_button_new_with_label (_(operations[i].label));
      if (g_str_equal (operations[i].operation, "keep"))
        gtk_widget_set_tooltip_text (button, _("Keep the Refresh Token in the Keyring"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "grant-flow", flow);
      g_object_set_data (G_OBJECT (button), "grant-operation", (gpointer) operations[i].operation);
      g_signal_connect (button, "clicked", G_CALLBACK (operation_clicked_cb), self);
      if (g_str_equal (operations[i].operation, "revoke"))
        gtk_widget_add_css_class (button, "destructive-action");
      gtk_box_append (GTK_BOX (buttons), button);
    }
  {
    GtkWidget *actions = gtk_list_box_row_new ();

    /* In the expanded row, so that the title keeps the width it needs. */
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions), FALSE);
    gtk_widget_set_margin_top (buttons, 6);
    gtk_widget_set_margin_bottom (buttons, 6);
    gtk_widget_set_margin_start (buttons, 12);
    gtk_widget_set_margin_end (buttons, 12);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions), buttons);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions);
  }

  add_token_row (ADW_EXPANDER_ROW (row), _("Scope"), grant_token_response_get_scope (response));
  add_token_row (ADW_EXPANDER_ROW (row), _("Access token"),
                 grant_token_response_get_access_token (response));
  add_token_row (ADW_EXPANDER_ROW (row), _("ID token"), grant_token_response_get_id_token (response));
  add_token_row (ADW_EXPANDER_ROW (row), _("Refresh token"),
                 grant_token_response_get_refresh_token (response));

  return row;
}

static gboolean
countdown_cb (gpointer user_data)
{
  GrantTokenList *self = user_data;

  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GrantFlow *flow = g_object_get_data (G_OBJECT (child), "grant-flow");
      g_autofree char *expiry = NULL;

      if (flow == NULL || !ADW_IS_EXPANDER_ROW (child))
        continue;
      expiry = describe_expiry (grant_flow_get_token_response (flow));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (child), expiry);
    }

  return G_SOURCE_CONTINUE;
}

/**
 * grant_token_list_add:
 * @self: a #GrantTokenList
 * @flow: a flow that succeeded
 *
 * Adds the tokens @flow got, at the top.
 */
void
grant_token_list_add (GrantTokenList *self,
                      GrantFlow      *flow)
{
  g_return_if_fail (GRANT_IS_TOKEN_LIST (self));
  g_return_if_fail (GRANT_IS_FLOW (flow));
  g_return_if_fail (grant_flow_get_token_response (flow) != NULL);

  g_list_store_insert (self->flows, 0, flow);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
}

/**
 * grant_token_list_get_model:
 * @self: a #GrantTokenList
 *
 * Returns: (transfer none): the flows whose tokens are shown, newest first
 */
GListModel *
grant_token_list_get_model (GrantTokenList *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_LIST (self), NULL);

  return G_LIST_MODEL (self->flows);
}

static void
grant_token_list_dispose (GObject *object)
{
  GrantTokenList *self = (GrantTokenList *)object;

  g_clear_handle_id (&self->countdown_source, g_source_remove);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->flows);

  G_OBJECT_CLASS (grant_token_list_parent_class)->dispose (object);
}

static void
grant_token_list_class_init (GrantTokenListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_token_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * GrantTokenList::operation:
   * @self: the list
   * @flow: the flow whose tokens the operation is for
   * @operation: "refresh", "introspect", "userinfo", "revoke" or "keep"
   */
  signals[OPERATION] = g_signal_new ("operation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 2, GRANT_TYPE_FLOW,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
grant_token_list_init (GrantTokenList *self)
{
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();

  self->flows = g_list_store_new (GRANT_TYPE_FLOW);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "grant-key-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Tokens Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("The tokens of every flow you run are kept here, with "
                                     "their countdown, until Grant quits."));

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tokens held"), -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->flows), row_new,
                           self, NULL);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Tokens Held"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), page, "list");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  self->countdown_source = g_timeout_add_seconds (1, countdown_cb, self);
}

/**
 * grant_token_list_new:
 *
 * Returns: (transfer floating): an empty Tokens page
 */
GtkWidget *
grant_token_list_new (void)
{
  return g_object_new (GRANT_TYPE_TOKEN_LIST, NULL);
}
