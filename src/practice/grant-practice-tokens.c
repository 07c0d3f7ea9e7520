/* grant-practice-tokens.c
 * The practice provider's tokens: JWT access tokens (RFC 9068) and ID tokens, made with the
 * fault switches applied, and access tokens checked for the API, UserInfo and introspection.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-base64url.h"
#include "grant-id-token.h"
#include "grant-jose-json.h"
#include "grant-jws.h"
#include "grant-practice-tokens.h"

/* Where the wrong-audience fault sends ID tokens. */
#define OTHER_AUDIENCE "practice-someone-else"

void
grant_practice_access_token_free (GrantPracticeAccessToken *access_token)
{
  g_free (access_token->token);
  g_free (access_token->jti);
  g_free (access_token);
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
sign (JsonObject  *header,
      JsonObject  *claims,
      GrantJwk    *key,
      GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), claims);
  char *text = json_to_string (node, FALSE);
  gsize length = strlen (text);
  g_autoptr(GBytes) payload = g_bytes_new_take (text, length);

  return grant_jws_sign (header, payload, key, error);
}

/**
 * grant_practice_tokens_has_scope:
 * @scope: (nullable): a space-separated scope
 * @wanted: one scope
 *
 * Returns: whether @scope includes @wanted
 */
gboolean
grant_practice_tokens_has_scope (const char *scope,
                                 const char *wanted)
{
  gsize length = strlen (wanted);

  for (const char *p = scope; p != NULL && *p != '\0';)
    {
      const char *end = strchr (p, ' ');
      gsize item = end != NULL ? (gsize) (end - p) : strlen (p);

      if (item == length && strncmp (p, wanted, length) == 0)
        return TRUE;
      p = end != NULL ? end + 1 : NULL;
    }

  return FALSE;
}

/**
 * grant_practice_tokens_add_user_claims:
 * @claims: ID token or UserInfo claims
 * @sub: the user
 * @scope: the scope granted
 *
 * Adds the profile and email claims the scope grants (OpenID Connect Core §5.4).
 */
void
grant_practice_tokens_add_user_claims (JsonObject *claims,
                                       const char *sub,
                                       const char *scope)
{
  const GrantPracticeUser *user = grant_practice_directory_find_user (sub);

  if (user == NULL)
    return;

  if (grant_practice_tokens_has_scope (scope, "profile"))
    {
      json_object_set_string_member (claims, "name", user->name);
      json_object_set_string_member (claims, "given_name", user->given_name);
      json_object_set_string_member (claims, "family_name", user->family_name);
      json_object_set_string_member (claims, "preferred_username", user->sub);
    }
  if (grant_practice_tokens_has_scope (scope, "email"))
    {
      json_object_set_string_member (claims, "email", user->email);
      json_object_set_boolean_member (claims, "email_verified", TRUE);
    }
}

/**
 * grant_practice_tokens_issue_access_token:
 * @server: the server
 * @client_id: the client
 * @sub: (nullable): the user, or %NULL for the client itself
 * @scope: (nullable): the scope granted
 * @auth_time: when the user logged in, or 0
 * @family: (nullable): the refresh-token family, so that revoking it revokes this token
 * @jkt: (nullable): the DPoP key thumbprint the token is bound to (RFC 9449 §6)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): an RFC 9068 access token for the API
 */
