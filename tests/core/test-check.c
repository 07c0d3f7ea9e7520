/* test-check.c
 * Tests for GrantCheck: its read-only properties, and how a list of checks adds up.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-check.h"

static void
test_properties (void)
{
  g_autoptr(GrantCheck) check = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reason = NULL;
  GrantCheckStatus status;
  GParamSpec *pspec;

  check = grant_check_new ("exp", GRANT_CHECK_FAILED, "The ID token expired 4 min ago");

  g_assert_cmpstr (grant_check_get_name (check), ==, "exp");
  g_assert_cmpint (grant_check_get_status (check), ==, GRANT_CHECK_FAILED);
  g_assert_cmpstr (grant_check_get_reason (check), ==, "The ID token expired 4 min ago");

  g_object_get (check, "name", &name, "status", &status, "reason", &reason, NULL);
  g_assert_cmpstr (name, ==, "exp");
  g_assert_cmpint (status, ==, GRANT_CHECK_FAILED);
  g_assert_cmpstr (reason, ==, "The ID token expired 4 min ago");

  /* Read-only once made: a result that could change under the UI would be a lie. */
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "name", "status", "reason" };

      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (check), names[i]);
      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_READABLE);
      g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (check), "status");
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == GRANT_TYPE_CHECK_STATUS);

  g_assert_finalize_object (g_steal_pointer (&check));
}

static void
test_null_reason (void)
{
  g_autoptr(GrantCheck) check = grant_check_new ("nonce", GRANT_CHECK_NOT_APPLICABLE, NULL);

  g_assert_cmpstr (grant_check_get_name (check), ==, "nonce");
  g_assert_cmpint (grant_check_get_status (check), ==, GRANT_CHECK_NOT_APPLICABLE);
  g_assert_null (grant_check_get_reason (check));
}

/* The UI shows the status's nick, and bindings look the values up by name. */
static void
test_status_enum (void)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (GRANT_TYPE_CHECK_STATUS);
  static const struct {
    GrantCheckStatus status;
    const char *nick;
  } values[] = {
    { GRANT_CHECK_PASSED, "passed" },
    { GRANT_CHECK_FAILED, "failed" },
    { GRANT_CHECK_NOT_APPLICABLE, "not-applicable" },
  };

  g_assert_true (G_TYPE_IS_ENUM (GRANT_TYPE_CHECK_STATUS));
  g_assert_cmpuint (enum_class->n_values, ==, G_N_ELEMENTS (values));

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      GEnumValue *value = g_enum_get_value (enum_class, values[i].status);

      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, values[i].nick);
    }
}

/* A check made with g_object_new() and no status must not count as passing. */
static void
test_default_status (void)
{
  g_autoptr(GrantCheck) check = g_object_new (GRANT_TYPE_CHECK, "name", "aud", NULL);
  g_autoptr(GListStore) store = g_list_store_new (GRANT_TYPE_CHECK);

  g_assert_cmpint (grant_check_get_status (check), ==, GRANT_CHECK_FAILED);

  g_list_store_append (store, check);
  g_assert_false (grant_checks_all_pass (G_LIST_MODEL (store)));
}

static GListStore *
new_checks (const GrantCheckStatus *statuses,
            guint                   n_statuses)
{
  static const char * const names[] = { "signature", "iss", "aud", "exp", "nonce" };
  GListStore *store = g_list_store_new (GRANT_TYPE_CHECK);

  g_assert_cmpuint (n_statuses, <=, G_N_ELEMENTS (names));

  for (guint i = 0; i < n_statuses; i++)
    {
      g_autoptr(GrantCheck) check = grant_check_new (names[i], statuses[i], "why");

      g_list_store_append (store, check);
    }

  return store;
}

static void
test_all_pass_passed_and_not_applicable (void)
{
  static const GrantCheckStatus statuses[] = {
    GRANT_CHECK_PASSED, GRANT_CHECK_PASSED, GRANT_CHECK_PASSED, GRANT_CHECK_PASSED,
    GRANT_CHECK_NOT_APPLICABLE,
  };
  g_autoptr(GListStore) store = new_checks (statuses, G_N_ELEMENTS (statuses));

  g_assert_true (grant_checks_all_pass (G_LIST_MODEL (store)));
}

static void
test_all_pass_one_failed (void)
{
  /* Each position in turn is the one that fails, the last included. */
  for (guint failing = 0; failing < 5; failing++)
    {
      GrantCheckStatus statuses[5];
      g_autoptr(GListStore) store = NULL;

      for (guint i = 0; i < 5; i++)
        statuses[i] = i == failing ? GRANT_CHECK_FAILED
                      : i % 2 == 0 ? GRANT_CHECK_PASSED : GRANT_CHECK_NOT_APPLICABLE;

      store = new_checks (statuses, G_N_ELEMENTS (statuses));
      g_assert_false (grant_checks_all_pass (G_LIST_MODEL (store)));
    }
}

static void
test_all_pass_empty (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GRANT_TYPE_CHECK);

  g_assert_true (grant_checks_all_pass (G_LIST_MODEL (store)));
  g_assert_null (grant_checks_find (G_LIST_MODEL (store), "exp"));
}

static void
test_find (void)
{
  g_autoptr(GListStore) store = g_list_store_new (GRANT_TYPE_CHECK);
  g_autoptr(GrantCheck) first = grant_check_new ("exp", GRANT_CHECK_PASSED, "first");
  g_autoptr(GrantCheck) iss = grant_check_new ("iss", GRANT_CHECK_FAILED, "iss");
  g_autoptr(GrantCheck) second = grant_check_new ("exp", GRANT_CHECK_FAILED, "second");
  GrantCheck *found;

  g_list_store_append (store, iss);
  g_list_store_append (store, first);
  g_list_store_append (store, second);

  found = grant_checks_find (G_LIST_MODEL (store), "exp");
  g_assert_true (found == first);

  found = grant_checks_find (G_LIST_MODEL (store), "iss");
  g_assert_true (found == iss);

  /* Names are compared exactly. */
  g_assert_null (grant_checks_find (G_LIST_MODEL (store), "EXP"));
  g_assert_null (grant_checks_find (G_LIST_MODEL (store), "ex"));
  g_assert_null (grant_checks_find (G_LIST_MODEL (store), "nonce"));

  /* (transfer none): the store still holds the only other reference. */
  g_clear_object (&store);
  g_assert_finalize_object (g_steal_pointer (&first));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/check/properties", test_properties);
  g_test_add_func ("/grant/check/null-reason", test_null_reason);
  g_test_add_func ("/grant/check/status-enum", test_status_enum);
  g_test_add_func ("/grant/check/default-status", test_default_status);
  g_test_add_func ("/grant/check/all-pass/passed-and-not-applicable",
                   test_all_pass_passed_and_not_applicable);
  g_test_add_func ("/grant/check/all-pass/one-failed", test_all_pass_one_failed);
  g_test_add_func ("/grant/check/all-pass/empty", test_all_pass_empty);
  g_test_add_func ("/grant/check/find", test_find);

  return g_test_run ();
}
