/* grant-dpop.c
 * DPoP proofs (RFC 9449): a signed statement that the sender holds the key a token is bound to.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-dpop.h"
#include "grant-jws.h"
#include "grant-jws-algorithm.h"
#include "grant-pkce.h"

/**
 * grant_dpop_make_proof:
 * @key: the private key of the DPoP session
 * @htm: the HTTP method of the request the proof goes with
 * @htu: the request's URL; its query and fragment are left out (RFC 9449 §4.2)
 * @nonce: (nullable): the server's last DPoP-Nonce, if it sent one
 * @access_token: (nullable): the access token sent with the proof, for `ath` (to a resource
 *   server), or %NULL (to the token endpoint)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the proof, a JWS with `typ` dpop+jwt and the public key in its
 *   header, or %NULL with @error set
 */
char *
grant_dpop_make_proof (GrantJwk    *key,
                       const char  *htm,
                       const char  *htu,
                       const char  *nonce,
                       const char  *access_token,
                       GError     **error)
{
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *target = NULL;
  g_autofree char *jti = grant_pkce_new_verifier (GRANT_PKCE_VERIFIER_MIN_LENGTH);
  g_autofree char *text = NULL;

  g_return_val_if_fail (GRANT_IS_JWK (key), NULL);
  g_return_val_if_fail (htm != NULL, NULL);
  g_return_val_if_fail (htu != NULL, NULL);

  uri = g_uri_parse (htu, G_URI_FLAGS_ENCODED, error);
  if (uri == NULL)
    return NULL;
  target = g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                       g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);

  json_object_set_string_member (header, "typ", "dpop+jwt");
  json_object_set_string_member (header, "alg", grant_jws_algorithm_for_key (key));
  json_object_set_object_member (header, "jwk", grant_jwk_to_json (key, FALSE));

  json_object_set_string_member (claims, "jti", jti);
  json_object_set_string_member (claims, "htm", htm);
  json_object_set_string_member (claims, "htu", target);
  json_object_set_int_member (claims, "iat", g_get_real_time () / G_USEC_PER_SEC);
  if (nonce != NULL)
    json_object_set_string_member (claims, "nonce", nonce);
  if (access_token != NULL)
    {
      guint8 digest[32];
      gsize digest_length = sizeof digest;
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autofree char *ath = NULL;

      g_checksum_update (checksum, (const guchar *) access_token, strlen (access_token));
      g_checksum_get_digest (checksum, digest, &digest_length);
      ath = grant_base64url_encode (digest, digest_length);
      json_object_set_string_member (claims, "ath", ath);
    }

  json_node_set_object (node, claims);
  text = json_to_string (node, FALSE);
  payload = g_bytes_new (text, strlen (text));

  return grant_jws_sign (header, payload, key, error);
}
