/* grant-practice-token.h
 * The practice provider's back channel: token, device authorization, introspection, revocation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-practice-server.h"

G_BEGIN_DECLS

void grant_practice_token_add_handlers (GrantPracticeServer *server);

G_END_DECLS
