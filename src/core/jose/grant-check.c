/* grant-check.c
 * One check of a validation: its name, whether it passed, failed or does not apply, and why.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A check has two names. Its name is what code compares and exports write (“signature”,
 * “ID token nonce”), in English, the same in every locale. Its label is what people read: the
 * name translated where it is a word, and left as it is where it is a claim or a parameter
 * (“iss”, “nonce”), which are OAuth's own words in every language. Validators mark the word
 * names with NC_("check", …), so that the label can look them up without their help.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-check.h"

struct _GrantCheck
{
  GObject           parent_instance;

  char             *name;
  char             *label;
  GrantCheckStatus  status;
  char             *reason;
};

G_DEFINE_FINAL_TYPE (GrantCheck, grant_check, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GrantCheckStatus, grant_check_status,
  G_DEFINE_ENUM_VALUE (GRANT_CHECK_PASSED, "passed"),
  G_DEFINE_ENUM_VALUE (GRANT_CHECK_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (GRANT_CHECK_NOT_APPLICABLE, "not-applicable"))

enum {
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  PROP_STATUS,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
grant_check_finalize (GObject *object)
{
  GrantCheck *self = (GrantCheck *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (grant_check_parent_class)->finalize (object);
}

static void
grant_check_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GrantCheck *self = GRANT_CHECK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LABEL:
      g_value_set_string (value, grant_check_get_label (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_check_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GrantCheck *self = GRANT_CHECK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_REASON:
      self->reason = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_check_class_init (GrantCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_check_finalize;
  object_class->get_property = grant_check_get_property;
  object_class->set_property = grant_check_set_property;

  /**
   * GrantCheck:name:
   *
   * What was checked, such as “iss” or “signature”.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantCheck:label:
   *
   * The check's name as people read it, translated (see grant_check_get_label()). Set it
   * when the name is made of words that the "check" context does not hold, such as
   * “ID token nonce”; without it, the label is looked up from the name.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantCheck:status:
   *
   * Whether the check passed, failed or does not apply. A check made without saying how it
   * came out counts as failed, so that forgetting the status can never make a token pass.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       GRANT_TYPE_CHECK_STATUS, GRANT_CHECK_FAILED,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantCheck:reason:
   *
   * Why the check came out as it did, in plain words, or %NULL.
   */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_check_init (GrantCheck *self)
{
}

/**
 * grant_check_new:
 * @name: what was checked, such as “exp”
 * @status: the outcome
 * @reason: (nullable): why, in plain words
 *
 * Creates an immutable check result.
 *
 * Returns: (transfer full): a new #GrantCheck
 */
GrantCheck *
grant_check_new (const char       *name,
                 GrantCheckStatus  status,
                 const char       *reason)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (GRANT_TYPE_CHECK,
                       "name", name,
                       "status", status,
                       "reason", reason,
                       NULL);
}

/**
 * grant_check_get_name:
 * @self: a #GrantCheck
 *
 * Returns: what was checked
 */
const char *
grant_check_get_name (GrantCheck *self)
{
  g_return_val_if_fail (GRANT_IS_CHECK (self), NULL);

  return self->name;
}

/**
 * grant_check_new_with_label:
 * @name: what was checked, as code compares it, such as “ID token nonce”
 * @label: the same, as people read it, translated
 * @status: the outcome
 * @reason: (nullable): why, in plain words
 *
 * Creates an immutable check result whose name is made of words of its own, which the
 * "check" context cannot translate.
 *
 * Returns: (transfer full): a new #GrantCheck
 */
GrantCheck *
grant_check_new_with_label (const char       *name,
                            const char       *label,
                            GrantCheckStatus  status,
                            const char       *reason)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return g_object_new (GRANT_TYPE_CHECK,
                       "name", name,
                       "label", label,
                       "status", status,
                       "reason", reason,
                       NULL);
}

/**
 * grant_check_get_label:
 * @self: a #GrantCheck
 *
 * The name to show: the label the check was made with, or else its name in the "check"
 * context of the translations, which holds the names that are words (“signature”,
 * “endpoints”). Claim and parameter names are not in it and come back as they are.
 *
 * Returns: what was checked, as people read it
 */
const char *
grant_check_get_label (GrantCheck *self)
{
  g_return_val_if_fail (GRANT_IS_CHECK (self), NULL);

  if (self->label != NULL)
    return self->label;

  return g_dpgettext2 (NULL, "check", self->name);
}

/**
 * grant_check_get_status:
 * @self: a #GrantCheck
 *
 * Returns: whether the check passed, failed or does not apply
 */
GrantCheckStatus
grant_check_get_status (GrantCheck *self)
{
  g_return_val_if_fail (GRANT_IS_CHECK (self), GRANT_CHECK_FAILED);

  return self->status;
}

/**
 * grant_check_get_reason:
 * @self: a #GrantCheck
 *
 * Returns: (nullable): why the check came out as it did
 */
const char *
grant_check_get_reason (GrantCheck *self)
{
  g_return_val_if_fail (GRANT_IS_CHECK (self), NULL);

  return self->reason;
}

/**
 * grant_checks_all_pass:
 * @checks: a #GListModel of #GrantCheck
 *
 * Tells whether a validation succeeded: no check failed. Checks that do not apply count as
 * passing, and so does an empty list.
 *
 * Returns: %TRUE when no check of @checks has the status %GRANT_CHECK_FAILED
 */
gboolean
grant_checks_all_pass (GListModel *checks)
{
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), FALSE);

  n_items = g_list_model_get_n_items (checks);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      g_return_val_if_fail (GRANT_IS_CHECK (check), FALSE);

      if (check->status == GRANT_CHECK_FAILED)
        return FALSE;
    }

  return TRUE;
}

/**
 * grant_checks_find:
 * @checks: a #GListModel of #GrantCheck
 * @name: the name of a check
 *
 * Finds a check by name.
 *
 * Returns: (transfer none) (nullable): the first check of @checks named @name, or %NULL.
 *   @checks keeps it alive, so @checks must be a model that stores its items (a #GListStore)
 *   rather than one that makes them on demand.
 */
GrantCheck *
grant_checks_find (GListModel *checks,
                   const char *name)
{
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  n_items = g_list_model_get_n_items (checks);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      g_return_val_if_fail (GRANT_IS_CHECK (check), NULL);

      /* The model holds its own reference, so the pointer outlives ours. */
      if (g_strcmp0 (check->name, name) == 0)
        return check;
    }

  return NULL;
}

/**
 * grant_checks_append:
 * @checks: a #GListStore of #GrantCheck
 * @name: the check's name
 * @status: its outcome
 * @format: the reason, a printf() format
 * @...: its arguments
 *
 * Appends a check whose reason is formatted, as validators that list their checks do.
 */
void
grant_checks_append (GListStore       *checks,
                     const char       *name,
                     GrantCheckStatus  status,
                     const char       *format,
                     ...)
{
  g_autofree char *reason = NULL;
  g_autoptr(GrantCheck) check = NULL;
  va_list args;

  g_return_if_fail (G_IS_LIST_STORE (checks));
  g_return_if_fail (name != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  check = grant_check_new (name, status, reason);
  g_list_store_append (checks, check);
}
