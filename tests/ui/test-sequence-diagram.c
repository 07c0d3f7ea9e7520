/* test-sequence-diagram.c
 * The sequence diagram view: shown for a log, a click and the keyboard select and activate
 * an arrow, the scale enlarges it, failed steps are red, the PNG export has the diagram's
 * size; and in the real window, the Diagram page draws a real flow through the embedded
 * browser live, and an arrow activated there is shown in the Flow page's timeline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <webkit/webkit.h>

#include "grant-application.h"
#include "grant-browser-module.h"
#include "grant-diagram-page.h"
#include "grant-flow-form.h"
#include "grant-practice-provider.h"
#include "grant-test-dirs.h"
#include "grant-test-form.h"
#include "grant-test-ui.h"
#include "grant-timeline.h"
#include "grant-window.h"

static GrantApplication *application;

static GrantExchange *
append (GrantExchangeLog     *log,
        GrantExchangeChannel  channel,
        const char           *method,
        const char           *uri,
        guint                 status,
        const char           *location,
        const char           *json)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (method, uri);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) body = json != NULL ? g_bytes_new (json, strlen (json)) : NULL;
  GrantExchange *exchange = grant_exchange_new (channel, request, NULL);

  grant_exchange_log_append (log, exchange);
  if (location != NULL)
    soup_message_headers_append (headers, "Location", location);
  if (json != NULL)
    soup_message_headers_append (headers, "Content-Type", "application/json");
  if (status > 0)
    grant_exchange_set_response (exchange, status, NULL, headers, body);
  g_object_unref (exchange);

  return exchange;
}

/* An authorization code flow, and the same code sent twice. Arrows: 0 authorize, 1 its 302,
 * 2 the callback, 3 the token request, 4 its 200, 5 the second token request, 6 its 400. */
static GrantExchangeLog *
flow_log (void)
{
  GrantExchangeLog *log = grant_exchange_log_new ();

  append (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET",
          "https://as.example/authorize?response_type=code&state=s"
          "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback", 302,
          "http://127.0.0.1/callback?code=c0de&state=s", NULL);
  append (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET", "http://127.0.0.1/callback?code=c0de&state=s",
          0, NULL, NULL);
  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "POST", "https://as.example/token", 200, NULL,
          "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}");
  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "POST", "https://as.example/token", 400, NULL,
          "{\"error\":\"invalid_grant\"}");

  return log;
}

static void
activated_cb (GtkWidget      *view,
              GrantExchange  *exchange,
              GrantExchange **activated)
{
  *activated = exchange;
}

static GtkGesture *
click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

/* A click in the middle of arrow @position, as the click gesture reports it. */
static void
click_arrow (GtkWidget *view,
             guint      position)
{
  graphene_rect_t bounds;

  g_assert_true (grant_sequence_diagram_view_get_arrow_bounds (GRANT_SEQUENCE_DIAGRAM_VIEW (view),
                                                               position, &bounds));
  g_signal_emit_by_name (click_gesture (view), "pressed", 1,
                         (double) bounds.origin.x + bounds.size.width / 2,
                         (double) bounds.origin.y + bounds.size.height / 2);
}

/* Presses @keyval on the focused view, through the widget's key bindings. */
static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  g_assert_true (gtk_widget_has_focus (widget));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }
  g_assert_not_reached ();
}

static gboolean
drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Whether the pixels of @texture inside @rect hold libadwaita's error colour (#c01c28, as
 * text and lines draw it, blended with the background). */
static guint
count_error_pixels (GdkTexture            *texture,
                    const graphene_rect_t *rect)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  guint count = 0;

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int y = MAX (0, (int) rect->origin.y); y < MIN (height, (int) (rect->origin.y
                                                                       + rect->size.height)); y++)
    for (int x = MAX (0, (int) rect->origin.x); x < MIN (width, (int) (rect->origin.x
                                                                        + rect->size.width)); x++)
      {
        /* Cairo's ARGB32 order in memory: B, G, R, A on a little-endian machine. */
        const guchar *p = pixels + ((gsize) y * width + x) * 4;
        int b = p[0], g = p[1], r = p[2];

        if (r > 150 && r - g > 90 && r - b > 80)
          count++;
      }

  return count;
}

