/* grant-jws.h
 * A JWS in compact serialization (RFC 7515 §7.1): parse, verify, sign.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "grant-jwk.h"
#include "grant-jwks.h"

G_BEGIN_DECLS

/* A JWS longer than this is refused before it is decoded: real tokens are a few kilobytes. */
#define GRANT_JWS_MAX_LENGTH (256 * 1024)

#define GRANT_TYPE_JWS (grant_jws_get_type ())

G_DECLARE_FINAL_TYPE (GrantJws, grant_jws, GRANT, JWS, GObject)

GrantJws   *grant_jws_parse              (const char  *compact,
                                          gssize       length,
                                          GError     **error);
JsonObject *grant_jws_get_header         (GrantJws    *self);
const char *grant_jws_get_alg            (GrantJws    *self);
const char *grant_jws_get_kid            (GrantJws    *self);
const char *grant_jws_get_typ            (GrantJws    *self);
GBytes     *grant_jws_get_payload        (GrantJws    *self);
GBytes     *grant_jws_get_signature      (GrantJws    *self);
gboolean    grant_jws_verify             (GrantJws    *self,
                                          GrantJwk    *key,
                                          GError     **error);
gboolean    grant_jws_verify_with_jwks   (GrantJws    *self,
                                          GrantJwks   *jwks,
                                          GrantJwk   **used_key,
                                          GError     **error);
char       *grant_jws_sign               (JsonObject  *header,
                                          GBytes      *payload,
                                          GrantJwk    *key,
                                          GError     **error);

G_END_DECLS
