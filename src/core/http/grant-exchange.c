/* grant-exchange.c
 * One request and its response, front or back channel, as Grant recorded them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An exchange enters the log when its request leaves, in the SENDING state, so that the
 * timeline shows a slow request while it is slow; it turns COMPLETE or FAILED once. What
 * is secret is marked, never removed: the inspector shows everything to the user who made
 * the request, and exports (HAR, curl) redact what is marked unless the user opts in.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "grant-exchange.h"
#include "grant-redaction.h"

struct _GrantExchange
{
  GObject               parent_instance;

  GrantExchangeChannel  channel;
  GrantHttpRequest     *request;
  char                 *title;
  GrantExchangeState    state;
  guint                 status;
  char                 *reason_phrase;
  char                 *http_version;
  GArray               *response_headers; /* of GrantHttpField */
  GBytes               *response_body;
  GError               *error;
  GrantExchangeTimings  timings;
  GTlsCertificate      *tls_certificate;
  GTlsCertificateFlags  tls_errors;
  char                 *tls_summary;
  GPtrArray            *secret_members;
};

G_DEFINE_FINAL_TYPE (GrantExchange, grant_exchange, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GrantExchangeChannel, grant_exchange_channel,
  G_DEFINE_ENUM_VALUE (GRANT_EXCHANGE_BACK_CHANNEL, "back-channel"),
  G_DEFINE_ENUM_VALUE (GRANT_EXCHANGE_FRONT_CHANNEL, "front-channel"))

