/* grant-browser.c
 * The embedded browser pane: the front channel of a flow, as a GrantUserAgent.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each run gets a new GrantWebView on a fresh ephemeral network session, or on the selected
 * persona's persistent one, so cookies never leak from one run or persona to another. WebKit
 * is not touched until the first run: the window makes this pane at startup.
 *
 * The response comes back in one of three ways:
 *  - a loopback redirect URI (http://127.0.0.1/…) gets a real listener, the core's
 *    GrantLoopbackUserAgent, whose "open" loads the page here; query, form_post and fragment
 *    responses reach it as they would from any browser;
 *  - any other redirect URI is never loaded: decide-policy stops a navigation to it and reads
 *    the parameters from its query or fragment;
 *  - a form_post to such a redirect URI is read by a user script in a script world of its
 *    own, which the page cannot see or fake, and which stops the form from being sent.
 *
 * Every main-frame request (the navigation, each redirect hop, each form submission) becomes
 * a front-channel exchange in the run's log, completed by its response.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "grant-browser-private.h"
#include "grant-loopback-user-agent.h"
#include "grant-web-view.h"

#define FORM_POST_WORLD   "grant"
#define FORM_POST_HANDLER "grantFormPost"

/* The reason phrase of a request Grant kept to itself: HAR and browsers record a request that
 * never got a response with status 0. */
#define CAPTURED_REASON "Not sent: captured by Grant"

struct _GrantBrowser
{
  GtkBox                 parent_instance;

  GtkWidget             *security_icon;
  GtkWidget             *address_label;
  GtkWidget             *insecure_warning;
  GtkWidget             *progress_bar;
  GtkWidget             *stack;
  GtkWidget             *web_bin;
  GtkWidget             *error_page;

  char                  *uri;
  double                 load_progress;
  char                  *persona;
  char                  *error_text;

  /* The loopback listener, for loopback redirect URIs, and the URI it gave. */
  GrantUserAgent        *loopback;
  char                  *loopback_redirect_uri;

  /* The current run: its view, where its exchanges go, and what it waits for. */
  GtkWidget             *web_view;
  GTask                 *task;
  GCancellable          *run_cancellable;
  GSource               *cancelled_source;
  GrantExchangeLog      *log;
  GrantExchangeLog      *loopback_log;
  GUri                  *loopback_uri;
  GUri                  *capture_uri;
  char                  *captured_location;
  WebKitWebResource     *main_resource;
  GrantExchange         *current;
  gboolean               logged_first;
  char                  *first_title;
  guint                  captured_idle;
  /* The pages' zoom: the presenter's scale in presenter mode, 1 otherwise. */
  double                 zoom_level;
};

enum {
  PROP_0,
  PROP_URI,
  PROP_LOAD_PROGRESS,
  PROP_PERSONA,
  PROP_ZOOM_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void user_agent_iface_init (GrantUserAgentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantBrowser, grant_browser, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (GRANT_TYPE_USER_AGENT,
                                                      user_agent_iface_init))

/* A form_post response (OAuth 2.0 Form Post Response Mode) to a redirect URI that Grant does
 * not listen on: read the form, tell Grant, and keep the form from being sent. It runs in its
 * own script world, so the page can neither see the message handler nor change the functions
 * used here. The provider's page submits on DOMContentLoaded; this listener was added at
 * document start, before any of the page's, and so runs first. */
static const char form_post_script[] =
  "(function () {\n"
  "  'use strict';\n"
  "  var redirect = %s;\n"
  "  var getAttribute = Element.prototype.getAttribute;\n"
  "  var remove = Element.prototype.remove;\n"
  "  function endpoint (url) {\n"
  "    try {\n"
  "      var u = new URL(url, document.baseURI);\n"
  "      return u.protocol + '//' + u.host + u.pathname;\n"
  "    } catch (e) {\n"
  "      return null;\n"
  "    }\n"
  "  }\n"
  "  var target = endpoint(redirect);\n"
  "  function action (form) {\n"
  "    return new URL(getAttribute.call(form, 'action') || document.URL, document.baseURI).href;\n"
  "  }\n"
  "  function targets (form) {\n"
  "    return form instanceof HTMLFormElement\n"
  "      && (getAttribute.call(form, 'method') || 'get').toLowerCase() === 'post'\n"
  "      && endpoint(action(form)) === target;\n"
  "  }\n"
  "  function capture (form) {\n"
  "    var body = new URLSearchParams(new FormData(form)).toString();\n"
  "    window.webkit.messageHandlers." FORM_POST_HANDLER ".postMessage(\n"
  "      { action: action(form), body: body });\n"
  "  }\n"
  "  document.addEventListener('DOMContentLoaded', function () {\n"
  "    Array.prototype.slice.call(document.forms).forEach(function (form) {\n"
  "      if (targets(form)) {\n"
  "        capture(form);\n"
  "        remove.call(form);\n"
  "      }\n"
  "    });\n"
  "  }, true);\n"
  "  document.addEventListener('submit', function (event) {\n"
  "    if (targets(event.target)) {\n"
  "      event.preventDefault();\n"
  "      event.stopImmediatePropagation();\n"
  "      capture(event.target);\n"
  "    }\n"
  "  }, true);\n"
  "})();\n";

/* What the view shows once Grant has taken a response that it did not let the browser send:
 * not the provider's last page, which the user could submit again. */
static const char captured_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Grant</title></head>"
  "<body style=\"font-family: sans-serif; text-align: center; margin-top: 20vh\">"
  "<h1>%s</h1><p>%s</p></body></html>";

/* WebKit, made the first time a run needs it ------------------------------------------------ */

static void scheme_request_cb (WebKitURISchemeRequest *request,
                               gpointer                user_data);

/* One web context for all of Grant, where its custom schemes are registered. */
static WebKitWebContext *
get_web_context (void)
{
  static WebKitWebContext *web_context;

  if (web_context == NULL)
    web_context = webkit_web_context_new ();

  return web_context;
}

/* A private-use redirect URI scheme (RFC 8252 §7.1) is Grant's to answer: a navigation to it
 * is stopped in decide-policy, and the handler is there for whatever gets past it. */
static void
register_scheme (const char *scheme)
{
  /* WebKit's own schemes: a redirect URI with one of these is not Grant's to answer. */
  static const char * const builtin[] = {
    "http", "https", "ws", "wss", "file", "ftp", "about", "data", "blob", "javascript", NULL,
  };
  static GHashTable *registered;
  g_autofree char *lower = g_ascii_strdown (scheme, -1);

  if (g_strv_contains (builtin, lower))
    return;

  if (registered == NULL)
    registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_contains (registered, lower))
    return;

