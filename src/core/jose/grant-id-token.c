/* grant-id-token.c
 * ID-token validation (OpenID Connect Core §3.1.3.7, §3.2.2.11, §3.3.2.12) as a list of checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule gives one GrantCheck, in the order the specification lists them, and every
 * rule is evaluated even when an earlier one failed: a developer debugging a login wants to
 * see everything that is wrong at once. The claims are read before the signature is known to
 * be good only so that they can be shown; the token is valid only when no check failed.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "grant-base64url.h"
#include "grant-id-token.h"
#include "grant-jose-error.h"
#include "grant-jws.h"
#include "grant-jws-algorithm.h"
#include "grant-jwt-claims.h"

/* The algorithms a client accepts when it says nothing: the asymmetric ones. An HS* token
 * is checked with the client secret, which the client must have chosen to use. */
static const char * const default_algorithms[] = {
  "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", NULL
};

/* The names of the checks, in the order they are made. Those that are words are translated
 * when shown (grant_check_get_label()); the others are claim names. */
static const char * const check_names[] = {
  NC_("check", "parse"), "alg", NC_("check", "signature"), "iss", "sub", "aud", "azp", "exp",
  "iat", "nbf", "nonce", "at_hash", "c_hash",
};

/* Where the checks go: into a list of GrantCheck (grant_id_token_validate), or, in the quick
 * mode (grant_id_token_verify), nowhere but the first failure, as a GError. The quick mode
 * skips all the formatting a passed check's reason needs. */
typedef struct
{
  GListStore *store;
  GError     *failure;
} Report;

static gboolean
report_wants (Report           *report,
              GrantCheckStatus  status)
{
  return report->store != NULL || (status == GRANT_CHECK_FAILED && report->failure == NULL);
}

static void add_check (Report           *report,
                       const char       *name,
                       GrantCheckStatus  status,
                       const char       *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void
add_check (Report           *report,
           const char       *name,
           GrantCheckStatus  status,
           const char       *format,
           ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  if (!report_wants (report, status))
    return;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (report->store != NULL)
    {
      g_autoptr(GrantCheck) check = grant_check_new (name, status, reason);

      g_list_store_append (report->store, check);
    }
  else
    {
      report->failure = g_error_new (GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ID_TOKEN_INVALID,
                                     _("The ID token fails its “%s” check: %s"),
                                     g_dpgettext2 (NULL, "check", name), reason);
    }
}

/* Error messages may or may not end their sentence; a reason always does. */
static const char *
full_stop (const char *message)
{
  return g_str_has_suffix (message, ".") ? "" : ".";
}

static gboolean
strings_equal_constant_time (const char *a,
                             const char *b)
{
  gsize length = strlen (a);

  /* The length is not secret; the content is compared in time independent of where the two
   * differ, so that timing does not say how much of a guessed value was right. */
  return strlen (b) == length && CRYPTO_memcmp (a, b, length) == 0;
}

static char *
quote_list (const char * const *values)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "", values[i]);

  return g_string_free (text, FALSE);
}

/* A claim that is present but not a string is a failure worth naming, not an absence. */
static gboolean
claim_is_non_string (GrantJwtClaims *claims,
                     const char     *name)
{
  return grant_jwt_claims_has (claims, name) && grant_jwt_claims_get_string (claims, name) == NULL;
}

