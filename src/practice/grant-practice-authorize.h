/* grant-practice-authorize.h
 * The practice provider's pages: authorization, login, consent, device verification, logout.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-practice-server.h"

G_BEGIN_DECLS

void grant_practice_authorize_add_handlers (GrantPracticeServer *server);

G_END_DECLS
