/* grant-cli-request.c
 * grant-cli request: call an API with an access token, and say why a 401 or 403 happened.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-auth-diagnosis.h"
#include "grant-cli-client.h"
#include "grant-cli-io.h"
#include "grant-jws.h"
#include "grant-jwt-claims.h"
#include "grant-oauth-request.h"

typedef struct
{
  char     *token;
  char    **headers;
  char     *data;
  char     *content_type;
  char     *scope;
  gboolean  json;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->token);
  g_strfreev (options->headers);
  g_free (options->data);
  g_free (options->content_type);
  g_free (options->scope);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* What the token says of itself when it is a JWT (RFC 9068 §2.2): its scope, as "scope" or as
 * an "scp" array, and its expiry. Opaque tokens say nothing. */
static void
read_token_claims (const char  *token,
                   char       **scope,
                   gint64      *expires_at)
{
  g_autoptr(GrantJws) jws = grant_jws_parse (token, -1, NULL);
  g_autoptr(GrantJwtClaims) claims = NULL;

  *expires_at = -1;
  if (jws == NULL
      || (claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), NULL)) == NULL)
    return;

  if (!grant_jwt_claims_get_time (claims, "exp", expires_at, NULL))
    *expires_at = -1;
  if (*scope == NULL)
    *scope = grant_jwt_claims_dup_scope (claims);
}

/* The request's body: the text given, or a file's content for "@FILE"; its type is the one
 * given, JSON when it looks like JSON, else a form. */
static gboolean
set_body (GrantHttpRequest  *request,
          const Options     *options,
          GError           **error)
{
  g_autofree char *contents = NULL;
  const char *type = options->content_type;
  const char *text = options->data;
  gsize length;

  if (text == NULL)
    return TRUE;
  if (text[0] == '@')
    {
      contents = grant_cli_read_input (text[1] != '\0' ? text + 1 : "-", error);
      if (contents == NULL)
        return FALSE;
      text = contents;
    }
  length = strlen (text);
  if (type == NULL)
    type = text[strspn (text, " \t\r\n")] == '{' || text[strspn (text, " \t\r\n")] == '['
           ? "application/json" : "application/x-www-form-urlencoded";
  grant_http_request_set_body (request, type, g_bytes_new (text, length));

  return TRUE;
}

static JsonObject *
exchange_to_json (GrantExchange      *exchange,
                  GrantAuthDiagnosis *diagnosis)
{
  JsonObject *object = json_object_new ();
  JsonObject *headers = json_object_new ();
  JsonObject *why = json_object_new ();
  JsonArray *missing = json_array_new ();
  const GrantHttpField *fields;
  g_autofree char *body = NULL;
  GrantExchangeBodyFormat format = GRANT_EXCHANGE_BODY_NONE;
  guint n = 0;

  json_object_set_int_member (object, "status", grant_exchange_get_status (exchange));
  json_object_set_string_member (object, "reason", grant_exchange_get_reason_phrase (exchange));
  fields = grant_exchange_get_response_headers (exchange, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_ascii_strdown (fields[i].name, -1);
      const char *earlier = json_object_get_string_member_with_default (headers, name, NULL);
      g_autofree char *value = earlier != NULL ? g_strconcat (earlier, ", ", fields[i].value,
                                                              NULL)
                                               : g_strdup (fields[i].value);

      json_object_set_string_member (headers, name, value);
    }
  json_object_set_object_member (object, "headers", headers);

  body = grant_exchange_dup_response_body_text (exchange, NULL, &format);
  if (format == GRANT_EXCHANGE_BODY_JSON)
    {
      GBytes *bytes = grant_exchange_get_response_body (exchange);
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL))
        json_object_set_member (object, "body", json_node_copy (json_parser_get_root (parser)));
    }
  if (!json_object_has_member (object, "body") && format != GRANT_EXCHANGE_BODY_NONE)
    json_object_set_string_member (object, "body", body);

  json_object_set_string_member (why, "problem",
                                 grant_auth_problem_get_name (grant_auth_diagnosis_get_problem (
                                   diagnosis)));
  if (grant_auth_diagnosis_get_error (diagnosis) != NULL)
    json_object_set_string_member (why, "error", grant_auth_diagnosis_get_error (diagnosis));
  json_object_set_string_member (why, "said", grant_auth_diagnosis_get_said (diagnosis));
  json_object_set_string_member (why, "cause", grant_auth_diagnosis_get_cause (diagnosis));
  for (const char * const *scope = grant_auth_diagnosis_get_missing_scopes (diagnosis);
       *scope != NULL; scope++)
    json_array_add_string_element (missing, *scope);
  json_object_set_array_member (why, "missing_scopes", missing);
  json_object_set_object_member (object, "diagnosis", why);

  return object;
}

