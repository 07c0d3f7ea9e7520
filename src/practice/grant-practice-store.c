/* grant-practice-store.c
 * What the practice provider remembers between requests, in memory only: pending logins,
 * authorization codes, refresh tokens, device codes and revoked tokens.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <openssl/rand.h>
#include <string.h>

#include "grant-base64url.h"
#include "grant-practice-store.h"

/* Everything the store holds is swept for expiry after this many additions. */
#define SWEEP_EVERY 256

/* RFC 8628 §6.1: a user code from a base-20 alphabet without vowels, 8 characters. */
static const char user_code_alphabet[] = "BCDFGHJKLMNPQRSTVWXZ";

struct _GrantPracticeStore
{
  GHashTable *interactions;      /* id → GrantPracticeInteraction */
  GHashTable *codes;             /* code → GrantPracticeGrant */
  GHashTable *refresh_tokens;    /* refresh token → GrantPracticeGrant */
  GHashTable *revoked_families;  /* family → itself */
  GHashTable *revoked_jtis;      /* jti → expiry (gint64 *) */
  GHashTable *proof_jtis;        /* DPoP proof jti → expiry (gint64 *) */
  GHashTable *devices;           /* device_code → GrantPracticeDevice */
  GHashTable *user_codes;        /* user_code → GrantPracticeDevice, not owned */
  guint       additions;
};

/**
 * grant_practice_store_new_secret:
 *
 * Returns: (transfer full): 256 random bits, base64url-encoded: a code, token or id
 */
char *
grant_practice_store_new_secret (void)
{
  guint8 random[32];

  if (RAND_bytes (random, sizeof random) != 1)
    g_error ("OpenSSL’s random generator failed; refusing to make a token");

  return grant_base64url_encode (random, sizeof random);
}

void
grant_practice_interaction_free (GrantPracticeInteraction *interaction)
{
  g_free (interaction->id);
  g_free (interaction->client_id);
  g_free (interaction->redirect_uri);
  g_free (interaction->scope);
  g_free (interaction->state);
  g_free (interaction->nonce);
  g_free (interaction->code_challenge);
  g_free (interaction->device_code);
  g_free (interaction->sub);
  g_free (interaction);
}

void
grant_practice_grant_free (GrantPracticeGrant *grant)
{
  g_free (grant->client_id);
  g_free (grant->sub);
  g_free (grant->scope);
  g_free (grant->nonce);
  g_free (grant->redirect_uri);
  g_free (grant->code_challenge);
  g_free (grant->jkt);
  g_free (grant->family);
  g_free (grant);
}

void
grant_practice_device_free (GrantPracticeDevice *device)
{
  g_free (device->device_code);
  g_free (device->user_code);
  g_free (device->client_id);
  g_free (device->scope);
  g_free (device->sub);
  g_free (device);
}

GrantPracticeStore *
grant_practice_store_new (void)
{
  GrantPracticeStore *self = g_new0 (GrantPracticeStore, 1);

  self->interactions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) grant_practice_interaction_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) grant_practice_grant_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) grant_practice_grant_free);
  self->revoked_families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->revoked_jtis = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->proof_jtis = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) grant_practice_device_free);
  self->user_codes = g_hash_table_new (g_str_hash, g_str_equal);

  return self;
}

void
grant_practice_store_free (GrantPracticeStore *self)
{
  g_hash_table_unref (self->user_codes);
  g_hash_table_unref (self->devices);
  g_hash_table_unref (self->revoked_jtis);
  g_hash_table_unref (self->proof_jtis);
  g_hash_table_unref (self->revoked_families);
  g_hash_table_unref (self->refresh_tokens);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->interactions);
  g_free (self);
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
interaction_expired_cb (gpointer key,
                        gpointer value,
                        gpointer data)
{
  return ((GrantPracticeInteraction *) value)->expires < *(gint64 *) data;
}

static gboolean
grant_expired_cb (gpointer key,
                  gpointer value,
                  gpointer data)
{
  return ((GrantPracticeGrant *) value)->expires < *(gint64 *) data;
}

static gboolean
jti_expired_cb (gpointer key,
                gpointer value,
                gpointer data)
{
  return *(gint64 *) value < *(gint64 *) data;
}

static gboolean
device_expired_cb (gpointer key,
                   gpointer value,
                   gpointer data)
{
  GrantPracticeStore *self = ((gpointer *) data)[0];
  GrantPracticeDevice *device = value;

  if (device->expires >= *(gint64 *) ((gpointer *) data)[1])
    return FALSE;

  g_hash_table_remove (self->user_codes, device->user_code);
  return TRUE;
}

