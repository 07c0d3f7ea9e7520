/* test-preferences.c
 * The preferences window over GSettings, and what follows it live: the back channel's timeout,
 * proxy and trust anchors, the exports' default, the PKCE method of a new form and the skew
 * of a flow. And the provider presets of the flow form.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "grant-application.h"
#include "grant-authorization-code-flow.h"
#include "grant-flow-form.h"
#include "grant-log-page.h"
#include "grant-practice-provider.h"
#include "grant-preferences-window.h"
#include "grant-provider-preset.h"
#include "grant-test-dirs.h"
#include "grant-test-form.h"
#include "grant-test-ui.h"
#include "grant-window.h"

static GrantApplication *application;

/* Opens a window on a workspace whose form is @form (NULL: none, a first run). */
static GrantWindow *
open_window (const char *form)
{
  g_free (grant_test_use_form (application, form));

  return grant_test_open_window (application);
}

static void
reset_settings (void)
{
  static const char * const keys[] = {
    "clock-skew-tolerance", "default-pkce-method", "include-secrets-in-exports",
    "http-timeout", "proxy-mode", "proxy-url", "extra-ca-file", "presenter-font-scale",
  };
  GSettings *settings = grant_application_get_settings (application);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static GrantFlowForm *
flow_form (GrantWindow *window)
{
  return grant_test_window_child (window, "flow_form");
}

static gpointer
prefs_child (GrantPreferencesWindow *preferences,
             const char             *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                        GRANT_TYPE_PREFERENCES_WINDOW, name);
}

/* Opens the preferences as the menu item does, and finds them among the toplevels. */
static GrantPreferencesWindow *
open_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GrantPreferencesWindow *preferences = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  grant_test_iterate_until_idle ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GRANT_IS_PREFERENCES_WINDOW (toplevel))
        preferences = GRANT_PREFERENCES_WINDOW (toplevel);
    }
  g_assert_nonnull (preferences);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));

  return preferences;
}

/* The proxy the session would use for @uri. */
static char *
proxy_for (SoupSession *session,
           const char  *uri)
{
  GProxyResolver *resolver = soup_session_get_proxy_resolver (session);
  g_auto(GStrv) proxies = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (resolver);
  proxies = g_proxy_resolver_lookup (resolver, uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (proxies);

  return g_strdup (proxies[0]);
}

/* How many items of @menu and its sections and submenus activate @action. */
static guint
count_action (GMenuModel *menu,
              const char *action)
{
  guint count = 0;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        count++;

      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          count += count_action (link, action);
        }
    }

  return count;
}

/* The window's main menu button: the one F10 opens. */
static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The defaults are the core's: changing one there cannot leave the schema behind. */
static void
test_defaults (void)
{
  g_autoptr(GSettings) settings = g_settings_new (GRANT_SETTINGS_SCHEMA_ID);
  g_autofree char *pkce = g_settings_get_string (settings, "default-pkce-method");
  g_autofree char *proxy_mode = g_settings_get_string (settings, "proxy-mode");
  g_autofree char *ca_file = g_settings_get_string (settings, "extra-ca-file");

  g_assert_cmpint (g_settings_get_int (settings, "clock-skew-tolerance"), ==,
                   GRANT_DEFAULT_SKEW_SECONDS);
  g_assert_cmpint (g_settings_get_int (settings, "http-timeout"), ==,
                   GRANT_HTTP_CLIENT_DEFAULT_TIMEOUT);
  g_assert_cmpstr (pkce, ==, "S256");
  g_assert_false (g_settings_get_boolean (settings, "include-secrets-in-exports"));
  g_assert_cmpstr (proxy_mode, ==, "system");
  g_assert_cmpstr (ca_file, ==, "");
  g_assert_cmpfloat (g_settings_get_double (settings, "presenter-font-scale"), ==, 1.5);
}

/* Ctrl+comma and the main menu open the preferences, over the window. */
static void
test_open (void)
{
  GrantWindow *window = open_window ("{}");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                "app.preferences");
  GtkMenuButton *menu_button = find_primary_menu_button (GTK_WIDGET (window));
  GrantPreferencesWindow *preferences;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));
  g_assert_cmpuint (count_action (gtk_menu_button_get_menu_model (menu_button),
                                  "app.preferences"), ==, 1);

  preferences = open_preferences ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (preferences)));

  /* It goes with its window. */
  grant_test_close_all_windows (application);
  grant_test_iterate_until_idle ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        g_assert_false (GRANT_IS_PREFERENCES_WINDOW (toplevel));
      }
  }
}

