/* grant-check.h
 * One check of a validation (an ID token's iss, aud, exp, signature…): passed, failed or not
 * applicable, with the reason in plain words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * GrantCheckStatus:
 * @GRANT_CHECK_PASSED: the check was made and passed
 * @GRANT_CHECK_FAILED: the check was made and failed
 * @GRANT_CHECK_NOT_APPLICABLE: the check does not apply here (no nonce was sent, say)
 */
typedef enum
{
  GRANT_CHECK_PASSED,
  GRANT_CHECK_FAILED,
  GRANT_CHECK_NOT_APPLICABLE,
} GrantCheckStatus;

#define GRANT_TYPE_CHECK_STATUS (grant_check_status_get_type ())
GType grant_check_status_get_type (void);

#define GRANT_TYPE_CHECK (grant_check_get_type ())

G_DECLARE_FINAL_TYPE (GrantCheck, grant_check, GRANT, CHECK, GObject)

GrantCheck       *grant_check_new            (const char       *name,
                                              GrantCheckStatus  status,
                                              const char       *reason);
GrantCheck       *grant_check_new_with_label (const char       *name,
                                              const char       *label,
                                              GrantCheckStatus  status,
                                              const char       *reason);
const char       *grant_check_get_name       (GrantCheck       *self);
const char       *grant_check_get_label      (GrantCheck       *self);
GrantCheckStatus  grant_check_get_status     (GrantCheck       *self);
const char       *grant_check_get_reason     (GrantCheck       *self);
gboolean          grant_checks_all_pass      (GListModel       *checks);
GrantCheck       *grant_checks_find          (GListModel       *checks,
                                              const char       *name);
void              grant_checks_append        (GListStore       *checks,
                                              const char       *name,
                                              GrantCheckStatus  status,
                                              const char       *format,
                                              ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
