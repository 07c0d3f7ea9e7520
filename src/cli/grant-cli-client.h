/* grant-cli-client.h
 * The provider and client options that token, introspect, revoke and userinfo share.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-cli-command.h"
#include "grant-client.h"
#include "grant-http-client.h"
#include "grant-provider.h"

G_BEGIN_DECLS

typedef struct
{
  char     *issuer;
  char     *client_id;
  char     *client_secret;
  char     *client_secret_file;
  char     *auth_method;
  char     *private_key;
  char     *certificate;
  char     *certificate_key;
  char     *redirect_uri;
  char     *scope;
  int       timeout;
  gboolean  json;
} GrantCliClientOptions;

GrantExchangeLog *grant_cli_exchange_log     (void);
GrantHttpClient  *grant_cli_http_client_new  (void);

void          grant_cli_client_options_add   (GOptionContext         *context,
                                              GrantCliClientOptions  *options);
void          grant_cli_client_options_clear (GrantCliClientOptions  *options);
gboolean      grant_cli_client_setup         (GrantCliClientOptions  *options,
                                              GrantHttpClient        *http_client,
                                              GrantProvider         **provider,
                                              GrantClient           **client,
                                              GError                **error);
char         *grant_cli_secret               (const char             *value,
                                              const char             *environment,
                                              GError                **error);
void          grant_cli_result_cb            (GObject                *object,
                                              GAsyncResult           *result,
                                              gpointer                user_data);
GAsyncResult *grant_cli_wait                 (GAsyncResult          **result);
GrantCliExit  grant_cli_report_error         (const char             *command,
                                              gboolean                json,
                                              const GError           *error);

G_END_DECLS
