/* grant-advisor-page.c
 * The Advisor page: a few questions about an application, and the flow it should use, with
 * the reasons and the RFC sections behind them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The questions and the advice are the core's (grant-flow-advice.c); this page asks them one
 * at a time, each once the answers before it leave it open, and shows the advice once every
 * question asked has its answer. "Use This Flow" asks the window, by a signal, to choose that
 * flow and kind of application in the Flow page's form.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "grant-advisor-page.h"
#include "grant-application-private.h"

/* An answer not given yet. */
#define UNANSWERED (-1)

struct _GrantAdvisorPage
{
  GtkWidget            parent_instance;

  /* Made when the page is first shown, or first asked for. */
  GtkWidget           *content;
  AdwPreferencesGroup *questions_group;
  AdwPreferencesGroup *advice_group;
  AdwPreferencesGroup *reasons_group;
  AdwPreferencesGroup *references_group;
  AdwActionRow        *grant_type_row;
  AdwActionRow        *profile_row;
  AdwActionRow        *client_row;
  GtkWidget           *use_button;
  GtkWidget           *question_rows[GRANT_FLOW_N_QUESTIONS];
  GtkWidget           *yes_buttons[GRANT_FLOW_N_QUESTIONS];
  GtkWidget           *no_buttons[GRANT_FLOW_N_QUESTIONS];
  /* The rows of the advice shown, to take away when it changes. */
  GPtrArray           *reason_rows;
  GPtrArray           *reference_rows;

  int                  answers[GRANT_FLOW_N_QUESTIONS];
  gboolean             updating;
  gboolean             complete;
};

G_DEFINE_FINAL_TYPE (GrantAdvisorPage, grant_advisor_page, GTK_TYPE_WIDGET)

enum {
  USE_FLOW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
grant_type_name (GrantAdvisedGrant grant)
{
  switch (grant)
    {
    case GRANT_ADVISED_GRANT_CLIENT_CREDENTIALS:
      return "client_credentials";
    case GRANT_ADVISED_GRANT_DEVICE_CODE:
      return "urn:ietf:params:oauth:grant-type:device_code";
    case GRANT_ADVISED_GRANT_AUTHORIZATION_CODE:
    default:
      /* Translators: the grant_type value, which stays as it is, and how it is used */
      return _("authorization_code, with PKCE");
    }
}

/* The names the Flow page's form gives the kinds of application. */
static const char *
profile_name (GrantClientProfile profile)
{
  switch (profile)
    {
    case GRANT_CLIENT_PROFILE_BROWSER_BASED:
      return _("Single-page app");
    case GRANT_CLIENT_PROFILE_NATIVE:
      return _("Native app");
    case GRANT_CLIENT_PROFILE_MACHINE:
      return _("Machine to machine");
    case GRANT_CLIENT_PROFILE_DEVICE:
      return _("Input-constrained device");
    case GRANT_CLIENT_PROFILE_WEB_APPLICATION:
    default:
      return _("Server-side web app");
    }
}

/* The answers given so far, as the core reads them. */
static GrantFlowAnswers
current_answers (GrantAdvisorPage *self)
{
  GrantFlowAnswers answers = 0;

  for (guint q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
    if (self->answers[q] == TRUE)
      answers |= GRANT_FLOW_ANSWER_YES (q);

  return answers;
}

/* Whether every question asked has its answer; the questions shown are those up to the first
 * asked and not answered. */
static gboolean
update_questions (GrantAdvisorPage *self)
{
  GrantFlowAnswers answers = current_answers (self);
  gboolean open = TRUE;

  for (guint q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
    {
      gboolean asked = open && grant_flow_question_is_asked (q, answers);

      if (self->question_rows[q] != NULL)
        gtk_widget_set_visible (self->question_rows[q], asked);
      if (asked && self->answers[q] == UNANSWERED)
        open = FALSE;
    }

  return open;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
reference_activated_cb (AdwActionRow *row,
                        gpointer      user_data)
{
  const GrantFlowReference *reference = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, reference->uri,
                GDK_CURRENT_TIME);
}

static GtkWidget *
reference_row_new (const GrantFlowReference *reference)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("web-browser-symbolic");
  g_autofree char *title = NULL;
  g_autofree char *tooltip = NULL;

  /* Translators: a document and its section, as "RFC 9700 §2.1.2" */
  title = reference->section != NULL
          ? g_strdup_printf (_("%s §%s"), reference->document, reference->section)
          : g_strdup (reference->document);
  tooltip = g_strdup_printf ("%s\n%s", reference->title, reference->uri);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), grant_flow_reference_get_topic (reference));
  gtk_widget_set_tooltip_text (row, tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (reference_activated_cb),
                    (gpointer) reference);

  return row;
}

