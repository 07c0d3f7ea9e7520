/* grant-base64url.c
 * Strict, unpadded base64url (RFC 4648 §5) as JOSE uses it (RFC 7515 §2).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"

static const char alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The value of each byte as a base64url character, or -1 for one outside the alphabet: a
 * table, because decoding is on the path of every token verified. */
static const gint8 sextets[256] = {
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1,
  52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
  -1,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
  15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, 63,
  -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

static inline int
sextet (guchar c)
{
  return sextets[c];
}

/**
 * grant_base64url_encode:
 * @data: (array length=length): the octets to encode
 * @length: the number of octets
 *
 * Encodes @data as base64url without padding.
 *
 * Returns: (transfer full): the encoded text
 */
char *
grant_base64url_encode (const guint8 *data,
                        gsize         length)
{
  GString *out;
  gsize i;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  out = g_string_sized_new ((length + 2) / 3 * 4 + 1);

  for (i = 0; i + 2 < length; i += 3)
    {
      guint32 group = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8 | data[i + 2];

      g_string_append_c (out, alphabet[(group >> 18) & 0x3f]);
      g_string_append_c (out, alphabet[(group >> 12) & 0x3f]);
      g_string_append_c (out, alphabet[(group >> 6) & 0x3f]);
      g_string_append_c (out, alphabet[group & 0x3f]);
    }

  if (length - i == 1)
    {
      guint32 group = (guint32) data[i] << 16;

      g_string_append_c (out, alphabet[(group >> 18) & 0x3f]);
      g_string_append_c (out, alphabet[(group >> 12) & 0x3f]);
    }
  else if (length - i == 2)
    {
      guint32 group = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8;

      g_string_append_c (out, alphabet[(group >> 18) & 0x3f]);
      g_string_append_c (out, alphabet[(group >> 12) & 0x3f]);
      g_string_append_c (out, alphabet[(group >> 6) & 0x3f]);
    }

  return g_string_free (out, FALSE);
}

/**
 * grant_base64url_encode_bytes:
 * @bytes: the octets to encode
 *
 * Encodes @bytes as base64url without padding.
 *
 * Returns: (transfer full): the encoded text
 */
char *
grant_base64url_encode_bytes (GBytes *bytes)
{
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);

  return grant_base64url_encode (data, length);
}

static gboolean
set_invalid_character_error (const char  *text,
                             gsize        offset,
                             GError     **error)
{
  guchar c = text[offset];

  if (c == '=')
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                 "Padding ‘=’ at offset %" G_GSIZE_FORMAT ": base64url in JOSE is unpadded "
                 "(RFC 7515 §2)", offset);
  else if (c == '+' || c == '/')
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                 "‘%c’ at offset %" G_GSIZE_FORMAT " belongs to standard base64; base64url "
                 "uses ‘-’ and ‘_’ (RFC 4648 §5)", c, offset);
  else if (g_ascii_isspace (c))
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                 "Whitespace at offset %" G_GSIZE_FORMAT " is not allowed in base64url",
                 offset);
  else if (g_ascii_isprint (c))
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                 "‘%c’ at offset %" G_GSIZE_FORMAT " is not in the base64url alphabet",
                 c, offset);
  else
    g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                 "Byte 0x%02x at offset %" G_GSIZE_FORMAT " is not in the base64url alphabet",
                 c, offset);

  return FALSE;
}

/**
 * grant_base64url_decode:
 * @text: base64url text
 * @length: the length of @text in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Decodes strict, unpadded base64url. Padding, whitespace, characters outside the
 * alphabet, an impossible length and non-zero unused bits in the last character are all
 * rejected, and the error says at which offset.
 *
 * Returns: (transfer full): the decoded octets, or %NULL with @error set
 */
GBytes *
grant_base64url_decode (const char  *text,
                        gssize       length,
                        GError     **error)
{
  g_autofree guint8 *out = NULL;
  gsize text_length;
  gsize n = 0;
  guint32 group = 0;
  int bits = 0;
  int last = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text_length = length < 0 ? strlen (text) : (gsize) length;

  out = g_malloc (text_length / 4 * 3 + 3);

  for (gsize i = 0; i < text_length; i++)
    {
      int value = sextet (text[i]);

      if (value < 0)
        {
          set_invalid_character_error (text, i, error);
          return NULL;
        }

      last = value;
      group = group << 6 | (guint32) value;
      bits += 6;

      if (bits >= 8)
        {
          bits -= 8;
          out[n++] = (group >> bits) & 0xff;
        }
    }

  if (text_length % 4 == 1)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                   "Base64url text of %" G_GSIZE_FORMAT " characters is impossible: the "
                   "last group at offset %" G_GSIZE_FORMAT " has a single character",
                   text_length, text_length - 1);
      return NULL;
    }

  /* The bits left over after the last whole octet must be zero, otherwise several texts
   * would decode to the same octets and a signature could be checked over one of them
   * while another is shown. */
  if (bits > 0 && (last & ((1 << bits) - 1)) != 0)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL,
                   "Non-canonical base64url: the unused bits of the last character, at "
                   "offset %" G_GSIZE_FORMAT ", are not zero", text_length - 1);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&out), n);
}
