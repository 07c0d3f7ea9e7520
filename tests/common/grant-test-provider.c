/* grant-test-provider.c
 * Starts the test fixture (oidc-provider and the protected API) on an ephemeral loopback port.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture listens on port 0, so the kernel picks a free port, and prints the issuer URL
 * that port gives on its first line. We hold its standard input open: when a test dies, the
 * pipe closes and the fixture exits on its own, and PR_SET_PDEATHSIG covers the rest.
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <signal.h>

#include <json-glib/json-glib.h>

#include "grant-client-credentials-flow.h"
#include "grant-provider.h"
#include "grant-test-async.h"
#include "grant-test-node.h"
#include "grant-test-provider.h"

#define START_TIMEOUT_SECONDS 60
#define STOP_TIMEOUT_SECONDS  10

struct _GrantTestProvider
{
  GSubprocess *process;
  char        *issuer;
};

typedef struct
{
  gboolean  done;
  gboolean  timed_out;
  char     *line;
  GBytes   *body;
  guint     status;
  GError   *error;
} Wait;

static gboolean
timeout_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the thread-default main context until the operation is done. When time is up,
 * the operation is cancelled and still waited for, so that its callback never writes into a
 * stack frame that has gone. */
static gboolean
wait_for (Wait         *wait,
          GCancellable *cancellable,
          guint         seconds)
{
  guint timeout_id = g_timeout_add_seconds (seconds, timeout_cb, wait);

  while (!wait->done && !wait->timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!wait->timed_out)
    {
      g_source_remove (timeout_id);
      return TRUE;
    }

  g_cancellable_cancel (cancellable);
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);

  return FALSE;
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                         NULL, &wait->error);
  wait->done = TRUE;
}

static void
send_and_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Wait *wait = user_data;
  SoupMessage *message;

  wait->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &wait->error);
  message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  wait->status = message != NULL ? soup_message_get_status (message) : 0;
  wait->done = TRUE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  wait->done = TRUE;
}

static gboolean
wait_for_exit (GSubprocess *process,
               guint        seconds)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait wait = { 0 };

  g_subprocess_wait_async (process, cancellable, wait_cb, &wait);

  return wait_for (&wait, cancellable, seconds);
}

static gboolean
discovery_answers (const char  *issuer,
                   GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (issuer, "/.well-known/openid-configuration", NULL);
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Wait wait = { 0 };

      soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                                        send_and_read_cb, &wait);
      wait_for (&wait, cancellable, START_TIMEOUT_SECONDS);
      g_clear_pointer (&wait.body, g_bytes_unref);

      if (wait.done && wait.error == NULL && wait.status == SOUP_STATUS_OK)
        return TRUE;

      g_clear_error (&wait.error);
      g_usleep (G_USEC_PER_SEC / 10);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "The test provider at %s did not answer discovery within %d s",
               issuer, START_TIMEOUT_SECONDS);
  return FALSE;
}

/**
 * grant_test_provider_start:
 * @error: return location for a #GError
 *
 * Starts the fixture found at $GRANT_FIXTURE_DIR with the node at $GRANT_NODE (or the
 * first `node` on the PATH), and waits until its discovery document answers.
 *
 * Returns: (transfer full): the running provider, or %NULL with @error set
 */
GrantTestProvider *
grant_test_provider_start (GError **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GrantTestProvider *self;
  Wait wait = { 0 };

  process = grant_test_node_spawn ("oidc-provider", "provider.mjs",
                                   G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                   error);
  if (process == NULL)
    return NULL;

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (output, G_PRIORITY_DEFAULT, cancellable,
                                       read_line_cb, &wait);

  if (!wait_for (&wait, cancellable, START_TIMEOUT_SECONDS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "The test provider did not print its issuer URL within %d s; its error "
                   "output is above", START_TIMEOUT_SECONDS);
      g_clear_error (&wait.error);
      g_free (wait.line);
      g_subprocess_force_exit (process);
      wait_for_exit (process, STOP_TIMEOUT_SECONDS);
      return NULL;
    }

  if (wait.line == NULL || !g_str_has_prefix (wait.line, "http://127.0.0.1:"))
    {
      if (wait.error != NULL)
        g_propagate_prefixed_error (error, g_steal_pointer (&wait.error),
                                    "The test provider did not start: ");
      else if (wait.line == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "The test provider exited before it printed its issuer URL; its "
                             "error output is above");
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "The test provider printed “%s” where its issuer URL should be",
                     wait.line);
      g_free (wait.line);
      g_subprocess_force_exit (process);
      wait_for_exit (process, STOP_TIMEOUT_SECONDS);
      return NULL;
    }

  self = g_new0 (GrantTestProvider, 1);
  self->process = g_steal_pointer (&process);
  self->issuer = g_steal_pointer (&wait.line);

  if (!discovery_answers (self->issuer, error))
    {
      grant_test_provider_stop (self);
      return NULL;
    }

  g_test_message ("Test provider at %s", self->issuer);

  return self;
}

