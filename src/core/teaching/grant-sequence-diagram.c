/* grant-sequence-diagram.c
 * The sequence diagram of a flow: an arrow per request and response of the exchange log,
 * between the browser, Grant, the authorization server and the resource server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of GrantSequenceArrow that follows the log as the flow runs: an exchange
 * brings its request arrow when it starts, and its response arrow, right after the request's,
 * when the answer comes. Each exchange's arrows are rebuilt whole when its state changes, so
 * an arrow never changes once made.
 *
 * Who is who: a front-channel exchange goes from the browser to the authorization server,
 * unless it is the authorization response that comes back to Grant at the redirect URI; a
 * back-channel exchange goes from Grant to the authorization server when its URL is one of
 * the server's endpoints (from its metadata, a list of URLs, or by the usual names of their
 * paths), and to the resource server otherwise.
 *
 * Labels are for reading aloud in a workshop: the method and path, and the few parameters that
 * tell the step apart, by name. Values are shown only for parameters that say what kind of
 * request it is (grant_type, response_type, error…); every other value, and every secret, is
 * an ellipsis. The detail (a tooltip) has the whole URL, redacted.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "grant-auth-challenge.h"
#include "grant-redaction.h"
#include "grant-sequence-diagram.h"

/* A body larger than this is not read for a label. */
#define MAX_SUMMARY_BODY (1024 * 1024)
/* How many parameters a label names, and how long a value it shows. */
#define MAX_LABEL_PARAMS 4
#define MAX_VALUE_CHARS 24
/* An id in a path longer than this is shortened (interaction and session ids). */
#define MAX_SEGMENT_CHARS 16
#define ELLIPSIS "…"

typedef struct
{
  GrantExchange *exchange;
  gulong         handler;
  guint          n_arrows;
} Entry;

struct _GrantSequenceDiagram
{
  GObject           parent_instance;

  GrantExchangeLog *log;
  guint             start;
  GStrv             authorization_server_urls;
  GArray           *entries; /* of Entry, one per exchange of the log from start on */
  GPtrArray        *arrows;  /* of GrantSequenceArrow */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantSequenceDiagram, grant_sequence_diagram, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOG,
  PROP_START,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The parameters that a request's label names, most telling first. */
static const char * const request_params[] = {
  "grant_type", "response_type", "code", "code_challenge", "code_verifier", "refresh_token",
  "device_code", "request_uri", "subject_token", "assertion", "token", "token_type_hint",
  "state", "nonce", "client_secret", "scope", NULL
};

/* The parameters that an authorization response's label names. */
static const char * const response_params[] = {
  "error", "code", "access_token", "id_token", "state", "iss", NULL
};

/* The parameters whose value a label shows: they say what kind of step it is. */
static const char * const valued_params[] = {
  "grant_type", "response_type", "error", "token_type_hint", "scope", "response_mode",
  "prompt", NULL
};

/* The last path segments of the endpoints of RFC 6749, 7009, 7591, 7662, 8414, 8628, 9126 and
 * OpenID Connect, as the servers people use name them. */
static const char * const endpoint_names[] = {
  "authorize", "authorization", "token", "device_authorization", "introspect",
  "introspection", "revoke", "revocation", "userinfo", "jwks", "jwks.json", "certs", "par",
  "register", "registration", "end_session", "logout", NULL
};

/* URLs ----------------------------------------------------------------------------------------- */

static GUri *
parse_uri (const char *uri)
{
  if (uri == NULL)
    return NULL;

  return g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
}

/* "scheme://host:port/path", the scheme and host in lower case and the default port spelled
 * out: what the URLs of one endpoint have in common, whatever their query. */
static char *
endpoint_of (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri) != NULL ? g_uri_get_host (uri)
                                                                         : "", -1);
  const char *path = g_uri_get_path (uri);
  int port = g_uri_get_port (uri);

  if (port == -1 && strcmp (scheme, "https") == 0)
    port = 443;
  else if (port == -1 && strcmp (scheme, "http") == 0)
    port = 80;

  return g_strdup_printf ("%s://%s:%d%s", scheme, host, port, *path != '\0' ? path : "/");
}

static char *
endpoint_of_string (const char *uri)
{
  g_autoptr(GUri) parsed = parse_uri (uri);

  return parsed != NULL ? endpoint_of (parsed) : NULL;
}

static gboolean
same_endpoint (const char *a,
               const char *b)
{
  g_autofree char *endpoint_a = endpoint_of_string (a);
  g_autofree char *endpoint_b = endpoint_of_string (b);

  return endpoint_a != NULL && g_strcmp0 (endpoint_a, endpoint_b) == 0;
}

/* Adds the parameters of a query, a fragment or a form body; the first of a name wins. */
static void
add_params (GHashTable *params,
            const char *text)
{
  g_autoptr(GHashTable) parsed = NULL;
  GHashTableIter iter;
  gpointer name, value;

  if (text == NULL || *text == '\0')
    return;

  parsed = g_uri_parse_params (text, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  if (parsed == NULL)
    return;

  g_hash_table_iter_init (&iter, parsed);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (!g_hash_table_contains (params, name))
      g_hash_table_insert (params, g_strdup (name), g_strdup (value));
}

static GHashTable *
uri_params (GUri *uri)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (uri != NULL)
    {
      add_params (params, g_uri_get_query (uri));
      add_params (params, g_uri_get_fragment (uri));
    }

  return params;
}

