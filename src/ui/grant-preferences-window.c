/* grant-preferences-window.c
 * The preferences: how flows are checked, what exports keep, how Grant's requests travel.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is a GSettings key, written as soon as it changes; the windows follow the keys
 * (grant-network-settings.c for the back channel). The two values a user types, the proxy
 * URL and the certificate file, are checked first, and only a usable one is written: the
 * row says what is wrong with the other.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-network-settings.h"
#include "grant-preferences-window.h"
#include "grant-tls-database.h"

struct _GrantPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  GtkSpinButton        *skew_spin;
  AdwComboRow          *pkce_row;
  GtkSwitch            *include_secrets_switch;
  GtkSpinButton        *font_scale_spin;
  GtkSpinButton        *timeout_spin;
  AdwComboRow          *proxy_mode_row;
  AdwEntryRow          *proxy_url_row;
  AdwActionRow         *proxy_status_row;
  AdwActionRow         *ca_file_row;
};

G_DEFINE_FINAL_TYPE (GrantPreferencesWindow, grant_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The choices of the combo rows, in their order, as the keys spell them. */
static const char * const pkce_methods[] = { "S256", "plain", NULL };
static const char * const proxy_modes[] = { "system", "none", "manual", NULL };

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], choice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *choices = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) choices))
    return NULL;

  return g_variant_new_string (choices[selected]);
}

/* The proxy. */

static void
show_proxy_error (GrantPreferencesWindow *self,
                  const char             *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->proxy_url_row), "error");
      adw_action_row_set_subtitle (self->proxy_status_row, message);
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->proxy_url_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->proxy_status_row), message != NULL);
}

static void
proxy_mode_changed_cb (GrantPreferencesWindow *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "proxy-mode");
  gboolean manual = g_str_equal (mode, "manual");

  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_url_row), manual);
  if (!manual)
    show_proxy_error (self, NULL);
}

static void
proxy_url_changed_cb (GrantPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "proxy-url");
  g_autoptr(GError) error = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->proxy_url_row), url);
  /* A URL set from elsewhere (gsettings) that Grant cannot use is shown as such. */
  if (*url != '\0' && !grant_network_settings_check_proxy_url (url, &error))
    show_proxy_error (self, error->message);
  else
    show_proxy_error (self, NULL);
}

static void
proxy_url_apply_cb (GrantPreferencesWindow *self)
{
  g_autofree char *url = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->proxy_url_row)));
  g_autoptr(GError) error = NULL;

  g_strstrip (url);
  if (*url != '\0' && !grant_network_settings_check_proxy_url (url, &error))
    {
      show_proxy_error (self, error->message);
      return;
    }

  show_proxy_error (self, NULL);
  g_settings_set_string (self->settings, "proxy-url", url);
}

/* The extra certificate authority. */

