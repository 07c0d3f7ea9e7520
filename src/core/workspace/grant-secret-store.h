/* grant-secret-store.h
 * Secrets (client secrets, private keys, kept refresh tokens) in the Secret Service through
 * libsecret, keyed by workspace and client; in memory for the session when there is none.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * GrantSecretKind:
 * @GRANT_SECRET_CLIENT_SECRET: a client's secret
 * @GRANT_SECRET_PRIVATE_KEY: a client's private key, as a JWK
 * @GRANT_SECRET_REFRESH_TOKEN: a refresh token the user chose to keep
 */
typedef enum
{
  GRANT_SECRET_CLIENT_SECRET,
  GRANT_SECRET_PRIVATE_KEY,
  GRANT_SECRET_REFRESH_TOKEN,
} GrantSecretKind;

#define GRANT_TYPE_SECRET_STORE (grant_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (GrantSecretStore, grant_secret_store, GRANT, SECRET_STORE, GObject)

GrantSecretStore *grant_secret_store_new                (void);
gboolean          grant_secret_store_get_persistent     (GrantSecretStore    *self);
const char       *grant_secret_store_get_unavailable_reason (GrantSecretStore *self);
void              grant_secret_store_store_async        (GrantSecretStore    *self,
                                                         const char          *workspace_id,
                                                         const char          *client_id,
                                                         GrantSecretKind      kind,
                                                         const char          *secret,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          grant_secret_store_store_finish       (GrantSecretStore    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void              grant_secret_store_lookup_async       (GrantSecretStore    *self,
                                                         const char          *workspace_id,
                                                         const char          *client_id,
                                                         GrantSecretKind      kind,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
char             *grant_secret_store_lookup_finish      (GrantSecretStore    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void              grant_secret_store_clear_async        (GrantSecretStore    *self,
                                                         const char          *workspace_id,
                                                         const char          *client_id,
                                                         GrantSecretKind      kind,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          grant_secret_store_clear_finish       (GrantSecretStore    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
