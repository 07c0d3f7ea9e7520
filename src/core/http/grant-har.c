/* grant-har.c
 * Exchanges to and from HAR 1.2, the HTTP Archive format browsers' developer tools share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format: http://www.softwareishard.com/blog/har-12-spec/ (HAR 1.2, Jan Odvarko), which
 * the W3C Web Performance group's draft repeats. Grant writes every field the spec requires,
 * and the optional ones it knows; what HAR has no field for goes in custom fields, which the
 * spec allows when their names start with an underscore:
 *
 *   _grantChannel  "front-channel" (the browser went there) or "back-channel" (Grant did)
 *   _grantTitle    what the request was for ("Token request")
 *   _grantTls      the TLS version, cipher suite and certificate, in a line
 *   _error         why no response came (a failed exchange has status 0), as Chrome writes it
 *
 * Secrets are redacted unless the caller passes GRANT_HAR_INCLUDE_SECRETS: credential headers
 * keep their scheme ("Bearer REDACTED"), and the values of secret form fields, query and
 * fragment parameters (an authorization response's code, an implicit one's tokens, in the URL
 * and in a Location header) and JSON members are replaced.
 *
 * Exchanges still waiting for their response are left out: HAR has no entry without one.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "grant-har.h"
#include "grant-redaction.h"

/* A HAR file larger than this is refused rather than parsed. */
#define MAX_HAR_SIZE (512 * 1024 * 1024)

G_DEFINE_QUARK (grant-har-error-quark, grant_har_error)

typedef struct
{
  GrantExchange *exchange;
  gboolean       include_secrets;
} Export;

static gboolean
is_secret_name (const char *name,
                gpointer    user_data)
{
  Export *export = user_data;

  return grant_exchange_is_secret_member (export->exchange, name);
}

static char *
export_uri (Export     *export,
            const char *uri)
{
  if (export->include_secrets)
    return g_strdup (uri);

  return grant_redaction_redact_uri (uri, is_secret_name, export);
}

static void
add_name_value (JsonBuilder *builder,
                const char  *name,
                const char  *value)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
}

static void
add_headers (JsonBuilder          *builder,
             Export               *export,
             const GrantHttpField *fields,
             guint                 n_fields)
{
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *redacted = NULL;
      const char *value = fields[i].value;

      if (!export->include_secrets)
        {
          if (fields[i].secret || grant_redaction_is_secret_header (fields[i].name))
            value = redacted = grant_redaction_redact_header (value);
          else if (g_ascii_strcasecmp (fields[i].name, "Location") == 0)
            value = redacted = export_uri (export, value);
        }
      add_name_value (builder, fields[i].name, value);
    }
  json_builder_end_array (builder);
}

/* HAR's queryString: every parameter of the URL's query, decoded. */
static void
add_query_string (JsonBuilder *builder,
                  const char  *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  const char *query = parsed != NULL ? g_uri_get_query (parsed) : NULL;

  json_builder_set_member_name (builder, "queryString");
  json_builder_begin_array (builder);
  if (query != NULL)
    {
      GUriParamsIter iter;
      char *name;
      char *value;

      g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_WWW_FORM);
      while (g_uri_params_iter_next (&iter, &name, &value, NULL))
        {
          add_name_value (builder, name, value);
          g_free (name);
          g_free (value);
        }
    }
  json_builder_end_array (builder);
}

/* The text of a body for HAR: UTF-8 text as it is (JSON with its secrets redacted), anything
 * else in base64. */
static void
add_content_text (JsonBuilder *builder,
                  Export      *export,
                  GBytes      *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  g_autofree char *redacted = NULL;

  if (size == 0)
    return;

  if (!g_utf8_validate_len (data, size, NULL) || memchr (data, '\0', size) != NULL)
    {
      g_autofree char *base64 = g_base64_encode ((const guchar *) data, size);

      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, base64);
      json_builder_set_member_name (builder, "encoding");
      json_builder_add_string_value (builder, "base64");
      return;
    }

  if (!export->include_secrets)
    redacted = grant_redaction_redact_json (data, size, is_secret_name, export);

  json_builder_set_member_name (builder, "text");
  if (redacted != NULL)
    json_builder_add_string_value (builder, redacted);
  else
    {
      g_autofree char *text = g_strndup (data, size);

      json_builder_add_string_value (builder, text);
    }
}

