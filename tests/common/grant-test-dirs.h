/* grant-test-dirs.h
 * The user's folders, made temporary for one test program, so that it never reads or writes the
 * real ones (gtk_test_init () ignores G_TEST_OPTION_ISOLATE_DIRS).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

/* Points XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME and XDG_STATE_HOME into a new
 * temporary folder, and returns it. Call it first in main (), before anything reads them:
 * GLib keeps them once read. The system folders stay as they are (the schemas are there). */
static inline char *
grant_test_isolate_user_dirs (void)
{
  static const char * const variables[][2] = {
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
  };
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("grant-test-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *path = g_build_filename (root, variables[i][1], NULL);

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      g_setenv (variables[i][0], path, TRUE);
    }

  return root;
}

/* Removes @path and everything under it, as rm -rf does, without following links. */
static inline void
grant_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autofree char *child_path = g_file_get_path (child);

          grant_test_remove_tree (child_path);
        }
      else
        g_file_delete (child, NULL, NULL);
    }

  g_file_delete (file, NULL, NULL);
}
