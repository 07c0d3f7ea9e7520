/* grant-har.h
 * Exchanges to and from HAR 1.2, the HTTP Archive format browsers' developer tools share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-exchange.h"

G_BEGIN_DECLS

/**
 * GrantHarFlags:
 * @GRANT_HAR_NONE: secrets redacted, the default
 * @GRANT_HAR_INCLUDE_SECRETS: tokens, codes, client secrets and credential headers kept as
 *   they were; only when the user asked for it
 */
typedef enum
{
  GRANT_HAR_NONE             = 0,
  GRANT_HAR_INCLUDE_SECRETS  = 1 << 0,
} GrantHarFlags;

#define GRANT_HAR_ERROR (grant_har_error_quark ())
GQuark grant_har_error_quark (void);

/**
 * GrantHarError:
 * @GRANT_HAR_ERROR_INVALID: the file is not a HAR file Grant can read
 */
typedef enum
{
  GRANT_HAR_ERROR_INVALID,
} GrantHarError;

char      *grant_har_export (GListModel     *exchanges,
                             GrantHarFlags   flags,
                             gsize          *length);
GPtrArray *grant_har_import (const char     *data,
                             gssize          length,
                             GError        **error);

G_END_DECLS
