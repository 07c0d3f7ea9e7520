/* grant-token-response.c
 * What a token endpoint answered (RFC 6749 §5.1), or why it refused (§5.2).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server's refusal becomes a GError whose code is its OAuth error code and whose message
 * holds the code and the server's own description, since that is what the user debugging an
 * integration needs to read first.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-jose-json.h"
#include "grant-oauth-error.h"
#include "grant-token-response.h"

struct _GrantTokenResponse
{
  GObject        parent_instance;

  GrantExchange *exchange;
  JsonObject    *json;
  gint64         expires_in;
  gint64         expires_at;
};

G_DEFINE_FINAL_TYPE (GrantTokenResponse, grant_token_response, G_TYPE_OBJECT)

static void
grant_token_response_finalize (GObject *object)
{
  GrantTokenResponse *self = (GrantTokenResponse *)object;

  g_clear_object (&self->exchange);
  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (grant_token_response_parent_class)->finalize (object);
}

static void
grant_token_response_class_init (GrantTokenResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grant_token_response_finalize;
}

static void
grant_token_response_init (GrantTokenResponse *self)
{
  self->expires_in = -1;
  self->expires_at = -1;
}

static char *
body_excerpt (GBytes *body)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  g_autofree char *valid = NULL;
  g_autofree char *cut = NULL;

  if (data == NULL || size == 0)
    return g_strdup (_("an empty body"));

  valid = g_utf8_make_valid (data, (gssize) MIN (size, 120));
  for (char *p = valid; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      *p = ' ';
  cut = g_strstrip (g_strdup (valid));

  return g_strdup_printf ("“%s%s”", cut, size > 120 ? "…" : "");
}

/**
 * grant_oauth_response_parse:
 * @exchange: a completed exchange with an OAuth endpoint
 * @what: what the endpoint is, for messages ("The token endpoint")
 * @error: return location for a #GError
 *
 * Reads an OAuth JSON response. A 2xx with a JSON object is returned; an OAuth error
 * response (RFC 6749 §5.2: a JSON object with `error`) becomes a %GRANT_OAUTH_ERROR of that
 * code, with the code and `error_description` in the message; any other answer is
 * %GRANT_OAUTH_ERROR_SERVER or %GRANT_OAUTH_ERROR_INVALID_RESPONSE saying what came back.
 *
 * Returns: (transfer full): the JSON object, or %NULL with @error set
 */
JsonObject *
grant_oauth_response_parse (GrantExchange  *exchange,
                            const char     *what,
                            GError        **error)
{
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) json_error = NULL;
  GBytes *body;
  guint status;
  const char *data;
  gsize size = 0;

  g_return_val_if_fail (GRANT_IS_EXCHANGE (exchange), NULL);
  g_return_val_if_fail (what != NULL, NULL);

  status = grant_exchange_get_status (exchange);
  body = grant_exchange_get_response_body (exchange);
  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  json = grant_jose_json_parse_object (data != NULL ? data : "", size, N_("The response"),
                                       &json_error);

  if (json != NULL && json_object_has_member (json, "error")
      && (status >= 400 || status == 200))
    {
      JsonNode *code_node = json_object_get_member (json, "error");
      JsonNode *description_node = json_object_get_member (json, "error_description");
      const char *code = JSON_NODE_HOLDS_VALUE (code_node)
                         && json_node_get_value_type (code_node) == G_TYPE_STRING
                         ? json_node_get_string (code_node) : NULL;
      const char *description = description_node != NULL
                                && JSON_NODE_HOLDS_VALUE (description_node)
                                && json_node_get_value_type (description_node) == G_TYPE_STRING
                                ? json_node_get_string (description_node) : NULL;

      if (code == NULL)
        {
          g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                       /* Translators: %s is who answered, e.g. "The token endpoint", %u an
                        * HTTP status. */
                       _("%s answered %u with an “error” that is not a string"), what, status);
          return NULL;
        }

      g_set_error (error, GRANT_OAUTH_ERROR, grant_oauth_error_from_code (code),
                   /* Translators: who answered, the OAuth error code, then ": " and the
                    * server's error_description, or nothing. */
                   _("%s answered “%s”%s%s"), what, code,
                   description != NULL ? ": " : "", description != NULL ? description : "");
      return NULL;
    }

  if (status < 200 || status >= 300)
    {
      g_autofree char *excerpt = body_excerpt (body);

      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_SERVER,
                   /* Translators: who answered, the HTTP status and reason phrase, then a
                    * quoted excerpt of the body or "an empty body". */
                   _("%s answered %u %s, with %s instead of an OAuth error"), what, status,
                   grant_exchange_get_reason_phrase (exchange) != NULL
                   ? grant_exchange_get_reason_phrase (exchange) : "", excerpt);
      return NULL;
    }

  if (json == NULL)
    {
      g_autofree char *excerpt = body_excerpt (body);

      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                   _("%s answered %u with %s, which is not a JSON object: %s"), what, status,
                   excerpt, json_error->message);
      return NULL;
    }

  return g_steal_pointer (&json);
}

/**
 * grant_token_response_new_from_exchange:
 * @exchange: a completed exchange with a token endpoint
 * @error: return location for a #GError
 *
 * Reads a successful token response: it must have `access_token` and `token_type` as
 * strings; `expires_in`, when present, must be a non-negative number.
 *
 * Returns: (transfer full): the response, or %NULL with @error set as
 *   grant_oauth_response_parse() sets it, or %GRANT_OAUTH_ERROR_INVALID_RESPONSE
 */
