/* grant-test-form.h
 * Gives a UI test's next window the form it needs, through a workspace of its own.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "grant-application.h"

/* Opens, as @application's workspace, a new one whose selected client is @form: an object as
 * the form keeps it (issuer, endpoints and preset of the provider; client_id,
 * token_endpoint_auth_method, … of the client), "{}" for an empty form. A "requests" member
 * becomes the workspace's saved requests. With @form %NULL the workspace has no client, as on
 * a first run. Returns the workspace file's path. */
static inline char *
grant_test_use_form (GrantApplication *application,
                     const char       *form)
{
  static guint serial;
  g_autofree char *name = g_strdup_printf ("test-workspace-%u.json", ++serial);
  char *path = g_build_filename (g_get_user_data_dir (), "grant", name, NULL);
  g_autofree char *directory = g_path_get_dirname (path);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "grant-workspace");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, name);
  if (form != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (form, NULL);
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      json_builder_set_member_name (builder, "providers");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, "p1");
      for (GList *l = members; l != NULL; l = l->next)
        if (g_str_equal (l->data, "issuer") || g_str_equal (l->data, "endpoints")
            || g_str_equal (l->data, "preset"))
          {
            json_builder_set_member_name (builder, l->data);
            json_builder_add_value (builder, json_node_copy (json_object_get_member (object,
                                                                                     l->data)));
          }
      json_builder_end_object (builder);
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "clients");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, "c1");
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, "p1");
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "issuer") && !g_str_equal (l->data, "endpoints")
            && !g_str_equal (l->data, "preset") && !g_str_equal (l->data, "requests"))
          {
            json_builder_set_member_name (builder, l->data);
            json_builder_add_value (builder, json_node_copy (json_object_get_member (object,
                                                                                     l->data)));
          }
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      if (json_object_has_member (object, "requests"))
        {
          json_builder_set_member_name (builder, "requests");
          json_builder_add_value (builder,
                                  json_node_copy (json_object_get_member (object, "requests")));
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  grant_application_open_workspace (application, path);

  return path;
}