G_DEFINE_ENUM_TYPE (GrantExchangeState, grant_exchange_state,
  G_DEFINE_ENUM_VALUE (GRANT_EXCHANGE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (GRANT_EXCHANGE_COMPLETE, "complete"),
  G_DEFINE_ENUM_VALUE (GRANT_EXCHANGE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_CHANNEL,
  PROP_REQUEST,
  PROP_TITLE,
  PROP_STATE,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
field_clear (gpointer data)
{
  GrantHttpField *field = data;

  g_free (field->name);
  g_free (field->value);
}

static void
grant_exchange_finalize (GObject *object)
{
  GrantExchange *self = (GrantExchange *)object;

  g_clear_object (&self->request);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->reason_phrase, g_free);
  g_clear_pointer (&self->http_version, g_free);
  g_clear_pointer (&self->response_headers, g_array_unref);
  g_clear_pointer (&self->response_body, g_bytes_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->tls_certificate);
  g_clear_pointer (&self->tls_summary, g_free);
  g_clear_pointer (&self->secret_members, g_ptr_array_unref);

  G_OBJECT_CLASS (grant_exchange_parent_class)->finalize (object);
}

static void
grant_exchange_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrantExchange *self = GRANT_EXCHANGE (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;
    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_exchange_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrantExchange *self = GRANT_EXCHANGE (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      self->channel = g_value_get_enum (value);
      break;
    case PROP_REQUEST:
      self->request = g_value_dup_object (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_exchange_class_init (GrantExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_exchange_finalize;
  object_class->get_property = grant_exchange_get_property;
  object_class->set_property = grant_exchange_set_property;

  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       GRANT_TYPE_EXCHANGE_CHANNEL, GRANT_EXCHANGE_BACK_CHANNEL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, GRANT_TYPE_HTTP_REQUEST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       GRANT_TYPE_EXCHANGE_STATE, GRANT_EXCHANGE_SENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, 999, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_exchange_init (GrantExchange *self)
{
  self->response_headers = g_array_new (FALSE, TRUE, sizeof (GrantHttpField));
  g_array_set_clear_func (self->response_headers, field_clear);
  self->secret_members = g_ptr_array_new_with_free_func (g_free);

  self->timings.started_at = g_get_real_time ();
  self->timings.blocked = self->timings.dns = self->timings.connect = self->timings.tls = -1;
  self->timings.send = self->timings.wait = self->timings.receive = self->timings.total = -1;
}

/**
 * grant_exchange_new:
 * @channel: where the request went
 * @request: the request as it was sent; the exchange keeps it and it must not change after
 * @title: (nullable): what the request is for, in a few words ("Token request")
 *
 * Returns: (transfer full): an exchange in the %GRANT_EXCHANGE_SENDING state, started now
 */
GrantExchange *
grant_exchange_new (GrantExchangeChannel  channel,
                    GrantHttpRequest     *request,
                    const char           *title)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (request), NULL);

  return g_object_new (GRANT_TYPE_EXCHANGE,
                       "channel", channel,
                       "request", request,
                       "title", title,
                       NULL);
}

GrantExchangeChannel
grant_exchange_get_channel (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), GRANT_EXCHANGE_BACK_CHANNEL);

  return self->channel;
}

/**
 * grant_exchange_get_request:
 * @self: a #GrantExchange
 *
 * Returns: (transfer none): the request as it was sent
 */
GrantHttpRequest *
grant_exchange_get_request (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return self->request;
}

/**
 * grant_exchange_get_title:
 * @self: a #GrantExchange
 *
 * The title the sender gave, in English, such as “Token request (with the DPoP nonce)”: code
 * compares it and exports (HAR) write it. Show grant_exchange_dup_display_title() instead.
 *
 * Returns: (nullable): the title
 */
const char *
grant_exchange_get_title (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return self->title;
}

/* Ends @title with " (WORD N)", N a number? Then *number is N and the rest is cut off. */
static gboolean
strip_numbered_suffix (char       *title,
                       const char *word,
                       guint      *number)
{
  g_autofree char *opening = g_strdup_printf (" (%s ", word);
  char *start = g_strrstr (title, opening);
  const char *digits;
  guint64 value;
  char *end;

  if (start == NULL || !g_str_has_suffix (title, ")"))
    return FALSE;
  digits = start + strlen (opening);
  if (!g_ascii_isdigit (*digits))
    return FALSE;
  value = g_ascii_strtoull (digits, &end, 10);
  if (end != title + strlen (title) - 1 || value > G_MAXUINT)
    return FALSE;

  *number = (guint) value;
  *start = '\0';
  return TRUE;
}

/* Titles are made by their senders from a base title, marked with NC_("exchange", …), and
 * the suffixes the HTTP client, the DPoP retry and the replay runner add: translated here,
 * from the inside out. */
static char *
translate_title (char *title)
{
  g_autofree char *inner = NULL;
  guint number;

  if (g_str_has_suffix (title, " (with the DPoP nonce)"))
    {
      title[strlen (title) - strlen (" (with the DPoP nonce)")] = '\0';
      inner = translate_title (title);
      /* Translators: the title of a request sent again with the nonce a server asked for. */
      return g_strdup_printf (_("%s (with the DPoP nonce)"), inner);
    }
  if (strip_numbered_suffix (title, "redirect", &number))
    {
      inner = translate_title (title);
      /* Translators: the title of a request that followed its Nth redirect. */
      return g_strdup_printf (_("%s (redirect %u)"), inner, number);
    }
  if (strip_numbered_suffix (title, "retry", &number))
    {
      inner = translate_title (title);
      /* Translators: the title of a request sent again after a 429 or 503 answer. */
      return g_strdup_printf (_("%s (retry %u)"), inner, number);
    }

  return g_strdup (g_dpgettext2 (NULL, "exchange", title));
}

/**
 * grant_exchange_dup_display_title:
 * @self: a #GrantExchange
 *
 * The title to show: grant_exchange_get_title() translated, with the suffixes senders add
 * (“(redirect 2)”, “(retry 1)”, “(with the DPoP nonce)”). A title Grant does not know, such as
 * a name the user gave, comes back as it is.
 *
 * Returns: (transfer full) (nullable): the title to show, or %NULL when there is none
 */
char *
grant_exchange_dup_display_title (GrantExchange *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  if (self->title == NULL)
    return NULL;

  title = g_strdup (self->title);
  return translate_title (title);
}

GrantExchangeState
grant_exchange_get_state (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), GRANT_EXCHANGE_FAILED);

  return self->state;
}

/**
 * grant_exchange_get_status:
 * @self: a #GrantExchange
 *
 * Returns: the HTTP status of the response, or 0 when there is none (yet)
 */
