/* grant-cli-jwt.c
 * grant-cli jwt: decode a JWT, or verify its signature and, for an ID token, every rule.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "grant-base64url.h"
#include "grant-check.h"
#include "grant-cli-command.h"
#include "grant-cli-io.h"
#include "grant-http-body.h"
#include "grant-id-token.h"
#include "grant-jws.h"
#include "grant-jws-algorithm.h"
#include "grant-jwt-claims.h"

/* How long, and how much, a JWKS URL may take. */
#define JWKS_MAX_SIZE (1024 * 1024)
#define JWKS_TIMEOUT_SECONDS 30

/* The clock skew allowed by default when checking exp, iat and nbf. */
#define DEFAULT_SKEW_SECONDS 60

/* The claims that hold NumericDates (RFC 7519 §4.1, OpenID Connect Core §2). */
static const char * const time_claims[] = { "exp", "iat", "nbf", "auth_time" };

static GrantCliExit decode_run (int argc, char **argv);
static GrantCliExit verify_run (int argc, char **argv);

static const GrantCliCommand decode_command = {
  .name = "jwt decode",
  .parameter_string = N_("[TOKEN|-]"),
  .summary = N_("Show a JWT’s header and claims, without checking its signature."),
  .run = decode_run,
};

static const GrantCliCommand verify_command = {
  .name = "jwt verify",
  .parameter_string = N_("[TOKEN|-]"),
  .summary = N_("Verify a JWT’s signature, and with --iss and --aud every rule for an ID "
                "token."),
  .run = verify_run,
};

static const GrantCliCommand * const verbs[] = { &decode_command, &verify_command };

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
read_jws (int          argc,
          char       **argv,
          GrantJws   **jws_out,
          GError     **error)
{
  g_autofree char *token = NULL;

  token = grant_cli_read_token (argc == 2 ? argv[1] : NULL, error);
  if (token == NULL)
    return NULL;

  *jws_out = grant_jws_parse (token, -1, error);
  if (*jws_out == NULL)
    return NULL;

  return g_steal_pointer (&token);
}

/* Reports an input error as text on standard error and, with --json, as JSON. */
static GrantCliExit
input_error (const char   *command,
             gboolean      json,
             const char   *what,
             const GError *error)
{
  g_autofree char *message = g_strdup_printf ("%s%s", what, error->message);

  return grant_cli_input_error (command, json, message);
}

static void
add_times (JsonObject     *json_times,
           GrantJwtClaims *claims,
           gint64          now)
{
  for (guint i = 0; i < G_N_ELEMENTS (time_claims); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) entry = NULL;
      g_autofree char *text = NULL;
      gint64 value;

      if (!grant_jwt_claims_get_time (claims, time_claims[i], &value, &error) && error == NULL)
        continue;

      entry = json_object_new ();
      if (error != NULL)
        {
          json_object_set_string_member (entry, "error", error->message);
        }
      else
        {
          text = grant_jwt_format_time (value, now);
          json_object_set_int_member (entry, "value", value);
          json_object_set_string_member (entry, "text", text);
        }
      json_object_set_object_member (json_times, time_claims[i], g_steal_pointer (&entry));
    }
}

static void
print_decoded_text (GrantJws       *jws,
                    GrantJwtClaims *claims,
                    const GError   *claims_error,
                    JsonObject     *times)
{
  g_autoptr(JsonNode) header = json_node_new (JSON_NODE_OBJECT);
  gsize signature_length = g_bytes_get_size (grant_jws_get_signature (jws));

  json_node_set_object (header, grant_jws_get_header (jws));
  g_print ("%s\n", _("Header:"));
  grant_cli_print_json_lines (header, "  ");

  if (claims != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, grant_jwt_claims_get_object (claims));
      g_print ("\n%s\n", _("Claims:"));
      grant_cli_print_json_lines (node, "  ");
    }
  else
    {
      gsize length;
      const char *data = g_bytes_get_data (grant_jws_get_payload (jws), &length);
      g_autofree char *text = g_strndup (data, length);
      g_autofree char *printable = grant_cli_printable (text);
      g_autofree char *reason = grant_cli_printable (claims_error->message);

      g_print ("\n%s\n  %s\n  %s\n", _("Payload (not a JWT claims set):"), reason, printable);
    }

  if (json_object_get_size (times) > 0)
    {
      g_autoptr(GList) names = json_object_get_members (times);

      g_print ("\n%s\n", _("Times:"));
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *entry = json_object_get_object_member (times, l->data);
          const char *text = json_object_has_member (entry, "text")
                             ? json_object_get_string_member (entry, "text")
                             : json_object_get_string_member (entry, "error");
          g_autofree char *printable = grant_cli_printable (text);

          g_print ("  %-10s %s\n", (const char *) l->data, printable);
        }
    }

  g_print ("\n");
  g_print (_("Signature: %u bytes, NOT checked. This shows what the token says, not that it "
             "is true;\n“grant-cli jwt verify --jwks …” checks it.\n"),
           (guint) signature_length);
}

