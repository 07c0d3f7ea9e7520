/* test-provider-preset.c
 * The provider presets: complete, unique, and issuers made only from a proper value.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "grant-provider-preset.h"

static void
test_complete (void)
{
  static const char * const wanted[] = {
    "practice", "google", "entra", "github", "gitlab", "okta", "auth0", "keycloak", "apple",
  };
  const GrantProviderPreset *presets;
  guint n;

  presets = grant_provider_preset_get_all (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (wanted));
  g_assert_cmpstr (presets[0].id, ==, "practice");

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      const GrantProviderPreset *preset = grant_provider_preset_find (wanted[i]);

      g_assert_nonnull (preset);
      g_assert_cmpstr (preset->name, !=, "");
      g_assert_cmpuint (strlen (preset->notes), >, 60);
      g_assert_nonnull (preset->scope);
      /* A preset has an issuer to discover, or its endpoints; only the practice provider,
       * whose issuer is known when it runs, has neither. */
      if (preset->issuer == NULL && !g_str_equal (preset->id, "practice"))
        {
          g_assert_true (g_str_has_prefix (preset->authorization_endpoint, "https://"));
          g_assert_true (g_str_has_prefix (preset->token_endpoint, "https://"));
        }
      if (preset->issuer != NULL)
        {
          g_assert_true (g_str_has_prefix (preset->issuer, "https://"));
          g_assert_cmpint (strstr (preset->issuer, "{}") != NULL, ==, preset->placeholder != NULL);
        }
    }

  /* GitHub has no discovery (its quirk the issue names). */
  g_assert_null (grant_provider_preset_find ("github")->issuer);
  g_assert_nonnull (strstr (grant_provider_preset_find ("github")->notes, "no discovery"));
  g_assert_null (grant_provider_preset_find ("nobody"));
}

static void
test_issuer (void)
{
  static const struct
  {
    const char *id;
    const char *value;
    const char *issuer;
  } cases[] = {
    { "google", NULL, "https://accounts.google.com" },
    { "entra", "72f988bf-86f1-41af-91ab-2d7cd011db47",
      "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0" },
    { "auth0", "example.eu.auth0.com", "https://example.eu.auth0.com/" },
    { "okta", "dev-1.okta.com", "https://dev-1.okta.com/oauth2/default" },
    { "keycloak", "sso.example.com/realms/demo", "https://sso.example.com/realms/demo" },
    { "entra", "", NULL },
    { "entra", NULL, NULL },
    { "okta", "https://dev-1.okta.com", NULL },
    { "auth0", "a.auth0.com/x", NULL },
    { "okta", "dev-1.okta.com?x=1", NULL },
    { "okta", "evil.com#", NULL },
    { "okta", "user@evil.com", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *issuer =
        grant_provider_preset_dup_issuer (grant_provider_preset_find (cases[i].id),
                                          cases[i].value, &error);

      g_assert_cmpstr (issuer, ==, cases[i].issuer);
      if (cases[i].issuer == NULL)
        {
          g_test_message ("%s", error->message);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
        }
      else
        g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/provider-preset/complete", test_complete);
  g_test_add_func ("/grant/provider-preset/issuer", test_issuer);

  return g_test_run ();
}