/* Each row writes its key, and the window's back channel, log page and form follow. */
static void
test_rows_apply_live (void)
{
  GSettings *settings = grant_application_get_settings (application);
  GrantWindow *window = open_window ("{}");
  GrantHttpClient *client = grant_window_get_http_client (window);
  SoupSession *session = grant_http_client_get_session (client);
  GrantLogPage *log_page = grant_test_window_child (window, "log_page");
  GrantPreferencesWindow *preferences = open_preferences ();
  AdwEntryRow *proxy_url_row = prefs_child (preferences, "proxy_url_row");
  GtkWidget *proxy_status_row = prefs_child (preferences, "proxy_status_row");
  GtkWidget *ca_file_row = prefs_child (preferences, "ca_file_row");
  g_autofree char *ca_file = g_test_build_filename (G_TEST_DIST, "data", "tls", "ca.pem", NULL);
  g_autofree char *key_file = g_test_build_filename (G_TEST_DIST, "data", "tls", "ca.key",
                                                     NULL);
  g_autoptr(GTlsDatabase) system_database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *value = NULL;

  /* The timeout, live. */
  g_assert_cmpuint (grant_http_client_get_timeout (client), ==, GRANT_HTTP_CLIENT_DEFAULT_TIMEOUT);
  gtk_spin_button_set_value (prefs_child (preferences, "timeout_spin"), 90);
  g_assert_cmpint (g_settings_get_int (settings, "http-timeout"), ==, 90);
  g_assert_cmpuint (grant_http_client_get_timeout (client), ==, 90);

  /* The skew tolerance is the flow's. */
  gtk_spin_button_set_value (prefs_child (preferences, "skew_spin"), 300);
  g_assert_cmpint (g_settings_get_int (settings, "clock-skew-tolerance"), ==, 300);

  /* No proxy: everything goes direct. */
  adw_combo_row_set_selected (prefs_child (preferences, "proxy_mode_row"), 1);
  value = g_settings_get_string (settings, "proxy-mode");
  g_assert_cmpstr (value, ==, "none");
  g_clear_pointer (&value, g_free);
  g_assert_true (G_IS_SIMPLE_PROXY_RESOLVER (soup_session_get_proxy_resolver (session)));
  proxy = proxy_for (session, "https://login.example.com/");
  g_assert_cmpstr (proxy, ==, "direct://");
  g_clear_pointer (&proxy, g_free);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (proxy_url_row)));

  /* Manual: a URL Grant cannot use is refused on the row, and not written. */
  adw_combo_row_set_selected (prefs_child (preferences, "proxy_mode_row"), 2);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (proxy_url_row)));
  gtk_editable_set_text (GTK_EDITABLE (proxy_url_row), "ftp://proxy.example.com:21");
  g_signal_emit_by_name (proxy_url_row, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (proxy_url_row), "error"));
  g_assert_true (gtk_widget_get_visible (proxy_status_row));
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (proxy_status_row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (proxy_status_row)),
                            "ftp://"));
  value = g_settings_get_string (settings, "proxy-url");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  /* A good one is written, and used for everything but loopback. */
  gtk_editable_set_text (GTK_EDITABLE (proxy_url_row), " http://proxy.example.com:3128 ");
  g_signal_emit_by_name (proxy_url_row, "apply");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (proxy_url_row), "error"));
  g_assert_false (gtk_widget_get_visible (proxy_status_row));
  value = g_settings_get_string (settings, "proxy-url");
  g_assert_cmpstr (value, ==, "http://proxy.example.com:3128");
  g_clear_pointer (&value, g_free);
  proxy = proxy_for (session, "https://login.example.com/");
  g_assert_cmpstr (proxy, ==, "http://proxy.example.com:3128");
  g_clear_pointer (&proxy, g_free);
  proxy = proxy_for (session, "http://127.0.0.1:8080/");
  g_assert_cmpstr (proxy, ==, "direct://");
  g_clear_pointer (&proxy, g_free);

  /* Back to the system's. */
  adw_combo_row_set_selected (prefs_child (preferences, "proxy_mode_row"), 0);
  g_assert_true (soup_session_get_proxy_resolver (session) == g_proxy_resolver_get_default ());

  /* An extra authority: a file without a certificate is refused and named on the row; a good
   * one gives the session a database of its own, and clearing it the system's again. */
  g_assert_false (grant_preferences_window_use_ca_file (preferences, key_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (gtk_widget_has_css_class (ca_file_row, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ca_file_row)),
                            "ca.key"));
  value = g_settings_get_string (settings, "extra-ca-file");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);

  system_database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_assert_true (grant_preferences_window_use_ca_file (preferences, ca_file, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_has_css_class (ca_file_row, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ca_file_row)),
                            "ca.pem"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ca_file_row)),
                            "embedded browser"));
  value = g_settings_get_string (settings, "extra-ca-file");
  g_assert_cmpstr (value, ==, ca_file);
  g_clear_pointer (&value, g_free);
  g_assert_true (G_IS_TLS_FILE_DATABASE (soup_session_get_tls_database (session)));
  g_assert_true (soup_session_get_tls_database (session) != system_database);

  gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.clear-ca-file", NULL);
  value = g_settings_get_string (settings, "extra-ca-file");
  g_assert_cmpstr (value, ==, "");
  g_clear_pointer (&value, g_free);
  g_assert_true (soup_session_get_tls_database (session) == system_database);

  /* The exports' default. */
  g_assert_false (grant_log_page_get_include_secrets (log_page));
  gtk_switch_set_active (prefs_child (preferences, "include_secrets_switch"), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "include-secrets-in-exports"));
  g_assert_true (grant_log_page_get_include_secrets (log_page));

  /* The PKCE method of a new form. */
  adw_combo_row_set_selected (prefs_child (preferences, "pkce_row"), 1);
  value = g_settings_get_string (settings, "default-pkce-method");
  g_assert_cmpstr (value, ==, "plain");
  g_clear_pointer (&value, g_free);
  {
    g_autofree char *method = NULL;

    g_object_get (flow_form (window), "default-pkce-method", &method, NULL);
    g_assert_cmpstr (method, ==, "plain");
  }

  /* The presenter's scale, for now only kept. */
  gtk_spin_button_set_value (prefs_child (preferences, "font_scale_spin"), 2.0);
  g_assert_cmpfloat (g_settings_get_double (settings, "presenter-font-scale"), ==, 2.0);

  /* A setting changed elsewhere (gsettings) shows in the window. */
  g_settings_set_int (settings, "http-timeout", 45);
  g_assert_cmpfloat (gtk_spin_button_get_value (prefs_child (preferences, "timeout_spin")), ==,
                     45);
  g_assert_cmpuint (grant_http_client_get_timeout (client), ==, 45);

  gtk_window_destroy (GTK_WINDOW (preferences));
  grant_test_close_all_windows (application);
  reset_settings ();
}

