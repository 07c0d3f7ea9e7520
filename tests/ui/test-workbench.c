/* test-workbench.c
 * The real window running flows against the oidc-provider fixture: discovery from the
 * form, client credentials, the device flow with its code shown, the form kept across
 * windows, and what the inspector and the timeline (its headers, body and raw views) show.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <gtksourceview/gtksource.h>
#include <webkit/webkit.h>

#include "grant-application.h"
#include "grant-test-form.h"
#include "grant-test-dirs.h"
#include "grant-test-ui.h"
#include "grant-browser-module.h"
#include "grant-check.h"
#include "grant-device-flow.h"
#include "grant-flow-form.h"
#include "grant-inspector.h"
#include "grant-log-page.h"
#include "grant-refresh-flow.h"
#include "grant-request-page.h"
#include "grant-test-provider.h"
#include "grant-timeline.h"
#include "grant-token-list.h"
#include "grant-window.h"

static GrantApplication *application;
static GrantTestProvider *fixture;

static void
type (GrantWindow *window,
      const char  *row,
      const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (grant_test_form_child (window, row)), text);
}

/* A window with an empty form: what an earlier test typed is not kept for this one. An
 * empty saved form rather than none, or the first run would choose the practice provider. */
static GrantWindow *
open_window (void)
{
  g_free (grant_test_use_form (application, "{}"));

  return grant_test_open_window (application);
}

static gboolean
discovered (GrantWindow *window)
{
  return *gtk_editable_get_text (GTK_EDITABLE (
                                   grant_test_form_child (window, "token_endpoint_row"))) != '\0';
}

static void
discover (GrantWindow *window)
{
  g_autofree char *token_endpoint = g_strconcat (grant_test_provider_get_issuer (fixture),
                                                 "/token", NULL);

  type (window, "issuer_row", grant_test_provider_get_issuer (fixture));
  grant_flow_form_discover (grant_test_window_child (window, "flow_form"));
  grant_test_wait_for_window (discovered, window, 20);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (grant_test_form_child (window, "token_endpoint_row"))),
                   ==, token_endpoint);
}

static guint
log_length (GrantWindow *window)
{
  GListModel *log =
    G_LIST_MODEL (grant_timeline_get_log (grant_test_window_child (window, "timeline")));
  guint n = g_list_model_get_n_items (log);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);

      g_test_message ("log %u: %s %s", i, grant_exchange_get_title (exchange),
                      grant_http_request_get_uri (grant_exchange_get_request (exchange)));
    }

  return n;
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
scheme_of (GtkTextBuffer *buffer)
{
  GtkSourceStyleScheme *scheme = gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (buffer));

  return scheme != NULL ? gtk_source_style_scheme_get_id (scheme) : NULL;
}

/* A window that has shown no step has not paid for GtkSourceView: its types are not even
 * registered (this runs first, before any test showed a step), and the timeline has no
 * detail yet. The log's first step, the discovery Grant makes on its own at start, is listed
 * but not selected, and the detail waits for the user to select it; the bodies get their
 * languages only once the body view shows them. */
static void
test_timeline_lazy (void)
{
  GrantWindow *window = open_window ();
  GrantTimeline *timeline = grant_test_window_child (window, "timeline");
  GtkSingleSelection *selection = grant_timeline_get_selection (timeline);
  g_autofree char *detail = NULL;
  GtkSourceLanguage *language;

  grant_test_iterate_until_idle ();
  g_assert_cmpuint (g_type_from_name ("GtkSourceView"), ==, 0);
  g_assert_cmpuint (g_type_from_name ("GtkSourceBuffer"), ==, 0);
  g_assert_null (grant_timeline_get_text_buffer (timeline, "response-body"));
  detail = grant_timeline_dup_detail (timeline);
  g_assert_cmpstr (detail, ==, "");

  discover (window);
  grant_test_iterate_until_idle ();
  g_assert_cmpuint (log_length (window), ==, 1);
  g_assert_null (gtk_single_selection_get_selected_item (selection));
  g_assert_cmpuint (g_type_from_name ("GtkSourceView"), ==, 0);
  g_clear_pointer (&detail, g_free);
  detail = grant_timeline_dup_detail (timeline);
  g_assert_cmpstr (detail, ==, "");

  /* Selected: the raw view, without the bodies' highlighting until the body view. */
  gtk_single_selection_set_selected (selection, 0);
  g_assert_cmpstr (grant_timeline_get_view (timeline), ==, "raw");
  g_clear_pointer (&detail, g_free);
  detail = grant_timeline_dup_detail (timeline);
  g_assert_true (g_str_has_prefix (detail, "GET "));
  g_assert_nonnull (strstr (detail, "\"token_endpoint\""));
  g_assert_null (gtk_source_buffer_get_language (
                   GTK_SOURCE_BUFFER (grant_timeline_get_text_buffer (timeline, "response-body"))));
  grant_timeline_set_view (timeline, "body");
  language = gtk_source_buffer_get_language (
               GTK_SOURCE_BUFFER (grant_timeline_get_text_buffer (timeline, "response-body")));
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, "json");
  grant_timeline_set_view (timeline, "raw");

  grant_test_close_all_windows (application);
}

/* The token request of client credentials, selected as the newest step, in the timeline's
 * three views: the headers with the request line and no body; the bodies with the form one
 * field a line and the token response indented and highlighted as JSON, in the style
 * scheme that follows the dark style; and Copy gives what the view shows. */
