/* grant-http-client.c
 * The recording HTTP client: every back-channel request goes through it into the log.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request first passes the interceptor, when one is set (step mode may edit it or stop
 * it); then it enters the log as an exchange that is still sending, and leaves. Whatever
 * comes back, a response of any status or a failure, completes that exchange. Only requests
 * that really left are logged: one the interceptor stopped, or one that could not even be
 * built (a URL that is not http), is not.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-http-body.h"
#include "grant-http-client.h"

struct _GrantHttpClient
{
  GObject               parent_instance;

  SoupSession          *session;
  GrantExchangeLog     *log;
  GrantHttpInterceptor *interceptor;
  guint                 timeout;
  gsize                 max_response_size;
};

G_DEFINE_FINAL_TYPE (GrantHttpClient, grant_http_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOG,
  PROP_TIMEOUT,
  PROP_INTERCEPTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Redirects are followed here, not by the session, so that each hop is an exchange of its
 * own in the log; a chain longer than this is taken for a loop. */
#define MAX_REDIRECTS 10

typedef struct
{
  GrantHttpRequest *request;
  char             *title;
  SoupMessage      *message;
  GrantExchange    *exchange;
  guint             redirects;
} Send;

static void
send_free (Send *send)
{
  g_clear_object (&send->request);
  g_clear_pointer (&send->title, g_free);
  g_clear_object (&send->message);
  g_clear_object (&send->exchange);
  g_free (send);
}

static void
grant_http_client_dispose (GObject *object)
{
  GrantHttpClient *self = (GrantHttpClient *)object;

  g_clear_object (&self->interceptor);

  G_OBJECT_CLASS (grant_http_client_parent_class)->dispose (object);
}

static void
grant_http_client_finalize (GObject *object)
{
  GrantHttpClient *self = (GrantHttpClient *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (grant_http_client_parent_class)->finalize (object);
}

static void
grant_http_client_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GrantHttpClient *self = GRANT_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_INTERCEPTOR:
      g_value_set_object (value, self->interceptor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_http_client_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GrantHttpClient *self = GRANT_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_LOG:
      self->log = g_value_dup_object (value);
      if (self->log == NULL)
        self->log = grant_exchange_log_new ();
      break;
    case PROP_TIMEOUT:
      grant_http_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_INTERCEPTOR:
      grant_http_client_set_interceptor (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_http_client_class_init (GrantHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grant_http_client_dispose;
  object_class->finalize = grant_http_client_finalize;
  object_class->get_property = grant_http_client_get_property;
  object_class->set_property = grant_http_client_set_property;

  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, GRANT_TYPE_EXCHANGE_LOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, GRANT_HTTP_CLIENT_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERCEPTOR] =
    g_param_spec_object ("interceptor", NULL, NULL, GRANT_TYPE_HTTP_INTERCEPTOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_http_client_init (GrantHttpClient *self)
{
  self->timeout = GRANT_HTTP_CLIENT_DEFAULT_TIMEOUT;
  self->max_response_size = GRANT_HTTP_CLIENT_DEFAULT_MAX_RESPONSE_SIZE;
  /* The proxy is the system's. */
  self->session = soup_session_new_with_options ("user-agent", "Grant/" GRANT_VERSION " ",
                                                 /* As browsers; libsoup's 2 would cap the
                                                  * replay runner's parallelism. */
                                                 "max-conns-per-host", 6,
                                                 NULL);
}

/**
 * grant_http_client_new:
 * @log: (nullable): the log to record into, or %NULL for a new one
 *
 * Returns: (transfer full): a client with the default timeout and size limit
 */
GrantHttpClient *
grant_http_client_new (GrantExchangeLog *log)
{
  g_return_val_if_fail (log == NULL || GRANT_IS_EXCHANGE_LOG (log), NULL);

  return g_object_new (GRANT_TYPE_HTTP_CLIENT, "log", log, NULL);
}

/**
 * grant_http_client_get_log:
 * @self: a #GrantHttpClient
 *
 * Returns: (transfer none): the log every request goes into
 */
GrantExchangeLog *
grant_http_client_get_log (GrantHttpClient *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (self), NULL);

  return self->log;
}

/**
 * grant_http_client_get_session:
 * @self: a #GrantHttpClient
 *
 * Returns: (transfer none): the session, to set a proxy or a TLS database on
 */
SoupSession *
grant_http_client_get_session (GrantHttpClient *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (self), NULL);

  return self->session;
}

guint
grant_http_client_get_timeout (GrantHttpClient *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (self), 0);

  return self->timeout;
}

/**
 * grant_http_client_set_timeout:
 * @self: a #GrantHttpClient
 * @timeout: seconds a request may take, from sending it to the last byte of the response
 */
void
grant_http_client_set_timeout (GrantHttpClient *self,
                               guint            timeout)
{
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (self));
  g_return_if_fail (timeout > 0);

  if (self->timeout == timeout)
    return;

  self->timeout = timeout;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

gsize
grant_http_client_get_max_response_size (GrantHttpClient *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (self), 0);

  return self->max_response_size;
}