GrantPracticeAccessToken *
grant_practice_tokens_issue_access_token (GrantPracticeServer  *server,
                                          const char           *client_id,
                                          const char           *sub,
                                          const char           *scope,
                                          gint64                auth_time,
                                          const char           *family,
                                          const char           *jkt,
                                          GError              **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(GrantPracticeAccessToken) access_token = NULL;
  GrantJwk *key;
  guint short_lifetime = 0;
  gint64 issued = now ();

  if (!grant_practice_server_ensure_keys (server, error))
    return NULL;
  key = grant_practice_server_get_access_token_key (server);
  access_token = g_new0 (GrantPracticeAccessToken, 1);

  access_token->expires_in = GRANT_PRACTICE_ACCESS_TOKEN_LIFETIME;
  if (grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS,
                                       &short_lifetime))
    access_token->expires_in = short_lifetime;
  access_token->jti = grant_practice_store_new_secret ();

  json_object_set_string_member (header, "alg", "ES256");
  json_object_set_string_member (header, "typ", "at+jwt");
  json_object_set_string_member (header, "kid", grant_jwk_get_kid (key));

  json_object_set_string_member (claims, "iss", grant_practice_server_get_issuer (server));
  json_object_set_string_member (claims, "sub", sub != NULL ? sub : client_id);
  json_object_set_string_member (claims, "aud", grant_practice_server_get_api_url (server));
  json_object_set_string_member (claims, "client_id", client_id);
  json_object_set_int_member (claims, "iat", issued);
  json_object_set_int_member (claims, "exp", issued + access_token->expires_in);
  json_object_set_string_member (claims, "jti", access_token->jti);
  if (scope != NULL && *scope != '\0')
    json_object_set_string_member (claims, "scope", scope);
  if (auth_time > 0)
    json_object_set_int_member (claims, "auth_time", auth_time);
  /* The grant this token came from, as OpenID Connect's session id, so revoking it reaches here. */
  if (family != NULL)
    json_object_set_string_member (claims, "sid", family);
  if (jkt != NULL)
    {
      JsonObject *cnf = json_object_new ();

      json_object_set_string_member (cnf, "jkt", jkt);
      json_object_set_object_member (claims, "cnf", cnf);
    }

  access_token->token = sign (header, claims, key, error);
  if (access_token->token == NULL)
    return NULL;

  return g_steal_pointer (&access_token);
}

static char *
unsigned_jwt (JsonObject *claims)
{
  static const char header[] = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), claims);
  g_autofree char *payload = json_to_string (node, FALSE);
  g_autofree char *encoded_header = grant_base64url_encode ((const guint8 *) header,
                                                            strlen (header));
  g_autofree char *encoded_payload = grant_base64url_encode ((const guint8 *) payload,
                                                             strlen (payload));

  return g_strconcat (encoded_header, ".", encoded_payload, ".", NULL);
}

static void
spoil_signature (char *jws)
{
  char *signature = strrchr (jws, '.') + 1;
  char *middle = signature + strlen (signature) / 2;

  /* A character in the middle carries six bits of the signature, none of them padding. */
  *middle = *middle == 'A' ? 'B' : 'A';
}

/**
 * grant_practice_tokens_issue_id_token:
 * @server: the server
 * @client: the client, the token's audience
 * @sub: the user
 * @scope: the scope granted, for the profile and email claims
 * @nonce: (nullable): the authorization request's nonce
 * @auth_time: when the user logged in
 * @access_token: (nullable): the access token issued with it, for at_hash
 * @error: return location for a #GError
 *
 * Applies the ID-token fault switches.
 *
 * Returns: (transfer full) (nullable): the ID token
 */
