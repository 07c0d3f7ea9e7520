/* grant-text-load.h
 * Filling a text buffer with a large text without holding the main loop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grant-exchange.h"

G_BEGIN_DECLS

/* Texts up to this size are made and set at once; larger ones are made in a thread and
 * inserted in parts. */
#define GRANT_TEXT_LOAD_AT_ONCE (256 * 1024)

/**
 * GrantTextMakeFunc:
 * @data: the data given with the function
 *
 * Makes the text; it may run in a worker thread.
 *
 * Returns: (transfer full): the text, UTF-8
 */
typedef char *(*GrantTextMakeFunc) (gpointer data);

void     grant_text_load            (GtkTextBuffer     *buffer,
                                     gsize              size_hint,
                                     const char        *tag,
                                     GrantTextMakeFunc  make,
                                     gpointer           data,
                                     GDestroyNotify     destroy);
void     grant_text_load_exchange   (GtkTextBuffer     *buffer,
                                     GrantExchange     *exchange,
                                     const char        *tag);
void     grant_text_load_response_body
                                    (GtkTextBuffer     *buffer,
                                     GrantExchange     *exchange,
                                     const char        *tag);
gboolean grant_text_load_is_loading (GtkTextBuffer     *buffer);

G_END_DECLS
