/* grant-test-op.c
 * A small OpenID Provider on a loopback SoupServer that misbehaves on request, as the OpenID
 * Foundation's relying-party conformance suite does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It knows one client and one user. It serves discovery, a key set at a random path that only
 * discovery tells, an authorization endpoint that approves at once (a 302 to the redirect URI,
 * or a form_post page), a token endpoint that checks the client's authentication the way the
 * client is registered, and UserInfo. Its tokens are built here and signed with Grant's JOSE
 * primitives, so the relying party under test (discovery, the flows, ID-token and UserInfo
 * validation) meets tokens that its own flow code did not make. Each switch of
 * GrantTestOpConfig is one of the suite's mutations, done the way the suite does it (XOR the
 * signature with 0x5A, append "1").
 *
 * The server runs on the test's own main context. That is safe because every call the
 * relying party makes is asynchronous.
 */

#include "config.h"

#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "grant-base64url.h"
#include "grant-id-token.h"
#include "grant-jws.h"
#include "grant-jwt-claims.h"
#include "grant-test-op.h"
#include "grant-test-server.h"

#define JWT_BEARER_ASSERTION_TYPE "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
#define TOKEN_LIFETIME 300

/* What the authorization endpoint remembers of a request, for the code's redemption. */
typedef struct
{
  char *redirect_uri;
  char *nonce;
  char *code_challenge;
} Authorization;

struct _GrantTestOp
{
  GrantTestOpConfig  config;
  SoupServer        *server;
  char              *issuer;
  char              *jwks_path;
  char              *jwks_uri;
  char              *token_endpoint;

  GrantJwk          *rsa_key;       /* signs RS256 ID tokens and UserInfo */
  GrantJwk          *ec_key;        /* signs ES256 ID tokens */
  GrantJwk          *secret_key;    /* the client secret, for HS256 (OpenID Connect Core §10.1) */
  GPtrArray         *other_keys;    /* JsonObject: public keys served but never used */

  GHashTable        *codes;         /* code → Authorization */
  GHashTable        *access_tokens; /* the access tokens issued, a set */
  GHashTable        *jtis;          /* the client assertions' jti seen, a set */

  guint              n_id_tokens;
  guint              n_token_requests;
  guint              n_jwks_requests;
  char              *client_auth_used;
  char              *last_nonce;
  char              *userinfo_bearer;
};

static const char * const response_types[] = {
  "code", "id_token", "id_token token", "code id_token", "code token", "code id_token token",
  NULL
};

static void
authorization_free (Authorization *authorization)
{
  g_free (authorization->redirect_uri);
  g_free (authorization->nonce);
  g_free (authorization->code_challenge);
  g_free (authorization);
}

static char *
random_string (const char *prefix)
{
  guint8 bytes[24];
  g_autofree char *encoded = NULL;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_random_int_range (0, 256);
  encoded = grant_base64url_encode (bytes, sizeof bytes);

  return g_strconcat (prefix, encoded, NULL);
}

/* JSON-GLib copies the strings it is given. */
static void
set_string_concat (JsonObject *object,
                   const char *member,
                   const char *value,
                   const char *suffix)
{
  g_autofree char *joined = g_strconcat (value, suffix, NULL);

  json_object_set_string_member (object, member, joined);
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);

  return json_to_string (node, FALSE);
}

static JsonArray *
string_array (const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);

  return array;
}

static gboolean
has_part (const char *response_type,
          const char *part)
{
  g_auto(GStrv) parts = g_strsplit (response_type, " ", -1);

  return g_strv_contains ((const char * const *) parts, part);
}

static const char *
auth_method (GrantTestOp *self)
{
  return self->config.token_endpoint_auth_method != NULL
         ? self->config.token_endpoint_auth_method : "client_secret_basic";
}

static const char *
id_token_alg (GrantTestOp *self)
{
  return self->config.id_token_alg != NULL ? self->config.id_token_alg : "RS256";
}

/* Keys. */

static GrantJwk *
generate_key (const char *alg,
              gboolean    named)
{
  g_autoptr(GError) error = NULL;
  GrantJwk *key = grant_jwk_generate (alg, &error);

  g_assert_no_error (error);

  /* The suite's kid-absent key sets have neither kid nor alg, so that only the key type can
   * tell which key fits a token. */
  if (!named)
    {
      grant_jwk_set_kid (key, NULL);
      grant_jwk_set_alg (key, NULL);
    }

  return key;
}

static JsonObject *
public_jwk (const char *alg)
{
  g_autoptr(GrantJwk) key = generate_key (alg, FALSE);

  return grant_jwk_to_json (key, FALSE);
}

static void
add_coordinate (JsonObject *object,
                const char *member,
                EVP_PKEY   *pkey,
                const char *param)
{
  guint8 bytes[32];
  BIGNUM *value = NULL;
  g_autofree char *encoded = NULL;

  g_assert_cmpint (EVP_PKEY_get_bn_param (pkey, param, &value), ==, 1);
  g_assert_cmpint (BN_bn2binpad (value, bytes, sizeof bytes), ==, sizeof bytes);
  BN_free (value);
  encoded = grant_base64url_encode (bytes, sizeof bytes);
  json_object_set_string_member (object, member, encoded);
}

