/* grant-probe-suite.c
 * The security probes of one API request: built from the request and a valid token, run,
 * and exported as a table.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A suite is a GListModel of GrantProbes, one per GrantProbeKind, rebuilt by each run. A
 * probe that cannot apply (an opaque token cannot be tampered with, a token without a DPoP
 * key has no DPoP probes, no expired token was given) is skipped with its reason, never
 * passed. The probes go out through a GrantReplayRunner, and so through the recording client
 * into the log, in three batches: every probe that needs nothing before it; then the replay of
 * the valid request's DPoP proof, which must have been used once; then, after revoking the
 * token (RFC 7009), the revoked-token probe, last since it ends the token.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "grant-jws.h"
#include "grant-jwt-claims.h"
#include "grant-probe-suite.h"
#include "grant-replay-runner.h"
#include "grant-token-operations.h"

/* The title of the probes' exchanges in the log. */
#define PROBE_TITLE NC_("exchange", "Security probe")

struct _GrantProbeSuite
{
  GObject           parent_instance;

  GrantHttpClient  *http_client;
  GrantHttpRequest *request;
  char             *access_token;
  GrantDpopSession *dpop;
  char             *expired_token;
  char             *other_audience_token;
  GrantProvider    *provider;
  GrantClient      *client;
  GPtrArray        *probes;
  gboolean          running;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantProbeSuite, grant_probe_suite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* One run: the task's data. */
typedef struct
{
  GrantReplayRunner *runner;
  /* The probes of the batch on the wire, in the order of its requests. */
  GPtrArray         *batch;
  /* The step after the batch, once it is judged. */
  void             (*then) (GTask *task);
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->runner);
  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_free (run);
}

static GType
grant_probe_suite_get_item_type (GListModel *model)
{
  return GRANT_TYPE_PROBE;
}

static guint
grant_probe_suite_get_n_items (GListModel *model)
{
  return GRANT_PROBE_SUITE (model)->probes->len;
}

static gpointer
grant_probe_suite_get_item (GListModel *model,
                            guint       position)
{
  GrantProbeSuite *self = GRANT_PROBE_SUITE (model);

  if (position >= self->probes->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->probes, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = grant_probe_suite_get_item_type;
  iface->get_n_items = grant_probe_suite_get_n_items;
  iface->get_item = grant_probe_suite_get_item;
}

static void
grant_probe_suite_finalize (GObject *object)
{
  GrantProbeSuite *self = (GrantProbeSuite *)object;

  g_clear_object (&self->http_client);
  g_clear_object (&self->request);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_object (&self->dpop);
  g_clear_pointer (&self->expired_token, g_free);
  g_clear_pointer (&self->other_audience_token, g_free);
  g_clear_object (&self->provider);
  g_clear_object (&self->client);
  g_clear_pointer (&self->probes, g_ptr_array_unref);

  G_OBJECT_CLASS (grant_probe_suite_parent_class)->finalize (object);
}

static void
grant_probe_suite_class_init (GrantProbeSuiteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grant_probe_suite_finalize;
}

static void
grant_probe_suite_init (GrantProbeSuite *self)
{
  self->probes = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * grant_probe_suite_new:
 * @http_client: the client to send with; every probe is recorded in its log
 * @request: the API request to probe, as it is sent with a valid token; an Authorization or
 *   DPoP header in it is replaced by each probe's
 * @access_token: a valid access token for @request
 *
 * Returns: (transfer full): a suite, without probes until it runs
 */
GrantProbeSuite *
grant_probe_suite_new (GrantHttpClient  *http_client,
                       GrantHttpRequest *request,
                       const char       *access_token)
{
  GrantProbeSuite *self;

  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (http_client), NULL);
  g_return_val_if_fail (GRANT_IS_HTTP_REQUEST (request), NULL);
  g_return_val_if_fail (access_token != NULL && *access_token != '\0', NULL);

  self = g_object_new (GRANT_TYPE_PROBE_SUITE, NULL);
  self->http_client = g_object_ref (http_client);
  self->request = grant_http_request_copy (request);
  grant_http_request_remove_header (self->request, "Authorization");
  grant_http_request_remove_header (self->request, "DPoP");
  self->access_token = g_strdup (access_token);

  return self;
}

/**
 * grant_probe_suite_get_request:
 * @self: a #GrantProbeSuite
 *
 * Returns: (transfer none): the request probed, without credentials
 */
GrantHttpRequest *
grant_probe_suite_get_request (GrantProbeSuite *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE_SUITE (self), NULL);

  return self->request;
}