static void
check_token_request_views (GrantTimeline *timeline)
{
  g_autofree char *request_line = g_strconcat ("POST ", grant_test_provider_get_issuer (fixture),
                                               "/token\n", NULL);
  g_autofree char *headers = NULL;
  g_autofree char *bodies = NULL;
  g_autofree char *response_body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkSourceLanguage *language;
  GdkContentProvider *clipboard;
  g_auto(GValue) copied = G_VALUE_INIT;

  grant_timeline_set_view (timeline, "headers");
  headers = grant_timeline_dup_detail (timeline);
  g_assert_true (g_str_has_prefix (headers, request_line));
  g_assert_nonnull (strstr (headers, "\nAuthorization: Basic "));
  g_assert_nonnull (strstr (headers, "\n\nHTTP 200 "));
  g_assert_null (strstr (headers, "grant_type="));
  g_assert_null (strstr (headers, "access_token"));

  grant_timeline_set_view (timeline, "body");
  bodies = grant_timeline_dup_detail (timeline);
  g_assert_nonnull (strstr (bodies, "\ngrant_type=client_credentials\n"));
  g_assert_nonnull (strstr (bodies, "\nscope=photos:read\n"));
  g_assert_null (strstr (bodies, "HTTP 200"));

  /* Indented JSON, one member a line, that parses back to the token response. */
  buffer = grant_timeline_get_text_buffer (timeline, "response-body");
  g_assert_true (GTK_SOURCE_IS_BUFFER (buffer));
  response_body = buffer_text (buffer);
  g_assert_true (g_str_has_prefix (response_body, "{\n  \""));
  g_assert_nonnull (strstr (response_body, ",\n  \"token_type\" : \"Bearer\""));
  g_assert_nonnull (strstr (bodies, response_body));
  g_assert_true (json_parser_load_from_data (parser, response_body, -1, &error));
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                         "access_token"));
  language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer));
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, "json");
  g_assert_null (gtk_source_buffer_get_language (
                   GTK_SOURCE_BUFFER (grant_timeline_get_text_buffer (timeline, "request-body"))));

  /* The style scheme follows the dark style, and comes back. */
  g_assert_cmpstr (scheme_of (buffer), ==, "Adwaita");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpstr (scheme_of (buffer), ==, "Adwaita-dark");
  g_assert_cmpstr (scheme_of (grant_timeline_get_text_buffer (timeline, "headers")), ==,
                   "Adwaita-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpstr (scheme_of (buffer), ==, "Adwaita");

  /* Copy puts the body view's text on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.copy", NULL));
  clipboard = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (timeline)));
  g_assert_nonnull (clipboard);
  g_value_init (&copied, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (clipboard, &copied, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (&copied), ==, bodies);

  /* The view chosen stays for the steps selected after. */
  gtk_single_selection_set_selected (grant_timeline_get_selection (timeline), 0);
  g_assert_cmpstr (grant_timeline_get_view (timeline), ==, "body");
  g_clear_pointer (&bodies, g_free);
  bodies = grant_timeline_dup_detail (timeline);
  g_assert_true (g_str_has_prefix (bodies, "The request has no body\n"));
  g_assert_nonnull (strstr (bodies, "\"token_endpoint\" : "));

  grant_timeline_set_view (timeline, "raw");
}

/* Client credentials from the form: discovered endpoints, the token in the inspector, the
 * discovery and the token request in the timeline, the raw request shown. */
static gboolean
access_token_checked (GrantWindow *window)
{
  const char *signature = grant_inspector_get_value (grant_test_window_child (window, "inspector"),
                                                     "Access token signature");

  return signature != NULL && !g_str_has_prefix (signature, "Checking");
}

static void
test_client_credentials (void)
{
  GrantWindow *window = open_window ();
  GrantInspector *inspector;
  GrantFlow *flow;
  g_autofree char *detail = NULL;

  discover (window);
  type (window, "client_id_row", "grant-machine");
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  type (window, "client_secret_row", "grant-machine-secret");
  type (window, "scope_row", "photos:read");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"),
                                 GRANT_FLOW_KIND_CLIENT_CREDENTIALS);
  /* Discovered: the empty state no longer asks for an authorization server. */
  g_assert_cmpstr (adw_status_page_get_title (grant_test_window_child (window, "empty_state")), ==,
                   "Ready to Run");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 30);

  flow = grant_window_get_flow (window);
  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_SUCCEEDED);
  inspector = grant_test_window_child (window, "inspector");
  g_assert_nonnull (grant_inspector_get_value (inspector, "Access token"));
  g_assert_cmpstr (grant_inspector_get_value (inspector, "scope"), ==, "photos:read");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     grant_test_window_child (window, "centre_stack")), ==, "result");

  /* The access token is a JWT: the inspector fetches the provider's keys to check it. */
  g_assert_cmpstr (grant_inspector_get_value (inspector, "Access token signature"), ==,
                   "Checking against the provider’s keys…");
  grant_test_wait_for_window (access_token_checked, window, 30);
  g_assert_true (g_str_has_prefix (grant_inspector_get_value (inspector, "Access token signature"),
                                   "Verified: the ES256 signature checks with the provider’s key"));

  /* Discovery, the token request and the keys, and the newest step's raw text shown; then
   * the token request's. */
  g_assert_cmpuint (log_length (window), ==, 3);
  detail = grant_timeline_dup_detail (grant_test_window_child (window, "timeline"));
  g_assert_true (g_str_has_prefix (detail, "GET "));
  g_assert_nonnull (strstr (detail, "\"keys\""));
  g_clear_pointer (&detail, g_free);
  gtk_single_selection_set_selected (grant_timeline_get_selection (
                                       grant_test_window_child (window, "timeline")), 1);
  detail = grant_timeline_dup_detail (grant_test_window_child (window, "timeline"));
  g_assert_true (g_str_has_prefix (detail, "POST "));
  g_assert_nonnull (strstr (detail, "grant_type=client_credentials"));
  g_assert_nonnull (strstr (detail, "HTTP 200"));

  check_token_request_views (grant_test_window_child (window, "timeline"));

  grant_test_close_all_windows (application);
}

