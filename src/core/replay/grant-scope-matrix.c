/* grant-scope-matrix.c
 * Requests × scope sets: which scopes each API call really needs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Given the scopes under test, the matrix makes the scope sets worth trying: every subset
 * when there are at most GRANT_SCOPE_MATRIX_MAX_EXHAUSTIVE scopes, else none, each single
 * scope, all but one, and all. They are ordered by size, and sets of one size in the order
 * of the scopes given, so that a matrix reads from "none" to "all".
 *
 * The caller gets an access token for each set (the matrix does not know how the API's
 * tokens are obtained) and gives request templates without an Authorization header. Each
 * request then goes out once per scope set, with that set's token, through a
 * GrantReplayRunner, which bounds the parallelism and backs off on 429. The answer's status
 * fills the cell.
 *
 * The least privilege for a request is the smallest sets, by number of scopes, among those
 * the API answered with 2xx. Beyond six scopes not every subset is tried, so it is the
 * smallest among the sets tried.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-scope-matrix.h"

typedef struct
{
  GStrv  scopes;
  char  *access_token;
  char  *token_type;
} ScopeSet;

struct _GrantScopeMatrix
{
  GObject     parent_instance;

  GStrv       scopes;
  GArray     *sets;
  GPtrArray  *requests;
  /* Request-major: the cell of request r and set s is r × n_sets + s. */
  GPtrArray  *exchanges;
  gboolean    running;
};

G_DEFINE_FINAL_TYPE (GrantScopeMatrix, grant_scope_matrix, G_TYPE_OBJECT)

static void
scope_set_clear (ScopeSet *set)
{
  g_clear_pointer (&set->scopes, g_strfreev);
  g_clear_pointer (&set->access_token, g_free);
  g_clear_pointer (&set->token_type, g_free);
}

static void
grant_scope_matrix_finalize (GObject *object)
{
  GrantScopeMatrix *self = (GrantScopeMatrix *)object;

  g_clear_pointer (&self->scopes, g_strfreev);
  g_clear_pointer (&self->sets, g_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->exchanges, g_ptr_array_unref);

  G_OBJECT_CLASS (grant_scope_matrix_parent_class)->finalize (object);
}

static void
grant_scope_matrix_class_init (GrantScopeMatrixClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grant_scope_matrix_finalize;
}

