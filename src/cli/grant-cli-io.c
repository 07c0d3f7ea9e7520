/* grant-cli-io.c
 * What grant-cli subcommands read and print: files, standard input, tokens, and JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "grant-cli-io.h"

static gboolean
is_standard_input (const char *path)
{
  return path == NULL || strcmp (path, "-") == 0;
}

/**
 * grant_cli_read_input:
 * @path: (nullable): a file name, or "-" or %NULL for standard input
 * @error: return location for a #GError
 *
 * Reads a whole text input of at most %GRANT_CLI_INPUT_MAX_SIZE bytes. Larger input, and
 * input with a NUL byte (which no token, key or JSON text has), is refused with a message
 * that names it.
 *
 * Returns: (transfer full): the text, nul-terminated, or %NULL with @error set
 */
char *
grant_cli_read_input (const char  *path,
                      GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  FILE *stream;
  char buffer[16 * 1024];
  gsize n;
  int saved_errno = 0;

  if (is_standard_input (path))
    {
      name = g_strdup (_("standard input"));
      stream = stdin;
    }
  else
    {
      name = g_strdup_printf ("“%s”", path);
      stream = fopen (path, "rb");
      if (stream == NULL)
        {
          saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not open %s: %s"), name, g_strerror (saved_errno));
          return NULL;
        }
    }

  while ((n = fread (buffer, 1, sizeof buffer, stream)) > 0)
    {
      if (text->len + n > GRANT_CLI_INPUT_MAX_SIZE)
        break;
      g_string_append_len (text, buffer, n);
    }
  if (ferror (stream))
    saved_errno = errno != 0 ? errno : EIO;

  if (stream != stdin)
    fclose (stream);

  if (saved_errno != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read %s: %s"), name, g_strerror (saved_errno));
      return NULL;
    }
  if (n > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("%s is larger than %d bytes, the most grant-cli reads"), name,
                   GRANT_CLI_INPUT_MAX_SIZE);
      return NULL;
    }
  if (memchr (text->str, '\0', text->len) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s has a NUL byte at offset %u; it is not text"), name,
                   (guint) ((const char *) memchr (text->str, '\0', text->len) - text->str));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * grant_cli_read_token:
 * @argument: (nullable): the token itself, or "-" or %NULL to read it from standard input
 * @error: return location for a #GError
 *
 * Gets a token from the command line or standard input. One trailing newline ("\n" or
 * "\r\n") is removed, since `echo` and editors add it; anything else is kept, so that the
 * parser can say what is wrong with it.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
char *
grant_cli_read_token (const char  *argument,
                      GError     **error)
{
  char *token;
  gsize length;

  if (!is_standard_input (argument))
    return g_strdup (argument);

  token = grant_cli_read_input (NULL, error);
  if (token == NULL)
    return NULL;

  length = strlen (token);
  if (length > 0 && token[length - 1] == '\n')
    {
      token[--length] = '\0';
      if (length > 0 && token[length - 1] == '\r')
        token[--length] = '\0';
    }

  return token;
}

/**
 * grant_cli_add_headers:
 * @request: the request the headers go on
 * @headers: (nullable) (array zero-terminated=1): `--header` arguments, each "Name: value"
 * @authorization_refused: (nullable): why an Authorization header is refused, or %NULL to
 *   take it (as a secret, which the log and HAR hide)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every header was set, %FALSE with @error set at the first that is
 *   not "Name: value" or that is a refused Authorization header
 */
gboolean
grant_cli_add_headers (GrantHttpRequest  *request,
                       char             **headers,
                       const char        *authorization_refused,
                       GError           **error)
{
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      const char *colon = strchr (headers[i], ':');
      g_autofree char *name = NULL;
      gboolean authorization;

      if (colon == NULL || colon == headers[i])
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a header: write it as “Name: value”"), headers[i]);
          return FALSE;
        }
      name = g_strstrip (g_strndup (headers[i], colon - headers[i]));
      authorization = g_ascii_strcasecmp (name, "Authorization") == 0;
      if (authorization && authorization_refused != NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               authorization_refused);
          return FALSE;
        }
      grant_http_request_set_header (request, name, g_strchug ((char *) colon + 1),
                                     authorization);
    }

  return TRUE;
}

/**
 * grant_cli_print_json:
 * @object: what to print
 *
 * Prints @object as indented JSON on standard output, for scripts (`--json`).
 */
