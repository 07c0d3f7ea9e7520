/* grant-network-settings.h
 * The back channel's network preferences (timeout, proxy, extra certificate authority),
 * applied to a window's HTTP client.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-http-client.h"

G_BEGIN_DECLS

gboolean grant_network_settings_check_proxy_url (const char       *url,
                                                 GError          **error);
gboolean grant_network_settings_apply           (GSettings        *settings,
                                                 GrantHttpClient  *client,
                                                 const char       *key,
                                                 GError          **error);

G_END_DECLS
