/* grant-probe.h
 * One security probe of an API request: what it sends, what a sound API answers, what it did.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "grant-auth-diagnosis.h"
#include "grant-exchange.h"

G_BEGIN_DECLS

/**
 * GrantProbeKind:
 * @GRANT_PROBE_VALID_TOKEN: the request as it is, with the valid token: the control. An API
 *   that refuses it makes every other refusal meaningless. Expected: 2xx.
 * @GRANT_PROBE_NO_TOKEN: no Authorization header. Expected: 401 with a challenge
 *   (RFC 6750 §3.1: a challenge without an error code; RFC 9110 §15.5.2).
 * @GRANT_PROBE_NO_SCHEME: `Authorization: <token>`. Expected: 400 or 401 (RFC 6750 §2.1
 *   wants the scheme; RFC 6750 §3.1 answers a malformed request with invalid_request).
 * @GRANT_PROBE_WRONG_SCHEME: `Authorization: Token <token>`, a scheme some APIs use and
 *   OAuth does not. Expected: 400 or 401.
 * @GRANT_PROBE_LOWER_CASE_SCHEME: `bearer` (or `dpop`) in lower case. Auth schemes are
 *   case-insensitive (RFC 9110 §11.1), so this is a valid request. Expected: 2xx.
 * @GRANT_PROBE_EXTRA_SPACES: two spaces between the scheme and the token, which the
 *   credentials grammar allows (`1*SP`, RFC 9110 §11.4). Expected: 2xx; 400 or 401 is a
 *   warning (a parser stricter than the grammar, safe but unkind).
 * @GRANT_PROBE_TWO_TOKENS: `Authorization: Bearer <token> <token>`: one header, two tokens.
 *   Expected: 400 or 401; an API that picks one of them is parsing loosely.
 * @GRANT_PROBE_TOKEN_IN_QUERY: no Authorization header, the token as the `access_token`
 *   query parameter. RFC 6750 §2.3 lets servers support it and RFC 9700 §4.3.2 tells
 *   clients never to use it (URLs end up in logs). Expected: 400 or 401; 2xx is a warning,
 *   and a failure for a DPoP-bound token (its binding is bypassed).
 * @GRANT_PROBE_SIGNATURE_STRIPPED: the JWT as `header.payload.`, without its signature.
 *   Expected: 401 invalid_token.
 * @GRANT_PROBE_ALG_NONE: the JWT's header re-encoded with `"alg":"none"`, no signature
 *   (RFC 7519 §6, RFC 8725 §2.1). Expected: 401 invalid_token.
 * @GRANT_PROBE_PAYLOAD_TAMPERED: the JWT's `sub` changed, the old signature kept.
 *   Expected: 401 invalid_token.
 * @GRANT_PROBE_EXPIRED_TOKEN: a token past its `exp`, given by the caller. Expected: 401
 *   invalid_token.
 * @GRANT_PROBE_OTHER_AUDIENCE: a token for another audience, given by the caller
 *   (RFC 9068 §4). Expected: 401 invalid_token.
 * @GRANT_PROBE_DPOP_AS_BEARER: a DPoP-bound token sent as Bearer, without a proof
 *   (RFC 9449 §7.2). Expected: 401 invalid_token.
 * @GRANT_PROBE_DPOP_PROOF_REPLAYED: the valid request's DPoP proof sent again. RFC 9449
 *   §11.1 lets a server accept a replay within its time window, and shows how not to.
 *   Expected: 401 invalid_dpop_proof; 2xx is a warning.
 * @GRANT_PROBE_REVOKED_TOKEN: the token after revoking it (RFC 7009), last since it kills
 *   the token. Expected: 401 invalid_token.
 *
 * The probes, in the order they run.
 */
