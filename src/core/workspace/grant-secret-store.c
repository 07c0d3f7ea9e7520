/* grant-secret-store.c
 * Secrets (client secrets, private keys, kept refresh tokens) in the Secret Service through
 * libsecret, keyed by workspace and client; in memory for the session when there is none.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "grant-secret-store.h"

struct _GrantSecretStore
{
  GObject     parent_instance;

  /* Set once the Secret Service failed to answer: from then on secrets stay in memory. */
  char       *unavailable_reason;
  GHashTable *memory;
};

G_DEFINE_FINAL_TYPE (GrantSecretStore, grant_secret_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSISTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = {
  [GRANT_SECRET_CLIENT_SECRET] = "client_secret",
  [GRANT_SECRET_PRIVATE_KEY] = "private_key",
  [GRANT_SECRET_REFRESH_TOKEN] = "refresh_token",
};

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.grantapp.Grant.Secret", SECRET_SCHEMA_NONE,
    {
      { "workspace", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "client", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/**
 * grant_secret_store_new:
 *
 * Returns: (transfer full): a secret store, which tries the Secret Service first
 */
GrantSecretStore *
grant_secret_store_new (void)
{
  return g_object_new (GRANT_TYPE_SECRET_STORE, NULL);
}

/**
 * grant_secret_store_get_persistent:
 * @self: a #GrantSecretStore
 *
 * Returns: %FALSE once the Secret Service failed, so that secrets last for this session only
 */
gboolean
grant_secret_store_get_persistent (GrantSecretStore *self)
{
  g_return_val_if_fail (GRANT_IS_SECRET_STORE (self), FALSE);

  return self->unavailable_reason == NULL;
}

/**
 * grant_secret_store_get_unavailable_reason:
 * @self: a #GrantSecretStore
 *
 * Returns: (nullable): why secrets are kept in memory only, or %NULL
 */
const char *
grant_secret_store_get_unavailable_reason (GrantSecretStore *self)
{
  g_return_val_if_fail (GRANT_IS_SECRET_STORE (self), NULL);

  return self->unavailable_reason;
}

static char *
memory_key (const char      *workspace_id,
            const char      *client_id,
            GrantSecretKind  kind)
{
  return g_strdup_printf ("%s\n%s\n%s", workspace_id, client_id, kind_names[kind]);
}

static void
secret_free (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

/* Whether @error means the Secret Service cannot keep secrets: none on the bus, a locked
 * keyring it cannot prompt for, a refusal. Only a cancellation is passed on; the rest makes
 * the store keep secrets in memory, and say so. */
static gboolean
is_unavailable (const GError *error)
{
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
mark_unavailable (GrantSecretStore *self,
                  const GError     *error)
{
  if (self->unavailable_reason != NULL)
    return;

  self->unavailable_reason = g_strdup_printf (_("There is no Secret Service (%s): secrets are "
                                                "kept in memory and forgotten when Grant quits"),
                                              error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
}

typedef struct
{
  char            *workspace_id;
  char            *client_id;
  GrantSecretKind  kind;
  char            *secret;
} Operation;

static void
operation_free (gpointer data)
{
  Operation *operation = data;

  g_free (operation->workspace_id);
  g_free (operation->client_id);
  secret_free (operation->secret);
  g_free (operation);
}

static GTask *
new_operation (GrantSecretStore    *self,
               gpointer             source_tag,
               const char          *workspace_id,
               const char          *client_id,
               GrantSecretKind      kind,
               const char          *secret,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Operation *operation = g_new0 (Operation, 1);

  operation->workspace_id = g_strdup (workspace_id);
  operation->client_id = g_strdup (client_id);
  operation->kind = kind;
  operation->secret = g_strdup (secret);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, operation, operation_free);

  return task;
}

static void
remember (GrantSecretStore *self,
          Operation        *operation)
{
  g_hash_table_replace (self->memory,
                        memory_key (operation->workspace_id, operation->client_id,
                                    operation->kind),
                        g_strdup (operation->secret));
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantSecretStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (!is_unavailable (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      mark_unavailable (self, error);
      remember (self, g_task_get_task_data (task));
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * grant_secret_store_store_async:
 * @self: a #GrantSecretStore
 * @workspace_id: the workspace's id
 * @client_id: the client's id in the workspace
 * @kind: what the secret is
 * @secret: the secret
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is stored
 * @user_data: its data
 *
 * Stores @secret in the Secret Service, or in memory when there is none.
 */
void
grant_secret_store_store_async (GrantSecretStore    *self,
                                const char          *workspace_id,
                                const char          *client_id,
                                GrantSecretKind      kind,
                                const char          *secret,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (GRANT_IS_SECRET_STORE (self));
  g_return_if_fail (workspace_id != NULL && client_id != NULL && secret != NULL);

  task = new_operation (self, grant_secret_store_store_async, workspace_id, client_id, kind,
                        secret, cancellable, callback, user_data);
  if (self->unavailable_reason != NULL)
    {
      remember (self, g_task_get_task_data (task));
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The label is what Seahorse shows: the client, never the secret. */
  label = g_strdup_printf (_("Grant: %s of %s"), kind_names[kind], client_id);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         stored_cb, g_steal_pointer (&task),
                         "workspace", workspace_id, "client", client_id,
                         "kind", kind_names[kind], NULL);
}

gboolean
grant_secret_store_store_finish (GrantSecretStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantSecretStore *self = g_task_get_source_object (task);
  Operation *operation = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (!is_unavailable (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      mark_unavailable (self, error);
      {
        g_autofree char *key = memory_key (operation->workspace_id, operation->client_id,
                                           operation->kind);

        g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->memory, key)),
                               secret_free);
      }
      return;
    }

  g_task_return_pointer (task, g_strdup (secret), secret_free);
  secret_password_free (secret);
}

/**
 * grant_secret_store_lookup_async:
 * @self: a #GrantSecretStore
 * @workspace_id: the workspace's id
 * @client_id: the client's id in the workspace
 * @kind: what the secret is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the secret
 * @user_data: its data
 */
void
grant_secret_store_lookup_async (GrantSecretStore    *self,
                                 const char          *workspace_id,
                                 const char          *client_id,
                                 GrantSecretKind      kind,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GRANT_IS_SECRET_STORE (self));
  g_return_if_fail (workspace_id != NULL && client_id != NULL);

  task = new_operation (self, grant_secret_store_lookup_async, workspace_id, client_id, kind,
                        NULL, cancellable, callback, user_data);
  if (self->unavailable_reason != NULL)
    {
      g_autofree char *key = memory_key (workspace_id, client_id, kind);

      g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->memory, key)),
                             secret_free);
      return;
    }

  secret_password_lookup (get_schema (), cancellable, looked_up_cb, g_steal_pointer (&task),
                          "workspace", workspace_id, "client", client_id,
                          "kind", kind_names[kind], NULL);
}

/**
 * grant_secret_store_lookup_finish:
 * @self: a #GrantSecretStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL without @error when there is none
 */
char *
grant_secret_store_lookup_finish (GrantSecretStore  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GrantSecretStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL && !is_unavailable (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    mark_unavailable (self, error);

  g_task_return_boolean (task, TRUE);
}

/**
 * grant_secret_store_clear_async:
 * @self: a #GrantSecretStore
 * @workspace_id: the workspace's id
 * @client_id: the client's id in the workspace
 * @kind: what the secret is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is gone
 * @user_data: its data
 *
 * Deletes the secret, from the Secret Service and from memory.
 */
void
grant_secret_store_clear_async (GrantSecretStore    *self,
                                const char          *workspace_id,
                                const char          *client_id,
                                GrantSecretKind      kind,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = memory_key (workspace_id, client_id, kind);

  g_return_if_fail (GRANT_IS_SECRET_STORE (self));

  task = new_operation (self, grant_secret_store_clear_async, workspace_id, client_id, kind,
                        NULL, cancellable, callback, user_data);
  g_hash_table_remove (self->memory, key);
  if (self->unavailable_reason != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret_password_clear (get_schema (), cancellable, cleared_cb, g_steal_pointer (&task),
                         "workspace", workspace_id, "client", client_id,
                         "kind", kind_names[kind], NULL);
}

gboolean
grant_secret_store_clear_finish (GrantSecretStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
grant_secret_store_finalize (GObject *object)
{
  GrantSecretStore *self = GRANT_SECRET_STORE (object);

  g_hash_table_unref (self->memory);
  g_free (self->unavailable_reason);

  G_OBJECT_CLASS (grant_secret_store_parent_class)->finalize (object);
}

static void
grant_secret_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GrantSecretStore *self = GRANT_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_PERSISTENT:
      g_value_set_boolean (value, grant_secret_store_get_persistent (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_secret_store_class_init (GrantSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_secret_store_finalize;
  object_class->get_property = grant_secret_store_get_property;

  properties[PROP_PERSISTENT] =
    g_param_spec_boolean ("persistent", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_secret_store_init (GrantSecretStore *self)
{
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, secret_free);

  /* GRANT_SECRET_STORE=memory keeps secrets out of any keyring: the UI tests set it, since a
   * keyring that D-Bus starts for them would wait for a password prompt no one answers. */
  if (g_strcmp0 (g_getenv ("GRANT_SECRET_STORE"), "memory") == 0)
    self->unavailable_reason = g_strdup (_("GRANT_SECRET_STORE=memory: secrets are kept in "
                                           "memory and forgotten when Grant quits"));
}
