/* grant-practice-provider.h
 * The built-in practice authorization server and protected API, served from its own thread.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-practice-fault.h"

G_BEGIN_DECLS

/* The port the practice provider asks for first, so that its issuer stays the same between runs. */
#define GRANT_PRACTICE_DEFAULT_PORT 47120

/* The demo clients, by client_id. README.md and the Practice Provider page list them all. */
#define GRANT_PRACTICE_CLIENT_PUBLIC        "practice-app"
#define GRANT_PRACTICE_CLIENT_CONFIDENTIAL  "practice-web"
#define GRANT_PRACTICE_CLIENT_MACHINE       "practice-machine"
#define GRANT_PRACTICE_CLIENT_DEVICE        "practice-tv"

#define GRANT_TYPE_PRACTICE_PROVIDER (grant_practice_provider_get_type ())

/* Properties: "running" and "issuer", notified on the caller's thread. Signal:
 * "fault-changed" (detailed with the fault's name), emitted on the thread that made the change. */
G_DECLARE_FINAL_TYPE (GrantPracticeProvider, grant_practice_provider, GRANT, PRACTICE_PROVIDER, GObject)

GrantPracticeProvider *grant_practice_provider_new             (void);
void                   grant_practice_provider_set_port        (GrantPracticeProvider *self,
                                                                guint                  port);
void                   grant_practice_provider_set_listen_address (GrantPracticeProvider *self,
                                                                   const char            *address);
void                   grant_practice_provider_set_public_issuer (GrantPracticeProvider *self,
                                                                  const char            *issuer);
gboolean               grant_practice_provider_start           (GrantPracticeProvider *self,
                                                                GError               **error);
void                   grant_practice_provider_stop            (GrantPracticeProvider *self);
gboolean               grant_practice_provider_get_running     (GrantPracticeProvider *self);
const char            *grant_practice_provider_get_issuer      (GrantPracticeProvider *self);
guint                  grant_practice_provider_get_port        (GrantPracticeProvider *self);
char                  *grant_practice_provider_dup_api_url     (GrantPracticeProvider *self);

gboolean               grant_practice_provider_get_fault       (GrantPracticeProvider *self,
                                                                GrantPracticeFault     fault);
void                   grant_practice_provider_set_fault       (GrantPracticeProvider *self,
                                                                GrantPracticeFault     fault,
                                                                gboolean               enabled);
guint                  grant_practice_provider_get_fault_value (GrantPracticeProvider *self,
                                                                GrantPracticeFault     fault);
void                   grant_practice_provider_set_fault_value (GrantPracticeProvider *self,
                                                                GrantPracticeFault     fault,
                                                                guint                  value);

G_END_DECLS
