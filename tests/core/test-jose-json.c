/* test-jose-json.c
 * Tests for grant_jose_json_parse_object: what strict JSON for JOSE accepts and refuses, and why.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every accepted document is also read by json-glib's own JsonParser and the two trees are
 * compared node by node, with the value types (an integer is not a double); every refused one
 * must fail with the expected code and a message that names the document and says where.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "grant-jose-error.h"
#include "grant-jose-json.h"

#define WHAT "The test document"

typedef struct
{
  const char *name;
  const char *json;
  gsize       length;       /* 0: strlen (json); set for documents with a NUL byte */
} Accepted;

static const Accepted accepted[] = {
  { "empty-object", "{}", 0 },
  { "json-whitespace-everywhere",
    " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ 1 , 2 ] \t\r\n, \"b\" : { } } \t\r\n", 0 },
  { "every-type", "{\"s\":\"x\",\"i\":-12,\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,"
                  "\"a\":[],\"o\":{}}", 0 },
  { "simple-escapes", "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", 0 },
  { "unicode-escapes", "{\"s\":\"\\u00e9\\u00E9\\u20ac\\uFFFF\\u0001\"}", 0 },
  { "surrogate-pair", "{\"s\":\"\\ud83d\\ude00\"}", 0 },
  { "surrogate-pair-uppercase", "{\"s\":\"\\uD834\\uDD1E\"}", 0 },
  { "raw-utf8", "{\"name\":\"Zo\xC3\xAB \xC5\x81ukasiewicz \xF0\x9F\x98\x80\"}", 0 },
  { "del-is-not-a-control-character", "{\"s\":\"\x7F\"}", 0 },
  { "same-name-in-different-objects",
    "{\"a\":{\"a\":1},\"b\":{\"a\":2},\"c\":[{\"a\":3},{\"a\":4}]}", 0 },
  { "names-differ-in-case", "{\"a\":1,\"A\":2}", 0 },
  { "empty-name", "{\"\":1}", 0 },
  { "int64-max", "{\"n\":9223372036854775807}", 0 },
  { "int64-min", "{\"n\":-9223372036854775808}", 0 },
  { "zero", "{\"n\":0}", 0 },
  { "minus-zero", "{\"n\":-0}", 0 },
  { "minus-zero-double", "{\"n\":-0.0}", 0 },
  { "exponents", "{\"a\":1e5,\"b\":1E5,\"c\":1e+5,\"d\":1e-5,\"e\":-1.25e05,\"f\":0e0}", 0 },
  { "below-double-range", "{\"n\":1e-400}", 0 },
  { "big-number-with-fraction", "{\"n\":99999999999999999999.0}", 0 },
  { "long-fraction",
    "{\"n\":0.100000000000000000000000000000000000000000000000000000000000000000000000001}", 0 },
  { "literals", "{\"a\":[true,false,null]}", 0 },
  { "nested", "{\"a\":[{\"b\":[[],{}],\"c\":{\"d\":[null]}}]}", 0 },
  { "long-ascii-run", "{\"abcdefghijklmnopqrstuvwxyz\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"}",
    0 },
};

typedef struct
{
  const char *name;
  const char *json;
  gsize       length;       /* 0: strlen (json); set for documents with a NUL byte */
  int         code;         /* a GrantJoseError */
  const char *says;         /* part of the message, with the byte where it applies */
} Refused;

#define INVALID GRANT_JOSE_ERROR_INVALID_JSON
#define TOO_LARGE GRANT_JOSE_ERROR_TOO_LARGE

