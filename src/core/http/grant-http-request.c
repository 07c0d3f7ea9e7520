/* grant-http-request.c
 * A back-channel request as Grant builds it: editable until it is sent, secrets marked.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Flows build a GrantHttpRequest rather than a SoupMessage so that, before it is sent, the
 * interception point (step mode, the replay editor) can show it field by field and let the
 * user edit it: drop `code_verifier` from a token request, say. A form body is kept as
 * fields and encoded only when the message is made.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "grant-http-request.h"
#include "grant-redaction.h"

struct _GrantHttpRequest
{
  GObject          parent_instance;

  char            *method;
  char            *uri;
  GArray          *headers;      /* of GrantHttpField */
  GArray          *form_fields;  /* of GrantHttpField; the body when body is NULL */
  GBytes          *body;
  char            *content_type; /* of body */
  GTlsCertificate *tls_certificate;
  gsize            max_response_size; /* 0: the client's */
};

G_DEFINE_FINAL_TYPE (GrantHttpRequest, grant_http_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_URI,
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

static GArray *
fields_new (void)
{
  GArray *fields = g_array_new (FALSE, TRUE, sizeof (GrantHttpField));

  g_array_set_clear_func (fields, field_clear);

  return fields;
}

static void
grant_http_request_finalize (GObject *object)
{
  GrantHttpRequest *self = (GrantHttpRequest *)object;

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->headers, g_array_unref);
  g_clear_pointer (&self->form_fields, g_array_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_object (&self->tls_certificate);

  G_OBJECT_CLASS (grant_http_request_parent_class)->finalize (object);
}

static void
grant_http_request_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GrantHttpRequest *self = GRANT_HTTP_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_http_request_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GrantHttpRequest *self = GRANT_HTTP_REQUEST (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      grant_http_request_set_method (self, g_value_get_string (value));
      break;
    case PROP_URI:
      grant_http_request_set_uri (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_http_request_class_init (GrantHttpRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_http_request_finalize;
  object_class->get_property = grant_http_request_get_property;
  object_class->set_property = grant_http_request_set_property;

  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, "GET",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_http_request_init (GrantHttpRequest *self)
{
  self->method = g_strdup ("GET");
  self->headers = fields_new ();
  self->form_fields = fields_new ();
}

/**
 * grant_http_request_new:
 * @method: the HTTP method
 * @uri: the absolute URI
 *
 * Returns: (transfer full): a request with no headers and no body
 */
GrantHttpRequest *
grant_http_request_new (const char *method,
                        const char *uri)
{
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  return g_object_new (GRANT_TYPE_HTTP_REQUEST, "method", method, "uri", uri, NULL);
}

static void
copy_fields (GArray *to,
             GArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      const GrantHttpField *field = &g_array_index (from, GrantHttpField, i);
      GrantHttpField copy = { g_strdup (field->name), g_strdup (field->value), field->secret };

      g_array_append_val (to, copy);
    }
}

/**
 * grant_http_request_copy:
 * @self: a #GrantHttpRequest
 *
 * Returns: (transfer full): an independent copy of @self, to edit without touching @self
 */
GrantHttpRequest *
grant_http_request_copy (GrantHttpRequest *self)
{
  GrantHttpRequest *copy;

  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);

  copy = grant_http_request_new (self->method, self->uri);
  copy_fields (copy->headers, self->headers);
  copy_fields (copy->form_fields, self->form_fields);
  copy->body = self->body != NULL ? g_bytes_ref (self->body) : NULL;
  copy->content_type = g_strdup (self->content_type);
  g_set_object (&copy->tls_certificate, self->tls_certificate);
  copy->max_response_size = self->max_response_size;

  return copy;
}

const char *
grant_http_request_get_method (GrantHttpRequest *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);

  return self->method;
}

void
grant_http_request_set_method (GrantHttpRequest *self,
                               const char       *method)
{
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (self));
  g_return_if_fail (method != NULL);

  if (g_strcmp0 (self->method, method) == 0)
    return;

  g_free (self->method);
  self->method = g_strdup (method);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
}