static void
grant_scope_matrix_init (GrantScopeMatrix *self)
{
  self->sets = g_array_new (FALSE, TRUE, sizeof (ScopeSet));
  g_array_set_clear_func (self->sets, (GDestroyNotify) scope_set_clear);
  self->requests = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
add_set (GrantScopeMatrix *self,
         const guint      *indices,
         guint             n_indices)
{
  ScopeSet set = { NULL, NULL, NULL };

  set.scopes = g_new0 (char *, n_indices + 1);
  for (guint i = 0; i < n_indices; i++)
    set.scopes[i] = g_strdup (self->scopes[indices[i]]);
  g_array_append_val (self->sets, set);
}

/* Every set of @size scopes, in lexicographic order of their positions. */
static void
add_combinations (GrantScopeMatrix *self,
                  guint             n_scopes,
                  guint             size)
{
  g_autofree guint *indices = g_new0 (guint, MAX (size, 1));
  int i;

  for (guint k = 0; k < size; k++)
    indices[k] = k;

  for (;;)
    {
      add_set (self, indices, size);

      /* The rightmost position that can still move right, then everything after it. */
      for (i = (int) size - 1; i >= 0 && indices[i] == n_scopes - size + (guint) i; i--)
        ;
      if (i < 0)
        return;
      indices[i]++;
      for (guint k = (guint) i + 1; k < size; k++)
        indices[k] = indices[k - 1] + 1;
    }
}

/* All the scopes but one, the last one left out first, as add_combinations orders them. */
static void
add_all_but_one (GrantScopeMatrix *self,
                 guint             n_scopes)
{
  g_autofree guint *indices = g_new0 (guint, n_scopes);

  for (guint left_out = n_scopes; left_out > 0; left_out--)
    {
      guint n = 0;

      for (guint k = 0; k < n_scopes; k++)
        if (k != left_out - 1)
          indices[n++] = k;
      add_set (self, indices, n);
    }
}

/**
 * grant_scope_matrix_new:
 * @scopes: the scopes under test; empty ones and repeats are left out
 *
 * Makes the scope sets: every subset of @scopes when there are at most
 * %GRANT_SCOPE_MATRIX_MAX_EXHAUSTIVE, else none, each single scope, all but one, and all;
 * from the smallest to the largest.
 *
 * Returns: (transfer full): a matrix without requests
 */
GrantScopeMatrix *
grant_scope_matrix_new (const char * const *scopes)
{
  GrantScopeMatrix *self;
  g_autoptr(GStrvBuilder) unique = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  g_return_val_if_fail (scopes != NULL, NULL);

  for (guint i = 0; scopes[i] != NULL; i++)
    if (scopes[i][0] != '\0' && g_hash_table_add (seen, (gpointer) scopes[i]))
      g_strv_builder_add (unique, scopes[i]);

  self = g_object_new (GRANT_TYPE_SCOPE_MATRIX, NULL);
  self->scopes = g_strv_builder_end (unique);
  n = g_strv_length (self->scopes);

  if (n <= GRANT_SCOPE_MATRIX_MAX_EXHAUSTIVE)
    {
      for (guint size = 0; size <= n; size++)
        add_combinations (self, n, size);
    }
  else
    {
      add_combinations (self, n, 0);
      add_combinations (self, n, 1);
      add_all_but_one (self, n);
      add_combinations (self, n, n);
    }

  return self;
}

/**
 * grant_scope_matrix_get_scopes:
 * @self: a #GrantScopeMatrix
 *
 * Returns: (transfer none): the scopes under test, without repeats
 */
const char * const *
grant_scope_matrix_get_scopes (GrantScopeMatrix *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), NULL);

  return (const char * const *) self->scopes;
}

/**
 * grant_scope_matrix_get_n_scope_sets:
 * @self: a #GrantScopeMatrix
 *
 * Returns: how many scope sets the matrix tries (its columns)
 */
guint
grant_scope_matrix_get_n_scope_sets (GrantScopeMatrix *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), 0);

  return self->sets->len;
}

/**
 * grant_scope_matrix_get_scope_set:
 * @self: a #GrantScopeMatrix
 * @set: a scope set's position
 *
 * Returns: (transfer none): the scopes of that set, empty for none
 */
const char * const *
grant_scope_matrix_get_scope_set (GrantScopeMatrix *self,
                                  guint             set)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), NULL);
  g_return_val_if_fail (set < self->sets->len, NULL);

  return (const char * const *) g_array_index (self->sets, ScopeSet, set).scopes;
}

/**
 * grant_scope_matrix_dup_scope_string:
 * @self: a #GrantScopeMatrix
 * @set: a scope set's position
 *
 * Returns: (transfer full): the set as a token request's `scope` parameter: the scopes,
 *   space-separated (RFC 6749 §3.3); empty for none
 */
char *
grant_scope_matrix_dup_scope_string (GrantScopeMatrix *self,
                                     guint             set)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), NULL);
  g_return_val_if_fail (set < self->sets->len, NULL);

  return g_strjoinv (" ", g_array_index (self->sets, ScopeSet, set).scopes);
}

/**
 * grant_scope_matrix_add_request:
 * @self: a #GrantScopeMatrix
 * @request: an API request without an Authorization header; the matrix sends copies of it
 *
 * Adds a row. A matrix that has run forgets its results.
 */
