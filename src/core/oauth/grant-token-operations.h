/* grant-token-operations.h
 * What a client does with a token once it has it: UserInfo (OpenID Connect Core §5.3),
 * introspection (RFC 7662) and revocation (RFC 7009).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "grant-client.h"
#include "grant-dpop-session.h"
#include "grant-http-client.h"
#include "grant-provider.h"

G_BEGIN_DECLS

/**
 * GrantUserinfoForm:
 * @GRANT_USERINFO_PLAIN: the response was plain JSON
 * @GRANT_USERINFO_SIGNED: the response was a signed JWT, and its signature was verified
 *
 * How a UserInfo response came.
 */
typedef enum
{
  GRANT_USERINFO_PLAIN,
  GRANT_USERINFO_SIGNED,
} GrantUserinfoForm;

/**
 * GrantBearerPlacement:
 * @GRANT_BEARER_IN_HEADER: in the Authorization header (RFC 6750 §2.1), which every
 *   resource server supports
 * @GRANT_BEARER_IN_BODY: as the access_token form parameter of a POST (RFC 6750 §2.2)
 *
 * Where a Bearer access token goes in a request.
 */
typedef enum
{
  GRANT_BEARER_IN_HEADER,
  GRANT_BEARER_IN_BODY,
} GrantBearerPlacement;

void        grant_userinfo_fetch_async  (GrantProvider      *provider,
                                         GrantClient        *client,
                                         GrantHttpClient    *http_client,
                                         GrantDpopSession   *dpop,
                                         const char         *access_token,
                                         GrantBearerPlacement placement,
                                         const char         *expected_sub,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
JsonObject *grant_userinfo_fetch_finish (GAsyncResult       *result,
                                         GrantUserinfoForm  *form,
                                         GError            **error);
void        grant_introspect_async      (GrantProvider      *provider,
                                         GrantClient        *client,
                                         GrantHttpClient    *http_client,
                                         const char         *token,
                                         const char         *token_type_hint,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
JsonObject *grant_introspect_finish     (GAsyncResult       *result,
                                         GError            **error);
void        grant_revoke_async          (GrantProvider      *provider,
                                         GrantClient        *client,
                                         GrantHttpClient    *http_client,
                                         const char         *token,
                                         const char         *token_type_hint,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    grant_revoke_finish         (GAsyncResult       *result,
                                         GError            **error);

G_END_DECLS
