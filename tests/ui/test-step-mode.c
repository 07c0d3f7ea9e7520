/* test-step-mode.c
 * Step mode in the real window, with the application's practice provider and the real WebKit
 * view: the Step toggle (win.step) pauses the flow before the authorization request, at the
 * redirect capture and before the token request, each step shown with its explanation; the
 * code_verifier removed from the paused token request is not sent, the provider answers
 * invalid_grant, the window says the flow failed and the diagram marks the arrow; Cancel stops
 * the flow; turning step mode off lets the held step go.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <webkit/webkit.h>

#include "grant-application.h"
#include "grant-browser-module.h"
#include "grant-diagram-page.h"
#include "grant-flow-form.h"
#include "grant-oauth-error.h"
#include "grant-practice-provider.h"
#include "grant-step-interceptor.h"
#include "grant-step-pane.h"
#include "grant-test-dirs.h"
#include "grant-test-form.h"
#include "grant-test-ui.h"
#include "grant-timeline.h"
#include "grant-window.h"

static GrantApplication *application;

static GrantPracticeProvider *
provider (void)
{
  return grant_application_get_practice_provider (application);
}

static gpointer
pane_child (GrantWindow *window,
            const char  *name)
{
  return gtk_widget_get_template_child (grant_test_window_child (window, "step_pane"),
                                        GRANT_TYPE_STEP_PANE, name);
}

static GrantWindow *
open_window (void)
{
  const char *size = g_getenv ("GRANT_TEST_WINDOW_SIZE");
  GtkWindow *window;

  /* GRANT_TEST_WINDOW_SIZE=WIDTHxHEIGHT: the window at that size, for a screenshot. */
  if (size != NULL)
    {
      int width = 0, height = 0;

      g_assert_cmpint (sscanf (size, "%dx%d", &width, &height), ==, 2);
      g_settings_set_int (grant_application_get_settings (application), "window-width", width);
      g_settings_set_int (grant_application_get_settings (application), "window-height", height);
    }

  g_action_group_activate_action (G_ACTION_GROUP (application), "new-window", NULL);
  grant_test_iterate_until_idle ();
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_assert_true (GRANT_IS_WINDOW (window));

  return GRANT_WINDOW (window);
}

/* With GRANT_TEST_SCREENSHOTS=DIR, the screen as it is now, in DIR/NAME.png: to look at a state
 * the test reaches. data/screenshots/step-mode.png is made with GRANT_TEST_WINDOW_SIZE=1680x900
 * and GRANT_TEST_CENTRE_WIDTH=900 under an Xvfb screen of that size. */
static void
save_screenshot (GrantWindow *window,
                 const char  *name)
{
  const char *directory = g_getenv ("GRANT_TEST_SCREENSHOTS");
  const char *centre_width = g_getenv ("GRANT_TEST_CENTRE_WIDTH");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  if (directory == NULL)
    return;

  /* GRANT_TEST_CENTRE_WIDTH=PIXELS: the Flow page's centre dragged that wide, as a user does
   * to have the explanation beside the step. */
  if (centre_width != NULL)
    {
      GtkWidget *centre = gtk_widget_get_ancestor (grant_test_window_child (window, "step_pane"),
                                                   GTK_TYPE_PANED);
      GtkWidget *inner = gtk_widget_get_ancestor (gtk_widget_get_parent (centre), GTK_TYPE_PANED);

      gtk_paned_set_position (GTK_PANED (inner), atoi (centre_width));
    }

  /* After the next frames. */
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (directory, file, NULL);
  g_spawn_sync (NULL, (char *[]) { (char *) "import", (char *) "-window", (char *) "root", path,
                                   NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("screenshot %s", path);
}

static GrantStepInterceptor *
interceptor_of (GrantWindow *window)
{
  GrantHttpInterceptor *interceptor =
    grant_http_client_get_interceptor (grant_window_get_http_client (window));

  g_assert_true (GRANT_IS_STEP_INTERCEPTOR (interceptor));

  return GRANT_STEP_INTERCEPTOR (interceptor);
}

static gboolean
step_paused (GrantWindow *window)
{
  return grant_step_interceptor_get_paused (interceptor_of (window));
}

/* The pane is what the user sees of the paused step: the centre of the Flow page shows it,
 * titled and explained as @kind. */
static void
assert_step_shown (GrantWindow   *window,
                   GrantStepKind  kind)
{
  g_autoptr(GrantStepExplanation) expected = grant_step_explanation_new (kind);
  GrantStepExplanation *explanation = grant_step_interceptor_get_explanation (
    interceptor_of (window));

  grant_test_iterate_until_idle ();
  g_test_message ("paused: %s", grant_step_explanation_get_title (explanation));
  g_assert_cmpint (grant_step_explanation_get_kind (explanation), ==, kind);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     grant_test_window_child (window, "view_stack")), ==,
                   "workbench");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     grant_test_window_child (window, "centre_stack")), ==, "step");
  g_assert_true (gtk_widget_get_mapped (grant_test_window_child (window, "step_pane")));
  g_assert_cmpstr (gtk_label_get_text (pane_child (window, "explanation_title")), ==,
                   grant_step_explanation_get_title (expected));
  g_assert_cmpstr (gtk_label_get_text (pane_child (window, "explanation_purpose")), ==,
                   grant_step_explanation_get_purpose (expected));
  g_assert_cmpstr (gtk_label_get_text (pane_child (window, "explanation_risk")), ==,
                   grant_step_explanation_get_risk (expected));
  g_assert_cmpstr (gtk_label_get_text (pane_child (window, "explanation_reference")), ==,
                   grant_step_explanation_get_reference (expected));
  g_assert_true (gtk_widget_get_mapped (pane_child (window, "send_button")));
  g_assert_true (gtk_widget_is_sensitive (pane_child (window, "send_button")));
}