static void
add_post_data (JsonBuilder      *builder,
               Export           *export,
               GrantHttpRequest *request)
{
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) body = grant_http_request_dup_body (request, &content_type);

  json_builder_set_member_name (builder, "bodySize");
  json_builder_add_int_value (builder, body != NULL ? (gint64) g_bytes_get_size (body) : 0);
  if (body == NULL)
    return;

  json_builder_set_member_name (builder, "postData");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mimeType");
  json_builder_add_string_value (builder, content_type != NULL ? content_type : "");

  /* HAR 1.2: "text and params fields are mutually exclusive"; a form is given as params. */
  if (grant_http_request_has_form (request))
    {
      guint n_fields;
      const GrantHttpField *fields = grant_http_request_get_form_fields (request, &n_fields);

      json_builder_set_member_name (builder, "params");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_fields; i++)
        {
          gboolean secret = fields[i].secret || grant_redaction_is_secret_name (fields[i].name);

          add_name_value (builder, fields[i].name,
                          secret && !export->include_secrets ? GRANT_REDACTED : fields[i].value);
        }
      json_builder_end_array (builder);
    }
  else
    add_content_text (builder, export, body);

  json_builder_end_object (builder);
}

static void
add_request (JsonBuilder   *builder,
             Export        *export,
             GrantExchange *exchange)
{
  GrantHttpRequest *request = grant_exchange_get_request (exchange);
  const char *http_version = grant_exchange_get_http_version (exchange);
  g_autofree char *uri = export_uri (export, grant_http_request_get_uri (request));
  const GrantHttpField *headers;
  guint n_headers;

  headers = grant_http_request_get_headers (request, &n_headers);

  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, grant_http_request_get_method (request));
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "httpVersion");
  json_builder_add_string_value (builder, http_version != NULL ? http_version : "");
  json_builder_set_member_name (builder, "cookies");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  add_headers (builder, export, headers, n_headers);
  add_query_string (builder, uri);
  json_builder_set_member_name (builder, "headersSize");
  json_builder_add_int_value (builder, -1);
  add_post_data (builder, export, request);
  json_builder_end_object (builder);
}

static void
add_response (JsonBuilder   *builder,
              Export        *export,
              GrantExchange *exchange)
{
  const char *http_version = grant_exchange_get_http_version (exchange);
  const char *reason = grant_exchange_get_reason_phrase (exchange);
  const char *content_type = grant_exchange_get_response_header (exchange, "Content-Type");
  const char *location = grant_exchange_get_response_header (exchange, "Location");
  GBytes *body = grant_exchange_get_response_body (exchange);
  gsize size = body != NULL ? g_bytes_get_size (body) : 0;
  g_autofree char *redirect = location != NULL ? export_uri (export, location) : NULL;
  const GrantHttpField *headers;
  guint n_headers;

  headers = grant_exchange_get_response_headers (exchange, &n_headers);

  json_builder_set_member_name (builder, "response");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, grant_exchange_get_status (exchange));
  json_builder_set_member_name (builder, "statusText");
  json_builder_add_string_value (builder, reason != NULL ? reason : "");
  json_builder_set_member_name (builder, "httpVersion");
  json_builder_add_string_value (builder, http_version != NULL ? http_version : "");
  json_builder_set_member_name (builder, "cookies");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  add_headers (builder, export, headers, n_headers);

  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, size);
  json_builder_set_member_name (builder, "mimeType");
  json_builder_add_string_value (builder, content_type != NULL ? content_type : "");
  if (body != NULL)
    add_content_text (builder, export, body);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "redirectURL");
  json_builder_add_string_value (builder, redirect != NULL ? redirect : "");
  json_builder_set_member_name (builder, "headersSize");
  json_builder_add_int_value (builder, -1);
  json_builder_set_member_name (builder, "bodySize");
  json_builder_add_int_value (builder, grant_exchange_get_state (exchange) == GRANT_EXCHANGE_COMPLETE
                                       ? (gint64) size : -1);
  json_builder_end_object (builder);
}

