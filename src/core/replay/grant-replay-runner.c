/* grant-replay-runner.c
 * Sends a batch of API requests with bounded parallelism, and backs off when told to (429).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scope matrix and the security probes send many requests to one API. They go out in
 * the order given, at most max-parallel at a time, each through the recording client, so
 * every one is in the log. An API that answers 429 Too Many Requests (RFC 6585 §4) is
 * listened to: the runner starts nothing new until the Retry-After (RFC 9110 §10.2.3) has
 * passed, goes on one request at a time for the rest of the run, and sends the refused
 * request again, a few times at most. Waiting is a timeout on the main context, never a
 * sleep.
 *
 * A request that got no response does not fail the run: its result is the failed exchange,
 * as the log has it. Only cancellation ends a run early.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "grant-replay-runner.h"

struct _GrantReplayRunner
{
  GObject          parent_instance;

  GrantHttpClient *client;
  guint            max_parallel;
  guint            completed;
  guint            total;
  guint            retried;
  gboolean         running;
};

G_DEFINE_FINAL_TYPE (GrantReplayRunner, grant_replay_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MAX_PARALLEL,
  PROP_COMPLETED,
  PROP_TOTAL,
  PROP_RETRIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One run: the task's data. */
typedef struct
{
  GPtrArray *requests;
  GPtrArray *results;
  guint     *sends;
  GQueue     retries;
  char      *title;
  guint      next;
  guint      in_flight;
  guint      parallel;
  guint      log_start;
  GSource   *resume;
  GSource   *cancelled;
  gboolean   finished;
} Run;

/* One request on the wire. */
typedef struct
{
  GTask            *task;
  GrantHttpRequest *request;
  guint             index;
} Sent;

static void
run_free (Run *run)
{
  if (run->resume != NULL)
    g_source_destroy (run->resume);
  g_clear_pointer (&run->resume, g_source_unref);
  if (run->cancelled != NULL)
    g_source_destroy (run->cancelled);
  g_clear_pointer (&run->cancelled, g_source_unref);
  g_clear_pointer (&run->requests, g_ptr_array_unref);
  if (run->results != NULL)
    {
      /* A cancelled run has holes, which g_object_unref() would warn about. */
      g_ptr_array_set_free_func (run->results, NULL);
      for (guint i = 0; i < run->results->len; i++)
        g_clear_object ((GrantExchange **) &run->results->pdata[i]);
      g_clear_pointer (&run->results, g_ptr_array_unref);
    }
  g_clear_pointer (&run->sends, g_free);
  g_queue_clear (&run->retries);
  g_clear_pointer (&run->title, g_free);
  g_free (run);
}

static void
grant_replay_runner_finalize (GObject *object)
{
  GrantReplayRunner *self = (GrantReplayRunner *)object;

  g_clear_object (&self->client);

  G_OBJECT_CLASS (grant_replay_runner_parent_class)->finalize (object);
}

