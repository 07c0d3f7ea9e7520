/* grant-workspace.c
 * A workspace file: providers, clients, saved requests, personas and practice-provider settings,
 * in versioned JSON, saved atomically, never with secrets, never over a file Grant cannot read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "grant-redaction.h"
#include "grant-workspace.h"

/* The "format" member that says a JSON file is a Grant workspace. */
#define FORMAT "grant-workspace"

/* Grant refuses to read a workspace larger than this: it is made of a few hundred settings. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)

#define DEFAULT_AUTOSAVE_DELAY 1000

struct _GrantWorkspace
{
  GObject     parent_instance;

  char       *path;
  JsonObject *document;
  gboolean    read_only;
  char       *read_only_reason;
  gboolean    dirty;
  guint       autosave_delay;
  guint       autosave_source;
};

G_DEFINE_FINAL_TYPE (GrantWorkspace, grant_workspace, G_TYPE_OBJECT)

G_DEFINE_QUARK (grant-workspace-error-quark, grant_workspace_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_DIRTY,
  N_PROPS
};

enum {
  CHANGED,
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Validation: each known section has a shape, checked member by member so that an error can
 * say where the file is wrong. */

static gboolean
invalid (GError     **error,
         const char  *where,
         const char  *what)
{
  g_set_error (error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_INVALID,
               _("The workspace is not valid: %s must be %s"), where, what);
  return FALSE;
}

static gboolean
is_type (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
check_scalars (JsonObject  *object,
               const char  *where,
               GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node) && !JSON_NODE_HOLDS_NULL (node))
        {
          g_autofree char *path = g_strdup_printf ("%s.%s", where, (char *) l->data);

          return invalid (error, path, _("a string, a number or true or false"));
        }
    }

  return TRUE;
}

static gboolean
check_strings (JsonObject  *object,
               const char  *where,
               GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!is_type (json_object_get_member (object, l->data), G_TYPE_STRING))
      {
        g_autofree char *path = g_strdup_printf ("%s.%s", where, (char *) l->data);

        return invalid (error, path, _("a string"));
      }

  return TRUE;
}

static gboolean
check_string_member (JsonObject  *object,
                     const char  *member,
                     gboolean     required,
                     const char  *where,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = g_strdup_printf ("%s.%s", where, member);

  if (node == NULL && !required)
    return TRUE;
  if (!is_type (node, G_TYPE_STRING))
    return invalid (error, path, _("a string"));

  return TRUE;
}

typedef gboolean (*CheckItem) (JsonNode    *item,
                               const char  *where,
                               GError     **error);