/**
 * grant_test_provider_get_issuer:
 * @self: a running provider
 *
 * Returns: the issuer URL, http://127.0.0.1:PORT
 */
const char *
grant_test_provider_get_issuer (GrantTestProvider *self)
{
  return self->issuer;
}

/**
 * grant_test_provider_stop:
 * @self: (transfer full): a running provider
 *
 * Stops the provider and waits for it to exit.
 */
void
grant_test_provider_stop (GrantTestProvider *self)
{
  if (self == NULL)
    return;

  g_subprocess_send_signal (self->process, SIGTERM);
  if (!wait_for_exit (self->process, STOP_TIMEOUT_SECONDS))
    {
      g_subprocess_force_exit (self->process);
      wait_for_exit (self->process, STOP_TIMEOUT_SECONDS);
    }

  g_clear_object (&self->process);
  g_free (self->issuer);
  g_free (self);
}

static void
approve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *process = G_SUBPROCESS (object);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GError *error = NULL;

  if (!g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "approve.mjs failed: %s",
                               err != NULL ? err : "");
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&out), g_free);
}

/**
 * grant_test_approve_async:
 * @url: where the user's browser would go: an authorization request, or a device flow's
 *   verification URI
 * @login: the account to log in as ("alice")
 * @deny: whether to refuse consent instead of giving it
 * @callback: called when the user is done
 * @user_data: data for @callback
 *
 * Plays the user at the fixture's login and consent pages (approve.mjs), following every
 * redirect, up to and including the one to the redirect URI. Asynchronous, so that the
 * test's own loopback listener can answer meanwhile.
 */
void
grant_test_approve_async (const char          *url,
                          const char          *login,
                          gboolean             deny,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *input = NULL;
  GError *error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "login");
  json_builder_add_string_value (builder, login);
  json_builder_set_member_name (builder, "deny");
  json_builder_add_boolean_value (builder, deny);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  input = json_to_string (root, FALSE);

  process = grant_test_node_spawn ("oidc-provider", "approve.mjs",
                                   G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                   | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_subprocess_communicate_utf8_async (process, input, NULL, approve_cb,
                                       g_steal_pointer (&task));
}

/**
 * grant_test_approve_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): approve.mjs's output, a JSON object with the last URL and status
 */
char *
grant_test_approve_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * grant_test_provider_discover:
 * @self: a running fixture
 *
 * Returns: (transfer full): the fixture as a #GrantProvider, from its discovery document
 */
GrantProvider *
grant_test_provider_discover (GrantTestProvider *self)
{
  return grant_test_discover (self->issuer);
}

/**
 * grant_test_discover:
 * @issuer: an issuer URL
 *
 * Returns: (transfer full): the provider at @issuer, discovered by the core
 */
GrantProvider *
grant_test_discover (const char *issuer)
{
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;

  grant_provider_metadata_discover_async (http_client, issuer, NULL, discovered_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  metadata = grant_provider_metadata_discover_finish (result, &error);
  g_assert_no_error (error);

  return grant_provider_new_from_metadata (metadata);
}

/**
 * grant_test_client_credentials:
 * @provider: the fixture as a #GrantProvider
 * @http_client: (nullable): the client to send through, or %NULL for the flow's own
 * @client_id: a confidential client of the fixture's
 * @client_secret: its secret, sent with client_secret_basic
 * @scope: the scope to ask for
 * @dpop: (nullable): a DPoP session to bind the token to
 *
 * Runs the client credentials flow and asserts that it succeeds.
 *
 * Returns: (transfer full): the token response
 */
GrantTokenResponse *
grant_test_client_credentials (GrantProvider    *provider,
                               GrantHttpClient  *http_client,
                               const char       *client_id,
                               const char       *client_secret,
                               const char       *scope,
                               GrantDpopSession *dpop)
{
  g_autoptr(GrantClient) client = grant_client_new (client_id);
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GrantTokenResponse *response;

  grant_client_set_token_endpoint_auth_method (client, GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  grant_client_set_client_secret (client, client_secret);
  flow = grant_client_credentials_flow_new (provider, client, http_client);
  grant_flow_set_scope (flow, scope);
  if (dpop != NULL)
    grant_flow_set_dpop_session (flow, dpop);
  grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);
  response = grant_flow_run_finish (flow, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);

  return response;
}