static void
grant_replay_runner_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GrantReplayRunner *self = GRANT_REPLAY_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MAX_PARALLEL:
      g_value_set_uint (value, self->max_parallel);
      break;
    case PROP_COMPLETED:
      g_value_set_uint (value, self->completed);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_RETRIED:
      g_value_set_uint (value, self->retried);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_replay_runner_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GrantReplayRunner *self = GRANT_REPLAY_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_MAX_PARALLEL:
      self->max_parallel = g_value_get_uint (value);
      if (self->max_parallel == 0)
        self->max_parallel = GRANT_REPLAY_RUNNER_DEFAULT_MAX_PARALLEL;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_replay_runner_class_init (GrantReplayRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_replay_runner_finalize;
  object_class->get_property = grant_replay_runner_get_property;
  object_class->set_property = grant_replay_runner_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GRANT_TYPE_HTTP_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_PARALLEL] =
    g_param_spec_uint ("max-parallel", NULL, NULL, 0, G_MAXUINT,
                       GRANT_REPLAY_RUNNER_DEFAULT_MAX_PARALLEL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETED] =
    g_param_spec_uint ("completed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRIED] =
    g_param_spec_uint ("retried", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_replay_runner_init (GrantReplayRunner *self)
{
  self->max_parallel = GRANT_REPLAY_RUNNER_DEFAULT_MAX_PARALLEL;
}

/**
 * grant_replay_runner_new:
 * @client: the recording client the requests go through
 * @max_parallel: the most requests on the wire at once; 0 for
 *   %GRANT_REPLAY_RUNNER_DEFAULT_MAX_PARALLEL
 *
 * Returns: (transfer full): a runner
 */
GrantReplayRunner *
grant_replay_runner_new (GrantHttpClient *client,
                         guint            max_parallel)
{
  g_return_val_if_fail (GRANT_IS_HTTP_CLIENT (client), NULL);

  return g_object_new (GRANT_TYPE_REPLAY_RUNNER,
                       "client", client,
                       "max-parallel", max_parallel,
                       NULL);
}

/**
 * grant_replay_runner_get_client:
 * @self: a #GrantReplayRunner
 *
 * Returns: (transfer none): the client the requests go through
 */
GrantHttpClient *
grant_replay_runner_get_client (GrantReplayRunner *self)
{
  g_return_val_if_fail (GRANT_IS_REPLAY_RUNNER (self), NULL);

  return self->client;
}

/**
 * grant_replay_runner_get_max_parallel:
 * @self: a #GrantReplayRunner
 *
 * Returns: the most requests the runner has on the wire at once; after a 429, a run goes on
 *   with one
 */
guint
grant_replay_runner_get_max_parallel (GrantReplayRunner *self)
{
  g_return_val_if_fail (GRANT_IS_REPLAY_RUNNER (self), 0);

  return self->max_parallel;
}

/**
 * grant_replay_runner_get_completed:
 * @self: a #GrantReplayRunner
 *
 * Returns: how many requests of the current or last run have their result
 */
guint
grant_replay_runner_get_completed (GrantReplayRunner *self)
{
  g_return_val_if_fail (GRANT_IS_REPLAY_RUNNER (self), 0);

  return self->completed;
}

/**
 * grant_replay_runner_get_total:
 * @self: a #GrantReplayRunner
 *
 * Returns: how many requests the current or last run has
 */
guint
grant_replay_runner_get_total (GrantReplayRunner *self)
{
  g_return_val_if_fail (GRANT_IS_REPLAY_RUNNER (self), 0);

  return self->total;
}

/**
 * grant_replay_runner_get_retried:
 * @self: a #GrantReplayRunner
 *
 * Returns: how many times the current or last run sent a request again after a 429
 */
guint
grant_replay_runner_get_retried (GrantReplayRunner *self)
{
  g_return_val_if_fail (GRANT_IS_REPLAY_RUNNER (self), 0);

  return self->retried;
}

static void
set_count (GrantReplayRunner *self,
           guint             *field,
           guint              value,
           guint              prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* How long a 429 asks to wait, in milliseconds: Retry-After as delta-seconds or as an
 * HTTP-date (RFC 9110 §10.2.3); a second when it says nothing readable; never more than
 * GRANT_REPLAY_RUNNER_MAX_RETRY_AFTER. */
static guint
retry_after_ms (GrantExchange *exchange)
{
  const guint64 most = GRANT_REPLAY_RUNNER_MAX_RETRY_AFTER * 1000;
  const char *value = grant_exchange_get_response_header (exchange, "Retry-After");
  g_autofree char *text = NULL;

  if (value == NULL)
    return 1000;

  text = g_strstrip (g_strdup (value));
  if (text[0] != '\0' && strspn (text, "0123456789") == strlen (text))
    {
      guint64 seconds = g_ascii_strtoull (text, NULL, 10);

      return seconds >= most / 1000 ? most : seconds * 1000;
    }
  else
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (text);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan wait;

      if (when == NULL)
        return 1000;
      wait = g_date_time_difference (when, now) / G_TIME_SPAN_MILLISECOND;

      return (guint) CLAMP (wait, 0, (GTimeSpan) most);
    }
}

/* The exchange the log has for a request that got no response, or a new one when the
 * request never left (the interceptor stopped it, or it could not be built). */
static GrantExchange *
failed_exchange (GrantReplayRunner *self,
                 Run               *run,
                 GrantHttpRequest  *request,
                 const char        *title,
                 const GError      *error)
{
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (self->client));
  GrantExchange *exchange;

  /* Only what was logged since the run started is searched: a cleared log is shorter. */
  for (guint i = g_list_model_get_n_items (log); i > run->log_start; i--)
    {
      g_autoptr(GrantExchange) logged = g_list_model_get_item (log, i - 1);

      if (grant_exchange_get_request (logged) == request
          && grant_exchange_get_state (logged) == GRANT_EXCHANGE_FAILED)
        return g_steal_pointer (&logged);
    }

  exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request, title);
  grant_exchange_fail (exchange, error);

  return exchange;
}

