/* test-practice.c
 * The real window with the application's practice provider: the first run selects it and its
 * demo client practice-app, and the authorization code flow with PKCE runs through the real
 * WebKit view and its login and consent pages; the Practice Provider page's fault switches
 * and Use buttons; a saved practice issuer on another default port moves to the current one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include <webkit/webkit.h>

#include "grant-application.h"
#include "grant-test-form.h"
#include "grant-test-dirs.h"
#include "grant-test-ui.h"
#include "grant-browser-module.h"
#include "grant-check.h"
#include "grant-flow-form.h"
#include "grant-inspector.h"
#include "grant-practice-page.h"
#include "grant-practice-provider.h"
#include "grant-timeline.h"
#include "grant-window.h"
#include "grant-workspace.h"

static GrantApplication *application;

static GrantPracticeProvider *
provider (void)
{
  return grant_application_get_practice_provider (application);
}

/* The user at the practice provider's pages, in the real web view: alice's button on the
 * login page, Allow on the consent page. Each page is answered once, when it has loaded. */
static void
page_loaded_cb (WebKitWebView   *view,
                WebKitLoadEvent  event,
                gpointer         user_data)
{
  static const char script[] =
    "(function () {"
    "  var button = document.querySelector('button[name=user][value=alice]')"
    "               || document.querySelector('button[name=decision][value=allow]');"
    "  if (!button) return 'none';"
    "  setTimeout(function () { button.click (); }, 0);"
    "  return button.name;"
    "})()";
  guint *pages = user_data;

  if (event != WEBKIT_LOAD_FINISHED
      || g_strcmp0 (g_object_get_data (G_OBJECT (view), "test-page"),
                    webkit_web_view_get_uri (view)) == 0)
    return;
  g_object_set_data_full (G_OBJECT (view), "test-page", g_strdup (webkit_web_view_get_uri (view)),
                          g_free);
  g_test_message ("page %s", webkit_web_view_get_uri (view));
  (*pages)++;
  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, NULL, NULL);
}

/* The browser is in the module the window loaded: its test accessor is looked up there. */
static GtkWidget *
web_view_of (GtkWidget *browser)
{
  GtkWidget * (*get_web_view) (GtkWidget *) =
    grant_browser_module_lookup ("_grant_browser_get_web_view");

  g_assert_nonnull (get_web_view);

  return get_web_view (browser);
}

static gboolean
browser_ready (GrantWindow *window)
{
  GtkWidget *browser =
    gtk_stack_get_child_by_name (grant_test_window_child (window, "centre_stack"), "browser");

  return browser != NULL && web_view_of (browser) != NULL;
}

static GrantCheckStatus
fact (GrantWindow *window,
      const char  *name)
{
  GrantCheck *check =
    grant_checks_find (grant_inspector_get_facts (grant_test_window_child (window, "inspector")),
                                         name);

  g_assert_nonnull (check);
  g_test_message ("%s: %s", name, grant_check_get_reason (check));

  return grant_check_get_status (check);
}

/* Presses Run and answers the practice provider's pages until the flow ends; returns how many
 * pages the browser showed. */
static guint
run_in_browser (GrantWindow *window)
{
  guint pages = 0;
  GtkWidget *browser;
  gulong handler;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (browser_ready, window, 30);
  browser = gtk_stack_get_child_by_name (grant_test_window_child (window, "centre_stack"),
                                         "browser");
  handler = g_signal_connect (web_view_of (browser), "load-changed", G_CALLBACK (page_loaded_cb),
                              &pages);
  grant_test_wait_for_window (grant_test_flow_done, window, 60);
  g_signal_handler_disconnect (web_view_of (browser), handler);
  g_object_set_data (G_OBJECT (web_view_of (browser)), "test-page", NULL);

  return pages;
}

/* The first run: the practice provider and practice-app are chosen and discovered, so that
 * Run leads straight to a flow that works, through the login and consent pages in the real
 * browser; the inspector shows PKCE, state and nonce matching and the ID token verified. */