/* A new window takes the settings it opens with, and a flow the skew tolerance. */
static void
test_new_window_follows (void)
{
  GSettings *settings = grant_application_get_settings (application);
  GrantWindow *window;
  GrantHttpClient *client;
  g_autofree char *proxy = NULL;
  GrantFlow *flow;

  g_settings_set_int (settings, "http-timeout", 7);
  g_settings_set_int (settings, "clock-skew-tolerance", 120);
  g_settings_set_string (settings, "proxy-mode", "none");
  g_settings_set_boolean (settings, "include-secrets-in-exports", TRUE);

  /* Nothing listens on port 9: the flow fails at once, but it was made. */
  window = open_window ("{\"issuer\":\"http://127.0.0.1:9\",\"client_id\":\"app\","
                        "\"endpoints\":{\"authorization_endpoint\":\"http://127.0.0.1:9/a\","
                        "\"token_endpoint\":\"http://127.0.0.1:9/t\"},\"flow\":0}");
  client = grant_window_get_http_client (window);
  g_assert_cmpuint (grant_http_client_get_timeout (client), ==, 7);
  proxy = proxy_for (grant_http_client_get_session (client), "https://login.example.com/");
  g_assert_cmpstr (proxy, ==, "direct://");
  g_assert_true (grant_log_page_get_include_secrets (grant_test_window_child (window, "log_page")));

  grant_window_run (window);
  flow = grant_window_get_flow (window);
  g_assert_true (GRANT_IS_AUTHORIZATION_CODE_FLOW (flow));
  g_assert_cmpint (grant_authorization_code_flow_get_skew (GRANT_AUTHORIZATION_CODE_FLOW (flow)),
                   ==, 120);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  grant_test_iterate_until_idle ();

  grant_test_close_all_windows (application);
  reset_settings ();
}