static void
check_parse (Report          *report,
             const char      *id_token,
             GrantJws       **jws_out,
             GrantJwtClaims **claims_out)
{
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  g_autoptr(GError) error = NULL;
  const char *kid;
  guint n_claims;
  const char *typ;

  jws = grant_jws_parse (id_token, -1, &error);
  if (jws == NULL)
    {
      add_check (report, "parse", GRANT_CHECK_FAILED,
                 _("The token is not a compact JWS. %s%s"), error->message,
                 full_stop (error->message));
      return;
    }

  claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), &error);
  if (claims == NULL)
    {
      add_check (report, "parse", GRANT_CHECK_FAILED,
                 _("The token is a JWS, but its payload is not a JWT claims set. %s%s"),
                 error->message, full_stop (error->message));
      return;
    }

  /* RFC 9068 §2.1 types JWT access tokens "at+jwt" (RFC 8725 §3.11) precisely so that one
   * cannot be passed off as an ID token, which has the same claims. */
  typ = grant_jws_get_typ (jws);
  if (typ != NULL && (g_ascii_strcasecmp (typ, "at+jwt") == 0
                      || g_ascii_strcasecmp (typ, "application/at+jwt") == 0))
    {
      add_check (report, "parse", GRANT_CHECK_FAILED,
                 _("The token's type (typ) is “%s”: it is a JWT access token (RFC 9068), not an "
                 "ID token, and must not be accepted as one."), typ);
      return;
    }

  kid = grant_jws_get_kid (jws);
  n_claims = json_object_get_size (grant_jwt_claims_get_object (claims));
  if (kid != NULL)
    add_check (report, "parse", GRANT_CHECK_PASSED,
               ngettext ("The token is a compact JWS (alg “%s”, kid “%s”) whose payload is a "
                         "JSON claims set of %u claim.",
                         "The token is a compact JWS (alg “%s”, kid “%s”) whose payload is a "
                         "JSON claims set of %u claims.", n_claims),
               grant_jws_get_alg (jws), kid, n_claims);
  else
    add_check (report, "parse", GRANT_CHECK_PASSED,
               ngettext ("The token is a compact JWS (alg “%s”) whose payload is a JSON claims "
                         "set of %u claim.",
                         "The token is a compact JWS (alg “%s”) whose payload is a JSON claims "
                         "set of %u claims.", n_claims),
               grant_jws_get_alg (jws), n_claims);

  *jws_out = g_steal_pointer (&jws);
  *claims_out = g_steal_pointer (&claims);
}

/* Returns whether the algorithm is allowed, so that no key is tried with one that is not. */
static gboolean
check_alg (Report                         *report,
           GrantJws                       *jws,
           const GrantIdTokenExpectations *expected)
{
  const char *alg = grant_jws_get_alg (jws);
  const char * const *allowed = expected->algorithms != NULL ? expected->algorithms
                                                             : default_algorithms;
  g_autofree char *allowed_text = NULL;

  if (g_ascii_strcasecmp (alg, "none") == 0)
    {
      add_check (report, "alg", GRANT_CHECK_FAILED,
                 _("The token is unsecured (alg “%s”): it has no signature, and an ID token "
                 "must always be signed (OpenID Connect Core §2)."), alg);
      return FALSE;
    }

  if (!g_strv_contains (allowed, alg))
    {
      allowed_text = quote_list (allowed);
      if (expected->algorithms == NULL && g_str_has_prefix (alg, "HS"))
        add_check (report, "alg", GRANT_CHECK_FAILED,
                   _("The token is signed with %s, a MAC keyed with the client secret, and this "
                   "client did not list it among the algorithms it accepts (by default only "
                   "the asymmetric ones: %s). Accepting it unasked would let anyone who knows "
                   "a public key of the server forge tokens."), alg, allowed_text);
      else
        add_check (report, "alg", GRANT_CHECK_FAILED,
                   _("The token is signed with “%s”, which is not among the algorithms this "
                   "client accepts: %s."), alg, allowed_text);
      return FALSE;
    }

  if (!grant_jws_algorithm_is_supported (alg))
    {
      add_check (report, "alg", GRANT_CHECK_FAILED,
                 _("The client accepts “%s”, but Grant cannot verify that algorithm."), alg);
      return FALSE;
    }

  if (expected->algorithms == NULL)
    add_check (report, "alg", GRANT_CHECK_PASSED,
               _("The token is signed with %s, which this client accepts (an asymmetric "
                 "algorithm)."), alg);
  else
    add_check (report, "alg", GRANT_CHECK_PASSED,
               _("The token is signed with %s, which this client accepts."), alg);
  return TRUE;
}

