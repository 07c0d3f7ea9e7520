/* grant-provider-metadata.c
 * An authorization server's metadata (OpenID Connect Discovery 1.0, RFC 8414).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-check.h"
#include "grant-http-client.h"
#include "grant-oauth-error.h"
#include "grant-provider-metadata.h"

/* Every check made goes into self->checks, for the inspector. */
#define add_check(self, ...) grant_checks_append ((self)->checks, __VA_ARGS__)

struct _GrantProviderMetadata
{
  GObject     parent_instance;

  JsonObject *document;
  char       *discovery_url;
  GListStore *checks;
};

G_DEFINE_FINAL_TYPE (GrantProviderMetadata, grant_provider_metadata, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ISSUER,
  PROP_DISCOVERY_URL,
  PROP_AUTHORIZATION_ENDPOINT,
  PROP_TOKEN_ENDPOINT,
  PROP_JWKS_URI,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Members whose type the specifications fix. A document that gives one of them another
 * type is refused, so that nothing downstream has to guess. */
static const char * const string_members[] = {
  "issuer",
  "authorization_endpoint",
  "token_endpoint",
  "userinfo_endpoint",
  "jwks_uri",
  "registration_endpoint",
  "end_session_endpoint",
  "revocation_endpoint",
  "introspection_endpoint",
  "device_authorization_endpoint",
  "pushed_authorization_request_endpoint",
  "service_documentation",
};

static const char * const string_array_members[] = {
  "scopes_supported",
  "response_types_supported",
  "response_modes_supported",
  "grant_types_supported",
  "subject_types_supported",
  "code_challenge_methods_supported",
  "token_endpoint_auth_methods_supported",
  "id_token_signing_alg_values_supported",
  "dpop_signing_alg_values_supported",
  "claims_supported",
};

static void
grant_provider_metadata_finalize (GObject *object)
{
  GrantProviderMetadata *self = (GrantProviderMetadata *)object;

  g_clear_pointer (&self->document, json_object_unref);
  g_clear_object (&self->checks);
  g_clear_pointer (&self->discovery_url, g_free);

  G_OBJECT_CLASS (grant_provider_metadata_parent_class)->finalize (object);
}

static void
grant_provider_metadata_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GrantProviderMetadata *self = GRANT_PROVIDER_METADATA (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      g_value_set_string (value, grant_provider_metadata_get_issuer (self));
      break;

    case PROP_DISCOVERY_URL:
      g_value_set_string (value, self->discovery_url);
      break;

    case PROP_AUTHORIZATION_ENDPOINT:
      g_value_set_string (value, grant_provider_metadata_get_authorization_endpoint (self));
      break;

    case PROP_TOKEN_ENDPOINT:
      g_value_set_string (value, grant_provider_metadata_get_token_endpoint (self));
      break;

    case PROP_JWKS_URI:
      g_value_set_string (value, grant_provider_metadata_get_jwks_uri (self));
      break;

    case PROP_DOCUMENT:
      g_value_set_boxed (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_provider_metadata_class_init (GrantProviderMetadataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_provider_metadata_finalize;
  object_class->get_property = grant_provider_metadata_get_property;

  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISCOVERY_URL] =
    g_param_spec_string ("discovery-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHORIZATION_ENDPOINT] =
    g_param_spec_string ("authorization-endpoint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN_ENDPOINT] =
    g_param_spec_string ("token-endpoint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_JWKS_URI] =
    g_param_spec_string ("jwks-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_boxed ("document", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_provider_metadata_init (GrantProviderMetadata *self)
{
}

static gboolean
check_member_types (JsonObject  *document,
                    GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      JsonNode *node = json_object_get_member (document, string_members[i]);

      if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node)
                           || json_node_get_value_type (node) != G_TYPE_STRING))
        {
          g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                       _("The metadata member “%s” must be a string"), string_members[i]);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (string_array_members); i++)
    {
      JsonNode *node = json_object_get_member (document, string_array_members[i]);
      JsonArray *array;

      if (node == NULL)
        continue;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                       _("The metadata member “%s” must be an array of strings"),
                       string_array_members[i]);
          return FALSE;
        }

      array = json_node_get_array (node);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *element = json_array_get_element (array, j);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                           _("Element %u of the metadata member “%s” is not a string"),
                           j, string_array_members[i]);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/**
 * grant_provider_metadata_new_from_data:
 * @data: the metadata document, JSON
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @url: (nullable): where the document came from
 * @error: return location for a #GError
 *
 * Parses an authorization server's metadata document. The document must be a JSON object
 * with an `issuer`, and the members whose type the specifications fix must have that type.
 * Whether the issuer is the expected one is the caller's check (see
 * grant_provider_metadata_discover_async(), which makes it).
 *
 * Returns: (transfer full): the metadata, or %NULL with @error set
 */
GrantProviderMetadata *
grant_provider_metadata_new_from_data (const char  *data,
                                       gssize       length,
                                       const char  *url,
                                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  GrantProviderMetadata *self;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if ((gsize) length > GRANT_PROVIDER_METADATA_MAX_SIZE)
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                   _("The metadata document is %lld bytes long; Grant refuses "
                     "documents over %d bytes"), (long long) length, GRANT_PROVIDER_METADATA_MAX_SIZE);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                   _("The metadata document is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                           _("The metadata document is empty"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                           _("The metadata document is not a JSON object"));
      return NULL;
    }

  if (!check_member_types (json_node_get_object (root), error))
    return NULL;

  if (!json_object_has_member (json_node_get_object (root), "issuer"))
    {
      g_set_error_literal (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                           _("The metadata document has no “issuer”, which is required"));
      return NULL;
    }

  self = g_object_new (GRANT_TYPE_PROVIDER_METADATA, NULL);
  self->document = json_object_ref (json_node_get_object (root));
  self->discovery_url = g_strdup (url);

  return self;
}

/**
 * grant_provider_metadata_lookup_string:
 * @self: a #GrantProviderMetadata
 * @member: a member name, as in the document (`device_authorization_endpoint`)
 *
 * Returns: (nullable): the member's value, or %NULL if it is absent or not a string
 */
const char *
grant_provider_metadata_lookup_string (GrantProviderMetadata *self,
                                       const char            *member)
{
  JsonNode *node;

  g_return_val_if_fail (GRANT_IS_PROVIDER_METADATA (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);

  node = json_object_get_member (self->document, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * grant_provider_metadata_lookup_boolean:
 * @self: a #GrantProviderMetadata
 * @member: a member name whose value is a boolean (`authorization_response_iss_parameter_supported`)
 *
 * Returns: whether the member is present and `true`; absent or not a boolean counts as `false`,
 *   the default the specifications give these members
 */
gboolean
grant_provider_metadata_lookup_boolean (GrantProviderMetadata *self,
                                        const char            *member)
{
  JsonNode *node;

  g_return_val_if_fail (GRANT_IS_PROVIDER_METADATA (self), FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  node = json_object_get_member (self->document, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node);
}

/**
 * grant_provider_metadata_dup_strv:
 * @self: a #GrantProviderMetadata
 * @member: a member name whose value is an array of strings (`scopes_supported`)
 *
 * Returns: (transfer full) (nullable): the strings, or %NULL if the member is absent or not
 *   an array of strings
 */
GStrv
grant_provider_metadata_dup_strv (GrantProviderMetadata *self,
                                  const char            *member)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *node;
  JsonArray *array;

  g_return_val_if_fail (GRANT_IS_PROVIDER_METADATA (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);

  node = json_object_get_member (self->document, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/**
 * grant_provider_metadata_supports:
 * @self: a #GrantProviderMetadata
 * @member: a `…_supported` member name
 * @value: the value to look for
 *
 * Returns: whether the array @member lists @value
 */
gboolean
grant_provider_metadata_supports (GrantProviderMetadata *self,
                                  const char            *member,
                                  const char            *value)
{
  g_auto(GStrv) values = NULL;

  g_return_val_if_fail (GRANT_IS_PROVIDER_METADATA (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  values = grant_provider_metadata_dup_strv (self, member);

  return values != NULL && g_strv_contains ((const char * const *) values, value);
}

/**
 * grant_provider_metadata_get_issuer:
 * @self: a #GrantProviderMetadata
 *
 * Returns: the issuer the document names
 */
const char *
grant_provider_metadata_get_issuer (GrantProviderMetadata *self)
{
  return grant_provider_metadata_lookup_string (self, "issuer");
}

/**
 * grant_provider_metadata_get_discovery_url:
 * @self: a #GrantProviderMetadata
 *
 * Returns: (nullable): the URL the document was fetched from
 */
const char *
grant_provider_metadata_get_discovery_url (GrantProviderMetadata *self)
{
  g_return_val_if_fail (GRANT_IS_PROVIDER_METADATA (self), NULL);

  return self->discovery_url;
}

/**
 * grant_provider_metadata_get_authorization_endpoint:
 * @self: a #GrantProviderMetadata
 *
 * Returns: (nullable): the authorization endpoint
 */
const char *
grant_provider_metadata_get_authorization_endpoint (GrantProviderMetadata *self)
{
  return grant_provider_metadata_lookup_string (self, "authorization_endpoint");
}

/**
 * grant_provider_metadata_get_token_endpoint:
 * @self: a #GrantProviderMetadata
 *
 * Returns: (nullable): the token endpoint
 */
const char *
grant_provider_metadata_get_token_endpoint (GrantProviderMetadata *self)
{
  return grant_provider_metadata_lookup_string (self, "token_endpoint");
}

/**
 * grant_provider_metadata_get_jwks_uri:
 * @self: a #GrantProviderMetadata
 *
 * Returns: (nullable): where the server publishes its signing keys
 */
const char *
grant_provider_metadata_get_jwks_uri (GrantProviderMetadata *self)
{
  return grant_provider_metadata_lookup_string (self, "jwks_uri");
}

/**
 * grant_provider_metadata_get_document:
 * @self: a #GrantProviderMetadata
 *
 * Returns: (transfer none): the whole document
 */
JsonObject *
grant_provider_metadata_get_document (GrantProviderMetadata *self)
{
  g_return_val_if_fail (GRANT_IS_PROVIDER_METADATA (self), NULL);

  return self->document;
}

/* Validation. */

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1")
                          || g_str_equal (host, "[::1]")
                          || g_ascii_strcasecmp (host, "localhost") == 0);
}

static gboolean
is_openid_configuration (GrantProviderMetadata *self)
{
  return self->discovery_url == NULL
         || g_strstr_len (self->discovery_url, -1, "/.well-known/openid-configuration") != NULL;
}

/* A member an OpenID Provider must publish (OpenID Connect Discovery §3), which RFC 8414 §2
 * leaves optional or defaults; @why, marked with N_(), says what its absence costs. */
static void
check_present (GrantProviderMetadata *self,
               const char            *member,
               const char            *why)
{
  gboolean present = json_object_has_member (self->document, member);

  if (present)
    add_check (self, member, GRANT_CHECK_PASSED, _("Published."));
  else if (is_openid_configuration (self))
    add_check (self, member, GRANT_CHECK_FAILED,
               _("Missing: OpenID Connect Discovery §3 requires it; %s"), gettext (why));
  else
    add_check (self, member, GRANT_CHECK_NOT_APPLICABLE,
               _("Not published; RFC 8414 makes it optional. %s"), gettext (why));
}

static void
validate (GrantProviderMetadata *self)
{
  static const char * const endpoints[] = {
    "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
    "device_authorization_endpoint", "pushed_authorization_request_endpoint",
    "introspection_endpoint", "revocation_endpoint", "end_session_endpoint",
    "registration_endpoint",
  };
  const char *issuer = grant_provider_metadata_get_issuer (self);
  g_autoptr(GString) insecure = g_string_new (NULL);

  self->checks = g_list_store_new (GRANT_TYPE_CHECK);

  if (g_str_has_prefix (issuer, "https://"))
    add_check (self, "https", GRANT_CHECK_PASSED, _("The issuer uses https."));
  else if (is_loopback_url (issuer))
    add_check (self, "https", GRANT_CHECK_NOT_APPLICABLE,
               _("The issuer is on this computer (loopback), where plain http is allowed."));
  else
    add_check (self, "https", GRANT_CHECK_FAILED,
               _("The issuer uses plain http on a network host: anyone on the path can read "
               "and change what it says (RFC 8414 §2 requires https)."));

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      const char *url = grant_provider_metadata_lookup_string (self, endpoints[i]);

      if (url != NULL && !g_str_has_prefix (url, "https://") && !is_loopback_url (url))
        g_string_append_printf (insecure, "%s%s", insecure->len > 0 ? ", " : "", endpoints[i]);
    }
  if (insecure->len > 0)
    add_check (self, NC_("check", "endpoints"), GRANT_CHECK_FAILED,
               _("These endpoints use plain http on a network host: %s."), insecure->str);
  else
    add_check (self, NC_("check", "endpoints"), GRANT_CHECK_PASSED,
               _("Every endpoint uses https, or is on this computer."));

  check_present (self, "authorization_endpoint",
                 N_("without it, no flow with a browser can run."));
  check_present (self, "token_endpoint",
                 N_("without it, no token can be had but implicitly."));
  check_present (self, "jwks_uri", N_("without it, no token it signs can be verified."));
  check_present (self, "response_types_supported",
                 N_("clients cannot tell which response types work."));
  if (is_openid_configuration (self))
    {
      check_present (self, "subject_types_supported",
                     N_("it says how sub values are made."));
      check_present (self, "id_token_signing_alg_values_supported",
                     N_("clients cannot tell how ID tokens are signed."));
    }

  if (!json_object_has_member (self->document, "code_challenge_methods_supported"))
    add_check (self, "code_challenge_methods_supported", GRANT_CHECK_FAILED,
               _("Not published, so clients cannot tell whether PKCE is supported (RFC 8414 §2; "
               "RFC 9700 §2.1.1 asks servers to support it and say so)."));
  else if (!grant_provider_metadata_supports (self, "code_challenge_methods_supported", "S256"))
    add_check (self, "code_challenge_methods_supported", GRANT_CHECK_FAILED,
               _("S256 is not supported: plain PKCE does not protect a code whose request was "
               "seen (RFC 7636 §4.2)."));
  else
    add_check (self, "code_challenge_methods_supported", GRANT_CHECK_PASSED,
               _("PKCE with S256 is supported."));

  if (grant_provider_metadata_supports (self, "response_types_supported", "token")
      || grant_provider_metadata_supports (self, "response_types_supported", "id_token token"))
    add_check (self, NC_("check", "implicit"), GRANT_CHECK_FAILED,
               _("The implicit grant is offered: RFC 9700 §2.1.2 says it should not be used."));
  else
    add_check (self, NC_("check", "implicit"), GRANT_CHECK_PASSED,
               _("The implicit grant is not offered."));

  if (grant_provider_metadata_supports (self, "grant_types_supported", "password"))
    add_check (self, NC_("check", "password"), GRANT_CHECK_FAILED,
               _("The resource owner password grant is offered: RFC 9700 §2.4 says it MUST NOT "
               "be used."));
  else
    add_check (self, NC_("check", "password"), GRANT_CHECK_PASSED,
               _("The resource owner password grant is not offered."));

  if (!json_object_has_member (self->document, "token_endpoint_auth_methods_supported"))
    add_check (self, "token_endpoint_auth_methods_supported", GRANT_CHECK_NOT_APPLICABLE,
               _("Not published: clients assume client_secret_basic (RFC 8414 §2)."));
  else
    add_check (self, "token_endpoint_auth_methods_supported", GRANT_CHECK_PASSED, _("Published."));
}

/**
 * grant_provider_metadata_get_checks:
 * @self: a #GrantProviderMetadata
 *
 * What Grant checked in the document, one named #GrantCheck each: https ("https",
 * "endpoints"), the members OpenID Connect Discovery requires, PKCE with S256
 * ("code_challenge_methods_supported"), and the legacy grants offered ("implicit",
 * "password"). A failed check is a warning the user should see; discovery itself fails only
 * for what makes the provider unusable or unsafe.
 *
 * Returns: (transfer none): the checks, a list of #GrantCheck
 */
GListModel *
grant_provider_metadata_get_checks (GrantProviderMetadata *self)
{
  g_return_val_if_fail (GRANT_IS_PROVIDER_METADATA (self), NULL);

  if (self->checks == NULL)
    validate (self);

  return G_LIST_MODEL (self->checks);
}

/* Discovery. */

typedef struct
{
  GrantHttpClient *client;
  char        *issuer;
  GPtrArray   *discovery_urls;
  guint        current;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_object_unref (discovery->client);
  g_free (discovery->issuer);
  g_ptr_array_unref (discovery->discovery_urls);
  g_free (discovery);
}

/* The places to look, in order: OpenID Connect Discovery §4 appends the well-known path to
 * the issuer; RFC 8414 §3.1 inserts it between the host and the issuer's path. */
static GPtrArray *
discovery_urls_for_issuer (const char  *issuer,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  /* Encoded, so that an escaped character in the issuer's path stays escaped in the
   * well-known URL built from it. */
  uri = g_uri_parse (issuer, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_ISSUER,
                   _("“%s” is not an issuer URL: it must be an https:// (or http://) URL that "
                   "names a host"), issuer);
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_ISSUER,
                   _("The issuer URL “%s” has a query or a fragment, which an issuer cannot "
                   "have (RFC 8414 §2)"), issuer);
      return NULL;
    }

  base = g_strdup (issuer);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  g_ptr_array_add (urls, g_strconcat (base, "/.well-known/openid-configuration", NULL));

  authority = g_uri_join (G_URI_FLAGS_ENCODED, scheme, g_uri_get_userinfo (uri),
                          g_uri_get_host (uri), g_uri_get_port (uri), "", NULL, NULL);
  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  g_ptr_array_add (urls, g_strconcat (authority, "/.well-known/oauth-authorization-server",
                                      path, NULL));

  return g_steal_pointer (&urls);
}

static void discovery_fetch_next (GTask *task);

/* An HTML page where JSON was expected: a login page, a proxy's error page, a wrong URL. */
static gboolean
looks_like_html (const char *data,
                 gsize       size)
{
  gsize i = 0;

  while (data != NULL && i < size && g_ascii_isspace (data[i]))
    i++;

  return data != NULL && i < size && data[i] == '<';
}

static void
discovery_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrantExchange) exchange = NULL;
  g_autoptr(GrantProviderMetadata) metadata = NULL;
  Discovery *discovery = g_task_get_task_data (task);
  const char *url = g_ptr_array_index (discovery->discovery_urls, discovery->current);
  const char *final_url;
  GBytes *body;
  guint status;
  const char *data;
  gsize size = 0;

  exchange = grant_http_client_send_finish (GRANT_HTTP_CLIENT (object), result, &error);
  if (exchange == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_DISCOVERY_FAILED,
                                 _("Discovery failed: %s"), error->message);
      return;
    }

  status = grant_exchange_get_status (exchange);

  /* Only a missing document sends us on to the next place; any other failure is the
   * server's answer and the user should see it. */
  if ((status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
      && discovery->current + 1 < discovery->discovery_urls->len)
    {
      discovery->current++;
      discovery_fetch_next (g_steal_pointer (&task));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_DISCOVERY_FAILED,
                               _("%s answered %u %s"), url, status,
                               grant_exchange_get_reason_phrase (exchange));
      return;
    }

  /* Redirects were followed; the document is from where they ended, and a redirect from
   * https to plain http would let anyone on the path rewrite the endpoints. */
  final_url = grant_http_request_get_uri (grant_exchange_get_request (exchange));
  if (g_str_has_prefix (url, "https:") && !g_str_has_prefix (final_url, "https:"))
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_DISCOVERY_FAILED,
                               _("%s redirected to %s, which is not https: Grant refuses "
                               "metadata that lost its TLS protection on the way"), url,
                               final_url);
      return;
    }

  body = grant_exchange_get_response_body (exchange);
  data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  if (looks_like_html (data, size))
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                               _("%s answered with an HTML page, not JSON metadata: is the issuer "
                               "URL right? (A login page or a proxy's error page looks like "
                               "this.)"), final_url);
      return;
    }

  metadata = grant_provider_metadata_new_from_data (data != NULL ? data : "", size, final_url,
                                                    &error);
  if (metadata == NULL)
    {
      g_prefix_error (&error, "%s: ", final_url);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_strcmp0 (grant_provider_metadata_get_issuer (metadata), discovery->issuer) != 0)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_ISSUER_MISMATCH,
                               _("The metadata at %s names the issuer “%s”, not “%s”. The two "
                               "must match exactly (OpenID Connect Discovery §4.3, RFC 8414 "
                               "§3.3): check the issuer URL, including any trailing slash."),
                               final_url, grant_provider_metadata_get_issuer (metadata),
                               discovery->issuer);
      return;
    }

  /* OpenID Connect Discovery §3: an OpenID Provider publishes its keys. */
  if (is_openid_configuration (metadata) && grant_provider_metadata_get_jwks_uri (metadata) == NULL)
    {
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INVALID_METADATA,
                               _("The OpenID configuration at %s has no jwks_uri, so no ID token "
                               "it signs could be verified (OpenID Connect Discovery §3). If the "
                               "keys are published elsewhere, enter the key set's URL by hand."),
                               final_url);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&metadata), g_object_unref);
}

