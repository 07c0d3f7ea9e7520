/* test-auth-challenge.c
 * Tests for the WWW-Authenticate parser: every WWW-Authenticate example of RFC 6750 and
 * RFC 9449 in tests/data/rfc-vectors.json, RFC 9470's and RFC 9110's forms, and hostile input.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grant-auth-challenge.h"
#include "grant-test-data.h"

static JsonObject *
vector_data (const char *id)
{
  static JsonNode *root;
  JsonArray *vectors;

  if (root == NULL)
    root = grant_test_data_load_json (NULL, "rfc-vectors.json");
  vectors = json_object_get_array_member (json_node_get_object (root), "vectors");
  for (guint i = 0; i < json_array_get_length (vectors); i++)
    {
      JsonObject *vector = json_array_get_object_element (vectors, i);

      if (g_strcmp0 (json_object_get_string_member (vector, "id"), id) == 0)
        return json_object_get_object_member (vector, "data");
    }
  g_error ("rfc-vectors.json has no vector “%s”", id);
}

static const char *
header_of (JsonObject *data,
           const char *example)
{
  return json_object_get_string_member (json_object_get_object_member (data, example),
                                        "www_authenticate");
}

static GPtrArray *
parse_ok (const char *header)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *challenges = grant_auth_challenge_parse (header, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (challenges);

  return challenges;
}

/* The challenge at @index, which must be of @scheme, with exactly the parameters given as
 * NULL-terminated name, value pairs. */
