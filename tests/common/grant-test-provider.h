/* grant-test-provider.h
 * Starts the test fixture (oidc-provider and the protected API) on an ephemeral loopback port.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-flow.h"
#include "grant-provider.h"

G_BEGIN_DECLS

typedef struct _GrantTestProvider GrantTestProvider;

GrantTestProvider *grant_test_provider_start      (GError            **error);
const char        *grant_test_provider_get_issuer (GrantTestProvider  *self);
GrantProvider     *grant_test_provider_discover   (GrantTestProvider  *self);
GrantProvider     *grant_test_discover            (const char         *issuer);
void               grant_test_provider_stop       (GrantTestProvider  *self);
void               grant_test_approve_async       (const char         *url,
                                                   const char         *login,
                                                   gboolean            deny,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
char              *grant_test_approve_finish      (GAsyncResult       *result,
                                                   GError            **error);

/* A token from the fixture by the client credentials grant (client_secret_basic). */
GrantTokenResponse *grant_test_client_credentials (GrantProvider    *provider,
                                                   GrantHttpClient  *http_client,
                                                   const char       *client_id,
                                                   const char       *client_secret,
                                                   const char       *scope,
                                                   GrantDpopSession *dpop);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantTestProvider, grant_test_provider_stop)

G_END_DECLS