/**
 * grant_probe_suite_get_dpop_session:
 * @self: a #GrantProbeSuite
 *
 * Returns: (transfer none) (nullable): the DPoP session the token is bound to
 */
GrantDpopSession *
grant_probe_suite_get_dpop_session (GrantProbeSuite *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE_SUITE (self), NULL);

  return self->dpop;
}

/**
 * grant_probe_suite_set_dpop_session:
 * @self: a #GrantProbeSuite
 * @dpop: (nullable): the DPoP session the access token is bound to
 *
 * With a session, the token is DPoP-bound: it goes with the DPoP scheme and a fresh proof,
 * and the DPoP probes run. Without one they are skipped.
 */
void
grant_probe_suite_set_dpop_session (GrantProbeSuite  *self,
                                    GrantDpopSession *dpop)
{
  g_return_if_fail (GRANT_IS_PROBE_SUITE (self));
  g_return_if_fail (dpop == NULL || GRANT_IS_DPOP_SESSION (dpop));

  g_set_object (&self->dpop, dpop);
}

/* An empty token counts as none. */
static void
set_token (char       **field,
           const char  *token)
{
  g_free (*field);
  *field = token != NULL && *token != '\0' ? g_strdup (token) : NULL;
}

/**
 * grant_probe_suite_set_expired_token:
 * @self: a #GrantProbeSuite
 * @token: (nullable): an access token for the same API, past its expiry
 *
 * Without one, the expired-token probe is skipped: Grant cannot make one the API would
 * otherwise accept.
 */
void
grant_probe_suite_set_expired_token (GrantProbeSuite *self,
                                     const char      *token)
{
  g_return_if_fail (GRANT_IS_PROBE_SUITE (self));

  set_token (&self->expired_token, token);
}

/**
 * grant_probe_suite_set_other_audience_token:
 * @self: a #GrantProbeSuite
 * @token: (nullable): an access token of the same issuer for another audience
 *
 * Without one, the other-audience probe is skipped.
 */
void
grant_probe_suite_set_other_audience_token (GrantProbeSuite *self,
                                            const char      *token)
{
  g_return_if_fail (GRANT_IS_PROBE_SUITE (self));

  set_token (&self->other_audience_token, token);
}

/**
 * grant_probe_suite_set_revocation:
 * @self: a #GrantProbeSuite
 * @provider: (nullable): the authorization server that issued the token
 * @client: (nullable): the client the token was issued to
 *
 * Lets the suite revoke the token (RFC 7009) for its last probe. Without them the
 * revoked-token probe is skipped: revoking ends the token, so it happens only when asked.
 */
void
grant_probe_suite_set_revocation (GrantProbeSuite *self,
                                  GrantProvider   *provider,
                                  GrantClient     *client)
{
  g_return_if_fail (GRANT_IS_PROBE_SUITE (self));
  g_return_if_fail (provider == NULL || GRANT_IS_PROVIDER (provider));
  g_return_if_fail (client == NULL || GRANT_IS_CLIENT (client));

  g_set_object (&self->provider, provider);
  g_set_object (&self->client, client);
}

/* What a JWT says of itself, for the diagnoses: its scope and its expiry. Opaque tokens say
 * nothing. */
static void
read_token_claims (const char  *token,
                   char       **scope,
                   gint64      *expires_at)
{
  g_autoptr(GrantJws) jws = token != NULL ? grant_jws_parse (token, -1, NULL) : NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;

  *scope = NULL;
  *expires_at = -1;
  if (jws == NULL
      || (claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), NULL)) == NULL)
    return;

  if (!grant_jwt_claims_get_time (claims, "exp", expires_at, NULL))
    *expires_at = -1;
  *scope = grant_jwt_claims_dup_scope (claims);
}

