/* grant-token-exchange-flow.c
 * OAuth 2.0 Token Exchange (RFC 8693): a token for another token.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-flow-private.h"
#include "grant-oauth-error.h"
#include "grant-token-exchange-flow.h"

struct _GrantTokenExchangeFlow
{
  GrantFlow  parent_instance;

  char      *subject_token;
  char      *subject_token_type;
  char      *actor_token;
  char      *actor_token_type;
  char      *audience;
  char      *resource;
  char      *requested_token_type;
};

G_DEFINE_FINAL_TYPE (GrantTokenExchangeFlow, grant_token_exchange_flow, GRANT_TYPE_FLOW)

static void
grant_token_exchange_flow_finalize (GObject *object)
{
  GrantTokenExchangeFlow *self = (GrantTokenExchangeFlow *)object;

  g_clear_pointer (&self->subject_token, g_free);
  g_clear_pointer (&self->subject_token_type, g_free);
  g_clear_pointer (&self->actor_token, g_free);
  g_clear_pointer (&self->actor_token_type, g_free);
  g_clear_pointer (&self->audience, g_free);
  g_clear_pointer (&self->resource, g_free);
  g_clear_pointer (&self->requested_token_type, g_free);

  G_OBJECT_CLASS (grant_token_exchange_flow_parent_class)->finalize (object);
}

static void
set_optional (GrantHttpRequest *request,
              const char       *name,
              const char       *value,
              gboolean          secret)
{
  if (value != NULL && *value != '\0')
    grant_http_request_set_form_field (request, name, value, secret);
}

static gboolean
grant_token_exchange_flow_prepare_token_request (GrantFlow         *flow,
                                                 GrantHttpRequest  *request,
                                                 GError           **error)
{
  GrantTokenExchangeFlow *self = GRANT_TOKEN_EXCHANGE_FLOW (flow);

  grant_http_request_set_form_field (request, "subject_token", self->subject_token, TRUE);
  grant_http_request_set_form_field (request, "subject_token_type", self->subject_token_type,
                                     FALSE);
  set_optional (request, "actor_token", self->actor_token, TRUE);
  set_optional (request, "actor_token_type", self->actor_token_type, FALSE);
  set_optional (request, "audience", self->audience, FALSE);
  set_optional (request, "resource", self->resource, FALSE);
  set_optional (request, "requested_token_type", self->requested_token_type, FALSE);

  return TRUE;
}

static void
exchange_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantFlow *flow = GRANT_FLOW (object);
  g_autoptr(GrantTokenResponse) response = NULL;
  GError *error = NULL;

  response = GRANT_FLOW_CLASS (grant_token_exchange_flow_parent_class)->run_finish (flow, result,
                                                                                   &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* RFC 8693 §2.2.1: issued_token_type is REQUIRED in the response. */
  if (grant_token_response_get_issued_token_type (response) == NULL)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The token exchange response has no issued_token_type, which "
                               "RFC 8693 §2.2.1 requires"));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&response), g_object_unref);
}

static void
grant_token_exchange_flow_run_async (GrantFlow           *flow,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task = g_task_new (flow, cancellable, callback, user_data);

  GRANT_FLOW_CLASS (grant_token_exchange_flow_parent_class)->run_async (flow, cancellable,
                                                                        exchange_cb, task);
}

static GrantTokenResponse *
grant_token_exchange_flow_run_finish (GrantFlow     *flow,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
grant_token_exchange_flow_class_init (GrantTokenExchangeFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GrantFlowClass *flow_class = GRANT_FLOW_CLASS (klass);

  object_class->finalize = grant_token_exchange_flow_finalize;

  flow_class->grant_type = "urn:ietf:params:oauth:grant-type:token-exchange";
  flow_class->prepare_token_request = grant_token_exchange_flow_prepare_token_request;
  flow_class->run_async = grant_token_exchange_flow_run_async;
  flow_class->run_finish = grant_token_exchange_flow_run_finish;
}

static void
grant_token_exchange_flow_init (GrantTokenExchangeFlow *self)
{
}

/**
 * grant_token_exchange_flow_new:
 * @provider: the authorization server
 * @client: the client
 * @http_client: (nullable): the recording client to send with
 * @subject_token: the token to exchange
 * @subject_token_type: (nullable): its type; %GRANT_TOKEN_TYPE_ACCESS_TOKEN when %NULL
 *
 * Returns: (transfer full): the flow
 */
GrantFlow *
grant_token_exchange_flow_new (GrantProvider   *provider,
                               GrantClient     *client,
                               GrantHttpClient *http_client,
                               const char      *subject_token,
                               const char      *subject_token_type)
{
  GrantTokenExchangeFlow *self;

  g_return_val_if_fail (subject_token != NULL, NULL);

  self = g_object_new (GRANT_TYPE_TOKEN_EXCHANGE_FLOW,
                       "provider", provider,
                       "client", client,
                       "http-client", http_client,
                       "scope", NULL,
                       NULL);
  self->subject_token = g_strdup (subject_token);
  self->subject_token_type = g_strdup (subject_token_type != NULL ? subject_token_type
                                                                  : GRANT_TOKEN_TYPE_ACCESS_TOKEN);

  return GRANT_FLOW (self);
}

/**
 * grant_token_exchange_flow_set_actor_token:
 * @self: a #GrantTokenExchangeFlow
 * @actor_token: (nullable): the token of the party acting for the subject (delegation)
 * @actor_token_type: (nullable): its type
 */
void
grant_token_exchange_flow_set_actor_token (GrantTokenExchangeFlow *self,
                                           const char             *actor_token,
                                           const char             *actor_token_type)
{
  g_return_if_fail (GRANT_IS_TOKEN_EXCHANGE_FLOW (self));

  g_free (self->actor_token);
  self->actor_token = g_strdup (actor_token);
  g_free (self->actor_token_type);
  self->actor_token_type = g_strdup (actor_token_type);
}

void
grant_token_exchange_flow_set_audience (GrantTokenExchangeFlow *self,
                                        const char             *audience)
{
  g_return_if_fail (GRANT_IS_TOKEN_EXCHANGE_FLOW (self));

  g_free (self->audience);
  self->audience = g_strdup (audience);
}

void
grant_token_exchange_flow_set_resource (GrantTokenExchangeFlow *self,
                                        const char             *resource)
{
  g_return_if_fail (GRANT_IS_TOKEN_EXCHANGE_FLOW (self));

  g_free (self->resource);
  self->resource = g_strdup (resource);
}

void
grant_token_exchange_flow_set_requested_token_type (GrantTokenExchangeFlow *self,
                                                    const char             *requested_token_type)
{
  g_return_if_fail (GRANT_IS_TOKEN_EXCHANGE_FLOW (self));

  g_free (self->requested_token_type);
  self->requested_token_type = g_strdup (requested_token_type);
}
