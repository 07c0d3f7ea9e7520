/* grant-practice-provider.c
 * The built-in practice authorization server and protected API, served from its own thread.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-practice-provider.h"
#include "grant-practice-server.h"

/* How many ports after the default one are tried before the kernel is asked for any free one. */
#define FALLBACK_PORTS 9

struct _GrantPracticeProvider
{
  GObject       parent_instance;

  char         *listen_address;
  guint         requested_port;
  gboolean      port_chosen;
  char         *public_issuer;

  /* The fault switches are read on the server thread and written on the caller's. */
  GMutex        fault_mutex;
  gboolean      faults[GRANT_PRACTICE_N_FAULTS];
  guint         fault_values[GRANT_PRACTICE_N_FAULTS];

  /* The server thread: its context, its loop, and what it reported when it started. */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        start_mutex;
  GCond         start_cond;
  gboolean      start_done;
  GError       *start_error;
  char         *issuer;
  guint         port;
};

G_DEFINE_FINAL_TYPE (GrantPracticeProvider, grant_practice_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_ISSUER,
  N_PROPS
};

enum {
  FAULT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * grant_practice_provider_new:
 *
 * Returns: (transfer full): a practice provider, not yet started, on 127.0.0.1 and the default port
 */
GrantPracticeProvider *
grant_practice_provider_new (void)
{
  return g_object_new (GRANT_TYPE_PRACTICE_PROVIDER, NULL);
}

/**
 * grant_practice_provider_set_port:
 * @self: a #GrantPracticeProvider, not running
 * @port: the port to listen on; 0 for any free one
 *
 * A port chosen here is the only one tried: without one, the default port is tried first, then
 * the next few, then any free one.
 */
void
grant_practice_provider_set_port (GrantPracticeProvider *self,
                                  guint                  port)
{
  g_return_if_fail (GRANT_IS_PRACTICE_PROVIDER (self));
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (port <= G_MAXUINT16);

  self->requested_port = port;
  self->port_chosen = TRUE;
}

/**
 * grant_practice_provider_set_listen_address:
 * @self: a #GrantPracticeProvider, not running
 * @address: (nullable): the IP address to listen on; %NULL for 127.0.0.1
 *
 * An instructor may listen on the room's network; then the issuer should be set too, with
 * grant_practice_provider_set_public_issuer(), to the URL the room reaches it by.
 */
void
grant_practice_provider_set_listen_address (GrantPracticeProvider *self,
                                            const char            *address)
{
  g_return_if_fail (GRANT_IS_PRACTICE_PROVIDER (self));
  g_return_if_fail (self->thread == NULL);

  g_free (self->listen_address);
  self->listen_address = g_strdup (address);
}

/**
 * grant_practice_provider_set_public_issuer:
 * @self: a #GrantPracticeProvider, not running
 * @issuer: (nullable): the issuer URL, or %NULL for http://ADDRESS:PORT
 */
void
grant_practice_provider_set_public_issuer (GrantPracticeProvider *self,
                                           const char            *issuer)
{
  g_return_if_fail (GRANT_IS_PRACTICE_PROVIDER (self));
  g_return_if_fail (self->thread == NULL);

  g_free (self->public_issuer);
  self->public_issuer = g_strdup (issuer);
}

static void
report_start (GrantPracticeProvider *self,
              GError                *error,
              const char            *issuer,
              guint                  port)
{
  g_mutex_lock (&self->start_mutex);
  self->start_error = error;
  self->issuer = g_strdup (issuer);
  self->port = port;
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_mutex);
}

