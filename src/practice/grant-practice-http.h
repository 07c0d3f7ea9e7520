/* grant-practice-http.h
 * How the practice provider's endpoints read requests and write answers: JSON, OAuth errors,
 * HTML pages, forms and client authentication.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "grant-practice-directory.h"

G_BEGIN_DECLS

void                       grant_practice_http_send_json     (SoupServerMessage *msg,
                                                              guint              status,
                                                              JsonObject        *object);
void                       grant_practice_http_send_text     (SoupServerMessage *msg,
                                                              guint              status,
                                                              const char        *content_type,
                                                              const char        *text);
void                       grant_practice_http_send_oauth_error (SoupServerMessage *msg,
                                                                 guint              status,
                                                                 const char        *error,
                                                                 const char        *description);
char                      *grant_practice_http_describe_error (const char       *description);
char                      *grant_practice_http_format        (const char        *format,
                                                              ...) G_GNUC_PRINTF (1, 2);
void                       grant_practice_http_send_page     (SoupServerMessage *msg,
                                                              guint              status,
                                                              const char        *title,
                                                              const char        *body_html);
void                       grant_practice_http_redirect      (SoupServerMessage *msg,
                                                              const char        *location);
GHashTable                *grant_practice_http_read_form     (SoupServerMessage *msg,
                                                              GHashTable        *query);
gboolean                   grant_practice_http_require_post_form (SoupServerMessage *msg);
const GrantPracticeClient *grant_practice_http_authenticate_client (SoupServerMessage *msg,
                                                                    GHashTable        *form);

G_END_DECLS
