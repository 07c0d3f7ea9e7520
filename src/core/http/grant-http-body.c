/* grant-http-body.c
 * Sending a request and reading its response body within a size limit and a deadline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * soup_session_send_and_read_async() reads whatever the server sends, for as long as it keeps
 * sending. A hostile or broken server can then exhaust memory with a huge body, or hold a
 * request open forever by trickling a byte at a time within the session's idle timeout. Here
 * a body over the limit fails as soon as it is known to be (from Content-Length, or while
 * reading), and the whole exchange has a deadline.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <gio/gio.h>

#include "grant-http-body.h"

#define READ_CHUNK_SIZE (64 * 1024)

typedef struct
{
  SoupMessage  *message;
  GCancellable *cancellable;      /* cancelled by the caller's cancellable or the deadline */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  GSource      *deadline;
  gboolean      deadline_passed;
  guint         timeout_seconds;
  gsize         max_size;
  GInputStream *stream;
  GByteArray   *body;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  if (exchange->cancelled_id != 0)
    g_cancellable_disconnect (exchange->caller_cancellable, exchange->cancelled_id);
  g_clear_object (&exchange->caller_cancellable);
  if (exchange->deadline != NULL)
    {
      g_source_destroy (exchange->deadline);
      g_source_unref (exchange->deadline);
    }
  g_clear_object (&exchange->stream);
  g_clear_object (&exchange->cancellable);
  g_clear_object (&exchange->message);
  g_clear_pointer (&exchange->body, g_byte_array_unref);
  g_free (exchange);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Exchange *exchange = user_data;

  exchange->deadline_passed = TRUE;
  g_cancellable_cancel (exchange->cancellable);

  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void
return_error (GTask  *task,
              GError *error)
{
  Exchange *exchange = g_task_get_task_data (task);

  if (exchange->deadline_passed)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               _("the server did not answer within %u s"),
                               exchange->timeout_seconds);
    }
  else
    {
      g_task_return_error (task, error);
    }
}

static void
return_too_large (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           _("the response is larger than %llu bytes, the most Grant reads "
                             "for it"), (unsigned long long) exchange->max_size);

}

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  Exchange *exchange = g_task_get_task_data (task);

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&exchange->body)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (exchange->body->len + g_bytes_get_size (chunk) > exchange->max_size)
    {
      return_too_large (task);
      return;
    }

  g_byte_array_append (exchange->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (exchange->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   exchange->cancellable, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  Exchange *exchange = g_task_get_task_data (task);
  goffset content_length;

  exchange->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (exchange->stream == NULL)
    {
      return_error (task, error);
      return;
    }

  content_length = soup_message_headers_get_content_length (
    soup_message_get_response_headers (exchange->message));
  if (content_length > 0 && (guint64) content_length > exchange->max_size)
    {
      return_too_large (task);
      return;
    }

  exchange->body = g_byte_array_sized_new (content_length > 0 ? content_length : READ_CHUNK_SIZE);
  read_next (g_steal_pointer (&task));
}

/**
 * grant_http_send_and_read_async:
 * @session: the session
 * @message: the request; after completion it holds the status and the response headers
 * @max_size: the largest body to accept, in bytes
 * @timeout_seconds: the deadline for the whole exchange, from sending to the last byte
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the body, or an error
 * @user_data: data for @callback
 *
 * Sends @message and reads its response body, whatever the status. A body larger than
 * @max_size fails with %G_IO_ERROR_MESSAGE_TOO_LARGE without being read to its end; an
 * exchange that takes longer than @timeout_seconds fails with %G_IO_ERROR_TIMED_OUT.
 */
void
grant_http_send_and_read_async (SoupSession         *session,
                                SoupMessage         *message,
                                gsize                max_size,
                                guint                timeout_seconds,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Exchange *exchange;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (timeout_seconds > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_http_send_and_read_async);

  exchange = g_new0 (Exchange, 1);
  exchange->message = g_object_ref (message);
  exchange->max_size = max_size;
  exchange->timeout_seconds = timeout_seconds;
  exchange->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);

  if (cancellable != NULL)
    {
      exchange->caller_cancellable = g_object_ref (cancellable);
      exchange->cancelled_id = g_cancellable_connect (cancellable,
                                                      G_CALLBACK (caller_cancelled_cb),
                                                      g_object_ref (exchange->cancellable),
                                                      g_object_unref);
    }

  exchange->deadline = g_timeout_source_new_seconds (timeout_seconds);
  g_source_set_callback (exchange->deadline, deadline_cb, exchange, NULL);
  g_source_set_static_name (exchange->deadline, "[grant] HTTP deadline");
  g_source_attach (exchange->deadline, g_main_context_get_thread_default ());

  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, exchange->cancellable,
                           send_cb, g_steal_pointer (&task));
}

/**
 * grant_http_send_and_read_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the response body, or %NULL with @error set
 */
GBytes *
grant_http_send_and_read_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == grant_http_send_and_read_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