/* The preferred PKCE method is a new form's; a saved form keeps its own. */
static void
test_pkce_default (void)
{
  GSettings *settings = grant_application_get_settings (application);
  GrantPkceMethod method = GRANT_PKCE_METHOD_S256;
  GrantWindow *window;

  g_settings_set_string (settings, "default-pkce-method", "plain");

  window = open_window (NULL);
  g_assert_false (grant_flow_form_get_restored (flow_form (window)));
  g_assert_true (grant_flow_form_get_pkce (flow_form (window), &method));
  g_assert_cmpint (method, ==, GRANT_PKCE_METHOD_PLAIN);
  grant_test_close_all_windows (application);

  window = open_window ("{\"issuer\":\"http://127.0.0.1:9\",\"client_id\":\"app\",\"pkce\":0}");
  g_assert_true (grant_flow_form_get_restored (flow_form (window)));
  g_assert_true (grant_flow_form_get_pkce (flow_form (window), &method));
  g_assert_cmpint (method, ==, GRANT_PKCE_METHOD_S256);
  grant_test_close_all_windows (application);

  reset_settings ();
}

static gboolean
practice_running (gpointer data)
{
  GrantPracticeProvider *provider = grant_application_get_practice_provider (application);

  return grant_practice_provider_get_running (provider);
}

/* The presets menu: Auth0 with its domain, a tenant that is not one, GitHub without discovery,
 * and the practice provider; the preset is kept with the provider. */
