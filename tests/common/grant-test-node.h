/* grant-test-node.h
 * Runs the Node.js scripts of the test fixture (tests/fixtures/provider/).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSubprocess *grant_test_node_spawn (const char        *package,
                                    const char        *script,
                                    GSubprocessFlags   flags,
                                    GError           **error);
char        *grant_test_node_run   (const char        *package,
                                    const char        *script,
                                    const char        *input,
                                    GError           **error);

G_END_DECLS
