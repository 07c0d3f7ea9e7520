/* test-restart.c
 * Save, quit, start again: what the user set up is back. Each half runs in a process of its
 * own, with the same temporary XDG folders, as two runs of Grant would.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "grant-application.h"
#include "grant-flow-form.h"
#include "grant-request-page.h"
#include "grant-test-dirs.h"
#include "grant-window.h"

/* A client secret typed in the first run: it must never reach the workspace file. */
#define TYPED_SECRET "restart-typed-secret-7f3a"

static GrantApplication *application;

static gpointer
child (GrantWindow *window,
       const char  *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), GRANT_TYPE_WINDOW, name);
}

static GtkEditable *
form_row (GrantWindow *window,
          const char  *name)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (child (window, "flow_form"),
                                                      GRANT_TYPE_FLOW_FORM, name));
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_until (gboolean (*done) (gpointer data),
            gpointer  data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (30, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
}

static gboolean
practice_running (gpointer data)
{
  GrantPracticeProvider *practice = grant_application_get_practice_provider (application);

  g_assert_null (grant_application_get_practice_error (application));
  return grant_practice_provider_get_running (practice);
}

static gboolean
request_answered (gpointer data)
{
  return grant_request_page_get_exchange (data) != NULL
         && grant_exchange_get_state (grant_request_page_get_exchange (data)) != GRANT_EXCHANGE_SENDING;
}

static GrantWindow *
start (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (application));
  wait_until (practice_running, NULL);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_assert_true (GRANT_IS_WINDOW (window));

  return GRANT_WINDOW (window);
}

static char *
api_url (void)
{
  return g_strconcat (grant_practice_provider_get_issuer (grant_application_get_practice_provider (application)),
                      "/api/photos", NULL);
}

/* The first run: a client, a fault switch, a request; then quit. */
static void
run_and_save (void)
{
  GrantWindow *window = start ();
  GrantPracticeProvider *practice = grant_application_get_practice_provider (application);
  GrantRequestPage *requests = child (window, "request_page");
  g_autofree char *url = api_url ();

  gtk_editable_set_text (form_row (window, "client_id_row"), "practice-web");
  gtk_editable_set_text (form_row (window, "client_secret_row"), TYPED_SECRET);
  gtk_editable_set_text (form_row (window, "scope_row"), "openid photos:write");
  gtk_editable_set_text (form_row (window, "parameters_row"), "prompt=login");
  grant_flow_form_set_flow_kind (child (window, "flow_form"), GRANT_FLOW_KIND_CLIENT_CREDENTIALS);

  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT, TRUE);
  grant_practice_provider_set_fault_value (practice, GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT,
                                           1234);

  grant_request_page_set_request (requests, "GET", url, 0, NULL);
  grant_request_page_send (requests);
  wait_until (request_answered, requests);

  /* Quit as the user does: every window closes, and the application saves. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  while (gtk_application_get_windows (GTK_APPLICATION (application)) != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* A child test process exits right after this, without main's clean-up: the provider's
   * thread must not be making keys while OpenSSL's exit handlers run. */
  grant_practice_provider_stop (grant_application_get_practice_provider (application));
}

