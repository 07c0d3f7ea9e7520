/* test-browser.c
 * The browser pane as a flow's user agent: the authorization code flow through real WebKit
 * under Xvfb against oidc-provider, with a script in the page playing the user; redirect
 * capture (loopback listener, decide-policy, form_post, a private-use scheme); personas; TLS
 * and connection errors; cancellation; and WebKit staying unloaded until the first run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-browser-private.h"
#include "grant-check.h"
#include "grant-test-async.h"
#include "grant-test-provider.h"
#include "grant-test-server.h"
#include "grant-web-view.h"

/* Each run is cancelled after this long, so that a test fails instead of hanging. */
#define RUN_TIMEOUT_SECONDS 60

static GrantTestProvider *fixture;
static GrantProvider *provider;

/* A window with the pane, and the user at its pages: which oidc-provider pages they met
 * ("login", "consent", "none" for a page without either form). */
typedef struct
{
  GtkWidget    *window;
  GrantBrowser *browser;
  GString      *pages;
  char         *login;
  GCancellable *cancellable;
} Harness;

static Harness *
harness_new (void)
{
  Harness *h = g_new0 (Harness, 1);

  h->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (h->window), 800, 600);
  h->browser = GRANT_BROWSER (grant_browser_new ());
  gtk_window_set_child (GTK_WINDOW (h->window), GTK_WIDGET (h->browser));
  gtk_window_present (GTK_WINDOW (h->window));
  h->pages = g_string_new (NULL);
  h->login = g_strdup ("alice");
  h->cancellable = g_cancellable_new ();

  return h;
}

static void
harness_free (Harness *h)
{
  /* Scripts still running in the page must not report to a harness that has gone. */
  g_cancellable_cancel (h->cancellable);
  g_object_add_weak_pointer (G_OBJECT (h->browser), (gpointer *) &h->browser);
  gtk_window_destroy (GTK_WINDOW (h->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* The pane, its view and its loopback listener are gone with the window. */
  g_assert_null (h->browser);
  g_string_free (h->pages, TRUE);
  g_free (h->login);
  g_object_unref (h->cancellable);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Harness, harness_free)

static void
page_seen_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Harness *h = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (
    WEBKIT_WEB_VIEW (object), result, &error);
  g_autofree char *page = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The page may have gone already. */
  if (value == NULL)
    {
      g_test_message ("the page went before it could be read: %s", error->message);
      return;
    }

  page = jsc_value_to_string (value);
  g_test_message ("user at %s: %s", webkit_web_view_get_uri (WEBKIT_WEB_VIEW (object)), page);
  g_string_append_printf (h->pages, "%s%s", h->pages->len > 0 ? "," : "", page);
}

/* oidc-provider's development pages are plain forms told apart by a hidden "prompt": the user
 * fills in the login and approves the consent, as approve.mjs does for the other tests. */
static void
load_changed_cb (WebKitWebView   *view,
                 WebKitLoadEvent  event,
                 Harness         *h)
{
  g_autofree char *script = NULL;

  /* Once per page: a load that failed (a redirect Grant stopped) finishes on the page
   * before, which the user has dealt with already. */
  if (event != WEBKIT_LOAD_FINISHED
      || g_strcmp0 (g_object_get_data (G_OBJECT (view), "test-page"),
                    webkit_web_view_get_uri (view)) == 0)
    return;
  g_object_set_data_full (G_OBJECT (view), "test-page", g_strdup (webkit_web_view_get_uri (view)),
                          g_free);

  script = g_strdup_printf (
    "(function () {"
    "  var prompt = document.querySelector('input[name=prompt]');"
    "  if (!prompt) return 'none';"
    "  var form = prompt.form;"
    "  if (prompt.value === 'login') {"
    "    form.querySelector('input[name=login]').value = '%s';"
    "    form.querySelector('input[name=password]').value = '%s-password';"
    "  }"
    "  setTimeout(function () { HTMLFormElement.prototype.submit.call(form); }, 0);"
    "  return prompt.value;"
    "})()", h->login, h->login);
  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, h->cancellable,
                                       page_seen_cb, h);
}

