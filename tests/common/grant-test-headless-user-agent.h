/* grant-test-headless-user-agent.h
 * A user agent for tests that needs no browser: it follows the authorization request to its
 * redirect and reads the response from where the redirect points.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-user-agent.h"

G_BEGIN_DECLS

#define GRANT_TYPE_TEST_HEADLESS_USER_AGENT (grant_test_headless_user_agent_get_type ())

G_DECLARE_FINAL_TYPE (GrantTestHeadlessUserAgent, grant_test_headless_user_agent,
                      GRANT, TEST_HEADLESS_USER_AGENT, GObject)

GrantUserAgent *grant_test_headless_user_agent_new (void);

G_END_DECLS
