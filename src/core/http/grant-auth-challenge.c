/* grant-auth-challenge.c
 * One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1): its scheme and parameters.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header is a comma-separated list of challenges, each a scheme followed either by a
 * token68 or by a comma-separated list of name=value parameters, the values tokens or quoted
 * strings (RFC 9110 §11.2, §5.6). Commas thus separate both challenges and parameters: a
 * token followed by "=" continues the current challenge, any other token starts the next one
 * ("Bearer error=\"invalid_token\", DPoP algs=\"ES256\"" is two challenges, RFC 9449 §7.2).
 *
 * The header comes from a server that may be wrong or hostile, so the parser is one linear
 * pass that refuses what the grammar does not allow, with the offset where it went wrong: an
 * unclosed quote, a control character, a parameter named twice in one challenge (§11.2), a
 * header larger than GRANT_AUTH_CHALLENGE_MAX_HEADER or with more challenges than
 * GRANT_AUTH_CHALLENGE_MAX_CHALLENGES.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "grant-auth-challenge.h"

struct _GrantAuthChallenge
{
  GObject    parent_instance;

  char      *scheme;
  char      *token68;
  GPtrArray *names;
  GPtrArray *values;
};

G_DEFINE_FINAL_TYPE (GrantAuthChallenge, grant_auth_challenge, G_TYPE_OBJECT)

static void
grant_auth_challenge_finalize (GObject *object)
{
  GrantAuthChallenge *self = (GrantAuthChallenge *)object;

  g_clear_pointer (&self->scheme, g_free);
  g_clear_pointer (&self->token68, g_free);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (grant_auth_challenge_parent_class)->finalize (object);
}

static void
grant_auth_challenge_class_init (GrantAuthChallengeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grant_auth_challenge_finalize;
}

static void
grant_auth_challenge_init (GrantAuthChallenge *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (g_free);
}

/* Parsing ---------------------------------------------------------------------------------- */

typedef struct
{
  const char *text;
  gsize       length;
  gsize       pos;
} Scanner;

/* tchar (RFC 9110 §5.6.2) */
static gboolean
is_tchar (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

/* token68 (RFC 9110 §11.2), without its trailing "=" */
static gboolean
is_token68_char (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-._~+/", c) != NULL);
}

static gboolean
at_end (const Scanner *s)
{
  return s->pos >= s->length;
}

static guchar
peek (const Scanner *s)
{
  return at_end (s) ? '\0' : (guchar) s->text[s->pos];
}

static void
skip_ows (Scanner *s)
{
  while (!at_end (s) && (peek (s) == ' ' || peek (s) == '\t'))
    s->pos++;
}

static gsize
scan_token (Scanner *s)
{
  gsize start = s->pos;

  while (!at_end (s) && is_tchar (peek (s)))
    s->pos++;

  return s->pos - start;
}

/* What was found at the scanner, for an error message: the character, or its code. */
static char *
describe_found (const Scanner *s)
{
  guchar c = peek (s);

  if (at_end (s))
    /* Translators: what the parser found, in “expected …, found the end of the header” */
    return g_strdup (_("the end of the header"));
  if (g_ascii_isgraph (c))
    return g_strdup_printf ("“%c”", c);

  /* Translators: what the parser found, in “expected …, found the byte 0x07” */
  return g_strdup_printf (_("the byte 0x%02x"), c);
}

static gboolean
fail_at (const Scanner  *s,
         GError        **error,
         const char     *expected)
{
  g_autofree char *found = describe_found (s);

  /* Translators: %llu is a byte offset; the first %s says what the parser expected, such
   * as “a parameter name”, the second what it found */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The WWW-Authenticate header is malformed at offset %llu: expected %s, found %s"),
               (unsigned long long) s->pos, expected, found);

  return FALSE;
}

/* quoted-string (RFC 9110 §5.6.4), at its opening quote; the value without quotes and with
 * its quoted-pairs undone. */
static char *
read_quoted (Scanner  *s,
             GError  **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  gsize start = s->pos;

  s->pos++;
  while (!at_end (s))
    {
      guchar c = peek (s);

      if (c == '"')
        {
          s->pos++;
          return g_string_free (g_steal_pointer (&value), FALSE);
        }
      if (c == '\\')
        {
          s->pos++;
          if (at_end (s))
            break;
          c = peek (s);
        }
      /* qdtext and quoted-pair: HTAB, SP, VCHAR, obs-text; never a control character. */
      if (c != '\t' && (c < 0x20 || c == 0x7f))
        {
          fail_at (s, error, _("a printable character inside a quoted string"));
          return NULL;
        }
      g_string_append_c (value, (char) c);
      s->pos++;
    }

  /* Translators: %llu is a byte offset */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The WWW-Authenticate header is malformed: the quoted string that starts at "
                 "offset %llu is not closed"), (unsigned long long) start);

  return NULL;
}