/* The parameters of a request: its query and fragment, its form fields, or its form body. */
static GHashTable *
request_params_of (GrantHttpRequest *request)
{
  g_autoptr(GUri) uri = parse_uri (grant_http_request_get_uri (request));
  GHashTable *params = uri_params (uri);
  const GrantHttpField *fields;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;
  guint n_fields;

  fields = grant_http_request_get_form_fields (request, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!g_hash_table_contains (params, fields[i].name))
      g_hash_table_insert (params, g_strdup (fields[i].name), g_strdup (fields[i].value));

  body = grant_http_request_dup_body (request, &content_type);
  if (n_fields == 0 && body != NULL && content_type != NULL
      && g_str_has_prefix (content_type, "application/x-www-form-urlencoded")
      && g_bytes_get_size (body) <= MAX_SUMMARY_BODY)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

      add_params (params, text);
    }

  return params;
}

static gboolean
is_secret_cb (const char *name,
              gpointer    user_data)
{
  return grant_exchange_is_secret_member (GRANT_EXCHANGE (user_data), name);
}

static char *
redact_uri (GrantExchange *exchange,
            const char    *uri)
{
  return grant_redaction_redact_uri (uri, is_secret_cb, exchange);
}

/* @text, cut to @max characters with an ellipsis. */
static char *
shorten (const char *text,
         guint       max)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) <= max)
    return g_steal_pointer (&valid);

  return g_strconcat (g_utf8_substring (valid, 0, max - 1), ELLIPSIS, NULL);
}

/* Whether a path segment is an id (a session, an interaction, a UUID) rather than a name:
 * long, and with a digit or without the hyphens that join the words of a name. */
static gboolean
is_id_segment (const char *segment)
{
  if (g_utf8_strlen (segment, -1) <= MAX_SEGMENT_CHARS)
    return FALSE;

  return strpbrk (segment, "0123456789") != NULL || strpbrk (segment, "-_.") == NULL;
}

/* The path as a label shows it: ids shortened. */
static char *
short_path (GUri *uri)
{
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;
  g_auto(GStrv) segments = NULL;
  GString *out;

  if (path == NULL || *path == '\0')
    return g_strdup ("/");

  out = g_string_new (NULL);
  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '/');
      if (is_id_segment (segments[i]))
        {
          g_autofree char *valid = g_utf8_make_valid (segments[i], -1);
          g_autofree char *head = g_utf8_substring (valid, 0, MAX_SEGMENT_CHARS / 2);

          g_string_append_printf (out, "%s" ELLIPSIS, head);
        }
      else
        g_string_append (out, segments[i]);
    }

  return g_string_free (out, FALSE);
}

/* "name=value" or "name=…" for each of @names that @params has, at most MAX_LABEL_PARAMS. */
static char *
format_params (GrantExchange      *exchange,
               GHashTable         *params,
               const char * const *names,
               const char         *separator)
{
  GString *out = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; names[i] != NULL && shown < MAX_LABEL_PARAMS; i++)
    {
      const char *value = g_hash_table_lookup (params, names[i]);

      if (value == NULL)
        continue;
      if (shown++ > 0)
        g_string_append (out, separator);
      g_string_append_printf (out, "%s=", names[i]);
      if (g_strv_contains (valued_params, names[i]) && !is_secret_cb (names[i], exchange)
          && *value != '\0')
        {
          g_autofree char *short_value = shorten (value, MAX_VALUE_CHARS);

          g_string_append (out, short_value);
        }
      else
        g_string_append (out, ELLIPSIS);
    }

  return g_string_free (out, FALSE);
}

/* Where the arrows go -------------------------------------------------------------------------- */

static gboolean
is_endpoint_name (const char *path)
{
  const char *slash = strrchr (path, '/');
  g_autofree char *last = g_ascii_strdown (slash != NULL ? slash + 1 : path, -1);

  return strstr (path, "/.well-known/") != NULL || g_strv_contains (endpoint_names, last);
}

/**
 * grant_sequence_diagram_classify_url:
 * @self: a #GrantSequenceDiagram
 * @url: the URL of a back-channel request
 *
 * Says whom Grant talks to at @url: the authorization server when @url is one of its
 * endpoints (the authorization server URLs, else an endpoint's usual name: `/token`,
 * `/userinfo`, `/.well-known/…`), the resource server otherwise.
 *
 * Returns: %GRANT_SEQUENCE_AUTHORIZATION_SERVER or %GRANT_SEQUENCE_RESOURCE_SERVER
 */
GrantSequenceLifeline
grant_sequence_diagram_classify_url (GrantSequenceDiagram *self,
                                     const char           *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *endpoint = NULL;

  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self), GRANT_SEQUENCE_AUTHORIZATION_SERVER);
  g_return_val_if_fail (url != NULL, GRANT_SEQUENCE_AUTHORIZATION_SERVER);

  uri = parse_uri (url);
  if (uri == NULL)
    return GRANT_SEQUENCE_AUTHORIZATION_SERVER;
  endpoint = endpoint_of (uri);

  for (guint i = 0; self->authorization_server_urls != NULL
                    && self->authorization_server_urls[i] != NULL; i++)
    {
      const char *known = self->authorization_server_urls[i];
      g_autofree char *known_endpoint = endpoint_of_string (known);

      if (known_endpoint == NULL)
        continue;
      if (g_str_has_suffix (known, "/") ? g_str_has_prefix (endpoint, known_endpoint)
                                        : strcmp (endpoint, known_endpoint) == 0)
        return GRANT_SEQUENCE_AUTHORIZATION_SERVER;
    }

  return is_endpoint_name (g_uri_get_path (uri)) ? GRANT_SEQUENCE_AUTHORIZATION_SERVER
                                                  : GRANT_SEQUENCE_RESOURCE_SERVER;
}

/* The redirect URI of the flow @position is part of: the one the last authorization request
 * (or pushed authorization request) up to there sent. */
static char *
find_redirect_uri (GrantSequenceDiagram *self,
                   guint                 position)
{
  for (guint i = position + 1; i-- > 0;)
    {
      GrantExchange *exchange = grant_exchange_log_peek (self->log, i);
      GrantHttpRequest *request;
      g_autoptr(GHashTable) params = NULL;
      const char *redirect_uri;

      if (exchange == NULL)
        continue;
      request = grant_exchange_get_request (exchange);
      params = request_params_of (request);
      redirect_uri = g_hash_table_lookup (params, "redirect_uri");
      if (redirect_uri != NULL)
        return g_strdup (redirect_uri);
    }

  return NULL;
}

