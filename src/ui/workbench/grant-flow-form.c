/* grant-flow-form.c
 * The left pane: the authorization server, the client and the flow to run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form discovers the provider from its issuer URL and fills in the endpoints, which the
 * user may override; it shows the provider's failed checks as warnings. The kind of
 * application suggests a flow, and a legacy flow says why it is one. What the user typed is
 * kept in the workspace, as a provider and a client; the client's secret and private key go
 * to the secret store (the keyring), and the form says where they are.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "grant-check.h"
#include "grant-flow-form.h"
#include "grant-jose-json.h"
#include "grant-jwk.h"
#include "grant-oauth-error.h"
#include "grant-provider-preset.h"
#include "grant-secret-store.h"
#include "grant-workspace.h"

struct _GrantFlowForm
{
  GtkWidget              parent_instance;

  GrantHttpClient       *http_client;
  GrantProviderMetadata *metadata;
  GCancellable          *discovery;
  char                  *state_file;
  char                  *legacy_state_file;
  GrantWorkspace        *workspace;
  GrantSecretStore      *secrets;
  /* Stores and clears run to their end; look-ups are cancelled when the form shows another
   * client, so that one client's secret never lands in another's form. */
  GCancellable          *secrets_cancellable;
  GCancellable          *lookup_cancellable;
  /* The workspace's ids of this form's client and of its provider. */
  char                  *client_key;
  char                  *provider_key;
  /* The client last removed, for Undo: its element, its provider's if that went too, and its
   * secrets. */
  JsonObject            *removed_client;
  JsonObject            *removed_provider;
  char                  *removed_secret;
  char                  *removed_key;
  guint                  save_source;
  guint                  secrets_save_source;
  gboolean               loading;
  /* Whether set_state_file found a saved form. */
  gboolean               restored;
  /* While held, a discovery asked for waits, and runs when released. */
  guint                  discovery_holds;
  gboolean               discovery_wanted;
  GPtrArray             *warning_rows;

  /* The client's credentials other than a secret, in memory only, as the secret. */
  GrantJwk              *private_key;
  GTlsCertificate       *certificate;

  /* The preset the provider was filled in from, if any, and the issuer it gave; the preset
   * waiting for its tenant, domain or realm. */
  const GrantProviderPreset *preset;
  char                  *preset_issuer;
  const GrantProviderPreset *pending_preset;
  /* The running practice provider's issuer, for its preset. */
  char                  *practice_issuer;
  /* The PKCE method a new form starts with, "S256" or "plain" (the preferences), and whether
   * the form's own was chosen since. */
  char                  *default_pkce_method;
  gboolean               pkce_chosen;

  /* Template children */
  AdwPreferencesPage    *page;
  GtkMenuButton         *clients_button;
  AdwEntryRow           *issuer_row;
  GtkMenuButton         *preset_button;
  AdwEntryRow           *preset_value_row;
  AdwActionRow          *preset_row;
  GtkImage              *preset_icon;
  AdwActionRow          *discovery_row;
  GtkImage              *discovery_icon;
  GtkSpinner            *discovery_spinner;
  AdwExpanderRow        *warnings_row;
  AdwExpanderRow        *endpoints_row;
  AdwEntryRow           *authorization_endpoint_row;
  AdwEntryRow           *token_endpoint_row;
  AdwEntryRow           *device_authorization_endpoint_row;
  AdwEntryRow           *jwks_uri_row;
  AdwEntryRow           *userinfo_endpoint_row;
  AdwEntryRow           *client_id_row;
  AdwComboRow           *auth_method_row;
  AdwPasswordEntryRow   *client_secret_row;
  AdwActionRow          *secret_note_row;
  AdwActionRow          *private_key_row;
  AdwActionRow          *certificate_row;
  AdwEntryRow           *redirect_uri_row;
  AdwEntryRow           *scope_row;
  AdwPreferencesRow     *scopes_supported_row;
  GtkFlowBox            *scopes_box;
  AdwComboRow           *client_type_row;
  AdwActionRow          *advice_row;
  AdwComboRow           *flow_row;
  AdwActionRow          *legacy_row;
  AdwComboRow           *pkce_row;
  AdwEntryRow           *username_row;
  AdwPasswordEntryRow   *password_row;
  AdwEntryRow           *parameters_row;
  AdwEntryRow           *persona_row;
  AdwActionRow          *system_browser_row;
  GtkSwitch             *system_browser_switch;
};

G_DEFINE_FINAL_TYPE (GrantFlowForm, grant_flow_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_METADATA,
  PROP_DEFAULT_PKCE_METHOD,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The endpoints the form shows, by metadata member. */
typedef struct
{
  const char *member;
  gsize       offset;
} Endpoint;

static const Endpoint endpoints[] = {
  { "authorization_endpoint", G_STRUCT_OFFSET (GrantFlowForm, authorization_endpoint_row) },
  { "token_endpoint", G_STRUCT_OFFSET (GrantFlowForm, token_endpoint_row) },
  { "device_authorization_endpoint",
    G_STRUCT_OFFSET (GrantFlowForm, device_authorization_endpoint_row) },
  { "jwks_uri", G_STRUCT_OFFSET (GrantFlowForm, jwks_uri_row) },
  { "userinfo_endpoint", G_STRUCT_OFFSET (GrantFlowForm, userinfo_endpoint_row) },
};

static GtkEditable *
endpoint_row (GrantFlowForm  *self,
              const Endpoint *endpoint)
{
  return GTK_EDITABLE (G_STRUCT_MEMBER (AdwEntryRow *, self, endpoint->offset));
}

/* What the kind of application suggests (RFC 9700 §2, RFC 8252, RFC 8628), as the flow to
 * choose and why. */
static const struct
{
  GrantFlowKind  flow;
  const char    *advice;
} client_types[] = {
  { GRANT_FLOW_KIND_AUTHORIZATION_CODE,
    N_("Authorization code, with the client secret kept on the server and PKCE as well "
       "(RFC 9700 §2.1.1).") },
  { GRANT_FLOW_KIND_AUTHORIZATION_CODE,
    N_("Authorization code with PKCE, as a public client: a browser app cannot keep a "
       "secret, and the implicit flow is no longer safe (RFC 9700 §2.1.2).") },
  { GRANT_FLOW_KIND_AUTHORIZATION_CODE,
    N_("Authorization code with PKCE in the system browser, back through a loopback or "
       "private-use redirect URI (RFC 8252).") },
  { GRANT_FLOW_KIND_CLIENT_CREDENTIALS,
    N_("Client credentials: no user is involved, the client acts on its own behalf "
       "(RFC 6749 §4.4).") },
  { GRANT_FLOW_KIND_DEVICE,
    N_("Device authorization: the device shows a code, and the user approves it on "
       "another screen (RFC 8628).") },
};

/**
 * grant_flow_kind_get_advice:
 * @kind: a flow
 *
 * Returns: (nullable): why @kind is legacy, translated, or %NULL when it is not
 */
const char *
grant_flow_kind_get_advice (GrantFlowKind kind)
{
  switch (kind)
    {
    case GRANT_FLOW_KIND_IMPLICIT:
      return _("The access token comes back in the URL, where history, logs and referrers "
               "leak it, and it cannot be bound to the client. RFC 9700 §2.1.2 says not to use "
               "it: use the authorization code flow with PKCE.");
    case GRANT_FLOW_KIND_PASSWORD:
      return _("The client sees the user's password, and the server cannot ask for a second "
               "factor or consent. RFC 9700 §2.4 says it MUST NOT be used.");
    case GRANT_FLOW_KIND_AUTHORIZATION_CODE:
    case GRANT_FLOW_KIND_CLIENT_CREDENTIALS:
    case GRANT_FLOW_KIND_DEVICE:
    default:
      return NULL;
    }
}

static void schedule_save (GrantFlowForm *self);
static void schedule_secrets_save (GrantFlowForm *self);

static void
update_flow_rows (GrantFlowForm *self)
{
  GrantFlowKind kind = grant_flow_form_get_flow_kind (self);
  const char *legacy = grant_flow_kind_get_advice (kind);
  gboolean browser = kind == GRANT_FLOW_KIND_AUTHORIZATION_CODE
                     || kind == GRANT_FLOW_KIND_IMPLICIT;

  gtk_widget_set_visible (GTK_WIDGET (self->legacy_row), legacy != NULL);
  if (legacy != NULL)
    adw_action_row_set_subtitle (self->legacy_row, legacy);
  gtk_widget_set_visible (GTK_WIDGET (self->pkce_row), kind == GRANT_FLOW_KIND_AUTHORIZATION_CODE);
  gtk_widget_set_visible (GTK_WIDGET (self->redirect_uri_row), browser);
  gtk_widget_set_visible (GTK_WIDGET (self->parameters_row), browser);
  gtk_widget_set_visible (GTK_WIDGET (self->persona_row), browser);
  gtk_widget_set_visible (GTK_WIDGET (self->system_browser_row), browser);
  gtk_widget_set_visible (GTK_WIDGET (self->username_row), kind == GRANT_FLOW_KIND_PASSWORD);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), kind == GRANT_FLOW_KIND_PASSWORD);
}

static void
update_advice (GrantFlowForm *self)
{
  guint type = adw_combo_row_get_selected (self->client_type_row);

  if (type >= G_N_ELEMENTS (client_types))
    return;

  adw_action_row_set_subtitle (self->advice_row, _(client_types[type].advice));
}

static void
client_type_changed_cb (GrantFlowForm *self)
{
  guint type = adw_combo_row_get_selected (self->client_type_row);

  update_advice (self);
  if (!self->loading && type < G_N_ELEMENTS (client_types))
    grant_flow_form_set_flow_kind (self, client_types[type].flow);
  schedule_save (self);
}

static void
flow_changed_cb (GrantFlowForm *self)
{
  update_flow_rows (self);
  schedule_save (self);
}

static void
auth_method_changed_cb (GrantFlowForm *self)
{
  guint method = adw_combo_row_get_selected (self->auth_method_row);
  gboolean secret = method == GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC
                    || method == GRANT_CLIENT_AUTH_CLIENT_SECRET_POST
                    || method == GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT;

  gtk_widget_set_visible (GTK_WIDGET (self->client_secret_row), secret);
  gtk_widget_set_visible (GTK_WIDGET (self->private_key_row),
                          method == GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT);
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_row),
                          grant_client_auth_method_uses_tls (method));
  schedule_save (self);
}

