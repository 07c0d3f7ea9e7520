/* grant-pkce.h
 * Proof Key for Code Exchange (RFC 7636): verifiers, challenges, and the steps between them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GRANT_PKCE_VERIFIER_MIN_LENGTH 43
#define GRANT_PKCE_VERIFIER_MAX_LENGTH 128

/**
 * GrantPkceMethod:
 * @GRANT_PKCE_METHOD_S256: `S256`: BASE64URL(SHA-256(ASCII(code_verifier)))
 * @GRANT_PKCE_METHOD_PLAIN: `plain`: the verifier itself
 */
typedef enum
{
  GRANT_PKCE_METHOD_S256,
  GRANT_PKCE_METHOD_PLAIN,
} GrantPkceMethod;

char       *grant_pkce_new_verifier      (gsize             length);
gboolean    grant_pkce_check_verifier    (const char       *code_verifier,
                                          GError          **error);
gboolean    grant_pkce_method_from_string (const char      *name,
                                          GrantPkceMethod  *method);
const char *grant_pkce_method_to_string  (GrantPkceMethod   method);
char       *grant_pkce_challenge         (const char       *code_verifier,
                                          GrantPkceMethod   method,
                                          GError          **error);
JsonObject *grant_pkce_explain           (const char       *code_verifier,
                                          GrantPkceMethod   method,
                                          GError          **error);
gboolean    grant_pkce_matches           (const char       *code_verifier,
                                          GrantPkceMethod   method,
                                          const char       *code_challenge);

G_END_DECLS