static void
add_timing (JsonBuilder *builder,
            const char  *name,
            gint64       microseconds)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, microseconds < 0 ? -1 : microseconds / 1000.0);
}

/* HAR's timings, and its "time", which must be their sum: send, wait and receive are required
 * and never -1, so when Grant saw only the total (a browser's navigation), it counts as
 * waiting. The TLS handshake is part of connect and not added again. */
static void
add_timings (JsonBuilder   *builder,
             GrantExchange *exchange)
{
  GrantExchangeTimings t = *grant_exchange_get_timings (exchange);
  gint64 known;

  t.send = MAX (t.send, 0);
  t.receive = MAX (t.receive, 0);
  known = MAX (t.blocked, 0) + MAX (t.dns, 0) + MAX (t.connect, 0) + t.send + t.receive;
  if (t.wait < 0)
    t.wait = MAX (t.total - known, 0);

  json_builder_set_member_name (builder, "time");
  json_builder_add_double_value (builder, (known + t.wait) / 1000.0);

  json_builder_set_member_name (builder, "timings");
  json_builder_begin_object (builder);
  add_timing (builder, "blocked", t.blocked);
  add_timing (builder, "dns", t.dns);
  add_timing (builder, "connect", t.connect);
  add_timing (builder, "send", t.send);
  add_timing (builder, "wait", t.wait);
  add_timing (builder, "receive", t.receive);
  add_timing (builder, "ssl", t.tls);
  json_builder_end_object (builder);
}

static char *
format_started (gint64 started_at)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (started_at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) time = g_date_time_add (seconds, started_at % G_USEC_PER_SEC);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void
add_entry (JsonBuilder   *builder,
           Export        *export,
           GrantExchange *exchange)
{
  g_autofree char *started = format_started (grant_exchange_get_timings (exchange)->started_at);
  const GError *error = grant_exchange_get_error (exchange);
  const char *title = grant_exchange_get_title (exchange);
  const char *tls = grant_exchange_get_tls_summary (exchange);
  g_autoptr(GEnumClass) channels = g_type_class_ref (GRANT_TYPE_EXCHANGE_CHANNEL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "startedDateTime");
  json_builder_add_string_value (builder, started);
  add_timings (builder, exchange);
  add_request (builder, export, exchange);
  add_response (builder, export, exchange);
  json_builder_set_member_name (builder, "cache");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "_grantChannel");
  json_builder_add_string_value (builder,
                                 g_enum_get_value (channels,
                                                   grant_exchange_get_channel (exchange))->value_nick);
  if (title != NULL)
    {
      json_builder_set_member_name (builder, "_grantTitle");
      json_builder_add_string_value (builder, title);
    }
  if (tls != NULL)
    {
      json_builder_set_member_name (builder, "_grantTls");
      json_builder_add_string_value (builder, tls);
    }
  if (error != NULL)
    {
      json_builder_set_member_name (builder, "_error");
      json_builder_add_string_value (builder, error->message);
    }
  json_builder_end_object (builder);
}

/**
 * grant_har_export:
 * @exchanges: a list of #GrantExchange, such as a #GrantExchangeLog
 * @flags: whether secrets stay in
 * @length: (out) (optional): return location for the length of the text
 *
 * Writes the answered and failed exchanges of @exchanges as a HAR 1.2 log, in their order.
 *
 * Returns: (transfer full): the HAR file's text, JSON in UTF-8
 */