/* Whether a front-channel request is the authorization response coming to Grant. */
static gboolean
is_authorization_response (GrantExchange *exchange,
                           const char    *redirect_uri)
{
  return g_strcmp0 (grant_exchange_get_title (exchange), "Authorization response") == 0
         || (redirect_uri != NULL
             && same_endpoint (grant_http_request_get_uri (grant_exchange_get_request (exchange)),
                               redirect_uri));
}

/* Labels --------------------------------------------------------------------------------------- */

static const char *
reason_of (GrantExchange *exchange)
{
  const char *reason = grant_exchange_get_reason_phrase (exchange);

  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (grant_exchange_get_status (exchange));

  return reason != NULL ? reason : "";
}

/* "Bearer …" for a request with credentials in its Authorization header. */
static char *
credentials_of (GrantHttpRequest *request)
{
  const char *authorization = grant_http_request_get_header (request, "Authorization");
  const char *space;

  if (authorization == NULL)
    return NULL;

  space = strchr (authorization, ' ');
  if (space == NULL || space == authorization)
    return g_strdup ("Authorization: " ELLIPSIS);

  return g_strdup_printf ("%.*s " ELLIPSIS, (int) MIN (space - authorization, 16), authorization);
}

static char *
request_label (GrantExchange *exchange,
               gboolean       to_redirect_uri)
{
  GrantHttpRequest *request = grant_exchange_get_request (exchange);
  g_autoptr(GUri) uri = parse_uri (grant_http_request_get_uri (request));
  g_autoptr(GHashTable) params = request_params_of (request);
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *credentials = credentials_of (request);
  const char *method = grant_http_request_get_method (request);
  GString *label = g_string_new (method);

  if (to_redirect_uri)
    {
      gboolean query = g_strcmp0 (method, "GET") == 0;

      shown = format_params (exchange, params, response_params, query ? "&" : ", ");
      g_string_append (label, " redirect_uri");
      if (*shown != '\0')
        g_string_append_printf (label, "%s%s", query ? "?" : " ", shown);
      return g_string_free (label, FALSE);
    }

  path = short_path (uri);
  shown = format_params (exchange, params, request_params, ", ");
  g_string_append_printf (label, " %s", path);
  if (*shown != '\0')
    g_string_append_printf (label, " %s", shown);
  if (credentials != NULL)
    g_string_append_printf (label, *shown != '\0' ? ", %s" : " %s", credentials);

  return g_string_free (label, FALSE);
}

static char *
request_detail (GrantExchange *exchange)
{
  GrantHttpRequest *request = grant_exchange_get_request (exchange);
  g_autofree char *uri = redact_uri (exchange, grant_http_request_get_uri (request));
  const GError *error = grant_exchange_get_error (exchange);
  GString *detail = g_string_new (NULL);

  g_string_append_printf (detail, "%s %s", grant_http_request_get_method (request), uri);
  if (grant_exchange_get_state (exchange) == GRANT_EXCHANGE_FAILED && error != NULL)
    g_string_append_printf (detail, "\n%s", error->message);

  return g_string_free (detail, FALSE);
}

static JsonNode *
parse_json_body (GrantExchange *exchange)
{
  GBytes *body = grant_exchange_get_response_body (exchange);
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize size;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (size == 0 || size > MAX_SUMMARY_BODY || (data[0] != '{' && data[0] != '['))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, size, NULL))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* What a JSON body holds, in a few words: the tokens of a token response, "metadata", "JWKS,
 * 2 keys", or the first member names. */
static char *
summarize_json (JsonNode *root)
{
  static const char * const token_members[] = {
    "access_token", "id_token", "refresh_token", "issued_token_type", "device_code",
    "user_code", NULL
  };
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  GString *out;
  guint shown = 0;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      guint n = json_array_get_length (json_node_get_array (root));

      return g_strdup_printf (n == 1 ? "[%u item]" : "[%u items]", n);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (json_object_has_member (object, "issuer")
      && (json_object_has_member (object, "token_endpoint")
          || json_object_has_member (object, "authorization_endpoint")))
    return g_strdup ("metadata");
  if (json_object_has_member (object, "keys")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "keys")))
    {
      guint n = json_array_get_length (json_object_get_array_member (object, "keys"));

      return g_strdup_printf (n == 1 ? "JWKS, %u key" : "JWKS, %u keys", n);
    }
  if (json_object_has_member (object, "active")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "active"))
      && json_node_get_value_type (json_object_get_member (object, "active")) == G_TYPE_BOOLEAN)
    return g_strdup_printf ("active=%s",
                            json_object_get_boolean_member (object, "active") ? "true" : "false");

  out = g_string_new (NULL);
  for (guint i = 0; token_members[i] != NULL; i++)
    if (json_object_has_member (object, token_members[i]))
      g_string_append_printf (out, "%s%s", shown++ > 0 ? ", " : "", token_members[i]);
  if (shown > 0)
    return g_string_free (out, FALSE);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *name = shorten (l->data, MAX_VALUE_CHARS);

      if (shown == 3)
        {
          g_string_append (out, ", " ELLIPSIS);
          break;
        }
      g_string_append_printf (out, "%s%s", shown++ > 0 ? ", " : "", name);
    }

  return g_string_free (out, FALSE);
}

/* The OAuth error of a response: its JSON "error", or the error of its Bearer or DPoP
 * challenge (RFC 6750 §3). */