/* Discovers the fixture, fills the form for grant-machine and gets a token by client
 * credentials with @scope. */
static void
run_client_credentials (GrantWindow *window,
                        const char  *scope)
{
  discover (window);
  type (window, "client_id_row", "grant-machine");
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  type (window, "client_secret_row", "grant-machine-secret");
  type (window, "scope_row", scope);
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"),
                                 GRANT_FLOW_KIND_CLIENT_CREDENTIALS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 30);
}

/* With GRANT_TEST_SCREENSHOTS=DIR, the window as drawn now, in DIR/NAME.png: to look at a
 * state the test reaches. */
static void
save_screenshot (GrantWindow *window,
                 const char  *name)
{
  const char *directory = g_getenv ("GRANT_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkWidget *content;

  if (directory == NULL)
    return;

  /* The content, after its next frame: a window's own paintable draws nothing of a root. */
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  paintable = gtk_widget_paintable_new (content);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (content),
                          gtk_widget_get_height (content));
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         NULL);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (directory, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
request_answered (GrantWindow *window)
{
  GrantRequestPage *requests = grant_test_window_child (window, "request_page");

  return grant_request_page_get_diagnosis (requests) != NULL;
}

/* The Requests page with the token the flow got: a read the API allows, then a write it
 * refuses, explained with the scope the token lacks, and a request without a token. */
static void
test_requests (void)
{
  GrantWindow *window = open_window ();
  GrantRequestPage *page = grant_test_window_child (window, "request_page");
  g_autofree char *photos = g_strconcat (grant_test_provider_get_issuer (fixture), "/api/photos",
                                         NULL);
  GrantAuthDiagnosis *diagnosis;
  guint logged;

  run_client_credentials (window, "photos:read");
  logged = log_length (window);

  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "requests");
  grant_request_page_set_request (page, "GET", photos, 1, NULL);
  grant_request_page_send (page);
  grant_test_wait_for_window (request_answered, window, 30);
  g_assert_cmpuint (grant_exchange_get_status (grant_request_page_get_exchange (page)), ==, 200);
  g_assert_cmpint (grant_auth_diagnosis_get_problem (grant_request_page_get_diagnosis (page)), ==,
                   GRANT_AUTH_PROBLEM_NONE);

  grant_request_page_set_request (page, "POST", photos, 1, "{\"title\": \"x\"}");
  grant_request_page_send (page);
  g_assert_null (grant_request_page_get_diagnosis (page));
  grant_test_wait_for_window (request_answered, window, 30);
  diagnosis = grant_request_page_get_diagnosis (page);
  g_assert_cmpuint (grant_exchange_get_status (grant_request_page_get_exchange (page)), ==, 403);
  g_assert_cmpint (grant_auth_diagnosis_get_problem (diagnosis), ==,
                   GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE);
  g_assert_cmpstr (grant_auth_diagnosis_get_missing_scopes (diagnosis)[0], ==, "photos:write");
  g_assert_nonnull (strstr (grant_auth_diagnosis_get_cause (diagnosis), "“photos:write”"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  save_screenshot (window, "requests-403");

  /* The requests went through the window's client: the timeline has them. */
  g_assert_cmpuint (log_length (window), ==, logged + 2);

  grant_test_close_all_windows (application);
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  g_assert_nonnull (*text);
}

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_text_cb,
                                 &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);

  return text;
}

/* The Log page: every exchange of the window, filtered by status, channel and text; the one
 * selected shown raw, secrets included; copied as curl with its secrets redacted. */