/* A secp256k1 public key, which the suite puts in its kid-absent sets and which Grant does not
 * support: made with OpenSSL directly, since Grant cannot make one. */
static JsonObject *
secp256k1_public_jwk (void)
{
  EVP_PKEY *pkey = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "secp256k1");
  JsonObject *object = json_object_new ();

  g_assert_nonnull (pkey);
  json_object_set_string_member (object, "kty", "EC");
  json_object_set_string_member (object, "crv", "secp256k1");
  add_coordinate (object, "x", pkey, OSSL_PKEY_PARAM_EC_PUB_X);
  add_coordinate (object, "y", pkey, OSSL_PKEY_PARAM_EC_PUB_Y);
  EVP_PKEY_free (pkey);

  return object;
}

/* Keys no relying party can parse (the suite's "ignores unparseable key" test): a post-quantum
 * key type with a made-up parameter set, and a made-up key type. */
static void
add_unparseable_keys (JsonArray *keys)
{
  guint8 bytes[64];
  g_autofree char *pub = NULL;
  JsonObject *akp = json_object_new ();
  JsonObject *unknown = json_object_new ();

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_random_int_range (0, 256);
  pub = grant_base64url_encode (bytes, sizeof bytes);

  json_object_set_string_member (akp, "kty", "AKP");
  json_object_set_string_member (akp, "alg", "ML-DSA-65");
  json_object_set_string_member (akp, "kid", "x");
  json_object_set_string_member (akp, "pub", pub);
  json_array_add_object_element (keys, akp);

  json_object_set_string_member (unknown, "kty", "XYZ");
  json_object_set_string_member (unknown, "kid", "y");
  json_array_add_object_element (keys, unknown);
}

static void
rotate_keys (GrantTestOp *self)
{
  g_clear_object (&self->rsa_key);
  self->rsa_key = generate_key ("RS256", self->config.jwks_shape == GRANT_TEST_OP_JWKS_WITH_KIDS);
  g_test_message ("The test provider rotated its signing key; the new one's kid is “%s”",
                  grant_jwk_get_kid (self->rsa_key));
}

/* Tokens. */

/* Signs @claims with @alg: the provider's RSA or EC key, the client secret for HS256, or no
 * signature at all for "none". */
static char *
sign_claims (GrantTestOp *self,
             const char  *alg,
             JsonObject  *claims)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autofree char *payload_text = object_to_string (claims);
  g_autoptr(GBytes) payload = g_bytes_new (payload_text, strlen (payload_text));
  g_autoptr(GError) error = NULL;
  GrantJwk *key;
  char *jws;

  json_object_set_string_member (header, "alg", alg);
  json_object_set_string_member (header, "typ", "JWT");

  if (g_str_equal (alg, "none"))
    {
      g_autofree char *header_text = object_to_string (header);
      g_autofree char *header_b64 = grant_base64url_encode ((const guint8 *) header_text,
                                                            strlen (header_text));
      g_autofree char *payload_b64 = grant_base64url_encode_bytes (payload);

      return g_strconcat (header_b64, ".", payload_b64, ".", NULL);
    }

  if (g_str_equal (alg, "ES256"))
    key = self->ec_key;
  else if (g_str_equal (alg, "HS256"))
    key = self->secret_key;
  else
    key = self->rsa_key;

  if (grant_jwk_get_kid (key) != NULL)
    json_object_set_string_member (header, "kid", grant_jwk_get_kid (key));

  jws = grant_jws_sign (header, payload, key, &error);
  g_assert_no_error (error);

  return jws;
}

/* The suite's invalid signature: every byte of it XORed with 0x5A. */
static char *
corrupt_signature (const char *jws)
{
  const char *dot = strrchr (jws, '.');
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autofree guint8 *flipped = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *signing_input = NULL;
  gsize length;

  g_assert_nonnull (dot);
  signature = grant_base64url_decode (dot + 1, -1, &error);
  g_assert_no_error (error);
  length = g_bytes_get_size (signature);
  g_assert_cmpuint (length, >, 0);
  flipped = g_memdup2 (g_bytes_get_data (signature, NULL), length);
  for (gsize i = 0; i < length; i++)
    flipped[i] ^= 0x5A;

  encoded = grant_base64url_encode (flipped, length);
  signing_input = g_strndup (jws, dot + 1 - jws);

  return g_strconcat (signing_input, encoded, NULL);
}

static void
set_hash (JsonObject *claims,
          const char *name,
          const char *alg,
          const char *value,
          gboolean    wrong)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = grant_id_token_hash (alg, value, &error);

  g_assert_no_error (error);
  set_string_concat (claims, name, hash, wrong ? "1" : "");
}

/* An ID token for the one user, with the mutations the configuration asks for. @access_token
 * and @code are what is issued beside it, for at_hash and c_hash. */
