/* grant-dpop-session.h
 * A DPoP key pair and the nonces servers gave for it (RFC 9449).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-jwk.h"

G_BEGIN_DECLS

#define GRANT_TYPE_DPOP_SESSION (grant_dpop_session_get_type ())

G_DECLARE_FINAL_TYPE (GrantDpopSession, grant_dpop_session, GRANT, DPOP_SESSION, GObject)

GrantDpopSession *grant_dpop_session_new          (const char        *alg,
                                                   GError           **error);
GrantDpopSession *grant_dpop_session_new_for_key  (GrantJwk          *key);
GrantJwk         *grant_dpop_session_get_key      (GrantDpopSession  *self);
char             *grant_dpop_session_dup_thumbprint (GrantDpopSession *self);
const char       *grant_dpop_session_get_nonce    (GrantDpopSession  *self,
                                                   const char        *url);
gboolean          grant_dpop_session_update_nonce (GrantDpopSession  *self,
                                                   const char        *url,
                                                   const char        *nonce);
char             *grant_dpop_session_make_proof   (GrantDpopSession  *self,
                                                   const char        *htm,
                                                   const char        *htu,
                                                   const char        *access_token,
                                                   GError           **error);

G_END_DECLS