static const char *
parameter_text (GrantWindow *window,
                const char  *name)
{
  AdwEntryRow *row =
    grant_step_pane_get_parameter_row (grant_test_window_child (window, "step_pane"), name);

  return row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : NULL;
}

static GrantStepExplanation *pressed_on;

static gboolean
step_answered (GrantWindow *window)
{
  return grant_step_interceptor_get_explanation (interceptor_of (window)) != pressed_on;
}

/* A button of the pane, activated as the keyboard does: it is clicked once it has shown
 * itself pressed, and the step it answered is gone. */
static void
press (GrantWindow *window,
       const char  *button)
{
  pressed_on = grant_step_interceptor_get_explanation (interceptor_of (window));
  g_assert_nonnull (pressed_on);
  g_assert_true (gtk_widget_activate (pane_child (window, button)));
  grant_test_wait_for_window (step_answered, window, 5);
  pressed_on = NULL;
  grant_test_iterate_until_idle ();
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

  if (event != WEBKIT_LOAD_FINISHED
      || g_strcmp0 (g_object_get_data (G_OBJECT (view), "test-page"),
                    webkit_web_view_get_uri (view)) == 0)
    return;
  g_object_set_data_full (G_OBJECT (view), "test-page", g_strdup (webkit_web_view_get_uri (view)),
                          g_free);
  g_test_message ("page %s", webkit_web_view_get_uri (view));
  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, NULL, NULL);
}

/* The browser is in the module the window loaded: its test accessor is looked up there. Its
 * web view is made when the browser first opens a page. */
static GtkWidget *
web_view_of (GrantWindow *window)
{
  GtkWidget * (*get_web_view) (GtkWidget *) =
    grant_browser_module_lookup ("_grant_browser_get_web_view");
  GtkWidget *browser =
    gtk_stack_get_child_by_name (grant_test_window_child (window, "centre_stack"), "browser");

  g_assert_nonnull (get_web_view);

  return browser != NULL ? get_web_view (browser) : NULL;
}

static gboolean
browser_ready (GrantWindow *window)
{
  return web_view_of (window) != NULL;
}

/* The user answers the practice provider's pages from now on. */
static gulong
play_user (GrantWindow *window)
{
  grant_test_wait_for_window (browser_ready, window, 30);

  return g_signal_connect (web_view_of (window), "load-changed", G_CALLBACK (page_loaded_cb),
                           NULL);
}

/* Step mode on, from its toggle's action, and Run: the flow pauses before the authorization
 * request goes to the browser. */
