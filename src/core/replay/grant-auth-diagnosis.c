/* grant-auth-diagnosis.c
 * Why an API answered 401 or 403: what the server said, and the likely cause in plain words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read from the status, the WWW-Authenticate challenges (RFC 6750 §3, RFC 9449 §7, RFC 9470
 * §3), the scheme the token was sent with, and what Grant knows of the token (its scope and
 * expiry). The challenge that explains is the one with an error code, of the scheme the token
 * was sent with if there is one; a server may offer several schemes in one header.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "grant-auth-challenge.h"
#include "grant-auth-diagnosis.h"
#include "grant-jwt-claims.h"

struct _GrantAuthDiagnosis
{
  GObject           parent_instance;

  GrantAuthProblem  problem;
  char             *error;
  char             *said;
  char             *cause;
  GStrv             missing_scopes;
};

G_DEFINE_FINAL_TYPE (GrantAuthDiagnosis, grant_auth_diagnosis, G_TYPE_OBJECT)

static void
grant_auth_diagnosis_finalize (GObject *object)
{
  GrantAuthDiagnosis *self = (GrantAuthDiagnosis *)object;

  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->said, g_free);
  g_clear_pointer (&self->cause, g_free);
  g_clear_pointer (&self->missing_scopes, g_strfreev);

  G_OBJECT_CLASS (grant_auth_diagnosis_parent_class)->finalize (object);
}

static void
grant_auth_diagnosis_class_init (GrantAuthDiagnosisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grant_auth_diagnosis_finalize;
}

static void
grant_auth_diagnosis_init (GrantAuthDiagnosis *self)
{
}

/* The challenge that explains the refusal. */
static GrantAuthChallenge *
choose_challenge (GPtrArray  *challenges,
                  const char *sent_scheme)
{
  GrantAuthChallenge *with_error = NULL;
  GrantAuthChallenge *of_scheme = NULL;

  for (guint i = 0; i < challenges->len; i++)
    {
      GrantAuthChallenge *challenge = g_ptr_array_index (challenges, i);
      gboolean sent = sent_scheme != NULL && grant_auth_challenge_is_scheme (challenge,
                                                                             sent_scheme);

      if (grant_auth_challenge_lookup (challenge, "error") != NULL)
        {
          if (sent)
            return challenge;
          if (with_error == NULL)
            with_error = challenge;
        }
      if (sent && of_scheme == NULL)
        of_scheme = challenge;
    }

  if (with_error != NULL)
    return with_error;
  if (of_scheme != NULL)
    return of_scheme;

  return challenges->len > 0 ? g_ptr_array_index (challenges, 0) : NULL;
}

/* “a”, “b” and “c” */
static char *
quote_list (const char * const *items)
{
  GString *out = g_string_new (NULL);
  guint n = g_strv_length ((GStrv) items);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        /* Translators: joins the last two of a list of quoted scopes, as in
         * “a”, “b” and “c” */
        g_string_append (out, i + 1 == n ? _(" and ") : ", ");
      g_string_append_printf (out, "“%s”", items[i]);
    }

  return g_string_free (out, FALSE);
}

/* What the server said, as a sentence. */
static char *
describe_said (guint               status,
               GrantAuthChallenge *challenge)
{
  static const char * const shown[] = { "error_description", "scope", "acr_values", "max_age",
                                        "algs", "realm" };
  GString *out = g_string_new (NULL);
  const char *error = challenge != NULL ? grant_auth_challenge_lookup (challenge, "error") : NULL;

  if (challenge != NULL)
    /* Translators: %u is an HTTP status, %s an authentication scheme such as Bearer; the
     * challenge's error and parameters may follow, then a full stop */
    g_string_append_printf (out, _("The server answered %u with a %s challenge"), status,
                            grant_auth_challenge_get_scheme (challenge));
  else
    /* Translators: %u is an HTTP status; a full stop follows */
    g_string_append_printf (out, _("The server answered %u"), status);
  if (error != NULL)
    /* Translators: appended to “The server answered 401 with a Bearer challenge”; %s is an
     * OAuth error code such as invalid_token */
    g_string_append_printf (out, _(", error “%s”"), error);
  for (guint i = 0; challenge != NULL && i < G_N_ELEMENTS (shown); i++)
    {
      const char *value = grant_auth_challenge_lookup (challenge, shown[i]);

      if (value != NULL)
        g_string_append_printf (out, ", %s “%s”", shown[i], value);
    }
  g_string_append_c (out, '.');

  return g_string_free (out, FALSE);
}