/* The private key (private_key_jwt) and the client certificate (tls_client_auth and
 * self_signed_tls_client_auth): generated or imported, shown by what identifies them. */

static void
show_credential (AdwActionRow *row,
                 const char   *text,
                 gboolean      failed)
{
  adw_action_row_set_subtitle (row, text);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
show_private_key (GrantFlowForm *self)
{
  g_autofree char *thumbprint = NULL;
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.copy-public-key",
                                 self->private_key != NULL);
  if (self->private_key == NULL)
    {
      show_credential (self->private_key_row,
                       _("None yet: generate or import one (PEM or JWK), and register its public "
                         "half"), FALSE);
      return;
    }

  thumbprint = grant_jwk_dup_thumbprint (self->private_key);
  if (grant_jwk_get_curve (self->private_key) != NULL)
    /* Translators: the key type, its curve, and its RFC 7638 thumbprint */
    text = g_strdup_printf (_("%s %s key, thumbprint %s"), grant_jwk_get_kty (self->private_key),
                            grant_jwk_get_curve (self->private_key), thumbprint);
  else
    /* Translators: the key type, its size, and its RFC 7638 thumbprint */
    text = g_strdup_printf (_("%s %u-bit key, thumbprint %s"),
                            grant_jwk_get_kty (self->private_key),
                            grant_jwk_get_bits (self->private_key), thumbprint);
  show_credential (self->private_key_row, text, FALSE);
}

static void
show_certificate (GrantFlowForm *self)
{
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;

  if (self->certificate == NULL)
    {
      show_credential (self->certificate_row,
                       _("None yet: import it and its private key (PEM, one file or two)"), FALSE);
      return;
    }

  subject = g_tls_certificate_get_subject_name (self->certificate);
  text = g_strdup_printf (_("Certificate of %s"), subject != NULL ? subject : _("no subject"));
  show_credential (self->certificate_row, text, FALSE);
}

/**
 * grant_flow_form_set_private_key_data:
 * @self: a #GrantFlowForm
 * @data: a private key, PEM or JWK
 * @error: return location for a #GError
 *
 * Takes the key private_key_jwt signs with, as the Import button does.
 *
 * Returns: whether @data was a private key
 */
gboolean
grant_flow_form_set_private_key_data (GrantFlowForm  *self,
                                      const char     *data,
                                      GError        **error)
{
  g_autoptr(GrantJwk) key = NULL;

  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  key = grant_jwk_new_private_from_data (data, -1, error);
  if (key == NULL)
    return FALSE;

  g_set_object (&self->private_key, key);
  show_private_key (self);
  schedule_secrets_save (self);

  return TRUE;
}

/**
 * grant_flow_form_set_certificate_files:
 * @self: a #GrantFlowForm
 * @files: one PEM file with the certificate and its key, or the two files in either order
 * @error: return location for a #GError
 *
 * Takes the client certificate for mutual TLS, as the Import button does.
 *
 * Returns: whether @files held a certificate and its private key
 */
gboolean
grant_flow_form_set_certificate_files (GrantFlowForm  *self,
                                       GListModel     *files,
                                       GError        **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key_pem = NULL;

  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (files), FALSE);

  if (g_list_model_get_n_items (files) == 0 || g_list_model_get_n_items (files) > 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose one PEM file with the certificate and its key, or the two "
                             "files"));
      return FALSE;
    }

  first = g_list_model_get_item (files, 0);
  first_path = g_file_get_path (first);
  if (g_list_model_get_n_items (files) == 1)
    certificate = g_tls_certificate_new_from_file (first_path, error);
  else
    {
      second = g_list_model_get_item (files, 1);
      second_path = g_file_get_path (second);
      certificate = g_tls_certificate_new_from_files (first_path, second_path, &local_error);
      if (certificate == NULL)
        certificate = g_tls_certificate_new_from_files (second_path, first_path, NULL);
      if (certificate == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  if (certificate == NULL)
    return FALSE;

  g_object_get (certificate, "private-key-pem", &key_pem, NULL);
  if (key_pem == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The certificate came without its private key: choose the key "
                             "file too"));
      return FALSE;
    }

  g_set_object (&self->certificate, certificate);
  show_certificate (self);

  return TRUE;
}

static void
generate_key_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrantFlowForm *self = GRANT_FLOW_FORM (widget);
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *thumbprint = NULL;

  key = grant_jwk_generate ("ES256", &error);
  if (key == NULL)
    {
      show_credential (self->private_key_row, error->message, TRUE);
      return;
    }
  thumbprint = grant_jwk_dup_thumbprint (key);
  grant_jwk_set_kid (key, thumbprint);
  g_set_object (&self->private_key, key);
  show_private_key (self);
  schedule_secrets_save (self);
}

static void
copy_public_key_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GrantFlowForm *self = GRANT_FLOW_FORM (widget);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  if (self->private_key == NULL)
    return;

  object = grant_jwk_to_json (self->private_key, FALSE);
  json_node_set_object (node, object);
  text = json_to_string (node, TRUE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
key_chosen_cb (GtkNativeDialog *dialog,
               int              response,
               GrantFlowForm   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      /* A key file is a few kilobytes; a larger one is not a key. */
      if (!g_file_load_contents (file, NULL, &data, NULL, NULL, &error)
          || !grant_flow_form_set_private_key_data (self, data, &error))
        show_credential (self->private_key_row, error->message, TRUE);
      if (data != NULL)
        memset (data, 0, strlen (data));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
certificate_chosen_cb (GtkNativeDialog *dialog,
                       int              response,
                       GrantFlowForm   *self)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      if (!grant_flow_form_set_certificate_files (self, files, &error))
        show_credential (self->certificate_row, error->message, TRUE);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (GrantFlowForm *self,
             const char    *title,
             gboolean       several,
             GCallback      chosen_cb)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), several);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", chosen_cb, self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
import_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_file (GRANT_FLOW_FORM (widget), _("Import a Private Key"), FALSE,
               G_CALLBACK (key_chosen_cb));
}

static void
import_certificate_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  choose_file (GRANT_FLOW_FORM (widget), _("Import a Client Certificate and Its Key"), TRUE,
               G_CALLBACK (certificate_chosen_cb));
}

/* Saving: a small JSON file with what was typed, never the secrets. */

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_member (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
}

/* What the form holds, as one flat object: the provider's issuer and endpoints, and the
 * client's settings. */
static JsonObject *
form_to_object (GrantFlowForm *self)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonObject) overrides = json_object_new ();

  set_member (object, "issuer", row_text (self->issuer_row));
  set_member (object, "preset", self->preset != NULL ? self->preset->id : NULL);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    set_member (overrides, endpoints[i].member,
                gtk_editable_get_text (endpoint_row (self, &endpoints[i])));
  json_object_set_object_member (object, "endpoints", json_object_ref (overrides));
  set_member (object, "client_id", row_text (self->client_id_row));
  json_object_set_int_member (object, "token_endpoint_auth_method",
                              adw_combo_row_get_selected (self->auth_method_row));
  set_member (object, "redirect_uri", row_text (self->redirect_uri_row));
  set_member (object, "scope", row_text (self->scope_row));
  json_object_set_int_member (object, "client_type",
                              adw_combo_row_get_selected (self->client_type_row));
  json_object_set_int_member (object, "flow", adw_combo_row_get_selected (self->flow_row));
  json_object_set_int_member (object, "pkce", adw_combo_row_get_selected (self->pkce_row));
  set_member (object, "username", row_text (self->username_row));
  set_member (object, "parameters", row_text (self->parameters_row));
  set_member (object, "persona", row_text (self->persona_row));
  json_object_set_boolean_member (object, "system_browser",
                                  gtk_switch_get_active (self->system_browser_switch));

  return object;
}

/* Replaces the element of the array section @name whose "id" is @id, where it is (the Saved
 * Clients menu keeps its order), or appends @element. */
static void
put_element (GrantWorkspace *workspace,
             const char     *name,
             const char     *id,
             JsonObject     *element)
{
  g_autoptr(JsonNode) section = grant_workspace_dup_section (workspace, name);
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();
  gboolean replaced = FALSE;

  for (guint i = 0; section != NULL && JSON_NODE_HOLDS_ARRAY (section)
                    && i < json_array_get_length (json_node_get_array (section)); i++)
    {
      JsonNode *old = json_array_get_element (json_node_get_array (section), i);

      if (!replaced && JSON_NODE_HOLDS_OBJECT (old)
          && g_strcmp0 (grant_jose_json_lookup_string (json_node_get_object (old), "id"),
                        id) == 0)
        {
          json_array_add_object_element (array, json_object_ref (element));
          replaced = TRUE;
        }
      else
        {
          json_array_add_element (array, json_node_copy (old));
        }
    }
  if (!replaced)
    json_array_add_object_element (array, json_object_ref (element));

  g_clear_pointer (&section, json_node_unref);
  section = json_node_init_array (json_node_alloc (), array);
  if (!grant_workspace_set_section (workspace, name, section, &error))
    g_warning ("Could not keep the form in the workspace: %s", error->message);
}

static void
save_to_workspace (GrantFlowForm *self,
                   JsonObject    *object)
{
  g_autoptr(JsonObject) provider = json_object_new ();
  g_autoptr(JsonObject) client = json_object_new ();
  g_autoptr(JsonObject) selection = json_object_new ();
  g_autoptr(JsonNode) selection_node = NULL;
  g_autoptr(GList) members = json_object_get_members (object);

  json_object_set_string_member (provider, "id", self->provider_key);
  json_object_set_string_member (client, "id", self->client_key);
  json_object_set_string_member (client, "provider", self->provider_key);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      gboolean of_provider = g_str_equal (name, "issuer") || g_str_equal (name, "endpoints")
                             || g_str_equal (name, "preset");

      json_object_set_member (of_provider ? provider : client, name, json_node_copy (value));
    }

  put_element (self->workspace, "providers", self->provider_key, provider);
  put_element (self->workspace, "clients", self->client_key, client);

  json_object_set_string_member (selection, "client", self->client_key);
  selection_node = json_node_init_object (json_node_alloc (), selection);
  grant_workspace_set_section (self->workspace, "selection", selection_node, NULL);
}

/* Whether the form names a provider or a client: an issuer, an endpoint or a client_id. */
static gboolean
form_has_content (GrantFlowForm *self)
{
  if (*row_text (self->issuer_row) != '\0' || *row_text (self->client_id_row) != '\0')
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (*gtk_editable_get_text (endpoint_row (self, &endpoints[i])) != '\0')
      return TRUE;

  return FALSE;
}

