/* grant-practice-tokens.h
 * The practice provider's tokens: JWT access tokens (RFC 9068) and ID tokens, made with the
 * fault switches applied, and access tokens checked for the API, UserInfo and introspection.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-practice-directory.h"
#include "grant-practice-server.h"

G_BEGIN_DECLS

/* How long tokens live unless a fault says otherwise, in seconds. */
#define GRANT_PRACTICE_ACCESS_TOKEN_LIFETIME   3600
#define GRANT_PRACTICE_ID_TOKEN_LIFETIME       3600
#define GRANT_PRACTICE_REFRESH_TOKEN_LIFETIME  (14 * 24 * 3600)
#define GRANT_PRACTICE_CODE_LIFETIME           60

/**
 * GrantPracticeAccessToken:
 * @token: the JWT
 * @expires_in: its lifetime in seconds
 * @jti: its id
 */
typedef struct
{
  char   *token;
  gint64  expires_in;
  char   *jti;
} GrantPracticeAccessToken;

GrantPracticeAccessToken *grant_practice_tokens_issue_access_token (GrantPracticeServer       *server,
                                                                    const char                *client_id,
                                                                    const char                *sub,
                                                                    const char                *scope,
                                                                    gint64                     auth_time,
                                                                    const char                *family,
                                                                    const char                *jkt,
                                                                    GError                   **error);
char                     *grant_practice_tokens_issue_id_token     (GrantPracticeServer       *server,
                                                                    const GrantPracticeClient *client,
                                                                    const char                *sub,
                                                                    const char                *scope,
                                                                    const char                *nonce,
                                                                    gint64                     auth_time,
                                                                    const char                *access_token,
                                                                    GError                   **error);
JsonObject               *grant_practice_tokens_verify_access_token (GrantPracticeServer      *server,
                                                                     const char               *token,
                                                                     GError                  **error);
gboolean                  grant_practice_tokens_has_scope          (const char                *scope,
                                                                    const char                *wanted);
void                      grant_practice_tokens_add_user_claims    (JsonObject                *claims,
                                                                    const char                *sub,
                                                                    const char                *scope);
void                      grant_practice_access_token_free         (GrantPracticeAccessToken  *access_token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantPracticeAccessToken, grant_practice_access_token_free)

G_END_DECLS