/* The token a probe sends, or %NULL with the reason it cannot apply. */
static char *
token_for (GrantProbeSuite  *self,
           GrantProbeKind    kind,
           char            **skip_reason)
{
  g_autoptr(GError) error = NULL;
  char *token = NULL;

  switch (kind)
    {
    case GRANT_PROBE_SIGNATURE_STRIPPED:
      token = grant_probe_strip_signature (self->access_token, &error);
      break;
    case GRANT_PROBE_ALG_NONE:
      token = grant_probe_make_alg_none (self->access_token, &error);
      break;
    case GRANT_PROBE_PAYLOAD_TAMPERED:
      token = grant_probe_tamper_payload (self->access_token, &error);
      break;
    case GRANT_PROBE_EXPIRED_TOKEN:
      if (self->expired_token == NULL)
        *skip_reason = g_strdup (_("No expired token was given: Grant cannot make one that the "
                                 "API would otherwise accept."));
      return g_strdup (self->expired_token);
    case GRANT_PROBE_OTHER_AUDIENCE:
      if (self->other_audience_token == NULL)
        *skip_reason = g_strdup (_("No token for another audience was given."));
      return g_strdup (self->other_audience_token);
    default:
      return g_strdup (self->access_token);
    }

  if (token == NULL)
    *skip_reason = g_strdup_printf (_("The token is not a JWT that Grant can read (%s), so it "
                                    "has no signature or claims to tamper with."),
                                    error->message);

  return token;
}

/* The Authorization header a probe sends with @token, or %NULL for none. */
static char *
authorization_for (GrantProbeKind  kind,
                   gboolean        dpop_bound,
                   const char     *token)
{
  const char *scheme = dpop_bound ? "DPoP" : "Bearer";

  switch (kind)
    {
    case GRANT_PROBE_NO_TOKEN:
    case GRANT_PROBE_TOKEN_IN_QUERY:
      return NULL;
    case GRANT_PROBE_NO_SCHEME:
      return g_strdup (token);
    case GRANT_PROBE_WRONG_SCHEME:
      return g_strconcat ("Token ", token, NULL);
    case GRANT_PROBE_LOWER_CASE_SCHEME:
      return g_strconcat (dpop_bound ? "dpop " : "bearer ", token, NULL);
    case GRANT_PROBE_EXTRA_SPACES:
      return g_strconcat (scheme, "  ", token, NULL);
    case GRANT_PROBE_TWO_TOKENS:
      return g_strconcat (scheme, " ", token, " ", token, NULL);
    case GRANT_PROBE_DPOP_AS_BEARER:
      return g_strconcat ("Bearer ", token, NULL);
    default:
      return g_strconcat (scheme, " ", token, NULL);
    }
}

/* @uri with access_token=@token added to its query (RFC 6750 §2.3). */
static char *
add_token_to_query (const char *uri,
                    const char *token)
{
  g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);
  g_autofree char *base = g_strndup (uri, strcspn (uri, "#"));

  return g_strconcat (base, strchr (base, '?') != NULL ? "&" : "?", "access_token=", escaped,
                      NULL);
}