static char *
issue_id_token (GrantTestOp *self,
                const char  *nonce,
                const char  *access_token,
                const char  *code)
{
  const GrantTestOpConfig *config = &self->config;
  const char *alg = id_token_alg (self);
  gboolean signed_token = !g_str_equal (alg, "none");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(JsonObject) claims = json_object_new ();
  char *id_token;

  /* The rotation after the first ID token happens when the second is signed: rotating at
   * once would change the key set before the relying party fetched it to check the first. */
  if ((self->n_id_tokens == 0 && config->rotate_before_first_id_token)
      || (self->n_id_tokens == 1 && config->rotate_after_first_id_token))
    rotate_keys (self);

  set_string_concat (claims, "iss", self->issuer, config->issuer_mismatch ? "1" : "");
  if (!config->omit_sub)
    json_object_set_string_member (claims, "sub", GRANT_TEST_OP_SUB);
  if (config->aud_mismatch)
    json_object_set_string_member (claims, "aud", GRANT_TEST_OP_CLIENT_ID "1");
  else if (!config->omit_aud)
    json_object_set_string_member (claims, "aud", GRANT_TEST_OP_CLIENT_ID);
  json_object_set_int_member (claims, "exp", now + TOKEN_LIFETIME);
  if (!config->omit_iat)
    json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "auth_time", now);
  if (nonce != NULL)
    set_string_concat (claims, "nonce", nonce, config->nonce_mismatch ? "1" : "");
  if (access_token != NULL && signed_token && !config->omit_at_hash)
    set_hash (claims, "at_hash", alg, access_token, config->bad_at_hash);
  if (code != NULL && signed_token && !config->omit_c_hash)
    set_hash (claims, "c_hash", alg, code, config->bad_c_hash);

  id_token = sign_claims (self, alg, claims);
  if (config->bad_signature && signed_token)
    {
      char *corrupted = corrupt_signature (id_token);

      g_free (id_token);
      id_token = corrupted;
    }

  self->n_id_tokens++;

  return id_token;
}

/* Answers. */

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body, strlen (body));
  soup_server_message_set_status (message, status, NULL);
}

static void
respond_json (SoupServerMessage *message,
              guint              status,
              JsonObject        *object)
{
  g_autofree char *text = object_to_string (object);

  respond (message, status, "application/json", text);
}

static void
respond_oauth_error (SoupServerMessage *message,
                     guint              status,
                     const char        *error_code,
                     const char        *description)
{
  g_autoptr(JsonObject) object = json_object_new ();

  g_test_message ("The test provider refuses %s: %s (%s)",
                  g_uri_get_path (soup_server_message_get_uri (message)), error_code, description);
  json_object_set_string_member (object, "error", error_code);
  json_object_set_string_member (object, "error_description", description);
  respond_json (message, status, object);
}

/* Discovery. */

static void
serve_discovery (GrantTestOp       *self,
                 SoupServerMessage *message)
{
  static const char * const response_modes[] = { "query", "fragment", "form_post", NULL };
  static const char * const subject_types[] = { "public", NULL };
  static const char * const pkce_methods[] = { "S256", NULL };
  static const char * const assertion_algs[] = { "HS256", "RS256", "ES256", "EdDSA", NULL };
  g_autoptr(JsonObject) document = json_object_new ();
  const char *algs[] = { id_token_alg (self), NULL };
  const char *methods[] = { auth_method (self), NULL };
  const char *userinfo_algs[] = { "RS256", NULL };
  g_autofree char *authorization_endpoint = grant_test_server_get_url (self->server,
                                                                       "/authorize");
  g_autofree char *userinfo_endpoint = grant_test_server_get_url (self->server, "/userinfo");

  set_string_concat (document, "issuer", self->issuer,
                     self->config.discovery_issuer_mismatch ? "INVALID" : "");
  json_object_set_string_member (document, "authorization_endpoint", authorization_endpoint);
  json_object_set_string_member (document, "token_endpoint", self->token_endpoint);
  json_object_set_string_member (document, "userinfo_endpoint", userinfo_endpoint);
  json_object_set_string_member (document, "jwks_uri", self->jwks_uri);
  json_object_set_array_member (document, "response_types_supported",
                                string_array (response_types));
  json_object_set_array_member (document, "response_modes_supported",
                                string_array (response_modes));
  json_object_set_array_member (document, "subject_types_supported",
                                string_array (subject_types));
  json_object_set_array_member (document, "id_token_signing_alg_values_supported",
                                string_array (algs));
  json_object_set_array_member (document, "token_endpoint_auth_methods_supported",
                                string_array (methods));
  json_object_set_array_member (document, "token_endpoint_auth_signing_alg_values_supported",
                                string_array (assertion_algs));
  if (self->config.userinfo_signed)
    json_object_set_array_member (document, "userinfo_signing_alg_values_supported",
                                  string_array (userinfo_algs));
  json_object_set_array_member (document, "code_challenge_methods_supported",
                                string_array (pkce_methods));
  json_object_set_boolean_member (document, "authorization_response_iss_parameter_supported",
                                  TRUE);

  respond_json (message, SOUP_STATUS_OK, document);
}

