/* grant-probe.c
 * One security probe of an API request: what it sends, what a sound API answers, what it did.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A probe knows what it sends (in words, never the token itself) and how to judge an answer:
 * each kind's expectation, with the RFC that sets it, is in grant-probe.h. A verdict is
 * "failed" when the API let through what it must refuse (the point of the probes), refused
 * what it must accept, or did not answer; "warned" when its answer is allowed but not the best
 * one. GrantProbeSuite builds the requests and runs them.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "grant-base64url.h"
#include "grant-jose-error.h"
#include "grant-jose-json.h"
#include "grant-jws.h"
#include "grant-probe.h"

struct _GrantProbe
{
  GObject             parent_instance;

  GrantProbeKind      kind;
  gboolean            dpop_bound;
  char               *sends;
  char               *expected;
  GrantHttpRequest   *request;
  GrantProbeVerdict   verdict;
  char               *reason;
  GrantExchange      *exchange;
  GrantAuthDiagnosis *diagnosis;
};

G_DEFINE_FINAL_TYPE (GrantProbe, grant_probe, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_DPOP_BOUND,
  PROP_VERDICT,
  PROP_REASON,
  PROP_EXCHANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each kind's script name and title. The title is marked for translation and stays English in
 * exports; the UI translates it where it shows it. */
