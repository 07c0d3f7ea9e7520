/* grant-provider.c
 * An authorization server as Grant talks to it: its metadata, endpoints typed by hand, and
 * its key set.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An endpoint typed by hand wins over the metadata's; a client that authenticates with a
 * certificate uses the metadata's mtls_endpoint_aliases (RFC 8705 §5) where there is one.
 * The key set is fetched when first needed and kept; a token signed with a key it does not
 * have makes it fetched once more, since that is how a provider's key rotation looks from
 * here (OpenID Connect Core §10.1.1). Once per kid: a token that keeps naming a kid the
 * provider does not have must not make Grant fetch the key set for each verification.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-oauth-error.h"
#include "grant-provider.h"

struct _GrantProvider
{
  GObject                parent_instance;

  char                  *issuer;
  GrantProviderMetadata *metadata;
  GHashTable            *endpoints; /* name → URL typed by hand */
  GrantJwks             *jwks;
  GHashTable            *refetched_for; /* kids that made the key set be fetched again */
  /* The fetch of the key set under way, which later callers join. */
  struct _JwksFetch     *jwks_fetch;
};

/* One fetch of the key set, and everyone waiting for it. It is cancelled when the last of them
 * gives up: step mode, for one, holds it until the flow is stopped. */
typedef struct _JwksFetch
{
  GrantProvider *self;
  GPtrArray     *waiters; /* of JwksWaiter */
  GCancellable  *cancellable;
} JwksFetch;

typedef struct
{
  JwksFetch     *fetch;
  GTask         *task;
  GCancellable  *cancellable;
  gulong         cancelled_id;
} JwksWaiter;

G_DEFINE_FINAL_TYPE (GrantProvider, grant_provider, G_TYPE_OBJECT)

static void
grant_provider_finalize (GObject *object)
{
  GrantProvider *self = (GrantProvider *)object;

  g_clear_pointer (&self->issuer, g_free);
  g_clear_object (&self->metadata);
  g_clear_pointer (&self->endpoints, g_hash_table_unref);
  g_clear_object (&self->jwks);
  g_clear_pointer (&self->refetched_for, g_hash_table_unref);

  G_OBJECT_CLASS (grant_provider_parent_class)->finalize (object);
}

static void
grant_provider_class_init (GrantProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grant_provider_finalize;
}