static void
show_advice (GrantAdvisorPage *self,
             gboolean          complete)
{
  GrantFlowAdvice advice;
  g_auto(GStrv) reasons = NULL;

  clear_rows (self->reasons_group, self->reason_rows);
  clear_rows (self->references_group, self->reference_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->advice_group), complete);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_group), complete);
  gtk_widget_set_visible (GTK_WIDGET (self->references_group), complete);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "advisor.use-flow", complete);
  if (!complete)
    return;

  advice = grant_flow_advise (current_answers (self));
  adw_preferences_group_set_title (self->advice_group, grant_flow_advice_get_title (advice));
  adw_preferences_group_set_description (self->advice_group,
                                         grant_flow_advice_get_summary (advice));
  adw_action_row_set_subtitle (self->grant_type_row,
                               grant_type_name (grant_flow_advice_get_grant (advice)));
  adw_action_row_set_subtitle (self->profile_row,
                               profile_name (grant_flow_advice_get_client_profile (advice)));
  adw_action_row_set_subtitle (self->client_row,
                               grant_flow_advice_get_confidential (advice)
                               ? _("Confidential: it authenticates at the token endpoint, "
                                   "with a secret or a private key")
                               : _("Public: it cannot keep a secret, so it does not "
                                   "authenticate"));

  reasons = grant_flow_advice_dup_reasons (advice);
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reasons[i]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->reasons_group, row);
      g_ptr_array_add (self->reason_rows, row);
    }

  for (guint i = 0; i < grant_flow_advice_get_n_references (advice); i++)
    {
      GtkWidget *row = reference_row_new (grant_flow_advice_get_reference (advice, i));

      adw_preferences_group_add (self->references_group, row);
      g_ptr_array_add (self->reference_rows, row);
    }
}

static void
update (GrantAdvisorPage *self)
{
  gboolean complete;

  if (self->content == NULL)
    return;

  complete = update_questions (self);
  show_advice (self, complete);
  /* The last answer given, the advice comes into view below, with the focus on its button. */
  if (complete && !self->complete && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (self->use_button);
  self->complete = complete;
}

static void
answer_toggled_cb (GtkToggleButton  *button,
                   GrantAdvisorPage *self)
{
  int question = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "question"));

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  self->answers[question] = GTK_WIDGET (button) == self->yes_buttons[question];
  update (self);
}

static GtkWidget *
answer_button_new (GrantAdvisorPage  *self,
                   GrantFlowQuestion  question,
                   const char        *label)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "question", GINT_TO_POINTER (question));
  g_signal_connect (button, "toggled", G_CALLBACK (answer_toggled_cb), self);
  /* The question is what the button answers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  grant_flow_question_get_text (question), -1);

  return button;
}

static GtkWidget *
question_row_new (GrantAdvisorPage  *self,
                  GrantFlowQuestion  question)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), grant_flow_question_get_text (question));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               grant_flow_question_get_explanation (question));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  self->yes_buttons[question] = answer_button_new (self, question, _("_Yes"));
  self->no_buttons[question] = answer_button_new (self, question, _("_No"));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->no_buttons[question]),
                               GTK_TOGGLE_BUTTON (self->yes_buttons[question]));
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->yes_buttons[question]);
  gtk_box_append (GTK_BOX (box), self->no_buttons[question]);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

static void
ensure_content (GrantAdvisorPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->content != NULL)
    return;

  /* A resource of the program: it aborts if it does not load, as a template would. */
  builder = gtk_builder_new_from_resource (GRANT_RESOURCE_BASE_PATH
                                           "/teaching/grant-advisor-page.ui");
  self->content = GTK_WIDGET (gtk_builder_get_object (builder, "content"));
  self->questions_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder,
                                                                         "questions_group"));
  self->advice_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "advice_group"));
  self->reasons_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder,
                                                                       "reasons_group"));
  self->references_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder,
                                                                          "references_group"));
  self->grant_type_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "grant_type_row"));
  self->profile_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "profile_row"));
  self->client_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "client_row"));
  self->use_button = GTK_WIDGET (gtk_builder_get_object (builder, "use_button"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->grant_type_row), FALSE);

  for (guint q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
    {
      self->question_rows[q] = question_row_new (self, q);
      adw_preferences_group_add (self->questions_group, self->question_rows[q]);
    }
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));

  update (self);
}

static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  grant_advisor_page_start_over (GRANT_ADVISOR_PAGE (widget));
}

static void
use_flow_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GrantAdvisorPage *self = GRANT_ADVISOR_PAGE (widget);

  if (!grant_advisor_page_get_complete (self))
    return;

  g_signal_emit (self, signals[USE_FLOW], 0, (guint) grant_advisor_page_get_advice (self));
}

static void
grant_advisor_page_map (GtkWidget *widget)
{
  ensure_content (GRANT_ADVISOR_PAGE (widget));

  GTK_WIDGET_CLASS (grant_advisor_page_parent_class)->map (widget);
}