guint
grant_exchange_get_status (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), 0);

  return self->status;
}

const char *
grant_exchange_get_reason_phrase (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return self->reason_phrase;
}

/**
 * grant_exchange_get_response_headers:
 * @self: a #GrantExchange
 * @n_headers: (out): return location for their number
 *
 * Returns: (array length=n_headers): the response headers, in the order they came
 */
const GrantHttpField *
grant_exchange_get_response_headers (GrantExchange *self,
                                     guint         *n_headers)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);
  g_return_val_if_fail (n_headers != NULL, NULL);

  *n_headers = self->response_headers->len;

  return (const GrantHttpField *) (gpointer) self->response_headers->data;
}

/**
 * grant_exchange_get_response_header:
 * @self: a #GrantExchange
 * @name: a header name, in any case
 *
 * Returns: (nullable): the first response header of that name
 */
const char *
grant_exchange_get_response_header (GrantExchange *self,
                                    const char    *name)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->response_headers->len; i++)
    {
      const GrantHttpField *field = &g_array_index (self->response_headers, GrantHttpField, i);

      if (g_ascii_strcasecmp (field->name, name) == 0)
        return field->value;
    }

  return NULL;
}

/**
 * grant_exchange_get_response_body:
 * @self: a #GrantExchange
 *
 * Returns: (transfer none) (nullable): the response body, whole
 */
GBytes *
grant_exchange_get_response_body (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return self->response_body;
}

/**
 * grant_exchange_get_error:
 * @self: a #GrantExchange
 *
 * Returns: (nullable): why there is no response, in the %GRANT_EXCHANGE_FAILED state
 */
const GError *
grant_exchange_get_error (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return self->error;
}

const GrantExchangeTimings *
grant_exchange_get_timings (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return &self->timings;
}

/**
 * grant_exchange_get_tls_certificate:
 * @self: a #GrantExchange
 *
 * Returns: (transfer none) (nullable): the server's certificate, for https
 */
GTlsCertificate *
grant_exchange_get_tls_certificate (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return self->tls_certificate;
}

GTlsCertificateFlags
grant_exchange_get_tls_errors (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), 0);

  return self->tls_errors;
}

/**
 * grant_exchange_get_tls_summary:
 * @self: a #GrantExchange
 *
 * Returns: (nullable): the TLS version, cipher suite and the server certificate's subject,
 *   issuer and expiry in one line, or %NULL for plain http
 */
const char *
grant_exchange_get_tls_summary (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return self->tls_summary;
}

/**
 * grant_exchange_is_secret_member:
 * @self: a #GrantExchange
 * @member: a member name of a JSON response, or a header name
 *
 * Returns: whether values of @member in the response are secrets that exports redact:
 *   the credentials of RFC 6749, 8628 and 8693 responses, credential headers, and whatever
 *   grant_exchange_add_secret_member() added
 */
gboolean
grant_exchange_is_secret_member (GrantExchange *self,
                                 const char    *member)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  if (grant_redaction_is_secret_header (member) || grant_redaction_is_secret_name (member))
    return TRUE;

  for (guint i = 0; i < self->secret_members->len; i++)
    if (strcmp (g_ptr_array_index (self->secret_members, i), member) == 0)
      return TRUE;

  return FALSE;
}

void
grant_exchange_add_secret_member (GrantExchange *self,
                                  const char    *member)
{
  g_return_if_fail (GRANT_IS_EXCHANGE (self));
  g_return_if_fail (member != NULL);

  if (!grant_exchange_is_secret_member (self, member))
    g_ptr_array_add (self->secret_members, g_strdup (member));
}