const char *
grant_http_request_get_uri (GrantHttpRequest *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);

  return self->uri;
}

void
grant_http_request_set_uri (GrantHttpRequest *self,
                            const char       *uri)
{
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (self));

  if (g_strcmp0 (self->uri, uri) == 0)
    return;

  g_free (self->uri);
  self->uri = g_strdup (uri);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
}

static int
find_field (GArray     *fields,
            const char *name,
            gboolean    ignore_case)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field_name = g_array_index (fields, GrantHttpField, i).name;

      if (ignore_case ? g_ascii_strcasecmp (field_name, name) == 0
                      : strcmp (field_name, name) == 0)
        return (int) i;
    }

  return -1;
}

static void
set_field (GArray     *fields,
           const char *name,
           const char *value,
           gboolean    secret,
           gboolean    ignore_case)
{
  int index = find_field (fields, name, ignore_case);

  if (index >= 0)
    {
      GrantHttpField *field = &g_array_index (fields, GrantHttpField, index);

      g_free (field->value);
      field->value = g_strdup (value);
      field->secret = secret;
    }
  else
    {
      GrantHttpField field = { g_strdup (name), g_strdup (value), secret };

      g_array_append_val (fields, field);
    }
}

static gboolean
remove_field (GArray     *fields,
              const char *name,
              gboolean    ignore_case)
{
  int index = find_field (fields, name, ignore_case);

  if (index < 0)
    return FALSE;

  g_array_remove_index (fields, index);

  return TRUE;
}

/**
 * grant_http_request_get_headers:
 * @self: a #GrantHttpRequest
 * @n_headers: (out): return location for the number of headers
 *
 * Returns: (array length=n_headers): the headers, in the order they were set
 */
const GrantHttpField *
grant_http_request_get_headers (GrantHttpRequest *self,
                                guint            *n_headers)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);
  g_return_val_if_fail (n_headers != NULL, NULL);

  *n_headers = self->headers->len;

  return (const GrantHttpField *) (gpointer) self->headers->data;
}

/**
 * grant_http_request_get_header:
 * @self: a #GrantHttpRequest
 * @name: a header name, in any case
 *
 * Returns: (nullable): the header's value
 */
const char *
grant_http_request_get_header (GrantHttpRequest *self,
                               const char       *name)
{
  int index;

  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = find_field (self->headers, name, TRUE);

  return index >= 0 ? g_array_index (self->headers, GrantHttpField, index).value : NULL;
}

/**
 * grant_http_request_set_header:
 * @self: a #GrantHttpRequest
 * @name: the header name; a header of that name in any case is replaced
 * @value: its value
 * @secret: whether the value must be redacted from exports (Authorization, DPoP…)
 */
void
grant_http_request_set_header (GrantHttpRequest *self,
                               const char       *name,
                               const char       *value,
                               gboolean          secret)
{
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  set_field (self->headers, name, value, secret, TRUE);
}

gboolean
grant_http_request_remove_header (GrantHttpRequest *self,
                                  const char       *name)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return remove_field (self->headers, name, TRUE);
}

/**
 * grant_http_request_get_form_fields:
 * @self: a #GrantHttpRequest
 * @n_fields: (out): return location for the number of fields
 *
 * Returns: (array length=n_fields): the form fields of the body, in order
 */
const GrantHttpField *
grant_http_request_get_form_fields (GrantHttpRequest *self,
                                    guint            *n_fields)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = self->form_fields->len;

  return (const GrantHttpField *) (gpointer) self->form_fields->data;
}

const char *
grant_http_request_get_form_field (GrantHttpRequest *self,
                                   const char       *name)
{
  int index;

  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = find_field (self->form_fields, name, FALSE);

  return index >= 0 ? g_array_index (self->form_fields, GrantHttpField, index).value : NULL;
}

