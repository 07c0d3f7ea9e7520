/* grant-cli-client.c
 * The provider and client options that token, introspect, revoke and userinfo share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets (the client secret, a password, a refresh token) can come from the command line,
 * but there they are visible to every user of the machine in the process list: an
 * environment variable, a file, or standard input ("-") keeps them out of it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-cli-client.h"
#include "grant-cli-io.h"
#include "grant-jose-error.h"
#include "grant-oauth-error.h"

void
grant_cli_client_options_add (GOptionContext        *context,
                              GrantCliClientOptions *options)
{
  const GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &options->issuer,
      N_("The authorization server's issuer URL (discovery)"), N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &options->client_id,
      N_("The client's ID"), N_("ID") },
    { "client-secret", 0, 0, G_OPTION_ARG_STRING, &options->client_secret,
      N_("The client secret: “-” reads it from standard input, and without this option it "
         "comes from $GRANT_CLIENT_SECRET (on the command line, other users can see it)"),
      N_("SECRET") },
    { "client-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &options->client_secret_file,
      N_("Read the client secret from a file"), N_("FILE") },
    { "auth-method", 0, 0, G_OPTION_ARG_STRING, &options->auth_method,
      N_("token_endpoint_auth_method: none, client_secret_basic, client_secret_post, "
         "client_secret_jwt, private_key_jwt, tls_client_auth, self_signed_tls_client_auth "
         "(default: from the other options)"), N_("METHOD") },
    { "private-key", 0, 0, G_OPTION_ARG_FILENAME, &options->private_key,
      N_("The client's private key for private_key_jwt, PEM or JWK"), N_("FILE") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &options->certificate,
      N_("The client certificate for mutual TLS, PEM"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &options->certificate_key,
      N_("The client certificate's private key, PEM"), N_("FILE") },
    { "redirect-uri", 0, 0, G_OPTION_ARG_STRING, &options->redirect_uri,
      N_("The redirect URI (default http://127.0.0.1/callback, on a port Grant picks)"),
      N_("URI") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &options->scope,
      N_("The scopes to ask for, space-separated"), N_("SCOPE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout,
      N_("Seconds to wait for each answer (default 30)"), N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print JSON, for scripts"), NULL },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("client", _("Provider and client options:"),
                              _("Show the provider and client options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
}

void
grant_cli_client_options_clear (GrantCliClientOptions *options)
{
  g_clear_pointer (&options->issuer, g_free);
  g_clear_pointer (&options->client_id, g_free);
  g_clear_pointer (&options->client_secret, g_free);
  g_clear_pointer (&options->client_secret_file, g_free);
  g_clear_pointer (&options->auth_method, g_free);
  g_clear_pointer (&options->private_key, g_free);
  g_clear_pointer (&options->certificate, g_free);
  g_clear_pointer (&options->certificate_key, g_free);
  g_clear_pointer (&options->redirect_uri, g_free);
  g_clear_pointer (&options->scope, g_free);
}

/**
 * grant_cli_secret:
 * @value: (nullable): the option's value: the secret, or "-" for standard input
 * @environment: the environment variable to fall back to
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the secret, %NULL when none was given (and @error
 *   unset), or %NULL with @error set when standard input could not be read
 */
char *
grant_cli_secret (const char  *value,
                  const char  *environment,
                  GError     **error)
{
  if (value != NULL && strcmp (value, "-") == 0)
    return grant_cli_read_token ("-", error);
  if (value != NULL)
    return g_strdup (value);
  if (g_getenv (environment) != NULL && *g_getenv (environment) != '\0')
    return g_strdup (g_getenv (environment));

  return NULL;
}

/**
 * grant_cli_exchange_log:
 *
 * Returns: (transfer none): the log of every request the commands of this process sent,
 *   which `grant-cli har export` writes out
 */
GrantExchangeLog *
grant_cli_exchange_log (void)
{
  static GrantExchangeLog *log;

  if (log == NULL)
    log = grant_exchange_log_new ();

  return log;
}

/**
 * grant_cli_http_client_new:
 *
 * Returns: (transfer full): an HTTP client that records into grant_cli_exchange_log()
 */
GrantHttpClient *
grant_cli_http_client_new (void)
{
  return grant_http_client_new (grant_cli_exchange_log ());
}

/* A file the user named could not be used: theirs to fix, so a usage error (exit 2). */
static gboolean
input_failed (GError **error,
              GError  *cause)
{
  g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                       cause->message);
  g_error_free (cause);

  return FALSE;
}

static GrantJwk *
load_private_key (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) jwk_error = NULL;
  g_autofree char *data = grant_cli_read_input (path, &jwk_error);
  GrantJwk *key;

  if (data == NULL)
    {
      input_failed (error, g_steal_pointer (&jwk_error));
      return NULL;
    }

  key = grant_jwk_new_private_from_data (data, -1, &jwk_error);
  if (key == NULL)
    g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                 "%s: %s", path, jwk_error->message);

  return key;
}

/**
 * grant_cli_wait:
 * @result: where the callback puts the result
 *
 * Runs the default main context until the call completes.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
grant_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/**
 * grant_cli_result_cb:
 * @object: the source object
 * @result: the result
 * @user_data: a `GAsyncResult **` to put it in, for grant_cli_wait()
 */