void
grant_http_client_set_max_response_size (GrantHttpClient *self,
                                         gsize            max_size)
{
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_size > 0);

  self->max_response_size = max_size;
}

/**
 * grant_http_client_get_interceptor:
 * @self: a #GrantHttpClient
 *
 * Returns: (transfer none) (nullable): the interceptor
 */
GrantHttpInterceptor *
grant_http_client_get_interceptor (GrantHttpClient *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (self), NULL);

  return self->interceptor;
}

/**
 * grant_http_client_set_interceptor:
 * @self: a #GrantHttpClient
 * @interceptor: (nullable): what every request passes before it is sent, or %NULL
 */
void
grant_http_client_set_interceptor (GrantHttpClient      *self,
                                   GrantHttpInterceptor *interceptor)
{
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (self));
  g_return_if_fail (interceptor == NULL || GRANT_IS_HTTP_INTERCEPTOR (interceptor));

  if (g_set_object (&self->interceptor, interceptor))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERCEPTOR]);
}

static gint64
span (guint64 from,
      guint64 to)
{
  return from != 0 && to >= from ? (gint64) (to - from) : -1;
}

static void
record_timings (GrantExchange *exchange,
                SoupMessage   *message)
{
  SoupMessageMetrics *metrics = soup_message_get_metrics (message);
  GrantExchangeTimings timings = *grant_exchange_get_timings (exchange);
  guint64 fetch_start, dns_start, dns_end, connect_start, connect_end, tls_start;
  guint64 request_start, response_start, response_end;

  timings.total = g_get_real_time () - timings.started_at;
  if (metrics == NULL)
    {
      grant_exchange_set_timings (exchange, &timings);
      return;
    }

  fetch_start = soup_message_metrics_get_fetch_start (metrics);
  dns_start = soup_message_metrics_get_dns_start (metrics);
  dns_end = soup_message_metrics_get_dns_end (metrics);
  connect_start = soup_message_metrics_get_connect_start (metrics);
  connect_end = soup_message_metrics_get_connect_end (metrics);
  tls_start = soup_message_metrics_get_tls_start (metrics);
  request_start = soup_message_metrics_get_request_start (metrics);
  response_start = soup_message_metrics_get_response_start (metrics);
  response_end = soup_message_metrics_get_response_end (metrics);
  if (response_end == 0 && response_start != 0)
    response_end = (guint64) g_get_monotonic_time ();

  timings.blocked = span (fetch_start, dns_start != 0 ? dns_start
                                       : connect_start != 0 ? connect_start : request_start);
  timings.dns = span (dns_start, dns_end);
  timings.connect = span (connect_start, connect_end);
  timings.tls = span (tls_start, connect_end);
  /* libsoup marks the start of the request, not the end of sending it; sending a small
   * request takes no measurable time, so the whole of that span counts as waiting. */
  timings.send = request_start != 0 ? 0 : -1;
  timings.wait = span (request_start, response_start);
  timings.receive = span (response_start, response_end);

  grant_exchange_set_timings (exchange, &timings);
}

static const char *
http_version_name (SoupMessage *message)
{
  switch (soup_message_get_http_version (message))
    {
    case SOUP_HTTP_1_0:
      return "HTTP/1.0";
    case SOUP_HTTP_2_0:
      return "HTTP/2";
    case SOUP_HTTP_1_1:
    default:
      return "HTTP/1.1";
    }
}

