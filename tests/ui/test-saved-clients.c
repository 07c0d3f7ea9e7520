/* test-saved-clients.c
 * A workspace's saved clients in the flow form: the Client group's menu lists them, and the
 * form switches between them, each with its provider, settings and secrets; a new client of
 * the same provider; a client removed with its secrets, and brought back by Undo.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "grant-application.h"
#include "grant-flow-form.h"
#include "grant-practice-provider.h"
#include "grant-test-dirs.h"
#include "grant-test-ui.h"
#include "grant-window.h"
#include "grant-workspace.h"

/* Nothing listens on port 9: discovery fails at once, which these tests do not mind. */
static const char workspace_text[] =
  "{ \"format\": \"grant-workspace\", \"version\": 1, \"id\": \"saved-clients-test\","
  "  \"providers\": ["
  "    { \"id\": \"p1\", \"issuer\": \"http://127.0.0.1:9/one\" },"
  "    { \"id\": \"p2\", \"issuer\": \"http://127.0.0.1:9/two\" } ],"
  "  \"clients\": ["
  "    { \"id\": \"c1\", \"provider\": \"p1\", \"client_id\": \"first-app\","
  "      \"scope\": \"openid photos:read\", \"username\": \"ann\" },"
  "    { \"id\": \"c2\", \"provider\": \"p2\", \"client_id\": \"second-app\","
  "      \"scope\": \"openid\" } ],"
  "  \"selection\": { \"client\": \"c1\" } }";

static GrantApplication *application;

static gboolean
practice_running (GrantWindow *window)
{
  GrantPracticeProvider *practice = grant_application_get_practice_provider (application);

  return practice != NULL && grant_practice_provider_get_running (practice);
}

static GrantWindow *
open_workspace_text (const char *text)
{
  static guint serial;
  g_autofree char *name = g_strdup_printf ("saved-clients-%u.json", ++serial);
  g_autofree char *directory = g_build_filename (g_get_user_data_dir (), "grant", NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  grant_application_open_workspace (application, path);

  return grant_test_open_window (application);
}

static GrantWindow *
open_workspace (void)
{
  return open_workspace_text (workspace_text);
}

static GrantFlowForm *
form_of (GrantWindow *window)
{
  return grant_test_window_child (window, "flow_form");
}

static void
type_into (GrantWindow *window,
           const char  *row,
           const char  *text)
{
  gtk_editable_set_text (grant_test_form_row (window, row), text);
}

/* The workspace's clients' client_ids, in order, and the selected client's id. */
static char *
saved_clients (void)
{
  GrantWorkspace *workspace = grant_application_get_workspace (application);
  g_autoptr(JsonNode) clients = grant_workspace_dup_section (workspace, "clients");
  g_autoptr(JsonNode) selection = grant_workspace_dup_section (workspace, "selection");
  JsonArray *array = json_node_get_array (clients);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *client = json_array_get_object_element (array, i);

      g_string_append_printf (text, "%s=%s ", json_object_get_string_member (client, "id"),
                              json_object_get_string_member_with_default (client, "client_id",
                                                                          ""));
    }
  g_string_append_printf (text, "selected=%s",
                          json_object_get_string_member (json_node_get_object (selection),
                                                         "client"));

  return g_string_free (text, FALSE);
}

/* The Saved Clients menu, as it is made when it opens: its first section's labels. */
static char *
menu_labels (GrantWindow *window)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (
                                            GTK_WIDGET (form_of (window)), GRANT_TYPE_FLOW_FORM,
                                            "clients_button"));
  GMenuModel *menu;
  g_autoptr(GMenuModel) saved = NULL;
  GString *text = g_string_new (NULL);

  gtk_menu_button_popup (button);
  grant_test_iterate_until_idle ();
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  saved = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  for (int i = 0; i < g_menu_model_get_n_items (saved); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (saved, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", label);
    }
  gtk_menu_button_popdown (button);

  return g_string_free (text, FALSE);
}

