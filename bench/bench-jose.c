/* bench-jose.c
 * The JOSE benchmark: Grant's signature step against raw OpenSSL, the checks around it, and
 * whole ID-token validation, for RS256, PS256, ES256, EdDSA and HS256 (bench/README.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure is measured in this one process, over the same tokens and keys: a measurement
 * is warmed up, then timed in runs of at least --min-time seconds each, and the median run is
 * reported. The runs of all measurements are interleaved (a round times each measurement of
 * each algorithm once), so that a slow minute on a shared machine spreads over all of them
 * instead of landing on one side of a ratio.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "grant-base64url.h"
#include "grant-check.h"
#include "grant-id-token.h"
#include "grant-jwk.h"
#include "grant-jwks.h"
#include "grant-jws.h"
#include "grant-jws-algorithm.h"
#include "grant-jwt-claims.h"

#define ISSUER "https://accounts.example.com"
#define CLIENT_ID "grant-public"
#define NONCE "n-0S6_WzA2Mj"
#define ACCESS_TOKEN "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"
#define SKEW_SECONDS 60

/* The targets of the issue; bench/run compares against them too. */
#define TARGET_SIGNATURE_RATIO 0.85
#define TARGET_AROUND_US 10.0

#define MAX_RUNS 25

static const char * const default_algorithms[] = {
  "RS256", "PS256", "ES256", "EdDSA", "HS256", NULL
};

typedef enum
{
  MEASURE_GRANT_SIGNATURE,
  MEASURE_OPENSSL_SIGNATURE,
  MEASURE_OPENSSL_PREKEYED,
  MEASURE_PARSE_CLAIMS,
  MEASURE_VALIDATE,
  MEASURE_AROUND,
  N_MEASURES
} Measure;

static const char * const measure_names[N_MEASURES] = {
  "grant_jws_algorithm_verify",
  "OpenSSL EVP verify",
  "OpenSSL HMAC, keyed once",
  "grant_jws_parse + grant_jwt_claims_new_from_payload",
  "grant_id_token_verify",
  "grant_id_token_verify less its signature step, paired",
};

typedef struct
{
  char         *alg;
  char         *token;
  JsonObject   *jwk;            /* what a verifier has: the public key, or the secret for HS* */
  GrantJwk     *key;            /* made from @jwk */
  GrantJwks    *jwks;           /* @key alone */
  const char   *algorithms[2];  /* { alg, NULL }, as jose is given algorithms: [alg] */
  GrantIdTokenExpectations expected;

  /* The JWS as a verifier sees it: the signing input and the decoded signature. */
  const guint8 *signing_input;
  gsize         signing_input_length;
  GBytes       *signature;

  /* The raw OpenSSL baseline, set up outside the timed loops. */
  const char   *digest;         /* NULL for EdDSA */
  gboolean      pss;
  EVP_MD_CTX   *md_ctx;
  guint8       *der_signature;  /* ES*: r‖s as DER, converted once */
  gsize         der_signature_length;
  EVP_MAC      *mac;
  EVP_MAC_CTX  *mac_ctx;
  EVP_MAC_CTX  *prekeyed_mac_ctx;
  OSSL_PARAM    mac_params[2];

  /* Seconds per operation, one per run. */
  double        runs[N_MEASURES][MAX_RUNS];
  guint         n_runs[N_MEASURES];
  guint64       chunk[N_MEASURES];
  double        around_seconds;  /* MEASURE_AROUND: the sum of the paired differences */
  guint64       around_count;
} Case;

typedef void (*Operation) (Case    *c,
                           guint64  n);

/* The benchmark has nothing to measure once an operation fails: it says what and stops. */
static G_NORETURN void
die (const char *what,
     GError     *error)
{
  if (error != NULL)
    fprintf (stderr, "bench-jose: %s: %s\n", what, error->message);
  else
    fprintf (stderr, "bench-jose: %s\n", what);
  exit (1);
}

static double
monotonic_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

/* The operations that are timed. Each must succeed every time: a benchmark of a failing
 * verification would measure an error path. */

static void
grant_signature_op (Case    *c,
                    guint64  n)
{
  gsize signature_length;
  const guint8 *signature = g_bytes_get_data (c->signature, &signature_length);

  for (guint64 i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!grant_jws_algorithm_verify (c->alg, c->key, c->signing_input, c->signing_input_length,
                                       signature, signature_length, &error))
        die ("grant_jws_algorithm_verify", error);
    }
}

