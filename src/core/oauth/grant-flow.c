/* grant-flow.c
 * One run of an OAuth grant: the base every flow derives from.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A flow runs once. It owns nothing of the network: the HTTP client it is given records
 * every request in that client's log, and passes each through the client's interceptor
 * (step mode). It announces each step as it happens with the "step" signal, and ends in
 * one of three states with either a token response or an error.
 *
 * Most grants are one token request (client credentials, password, refresh, token
 * exchange, JWT bearer): those flows only add their parameters in prepare_token_request;
 * the authorization code and device flows run their own sequence and use the same token
 * request helpers for their last step.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-oauth-request.h"
#include "grant-flow-private.h"
#include "grant-oauth-error.h"

typedef struct
{
  GrantProvider      *provider;
  GrantClient        *client;
  GrantHttpClient    *http_client;
  char               *scope;
  GrantDpopSession   *dpop;
  GrantFlowState      state;
  GError             *error;
  GrantTokenResponse *token_response;
} GrantFlowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (GrantFlow, grant_flow, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GrantFlowState, grant_flow_state,
  G_DEFINE_ENUM_VALUE (GRANT_FLOW_READY, "ready"),
  G_DEFINE_ENUM_VALUE (GRANT_FLOW_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (GRANT_FLOW_SUCCEEDED, "succeeded"),
  G_DEFINE_ENUM_VALUE (GRANT_FLOW_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (GRANT_FLOW_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_CLIENT,
  PROP_HTTP_CLIENT,
  PROP_SCOPE,
  PROP_DPOP_SESSION,
  PROP_STATE,
  PROP_TOKEN_RESPONSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void grant_flow_default_run_async (GrantFlow           *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
static GrantTokenResponse *grant_flow_default_run_finish (GrantFlow     *self,
                                                          GAsyncResult  *result,
                                                          GError       **error);
static const char *grant_flow_real_get_legacy_reason (GrantFlow *self);

static void
grant_flow_finalize (GObject *object)
{
  GrantFlow *self = (GrantFlow *)object;
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_clear_object (&priv->provider);
  g_clear_object (&priv->client);
  g_clear_object (&priv->http_client);
  g_clear_pointer (&priv->scope, g_free);
  g_clear_object (&priv->dpop);
  g_clear_error (&priv->error);
  g_clear_object (&priv->token_response);

  G_OBJECT_CLASS (grant_flow_parent_class)->finalize (object);
}

static void
grant_flow_constructed (GObject *object)
{
  GrantFlow *self = (GrantFlow *)object;
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  G_OBJECT_CLASS (grant_flow_parent_class)->constructed (object);

  g_return_if_fail (priv->provider != NULL);
  g_return_if_fail (priv->client != NULL);

  if (priv->http_client == NULL)
    priv->http_client = grant_http_client_new (NULL);
  if (priv->scope == NULL)
    priv->scope = g_strdup (grant_client_get_scope (priv->client));
}

static void
grant_flow_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GrantFlow *self = GRANT_FLOW (object);
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      g_value_set_object (value, priv->provider);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, priv->client);
      break;
    case PROP_HTTP_CLIENT:
      g_value_set_object (value, priv->http_client);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, priv->scope);
      break;
    case PROP_DPOP_SESSION:
      g_value_set_object (value, priv->dpop);
      break;
    case PROP_STATE:
      g_value_set_enum (value, priv->state);
      break;
    case PROP_TOKEN_RESPONSE:
      g_value_set_object (value, priv->token_response);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_flow_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GrantFlow *self = GRANT_FLOW (object);
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      priv->provider = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      priv->client = g_value_dup_object (value);
      break;
    case PROP_HTTP_CLIENT:
      priv->http_client = g_value_dup_object (value);
      break;
    case PROP_SCOPE:
      grant_flow_set_scope (self, g_value_get_string (value));
      break;
    case PROP_DPOP_SESSION:
      grant_flow_set_dpop_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_flow_class_init (GrantFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = grant_flow_finalize;
  object_class->constructed = grant_flow_constructed;
  object_class->get_property = grant_flow_get_property;
  object_class->set_property = grant_flow_set_property;

  klass->run_async = grant_flow_default_run_async;
  klass->run_finish = grant_flow_default_run_finish;
  klass->get_legacy_reason = grant_flow_real_get_legacy_reason;

  properties[PROP_PROVIDER] =
    g_param_spec_object ("provider", NULL, NULL, GRANT_TYPE_PROVIDER, construct);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GRANT_TYPE_CLIENT, construct);
  properties[PROP_HTTP_CLIENT] =
    g_param_spec_object ("http-client", NULL, NULL, GRANT_TYPE_HTTP_CLIENT, construct);
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DPOP_SESSION] =
    g_param_spec_object ("dpop-session", NULL, NULL, GRANT_TYPE_DPOP_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GRANT_TYPE_FLOW_STATE, GRANT_FLOW_READY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN_RESPONSE] =
    g_param_spec_object ("token-response", NULL, NULL, GRANT_TYPE_TOKEN_RESPONSE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GrantFlow::step:
   * @self: the flow
   * @description: what just happened or is about to, in a sentence
   *
   * Announces each step of the flow as it happens.
   */
  signals[STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1,
                                G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
grant_flow_init (GrantFlow *self)
{
}

/**
 * grant_flow_get_provider:
 * @self: a #GrantFlow
 *
 * Returns: (transfer none): the authorization server
 */
GrantProvider *
grant_flow_get_provider (GrantFlow *self)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return priv->provider;
}

