/* grant-dpop-session.c
 * A DPoP key pair and the nonces servers gave for it (RFC 9449).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One key for a session of flows and API calls: the tokens are bound to its thumbprint, so
 * every proof must be signed with it. A nonce belongs to the server that gave it (RFC 9449
 * §8, §9), so nonces are kept per origin: the authorization server's is not sent to the API.
 */

#include "config.h"

#include "grant-dpop.h"
#include "grant-dpop-session.h"

struct _GrantDpopSession
{
  GObject     parent_instance;

  GrantJwk   *key;
  GHashTable *nonces; /* origin → nonce */
};

G_DEFINE_FINAL_TYPE (GrantDpopSession, grant_dpop_session, G_TYPE_OBJECT)

static void
grant_dpop_session_finalize (GObject *object)
{
  GrantDpopSession *self = (GrantDpopSession *)object;

  g_clear_object (&self->key);
  g_clear_pointer (&self->nonces, g_hash_table_unref);

  G_OBJECT_CLASS (grant_dpop_session_parent_class)->finalize (object);
}

static void
grant_dpop_session_class_init (GrantDpopSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grant_dpop_session_finalize;
}

static void
grant_dpop_session_init (GrantDpopSession *self)
{
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * grant_dpop_session_new:
 * @alg: (nullable): the algorithm of the key to make; ES256 when %NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a session with a new key pair, or %NULL with @error set
 */
GrantDpopSession *
grant_dpop_session_new (const char  *alg,
                        GError     **error)
{
  g_autoptr(GrantJwk) key = grant_jwk_generate (alg != NULL ? alg : "ES256", error);

  if (key == NULL)
    return NULL;

  return grant_dpop_session_new_for_key (key);
}

/**
 * grant_dpop_session_new_for_key:
 * @key: a private key
 *
 * Returns: (transfer full): a session that proves possession of @key
 */
GrantDpopSession *
grant_dpop_session_new_for_key (GrantJwk *key)
{
  GrantDpopSession *self;

  g_return_val_if_fail (GRANT_IS_JWK (key), NULL);
  g_return_val_if_fail (grant_jwk_is_private (key), NULL);

  self = g_object_new (GRANT_TYPE_DPOP_SESSION, NULL);
  self->key = g_object_ref (key);

  return self;
}

/**
 * grant_dpop_session_get_key:
 * @self: a #GrantDpopSession
 *
 * Returns: (transfer none): the private key
 */
GrantJwk *
grant_dpop_session_get_key (GrantDpopSession *self)
{
  g_return_val_if_fail (GRANT_IS_DPOP_SESSION (self), NULL);

  return self->key;
}

/**
 * grant_dpop_session_dup_thumbprint:
 * @self: a #GrantDpopSession
 *
 * Returns: (transfer full): the key's RFC 7638 thumbprint, the `jkt` bound tokens carry
 */
char *
grant_dpop_session_dup_thumbprint (GrantDpopSession *self)
{
  g_return_val_if_fail (GRANT_IS_DPOP_SESSION (self), NULL);

  return grant_jwk_dup_thumbprint (self->key);
}

static char *
origin_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri));
}

/**
 * grant_dpop_session_get_nonce:
 * @self: a #GrantDpopSession
 * @url: a URL on the server
 *
 * Returns: (nullable): the last nonce that server gave
 */
const char *
grant_dpop_session_get_nonce (GrantDpopSession *self,
                              const char       *url)
{
  g_autofree char *origin = NULL;

  g_return_val_if_fail (GRANT_IS_DPOP_SESSION (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  origin = origin_of (url);

  return origin != NULL ? g_hash_table_lookup (self->nonces, origin) : NULL;
}

/**
 * grant_dpop_session_update_nonce:
 * @self: a #GrantDpopSession
 * @url: the URL of the request the nonce came with
 * @nonce: the DPoP-Nonce the server sent
 *
 * Returns: whether @nonce is new for that server
 */
gboolean
grant_dpop_session_update_nonce (GrantDpopSession *self,
                                 const char       *url,
                                 const char       *nonce)
{
  g_autofree char *origin = NULL;

  g_return_val_if_fail (GRANT_IS_DPOP_SESSION (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (nonce != NULL, FALSE);

  origin = origin_of (url);
  if (origin == NULL || g_strcmp0 (g_hash_table_lookup (self->nonces, origin), nonce) == 0)
    return FALSE;

  g_hash_table_replace (self->nonces, g_steal_pointer (&origin), g_strdup (nonce));

  return TRUE;
}

/**
 * grant_dpop_session_make_proof:
 * @self: a #GrantDpopSession
 * @htm: the request's method
 * @htu: the request's URL
 * @access_token: (nullable): the access token sent with it, for `ath`
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a proof for the request, with the server's last nonce, or %NULL
 *   with @error set
 */
char *
grant_dpop_session_make_proof (GrantDpopSession  *self,
                               const char        *htm,
                               const char        *htu,
                               const char        *access_token,
                               GError           **error)
{
  g_return_val_if_fail (GRANT_IS_DPOP_SESSION (self), NULL);

  return grant_dpop_make_proof (self->key, htm, htu, grant_dpop_session_get_nonce (self, htu),
                                access_token, error);
}
