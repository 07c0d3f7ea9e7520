/* grant-probe-suite.h
 * The security probes of one API request: built from the request and a valid token, run,
 * and exported as a table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "grant-client.h"
#include "grant-dpop-session.h"
#include "grant-http-client.h"
#include "grant-probe.h"
#include "grant-provider.h"

G_BEGIN_DECLS

#define GRANT_TYPE_PROBE_SUITE (grant_probe_suite_get_type ())

G_DECLARE_FINAL_TYPE (GrantProbeSuite, grant_probe_suite, GRANT, PROBE_SUITE, GObject)

GrantProbeSuite  *grant_probe_suite_new                      (GrantHttpClient   *http_client,
                                                              GrantHttpRequest  *request,
                                                              const char        *access_token);
GrantHttpRequest *grant_probe_suite_get_request              (GrantProbeSuite   *self);
GrantDpopSession *grant_probe_suite_get_dpop_session         (GrantProbeSuite   *self);
void              grant_probe_suite_set_dpop_session         (GrantProbeSuite   *self,
                                                              GrantDpopSession  *dpop);
void              grant_probe_suite_set_expired_token        (GrantProbeSuite   *self,
                                                              const char        *token);
void              grant_probe_suite_set_other_audience_token (GrantProbeSuite   *self,
                                                              const char        *token);
void              grant_probe_suite_set_revocation           (GrantProbeSuite   *self,
                                                              GrantProvider     *provider,
                                                              GrantClient       *client);
void              grant_probe_suite_run_async                (GrantProbeSuite   *self,
                                                              GCancellable      *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer           user_data);
gboolean          grant_probe_suite_run_finish               (GrantProbeSuite   *self,
                                                              GAsyncResult      *result,
                                                              GError           **error);
GrantProbe       *grant_probe_suite_find                     (GrantProbeSuite   *self,
                                                              GrantProbeKind     kind);
guint             grant_probe_suite_count                    (GrantProbeSuite   *self,
                                                              GrantProbeVerdict  verdict);
JsonObject       *grant_probe_suite_to_json                  (GrantProbeSuite   *self);

G_END_DECLS
