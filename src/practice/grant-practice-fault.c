/* grant-practice-fault.c
 * The practice provider's fault switches: what each one breaks, and its name on the command line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-practice-fault.h"

static const GrantPracticeFaultInfo faults[GRANT_PRACTICE_N_FAULTS] = {
  [GRANT_PRACTICE_FAULT_WRONG_STATE] = {
    "wrong-state", N_("Wrong State"),
    N_("The authorization response returns another state than the one sent. A client must "
       "refuse it: the state is what ties the response to its own request (RFC 6749 §10.12)."),
  },
  [GRANT_PRACTICE_FAULT_MISSING_ISS] = {
    "missing-iss", N_("Missing Issuer in the Response"),
    N_("The authorization response has no iss parameter although the discovery document "
       "promises one. A client must refuse it, or it cannot tell mix-up attacks (RFC 9207 §2.4)."),
  },
  [GRANT_PRACTICE_FAULT_ID_TOKEN_BAD_SIGNATURE] = {
    "id-token-bad-signature", N_("ID Token With a Bad Signature"),
    N_("ID tokens are signed, then one byte of the signature is changed. A client must verify "
       "the signature with the provider's keys (OpenID Connect Core §3.1.3.7)."),
  },
  [GRANT_PRACTICE_FAULT_ID_TOKEN_ALG_NONE] = {
    "id-token-alg-none", N_("Unsigned ID Token"),
    N_("ID tokens are sent with alg \"none\" and no signature. A client must refuse an "
       "unsigned ID token from the token endpoint unless it registered for one."),
  },
  [GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_NONCE] = {
    "id-token-wrong-nonce", N_("ID Token With Another Nonce"),
    N_("ID tokens carry a nonce other than the one in the authorization request. A client "
       "must compare them, or a token can be replayed (OpenID Connect Core §3.1.3.7)."),
  },
  [GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_AUDIENCE] = {
    "id-token-wrong-audience", N_("ID Token for Another Client"),
    N_("ID tokens name another client in aud. A client must check that it is the audience, "
       "or it accepts tokens issued to someone else."),
  },
  [GRANT_PRACTICE_FAULT_ID_TOKEN_EXPIRED] = {
    "id-token-expired", N_("Expired ID Token"),
    N_("ID tokens are already expired when issued. A client must check exp, allowing only a "
       "small clock skew."),
  },
  [GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS] = {
    "short-access-tokens", N_("Short-Lived Access Tokens"),
    N_("Access tokens expire after the chosen number of seconds, so that expiry and refresh "
       "can be watched live."),
    N_("Seconds"), 30, 1, 86400,
  },
  [GRANT_PRACTICE_FAULT_REFRESH_REUSE_DETECTION] = {
    "refresh-reuse-detection", N_("Refresh Token Reuse Detection"),
    N_("Presenting a refresh token that was already rotated revokes every token of its family, "
       "the newest too (OAuth 2.0 Security BCP §4.14.2)."),
  },
  [GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT] = {
    "slow-token-endpoint", N_("Slow Token Endpoint"),
    N_("The token endpoint waits the chosen number of milliseconds before it answers."),
    N_("Milliseconds"), 3000, 1, 120000,
  },
  [GRANT_PRACTICE_FAULT_TOKEN_ENDPOINT_ERROR] = {
    "token-endpoint-error", N_("Token Endpoint Fails"),
    N_("The token endpoint answers 500 Internal Server Error to every request."),
  },
  [GRANT_PRACTICE_FAULT_API_RATE_LIMIT] = {
    "api-rate-limit", N_("API Rate Limit"),
    N_("The protected API answers every other request with 429 Too Many Requests and a "
       "Retry-After of the chosen number of seconds."),
    N_("Seconds"), 1, 0, 60,
  },
  [GRANT_PRACTICE_FAULT_API_IGNORES_SCOPES] = {
    "api-ignores-scopes", N_("API Ignores Scopes"),
    N_("The protected API checks the access token but not its scopes, so a token without "
       "photos:write can post photos. The security probes and the scope matrix show it."),
  },
  [GRANT_PRACTICE_FAULT_PASSWORD_GRANT] = {
    "password-grant", N_("Allow the Password Grant"),
    N_("The legacy resource owner password credentials grant is allowed for practice-web. "
       "It gives the client the user's password; the Security BCP forbids it (§2.4)."),
  },
};

/**
 * grant_practice_fault_get_info:
 * @fault: a #GrantPracticeFault
 *
 * Returns: (transfer none): the fault's name, title, description and number, if it takes one
 */
const GrantPracticeFaultInfo *
grant_practice_fault_get_info (GrantPracticeFault fault)
{
  g_return_val_if_fail (fault < GRANT_PRACTICE_N_FAULTS, NULL);

  return &faults[fault];
}

/**
 * grant_practice_fault_parse:
 * @text: a fault's name, with "=NUMBER" for one that takes a number ("slow-token-endpoint=500")
 * @fault: (out): the fault
 * @value: (out): the number, or the fault's default when @text has none
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @text names a fault, with a number in its range where one is given
 */
gboolean
grant_practice_fault_parse (const char         *text,
                            GrantPracticeFault *fault,
                            guint              *value,
                            GError            **error)
{
  g_autofree char *name = NULL;
  const char *equals;

  g_return_val_if_fail (text != NULL, FALSE);

  equals = strchr (text, '=');
  name = equals != NULL ? g_strndup (text, equals - text) : g_strdup (text);

  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      const GrantPracticeFaultInfo *info = &faults[i];
      guint64 number = info->default_value;

      if (g_strcmp0 (info->name, name) != 0)
        continue;

      if (equals != NULL)
        {
          g_autoptr(GError) local_error = NULL;

          if (info->value_label == NULL)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The fault “%s” takes no number"), name);
              return FALSE;
            }
          if (!g_ascii_string_to_unsigned (equals + 1, 10, info->min_value, info->max_value,
                                           &number, &local_error))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The fault “%s” takes a number from %u to %u: %s"),
                           name, info->min_value, info->max_value, local_error->message);
              return FALSE;
            }
        }

      *fault = i;
      *value = (guint) number;
      return TRUE;
    }

  {
    g_autoptr(GString) names = g_string_new (NULL);

    for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", faults[i].name);
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("There is no fault “%s”. The faults are: %s"), name, names->str);
  }
  return FALSE;
}
