/* grant-test-practice.h
 * The practice provider in tests: started on an ephemeral loopback port, and a user who goes
 * through its login and consent pages over plain HTTP.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-practice-provider.h"
#include <gio/gio.h>

G_BEGIN_DECLS

GrantPracticeProvider *grant_test_practice_start         (void);
void                   grant_test_practice_approve_async (const char            *url,
                                                          const char            *login,
                                                          gboolean               deny,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
char                  *grant_test_practice_approve_finish (GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
