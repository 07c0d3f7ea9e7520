/* grant-practice-http.c
 * How the practice provider's endpoints read requests and write answers: JSON, OAuth errors,
 * HTML pages, forms and client authentication.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <openssl/crypto.h>
#include <string.h>

#include "grant-practice-http.h"

/* A page's look: plain, legible on a projector, in light and dark. */
static const char page_style[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;max-width:34em;margin:3em auto;"
  "padding:0 1em;line-height:1.5;color:#241f31;background:#fafafa}"
  "@media (prefers-color-scheme:dark){body{color:#fff;background:#242424}}"
  "h1{font-size:1.6em;margin-bottom:.2em}p.note{opacity:.7;font-size:.9em}"
  "button{font:inherit;padding:.5em 1.2em;margin:.3em .3em .3em 0;border-radius:6px;"
  "border:1px solid #9a9996;background:#fff;color:#241f31;cursor:pointer}"
  "button.suggested{background:#3584e4;border-color:#1c71d8;color:#fff}"
  "button.destructive{background:#e01b24;border-color:#c01c28;color:#fff}"
  "input{font:inherit;padding:.4em;letter-spacing:.1em;text-transform:uppercase}"
  "ul{padding-left:1.2em}code{font-family:monospace}";

/**
 * grant_practice_http_send_text:
 * @msg: the request
 * @status: the HTTP status
 * @content_type: the answer's media type
 * @text: the answer
 *
 * Every answer is marked not to be cached: they carry tokens, codes or pages about them.
 */
void
grant_practice_http_send_text (SoupServerMessage *msg,
                               guint              status,
                               const char        *content_type,
                               const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

/**
 * grant_practice_http_send_json:
 * @msg: the request
 * @status: the HTTP status
 * @object: the answer
 */
void
grant_practice_http_send_json (SoupServerMessage *msg,
                               guint              status,
                               JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  grant_practice_http_send_text (msg, status, "application/json", text);
}

/**
 * grant_practice_http_send_oauth_error:
 * @msg: the request
 * @status: the HTTP status, 400 for most errors (RFC 6749 §5.2)
 * @error: the error code, e.g. "invalid_grant"
 * @description: (nullable): what went wrong, in words
 */
void
grant_practice_http_send_oauth_error (SoupServerMessage *msg,
                                      guint              status,
                                      const char        *error,
                                      const char        *description)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *ascii = description != NULL
                           ? grant_practice_http_describe_error (description) : NULL;

  json_object_set_string_member (object, "error", error);
  if (ascii != NULL)
    json_object_set_string_member (object, "error_description", ascii);
  grant_practice_http_send_json (msg, status, object);
}

/**
 * grant_practice_http_describe_error:
 * @description: what went wrong, in words, as the provider's messages write it (and the core's,
 *   which may be translated)
 *
 * RFC 6749 §4.1.2.1 and §5.2 and RFC 6750 §3 allow an error_description the printable ASCII
 * characters but '"' and '\\' only: the section sign is spelled out, the rest transliterated
 * (g_str_to_ascii()), quotes become apostrophes, and whatever is left becomes '?'.
 *
 * Returns: (transfer full): @description as an error_description
 */
char *
grant_practice_http_describe_error (const char *description)
{
  g_autofree char *valid = g_utf8_make_valid (description, -1);
  g_autoptr(GString) spelled = g_string_new (valid);
  g_autofree char *ascii = NULL;

  g_string_replace (spelled, "§", "section ", 0);
  g_string_replace (spelled, "→", "->", 0);
  ascii = g_str_to_ascii (spelled->str, NULL);
  for (char *p = ascii; *p != '\0'; p++)
    if (*p == '"')
      *p = '\'';
    else if (*p == '\\' || *p < 0x20 || *p > 0x7E)
      *p = '?';

  return g_steal_pointer (&ascii);
}

/**
 * grant_practice_http_format:
 * @format: a translated sentence, plain text, a printf() format
 * @...: its arguments, HTML already escaped where it needs to be (`<strong>alice</strong>`)
 *
 * Formats a page's sentence: the translation is escaped, so that it can hold no markup, and
 * the arguments bring theirs.
 *
 * Returns: (transfer full): HTML
 */
char *
grant_practice_http_format (const char *format,
                            ...)
{
  g_autofree char *escaped = g_markup_escape_text (format, -1);
  va_list args;
  char *html;

  va_start (args, format);
  html = g_strdup_vprintf (escaped, args);
  va_end (args);

  return html;
}

/**
 * grant_practice_http_send_page:
 * @msg: the request
 * @status: the HTTP status
 * @title: the page's title, plain text
 * @body_html: the page's content, HTML already escaped where it needs to be
 *
 * Sends a page in the language Grant runs in: the practice provider is for the person at
 * this computer (or the instructor's class), not a server with visitors of its own.
 */
void
grant_practice_http_send_page (SoupServerMessage *msg,
                               guint              status,
                               const char        *title,
                               const char        *body_html)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *head_title = grant_practice_http_format (_("%s · Practice Provider"), escaped);
  g_autofree char *note = g_markup_escape_text (_("Grant's practice provider: demo users, demo "
                                                  "keys, nothing real."), -1);
  g_autofree char *page = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  page = g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%s</title><style>%s</style></head>"
                          "<body><h1>%s</h1>%s<p class=\"note\">%s</p></body></html>\n",
                          /* Translators: the language of your translation, as HTML's lang
                           * attribute names it (“de”, “pt-BR”). */
                          C_("html", "en"), head_title, page_style, escaped, body_html, note);
  /* The pages hold forms that act on the user's behalf: no framing, no scripts. There is no
   * form-action: browsers apply it to the redirect that follows the consent form, which goes
   * to the client's redirect URI on another origin. */
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; "
                                "frame-ancestors 'none'");
  grant_practice_http_send_text (msg, status, "text/html; charset=utf-8", page);
}