static void
test_first_run_flow (void)
{
  g_autofree char *path = grant_test_use_form (application, NULL);
  GrantWindow *window;
  GrantInspector *inspector;
  GListModel *facts;
  GrantPkceMethod method;
  guint n;

  window = grant_test_open_window (application);
  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);

  g_assert_cmpstr (grant_test_row_text (window, "issuer_row"), ==,
                   grant_practice_provider_get_issuer (provider ()));
  g_assert_true (g_str_has_prefix (grant_test_row_text (window, "issuer_row"),
                                   "http://127.0.0.1:"));
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, GRANT_PRACTICE_CLIENT_PUBLIC);
  g_assert_cmpstr (grant_test_row_text (window, "redirect_uri_row"), ==,
                   "http://127.0.0.1/callback");
  g_assert_cmpstr (grant_test_row_text (window, "scope_row"), ==,
                   "openid profile offline_access photos:read");
  g_assert_cmpuint (adw_combo_row_get_selected (grant_test_form_child (window, "auth_method_row")),
                    ==,
                    GRANT_CLIENT_AUTH_NONE);
  g_assert_cmpint (grant_flow_form_get_flow_kind (grant_test_window_child (window, "flow_form")),
                   ==,
                   GRANT_FLOW_KIND_AUTHORIZATION_CODE);
  g_assert_true (grant_flow_form_get_pkce (grant_test_window_child (window, "flow_form"), &method));
  g_assert_cmpint (method, ==, GRANT_PKCE_METHOD_S256);
  g_assert_cmpstr (adw_status_page_get_title (grant_test_window_child (window, "empty_state")), ==,
                   "Ready to Run");

  /* The login page, then the consent page. */
  g_assert_cmpuint (run_in_browser (window), >=, 2);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);

  inspector = grant_test_window_child (window, "inspector");
  g_assert_cmpint (fact (window, "PKCE match"), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (fact (window, "state match"), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (fact (window, "nonce match"), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (fact (window, "iss"), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (fact (window, "ID token signature"), ==, GRANT_CHECK_PASSED);
  facts = grant_inspector_get_facts (inspector);
  n = g_list_model_get_n_items (facts);
  g_assert_cmpuint (n, >, 15);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (facts, i);

      if (grant_check_get_status (check) == GRANT_CHECK_FAILED)
        g_test_message ("failed: %s: %s", grant_check_get_name (check),
                        grant_check_get_reason (check));
      g_assert_cmpint (grant_check_get_status (check), !=, GRANT_CHECK_FAILED);
    }
  g_assert_nonnull (grant_inspector_get_value (inspector, "Access token"));
  g_assert_nonnull (grant_inspector_get_value (inspector, "Refresh token"));
  g_assert_true (g_str_has_prefix (grant_inspector_get_value (inspector, "ID token signature"),
                                   "Verified: the RS256 signature"));

  /* Presenter mode enlarges the browser's pages with the rest, for the room, and back. */
  {
    GtkWidget *browser = gtk_stack_get_child_by_name (grant_test_window_child (window,
                                                                               "centre_stack"),
                                                      "browser");
    GSettings *settings = grant_application_get_settings (application);
    double scale = g_settings_get_double (settings, "presenter-font-scale");

    g_assert_cmpfloat (scale, >, 1.0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.presenter-mode", NULL);
    g_assert_cmpfloat_with_epsilon (
      webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (web_view_of (browser))), scale, 1e-9);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.presenter-mode", NULL);
    g_assert_cmpfloat_with_epsilon (
      webkit_web_view_get_zoom_level (WEBKIT_WEB_VIEW (web_view_of (browser))), 1.0, 1e-9);
  }

  grant_test_close_all_windows (application);
}

static GrantPracticePage *
show_practice_page (GrantWindow *window)
{
  GrantPracticePage *page = grant_test_window_child (window, "practice_page");

  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "practice");
  grant_test_iterate_until_idle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (grant_practice_page_get_provider (page) == provider ());

  return page;
}

/* A fault switch on the page is the provider's: activating its row (as Space or a click
 * does) turns the fault on; the provider turning it off moves the switch back; the number
 * follows its spin button; Turn All Off turns everything off. */
static void
test_fault_switches (void)
{
  GrantWindow *window = grant_test_open_window (application);
  GrantPracticePage *page = show_practice_page (window);
  GtkSwitch *wrong_state = grant_practice_page_get_fault_switch (page,
                                                                 GRANT_PRACTICE_FAULT_WRONG_STATE);
  GtkSwitch *short_tokens =
    grant_practice_page_get_fault_switch (page, GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS);
  GtkSpinButton *seconds =
    grant_practice_page_get_fault_spin_button (page, GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (wrong_state), ADW_TYPE_ACTION_ROW);

  /* One row per fault, titled as the fault's info says. */
  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      GtkWidget *fault_row =
        gtk_widget_get_ancestor (GTK_WIDGET (grant_practice_page_get_fault_switch (page, i)),
                                 ADW_TYPE_ACTION_ROW);

      g_assert_nonnull (fault_row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (fault_row)), ==,
                       grant_practice_fault_get_info (i)->title);
      g_assert_true ((grant_practice_page_get_fault_spin_button (page, i) != NULL)
                     == (grant_practice_fault_get_info (i)->value_label != NULL));
    }

  g_assert_false (grant_practice_provider_get_fault (provider (),
                                                    GRANT_PRACTICE_FAULT_WRONG_STATE));
  g_assert_false (gtk_switch_get_active (wrong_state));
  g_assert_true (gtk_widget_activate (row));
  /* The switch moves to its new side before it says so. */
  {
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (!gtk_switch_get_active (wrong_state) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_true (gtk_switch_get_active (wrong_state));
  g_assert_true (grant_practice_provider_get_fault (provider (), GRANT_PRACTICE_FAULT_WRONG_STATE));

  grant_practice_provider_set_fault (provider (), GRANT_PRACTICE_FAULT_WRONG_STATE, FALSE);
  g_assert_false (gtk_switch_get_active (wrong_state));

  g_assert_cmpint (gtk_spin_button_get_value_as_int (seconds), ==, 30);
  gtk_spin_button_set_value (seconds, 5);
  g_assert_cmpuint (grant_practice_provider_get_fault_value (
                      provider (), GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS), ==, 5);
  gtk_switch_set_active (short_tokens, TRUE);
  g_assert_true (grant_practice_provider_get_fault (provider (),
                                                   GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS));
  grant_practice_provider_set_fault_value (provider (), GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS,
                                           60);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (seconds), ==, 60);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "practice.reset-faults", NULL));
  g_assert_false (gtk_switch_get_active (short_tokens));
  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    g_assert_false (grant_practice_provider_get_fault (provider (), i));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (seconds), ==, 30);

  grant_test_close_all_windows (application);
}

