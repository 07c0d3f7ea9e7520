/* grant-step-interceptor.c
 * Step mode's interceptor: holds each request (and each authorization response) until the
 * user sends it on, edited or not, or stops the flow.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Set on a GrantHttpClient, it is passed every request before it leaves, and by the
 * authorization code flow the response the user agent captured at the redirect URI. Each is
 * a pending step, queued in the order they came: the first is the current step, which the
 * UI shows, with its explanation, and edits in place (the request, or the response's
 * parameters) before it calls continue, or cancel. Steps that are still waiting when step
 * mode is turned off go on unchanged; a step whose flow is cancelled leaves the queue.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-step-interceptor.h"

typedef struct
{
  GrantStepInterceptor *self;
  GTask                *task;
  GrantHttpRequest     *request;
  GHashTable           *parameters;
  char                 *redirect_uri;
  char                 *title;
  GrantStepExplanation *explanation;
  GCancellable         *cancellable;
  gulong                cancelled_id;
} Pending;

struct _GrantStepInterceptor
{
  GObject                parent_instance;

  GrantProviderMetadata *metadata;
  GQueue                 pending;
  /* Whether a device flow's poll was held since the last request of another kind. */
  gboolean               poll_held;
};

enum {
  PROP_0,
  PROP_METADATA,
  PROP_PAUSED,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STEP_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void grant_step_interceptor_iface_init (GrantHttpInterceptorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantStepInterceptor, grant_step_interceptor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GRANT_TYPE_HTTP_INTERCEPTOR,
                                                      grant_step_interceptor_iface_init))

static void
pending_free (Pending *pending)
{
  if (pending->cancelled_id != 0)
    g_signal_handler_disconnect (pending->cancellable, pending->cancelled_id);
  g_clear_object (&pending->cancellable);
  g_clear_object (&pending->task);
  g_clear_object (&pending->request);
  g_clear_pointer (&pending->parameters, g_hash_table_unref);
  g_clear_pointer (&pending->redirect_uri, g_free);
  g_clear_pointer (&pending->title, g_free);
  g_clear_object (&pending->explanation);
  g_free (pending);
}

/* Takes @pending out of the queue and gives its flow the answer: go on (@error %NULL), or
 * stop with @error. The UI hears of the new current step first, so that it never shows a
 * step that is gone. */
static void
resolve (Pending *pending,
         GError  *error)
{
  GrantStepInterceptor *self = pending->self;
  gboolean current = g_queue_peek_head (&self->pending) == pending;
  g_autoptr(GTask) task = g_steal_pointer (&pending->task);

  g_queue_remove (&self->pending, pending);
  pending_free (pending);

  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (g_queue_is_empty (&self->pending))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  g_object_thaw_notify (G_OBJECT (self));
  if (current)
    g_signal_emit (self, signals[STEP_CHANGED], 0);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (self);
}

static void
cancelled_cb (GCancellable *cancellable,
              Pending      *pending)
{
  /* The handler may not be disconnected from within itself by g_cancellable_disconnect(),
   * but a plain signal handler may. */
  g_signal_handler_disconnect (cancellable, pending->cancelled_id);
  pending->cancelled_id = 0;
  resolve (pending, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         "The flow was stopped while step mode held a step"));
}

static void
enqueue (GrantStepInterceptor *self,
         Pending              *pending,
         GCancellable         *cancellable)
{
  gboolean first = g_queue_is_empty (&self->pending);

  pending->self = self;
  if (g_task_return_error_if_cancelled (pending->task))
    {
      pending_free (pending);
      return;
    }
  if (cancellable != NULL)
    {
      pending->cancellable = g_object_ref (cancellable);
      pending->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                                G_CALLBACK (cancelled_cb), pending);
    }

  g_queue_push_tail (&self->pending, pending);
  g_object_freeze_notify (G_OBJECT (self));
  if (first)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  g_object_thaw_notify (G_OBJECT (self));
  if (first)
    g_signal_emit (self, signals[STEP_CHANGED], 0);
}

static void
grant_step_interceptor_intercept_async (GrantHttpInterceptor *interceptor,
                                        GrantHttpRequest     *request,
                                        const char           *title,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  GrantStepInterceptor *self = GRANT_STEP_INTERCEPTOR (interceptor);
  Pending *pending = g_new0 (Pending, 1);

  pending->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (pending->task, grant_step_interceptor_intercept_async);
  pending->request = g_object_ref (request);
  pending->title = g_strdup (title);
  pending->explanation = grant_step_explanation_new_for_request (request, self->metadata);

  /* A device polls with the same request every few seconds until the user approves: the
   * first poll is held, to be read and edited; the others go on, until a request of another
   * kind starts the next steps. */
  if (grant_step_explanation_get_kind (pending->explanation) == GRANT_STEP_TOKEN_DEVICE_CODE)
    {
      if (self->poll_held)
        {
          g_task_return_boolean (pending->task, TRUE);
          pending_free (pending);
          return;
        }
      self->poll_held = TRUE;
    }
  else
    {
      self->poll_held = FALSE;
    }

  enqueue (self, pending, cancellable);
}