static GrantWindow *
run_in_step_mode (void)
{
  GrantWindow *window;

  window = open_window ();
  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);

  g_assert_false (grant_window_get_step_mode (window));
  g_assert_null (grant_http_client_get_interceptor (grant_window_get_http_client (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  g_assert_true (grant_window_get_step_mode (window));
  g_assert_true (gtk_toggle_button_get_active (grant_test_window_child (window, "step_button")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (step_paused, window, 30);
  assert_step_shown (window, GRANT_STEP_AUTHORIZATION_REQUEST);
  g_assert_cmpstr (parameter_text (window, "client_id"), ==, GRANT_PRACTICE_CLIENT_PUBLIC);
  g_assert_cmpstr (parameter_text (window, "code_challenge_method"), ==, "S256");
  g_assert_nonnull (parameter_text (window, "state"));

  return window;
}

static gboolean
step_or_flow_done (GrantWindow *window)
{
  return step_paused (window) || grant_test_flow_done (window);
}

/* The code_verifier removed from the paused token request is not sent: the provider refuses
 * the code (invalid_grant), the window says the flow failed and why, and the diagram marks the
 * token request's answer as failed. */
static void
test_drop_verifier (void)
{
  g_autofree char *path = grant_test_use_form (application, NULL);
  GrantWindow *window = run_in_step_mode ();
  GrantFlow *flow;
  gulong handler;
  GListModel *log;
  g_autoptr(GrantExchange) token = NULL;
  GrantDiagramPage *diagram_page;
  GrantSequenceDiagram *diagram;
  guint position;

  /* The authorization request goes to the browser as it is. */
  press (window, "send_button");
  g_assert_false (step_paused (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     grant_test_window_child (window, "centre_stack")), ==,
                   "browser");
  handler = play_user (window);

  /* The browser brings the response back: held at the redirect capture, unchecked. */
  grant_test_wait_for_window (step_or_flow_done, window, 60);
  g_assert_false (grant_test_flow_done (window));
  assert_step_shown (window, GRANT_STEP_AUTHORIZATION_RESPONSE);
  g_assert_nonnull (parameter_text (window, "code"));
  g_assert_nonnull (parameter_text (window, "state"));
  g_assert_cmpstr (parameter_text (window, "iss"), ==,
                   grant_practice_provider_get_issuer (provider ()));
  g_assert_cmpstr (gtk_button_get_label (pane_child (window, "send_button")), ==, "_Continue");
  press (window, "send_button");

  /* The token request, with the code_verifier, held before it is sent. */
  grant_test_wait_for_window (step_or_flow_done, window, 30);
  g_assert_false (grant_test_flow_done (window));
  assert_step_shown (window, GRANT_STEP_TOKEN_AUTHORIZATION_CODE);
  g_assert_cmpstr (gtk_label_get_text (pane_child (window, "explanation_title")), ==,
                   "Code Exchange");
  g_assert_cmpstr (parameter_text (window, "grant_type"), ==, "authorization_code");
  g_assert_nonnull (parameter_text (window, "code_verifier"));
  g_assert_cmpstr (gtk_button_get_label (pane_child (window, "send_button")), ==, "_Send");
  save_screenshot (window, "step-mode");

  g_assert_true (gtk_widget_activate_action (grant_test_window_child (window, "step_pane"),
                                             "step.remove-parameter", "s", "code_verifier"));
  g_assert_null (parameter_text (window, "code_verifier"));
  press (window, "send_button");

  grant_test_wait_for_window (grant_test_flow_done, window, 30);
  g_signal_handler_disconnect (web_view_of (window), handler);
  flow = grant_window_get_flow (window);
  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_FAILED);
  g_test_message ("%s", grant_flow_get_error (flow)->message);
  g_assert_error ((GError *) grant_flow_get_error (flow), GRANT_OAUTH_ERROR,
                  GRANT_OAUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (grant_flow_get_error (flow)->message, "code_verifier"));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (
                     grant_test_window_child (window, "window_title")), ==,
                   "Failed");
  g_assert_false (step_paused (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     grant_test_window_child (window, "centre_stack")), !=, "step");

  /* What went out is what the pane left: the code, no code_verifier. */
  log = G_LIST_MODEL (grant_timeline_get_log (grant_test_window_child (window, "timeline")));
  token = g_list_model_get_item (log, g_list_model_get_n_items (log) - 1);
  g_assert_cmpstr (grant_http_request_get_form_field (grant_exchange_get_request (token),
                                                      "grant_type"), ==, "authorization_code");
  g_assert_nonnull (grant_http_request_get_form_field (grant_exchange_get_request (token),
                                                       "code"));
  g_assert_null (grant_http_request_get_form_field (grant_exchange_get_request (token),
                                                    "code_verifier"));
  g_assert_cmpuint (grant_exchange_get_status (token), ==, 400);

  /* The diagram: the token request's answer is a failed arrow. */
  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"), "diagram");
  grant_test_iterate_until_idle ();
  diagram_page = grant_test_window_child (window, "diagram_page");
  g_assert_nonnull (grant_diagram_page_get_view (diagram_page));
  diagram = grant_sequence_diagram_view_get_diagram (grant_diagram_page_get_view (diagram_page));
  g_assert_nonnull (diagram);
  position = grant_sequence_diagram_find_exchange (diagram, token);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_test_message ("token request: %s; answer: %s",
                  grant_sequence_arrow_get_label (
                    grant_sequence_diagram_peek_arrow (diagram, position)),
                  grant_sequence_arrow_get_label (
                    grant_sequence_diagram_peek_arrow (diagram, position + 1)));
  g_assert_nonnull (strstr (grant_sequence_arrow_get_label (
                              grant_sequence_diagram_peek_arrow (diagram, position)),
                            "grant_type=authorization_code"));
  g_assert_null (strstr (grant_sequence_arrow_get_label (
                           grant_sequence_diagram_peek_arrow (diagram, position)),
                         "code_verifier"));
  g_assert_cmpint (grant_sequence_arrow_get_kind (grant_sequence_diagram_peek_arrow (
                     diagram, position + 1)), ==, GRANT_SEQUENCE_ARROW_RESPONSE);
  g_assert_true (grant_sequence_arrow_get_failed (grant_sequence_diagram_peek_arrow (
                   diagram, position + 1)));
  g_assert_nonnull (strstr (grant_sequence_arrow_get_label (
                              grant_sequence_diagram_peek_arrow (diagram, position + 1)),
                            "invalid_grant"));

  grant_test_close_all_windows (application);
}

/* Cancel at the first pause stops the flow: nothing goes to the browser, the centre leaves the
 * step, and no step is left held. */
static void
test_cancel (void)
{
  g_autofree char *path = grant_test_use_form (application, NULL);
  GrantWindow *window = run_in_step_mode ();
  GListModel *log =
    G_LIST_MODEL (grant_timeline_get_log (grant_test_window_child (window, "timeline")));
  guint exchanges = g_list_model_get_n_items (log);

  press (window, "cancel_button");
  grant_test_wait_for_window (grant_test_flow_done, window, 10);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_CANCELLED);
  g_assert_false (step_paused (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     grant_test_window_child (window, "centre_stack")), !=, "step");
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, exchanges);

  /* Off again: Ctrl+Shift+P's action, and the back channel has no interceptor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  g_assert_false (grant_window_get_step_mode (window));
  g_assert_false (gtk_toggle_button_get_active (grant_test_window_child (window, "step_button")));
  g_assert_null (grant_http_client_get_interceptor (grant_window_get_http_client (window)));

  grant_test_close_all_windows (application);
}

/* Step mode turned off while a step is held: the step goes on as it is, and the flow runs to
 * its end without pausing again. */
static void
test_turn_off (void)
{
  g_autofree char *path = grant_test_use_form (application, NULL);
  GrantWindow *window = run_in_step_mode ();
  gulong handler;

  grant_window_set_step_mode (window, FALSE);
  g_assert_false (gtk_toggle_button_get_active (grant_test_window_child (window, "step_button")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     grant_test_window_child (window, "centre_stack")), ==,
                   "browser");
  handler = play_user (window);

  grant_test_wait_for_window (grant_test_flow_done, window, 60);
  g_signal_handler_disconnect (web_view_of (window), handler);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);

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

  g_test_add_func ("/grant/ui/step-mode/drop-verifier", test_drop_verifier);
  g_test_add_func ("/grant/ui/step-mode/cancel", test_cancel);
  g_test_add_func ("/grant/ui/step-mode/turn-off", test_turn_off);

  status = g_test_run ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);

  grant_test_remove_tree (user_dirs);
  return status;
}