static void
grant_advisor_page_dispose (GObject *object)
{
  GrantAdvisorPage *self = GRANT_ADVISOR_PAGE (object);

  g_clear_pointer (&self->content, gtk_widget_unparent);
  self->use_button = NULL;
  memset (self->question_rows, 0, sizeof self->question_rows);
  memset (self->yes_buttons, 0, sizeof self->yes_buttons);
  memset (self->no_buttons, 0, sizeof self->no_buttons);
  if (self->reason_rows != NULL)
    g_ptr_array_set_size (self->reason_rows, 0);
  if (self->reference_rows != NULL)
    g_ptr_array_set_size (self->reference_rows, 0);

  G_OBJECT_CLASS (grant_advisor_page_parent_class)->dispose (object);
}

static void
grant_advisor_page_finalize (GObject *object)
{
  GrantAdvisorPage *self = GRANT_ADVISOR_PAGE (object);

  g_ptr_array_unref (self->reason_rows);
  g_ptr_array_unref (self->reference_rows);

  G_OBJECT_CLASS (grant_advisor_page_parent_class)->finalize (object);
}

static void
grant_advisor_page_class_init (GrantAdvisorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_advisor_page_dispose;
  object_class->finalize = grant_advisor_page_finalize;
  widget_class->map = grant_advisor_page_map;

  _grant_application_ensure_resources ();

  /**
   * GrantAdvisorPage::use-flow:
   * @self: the page
   * @advice: the #GrantFlowAdvice shown
   *
   * The user asked for the flow recommended: the window chooses it, and the kind of
   * application, in the Flow page's form.
   */
  signals[USE_FLOW] =
    g_signal_new ("use-flow", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_install_action (widget_class, "advisor.start-over", NULL, start_over_action);
  gtk_widget_class_install_action (widget_class, "advisor.use-flow", NULL, use_flow_action);
}

static void
grant_advisor_page_init (GrantAdvisorPage *self)
{
  for (guint q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
    self->answers[q] = UNANSWERED;
  self->reason_rows = g_ptr_array_new ();
  self->reference_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "advisor.use-flow", FALSE);
}

/**
 * grant_advisor_page_new:
 *
 * Returns: (transfer floating): a page with no question answered
 */
GtkWidget *
grant_advisor_page_new (void)
{
  return g_object_new (GRANT_TYPE_ADVISOR_PAGE, NULL);
}

/**
 * grant_advisor_page_get_answer_button:
 * @self: a #GrantAdvisorPage
 * @question: a question
 * @yes: %TRUE for the button that answers yes, %FALSE for no
 *
 * Returns: (transfer none): the button, made now if the page was not shown yet
 */
GtkToggleButton *
grant_advisor_page_get_answer_button (GrantAdvisorPage  *self,
                                      GrantFlowQuestion  question,
                                      gboolean           yes)
{
  g_return_val_if_fail (GRANT_IS_ADVISOR_PAGE (self), NULL);
  g_return_val_if_fail (question < GRANT_FLOW_N_QUESTIONS, NULL);

  ensure_content (self);

  return GTK_TOGGLE_BUTTON (yes ? self->yes_buttons[question] : self->no_buttons[question]);
}

/**
 * grant_advisor_page_get_complete:
 * @self: a #GrantAdvisorPage
 *
 * Returns: whether every question asked has its answer, and the advice is shown
 */
gboolean
grant_advisor_page_get_complete (GrantAdvisorPage *self)
{
  GrantFlowAnswers answers;

  g_return_val_if_fail (GRANT_IS_ADVISOR_PAGE (self), FALSE);

  answers = current_answers (self);
  for (guint q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
    if (grant_flow_question_is_asked (q, answers) && self->answers[q] == UNANSWERED)
      return FALSE;

  return TRUE;
}

/**
 * grant_advisor_page_get_advice:
 * @self: a #GrantAdvisorPage
 *
 * Returns: the advice for the answers given, or %GRANT_FLOW_N_ADVICE while a question asked
 *   has no answer
 */
GrantFlowAdvice
grant_advisor_page_get_advice (GrantAdvisorPage *self)
{
  g_return_val_if_fail (GRANT_IS_ADVISOR_PAGE (self), GRANT_FLOW_N_ADVICE);

  if (!grant_advisor_page_get_complete (self))
    return GRANT_FLOW_N_ADVICE;

  return grant_flow_advise (current_answers (self));
}

/**
 * grant_advisor_page_start_over:
 * @self: a #GrantAdvisorPage
 *
 * Forgets every answer: the first question is asked again.
 */
void
grant_advisor_page_start_over (GrantAdvisorPage *self)
{
  g_return_if_fail (GRANT_IS_ADVISOR_PAGE (self));

  self->updating = TRUE;
  for (guint q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
    {
      self->answers[q] = UNANSWERED;
      if (self->yes_buttons[q] != NULL)
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->yes_buttons[q]), FALSE);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->no_buttons[q]), FALSE);
        }
    }
  self->updating = FALSE;
  update (self);
}