static void
print_decoded_json (GrantJws       *jws,
                    GrantJwtClaims *claims,
                    const GError   *claims_error,
                    JsonObject     *times)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *signature = grant_base64url_encode_bytes (grant_jws_get_signature (jws));

  json_object_set_object_member (root, "header", json_object_ref (grant_jws_get_header (jws)));
  if (claims != NULL)
    {
      json_object_set_object_member (root, "claims",
                                     json_object_ref (grant_jwt_claims_get_object (claims)));
    }
  else
    {
      g_autofree char *payload = grant_base64url_encode_bytes (grant_jws_get_payload (jws));

      json_object_set_string_member (root, "payload", payload);
      json_object_set_string_member (root, "claims_error", claims_error->message);
    }
  json_object_set_object_member (root, "times", json_object_ref (times));
  json_object_set_string_member (root, "signature", signature);
  json_object_set_boolean_member (root, "signature_verified", FALSE);

  grant_cli_print_json (root);
}

static GrantCliExit
decode_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  g_autoptr(JsonObject) times = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) claims_error = NULL;
  g_autofree char *token = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = grant_cli_command_option_context_new (&decode_command, entries);
  g_option_context_set_description (context,
    _("Shows the header and the claims of a JWS in compact serialization, with its times\n"
      "(exp, iat, nbf, auth_time) as dates. The signature is NOT checked.\n"
      "The token is read from standard input when it is “-” or not given.\n\n"
      "Exit status: 0 the token was decoded, 2 usage error or not a JWS."));

  if (!grant_cli_command_parse (&decode_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc > 2)
    return grant_cli_usage_error (decode_command.name, _("give at most one token"));

  token = read_jws (argc, argv, &jws, &error);
  if (token == NULL)
    return input_error (decode_command.name, json, _("This is not a JWS: "), error);

  claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), &claims_error);
  if (claims != NULL)
    add_times (times, claims, now_seconds ());

  if (json)
    print_decoded_json (jws, claims, claims_error, times);
  else
    print_decoded_text (jws, claims, claims_error, times);

  return GRANT_CLI_EXIT_OK;
}

typedef struct
{
  GMainLoop *loop;
  GBytes    *body;
  GError    *error;
} Fetch;

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->body = grant_http_send_and_read_finish (result, &fetch->error);
  g_main_loop_quit (fetch->loop);
}

static GBytes *
fetch_jwks (const char  *url,
            GError     **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GUri) uri = NULL;
  Fetch fetch = { 0 };
  guint status;

  /* libsoup asserts on a URL without a host; say what is wrong instead. */
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid URL"), url);
      return NULL;
    }
  message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/jwk-set+json, application/json");

  session = soup_session_new_with_options ("timeout", JWKS_TIMEOUT_SECONDS,
                                           "idle-timeout", JWKS_TIMEOUT_SECONDS, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  fetch.loop = loop;

  grant_http_send_and_read_async (session, message, JWKS_MAX_SIZE, JWKS_TIMEOUT_SECONDS, NULL,
                                  fetch_cb, &fetch);
  g_main_loop_run (loop);

  body = g_steal_pointer (&fetch.body);
  if (body == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not fetch the JWKS at %s: %s"),
                   url, fetch.error->message);
      g_clear_error (&fetch.error);
      return NULL;
    }

  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The JWKS at %s answered HTTP %u %s instead of 200"), url, status,
                   soup_message_get_reason_phrase (message) != NULL
                   ? soup_message_get_reason_phrase (message) : "");
      return NULL;
    }

  return g_steal_pointer (&body);
}

