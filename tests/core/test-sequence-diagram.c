/* test-sequence-diagram.c
 * The sequence diagram of a flow: its arrows, in order, between the right lifelines, with
 * short labels and no secret in them; failed steps marked; how it follows the log live; where
 * back-channel requests go; the SVG export; and a real flow against the practice provider.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-authorization-code-flow.h"
#include "grant-sequence-diagram.h"
#include "grant-test-async.h"
#include "grant-test-practice.h"
#include "grant-test-provider.h"
#include "grant-test-user.h"

#define AS "https://as.example"
#define REDIRECT_URI "http://127.0.0.1/callback"
#define CODE "SplxlOBeZQQYbYS6WxSbIA"
#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define ACCESS_TOKEN "2YotnFZFEjr1zCsicMWpAA"
#define REFRESH_TOKEN "tGzv3JOkF0XG5Qx2TlKWIA"

typedef struct
{
  GrantSequenceLifeline  from;
  GrantSequenceLifeline  to;
  const char            *label;
  gboolean               failed;
} Expected;

#define UA GRANT_SEQUENCE_USER_AGENT
#define CL GRANT_SEQUENCE_CLIENT
#define AZ GRANT_SEQUENCE_AUTHORIZATION_SERVER
#define RS GRANT_SEQUENCE_RESOURCE_SERVER

static GrantExchange *
start (GrantExchangeLog     *log,
       GrantExchangeChannel  channel,
       const char           *method,
       const char           *uri,
       const char           *title)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new (method, uri);
  GrantExchange *exchange = grant_exchange_new (channel, request, title);

  grant_exchange_log_append (log, exchange);

  return exchange;
}

static void
respond (GrantExchange *exchange,
         guint          status,
         const char    *header,
         const char    *value,
         const char    *content_type,
         const char    *body)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  if (header != NULL)
    soup_message_headers_append (headers, header, value);
  if (content_type != NULL)
    soup_message_headers_append (headers, "Content-Type", content_type);
  grant_exchange_set_response (exchange, status, soup_status_get_phrase (status), headers, bytes);
}

/* A token request as GrantFlow makes it: a form, the secrets marked. */
static GrantExchange *
token_request (GrantExchangeLog *log)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("POST", AS "/token");
  GrantExchange *exchange;

  grant_http_request_set_form_field (request, "grant_type", "authorization_code", FALSE);
  grant_http_request_set_form_field (request, "code", CODE, TRUE);
  grant_http_request_set_form_field (request, "redirect_uri", REDIRECT_URI, FALSE);
  grant_http_request_set_form_field (request, "client_id", "practice-app", FALSE);
  grant_http_request_set_form_field (request, "code_verifier", VERIFIER, TRUE);
  exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request, "Token request");
  grant_exchange_log_append (log, exchange);

  return exchange;
}

static GrantExchange *
api_request (GrantExchangeLog *log,
             const char       *uri,
             const char       *access_token)
{
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", uri);
  g_autofree char *authorization = g_strconcat ("Bearer ", access_token, NULL);
  GrantExchange *exchange;

  grant_http_request_set_header (request, "Authorization", authorization, TRUE);
  exchange = grant_exchange_new (GRANT_EXCHANGE_BACK_CHANNEL, request, "API request");
  grant_exchange_log_append (log, exchange);

  return exchange;
}

/* An authorization code flow with PKCE as the embedded browser and the flow record it, then
 * an API call; then the same code once more (refused), a rejected token, and an API that is
 * not there. */