static const Refused refused[] = {
  /* Exactly one object at the top, with JSON whitespace only around it. */
  { "empty", "", 0, INVALID, WHAT " is not a JSON object" },
  { "whitespace-only", " \t\r\n", 0, INVALID, "is not a JSON object" },
  { "array", "[1,2]", 0, INVALID, "is not a JSON object" },
  { "string", "\"{}\"", 0, INVALID, "is not a JSON object" },
  { "number", "42", 0, INVALID, "is not a JSON object" },
  { "null", "null", 0, INVALID, "is not a JSON object" },
  { "value-then-object", "true{}", 0, INVALID, "is not a JSON object" },
  { "byte-order-mark", "\xEF\xBB\xBF{}", 0, INVALID, "is not a JSON object" },
  { "form-feed-before", "\f{}", 0, INVALID, "is not a JSON object" },
  { "no-break-space-before", "\xC2\xA0{}", 0, INVALID, "is not a JSON object" },
  { "comment-before", "/* c */{}", 0, INVALID, "is not a JSON object" },
  { "two-objects", "{\"alg\":\"HS256\"}{\"alg\":\"none\"}", 0, INVALID,
    "has more text after its JSON object, at byte 15" },
  { "object-then-array", "{} [1]", 0, INVALID, "has more text after its JSON object, at byte 3" },
  { "closing-brace-twice", "{\"a\":1}}", 0, INVALID, "more text after its JSON object, at byte 7" },
  { "vertical-tab-after", "{}\v", 0, INVALID, "more text after its JSON object, at byte 2" },
  { "line-separator-after", "{}\xE2\x80\xA8", 0, INVALID,
    "more text after its JSON object, at byte 2" },

  /* NUL bytes and UTF-8. */
  { "nul-byte-after", "{}\0 ", 4, INVALID, "contains a NUL byte (at byte 2)" },
  { "nul-byte-in-string", "{\"a\":\"x\0y\"}", 11, INVALID, "contains a NUL byte (at byte 7)" },
  { "utf8-ff", "{\"a\":\"\xFF\"}", 0, INVALID, "is not valid UTF-8 (at byte 6)" },
  { "utf8-lone-continuation", "{\"a\":\"\x80\"}", 0, INVALID, "not valid UTF-8 (at byte 6)" },
  { "utf8-overlong-solidus", "{\"a\":\"\xC0\xAF\"}", 0, INVALID, "not valid UTF-8 (at byte 6)" },
  { "utf8-encoded-surrogate", "{\"a\":\"\xED\xA0\x80\"}", 0, INVALID,
    "not valid UTF-8 (at byte 6)" },
  { "utf8-truncated", "{\"a\":\"\xE2\x82\"}", 0, INVALID, "not valid UTF-8 (at byte 6)" },
  { "utf8-beyond-10ffff", "{\"a\":\"\xF4\x90\x80\x80\"}", 0, INVALID,
    "not valid UTF-8 (at byte 6)" },
  { "utf8-in-name", "{\"\xFE\":1}", 0, INVALID, "not valid UTF-8 (at byte 2)" },
  { "utf8-after-ascii-run", "{\"abcdefghijklmnopqrstuvwxyz\":\"\xFF\"}", 0, INVALID,
    "not valid UTF-8 (at byte 31)" },

  /* Structure. */
  { "unclosed", "{", 0, INVALID,
    "is not valid JSON: expected a member name in double quotes at byte 1 (the end of the text)" },
  { "unclosed-after-value", "{\"iss\":\"joe\"", 0, INVALID,
    "expected ‘,’ or ‘}’ at byte 12 (the end of the text)" },
  { "missing-value", "{\"a\":}", 0, INVALID, "expected a value at byte 5" },
  { "missing-colon", "{\"a\" 1}", 0, INVALID, "is not valid JSON: expected ‘:’ at byte 5" },
  { "missing-comma", "{\"a\":1 \"b\":2}", 0, INVALID, "expected ‘,’ or ‘}’ at byte 7" },
  { "unquoted-name", "{a:1}", 0, INVALID, "expected a member name in double quotes at byte 1" },
  { "number-as-name", "{1:2}", 0, INVALID, "expected a member name in double quotes at byte 1" },
  { "single-quoted-name", "{'a':1}", 0, INVALID,
    "expected a member name in double quotes at byte 1" },
  { "single-quoted-value", "{\"a\":'x'}", 0, INVALID, "expected a value at byte 5" },
  { "trailing-comma-object", "{\"a\":1,}", 0, INVALID,
    "a comma before ‘}’ (JSON has no trailing commas) at byte 7" },
  { "trailing-comma-array", "{\"a\":[1,]}", 0, INVALID,
    "a comma before ‘]’ (JSON has no trailing commas) at byte 8" },
  { "lone-comma", "{,}", 0, INVALID, "expected a member name in double quotes at byte 1" },
  { "double-comma", "{\"a\":1,,\"b\":2}", 0, INVALID,
    "expected a member name in double quotes at byte 7" },
  { "array-double-comma", "{\"a\":[1,,2]}", 0, INVALID, "expected a value at byte 8" },
  { "array-missing-comma", "{\"a\":[1 2]}", 0, INVALID, "expected ‘,’ or ‘]’ at byte 8" },
  { "unclosed-array", "{\"a\":[1", 0, INVALID,
    "expected ‘,’ or ‘]’ at byte 7 (the end of the text)" },
  { "block-comment", "{\"a\":1 /* c */}", 0, INVALID, "expected ‘,’ or ‘}’ at byte 7" },
  { "line-comment", "{\"a\":1 // c\n}", 0, INVALID, "expected ‘,’ or ‘}’ at byte 7" },
  { "form-feed-inside", "{\f}", 0, INVALID, "expected a member name in double quotes at byte 1" },
  { "no-break-space-inside", "{\"a\":\xC2\xA0" "1}", 0, INVALID, "expected a value at byte 5" },

  /* Strings. */
  { "raw-tab", "{\"a\":\"x\ty\"}", 0, INVALID,
    "a control character (U+0009) in a string must be escaped at byte 7" },
  { "raw-newline-in-name", "{\"a\n\":1}", 0, INVALID, "control character (U+000A)" },
  { "raw-unit-separator", "{\"a\":\"\x1F\"}", 0, INVALID, "control character (U+001F)" },
  { "escaped-nul", "{\"a\":\"admin\\u0000x\"}", 0, INVALID,
    "has ‘\\u0000’ (a NUL character) in a string, at byte 11; Grant refuses it" },
  { "escaped-nul-in-name", "{\"\\u0000\":1}", 0, INVALID,
    "(a NUL character) in a string, at byte 2" },
  { "lone-high-surrogate", "{\"a\":\"\\ud83d\"}", 0, INVALID,
    "‘\\uD83D’ is a high surrogate without a low surrogate after it at byte 6" },
  { "high-surrogate-then-text", "{\"a\":\"\\ud83dxxxxxx\"}", 0, INVALID,
    "high surrogate without a low surrogate after it at byte 6" },
  { "high-surrogate-at-end", "{\"a\":\"\\uD800", 0, INVALID,
    "high surrogate without a low surrogate" },
  { "two-high-surrogates", "{\"a\":\"\\ud83d\\ud83d\"}", 0, INVALID,
    "‘\\uD83D’ is a high surrogate followed by ‘\\uD83D’, which is not a low surrogate" },
  { "high-surrogate-then-letter", "{\"a\":\"\\ud83d\\u0041\"}", 0, INVALID,
    "followed by ‘\\u0041’, which is not a low surrogate" },
  { "lone-low-surrogate", "{\"a\":\"\\ude00\"}", 0, INVALID,
    "‘\\uDE00’ is a low surrogate without a high surrogate before it at byte 6" },
  { "swapped-surrogates", "{\"a\":\"\\ude00\\ud83d\"}", 0, INVALID,
    "low surrogate without a high surrogate" },
  { "high-surrogate-then-bad-hex", "{\"a\":\"\\ud83d\\uZZZZ\"}", 0, INVALID,
    "expected four hex digits after ‘\\u’ at byte 12" },
  { "short-unicode-escape", "{\"a\":\"\\u12\"}", 0, INVALID,
    "expected four hex digits after ‘\\u’ at byte 6" },
  { "unicode-escape-at-end", "{\"a\":\"\\u12", 0, INVALID,
    "expected four hex digits after ‘\\u’ at byte 6" },
  { "unknown-escape", "{\"a\":\"\\x41\"}", 0, INVALID, "an unknown escape" },
  { "escaped-single-quote", "{\"a\":\"\\'\"}", 0, INVALID, "an unknown escape" },
  { "capital-u-escape", "{\"a\":\"\\U0041\"}", 0, INVALID, "unknown escape (JSON has" },
  { "unterminated-string", "{\"a\":\"abc", 0, INVALID,
    "expected ‘\"’ to close a string at byte 9 (the end of the text)" },
  { "backslash-at-end", "{\"a\":\"abc\\", 0, INVALID,
    "expected ‘\"’ to close a string at byte 10 (the end of the text)" },
  { "unterminated-name", "{\"abc", 0, INVALID, "expected ‘\"’ to close a string at byte 5" },

  /* Numbers, by RFC 8259 §6's grammar. */
  { "leading-zero", "{\"n\":01}", 0, INVALID,
    "a number cannot start with the digit 0 followed by more digits at byte 5" },
  { "negative-leading-zero", "{\"n\":-01}", 0, INVALID, "cannot start with the digit 0" },
  { "plus-sign", "{\"n\":+1}", 0, INVALID, "expected a value at byte 5" },
  { "bare-fraction", "{\"n\":.5}", 0, INVALID, "expected a value at byte 5" },
  { "no-fraction-digits", "{\"n\":1.}", 0, INVALID, "expected a digit after ‘.’ at byte 7" },
  { "point-then-exponent", "{\"n\":1.e5}", 0, INVALID, "expected a digit after ‘.’ at byte 7" },
  { "empty-exponent", "{\"n\":1e}", 0, INVALID, "expected a digit in the exponent at byte 7" },
  { "signed-empty-exponent", "{\"n\":1e+}", 0, INVALID,
    "expected a digit in the exponent at byte 8" },
  { "lone-minus", "{\"n\":-}", 0, INVALID, "expected a digit after ‘-’ at byte 6" },
  { "minus-space-digit", "{\"n\":- 1}", 0, INVALID, "expected a digit after ‘-’ at byte 6" },
  { "hex", "{\"n\":0x10}", 0, INVALID, "expected ‘,’ or ‘}’ at byte 6" },
  { "nan", "{\"n\":NaN}", 0, INVALID, "expected a value at byte 5" },
  { "infinity", "{\"n\":Infinity}", 0, INVALID, "expected a value at byte 5" },
  { "minus-infinity", "{\"n\":-Infinity}", 0, INVALID, "expected a digit after ‘-’ at byte 6" },
  { "two-points", "{\"n\":1.5.5}", 0, INVALID, "expected ‘,’ or ‘}’ at byte 8" },
  { "digit-separator", "{\"n\":1_000}", 0, INVALID, "expected ‘,’ or ‘}’ at byte 6" },
  { "int64-max-plus-one", "{\"n\":9223372036854775808}", 0, TOO_LARGE,
    WHAT " has the integer 9223372036854775808 at byte 5, beyond the 64-bit range that Grant "
    "can read exactly" },
  { "int64-min-minus-one", "{\"n\":-9223372036854775809}", 0, TOO_LARGE,
    "the integer -9223372036854775809 at byte 5" },
  { "uint64-max", "{\"exp\":18446744073709551615}", 0, TOO_LARGE,
    "the integer 18446744073709551615 at byte 7" },
  { "huge-integer-nested", "{\"a\":[1,123456789012345678901234567890123456789012345]}", 0,
    TOO_LARGE, "the integer 1234567890123456789012345678901234567890… at byte 8" },
  /* Beyond a double's range a number would read as infinity, which JSON cannot write. */
  { "beyond-double-range", "{\"n\":1e400}", 0, TOO_LARGE,
    WHAT " has the number 1e400 at byte 5, beyond the range of numbers that Grant can read" },
  { "beyond-double-range-negative", "{\"n\":-1.5e309}", 0, TOO_LARGE,
    "the number -1.5e309 at byte 5" },
  { "beyond-double-range-long", "{\"n\":[0,1234567890123456789012345678901234567890e300]}", 0,
    TOO_LARGE, "the number 1234567890123456789012345678901234567890… at byte 8" },

  /* Literals. */
  { "capitalized-true", "{\"a\":True}", 0, INVALID, "expected a value at byte 5" },
  { "short-null", "{\"a\":nul}", 0, INVALID, "expected a value at byte 5" },
  { "null-cut-short", "{\"a\":nu", 0, INVALID, "expected a value at byte 5" },
  { "true-then-letter", "{\"a\":truex}", 0, INVALID, "expected ‘,’ or ‘}’ at byte 9" },
  { "undefined", "{\"a\":undefined}", 0, INVALID, "expected a value at byte 5" },

  /* Duplicate names, compared decoded, in any object. */
  { "duplicate", "{\"alg\":\"HS256\",\"alg\":\"none\"}", 0, INVALID,
    WHAT " has the member “alg” twice; JOSE forbids duplicate names (RFC 7515 §5.2)" },
  { "duplicate-escaped", "{\"a\":1,\"\\u0061\":2}", 0, INVALID, "the member “a” twice" },
  { "duplicate-escaped-first", "{\"\\u00e9\":1,\"\xC3\xA9\":2}", 0, INVALID,
    "the member “\xC3\xA9” twice" },
  { "duplicate-surrogate-pair", "{\"\xF0\x9F\x98\x80\":1,\"\\ud83d\\ude00\":2}", 0, INVALID,
    "the member “\xF0\x9F\x98\x80” twice" },
  { "duplicate-escaped-solidus", "{\"a/b\":1,\"a\\/b\":2}", 0, INVALID, "the member “a/b” twice" },
  { "duplicate-nested", "{\"a\":{\"b\":1,\"b\":2}}", 0, INVALID, "the member “b” twice" },
  { "duplicate-in-array", "{\"a\":[{\"k\":1,\"k\":1}]}", 0, INVALID, "the member “k” twice" },
  { "duplicate-empty-name", "{\"\":1,\"\":2}", 0, INVALID, "the member “” twice" },
  { "duplicate-after-object", "{\"a\":{\"x\":1},\"a\":2}", 0, INVALID, "the member “a” twice" },
};

