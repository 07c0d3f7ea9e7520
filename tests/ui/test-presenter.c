/* test-presenter.c
 * Teaching with Grant, in the real window: presenter mode (F5) enlarges every text by the
 * presenter scale, follows the setting live, darkens the text, hides the flow form and sets
 * the sequence diagram's scale, and puts everything back when it is turned off; the Advisor
 * page asks its questions one at a time, recommends the expected flow, and "Use This Flow"
 * chooses it in the Flow page's form.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <string.h>

#include "grant-advisor-page.h"
#include "grant-diagram-page.h"
#include "grant-practice-page.h"
#include "grant-practice-provider.h"
#include "grant-presenter.h"
#include "grant-test-dirs.h"
#include "grant-test-ui.h"

static GrantApplication *application;

static void
iterate_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  /* Styles are validated, and pango contexts updated, on the frame clock. */
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* With GRANT_TEST_SCREENSHOTS=DIR, the screen as it is now, in DIR/NAME.png: to look at a state
 * the test reaches (under xvfb-run -s "-screen 0 1280x800x24", with GRANT_TEST_WINDOW_SIZE). */
static void
save_screenshot (const char *name)
{
  const char *directory = g_getenv ("GRANT_TEST_SCREENSHOTS");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (directory == NULL)
    return;

  iterate_for (500);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (directory, file, NULL);
  g_spawn_sync (NULL, (char *[]) { (char *) "import", (char *) "-window", (char *) "root", path,
                                   NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("screenshot %s", path);
}

static GrantWindow *
open_window (void)
{
  const char *size = g_getenv ("GRANT_TEST_WINDOW_SIZE");
  GtkWindow *window;

  /* GRANT_TEST_WINDOW_SIZE=WIDTHxHEIGHT: the window at that size, for a screenshot. */
  if (size != NULL)
    {
      GSettings *settings = grant_application_get_settings (application);
      int width = 0;
      int height = 0;

      g_assert_cmpint (sscanf (size, "%dx%d", &width, &height), ==, 2);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }

  g_action_group_activate_action (G_ACTION_GROUP (application), "new-window", NULL);
  iterate_for (300);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_assert_true (GRANT_IS_WINDOW (window));

  return GRANT_WINDOW (window);
}

static void
close_window (GrantWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100);
}

static void
find_text_view_cb (GtkWidget *widget,
                   gpointer   user_data)
{
  GtkWidget **found = user_data;

  if (*found == NULL && GTK_IS_TEXT_VIEW (widget))
    *found = widget;
}

/* The Run button, whose label is plain text at the default size. */
static void
find_run_button_cb (GtkWidget *widget,
                    gpointer   user_data)
{
  GtkWidget **found = user_data;

  if (*found == NULL && GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.run") == 0)
    *found = widget;
}

/* The size of @widget's font, in Pango units, as it lays out its text. */
static int
font_size (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);

  return pango_font_description_get_size (pango_context_get_font_description (context));
}

static int
natural_height (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);

  return natural;
}

static double
text_alpha (GtkWidget *widget)
{
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  return color.alpha;
}

/* What presenter mode changes, measured at once. */
typedef struct
{
  int      label_size;
  int      label_height;
  int      title_size;
  int      text_view_size;
  int      diagram_font_size;
  int      diagram_width;
  int      diagram_height;
  double   diagram_scale;
  double   alpha;
  gboolean form_visible;
  gboolean presenter_class;
} Looks;

static Looks
look (GrantWindow *window)
{
  GtkWidget *run_button = NULL;
  GtkWidget *run_label;
  GtkWidget *title = grant_test_window_child (window, "user_code_label");
  GrantSequenceDiagramView *diagram =
    grant_diagram_page_get_view (grant_test_window_child (window, "diagram_page"));
  GtkWidget *text_view = NULL;
  Looks looks;

  grant_test_walk_widgets (GTK_WIDGET (window), find_run_button_cb, &run_button);
  g_assert_nonnull (run_button);
  run_label = gtk_button_get_child (GTK_BUTTON (run_button));
  grant_test_walk_widgets (grant_test_window_child (window, "request_page"), find_text_view_cb,
                           &text_view);
  g_assert_nonnull (text_view);
  g_assert_true (GTK_IS_LABEL (run_label));

  looks.label_size = font_size (run_label);
  looks.label_height = natural_height (run_label);
  looks.title_size = font_size (title);
  looks.text_view_size = font_size (text_view);
  looks.diagram_font_size = font_size (GTK_WIDGET (diagram));
  looks.diagram_scale = grant_sequence_diagram_view_get_scale (diagram);
  grant_sequence_diagram_view_get_diagram_size (diagram, &looks.diagram_width,
                                                &looks.diagram_height);
  looks.alpha = text_alpha (GTK_WIDGET (window));
  looks.form_visible = gtk_widget_get_visible (grant_test_window_child (window, "flow_form"));
  looks.presenter_class = gtk_widget_has_css_class (GTK_WIDGET (window), "presenter");

  return looks;
}