static void
test_log (void)
{
  GrantWindow *window = open_window ();
  GrantRequestPage *request_page = grant_test_window_child (window, "request_page");
  GrantLogPage *page = grant_test_window_child (window, "log_page");
  GListModel *shown = grant_log_page_get_shown (page);
  g_autofree char *photos = g_strconcat (grant_test_provider_get_issuer (fixture), "/api/photos",
                                         NULL);
  g_autofree char *raw = NULL;
  g_autofree char *curl = NULL;
  g_autoptr(GrantExchange) refused = NULL;
  const char *token;

  run_client_credentials (window, "photos:read");
  grant_request_page_set_request (request_page, "GET", photos, 1, NULL);
  grant_request_page_send (request_page);
  grant_test_wait_for_window (request_answered, window, 30);
  grant_request_page_set_request (request_page, "POST", photos, 1, "{\"title\": \"x\"}");
  grant_request_page_send (request_page);
  grant_test_wait_for_window (request_answered, window, 30);

  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"), "log");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, log_length (window));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 4);

  grant_log_page_set_filter (page, NULL, GRANT_LOG_STATUS_CLIENT_ERROR, GRANT_LOG_CHANNEL_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  refused = g_list_model_get_item (shown, 0);
  g_assert_cmpuint (grant_exchange_get_status (refused), ==, 403);

  grant_log_page_set_filter (page, "API/PHOTOS", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_BACK);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  grant_log_page_set_filter (page, "403", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  grant_log_page_set_filter (page, "token request", GRANT_LOG_STATUS_SUCCESS,
                             GRANT_LOG_CHANNEL_BACK);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  grant_log_page_set_filter (page, NULL, GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_FRONT);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  grant_log_page_set_filter (page, "no such thing", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);

  /* The refused request, raw and whole: the user's own record keeps the token */
  grant_log_page_set_filter (page, "photos", GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  gtk_single_selection_set_selected (grant_log_page_get_selection (page), 1);
  raw = grant_log_page_dup_raw_text (page);
  token = grant_http_request_get_header (grant_exchange_get_request (refused), "Authorization");
  g_assert_true (g_str_has_prefix (raw, "POST "));
  g_assert_nonnull (strstr (raw, "HTTP 403"));
  g_assert_nonnull (strstr (raw, token));

  /* What leaves the app does not */
  gtk_widget_activate_action (GTK_WIDGET (page), "log.copy-curl", NULL);
  curl = read_clipboard (GTK_WIDGET (page));
  g_assert_true (g_str_has_prefix (curl, "curl "));
  g_assert_nonnull (strstr (curl, "'Authorization: Bearer REDACTED'"));
  g_assert_nonnull (strstr (curl, "--data-binary '{\"title\": \"x\"}'"));
  g_assert_null (strstr (curl, token + strlen ("Bearer ")));
  g_clear_pointer (&curl, g_free);
  gtk_widget_activate_action (GTK_WIDGET (page), "log.copy-curl-with-secrets", NULL);
  curl = read_clipboard (GTK_WIDGET (page));
  g_assert_nonnull (strstr (curl, token));

  grant_log_page_set_filter (page, NULL, GRANT_LOG_STATUS_ANY, GRANT_LOG_CHANNEL_ANY);
  gtk_single_selection_set_selected (grant_log_page_get_selection (page), 1);
  save_screenshot (window, "log");

  grant_test_close_all_windows (application);
}

static gboolean
replay_answered (GrantWindow *window)
{
  GrantRequestPage *page = grant_test_window_child (window, "request_page");

  return grant_scope_replay_pane_get_diagnosis (grant_request_page_get_scope_replay (page)) != NULL;
}

/* A write the token's scopes allow, replayed with photos:write unticked: a new token with
 * only photos:read, the same request refused with 403, and the explanation names the scope
 * that is missing; both answers shown. */
static void
test_scope_replay (void)
{
  GrantWindow *window = open_window ();
  GrantRequestPage *page = grant_test_window_child (window, "request_page");
  GrantScopeReplayPane *pane = grant_request_page_get_scope_replay (page);
  g_autofree char *photos = g_strconcat (grant_test_provider_get_issuer (fixture), "/api/photos",
                                         NULL);
  GrantAuthDiagnosis *diagnosis;
  guint logged;

  run_client_credentials (window, "photos:read photos:write");

  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "requests");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pane)));
  grant_request_page_set_request (page, "POST", photos, 1, "{\"title\": \"x\"}");
  grant_request_page_send (page);
  grant_test_wait_for_window (request_answered, window, 30);
  g_assert_cmpuint (grant_exchange_get_status (grant_request_page_get_exchange (page)), <, 300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_nonnull (strstr (grant_scope_replay_pane_get_message (pane), "client credentials"));
  logged = log_length (window);

  grant_scope_replay_pane_replay (pane, "photos:read");
  g_assert_null (grant_scope_replay_pane_get_diagnosis (pane));
  grant_test_wait_for_window (replay_answered, window, 30);
  diagnosis = grant_scope_replay_pane_get_diagnosis (pane);
  g_assert_cmpuint (grant_exchange_get_status (grant_scope_replay_pane_get_exchange (pane)), ==,
                    403);
  g_assert_cmpint (grant_auth_diagnosis_get_problem (diagnosis), ==,
                   GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE);
  g_assert_cmpstr (grant_auth_diagnosis_get_missing_scopes (diagnosis)[0], ==, "photos:write");
  g_assert_nonnull (strstr (grant_auth_diagnosis_get_cause (diagnosis), "“photos:write”"));
  /* The first answer stays: the page still shows it, beside the replay */
  g_assert_cmpuint (grant_exchange_get_status (grant_request_page_get_exchange (page)), <, 300);
  /* A token request and the replayed call, both in the log */
  g_assert_cmpuint (log_length (window), ==, logged + 2);
  save_screenshot (window, "scope-replay");

  grant_scope_replay_pane_replay (pane, "photos:read photos:write");
  grant_test_wait_for_window (replay_answered, window, 30);
  g_assert_cmpuint (grant_exchange_get_status (grant_scope_replay_pane_get_exchange (pane)), <,
                    300);

  grant_test_close_all_windows (application);
}

/* Scrolls the page @widget is on so that @widget is at the top, as the user would to look at
 * it. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double x, y;

  grant_test_iterate_until_idle ();
  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y);
}

static gboolean
probes_done (GrantWindow *window)
{
  return grant_probe_pane_is_done (grant_request_page_get_probes (
                                     grant_test_window_child (window, "request_page")));
}

/* The security probes of a read the token allows: every one the API answers as it must,
 * the revocation last; the same probes against the fixture's lax route fail, so they can. */
static void
test_probes (void)
{
  GrantWindow *window = open_window ();
  GrantRequestPage *page = grant_test_window_child (window, "request_page");
  GrantProbePane *pane = grant_request_page_get_probes (page);
  g_autofree char *photos = g_strconcat (grant_test_provider_get_issuer (fixture), "/api/photos",
                                         NULL);
  g_autofree char *lax = g_strconcat (grant_test_provider_get_issuer (fixture), "/api/lax",
                                      NULL);
  GrantProbeSuite *suite;

  run_client_credentials (window, "photos:read");

  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "requests");
  grant_request_page_set_request (page, "GET", lax, 1, NULL);
  grant_request_page_send (page);
  grant_test_wait_for_window (request_answered, window, 30);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  grant_probe_pane_run (pane, FALSE);
  grant_test_wait_for_window (probes_done, window, 60);
  suite = grant_probe_pane_get_suite (pane);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_FAILED), >, 0);
  g_assert_cmpint (grant_probe_get_verdict (grant_probe_suite_find (suite,
                                                                   GRANT_PROBE_ALG_NONE)), ==,
                   GRANT_PROBE_FAILED);

  grant_request_page_set_request (page, "GET", photos, 1, NULL);
  grant_request_page_send (page);
  grant_test_wait_for_window (request_answered, window, 30);
  grant_probe_pane_run (pane, TRUE);
  grant_test_wait_for_window (probes_done, window, 60);
  suite = grant_probe_pane_get_suite (pane);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_FAILED), ==, 0);
  g_assert_cmpuint (grant_probe_suite_count (suite, GRANT_PROBE_PASSED), >=, 10);
  g_assert_cmpint (grant_probe_get_verdict (grant_probe_suite_find (suite,
                                                                   GRANT_PROBE_SIGNATURE_STRIPPED)),
                   ==, GRANT_PROBE_PASSED);
  g_assert_cmpint (grant_probe_get_verdict (grant_probe_suite_find (suite,
                                                                   GRANT_PROBE_REVOKED_TOKEN)),
                   ==, GRANT_PROBE_PASSED);
  /* A Bearer token has no DPoP probes: skipped, with the reason, never passed */
  g_assert_cmpint (grant_probe_get_verdict (grant_probe_suite_find (suite,
                                                                   GRANT_PROBE_DPOP_AS_BEARER)),
                   ==, GRANT_PROBE_SKIPPED);
  g_assert_nonnull (grant_probe_get_reason (grant_probe_suite_find (suite,
                                                                   GRANT_PROBE_DPOP_AS_BEARER)));
  scroll_to (GTK_WIDGET (pane));
  save_screenshot (window, "probes");

  grant_test_close_all_windows (application);
}

