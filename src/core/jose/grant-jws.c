/* grant-jws.c
 * A JWS in compact serialization (RFC 7515 §7.1): parse, verify, sign.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verification runs over the ASCII of the token exactly as received (BASE64URL(header) '.'
 * BASE64URL(payload)), never over re-encoded JSON, and every part must be strict base64url:
 * otherwise two different texts could carry one signature.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-jose-json.h"
#include "grant-jws.h"
#include "grant-jws-algorithm.h"

struct _GrantJws
{
  GObject     parent_instance;

  char       *signing_input;   /* header '.' payload, as received */
  JsonObject *header;
  GBytes     *payload;
  GBytes     *signature;
};

G_DEFINE_FINAL_TYPE (GrantJws, grant_jws, G_TYPE_OBJECT)

/* Header parameters that RFC 7515 and RFC 7518 define; `crit` may not list them (§4.1.11). */
static const char * const registered_parameters[] = {
  "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
  "enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c", NULL
};

static void
grant_jws_finalize (GObject *object)
{
  GrantJws *self = (GrantJws *)object;

  g_clear_pointer (&self->signing_input, g_free);
  g_clear_pointer (&self->header, json_object_unref);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);

  G_OBJECT_CLASS (grant_jws_parent_class)->finalize (object);
}

static void
grant_jws_class_init (GrantJwsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_jws_finalize;
}

static void
grant_jws_init (GrantJws *self)
{
}

static GBytes *
decode_part (const char  *compact,
             gsize        start,
             gsize        end,
             const char  *what,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  bytes = grant_base64url_decode (compact + start, end - start, &local_error);
  if (bytes == NULL && g_str_equal (what, "header"))
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                 /* Translators: %llu are character offsets; the last %s is the reason. */
                 _("The JWS header (characters %llu to %llu) is not strict base64url: %s"),
                 (unsigned long long) start, (unsigned long long) end, local_error->message);
  else if (bytes == NULL && g_str_equal (what, "payload"))
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                 /* Translators: %llu are character offsets; the last %s is the reason. */
                 _("The JWS payload (characters %llu to %llu) is not strict base64url: %s"),
                 (unsigned long long) start, (unsigned long long) end, local_error->message);
  else if (bytes == NULL)
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                 /* Translators: %llu are character offsets; the last %s is the reason. */
                 _("The JWS signature (characters %llu to %llu) is not strict base64url: %s"),
                 (unsigned long long) start, (unsigned long long) end, local_error->message);

  return bytes;
}

/* RFC 7515 §4.1.11: every name in crit must be understood. Grant implements no extension,
 * so any crit makes the JWS unusable here, and it says so instead of ignoring it. */
static gboolean
check_crit (JsonObject  *header,
            GError     **error)
{
  JsonNode *crit = json_object_get_member (header, "crit");
  JsonArray *array;

  if (crit == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (crit) || json_array_get_length (json_node_get_array (crit)) == 0)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                           _("The JWS header's “crit” must be a non-empty array of names"));
      return FALSE;
    }

  array = json_node_get_array (crit);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                               _("The JWS header's “crit” must list names as strings"));
          return FALSE;
        }

      name = json_node_get_string (element);
      if (g_strv_contains (registered_parameters, name))
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                       _("The JWS header's “crit” lists “%s”, which RFC 7515 §4.1.11 forbids"),
                       name);
          return FALSE;
        }
      if (!json_object_has_member (header, name))
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                       _("The JWS header's “crit” lists “%s”, which the header does not have"),
                       name);
          return FALSE;
        }
    }

  g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
               _("The JWS header marks “%s” as critical, and Grant does not implement that "
               "extension, so it must refuse the JWS (RFC 7515 §4.1.11)"),
               json_node_get_string (json_array_get_element (array, 0)));

  return FALSE;
}

static gboolean
check_header (JsonObject  *header,
              GError     **error)
{
  const char *value;
  JsonNode *b64;

  if (!grant_jose_json_get_string (header, "alg", &value, error))
    return FALSE;
  if (value == NULL)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                           _("The JWS header has no “alg”"));
      return FALSE;
    }

  if (!grant_jose_json_get_string (header, "kid", &value, error)
      || !grant_jose_json_get_string (header, "typ", &value, error)
      || !grant_jose_json_get_string (header, "cty", &value, error))
    return FALSE;

  if (json_object_has_member (header, "enc"))
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                           _("The header has “enc”: this is an encrypted JWE, not a JWS"));
      return FALSE;
    }

  /* RFC 7797: an unencoded payload changes what is signed. */
  b64 = json_object_get_member (header, "b64");
  if (b64 != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (b64) || json_node_get_value_type (b64) != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                               _("The JWS header's “b64” must be true or false"));
          return FALSE;
        }
      if (!json_node_get_boolean (b64))
        {
          g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                               _("The JWS has an unencoded payload (“b64”: false, RFC 7797), "
                               "which Grant does not support"));
          return FALSE;
        }
    }

  return check_crit (header, error);
}

