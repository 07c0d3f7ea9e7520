/* grant-user-agent.c
 * The front channel: whatever shows the user the authorization server and brings back its
 * answer (the embedded browser, the system browser with a loopback listener, a test).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core never sees a browser. A flow asks its user agent for the redirect URI to use,
 * then to authorize; the user agent records what it can see of the front channel in the
 * exchange log and hands back the response's parameters.
 */

#include "config.h"

#include "grant-user-agent.h"

G_DEFINE_INTERFACE (GrantUserAgent, grant_user_agent, G_TYPE_OBJECT)

static char *
grant_user_agent_default_prepare_redirect_uri (GrantUserAgent  *self,
                                               const char      *redirect_uri,
                                               GError         **error)
{
  return g_strdup (redirect_uri);
}

static void
grant_user_agent_default_init (GrantUserAgentInterface *iface)
{
  iface->prepare_redirect_uri = grant_user_agent_default_prepare_redirect_uri;
}

/**
 * grant_user_agent_prepare_redirect_uri:
 * @self: a #GrantUserAgent
 * @redirect_uri: the client's registered redirect URI
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the redirect URI to send in the authorization request, or
 *   %NULL with @error set when this user agent cannot receive a response there
 */
char *
grant_user_agent_prepare_redirect_uri (GrantUserAgent  *self,
                                       const char      *redirect_uri,
                                       GError         **error)
{
  g_return_val_if_fail (GRANT_IS_USER_AGENT (self), NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);

  return GRANT_USER_AGENT_GET_IFACE (self)->prepare_redirect_uri (self, redirect_uri, error);
}

/**
 * grant_user_agent_authorize_async:
 * @self: a #GrantUserAgent
 * @authorization_url: the authorization request, as a URL
 * @redirect_uri: where the response comes back, from grant_user_agent_prepare_redirect_uri()
 * @log: the log to record the front channel in
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the authorization response
 * @user_data: data for @callback
 */
void
grant_user_agent_authorize_async (GrantUserAgent      *self,
                                  const char          *authorization_url,
                                  const char          *redirect_uri,
                                  GrantExchangeLog    *log,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GRANT_IS_USER_AGENT (self));
  g_return_if_fail (authorization_url != NULL);
  g_return_if_fail (redirect_uri != NULL);
  g_return_if_fail (GRANT_IS_EXCHANGE_LOG (log));

  GRANT_USER_AGENT_GET_IFACE (self)->authorize_async (self, authorization_url, redirect_uri,
                                                      log, cancellable, callback, user_data);
}

/**
 * grant_user_agent_authorize_finish:
 * @self: a #GrantUserAgent
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8 utf8): the parameters of the authorization
 *   response, or %NULL with @error set
 */
GHashTable *
grant_user_agent_authorize_finish (GrantUserAgent  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (GRANT_IS_USER_AGENT (self), NULL);

  return GRANT_USER_AGENT_GET_IFACE (self)->authorize_finish (self, result, error);
}