/* Gives @probe its request, with a fresh DPoP proof when it sends one; or skips it. */
static void
prepare (GrantProbeSuite *self,
         GrantProbe      *probe)
{
  GrantProbeKind kind = grant_probe_get_kind (probe);
  gboolean dpop_bound = self->dpop != NULL;
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autofree char *skip_reason = NULL;
  g_autofree char *token = NULL;
  g_autofree char *authorization = NULL;

  if ((kind == GRANT_PROBE_DPOP_AS_BEARER || kind == GRANT_PROBE_DPOP_PROOF_REPLAYED)
      && !dpop_bound)
    {
      grant_probe_skip (probe, _("The token is not DPoP-bound (no DPoP key was given), so there "
                               "is no binding to test."));
      return;
    }
  if (kind == GRANT_PROBE_REVOKED_TOKEN && (self->provider == NULL || self->client == NULL))
    {
      grant_probe_skip (probe, _("Revoking the token was not asked for: it ends the token, so "
                               "Grant does it only when given the client to revoke it with."));
      return;
    }

  token = token_for (self, kind, &skip_reason);
  if (token == NULL)
    {
      grant_probe_skip (probe, skip_reason);
      return;
    }

  request = grant_http_request_copy (self->request);
  if (kind == GRANT_PROBE_TOKEN_IN_QUERY)
    {
      g_autofree char *uri = add_token_to_query (grant_http_request_get_uri (request), token);

      grant_http_request_set_uri (request, uri);
    }

  authorization = authorization_for (kind, dpop_bound, token);
  if (authorization != NULL)
    grant_http_request_set_header (request, "Authorization", authorization, TRUE);

  /* The proof is for the very token sent (its ath), so that a refusal is the probe's doing
   * and not a proof that does not match. */
  if (dpop_bound && authorization != NULL && kind != GRANT_PROBE_DPOP_AS_BEARER)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *proof = NULL;

      proof = grant_dpop_session_make_proof (self->dpop, grant_http_request_get_method (request),
                                             grant_http_request_get_uri (request), token,
                                             &error);
      if (proof == NULL)
        {
          g_autofree char *reason = g_strdup_printf (_("Grant could not make a DPoP proof: %s."),
                                                     error->message);

          grant_probe_skip (probe, reason);
          return;
        }
      grant_http_request_set_header (request, "DPoP", proof, TRUE);
    }

  grant_probe_set_request (probe, request);
}

/* Judges the batch that came back; %FALSE when the run ended (cancelled). */
static gboolean
judge_batch (GTask        *task,
             GAsyncResult *result)
{
  GrantProbeSuite *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;

  exchanges = grant_replay_runner_run_finish (run->runner, result, &error);
  if (exchanges == NULL)
    {
      self->running = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return FALSE;
    }

  for (guint i = 0; i < run->batch->len; i++)
    {
      GrantProbe *probe = g_ptr_array_index (run->batch, i);
      GrantProbeKind kind = grant_probe_get_kind (probe);
      const char *token = kind == GRANT_PROBE_EXPIRED_TOKEN ? self->expired_token
                          : kind == GRANT_PROBE_OTHER_AUDIENCE ? self->other_audience_token
                          : self->access_token;
      g_autofree char *scope = NULL;
      gint64 expires_at;

      read_token_claims (token, &scope, &expires_at);
      grant_probe_judge (probe, g_ptr_array_index (exchanges, i), scope, expires_at);
    }

  return TRUE;
}

static void
batch_judged_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  if (!judge_batch (task, result))
    {
      g_object_unref (task);
      return;
    }

  run->then (task);
}

/* Sends the probes of @batch through the runner, then takes the step @then. */
static void
send_batch (GTask      *task,
            GPtrArray  *batch,
            void      (*then) (GTask *task))
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_pointer (&run->batch, g_ptr_array_unref);
  run->batch = batch;
  run->then = then;
  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (requests, g_object_ref (grant_probe_get_request (
                                               g_ptr_array_index (batch, i))));

  grant_replay_runner_run_async (run->runner, requests, PROBE_TITLE,
                                 g_task_get_cancellable (task), batch_judged_cb, task);
}

static void
finish_run (GTask *task)
{
  GrantProbeSuite *self = g_task_get_source_object (task);

  self->running = FALSE;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
revoke_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GrantProbeSuite *self = g_task_get_source_object (task);
  GrantProbe *probe = grant_probe_suite_find (self, GRANT_PROBE_REVOKED_TOKEN);
  g_autoptr(GError) error = NULL;
  GPtrArray *batch;

  if (!grant_revoke_finish (result, &error))
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->running = FALSE;
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      reason = g_strdup_printf (_("The token could not be revoked, so there is nothing to "
                                "replay: %s."), error->message);
      grant_probe_skip (probe, reason);
      finish_run (task);
      return;
    }

  /* Built now, for a DPoP proof as fresh as the revocation. */
  prepare (self, probe);
  if (grant_probe_get_request (probe) == NULL)
    {
      finish_run (task);
      return;
    }

  batch = g_ptr_array_new_full (1, g_object_unref);
  g_ptr_array_add (batch, g_object_ref (probe));
  send_batch (task, batch, finish_run);
}

