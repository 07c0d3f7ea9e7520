/* grant-flow-form.h
 * The left pane: the authorization server, the client and the flow to run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-client.h"
#include "grant-flow-advice.h"
#include "grant-http-client.h"
#include "grant-pkce.h"
#include "grant-provider.h"
#include "grant-secret-store.h"
#include "grant-workspace.h"

G_BEGIN_DECLS

/**
 * GrantFlowKind:
 * @GRANT_FLOW_KIND_AUTHORIZATION_CODE: authorization code, with PKCE
 * @GRANT_FLOW_KIND_CLIENT_CREDENTIALS: client credentials
 * @GRANT_FLOW_KIND_DEVICE: device authorization
 * @GRANT_FLOW_KIND_IMPLICIT: implicit, legacy
 * @GRANT_FLOW_KIND_PASSWORD: resource owner password, legacy
 *
 * The flows the form offers, in its order.
 */
typedef enum
{
  GRANT_FLOW_KIND_AUTHORIZATION_CODE,
  GRANT_FLOW_KIND_CLIENT_CREDENTIALS,
  GRANT_FLOW_KIND_DEVICE,
  GRANT_FLOW_KIND_IMPLICIT,
  GRANT_FLOW_KIND_PASSWORD,
} GrantFlowKind;

/**
 * GrantClientType:
 * @GRANT_CLIENT_TYPE_WEB_SERVER: a server-side web app, which keeps a secret
 * @GRANT_CLIENT_TYPE_SINGLE_PAGE: a single-page app in a browser, a public client
 * @GRANT_CLIENT_TYPE_NATIVE: a native app, a public client
 * @GRANT_CLIENT_TYPE_MACHINE: a service acting on its own behalf
 * @GRANT_CLIENT_TYPE_DEVICE: an input-constrained device
 *
 * The kinds of application the form's advisor knows, in its order.
 */
typedef enum
{
  GRANT_CLIENT_TYPE_WEB_SERVER,
  GRANT_CLIENT_TYPE_SINGLE_PAGE,
  GRANT_CLIENT_TYPE_NATIVE,
  GRANT_CLIENT_TYPE_MACHINE,
  GRANT_CLIENT_TYPE_DEVICE,
} GrantClientType;

/**
 * GrantFlowFormClient:
 * @client_id: the client_id
 * @client_type: the kind of application
 * @token_endpoint_auth_method: how the client authenticates at the token endpoint
 * @client_secret: (nullable): its secret, for the methods that use one
 * @flow: the flow to run
 * @redirect_uri: (nullable): the redirect URI, for the flows through a browser
 * @scope: the scopes to ask for, separated by spaces
 *
 * A registered client, as grant_flow_form_use_client() fills it in.
 */
typedef struct
{
  const char            *client_id;
  GrantClientType        client_type;
  GrantClientAuthMethod  token_endpoint_auth_method;
  const char            *client_secret;
  GrantFlowKind          flow;
  const char            *redirect_uri;
  const char            *scope;
} GrantFlowFormClient;

#define GRANT_TYPE_FLOW_FORM (grant_flow_form_get_type ())

G_DECLARE_FINAL_TYPE (GrantFlowForm, grant_flow_form, GRANT, FLOW_FORM, GtkWidget)

GtkWidget     *grant_flow_form_new               (void);
void           grant_flow_form_set_http_client   (GrantFlowForm    *self,
                                                  GrantHttpClient  *http_client);
void           grant_flow_form_set_workspace     (GrantFlowForm    *self,
                                                  GrantWorkspace   *workspace,
                                                  GrantSecretStore *secrets);
void           grant_flow_form_flush             (GrantFlowForm    *self);
const char    *grant_flow_form_get_workspace_client (GrantFlowForm *self);
void           grant_flow_form_set_legacy_state_file (GrantFlowForm *self,
                                                      const char    *path);
void           grant_flow_form_set_state_file    (GrantFlowForm    *self,
                                                  const char       *path);
gboolean       grant_flow_form_get_restored      (GrantFlowForm    *self);
void           grant_flow_form_select_client     (GrantFlowForm    *self,
                                                  const char       *client);
void           grant_flow_form_discover          (GrantFlowForm    *self);
void           grant_flow_form_hold_discovery    (GrantFlowForm    *self);
void           grant_flow_form_release_discovery (GrantFlowForm    *self);
const char    *grant_flow_form_get_issuer        (GrantFlowForm    *self);
void           grant_flow_form_set_issuer        (GrantFlowForm    *self,
                                                  const char       *issuer);
const char    *grant_flow_form_get_client_id     (GrantFlowForm    *self);
void           grant_flow_form_set_client_secret (GrantFlowForm    *self,
                                                  const char       *client_secret);
void           grant_flow_form_use_client        (GrantFlowForm    *self,
                                                  const char       *issuer,
                                                  const GrantFlowFormClient *client);
gboolean       grant_flow_form_use_preset        (GrantFlowForm    *self,
                                                  const char       *id,
                                                  const char       *value,
                                                  GError          **error);
void           grant_flow_form_set_practice_issuer (GrantFlowForm  *self,
                                                    const char     *issuer);
GrantProvider *grant_flow_form_dup_provider      (GrantFlowForm    *self,
                                                  GError          **error);
GrantClient   *grant_flow_form_dup_client        (GrantFlowForm    *self,
                                                  GError          **error);
GrantProviderMetadata *grant_flow_form_get_metadata (GrantFlowForm *self);
GrantFlowKind  grant_flow_form_get_flow_kind     (GrantFlowForm    *self);
void           grant_flow_form_set_flow_kind     (GrantFlowForm    *self,
                                                  GrantFlowKind     kind);
GrantClientType grant_flow_form_get_client_type  (GrantFlowForm    *self);
void           grant_flow_form_use_advice        (GrantFlowForm    *self,
                                                  GrantFlowAdvice   advice);
const char    *grant_flow_form_get_scope         (GrantFlowForm    *self);
gboolean       grant_flow_form_get_pkce          (GrantFlowForm    *self,
                                                  GrantPkceMethod  *method);
GStrv          grant_flow_form_dup_parameters    (GrantFlowForm    *self);
const char    *grant_flow_form_get_persona       (GrantFlowForm    *self);
gboolean       grant_flow_form_get_system_browser (GrantFlowForm   *self);
const char    *grant_flow_form_get_username      (GrantFlowForm    *self);
const char    *grant_flow_form_get_password      (GrantFlowForm    *self);
gboolean       grant_flow_form_set_private_key_data  (GrantFlowForm  *self,
                                                      const char     *data,
                                                      GError        **error);
gboolean       grant_flow_form_set_certificate_files (GrantFlowForm  *self,
                                                      GListModel     *files,
                                                      GError        **error);
const char    *grant_flow_kind_get_advice        (GrantFlowKind    kind);

G_END_DECLS