/* auth-param: token BWS "=" BWS ( token / quoted-string ), then the end of the list element. */
static gboolean
parse_param (Scanner             *s,
             GrantAuthChallenge  *challenge,
             GError             **error)
{
  gsize name_start = s->pos;
  gsize name_length = scan_token (s);
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  if (name_length == 0)
    return fail_at (s, error, _("a parameter name"));
  name = g_strndup (s->text + name_start, name_length);

  skip_ows (s);
  if (peek (s) != '=')
    return fail_at (s, error, _("“=” after a parameter name"));
  s->pos++;
  skip_ows (s);

  if (peek (s) == '"')
    {
      value = read_quoted (s, error);
      if (value == NULL)
        return FALSE;
    }
  else
    {
      gsize value_start = s->pos;
      gsize value_length = scan_token (s);

      if (value_length == 0)
        return fail_at (s, error, _("a token or a quoted string as the parameter's value"));
      value = g_strndup (s->text + value_start, value_length);
    }

  if (grant_auth_challenge_lookup (challenge, name) != NULL)
    {
      /* Translators: the first %s is an authentication scheme such as Bearer, the second a
       * parameter name; %llu is a byte offset */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The WWW-Authenticate header is malformed: its %s challenge names the "
                     "parameter “%s” twice (offset %llu)"), challenge->scheme, name,
                   (unsigned long long) name_start);
      return FALSE;
    }

  skip_ows (s);
  if (!at_end (s) && peek (s) != ',')
    return fail_at (s, error, _("“,” or the end of the header after a parameter"));

  g_ptr_array_add (challenge->names, g_steal_pointer (&name));
  g_ptr_array_add (challenge->values, g_steal_pointer (&value));

  return TRUE;
}

/* After the scheme and its spaces: a token68 if that is the whole list element. */
static gboolean
read_token68 (Scanner            *s,
              GrantAuthChallenge *challenge)
{
  gsize start = s->pos;
  gsize end;

  while (!at_end (s) && is_token68_char (peek (s)))
    s->pos++;
  if (s->pos == start)
    return FALSE;
  while (peek (s) == '=')
    s->pos++;
  end = s->pos;
  skip_ows (s);

  if (!at_end (s) && peek (s) != ',')
    {
      s->pos = start;
      return FALSE;
    }

  challenge->token68 = g_strndup (s->text + start, end - start);

  return TRUE;
}

/**
 * grant_auth_challenge_parse:
 * @header: a WWW-Authenticate (or Proxy-Authenticate) field value; several fields of one
 *   response joined with ", ", as libsoup does
 * @length: its length, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Reads every challenge of the header, in order. A header that the grammar does not allow
 * fails with %G_IO_ERROR_INVALID_DATA and the offset; one larger than
 * %GRANT_AUTH_CHALLENGE_MAX_HEADER bytes or holding more than
 * %GRANT_AUTH_CHALLENGE_MAX_CHALLENGES challenges fails with
 * %G_IO_ERROR_MESSAGE_TOO_LARGE. An empty header has no challenges.
 *
 * Returns: (transfer container) (element-type GrantAuthChallenge): the challenges, or %NULL
 *   with @error set
 */
GPtrArray *
grant_auth_challenge_parse (const char  *header,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(GPtrArray) challenges = g_ptr_array_new_with_free_func (g_object_unref);
  GrantAuthChallenge *current = NULL;
  Scanner s = { header, 0, 0 };

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s.length = length < 0 ? strlen (header) : (gsize) length;
  if (s.length > GRANT_AUTH_CHALLENGE_MAX_HEADER)
    {
      /* Translators: %llu is the header's length in bytes, %u the most Grant reads */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The WWW-Authenticate header is %llu bytes long, more than the %u that "
                     "Grant reads"), (unsigned long long) s.length,
                   GRANT_AUTH_CHALLENGE_MAX_HEADER);
      return NULL;
    }

  for (;;)
    {
      gsize start;
      gsize token_length;

      /* List elements may be empty: ", ," between them is allowed (RFC 9110 §5.6.1). */
      while (!at_end (&s) && (peek (&s) == ',' || peek (&s) == ' ' || peek (&s) == '\t'))
        s.pos++;
      if (at_end (&s))
        break;

      start = s.pos;
      token_length = scan_token (&s);
      if (token_length == 0)
        {
          fail_at (&s, error, _("an authentication scheme or a parameter"));
          return NULL;
        }

      /* A token followed by "=" is a parameter of the challenge before it. */
      skip_ows (&s);
      if (peek (&s) == '=')
        {
          s.pos = start;
          if (current == NULL)
            {
              fail_at (&s, error, _("an authentication scheme before any parameter"));
              return NULL;
            }
          if (current->token68 != NULL)
            {
              fail_at (&s, error, _("a new challenge after a token68"));
              return NULL;
            }
          if (!parse_param (&s, current, error))
            return NULL;
          continue;
        }

      /* Otherwise it is the scheme of a new challenge. */
      if (challenges->len == GRANT_AUTH_CHALLENGE_MAX_CHALLENGES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("The WWW-Authenticate header has more than the %u challenges that "
                         "Grant reads"), GRANT_AUTH_CHALLENGE_MAX_CHALLENGES);
          return NULL;
        }
      current = g_object_new (GRANT_TYPE_AUTH_CHALLENGE, NULL);
      current->scheme = g_strndup (s.text + start, token_length);
      g_ptr_array_add (challenges, current);

      if (at_end (&s) || peek (&s) == ',')
        continue;
      if (s.pos == start + token_length)
        {
          fail_at (&s, error, _("a space after the authentication scheme"));
          return NULL;
        }
      if (!read_token68 (&s, current) && !parse_param (&s, current, error))
        return NULL;
    }

  return g_steal_pointer (&challenges);
}