void
grant_scope_matrix_add_request (GrantScopeMatrix *self,
                                GrantHttpRequest *request)
{
  g_return_if_fail (GRANT_IS_SCOPE_MATRIX (self));
  g_return_if_fail (GRANT_IS_HTTP_REQUEST (request));
  g_return_if_fail (!self->running);

  g_ptr_array_add (self->requests, g_object_ref (request));
  g_clear_pointer (&self->exchanges, g_ptr_array_unref);
}

guint
grant_scope_matrix_get_n_requests (GrantScopeMatrix *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), 0);

  return self->requests->len;
}

/**
 * grant_scope_matrix_get_request:
 * @self: a #GrantScopeMatrix
 * @request: a request's position
 *
 * Returns: (transfer none): the request template
 */
GrantHttpRequest *
grant_scope_matrix_get_request (GrantScopeMatrix *self,
                                guint             request)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), NULL);
  g_return_val_if_fail (request < self->requests->len, NULL);

  return g_ptr_array_index (self->requests, request);
}

/**
 * grant_scope_matrix_set_access_token:
 * @self: a #GrantScopeMatrix
 * @set: a scope set's position
 * @access_token: (nullable): a token granted that set's scopes, or %NULL to send that
 *   column's requests without one
 * @token_type: (nullable): the token response's `token_type`; %NULL for Bearer
 *
 * The token goes in each request's Authorization header with @token_type as the scheme
 * (RFC 6750 §2.1). The matrix makes no DPoP proofs: a DPoP-bound token is refused by the
 * API, which is what the cell then shows.
 */
void
grant_scope_matrix_set_access_token (GrantScopeMatrix *self,
                                     guint             set,
                                     const char       *access_token,
                                     const char       *token_type)
{
  ScopeSet *scope_set;

  g_return_if_fail (GRANT_IS_SCOPE_MATRIX (self));
  g_return_if_fail (set < self->sets->len);

  scope_set = &g_array_index (self->sets, ScopeSet, set);
  g_free (scope_set->access_token);
  scope_set->access_token = g_strdup (access_token);
  g_free (scope_set->token_type);
  scope_set->token_type = g_strdup (token_type);
}

/**
 * grant_scope_matrix_get_access_token:
 * @self: a #GrantScopeMatrix
 * @set: a scope set's position
 *
 * Returns: (nullable): the access token sent for that set
 */
const char *
grant_scope_matrix_get_access_token (GrantScopeMatrix *self,
                                     guint             set)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), NULL);
  g_return_val_if_fail (set < self->sets->len, NULL);

  return g_array_index (self->sets, ScopeSet, set).access_token;
}

/* The Authorization scheme for a token_type: the server's word, case and all, is kept
 * unless it is Bearer (matched without case, RFC 6750 §4) or not a token (RFC 9110 §5.6.2),
 * which would not fit in a header. */
static const char *
scheme_for (const char *token_type)
{
  if (token_type == NULL || *token_type == '\0' || g_ascii_strcasecmp (token_type, "Bearer") == 0)
    return "Bearer";
  for (const char *c = token_type; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && strchr ("!#$%&'*+-.^_`|~", *c) == NULL)
      return "Bearer";

  return token_type;
}

static void
ran_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantScopeMatrix *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) exchanges = NULL;
  GError *error = NULL;

  self->running = FALSE;
  exchanges = grant_replay_runner_run_finish (GRANT_REPLAY_RUNNER (object), result, &error);
  if (exchanges == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_pointer (&self->exchanges, g_ptr_array_unref);
  self->exchanges = g_steal_pointer (&exchanges);
  g_task_return_boolean (task, TRUE);
}

/**
 * grant_scope_matrix_run_async:
 * @self: a #GrantScopeMatrix
 * @runner: the runner that sends the requests (its client, parallelism and progress)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every cell has its answer, or the run was cancelled
 * @user_data: data for @callback
 *
 * Sends each request once per scope set, with that set's access token, and keeps every
 * answer. Cells whose request got no response have status 0.
 */