static gsize
length_of (const char *json,
           gsize       length)
{
  return length > 0 ? length : strlen (json);
}

/* The two trees are the same, value types included, and members in the same order. */
static void
assert_same_node (JsonNode   *node,
                  JsonNode   *expected,
                  const char *path)
{
  if (JSON_NODE_TYPE (node) != JSON_NODE_TYPE (expected))
    g_error ("%s: a %s, expected a %s", path, json_node_type_name (node),
             json_node_type_name (expected));

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObject *expected_object = json_node_get_object (expected);
        g_autoptr(GList) names = json_object_get_members (object);
        g_autoptr(GList) expected_names = json_object_get_members (expected_object);

        g_assert_cmpuint (g_list_length (names), ==, g_list_length (expected_names));
        for (GList *l = names, *e = expected_names; l != NULL; l = l->next, e = e->next)
          {
            g_autofree char *member_path = g_strdup_printf ("%s.%s", path, (char *) l->data);

            g_assert_cmpstr (l->data, ==, e->data);
            assert_same_node (json_object_get_member (object, l->data),
                              json_object_get_member (expected_object, e->data), member_path);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *expected_array = json_node_get_array (expected);

        g_assert_cmpuint (json_array_get_length (array), ==,
                          json_array_get_length (expected_array));
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);

            assert_same_node (json_array_get_element (array, i),
                              json_array_get_element (expected_array, i), element_path);
          }
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) != json_node_get_value_type (expected))
        g_error ("%s: a %s, expected a %s", path, g_type_name (json_node_get_value_type (node)),
                 g_type_name (json_node_get_value_type (expected)));
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_assert_cmpint (json_node_get_int (node), ==, json_node_get_int (expected));
          break;

        case G_TYPE_DOUBLE:
          /* Bit for bit: -0.0 is not 0.0, and infinities must match. */
          {
            double value = json_node_get_double (node);
            double expected_value = json_node_get_double (expected);

            g_assert_cmpmem (&value, sizeof value, &expected_value, sizeof expected_value);
          }
          break;

        case G_TYPE_BOOLEAN:
          g_assert_cmpint (json_node_get_boolean (node), ==, json_node_get_boolean (expected));
          break;

        case G_TYPE_STRING:
          g_assert_cmpstr (json_node_get_string (node), ==, json_node_get_string (expected));
          break;

        default:
          g_assert_not_reached ();
        }
      break;

    case JSON_NODE_NULL:
      break;

    default:
      g_assert_not_reached ();
    }
}

