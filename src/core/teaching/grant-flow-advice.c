/* grant-flow-advice.c
 * Which flow an application should use: a few questions about it, and the answer with its
 * reasons and the RFC sections behind them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The questions go from what rules most out to what rules least: with no person there is
 * nothing to redirect (client credentials); a person on a device that cannot show a sign-in
 * page approves on another one (device authorization); everyone else signs in through a
 * browser with the authorization code grant and PKCE, and the last two questions only say
 * where the client runs and whether it can keep a secret. Implicit and password are never the
 * answer: RFC 9700 retires both, and every piece of advice says why not.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-flow-advice.h"

/* The documents cited, each at one section. */

#define RFC_EDITOR "https://www.rfc-editor.org/rfc/"
#define RFC_6749_TITLE "The OAuth 2.0 Authorization Framework"
#define RFC_7636_TITLE "Proof Key for Code Exchange by OAuth Public Clients"
#define RFC_8252_TITLE "OAuth 2.0 for Native Apps"
#define RFC_8628_TITLE "OAuth 2.0 Device Authorization Grant"
#define RFC_9700_TITLE "Best Current Practice for OAuth 2.0 Security"
#define BROWSER_BCP_TITLE "OAuth 2.0 for Browser-Based Applications"
#define BROWSER_BCP_URI "https://datatracker.ietf.org/doc/draft-ietf-oauth-browser-based-apps/"

static const GrantFlowReference rfc_6749_client_types = {
  "RFC 6749", RFC_6749_TITLE, "2.1", RFC_EDITOR "rfc6749#section-2.1",
  N_("Confidential and public clients")
};
static const GrantFlowReference rfc_6749_authorization_code = {
  "RFC 6749", RFC_6749_TITLE, "4.1", RFC_EDITOR "rfc6749#section-4.1",
  N_("The authorization code grant")
};
static const GrantFlowReference rfc_6749_client_credentials = {
  "RFC 6749", RFC_6749_TITLE, "4.4", RFC_EDITOR "rfc6749#section-4.4",
  N_("The client credentials grant")
};
static const GrantFlowReference rfc_7636 = {
  "RFC 7636", RFC_7636_TITLE, NULL, RFC_EDITOR "rfc7636",
  N_("PKCE: the code is bound to the client that asked for it")
};
static const GrantFlowReference rfc_8252_redirect = {
  "RFC 8252", RFC_8252_TITLE, "7", RFC_EDITOR "rfc8252#section-7",
  N_("Loopback and private-use redirect URIs")
};
static const GrantFlowReference rfc_8252_embedded = {
  "RFC 8252", RFC_8252_TITLE, "8.12", RFC_EDITOR "rfc8252#section-8.12",
  N_("Not an embedded web view: the system browser")
};
static const GrantFlowReference rfc_8252_client_authentication = {
  "RFC 8252", RFC_8252_TITLE, "8.5", RFC_EDITOR "rfc8252#section-8.5",
  N_("A secret shipped in an app is not confidential")
};
static const GrantFlowReference rfc_8628 = {
  "RFC 8628", RFC_8628_TITLE, NULL, RFC_EDITOR "rfc8628",
  N_("The device authorization grant")
};
static const GrantFlowReference rfc_8628_polling = {
  "RFC 8628", RFC_8628_TITLE, "3.5", RFC_EDITOR "rfc8628#section-3.5",
  N_("Polling the token endpoint while the person approves")
};
static const GrantFlowReference rfc_9700_authorization_code = {
  "RFC 9700", RFC_9700_TITLE, "2.1.1", RFC_EDITOR "rfc9700#section-2.1.1",
  N_("PKCE for every client, confidential ones too")
};
static const GrantFlowReference rfc_9700_implicit = {
  "RFC 9700", RFC_9700_TITLE, "2.1.2", RFC_EDITOR "rfc9700#section-2.1.2",
  N_("The implicit grant is legacy: not to be used")
};
static const GrantFlowReference rfc_9700_refresh_tokens = {
  "RFC 9700", RFC_9700_TITLE, "2.2.2", RFC_EDITOR "rfc9700#section-2.2.2",
  N_("Refresh tokens of public clients: sender-constrained or rotated")
};
static const GrantFlowReference rfc_9700_password = {
  "RFC 9700", RFC_9700_TITLE, "2.4", RFC_EDITOR "rfc9700#section-2.4",
  N_("The password grant is legacy: it must not be used")
};
static const GrantFlowReference rfc_9700_client_authentication = {
  "RFC 9700", RFC_9700_TITLE, "2.5", RFC_EDITOR "rfc9700#section-2.5",
  N_("Client authentication: asymmetric keys rather than shared secrets")
};
static const GrantFlowReference browser_bcp = {
  "draft-ietf-oauth-browser-based-apps", BROWSER_BCP_TITLE, NULL, BROWSER_BCP_URI,
  N_("Browser-based applications, and the backend for frontend")
};