/**
 * grant_auth_challenge_find:
 * @challenges: (element-type GrantAuthChallenge): challenges from grant_auth_challenge_parse()
 * @scheme: an authentication scheme, such as "Bearer" or "DPoP"
 *
 * Returns: (transfer none) (nullable): the first challenge of that scheme, compared without
 *   regard to case (RFC 9110 §11.1)
 */
GrantAuthChallenge *
grant_auth_challenge_find (GPtrArray  *challenges,
                           const char *scheme)
{
  g_return_val_if_fail (challenges != NULL, NULL);
  g_return_val_if_fail (scheme != NULL, NULL);

  for (guint i = 0; i < challenges->len; i++)
    if (grant_auth_challenge_is_scheme (g_ptr_array_index (challenges, i), scheme))
      return g_ptr_array_index (challenges, i);

  return NULL;
}

const char *
grant_auth_challenge_get_scheme (GrantAuthChallenge *self)
{
  g_return_val_if_fail (GRANT_IS_AUTH_CHALLENGE (self), NULL);

  return self->scheme;
}

/**
 * grant_auth_challenge_is_scheme:
 * @self: a #GrantAuthChallenge
 * @scheme: an authentication scheme
 *
 * Returns: whether the challenge is of @scheme, which is case-insensitive
 */
gboolean
grant_auth_challenge_is_scheme (GrantAuthChallenge *self,
                                const char         *scheme)
{
  g_return_val_if_fail (GRANT_IS_AUTH_CHALLENGE (self), FALSE);
  g_return_val_if_fail (scheme != NULL, FALSE);

  return g_ascii_strcasecmp (self->scheme, scheme) == 0;
}

/**
 * grant_auth_challenge_get_token68:
 * @self: a #GrantAuthChallenge
 *
 * Returns: (nullable): the token68 that follows the scheme, if it has one instead of
 *   parameters
 */
const char *
grant_auth_challenge_get_token68 (GrantAuthChallenge *self)
{
  g_return_val_if_fail (GRANT_IS_AUTH_CHALLENGE (self), NULL);

  return self->token68;
}

guint
grant_auth_challenge_get_n_params (GrantAuthChallenge *self)
{
  g_return_val_if_fail (GRANT_IS_AUTH_CHALLENGE (self), 0);

  return self->names->len;
}

/**
 * grant_auth_challenge_get_param_name:
 * @self: a #GrantAuthChallenge
 * @index: a parameter's position, less than grant_auth_challenge_get_n_params()
 *
 * Returns: the parameter's name, as the server wrote it
 */
const char *
grant_auth_challenge_get_param_name (GrantAuthChallenge *self,
                                     guint               index)
{
  g_return_val_if_fail (GRANT_IS_AUTH_CHALLENGE (self), NULL);
  g_return_val_if_fail (index < self->names->len, NULL);

  return g_ptr_array_index (self->names, index);
}

/**
 * grant_auth_challenge_get_param_value:
 * @self: a #GrantAuthChallenge
 * @index: a parameter's position, less than grant_auth_challenge_get_n_params()
 *
 * Returns: the parameter's value, without quotes and with quoted-pairs undone
 */
const char *
grant_auth_challenge_get_param_value (GrantAuthChallenge *self,
                                      guint               index)
{
  g_return_val_if_fail (GRANT_IS_AUTH_CHALLENGE (self), NULL);
  g_return_val_if_fail (index < self->values->len, NULL);

  return g_ptr_array_index (self->values, index);
}

/**
 * grant_auth_challenge_lookup:
 * @self: a #GrantAuthChallenge
 * @name: a parameter name, such as "error" or "scope"; case-insensitive (RFC 9110 §11.2)
 *
 * Returns: (nullable): the parameter's value
 */
const char *
grant_auth_challenge_lookup (GrantAuthChallenge *self,
                             const char         *name)
{
  g_return_val_if_fail (GRANT_IS_AUTH_CHALLENGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->names, i), name) == 0)
      return g_ptr_array_index (self->values, i);

  return NULL;
}