static void
sweep (GrantPracticeStore *self)
{
  gint64 time = now ();
  gpointer device_data[] = { self, &time };

  if (++self->additions % SWEEP_EVERY != 0)
    return;

  g_hash_table_foreach_remove (self->interactions, interaction_expired_cb, &time);
  g_hash_table_foreach_remove (self->codes, grant_expired_cb, &time);
  g_hash_table_foreach_remove (self->refresh_tokens, grant_expired_cb, &time);
  g_hash_table_foreach_remove (self->revoked_jtis, jti_expired_cb, &time);
  g_hash_table_foreach_remove (self->proof_jtis, jti_expired_cb, &time);
  g_hash_table_foreach_remove (self->devices, device_expired_cb, device_data);
}

/**
 * grant_practice_store_add_interaction:
 * @self: the store
 * @interaction: (transfer full): a new interaction, without an id
 *
 * Returns: (transfer none): @interaction, with its id
 */
GrantPracticeInteraction *
grant_practice_store_add_interaction (GrantPracticeStore       *self,
                                      GrantPracticeInteraction *interaction)
{
  sweep (self);
  interaction->id = grant_practice_store_new_secret ();
  g_hash_table_insert (self->interactions, interaction->id, interaction);

  return interaction;
}

/**
 * grant_practice_store_lookup_interaction:
 * @self: the store
 * @id: (nullable): an interaction id from a page's path
 *
 * Returns: (transfer none) (nullable): the interaction, unless it is unknown or expired
 */
GrantPracticeInteraction *
grant_practice_store_lookup_interaction (GrantPracticeStore *self,
                                         const char         *id)
{
  GrantPracticeInteraction *interaction;

  if (id == NULL)
    return NULL;

  interaction = g_hash_table_lookup (self->interactions, id);
  if (interaction == NULL || interaction->expires < now ())
    return NULL;

  return interaction;
}

void
grant_practice_store_remove_interaction (GrantPracticeStore *self,
                                         const char         *id)
{
  g_hash_table_remove (self->interactions, id);
}

/**
 * grant_practice_store_add_code:
 * @self: the store
 * @grant: (transfer full): what the code stands for
 *
 * Returns: (transfer full): the authorization code
 */
char *
grant_practice_store_add_code (GrantPracticeStore *self,
                               GrantPracticeGrant *grant)
{
  char *code = grant_practice_store_new_secret ();

  sweep (self);
  g_hash_table_insert (self->codes, g_strdup (code), grant);

  return code;
}

/**
 * grant_practice_store_lookup_code:
 * @self: the store
 * @code: (nullable): an authorization code
 *
 * A used code is still found, marked used, so that its second use can revoke what the first
 * gave (RFC 6749 §4.1.2).
 *
 * Returns: (transfer none) (nullable): what the code stands for, unless unknown or expired
 */
GrantPracticeGrant *
grant_practice_store_lookup_code (GrantPracticeStore *self,
                                  const char         *code)
{
  GrantPracticeGrant *grant;

  if (code == NULL)
    return NULL;

  grant = g_hash_table_lookup (self->codes, code);
  if (grant == NULL || grant->expires < now ())
    return NULL;

  return grant;
}

/**
 * grant_practice_store_add_refresh_token:
 * @self: the store
 * @grant: (transfer full): what the refresh token stands for, with its family
 *
 * Returns: (transfer full): the refresh token
 */
char *
grant_practice_store_add_refresh_token (GrantPracticeStore *self,
                                        GrantPracticeGrant *grant)
{
  char *refresh_token = grant_practice_store_new_secret ();

  g_return_val_if_fail (grant->family != NULL, NULL);

  sweep (self);
  g_hash_table_insert (self->refresh_tokens, g_strdup (refresh_token), grant);

  return refresh_token;
}

/**
 * grant_practice_store_lookup_refresh_token:
 * @self: the store
 * @refresh_token: (nullable): a refresh token
 *
 * Returns: (transfer none) (nullable): what it stands for, unless unknown, expired or revoked;
 *   a rotated one is found, marked used
 */
GrantPracticeGrant *
grant_practice_store_lookup_refresh_token (GrantPracticeStore *self,
                                           const char         *refresh_token)
{
  GrantPracticeGrant *grant;

  if (refresh_token == NULL)
    return NULL;

  grant = g_hash_table_lookup (self->refresh_tokens, refresh_token);
  if (grant == NULL || grant->expires < now ()
      || g_hash_table_contains (self->revoked_families, grant->family))
    return NULL;

  return grant;
}

void
grant_practice_store_revoke_refresh_token (GrantPracticeStore *self,
                                           const char         *refresh_token)
{
  g_hash_table_remove (self->refresh_tokens, refresh_token);
}

/**
 * grant_practice_store_revoke_family:
 * @self: the store
 * @family: a refresh-token family
 *
 * Revokes every refresh and access token issued from one authorization.
 */
void
grant_practice_store_revoke_family (GrantPracticeStore *self,
                                    const char         *family)
{
  g_hash_table_add (self->revoked_families, g_strdup (family));
}