static const struct
{
  const char *text;
  const char *explanation;
} questions[GRANT_FLOW_N_QUESTIONS] = {
  [GRANT_FLOW_QUESTION_PERSON_PRESENT] = {
    N_("Does a person use the application?"),
    N_("Yes if it acts for someone who signs in. No for a service, a script or a daemon that "
       "acts on its own behalf."),
  },
  [GRANT_FLOW_QUESTION_BROWSER_AND_INPUT] = {
    N_("Can the device show a web browser and take typed input?"),
    N_("No for a TV, a games console, a printer or a command-line tool on a remote machine: "
       "devices that cannot show a sign-in page, or that are hard to type on."),
  },
  [GRANT_FLOW_QUESTION_RUNS_IN_BROWSER] = {
    N_("Does the application’s code run in the web browser?"),
    N_("Yes for a single-page application in JavaScript, even one with a back end. No for a "
       "server that renders its pages, or a desktop or mobile application."),
  },
  [GRANT_FLOW_QUESTION_KEEPS_SECRET] = {
    N_("Does it have a back end that can keep a secret?"),
    N_("A server of its own, under your control, where a client secret or a private key is "
       "safe. Code sent to browsers or installed on people’s devices cannot keep one."),
  },
};

#define MAX_REASONS 6
#define MAX_REFERENCES 8

