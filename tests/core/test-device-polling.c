/* test-device-polling.c
 * How the device flow polls (RFC 8628 §3.4, §3.5), against an in-process server that answers
 * what the test tells it to: authorization_pending, slow_down, then tokens; a malformed
 * device authorization response; a server that never stops saying "pending".
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-device-flow.h"
#include "grant-oauth-error.h"
#include "grant-test-async.h"
#include "grant-test-server.h"

static SoupServer *server;
static const char *device_response;
static const char * const *token_answers;
static guint token_requests;
static GPtrArray *poll_times;

static void
answer (SoupServerMessage *message,
        guint              status,
        const char        *body)
{
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
  soup_server_message_set_status (message, status, NULL);
}

static void
device_handler (SoupServer        *s,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  answer (message, 200, device_response);
}

static void
token_handler (SoupServer        *s,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  guint last = g_strv_length ((char **) token_answers) - 1;
  const char *reply = token_answers[MIN (token_requests, last)];

  gint64 now = g_get_monotonic_time ();

  g_ptr_array_add (poll_times, g_memdup2 (&now, sizeof now));
  token_requests++;
  answer (message, g_str_has_prefix (reply, "{\"error\"") ? 400 : 200, reply);
}

static GrantFlow *
new_flow (void)
{
  g_autofree char *base = grant_test_server_get_url (server, "");
  g_autofree char *device = grant_test_server_get_url (server, "/device");
  g_autofree char *token = grant_test_server_get_url (server, "/token");
  g_autoptr(GrantProvider) provider = grant_provider_new (base);
  g_autoptr(GrantClient) client = grant_client_new ("tv");

  grant_provider_set_endpoint (provider, "device_authorization_endpoint", device);
  grant_provider_set_endpoint (provider, "token_endpoint", token);

  return grant_device_flow_new (provider, client, NULL);
}

static GrantTokenResponse *
run (GrantFlow  *flow,
     GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  token_requests = 0;
  g_ptr_array_set_size (poll_times, 0);
  grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);

  return grant_flow_run_finish (flow, grant_test_async_wait (&result), error);
}

/* pending, slow_down, pending, then tokens: four polls, the interval one second and then,
 * after slow_down, six (§3.5: "increase the interval by 5 seconds"). */
static void
test_slow_down (void)
{
  static const char * const answers[] = {
    "{\"error\":\"authorization_pending\"}",
    "{\"error\":\"slow_down\"}",
    "{\"error\":\"authorization_pending\"}",
    "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}",
    NULL
  };
  g_autoptr(GrantFlow) flow = new_flow ();
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  device_response = "{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\","
                    "\"verification_uri\":\"https://idp.example/device\",\"expires_in\":60,"
                    "\"interval\":1}";
  token_answers = answers;

  response = run (flow, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grant_token_response_get_access_token (response), ==, "at");
  g_assert_cmpuint (token_requests, ==, 4);
  g_assert_cmpuint (grant_device_flow_get_polls (GRANT_DEVICE_FLOW (flow)), ==, 4);
  g_assert_cmpuint (grant_device_flow_get_interval (GRANT_DEVICE_FLOW (flow)), ==, 6);
  g_assert_cmpstr (grant_device_flow_get_user_code (GRANT_DEVICE_FLOW (flow)), ==, "ABCD-EFGH");

  g_assert_cmpuint (poll_times->len, ==, 4);
  /* After slow_down the wait is six seconds, give or take the timer's granularity. */
  g_assert_cmpint (*(gint64 *) poll_times->pdata[2] - *(gint64 *) poll_times->pdata[1], >=,
                   5 * G_USEC_PER_SEC);
}

/* A response without the members RFC 8628 §3.2 requires is refused, nothing polled. */
static void
test_malformed (void)
{
  static const char * const answers[] = { "{\"error\":\"authorization_pending\"}", NULL };
  static const char * const responses[] = {
    "{\"device_code\":\"dc\",\"verification_uri\":\"https://idp.example/device\",\"expires_in\":60}",
    "{\"device_code\":\"dc\",\"user_code\":\"A\",\"verification_uri\":\"https://x\",\"expires_in\":\"soon\"}",
    "<html>not json</html>",
  };

  token_answers = answers;
  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      g_autoptr(GrantFlow) flow = new_flow ();
      g_autoptr(GrantTokenResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      device_response = responses[i];
      response = run (flow, &error);
      g_assert_null (response);
      g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE);
      g_test_message ("%s", error->message);
      g_assert_cmpuint (token_requests, ==, 0);
    }
}

/* A server that keeps saying "pending" after the code expired is not waited for. */
static void
test_expired_locally (void)
{
  static const char * const answers[] = { "{\"error\":\"authorization_pending\"}", NULL };
  g_autoptr(GrantFlow) flow = new_flow ();
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  device_response = "{\"device_code\":\"dc\",\"user_code\":\"WXYZ\","
                    "\"verification_uri\":\"https://idp.example/device\",\"expires_in\":2,"
                    "\"interval\":1}";
  token_answers = answers;

  response = run (flow, &error);
  g_assert_null (response);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_EXPIRED_TOKEN);
  g_assert_nonnull (strstr (error->message, "WXYZ"));
  g_assert_cmpuint (token_requests, <=, 3);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = grant_test_server_new ();
  soup_server_add_handler (server, "/device", device_handler, NULL, NULL);
  soup_server_add_handler (server, "/token", token_handler, NULL, NULL);
  poll_times = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/grant/device-polling/slow-down", test_slow_down);
  g_test_add_func ("/grant/device-polling/malformed", test_malformed);
  g_test_add_func ("/grant/device-polling/expired-locally", test_expired_locally);

  status = g_test_run ();

  grant_test_server_stop (server);
  g_ptr_array_unref (poll_times);

  return status;
}