/* Each run makes a new view: the user follows it. (A new view may take the address of the
 * one before, so a mark on the view tells them apart, not the pointer.) */
static void
watch_view (Harness *h)
{
  GtkWidget *view = _grant_browser_get_web_view (h->browser);

  if (view == NULL || g_object_get_data (G_OBJECT (view), "test-watched") != NULL)
    return;

  g_object_set_data (G_OBJECT (view), "test-watched", GINT_TO_POINTER (TRUE));
  g_signal_connect (view, "load-changed", G_CALLBACK (load_changed_cb), h);
}

static gboolean
give_up_cb (gpointer user_data)
{
  g_test_message ("giving up after %d s", RUN_TIMEOUT_SECONDS);
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static GrantTokenResponse *
run_flow (Harness    *h,
          GrantFlow  *flow,
          GError    **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  guint give_up;

  g_string_truncate (h->pages, 0);
  give_up = g_timeout_add_seconds (RUN_TIMEOUT_SECONDS, give_up_cb, cancellable);
  grant_flow_run_async (flow, cancellable, grant_test_async_result_cb, &result);
  while (result == NULL)
    {
      watch_view (h);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (give_up);

  return grant_flow_run_finish (flow, result, error);
}

static GrantFlow *
new_flow (GrantBrowser    *browser,
          const char      *client_id,
          const char      *secret,
          const char      *redirect_uri,
          GrantHttpClient *http_client)
{
  g_autoptr(GrantClient) client = grant_client_new (client_id);

  grant_client_set_token_endpoint_auth_method (client, secret != NULL
                                                       ? GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC
                                                       : GRANT_CLIENT_AUTH_NONE);
  grant_client_set_client_secret (client, secret);
  grant_client_set_redirect_uri (client, redirect_uri);
  grant_client_set_scope (client, "openid");

  return grant_authorization_code_flow_new (provider, client, http_client,
                                            GRANT_USER_AGENT (browser));
}

static void
assert_all_checks_pass (GrantFlow *flow)
{
  GrantAuthorizationCodeFlow *code_flow = GRANT_AUTHORIZATION_CODE_FLOW (flow);
  GListModel *checks = grant_authorization_code_flow_get_checks (code_flow);
  guint n = g_list_model_get_n_items (checks);

  g_assert_cmpuint (n, >, 5);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      g_test_message ("check %s: %s", grant_check_get_name (check), grant_check_get_reason (check));
      g_assert_cmpint (grant_check_get_status (check), !=, GRANT_CHECK_FAILED);
    }
  g_assert_cmpint (grant_check_get_status (grant_checks_find (checks, "state")), ==,
                   GRANT_CHECK_PASSED);
  g_assert_cmpint (grant_check_get_status (grant_checks_find (checks, "ID token signature")), ==,
                   GRANT_CHECK_PASSED);
  g_assert_cmpint (grant_check_get_status (grant_checks_find (checks, "ID token nonce")), ==,
                   GRANT_CHECK_PASSED);
}

static gboolean
log_settled (GListModel *log)
{
  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);

      if (grant_exchange_get_state (exchange) == GRANT_EXCHANGE_SENDING)
        return FALSE;
    }

  return TRUE;
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until @done says so or @seconds have passed; returns what @done says then. */
static gboolean
iterate_until (gboolean (*done) (gpointer data),
               gpointer   data,
               guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint wake = g_timeout_add (100, wake_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  return done (data);
}

/* The browser's last responses may still be on their way when the flow is done. */
static void
wait_for_log (GListModel *log)
{
  g_assert_true (iterate_until ((gboolean (*) (gpointer)) log_settled, log, 10));
}

static void
dump_log (GListModel *log)
{
  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);
      GrantHttpRequest *request = grant_exchange_get_request (exchange);

      g_test_message ("log %u: %s %s: %s %s -> %u %s%s%s", i,
                      grant_exchange_get_channel (exchange) == GRANT_EXCHANGE_FRONT_CHANNEL
                      ? "front" : "back",
                      grant_exchange_get_title (exchange), grant_http_request_get_method (request),
                      grant_http_request_get_uri (request), grant_exchange_get_status (exchange),
                      grant_exchange_get_reason_phrase (exchange) != NULL
                      ? grant_exchange_get_reason_phrase (exchange) : "",
                      grant_exchange_get_error (exchange) != NULL ? " error: " : "",
                      grant_exchange_get_error (exchange) != NULL
                      ? grant_exchange_get_error (exchange)->message : "");
    }
}