/**
 * grant_http_request_set_form_field:
 * @self: a #GrantHttpRequest
 * @name: the field's name (case matters)
 * @value: its value
 * @secret: whether the value must be redacted from exports (code, code_verifier…)
 *
 * Sets a field of an `application/x-www-form-urlencoded` body, replacing a field of the same
 * name. A body set with grant_http_request_set_body() is dropped.
 */
void
grant_http_request_set_form_field (GrantHttpRequest *self,
                                   const char       *name,
                                   const char       *value,
                                   gboolean          secret)
{
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->content_type, g_free);
  set_field (self->form_fields, name, value, secret, FALSE);
}

gboolean
grant_http_request_remove_form_field (GrantHttpRequest *self,
                                      const char       *name)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return remove_field (self->form_fields, name, FALSE);
}

/**
 * grant_http_request_has_form:
 * @self: a #GrantHttpRequest
 *
 * Returns: whether the body is made of form fields
 */
gboolean
grant_http_request_has_form (GrantHttpRequest *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), FALSE);

  return self->body == NULL && self->form_fields->len > 0;
}

/**
 * grant_http_request_set_body:
 * @self: a #GrantHttpRequest
 * @content_type: (nullable): the body's media type
 * @body: (nullable): the body, or %NULL for none
 *
 * Sets a body other than a form (JSON for an API call, say); the form fields are dropped.
 */
void
grant_http_request_set_body (GrantHttpRequest *self,
                             const char       *content_type,
                             GBytes           *body)
{
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (self));

  g_array_set_size (self->form_fields, 0);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->content_type, g_free);
  if (body != NULL)
    {
      self->body = g_bytes_ref (body);
      self->content_type = g_strdup (content_type);
    }
}

/* RFC 6749 Appendix B: application/x-www-form-urlencoded, as HTML defines it: every byte but
 * the unreserved ones percent-encoded, a space as "+". */
static void
append_form_encoded (GString    *out,
                     const char *text)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '*')
        g_string_append_c (out, (char) *p);
      else if (*p == ' ')
        g_string_append_c (out, '+');
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
}

/**
 * grant_http_request_dup_body:
 * @self: a #GrantHttpRequest
 * @content_type: (out) (optional) (transfer full) (nullable): return location for its type
 *
 * Returns: (transfer full) (nullable): the body as it will be sent: the form fields encoded,
 *   or the body that was set; %NULL when there is none
 */
GBytes *
grant_http_request_dup_body (GrantHttpRequest  *self,
                             char             **content_type)
{
  GString *form;

  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);

  if (content_type != NULL)
    *content_type = NULL;

  if (self->body != NULL)
    {
      if (content_type != NULL)
        *content_type = g_strdup (self->content_type);
      return g_bytes_ref (self->body);
    }

  if (self->form_fields->len == 0)
    return NULL;

  form = g_string_new (NULL);
  for (guint i = 0; i < self->form_fields->len; i++)
    {
      const GrantHttpField *field = &g_array_index (self->form_fields, GrantHttpField, i);

      if (i > 0)
        g_string_append_c (form, '&');
      append_form_encoded (form, field->name);
      g_string_append_c (form, '=');
      append_form_encoded (form, field->value);
    }

  if (content_type != NULL)
    *content_type = g_strdup ("application/x-www-form-urlencoded");

  return g_string_free_to_bytes (form);
}

/**
 * grant_http_request_form_encode:
 * @text: a string
 *
 * Returns: (transfer full): @text encoded as a form value (RFC 6749 Appendix B), as
 *   client_secret_basic needs for the client ID and secret (RFC 6749 §2.3.1)
 */
char *
grant_http_request_form_encode (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_new (NULL);
  append_form_encoded (out, text);

  return g_string_free (out, FALSE);
}

/**
 * grant_http_request_is_secret:
 * @self: a #GrantHttpRequest
 * @value: a string
 *
 * Returns: whether @value is the value of a header or form field marked secret
 */
