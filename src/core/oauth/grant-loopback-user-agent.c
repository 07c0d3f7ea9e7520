/* grant-loopback-user-agent.c
 * The system browser and a loopback listener (RFC 8252 §7.3), for the command line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1, on the port of the registered redirect URI or, when it has
 * none, one the kernel picks (an authorization server must accept any port for a loopback
 * redirect, RFC 8252 §7.3). It takes the response from the query (response_mode query), a
 * form_post body, or, for response_mode fragment, which never reaches a server, from a small
 * page that posts the fragment back. Only the first response is taken. The browser is left
 * on a page that says it may be closed.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <libsoup/soup.h>
#include <string.h>

#include "grant-loopback-user-agent.h"
#include "grant-oauth-error.h"

struct _GrantLoopbackUserAgent
{
  GObject                parent_instance;

  SoupServer            *server;
  char                  *path;
  GTask                 *pending;
  GrantExchangeLog      *log;
  GrantExchange         *authorization_request;
  GSource               *cancelled;
  GrantLoopbackOpenFunc  open_func;
  gpointer               open_data;
  GDestroyNotify         open_destroy;
};

static void user_agent_iface_init (GrantUserAgentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantLoopbackUserAgent, grant_loopback_user_agent, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GRANT_TYPE_USER_AGENT,
                                                      user_agent_iface_init))

/* The language of the pages, for HTML's lang attribute. */
static const char *
page_language (void)
{
  /* Translators: the language of your translation, as HTML's lang attribute names it
   * (“de”, “pt-BR”). */
  return C_("html", "en");
}

/* The page the browser shows once Grant has the response. */
static char *
done_page (void)
{
  g_autofree char *title = g_markup_escape_text (_("Grant has the response"), -1);
  g_autofree char *text = g_markup_escape_text (_("You can close this tab and return to Grant."),
                                                -1);

  return g_strdup_printf ("<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                          "<title>Grant</title></head>"
                          "<body style=\"font-family: sans-serif; text-align: center; "
                          "margin-top: 20vh\"><h1>%s</h1><p>%s</p></body></html>",
                          page_language (), title, text);
}

/* response_mode fragment: the browser keeps the fragment to itself, so this page sends it
 * back as a form body. */
static char *
fragment_page (void)
{
  g_autofree char *text = g_markup_escape_text (_("The response is in the URL fragment, and "
                                                  "reading it needs JavaScript."), -1);

  return g_strdup_printf ("<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                          "<title>Grant</title></head><body>"
                          "<script>"
                          "var f = location.hash.substring(1);"
                          "var x = new XMLHttpRequest(); x.open('POST', location.pathname);"
                          "x.setRequestHeader('Content-Type', "
                          "'application/x-www-form-urlencoded');"
                          "x.setRequestHeader('X-Grant-Fragment', '1');"
                          "x.onload = function () { document.body.innerHTML = x.responseText; };"
                          " x.send(f);"
                          "</script><noscript>%s</noscript></body></html>",
                          page_language (), text);
}

static void
stop_server (GrantLoopbackUserAgent *self)
{
  if (self->server == NULL)
    return;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}

static void
finish_pending (GrantLoopbackUserAgent *self,
                GHashTable             *params,
                GError                 *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->pending);

  /* Nothing waits (the user agent goes away idle, or answered already): the error, which
   * this function owns (the caller keeps @params), is dropped rather than leaked. */
  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  if (self->cancelled != NULL)
    {
      g_source_destroy (self->cancelled);
      g_clear_pointer (&self->cancelled, g_source_unref);
    }

  if (self->authorization_request != NULL
      && grant_exchange_get_state (self->authorization_request) == GRANT_EXCHANGE_SENDING
      && error != NULL)
    grant_exchange_fail (self->authorization_request, error);
  g_clear_object (&self->authorization_request);
  g_clear_object (&self->log);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_hash_table_ref (params), (GDestroyNotify) g_hash_table_unref);
}

static void
grant_loopback_user_agent_dispose (GObject *object)
{
  GrantLoopbackUserAgent *self = (GrantLoopbackUserAgent *)object;

  finish_pending (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   _("The user agent went away")));
  stop_server (self);

  G_OBJECT_CLASS (grant_loopback_user_agent_parent_class)->dispose (object);
}

static void
grant_loopback_user_agent_finalize (GObject *object)
{
  GrantLoopbackUserAgent *self = (GrantLoopbackUserAgent *)object;

  g_clear_pointer (&self->path, g_free);
  if (self->open_destroy != NULL)
    self->open_destroy (self->open_data);

  G_OBJECT_CLASS (grant_loopback_user_agent_parent_class)->finalize (object);
}

