/* grant-scope-replay.c
 * Getting a token like one already held, with other scopes, the cheapest way the grant allows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Would this call still work with fewer scopes?" needs a token with exactly those scopes. The
 * cheapest way is a refresh asking for a narrower scope, which RFC 6749 §6 allows when the
 * scope asked for is within the one granted; a client credentials token can be asked for
 * again with any scope; anything else (a wider scope from an authorization code, an implicit
 * or device token without a refresh token) needs the user to authorize again.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "grant-client-credentials-flow.h"
#include "grant-oauth-error.h"
#include "grant-refresh-flow.h"
#include "grant-scope-replay.h"

/**
 * grant_scope_replay_dup_granted:
 * @flow: a flow that got a token
 *
 * Returns: (transfer full) (nullable): the scope the token was granted: the token response's,
 *   or, when it leaves it out, the scope asked for (RFC 6749 §5.1)
 */
char *
grant_scope_replay_dup_granted (GrantFlow *flow)
{
  GrantTokenResponse *response;
  const char *scope;

  g_return_val_if_fail (GRANT_IS_FLOW (flow), NULL);

  response = grant_flow_get_token_response (flow);
  scope = response != NULL ? grant_token_response_get_scope (response) : NULL;

  return g_strdup (scope != NULL ? scope : grant_flow_get_scope (flow));
}

/* The scopes of @wanted that @granted lacks, space-separated, or NULL. */
static char *
dup_beyond (const char *wanted,
            const char *granted)
{
  g_auto(GStrv) wanted_scopes = g_strsplit (wanted != NULL ? wanted : "", " ", -1);
  g_auto(GStrv) granted_scopes = g_strsplit (granted != NULL ? granted : "", " ", -1);
  GString *beyond = g_string_new (NULL);

  for (guint i = 0; wanted_scopes[i] != NULL; i++)
    if (*wanted_scopes[i] != '\0'
        && !g_strv_contains ((const char * const *) granted_scopes, wanted_scopes[i]))
      g_string_append_printf (beyond, "%s%s", beyond->len > 0 ? " " : "", wanted_scopes[i]);

  if (beyond->len == 0)
    {
      g_string_free (beyond, TRUE);
      return NULL;
    }

  return g_string_free (beyond, FALSE);
}

/**
 * grant_scope_replay_choose:
 * @flow: the flow that got the token held
 * @scope: (nullable): the scopes wanted, space-separated; %NULL or empty for none
 * @reason: (out) (optional) (transfer full): why, in a sentence
 *
 * Returns: how a token like @flow's, with @scope, can be had
 */
GrantScopeReplayMethod
grant_scope_replay_choose (GrantFlow   *flow,
                           const char  *scope,
                           char       **reason)
{
  GrantTokenResponse *response;
  const char *refresh_token;
  g_autofree char *granted = NULL;
  g_autofree char *beyond = NULL;
  gboolean empty = scope == NULL || *scope == '\0';
  GrantScopeReplayMethod method;
  char *why;

  g_return_val_if_fail (GRANT_IS_FLOW (flow), GRANT_SCOPE_REPLAY_INTERACTIVE);

  response = grant_flow_get_token_response (flow);
  refresh_token = response != NULL ? grant_token_response_get_refresh_token (response) : NULL;
  granted = grant_scope_replay_dup_granted (flow);
  beyond = dup_beyond (scope, granted);

  if (refresh_token != NULL && !empty && beyond == NULL)
    {
      method = GRANT_SCOPE_REPLAY_REFRESH;
      why = g_strdup (_("A refresh asks for the narrower scope (RFC 6749 §6)."));
    }
  else if (g_strcmp0 (grant_flow_get_grant_type (flow), "client_credentials") == 0)
    {
      method = GRANT_SCOPE_REPLAY_CLIENT_CREDENTIALS;
      why = empty ? g_strdup (_("A new client credentials token without a scope: the server "
                              "gives its default scope, if any (RFC 6749 §3.3)."))
                  : g_strdup (_("A new client credentials token asks for exactly these scopes."));
    }
  else
    {
      method = GRANT_SCOPE_REPLAY_INTERACTIVE;
      if (refresh_token == NULL)
        why = g_strdup (_("This token came without a refresh token: only running the flow "
                        "again, with these scopes, can get one."));
      else if (empty)
        why = g_strdup (_("A refresh cannot ask for no scope: leaving it out keeps the scope "
                        "granted (RFC 6749 §6). Run the flow again without a scope."));
      else
        /* Translators: %s is a space-separated list of scopes */
        why = g_strdup_printf (_("A refresh can only narrow the scope (RFC 6749 §6), and “%s” "
                               "was not granted: run the flow again with it."), beyond);
    }

  if (reason != NULL)
    *reason = why;
  else
    g_free (why);

  return method;
}

