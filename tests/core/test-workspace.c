/* test-workspace.c
 * The workspace file: a round trip, no secret ever written, debounced autosave, files Grant
 * cannot read left untouched and open read-only, and no torn file when killed mid-save.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "grant-workspace.h"

static char *
temporary_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("grant-workspace-XXXXXX", &error);

  g_assert_no_error (error);

  return g_build_filename (directory, "sub", "workspace.json", NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);

  return node;
}

static void
set_section (GrantWorkspace *workspace,
             const char     *name,
             const char     *json)
{
  g_autoptr(JsonNode) node = parse (json);
  g_autoptr(GError) error = NULL;

  g_assert_true (grant_workspace_set_section (workspace, name, node, &error));
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&text);
}

static const char providers[] =
  "[{\"id\":\"p1\",\"name\":\"Practice\",\"issuer\":\"http://127.0.0.1:47120\","
  "\"preset\":\"practice\",\"endpoints\":{\"token_endpoint\":\"http://127.0.0.1:47120/token\"}}]";
static const char clients[] =
  "[{\"id\":\"c1\",\"provider\":\"p1\",\"client_id\":\"practice-web\",\"flow\":2,"
  "\"system_browser\":false,\"client_secret\":\"s3cr3t-client-value\","
  "\"private_key\":\"{\\\"d\\\":\\\"pr1vate-key-value\\\"}\"}]";
static const char requests[] =
  "[{\"name\":\"Photos\",\"method\":\"GET\","
  "\"url\":\"http://127.0.0.1:47120/api/photos?access_token=query-token-value&page=2\","
  "\"headers\":[{\"name\":\"Authorization\",\"value\":\"Bearer header-token-value\"},"
  "{\"name\":\"Accept\",\"value\":\"application/json\"}],"
  "\"body\":\"grant_type=refresh_token&refresh_token=form-refresh-value\"}]";

static void
test_round_trip (void)
{
  g_autofree char *path = temporary_path ();
  g_autoptr(GrantWorkspace) workspace = grant_workspace_new (path);
  g_autoptr(GrantWorkspace) again = grant_workspace_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  GStatBuf buf;

  /* A missing file is an empty workspace, not an error. */
  g_assert_true (grant_workspace_load (workspace, &error));
  g_assert_no_error (error);
  g_assert_false (grant_workspace_get_read_only (workspace));

  set_section (workspace, "providers", providers);
  set_section (workspace, "clients", clients);
  set_section (workspace, "requests", requests);
  set_section (workspace, "personas", "[\"alice\",\"bob\"]");
  set_section (workspace, "practice",
               "{\"faults\":{\"slow-token-endpoint\":{\"enabled\":true,\"value\":500}}}");
  set_section (workspace, "selection", "{\"client\":\"c1\"}");
  g_assert_true (grant_workspace_get_dirty (workspace));
  g_assert_true (grant_workspace_save (workspace, &error));
  g_assert_no_error (error);
  g_assert_false (grant_workspace_get_dirty (workspace));

  /* Private to its owner: it names clients and providers. */
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  /* No secret in the file, whatever was handed in. */
  text = read_file (path);
  g_test_message ("%s", text);
  for (guint i = 0; i < 5; i++)
    {
      static const char * const secrets[] = {
        "s3cr3t-client-value", "pr1vate-key-value", "query-token-value", "header-token-value",
        "form-refresh-value",
      };

      g_assert_null (strstr (text, secrets[i]));
    }
  g_assert_nonnull (strstr (text, "page=2"));
  g_assert_nonnull (strstr (text, "application/json"));

  g_assert_true (grant_workspace_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (grant_workspace_get_id (again), ==, grant_workspace_get_id (workspace));
  node = grant_workspace_dup_section (again, "personas");
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 1), ==, "bob");
  g_clear_pointer (&node, json_node_unref);
  node = grant_workspace_dup_section (again, "practice");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_object_get_object_member (json_node_get_object (node), "faults"),
                     "slow-token-endpoint"), "value"), ==, 500);
  g_clear_pointer (&node, json_node_unref);
  node = grant_workspace_dup_section (again, "clients");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_node_get_array (node), 0), "client_id"), ==, "practice-web");
  g_assert_false (json_object_has_member (json_array_get_object_element (
                    json_node_get_array (node), 0), "client_secret"));
}

