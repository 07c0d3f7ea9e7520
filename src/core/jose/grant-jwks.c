/* grant-jwks.c
 * A JWK Set (RFC 7517 §5), and choosing the key that checks a given JWS.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-jose-error.h"
#include "grant-jose-json.h"
#include "grant-jwks.h"
#include "grant-jws-algorithm.h"

struct _GrantJwks
{
  GObject    parent_instance;

  GPtrArray *keys;
  GPtrArray *ignored;    /* NULL-terminated reasons for the keys that were left out */
};

static void grant_jwks_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantJwks, grant_jwks, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      grant_jwks_list_model_init))

static GType
grant_jwks_get_item_type (GListModel *model)
{
  return GRANT_TYPE_JWK;
}

static guint
grant_jwks_get_n_items (GListModel *model)
{
  return GRANT_JWKS (model)->keys->len;
}

static gpointer
grant_jwks_get_item (GListModel *model,
                     guint       position)
{
  GrantJwks *self = GRANT_JWKS (model);

  if (position >= self->keys->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->keys, position));
}

static void
grant_jwks_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = grant_jwks_get_item_type;
  iface->get_n_items = grant_jwks_get_n_items;
  iface->get_item = grant_jwks_get_item;
}

static void
grant_jwks_finalize (GObject *object)
{
  GrantJwks *self = (GrantJwks *)object;

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->ignored, g_ptr_array_unref);

  G_OBJECT_CLASS (grant_jwks_parent_class)->finalize (object);
}

static void
grant_jwks_class_init (GrantJwksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_jwks_finalize;
}

static void
grant_jwks_init (GrantJwks *self)
{
  self->keys = g_ptr_array_new_with_free_func (g_object_unref);
  self->ignored = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/**
 * grant_jwks_new:
 *
 * Returns: (transfer full): an empty set
 */
GrantJwks *
grant_jwks_new (void)
{
  return g_object_new (GRANT_TYPE_JWKS, NULL);
}

/**
 * grant_jwks_new_from_json:
 * @object: a JWK Set, `{"keys": [...]}`
 * @error: return location for a #GError
 *
 * Reads a JWK Set. A key that Grant cannot use (an unknown `kty` or curve, or an invalid key)
 * is left out, as RFC 7517 §5 asks, and the reason is kept: see grant_jwks_get_ignored().
 *
 * Returns: (transfer full): the set, or %NULL with @error set when @object is not a JWK Set
 */
GrantJwks *
grant_jwks_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(GrantJwks) self = NULL;
  JsonNode *keys;
  JsonArray *array;

  g_return_val_if_fail (object != NULL, NULL);

  keys = json_object_get_member (object, "keys");
  if (keys == NULL || !JSON_NODE_HOLDS_ARRAY (keys))
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                           "A JWK Set needs a “keys” array (RFC 7517 §5)");
      return NULL;
    }

  self = grant_jwks_new ();
  array = json_node_get_array (keys);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GrantJwk) key = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_ptr_array_add (self->ignored,
                           g_strdup_printf ("Key %u is not a JSON object", i));
          continue;
        }

      key = grant_jwk_new_from_json (json_node_get_object (element), &local_error);
      if (key == NULL)
        {
          g_ptr_array_add (self->ignored,
                           g_strdup_printf ("Key %u: %s", i, local_error->message));
          continue;
        }

      g_ptr_array_add (self->keys, g_steal_pointer (&key));
    }

  return g_steal_pointer (&self);
}

/**
 * grant_jwks_new_from_data:
 * @data: a JWK Set as JSON text
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the set, or %NULL with @error set
 */
GrantJwks *
grant_jwks_new_from_data (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  object = grant_jose_json_parse_object (data, length < 0 ? strlen (data) : (gsize) length,
                                         N_("The JWK Set"), error);
  if (object == NULL)
    return NULL;

  return grant_jwks_new_from_json (object, error);
}

/**
 * grant_jwks_add:
 * @self: a #GrantJwks
 * @key: a key
 */
void
grant_jwks_add (GrantJwks *self,
                GrantJwk  *key)
{
  g_return_if_fail (GRANT_IS_JWKS (self));
  g_return_if_fail (GRANT_IS_JWK (key));

  g_ptr_array_add (self->keys, g_object_ref (key));
  g_list_model_items_changed (G_LIST_MODEL (self), self->keys->len - 1, 0, 1);
}

