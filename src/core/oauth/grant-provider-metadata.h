/* grant-provider-metadata.h
 * An authorization server's metadata (OpenID Connect Discovery 1.0, RFC 8414).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "grant-http-client.h"

G_BEGIN_DECLS

/* A metadata document larger than this is refused rather than parsed. */
#define GRANT_PROVIDER_METADATA_MAX_SIZE (1024 * 1024)

#define GRANT_TYPE_PROVIDER_METADATA (grant_provider_metadata_get_type ())

G_DECLARE_FINAL_TYPE (GrantProviderMetadata, grant_provider_metadata,
                      GRANT, PROVIDER_METADATA, GObject)

GrantProviderMetadata *grant_provider_metadata_new_from_data   (const char             *data,
                                                                gssize                  length,
                                                                const char             *url,
                                                                GError                **error);
void                   grant_provider_metadata_discover_async  (GrantHttpClient        *client,
                                                                const char             *issuer,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
GrantProviderMetadata *grant_provider_metadata_discover_finish (GAsyncResult           *result,
                                                                GError                **error);
const char            *grant_provider_metadata_get_issuer      (GrantProviderMetadata  *self);
const char            *grant_provider_metadata_get_discovery_url
                                                               (GrantProviderMetadata  *self);
const char            *grant_provider_metadata_get_authorization_endpoint
                                                               (GrantProviderMetadata  *self);
const char            *grant_provider_metadata_get_token_endpoint
                                                               (GrantProviderMetadata  *self);
const char            *grant_provider_metadata_get_jwks_uri    (GrantProviderMetadata  *self);
const char            *grant_provider_metadata_lookup_string   (GrantProviderMetadata  *self,
                                                                const char             *member);
gboolean               grant_provider_metadata_lookup_boolean  (GrantProviderMetadata  *self,
                                                                const char             *member);
GStrv                  grant_provider_metadata_dup_strv        (GrantProviderMetadata  *self,
                                                                const char             *member);
gboolean               grant_provider_metadata_supports        (GrantProviderMetadata  *self,
                                                                const char             *member,
                                                                const char             *value);
JsonObject            *grant_provider_metadata_get_document    (GrantProviderMetadata  *self);
GListModel            *grant_provider_metadata_get_checks      (GrantProviderMetadata  *self);

G_END_DECLS