static void
grant_loopback_user_agent_class_init (GrantLoopbackUserAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grant_loopback_user_agent_dispose;
  object_class->finalize = grant_loopback_user_agent_finalize;
}

static gboolean
open_with_system_browser (const char  *authorization_url,
                          gpointer     user_data,
                          GError     **error)
{
  if (!g_app_info_launch_default_for_uri (authorization_url, NULL, error))
    {
      g_prefix_error (error, _("Could not open a browser (open this URL yourself: %s): "),
                      authorization_url);
      return FALSE;
    }

  return TRUE;
}

static void
grant_loopback_user_agent_init (GrantLoopbackUserAgent *self)
{
  self->open_func = open_with_system_browser;
}

/**
 * grant_loopback_user_agent_new:
 *
 * Returns: (transfer full): a user agent that opens the system browser
 */
GrantUserAgent *
grant_loopback_user_agent_new (void)
{
  return g_object_new (GRANT_TYPE_LOOPBACK_USER_AGENT, NULL);
}

/**
 * grant_loopback_user_agent_set_open_func:
 * @self: a #GrantLoopbackUserAgent
 * @func: (nullable): what shows the authorization URL; %NULL for the system browser
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * The command line prints the URL as well, and with --no-browser only prints it; tests
 * play the user instead.
 */
void
grant_loopback_user_agent_set_open_func (GrantLoopbackUserAgent *self,
                                         GrantLoopbackOpenFunc   func,
                                         gpointer                user_data,
                                         GDestroyNotify          destroy)
{
  g_return_if_fail (GRANT_IS_LOOPBACK_USER_AGENT (self));

  if (self->open_destroy != NULL)
    self->open_destroy (self->open_data);

  self->open_func = func != NULL ? func : open_with_system_browser;
  self->open_data = func != NULL ? user_data : NULL;
  self->open_destroy = func != NULL ? destroy : NULL;
}

static gboolean
is_loopback_host (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0
         || g_strcmp0 (host, "[::1]") == 0 || g_ascii_strcasecmp (host, "localhost") == 0;
}

static char *
grant_loopback_user_agent_prepare_redirect_uri (GrantUserAgent  *user_agent,
                                                const char      *redirect_uri,
                                                GError         **error)
{
  GrantLoopbackUserAgent *self = GRANT_LOOPBACK_USER_AGENT (user_agent);
  g_autoptr(GUri) uri = g_uri_parse (redirect_uri, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  GSList *listeners;
  const char *host;
  int port;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
      || !is_loopback_host (g_uri_get_host (uri)))
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                   _("The redirect URI “%s” is not a loopback one (http://127.0.0.1/…), so the "
                   "system browser cannot bring the response back to Grant (RFC 8252 §7.3): "
                   "register a loopback redirect URI for the client, or use the window's "
                   "embedded browser"), redirect_uri);
      return NULL;
    }

  host = g_uri_get_host (uri);
  loopback = g_inet_address_new_loopback (strchr (host, ':') != NULL ? G_SOCKET_FAMILY_IPV6
                                                                    : G_SOCKET_FAMILY_IPV4);
  port = g_uri_get_port (uri);
  address = g_inet_socket_address_new (loopback, port > 0 ? (guint16) port : 0);

  stop_server (self);
  server = soup_server_new ("server-header", "Grant", NULL);
  if (!soup_server_listen (server, address, 0, error))
    {
      g_prefix_error (error, _("Could not listen on %s for the authorization response: "),
                      redirect_uri);
      return NULL;
    }

  listeners = soup_server_get_listeners (server);
  bound = g_socket_get_local_address (listeners->data, error);
  g_slist_free (listeners);
  if (bound == NULL)
    return NULL;

  self->server = g_steal_pointer (&server);
  g_free (self->path);
  self->path = g_strdup (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/");

  return g_uri_join (G_URI_FLAGS_ENCODED, "http", NULL, host,
                     g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)), self->path,
                     NULL, NULL);
}

static GrantExchange *
record_callback (GrantLoopbackUserAgent *self,
                 SoupServerMessage      *message,
                 const char             *body)
{
  g_autofree char *url = g_uri_to_string (soup_server_message_get_uri (message));
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (
    soup_server_message_get_method (message), url);
  g_autoptr(GBytes) bytes = NULL;
  GrantExchange *exchange;

  if (body != NULL)
    {
      bytes = g_bytes_new (body, strlen (body));
      grant_http_request_set_body (request, "application/x-www-form-urlencoded", bytes);
    }
  exchange = grant_exchange_new (GRANT_EXCHANGE_FRONT_CHANNEL, request,
                                 NC_("exchange", "Authorization response"));
  grant_exchange_add_secret_member (exchange, "code");

  return exchange;
}

