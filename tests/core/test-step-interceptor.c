/* test-step-interceptor.c
 * Step mode's interceptor against the practice provider: a flow pauses before each request
 * and at the redirect capture, each step explained; an edit made there is what goes out (no
 * code_verifier: invalid_grant) or what the flow checks (another state: refused); cancelling
 * a step, or the flow, stops it; turning step mode off lets every held step go.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-device-flow.h"
#include "grant-oauth-error.h"
#include "grant-step-interceptor.h"
#include "grant-test-async.h"
#include "grant-test-practice.h"
#include "grant-test-provider.h"
#include "grant-test-user.h"

typedef enum
{
  ANSWER_SEND,
  ANSWER_DROP_VERIFIER,
  ANSWER_WRONG_STATE,
  ANSWER_CANCEL_FIRST,
} Answer;

typedef struct
{
  GrantStepInterceptor *interceptor;
  Answer                answer;
  GArray               *kinds;
  GPtrArray            *titles;
  gboolean              saw_response_parameters;
} Stepper;

/* The user at the step pane: reads the step, perhaps edits it, then lets it go. Done from an
 * idle, as a person answers after the pane has shown the step. */
static gboolean
answer_cb (gpointer user_data)
{
  Stepper *stepper = user_data;
  GrantStepInterceptor *interceptor = stepper->interceptor;
  GrantStepExplanation *explanation;
  GrantHttpRequest *request;
  GHashTable *parameters;
  GrantStepKind kind;

  if (!grant_step_interceptor_get_paused (interceptor))
    return G_SOURCE_REMOVE;

  explanation = grant_step_interceptor_get_explanation (interceptor);
  kind = grant_step_explanation_get_kind (explanation);
  request = grant_step_interceptor_get_request (interceptor);
  parameters = grant_step_interceptor_get_response_parameters (interceptor);
  g_array_append_val (stepper->kinds, kind);
  g_ptr_array_add (stepper->titles, g_strdup (grant_step_interceptor_get_title (interceptor)));
  g_test_message ("paused: %s (%s)", grant_step_explanation_get_title (explanation),
                  grant_step_interceptor_get_title (interceptor));

  /* A step is a request or a response, never both. */
  g_assert_true ((request != NULL) != (parameters != NULL));

  if (stepper->answer == ANSWER_CANCEL_FIRST)
    {
      grant_step_interceptor_cancel (interceptor);
      return G_SOURCE_REMOVE;
    }

  if (parameters != NULL)
    {
      g_assert_cmpint (kind, ==, GRANT_STEP_AUTHORIZATION_RESPONSE);
      g_assert_nonnull (g_hash_table_lookup (parameters, "code"));
      g_assert_nonnull (g_hash_table_lookup (parameters, "state"));
      g_assert_true (g_str_has_prefix (grant_step_interceptor_get_redirect_uri (interceptor),
                                       "http://127.0.0.1:"));
      stepper->saw_response_parameters = TRUE;
      if (stepper->answer == ANSWER_WRONG_STATE)
        g_hash_table_insert (parameters, g_strdup ("state"), g_strdup ("forged-state"));
    }
  else if (kind == GRANT_STEP_TOKEN_AUTHORIZATION_CODE)
    {
      g_assert_nonnull (grant_http_request_get_form_field (request, "code_verifier"));
      if (stepper->answer == ANSWER_DROP_VERIFIER)
        g_assert_true (grant_http_request_remove_form_field (request, "code_verifier"));
    }
  else if (kind == GRANT_STEP_AUTHORIZATION_REQUEST)
    {
      g_assert_cmpstr (grant_http_request_get_method (request), ==, "GET");
      g_assert_nonnull (strstr (grant_http_request_get_uri (request), "code_challenge="));
    }

  grant_step_interceptor_continue (interceptor);

  return G_SOURCE_REMOVE;
}

static void
step_changed_cb (GrantStepInterceptor *interceptor,
                 Stepper              *stepper)
{
  if (grant_step_interceptor_get_paused (interceptor))
    g_idle_add (answer_cb, stepper);
}