static void
openssl_signature_op (Case    *c,
                      guint64  n)
{
  gsize signature_length;
  const guint8 *signature = g_bytes_get_data (c->signature, &signature_length);
  EVP_PKEY *pkey = grant_jwk_get_pkey (c->key);

  if (c->mac != NULL)
    {
      gsize secret_length;
      const guint8 *secret = g_bytes_get_data (grant_jwk_get_secret (c->key), &secret_length);

      for (guint64 i = 0; i < n; i++)
        {
          guint8 mac[EVP_MAX_MD_SIZE];
          size_t mac_length = 0;

          if (EVP_MAC_init (c->mac_ctx, secret, secret_length, c->mac_params) != 1
              || EVP_MAC_update (c->mac_ctx, c->signing_input, c->signing_input_length) != 1
              || EVP_MAC_final (c->mac_ctx, mac, &mac_length, sizeof mac) != 1
              || mac_length != signature_length
              || CRYPTO_memcmp (mac, signature, mac_length) != 0)
            die ("OpenSSL's HMAC did not verify the token", NULL);
        }
      return;
    }

  if (c->der_signature != NULL)
    {
      signature = c->der_signature;
      signature_length = c->der_signature_length;
    }

  for (guint64 i = 0; i < n; i++)
    {
      EVP_PKEY_CTX *pctx = NULL;

      EVP_MD_CTX_reset (c->md_ctx);
      if (EVP_DigestVerifyInit_ex (c->md_ctx, &pctx, c->digest, NULL, NULL, pkey, NULL) != 1
          || (c->pss
              && (EVP_PKEY_CTX_set_rsa_padding (pctx, RSA_PKCS1_PSS_PADDING) != 1
                  || EVP_PKEY_CTX_set_rsa_pss_saltlen (pctx, RSA_PSS_SALTLEN_DIGEST) != 1))
          || EVP_DigestVerify (c->md_ctx, signature, signature_length,
                               c->signing_input, c->signing_input_length) != 1)
        die ("OpenSSL's EVP_DigestVerify did not verify the token", NULL);
    }
}

/* HMAC with the key's pads computed once and reused: faster than any per-call keying, and
 * shown for HS* only so that the figure for a cached keyed context is on record. */
static void
openssl_prekeyed_op (Case    *c,
                     guint64  n)
{
  gsize signature_length;
  const guint8 *signature = g_bytes_get_data (c->signature, &signature_length);

  for (guint64 i = 0; i < n; i++)
    {
      guint8 mac[EVP_MAX_MD_SIZE];
      size_t mac_length = 0;

      if (EVP_MAC_init (c->prekeyed_mac_ctx, NULL, 0, NULL) != 1
          || EVP_MAC_update (c->prekeyed_mac_ctx, c->signing_input,
                             c->signing_input_length) != 1
          || EVP_MAC_final (c->prekeyed_mac_ctx, mac, &mac_length, sizeof mac) != 1
          || mac_length != signature_length
          || CRYPTO_memcmp (mac, signature, mac_length) != 0)
        die ("OpenSSL's HMAC, keyed once, did not verify the token", NULL);
    }
}

static void
parse_claims_op (Case    *c,
                 guint64  n)
{
  for (guint64 i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantJws) jws = NULL;
      g_autoptr(GrantJwtClaims) claims = NULL;

      jws = grant_jws_parse (c->token, -1, &error);
      if (jws == NULL)
        die ("grant_jws_parse", error);
      claims = grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), &error);
      if (claims == NULL)
        die ("grant_jwt_claims_new_from_payload", error);
    }
}

static void
fail_checks (GListModel *checks)
{
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(GrantCheck) check = g_list_model_get_item (checks, i);

      if (grant_check_get_status (check) == GRANT_CHECK_FAILED)
        fprintf (stderr, "bench-jose: check “%s” failed: %s\n",
                 grant_check_get_name (check), grant_check_get_reason (check));
    }
  die ("grant_id_token_verify did not pass the token", NULL);
}

