/* test-web-view.c
 * The embedded browser: a fresh ephemeral network session per view unless a persona's is
 * given, and real WebKit loading a page under Xvfb.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-web-view.h"

static WebKitWebContext *web_context;

static void
test_ephemeral_by_default (void)
{
  GtkWidget *first = g_object_ref_sink (grant_web_view_new (web_context, NULL));
  GtkWidget *second = g_object_ref_sink (grant_web_view_new (web_context, NULL));
  WebKitNetworkSession *first_session;
  WebKitNetworkSession *second_session;

  first_session = webkit_web_view_get_network_session (WEBKIT_WEB_VIEW (first));
  second_session = webkit_web_view_get_network_session (WEBKIT_WEB_VIEW (second));

  g_assert_true (webkit_network_session_is_ephemeral (first_session));
  g_assert_true (webkit_network_session_is_ephemeral (second_session));
  /* Cookies from one run must not reach the next. */
  g_assert_true (first_session != second_session);
  g_assert_true (first_session != webkit_network_session_get_default ());
  g_assert_true (webkit_web_view_get_context (WEBKIT_WEB_VIEW (first)) == web_context);

  g_object_unref (first);
  g_object_unref (second);
}

static void
test_persona_session (void)
{
  g_autoptr(WebKitNetworkSession) persona = webkit_network_session_new_ephemeral ();
  GtkWidget *view = g_object_ref_sink (grant_web_view_new (web_context, persona));

  g_assert_true (webkit_web_view_get_network_session (WEBKIT_WEB_VIEW (view)) == persona);

  g_object_unref (view);
}

static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  gboolean *finished = user_data;

  if (event == WEBKIT_LOAD_FINISHED)
    *finished = TRUE;
}

static gboolean
load_failed_cb (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error,
                gpointer         user_data)
{
  g_error ("Loading %s failed: %s", uri, error->message);
  return FALSE;
}

static void
web_process_terminated_cb (WebKitWebView                     *view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           user_data)
{
  g_error ("WebKit's web process ended (reason %d)", reason);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* WebKit's web process really starts and renders under Xvfb, as the flows will need. */
static void
test_loads_page (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = grant_web_view_new (web_context, NULL);
  gboolean finished = FALSE;
  gboolean timed_out = FALSE;
  guint timeout_id;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  g_signal_connect (view, "load-changed", G_CALLBACK (load_changed_cb), &finished);
  g_signal_connect (view, "load-failed", G_CALLBACK (load_failed_cb), NULL);
  g_signal_connect (view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), NULL);
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (view),
                             "<html><head><title>Grant test page</title></head>"
                             "<body>Hello</body></html>",
                             "about:blank");

  timeout_id = g_timeout_add_seconds (60, timeout_cb, &timed_out);
  /* The title reaches the UI process a little after the load finishes. */
  while (!(finished && webkit_web_view_get_title (WEBKIT_WEB_VIEW (view)) != NULL) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  g_assert_cmpstr (webkit_web_view_get_title (WEBKIT_WEB_VIEW (view)), ==, "Grant test page");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  web_context = webkit_web_context_new ();

  g_test_add_func ("/grant/ui/web-view/ephemeral-by-default", test_ephemeral_by_default);
  g_test_add_func ("/grant/ui/web-view/persona-session", test_persona_session);
  g_test_add_func ("/grant/ui/web-view/loads-page", test_loads_page);

  status = g_test_run ();

  g_clear_object (&web_context);

  return status;
}
