/* grant-http-interceptor.c
 * The one point every outgoing request passes before it is sent: look, edit, or stop it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step mode and the replay editor implement it; GrantHttpClient calls it, when one is set,
 * before each request leaves, and records the request as the interceptor left it.
 */

#include "config.h"

#include "grant-http-interceptor.h"

G_DEFINE_INTERFACE (GrantHttpInterceptor, grant_http_interceptor, G_TYPE_OBJECT)

static void
grant_http_interceptor_default_init (GrantHttpInterceptorInterface *iface)
{
}

/**
 * grant_http_interceptor_intercept_async:
 * @self: a #GrantHttpInterceptor
 * @request: the request about to be sent; the interceptor may change it
 * @title: (nullable): what the request is for ("Token request")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request may go, or must not
 * @user_data: data for @callback
 */
void
grant_http_interceptor_intercept_async (GrantHttpInterceptor *self,
                                        GrantHttpRequest     *request,
                                        const char           *title,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_return_if_fail (GRANT_IS_HTTP_INTERCEPTOR (self));
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (request));

  GRANT_HTTP_INTERCEPTOR_GET_IFACE (self)->intercept_async (self, request, title, cancellable,
                                                            callback, user_data);
}

/**
 * grant_http_interceptor_intercept_finish:
 * @self: a #GrantHttpInterceptor
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE to send the request; %FALSE with @error set to send nothing
 */
gboolean
grant_http_interceptor_intercept_finish (GrantHttpInterceptor  *self,
                                         GAsyncResult          *result,
                                         GError               **error)
{
  g_return_val_if_fail (GRANT_IS_HTTP_INTERCEPTOR (self), FALSE);

  return GRANT_HTTP_INTERCEPTOR_GET_IFACE (self)->intercept_finish (self, result, error);
}