static void
check_signature (Report     *report,
                 GrantJws   *jws,
                 GrantJwks  *jwks,
                 gboolean    alg_allowed)
{
  g_autoptr(GError) error = NULL;
  const char *alg = grant_jws_get_alg (jws);
  GrantJwk *key = NULL;

  /* An unsecured token goes to the verifier anyway, which refuses it before choosing a key,
   * so that the reason is the real one. Any other algorithm the client does not accept is
   * never tried with a key. */
  if (!alg_allowed && g_ascii_strcasecmp (alg, "none") != 0)
    {
      add_check (report, "signature", GRANT_CHECK_FAILED,
                 _("Not verified: the algorithm “%s” is not one this client accepts, so no key "
                 "was tried."), alg);
      return;
    }

  if (!grant_jws_verify_with_jwks (jws, jwks, &key, &error))
    {
      add_check (report, "signature", GRANT_CHECK_FAILED,
                 "%s%s", error->message, full_stop (error->message));
      return;
    }

  if (!report_wants (report, GRANT_CHECK_PASSED))
    return;

  if (grant_jwk_get_kid (key) != NULL)
    {
      add_check (report, "signature", GRANT_CHECK_PASSED,
                 _("The %s signature verifies with the key “%s”."), alg, grant_jwk_get_kid (key));
    }
  else
    {
      g_autofree char *thumbprint = grant_jwk_dup_thumbprint (key);

      add_check (report, "signature", GRANT_CHECK_PASSED,
                 _("The %s signature verifies with the set's only fitting key, which has no kid "
                 "(its RFC 7638 thumbprint is “%s”)."), alg, thumbprint);
    }
}

static void
check_iss (Report                         *report,
           GrantJwtClaims                 *claims,
           const GrantIdTokenExpectations *expected)
{
  const char *iss = grant_jwt_claims_get_string (claims, "iss");
  gsize iss_length, issuer_length;

  if (iss == NULL)
    {
      add_check (report, "iss", GRANT_CHECK_FAILED,
                 claim_is_non_string (claims, "iss")
                 ? _("The claim “iss” is not a string; it must be the issuer “%s”.")
                 : _("The token has no “iss” claim; it must name the issuer “%s”."),
                 expected->issuer);
      return;
    }

  if (g_str_equal (iss, expected->issuer))
    {
      add_check (report, "iss", GRANT_CHECK_PASSED, _("The issuer is “%s”, as expected."), iss);
      return;
    }

  /* The most common mismatch, and one that is easy to miss by eye. */
  iss_length = strlen (iss);
  issuer_length = strlen (expected->issuer);
  if ((iss_length == issuer_length + 1 && iss[issuer_length] == '/'
       && strncmp (iss, expected->issuer, issuer_length) == 0)
      || (issuer_length == iss_length + 1 && expected->issuer[iss_length] == '/'
          && strncmp (iss, expected->issuer, iss_length) == 0))
    add_check (report, "iss", GRANT_CHECK_FAILED,
               _("The issuer is “%s”, not “%s”: they differ by a trailing slash, and the "
               "issuer must match exactly (OpenID Connect Core §3.1.3.7)."),
               iss, expected->issuer);
  else
    add_check (report, "iss", GRANT_CHECK_FAILED,
               _("The issuer is “%s”, not the expected “%s”."), iss, expected->issuer);
}

/* OpenID Connect Core §2: sub is REQUIRED, a case-sensitive string of at most 255 ASCII
 * characters that identifies the user for this issuer. Without it the token says nothing
 * about who logged in. */
static void
check_sub (Report         *report,
           GrantJwtClaims *claims)
{
  const char *sub = grant_jwt_claims_get_string (claims, "sub");

  if (sub == NULL)
    add_check (report, "sub", GRANT_CHECK_FAILED,
               claim_is_non_string (claims, "sub")
               ? _("The claim “sub” is not a string; it must identify the user.")
               : _("The token has no “sub” claim, so it does not say who logged in (OpenID "
                   "Connect Core §2 requires it)."));
  else if (*sub == '\0')
    add_check (report, "sub", GRANT_CHECK_FAILED,
               _("The subject is empty; it must be 1 to 255 characters (OpenID Connect Core §2)."));
  else if (strlen (sub) > 255)
    add_check (report, "sub", GRANT_CHECK_FAILED,
               _("The subject is longer than 255 characters; it must be 1 to 255 characters "
                 "(OpenID Connect Core §2)."));
  else
    add_check (report, "sub", GRANT_CHECK_PASSED, _("The subject (the user) is “%s”."), sub);
}