/* Whether @probe, which means something only once the valid request was accepted, is to
 * run; when it is not, it is skipped with @reason (unless it was skipped already). */
static gboolean
follows_valid_request (GrantProbeSuite *self,
                       GrantProbe      *probe,
                       const char      *reason)
{
  GrantProbe *valid = grant_probe_suite_find (self, GRANT_PROBE_VALID_TOKEN);

  if (grant_probe_get_verdict (probe) == GRANT_PROBE_SKIPPED)
    return FALSE;
  if (grant_probe_get_verdict (valid) != GRANT_PROBE_PASSED)
    {
      grant_probe_skip (probe, reason);
      return FALSE;
    }

  return TRUE;
}

/* The last step: revoke the token, then send it again. */
static void
revoke_token (GTask *task)
{
  GrantProbeSuite *self = g_task_get_source_object (task);
  GrantProbe *probe = grant_probe_suite_find (self, GRANT_PROBE_REVOKED_TOKEN);

  if (!follows_valid_request (self, probe, _("The valid request was refused, so a refusal "
                                           "after revoking the token would prove nothing; "
                                           "the token was not revoked.")))
    {
      finish_run (task);
      return;
    }

  grant_revoke_async (self->provider, self->client, self->http_client, self->access_token,
                      "access_token", g_task_get_cancellable (task), revoke_cb, task);
}

/* The second step: the valid request's DPoP proof, sent again once the API accepted it. */
static void
replay_proof (GTask *task)
{
  GrantProbeSuite *self = g_task_get_source_object (task);
  GrantProbe *probe = grant_probe_suite_find (self, GRANT_PROBE_DPOP_PROOF_REPLAYED);
  GrantProbe *valid = grant_probe_suite_find (self, GRANT_PROBE_VALID_TOKEN);
  g_autoptr(GrantHttpRequest) request = NULL;
  GPtrArray *batch;

  if (!follows_valid_request (self, probe, _("The valid request was refused, so its DPoP proof "
                                           "was never accepted and a refused replay would "
                                           "prove nothing.")))
    {
      revoke_token (task);
      return;
    }

  request = grant_http_request_copy (grant_probe_get_request (valid));
  grant_probe_set_request (probe, request);
  batch = g_ptr_array_new_full (1, g_object_unref);
  g_ptr_array_add (batch, g_object_ref (probe));
  send_batch (task, batch, revoke_token);
}

/**
 * grant_probe_suite_run_async:
 * @self: a #GrantProbeSuite
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every probe has its verdict
 * @user_data: data for @callback
 *
 * Builds the probes (the list model changes) and runs them: first all those that need
 * nothing before them, with bounded parallelism; then the replay of the valid request's
 * DPoP proof; then, when a client to revoke with was given, the token is revoked (RFC 7009)
 * and sent once more. A suite runs once at a time.
 */
void
grant_probe_suite_run_async (GrantProbeSuite     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *batch;
  guint removed;
  Run *run;

  g_return_if_fail (GRANT_IS_PROBE_SUITE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_probe_suite_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The security probes are already running"));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  run = g_new0 (Run, 1);
  run->runner = grant_replay_runner_new (self->http_client, 0);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  self->running = TRUE;

  removed = self->probes->len;
  g_ptr_array_set_size (self->probes, 0);
  for (GrantProbeKind kind = 0; kind <= GRANT_PROBE_KIND_LAST; kind++)
    g_ptr_array_add (self->probes, grant_probe_new (kind, self->dpop != NULL));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->probes->len);

  batch = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->probes->len; i++)
    {
      GrantProbe *probe = g_ptr_array_index (self->probes, i);
      GrantProbeKind kind = grant_probe_get_kind (probe);

      /* The replay and the revoked token are prepared when their turn comes. */
      if (kind == GRANT_PROBE_DPOP_PROOF_REPLAYED || kind == GRANT_PROBE_REVOKED_TOKEN)
        {
          if ((kind == GRANT_PROBE_DPOP_PROOF_REPLAYED && self->dpop == NULL)
              || (kind == GRANT_PROBE_REVOKED_TOKEN
                  && (self->provider == NULL || self->client == NULL)))
            prepare (self, probe);
          continue;
        }

      prepare (self, probe);
      if (grant_probe_get_request (probe) != NULL)
        g_ptr_array_add (batch, g_object_ref (probe));
    }

  send_batch (task, batch, replay_proof);
  g_steal_pointer (&task);
}

