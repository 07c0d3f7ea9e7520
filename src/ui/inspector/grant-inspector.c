/* grant-inspector.c
 * The right pane: what the flow sent and got, side by side, and whether each part was right.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two things are shown. The facts, a list of GrantCheck: the matches a person checks by eye
 * in other tools (the PKCE challenge recomputed from the verifier, the state returned, the
 * nonce in the ID token, the issuer) and every check the flow made, each passed, failed or
 * not applicable with its reason; the list is a model, which is what the tests read. And the
 * values, each copyable: the verifier and challenges, state and nonce, and each token decoded
 * with its times and a countdown.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-authorization-code-flow.h"
#include "grant-check.h"
#include "grant-device-flow.h"
#include "grant-inspector.h"
#include "grant-jose-json.h"
#include "grant-jws.h"
#include "grant-jwks.h"
#include "grant-jwt-claims.h"

struct _GrantInspector
{
  GtkWidget           parent_instance;

  GrantFlow          *flow;
  GListStore         *facts;
  GHashTable         *values;   /* name → value shown */
  GtkWidget          *page;
  GtkWidget          *summary_group;
  GtkWidget          *facts_list;
  GtkWidget          *values_group;
  GPtrArray          *value_rows;
  GtkWidget          *tokens_group;
  GPtrArray          *token_rows;
  GtkWidget          *countdown_row;
  GtkWidget          *operations_row;
  guint               countdown_source;
  /* Fetching the provider's keys, to check the signatures of the tokens shown. */
  GCancellable       *jwks_fetch;
};

G_DEFINE_FINAL_TYPE (GrantInspector, grant_inspector, GTK_TYPE_WIDGET)

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *value = g_object_get_data (G_OBJECT (button), "grant-value");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), value);
}

/* A row with a title and a text that wraps anywhere: tokens, verifiers and URLs have no
 * spaces, and must not make the pane as wide as they are long. */
static GtkWidget *
text_row_new (const char *title,
              const char *text,
              GtkWidget  *prefix,
              gboolean    copyable)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *text_label = gtk_label_new (text);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text_label), 0);
  gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text_label), TRUE);
  gtk_widget_add_css_class (text_label, "dim-label");
  gtk_widget_add_css_class (text_label, "caption");
  if (copyable)
    gtk_widget_add_css_class (text_label, "monospace");
  gtk_box_append (GTK_BOX (labels), title_label);
  gtk_box_append (GTK_BOX (labels), text_label);
  gtk_widget_set_hexpand (labels, TRUE);

  if (prefix != NULL)
    {
      gtk_widget_set_valign (prefix, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), prefix);
    }
  gtk_box_append (GTK_BOX (box), labels);

  if (copyable)
    {
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *accessible = g_strdup_printf (_("Copy %s"), title);

      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _("Copy"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_object_set_data_full (G_OBJECT (copy), "grant-value", g_strdup (text), g_free);
      g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
      gtk_box_append (GTK_BOX (box), copy);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static GtkWidget *
value_row_new (const char *title,
               const char *value)
{
  return text_row_new (title, value, NULL, TRUE);
}

static GtkWidget *
fact_row_new (gpointer item,
              gpointer user_data)
{
  GrantCheck *check = item;
  GtkWidget *icon;
  const char *icon_name;
  const char *style;

  switch (grant_check_get_status (check))
    {
    case GRANT_CHECK_PASSED:
      icon_name = "emblem-ok-symbolic";
      style = "success";
      break;
    case GRANT_CHECK_FAILED:
      icon_name = "dialog-error-symbolic";
      style = "error";
      break;
    case GRANT_CHECK_NOT_APPLICABLE:
    default:
      icon_name = "content-loading-symbolic";
      style = "dim-label";
      break;
    }

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, style);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  grant_check_get_status (check) == GRANT_CHECK_PASSED
                                  ? _("Passed")
                                  : grant_check_get_status (check) == GRANT_CHECK_FAILED
                                  ? _("Failed") : _("Not applicable"), -1);

  return text_row_new (grant_check_get_label (check), grant_check_get_reason (check), icon, FALSE);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_value (GrantInspector *self,
           const char     *name,
           const char     *value)
{
  GtkWidget *row;

  if (value == NULL)
    return;

  g_hash_table_replace (self->values, g_strdup (name), g_strdup (value));
  row = value_row_new (name, value);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->values_group), row);
  g_ptr_array_add (self->value_rows, row);
}