static void
test_view (void)
{
  g_autoptr(GrantExchangeLog) log = flow_log ();
  g_autoptr(GrantSequenceDiagram) diagram = grant_sequence_diagram_new (log);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) decoded = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  GrantExchange *activated = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = grant_sequence_diagram_view_new ();
  GrantSequenceDiagramView *diagram_view = GRANT_SEQUENCE_DIAGRAM_VIEW (view);
  graphene_rect_t bounds;
  int width, height, large_width, large_height, minimum, natural;

  grant_sequence_diagram_view_set_diagram (diagram_view, diagram);
  g_signal_connect (view, "exchange-activated", G_CALLBACK (activated_cb), &activated);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 300);
  gtk_window_present (GTK_WINDOW (window));
  grant_test_wait_until (drawn, view, 10);
  grant_test_iterate_until_idle ();

  /* It asks for the whole diagram: the scrolled window scrolls it. */
  grant_sequence_diagram_view_get_diagram_size (diagram_view, &width, &height);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, width);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, height);
  g_assert_cmpint (width, >, 4 * 120);
  g_assert_cmpint (height, >, 7 * 20);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==,
                    GTK_INVALID_LIST_POSITION);

  /* A click on the token request selects it and asks for its exchange to be shown. */
  click_arrow (view, 3);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==, 3);
  g_assert_true (activated == grant_exchange_log_peek (log, 2));
  g_assert_true (gtk_widget_has_focus (view));

  /* Below the last arrow there is nothing to click. */
  activated = NULL;
  g_signal_emit_by_name (click_gesture (view), "pressed", 1, (double) width / 2,
                         (double) height - 2);
  g_assert_null (activated);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==, 3);

  /* The keyboard moves the selection; Enter activates, and only Enter. */
  press_key (view, GDK_KEY_Down);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==, 4);
  press_key (view, GDK_KEY_Up);
  press_key (view, GDK_KEY_Up);
  press_key (view, GDK_KEY_Up);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==, 1);
  g_assert_null (activated);
  press_key (view, GDK_KEY_Return);
  g_assert_true (activated == grant_exchange_log_peek (log, 0));
  press_key (view, GDK_KEY_End);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==, 6);
  press_key (view, GDK_KEY_Down);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==, 6);
  /* Selected at the bottom of a short window, the last arrow was scrolled into view. */
  g_assert_true (grant_sequence_diagram_view_get_arrow_bounds (diagram_view, 6, &bounds));
  {
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment)
                       + gtk_adjustment_get_page_size (adjustment),
                       >=, bounds.origin.y + bounds.size.height);
  }
  press_key (view, GDK_KEY_Home);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==, 0);

  /* The PNG: the diagram's size, the failed token response in red, the good one not. */
  texture = grant_sequence_diagram_view_render_texture (diagram_view, &error);
  g_assert_no_error (error);
  png = gdk_texture_save_to_png_bytes (texture);
  decoded = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (decoded), ==, width);
  g_assert_cmpint (gdk_texture_get_height (decoded), ==, height);
  {
    graphene_rect_t failed_row, good_row;
    double offset;

    g_assert_true (grant_sequence_diagram_view_get_arrow_bounds (diagram_view, 6, &failed_row));
    g_assert_true (grant_sequence_diagram_view_get_arrow_bounds (diagram_view, 4, &good_row));
    /* The view centres the drawing in a wider window; the PNG has it at its origin. */
    offset = failed_row.origin.x - MAX (0, (gtk_widget_get_width (view) - width) / 2);
    failed_row.origin.x = offset;
    good_row.origin.x = offset;
    g_assert_cmpuint (count_error_pixels (decoded, &failed_row), >, 20);
    g_assert_cmpuint (count_error_pixels (decoded, &good_row), ==, 0);
  }
  g_clear_object (&texture);
  g_clear_object (&decoded);
  g_clear_pointer (&png, g_bytes_unref);

  /* The presenter's scale enlarges everything, the PNG with it. */
  grant_sequence_diagram_view_set_scale (diagram_view, 2.0);
  g_assert_cmpfloat (grant_sequence_diagram_view_get_scale (diagram_view), ==, 2.0);
  grant_test_iterate_until_idle ();
  grant_sequence_diagram_view_get_diagram_size (diagram_view, &large_width, &large_height);
  g_assert_cmpint (large_width, >, width * 1.8);
  g_assert_cmpint (large_height, >, height * 1.8);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, large_width);
  texture = grant_sequence_diagram_view_render_texture (diagram_view, &error);
  g_assert_no_error (error);
  png = gdk_texture_save_to_png_bytes (texture);
  decoded = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (decoded), ==, large_width);
  g_assert_cmpint (gdk_texture_get_height (decoded), ==, large_height);

  /* Live: a new step makes the view taller and keeps the selection where it was. */
  append (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://api.example/photos", 401, NULL, NULL);
  grant_test_iterate_until_idle ();
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, >, large_height);
  g_assert_cmpuint (grant_sequence_diagram_view_get_selected (diagram_view), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diagram)), ==, 9);

  gtk_window_destroy (GTK_WINDOW (window));
  grant_test_iterate_until_idle ();
}

