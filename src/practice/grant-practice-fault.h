/* grant-practice-fault.h
 * The practice provider's fault switches: what each one breaks, and its name on the command line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GrantPracticeFault:
 * @GRANT_PRACTICE_FAULT_WRONG_STATE: the authorization response carries another state
 * @GRANT_PRACTICE_FAULT_MISSING_ISS: the authorization response has no RFC 9207 iss
 * @GRANT_PRACTICE_FAULT_ID_TOKEN_BAD_SIGNATURE: ID tokens have a signature that does not verify
 * @GRANT_PRACTICE_FAULT_ID_TOKEN_ALG_NONE: ID tokens are unsigned (alg "none")
 * @GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_NONCE: ID tokens carry another nonce
 * @GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_AUDIENCE: ID tokens are for another client
 * @GRANT_PRACTICE_FAULT_ID_TOKEN_EXPIRED: ID tokens have expired when issued
 * @GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS: access tokens expire after the chosen number of seconds
 * @GRANT_PRACTICE_FAULT_REFRESH_REUSE_DETECTION: presenting a rotated refresh token again revokes its family
 * @GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT: the token endpoint answers after the chosen delay
 * @GRANT_PRACTICE_FAULT_TOKEN_ENDPOINT_ERROR: the token endpoint answers 500
 * @GRANT_PRACTICE_FAULT_API_RATE_LIMIT: the API answers 429 with Retry-After every other request
 * @GRANT_PRACTICE_FAULT_API_IGNORES_SCOPES: the API checks the token but not its scopes
 * @GRANT_PRACTICE_FAULT_PASSWORD_GRANT: the legacy password grant is allowed (a switch, not a fault)
 *
 * Faults a teacher or tester turns on to show what a client must catch.
 */
typedef enum
{
  GRANT_PRACTICE_FAULT_WRONG_STATE,
  GRANT_PRACTICE_FAULT_MISSING_ISS,
  GRANT_PRACTICE_FAULT_ID_TOKEN_BAD_SIGNATURE,
  GRANT_PRACTICE_FAULT_ID_TOKEN_ALG_NONE,
  GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_NONCE,
  GRANT_PRACTICE_FAULT_ID_TOKEN_WRONG_AUDIENCE,
  GRANT_PRACTICE_FAULT_ID_TOKEN_EXPIRED,
  GRANT_PRACTICE_FAULT_SHORT_ACCESS_TOKENS,
  GRANT_PRACTICE_FAULT_REFRESH_REUSE_DETECTION,
  GRANT_PRACTICE_FAULT_SLOW_TOKEN_ENDPOINT,
  GRANT_PRACTICE_FAULT_TOKEN_ENDPOINT_ERROR,
  GRANT_PRACTICE_FAULT_API_RATE_LIMIT,
  GRANT_PRACTICE_FAULT_API_IGNORES_SCOPES,
  GRANT_PRACTICE_FAULT_PASSWORD_GRANT,
  GRANT_PRACTICE_N_FAULTS
} GrantPracticeFault;

/**
 * GrantPracticeFaultInfo:
 * @name: the name on the command line and in saved settings, e.g. "wrong-state"
 * @title: a short, translatable title for the switch
 * @description: what turning it on does and what a client should do about it (translatable)
 * @value_label: (nullable): what the fault's number means ("Seconds", "Milliseconds"), or %NULL
 * @default_value: the number the fault uses unless another is chosen
 * @min_value: the smallest number allowed
 * @max_value: the largest number allowed
 */
typedef struct
{
  const char *name;
  const char *title;
  const char *description;
  const char *value_label;
  guint       default_value;
  guint       min_value;
  guint       max_value;
} GrantPracticeFaultInfo;

const GrantPracticeFaultInfo *grant_practice_fault_get_info   (GrantPracticeFault  fault);
gboolean                      grant_practice_fault_parse      (const char         *text,
                                                               GrantPracticeFault *fault,
                                                               guint              *value,
                                                               GError            **error);

G_END_DECLS