static gboolean
save_cb (gpointer user_data)
{
  GrantFlowForm *self = user_data;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *directory = NULL;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (self->workspace == NULL && self->state_file == NULL)
    return G_SOURCE_REMOVE;

  object = form_to_object (self);
  if (self->workspace != NULL)
    {
      /* A form with neither an issuer nor a client is no client: saving it would make the next
       * start skip the first run's practice provider (a quit before it started did that). */
      if (json_object_get_size (object) > 0 && form_has_content (self))
        save_to_workspace (self, object);
      return G_SOURCE_REMOVE;
    }

  node = json_node_init_object (json_node_alloc (), object);
  text = json_to_string (node, TRUE);
  directory = g_path_get_dirname (self->state_file);
  if (g_mkdir_with_parents (directory, 0700) != 0
      || !g_file_set_contents_full (self->state_file, text, -1,
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Could not save the form to %s: %s", self->state_file,
               error != NULL ? error->message : g_strerror (errno));

  return G_SOURCE_REMOVE;
}

static void
schedule_save (GrantFlowForm *self)
{
  if (self->loading || (self->state_file == NULL && self->workspace == NULL))
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add_seconds (1, save_cb, self);
}

static void
set_row_text (gpointer    row,
              JsonObject *object,
              const char *member)
{
  const char *value = grant_jose_json_lookup_string (object, member);

  if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), value);
}

static void
set_combo (AdwComboRow *row,
           JsonObject  *object,
           const char  *member)
{
  JsonNode *node = json_object_get_member (object, member);
  guint n = g_list_model_get_n_items (adw_combo_row_get_model (row));

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64
      && json_node_get_int (node) >= 0 && json_node_get_int (node) < n)
    adw_combo_row_set_selected (row, (guint) json_node_get_int (node));
}

static void show_preset (GrantFlowForm             *self,
                         const GrantProviderPreset *preset,
                         const char                *error_message);
static void hide_preset_value (GrantFlowForm *self);
static void forget_preset (GrantFlowForm *self);

/* The PKCE method of a new form: the preferences' (S256 unless they say plain). A saved form,
 * or one whose method was chosen, keeps its own. */

static guint
default_pkce_index (GrantFlowForm *self)
{
  return g_strcmp0 (self->default_pkce_method, "plain") == 0 ? 1 : 0;
}

static void
set_default_pkce_method (GrantFlowForm *self,
                         const char    *method)
{
  if (g_strcmp0 (self->default_pkce_method, method) == 0)
    return;

  g_free (self->default_pkce_method);
  self->default_pkce_method = g_strdup (method);
  if (!self->restored && !self->pkce_chosen)
    {
      gboolean loading = self->loading;

      self->loading = TRUE;
      adw_combo_row_set_selected (self->pkce_row, default_pkce_index (self));
      self->loading = loading;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_PKCE_METHOD]);
}

static void
pkce_changed_cb (GrantFlowForm *self)
{
  if (!self->loading)
    self->pkce_chosen = TRUE;
  schedule_save (self);
}

/* Fills the form from a saved one (form_to_object()'s shape), then discovers its issuer. */
static void
apply_object (GrantFlowForm *self,
              JsonObject    *object)
{
  JsonNode *overrides;

  self->restored = TRUE;
  self->loading = TRUE;
  set_row_text (self->issuer_row, object, "issuer");
  self->preset = grant_provider_preset_find (grant_jose_json_lookup_string (object, "preset"));
  g_free (self->preset_issuer);
  self->preset_issuer = g_strdup (row_text (self->issuer_row));
  self->pending_preset = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->preset_value_row), FALSE);
  show_preset (self, self->preset, NULL);
  overrides = json_object_get_member (object, "endpoints");
  if (overrides != NULL && JSON_NODE_HOLDS_OBJECT (overrides))
    for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
      set_row_text (endpoint_row (self, &endpoints[i]), json_node_get_object (overrides),
                    endpoints[i].member);
  set_row_text (self->client_id_row, object, "client_id");
  set_combo (self->auth_method_row, object, "token_endpoint_auth_method");
  set_row_text (self->redirect_uri_row, object, "redirect_uri");
  set_row_text (self->scope_row, object, "scope");
  set_combo (self->client_type_row, object, "client_type");
  set_combo (self->flow_row, object, "flow");
  set_combo (self->pkce_row, object, "pkce");
  set_row_text (self->username_row, object, "username");
  set_row_text (self->parameters_row, object, "parameters");
  set_row_text (self->persona_row, object, "persona");
  if (json_object_has_member (object, "system_browser")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "system_browser"))
      && json_node_get_value_type (json_object_get_member (object, "system_browser"))
         == G_TYPE_BOOLEAN)
    gtk_switch_set_active (self->system_browser_switch,
                           json_object_get_boolean_member (object, "system_browser"));
  self->loading = FALSE;

  update_advice (self);
  update_flow_rows (self);
  auth_method_changed_cb (self);

  /* The endpoints are not saved but discovered again, so that they are current. */
  if (*row_text (self->issuer_row) != '\0')
    grant_flow_form_discover (self);
}

/* Reads a form kept in a file of its own; returns whether there was one. */
static gboolean
load_file (GrantFlowForm *self,
           const char    *path)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  if (!g_file_get_contents (path, &text, &length, &error))
    return FALSE;

  object = grant_jose_json_parse_object (text, length, N_("The saved form"), &error);
  if (object == NULL)
    {
      /* Left alone: a file Grant cannot read is not overwritten by an empty form. */
      g_warning ("%s: %s", path, error->message);
      return FALSE;
    }

  apply_object (self, object);
  return TRUE;
}

static void
load_state (GrantFlowForm *self)
{
  if (!load_file (self, self->state_file))
    {
      if (g_file_test (self->state_file, G_FILE_TEST_EXISTS))
        g_clear_pointer (&self->state_file, g_free);
    }
}

/**
 * grant_flow_form_set_state_file:
 * @self: a #GrantFlowForm
 * @path: (nullable): the file to keep the form in between runs, or %NULL for none
 *
 * Loads the form from @path, if it exists, and saves it there after each change.
 */
void
grant_flow_form_set_state_file (GrantFlowForm *self,
                                const char    *path)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));

  g_free (self->state_file);
  self->state_file = g_strdup (path);
  if (path != NULL)
    load_state (self);
}

/* The workspace. */

static JsonObject *
find_element (JsonNode   *section,
              const char *id)
{
  JsonArray *array;

  if (section == NULL || !JSON_NODE_HOLDS_ARRAY (section))
    return NULL;

  array = json_node_get_array (section);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_array_get_object_element (array, i);

      if (id == NULL
          || g_strcmp0 (json_object_get_string_member_with_default (element, "id", NULL), id) == 0)
        return element;
    }

  return NULL;
}

/* Where the secrets are, in words, under the client secret. */
static void
update_secret_note (GrantFlowForm *self)
{
  const char *reason;

  /* A store or look-up that ends after the form was disposed has nothing to show. */
  if (self->secret_note_row == NULL)
    return;

  reason = self->secrets != NULL ? grant_secret_store_get_unavailable_reason (self->secrets)
                                 : NULL;

  if (self->secrets == NULL || reason != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_note_row),
                                     _("Secrets are kept in memory only"));
      adw_action_row_set_subtitle (self->secret_note_row,
                                   reason != NULL ? reason
                                                  : _("They are gone when Grant quits."));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_note_row),
                                     _("Secrets are kept in the keyring"));
      adw_action_row_set_subtitle (self->secret_note_row,
                                   _("The client secret and private key go to the Secret "
                                     "Service, never to the workspace file."));
    }
}

static void
secret_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GrantFlowForm) self = user_data;
  GrantSecretStore *secrets = GRANT_SECRET_STORE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = grant_secret_store_lookup_finish (secrets, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->client_secret_row == NULL)
    return;
  update_secret_note (self);
  if (secret == NULL || *row_text (self->client_secret_row) != '\0')
    return;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), secret);
  self->loading = FALSE;
}

static void
key_looked_up_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GrantFlowForm) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = grant_secret_store_lookup_finish (GRANT_SECRET_STORE (object), result,
                                                              &error);
  g_autoptr(GrantJwk) key = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || secret == NULL
      || self->private_key != NULL || self->private_key_row == NULL)
    return;

  key = grant_jwk_new_private_from_data (secret, -1, &error);
  if (key == NULL)
    return;
  g_set_object (&self->private_key, key);
  show_private_key (self);
}

/* The secrets are asked for after the form is shown: the Secret Service may take a moment,
 * and is not needed before a flow runs. */
static gboolean
look_up_secrets_cb (gpointer user_data)
{
  GrantFlowForm *self = user_data;
  const char *workspace_id = grant_workspace_get_id (self->workspace);

  grant_secret_store_lookup_async (self->secrets, workspace_id, self->client_key,
                                   GRANT_SECRET_CLIENT_SECRET, self->lookup_cancellable,
                                   secret_looked_up_cb, g_object_ref (self));
  grant_secret_store_lookup_async (self->secrets, workspace_id, self->client_key,
                                   GRANT_SECRET_PRIVATE_KEY, self->lookup_cancellable,
                                   key_looked_up_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GrantFlowForm) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!grant_secret_store_store_finish (GRANT_SECRET_STORE (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not keep the client's secret: %s", error->message);
  update_secret_note (self);
}

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GrantFlowForm) self = user_data;

  grant_secret_store_clear_finish (GRANT_SECRET_STORE (object), result, NULL);
}

static void
keep_secret (GrantFlowForm   *self,
             GrantSecretKind  kind,
             const char      *secret)
{
  const char *workspace_id = grant_workspace_get_id (self->workspace);

  if (secret != NULL && *secret != '\0')
    grant_secret_store_store_async (self->secrets, workspace_id, self->client_key, kind, secret,
                                    self->secrets_cancellable, secret_stored_cb,
                                    g_object_ref (self));
  else
    grant_secret_store_clear_async (self->secrets, workspace_id, self->client_key, kind,
                                    self->secrets_cancellable, secret_cleared_cb,
                                    g_object_ref (self));
}

