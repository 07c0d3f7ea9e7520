/* grant-jose-json.c
 * Strict JSON for JOSE: objects only, valid UTF-8, no duplicate members (RFC 7515 §5.2).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small recursive-descent parser for RFC 8259 that builds json-glib values in one pass.
 * json-glib's own JsonParser is too lenient for JOSE, and slow for it: it keeps the last of
 * two members with the same name without a word, where a JOSE header with two "alg" members
 * must be refused (RFC 7515 §5.2 step 4, RFC 7519 §7.2: one reader could honour the first and
 * another the last); it wraps integers beyond 64 bits (2^64 - 1 reads as -1, and
 * -(2^64 - 1700000000) as 1700000000, a plausible "exp"); and it ignores what follows a
 * first object (`{"alg":"HS256"}{"alg":"none"}`). Here each of those is an error with the
 * byte where it happens, and nesting is bounded so that hostile input cannot exhaust the
 * stack.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "grant-jose-error.h"
#include "grant-jose-json.h"

/* Objects and arrays, the top-level object included. JOSE headers and claims sets nest two
 * or three levels; this bounds the recursion below, and so the stack it uses. */
#define MAX_DEPTH 64

typedef struct
{
  const char  *data;
  gsize        length;
  gsize        pos;
  const char  *what;
  GError     **error;

  /* Decoded strings, each followed by a NUL, used as a stack: a member name stays here while
   * its value is parsed, and is dropped once it is set. Positions are offsets, since the
   * buffer moves when it outgrows scratch_inline for the heap. */
  char        *scratch;
  gsize        scratch_length;
  gsize        scratch_capacity;
  char         scratch_inline[1024];
} Parser;

/* The bytes that end a plain run of a string: its closing quote, an escape, and the control
 * characters, which RFC 8259 §7 requires escaped. */
static const guchar string_stop[256] = {
  [0x00 ... 0x1F] = 1,
  ['"'] = 1,
  ['\\'] = 1,
};

static JsonNode *parse_value (Parser *parser,
                              guint   depth);

static void syntax_error (Parser     *parser,
                          gsize       at,
                          const char *format,
                          ...) G_GNUC_PRINTF (3, 4);

/* "The JWS header is not valid JSON: expected ‘:’ at byte 17". */
static void
syntax_error (Parser     *parser,
              gsize       at,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (at >= parser->length)
    g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                 /* Translators: the second %s is the syntax error; %llu is a byte offset. */
                 _("%s is not valid JSON: %s at byte %llu (the end of the text)"),
                 gettext (parser->what), message, (unsigned long long) at);
  else
    g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                 /* Translators: the second %s is the syntax error; %llu is a byte offset. */
                 _("%s is not valid JSON: %s at byte %llu"),
                 gettext (parser->what), message, (unsigned long long) at);
}

static void
scratch_grow (Parser *parser,
              gsize   size)
{
  gsize capacity = MAX (parser->scratch_capacity * 2, parser->scratch_length + size);

  if (parser->scratch == parser->scratch_inline)
    {
      parser->scratch = g_malloc (capacity);
      memcpy (parser->scratch, parser->scratch_inline, parser->scratch_length);
    }
  else
    {
      parser->scratch = g_realloc (parser->scratch, capacity);
    }
  parser->scratch_capacity = capacity;
}

static inline void
scratch_append (Parser     *parser,
                const char *bytes,
                gsize       size)
{
  if (parser->scratch_capacity - parser->scratch_length < size)
    scratch_grow (parser, size);
  memcpy (parser->scratch + parser->scratch_length, bytes, size);
  parser->scratch_length += size;
}

static inline void
skip_whitespace (Parser *parser)
{
  const char *data = parser->data;

  while (parser->pos < parser->length)
    {
      switch (data[parser->pos])
        {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          parser->pos++;
          break;

        default:
          return;
        }
    }
}

static inline gboolean
at_char (Parser *parser,
         char    c)
{
  return parser->pos < parser->length && parser->data[parser->pos] == c;
}

static inline gboolean
at_digit (Parser *parser)
{
  return parser->pos < parser->length && g_ascii_isdigit (parser->data[parser->pos]);
}

/* Like g_utf8_validate_len() (no overlong forms, surrogates or code points beyond U+10FFFF),
 * with runs of ASCII, most of a JOSE text, checked eight bytes at a time. The text has no NUL.
 * On failure *@invalid is the offset of the first byte of the invalid sequence. */
