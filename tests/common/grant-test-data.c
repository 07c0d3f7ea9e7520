/* grant-test-data.c
 * Reading the test vectors in tests/data/, and JSON text a test was given.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-test-data.h"

/**
 * grant_test_data_load_json:
 * @directory: (nullable): a folder of tests/data/, or %NULL for tests/data/ itself
 * @name: the file's name
 *
 * Reads a JSON object from the test data, failing the test when it cannot. The vectors are
 * trusted files, so json-glib reads them, not Grant's strict JOSE parser under test.
 *
 * Returns: (transfer full): the root node, an object
 */
JsonNode *
grant_test_data_load_json (const char *directory,
                           const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (directory != NULL)
    path = g_test_build_filename (G_TEST_DIST, "data", directory, name, NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * grant_test_parse_json_object:
 * @text: JSON text, which must be an object
 *
 * Parses JSON that a test was given (a program's output, a HAR file), failing the test when
 * it is not an object.
 *
 * Returns: (transfer full): the object
 */
JsonObject *
grant_test_parse_json_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}