/**
 * grant_flow_get_client:
 * @self: a #GrantFlow
 *
 * Returns: (transfer none): the client
 */
GrantClient *
grant_flow_get_client (GrantFlow *self)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return priv->client;
}

/**
 * grant_flow_get_http_client:
 * @self: a #GrantFlow
 *
 * Returns: (transfer none): the recording HTTP client the flow sends with
 */
GrantHttpClient *
grant_flow_get_http_client (GrantFlow *self)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return priv->http_client;
}

/**
 * grant_flow_get_grant_type:
 * @self: a #GrantFlow
 *
 * Returns: (nullable): the grant_type of its token request
 */
const char *
grant_flow_get_grant_type (GrantFlow *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return GRANT_FLOW_GET_CLASS (self)->grant_type;
}

const char *
grant_flow_get_scope (GrantFlow *self)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return priv->scope;
}

/**
 * grant_flow_set_scope:
 * @self: a #GrantFlow
 * @scope: (nullable): the scopes to ask for, space-separated; %NULL or empty to send none
 */
void
grant_flow_set_scope (GrantFlow  *self,
                      const char *scope)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_if_fail (GRANT_IS_FLOW (self));

  if (g_strcmp0 (priv->scope, scope) == 0)
    return;

  g_free (priv->scope);
  priv->scope = g_strdup (scope);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

/**
 * grant_flow_get_dpop_session:
 * @self: a #GrantFlow
 *
 * Returns: (transfer none) (nullable): the DPoP session, when the flow asks for DPoP-bound
 *   tokens
 */
GrantDpopSession *
grant_flow_get_dpop_session (GrantFlow *self)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return priv->dpop;
}

/**
 * grant_flow_set_dpop_session:
 * @self: a #GrantFlow
 * @dpop: (nullable): the key (and nonces) to prove possession with (RFC 9449), or %NULL for
 *   Bearer tokens
 */
void
grant_flow_set_dpop_session (GrantFlow        *self,
                             GrantDpopSession *dpop)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_if_fail (GRANT_IS_FLOW (self));
  g_return_if_fail (dpop == NULL || GRANT_IS_DPOP_SESSION (dpop));

  if (g_set_object (&priv->dpop, dpop))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DPOP_SESSION]);
}

GrantFlowState
grant_flow_get_state (GrantFlow *self)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_val_if_fail (GRANT_IS_FLOW (self), GRANT_FLOW_READY);

  return priv->state;
}

/**
 * grant_flow_get_error:
 * @self: a #GrantFlow
 *
 * Returns: (nullable): why the flow failed
 */
const GError *
grant_flow_get_error (GrantFlow *self)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return priv->error;
}

/**
 * grant_flow_get_token_response:
 * @self: a #GrantFlow
 *
 * Returns: (transfer none) (nullable): the tokens, once the flow succeeded
 */
GrantTokenResponse *
grant_flow_get_token_response (GrantFlow *self)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return priv->token_response;
}