char *
grant_har_export (GListModel    *exchanges,
                  GrantHarFlags  flags,
                  gsize         *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (exchanges), NULL);
  g_return_val_if_fail (g_type_is_a (g_list_model_get_item_type (exchanges),
                                     GRANT_TYPE_EXCHANGE), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "log");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "1.2");
  json_builder_set_member_name (builder, "creator");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Grant");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, GRANT_VERSION);
  json_builder_end_object (builder);
  if (!(flags & GRANT_HAR_INCLUDE_SECRETS))
    {
      json_builder_set_member_name (builder, "comment");
      json_builder_add_string_value (builder,
                                     "Secrets (tokens, codes, client secrets, credential "
                                     "headers) are replaced by " GRANT_REDACTED ".");
    }

  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  n_items = g_list_model_get_n_items (exchanges);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (exchanges, i);
      Export export = { exchange, (flags & GRANT_HAR_INCLUDE_SECRETS) != 0 };

      if (grant_exchange_get_state (exchange) != GRANT_EXCHANGE_SENDING)
        add_entry (builder, &export, exchange);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, length);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
member_number (JsonObject *object,
               const char *name,
               double     *number)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                             : G_TYPE_INVALID;

  if (type == G_TYPE_INT64)
    *number = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *number = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

/* Calls @func for each {name, value} object of @array that has both as strings. */
static void
foreach_name_value (JsonArray  *array,
                    void      (*func) (const char *name,
                                       const char *value,
                                       gpointer    user_data),
                    gpointer    user_data)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *pair = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = member_string (pair, "name");
      const char *value = member_string (pair, "value");

      if (name != NULL && value != NULL)
        func (name, value, user_data);
    }
}

static void
set_request_header (const char *name,
                    const char *value,
                    gpointer    user_data)
{
  grant_http_request_set_header (user_data, name, value, grant_redaction_is_secret_header (name));
}

static void
set_form_field (const char *name,
                const char *value,
                gpointer    user_data)
{
  grant_http_request_set_form_field (user_data, name, value, grant_redaction_is_secret_name (name));
}

