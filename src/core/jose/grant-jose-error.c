/* grant-jose-error.c
 * The error domain of Grant's JOSE code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-jose-error.h"

G_DEFINE_QUARK (grant-jose-error-quark, grant_jose_error)