  webkit_web_context_register_uri_scheme (get_web_context (), lower, scheme_request_cb, NULL,
                                          NULL);
  g_hash_table_add (registered, g_steal_pointer (&lower));
}

static WebKitNetworkSession *
new_ephemeral_session (void)
{
  WebKitNetworkSession *session = webkit_network_session_new_ephemeral ();

  /* The default already, said out loud: a certificate error stops the load. */
  webkit_network_session_set_tls_errors_policy (session, WEBKIT_TLS_ERRORS_POLICY_FAIL);

  return session;
}

/**
 * _grant_browser_persona_directory_name:
 * @name: a persona's name, as the user typed it
 *
 * The name's directory under personas/: letters, digits, '-' and '_' as they are; when
 * anything else had to be replaced, a hash of the whole name is added so that two names never
 * share a directory (and so never share cookies).
 *
 * Returns: (transfer full): a file name that is safe on its own
 */
char *
_grant_browser_persona_directory_name (const char *name)
{
  GString *out = g_string_new (NULL);
  gboolean changed = FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
        g_string_append_c (out, *p);
      else if (out->len == 0 || out->str[out->len - 1] != '_')
        {
          g_string_append_c (out, '_');
          changed = TRUE;
        }
      else
        changed = TRUE;
    }

  if (changed || out->len == 0)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);

      g_string_append_printf (out, "%s%.12s", out->len > 0 ? "-" : "", hash);
    }

  return g_string_free (out, FALSE);
}

/* A persona's session lives as long as Grant, so that its cookies carry over from one run to
 * the next, and exists once: two sessions on one directory would fight over it. */
static WebKitNetworkSession *
get_persona_session (const char *name)
{
  static GHashTable *sessions;
  g_autofree char *directory = _grant_browser_persona_directory_name (name);
  WebKitNetworkSession *session;

  if (sessions == NULL)
    sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  session = g_hash_table_lookup (sessions, directory);
  if (session == NULL)
    {
      g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "grant", "personas",
                                                    directory, NULL);
      g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "grant",
                                                     "personas", directory, NULL);

      /* Cookies are credentials: only the user may read them. */
      g_mkdir_with_parents (data_dir, 0700);
      g_mkdir_with_parents (cache_dir, 0700);
      session = webkit_network_session_new (data_dir, cache_dir);
      webkit_network_session_set_tls_errors_policy (session, WEBKIT_TLS_ERRORS_POLICY_FAIL);
      g_hash_table_insert (sessions, g_steal_pointer (&directory), session);
    }

  return session;
}

/* URIs ------------------------------------------------------------------------------------ */

static gboolean
is_loopback_host (const char *host)
{
  return host != NULL
         && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1")
             || g_str_equal (host, "[::1]") || g_ascii_strcasecmp (host, "localhost") == 0);
}

static GUri *
parse_uri (const char *uri)
{
  return g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
}

static gboolean
is_loopback_redirect_uri (const char *redirect_uri)
{
  g_autoptr(GUri) uri = parse_uri (redirect_uri);

  return uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0
         && is_loopback_host (g_uri_get_host (uri));
}

static const char *
path_or_root (GUri *uri)
{
  const char *path = g_uri_get_path (uri);

  return *path != '\0' ? path : "/";
}

/* Whether @uri goes to the endpoint @redirect names: the same scheme, host, port and path.
 * Its query and fragment are the response. */
static gboolean
same_endpoint (GUri       *redirect,
               const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (redirect == NULL || uri == NULL)
    return FALSE;

  parsed = parse_uri (uri);
  if (parsed == NULL)
    return FALSE;

  return g_ascii_strcasecmp (g_uri_get_scheme (parsed), g_uri_get_scheme (redirect)) == 0
         && ((g_uri_get_host (parsed) == NULL && g_uri_get_host (redirect) == NULL)
             || (g_uri_get_host (parsed) != NULL && g_uri_get_host (redirect) != NULL
                 && g_ascii_strcasecmp (g_uri_get_host (parsed), g_uri_get_host (redirect)) == 0))
         && g_uri_get_port (parsed) == g_uri_get_port (redirect)
         && g_str_equal (path_or_root (parsed), path_or_root (redirect));
}

/* The response in a redirect: the fragment when there is one (implicit and hybrid), else the
 * query. */
static GHashTable *
response_parameters (const char  *uri,
                     GError     **error)
{
  g_autoptr(GUri) parsed = parse_uri (uri);
  const char *fragment;
  const char *query;

  if (parsed == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The authorization response “%s” is not a URI"), uri);
      return NULL;
    }

  fragment = g_uri_get_fragment (parsed);
  query = g_uri_get_query (parsed);

  return g_uri_parse_params (fragment != NULL && *fragment != '\0' ? fragment
                             : query != NULL ? query : "",
                             -1, "&", G_URI_PARAMS_WWW_FORM, error);
}

static char *
captured_page_for (GUri *redirect)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;

  endpoint = g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (redirect), NULL,
                         g_uri_get_host (redirect), g_uri_get_port (redirect),
                         g_uri_get_path (redirect), NULL, NULL);
  escaped = g_markup_escape_text (endpoint, -1);
  text = g_strdup_printf (_("Grant took the authorization response here: it was not sent to "
                            "%s."), escaped);

  return g_strdup_printf (captured_page, _("Grant has the response"), text);
}

/* The address bar -------------------------------------------------------------------------- */