static gboolean
check_array (JsonNode     *node,
             const char   *name,
             CheckItem     check_item,
             GError      **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, name, _("an array"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s[%u]", name, i);

      if (!check_item (json_array_get_element (array, i), where, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_provider (JsonNode    *item,
                const char  *where,
                GError     **error)
{
  JsonObject *object;
  JsonNode *endpoints;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return invalid (error, where, _("an object"));
  object = json_node_get_object (item);

  if (!check_string_member (object, "id", TRUE, where, error)
      || !check_string_member (object, "name", FALSE, where, error)
      || !check_string_member (object, "issuer", FALSE, where, error)
      || !check_string_member (object, "preset", FALSE, where, error))
    return FALSE;

  endpoints = json_object_get_member (object, "endpoints");
  if (endpoints != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s.endpoints", where);

      if (!JSON_NODE_HOLDS_OBJECT (endpoints))
        return invalid (error, path, _("an object"));
      return check_strings (json_node_get_object (endpoints), path, error);
    }

  return TRUE;
}

static gboolean
check_client (JsonNode    *item,
              const char  *where,
              GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (item))
    return invalid (error, where, _("an object"));

  return check_string_member (json_node_get_object (item), "id", TRUE, where, error)
         && check_string_member (json_node_get_object (item), "provider", FALSE, where, error)
         && check_scalars (json_node_get_object (item), where, error);
}

static gboolean
check_header (JsonNode    *item,
              const char  *where,
              GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (item))
    return invalid (error, where, _("an object"));

  return check_string_member (json_node_get_object (item), "name", TRUE, where, error)
         && check_string_member (json_node_get_object (item), "value", TRUE, where, error);
}

static gboolean
check_request (JsonNode    *item,
               const char  *where,
               GError     **error)
{
  static const char * const strings[] = { "name", "method", "url", "body", "content_type" };
  JsonObject *object;
  JsonNode *headers;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return invalid (error, where, _("an object"));
  object = json_node_get_object (item);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (!check_string_member (object, strings[i], i == 2, where, error))
      return FALSE;

  headers = json_object_get_member (object, "headers");
  if (headers != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s.headers", where);

      return check_array (headers, path, check_header, error);
    }

  return TRUE;
}

static gboolean
check_persona (JsonNode    *item,
               const char  *where,
               GError     **error)
{
  if (!is_type (item, G_TYPE_STRING))
    return invalid (error, where, _("a string"));

  return TRUE;
}

static gboolean
check_fault (JsonNode    *item,
             const char  *where,
             GError     **error)
{
  JsonObject *object;
  JsonNode *enabled;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return invalid (error, where, _("an object"));
  object = json_node_get_object (item);

  enabled = json_object_get_member (object, "enabled");
  value = json_object_get_member (object, "value");
  if (enabled != NULL && !is_type (enabled, G_TYPE_BOOLEAN))
    {
      g_autofree char *path = g_strdup_printf ("%s.enabled", where);

      return invalid (error, path, _("true or false"));
    }
  if (value != NULL && !is_type (value, G_TYPE_INT64))
    {
      g_autofree char *path = g_strdup_printf ("%s.value", where);

      return invalid (error, path, _("a whole number"));
    }

  return TRUE;
}

static gboolean
check_practice (JsonNode    *node,
                const char  *name,
                GError     **error)
{
  JsonNode *faults;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, name, _("an object"));

  faults = json_object_get_member (json_node_get_object (node), "faults");
  if (faults != NULL)
    {
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (faults))
        return invalid (error, "practice.faults", _("an object"));
      members = json_object_get_members (json_node_get_object (faults));
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *where = g_strdup_printf ("practice.faults.%s", (char *) l->data);

          if (!check_fault (json_object_get_member (json_node_get_object (faults), l->data),
                            where, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_selection (JsonNode    *node,
                 const char  *name,
                 GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, name, _("an object"));

  return check_strings (json_node_get_object (node), name, error);
}

static gboolean
check_section (const char  *name,
               JsonNode    *node,
               GError     **error)
{
  if (g_str_equal (name, "providers"))
    return check_array (node, name, check_provider, error);
  if (g_str_equal (name, "clients"))
    return check_array (node, name, check_client, error);
  if (g_str_equal (name, "requests"))
    return check_array (node, name, check_request, error);
  if (g_str_equal (name, "personas"))
    return check_array (node, name, check_persona, error);
  if (g_str_equal (name, "practice"))
    return check_practice (node, name, error);
  if (g_str_equal (name, "selection"))
    return check_selection (node, name, error);

  /* A section this version does not know, from the same schema version: kept as it is. */
  return TRUE;
}

/* Secrets: whatever a caller hands over, the document never holds one. */

static gboolean
is_secret_member (const char *name,
                  gpointer    user_data)
{
  return grant_redaction_is_secret_name (name) || g_str_has_prefix (name, "private_key");
}

static void
drop_secret_members (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (is_secret_member (l->data, NULL))
      json_object_remove_member (object, l->data);
}

static void
strip_request (JsonObject *request)
{
  JsonNode *headers = json_object_get_member (request, "headers");
  const char *url = json_object_get_string_member_with_default (request, "url", NULL);
  const char *body = json_object_get_string_member_with_default (request, "body", NULL);

  if (url != NULL)
    {
      g_autofree char *redacted = grant_redaction_redact_uri (url, is_secret_member, NULL);

      json_object_set_string_member (request, "url", redacted);
    }

  if (body != NULL && *body == '{')
    {
      g_autofree char *redacted = grant_redaction_redact_json (body, strlen (body),
                                                               is_secret_member, NULL);

      json_object_set_string_member (request, "body", redacted);
    }
  else if (body != NULL)
    {
      /* A form body: redacted like a query. */
      g_autofree char *as_uri = g_strconcat ("?", body, NULL);
      g_autofree char *redacted = grant_redaction_redact_uri (as_uri, is_secret_member, NULL);

      json_object_set_string_member (request, "body", redacted + 1);
    }

  if (headers != NULL)
    {
      JsonArray *array = json_node_get_array (headers);

      for (guint i = json_array_get_length (array); i > 0; i--)
        {
          JsonObject *header = json_array_get_object_element (array, i - 1);

          if (grant_redaction_is_secret_header (json_object_get_string_member (header, "name")))
            json_array_remove_element (array, i - 1);
        }
    }
}

static void
strip_secrets (const char *name,
               JsonNode   *node)
{
  if (g_str_equal (name, "clients") || g_str_equal (name, "providers"))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        drop_secret_members (json_array_get_object_element (array, i));
    }
  else if (g_str_equal (name, "requests"))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_request (json_array_get_object_element (array, i));
    }
}

/* Reading. */

static char *
new_id (void)
{
  return g_uuid_string_random ();
}

static JsonObject *
new_document (void)
{
  JsonObject *document = json_object_new ();
  g_autofree char *id = new_id ();

  json_object_set_string_member (document, "format", FORMAT);
  json_object_set_int_member (document, "version", GRANT_WORKSPACE_VERSION);
  json_object_set_string_member (document, "id", id);

  return document;
}

/* Parses and checks a whole document; on success the secrets are gone from it. */
static JsonObject *
parse_document (const char  *data,
                gssize       length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GList) sections = NULL;
  JsonObject *document;
  JsonNode *version;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_CORRUPT,
                   _("The workspace is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_CORRUPT,
                           _("The workspace file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root),
                                                                "format", NULL), FORMAT) != 0)
    {
      g_set_error_literal (error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_CORRUPT,
                           _("The file is JSON but not a Grant workspace: it has no "
                             "\"format\": \"grant-workspace\""));
      return NULL;
    }

  document = json_node_get_object (root);
  version = json_object_get_member (document, "version");
  if (!is_type (version, G_TYPE_INT64) || json_node_get_int (version) < 1)
    {
      invalid (error, "version", _("a whole number from 1"));
      return NULL;
    }
  if (json_node_get_int (version) > GRANT_WORKSPACE_VERSION)
    {
      g_set_error (error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_NEWER_VERSION,
                   _("A newer Grant wrote this workspace (version %lld; this Grant knows "
                     "version %d and older). Open it with that Grant, or save a copy here "
                     "with Save As."),
                   (long long) json_node_get_int (version), GRANT_WORKSPACE_VERSION);
      return NULL;
    }
  if (!check_string_member (document, "id", TRUE, "the workspace", error))
    return NULL;

  members = json_object_get_members (document);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "format") && !g_str_equal (l->data, "version")
        && !g_str_equal (l->data, "id")
        && !check_section (l->data, json_object_get_member (document, l->data), error))
      return NULL;

  sections = json_object_get_members (document);
  for (GList *l = sections; l != NULL; l = l->next)
    strip_secrets (l->data, json_object_get_member (document, l->data));

  return json_object_ref (document);
}