/**
 * grant_jwks_get_ignored:
 * @self: a #GrantJwks
 *
 * Returns: (transfer none): why each key that was left out was left out
 */
const char * const *
grant_jwks_get_ignored (GrantJwks *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (GRANT_IS_JWKS (self), NULL);

  /* GLib 2.74 allocates a null-terminated array's storage only on the first addition. */
  if (self->ignored->pdata == NULL)
    return none;

  return (const char * const *) self->ignored->pdata;
}

/**
 * grant_jwks_select:
 * @self: a #GrantJwks
 * @kid: (nullable): the `kid` of the JWS, if it has one
 * @alg: the JWS `alg`
 * @operation: "verify" or "sign"
 * @error: return location for a #GError
 *
 * Chooses the one key that can check a JWS: its `kid` matches when the JWS names one, and it
 * fits @alg and @operation (grant_jws_algorithm_check_key()). No key is
 * %GRANT_JOSE_ERROR_KEY_NOT_FOUND, or %GRANT_JOSE_ERROR_KEY_MISMATCH when the key named by
 * @kid does not fit; several keys are %GRANT_JOSE_ERROR_KEY_AMBIGUOUS.
 *
 * Returns: (transfer none): the key, or %NULL with @error set
 */
GrantJwk *
grant_jwks_select (GrantJwks   *self,
                   const char  *kid,
                   const char  *alg,
                   const char  *operation,
                   GError     **error)
{
  g_autoptr(GError) last_mismatch = NULL;
  GrantJwk *chosen = NULL;
  guint n_candidates = 0;
  guint n_with_kid = 0;

  g_return_val_if_fail (GRANT_IS_JWKS (self), NULL);
  g_return_val_if_fail (operation != NULL, NULL);

  for (guint i = 0; i < self->keys->len; i++)
    {
      GrantJwk *key = g_ptr_array_index (self->keys, i);
      g_autoptr(GError) mismatch = NULL;

      if (kid != NULL && g_strcmp0 (grant_jwk_get_kid (key), kid) != 0)
        continue;
      n_with_kid++;

      if (!grant_jws_algorithm_check_key (alg, key, operation, &mismatch))
        {
          if (!g_error_matches (mismatch, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH))
            {
              /* alg none or an unknown alg: no key will do, and this is why. */
              g_propagate_error (error, g_steal_pointer (&mismatch));
              return NULL;
            }
          g_clear_error (&last_mismatch);
          last_mismatch = g_steal_pointer (&mismatch);
          continue;
        }

      n_candidates++;
      chosen = key;
    }

  if (n_candidates == 1)
    return chosen;

  if (n_candidates > 1)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_AMBIGUOUS,
                   "%u keys of the set could check this %s token%s%s%s, and nothing says "
                   "which: a token should name its key with “kid”", n_candidates, alg,
                   kid != NULL ? " (kid “" : "", kid != NULL ? kid : "",
                   kid != NULL ? "”)" : "");
      return NULL;
    }

  if (kid != NULL && n_with_kid == 0)
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_NOT_FOUND,
                 "The set has no key with kid “%s” (%u keys in the set). If the server "
                 "rotated its keys, fetch its JWKS again.", kid, self->keys->len);
  else if (n_with_kid == 1 && last_mismatch != NULL)
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_MISMATCH,
                 "The key%s%s cannot check this token: %s", kid != NULL ? " " : "",
                 kid != NULL ? kid : "", last_mismatch->message);
  else
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_KEY_NOT_FOUND,
                 "No key of the set (%u keys) can check a %s token%s%s", self->keys->len, alg,
                 last_mismatch != NULL ? "; for example: " : "",
                 last_mismatch != NULL ? last_mismatch->message : "");

  return NULL;
}

/**
 * grant_jwks_to_json:
 * @self: a #GrantJwks
 * @include_private: whether to include private and secret members
 *
 * Returns: (transfer full): the set as `{"keys": [...]}`
 */
JsonObject *
grant_jwks_to_json (GrantJwks *self,
                    gboolean   include_private)
{
  JsonObject *object;
  JsonArray *keys;

  g_return_val_if_fail (GRANT_IS_JWKS (self), NULL);

  keys = json_array_new ();
  for (guint i = 0; i < self->keys->len; i++)
    json_array_add_object_element (keys, grant_jwk_to_json (g_ptr_array_index (self->keys, i),
                                                            include_private));

  object = json_object_new ();
  json_object_set_array_member (object, "keys", keys);

  return object;
}