/* The scopes the challenge asks for that the token does not have; all of them when the
 * token's scope is unknown. */
static GStrv
find_missing_scopes (const char *required,
                     const char *token_scope)
{
  g_auto(GStrv) needed = g_strsplit_set (required != NULL ? required : "", " ", -1);
  g_auto(GStrv) held = g_strsplit_set (token_scope != NULL ? token_scope : "", " ", -1);
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();

  for (guint i = 0; needed[i] != NULL; i++)
    if (needed[i][0] != '\0' && !g_strv_contains ((const char * const *) held, needed[i]))
      g_strv_builder_add (missing, needed[i]);

  return g_strv_builder_end (missing);
}

static void
diagnose_error (GrantAuthDiagnosis *self,
                GrantAuthChallenge *challenge,
                const char         *sent_scheme,
                const char         *token_scope,
                gint64              token_expires_at)
{
  const char *description = grant_auth_challenge_lookup (challenge, "error_description");
  const char *scheme = grant_auth_challenge_get_scheme (challenge);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_str_equal (self->error, "insufficient_scope"))
    {
      const char *required = grant_auth_challenge_lookup (challenge, "scope");
      g_autofree char *list = NULL;

      self->problem = GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE;
      g_strfreev (self->missing_scopes);
      self->missing_scopes = find_missing_scopes (required, token_scope);
      list = quote_list ((const char * const *) self->missing_scopes);
      if (self->missing_scopes[0] != NULL)
        /* Translators: %s is a list of quoted scopes, such as “read” and “write” */
        self->cause = g_strdup_printf (ngettext ("The token lacks the scope %s that this "
                                                 "request needs: get a token with it (ask for "
                                                 "it in the scope parameter) and send the "
                                                 "request again.",
                                                 "The token lacks the scopes %s that this "
                                                 "request needs: get a token with them (ask for "
                                                 "them in the scope parameter) and send the "
                                                 "request again.",
                                                 g_strv_length (self->missing_scopes)),
                                       list);
      else if (required != NULL)
        self->cause = g_strdup_printf (_("The server asks for the scope “%s”, which the token "
                                       "has: the API's rule and the token disagree, or the "
                                       "API reads its permissions from elsewhere (the "
                                       "audience, a resource indicator, the user's roles)."),
                                       required);
      else
        self->cause = g_strdup (_("The token lacks a scope that this request needs; the server "
                                "did not say which (RFC 6750 lets it name them in the "
                                "challenge's scope)."));
      return;
    }

  if (g_str_equal (self->error, "invalid_token"))
    {
      if (token_expires_at >= 0 && token_expires_at <= now)
        {
          g_autofree char *when = grant_jwt_format_time (token_expires_at, now);

          self->problem = GRANT_AUTH_PROBLEM_EXPIRED_TOKEN;
          self->cause = g_strdup_printf (_("The token expired at %s: refresh it, or run the "
                                         "flow again."), when);
        }
      else if (description != NULL && strstr (description, "xpired") != NULL)
        {
          self->problem = GRANT_AUTH_PROBLEM_EXPIRED_TOKEN;
          self->cause = g_strdup (_("The server says the token expired: refresh it, or run the "
                                  "flow again. If Grant shows it as still valid, the two "
                                  "clocks disagree."));
        }
      else if (sent_scheme != NULL && !grant_auth_challenge_is_scheme (challenge, sent_scheme))
        {
          self->problem = GRANT_AUTH_PROBLEM_WRONG_SCHEME;
          if (g_ascii_strcasecmp (scheme, "DPoP") == 0)
            /* Translators: the first %s is the scheme the server wants, the second the one
             * the token was sent with */
            self->cause = g_strdup_printf (_("The server wants this token with the %s scheme, "
                                             "and it was sent with %s: a DPoP-bound token goes "
                                             "with a DPoP proof (RFC 9449 §7)."),
                                           scheme, sent_scheme);
          else
            /* Translators: the first %s is the scheme the server wants, the second the one
             * the token was sent with */
            self->cause = g_strdup_printf (_("The server wants this token with the %s scheme, "
                                             "and it was sent with %s."),
                                           scheme, sent_scheme);
        }
      else
        {
          self->problem = GRANT_AUTH_PROBLEM_INVALID_TOKEN;
          self->cause = g_strdup (_("The server does not accept the token: it may be revoked, "
                                  "malformed, signed by another server, or meant for another "
                                  "audience. Check its claims (exp, aud, iss) in the "
                                  "inspector, or get a new one."));
        }
      return;
    }

  if (g_str_equal (self->error, "use_dpop_nonce"))
    {
      self->problem = GRANT_AUTH_PROBLEM_DPOP_NONCE;
      self->cause = g_strdup (_("The server wants its nonce in the DPoP proof: send the request "
                              "again with a new proof carrying the nonce of its DPoP-Nonce "
                              "header (RFC 9449 §9)."));
      return;
    }

  if (g_str_equal (self->error, "insufficient_user_authentication"))
    {
      const char *acr_values = grant_auth_challenge_lookup (challenge, "acr_values");
      const char *max_age = grant_auth_challenge_lookup (challenge, "max_age");
      self->problem = GRANT_AUTH_PROBLEM_STEP_UP;
      if (acr_values != NULL && max_age != NULL)
        /* Translators: the first and third %s are the acr_values the server asks for, the
         * second and fourth its max_age in seconds; keep acr_values= and max_age= */
        self->cause = g_strdup_printf (_("The user must sign in again at the level “%s”, at "
                                         "most %s seconds before the request: run the "
                                         "authorization code flow again with acr_values=%s "
                                         "and max_age=%s (RFC 9470)."),
                                       acr_values, max_age, acr_values, max_age);
      else if (acr_values != NULL)
        /* Translators: both %s are the acr_values the server asks for; keep acr_values= */
        self->cause = g_strdup_printf (_("The user must sign in again at the level “%s”: run "
                                         "the authorization code flow again with "
                                         "acr_values=%s (RFC 9470)."),
                                       acr_values, acr_values);
      else if (max_age != NULL)
        /* Translators: both %s are the max_age the server asks for, in seconds; keep
         * max_age= */
        self->cause = g_strdup_printf (_("The user must sign in again, at most %s seconds "
                                         "before the request: run the authorization code flow "
                                         "again with max_age=%s (RFC 9470)."),
                                       max_age, max_age);
      else
        self->cause = g_strdup (_("The user must sign in again: run the authorization code "
                                  "flow again with prompt=login (RFC 9470)."));
      return;
    }

  if (g_str_equal (self->error, "invalid_request"))
    {
      self->problem = GRANT_AUTH_PROBLEM_INVALID_REQUEST;
      self->cause = g_strdup (_("The request is malformed for the server: for example the token "
                              "sent in two ways at once (header, body, query), or a DPoP "
                              "proof missing."));
      return;
    }

  self->problem = GRANT_AUTH_PROBLEM_UNEXPLAINED;
  self->cause = g_strdup_printf (_("The server's error “%s” is not one of those RFC 6750, "
                                 "RFC 9449 and RFC 9470 define; its description may say more."),
                                 self->error);
}

