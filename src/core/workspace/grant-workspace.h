/* grant-workspace.h
 * A workspace file: providers, clients, saved requests, personas and practice-provider settings,
 * in versioned JSON, saved atomically, never with secrets, never over a file Grant cannot read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The schema version this Grant writes; docs/workspace.md describes it. */
#define GRANT_WORKSPACE_VERSION 1

#define GRANT_WORKSPACE_ERROR (grant_workspace_error_quark ())

/**
 * GrantWorkspaceError:
 * @GRANT_WORKSPACE_ERROR_CORRUPT: the file is not JSON, or not a Grant workspace
 * @GRANT_WORKSPACE_ERROR_NEWER_VERSION: a newer Grant wrote it
 * @GRANT_WORKSPACE_ERROR_INVALID: a member has the wrong type
 * @GRANT_WORKSPACE_ERROR_READ_ONLY: the workspace is open read-only, so it is not saved
 */
typedef enum
{
  GRANT_WORKSPACE_ERROR_CORRUPT,
  GRANT_WORKSPACE_ERROR_NEWER_VERSION,
  GRANT_WORKSPACE_ERROR_INVALID,
  GRANT_WORKSPACE_ERROR_READ_ONLY,
} GrantWorkspaceError;

#define GRANT_TYPE_WORKSPACE (grant_workspace_get_type ())

G_DECLARE_FINAL_TYPE (GrantWorkspace, grant_workspace, GRANT, WORKSPACE, GObject)

GQuark          grant_workspace_error_quark        (void);
char           *grant_workspace_dup_default_path   (void);
GrantWorkspace *grant_workspace_new                (const char      *path);
gboolean        grant_workspace_load               (GrantWorkspace  *self,
                                                    GError         **error);
const char     *grant_workspace_get_path           (GrantWorkspace  *self);
const char     *grant_workspace_get_id             (GrantWorkspace  *self);
gboolean        grant_workspace_get_read_only      (GrantWorkspace  *self);
const char     *grant_workspace_get_read_only_reason (GrantWorkspace *self);
gboolean        grant_workspace_get_dirty          (GrantWorkspace  *self);
JsonNode       *grant_workspace_dup_section        (GrantWorkspace  *self,
                                                    const char      *name);
gboolean        grant_workspace_set_section        (GrantWorkspace  *self,
                                                    const char      *name,
                                                    JsonNode        *value,
                                                    GError         **error);
void            grant_workspace_set_autosave_delay (GrantWorkspace  *self,
                                                    guint            milliseconds);
gboolean        grant_workspace_save               (GrantWorkspace  *self,
                                                    GError         **error);
gboolean        grant_workspace_save_as            (GrantWorkspace  *self,
                                                    const char      *path,
                                                    GError         **error);
gboolean        grant_workspace_flush              (GrantWorkspace  *self,
                                                    GError         **error);
char           *grant_workspace_to_data            (GrantWorkspace  *self);
gboolean        grant_workspace_import             (GrantWorkspace  *self,
                                                    const char      *data,
                                                    gssize           length,
                                                    GError         **error);

G_END_DECLS
