/* grant-scope-matrix-pane.c
 * The requests sent from the Requests page against every scope set: a grid of statuses.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Which scopes does each call need?" Run Matrix takes the scopes worth trying (those of the
 * token, those asked for, any an answer said were missing), gets a token for each scope set
 * GrantScopeMatrix makes, the cheapest way the grant allows (GrantScopeReplay), sends every
 * request of the page's history with each (GrantReplayRunner: a few at a time, slowing down
 * on 429), and shows the statuses as a grid with, per request, the least privilege: the
 * smallest scope sets it got a 2xx with. A set no token could be had for (a wider scope
 * than a refresh allows) shows "—" and says why; the set without scopes is sent without a
 * token when none could be had. The grid exports as JSON.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-json-export.h"
#include "grant-replay-runner.h"
#include "grant-scope-matrix-pane.h"
#include "grant-scope-replay.h"

struct _GrantScopeMatrixPane
{
  GtkWidget          parent_instance;

  GrantHttpClient   *http_client;
  GrantFlow         *flow;
  GPtrArray         *requests;
  char             **scopes;
  GrantScopeMatrix  *matrix;
  GPtrArray         *no_token; /* why each set has no token, or NULL */
  GrantFlow         *fetching;
  guint              next_set;
  GCancellable      *running;
  gboolean           done;

  GtkWidget         *box;
  GtkWidget         *summary;
  GtkWidget         *run;
  GtkWidget         *spinner;
  GtkWidget         *grid;
};

G_DEFINE_FINAL_TYPE (GrantScopeMatrixPane, grant_scope_matrix_pane, GTK_TYPE_WIDGET)

static GtkWidget *
cell_new (const char *text,
          const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static char *
set_title (GrantScopeMatrix *matrix,
           guint             set)
{
  g_autofree char *scope = grant_scope_matrix_dup_scope_string (matrix, set);

  return g_strdup (*scope != '\0' ? scope : _("(none)"));
}

static char *
request_title (GrantHttpRequest *request)
{
  g_autoptr(GUri) uri = g_uri_parse (grant_http_request_get_uri (request), G_URI_FLAGS_ENCODED,
                                     NULL);

  return g_strdup_printf ("%s %s%s%s", grant_http_request_get_method (request),
                          uri != NULL ? g_uri_get_path (uri) : grant_http_request_get_uri (request),
                          uri != NULL && g_uri_get_query (uri) != NULL ? "?" : "",
                          uri != NULL && g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "");
}

/* The grid: a row per request, its least privilege beside it, then a column per scope set
 * (the grid scrolls sideways when there are many). */
static void
show_grid (GrantScopeMatrixPane *self)
{
  GtkWidget *child;
  guint n_sets;
  guint n_requests;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  gtk_widget_set_visible (self->grid, self->done);
  if (!self->done)
    return;

  n_sets = grant_scope_matrix_get_n_scope_sets (self->matrix);
  n_requests = grant_scope_matrix_get_n_requests (self->matrix);
  gtk_grid_attach (GTK_GRID (self->grid), cell_new (_("Request"), "heading"), 0, 0, 1, 1);
  for (guint s = 0; s < n_sets; s++)
    {
      g_autofree char *title = set_title (self->matrix, s);

      gtk_grid_attach (GTK_GRID (self->grid), cell_new (title, "caption-heading"), s + 2, 0, 1, 1);
    }
  gtk_grid_attach (GTK_GRID (self->grid), cell_new (_("Least privilege"), "heading"), 1, 0, 1, 1);

  for (guint r = 0; r < n_requests; r++)
    {
      g_autofree char *title = request_title (grant_scope_matrix_get_request (self->matrix, r));
      g_autoptr(GArray) least = grant_scope_matrix_get_least_privilege (self->matrix, r);
      GString *needs = g_string_new (NULL);
      GtkWidget *needs_label;

      gtk_grid_attach (GTK_GRID (self->grid), cell_new (title, "monospace"), 0, r + 1, 1, 1);
      for (guint s = 0; s < n_sets; s++)
        {
          guint status = grant_scope_matrix_get_status (self->matrix, r, s);
          const char *why = g_ptr_array_index (self->no_token, s);
          g_autofree char *text = NULL;
          GtkWidget *cell;

          if (why != NULL)
            text = g_strdup ("—");
          else if (status == 0)
            text = g_strdup (_("failed"));
          else
            text = g_strdup_printf ("%u", status);
          cell = cell_new (text, why != NULL ? "dim-label"
                                 : status >= 200 && status < 300 ? "success" : "error");
          gtk_widget_add_css_class (cell, "numeric");
          if (why != NULL)
            gtk_widget_set_tooltip_text (cell, why);
          gtk_grid_attach (GTK_GRID (self->grid), cell, s + 2, r + 1, 1, 1);
        }

      for (guint i = 0; i < least->len; i++)
        {
          g_autofree char *set = set_title (self->matrix, g_array_index (least, guint, i));

          g_string_append_printf (needs, "%s%s", i > 0 ? _(" or ") : "", set);
        }
      if (least->len == 0)
        g_string_append (needs, _("no set was allowed"));
      needs_label = cell_new (needs->str, "heading");
      gtk_grid_attach (GTK_GRID (self->grid), needs_label, 1, r + 1, 1, 1);
      g_string_free (needs, TRUE);
    }
}

static void
finish (GrantScopeMatrixPane *self,
        const char           *summary)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_sensitive (self->run, TRUE);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.export", self->done);
  show_grid (self);
}