/* Loads a JWK Set from an http(s) URL or a file ("-" for standard input). */
static GrantJwks *
load_jwks (const char  *location,
           GError     **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  const char *data;
  gsize length;
  GrantJwks *jwks;

  if (g_str_has_prefix (location, "https://") || g_str_has_prefix (location, "http://"))
    {
      body = fetch_jwks (location, error);
      if (body == NULL)
        return NULL;
      data = g_bytes_get_data (body, &length);
    }
  else
    {
      text = grant_cli_read_input (location, error);
      if (text == NULL)
        return NULL;
      data = text;
      length = strlen (text);
    }

  jwks = grant_jwks_new_from_data (data, length, error);
  if (jwks == NULL)
    g_prefix_error (error, _("The JWKS from %s is not usable: "), location);

  return jwks;
}

static GListStore *
new_check_store (void)
{
  return g_list_store_new (GRANT_TYPE_CHECK);
}

static void
append_check (GListStore       *store,
              const char       *name,
              GrantCheckStatus  status,
              const char       *reason)
{
  g_autoptr(GrantCheck) check = grant_check_new (name, status, reason);

  g_list_store_append (store, check);
}

static char *
describe_jws (GrantJws *jws)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("The token is a compact JWS: alg “%s”"),
                          grant_jws_get_alg (jws));
  if (grant_jws_get_kid (jws) != NULL)
    g_string_append_printf (text, _(", kid “%s”"), grant_jws_get_kid (jws));
  if (grant_jws_get_typ (jws) != NULL)
    g_string_append_printf (text, _(", typ “%s”"), grant_jws_get_typ (jws));
  g_string_append (text, ".");

  return g_string_free (text, FALSE);
}

/* Without --iss and --aud: is the signature good, and from which key? --alg, when given,
 * limits the algorithms; alg none never passes. */
static GListModel *
check_signature_only (GrantJws           *jws,
                      GrantJwks          *jwks,
                      const char * const *algorithms)
{
  g_autoptr(GListStore) store = new_check_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *parsed = describe_jws (jws);
  g_autofree char *alg_reason = NULL;
  g_autofree char *signature_reason = NULL;
  const char *alg = grant_jws_get_alg (jws);
  gboolean alg_allowed = TRUE;
  GrantJwk *key = NULL;

  append_check (store, "parse", GRANT_CHECK_PASSED, parsed);

  if (g_ascii_strcasecmp (alg, "none") == 0)
    {
      alg_reason = g_strdup (_("The token is unsecured (alg “none”): it has no signature."));
      alg_allowed = FALSE;
    }
  else if (algorithms != NULL && !g_strv_contains (algorithms, alg))
    {
      g_autofree char *listed = g_strjoinv (", ", (GStrv) algorithms);

      alg_reason = g_strdup_printf (_("“%s” is not among the algorithms given with --alg (%s)."),
                                    alg, listed);
      alg_allowed = FALSE;
    }
  else if (!grant_jws_algorithm_is_supported (alg))
    {
      alg_reason = g_strdup_printf (_("“%s” is not a JWS algorithm Grant supports."), alg);
      alg_allowed = FALSE;
    }
  else if (algorithms != NULL)
    {
      alg_reason = g_strdup_printf (_("%s is among the algorithms given with --alg."), alg);
    }
  else
    {
      alg_reason = g_strdup_printf (_("The token is signed with %s; without --alg, any "
                                      "algorithm that fits the key is accepted."), alg);
    }
  append_check (store, "alg", alg_allowed ? GRANT_CHECK_PASSED : GRANT_CHECK_FAILED,
                alg_reason);

  if (!alg_allowed && g_ascii_strcasecmp (alg, "none") != 0)
    signature_reason = g_strdup_printf (_("Not verified: the algorithm “%s” is not accepted, so "
                                          "no key was tried."), alg);
  else if (!grant_jws_verify_with_jwks (jws, jwks, &key, &error))
    signature_reason = g_strdup (error->message);
  else if (grant_jwk_get_kid (key) != NULL)
    signature_reason = g_strdup_printf (_("The %s signature verifies with the key “%s”."), alg,
                                        grant_jwk_get_kid (key));
  else
    signature_reason = g_strdup_printf (_("The %s signature verifies with the set’s only "
                                          "fitting key, which has no kid."), alg);
  append_check (store, "signature", key != NULL ? GRANT_CHECK_PASSED : GRANT_CHECK_FAILED,
                signature_reason);

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static const char *
status_symbol (GrantCheckStatus status)
{
  switch (status)
    {
    case GRANT_CHECK_PASSED:
      return "✓";
    case GRANT_CHECK_FAILED:
      return "✗";
    case GRANT_CHECK_NOT_APPLICABLE:
    default:
      return "–";
    }
}

static GString *
failed_names (GListModel *checks)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      if (grant_check_get_status (check) == GRANT_CHECK_FAILED)
        g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                                grant_check_get_label (check));
    }

  return names;
}