static void
check_aud_and_azp (Report                         *report,
                   GrantJwtClaims                 *claims,
                   const GrantIdTokenExpectations *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) audiences = NULL;
  g_autofree char *audience_text = NULL;
  const char *azp = grant_jwt_claims_get_string (claims, "azp");
  guint n_audiences;

  audiences = grant_jwt_claims_dup_audiences (claims, &error);
  if (audiences == NULL && error != NULL)
    add_check (report, "aud", GRANT_CHECK_FAILED, "%s%s", error->message,
               full_stop (error->message));
  else if (audiences == NULL)
    add_check (report, "aud", GRANT_CHECK_FAILED,
               _("The token has no “aud” claim; an ID token must name the client “%s” as its "
               "audience."), expected->client_id);
  n_audiences = audiences != NULL ? g_strv_length (audiences) : 0;

  /* Quoting the audiences is for the reasons; the quick mode needs it only for a failure. */
  if (audiences != NULL
      && (report->store != NULL
          || !g_strv_contains ((const char * const *) audiences, expected->client_id)
          || (n_audiences > 1 && azp == NULL)))
    audience_text = quote_list ((const char * const *) audiences);

  if (audiences != NULL)
    {
      if (n_audiences == 0)
        add_check (report, "aud", GRANT_CHECK_FAILED,
                   _("The audience list is empty; it must include the client “%s”."),
                   expected->client_id);
      else if (!g_strv_contains ((const char * const *) audiences, expected->client_id))
        add_check (report, "aud", GRANT_CHECK_FAILED,
                   _("The audience is %s, which does not include the client “%s”."),
                   audience_text, expected->client_id);
      else if (n_audiences == 1)
        add_check (report, "aud", GRANT_CHECK_PASSED,
                   _("The audience is the client “%s”."), expected->client_id);
      else
        add_check (report, "aud", GRANT_CHECK_PASSED,
                   _("The audience %s includes the client “%s”; the client must also trust "
                   "the others."), audience_text, expected->client_id);
    }

  /* §3.1.3.7 steps 4 and 5: several audiences need an azp, and any azp must be the client. */
  if (claim_is_non_string (claims, "azp"))
    add_check (report, "azp", GRANT_CHECK_FAILED,
               _("The claim “azp” is not a string; it must be the client ID “%s”."),
               expected->client_id);
  else if (azp != NULL && g_str_equal (azp, expected->client_id))
    add_check (report, "azp", GRANT_CHECK_PASSED,
               _("The authorized party (azp) is the client “%s”."), azp);
  else if (azp != NULL)
    add_check (report, "azp", GRANT_CHECK_FAILED,
               _("The authorized party (azp) is “%s”, another client than “%s”: the token was "
               "issued to someone else."), azp, expected->client_id);
  else if (n_audiences > 1)
    add_check (report, "azp", GRANT_CHECK_FAILED,
               _("The token has several audiences (%s) but no “azp” claim to say which of them "
               "it was issued to."), audience_text);
  else
    add_check (report, "azp", GRANT_CHECK_NOT_APPLICABLE,
               _("The token has a single audience and no “azp”, so there is no authorized "
               "party to check."));
}

/* Reads a NumericDate for a check; on failure the check is added and FALSE returned. */
static gboolean
read_time (Report         *report,
           GrantJwtClaims *claims,
           const char     *name,
           gboolean        required,
           const char     *absent_reason,
           gint64         *value)
{
  g_autoptr(GError) error = NULL;

  if (grant_jwt_claims_get_time (claims, name, value, &error))
    return TRUE;

  if (error != NULL)
    add_check (report, name, GRANT_CHECK_FAILED, "%s%s", error->message,
               full_stop (error->message));
  else
    add_check (report, name, required ? GRANT_CHECK_FAILED : GRANT_CHECK_NOT_APPLICABLE,
               "%s", absent_reason);

  return FALSE;
}