static gboolean
validate_utf8 (const char *data,
               gsize       length,
               gsize      *invalid)
{
  gsize i = 0;

  while (i < length)
    {
      guint64 word;
      gunichar c;

      if (length - i >= sizeof word)
        {
          memcpy (&word, data + i, sizeof word);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              i += sizeof word;
              continue;
            }
        }

      if ((guchar) data[i] < 0x80)
        {
          i++;
          continue;
        }

      c = g_utf8_get_char_validated (data + i, (gssize) (length - i));
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          *invalid = i;
          return FALSE;
        }
      i += (gsize) g_utf8_skip[(guchar) data[i]];
    }

  return TRUE;
}

/* The four hex digits of a \uXXXX escape that starts at @at (its backslash). */
static gboolean
read_unicode_escape (Parser   *parser,
                     gsize     at,
                     gunichar *value)
{
  gunichar result = 0;

  if (parser->length - at < 6)
    {
      syntax_error (parser, at, _("expected four hex digits after ‘\\u’"));
      return FALSE;
    }

  for (gsize i = at + 2; i < at + 6; i++)
    {
      if (!g_ascii_isxdigit (parser->data[i]))
        {
          syntax_error (parser, at, _("expected four hex digits after ‘\\u’"));
          return FALSE;
        }
      result = result << 4 | (gunichar) g_ascii_xdigit_value (parser->data[i]);
    }

  *value = result;
  return TRUE;
}

/* The escape at parser->pos (its backslash), decoded onto the scratch buffer. */
static gboolean
parse_escape (Parser *parser)
{
  static const char simple_escapes[] = "\"\\/bfnrt";
  static const char simple_escapes_decoded[] = "\"\\/\b\f\n\r\t";
  gsize at = parser->pos;
  const char *simple;
  gunichar value;
  char escape;
  char utf8[6];

  if (parser->length - at < 2)
    {
      syntax_error (parser, parser->length, _("expected ‘\"’ to close a string"));
      return FALSE;
    }

  escape = parser->data[at + 1];
  simple = escape != '\0' ? strchr (simple_escapes, escape) : NULL;
  if (simple != NULL)
    {
      scratch_append (parser, &simple_escapes_decoded[simple - simple_escapes], 1);
      parser->pos = at + 2;
      return TRUE;
    }

  if (escape != 'u')
    {
      syntax_error (parser, at, _("an unknown escape (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
                    "and \\uXXXX)"));
      return FALSE;
    }

  if (!read_unicode_escape (parser, at, &value))
    return FALSE;

  if (value == 0)
    {
      /* Valid JSON, but json-glib keeps strings as C strings, which end at a NUL: "admin\u0000x"
       * would read as "admin" here and as something else to another reader. */
      g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   _("%s has ‘\\u0000’ (a NUL character) in a string, at byte %llu"
                     "; Grant refuses it, since its strings end at a NUL and would lose what "
                     "follows"), gettext (parser->what), (unsigned long long) at);
      return FALSE;
    }

  if (value >= 0xDC00 && value <= 0xDFFF)
    {
      syntax_error (parser, at, _("‘\\u%04X’ is a low surrogate without a high surrogate "
                    "before it"), value);
      return FALSE;
    }

  if (value >= 0xD800 && value <= 0xDBFF)
    {
      gunichar low;

      if (parser->length - at < 12 || parser->data[at + 6] != '\\' || parser->data[at + 7] != 'u')
        {
          syntax_error (parser, at, _("‘\\u%04X’ is a high surrogate without a low surrogate "
                        "after it"), value);
          return FALSE;
        }
      if (!read_unicode_escape (parser, at + 6, &low))
        return FALSE;
      if (low < 0xDC00 || low > 0xDFFF)
        {
          syntax_error (parser, at, _("‘\\u%04X’ is a high surrogate followed by ‘\\u%04X’, "
                        "which is not a low surrogate"), value, low);
          return FALSE;
        }
      value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
      at += 6;
    }

  scratch_append (parser, utf8, (gsize) g_unichar_to_utf8 (value, utf8));
  parser->pos = at + 6;
  return TRUE;
}

/* The string at parser->pos (its opening quote), decoded onto the scratch buffer with a NUL
 * after it; *@offset is where it starts there. The text is valid UTF-8 already. */