static gboolean
matrix_done (GrantWindow *window)
{
  GrantRequestPage *page = grant_test_window_child (window, "request_page");

  return grant_scope_matrix_pane_is_done (grant_request_page_get_scope_matrix (page));
}

/* The three requests sent from the page against every set of the three scopes: each cell as
 * the API's rule says, and the least privilege of each request its own scope. */
static void
test_scope_matrix (void)
{
  GrantWindow *window = open_window ();
  GrantRequestPage *page = grant_test_window_child (window, "request_page");
  GrantScopeMatrixPane *pane = grant_request_page_get_scope_matrix (page);
  const char *issuer = grant_test_provider_get_issuer (fixture);
  g_autofree char *photos = g_strconcat (issuer, "/api/photos", NULL);
  g_autofree char *profile = g_strconcat (issuer, "/api/profile", NULL);
  static const char * const needs[] = { "photos:read", "photos:write", "profile" };
  GrantScopeMatrix *matrix;

  run_client_credentials (window, "photos:read photos:write profile");

  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "requests");
  grant_request_page_set_request (page, "GET", photos, 1, NULL);
  grant_request_page_send (page);
  grant_test_wait_for_window (request_answered, window, 30);
  grant_request_page_set_request (page, "POST", photos, 1, "{\"title\": \"x\"}");
  grant_request_page_send (page);
  grant_test_wait_for_window (request_answered, window, 30);
  grant_request_page_set_request (page, "GET", profile, 1, NULL);
  grant_request_page_send (page);
  grant_test_wait_for_window (request_answered, window, 30);
  /* Sent again: the history keeps it once */
  grant_request_page_set_request (page, "GET", photos, 1, NULL);
  grant_request_page_send (page);
  grant_test_wait_for_window (request_answered, window, 30);

  grant_scope_matrix_pane_run (pane);
  grant_test_wait_for_window (matrix_done, window, 60);
  matrix = grant_scope_matrix_pane_get_matrix (pane);
  g_assert_cmpuint (grant_scope_matrix_get_n_requests (matrix), ==, 3);
  g_assert_cmpuint (grant_scope_matrix_get_n_scope_sets (matrix), ==, 8);
  for (guint r = 0; r < 3; r++)
    {
      const char *uri = grant_http_request_get_uri (grant_scope_matrix_get_request (matrix, r));
      const char *method = grant_http_request_get_method (grant_scope_matrix_get_request (matrix, r));
      const char *need = g_str_has_suffix (uri, "/profile") ? needs[2]
                         : g_str_equal (method, "POST") ? needs[1] : needs[0];
      g_autoptr(GArray) least = grant_scope_matrix_get_least_privilege (matrix, r);

      for (guint s = 0; s < 8; s++)
        {
          const char * const *set = grant_scope_matrix_get_scope_set (matrix, s);
          guint status = grant_scope_matrix_get_status (matrix, r, s);

          g_assert_true (grant_scope_matrix_pane_has_token (pane, s));
          if (set == NULL || set[0] == NULL)
            g_assert_cmpuint (status, ==, 401);
          else if (g_strv_contains (set, need))
            g_assert_cmpuint (status / 100, ==, 2);
          else
            g_assert_cmpuint (status, ==, 403);
        }
      g_assert_cmpuint (least->len, ==, 1);
      g_assert_cmpstr (grant_scope_matrix_get_scope_set (matrix, g_array_index (least, guint, 0))[0],
                       ==, need);
    }

  scroll_to (GTK_WIDGET (pane));
  save_screenshot (window, "scope-matrix");

  grant_test_close_all_windows (application);
}

/* A refusal says the server's code and what it means. */
static void
test_refused (void)
{
  GrantWindow *window = open_window ();
  GrantFlow *flow;
  const char *description;

  discover (window);
  type (window, "client_id_row", "grant-machine");
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  type (window, "client_secret_row", "wrong");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"),
                                 GRANT_FLOW_KIND_CLIENT_CREDENTIALS);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 30);

  flow = grant_window_get_flow (window);
  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_FAILED);
  description = adw_status_page_get_description (grant_test_window_child (window, "result_page"));
  g_assert_nonnull (strstr (description, "invalid_client"));
  g_assert_nonnull (strstr (description, "could not authenticate the client"));

  grant_test_close_all_windows (application);
}

typedef struct
{
  GAsyncResult *approved;
} Approval;

static void
approved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Approval *approval = user_data;

  approval->approved = g_object_ref (result);
}

