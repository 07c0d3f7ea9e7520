/* grant-device-flow.c
 * The device authorization grant (RFC 8628): a user code shown here, entered elsewhere.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device authorization request gives a device code (secret), a user code and where to
 * enter it; the properties change as soon as they are known, so that the window shows the
 * code while the flow polls. Polling follows the server: authorization_pending waits the
 * interval, slow_down adds five seconds to it (§3.5), access_denied and expired_token end
 * the flow, and so does the code's own expiry if the server keeps answering pending.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-device-flow.h"
#include "grant-jose-json.h"
#include "grant-flow-private.h"
#include "grant-oauth-error.h"

/* RFC 8628 §3.2: the interval when the server gives none, and what slow_down adds. */
#define DEFAULT_INTERVAL 5
#define SLOW_DOWN_STEP 5

struct _GrantDeviceFlow
{
  GrantFlow  parent_instance;

  char      *device_code;
  char      *user_code;
  char      *verification_uri;
  char      *verification_uri_complete;
  gint64     expires_at;
  guint      interval;
  guint      polls;
  GSource   *wait;
};

G_DEFINE_FINAL_TYPE (GrantDeviceFlow, grant_device_flow, GRANT_TYPE_FLOW)

enum {
  PROP_0,
  PROP_USER_CODE,
  PROP_VERIFICATION_URI,
  PROP_VERIFICATION_URI_COMPLETE,
  PROP_EXPIRES_AT,
  PROP_INTERVAL,
  PROP_POLLS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
grant_device_flow_finalize (GObject *object)
{
  GrantDeviceFlow *self = (GrantDeviceFlow *)object;

  g_assert (self->wait == NULL);
  g_clear_pointer (&self->device_code, g_free);
  g_clear_pointer (&self->user_code, g_free);
  g_clear_pointer (&self->verification_uri, g_free);
  g_clear_pointer (&self->verification_uri_complete, g_free);

  G_OBJECT_CLASS (grant_device_flow_parent_class)->finalize (object);
}

static void
grant_device_flow_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GrantDeviceFlow *self = GRANT_DEVICE_FLOW (object);

  switch (prop_id)
    {
    case PROP_USER_CODE:
      g_value_set_string (value, self->user_code);
      break;
    case PROP_VERIFICATION_URI:
      g_value_set_string (value, self->verification_uri);
      break;
    case PROP_VERIFICATION_URI_COMPLETE:
      g_value_set_string (value, self->verification_uri_complete);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_POLLS:
      g_value_set_uint (value, self->polls);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
lookup_seconds (JsonObject *json,
                const char *member,
                gint64     *seconds)
{
  JsonNode *node = json_object_get_member (json, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXINT32)
    return FALSE;

  *seconds = json_node_get_int (node);

  return TRUE;
}

static void poll_token (GTask *task);

static const char *
string_member (JsonObject *json,
               const char *member)
{
  return grant_jose_json_lookup_string (json, member);
}

static void
finish_wait (GrantDeviceFlow *self)
{
  if (self->wait == NULL)
    return;

  g_source_destroy (self->wait);
  g_clear_pointer (&self->wait, g_source_unref);
}

static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  GrantDeviceFlow *self = g_task_get_source_object (task);

  g_clear_pointer (&self->wait, g_source_unref);
  poll_token (task);

  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GrantDeviceFlow *self = g_task_get_source_object (task);

  finish_wait (self);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

/* Waits the interval before the next poll; a cancellation ends the wait at once. */
static void
wait_interval (GTask *task)
{
  GrantDeviceFlow *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GSource *timeout = g_timeout_source_new_seconds (self->interval);

  g_source_set_callback (timeout, wait_done_cb, task, NULL);
  g_source_set_static_name (timeout, "[grant] device flow interval");

  if (cancellable != NULL)
    {
      GSource *cancelled = g_cancellable_source_new (cancellable);

      g_source_set_callback (cancelled, G_SOURCE_FUNC (wait_cancelled_cb), task, NULL);
      g_source_add_child_source (timeout, cancelled);
      g_source_unref (cancelled);
    }

  self->wait = timeout;
  g_source_attach (timeout, g_main_context_get_thread_default ());
}

static void
poll_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GrantDeviceFlow *self = GRANT_DEVICE_FLOW (object);
  GrantTokenResponse *response;
  GError *error = NULL;

  response = _grant_flow_request_token_finish (GRANT_FLOW (self), result, &error);
  if (response != NULL)
    {
      g_task_return_pointer (task, response, g_object_unref);
      g_object_unref (task);
      return;
    }

  if (g_error_matches (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_AUTHORIZATION_PENDING)
      || g_error_matches (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_SLOW_DOWN))
    {
      /* A server that keeps saying "pending" after the code expired is not waited for. */
      if (g_get_real_time () / G_USEC_PER_SEC >= self->expires_at)
        {
          g_error_free (error);
          g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_EXPIRED_TOKEN,
                                   _("The user code %s expired before anyone approved it: run "
                                     "the flow again for a new one"), self->user_code);
          g_object_unref (task);
          return;
        }

      if (g_error_matches (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_SLOW_DOWN))
        {
          self->interval += SLOW_DOWN_STEP;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
          _grant_flow_step (GRANT_FLOW (self), _("The server asked Grant to slow down: polling "
                                                 "every %u s from now on"), self->interval);
        }
      else
        {
          _grant_flow_step (GRANT_FLOW (self), _("Not approved yet; asking again in %u s"),
                            self->interval);
        }
      g_error_free (error);
      wait_interval (task);
      return;
    }

  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
poll_token (GTask *task)
{
  GrantDeviceFlow *self = g_task_get_source_object (task);
  g_autoptr(GrantHttpRequest) request = NULL;
  GError *error = NULL;

  request = _grant_flow_new_token_request (GRANT_FLOW (self), GRANT_DEVICE_FLOW_GRANT_TYPE,
                                           &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  /* The scope went with the device authorization request; it is not repeated here. */
  grant_http_request_remove_form_field (request, "scope");
  grant_http_request_set_form_field (request, "device_code", self->device_code, TRUE);

  self->polls++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLLS]);
  _grant_flow_request_token_async (GRANT_FLOW (self), request,
                                   NC_("exchange", "Token request (polling)"),
                                   g_task_get_cancellable (task), poll_cb, task);
}