void
grant_scope_matrix_run_async (GrantScopeMatrix    *self,
                              GrantReplayRunner   *runner,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) cells = NULL;

  g_return_if_fail (GRANT_IS_SCOPE_MATRIX (self));
  g_return_if_fail (GRANT_IS_REPLAY_RUNNER (runner));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_scope_matrix_run_async);

  cells = g_ptr_array_new_full (self->requests->len * self->sets->len, g_object_unref);
  for (guint r = 0; r < self->requests->len; r++)
    for (guint s = 0; s < self->sets->len; s++)
      {
        const ScopeSet *set = &g_array_index (self->sets, ScopeSet, s);
        GrantHttpRequest *cell = grant_http_request_copy (g_ptr_array_index (self->requests, r));

        grant_http_request_remove_header (cell, "Authorization");
        if (set->access_token != NULL)
          {
            g_autofree char *authorization = g_strdup_printf ("%s %s",
                                                              scheme_for (set->token_type),
                                                              set->access_token);

            grant_http_request_set_header (cell, "Authorization", authorization, TRUE);
          }
        g_ptr_array_add (cells, cell);
      }

  self->running = TRUE;
  grant_replay_runner_run_async (runner, cells, NC_("exchange", "Scope matrix"), cancellable,
                                 ran_cb, g_steal_pointer (&task));
}

/**
 * grant_scope_matrix_run_finish:
 * @self: a #GrantScopeMatrix
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every cell has its answer; %FALSE with @error set when the run was
 *   cancelled (the results of an earlier run, if any, stay)
 */
gboolean
grant_scope_matrix_run_finish (GrantScopeMatrix  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == grant_scope_matrix_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * grant_scope_matrix_has_run:
 * @self: a #GrantScopeMatrix
 *
 * Returns: whether the cells hold the answers of a run
 */
gboolean
grant_scope_matrix_has_run (GrantScopeMatrix *self)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), FALSE);

  return self->exchanges != NULL;
}

/**
 * grant_scope_matrix_get_exchange:
 * @self: a #GrantScopeMatrix
 * @request: a request's position
 * @set: a scope set's position
 *
 * Returns: (transfer none) (nullable): the exchange of that cell, %NULL before a run
 */
GrantExchange *
grant_scope_matrix_get_exchange (GrantScopeMatrix *self,
                                 guint             request,
                                 guint             set)
{
  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), NULL);
  g_return_val_if_fail (request < self->requests->len, NULL);
  g_return_val_if_fail (set < self->sets->len, NULL);

  if (self->exchanges == NULL)
    return NULL;

  return g_ptr_array_index (self->exchanges, request * self->sets->len + set);
}

/**
 * grant_scope_matrix_get_status:
 * @self: a #GrantScopeMatrix
 * @request: a request's position
 * @set: a scope set's position
 *
 * Returns: the HTTP status the API answered that cell with; 0 when no response came, or
 *   before a run
 */
guint
grant_scope_matrix_get_status (GrantScopeMatrix *self,
                               guint             request,
                               guint             set)
{
  GrantExchange *exchange = grant_scope_matrix_get_exchange (self, request, set);

  if (exchange == NULL || grant_exchange_get_state (exchange) != GRANT_EXCHANGE_COMPLETE)
    return 0;

  return grant_exchange_get_status (exchange);
}

/**
 * grant_scope_matrix_get_least_privilege:
 * @self: a #GrantScopeMatrix
 * @request: a request's position
 *
 * The smallest scope sets, by number of scopes, that the API answered @request with 2xx;
 * several when sets of the same size each do (alternative scopes). Only the sets tried
 * count: beyond %GRANT_SCOPE_MATRIX_MAX_EXHAUSTIVE scopes, not every subset is.
 *
 * Returns: (transfer full) (element-type guint): the positions of those scope sets, in the
 *   matrix's order; empty when no set got a 2xx (or before a run)
 */