/* The whole token as a flow checks it: every ID-token check, with a yes or no (the list of
 * checks with their reasons, grant_id_token_validate, is for showing them to a person). */
static void
validate_op (Case    *c,
             guint64  n)
{
  for (guint64 i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!grant_id_token_verify (c->token, c->jwks, &c->expected, NULL, &error))
        {
          g_autoptr(GListModel) checks = grant_id_token_validate (c->token, c->jwks,
                                                                  &c->expected);

          fail_checks (checks);
        }
    }
}

/* Part (b), measured directly: each iteration times the signature step and then the whole
 * verification of the same token, back to back, and keeps the difference. A subtraction of
 * two separately timed medians is at the mercy of the machine's load (it even came out
 * negative on a busy machine); pairs a few microseconds apart see the same load. */
static void
around_op (Case    *c,
           guint64  n)
{
  for (guint64 i = 0; i < n; i++)
    {
      double t0 = monotonic_seconds ();
      double t1;
      double t2;

      grant_signature_op (c, 1);
      t1 = monotonic_seconds ();
      validate_op (c, 1);
      t2 = monotonic_seconds ();

      c->around_seconds += (t2 - t1) - (t1 - t0);
      c->around_count++;
    }
}

static const Operation operations[N_MEASURES] = {
  grant_signature_op,
  openssl_signature_op,
  openssl_prekeyed_op,
  parse_claims_op,
  validate_op,
  around_op,
};

static gboolean
case_has_measure (Case    *c,
                  Measure  measure)
{
  return measure != MEASURE_OPENSSL_PREKEYED || c->mac != NULL;
}

/* Warms the operation up and finds a chunk of iterations that takes about a tenth of
 * @min_seconds, so that a timed run reads the clock rarely and overshoots little. */
static void
warm_up (Case    *c,
         Measure  measure,
         double   min_seconds)
{
  Operation operation = operations[measure];
  guint64 n = 1;
  double elapsed;
  double start;

  for (;;)
    {
      start = monotonic_seconds ();
      operation (c, n);
      elapsed = monotonic_seconds () - start;
      if (elapsed >= min_seconds / 20)
        break;
      n *= 2;
    }

  c->chunk[measure] = MAX (1, (guint64) ((double) n * (min_seconds / 10) / elapsed));

  /* A quarter of a run more, now that the chunk is known. */
  start = monotonic_seconds ();
  while (monotonic_seconds () - start < min_seconds / 4)
    operation (c, c->chunk[measure]);
}

/* One timed run of at least @min_seconds. */
static void
time_run (Case    *c,
          Measure  measure,
          double   min_seconds)
{
  Operation operation = operations[measure];
  guint64 chunk = c->chunk[measure];
  guint64 done = 0;
  double start = monotonic_seconds ();
  double elapsed;

  c->around_seconds = 0;
  c->around_count = 0;

  do
    {
      operation (c, chunk);
      done += chunk;
      elapsed = monotonic_seconds () - start;
    }
  while (elapsed < min_seconds);

  if (measure == MEASURE_AROUND)
    c->runs[measure][c->n_runs[measure]++] = c->around_seconds / (double) c->around_count;
  else
    c->runs[measure][c->n_runs[measure]++] = elapsed / (double) done;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of the runs, in seconds per operation. */
static double
median_seconds (Case    *c,
                Measure  measure)
{
  double sorted[MAX_RUNS];
  guint n = c->n_runs[measure];

  g_assert (n > 0);
  memcpy (sorted, c->runs[measure], n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);

  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/* The spread of the runs around their median, as a fraction of it: (max - min) / median. */
static double
spread (Case    *c,
        Measure  measure)
{
  double low = c->runs[measure][0];
  double high = low;

  for (guint i = 1; i < c->n_runs[measure]; i++)
    {
      low = MIN (low, c->runs[measure][i]);
      high = MAX (high, c->runs[measure][i]);
    }

  return (high - low) / median_seconds (c, measure);
}

/* The OIDC `at_hash` (Core §3.1.3.6): the left half of the hash of the access token. */
static char *
compute_at_hash (const char *access_token)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) access_token, -1);
  g_checksum_get_digest (checksum, digest, &length);

  return grant_base64url_encode (digest, length / 2);
}

