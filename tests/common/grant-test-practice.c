/* grant-test-practice.c
 * The practice provider in tests: started on an ephemeral loopback port, and a user who goes
 * through its login and consent pages over plain HTTP.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "grant-test-async.h"
#include "grant-test-practice.h"

/**
 * grant_test_practice_start:
 *
 * Returns: (transfer full): a practice provider serving on 127.0.0.1 and a free port
 */
GrantPracticeProvider *
grant_test_practice_start (void)
{
  g_autoptr(GrantPracticeProvider) practice = grant_practice_provider_new ();
  g_autoptr(GError) error = NULL;

  grant_practice_provider_set_port (practice, 0);
  grant_practice_provider_start (practice, &error);
  g_assert_no_error (error);
  g_test_message ("practice provider at %s", grant_practice_provider_get_issuer (practice));

  return g_steal_pointer (&practice);
}

typedef struct
{
  char     *url;
  char     *login;
  gboolean  deny;
} Approval;

static void
approval_free (gpointer data)
{
  Approval *approval = data;

  g_free (approval->url);
  g_free (approval->login);
  g_free (approval);
}

/* One request without following redirects; returns the Location resolved against @url. */
static char *
step (SoupSession  *session,
      const char   *method,
      const char   *url,
      const char   *form,
      GString      *trace,
      GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) location = NULL;
  const char *header;

  if (msg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Not a URL: %s", url);
      return NULL;
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (form != NULL)
    {
      g_autoptr(GBytes) request_body = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded",
                                                request_body);
    }

  body = soup_session_send_and_read (session, msg, NULL, error);
  if (body == NULL)
    return NULL;
  g_string_append_printf (trace, "%s %s → %u\n", method, url, soup_message_get_status (msg));

  header = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  if (header == NULL)
    return g_strdup ("");

  base = g_uri_parse (url, G_URI_FLAGS_NONE, error);
  location = base != NULL ? g_uri_parse_relative (base, header, G_URI_FLAGS_NONE, error) : NULL;
  return location != NULL ? g_uri_to_string (location) : NULL;
}

static void
approve_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Approval *approval = task_data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GString) trace = g_string_new (NULL);
  g_autofree char *login_page = NULL;
  g_autofree char *consent_page = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *user = NULL;
  g_autofree char *delivered = NULL;
  GError *error = NULL;

  /* The authorization endpoint sends the browser to the login page, or straight back to the
   * client with an error. */
  login_page = step (session, "GET", approval->url, NULL, trace, &error);
  /* The device verification page is a form: the user confirms the code it shows. */
  if (login_page != NULL && *login_page == '\0' && strstr (approval->url, "/device?") != NULL)
    {
      g_autofree char *page = g_strndup (approval->url, strchr (approval->url, '?') - approval->url);

      g_free (login_page);
      login_page = step (session, "POST", page, strchr (approval->url, '?') + 1, trace, &error);
    }
  if (login_page != NULL && strstr (login_page, "/interaction/") != NULL)
    {
      g_autofree char *login_action = g_strconcat (login_page, "/login", NULL);

      user = g_strconcat ("user=", approval->login, NULL);
      consent_page = step (session, "POST", login_action, user, trace, &error);
      if (consent_page != NULL)
        redirect = step (session, "POST", consent_page,
                         approval->deny ? "decision=deny" : "decision=allow", trace, &error);
    }
  else if (login_page != NULL)
    redirect = g_steal_pointer (&login_page);

  /* The last redirect goes to the client's redirect URI: its loopback listener. */
  if (redirect != NULL && *redirect != '\0')
    delivered = step (session, "GET", redirect, NULL, trace, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_string_free (g_steal_pointer (&trace), FALSE), g_free);
}

/**
 * grant_test_practice_approve_async:
 * @url: an authorization request to the practice provider
 * @login: the demo user to log in as
 * @deny: whether to deny on the consent page
 * @callback: called when the redirect URI has been given the response
 * @user_data: its data
 *
 * Plays the user in a worker thread, so that the loopback listener on the caller's context
 * can take the last redirect.
 */
void
grant_test_practice_approve_async (const char          *url,
                                   const char          *login,
                                   gboolean             deny,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  Approval *approval = g_new0 (Approval, 1);

  approval->url = g_strdup (url);
  approval->login = g_strdup (login);
  approval->deny = deny;
  g_task_set_task_data (task, approval, approval_free);
  g_task_run_in_thread (task, approve_thread);
}

/**
 * grant_test_practice_approve_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): each request made, one a line
 */
char *
grant_test_practice_approve_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