static void
record_tls (GrantExchange *exchange,
            SoupMessage   *message)
{
  GTlsCertificate *certificate = soup_message_get_tls_peer_certificate (message);

  if (certificate == NULL)
    return;

  grant_exchange_set_tls (exchange, certificate,
                          soup_message_get_tls_peer_certificate_errors (message),
                          soup_message_get_tls_protocol_version (message),
                          soup_message_get_tls_ciphersuite_name (message));
}

static char *
describe_tls_errors (GTlsCertificateFlags errors)
{
  static const struct { GTlsCertificateFlags flag; const char *what; } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("it is not signed by an authority this computer trusts") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it is for another host name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses an insecure algorithm") },
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if ((errors & reasons[i].flag) != 0)
      g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", _(reasons[i].what));
  if (out->len == 0)
    g_string_append (out, _("it could not be verified"));

  return g_string_free (out, FALSE);
}

/* The error a user reads: which request failed, why, and what to do. The domain and code
 * stay those of the cause, for callers that branch on them. */
static GError *
explain_failure (GrantHttpClient *self,
                 SoupMessage     *message,
                 GError          *cause)
{
  GUri *uri = soup_message_get_uri (message);
  const char *host = g_uri_get_host (uri);
  GTlsCertificateFlags tls_errors = soup_message_get_tls_peer_certificate_errors (message);
  g_autofree char *url = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);
  GError *error;

  if (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
    error = g_error_new (cause->domain, cause->code,
                         _("%s asks for a client certificate (mutual TLS) and none was sent: "
                           "give the client its certificate and key, and choose "
                           "tls_client_auth or self_signed_tls_client_auth (RFC 8705)."), host);
  else if (g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) || tls_errors != 0)
    {
      g_autofree char *why = describe_tls_errors (tls_errors);

      error = g_error_new (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                           _("The TLS certificate of %s is not trusted: %s. Grant stopped "
                             "before sending the request. If this is a test server, add the "
                             "certificate of its authority to Grant's trusted certificates."),
                           host, why);
    }
  else if (cause->domain == G_RESOLVER_ERROR)
    error = g_error_new (cause->domain, cause->code,
                         _("The host name %s could not be resolved (%s). Check the URL and "
                           "the network connection."), host, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    error = g_error_new (cause->domain, cause->code,
                         _("Nothing answers at %s: the connection was refused. Is the server "
                           "running, on that port?"), url);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    error = g_error_new (cause->domain, cause->code,
                         _("%s did not answer within %u s. The timeout can be raised in the "
                           "preferences."), url, self->timeout);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    error = g_error_new (cause->domain, cause->code, _("The response from %s is too large: %s"),
                         url, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    error = g_error_copy (cause);
  else
    error = g_error_new (cause->domain, cause->code, _("The request to %s failed: %s"),
                         url, cause->message);

  g_error_free (cause);

  return error;
}

static void send_now (GTask *task);

/* The request a redirect asks for (RFC 9110 §15.4): 303, and 301 or 302 after a POST, become
 * a GET without a body, as browsers do; 307 and 308 repeat the request. Credentials do not
 * follow a redirect to another origin. Returns NULL when @exchange is not a redirect. */
static GrantHttpRequest *
redirected_request (GrantExchange  *exchange,
                    GError        **error)
{
  GrantHttpRequest *request = grant_exchange_get_request (exchange);
  guint status = grant_exchange_get_status (exchange);
  const char *location = grant_exchange_get_response_header (exchange, "Location");
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) target = NULL;
  g_autoptr(GrantHttpRequest) next = NULL;
  g_autofree char *target_url = NULL;

  if (location == NULL
      || (status != 301 && status != 302 && status != 303 && status != 307 && status != 308))
    return NULL;

  base = g_uri_parse (grant_http_request_get_uri (request), SOUP_HTTP_URI_FLAGS, NULL);
  target = base != NULL ? g_uri_parse_relative (base, location, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  if (target == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s redirected to “%s”, which is not a URL"),
                   grant_http_request_get_uri (request), location);
      return NULL;
    }
  target_url = g_uri_to_string (target);

  next = grant_http_request_copy (request);
  grant_http_request_set_uri (next, target_url);
  if (status == 303
      || ((status == 301 || status == 302)
          && g_strcmp0 (grant_http_request_get_method (request), "POST") == 0))
    {
      grant_http_request_set_method (next, "GET");
      grant_http_request_set_body (next, NULL, NULL);
    }

  if (g_strcmp0 (g_uri_get_scheme (base), g_uri_get_scheme (target)) != 0
      || g_ascii_strcasecmp (g_uri_get_host (base), g_uri_get_host (target)) != 0
      || g_uri_get_port (base) != g_uri_get_port (target))
    {
      grant_http_request_remove_header (next, "Authorization");
      grant_http_request_remove_header (next, "Cookie");
      grant_http_request_remove_header (next, "DPoP");
    }

  return g_steal_pointer (&next);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantHttpClient *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GrantHttpRequest) next = NULL;
  GError *error = NULL;

  body = grant_http_send_and_read_finish (result, &error);
  record_timings (send->exchange, send->message);
  record_tls (send->exchange, send->message);

  if (body == NULL)
    {
      error = explain_failure (self, send->message, error);
      grant_exchange_fail (send->exchange, error);
      g_task_return_error (task, error);
      return;
    }

  grant_exchange_set_http_version (send->exchange, http_version_name (send->message));
  grant_exchange_set_response (send->exchange,
                               soup_message_get_status (send->message),
                               soup_message_get_reason_phrase (send->message),
                               soup_message_get_response_headers (send->message),
                               body);

  next = redirected_request (send->exchange, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (next != NULL)
    {
      if (send->redirects == MAX_REDIRECTS)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                                   _("Grant stopped after %u redirects, at %s: the server "
                                     "redirects in a loop, or too far"), (guint) MAX_REDIRECTS,
                                   grant_http_request_get_uri (send->request));
          return;
        }
      send->redirects++;
      g_set_object (&send->request, next);
      g_clear_object (&send->message);
      g_clear_object (&send->exchange);
      send_now (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_object_ref (send->exchange), g_object_unref);
}