static void
assert_challenge (GPtrArray  *challenges,
                  guint       index,
                  const char *scheme,
                  ...)
{
  GrantAuthChallenge *challenge;
  va_list args;
  guint n = 0;

  g_assert_cmpuint (index, <, challenges->len);
  challenge = g_ptr_array_index (challenges, index);
  g_assert_cmpstr (grant_auth_challenge_get_scheme (challenge), ==, scheme);
  g_assert_null (grant_auth_challenge_get_token68 (challenge));

  va_start (args, scheme);
  for (const char *name = va_arg (args, const char *); name != NULL;
       name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      g_assert_cmpstr (grant_auth_challenge_get_param_name (challenge, n), ==, name);
      g_assert_cmpstr (grant_auth_challenge_get_param_value (challenge, n), ==, value);
      g_assert_cmpstr (grant_auth_challenge_lookup (challenge, name), ==, value);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (grant_auth_challenge_get_n_params (challenge), ==, n);
}

static void
test_rfc6750 (void)
{
  JsonObject *data = vector_data ("rfc6750-3-www-authenticate");
  g_autoptr(GPtrArray) none = parse_ok (header_of (data, "no_credentials"));
  g_autoptr(GPtrArray) expired = parse_ok (header_of (data, "expired_token"));
  JsonArray *scopes = json_object_get_array_member (data, "example_scope_values");
  g_autofree char *printed = NULL;
  g_autoptr(GPtrArray) folded = NULL;

  g_assert_cmpuint (none->len, ==, 1);
  assert_challenge (none, 0, "Bearer", "realm", "example", NULL);
  g_assert_cmpuint (expired->len, ==, 1);
  assert_challenge (expired, 0, "Bearer", "realm", "example", "error", "invalid_token",
                    "error_description", "The access token expired", NULL);

  /* As printed, folded over lines; unfolded as HTTP/1.1 requires (RFC 9112 §5.2). */
  printed = g_strdup (json_object_get_string_member (data, "expired_token_as_printed")
                      + strlen ("WWW-Authenticate: "));
  for (char *p = printed; *p != '\0'; p++)
    if (*p == '\n')
      *p = ' ';
  folded = parse_ok (printed);
  g_assert_cmpstr (grant_auth_challenge_lookup (g_ptr_array_index (folded, 0),
                                                "error_description"), ==,
                   "The access token expired");

  /* scope values, with the characters a quoted string may hold. */
  g_assert_cmpuint (json_array_get_length (scopes), ==, 2);
  for (guint i = 0; i < json_array_get_length (scopes); i++)
    {
      const char *param = json_array_get_string_element (scopes, i);
      g_autofree char *header = g_strconcat ("Bearer realm=\"example\", ", param, NULL);
      g_autofree char *expected = g_strndup (param + strlen ("scope=\""),
                                             strlen (param) - strlen ("scope=\"\""));
      g_autoptr(GPtrArray) challenges = parse_ok (header);

      g_assert_cmpstr (grant_auth_challenge_lookup (g_ptr_array_index (challenges, 0), "Scope"),
                       ==, expected);
    }
}

static void
test_rfc9449 (void)
{
  JsonObject *data = vector_data ("rfc9449-7.1-www-authenticate");
  g_autoptr(GPtrArray) fig15 = parse_ok (header_of (data, "fig15_401_no_auth"));
  g_autoptr(GPtrArray) fig16 = parse_ok (header_of (data, "fig16_401_invalid_token"));
  g_autoptr(GPtrArray) fig17 = parse_ok (header_of (data, "fig17_401_multi_no_token"));
  g_autoptr(GPtrArray) fig18 = parse_ok (header_of (data, "fig18_401_multi_invalid_bearer"));
  g_autoptr(GPtrArray) fig19 = parse_ok (header_of (data, "fig19_400_multi_ambiguous"));
  g_autoptr(GPtrArray) fig24 = parse_ok (header_of (data, "fig24_401_rs_nonce"));

  g_assert_cmpuint (fig15->len, ==, 1);
  assert_challenge (fig15, 0, "DPoP", "algs", "ES256 PS256", NULL);
  g_assert_cmpuint (fig16->len, ==, 1);
  assert_challenge (fig16, 0, "DPoP", "error", "invalid_token",
                    "error_description", "Invalid DPoP key binding", "algs", "ES256", NULL);

  /* Two challenges in one header: the second's parameters follow its scheme. */
  g_assert_cmpuint (fig17->len, ==, 2);
  assert_challenge (fig17, 0, "Bearer", NULL);
  assert_challenge (fig17, 1, "DPoP", "algs", "ES256 PS256", NULL);
  g_assert_cmpuint (fig18->len, ==, 2);
  assert_challenge (fig18, 0, "Bearer", "error", "invalid_token",
                    "error_description", "Invalid token", NULL);
  assert_challenge (fig18, 1, "DPoP", "algs", "ES256 PS256", NULL);

  /* The same parameters in two challenges are not repeats. */
  g_assert_cmpuint (fig19->len, ==, 2);
  assert_challenge (fig19, 0, "Bearer", "error", "invalid_request", "error_description",
                    "Multiple methods used to include access token", NULL);
  assert_challenge (fig19, 1, "DPoP", "algs", "ES256 PS256", "error", "invalid_request",
                    "error_description", "Multiple methods used to include access token", NULL);

  g_assert_cmpuint (fig24->len, ==, 1);
  assert_challenge (fig24, 0, "DPoP", "error", "use_dpop_nonce", "error_description",
                    "Resource server requires nonce in DPoP proof", NULL);
  g_assert_true (grant_auth_challenge_find (fig18, "dpop") == g_ptr_array_index (fig18, 1));
  g_assert_null (grant_auth_challenge_find (fig15, "Bearer"));
}

/* RFC 9470 §3's step-up challenge, and RFC 9110's other forms: a token68, unquoted values,
 * BWS around "=", quoted-pairs, empty list elements, several fields joined. */
static void
test_other_forms (void)
{
  g_autoptr(GPtrArray) step_up = parse_ok ("Bearer error=\"insufficient_user_authentication\", "
                                           "error_description=\"A different authentication "
                                           "level is required\", acr_values=\"myACR\"");
  g_autoptr(GPtrArray) max_age = parse_ok ("Bearer error=\"insufficient_user_authentication\", "
                                           "error_description=\"More recent authentication is "
                                           "required\", max_age=\"5\"");
  g_autoptr(GPtrArray) mixed = parse_ok ("Negotiate a87421000492aa874209af8bc028==, ,"
                                         "Basic realm=simple , Newauth realm = \"apps\" ,"
                                         "type=1,title=\"Login to \\\"apps\\\"\", Token");
  g_autoptr(GPtrArray) empty = parse_ok ("");
  g_autoptr(GPtrArray) commas = parse_ok (" , ,, ");

  assert_challenge (step_up, 0, "Bearer", "error", "insufficient_user_authentication",
                    "error_description", "A different authentication level is required",
                    "acr_values", "myACR", NULL);
  g_assert_cmpstr (grant_auth_challenge_lookup (g_ptr_array_index (max_age, 0), "MAX_AGE"), ==,
                   "5");

  g_assert_cmpuint (mixed->len, ==, 4);
  g_assert_cmpstr (grant_auth_challenge_get_scheme (g_ptr_array_index (mixed, 0)), ==,
                   "Negotiate");
  g_assert_cmpstr (grant_auth_challenge_get_token68 (g_ptr_array_index (mixed, 0)), ==,
                   "a87421000492aa874209af8bc028==");
  g_assert_cmpuint (grant_auth_challenge_get_n_params (g_ptr_array_index (mixed, 0)), ==, 0);
  assert_challenge (mixed, 1, "Basic", "realm", "simple", NULL);
  assert_challenge (mixed, 2, "Newauth", "realm", "apps", "type", "1",
                    "title", "Login to \"apps\"", NULL);
  assert_challenge (mixed, 3, "Token", NULL);

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (commas->len, ==, 0);
}

static void
test_refused (void)
{
  static const struct
  {
    const char *header;
    const char *message;
  } refused[] = {
    { "Bearer realm=\"example", "quoted string that starts at offset 13 is not closed" },
    { "Bearer realm=\"exa\\", "quoted string that starts at offset 13 is not closed" },
    { "Bearer realm=\"ex\001ample\"", "the byte 0x01" },
    { "Bearer realm=\"a\", realm=\"b\"", "names the parameter “realm” twice" },
    { "Bearer realm=\"a\", REALM=b", "names the parameter “REALM” twice" },
    { "realm=\"example\"", "scheme before any parameter" },
    { "Negotiate abc==, realm=x", "new challenge after a token68" },
    { "Bearer error=\"x\", realm=", "a token or a quoted string" },
    { "Bearer realm=\"a\" x", "“,” or the end of the header" },
    { "Bearer\"realm\"", "a space after the authentication scheme" },
    { "Bearer realm=\"a\", @", "an authentication scheme or a parameter" },
    { "Bearer realm=\"a\"\nX: y", "the byte 0x0a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) challenges = grant_auth_challenge_parse (refused[i].header, -1,
                                                                    &error);

      g_test_message ("%s → %s", refused[i].header, error != NULL ? error->message : "parsed");
      g_assert_null (challenges);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, refused[i].message));
    }

  /* A NUL inside the given length is not the end of the header. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) challenges = grant_auth_challenge_parse ("Bearer\0 realm=x", 15,
                                                                  &error);

    g_assert_null (challenges);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

/* Hostile sizes: a 1 MB header is refused at once; the largest accepted header, hundreds of
 * challenges and a long quoted value are read in one pass. */