static void
print_checks_text (GListModel *checks)
{
  g_autoptr(GString) failed = failed_names (checks);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);
      g_autofree char *reason = grant_cli_printable (grant_check_get_reason (check));

      g_print ("%s %-10s %s\n", status_symbol (grant_check_get_status (check)),
               grant_check_get_label (check), reason);
    }

  g_print ("\n");
  if (failed->len == 0)
    g_print ("%s\n", _("Valid: no check failed."));
  else
    g_print (_("NOT valid: these checks failed: %s.\n"), failed->str);
}

static void
print_checks_json (GrantJws           *jws,
                   GListModel         *checks,
                   const char         *mode,
                   const char * const *ignored)
{
  g_autoptr(GEnumClass) statuses = g_type_class_ref (GRANT_TYPE_CHECK_STATUS);
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *array = json_array_new ();
  JsonArray *ignored_array = json_array_new ();

  json_object_set_boolean_member (root, "valid", grant_checks_all_pass (checks));
  json_object_set_string_member (root, "mode", mode);
  json_object_set_string_member (root, "alg", grant_jws_get_alg (jws));
  if (grant_jws_get_kid (jws) != NULL)
    json_object_set_string_member (root, "kid", grant_jws_get_kid (jws));
  else
    json_object_set_null_member (root, "kid");

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);
      JsonObject *row = json_object_new ();
      GEnumValue *status = g_enum_get_value (statuses, grant_check_get_status (check));

      json_object_set_string_member (row, "name", grant_check_get_name (check));
      json_object_set_string_member (row, "status", status->value_nick);
      json_object_set_string_member (row, "reason", grant_check_get_reason (check));
      json_array_add_object_element (array, row);
    }
  json_object_set_array_member (root, "checks", array);

  for (guint i = 0; ignored[i] != NULL; i++)
    json_array_add_string_element (ignored_array, ignored[i]);
  json_object_set_array_member (root, "ignored_keys", ignored_array);

  grant_cli_print_json (root);
}