/**
 * grant_workspace_dup_default_path:
 *
 * Returns: (transfer full): the default workspace, `$XDG_DATA_HOME/grant/workspace.json`
 */
char *
grant_workspace_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "grant", "workspace.json", NULL);
}

/**
 * grant_workspace_new:
 * @path: the file it is kept in
 *
 * Returns: (transfer full): an empty workspace for @path; grant_workspace_load() reads the file
 */
GrantWorkspace *
grant_workspace_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (GRANT_TYPE_WORKSPACE, "path", path, NULL);
}

static void
set_read_only (GrantWorkspace *self,
               const char     *reason)
{
  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);
  if (self->read_only != (reason != NULL))
    {
      self->read_only = reason != NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
}

/**
 * grant_workspace_load:
 * @self: a #GrantWorkspace
 * @error: return location for a #GError
 *
 * Reads the workspace file. A missing file is an empty workspace, to be created by the first
 * save. A file Grant cannot read (not JSON, not a workspace, a newer version, a member of the
 * wrong type) leaves the workspace empty and read-only, so that nothing overwrites the file,
 * and @error says why.
 *
 * Returns: %TRUE if the file was read or does not exist
 */
gboolean
grant_workspace_load (GrantWorkspace  *self,
                      GError         **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;
  JsonObject *document;
  GStatBuf buf;

  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  set_read_only (self, NULL);
  self->dirty = FALSE;

  if (g_stat (self->path, &buf) != 0 && errno == ENOENT)
    return TRUE;
  if (g_stat (self->path, &buf) == 0 && buf.st_size > MAX_FILE_SIZE)
    {
      g_set_error (&local_error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_CORRUPT,
                   _("The workspace is %s, too large to be one"),
                   g_format_size ((guint64) buf.st_size));
    }
  else if (g_file_get_contents (self->path, &data, &length, &local_error))
    {
      document = parse_document (data, (gssize) length, &local_error);
      if (document != NULL)
        {
          g_clear_pointer (&self->document, json_object_unref);
          self->document = document;
          g_signal_emit (self, signals[CHANGED], 0, NULL);
          return TRUE;
        }
    }

  set_read_only (self, local_error->message);
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("Grant opened “%s” read-only and will not change it. "),
                              self->path);
  return FALSE;
}