static void
matrix_run_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GrantScopeMatrixPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if (!grant_scope_matrix_run_finish (GRANT_SCOPE_MATRIX (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish (self, error->message);
      return;
    }

  self->done = TRUE;
  summary = g_strdup_printf (_("%u requests × %u scope sets. A “—” had no token: hover it "
                               "to see why."),
                             grant_scope_matrix_get_n_requests (self->matrix),
                             grant_scope_matrix_get_n_scope_sets (self->matrix));
  finish (self, summary);
}

static void fetch_next_token (GrantScopeMatrixPane *self);

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GrantScopeMatrixPane) self = user_data;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  guint set = self->next_set;

  response = grant_flow_run_finish (GRANT_FLOW (object), result, &error);
  g_clear_object (&self->fetching);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (response != NULL)
    grant_scope_matrix_set_access_token (self->matrix, set,
                                         grant_token_response_get_access_token (response),
                                         grant_token_response_get_token_type (response));
  else
    g_ptr_array_index (self->no_token, set) = g_strdup (error->message);

  self->next_set++;
  fetch_next_token (self);
}

/* A token per scope set, one after the other, then the matrix. */
static void
fetch_next_token (GrantScopeMatrixPane *self)
{
  guint n_sets = grant_scope_matrix_get_n_scope_sets (self->matrix);

  while (self->next_set < n_sets)
    {
      g_autofree char *scope = grant_scope_matrix_dup_scope_string (self->matrix, self->next_set);
      g_autofree char *status = NULL;
      g_autoptr(GError) error = NULL;

      self->fetching = grant_scope_replay_new_flow (self->flow, scope, &error);
      if (self->fetching != NULL)
        {
          status = g_strdup_printf (_("Getting a token for scope set %u of %u…"),
                                    self->next_set + 1, n_sets);
          gtk_label_set_text (GTK_LABEL (self->summary), status);
          grant_flow_run_async (self->fetching, self->running, token_cb, g_object_ref (self));
          return;
        }
      /* The set without scopes is sent without a token: that is what it tests. */
      if (*scope != '\0')
        g_ptr_array_index (self->no_token, self->next_set) = g_strdup (error->message);
      self->next_set++;
    }

  gtk_label_set_text (GTK_LABEL (self->summary), _("Sending the requests…"));
  {
    g_autoptr(GrantReplayRunner) runner = grant_replay_runner_new (self->http_client, 0);

    grant_scope_matrix_run_async (self->matrix, runner, self->running, matrix_run_cb,
                                  g_object_ref (self));
  }
}

/**
 * grant_scope_matrix_pane_run:
 * @self: a #GrantScopeMatrixPane
 *
 * Gets the tokens and runs the matrix, as the Run Matrix button does.
 */
