/* grant-practice-directory.c
 * The practice provider's demo clients and demo users: fixed, public and documented.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "grant-practice-directory.h"
#include "grant-practice-provider.h"

/* docs/practice-provider.md lists these; the secrets are public on purpose. */
static const GrantPracticeClient clients[] = {
  { GRANT_PRACTICE_CLIENT_PUBLIC, NULL, "A native or single-page app (public, PKCE)",
    GRANT_PRACTICE_GRANT_AUTHORIZATION_CODE | GRANT_PRACTICE_GRANT_REFRESH_TOKEN, "RS256" },
  { GRANT_PRACTICE_CLIENT_CONFIDENTIAL, "practice-web-secret", "A web server app (confidential)",
    GRANT_PRACTICE_GRANT_AUTHORIZATION_CODE | GRANT_PRACTICE_GRANT_REFRESH_TOKEN
    | GRANT_PRACTICE_GRANT_PASSWORD, "RS256" },
  { GRANT_PRACTICE_CLIENT_MACHINE, "practice-machine-secret", "A service (client credentials)",
    GRANT_PRACTICE_GRANT_CLIENT_CREDENTIALS, "RS256" },
  { GRANT_PRACTICE_CLIENT_DEVICE, NULL, "An input-constrained device (device flow)",
    GRANT_PRACTICE_GRANT_DEVICE_CODE | GRANT_PRACTICE_GRANT_REFRESH_TOKEN, "RS256" },
};

static const GrantPracticeUser users[] = {
  { "alice", "Alice Appleby", "Alice", "Appleby", "alice@practice.invalid" },
  { "bob", "Bob Baker", "Bob", "Baker", "bob@practice.invalid" },
  { "carol", "Carol Carter", "Carol", "Carter", "carol@practice.invalid" },
};

static const char * const scopes[] = {
  "openid", "profile", "email", "offline_access", "photos:read", "photos:write", NULL,
};

/* The registered redirect URIs' path; any loopback host and port may carry it (RFC 8252 §7.3). */
static const char * const redirect_hosts[] = { "127.0.0.1", "localhost", "[::1]", NULL };
#define REDIRECT_PATH "/callback"

/**
 * grant_practice_directory_find_client:
 * @client_id: a client_id from a request
 *
 * Returns: (nullable): the demo client with that id
 */
const GrantPracticeClient *
grant_practice_directory_find_client (const char *client_id)
{
  if (client_id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    if (strcmp (clients[i].client_id, client_id) == 0)
      return &clients[i];

  return NULL;
}

/**
 * grant_practice_directory_get_clients:
 * @n_clients: (out): their number
 *
 * Returns: (array length=n_clients): every demo client
 */
const GrantPracticeClient *
grant_practice_directory_get_clients (guint *n_clients)
{
  *n_clients = G_N_ELEMENTS (clients);

  return clients;
}

/**
 * grant_practice_directory_find_user:
 * @sub: a login name
 *
 * Returns: (nullable): the demo user
 */
const GrantPracticeUser *
grant_practice_directory_find_user (const char *sub)
{
  if (sub == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    if (strcmp (users[i].sub, sub) == 0)
      return &users[i];

  return NULL;
}

/**
 * grant_practice_directory_get_users:
 * @n_users: (out): their number
 *
 * Returns: (array length=n_users): every demo user
 */
const GrantPracticeUser *
grant_practice_directory_get_users (guint *n_users)
{
  *n_users = G_N_ELEMENTS (users);

  return users;
}

/**
 * grant_practice_directory_check_redirect_uri:
 * @client: a client that uses the authorization endpoint
 * @redirect_uri: the redirect_uri of a request
 *
 * Every client that redirects is registered with http://127.0.0.1/callback and
 * http://localhost/callback; as RFC 8252 §7.3 asks, any port matches, and nothing else may differ.
 *
 * Returns: whether @redirect_uri is registered for @client
 */
gboolean
grant_practice_directory_check_redirect_uri (const GrantPracticeClient *client,
                                             const char                *redirect_uri)
{
  g_autoptr(GUri) uri = NULL;

  if (redirect_uri == NULL || !(client->grants & GRANT_PRACTICE_GRANT_AUTHORIZATION_CODE))
    return FALSE;

  uri = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL
      || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
      || g_uri_get_userinfo (uri) != NULL
      || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL
      || strcmp (g_uri_get_path (uri), REDIRECT_PATH) != 0)
    return FALSE;

  for (guint i = 0; redirect_hosts[i] != NULL; i++)
    {
      g_autofree char *bare = g_strdup (redirect_hosts[i]);

      /* GUri gives an IPv6 literal without its brackets. */
      if (bare[0] == '[')
        {
          memmove (bare, bare + 1, strlen (bare));
          bare[strlen (bare) - 1] = '\0';
        }
      if (g_ascii_strcasecmp (g_uri_get_host (uri), bare) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * grant_practice_directory_check_scope:
 * @scope: (nullable): a space-separated scope
 * @unknown: (out) (optional) (transfer full): the first scope the provider does not know
 *
 * Returns: whether every scope in @scope is known
 */
gboolean
grant_practice_directory_check_scope (const char  *scope,
                                      char       **unknown)
{
  g_auto(GStrv) items = NULL;

  if (scope == NULL)
    return TRUE;

  items = g_strsplit (scope, " ", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (*items[i] != '\0' && !g_strv_contains (scopes, items[i]))
      {
        if (unknown != NULL)
          *unknown = g_strdup (items[i]);
        return FALSE;
      }

  return TRUE;
}

/**
 * grant_practice_directory_get_scopes:
 *
 * Returns: (array zero-terminated=1): every scope the provider knows
 */
const char * const *
grant_practice_directory_get_scopes (void)
{
  return scopes;
}
