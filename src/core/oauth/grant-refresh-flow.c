/* grant-refresh-flow.c
 * Refreshing an access token (RFC 6749 §6), with rotation reported and reuse detected.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server that rotates refresh tokens (RFC 9700 §4.14.2) answers with a new one, and the
 * old one is then spent. Whoever holds the tokens (the token list) knows which are spent
 * and says so with grant_refresh_flow_set_spent(); the flow then reports how the server
 * treated the reuse: refused (as it should) or accepted (a finding for QA).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-flow-private.h"
#include "grant-oauth-error.h"
#include "grant-refresh-flow.h"

struct _GrantRefreshFlow
{
  GrantFlow  parent_instance;

  char      *refresh_token;
  gboolean   spent;
  gboolean   rotated;
  gboolean   reuse_accepted;
};

G_DEFINE_FINAL_TYPE (GrantRefreshFlow, grant_refresh_flow, GRANT_TYPE_FLOW)

static void
grant_refresh_flow_finalize (GObject *object)
{
  GrantRefreshFlow *self = (GrantRefreshFlow *)object;

  g_clear_pointer (&self->refresh_token, g_free);

  G_OBJECT_CLASS (grant_refresh_flow_parent_class)->finalize (object);
}

static gboolean
grant_refresh_flow_prepare_token_request (GrantFlow         *flow,
                                          GrantHttpRequest  *request,
                                          GError           **error)
{
  GrantRefreshFlow *self = GRANT_REFRESH_FLOW (flow);

  if (self->spent)
    _grant_flow_step (flow, _("Sending a refresh token that was already used once: a server "
                      "that rotates refresh tokens must refuse it (RFC 9700 §4.14.2)"));
  grant_http_request_set_form_field (request, "refresh_token", self->refresh_token, TRUE);

  return TRUE;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantRefreshFlow *self = GRANT_REFRESH_FLOW (object);
  g_autoptr(GrantTokenResponse) response = NULL;
  GError *error = NULL;
  const char *new_token;

  response = GRANT_FLOW_CLASS (grant_refresh_flow_parent_class)->run_finish (GRANT_FLOW (self),
                                                                            result, &error);
  if (response == NULL)
    {
      if (self->spent
          && g_error_matches (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT))
        {
          _grant_flow_step (GRANT_FLOW (self), _("The server refused the reused refresh token, "
                            "as it should"));
          g_prefix_error (&error, _("The refresh token had already been used, and the server "
                          "refused it again, as it should: "));
        }
      g_task_return_error (task, error);
      return;
    }

  new_token = grant_token_response_get_refresh_token (response);
  self->rotated = new_token != NULL && g_strcmp0 (new_token, self->refresh_token) != 0;
  if (self->rotated)
    _grant_flow_step (GRANT_FLOW (self), _("The server rotated the refresh token: the old one "
                      "is now spent"));
  else
    _grant_flow_step (GRANT_FLOW (self), _("The server did not rotate the refresh token"));

  if (self->spent)
    {
      self->reuse_accepted = TRUE;
      _grant_flow_step (GRANT_FLOW (self), _("The server accepted a refresh token that was "
                        "already used: it does not detect reuse, so a stolen refresh token "
                        "stays usable (RFC 9700 §4.14.2)"));
    }

  g_task_return_pointer (task, g_steal_pointer (&response), g_object_unref);
}

static void
grant_refresh_flow_run_async (GrantFlow           *flow,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (flow, cancellable, callback, user_data);

  GRANT_FLOW_CLASS (grant_refresh_flow_parent_class)->run_async (flow, cancellable, refresh_cb,
                                                                 task);
}

static GrantTokenResponse *
grant_refresh_flow_run_finish (GrantFlow     *flow,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
grant_refresh_flow_class_init (GrantRefreshFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GrantFlowClass *flow_class = GRANT_FLOW_CLASS (klass);

  object_class->finalize = grant_refresh_flow_finalize;

  flow_class->grant_type = "refresh_token";
  flow_class->prepare_token_request = grant_refresh_flow_prepare_token_request;
  flow_class->run_async = grant_refresh_flow_run_async;
  flow_class->run_finish = grant_refresh_flow_run_finish;
}

static void
grant_refresh_flow_init (GrantRefreshFlow *self)
{
}

/**
 * grant_refresh_flow_new:
 * @provider: the authorization server
 * @client: the client the refresh token was issued to
 * @http_client: (nullable): the recording client to send with
 * @refresh_token: the refresh token
 *
 * Returns: (transfer full): the flow; its scope is the client's, and an empty scope asks
 *   for the scope originally granted (RFC 6749 §6)
 */
GrantFlow *
grant_refresh_flow_new (GrantProvider   *provider,
                        GrantClient     *client,
                        GrantHttpClient *http_client,
                        const char      *refresh_token)
{
  GrantRefreshFlow *self;

  g_return_val_if_fail (refresh_token != NULL, NULL);

  self = g_object_new (GRANT_TYPE_REFRESH_FLOW,
                       "provider", provider,
                       "client", client,
                       "http-client", http_client,
                       "scope", NULL,
                       NULL);
  self->refresh_token = g_strdup (refresh_token);

  return GRANT_FLOW (self);
}

/**
 * grant_refresh_flow_set_spent:
 * @self: a #GrantRefreshFlow
 * @spent: whether the refresh token was already used once, and replaced by the server
 */
void
grant_refresh_flow_set_spent (GrantRefreshFlow *self,
                              gboolean          spent)
{
  g_return_if_fail (GRANT_IS_REFRESH_FLOW (self));

  self->spent = !!spent;
}

/**
 * grant_refresh_flow_get_rotated:
 * @self: a #GrantRefreshFlow
 *
 * Returns: whether the server answered with a new refresh token
 */
gboolean
grant_refresh_flow_get_rotated (GrantRefreshFlow *self)
{
  g_return_val_if_fail (GRANT_IS_REFRESH_FLOW (self), FALSE);

  return self->rotated;
}

/**
 * grant_refresh_flow_get_reuse_accepted:
 * @self: a #GrantRefreshFlow
 *
 * Returns: whether the server accepted a refresh token that was already spent
 */
gboolean
grant_refresh_flow_get_reuse_accepted (GrantRefreshFlow *self)
{
  g_return_val_if_fail (GRANT_IS_REFRESH_FLOW (self), FALSE);

  return self->reuse_accepted;
}
