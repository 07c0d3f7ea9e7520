/* grant-practice-server.h
 * What the practice provider's endpoints share on the server thread: the SoupServer, the issuer,
 * the signing keys and the store.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "grant-jwk.h"
#include "grant-practice-fault.h"
#include "grant-practice-provider.h"
#include "grant-practice-store.h"

G_BEGIN_DECLS

typedef struct _GrantPracticeServer GrantPracticeServer;

GrantPracticeServer *grant_practice_server_new          (GrantPracticeProvider *provider,
                                                         GError               **error);
void                 grant_practice_server_free         (GrantPracticeServer   *self);
gboolean             grant_practice_server_ensure_keys  (GrantPracticeServer   *self,
                                                         GError               **error);
void                 grant_practice_server_prepare_keys (GrantPracticeServer   *self);
gboolean             grant_practice_server_listen       (GrantPracticeServer   *self,
                                                         const char            *address,
                                                         guint                  port,
                                                         const char            *public_issuer,
                                                         guint                 *bound_port,
                                                         GError               **error);
SoupServer          *grant_practice_server_get_soup_server (GrantPracticeServer *self);
const char          *grant_practice_server_get_issuer   (GrantPracticeServer   *self);
const char          *grant_practice_server_get_api_url  (GrantPracticeServer   *self);
char                *grant_practice_server_dup_url      (GrantPracticeServer   *self,
                                                         const char            *path);
GrantJwk            *grant_practice_server_get_access_token_key (GrantPracticeServer *self);
GrantJwk            *grant_practice_server_get_key_for_alg (GrantPracticeServer *self,
                                                            const char          *alg);
const char          *grant_practice_server_get_jwks_json (GrantPracticeServer  *self);
GrantPracticeStore  *grant_practice_server_get_store    (GrantPracticeServer   *self);
gboolean             grant_practice_server_get_fault    (GrantPracticeServer   *self,
                                                         GrantPracticeFault     fault,
                                                         guint                 *value);
void                 grant_practice_server_delay        (GrantPracticeServer   *self,
                                                         SoupServerMessage     *msg,
                                                         guint                  milliseconds,
                                                         GSourceFunc            resume,
                                                         gpointer               user_data,
                                                         GDestroyNotify         destroy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantPracticeServer, grant_practice_server_free)

G_END_DECLS
