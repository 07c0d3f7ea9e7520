/* grant-device-flow.h
 * The device authorization grant (RFC 8628): a user code shown here, entered elsewhere.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_DEVICE_FLOW_GRANT_TYPE "urn:ietf:params:oauth:grant-type:device_code"

#define GRANT_TYPE_DEVICE_FLOW (grant_device_flow_get_type ())

G_DECLARE_FINAL_TYPE (GrantDeviceFlow, grant_device_flow, GRANT, DEVICE_FLOW, GrantFlow)

GrantFlow  *grant_device_flow_new                           (GrantProvider   *provider,
                                                             GrantClient     *client,
                                                             GrantHttpClient *http_client);
const char *grant_device_flow_get_user_code                 (GrantDeviceFlow *self);
const char *grant_device_flow_get_verification_uri          (GrantDeviceFlow *self);
const char *grant_device_flow_get_verification_uri_complete (GrantDeviceFlow *self);
gint64      grant_device_flow_get_expires_at                (GrantDeviceFlow *self);
guint       grant_device_flow_get_interval                  (GrantDeviceFlow *self);
guint       grant_device_flow_get_polls                     (GrantDeviceFlow *self);

G_END_DECLS