/* The second run: all of it is back. */
static void
start_again (void)
{
  GrantWindow *window = start ();
  GrantPracticeProvider *practice = grant_application_get_practice_provider (application);
  GrantWorkspace *workspace = grant_application_get_workspace (application);
  g_autoptr(JsonNode) saved = grant_workspace_dup_section (workspace, "requests");
  g_autofree char *url = api_url ();
  g_autofree char *data = NULL;

  g_assert_false (grant_workspace_get_read_only (workspace));
  g_assert_cmpstr (gtk_editable_get_text (form_row (window, "client_id_row")), ==, "practice-web");
  g_assert_cmpstr (gtk_editable_get_text (form_row (window, "scope_row")), ==,
                   "openid photos:write");
  g_assert_cmpstr (gtk_editable_get_text (form_row (window, "parameters_row")), ==,
                   "prompt=login");
  g_assert_cmpint (grant_flow_form_get_flow_kind (child (window, "flow_form")), ==,
                   GRANT_FLOW_KIND_CLIENT_CREDENTIALS);
  g_assert_cmpstr (gtk_editable_get_text (form_row (window, "issuer_row")), ==,
                   grant_practice_provider_get_issuer (practice));

  g_assert_true (grant_practice_provider_get_fault (practice,
                                                    GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT));
  g_assert_cmpuint (grant_practice_provider_get_fault_value (practice,
                                                             GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT),
                    ==, 1234);

  g_assert_nonnull (saved);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (saved)), ==, 1);
  /* The practice provider may have another port of its range this time. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (json_node_get_array (saved), 0),
                                                                  "url"), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_array_get_object_element (json_node_get_array (saved), 0),
                                                                  "url"), "/api/photos"));
  g_assert_true (g_str_has_suffix (url, "/api/photos"));

  /* Whatever the keyring did with it, the secret is not in the file. */
  g_assert_true (g_file_get_contents (grant_workspace_get_path (workspace), &data, NULL, NULL));
  g_assert_null (strstr (data, TYPED_SECRET));

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  while (gtk_application_get_windows (GTK_APPLICATION (application)) != NULL)
    g_main_context_iteration (NULL, TRUE);

  /* A child test process exits right after this, without main's clean-up: the provider's
   * thread must not be making keys while OpenSSL's exit handlers run. */
  grant_practice_provider_stop (grant_application_get_practice_provider (application));
}

/* A workspace Grant cannot read: the window says why, with Save As at hand, and the file is
 * never written, whatever is typed. */
static void
test_read_only (void)
{
  static const char newer[] = "{\"format\": \"grant-workspace\", \"version\": 7, \"id\": \"x\"}";
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "grant", "newer.json", NULL);
  g_autofree char *after = NULL;
  GrantWindow *window;
  GtkRevealer *banner;
  GtkLabel *label;

  g_assert_true (g_file_set_contents (path, newer, -1, NULL));
  window = start ();
  grant_application_open_workspace (application, path);

  banner = child (window, "workspace_banner");
  label = child (window, "workspace_banner_label");
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_test_message ("%s", gtk_label_get_text (label));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "read-only"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "newer Grant"));

  gtk_editable_set_text (form_row (window, "client_id_row"), "typed-in-a-read-only-workspace");
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  while (gtk_application_get_windows (GTK_APPLICATION (application)) != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, newer);

  /* It is first among the recent workspaces, to open again once a newer Grant is there. */
  {
    g_auto(GStrv) recent = g_settings_get_strv (grant_application_get_settings (application),
                                                "recent-workspaces");

    g_assert_cmpstr (recent[0], ==, path);
  }

  grant_practice_provider_stop (grant_application_get_practice_provider (application));
}

static void
test_restart (void)
{
  g_test_trap_subprocess ("/grant/ui/restart/subprocess/save", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_subprocess ("/grant/ui/restart/subprocess/load", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *user_dirs = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  gboolean subprocess = FALSE;

  /* The two runs share the parent's temporary folders, as two runs of Grant share the user's. */
  for (int i = 1; i < argc; i++)
    subprocess |= g_str_equal (argv[i], "--GTestSubprocess");
  if (!subprocess)
    user_dirs = grant_test_isolate_user_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = grant_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (application));

  g_test_add_func ("/grant/ui/restart", test_restart);
  g_test_add_func ("/grant/ui/workspace/read-only", test_read_only);
  g_test_add_func ("/grant/ui/restart/subprocess/save", run_and_save);
  g_test_add_func ("/grant/ui/restart/subprocess/load", start_again);

  status = g_test_run ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  if (user_dirs != NULL)
    grant_test_remove_tree (user_dirs);

  return status;
}
