/* grant-redaction.h
 * Taking credentials out of what leaves Grant: HAR files, curl commands, copied text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What stands where a secret was. Plain letters, so that it stays valid in a URL, a header
 * and a shell word. */
#define GRANT_REDACTED "REDACTED"

/**
 * GrantSecretNameFunc:
 * @name: a header, form field, query parameter or JSON member name
 * @user_data: the data given with the function
 *
 * Returns: whether values named @name are secrets
 */
typedef gboolean (*GrantSecretNameFunc) (const char *name,
                                         gpointer    user_data);

gboolean grant_redaction_is_secret_name  (const char          *name);
gboolean grant_redaction_is_secret_header (const char         *name);
char    *grant_redaction_redact_header   (const char          *value);
char    *grant_redaction_redact_uri      (const char          *uri,
                                          GrantSecretNameFunc  is_secret,
                                          gpointer             user_data);
char    *grant_redaction_redact_json     (const char          *text,
                                          gsize                length,
                                          GrantSecretNameFunc  is_secret,
                                          gpointer             user_data);

G_END_DECLS