/**
 * grant_flow_get_legacy_reason:
 * @self: a #GrantFlow
 *
 * Returns: (nullable): why this flow is legacy and should not be used, or %NULL
 */
const char *
grant_flow_get_legacy_reason (GrantFlow *self)
{
  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);

  return GRANT_FLOW_GET_CLASS (self)->get_legacy_reason (self);
}

static const char *
grant_flow_real_get_legacy_reason (GrantFlow *self)
{
  return GRANT_FLOW_GET_CLASS (self)->legacy_reason;
}

void
_grant_flow_step (GrantFlow  *self,
                  const char *format,
                  ...)
{
  g_autofree char *description = NULL;
  va_list args;

  va_start (args, format);
  description = g_strdup_vprintf (format, args);
  va_end (args);

  g_signal_emit (self, signals[STEP], 0, description);
}

static void
set_state (GrantFlow      *self,
           GrantFlowState  state)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);

  if (priv->state == state)
    return;

  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantFlow *self = GRANT_FLOW (object);
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);
  g_autoptr(GrantTokenResponse) response = NULL;
  GError *error = NULL;

  response = GRANT_FLOW_GET_CLASS (self)->run_finish (self, result, &error);
  if (response == NULL)
    {
      g_assert (error != NULL);
      priv->error = g_error_copy (error);
      set_state (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? GRANT_FLOW_CANCELLED : GRANT_FLOW_FAILED);
      g_task_return_error (task, error);
      return;
    }

  priv->token_response = g_object_ref (response);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_RESPONSE]);
  set_state (self, GRANT_FLOW_SUCCEEDED);
  g_task_return_pointer (task, g_steal_pointer (&response), g_object_unref);
}

/**
 * grant_flow_run_async:
 * @self: a #GrantFlow that has not run yet
 * @cancellable: (nullable): a #GCancellable to stop it
 * @callback: called when the flow ends
 * @user_data: data for @callback
 *
 * Runs the flow. Its state is %GRANT_FLOW_RUNNING until @callback is called.
 */
void
grant_flow_run_async (GrantFlow           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GRANT_IS_FLOW (self));
  g_return_if_fail (grant_flow_get_state (self) == GRANT_FLOW_READY);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_flow_run_async);

  set_state (self, GRANT_FLOW_RUNNING);
  GRANT_FLOW_GET_CLASS (self)->run_async (self, cancellable, run_cb, task);
}

/**
 * grant_flow_run_finish:
 * @self: a #GrantFlow
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 */
GrantTokenResponse *
grant_flow_run_finish (GrantFlow     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (GRANT_IS_FLOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == grant_flow_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * _grant_flow_new_endpoint_request:
 * @self: a #GrantFlow
 * @endpoint: a metadata member naming an endpoint ("token_endpoint")
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a POST to the endpoint (its mTLS alias when the client
 *   authenticates with a certificate), or %NULL with @error set when the provider has none
 */
GrantHttpRequest *
_grant_flow_new_endpoint_request (GrantFlow   *self,
                                  const char  *endpoint,
                                  GError     **error)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);
  gboolean mtls = grant_client_auth_method_uses_tls (
    grant_client_get_token_endpoint_auth_method (priv->client));
  const char *url = grant_provider_get_endpoint (priv->provider, endpoint, mtls);
  GrantHttpRequest *request;

  if (url == NULL)
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                   _("The provider %s has no %s: enter it by hand, or discover the provider "
                     "again"), grant_provider_get_issuer (priv->provider), endpoint);
      return NULL;
    }

  request = grant_http_request_new ("POST", url);
  grant_http_request_set_header (request, "Accept", "application/json", FALSE);

  return request;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantExchange *exchange;
  GError *error = NULL;

  exchange = grant_oauth_request_send_finish (result, &error);
  if (exchange == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, exchange, g_object_unref);
}

/**
 * _grant_flow_send_async:
 * @self: a #GrantFlow
 * @request: a request to one of the provider's endpoints, without client authentication
 * @title: what it is, for the log
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the exchange
 * @user_data: data for @callback
 *
 * Sends @request as grant_oauth_request_send_async() does, authenticated as the flow's
 * client, with a DPoP proof when the flow has a DPoP session.
 */