/**
 * grant_jws_parse:
 * @compact: a JWS in compact serialization
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Parses a compact JWS: three parts of strict base64url, a header that is a JSON object with
 * an `alg`, no duplicate member, no `crit` extension and no unencoded payload. The JSON
 * serialization, JWEs and inputs over %GRANT_JWS_MAX_LENGTH are refused with a message that
 * says so. An `alg` of "none" parses, so that it can be shown, but never verifies.
 *
 * Returns: (transfer full): the JWS, or %NULL with @error set
 */
GrantJws *
grant_jws_parse (const char  *compact,
                 gssize       length,
                 GError     **error)
{
  g_autoptr(GrantJws) self = NULL;
  g_autoptr(GBytes) header_json = NULL;
  gsize text_length;
  gsize dots[4];
  guint n_dots = 0;
  gsize start;

  g_return_val_if_fail (compact != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text_length = length < 0 ? strlen (compact) : (gsize) length;

  if (text_length > GRANT_JWS_MAX_LENGTH)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_TOO_LARGE,
                   _("The JWS is %llu bytes long; Grant refuses tokens over %d "
                     "bytes"), (unsigned long long) text_length, GRANT_JWS_MAX_LENGTH);
      return NULL;
    }

  /* Leading and trailing blanks are the one thing people paste by accident, and they are
   * still not part of the token: say what is wrong rather than decode around it. */
  start = 0;
  while (start < text_length && g_ascii_isspace (compact[start]))
    start++;
  if (start < text_length && compact[start] == '{')
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                           _("This is a JWS in JSON serialization; Grant supports the compact "
                           "serialization only (header.payload.signature)"));
      return NULL;
    }

  for (gsize i = 0; i < text_length; i++)
    {
      if (compact[i] == '.')
        {
          if (n_dots == G_N_ELEMENTS (dots))
            break;
          dots[n_dots++] = i;
        }
    }

  if (n_dots == 4)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                           _("This has five parts: it is an encrypted JWE, not a JWS"));
      return NULL;
    }

  if (n_dots != 2)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                   _("A compact JWS has three parts separated by dots; this has %u"), n_dots + 1);
      return NULL;
    }

  self = g_object_new (GRANT_TYPE_JWS, NULL);

  header_json = decode_part (compact, 0, dots[0], "header", error);
  if (header_json == NULL)
    return NULL;
  self->payload = decode_part (compact, dots[0] + 1, dots[1], "payload", error);
  if (self->payload == NULL)
    return NULL;
  self->signature = decode_part (compact, dots[1] + 1, text_length, "signature", error);
  if (self->signature == NULL)
    return NULL;

  if (dots[0] == 0)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                           _("The JWS header is empty"));
      return NULL;
    }

  self->header = grant_jose_json_parse_object (g_bytes_get_data (header_json, NULL),
                                               g_bytes_get_size (header_json),
                                               N_("The JWS header"), error);
  if (self->header == NULL || !check_header (self->header, error))
    return NULL;

  self->signing_input = g_strndup (compact, dots[1]);

  return g_steal_pointer (&self);
}

/**
 * grant_jws_get_header:
 * @self: a #GrantJws
 *
 * Returns: (transfer none): the protected header
 */
JsonObject *
grant_jws_get_header (GrantJws *self)
{
  g_return_val_if_fail (GRANT_IS_JWS (self), NULL);

  return self->header;
}

static const char *
header_string (GrantJws   *self,
               const char *member)
{
  JsonNode *node = json_object_get_member (self->header, member);

  return node != NULL ? json_node_get_string (node) : NULL;
}

/**
 * grant_jws_get_alg:
 * @self: a #GrantJws
 *
 * Returns: the header's `alg`
 */
const char *
grant_jws_get_alg (GrantJws *self)
{
  g_return_val_if_fail (GRANT_IS_JWS (self), NULL);

  return header_string (self, "alg");
}

/**
 * grant_jws_get_kid:
 * @self: a #GrantJws
 *
 * Returns: (nullable): the header's `kid`
 */
const char *
grant_jws_get_kid (GrantJws *self)
{
  g_return_val_if_fail (GRANT_IS_JWS (self), NULL);

  return header_string (self, "kid");
}

/**
 * grant_jws_get_typ:
 * @self: a #GrantJws
 *
 * Returns: (nullable): the header's `typ`
 */
const char *
grant_jws_get_typ (GrantJws *self)
{
  g_return_val_if_fail (GRANT_IS_JWS (self), NULL);

  return header_string (self, "typ");
}

