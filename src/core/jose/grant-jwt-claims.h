/* grant-jwt-claims.h
 * A JWT claims set (RFC 7519 §4) with typed accessors, and times people can read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GRANT_TYPE_JWT_CLAIMS (grant_jwt_claims_get_type ())

G_DECLARE_FINAL_TYPE (GrantJwtClaims, grant_jwt_claims, GRANT, JWT_CLAIMS, GObject)

GrantJwtClaims *grant_jwt_claims_new_from_payload (GBytes          *payload,
                                                   GError         **error);
JsonObject     *grant_jwt_claims_get_object       (GrantJwtClaims  *self);
gboolean        grant_jwt_claims_has              (GrantJwtClaims  *self,
                                                   const char      *name);
const char     *grant_jwt_claims_get_string       (GrantJwtClaims  *self,
                                                   const char      *name);
gboolean        grant_jwt_claims_get_time         (GrantJwtClaims  *self,
                                                   const char      *name,
                                                   gint64          *unix_time,
                                                   GError         **error);
GStrv           grant_jwt_claims_dup_audiences    (GrantJwtClaims  *self,
                                                   GError         **error);
char           *grant_jwt_claims_dup_scope        (GrantJwtClaims  *self);
char           *grant_jwt_format_time             (gint64           unix_time,
                                                   gint64           now);
char           *grant_jwt_format_relative         (gint64           unix_time,
                                                   gint64           now);

G_END_DECLS
