/* grant-oauth-request.c
 * Sending a request to an OAuth server or a protected resource: client authentication,
 * access token, DPoP proof, and the one retry a DPoP nonce calls for.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request given is a template: each attempt sends a copy with fresh credentials, since a
 * client assertion's jti and a DPoP proof's jti may each be used once. A server that wants a
 * DPoP nonce answers 400 use_dpop_nonce (authorization server) or 401 with a DPoP challenge
 * (resource server) and a DPoP-Nonce header; the request is then sent once more with it
 * (RFC 9449 §8, §9).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-auth-challenge.h"
#include "grant-oauth-error.h"
#include "grant-oauth-request.h"
#include "grant-token-response.h"

typedef struct
{
  GrantHttpClient  *http_client;
  GrantHttpRequest *request;
  GrantClient      *client;
  GrantDpopSession *dpop;
  char             *access_token;
  char             *title;
  gboolean          retried;
} Send;

static void
send_free (Send *send)
{
  g_clear_object (&send->http_client);
  g_clear_object (&send->request);
  g_clear_object (&send->client);
  g_clear_object (&send->dpop);
  g_free (send->access_token);
  g_free (send->title);
  g_free (send);
}

static gboolean
add_credentials (Send              *send,
                 GrantHttpRequest  *request,
                 GError           **error)
{
  const char *uri = grant_http_request_get_uri (request);

  if (send->client != NULL && !grant_client_authenticate (send->client, request, uri, error))
    return FALSE;

  if (send->access_token != NULL)
    {
      g_autofree char *header = g_strconcat (send->dpop != NULL ? "DPoP " : "Bearer ",
                                             send->access_token, NULL);

      grant_http_request_set_header (request, "Authorization", header, TRUE);
    }

  if (send->dpop != NULL)
    {
      const char *method = grant_http_request_get_method (request);
      g_autofree char *proof = grant_dpop_session_make_proof (send->dpop, method, uri,
                                                              send->access_token, error);

      if (proof == NULL)
        return FALSE;
      grant_http_request_set_header (request, "DPoP", proof, TRUE);
    }

  return TRUE;
}

/* Whether the server refused the request for want of a (new) nonce. */
static gboolean
asks_for_nonce (GrantExchange *exchange)
{
  guint status = grant_exchange_get_status (exchange);

  if (status == 400)
    {
      g_autoptr(JsonObject) json = NULL;
      g_autoptr(GError) error = NULL;

      json = grant_oauth_response_parse (exchange, "The server", &error);
      return g_error_matches (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_USE_DPOP_NONCE);
    }

  /* A resource server asks with a DPoP challenge whose error is use_dpop_nonce (RFC 9449 §9);
   * the same words elsewhere in the header, or a header that does not parse, are not that. */
  if (status == 401)
    {
      const char *header = grant_exchange_get_response_header (exchange, "WWW-Authenticate");
      g_autoptr(GPtrArray) challenges = NULL;
      GrantAuthChallenge *dpop;

      if (header == NULL)
        return FALSE;
      challenges = grant_auth_challenge_parse (header, -1, NULL);
      dpop = challenges != NULL ? grant_auth_challenge_find (challenges, "DPoP") : NULL;

      return dpop != NULL
             && g_strcmp0 (grant_auth_challenge_lookup (dpop, "error"), "use_dpop_nonce") == 0;
    }

  return FALSE;
}

static void send_attempt (GTask *task);

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  g_autoptr(GrantExchange) exchange = NULL;
  GError *error = NULL;
  const char *nonce;

  exchange = grant_http_client_send_finish (GRANT_HTTP_CLIENT (object), result, &error);
  if (exchange == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  nonce = grant_exchange_get_response_header (exchange, "DPoP-Nonce");
  if (nonce != NULL && send->dpop != NULL)
    {
      gboolean fresh = grant_dpop_session_update_nonce (send->dpop,
                                                        grant_http_request_get_uri (send->request),
                                                        nonce);

      if (fresh && !send->retried && asks_for_nonce (exchange))
        {
          send->retried = TRUE;
          send_attempt (g_steal_pointer (&task));
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&exchange), g_object_unref);
}

static void
send_attempt (GTask *task)
{
  Send *send = g_task_get_task_data (task);
  g_autoptr(GrantHttpRequest) request = grant_http_request_copy (send->request);
  g_autofree char *title = NULL;
  GError *error = NULL;

  if (!add_credentials (send, request, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (send->retried)
    title = g_strdup_printf ("%s (with the DPoP nonce)", send->title);

  grant_http_client_send_async (send->http_client, request,
                                title != NULL ? title : send->title,
                                g_task_get_cancellable (task), send_cb, task);
}

/**
 * grant_oauth_request_send_async:
 * @http_client: the recording client
 * @request: the request without credentials; it is not changed
 * @client: (nullable): the client to authenticate as, or %NULL for none (a resource request)
 * @dpop: (nullable): the DPoP session to prove possession with, or %NULL
 * @access_token: (nullable): an access token to send, as DPoP when @dpop is set, else Bearer
 * @title: what the request is, for the log
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the exchange
 * @user_data: data for @callback
 *
 * Sends a copy of @request with the credentials, and once more with the server's DPoP
 * nonce when it asks for one.
 */
void
grant_oauth_request_send_async (GrantHttpClient     *http_client,
                                GrantHttpRequest    *request,
                                GrantClient         *client,
                                GrantDpopSession    *dpop,
                                const char          *access_token,
                                const char          *title,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Send *send;

  g_return_if_fail (GRANT_IS_HTTP_CLIENT (http_client));
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (request));
  g_return_if_fail (client == NULL || GRANT_IS_CLIENT (client));
  g_return_if_fail (dpop == NULL || GRANT_IS_DPOP_SESSION (dpop));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_oauth_request_send_async);

  send = g_new0 (Send, 1);
  send->http_client = g_object_ref (http_client);
  send->request = g_object_ref (request);
  send->client = client != NULL ? g_object_ref (client) : NULL;
  send->dpop = dpop != NULL ? g_object_ref (dpop) : NULL;
  send->access_token = g_strdup (access_token);
  send->title = g_strdup (title != NULL ? title : NC_("exchange", "Request"));
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);

  send_attempt (task);
}

/**
 * grant_oauth_request_send_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the last exchange, whatever its status, or %NULL with @error set
 */
GrantExchange *
grant_oauth_request_send_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == grant_oauth_request_send_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