static void
check_times (Report         *report,
             GrantJwtClaims *claims,
             gint64          now,
             gint64          skew)
{
  gint64 exp, iat, nbf;

  /* Every comparison puts the skew on the claim's side: claims are bounded to the years 1 to
   * 9999 and the skew to a day, so nothing can overflow whatever @now is. */
  if (read_time (report, claims, "exp", TRUE,
                 "The token has no “exp” claim; an ID token must say when it expires.", &exp))
    {
      GrantCheckStatus status = now < exp + skew ? GRANT_CHECK_PASSED : GRANT_CHECK_FAILED;
      g_autofree char *when = report_wants (report, status) ? grant_jwt_format_time (exp, now)
                                                            : NULL;

      if (now < exp)
        add_check (report, "exp", GRANT_CHECK_PASSED, _("Expires %s."), when);
      else if (now < exp + skew)
        add_check (report, "exp", GRANT_CHECK_PASSED,
                   _("Expired %s, within the allowed clock skew of %lld s."),
                   when, (long long) skew);
      else
        add_check (report, "exp", GRANT_CHECK_FAILED,
                   _("The token expired %s, beyond the allowed clock skew of %lld s."),
                   when, (long long) skew);
    }

  if (read_time (report, claims, "iat", TRUE,
                 _("The token has no “iat” claim; an ID token must say when it was issued."),
                 &iat))
    {
      GrantCheckStatus status = iat - skew <= now ? GRANT_CHECK_PASSED : GRANT_CHECK_FAILED;
      g_autofree char *when = report_wants (report, status) ? grant_jwt_format_time (iat, now)
                                                            : NULL;

      if (iat <= now)
        add_check (report, "iat", GRANT_CHECK_PASSED, _("Issued %s."), when);
      else if (iat - skew <= now)
        add_check (report, "iat", GRANT_CHECK_PASSED,
                   _("Issued %s: in the future, but within the allowed clock skew of %lld s."),
                   when, (long long) skew);
      else
        add_check (report, "iat", GRANT_CHECK_FAILED,
                   _("The token says it was issued %s, in the future beyond the allowed clock "
                   "skew of %lld s: the server's clock or this one is wrong."),
                   when, (long long) skew);
    }

  if (read_time (report, claims, "nbf", FALSE, _("The token has no “nbf” claim."), &nbf))
    {
      GrantCheckStatus status = nbf - skew <= now ? GRANT_CHECK_PASSED : GRANT_CHECK_FAILED;
      g_autofree char *when = report_wants (report, status) ? grant_jwt_format_time (nbf, now)
                                                            : NULL;

      if (nbf - skew <= now)
        add_check (report, "nbf", GRANT_CHECK_PASSED, _("Valid from %s."), when);
      else
        add_check (report, "nbf", GRANT_CHECK_FAILED,
                   _("The token is not valid before %s, beyond the allowed clock skew of %lld s."),
                   when, (long long) skew);
    }
}

static void
check_nonce (Report                         *report,
             GrantJwtClaims                 *claims,
             const GrantIdTokenExpectations *expected)
{
  const char *nonce = grant_jwt_claims_get_string (claims, "nonce");

  if (claim_is_non_string (claims, "nonce"))
    add_check (report, "nonce", GRANT_CHECK_FAILED, _("The claim “nonce” is not a string."));
  else if (expected->nonce == NULL && nonce == NULL)
    add_check (report, "nonce", GRANT_CHECK_NOT_APPLICABLE,
               _("No nonce was sent in the authorization request, and the token has none."));
  else if (expected->nonce == NULL)
    add_check (report, "nonce", GRANT_CHECK_PASSED,
               _("No nonce was sent in the authorization request, yet the token has one (“%s”); "
               "there is nothing to compare it with."), nonce);
  else if (nonce == NULL)
    add_check (report, "nonce", GRANT_CHECK_FAILED,
               _("The nonce “%s” was sent in the authorization request, but the token has no "
               "“nonce” claim, so it may be replayed from another login."), expected->nonce);
  else if (strings_equal_constant_time (nonce, expected->nonce))
    add_check (report, "nonce", GRANT_CHECK_PASSED,
               _("The nonce is “%s”, the one sent in the authorization request."), nonce);
  else
    add_check (report, "nonce", GRANT_CHECK_FAILED,
               _("The nonce is “%s”, not “%s”, the one sent in the authorization request: the "
               "token belongs to another login, or was replayed."), nonce, expected->nonce);
}