static gboolean
save_secrets_cb (gpointer user_data)
{
  GrantFlowForm *self = user_data;
  g_autofree char *key = NULL;

  self->secrets_save_source = 0;
  if (self->workspace == NULL || self->secrets == NULL)
    return G_SOURCE_REMOVE;

  keep_secret (self, GRANT_SECRET_CLIENT_SECRET, row_text (self->client_secret_row));
  if (self->private_key != NULL)
    {
      g_autoptr(JsonObject) jwk = grant_jwk_to_json (self->private_key, TRUE);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), jwk);

      key = json_to_string (node, FALSE);
    }
  keep_secret (self, GRANT_SECRET_PRIVATE_KEY, key);
  if (key != NULL)
    explicit_bzero (key, strlen (key));

  return G_SOURCE_REMOVE;
}

static void
schedule_secrets_save (GrantFlowForm *self)
{
  if (self->loading || self->workspace == NULL || self->secrets == NULL)
    return;

  g_clear_handle_id (&self->secrets_save_source, g_source_remove);
  self->secrets_save_source = g_timeout_add_seconds (1, save_secrets_cb, self);
}

/**
 * grant_flow_form_flush:
 * @self: a #GrantFlowForm
 *
 * Saves what was typed within the save delay, now, as when the window closes.
 */
void
grant_flow_form_flush (GrantFlowForm *self)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));

  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_cb (self);
    }
  if (self->secrets_save_source != 0)
    {
      g_clear_handle_id (&self->secrets_save_source, g_source_remove);
      save_secrets_cb (self);
    }
}

/**
 * grant_flow_form_get_workspace_client:
 * @self: a #GrantFlowForm
 *
 * Returns: (nullable): the id of the form's client in the workspace, which keys its secrets
 */
const char *
grant_flow_form_get_workspace_client (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  return self->workspace != NULL ? self->client_key : NULL;
}

/**
 * grant_flow_form_set_legacy_state_file:
 * @self: a #GrantFlowForm
 * @path: the file the form was kept in before workspaces
 *
 * A workspace without a client takes the form from @path, once.
 */
void
grant_flow_form_set_legacy_state_file (GrantFlowForm *self,
                                       const char    *path)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));

  g_free (self->legacy_state_file);
  self->legacy_state_file = g_strdup (path);
}

static void forget_removed_client (GrantFlowForm *self);
static void set_discovery_status  (GrantFlowForm *self,
                                   const char    *icon,
                                   const char    *title,
                                   const char    *subtitle,
                                   gboolean       busy);
static void clear_warnings        (GrantFlowForm *self);
static void show_scopes           (GrantFlowForm *self);

/* The client's own rows back to empty, its key forgotten: a new client of the same provider
 * starts so. */
static void
clear_client_rows (GrantFlowForm *self)
{
  GtkEditable *rows[] = {
    GTK_EDITABLE (self->client_id_row), GTK_EDITABLE (self->client_secret_row),
    GTK_EDITABLE (self->scope_row), GTK_EDITABLE (self->username_row),
    GTK_EDITABLE (self->password_row), GTK_EDITABLE (self->parameters_row),
  };
  gboolean loading = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (rows[i], "");
  g_clear_object (&self->private_key);
  show_private_key (self);
  self->loading = loading;
}

/* Every row back to empty, and whatever was discovered forgotten: the form before another
 * client of the workspace fills it. */
static void
clear_rows (GrantFlowForm *self)
{
  GtkEditable *rows[] = {
    GTK_EDITABLE (self->issuer_row), GTK_EDITABLE (self->redirect_uri_row),
    GTK_EDITABLE (self->persona_row),
  };

  self->loading = TRUE;
  clear_client_rows (self);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (rows[i], "");
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    gtk_editable_set_text (endpoint_row (self, &endpoints[i]), "");
  forget_preset (self);
  hide_preset_value (self);
  show_preset (self, NULL, NULL);
  self->loading = FALSE;

  if (self->discovery != NULL)
    g_cancellable_cancel (self->discovery);
  g_clear_object (&self->discovery);
  if (self->metadata != NULL)
    {
      g_clear_object (&self->metadata);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
    }
  clear_warnings (self);
  show_scopes (self);
  set_discovery_status (self, "network-server-symbolic", _("Not discovered yet"), NULL, FALSE);
}

/* Fills the form from the workspace's selected client (the first one when none is selected)
 * and its provider, and asks the keyring for its secrets. Returns whether there was one. */
static gboolean
load_selected_client (GrantFlowForm *self)
{
  g_autoptr(JsonNode) clients = NULL;
  g_autoptr(JsonNode) providers = NULL;
  g_autoptr(JsonNode) selection = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *client;
  JsonObject *provider;
  const char *selected = NULL;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();

  selection = grant_workspace_dup_section (self->workspace, "selection");
  if (selection != NULL)
    selected = json_object_get_string_member_with_default (json_node_get_object (selection),
                                                           "client", NULL);
  clients = grant_workspace_dup_section (self->workspace, "clients");
  client = find_element (clients, selected);
  if (client == NULL)
    client = find_element (clients, NULL);

  g_free (self->client_key);
  g_free (self->provider_key);
  self->client_key = g_strdup (client != NULL
                               ? json_object_get_string_member (client, "id") : "c1");
  self->provider_key = g_strdup (client != NULL
                                 ? json_object_get_string_member_with_default (client, "provider",
                                                                               "p1")
                                 : "p1");
  update_secret_note (self);

  if (client == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
      return FALSE;
    }

  object = json_object_new ();
  providers = grant_workspace_dup_section (self->workspace, "providers");
  provider = find_element (providers, self->provider_key);
  for (guint pass = 0; pass < 2; pass++)
    {
      JsonObject *from = pass == 0 ? provider : client;
      g_autoptr(GList) members = from != NULL ? json_object_get_members (from) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "id") && !g_str_equal (l->data, "provider"))
          json_object_set_member (object, l->data,
                                  json_node_copy (json_object_get_member (from, l->data)));
    }

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), "");
  g_clear_object (&self->private_key);
  show_private_key (self);
  self->loading = FALSE;
  apply_object (self, object);
  g_idle_add_full (G_PRIORITY_LOW, look_up_secrets_cb, g_object_ref (self), g_object_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);

  return TRUE;
}

/**
 * grant_flow_form_set_workspace:
 * @self: a #GrantFlowForm
 * @workspace: the workspace to keep the form in
 * @secrets: where the client's secret and private key go
 *
 * Saves the form to the workspace it was in, then fills it from @workspace's selected client
 * and that client's provider. A workspace without one leaves the form as a first run has it
 * (grant_flow_form_get_restored() says so), unless the form of an older Grant is there to
 * take over.
 */
void
grant_flow_form_set_workspace (GrantFlowForm    *self,
                               GrantWorkspace   *workspace,
                               GrantSecretStore *secrets)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));
  g_return_if_fail (GRANT_IS_WORKSPACE (workspace));
  g_return_if_fail (GRANT_IS_SECRET_STORE (secrets));

  /* What was typed in the last second belongs to the workspace it was typed in; its secrets
   * are stored to their end. */
  grant_flow_form_flush (self);

  g_set_object (&self->workspace, workspace);
  g_set_object (&self->secrets, secrets);
  g_clear_pointer (&self->state_file, g_free);
  forget_removed_client (self);

  if (!load_selected_client (self))
    {
      self->restored = FALSE;
      /* An older Grant's form, moved into the workspace. */
      if (self->legacy_state_file != NULL && load_file (self, self->legacy_state_file))
        schedule_save (self);
    }
}

/* Saved clients: the workspace holds several, the form shows one, and the Client group's menu
 * switches between them, adds one and removes one. */

/* "practice-app · 127.0.0.1:47120": the client's id and where its provider is. */
static char *
client_label (JsonObject *client,
              JsonNode   *providers)
{
  const char *client_id = grant_jose_json_lookup_string (client, "client_id");
  JsonObject *provider = find_element (providers,
                                       grant_jose_json_lookup_string (client, "provider"));
  const char *issuer = provider != NULL ? grant_jose_json_lookup_string (provider, "issuer")
                                        : NULL;
  g_autoptr(GUri) uri = issuer != NULL ? g_uri_parse (issuer, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *where = NULL;

  if (client_id == NULL || *client_id == '\0')
    client_id = _("Client without an ID");
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (client_id);

  where = g_uri_get_port (uri) > 0
          ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
          : g_strdup (g_uri_get_host (uri));
  /* Translators: a saved client in the Saved Clients menu: its client_id and its provider's
   * host, “practice-app · 127.0.0.1:47120”. */
  return g_strdup_printf (_("%s · %s"), client_id, where);
}

/* The menu is made each time it opens, so that it lists the clients as they are. */
static void
create_clients_popup (GtkMenuButton *button,
                      gpointer       user_data)
{
  GrantFlowForm *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) saved = g_menu_new ();
  g_autoptr(GMenu) actions = g_menu_new ();
  g_autoptr(JsonNode) clients = NULL;
  g_autoptr(JsonNode) providers = NULL;

  grant_flow_form_flush (self);
  if (self->workspace != NULL)
    {
      clients = grant_workspace_dup_section (self->workspace, "clients");
      providers = grant_workspace_dup_section (self->workspace, "providers");
    }
  for (guint i = 0; clients != NULL && JSON_NODE_HOLDS_ARRAY (clients)
                    && i < json_array_get_length (json_node_get_array (clients)); i++)
    {
      JsonObject *client = json_array_get_object_element (json_node_get_array (clients), i);
      const char *id = grant_jose_json_lookup_string (client, "id");
      g_autofree char *label = client_label (client, providers);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      if (id == NULL)
        continue;
      g_menu_item_set_action_and_target (item, "form.client", "s", id);
      g_menu_append_item (saved, item);
    }
  g_menu_append_section (menu, _("Saved Clients"), G_MENU_MODEL (saved));
  g_menu_append (actions, _("_New Client"), "form.new-client");
  g_menu_append (actions, _("_Remove This Client"), "form.remove-client");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* Makes @client the workspace's selected one, or none. */
static void
set_selection (GrantFlowForm *self,
               const char    *client)
{
  g_autoptr(JsonObject) selection = json_object_new ();

  if (client != NULL)
    json_object_set_string_member (selection, "client", client);
  grant_workspace_set_section (self->workspace, "selection",
                               json_node_init_object (json_node_alloc (), selection), NULL);
}

/**
 * grant_flow_form_select_client:
 * @self: a #GrantFlowForm
 * @client: the workspace's id of a saved client
 *
 * Saves the form to its client, then shows @client's: its provider, its settings and, from
 * the keyring, its secrets. An id the workspace does not have changes nothing.
 */
void
grant_flow_form_select_client (GrantFlowForm *self,
                               const char    *client)
{
  g_autoptr(JsonNode) clients = NULL;

  g_return_if_fail (GRANT_IS_FLOW_FORM (self));
  g_return_if_fail (client != NULL);

  if (self->workspace == NULL || g_strcmp0 (client, self->client_key) == 0)
    return;
  clients = grant_workspace_dup_section (self->workspace, "clients");
  if (find_element (clients, client) == NULL)
    return;

  grant_flow_form_flush (self);
  set_selection (self, client);
  clear_rows (self);
  load_selected_client (self);
}

/* An id for a new element of @section: "PREFIX1", "PREFIX2"… whichever is free. */
static char *
unused_id (GrantFlowForm *self,
           const char    *section,
           const char    *prefix)
{
  g_autoptr(JsonNode) elements = grant_workspace_dup_section (self->workspace, section);

  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, n);

      if (find_element (elements, id) == NULL)
        return g_steal_pointer (&id);
    }
}