static GrantCliExit
verify_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwks) jwks = NULL;
  g_autoptr(GListModel) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *jwks_location = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *audience = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *access_token = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) algorithms = NULL;
  const char * const *ignored;
  gboolean json = FALSE;
  int skew = DEFAULT_SKEW_SECONDS;
  gboolean token_from_stdin;
  static const char * const nothing_ignored[] = { NULL };
  const GOptionEntry entries[] = {
    { "jwks", 0, 0, G_OPTION_ARG_STRING, &jwks_location,
      N_("The keys: a JWK Set file, “-”, or an http(s) URL such as the jwks_uri"),
      N_("FILE|URL") },
    { "alg", 0, 0, G_OPTION_ARG_STRING_ARRAY, &algorithms,
      N_("An algorithm to accept (repeat for several); the default for ID tokens is the "
         "asymmetric ones"), N_("ALG") },
    { "iss", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("The issuer the ID token must name (with --aud: validate it as an ID token)"),
      N_("ISSUER") },
    { "aud", 0, 0, G_OPTION_ARG_STRING, &audience,
      N_("The client_id the ID token must be for"), N_("CLIENT_ID") },
    { "nonce", 0, 0, G_OPTION_ARG_STRING, &nonce,
      N_("The nonce sent in the authorization request"), N_("NONCE") },
    { "skew", 0, 0, G_OPTION_ARG_INT, &skew,
      N_("How far the clocks may disagree, in seconds (default 60)"), N_("SECONDS") },
    { "at-hash-token", 0, 0, G_OPTION_ARG_STRING, &access_token,
      N_("The access token issued with the ID token, to check at_hash"), N_("TOKEN") },
    { "c-hash-code", 0, 0, G_OPTION_ARG_STRING, &code,
      N_("The authorization code issued with the ID token, to check c_hash"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  context = grant_cli_command_option_context_new (&verify_command, entries);
  g_option_context_set_description (context,
    _("Without --iss and --aud, checks the signature only and says which key made it.\n"
      "With both, validates an ID token as OpenID Connect Core §3.1.3.7 says, and\n"
      "prints every check: ✓ passed, ✗ failed, – not applicable.\n"
      "The token is read from standard input when it is “-” or not given.\n\n"
      "Exit status: 0 every check passed, 1 a check failed, 2 usage error or\n"
      "unreadable input (not a JWS, a JWKS that cannot be read)."));

  if (!grant_cli_command_parse (&verify_command, context, &argc, &argv))
    return GRANT_CLI_EXIT_USAGE;
  if (argc > 2)
    return grant_cli_usage_error (verify_command.name, _("give at most one token"));
  if (jwks_location == NULL)
    return grant_cli_usage_error (verify_command.name, _("give the keys with --jwks FILE|URL"));
  if ((issuer == NULL) != (audience == NULL))
    return grant_cli_usage_error (verify_command.name,
                                  _("give both --iss and --aud to validate an ID token, or "
                                    "neither to check the signature only"));
  if (issuer == NULL && (nonce != NULL || access_token != NULL || code != NULL))
    return grant_cli_usage_error (verify_command.name,
                                  _("--nonce, --at-hash-token and --c-hash-code need --iss and "
                                    "--aud"));
  if (skew < 0)
    return grant_cli_usage_error (verify_command.name, _("--skew cannot be negative"));

  token_from_stdin = argc < 2 || g_str_equal (argv[1], "-");
  if (token_from_stdin && g_str_equal (jwks_location, "-"))
    return grant_cli_usage_error (verify_command.name,
                                  _("the token and the JWKS cannot both come from standard "
                                    "input"));

  token = read_jws (argc, argv, &jws, &error);
  if (token == NULL)
    return input_error (verify_command.name, json, _("This is not a JWS: "), error);

  jwks = load_jwks (jwks_location, &error);
  if (jwks == NULL)
    return input_error (verify_command.name, json, "", error);

  /* GLib 2.74 leaves an empty null-terminated GPtrArray without storage, so a set that left
   * nothing out may answer NULL here. */
  ignored = grant_jwks_get_ignored (jwks);
  if (ignored == NULL)
    ignored = nothing_ignored;
  for (guint i = 0; ignored[i] != NULL; i++)
    {
      g_autofree char *printable = grant_cli_printable (ignored[i]);

      g_printerr (_("grant-cli %s: a key of the JWKS was left out: %s\n"), verify_command.name,
                  printable);
    }

  if (issuer != NULL)
    {
      GrantIdTokenExpectations expected = {
        .issuer = issuer,
        .client_id = audience,
        .nonce = nonce,
        .algorithms = (const char * const *) algorithms,
        .skew_seconds = skew,
        .now = now_seconds (),
        .access_token = access_token,
        .code = code,
      };

      checks = grant_id_token_validate (token, jwks, &expected);
    }
  else
    {
      checks = check_signature_only (jws, jwks, (const char * const *) algorithms);
    }

  if (json)
    print_checks_json (jws, checks, issuer != NULL ? "id_token" : "signature", ignored);
  else
    print_checks_text (checks);

  return grant_checks_all_pass (checks) ? GRANT_CLI_EXIT_OK : GRANT_CLI_EXIT_FAILURE;
}

static GrantCliExit
jwt_run (int    argc,
         char **argv)
{
  return grant_cli_run_verb ("jwt", verbs, G_N_ELEMENTS (verbs), argc, argv);
}

const GrantCliCommand grant_cli_jwt_command = {
  .name = "jwt",
  .parameter_string = N_("decode|verify …"),
  .summary = N_("Decode a JWT, or verify it (an ID token: every OpenID Connect rule)."),
  .run = jwt_run,
};
