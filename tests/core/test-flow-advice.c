/* test-flow-advice.c
 * The flow advisor: which questions it asks after which answers, the flow it recommends for
 * every combination of answers, and that each recommendation gives its reasons and cites the
 * sections it rests on, RFC 9700's retirement of implicit and password among them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-flow-advice.h"

#define PERSON GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_PERSON_PRESENT)
#define BROWSER GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_BROWSER_AND_INPUT)
#define IN_BROWSER GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_RUNS_IN_BROWSER)
#define SECRET GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_KEEPS_SECRET)

/* Every combination of the four answers, written out rather than derived, with what the
 * advisor must say to it. */
static const struct
{
  GrantFlowAnswers answers;
  GrantFlowAdvice  advice;
} expected[] = {
  { 0, GRANT_FLOW_ADVICE_MACHINE },
  { SECRET, GRANT_FLOW_ADVICE_MACHINE },
  { IN_BROWSER, GRANT_FLOW_ADVICE_MACHINE },
  { IN_BROWSER | SECRET, GRANT_FLOW_ADVICE_MACHINE },
  { BROWSER, GRANT_FLOW_ADVICE_MACHINE },
  { BROWSER | SECRET, GRANT_FLOW_ADVICE_MACHINE },
  { BROWSER | IN_BROWSER, GRANT_FLOW_ADVICE_MACHINE },
  { BROWSER | IN_BROWSER | SECRET, GRANT_FLOW_ADVICE_MACHINE },
  { PERSON, GRANT_FLOW_ADVICE_DEVICE },
  { PERSON | SECRET, GRANT_FLOW_ADVICE_DEVICE },
  { PERSON | IN_BROWSER, GRANT_FLOW_ADVICE_DEVICE },
  { PERSON | IN_BROWSER | SECRET, GRANT_FLOW_ADVICE_DEVICE },
  { PERSON | BROWSER, GRANT_FLOW_ADVICE_NATIVE_APPLICATION },
  { PERSON | BROWSER | SECRET, GRANT_FLOW_ADVICE_WEB_APPLICATION },
  { PERSON | BROWSER | IN_BROWSER, GRANT_FLOW_ADVICE_BROWSER_APPLICATION },
  { PERSON | BROWSER | IN_BROWSER | SECRET, GRANT_FLOW_ADVICE_BACKEND_FOR_FRONTEND },
};

static void
test_every_combination (void)
{
  gboolean seen[GRANT_FLOW_N_ADVICE] = { FALSE };
  gboolean covered[1u << GRANT_FLOW_N_QUESTIONS] = { FALSE };

  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, 1u << GRANT_FLOW_N_QUESTIONS);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("answers 0x%x", expected[i].answers);
      g_assert_false (covered[expected[i].answers]);
      covered[expected[i].answers] = TRUE;
      g_assert_cmpint (grant_flow_advise (expected[i].answers), ==, expected[i].advice);
      seen[expected[i].advice] = TRUE;
    }

  /* Every piece of advice is the answer to something. */
  for (guint advice = 0; advice < GRANT_FLOW_N_ADVICE; advice++)
    g_assert_true (seen[advice]);
}

/* Which grant, for which kind of client, confidential or public. */
static void
test_grants_and_clients (void)
{
  static const struct
  {
    GrantFlowAdvice    advice;
    GrantAdvisedGrant  grant;
    GrantClientProfile profile;
    gboolean           confidential;
  } clients[] = {
    { GRANT_FLOW_ADVICE_WEB_APPLICATION, GRANT_ADVISED_GRANT_AUTHORIZATION_CODE,
      GRANT_CLIENT_PROFILE_WEB_APPLICATION, TRUE },
    { GRANT_FLOW_ADVICE_BACKEND_FOR_FRONTEND, GRANT_ADVISED_GRANT_AUTHORIZATION_CODE,
      GRANT_CLIENT_PROFILE_WEB_APPLICATION, TRUE },
    { GRANT_FLOW_ADVICE_BROWSER_APPLICATION, GRANT_ADVISED_GRANT_AUTHORIZATION_CODE,
      GRANT_CLIENT_PROFILE_BROWSER_BASED, FALSE },
    { GRANT_FLOW_ADVICE_NATIVE_APPLICATION, GRANT_ADVISED_GRANT_AUTHORIZATION_CODE,
      GRANT_CLIENT_PROFILE_NATIVE, FALSE },
    { GRANT_FLOW_ADVICE_DEVICE, GRANT_ADVISED_GRANT_DEVICE_CODE,
      GRANT_CLIENT_PROFILE_DEVICE, FALSE },
    { GRANT_FLOW_ADVICE_MACHINE, GRANT_ADVISED_GRANT_CLIENT_CREDENTIALS,
      GRANT_CLIENT_PROFILE_MACHINE, TRUE },
  };

  g_assert_cmpuint (G_N_ELEMENTS (clients), ==, GRANT_FLOW_N_ADVICE);
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_assert_cmpint (grant_flow_advice_get_grant (clients[i].advice), ==, clients[i].grant);
      g_assert_cmpint (grant_flow_advice_get_client_profile (clients[i].advice), ==,
                       clients[i].profile);
      g_assert_cmpint (grant_flow_advice_get_confidential (clients[i].advice), ==,
                       clients[i].confidential);
    }
}

/* A question is asked only when the answers before it leave it open: no person, no more
 * questions; a device without a browser, none about where the code runs. */
