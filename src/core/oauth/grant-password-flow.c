/* grant-password-flow.c
 * The resource owner password credentials grant (RFC 6749 §4.3), legacy.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grant runs it because QA engineers meet it in old systems, and says each time why it
 * should not be used.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-flow-private.h"
#include "grant-password-flow.h"

struct _GrantPasswordFlow
{
  GrantFlow  parent_instance;

  char      *username;
  char      *password;
};

G_DEFINE_FINAL_TYPE (GrantPasswordFlow, grant_password_flow, GRANT_TYPE_FLOW)

static void
grant_password_flow_finalize (GObject *object)
{
  GrantPasswordFlow *self = (GrantPasswordFlow *)object;

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->password, g_free);

  G_OBJECT_CLASS (grant_password_flow_parent_class)->finalize (object);
}

static gboolean
grant_password_flow_prepare_token_request (GrantFlow         *flow,
                                           GrantHttpRequest  *request,
                                           GError           **error)
{
  GrantPasswordFlow *self = GRANT_PASSWORD_FLOW (flow);

  _grant_flow_step (flow, _("The password grant is legacy: %s"),
                    grant_flow_get_legacy_reason (flow));
  grant_http_request_set_form_field (request, "username", self->username, FALSE);
  grant_http_request_set_form_field (request, "password", self->password, TRUE);

  return TRUE;
}

static void
grant_password_flow_class_init (GrantPasswordFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GrantFlowClass *flow_class = GRANT_FLOW_CLASS (klass);

  object_class->finalize = grant_password_flow_finalize;

  flow_class->grant_type = "password";
  flow_class->legacy_reason =
    "the client sees the user's password, and the user cannot be asked for a second factor "
    "or consent; RFC 9700 §2.4 says it MUST NOT be used";
  flow_class->prepare_token_request = grant_password_flow_prepare_token_request;
}

static void
grant_password_flow_init (GrantPasswordFlow *self)
{
}

/**
 * grant_password_flow_new:
 * @provider: the authorization server
 * @client: the client
 * @http_client: (nullable): the recording client to send with
 * @username: the resource owner's username
 * @password: their password; it is marked secret in the log
 *
 * Returns: (transfer full): the flow
 */
GrantFlow *
grant_password_flow_new (GrantProvider   *provider,
                         GrantClient     *client,
                         GrantHttpClient *http_client,
                         const char      *username,
                         const char      *password)
{
  GrantPasswordFlow *self;

  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = g_object_new (GRANT_TYPE_PASSWORD_FLOW,
                       "provider", provider,
                       "client", client,
                       "http-client", http_client,
                       NULL);
  self->username = g_strdup (username);
  self->password = g_strdup (password);

  return GRANT_FLOW (self);
}