/* The wrong-state switch, turned on from the page, breaks the next flow as it says: the state
 * check fails in the inspector and no code is exchanged. */
static void
test_wrong_state_fault (void)
{
  GrantWindow *window = grant_test_open_window (application);
  GrantPracticePage *page;

  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);
  page = show_practice_page (window);
  gtk_switch_set_active (grant_practice_page_get_fault_switch (page,
                                                               GRANT_PRACTICE_FAULT_WRONG_STATE),
                         TRUE);
  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "workbench");

  run_in_browser (window);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==, GRANT_FLOW_FAILED);
  g_assert_cmpint (fact (window, "state match"), ==, GRANT_CHECK_FAILED);
  g_assert_cmpint (fact (window, "state"), ==, GRANT_CHECK_FAILED);

  grant_practice_provider_set_fault (provider (), GRANT_PRACTICE_FAULT_WRONG_STATE, FALSE);
  grant_test_close_all_windows (application);
}

static gboolean
flow_page_shown (GrantWindow *window)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (
                      grant_test_window_child (window, "view_stack")),
                    "workbench") == 0;
}

/* A demo client's Use button fills in the Flow page for it and shows that page; the flow it
 * chose then works: practice-machine, client credentials with its secret. */
static void
test_use_client (void)
{
  GrantWindow *window = grant_test_open_window (application);
  GrantPracticePage *page;
  GtkWidget *use;

  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);
  page = show_practice_page (window);
  use = grant_practice_page_get_use_button (page, GRANT_PRACTICE_CLIENT_MACHINE);
  g_assert_nonnull (use);
  g_assert_true (gtk_widget_is_sensitive (use));
  g_assert_true (gtk_widget_activate (use));
  /* A button activated from the keyboard is clicked once it has shown itself pressed. */
  grant_test_wait_for_window (flow_page_shown, window, 5);

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     grant_test_window_child (window, "view_stack")), ==,
                   "workbench");
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==,
                   GRANT_PRACTICE_CLIENT_MACHINE);
  g_assert_cmpstr (grant_test_row_text (window, "client_secret_row"), ==,
                   "practice-machine-secret");
  g_assert_cmpuint (adw_combo_row_get_selected (grant_test_form_child (window, "auth_method_row")),
                    ==,
                    GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  g_assert_cmpint (grant_flow_form_get_flow_kind (grant_test_window_child (window, "flow_form")),
                   ==,
                   GRANT_FLOW_KIND_CLIENT_CREDENTIALS);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 30);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);
  g_assert_nonnull (grant_inspector_get_value (grant_test_window_child (window, "inspector"),
                                               "Access token"));

  grant_test_close_all_windows (application);
}