static void
set_state (GrantExchange      *self,
           GrantExchangeState  state)
{
  g_return_if_fail (self->state == GRANT_EXCHANGE_SENDING);

  self->state = state;
  if (self->timings.total < 0)
    self->timings.total = g_get_real_time () - self->timings.started_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * grant_exchange_set_response:
 * @self: a #GrantExchange, still sending
 * @status: the HTTP status
 * @reason_phrase: (nullable): its reason phrase
 * @headers: (nullable): the response headers
 * @body: (nullable): the response body
 *
 * Completes @self with a response.
 */
void
grant_exchange_set_response (GrantExchange      *self,
                             guint               status,
                             const char         *reason_phrase,
                             SoupMessageHeaders *headers,
                             GBytes             *body)
{
  g_return_if_fail (GRANT_IS_EXCHANGE (self));

  self->status = status;
  self->reason_phrase = g_strdup (reason_phrase);
  if (headers != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name;
      const char *value;

      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        {
          GrantHttpField field = { g_strdup (name), g_strdup (value), FALSE };

          field.secret = grant_exchange_is_secret_member (self, name);
          g_array_append_val (self->response_headers, field);
        }
    }
  self->response_body = body != NULL ? g_bytes_ref (body) : NULL;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  set_state (self, GRANT_EXCHANGE_COMPLETE);
}

static const char *
protocol_name (GTlsProtocolVersion protocol)
{
  switch (protocol)
    {
    case G_TLS_PROTOCOL_VERSION_SSL_3_0:
      return "SSL 3.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_0:
      return "TLS 1.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_1:
      return "TLS 1.1";
    case G_TLS_PROTOCOL_VERSION_TLS_1_2:
      return "TLS 1.2";
    case G_TLS_PROTOCOL_VERSION_TLS_1_3:
      return "TLS 1.3";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2:
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
    default:
      return "TLS";
    }
}

/**
 * grant_exchange_set_tls:
 * @self: a #GrantExchange
 * @certificate: (nullable): the server's certificate
 * @errors: what is wrong with it
 * @protocol: the negotiated TLS version
 * @ciphersuite: (nullable): the cipher suite's name
 */
void
grant_exchange_set_tls (GrantExchange        *self,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        GTlsProtocolVersion   protocol,
                        const char           *ciphersuite)
{
  GString *summary;

  g_return_if_fail (GRANT_IS_EXCHANGE (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->tls_certificate, certificate);
  self->tls_errors = errors;

  summary = g_string_new (protocol_name (protocol));
  if (ciphersuite != NULL)
    g_string_append_printf (summary, ", %s", ciphersuite);
  if (certificate != NULL)
    {
      g_autofree char *subject = g_tls_certificate_get_subject_name (certificate);
      g_autofree char *issuer = g_tls_certificate_get_issuer_name (certificate);
      g_autoptr(GDateTime) not_after = g_tls_certificate_get_not_valid_after (certificate);
      g_autofree char *expiry = not_after != NULL ? g_date_time_format (not_after, "%F") : NULL;

      g_string_append_printf (summary, "; certificate %s, issued by %s, valid until %s",
                              subject != NULL ? subject : "(no subject)",
                              issuer != NULL ? issuer : "(no issuer)",
                              expiry != NULL ? expiry : "(unknown)");
    }
  if (errors != 0)
    g_string_append (summary, "; NOT TRUSTED");

  g_free (self->tls_summary);
  self->tls_summary = g_string_free (summary, FALSE);
}

/**
 * grant_exchange_get_http_version:
 * @self: a #GrantExchange
 *
 * Returns: (nullable): the HTTP version the response came in ("HTTP/1.1", "HTTP/2"), or
 *   %NULL when Grant could not see it (a browser's navigation)
 */
const char *
grant_exchange_get_http_version (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return self->http_version;
}

/**
 * grant_exchange_set_http_version:
 * @self: a #GrantExchange
 * @http_version: (nullable): the HTTP version, as HAR writes it ("HTTP/1.1")
 */
void
grant_exchange_set_http_version (GrantExchange *self,
                                 const char    *http_version)
{
  g_return_if_fail (GRANT_IS_EXCHANGE (self));

  g_free (self->http_version);
  self->http_version = g_strdup (http_version);
}

/**
 * grant_exchange_set_timings:
 * @self: a #GrantExchange
 * @timings: where the time went
 */
void
grant_exchange_set_timings (GrantExchange              *self,
                            const GrantExchangeTimings *timings)
{
  g_return_if_fail (GRANT_IS_EXCHANGE (self));
  g_return_if_fail (timings != NULL);

  self->timings = *timings;
}

/**
 * grant_exchange_fail:
 * @self: a #GrantExchange, still sending
 * @error: why no response came
 *
 * Completes @self without a response.
 */
void
grant_exchange_fail (GrantExchange *self,
                     const GError  *error)
{
  g_return_if_fail (GRANT_IS_EXCHANGE (self));
  g_return_if_fail (error != NULL);

  self->error = g_error_copy (error);
  set_state (self, GRANT_EXCHANGE_FAILED);
}

static gboolean
is_form (const char *content_type)
{
  static const char form[] = "application/x-www-form-urlencoded";

  return content_type != NULL && g_ascii_strncasecmp (content_type, form, strlen (form)) == 0;
}

static gboolean
is_one_line (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (; *text != '\0'; text++)
    if (g_ascii_iscntrl (*text))
      return FALSE;

  return TRUE;
}

/* A form's fields decoded, one a line, or %NULL when a field would not read as one line (a
 * control character, bytes that are not UTF-8) or the body is not a well-formed form. */
static char *
decode_form (const char *data,
             gsize       size)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GUriParamsIter iter;
  char *name;
  char *value;

  g_uri_params_iter_init (&iter, data, (gssize) size, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &name, &value, &error))
    {
      g_autofree char *field = g_strconcat (name, "=", value, NULL);

      g_free (name);
      g_free (value);
      if (!is_one_line (field))
        return NULL;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, field);
    }
  if (error != NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A body as text: JSON indented, a form one field a line if @decode_forms, other text as it
 * came, and a note in place of bytes that are not text. */
static char *
format_body (GBytes                  *body,
             const char              *content_type,
             gboolean                 decode_forms,
             GrantExchangeBodyFormat *format)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  *format = GRANT_EXCHANGE_BODY_NONE;
  if (data == NULL || size == 0)
    return NULL;

  if (content_type != NULL && strstr (content_type, "json") != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, data, (gssize) size, NULL)
          && json_parser_get_root (parser) != NULL)
        {
          *format = GRANT_EXCHANGE_BODY_JSON;
          return json_to_string (json_parser_get_root (parser), TRUE);
        }
    }

  if (!g_utf8_validate (data, (gssize) size, NULL))
    {
      *format = GRANT_EXCHANGE_BODY_BINARY;
      return g_strdup_printf (ngettext ("(%llu byte that is not text)",
                                        "(%llu bytes that are not text)", size),
                              (unsigned long long) size);
    }

  if (decode_forms && is_form (content_type))
    {
      char *fields = decode_form (data, size);

      if (fields != NULL)
        {
          *format = GRANT_EXCHANGE_BODY_FORM;
          return fields;
        }
    }

  *format = GRANT_EXCHANGE_BODY_TEXT;

  return g_strndup (data, size);
}

