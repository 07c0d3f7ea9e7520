/* grant-practice-api.h
 * The practice provider's protected API and UserInfo endpoint, DPoP-aware, with RFC 6750 challenges.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-practice-server.h"

G_BEGIN_DECLS

void grant_practice_api_add_handlers (GrantPracticeServer *server);

G_END_DECLS