static char *
oauth_error_of (GrantExchange  *exchange,
                JsonNode       *root,
                char          **description)
{
  const char *header = grant_exchange_get_response_header (exchange, "WWW-Authenticate");

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      const char *error = string_member (object, "error");

      if (error != NULL)
        {
          *description = g_strdup (string_member (object, "error_description"));
          return g_strdup (error);
        }
    }

  if (header != NULL && strlen (header) <= GRANT_AUTH_CHALLENGE_MAX_HEADER)
    {
      g_autoptr(GPtrArray) challenges = grant_auth_challenge_parse (header, -1, NULL);

      for (guint i = 0; challenges != NULL && i < challenges->len; i++)
        {
          GrantAuthChallenge *challenge = g_ptr_array_index (challenges, i);
          const char *error = grant_auth_challenge_lookup (challenge, "error");

          if (error != NULL)
            {
              *description = g_strdup (grant_auth_challenge_lookup (challenge,
                                                                    "error_description"));
              return g_strdup (error);
            }
        }
    }

  return NULL;
}

/* The label of a response that is not a redirect: its status, then its OAuth error or what
 * its body holds. */
static char *
status_label (GrantExchange  *exchange,
              gboolean        front_channel,
              gboolean       *failed,
              char          **detail)
{
  guint status = grant_exchange_get_status (exchange);
  g_autoptr(JsonNode) root = parse_json_body (exchange);
  g_autofree char *description = NULL;
  g_autofree char *error = oauth_error_of (exchange, root, &description);
  g_autofree char *summary = NULL;
  g_autofree char *short_error = NULL;

  *failed = status >= 400 || error != NULL;
  *detail = g_strdup_printf ("%u %s%s%s", status, reason_of (exchange),
                             description != NULL ? "\n" : "",
                             description != NULL ? description : "");

  if (error != NULL)
    {
      short_error = shorten (error, MAX_VALUE_CHARS * 2);
      return g_strdup_printf ("%u %s", status, short_error);
    }
  if (status >= 300 || root == NULL || (summary = summarize_json (root)) == NULL
      || *summary == '\0')
    {
      const char *type = grant_exchange_get_response_header (exchange, "Content-Type");

      if (status < 300 && front_channel && (type == NULL || strstr (type, "html") != NULL))
        return g_strdup_printf ("%u page", status);

      return g_strdup_printf ("%u %s", status, reason_of (exchange));
    }

  return g_strdup_printf ("%u %s", status, summary);
}