/* The hash of a JWS algorithm for at_hash and c_hash; see grant_id_token_hash() for EdDSA. */
static const EVP_MD *
hash_of_alg (const char *alg)
{
  if (g_strcmp0 (alg, "EdDSA") == 0)
    return EVP_sha512 ();
  if (!grant_jws_algorithm_is_supported (alg))
    return NULL;
  if (g_str_has_suffix (alg, "256"))
    return EVP_sha256 ();
  if (g_str_has_suffix (alg, "384"))
    return EVP_sha384 ();
  if (g_str_has_suffix (alg, "512"))
    return EVP_sha512 ();

  return NULL;
}

static const char *
hash_name (const char *alg)
{
  const EVP_MD *md = hash_of_alg (alg);

  return md == NULL ? _("no known hash") : md == EVP_sha256 () ? "SHA-256"
         : md == EVP_sha384 () ? "SHA-384" : "SHA-512";
}

/* at_hash (§3.2.2.9) and c_hash (§3.3.2.11) are the same check of two values, the access
 * token and the authorization code; each has its own sentences, since the name of the value
 * cannot be slotted into a translation. A hash claim is present only for some response types,
 * so an absent one is a failure only when the caller says the response type requires it; a
 * present one must match. */
static void
check_hash (Report         *report,
            GrantJws       *jws,
            GrantJwtClaims *claims,
            gboolean        of_access_token,
            const char     *value,
            gboolean        required)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *computed = NULL;
  const char *name = of_access_token ? "at_hash" : "c_hash";
  const char *claimed = grant_jwt_claims_get_string (claims, name);

  if (claim_is_non_string (claims, name))
    {
      add_check (report, name, GRANT_CHECK_FAILED, _("The claim “%s” is not a string."), name);
      return;
    }

  if (value == NULL && claimed != NULL)
    {
      add_check (report, name, GRANT_CHECK_NOT_APPLICABLE,
                 of_access_token
                 ? _("No access token was given to compare with the token's at_hash “%s”.")
                 : _("No authorization code was given to compare with the token's c_hash “%s”."),
                 claimed);
      return;
    }
  if (value == NULL)
    {
      add_check (report, name, GRANT_CHECK_NOT_APPLICABLE, "%s",
                 of_access_token ? _("No access token was issued with this token.")
                                 : _("No authorization code was issued with this token."));
      return;
    }

  if (claimed == NULL && required)
    {
      add_check (report, name, GRANT_CHECK_FAILED, "%s",
                 of_access_token
                 ? _("The token has no at_hash, which is required when the authorization "
                     "endpoint issues an ID token with an access token (OpenID Connect Core "
                     "§3.2.2.10).")
                 : _("The token has no c_hash, which is required when the authorization "
                     "endpoint issues an ID token with an authorization code (OpenID Connect "
                     "Core §3.3.2.11)."));
      return;
    }

  if (claimed == NULL)
    {
      add_check (report, name, GRANT_CHECK_NOT_APPLICABLE,
                 _("Not checked: the token has no %s, which only some response types require."),
                 name);
      return;
    }

  computed = grant_id_token_hash (grant_jws_get_alg (jws), value, &error);
  if (computed == NULL)
    add_check (report, name, GRANT_CHECK_FAILED,
               _("The %s cannot be checked: %s%s"), name, error->message,
               full_stop (error->message));
  else if (g_str_equal (computed, claimed))
    add_check (report, name, GRANT_CHECK_PASSED,
               of_access_token ? _("The at_hash “%s” matches the access token.")
                               : _("The c_hash “%s” matches the authorization code."),
               claimed);
  else
    add_check (report, name, GRANT_CHECK_FAILED,
               /* Translators: the values are the claim, the hash computed, the hash function
                * and the token's algorithm. */
               of_access_token
               ? _("The at_hash is “%s”, but the access token hashes to “%s” with %s (the hash "
                   "of %s): the token was not issued together with this access token.")
               : _("The c_hash is “%s”, but the authorization code hashes to “%s” with %s (the "
                   "hash of %s): the token was not issued together with this authorization "
                   "code."),
               claimed, computed, hash_name (grant_jws_get_alg (jws)), grant_jws_get_alg (jws));
}