static void
show_address (GrantBrowser *self,
              const char   *uri)
{
  g_autoptr(GUri) parsed = uri != NULL ? parse_uri (uri) : NULL;
  const char *scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;
  const char *icon = "web-browser-symbolic";
  const char *tooltip = NULL;
  gboolean insecure = FALSE;

  if (g_strcmp0 (self->uri, uri) != 0)
    {
      g_free (self->uri);
      self->uri = g_strdup (uri);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
    }

  gtk_label_set_text (GTK_LABEL (self->address_label), uri != NULL ? uri : "");
  gtk_widget_set_tooltip_text (self->address_label, uri);

  if (scheme != NULL && g_ascii_strcasecmp (scheme, "https") == 0)
    {
      icon = "channel-secure-symbolic";
      tooltip = _("Encrypted connection (HTTPS)");
    }
  else if (scheme != NULL && g_ascii_strcasecmp (scheme, "http") == 0)
    {
      icon = "channel-insecure-symbolic";
      insecure = !is_loopback_host (g_uri_get_host (parsed));
      tooltip = insecure ? _("Not encrypted: anyone on the way can read and change this page, "
                             "and the codes and tokens in it")
                         : _("Not encrypted, but it stays on this computer (loopback)");
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->security_icon), icon);
  gtk_widget_set_tooltip_text (self->security_icon, tooltip);
  gtk_widget_set_visible (self->insecure_warning, insecure);
}

static void
show_page (GrantBrowser *self,
           const char   *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
}

static void
show_error (GrantBrowser *self,
            const char   *icon_name,
            const char   *title,
            const char   *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  g_free (self->error_text);
  self->error_text = g_strdup (text);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->error_page), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->error_page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), markup);
  show_page (self, "error");
}

/* The log --------------------------------------------------------------------------------- */

static GrantExchange *
new_exchange (const char         *method,
              const char         *uri,
              SoupMessageHeaders *headers,
              const char         *title)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (method != NULL ? method : "GET",
                                                                uri);
  GrantExchange *exchange;

  if (headers != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name;
      const char *value;

      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        grant_http_request_set_header (request, name, value,
                                       g_ascii_strcasecmp (name, "Cookie") == 0
                                       || g_ascii_strcasecmp (name, "Authorization") == 0);
    }

  exchange = grant_exchange_new (GRANT_EXCHANGE_FRONT_CHANNEL, request, title);
  grant_exchange_add_secret_member (exchange, "code");

  return exchange;
}

static gboolean
is_sending (GrantExchange *exchange)
{
  return exchange != NULL && grant_exchange_get_state (exchange) == GRANT_EXCHANGE_SENDING;
}

static void
complete_with_response (GrantExchange     *exchange,
                        WebKitURIResponse *response)
{
  guint status;

  if (!is_sending (exchange) || response == NULL)
    return;

  status = webkit_uri_response_get_status_code (response);
  grant_exchange_set_response (exchange, status, soup_status_get_phrase (status),
                               webkit_uri_response_get_http_headers (response), NULL);
}

static void
fail_current (GrantBrowser *self,
              const GError *error)
{
  if (is_sending (self->current))
    grant_exchange_fail (self->current, error);
}

/* The loopback listener records the responses that reach it, with their bodies; the
 * browser's own record of those requests would say less, twice. */
static gboolean
loopback_records (GrantBrowser *self,
                  const char   *method,
                  const char   *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *query;

  if (self->loopback_uri == NULL || !same_endpoint (self->loopback_uri, uri))
    return FALSE;

  parsed = parse_uri (uri);
  query = g_uri_get_query (parsed);

  return g_strcmp0 (method, "POST") == 0 || (query != NULL && *query != '\0');
}

static gboolean
is_local (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme == NULL || g_ascii_strcasecmp (scheme, "about") == 0
         || g_ascii_strcasecmp (scheme, "data") == 0 || g_ascii_strcasecmp (scheme, "blob") == 0;
}

/* Stopping a redirect to the redirect URI fails the hop that asked for it, and WebKit then
 * keeps that hop's response to itself: all that is known is that it redirected, and where.
 * Returns whether the current exchange was that hop. */
static gboolean
complete_captured_hop (GrantBrowser *self)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;

  if (self->captured_location == NULL || !is_sending (self->current))
    return FALSE;

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (headers, "Location", self->captured_location);
  grant_exchange_set_response (self->current, SOUP_STATUS_FOUND,
                               "Redirect (status not reported by WebKit)", headers, NULL);
  g_clear_pointer (&self->captured_location, g_free);

  return TRUE;
}

/* A main-frame request begins: the first of a run is the authorization request. */
static void
begin_exchange (GrantBrowser     *self,
                WebKitURIRequest *request,
                gboolean          redirect)
{
  const char *uri = webkit_uri_request_get_uri (request);
  const char *method = webkit_uri_request_get_http_method (request);
  const char *title;

  if (is_sending (self->current) && !complete_captured_hop (self))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     "Another navigation replaced this one");

      grant_exchange_fail (self->current, error);
    }
  g_clear_object (&self->current);

  /* Grant's own pages are not requests, and what it captures it records itself. */
  if (self->log == NULL || loopback_records (self, method, uri)
      || same_endpoint (self->capture_uri, uri) || is_local (uri))
    return;

  if (!self->logged_first)
    title = self->first_title != NULL ? self->first_title
                                      : NC_("exchange", "Authorization request");
  else if (redirect)
    title = NC_("exchange", "Redirect");
  else if (g_strcmp0 (method, "POST") == 0)
    title = NC_("exchange", "Form submission");
  else
    title = NC_("exchange", "Navigation");
  self->logged_first = TRUE;

  self->current = new_exchange (method, uri, webkit_uri_request_get_http_headers (request),
                                title);
  grant_exchange_log_append (self->log, self->current);
}

/* A form body as fields, in order, so that the inspector shows them one by one and exports
 * redact the secret ones. */
static void
set_form (GrantHttpRequest *request,
          const char       *body)
{
  static const char * const secrets[] = {
    "code", "access_token", "id_token", "refresh_token", NULL,
  };
  g_auto(GStrv) pairs = g_strsplit (body, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*pairs[i] == '\0')
        continue;
      g_strdelimit (pairs[i], "+", ' ');
      pair = g_strsplit (pairs[i], "=", 2);
      name = g_uri_unescape_string (pair[0], NULL);
      value = g_uri_unescape_string (pair[1] != NULL ? pair[1] : "", NULL);
      if (name != NULL && value != NULL)
        grant_http_request_set_form_field (request, name, value,
                                           g_strv_contains (secrets, name));
    }
}