/**
 * grant_auth_diagnosis_new:
 * @status: the response's status
 * @www_authenticate: (nullable): its WWW-Authenticate header, several fields joined by ", "
 * @authorization: (nullable): the Authorization header that was sent; only its scheme is read
 * @token_scope: (nullable): the scope the token was granted, if known
 * @token_expires_at: when the token expires (Unix time), or -1 if unknown
 *
 * Returns: (transfer full): the diagnosis
 */
GrantAuthDiagnosis *
grant_auth_diagnosis_new (guint       status,
                          const char *www_authenticate,
                          const char *authorization,
                          const char *token_scope,
                          gint64      token_expires_at)
{
  g_autoptr(GrantAuthDiagnosis) self = g_object_new (GRANT_TYPE_AUTH_DIAGNOSIS, NULL);
  g_autoptr(GPtrArray) challenges = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *sent_scheme = NULL;
  GrantAuthChallenge *challenge = NULL;

  self->missing_scopes = g_new0 (char *, 1);
  if (authorization != NULL && *authorization != '\0')
    sent_scheme = g_strndup (authorization, strcspn (authorization, " \t"));

  if (www_authenticate != NULL)
    {
      challenges = grant_auth_challenge_parse (www_authenticate, -1, &parse_error);
      if (challenges != NULL)
        challenge = choose_challenge (challenges, sent_scheme);
    }
  if (challenge != NULL)
    self->error = g_strdup (grant_auth_challenge_lookup (challenge, "error"));

  if (parse_error != NULL)
    self->said = g_strdup_printf (_("The server answered %u with a WWW-Authenticate header that "
                                  "Grant cannot read. %s."), status, parse_error->message);
  else if (www_authenticate == NULL && status == 401)
    self->said = g_strdup (_("The server answered 401 without a WWW-Authenticate header, which "
                           "RFC 9110 §15.5.2 requires."));
  else
    self->said = describe_said (status, challenge);

  if (status != 400 && status != 401 && status != 403)
    {
      self->problem = GRANT_AUTH_PROBLEM_NONE;
      self->cause = g_strdup (_("The request was not refused for its authorization."));
    }
  else if (self->error != NULL)
    diagnose_error (self, challenge, sent_scheme, token_scope, token_expires_at);
  else if (status == 400)
    {
      self->problem = GRANT_AUTH_PROBLEM_NONE;
      self->cause = g_strdup (_("The server found the request itself wrong, not its "
                              "authorization."));
    }
  else if (status == 403)
    {
      self->problem = GRANT_AUTH_PROBLEM_FORBIDDEN;
      self->cause = g_strdup (_("The API accepts the token but refuses the request for reasons "
                              "of its own, without an OAuth error: the user or the client "
                              "may not do this."));
    }
  else if (sent_scheme == NULL)
    {
      self->problem = GRANT_AUTH_PROBLEM_NO_TOKEN;
      self->cause = g_strdup_printf (_("No access token was sent, and the server wants one: send "
                                     "it in the Authorization header, with the %s scheme."),
                                     challenge != NULL
                                     ? grant_auth_challenge_get_scheme (challenge) : "Bearer");
    }
  else if (challenges != NULL && challenges->len > 0
           && grant_auth_challenge_find (challenges, sent_scheme) == NULL)
    {
      self->problem = GRANT_AUTH_PROBLEM_WRONG_SCHEME;
      self->cause = g_strdup_printf (_("The server takes tokens with the %s scheme, and this one "
                                     "was sent with %s."),
                                     grant_auth_challenge_get_scheme (challenge), sent_scheme);
    }
  else
    {
      self->problem = GRANT_AUTH_PROBLEM_UNEXPLAINED;
      self->cause = g_strdup (_("The server refused the token without an error code, which "
                              "RFC 6750 §3 asks for when a token was sent. Check the token's "
                              "claims (exp, aud, scope) in the inspector."));
    }

  return g_steal_pointer (&self);
}