/* A realistic ID token, as an OpenID provider issues it after an authorization code flow
 * (oidc-provider adds `sid`): the same claims for every algorithm, so that only the signature
 * differs between them. With the header's kid, that makes 600 to 900 bytes. */
static char *
make_id_token (GrantJwk   *private_key,
               const char *alg,
               gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *at_hash = compute_at_hash (ACCESS_TOKEN);
  g_autofree char *claims = NULL;
  char *token;

  json_object_set_string_member (header, "alg", alg);
  json_object_set_string_member (header, "typ", "JWT");
  json_object_set_string_member (header, "kid", grant_jwk_get_kid (private_key));

  claims = g_strdup_printf ("{\"iss\":\"" ISSUER "\",\"sub\":\"248289761001\","
                            "\"aud\":\"" CLIENT_ID "\",\"azp\":\"" CLIENT_ID "\","
                            "\"exp\":%" G_GINT64_FORMAT ",\"iat\":%" G_GINT64_FORMAT ","
                            "\"auth_time\":%" G_GINT64_FORMAT ",\"nonce\":\"" NONCE "\","
                            "\"at_hash\":\"%s\",\"sid\":\"08a5019c-17e1-4977-8f42-65a12843ea02\","
                            "\"name\":\"Jane Doe\","
                            "\"email\":\"janedoe@example.com\",\"email_verified\":true}",
                            now + 3600, now, now - 30, at_hash);
  payload = g_bytes_new_take (claims, strlen (claims));
  claims = NULL;

  token = grant_jws_sign (header, payload, private_key, &error);
  if (token == NULL)
    die ("grant_jws_sign", error);

  return token;
}

static void
setup_openssl (Case *c)
{
  EVP_PKEY *pkey = grant_jwk_get_pkey (c->key);

  if (g_str_has_prefix (c->alg, "HS"))
    {
      gsize secret_length;
      const guint8 *secret = g_bytes_get_data (grant_jwk_get_secret (c->key), &secret_length);

      c->mac_params[0] = OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_DIGEST,
                                                           (char *) "SHA256", 0);
      c->mac_params[1] = OSSL_PARAM_construct_end ();
      c->mac = EVP_MAC_fetch (NULL, "HMAC", NULL);
      if (c->mac == NULL
          || (c->mac_ctx = EVP_MAC_CTX_new (c->mac)) == NULL
          || (c->prekeyed_mac_ctx = EVP_MAC_CTX_new (c->mac)) == NULL
          || EVP_MAC_init (c->prekeyed_mac_ctx, secret, secret_length, c->mac_params) != 1)
        die ("setting up OpenSSL's HMAC", NULL);
      return;
    }

  if (pkey == NULL)
    die ("grant_jwk_get_pkey returned no key", NULL);

  c->md_ctx = EVP_MD_CTX_new ();
  c->digest = g_str_equal (c->alg, "EdDSA") ? NULL : "SHA256";
  c->pss = g_str_has_prefix (c->alg, "PS");

  if (g_str_has_prefix (c->alg, "ES"))
    {
      gsize length;
      const guint8 *raw = g_bytes_get_data (c->signature, &length);
      ECDSA_SIG *sig = ECDSA_SIG_new ();
      BIGNUM *r = BN_bin2bn (raw, (int) (length / 2), NULL);
      BIGNUM *s = BN_bin2bn (raw + length / 2, (int) (length / 2), NULL);
      guint8 *der = NULL;
      int der_length;

      if (sig == NULL || r == NULL || s == NULL || ECDSA_SIG_set0 (sig, r, s) != 1)
        {
          BN_free (r);
          BN_free (s);
          ECDSA_SIG_free (sig);
          die ("converting the ECDSA signature to DER", NULL);
        }
      der_length = i2d_ECDSA_SIG (sig, &der);
      ECDSA_SIG_free (sig);
      if (der_length <= 0)
        die ("converting the ECDSA signature to DER", NULL);

      /* OPENSSL_malloc'd: keep it, and free it with OPENSSL_free. */
      c->der_signature = der;
      c->der_signature_length = (gsize) der_length;
    }
}