static gboolean
parse_string (Parser *parser,
              gsize  *offset)
{
  const char *data = parser->data;

  *offset = parser->scratch_length;
  parser->pos++;

  for (;;)
    {
      gsize run = parser->pos;
      guchar c;

      while (parser->pos < parser->length && !string_stop[(guchar) data[parser->pos]])
        parser->pos++;
      scratch_append (parser, data + run, parser->pos - run);

      if (parser->pos == parser->length)
        {
          syntax_error (parser, parser->pos, _("expected ‘\"’ to close a string"));
          return FALSE;
        }

      c = (guchar) data[parser->pos];
      if (c == '"')
        {
          parser->pos++;
          scratch_append (parser, "", 1);
          return TRUE;
        }

      if (c < 0x20)
        {
          syntax_error (parser, parser->pos, _("a control character (U+%04X) in a string must be "
                        "escaped"), c);
          return FALSE;
        }

      if (!parse_escape (parser))
        return FALSE;
    }
}

/* A number per RFC 8259 §6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. One without a
 * fraction or an exponent is an integer, which must fit in 64 bits; json-glib would wrap it. */
static JsonNode *
parse_number (Parser *parser)
{
  const char *data = parser->data;
  gsize start = parser->pos;
  gsize digits;
  gboolean negative = FALSE;
  gboolean integer = TRUE;

  if (at_char (parser, '-'))
    {
      negative = TRUE;
      parser->pos++;
    }

  digits = parser->pos;
  if (!at_digit (parser))
    {
      syntax_error (parser, parser->pos, _("expected a digit after ‘-’"));
      return NULL;
    }
  if (data[parser->pos] == '0')
    {
      parser->pos++;
      if (at_digit (parser))
        {
          syntax_error (parser, start, _("a number cannot start with the digit 0 followed by "
                        "more digits"));
          return NULL;
        }
    }
  while (at_digit (parser))
    parser->pos++;

  if (at_char (parser, '.'))
    {
      integer = FALSE;
      parser->pos++;
      if (!at_digit (parser))
        {
          syntax_error (parser, parser->pos, _("expected a digit after ‘.’"));
          return NULL;
        }
      while (at_digit (parser))
        parser->pos++;
    }

  if (at_char (parser, 'e') || at_char (parser, 'E'))
    {
      integer = FALSE;
      parser->pos++;
      if (at_char (parser, '+') || at_char (parser, '-'))
        parser->pos++;
      if (!at_digit (parser))
        {
          syntax_error (parser, parser->pos, _("expected a digit in the exponent"));
          return NULL;
        }
      while (at_digit (parser))
        parser->pos++;
    }

  if (integer)
    {
      /* The magnitude of G_MININT64 is one more than G_MAXINT64. */
      guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
      guint64 magnitude = 0;

      for (gsize i = digits; i < parser->pos; i++)
        {
          guint digit = (guint) (data[i] - '0');

          if (magnitude > (limit - digit) / 10)
            {
              gsize size = parser->pos - start;
              int shown = (int) MIN (size, 40);

              g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_TOO_LARGE,
                           _("%s has the integer %.*s%s at byte %llu, beyond the "
                             "64-bit range that Grant can read exactly"),
                           gettext (parser->what), shown, data + start,
                           (gsize) shown < size ? "…" : "", (unsigned long long) start);
              return NULL;
            }
          magnitude = magnitude * 10 + digit;
        }

      if (!negative)
        return json_node_init_int (json_node_alloc (), (gint64) magnitude);
      if (magnitude == limit)
        return json_node_init_int (json_node_alloc (), G_MININT64);
      return json_node_init_int (json_node_alloc (), -(gint64) magnitude);
    }
  else
    {
      /* g_ascii_strtod needs a C string; the text has been checked, so it reads all of it.
       * A magnitude beyond a double's range (1e400) is refused like an integer beyond 64
       * bits: it would read as ±infinity, which JSON cannot write back, so a token holding
       * it could not be shown or exported as JSON. A magnitude below the smallest double
       * reads as 0 or a subnormal, which loses precision but stays a number. */
      gsize size = parser->pos - start;
      char buffer[64];
      g_autofree char *allocated = NULL;
      char *text = buffer;
      char *end;
      double value;

      if (size >= sizeof buffer)
        text = allocated = g_malloc (size + 1);
      memcpy (text, data + start, size);
      text[size] = '\0';

      value = g_ascii_strtod (text, &end);
      if (end != text + size)
        {
          int shown = (int) MIN (size, 40);

          g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                       _("%s has the number %.*s%s at byte %llu, which Grant "
                         "cannot read"), gettext (parser->what),
                       shown, text, (gsize) shown < size ? "…" : "", (unsigned long long) start);
          return NULL;
        }
      if (isinf (value))
        {
          int shown = (int) MIN (size, 40);

          g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_TOO_LARGE,
                       _("%s has the number %.*s%s at byte %llu, beyond the "
                         "range of numbers that Grant can read"), gettext (parser->what),
                       shown, text, (gsize) shown < size ? "…" : "", (unsigned long long) start);
          return NULL;
        }

      return json_node_init_double (json_node_alloc (), value);
    }
}

