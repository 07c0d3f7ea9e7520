/* grant-probe-pane.h
 * The security probes of the request on the Requests page: run, judged, exported.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-flow.h"
#include "grant-probe-suite.h"

G_BEGIN_DECLS

#define GRANT_TYPE_PROBE_PANE (grant_probe_pane_get_type ())

G_DECLARE_FINAL_TYPE (GrantProbePane, grant_probe_pane, GRANT, PROBE_PANE, GtkWidget)

GtkWidget       *grant_probe_pane_new       (void);
void             grant_probe_pane_set_sent  (GrantProbePane   *self,
                                             GrantHttpClient  *http_client,
                                             GrantFlow        *flow,
                                             GrantHttpRequest *request);
void             grant_probe_pane_run       (GrantProbePane   *self,
                                             gboolean          revoke);
GrantProbeSuite *grant_probe_pane_get_suite (GrantProbePane   *self);
gboolean         grant_probe_pane_is_done   (GrantProbePane   *self);

G_END_DECLS
