/* grant-pkce.c
 * Proof Key for Code Exchange (RFC 7636): verifiers, challenges, and the steps between them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-pkce.h"

/* RFC 7636 §4.1: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" (RFC 3986 §2.3). */
static const char unreserved[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

#define N_UNRESERVED (sizeof unreserved - 1)

/* The largest multiple of N_UNRESERVED (66) that fits in an octet: 198. A random octet below
 * it maps onto the alphabet evenly; one at or above it would favour the first 256 - 198
 * characters, so it is thrown away and another drawn. */
#define ACCEPT_BELOW (256 - 256 % N_UNRESERVED)

#define IS_METHOD(method) \
  ((method) == GRANT_PKCE_METHOD_S256 || (method) == GRANT_PKCE_METHOD_PLAIN)

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/**
 * grant_pkce_new_verifier:
 * @length: the number of characters, from %GRANT_PKCE_VERIFIER_MIN_LENGTH (43) to
 *   %GRANT_PKCE_VERIFIER_MAX_LENGTH (128)
 *
 * Makes a new code_verifier (RFC 7636 §4.1) of @length characters drawn uniformly from the
 * 66 unreserved characters with OpenSSL's CSPRNG. 43 characters carry about 260 bits, more
 * than the 256 the RFC recommends.
 *
 * A failure of the random generator aborts the program: a verifier that could be guessed
 * must never be handed out, and there is nothing sensible to fall back to.
 *
 * Returns: (transfer full): the verifier, or %NULL when @length is out of range
 */
char *
grant_pkce_new_verifier (gsize length)
{
  g_autofree char *verifier = NULL;
  guint8 random[64];
  gsize n = 0;

  g_return_val_if_fail (length >= GRANT_PKCE_VERIFIER_MIN_LENGTH, NULL);
  g_return_val_if_fail (length <= GRANT_PKCE_VERIFIER_MAX_LENGTH, NULL);

  verifier = g_malloc (length + 1);

  while (n < length)
    {
      if (RAND_bytes (random, sizeof random) != 1)
        g_error ("OpenSSL’s random generator failed; refusing to make a PKCE code_verifier");

      for (gsize i = 0; i < sizeof random && n < length; i++)
        {
          if (random[i] < ACCEPT_BELOW)
            verifier[n++] = unreserved[random[i] % N_UNRESERVED];
        }
    }
  verifier[length] = '\0';

  OPENSSL_cleanse (random, sizeof random);

  return g_steal_pointer (&verifier);
}

/**
 * grant_pkce_check_verifier:
 * @code_verifier: a code_verifier, as text from anywhere
 * @error: return location for a #GError
 *
 * Checks @code_verifier against RFC 7636 §4.1: 43 to 128 characters, each one of `A`–`Z`,
 * `a`–`z`, `0`–`9`, `-`, `.`, `_` and `~`. The characters are checked first, so the error
 * names the first one that is not allowed and its offset in bytes; otherwise it gives the
 * length. The error is %GRANT_JOSE_ERROR_INVALID_KEY: the verifier is PKCE's key.
 *
 * Returns: %TRUE if @code_verifier is valid, %FALSE with @error set otherwise
 */
gboolean
grant_pkce_check_verifier (const char  *code_verifier,
                           GError     **error)
{
  gsize length;

  g_return_val_if_fail (code_verifier != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (length = 0; code_verifier[length] != '\0'; length++)
    {
      const char *p = code_verifier + length;
      g_autofree char *character = NULL;
      guchar c = *p;

      if (is_unreserved (c))
        continue;

      if (g_ascii_isprint (c))
        character = g_strdup_printf ("‘%c’", c);
      else if (c >= 0x80 && g_utf8_get_char_validated (p, -1) < (gunichar) -2)
        character = g_strdup_printf ("U+%04X", g_utf8_get_char (p));
      else
        character = g_strdup_printf ("the byte 0x%02x", c);

      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("The code_verifier has %s at offset %llu, which is not "
                     "allowed: only A–Z, a–z, 0–9, ‘-’, ‘.’, ‘_’ and ‘~’ are (RFC 7636 §4.1)"),
                   character, (unsigned long long) length);
      return FALSE;
    }

  if (length < GRANT_PKCE_VERIFIER_MIN_LENGTH || length > GRANT_PKCE_VERIFIER_MAX_LENGTH)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_KEY,
                   _("The code_verifier has %llu characters; RFC 7636 §4.1 "
                     "requires %d to %d"), (unsigned long long) length,
                   GRANT_PKCE_VERIFIER_MIN_LENGTH, GRANT_PKCE_VERIFIER_MAX_LENGTH);
      return FALSE;
    }

  return TRUE;
}