static void
append_response_header (const char *name,
                        const char *value,
                        gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

/* The bytes of a content or postData object's text, decoded when it is base64. */
static GBytes *
dup_text (JsonObject *object)
{
  const char *text = member_string (object, "text");
  const char *encoding = member_string (object, "encoding");

  if (text == NULL)
    return NULL;
  if (g_strcmp0 (encoding, "base64") == 0)
    {
      gsize size;
      guchar *data = g_base64_decode (text, &size);

      return g_bytes_new_take (data, size);
    }

  return g_bytes_new (text, strlen (text));
}

static gint64
parse_started (const char *text)
{
  g_autoptr(GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  if (time == NULL)
    return 0;

  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static gint64
read_timing (JsonObject *timings,
             const char *name)
{
  double ms;

  if (!member_number (timings, name, &ms) || ms < 0)
    return -1;

  return (gint64) (ms * 1000.0 + 0.5);
}

static GrantExchange *
import_entry (JsonObject  *entry,
              guint        index,
              GError     **error)
{
  JsonObject *request_object = member_object (entry, "request");
  JsonObject *response_object = member_object (entry, "response");
  JsonObject *post_data = member_object (request_object, "postData");
  JsonObject *timings_object = member_object (entry, "timings");
  const char *method = member_string (request_object, "method");
  const char *uri = member_string (request_object, "url");
  const char *channel_nick = member_string (entry, "_grantChannel");
  const char *failure = member_string (entry, "_error");
  const char *http_version;
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GEnumClass) channels = g_type_class_ref (GRANT_TYPE_EXCHANGE_CHANNEL);
  GEnumValue *channel = channel_nick != NULL ? g_enum_get_value_by_nick (channels, channel_nick)
                                             : NULL;
  GrantExchange *exchange;
  GrantExchangeTimings timings;
  double status = 0;
  double time;

  if (method == NULL || *method == '\0' || uri == NULL || *uri == '\0')
    {
      g_set_error (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID,
                   _("Entry %u has no request method or URL"), index + 1);
      return NULL;
    }
  if (response_object != NULL && member_number (response_object, "status", &status)
      && (status < 0 || status > 999))
    {
      g_set_error (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID,
                   _("Entry %u has the status %g, which is not an HTTP status"), index + 1, status);
      return NULL;
    }

  request = grant_http_request_new (method, uri);
  foreach_name_value (member_array (request_object, "headers"), set_request_header, request);
  if (member_array (post_data, "params") != NULL)
    foreach_name_value (member_array (post_data, "params"), set_form_field, request);
  else if (post_data != NULL)
    {
      g_autoptr(GBytes) body = dup_text (post_data);

      if (body != NULL)
        grant_http_request_set_body (request, member_string (post_data, "mimeType"), body);
    }

  /* A HAR from a browser has no channel: it went through the browser. */
  exchange = grant_exchange_new (channel != NULL ? (GrantExchangeChannel) channel->value
                                                 : GRANT_EXCHANGE_FRONT_CHANNEL,
                                 request, member_string (entry, "_grantTitle"));

  timings = *grant_exchange_get_timings (exchange);
  timings.started_at = parse_started (member_string (entry, "startedDateTime"));
  timings.blocked = read_timing (timings_object, "blocked");
  timings.dns = read_timing (timings_object, "dns");
  timings.connect = read_timing (timings_object, "connect");
  timings.tls = read_timing (timings_object, "ssl");
  timings.send = read_timing (timings_object, "send");
  timings.wait = read_timing (timings_object, "wait");
  timings.receive = read_timing (timings_object, "receive");
  timings.total = member_number (entry, "time", &time) && time >= 0
                  ? (gint64) (time * 1000.0 + 0.5) : 0;
  grant_exchange_set_timings (exchange, &timings);
  http_version = member_string (response_object, "httpVersion");
  grant_exchange_set_http_version (exchange, http_version != NULL && *http_version != '\0'
                                             ? http_version : NULL);

  if (failure != NULL && status == 0)
    {
      g_autoptr(GError) failed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, failure);

      grant_exchange_fail (exchange, failed);
    }
  else
    {
      g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      g_autoptr(GBytes) body = dup_text (member_object (response_object, "content"));

      foreach_name_value (member_array (response_object, "headers"), append_response_header,
                          headers);
      grant_exchange_set_response (exchange, (guint) status,
                                   member_string (response_object, "statusText"), headers, body);
    }

  return exchange;
}

/**
 * grant_har_import:
 * @data: the text of a HAR file
 * @length: its length in bytes, or -1 when it ends in a nul
 * @error: return location for a #GRANT_HAR_ERROR
 *
 * Reads the entries of a HAR 1.x file, Grant's own or a browser's, as exchanges. Custom
 * fields Grant writes (see the top of this file) are read back; an entry without them came
 * through a browser, so it is a front-channel exchange. Redacted values stay redacted.
 *
 * Returns: (transfer full) (element-type GrantExchange): the exchanges, in the file's order
 */
GPtrArray *
grant_har_import (const char  *data,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonObject *log;
  JsonArray *entries;
  const char *version;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (length == 0)
    {
      g_set_error_literal (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID,
                           _("This is not a HAR file: it is empty"));
      return NULL;
    }
  if (length > MAX_HAR_SIZE)
    {
      g_set_error (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID,
                   _("The file is larger than %d MiB, more than Grant reads as HAR"),
                   MAX_HAR_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      g_set_error (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID,
                   _("This is not a HAR file: it is not JSON (%s)"), parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  log = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
        ? member_object (json_node_get_object (root), "log") : NULL;
  entries = member_array (log, "entries");
  version = member_string (log, "version");
  if (entries == NULL)
    {
      g_set_error_literal (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID,
                           _("This is not a HAR file: it has no “log” with “entries”"));
      return NULL;
    }
  if (version != NULL && !g_str_has_prefix (version, "1."))
    {
      g_set_error (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID,
                   _("This is HAR version %s; Grant reads versions 1.1 and 1.2"), version);
      return NULL;
    }

  exchanges = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      GrantExchange *exchange;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, GRANT_HAR_ERROR, GRANT_HAR_ERROR_INVALID,
                       _("Entry %u is not an object"), i + 1);
          return NULL;
        }
      exchange = import_entry (json_node_get_object (node), i, error);
      if (exchange == NULL)
        return NULL;
      g_ptr_array_add (exchanges, exchange);
    }

  return g_steal_pointer (&exchanges);
}