/* A new client of the same provider: the issuer and endpoints stay, the client's own rows
 * empty. It is saved, and listed, as soon as it has an issuer or a client_id. */
static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GrantFlowForm *self = GRANT_FLOW_FORM (widget);

  if (self->workspace == NULL)
    return;

  grant_flow_form_flush (self);
  g_cancellable_cancel (self->lookup_cancellable);
  g_free (self->client_key);
  self->client_key = unused_id (self, "clients", "c");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);

  clear_client_rows (self);
  update_flow_rows (self);
  show_scopes (self);

  schedule_save (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->client_id_row));
}

static void
forget_removed_client (GrantFlowForm *self)
{
  g_clear_pointer (&self->removed_client, json_object_unref);
  g_clear_pointer (&self->removed_provider, json_object_unref);
  if (self->removed_secret != NULL)
    explicit_bzero (self->removed_secret, strlen (self->removed_secret));
  g_clear_pointer (&self->removed_secret, g_free);
  if (self->removed_key != NULL)
    explicit_bzero (self->removed_key, strlen (self->removed_key));
  g_clear_pointer (&self->removed_key, g_free);
}

/* Takes the element whose "id" is @id out of the array section @name; returns it. */
static JsonObject *
take_element (GrantWorkspace *workspace,
              const char     *name,
              const char     *id)
{
  g_autoptr(JsonNode) section = grant_workspace_dup_section (workspace, name);
  JsonArray *array;

  if (section == NULL || !JSON_NODE_HOLDS_ARRAY (section))
    return NULL;
  array = json_node_get_array (section);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_array_get_object_element (array, i);

      if (g_strcmp0 (grant_jose_json_lookup_string (element, "id"), id) == 0)
        {
          JsonObject *taken = json_object_ref (element);

          json_array_remove_element (array, i);
          grant_workspace_set_section (workspace, name, section, NULL);
          return taken;
        }
    }

  return NULL;
}

static void
undo_remove_client_cb (GrantFlowForm *self)
{
  const char *workspace_id;
  const char *client;

  if (self->removed_client == NULL || self->workspace == NULL)
    return;

  workspace_id = grant_workspace_get_id (self->workspace);
  client = grant_jose_json_lookup_string (self->removed_client, "id");
  if (self->removed_provider != NULL)
    put_element (self->workspace, "providers",
                 grant_jose_json_lookup_string (self->removed_provider, "id"),
                 self->removed_provider);
  put_element (self->workspace, "clients", client, self->removed_client);
  if (self->removed_secret != NULL)
    grant_secret_store_store_async (self->secrets, workspace_id, client,
                                    GRANT_SECRET_CLIENT_SECRET, self->removed_secret,
                                    self->secrets_cancellable, secret_stored_cb,
                                    g_object_ref (self));
  if (self->removed_key != NULL)
    grant_secret_store_store_async (self->secrets, workspace_id, client,
                                    GRANT_SECRET_PRIVATE_KEY, self->removed_key,
                                    self->secrets_cancellable, secret_stored_cb,
                                    g_object_ref (self));
  /* The secrets are not in the keyring yet: the form takes them from here. */
  {
    g_autofree char *secret = g_strdup (self->removed_secret);
    g_autoptr(GrantJwk) key = self->removed_key != NULL
                              ? grant_jwk_new_private_from_data (self->removed_key, -1, NULL)
                              : NULL;
    g_autofree char *id = g_strdup (client);

    forget_removed_client (self);
    grant_flow_form_select_client (self, id);
    self->loading = TRUE;
    if (secret != NULL)
      gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row), secret);
    g_set_object (&self->private_key, key);
    show_private_key (self);
    self->loading = FALSE;
    if (secret != NULL)
      explicit_bzero (secret, strlen (secret));
  }
}

/* Removes the form's client from the workspace, with its secrets, and shows another one (or
 * an empty form); a toast offers to undo it. */
static void
remove_client_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GrantFlowForm *self = GRANT_FLOW_FORM (widget);
  g_autoptr(JsonNode) clients = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  const char *workspace_id;
  gboolean provider_used = FALSE;
  GtkWidget *overlay;
  AdwToast *toast;

  if (self->workspace == NULL)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->secrets_save_source, g_source_remove);
  forget_removed_client (self);

  self->removed_client = take_element (self->workspace, "clients", self->client_key);
  if (self->removed_client == NULL)
    {
      /* Never saved: an empty client has nothing to remove but the form's rows. */
      self->removed_client = json_object_new ();
      json_object_set_string_member (self->removed_client, "id", self->client_key);
      json_object_set_string_member (self->removed_client, "provider", self->provider_key);
    }
  clients = grant_workspace_dup_section (self->workspace, "clients");
  for (guint i = 0; clients != NULL && JSON_NODE_HOLDS_ARRAY (clients)
                    && i < json_array_get_length (json_node_get_array (clients)); i++)
    if (g_strcmp0 (grant_jose_json_lookup_string (json_array_get_object_element (
                     json_node_get_array (clients), i), "provider"), self->provider_key) == 0)
      provider_used = TRUE;
  if (!provider_used)
    self->removed_provider = take_element (self->workspace, "providers", self->provider_key);

  if (*row_text (self->client_secret_row) != '\0')
    self->removed_secret = g_strdup (row_text (self->client_secret_row));
  if (self->private_key != NULL)
    {
      g_autoptr(JsonObject) jwk = grant_jwk_to_json (self->private_key, TRUE);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), jwk);

      self->removed_key = json_to_string (node, FALSE);
    }
  workspace_id = grant_workspace_get_id (self->workspace);
  for (GrantSecretKind kind = GRANT_SECRET_CLIENT_SECRET; kind <= GRANT_SECRET_REFRESH_TOKEN;
       kind++)
    grant_secret_store_clear_async (self->secrets, workspace_id, self->client_key, kind,
                                    self->secrets_cancellable, secret_cleared_cb,
                                    g_object_ref (self));

  label = client_label (self->removed_client, NULL);
  {
    JsonObject *first = find_element (clients, NULL);

    set_selection (self, first != NULL ? grant_jose_json_lookup_string (first, "id") : NULL);
  }
  clear_rows (self);
  if (!load_selected_client (self))
    {
      /* The last one: an empty form, for a new client of a new provider. */
      g_free (self->client_key);
      g_free (self->provider_key);
      self->client_key = unused_id (self, "clients", "c");
      self->provider_key = unused_id (self, "providers", "p");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
      update_flow_rows (self);
      show_scopes (self);
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  /* Translators: %s is a saved client, “practice-app”. */
  title = g_strdup_printf (_("%s was removed"), label);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_client_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Discovery. */

static void
set_discovery_status (GrantFlowForm *self,
                      const char    *icon,
                      const char    *title,
                      const char    *subtitle,
                      gboolean       busy)
{
  gtk_image_set_from_icon_name (self->discovery_icon, icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->discovery_row), title);
  adw_action_row_set_subtitle (self->discovery_row, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->discovery_spinner), busy);
  gtk_spinner_set_spinning (self->discovery_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.discover", !busy);
}

static void
clear_warnings (GrantFlowForm *self)
{
  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_expander_row_remove (self->warnings_row, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_row), FALSE);
}

static void
show_warnings (GrantFlowForm *self)
{
  GListModel *checks = grant_provider_metadata_get_checks (self->metadata);
  guint n = g_list_model_get_n_items (checks);
  guint failed = 0;

  clear_warnings (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);
      GtkWidget *row;

      if (grant_check_get_status (check) != GRANT_CHECK_FAILED)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), grant_check_get_label (check));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), grant_check_get_reason (check));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_expander_row_add_row (self->warnings_row, row);
      g_ptr_array_add (self->warning_rows, row);
      failed++;
    }

  if (failed > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u Warning", "%u Warnings", failed),
                                                failed);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->warnings_row), title);
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_row), TRUE);
    }
}

static void
scope_toggled_cb (GtkToggleButton *button,
                  GrantFlowForm   *self)
{
  const char *scope = gtk_button_get_label (GTK_BUTTON (button));
  g_auto(GStrv) scopes = g_strsplit (row_text (self->scope_row), " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; scopes[i] != NULL; i++)
    if (*scopes[i] != '\0' && !g_str_equal (scopes[i], scope))
      g_strv_builder_add (builder, scopes[i]);
  if (gtk_toggle_button_get_active (button))
    g_strv_builder_add (builder, scope);

  result = g_strv_builder_end (builder);
  joined = g_strjoinv (" ", result);
  gtk_editable_set_text (GTK_EDITABLE (self->scope_row), joined);
}

static void
show_scopes (GrantFlowForm *self)
{
  g_auto(GStrv) supported = self->metadata != NULL
                            ? grant_provider_metadata_dup_strv (self->metadata, "scopes_supported")
                            : NULL;
  g_auto(GStrv) chosen = g_strsplit (row_text (self->scope_row), " ", -1);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scopes_box))) != NULL)
    gtk_flow_box_remove (self->scopes_box, child);

  for (guint i = 0; supported != NULL && supported[i] != NULL; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (supported[i]);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                    g_strv_contains ((const char * const *) chosen, supported[i]));
      g_signal_connect (toggle, "toggled", G_CALLBACK (scope_toggled_cb), self);
      gtk_flow_box_append (self->scopes_box, toggle);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->scopes_supported_row),
                          supported != NULL && supported[0] != NULL);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GrantFlowForm) self = user_data;
  g_autoptr(GError) error = NULL;
  GrantProviderMetadata *metadata;

  metadata = grant_provider_metadata_discover_finish (result, &error);
  g_clear_object (&self->discovery);
  if (metadata == NULL)
    {
      /* The title says it already; the core's message starts with it for the command line,
       * translated by the same catalog. */
      g_autofree char *prefix = g_strdup_printf (_("Discovery failed: %s"), "");

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_discovery_status (self, "dialog-error-symbolic", _("Discovery failed"),
                              g_str_has_prefix (error->message, prefix)
                              ? error->message + strlen (prefix) : error->message,
                              FALSE);
      return;
    }

  g_set_object (&self->metadata, metadata);
  g_object_unref (metadata);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      const char *url = grant_provider_metadata_lookup_string (metadata, endpoints[i].member);

      gtk_editable_set_text (endpoint_row (self, &endpoints[i]), url != NULL ? url : "");
    }

  set_discovery_status (self, "emblem-ok-symbolic", _("Discovered"),
                        grant_provider_metadata_get_discovery_url (metadata), FALSE);
  show_warnings (self);
  show_scopes (self);
}