/**
 * grant_id_token_validate:
 * @id_token: the ID token, a compact JWS
 * @jwks: the keys of the issuer (and the client secret as an `oct` key, for HS*)
 * @expected: what the relying party knows and expects
 *
 * Validates an ID token as a relying party must (OpenID Connect Core §3.1.3.7, with `at_hash`
 * from §3.2.2.9 and §3.3.2.11 and `c_hash` from §3.3.2.11), one check per rule, in this
 * order: “parse”, “alg”, “signature”, “iss”, “sub”, “aud”, “azp”, “exp”, “iat”, “nbf”,
 * “nonce”, “at_hash”, “c_hash”. Each check's reason says in plain words what was compared, with
 * the values and readable times.
 *
 * The algorithm must be one of @expected's, or an asymmetric one when it lists none; `none`
 * always fails, and no key is tried with an algorithm that is not accepted. When the token
 * cannot be read at all, “parse” fails and every other check is not applicable.
 *
 * Returns: (transfer full): a #GListModel of #GrantCheck; the token is valid when
 *   grant_checks_all_pass() says so
 */
static void
run_checks (Report                         *report,
            const char                     *id_token,
            GrantJwks                      *jwks,
            const GrantIdTokenExpectations *expected,
            GrantJwtClaims                **claims_out)
{
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  gboolean alg_allowed;
  gint64 skew;

  check_parse (report, id_token, &jws, &claims);
  if (claims == NULL)
    {
      for (guint i = 1; i < G_N_ELEMENTS (check_names); i++)
        add_check (report, check_names[i], GRANT_CHECK_NOT_APPLICABLE,
                   _("Not checked, because the token could not be read."));
      return;
    }

  /* A negative skew would make valid tokens fail; more than a day is a mistake. */
  skew = CLAMP (expected->skew_seconds, 0, 24 * 60 * 60);

  alg_allowed = check_alg (report, jws, expected);
  check_signature (report, jws, jwks, alg_allowed);
  check_iss (report, claims, expected);
  check_sub (report, claims);
  check_aud_and_azp (report, claims, expected);
  check_times (report, claims, expected->now, skew);
  check_nonce (report, claims, expected);
  check_hash (report, jws, claims, TRUE, expected->access_token, expected->at_hash_required);
  check_hash (report, jws, claims, FALSE, expected->code, expected->c_hash_required);

  if (claims_out != NULL)
    *claims_out = g_steal_pointer (&claims);
}

/**
 * grant_id_token_validate:
 * @id_token: the ID token, a compact JWS
 * @jwks: the keys of the issuer (and the client secret as an `oct` key, for HS*)
 * @expected: what the relying party knows and expects
 *
 * Validates an ID token as a relying party must (OpenID Connect Core §3.1.3.7, with `at_hash`
 * from §3.2.2.9 and §3.3.2.11 and `c_hash` from §3.3.2.11), one check per rule, in this
 * order: “parse”, “alg”, “signature”, “iss”, “sub”, “aud”, “azp”, “exp”, “iat”, “nbf”,
 * “nonce”, “at_hash”, “c_hash”. Each check's reason says in plain words what was compared, with
 * the values and readable times.
 *
 * The algorithm must be one of @expected's, or an asymmetric one when it lists none; `none`
 * always fails, and no key is tried with an algorithm that is not accepted. When the token
 * cannot be read at all, “parse” fails and every other check is not applicable.
 *
 * Returns: (transfer full): a #GListModel of #GrantCheck; the token is valid when
 *   grant_checks_all_pass() says so
 */
