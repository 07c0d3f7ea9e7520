/* grant-test-headless-user-agent.c
 * A user agent for tests that needs no browser: it follows the authorization request to its
 * redirect and reads the response from where the redirect points.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It plays a user who is already logged in and consents to everything: one GET of the
 * authorization URL, without following redirects. A 302 to the redirect URI carries the
 * response in its query or fragment; a 200 page with a form that posts to the redirect URI is
 * a form_post response, whose hidden fields are the parameters. Nothing is ever sent to the
 * redirect URI itself, so it need not exist. Both legs go into the flow's exchange log as
 * front-channel exchanges, as the loopback user agent records them.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "grant-test-headless-user-agent.h"

struct _GrantTestHeadlessUserAgent
{
  GObject      parent_instance;

  SoupSession *session;
};

static void user_agent_iface_init (GrantUserAgentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantTestHeadlessUserAgent, grant_test_headless_user_agent,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GRANT_TYPE_USER_AGENT,
                                                      user_agent_iface_init))

typedef struct
{
  GrantExchangeLog *log;
  GrantExchange    *authorization_request;
  SoupMessage      *message;
  char             *redirect_uri;
} Authorization;

static void
authorization_free (Authorization *authorization)
{
  g_clear_object (&authorization->log);
  g_clear_object (&authorization->authorization_request);
  g_clear_object (&authorization->message);
  g_free (authorization->redirect_uri);
  g_free (authorization);
}

/* The URL without its query and fragment, to compare a redirect with the redirect URI. */
static char *
strip_query_and_fragment (const char *url)
{
  return g_strndup (url, strcspn (url, "?#"));
}

/* Undoes g_markup_escape_text(), which is how the test provider writes its form. */
static char *
html_unescape (const char *text)
{
  static const struct { const char *entity; char character; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
    { "&apos;", '\'' },
  };
  GString *out = g_string_new (NULL);

  while (*text != '\0')
    {
      gboolean replaced = FALSE;

      for (guint i = 0; *text == '&' && i < G_N_ELEMENTS (entities); i++)
        if (g_str_has_prefix (text, entities[i].entity))
          {
            g_string_append_c (out, entities[i].character);
            text += strlen (entities[i].entity);
            replaced = TRUE;
            break;
          }
      if (!replaced)
        g_string_append_c (out, *text++);
    }

  return g_string_free (out, FALSE);
}

/* A form_post response (OAuth 2.0 Form Post Response Mode §2): a form whose action is the
 * redirect URI, and one hidden field per parameter. Returns the action and the parameters. */
static GHashTable *
parse_form_post (const char  *page,
                 char       **action)
{
  g_autoptr(GRegex) form_regex = g_regex_new ("<form method=\"post\" action=\"([^\"]*)\">", 0, 0,
                                              NULL);
  g_autoptr(GRegex) input_regex = g_regex_new ("<input type=\"hidden\" name=\"([^\"]*)\" "
                                               "value=\"([^\"]*)\"/>", 0, 0, NULL);
  g_autoptr(GMatchInfo) form = NULL;
  g_autoptr(GMatchInfo) input = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *escaped_action = NULL;

  if (!g_regex_match (form_regex, page, 0, &form))
    return NULL;

  escaped_action = g_match_info_fetch (form, 1);
  *action = html_unescape (escaped_action);
  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_regex_match (input_regex, page, 0, &input);
  while (g_match_info_matches (input))
    {
      g_autofree char *name = g_match_info_fetch (input, 1);
      g_autofree char *value = g_match_info_fetch (input, 2);

      g_hash_table_replace (params, html_unescape (name), html_unescape (value));
      g_match_info_next (input, NULL);
    }

  return g_steal_pointer (&params);
}

/* The second leg, as far as a user agent can tell: the request its redirect (or its form)
 * makes to the redirect URI. */
static void
record_callback (Authorization *authorization,
                 const char    *method,
                 const char    *url,
                 const char    *form_body)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (method, url);
  g_autoptr(GrantExchange) callback = NULL;

  if (form_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form_body, strlen (form_body));

      grant_http_request_set_body (request, "application/x-www-form-urlencoded", bytes);
    }
  callback = grant_exchange_new (GRANT_EXCHANGE_FRONT_CHANNEL, request, "Authorization response");
  grant_exchange_add_secret_member (callback, "code");
  grant_exchange_add_secret_member (callback, "access_token");
  grant_exchange_add_secret_member (callback, "id_token");
  grant_exchange_log_append (authorization->log, callback);
  grant_exchange_set_response (callback, SOUP_STATUS_OK, "OK", NULL, NULL);
}