static gboolean
parse_literal (Parser     *parser,
               const char *literal,
               gsize       size)
{
  if (parser->length - parser->pos < size
      || memcmp (parser->data + parser->pos, literal, size) != 0)
    {
      syntax_error (parser, parser->pos, _("expected a value"));
      return FALSE;
    }

  parser->pos += size;
  return TRUE;
}

/* The object at parser->pos (its ‘{’), itself at nesting level @depth. */
static JsonObject *
parse_object (Parser *parser,
              guint   depth)
{
  g_autoptr(JsonObject) object = NULL;

  if (depth > MAX_DEPTH)
    {
      g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   _("%s is nested too deeply: more than %d levels of objects and arrays, "
                     "at byte %llu"), gettext (parser->what), MAX_DEPTH,
                   (unsigned long long) parser->pos);
      return NULL;
    }

  object = json_object_new ();
  parser->pos++;
  skip_whitespace (parser);
  if (at_char (parser, '}'))
    {
      parser->pos++;
      return g_steal_pointer (&object);
    }

  for (;;)
    {
      JsonNode *node;
      gsize name;

      if (!at_char (parser, '"'))
        {
          syntax_error (parser, parser->pos, _("expected a member name in double quotes"));
          return NULL;
        }
      if (!parse_string (parser, &name))
        return NULL;

      /* Names are compared decoded: "a" and "\u0061" are the same member. */
      if (json_object_has_member (object, parser->scratch + name))
        {
          g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                       _("%s has the member “%s” twice; JOSE forbids duplicate names "
                       "(RFC 7515 §5.2)"), gettext (parser->what), parser->scratch + name);
          return NULL;
        }

      skip_whitespace (parser);
      if (!at_char (parser, ':'))
        {
          syntax_error (parser, parser->pos, _("expected ‘:’"));
          return NULL;
        }
      parser->pos++;

      node = parse_value (parser, depth);
      if (node == NULL)
        return NULL;
      json_object_set_member (object, parser->scratch + name, node);
      parser->scratch_length = name;

      skip_whitespace (parser);
      if (at_char (parser, '}'))
        {
          parser->pos++;
          return g_steal_pointer (&object);
        }
      if (!at_char (parser, ','))
        {
          syntax_error (parser, parser->pos, _("expected ‘,’ or ‘}’"));
          return NULL;
        }
      parser->pos++;
      skip_whitespace (parser);
      if (at_char (parser, '}'))
        {
          syntax_error (parser, parser->pos, _("a comma before ‘}’ (JSON has no trailing commas)"));
          return NULL;
        }
    }
}

/* The array at parser->pos (its ‘[’), itself at nesting level @depth. */
static JsonArray *
parse_array (Parser *parser,
             guint   depth)
{
  g_autoptr(JsonArray) array = NULL;

  if (depth > MAX_DEPTH)
    {
      g_set_error (parser->error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   _("%s is nested too deeply: more than %d levels of objects and arrays, "
                     "at byte %llu"), gettext (parser->what), MAX_DEPTH,
                   (unsigned long long) parser->pos);
      return NULL;
    }

  array = json_array_new ();
  parser->pos++;
  skip_whitespace (parser);
  if (at_char (parser, ']'))
    {
      parser->pos++;
      return g_steal_pointer (&array);
    }

  for (;;)
    {
      JsonNode *node = parse_value (parser, depth);

      if (node == NULL)
        return NULL;
      json_array_add_element (array, node);

      skip_whitespace (parser);
      if (at_char (parser, ']'))
        {
          parser->pos++;
          return g_steal_pointer (&array);
        }
      if (!at_char (parser, ','))
        {
          syntax_error (parser, parser->pos, _("expected ‘,’ or ‘]’"));
          return NULL;
        }
      parser->pos++;
      skip_whitespace (parser);
      if (at_char (parser, ']'))
        {
          syntax_error (parser, parser->pos, _("a comma before ‘]’ (JSON has no trailing commas)"));
          return NULL;
        }
    }
}

