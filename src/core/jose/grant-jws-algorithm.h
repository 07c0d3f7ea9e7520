/* grant-jws-algorithm.h
 * The JWS algorithms (RFC 7518 §3, RFC 8037 §3.1) on OpenSSL: sign and verify raw bytes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "grant-jwk.h"

G_BEGIN_DECLS

gboolean    grant_jws_algorithm_is_supported (const char    *alg);
const char *grant_jws_algorithm_for_key     (GrantJwk      *key);
gboolean  grant_jws_algorithm_check_key    (const char    *alg,
                                            GrantJwk      *key,
                                            const char    *operation,
                                            GError       **error);
gboolean  grant_jws_algorithm_verify       (const char    *alg,
                                            GrantJwk      *key,
                                            const guint8  *data,
                                            gsize          data_length,
                                            const guint8  *signature,
                                            gsize          signature_length,
                                            GError       **error);
GBytes   *grant_jws_algorithm_sign         (const char    *alg,
                                            GrantJwk      *key,
                                            const guint8  *data,
                                            gsize          data_length,
                                            GError       **error);

G_END_DECLS