/* Exported without ever being shown: GTK's software renderer draws it. */
static void
test_render_unshown (void)
{
  g_autoptr(GrantExchangeLog) log = flow_log ();
  g_autoptr(GrantSequenceDiagram) diagram = grant_sequence_diagram_new (log);
  GtkWidget *view = g_object_ref_sink (grant_sequence_diagram_view_new ());
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  grant_sequence_diagram_view_set_diagram (GRANT_SEQUENCE_DIAGRAM_VIEW (view), diagram);
  texture = grant_sequence_diagram_view_render_texture (GRANT_SEQUENCE_DIAGRAM_VIEW (view), &error);
  g_assert_no_error (error);
  grant_sequence_diagram_view_get_diagram_size (GRANT_SEQUENCE_DIAGRAM_VIEW (view), &width,
                                                &height);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  g_object_unref (view);
}

/* The real window ----------------------------------------------------------------------------- */

static GtkWidget *
web_view_of (GtkWidget *browser)
{
  GtkWidget * (*get_web_view) (GtkWidget *) =
    grant_browser_module_lookup ("_grant_browser_get_web_view");

  g_assert_nonnull (get_web_view);

  return get_web_view (browser);
}

static gboolean
browser_ready (gpointer data)
{
  GtkWidget *browser = gtk_stack_get_child_by_name (grant_test_window_child (data, "centre_stack"),
                                                    "browser");

  return browser != NULL && web_view_of (browser) != NULL;
}

/* alice's button on the practice provider's login page, Allow on its consent page. */
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
  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, NULL, NULL);
}

/* Whether the diagram has an arrow whose label starts with @prefix, between @from and @to. */
static gboolean
has_arrow (GrantSequenceDiagram  *diagram,
           GrantSequenceLifeline  from,
           GrantSequenceLifeline  to,
           const char            *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (diagram)); i++)
    {
      GrantSequenceArrow *arrow = grant_sequence_diagram_peek_arrow (diagram, i);

      if (grant_sequence_arrow_get_from (arrow) == from
          && grant_sequence_arrow_get_to (arrow) == to
          && g_str_has_prefix (grant_sequence_arrow_get_label (arrow), prefix))
        return TRUE;
    }

  return FALSE;
}

/* The first run's flow against the practice provider, through the embedded browser, drawn as
 * it happens on the Diagram page; an arrow activated there shows its exchange in the Flow
 * page's timeline. */
