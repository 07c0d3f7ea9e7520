/* grant-http-client.h
 * The recording HTTP client: every back-channel request goes through it into the log.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "grant-exchange-log.h"
#include "grant-http-interceptor.h"
#include "grant-http-request.h"

G_BEGIN_DECLS

/* The defaults: a request that has not been answered whole by then fails; a response body
 * larger than this is refused. */
#define GRANT_HTTP_CLIENT_DEFAULT_TIMEOUT 30
#define GRANT_HTTP_CLIENT_DEFAULT_MAX_RESPONSE_SIZE (16 * 1024 * 1024)

#define GRANT_TYPE_HTTP_CLIENT (grant_http_client_get_type ())

G_DECLARE_FINAL_TYPE (GrantHttpClient, grant_http_client, GRANT, HTTP_CLIENT, GObject)

GrantHttpClient      *grant_http_client_new                   (GrantExchangeLog      *log);
GrantExchangeLog     *grant_http_client_get_log               (GrantHttpClient       *self);
SoupSession          *grant_http_client_get_session           (GrantHttpClient       *self);
guint                 grant_http_client_get_timeout           (GrantHttpClient       *self);
void                  grant_http_client_set_timeout           (GrantHttpClient       *self,
                                                               guint                  timeout);
gsize                 grant_http_client_get_max_response_size (GrantHttpClient       *self);
void                  grant_http_client_set_max_response_size (GrantHttpClient       *self,
                                                               gsize                  max_size);
GrantHttpInterceptor *grant_http_client_get_interceptor       (GrantHttpClient       *self);
void                  grant_http_client_set_interceptor       (GrantHttpClient       *self,
                                                               GrantHttpInterceptor  *interceptor);
void                  grant_http_client_send_async            (GrantHttpClient       *self,
                                                               GrantHttpRequest      *request,
                                                               const char            *title,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
GrantExchange        *grant_http_client_send_finish           (GrantHttpClient       *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

G_END_DECLS