static GrantExchangeLog *
recorded_log (void)
{
  GrantExchangeLog *log = grant_exchange_log_new ();
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                   "Could not connect: Connection refused");
  GrantExchange *exchange;

  exchange = start (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET",
                    AS "/.well-known/openid-configuration", "Discovery");
  respond (exchange, 200, NULL, NULL, "application/json",
           "{\"issuer\":\"" AS "\",\"authorization_endpoint\":\"" AS "/authorize\","
           "\"token_endpoint\":\"" AS "/token\",\"jwks_uri\":\"" AS "/jwks\"}");
  g_object_unref (exchange);

  exchange = start (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET",
                    AS "/authorize?response_type=code&client_id=practice-app"
                    "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&scope=openid%20photos%3Aread"
                    "&state=af0ifjsldkj&nonce=n-0S6_WzA2Mj&code_challenge=E9Melhoa2OwvFrEMTJguCHao"
                    "&code_challenge_method=S256", "Authorization request");
  respond (exchange, 302, "Location", "/interaction/Vh3kPq9sTzL0aXb2cYd4", NULL, NULL);
  g_object_unref (exchange);

  exchange = start (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET",
                    AS "/interaction/Vh3kPq9sTzL0aXb2cYd4", "Redirect");
  respond (exchange, 200, NULL, NULL, "text/html; charset=utf-8", NULL);
  g_object_unref (exchange);

  exchange = start (log, GRANT_EXCHANGE_FRONT_CHANNEL, "POST",
                    AS "/interaction/Vh3kPq9sTzL0aXb2cYd4/login", "Form submission");
  grant_exchange_add_secret_member (exchange, "code");
  respond (exchange, 302, "Location",
           REDIRECT_URI "?code=" CODE "&state=af0ifjsldkj&iss=https%3A%2F%2Fas.example",
           NULL, NULL);
  g_object_unref (exchange);

  /* Captured by Grant: it never left the browser, so it has no response. */
  exchange = start (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET",
                    REDIRECT_URI "?code=" CODE "&state=af0ifjsldkj&iss=https%3A%2F%2Fas.example",
                    "Authorization response");
  grant_exchange_add_secret_member (exchange, "code");
  grant_exchange_set_response (exchange, 0, "Not sent: captured by Grant", NULL, NULL);
  g_object_unref (exchange);

  exchange = token_request (log);
  respond (exchange, 200, NULL, NULL, "application/json",
           "{\"access_token\":\"" ACCESS_TOKEN "\",\"token_type\":\"Bearer\","
           "\"expires_in\":3600,\"id_token\":\"eyJhbGciOiJSUzI1NiJ9.e30.c2ln\"}");
  g_object_unref (exchange);

  exchange = api_request (log, "https://api.example/api/photos", ACCESS_TOKEN);
  respond (exchange, 200, NULL, NULL, "application/json",
           "{\"photos\":[{\"id\":1,\"title\":\"Harbour at dawn\"}]}");
  g_object_unref (exchange);

  /* The same code again: refused, as RFC 6749 §4.1.2 says. */
  exchange = token_request (log);
  respond (exchange, 400, NULL, NULL, "application/json",
           "{\"error\":\"invalid_grant\",\"error_description\":\"The code was used already\"}");
  g_object_unref (exchange);

  exchange = api_request (log, "https://api.example/api/photos", "expired-" ACCESS_TOKEN);
  respond (exchange, 401, "WWW-Authenticate",
           "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"",
           NULL, NULL);
  g_object_unref (exchange);

  exchange = api_request (log, "https://api.example/api/profile", ACCESS_TOKEN);
  grant_exchange_fail (exchange, refused);
  g_object_unref (exchange);

  return log;
}

static const Expected recorded_arrows[] = {
  { CL, AZ, "GET /.well-known/openid-configuration", FALSE },
  { AZ, CL, "200 metadata", FALSE },
  { UA, AZ, "GET /authorize response_type=code, code_challenge=…, state=…, nonce=…", FALSE },
  { AZ, UA, "302 → /interaction/Vh3kPq9s…", FALSE },
  { UA, AZ, "GET /interaction/Vh3kPq9s…", FALSE },
  { AZ, UA, "200 page", FALSE },
  { UA, AZ, "POST /interaction/Vh3kPq9s…/login", FALSE },
  { AZ, UA, "302 → redirect_uri?code=…&state=…&iss=…", FALSE },
  { UA, CL, "GET redirect_uri?code=…&state=…&iss=…", FALSE },
  { CL, AZ, "POST /token grant_type=authorization_code, code=…, code_verifier=…", FALSE },
  { AZ, CL, "200 access_token, id_token", FALSE },
  { CL, RS, "GET /api/photos Bearer …", FALSE },
  { RS, CL, "200 photos", FALSE },
  { CL, AZ, "POST /token grant_type=authorization_code, code=…, code_verifier=…", FALSE },
  { AZ, CL, "400 invalid_grant", TRUE },
  { CL, RS, "GET /api/photos Bearer …", FALSE },
  { RS, CL, "401 invalid_token", TRUE },
  { CL, RS, "GET /api/profile Bearer …", TRUE },
};

