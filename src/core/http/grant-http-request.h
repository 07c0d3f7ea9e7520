/* grant-http-request.h
 * A back-channel request as Grant builds it: editable until it is sent, secrets marked.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * GrantHttpField:
 * @name: the header or form field's name
 * @value: its value
 * @secret: whether the value is a secret (a client secret, a token, a code, a verifier…)
 *   that exports must redact unless the user opts in
 *
 * One header or form field of a #GrantHttpRequest.
 */
typedef struct
{
  char     *name;
  char     *value;
  gboolean  secret;
} GrantHttpField;

#define GRANT_TYPE_HTTP_REQUEST (grant_http_request_get_type ())

G_DECLARE_FINAL_TYPE (GrantHttpRequest, grant_http_request, GRANT, HTTP_REQUEST, GObject)

GrantHttpRequest     *grant_http_request_new                  (const char        *method,
                                                               const char        *uri);
GrantHttpRequest     *grant_http_request_copy                 (GrantHttpRequest  *self);
const char           *grant_http_request_get_method           (GrantHttpRequest  *self);
void                  grant_http_request_set_method           (GrantHttpRequest  *self,
                                                               const char        *method);
const char           *grant_http_request_get_uri              (GrantHttpRequest  *self);
void                  grant_http_request_set_uri              (GrantHttpRequest  *self,
                                                               const char        *uri);
const GrantHttpField *grant_http_request_get_headers          (GrantHttpRequest  *self,
                                                               guint             *n_headers);
const char           *grant_http_request_get_header           (GrantHttpRequest  *self,
                                                               const char        *name);
void                  grant_http_request_set_header           (GrantHttpRequest  *self,
                                                               const char        *name,
                                                               const char        *value,
                                                               gboolean           secret);
gboolean              grant_http_request_remove_header        (GrantHttpRequest  *self,
                                                               const char        *name);
const GrantHttpField *grant_http_request_get_form_fields      (GrantHttpRequest  *self,
                                                               guint             *n_fields);
const char           *grant_http_request_get_form_field       (GrantHttpRequest  *self,
                                                               const char        *name);
void                  grant_http_request_set_form_field       (GrantHttpRequest  *self,
                                                               const char        *name,
                                                               const char        *value,
                                                               gboolean           secret);
gboolean              grant_http_request_remove_form_field    (GrantHttpRequest  *self,
                                                               const char        *name);
gboolean              grant_http_request_has_form             (GrantHttpRequest  *self);
void                  grant_http_request_set_body             (GrantHttpRequest  *self,
                                                               const char        *content_type,
                                                               GBytes            *body);
GBytes               *grant_http_request_dup_body             (GrantHttpRequest  *self,
                                                               char             **content_type);
char                 *grant_http_request_form_encode          (const char        *text);
gboolean              grant_http_request_is_secret            (GrantHttpRequest  *self,
                                                               const char        *value);
GTlsCertificate      *grant_http_request_get_tls_certificate  (GrantHttpRequest  *self);
void                  grant_http_request_set_tls_certificate  (GrantHttpRequest  *self,
                                                               GTlsCertificate   *certificate);
gsize                 grant_http_request_get_max_response_size
                                                              (GrantHttpRequest  *self);
void                  grant_http_request_set_max_response_size
                                                              (GrantHttpRequest  *self,
                                                               gsize              max_size);
char                 *grant_http_request_dup_curl_command     (GrantHttpRequest  *self,
                                                               gboolean           include_secrets);
SoupMessage          *grant_http_request_to_message           (GrantHttpRequest  *self,
                                                               GError           **error);

G_END_DECLS