/* Takes @token and @jwk, the verifier's key. */
static Case *
case_new (const char *alg,
          char       *token,
          JsonObject *jwk,
          gint64      verify_time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJws) jws = NULL;
  Case *c = g_new0 (Case, 1);
  const char *last_dot;

  c->alg = g_strdup (alg);
  c->token = token;
  c->jwk = jwk;
  c->key = grant_jwk_new_from_json (c->jwk, &error);
  if (c->key == NULL)
    die ("grant_jwk_new_from_json", error);
  c->jwks = grant_jwks_new ();
  grant_jwks_add (c->jwks, c->key);

  c->algorithms[0] = c->alg;
  c->algorithms[1] = NULL;
  c->expected.issuer = ISSUER;
  c->expected.client_id = CLIENT_ID;
  c->expected.nonce = NONCE;
  c->expected.algorithms = c->algorithms;
  c->expected.skew_seconds = SKEW_SECONDS;
  c->expected.now = verify_time;

  jws = grant_jws_parse (c->token, -1, &error);
  if (jws == NULL)
    die ("grant_jws_parse", error);
  if (g_strcmp0 (grant_jws_get_alg (jws), alg) != 0)
    die ("the token's alg is not the one it is listed under", NULL);
  last_dot = strrchr (c->token, '.');
  c->signing_input = (const guint8 *) c->token;
  c->signing_input_length = (gsize) (last_dot - c->token);
  c->signature = g_bytes_ref (grant_jws_get_signature (jws));

  setup_openssl (c);

  return c;
}

/* A new key for @alg and a token signed with it, verified at @now + 60 s. */
static Case *
case_generate (const char *alg,
               gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwk) private_key = NULL;
  char *token;

  private_key = grant_jwk_generate (alg, &error);
  if (private_key == NULL)
    die ("grant_jwk_generate", error);

  token = make_id_token (private_key, alg, now);

  /* The verifier gets the key as JSON, as from a JWKS document; jose gets the same JSON. */
  return case_new (alg, token, grant_jwk_to_json (private_key, g_str_has_prefix (alg, "HS")),
                   now + 60);
}

static const char *
read_string (JsonObject *object,
             const char *member,
             const char *filename)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      fprintf (stderr, "bench-jose: %s: “%s” is missing or not a string\n", filename, member);
      exit (2);
    }

  return json_node_get_string (node);
}

/* Reads what --export wrote, so that several runs (and jose-bench.mjs) use the same tokens. */
static void
load_cases (const char         *filename,
            const char * const *algorithms,
            GPtrArray          *cases,
            gint64             *verify_time)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonNode *now;
  JsonNode *tokens;

  if (!json_parser_load_from_file (parser, filename, &error))
    die (filename, error);
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      fprintf (stderr, "bench-jose: %s is not a JSON object\n", filename);
      exit (2);
    }
  root = json_node_get_object (json_parser_get_root (parser));

  if (!g_str_equal (read_string (root, "issuer", filename), ISSUER)
      || !g_str_equal (read_string (root, "client_id", filename), CLIENT_ID)
      || !g_str_equal (read_string (root, "nonce", filename), NONCE))
    {
      fprintf (stderr, "bench-jose: %s was not written by this bench-jose (another issuer, "
               "client or nonce)\n", filename);
      exit (2);
    }

  now = json_object_get_member (root, "now");
  tokens = json_object_get_member (root, "tokens");
  if (now == NULL || !JSON_NODE_HOLDS_VALUE (now) || json_node_get_value_type (now) != G_TYPE_INT64
      || tokens == NULL || !JSON_NODE_HOLDS_ARRAY (tokens))
    {
      fprintf (stderr, "bench-jose: %s needs an integer “now” and a “tokens” array\n", filename);
      exit (2);
    }
  *verify_time = json_node_get_int (now);

  for (guint i = 0; algorithms[i] != NULL; i++)
    {
      JsonArray *array = json_node_get_array (tokens);
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (array) && !found; j++)
        {
          JsonNode *element = json_array_get_element (array, j);
          JsonObject *entry;
          JsonNode *jwk;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          entry = json_node_get_object (element);
          if (!g_str_equal (read_string (entry, "alg", filename), algorithms[i]))
            continue;

          jwk = json_object_get_member (entry, "jwk");
          if (jwk == NULL || !JSON_NODE_HOLDS_OBJECT (jwk))
            {
              fprintf (stderr, "bench-jose: %s: the %s entry has no “jwk” object\n", filename,
                       algorithms[i]);
              exit (2);
            }
          g_ptr_array_add (cases, case_new (algorithms[i],
                                            g_strdup (read_string (entry, "token", filename)),
                                            json_object_ref (json_node_get_object (jwk)),
                                            *verify_time));
          found = TRUE;
        }

      if (!found)
        {
          fprintf (stderr, "bench-jose: %s has no %s token\n", filename, algorithms[i]);
          exit (2);
        }
    }
}

