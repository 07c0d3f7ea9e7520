/* grant-jwt-bearer-flow.c
 * The JWT bearer authorization grant (RFC 7523 §2.1): a signed assertion for a token.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assertion is either given (made by another party) or made here for a subject,
 * signed by the client as its client assertions are (grant_client_make_assertion()).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-flow-private.h"
#include "grant-jwt-bearer-flow.h"

struct _GrantJwtBearerFlow
{
  GrantFlow  parent_instance;

  char      *assertion;
  char      *subject;
};

G_DEFINE_FINAL_TYPE (GrantJwtBearerFlow, grant_jwt_bearer_flow, GRANT_TYPE_FLOW)

static void
grant_jwt_bearer_flow_finalize (GObject *object)
{
  GrantJwtBearerFlow *self = (GrantJwtBearerFlow *)object;

  g_clear_pointer (&self->assertion, g_free);
  g_clear_pointer (&self->subject, g_free);

  G_OBJECT_CLASS (grant_jwt_bearer_flow_parent_class)->finalize (object);
}

static gboolean
grant_jwt_bearer_flow_prepare_token_request (GrantFlow         *flow,
                                             GrantHttpRequest  *request,
                                             GError           **error)
{
  GrantJwtBearerFlow *self = GRANT_JWT_BEARER_FLOW (flow);
  g_autofree char *made = NULL;

  if (self->assertion == NULL)
    {
      /* RFC 7523 §3: the audience is the authorization server; its token endpoint URL
       * identifies it. */
      made = grant_client_make_assertion (grant_flow_get_client (flow),
                                          grant_http_request_get_uri (request), self->subject,
                                          error);
      if (made == NULL)
        return FALSE;
      /* Translators: %s is the assertion's subject (its sub claim) */
      _grant_flow_step (flow, _("Made an assertion for the subject “%s”, signed by the client"),
                        self->subject);
    }

  grant_http_request_set_form_field (request, "assertion",
                                     made != NULL ? made : self->assertion, TRUE);

  return TRUE;
}

static void
grant_jwt_bearer_flow_class_init (GrantJwtBearerFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GrantFlowClass *flow_class = GRANT_FLOW_CLASS (klass);

  object_class->finalize = grant_jwt_bearer_flow_finalize;

  flow_class->grant_type = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  flow_class->prepare_token_request = grant_jwt_bearer_flow_prepare_token_request;
}

static void
grant_jwt_bearer_flow_init (GrantJwtBearerFlow *self)
{
}

static GrantJwtBearerFlow *
new_flow (GrantProvider   *provider,
          GrantClient     *client,
          GrantHttpClient *http_client)
{
  return g_object_new (GRANT_TYPE_JWT_BEARER_FLOW,
                       "provider", provider,
                       "client", client,
                       "http-client", http_client,
                       NULL);
}

/**
 * grant_jwt_bearer_flow_new:
 * @provider: the authorization server
 * @client: the client
 * @http_client: (nullable): the recording client to send with
 * @assertion: a JWT assertion made by another party
 *
 * Returns: (transfer full): the flow
 */
GrantFlow *
grant_jwt_bearer_flow_new (GrantProvider   *provider,
                           GrantClient     *client,
                           GrantHttpClient *http_client,
                           const char      *assertion)
{
  GrantJwtBearerFlow *self;

  g_return_val_if_fail (assertion != NULL, NULL);

  self = new_flow (provider, client, http_client);
  self->assertion = g_strdup (assertion);

  return GRANT_FLOW (self);
}

/**
 * grant_jwt_bearer_flow_new_for_subject:
 * @provider: the authorization server
 * @client: the client, which signs the assertion
 * @http_client: (nullable): the recording client to send with
 * @subject: the `sub` of the assertion: the user the token is for
 *
 * Returns: (transfer full): the flow
 */
GrantFlow *
grant_jwt_bearer_flow_new_for_subject (GrantProvider   *provider,
                                       GrantClient     *client,
                                       GrantHttpClient *http_client,
                                       const char      *subject)
{
  GrantJwtBearerFlow *self;

  g_return_val_if_fail (subject != NULL, NULL);

  self = new_flow (provider, client, http_client);
  self->subject = g_strdup (subject);

  return GRANT_FLOW (self);
}
