/* grant-tls-database.h
 * The back channel's trust anchors: the system's, and a certificate authority of the user's.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char         *grant_tls_database_dup_system_anchors  (void);
GTlsDatabase *grant_tls_database_new_with_extra_anchors (const char  *ca_file,
                                                        GError     **error);

G_END_DECLS