static void
serve_jwks (GrantTestOp       *self,
            SoupServerMessage *message)
{
  g_autoptr(JsonObject) jwks = json_object_new ();
  JsonArray *keys = json_array_new ();

  self->n_jwks_requests++;
  json_array_add_object_element (keys, grant_jwk_to_json (self->rsa_key, FALSE));
  json_array_add_object_element (keys, grant_jwk_to_json (self->ec_key, FALSE));
  for (guint i = 0; i < self->other_keys->len; i++)
    json_array_add_object_element (keys, json_object_ref (g_ptr_array_index (self->other_keys,
                                                                             i)));
  if (self->config.jwks_unparseable_keys)
    add_unparseable_keys (keys);
  json_object_set_array_member (jwks, "keys", keys);

  respond_json (message, SOUP_STATUS_OK, jwks);
}

/* The authorization endpoint. */

static void
add_param (GPtrArray  *params,
           const char *name,
           const char *value)
{
  g_ptr_array_add (params, g_strdup (name));
  g_ptr_array_add (params, g_strdup (value));
}

/* The response goes back by a redirect with the parameters in the query or the fragment
 * (OAuth 2.0 Multiple Response Type Encoding Practices §2.1), or as a page whose form posts
 * them (OAuth 2.0 Form Post Response Mode §2). */
static void
send_authorization_response (SoupServerMessage *message,
                             const char        *redirect_uri,
                             const char        *response_mode,
                             GPtrArray         *params)
{
  if (g_str_equal (response_mode, "form_post"))
    {
      g_autofree char *action = g_markup_escape_text (redirect_uri, -1);
      g_autoptr(GString) page = g_string_new (NULL);

      g_string_append_printf (page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                              "<title>Submit this form</title></head>"
                              "<body onload=\"document.forms[0].submit()\">"
                              "<form method=\"post\" action=\"%s\">", action);
      for (guint i = 0; i + 1 < params->len; i += 2)
        {
          g_autofree char *name = g_markup_escape_text (g_ptr_array_index (params, i), -1);
          g_autofree char *value = g_markup_escape_text (g_ptr_array_index (params, i + 1), -1);

          g_string_append_printf (page, "<input type=\"hidden\" name=\"%s\" value=\"%s\"/>",
                                  name, value);
        }
      g_string_append (page, "</form></body></html>");
      respond (message, SOUP_STATUS_OK, "text/html; charset=utf-8", page->str);
    }
  else
    {
      g_autoptr(GString) location = g_string_new (redirect_uri);
      char separator = g_str_equal (response_mode, "fragment") ? '#'
                       : strchr (redirect_uri, '?') != NULL ? '&' : '?';

      for (guint i = 0; i + 1 < params->len; i += 2)
        {
          g_autofree char *value = g_uri_escape_string (g_ptr_array_index (params, i + 1), NULL,
                                                        FALSE);

          g_string_append_printf (location, "%c%s=%s", i == 0 ? separator : '&',
                                  (const char *) g_ptr_array_index (params, i), value);
        }
      soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, location->str);
    }
}

static void
serve_authorization (GrantTestOp       *self,
                     SoupServerMessage *message,
                     GHashTable        *query)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  const char *client_id = query != NULL ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect_uri = query != NULL ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *response_type;
  const char *response_mode;
  const char *state;
  const char *nonce;
  const char *prompt;
  const char *error_code = NULL;
  const char *description = NULL;

  /* An unknown client or redirect URI gets a page, never a redirect (RFC 6749 §4.1.2.1). */
  if (g_strcmp0 (client_id, GRANT_TEST_OP_CLIENT_ID) != 0
      || g_strcmp0 (redirect_uri, GRANT_TEST_OP_REDIRECT_URI) != 0)
    {
      g_test_message ("The test provider refuses an authorization request for client “%s” "
                      "and redirect URI “%s”", client_id, redirect_uri);
      respond (message, SOUP_STATUS_BAD_REQUEST, "text/plain", "Unknown client or redirect URI");
      return;
    }

  response_type = g_hash_table_lookup (query, "response_type");
  state = g_hash_table_lookup (query, "state");
  nonce = g_hash_table_lookup (query, "nonce");
  prompt = g_hash_table_lookup (query, "prompt");
  response_mode = g_hash_table_lookup (query, "response_mode");
  if (response_mode == NULL)
    response_mode = g_strcmp0 (response_type, "code") == 0 ? "query" : "fragment";

  g_free (self->last_nonce);
  self->last_nonce = g_strdup (nonce);

  if (response_type == NULL || !g_strv_contains (response_types, response_type))
    {
      error_code = "unsupported_response_type";
      description = "This provider does not support that response type";
    }
  else if (g_strcmp0 (prompt, "none") == 0)
    {
      /* No one is logged in here, so prompt=none can only fail (OpenID Connect Core
       * §3.1.2.6); the suite's form_post error test relies on it. */
      error_code = "login_required";
      description = "The End-User is not logged in, and prompt=none forbids asking";
    }
  else if (self->config.require_nonce && !g_str_equal (response_type, "code") && nonce == NULL)
    {
      error_code = "invalid_request";
      description = "The nonce is required for this response type";
    }

  if (error_code != NULL)
    {
      g_test_message ("The test provider answers the authorization request with %s: %s",
                      error_code, description);
      add_param (params, "error", error_code);
      add_param (params, "error_description", description);
    }
  else
    {
      g_autofree char *code = NULL;
      g_autofree char *access_token = NULL;

      if (has_part (response_type, "code"))
        {
          Authorization *authorization = g_new0 (Authorization, 1);

          code = random_string ("code-");
          authorization->redirect_uri = g_strdup (redirect_uri);
          authorization->nonce = g_strdup (nonce);
          authorization->code_challenge = g_strdup (g_hash_table_lookup (query,
                                                                          "code_challenge"));
          g_hash_table_insert (self->codes, g_strdup (code), authorization);
          add_param (params, "code", code);
        }
      if (has_part (response_type, "token"))
        {
          access_token = random_string ("at-");
          g_hash_table_add (self->access_tokens, g_strdup (access_token));
          add_param (params, "access_token", access_token);
          add_param (params, "token_type", "Bearer");
          add_param (params, "expires_in", G_STRINGIFY (TOKEN_LIFETIME));
        }
      if (has_part (response_type, "id_token"))
        {
          g_autofree char *id_token = issue_id_token (self, nonce, access_token, code);

          add_param (params, "id_token", id_token);
        }
    }

  if (state != NULL)
    add_param (params, "state", state);
  add_param (params, "iss", self->issuer);

  send_authorization_response (message, redirect_uri, response_mode, params);
}