/* The label of a redirect of the browser: "302 → /login", "302 → redirect_uri?code=…". */
static char *
redirect_label (GrantExchange *exchange,
                const char    *location,
                const char    *redirect_uri,
                gboolean      *failed,
                char         **detail)
{
  GrantHttpRequest *request = grant_exchange_get_request (exchange);
  g_autoptr(GUri) base = parse_uri (grant_http_request_get_uri (request));
  g_autoptr(GUri) target = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *target_uri = NULL;
  g_autofree char *redacted = NULL;
  g_autofree char *shown = NULL;
  guint status = grant_exchange_get_status (exchange);

  if (base != NULL)
    target = g_uri_parse_relative (base, location,
                                   G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  else
    target = parse_uri (location);
  if (target == NULL)
    {
      g_autofree char *short_location = shorten (location, MAX_VALUE_CHARS * 2);

      *failed = TRUE;
      *detail = g_strdup_printf ("%u %s\nLocation: %s", status, reason_of (exchange),
                                 short_location);
      return g_strdup_printf ("%u → ?", status);
    }

  target_uri = g_uri_to_string (target);
  redacted = redact_uri (exchange, target_uri);
  params = uri_params (target);
  *failed = g_hash_table_contains (params, "error");
  *detail = g_strdup_printf ("%u %s\nLocation: %s", status, reason_of (exchange), redacted);

  if (redirect_uri != NULL && same_endpoint (target_uri, redirect_uri))
    {
      const char *fragment = g_uri_get_fragment (target);

      shown = format_params (exchange, params, response_params, "&");
      return g_strdup_printf ("%u → redirect_uri%s%s", status,
                              *shown == '\0' ? "" : fragment != NULL ? "#" : "?", shown);
    }
  else
    {
      g_autofree char *path = short_path (target);
      const char *host = g_uri_get_host (target);

      if (base != NULL && g_strcmp0 (host, g_uri_get_host (base)) == 0
          && g_uri_get_port (target) == g_uri_get_port (base))
        return g_strdup_printf ("%u → %s", status, path);

      return g_strdup_printf ("%u → %s%s", status, host != NULL ? host : "", path);
    }
}

/* The arrows of one exchange: its request, and its response once there is one. */
static void
build_arrows (GrantSequenceDiagram *self,
              guint                 log_position,
              GrantExchange        *exchange,
              GPtrArray            *arrows)
{
  GrantHttpRequest *request = grant_exchange_get_request (exchange);
  GrantExchangeState state = grant_exchange_get_state (exchange);
  const GError *error = grant_exchange_get_error (exchange);
  gboolean front = grant_exchange_get_channel (exchange) == GRANT_EXCHANGE_FRONT_CHANNEL;
  g_autofree char *redirect_uri = find_redirect_uri (self, log_position);
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *response = NULL;
  g_autofree char *response_detail = NULL;
  GrantSequenceLifeline from, to;
  gboolean to_client = FALSE;
  gboolean failed = FALSE;
  gboolean response_failed = FALSE;
  const char *location;
  guint status;

  if (front)
    {
      from = GRANT_SEQUENCE_USER_AGENT;
      to_client = is_authorization_response (exchange, redirect_uri);
      to = to_client ? GRANT_SEQUENCE_CLIENT : GRANT_SEQUENCE_AUTHORIZATION_SERVER;
    }
  else
    {
      from = GRANT_SEQUENCE_CLIENT;
      to = grant_sequence_diagram_classify_url (self, grant_http_request_get_uri (request));
    }

  label = request_label (exchange, to_client);
  detail = request_detail (exchange);
  if (to_client)
    {
      g_autoptr(GHashTable) params = request_params_of (request);

      /* The redirect that brought an error to Grant failed already; its arrival did too. */
      failed = g_hash_table_contains (params, "error");
    }
  /* A navigation the browser replaced by the next is not a failure of the flow. */
  if (state == GRANT_EXCHANGE_FAILED
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    failed = TRUE;
  g_ptr_array_add (arrows, grant_sequence_arrow_new (exchange, GRANT_SEQUENCE_ARROW_REQUEST,
                                                     from, to, label, detail, failed));

  status = grant_exchange_get_status (exchange);
  if (state != GRANT_EXCHANGE_COMPLETE || status == 0)
    return;

  location = grant_exchange_get_response_header (exchange, "Location");
  if (status >= 300 && status < 400 && location != NULL)
    response = redirect_label (exchange, location, redirect_uri, &response_failed,
                               &response_detail);
  else
    response = status_label (exchange, front, &response_failed, &response_detail);
  g_ptr_array_add (arrows, grant_sequence_arrow_new (exchange, GRANT_SEQUENCE_ARROW_RESPONSE,
                                                     to, from, response, response_detail,
                                                     response_failed));
}

/* Following the log ---------------------------------------------------------------------------- */

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_signal_handler (&entry->handler, entry->exchange);
  g_clear_object (&entry->exchange);
}

static guint
arrow_position_of_entry (GrantSequenceDiagram *self,
                         guint                 index)
{
  guint position = 0;

  for (guint i = 0; i < index; i++)
    position += g_array_index (self->entries, Entry, i).n_arrows;

  return position;
}

static void
exchange_state_cb (GrantExchange        *exchange,
                   GParamSpec           *pspec,
                   GrantSequenceDiagram *self)
{
  g_autoptr(GPtrArray) arrows = g_ptr_array_new_with_free_func (g_object_unref);
  Entry *entry = NULL;
  guint index;
  guint position;
  guint removed;

  for (index = 0; index < self->entries->len; index++)
    {
      entry = &g_array_index (self->entries, Entry, index);
      if (entry->exchange == exchange)
        break;
    }
  g_return_if_fail (index < self->entries->len);

  build_arrows (self, self->start + index, exchange, arrows);
  position = arrow_position_of_entry (self, index);
  removed = entry->n_arrows;
  entry->n_arrows = arrows->len;
  g_ptr_array_remove_range (self->arrows, position, removed);
  for (guint i = 0; i < arrows->len; i++)
    g_ptr_array_insert (self->arrows, position + i, g_object_ref (g_ptr_array_index (arrows, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, arrows->len);
  if (removed != arrows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Adds the exchanges of the log from @position on; returns how many arrows they brought. */
static guint
add_entries (GrantSequenceDiagram *self,
             guint                 position)
{
  guint before = self->arrows->len;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->log));

  for (guint i = MAX (position, self->start); i < n; i++)
    {
      Entry entry = { NULL, 0, 0 };
      guint arrows = self->arrows->len;

      entry.exchange = g_object_ref (grant_exchange_log_peek (self->log, i));
      entry.handler = g_signal_connect (entry.exchange, "notify::state",
                                        G_CALLBACK (exchange_state_cb), self);
      build_arrows (self, i, entry.exchange, self->arrows);
      entry.n_arrows = self->arrows->len - arrows;
      g_array_append_val (self->entries, entry);
    }

  return self->arrows->len - before;
}

/* Makes every arrow anew: the log changed other than at its end, or what it is read with did. */
static void
rebuild (GrantSequenceDiagram *self)
{
  guint removed = self->arrows->len;
  guint added = 0;

  g_array_set_size (self->entries, 0);
  g_ptr_array_set_size (self->arrows, 0);
  if (self->log != NULL)
    added = add_entries (self, self->start);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
log_items_changed_cb (GListModel           *log,
                      guint                 position,
                      guint                 removed,
                      guint                 added,
                      GrantSequenceDiagram *self)
{
  guint before = self->arrows->len;
  guint n_items = g_list_model_get_n_items (log);
  guint new_arrows;

  /* A log cleared below the start begins again from its first exchange. */
  if (self->start > n_items)
    {
      self->start = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }

  if (removed > 0 || position != self->start + self->entries->len)
    {
      rebuild (self);
      return;
    }

  new_arrows = add_entries (self, position);
  if (new_arrows > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), before, 0, new_arrows);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/* GListModel ----------------------------------------------------------------------------------- */

static GType
get_item_type (GListModel *model)
{
  return GRANT_TYPE_SEQUENCE_ARROW;
}

static guint
get_n_items (GListModel *model)
{
  return GRANT_SEQUENCE_DIAGRAM (model)->arrows->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GrantSequenceDiagram *self = GRANT_SEQUENCE_DIAGRAM (model);

  if (position >= self->arrows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->arrows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* GObject -------------------------------------------------------------------------------------- */

static void
grant_sequence_diagram_dispose (GObject *object)
{
  GrantSequenceDiagram *self = (GrantSequenceDiagram *)object;

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_func (self->log, log_items_changed_cb, self);
  g_clear_object (&self->log);
  if (self->entries != NULL)
    g_array_set_size (self->entries, 0);

  G_OBJECT_CLASS (grant_sequence_diagram_parent_class)->dispose (object);
}

static void
grant_sequence_diagram_finalize (GObject *object)
{
  GrantSequenceDiagram *self = (GrantSequenceDiagram *)object;

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->arrows, g_ptr_array_unref);
  g_clear_pointer (&self->authorization_server_urls, g_strfreev);

  G_OBJECT_CLASS (grant_sequence_diagram_parent_class)->finalize (object);
}

static void
grant_sequence_diagram_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GrantSequenceDiagram *self = GRANT_SEQUENCE_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;
    case PROP_START:
      g_value_set_uint (value, self->start);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->arrows->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_sequence_diagram_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GrantSequenceDiagram *self = GRANT_SEQUENCE_DIAGRAM (object);

  switch (prop_id)
    {
    case PROP_LOG:
      grant_sequence_diagram_set_log (self, g_value_get_object (value));
      break;
    case PROP_START:
      grant_sequence_diagram_set_start (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_sequence_diagram_class_init (GrantSequenceDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grant_sequence_diagram_dispose;
  object_class->finalize = grant_sequence_diagram_finalize;
  object_class->get_property = grant_sequence_diagram_get_property;
  object_class->set_property = grant_sequence_diagram_set_property;

  /**
   * GrantSequenceDiagram:log:
   *
   * The exchange log the diagram follows.
   */
  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, GRANT_TYPE_EXCHANGE_LOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GrantSequenceDiagram:start:
   *
   * The position in the log of the first exchange drawn: where the current flow began.
   */
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_sequence_diagram_init (GrantSequenceDiagram *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->arrows = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * grant_sequence_diagram_new:
 * @log: (nullable): the exchange log to follow
 *
 * Returns: (transfer full): a diagram of every exchange of @log, following it
 */
GrantSequenceDiagram *
grant_sequence_diagram_new (GrantExchangeLog *log)
{
  g_return_val_if_fail (log == NULL || GRANT_IS_EXCHANGE_LOG (log), NULL);

  return g_object_new (GRANT_TYPE_SEQUENCE_DIAGRAM, "log", log, NULL);
}

/**
 * grant_sequence_diagram_get_log:
 * @self: a #GrantSequenceDiagram
 *
 * Returns: (transfer none) (nullable): the log the diagram follows
 */
GrantExchangeLog *
grant_sequence_diagram_get_log (GrantSequenceDiagram *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self), NULL);

  return self->log;
}

/**
 * grant_sequence_diagram_set_log:
 * @self: a #GrantSequenceDiagram
 * @log: (nullable): the exchange log to follow
 */
void
grant_sequence_diagram_set_log (GrantSequenceDiagram *self,
                                GrantExchangeLog     *log)
{
  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self));
  g_return_if_fail (log == NULL || GRANT_IS_EXCHANGE_LOG (log));

  if (self->log == log)
    return;

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_func (self->log, log_items_changed_cb, self);
  g_set_object (&self->log, log);
  if (log != NULL)
    g_signal_connect_object (log, "items-changed", G_CALLBACK (log_items_changed_cb), self, 0);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
}

/**
 * grant_sequence_diagram_get_start:
 * @self: a #GrantSequenceDiagram
 *
 * Returns: the position in the log of the first exchange drawn
 */
guint
grant_sequence_diagram_get_start (GrantSequenceDiagram *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self), 0);

  return self->start;
}

/**
 * grant_sequence_diagram_set_start:
 * @self: a #GrantSequenceDiagram
 * @start: the position in the log of the first exchange to draw; the log's length to draw
 *   only what comes next, as when a flow starts
 */
void
grant_sequence_diagram_set_start (GrantSequenceDiagram *self,
                                  guint                 start)
{
  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self));

  if (self->start == start)
    return;

  self->start = start;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

/**
 * grant_sequence_diagram_get_authorization_server_urls:
 * @self: a #GrantSequenceDiagram
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the URLs of the
 *   authorization server's endpoints, and URL prefixes (ending in `/`) under which everything
 *   is the authorization server's
 */
const char * const *
grant_sequence_diagram_get_authorization_server_urls (GrantSequenceDiagram *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self), NULL);

  return (const char * const *) self->authorization_server_urls;
}

