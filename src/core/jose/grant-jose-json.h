/* grant-jose-json.h
 * Strict JSON for JOSE: objects only, valid UTF-8, no duplicate members (RFC 7515 §5.2).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject *grant_jose_json_parse_object (const char  *data,
                                          gsize        length,
                                          const char  *what,
                                          GError     **error);
gboolean    grant_jose_json_get_string   (JsonObject  *object,
                                          const char  *member,
                                          const char **value,
                                          GError     **error);

const char *grant_jose_json_lookup_string (JsonObject  *object,
                                          const char  *member);

G_END_DECLS