/* The token endpoint and client authentication. */

/* RFC 6749 §2.3.1: client_secret_basic form-encodes the ID and the secret (Appendix B) before
 * they are joined with a colon, so a plus is a space. */
static char *
form_decode (const char *text)
{
  g_autofree char *plus_as_space = g_strdup (text);

  g_strdelimit (plus_as_space, "+", ' ');

  return g_uri_unescape_string (plus_as_space, NULL);
}

static gboolean
check_basic (const char  *authorization,
             GHashTable  *form,
             char       **failure)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  gsize length = 0;
  char *colon;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Basic ", 6) != 0)
    {
      *failure = g_strdup ("client_secret_basic needs an HTTP Basic Authorization header");
      return FALSE;
    }
  if (g_hash_table_contains (form, "client_secret"))
    {
      *failure = g_strdup ("The client authenticated twice: Basic, and client_secret in the "
                           "body (RFC 6749 §2.3)");
      return FALSE;
    }

  decoded = g_base64_decode (authorization + 6, &length);
  credentials = g_strndup ((const char *) decoded, length);
  colon = strchr (credentials, ':');
  if (colon == NULL)
    {
      *failure = g_strdup ("The Basic credentials have no colon");
      return FALSE;
    }
  *colon = '\0';
  client_id = form_decode (credentials);
  client_secret = form_decode (colon + 1);

  if (g_strcmp0 (client_id, GRANT_TEST_OP_CLIENT_ID) != 0
      || g_strcmp0 (client_secret, GRANT_TEST_OP_CLIENT_SECRET) != 0)
    {
      *failure = g_strdup_printf ("The Basic credentials, form-decoded, are client “%s” with "
                                  "a secret that is not this client's (sent “%s:%s”)",
                                  client_id, credentials, colon + 1);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_assertion (GrantTestOp  *self,
                 const char   *method,
                 GHashTable   *form,
                 char        **failure)
{
  const char *type = g_hash_table_lookup (form, "client_assertion_type");
  const char *assertion = g_hash_table_lookup (form, "client_assertion");
  const char *client_id = g_hash_table_lookup (form, "client_id");
  gboolean symmetric = g_str_equal (method, "client_secret_jwt");
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audiences = NULL;
  GrantJwk *key = symmetric ? self->secret_key : self->config.client_public_key;
  const char *alg;
  const char *jti;
  gint64 exp = 0;

  if (g_strcmp0 (type, JWT_BEARER_ASSERTION_TYPE) != 0 || assertion == NULL)
    {
      *failure = g_strdup_printf ("%s needs client_assertion_type %s and a client_assertion",
                                  method, JWT_BEARER_ASSERTION_TYPE);
      return FALSE;
    }
  if (client_id != NULL && !g_str_equal (client_id, GRANT_TEST_OP_CLIENT_ID))
    {
      *failure = g_strdup_printf ("The client_id “%s” is not this client's", client_id);
      return FALSE;
    }

  jws = grant_jws_parse (assertion, -1, &error);
  if (jws == NULL)
    {
      *failure = g_strdup_printf ("The client assertion is not a JWS: %s", error->message);
      return FALSE;
    }

  /* client_secret_jwt is HMAC with the secret; private_key_jwt is signed with the key
   * registered for the client, never a MAC (OpenID Connect Core §9). */
  alg = grant_jws_get_alg (jws);
  if (symmetric ? !g_str_equal (alg, "HS256")
                : (g_str_has_prefix (alg, "HS") || g_ascii_strcasecmp (alg, "none") == 0))
    {
      *failure = g_strdup_printf ("%s does not allow a client assertion signed with %s",
                                  method, alg);
      return FALSE;
    }
  if (key == NULL)
    {
      *failure = g_strdup ("No public key is registered for this client");
      return FALSE;
    }
  if (!grant_jws_verify (jws, key, &error))
    {
      *failure = g_strdup_printf ("The client assertion does not verify: %s", error->message);
      return FALSE;
    }

  claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), &error);
  if (claims == NULL)
    {
      *failure = g_strdup_printf ("The client assertion has no claims set: %s", error->message);
      return FALSE;
    }

  /* RFC 7523 §3: iss and sub the client, aud this endpoint, a jti used once, an exp. */
  if (g_strcmp0 (grant_jwt_claims_get_string (claims, "iss"), GRANT_TEST_OP_CLIENT_ID) != 0
      || g_strcmp0 (grant_jwt_claims_get_string (claims, "sub"), GRANT_TEST_OP_CLIENT_ID) != 0)
    {
      *failure = g_strdup ("The client assertion's iss and sub must both be the client ID");
      return FALSE;
    }
  audiences = grant_jwt_claims_dup_audiences (claims, NULL);
  if (audiences == NULL
      || !g_strv_contains ((const char * const *) audiences, self->token_endpoint))
    {
      *failure = g_strdup_printf ("The client assertion's aud does not name the token "
                                  "endpoint %s", self->token_endpoint);
      return FALSE;
    }
  jti = grant_jwt_claims_get_string (claims, "jti");
  if (jti == NULL || *jti == '\0' || g_hash_table_contains (self->jtis, jti))
    {
      *failure = g_strdup ("The client assertion has no jti, or one used before");
      return FALSE;
    }
  if (!grant_jwt_claims_get_time (claims, "exp", &exp, NULL)
      || exp <= g_get_real_time () / G_USEC_PER_SEC)
    {
      *failure = g_strdup ("The client assertion has no exp, or has expired");
      return FALSE;
    }

  g_hash_table_add (self->jtis, g_strdup (jti));

  return TRUE;
}