/**
 * grant_sequence_diagram_set_authorization_server_urls:
 * @self: a #GrantSequenceDiagram
 * @urls: (nullable) (array zero-terminated=1): endpoint URLs (their query does not matter),
 *   and prefixes ending in `/`
 *
 * Says which back-channel requests go to the authorization server, beyond those whose path
 * has an endpoint's usual name; the others go to the resource server.
 */
void
grant_sequence_diagram_set_authorization_server_urls (GrantSequenceDiagram *self,
                                                      const char * const   *urls)
{
  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self));

  g_strfreev (self->authorization_server_urls);
  self->authorization_server_urls = g_strdupv ((char **) urls);
  rebuild (self);
}

/**
 * grant_sequence_diagram_set_provider_metadata:
 * @self: a #GrantSequenceDiagram
 * @metadata: (nullable): the authorization server's metadata
 *
 * Takes the authorization server's URLs from @metadata: its discovery document's URL, every
 * `…_endpoint`, the `jwks_uri`, and the mTLS endpoint aliases (RFC 8705 §5).
 */
void
grant_sequence_diagram_set_provider_metadata (GrantSequenceDiagram  *self,
                                              GrantProviderMetadata *metadata)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;
  JsonObject *document;
  JsonObject *aliases = NULL;
  g_autoptr(GList) members = NULL;

  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self));
  g_return_if_fail (metadata == NULL || GRANT_IS_PROVIDER_METADATA (metadata));

  if (metadata != NULL)
    {
      const char *discovery_url = grant_provider_metadata_get_discovery_url (metadata);

      if (discovery_url != NULL)
        g_strv_builder_add (builder, discovery_url);

      document = grant_provider_metadata_get_document (metadata);
      members = document != NULL ? json_object_get_members (document) : NULL;
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *value = string_member (document, l->data);

          if (value != NULL && (g_str_has_suffix (l->data, "_endpoint")
                                || strcmp (l->data, "jwks_uri") == 0))
            g_strv_builder_add (builder, value);
        }
      if (document != NULL && json_object_has_member (document, "mtls_endpoint_aliases")
          && JSON_NODE_HOLDS_OBJECT (json_object_get_member (document, "mtls_endpoint_aliases")))
        aliases = json_object_get_object_member (document, "mtls_endpoint_aliases");
      g_clear_pointer (&members, g_list_free);
      members = aliases != NULL ? json_object_get_members (aliases) : NULL;
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *value = string_member (aliases, l->data);

          if (value != NULL)
            g_strv_builder_add (builder, value);
        }
    }

  urls = g_strv_builder_end (builder);
  grant_sequence_diagram_set_authorization_server_urls (self, (const char * const *) urls);
}