static void
case_free (Case *c)
{
  g_free (c->alg);
  g_free (c->token);
  json_object_unref (c->jwk);
  g_object_unref (c->key);
  g_object_unref (c->jwks);
  g_bytes_unref (c->signature);
  EVP_MD_CTX_free (c->md_ctx);
  OPENSSL_free (c->der_signature);
  EVP_MAC_CTX_free (c->mac_ctx);
  EVP_MAC_CTX_free (c->prekeyed_mac_ctx);
  EVP_MAC_free (c->mac);
  g_free (c);
}

/* Writes the tokens and the verifiers' keys for bench/jose-bench.mjs. */
static void
export_cases (GPtrArray  *cases,
              gint64      verify_time,
              const char *filename)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "issuer");
  json_builder_add_string_value (builder, ISSUER);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, CLIENT_ID);
  json_builder_set_member_name (builder, "nonce");
  json_builder_add_string_value (builder, NONCE);
  json_builder_set_member_name (builder, "now");
  json_builder_add_int_value (builder, verify_time);
  json_builder_set_member_name (builder, "tokens");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      JsonNode *jwk = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (jwk, c->jwk);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "alg");
      json_builder_add_string_value (builder, c->alg);
      json_builder_set_member_name (builder, "jwk");
      json_builder_add_value (builder, jwk);
      json_builder_set_member_name (builder, "token");
      json_builder_add_string_value (builder, c->token);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  if (!json_generator_to_file (generator, filename, &error))
    die ("writing the tokens", error);
}

static double
ops_per_second (Case    *c,
                Measure  measure)
{
  return 1.0 / median_seconds (c, measure);
}

static double
microseconds (Case    *c,
              Measure  measure)
{
  return median_seconds (c, measure) * 1e6;
}

/* Part (b): what grant_id_token_verify spends besides the signature step. */
static double
around_signature_us (Case *c)
{
  return microseconds (c, MEASURE_AROUND);
}

static void
add_double_member (JsonBuilder *builder,
                   const char  *name,
                   double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, round (value * 1000) / 1000);
}

static void
add_measure_member (JsonBuilder *builder,
                    Case        *c,
                    Measure      measure,
                    const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_double_member (builder, "ops_per_s", ops_per_second (c, measure));
  add_double_member (builder, "us_per_op", microseconds (c, measure));
  add_double_member (builder, "spread", spread (c, measure));
  json_builder_set_member_name (builder, "runs_ops_per_s");
  json_builder_begin_array (builder);
  for (guint i = 0; i < c->n_runs[measure]; i++)
    json_builder_add_double_value (builder, round (1.0 / c->runs[measure][i]));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_json (GPtrArray *cases,
            guint      n_runs,
            double     min_seconds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "program");
  json_builder_add_string_value (builder, "bench-jose");
  json_builder_set_member_name (builder, "openssl");
  json_builder_add_string_value (builder, OpenSSL_version (OPENSSL_VERSION));
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, n_runs);
  add_double_member (builder, "min_seconds_per_run", min_seconds);
  json_builder_set_member_name (builder, "targets");
  json_builder_begin_object (builder);
  add_double_member (builder, "signature_ratio", TARGET_SIGNATURE_RATIO);
  add_double_member (builder, "around_signature_us", TARGET_AROUND_US);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "algorithms");
  json_builder_begin_object (builder);
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);

      json_builder_set_member_name (builder, c->alg);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "token_bytes");
      json_builder_add_int_value (builder, strlen (c->token));

      /* (a) */
      json_builder_set_member_name (builder, "signature");
      json_builder_begin_object (builder);
      add_measure_member (builder, c, MEASURE_GRANT_SIGNATURE, "grant");
      add_measure_member (builder, c, MEASURE_OPENSSL_SIGNATURE, "openssl");
      add_double_member (builder, "ratio", ops_per_second (c, MEASURE_GRANT_SIGNATURE)
                                           / ops_per_second (c, MEASURE_OPENSSL_SIGNATURE));
      if (case_has_measure (c, MEASURE_OPENSSL_PREKEYED))
        add_measure_member (builder, c, MEASURE_OPENSSL_PREKEYED, "openssl_keyed_once");
      json_builder_end_object (builder);

      /* (b) */
      json_builder_set_member_name (builder, "around_signature");
      json_builder_begin_object (builder);
      add_double_member (builder, "us_per_token", around_signature_us (c));
      add_double_member (builder, "us_per_token_by_subtraction",
                         microseconds (c, MEASURE_VALIDATE)
                         - microseconds (c, MEASURE_GRANT_SIGNATURE));
      add_double_member (builder, "parse_and_claims_us_per_token",
                         microseconds (c, MEASURE_PARSE_CLAIMS));
      add_measure_member (builder, c, MEASURE_PARSE_CLAIMS, "parse_and_claims");
      json_builder_end_object (builder);

      /* (c) */
      json_builder_set_member_name (builder, "whole_token");
      json_builder_begin_object (builder);
      add_double_member (builder, "tokens_per_s", ops_per_second (c, MEASURE_VALIDATE));
      add_measure_member (builder, c, MEASURE_VALIDATE, "validate");
      json_builder_end_object (builder);

      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* The table is written with printf, not g_print, which would turn every “µ” and “≥” into
 * “?” under the C locale. Columns are padded by hand where a heading holds such a character,
 * since printf counts bytes. */
