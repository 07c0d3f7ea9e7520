/* grant-practice-authorize.c
 * The practice provider's pages: authorization, login, consent, device verification, logout.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-pkce.h"
#include "grant-practice-authorize.h"
#include "grant-practice-http.h"
#include "grant-practice-tokens.h"

/* How long a user has to get through the login and consent pages, in seconds. */
#define INTERACTION_LIFETIME 600

/* What each scope lets the client do, as the consent page says it. */
static const struct
{
  const char *scope;
  const char *meaning;
} scope_meanings[] = {
  { "openid", N_("Know who you are (an ID token with your user id)") },
  { "profile", N_("See your name, and call the API's /api/profile") },
  { "email", N_("See your e-mail address") },
  { "offline_access", N_("Keep access while you are away (a refresh token)") },
  { "photos:read", N_("See your photos") },
  { "photos:write", N_("Add photos") },
};

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
append_param (GString    *url,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;

  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (url, "%c%s=%s", strchr (url->str, '?') != NULL ? '&' : '?', name,
                          escaped);
}

static const char *
param (GHashTable *form,
       const char *name)
{
  const char *value = g_hash_table_lookup (form, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static void
send_problem_page (SoupServerMessage *msg,
                   guint              status,
                   const char        *title,
                   const char        *explanation)
{
  g_autofree char *escaped = g_markup_escape_text (explanation, -1);
  g_autofree char *body = g_strdup_printf ("<p>%s</p>", escaped);

  grant_practice_http_send_page (msg, status, title, body);
}

/* Sends the user back to the client with the authorization response (RFC 6749 §4.1.2) or an
 * error (§4.1.2.1), with iss (RFC 9207) and state, as the fault switches allow. */
static void
redirect_to_client (GrantPracticeServer *server,
                    SoupServerMessage   *msg,
                    const char          *redirect_uri,
                    const char          *state,
                    const char          *code,
                    const char          *error,
                    const char          *description)
{
  g_autoptr(GString) url = g_string_new (redirect_uri);
  g_autofree char *wrong_state = NULL;
  g_autofree char *ascii = description != NULL
                           ? grant_practice_http_describe_error (description) : NULL;

  append_param (url, "code", code);
  append_param (url, "error", error);
  append_param (url, "error_description", ascii);
  if (grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_WRONG_STATE, NULL))
    {
      g_autofree char *secret = grant_practice_store_new_secret ();

      wrong_state = g_strconcat ("forged-", secret, NULL);
      state = wrong_state;
    }
  append_param (url, "state", state);
  if (!grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_MISSING_ISS, NULL))
    append_param (url, "iss", grant_practice_server_get_issuer (server));

  grant_practice_http_redirect (msg, url->str);
}

static gboolean
check_code_challenge (const char  *code_challenge,
                      const char  *method,
                      const char **description)
{
  if (code_challenge == NULL)
    return TRUE;

  if (g_strcmp0 (method, "S256") != 0)
    {
      *description = "code_challenge_method must be S256; plain is not allowed (RFC 7636 §4.2, "
                     "OAuth 2.0 Security BCP §2.1.1).";
      return FALSE;
    }
  /* An S256 challenge is a base64url SHA-256: 43 characters. */
  if (strlen (code_challenge) != 43 || !grant_pkce_check_verifier (code_challenge, NULL))
    {
      *description = "The code_challenge is not a base64url SHA-256 (43 characters).";
      return FALSE;
    }

  return TRUE;
}