GrantTokenResponse *
grant_token_response_new_from_exchange (GrantExchange  *exchange,
                                        GError        **error)
{
  g_autoptr(JsonObject) json = NULL;

  g_return_val_if_fail (GRANT_IS_EXCHANGE (exchange), NULL);

  json = grant_oauth_response_parse (exchange, _("The token endpoint"), error);
  if (json == NULL)
    return NULL;

  return grant_token_response_new_from_json (json, exchange, TRUE, error);
}

/**
 * grant_token_response_new_from_json:
 * @json: the members of a token response: a token endpoint's JSON, or the parameters of an
 *   implicit or hybrid authorization response (RFC 6749 §4.2.2)
 * @exchange: the exchange they came in
 * @access_token_required: whether access_token and token_type must be there; not for an
 *   implicit response of type `id_token` alone
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *   (%GRANT_OAUTH_ERROR_INVALID_RESPONSE) when a required member is missing or wrong
 */
GrantTokenResponse *
grant_token_response_new_from_json (JsonObject     *json,
                                    GrantExchange  *exchange,
                                    gboolean        access_token_required,
                                    GError        **error)
{
  GrantTokenResponse *self;
  JsonNode *expires_in;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (GRANT_IS_EXCHANGE (exchange), NULL);

  if (access_token_required
      && (grant_jose_json_lookup_string (json, "access_token") == NULL
          || grant_jose_json_lookup_string (json, "token_type") == NULL))
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                   _("The token response has no %s: RFC 6749 §5.1 requires access_token and "
                     "token_type, both strings"),
                   grant_jose_json_lookup_string (json, "access_token") == NULL
                   ? "access_token" : "token_type");
      return NULL;
    }

  self = g_object_new (GRANT_TYPE_TOKEN_RESPONSE, NULL);
  self->exchange = g_object_ref (exchange);

  expires_in = json_object_get_member (json, "expires_in");
  if (expires_in != NULL && !JSON_NODE_HOLDS_NULL (expires_in))
    {
      GType type = JSON_NODE_HOLDS_VALUE (expires_in) ? json_node_get_value_type (expires_in)
                                                      : G_TYPE_INVALID;
      gint64 seconds = -1;

      if (type == G_TYPE_INT64)
        seconds = json_node_get_int (expires_in);
      else if (type == G_TYPE_DOUBLE && json_node_get_double (expires_in) >= 0
               && json_node_get_double (expires_in) < (double) G_MAXINT32)
        seconds = (gint64) json_node_get_double (expires_in);
      else if (type == G_TYPE_STRING)
        {
          /* Some servers send a string; read it if it is a plain number, as clients do. */
          guint64 parsed = 0;

          if (g_ascii_string_to_unsigned (json_node_get_string (expires_in), 10, 0, G_MAXINT32,
                                          &parsed, NULL))
            seconds = (gint64) parsed;
        }

      if (seconds < 0 || seconds > G_MAXINT32)
        {
          g_object_unref (self);
          g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_RESPONSE,
                               _("The token response's expires_in is not a number of seconds "
                                 "(RFC 6749 §5.1)"));

          return NULL;
        }
      self->expires_in = seconds;
      /* Counted from when the request was sent: the token cannot have been issued before. */
      self->expires_at = grant_exchange_get_timings (exchange)->started_at / G_USEC_PER_SEC
                         + seconds;
    }

  self->json = json_object_ref (json);

  return self;
}

/**
 * grant_token_response_get_exchange:
 * @self: a #GrantTokenResponse
 *
 * Returns: (transfer none): the exchange it came in
 */
GrantExchange *
grant_token_response_get_exchange (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), NULL);

  return self->exchange;
}

/**
 * grant_token_response_get_json:
 * @self: a #GrantTokenResponse
 *
 * Returns: (transfer none): the whole response, for members Grant does not name
 */
JsonObject *
grant_token_response_get_json (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), NULL);

  return self->json;
}

const char *
grant_token_response_get_access_token (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), NULL);

  return grant_jose_json_lookup_string (self->json, "access_token");
}

const char *
grant_token_response_get_token_type (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), NULL);

  return grant_jose_json_lookup_string (self->json, "token_type");
}

/**
 * grant_token_response_get_expires_in:
 * @self: a #GrantTokenResponse
 *
 * Returns: the access token's lifetime in seconds, or -1 when the server did not say
 */
gint64
grant_token_response_get_expires_in (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), -1);

  return self->expires_in;
}

/**
 * grant_token_response_get_expires_at:
 * @self: a #GrantTokenResponse
 *
 * Returns: when the access token expires, in seconds since the epoch, or -1 when unknown
 */
gint64
grant_token_response_get_expires_at (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), -1);

  return self->expires_at;
}

const char *
grant_token_response_get_refresh_token (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), NULL);

  return grant_jose_json_lookup_string (self->json, "refresh_token");
}

const char *
grant_token_response_get_scope (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), NULL);

  return grant_jose_json_lookup_string (self->json, "scope");
}

const char *
grant_token_response_get_id_token (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), NULL);

  return grant_jose_json_lookup_string (self->json, "id_token");
}

const char *
grant_token_response_get_issued_token_type (GrantTokenResponse *self)
{
  g_return_val_if_fail (GRANT_IS_TOKEN_RESPONSE (self), NULL);

  return grant_jose_json_lookup_string (self->json, "issued_token_type");
}
