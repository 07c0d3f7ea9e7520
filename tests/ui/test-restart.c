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
#include "grant-test-ui.h"
#include "grant-window.h"

/* A client secret typed in the first run: it must never reach the workspace file. */
#define TYPED_SECRET "restart-typed-secret-7f3a"

static GrantApplication *application;

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
  grant_test_wait_until (practice_running, NULL, 30);
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
  GrantRequestPage *requests = grant_test_window_child (window, "request_page");
  g_autofree char *url = api_url ();

  gtk_editable_set_text (grant_test_form_row (window, "client_id_row"), "practice-web");
  gtk_editable_set_text (grant_test_form_row (window, "client_secret_row"), TYPED_SECRET);
  gtk_editable_set_text (grant_test_form_row (window, "scope_row"), "openid photos:write");
  gtk_editable_set_text (grant_test_form_row (window, "parameters_row"), "prompt=login");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"), GRANT_FLOW_KIND_CLIENT_CREDENTIALS);

  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT, TRUE);
  grant_practice_provider_set_fault_value (practice, GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT,
                                           1234);

  grant_request_page_set_request (requests, "GET", url, 0, NULL);
  grant_request_page_send (requests);
  grant_test_wait_until (request_answered, requests, 30);

  /* Quit as the user does: every window closes, and the application saves. */
  grant_test_application_quit (application);
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
  g_assert_cmpstr (gtk_editable_get_text (grant_test_form_row (window, "client_id_row")), ==, "practice-web");
  g_assert_cmpstr (gtk_editable_get_text (grant_test_form_row (window, "scope_row")), ==,
                   "openid photos:write");
  g_assert_cmpstr (gtk_editable_get_text (grant_test_form_row (window, "parameters_row")), ==,
                   "prompt=login");
  g_assert_cmpint (grant_flow_form_get_flow_kind (grant_test_window_child (window, "flow_form")), ==,
                   GRANT_FLOW_KIND_CLIENT_CREDENTIALS);
  g_assert_cmpstr (gtk_editable_get_text (grant_test_form_row (window, "issuer_row")), ==,
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

  grant_test_application_quit (application);
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

  banner = grant_test_window_child (window, "workspace_banner");
  label = grant_test_window_child (window, "workspace_banner_label");
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_test_message ("%s", gtk_label_get_text (label));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "read-only"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "newer Grant"));

  gtk_editable_set_text (grant_test_form_row (window, "client_id_row"), "typed-in-a-read-only-workspace");
  grant_test_application_quit (application);

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
  int status;
  gboolean subprocess = FALSE;

  /* The two runs share the parent's temporary folders, as two runs of Grant share the user's. */
  for (int i = 1; i < argc; i++)
    subprocess |= g_str_equal (argv[i], "--GTestSubprocess");
  if (!subprocess)
    user_dirs = grant_test_isolate_user_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = grant_test_application_new ();

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