gboolean
grant_practice_store_is_family_revoked (GrantPracticeStore *self,
                                        const char         *family)
{
  return family != NULL && g_hash_table_contains (self->revoked_families, family);
}

/**
 * grant_practice_store_revoke_access_token:
 * @self: the store
 * @jti: the access token's jti
 * @expires: its exp, after which it need not be remembered
 */
void
grant_practice_store_revoke_access_token (GrantPracticeStore *self,
                                          const char         *jti,
                                          gint64              expires)
{
  sweep (self);
  g_hash_table_replace (self->revoked_jtis, g_strdup (jti), g_memdup2 (&expires, sizeof expires));
}

/**
 * grant_practice_store_is_access_token_revoked:
 * @self: the store
 * @jti: (nullable): the access token's jti
 * @family: (nullable): its refresh-token family, if it has one
 *
 * Returns: whether it, or its family, was revoked
 */
gboolean
grant_practice_store_is_access_token_revoked (GrantPracticeStore *self,
                                              const char         *jti,
                                              const char         *family)
{
  return (jti != NULL && g_hash_table_contains (self->revoked_jtis, jti))
         || grant_practice_store_is_family_revoked (self, family);
}

/**
 * grant_practice_store_add_proof_jti:
 * @self: the store
 * @jti: a DPoP proof's jti
 * @expires: when a proof that old is refused anyway, so the jti need not be kept
 *
 * Returns: %FALSE if a proof with @jti was seen already: it is a replay (RFC 9449 §11.1)
 */
gboolean
grant_practice_store_add_proof_jti (GrantPracticeStore *self,
                                    const char         *jti,
                                    gint64              expires)
{
  if (g_hash_table_contains (self->proof_jtis, jti))
    return FALSE;

  sweep (self);
  g_hash_table_insert (self->proof_jtis, g_strdup (jti), g_memdup2 (&expires, sizeof expires));
  return TRUE;
}

static char *
new_user_code (void)
{
  guint8 random[8];
  char code[10];
  guint n = 0;

  if (RAND_bytes (random, sizeof random) != 1)
    g_error ("OpenSSL’s random generator failed; refusing to make a user code");

  for (guint i = 0; i < sizeof random; i++)
    {
      if (i == 4)
        code[n++] = '-';
      /* 256 is not a multiple of 20; the bias is harmless for a practice code. */
      code[n++] = user_code_alphabet[random[i] % (sizeof user_code_alphabet - 1)];
    }
  code[n] = '\0';

  return g_strdup (code);
}

/**
 * grant_practice_store_add_device:
 * @self: the store
 * @device: (transfer full): a new device authorization, without its codes
 *
 * Returns: (transfer none): @device, with its device and user codes
 */
GrantPracticeDevice *
grant_practice_store_add_device (GrantPracticeStore  *self,
                                 GrantPracticeDevice *device)
{
  sweep (self);
  device->device_code = grant_practice_store_new_secret ();
  do
    {
      g_free (device->user_code);
      device->user_code = new_user_code ();
    }
  while (g_hash_table_contains (self->user_codes, device->user_code));

  g_hash_table_insert (self->devices, device->device_code, device);
  g_hash_table_insert (self->user_codes, device->user_code, device);

  return device;
}

/**
 * grant_practice_store_lookup_device:
 * @self: the store
 * @device_code: (nullable): a device code
 *
 * Returns: (transfer none) (nullable): the device authorization, even expired (so that the
 *   token endpoint can say expired_token)
 */
GrantPracticeDevice *
grant_practice_store_lookup_device (GrantPracticeStore *self,
                                    const char         *device_code)
{
  return device_code != NULL ? g_hash_table_lookup (self->devices, device_code) : NULL;
}

/**
 * grant_practice_store_lookup_user_code:
 * @self: the store
 * @user_code: (nullable): what the user typed; case, spaces and dashes do not matter
 *
 * Returns: (transfer none) (nullable): the pending device authorization with that code
 */
GrantPracticeDevice *
grant_practice_store_lookup_user_code (GrantPracticeStore *self,
                                       const char         *user_code)
{
  g_autoptr(GString) normal = g_string_new (NULL);
  GrantPracticeDevice *device;

  if (user_code == NULL)
    return NULL;

  for (const char *c = user_code; *c != '\0'; c++)
    if (g_ascii_isalnum (*c))
      {
        if (normal->len == 4)
          g_string_append_c (normal, '-');
        g_string_append_c (normal, g_ascii_toupper (*c));
      }

  device = g_hash_table_lookup (self->user_codes, normal->str);
  if (device == NULL || device->expires < now ()
      || device->status != GRANT_PRACTICE_DEVICE_PENDING)
    return NULL;

  return device;
}