static const struct
{
  GrantAdvisedGrant          grant;
  GrantClientProfile         profile;
  gboolean                   confidential;
  const char                *title;
  const char                *summary;
  const char                *reasons[MAX_REASONS];
  const GrantFlowReference  *references[MAX_REFERENCES];
} advice_table[GRANT_FLOW_N_ADVICE] = {
  [GRANT_FLOW_ADVICE_WEB_APPLICATION] = {
    GRANT_ADVISED_GRANT_AUTHORIZATION_CODE, GRANT_CLIENT_PROFILE_WEB_APPLICATION, TRUE,
    N_("Authorization Code with PKCE, as a Confidential Client"),
    N_("The back end runs the flow and keeps the client’s secret. The person signs in at the "
       "authorization server, in their own browser."),
    {
      N_("The application has a server that can keep a secret, so it is a confidential "
         "client and authenticates at the token endpoint (RFC 6749 §2.1)."),
      N_("The person signs in at the authorization server, never in the application: it gets "
         "back an authorization code, which only its back end can exchange for tokens "
         "(RFC 6749 §4.1)."),
      N_("PKCE as well as the secret: an attacker who steals or injects a code cannot use it "
         "(RFC 7636, RFC 9700 §2.1.1)."),
      N_("Where the server offers them, a private key (private_key_jwt) or mutual TLS are "
         "better than a shared secret (RFC 9700 §2.5)."),
      N_("Not the implicit grant, nor the password grant: both are legacy (RFC 9700 §2.1.2, "
         "§2.4)."),
    },
    {
      &rfc_6749_client_types, &rfc_6749_authorization_code, &rfc_7636,
      &rfc_9700_authorization_code, &rfc_9700_client_authentication, &rfc_9700_implicit,
      &rfc_9700_password,
    },
  },
  [GRANT_FLOW_ADVICE_BACKEND_FOR_FRONTEND] = {
    GRANT_ADVISED_GRANT_AUTHORIZATION_CODE, GRANT_CLIENT_PROFILE_WEB_APPLICATION, TRUE,
    N_("Authorization Code with PKCE, Run by the Back End"),
    N_("The back end is the client: it runs the flow and keeps the secret and the tokens. The "
       "code in the browser only holds a session cookie to its back end."),
    {
      N_("Code in a browser cannot keep a secret, but its back end can: that makes it a "
         "confidential client (RFC 6749 §2.1)."),
      N_("Tokens kept out of the browser cannot be stolen by a script injected into the page: "
         "the browser-based apps BCP recommends this backend for frontend first."),
      N_("The back end calls the APIs with the tokens; the browser sends it an HttpOnly, "
         "Secure, SameSite session cookie."),
      N_("PKCE as well as the secret (RFC 7636, RFC 9700 §2.1.1)."),
      N_("Not the implicit grant: the access token would come back in the address, where "
         "history, logs and referrers leak it (RFC 9700 §2.1.2)."),
    },
    {
      &browser_bcp, &rfc_6749_client_types, &rfc_7636, &rfc_9700_authorization_code,
      &rfc_9700_implicit,
    },
  },
  [GRANT_FLOW_ADVICE_BROWSER_APPLICATION] = {
    GRANT_ADVISED_GRANT_AUTHORIZATION_CODE, GRANT_CLIENT_PROFILE_BROWSER_BASED, FALSE,
    N_("Authorization Code with PKCE, as a Public Client"),
    N_("The application in the browser runs the flow itself, with no secret: PKCE proves that "
       "the code it exchanges is its own."),
    {
      N_("Anything sent to a browser can be read, so the application cannot keep a secret: "
         "it is a public client (RFC 6749 §2.1)."),
      N_("PKCE binds the code to the application that asked for it, so a stolen code is "
         "useless (RFC 7636)."),
      N_("Not the implicit grant: the access token would come back in the address, where "
         "history, logs and referrers leak it, and it cannot be bound to the client "
         "(RFC 9700 §2.1.2)."),
      N_("Short-lived access tokens, and refresh tokens that are sender-constrained or "
         "rotated on each use (RFC 9700 §2.2.2)."),
      N_("If a back end can be added, let it run the flow instead: the browser-based apps BCP "
         "prefers a backend for frontend."),
    },
    {
      &browser_bcp, &rfc_6749_client_types, &rfc_7636, &rfc_9700_implicit,
      &rfc_9700_refresh_tokens,
    },
  },
  [GRANT_FLOW_ADVICE_NATIVE_APPLICATION] = {
    GRANT_ADVISED_GRANT_AUTHORIZATION_CODE, GRANT_CLIENT_PROFILE_NATIVE, FALSE,
    N_("Authorization Code with PKCE in the System Browser"),
    N_("The installed application opens the authorization request in the system browser, and "
       "the response comes back to it through a loopback or private-use redirect URI."),
    {
      N_("A secret shipped inside an installed application is no secret: anyone can extract "
         "it, so the application is a public client (RFC 8252 §8.5)."),
      N_("The system browser, never a web view embedded in the application: the person’s "
         "password stays out of the application, and they may already be signed in there "
         "(RFC 8252 §8.12)."),
      N_("The response comes back to a loopback address or a private-use URI scheme "
         "(RFC 8252 §7)."),
      N_("PKCE, as another application could intercept the redirect (RFC 7636)."),
      N_("Not the password grant, even though the application could show a password field "
         "(RFC 9700 §2.4)."),
    },
    {
      &rfc_8252_redirect, &rfc_8252_embedded, &rfc_8252_client_authentication, &rfc_7636,
      &rfc_9700_password,
    },
  },
  [GRANT_FLOW_ADVICE_DEVICE] = {
    GRANT_ADVISED_GRANT_DEVICE_CODE, GRANT_CLIENT_PROFILE_DEVICE, FALSE,
    N_("Device Authorization Grant"),
    N_("The device shows a short code and an address; the person approves it in a browser on "
       "their phone or computer while the device waits."),
    {
      N_("The device cannot show the authorization server’s pages, or typing on it is hard, "
         "so the person signs in on a device they already have (RFC 8628)."),
      N_("The device asks for a device code and a user code, and shows the user code with the "
         "verification URI, or a QR code of it (RFC 8628)."),
      N_("It polls the token endpoint, no faster than the interval the server gives, until the "
         "person approves or denies (RFC 8628 §3.5)."),
      N_("Not the password grant: the device would see the password, and typing it with a "
         "remote control is painful (RFC 9700 §2.4)."),
    },
    {
      &rfc_8628, &rfc_8628_polling, &rfc_9700_password,
    },
  },
  [GRANT_FLOW_ADVICE_MACHINE] = {
    GRANT_ADVISED_GRANT_CLIENT_CREDENTIALS, GRANT_CLIENT_PROFILE_MACHINE, TRUE,
    N_("Client Credentials Grant"),
    N_("No person is involved: the client authenticates as itself, and gets a token for its own "
       "access."),
    {
      N_("No person signs in, so there is no one to send to the authorization server: the "
         "client asks the token endpoint directly, with its own credentials (RFC 6749 §4.4)."),
      N_("It must be a confidential client, its credentials kept on a server or in a secret "
         "store, never in code that people can download (RFC 6749 §2.1)."),
      N_("A private key (private_key_jwt) or mutual TLS are better than a shared secret "
         "(RFC 9700 §2.5)."),
      N_("Not the password grant with a service account’s password (RFC 9700 §2.4)."),
    },
    {
      &rfc_6749_client_credentials, &rfc_6749_client_types, &rfc_9700_client_authentication,
      &rfc_9700_password,
    },
  },
};