/**
 * grant_sequence_diagram_peek_arrow:
 * @self: a #GrantSequenceDiagram
 * @position: a position in the diagram, from the top
 *
 * g_list_model_get_item() without the reference, for drawing.
 *
 * Returns: (transfer none) (nullable): the arrow at @position
 */
GrantSequenceArrow *
grant_sequence_diagram_peek_arrow (GrantSequenceDiagram *self,
                                   guint                 position)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self), NULL);

  if (position >= self->arrows->len)
    return NULL;

  return g_ptr_array_index (self->arrows, position);
}

/**
 * grant_sequence_diagram_find_exchange:
 * @self: a #GrantSequenceDiagram
 * @exchange: an exchange
 *
 * Returns: the position of the first arrow of @exchange (its request), or %G_MAXUINT when the
 *   diagram does not draw it
 */
guint
grant_sequence_diagram_find_exchange (GrantSequenceDiagram *self,
                                      GrantExchange        *exchange)
{
  guint position = 0;

  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self), G_MAXUINT);
  g_return_val_if_fail (GRANT_IS_EXCHANGE (exchange), G_MAXUINT);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->exchange == exchange)
        return entry->n_arrows > 0 ? position : G_MAXUINT;
      position += entry->n_arrows;
    }

  return G_MAXUINT;
}

/* Layout and SVG ------------------------------------------------------------------------------- */

/**
 * grant_sequence_diagram_place_lifelines:
 * @self: a #GrantSequenceDiagram
 * @header_widths: (array fixed-size=4): how wide each lifeline's header is
 * @label_widths: (array) (nullable): how wide each arrow's label is, one per arrow
 * @min_gap: the least distance between two lifelines
 * @padding: the room a label keeps at each end of its arrow
 * @positions: (out caller-allocates) (array fixed-size=4): where each lifeline goes, from the
 *   first one's centre at 0
 *
 * Places the lifelines so that no two headers touch and every label fits over its arrow,
 * in whatever unit the widths are measured: a renderer measures its text its own way, and
 * all of them place the lifelines alike.
 */
void
grant_sequence_diagram_place_lifelines (GrantSequenceDiagram *self,
                                        const double         *header_widths,
                                        const double         *label_widths,
                                        double                min_gap,
                                        double                padding,
                                        double               *positions)
{
  double gaps[GRANT_SEQUENCE_N_LIFELINES - 1];

  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self));
  g_return_if_fail (header_widths != NULL);
  g_return_if_fail (positions != NULL);

  for (guint i = 0; i + 1 < GRANT_SEQUENCE_N_LIFELINES; i++)
    gaps[i] = MAX (min_gap, (header_widths[i] + header_widths[i + 1]) / 2 + padding);

  /* Arrows over one gap first: what a wider arrow then needs is spread over its gaps. */
  for (guint span = 1; label_widths != NULL && span < GRANT_SEQUENCE_N_LIFELINES; span++)
    for (guint i = 0; i < self->arrows->len; i++)
      {
        GrantSequenceArrow *arrow = g_ptr_array_index (self->arrows, i);
        guint from = grant_sequence_arrow_get_from (arrow);
        guint to = grant_sequence_arrow_get_to (arrow);
        guint left = MIN (from, to);
        guint right = MAX (from, to);
        double needed = label_widths[i] + 2 * padding;
        double have = 0;

        if (right - left != span)
          continue;
        for (guint g = left; g < right; g++)
          have += gaps[g];
        if (have < needed)
          for (guint g = left; g < right; g++)
            gaps[g] += (needed - have) / span;
      }

  positions[0] = 0;
  for (guint i = 1; i < GRANT_SEQUENCE_N_LIFELINES; i++)
    positions[i] = positions[i - 1] + gaps[i - 1];
}

/* How wide text is in the SVG, without fonts at hand: monospace digits and letters are 0.6 em
 * in the common monospace fonts; the headers' sans-serif bold is taken as wide, to be safe. */
static double
text_width (const char *text,
            double      font_size)
{
  return g_utf8_strlen (text, -1) * 0.6 * font_size;
}

/* Appends @text escaped, then @after. */
static void
append_escaped (GString    *svg,
                const char *text,
                const char *after)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (svg, escaped);
  g_string_append (svg, after);
}

/**
 * grant_sequence_diagram_to_svg:
 * @self: a #GrantSequenceDiagram
 * @scale: how much larger than normal to draw it, 1.0 for normal size
 *
 * Draws the diagram as it is now, for a document or slides: a header per lifeline, a
 * lifeline down from each, and an arrow per step with its number and label as text, failed
 * steps in red.
 *
 * Returns: (transfer full): an SVG 1.1 document
 */
