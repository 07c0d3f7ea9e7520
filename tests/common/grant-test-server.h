/* grant-test-server.h
 * A SoupServer on an ephemeral loopback port for tests that need a misbehaving server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

SoupServer   *grant_test_server_new     (void);
SoupServer   *grant_test_server_new_tls (const char *certificate_name);
SoupServer   *grant_test_server_new_tls_client_auth
                                        (const char *certificate_name);
GTlsDatabase *grant_test_tls_database   (void);
char         *grant_test_server_get_url (SoupServer *server,
                                         const char *path);
void          grant_test_server_stop    (SoupServer *server);

G_END_DECLS