static const char *
exchange_uri (GrantExchange *exchange)
{
  return grant_http_request_get_uri (grant_exchange_get_request (exchange));
}

static guint
count_titled (GListModel *log,
              const char *title,
              guint      *first)
{
  guint count = 0;

  for (guint i = g_list_model_get_n_items (log); i > 0; i--)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i - 1);

      if (g_strcmp0 (grant_exchange_get_title (exchange), title) == 0)
        {
          count++;
          if (first != NULL)
            *first = i - 1;
        }
    }

  return count;
}

static GrantExchange *
titled (GListModel *log,
        const char *title)
{
  guint position = G_MAXUINT;

  g_assert_cmpuint (count_titled (log, title, &position), ==, 1);

  return g_list_model_get_item (log, position);
}

static gboolean
saw_page (Harness    *h,
          const char *page)
{
  g_auto(GStrv) pages = g_strsplit (h->pages->str, ",", -1);

  return g_strv_contains ((const char * const *) pages, page);
}

/* Nothing of WebKit exists until a flow needs it: the window makes the pane at startup. */
static void
test_lazy (void)
{
  g_autoptr(Harness) h = harness_new ();

  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (g_type_from_name ("WebKitWebContext"), ==, 0);
  g_assert_cmpuint (g_type_from_name ("WebKitWebView"), ==, 0);
  g_assert_cmpuint (g_type_from_name ("WebKitNetworkSession"), ==, 0);
  g_assert_cmpstr (_grant_browser_get_page (h->browser), ==, "placeholder");
  g_assert_null (grant_browser_get_uri (h->browser));
  g_assert_null (_grant_browser_get_web_view (h->browser));
}