char *
grant_sequence_diagram_to_svg (GrantSequenceDiagram *self,
                               double                scale)
{
  static const char foreground[] = "#241f31";
  static const char lifeline_colour[] = "#9a9996";
  static const char error_colour[] = "#c01c28";
  double header_widths[GRANT_SEQUENCE_N_LIFELINES];
  double positions[GRANT_SEQUENCE_N_LIFELINES];
  g_autofree double *label_widths = NULL;
  double label_size = 13 * scale;
  double header_size = 14 * scale;
  double margin = 16 * scale;
  double gutter = 36 * scale;
  double header_height = 40 * scale;
  double row_height = 40 * scale;
  double left, top, width, height, bottom;
  GString *svg;

  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM (self), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  for (guint i = 0; i < GRANT_SEQUENCE_N_LIFELINES; i++)
    header_widths[i] = MAX (120 * scale,
                            text_width (grant_sequence_lifeline_get_name (i), header_size)
                            + 24 * scale);
  label_widths = g_new0 (double, MAX (self->arrows->len, 1));
  for (guint i = 0; i < self->arrows->len; i++)
    label_widths[i] = text_width (grant_sequence_arrow_get_label (g_ptr_array_index (self->arrows,
                                                                                     i)),
                                  label_size);
  grant_sequence_diagram_place_lifelines (self, header_widths, label_widths, 160 * scale,
                                          16 * scale, positions);

  left = margin + gutter + header_widths[0] / 2;
  top = margin + header_height + 16 * scale;
  bottom = top + self->arrows->len * row_height + 16 * scale;
  width = left + positions[GRANT_SEQUENCE_N_LIFELINES - 1]
          + header_widths[GRANT_SEQUENCE_N_LIFELINES - 1] / 2 + margin;
  height = bottom + margin;

  svg = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (svg,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                          "font-family=\"Cantarell, sans-serif\">\n",
                          width, height, width, height);
  g_string_append (svg, "  <title>");
  append_escaped (svg, _("Sequence diagram"), "</title>\n");
  g_string_append (svg, "  <defs>\n");
  for (guint failed = 0; failed < 2; failed++)
    {
      const char *colour = failed ? error_colour : foreground;

      g_string_append_printf (svg,
                              "    <marker id=\"request%s\" viewBox=\"0 0 10 10\" refX=\"10\" "
                              "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                              "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>\n",
                              failed ? "-failed" : "", colour);
      g_string_append_printf (svg,
                              "    <marker id=\"response%s\" viewBox=\"0 0 10 10\" refX=\"10\" "
                              "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                              "<path d=\"M0,0 L10,5 L0,10\" fill=\"none\" stroke=\"%s\" "
                              "stroke-width=\"1.5\"/></marker>\n",
                              failed ? "-failed" : "", colour);
    }
  g_string_append (svg, "  </defs>\n");
  g_string_append_printf (svg, "  <rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");

  for (guint i = 0; i < GRANT_SEQUENCE_N_LIFELINES; i++)
    {
      double x = left + positions[i];

      g_string_append_printf (svg, "  <g class=\"lifeline\">\n"
                              "    <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                              "stroke=\"%s\" stroke-width=\"%.1f\" "
                              "stroke-dasharray=\"%.1f %.1f\"/>\n",
                              x, margin + header_height, x, bottom, lifeline_colour, 1.0 * scale,
                              4 * scale, 4 * scale);
      g_string_append_printf (svg,
                              "    <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                              "rx=\"%.1f\" fill=\"#f6f5f4\" stroke=\"%s\" "
                              "stroke-width=\"%.1f\"/>\n",
                              x - header_widths[i] / 2, margin, header_widths[i], header_height,
                              6 * scale, lifeline_colour, 1.0 * scale);
      g_string_append_printf (svg, "    <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                              "font-size=\"%.1f\" font-weight=\"bold\" fill=\"%s\">",
                              x, margin + header_height / 2 + header_size * 0.35, header_size,
                              foreground);
      append_escaped (svg, grant_sequence_lifeline_get_name (i), "</text>\n  </g>\n");
    }

  for (guint i = 0; i < self->arrows->len; i++)
    {
      GrantSequenceArrow *arrow = g_ptr_array_index (self->arrows, i);
      gboolean failed = grant_sequence_arrow_get_failed (arrow);
      gboolean response = grant_sequence_arrow_get_kind (arrow) == GRANT_SEQUENCE_ARROW_RESPONSE;
      const char *colour = failed ? error_colour : foreground;
      const char *detail = grant_sequence_arrow_get_detail (arrow);
      double from = left + positions[grant_sequence_arrow_get_from (arrow)];
      double to = left + positions[grant_sequence_arrow_get_to (arrow)];
      double row = top + i * row_height;
      double line_y = row + 26 * scale;
      char step[16];
      char dashes[64];

      g_snprintf (step, sizeof step, "%u", i + 1);
      g_snprintf (dashes, sizeof dashes, " stroke-dasharray=\"%.1f %.1f\"", 6 * scale, 4 * scale);
      g_string_append_printf (svg, "  <g class=\"arrow%s\">\n", failed ? " failed" : "");
      if (detail != NULL)
        {
          g_string_append (svg, "    <title>");
          append_escaped (svg, detail, "</title>\n");
        }
      g_string_append_printf (svg, "    <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
                              "font-size=\"%.1f\" fill=\"%s\">%s</text>\n",
                              margin + gutter - 8 * scale, line_y + label_size * 0.35,
                              label_size * 0.9, lifeline_colour, step);
      g_string_append_printf (svg, "    <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                              "stroke=\"%s\" stroke-width=\"%.1f\"%s marker-end=\"url(#%s%s)\"/>\n",
                              from, line_y, to, line_y, colour, 1.5 * scale,
                              response ? dashes : "",
                              response ? "response" : "request", failed ? "-failed" : "");
      /* The label hides the lifelines it crosses. */
      g_string_append_printf (svg, "    <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                              "height=\"%.1f\" fill=\"#ffffff\"/>\n",
                              (from + to) / 2 - label_widths[i] / 2 - 4 * scale,
                              line_y - 7 * scale - label_size, label_widths[i] + 8 * scale,
                              label_size * 1.3);
      g_string_append_printf (svg, "    <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                              "font-family=\"monospace\" font-size=\"%.1f\" fill=\"%s\">",
                              (from + to) / 2, line_y - 7 * scale, label_size, colour);
      append_escaped (svg, grant_sequence_arrow_get_label (arrow), "</text>\n  </g>\n");
    }

  g_string_append (svg, "</svg>\n");

  return g_string_free (svg, FALSE);
}
