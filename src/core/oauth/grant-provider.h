/* grant-provider.h
 * An authorization server as Grant talks to it: its metadata, endpoints typed by hand, and
 * its key set.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-http-client.h"
#include "grant-jwks.h"
#include "grant-provider-metadata.h"

G_BEGIN_DECLS

/* A JWKS larger than this is refused. */
#define GRANT_PROVIDER_JWKS_MAX_SIZE (512 * 1024)

#define GRANT_TYPE_PROVIDER (grant_provider_get_type ())

G_DECLARE_FINAL_TYPE (GrantProvider, grant_provider, GRANT, PROVIDER, GObject)

GrantProvider         *grant_provider_new               (const char             *issuer);
GrantProvider         *grant_provider_new_from_metadata (GrantProviderMetadata  *metadata);
const char            *grant_provider_get_issuer        (GrantProvider          *self);
GrantProviderMetadata *grant_provider_get_metadata      (GrantProvider          *self);
const char            *grant_provider_get_endpoint      (GrantProvider          *self,
                                                         const char             *name,
                                                         gboolean                mtls);
void                   grant_provider_set_endpoint      (GrantProvider          *self,
                                                         const char             *name,
                                                         const char             *url);
GrantJwks             *grant_provider_get_cached_jwks   (GrantProvider          *self);
void                   grant_provider_get_jwks_async    (GrantProvider          *self,
                                                         GrantHttpClient        *client,
                                                         const char             *kid,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
GrantJwks             *grant_provider_get_jwks_finish   (GrantProvider          *self,
                                                         GAsyncResult           *result,
                                                         GError                **error);

G_END_DECLS