static void
append_body (GString    *out,
             GBytes     *body,
             const char *content_type)
{
  GrantExchangeBodyFormat format;
  g_autofree char *text = format_body (body, content_type, FALSE, &format);

  if (text != NULL)
    g_string_append_printf (out, "\n%s\n", text);
}

static void
append_request_head (GString       *out,
                     GrantExchange *self,
                     const char    *content_type)
{
  const GrantHttpField *fields;
  guint n = 0;

  g_string_append_printf (out, "%s %s\n", grant_http_request_get_method (self->request),
                          grant_http_request_get_uri (self->request));
  fields = grant_http_request_get_headers (self->request, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s: %s\n", fields[i].name, fields[i].value);
  if (content_type != NULL)
    g_string_append_printf (out, "Content-Type: %s\n", content_type);
}

/* The status line and headers, or why there are none. */
static void
append_response_head (GString       *out,
                      GrantExchange *self)
{
  switch (self->state)
    {
    case GRANT_EXCHANGE_SENDING:
      g_string_append_printf (out, "%s\n", _("(waiting for the response)"));
      break;
    case GRANT_EXCHANGE_FAILED:
      /* Translators: %s is an error message */
      g_string_append_printf (out, _("No response: %s\n"),
                              self->error != NULL ? self->error->message : "");
      break;
    case GRANT_EXCHANGE_COMPLETE:
    default:
      g_string_append_printf (out, "HTTP %u %s\n", self->status,
                              self->reason_phrase != NULL ? self->reason_phrase : "");
      for (guint i = 0; i < self->response_headers->len; i++)
        {
          const GrantHttpField *field = &g_array_index (self->response_headers,
                                                        GrantHttpField, i);

          g_string_append_printf (out, "%s: %s\n", field->name, field->value);
        }
      break;
    }
}

static void
append_tls (GString       *out,
            GrantExchange *self)
{
  if (self->tls_summary != NULL)
    g_string_append_printf (out, "\nTLS: %s\n", self->tls_summary);
}

/* The request and the response, HTTP-like, with their bodies or without. */
static char *
dup_text (GrantExchange *self,
          gboolean       with_bodies)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;

  body = grant_http_request_dup_body (self->request, &content_type);
  append_request_head (out, self, content_type);
  if (with_bodies)
    append_body (out, body, content_type);
  g_string_append (out, "\n");
  append_response_head (out, self);
  if (with_bodies && self->state == GRANT_EXCHANGE_COMPLETE)
    append_body (out, self->response_body,
                 grant_exchange_get_response_header (self, "Content-Type"));
  append_tls (out, self);

  return g_string_free (out, FALSE);
}

