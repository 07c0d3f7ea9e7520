/* grant-practice-store.h
 * What the practice provider remembers between requests, in memory only: pending logins,
 * authorization codes, refresh tokens, device codes and revoked tokens.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GrantPracticeInteraction:
 * @id: its id, in the login and consent pages' paths
 * @client_id: the client that asked
 * @redirect_uri: (nullable): where to send the answer; %NULL for a device's interaction
 * @scope: the scope asked for
 * @state: (nullable): the client's state, returned as it came
 * @nonce: (nullable): the OpenID Connect nonce
 * @code_challenge: (nullable): the PKCE challenge (S256)
 * @device_code: (nullable): the device code this interaction approves
 * @sub: (nullable): the user, once logged in
 * @expires: when it is forgotten, in seconds since the epoch
 *
 * A user's way through the login and consent pages.
 */
typedef struct
{
  char   *id;
  char   *client_id;
  char   *redirect_uri;
  char   *scope;
  char   *state;
  char   *nonce;
  char   *code_challenge;
  char   *device_code;
  char   *sub;
  gint64  expires;
} GrantPracticeInteraction;

/**
 * GrantPracticeGrant:
 * @client_id: the client
 * @sub: (nullable): the user, or %NULL for the client itself
 * @scope: the scope granted
 * @nonce: (nullable): the nonce for the first ID token
 * @redirect_uri: (nullable): the redirect URI the code was sent to
 * @code_challenge: (nullable): the PKCE challenge the code was issued for
 * @jkt: (nullable): the DPoP key thumbprint refresh tokens are bound to
 * @auth_time: when the user logged in
 * @expires: when the code or refresh token expires
 * @family: the refresh-token family: every token issued from one authorization
 * @used: whether the code or refresh token was used (rotated) already
 *
 * What an authorization code or a refresh token stands for.
 */
typedef struct
{
  char     *client_id;
  char     *sub;
  char     *scope;
  char     *nonce;
  char     *redirect_uri;
  char     *code_challenge;
  char     *jkt;
  gint64    auth_time;
  gint64    expires;
  char     *family;
  gboolean  used;
} GrantPracticeGrant;

typedef enum
{
  GRANT_PRACTICE_DEVICE_PENDING,
  GRANT_PRACTICE_DEVICE_APPROVED,
  GRANT_PRACTICE_DEVICE_DENIED,
  GRANT_PRACTICE_DEVICE_REDEEMED,
} GrantPracticeDeviceStatus;

/**
 * GrantPracticeDevice:
 * @device_code: the device code
 * @user_code: the code the user types, as "ABCD-EFGH"
 * @client_id: the device's client
 * @scope: the scope asked for
 * @sub: (nullable): the user who approved
 * @status: where it is
 * @expires: when it expires
 * @last_poll: when the device last polled, in microseconds (monotonic)
 * @interval: the polling interval in seconds, raised after slow_down
 * @auth_time: when the user logged in
 */
typedef struct
{
  char                      *device_code;
  char                      *user_code;
  char                      *client_id;
  char                      *scope;
  char                      *sub;
  GrantPracticeDeviceStatus  status;
  gint64                     expires;
  gint64                     last_poll;
  guint                      interval;
  gint64                     auth_time;
} GrantPracticeDevice;

typedef struct _GrantPracticeStore GrantPracticeStore;

GrantPracticeStore       *grant_practice_store_new                 (void);
void                      grant_practice_store_free                (GrantPracticeStore       *self);
char                     *grant_practice_store_new_secret          (void);

GrantPracticeInteraction *grant_practice_store_add_interaction     (GrantPracticeStore       *self,
                                                                    GrantPracticeInteraction *interaction);
GrantPracticeInteraction *grant_practice_store_lookup_interaction  (GrantPracticeStore       *self,
                                                                    const char               *id);
void                      grant_practice_store_remove_interaction  (GrantPracticeStore       *self,
                                                                    const char               *id);

char                     *grant_practice_store_add_code            (GrantPracticeStore       *self,
                                                                    GrantPracticeGrant       *grant);
GrantPracticeGrant       *grant_practice_store_lookup_code         (GrantPracticeStore       *self,
                                                                    const char               *code);
char                     *grant_practice_store_add_refresh_token   (GrantPracticeStore       *self,
                                                                    GrantPracticeGrant       *grant);
GrantPracticeGrant       *grant_practice_store_lookup_refresh_token (GrantPracticeStore      *self,
                                                                     const char              *refresh_token);
void                      grant_practice_store_revoke_refresh_token (GrantPracticeStore      *self,
                                                                     const char              *refresh_token);
void                      grant_practice_store_revoke_family       (GrantPracticeStore       *self,
                                                                    const char               *family);
gboolean                  grant_practice_store_is_family_revoked   (GrantPracticeStore       *self,
                                                                    const char               *family);

void                      grant_practice_store_revoke_access_token (GrantPracticeStore       *self,
                                                                    const char               *jti,
                                                                    gint64                    expires);
gboolean                  grant_practice_store_is_access_token_revoked (GrantPracticeStore   *self,
                                                                        const char           *jti,
                                                                        const char           *family);

gboolean                  grant_practice_store_add_proof_jti       (GrantPracticeStore       *self,
                                                                    const char               *jti,
                                                                    gint64                    expires);

GrantPracticeDevice      *grant_practice_store_add_device          (GrantPracticeStore       *self,
                                                                    GrantPracticeDevice      *device);
GrantPracticeDevice      *grant_practice_store_lookup_device       (GrantPracticeStore       *self,
                                                                    const char               *device_code);
GrantPracticeDevice      *grant_practice_store_lookup_user_code    (GrantPracticeStore       *self,
                                                                    const char               *user_code);

void                      grant_practice_interaction_free          (GrantPracticeInteraction *interaction);
void                      grant_practice_grant_free                (GrantPracticeGrant       *grant);
void                      grant_practice_device_free               (GrantPracticeDevice      *device);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantPracticeStore, grant_practice_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantPracticeInteraction, grant_practice_interaction_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantPracticeGrant, grant_practice_grant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrantPracticeDevice, grant_practice_device_free)

G_END_DECLS