/**
 * grant_scope_replay_new_flow:
 * @flow: the flow that got the token held
 * @scope: (nullable): the scopes wanted, space-separated
 * @error: return location for a %GRANT_OAUTH_ERROR_NOT_CONFIGURED when only the interactive
 *   flow can get it
 *
 * Makes the flow that gets a token like @flow's with @scope, on the same provider, client,
 * HTTP client and DPoP key, ready to run.
 *
 * Returns: (transfer full) (nullable): the flow, or %NULL with @error set
 */
GrantFlow *
grant_scope_replay_new_flow (GrantFlow   *flow,
                             const char  *scope,
                             GError     **error)
{
  g_autofree char *reason = NULL;
  GrantFlow *replay;

  g_return_val_if_fail (GRANT_IS_FLOW (flow), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (grant_scope_replay_choose (flow, scope, &reason))
    {
    case GRANT_SCOPE_REPLAY_REFRESH:
      replay = grant_refresh_flow_new (grant_flow_get_provider (flow),
                                       grant_flow_get_client (flow),
                                       grant_flow_get_http_client (flow),
                                       grant_token_response_get_refresh_token (
                                         grant_flow_get_token_response (flow)));
      break;
    case GRANT_SCOPE_REPLAY_CLIENT_CREDENTIALS:
      replay = grant_client_credentials_flow_new (grant_flow_get_provider (flow),
                                                  grant_flow_get_client (flow),
                                                  grant_flow_get_http_client (flow));
      break;
    case GRANT_SCOPE_REPLAY_INTERACTIVE:
    default:
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED, reason);
      return NULL;
    }

  grant_flow_set_scope (replay, scope);
  if (grant_flow_get_dpop_session (flow) != NULL)
    grant_flow_set_dpop_session (replay, grant_flow_get_dpop_session (flow));

  return replay;
}

static void
add_scopes (GPtrArray  *scopes,
            const char *text)
{
  g_auto(GStrv) split = g_strsplit (text != NULL ? text : "", " ", -1);

  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0' && !g_ptr_array_find_with_equal_func (scopes, split[i], g_str_equal,
                                                               NULL))
      g_ptr_array_add (scopes, g_strdup (split[i]));
}

/**
 * grant_scope_replay_dup_candidates:
 * @flow: the flow that got the token held
 * @missing: (nullable) (array zero-terminated=1): scopes an answer said were missing
 *
 * Returns: (transfer full): the scopes worth trying: those granted, those asked for, and
 *   @missing, each once, in that order
 */
char **
grant_scope_replay_dup_candidates (GrantFlow          *flow,
                                   const char * const *missing)
{
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *granted = NULL;

  g_return_val_if_fail (GRANT_IS_FLOW (flow), NULL);

  granted = grant_scope_replay_dup_granted (flow);
  add_scopes (scopes, granted);
  add_scopes (scopes, grant_flow_get_scope (flow));
  for (guint i = 0; missing != NULL && missing[i] != NULL; i++)
    add_scopes (scopes, missing[i]);
  g_ptr_array_add (scopes, NULL);

  return (char **) g_ptr_array_steal (scopes, NULL);
}