static gboolean
grant_step_interceptor_intercept_finish (GrantHttpInterceptor  *interceptor,
                                         GAsyncResult          *result,
                                         GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, interceptor), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
grant_step_interceptor_intercept_authorization_response_async (GrantHttpInterceptor *interceptor,
                                                               GHashTable           *parameters,
                                                               const char           *redirect_uri,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data)
{
  GrantStepInterceptor *self = GRANT_STEP_INTERCEPTOR (interceptor);
  Pending *pending = g_new0 (Pending, 1);

  pending->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (pending->task,
                         grant_step_interceptor_intercept_authorization_response_async);
  pending->parameters = g_hash_table_ref (parameters);
  pending->redirect_uri = g_strdup (redirect_uri);
  pending->title = g_strdup (NC_("exchange", "Authorization response"));
  pending->explanation = grant_step_explanation_new (GRANT_STEP_AUTHORIZATION_RESPONSE);
  enqueue (self, pending, cancellable);
}

static void
grant_step_interceptor_iface_init (GrantHttpInterceptorInterface *iface)
{
  iface->intercept_async = grant_step_interceptor_intercept_async;
  iface->intercept_finish = grant_step_interceptor_intercept_finish;
  iface->intercept_authorization_response_async =
    grant_step_interceptor_intercept_authorization_response_async;
  iface->intercept_authorization_response_finish = grant_step_interceptor_intercept_finish;
}

static void
grant_step_interceptor_dispose (GObject *object)
{
  GrantStepInterceptor *self = GRANT_STEP_INTERCEPTOR (object);

  /* A pending task holds a reference to the interceptor, so this runs only once none is
   * left, or when the owner disposes it on purpose: the flows still held stop. */
  grant_step_interceptor_cancel_all (self);
  g_clear_object (&self->metadata);

  G_OBJECT_CLASS (grant_step_interceptor_parent_class)->dispose (object);
}

static void
grant_step_interceptor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GrantStepInterceptor *self = GRANT_STEP_INTERCEPTOR (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      g_value_set_object (value, self->metadata);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, grant_step_interceptor_get_paused (self));
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->pending.length);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_step_interceptor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GrantStepInterceptor *self = GRANT_STEP_INTERCEPTOR (object);

  switch (prop_id)
    {
    case PROP_METADATA:
      grant_step_interceptor_set_metadata (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_step_interceptor_class_init (GrantStepInterceptorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grant_step_interceptor_dispose;
  object_class->get_property = grant_step_interceptor_get_property;
  object_class->set_property = grant_step_interceptor_set_property;

  properties[PROP_METADATA] =
    g_param_spec_object ("metadata", NULL, NULL, GRANT_TYPE_PROVIDER_METADATA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GrantStepInterceptor::step-changed:
   * @self: the interceptor
   *
   * The current step is another one, or there is none left.
   */
  signals[STEP_CHANGED] =
    g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
grant_step_interceptor_init (GrantStepInterceptor *self)
{
  g_queue_init (&self->pending);
}

/**
 * grant_step_interceptor_new:
 *
 * Returns: (transfer full): an interceptor that holds every step, for step mode
 */
GrantStepInterceptor *
grant_step_interceptor_new (void)
{
  return g_object_new (GRANT_TYPE_STEP_INTERCEPTOR, NULL);
}

/**
 * grant_step_interceptor_get_metadata:
 * @self: a #GrantStepInterceptor
 *
 * Returns: (transfer none) (nullable): the provider's metadata, which tells its endpoints apart
 */
GrantProviderMetadata *
grant_step_interceptor_get_metadata (GrantStepInterceptor *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_INTERCEPTOR (self), NULL);

  return self->metadata;
}

/**
 * grant_step_interceptor_set_metadata:
 * @self: a #GrantStepInterceptor
 * @metadata: (nullable): the provider's metadata, so that each request is explained as the
 *   step it is at that provider
 */
void
grant_step_interceptor_set_metadata (GrantStepInterceptor  *self,
                                     GrantProviderMetadata *metadata)
{
  g_return_if_fail (GRANT_IS_STEP_INTERCEPTOR (self));
  g_return_if_fail (metadata == NULL || GRANT_IS_PROVIDER_METADATA (metadata));

  if (g_set_object (&self->metadata, metadata))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
}

static Pending *
current (GrantStepInterceptor *self)
{
  return g_queue_peek_head (&self->pending);
}

/**
 * grant_step_interceptor_get_paused:
 * @self: a #GrantStepInterceptor
 *
 * Returns: whether a step is waiting for the user
 */
gboolean
grant_step_interceptor_get_paused (GrantStepInterceptor *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_INTERCEPTOR (self), FALSE);

  return !g_queue_is_empty (&self->pending);
}

/**
 * grant_step_interceptor_get_n_pending:
 * @self: a #GrantStepInterceptor
 *
 * Returns: how many steps are waiting, the current one included
 */
guint
grant_step_interceptor_get_n_pending (GrantStepInterceptor *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_INTERCEPTOR (self), 0);

  return self->pending.length;
}

/**
 * grant_step_interceptor_get_title:
 * @self: a #GrantStepInterceptor
 *
 * Returns: (nullable): what the current step is for, as the flow named it for the log
 */
const char *
grant_step_interceptor_get_title (GrantStepInterceptor *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_INTERCEPTOR (self), NULL);

  return current (self) != NULL ? current (self)->title : NULL;
}

