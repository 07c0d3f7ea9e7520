/* bench-async.h
 * Waiting for an asynchronous call in a benchmark, as the tests do (grant-test-async).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void          bench_async_result_cb (GObject       *object,
                                     GAsyncResult  *result,
                                     gpointer       user_data);
GAsyncResult *bench_async_wait      (GAsyncResult **result);

G_END_DECLS