/* The URLs of the workspace's saved requests, in order. */
static char *
saved_request_urls (void)
{
  GrantWorkspace *workspace = grant_application_get_workspace (application);
  g_autoptr(JsonNode) requests = grant_workspace_dup_section (workspace, "requests");
  JsonArray *array = json_node_get_array (requests);
  g_autoptr(GString) urls = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (urls, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (array,
                                                                                          i),
                                                           "url"));

  return g_strdup (urls->str);
}

/* A form saved with the practice provider on another of its default ports moves to the port
 * it has now, and the saved requests to its API with it; a form saved with another issuer
 * stays as it was. */
static void
test_issuer_moved (void)
{
  g_autofree char *path = NULL;
  g_autofree char *elsewhere = NULL;
  guint port = grant_practice_provider_get_port (provider ());
  guint other_port = port == GRANT_PRACTICE_DEFAULT_PORT + 9 ? GRANT_PRACTICE_DEFAULT_PORT + 8
                                                             : GRANT_PRACTICE_DEFAULT_PORT + 9;
  g_autofree char *saved = NULL;
  g_autofree char *expected_urls = NULL;
  g_autofree char *urls = NULL;
  GrantWindow *window;

  /* Two to the practice API on the old port; one to a port that only starts alike; one
   * elsewhere. */
  saved = g_strdup_printf ("{\"issuer\": \"http://127.0.0.1:%u\", "
                           "\"client_id\": \"practice-web\", \"requests\": ["
                           "{\"method\": \"GET\", \"url\": \"http://127.0.0.1:%u/api/photos\"},"
                           "{\"method\": \"GET\", \"url\": \"http://127.0.0.1:%u0/api/photos\"},"
                           "{\"method\": \"GET\", \"url\": \"https://api.example/photos\"},"
                           "{\"method\": \"POST\", \"url\": \"http://127.0.0.1:%u/api/photos?x=1\","
                           "\"body\": \"{}\", \"content_type\": \"application/json\"}]}",
                           other_port, other_port, other_port, other_port);
  expected_urls = g_strdup_printf ("%s/api/photos http://127.0.0.1:%u0/api/photos "
                                   "https://api.example/photos %s/api/photos?x=1",
                                   grant_practice_provider_get_issuer (provider ()), other_port,
                                   grant_practice_provider_get_issuer (provider ()));

  path = grant_test_use_form (application, saved);
  window = grant_test_open_window (application);
  g_assert_cmpstr (grant_test_row_text (window, "issuer_row"), ==,
                   grant_practice_provider_get_issuer (provider ()));
  urls = saved_request_urls ();
  g_assert_cmpstr (urls, ==, expected_urls);
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==,
                   GRANT_PRACTICE_CLIENT_CONFIDENTIAL);
  /* The demo secret is public, and a secret is never saved: it comes back. */
  g_assert_cmpstr (grant_test_row_text (window, "client_secret_row"), ==, "practice-web-secret");
  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);
  grant_test_close_all_windows (application);

  elsewhere = grant_test_use_form (application, "{\"issuer\": \"http://127.0.0.1:9/elsewhere\"}");
  window = grant_test_open_window (application);
  g_assert_cmpstr (grant_test_row_text (window, "issuer_row"), ==, "http://127.0.0.1:9/elsewhere");
  grant_test_close_all_windows (application);
}

static gboolean
practice_error_set (gpointer data)
{
  return grant_application_get_practice_error (data) != NULL;
}

