/* fuzz-jwk.c
 * libFuzzer target: parse a JWK and a JWK Set, and write a parsed key back out.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "grant-jwk.h"
#include "grant-jwks.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(GrantJwks) jwks = NULL;
  g_autoptr(GError) error = NULL;

  key = grant_jwk_new_from_data ((const char *) data, (gssize) size, &error);
  if (key != NULL)
    {
      /* A symmetric key has no public half: its JWK is all secret. */
      gboolean include_private = grant_jwk_get_key_type (key) == GRANT_JWK_TYPE_OCT;
      g_autoptr(JsonObject) private_jwk = grant_jwk_to_json (key, TRUE);
      g_autoptr(JsonObject) written = grant_jwk_to_json (key, include_private);
      g_autofree char *thumbprint = grant_jwk_dup_thumbprint (key);
      g_autoptr(GrantJwk) read_back = NULL;
      g_autofree char *read_back_thumbprint = NULL;
      g_autoptr(GList) members = NULL;

      /* What Grant writes, Grant reads: the public JWK it writes for a key it accepted is a
       * JWK it accepts, with the same thumbprint. A failure here is Grant's bug, not the
       * input's. (Reading the private JWK back as well would halve the executions per second:
       * checking an RSA private key is most of the time spent on one.) */
      read_back = grant_jwk_new_from_json (written, &error);
      if (read_back == NULL)
        g_error ("fuzz-jwk: the JWK Grant wrote for an accepted %s key does not parse: %s",
                 grant_jwk_get_kty (key), error->message);
      read_back_thumbprint = grant_jwk_dup_thumbprint (read_back);
      if (g_strcmp0 (thumbprint, read_back_thumbprint) != 0)
        g_error ("fuzz-jwk: an accepted %s key changed when Grant read back the JWK it wrote: "
                 "thumbprint %s, then %s", grant_jwk_get_kty (key), thumbprint,
                 read_back_thumbprint);

      /* The private JWK is the public one with the private members added. */
      members = json_object_get_members (written);
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *in_private = json_object_get_member (private_jwk, l->data);

          if (in_private == NULL
              || !json_node_equal (in_private, json_object_get_member (written, l->data)))
            g_error ("fuzz-jwk: the private JWK Grant wrote for an accepted %s key differs "
                     "from the public one in “%s”", grant_jwk_get_kty (key),
                     (const char *) l->data);
        }
    }
  g_clear_error (&error);

  jwks = grant_jwks_new_from_data ((const char *) data, (gssize) size, &error);

  return 0;
}