static JsonObject *
parse_ok (const char *json,
          gsize       length)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  object = grant_jose_json_parse_object (json, length_of (json, length), WHAT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (object);

  return object;
}

static void
test_accepted (gconstpointer data)
{
  const Accepted *entry = data;
  gsize length = length_of (entry->json, entry->length);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  object = parse_ok (entry->json, entry->length);

  /* json-glib reads every document accepted here the same way; it only accepts more. */
  json_parser_load_from_data (parser, entry->json, (gssize) length, &error);
  g_assert_no_error (error);
  node = json_node_init_object (json_node_alloc (), object);
  assert_same_node (node, json_parser_get_root (parser), "$");
}

static void
test_refused (gconstpointer data)
{
  const Refused *entry = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  object = grant_jose_json_parse_object (entry->json, length_of (entry->json, entry->length),
                                         WHAT, &error);
  g_assert_null (object);
  g_assert_error (error, GRANT_JOSE_ERROR, entry->code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, WHAT " "));
  if (strstr (error->message, entry->says) == NULL)
    g_error ("the message “%s” does not say “%s”", error->message, entry->says);
}

/* "{"a":" then @levels - 1 nested arrays (or objects), so @levels containers in all. */
static char *
nested (guint    levels,
        gboolean objects)
{
  GString *json = g_string_new (NULL);

  if (objects)
    {
      for (guint i = 1; i < levels; i++)
        g_string_append (json, "{\"a\":");
      g_string_append (json, "{}");
      for (guint i = 1; i < levels; i++)
        g_string_append_c (json, '}');
    }
  else
    {
      g_string_append (json, "{\"a\":");
      for (guint i = 1; i < levels; i++)
        g_string_append_c (json, '[');
      for (guint i = 1; i < levels; i++)
        g_string_append_c (json, ']');
      g_string_append_c (json, '}');
    }

  return g_string_free (json, FALSE);
}

