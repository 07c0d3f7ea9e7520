/* grant-probe-pane.c
 * The security probes of the request on the Requests page: run, judged, exported.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under a Requests page answer sent with a token: Run Probes sends the same request the ways
 * an attacker or a broken client would (GrantProbeSuite) and lists each probe with what the
 * RFCs expect, what the API did and the verdict; a probe that could not apply says why. The
 * table exports as JSON, without the token. Revoking the token, the last probe, ends it for
 * the user too, so it runs only when the user ticks it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-json-export.h"
#include "grant-probe-pane.h"

struct _GrantProbePane
{
  GtkWidget         parent_instance;

  GrantProbeSuite  *suite;
  GrantProvider    *provider;
  GrantClient      *client;
  GCancellable     *running;
  gboolean          done;

  GtkWidget        *box;
  GtkWidget        *revoke;
  GtkWidget        *run;
  GtkWidget        *spinner;
  GtkWidget        *summary;
  GtkWidget        *list;
};

G_DEFINE_FINAL_TYPE (GrantProbePane, grant_probe_pane, GTK_TYPE_WIDGET)

static const char *
verdict_style (GrantProbeVerdict verdict)
{
  switch (verdict)
    {
    case GRANT_PROBE_PASSED:
      return "success";
    case GRANT_PROBE_WARNED:
      return "warning";
    case GRANT_PROBE_FAILED:
      return "error";
    case GRANT_PROBE_PENDING:
    case GRANT_PROBE_SKIPPED:
    default:
      return "dim-label";
    }
}

static const char *
verdict_text (GrantProbeVerdict verdict)
{
  switch (verdict)
    {
    case GRANT_PROBE_PASSED:
      return _("Passed");
    case GRANT_PROBE_WARNED:
      return _("Warning");
    case GRANT_PROBE_FAILED:
      return _("Failed");
    case GRANT_PROBE_SKIPPED:
      return _("Skipped");
    case GRANT_PROBE_PENDING:
    default:
      return _("Waiting");
    }
}

/* A row: the probe, what it sends, expected and actual, the reason; the verdict at the end. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GrantProbe *probe = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *verdict = gtk_label_new (verdict_text (grant_probe_get_verdict (probe)));
  g_autofree char *actual = grant_probe_dup_actual (probe);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  subtitle = g_strdup_printf (_("Expected %s · got %s%s%s"), grant_probe_get_expected (probe),
                              actual != NULL ? actual : "—",
                              grant_probe_get_reason (probe) != NULL ? "\n" : "",
                              grant_probe_get_reason (probe) != NULL
                              ? grant_probe_get_reason (probe) : "");
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gettext (grant_probe_get_name (probe)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_set_tooltip_text (row, grant_probe_get_sends (probe));
  gtk_widget_add_css_class (verdict, verdict_style (grant_probe_get_verdict (probe)));
  gtk_widget_add_css_class (verdict, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), verdict);

  return row;
}

static void
show_probes (GrantProbePane *self)
{
  g_autofree char *summary = NULL;

  gtk_list_box_bind_model (GTK_LIST_BOX (self->list),
                           self->suite != NULL ? G_LIST_MODEL (self->suite) : NULL,
                           create_row, NULL, NULL);
  gtk_widget_set_visible (self->list, self->suite != NULL && self->done);
  if (self->suite == NULL || !self->done)
    {
      gtk_label_set_text (GTK_LABEL (self->summary), "");
      return;
    }

  summary = g_strdup_printf (_("%u passed, %u warnings, %u failed, %u skipped"),
                             grant_probe_suite_count (self->suite, GRANT_PROBE_PASSED),
                             grant_probe_suite_count (self->suite, GRANT_PROBE_WARNED),
                             grant_probe_suite_count (self->suite, GRANT_PROBE_FAILED),
                             grant_probe_suite_count (self->suite, GRANT_PROBE_SKIPPED));
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  gtk_widget_remove_css_class (self->summary, "error");
  if (grant_probe_suite_count (self->suite, GRANT_PROBE_FAILED) > 0)
    gtk_widget_add_css_class (self->summary, "error");
}

static void
set_running (GrantProbePane *self,
             gboolean        running)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), running);
  gtk_widget_set_visible (self->spinner, running);
  gtk_widget_set_sensitive (self->run, !running && self->suite != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "probes.export",
                                 !running && self->done);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GrantProbePane) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!grant_probe_suite_run_finish (GRANT_PROBE_SUITE (object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->done = TRUE;
  set_running (self, FALSE);
  show_probes (self);
  if (error != NULL)
    gtk_label_set_text (GTK_LABEL (self->summary), error->message);
}

/**
 * grant_probe_pane_run:
 * @self: a #GrantProbePane
 * @revoke: whether to revoke the token at the end, as the last probe
 *
 * Runs the probes, as the Run Probes button does.
 */