/**
 * grant_probe_suite_run_finish:
 * @self: a #GrantProbeSuite
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every probe has its verdict (whatever it is), %FALSE with @error set
 *   when the run was cancelled
 */
gboolean
grant_probe_suite_run_finish (GrantProbeSuite  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (GRANT_IS_PROBE_SUITE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == grant_probe_suite_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * grant_probe_suite_find:
 * @self: a #GrantProbeSuite
 * @kind: a #GrantProbeKind
 *
 * Returns: (transfer none) (nullable): the probe of that kind, or %NULL before the first run
 */
GrantProbe *
grant_probe_suite_find (GrantProbeSuite *self,
                        GrantProbeKind   kind)
{
  g_return_val_if_fail (GRANT_IS_PROBE_SUITE (self), NULL);

  for (guint i = 0; i < self->probes->len; i++)
    if (grant_probe_get_kind (g_ptr_array_index (self->probes, i)) == kind)
      return g_ptr_array_index (self->probes, i);

  return NULL;
}

/**
 * grant_probe_suite_count:
 * @self: a #GrantProbeSuite
 * @verdict: a #GrantProbeVerdict
 *
 * Returns: how many probes have @verdict
 */
guint
grant_probe_suite_count (GrantProbeSuite   *self,
                         GrantProbeVerdict  verdict)
{
  guint count = 0;

  g_return_val_if_fail (GRANT_IS_PROBE_SUITE (self), 0);

  for (guint i = 0; i < self->probes->len; i++)
    if (grant_probe_get_verdict (g_ptr_array_index (self->probes, i)) == verdict)
      count++;

  return count;
}

/**
 * grant_probe_suite_to_json:
 * @self: a #GrantProbeSuite
 *
 * The table as JSON, without the token: `request` (`method`, `uri`), `dpop_bound`,
 * `probes` (one row per probe, see grant_probe_to_json()) and `summary` (how many
 * `passed`, `warned`, `failed`, `skipped`).
 *
 * Returns: (transfer full): the table
 */
JsonObject *
grant_probe_suite_to_json (GrantProbeSuite *self)
{
  static const GrantProbeVerdict counted[] = {
    GRANT_PROBE_PASSED, GRANT_PROBE_WARNED, GRANT_PROBE_FAILED, GRANT_PROBE_SKIPPED,
  };
  JsonObject *object;
  JsonObject *request;
  JsonObject *summary;
  JsonArray *probes;

  g_return_val_if_fail (GRANT_IS_PROBE_SUITE (self), NULL);

  object = json_object_new ();
  request = json_object_new ();
  json_object_set_string_member (request, "method", grant_http_request_get_method (self->request));
  json_object_set_string_member (request, "uri", grant_http_request_get_uri (self->request));
  json_object_set_object_member (object, "request", request);
  json_object_set_boolean_member (object, "dpop_bound", self->dpop != NULL);

  probes = json_array_new ();
  for (guint i = 0; i < self->probes->len; i++)
    json_array_add_object_element (probes, grant_probe_to_json (g_ptr_array_index (self->probes,
                                                                                   i)));
  json_object_set_array_member (object, "probes", probes);

  summary = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    json_object_set_int_member (summary, grant_probe_verdict_get_name (counted[i]),
                                grant_probe_suite_count (self, counted[i]));
  json_object_set_object_member (object, "summary", summary);

  return object;
}
