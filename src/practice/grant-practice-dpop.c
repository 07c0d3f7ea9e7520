/* grant-practice-dpop.c
 * The practice provider's check of DPoP proofs (RFC 9449 §4.3), at the token endpoint and the API.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <openssl/sha.h>
#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-json.h"
#include "grant-jws.h"
#include "grant-practice-dpop.h"

/* How far a proof's iat may be from now, in seconds. */
#define PROOF_WINDOW 300

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

static char *
request_htu (GrantPracticeServer *server,
             SoupServerMessage   *msg)
{
  /* The htu is the URL the client used, which is the issuer's, whatever address it came in on. */
  return grant_practice_server_dup_url (server, g_uri_get_path (soup_server_message_get_uri (msg)));
}

/**
 * grant_practice_dpop_check_proof:
 * @server: the server
 * @msg: a request with a DPoP header
 * @access_token: (nullable): the access token it comes with, at the API (for ath)
 * @error: return location for a #GError, whose message is for the client
 *
 * Checks the proof as RFC 9449 §4.3 lists: one DPoP header, typ dpop+jwt, an asymmetric alg,
 * a public jwk whose signature verifies, htm and htu of this request, a fresh iat, a jti not
 * seen before, and ath for an access token.
 *
 * Returns: (transfer full) (nullable): the proof key's RFC 7638 thumbprint (the token's jkt)
 */
char *
grant_practice_dpop_check_proof (GrantPracticeServer  *server,
                                 SoupServerMessage    *msg,
                                 const char           *access_token,
                                 GError              **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *proof = soup_message_headers_get_list (headers, "DPoP");
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(JsonObject) claims = NULL;
  GBytes *payload;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *htu = NULL;
  JsonNode *jwk;
  JsonNode *iat;
  const char *alg;
  const char *jti;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (proof == NULL || strchr (proof, ',') != NULL)
    return fail (error, "The request must carry exactly one DPoP proof."), NULL;

  jws = grant_jws_parse (proof, -1, &local_error);
  if (jws == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The DPoP proof is not a JWS: %s",
                   local_error->message);
      return NULL;
    }

  alg = grant_jws_get_alg (jws);
  if (g_strcmp0 (grant_jws_get_typ (jws), "dpop+jwt") != 0)
    return fail (error, "The DPoP proof's typ must be dpop+jwt."), NULL;
  if (alg == NULL || strcmp (alg, "none") == 0 || g_str_has_prefix (alg, "HS"))
    return fail (error, "The DPoP proof must be signed with an asymmetric algorithm."), NULL;

  jwk = json_object_get_member (grant_jws_get_header (jws), "jwk");
  if (jwk == NULL || !JSON_NODE_HOLDS_OBJECT (jwk))
    return fail (error, "The DPoP proof's header has no jwk."), NULL;
  key = grant_jwk_new_from_json (json_node_get_object (jwk), &local_error);
  if (key == NULL || grant_jwk_is_private (key))
    return fail (error, "The DPoP proof's jwk must be a public key."), NULL;
  if (!grant_jws_verify (jws, key, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The DPoP proof's signature does not verify: %s", local_error->message);
      return NULL;
    }

  payload = grant_jws_get_payload (jws);
  claims = grant_jose_json_parse_object (g_bytes_get_data (payload, NULL),
                                         g_bytes_get_size (payload),
                                         N_("The DPoP proof's claims"),
                                         error);
  if (claims == NULL)
    return NULL;

  htu = request_htu (server, msg);
  if (g_strcmp0 (grant_jose_json_lookup_string (claims, "htm"),
                 soup_server_message_get_method (msg)) != 0)
    return fail (error, "The DPoP proof's htm is not this request's method."), NULL;
  if (g_strcmp0 (grant_jose_json_lookup_string (claims, "htu"), htu) != 0)
    return fail (error, "The DPoP proof's htu is not this request's URL."), NULL;

  iat = json_object_get_member (claims, "iat");
  if (iat == NULL || !JSON_NODE_HOLDS_VALUE (iat)
      || json_node_get_value_type (iat) != G_TYPE_INT64
      || ABS (json_node_get_int (iat) - now) > PROOF_WINDOW)
    return fail (error, "The DPoP proof's iat is missing or not within five minutes of now."), NULL;

  if (access_token != NULL)
    {
      guint8 digest[SHA256_DIGEST_LENGTH];
      g_autofree char *ath = NULL;

      /* RFC 9449 §4.2: the whole SHA-256 of the token, unlike an ID token's half hashes. */
      SHA256 ((const guint8 *) access_token, strlen (access_token), digest);
      ath = grant_base64url_encode (digest, sizeof digest);

      if (g_strcmp0 (grant_jose_json_lookup_string (claims, "ath"), ath) != 0)
        return fail (error, "The DPoP proof's ath is not the hash of this access token."), NULL;
    }

  jti = grant_jose_json_lookup_string (claims, "jti");
  if (jti == NULL || *jti == '\0')
    return fail (error, "The DPoP proof has no jti."), NULL;
  if (!grant_practice_store_add_proof_jti (grant_practice_server_get_store (server), jti,
                                           now + PROOF_WINDOW))
    return fail (error, "This DPoP proof was used already: a proof is good for one request."), NULL;

  return grant_jwk_dup_thumbprint (key);
}
