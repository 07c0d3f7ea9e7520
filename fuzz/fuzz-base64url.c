/* fuzz-base64url.c
 * libFuzzer target: strict base64url decoding, and that what decodes encodes back to itself.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "grant-base64url.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) octets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;

  octets = grant_base64url_decode ((const char *) data, (gssize) size, &error);
  if (octets == NULL)
    return 0;

  /* Strict base64url is canonical: one text per octet string (no padding, no whitespace,
   * zero unused bits). Text that decodes must therefore be exactly what encoding gives back;
   * anything else means two tokens could carry the same bytes, which is the decoder's bug,
   * not the input's. */
  encoded = grant_base64url_encode_bytes (octets);
  if (strlen (encoded) != size || memcmp (encoded, data, size) != 0)
    g_error ("fuzz-base64url: %" G_GSIZE_FORMAT " characters decoded to %" G_GSIZE_FORMAT
             " octets that encode to “%s”, not to the input",
             size, g_bytes_get_size (octets), encoded);

  return 0;
}