/**
 * grant_step_interceptor_get_explanation:
 * @self: a #GrantStepInterceptor
 *
 * Returns: (transfer none) (nullable): the current step's explanation, or %NULL when none waits
 */
GrantStepExplanation *
grant_step_interceptor_get_explanation (GrantStepInterceptor *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_INTERCEPTOR (self), NULL);

  return current (self) != NULL ? current (self)->explanation : NULL;
}

/**
 * grant_step_interceptor_get_request:
 * @self: a #GrantStepInterceptor
 *
 * Returns: (transfer none) (nullable): the request the current step is about to send, to be
 *   edited in place; %NULL when none waits or the step is an authorization response
 */
GrantHttpRequest *
grant_step_interceptor_get_request (GrantStepInterceptor *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_INTERCEPTOR (self), NULL);

  return current (self) != NULL ? current (self)->request : NULL;
}

/**
 * grant_step_interceptor_get_response_parameters:
 * @self: a #GrantStepInterceptor
 *
 * Returns: (transfer none) (nullable) (element-type utf8 utf8): the parameters of the
 *   authorization response the current step holds, to be edited in place (keys and values
 *   freed with g_free()); %NULL when the step is a request
 */
GHashTable *
grant_step_interceptor_get_response_parameters (GrantStepInterceptor *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_INTERCEPTOR (self), NULL);

  return current (self) != NULL ? current (self)->parameters : NULL;
}

/**
 * grant_step_interceptor_get_redirect_uri:
 * @self: a #GrantStepInterceptor
 *
 * Returns: (nullable): the redirect URI the held authorization response came to
 */
const char *
grant_step_interceptor_get_redirect_uri (GrantStepInterceptor *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_INTERCEPTOR (self), NULL);

  return current (self) != NULL ? current (self)->redirect_uri : NULL;
}

/**
 * grant_step_interceptor_continue:
 * @self: a #GrantStepInterceptor
 *
 * Lets the current step go on as it now is: the request is sent, the response used.
 */
void
grant_step_interceptor_continue (GrantStepInterceptor *self)
{
  g_return_if_fail (GRANT_IS_STEP_INTERCEPTOR (self));
  g_return_if_fail (current (self) != NULL);

  resolve (current (self), NULL);
}

/**
 * grant_step_interceptor_cancel:
 * @self: a #GrantStepInterceptor
 *
 * Stops the current step: nothing is sent, and its flow ends with %G_IO_ERROR_CANCELLED.
 */
void
grant_step_interceptor_cancel (GrantStepInterceptor *self)
{
  g_return_if_fail (GRANT_IS_STEP_INTERCEPTOR (self));
  g_return_if_fail (current (self) != NULL);

  resolve (current (self), g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                "The step was cancelled in step mode"));
}

/**
 * grant_step_interceptor_release_all:
 * @self: a #GrantStepInterceptor
 *
 * Lets every waiting step go on as it is: step mode was turned off.
 */
void
grant_step_interceptor_release_all (GrantStepInterceptor *self)
{
  g_return_if_fail (GRANT_IS_STEP_INTERCEPTOR (self));

  while (current (self) != NULL)
    resolve (current (self), NULL);
}

/**
 * grant_step_interceptor_cancel_all:
 * @self: a #GrantStepInterceptor
 *
 * Stops every waiting step, as grant_step_interceptor_cancel() stops one.
 */
void
grant_step_interceptor_cancel_all (GrantStepInterceptor *self)
{
  g_return_if_fail (GRANT_IS_STEP_INTERCEPTOR (self));

  while (current (self) != NULL)
    grant_step_interceptor_cancel (self);
}
