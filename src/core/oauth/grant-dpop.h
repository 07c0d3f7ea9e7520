/* grant-dpop.h
 * DPoP proofs (RFC 9449): a signed statement that the sender holds the key a token is bound to.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "grant-jwk.h"

G_BEGIN_DECLS

char *grant_dpop_make_proof (GrantJwk    *key,
                             const char  *htm,
                             const char  *htu,
                             const char  *nonce,
                             const char  *access_token,
                             GError     **error);

G_END_DECLS
