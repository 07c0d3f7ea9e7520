/* grant-tls-database.c
 * The back channel's trust anchors: the system's, and a certificate authority of the user's.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A company's own authority (a TLS-inspecting proxy, an internal authorization server) must be
 * trusted beside the public ones, not instead of them. GIO has no database that adds to the
 * system's, and a GTlsFileDatabase reads one file: so the system's bundle and the user's
 * certificates are written, one after the other, to a file of the user's alone, which the
 * database reads, and which is removed with the database.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "grant-tls-database.h"

/* Where distributions keep the system's trusted authorities as one PEM bundle: Debian,
 * Ubuntu and the Flatpak runtimes; Fedora and RHEL; openSUSE; Alpine, Arch and the BSDs. */
static const char * const system_bundles[] = {
  "/etc/ssl/certs/ca-certificates.crt",
  "/etc/pki/tls/certs/ca-bundle.crt",
  "/etc/ssl/ca-bundle.pem",
  "/etc/ssl/cert.pem",
};

/**
 * grant_tls_database_dup_system_anchors:
 *
 * Finds the file of the system's trusted authorities: the default database's own file when
 * it reads one (a #GTlsFileDatabase), otherwise the distribution's bundle. GnuTLS's default
 * database names no file, so on Debian this is /etc/ssl/certs/ca-certificates.crt, which is
 * what GnuTLS reads there.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL when there is none
 */
char *
grant_tls_database_dup_system_anchors (void)
{
  GTlsDatabase *database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_autofree char *anchors = NULL;

  if (G_IS_TLS_FILE_DATABASE (database))
    g_object_get (database, "anchors", &anchors, NULL);
  g_clear_object (&database);
  if (anchors != NULL && g_file_test (anchors, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&anchors);

  for (guint i = 0; i < G_N_ELEMENTS (system_bundles); i++)
    if (g_file_test (system_bundles[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (system_bundles[i]);

  return NULL;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write the trusted certificates: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      data += written;
      length -= written;
    }

  return TRUE;
}

static void
remove_file (gpointer path)
{
  g_unlink (path);
  g_free (path);
}

/**
 * grant_tls_database_new_with_extra_anchors:
 * @ca_file: a PEM file with one or more certificate authorities to trust
 * @error: return location for a #GError
 *
 * Makes a database that trusts the system's authorities and those in @ca_file, for a
 * #SoupSession (soup_session_set_tls_database()). The two are copied into a file readable by
 * the user alone, in g_get_user_runtime_dir(), which is removed when the database is
 * finalized.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with @error set when @ca_file
 *   cannot be read or holds no certificate, or the system's authorities cannot be found
 */
GTlsDatabase *
grant_tls_database_new_with_extra_anchors (const char  *ca_file,
                                           GError     **error)
{
  g_autofree char *system_anchors = NULL;
  g_autofree char *system_pem = NULL;
  g_autofree char *extra_pem = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  GList *certificates;
  gsize system_length = 0;
  gsize extra_length = 0;
  GTlsDatabase *database;
  gboolean written;
  int fd;

  g_return_val_if_fail (ca_file != NULL, NULL);

  display_name = g_filename_display_name (ca_file);
  if (!g_file_get_contents (ca_file, &extra_pem, &extra_length, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read “%s”: %s"), display_name, local_error->message);
      return NULL;
    }

  /* A file of other things, or of certificates GnuTLS cannot parse, is refused here rather
   * than trusted as nothing. */
  certificates = g_tls_certificate_list_new_from_file (ca_file, &local_error);
  if (certificates == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” holds no certificate in PEM form%s%s"), display_name,
                   local_error != NULL ? ": " : "",
                   local_error != NULL ? local_error->message : "");
      return NULL;
    }
  g_list_free_full (certificates, g_object_unref);

  system_anchors = grant_tls_database_dup_system_anchors ();
  if (system_anchors == NULL
      || !g_file_get_contents (system_anchors, &system_pem, &system_length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not find the system’s trusted certificates to add “%s” to%s%s"),
                   display_name, local_error != NULL ? ": " : "",
                   local_error != NULL ? local_error->message : "");
      return NULL;
    }

  if (g_mkdir_with_parents (g_get_user_runtime_dir (), 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the trusted certificates: %s"), g_strerror (saved_errno));
      return NULL;
    }
  path = g_build_filename (g_get_user_runtime_dir (), "grant-anchors-XXXXXX.pem", NULL);
  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the trusted certificates: %s"), g_strerror (saved_errno));
      return NULL;
    }

  written = write_all (fd, system_pem, system_length, error)
            && write_all (fd, "\n", 1, error)
            && write_all (fd, extra_pem, extra_length, error);
  if (close (fd) != 0 && written)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the trusted certificates: %s"), g_strerror (saved_errno));
      written = FALSE;
    }

  database = written ? g_tls_file_database_new (path, error) : NULL;
  if (database == NULL)
    {
      g_unlink (path);
      return NULL;
    }
  /* GnuTLS reads the file again whenever it sets up a connection's credentials: it lives as
   * long as the database. */
  g_object_set_data_full (G_OBJECT (database), "grant-anchors-file", g_steal_pointer (&path),
                          remove_file);

  return database;
}
