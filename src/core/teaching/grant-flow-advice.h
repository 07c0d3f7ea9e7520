/* grant-flow-advice.h
 * Which flow an application should use: a few questions about it, and the answer with its
 * reasons and the RFC sections behind them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * GrantFlowQuestion:
 * @GRANT_FLOW_QUESTION_PERSON_PRESENT: does a person use the application, so that it acts on
 *   their behalf?
 * @GRANT_FLOW_QUESTION_BROWSER_AND_INPUT: can the device show a web browser and take typed
 *   input?
 * @GRANT_FLOW_QUESTION_RUNS_IN_BROWSER: does the application's code run in the person's web
 *   browser?
 * @GRANT_FLOW_QUESTION_KEEPS_SECRET: does the application have a back end, a server of its
 *   own, that can keep a secret?
 * @GRANT_FLOW_N_QUESTIONS: how many questions there are
 *
 * The questions of the advisor, in the order it asks them. An answer can make the questions
 * after it moot: see grant_flow_question_is_asked().
 */
typedef enum
{
  GRANT_FLOW_QUESTION_PERSON_PRESENT,
  GRANT_FLOW_QUESTION_BROWSER_AND_INPUT,
  GRANT_FLOW_QUESTION_RUNS_IN_BROWSER,
  GRANT_FLOW_QUESTION_KEEPS_SECRET,
  GRANT_FLOW_N_QUESTIONS,
} GrantFlowQuestion;

/**
 * GrantFlowAnswers:
 *
 * The answers to the questions: the bit GRANT_FLOW_ANSWER_YES (question) is set for each
 * question answered yes, and clear for each answered no.
 */
typedef guint GrantFlowAnswers;

/**
 * GRANT_FLOW_ANSWER_YES:
 * @question: a #GrantFlowQuestion
 *
 * The bit of #GrantFlowAnswers that says @question was answered yes.
 */
#define GRANT_FLOW_ANSWER_YES(question) (1u << (question))

/**
 * GrantFlowAdvice:
 * @GRANT_FLOW_ADVICE_WEB_APPLICATION: authorization code with PKCE, a confidential client on
 *   a server (RFC 6749 §4.1, RFC 7636, RFC 9700 §2.1.1)
 * @GRANT_FLOW_ADVICE_BACKEND_FOR_FRONTEND: authorization code with PKCE, run by the back end
 *   of a browser application as a confidential client (the browser-based apps BCP's
 *   backend for frontend)
 * @GRANT_FLOW_ADVICE_BROWSER_APPLICATION: authorization code with PKCE, a public client in the
 *   browser (the browser-based apps BCP, RFC 9700 §2.1.2)
 * @GRANT_FLOW_ADVICE_NATIVE_APPLICATION: authorization code with PKCE in the system browser,
 *   a public client (RFC 8252)
 * @GRANT_FLOW_ADVICE_DEVICE: the device authorization grant (RFC 8628)
 * @GRANT_FLOW_ADVICE_MACHINE: the client credentials grant (RFC 6749 §4.4)
 * @GRANT_FLOW_N_ADVICE: how many pieces of advice there are
 *
 * What the advisor recommends.
 */
typedef enum
{
  GRANT_FLOW_ADVICE_WEB_APPLICATION,
  GRANT_FLOW_ADVICE_BACKEND_FOR_FRONTEND,
  GRANT_FLOW_ADVICE_BROWSER_APPLICATION,
  GRANT_FLOW_ADVICE_NATIVE_APPLICATION,
  GRANT_FLOW_ADVICE_DEVICE,
  GRANT_FLOW_ADVICE_MACHINE,
  GRANT_FLOW_N_ADVICE,
} GrantFlowAdvice;

/**
 * GrantAdvisedGrant:
 * @GRANT_ADVISED_GRANT_AUTHORIZATION_CODE: the authorization code grant, with PKCE
 * @GRANT_ADVISED_GRANT_CLIENT_CREDENTIALS: the client credentials grant
 * @GRANT_ADVISED_GRANT_DEVICE_CODE: the device authorization grant
 *
 * The grant (the flow) a piece of advice recommends.
 */
typedef enum
{
  GRANT_ADVISED_GRANT_AUTHORIZATION_CODE,
  GRANT_ADVISED_GRANT_CLIENT_CREDENTIALS,
  GRANT_ADVISED_GRANT_DEVICE_CODE,
} GrantAdvisedGrant;

/**
 * GrantClientProfile:
 * @GRANT_CLIENT_PROFILE_WEB_APPLICATION: a web application run on a server (RFC 6749 §2.1)
 * @GRANT_CLIENT_PROFILE_BROWSER_BASED: an application whose code runs in the browser, the
 *   "user-agent-based application" of RFC 6749 §2.1
 * @GRANT_CLIENT_PROFILE_NATIVE: a native application, installed on the person's device
 * @GRANT_CLIENT_PROFILE_MACHINE: a service acting on its own behalf
 * @GRANT_CLIENT_PROFILE_DEVICE: a device with no browser, or no easy typing
 *
 * The kind of application a piece of advice is for: who runs the client, and where.
 */
typedef enum
{
  GRANT_CLIENT_PROFILE_WEB_APPLICATION,
  GRANT_CLIENT_PROFILE_BROWSER_BASED,
  GRANT_CLIENT_PROFILE_NATIVE,
  GRANT_CLIENT_PROFILE_MACHINE,
  GRANT_CLIENT_PROFILE_DEVICE,
} GrantClientProfile;

/**
 * GrantFlowReference:
 * @document: the document, as "RFC 7636"
 * @title: the document's title, in English as published
 * @section: (nullable): the section cited, as "4.4", or %NULL for the whole document
 * @uri: where to read it, at that section
 * @topic: what it says there, untranslated: see grant_flow_reference_get_topic()
 *
 * A section of a specification that a piece of advice rests on.
 */
typedef struct
{
  const char *document;
  const char *title;
  const char *section;
  const char *uri;
  const char *topic;
} GrantFlowReference;

const char               *grant_flow_question_get_text        (GrantFlowQuestion  question);
const char               *grant_flow_question_get_explanation (GrantFlowQuestion  question);
gboolean                  grant_flow_question_is_asked        (GrantFlowQuestion  question,
                                                               GrantFlowAnswers   answers);

GrantFlowAdvice           grant_flow_advise                   (GrantFlowAnswers   answers);

const char               *grant_flow_advice_get_title         (GrantFlowAdvice    advice);
const char               *grant_flow_advice_get_summary       (GrantFlowAdvice    advice);
GrantAdvisedGrant         grant_flow_advice_get_grant         (GrantFlowAdvice    advice);
GrantClientProfile        grant_flow_advice_get_client_profile (GrantFlowAdvice   advice);
gboolean                  grant_flow_advice_get_confidential  (GrantFlowAdvice    advice);
GStrv                     grant_flow_advice_dup_reasons       (GrantFlowAdvice    advice);
guint                     grant_flow_advice_get_n_references  (GrantFlowAdvice    advice);
const GrantFlowReference *grant_flow_advice_get_reference     (GrantFlowAdvice    advice,
                                                               guint              position);

const char               *grant_flow_reference_get_topic      (const GrantFlowReference *reference);

G_END_DECLS