static void
print_table (GPtrArray *cases,
             guint      n_runs,
             double     min_seconds)
{
  printf ("Grant JOSE benchmark — %s; median of %u runs of ≥ %g s each\n\n",
          OpenSSL_version (OPENSSL_VERSION), n_runs, min_seconds);

  printf ("(a) The signature step alone, ops/s (target: Grant ≥ %.2f× OpenSSL)\n",
          TARGET_SIGNATURE_RATIO);
  printf ("    alg           Grant      OpenSSL    ratio\n");
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      double ratio = ops_per_second (c, MEASURE_GRANT_SIGNATURE)
                     / ops_per_second (c, MEASURE_OPENSSL_SIGNATURE);

      printf ("    %-6s %12.0f %12.0f %7.3f×  %s\n", c->alg,
              ops_per_second (c, MEASURE_GRANT_SIGNATURE),
              ops_per_second (c, MEASURE_OPENSSL_SIGNATURE), ratio,
              ratio >= TARGET_SIGNATURE_RATIO ? "met" : "MISSED");
    }
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);

      if (case_has_measure (c, MEASURE_OPENSSL_PREKEYED))
        printf ("    For the record, %s with OpenSSL's HMAC keyed once and reused: %.0f ops/s.\n",
                c->alg, ops_per_second (c, MEASURE_OPENSSL_PREKEYED));
    }

  printf ("\n(b) Around the signature, µs per token (target ≤ %g µs)\n", TARGET_AROUND_US);
  printf ("    alg      bytes  validate − signature   parse + claims only\n");
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);

      printf ("    %-6s %7zu %21.2f %21.2f  %s\n", c->alg, strlen (c->token),
              around_signature_us (c), microseconds (c, MEASURE_PARSE_CLAIMS),
              around_signature_us (c) <= TARGET_AROUND_US ? "met" : "MISSED");
    }
  printf ("    “validate − signature” answers (b): grant_id_token_verify's time less its\n"
          "    signature step, timed in pairs on the same token, so the parse, the key\n"
          "    choice and every ID-token check.\n"
          "    “parse + claims only” is grant_jws_parse and grant_jwt_claims_new_from_payload\n"
          "    alone, a lower bound.\n");

  printf ("\n(c) Whole-token verification in Grant (grant_id_token_verify)\n");
  printf ("    alg        tokens/s     µs/token\n");
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);

      printf ("    %-6s %12.0f %12.2f\n", c->alg, ops_per_second (c, MEASURE_VALIDATE),
              microseconds (c, MEASURE_VALIDATE));
    }
  printf ("    bench/run compares these with the npm jose library (bench/jose-bench.mjs).\n");

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);

      for (Measure m = 0; m < N_MEASURES; m++)
        {
          if (case_has_measure (c, m) && spread (c, m) > 0.10)
            printf ("Note: %s, %s: the runs differ by %.0f%% of their median; the machine was "
                    "busy.\n", c->alg, measure_names[m], 100 * spread (c, m));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_free);
  g_auto(GStrv) chosen = NULL;
  g_autofree char *export_file = NULL;
  g_autofree char *tokens_file = NULL;
  gboolean json = FALSE;
  gboolean export_only = FALSE;
  int n_runs = 5;
  double min_seconds = 1.0;
  const char * const *algorithms = default_algorithms;
  gint64 verify_time = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object instead of the table", NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_file,
      "Write the tokens and the verifiers' JWKs to FILE (for jose-bench.mjs)", "FILE" },
    { "export-only", 0, 0, G_OPTION_ARG_NONE, &export_only,
      "Stop after --export, measuring nothing", NULL },
    { "tokens", 0, 0, G_OPTION_ARG_FILENAME, &tokens_file,
      "Measure the tokens and keys that --export wrote to FILE instead of new ones", "FILE" },
    { "alg", 0, 0, G_OPTION_ARG_STRING_ARRAY, &chosen,
      "Measure this algorithm only (repeatable; default RS256 PS256 ES256 EdDSA HS256)", "ALG" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed runs per measurement (default 5)", "N" },
    { "min-time", 0, 0, G_OPTION_ARG_DOUBLE, &min_seconds,
      "Seconds per timed run, at least (default 1)", "SECONDS" },
    { NULL }
  };

  context = g_option_context_new ("— measure Grant's JOSE verification");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-jose: %s\n", error->message);
      return 2;
    }
  if (n_runs < 1 || n_runs > MAX_RUNS || !(min_seconds > 0 && min_seconds <= 60))
    {
      fprintf (stderr, "bench-jose: --runs must be 1 to %d and --min-time more than 0 and at "
               "most 60\n", MAX_RUNS);
      return 2;
    }
  if (export_only && export_file == NULL)
    {
      fprintf (stderr, "bench-jose: --export-only needs --export FILE\n");
      return 2;
    }
  if (chosen != NULL)
    {
      for (guint i = 0; chosen[i] != NULL; i++)
        {
          if (!g_strv_contains (default_algorithms, chosen[i]))
            {
              fprintf (stderr, "bench-jose: --alg %s: the benchmark covers RS256, PS256, "
                       "ES256, EdDSA and HS256\n", chosen[i]);
              return 2;
            }
        }
      algorithms = (const char * const *) chosen;
    }

  if (tokens_file != NULL)
    {
      load_cases (tokens_file, algorithms, cases, &verify_time);
    }
  else
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      for (guint i = 0; algorithms[i] != NULL; i++)
        g_ptr_array_add (cases, case_generate (algorithms[i], now));
      verify_time = now + 60;
    }

  if (export_file != NULL)
    export_cases (cases, verify_time, export_file);
  if (export_only)
    return 0;

  /* Every operation once, untimed, so that a failure shows before minutes of measuring. */
  for (guint i = 0; i < cases->len; i++)
    {
      for (Measure m = 0; m < N_MEASURES; m++)
        {
          Case *c = g_ptr_array_index (cases, i);

          if (case_has_measure (c, m))
            operations[m] (c, 1);
        }
    }

  for (guint i = 0; i < cases->len; i++)
    {
      for (Measure m = 0; m < N_MEASURES; m++)
        {
          Case *c = g_ptr_array_index (cases, i);

          if (case_has_measure (c, m))
            warm_up (c, m, min_seconds);
        }
    }

  for (int run = 0; run < n_runs; run++)
    {
      fprintf (stderr, "bench-jose: run %d of %d…\n", run + 1, n_runs);
      for (guint i = 0; i < cases->len; i++)
        {
          for (Measure m = 0; m < N_MEASURES; m++)
            {
              Case *c = g_ptr_array_index (cases, i);

              if (case_has_measure (c, m))
                time_run (c, m, min_seconds);
            }
        }
    }

  if (json)
    print_json (cases, (guint) n_runs, min_seconds);
  else
    print_table (cases, (guint) n_runs, min_seconds);

  return 0;
}
