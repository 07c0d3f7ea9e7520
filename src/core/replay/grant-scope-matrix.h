/* grant-scope-matrix.h
 * Requests × scope sets: which scopes each API call really needs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "grant-exchange.h"
#include "grant-http-client.h"
#include "grant-replay-runner.h"

G_BEGIN_DECLS

/* Up to this many scopes, the matrix tries every subset of them. */
#define GRANT_SCOPE_MATRIX_MAX_EXHAUSTIVE 6

#define GRANT_TYPE_SCOPE_MATRIX (grant_scope_matrix_get_type ())

G_DECLARE_FINAL_TYPE (GrantScopeMatrix, grant_scope_matrix, GRANT, SCOPE_MATRIX, GObject)

GrantScopeMatrix   *grant_scope_matrix_new                   (const char * const  *scopes);
const char * const *grant_scope_matrix_get_scopes            (GrantScopeMatrix    *self);
guint               grant_scope_matrix_get_n_scope_sets      (GrantScopeMatrix    *self);
const char * const *grant_scope_matrix_get_scope_set         (GrantScopeMatrix    *self,
                                                              guint                set);
char               *grant_scope_matrix_dup_scope_string      (GrantScopeMatrix    *self,
                                                              guint                set);
void                grant_scope_matrix_add_request           (GrantScopeMatrix    *self,
                                                              GrantHttpRequest    *request);
guint               grant_scope_matrix_get_n_requests        (GrantScopeMatrix    *self);
GrantHttpRequest   *grant_scope_matrix_get_request           (GrantScopeMatrix    *self,
                                                              guint                request);
void                grant_scope_matrix_set_access_token      (GrantScopeMatrix    *self,
                                                              guint                set,
                                                              const char          *access_token,
                                                              const char          *token_type);
const char         *grant_scope_matrix_get_access_token      (GrantScopeMatrix    *self,
                                                              guint                set);
void                grant_scope_matrix_run_async             (GrantScopeMatrix    *self,
                                                              GrantReplayRunner   *runner,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            grant_scope_matrix_run_finish            (GrantScopeMatrix    *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
gboolean            grant_scope_matrix_has_run               (GrantScopeMatrix    *self);
guint               grant_scope_matrix_get_status            (GrantScopeMatrix    *self,
                                                              guint                request,
                                                              guint                set);
GrantExchange      *grant_scope_matrix_get_exchange          (GrantScopeMatrix    *self,
                                                              guint                request,
                                                              guint                set);
GArray             *grant_scope_matrix_get_least_privilege   (GrantScopeMatrix    *self,
                                                              guint                request);
JsonObject         *grant_scope_matrix_to_json               (GrantScopeMatrix    *self);

G_END_DECLS