static void
user_code_shown_cb (GrantDeviceFlow *flow,
                    GParamSpec      *pspec,
                    Approval        *approval)
{
  if (grant_device_flow_get_verification_uri_complete (flow) != NULL && approval->approved == NULL)
    grant_test_approve_async (grant_device_flow_get_verification_uri_complete (flow), "alice",
                              FALSE, approved_cb, approval);
}

/* The device flow: the code shown large, approved elsewhere, tokens in the inspector. */
static void
test_device (void)
{
  GrantWindow *window = open_window ();
  Approval approval = { NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GrantFlow *flow;

  discover (window);
  type (window, "client_id_row", "grant-device");
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_NONE);
  type (window, "scope_row", "openid offline_access");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"),
                                 GRANT_FLOW_KIND_DEVICE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  flow = grant_window_get_flow (window);
  g_signal_connect (flow, "notify::user-code", G_CALLBACK (user_code_shown_cb), &approval);
  grant_test_wait_for_window (grant_test_flow_done, window, 60);

  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_SUCCEEDED);
  g_assert_cmpstr (gtk_label_get_text (grant_test_window_child (window, "user_code_label")), ==,
                   grant_device_flow_get_user_code (GRANT_DEVICE_FLOW (flow)));
  g_assert_nonnull (grant_inspector_get_value (grant_test_window_child (window, "inspector"),
                                               "Refresh token"));

  /* The inspector's Refresh: a refresh flow with the same client, shown in its place. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.token-refresh", NULL);
  g_assert_true (grant_window_get_flow (window) != flow);
  g_assert_true (GRANT_IS_REFRESH_FLOW (grant_window_get_flow (window)));
  grant_test_wait_for_window (grant_test_flow_done, window, 30);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);
  g_assert_true (grant_refresh_flow_get_rotated (GRANT_REFRESH_FLOW (grant_window_get_flow (window))));

  /* The Tokens page holds both, newest first. */
  {
    GListModel *held = grant_token_list_get_model (grant_test_window_child (window, "token_list"));

    g_assert_cmpuint (g_list_model_get_n_items (held), ==, 2);
    g_assert_true (g_list_model_get_item (held, 0) == (gpointer) grant_window_get_flow (window));
    g_object_unref (grant_window_get_flow (window));
  }

  while (approval.approved == NULL)
    g_main_context_iteration (NULL, TRUE);
  out = grant_test_approve_finish (approval.approved, &error);
  g_assert_no_error (error);
  g_clear_object (&approval.approved);

  grant_test_close_all_windows (application);
}

/* The user at the fixture's pages in the real web view: confirms a device's user code, fills
 * in the login, approves the consent, by the forms' ids and hidden "prompt" (oidc-provider's
 * development pages). */
static void
page_loaded_cb (WebKitWebView   *view,
                WebKitLoadEvent  event,
                gpointer         user_data)
{
  static const char script[] =
    "(function () {"
    "  var form = document.getElementById('op.deviceConfirmForm');"
    "  var step = 'device confirm';"
    "  var input = document.getElementById('op.deviceInputForm');"
    "  var prompt = document.querySelector('input[name=prompt]');"
    "  if (form) {"
    "  } else if (input) {"
    "    var code = input.querySelector('input[name=user_code]');"
    "    if (!code.value) code.value = new URL(location.href).searchParams.get('user_code');"
    "    form = input; step = 'device input';"
    "  } else if (prompt) {"
    "    form = prompt.form; step = prompt.value;"
    "    if (prompt.value === 'login') {"
    "      form.querySelector('input[name=login]').value = 'alice';"
    "      form.querySelector('input[name=password]').value = 'alice-password';"
    "    }"
    "  } else return 'none';"
    "  setTimeout(function () { HTMLFormElement.prototype.submit.call(form); }, 0);"
    "  return step;"
    "})()";

  if (event != WEBKIT_LOAD_FINISHED
      || g_strcmp0 (g_object_get_data (G_OBJECT (view), "test-page"),
                    webkit_web_view_get_uri (view)) == 0)
    return;
  g_object_set_data_full (G_OBJECT (view), "test-page", g_strdup (webkit_web_view_get_uri (view)),
                          g_free);
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
  GtkWidget *stack = grant_test_window_child (window, "centre_stack");
  GtkWidget *browser = gtk_stack_get_child_by_name (GTK_STACK (stack), "browser");

  return browser != NULL && web_view_of (browser) != NULL;
}

static GrantCheckStatus
fact (GrantWindow *window,
      const char  *name)
{
  GListModel *facts = grant_inspector_get_facts (grant_test_window_child (window, "inspector"));
  GrantCheck *check = grant_checks_find (facts, name);

  g_assert_nonnull (check);

  return grant_check_get_status (check);
}

/* Authorization code with PKCE end to end through the window: the real browser shows the
 * provider's pages, and the inspector shows the matches and the whole ID-token checklist. */