static void
authorize_cb (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  GrantPracticeServer *server = user_data;
  g_autoptr(GHashTable) form = grant_practice_http_read_form (msg, query);
  g_autofree char *unknown = NULL;
  g_autofree char *location = NULL;
  const GrantPracticeClient *client;
  GrantPracticeInteraction *interaction;
  const char *redirect_uri = param (form, "redirect_uri");
  const char *state = param (form, "state");
  const char *scope = param (form, "scope");
  const char *code_challenge = param (form, "code_challenge");
  const char *description = NULL;

  /* The tokens at the end of this flow are signed: the keys are made while the user logs in. */
  grant_practice_server_prepare_keys (server);

  /* RFC 6749 §4.1.2.1: without a known client and its redirect URI, the user is told here and
   * never redirected anywhere. */
  client = grant_practice_directory_find_client (param (form, "client_id"));
  if (client == NULL)
    {
      send_problem_page (msg, SOUP_STATUS_BAD_REQUEST, _("Unknown Client"),
                         _("The request names no client_id the practice provider knows. Its "
                           "demo clients are practice-app, practice-web, practice-machine and "
                           "practice-tv."));
      return;
    }
  if (!grant_practice_directory_check_redirect_uri (client, redirect_uri))
    {
      send_problem_page (msg, SOUP_STATUS_BAD_REQUEST, _("Redirect URI Not Registered"),
                         _("The redirect_uri is missing or not registered for this client, so "
                           "the practice provider will not send you back to it. Registered: "
                           "http://127.0.0.1/callback and http://localhost/callback, on any "
                           "port."));
      return;
    }

  if (g_strcmp0 (param (form, "response_type"), "code") != 0)
    {
      redirect_to_client (server, msg, redirect_uri, state, NULL, "unsupported_response_type",
                          "The practice provider supports response_type=code only.");
      return;
    }
  if (scope == NULL || !grant_practice_directory_check_scope (scope, &unknown))
    {
      g_autofree char *text = g_strdup_printf ("Unknown scope “%s”.", unknown);

      redirect_to_client (server, msg, redirect_uri, state, NULL, "invalid_scope",
                          scope == NULL ? "The scope parameter is missing." : text);
      return;
    }
  if (client->client_secret == NULL && code_challenge == NULL)
    {
      redirect_to_client (server, msg, redirect_uri, state, NULL, "invalid_request",
                          "A public client must send a PKCE code_challenge (RFC 7636, "
                          "OAuth 2.0 Security BCP §2.1.1).");
      return;
    }
  if (!check_code_challenge (code_challenge, param (form, "code_challenge_method"), &description))
    {
      redirect_to_client (server, msg, redirect_uri, state, NULL, "invalid_request",
                          description);
      return;
    }
  if (param (form, "response_mode") != NULL && strcmp (param (form, "response_mode"), "query") != 0)
    {
      redirect_to_client (server, msg, redirect_uri, state, NULL, "invalid_request",
                          "The practice provider supports response_mode=query only.");
      return;
    }
  if (param (form, "request") != NULL || param (form, "request_uri") != NULL)
    {
      redirect_to_client (server, msg, redirect_uri, state, NULL,
                          param (form, "request") != NULL ? "request_not_supported"
                                                          : "request_uri_not_supported",
                          "Request objects are not supported here.");
      return;
    }
  if (g_strcmp0 (param (form, "prompt"), "none") == 0)
    {
      redirect_to_client (server, msg, redirect_uri, state, NULL, "login_required",
                          "The practice provider keeps no login sessions: every flow logs "
                          "in.");
      return;
    }

  interaction = g_new0 (GrantPracticeInteraction, 1);
  interaction->client_id = g_strdup (client->client_id);
  interaction->redirect_uri = g_strdup (redirect_uri);
  interaction->scope = g_strdup (scope);
  interaction->state = g_strdup (state);
  interaction->nonce = g_strdup (param (form, "nonce"));
  interaction->code_challenge = g_strdup (code_challenge);
  interaction->expires = now () + INTERACTION_LIFETIME;
  interaction = grant_practice_store_add_interaction (grant_practice_server_get_store (server),
                                                      interaction);

  location = g_strconcat ("/interaction/", interaction->id, NULL);
  grant_practice_http_redirect (msg, location);
}