char *
grant_practice_tokens_issue_id_token (GrantPracticeServer        *server,
                                      const GrantPracticeClient  *client,
                                      const char                 *sub,
                                      const char                 *scope,
                                      const char                 *nonce,
                                      gint64                      auth_time,
                                      const char                 *access_token,
                                      GError                    **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) claims = json_object_new ();
  const char *alg = client->id_token_signed_response_alg;
  GrantJwk *key;
  gint64 issued = now ();
  char *id_token;

  if (!grant_practice_server_ensure_keys (server, error))
    return NULL;
  key = grant_practice_server_get_key_for_alg (server, alg);

  if (grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_ID_TOKEN_EXPIRED, NULL))
    issued -= 2 * GRANT_PRACTICE_ID_TOKEN_LIFETIME;

  json_object_set_string_member (claims, "iss", grant_practice_server_get_issuer (server));
  json_object_set_string_member (claims, "sub", sub);
  json_object_set_string_member (claims, "aud",
                                 grant_practice_server_get_fault (server,
                                                                  GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_AUDIENCE,
                                                                  NULL)
                                 ? OTHER_AUDIENCE : client->client_id);
  json_object_set_int_member (claims, "iat", issued);
  json_object_set_int_member (claims, "exp", issued + GRANT_PRACTICE_ID_TOKEN_LIFETIME);
  json_object_set_int_member (claims, "auth_time", auth_time);
  if (nonce != NULL)
    {
      g_autofree char *other = g_strconcat ("not-", nonce, NULL);

      json_object_set_string_member (claims, "nonce",
                                     grant_practice_server_get_fault (server,
                                                                      GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_NONCE,
                                                                      NULL)
                                     ? other : nonce);
    }
  if (access_token != NULL)
    {
      g_autofree char *at_hash = grant_id_token_hash (alg, access_token, error);

      if (at_hash == NULL)
        return NULL;
      json_object_set_string_member (claims, "at_hash", at_hash);
    }
  grant_practice_tokens_add_user_claims (claims, sub, scope);

  if (grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_ID_TOKEN_ALG_NONE, NULL))
    return unsigned_jwt (claims);

  json_object_set_string_member (header, "alg", alg);
  json_object_set_string_member (header, "typ", "JWT");
  json_object_set_string_member (header, "kid", grant_jwk_get_kid (key));
  id_token = sign (header, claims, key, error);
  if (id_token != NULL
      && grant_practice_server_get_fault (server, GRANT_PRACTICE_FAULT_ID_TOKEN_BAD_SIGNATURE,
                                          NULL))
    spoil_signature (id_token);

  return id_token;
}

/**
 * grant_practice_tokens_verify_access_token:
 * @server: the server
 * @token: an access token from a request
 * @error: return location for a #GError, whose message says what is wrong for the client
 *
 * Checks what the API must (RFC 9068 §4): the signature with the provider's key, typ at+jwt,
 * iss, aud, exp, and that it is not revoked. Scopes and DPoP binding are the caller's.
 *
 * Returns: (transfer full) (nullable): the token's claims
 */
JsonObject *
grant_practice_tokens_verify_access_token (GrantPracticeServer  *server,
                                           const char           *token,
                                           GError              **error)
{
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(JsonObject) claims = NULL;
  GBytes *payload;
  g_autoptr(GError) local_error = NULL;
  JsonNode *exp;

  jws = grant_jws_parse (token, -1, &local_error);
  if (jws == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The access token is not a JWT from this provider: %s", local_error->message);
      return NULL;
    }
  if (g_strcmp0 (grant_jws_get_typ (jws), "at+jwt") != 0
      || g_strcmp0 (grant_jws_get_alg (jws), "ES256") != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The access token is not an ES256 JWT with typ at+jwt (RFC 9068).");
      return NULL;
    }
  if (!grant_practice_server_ensure_keys (server, error))
    return NULL;
  if (!grant_jws_verify (jws, grant_practice_server_get_access_token_key (server), &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The access token's signature does not verify: %s", local_error->message);
      return NULL;
    }

  payload = grant_jws_get_payload (jws);
  claims = grant_jose_json_parse_object (g_bytes_get_data (payload, NULL),
                                         g_bytes_get_size (payload),
                                         N_("The access token's claims"),
                                         error);
  if (claims == NULL)
    return NULL;

  if (g_strcmp0 (grant_jose_json_lookup_string (claims, "iss"),
                 grant_practice_server_get_issuer (server)) != 0
      || g_strcmp0 (grant_jose_json_lookup_string (claims, "aud"),
                    grant_practice_server_get_api_url (server)) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The access token is for another issuer or audience.");
      return NULL;
    }

  exp = json_object_get_member (claims, "exp");
  if (exp == NULL || !JSON_NODE_HOLDS_VALUE (exp) || json_node_get_value_type (exp) != G_TYPE_INT64
      || json_node_get_int (exp) <= now ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           "The access token expired.");
      return NULL;
    }

  if (grant_practice_store_is_access_token_revoked (grant_practice_server_get_store (server),
                                                    grant_jose_json_lookup_string (claims, "jti"),
                                                    grant_jose_json_lookup_string (claims, "sid")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           "The access token was revoked.");
      return NULL;
    }

  return g_steal_pointer (&claims);
}