static void
device_authorization_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  GrantDeviceFlow *self = GRANT_DEVICE_FLOW (object);
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(JsonObject) json = NULL;
  GError *error = NULL;
  gint64 expires_in = 0;
  gint64 interval = DEFAULT_INTERVAL;

  exchange = _grant_flow_send_finish (GRANT_FLOW (self), result, &error);
  if (exchange != NULL)
    {
      grant_exchange_add_secret_member (exchange, "user_code");
      json = grant_oauth_response_parse (exchange, _("The device authorization endpoint"),
                                         &error);
    }
  if (json == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* RFC 8628 §3.2: device_code, user_code, verification_uri and expires_in are required. */
  if (string_member (json, "device_code") == NULL || string_member (json, "user_code") == NULL
      || string_member (json, "verification_uri") == NULL
      || !lookup_seconds (json, "expires_in", &expires_in))
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The device authorization response lacks device_code, "
                                 "user_code, verification_uri or a numeric expires_in, which "
                                 "RFC 8628 §3.2 requires"));
      g_object_unref (task);
      return;
    }
  if (json_object_has_member (json, "interval") && !lookup_seconds (json, "interval", &interval))
    interval = DEFAULT_INTERVAL;

  self->device_code = g_strdup (string_member (json, "device_code"));
  self->user_code = g_strdup (string_member (json, "user_code"));
  self->verification_uri = g_strdup (string_member (json, "verification_uri"));
  self->verification_uri_complete = g_strdup (string_member (json, "verification_uri_complete"));
  self->expires_at = grant_exchange_get_timings (exchange)->started_at / G_USEC_PER_SEC
                     + expires_in;
  self->interval = (guint) MAX (interval, 1);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint prop = PROP_USER_CODE; prop <= PROP_INTERVAL; prop++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  g_object_thaw_notify (G_OBJECT (self));

  _grant_flow_step (GRANT_FLOW (self), _("Enter the code %s at %s (it expires in %lld s); "
                                         "Grant asks every %u s whether it was approved"),
                    self->user_code, self->verification_uri, (long long) expires_in,
                    self->interval);
  wait_interval (task);
}