/**
 * grant_flow_form_discover:
 * @self: a #GrantFlowForm
 *
 * Fetches the issuer's metadata and fills in the endpoints; the discovery goes into the
 * exchange log of the form's HTTP client.
 */
void
grant_flow_form_discover (GrantFlowForm *self)
{
  const char *issuer;

  g_return_if_fail (GRANT_IS_FLOW_FORM (self));

  issuer = row_text (self->issuer_row);
  if (*issuer == '\0')
    {
      set_discovery_status (self, "dialog-warning-symbolic", _("No issuer URL"),
                            _("Type the authorization server's issuer URL first."), FALSE);
      return;
    }

  if (self->discovery != NULL)
    g_cancellable_cancel (self->discovery);
  g_clear_object (&self->discovery);

  /* Held: it runs when released, against the issuer typed by then. */
  if (self->discovery_holds > 0)
    {
      self->discovery_wanted = TRUE;
      set_discovery_status (self, "network-server-symbolic", _("Discovering…"), issuer, TRUE);
      return;
    }

  self->discovery = g_cancellable_new ();
  if (self->metadata != NULL)
    {
      g_clear_object (&self->metadata);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    gtk_editable_set_text (endpoint_row (self, &endpoints[i]), "");
  clear_warnings (self);

  set_discovery_status (self, "network-server-symbolic", _("Discovering…"), issuer, TRUE);
  grant_provider_metadata_discover_async (self->http_client, issuer, self->discovery,
                                          discover_cb, g_object_ref (self));
}

/**
 * grant_flow_form_hold_discovery:
 * @self: a #GrantFlowForm
 *
 * Makes the discoveries asked for from now on wait until
 * grant_flow_form_release_discovery(): the window holds them while the practice provider
 * starts, so that a saved practice issuer is not asked before it listens.
 */
void
grant_flow_form_hold_discovery (GrantFlowForm *self)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));

  self->discovery_holds++;
}

/**
 * grant_flow_form_release_discovery:
 * @self: a #GrantFlowForm
 *
 * Undoes grant_flow_form_hold_discovery(); the last release runs the discovery that waited,
 * if one did.
 */
void
grant_flow_form_release_discovery (GrantFlowForm *self)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));
  g_return_if_fail (self->discovery_holds > 0);

  if (--self->discovery_holds > 0 || !self->discovery_wanted)
    return;

  self->discovery_wanted = FALSE;
  grant_flow_form_discover (self);
}

/**
 * grant_flow_form_get_restored:
 * @self: a #GrantFlowForm
 *
 * Returns: whether the form was filled from a saved one (grant_flow_form_set_state_file());
 *   %FALSE on the first run
 */
gboolean
grant_flow_form_get_restored (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), FALSE);

  return self->restored;
}

/**
 * grant_flow_form_get_issuer:
 * @self: a #GrantFlowForm
 *
 * Returns: the issuer URL as typed, possibly empty
 */
const char *
grant_flow_form_get_issuer (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  return row_text (self->issuer_row);
}

/**
 * grant_flow_form_set_issuer:
 * @self: a #GrantFlowForm
 * @issuer: an issuer URL
 *
 * Types @issuer and discovers it, as pressing Enter in the issuer row does.
 */
void
grant_flow_form_set_issuer (GrantFlowForm *self,
                            const char    *issuer)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));
  g_return_if_fail (issuer != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->issuer_row), issuer);
  if (self->preset != NULL)
    {
      g_free (self->preset_issuer);
      self->preset_issuer = g_strdup (issuer);
    }
  grant_flow_form_discover (self);
}

/**
 * grant_flow_form_get_client_id:
 * @self: a #GrantFlowForm
 *
 * Returns: the client ID as typed, possibly empty
 */
const char *
grant_flow_form_get_client_id (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  return row_text (self->client_id_row);
}

/**
 * grant_flow_form_set_client_secret:
 * @self: a #GrantFlowForm
 * @client_secret: (nullable): the client secret, kept in memory only
 */
void
grant_flow_form_set_client_secret (GrantFlowForm *self,
                                   const char    *client_secret)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));

  gtk_editable_set_text (GTK_EDITABLE (self->client_secret_row),
                         client_secret != NULL ? client_secret : "");
}

/**
 * grant_flow_form_use_client:
 * @self: a #GrantFlowForm
 * @issuer: the authorization server's issuer URL
 * @client: the client registered there, and how to use it
 *
 * Fills in the issuer and the client, chooses the client's flow (with the preferred PKCE
 * method for the authorization code flow), and discovers the issuer unless it already is.
 */
void
grant_flow_form_use_client (GrantFlowForm             *self,
                            const char                *issuer,
                            const GrantFlowFormClient *client)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));
  g_return_if_fail (issuer != NULL);
  g_return_if_fail (client != NULL && client->client_id != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->issuer_row), issuer);
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client->client_id);
  /* The kind of application first: it suggests a flow, which the client's then replaces. */
  adw_combo_row_set_selected (self->client_type_row, client->client_type);
  adw_combo_row_set_selected (self->auth_method_row, client->token_endpoint_auth_method);
  grant_flow_form_set_client_secret (self, client->client_secret);
  adw_combo_row_set_selected (self->flow_row, client->flow);
  adw_combo_row_set_selected (self->pkce_row, default_pkce_index (self));
  /* The practice provider's clients come with its notes. */
  if (g_strcmp0 (issuer, self->practice_issuer) == 0)
    {
      self->preset = grant_provider_preset_find ("practice");
      g_free (self->preset_issuer);
      self->preset_issuer = g_strdup (issuer);
    }
  else
    forget_preset (self);
  hide_preset_value (self);
  show_preset (self, self->preset, NULL);
  if (client->redirect_uri != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->redirect_uri_row), client->redirect_uri);
  gtk_editable_set_text (GTK_EDITABLE (self->scope_row),
                         client->scope != NULL ? client->scope : "");

  if (self->metadata == NULL
      || g_strcmp0 (grant_provider_metadata_get_issuer (self->metadata), issuer) != 0)
    grant_flow_form_discover (self);
  else
    show_scopes (self);
}

/* Presets: well-known providers filled in, with what is peculiar about each shown under the
 * issuer. A preset whose issuer holds a tenant, domain or realm asks for it first. */

/* Shows @preset's notes under the issuer, or @error_message when it could not be used. */
static void
show_preset (GrantFlowForm             *self,
             const GrantProviderPreset *preset,
             const char                *error_message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->preset_row), preset != NULL);
  if (preset == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preset_row),
                                 g_str_equal (preset->id, "practice") ? _("Practice Provider")
                                                                      : preset->name);
  adw_action_row_set_subtitle (self->preset_row,
                               error_message != NULL ? error_message : _(preset->notes));
  gtk_image_set_from_icon_name (self->preset_icon, error_message != NULL
                                                   ? "dialog-error-symbolic"
                                                   : "dialog-information-symbolic");
  if (error_message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->preset_icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->preset_icon), "error");
}

static void
hide_preset_value (GrantFlowForm *self)
{
  self->pending_preset = NULL;
  gtk_widget_remove_css_class (GTK_WIDGET (self->preset_value_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->preset_value_row), FALSE);
}

static void
forget_preset (GrantFlowForm *self)
{
  self->preset = NULL;
  g_clear_pointer (&self->preset_issuer, g_free);
  show_preset (self, NULL, NULL);
}

/* A provider without discovery (GitHub): no issuer, the preset's endpoints typed in. */
static void
use_preset_endpoints (GrantFlowForm             *self,
                      const GrantProviderPreset *preset)
{
  g_autofree char *subtitle = NULL;

  if (self->discovery != NULL)
    g_cancellable_cancel (self->discovery);
  g_clear_object (&self->discovery);
  self->discovery_wanted = FALSE;
  if (self->metadata != NULL)
    {
      g_clear_object (&self->metadata);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
    }
  clear_warnings (self);
  gtk_widget_set_visible (GTK_WIDGET (self->scopes_supported_row), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->issuer_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->authorization_endpoint_row),
                         preset->authorization_endpoint != NULL
                         ? preset->authorization_endpoint : "");
  gtk_editable_set_text (GTK_EDITABLE (self->token_endpoint_row),
                         preset->token_endpoint != NULL ? preset->token_endpoint : "");
  gtk_editable_set_text (GTK_EDITABLE (self->device_authorization_endpoint_row),
                         preset->device_authorization_endpoint != NULL
                         ? preset->device_authorization_endpoint : "");
  gtk_editable_set_text (GTK_EDITABLE (self->jwks_uri_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->userinfo_endpoint_row), "");
  adw_expander_row_set_expanded (self->endpoints_row, TRUE);

  /* Translators: %s is a provider's name, such as GitHub */
  subtitle = g_strdup_printf (_("%s publishes no discovery document: its endpoints are set "
                                "below."), preset->name);
  set_discovery_status (self, "network-server-symbolic", _("No discovery"), subtitle, FALSE);
}