/* Answers with @page, which it takes. */
static void
answer (SoupServerMessage *message,
        guint              status,
        char              *page)
{
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    page, strlen (page));
  soup_server_message_set_status (message, status, NULL);
}

static void
callback_handler (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  GrantLoopbackUserAgent *self = user_data;
  const char *method = soup_server_message_get_method (message);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autofree char *body = NULL;
  g_autofree char *location = NULL;
  GError *error = NULL;

  if (g_strcmp0 (path, self->path) != 0 || self->pending == NULL)
    {
      answer (message, SOUP_STATUS_NOT_FOUND, done_page ());
      return;
    }

  if (g_str_equal (method, "POST"))
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (
        soup_server_message_get_request_body (message));

      body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      params = g_uri_parse_params (body, -1, "&", G_URI_PARAMS_WWW_FORM, &error);
    }
  else if (g_str_equal (method, "GET") && query != NULL && g_hash_table_size (query) > 0)
    {
      const char *raw = g_uri_get_query (soup_server_message_get_uri (message));

      params = g_uri_parse_params (raw, -1, "&", G_URI_PARAMS_WWW_FORM, &error);
    }
  else if (g_str_equal (method, "GET"))
    {
      answer (message, SOUP_STATUS_OK, fragment_page ());
      return;
    }
  else
    {
      answer (message, SOUP_STATUS_METHOD_NOT_ALLOWED, done_page ());
      return;
    }

  callback = record_callback (self, message, body);
  grant_exchange_log_append (self->log, callback);
  answer (message, SOUP_STATUS_OK, done_page ());
  grant_exchange_set_response (callback, SOUP_STATUS_OK, "OK",
                               soup_server_message_get_response_headers (message), NULL);

  /* The browser's leg ends here: the authorization request's answer, as far as Grant can
   * see it, is the redirect that brought the browser back. */
  if (self->authorization_request != NULL)
    {
      g_autoptr(SoupMessageHeaders) headers = NULL;

      headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

      location = g_uri_to_string (soup_server_message_get_uri (message));
      soup_message_headers_append (headers, "Location", location);
      grant_exchange_set_response (self->authorization_request, SOUP_STATUS_FOUND, "Found",
                                   headers, NULL);
    }

  if (params == NULL)
    {
      g_prefix_error (&error, _("The authorization response could not be read: "));
      finish_pending (self, NULL, error);
      return;
    }

  finish_pending (self, params, NULL);
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GrantLoopbackUserAgent *self = user_data;

  finish_pending (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   _("The flow was cancelled")));

  return G_SOURCE_REMOVE;
}

static void
grant_loopback_user_agent_authorize_async (GrantUserAgent      *user_agent,
                                           const char          *authorization_url,
                                           const char          *redirect_uri,
                                           GrantExchangeLog    *log,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GrantLoopbackUserAgent *self = GRANT_LOOPBACK_USER_AGENT (user_agent);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GrantHttpRequest) request = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, grant_loopback_user_agent_authorize_async);

  if (self->server == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The loopback listener is not running: call "
                               "grant_user_agent_prepare_redirect_uri() first"));
      return;
    }
  if (self->pending != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("This user agent is already waiting for a response"));
      return;
    }

  soup_server_remove_handler (self->server, NULL);
  soup_server_add_handler (self->server, NULL, callback_handler, self, NULL);

  request = grant_http_request_new ("GET", authorization_url);
  self->log = g_object_ref (log);
  self->authorization_request = grant_exchange_new (GRANT_EXCHANGE_FRONT_CHANNEL, request,
                                                    NC_("exchange", "Authorization request"));
  grant_exchange_log_append (log, self->authorization_request);
  self->pending = g_steal_pointer (&task);

  /* A source rather than a signal handler: the cancellable may fire in another thread,
   * and the response must be finished in this one. */
  if (cancellable != NULL)
    {
      self->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancelled, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (self->cancelled, g_main_context_get_thread_default ());
    }

  if (!self->open_func (authorization_url, self->open_data, &error))
    finish_pending (self, NULL, error);
}

static GHashTable *
grant_loopback_user_agent_authorize_finish (GrantUserAgent  *user_agent,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, user_agent), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
user_agent_iface_init (GrantUserAgentInterface *iface)
{
  iface->prepare_redirect_uri = grant_loopback_user_agent_prepare_redirect_uri;
  iface->authorize_async = grant_loopback_user_agent_authorize_async;
  iface->authorize_finish = grant_loopback_user_agent_authorize_finish;
}