typedef struct
{
  GrantPracticeProvider *practice;
  GrantProvider         *provider;
  GrantClient           *client;
  GrantExchangeLog      *log;
  GrantHttpClient       *http_client;
  GrantStepInterceptor  *interceptor;
  GrantTestUser         *user;
  GrantFlow             *flow;
  Stepper                stepper;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->practice = grant_test_practice_start ();
  fixture->provider = grant_test_discover (grant_practice_provider_get_issuer (fixture->practice));
  fixture->client = grant_client_new (GRANT_PRACTICE_CLIENT_PUBLIC);
  grant_client_set_redirect_uri (fixture->client, "http://127.0.0.1/callback");
  grant_client_set_scope (fixture->client, "openid profile");
  fixture->log = grant_exchange_log_new ();
  fixture->http_client = grant_http_client_new (fixture->log);
  fixture->interceptor = grant_step_interceptor_new ();
  grant_step_interceptor_set_metadata (fixture->interceptor,
                                       grant_provider_get_metadata (fixture->provider));
  grant_http_client_set_interceptor (fixture->http_client,
                                     GRANT_HTTP_INTERCEPTOR (fixture->interceptor));
  fixture->user = grant_test_user_new_for_practice ("alice", FALSE);
  fixture->flow = grant_authorization_code_flow_new (
    fixture->provider, fixture->client, fixture->http_client,
    grant_test_user_get_user_agent (fixture->user));
  fixture->stepper.interceptor = fixture->interceptor;
  fixture->stepper.answer = GPOINTER_TO_INT (data);
  fixture->stepper.kinds = g_array_new (FALSE, FALSE, sizeof (GrantStepKind));
  fixture->stepper.titles = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->interceptor, "step-changed", G_CALLBACK (step_changed_cb),
                    &fixture->stepper);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_false (grant_step_interceptor_get_paused (fixture->interceptor));
  g_clear_object (&fixture->flow);
  g_clear_pointer (&fixture->user, grant_test_user_free);
  grant_http_client_set_interceptor (fixture->http_client, NULL);
  g_assert_finalize_object (fixture->interceptor);
  g_clear_object (&fixture->http_client);
  g_clear_object (&fixture->log);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->practice);
  g_array_unref (fixture->stepper.kinds);
  g_ptr_array_unref (fixture->stepper.titles);
}

static GrantStepKind
kind_at (Fixture *fixture,
         guint    index)
{
  g_assert_cmpuint (index, <, fixture->stepper.kinds->len);

  return g_array_index (fixture->stepper.kinds, GrantStepKind, index);
}

/* Every step pauses, in order, each explained as what it is; sent as they were, the flow
 * succeeds, and the ID token's keys were a step too. */
static void
test_every_step (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = grant_test_user_run_flow (fixture->user, fixture->flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (response);

  g_assert_cmpuint (fixture->stepper.kinds->len, ==, 4);
  g_assert_cmpint (kind_at (fixture, 0), ==, GRANT_STEP_AUTHORIZATION_REQUEST);
  g_assert_cmpint (kind_at (fixture, 1), ==, GRANT_STEP_AUTHORIZATION_RESPONSE);
  g_assert_cmpint (kind_at (fixture, 2), ==, GRANT_STEP_TOKEN_AUTHORIZATION_CODE);
  g_assert_cmpint (kind_at (fixture, 3), ==, GRANT_STEP_JWKS);
  g_assert_cmpstr (g_ptr_array_index (fixture->stepper.titles, 0), ==, "Authorization request");
  g_assert_true (fixture->stepper.saw_response_parameters);
}

/* The code_verifier removed from the paused token request is not sent: the provider refuses
 * the code with invalid_grant, and the flow says why. */
static void
test_drop_verifier (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *log = G_LIST_MODEL (fixture->log);
  g_autoptr(GrantExchange) token = NULL;

  response = grant_test_user_run_flow (fixture->user, fixture->flow, &error);
  g_assert_null (response);
  g_test_message ("%s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "code_verifier"));

  g_assert_cmpuint (fixture->stepper.kinds->len, ==, 3);
  g_assert_cmpint (kind_at (fixture, 2), ==, GRANT_STEP_TOKEN_AUTHORIZATION_CODE);
  token = g_list_model_get_item (log, g_list_model_get_n_items (log) - 1);
  g_assert_cmpuint (grant_exchange_get_status (token), ==, 400);
  g_assert_nonnull (grant_http_request_get_form_field (grant_exchange_get_request (token),
                                                       "code"));
  g_assert_null (grant_http_request_get_form_field (grant_exchange_get_request (token),
                                                    "code_verifier"));
}

/* A state changed at the redirect capture is what the flow checks: it refuses the response
 * and redeems no code. */
static void
test_wrong_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = grant_test_user_run_flow (fixture->user, fixture->flow, &error);
  g_assert_null (response);
  g_test_message ("%s", error->message);
  g_assert_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "state"));
  g_assert_cmpuint (fixture->stepper.kinds->len, ==, 2);
  g_assert_cmpint (kind_at (fixture, 1), ==, GRANT_STEP_AUTHORIZATION_RESPONSE);
}

