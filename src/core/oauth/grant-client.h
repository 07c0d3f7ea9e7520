/* grant-client.h
 * An OAuth client as registered with an authorization server, and how it authenticates.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-http-request.h"
#include "grant-jwk.h"
#include "grant-jwks.h"

G_BEGIN_DECLS

/**
 * GrantClientAuthMethod:
 * @GRANT_CLIENT_AUTH_NONE: `none`, a public client (RFC 7591 §2)
 * @GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC: `client_secret_basic` (RFC 6749 §2.3.1)
 * @GRANT_CLIENT_AUTH_CLIENT_SECRET_POST: `client_secret_post` (RFC 6749 §2.3.1)
 * @GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT: `client_secret_jwt` (OpenID Connect Core §9)
 * @GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT: `private_key_jwt` (OpenID Connect Core §9, RFC 7523)
 * @GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH: `tls_client_auth` (RFC 8705 §2.1)
 * @GRANT_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH: `self_signed_tls_client_auth`
 *   (RFC 8705 §2.2)
 *
 * The token_endpoint_auth_method of a client.
 */
typedef enum
{
  GRANT_CLIENT_AUTH_NONE,
  GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC,
  GRANT_CLIENT_AUTH_CLIENT_SECRET_POST,
  GRANT_CLIENT_AUTH_CLIENT_SECRET_JWT,
  GRANT_CLIENT_AUTH_PRIVATE_KEY_JWT,
  GRANT_CLIENT_AUTH_TLS_CLIENT_AUTH,
  GRANT_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH,
} GrantClientAuthMethod;

#define GRANT_TYPE_CLIENT_AUTH_METHOD (grant_client_auth_method_get_type ())
GType grant_client_auth_method_get_type (void);

/* A client assertion (client_secret_jwt, private_key_jwt) is valid this long. */
#define GRANT_CLIENT_ASSERTION_LIFETIME 60

#define GRANT_TYPE_CLIENT (grant_client_get_type ())

G_DECLARE_FINAL_TYPE (GrantClient, grant_client, GRANT, CLIENT, GObject)

GrantClient *grant_client_new (const char *client_id);
gboolean grant_client_auth_method_from_string (const char            *name,
                                               GrantClientAuthMethod *method);
const char *grant_client_auth_method_to_string (GrantClientAuthMethod method);
gboolean grant_client_auth_method_uses_tls (GrantClientAuthMethod method);
const char *grant_client_get_client_id (GrantClient *self);
const char *grant_client_get_client_secret (GrantClient *self);
void grant_client_set_client_secret (GrantClient *self,
                                     const char  *client_secret);
GrantClientAuthMethod grant_client_get_token_endpoint_auth_method (GrantClient *self);
void grant_client_set_token_endpoint_auth_method (GrantClient           *self,
                                                  GrantClientAuthMethod  method);
const char *grant_client_get_redirect_uri (GrantClient *self);
void grant_client_set_redirect_uri (GrantClient *self,
                                    const char  *redirect_uri);
const char *grant_client_get_scope (GrantClient *self);
void grant_client_set_scope (GrantClient *self,
                             const char  *scope);
GrantJwk *grant_client_get_private_key (GrantClient *self);
void grant_client_set_private_key (GrantClient *self,
                                   GrantJwk    *key);
GTlsCertificate *grant_client_get_tls_certificate (GrantClient *self);
void grant_client_set_tls_certificate (GrantClient     *self,
                                       GTlsCertificate *certificate);
char *grant_client_make_assertion (GrantClient  *self,
                                   const char   *audience,
                                   const char   *subject,
                                   GError      **error);
const char *grant_client_get_id_token_signed_response_alg (GrantClient *self);
void grant_client_set_id_token_signed_response_alg (GrantClient *self,
                                                    const char  *alg);
GrantJwks *grant_client_dup_verification_keys (GrantClient *self,
                                               GrantJwks   *provider_keys);
gboolean grant_client_authenticate (GrantClient       *self,
                                    GrantHttpRequest  *request,
                                    const char        *audience,
                                    GError           **error);

G_END_DECLS