static void
show_ca_file (GrantPreferencesWindow *self,
              const char             *error_message)
{
  g_autofree char *path = g_settings_get_string (self->settings, "extra-ca-file");
  g_autofree char *name = *path != '\0' ? g_filename_display_name (path) : NULL;
  g_autofree char *subtitle = NULL;
  const char *state;

  if (error_message != NULL)
    state = error_message;
  else if (name != NULL)
    state = name;
  else
    state = _("None: Grant’s requests trust the system’s authorities only");

  subtitle = g_strdup_printf ("%s\n%s", state,
                              _("The embedded browser cannot use it: it only takes an "
                                "exception for one host at a time."));
  adw_action_row_set_subtitle (self->ca_file_row, subtitle);
  if (error_message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->ca_file_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->ca_file_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-ca-file", *path != '\0');
}

static void
ca_file_changed_cb (GrantPreferencesWindow *self)
{
  show_ca_file (self, NULL);
}

/**
 * grant_preferences_window_use_ca_file:
 * @self: a #GrantPreferencesWindow
 * @path: a PEM file of certificate authorities
 * @error: return location for a #GError
 *
 * Makes Grant's requests trust the authorities in @path besides the system's, as choosing
 * the file does; a file that holds none is refused, and the row says why.
 *
 * Returns: whether @path was taken
 */
gboolean
grant_preferences_window_use_ca_file (GrantPreferencesWindow  *self,
                                      const char              *path,
                                      GError                 **error)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GRANT_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  database = grant_tls_database_new_with_extra_anchors (path, &local_error);
  if (database == NULL)
    {
      show_ca_file (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_settings_set_string (self->settings, "extra-ca-file", path);
  /* The same path again changes nothing, but an earlier error is gone. */
  show_ca_file (self, NULL);

  return TRUE;
}

static void
ca_file_chosen_cb (GtkNativeDialog        *dialog,
                   int                     response,
                   GrantPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        grant_preferences_window_use_ca_file (self, path, NULL);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_ca_file_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GrantPreferencesWindow *self = GRANT_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose Certificate Authorities"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_file_filter_set_name (filter, _("PEM certificates"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ca_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
clear_ca_file_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GrantPreferencesWindow *self = GRANT_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "extra-ca-file");
  show_ca_file (self, NULL);
}

static void
grant_preferences_window_constructed (GObject *object)
{
  GrantPreferencesWindow *self = GRANT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (grant_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (GRANT_SETTINGS_SCHEMA_ID);

  g_settings_bind (self->settings, "clock-skew-tolerance", self->skew_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-pkce-method", self->pkce_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, choice_get_mapping,
                                choice_set_mapping, (gpointer) pkce_methods, NULL);
  g_settings_bind (self->settings, "include-secrets-in-exports", self->include_secrets_switch,
                   "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "presenter-font-scale", self->font_scale_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "http-timeout", self->timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "proxy-mode", self->proxy_mode_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, choice_get_mapping, choice_set_mapping,
                                (gpointer) proxy_modes, NULL);

  g_signal_connect_object (self->settings, "changed::proxy-mode",
                           G_CALLBACK (proxy_mode_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::proxy-url",
                           G_CALLBACK (proxy_url_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::extra-ca-file",
                           G_CALLBACK (ca_file_changed_cb), self, G_CONNECT_SWAPPED);
  proxy_mode_changed_cb (self);
  proxy_url_changed_cb (self);
  show_ca_file (self, NULL);
}

static void
grant_preferences_window_dispose (GObject *object)
{
  GrantPreferencesWindow *self = GRANT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GRANT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grant_preferences_window_parent_class)->dispose (object);
}

static void
grant_preferences_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GrantPreferencesWindow *self = GRANT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_preferences_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GrantPreferencesWindow *self = GRANT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_preferences_window_class_init (GrantPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = grant_preferences_window_constructed;
  object_class->dispose = grant_preferences_window_dispose;
  object_class->get_property = grant_preferences_window_get_property;
  object_class->set_property = grant_preferences_window_set_property;

  /**
   * GrantPreferencesWindow:settings:
   *
   * The settings the rows show and change: Grant's.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, GRANT_RESOURCE_BASE_PATH
                                               "/grant-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow, skew_spin);
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow, pkce_row);
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow,
                                        include_secrets_switch);
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow, font_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow, proxy_mode_row);
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow, proxy_url_row);
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow, proxy_status_row);
  gtk_widget_class_bind_template_child (widget_class, GrantPreferencesWindow, ca_file_row);
  gtk_widget_class_bind_template_callback (widget_class, proxy_url_apply_cb);

  gtk_widget_class_install_action (widget_class, "prefs.choose-ca-file", NULL,
                                   choose_ca_file_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-ca-file", NULL,
                                   clear_ca_file_action);
}

static void
grant_preferences_window_init (GrantPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* File names and error messages go into these subtitles: text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->ca_file_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->proxy_status_row), FALSE);
}

/**
 * grant_preferences_window_new:
 * @parent: (nullable): the window it is for
 * @settings: (nullable): Grant's settings, or %NULL to use the schema's
 *
 * Returns: (transfer none): a new preferences window, transient for @parent; GTK owns it
 */
GtkWindow *
grant_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (GRANT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