static void
grant_provider_init (GrantProvider *self)
{
  self->endpoints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refetched_for = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * grant_provider_new:
 * @issuer: the issuer URL
 *
 * Returns: (transfer full): a provider without metadata, whose endpoints are set by hand
 *   with grant_provider_set_endpoint()
 */
GrantProvider *
grant_provider_new (const char *issuer)
{
  GrantProvider *self;

  g_return_val_if_fail (issuer != NULL, NULL);

  self = g_object_new (GRANT_TYPE_PROVIDER, NULL);
  self->issuer = g_strdup (issuer);

  return self;
}

/**
 * grant_provider_new_from_metadata:
 * @metadata: discovered metadata
 *
 * Returns: (transfer full): a provider with the endpoints @metadata names
 */
GrantProvider *
grant_provider_new_from_metadata (GrantProviderMetadata *metadata)
{
  GrantProvider *self;

  g_return_val_if_fail (GRANT_IS_PROVIDER_METADATA (metadata), NULL);

  self = grant_provider_new (grant_provider_metadata_get_issuer (metadata));
  self->metadata = g_object_ref (metadata);

  return self;
}

const char *
grant_provider_get_issuer (GrantProvider *self)
{
  g_return_val_if_fail (GRANT_IS_PROVIDER (self), NULL);

  return self->issuer;
}

/**
 * grant_provider_get_metadata:
 * @self: a #GrantProvider
 *
 * Returns: (transfer none) (nullable): the discovered metadata
 */
GrantProviderMetadata *
grant_provider_get_metadata (GrantProvider *self)
{
  g_return_val_if_fail (GRANT_IS_PROVIDER (self), NULL);

  return self->metadata;
}

/**
 * grant_provider_get_endpoint:
 * @self: a #GrantProvider
 * @name: a metadata member naming an endpoint ("token_endpoint", "jwks_uri"…)
 * @mtls: whether the request authenticates with a client certificate
 *
 * Returns: (nullable): the URL typed by hand, else the mTLS alias when @mtls and the
 *   metadata has one, else the metadata's; %NULL when the provider has no such endpoint
 */
const char *
grant_provider_get_endpoint (GrantProvider *self,
                             const char    *name,
                             gboolean       mtls)
{
  const char *url;

  g_return_val_if_fail (GRANT_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  url = g_hash_table_lookup (self->endpoints, name);
  if (url != NULL)
    return url;

  if (self->metadata == NULL)
    return NULL;

  if (mtls)
    {
      JsonObject *document = grant_provider_metadata_get_document (self->metadata);
      JsonNode *aliases = json_object_get_member (document, "mtls_endpoint_aliases");

      if (aliases != NULL && JSON_NODE_HOLDS_OBJECT (aliases))
        {
          JsonNode *alias = json_object_get_member (json_node_get_object (aliases), name);

          if (alias != NULL && JSON_NODE_HOLDS_VALUE (alias)
              && json_node_get_value_type (alias) == G_TYPE_STRING)
            return json_node_get_string (alias);
        }
    }

  return grant_provider_metadata_lookup_string (self->metadata, name);
}

/**
 * grant_provider_set_endpoint:
 * @self: a #GrantProvider
 * @name: a metadata member naming an endpoint
 * @url: (nullable): its URL, or %NULL to use the metadata's again
 */
void
grant_provider_set_endpoint (GrantProvider *self,
                             const char    *name,
                             const char    *url)
{
  g_return_if_fail (GRANT_IS_PROVIDER (self));
  g_return_if_fail (name != NULL);

  if (url == NULL || *url == '\0')
    g_hash_table_remove (self->endpoints, name);
  else
    g_hash_table_replace (self->endpoints, g_strdup (name), g_strdup (url));

  if (g_str_equal (name, "jwks_uri"))
    {
      g_clear_object (&self->jwks);
      g_hash_table_remove_all (self->refetched_for);
    }
}

/**
 * grant_provider_get_cached_jwks:
 * @self: a #GrantProvider
 *
 * Returns: (transfer none) (nullable): the key set last fetched
 */
GrantJwks *
grant_provider_get_cached_jwks (GrantProvider *self)
{
  g_return_val_if_fail (GRANT_IS_PROVIDER (self), NULL);

  return self->jwks;
}

static gboolean
jwks_has_kid (GrantJwks  *jwks,
              const char *kid)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (jwks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantJwk) key = g_list_model_get_item (G_LIST_MODEL (jwks), i);

      if (g_strcmp0 (grant_jwk_get_kid (key), kid) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Reads the answer of the key set's fetch. */
static GrantJwks *
read_jwks (GrantHttpClient  *client,
           GAsyncResult     *result,
           GError          **error)
{
  g_autoptr(GrantExchange) exchange = NULL;
  GrantJwks *jwks;
  GBytes *body;
  const char *data;
  gsize size = 0;

  exchange = grant_http_client_send_finish (client, result, error);
  if (exchange == NULL)
    {
      g_prefix_error (error, _("Could not fetch the provider's keys: "));
      return NULL;
    }

  if (grant_exchange_get_status (exchange) != 200)
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_SERVER,
                   _("The provider's key set at %s answered %u %s, so no token it "
                   "signed can be verified"),
                   grant_http_request_get_uri (grant_exchange_get_request (exchange)),
                   grant_exchange_get_status (exchange),
                   grant_exchange_get_reason_phrase (exchange));
      return NULL;
    }

  body = grant_exchange_get_response_body (exchange);
  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  jwks = grant_jwks_new_from_data (data != NULL ? data : "", (gssize) size, error);
  if (jwks == NULL)
    g_prefix_error (error, _("The provider's key set at %s is not usable: "),
                    grant_http_request_get_uri (grant_exchange_get_request (exchange)));

  return jwks;
}

static void
jwks_waiter_free (gpointer data)
{
  JwksWaiter *waiter = data;

  if (waiter->cancelled_id != 0)
    g_signal_handler_disconnect (waiter->cancellable, waiter->cancelled_id);
  g_clear_object (&waiter->cancellable);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

/* A caller that gives up hears so at once; the fetch goes on for the others, and stops when
 * none is left. */
static void
jwks_waiter_cancelled_cb (GCancellable *cancellable,
                          JwksWaiter   *waiter)
{
  JwksFetch *fetch = waiter->fetch;
  g_autoptr(GTask) task = g_object_ref (waiter->task);

  /* A plain signal handler may be disconnected from within itself. */
  g_signal_handler_disconnect (cancellable, waiter->cancelled_id);
  waiter->cancelled_id = 0;
  g_ptr_array_remove (fetch->waiters, waiter);
  g_task_return_error_if_cancelled (task);

  if (fetch->waiters->len == 0)
    {
      if (fetch->self->jwks_fetch == fetch)
        fetch->self->jwks_fetch = NULL;
      g_cancellable_cancel (fetch->cancellable);
    }
}

static void
jwks_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  JwksFetch *fetch = user_data;
  g_autoptr(GrantProvider) self = fetch->self;
  g_autoptr(GPtrArray) waiters = fetch->waiters;
  g_autoptr(GCancellable) cancellable = fetch->cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwks) jwks = read_jwks (GRANT_HTTP_CLIENT (object), result, &error);

  if (self->jwks_fetch == fetch)
    self->jwks_fetch = NULL;
  g_free (fetch);
  if (jwks != NULL)
    g_set_object (&self->jwks, jwks);

  for (guint i = 0; i < waiters->len; i++)
    {
      JwksWaiter *waiter = g_ptr_array_index (waiters, i);

      if (waiter->cancelled_id != 0)
        {
          g_signal_handler_disconnect (waiter->cancellable, waiter->cancelled_id);
          waiter->cancelled_id = 0;
        }
      if (g_task_return_error_if_cancelled (waiter->task))
        continue;
      if (jwks != NULL)
        g_task_return_pointer (waiter->task, g_object_ref (jwks), g_object_unref);
      else
        g_task_return_error (waiter->task, g_error_copy (error));
    }
}