gboolean
grant_http_request_is_secret (GrantHttpRequest *self,
                              const char       *value)
{
  GArray *lists[2];

  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), FALSE);

  if (value == NULL || *value == '\0')
    return FALSE;

  lists[0] = self->headers;
  lists[1] = self->form_fields;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const GrantHttpField *field = &g_array_index (lists[l], GrantHttpField, i);

        if (field->secret && strcmp (field->value, value) == 0)
          return TRUE;
      }

  return FALSE;
}

/**
 * grant_http_request_get_tls_certificate:
 * @self: a #GrantHttpRequest
 *
 * Returns: (nullable) (transfer none): the client certificate for mutual TLS
 */
GTlsCertificate *
grant_http_request_get_tls_certificate (GrantHttpRequest *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);

  return self->tls_certificate;
}

/**
 * grant_http_request_set_tls_certificate:
 * @self: a #GrantHttpRequest
 * @certificate: (nullable): a certificate with its private key, for tls_client_auth and
 *   self_signed_tls_client_auth (RFC 8705)
 */
void
grant_http_request_set_tls_certificate (GrantHttpRequest *self,
                                        GTlsCertificate  *certificate)
{
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->tls_certificate, certificate);
}

/**
 * grant_http_request_get_max_response_size:
 * @self: a #GrantHttpRequest
 *
 * Returns: the largest response body to accept for @self, or 0 for the client's limit
 */
gsize
grant_http_request_get_max_response_size (GrantHttpRequest *self)
{
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), 0);

  return self->max_response_size;
}

/**
 * grant_http_request_set_max_response_size:
 * @self: a #GrantHttpRequest
 * @max_size: the largest response body to accept, below the client's limit; 0 for that
 *
 * Discovery documents and key sets are small: a lower limit stops a hostile server sooner.
 */
void
grant_http_request_set_max_response_size (GrantHttpRequest *self,
                                          gsize             max_size)
{
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (self));

  self->max_response_size = max_size;
}

/**
 * grant_http_request_to_message:
 * @self: a #GrantHttpRequest
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a message that sends @self, or %NULL with @error set when the
 *   URI is not an absolute http or https URI or a header is not valid
 */
SoupMessage *
grant_http_request_to_message (GrantHttpRequest  *self,
                               GError           **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;
  SoupMessageHeaders *headers;
  const char *scheme;

  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);

  uri = self->uri != NULL ? g_uri_parse (self->uri, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an http or https URL"), self->uri != NULL ? self->uri : "");
      return NULL;
    }

  for (const char *p = self->method; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p) && *p != '-' && *p != '_')
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not an HTTP method"), self->method);
        return NULL;
      }

  message = soup_message_new_from_uri (self->method, uri);
  headers = soup_message_get_request_headers (message);
  for (guint i = 0; i < self->headers->len; i++)
    {
      const GrantHttpField *field = &g_array_index (self->headers, GrantHttpField, i);

      if (*field->name == '\0' || strpbrk (field->name, " \t\r\n:") != NULL
          || strpbrk (field->value, "\r\n") != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The header “%s” is not valid: a name has no spaces or colons, and "
                       "neither name nor value may hold a line break"), field->name);
          return NULL;
        }
      soup_message_headers_replace (headers, field->name, field->value);
    }

  body = grant_http_request_dup_body (self, &content_type);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);

  if (self->tls_certificate != NULL)
    soup_message_set_tls_client_certificate (message, self->tls_certificate);

  return g_steal_pointer (&message);
}

static gboolean
is_secret_name (const char *name,
                gpointer    user_data)
{
  return grant_redaction_is_secret_name (name);
}

static void
append_curl_option (GString    *out,
                    const char *option,
                    const char *value)
{
  g_autofree char *quoted = g_shell_quote (value);

  g_string_append_printf (out, " \\\n  %s %s", option, quoted);
}