/* A request Grant stopped before it left: the response it carries is the flow's. */
static void
log_captured (GrantBrowser *self,
              const char   *method,
              const char   *uri,
              const char   *form_body)
{
  g_autoptr(GrantExchange) exchange = NULL;

  exchange = new_exchange (method, uri, NULL, NC_("exchange", "Authorization response"));

  if (form_body != NULL)
    set_form (grant_exchange_get_request (exchange), form_body);
  if (self->log != NULL)
    grant_exchange_log_append (self->log, exchange);
  grant_exchange_set_response (exchange, 0, CAPTURED_REASON, NULL, NULL);
}

static void
loopback_log_changed_cb (GListModel   *model,
                         guint         position,
                         guint         removed,
                         guint         added,
                         GrantBrowser *self)
{
  for (guint i = position; i < position + added && self->log != NULL; i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (model, i);

      /* Its "Authorization request" is the browser's first navigation, logged already. */
      if (g_strcmp0 (grant_exchange_get_title (exchange), "Authorization response") == 0)
        grant_exchange_log_append (self->log, exchange);
    }
}

/* The run ---------------------------------------------------------------------------------- */

static void
finish_run (GrantBrowser *self,
            GHashTable   *params,
            GError       *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    {
      g_clear_pointer (&params, g_hash_table_unref);
      g_clear_error (&error);
      return;
    }

  if (self->cancelled_source != NULL)
    {
      g_source_destroy (self->cancelled_source);
      g_clear_pointer (&self->cancelled_source, g_source_unref);
    }

  if (error != NULL)
    {
      if (self->web_view != NULL)
        webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (self->web_view));
      /* The loopback listener stops waiting too. */
      g_cancellable_cancel (self->run_cancellable);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, params, (GDestroyNotify) g_hash_table_unref);
}

/* Whether @uri is the redirect URI Grant captures; if so the response is taken from it and
 * the caller stops the navigation. */
static gboolean
capture_navigation (GrantBrowser *self,
                    const char   *method,
                    const char   *uri,
                    gboolean      redirect)
{
  g_autoptr(GHashTable) params = NULL;
  GError *error = NULL;

  if (!same_endpoint (self->capture_uri, uri))
    return FALSE;

  /* Once a run has its response, a second one is stopped all the same: the code never
   * leaves Grant. */
  if (self->task == NULL)
    return TRUE;

  if (g_strcmp0 (method, "POST") == 0)
    {
      /* The user script reads and stops form_post forms; this one got past it (it was sent
       * before the page finished loading), and WebKit does not show a navigation's body. */
      log_captured (self, method, uri, NULL);
      finish_run (self, NULL,
                  g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The authorization server posted its response to %s before "
                                 "Grant could read the form; Grant stopped it without reading "
                                 "it"),
                               uri));
      return TRUE;
    }

  if (redirect)
    {
      g_free (self->captured_location);
      self->captured_location = g_strdup (uri);
    }

  log_captured (self, method, uri, NULL);
  params = response_parameters (uri, &error);
  if (params == NULL)
    {
      g_prefix_error (&error, _("The authorization response could not be read: "));
      finish_run (self, NULL, error);
      return TRUE;
    }

  finish_run (self, g_steal_pointer (&params), NULL);

  return TRUE;
}

static gboolean
show_captured_cb (gpointer user_data)
{
  GrantBrowser *self = user_data;
  g_autofree char *page = NULL;

  self->captured_idle = 0;
  if (self->web_view != NULL && self->capture_uri != NULL)
    {
      page = captured_page_for (self->capture_uri);
      webkit_web_view_load_html (WEBKIT_WEB_VIEW (self->web_view), page, "about:blank");
    }

  return G_SOURCE_REMOVE;
}

/* Not from inside WebKit's signal: the page is replaced once it has finished with it. */
static void
show_captured (GrantBrowser *self)
{
  if (self->captured_idle == 0)
    self->captured_idle = g_idle_add (show_captured_cb, self);
}

static void
scheme_request_cb (WebKitURISchemeRequest *request,
                   gpointer                user_data)
{
  WebKitWebView *view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget *browser = view != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                               GRANT_TYPE_BROWSER) : NULL;
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  const char *method = webkit_uri_scheme_request_get_http_method (request);

  if (browser != NULL && GRANT_BROWSER (browser)->web_view == GTK_WIDGET (view)
      && capture_navigation (GRANT_BROWSER (browser), method, uri, FALSE))
    {
      char *page = captured_page_for (GRANT_BROWSER (browser)->capture_uri);
      gsize length = strlen (page);
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (page, length,
                                                                           g_free);

      webkit_uri_scheme_request_finish (request, stream, length, "text/html");
      return;
    }

  {
    g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                           _("Nothing in Grant answers %s"), uri);

    webkit_uri_scheme_request_finish_error (request, error);
  }
}

/* WebKit's signals ------------------------------------------------------------------------- */

static gboolean
decide_policy_cb (WebKitWebView            *view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  GrantBrowser             *self)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);

  if (capture_navigation (self, webkit_uri_request_get_http_method (request),
                          webkit_uri_request_get_uri (request),
                          webkit_navigation_action_is_redirect (action)))
    {
      webkit_policy_decision_ignore (decision);
      show_captured (self);
      return TRUE;
    }

  return FALSE;
}

static void
sent_request_cb (WebKitWebResource *resource,
                 WebKitURIRequest  *request,
                 WebKitURIResponse *redirected_response,
                 GrantBrowser      *self)
{
  /* The first request was recorded when the load started; each later one is a hop. */
  if (resource != self->main_resource || redirected_response == NULL)
    return;

  complete_with_response (self->current, redirected_response);
  begin_exchange (self, request, TRUE);
}

static void
response_cb (WebKitWebResource *resource,
             GParamSpec        *pspec,
             GrantBrowser      *self)
{
  if (resource != self->main_resource)
    return;

  complete_with_response (self->current, webkit_web_resource_get_response (resource));
}

static void
resource_failed_cb (WebKitWebResource *resource,
                    GError            *error,
                    GrantBrowser      *self)
{
  if (resource != self->main_resource || !is_sending (self->current))
    return;

  if (!complete_captured_hop (self))
    grant_exchange_fail (self->current, error);
}