/**
 * grant_pkce_method_from_string:
 * @name: a code_challenge_method, such as “S256”
 * @method: (out) (optional): where to store the method
 *
 * Reads a code_challenge_method (RFC 7636 §4.3). The names are case-sensitive: “s256” is
 * not “S256”.
 *
 * Returns: %TRUE if @name is “S256” or “plain”, %FALSE otherwise
 */
gboolean
grant_pkce_method_from_string (const char      *name,
                               GrantPkceMethod *method)
{
  GrantPkceMethod found;

  g_return_val_if_fail (name != NULL, FALSE);

  if (strcmp (name, "S256") == 0)
    found = GRANT_PKCE_METHOD_S256;
  else if (strcmp (name, "plain") == 0)
    found = GRANT_PKCE_METHOD_PLAIN;
  else
    return FALSE;

  if (method != NULL)
    *method = found;

  return TRUE;
}

/**
 * grant_pkce_method_to_string:
 * @method: a #GrantPkceMethod
 *
 * Returns: the code_challenge_method's name: “S256” or “plain”
 */
const char *
grant_pkce_method_to_string (GrantPkceMethod method)
{
  switch (method)
    {
    case GRANT_PKCE_METHOD_S256:
      return "S256";

    case GRANT_PKCE_METHOD_PLAIN:
      return "plain";

    default:
      g_return_val_if_reached (NULL);
    }
}

/* SHA-256 of the verifier's ASCII octets, which are its bytes once it has been checked. */
static gboolean
sha256 (const char  *code_verifier,
        guint8       digest[32],
        GError     **error)
{
  unsigned int digest_length = 0;

  if (EVP_Digest (code_verifier, strlen (code_verifier), digest, &digest_length,
                  EVP_sha256 (), NULL) != 1
      || digest_length != 32)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_CRYPTO,
                   _("OpenSSL could not compute SHA-256 of the code_verifier"));
      return FALSE;
    }

  return TRUE;
}

/**
 * grant_pkce_challenge:
 * @code_verifier: a code_verifier
 * @method: how to derive the challenge
 * @error: return location for a #GError
 *
 * Derives the code_challenge (RFC 7636 §4.2): for S256 BASE64URL(SHA-256(ASCII(verifier))),
 * for plain the verifier itself. @code_verifier is checked first, as
 * grant_pkce_check_verifier() does.
 *
 * Returns: (transfer full): the code_challenge, or %NULL with @error set
 */
char *
grant_pkce_challenge (const char       *code_verifier,
                      GrantPkceMethod   method,
                      GError          **error)
{
  guint8 digest[32];

  g_return_val_if_fail (code_verifier != NULL, NULL);
  g_return_val_if_fail (IS_METHOD (method), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!grant_pkce_check_verifier (code_verifier, error))
    return NULL;

  if (method == GRANT_PKCE_METHOD_PLAIN)
    return g_strdup (code_verifier);

  if (!sha256 (code_verifier, digest, error))
    return NULL;

  return grant_base64url_encode (digest, sizeof digest);
}