static void
test_address_bar (void)
{
  g_autoptr(Harness) h = harness_new ();
  static const struct { const char *uri; const char *icon; gboolean warning; } cases[] = {
    { "https://login.example.com/authorize?x=1", "channel-secure-symbolic", FALSE },
    { "http://login.example.com/authorize", "channel-insecure-symbolic", TRUE },
    { "HTTP://LOGIN.EXAMPLE.COM/", "channel-insecure-symbolic", TRUE },
    { "http://127.0.0.1:8080/callback", "channel-insecure-symbolic", FALSE },
    { "http://localhost/callback", "channel-insecure-symbolic", FALSE },
    { "http://[::1]:9000/callback", "channel-insecure-symbolic", FALSE },
    { "io.github.grantapp.grant:/callback", "web-browser-symbolic", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      _grant_browser_show_address (h->browser, cases[i].uri);
      g_assert_cmpstr (grant_browser_get_uri (h->browser), ==, cases[i].uri);
      g_assert_cmpstr (_grant_browser_get_security_icon (h->browser), ==, cases[i].icon);
      g_assert_cmpint (_grant_browser_is_insecure_warning_visible (h->browser), ==,
                       cases[i].warning);
    }
}

static void
test_persona_names (void)
{
  g_autofree char *plain = _grant_browser_persona_directory_name ("alice");
  g_autofree char *spaced = _grant_browser_persona_directory_name ("QA tester");
  g_autofree char *underscored = _grant_browser_persona_directory_name ("QA_tester");
  g_autofree char *escape = _grant_browser_persona_directory_name ("../../etc");
  g_autofree char *dots = _grant_browser_persona_directory_name ("..");

  g_assert_cmpstr (plain, ==, "alice");
  g_assert_cmpstr (underscored, ==, "QA_tester");
  /* Two names never share a directory, even when they look alike once cleaned. */
  g_assert_cmpstr (spaced, !=, underscored);
  g_assert_null (strchr (escape, '/'));
  g_assert_false (g_str_has_prefix (escape, "."));
  g_assert_null (strchr (dots, '/'));
  g_assert_false (g_str_has_prefix (dots, "."));
  g_assert_cmpuint (strlen (dots), >, 0);
}

/* The whole flow, through the real web view: the provider's login and consent pages, the
 * redirect to Grant's loopback listener, the code exchange, and every step in the log. */
static void
test_code_flow (void)
{
  g_autoptr(Harness) h = harness_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = new_flow (h->browser, "grant-public", NULL,
                                        "http://127.0.0.1/callback", http_client);
  GrantAuthorizationCodeFlow *code_flow = GRANT_AUTHORIZATION_CODE_FLOW (flow);
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (http_client));
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) request = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autoptr(GrantExchange) token = NULL;
  g_autoptr(GError) error = NULL;
  guint request_at = 0;
  guint callback_at = 0;
  guint token_at = 0;

  response = run_flow (h, flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grant_token_response_get_access_token (response));
  g_assert_nonnull (grant_token_response_get_id_token (response));
  assert_all_checks_pass (flow);
  g_assert_cmpint (grant_check_get_status (grant_checks_find (
                     grant_authorization_code_flow_get_checks (code_flow), "PKCE")), ==,
                   GRANT_CHECK_PASSED);
  g_assert_true (saw_page (h, "login"));
  g_assert_true (saw_page (h, "consent"));

  wait_for_log (log);
  dump_log (log);

  /* The authorization request, as the browser sent it and as the provider answered. */
  count_titled (log, "Authorization request", &request_at);
  request = titled (log, "Authorization request");
  g_assert_cmpint (grant_exchange_get_channel (request), ==, GRANT_EXCHANGE_FRONT_CHANNEL);
  g_assert_cmpstr (grant_http_request_get_uri (grant_exchange_get_request (request)), ==,
                   grant_authorization_code_flow_get_authorization_url (code_flow));
  g_assert_cmpint (grant_exchange_get_state (request), ==, GRANT_EXCHANGE_COMPLETE);
  g_assert_cmpuint (grant_exchange_get_status (request) / 100, ==, 3);
  g_assert_nonnull (grant_exchange_get_response_header (request, "Location"));

  /* Redirect hops and the form submissions between, each once, each answered. */
  g_assert_cmpuint (count_titled (log, "Redirect", NULL), >=, 2);
  g_assert_cmpuint (count_titled (log, "Form submission", NULL), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);

      g_assert_cmpint (grant_exchange_get_state (exchange), ==, GRANT_EXCHANGE_COMPLETE);
      if (grant_exchange_get_channel (exchange) == GRANT_EXCHANGE_FRONT_CHANNEL)
        g_assert_cmpuint (grant_exchange_get_status (exchange), >=, 200);
    }

  /* The response reached the listener, once, and then the back channel began. */
  count_titled (log, "Authorization response", &callback_at);
  callback = titled (log, "Authorization response");
  g_assert_cmpint (grant_exchange_get_channel (callback), ==, GRANT_EXCHANGE_FRONT_CHANNEL);
  g_assert_true (g_str_has_prefix (exchange_uri (callback),
                                   grant_authorization_code_flow_get_redirect_uri (code_flow)));
  g_assert_true (g_str_has_prefix (grant_authorization_code_flow_get_redirect_uri (code_flow),
                                   "http://127.0.0.1:"));
  g_assert_cmpuint (grant_exchange_get_status (callback), ==, 200);
  count_titled (log, "Token request", &token_at);
  token = titled (log, "Token request");
  g_assert_cmpint (grant_exchange_get_channel (token), ==, GRANT_EXCHANGE_BACK_CHANNEL);
  g_assert_cmpuint (request_at, ==, 0);
  g_assert_cmpuint (request_at, <, callback_at);
  g_assert_cmpuint (callback_at, <, token_at);

  /* The pane shows the listener's page, on loopback: plain http, but no warning. */
  g_assert_cmpstr (_grant_browser_get_page (h->browser), ==, "web");
  g_assert_true (g_str_has_prefix (grant_browser_get_uri (h->browser), "http://127.0.0.1:"));
  g_assert_cmpstr (_grant_browser_get_security_icon (h->browser), ==, "channel-insecure-symbolic");
  g_assert_false (_grant_browser_is_insecure_warning_visible (h->browser));
}