static guint
depth_of (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) values = json_object_get_values (json_node_get_object (node));

      for (GList *l = values; l != NULL; l = l->next)
        {
          guint depth = depth_of (l->data);

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint depth = depth_of (json_array_get_element (array, i));

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }

  return 0;
}

static void
assert_too_deep (const char *json,
                 gsize       byte)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *says = g_strdup_printf ("is nested too deeply: more than 64 levels of objects "
                                           "and arrays, at byte %" G_GSIZE_FORMAT, byte);

  object = grant_jose_json_parse_object (json, strlen (json), WHAT, &error);
  g_assert_null (object);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON);
  if (strstr (error->message, says) == NULL)
    g_error ("the message “%s” does not say “%s”", error->message, says);
}

/* 64 levels parse; the 65th is refused where it opens, arrays or objects alike. */
static void
test_nesting_limit (void)
{
  for (int objects = 0; objects <= 1; objects++)
    {
      g_autofree char *deepest = nested (64, objects);
      g_autofree char *too_deep = nested (65, objects);
      g_autoptr(JsonObject) object = parse_ok (deepest, 0);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

      g_assert_cmpuint (depth_of (node), ==, 64);
      /* The 65th container: the 64th ‘[’ after {"a": , or the 65th {"a": . */
      assert_too_deep (too_deep, objects ? 5 * 64 : 5 + 63);
    }
}