void
_grant_flow_send_async (GrantFlow           *self,
                        GrantHttpRequest    *request,
                        const char          *title,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _grant_flow_send_async);
  grant_oauth_request_send_async (priv->http_client, request, priv->client, priv->dpop, NULL,
                                  title, cancellable, send_cb, task);
}

/**
 * _grant_flow_send_finish:
 * @self: a #GrantFlow
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the exchange, whatever its status, or %NULL with @error set
 */
GrantExchange *
_grant_flow_send_finish (GrantFlow     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * _grant_flow_new_token_request:
 * @self: a #GrantFlow
 * @grant_type: the grant_type
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a token request with @grant_type, and the flow's scope when it
 *   has one, or %NULL with @error set when the provider has no token endpoint
 */
GrantHttpRequest *
_grant_flow_new_token_request (GrantFlow   *self,
                               const char  *grant_type,
                               GError     **error)
{
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);
  GrantHttpRequest *request = _grant_flow_new_endpoint_request (self, "token_endpoint", error);

  if (request == NULL)
    return NULL;

  grant_http_request_set_form_field (request, "grant_type", grant_type, FALSE);
  if (priv->scope != NULL && *priv->scope != '\0')
    grant_http_request_set_form_field (request, "scope", priv->scope, FALSE);

  return request;
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantFlow *self = GRANT_FLOW (object);
  GrantFlowPrivate *priv = grant_flow_get_instance_private (self);
  g_autoptr(GrantExchange) exchange = NULL;
  GrantTokenResponse *response;
  GError *error = NULL;

  exchange = _grant_flow_send_finish (self, result, &error);
  if (exchange == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  response = grant_token_response_new_from_exchange (exchange, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (priv->dpop != NULL
      && g_ascii_strcasecmp (grant_token_response_get_token_type (response), "DPoP") != 0)
    _grant_flow_step (self, _("Grant asked for a DPoP-bound token but got token_type “%s”: "
                              "this server does not bind tokens to the key (RFC 9449 §5)"),
                      grant_token_response_get_token_type (response));

  /* Translators: the first %s is the token_type, the others are ", a refresh token" and
   * " and an ID token" or nothing. */
  _grant_flow_step (self, _("The token endpoint issued a %s access token%s%s"),
                    grant_token_response_get_token_type (response),
                    grant_token_response_get_refresh_token (response) != NULL
                    ? _(", a refresh token") : "",
                    grant_token_response_get_id_token (response) != NULL
                    ? _(" and an ID token") : "");
  g_task_return_pointer (task, response, g_object_unref);
}

/**
 * _grant_flow_request_token_async:
 * @self: a #GrantFlow
 * @request: a token request from _grant_flow_new_token_request()
 * @title: (nullable): what it is, for the log; "Token request" by default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the token response
 * @user_data: data for @callback
 *
 * Sends @request as _grant_flow_send_async() does and reads the token response.
 */
void
_grant_flow_request_token_async (GrantFlow           *self,
                                 GrantHttpRequest    *request,
                                 const char          *title,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _grant_flow_request_token_async);
  _grant_flow_step (self, _("Sending the token request (grant_type %s)"),

                    grant_http_request_get_form_field (request, "grant_type"));
  _grant_flow_send_async (self, request, title != NULL ? title : NC_("exchange", "Token request"),
                          cancellable, token_cb, task);
}

/**
 * _grant_flow_request_token_finish:
 * @self: a #GrantFlow
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 */
GrantTokenResponse *
_grant_flow_request_token_finish (GrantFlow     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
default_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GrantTokenResponse *response;

  response = _grant_flow_request_token_finish (GRANT_FLOW (object), result, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, g_object_unref);
}

static void
grant_flow_default_run_async (GrantFlow           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GrantFlowClass *klass = GRANT_FLOW_GET_CLASS (self);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GrantHttpRequest) request = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, grant_flow_default_run_async);
  g_return_if_fail (klass->grant_type != NULL);

  request = _grant_flow_new_token_request (self, klass->grant_type, &error);
  if (request == NULL
      || (klass->prepare_token_request != NULL
          && !klass->prepare_token_request (self, request, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  _grant_flow_request_token_async (self, request, NULL, cancellable, default_token_cb,
                                   g_steal_pointer (&task));
}

static GrantTokenResponse *
grant_flow_default_run_finish (GrantFlow     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
