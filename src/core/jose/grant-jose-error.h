/* grant-jose-error.h
 * The error domain of Grant's JOSE code (base64url, JWK, JWS, JWT).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GRANT_JOSE_ERROR (grant_jose_error_quark ())

/**
 * GrantJoseError:
 * @GRANT_JOSE_ERROR_INVALID_BASE64URL: the text is not strict, unpadded base64url
 *   (RFC 4648 §5, RFC 7515 §2)
 *
 * Errors from parsing or checking JOSE objects. The messages say where the input went wrong.
 */
typedef enum
{
  GRANT_JOSE_ERROR_INVALID_BASE64URL,
} GrantJoseError;

GQuark grant_jose_error_quark (void);

G_END_DECLS