static void
run_public_flow (Harness *h)
{
  g_autoptr(GrantFlow) flow = new_flow (h->browser, "grant-public", NULL,
                                        "http://127.0.0.1/callback", NULL);
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = run_flow (h, flow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grant_token_response_get_access_token (response));
  g_test_message ("pages: %s", h->pages->str);
}

static void
clear_persona (GrantBrowser *browser,
               const char   *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  grant_browser_clear_persona_async (browser, name, NULL, grant_test_async_result_cb, &result);
  g_assert_true (grant_browser_clear_persona_finish (browser, grant_test_async_wait (&result),
                                                     &error));
  g_assert_no_error (error);
}

/* Without a persona each run starts with no cookies; with one, the provider's session carries
 * over to the next run with that persona, and to no other. */
static void
test_personas (void)
{
  g_autoptr(Harness) h = harness_new ();
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "grant", "personas",
                                                "alice-persona", NULL);
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "grant", "personas",
                                                 "alice-persona", NULL);

  g_assert_null (grant_browser_get_persona (h->browser));
  run_public_flow (h);
  g_assert_true (saw_page (h, "login"));
  run_public_flow (h);
  g_assert_true (saw_page (h, "login"));

  grant_browser_set_persona (h->browser, "alice-persona");
  g_assert_cmpstr (grant_browser_get_persona (h->browser), ==, "alice-persona");
  run_public_flow (h);
  g_assert_true (saw_page (h, "login"));
  g_assert_true (g_file_test (data_dir, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (cache_dir, G_FILE_TEST_IS_DIR));
  run_public_flow (h);
  g_assert_false (saw_page (h, "login"));

  grant_browser_set_persona (h->browser, "QA tester");
  run_public_flow (h);
  g_assert_true (saw_page (h, "login"));

  grant_browser_set_persona (h->browser, "alice-persona");
  run_public_flow (h);
  g_assert_false (saw_page (h, "login"));
  clear_persona (h->browser, NULL);
  run_public_flow (h);
  g_assert_true (saw_page (h, "login"));

  /* Back to a fresh session each run. */
  grant_browser_set_persona (h->browser, "");
  g_assert_null (grant_browser_get_persona (h->browser));
  run_public_flow (h);
  g_assert_true (saw_page (h, "login"));
}

static void
assert_never_left (Harness    *h,
                   const char *host)
{
  g_assert_nonnull (grant_browser_get_uri (h->browser));
  g_assert_null (strstr (grant_browser_get_uri (h->browser), host));
}

/* A redirect URI Grant does not listen on: the navigation to it is stopped in decide-policy
 * and read there. Nothing answers at client.grant.test, and nothing needs to. */
