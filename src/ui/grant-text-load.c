/* grant-text-load.c
 * Filling a text buffer with a large text without holding the main loop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 20 MB JSON response, indented, is some 30 MB of text: making it (parsing and indenting
 * the JSON) takes a second, and a GtkTextBuffer takes a large insertion in one go. So a text
 * larger than GRANT_TEXT_LOAD_AT_ONCE is made in a worker thread and then inserted in parts
 * of CHUNK bytes, each from its own idle callback, below GTK's redraw and the text view's
 * own layout work: the window keeps drawing and answering between parts, and the whole
 * text is there at the end, never truncated. A new load into the same buffer cancels the one
 * before. Small texts are set at once, so that what shows a small exchange stays simple.
 */

#include "config.h"

#include <string.h>

#include "grant-text-load.h"

#define CHUNK (32 * 1024)

/* Below GTK's redraw (GDK_PRIORITY_REDRAW, 120), so that the window draws between parts;
 * above the text view's line validation (GTK_TEXT_VIEW_PRIORITY_VALIDATE, 125), which would
 * otherwise lay out every line inserted before the next part may come, and catches up once
 * the text is all there. */
#define INSERT_PRIORITY (G_PRIORITY_HIGH_IDLE + 22)
#define LOAD_KEY "grant-text-load"

typedef struct
{
  GWeakRef      buffer;
  GCancellable *cancellable;
  char         *tag;
  char         *text;
  gsize         length;
  gsize         offset;
  guint         idle;
} Load;

/* A load is shared by the buffer (until it is done or replaced) and the thread's task. */
static void
load_clear (gpointer data)
{
  Load *load = data;

  g_weak_ref_clear (&load->buffer);
  g_object_unref (load->cancellable);
  g_free (load->tag);
  g_free (load->text);
}

static void
load_release (Load *load)
{
  g_rc_box_release_full (load, load_clear);
}

/* The buffer lets go of its load: done, replaced by another, or the buffer is gone. */
static void
load_detach (gpointer data)
{
  Load *load = data;

  g_cancellable_cancel (load->cancellable);
  g_clear_handle_id (&load->idle, g_source_remove);
  load_release (load);
}

typedef struct
{
  GrantTextMakeFunc make;
  gpointer          data;
  GDestroyNotify    destroy;
} Make;

static void
make_free (gpointer data)
{
  Make *make = data;

  if (make->destroy != NULL)
    make->destroy (make->data);
  g_free (make);
}

static void
make_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Make *make = task_data;

  g_task_return_pointer (task, make->make (make->data), g_free);
}

/* Inserts the next part, ending it on a line break when there is one near, else on a
 * character boundary. */
static gboolean
insert_part_cb (gpointer user_data)
{
  Load *load = user_data;
  g_autoptr(GtkTextBuffer) buffer = g_weak_ref_get (&load->buffer);
  const char *start = load->text + load->offset;
  const char *end;
  GtkTextIter iter;

  if (buffer == NULL)
    {
      load->idle = 0;
      return G_SOURCE_REMOVE;
    }

  if (load->length - load->offset <= CHUNK)
    end = load->text + load->length;
  else
    {
      const char *line = g_strrstr_len (start, CHUNK, "\n");

      end = line != NULL ? line + 1 : g_utf8_find_prev_char (start, start + CHUNK);
      if (end == NULL || end <= start)
        end = g_utf8_find_next_char (start + CHUNK - 1, NULL);
    }

  gtk_text_buffer_get_end_iter (buffer, &iter);
  if (load->tag != NULL)
    gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, start, end - start, load->tag, NULL);
  else
    gtk_text_buffer_insert (buffer, &iter, start, end - start);
  load->offset = end - load->text;

  if (load->offset < load->length)
    return G_SOURCE_CONTINUE;

  load->idle = 0;
  /* Done: forget the load (this frees it) */
  g_object_set_data (G_OBJECT (buffer), LOAD_KEY, NULL);

  return G_SOURCE_REMOVE;
}

static void
made_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GtkTextBuffer) buffer = NULL;
  char *text = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (load->cancellable)
      || (buffer = g_weak_ref_get (&load->buffer)) == NULL)
    {
      g_free (text);
      load_release (load);
      return;
    }

  load->text = text != NULL ? text : g_strdup ("");
  load->length = strlen (load->text);
  load->idle = g_idle_add_full (INSERT_PRIORITY, insert_part_cb, load, NULL);
  load_release (load);
}