/**
 * grant_exchange_dup_text:
 * @self: a #GrantExchange
 *
 * Returns: (transfer full): the request and its response as text, HTTP-like, with JSON
 *   bodies indented; everything shown, secrets included: this is for the user who made the
 *   request, not for export
 */
char *
grant_exchange_dup_text (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return dup_text (self, TRUE);
}

/**
 * grant_exchange_dup_headers_text:
 * @self: a #GrantExchange
 *
 * Returns: (transfer full): the request line and headers, then the status line and headers
 *   of the response (or why there is none), as grant_exchange_dup_text() shows them, without
 *   the bodies; secrets included, as there
 */
char *
grant_exchange_dup_headers_text (GrantExchange *self)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  return dup_text (self, FALSE);
}

/**
 * grant_exchange_dup_request_body_text:
 * @self: a #GrantExchange
 * @content_type: (out) (optional) (nullable) (transfer full): return location for the body's
 *   type
 * @format: (out) (optional): return location for how the text shows the body
 *
 * Returns: (transfer full) (nullable): the request body to read: JSON indented, a form's
 *   fields decoded one a line, other text as it was sent; %NULL when there is none. Secrets
 *   included, as in grant_exchange_dup_text()
 */
char *
grant_exchange_dup_request_body_text (GrantExchange            *self,
                                      char                    **content_type,
                                      GrantExchangeBodyFormat  *format)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *type = NULL;
  GrantExchangeBodyFormat shown;
  char *text;

  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  body = grant_http_request_dup_body (self->request, &type);
  text = format_body (body, type, TRUE, &shown);
  if (content_type != NULL)
    *content_type = g_steal_pointer (&type);
  if (format != NULL)
    *format = shown;

  return text;
}

/**
 * grant_exchange_dup_response_body_text:
 * @self: a #GrantExchange
 * @content_type: (out) (optional) (nullable) (transfer full): return location for the body's
 *   type
 * @format: (out) (optional): return location for how the text shows the body
 *
 * Returns: (transfer full) (nullable): the response body to read, as
 *   grant_exchange_dup_request_body_text() shows the request's; %NULL when there is none
 */
char *
grant_exchange_dup_response_body_text (GrantExchange            *self,
                                       char                    **content_type,
                                       GrantExchangeBodyFormat  *format)
{
  const char *type;
  GrantExchangeBodyFormat shown;
  char *text;

  g_return_val_if_fail (GRANT_IS_EXCHANGE (self), NULL);

  type = grant_exchange_get_response_header (self, "Content-Type");
  text = format_body (self->response_body, type, TRUE, &shown);
  if (content_type != NULL)
    *content_type = g_strdup (type);
  if (format != NULL)
    *format = shown;

  return text;
}