static void
send_now (GTask *task)
{
  GrantHttpClient *self = g_task_get_source_object (task);
  Send *send = g_task_get_task_data (task);
  g_autofree char *title = NULL;
  GError *error = NULL;
  gsize max_size;

  send->message = grant_http_request_to_message (send->request, &error);
  if (send->message == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  soup_message_add_flags (send->message, SOUP_MESSAGE_COLLECT_METRICS | SOUP_MESSAGE_NO_REDIRECT);

  if (send->redirects > 0)
    title = g_strdup_printf ("%s (redirect %u)",
                             send->title != NULL ? send->title : NC_("exchange", "Request"),
                             send->redirects);
  send->exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, send->request,
                                       title != NULL ? title : send->title);
  grant_exchange_log_append (self->log, send->exchange);

  max_size = grant_http_request_get_max_response_size (send->request);
  if (max_size == 0 || max_size > self->max_response_size)
    max_size = self->max_response_size;

  grant_http_send_and_read_async (self->session, send->message, max_size, self->timeout,
                                  g_task_get_cancellable (task), read_cb, task);
}

static void
intercept_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!grant_http_interceptor_intercept_finish (GRANT_HTTP_INTERCEPTOR (object), result, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("The request was stopped before it was sent"));

      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  send_now (task);
}

/**
 * grant_http_client_send_async:
 * @self: a #GrantHttpClient
 * @request: the request; the interceptor may change it, and it must not change after
 * @title: (nullable): what the request is for, in a few words, for the log
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the exchange
 * @user_data: data for @callback
 *
 * Passes @request to the interceptor, if any, then sends it and records it in the log.
 */
void
grant_http_client_send_async (GrantHttpClient     *self,
                              GrantHttpRequest    *request,
                              const char          *title,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Send *send;

  g_return_if_fail (GRANT_IS_HTTP_CLIENT (self));
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_http_client_send_async);

  send = g_new0 (Send, 1);
  send->request = g_object_ref (request);
  send->title = g_strdup (title);
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);

  if (self->interceptor != NULL)
    grant_http_interceptor_intercept_async (self->interceptor, request, title, cancellable,
                                            intercept_cb, task);
  else
    send_now (task);
}

/**
 * grant_http_client_send_finish:
 * @self: a #GrantHttpClient
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the completed exchange, whatever the response's status; %NULL
 *   with @error set when no response came (the failed exchange is in the log), or when the
 *   request was stopped before it was sent or could not be built (nothing is logged)
 */
GrantExchange *
grant_http_client_send_finish (GrantHttpClient  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == grant_http_client_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