void
grant_scope_matrix_pane_run (GrantScopeMatrixPane *self)
{
  g_return_if_fail (GRANT_IS_SCOPE_MATRIX_PANE (self));

  if (self->flow == NULL || self->requests == NULL || self->requests->len == 0)
    return;

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  g_clear_object (&self->fetching);
  g_clear_object (&self->matrix);
  g_clear_pointer (&self->no_token, g_ptr_array_unref);

  self->matrix = grant_scope_matrix_new ((const char * const *) self->scopes);
  for (guint i = 0; i < self->requests->len; i++)
    {
      g_autoptr(GrantHttpRequest) request = grant_http_request_copy (g_ptr_array_index (self->requests,
                                                                                        i));

      grant_http_request_remove_header (request, "Authorization");
      grant_http_request_remove_header (request, "DPoP");
      grant_scope_matrix_add_request (self->matrix, request);
    }
  self->no_token = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (self->no_token, grant_scope_matrix_get_n_scope_sets (self->matrix));
  self->next_set = 0;
  self->done = FALSE;
  self->running = g_cancellable_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_widget_set_sensitive (self->run, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.export", FALSE);
  show_grid (self);
  fetch_next_token (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  grant_scope_matrix_pane_run (GRANT_SCOPE_MATRIX_PANE (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrantScopeMatrixPane *self = GRANT_SCOPE_MATRIX_PANE (widget);
  g_autoptr(JsonObject) table = NULL;

  if (self->matrix == NULL)
    return;
  table = grant_scope_matrix_to_json (self->matrix);
  grant_json_export (widget, _("Export Scope Matrix as JSON"), "scope-matrix.json", table,
                     GTK_LABEL (self->summary));
}

static void
grant_scope_matrix_pane_dispose (GObject *object)
{
  GrantScopeMatrixPane *self = (GrantScopeMatrixPane *)object;

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->http_client);
  g_clear_object (&self->flow);
  g_clear_object (&self->fetching);
  g_clear_object (&self->matrix);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->no_token, g_ptr_array_unref);
  g_clear_pointer (&self->scopes, g_strfreev);

  G_OBJECT_CLASS (grant_scope_matrix_pane_parent_class)->dispose (object);
}

static void
grant_scope_matrix_pane_class_init (GrantScopeMatrixPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_scope_matrix_pane_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "matrix.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "matrix.export", NULL, export_action);
}

static void
grant_scope_matrix_pane_init (GrantScopeMatrixPane *self)
{
  GtkWidget *heading = gtk_label_new (_("Scope Matrix"));
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *export = gtk_button_new_with_mnemonic (_("E_xport JSON…"));
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_widget_set_hexpand (self->summary, TRUE);
  gtk_widget_add_css_class (self->summary, "dim-label");
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  self->run = gtk_button_new_with_mnemonic (_("Run _Matrix"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run), "matrix.run");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "matrix.export");
  gtk_box_append (GTK_BOX (line), self->summary);
  gtk_box_append (GTK_BOX (line), self->spinner);
  gtk_box_append (GTK_BOX (line), export);
  gtk_box_append (GTK_BOX (line), self->run);

  self->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 6);
  gtk_widget_set_margin_top (self->grid, 6);
  gtk_widget_set_margin_bottom (self->grid, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Statuses by request and scope set"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_widget_add_css_class (scroller, "card");

  gtk_box_append (GTK_BOX (self->box), heading);
  gtk_box_append (GTK_BOX (self->box), line);
  gtk_box_append (GTK_BOX (self->box), scroller);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.export", FALSE);
  show_grid (self);
}

GtkWidget *
grant_scope_matrix_pane_new (void)
{
  return g_object_new (GRANT_TYPE_SCOPE_MATRIX_PANE, NULL);
}

/**
 * grant_scope_matrix_pane_set_sent:
 * @self: a #GrantScopeMatrixPane
 * @http_client: the client to send with
 * @flow: (nullable): the flow whose token was sent; %NULL hides the pane
 * @requests: (element-type GrantHttpRequest): the requests to try, the page's history
 * @missing: (nullable) (array zero-terminated=1): scopes the last answer said were missing
 */
void
grant_scope_matrix_pane_set_sent (GrantScopeMatrixPane *self,
                                  GrantHttpClient      *http_client,
                                  GrantFlow            *flow,
                                  GPtrArray            *requests,
                                  const char * const   *missing)
{
  g_autofree char *scopes = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (GRANT_IS_SCOPE_MATRIX_PANE (self));

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  g_set_object (&self->http_client, http_client);
  g_set_object (&self->flow, flow);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  self->requests = requests != NULL ? g_ptr_array_ref (requests) : NULL;
  g_clear_pointer (&self->scopes, g_strfreev);
  self->done = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), flow != NULL && requests != NULL);
  if (flow == NULL || requests == NULL)
    return;

  self->scopes = grant_scope_replay_dup_candidates (flow, missing);
  scopes = g_strjoinv (", ", self->scopes);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Try the %u request sent so far with every set of "
                                          "these scopes: %s.",
                                          "Try the %u requests sent so far with every set of "
                                          "these scopes: %s.", requests->len),
                             requests->len, *scopes != '\0' ? scopes : _("none"));
  finish (self, summary);
}

/**
 * grant_scope_matrix_pane_get_matrix:
 * @self: a #GrantScopeMatrixPane
 *
 * Returns: (transfer none) (nullable): the matrix of the last run
 */
GrantScopeMatrix *
grant_scope_matrix_pane_get_matrix (GrantScopeMatrixPane *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX_PANE (self), NULL);

  return self->matrix;
}

/**
 * grant_scope_matrix_pane_is_done:
 * @self: a #GrantScopeMatrixPane
 *
 * Returns: whether the matrix has run
 */
gboolean
grant_scope_matrix_pane_is_done (GrantScopeMatrixPane *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX_PANE (self), FALSE);

  return self->done;
}

/**
 * grant_scope_matrix_pane_has_token:
 * @self: a #GrantScopeMatrixPane
 * @set: a scope set's position
 *
 * Returns: whether a token could be had for @set (the set without scopes counts as having
 *   one: it is sent without)
 */
gboolean
grant_scope_matrix_pane_has_token (GrantScopeMatrixPane *self,
                                   guint                 set)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX_PANE (self), FALSE);

  return self->no_token != NULL && set < self->no_token->len
         && g_ptr_array_index (self->no_token, set) == NULL;
}