/* The practice provider's machine client, run: a diagram with arrows, no browser needed. */
static void
run_machine_client (GrantWindow *window)
{
  AdwViewStack *stack = grant_test_window_child (window, "view_stack");
  GtkWidget *use;

  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);
  adw_view_stack_set_visible_child_name (stack, "practice");
  iterate_for (200);
  use = grant_practice_page_get_use_button (grant_test_window_child (window, "practice_page"),
                                            GRANT_PRACTICE_CLIENT_MACHINE);
  g_assert_nonnull (use);
  g_signal_emit_by_name (use, "clicked");
  iterate_for (100);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 30);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);
}

static gboolean
presenter_mode (GrantWindow *window)
{
  gboolean active = FALSE;

  g_object_get (window, "presenter-mode", &active, NULL);

  return active;
}

/* The shortcut of @widget's controllers that @accelerator triggers, activated as a key press
 * would activate it. */
static gboolean
activate_shortcut (GtkWidget  *widget,
                   const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
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
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
assert_scaled (int    presented,
               int    normal,
               double scale,
               double tolerance)
{
  double ratio = (double) presented / normal;

  g_test_message ("%d / %d = %.3f, expected %.2f", presented, normal, ratio, scale);
  g_assert_cmpfloat (ratio, >=, scale - tolerance);
  g_assert_cmpfloat (ratio, <=, scale + tolerance);
}

static void
test_presenter_mode (void)
{
  GrantWindow *window = open_window ();
  GSettings *settings = grant_application_get_settings (application);
  AdwViewStack *stack = grant_test_window_child (window, "view_stack");
  Looks normal;
  Looks presented;
  Looks larger;
  Looks restored;

  g_assert_cmpfloat (g_settings_get_double (settings, "presenter-font-scale"), ==, 1.5);

  /* A flow in the diagram, and the pages with text views built once. */
  run_machine_client (window);
  adw_view_stack_set_visible_child_name (stack, "requests");
  iterate_for (200);
  adw_view_stack_set_visible_child_name (stack, "diagram");
  iterate_for (200);
  save_screenshot ("diagram");
  adw_view_stack_set_visible_child_name (stack, "workbench");
  iterate_for (200);
  save_screenshot ("flow");

  normal = look (window);
  g_assert_false (presenter_mode (window));
  g_assert_false (normal.presenter_class);
  g_assert_true (normal.form_visible);
  g_assert_cmpfloat (normal.diagram_scale, ==, 1.0);
  /* libadwaita's text is 80 % black (or white). */
  g_assert_cmpfloat (normal.alpha, <, 0.95);

  /* F5, as the shortcuts window says. */
  g_assert_true (activate_shortcut (GTK_WIDGET (window), "F5"));
  iterate_for (300);
  g_assert_true (presenter_mode (window));
  presented = look (window);

  g_assert_true (presented.presenter_class);
  save_screenshot ("presenter-flow");
  adw_view_stack_set_visible_child_name (stack, "diagram");
  save_screenshot ("diagram-presenter");
  adw_view_stack_set_visible_child_name (stack, "workbench");
  iterate_for (200);
  /* Labels, libadwaita's point-sized title classes and text views, by the scale. */
  assert_scaled (presented.label_size, normal.label_size, 1.5, 0.02);
  assert_scaled (presented.title_size, normal.title_size, 1.5, 0.02);
  assert_scaled (presented.text_view_size, normal.text_view_size, 1.5, 0.02);
  assert_scaled (presented.label_height, normal.label_height, 1.5, 0.2);
  /* The diagram enlarges itself, by its scale: its font is not enlarged a second time. */
  g_assert_cmpfloat (presented.diagram_scale, ==, 1.5);
  assert_scaled (presented.diagram_font_size, normal.diagram_font_size, 1.0, 0.02);
  assert_scaled (presented.diagram_height, normal.diagram_height, 1.5, 0.1);
  assert_scaled (presented.diagram_width, normal.diagram_width, 1.5, 0.1);
  /* The text is black or white, not 80 % of it. */
  g_assert_cmpfloat (presented.alpha, ==, 1.0);
  /* The form makes room for what the room watches. */
  g_assert_false (presented.form_visible);
  g_assert_true (gtk_widget_get_visible (grant_test_window_child (window, "inspector")));
  g_assert_true (gtk_widget_get_visible (grant_test_window_child (window, "timeline")));

  /* The setting is followed while presenting. */
  g_settings_set_double (settings, "presenter-font-scale", 2.0);
  iterate_for (300);
  larger = look (window);
  assert_scaled (larger.label_size, normal.label_size, 2.0, 0.02);
  assert_scaled (larger.text_view_size, normal.text_view_size, 2.0, 0.02);
  g_assert_cmpfloat (larger.diagram_scale, ==, 2.0);
  assert_scaled (larger.diagram_font_size, normal.diagram_font_size, 1.0, 0.02);
  g_settings_reset (settings, "presenter-font-scale");
  iterate_for (300);
  g_assert_cmpfloat (look (window).diagram_scale, ==, 1.5);

  /* Off, by the menu's action: all as it was. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.presenter-mode", NULL);
  iterate_for (300);
  g_assert_false (presenter_mode (window));
  restored = look (window);
  g_assert_false (restored.presenter_class);
  g_assert_true (restored.form_visible);
  g_assert_cmpint (restored.label_size, ==, normal.label_size);
  g_assert_cmpint (restored.label_height, ==, normal.label_height);
  g_assert_cmpint (restored.title_size, ==, normal.title_size);
  g_assert_cmpint (restored.text_view_size, ==, normal.text_view_size);
  g_assert_cmpint (restored.diagram_font_size, ==, normal.diagram_font_size);
  g_assert_cmpint (restored.diagram_width, ==, normal.diagram_width);
  g_assert_cmpint (restored.diagram_height, ==, normal.diagram_height);
  g_assert_cmpfloat (restored.diagram_scale, ==, 1.0);
  g_assert_cmpfloat (restored.alpha, ==, normal.alpha);

  /* A change of the setting while not presenting changes nothing. */
  g_settings_set_double (settings, "presenter-font-scale", 2.5);
  iterate_for (200);
  g_assert_cmpint (look (window).label_size, ==, normal.label_size);
  g_settings_reset (settings, "presenter-font-scale");

  close_window (window);
}

/* A pane hidden before presenter mode stays hidden after it; one added while presenting is
 * hidden at once. The rules leave the display with the window. */
static void
test_secondary_panes (void)
{
  GSettings *settings = grant_application_get_settings (application);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *shown = gtk_label_new ("shown");
  GtkWidget *hidden = gtk_label_new ("hidden");
  GtkWidget *late = gtk_label_new ("late");
  g_autoptr(GrantPresenter) presenter = NULL;

  gtk_box_append (GTK_BOX (box), shown);
  gtk_box_append (GTK_BOX (box), hidden);
  gtk_box_append (GTK_BOX (box), late);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_widget_set_visible (hidden, FALSE);

  presenter = grant_presenter_new (window, settings);
  grant_presenter_add_secondary (presenter, shown);
  grant_presenter_add_secondary (presenter, hidden);
  g_assert_cmpfloat (grant_presenter_get_scale (presenter), ==, 1.0);

  grant_presenter_set_active (presenter, TRUE);
  g_assert_cmpfloat (grant_presenter_get_scale (presenter), ==, 1.5);
  grant_presenter_add_secondary (presenter, late);
  g_assert_false (gtk_widget_get_visible (shown));
  g_assert_false (gtk_widget_get_visible (hidden));
  g_assert_false (gtk_widget_get_visible (late));
  g_assert_true (gtk_widget_has_css_class (window, "presenter"));

  grant_presenter_set_active (presenter, FALSE);
  g_assert_cmpfloat (grant_presenter_get_scale (presenter), ==, 1.0);
  g_assert_true (gtk_widget_get_visible (shown));
  g_assert_false (gtk_widget_get_visible (hidden));
  g_assert_true (gtk_widget_get_visible (late));
  g_assert_false (gtk_widget_has_css_class (window, "presenter"));

  /* The windows it opens are presented with it: one open before, one opened during; one of
   * another window's is left alone. */
  {
    GtkWidget *before = gtk_window_new ();
    GtkWidget *during;
    GtkWidget *unrelated = gtk_window_new ();

    gtk_window_set_transient_for (GTK_WINDOW (before), GTK_WINDOW (window));
    grant_presenter_set_active (presenter, TRUE);
    g_assert_true (gtk_widget_has_css_class (before, "presenter"));
    /* As Preferences is made: transient for the window from its construction. */
    during = g_object_new (GTK_TYPE_WINDOW, "transient-for", window, NULL);
    gtk_window_present (GTK_WINDOW (during));
    gtk_window_present (GTK_WINDOW (unrelated));
    grant_test_iterate_until_idle ();
    g_assert_true (gtk_widget_has_css_class (during, "presenter"));
    g_assert_false (gtk_widget_has_css_class (unrelated, "presenter"));
    grant_presenter_set_active (presenter, FALSE);
    g_assert_false (gtk_widget_has_css_class (before, "presenter"));
    g_assert_false (gtk_widget_has_css_class (during, "presenter"));
    gtk_window_destroy (GTK_WINDOW (before));
    gtk_window_destroy (GTK_WINDOW (during));
    gtk_window_destroy (GTK_WINDOW (unrelated));
  }

  grant_presenter_set_active (presenter, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (g_steal_pointer (&presenter));
}

/* The CSS: the resolution and icons by the scale, the diagram's font by its inverse, in any
 * locale's decimal separator. */
static void
test_css (void)
{
  g_autofree char *css = grant_presenter_dup_css (1.5, 96.0, FALSE);
  g_autofree char *dark = grant_presenter_dup_css (2.0, 120.0, TRUE);

  g_assert_nonnull (strstr (css, "-gtk-dpi: 144.000;"));
  g_assert_nonnull (strstr (css, "-gtk-icon-size: 24px;"));
  g_assert_nonnull (strstr (css, "sequencediagram { font-size: 66.667%; }"));
  g_assert_nonnull (strstr (css, "color: #000000;"));
  g_assert_nonnull (strstr (dark, "-gtk-dpi: 240.000;"));
  g_assert_nonnull (strstr (dark, "sequencediagram { font-size: 50.000%; }"));
  g_assert_nonnull (strstr (dark, "color: #ffffff;"));
}

/* The advisor */

static void
answer (GrantAdvisorPage  *page,
        GrantFlowQuestion  question,
        gboolean           yes)
{
  GtkToggleButton *button = grant_advisor_page_get_answer_button (page, question, yes);

  /* Only a question the answers so far leave open can be answered. */
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (button)));
  gtk_toggle_button_set_active (button, TRUE);
  iterate_for (50);
}