/**
 * grant_jws_get_payload:
 * @self: a #GrantJws
 *
 * Returns: (transfer none): the decoded payload; not to be trusted before verification
 */
GBytes *
grant_jws_get_payload (GrantJws *self)
{
  g_return_val_if_fail (GRANT_IS_JWS (self), NULL);

  return self->payload;
}

/**
 * grant_jws_get_signature:
 * @self: a #GrantJws
 *
 * Returns: (transfer none): the decoded signature
 */
GBytes *
grant_jws_get_signature (GrantJws *self)
{
  g_return_val_if_fail (GRANT_IS_JWS (self), NULL);

  return self->signature;
}

/**
 * grant_jws_verify:
 * @self: a #GrantJws
 * @key: the key to verify with
 * @error: return location for a #GError
 *
 * Verifies the signature with @key using the header's `alg`, which must fit the key (see
 * grant_jws_algorithm_check_key()). An unsecured JWS (`alg` none) never verifies.
 *
 * Returns: %TRUE if the signature is valid, otherwise %FALSE with @error set
 */
gboolean
grant_jws_verify (GrantJws  *self,
                  GrantJwk  *key,
                  GError   **error)
{
  gsize signature_length;
  const guint8 *signature;

  g_return_val_if_fail (GRANT_IS_JWS (self), FALSE);
  g_return_val_if_fail (GRANT_IS_JWK (key), FALSE);

  signature = g_bytes_get_data (self->signature, &signature_length);

  return grant_jws_algorithm_verify (grant_jws_get_alg (self), key,
                                     (const guint8 *) self->signing_input,
                                     strlen (self->signing_input),
                                     signature, signature_length, error);
}

/**
 * grant_jws_verify_with_jwks:
 * @self: a #GrantJws
 * @jwks: the keys to choose from
 * @used_key: (out) (optional) (transfer none): the key that verified the JWS
 * @error: return location for a #GError
 *
 * Chooses the key by the header's `kid` and `alg` (grant_jwks_select()) and verifies with it.
 *
 * Returns: %TRUE if the signature is valid, otherwise %FALSE with @error set
 */
gboolean
grant_jws_verify_with_jwks (GrantJws   *self,
                            GrantJwks  *jwks,
                            GrantJwk  **used_key,
                            GError    **error)
{
  GrantJwk *key;

  g_return_val_if_fail (GRANT_IS_JWS (self), FALSE);
  g_return_val_if_fail (GRANT_IS_JWKS (jwks), FALSE);

  if (used_key != NULL)
    *used_key = NULL;

  /* Refuse an unsecured JWS before looking for a key, so that the reason is the real one. */
  if (g_ascii_strcasecmp (grant_jws_get_alg (self), "none") == 0)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE,
                           _("The JWS is unsecured (alg “none”): it has no signature, so nothing "
                           "about it can be trusted"));
      return FALSE;
    }
  if (!grant_jws_algorithm_is_supported (grant_jws_get_alg (self)))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                   _("The algorithm “%s” is not a JWS algorithm Grant supports"),
                   grant_jws_get_alg (self));
      return FALSE;
    }

  key = grant_jwks_select (jwks, grant_jws_get_kid (self), grant_jws_get_alg (self), "verify",
                           error);
  if (key == NULL || !grant_jws_verify (self, key, error))
    return FALSE;

  if (used_key != NULL)
    *used_key = key;

  return TRUE;
}

/**
 * grant_jws_sign:
 * @header: the protected header; it must have an `alg`
 * @payload: the payload
 * @key: a private key, or a secret for HS*
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the JWS in compact serialization, or %NULL with @error set
 */
char *
grant_jws_sign (JsonObject  *header,
                GBytes      *payload,
                GrantJwk    *key,
                GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *header_json = NULL;
  g_autofree char *header_b64 = NULL;
  g_autofree char *payload_b64 = NULL;
  g_autofree char *signature_b64 = NULL;
  g_autofree char *signing_input = NULL;
  const char *alg;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (GRANT_IS_JWK (key), NULL);

  if (!grant_jose_json_get_string (header, "alg", &alg, error))
    return NULL;
  if (alg == NULL)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JWS,
                           _("The JWS header to sign has no “alg”"));
      return NULL;
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, header);
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  header_json = json_generator_to_data (generator, NULL);

  header_b64 = grant_base64url_encode ((const guint8 *) header_json, strlen (header_json));
  payload_b64 = grant_base64url_encode_bytes (payload);
  signing_input = g_strconcat (header_b64, ".", payload_b64, NULL);

  signature = grant_jws_algorithm_sign (alg, key, (const guint8 *) signing_input,
                                        strlen (signing_input), error);
  if (signature == NULL)
    return NULL;

  signature_b64 = grant_base64url_encode_bytes (signature);

  return g_strconcat (signing_input, ".", signature_b64, NULL);
}