typedef enum
{
  GRANT_PROBE_VALID_TOKEN,
  GRANT_PROBE_NO_TOKEN,
  GRANT_PROBE_NO_SCHEME,
  GRANT_PROBE_WRONG_SCHEME,
  GRANT_PROBE_LOWER_CASE_SCHEME,
  GRANT_PROBE_EXTRA_SPACES,
  GRANT_PROBE_TWO_TOKENS,
  GRANT_PROBE_TOKEN_IN_QUERY,
  GRANT_PROBE_SIGNATURE_STRIPPED,
  GRANT_PROBE_ALG_NONE,
  GRANT_PROBE_PAYLOAD_TAMPERED,
  GRANT_PROBE_EXPIRED_TOKEN,
  GRANT_PROBE_OTHER_AUDIENCE,
  GRANT_PROBE_DPOP_AS_BEARER,
  GRANT_PROBE_DPOP_PROOF_REPLAYED,
  GRANT_PROBE_REVOKED_TOKEN,
} GrantProbeKind;

/* The last of the kinds, for loops over all of them. */
#define GRANT_PROBE_KIND_LAST GRANT_PROBE_REVOKED_TOKEN

/**
 * GrantProbeVerdict:
 * @GRANT_PROBE_PENDING: not run yet
 * @GRANT_PROBE_PASSED: the API answered as expected
 * @GRANT_PROBE_WARNED: the API's answer is allowed but worth a note (the reason says why)
 * @GRANT_PROBE_FAILED: the API let through what it must refuse, refused what it must accept,
 *   or did not answer
 * @GRANT_PROBE_SKIPPED: the probe cannot apply (the reason says why); never a pass
 *
 * What a probe's answer means.
 */
typedef enum
{
  GRANT_PROBE_PENDING,
  GRANT_PROBE_PASSED,
  GRANT_PROBE_WARNED,
  GRANT_PROBE_FAILED,
  GRANT_PROBE_SKIPPED,
} GrantProbeVerdict;

const char *grant_probe_verdict_get_name (GrantProbeVerdict verdict);

#define GRANT_TYPE_PROBE (grant_probe_get_type ())

G_DECLARE_FINAL_TYPE (GrantProbe, grant_probe, GRANT, PROBE, GObject)

GrantProbe         *grant_probe_new              (GrantProbeKind      kind,
                                                  gboolean            dpop_bound);
GrantProbeKind      grant_probe_get_kind         (GrantProbe         *self);
gboolean            grant_probe_get_dpop_bound   (GrantProbe         *self);
const char         *grant_probe_get_id           (GrantProbe         *self);
const char         *grant_probe_get_name         (GrantProbe         *self);
const char         *grant_probe_get_sends        (GrantProbe         *self);
const char         *grant_probe_get_expected     (GrantProbe         *self);
GrantHttpRequest   *grant_probe_get_request      (GrantProbe         *self);
void                grant_probe_set_request      (GrantProbe         *self,
                                                  GrantHttpRequest   *request);
GrantProbeVerdict   grant_probe_get_verdict      (GrantProbe         *self);
const char         *grant_probe_get_reason       (GrantProbe         *self);
GrantExchange      *grant_probe_get_exchange     (GrantProbe         *self);
GrantAuthDiagnosis *grant_probe_get_diagnosis    (GrantProbe         *self);
char               *grant_probe_dup_actual       (GrantProbe         *self);
void                grant_probe_skip             (GrantProbe         *self,
                                                  const char         *reason);
void                grant_probe_judge            (GrantProbe         *self,
                                                  GrantExchange      *exchange,
                                                  const char         *token_scope,
                                                  gint64              token_expires_at);
JsonObject         *grant_probe_to_json          (GrantProbe         *self);

char               *grant_probe_strip_signature  (const char         *jws,
                                                  GError            **error);
char               *grant_probe_make_alg_none    (const char         *jws,
                                                  GError            **error);
char               *grant_probe_tamper_payload   (const char         *jws,
                                                  GError            **error);

G_END_DECLS
