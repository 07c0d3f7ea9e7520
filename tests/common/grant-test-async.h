/* grant-test-async.h
 * Waiting for an asynchronous call in a test, the way GLib's own tests do.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void          grant_test_async_result_cb (GObject       *object,
                                          GAsyncResult  *result,
                                          gpointer       user_data);
GAsyncResult *grant_test_async_wait      (GAsyncResult **result);

G_END_DECLS