/* A practice provider that cannot start breaks nothing else: the application says why, and the
 * first run shows its empty form as it would without one. */
static void
test_cannot_start (void)
{
  g_autofree char *path = NULL;
  /* Another id, so that both applications can be on the session bus in one process. */
  g_autoptr(GrantApplication) other = g_object_new (GRANT_TYPE_APPLICATION,
                                                    "application-id", GRANT_APP_ID ".CannotStart",
                                                    "resource-base-path", GRANT_RESOURCE_BASE_PATH,
                                                    NULL);
  g_autoptr(GError) error = NULL;
  GrantPracticeProvider *other_provider;
  GtkWindow *window;

  g_application_set_flags (G_APPLICATION (other), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (other), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (other));
  path = grant_test_use_form (other, NULL);

  /* An address of another machine (TEST-NET-3): it cannot listen there. */
  other_provider = grant_application_get_practice_provider (other);
  grant_practice_provider_set_listen_address (other_provider, "203.0.113.7");
  g_action_group_activate_action (G_ACTION_GROUP (other), "new-window", NULL);
  grant_test_iterate_until_idle ();
  window = gtk_application_get_active_window (GTK_APPLICATION (other));
  g_assert_true (GRANT_IS_WINDOW (window));

  grant_test_wait_until (practice_error_set, other, 10);
  g_test_message ("%s", grant_application_get_practice_error (other));
  g_assert_nonnull (strstr (grant_application_get_practice_error (other), "could not start"));
  g_assert_false (grant_practice_provider_get_running (other_provider));
  grant_test_iterate_until_idle ();

  g_assert_cmpstr (grant_test_row_text (GRANT_WINDOW (window), "issuer_row"), ==, "");
  g_assert_cmpstr (adw_status_page_get_title (
                     grant_test_window_child (GRANT_WINDOW (window), "empty_state")), ==,
                   "No Authorization Server Yet");
  g_assert_false (gtk_widget_is_sensitive (
    grant_practice_page_get_use_button (grant_test_window_child (GRANT_WINDOW (window),
                                                                 "practice_page"),
                                        GRANT_PRACTICE_CLIENT_PUBLIC)));

  gtk_window_destroy (window);
  grant_test_iterate_until_idle ();
  g_application_release (G_APPLICATION (other));
}

static void
test_default_issuer (void)
{
  g_assert_true (grant_practice_is_default_issuer ("http://127.0.0.1:47120"));
  g_assert_true (grant_practice_is_default_issuer ("http://127.0.0.1:47129/"));
  g_assert_false (grant_practice_is_default_issuer ("http://127.0.0.1:47130"));
  g_assert_false (grant_practice_is_default_issuer ("http://127.0.0.1:47119"));
  g_assert_false (grant_practice_is_default_issuer ("https://127.0.0.1:47120"));
  g_assert_false (grant_practice_is_default_issuer ("http://localhost:47120"));
  g_assert_false (grant_practice_is_default_issuer ("http://127.0.0.1:47120/tenant"));
  g_assert_false (grant_practice_is_default_issuer ("http://127.0.0.1"));
  g_assert_false (grant_practice_is_default_issuer ("not a URL"));
  g_assert_false (grant_practice_is_default_issuer (""));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *user_dirs = NULL;
  int status;

  /* gtk_test_init () drops G_TEST_OPTION_ISOLATE_DIRS: without folders of its own, the test
   * would read and write the user's saved form. */
  user_dirs = grant_test_isolate_user_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = grant_test_application_new ();

  g_test_add_func ("/grant/ui/practice/default-issuer", test_default_issuer);
  g_test_add_func ("/grant/ui/practice/first-run-flow", test_first_run_flow);
  g_test_add_func ("/grant/ui/practice/fault-switches", test_fault_switches);
  g_test_add_func ("/grant/ui/practice/wrong-state-fault", test_wrong_state_fault);
  g_test_add_func ("/grant/ui/practice/use-client", test_use_client);
  g_test_add_func ("/grant/ui/practice/issuer-moved", test_issuer_moved);
  g_test_add_func ("/grant/ui/practice/cannot-start", test_cannot_start);

  status = g_test_run ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);

  grant_test_remove_tree (user_dirs);
  return status;
}
