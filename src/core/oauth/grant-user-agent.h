/* grant-user-agent.h
 * The front channel: whatever shows the user the authorization server and brings back its
 * answer (the embedded browser, the system browser with a loopback listener, a test).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-exchange-log.h"

G_BEGIN_DECLS

#define GRANT_TYPE_USER_AGENT (grant_user_agent_get_type ())

G_DECLARE_INTERFACE (GrantUserAgent, grant_user_agent, GRANT, USER_AGENT, GObject)

/**
 * GrantUserAgentInterface:
 * @prepare_redirect_uri: returns the redirect URI to send, given the client's registered
 *   one (a loopback user agent puts its own port in it); called before @authorize_async
 * @authorize_async: shows @authorization_url to the user and waits for the authorization
 *   server's response at @redirect_uri, recording the front-channel steps in @log
 * @authorize_finish: the response's parameters (from the query, the fragment or a
 *   form_post body), or an error (%G_IO_ERROR_CANCELLED when the user closed it)
 */
struct _GrantUserAgentInterface
{
  GTypeInterface parent_iface;

  char       * (*prepare_redirect_uri) (GrantUserAgent       *self,
                                        const char           *redirect_uri,
                                        GError              **error);
  void         (*authorize_async)      (GrantUserAgent       *self,
                                        const char           *authorization_url,
                                        const char           *redirect_uri,
                                        GrantExchangeLog     *log,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
  GHashTable * (*authorize_finish)     (GrantUserAgent       *self,
                                        GAsyncResult         *result,
                                        GError              **error);
};

char       *grant_user_agent_prepare_redirect_uri (GrantUserAgent       *self,
                                                   const char           *redirect_uri,
                                                   GError              **error);
void        grant_user_agent_authorize_async      (GrantUserAgent       *self,
                                                   const char           *authorization_url,
                                                   const char           *redirect_uri,
                                                   GrantExchangeLog     *log,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GHashTable *grant_user_agent_authorize_finish     (GrantUserAgent       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
