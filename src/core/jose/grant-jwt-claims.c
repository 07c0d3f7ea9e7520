/* grant-jwt-claims.c
 * A JWT claims set (RFC 7519 §4) with typed accessors, and times people can read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The claims set is kept as parsed and checked only when a claim is read: a workbench must be
 * able to show a token whose "exp" is a string, and say so, rather than refuse to show it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "grant-jose-error.h"
#include "grant-jose-json.h"
#include "grant-jwt-claims.h"

/* The NumericDates Grant reads: those GDateTime can show, 0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z. Anything outside is a mistake (often milliseconds for seconds). */
#define MIN_UNIX_TIME G_GINT64_CONSTANT (-62135596800)
#define MAX_UNIX_TIME G_GINT64_CONSTANT (253402300799)

/* A time closer to the present than this, in seconds, either way, is "now". */
#define NOW_SECONDS 5

struct _GrantJwtClaims
{
  GObject     parent_instance;

  JsonObject *object;
};

G_DEFINE_FINAL_TYPE (GrantJwtClaims, grant_jwt_claims, G_TYPE_OBJECT)

static void
grant_jwt_claims_finalize (GObject *object)
{
  GrantJwtClaims *self = (GrantJwtClaims *)object;

  g_clear_pointer (&self->object, json_object_unref);

  G_OBJECT_CLASS (grant_jwt_claims_parent_class)->finalize (object);
}

static void
grant_jwt_claims_class_init (GrantJwtClaimsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_jwt_claims_finalize;
}

static void
grant_jwt_claims_init (GrantJwtClaims *self)
{
}

/**
 * grant_jwt_claims_new_from_payload:
 * @payload: the JWS payload, the JSON text of the claims set
 * @error: return location for a #GError
 *
 * Parses a JWT claims set (RFC 7519 §7.2 step 10). It must be a JSON object in UTF-8 without
 * duplicate claim names (%GRANT_JOSE_ERROR_INVALID_JSON otherwise), and without an integer
 * beyond 64 bits, which could not be read exactly (%GRANT_JOSE_ERROR_TOO_LARGE; see
 * grant_jose_json_parse_object()). The types of the claims are checked when they are read, by
 * the accessors.
 *
 * Returns: (transfer full): the claims, or %NULL with @error set
 */
GrantJwtClaims *
grant_jwt_claims_new_from_payload (GBytes  *payload,
                                   GError **error)
{
  g_autoptr(JsonObject) object = NULL;
  GrantJwtClaims *self;
  const char *data;
  gsize length;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An empty GBytes may give NULL, which memchr() and friends must not be handed. */
  data = g_bytes_get_data (payload, &length);
  if (data == NULL)
    data = "";

  object = grant_jose_json_parse_object (data, length, N_("The JWT claims set"), error);
  if (object == NULL)
    return NULL;

  self = g_object_new (GRANT_TYPE_JWT_CLAIMS, NULL);
  self->object = g_steal_pointer (&object);

  return self;
}

/**
 * grant_jwt_claims_get_object:
 * @self: a #GrantJwtClaims
 *
 * Returns: (transfer none): the claims set as parsed
 */
JsonObject *
grant_jwt_claims_get_object (GrantJwtClaims *self)
{
  g_return_val_if_fail (GRANT_IS_JWT_CLAIMS (self), NULL);

  return self->object;
}

/**
 * grant_jwt_claims_has:
 * @self: a #GrantJwtClaims
 * @name: a claim name
 *
 * Returns: %TRUE if the claims set has a claim named @name, of any type, even null
 */
gboolean
grant_jwt_claims_has (GrantJwtClaims *self,
                      const char     *name)
{
  g_return_val_if_fail (GRANT_IS_JWT_CLAIMS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return json_object_has_member (self->object, name);
}

/**
 * grant_jwt_claims_get_string:
 * @self: a #GrantJwtClaims
 * @name: a claim name, such as “iss”
 *
 * Returns: (transfer none) (nullable): the claim's value, or %NULL when it is absent or not
 *   a string
 */
const char *
grant_jwt_claims_get_string (GrantJwtClaims *self,
                             const char     *name)
{
  const char *value = NULL;

  g_return_val_if_fail (GRANT_IS_JWT_CLAIMS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* A claim of another type leaves @value NULL, which is all this accessor promises. */
  grant_jose_json_get_string (self->object, name, &value, NULL);

  return value;
}

/* What a JSON value is, for messages: "a string", "an array"… (null is JSON's word). */
static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");

    case JSON_NODE_ARRAY:
      return _("an array");

    case JSON_NODE_NULL:
      return "null";

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");

    case G_TYPE_BOOLEAN:
      return _("a boolean");

    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");

    default:
      return _("a value of unknown type");
    }
}