static void
resource_load_started_cb (WebKitWebView     *view,
                          WebKitWebResource *resource,
                          WebKitURIRequest  *request,
                          GrantBrowser      *self)
{
  if (resource != webkit_web_view_get_main_resource (view))
    return;

  if (self->main_resource != NULL)
    g_signal_handlers_disconnect_by_data (self->main_resource, self);
  g_set_object (&self->main_resource, resource);
  g_signal_connect_object (resource, "sent-request", G_CALLBACK (sent_request_cb), self, 0);
  g_signal_connect_object (resource, "notify::response", G_CALLBACK (response_cb), self, 0);
  g_signal_connect_object (resource, "failed", G_CALLBACK (resource_failed_cb), self, 0);

  begin_exchange (self, request, FALSE);
}

static char *
describe_certificate_errors (GTlsCertificateFlags errors)
{
  static const struct { GTlsCertificateFlags flag; const char *text; } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA,
      N_("it is not signed by a certificate authority this computer trusts") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it is not for this host name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("it could not be checked") },
  };
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if ((errors & reasons[i].flag) != 0)
      g_ptr_array_add (found, (gpointer) _(reasons[i].text));
  if (found->len == 0)
    g_ptr_array_add (found, (gpointer) _("it could not be checked"));
  g_ptr_array_add (found, NULL);

  return g_strjoinv ("; ", (char **) found->pdata);
}

static gboolean
load_failed_with_tls_errors_cb (WebKitWebView        *view,
                                const char           *failing_uri,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                GrantBrowser         *self)
{
  g_autoptr(GUri) parsed = parse_uri (failing_uri);
  const char *host = parsed != NULL && g_uri_get_host (parsed) != NULL
                     ? g_uri_get_host (parsed) : failing_uri;
  g_autofree char *reasons = describe_certificate_errors (errors);
  g_autofree char *subject = certificate != NULL
                             ? g_tls_certificate_get_subject_name (certificate) : NULL;
  g_autofree char *issuer = certificate != NULL
                            ? g_tls_certificate_get_issuer_name (certificate) : NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strdup_printf (_("The certificate of %s is not trusted: %s (it names “%s”, issued "
                            "by “%s”). Grant stopped at %s and does not continue over a "
                            "connection it cannot verify: someone could read or change what "
                            "passes over it."),
                          host, reasons, subject != NULL ? subject : _("no subject"),
                          issuer != NULL ? issuer : _("no issuer"), failing_uri);
  error = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, text);

  if (is_sending (self->current))
    {
      grant_exchange_set_tls (self->current, certificate, errors, G_TLS_PROTOCOL_VERSION_UNKNOWN,
                              NULL);
      grant_exchange_fail (self->current, error);
    }

  if (self->task == NULL)
    return FALSE;

  show_error (self, "channel-insecure-symbolic", _("The Connection Is Not Secure"), text);
  finish_run (self, NULL, g_steal_pointer (&error));

  return TRUE;
}

static gboolean
load_failed_cb (WebKitWebView   *view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                GrantBrowser    *self)
{
  g_autofree char *text = NULL;
  GError *task_error;

  /* Grant's own doing: a stop, or a navigation it captured. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED)
      || g_error_matches (error, WEBKIT_POLICY_ERROR,
                          WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  fail_current (self, error);

  if (self->task == NULL)
    return FALSE;

  text = g_strdup_printf (_("Grant could not load %s: %s. The flow stops here."), failing_uri,
                          error->message);
  /* Errors from GIO keep their domain, so that the flow can tell a refused connection from an
   * unknown host; WebKit's own become plain failures. */
  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR
      || error->domain == G_TLS_ERROR)
    task_error = g_error_new_literal (error->domain, error->code, text);
  else
    task_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, text);

  show_error (self, "network-error-symbolic", _("The Page Could Not Be Loaded"), text);
  finish_run (self, NULL, task_error);

  return TRUE;
}

static void
web_process_terminated_cb (WebKitWebView                     *view,
                           WebKitWebProcessTerminationReason  reason,
                           GrantBrowser                      *self)
{
  const char *text = _("The browser's web process ended before the authorization server "
                       "answered. The flow stops here.");
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, text);

  fail_current (self, error);
  if (self->task == NULL)
    return;

  show_error (self, "computer-fail-symbolic", _("The Browser Stopped"), text);
  finish_run (self, NULL, g_steal_pointer (&error));
}

static void
script_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   GrantBrowser             *self)
{
  g_autoptr(JSCValue) action_value = NULL;
  g_autoptr(JSCValue) body_value = NULL;
  g_autofree char *action = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GHashTable) params = NULL;
  GError *error = NULL;

  if (self->task == NULL || !jsc_value_is_object (value))
    return;

  action_value = jsc_value_object_get_property (value, "action");
  body_value = jsc_value_object_get_property (value, "body");
  if (!jsc_value_is_string (action_value) || !jsc_value_is_string (body_value))
    return;
  action = jsc_value_to_string (action_value);
  body = jsc_value_to_string (body_value);
  if (!same_endpoint (self->capture_uri, action))
    return;

  log_captured (self, "POST", action, body);
  show_captured (self);
  params = g_uri_parse_params (body, -1, "&", G_URI_PARAMS_WWW_FORM, &error);
  if (params == NULL)
    {
      g_prefix_error (&error, _("The form_post response could not be read: "));
      finish_run (self, NULL, error);
      return;
    }

  finish_run (self, g_steal_pointer (&params), NULL);
}

static void
uri_changed_cb (WebKitWebView *view,
                GParamSpec    *pspec,
                GrantBrowser  *self)
{
  show_address (self, webkit_web_view_get_uri (view));
}

static void
set_load_progress (GrantBrowser *self,
                   double        progress,
                   gboolean      loading)
{
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), progress);
  gtk_widget_set_visible (self->progress_bar, loading);

  if (self->load_progress != progress)
    {
      self->load_progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_PROGRESS]);
    }
}

static void
progress_changed_cb (WebKitWebView *view,
                     GParamSpec    *pspec,
                     GrantBrowser  *self)
{
  set_load_progress (self, webkit_web_view_get_estimated_load_progress (view),
                     webkit_web_view_is_loading (view));
}