static void
discovery_fetch_next (GTask *task)
{
  Discovery *discovery = g_task_get_task_data (task);
  const char *url = g_ptr_array_index (discovery->discovery_urls, discovery->current);
  g_autoptr(GrantHttpRequest) request = grant_http_request_new ("GET", url);

  grant_http_request_set_header (request, "Accept", "application/json", FALSE);
  grant_http_request_set_max_response_size (request, GRANT_PROVIDER_METADATA_MAX_SIZE);
  grant_http_client_send_async (discovery->client, request, NC_("exchange", "Discovery"),
                                g_task_get_cancellable (task), discovery_read_cb, task);
}

/**
 * grant_provider_metadata_discover_async:
 * @client: the client to fetch with, which records the requests
 * @issuer: the issuer URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the metadata is fetched or the attempt failed
 * @user_data: data for @callback
 *
 * Fetches the metadata of @issuer from `/.well-known/openid-configuration`, falling back to
 * RFC 8414's `/.well-known/oauth-authorization-server` when the first is missing, and checks
 * that the document names @issuer exactly.
 */
void
grant_provider_metadata_discover_async (GrantHttpClient     *client,
                                        const char          *issuer,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Discovery *discovery;
  GPtrArray *urls;

  g_return_if_fail (GRANT_IS_HTTP_CLIENT (client));
  g_return_if_fail (issuer != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, grant_provider_metadata_discover_async);

  urls = discovery_urls_for_issuer (issuer, &error);
  if (urls == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* RFC 8414 §2: the issuer is an https URL. On a network host anything else is refused
   * before anything is sent: the endpoints and keys it lists could be rewritten on the way. */
  if (!g_str_has_prefix (issuer, "https://") && !is_loopback_url (issuer))
    {
      g_ptr_array_unref (urls);
      g_task_return_new_error (task, GRANT_OAUTH_ERROR, GRANT_OAUTH_ERROR_INSECURE,
                               _("The issuer %s uses plain http on a network host: anyone on the "
                               "path could change its endpoints and keys. An issuer must use "
                               "https (RFC 8414 §2); plain http is only for this computer "
                               "(127.0.0.1, localhost)."), issuer);
      return;
    }

  discovery = g_new0 (Discovery, 1);
  discovery->client = g_object_ref (client);
  discovery->issuer = g_strdup (issuer);
  discovery->discovery_urls = urls;
  g_task_set_task_data (task, discovery, (GDestroyNotify) discovery_free);

  discovery_fetch_next (g_steal_pointer (&task));
}

/**
 * grant_provider_metadata_discover_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the metadata, or %NULL with @error set
 */
GrantProviderMetadata *
grant_provider_metadata_discover_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == grant_provider_metadata_discover_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