/* Hostile depth is refused at level 65 without recursing further, closed or not. */
static void
test_nesting_hostile (void)
{
  static const guint depths[] = { 1000, 100000 };

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      g_autofree char *arrays = nested (depths[i], FALSE);
      g_autofree char *objects = nested (depths[i], TRUE);
      g_autofree char *unclosed = g_strndup (arrays, 5 + depths[i] - 1);

      assert_too_deep (arrays, 5 + 63);
      assert_too_deep (objects, 5 * 64);
      assert_too_deep (unclosed, 5 + 63);
    }
}

/* A typical ID token's claims, read member by member: names in order, types, values. */
static void
test_tree_id_token (void)
{
  static const char claims[] =
    "{\"iss\":\"https://accounts.example.com\",\"sub\":\"248289761001\","
    "\"aud\":[\"grant-public\",\"https://api.example.com\"],\"exp\":1735693200,"
    "\"iat\":1735689600,\"nonce\":\"n-0S6_WzA2Mj\",\"email_verified\":true,"
    "\"name\":\"Zo\\u00eb \xC5\x81ukasiewicz\",\"acr\":null,\"score\":0.875,"
    "\"address\":{\"country\":\"PL\",\"postal_code\":\"00-238\"}}";
  static const char * const names[] = {
    "iss", "sub", "aud", "exp", "iat", "nonce", "email_verified", "name", "acr", "score",
    "address",
  };
  g_autoptr(JsonObject) object = parse_ok (claims, 0);
  g_autoptr(GList) members = json_object_get_members (object);
  JsonArray *aud;
  JsonObject *address;
  guint i = 0;

  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (names));
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (l->data, ==, names[i++]);

  g_assert_cmpstr (json_object_get_string_member (object, "iss"), ==,
                   "https://accounts.example.com");
  g_assert_cmpstr (json_object_get_string_member (object, "sub"), ==, "248289761001");
  aud = json_object_get_array_member (object, "aud");
  g_assert_cmpuint (json_array_get_length (aud), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (aud, 0), ==, "grant-public");
  g_assert_cmpstr (json_array_get_string_element (aud, 1), ==, "https://api.example.com");
  g_assert_cmpuint (json_node_get_value_type (json_object_get_member (object, "exp")), ==,
                    G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "exp"), ==, 1735693200);
  g_assert_cmpint (json_object_get_int_member (object, "iat"), ==, 1735689600);
  g_assert_cmpstr (json_object_get_string_member (object, "nonce"), ==, "n-0S6_WzA2Mj");
  g_assert_true (json_object_get_boolean_member (object, "email_verified"));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==,
                   "Zo\xC3\xAB \xC5\x81ukasiewicz");
  g_assert_true (json_object_get_null_member (object, "acr"));
  g_assert_cmpuint (json_node_get_value_type (json_object_get_member (object, "score")), ==,
                    G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (object, "score"), ==, 0.875);
  address = json_object_get_object_member (object, "address");
  g_assert_cmpuint (json_object_get_size (address), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (address, "country"), ==, "PL");
  g_assert_cmpstr (json_object_get_string_member (address, "postal_code"), ==, "00-238");
}