static void
send_login_page (SoupServerMessage        *msg,
                 GrantPracticeInteraction *interaction)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *client = NULL;
  g_autofree char *text = NULL;
  const GrantPracticeUser *users;
  guint n_users;

  users = grant_practice_directory_get_users (&n_users);
  client = g_markup_printf_escaped ("<strong>%s</strong>", interaction->client_id);
  text = grant_practice_http_format (_("%s asks you to log in. Pick a demo user; there are no "
                                       "passwords here."), client);
  g_string_append_printf (body, "<p>%s</p><form method=\"post\" action=\"/interaction/%s/login\">",
                          text, interaction->id);
  for (guint i = 0; i < n_users; i++)
    {
      g_autofree char *name = g_markup_escape_text (users[i].name, -1);
      g_autofree char *label = grant_practice_http_format (_("Log in as %s"), name);

      g_string_append_printf (body, "<button type=\"submit\" name=\"user\" value=\"%s\"%s>%s"
                                    "</button>",
                              users[i].sub, i == 0 ? " class=\"suggested\" autofocus" : "",
                              label);
    }
  g_string_append (body, "</form>");

  grant_practice_http_send_page (msg, SOUP_STATUS_OK, _("Log In"), body->str);
}

static void
send_consent_page (SoupServerMessage        *msg,
                   GrantPracticeInteraction *interaction)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) scopes = g_strsplit (interaction->scope, " ", -1);
  const GrantPracticeUser *user = grant_practice_directory_find_user (interaction->sub);
  g_autofree char *name = g_markup_printf_escaped ("<strong>%s</strong>", user->name);
  g_autofree char *client = g_markup_printf_escaped ("<strong>%s</strong>",
                                                     interaction->client_id);
  g_autofree char *text = NULL;
  g_autofree char *allow = g_markup_escape_text (_("Allow"), -1);
  g_autofree char *deny = g_markup_escape_text (_("Deny"), -1);

  /* Translators: “Logged in as Alice Appleby. practice-app asks to:”, then a list of what
   * the scopes allow. */
  text = grant_practice_http_format (_("Logged in as %s. %s asks to:"), name, client);
  g_string_append_printf (body, "<p>%s</p><ul>", text);
  for (guint i = 0; scopes[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (scope_meanings); j++)
      if (strcmp (scopes[i], scope_meanings[j].scope) == 0)
        {
          g_autofree char *meaning = g_markup_escape_text (gettext (scope_meanings[j].meaning),
                                                           -1);

          g_string_append_printf (body, "<li>%s <code>%s</code></li>", meaning,
                                  scope_meanings[j].scope);
        }
  g_string_append_printf (body, "</ul><form method=\"post\" action=\"/interaction/%s/consent\">"
                                "<button type=\"submit\" name=\"decision\" value=\"allow\" "
                                "class=\"suggested\" autofocus>%s</button>"
                                "<button type=\"submit\" name=\"decision\" value=\"deny\">"
                                "%s</button></form>",
                          interaction->id, allow, deny);

  grant_practice_http_send_page (msg, SOUP_STATUS_OK, _("Allow Access?"), body->str);
}

