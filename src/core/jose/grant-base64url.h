/* grant-base64url.h
 * Strict, unpadded base64url (RFC 4648 §5) as JOSE uses it (RFC 7515 §2).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *grant_base64url_encode       (const guint8  *data,
                                      gsize          length);
char   *grant_base64url_encode_bytes (GBytes        *bytes);
GBytes *grant_base64url_decode       (const char    *text,
                                      gssize         length,
                                      GError       **error);

G_END_DECLS
