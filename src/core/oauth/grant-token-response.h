/* grant-token-response.h
 * What a token endpoint answered (RFC 6749 §5.1), or why it refused (§5.2).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "grant-exchange.h"

G_BEGIN_DECLS

#define GRANT_TYPE_TOKEN_RESPONSE (grant_token_response_get_type ())

G_DECLARE_FINAL_TYPE (GrantTokenResponse, grant_token_response, GRANT, TOKEN_RESPONSE, GObject)

JsonObject *grant_oauth_response_parse (GrantExchange  *exchange,
                                        const char     *what,
                                        GError        **error);
GrantTokenResponse *grant_token_response_new_from_exchange (GrantExchange  *exchange,
                                                            GError        **error);
GrantTokenResponse *grant_token_response_new_from_json (JsonObject     *json,
                                                        GrantExchange  *exchange,
                                                        gboolean        access_token_required,
                                                        GError        **error);
GrantExchange *grant_token_response_get_exchange (GrantTokenResponse *self);
JsonObject *grant_token_response_get_json (GrantTokenResponse *self);
const char *grant_token_response_get_access_token (GrantTokenResponse *self);
const char *grant_token_response_get_token_type (GrantTokenResponse *self);
gint64 grant_token_response_get_expires_in (GrantTokenResponse *self);
gint64 grant_token_response_get_expires_at (GrantTokenResponse *self);
const char *grant_token_response_get_refresh_token (GrantTokenResponse *self);
const char *grant_token_response_get_scope (GrantTokenResponse *self);
const char *grant_token_response_get_id_token (GrantTokenResponse *self);
const char *grant_token_response_get_issued_token_type (GrantTokenResponse *self);

G_END_DECLS
