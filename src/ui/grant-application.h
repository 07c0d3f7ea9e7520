/* grant-application.h
 * The Grant application: its actions, accelerators and windows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-practice-provider.h"
#include "grant-secret-store.h"
#include "grant-workspace.h"

G_BEGIN_DECLS

#define GRANT_TYPE_APPLICATION (grant_application_get_type ())

G_DECLARE_FINAL_TYPE (GrantApplication, grant_application, GRANT, APPLICATION, AdwApplication)

GrantApplication *grant_application_new          (void);
GSettings        *grant_application_get_settings (GrantApplication *self);
GrantPracticeProvider *grant_application_get_practice_provider (GrantApplication *self);
const char       *grant_application_get_practice_error    (GrantApplication *self);
GrantWorkspace   *grant_application_get_workspace         (GrantApplication *self);
const char       *grant_application_get_workspace_error   (GrantApplication *self);
GrantSecretStore *grant_application_get_secret_store      (GrantApplication *self);
void              grant_application_open_workspace        (GrantApplication *self,
                                                           const char       *path);

G_END_DECLS