static gboolean
listen_on_some_port (GrantPracticeProvider *self,
                     GrantPracticeServer   *server,
                     const char            *address,
                     guint                 *port,
                     GError               **error)
{
  if (self->port_chosen)
    return grant_practice_server_listen (server, address, self->requested_port,
                                         self->public_issuer, port, error);

  for (guint i = 0; i <= FALLBACK_PORTS; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (grant_practice_server_listen (server, address, GRANT_PRACTICE_DEFAULT_PORT + i,
                                        self->public_issuer, port, &local_error))
        return TRUE;
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return grant_practice_server_listen (server, address, 0, self->public_issuer, port, error);
}

static gpointer
server_thread (gpointer data)
{
  GrantPracticeProvider *self = data;
  g_autoptr(GrantPracticeServer) server = NULL;
  GError *error = NULL;
  guint port = 0;

  g_main_context_push_thread_default (self->context);

  server = grant_practice_server_new (self, &error);
  if (server == NULL
      || !listen_on_some_port (self, server,
                               self->listen_address != NULL ? self->listen_address : "127.0.0.1",
                               &port, &error))
    {
      report_start (self, error, NULL, 0);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  report_start (self, NULL, grant_practice_server_get_issuer (server), port);

  /* The signing keys are made when a request first needs one (see
   * grant_practice_server_ensure_keys()), not here. */
  g_main_loop_run (self->loop);

  g_clear_pointer (&server, grant_practice_server_free);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/**
 * grant_practice_provider_start:
 * @self: a #GrantPracticeProvider
 * @error: return location for a #GError
 *
 * Starts serving on the server thread. It returns once the server listens, so the issuer is
 * known; the signing keys are made on the thread when a request first needs one (an RSA key
 * takes up to a few hundred milliseconds), and the requests that come meanwhile wait for them.
 *
 * Returns: %TRUE if the provider is serving
 */
gboolean
grant_practice_provider_start (GrantPracticeProvider *self,
                               GError               **error)
{
  GError *start_error;

  g_return_val_if_fail (GRANT_IS_PRACTICE_PROVIDER (self), FALSE);

  if (self->thread != NULL)
    return TRUE;

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->start_done = FALSE;
  self->thread = g_thread_new ("grant-practice", server_thread, self);

  g_mutex_lock (&self->start_mutex);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_mutex);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->start_mutex);

  if (start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      g_propagate_prefixed_error (error, start_error,
                                  _("The practice provider could not start: "));
      return FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISSUER]);

  return TRUE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

/**
 * grant_practice_provider_stop:
 * @self: a #GrantPracticeProvider
 *
 * Stops serving and waits for the server thread. The keys and every token go with it.
 */
void
grant_practice_provider_stop (GrantPracticeProvider *self)
{
  g_return_if_fail (GRANT_IS_PRACTICE_PROVIDER (self));

  if (self->thread == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * grant_practice_provider_get_running:
 * @self: a #GrantPracticeProvider
 *
 * Returns: whether it serves
 */
gboolean
grant_practice_provider_get_running (GrantPracticeProvider *self)
{
  g_return_val_if_fail (GRANT_IS_PRACTICE_PROVIDER (self), FALSE);

  return self->thread != NULL;
}

/**
 * grant_practice_provider_get_issuer:
 * @self: a #GrantPracticeProvider
 *
 * Returns: (nullable): the issuer URL of the last start, without a trailing slash
 */
const char *
grant_practice_provider_get_issuer (GrantPracticeProvider *self)
{
  g_return_val_if_fail (GRANT_IS_PRACTICE_PROVIDER (self), NULL);

  return self->issuer;
}

/**
 * grant_practice_provider_get_port:
 * @self: a #GrantPracticeProvider
 *
 * Returns: the port it listens on, or 0 before it starts
 */
guint
grant_practice_provider_get_port (GrantPracticeProvider *self)
{
  g_return_val_if_fail (GRANT_IS_PRACTICE_PROVIDER (self), 0);

  return self->port;
}

/**
 * grant_practice_provider_dup_api_url:
 * @self: a #GrantPracticeProvider, started
 *
 * Returns: (transfer full): the protected API's base URL, which is also its access tokens' audience
 */
char *
grant_practice_provider_dup_api_url (GrantPracticeProvider *self)
{
  g_return_val_if_fail (GRANT_IS_PRACTICE_PROVIDER (self), NULL);
  g_return_val_if_fail (self->issuer != NULL, NULL);

  return g_strconcat (self->issuer, "/api", NULL);
}

/**
 * grant_practice_provider_get_fault:
 * @self: a #GrantPracticeProvider
 * @fault: a #GrantPracticeFault
 *
 * It may be called from any thread.
 *
 * Returns: whether the fault is on
 */
gboolean
grant_practice_provider_get_fault (GrantPracticeProvider *self,
                                   GrantPracticeFault     fault)
{
  gboolean enabled;

  g_return_val_if_fail (GRANT_IS_PRACTICE_PROVIDER (self), FALSE);
  g_return_val_if_fail (fault < GRANT_PRACTICE_N_FAULTS, FALSE);

  g_mutex_lock (&self->fault_mutex);
  enabled = self->faults[fault];
  g_mutex_unlock (&self->fault_mutex);

  return enabled;
}

/**
 * grant_practice_provider_set_fault:
 * @self: a #GrantPracticeProvider
 * @fault: a #GrantPracticeFault
 * @enabled: whether it is on
 *
 * Takes effect on the next request; it may be changed while the provider runs. Emits
 * #GrantPracticeProvider::fault-changed, detailed with the fault's name, on a change.
 */
void
grant_practice_provider_set_fault (GrantPracticeProvider *self,
                                   GrantPracticeFault     fault,
                                   gboolean               enabled)
{
  gboolean changed;

  g_return_if_fail (GRANT_IS_PRACTICE_PROVIDER (self));
  g_return_if_fail (fault < GRANT_PRACTICE_N_FAULTS);

  enabled = !!enabled;
  g_mutex_lock (&self->fault_mutex);
  changed = self->faults[fault] != enabled;
  self->faults[fault] = enabled;
  g_mutex_unlock (&self->fault_mutex);

  if (changed)
    g_signal_emit (self, signals[FAULT_CHANGED],
                   g_quark_from_static_string (grant_practice_fault_get_info (fault)->name),
                   fault);
}

/**
 * grant_practice_provider_get_fault_value:
 * @self: a #GrantPracticeProvider
 * @fault: a #GrantPracticeFault that takes a number
 *
 * Returns: its number (seconds or milliseconds, as the fault's info says)
 */
guint
grant_practice_provider_get_fault_value (GrantPracticeProvider *self,
                                         GrantPracticeFault     fault)
{
  guint value;

  g_return_val_if_fail (GRANT_IS_PRACTICE_PROVIDER (self), 0);
  g_return_val_if_fail (fault < GRANT_PRACTICE_N_FAULTS, 0);

  g_mutex_lock (&self->fault_mutex);
  value = self->fault_values[fault];
  g_mutex_unlock (&self->fault_mutex);

  return value;
}

/**
 * grant_practice_provider_set_fault_value:
 * @self: a #GrantPracticeProvider
 * @fault: a #GrantPracticeFault that takes a number
 * @value: the number, within the fault's range (it is clamped to it)
 */
void
grant_practice_provider_set_fault_value (GrantPracticeProvider *self,
                                         GrantPracticeFault     fault,
                                         guint                  value)
{
  const GrantPracticeFaultInfo *info;
  gboolean changed;

  g_return_if_fail (GRANT_IS_PRACTICE_PROVIDER (self));
  g_return_if_fail (fault < GRANT_PRACTICE_N_FAULTS);

  info = grant_practice_fault_get_info (fault);
  g_return_if_fail (info->value_label != NULL);
  value = CLAMP (value, info->min_value, info->max_value);

  g_mutex_lock (&self->fault_mutex);
  changed = self->fault_values[fault] != value;
  self->fault_values[fault] = value;
  g_mutex_unlock (&self->fault_mutex);

  if (changed)
    g_signal_emit (self, signals[FAULT_CHANGED], g_quark_from_static_string (info->name), fault);
}

static void
grant_practice_provider_finalize (GObject *object)
{
  GrantPracticeProvider *self = GRANT_PRACTICE_PROVIDER (object);

  grant_practice_provider_stop (self);
  g_free (self->listen_address);
  g_free (self->public_issuer);
  g_free (self->issuer);
  g_mutex_clear (&self->fault_mutex);
  g_mutex_clear (&self->start_mutex);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (grant_practice_provider_parent_class)->finalize (object);
}

static void
grant_practice_provider_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GrantPracticeProvider *self = GRANT_PRACTICE_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, grant_practice_provider_get_running (self));
      break;

    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_practice_provider_class_init (GrantPracticeProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_practice_provider_finalize;
  object_class->get_property = grant_practice_provider_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GrantPracticeProvider::fault-changed:
   * @self: the provider
   * @fault: the #GrantPracticeFault switched, or whose number changed
   *
   * Emitted on the thread that made the change; detailed with the fault's name.
   */
  signals[FAULT_CHANGED] =
    g_signal_new ("fault-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
grant_practice_provider_init (GrantPracticeProvider *self)
{
  g_mutex_init (&self->fault_mutex);
  g_mutex_init (&self->start_mutex);
  g_cond_init (&self->start_cond);

  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    self->fault_values[i] = grant_practice_fault_get_info (i)->default_value;
}