/**
 * grant_flow_question_get_text:
 * @question: a question
 *
 * Returns: the question, translated
 */
const char *
grant_flow_question_get_text (GrantFlowQuestion question)
{
  g_return_val_if_fail (question < GRANT_FLOW_N_QUESTIONS, NULL);

  return _(questions[question].text);
}

/**
 * grant_flow_question_get_explanation:
 * @question: a question
 *
 * Returns: what the question means, with examples, translated
 */
const char *
grant_flow_question_get_explanation (GrantFlowQuestion question)
{
  g_return_val_if_fail (question < GRANT_FLOW_N_QUESTIONS, NULL);

  return _(questions[question].explanation);
}

/**
 * grant_flow_question_is_asked:
 * @question: a question
 * @answers: the answers to the questions before @question; later ones are not read
 *
 * Whether @question still matters after @answers: with no person present, nothing else does,
 * and a device without a browser needs no more questions.
 *
 * Returns: %TRUE if @question is to be asked
 */
gboolean
grant_flow_question_is_asked (GrantFlowQuestion question,
                              GrantFlowAnswers  answers)
{
  gboolean person = (answers & GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_PERSON_PRESENT)) != 0;
  gboolean browser = (answers & GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_BROWSER_AND_INPUT)) != 0;

  g_return_val_if_fail (question < GRANT_FLOW_N_QUESTIONS, FALSE);

  switch (question)
    {
    case GRANT_FLOW_QUESTION_PERSON_PRESENT:
      return TRUE;
    case GRANT_FLOW_QUESTION_BROWSER_AND_INPUT:
      return person;
    case GRANT_FLOW_QUESTION_RUNS_IN_BROWSER:
    case GRANT_FLOW_QUESTION_KEEPS_SECRET:
      return person && browser;
    case GRANT_FLOW_N_QUESTIONS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * grant_flow_advise:
 * @answers: the answers; those to questions that are not asked are not read
 *
 * Returns: the advice for an application that answers @answers
 */
GrantFlowAdvice
grant_flow_advise (GrantFlowAnswers answers)
{
  gboolean in_browser = (answers & GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_RUNS_IN_BROWSER)) != 0;
  gboolean secret = (answers & GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_KEEPS_SECRET)) != 0;

  if (!(answers & GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_PERSON_PRESENT)))
    return GRANT_FLOW_ADVICE_MACHINE;
  if (!(answers & GRANT_FLOW_ANSWER_YES (GRANT_FLOW_QUESTION_BROWSER_AND_INPUT)))
    return GRANT_FLOW_ADVICE_DEVICE;
  if (in_browser)
    return secret ? GRANT_FLOW_ADVICE_BACKEND_FOR_FRONTEND : GRANT_FLOW_ADVICE_BROWSER_APPLICATION;

  return secret ? GRANT_FLOW_ADVICE_WEB_APPLICATION : GRANT_FLOW_ADVICE_NATIVE_APPLICATION;
}