/**
 * grant_auth_diagnosis_new_for_exchange:
 * @exchange: a completed exchange with a resource server
 * @token_scope: (nullable): the scope the token was granted, if known
 * @token_expires_at: when the token expires (Unix time), or -1 if unknown
 *
 * Returns: (transfer full): the diagnosis of the exchange's response
 */
GrantAuthDiagnosis *
grant_auth_diagnosis_new_for_exchange (GrantExchange *exchange,
                                       const char    *token_scope,
                                       gint64         token_expires_at)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (exchange), NULL);

  return grant_auth_diagnosis_new (grant_exchange_get_status (exchange),
                                   grant_exchange_get_response_header (exchange,
                                                                       "WWW-Authenticate"),
                                   grant_http_request_get_header (
                                     grant_exchange_get_request (exchange), "Authorization"),
                                   token_scope, token_expires_at);
}

/**
 * grant_auth_problem_get_name:
 * @problem: a #GrantAuthProblem
 *
 * Returns: the problem's name for scripts: "none", "no_token", "invalid_token",
 *   "expired_token", "insufficient_scope", "wrong_scheme", "use_dpop_nonce", "step_up",
 *   "invalid_request", "forbidden" or "unexplained"
 */
const char *
grant_auth_problem_get_name (GrantAuthProblem problem)
{
  static const char * const names[] = {
    [GRANT_AUTH_PROBLEM_NONE] = "none",
    [GRANT_AUTH_PROBLEM_NO_TOKEN] = "no_token",
    [GRANT_AUTH_PROBLEM_INVALID_TOKEN] = "invalid_token",
    [GRANT_AUTH_PROBLEM_EXPIRED_TOKEN] = "expired_token",
    [GRANT_AUTH_PROBLEM_INSUFFICIENT_SCOPE] = "insufficient_scope",
    [GRANT_AUTH_PROBLEM_WRONG_SCHEME] = "wrong_scheme",
    [GRANT_AUTH_PROBLEM_DPOP_NONCE] = "use_dpop_nonce",
    [GRANT_AUTH_PROBLEM_STEP_UP] = "step_up",
    [GRANT_AUTH_PROBLEM_INVALID_REQUEST] = "invalid_request",
    [GRANT_AUTH_PROBLEM_FORBIDDEN] = "forbidden",
    [GRANT_AUTH_PROBLEM_UNEXPLAINED] = "unexplained",
  };

  g_return_val_if_fail (problem < G_N_ELEMENTS (names), NULL);

  return names[problem];
}