static gboolean
secret_is (gpointer data)
{
  GrantWindow *window = g_object_get_data (data, "window");

  return g_strcmp0 (gtk_editable_get_text (grant_test_form_row (window, "client_secret_row")),
                    g_object_get_data (data, "secret")) == 0;
}

static void
wait_for_secret (GrantWindow *window,
                 const char  *secret)
{
  g_autoptr(GObject) data = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (data, "window", window);
  g_object_set_data_full (data, "secret", g_strdup (secret), g_free);
  grant_test_wait_until (secret_is, data, 10);
}

/* Each client comes back with its provider, its settings and its own secret; the menu lists
 * them all, and the action switches as the menu does. */
static void
test_switch (void)
{
  GrantWindow *window = open_workspace ();
  GrantFlowForm *form = form_of (window);
  g_autofree char *labels = NULL;
  g_autofree char *clients = NULL;

  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, "first-app");
  labels = menu_labels (window);
  g_assert_cmpstr (labels, ==, "first-app · 127.0.0.1:9; second-app · 127.0.0.1:9");

  type_into (window, "client_secret_row", "first-secret");
  type_into (window, "parameters_row", "prompt=login");

  gtk_widget_activate_action (GTK_WIDGET (form), "form.client", "s", "c2");
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, "second-app");
  g_assert_cmpstr (grant_test_row_text (window, "issuer_row"), ==, "http://127.0.0.1:9/two");
  g_assert_cmpstr (grant_test_row_text (window, "scope_row"), ==, "openid");
  /* Nothing of the first client stays in the second's rows. */
  g_assert_cmpstr (grant_test_row_text (window, "client_secret_row"), ==, "");
  g_assert_cmpstr (grant_test_row_text (window, "username_row"), ==, "");
  g_assert_cmpstr (grant_test_row_text (window, "parameters_row"), ==, "");
  clients = saved_clients ();
  g_assert_cmpstr (clients, ==, "c1=first-app c2=second-app selected=c2");

  /* Back: the settings typed before the switch were kept, the secret comes from the keyring
   * (in memory here). */
  grant_flow_form_select_client (form, "c1");
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, "first-app");
  g_assert_cmpstr (grant_test_row_text (window, "issuer_row"), ==, "http://127.0.0.1:9/one");
  g_assert_cmpstr (grant_test_row_text (window, "username_row"), ==, "ann");
  g_assert_cmpstr (grant_test_row_text (window, "parameters_row"), ==, "prompt=login");
  wait_for_secret (window, "first-secret");

  /* And the second client never got the first one's secret. */
  grant_flow_form_select_client (form, "c2");
  grant_test_iterate_until_idle ();
  g_usleep (200 * 1000);
  grant_test_iterate_until_idle ();
  g_assert_cmpstr (grant_test_row_text (window, "client_secret_row"), ==, "");

  grant_test_close_all_windows (application);
}

/* A new client keeps the provider and starts with empty client rows; it is saved once it has
 * a client_id, next to the others. */
static void
test_new_client (void)
{
  GrantWindow *window = open_workspace ();
  GrantFlowForm *form = form_of (window);
  g_autofree char *clients = NULL;
  g_autofree char *labels = NULL;

  type_into (window, "client_secret_row", "first-secret");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.new-client", NULL);
  g_assert_cmpstr (grant_test_row_text (window, "issuer_row"), ==, "http://127.0.0.1:9/one");
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, "");
  g_assert_cmpstr (grant_test_row_text (window, "client_secret_row"), ==, "");
  g_assert_cmpstr (grant_test_row_text (window, "scope_row"), ==, "");

  type_into (window, "client_id_row", "third-app");
  grant_flow_form_flush (form);
  clients = saved_clients ();
  g_assert_cmpstr (clients, ==, "c1=first-app c2=second-app c3=third-app selected=c3");
  labels = menu_labels (window);
  g_assert_cmpstr (labels, ==,
                   "first-app · 127.0.0.1:9; second-app · 127.0.0.1:9; third-app · 127.0.0.1:9");

  grant_test_close_all_windows (application);
}