static void
print_exchange (GrantExchange      *exchange,
                GrantAuthDiagnosis *diagnosis)
{
  const GrantHttpField *fields;
  g_autofree char *body = NULL;
  GrantExchangeBodyFormat format = GRANT_EXCHANGE_BODY_NONE;
  guint n = 0;

  g_print ("HTTP %u %s\n", grant_exchange_get_status (exchange),
           grant_exchange_get_reason_phrase (exchange));
  fields = grant_exchange_get_response_headers (exchange, &n);
  for (guint i = 0; i < n; i++)
    g_print ("%s: %s\n", fields[i].name, fields[i].value);

  body = grant_exchange_dup_response_body_text (exchange, NULL, &format);
  if (format != GRANT_EXCHANGE_BODY_NONE)
    g_print ("\n%s%s", body, g_str_has_suffix (body, "\n") ? "" : "\n");

  if (grant_auth_diagnosis_get_problem (diagnosis) != GRANT_AUTH_PROBLEM_NONE)
    g_print ("\n%s %s\n%s %s\n", _("Said:"), grant_auth_diagnosis_get_said (diagnosis),
             _("Why:"), grant_auth_diagnosis_get_cause (diagnosis));
}

static GrantCliExit
request_run (int    argc,
             char **argv)
{
  g_auto(Options) options = { 0 };
  g_autofree char *token_option = NULL;
  const GOptionEntry entries[] = {
    { "token", 't', 0, G_OPTION_ARG_STRING, &token_option,
      N_("The access token, sent as Bearer; “-” reads it from standard input (default: "
         "$GRANT_ACCESS_TOKEN; none at all without either)"), N_("TOKEN") },
    { "header", 'H', 0, G_OPTION_ARG_STRING_ARRAY, &options.headers,
      N_("A request header, “Name: value”; may be repeated"), N_("HEADER") },
    { "data", 'd', 0, G_OPTION_ARG_STRING, &options.data,
      N_("The request body, or @FILE for a file's content (@- reads standard input)"),
      N_("BODY") },
    { "content-type", 0, 0, G_OPTION_ARG_STRING, &options.content_type,
      N_("The body's media type (default: JSON when it looks like JSON, else a form)"),
      N_("TYPE") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &options.scope,
      N_("The scope the token was granted, to name what a 403 lacks (default: a JWT's scope "
         "or scp claim)"), N_("SCOPE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print the response and the diagnosis as one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantHttpClient) http_client = grant_cli_http_client_new ();
  g_autoptr(GrantHttpRequest) request = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GrantAuthDiagnosis) diagnosis = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  gint64 expires_at = -1;
  guint status;

  context = grant_cli_command_option_context_new (&grant_cli_request_command, entries);
  g_option_context_set_description (context,
    _("The token goes in the Authorization header as Bearer. A 401 or 403 is explained from\n"
      "the WWW-Authenticate challenges (RFC 6750, RFC 9449, RFC 9470) and the token's scope.\n"
      "\n"
      "Exit status: 0 the API answered 1xx to 3xx, 1 it answered 4xx or 5xx or could not be\n"
      "reached, 2 usage or input error."));

  if (!grant_cli_command_parse (&grant_cli_request_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc != 3)
    return grant_cli_usage_error ("request", _("give a method and a URL"));

  uri = g_uri_parse (argv[2], G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
                      && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    return grant_cli_usage_error ("request", _("the URL must be an http or https URL"));

  options.token = grant_cli_secret (token_option, "GRANT_ACCESS_TOKEN", &error);
  if (error != NULL)
    return grant_cli_input_error ("request", options.json, error->message);
  if (options.token != NULL)
    read_token_claims (options.token, &options.scope, &expires_at);

  request = grant_http_request_new (argv[1], argv[2]);
  if (!grant_cli_add_headers (request, options.headers, NULL, &error)
      || !set_body (request, &options, &error))
    return grant_cli_input_error ("request", options.json, error->message);

  grant_oauth_request_send_async (http_client, request, NULL, NULL, options.token,
                                  NC_("exchange", "API call"), NULL, grant_cli_result_cb,
                                  &result);
  exchange = grant_oauth_request_send_finish (grant_cli_wait (&result), &error);
  if (exchange == NULL)
    return grant_cli_report_error ("request", options.json, error);

  diagnosis = grant_auth_diagnosis_new_for_exchange (exchange, options.scope, expires_at);
  if (options.json)
    {
      g_autoptr(JsonObject) object = exchange_to_json (exchange, diagnosis);

      grant_cli_print_json (object);
    }
  else
    print_exchange (exchange, diagnosis);

  status = grant_exchange_get_status (exchange);

  return status >= 100 && status < 400 ? GRANT_CLI_EXIT_OK : GRANT_CLI_EXIT_FAILURE;
}

const GrantCliCommand grant_cli_request_command = {
  "request",
  N_("METHOD URL"),
  N_("Call an API with an access token, and explain a 401 or 403."),
  request_run,
};
