/* grant-test-data.h
 * Reading the test vectors in tests/data/, and JSON text a test was given.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *grant_test_data_load_json    (const char *directory,
                                         const char *name);
JsonObject *grant_test_parse_json_object (const char *text);

G_END_DECLS