GrantAuthProblem
grant_auth_diagnosis_get_problem (GrantAuthDiagnosis *self)
{
  g_return_val_if_fail (GRANT_IS_AUTH_DIAGNOSIS (self), GRANT_AUTH_PROBLEM_NONE);

  return self->problem;
}

/**
 * grant_auth_diagnosis_get_said:
 * @self: a #GrantAuthDiagnosis
 *
 * Returns: what the server said: the status and the explaining challenge's parameters
 */
const char *
grant_auth_diagnosis_get_said (GrantAuthDiagnosis *self)
{
  g_return_val_if_fail (GRANT_IS_AUTH_DIAGNOSIS (self), NULL);

  return self->said;
}

/**
 * grant_auth_diagnosis_get_cause:
 * @self: a #GrantAuthDiagnosis
 *
 * Returns: the likely cause, and what to do, in plain words
 */
const char *
grant_auth_diagnosis_get_cause (GrantAuthDiagnosis *self)
{
  g_return_val_if_fail (GRANT_IS_AUTH_DIAGNOSIS (self), NULL);

  return self->cause;
}

/**
 * grant_auth_diagnosis_get_missing_scopes:
 * @self: a #GrantAuthDiagnosis
 *
 * Returns: (transfer none): for insufficient_scope, the scopes the server asks for that the
 *   token lacks (all it asks for when the token's scope is unknown); otherwise empty
 */
const char * const *
grant_auth_diagnosis_get_missing_scopes (GrantAuthDiagnosis *self)
{
  g_return_val_if_fail (GRANT_IS_AUTH_DIAGNOSIS (self), NULL);

  return (const char * const *) self->missing_scopes;
}

/**
 * grant_auth_diagnosis_get_error:
 * @self: a #GrantAuthDiagnosis
 *
 * Returns: (nullable): the explaining challenge's error code
 */
const char *
grant_auth_diagnosis_get_error (GrantAuthDiagnosis *self)
{
  g_return_val_if_fail (GRANT_IS_AUTH_DIAGNOSIS (self), NULL);

  return self->error;
}
