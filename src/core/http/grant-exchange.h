/* grant-exchange.h
 * One request and its response, front or back channel, as Grant recorded them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "grant-http-request.h"

G_BEGIN_DECLS

/**
 * GrantExchangeChannel:
 * @GRANT_EXCHANGE_BACK_CHANNEL: Grant talked to a server directly
 * @GRANT_EXCHANGE_FRONT_CHANNEL: the user agent (browser) went there: a navigation, a
 *   redirect hop
 */
typedef enum
{
  GRANT_EXCHANGE_BACK_CHANNEL,
  GRANT_EXCHANGE_FRONT_CHANNEL,
} GrantExchangeChannel;

/**
 * GrantExchangeState:
 * @GRANT_EXCHANGE_SENDING: the request is on its way, or its response is being read
 * @GRANT_EXCHANGE_COMPLETE: a response came back, whatever its status
 * @GRANT_EXCHANGE_FAILED: no response: a network or TLS error, a timeout, a cancellation
 */
typedef enum
{
  GRANT_EXCHANGE_SENDING,
  GRANT_EXCHANGE_COMPLETE,
  GRANT_EXCHANGE_FAILED,
} GrantExchangeState;

/**
 * GrantExchangeBodyFormat:
 * @GRANT_EXCHANGE_BODY_NONE: there is no body
 * @GRANT_EXCHANGE_BODY_TEXT: text, as it came
 * @GRANT_EXCHANGE_BODY_JSON: JSON, indented
 * @GRANT_EXCHANGE_BODY_FORM: an `application/x-www-form-urlencoded` form, one decoded field a
 *   line
 * @GRANT_EXCHANGE_BODY_BINARY: bytes that are not text: the text says how many
 *
 * How the text of a body shows it.
 */
typedef enum
{
  GRANT_EXCHANGE_BODY_NONE,
  GRANT_EXCHANGE_BODY_TEXT,
  GRANT_EXCHANGE_BODY_JSON,
  GRANT_EXCHANGE_BODY_FORM,
  GRANT_EXCHANGE_BODY_BINARY,
} GrantExchangeBodyFormat;

/**
 * GrantExchangeTimings:
 * @started_at: wall-clock time the request started, µs since the epoch
 * @blocked: µs waiting for a connection, or -1
 * @dns: µs resolving the host name, or -1 when no lookup was made
 * @connect: µs setting up the connection (TLS included), or -1 when one was reused
 * @tls: µs of the TLS handshake, or -1
 * @send: µs sending the request
 * @wait: µs from the end of the request to the first byte of the response
 * @receive: µs reading the response
 * @total: µs from start to the last byte or the failure
 *
 * Where the time went, in the phases HAR 1.2 names. Parts that do not apply are -1.
 */
typedef struct
{
  gint64 started_at;
  gint64 blocked;
  gint64 dns;
  gint64 connect;
  gint64 tls;
  gint64 send;
  gint64 wait;
  gint64 receive;
  gint64 total;
} GrantExchangeTimings;

#define GRANT_TYPE_EXCHANGE_CHANNEL (grant_exchange_channel_get_type ())
GType grant_exchange_channel_get_type (void);
#define GRANT_TYPE_EXCHANGE_STATE (grant_exchange_state_get_type ())
GType grant_exchange_state_get_type (void);

#define GRANT_TYPE_EXCHANGE (grant_exchange_get_type ())

G_DECLARE_FINAL_TYPE (GrantExchange, grant_exchange, GRANT, EXCHANGE, GObject)

GrantExchange *grant_exchange_new (GrantExchangeChannel  channel,
                                   GrantHttpRequest     *request,
                                   const char           *title);
GrantExchangeChannel grant_exchange_get_channel (GrantExchange *self);
GrantHttpRequest *grant_exchange_get_request (GrantExchange *self);
const char *grant_exchange_get_title (GrantExchange *self);
char       *grant_exchange_dup_display_title (GrantExchange *self);
GrantExchangeState grant_exchange_get_state (GrantExchange *self);
guint grant_exchange_get_status (GrantExchange *self);
const char *grant_exchange_get_reason_phrase (GrantExchange *self);
const GrantHttpField *grant_exchange_get_response_headers (GrantExchange *self,
                                                           guint         *n_headers);
const char *grant_exchange_get_response_header (GrantExchange *self,
                                                const char    *name);
GBytes *grant_exchange_get_response_body (GrantExchange *self);
const GError *grant_exchange_get_error (GrantExchange *self);
const GrantExchangeTimings *grant_exchange_get_timings (GrantExchange *self);
GTlsCertificate *grant_exchange_get_tls_certificate (GrantExchange *self);
GTlsCertificateFlags grant_exchange_get_tls_errors (GrantExchange *self);
const char *grant_exchange_get_tls_summary (GrantExchange *self);
gboolean grant_exchange_is_secret_member (GrantExchange *self,
                                          const char    *member);
void grant_exchange_add_secret_member (GrantExchange *self,
                                       const char    *member);
void grant_exchange_set_response (GrantExchange      *self,
                                  guint               status,
                                  const char         *reason_phrase,
                                  SoupMessageHeaders *headers,
                                  GBytes             *body);
void grant_exchange_set_tls (GrantExchange        *self,
                             GTlsCertificate      *certificate,
                             GTlsCertificateFlags  errors,
                             GTlsProtocolVersion   protocol,
                             const char           *ciphersuite);
const char *grant_exchange_get_http_version (GrantExchange *self);
void grant_exchange_set_http_version (GrantExchange *self,
                                      const char    *http_version);
void grant_exchange_set_timings (GrantExchange              *self,
                                 const GrantExchangeTimings *timings);
char *grant_exchange_dup_text (GrantExchange *self);
char *grant_exchange_dup_headers_text (GrantExchange *self);
char *grant_exchange_dup_request_body_text (GrantExchange            *self,
                                            char                    **content_type,
                                            GrantExchangeBodyFormat  *format);
char *grant_exchange_dup_response_body_text (GrantExchange            *self,
                                             char                    **content_type,
                                             GrantExchangeBodyFormat  *format);
void grant_exchange_fail (GrantExchange *self,
                          const GError  *error);

G_END_DECLS