static void
append_curl_body (GString          *out,
                  GrantHttpRequest *self,
                  gboolean          include_secrets)
{
  g_autoptr(GBytes) body = grant_http_request_dup_body (self, NULL);
  g_autofree char *redacted = NULL;
  const char *data;
  gsize size;

  if (body == NULL)
    return;

  if (grant_http_request_has_form (self))
    {
      for (guint i = 0; i < self->form_fields->len; i++)
        {
          const GrantHttpField *field = &g_array_index (self->form_fields, GrantHttpField, i);
          gboolean secret = field->secret || grant_redaction_is_secret_name (field->name);
          g_autofree char *pair = g_strdup_printf ("%s=%s", field->name,
                                                   secret && !include_secrets ? GRANT_REDACTED
                                                                              : field->value);

          append_curl_option (out, "--data-urlencode", pair);
        }
      return;
    }

  data = g_bytes_get_data (body, &size);
  if (!g_utf8_validate_len (data, size, NULL) || memchr (data, '\0', size) != NULL)
    {
      g_string_append_printf (out, " \\\n  --data-binary @-  # the %" G_GSIZE_FORMAT
                              " bytes of the body are not text: give them on standard input",
                              size);
      return;
    }

  if (!include_secrets)
    redacted = grant_redaction_redact_json (data, size, is_secret_name, NULL);
  if (redacted != NULL)
    append_curl_option (out, "--data-binary", redacted);
  else
    {
      g_autofree char *text = g_strndup (data, size);

      append_curl_option (out, "--data-binary", text);
    }
}

/**
 * grant_http_request_dup_curl_command:
 * @self: a #GrantHttpRequest
 * @include_secrets: whether secret values stay in; redacted by default
 *
 * The request as a curl command line a user can paste into a POSIX shell. Unless
 * @include_secrets, the values of headers and form fields marked secret, and of query
 * parameters and JSON members OAuth uses for credentials, read REDACTED; a credential
 * header keeps its scheme ("Authorization: Bearer REDACTED"). A client certificate for
 * mutual TLS is not part of it.
 *
 * Returns: (transfer full): the command, its options one a line
 */
char *
grant_http_request_dup_curl_command (GrantHttpRequest *self,
                                     gboolean          include_secrets)
{
  g_autofree char *uri = NULL;
  g_autofree char *quoted_uri = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) body = NULL;
  GString *out;

  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (self), NULL);

  uri = include_secrets ? g_strdup (self->uri)
                        : grant_redaction_redact_uri (self->uri, is_secret_name, NULL);
  quoted_uri = g_shell_quote (uri);
  body = grant_http_request_dup_body (self, &content_type);

  out = g_string_new ("curl");
  /* curl sends GET without a body and POST with one; say any other method. */
  if (strcmp (self->method, body != NULL ? "POST" : "GET") != 0)
    {
      g_autofree char *quoted_method = g_shell_quote (self->method);
      gboolean plain = TRUE;

      for (const char *p = self->method; *p != '\0'; p++)
        plain = plain && g_ascii_isalpha (*p);
      g_string_append_printf (out, " --request %s", plain ? self->method : quoted_method);
    }
  g_string_append_printf (out, " %s", quoted_uri);

  for (guint i = 0; i < self->headers->len; i++)
    {
      const GrantHttpField *field = &g_array_index (self->headers, GrantHttpField, i);
      gboolean secret = field->secret || grant_redaction_is_secret_header (field->name);
      g_autofree char *value = secret && !include_secrets
                               ? grant_redaction_redact_header (field->value)
                               : g_strdup (field->value);
      g_autofree char *header = g_strdup_printf ("%s: %s", field->name, value);

      append_curl_option (out, "--header", header);
    }
  if (content_type != NULL && grant_http_request_get_header (self, "Content-Type") == NULL)
    {
      g_autofree char *header = g_strdup_printf ("Content-Type: %s", content_type);

      append_curl_option (out, "--header", header);
    }

  append_curl_body (out, self, include_secrets);

  return g_string_free (out, FALSE);
}