static void
find_undo (GtkWidget *widget,
           gpointer   user_data)
{
  GtkWidget **button = user_data;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL
      && g_str_equal (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo"))
    *button = widget;
}

/* Remove takes the client and its secret out; Undo puts both back and shows it again. The
 * last client removed leaves an empty form. */
static void
test_remove_and_undo (void)
{
  GrantWindow *window = open_workspace ();
  GrantFlowForm *form = form_of (window);
  GtkWidget *undo = NULL;
  g_autofree char *after_remove = NULL;
  g_autofree char *after_undo = NULL;

  type_into (window, "client_secret_row", "first-secret");
  grant_flow_form_flush (form);

  gtk_widget_activate_action (GTK_WIDGET (form), "form.remove-client", NULL);
  after_remove = saved_clients ();
  g_assert_cmpstr (after_remove, ==, "c2=second-app selected=c2");
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, "second-app");

  grant_test_iterate_until_idle ();
  grant_test_walk_widgets (GTK_WIDGET (window), find_undo, &undo);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  grant_test_iterate_until_idle ();
  after_undo = saved_clients ();
  g_assert_cmpstr (after_undo, ==, "c2=second-app c1=first-app selected=c1");
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, "first-app");
  g_assert_cmpstr (grant_test_row_text (window, "issuer_row"), ==, "http://127.0.0.1:9/one");
  wait_for_secret (window, "first-secret");

  /* Both removed: an empty form, and no client is saved until it names one. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.remove-client", NULL);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.remove-client", NULL);
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, "");
  g_assert_cmpstr (grant_test_row_text (window, "issuer_row"), ==, "");
  g_assert_cmpstr (grant_test_row_text (window, "client_secret_row"), ==, "");
  grant_flow_form_flush (form);
  {
    GrantWorkspace *workspace = grant_application_get_workspace (application);
    g_autoptr(JsonNode) clients = grant_workspace_dup_section (workspace, "clients");

    g_assert_cmpuint (json_array_get_length (json_node_get_array (clients)), ==, 0);
  }

  grant_test_close_all_windows (application);
}

/* A demo client of the running practice provider gets its public secret back when the form
 * shows it, as on the first run. */
static void
test_practice_demo_secret (void)
{
  GrantWindow *window = open_workspace ();
  GrantPracticeProvider *practice;
  g_autofree char *text = NULL;

  grant_test_wait_for_window (practice_running, window, 30);
  practice = grant_application_get_practice_provider (application);
  grant_test_close_all_windows (application);

  text = g_strdup_printf ("{ \"format\": \"grant-workspace\", \"version\": 1, \"id\": \"demo\","
                          "  \"providers\": [ { \"id\": \"p1\", \"issuer\": \"%s\" } ],"
                          "  \"clients\": ["
                          "    { \"id\": \"c1\", \"provider\": \"p1\", \"client_id\": \"practice-app\" },"
                          "    { \"id\": \"c2\", \"provider\": \"p1\", \"client_id\": \"practice-web\","
                          "      \"token_endpoint_auth_method\": 1 } ],"
                          "  \"selection\": { \"client\": \"c1\" } }",
                          grant_practice_provider_get_issuer (practice));
  window = open_workspace_text (text);
  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);
  grant_flow_form_select_client (form_of (window), "c2");
  g_assert_cmpstr (grant_test_row_text (window, "client_id_row"), ==, "practice-web");
  g_assert_cmpstr (grant_test_row_text (window, "client_secret_row"), ==, "practice-web-secret");

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

  g_test_add_func ("/grant/ui/saved-clients/switch", test_switch);
  g_test_add_func ("/grant/ui/saved-clients/new-client", test_new_client);
  g_test_add_func ("/grant/ui/saved-clients/remove-and-undo", test_remove_and_undo);
  g_test_add_func ("/grant/ui/saved-clients/practice-demo-secret", test_practice_demo_secret);

  status = g_test_run ();

  grant_test_application_quit (application);
  g_clear_object (&application);

  grant_test_remove_tree (user_dirs);
  return status;
}