static void
grant_device_flow_run_async (GrantFlow           *flow,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (flow, cancellable, callback, user_data);
  g_autoptr(GrantHttpRequest) request = NULL;
  GError *error = NULL;
  const char *scope = grant_flow_get_scope (flow);

  g_task_set_source_tag (task, grant_device_flow_run_async);

  request = _grant_flow_new_endpoint_request (flow, "device_authorization_endpoint", &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (scope != NULL && *scope != '\0')
    grant_http_request_set_form_field (request, "scope", scope, FALSE);

  _grant_flow_step (flow, _("Asking the device authorization endpoint for a user code"));

  _grant_flow_send_async (flow, request, NC_("exchange", "Device authorization request"),
                          cancellable, device_authorization_cb, task);
}

static GrantTokenResponse *
grant_device_flow_run_finish (GrantFlow     *flow,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
grant_device_flow_class_init (GrantDeviceFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GrantFlowClass *flow_class = GRANT_FLOW_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = grant_device_flow_finalize;
  object_class->get_property = grant_device_flow_get_property;

  flow_class->grant_type = GRANT_DEVICE_FLOW_GRANT_TYPE;
  flow_class->run_async = grant_device_flow_run_async;
  flow_class->run_finish = grant_device_flow_run_finish;

  properties[PROP_USER_CODE] = g_param_spec_string ("user-code", NULL, NULL, NULL, flags);
  properties[PROP_VERIFICATION_URI] =
    g_param_spec_string ("verification-uri", NULL, NULL, NULL, flags);
  properties[PROP_VERIFICATION_URI_COMPLETE] =
    g_param_spec_string ("verification-uri-complete", NULL, NULL, NULL, flags);
  properties[PROP_EXPIRES_AT] =
    g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_INTERVAL] = g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_POLLS] = g_param_spec_uint ("polls", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_device_flow_init (GrantDeviceFlow *self)
{
}

/**
 * grant_device_flow_new:
 * @provider: the authorization server
 * @client: the client, usually public
 * @http_client: (nullable): the recording client to send with
 *
 * Returns: (transfer full): the flow
 */
GrantFlow *
grant_device_flow_new (GrantProvider   *provider,
                       GrantClient     *client,
                       GrantHttpClient *http_client)
{
  return g_object_new (GRANT_TYPE_DEVICE_FLOW,
                       "provider", provider,
                       "client", client,
                       "http-client", http_client,
                       NULL);
}

/**
 * grant_device_flow_get_user_code:
 * @self: a #GrantDeviceFlow
 *
 * Returns: (nullable): the code the user enters, once the server gave it
 */
const char *
grant_device_flow_get_user_code (GrantDeviceFlow *self)
{
  g_return_val_if_fail (GRANT_IS_DEVICE_FLOW (self), NULL);

  return self->user_code;
}

/**
 * grant_device_flow_get_verification_uri:
 * @self: a #GrantDeviceFlow
 *
 * Returns: (nullable): where the user enters the code
 */
const char *
grant_device_flow_get_verification_uri (GrantDeviceFlow *self)
{
  g_return_val_if_fail (GRANT_IS_DEVICE_FLOW (self), NULL);

  return self->verification_uri;
}

/**
 * grant_device_flow_get_verification_uri_complete:
 * @self: a #GrantDeviceFlow
 *
 * Returns: (nullable): the verification URI with the code in it, if the server gave one
 */
const char *
grant_device_flow_get_verification_uri_complete (GrantDeviceFlow *self)
{
  g_return_val_if_fail (GRANT_IS_DEVICE_FLOW (self), NULL);

  return self->verification_uri_complete;
}

/**
 * grant_device_flow_get_expires_at:
 * @self: a #GrantDeviceFlow
 *
 * Returns: when the codes expire, in seconds since the epoch, or 0 before they are known
 */
gint64
grant_device_flow_get_expires_at (GrantDeviceFlow *self)
{
  g_return_val_if_fail (GRANT_IS_DEVICE_FLOW (self), 0);

  return self->expires_at;
}

/**
 * grant_device_flow_get_interval:
 * @self: a #GrantDeviceFlow
 *
 * Returns: the seconds between two polls, as the server last set it
 */
guint
grant_device_flow_get_interval (GrantDeviceFlow *self)
{
  g_return_val_if_fail (GRANT_IS_DEVICE_FLOW (self), 0);

  return self->interval;
}

/**
 * grant_device_flow_get_polls:
 * @self: a #GrantDeviceFlow
 *
 * Returns: how many token requests the flow has made
 */
guint
grant_device_flow_get_polls (GrantDeviceFlow *self)
{
  g_return_val_if_fail (GRANT_IS_DEVICE_FLOW (self), 0);

  return self->polls;
}