static void
assert_no_secret (const char *text)
{
  static const char * const secrets[] = { CODE, VERIFIER, ACCESS_TOKEN, REFRESH_TOKEN, NULL };

  if (text == NULL)
    return;
  for (guint i = 0; secrets[i] != NULL; i++)
    if (strstr (text, secrets[i]) != NULL)
      g_error ("“%s” shows the secret %s", text, secrets[i]);
}

static void
assert_arrows (GrantSequenceDiagram *diagram,
               const Expected       *expected,
               guint                 n_expected)
{
  GListModel *model = G_LIST_MODEL (diagram);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      GrantSequenceArrow *arrow = grant_sequence_diagram_peek_arrow (diagram, i);

      g_test_message ("arrow %u: %d → %d %s%s", i, grant_sequence_arrow_get_from (arrow),
                      grant_sequence_arrow_get_to (arrow), grant_sequence_arrow_get_label (arrow),
                      grant_sequence_arrow_get_failed (arrow) ? " (failed)" : "");
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(GrantSequenceArrow) arrow = g_list_model_get_item (model, i);

      g_assert_cmpstr (grant_sequence_arrow_get_label (arrow), ==, expected[i].label);
      g_assert_cmpint (grant_sequence_arrow_get_from (arrow), ==, expected[i].from);
      g_assert_cmpint (grant_sequence_arrow_get_to (arrow), ==, expected[i].to);
      g_assert_cmpint (grant_sequence_arrow_get_failed (arrow), ==, expected[i].failed);
      g_assert_false (grant_sequence_arrow_get_pending (arrow));
      g_assert_true (GRANT_IS_EXCHANGE (grant_sequence_arrow_get_exchange (arrow)));
      assert_no_secret (grant_sequence_arrow_get_label (arrow));
      assert_no_secret (grant_sequence_arrow_get_detail (arrow));
    }
}

/* The arrows of an authorization code flow with PKCE, in order, with who talks to whom. */
static void
test_authorization_code (void)
{
  GrantExchangeLog *log = recorded_log ();
  GrantSequenceDiagram *diagram = grant_sequence_diagram_new (log);
  GrantSequenceArrow *arrow;

  assert_arrows (diagram, recorded_arrows, G_N_ELEMENTS (recorded_arrows));

  /* Each arrow knows its exchange; a request and its response share one. */
  g_assert_true (grant_sequence_arrow_get_exchange (grant_sequence_diagram_peek_arrow (diagram, 9))
                 == grant_exchange_log_peek (log, 5));
  g_assert_true (grant_sequence_arrow_get_exchange (grant_sequence_diagram_peek_arrow (diagram, 10))
                 == grant_exchange_log_peek (log, 5));
  g_assert_cmpint (grant_sequence_arrow_get_kind (grant_sequence_diagram_peek_arrow (diagram, 9)),
                   ==, GRANT_SEQUENCE_ARROW_REQUEST);
  g_assert_cmpint (grant_sequence_arrow_get_kind (grant_sequence_diagram_peek_arrow (diagram, 10)),
                   ==, GRANT_SEQUENCE_ARROW_RESPONSE);
  g_assert_cmpuint (grant_sequence_diagram_find_exchange (diagram,
                                                         grant_exchange_log_peek (log, 5)), ==, 9);

  /* The details say more, and still hide the secrets. */
  arrow = grant_sequence_diagram_peek_arrow (diagram, 7);
  g_assert_nonnull (strstr (grant_sequence_arrow_get_detail (arrow),
                            "Location: " REDIRECT_URI "?code=REDACTED&state=af0ifjsldkj"));
  arrow = grant_sequence_diagram_peek_arrow (diagram, 14);
  g_assert_cmpstr (grant_sequence_arrow_get_detail (arrow), ==,
                   "400 Bad Request\nThe code was used already");
  arrow = grant_sequence_diagram_peek_arrow (diagram, 17);
  g_assert_nonnull (strstr (grant_sequence_arrow_get_detail (arrow), "Connection refused"));

  /* The current flow: from the authorization request on. */
  grant_sequence_diagram_set_start (diagram, 1);
  assert_arrows (diagram, recorded_arrows + 2, G_N_ELEMENTS (recorded_arrows) - 2);
  grant_sequence_diagram_set_start (diagram, 0);
  assert_arrows (diagram, recorded_arrows, G_N_ELEMENTS (recorded_arrows));

  g_assert_finalize_object (diagram);
  g_assert_finalize_object (log);
}

