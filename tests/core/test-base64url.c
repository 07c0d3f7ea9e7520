/* test-base64url.c
 * Tests for strict base64url: RFC 4648 §10 and RFC 7515 Appendix C, and what must be refused.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"

/* RFC 4648 §10, all seven vectors, in the unpadded form that §3.2 permits and JOSE requires. */
static const struct {
  const char *octets;
  const char *encoded;
} rfc4648_vectors[] = {
  { "", "" },
  { "f", "Zg" },
  { "fo", "Zm8" },
  { "foo", "Zm9v" },
  { "foob", "Zm9vYg" },
  { "fooba", "Zm9vYmE" },
  { "foobar", "Zm9vYmFy" },
};

static void
test_rfc4648_encode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc4648_vectors); i++)
    {
      g_autofree char *encoded = NULL;

      encoded = grant_base64url_encode ((const guint8 *) rfc4648_vectors[i].octets,
                                        strlen (rfc4648_vectors[i].octets));
      g_assert_cmpstr (encoded, ==, rfc4648_vectors[i].encoded);
    }
}

static void
test_rfc4648_decode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc4648_vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) decoded = NULL;
      g_autoptr(GBytes) expected = NULL;

      decoded = grant_base64url_decode (rfc4648_vectors[i].encoded, -1, &error);
      g_assert_no_error (error);
      expected = g_bytes_new_static (rfc4648_vectors[i].octets,
                                     strlen (rfc4648_vectors[i].octets));
      g_assert_true (g_bytes_equal (decoded, expected));
    }
}

/* RFC 7515 Appendix C: the octets 3, 236, 255, 224, 193 encode as "A-z_4ME", which uses both
 * characters that set base64url apart from base64. */
static void
test_rfc7515_appendix_c (void)
{
  static const guint8 octets[] = { 3, 236, 255, 224, 193 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) decoded = NULL;
  g_autofree char *encoded = NULL;
  gsize length;
  const guint8 *data;

  encoded = grant_base64url_encode (octets, sizeof octets);
  g_assert_cmpstr (encoded, ==, "A-z_4ME");

  decoded = grant_base64url_decode ("A-z_4ME", -1, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (decoded, &length);
  g_assert_cmpmem (data, length, octets, sizeof octets);
}

/* Every octet value, at every length modulo 3, comes back unchanged. */
static void
test_round_trip (void)
{
  guint8 octets[258];

  for (guint i = 0; i < sizeof octets; i++)
    octets[i] = (guint8) (i * 7 + 3);

  for (gsize length = 0; length <= sizeof octets; length++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) decoded = NULL;
      g_autofree char *encoded = grant_base64url_encode (octets, length);
      gsize decoded_length;
      const guint8 *data;

      g_assert_null (strpbrk (encoded, "+/="));
      decoded = grant_base64url_decode (encoded, -1, &error);
      g_assert_no_error (error);
      data = g_bytes_get_data (decoded, &decoded_length);
      g_assert_cmpmem (data, decoded_length, octets, length);
    }
}

/* Each bad input is refused, and the message names the offset a user must look at. */
static const struct {
  const char *text;
  const char *message_part;
} refused[] = {
  { "Zg==", "offset 2" },            /* padding */
  { "Zm9v\nYmFy", "offset 4" },      /* a line break, as some encoders wrap */
  { "Zm9v YmFy", "offset 4" },       /* a space */
  { "+/8", "offset 0" },             /* standard base64's alphabet */
  { "Zm9v/w", "offset 4" },
  { "Zm9v*g", "offset 4" },          /* outside any alphabet */
  { "Zm9vY", "offset 4" },           /* a last group of one character cannot be */
  { "Zh", "offset 1" },              /* "Zg" with non-zero unused bits: not canonical */
  { "Zm9", "offset 2" },             /* "Zm8" with non-zero unused bits */
  { "Zm\xc3\xa9", "offset 2" },      /* non-ASCII */
};

static void
test_refused (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) decoded = NULL;

      decoded = grant_base64url_decode (refused[i].text, -1, &error);
      g_assert_null (decoded);
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL);
      if (strstr (error->message, refused[i].message_part) == NULL)
        g_error ("“%s”: the message “%s” does not say “%s”",
                 refused[i].text, error->message, refused[i].message_part);
    }
}

/* Each of the 256 byte values is accepted exactly when it is in the alphabet, and then means
 * its place in it. */
static void
test_every_byte (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  for (guint c = 0; c < 256; c++)
    {
      /* The byte, then 'A': two characters make one octet, whose top six bits are the byte's
       * value. */
      char text[2] = { (char) c, 'A' };
      const char *place = c != 0 ? strchr (alphabet, (int) c) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) decoded = grant_base64url_decode (text, 2, &error);

      if (place == NULL)
        {
          g_assert_null (decoded);
          g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (decoded), ==, 1);
          g_assert_cmpuint (((const guint8 *) g_bytes_get_data (decoded, NULL))[0], ==,
                            (guint) (place - alphabet) << 2);
        }
    }
}

/* An explicit length stops at that length, even before a NUL or garbage. */
static void
test_explicit_length (void)
{
  static const char text[] = { 'Z', 'm', '9', 'v', '=', '=' };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(GBytes) embedded_nul = NULL;
  gsize length;
  const char *data;

  decoded = grant_base64url_decode (text, 4, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (decoded, &length);
  g_assert_cmpmem (data, length, "foo", 3);

  embedded_nul = grant_base64url_decode ("Zm\0v", 4, &error);
  g_assert_null (embedded_nul);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_BASE64URL);
  g_assert_nonnull (strstr (error->message, "offset 2"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/base64url/rfc4648/encode", test_rfc4648_encode);
  g_test_add_func ("/grant/base64url/rfc4648/decode", test_rfc4648_decode);
  g_test_add_func ("/grant/base64url/rfc7515-appendix-c", test_rfc7515_appendix_c);
  g_test_add_func ("/grant/base64url/round-trip", test_round_trip);
  g_test_add_func ("/grant/base64url/refused", test_refused);
  g_test_add_func ("/grant/base64url/explicit-length", test_explicit_length);
  g_test_add_func ("/grant/base64url/every-byte", test_every_byte);

  return g_test_run ();
}