static const struct
{
  const char *id;
  const char *name;
} kinds[] = {
  [GRANT_PROBE_VALID_TOKEN] = { "valid-token", N_("Valid token") },
  [GRANT_PROBE_NO_TOKEN] = { "no-token", N_("No token") },
  [GRANT_PROBE_NO_SCHEME] = { "no-scheme", N_("No scheme") },
  [GRANT_PROBE_WRONG_SCHEME] = { "wrong-scheme", N_("Wrong scheme") },
  [GRANT_PROBE_LOWER_CASE_SCHEME] = { "lower-case-scheme", N_("Lower-case scheme") },
  [GRANT_PROBE_EXTRA_SPACES] = { "extra-spaces", N_("Extra spaces") },
  [GRANT_PROBE_TWO_TOKENS] = { "two-tokens", N_("Two tokens") },
  [GRANT_PROBE_TOKEN_IN_QUERY] = { "token-in-query", N_("Token in the query string") },
  [GRANT_PROBE_SIGNATURE_STRIPPED] = { "signature-stripped", N_("Signature stripped") },
  [GRANT_PROBE_ALG_NONE] = { "alg-none", N_("alg none") },
  [GRANT_PROBE_PAYLOAD_TAMPERED] = { "payload-tampered", N_("Payload tampered") },
  [GRANT_PROBE_EXPIRED_TOKEN] = { "expired-token", N_("Expired token") },
  [GRANT_PROBE_OTHER_AUDIENCE] = { "other-audience", N_("Token for another audience") },
  [GRANT_PROBE_DPOP_AS_BEARER] = { "dpop-as-bearer", N_("DPoP-bound token as Bearer") },
  [GRANT_PROBE_DPOP_PROOF_REPLAYED] = { "dpop-proof-replayed", N_("DPoP proof replayed") },
  [GRANT_PROBE_REVOKED_TOKEN] = { "revoked-token", N_("Revoked token") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == GRANT_PROBE_KIND_LAST + 1);

static void
grant_probe_finalize (GObject *object)
{
  GrantProbe *self = (GrantProbe *)object;

  g_clear_pointer (&self->sends, g_free);
  g_clear_pointer (&self->expected, g_free);
  g_clear_object (&self->request);
  g_clear_pointer (&self->reason, g_free);
  g_clear_object (&self->exchange);
  g_clear_object (&self->diagnosis);

  G_OBJECT_CLASS (grant_probe_parent_class)->finalize (object);
}

static void
grant_probe_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GrantProbe *self = GRANT_PROBE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_DPOP_BOUND:
      g_value_set_boolean (value, self->dpop_bound);
      break;
    case PROP_VERDICT:
      g_value_set_int (value, self->verdict);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_EXCHANGE:
      g_value_set_object (value, self->exchange);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_probe_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GrantProbe *self = GRANT_PROBE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_DPOP_BOUND:
      self->dpop_bound = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* What the probe sends, in words: the token itself never appears. Header lines are quoted as
 * they are sent; the words around them are translated. */
static char *
describe_header (GrantProbeKind kind,
                 const char     *scheme)
{
  switch (kind)
    {
    case GRANT_PROBE_VALID_TOKEN:
    case GRANT_PROBE_REVOKED_TOKEN:
      /* Translators: what a security probe sends; keep “Authorization:” and the scheme (%s,
       * Bearer or DPoP). The words in angle brackets stand for the token. */
      return g_strdup_printf (_("Authorization: %s <token>"), scheme);
    case GRANT_PROBE_NO_TOKEN:
      return g_strdup (_("No Authorization header"));
    case GRANT_PROBE_NO_SCHEME:
      return g_strdup (_("Authorization: <token>"));
    case GRANT_PROBE_WRONG_SCHEME:
      return g_strdup (_("Authorization: Token <token>"));
    case GRANT_PROBE_LOWER_CASE_SCHEME:
      return g_strdup_printf (_("Authorization: %s <token>"),
                              g_str_equal (scheme, "DPoP") ? "dpop" : "bearer");
    case GRANT_PROBE_EXTRA_SPACES:
      return g_strdup_printf (_("Authorization: %s, two spaces, <token>"), scheme);
    case GRANT_PROBE_TWO_TOKENS:
      return g_strdup_printf (_("Authorization: %s <token> <token>"), scheme);
    case GRANT_PROBE_TOKEN_IN_QUERY:
      return g_strdup (_("?access_token=<token>, no Authorization header"));
    case GRANT_PROBE_SIGNATURE_STRIPPED:
      return g_strdup_printf (_("Authorization: %s <header>.<payload>. (no signature)"), scheme);
    case GRANT_PROBE_ALG_NONE:
      return g_strdup_printf (_("Authorization: %s <token with \"alg\":\"none\", no signature>"),
                              scheme);
    case GRANT_PROBE_PAYLOAD_TAMPERED:
      return g_strdup_printf (_("Authorization: %s <token with sub changed, old signature>"),
                              scheme);
    case GRANT_PROBE_EXPIRED_TOKEN:
      return g_strdup_printf (_("Authorization: %s <expired token>"), scheme);
    case GRANT_PROBE_OTHER_AUDIENCE:
      return g_strdup_printf (_("Authorization: %s <token for another audience>"), scheme);
    case GRANT_PROBE_DPOP_AS_BEARER:
      return g_strdup (_("Authorization: Bearer <DPoP-bound token>, no DPoP proof"));
    case GRANT_PROBE_DPOP_PROOF_REPLAYED:
      return g_strdup (_("Authorization: DPoP <token> and the valid request's DPoP proof again"));
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_sends (GrantProbeKind kind,
                gboolean       dpop_bound)
{
  g_autofree char *header = describe_header (kind, dpop_bound ? "DPoP" : "Bearer");
  g_autofree char *with_proof = NULL;
  gboolean proof = dpop_bound
                   && kind != GRANT_PROBE_NO_TOKEN
                   && kind != GRANT_PROBE_TOKEN_IN_QUERY
                   && kind != GRANT_PROBE_DPOP_AS_BEARER
                   && kind != GRANT_PROBE_DPOP_PROOF_REPLAYED;

  if (proof)
    /* Translators: %s is what a security probe sends, such as “Authorization: DPoP <token>”. */
    with_proof = g_strdup_printf (_("%s and a DPoP proof"), header);
  else
    with_proof = g_steal_pointer (&header);
  if (kind == GRANT_PROBE_REVOKED_TOKEN)
    /* Translators: %s is what a security probe sends, such as “Authorization: DPoP <token>”. */
    return g_strdup_printf (_("%s, after revoking it (RFC 7009)"), with_proof);

  return g_steal_pointer (&with_proof);
}

static char *
describe_expected (GrantProbeKind kind,
                   gboolean       dpop_bound)
{
  /* The answers a sound API gives; the error codes are the protocol's. */
  switch (kind)
    {
    case GRANT_PROBE_VALID_TOKEN:
    case GRANT_PROBE_LOWER_CASE_SCHEME:
      return g_strdup ("2xx");
    case GRANT_PROBE_EXTRA_SPACES:
      /* Translators: the answer a sound API gives to a security probe: 2xx, and a warning
       * for 400 or 401. */
      return g_strdup (_("2xx (400/401: warning)"));
    case GRANT_PROBE_NO_TOKEN:
      return g_strdup (_("401 with a challenge"));
    case GRANT_PROBE_NO_SCHEME:
    case GRANT_PROBE_WRONG_SCHEME:
    case GRANT_PROBE_TWO_TOKENS:
      return g_strdup (_("400 or 401"));
    case GRANT_PROBE_TOKEN_IN_QUERY:
      return g_strdup (dpop_bound ? _("400 or 401") : _("400 or 401 (2xx: warning)"));
    case GRANT_PROBE_SIGNATURE_STRIPPED:
    case GRANT_PROBE_ALG_NONE:
    case GRANT_PROBE_PAYLOAD_TAMPERED:
    case GRANT_PROBE_EXPIRED_TOKEN:
    case GRANT_PROBE_OTHER_AUDIENCE:
    case GRANT_PROBE_DPOP_AS_BEARER:
    case GRANT_PROBE_REVOKED_TOKEN:
      return g_strdup ("401 invalid_token");
    case GRANT_PROBE_DPOP_PROOF_REPLAYED:
      return g_strdup (_("401 invalid_dpop_proof (2xx: warning)"));
    default:
      g_assert_not_reached ();
    }
}

static void
grant_probe_constructed (GObject *object)
{
  GrantProbe *self = GRANT_PROBE (object);

  G_OBJECT_CLASS (grant_probe_parent_class)->constructed (object);

  g_assert (self->kind >= 0 && self->kind <= GRANT_PROBE_KIND_LAST);
  self->sends = describe_sends (self->kind, self->dpop_bound);
  self->expected = describe_expected (self->kind, self->dpop_bound);
}

static void
grant_probe_class_init (GrantProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = grant_probe_constructed;
  object_class->finalize = grant_probe_finalize;
  object_class->get_property = grant_probe_get_property;
  object_class->set_property = grant_probe_set_property;

  /**
   * GrantProbe:kind:
   *
   * The #GrantProbeKind.
   */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, GRANT_PROBE_KIND_LAST, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantProbe:dpop-bound:
   *
   * Whether the token is DPoP-bound: it then goes with the DPoP scheme and a proof.
   */
  properties[PROP_DPOP_BOUND] =
    g_param_spec_boolean ("dpop-bound", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantProbe:verdict:
   *
   * The #GrantProbeVerdict.
   */
  properties[PROP_VERDICT] =
    g_param_spec_int ("verdict", NULL, NULL, GRANT_PROBE_PENDING, GRANT_PROBE_SKIPPED,
                      GRANT_PROBE_PENDING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantProbe:reason:
   *
   * Why the verdict, in a sentence or two.
   */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GrantProbe:exchange:
   *
   * The request as sent and the API's answer, once there is one.
   */
  properties[PROP_EXCHANGE] =
    g_param_spec_object ("exchange", NULL, NULL, GRANT_TYPE_EXCHANGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_probe_init (GrantProbe *self)
{
  self->verdict = GRANT_PROBE_PENDING;
}

/**
 * grant_probe_new:
 * @kind: what the probe tries
 * @dpop_bound: whether the token is DPoP-bound (sent with the DPoP scheme and a proof)
 *
 * Returns: (transfer full): a pending probe, without a request yet
 */
GrantProbe *
grant_probe_new (GrantProbeKind kind,
                 gboolean       dpop_bound)
{
  g_return_val_if_fail (kind >= 0 && kind <= GRANT_PROBE_KIND_LAST, NULL);

  return g_object_new (GRANT_TYPE_PROBE, "kind", kind, "dpop-bound", dpop_bound, NULL);
}

/**
 * grant_probe_get_kind:
 * @self: a #GrantProbe
 *
 * Returns: what the probe tries
 */
GrantProbeKind
grant_probe_get_kind (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), GRANT_PROBE_VALID_TOKEN);

  return self->kind;
}

/**
 * grant_probe_get_dpop_bound:
 * @self: a #GrantProbe
 *
 * Returns: whether the token is DPoP-bound
 */
gboolean
grant_probe_get_dpop_bound (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), FALSE);

  return self->dpop_bound;
}

/**
 * grant_probe_get_id:
 * @self: a #GrantProbe
 *
 * Returns: the probe's name for scripts, such as "signature-stripped"
 */
const char *
grant_probe_get_id (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  return kinds[self->kind].id;
}

/**
 * grant_probe_get_name:
 * @self: a #GrantProbe
 *
 * Returns: the probe's title, such as "Signature stripped"
 */
const char *
grant_probe_get_name (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  return kinds[self->kind].name;
}

/**
 * grant_probe_get_sends:
 * @self: a #GrantProbe
 *
 * Returns: what the probe sends, in words; the token itself never appears
 */
const char *
grant_probe_get_sends (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  return self->sends;
}

/**
 * grant_probe_get_expected:
 * @self: a #GrantProbe
 *
 * Returns: what a sound API answers, such as "401 invalid_token" or "400 or 401"
 */
const char *
grant_probe_get_expected (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  return self->expected;
}

/**
 * grant_probe_get_request:
 * @self: a #GrantProbe
 *
 * Returns: (transfer none) (nullable): the request the probe sends, or %NULL when it has
 *   none (yet, or because it is skipped)
 */
GrantHttpRequest *
grant_probe_get_request (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  return self->request;
}

/**
 * grant_probe_set_request:
 * @self: a #GrantProbe
 * @request: (nullable): the request to send
 */
void
grant_probe_set_request (GrantProbe       *self,
                         GrantHttpRequest *request)
{
  g_return_if_fail (GRANT_IS_PROBE (self));
  g_return_if_fail (request == NULL || GRANT_IS_HTTP_REQUEST (request));

  g_set_object (&self->request, request);
}

/**
 * grant_probe_get_verdict:
 * @self: a #GrantProbe
 *
 * Returns: the verdict, %GRANT_PROBE_PENDING until the probe ran or was skipped
 */
GrantProbeVerdict
grant_probe_get_verdict (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), GRANT_PROBE_PENDING);

  return self->verdict;
}

/**
 * grant_probe_get_reason:
 * @self: a #GrantProbe
 *
 * Returns: (nullable): why the verdict, or %NULL while pending
 */
const char *
grant_probe_get_reason (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  return self->reason;
}

/**
 * grant_probe_get_exchange:
 * @self: a #GrantProbe
 *
 * Returns: (transfer none) (nullable): the exchange, once the probe ran
 */
GrantExchange *
grant_probe_get_exchange (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  return self->exchange;
}

/**
 * grant_probe_get_diagnosis:
 * @self: a #GrantProbe
 *
 * Returns: (transfer none) (nullable): why the API answered as it did, once it answered
 */
GrantAuthDiagnosis *
grant_probe_get_diagnosis (GrantProbe *self)
{
  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  return self->diagnosis;
}

/**
 * grant_probe_dup_actual:
 * @self: a #GrantProbe
 *
 * Returns: (transfer full): what the API answered, short: its status and the OAuth error
 *   code if it gave one ("401 invalid_token", "200"), "no answer", or "-" when the probe
 *   did not run
 */
char *
grant_probe_dup_actual (GrantProbe *self)
{
  const char *error;

  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  if (self->exchange == NULL)
    return g_strdup ("-");
  if (grant_exchange_get_state (self->exchange) != GRANT_EXCHANGE_COMPLETE)
    return g_strdup (_("no answer"));

  error = self->diagnosis != NULL ? grant_auth_diagnosis_get_error (self->diagnosis) : NULL;
  if (error != NULL)
    return g_strdup_printf ("%u %s", grant_exchange_get_status (self->exchange), error);

  return g_strdup_printf ("%u", grant_exchange_get_status (self->exchange));
}

static void
set_verdict (GrantProbe        *self,
             GrantProbeVerdict  verdict,
             char              *reason)
{
  gboolean changed = self->verdict != verdict;

  self->verdict = verdict;
  g_free (self->reason);
  self->reason = reason;

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

/**
 * grant_probe_skip:
 * @self: a #GrantProbe
 * @reason: why the probe cannot apply
 *
 * Marks the probe skipped. A skipped probe is never counted as passed.
 */
void
grant_probe_skip (GrantProbe *self,
                  const char *reason)
{
  g_return_if_fail (GRANT_IS_PROBE (self));
  g_return_if_fail (reason != NULL);

  set_verdict (self, GRANT_PROBE_SKIPPED, g_strdup (reason));
}

/* Why an API that accepted this probe is wrong. */
static const char *
accepted_failure (GrantProbeKind kind)
{
  switch (kind)
    {
    case GRANT_PROBE_NO_TOKEN:
      return _("The API answered without any token: this request is not protected.");
    case GRANT_PROBE_NO_SCHEME:
      return _("The API took a bare token without a scheme: it does not check the "
             "Authorization header's syntax (RFC 6750 §2.1).");
    case GRANT_PROBE_WRONG_SCHEME:
      return _("The API took the token with the “Token” scheme: it ignores the scheme.");
    case GRANT_PROBE_TWO_TOKENS:
      return _("The API took a header with two tokens: it picks one instead of refusing a "
             "malformed header (RFC 6750 §3.1, invalid_request).");
    case GRANT_PROBE_TOKEN_IN_QUERY:
      return _("The API took a DPoP-bound token from the query string, without a proof: the "
             "binding to the client's key is bypassed (RFC 9449 §7).");
    case GRANT_PROBE_SIGNATURE_STRIPPED:
      return _("The API accepted the token without its signature: it does not verify "
             "signatures, so anyone can forge a token.");
    case GRANT_PROBE_ALG_NONE:
      return _("The API accepted an unsigned token (\"alg\":\"none\"): it lets the token choose "
             "how it is checked (RFC 8725 §2.1, §3.1).");
    case GRANT_PROBE_PAYLOAD_TAMPERED:
      return _("The API accepted a token whose claims were changed after signing: it does not "
             "verify the signature (RFC 7515 §5.2).");
    case GRANT_PROBE_EXPIRED_TOKEN:
      return _("The API accepted an expired token: it does not check exp (RFC 7519 §4.1.4).");
    case GRANT_PROBE_OTHER_AUDIENCE:
      return _("The API accepted a token meant for another audience: it does not check aud "
             "(RFC 9068 §4), so a token for any API of this issuer opens this one.");
    case GRANT_PROBE_DPOP_AS_BEARER:
      return _("The API accepted a DPoP-bound token as a Bearer token, without a proof: the "
             "binding is not enforced (RFC 9449 §7.2), and a stolen token works.");
    case GRANT_PROBE_REVOKED_TOKEN:
      return _("The API accepted the token after it was revoked: revocation (RFC 7009) does "
             "not reach it. An API that checks JWTs locally needs introspection (RFC 7662) "
             "or short-lived tokens for it to.");
    case GRANT_PROBE_VALID_TOKEN:
    case GRANT_PROBE_LOWER_CASE_SCHEME:
    case GRANT_PROBE_EXTRA_SPACES:
    case GRANT_PROBE_DPOP_PROOF_REPLAYED:
    default:
      g_assert_not_reached ();
    }
}

static char *
judge_status (GrantProbe        *self,
              guint              status,
              const char        *error,
              gboolean           challenged,
              GrantProbeVerdict *verdict)
{
  gboolean accepted = status >= 200 && status < 300;
  gboolean refused = status == 400 || status == 401;

  switch (self->kind)
    {
    case GRANT_PROBE_VALID_TOKEN:
      *verdict = accepted ? GRANT_PROBE_PASSED : GRANT_PROBE_FAILED;
      if (accepted)
        return g_strdup (_("The API accepted the request with the valid token."));
      return g_strdup_printf (_("The API refused the valid request (%u), so the other probes' "
                              "refusals prove nothing: fix the token or the request first."),
                              status);

    case GRANT_PROBE_LOWER_CASE_SCHEME:
      *verdict = accepted ? GRANT_PROBE_PASSED : GRANT_PROBE_FAILED;
      if (accepted)
        return g_strdup (_("The API reads the scheme case-insensitively, as RFC 9110 §11.1 "
                         "requires."));
      return g_strdup_printf (_("The API refused the scheme in lower case (%u): auth schemes "
                              "are case-insensitive (RFC 9110 §11.1), so this request is "
                              "valid."), status);

    case GRANT_PROBE_EXTRA_SPACES:
      if (accepted)
        {
          *verdict = GRANT_PROBE_PASSED;
          return g_strdup (_("The API accepts the spaces the credentials grammar allows "
                           "(RFC 9110 §11.4)."));
        }
      *verdict = status >= 500 ? GRANT_PROBE_FAILED : GRANT_PROBE_WARNED;
      return g_strdup_printf (_("The API refused the header (%u): RFC 9110 §11.4 allows one or "
                              "more spaces after the scheme, so its parser is stricter than "
                              "the grammar; safe, but valid clients are turned away."), status);

    case GRANT_PROBE_NO_TOKEN:
      if (accepted)
        break;
      if (status == 401 && challenged)
        {
          *verdict = GRANT_PROBE_PASSED;
          return g_strdup (_("The API asked for a token with a 401 challenge."));
        }
      *verdict = GRANT_PROBE_WARNED;
      if (status == 401)
        return g_strdup (_("The API refused, but its 401 has no WWW-Authenticate challenge, "
                         "which RFC 9110 §15.5.2 requires."));
      return g_strdup_printf (_("The API refused with %u; RFC 6750 §3.1 answers a request "
                              "without a token with 401 and a challenge."), status);

    case GRANT_PROBE_NO_SCHEME:
    case GRANT_PROBE_WRONG_SCHEME:
    case GRANT_PROBE_TWO_TOKENS:
      if (accepted)
        break;
      *verdict = refused ? GRANT_PROBE_PASSED : GRANT_PROBE_WARNED;
      if (refused)
        return g_strdup_printf (_("The API refused the malformed header (%u)."), status);
      return g_strdup_printf (_("The API refused with %u; RFC 6750 §3.1 answers a malformed "
                              "request with 400 invalid_request (or 401)."), status);

    case GRANT_PROBE_TOKEN_IN_QUERY:
      if (accepted && self->dpop_bound)
        break;
      if (accepted)
        {
          *verdict = GRANT_PROBE_WARNED;
          return g_strdup (_("The API takes the token from the query string: RFC 6750 §2.3 "
                           "allows it, but URLs end up in logs and browser history, and "
                           "RFC 9700 §4.3.2 says clients must not send tokens that way."));
        }
      *verdict = refused ? GRANT_PROBE_PASSED : GRANT_PROBE_WARNED;
      if (refused)
        return g_strdup_printf (_("The API does not take tokens from the URL (%u)."), status);
      return g_strdup_printf (_("The API refused with %u rather than 400 or 401."), status);

    case GRANT_PROBE_SIGNATURE_STRIPPED:
    case GRANT_PROBE_ALG_NONE:
    case GRANT_PROBE_PAYLOAD_TAMPERED:
    case GRANT_PROBE_EXPIRED_TOKEN:
    case GRANT_PROBE_OTHER_AUDIENCE:
    case GRANT_PROBE_DPOP_AS_BEARER:
    case GRANT_PROBE_REVOKED_TOKEN:
      if (accepted)
        break;
      if (status == 401 && g_strcmp0 (error, "invalid_token") == 0)
        {
          *verdict = GRANT_PROBE_PASSED;
          return g_strdup (_("The API refused the token with 401 invalid_token."));
        }
      *verdict = GRANT_PROBE_WARNED;
      if (status == 401)
        {
          if (error != NULL)
            /* Translators: %s is an OAuth error code */
            return g_strdup_printf (_("The API refused the token, but with the error “%s” "
                                      "rather than the invalid_token that RFC 6750 §3.1 "
                                      "names."), error);
          return g_strdup (_("The API refused the token, but without an error code rather "
                             "than the invalid_token that RFC 6750 §3.1 names."));
        }
      return g_strdup_printf (_("The API refused with %u; RFC 6750 §3.1 answers an invalid "
                              "token with 401 invalid_token."), status);

    case GRANT_PROBE_DPOP_PROOF_REPLAYED:
      if (accepted)
        {
          *verdict = GRANT_PROBE_WARNED;
          return g_strdup (_("The API accepted the same DPoP proof twice. RFC 9449 §11.1 allows "
                           "it within the proof's time window; remembering each proof's jti, "
                           "or server nonces (§9), stop a captured proof from being "
                           "replayed."));
        }
      *verdict = refused ? GRANT_PROBE_PASSED : GRANT_PROBE_WARNED;
      if (refused)
        {
          if (error != NULL)
            /* Translators: %u is an HTTP status, %s an OAuth error code */
            return g_strdup_printf (_("The API refused the replayed proof (%u %s)."), status,
                                    error);
          /* Translators: %u is an HTTP status */
          return g_strdup_printf (_("The API refused the replayed proof (%u)."), status);
        }
      return g_strdup_printf (_("The API refused with %u rather than 401."), status);

    default:
      g_assert_not_reached ();
    }

  /* Every break above is a request that the API accepted and must not have. */
  *verdict = GRANT_PROBE_FAILED;
  return g_strdup (accepted_failure (self->kind));
}

/**
 * grant_probe_judge:
 * @self: a #GrantProbe
 * @exchange: the probe's request and the API's answer (or its failure)
 * @token_scope: (nullable): the token's scope, for the diagnosis
 * @token_expires_at: when the token expires (Unix time), or -1, for the diagnosis
 *
 * Holds @exchange, diagnoses its answer, and sets the verdict and its reason. An exchange
 * without an answer fails the probe.
 */
void
grant_probe_judge (GrantProbe    *self,
                   GrantExchange *exchange,
                   const char    *token_scope,
                   gint64         token_expires_at)
{
  GrantProbeVerdict verdict = GRANT_PROBE_FAILED;
  char *reason;

  g_return_if_fail (GRANT_IS_PROBE (self));
  g_return_if_fail (GRANT_IS_EXCHANGE (exchange));

  g_set_object (&self->exchange, exchange);
  g_clear_object (&self->diagnosis);

  if (grant_exchange_get_state (exchange) != GRANT_EXCHANGE_COMPLETE)
    {
      const GError *error = grant_exchange_get_error (exchange);

      /* Translators: %s is an error message, or “the request failed” */
      reason = g_strdup_printf (_("The API did not answer: %s."),
                                error != NULL ? error->message : _("the request failed"));
    }
  else
    {
      self->diagnosis = grant_auth_diagnosis_new_for_exchange (exchange, token_scope,
                                                               token_expires_at);
      reason = judge_status (self, grant_exchange_get_status (exchange),
                             grant_auth_diagnosis_get_error (self->diagnosis),
                             grant_exchange_get_response_header (exchange,
                                                                 "WWW-Authenticate") != NULL,
                             &verdict);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCHANGE]);
  set_verdict (self, verdict, reason);
}

/**
 * grant_probe_to_json:
 * @self: a #GrantProbe
 *
 * One row of the probe table, without the token: `id`, `name`, `sends`, `expected`,
 * `status` (null when there was no answer), `actual`, `verdict`, `reason`, and `diagnosis`
 * (`problem`, `error`, `said`, `cause`) when the API answered.
 *
 * Returns: (transfer full): the row
 */
JsonObject *
grant_probe_to_json (GrantProbe *self)
{
  JsonObject *object;
  g_autofree char *actual = NULL;

  g_return_val_if_fail (GRANT_IS_PROBE (self), NULL);

  object = json_object_new ();
  actual = grant_probe_dup_actual (self);
  json_object_set_string_member (object, "id", grant_probe_get_id (self));
  json_object_set_string_member (object, "name", grant_probe_get_name (self));
  json_object_set_string_member (object, "sends", self->sends);
  json_object_set_string_member (object, "expected", self->expected);
  if (self->exchange != NULL
      && grant_exchange_get_state (self->exchange) == GRANT_EXCHANGE_COMPLETE)
    json_object_set_int_member (object, "status", grant_exchange_get_status (self->exchange));
  else
    json_object_set_null_member (object, "status");
  json_object_set_string_member (object, "actual", actual);
  json_object_set_string_member (object, "verdict", grant_probe_verdict_get_name (self->verdict));
  if (self->reason != NULL)
    json_object_set_string_member (object, "reason", self->reason);
  else
    json_object_set_null_member (object, "reason");

  if (self->diagnosis != NULL)
    {
      JsonObject *why = json_object_new ();
      GrantAuthProblem problem = grant_auth_diagnosis_get_problem (self->diagnosis);

      json_object_set_string_member (why, "problem", grant_auth_problem_get_name (problem));
      if (grant_auth_diagnosis_get_error (self->diagnosis) != NULL)
        json_object_set_string_member (why, "error",
                                       grant_auth_diagnosis_get_error (self->diagnosis));
      json_object_set_string_member (why, "said", grant_auth_diagnosis_get_said (self->diagnosis));
      json_object_set_string_member (why, "cause",
                                     grant_auth_diagnosis_get_cause (self->diagnosis));
      json_object_set_object_member (object, "diagnosis", why);
    }

  return object;
}

/**
 * grant_probe_verdict_get_name:
 * @verdict: a #GrantProbeVerdict
 *
 * Returns: the verdict's name for scripts: "pending", "passed", "warned", "failed" or
 *   "skipped"
 */
const char *
grant_probe_verdict_get_name (GrantProbeVerdict verdict)
{
  switch (verdict)
    {
    case GRANT_PROBE_PENDING:
      return "pending";
    case GRANT_PROBE_PASSED:
      return "passed";
    case GRANT_PROBE_WARNED:
      return "warned";
    case GRANT_PROBE_FAILED:
      return "failed";
    case GRANT_PROBE_SKIPPED:
      return "skipped";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- Tampering ------------------------------------------------------------------------ */

/* The JWS parsed (which says what is wrong with one that is not), and where its parts end. */
static GrantJws *
parse_parts (const char  *jws,
             gsize       *header_end,
             gsize       *payload_end,
             GError     **error)
{
  g_autoptr(GrantJws) parsed = grant_jws_parse (jws, -1, error);
  const char *first;
  const char *second;

  if (parsed == NULL)
    return NULL;

  first = strchr (jws, '.');
  second = first != NULL ? strchr (first + 1, '.') : NULL;
  g_assert (second != NULL);
  *header_end = first - jws;
  *payload_end = second - jws;

  return g_steal_pointer (&parsed);
}

static char *
encode_object (JsonObject *object)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  gsize length = 0;

  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);

  return grant_base64url_encode ((const guint8 *) text, length);
}

/**
 * grant_probe_strip_signature:
 * @jws: a JWS in compact serialization
 * @error: return location for a #GrantJoseError when @jws is not one
 *
 * Returns: (transfer full) (nullable): `header.payload.`: @jws without its signature
 */
char *
grant_probe_strip_signature (const char  *jws,
                             GError     **error)
{
  g_autoptr(GrantJws) parsed = NULL;
  gsize header_end;
  gsize payload_end;

  g_return_val_if_fail (jws != NULL, NULL);

  parsed = parse_parts (jws, &header_end, &payload_end, error);
  if (parsed == NULL)
    return NULL;

  return g_strndup (jws, payload_end + 1);
}

/**
 * grant_probe_make_alg_none:
 * @jws: a JWS in compact serialization
 * @error: return location for a #GrantJoseError when @jws is not one
 *
 * The attack of RFC 8725 §2.1: the header says `"alg":"none"` (its other members, such as
 * `kid` and `typ`, kept), the payload is the same, and the signature is empty.
 *
 * Returns: (transfer full) (nullable): the unsecured JWS
 */
char *
grant_probe_make_alg_none (const char  *jws,
                           GError     **error)
{
  g_autoptr(GrantJws) parsed = NULL;
  g_autoptr(JsonObject) header = json_object_new ();
  g_autofree char *encoded = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gsize header_end;
  gsize payload_end;

  g_return_val_if_fail (jws != NULL, NULL);

  parsed = parse_parts (jws, &header_end, &payload_end, error);
  if (parsed == NULL)
    return NULL;

  json_object_set_string_member (header, "alg", "none");
  json_object_iter_init (&iter, grant_jws_get_header (parsed));
  while (json_object_iter_next (&iter, &name, &value))
    if (strcmp (name, "alg") != 0)
      json_object_set_member (header, name, json_node_copy (value));
  encoded = encode_object (header);

  return g_strdup_printf ("%s.%.*s.", encoded, (int) (payload_end - header_end - 1),
                          jws + header_end + 1);
}

/**
 * grant_probe_tamper_payload:
 * @jws: a JWS in compact serialization whose payload is a JSON object (a JWT)
 * @error: return location for a #GrantJoseError when @jws is not one
 *
 * Changes one claim and keeps the old signature: `sub` gets "-tampered" appended, or is
 * set to "grant-probe" when the token has none. Any change must break the signature; `sub`
 * is the claim an API trusts most.
 *
 * Returns: (transfer full) (nullable): the tampered JWS
 */
char *
grant_probe_tamper_payload (const char  *jws,
                            GError     **error)
{
  g_autoptr(GrantJws) parsed = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *sub = NULL;
  GBytes *payload;
  gsize header_end;
  gsize payload_end;

  g_return_val_if_fail (jws != NULL, NULL);

  parsed = parse_parts (jws, &header_end, &payload_end, error);
  if (parsed == NULL)
    return NULL;

  payload = grant_jws_get_payload (parsed);
  claims = grant_jose_json_parse_object (g_bytes_get_data (payload, NULL),
                                         g_bytes_get_size (payload), N_("The JWT claims set"),
                                         error);
  if (claims == NULL)
    return NULL;

  sub = grant_jose_json_lookup_string (claims, "sub") != NULL
        ? g_strconcat (grant_jose_json_lookup_string (claims, "sub"), "-tampered", NULL)
        : g_strdup ("grant-probe");
  json_object_set_string_member (claims, "sub", sub);
  encoded = encode_object (claims);

  return g_strdup_printf ("%.*s.%s.%s", (int) header_end, jws, encoded, jws + payload_end + 1);
}
