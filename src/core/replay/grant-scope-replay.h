/* grant-scope-replay.h
 * Getting a token like one already held, with other scopes, the cheapest way the grant allows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-flow.h"

G_BEGIN_DECLS

/**
 * GrantScopeReplayMethod:
 * @GRANT_SCOPE_REPLAY_REFRESH: a refresh asking for the narrower scope (RFC 6749 §6)
 * @GRANT_SCOPE_REPLAY_CLIENT_CREDENTIALS: a new client credentials token with that scope
 *   (RFC 6749 §4.4.2)
 * @GRANT_SCOPE_REPLAY_INTERACTIVE: only running the interactive flow again, with the user,
 *   can give it
 *
 * How a token with other scopes can be had.
 */
typedef enum
{
  GRANT_SCOPE_REPLAY_REFRESH,
  GRANT_SCOPE_REPLAY_CLIENT_CREDENTIALS,
  GRANT_SCOPE_REPLAY_INTERACTIVE,
} GrantScopeReplayMethod;

char                   *grant_scope_replay_dup_granted (GrantFlow   *flow);
GrantScopeReplayMethod  grant_scope_replay_choose      (GrantFlow   *flow,
                                                        const char  *scope,
                                                        char       **reason);
char                  **grant_scope_replay_dup_candidates (GrantFlow          *flow,
                                                           const char * const *missing);
GrantFlow              *grant_scope_replay_new_flow    (GrantFlow   *flow,
                                                        const char  *scope,
                                                        GError     **error);

G_END_DECLS