static void
add_fact (GrantInspector   *self,
          const char       *name,
          GrantCheckStatus  status,
          const char       *reason)
{
  g_autoptr(GrantCheck) check = grant_check_new (name, status, reason);

  g_list_store_append (self->facts, check);
}

/* The claims of a JWT, indented, for the token rows; or NULL for an opaque token. */
static char *
describe_jwt (const char *token)
{
  g_autoptr(GrantJws) jws = grant_jws_parse (token, -1, NULL);
  g_autoptr(GrantJwtClaims) claims = NULL;
  g_autoptr(JsonNode) header = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *header_text = NULL;
  g_autofree char *payload_text = NULL;
  GString *out;
  static const char * const times[] = { "exp", "iat", "nbf", "auth_time" };

  if (jws == NULL)
    return NULL;
  claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), NULL);
  if (claims == NULL)
    return NULL;

  header = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (header, grant_jws_get_header (jws));
  payload = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (payload, grant_jwt_claims_get_object (claims));
  header_text = json_to_string (header, TRUE);
  payload_text = json_to_string (payload, TRUE);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n%s", header_text, payload_text);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 when = 0;
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      if (grant_jwt_claims_has (claims, times[i])
          && grant_jwt_claims_get_time (claims, times[i], &when, NULL))
        {
          g_autofree char *date = grant_jwt_format_time (when, now);
          g_autofree char *relative = grant_jwt_format_relative (when, now);

          g_string_append_printf (out, "\n%s: %s (%s)", times[i], date, relative);
        }
    }

  return g_string_free (out, FALSE);
}

static void update (GrantInspector *self);

static void
jwks_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GrantInspector) self = user_data;
  g_autoptr(GrantJwks) jwks = NULL;
  g_autoptr(GError) error = NULL;

  jwks = grant_provider_get_jwks_finish (GRANT_PROVIDER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->jwks_fetch);
  /* Cached by the provider now, or failed: either way the rows can say so. */
  update (self);
}

/* Whether a JWT's signature is right, checked against the provider's keys (the ID token's
 * and, per RFC 9068 §4, a JWT access token's are the authorization server's); the keys are
 * fetched the first time, and the rows shown again then. Sets @verified. */
static char *
describe_signature (GrantInspector *self,
                    GrantJws       *jws,
                    gboolean       *verified)
{
  GrantProvider *provider = grant_flow_get_provider (self->flow);
  GrantJwks *jwks = provider != NULL ? grant_provider_get_cached_jwks (provider) : NULL;
  g_autoptr(GError) error = NULL;
  GrantJwk *key = NULL;

  *verified = FALSE;
  if (g_strcmp0 (grant_jws_get_alg (jws), "none") == 0)
    return g_strdup (_("Unsecured (alg none): nothing vouches for it, and Grant never trusts "
                       "it."));
  if (jwks == NULL)
    {
      if (provider == NULL || grant_provider_get_endpoint (provider, "jwks_uri", FALSE) == NULL)
        return g_strdup (_("Not checked: the provider has no jwks_uri to get its keys from."));
      if (self->jwks_fetch == NULL)
        {
          self->jwks_fetch = g_cancellable_new ();
          grant_provider_get_jwks_async (provider, grant_flow_get_http_client (self->flow),
                                         grant_jws_get_kid (jws), self->jwks_fetch,
                                         jwks_fetched_cb, g_object_ref (self));
          return g_strdup (_("Checking against the provider’s keys…"));
        }
      return g_strdup (_("Not checked: the provider’s keys (jwks_uri) could not be fetched."));
    }

  if (!grant_jws_verify_with_jwks (jws, jwks, &key, &error))
    return g_strdup_printf (_("Not valid: %s"), error->message);

  *verified = TRUE;
  if (grant_jwk_get_kid (key) != NULL)
    /* Translators: the JWS algorithm, then the key's kid */
    return g_strdup_printf (_("Verified: the %s signature checks with the provider’s key "
                              "“%s”."), grant_jws_get_alg (jws), grant_jwk_get_kid (key));

  return g_strdup_printf (_("Verified: the %s signature checks with the provider’s only "
                            "fitting key, which has no kid."), grant_jws_get_alg (jws));
}

