/* grant-provider-preset.c
 * Well-known authorization servers: their issuer or endpoints, and what is peculiar about each.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-provider-preset.h"

/* The practice provider's issuer is known only while it runs, so its preset has none. */
static const GrantProviderPreset presets[] = {
  {
    "practice", "Practice Provider", NULL, NULL, NULL, NULL, NULL, NULL,
    "openid profile offline_access photos:read",
    N_("Built into Grant, offline, with demo users and clients and fault switches. Its keys "
       "and tokens live only while Grant runs."),
  },
  {
    "google", "Google", "https://accounts.google.com", NULL, NULL, NULL, NULL, NULL,
    "openid email profile",
    N_("A refresh token comes only with access_type=offline (and prompt=consent to get one "
       "again), not with offline_access. Desktop clients may use any loopback port. Access "
       "tokens are opaque: only ID tokens can be verified here."),
  },
  {
    "entra", "Microsoft Entra ID", "https://login.microsoftonline.com/{}/v2.0",
    N_("Tenant ID"), "00000000-0000-0000-0000-000000000000", NULL, NULL, NULL,
    "openid profile offline_access",
    N_("Use the tenant's ID: the “common” and “organizations” documents name an issuer with "
       "a {tenantid} placeholder, which cannot match exactly. Access tokens for Microsoft Graph "
       "are meant for Graph only and do not verify elsewhere; ask for your own API's scope "
       "(api://…/.default) to get one you can check."),
  },
  {
    "github", "GitHub", NULL, NULL, NULL, "https://github.com/login/oauth/authorize",
    "https://github.com/login/oauth/access_token", "https://github.com/login/device/code",
    "read:user",
    N_("OAuth 2.0 without OpenID Connect: no discovery, no ID tokens, so the endpoints are set "
       "here. The token endpoint answers form-encoded unless asked for JSON. OAuth apps' tokens "
       "do not expire and come without refresh tokens; GitHub Apps' expiring tokens do."),
  },
  {
    "gitlab", "GitLab", "https://gitlab.com", NULL, NULL, NULL, NULL, NULL,
    "openid profile email read_user",
    N_("A self-managed GitLab is its own issuer: put its address instead. Access tokens last "
       "two hours and refresh tokens rotate on every use."),
  },
  {
    "okta", "Okta", "https://{}/oauth2/default", N_("Okta domain"), "dev-123456.okta.com",
    NULL, NULL, NULL, "openid profile offline_access",
    N_("A custom authorization server (…/oauth2/default) issues access tokens your API can "
       "verify; the org server (the bare domain) issues ones only Okta can read."),
  },
  {
    "auth0", "Auth0", "https://{}/", N_("Tenant domain"), "example.eu.auth0.com", NULL, NULL,
    NULL, "openid profile offline_access",
    N_("The issuer ends with a slash, and must match with it. Access tokens are JWTs only when "
       "the authorization request names an audience (audience=…); otherwise they are opaque."),
  },
  {
    "keycloak", "Keycloak", "https://{}", N_("Realm address (host/realms/realm)"),
    "sso.example.com/realms/demo", NULL, NULL, NULL, "openid profile",
    N_("The issuer is the realm's URL. Keycloak before version 17 puts /auth before /realms. "
       "Its access tokens are JWTs, but their audience is “account” unless a mapper adds "
       "yours."),
  },
  {
    "apple", "Sign in with Apple", "https://appleid.apple.com", NULL, NULL, NULL, NULL, NULL,
    "openid name email",
    N_("The client secret is a JWT you sign (ES256) with a key from Apple, valid at most six "
       "months. Asking for name or email needs response_mode=form_post, and the name comes "
       "once, in the first authorization response. There is no UserInfo endpoint."),
  },
};

/**
 * grant_provider_preset_get_all:
 * @n_presets: (out): their number
 *
 * Returns: (array length=n_presets): every preset, the practice provider first
 */
const GrantProviderPreset *
grant_provider_preset_get_all (guint *n_presets)
{
  *n_presets = G_N_ELEMENTS (presets);

  return presets;
}

/**
 * grant_provider_preset_find:
 * @id: a preset's id
 *
 * Returns: (nullable): the preset
 */
const GrantProviderPreset *
grant_provider_preset_find (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (presets); i++)
    if (strcmp (presets[i].id, id) == 0)
      return &presets[i];

  return NULL;
}

/**
 * grant_provider_preset_dup_issuer:
 * @self: a preset with an issuer
 * @value: (nullable): what goes in the placeholder, if the issuer has one
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the issuer URL, or %NULL when @value is missing or
 *   would change more than the placeholder (a slash, a query, spaces)
 */
char *
grant_provider_preset_dup_issuer (const GrantProviderPreset  *self,
                                  const char                 *value,
                                  GError                    **error)
{
  const char *placeholder;
  g_autofree char *issuer = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (self != NULL && self->issuer != NULL, NULL);

  placeholder = strstr (self->issuer, "{}");
  if (placeholder == NULL)
    return g_strdup (self->issuer);

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s needs the %s"),
                   self->name, gettext (self->placeholder));
      return NULL;
    }
  /* Only Keycloak's realm address may hold slashes: it is a host and a path. */
  if (strpbrk (value, "?#@ \t") != NULL
      || (strchr (value, '/') != NULL && !g_str_equal (self->id, "keycloak"))
      || g_str_has_prefix (value, "http"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a %s: give it alone, for example %s"), value,
                   gettext (self->placeholder), self->example);
      return NULL;
    }

  issuer = g_strdup_printf ("%.*s%s%s", (int) (placeholder - self->issuer), self->issuer, value,
                            placeholder + 2);
  uri = g_uri_parse (issuer, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” does not make a valid issuer URL for %s"), value, self->name);
      return NULL;
    }

  return g_steal_pointer (&issuer);
}