/* Cancel at the first step: the flow is cancelled and nothing was sent or opened. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = grant_test_user_run_flow (fixture->user, fixture->flow, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (grant_flow_get_state (fixture->flow), ==, GRANT_FLOW_CANCELLED);
  g_assert_cmpuint (fixture->stepper.kinds->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->log)), ==, 0);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* A device's polls: the first is held like any step, the next ones go on by themselves. */
static void
test_device_polls (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GrantClient) client = grant_client_new (GRANT_PRACTICE_CLIENT_DEVICE);
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  guint held_polls = 0;

  grant_client_set_scope (client, "photos:read");
  flow = grant_device_flow_new (fixture->provider, client, fixture->http_client);
  grant_flow_run_async (flow, cancellable, grant_test_async_result_cb, &result);
  while (grant_device_flow_get_polls (GRANT_DEVICE_FLOW (flow)) < 3 && result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  response = grant_flow_run_finish (flow, grant_test_async_wait (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (response);

  g_assert_cmpuint (fixture->stepper.kinds->len, >=, 2);
  g_assert_cmpint (kind_at (fixture, 0), ==, GRANT_STEP_DEVICE_AUTHORIZATION);
  for (guint i = 0; i < fixture->stepper.kinds->len; i++)
    if (kind_at (fixture, i) == GRANT_STEP_TOKEN_DEVICE_CODE)
      held_polls++;
  g_assert_cmpuint (held_polls, ==, 1);
  g_assert_cmpuint (grant_device_flow_get_polls (GRANT_DEVICE_FLOW (flow)), >=, 3);
}

/* Requests held one after another are queued; the first is the one shown. Turning step mode
 * off sends every one as it is; a cancelled one leaves the queue at once. */
static void
test_queue (void)
{
  g_autoptr(GrantPracticeProvider) practice = grant_test_practice_start ();
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (log);
  g_autoptr(GrantStepInterceptor) interceptor = grant_step_interceptor_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *discovery = g_strconcat (grant_practice_provider_get_issuer (practice),
                                            "/.well-known/openid-configuration", NULL);
  g_autofree char *jwks = g_strconcat (grant_practice_provider_get_issuer (practice), "/jwks",
                                       NULL);
  g_autoptr(GrantHttpRequest) first = grant_http_request_new ("GET", discovery);
  g_autoptr(GrantHttpRequest) second = grant_http_request_new ("GET", jwks);
  g_autoptr(GrantHttpRequest) third = grant_http_request_new ("GET", jwks);
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(GAsyncResult) third_result = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (interceptor, "step-changed", G_CALLBACK (count_cb), &changes);
  grant_http_client_set_interceptor (http_client, GRANT_HTTP_INTERCEPTOR (interceptor));
  g_assert_false (grant_step_interceptor_get_paused (interceptor));
  g_assert_null (grant_step_interceptor_get_explanation (interceptor));

  grant_http_client_send_async (http_client, first, "Discovery", NULL,
                                grant_test_async_result_cb, &first_result);
  grant_http_client_send_async (http_client, second, "Key set (JWKS)", NULL,
                                grant_test_async_result_cb, &second_result);
  grant_http_client_send_async (http_client, third, "Key set (JWKS)", cancellable,
                                grant_test_async_result_cb, &third_result);
  g_assert_true (grant_step_interceptor_get_paused (interceptor));
  g_assert_cmpuint (grant_step_interceptor_get_n_pending (interceptor), ==, 3);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (grant_step_interceptor_get_request (interceptor) == first);
  g_assert_cmpint (grant_step_explanation_get_kind (
                     grant_step_interceptor_get_explanation (interceptor)), ==,
                   GRANT_STEP_DISCOVERY);

  /* The third is cancelled behind the first: it goes, the first stays shown. */
  g_cancellable_cancel (cancellable);
  g_assert_cmpuint (grant_step_interceptor_get_n_pending (interceptor), ==, 2);
  g_assert_cmpuint (changes, ==, 1);
  exchange = grant_http_client_send_finish (http_client, grant_test_async_wait (&third_result),
                                            &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (exchange);
  g_clear_error (&error);

  grant_step_interceptor_continue (interceptor);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (grant_step_interceptor_get_request (interceptor) == second);
  g_assert_cmpint (grant_step_explanation_get_kind (
                     grant_step_interceptor_get_explanation (interceptor)), ==, GRANT_STEP_JWKS);

  /* Step mode off. */
  grant_http_client_set_interceptor (http_client, NULL);
  grant_step_interceptor_release_all (interceptor);
  g_assert_false (grant_step_interceptor_get_paused (interceptor));
  g_assert_cmpuint (changes, ==, 3);
  exchange = grant_http_client_send_finish (http_client, grant_test_async_wait (&first_result),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
  g_clear_object (&exchange);
  exchange = grant_http_client_send_finish (http_client, grant_test_async_wait (&second_result),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grant_exchange_get_status (exchange), ==, 200);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 2);
}

/* The authorization-response hook, called as the flow calls it: the response waits with its
 * parameters until the step is answered. */
static void
test_default_response_hook (void)
{
  g_autoptr(GrantStepInterceptor) interceptor = grant_step_interceptor_new ();
  g_autoptr(GHashTable) parameters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (parameters, g_strdup ("code"), g_strdup ("abc"));
  grant_http_interceptor_intercept_authorization_response_async (
    GRANT_HTTP_INTERCEPTOR (interceptor), parameters, "http://127.0.0.1:1/callback", NULL,
    grant_test_async_result_cb, &result);
  g_assert_true (grant_step_interceptor_get_paused (interceptor));
  g_assert_true (grant_step_interceptor_get_response_parameters (interceptor) == parameters);
  g_assert_null (grant_step_interceptor_get_request (interceptor));
  g_assert_cmpint (grant_step_explanation_get_kind (
                     grant_step_interceptor_get_explanation (interceptor)), ==,
                   GRANT_STEP_AUTHORIZATION_RESPONSE);
  grant_step_interceptor_cancel (interceptor);
  g_assert_false (grant_http_interceptor_intercept_authorization_response_finish (
                    GRANT_HTTP_INTERCEPTOR (interceptor), grant_test_async_wait (&result),
                    &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, answer, test) \
  g_test_add ("/grant/step-interceptor/" path, Fixture, GINT_TO_POINTER (answer), \
              fixture_set_up, test, fixture_tear_down)
  ADD ("every-step", ANSWER_SEND, test_every_step);
  ADD ("drop-verifier", ANSWER_DROP_VERIFIER, test_drop_verifier);
  ADD ("wrong-state", ANSWER_WRONG_STATE, test_wrong_state);
  ADD ("cancel", ANSWER_CANCEL_FIRST, test_cancel);
  ADD ("device-polls", ANSWER_SEND, test_device_polls);
#undef ADD
  g_test_add_func ("/grant/step-interceptor/queue", test_queue);
  g_test_add_func ("/grant/step-interceptor/response-hook", test_default_response_hook);

  return g_test_run ();
}
