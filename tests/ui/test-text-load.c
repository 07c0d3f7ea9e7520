/* test-text-load.c
 * Large texts go into a text buffer whole, in parts, without the caller waiting: small ones
 * at once; a new load replaces one still coming; a buffer that goes away mid-load is let go.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-text-load.h"

static char *
make_copy (gpointer data)
{
  return g_strdup (data);
}

/* Lines of varied length, with multi-byte characters, so that parts end inside them. */
static char *
big_text (const char *tag,
          gsize       size)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; text->len < size; i++)
    {
      g_string_append_printf (text, "%s %u “quoted” é", tag, i);
      for (guint j = 0; j < i % 97; j++)
        g_string_append_c (text, 'x');
      g_string_append (text, i % 5 == 0 ? "€\n" : "\n");
    }

  return g_string_free (text, FALSE);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
wait_loaded (GtkTextBuffer *buffer)
{
  while (grant_text_load_is_loading (buffer))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_small_at_once (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *text = NULL;

  grant_text_load (buffer, 5, NULL, make_copy, g_strdup ("small"), g_free);
  g_assert_false (grant_text_load_is_loading (buffer));
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, "small");
}

static void
test_large_whole (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *expected = big_text ("line", 3 * 1024 * 1024);
  g_autofree char *text = NULL;
  guint parts = 0;

  gtk_text_buffer_set_text (buffer, "old", -1);
  grant_text_load (buffer, strlen (expected), NULL, make_copy, g_strdup (expected), g_free);
  /* The caller does not wait: the buffer is emptied, the text comes later, in parts */
  g_assert_true (grant_text_load_is_loading (buffer));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  while (grant_text_load_is_loading (buffer))
    {
      gint before = gtk_text_buffer_get_char_count (buffer);

      g_main_context_iteration (NULL, TRUE);
      if (gtk_text_buffer_get_char_count (buffer) != before)
        parts++;
    }
  g_assert_cmpuint (parts, >, 10);
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_replaced (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *first = big_text ("first", 2 * 1024 * 1024);
  g_autofree char *second = big_text ("second", 1024 * 1024);
  g_autofree char *text = NULL;

  grant_text_load (buffer, strlen (first), NULL, make_copy, g_strdup (first), g_free);
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  grant_text_load (buffer, strlen (second), NULL, make_copy, g_strdup (second), g_free);
  wait_loaded (buffer);
  /* Let a first text made late come back: it must not land */
  for (guint i = 0; i < 200 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (G_USEC_PER_SEC / 10);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  text = buffer_text (buffer);
  g_assert_cmpstr (text, ==, second);
}

static void
test_buffer_gone (void)
{
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
  g_autofree char *text = big_text ("gone", 2 * 1024 * 1024);

  grant_text_load (buffer, strlen (text), NULL, make_copy, g_strdup (text), g_free);
  for (guint i = 0; i < 3; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (buffer);
  g_usleep (G_USEC_PER_SEC / 5);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/text-load/small-at-once", test_small_at_once);
  g_test_add_func ("/grant/text-load/large-whole", test_large_whole);
  g_test_add_func ("/grant/text-load/replaced", test_replaced);
  g_test_add_func ("/grant/text-load/buffer-gone", test_buffer_gone);

  return g_test_run ();
}