static gboolean
authenticate_client (GrantTestOp        *self,
                     SoupServerMessage  *message,
                     GHashTable         *form,
                     char              **failure)
{
  const char *method = auth_method (self);
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization");
  gboolean authenticated;

  if (g_str_equal (method, "client_secret_basic"))
    {
      authenticated = check_basic (authorization, form, failure);
    }
  else if (authorization != NULL)
    {
      *failure = g_strdup_printf ("The client is registered for %s, and sent an Authorization "
                                  "header", method);
      authenticated = FALSE;
    }
  else if (g_str_equal (method, "client_secret_post"))
    {
      authenticated = g_strcmp0 (g_hash_table_lookup (form, "client_id"),
                                 GRANT_TEST_OP_CLIENT_ID) == 0
                      && g_strcmp0 (g_hash_table_lookup (form, "client_secret"),
                                    GRANT_TEST_OP_CLIENT_SECRET) == 0;
      if (!authenticated)
        *failure = g_strdup ("client_secret_post needs this client's client_id and "
                             "client_secret in the body");
    }
  else
    {
      authenticated = check_assertion (self, method, form, failure);
    }

  if (authenticated)
    {
      g_free (self->client_auth_used);
      self->client_auth_used = g_strdup (method);
    }

  return authenticated;
}

static char *
s256 (const char *code_verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) code_verifier, strlen (code_verifier));
  g_checksum_get_digest (checksum, digest, &length);

  return grant_base64url_encode (digest, length);
}

static void
serve_token (GrantTestOp       *self,
             SoupServerMessage *message)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *failure = NULL;
  g_autofree char *stolen_code = NULL;
  g_autofree char *access_token = NULL;
  g_autofree char *id_token = NULL;
  g_autoptr(JsonObject) response = NULL;
  Authorization *authorization = NULL;
  const char *code;
  const char *code_verifier;

  self->n_token_requests++;

  if (!g_str_equal (soup_server_message_get_method (message), "POST"))
    {
      respond_oauth_error (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "invalid_request",
                           "The token endpoint takes POST only");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  form = g_uri_parse_params (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "&",
                             G_URI_PARAMS_WWW_FORM, NULL);
  if (form == NULL)
    {
      respond_oauth_error (message, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                           "The body is not a form");
      return;
    }

  if (!authenticate_client (self, message, form, &failure))
    {
      if (g_str_equal (auth_method (self), "client_secret_basic"))
        soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                      "WWW-Authenticate", "Basic realm=\"token\"");
      respond_oauth_error (message, SOUP_STATUS_UNAUTHORIZED, "invalid_client", failure);
      return;
    }

  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "authorization_code") != 0)
    {
      respond_oauth_error (message, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                           "Only authorization_code is supported");
      return;
    }

  /* A code is good once (RFC 6749 §4.1.2). */
  code = g_hash_table_lookup (form, "code");
  if (code == NULL
      || !g_hash_table_steal_extended (self->codes, code, (gpointer *) &stolen_code,
                                       (gpointer *) &authorization))
    {
      respond_oauth_error (message, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                           "The code is unknown or was used before");
      return;
    }

  code_verifier = g_hash_table_lookup (form, "code_verifier");
  if (g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), authorization->redirect_uri) != 0)
    {
      failure = g_strdup ("The redirect_uri is not the authorization request's");
    }
  else if (authorization->code_challenge != NULL)
    {
      g_autofree char *challenge = code_verifier != NULL ? s256 (code_verifier) : NULL;

      if (g_strcmp0 (challenge, authorization->code_challenge) != 0)
        failure = g_strdup ("The code_verifier does not match the code_challenge");
    }

  if (failure != NULL)
    {
      authorization_free (authorization);
      respond_oauth_error (message, SOUP_STATUS_BAD_REQUEST, "invalid_grant", failure);
      return;
    }

  access_token = random_string ("at-");
  g_hash_table_add (self->access_tokens, g_strdup (access_token));
  id_token = issue_id_token (self, authorization->nonce, access_token, NULL);
  authorization_free (authorization);

  response = json_object_new ();
  json_object_set_string_member (response, "access_token", access_token);
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_int_member (response, "expires_in", TOKEN_LIFETIME);
  json_object_set_string_member (response, "id_token", id_token);
  respond_json (message, SOUP_STATUS_OK, response);
}