/**
 * grant_flow_advice_get_title:
 * @advice: a piece of advice
 *
 * Returns: the flow recommended, as a title, translated
 */
const char *
grant_flow_advice_get_title (GrantFlowAdvice advice)
{
  g_return_val_if_fail (advice < GRANT_FLOW_N_ADVICE, NULL);

  return _(advice_table[advice].title);
}

/**
 * grant_flow_advice_get_summary:
 * @advice: a piece of advice
 *
 * Returns: how the flow goes for such an application, in a sentence or two, translated
 */
const char *
grant_flow_advice_get_summary (GrantFlowAdvice advice)
{
  g_return_val_if_fail (advice < GRANT_FLOW_N_ADVICE, NULL);

  return _(advice_table[advice].summary);
}

/**
 * grant_flow_advice_get_grant:
 * @advice: a piece of advice
 *
 * Returns: the grant recommended
 */
GrantAdvisedGrant
grant_flow_advice_get_grant (GrantFlowAdvice advice)
{
  g_return_val_if_fail (advice < GRANT_FLOW_N_ADVICE, GRANT_ADVISED_GRANT_AUTHORIZATION_CODE);

  return advice_table[advice].grant;
}

/**
 * grant_flow_advice_get_client_profile:
 * @advice: a piece of advice
 *
 * Returns: the kind of application the advice is for
 */
GrantClientProfile
grant_flow_advice_get_client_profile (GrantFlowAdvice advice)
{
  g_return_val_if_fail (advice < GRANT_FLOW_N_ADVICE, GRANT_CLIENT_PROFILE_WEB_APPLICATION);

  return advice_table[advice].profile;
}

/**
 * grant_flow_advice_get_confidential:
 * @advice: a piece of advice
 *
 * Returns: %TRUE if the client is confidential, one that authenticates with a secret or a key
 *   (RFC 6749 §2.1); %FALSE for a public client
 */
gboolean
grant_flow_advice_get_confidential (GrantFlowAdvice advice)
{
  g_return_val_if_fail (advice < GRANT_FLOW_N_ADVICE, FALSE);

  return advice_table[advice].confidential;
}

/**
 * grant_flow_advice_dup_reasons:
 * @advice: a piece of advice
 *
 * Returns: (transfer full): why, a sentence each with the sections it rests on, translated
 */
GStrv
grant_flow_advice_dup_reasons (GrantFlowAdvice advice)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (advice < GRANT_FLOW_N_ADVICE, NULL);

  for (guint i = 0; i < MAX_REASONS && advice_table[advice].reasons[i] != NULL; i++)
    g_strv_builder_add (builder, _(advice_table[advice].reasons[i]));

  return g_strv_builder_end (builder);
}

/**
 * grant_flow_advice_get_n_references:
 * @advice: a piece of advice
 *
 * Returns: how many sections of specifications @advice cites
 */
guint
grant_flow_advice_get_n_references (GrantFlowAdvice advice)
{
  guint n = 0;

  g_return_val_if_fail (advice < GRANT_FLOW_N_ADVICE, 0);

  while (n < MAX_REFERENCES && advice_table[advice].references[n] != NULL)
    n++;

  return n;
}

/**
 * grant_flow_advice_get_reference:
 * @advice: a piece of advice
 * @position: which, below grant_flow_advice_get_n_references()
 *
 * Returns: (transfer none): a section @advice cites, the most relevant first
 */
const GrantFlowReference *
grant_flow_advice_get_reference (GrantFlowAdvice advice,
                                 guint           position)
{
  g_return_val_if_fail (advice < GRANT_FLOW_N_ADVICE, NULL);
  g_return_val_if_fail (position < grant_flow_advice_get_n_references (advice), NULL);

  return advice_table[advice].references[position];
}

/**
 * grant_flow_reference_get_topic:
 * @reference: a reference
 *
 * Returns: what @reference says, in a few words, translated
 */
const char *
grant_flow_reference_get_topic (const GrantFlowReference *reference)
{
  g_return_val_if_fail (reference != NULL, NULL);

  return _(reference->topic);
}