static void
add_token (GrantInspector *self,
           const char     *title,
           const char     *token)
{
  g_autoptr(GrantJws) jws = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *signature_title = NULL;
  gboolean verified = FALSE;
  GtkWidget *row;

  if (token == NULL)
    return;

  g_hash_table_replace (self->values, g_strdup (title), g_strdup (token));
  decoded = describe_jwt (token);
  if (decoded != NULL)
    {
      jws = grant_jws_parse (token, -1, NULL);
      signature = describe_signature (self, jws, &verified);
      /* Translators: the token, as in "ID token signature" */
      signature_title = g_strdup_printf (_("%s signature"), title);
      g_hash_table_replace (self->values, g_strdup (signature_title), g_strdup (signature));
    }

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                 decoded == NULL ? _("Opaque: only the server can read it")
                                 : verified ? _("A JWT, signature verified: expand to read it")
                                 : _("A JWT, signature not verified: expand to read why"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row_new (_("Token"), token));
  if (decoded != NULL)
    {
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                text_row_new (_("Signature"), signature, NULL, FALSE));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row_new (_("Decoded"), decoded));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->tokens_group), row);
  g_ptr_array_add (self->token_rows, row);
}

static gboolean
countdown_cb (gpointer user_data)
{
  GrantInspector *self = user_data;
  GrantTokenResponse *response = self->flow != NULL ? grant_flow_get_token_response (self->flow)
                                                    : NULL;
  gint64 expires_at = response != NULL ? grant_token_response_get_expires_at (response) : -1;
  gint64 left = expires_at - g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  if (expires_at < 0)
    {
      self->countdown_source = 0;
      return G_SOURCE_REMOVE;
    }

  if (left > 0)
    text = g_strdup_printf (_("Expires in %lld min %02lld s"),
                            (long long) (left / 60), (long long) (left % 60));
  else
    text = g_strdup (_("Expired"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->countdown_row), text);

  return G_SOURCE_CONTINUE;
}

static void
show_authorization_code (GrantInspector             *self,
                         GrantAuthorizationCodeFlow *flow)
{
  const char *verifier = grant_authorization_code_flow_get_code_verifier (flow);
  const char *challenge = grant_authorization_code_flow_get_code_challenge (flow);
  const char *state = grant_authorization_code_flow_get_state_parameter (flow);
  const char *nonce = grant_authorization_code_flow_get_nonce (flow);
  GHashTable *response = grant_authorization_code_flow_get_response_parameters (flow);
  const char *returned_state = response != NULL ? g_hash_table_lookup (response, "state") : NULL;
  GListModel *checks = grant_authorization_code_flow_get_checks (flow);
  GrantTokenResponse *tokens = grant_authorization_code_flow_get_tokens_received (flow);
  GrantCheck *nonce_check = grant_checks_find (checks, "ID token nonce");
  guint n;

  /* PKCE, recomputed here from the verifier: the challenge sent must be its S256. */
  if (verifier != NULL)
    {
      GrantPkceMethod method = g_strcmp0 (challenge, verifier) == 0 ? GRANT_PKCE_METHOD_PLAIN
                                                                     : GRANT_PKCE_METHOD_S256;
      g_autofree char *computed = grant_pkce_challenge (verifier, method, NULL);
      gboolean match = g_strcmp0 (computed, challenge) == 0;

      add_value (self, "code_verifier", verifier);
      add_value (self, method == GRANT_PKCE_METHOD_S256 ? "BASE64URL(SHA256(code_verifier))"
                                                        : "code_verifier (plain)", computed);
      add_value (self, "code_challenge", challenge);
      add_fact (self, _("PKCE match"), match ? GRANT_CHECK_PASSED : GRANT_CHECK_FAILED,
                match ? _("The code_challenge sent is computed from the code_verifier.")
                      : _("The code_challenge sent is not the code_verifier's."));
    }
  else
    add_fact (self, _("PKCE match"), GRANT_CHECK_NOT_APPLICABLE, _("PKCE is off."));

  add_value (self, _("state sent"), state);
  add_value (self, _("state returned"), returned_state);
  if (state != NULL && response != NULL)
    add_fact (self, _("state match"),
              g_strcmp0 (state, returned_state) == 0 ? GRANT_CHECK_PASSED : GRANT_CHECK_FAILED,
              g_strcmp0 (state, returned_state) == 0
              ? _("The state returned is the one sent.")
              : _("The state returned is not the one sent: the response may be forged."));

  add_value (self, _("nonce sent"), nonce);
  if (nonce_check != NULL)
    add_fact (self, _("nonce match"), grant_check_get_status (nonce_check),
              grant_check_get_reason (nonce_check));

  add_value (self, _("redirect_uri"), grant_authorization_code_flow_get_redirect_uri (flow));
  add_value (self, _("Authorization request"),
             grant_authorization_code_flow_get_authorization_url (flow));

  n = g_list_model_get_n_items (checks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      g_list_store_append (self->facts, check);
    }

  if (tokens != NULL && grant_flow_get_token_response (GRANT_FLOW (flow)) == NULL)
    {
      add_token (self, _("Access token (not trusted)"),
                 grant_token_response_get_access_token (tokens));
      add_token (self, _("ID token (not trusted)"), grant_token_response_get_id_token (tokens));
    }
}

