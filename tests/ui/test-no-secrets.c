/* test-no-secrets.c
 * After full flows with a known client secret, a refresh token and a private key, none of
 * them is in the workspace file, in the default HAR and curl exports, or in what Grant prints
 * with G_MESSAGES_DEBUG=all. The flows run in a child process whose output is searched.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "grant-application.h"
#include "grant-flow-form.h"
#include "grant-har.h"
#include "grant-log-page.h"
#include "grant-refresh-flow.h"
#include "grant-test-dirs.h"
#include "grant-test-ui.h"
#include "grant-test-form.h"
#include "grant-test-provider.h"
#include "grant-window.h"

#define CLIENT_SECRET "practice-web-secret"

static GrantApplication *application;

static gboolean
practice_running (gpointer data)
{
  return grant_practice_provider_get_running (grant_application_get_practice_provider (application));
}

static gboolean
discovered (GrantWindow *window)
{
  return *gtk_editable_get_text (grant_test_form_row (window, "token_endpoint_row")) != '\0';
}

/* Where the child leaves what the parent cannot know beforehand: the refresh token. */
static char *
refresh_token_file (void)
{
  return g_build_filename (g_get_user_data_dir (), "..", "refresh-token", NULL);
}

static char *
private_key_jwk (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "provider", "keys",
                                                 "grant-private-key-jwt.jwk.json", NULL);
  char *jwk = NULL;

  g_assert_true (g_file_get_contents (path, &jwk, NULL, NULL));

  return jwk;
}

/* The private key's secret part: "d". */
static char *
private_key_d (void)
{
  g_autofree char *jwk = private_key_jwk ();
  g_autoptr(JsonNode) node = json_from_string (jwk, NULL);

  return g_strdup (json_object_get_string_member (json_node_get_object (node), "d"));
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree char *secret = grant_secret_store_lookup_finish (GRANT_SECRET_STORE (object), result,
                                                              NULL);

  *(int *) user_data = secret != NULL ? 1 : 0;
}

/* Whether the secret store has a refresh token for the form's client now. */
static gboolean
refresh_token_kept (gpointer data)
{
  GrantWindow *window = data;
  int found = -1;

  grant_secret_store_lookup_async (grant_application_get_secret_store (application),
                                   grant_workspace_get_id (grant_application_get_workspace (application)),
                                   grant_flow_form_get_workspace_client (grant_test_window_child (window, "flow_form")),
                                   GRANT_SECRET_REFRESH_TOKEN, NULL, looked_up_cb, &found);
  while (found < 0)
    g_main_context_iteration (NULL, TRUE);

  return found == 1;
}

/* The window's flow is another than @data, and done. */
static gboolean
refreshed (gpointer data)
{
  GrantWindow *window =
    GRANT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));

  return grant_window_get_flow (window) != data && grant_test_flow_done (window);
}

static void
run (GrantWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 30);
  if (grant_flow_get_error (grant_window_get_flow (window)) != NULL)
    g_printerr ("The flow failed: %s\n", grant_flow_get_error (grant_window_get_flow (window))->message);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);
}

static void
assert_absent (const char         *where,
               const char         *text,
               const char * const *secrets)
{
  for (guint i = 0; secrets[i] != NULL; i++)
    if (strstr (text, secrets[i]) != NULL)
      g_error ("%s holds the secret %s", where, secrets[i]);
}

/* The child: a password-grant flow at the practice provider with practice-web's secret (it
 * gives a refresh token), then client credentials at oidc-provider with private_key_jwt. */
