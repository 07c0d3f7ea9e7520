/* grant-jose-json.c
 * Strict JSON for JOSE: objects only, valid UTF-8, no duplicate members (RFC 7515 §5.2).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib keeps the last of two members with the same name without a word. A JOSE header
 * with two "alg" members must be refused instead (RFC 7515 §5.2 step 4, RFC 7519 §7.2): one
 * reader could honour the first and another the last. JsonParser announces every member it
 * adds with ::object-member, which is where we count them.
 */

#include "config.h"

#include <string.h>

#include "grant-jose-error.h"
#include "grant-jose-json.h"

typedef struct
{
  GHashTable *seen;        /* "object pointer:name" of every member parsed */
  char       *duplicate;   /* the first duplicate name */
} Members;

static void
object_member_cb (JsonParser *parser,
                  JsonObject *object,
                  const char *name,
                  gpointer    user_data)
{
  Members *members = user_data;
  char *key;

  if (members->duplicate != NULL)
    return;

  key = g_strdup_printf ("%p:%s", (gpointer) object, name);
  if (!g_hash_table_add (members->seen, key))
    members->duplicate = g_strdup (name);
}

/* json-glib 1.6 reads an integer beyond 64 bits without complaint and wraps it: 2^64 - 1
 * becomes -1, and -(2^64 - 1700000000) becomes 1700000000, a plausible "exp". Such integers
 * are found in the text before anyone trusts the parsed values. @data is valid JSON already,
 * so a string is the only place a digit or '-' can stand outside a number. */
static gboolean
check_integers (const char  *data,
                gsize        length,
                const char  *what,
                GError     **error)
{
  gsize i = 0;

  while (i < length)
    {
      gsize start, digits, end;
      gboolean negative;
      const char *limit;

      if (data[i] == '"')
        {
          for (i++; i < length && data[i] != '"'; i++)
            {
              if (data[i] == '\\')
                i++;
            }
          i++;
          continue;
        }

      if (data[i] != '-' && !g_ascii_isdigit (data[i]))
        {
          i++;
          continue;
        }

      start = i;
      negative = data[i] == '-';
      if (negative)
        i++;
      while (i + 1 < length && data[i] == '0' && g_ascii_isdigit (data[i + 1]))
        i++;
      digits = i;
      while (i < length && g_ascii_isdigit (data[i]))
        i++;
      end = i;

      /* A fraction or an exponent makes json-glib read a double, which does not wrap. */
      if (i < length && (data[i] == '.' || data[i] == 'e' || data[i] == 'E'))
        {
          while (i < length && (g_ascii_isdigit (data[i]) || strchr (".eE+-", data[i]) != NULL))
            i++;
          continue;
        }

      limit = negative ? "9223372036854775808" : "9223372036854775807";
      if (end - digits > 19 || (end - digits == 19 && memcmp (data + digits, limit, 19) > 0))
        {
          int shown = (int) MIN (end - start, 40);

          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_TOO_LARGE,
                       "%s has the integer %.*s%s at byte %" G_GSIZE_FORMAT ", beyond the "
                       "64-bit range that Grant can read exactly", what,
                       shown, data + start, (gsize) shown < end - start ? "…" : "", start);
          return FALSE;
        }
    }

  return TRUE;
}

/* json-glib 1.6 stops at the end of the first value and ignores what follows when it starts
 * with '{' or '[' (and leaks what it built of it): `{"alg":"HS256"}{"alg":"none"}` would read
 * as HS256 here and otherwise elsewhere. So the text must be one object and nothing but
 * whitespace after it, which is checked before json-glib sees it. */
static gboolean
check_single_object (const char  *data,
                     gsize        length,
                     const char  *what,
                     GError     **error)
{
  gsize i = 0;
  gsize end = 0;
  guint depth = 0;

  while (i < length && strchr (" \t\n\r", data[i]) != NULL)
    i++;

  if (i == length || data[i] != '{')
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   "%s is not a JSON object", what);
      return FALSE;
    }

  for (; i < length && end == 0; i++)
    {
      switch (data[i])
        {
        case '"':
          for (i++; i < length && data[i] != '"'; i++)
            {
              if (data[i] == '\\')
                i++;
            }
          break;

        case '{':
        case '[':
          depth++;
          break;

        case '}':
        case ']':
          if (depth > 0 && --depth == 0)
            end = i + 1;
          break;

        default:
          break;
        }
    }

  /* An object that never closes is json-glib's to report, with its position. */
  if (end == 0)
    return TRUE;

  for (i = end; i < length; i++)
    {
      if (strchr (" \t\n\r", data[i]) == NULL)
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                       "%s has more text after its JSON object, at byte %" G_GSIZE_FORMAT,
                       what, i);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * grant_jose_json_parse_object:
 * @data: (array length=length): the JSON text
 * @length: its length in bytes
 * @what: what the text is, for messages ("the JWS header")
 * @error: return location for a #GError
 *
 * Parses @data as a JSON object, refusing invalid UTF-8, any other JSON value at the top,
 * a duplicate member name in any object (%GRANT_JOSE_ERROR_INVALID_JSON), and an integer
 * beyond 64 bits, which json-glib would silently wrap (%GRANT_JOSE_ERROR_TOO_LARGE).
 *
 * Returns: (transfer full): the object, or %NULL with @error set
 */
JsonObject *
grant_jose_json_parse_object (const char  *data,
                              gsize        length,
                              const char  *what,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *duplicate = NULL;
  Members members;
  JsonNode *root;
  const char *end;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   "%s is not valid UTF-8 (at byte %" G_GSIZE_FORMAT ")",
                   what, (gsize) (end - data));
      return NULL;
    }

  if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   "%s contains a NUL byte", what);
      return NULL;
    }

  if (!check_single_object (data, length, what, error))
    return NULL;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  members.seen = seen;
  members.duplicate = NULL;

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), &members);

  if (!json_parser_load_from_data (parser, length > 0 ? data : "", length, &local_error))
    {
      g_free (members.duplicate);
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   "%s is not valid JSON: %s", what, local_error->message);
      return NULL;
    }

  duplicate = members.duplicate;
  if (duplicate != NULL)
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   "%s has the member “%s” twice; JOSE forbids duplicate names (RFC 7515 §5.2)",
                   what, duplicate);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_JSON,
                   "%s is not a JSON object", what);
      return NULL;
    }

  if (!check_integers (data, length, what, error))
    return NULL;

  return json_object_ref (json_node_get_object (root));
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
                   "The member “%s” must be a string", member);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}
