/* fuzz-www-authenticate.c
 * libFuzzer target: parse a WWW-Authenticate header and read every challenge it holds.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "grant-auth-challenge.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const names[] = { "realm", "scope", "error", "error_description",
                                        "algs", "nonce", "acr_values", "max_age" };
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GError) error = NULL;

  challenges = grant_auth_challenge_parse ((const char *) data, (gssize) size, &error);
  if (challenges == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }

  /* Everything the parser kept is read back: names, values, lookups, scheme matching. */
  for (guint i = 0; i < challenges->len; i++)
    {
      GrantAuthChallenge *challenge = g_ptr_array_index (challenges, i);
      guint n = grant_auth_challenge_get_n_params (challenge);

      g_assert (grant_auth_challenge_get_scheme (challenge)[0] != '\0');
      g_assert (n == 0 || grant_auth_challenge_get_token68 (challenge) == NULL);
      for (guint p = 0; p < n; p++)
        g_assert (grant_auth_challenge_lookup (challenge,
                                               grant_auth_challenge_get_param_name (challenge,
                                                                                    p))
                  != NULL);
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        (void) grant_auth_challenge_lookup (challenge, names[k]);
    }
  (void) grant_auth_challenge_find (challenges, "Bearer");
  (void) grant_auth_challenge_find (challenges, "DPoP");

  return 0;
}