static void
run_flows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantTestProvider) fixture = grant_test_provider_start (&error);
  GrantPracticeProvider *practice = grant_application_get_practice_provider (application);
  g_autofree char *form = NULL;
  g_autofree char *refresh_path = refresh_token_file ();
  g_autofree char *jwk = private_key_jwk ();
  g_autofree char *d = private_key_d ();
  g_autofree char *workspace_text = NULL;
  g_autofree char *har = NULL;
  const char *refresh_token;
  const char *secrets[4] = { CLIENT_SECRET, NULL, NULL, NULL };
  GrantWindow *window;
  GListModel *log;

  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (application));
  window = GRANT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  grant_test_wait_until (practice_running, window, 30);

  form = g_strdup_printf ("{\"issuer\": \"%s\", \"client_id\": \"practice-web\", "
                          "\"token_endpoint_auth_method\": %d, \"scope\": \"openid "
                          "offline_access photos:read\", \"username\": \"alice\"}",
                          grant_practice_provider_get_issuer (practice),
                          GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  g_free (grant_test_use_form (application, form));
  /* After the workspace is opened: its switches are the provider's from then on. */
  grant_practice_provider_set_fault (practice, GRANT_PRACTICE_FAULT_PASSWORD_GRANT, TRUE);
  grant_test_wait_for_window (discovered, window, 30);
  gtk_editable_set_text (grant_test_form_row (window, "client_secret_row"), CLIENT_SECRET);
  gtk_editable_set_text (grant_test_form_row (window, "password_row"), "practice");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"), GRANT_FLOW_KIND_PASSWORD);
  run (window);
  refresh_token = grant_token_response_get_refresh_token (grant_flow_get_token_response (grant_window_get_flow (window)));
  g_assert_nonnull (refresh_token);
  g_assert_true (g_file_set_contents (refresh_path, refresh_token, -1, NULL));
  secrets[1] = refresh_token;

  /* Kept in the keyring from the Tokens page, then used from the main menu. */
  g_signal_emit_by_name (grant_test_window_child (window, "token_list"), "operation",
                         grant_window_get_flow (window), "keep");
  grant_test_wait_until (refresh_token_kept, window, 30);
  {
    g_autoptr(GrantFlow) password_flow = g_object_ref (grant_window_get_flow (window));

    gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh-kept", NULL);
    grant_test_wait_until (refreshed, password_flow, 30);
    g_assert_true (GRANT_IS_REFRESH_FLOW (grant_window_get_flow (window)));
    g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                     GRANT_FLOW_SUCCEEDED);
  }

  /* The second flow goes on in the same window, so the log holds both. */
  g_clear_pointer (&form, g_free);
  form = g_strdup_printf ("{\"issuer\": \"%s\", \"client_id\": \"grant-private-key-jwt\", "
                          "\"token_endpoint_auth_method\": %d, \"scope\": \"photos:read\"}",
                          grant_test_provider_get_issuer (fixture),
                          GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT);
  g_free (grant_test_use_form (application, form));
  grant_test_wait_for_window (discovered, window, 30);
  g_assert_true (grant_flow_form_set_private_key_data (grant_test_window_child (window, "flow_form"), jwk, &error));
  g_assert_no_error (error);
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"), GRANT_FLOW_KIND_CLIENT_CREDENTIALS);
  run (window);
  secrets[2] = d;

  /* The workspace file, once saved; the default HAR export; every request as curl. */
  grant_flow_form_flush (grant_test_window_child (window, "flow_form"));
  g_assert_true (grant_workspace_save (grant_application_get_workspace (application), &error));
  g_assert_true (g_file_get_contents (grant_workspace_get_path (grant_application_get_workspace (application)),
                                      &workspace_text, NULL, NULL));
  assert_absent ("The workspace file", workspace_text, secrets);

  log = G_LIST_MODEL (grant_log_page_get_log (grant_test_window_child (window, "log_page")));
  g_assert_cmpuint (g_list_model_get_n_items (log), >=, 4);
  har = grant_har_export (log, GRANT_HAR_NONE, NULL);
  assert_absent ("The HAR export", har, secrets);
  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);
      g_autofree char *curl = grant_http_request_dup_curl_command (grant_exchange_get_request (exchange),
                                                                   FALSE);

      assert_absent ("A curl command", curl, secrets);
    }

  grant_test_application_quit (application);
}

static void
test_no_secrets (void)
{
  g_autofree char *refresh_path = refresh_token_file ();
  g_autofree char *refresh_token = NULL;
  g_autofree char *d = private_key_d ();
  const char *secrets[3];

  /* Everything Grant logs, debug messages too. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_trap_subprocess ("/grant/ui/no-secrets/subprocess/flows", 180 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  if (!g_test_trap_has_passed ())
    g_test_trap_assert_stderr ("no failure");
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_test_trap_assert_passed ();

  g_assert_true (g_file_get_contents (refresh_path, &refresh_token, NULL, NULL));
  secrets[0] = CLIENT_SECRET;
  secrets[1] = refresh_token;
  secrets[2] = d;
  /* The child did log, debug messages and all: the search is not of an empty output. */
  g_test_trap_assert_stdout ("*-DEBUG: *");
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *pattern = g_strconcat ("*", secrets[i], "*", NULL);

      /* The values are base64url or plain words: no glob characters in them. */
      g_assert_null (strpbrk (secrets[i], "*?"));
      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *user_dirs = NULL;
  gboolean subprocess = FALSE;
  int status;

  for (int i = 1; i < argc; i++)
    subprocess |= g_str_equal (argv[i], "--GTestSubprocess");
  if (!subprocess)
    user_dirs = grant_test_isolate_user_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = grant_test_application_new ();

  g_test_add_func ("/grant/ui/no-secrets", test_no_secrets);
  g_test_add_func ("/grant/ui/no-secrets/subprocess/flows", run_flows);

  status = g_test_run ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  if (user_dirs != NULL)
    grant_test_remove_tree (user_dirs);

  return status;
}
