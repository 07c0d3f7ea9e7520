/* grant-application-private.h
 * What the application shares with the other UI types, and nothing else may use.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-application.h"

G_BEGIN_DECLS

void _grant_application_ensure_resources (void);

G_END_DECLS