void
grant_probe_pane_run (GrantProbePane *self,
                      gboolean        revoke)
{
  g_return_if_fail (GRANT_IS_PROBE_PANE (self));

  if (self->suite == NULL)
    return;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->revoke), revoke);
  grant_probe_suite_set_revocation (self->suite, revoke ? self->provider : NULL,
                                    revoke ? self->client : NULL);

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  self->running = g_cancellable_new ();
  self->done = FALSE;
  show_probes (self);
  set_running (self, TRUE);
  gtk_label_set_text (GTK_LABEL (self->summary), _("Sending the probes…"));
  grant_probe_suite_run_async (self->suite, self->running, run_cb, g_object_ref (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GrantProbePane *self = GRANT_PROBE_PANE (widget);

  grant_probe_pane_run (self, gtk_check_button_get_active (GTK_CHECK_BUTTON (self->revoke)));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrantProbePane *self = GRANT_PROBE_PANE (widget);
  g_autoptr(JsonObject) table = NULL;

  if (self->suite == NULL)
    return;
  table = grant_probe_suite_to_json (self->suite);
  grant_json_export (widget, _("Export Probes as JSON"), "probes.json", table,
                     GTK_LABEL (self->summary));
}

static void
grant_probe_pane_dispose (GObject *object)
{
  GrantProbePane *self = (GrantProbePane *)object;

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->suite);
  g_clear_object (&self->provider);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (grant_probe_pane_parent_class)->dispose (object);
}

static void
grant_probe_pane_class_init (GrantProbePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_probe_pane_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "probes.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "probes.export", NULL, export_action);
}

static void
grant_probe_pane_init (GrantProbePane *self)
{
  GtkWidget *heading = gtk_label_new (_("Security Probes"));
  GtkWidget *description = gtk_label_new (_("Send this request the ways an attacker or a "
                                            "broken client would (no token, malformed "
                                            "headers, a tampered, expired or foreign token…) "
                                            "and see whether the API refuses what it must."));
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export JSON…"));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_widget_add_css_class (description, "dim-label");

  self->revoke = gtk_check_button_new_with_mnemonic (_("Re_voke the token at the end (it "
                                                       "cannot be used after)"));
  gtk_widget_set_hexpand (self->revoke, TRUE);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  self->run = gtk_button_new_with_mnemonic (_("Run _Probes"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run), "probes.run");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "probes.export");
  gtk_box_append (GTK_BOX (line), self->revoke);
  gtk_box_append (GTK_BOX (line), self->spinner);
  gtk_box_append (GTK_BOX (line), export);
  gtk_box_append (GTK_BOX (line), self->run);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Probes"), -1);
  gtk_widget_set_visible (self->list, FALSE);

  gtk_box_append (GTK_BOX (self->box), heading);
  gtk_box_append (GTK_BOX (self->box), description);
  gtk_box_append (GTK_BOX (self->box), line);
  gtk_box_append (GTK_BOX (self->box), self->summary);
  gtk_box_append (GTK_BOX (self->box), self->list);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  set_running (self, FALSE);
}

GtkWidget *
grant_probe_pane_new (void)
{
  return g_object_new (GRANT_TYPE_PROBE_PANE, NULL);
}

/**
 * grant_probe_pane_set_sent:
 * @self: a #GrantProbePane
 * @http_client: the client to send with
 * @flow: (nullable): the flow whose token was sent; %NULL hides the pane
 * @request: (nullable): the request sent, without its Authorization
 *
 * Makes the probes of @request with @flow's token (and its DPoP key), ready to run.
 */
void
grant_probe_pane_set_sent (GrantProbePane   *self,
                           GrantHttpClient  *http_client,
                           GrantFlow        *flow,
                           GrantHttpRequest *request)
{
  GrantTokenResponse *response;

  g_return_if_fail (GRANT_IS_PROBE_PANE (self));

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  g_clear_object (&self->suite);
  self->done = FALSE;

  response = flow != NULL ? grant_flow_get_token_response (flow) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), response != NULL && request != NULL);
  if (response != NULL && request != NULL)
    {
      g_autoptr(GrantHttpRequest) probed = grant_http_request_copy (request);

      /* The request as the page built it, without the Authorization the token added */
      grant_http_request_remove_header (probed, "Authorization");
      grant_http_request_remove_header (probed, "DPoP");
      self->suite = grant_probe_suite_new (http_client, probed,
                                           grant_token_response_get_access_token (response));
      if (g_ascii_strcasecmp (grant_token_response_get_token_type (response), "DPoP") == 0)
        grant_probe_suite_set_dpop_session (self->suite, grant_flow_get_dpop_session (flow));
      g_set_object (&self->provider, grant_flow_get_provider (flow));
      g_set_object (&self->client, grant_flow_get_client (flow));
    }

  set_running (self, FALSE);
  show_probes (self);
}

/**
 * grant_probe_pane_get_suite:
 * @self: a #GrantProbePane
 *
 * Returns: (transfer none) (nullable): the probes, with their verdicts once run
 */
GrantProbeSuite *
grant_probe_pane_get_suite (GrantProbePane *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE_PANE (self), NULL);

  return self->suite;
}

/**
 * grant_probe_pane_is_done:
 * @self: a #GrantProbePane
 *
 * Returns: whether the probes have run and been judged
 */
gboolean
grant_probe_pane_is_done (GrantProbePane *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE_PANE (self), FALSE);

  return self->done;
}