/**
 * grant_practice_http_redirect:
 * @msg: the request
 * @location: where to go
 *
 * A 303, so that the browser follows a form's POST with a GET.
 */
void
grant_practice_http_redirect (SoupServerMessage *msg,
                              const char        *location)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
  grant_practice_http_send_text (msg, SOUP_STATUS_SEE_OTHER, "text/plain", "");
}

/**
 * grant_practice_http_require_post_form:
 * @msg: the request
 *
 * Answers 405 or 400 when @msg is not a POST with a form body.
 *
 * Returns: whether @msg is a form POST
 */
gboolean
grant_practice_http_require_post_form (SoupServerMessage *msg)
{
  const char *content_type;

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_POST) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "POST");
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED,
                                            "invalid_request", "This endpoint takes POST only.");
      return FALSE;
    }

  content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                        NULL);
  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") != 0)
    {
      grant_practice_http_send_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request",
                                            "The body must be application/x-www-form-urlencoded "
                                            "(RFC 6749 §3.2).");
      return FALSE;
    }

  return TRUE;
}

/**
 * grant_practice_http_read_form:
 * @msg: the request
 * @query: (nullable): the query, for a GET
 *
 * Returns: (transfer full): the parameters of a GET's query or a POST's form body
 */
GHashTable *
grant_practice_http_read_form (SoupServerMessage *msg,
                               GHashTable        *query)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_POST) == 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      return soup_form_decode (text);
    }

  if (query != NULL)
    return g_hash_table_ref (query);

  return g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
secret_matches (const char *given,
                const char *expected)
{
  size_t length = strlen (expected);

  return strlen (given) == length && CRYPTO_memcmp (given, expected, length) == 0;
}

static const GrantPracticeClient *
refuse_client (SoupServerMessage *msg,
               gboolean           basic,
               const char        *description)
{
  /* RFC 6749 §5.2: a client that tried the Authorization header gets 401 and a challenge. */
  if (basic)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Basic realm=\"practice\"");
  grant_practice_http_send_oauth_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                                        description);
  return NULL;
}

/**
 * grant_practice_http_authenticate_client:
 * @msg: a request to the token, introspection, revocation or device authorization endpoint
 * @form: its form
 *
 * Authenticates a confidential client by client_secret_basic or client_secret_post, and
 * identifies a public one by its client_id. On failure it answers with invalid_client.
 *
 * Returns: (nullable): the client, or %NULL after answering
 */
const GrantPracticeClient *
grant_practice_http_authenticate_client (SoupServerMessage *msg,
                                         GHashTable        *form)
{
  const char *authorization;
  const char *form_client_id = g_hash_table_lookup (form, "client_id");
  const char *form_secret = g_hash_table_lookup (form, "client_secret");
  const GrantPracticeClient *client;

  authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "Authorization");
  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Basic ", 6) == 0)
    {
      g_autofree guchar *decoded = NULL;
      g_autofree char *text = NULL;
      g_autofree char *client_id = NULL;
      g_autofree char *secret = NULL;
      gsize length = 0;
      char *colon;

      if (form_secret != NULL)
        return refuse_client (msg, TRUE, "The client used more than one authentication "
                                         "method (RFC 6749 §2.3).");

      decoded = g_base64_decode (authorization + 6, &length);
      text = g_strndup ((const char *) decoded, length);
      colon = strchr (text, ':');
      if (colon == NULL)
        return refuse_client (msg, TRUE, "The Basic credentials have no colon.");
      *colon = '\0';
      /* RFC 6749 §2.3.1: both halves are form-encoded first. */
      client_id = g_uri_unescape_string (text, NULL);
      secret = g_uri_unescape_string (colon + 1, NULL);
      if (client_id == NULL || secret == NULL)
        return refuse_client (msg, TRUE, "The Basic credentials are not form-encoded.");
      if (form_client_id != NULL && strcmp (form_client_id, client_id) != 0)
        return refuse_client (msg, TRUE, "The client_id in the form is not the one in the "
                                         "Authorization header.");

      client = grant_practice_directory_find_client (client_id);
      if (client == NULL || client->client_secret == NULL
          || !secret_matches (secret, client->client_secret))
        return refuse_client (msg, TRUE, "Unknown client or wrong client secret.");
      return client;
    }

  if (form_client_id == NULL)
    return refuse_client (msg, FALSE, "The request names no client: give client_id, or "
                                      "authenticate with HTTP Basic.");

  client = grant_practice_directory_find_client (form_client_id);
  if (client == NULL)
    return refuse_client (msg, FALSE, "Unknown client.");

  if (client->client_secret == NULL)
    {
      if (form_secret != NULL)
        return refuse_client (msg, FALSE, "This is a public client: it has no secret.");
      return client;
    }

  if (form_secret == NULL)
    return refuse_client (msg, FALSE, "This confidential client must authenticate "
                                      "(client_secret_basic or client_secret_post).");
  if (!secret_matches (form_secret, client->client_secret))
    return refuse_client (msg, FALSE, "Wrong client secret.");

  return client;
}