/**
 * grant_flow_form_use_preset:
 * @self: a #GrantFlowForm
 * @id: a preset's id (grant_provider_preset_get_all())
 * @value: (nullable): the tenant, domain or realm, for a preset whose issuer needs one
 * @error: return location for a #GError
 *
 * Fills in the provider from a preset, as choosing it from the presets menu does: the issuer,
 * discovered (or, for a provider without discovery, its endpoints), the preset's scopes, and
 * its notes under the issuer. The practice provider's preset takes its running issuer.
 *
 * Returns: whether the preset was used; if not, the form is unchanged and @error says why
 */
gboolean
grant_flow_form_use_preset (GrantFlowForm  *self,
                            const char     *id,
                            const char     *value,
                            GError        **error)
{
  const GrantProviderPreset *preset;
  g_autofree char *issuer = NULL;

  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  preset = grant_provider_preset_find (id);
  if (preset == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no preset “%s”"), id);
      return FALSE;
    }

  if (g_str_equal (preset->id, "practice"))
    {
      if (self->practice_issuer == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("The practice provider is not running: its page says why"));
          return FALSE;
        }
      issuer = g_strdup (self->practice_issuer);
    }
  else if (preset->issuer != NULL)
    {
      issuer = grant_provider_preset_dup_issuer (preset, value, error);
      if (issuer == NULL)
        return FALSE;
    }

  hide_preset_value (self);
  self->preset = preset;
  g_free (self->preset_issuer);
  self->preset_issuer = g_strdup (issuer);
  show_preset (self, preset, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->scope_row), preset->scope);

  if (issuer != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->issuer_row), issuer);
      grant_flow_form_discover (self);
    }
  else
    use_preset_endpoints (self, preset);
  schedule_save (self);

  return TRUE;
}

/* The presets menu: a preset that needs a value asks for it in a row that appears; the
 * others are used at once. */
static void
use_preset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GrantFlowForm *self = GRANT_FLOW_FORM (widget);
  const GrantProviderPreset *preset = grant_provider_preset_find (g_variant_get_string (parameter,
                                                                                       NULL));
  g_autoptr(GError) error = NULL;

  if (preset == NULL)
    return;

  if (preset->placeholder != NULL)
    {
      /* Translators: what a preset needs, and an example, such as "Tenant domain, such as
       * example.eu.auth0.com" */
      g_autofree char *title = g_strdup_printf (_("%s, such as %s"), _(preset->placeholder),
                                                preset->example);

      self->pending_preset = preset;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preset_value_row), title);
      gtk_editable_set_text (GTK_EDITABLE (self->preset_value_row), "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->preset_value_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->preset_value_row), TRUE);
      show_preset (self, preset, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->preset_value_row));
      return;
    }

  hide_preset_value (self);
  if (!grant_flow_form_use_preset (self, preset->id, NULL, &error))
    show_preset (self, preset, error->message);
}

static void
preset_value_apply_cb (GrantFlowForm *self)
{
  g_autofree char *value = g_strstrip (g_strdup (row_text (self->preset_value_row)));
  g_autoptr(GError) error = NULL;
  const GrantProviderPreset *preset = self->pending_preset;

  if (preset == NULL)
    return;

  if (!grant_flow_form_use_preset (self, preset->id, value, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->preset_value_row), "error");
      show_preset (self, preset, error->message);
    }
}

static void
cancel_preset_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GrantFlowForm *self = GRANT_FLOW_FORM (widget);

  hide_preset_value (self);
  show_preset (self, self->preset, NULL);
}

static GMenuModel *
preset_menu_new (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) practice = g_menu_new ();
  g_autoptr(GMenu) others = g_menu_new ();
  const GrantProviderPreset *presets;
  guint n;

  presets = grant_provider_preset_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      gboolean is_practice = g_str_equal (presets[i].id, "practice");
      g_autoptr(GMenuItem) item = g_menu_item_new (is_practice ? _("Practice Provider")
                                                               : presets[i].name, NULL);

      g_menu_item_set_action_and_target (item, "form.use-preset", "s", presets[i].id);
      g_menu_append_item (is_practice ? practice : others, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (practice));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (others));

  return G_MENU_MODEL (menu);
}

/**
 * grant_flow_form_set_practice_issuer:
 * @self: a #GrantFlowForm
 * @issuer: (nullable): the running practice provider's issuer, or %NULL while it does not run
 */
void
grant_flow_form_set_practice_issuer (GrantFlowForm *self,
                                     const char    *issuer)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));

  g_free (self->practice_issuer);
  self->practice_issuer = g_strdup (issuer);
}

static void
issuer_apply_cb (GrantFlowForm *self)
{
  /* An issuer typed over the preset's is another provider. */
  if (self->preset != NULL
      && g_strcmp0 (row_text (self->issuer_row),
                    self->preset_issuer != NULL ? self->preset_issuer : "") != 0)
    forget_preset (self);
  grant_flow_form_discover (self);
  schedule_save (self);
}

static void
discover_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  grant_flow_form_discover (GRANT_FLOW_FORM (widget));
}

/* What the form builds. */

/**
 * grant_flow_form_dup_provider:
 * @self: a #GrantFlowForm
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the provider as discovered, with the endpoints the user typed
 *   over it; or a provider of typed endpoints only; %NULL with @error set when there is
 *   not even an issuer
 */
GrantProvider *
grant_flow_form_dup_provider (GrantFlowForm  *self,
                              GError        **error)
{
  g_autoptr(GrantProvider) provider = NULL;
  const char *issuer;

  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  issuer = row_text (self->issuer_row);
  if (self->metadata != NULL)
    provider = grant_provider_new_from_metadata (self->metadata);
  else if (*issuer != '\0'
           || *row_text (self->authorization_endpoint_row) != '\0'
           || *row_text (self->token_endpoint_row) != '\0')
    /* A provider without discovery (GitHub) may have endpoints and no issuer. */
    provider = grant_provider_new (issuer);
  else
    {
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                           _("Enter the authorization server's issuer URL, and discover it or "
                             "type its endpoints"));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      const char *typed = gtk_editable_get_text (endpoint_row (self, &endpoints[i]));
      const char *discovered = self->metadata != NULL
                               ? grant_provider_metadata_lookup_string (self->metadata,
                                                                        endpoints[i].member)
                               : NULL;

      if (*typed != '\0' && g_strcmp0 (typed, discovered) != 0)
        grant_provider_set_endpoint (provider, endpoints[i].member, typed);
    }

  return g_steal_pointer (&provider);
}

/**
 * grant_flow_form_dup_client:
 * @self: a #GrantFlowForm
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the client as the form describes it, or %NULL with @error set
 *   when it has no client ID
 */
GrantClient *
grant_flow_form_dup_client (GrantFlowForm  *self,
                            GError        **error)
{
  const char *client_id;
  const char *secret;
  GrantClient *client;

  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  client_id = row_text (self->client_id_row);
  if (*client_id == '\0')
    {
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                           _("Enter the client ID the authorization server gave the client"));
      return NULL;
    }

  client = grant_client_new (client_id);
  grant_client_set_token_endpoint_auth_method (client,
                                               adw_combo_row_get_selected (self->auth_method_row));
  secret = row_text (self->client_secret_row);
  if (*secret != '\0')
    grant_client_set_client_secret (client, secret);
  if (self->private_key != NULL)
    grant_client_set_private_key (client, self->private_key);
  if (self->certificate != NULL)
    grant_client_set_tls_certificate (client, self->certificate);
  grant_client_set_redirect_uri (client, row_text (self->redirect_uri_row));
  grant_client_set_scope (client, row_text (self->scope_row));

  return client;
}

/**
 * grant_flow_form_get_metadata:
 * @self: a #GrantFlowForm
 *
 * Returns: (transfer none) (nullable): the discovered metadata, if the issuer was discovered
 */
GrantProviderMetadata *
grant_flow_form_get_metadata (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  return self->metadata;
}

GrantFlowKind
grant_flow_form_get_flow_kind (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), GRANT_FLOW_KIND_AUTHORIZATION_CODE);

  return (GrantFlowKind) adw_combo_row_get_selected (self->flow_row);
}

void
grant_flow_form_set_flow_kind (GrantFlowForm *self,
                               GrantFlowKind  kind)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));

  adw_combo_row_set_selected (self->flow_row, kind);
}

/**
 * grant_flow_form_get_client_type:
 * @self: a #GrantFlowForm
 *
 * Returns: the kind of application chosen
 */
GrantClientType
grant_flow_form_get_client_type (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), GRANT_CLIENT_TYPE_WEB_SERVER);

  return (GrantClientType) adw_combo_row_get_selected (self->client_type_row);
}

/**
 * grant_flow_form_use_advice:
 * @self: a #GrantFlowForm
 * @advice: what the flow advisor recommends
 *
 * Chooses the kind of application and the flow that @advice recommends. The client, its
 * authentication and the endpoints stay as they are: the client registered at the server
 * decides those.
 */
void
grant_flow_form_use_advice (GrantFlowForm   *self,
                            GrantFlowAdvice  advice)
{
  GrantClientType client_type;
  GrantFlowKind kind;

  g_return_if_fail (GRANT_IS_FLOW_FORM (self));
  g_return_if_fail (advice < GRANT_FLOW_N_ADVICE);

  switch (grant_flow_advice_get_client_profile (advice))
    {
    case GRANT_CLIENT_PROFILE_BROWSER_BASED:
      client_type = GRANT_CLIENT_TYPE_SINGLE_PAGE;
      break;
    case GRANT_CLIENT_PROFILE_NATIVE:
      client_type = GRANT_CLIENT_TYPE_NATIVE;
      break;
    case GRANT_CLIENT_PROFILE_MACHINE:
      client_type = GRANT_CLIENT_TYPE_MACHINE;
      break;
    case GRANT_CLIENT_PROFILE_DEVICE:
      client_type = GRANT_CLIENT_TYPE_DEVICE;
      break;
    case GRANT_CLIENT_PROFILE_WEB_APPLICATION:
    default:
      client_type = GRANT_CLIENT_TYPE_WEB_SERVER;
      break;
    }

  switch (grant_flow_advice_get_grant (advice))
    {
    case GRANT_ADVISED_GRANT_CLIENT_CREDENTIALS:
      kind = GRANT_FLOW_KIND_CLIENT_CREDENTIALS;
      break;
    case GRANT_ADVISED_GRANT_DEVICE_CODE:
      kind = GRANT_FLOW_KIND_DEVICE;
      break;
    case GRANT_ADVISED_GRANT_AUTHORIZATION_CODE:
    default:
      kind = GRANT_FLOW_KIND_AUTHORIZATION_CODE;
      break;
    }

  /* The kind of application first: it suggests a flow, which the advice's then confirms. */
  adw_combo_row_set_selected (self->client_type_row, client_type);
  grant_flow_form_set_flow_kind (self, kind);
  if (kind == GRANT_FLOW_KIND_AUTHORIZATION_CODE)
    adw_combo_row_set_selected (self->pkce_row, default_pkce_index (self));
}