static void
test_hostile_sizes (void)
{
  g_autoptr(GString) huge = g_string_new ("Bearer realm=\"");
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) too_many = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) challenges = NULL;
  gint64 start;

  while (huge->len < 1024 * 1024)
    g_string_append (huge, "aaaaaaaaaaaaaaaa");
  start = g_get_monotonic_time ();
  challenges = grant_auth_challenge_parse (huge->str, huge->len, &error);
  g_assert_null (challenges);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* The largest header Grant reads, one quoted value of it all. */
  g_string_truncate (huge, GRANT_AUTH_CHALLENGE_MAX_HEADER - 1);
  g_string_append_c (huge, '"');
  challenges = grant_auth_challenge_parse (huge->str, huge->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (grant_auth_challenge_lookup (g_ptr_array_index (challenges, 0),
                                                         "realm")), ==,
                    GRANT_AUTH_CHALLENGE_MAX_HEADER - strlen ("Bearer realm=\"\""));
  g_clear_pointer (&challenges, g_ptr_array_unref);

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (many, "%sScheme%u realm=\"r%u\", error=invalid_token",
                            i > 0 ? ", " : "", i, i);
  challenges = grant_auth_challenge_parse (many->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (challenges->len, ==, 500);
  assert_challenge (challenges, 499, "Scheme499", "realm", "r499", "error", "invalid_token",
                    NULL);
  g_clear_pointer (&challenges, g_ptr_array_unref);

  for (guint i = 0; i <= GRANT_AUTH_CHALLENGE_MAX_CHALLENGES; i++)
    g_string_append (too_many, "Bearer, ");
  challenges = grant_auth_challenge_parse (too_many->str, -1, &error);
  g_assert_null (challenges);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grant/auth-challenge/rfc6750", test_rfc6750);
  g_test_add_func ("/grant/auth-challenge/rfc9449", test_rfc9449);
  g_test_add_func ("/grant/auth-challenge/other-forms", test_other_forms);
  g_test_add_func ("/grant/auth-challenge/refused", test_refused);
  g_test_add_func ("/grant/auth-challenge/hostile-sizes", test_hostile_sizes);

  return g_test_run ();
}