static void
show_device (GrantInspector  *self,
             GrantDeviceFlow *flow)
{
  g_autofree char *polls = g_strdup_printf ("%u", grant_device_flow_get_polls (flow));

  add_value (self, "user_code", grant_device_flow_get_user_code (flow));
  add_value (self, "verification_uri", grant_device_flow_get_verification_uri (flow));
  add_value (self, "verification_uri_complete",
             grant_device_flow_get_verification_uri_complete (flow));
  if (grant_device_flow_get_user_code (flow) != NULL)
    add_value (self, _("Polls"), polls);
}

static const char *
state_label (GrantFlowState state)
{
  switch (state)
    {
    case GRANT_FLOW_RUNNING:
      return _("Running");
    case GRANT_FLOW_SUCCEEDED:
      return _("Succeeded");
    case GRANT_FLOW_FAILED:
      return _("Failed");
    case GRANT_FLOW_CANCELLED:
      return _("Cancelled");
    case GRANT_FLOW_READY:
    default:
      return _("Ready");
    }
}

static void
update (GrantInspector *self)
{
  GrantTokenResponse *response;
  const GError *error;

  g_list_store_remove_all (self->facts);
  g_hash_table_remove_all (self->values);
  clear_rows (ADW_PREFERENCES_GROUP (self->values_group), self->value_rows);
  clear_rows (ADW_PREFERENCES_GROUP (self->tokens_group), self->token_rows);
  g_clear_handle_id (&self->countdown_source, g_source_remove);

  if (self->flow == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group),
                                             _("Run a flow to see what it sent and got."));
      gtk_widget_set_visible (self->countdown_row, FALSE);
      gtk_widget_set_visible (self->operations_row, FALSE);
      return;
    }

  error = grant_flow_get_error (self->flow);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group),
                                         error != NULL ? error->message
                                         : state_label (grant_flow_get_state (self->flow)));

  if (GRANT_IS_AUTHORIZATION_CODE_FLOW (self->flow))
    show_authorization_code (self, GRANT_AUTHORIZATION_CODE_FLOW (self->flow));
  else if (GRANT_IS_DEVICE_FLOW (self->flow))
    show_device (self, GRANT_DEVICE_FLOW (self->flow));

  response = grant_flow_get_token_response (self->flow);
  gtk_widget_set_visible (self->countdown_row, response != NULL
                          && grant_token_response_get_expires_at (response) >= 0);
  gtk_widget_set_visible (self->operations_row, response != NULL);
  if (response != NULL)
    {
      add_token (self, _("Access token"), grant_token_response_get_access_token (response));
      add_token (self, _("ID token"), grant_token_response_get_id_token (response));
      add_token (self, _("Refresh token"), grant_token_response_get_refresh_token (response));
      add_value (self, "token_type", grant_token_response_get_token_type (response));
      add_value (self, "scope", grant_token_response_get_scope (response));
      if (countdown_cb (self))
        self->countdown_source = g_timeout_add_seconds (1, countdown_cb, self);
    }
}

static void
flow_changed_cb (GrantInspector *self)
{
  update (self);
}

/**
 * grant_inspector_set_flow:
 * @self: a #GrantInspector
 * @flow: (nullable): the flow to show, followed as it runs
 */
void
grant_inspector_set_flow (GrantInspector *self,
                          GrantFlow      *flow)
{
  g_return_if_fail (GRANT_IS_INSPECTOR (self));

  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  /* The keys of another provider may be fetched for the new flow. */
  if (self->jwks_fetch != NULL && flow != self->flow)
    {
      g_cancellable_cancel (self->jwks_fetch);
      g_clear_object (&self->jwks_fetch);
    }
  g_set_object (&self->flow, flow);
  if (flow != NULL)
    {
      g_signal_connect_swapped (flow, "notify::state", G_CALLBACK (flow_changed_cb), self);
      g_signal_connect_swapped (flow, "step", G_CALLBACK (flow_changed_cb), self);
      if (GRANT_IS_DEVICE_FLOW (flow))
        g_signal_connect_swapped (flow, "notify::polls", G_CALLBACK (flow_changed_cb), self);
    }
  update (self);
}

