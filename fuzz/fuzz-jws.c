/* fuzz-jws.c
 * libFuzzer target: parse a compact JWS, verify it against a fixed JWK Set, read its claims.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "grant-jwks.h"
#include "grant-jws.h"
#include "grant-jwt-claims.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* One key of each type Grant verifies with, made once: generating an RSA key per input would
 * leave no time for fuzzing. The set lives as long as the process, so LeakSanitizer sees it
 * as reachable. The kids are fixed (and in jose.dict) so that a crash found by selecting a key
 * by kid reproduces in another run, whose keys differ. */
static GrantJwks *jwks;

static void
add_key (const char *alg,
         const char *kid)
{
  g_autoptr(GrantJwk) key = NULL;
  g_autoptr(GError) error = NULL;

  key = grant_jwk_generate (alg, &error);
  if (key == NULL)
    g_error ("fuzz-jws: cannot make the %s key of the fixed JWK Set: %s", alg, error->message);
  grant_jwk_set_kid (key, kid);
  grant_jwks_add (jwks, key);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  jwks = grant_jwks_new ();
  add_key ("RS256", "rsa");
  add_key ("ES256", "ec");
  add_key ("EdDSA", "okp");
  add_key ("HS256", "oct");

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const time_claims[] = { "exp", "nbf", "iat", "auth_time" };
  g_auto(GStrv) audiences = NULL;
  GrantJwk *used_key = NULL;

  jws = grant_jws_parse ((const char *) data, (gssize) size, &error);
  if (jws == NULL)
    return 0;

  /* The keys are fresh, so a signature never verifies: what is exercised is the way to the
   * verdict (key selection, algorithm and key checks, signature decoding), on any input. */
  if (!grant_jws_verify_with_jwks (jws, jwks, &used_key, &error))
    g_clear_error (&error);

  claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), &error);
  if (claims == NULL)
    return 0;

  /* The typed claims are read from the same untrusted payload. */
  for (guint i = 0; i < G_N_ELEMENTS (time_claims); i++)
    {
      gint64 unix_time;

      if (!grant_jwt_claims_get_time (claims, time_claims[i], &unix_time, &error))
        g_clear_error (&error);
    }
  audiences = grant_jwt_claims_dup_audiences (claims, &error);

  return 0;
}