void
grant_cli_print_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, TRUE);
  g_print ("%s\n", text);
}

/**
 * grant_cli_print_json_error:
 * @message: what went wrong
 *
 * Prints `{"error": message}`, so that a script reading `--json` gets JSON on failure too.
 */
void
grant_cli_print_json_error (const char *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", message);
  grant_cli_print_json (object);
}

/**
 * grant_cli_print_json_lines:
 * @node: JSON from a token, a file or a server
 * @indent: what to put before each line
 *
 * Prints @node as indented JSON for people, each line made safe for the terminal with
 * grant_cli_printable().
 */
void
grant_cli_print_json_lines (JsonNode   *node,
                            const char *indent)
{
  g_autofree char *text = json_to_string (node, TRUE);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *printable = grant_cli_printable (lines[i]);

      g_print ("%s%s\n", indent, printable);
    }
}

/**
 * grant_cli_usage_error:
 * @command: the subcommand, such as “jwt verify”
 * @format: what was wrong, printf-style
 * @...: the arguments of @format
 *
 * Says on standard error what was wrong with the command line, and how to get help.
 *
 * Returns: %GRANT_CLI_EXIT_USAGE
 */
GrantCliExit
grant_cli_usage_error (const char *command,
                       const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("grant-cli %s: %s\n", command, message);
  g_printerr (_("Run “grant-cli %s --help” to see its options.\n"), command);

  return GRANT_CLI_EXIT_USAGE;
}

/**
 * grant_cli_input_error:
 * @command: the subcommand, such as “jwt verify”
 * @json: whether the user asked for JSON
 * @message: what was wrong with the input
 *
 * Says what was wrong with a file, standard input or a value given: on standard error, and
 * with @json also as `{"error": …}` on standard output.
 *
 * Returns: %GRANT_CLI_EXIT_USAGE
 */
GrantCliExit
grant_cli_input_error (const char *command,
                       gboolean    json,
                       const char *message)
{
  g_autofree char *printable = grant_cli_printable (message);

  if (json)
    grant_cli_print_json_error (message);
  g_printerr ("grant-cli %s: %s\n", command, printable);

  return GRANT_CLI_EXIT_USAGE;
}

/* A verb's command is named "COMMAND VERB"; this is the VERB. */
static const char *
verb_name (const GrantCliCommand *verb)
{
  const char *space = strchr (verb->name, ' ');

  return space != NULL ? space + 1 : verb->name;
}

static void
print_verbs (FILE                          *stream,
             const char                    *command,
             const GrantCliCommand * const *verbs,
             guint                          n_verbs)
{
  fprintf (stream, _("Usage:\n  grant-cli %s VERB [OPTION…]\n\nVerbs:\n"), command);
  for (guint i = 0; i < n_verbs; i++)
    fprintf (stream, "  %-12s %s\n", verb_name (verbs[i]), _(verbs[i]->summary));
  fprintf (stream, _("\nRun “grant-cli %s VERB --help” for a verb’s options.\n"), command);
}

/**
 * grant_cli_run_verb:
 * @command: the command, such as “jwt”
 * @verbs: (array length=n_verbs): its verbs, each named “COMMAND VERB”
 * @n_verbs: how many there are
 * @argc: the number of arguments
 * @argv: the arguments, @argv[0] being @command
 *
 * Runs the verb that @argv[1] names, with the arguments after @command, or lists the verbs
 * for --help (and on standard error when there is no verb).
 *
 * Returns: the verb's exit status, or %GRANT_CLI_EXIT_USAGE without a known verb
 */
GrantCliExit
grant_cli_run_verb (const char                    *command,
                    const GrantCliCommand * const *verbs,
                    guint                          n_verbs,
                    int                            argc,
                    char                         **argv)
{
  g_autofree char *printable = NULL;

  if (argc < 2)
    {
      print_verbs (stderr, command, verbs, n_verbs);
      return GRANT_CLI_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_verbs (stdout, command, verbs, n_verbs);
      return GRANT_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n_verbs; i++)
    {
      if (strcmp (argv[1], verb_name (verbs[i])) == 0)
        return verbs[i]->run (argc - 1, argv + 1);
    }

  printable = grant_cli_printable (argv[1]);

  return grant_cli_usage_error (command, _("“%s” is not a verb of “grant-cli %s”"), printable,
                                command);
}
