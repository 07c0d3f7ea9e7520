/* grant-practice-directory.h
 * The practice provider's demo clients and demo users: fixed, public and documented.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GRANT_PRACTICE_GRANT_AUTHORIZATION_CODE = 1 << 0,
  GRANT_PRACTICE_GRANT_REFRESH_TOKEN      = 1 << 1,
  GRANT_PRACTICE_GRANT_CLIENT_CREDENTIALS = 1 << 2,
  GRANT_PRACTICE_GRANT_DEVICE_CODE        = 1 << 3,
  GRANT_PRACTICE_GRANT_PASSWORD           = 1 << 4,
} GrantPracticeGrants;

/**
 * GrantPracticeClient:
 * @client_id: the client's id
 * @client_secret: (nullable): its secret, or %NULL for a public client
 * @title: what kind of client it stands for
 * @grants: the grants it may use
 * @id_token_signed_response_alg: the ID tokens' algorithm
 */
typedef struct
{
  const char          *client_id;
  const char          *client_secret;
  const char          *title;
  GrantPracticeGrants  grants;
  const char          *id_token_signed_response_alg;
} GrantPracticeClient;

/**
 * GrantPracticeUser:
 * @sub: the subject and login name
 * @name: the full name
 * @given_name: the given name
 * @family_name: the family name
 * @email: the e-mail address
 */
typedef struct
{
  const char *sub;
  const char *name;
  const char *given_name;
  const char *family_name;
  const char *email;
} GrantPracticeUser;

const GrantPracticeClient *grant_practice_directory_find_client  (const char                *client_id);
const GrantPracticeClient *grant_practice_directory_get_clients  (guint                     *n_clients);
const GrantPracticeUser   *grant_practice_directory_find_user    (const char                *sub);
const GrantPracticeUser   *grant_practice_directory_get_users    (guint                     *n_users);
gboolean                   grant_practice_directory_check_redirect_uri (const GrantPracticeClient *client,
                                                                        const char                *redirect_uri);
gboolean                   grant_practice_directory_check_scope  (const char                *scope,
                                                                  char                     **unknown);
const char * const        *grant_practice_directory_get_scopes   (void);

G_END_DECLS
