/* bench-async.c
 * Waiting for an asynchronous call in a benchmark, as the tests do (grant-test-async).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-async.h"

/* A GAsyncReadyCallback that keeps a reference to @result in the `GAsyncResult **`
 * @user_data, for bench_async_wait(). */
void
bench_async_result_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Iterates the default main context until *@result is set, and returns it. */
GAsyncResult *
bench_async_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}
