/* grant-application-private.h
 * What the application shares with the other UI types, and nothing else may use.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grant-application.h"

G_BEGIN_DECLS

void _grant_application_ensure_resources        (void);
void _grant_application_set_workspace           (GrantApplication *self,
                                                 GrantWorkspace   *workspace,
                                                 const GError     *error);
void _grant_application_add_workspace_actions   (GrantApplication *self);
gboolean _grant_application_import_workspace    (GrantApplication *self,
                                                 const char       *path,
                                                 GError          **error);

G_END_DECLS