static void
test_window (void)
{
  g_autofree char *path = grant_test_use_form (application, NULL);
  GrantWindow *window = grant_test_open_window (application);
  GrantDiagramPage *page = grant_test_window_child (window, "diagram_page");
  AdwViewStack *stack = grant_test_window_child (window, "view_stack");
  GrantTimeline *timeline = grant_test_window_child (window, "timeline");
  GrantSequenceDiagramView *view;
  GrantSequenceDiagram *diagram;
  GtkWidget *browser;
  GrantExchange *token = NULL;
  guint n;

  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);
  g_assert_true (grant_diagram_page_get_log (page) == grant_timeline_get_log (timeline));

  /* The page is shown while the flow runs: the diagram follows it live. */
  adw_view_stack_set_visible_child_name (stack, "diagram");
  grant_test_iterate_until_idle ();
  view = grant_diagram_page_get_view (page);
  diagram = grant_sequence_diagram_view_get_diagram (view);
  /* Discovery came before: the diagram starts with the flow (below). */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grant_timeline_get_log (timeline))),
                    >, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_until (browser_ready, window, 30);
  browser = gtk_stack_get_child_by_name (grant_test_window_child (window, "centre_stack"),
                                         "browser");
  g_signal_connect (web_view_of (browser), "load-changed", G_CALLBACK (page_loaded_cb), NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 60);
  g_signal_handlers_disconnect_by_func (web_view_of (browser), page_loaded_cb, NULL);
  g_object_set_data (G_OBJECT (web_view_of (browser)), "test-page", NULL);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==, GRANT_FLOW_SUCCEEDED);
  grant_test_iterate_until_idle ();

  n = g_list_model_get_n_items (G_LIST_MODEL (diagram));
  for (guint i = 0; i < n; i++)
    {
      GrantSequenceArrow *arrow = grant_sequence_diagram_peek_arrow (diagram, i);

      g_test_message ("arrow %u: %d → %d %s%s", i, grant_sequence_arrow_get_from (arrow),
                      grant_sequence_arrow_get_to (arrow), grant_sequence_arrow_get_label (arrow),
                      grant_sequence_arrow_get_failed (arrow) ? " (failed)" : "");
      g_assert_false (grant_sequence_arrow_get_failed (arrow));
      if (g_str_has_prefix (grant_sequence_arrow_get_label (arrow), "POST /token"))
        {
          token = grant_sequence_arrow_get_exchange (arrow);
          grant_sequence_diagram_view_set_selected (view, i);
        }
    }
  g_assert_true (has_arrow (diagram, GRANT_SEQUENCE_USER_AGENT,
                            GRANT_SEQUENCE_AUTHORIZATION_SERVER,
                            "GET /authorize response_type=code, code_challenge=…"));
  g_assert_true (has_arrow (diagram, GRANT_SEQUENCE_AUTHORIZATION_SERVER,
                            GRANT_SEQUENCE_USER_AGENT, "303 → redirect_uri?code=…&state=…"));
  g_assert_true (has_arrow (diagram, GRANT_SEQUENCE_USER_AGENT, GRANT_SEQUENCE_CLIENT,
                            "GET redirect_uri?code=…&state=…"));
  g_assert_true (has_arrow (diagram, GRANT_SEQUENCE_AUTHORIZATION_SERVER, GRANT_SEQUENCE_CLIENT,
                            "200 access_token, id_token"));
  g_assert_nonnull (token);
  g_assert_false (has_arrow (diagram, GRANT_SEQUENCE_CLIENT, GRANT_SEQUENCE_AUTHORIZATION_SERVER,
                             "GET /.well-known/"));

  /* Enter on the token request: the Flow page, its step selected in the timeline. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press_key (GTK_WIDGET (view), GDK_KEY_Return);
  grant_test_iterate_until_idle ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "workbench");
  g_assert_true (gtk_single_selection_get_selected_item (grant_timeline_get_selection (timeline))
                 == token);

  /* The next run starts a new diagram. */
  adw_view_stack_set_visible_child_name (stack, "diagram");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (diagram)), <=, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  grant_test_iterate_until_idle ();

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

  g_test_add_func ("/grant/ui/sequence-diagram/view", test_view);
  g_test_add_func ("/grant/ui/sequence-diagram/render-unshown", test_render_unshown);
  g_test_add_func ("/grant/ui/sequence-diagram/window", test_window);

  status = g_test_run ();

  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);

  grant_test_remove_tree (user_dirs);
  return status;
}
