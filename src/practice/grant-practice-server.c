/* grant-practice-server.c
 * What the practice provider's endpoints share on the server thread: the SoupServer, the issuer,
 * the signing keys and the store.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-practice-api.h"
#include "grant-practice-authorize.h"
#include "grant-practice-discovery.h"
#include "grant-practice-server.h"
#include "grant-practice-token.h"

/* The largest request body read: every form and page here is a few kilobytes. */
#define MAX_REQUEST_BODY (64 * 1024)

struct _GrantPracticeServer
{
  GrantPracticeProvider *provider;
  SoupServer            *soup_server;
  char                  *issuer;
  char                  *api_url;
  GrantJwk              *es256_key;
  GrantJwk              *rs256_key;
  char                  *jwks_json;
  GSource               *keys_source;
  GrantPracticeStore    *store;
};

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  /* A status set now makes the server skip the body and the handlers, and answer at once. */
  if ((encoding == SOUP_ENCODING_CONTENT_LENGTH
       && soup_message_headers_get_content_length (headers) > MAX_REQUEST_BODY)
      || encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                    "close");
      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
    }
}

static void
request_started_cb (SoupServer        *soup_server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), NULL);
}

/**
 * grant_practice_server_new:
 * @provider: the provider whose faults apply; it outlives the server
 * @error: return location for a #GError
 *
 * Call it on the server thread, with the thread's context pushed as its default.
 *
 * Returns: (transfer full): the server, with every endpoint's handler, not listening yet
 */
GrantPracticeServer *
grant_practice_server_new (GrantPracticeProvider  *provider,
                           GError                **error)
{
  GrantPracticeServer *self = g_new0 (GrantPracticeServer, 1);

  self->provider = provider;
  self->soup_server = soup_server_new ("server-header", "Grant-Practice", NULL);
  self->store = grant_practice_store_new ();
  g_signal_connect (self->soup_server, "request-started", G_CALLBACK (request_started_cb), NULL);

  grant_practice_discovery_add_handlers (self);
  grant_practice_authorize_add_handlers (self);
  grant_practice_token_add_handlers (self);
  grant_practice_api_add_handlers (self);

  return self;
}

void
grant_practice_server_free (GrantPracticeServer *self)
{
  if (self->soup_server != NULL)
    soup_server_disconnect (self->soup_server);
  g_clear_object (&self->soup_server);
  g_clear_pointer (&self->store, grant_practice_store_free);
  if (self->keys_source != NULL)
    g_source_destroy (self->keys_source);
  g_clear_pointer (&self->keys_source, g_source_unref);
  g_clear_object (&self->es256_key);
  g_clear_object (&self->rs256_key);
  g_free (self->jwks_json);
  g_free (self->issuer);
  g_free (self->api_url);
  g_free (self);
}

static gboolean
prepare_keys_cb (gpointer data)
{
  GrantPracticeServer *self = data;

  g_clear_pointer (&self->keys_source, g_source_unref);
  /* A failure is reported to the request that needs a key. */
  grant_practice_server_ensure_keys (self, NULL);

  return G_SOURCE_REMOVE;
}

/**
 * grant_practice_server_prepare_keys:
 * @self: the server
 *
 * Makes the signing keys soon, on the server thread, once what it answers now has gone out:
 * a flow that starts in the browser needs them at its token request, and the user reads the
 * login page meanwhile. Call it on the server thread.
 */
void
grant_practice_server_prepare_keys (GrantPracticeServer *self)
{
  if (self->jwks_json != NULL || self->keys_source != NULL)
    return;

  self->keys_source = g_idle_source_new ();
  g_source_set_priority (self->keys_source, G_PRIORITY_LOW);
  g_source_set_callback (self->keys_source, prepare_keys_cb, self, NULL);
  g_source_set_static_name (self->keys_source, "[grant] practice provider keys");
  g_source_attach (self->keys_source, g_main_context_get_thread_default ());
}