/* Views ------------------------------------------------------------------------------------ */

static void
install_form_post_script (GrantBrowser  *self,
                          WebKitWebView *view,
                          const char    *redirect_uri)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (view);
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), redirect_uri);
  g_autofree char *literal = json_to_string (node, FALSE);
  g_autofree char *source = g_strdup_printf (form_post_script, literal);
  g_autoptr(WebKitUserScript) script = NULL;

  script = webkit_user_script_new_for_world (source, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             FORM_POST_WORLD, NULL, NULL);
  g_signal_connect_object (manager, "script-message-received::" FORM_POST_HANDLER,
                           G_CALLBACK (script_message_cb), self, 0);
  webkit_user_content_manager_register_script_message_handler (manager, FORM_POST_HANDLER,
                                                               FORM_POST_WORLD);
  webkit_user_content_manager_add_script (manager, script);
}

/* Ends the previous run's view: what it still waited for will not come. */
static void
close_view (GrantBrowser *self)
{
  if (is_sending (self->current))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("The browser was closed before this "
                                                       "response came"));

      grant_exchange_fail (self->current, error);
    }
  g_clear_object (&self->current);

  if (self->main_resource != NULL)
    g_signal_handlers_disconnect_by_data (self->main_resource, self);
  g_clear_object (&self->main_resource);

  if (self->loopback_log != NULL)
    g_signal_handlers_disconnect_by_data (self->loopback_log, self);
  g_clear_object (&self->loopback_log);
  g_clear_object (&self->log);
  g_clear_pointer (&self->loopback_uri, g_uri_unref);
  g_clear_pointer (&self->capture_uri, g_uri_unref);
  g_clear_pointer (&self->captured_location, g_free);
  g_clear_object (&self->run_cancellable);
  g_clear_handle_id (&self->captured_idle, g_source_remove);
  self->logged_first = FALSE;
  g_clear_pointer (&self->first_title, g_free);

  if (self->web_view != NULL)
    {
      WebKitWebView *view = WEBKIT_WEB_VIEW (self->web_view);

      g_signal_handlers_disconnect_by_data (webkit_web_view_get_user_content_manager (view),
                                            self);
      g_signal_handlers_disconnect_by_data (view, self);
      webkit_web_view_stop_loading (view);
      self->web_view = NULL;
      adw_bin_set_child (ADW_BIN (self->web_bin), NULL);
    }
}

static GtkWidget *
open_view (GrantBrowser *self)
{
  g_autoptr(WebKitNetworkSession) ephemeral = NULL;
  WebKitNetworkSession *session;
  GtkWidget *view;

  if (self->persona != NULL)
    session = get_persona_session (self->persona);
  else
    session = ephemeral = new_ephemeral_session ();

  view = grant_web_view_new (get_web_context (), session);
  g_signal_connect_object (view, "decide-policy", G_CALLBACK (decide_policy_cb), self, 0);
  g_signal_connect_object (view, "resource-load-started", G_CALLBACK (resource_load_started_cb),
                           self, 0);
  g_signal_connect_object (view, "load-failed", G_CALLBACK (load_failed_cb), self, 0);
  g_signal_connect_object (view, "load-failed-with-tls-errors",
                           G_CALLBACK (load_failed_with_tls_errors_cb), self, 0);
  g_signal_connect_object (view, "web-process-terminated",
                           G_CALLBACK (web_process_terminated_cb), self, 0);
  g_signal_connect_object (view, "notify::uri", G_CALLBACK (uri_changed_cb), self, 0);
  g_signal_connect_object (view, "notify::estimated-load-progress",
                           G_CALLBACK (progress_changed_cb), self, 0);
  g_signal_connect_object (view, "notify::is-loading", G_CALLBACK (progress_changed_cb), self,
                           0);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_widget_set_hexpand (view, TRUE);
  webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (view), self->zoom_level);

  self->web_view = view;
  adw_bin_set_child (ADW_BIN (self->web_bin), view);
  show_address (self, NULL);
  set_load_progress (self, 0.0, FALSE);
  show_page (self, "web");

  return view;
}

/* GrantUserAgent --------------------------------------------------------------------------- */

static gboolean
open_in_view (const char  *authorization_url,
              gpointer     user_data,
              GError     **error)
{
  GrantBrowser *self = user_data;

  if (self->web_view == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The browser has no page open for the authorization "
                             "request"));
      return FALSE;
    }

  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self->web_view), authorization_url);

  return TRUE;
}

static char *
grant_browser_prepare_redirect_uri (GrantUserAgent  *user_agent,
                                    const char      *redirect_uri,
                                    GError         **error)
{
  GrantBrowser *self = GRANT_BROWSER (user_agent);
  char *uri;

  g_clear_pointer (&self->loopback_redirect_uri, g_free);

  if (!is_loopback_redirect_uri (redirect_uri))
    return g_strdup (redirect_uri);

  if (self->task != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The browser is still waiting for another authorization "
                             "response"));
      return NULL;
    }

  if (self->loopback == NULL)
    {
      self->loopback = grant_loopback_user_agent_new ();
      grant_loopback_user_agent_set_open_func (GRANT_LOOPBACK_USER_AGENT (self->loopback),
                                               open_in_view, self, NULL);
    }

  uri = grant_user_agent_prepare_redirect_uri (self->loopback, redirect_uri, error);
  self->loopback_redirect_uri = g_strdup (uri);

  return uri;
}

static void
loopback_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(GrantBrowser) self = g_weak_ref_get (weak);
  GHashTable *params;
  GError *error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  params = grant_user_agent_authorize_finish (GRANT_USER_AGENT (object), result, &error);
  if (self != NULL)
    finish_run (self, params, error);
  else
    {
      g_clear_pointer (&params, g_hash_table_unref);
      g_clear_error (&error);
    }
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GrantBrowser *self = user_data;

  finish_run (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               _("The flow was cancelled")));

  return G_SOURCE_REMOVE;
}

