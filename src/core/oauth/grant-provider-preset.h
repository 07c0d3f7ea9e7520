/* grant-provider-preset.h
 * Well-known authorization servers: their issuer or endpoints, and what is peculiar about each.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * GrantProviderPreset:
 * @id: a stable name, e.g. "google"; saved in workspaces
 * @name: the provider's name
 * @issuer: (nullable): the issuer URL, with one `{placeholder}` where the user's tenant, domain
 *   or realm goes; %NULL for a provider without discovery
 * @placeholder: (nullable): what the placeholder stands for, in words ("Tenant ID")
 * @example: (nullable): an example value for the placeholder
 * @authorization_endpoint: (nullable): for a provider without discovery
 * @token_endpoint: (nullable): for a provider without discovery
 * @device_authorization_endpoint: (nullable): for a provider without discovery
 * @scope: a scope to start with
 * @notes: what a developer trips over with this provider (translatable)
 */
typedef struct
{
  const char *id;
  const char *name;
  const char *issuer;
  const char *placeholder;
  const char *example;
  const char *authorization_endpoint;
  const char *token_endpoint;
  const char *device_authorization_endpoint;
  const char *scope;
  const char *notes;
} GrantProviderPreset;

const GrantProviderPreset *grant_provider_preset_get_all   (guint                     *n_presets);
const GrantProviderPreset *grant_provider_preset_find      (const char                *id);
char                      *grant_provider_preset_dup_issuer (const GrantProviderPreset *self,
                                                             const char                *value,
                                                             GError                   **error);

G_END_DECLS