static void
test_questions_asked (void)
{
  for (GrantFlowAnswers answers = 0; answers < (1u << GRANT_FLOW_N_QUESTIONS); answers++)
    {
      gboolean person = (answers & PERSON) != 0;
      gboolean browser = (answers & BROWSER) != 0;

      g_assert_true (grant_flow_question_is_asked (GRANT_FLOW_QUESTION_PERSON_PRESENT, answers));
      g_assert_cmpint (grant_flow_question_is_asked (GRANT_FLOW_QUESTION_BROWSER_AND_INPUT,
                                                     answers), ==, person);
      g_assert_cmpint (grant_flow_question_is_asked (GRANT_FLOW_QUESTION_RUNS_IN_BROWSER,
                                                     answers), ==, person && browser);
      g_assert_cmpint (grant_flow_question_is_asked (GRANT_FLOW_QUESTION_KEEPS_SECRET,
                                                     answers), ==, person && browser);

      /* An answer to a question not asked changes nothing. */
      for (GrantFlowQuestion q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
        if (!grant_flow_question_is_asked (q, answers))
          g_assert_cmpint (grant_flow_advise (answers ^ GRANT_FLOW_ANSWER_YES (q)), ==,
                           grant_flow_advise (answers));
    }

  for (GrantFlowQuestion q = 0; q < GRANT_FLOW_N_QUESTIONS; q++)
    {
      const char *text = grant_flow_question_get_text (q);

      g_assert_true (g_str_has_suffix (text, "?"));
      g_assert_cmpuint (strlen (grant_flow_question_get_explanation (q)), >, 20);
    }
}

static gboolean
cites (GrantFlowAdvice  advice,
       const char      *document,
       const char      *section)
{
  for (guint i = 0; i < grant_flow_advice_get_n_references (advice); i++)
    {
      const GrantFlowReference *reference = grant_flow_advice_get_reference (advice, i);

      if (g_str_equal (reference->document, document)
          && (section == NULL || g_strcmp0 (reference->section, section) == 0))
        return TRUE;
    }

  return FALSE;
}

/* Each recommendation says why in several sentences, cites where, and every RFC a reason
 * names is among its references, with a link to the section. */
static void
test_reasons_and_references (void)
{
  for (GrantFlowAdvice advice = 0; advice < GRANT_FLOW_N_ADVICE; advice++)
    {
      g_auto(GStrv) reasons = grant_flow_advice_dup_reasons (advice);
      guint n_references = grant_flow_advice_get_n_references (advice);
      gboolean says_not_legacy = FALSE;

      g_test_message ("%s", grant_flow_advice_get_title (advice));
      g_assert_cmpuint (strlen (grant_flow_advice_get_title (advice)), >, 0);
      g_assert_cmpuint (strlen (grant_flow_advice_get_summary (advice)), >, 20);
      g_assert_cmpuint (g_strv_length (reasons), >=, 4);
      g_assert_cmpuint (n_references, >=, 3);

      for (guint i = 0; reasons[i] != NULL; i++)
        {
          const char *rfc = reasons[i];

          if (strstr (reasons[i], "Not the ") == reasons[i])
            says_not_legacy = TRUE;
          while ((rfc = strstr (rfc, "RFC ")) != NULL)
            {
              g_autofree char *document = g_strndup (rfc, strlen ("RFC 1234"));

              g_assert_true (cites (advice, document, NULL));
              rfc += strlen ("RFC ");
            }
        }
      /* Each one says which legacy grant not to use instead, and cites RFC 9700 for it. */
      g_assert_true (says_not_legacy);
      g_assert_true (cites (advice, "RFC 9700", "2.1.2") || cites (advice, "RFC 9700", "2.4"));

      for (guint i = 0; i < n_references; i++)
        {
          const GrantFlowReference *reference = grant_flow_advice_get_reference (advice, i);

          g_assert_true (g_str_has_prefix (reference->uri, "https://"));
          g_assert_cmpuint (strlen (reference->title), >, 0);
          g_assert_cmpuint (strlen (grant_flow_reference_get_topic (reference)), >, 0);
          if (reference->section != NULL)
            {
              g_autofree char *anchor = g_strconcat ("#section-", reference->section, NULL);

              g_assert_true (g_str_has_suffix (reference->uri, anchor));
            }
        }
    }

  /* What each one rests on most. */
  g_assert_true (cites (GRANT_FLOW_ADVICE_WEB_APPLICATION, "RFC 6749", "4.1"));
  g_assert_true (cites (GRANT_FLOW_ADVICE_WEB_APPLICATION, "RFC 7636", NULL));
  g_assert_true (cites (GRANT_FLOW_ADVICE_BACKEND_FOR_FRONTEND,
                        "draft-ietf-oauth-browser-based-apps", NULL));
  g_assert_true (cites (GRANT_FLOW_ADVICE_BROWSER_APPLICATION,
                        "draft-ietf-oauth-browser-based-apps", NULL));
  g_assert_true (cites (GRANT_FLOW_ADVICE_BROWSER_APPLICATION, "RFC 9700", "2.1.2"));
  g_assert_true (cites (GRANT_FLOW_ADVICE_NATIVE_APPLICATION, "RFC 8252", NULL));
  g_assert_true (cites (GRANT_FLOW_ADVICE_NATIVE_APPLICATION, "RFC 7636", NULL));
  g_assert_true (cites (GRANT_FLOW_ADVICE_DEVICE, "RFC 8628", NULL));
  g_assert_true (cites (GRANT_FLOW_ADVICE_MACHINE, "RFC 6749", "4.4"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/flow-advice/every-combination", test_every_combination);
  g_test_add_func ("/grant/flow-advice/grants-and-clients", test_grants_and_clients);
  g_test_add_func ("/grant/flow-advice/questions-asked", test_questions_asked);
  g_test_add_func ("/grant/flow-advice/reasons-and-references", test_reasons_and_references);

  return g_test_run ();
}
