/* grant-oauth-error.c
 * The error domain of Grant's OAuth engine.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-oauth-error.h"

G_DEFINE_QUARK (grant-oauth-error-quark, grant_oauth_error)