static void
finish (GTask  *task,
        GError *error)
{
  /* The Retry-After timeout may hold the last reference to the task. */
  g_autoptr(GTask) hold = g_object_ref (task);
  GrantReplayRunner *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_assert (!run->finished);
  run->finished = TRUE;
  self->running = FALSE;
  if (run->resume != NULL)
    g_source_destroy (run->resume);
  g_clear_pointer (&run->resume, g_source_unref);
  if (run->cancelled != NULL)
    g_source_destroy (run->cancelled);
  g_clear_pointer (&run->cancelled, g_source_unref);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&run->results),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void start_more (GTask *task);

static gboolean
resume_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Run *run = g_task_get_task_data (task);

  g_clear_pointer (&run->resume, g_source_unref);
  start_more (task);

  return G_SOURCE_REMOVE;
}

/* Starts nothing new for @delay_ms (a later resumption, already set, stands), and from then
 * on one request at a time. */
static void
back_off (GTask *task,
          guint  delay_ms)
{
  Run *run = g_task_get_task_data (task);
  gint64 ready_time = g_get_monotonic_time () + (gint64) delay_ms * 1000;

  run->parallel = 1;
  if (run->resume != NULL)
    {
      if (g_source_get_ready_time (run->resume) >= ready_time)
        return;
      g_source_destroy (run->resume);
      g_clear_pointer (&run->resume, g_source_unref);
    }

  run->resume = g_timeout_source_new (delay_ms);
  g_source_set_name (run->resume, "[grant] replay runner Retry-After");
  g_source_set_callback (run->resume, resume_cb, g_object_ref (task), g_object_unref);
  g_source_attach (run->resume, g_task_get_context (task));
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sent *sent = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&sent->task);
  g_autoptr(GrantHttpRequest) request = g_steal_pointer (&sent->request);
  guint index = sent->index;
  GrantReplayRunner *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;

  g_free (sent);
  exchange = grant_http_client_send_finish (GRANT_HTTP_CLIENT (object), result, &error);
  run->in_flight--;
  if (run->finished)
    return;

  if (g_cancellable_is_cancelled (cancellable))
    {
      finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         _("The run was cancelled")));
      return;
    }

  if (exchange == NULL)
    exchange = failed_exchange (self, run, request, run->title, error);

  if (grant_exchange_get_status (exchange) == 429 /* Too Many Requests, RFC 6585 §4 */
      && run->sends[index] <= GRANT_REPLAY_RUNNER_MAX_RETRIES)
    {
      guint delay_ms = retry_after_ms (exchange);

      /* Not the URL: a query may carry a token (RFC 6750 §2.3). */
      g_debug ("Request %u of “%s” answered 429: waiting %u ms, then one at a time",
               index + 1, run->title, delay_ms);
      g_queue_push_tail (&run->retries, GUINT_TO_POINTER (index));
      back_off (task, delay_ms);
      return;
    }

  g_ptr_array_index (run->results, index) = g_steal_pointer (&exchange);
  set_count (self, &self->completed, self->completed + 1, PROP_COMPLETED);

  if (self->completed == run->requests->len)
    finish (task, NULL);
  else
    start_more (task);
}

static void
send_one (GTask *task,
          guint  index)
{
  GrantReplayRunner *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GrantHttpRequest *original = g_ptr_array_index (run->requests, index);
  g_autofree char *title = NULL;
  Sent *sent = g_new0 (Sent, 1);

  sent->task = g_object_ref (task);
  sent->index = index;
  /* A request, once sent, belongs to its exchange; a retry is a request of its own. */
  if (run->sends[index] == 0)
    sent->request = g_object_ref (original);
  else
    {
      sent->request = grant_http_request_copy (original);
      title = g_strdup_printf ("%s (retry %u)", run->title, run->sends[index]);
      set_count (self, &self->retried, self->retried + 1, PROP_RETRIED);
    }
  run->sends[index]++;
  run->in_flight++;

  grant_http_client_send_async (self->client, sent->request,
                                title != NULL ? title : run->title,
                                g_task_get_cancellable (task), sent_cb, sent);
}