static void
test_captured_redirect (void)
{
  g_autoptr(Harness) h = harness_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = new_flow (h->browser, "grant-confidential",
                                        "grant-confidential-secret",
                                        "https://client.grant.test/callback", http_client);
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (http_client));
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autoptr(GError) error = NULL;
  guint callback_at = 0;

  response = run_flow (h, flow, &error);
  g_assert_no_error (error);
  assert_all_checks_pass (flow);
  g_assert_cmpstr (grant_authorization_code_flow_get_redirect_uri (
                     GRANT_AUTHORIZATION_CODE_FLOW (flow)), ==,
                   "https://client.grant.test/callback");
  assert_never_left (h, "client.grant.test");

  wait_for_log (log);
  dump_log (log);
  g_assert_cmpuint (count_titled (log, "Authorization request", NULL), ==, 1);
  count_titled (log, "Authorization response", &callback_at);
  callback = titled (log, "Authorization response");
  g_assert_cmpstr (grant_http_request_get_method (grant_exchange_get_request (callback)), ==,
                   "GET");
  g_assert_true (g_str_has_prefix (exchange_uri (callback),
                                   "https://client.grant.test/callback?code="));
  /* Never sent: status 0, as HAR records a request without a response. */
  g_assert_cmpint (grant_exchange_get_state (callback), ==, GRANT_EXCHANGE_COMPLETE);
  g_assert_cmpuint (grant_exchange_get_status (callback), ==, 0);

  /* The hop before it pointed there. */
  {
    g_autoptr(GrantExchange) hop = g_list_model_get_item (log, callback_at - 1);

    g_assert_cmpint (grant_exchange_get_channel (hop), ==, GRANT_EXCHANGE_FRONT_CHANNEL);
    g_assert_cmpuint (grant_exchange_get_status (hop) / 100, ==, 3);
    g_assert_cmpstr (grant_exchange_get_response_header (hop, "Location"), ==,
                     exchange_uri (callback));
  }
}

/* response_mode form_post to an https redirect URI: the user script in Grant's own script
 * world reads the form and keeps it from being sent. */
static void
test_captured_form_post (void)
{
  g_autoptr(Harness) h = harness_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = new_flow (h->browser, "grant-confidential",
                                        "grant-confidential-secret",
                                        "https://client.grant.test/callback", http_client);
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (http_client));
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *params;

  grant_authorization_code_flow_set_response_mode (GRANT_AUTHORIZATION_CODE_FLOW (flow),
                                                   "form_post");
  response = run_flow (h, flow, &error);
  g_assert_no_error (error);
  assert_all_checks_pass (flow);
  params = grant_authorization_code_flow_get_response_parameters (
    GRANT_AUTHORIZATION_CODE_FLOW (flow));
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  assert_never_left (h, "client.grant.test");

  wait_for_log (log);
  dump_log (log);
  callback = titled (log, "Authorization response");
  g_assert_cmpstr (grant_http_request_get_method (grant_exchange_get_request (callback)), ==,
                   "POST");
  g_assert_cmpstr (exchange_uri (callback), ==,
                   "https://client.grant.test/callback");
  g_assert_cmpstr (grant_http_request_get_form_field (grant_exchange_get_request (callback),
                                                      "code"), ==,
                   g_hash_table_lookup (params, "code"));
}

/* response_mode form_post to the loopback listener, which reads the body itself. */
static void
test_loopback_form_post (void)
{
  g_autoptr(Harness) h = harness_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = new_flow (h->browser, "grant-public", NULL,
                                        "http://127.0.0.1/callback", http_client);
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (http_client));
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  grant_authorization_code_flow_set_response_mode (GRANT_AUTHORIZATION_CODE_FLOW (flow),
                                                   "form_post");
  response = run_flow (h, flow, &error);
  g_assert_no_error (error);
  assert_all_checks_pass (flow);

  wait_for_log (log);
  dump_log (log);
  callback = titled (log, "Authorization response");
  g_assert_cmpstr (grant_http_request_get_method (grant_exchange_get_request (callback)), ==,
                   "POST");
  body = grant_http_request_dup_body (grant_exchange_get_request (callback), NULL);
  g_assert_nonnull (body);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "code="));
}

