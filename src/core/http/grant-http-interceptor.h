/* grant-http-interceptor.h
 * The one point every outgoing request passes before it is sent: look, edit, or stop it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-http-request.h"

G_BEGIN_DECLS

#define GRANT_TYPE_HTTP_INTERCEPTOR (grant_http_interceptor_get_type ())

G_DECLARE_INTERFACE (GrantHttpInterceptor, grant_http_interceptor, GRANT, HTTP_INTERCEPTOR, GObject)

/**
 * GrantHttpInterceptorInterface:
 * @intercept_async: shows @request (what it is for in @title) and lets it be edited in place
 * @intercept_finish: %TRUE to send the request as it now is; %FALSE with an error to send
 *   nothing (%G_IO_ERROR_CANCELLED when the user stopped it)
 * @intercept_authorization_response_async: (nullable): shows the parameters of an
 *   authorization response the user agent brought back (code, state, iss…) before the flow
 *   checks and uses them, and lets them be edited in place; %NULL lets every response through
 * @intercept_authorization_response_finish: %TRUE to go on with the parameters as they now
 *   are; %FALSE with an error to stop the flow
 */
struct _GrantHttpInterceptorInterface
{
  GTypeInterface parent_iface;

  void     (*intercept_async)  (GrantHttpInterceptor  *self,
                                GrantHttpRequest      *request,
                                const char            *title,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data);
  gboolean (*intercept_finish) (GrantHttpInterceptor  *self,
                                GAsyncResult          *result,
                                GError               **error);

  void     (*intercept_authorization_response_async)  (GrantHttpInterceptor  *self,
                                                       GHashTable            *parameters,
                                                       const char            *redirect_uri,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
  gboolean (*intercept_authorization_response_finish) (GrantHttpInterceptor  *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);
};

void     grant_http_interceptor_intercept_async  (GrantHttpInterceptor  *self,
                                                  GrantHttpRequest      *request,
                                                  const char            *title,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
gboolean grant_http_interceptor_intercept_finish (GrantHttpInterceptor  *self,
                                                  GAsyncResult          *result,
                                                  GError               **error);
void     grant_http_interceptor_intercept_authorization_response_async
                                                 (GrantHttpInterceptor  *self,
                                                  GHashTable            *parameters,
                                                  const char            *redirect_uri,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
gboolean grant_http_interceptor_intercept_authorization_response_finish
                                                 (GrantHttpInterceptor  *self,
                                                  GAsyncResult          *result,
                                                  GError               **error);

G_END_DECLS