static char *
hex (const guint8 *data,
     gsize         length)
{
  static const char digits[] = "0123456789abcdef";
  char *text = g_malloc (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    {
      text[2 * i] = digits[data[i] >> 4];
      text[2 * i + 1] = digits[data[i] & 0xf];
    }
  text[length * 2] = '\0';

  return text;
}

/**
 * grant_pkce_explain:
 * @code_verifier: a code_verifier
 * @method: how to derive the challenge
 * @error: return location for a #GError
 *
 * Shows the steps from @code_verifier to its code_challenge, as one would on a blackboard.
 * The object has, in this order:
 *
 * - `method`: “S256” or “plain”
 * - `code_verifier`: the verifier
 * - `code_verifier_length`: its length in characters
 * - `ascii_octets` (S256 only): ASCII(code_verifier) in lowercase hex, the input of SHA-256
 * - `sha256_hex` (S256 only): SHA-256 of those octets in lowercase hex, as `sha256sum`
 *   prints it
 * - `code_challenge`: BASE64URL of the SHA-256 for S256, the verifier itself for plain
 *
 * For plain, nothing is computed, so the two intermediate members are left out rather than
 * shown empty.
 *
 * Returns: (transfer full): the steps, or %NULL with @error set when @code_verifier is not
 *   valid
 */
JsonObject *
grant_pkce_explain (const char       *code_verifier,
                    GrantPkceMethod   method,
                    GError          **error)
{
  g_autoptr(JsonObject) steps = NULL;
  guint8 digest[32];
  gsize length;

  g_return_val_if_fail (code_verifier != NULL, NULL);
  g_return_val_if_fail (IS_METHOD (method), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!grant_pkce_check_verifier (code_verifier, error))
    return NULL;

  length = strlen (code_verifier);

  steps = json_object_new ();
  json_object_set_string_member (steps, "method", grant_pkce_method_to_string (method));
  json_object_set_string_member (steps, "code_verifier", code_verifier);
  json_object_set_int_member (steps, "code_verifier_length", (gint64) length);

  if (method == GRANT_PKCE_METHOD_S256)
    {
      g_autofree char *ascii_octets = NULL;
      g_autofree char *sha256_hex = NULL;
      g_autofree char *code_challenge = NULL;

      if (!sha256 (code_verifier, digest, error))
        return NULL;

      ascii_octets = hex ((const guint8 *) code_verifier, length);
      sha256_hex = hex (digest, sizeof digest);
      code_challenge = grant_base64url_encode (digest, sizeof digest);

      json_object_set_string_member (steps, "ascii_octets", ascii_octets);
      json_object_set_string_member (steps, "sha256_hex", sha256_hex);
      json_object_set_string_member (steps, "code_challenge", code_challenge);
    }
  else
    {
      json_object_set_string_member (steps, "code_challenge", code_verifier);
    }

  return g_steal_pointer (&steps);
}

/**
 * grant_pkce_matches:
 * @code_verifier: a code_verifier, as text from anywhere
 * @method: how the challenge was derived
 * @code_challenge: the code_challenge to compare with
 *
 * Checks a verifier against a challenge as the authorization server does (RFC 7636 §4.6).
 * The comparison takes the same time wherever the two differ, so that timing does not tell
 * how much of a guess was right.
 *
 * Returns: %TRUE if @code_verifier is valid and its challenge equals @code_challenge
 */
gboolean
grant_pkce_matches (const char      *code_verifier,
                    GrantPkceMethod  method,
                    const char      *code_challenge)
{
  g_autofree char *expected = NULL;
  gsize length;

  g_return_val_if_fail (code_verifier != NULL, FALSE);
  g_return_val_if_fail (IS_METHOD (method), FALSE);
  g_return_val_if_fail (code_challenge != NULL, FALSE);

  expected = grant_pkce_challenge (code_verifier, method, NULL);
  if (expected == NULL)
    return FALSE;

  length = strlen (expected);
  if (strlen (code_challenge) != length)
    return FALSE;

  return CRYPTO_memcmp (expected, code_challenge, length) == 0;
}