/**
 * grant_practice_server_ensure_keys:
 * @self: the server
 * @error: return location for a #GError
 *
 * Makes the signing keys the first time one is needed: ES256 for access tokens, RS256 (OpenID
 * Connect's default) for ID tokens. They live in memory only. Not before: an RSA key takes up
 * to a few hundred milliseconds, and making the two brings a few MiB of OpenSSL's code and
 * tables into memory, which a provider that is only discovered (as at every start) never needs.
 * The requests that come meanwhile wait on the server thread.
 *
 * Returns: %TRUE if the server has its keys; %FALSE only when OpenSSL's random generator
 *   failed, and nothing can be signed
 */
gboolean
grant_practice_server_ensure_keys (GrantPracticeServer  *self,
                                   GError              **error)
{
  g_autoptr(JsonArray) keys = NULL;
  g_autoptr(JsonObject) jwks = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GrantJwk) es256_key = NULL;
  g_autoptr(GrantJwk) rs256_key = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->jwks_json != NULL)
    return TRUE;

  es256_key = grant_jwk_generate ("ES256", &local_error);
  if (es256_key != NULL)
    rs256_key = grant_jwk_generate ("RS256", &local_error);
  if (rs256_key == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The practice provider could not make its signing keys: "));
      return FALSE;
    }
  self->es256_key = g_steal_pointer (&es256_key);
  self->rs256_key = g_steal_pointer (&rs256_key);

  keys = json_array_new ();
  jwks = json_object_new ();

  json_array_add_object_element (keys, grant_jwk_to_json (self->es256_key, FALSE));
  json_array_add_object_element (keys, grant_jwk_to_json (self->rs256_key, FALSE));
  json_object_set_array_member (jwks, "keys", g_steal_pointer (&keys));
  node = json_node_init_object (json_node_alloc (), jwks);
  self->jwks_json = json_to_string (node, FALSE);

  return TRUE;
}

static char *
issuer_for (GInetSocketAddress *address)
{
  GInetAddress *inet = g_inet_socket_address_get_address (address);
  g_autofree char *host = g_inet_address_to_string (inet);
  guint16 port = g_inet_socket_address_get_port (address);

  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("http://[%s]:%u", host, port);

  return g_strdup_printf ("http://%s:%u", host, port);
}

/**
 * grant_practice_server_listen:
 * @self: the server
 * @address: the IP address to listen on
 * @port: the port, or 0 for any free one
 * @public_issuer: (nullable): the issuer URL, or %NULL for http://ADDRESS:PORT
 * @bound_port: (out): the port it listens on
 * @error: return location for a #GError; %G_IO_ERROR_ADDRESS_IN_USE when the port is taken
 *
 * Returns: %TRUE if it listens
 */
gboolean
grant_practice_server_listen (GrantPracticeServer  *self,
                              const char           *address,
                              guint                 port,
                              const char           *public_issuer,
                              guint                *bound_port,
                              GError              **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  GSList *listeners;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), address);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (inet, (guint16) port);
  if (!soup_server_listen (self->soup_server, socket_address, 0, error))
    return FALSE;

  listeners = soup_server_get_listeners (self->soup_server);
  local = g_socket_get_local_address (listeners->data, error);
  g_slist_free (listeners);
  if (local == NULL)
    return FALSE;

  *bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_free (self->issuer);
  if (public_issuer != NULL)
    {
      self->issuer = g_strdup (public_issuer);
      while (g_str_has_suffix (self->issuer, "/"))
        self->issuer[strlen (self->issuer) - 1] = '\0';
    }
  else
    self->issuer = issuer_for (G_INET_SOCKET_ADDRESS (local));
  g_free (self->api_url);
  self->api_url = g_strconcat (self->issuer, "/api", NULL);

  return TRUE;
}

SoupServer *
grant_practice_server_get_soup_server (GrantPracticeServer *self)
{
  return self->soup_server;
}

/**
 * grant_practice_server_get_issuer:
 * @self: the server, listening
 *
 * Returns: the issuer URL, without a trailing slash
 */
const char *
grant_practice_server_get_issuer (GrantPracticeServer *self)
{
  return self->issuer;
}