/* The value after any whitespace at parser->pos, inside a container at level @depth. */
static JsonNode *
parse_value (Parser *parser,
             guint   depth)
{
  skip_whitespace (parser);
  if (parser->pos == parser->length)
    {
      syntax_error (parser, parser->pos, _("expected a value"));
      return NULL;
    }

  switch (parser->data[parser->pos])
    {
    case '{':
      {
        JsonObject *object = parse_object (parser, depth + 1);
        JsonNode *node;

        if (object == NULL)
          return NULL;
        node = json_node_init (json_node_alloc (), JSON_NODE_OBJECT);
        json_node_take_object (node, object);
        return node;
      }

    case '[':
      {
        JsonArray *array = parse_array (parser, depth + 1);
        JsonNode *node;

        if (array == NULL)
          return NULL;
        node = json_node_init (json_node_alloc (), JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        return node;
      }

    case '"':
      {
        JsonNode *node;
        gsize offset;

        if (!parse_string (parser, &offset))
          return NULL;
        node = json_node_init_string (json_node_alloc (), parser->scratch + offset);
        parser->scratch_length = offset;
        return node;
      }

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (parser);

    case 't':
      if (!parse_literal (parser, "true", 4))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), TRUE);

    case 'f':
      if (!parse_literal (parser, "false", 5))
        return NULL;
      return json_node_init_boolean (json_node_alloc (), FALSE);

    case 'n':
      if (!parse_literal (parser, "null", 4))
        return NULL;
      return json_node_init_null (json_node_alloc ());

    default:
      syntax_error (parser, parser->pos, _("expected a value"));
      return NULL;
    }
}

/**
 * grant_jose_json_parse_object:
 * @data: (array length=length): the JSON text
 * @length: its length in bytes
 * @what: what the text is, for messages: a sentence's subject marked with N_(), such as
 *   N_("The JWS header"), which is translated only when there is an error to report
 * @error: return location for a #GError
 *
 * Parses @data as one JSON object (RFC 8259), with nothing but JSON whitespace around it.
 * It refuses, with %GRANT_JOSE_ERROR_INVALID_JSON and a message that names @what and the
 * byte: invalid UTF-8, a NUL byte or `\u0000`, a lone surrogate, any other JSON value at the
 * top, text after the object, a duplicate member name in any object (names are compared
 * decoded), a number outside RFC 8259's grammar, and more than 64 levels of objects and
 * arrays. An integer (a number without a fraction or an exponent) beyond 64 bits is refused
 * with %GRANT_JOSE_ERROR_TOO_LARGE, and so is any number beyond a double's range (1e400);
 * other numbers are doubles.
 *
 * Returns: (transfer full): the object, or %NULL with @error set
 */
JsonObject *
grant_jose_json_parse_object (const char  *data,
                              gsize        length,
                              const char  *what,
                              GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  const char *nul;
  gsize invalid;
  Parser parser;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  nul = length > 0 ? memchr (data, '\0', length) : NULL;
  if (nul != NULL)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   _("%s contains a NUL byte (at byte %llu)"),
                   gettext (what), (unsigned long long) (nul - data));
      return NULL;
    }

  if (!validate_utf8 (data, length, &invalid))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   _("%s is not valid UTF-8 (at byte %llu)"), gettext (what),
                   (unsigned long long) invalid);
      return NULL;
    }

  parser.data = data;
  parser.length = length;
  parser.pos = 0;
  parser.what = what;
  parser.error = error;
  parser.scratch = parser.scratch_inline;
  parser.scratch_length = 0;
  parser.scratch_capacity = sizeof parser.scratch_inline;

  skip_whitespace (&parser);
  if (!at_char (&parser, '{'))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   _("%s is not a JSON object"), gettext (what));
      return NULL;
    }

  object = parse_object (&parser, 1);
  if (parser.scratch != parser.scratch_inline)
    g_free (parser.scratch);
  if (object == NULL)
    return NULL;

  skip_whitespace (&parser);
  if (parser.pos < length)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   _("%s has more text after its JSON object, at byte %llu"),
                   gettext (what), (unsigned long long) parser.pos);
      return NULL;
    }

  return g_steal_pointer (&object);
}

/**
 * grant_jose_json_get_string:
 * @object: a JSON object
 * @member: the member's name
 * @value: (out) (transfer none): the member's value, or %NULL when it is absent
 * @error: return location for a #GError
 *
 * Reads an optional string member.
 *
 * Returns: %FALSE with @error set when the member is present but not a string
 */
gboolean
grant_jose_json_get_string (JsonObject  *object,
                            const char  *member,
                            const char **value,
                            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   _("The member “%s” must be a string"), member);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

/**
 * grant_jose_json_lookup_string:
 * @object: a JSON object
 * @member: the member's name
 *
 * Returns: (nullable): the member's value when it is a string; %NULL when it is absent or
 *   anything else (for a caller that treats both alike)
 */
const char *
grant_jose_json_lookup_string (JsonObject *object,
                               const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (member != NULL, NULL);

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}
