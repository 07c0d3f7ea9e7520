/* grant-test-provider.h
 * Starts the test fixture (oidc-provider and the protected API) on an ephemeral loopback port.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GrantTestProvider GrantTestProvider;

GrantTestProvider *grant_test_provider_start      (GError            **error);
const char        *grant_test_provider_get_issuer (GrantTestProvider  *self);
void               grant_test_provider_stop       (GrantTestProvider  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantTestProvider, grant_test_provider_stop)

G_END_DECLS