static void
test_authorization_code (void)
{
  GrantWindow *window = open_window ();
  GtkWidget *browser;
  GListModel *facts;
  guint n;

  discover (window);
  type (window, "client_id_row", "grant-public");
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_NONE);
  type (window, "redirect_uri_row", "http://127.0.0.1/callback");
  type (window, "scope_row", "openid photos:read");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"),
                                 GRANT_FLOW_KIND_AUTHORIZATION_CODE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (browser_ready, window, 30);
  browser =
    gtk_stack_get_child_by_name (GTK_STACK (grant_test_window_child (window, "centre_stack")),
                                 "browser");
  g_assert_true (gtk_stack_get_visible_child (
                   GTK_STACK (grant_test_window_child (window, "centre_stack")))
                 == browser);
  g_signal_connect (web_view_of (browser), "load-changed",
                    G_CALLBACK (page_loaded_cb), NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 60);

  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);
  g_assert_cmpint (fact (window, "PKCE match"), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (fact (window, "state match"), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (fact (window, "nonce match"), ==, GRANT_CHECK_PASSED);
  g_assert_cmpint (fact (window, "ID token signature"), ==, GRANT_CHECK_PASSED);

  facts = grant_inspector_get_facts (grant_test_window_child (window, "inspector"));
  n = g_list_model_get_n_items (facts);
  g_assert_cmpuint (n, >, 15);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (facts, i);

      g_assert_cmpint (grant_check_get_status (check), !=, GRANT_CHECK_FAILED);
    }
  g_assert_nonnull (grant_inspector_get_value (grant_test_window_child (window, "inspector"),
                                               "ID token"));
  /* The flow fetched the keys already: the token rows say which one verified it. */
  g_assert_true (g_str_has_prefix (
                   grant_inspector_get_value (grant_test_window_child (window, "inspector"),
                                              "ID token signature"),
                                   "Verified: the "));

  grant_test_close_all_windows (application);
}

static GListModel *
files_of (const char *first,
          ...)
{
  GListStore *files = g_list_store_new (G_TYPE_FILE);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tls", name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_list_store_append (files, file);
    }
  va_end (args);

  return G_LIST_MODEL (files);
}

/* The client's credentials other than a secret: private_key_jwt with the fixture's key, as
 * JWK and PEM, imported as the Import button does, then client credentials; a public key or
 * a certificate without its key refused with a reason; a certificate and key in one file or
 * two. */
static void
test_client_keys (void)
{
  GrantWindow *window = open_window ();
  GrantFlowForm *form = grant_test_window_child (window, "flow_form");
  AdwActionRow *key_row = grant_test_form_child (window, "private_key_row");
  AdwActionRow *certificate_row = grant_test_form_child (window, "certificate_row");
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "fixtures", "provider", "keys",
                                                     "grant-private-key-jwt.pem", NULL);
  g_autofree char *jwk_path = g_test_build_filename (G_TEST_DIST, "fixtures", "provider", "keys",
                                                     "grant-private-key-jwt.jwk.json", NULL);
  g_autofree char *pem = NULL;
  g_autofree char *jwk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) one_file = files_of ("client.pem", NULL);
  g_autoptr(GListModel) key_apart = files_of ("ca.key", "ca.pem", NULL);
  g_autoptr(GListModel) no_key = files_of ("ca.pem", NULL);

  discover (window);
  type (window, "client_id_row", "grant-private-key-jwt");
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (key_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (certificate_row)));
  g_assert_false (gtk_widget_get_visible (grant_test_form_child (window, "client_secret_row")));

  /* The key as a JWK; then its public half alone, which cannot sign. */
  g_assert_true (g_file_get_contents (jwk_path, &jwk, NULL, NULL));
  g_assert_true (grant_flow_form_set_private_key_data (form, jwk, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) node = json_from_string (jwk, &error);
    g_autofree char *public_jwk = NULL;

    g_assert_no_error (error);
    json_object_remove_member (json_node_get_object (node), "d");
    public_jwk = json_to_string (node, FALSE);
    g_assert_false (grant_flow_form_set_private_key_data (form, public_jwk, &error));
    g_assert_nonnull (strstr (error->message, "public key"));
    g_clear_error (&error);
  }

  g_assert_true (g_file_get_contents (key_path, &pem, NULL, NULL));
  g_assert_true (grant_flow_form_set_private_key_data (form, pem, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (key_row), "P-256"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (key_row), "thumbprint"));

  grant_flow_form_set_flow_kind (form, GRANT_FLOW_KIND_CLIENT_CREDENTIALS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 30);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);

  /* Mutual TLS: the certificate row instead of the key's. */
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (key_row)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (certificate_row)));
  g_assert_false (grant_flow_form_set_certificate_files (form, no_key, &error));
  g_assert_nonnull (strstr (error->message, "without its private key"));
  g_clear_error (&error);
  g_assert_true (grant_flow_form_set_certificate_files (form, key_apart, &error));
  g_assert_no_error (error);
  g_assert_true (grant_flow_form_set_certificate_files (form, one_file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (certificate_row), "grant-mtls-client"));

  grant_test_close_all_windows (application);
}

static gboolean
user_code_shown (GrantWindow *window)
{
  return gtk_revealer_get_reveal_child (grant_test_window_child (window, "device_banner"))
         && browser_ready (window);
}

/* The device flow with its verification page in the embedded browser: the code stays in view
 * above it, the person approves there, and the outcome takes the page's place. */
static void
test_device_in_browser (void)
{
  GrantWindow *window = open_window ();
  GtkStack *centre = grant_test_window_child (window, "centre_stack");
  GtkWidget *browser;
  GrantFlow *flow;
  guint front = 0;

  discover (window);
  type (window, "client_id_row", "grant-device");
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_NONE);
  type (window, "scope_row", "openid");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"),
                                 GRANT_FLOW_KIND_DEVICE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  flow = grant_window_get_flow (window);
  grant_test_wait_for_window (user_code_shown, window, 30);

  browser = gtk_stack_get_child_by_name (centre, "browser");
  g_assert_true (gtk_stack_get_visible_child (centre) == browser);
  g_assert_cmpstr (gtk_label_get_text (grant_test_window_child (window, "user_code_label")), ==,
                   grant_device_flow_get_user_code (GRANT_DEVICE_FLOW (flow)));
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (web_view_of (browser))), ==,
                   grant_device_flow_get_verification_uri_complete (GRANT_DEVICE_FLOW (flow)));
  g_signal_connect (web_view_of (browser), "load-changed", G_CALLBACK (page_loaded_cb), NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 60);

  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_SUCCEEDED);
  g_assert_false (gtk_revealer_get_reveal_child (
                    grant_test_window_child (window, "device_banner")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (centre), ==, "result");

  /* The pages the person went through are in the timeline, as front channel. */
  for (guint i = 0; i < log_length (window); i++)
    {
      GrantTimeline *timeline = grant_test_window_child (window, "timeline");
      g_autoptr(GrantExchange) exchange =
        g_list_model_get_item (G_LIST_MODEL (grant_timeline_get_log (timeline)), i);

      if (grant_exchange_get_channel (exchange) != GRANT_EXCHANGE_FRONT_CHANNEL)
        continue;
      if (front++ == 0)
        g_assert_cmpstr (grant_exchange_get_title (exchange), ==, "Verification page");
    }
  g_assert_cmpuint (front, >=, 3);

  grant_test_close_all_windows (application);
}