static gboolean
set_out_of_range_error (const char  *name,
                        const char  *value,
                        double       seconds,
                        GError     **error)
{
  /* Milliseconds since 1970 are read as seconds past the year 9999 only from 2001 on (10^12
   * milliseconds); an earlier one is no token's time, so that is where the hint starts. */
  gboolean milliseconds = seconds >= 1e12 && seconds / 1000 < (double) MAX_UNIX_TIME + 1;

  g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_CLAIMS,
               "The claim “%s” is %s, outside the years 1 to 9999 that Grant can show%s",
               name, value,
               milliseconds ? "; it looks like milliseconds, but a NumericDate counts seconds "
                              "(RFC 7519 §2)" : "");
  return FALSE;
}

/**
 * grant_jwt_claims_get_time:
 * @self: a #GrantJwtClaims
 * @name: a claim name, such as “exp”
 * @unix_time: (out) (optional): the time in seconds since 1970-01-01T00:00:00Z
 * @error: return location for a #GError
 *
 * Reads a NumericDate claim (RFC 7519 §2): a JSON number of seconds, integer or not. A
 * fraction is truncated toward zero (1.9 gives 1, -1.9 gives -1).
 *
 * When the claim is absent, this returns %FALSE *without* setting @error: whether an absent
 * claim is a problem is for the caller to say (an ID token needs “exp”, a JWT in general
 * does not). When it is present but not a number, or outside the years 1 to 9999, it returns
 * %FALSE with %GRANT_JOSE_ERROR_INVALID_CLAIMS. @unix_time is 0 whenever %FALSE is returned.
 *
 * Returns: %TRUE if the claim is present and a valid NumericDate
 */
gboolean
grant_jwt_claims_get_time (GrantJwtClaims  *self,
                           const char      *name,
                           gint64          *unix_time,
                           GError         **error)
{
  JsonNode *node;
  GType type;
  gint64 seconds;

  g_return_val_if_fail (GRANT_IS_JWT_CLAIMS (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (unix_time != NULL)
    *unix_time = 0;

  node = json_object_get_member (self->object, name);
  if (node == NULL)
    return FALSE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type == G_TYPE_INT64)
    {
      seconds = json_node_get_int (node);
      if (seconds < MIN_UNIX_TIME || seconds > MAX_UNIX_TIME)
        {
          char value[G_ASCII_DTOSTR_BUF_SIZE];

          g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, seconds);
          return set_out_of_range_error (name, value, (double) seconds, error);
        }
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double number = json_node_get_double (node);

      /* Written so that NaN, which no JSON text gives but which costs nothing to refuse,
       * fails too. Truncation moves toward zero, hence the open bounds one second out. */
      if (!(number > (double) MIN_UNIX_TIME - 1 && number < (double) MAX_UNIX_TIME + 1))
        {
          char value[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_dtostr (value, sizeof value, number);
          return set_out_of_range_error (name, value, number, error);
        }

      seconds = (gint64) number;
    }
  else
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_CLAIMS,
                   "The claim “%s” must be a NumericDate, a JSON number of seconds "
                   "(RFC 7519 §2), not %s", name, describe_node (node));
      return FALSE;
    }

  if (unix_time != NULL)
    *unix_time = seconds;

  return TRUE;
}

/**
 * grant_jwt_claims_dup_audiences:
 * @self: a #GrantJwtClaims
 * @error: return location for a #GError
 *
 * Reads the “aud” claim (RFC 7519 §4.1.3), which is a single string or an array of strings,
 * as a list either way. An empty array gives an empty list, not %NULL.
 *
 * Returns: (transfer full) (nullable): the audiences; %NULL without @error set when “aud” is
 *   absent, %NULL with %GRANT_JOSE_ERROR_INVALID_CLAIMS when it has another type or the array
 *   holds something other than a string
 */
GStrv
grant_jwt_claims_dup_audiences (GrantJwtClaims  *self,
                                GError         **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *node;
  JsonArray *array;
  guint length;

  g_return_val_if_fail (GRANT_IS_JWT_CLAIMS (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = json_object_get_member (self->object, "aud");
  if (node == NULL)
    return NULL;

  builder = g_strv_builder_new ();

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_strv_builder_add (builder, json_node_get_string (node));
      return g_strv_builder_end (builder);
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_CLAIMS,
                   "The claim “aud” must be a string or an array of strings (RFC 7519 §4.1.3), "
                   "not %s", describe_node (node));
      return NULL;
    }

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, GRANT_JOSE_ERROR, GRANT_JOSE_ERROR_INVALID_CLAIMS,
                       "Element %u of the claim “aud” is %s; every audience must be a string "
                       "(RFC 7519 §4.1.3)", i, describe_node (element));
          return NULL;
        }

      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/**
 * grant_jwt_claims_dup_scope:
 * @self: a #GrantJwtClaims
 *
 * Reads the scope of an access token: the space-separated "scope" claim (RFC 9068 §2.2.3,
 * RFC 8693 §4.2), or else an "scp" array of strings as some servers write it, joined with
 * spaces. Elements of "scp" that are not strings are left out.
 *
 * Returns: (transfer full) (nullable): the scope, or %NULL when the token has neither claim
 */