void
grant_cli_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * grant_cli_client_setup:
 * @options: the parsed options
 * @http_client: the client to discover with
 * @provider: (out): return location for the provider
 * @client: (out): return location for the client
 * @error: return location for a #GError
 *
 * Discovers the provider and configures the client from @options. The authentication
 * method, when not given, follows from what was: a certificate, a private key, a secret,
 * or none.
 *
 * Returns: %TRUE, or %FALSE with @error set (%GRANT_OAUTH_ERROR_NOT_CONFIGURED for what the
 *   user must fix)
 */
gboolean
grant_cli_client_setup (GrantCliClientOptions  *options,
                        GrantHttpClient        *http_client,
                        GrantProvider         **provider,
                        GrantClient           **client,
                        GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  g_autoptr(GrantClient) configured = NULL;
  g_autofree char *secret = NULL;
  GrantClientAuthMethod method;

  if (options->issuer == NULL || options->client_id == NULL)
    {
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                           _("--issuer and --client-id are required"));
      return FALSE;
    }
  if ((options->certificate == NULL) != (options->certificate_key == NULL))
    {
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                           _("--cert and --key go together"));
      return FALSE;
    }
  if (options->timeout < 0)
    {
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                           _("--timeout must be a number of seconds"));
      return FALSE;
    }
  if (options->timeout > 0)
    grant_http_client_set_timeout (http_client, (guint) options->timeout);

  configured = grant_client_new (options->client_id);
  grant_client_set_redirect_uri (configured, options->redirect_uri != NULL
                                             ? options->redirect_uri
                                             : "http://127.0.0.1/callback");
  grant_client_set_scope (configured, options->scope);

  if (options->client_secret_file != NULL)
    {
      g_autoptr(GError) read_error = NULL;
      g_autofree char *data = grant_cli_read_input (options->client_secret_file, &read_error);

      if (data == NULL)
        return input_failed (error, g_steal_pointer (&read_error));
      secret = g_strdup (g_strchomp (data));
    }
  else
    {
      g_autoptr(GError) read_error = NULL;

      secret = grant_cli_secret (options->client_secret, "GRANT_CLIENT_SECRET", &read_error);
      if (read_error != NULL)
        return input_failed (error, g_steal_pointer (&read_error));
    }
  grant_client_set_client_secret (configured, secret);

  if (options->private_key != NULL)
    {
      g_autoptr(GrantJwk) key = load_private_key (options->private_key, error);

      if (key == NULL)
        return FALSE;
      grant_client_set_private_key (configured, key);
    }

  if (options->certificate != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;
      g_autoptr(GError) read_error = NULL;

      certificate = g_tls_certificate_new_from_files (options->certificate,
                                                      options->certificate_key, &read_error);
      if (certificate == NULL)
        return input_failed (error, g_steal_pointer (&read_error));
      grant_client_set_tls_certificate (configured, certificate);
    }

  if (options->auth_method != NULL)
    {
      if (!grant_client_auth_method_from_string (options->auth_method, &method))
        {
          g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED,
                       _("“%s” is not a token_endpoint_auth_method Grant knows"),
                       options->auth_method);
          return FALSE;
        }
    }
  else if (options->certificate != NULL)
    method = GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH;
  else if (options->private_key != NULL)
    method = GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT;
  else if (secret != NULL)
    method = GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC;
  else
    method = GRANT_CLIENT_AUTH_NONE;
  grant_client_set_token_endpoint_auth_method (configured, method);

  grant_provider_metadata_discover_async (http_client, options->issuer, NULL,
                                          grant_cli_result_cb, &result);
  metadata = grant_provider_metadata_discover_finish (grant_cli_wait (&result), error);
  if (metadata == NULL)
    return FALSE;

  *provider = grant_provider_new_from_metadata (metadata);
  *client = g_steal_pointer (&configured);

  return TRUE;
}

/**
 * grant_cli_report_error:
 * @command: the subcommand
 * @json: whether the user asked for JSON
 * @error: what went wrong
 *
 * Says what went wrong, and picks the exit status: 2 for what the user must fix in the
 * command line or its files, 1 when the server or a check said no.
 *
 * Returns: the exit status
 */
GrantCliExit
grant_cli_report_error (const char   *command,
                        gboolean      json,
                        const GError *error)
{
  g_autofree char *printable = grant_cli_printable (error->message);
  gboolean usage = g_error_matches (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_NOT_CONFIGURED)
                   || g_error_matches (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_ISSUER)
                   || error->domain == G_FILE_ERROR
                   || (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_INVALID_ARGUMENT)
                   || (error->domain == GRANT_JOSE_ERROR
                       && error->code != GRANT_JOSE_ERROR_ID_TOKEN_INVALID
                       && error->code != GRANT_JOSE_ERROR_BAD_SIGNATURE);

  if (json)
    grant_cli_print_json_error (error->message);
  g_printerr ("grant-cli %s: %s\n", command, printable);

  return usage ? GRANT_CLI_EXIT_USAGE : GRANT_CLI_EXIT_FAILURE;
}
