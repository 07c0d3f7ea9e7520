/* grant-test-user.c
 * A user for interactive flows in tests: the loopback user agent, with approve.mjs at the
 * fixture's login and consent pages instead of a person at a browser.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grant-loopback-user-agent.h"
#include "grant-test-async.h"
#include "grant-test-practice.h"
#include "grant-test-provider.h"
#include "grant-test-user.h"

struct _GrantTestUser
{
  char           *login;
  gboolean        deny;
  /* How the user goes through the login and consent pages: approve.mjs at oidc-provider's,
   * or plain HTTP requests at the practice provider's. */
  void          (*approve_async) (const char          *url,
                                  const char          *login,
                                  gboolean             deny,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
  char         *(*approve_finish) (GAsyncResult  *result,
                                   GError       **error);
  GrantUserAgent *user_agent;
  gboolean        opened;
  GAsyncResult   *approved;
};

static gboolean
play_user (const char  *authorization_url,
           gpointer     user_data,
           GError     **error)
{
  GrantTestUser *self = user_data;

  self->opened = TRUE;
  self->approve_async (authorization_url, self->login, self->deny, grant_test_async_result_cb,
                       &self->approved);

  return TRUE;
}

/**
 * grant_test_user_new:
 * @login: the account to log in as
 * @deny: whether to refuse consent
 *
 * Returns: (transfer full): the user
 */
GrantTestUser *
grant_test_user_new (const char *login,
                     gboolean    deny)
{
  GrantTestUser *self = g_new0 (GrantTestUser, 1);

  self->login = g_strdup (login);
  self->deny = deny;
  self->approve_async = grant_test_approve_async;
  self->approve_finish = grant_test_approve_finish;
  self->user_agent = grant_loopback_user_agent_new ();
  grant_loopback_user_agent_set_open_func (GRANT_LOOPBACK_USER_AGENT (self->user_agent),
                                           play_user, self, NULL);

  return self;
}

/**
 * grant_test_user_new_for_practice:
 * @login: the demo user to log in as
 * @deny: whether to deny on the consent page
 *
 * Returns: (transfer full): a user of the practice provider's pages
 */
GrantTestUser *
grant_test_user_new_for_practice (const char *login,
                                  gboolean    deny)
{
  GrantTestUser *self = grant_test_user_new (login, deny);

  self->approve_async = grant_test_practice_approve_async;
  self->approve_finish = grant_test_practice_approve_finish;

  return self;
}

/**
 * grant_test_user_get_user_agent:
 * @self: a #GrantTestUser
 *
 * Returns: (transfer none): the user agent to give the flow
 */
GrantUserAgent *
grant_test_user_get_user_agent (GrantTestUser *self)
{
  return self->user_agent;
}

static gboolean
give_up_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

/**
 * grant_test_user_run_flow:
 * @self: a #GrantTestUser
 * @flow: a flow whose user agent is the user's
 * @error: return location for a #GError
 *
 * Runs @flow while approve.mjs plays the user. If the user is done and the response never
 * came (the provider showed an error page instead of redirecting), the flow is cancelled
 * after a few seconds rather than left waiting, as a person would close the browser.
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 */
GrantTokenResponse *
grant_test_user_run_flow (GrantTestUser  *self,
                          GrantFlow      *flow,
                          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GrantTokenResponse *response;
  guint give_up = 0;

  grant_flow_run_async (flow, cancellable, grant_test_async_result_cb, &result);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (self->approved != NULL && give_up == 0)
        give_up = g_timeout_add_seconds (5, give_up_cb, cancellable);
    }
  if (give_up != 0 && !g_cancellable_is_cancelled (cancellable))
    g_source_remove (give_up);
  response = grant_flow_run_finish (flow, result, error);

  /* approve.mjs may still be at work if the flow failed early. */
  while (self->opened && self->approved == NULL)
    g_main_context_iteration (NULL, TRUE);
  self->opened = FALSE;
  if (self->approved != NULL)
    {
      g_autoptr(GError) approve_error = NULL;
      g_autofree char *out = self->approve_finish (self->approved, &approve_error);

      g_assert_no_error (approve_error);
      g_test_message ("the user: %s", out);
      g_clear_object (&self->approved);
    }

  return response;
}

void
grant_test_user_free (GrantTestUser *self)
{
  g_clear_object (&self->user_agent);
  g_clear_object (&self->approved);
  g_free (self->login);
  g_free (self);
}