/* Every escape decodes to its bytes, and names are decoded as values are. */
static void
test_tree_strings (void)
{
  g_autoptr(JsonObject) object = NULL;

  object = parse_ok ("{\"simple\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\","
                     "\"bmp\":\"\\u0041\\u00e9\\u00E9\\u20AC\\uffff\\u0001\\u007f\","
                     "\"astral\":\"\\ud83d\\ude00\\uD834\\uDD1E\","
                     "\"raw\":\"\xF0\x9F\x98\x80\x7F\","
                     "\"\\u006e\\u0061\\u006d\\u0065\":\"escaped name\","
                     "\"\\n\":\"newline name\","
                     "\"empty\":\"\"}", 0);

  g_assert_cmpstr (json_object_get_string_member (object, "simple"), ==,
                   "\"\\/\b\f\n\r\t");
  g_assert_cmpstr (json_object_get_string_member (object, "bmp"), ==,
                   "A\xC3\xA9\xC3\xA9\xE2\x82\xAC\xEF\xBF\xBF\x01\x7F");
  g_assert_cmpstr (json_object_get_string_member (object, "astral"), ==,
                   "\xF0\x9F\x98\x80\xF0\x9D\x84\x9E");
  g_assert_cmpstr (json_object_get_string_member (object, "raw"), ==, "\xF0\x9F\x98\x80\x7F");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "escaped name");
  g_assert_cmpstr (json_object_get_string_member (object, "\n"), ==, "newline name");
  g_assert_cmpstr (json_object_get_string_member (object, "empty"), ==, "");
}

static void
assert_int_member (JsonObject *object,
                   const char *name,
                   gint64      expected)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpuint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
assert_double_member (JsonObject *object,
                      const char *name,
                      double      expected)
{
  JsonNode *node = json_object_get_member (object, name);
  double value;

  g_assert_nonnull (node);
  g_assert_cmpuint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  value = json_node_get_double (node);
  g_assert_cmpmem (&value, sizeof value, &expected, sizeof expected);
}