char *
grant_jwt_claims_dup_scope (GrantJwtClaims *self)
{
  JsonNode *scp;
  JsonArray *array;
  GString *joined;

  g_return_val_if_fail (GRANT_IS_JWT_CLAIMS (self), NULL);

  if (grant_jwt_claims_get_string (self, "scope") != NULL)
    return g_strdup (grant_jwt_claims_get_string (self, "scope"));

  scp = json_object_get_member (self->object, "scp");
  if (scp == NULL || !JSON_NODE_HOLDS_ARRAY (scp))
    return NULL;

  array = json_node_get_array (scp);
  joined = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "",
                                json_node_get_string (element));
    }

  return g_string_free (joined, FALSE);
}

/* GLib's %Y does not pad years before 1000 to four digits, so the fields are put together by
 * hand, the same width for every year. */
static char *
format_date_time (GDateTime *date_time)
{
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d",
                          g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time),
                          g_date_time_get_hour (date_time),
                          g_date_time_get_minute (date_time),
                          g_date_time_get_second (date_time));
}

/**
 * grant_jwt_format_time:
 * @unix_time: a time in seconds since 1970-01-01T00:00:00Z
 * @now: the present, in the same unit
 *
 * Shows a time as a person reads it: the date and time in the local time zone, then how far
 * it is from @now, such as “2026-11-27 10:04:05 (in 4 min)”. A time the local zone cannot
 * show (past the year 9999) is shown in UTC, and one GDateTime cannot show at all as the
 * number itself.
 *
 * Returns: (transfer full): the text
 */
char *
grant_jwt_format_time (gint64 unix_time,
                       gint64 now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *date = NULL;

  relative = grant_jwt_format_relative (unix_time, now);

  local = g_date_time_new_from_unix_local (unix_time);
  if (local != NULL)
    {
      date = format_date_time (local);
      return g_strdup_printf ("%s (%s)", date, relative);
    }

  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc != NULL)
    {
      date = format_date_time (utc);
      return g_strdup_printf ("%s UTC (%s)", date, relative);
    }

  return g_strdup_printf ("%" G_GINT64_FORMAT " (%s)", unix_time, relative);
}

/**
 * grant_jwt_format_relative:
 * @unix_time: a time in seconds since 1970-01-01T00:00:00Z
 * @now: the present, in the same unit
 *
 * Says how far @unix_time is from @now, in the largest whole unit, rounded down: “now” within
 * 5 seconds either way, then “in 42 s” or “42 s ago” below a minute, “in 4 min” or
 * “4 min ago” below an hour, “in 3 h” or “3 h ago” below a day, then “in 1 day”,
 * “2 days ago”. Rounding down means 119 seconds is “1 min” and 47 hours “1 day”: never more
 * time than there is.
 *
 * Returns: (transfer full): the phrase
 */
char *
grant_jwt_format_relative (gint64 unix_time,
                           gint64 now)
{
  gboolean future = unix_time >= now;
  guint64 distance;
  g_autofree char *amount = NULL;

  /* Unsigned subtraction cannot overflow, and the true distance always fits in 64 bits. */
  distance = future ? (guint64) unix_time - (guint64) now : (guint64) now - (guint64) unix_time;

  if (distance < NOW_SECONDS)
    return g_strdup ("now");

  if (distance < 60)
    amount = g_strdup_printf ("%" G_GUINT64_FORMAT " s", distance);
  else if (distance < 60 * 60)
    amount = g_strdup_printf ("%" G_GUINT64_FORMAT " min", distance / 60);
  else if (distance < 24 * 60 * 60)
    amount = g_strdup_printf ("%" G_GUINT64_FORMAT " h", distance / (60 * 60));
  else if (distance < 2 * 24 * 60 * 60)
    amount = g_strdup ("1 day");
  else
    amount = g_strdup_printf ("%" G_GUINT64_FORMAT " days", distance / (24 * 60 * 60));

  return future ? g_strdup_printf ("in %s", amount) : g_strdup_printf ("%s ago", amount);
}
