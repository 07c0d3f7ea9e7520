/* grant-client-credentials-flow.c
 * The client credentials grant (RFC 6749 §4.4): a client acting on its own behalf.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One token request with grant_type client_credentials and the scope; the client must
 * authenticate, so a public client is refused before anything is sent.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-client-credentials-flow.h"
#include "grant-oauth-error.h"

struct _GrantClientCredentialsFlow
{
  GrantFlow parent_instance;
};

G_DEFINE_FINAL_TYPE (GrantClientCredentialsFlow, grant_client_credentials_flow, GRANT_TYPE_FLOW)

static gboolean
grant_client_credentials_flow_prepare_token_request (GrantFlow         *flow,
                                                     GrantHttpRequest  *request,
                                                     GError           **error)
{
  GrantClient *client = grant_flow_get_client (flow);

  if (grant_client_get_token_endpoint_auth_method (client) == GRANT_CLIENT_AUTH_NONE)
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                   _("The client credentials grant is for confidential clients only (RFC 6749 "
                   "§4.4), and “%s” is public (token_endpoint_auth_method none)"),
                   grant_client_get_client_id (client));
      return FALSE;
    }

  return TRUE;
}

static void
grant_client_credentials_flow_class_init (GrantClientCredentialsFlowClass *klass)
{
  GrantFlowClass *flow_class = GRANT_FLOW_CLASS (klass);

  flow_class->grant_type = "client_credentials";
  flow_class->prepare_token_request = grant_client_credentials_flow_prepare_token_request;
}

static void
grant_client_credentials_flow_init (GrantClientCredentialsFlow *self)
{
}

/**
 * grant_client_credentials_flow_new:
 * @provider: the authorization server
 * @client: a confidential client
 * @http_client: (nullable): the recording client to send with; a new one when %NULL
 *
 * Returns: (transfer full): the flow, asking for the client's scope
 */
GrantFlow *
grant_client_credentials_flow_new (GrantProvider   *provider,
                                   GrantClient     *client,
                                   GrantHttpClient *http_client)
{
  return g_object_new (GRANT_TYPE_CLIENT_CREDENTIALS_FLOW,
                       "provider", provider,
                       "client", client,
                       "http-client", http_client,
                       NULL);
}