/* UserInfo. */

static void
refuse_bearer (SoupServerMessage *message,
               guint              status,
               const char        *challenge)
{
  g_test_message ("The test provider refuses UserInfo: %s", challenge);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "WWW-Authenticate", challenge);
  respond (message, status, "text/plain", "");
}

static void
serve_userinfo (GrantTestOp       *self,
                SoupServerMessage *message)
{
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization");
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) claims = json_object_new ();
  const char *access_token = NULL;
  const char *where = NULL;

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    {
      access_token = authorization + 7;
      where = "header";
    }
  else if (g_str_equal (soup_server_message_get_method (message), "POST"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (
        soup_server_message_get_request_body (message));

      form = g_uri_parse_params (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "&",
                                 G_URI_PARAMS_WWW_FORM, NULL);
      access_token = form != NULL ? g_hash_table_lookup (form, "access_token") : NULL;
      where = access_token != NULL ? "body" : NULL;
    }

  g_free (self->userinfo_bearer);
  self->userinfo_bearer = g_strdup (where);

  if (access_token == NULL)
    {
      refuse_bearer (message, SOUP_STATUS_UNAUTHORIZED, "Bearer realm=\"userinfo\"");
      return;
    }
  if (self->config.userinfo_bearer_body && !g_str_equal (where, "body"))
    {
      refuse_bearer (message, SOUP_STATUS_BAD_REQUEST,
                     "Bearer error=\"invalid_request\", error_description=\"send the access "
                     "token as the access_token body parameter\"");
      return;
    }
  if (!g_hash_table_contains (self->access_tokens, access_token))
    {
      refuse_bearer (message, SOUP_STATUS_UNAUTHORIZED, "Bearer error=\"invalid_token\"");
      return;
    }

  if (self->config.userinfo_bad_sub)
    json_object_set_string_member (claims, "sub", GRANT_TEST_OP_SUB "invalid");
  else
    json_object_set_string_member (claims, "sub", GRANT_TEST_OP_SUB);
  json_object_set_string_member (claims, "name", "Conformance User");
  json_object_set_string_member (claims, "email", "conformance@rp.example");
  json_object_set_boolean_member (claims, "email_verified", TRUE);

  if (self->config.userinfo_signed)
    {
      g_autofree char *jwt = NULL;

      json_object_set_string_member (claims, "iss", self->issuer);
      json_object_set_string_member (claims, "aud", GRANT_TEST_OP_CLIENT_ID);
      jwt = sign_claims (self, "RS256", claims);
      respond (message, SOUP_STATUS_OK, "application/jwt", jwt);
      return;
    }

  respond_json (message, SOUP_STATUS_OK, claims);
}

static void
server_handler (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  GrantTestOp *self = user_data;

  if (g_str_equal (path, "/.well-known/openid-configuration"))
    serve_discovery (self, message);
  else if (g_str_equal (path, self->jwks_path))
    serve_jwks (self, message);
  else if (g_str_equal (path, "/authorize"))
    serve_authorization (self, message, query);
  else if (g_str_equal (path, "/token"))
    serve_token (self, message);
  else if (g_str_equal (path, "/userinfo"))
    serve_userinfo (self, message);
  else
    respond (message, SOUP_STATUS_NOT_FOUND, "text/plain", "Not found");
}

/**
 * grant_test_op_new:
 * @config: (nullable): what the provider does wrong; %NULL for nothing
 *
 * Starts a provider on 127.0.0.1, on a port the kernel chose. Its keys are new ones.
 *
 * Returns: (transfer full): the provider
 */