static void
finish_interaction (GrantPracticeServer      *server,
                    SoupServerMessage        *msg,
                    GrantPracticeInteraction *interaction,
                    gboolean                  allowed)
{
  GrantPracticeStore *store = grant_practice_server_get_store (server);

  if (interaction->device_code != NULL)
    {
      GrantPracticeDevice *device = grant_practice_store_lookup_device (store,
                                                                        interaction->device_code);

      if (device != NULL && device->status == GRANT_PRACTICE_DEVICE_PENDING)
        {
          device->status = allowed ? GRANT_PRACTICE_DEVICE_APPROVED : GRANT_PRACTICE_DEVICE_DENIED;
          device->sub = g_strdup (interaction->sub);
          device->auth_time = now ();
        }
      send_problem_page (msg, SOUP_STATUS_OK,
                         allowed ? _("Device Connected") : _("Request Denied"),
                         allowed ? _("You may go back to your device: it gets its tokens the "
                                     "next time it asks.")
                                 : _("The device will be told that you denied it."));
    }
  else if (allowed)
    {
      GrantPracticeGrant *grant = g_new0 (GrantPracticeGrant, 1);
      g_autofree char *code = NULL;

      grant->client_id = g_strdup (interaction->client_id);
      grant->sub = g_strdup (interaction->sub);
      grant->scope = g_strdup (interaction->scope);
      grant->nonce = g_strdup (interaction->nonce);
      grant->redirect_uri = g_strdup (interaction->redirect_uri);
      grant->code_challenge = g_strdup (interaction->code_challenge);
      grant->auth_time = now ();
      grant->expires = now () + GRANT_PRACTICE_CODE_LIFETIME;
      code = grant_practice_store_add_code (store, grant);
      redirect_to_client (server, msg, interaction->redirect_uri, interaction->state, code, NULL,
                          NULL);
    }
  else
    redirect_to_client (server, msg, interaction->redirect_uri, interaction->state, NULL,
                        "access_denied", "The user denied the request.");

  grant_practice_store_remove_interaction (store, interaction->id);
}

static void
interaction_cb (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  GrantPracticeServer *server = user_data;
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GHashTable) form = NULL;
  gboolean post = strcmp (soup_server_message_get_method (msg), SOUP_METHOD_POST) == 0;
  GrantPracticeInteraction *interaction;
  const char *step;

  /* "/interaction/ID", "/interaction/ID/login" or "/interaction/ID/consent". */
  interaction = g_strv_length (parts) >= 3
    ? grant_practice_store_lookup_interaction (grant_practice_server_get_store (server), parts[2])
    : NULL;
  if (interaction == NULL)
    {
      send_problem_page (msg, SOUP_STATUS_BAD_REQUEST, _("Login Expired"),
                         _("This login is unknown or older than ten minutes. Start the flow "
                           "again from the client."));
      return;
    }

  step = g_strv_length (parts) >= 4 ? parts[3] : "";
  form = grant_practice_http_read_form (msg, query);

  if (*step == '\0' && !post)
    send_login_page (msg, interaction);
  else if (strcmp (step, "login") == 0 && post)
    {
      const char *user = param (form, "user");
      g_autofree char *location = NULL;

      if (grant_practice_directory_find_user (user) == NULL)
        {
          send_login_page (msg, interaction);
          soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
          return;
        }
      g_free (interaction->sub);
      interaction->sub = g_strdup (user);
      location = g_strconcat ("/interaction/", interaction->id, "/consent", NULL);
      grant_practice_http_redirect (msg, location);
    }
  else if (strcmp (step, "consent") == 0 && interaction->sub == NULL)
    {
      g_autofree char *location = g_strconcat ("/interaction/", interaction->id, NULL);

      grant_practice_http_redirect (msg, location);
    }
  else if (strcmp (step, "consent") == 0 && !post)
    send_consent_page (msg, interaction);
  else if (strcmp (step, "consent") == 0)
    {
      const char *decision = param (form, "decision");

      if (g_strcmp0 (decision, "allow") != 0 && g_strcmp0 (decision, "deny") != 0)
        {
          send_consent_page (msg, interaction);
          soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
          return;
        }
      finish_interaction (server, msg, interaction, strcmp (decision, "allow") == 0);
    }
  else
    send_problem_page (msg, SOUP_STATUS_NOT_FOUND, _("Not Found"), _("There is no such page."));
}