GListModel *
grant_id_token_validate (const char                     *id_token,
                         GrantJwks                      *jwks,
                         const GrantIdTokenExpectations *expected)
{
  Report report = { NULL, NULL };

  g_return_val_if_fail (id_token != NULL, NULL);
  g_return_val_if_fail (GRANT_IS_JWKS (jwks), NULL);
  g_return_val_if_fail (expected != NULL, NULL);
  g_return_val_if_fail (expected->issuer != NULL, NULL);
  g_return_val_if_fail (expected->client_id != NULL, NULL);

  report.store = g_list_store_new (GRANT_TYPE_CHECK);
  run_checks (&report, id_token, jwks, expected, NULL);

  g_assert (g_list_model_get_n_items (G_LIST_MODEL (report.store))
            == G_N_ELEMENTS (check_names));

  return G_LIST_MODEL (report.store);
}

/**
 * grant_id_token_verify:
 * @id_token: the ID token, a compact JWS
 * @jwks: the keys of the issuer (and the client secret as an `oct` key, for HS*)
 * @expected: what the relying party knows and expects
 * @claims: (out) (optional) (transfer full): the token's claims, when it is valid
 * @error: return location for a #GError
 *
 * Makes the checks of grant_id_token_validate(), and says only whether they all pass: the
 * quick path for a flow that needs a yes or no, with the first failed check as the error
 * (%GRANT_JOSE_ERROR_ID_TOKEN_INVALID, its message the check's reason).
 *
 * Returns: %TRUE when the token is valid
 */
gboolean
grant_id_token_verify (const char                      *id_token,
                       GrantJwks                       *jwks,
                       const GrantIdTokenExpectations  *expected,
                       GrantJwtClaims                 **claims,
                       GError                         **error)
{
  g_autoptr(GrantJwtClaims) verified_claims = NULL;
  Report report = { NULL, NULL };

  g_return_val_if_fail (id_token != NULL, FALSE);
  g_return_val_if_fail (GRANT_IS_JWKS (jwks), FALSE);
  g_return_val_if_fail (expected != NULL, FALSE);
  g_return_val_if_fail (expected->issuer != NULL, FALSE);
  g_return_val_if_fail (expected->client_id != NULL, FALSE);

  run_checks (&report, id_token, jwks, expected, &verified_claims);

  if (report.failure != NULL)
    {
      g_propagate_error (error, report.failure);
      return FALSE;
    }

  if (claims != NULL)
    *claims = g_steal_pointer (&verified_claims);

  return TRUE;
}

/**
 * grant_id_token_hash:
 * @alg: the JWS `alg` of the ID token
 * @value: the access token or authorization code
 * @error: return location for a #GError
 *
 * Computes an `at_hash` or `c_hash` (OpenID Connect Core §3.2.2.9, §3.3.2.11): the left-most
 * half of the hash of the octets of @value, base64url-encoded, where the hash is the one of
 * @alg: SHA-256 for *256, SHA-384 for *384, SHA-512 for *512.
 *
 * For `EdDSA` the core specification names no hash. Grant uses SHA-512, the hash inside
 * Ed25519 (RFC 8032 §5.1), which is the only EdDSA curve it supports: that is the consensus
 * of the OpenID Connect working group (bitbucket.org/openid/connect issue 1125, "_hash
 * algorithm for EdDSA ID Tokens") and what oidc-provider and openid-client (the
 * oidc-token-hash module), Keycloak and zitadel/oidc compute.
 *
 * Returns: (transfer full): the hash, or %NULL with @error set when @alg is `none` or one
 *   Grant does not know
 */
char *
grant_id_token_hash (const char  *alg,
                     const char  *value,
                     GError     **error)
{
  guint8 digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  const EVP_MD *md;

  g_return_val_if_fail (alg != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  md = hash_of_alg (alg);

  if (md == NULL && g_ascii_strcasecmp (alg, "none") == 0)
    {
      g_set_error_literal (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_ALG_NONE,
                           _("An unsecured token (alg “none”) has no hash algorithm for "
                           "at_hash or c_hash"));
      return NULL;
    }
  if (md == NULL)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_UNSUPPORTED,
                   _("Grant does not know the hash of the algorithm “%s”, so it cannot compute "
                   "at_hash or c_hash"), alg);
      return NULL;
    }

  if (EVP_Digest (value, strlen (value), digest, &digest_length, md, NULL) != 1)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_CRYPTO,
                   _("OpenSSL could not compute the hash for %s"), alg);
      return NULL;
    }

  return grant_base64url_encode (digest, digest_length / 2);
}