/* A private-use scheme (RFC 8252 §7.1), registered on Grant's web context. */
static void
test_private_use_scheme (void)
{
  g_autoptr(Harness) h = harness_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (NULL);
  g_autoptr(GrantFlow) flow = new_flow (h->browser, "grant-public", NULL,
                                        "io.github.grantapp.grant:/callback", http_client);
  GListModel *log = G_LIST_MODEL (grant_http_client_get_log (http_client));
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autoptr(GError) error = NULL;

  response = run_flow (h, flow, &error);
  g_assert_no_error (error);
  assert_all_checks_pass (flow);

  wait_for_log (log);
  dump_log (log);
  callback = titled (log, "Authorization response");
  g_assert_true (g_str_has_prefix (exchange_uri (callback),
                                   "io.github.grantapp.grant:/callback?code="));
}

typedef struct
{
  GAsyncResult     *result;
  GrantExchangeLog *log;
  GCancellable     *cancellable;
} Authorize;

static GHashTable *
authorize (Harness     *h,
           const char  *url,
           gboolean     cancel_once_loading,
           Authorize   *run,
           GError     **error)
{
  guint give_up;

  run->log = grant_exchange_log_new ();
  run->cancellable = g_cancellable_new ();
  give_up = g_timeout_add_seconds (RUN_TIMEOUT_SECONDS, give_up_cb, run->cancellable);
  grant_user_agent_authorize_async (GRANT_USER_AGENT (h->browser), url,
                                    "https://client.grant.test/callback", run->log,
                                    run->cancellable, grant_test_async_result_cb, &run->result);
  while (run->result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (cancel_once_loading && g_list_model_get_n_items (G_LIST_MODEL (run->log)) > 0)
        g_cancellable_cancel (run->cancellable);
    }
  if (!g_cancellable_is_cancelled (run->cancellable))
    g_source_remove (give_up);

  return grant_user_agent_authorize_finish (GRANT_USER_AGENT (h->browser), run->result, error);
}

static void
authorize_clear (Authorize *run)
{
  g_clear_object (&run->result);
  g_clear_object (&run->log);
  g_clear_object (&run->cancellable);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Authorize, authorize_clear)

static void
page_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  static const char page[] = "<html><body>Sign in</body></html>";

  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page,
                                    sizeof page - 1);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

/* A certificate Grant cannot verify stops the run, says why, and fails with a TLS error. */
static void
test_tls_error (void)
{
  g_autoptr(Harness) h = harness_new ();
  SoupServer *server = grant_test_server_new_tls ("server.pem");
  g_autofree char *url = NULL;
  g_auto(Authorize) run = { 0, };
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GrantExchange) request = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  soup_server_add_handler (server, NULL, page_handler, NULL, NULL);
  url = grant_test_server_get_url (server, "/authorize");

  params = authorize (h, url, FALSE, &run, &error);
  g_assert_null (params);
  g_test_message ("%s", error->message);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "not trusted"));

  /* The pane says the same: which host, what is wrong, and that Grant stops. */
  g_assert_cmpstr (_grant_browser_get_page (h->browser), ==, "error");
  text = _grant_browser_get_error_text (h->browser);
  g_assert_cmpstr (text, ==, error->message);
  g_assert_nonnull (strstr (text, "The certificate of 127.0.0.1 is not trusted"));
  g_assert_nonnull (strstr (text, "certificate authority"));
  g_assert_nonnull (strstr (text, "does not continue"));

  request = g_list_model_get_item (G_LIST_MODEL (run.log), 0);
  g_assert_nonnull (request);
  g_assert_cmpstr (grant_exchange_get_title (request), ==, "Authorization request");
  g_assert_cmpint (grant_exchange_get_state (request), ==, GRANT_EXCHANGE_FAILED);
  g_assert_true ((grant_exchange_get_tls_errors (request) & G_TLS_CERTIFICATE_UNKNOWN_CA) != 0);

  grant_test_server_stop (server);
}

