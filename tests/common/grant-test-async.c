/* grant-test-async.c
 * Waiting for an asynchronous call in a test, the way GLib's own tests do.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-test-async.h"

/**
 * grant_test_async_result_cb:
 * @object: the source object
 * @result: the result
 * @user_data: a `GAsyncResult **` that receives a reference to @result
 *
 * A #GAsyncReadyCallback that keeps the result for grant_test_async_wait().
 */
void
grant_test_async_result_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/**
 * grant_test_async_wait:
 * @result: where grant_test_async_result_cb() puts the result
 *
 * Iterates the thread-default main context until the call completes. The test's own
 * timeout (meson's) bounds the wait.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
grant_test_async_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}