const char *
grant_workspace_get_path (GrantWorkspace *self)
{
  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), NULL);

  return self->path;
}

/**
 * grant_workspace_get_id:
 * @self: a #GrantWorkspace
 *
 * Returns: the workspace's id, a UUID that keys its secrets in the Secret Service
 */
const char *
grant_workspace_get_id (GrantWorkspace *self)
{
  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), NULL);

  return json_object_get_string_member (self->document, "id");
}

gboolean
grant_workspace_get_read_only (GrantWorkspace *self)
{
  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), FALSE);

  return self->read_only;
}

/**
 * grant_workspace_get_read_only_reason:
 * @self: a #GrantWorkspace
 *
 * Returns: (nullable): why the workspace is read-only, or %NULL when it is not
 */
const char *
grant_workspace_get_read_only_reason (GrantWorkspace *self)
{
  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), NULL);

  return self->read_only_reason;
}

gboolean
grant_workspace_get_dirty (GrantWorkspace *self)
{
  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), FALSE);

  return self->dirty;
}

/**
 * grant_workspace_dup_section:
 * @self: a #GrantWorkspace
 * @name: "providers", "clients", "requests", "personas", "practice" or "selection"
 *
 * Returns: (transfer full) (nullable): a copy of the section, or %NULL if the workspace has none
 */
JsonNode *
grant_workspace_dup_section (GrantWorkspace *self,
                             const char     *name)
{
  JsonNode *node;

  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = json_object_get_member (self->document, name);

  return node != NULL ? json_node_copy (node) : NULL;
}