static void
grant_browser_authorize_async (GrantUserAgent      *user_agent,
                               const char          *authorization_url,
                               const char          *redirect_uri,
                               GrantExchangeLog    *log,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GrantBrowser *self = GRANT_BROWSER (user_agent);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GUri) capture = NULL;
  gboolean loopback;
  GtkWidget *view;

  g_task_set_source_tag (task, grant_browser_authorize_async);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The browser is already waiting for an authorization "
                                 "response"));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  loopback = self->loopback_redirect_uri != NULL
             && g_str_equal (redirect_uri, self->loopback_redirect_uri);
  if (!loopback)
    {
      capture = parse_uri (redirect_uri);
      if (capture == NULL)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("The redirect URI “%s” is not a URI"), redirect_uri);
          return;
        }
      register_scheme (g_uri_get_scheme (capture));
    }

  close_view (self);
  g_clear_pointer (&self->error_text, g_free);
  view = open_view (self);
  if (!loopback)
    install_form_post_script (self, WEBKIT_WEB_VIEW (view), redirect_uri);

  self->log = g_object_ref (log);
  self->capture_uri = g_steal_pointer (&capture);
  self->run_cancellable = g_cancellable_new ();
  self->task = g_steal_pointer (&task);

  /* A source rather than a signal handler: the cancellable may fire in another thread, and
   * the run must end in this one. */
  if (cancellable != NULL)
    {
      self->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancelled_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
      g_source_attach (self->cancelled_source, g_main_context_get_thread_default ());
    }

  if (loopback)
    {
      GWeakRef *weak = g_new0 (GWeakRef, 1);

      g_weak_ref_init (weak, self);
      self->loopback_uri = parse_uri (redirect_uri);
      self->loopback_log = grant_exchange_log_new ();
      g_signal_connect (self->loopback_log, "items-changed",
                        G_CALLBACK (loopback_log_changed_cb), self);
      grant_user_agent_authorize_async (self->loopback, authorization_url, redirect_uri,
                                        self->loopback_log, self->run_cancellable,
                                        loopback_done_cb, weak);
    }
  else
    webkit_web_view_load_uri (WEBKIT_WEB_VIEW (view), authorization_url);
}

static GHashTable *
grant_browser_authorize_finish (GrantUserAgent  *user_agent,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, user_agent), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
user_agent_iface_init (GrantUserAgentInterface *iface)
{
  iface->prepare_redirect_uri = grant_browser_prepare_redirect_uri;
  iface->authorize_async = grant_browser_authorize_async;
  iface->authorize_finish = grant_browser_authorize_finish;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
grant_browser_dispose (GObject *object)
{
  GrantBrowser *self = (GrantBrowser *)object;

  finish_run (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               _("The browser was closed")));
  close_view (self);
  g_clear_object (&self->loopback);

  G_OBJECT_CLASS (grant_browser_parent_class)->dispose (object);
}

static void
grant_browser_finalize (GObject *object)
{
  GrantBrowser *self = (GrantBrowser *)object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->persona, g_free);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->loopback_redirect_uri, g_free);

  G_OBJECT_CLASS (grant_browser_parent_class)->finalize (object);
}