/**
 * grant_text_load:
 * @buffer: the buffer to fill; what it held is replaced
 * @size_hint: about how large the text will be, in bytes
 * @tag: (nullable): the name of a tag of @buffer's to apply to the whole text
 * @make: (scope notified): makes the text, in a worker thread when it is large
 * @data: data for @make
 * @destroy: (nullable): frees @data
 *
 * Sets @buffer's text to what @make makes, whole. A text larger than
 * %GRANT_TEXT_LOAD_AT_ONCE is made in a thread and inserted in parts, each from an idle
 * callback; grant_text_load_is_loading() says when it is still coming.
 */
void
grant_text_load (GtkTextBuffer     *buffer,
                 gsize              size_hint,
                 const char        *tag,
                 GrantTextMakeFunc  make,
                 gpointer           data,
                 GDestroyNotify     destroy)
{
  g_autoptr(GTask) task = NULL;
  Make *maker;
  Load *load;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (make != NULL);

  /* Cancels and frees a load still going */
  g_object_set_data (G_OBJECT (buffer), LOAD_KEY, NULL);

  if (size_hint <= GRANT_TEXT_LOAD_AT_ONCE)
    {
      g_autofree char *text = make (data);
      GtkTextIter start;

      gtk_text_buffer_set_text (buffer, "", -1);
      gtk_text_buffer_get_start_iter (buffer, &start);
      if (tag != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &start, text != NULL ? text : "", -1,
                                                  tag, NULL);
      else
        gtk_text_buffer_insert (buffer, &start, text != NULL ? text : "", -1);
      if (destroy != NULL)
        destroy (data);
      return;
    }

  gtk_text_buffer_set_text (buffer, "", -1);
  load = g_rc_box_new0 (Load);
  g_weak_ref_init (&load->buffer, buffer);
  load->cancellable = g_cancellable_new ();
  load->tag = g_strdup (tag);
  g_object_set_data_full (G_OBJECT (buffer), LOAD_KEY, load, load_detach);

  maker = g_new0 (Make, 1);
  maker->make = make;
  maker->data = data;
  maker->destroy = destroy;
  task = g_task_new (NULL, load->cancellable, made_cb, g_rc_box_acquire (load));
  g_task_set_task_data (task, maker, make_free);
  g_task_run_in_thread (task, make_thread);
}

/**
 * grant_text_load_is_loading:
 * @buffer: a buffer
 *
 * Returns: whether a text is still being made or inserted into @buffer
 */
gboolean
grant_text_load_is_loading (GtkTextBuffer *buffer)
{
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  return g_object_get_data (G_OBJECT (buffer), LOAD_KEY) != NULL;
}

static char *
make_exchange_text (gpointer data)
{
  return grant_exchange_dup_text (data);
}

static char *
make_response_body_text (gpointer data)
{
  g_autofree char *content_type = NULL;
  GrantExchangeBodyFormat format;

  return grant_exchange_dup_response_body_text (data, &content_type, &format);
}

/**
 * grant_text_load_response_body:
 * @buffer: the buffer to fill
 * @exchange: a finished exchange
 * @tag: (nullable): the name of a tag of @buffer's to apply to the whole text
 *
 * Sets @buffer's text to @exchange's response body as Grant shows it
 * (grant_exchange_dup_response_body_text()), made in a thread and inserted in parts when it
 * is large.
 */
void
grant_text_load_response_body (GtkTextBuffer *buffer,
                               GrantExchange *exchange,
                               const char    *tag)
{
  GBytes *body;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (GRANT_IS_EXCHANGE (exchange));

  body = grant_exchange_get_response_body (exchange);
  grant_text_load (buffer, body != NULL ? g_bytes_get_size (body) : 0, tag,
                   make_response_body_text, g_object_ref (exchange), g_object_unref);
}

/**
 * grant_text_load_exchange:
 * @buffer: the buffer to fill
 * @exchange: a finished exchange
 * @tag: (nullable): the name of a tag of @buffer's to apply to the whole text
 *
 * Sets @buffer's text to @exchange's whole text (grant_exchange_dup_text()), made in a thread
 * and inserted in parts when its bodies are large.
 */
void
grant_text_load_exchange (GtkTextBuffer *buffer,
                          GrantExchange *exchange,
                          const char    *tag)
{
  g_autoptr(GBytes) request_body = NULL;
  GBytes *response_body;
  gsize size;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (GRANT_IS_EXCHANGE (exchange));

  request_body = grant_http_request_dup_body (grant_exchange_get_request (exchange), NULL);
  response_body = grant_exchange_get_response_body (exchange);
  size = (request_body != NULL ? g_bytes_get_size (request_body) : 0)
         + (response_body != NULL ? g_bytes_get_size (response_body) : 0);

  grant_text_load (buffer, size, tag, make_exchange_text, g_object_ref (exchange),
                   g_object_unref);
}
