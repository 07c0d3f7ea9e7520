/* grant-http-body.h
 * Sending a request and reading its response body within a size limit and a deadline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void    grant_http_send_and_read_async  (SoupSession          *session,
                                         SoupMessage          *message,
                                         gsize                 max_size,
                                         guint                 timeout_seconds,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GBytes *grant_http_send_and_read_finish (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