static gboolean
autosave_cb (gpointer user_data)
{
  GrantWorkspace *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_source = 0;
  if (!grant_workspace_save (self, &error))
    g_warning ("Could not save the workspace: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
set_dirty (GrantWorkspace *self,
           gboolean        dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/**
 * grant_workspace_set_section:
 * @self: a #GrantWorkspace
 * @name: the section's name
 * @value: (transfer none): its new content
 * @error: return location for a #GError
 *
 * Replaces a section, dropping any secret in it (client secrets, private keys, tokens,
 * credential headers), and saves the workspace after the autosave delay. Emits
 * #GrantWorkspace::changed with @name as its detail.
 *
 * Returns: %TRUE unless @value has the wrong shape
 */
gboolean
grant_workspace_set_section (GrantWorkspace  *self,
                             const char      *name,
                             JsonNode        *value,
                             GError         **error)
{
  g_autoptr(JsonNode) copy = NULL;
  JsonNode *old;

  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (!g_str_equal (name, "format") && !g_str_equal (name, "version")
                        && !g_str_equal (name, "id"), FALSE);

  if (!check_section (name, value, error))
    return FALSE;

  copy = json_node_copy (value);
  strip_secrets (name, copy);

  old = json_object_get_member (self->document, name);
  if (old != NULL && json_node_equal (old, copy))
    return TRUE;

  json_object_set_member (self->document, name, g_steal_pointer (&copy));
  set_dirty (self, TRUE);
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (name), name);

  if (!self->read_only)
    {
      g_clear_handle_id (&self->autosave_source, g_source_remove);
      self->autosave_source = g_timeout_add (self->autosave_delay, autosave_cb, self);
    }

  return TRUE;
}

/**
 * grant_workspace_set_autosave_delay:
 * @self: a #GrantWorkspace
 * @milliseconds: how long after the last change it is saved
 */
void
grant_workspace_set_autosave_delay (GrantWorkspace *self,
                                    guint           milliseconds)
{
  g_return_if_fail (GRANT_IS_WORKSPACE (self));

  self->autosave_delay = milliseconds;
}

/**
 * grant_workspace_to_data:
 * @self: a #GrantWorkspace
 *
 * The workspace as it is saved and exported: it never holds a secret, so an export is the same.
 *
 * Returns: (transfer full): the JSON text
 */
char *
grant_workspace_to_data (GrantWorkspace *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), NULL);

  node = json_node_init_object (json_node_alloc (), self->document);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

static gboolean
write_file (GrantWorkspace  *self,
            const char      *path,
            GError         **error)
{
  g_autofree char *data = grant_workspace_to_data (self);
  g_autofree char *directory = g_path_get_dirname (path);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), directory,
                   g_strerror (saved_errno));
      return FALSE;
    }

  /* A new file beside the old one, synced, then renamed over it: a crash at any point leaves
   * either the old workspace or the new one, never a part. */
  return g_file_set_contents_full (path, data, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/**
 * grant_workspace_save:
 * @self: a #GrantWorkspace
 * @error: return location for a #GError
 *
 * Writes the workspace to its file atomically, now.
 *
 * Returns: %TRUE if it was written; %FALSE for a read-only workspace
 */
gboolean
grant_workspace_save (GrantWorkspace  *self,
                      GError         **error)
{
  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (self->read_only)
    {
      g_set_error (error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_READ_ONLY,
                   _("The workspace “%s” is open read-only: %s"), self->path,
                   self->read_only_reason);
      return FALSE;
    }

  if (!write_file (self, self->path, error))
    return FALSE;

  set_dirty (self, FALSE);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

/**
 * grant_workspace_save_as:
 * @self: a #GrantWorkspace
 * @path: the new file
 * @error: return location for a #GError
 *
 * Saves the workspace to @path and keeps it there from now on. A read-only workspace becomes
 * writable in its new place; the file it was read from is left alone.
 *
 * Returns: %TRUE if it was written
 */
gboolean
grant_workspace_save_as (GrantWorkspace  *self,
                         const char      *path,
                         GError         **error)
{
  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!write_file (self, path, error))
    return FALSE;

  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  set_read_only (self, NULL);
  set_dirty (self, FALSE);
  g_signal_emit (self, signals[SAVED], 0);

  return TRUE;
}

/**
 * grant_workspace_flush:
 * @self: a #GrantWorkspace
 * @error: return location for a #GError
 *
 * Saves now if an autosave is pending, as when Grant quits.
 *
 * Returns: %TRUE unless a save was needed and failed
 */
gboolean
grant_workspace_flush (GrantWorkspace  *self,
                       GError         **error)
{
  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), FALSE);

  if (!self->dirty || self->read_only)
    return TRUE;

  return grant_workspace_save (self, error);
}

/**
 * grant_workspace_import:
 * @self: a #GrantWorkspace
 * @data: an exported workspace
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Replaces this workspace's sections by those of @data, which is checked as a file would be.
 * The workspace keeps its own id, so that its secrets stay its own.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
grant_workspace_import (GrantWorkspace  *self,
                        const char      *data,
                        gssize           length,
                        GError         **error)
{
  g_autoptr(JsonObject) imported = NULL;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (GRANT_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  imported = parse_document (data, length, error);
  if (imported == NULL)
    return FALSE;

  members = json_object_get_members (imported);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "format") && !g_str_equal (l->data, "version")
        && !g_str_equal (l->data, "id")
        && !grant_workspace_set_section (self, l->data,
                                         json_object_get_member (imported, l->data), error))
      return FALSE;

  return TRUE;
}

static void
grant_workspace_finalize (GObject *object)
{
  GrantWorkspace *self = GRANT_WORKSPACE (object);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_pointer (&self->document, json_object_unref);
  g_free (self->path);
  g_free (self->read_only_reason);

  G_OBJECT_CLASS (grant_workspace_parent_class)->finalize (object);
}

static void
grant_workspace_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrantWorkspace *self = GRANT_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_workspace_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GrantWorkspace *self = GRANT_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_workspace_class_init (GrantWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_workspace_finalize;
  object_class->get_property = grant_workspace_get_property;
  object_class->set_property = grant_workspace_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GrantWorkspace::changed:
   * @self: the workspace
   * @section: (nullable): the section that changed, or %NULL when the whole workspace was read
   *
   * Detailed with the section's name.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * GrantWorkspace::saved:
   * @self: the workspace
   *
   * Emitted after the workspace was written to its file.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
grant_workspace_init (GrantWorkspace *self)
{
  self->document = new_document ();
  self->autosave_delay = DEFAULT_AUTOSAVE_DELAY;
}