/* Integers stay exact 64-bit integers; a fraction or an exponent makes a double. */
static void
test_tree_numbers (void)
{
  g_autoptr(JsonObject) object = NULL;

  object = parse_ok ("{\"max\":9223372036854775807,\"min\":-9223372036854775808,"
                     "\"zero\":0,\"minus_zero\":-0,\"minus_zero_double\":-0.0,"
                     "\"exp\":1735693200,\"negative\":-42,\"half\":0.5,\"e\":1e3,"
                     "\"E\":2.5E-1,\"plus\":1e+2,\"almost_integer\":3.0,"
                     "\"tiny\":1e-400,"
                     "\"big_fraction\":99999999999999999999.0}", 0);

  assert_int_member (object, "max", G_MAXINT64);
  assert_int_member (object, "min", G_MININT64);
  assert_int_member (object, "zero", 0);
  assert_int_member (object, "minus_zero", 0);
  assert_int_member (object, "exp", 1735693200);
  assert_int_member (object, "negative", -42);
  assert_double_member (object, "minus_zero_double", -0.0);
  assert_double_member (object, "half", 0.5);
  assert_double_member (object, "e", 1000.0);
  assert_double_member (object, "E", 0.25);
  assert_double_member (object, "plus", 100.0);
  assert_double_member (object, "almost_integer", 3.0);
  assert_double_member (object, "tiny", 0.0);
  assert_double_member (object, "big_fraction", 1e20);
}

/* The whole text is read, not only up to a NUL: @length decides, and data need not end. */
static void
test_length_not_nul (void)
{
  static const char text[] = "{\"a\":1}{\"b\":2}";
  g_autoptr(JsonObject) first = parse_ok (text, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) cut = NULL;

  g_assert_cmpint (json_object_get_int_member (first, "a"), ==, 1);
  g_assert_false (json_object_has_member (first, "b"));

  /* Cut inside the string: the byte after the end must not be read as its quote. */
  cut = grant_jose_json_parse_object ("{\"a\":\"xy\"}", 7, WHAT, &error);
  g_assert_null (cut);
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "expected ‘\"’ to close a string at byte 7"));
}

/* Strings longer than the parser's first buffer, as names and values, nested. */
static void
test_long_strings (void)
{
  g_autofree char *long_name = g_strnfill (3000, 'n');
  g_autofree char *long_value = g_strnfill (5000, 'v');
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *inner;

  json = g_strdup_printf ("{\"%s\":{\"%s\":\"%s\",\"x\":\"\\u00e9%s\"}}",
                          long_name, long_name, long_value, long_value);
  object = parse_ok (json, 0);
  inner = json_object_get_object_member (object, long_name);
  g_assert_nonnull (inner);
  g_assert_cmpstr (json_object_get_string_member (inner, long_name), ==, long_value);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (inner, "x"), "\xC3\xA9"));
  g_assert_cmpstr (json_object_get_string_member (inner, "x") + 2, ==, long_value);
}

static void
test_get_string (void)
{
  g_autoptr(JsonObject) object = parse_ok ("{\"alg\":\"ES256\",\"kid\":7}", 0);
  g_autoptr(GError) error = NULL;
  const char *value = "unset";

  g_assert_true (grant_jose_json_get_string (object, "alg", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "ES256");

  g_assert_true (grant_jose_json_get_string (object, "typ", &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);

  g_assert_false (grant_jose_json_get_string (object, "kid", &value, &error));
  g_assert_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "“kid” must be a string"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/jose-json/accepted/%s", accepted[i].name);

      g_test_add_data_func (path, &accepted[i], test_accepted);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grant/jose-json/refused/%s", refused[i].name);

      g_test_add_data_func (path, &refused[i], test_refused);
    }
  g_test_add_func ("/grant/jose-json/nesting/limit", test_nesting_limit);
  g_test_add_func ("/grant/jose-json/nesting/hostile", test_nesting_hostile);
  g_test_add_func ("/grant/jose-json/tree/id-token", test_tree_id_token);
  g_test_add_func ("/grant/jose-json/tree/strings", test_tree_strings);
  g_test_add_func ("/grant/jose-json/tree/numbers", test_tree_numbers);
  g_test_add_func ("/grant/jose-json/length-not-nul", test_length_not_nul);
  g_test_add_func ("/grant/jose-json/long-strings", test_long_strings);
  g_test_add_func ("/grant/jose-json/get-string", test_get_string);

  return g_test_run ();
}
