/* grant-practice-dpop.h
 * The practice provider's check of DPoP proofs (RFC 9449 §4.3), at the token endpoint and the API.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-practice-server.h"

G_BEGIN_DECLS

char *grant_practice_dpop_check_proof (GrantPracticeServer  *server,
                                       SoupServerMessage    *msg,
                                       const char           *access_token,
                                       GError              **error);

G_END_DECLS
