/* test-jwt-claims.c
 * Tests for GrantJwtClaims: RFC 7519's example, typed accessors, NumericDates, audiences, and
 * the times shown to people.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-jwt-claims.h"

/* RFC 7519 §3.1: the example JWT Claims Set, with the CRLF line breaks of its octets, and
 * the base64url of those octets as the RFC prints it. */
static const char rfc7519_claims[] =
  "{\"iss\":\"joe\",\r\n"
  " \"exp\":1300819380,\r\n"
  " \"http://example.com/is_root\":true}";
static const char rfc7519_claims_base64url[] =
  "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0"
  "cnVlfQ";

static GrantJwtClaims *
parse (const char  *json,
       GError     **error)
{
  g_autoptr(GBytes) payload = g_bytes_new (json, strlen (json));

  return grant_jwt_claims_new_from_payload (payload, error);
}

static GrantJwtClaims *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  GrantJwtClaims *claims = parse (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (claims);

  return claims;
}

static void
test_rfc7519_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  g_auto(GStrv) audiences = NULL;
  gsize length;
  gint64 exp = 0;

  /* The test's text is the RFC's, octet for octet. */
  payload = grant_base64url_decode (rfc7519_claims_base64url, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (payload, &length), length,
                   rfc7519_claims, strlen (rfc7519_claims));

  claims = grant_jwt_claims_new_from_payload (payload, &error);
  g_assert_no_error (error);

  g_assert_true (grant_jwt_claims_has (claims, "iss"));
  g_assert_true (grant_jwt_claims_has (claims, "exp"));
  g_assert_true (grant_jwt_claims_has (claims, "http://example.com/is_root"));
  g_assert_false (grant_jwt_claims_has (claims, "sub"));
  g_assert_cmpuint (json_object_get_size (grant_jwt_claims_get_object (claims)), ==, 3);

  g_assert_cmpstr (grant_jwt_claims_get_string (claims, "iss"), ==, "joe");

  g_assert_true (grant_jwt_claims_get_time (claims, "exp", &exp, &error));
  g_assert_no_error (error);
  g_assert_cmpint (exp, ==, 1300819380);

  /* is_root is a boolean: not a string, not a time. */
  g_assert_null (grant_jwt_claims_get_string (claims, "http://example.com/is_root"));
  g_assert_true (json_object_get_boolean_member (grant_jwt_claims_get_object (claims),
                                                 "http://example.com/is_root"));
  g_assert_false (grant_jwt_claims_get_time (claims, "http://example.com/is_root", &exp,
                                             &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_CLAIMS);
  g_assert_nonnull (strstr (error->message, "“http://example.com/is_root”"));
  g_assert_nonnull (strstr (error->message, "not a boolean"));
  g_assert_cmpint (exp, ==, 0);
  g_clear_error (&error);

  /* No aud, no nbf: absent is not an error. */
  audiences = grant_jwt_claims_dup_audiences (claims, &error);
  g_assert_no_error (error);
  g_assert_null (audiences);
  g_assert_false (grant_jwt_claims_get_time (claims, "nbf", &exp, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (g_steal_pointer (&claims));
}

static void
test_get_string (void)
{
  g_autoptr(GrantJwtClaims) claims = NULL;

  claims = parse_ok ("{\"sub\":\"248289761001\",\"iss\":42,\"name\":null,\"email\":[\"a@b\"],"
                     "\"address\":{\"country\":\"FR\"},\"email_verified\":false,\"empty\":\"\","
                     "\"nonce\":\"n-0S6_WzA2Mj\"}");

  g_assert_cmpstr (grant_jwt_claims_get_string (claims, "sub"), ==, "248289761001");
  g_assert_cmpstr (grant_jwt_claims_get_string (claims, "nonce"), ==, "n-0S6_WzA2Mj");
  g_assert_cmpstr (grant_jwt_claims_get_string (claims, "empty"), ==, "");

  /* Present but not a string. */
  g_assert_null (grant_jwt_claims_get_string (claims, "iss"));
  g_assert_null (grant_jwt_claims_get_string (claims, "name"));
  g_assert_null (grant_jwt_claims_get_string (claims, "email"));
  g_assert_null (grant_jwt_claims_get_string (claims, "address"));
  g_assert_null (grant_jwt_claims_get_string (claims, "email_verified"));
  g_assert_true (grant_jwt_claims_has (claims, "name"));

  /* Absent; and a nested member is not a claim. */
  g_assert_null (grant_jwt_claims_get_string (claims, "aud"));
  g_assert_null (grant_jwt_claims_get_string (claims, "country"));
  g_assert_false (grant_jwt_claims_has (claims, "country"));
}

static void
test_refused_payloads (void)
{
  static const struct {
    const char *json;
    GrantJoseError code;
    const char *says;
  } cases[] = {
    /* RFC 7519 §4: claim names must be unique; two readers could see two different issuers. */
    { "{\"iss\":\"https://good.example\",\"iss\":\"https://evil.example\"}",
      GRANT_JOSE_ERROR_INVALID_JSON, "“iss” twice" },
    { "{\"exp\":1,\"sub\":\"a\",\"exp\":2000000000}",
      GRANT_JOSE_ERROR_INVALID_JSON, "“exp” twice" },
    { "[\"iss\"]", GRANT_JOSE_ERROR_INVALID_JSON, "not a JSON object" },
    { "\"joe\"", GRANT_JOSE_ERROR_INVALID_JSON, "not a JSON object" },
    { "", GRANT_JOSE_ERROR_INVALID_JSON, "JWT claims set" },
    { "{\"iss\":\"joe\"", GRANT_JOSE_ERROR_INVALID_JSON, "not valid JSON" },
    { "{\"iss\":\"jo\xff\"}", GRANT_JOSE_ERROR_INVALID_JSON, "UTF-8" },
    /* json-glib would wrap these integers; they are refused instead. */
    { "{\"exp\":99999999999999999999}", GRANT_JOSE_ERROR_TOO_LARGE,
      "99999999999999999999 at byte 7" },
    { "{\"exp\":9223372036854775808}", GRANT_JOSE_ERROR_TOO_LARGE, "9223372036854775808" },
    { "{\"exp\":-18446744071709551616}", GRANT_JOSE_ERROR_TOO_LARGE, "-18446744071709551616" },
    { "{\"sub\":\"x\",\"x\":{\"y\":[1, 123456789012345678901234567890]}}",
      GRANT_JOSE_ERROR_TOO_LARGE, "123456789012345678901234567890" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantJwtClaims) claims = parse (cases[i].json, &error);
      g_autofree char *escaped = g_strescape (cases[i].json, NULL);

      g_test_message ("%s", escaped);
      g_assert_null (claims);
      g_assert_error (error, GRANT_JOSE_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

/* The edges of the 64-bit integers, and numbers only in strings or with fractions, parse. */
static void
test_large_integers_accepted (void)
{
  static const char * const accepted[] = {
    "{\"exp\":9223372036854775807}",
    "{\"exp\":-9223372036854775808}",
    "{\"exp\":\"99999999999999999999\"}",
    "{\"jti\":\"a\\\"99999999999999999999\"}",
    "{\"exp\":99999999999999999999.0}",
    "{\"exp\":-0}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GrantJwtClaims) claims = NULL;

      g_test_message ("%s", accepted[i]);
      claims = parse_ok (accepted[i]);
      g_assert_true (grant_jwt_claims_has (claims, "exp") || grant_jwt_claims_has (claims, "jti"));
    }
}

static void
test_numeric_dates (void)
{
  static const struct {
    const char *value;
    gint64 unix_time;
  } valid[] = {
    { "1300819380", 1300819380 },
    { "0", 0 },
    { "-0", 0 },
    { "1", 1 },
    { "-100", -100 },
    /* Fractional seconds are truncated toward zero. */
    { "1300819380.999", 1300819380 },
    { "1.9", 1 },
    { "0.5", 0 },
    { "-1.9", -1 },
    { "-0.5", 0 },
    { "1e3", 1000 },
    { "1.3008193805E9", 1300819380 },
    /* The years 1 to 9999. */
    { "-62135596800", G_GINT64_CONSTANT (-62135596800) },
    { "-62135596800.9", G_GINT64_CONSTANT (-62135596800) },
    { "253402300799", G_GINT64_CONSTANT (253402300799) },
    { "253402300799.9", G_GINT64_CONSTANT (253402300799) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantJwtClaims) claims = NULL;
      g_autofree char *json = g_strdup_printf ("{\"iat\":%s}", valid[i].value);
      gint64 unix_time = -1;

      g_test_message ("%s", json);
      claims = parse_ok (json);
      g_assert_true (grant_jwt_claims_get_time (claims, "iat", &unix_time, &error));
      g_assert_no_error (error);
      g_assert_cmpint (unix_time, ==, valid[i].unix_time);

      /* The out argument is optional. */
      g_assert_true (grant_jwt_claims_get_time (claims, "iat", NULL, &error));
      g_assert_no_error (error);
    }
}

static void
test_numeric_dates_refused (void)
{
  static const struct {
    const char *value;
    const char *says;
  } invalid[] = {
    { "\"1300819380\"", "not a string" },
    { "null", "not null" },
    { "true", "not a boolean" },
    { "[1300819380]", "not an array" },
    { "{\"$date\":1300819380}", "not an object" },
    { "-62135596801", "outside the years 1 to 9999" },
    { "-62135596801.0", "outside the years 1 to 9999" },
    { "253402300800", "outside the years 1 to 9999" },
    { "253402300800.0", "outside the years 1 to 9999" },
    { "9223372036854775807", "9223372036854775807" },
    { "-9223372036854775808", "-9223372036854775808" },
    { "1e300", "outside" },
    { "-1e300", "outside" },
    { "99999999999999999999.0", "outside" },
    /* A time in milliseconds, a common mistake, is named as such. */
    { "1300819380000", "milliseconds" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantJwtClaims) claims = NULL;
      g_autofree char *json = g_strdup_printf ("{\"exp\":%s}", invalid[i].value);
      gint64 unix_time = -1;

      claims = parse_ok (json);
      g_assert_false (grant_jwt_claims_get_time (claims, "exp", &unix_time, &error));
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_CLAIMS);
      g_test_message ("%s: %s", json, error->message);
      g_assert_nonnull (strstr (error->message, "“exp”"));
      g_assert_nonnull (strstr (error->message, invalid[i].says));
      g_assert_cmpint (unix_time, ==, 0);
    }

  /* Seconds far in the future are not taken for milliseconds. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GrantJwtClaims) claims = parse_ok ("{\"exp\":253402300800}");

    g_assert_false (grant_jwt_claims_get_time (claims, "exp", NULL, &error));
    g_assert_null (strstr (error->message, "milliseconds"));
  }
}

static void
test_numeric_date_absent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantJwtClaims) claims = parse_ok ("{\"iss\":\"joe\"}");
  gint64 unix_time = 42;

  g_assert_false (grant_jwt_claims_get_time (claims, "exp", &unix_time, &error));
  g_assert_no_error (error);
  g_assert_cmpint (unix_time, ==, 0);
}

static void
test_audiences (void)
{
  static const struct {
    const char *aud;
    const char *expected[4];
    guint n_expected;
  } valid[] = {
    { "\"s6BhdRcqt3\"", { "s6BhdRcqt3" }, 1 },
    { "[\"s6BhdRcqt3\"]", { "s6BhdRcqt3" }, 1 },
    { "[\"s6BhdRcqt3\",\"https://api.example\",\"s6BhdRcqt3\"]",
      { "s6BhdRcqt3", "https://api.example", "s6BhdRcqt3" }, 3 },
    { "[]", { NULL }, 0 },
    { "\"\"", { "" }, 1 },
  };
  static const struct {
    const char *aud;
    const char *says;
  } invalid[] = {
    { "42", "not a number" },
    { "null", "not null" },
    { "true", "not a boolean" },
    { "{\"aud\":\"x\"}", "not an object" },
    { "[\"a\",42]", "Element 1 of the claim “aud” is a number" },
    { "[null]", "Element 0 of the claim “aud” is null" },
    { "[\"a\",\"b\",[\"c\"]]", "Element 2 of the claim “aud” is an array" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantJwtClaims) claims = NULL;
      g_autofree char *json = g_strdup_printf ("{\"aud\":%s}", valid[i].aud);
      g_auto(GStrv) audiences = NULL;

      claims = parse_ok (json);
      audiences = grant_jwt_claims_dup_audiences (claims, &error);
      g_assert_no_error (error);
      g_assert_nonnull (audiences);
      g_assert_cmpuint (g_strv_length (audiences), ==, valid[i].n_expected);
      for (guint j = 0; j < valid[i].n_expected; j++)
        g_assert_cmpstr (audiences[j], ==, valid[i].expected[j]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrantJwtClaims) claims = NULL;
      g_autofree char *json = g_strdup_printf ("{\"aud\":%s}", invalid[i].aud);
      g_auto(GStrv) audiences = NULL;

      claims = parse_ok (json);
      audiences = grant_jwt_claims_dup_audiences (claims, &error);
      g_assert_null (audiences);
      g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_CLAIMS);
      g_test_message ("%s: %s", json, error->message);
      g_assert_nonnull (strstr (error->message, invalid[i].says));
    }
}

static void
test_relative (void)
{
  static const struct {
    gint64 delta;
    const char *phrase;
  } cases[] = {
    { 0, "now" },
    { 4, "now" },
    { -4, "now" },
    { 5, "in 5 s" },
    { -5, "5 s ago" },
    { 42, "in 42 s" },
    { -42, "42 s ago" },
    { 59, "in 59 s" },
    { -59, "59 s ago" },
    { 60, "in 1 min" },
    { -60, "1 min ago" },
    /* Rounded down. */
    { 119, "in 1 min" },
    { 240, "in 4 min" },
    { -299, "4 min ago" },
    { 3599, "in 59 min" },
    { -3599, "59 min ago" },
    { 3600, "in 1 h" },
    { -3600, "1 h ago" },
    { 3 * 3600 + 3599, "in 3 h" },
    { 86399, "in 23 h" },
    { -86399, "23 h ago" },
    { 86400, "in 1 day" },
    { -86400, "1 day ago" },
    { 2 * 86400 - 1, "in 1 day" },
    { -(2 * 86400 - 1), "1 day ago" },
    { 2 * 86400, "in 2 days" },
    { -2 * 86400, "2 days ago" },
    { 3 * 86400 + 86399, "in 3 days" },
    { 365 * 86400, "in 365 days" },
  };
  static const gint64 nows[] = { 0, 1300819380, -62135596800 };

  for (guint n = 0; n < G_N_ELEMENTS (nows); n++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *phrase = grant_jwt_format_relative (nows[n] + cases[i].delta, nows[n]);

        g_assert_cmpstr (phrase, ==, cases[i].phrase);
      }
}

/* The farthest apart two times can be does not overflow. */
static void
test_relative_extremes (void)
{
  g_autofree char *future = grant_jwt_format_relative (G_MAXINT64, G_MININT64);
  g_autofree char *past = grant_jwt_format_relative (G_MININT64, G_MAXINT64);
  g_autofree char *same = grant_jwt_format_relative (G_MININT64, G_MININT64);

  g_assert_cmpstr (future, ==, "in 213503982334601 days");
  g_assert_cmpstr (past, ==, "213503982334601 days ago");
  g_assert_cmpstr (same, ==, "now");
}

/* main() sets TZ=UTC before anything reads the time zone. */
static void
test_format_time_utc (void)
{
  g_autofree char *past = grant_jwt_format_time (1300819380, 1300819380 + 240);
  g_autofree char *future = grant_jwt_format_time (1300819380, 1300819380 - 3 * 86400);
  g_autofree char *now = grant_jwt_format_time (0, 2);
  g_autofree char *first = grant_jwt_format_time (G_GINT64_CONSTANT (-62135596800), 0);
  g_autofree char *last = grant_jwt_format_time (G_GINT64_CONSTANT (253402300799), 0);
  g_autofree char *beyond = grant_jwt_format_time (G_MAXINT64, 0);

  g_assert_cmpstr (g_getenv ("TZ"), ==, "UTC");

  g_assert_cmpstr (past, ==, "2011-03-22 18:43:00 (4 min ago)");
  g_assert_cmpstr (future, ==, "2011-03-22 18:43:00 (in 3 days)");
  g_assert_cmpstr (now, ==, "1970-01-01 00:00:00 (now)");
  g_assert_cmpstr (first, ==, "0001-01-01 00:00:00 (719162 days ago)");
  g_assert_cmpstr (last, ==, "9999-12-31 23:59:59 (in 2932896 days)");
  g_assert_cmpstr (beyond, ==, "9223372036854775807 (in 106751991167300 days)");
}

/* The local zone is the one shown; a time it cannot show falls back to UTC, and says so.
 * The zone is a POSIX TZ rule, which needs no tzdata, and is put back afterwards. */
static void
test_format_time_local (void)
{
  g_autofree char *exp = NULL;
  g_autofree char *last = NULL;

  g_setenv ("TZ", "IST-5:30", TRUE);
  exp = grant_jwt_format_time (1300819380, 1300819380 - 4 * 3600);
  last = grant_jwt_format_time (G_GINT64_CONSTANT (253402300799), G_GINT64_CONSTANT (253402300799));
  g_setenv ("TZ", "UTC", TRUE);

  g_assert_cmpstr (exp, ==, "2011-03-23 00:13:00 (in 4 h)");
  g_assert_cmpstr (last, ==, "9999-12-31 23:59:59 UTC (now)");
}

/* An access token's scope: "scope" first, else the "scp" array some servers write. */
static void
test_dup_scope (void)
{
  static const struct
  {
    const char *claims;
    const char *scope;
  } cases[] = {
    { "{\"scope\":\"photos:read profile\"}", "photos:read profile" },
    { "{\"scope\":\"a\",\"scp\":[\"b\"]}", "a" },
    { "{\"scp\":[\"a\",1,\"b\"]}", "a b" },
    { "{\"scp\":[]}", "" },
    { "{\"scp\":\"a\"}", NULL },
    { "{\"scope\":1}", NULL },
    { "{}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrantJwtClaims) claims = parse_ok (cases[i].claims);
      g_autofree char *scope = grant_jwt_claims_dup_scope (claims);

      g_assert_cmpstr (scope, ==, cases[i].scope);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Before GLib reads the local time zone, so that the expected texts hold anywhere. */
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/jwt-claims/rfc7519-example", test_rfc7519_example);
  g_test_add_func ("/grant/jwt-claims/get-string", test_get_string);
  g_test_add_func ("/grant/jwt-claims/refused-payloads", test_refused_payloads);
  g_test_add_func ("/grant/jwt-claims/large-integers-accepted", test_large_integers_accepted);
  g_test_add_func ("/grant/jwt-claims/numeric-date/valid", test_numeric_dates);
  g_test_add_func ("/grant/jwt-claims/numeric-date/refused", test_numeric_dates_refused);
  g_test_add_func ("/grant/jwt-claims/numeric-date/absent", test_numeric_date_absent);
  g_test_add_func ("/grant/jwt-claims/audiences", test_audiences);
  g_test_add_func ("/grant/jwt-claims/relative", test_relative);
  g_test_add_func ("/grant/jwt-claims/relative/extremes", test_relative_extremes);
  g_test_add_func ("/grant/jwt-claims/format-time/utc", test_format_time_utc);
  g_test_add_func ("/grant/jwt-claims/format-time/local", test_format_time_local);
  g_test_add_func ("/grant/jwt-claims/dup-scope", test_dup_scope);

  return g_test_run ();
}