/* An OAuth error in a redirect fails the redirect and its arrival at Grant; so does a
 * transport error on the front channel, but not a navigation the next one replaced. */
static void
test_front_channel_errors (void)
{
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantSequenceDiagram) diagram = grant_sequence_diagram_new (log);
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     "Another navigation replaced this one");
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                                               "Unacceptable TLS certificate");
  g_autoptr(GrantExchange) authorize = NULL;
  g_autoptr(GrantExchange) callback = NULL;
  g_autoptr(GrantExchange) replaced = NULL;
  g_autoptr(GrantExchange) broken = NULL;
  static const Expected expected[] = {
    { UA, AZ, "GET /authorize response_type=code, state=…", FALSE },
    { AZ, UA, "302 → redirect_uri?error=access_denied&state=…", TRUE },
    { UA, CL, "GET redirect_uri?error=access_denied&state=…", TRUE },
    { UA, AZ, "GET /login", FALSE },
    { UA, AZ, "GET /consent", TRUE },
  };

  authorize = start (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET",
                     AS "/authorize?response_type=code&redirect_uri=" REDIRECT_URI "&state=xyz",
                     "Authorization request");
  respond (authorize, 302, "Location", REDIRECT_URI "?error=access_denied&state=xyz", NULL,
           NULL);
  /* Recognised by its redirect URI, whatever its title. */
  callback = start (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET",
                    REDIRECT_URI "?error=access_denied&state=xyz", "Navigation");
  grant_exchange_set_response (callback, 0, "Not sent: captured by Grant", NULL, NULL);
  replaced = start (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET", AS "/login", "Navigation");
  grant_exchange_fail (replaced, cancelled);
  broken = start (log, GRANT_EXCHANGE_FRONT_CHANNEL, "GET", AS "/consent", "Navigation");
  grant_exchange_fail (broken, tls);

  assert_arrows (diagram, expected, G_N_ELEMENTS (expected));
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

/* The diagram follows the log: a request brings its arrow when it leaves, its response comes
 * after it when it arrives, even when a later request was sent in between; a cleared log
 * clears the diagram. */
static void
test_live (void)
{
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantSequenceDiagram) diagram = grant_sequence_diagram_new (log);
  g_autoptr(GrantExchange) token = NULL;
  g_autoptr(GrantExchange) userinfo = NULL;
  GListModel *model = G_LIST_MODEL (diagram);
  Change change = { 0 };

  g_signal_connect (diagram, "items-changed", G_CALLBACK (items_changed_cb), &change);

  token = token_request (log);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (grant_sequence_arrow_get_pending (grant_sequence_diagram_peek_arrow (diagram, 0)));

  userinfo = api_request (log, AS "/userinfo", ACCESS_TOKEN);
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpint (grant_sequence_arrow_get_to (grant_sequence_diagram_peek_arrow (diagram, 1)),
                   ==, GRANT_SEQUENCE_AUTHORIZATION_SERVER);

  respond (token, 200, NULL, NULL, "application/json",
           "{\"access_token\":\"" ACCESS_TOKEN "\",\"refresh_token\":\"" REFRESH_TOKEN "\"}");
  g_assert_cmpuint (change.calls, ==, 3);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_false (grant_sequence_arrow_get_pending (grant_sequence_diagram_peek_arrow (diagram,
                                                                                      0)));
  g_assert_cmpstr (grant_sequence_arrow_get_label (grant_sequence_diagram_peek_arrow (diagram, 1)),
                   ==, "200 access_token, refresh_token");
  g_assert_true (grant_sequence_arrow_get_pending (grant_sequence_diagram_peek_arrow (diagram, 2)));

  respond (userinfo, 200, NULL, NULL, "application/json",
           "{\"sub\":\"alice\",\"name\":\"Alice\",\"email\":\"alice@example.com\",\"zone\":\"x\"}");
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpstr (grant_sequence_arrow_get_label (grant_sequence_diagram_peek_arrow (diagram, 3)),
                   ==, "200 sub, name, email, …");

  /* The next flow starts after these. */
  grant_sequence_diagram_set_start (diagram, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_clear_object (&token);
  token = token_request (log);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (grant_sequence_arrow_get_exchange (grant_sequence_diagram_peek_arrow (diagram, 0))
                 == token);

  grant_exchange_log_clear (log);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpuint (grant_sequence_diagram_get_start (diagram), ==, 0);
  g_clear_object (&token);
  token = token_request (log);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

/* Where back-channel requests go: the authorization server's endpoints, by the server's
 * metadata, a list of URLs or their usual names; anything else is the resource server, on
 * the same host too. */
static void
test_classify (void)
{
  g_autoptr(GrantSequenceDiagram) diagram = grant_sequence_diagram_new (NULL);
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;
  static const char document[] =
    "{\"issuer\":\"https://idp.example\","
    "\"authorization_endpoint\":\"https://idp.example/oauth2/v1/authz\","
    "\"token_endpoint\":\"https://idp.example/oauth2/v1/exchange\","
    "\"jwks_uri\":\"https://keys.idp.example/published\","
    "\"response_types_supported\":[\"code\"],"
    "\"subject_types_supported\":[\"public\"],"
    "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
  const char * const prefixes[] = { "https://sso.example/realms/", NULL };
  struct {
    const char            *url;
    GrantSequenceLifeline  lifeline;
  } heuristics[] = {
    { AS "/token", AZ },
    { AS "/oauth2/v2.0/token?x=1", AZ },
    { AS "/.well-known/openid-configuration", AZ },
    { AS "/protocol/openid-connect/userinfo", AZ },
    { AS "/jwks.json", AZ },
    { AS "/introspect", AZ },
    { AS "/api/photos", RS },
    { AS "/api/token-history", RS },
    { "https://api.example/v1/photos", RS },
    { "not a url", AZ },
  };

  for (guint i = 0; i < G_N_ELEMENTS (heuristics); i++)
    g_assert_cmpint (grant_sequence_diagram_classify_url (diagram, heuristics[i].url), ==,
                     heuristics[i].lifeline);

  metadata = grant_provider_metadata_new_from_data (document, -1,
                                                    "https://idp.example/.well-known/"
                                                    "openid-configuration", &error);
  g_assert_no_error (error);
  g_assert_cmpint (grant_sequence_diagram_classify_url (diagram,
                                                        "https://idp.example/oauth2/v1/exchange"),
                   ==, RS);
  grant_sequence_diagram_set_provider_metadata (diagram, metadata);
  g_assert_cmpint (grant_sequence_diagram_classify_url (
                     diagram, "https://IDP.example:443/oauth2/v1/exchange"), ==, AZ);
  g_assert_cmpint (grant_sequence_diagram_classify_url (diagram,
                                                        "https://keys.idp.example/published"),
                   ==, AZ);
  g_assert_cmpint (grant_sequence_diagram_classify_url (diagram,
                                                        "https://idp.example/oauth2/v1/exchange2"),
                   ==, RS);

  grant_sequence_diagram_set_authorization_server_urls (diagram, prefixes);
  g_assert_cmpstrv (grant_sequence_diagram_get_authorization_server_urls (diagram), prefixes);
  g_assert_cmpint (grant_sequence_diagram_classify_url (diagram,
                                                        "https://sso.example/realms/x/sessions"),
                   ==, AZ);
  g_assert_cmpint (grant_sequence_diagram_classify_url (diagram, "https://sso.example/realm"),
                   ==, RS);
}

/* The SVG: well-formed XML with a <text> for every arrow's label and every lifeline. */
typedef struct
{
  GPtrArray *texts;
  GString   *text;
  gboolean   in_text;
  guint      lines;
  gboolean   svg_root;
} SvgReader;

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  SvgReader *reader = user_data;

  if (g_markup_parse_context_get_element_stack (context)->next == NULL)
    reader->svg_root = g_str_equal (element, "svg");
  if (g_str_equal (element, "text"))
    {
      reader->in_text = TRUE;
      g_string_truncate (reader->text, 0);
    }
  else if (g_str_equal (element, "line"))
    reader->lines++;
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  SvgReader *reader = user_data;

  if (g_str_equal (element, "text"))
    {
      g_ptr_array_add (reader->texts, g_strdup (reader->text->str));
      reader->in_text = FALSE;
    }
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  SvgReader *reader = user_data;

  if (reader->in_text)
    g_string_append_len (reader->text, text, length);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;

  return FALSE;
}

static void
read_svg (const char *svg,
          SvgReader  *reader)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, reader, NULL);
  g_markup_parse_context_parse (context, svg, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
test_svg (void)
{
  g_autoptr(GrantExchangeLog) log = recorded_log ();
  g_autoptr(GrantSequenceDiagram) diagram = grant_sequence_diagram_new (log);
  g_autoptr(GrantExchange) odd = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *large = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  SvgReader reader = { texts, g_string_new (NULL), FALSE, 0, FALSE };
  guint n;

  /* A path that needs escaping in XML. */
  odd = start (log, GRANT_EXCHANGE_BACK_CHANNEL, "GET", "https://api.example/a&b/<c>\"d\"",
               "API request");
  respond (odd, 403, NULL, NULL, NULL, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (diagram));

  svg = grant_sequence_diagram_to_svg (diagram, 1.0);
  assert_no_secret (svg);
  read_svg (svg, &reader);
  g_assert_true (reader.svg_root);
  /* A lifeline per party, a line per arrow. */
  g_assert_cmpuint (reader.lines, ==, GRANT_SEQUENCE_N_LIFELINES + n);
  for (guint i = 0; i < GRANT_SEQUENCE_N_LIFELINES; i++)
    g_assert_true (has_text (texts, grant_sequence_lifeline_get_name (i)));
  for (guint i = 0; i < n; i++)
    {
      GrantSequenceArrow *arrow = grant_sequence_diagram_peek_arrow (diagram, i);
      const char *label = grant_sequence_arrow_get_label (arrow);

      if (!has_text (texts, label))
        g_error ("The SVG has no text “%s”", label);
    }
  g_assert_true (has_text (texts, "GET /a&b/<c>\"d\""));
  g_assert_true (has_text (texts, "403 Forbidden"));
  /* Failed steps in the error colour, responses dashed. */
  g_assert_nonnull (strstr (svg, "url(#request-failed)"));
  g_assert_nonnull (strstr (svg, "url(#response-failed)"));
  g_assert_nonnull (strstr (svg, "stroke=\"#c01c28\""));
  g_assert_nonnull (strstr (svg, "stroke-dasharray"));

  /* Larger for a projector: the same text, a larger picture. */
  large = grant_sequence_diagram_to_svg (diagram, 1.5);
  g_assert_cmpuint (strlen (large), >, 0);
  {
    double width, large_width;

    g_assert_nonnull (strstr (svg, "width=\""));
    width = g_ascii_strtod (strstr (svg, "width=\"") + 7, NULL);
    large_width = g_ascii_strtod (strstr (large, "width=\"") + 7, NULL);
    g_assert_cmpfloat_with_epsilon (large_width, width * 1.5, 2.0);
  }

  g_string_free (reader.text, TRUE);
}

/* A real flow against the practice provider, recorded by Grant's own loopback user agent and
 * HTTP client, then an API call: the diagram tells it as it happened. */
static void
test_practice (void)
{
  g_autoptr(GrantPracticeProvider) practice = grant_test_practice_start ();
  const char *issuer = grant_practice_provider_get_issuer (practice);
  g_autoptr(GrantProvider) provider = grant_test_discover (issuer);
  g_autoptr(GrantClient) client = grant_client_new (GRANT_PRACTICE_CLIENT_PUBLIC);
  g_autoptr(GrantTestUser) user = grant_test_user_new_for_practice ("alice", FALSE);
  g_autoptr(GrantExchangeLog) log = grant_exchange_log_new ();
  g_autoptr(GrantHttpClient) http_client = grant_http_client_new (log);
  g_autoptr(GrantSequenceDiagram) diagram = grant_sequence_diagram_new (log);
  g_autoptr(GrantFlow) flow = NULL;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantExchange) photos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;
  GListModel *model = G_LIST_MODEL (diagram);
  gboolean saw_authorize = FALSE, saw_callback = FALSE, saw_token = FALSE;
  guint n;

  grant_sequence_diagram_set_provider_metadata (diagram, grant_provider_get_metadata (provider));
  grant_client_set_redirect_uri (client, "http://127.0.0.1/callback");
  grant_client_set_scope (client, "openid profile photos:read");
  flow = grant_authorization_code_flow_new (provider, client, http_client,
                                            grant_test_user_get_user_agent (user));
  response = grant_test_user_run_flow (user, flow, &error);
  g_assert_no_error (error);

  url = g_strconcat (issuer, "/api/photos", NULL);
  request = grant_http_request_new ("GET", url);
  authorization = g_strconcat ("Bearer ", grant_token_response_get_access_token (response), NULL);
  grant_http_request_set_header (request, "Authorization", authorization, TRUE);
  grant_http_client_send_async (http_client, request, "API request", NULL,
                                grant_test_async_result_cb, &result);
  photos = grant_http_client_send_finish (http_client, grant_test_async_wait (&result), &error);
  g_assert_no_error (error);

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      GrantSequenceArrow *arrow = grant_sequence_diagram_peek_arrow (diagram, i);
      const char *label = grant_sequence_arrow_get_label (arrow);
      GrantSequenceLifeline from = grant_sequence_arrow_get_from (arrow);
      GrantSequenceLifeline to = grant_sequence_arrow_get_to (arrow);

      g_test_message ("arrow %u: %d → %d %s", i, from, to, label);
      g_assert_false (grant_sequence_arrow_get_failed (arrow));
      assert_no_secret (label);
      assert_no_secret (grant_sequence_arrow_get_detail (arrow));
      if (g_str_has_prefix (label, "GET /authorize response_type=code, code_challenge=…"))
        {
          g_assert_cmpint (from, ==, UA);
          g_assert_cmpint (to, ==, AZ);
          saw_authorize = TRUE;
        }
      else if (g_str_has_prefix (label, "GET redirect_uri?code=…&state=…"))
        {
          g_assert_true (saw_authorize);
          g_assert_cmpint (from, ==, UA);
          g_assert_cmpint (to, ==, CL);
          saw_callback = TRUE;
        }
      else if (g_str_has_prefix (label, "POST /token grant_type=authorization_code, code=…, "
                                        "code_verifier=…"))
        {
          g_assert_true (saw_callback);
          g_assert_cmpint (from, ==, CL);
          g_assert_cmpint (to, ==, AZ);
          g_assert_cmpstr (grant_sequence_arrow_get_label (grant_sequence_diagram_peek_arrow (
                             diagram, i + 1)), ==, "200 access_token, id_token, refresh_token");
          saw_token = TRUE;
        }
    }
  g_assert_true (saw_token);
  /* The API last: on the provider's own host, yet the resource server. */
  g_assert_cmpstr (grant_sequence_arrow_get_label (grant_sequence_diagram_peek_arrow (diagram,
                                                                                      n - 2)),
                   ==, "GET /api/photos Bearer …");
  g_assert_cmpint (grant_sequence_arrow_get_to (grant_sequence_diagram_peek_arrow (diagram, n - 2)),
                   ==, RS);
  g_assert_cmpstr (grant_sequence_arrow_get_label (grant_sequence_diagram_peek_arrow (diagram,
                                                                                      n - 1)),
                   ==, "200 photos");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/sequence-diagram/authorization-code", test_authorization_code);
  g_test_add_func ("/grant/sequence-diagram/front-channel-errors", test_front_channel_errors);
  g_test_add_func ("/grant/sequence-diagram/live", test_live);
  g_test_add_func ("/grant/sequence-diagram/classify", test_classify);
  g_test_add_func ("/grant/sequence-diagram/svg", test_svg);
  g_test_add_func ("/grant/sequence-diagram/practice", test_practice);

  return g_test_run ();
}