/**
 * grant_inspector_get_flow:
 * @self: a #GrantInspector
 *
 * Returns: (transfer none) (nullable): the flow shown
 */
GrantFlow *
grant_inspector_get_flow (GrantInspector *self)
{
  g_return_val_if_fail (GRANT_IS_INSPECTOR (self), NULL);

  return self->flow;
}

/**
 * grant_inspector_get_facts:
 * @self: a #GrantInspector
 *
 * Returns: (transfer none): the facts shown: the matches (“PKCE match”, “state match”,
 *   “nonce match”) and every check of the flow, a list of #GrantCheck
 */
GListModel *
grant_inspector_get_facts (GrantInspector *self)
{
  g_return_val_if_fail (GRANT_IS_INSPECTOR (self), NULL);

  return G_LIST_MODEL (self->facts);
}

/**
 * grant_inspector_get_value:
 * @self: a #GrantInspector
 * @name: a value's title ("code_verifier", "Access token"…)
 *
 * Returns: (nullable): the value shown under that title
 */
const char *
grant_inspector_get_value (GrantInspector *self,
                           const char     *name)
{
  g_return_val_if_fail (GRANT_IS_INSPECTOR (self), NULL);

  return g_hash_table_lookup (self->values, name);
}

static void
grant_inspector_dispose (GObject *object)
{
  GrantInspector *self = (GrantInspector *)object;

  g_clear_handle_id (&self->countdown_source, g_source_remove);
  if (self->jwks_fetch != NULL)
    g_cancellable_cancel (self->jwks_fetch);
  g_clear_object (&self->jwks_fetch);
  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_clear_object (&self->flow);
  g_clear_pointer (&self->page, gtk_widget_unparent);

  G_OBJECT_CLASS (grant_inspector_parent_class)->dispose (object);
}

static void
grant_inspector_finalize (GObject *object)
{
  GrantInspector *self = (GrantInspector *)object;

  g_clear_object (&self->facts);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_pointer (&self->token_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (grant_inspector_parent_class)->finalize (object);
}

/* What can be done with the tokens: the window's actions. */
static GtkWidget *
operations_row_new (void)
{
  static const struct { const char *label; const char *action; const char *tooltip; } buttons[] = {
    { N_("Refresh"), "win.token-refresh", N_("Get new tokens with the refresh token") },
    { N_("Introspect"), "win.token-introspect", N_("Ask the server about the access token") },
    { N_("UserInfo"), "win.token-userinfo", N_("Call the UserInfo endpoint") },
    { N_("Revoke"), "win.token-revoke", N_("Revoke the refresh token, or the access token") },
  };
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_flow_box_new ();

  /* Two to a line when the pane is narrow, four when it is wide. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(buttons[i].label));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
      gtk_widget_set_tooltip_text (button, _(buttons[i].tooltip));
      if (g_str_equal (buttons[i].action, "win.token-revoke"))
        gtk_widget_add_css_class (button, "destructive-action");
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_visible (row, FALSE);

  return row;
}

static void
grant_inspector_class_init (GrantInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_inspector_dispose;
  object_class->finalize = grant_inspector_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
grant_inspector_init (GrantInspector *self)
{
  self->facts = g_list_store_new (GRANT_TYPE_CHECK);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->value_rows = g_ptr_array_new ();
  self->token_rows = g_ptr_array_new ();

  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  self->summary_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->summary_group), _("Checks"));
  self->facts_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->facts_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->facts_list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (self->facts_list), G_LIST_MODEL (self->facts),
                           fact_row_new, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->facts_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checks"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->summary_group), self->facts_list);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                            ADW_PREFERENCES_GROUP (self->summary_group));

  self->tokens_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->tokens_group), _("Tokens"));
  self->countdown_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->countdown_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->countdown_row),
                                 _("Access token lifetime"));
  gtk_widget_set_visible (self->countdown_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->tokens_group), self->countdown_row);
  self->operations_row = operations_row_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->tokens_group), self->operations_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                            ADW_PREFERENCES_GROUP (self->tokens_group));

  self->values_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->values_group),
                                   _("Sent and Received"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page),
                            ADW_PREFERENCES_GROUP (self->values_group));

  update (self);
}

/**
 * grant_inspector_new:
 *
 * Returns: (transfer floating): an inspector with no flow
 */
GtkWidget *
grant_inspector_new (void)
{
  return g_object_new (GRANT_TYPE_INSPECTOR, NULL);
}