static gboolean
has_token_request (GrantWindow *window)
{
  GListModel *log =
    G_LIST_MODEL (grant_timeline_get_log (grant_test_window_child (window, "timeline")));
  guint n = g_list_model_get_n_items (log);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);

      if (g_strcmp0 (grant_exchange_get_title (exchange), "Token request") == 0)
        return TRUE;
    }

  return FALSE;
}

/* The fixture's wrong-state fault: the inspector shows state ✗, and the flow stops before
 * the token request. */
static void
test_wrong_state (void)
{
  GrantWindow *window = open_window ();
  GtkWidget *browser;

  discover (window);
  type (window, "client_id_row", "grant-wrong-state");
  adw_combo_row_set_selected (grant_test_form_child (window, "auth_method_row"),
                              GRANT_CLIENT_AUTH_NONE);
  type (window, "redirect_uri_row", "http://127.0.0.1/wrong-state-callback");
  type (window, "scope_row", "openid");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"),
                                 GRANT_FLOW_KIND_AUTHORIZATION_CODE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (browser_ready, window, 30);
  browser =
    gtk_stack_get_child_by_name (GTK_STACK (grant_test_window_child (window, "centre_stack")),
                                 "browser");
  g_signal_connect (web_view_of (browser), "load-changed",
                    G_CALLBACK (page_loaded_cb), NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 60);

  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==, GRANT_FLOW_FAILED);
  g_assert_cmpint (fact (window, "state match"), ==, GRANT_CHECK_FAILED);
  g_assert_cmpint (fact (window, "state"), ==, GRANT_CHECK_FAILED);
  g_assert_false (has_token_request (window));

  grant_test_close_all_windows (application);
}

static gboolean
secret_back (GrantWindow *window)
{
  return g_str_equal (gtk_editable_get_text (
                        GTK_EDITABLE (grant_test_form_child (window, "client_secret_row"))),
                      "not-to-be-saved");
}

/* What was typed comes back in the next window; the secret never goes to the workspace file,
 * and comes back from the secret store (in memory for these tests: GRANT_SECRET_STORE). */
static void
test_form_kept (void)
{
  GrantWindow *window = open_window ();
  g_autofree char *path = g_strdup (grant_workspace_get_path (grant_application_get_workspace (application)));
  g_autofree char *saved = NULL;

  type (window, "issuer_row", "http://127.0.0.1:9/kept");
  type (window, "client_id_row", "kept-client");
  type (window, "client_secret_row", "not-to-be-saved");
  grant_flow_form_set_flow_kind (grant_test_window_child (window, "flow_form"),
                                 GRANT_FLOW_KIND_DEVICE);
  grant_test_close_all_windows (application);

  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_null (strstr (saved, "not-to-be-saved"));

  window = grant_test_open_window (application);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (grant_test_form_child (window, "issuer_row"))), ==,
                   "http://127.0.0.1:9/kept");
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (grant_test_form_child (window, "client_id_row"))),
                   ==, "kept-client");
  grant_test_wait_for_window (secret_back, window, 10);
  g_assert_false (grant_secret_store_get_persistent (grant_application_get_secret_store (application)));
  g_assert_cmpint (grant_flow_form_get_flow_kind (grant_test_window_child (window, "flow_form")),
                   ==,
                   GRANT_FLOW_KIND_DEVICE);
  grant_test_close_all_windows (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *user_dirs = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* gtk_test_init () drops G_TEST_OPTION_ISOLATE_DIRS: without folders of its own, the test
   * would read and write the user's saved form. */
  user_dirs = grant_test_isolate_user_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  fixture = grant_test_provider_start (&error);
  g_assert_no_error (error);

  application = grant_test_application_new ();

  g_test_add_func ("/grant/ui/workbench/timeline-lazy", test_timeline_lazy);
  g_test_add_func ("/grant/ui/workbench/client-credentials", test_client_credentials);
  g_test_add_func ("/grant/ui/workbench/refused", test_refused);
  g_test_add_func ("/grant/ui/workbench/device", test_device);
  g_test_add_func ("/grant/ui/workbench/device-in-browser", test_device_in_browser);
  g_test_add_func ("/grant/ui/workbench/client-keys", test_client_keys);
  g_test_add_func ("/grant/ui/workbench/requests", test_requests);
  g_test_add_func ("/grant/ui/workbench/log", test_log);
  g_test_add_func ("/grant/ui/workbench/scope-replay", test_scope_replay);
  g_test_add_func ("/grant/ui/workbench/probes", test_probes);
  g_test_add_func ("/grant/ui/workbench/scope-matrix", test_scope_matrix);
  g_test_add_func ("/grant/ui/workbench/form-kept", test_form_kept);
  g_test_add_func ("/grant/ui/workbench/authorization-code", test_authorization_code);
  g_test_add_func ("/grant/ui/workbench/wrong-state", test_wrong_state);

  status = g_test_run ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  grant_test_provider_stop (fixture);

  grant_test_remove_tree (user_dirs);
  return status;
}