GArray *
grant_scope_matrix_get_least_privilege (GrantScopeMatrix *self,
                                        guint             request)
{
  GArray *least;
  guint smallest = G_MAXUINT;

  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), NULL);
  g_return_val_if_fail (request < self->requests->len, NULL);

  least = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint s = 0; s < self->sets->len; s++)
    {
      guint status = grant_scope_matrix_get_status (self, request, s);
      guint size = g_strv_length (g_array_index (self->sets, ScopeSet, s).scopes);

      if (status < 200 || status > 299 || size > smallest)
        continue;
      if (size < smallest)
        g_array_set_size (least, 0);
      smallest = size;
      g_array_append_val (least, s);
    }

  return least;
}

static JsonArray *
strv_to_json (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

/**
 * grant_scope_matrix_to_json:
 * @self: a #GrantScopeMatrix
 *
 * The matrix for scripts and reports, without any token:
 * |[
 * { "scopes": ["a", "b"],
 *   "scope_sets": [[], ["a"], ["b"], ["a", "b"]],
 *   "requests": [{ "method": "GET", "uri": "https://api.example/x",
 *                  "statuses": [401, 200, 403, 200],
 *                  "least_privilege": [["a"]] }] }
 * ]|
 * `statuses` has one status per scope set, in the order of `scope_sets`, 0 for no response
 * (and an `errors` object then says why, by the set's position); `least_privilege` is empty
 * when no set got a 2xx.
 *
 * Returns: (transfer full): the object
 */
JsonObject *
grant_scope_matrix_to_json (GrantScopeMatrix *self)
{
  JsonObject *object;
  JsonArray *sets;
  JsonArray *requests;

  g_return_val_if_fail (GRANT_IS_SCOPE_MATRIX (self), NULL);

  object = json_object_new ();
  json_object_set_array_member (object, "scopes",
                                strv_to_json ((const char * const *) self->scopes));

  sets = json_array_new ();
  for (guint s = 0; s < self->sets->len; s++)
    json_array_add_array_element (sets, strv_to_json (grant_scope_matrix_get_scope_set (self,
                                                                                        s)));
  json_object_set_array_member (object, "scope_sets", sets);

  requests = json_array_new ();
  for (guint r = 0; r < self->requests->len; r++)
    {
      GrantHttpRequest *request = g_ptr_array_index (self->requests, r);
      JsonObject *row = json_object_new ();
      JsonArray *statuses = json_array_new ();
      JsonArray *least_sets = json_array_new ();
      JsonObject *errors = json_object_new ();
      g_autoptr(GArray) least = grant_scope_matrix_get_least_privilege (self, r);

      json_object_set_string_member (row, "method", grant_http_request_get_method (request));
      json_object_set_string_member (row, "uri", grant_http_request_get_uri (request));
      for (guint s = 0; s < self->sets->len; s++)
        {
          GrantExchange *exchange = grant_scope_matrix_get_exchange (self, r, s);
          guint status = grant_scope_matrix_get_status (self, r, s);

          json_array_add_int_element (statuses, status);
          if (exchange != NULL && status == 0 && grant_exchange_get_error (exchange) != NULL)
            {
              g_autofree char *key = g_strdup_printf ("%u", s);

              json_object_set_string_member (errors, key,
                                             grant_exchange_get_error (exchange)->message);
            }
        }
      json_object_set_array_member (row, "statuses", statuses);
      for (guint i = 0; i < least->len; i++)
        json_array_add_array_element (least_sets,
                                      strv_to_json (grant_scope_matrix_get_scope_set (
                                        self, g_array_index (least, guint, i))));
      json_object_set_array_member (row, "least_privilege", least_sets);
      if (json_object_get_size (errors) > 0)
        json_object_set_object_member (row, "errors", errors);
      else
        json_object_unref (errors);
      json_array_add_object_element (requests, row);
    }
  json_object_set_array_member (object, "requests", requests);

  return object;
}
