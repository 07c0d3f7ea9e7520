/* grant-replay-runner.h
 * Sends a batch of API requests with bounded parallelism, and backs off when told to (429).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-exchange.h"
#include "grant-http-client.h"

G_BEGIN_DECLS

/* How many requests a runner has on the wire at once unless told otherwise. */
#define GRANT_REPLAY_RUNNER_DEFAULT_MAX_PARALLEL 6

/* How often a request answered 429 is sent again before its 429 is the result. */
#define GRANT_REPLAY_RUNNER_MAX_RETRIES 3

/* The longest a Retry-After is waited for, in seconds; a server asking for more gets this. */
#define GRANT_REPLAY_RUNNER_MAX_RETRY_AFTER 60

#define GRANT_TYPE_REPLAY_RUNNER (grant_replay_runner_get_type ())

G_DECLARE_FINAL_TYPE (GrantReplayRunner, grant_replay_runner, GRANT, REPLAY_RUNNER, GObject)

GrantReplayRunner *grant_replay_runner_new              (GrantHttpClient      *client,
                                                         guint                 max_parallel);
GrantHttpClient   *grant_replay_runner_get_client       (GrantReplayRunner    *self);
guint              grant_replay_runner_get_max_parallel (GrantReplayRunner    *self);
guint              grant_replay_runner_get_completed    (GrantReplayRunner    *self);
guint              grant_replay_runner_get_total        (GrantReplayRunner    *self);
guint              grant_replay_runner_get_retried      (GrantReplayRunner    *self);
void               grant_replay_runner_run_async        (GrantReplayRunner    *self,
                                                         GPtrArray            *requests,
                                                         const char           *title,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray         *grant_replay_runner_run_finish       (GrantReplayRunner    *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