/**
 * grant_provider_get_jwks_async:
 * @self: a #GrantProvider
 * @client: the client to fetch with
 * @kid: (nullable): the kid of the key needed, if the token names one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the key set
 * @user_data: data for @callback
 *
 * Gets the key set: the cached one, unless there is none yet, or @kid is not in it and has
 * not made it be fetched before (a key rotation). Callers that ask while it is being fetched
 * share that fetch: a flow validating its ID token and the inspector showing it ask at the
 * same moment, and the log (and a class's sequence diagram) would show the key set fetched
 * twice. Cancelling a call returns at once; the fetch itself goes on.
 */
void
grant_provider_get_jwks_async (GrantProvider       *self,
                               GrantHttpClient     *client,
                               const char          *kid,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GrantHttpRequest) request = NULL;
  JwksWaiter *waiter;
  const char *jwks_uri;

  g_return_if_fail (GRANT_IS_PROVIDER (self));
  g_return_if_fail (GRANT_IS_HTTP_CLIENT (client));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_provider_get_jwks_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->jwks != NULL
      && (kid == NULL || jwks_has_kid (self->jwks, kid)
          || g_hash_table_contains (self->refetched_for, kid)))
    {
      g_task_return_pointer (task, g_object_ref (self->jwks), g_object_unref);
      return;
    }
  if (self->jwks_fetch == NULL)
    {
      if (self->jwks != NULL && kid != NULL)
        g_hash_table_add (self->refetched_for, g_strdup (kid));

      jwks_uri = grant_provider_get_endpoint (self, "jwks_uri", FALSE);
      if (jwks_uri == NULL)
        {
          g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                                   _("The provider %s has no jwks_uri, so Grant cannot verify "
                                   "the tokens it signs: enter the key set's URL by hand"),
                                   self->issuer);
          return;
        }

      request = grant_http_request_new ("GET", jwks_uri);
      grant_http_request_set_header (request, "Accept", "application/json", FALSE);
      grant_http_request_set_max_response_size (request, GRANT_PROVIDER_JWKS_MAX_SIZE);
      self->jwks_fetch = g_new0 (JwksFetch, 1);
      self->jwks_fetch->self = g_object_ref (self);
      self->jwks_fetch->waiters = g_ptr_array_new_with_free_func (jwks_waiter_free);
      self->jwks_fetch->cancellable = g_cancellable_new ();
      grant_http_client_send_async (client, request, NC_("exchange", "Key set (JWKS)"),
                                    self->jwks_fetch->cancellable, jwks_cb, self->jwks_fetch);
    }

  waiter = g_new0 (JwksWaiter, 1);
  waiter->fetch = self->jwks_fetch;
  waiter->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    {
      waiter->cancellable = g_object_ref (cancellable);
      waiter->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                               G_CALLBACK (jwks_waiter_cancelled_cb), waiter);
    }
  g_ptr_array_add (self->jwks_fetch->waiters, waiter);
}

/**
 * grant_provider_get_jwks_finish:
 * @self: a #GrantProvider
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key set, or %NULL with @error set
 */
GrantJwks *
grant_provider_get_jwks_finish (GrantProvider  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (GRANT_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