const char *
grant_flow_form_get_scope (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  return row_text (self->scope_row);
}

/**
 * grant_flow_form_get_pkce:
 * @self: a #GrantFlowForm
 * @method: (out): return location for the method
 *
 * Returns: whether PKCE is on
 */
gboolean
grant_flow_form_get_pkce (GrantFlowForm   *self,
                          GrantPkceMethod *method)
{
  guint selected;

  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), FALSE);

  selected = adw_combo_row_get_selected (self->pkce_row);
  *method = selected == 1 ? GRANT_PKCE_METHOD_PLAIN : GRANT_PKCE_METHOD_S256;

  return selected != 2;
}

/**
 * grant_flow_form_dup_parameters:
 * @self: a #GrantFlowForm
 *
 * Returns: (transfer full): the extra authorization request parameters, as "name=value"
 *   strings
 */
GStrv
grant_flow_form_dup_parameters (GrantFlowForm *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  words = g_strsplit (row_text (self->parameters_row), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strchr (words[i], '=') != NULL && words[i][0] != '=')
      g_strv_builder_add (builder, words[i]);

  return g_strv_builder_end (builder);
}

/**
 * grant_flow_form_get_persona:
 * @self: a #GrantFlowForm
 *
 * Returns: (nullable): the browser persona to run in, or %NULL for a fresh session
 */
const char *
grant_flow_form_get_persona (GrantFlowForm *self)
{
  const char *persona;

  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  persona = row_text (self->persona_row);

  return *persona != '\0' ? persona : NULL;
}

/**
 * grant_flow_form_get_system_browser:
 * @self: a #GrantFlowForm
 *
 * Returns: whether to use the system browser and a loopback listener instead of the
 *   embedded browser
 */
gboolean
grant_flow_form_get_system_browser (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), FALSE);

  return gtk_switch_get_active (self->system_browser_switch);
}

const char *
grant_flow_form_get_username (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  return row_text (self->username_row);
}

const char *
grant_flow_form_get_password (GrantFlowForm *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW_FORM (self), NULL);

  return row_text (self->password_row);
}

/**
 * grant_flow_form_set_http_client:
 * @self: a #GrantFlowForm
 * @http_client: the client discovery goes through
 */
void
grant_flow_form_set_http_client (GrantFlowForm   *self,
                                 GrantHttpClient *http_client)
{
  g_return_if_fail (GRANT_IS_FLOW_FORM (self));
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (http_client));

  g_set_object (&self->http_client, http_client);
}

static void
grant_flow_form_dispose (GObject *object)
{
  GrantFlowForm *self = (GrantFlowForm *)object;

  grant_flow_form_flush (self);
  if (self->discovery != NULL)
    g_cancellable_cancel (self->discovery);
  g_clear_object (&self->discovery);
  if (self->secrets_cancellable != NULL)
    g_cancellable_cancel (self->secrets_cancellable);
  g_clear_object (&self->secrets_cancellable);
  if (self->lookup_cancellable != NULL)
    g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  forget_removed_client (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GRANT_TYPE_FLOW_FORM);

  G_OBJECT_CLASS (grant_flow_form_parent_class)->dispose (object);
}

static void
grant_flow_form_finalize (GObject *object)
{
  GrantFlowForm *self = (GrantFlowForm *)object;

  g_clear_object (&self->http_client);
  g_clear_object (&self->metadata);
  g_clear_object (&self->private_key);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->state_file, g_free);
  g_clear_pointer (&self->legacy_state_file, g_free);
  g_clear_object (&self->workspace);
  g_clear_object (&self->secrets);
  g_clear_pointer (&self->client_key, g_free);
  g_clear_pointer (&self->provider_key, g_free);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preset_issuer, g_free);
  g_clear_pointer (&self->practice_issuer, g_free);
  g_clear_pointer (&self->default_pkce_method, g_free);

  G_OBJECT_CLASS (grant_flow_form_parent_class)->finalize (object);
}

static void
grant_flow_form_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrantFlowForm *self = GRANT_FLOW_FORM (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;
    case PROP_DEFAULT_PKCE_METHOD:
      g_value_set_string (value, self->default_pkce_method);
      break;
    case PROP_CLIENT:
      /* The property action's state is a string: "" rather than NULL. */
      g_value_set_string (value, self->workspace != NULL ? self->client_key : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_flow_form_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GrantFlowForm *self = GRANT_FLOW_FORM (object);

  switch (prop_id)
    {
    case PROP_DEFAULT_PKCE_METHOD:
      set_default_pkce_method (self, g_value_get_string (value));
      break;
    case PROP_CLIENT:
      if (g_value_get_string (value) != NULL)
        grant_flow_form_select_client (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_flow_form_class_init (GrantFlowFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_flow_form_dispose;
  object_class->finalize = grant_flow_form_finalize;
  object_class->get_property = grant_flow_form_get_property;
  object_class->set_property = grant_flow_form_set_property;

  /**
   * GrantFlowForm:metadata:
   *
   * The authorization server's metadata, once the issuer is discovered.
   */
  properties[PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL, GRANT_TYPE_PROVIDER_METADATA,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GrantFlowForm:default-pkce-method:
   *
   * The PKCE method a new form starts with, "S256" or "plain"; a saved form keeps its own.
   */
  properties[PROP_DEFAULT_PKCE_METHOD] =
    g_param_spec_string ("default-pkce-method", NULL, NULL, "S256",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GrantFlowForm:client:
   *
   * The workspace's id of the client the form shows; setting it shows that saved client
   * (grant_flow_form_select_client()). Empty without a workspace.
   */
  properties[PROP_CLIENT] =
    g_param_spec_string ("client", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, GRANT_RESOURCE_BASE_PATH
                                               "/workbench/grant-flow-form.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GrantFlowForm, name)
  BIND (page);
  BIND (clients_button);
  BIND (issuer_row);
  BIND (preset_button);
  BIND (preset_value_row);
  BIND (preset_row);
  BIND (preset_icon);
  BIND (endpoints_row);
  BIND (discovery_row);
  BIND (discovery_icon);
  BIND (discovery_spinner);
  BIND (warnings_row);
  BIND (authorization_endpoint_row);
  BIND (token_endpoint_row);
  BIND (device_authorization_endpoint_row);
  BIND (jwks_uri_row);
  BIND (userinfo_endpoint_row);
  BIND (client_id_row);
  BIND (auth_method_row);
  BIND (client_secret_row);
  BIND (secret_note_row);
  BIND (private_key_row);
  BIND (certificate_row);
  BIND (redirect_uri_row);
  BIND (scope_row);
  BIND (scopes_supported_row);
  BIND (scopes_box);
  BIND (client_type_row);
  BIND (advice_row);
  BIND (flow_row);
  BIND (legacy_row);
  BIND (pkce_row);
  BIND (username_row);
  BIND (password_row);
  BIND (parameters_row);
  BIND (persona_row);
  BIND (system_browser_row);
  BIND (system_browser_switch);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, issuer_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_value_apply_cb);

  gtk_widget_class_install_action (widget_class, "form.discover", NULL, discover_action);
  gtk_widget_class_install_action (widget_class, "form.use-preset", "s", use_preset_action);
  gtk_widget_class_install_action (widget_class, "form.cancel-preset", NULL,
                                   cancel_preset_action);
  gtk_widget_class_install_action (widget_class, "form.generate-key", NULL, generate_key_action);
  gtk_widget_class_install_action (widget_class, "form.import-key", NULL, import_key_action);
  gtk_widget_class_install_action (widget_class, "form.copy-public-key", NULL,
                                   copy_public_key_action);
  gtk_widget_class_install_action (widget_class, "form.import-certificate", NULL,
                                   import_certificate_action);
  gtk_widget_class_install_property_action (widget_class, "form.client", "client");
  gtk_widget_class_install_action (widget_class, "form.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "form.remove-client", NULL,
                                   remove_client_action);
}

static void
grant_flow_form_init (GrantFlowForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->secrets_cancellable = g_cancellable_new ();
  gtk_menu_button_set_create_popup_func (self->clients_button, create_clients_popup, self, NULL);

  /* Error messages and URLs go into these rows' subtitles: text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->discovery_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->advice_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->legacy_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->preset_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->preset_value_row), FALSE);
  {
    g_autoptr(GMenuModel) presets = preset_menu_new ();

    gtk_menu_button_set_menu_model (self->preset_button, presets);
  }
  self->default_pkce_method = g_strdup ("S256");

  self->warning_rows = g_ptr_array_new ();
  self->http_client = grant_http_client_new (NULL);

  g_signal_connect_swapped (self->client_type_row, "notify::selected",
                            G_CALLBACK (client_type_changed_cb), self);
  g_signal_connect_swapped (self->flow_row, "notify::selected", G_CALLBACK (flow_changed_cb), self);
  g_signal_connect_swapped (self->auth_method_row, "notify::selected",
                            G_CALLBACK (auth_method_changed_cb), self);
  g_signal_connect_swapped (self->pkce_row, "notify::selected", G_CALLBACK (pkce_changed_cb),
                            self);
  g_signal_connect_swapped (self->client_id_row, "changed", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->client_secret_row, "changed",
                            G_CALLBACK (schedule_secrets_save), self);
  g_signal_connect_swapped (self->redirect_uri_row, "changed", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->scope_row, "changed", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->username_row, "changed", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->parameters_row, "changed", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->persona_row, "changed", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->system_browser_switch, "notify::active",
                            G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->issuer_row, "changed", G_CALLBACK (schedule_save), self);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    g_signal_connect_swapped (endpoint_row (self, &endpoints[i]), "changed",
                              G_CALLBACK (schedule_save), self);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->private_key_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->certificate_row), FALSE);
  show_private_key (self);
  show_certificate (self);

  update_advice (self);
  update_flow_rows (self);
  auth_method_changed_cb (self);
}

/**
 * grant_flow_form_new:
 *
 * Returns: (transfer floating): a new, empty form
 */
GtkWidget *
grant_flow_form_new (void)
{
  return g_object_new (GRANT_TYPE_FLOW_FORM, NULL);
}