static char *
encode_form (GHashTable *params)
{
  GString *form = g_string_new (NULL);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *encoded = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (form, "%s%s=%s", form->len > 0 ? "&" : "", (const char *) name,
                              encoded);
    }

  return g_string_free (form, FALSE);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Authorization *authorization = g_task_get_task_data (task);
  SoupMessage *message = authorization->message;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_url = NULL;
  g_autofree char *target_base = NULL;
  g_autofree char *redirect_base = strip_query_and_fragment (authorization->redirect_uri);
  GError *error = NULL;
  const char *location;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      grant_exchange_fail (authorization->authorization_request, error);
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (message);
  grant_exchange_set_response (authorization->authorization_request, status,
                               soup_message_get_reason_phrase (message),
                               soup_message_get_response_headers (message), body);
  location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                           "Location");

  if (SOUP_STATUS_IS_REDIRECTION (status) && location != NULL)
    {
      const char *fragment;
      const char *query;

      target = g_uri_parse_relative (soup_message_get_uri (message), location,
                                     G_URI_FLAGS_ENCODED, &error);
      if (target == NULL)
        {
          g_prefix_error (&error, "The authorization endpoint redirected to “%s”: ", location);
          g_task_return_error (task, error);
          return;
        }
      target_url = g_uri_to_string (target);
      target_base = strip_query_and_fragment (target_url);
      if (!g_str_equal (target_base, redirect_base))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   "The authorization endpoint redirected to %s, not to the "
                                   "redirect URI %s", target_url, authorization->redirect_uri);
          return;
        }

      /* The fragment when there is one (implicit and hybrid), else the query. */
      fragment = g_uri_get_fragment (target);
      query = g_uri_get_query (target);
      params = g_uri_parse_params (fragment != NULL ? fragment : query != NULL ? query : "", -1,
                                   "&", G_URI_PARAMS_WWW_FORM, &error);
      record_callback (authorization, "GET", target_url, NULL);
    }
  else if (status == SOUP_STATUS_OK)
    {
      g_autofree char *page = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autofree char *action = NULL;
      g_autofree char *action_base = NULL;
      g_autofree char *form_body = NULL;

      params = parse_form_post (page, &action);
      if (params == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   "The authorization endpoint answered with a page that is "
                                   "not a form_post response, and a headless user agent "
                                   "cannot go further");
          return;
        }
      action_base = strip_query_and_fragment (action);
      if (!g_str_equal (action_base, redirect_base))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   "The form_post response posts to %s, not to the redirect "
                                   "URI %s", action, authorization->redirect_uri);
          return;
        }
      form_body = encode_form (params);
      record_callback (authorization, "POST", action, form_body);
    }
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The authorization endpoint answered %u %s, neither a redirect "
                               "nor a form_post page", status,
                               soup_message_get_reason_phrase (message));
      return;
    }

  if (params == NULL)
    {
      g_prefix_error (&error, "The authorization response could not be read: ");
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&params), (GDestroyNotify) g_hash_table_unref);
}

static void
grant_test_headless_user_agent_authorize_async (GrantUserAgent      *user_agent,
                                                const char          *authorization_url,
                                                const char          *redirect_uri,
                                                GrantExchangeLog    *log,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  GrantTestHeadlessUserAgent *self = GRANT_TEST_HEADLESS_USER_AGENT (user_agent);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GrantHttpRequest) request = NULL;
  Authorization *authorization;

  g_task_set_source_tag (task, grant_test_headless_user_agent_authorize_async);

  authorization = g_new0 (Authorization, 1);
  authorization->log = g_object_ref (log);
  authorization->redirect_uri = g_strdup (redirect_uri);
  g_task_set_task_data (task, authorization, (GDestroyNotify) authorization_free);

  authorization->message = soup_message_new ("GET", authorization_url);
  if (authorization->message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "“%s” is not an authorization URL a user agent can open",
                               authorization_url);
      return;
    }
  /* The redirect is the response: it is read, never followed. */
  soup_message_add_flags (authorization->message, SOUP_MESSAGE_NO_REDIRECT);

  request = grant_http_request_new ("GET", authorization_url);
  authorization->authorization_request = grant_exchange_new (GRANT_EXCHANGE_FRONT_CHANNEL,
                                                             request, "Authorization request");
  grant_exchange_log_append (log, authorization->authorization_request);

  soup_session_send_and_read_async (self->session, authorization->message, G_PRIORITY_DEFAULT,
                                    cancellable, sent_cb, g_steal_pointer (&task));
}

static GHashTable *
grant_test_headless_user_agent_authorize_finish (GrantUserAgent  *user_agent,
                                                 GAsyncResult    *result,
                                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, user_agent), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
user_agent_iface_init (GrantUserAgentInterface *iface)
{
  iface->authorize_async = grant_test_headless_user_agent_authorize_async;
  iface->authorize_finish = grant_test_headless_user_agent_authorize_finish;
}

static void
grant_test_headless_user_agent_dispose (GObject *object)
{
  GrantTestHeadlessUserAgent *self = GRANT_TEST_HEADLESS_USER_AGENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (grant_test_headless_user_agent_parent_class)->dispose (object);
}

static void
grant_test_headless_user_agent_class_init (GrantTestHeadlessUserAgentClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = grant_test_headless_user_agent_dispose;
}

static void
grant_test_headless_user_agent_init (GrantTestHeadlessUserAgent *self)
{
  self->session = soup_session_new ();
}

/**
 * grant_test_headless_user_agent_new:
 *
 * Returns: (transfer full): a user agent that approves every authorization request at once,
 *   as a logged-in user who has consented would
 */
GrantUserAgent *
grant_test_headless_user_agent_new (void)
{
  return g_object_new (GRANT_TYPE_TEST_HEADLESS_USER_AGENT, NULL);
}
