/* grant-loopback-user-agent.h
 * The system browser and a loopback listener (RFC 8252 §7.3), for the command line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-user-agent.h"

G_BEGIN_DECLS

/**
 * GrantLoopbackOpenFunc:
 * @authorization_url: the URL to show the user
 * @user_data: data given with the function
 * @error: return location for a #GError
 *
 * Shows @authorization_url to the user, in a browser or however else.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
typedef gboolean (*GrantLoopbackOpenFunc) (const char  *authorization_url,
                                           gpointer     user_data,
                                           GError     **error);

#define GRANT_TYPE_LOOPBACK_USER_AGENT (grant_loopback_user_agent_get_type ())

G_DECLARE_FINAL_TYPE (GrantLoopbackUserAgent, grant_loopback_user_agent,
                      GRANT, LOOPBACK_USER_AGENT, GObject)

GrantUserAgent *grant_loopback_user_agent_new           (void);
void            grant_loopback_user_agent_set_open_func (GrantLoopbackUserAgent *self,
                                                         GrantLoopbackOpenFunc   func,
                                                         gpointer                user_data,
                                                         GDestroyNotify          destroy);

G_END_DECLS
