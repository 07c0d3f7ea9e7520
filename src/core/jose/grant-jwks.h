/* grant-jwks.h
 * A JWK Set (RFC 7517 §5), and choosing the key that checks a given JWS.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-jwk.h"

G_BEGIN_DECLS

#define GRANT_TYPE_JWKS (grant_jwks_get_type ())

G_DECLARE_FINAL_TYPE (GrantJwks, grant_jwks, GRANT, JWKS, GObject)

GrantJwks          *grant_jwks_new            (void);
GrantJwks          *grant_jwks_new_from_json  (JsonObject   *object,
                                               GError      **error);
GrantJwks          *grant_jwks_new_from_data  (const char   *data,
                                               gssize        length,
                                               GError      **error);
void                grant_jwks_add            (GrantJwks    *self,
                                               GrantJwk     *key);
const char * const *grant_jwks_get_ignored    (GrantJwks    *self);
GrantJwk           *grant_jwks_select         (GrantJwks    *self,
                                               const char   *kid,
                                               const char   *alg,
                                               const char   *operation,
                                               GError      **error);
JsonObject         *grant_jwks_to_json        (GrantJwks    *self,
                                               gboolean      include_private);

G_END_DECLS
