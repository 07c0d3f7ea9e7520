/* grant-test-user.h
 * A user for interactive flows in tests: the loopback user agent, with approve.mjs at the
 * fixture's login and consent pages instead of a person at a browser.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"
#include "grant-user-agent.h"

G_BEGIN_DECLS

typedef struct _GrantTestUser GrantTestUser;

GrantTestUser      *grant_test_user_new            (const char     *login,
                                                    gboolean        deny);
GrantTestUser      *grant_test_user_new_for_practice (const char   *login,
                                                      gboolean      deny);
GrantUserAgent     *grant_test_user_get_user_agent (GrantTestUser  *self);
GrantTokenResponse *grant_test_user_run_flow       (GrantTestUser  *self,
                                                    GrantFlow      *flow,
                                                    GError        **error);
void                grant_test_user_free           (GrantTestUser  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantTestUser, grant_test_user_free)

G_END_DECLS