GrantTestOp *
grant_test_op_new (const GrantTestOpConfig *config)
{
  GrantTestOp *self = g_new0 (GrantTestOp, 1);
  gboolean named = TRUE;
  guint n_each = 1;
  g_autoptr(GBytes) secret = NULL;
  g_autofree char *random = random_string ("");

  if (config != NULL)
    self->config = *config;
  if (self->config.client_public_key != NULL)
    g_object_ref (self->config.client_public_key);

  self->server = grant_test_server_new ();
  soup_server_add_handler (self->server, NULL, server_handler, self, NULL);
  self->issuer = grant_test_server_get_url (self->server, "");
  self->jwks_path = g_strconcat ("/jwks/", random, ".json", NULL);
  self->jwks_uri = grant_test_server_get_url (self->server, self->jwks_path);
  self->token_endpoint = grant_test_server_get_url (self->server, "/token");

  if (self->config.jwks_shape != GRANT_TEST_OP_JWKS_WITH_KIDS)
    named = FALSE;
  if (self->config.jwks_shape == GRANT_TEST_OP_JWKS_MULTIPLE_NO_KID)
    n_each = 3;

  self->rsa_key = generate_key ("RS256", named);
  self->ec_key = generate_key ("ES256", named);
  secret = g_bytes_new_static (GRANT_TEST_OP_CLIENT_SECRET, strlen (GRANT_TEST_OP_CLIENT_SECRET));
  self->secret_key = grant_jwk_new_from_secret (secret);

  self->other_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  if (!named)
    {
      /* The signing keys are one RSA and one P-256 key; the rest only make the choice
       * harder. */
      for (guint i = 1; i < n_each; i++)
        {
          g_ptr_array_add (self->other_keys, public_jwk ("RS256"));
          g_ptr_array_add (self->other_keys, public_jwk ("ES256"));
        }
      for (guint i = 0; i < n_each; i++)
        {
          g_ptr_array_add (self->other_keys, secp256k1_public_jwk ());
          g_ptr_array_add (self->other_keys, public_jwk ("EdDSA"));
        }
    }

  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) authorization_free);
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->jtis = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

/**
 * grant_test_op_get_issuer:
 * @self: a #GrantTestOp
 *
 * Returns: the issuer, http://127.0.0.1:PORT, where discovery starts
 */
const char *
grant_test_op_get_issuer (GrantTestOp *self)
{
  return self->issuer;
}

/**
 * grant_test_op_get_jwks_uri:
 * @self: a #GrantTestOp
 *
 * Returns: the key set's URL, whose path is random
 */
const char *
grant_test_op_get_jwks_uri (GrantTestOp *self)
{
  return self->jwks_uri;
}

/**
 * grant_test_op_get_token_endpoint:
 * @self: a #GrantTestOp
 *
 * Returns: the token endpoint's URL, the `aud` of client assertions
 */
const char *
grant_test_op_get_token_endpoint (GrantTestOp *self)
{
  return self->token_endpoint;
}

/**
 * grant_test_op_get_n_token_requests:
 * @self: a #GrantTestOp
 *
 * Returns: how many requests reached the token endpoint, refused ones included
 */
guint
grant_test_op_get_n_token_requests (GrantTestOp *self)
{
  return self->n_token_requests;
}

/**
 * grant_test_op_get_n_jwks_requests:
 * @self: a #GrantTestOp
 *
 * Returns: how many times the key set was fetched
 */
guint
grant_test_op_get_n_jwks_requests (GrantTestOp *self)
{
  return self->n_jwks_requests;
}

/**
 * grant_test_op_get_client_auth_used:
 * @self: a #GrantTestOp
 *
 * Returns: (nullable): the client authentication method the token endpoint last accepted
 */
const char *
grant_test_op_get_client_auth_used (GrantTestOp *self)
{
  return self->client_auth_used;
}

/**
 * grant_test_op_get_last_nonce:
 * @self: a #GrantTestOp
 *
 * Returns: (nullable): the nonce of the last authorization request, if it had one
 */
const char *
grant_test_op_get_last_nonce (GrantTestOp *self)
{
  return self->last_nonce;
}

/**
 * grant_test_op_get_userinfo_bearer:
 * @self: a #GrantTestOp
 *
 * Returns: (nullable): where the last UserInfo request carried its access token: "header"
 *   (RFC 6750 §2.1) or "body" (§2.2)
 */
const char *
grant_test_op_get_userinfo_bearer (GrantTestOp *self)
{
  return self->userinfo_bearer;
}

/**
 * grant_test_op_free:
 * @self: (transfer full): a #GrantTestOp
 *
 * Stops the provider and frees it, its server included.
 */
void
grant_test_op_free (GrantTestOp *self)
{
  grant_test_server_stop (g_steal_pointer (&self->server));
  g_free (self->issuer);
  g_free (self->jwks_path);
  g_free (self->jwks_uri);
  g_free (self->token_endpoint);
  g_clear_object (&self->rsa_key);
  g_clear_object (&self->ec_key);
  g_clear_object (&self->secret_key);
  g_clear_object (&self->config.client_public_key);
  g_ptr_array_unref (self->other_keys);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->access_tokens);
  g_hash_table_unref (self->jtis);
  g_free (self->client_auth_used);
  g_free (self->last_nonce);
  g_free (self->userinfo_bearer);
  g_free (self);
}