static void
grant_browser_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GrantBrowser *self = GRANT_BROWSER (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_LOAD_PROGRESS:
      g_value_set_double (value, self->load_progress);
      break;
    case PROP_PERSONA:
      g_value_set_string (value, self->persona);
      break;
    case PROP_ZOOM_LEVEL:
      g_value_set_double (value, self->zoom_level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_browser_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GrantBrowser *self = GRANT_BROWSER (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
      grant_browser_set_persona (self, g_value_get_string (value));
      break;
    case PROP_ZOOM_LEVEL:
      if (self->zoom_level != g_value_get_double (value))
        {
          self->zoom_level = g_value_get_double (value);
          if (self->web_view != NULL)
            webkit_web_view_set_zoom_level (WEBKIT_WEB_VIEW (self->web_view), self->zoom_level);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_browser_class_init (GrantBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_browser_dispose;
  object_class->finalize = grant_browser_finalize;
  object_class->get_property = grant_browser_get_property;
  object_class->set_property = grant_browser_set_property;

  /**
   * GrantBrowser:uri:
   *
   * The address of the page shown, or %NULL before a run.
   */
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantBrowser:load-progress:
   *
   * How far the page has loaded, from 0 to 1 (WebKit's estimate).
   */
  properties[PROP_LOAD_PROGRESS] =
    g_param_spec_double ("load-progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantBrowser:persona:
   *
   * The persona whose cookies and storage the next runs use, or %NULL for a fresh, empty
   * session each run.
   */
  properties[PROP_PERSONA] =
    g_param_spec_string ("persona", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantBrowser:zoom-level:
   *
   * How large the pages are drawn, 1 for as they are: the window sets the presenter's scale
   * in presenter mode, so that the room can read the login and consent pages too.
   */
  properties[PROP_ZOOM_LEVEL] =
    g_param_spec_double ("zoom-level", NULL, NULL, 0.25, 5.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "grantbrowser");
}

static void
grant_browser_init (GrantBrowser *self)
{
  GtkWidget *address_bar;
  GtkWidget *overlay;
  GtkWidget *placeholder;
  GtkWidget *warning_icon;
  GtkWidget *warning_label;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->zoom_level = 1.0;

  address_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (address_bar, "toolbar");
  gtk_box_append (GTK_BOX (self), address_bar);

  self->security_icon = gtk_image_new_from_icon_name ("web-browser-symbolic");
  gtk_box_append (GTK_BOX (address_bar), self->security_icon);

  self->address_label = gtk_label_new (NULL);
  gtk_label_set_selectable (GTK_LABEL (self->address_label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (self->address_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (self->address_label), 0.0);
  gtk_widget_set_hexpand (self->address_label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->address_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Address"), -1);
  gtk_box_append (GTK_BOX (address_bar), self->address_label);

  /* Plain http to another host: codes and tokens cross the network in clear. */
  self->insecure_warning = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (self->insecure_warning, "error");
  warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  warning_label = gtk_label_new (_("Not Encrypted"));
  gtk_widget_add_css_class (warning_label, "heading");
  gtk_box_append (GTK_BOX (self->insecure_warning), warning_icon);
  gtk_box_append (GTK_BOX (self->insecure_warning), warning_label);
  gtk_widget_set_visible (self->insecure_warning, FALSE);
  gtk_box_append (GTK_BOX (address_bar), self->insecure_warning);

  overlay = gtk_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (self), overlay);

  self->stack = gtk_stack_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->stack);

  /* Not the "osd" style: in GTK 4.8 its bar measures to a negative width at 0 %. */
  self->progress_bar = gtk_progress_bar_new ();
  gtk_widget_set_valign (self->progress_bar, GTK_ALIGN_START);
  gtk_widget_set_visible (self->progress_bar, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->progress_bar);

  placeholder = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (placeholder), "web-browser-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (placeholder), _("Browser"));
  adw_status_page_set_description (ADW_STATUS_PAGE (placeholder),
                                   _("The browser opens here when a flow needs it"));
  gtk_stack_add_named (GTK_STACK (self->stack), placeholder, "placeholder");

  self->web_bin = adw_bin_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), self->web_bin, "web");

  self->error_page = adw_status_page_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), self->error_page, "error");

  show_page (self, "placeholder");
}

/* Public API ------------------------------------------------------------------------------- */

/**
 * grant_browser_new:
 *
 * Makes the pane. WebKit is not started until the first run.
 *
 * Returns: (transfer floating): the pane
 */
GtkWidget *
grant_browser_new (void)
{
  return g_object_new (GRANT_TYPE_BROWSER, NULL);
}

/**
 * grant_browser_open:
 * @self: a #GrantBrowser
 * @uri: the page to show
 * @title: what the page is, the title of its first exchange
 * @log: (nullable): where its navigations go, as front-channel exchanges
 *
 * Shows @uri in a new view, on the persona's session or a fresh one, as a run does, but
 * waits for no authorization response: for the pages a person visits on the side, such as
 * the verification URI of a device authorization. A run waiting in the pane is cancelled.
 */
void
grant_browser_open (GrantBrowser     *self,
                    const char       *uri,
                    const char       *title,
                    GrantExchangeLog *log)
{
  GtkWidget *view;

  g_return_if_fail (GRANT_IS_BROWSER (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (log == NULL || GRANT_IS_EXCHANGE_LOG (log));

  finish_run (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               _("Another page was opened in the browser")));
  close_view (self);
  g_clear_pointer (&self->error_text, g_free);
  view = open_view (self);
  self->first_title = g_strdup (title);
  if (log != NULL)
    self->log = g_object_ref (log);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (view), uri);
}

/**
 * grant_browser_get_uri:
 * @self: a #GrantBrowser
 *
 * Returns: (nullable): the address of the page shown
 */
const char *
grant_browser_get_uri (GrantBrowser *self)
{
  g_return_val_if_fail (GRANT_IS_BROWSER (self), NULL);

  return self->uri;
}

/**
 * grant_browser_get_load_progress:
 * @self: a #GrantBrowser
 *
 * Returns: how far the page has loaded, from 0 to 1
 */
double
grant_browser_get_load_progress (GrantBrowser *self)
{
  g_return_val_if_fail (GRANT_IS_BROWSER (self), 0.0);

  return self->load_progress;
}

/**
 * grant_browser_get_persona:
 * @self: a #GrantBrowser
 *
 * Returns: (nullable): the selected persona, or %NULL for a fresh session each run
 */
const char *
grant_browser_get_persona (GrantBrowser *self)
{
  g_return_val_if_fail (GRANT_IS_BROWSER (self), NULL);

  return self->persona;
}

/**
 * grant_browser_set_persona:
 * @self: a #GrantBrowser
 * @name: (nullable): a persona's name, or %NULL (or "") for a fresh, empty session each run
 *
 * Selects whose cookies and storage the next runs use. A persona's are kept on disk, under
 * `$XDG_DATA_HOME/grant/personas/` and `$XDG_CACHE_HOME/grant/personas/`, and shared by every
 * run with that persona until they are cleared. A run already under way keeps its session.
 */
void
grant_browser_set_persona (GrantBrowser *self,
                           const char   *name)
{
  g_return_if_fail (GRANT_IS_BROWSER (self));

  if (name != NULL && *name == '\0')
    name = NULL;
  if (g_strcmp0 (self->persona, name) == 0)
    return;

  g_free (self->persona);
  self->persona = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA]);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (webkit_website_data_manager_clear_finish (WEBKIT_WEBSITE_DATA_MANAGER (object), result,
                                                &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * grant_browser_clear_persona_async:
 * @self: a #GrantBrowser
 * @name: (nullable): the persona to clear, or %NULL for the selected one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done
 * @user_data: data for @callback
 *
 * Forgets everything the persona's websites stored: cookies (and so their logins), local
 * storage, caches. Without a persona there is nothing to clear: each run starts empty.
 */
void
grant_browser_clear_persona_async (GrantBrowser        *self,
                                   const char          *name,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WebKitWebsiteDataManager *manager;

  g_return_if_fail (GRANT_IS_BROWSER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_browser_clear_persona_async);

  if (name == NULL || *name == '\0')
    name = self->persona;
  if (name == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  manager = webkit_network_session_get_website_data_manager (get_persona_session (name));
  webkit_website_data_manager_clear (manager, WEBKIT_WEBSITE_DATA_ALL, 0, cancellable, clear_cb,
                                     g_steal_pointer (&task));
}

/**
 * grant_browser_clear_persona_finish:
 * @self: a #GrantBrowser
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
grant_browser_clear_persona_finish (GrantBrowser  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (GRANT_IS_BROWSER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* For the tests ---------------------------------------------------------------------------- */

GtkWidget *
_grant_browser_get_web_view (GrantBrowser *self)
{
  return self->web_view;
}

const char *
_grant_browser_get_page (GrantBrowser *self)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

const char *
_grant_browser_get_error_text (GrantBrowser *self)
{
  return self->error_text;
}

void
_grant_browser_show_address (GrantBrowser *self,
                             const char   *uri)
{
  show_address (self, uri);
}

const char *
_grant_browser_get_security_icon (GrantBrowser *self)
{
  return gtk_image_get_icon_name (GTK_IMAGE (self->security_icon));
}

gboolean
_grant_browser_is_insecure_warning_visible (GrantBrowser *self)
{
  return gtk_widget_get_visible (self->insecure_warning);
}
