/* grant-auth-challenge.h
 * One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1): its scheme and parameters.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The most a WWW-Authenticate header may hold before Grant refuses to read it: servers send a
 * few hundred bytes, and a hostile one should get an error rather than Grant's time. */
#define GRANT_AUTH_CHALLENGE_MAX_HEADER     (256 * 1024)
#define GRANT_AUTH_CHALLENGE_MAX_CHALLENGES 1024

#define GRANT_TYPE_AUTH_CHALLENGE (grant_auth_challenge_get_type ())

G_DECLARE_FINAL_TYPE (GrantAuthChallenge, grant_auth_challenge, GRANT, AUTH_CHALLENGE, GObject)

GPtrArray          *grant_auth_challenge_parse          (const char          *header,
                                                         gssize               length,
                                                         GError             **error);
GrantAuthChallenge *grant_auth_challenge_find           (GPtrArray           *challenges,
                                                         const char          *scheme);
const char         *grant_auth_challenge_get_scheme     (GrantAuthChallenge  *self);
gboolean            grant_auth_challenge_is_scheme      (GrantAuthChallenge  *self,
                                                         const char          *scheme);
const char         *grant_auth_challenge_get_token68    (GrantAuthChallenge  *self);
guint               grant_auth_challenge_get_n_params   (GrantAuthChallenge  *self);
const char         *grant_auth_challenge_get_param_name (GrantAuthChallenge  *self,
                                                         guint                index);
const char         *grant_auth_challenge_get_param_value (GrantAuthChallenge *self,
                                                          guint               index);
const char         *grant_auth_challenge_lookup         (GrantAuthChallenge  *self,
                                                         const char          *name);

G_END_DECLS
