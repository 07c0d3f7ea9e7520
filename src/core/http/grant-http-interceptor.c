/* grant-http-interceptor.c
 * The one point every outgoing request passes before it is sent: look, edit, or stop it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step mode and the replay editor implement it; GrantHttpClient calls it, when one is set,
 * before each request leaves, and records the request as the interceptor left it. The
 * authorization code flow also passes it the authorization response the user agent brought
 * back, so that step mode can pause at the redirect capture; an interceptor without that
 * vfunc lets the response through.
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

/**
 * grant_http_interceptor_intercept_authorization_response_async:
 * @self: a #GrantHttpInterceptor
 * @parameters: (element-type utf8 utf8): the authorization response's parameters (code,
 *   state, iss, error…), keys and values freed with g_free(); the interceptor may change them
 * @redirect_uri: (nullable): the redirect URI the response came to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the flow may go on, or must not
 * @user_data: data for @callback
 *
 * Called by the authorization code flow when the user agent has captured the redirect, before
 * the response is checked or used. An interceptor that does not implement it lets every
 * response through unchanged.
 */
void
grant_http_interceptor_intercept_authorization_response_async (GrantHttpInterceptor *self,
                                                               GHashTable           *parameters,
                                                               const char           *redirect_uri,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data)
{
  GrantHttpInterceptorInterface *iface;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GRANT_IS_HTTP_INTERCEPTOR (self));
  g_return_if_fail (parameters != NULL);

  iface = GRANT_HTTP_INTERCEPTOR_GET_IFACE (self);
  if (iface->intercept_authorization_response_async != NULL)
    {
      iface->intercept_authorization_response_async (self, parameters, redirect_uri, cancellable,
                                                     callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_http_interceptor_intercept_authorization_response_async);
  g_task_return_boolean (task, TRUE);
}

/**
 * grant_http_interceptor_intercept_authorization_response_finish:
 * @self: a #GrantHttpInterceptor
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE to go on with the response; %FALSE with @error set to stop the flow
 */
gboolean
grant_http_interceptor_intercept_authorization_response_finish (GrantHttpInterceptor  *self,
                                                                GAsyncResult          *result,
                                                                GError               **error)
{
  GrantHttpInterceptorInterface *iface;

  g_return_val_if_fail (GRANT_IS_HTTP_INTERCEPTOR (self), FALSE);

  iface = GRANT_HTTP_INTERCEPTOR_GET_IFACE (self);
  if (g_task_is_valid (result, self)
      && g_task_get_source_tag (G_TASK (result))
         == grant_http_interceptor_intercept_authorization_response_async)
    return g_task_propagate_boolean (G_TASK (result), error);

  g_return_val_if_fail (iface->intercept_authorization_response_finish != NULL, FALSE);

  return iface->intercept_authorization_response_finish (self, result, error);
}
