/* grant-redaction.c
 * Taking credentials out of what leaves Grant: HAR files, curl commands, copied text.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Grant keeps every secret it saw, marked, so that the user who made a request sees all of
 * it; what leaves the app (a HAR file, a curl command on the clipboard) has the values taken
 * out unless the user opts in. A value is replaced, never dropped, so the shape of the
 * request stays readable: "Authorization: Bearer REDACTED", "code=REDACTED".
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "grant-redaction.h"

/* The names under which OAuth carries credentials: token responses (RFC 6749 §5.1, RFC 8628
 * §3.2, RFC 8693 §2.2.1), the authorization response (RFC 6749 §4.1.2, §4.2.2), token and
 * registration requests (RFC 6749 §2.3.1, §4.3.2, RFC 7521 §4.2, RFC 7636 §4.5, RFC 8693
 * §2.1, RFC 7591 §3.2.1). */
static const char * const secret_names[] = {
  "access_token", "refresh_token", "id_token", "device_code", "client_secret",
  "registration_access_token", "code", "assertion", "client_assertion", "code_verifier",
  "password", "subject_token", "actor_token",
};

/* Headers that always carry credentials. */
static const char * const secret_headers[] = {
  "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "DPoP",
};

/**
 * grant_redaction_is_secret_name:
 * @name: a form field, query parameter or JSON member name
 *
 * Returns: whether OAuth carries credentials under @name (`access_token`, `code`,
 *   `client_secret`…)
 */
gboolean
grant_redaction_is_secret_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (secret_names); i++)
    if (strcmp (secret_names[i], name) == 0)
      return TRUE;

  return FALSE;
}

/**
 * grant_redaction_is_secret_header:
 * @name: a header name
 *
 * Returns: whether the header @name always carries credentials (Authorization, Cookie,
 *   DPoP…)
 */
gboolean
grant_redaction_is_secret_header (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (secret_headers); i++)
    if (g_ascii_strcasecmp (secret_headers[i], name) == 0)
      return TRUE;

  return FALSE;
}

/**
 * grant_redaction_redact_header:
 * @value: the value of a header that carries a credential
 *
 * Returns: (transfer full): @value with the credential replaced, its authentication scheme
 *   kept ("Bearer REDACTED") when it starts with one (RFC 9110 §11.4)
 */
char *
grant_redaction_redact_header (const char *value)
{
  const char *p = value;

  g_return_val_if_fail (value != NULL, NULL);

  /* auth-scheme = token; a token68 or parameters follow after spaces */
  while (*p != '\0' && (g_ascii_isalnum (*p) || strchr ("!#$%&'*+-.^_`|~", *p) != NULL))
    p++;
  if (p > value && *p == ' ')
    return g_strdup_printf ("%.*s " GRANT_REDACTED, (int) (p - value), value);

  return g_strdup (GRANT_REDACTED);
}

/* Appends the parameters of a query or fragment, each secret one's value replaced. */
static void
append_redacted_params (GString             *out,
                        const char          *params,
                        gsize                length,
                        GrantSecretNameFunc  is_secret,
                        gpointer             user_data)
{
  const char *end = params + length;
  const char *p = params;

  while (p <= end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *stop = amp != NULL ? amp : end;
      const char *equals = memchr (p, '=', stop - p);
      g_autofree char *name = NULL;

      if (p > params)
        g_string_append_c (out, '&');

      if (equals != NULL)
        {
          g_autofree char *escaped = g_strndup (p, equals - p);

          name = g_uri_unescape_string (escaped, NULL);
        }
      if (name != NULL && is_secret (name, user_data))
        {
          g_string_append_len (out, p, equals + 1 - p);
          g_string_append (out, GRANT_REDACTED);
        }
      else
        g_string_append_len (out, p, stop - p);

      if (amp == NULL)
        break;
      p = amp + 1;
    }
}

/**
 * grant_redaction_redact_uri:
 * @uri: a URI
 * @is_secret: (scope call): says which parameter names hold secrets
 * @user_data: data for @is_secret
 *
 * Replaces the values of the query and fragment parameters that @is_secret names, such as
 * the `code` of an authorization response or the `access_token` of an implicit one. The rest
 * of @uri is kept byte for byte.
 *
 * Returns: (transfer full): the redacted URI
 */
char *
grant_redaction_redact_uri (const char          *uri,
                            GrantSecretNameFunc  is_secret,
                            gpointer             user_data)
{
  const char *query;
  const char *fragment;
  GString *out;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (is_secret != NULL, NULL);

  fragment = strchr (uri, '#');
  query = memchr (uri, '?', fragment != NULL ? (gsize) (fragment - uri) : strlen (uri));

  out = g_string_new (NULL);
  if (query == NULL)
    g_string_append_len (out, uri, fragment != NULL ? fragment - uri : (gssize) strlen (uri));
  else
    {
      g_string_append_len (out, uri, query + 1 - uri);
      append_redacted_params (out, query + 1,
                              fragment != NULL ? (gsize) (fragment - query - 1) : strlen (query + 1),
                              is_secret, user_data);
    }
  if (fragment != NULL)
    {
      g_string_append_c (out, '#');
      append_redacted_params (out, fragment + 1, strlen (fragment + 1), is_secret, user_data);
    }

  return g_string_free (out, FALSE);
}

/* Returns how many values it replaced. */
static guint
redact_node (JsonNode            *node,
             GrantSecretNameFunc  is_secret,
             gpointer             user_data)
{
  guint redacted = 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      /* The list is the object's own names: set members after walking it, never during. */
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (is_secret (l->data, user_data) && !JSON_NODE_HOLDS_NULL (member))
            {
              json_object_set_string_member (object, l->data, GRANT_REDACTED);
              redacted++;
            }
          else
            redacted += redact_node (member, is_secret, user_data);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redacted += redact_node (json_array_get_element (array, i), is_secret, user_data);
    }

  return redacted;
}

/**
 * grant_redaction_redact_json:
 * @text: JSON text
 * @length: its length in bytes
 * @is_secret: (scope call): says which member names hold secrets
 * @user_data: data for @is_secret
 *
 * Replaces the value of every member, at any depth, that @is_secret names.
 *
 * Returns: (transfer full) (nullable): the redacted JSON, compact; @text as it is when it
 *   holds no secret; %NULL when @text is not JSON
 */
char *
grant_redaction_redact_json (const char          *text,
                             gsize                length,
                             GrantSecretNameFunc  is_secret,
                             gpointer             user_data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  JsonNode *root;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (is_secret != NULL, NULL);

  if (length == 0 || !json_parser_load_from_data (parser, text, length, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (redact_node (root, is_secret, user_data) == 0)
    return g_strndup (text, length);

  generator = json_generator_new ();
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
