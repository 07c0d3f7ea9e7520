/* test-device-flow.c
 * The device authorization grant (RFC 8628) against oidc-provider, the user played by
 * approve.mjs at the verification page; then refresh-token rotation and reuse.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-device-flow.h"
#include "grant-oauth-error.h"
#include "grant-refresh-flow.h"
#include "grant-test-async.h"
#include "grant-test-provider.h"

static GrantTestProvider *fixture;
static GrantProvider *provider;

typedef struct
{
  gboolean       deny;
  GAsyncResult  *approved;
  GCancellable  *cancel_when_shown;
} User;

/* The user reads the code as soon as the flow shows it, and goes to the verification URI. */
static void
user_code_shown_cb (GrantDeviceFlow *flow,
                    GParamSpec      *pspec,
                    User            *user)
{
  g_assert_nonnull (grant_device_flow_get_user_code (flow));
  g_assert_nonnull (grant_device_flow_get_verification_uri (flow));
  g_assert_nonnull (grant_device_flow_get_verification_uri_complete (flow));

  if (user->cancel_when_shown != NULL)
    g_cancellable_cancel (user->cancel_when_shown);
  else
    grant_test_approve_async (grant_device_flow_get_verification_uri_complete (flow), "alice",
                              user->deny, grant_test_async_result_cb, &user->approved);
}

static GrantTokenResponse *
run_device_flow (const char    *client_id,
                 User          *user,
                 GrantFlow    **out_flow,
                 GError       **error)
{
  g_autoptr(GrantClient) client = grant_client_new (client_id);
  g_autoptr(GAsyncResult) result = NULL;
  GrantFlow *flow;
  GrantTokenResponse *response;

  flow = grant_device_flow_new (provider, client, NULL);
  grant_flow_set_scope (flow, "openid photos:read offline_access");
  if (user != NULL)
    g_signal_connect (flow, "notify::user-code", G_CALLBACK (user_code_shown_cb), user);

  grant_flow_run_async (flow, user != NULL ? user->cancel_when_shown : NULL,
                        grant_test_async_result_cb, &result);
  response = grant_flow_run_finish (flow, grant_test_async_wait (&result), error);

  if (user != NULL && user->approved != NULL)
    {
      g_autoptr(GError) approve_error = NULL;
      g_autofree char *out = grant_test_approve_finish (user->approved, &approve_error);

      g_assert_no_error (approve_error);
      g_test_message ("approve.mjs: %s", out);
      g_clear_object (&user->approved);
    }

  *out_flow = flow;

  return response;
}

static GrantTokenResponse *
refresh (GrantClient  *client,
         const char   *refresh_token,
         gboolean      spent,
         GrantFlow   **out_flow,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GrantFlow *flow = grant_refresh_flow_new (provider, client, NULL, refresh_token);

  grant_refresh_flow_set_spent (GRANT_REFRESH_FLOW (flow), spent);
  grant_flow_run_async (flow, NULL, grant_test_async_result_cb, &result);
  *out_flow = flow;

  return grant_flow_run_finish (flow, grant_test_async_wait (&result), error);
}

/* Approved at the verification page: tokens after at least one poll. Then the public
 * client's refresh token is rotated, and the spent one is refused. */
static void
test_approved (void)
{
  User user = { FALSE, NULL, NULL };
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantClient) client = grant_client_new ("grant-device");
  g_autoptr(GrantFlow) first_refresh = NULL;
  g_autoptr(GrantFlow) reuse = NULL;
  g_autoptr(GrantTokenResponse) refreshed = NULL;
  g_autoptr(GrantTokenResponse) refused = NULL;
  g_autoptr(GError) error = NULL;

  response = run_device_flow ("grant-device", &user, &flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grant_token_response_get_access_token (response));
  g_assert_nonnull (grant_token_response_get_id_token (response));
  g_assert_nonnull (grant_token_response_get_refresh_token (response));
  g_assert_cmpuint (grant_device_flow_get_polls (GRANT_DEVICE_FLOW (flow)), >=, 1);
  g_assert_cmpint (grant_device_flow_get_expires_at (GRANT_DEVICE_FLOW (flow)), >,
                   g_get_real_time () / G_USEC_PER_SEC);
  /* Every poll is in the log, after the device authorization request. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (
                      grant_http_client_get_log (grant_flow_get_http_client (flow)))), ==,
                    1 + grant_device_flow_get_polls (GRANT_DEVICE_FLOW (flow)));

  refreshed = refresh (client, grant_token_response_get_refresh_token (response), FALSE,
                       &first_refresh, &error);
  g_assert_no_error (error);
  g_assert_true (grant_refresh_flow_get_rotated (GRANT_REFRESH_FLOW (first_refresh)));

  refused = refresh (client, grant_token_response_get_refresh_token (response), TRUE, &reuse,
                     &error);
  g_assert_null (refused);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "had already been used"));
  g_assert_false (grant_refresh_flow_get_reuse_accepted (GRANT_REFRESH_FLOW (reuse)));
}

static void
test_denied (void)
{
  User user = { TRUE, NULL, NULL };
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = run_device_flow ("grant-device", &user, &flow, &error);
  g_assert_null (response);
  g_test_message ("%s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_ACCESS_DENIED);
  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_FAILED);
}

/* grant-device-short's codes expire after 3 s; the first poll, at 5 s, hears expired_token. */
static void
test_expired (void)
{
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = run_device_flow ("grant-device-short", NULL, &flow, &error);
  g_assert_null (response);
  g_test_message ("%s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_EXPIRED_TOKEN);
  g_assert_nonnull (strstr (error->message, "expired_token"));
}

/* Cancelled while it waits to poll: it stops at once, as cancelled, and polls no more. */
static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  User user = { FALSE, NULL, cancellable };
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  response = run_device_flow ("grant-device", &user, &flow, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (grant_flow_get_state (flow), ==, GRANT_FLOW_CANCELLED);
  g_assert_cmpuint (grant_device_flow_get_polls (GRANT_DEVICE_FLOW (flow)), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  fixture = grant_test_provider_start (&error);
  g_assert_no_error (error);

  provider = grant_test_provider_discover (fixture);

  g_test_add_func ("/grant/device-flow/approved", test_approved);
  g_test_add_func ("/grant/device-flow/denied", test_denied);
  g_test_add_func ("/grant/device-flow/expired", test_expired);
  g_test_add_func ("/grant/device-flow/cancelled", test_cancelled);

  status = g_test_run ();

  g_clear_object (&provider);
  grant_test_provider_stop (fixture);

  return status;
}