static void
start_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  while (!run->finished && run->resume == NULL && run->in_flight < run->parallel)
    {
      if (!g_queue_is_empty (&run->retries))
        send_one (task, GPOINTER_TO_UINT (g_queue_pop_head (&run->retries)));
      else if (run->next < run->requests->len)
        send_one (task, run->next++);
      else
        break;
    }
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  /* The source goes with the run (finish destroys it): drop our reference first. */
  g_clear_pointer (&run->cancelled, g_source_unref);
  finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The run was cancelled")));

  return G_SOURCE_REMOVE;
}

/**
 * grant_replay_runner_run_async:
 * @self: a #GrantReplayRunner
 * @requests: (element-type GrantHttpRequest): the requests, sent in this order; they must
 *   not change while the run lasts
 * @title: (nullable): what the requests are for, in a few words, for the log
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every request has its result, or the run was cancelled
 * @user_data: data for @callback
 *
 * Sends every request through the runner's client, at most #GrantReplayRunner:max-parallel
 * at a time. A 429 answer pauses the run for its Retry-After (at most
 * %GRANT_REPLAY_RUNNER_MAX_RETRY_AFTER seconds, one when it has none), leaves one request
 * on the wire at a time from then on, and sends the request again, up to
 * %GRANT_REPLAY_RUNNER_MAX_RETRIES times. #GrantReplayRunner:completed counts the results
 * as they come. A runner runs one batch at a time.
 */
void
grant_replay_runner_run_async (GrantReplayRunner   *self,
                               GPtrArray           *requests,
                               const char          *title,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (GRANT_IS_REPLAY_RUNNER (self));
  g_return_if_fail (requests != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  for (guint i = 0; i < requests->len; i++)
    g_return_if_fail (GRANT_IS_HTTP_REQUEST (g_ptr_array_index (requests, i)));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_replay_runner_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The runner is already running a batch"));
      return;
    }

  run = g_new0 (Run, 1);
  run->requests = g_ptr_array_ref (requests);
  run->results = g_ptr_array_new_full (requests->len, g_object_unref);
  g_ptr_array_set_size (run->results, requests->len);
  run->sends = g_new0 (guint, requests->len);
  g_queue_init (&run->retries);
  run->title = g_strdup (title != NULL ? title : NC_("exchange", "Replay"));
  run->parallel = self->max_parallel;
  run->log_start = g_list_model_get_n_items (G_LIST_MODEL (grant_http_client_get_log (
                                                             self->client)));
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  g_object_freeze_notify (G_OBJECT (self));
  set_count (self, &self->completed, 0, PROP_COMPLETED);
  set_count (self, &self->total, requests->len, PROP_TOTAL);
  set_count (self, &self->retried, 0, PROP_RETRIED);
  g_object_thaw_notify (G_OBJECT (self));

  if (g_task_return_error_if_cancelled (task))
    {
      run->finished = TRUE;
      self->running = FALSE;
      return;
    }
  if (requests->len == 0)
    {
      finish (task, NULL);
      return;
    }

  if (cancellable != NULL)
    {
      run->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_name (run->cancelled, "[grant] replay runner cancelled");
      g_source_set_callback (run->cancelled, (GSourceFunc) G_CALLBACK (cancelled_cb), task,
                             NULL);
      g_source_attach (run->cancelled, g_task_get_context (task));
    }

  start_more (task);
}

/**
 * grant_replay_runner_run_finish:
 * @self: a #GrantReplayRunner
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type GrantExchange): one exchange per request, in the
 *   order of the requests: the last answer it got (a 429 after the retries), or a failed
 *   exchange when no response came; %NULL with @error set only when the run was cancelled
 */
GPtrArray *
grant_replay_runner_run_finish (GrantReplayRunner  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (GRANT_IS_REPLAY_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == grant_replay_runner_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
