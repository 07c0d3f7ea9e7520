/* grant-browser-module.c
 * The embedded browser, loaded as a module the first time a flow needs it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WebKit brings a hundred libraries; linked into grant, they would be loaded and relocated at
 * every start, and stay mapped, though most runs never open the browser. So the browser pane
 * is a module (libgrant-browser.so, from src/ui/browser/) that grant opens once, on the first
 * flow that needs it. $GRANT_BROWSER_MODULE_DIR points at an uninstalled build (meson devenv
 * and the tests set it).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "grant-browser-module.h"

static GModule *module;
static GrantBrowserModule entry_points;

static gboolean
resolve (const char  *name,
         gpointer    *address,
         GError     **error)
{
  if (g_module_symbol (module, name, address) && *address != NULL)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The browser module has no “%s”: %s"), name, g_module_error ());

  return FALSE;
}

/**
 * grant_browser_module_get:
 * @error: return location for a #GError
 *
 * Loads the browser module, the first time.
 *
 * Returns: (nullable): its entry points, or %NULL with @error set when it cannot be loaded
 */
const GrantBrowserModule *
grant_browser_module_get (GError **error)
{
  const char *directory;
  g_autofree char *path = NULL;

  if (module != NULL)
    return &entry_points;

  directory = g_getenv ("GRANT_BROWSER_MODULE_DIR");
  if (directory == NULL || *directory == '\0')
    directory = GRANT_BROWSER_MODULE_DIR;
  path = g_module_build_path (directory, "grant-browser");

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The embedded browser could not be loaded (%s): %s. Use the system "
                     "browser instead."), path, g_module_error ());
      return NULL;
    }
  /* GTypes registered by the module cannot be unregistered. */
  g_module_make_resident (module);

  if (!resolve ("grant_browser_new", (gpointer *) &entry_points.browser_new, error)
      || !resolve ("grant_browser_set_persona", (gpointer *) &entry_points.set_persona, error)
      || !resolve ("grant_browser_open", (gpointer *) &entry_points.open, error)
      || !resolve ("grant_browser_clear_persona_async",
                   (gpointer *) &entry_points.clear_persona_async, error)
      || !resolve ("grant_browser_clear_persona_finish",
                   (gpointer *) &entry_points.clear_persona_finish, error))
    {
      g_clear_pointer (&module, g_module_close);
      return NULL;
    }

  return &entry_points;
}

/**
 * grant_browser_module_lookup:
 * @symbol: a function of the browser module
 *
 * For the tests, which look inside the browser (grant-browser-private.h).
 *
 * Returns: (nullable): the function, once the module is loaded
 */
gpointer
grant_browser_module_lookup (const char *symbol)
{
  gpointer address = NULL;

  if (module == NULL || !g_module_symbol (module, symbol, &address))
    return NULL;

  return address;
}
