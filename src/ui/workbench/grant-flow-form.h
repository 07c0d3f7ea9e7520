/* grant-flow-form.h
 * The left pane: the authorization server, the client and the flow to run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-client.h"
#include "grant-http-client.h"
#include "grant-pkce.h"
#include "grant-provider.h"

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

#define GRANT_TYPE_FLOW_FORM (grant_flow_form_get_type ())

G_DECLARE_FINAL_TYPE (GrantFlowForm, grant_flow_form, GRANT, FLOW_FORM, GtkWidget)

GtkWidget     *grant_flow_form_new               (void);
void           grant_flow_form_set_http_client   (GrantFlowForm    *self,
                                                  GrantHttpClient  *http_client);
void           grant_flow_form_set_state_file    (GrantFlowForm    *self,
                                                  const char       *path);
void           grant_flow_form_discover          (GrantFlowForm    *self);
GrantProvider *grant_flow_form_dup_provider      (GrantFlowForm    *self,
                                                  GError          **error);
GrantClient   *grant_flow_form_dup_client        (GrantFlowForm    *self,
                                                  GError          **error);
GrantProviderMetadata *grant_flow_form_get_metadata (GrantFlowForm *self);
GrantFlowKind  grant_flow_form_get_flow_kind     (GrantFlowForm    *self);
void           grant_flow_form_set_flow_kind     (GrantFlowForm    *self,
                                                  GrantFlowKind     kind);
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