static void
saved_cb (GrantWorkspace *workspace,
          guint          *count)
{
  (*count)++;
}

static void
test_autosave (void)
{
  g_autofree char *path = temporary_path ();
  g_autoptr(GrantWorkspace) workspace = grant_workspace_new (path);
  guint saves = 0;
  gint64 deadline;

  grant_workspace_set_autosave_delay (workspace, 50);
  g_signal_connect (workspace, "saved", G_CALLBACK (saved_cb), &saves);

  /* Three quick edits are one save, after the delay. */
  set_section (workspace, "personas", "[\"a\"]");
  set_section (workspace, "personas", "[\"a\",\"b\"]");
  set_section (workspace, "personas", "[\"a\",\"b\",\"c\"]");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (saves == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_usleep (100 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (saves, ==, 1);
  g_assert_nonnull (strstr (read_file (path), "\"c\""));

  /* An unchanged section is no edit. */
  set_section (workspace, "personas", "[\"a\",\"b\",\"c\"]");
  g_assert_false (grant_workspace_get_dirty (workspace));
}

/* Files Grant cannot read: a message that says why, read-only, and the file left alone. */
static void
test_unreadable (void)
{
  static const struct
  {
    const char *text;
    int         code;
    const char *message;
  } cases[] = {
    { "{\"format\":\"grant-workspace\",\"version\":1,", GRANT_WORKSPACE_ERROR_CORRUPT, "not valid JSON" },
    { "", GRANT_WORKSPACE_ERROR_CORRUPT, "empty" },
    { "[1,2,3]", GRANT_WORKSPACE_ERROR_CORRUPT, "not a Grant workspace" },
    { "{\"format\":\"something-else\",\"version\":1}", GRANT_WORKSPACE_ERROR_CORRUPT, "not a Grant workspace" },
    { "{\"format\":\"grant-workspace\",\"version\":2,\"id\":\"x\"}", GRANT_WORKSPACE_ERROR_NEWER_VERSION, "newer Grant" },
    { "{\"format\":\"grant-workspace\",\"version\":\"1\",\"id\":\"x\"}", GRANT_WORKSPACE_ERROR_INVALID, "version" },
    { "{\"format\":\"grant-workspace\",\"version\":1}", GRANT_WORKSPACE_ERROR_INVALID, "id" },
    { "{\"format\":\"grant-workspace\",\"version\":1,\"id\":\"x\",\"clients\":{}}", GRANT_WORKSPACE_ERROR_INVALID, "clients must be an array" },
    { "{\"format\":\"grant-workspace\",\"version\":1,\"id\":\"x\",\"clients\":[{\"id\":3}]}", GRANT_WORKSPACE_ERROR_INVALID, "clients[0].id must be a string" },
    { "{\"format\":\"grant-workspace\",\"version\":1,\"id\":\"x\",\"clients\":[{\"id\":\"c\",\"scope\":[\"a\"]}]}", GRANT_WORKSPACE_ERROR_INVALID, "clients[0].scope" },
    { "{\"format\":\"grant-workspace\",\"version\":1,\"id\":\"x\",\"requests\":[{\"url\":\"u\",\"headers\":[{\"name\":1}]}]}", GRANT_WORKSPACE_ERROR_INVALID, "requests[0].headers[0].name" },
    { "{\"format\":\"grant-workspace\",\"version\":1,\"id\":\"x\",\"practice\":{\"faults\":{\"wrong-state\":{\"enabled\":\"yes\"}}}}", GRANT_WORKSPACE_ERROR_INVALID, "practice.faults.wrong-state.enabled" },
    { "{\"format\":\"grant-workspace\",\"version\":1,\"id\":\"x\",\"personas\":[null]}", GRANT_WORKSPACE_ERROR_INVALID, "personas[0]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = temporary_path ();
      g_autofree char *directory = g_path_get_dirname (path);
      g_autoptr(GrantWorkspace) workspace = grant_workspace_new (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) save_error = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));

      g_assert_false (grant_workspace_load (workspace, &error));
      g_test_message ("%s → %s", cases[i].text, error->message);
      g_assert_error (error, GRANT_WORKSPACE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_nonnull (strstr (error->message, "read-only"));
      g_assert_true (grant_workspace_get_read_only (workspace));
      g_assert_nonnull (grant_workspace_get_read_only_reason (workspace));

      /* Edits are kept in memory but never written over the file. */
      grant_workspace_set_autosave_delay (workspace, 1);
      set_section (workspace, "personas", "[\"edited\"]");
      g_assert_false (grant_workspace_save (workspace, &save_error));
      g_assert_error (save_error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_READ_ONLY);
      g_assert_true (grant_workspace_flush (workspace, NULL));
      g_usleep (20 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      after = read_file (path);
      g_assert_cmpstr (after, ==, cases[i].text);
    }
}

/* Save As gives a read-only workspace a new, writable home. */
static void
test_save_as (void)
{
  g_autofree char *path = temporary_path ();
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *copy = g_build_filename (directory, "copy.json", NULL);
  g_autoptr(GrantWorkspace) workspace = grant_workspace_new (path);
  g_autoptr(GError) error = NULL;
  static const char newer[] = "{\"format\":\"grant-workspace\",\"version\":9,\"id\":\"x\"}";

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, newer, -1, NULL));
  g_assert_false (grant_workspace_load (workspace, NULL));
  set_section (workspace, "personas", "[\"kept\"]");

  g_assert_true (grant_workspace_save_as (workspace, copy, &error));
  g_assert_no_error (error);
  g_assert_false (grant_workspace_get_read_only (workspace));
  g_assert_cmpstr (grant_workspace_get_path (workspace), ==, copy);
  g_assert_nonnull (strstr (read_file (copy), "kept"));
  g_assert_cmpstr (read_file (path), ==, newer);
}

/* Export and import: the same sections, the importing workspace's own id. */
static void
test_import (void)
{
  g_autofree char *path = temporary_path ();
  g_autoptr(GrantWorkspace) source = grant_workspace_new (path);
  g_autoptr(GrantWorkspace) target = grant_workspace_new (path);
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  set_section (source, "clients", clients);
  exported = grant_workspace_to_data (source);
  g_assert_null (strstr (exported, "s3cr3t-client-value"));

  g_assert_true (grant_workspace_import (target, exported, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (grant_workspace_get_id (target), !=, grant_workspace_get_id (source));
  node = grant_workspace_dup_section (target, "clients");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);

  g_assert_false (grant_workspace_import (target, "{\"format\":\"grant-workspace\"", -1, &error));
  g_assert_error (error, GRANT_WORKSPACE_ERROR, GRANT_WORKSPACE_ERROR_CORRUPT);
}

/* The child: saves a large workspace over and over until it is killed. */
static int
run_saver (const char *path)
{
  g_autoptr(GrantWorkspace) workspace = grant_workspace_new (path);
  g_autoptr(GString) personas = g_string_new ("[");

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (personas, "%s\"persona-%05u\"", i > 0 ? "," : "", i);
  g_string_append (personas, "]");
  set_section (workspace, "personas", personas->str);

  for (guint round = 0;; round++)
    {
      g_autofree char *selection = g_strdup_printf ("{\"round\":\"%u\"}", round);

      set_section (workspace, "selection", selection);
      if (!grant_workspace_save (workspace, NULL))
        return 1;
      if (round == 0)
        {
          g_print ("saved\n");
          fflush (stdout);
        }
    }
}

static void
test_killed_while_saving (void)
{
  g_autofree char *path = temporary_path ();
  const char *self = g_test_get_filename (G_TEST_BUILT, "test-workspace", NULL);

  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(GrantWorkspace) workspace = grant_workspace_new (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) personas = NULL;
      g_autofree char *line = NULL;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self, "--saver", path,
                                NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      line = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, "saved");

      /* Somewhere in a save: each takes a few milliseconds. */
      g_usleep (g_random_int_range (0, 30000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);

      g_assert_true (grant_workspace_load (workspace, &error));
      g_assert_no_error (error);
      personas = grant_workspace_dup_section (workspace, "personas");
      g_assert_cmpuint (json_array_get_length (json_node_get_array (personas)), ==, 20000);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--saver"))
    return run_saver (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/workspace/round-trip", test_round_trip);
  g_test_add_func ("/grant/workspace/autosave", test_autosave);
  g_test_add_func ("/grant/workspace/unreadable", test_unreadable);
  g_test_add_func ("/grant/workspace/save-as", test_save_as);
  g_test_add_func ("/grant/workspace/import", test_import);
  g_test_add_func ("/grant/workspace/killed-while-saving", test_killed_while_saving);

  return g_test_run ();
}