static void
send_device_page (SoupServerMessage *msg,
                  guint              status,
                  const char        *user_code,
                  const char        *problem)
{
  g_autofree char *escaped_code = g_markup_escape_text (user_code != NULL ? user_code : "", -1);
  g_autofree char *escaped_problem = problem != NULL ? g_markup_escape_text (problem, -1) : NULL;
  g_autofree char *prompt = g_markup_escape_text (_("Type the code your device shows."), -1);
  /* Translators: the accessible name of the field for a device's user code. */
  g_autofree char *field = g_markup_escape_text (_("Code"), -1);
  g_autofree char *button = g_markup_escape_text (_("Continue"), -1);
  g_autofree char *body = NULL;

  body = g_strdup_printf ("%s%s%s<p>%s</p>"
                          "<form method=\"post\" action=\"/device\">"
                          "<input name=\"user_code\" value=\"%s\" autocomplete=\"off\" "
                          "aria-label=\"%s\" autofocus>"
                          "<button type=\"submit\" class=\"suggested\">%s</button></form>",
                          problem != NULL ? "<p><strong>" : "",
                          problem != NULL ? escaped_problem : "",
                          problem != NULL ? "</strong></p>" : "",
                          prompt, escaped_code, field, button);
  grant_practice_http_send_page (msg, status, _("Connect a Device"), body);
}

static void
device_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  GrantPracticeServer *server = user_data;
  GrantPracticeStore *store = grant_practice_server_get_store (server);
  g_autoptr(GHashTable) form = grant_practice_http_read_form (msg, query);
  g_autofree char *location = NULL;
  GrantPracticeInteraction *interaction;
  GrantPracticeDevice *device;
  const char *user_code = param (form, "user_code");

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      send_device_page (msg, SOUP_STATUS_OK, user_code, NULL);
      return;
    }

  device = grant_practice_store_lookup_user_code (store, user_code);
  if (device == NULL)
    {
      send_device_page (msg, SOUP_STATUS_BAD_REQUEST, user_code,
                        _("That code is unknown, used or expired. Check it on your device."));
      return;
    }

  interaction = g_new0 (GrantPracticeInteraction, 1);
  interaction->client_id = g_strdup (device->client_id);
  interaction->scope = g_strdup (device->scope);
  interaction->device_code = g_strdup (device->device_code);
  interaction->expires = device->expires;
  interaction = grant_practice_store_add_interaction (store, interaction);

  location = g_strconcat ("/interaction/", interaction->id, NULL);
  grant_practice_http_redirect (msg, location);
}

static void
end_session_cb (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  g_autoptr(GHashTable) form = grant_practice_http_read_form (msg, query);
  const char *post_logout_redirect_uri = param (form, "post_logout_redirect_uri");
  g_autoptr(GUri) uri = NULL;

  /* Only loopback addresses: the demo clients are registered with nothing else. */
  if (post_logout_redirect_uri != NULL)
    uri = g_uri_parse (post_logout_redirect_uri, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0
      && (g_strcmp0 (g_uri_get_host (uri), "127.0.0.1") == 0
          || g_strcmp0 (g_uri_get_host (uri), "localhost") == 0)
      && g_uri_get_fragment (uri) == NULL)
    {
      g_autoptr(GString) url = g_string_new (post_logout_redirect_uri);

      append_param (url, "state", param (form, "state"));
      grant_practice_http_redirect (msg, url->str);
      return;
    }

  send_problem_page (msg, SOUP_STATUS_OK, _("Logged Out"),
                     _("You are logged out. The practice provider keeps no sessions, so there "
                       "was nothing else to end."));
}

/**
 * grant_practice_authorize_add_handlers:
 * @server: the server
 *
 * Serves the authorization endpoint, the login and consent pages, the device verification page
 * and the end-session endpoint.
 */
void
grant_practice_authorize_add_handlers (GrantPracticeServer *server)
{
  SoupServer *soup_server = grant_practice_server_get_soup_server (server);

  soup_server_add_handler (soup_server, "/authorize", authorize_cb, server, NULL);
  soup_server_add_handler (soup_server, "/interaction", interaction_cb, server, NULL);
  soup_server_add_handler (soup_server, "/device", device_cb, server, NULL);
  soup_server_add_handler (soup_server, "/end_session", end_session_cb, server, NULL);
}