static guint
n_questions_shown (GrantAdvisorPage *page)
{
  guint n = 0;

  for (guint q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
    if (gtk_widget_is_visible (GTK_WIDGET (grant_advisor_page_get_answer_button (page, q, TRUE))))
      n++;

  return n;
}

typedef struct
{
  const char *text;
  gboolean    found;
} FindLabel;

static void
find_label_cb (GtkWidget *widget,
               gpointer   user_data)
{
  FindLabel *find = user_data;

  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), find->text) != NULL)
    find->found = TRUE;
}

static gboolean
page_shows (GrantAdvisorPage *page,
            const char       *text)
{
  FindLabel find = { text, FALSE };

  grant_test_walk_widgets (GTK_WIDGET (page), find_label_cb, &find);

  return find.found;
}

static void
find_advisor_button_cb (GtkWidget *widget,
                        gpointer   user_data)
{
  GtkWidget **found = user_data;
  GVariant *target;

  if (!GTK_IS_BUTTON (widget)
      || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "win.show-page") != 0)
    return;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), "advisor"))
    *found = widget;
}

static void
test_advisor (void)
{
  static const struct
  {
    gboolean         answers[GRANT_FLOW_N_QUESTIONS];
    guint            n_asked;
    GrantFlowAdvice  advice;
    GrantClientType  client_type;
    GrantFlowKind    flow;
    const char      *cited;
  } cases[] = {
    { { TRUE, TRUE, TRUE, FALSE }, 4, GRANT_FLOW_ADVICE_BROWSER_APPLICATION,
      GRANT_CLIENT_TYPE_SINGLE_PAGE, GRANT_FLOW_KIND_AUTHORIZATION_CODE, "RFC 9700 §2.1.2" },
    { { FALSE }, 1, GRANT_FLOW_ADVICE_MACHINE,
      GRANT_CLIENT_TYPE_MACHINE, GRANT_FLOW_KIND_CLIENT_CREDENTIALS, "RFC 6749 §4.4" },
    { { TRUE, FALSE }, 2, GRANT_FLOW_ADVICE_DEVICE,
      GRANT_CLIENT_TYPE_DEVICE, GRANT_FLOW_KIND_DEVICE, "RFC 8628" },
    { { TRUE, TRUE, FALSE, FALSE }, 4, GRANT_FLOW_ADVICE_NATIVE_APPLICATION,
      GRANT_CLIENT_TYPE_NATIVE, GRANT_FLOW_KIND_AUTHORIZATION_CODE, "RFC 8252 §8.12" },
    { { TRUE, TRUE, FALSE, TRUE }, 4, GRANT_FLOW_ADVICE_WEB_APPLICATION,
      GRANT_CLIENT_TYPE_WEB_SERVER, GRANT_FLOW_KIND_AUTHORIZATION_CODE, "RFC 7636" },
  };
  GrantWindow *window = open_window ();
  AdwViewStack *stack = grant_test_window_child (window, "view_stack");
  GrantAdvisorPage *page = grant_test_window_child (window, "advisor_page");
  GrantFlowForm *form = grant_test_window_child (window, "flow_form");
  GtkWidget *advisor_button = NULL;

  /* The flow form's "Help Me Choose" opens the page. */
  grant_test_walk_widgets (GTK_WIDGET (form), find_advisor_button_cb, &advisor_button);
  g_assert_nonnull (advisor_button);
  g_signal_emit_by_name (advisor_button, "clicked");
  iterate_for (200);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "advisor");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      adw_view_stack_set_visible_child_name (stack, "advisor");
      grant_advisor_page_start_over (page);
      iterate_for (50);

      /* The first question alone, then one more with each answer. */
      for (guint q = 0; q < cases[i].n_asked; q++)
        {
          g_assert_cmpuint (n_questions_shown (page), ==, q + 1);
          g_assert_false (grant_advisor_page_get_complete (page));
          /* Use This Flow does nothing yet. */
          gtk_widget_activate_action (GTK_WIDGET (page), "advisor.use-flow", NULL);
          iterate_for (20);
          g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "advisor");
          answer (page, q, cases[i].answers[q]);
        }
      g_assert_cmpuint (n_questions_shown (page), ==, cases[i].n_asked);
      g_assert_true (grant_advisor_page_get_complete (page));
      g_assert_cmpint (grant_advisor_page_get_advice (page), ==, cases[i].advice);
      g_assert_true (page_shows (page, grant_flow_advice_get_title (cases[i].advice)));
      g_assert_true (page_shows (page, cases[i].cited));
      if (i == 0)
        {
          save_screenshot ("advisor");
          gtk_widget_activate_action (GTK_WIDGET (window), "win.presenter-mode", NULL);
          save_screenshot ("advisor-presenter");
          gtk_widget_activate_action (GTK_WIDGET (window), "win.presenter-mode", NULL);
        }

      /* Use This Flow: the form has it, and the Flow page shows. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "advisor.use-flow", NULL));
      iterate_for (100);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "workbench");
      g_assert_cmpint (grant_flow_form_get_client_type (form), ==, cases[i].client_type);
      g_assert_cmpint (grant_flow_form_get_flow_kind (form), ==, cases[i].flow);
    }

  /* Changing an early answer takes back the questions it closes, and the advice. */
  adw_view_stack_set_visible_child_name (stack, "advisor");
  grant_advisor_page_start_over (page);
  answer (page, GRANT_FLOW_QUESTION_PERSON_PRESENT, TRUE);
  answer (page, GRANT_FLOW_QUESTION_BROWSER_AND_INPUT, TRUE);
  g_assert_cmpuint (n_questions_shown (page), ==, 3);
  answer (page, GRANT_FLOW_QUESTION_PERSON_PRESENT, FALSE);
  g_assert_cmpuint (n_questions_shown (page), ==, 1);
  g_assert_cmpint (grant_advisor_page_get_advice (page), ==, GRANT_FLOW_ADVICE_MACHINE);

  close_window (window);
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
  /* The advice and the presenter's measures are of the untranslated, light window. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);

  application = grant_test_application_new ();

  g_test_add_func ("/grant/ui/presenter/css", test_css);
  g_test_add_func ("/grant/ui/presenter/on-and-off", test_presenter_mode);
  g_test_add_func ("/grant/ui/presenter/secondary-panes", test_secondary_panes);
  g_test_add_func ("/grant/ui/advisor/use-this-flow", test_advisor);

  status = g_test_run ();

  grant_test_application_quit (application);
  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);
  grant_test_remove_tree (user_dirs);

  return status;
}