static void
test_presets (void)
{
  GrantWindow *window = open_window ("{}");
  GrantFlowForm *form = flow_form (window);
  GtkWidget *value_row = grant_test_form_child (window, "preset_value_row");
  AdwActionRow *preset_row = grant_test_form_child (window, "preset_row");
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(JsonNode) providers = NULL;
  g_autoptr(GError) error = NULL;

  /* Discovery is asked for but held, so that the test needs no network. */
  grant_flow_form_hold_discovery (form);

  /* The menu lists every preset. */
  {
    GtkMenuButton *button = grant_test_form_child (window, "preset_button");
    guint n;

    grant_provider_preset_get_all (&n);
    g_assert_cmpuint (count_action (gtk_menu_button_get_menu_model (button), "form.use-preset"),
                      ==, n);
  }

  /* Auth0 asks for the tenant's domain; its issuer ends with a slash. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.use-preset", "s", "auth0");
  g_assert_true (gtk_widget_get_visible (value_row));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (value_row)),
                            "example.eu.auth0.com"));
  gtk_editable_set_text (GTK_EDITABLE (value_row), "dev-grant.eu.auth0.com");
  g_signal_emit_by_name (value_row, "apply");
  g_assert_false (gtk_widget_get_visible (value_row));
  g_assert_cmpstr (grant_flow_form_get_issuer (form), ==, "https://dev-grant.eu.auth0.com/");
  g_assert_cmpstr (grant_flow_form_get_scope (form), ==, "openid profile offline_access");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preset_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (preset_row)), ==, "Auth0");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (preset_row), "ends with a slash"));
  g_assert_cmpstr (adw_preferences_row_get_title (grant_test_form_child (window, "discovery_row")),
                   ==,
                   "Discovering…");

  /* A tenant that is not one: the error is shown, and the form is as it was. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.use-preset", "s", "entra");
  gtk_editable_set_text (GTK_EDITABLE (value_row), "https://login.microsoftonline.com/x");
  g_signal_emit_by_name (value_row, "apply");
  g_assert_true (gtk_widget_get_visible (value_row));
  g_assert_true (gtk_widget_has_css_class (value_row, "error"));
  g_test_message ("%s", adw_action_row_get_subtitle (preset_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (preset_row), "Tenant ID"));
  g_assert_cmpstr (grant_flow_form_get_issuer (form), ==, "https://dev-grant.eu.auth0.com/");
  g_assert_cmpstr (grant_flow_form_get_scope (form), ==, "openid profile offline_access");
  /* Cancelled, the row goes and Auth0's notes come back. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.cancel-preset", NULL);
  g_assert_false (gtk_widget_get_visible (value_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (preset_row)), ==, "Auth0");

  /* GitHub: no issuer, no discovery, its endpoints typed in; the form still makes a provider. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.use-preset", "s", "github");
  g_assert_false (gtk_widget_get_visible (value_row));
  g_assert_cmpstr (grant_flow_form_get_issuer (form), ==, "");
  g_assert_null (grant_flow_form_get_metadata (form));
  g_assert_cmpstr (grant_test_row_text (window, "authorization_endpoint_row"), ==,
                   "https://github.com/login/oauth/authorize");
  g_assert_cmpstr (grant_test_row_text (window, "token_endpoint_row"), ==,
                   "https://github.com/login/oauth/access_token");
  g_assert_cmpstr (grant_test_row_text (window, "device_authorization_endpoint_row"), ==,
                   "https://github.com/login/device/code");
  g_assert_cmpstr (grant_test_row_text (window, "jwks_uri_row"), ==, "");
  g_assert_cmpstr (grant_flow_form_get_scope (form), ==, "read:user");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (preset_row), "no ID tokens"));
  provider = grant_flow_form_dup_provider (form, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_provider_get_endpoint (provider, "token_endpoint", FALSE), ==,
                   "https://github.com/login/oauth/access_token");

  /* The preset is kept with the provider. */
  grant_flow_form_flush (form);
  providers = grant_workspace_dup_section (grant_application_get_workspace (application),
                                           "providers");
  g_assert_nonnull (providers);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (providers), 0),
                     "preset"), ==, "github");

  /* The practice provider's preset is its running issuer. */
  grant_test_wait_until (practice_running, NULL, 30);
  grant_test_iterate_until_idle ();
  gtk_widget_activate_action (GTK_WIDGET (form), "form.use-preset", "s", "practice");
  g_assert_cmpstr (grant_flow_form_get_issuer (form), ==,
                   grant_practice_provider_get_issuer (
                     grant_application_get_practice_provider (application)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (preset_row)), ==,
                   "Practice Provider");

  /* An issuer typed over the preset's is another provider: the notes go. */
  gtk_editable_set_text (GTK_EDITABLE (grant_test_form_child (window, "issuer_row")),
                         "https://login.example.com");
  g_signal_emit_by_name (grant_test_form_child (window, "issuer_row"), "apply");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preset_row)));

  grant_test_close_all_windows (application);
}

/* A saved preset comes back with its notes. */
static void
test_preset_restored (void)
{
  GrantWindow *window = open_window ("{\"issuer\":\"https://accounts.google.com\","
                                     "\"preset\":\"google\",\"client_id\":\"app\"}");
  AdwActionRow *preset_row = grant_test_form_child (window, "preset_row");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preset_row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (preset_row)), ==, "Google");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (preset_row), "access_type=offline"));

  grant_test_close_all_windows (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *user_dirs = NULL;
  int status;

  user_dirs = grant_test_isolate_user_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = grant_test_application_new ();

  g_test_add_func ("/grant/ui/preferences/defaults", test_defaults);
  g_test_add_func ("/grant/ui/preferences/open", test_open);
  g_test_add_func ("/grant/ui/preferences/rows-apply-live", test_rows_apply_live);
  g_test_add_func ("/grant/ui/preferences/new-window-follows", test_new_window_follows);
  g_test_add_func ("/grant/ui/preferences/pkce-default", test_pkce_default);
  g_test_add_func ("/grant/ui/preferences/presets", test_presets);
  g_test_add_func ("/grant/ui/preferences/preset-restored", test_preset_restored);

  status = g_test_run ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);

  grant_test_remove_tree (user_dirs);
  return status;
}