/**
 * grant_practice_server_get_api_url:
 * @self: the server, listening
 *
 * Returns: the protected API's base URL, the audience of access tokens
 */
const char *
grant_practice_server_get_api_url (GrantPracticeServer *self)
{
  return self->api_url;
}

/**
 * grant_practice_server_dup_url:
 * @self: the server, listening
 * @path: a path starting with "/"
 *
 * Returns: (transfer full): the URL of @path under the issuer
 */
char *
grant_practice_server_dup_url (GrantPracticeServer *self,
                               const char          *path)
{
  return g_strconcat (self->issuer, path, NULL);
}

/**
 * grant_practice_server_get_access_token_key:
 * @self: the server
 *
 * Call grant_practice_server_ensure_keys() first.
 *
 * Returns: (transfer none): the ES256 key that signs access tokens
 */
GrantJwk *
grant_practice_server_get_access_token_key (GrantPracticeServer *self)
{
  return self->es256_key;
}

/**
 * grant_practice_server_get_key_for_alg:
 * @self: the server
 * @alg: "ES256" or "RS256"
 *
 * Call grant_practice_server_ensure_keys() first.
 *
 * Returns: (transfer none) (nullable): the key for @alg
 */
GrantJwk *
grant_practice_server_get_key_for_alg (GrantPracticeServer *self,
                                       const char          *alg)
{
  if (g_strcmp0 (alg, "ES256") == 0)
    return self->es256_key;
  if (g_strcmp0 (alg, "RS256") == 0)
    return self->rs256_key;

  return NULL;
}

/**
 * grant_practice_server_get_jwks_json:
 * @self: the server
 *
 * Call grant_practice_server_ensure_keys() first.
 *
 * Returns: the public keys as a JWK Set
 */
const char *
grant_practice_server_get_jwks_json (GrantPracticeServer *self)
{
  return self->jwks_json;
}

GrantPracticeStore *
grant_practice_server_get_store (GrantPracticeServer *self)
{
  return self->store;
}

/**
 * grant_practice_server_get_fault:
 * @self: the server
 * @fault: a fault
 * @value: (out) (optional): its number
 *
 * Returns: whether @fault is on now
 */
gboolean
grant_practice_server_get_fault (GrantPracticeServer *self,
                                 GrantPracticeFault   fault,
                                 guint               *value)
{
  if (value != NULL)
    *value = grant_practice_provider_get_fault_value (self->provider, fault);

  return grant_practice_provider_get_fault (self->provider, fault);
}

typedef struct
{
  SoupServerMessage *msg;
  GSourceFunc        resume;
  gpointer           user_data;
  GDestroyNotify     destroy;
} Delay;

static void
delay_free (gpointer data)
{
  Delay *delay = data;

  if (delay->destroy != NULL)
    delay->destroy (delay->user_data);
  g_object_unref (delay->msg);
  g_free (delay);
}

static gboolean
delay_done_cb (gpointer data)
{
  Delay *delay = data;

  delay->resume (delay->user_data);
  soup_server_message_unpause (delay->msg);

  return G_SOURCE_REMOVE;
}

/**
 * grant_practice_server_delay:
 * @self: the server
 * @msg: a request being handled
 * @milliseconds: how long to wait
 * @resume: what answers @msg after the wait
 * @user_data: its data
 * @destroy: (nullable): frees @user_data
 *
 * Holds @msg's answer back without holding the thread, so other requests go on meanwhile.
 */
void
grant_practice_server_delay (GrantPracticeServer *self,
                             SoupServerMessage   *msg,
                             guint                milliseconds,
                             GSourceFunc          resume,
                             gpointer             user_data,
                             GDestroyNotify       destroy)
{
  Delay *delay = g_new0 (Delay, 1);
  g_autoptr(GSource) source = g_timeout_source_new (milliseconds);

  delay->msg = g_object_ref (msg);
  delay->resume = resume;
  delay->user_data = user_data;
  delay->destroy = destroy;

  soup_server_message_pause (msg);
  g_source_set_callback (source, delay_done_cb, delay, delay_free);
  g_source_attach (source, g_main_context_get_thread_default ());
}
