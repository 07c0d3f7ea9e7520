/* grant-practice-discovery.h
 * The practice provider's discovery documents (OpenID Connect Discovery, RFC 8414) and JWK Set.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-practice-server.h"

G_BEGIN_DECLS

void grant_practice_discovery_add_handlers (GrantPracticeServer *server);

G_END_DECLS