/* Nothing listens: the pane says so, and the run fails instead of waiting. */
static void
test_connection_refused (void)
{
  g_autoptr(Harness) h = harness_new ();
  SoupServer *server = grant_test_server_new ();
  g_autofree char *url = grant_test_server_get_url (server, "/authorize");
  g_auto(Authorize) run = { 0, };
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;

  /* A port that was just free, and is again. */
  grant_test_server_stop (server);

  params = authorize (h, url, FALSE, &run, &error);
  g_assert_null (params);
  g_test_message ("%s", error->message);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_nonnull (strstr (error->message, url));
  g_assert_cmpstr (_grant_browser_get_page (h->browser), ==, "error");
  g_assert_cmpstr (_grant_browser_get_error_text (h->browser), ==, error->message);
}

static gboolean
stopped (gpointer view)
{
  return !webkit_web_view_is_loading (view);
}

/* A server that takes the connection and never answers: cancelling stops the run at once. */
static void
test_cancel (void)
{
  g_autoptr(Harness) h = harness_new ();
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_auto(Authorize) run = { 0, };
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  WebKitWebView *view;
  gint64 started;

  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/authorize",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  started = g_get_monotonic_time ();
  params = authorize (h, url, TRUE, &run, &error);
  g_assert_null (params);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 30 * G_USEC_PER_SEC);

  /* The view stops too (WebKit says so a little later). */
  view = WEBKIT_WEB_VIEW (_grant_browser_get_web_view (h->browser));
  g_assert_true (iterate_until (stopped, view, 10));

  g_socket_close (socket, NULL);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (
    file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  while (children != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) || child == NULL)
        break;
      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) root = NULL;
  g_autofree char *home = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *cache_home = NULL;
  int status;

  /* Personas are kept on disk: in a directory of this test's own, set before GTK reads it.
   * In the build directory, and emptied at the start, because WebKit's network process
   * outlives the test and may still write there after the end. */
  if (g_getenv ("G_TEST_BUILDDIR") != NULL)
    home = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "test-browser-home", NULL);
  else
    home = g_dir_make_tmp ("grant-test-browser-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (home, "data", NULL);
  cache_home = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  root = g_file_new_for_path (home);
  remove_tree (root);

  gtk_test_init (&argc, &argv, NULL);

  fixture = grant_test_provider_start (&error);
  g_assert_no_error (error);
  provider = grant_test_provider_discover (fixture);

  /* First: nothing else may have started WebKit yet. */
  g_test_add_func ("/grant/ui/browser/lazy", test_lazy);
  g_test_add_func ("/grant/ui/browser/address-bar", test_address_bar);
  g_test_add_func ("/grant/ui/browser/persona-names", test_persona_names);
  g_test_add_func ("/grant/ui/browser/code-flow", test_code_flow);
  g_test_add_func ("/grant/ui/browser/personas", test_personas);
  g_test_add_func ("/grant/ui/browser/captured-redirect", test_captured_redirect);
  g_test_add_func ("/grant/ui/browser/captured-form-post", test_captured_form_post);
  g_test_add_func ("/grant/ui/browser/loopback-form-post", test_loopback_form_post);
  g_test_add_func ("/grant/ui/browser/private-use-scheme", test_private_use_scheme);
  g_test_add_func ("/grant/ui/browser/tls-error", test_tls_error);
  g_test_add_func ("/grant/ui/browser/connection-refused", test_connection_refused);
  g_test_add_func ("/grant/ui/browser/cancel", test_cancel);

  status = g_test_run ();

  g_clear_object (&provider);
  grant_test_provider_stop (fixture);

  remove_tree (root);

  return status;
}
