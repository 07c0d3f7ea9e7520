/* grant-sequence-arrow.h
 * One arrow of a sequence diagram: a request or a response between two lifelines.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-exchange.h"

G_BEGIN_DECLS

/**
 * GrantSequenceLifeline:
 * @GRANT_SEQUENCE_USER_AGENT: the user's browser (the user agent of RFC 6749)
 * @GRANT_SEQUENCE_CLIENT: Grant, the client
 * @GRANT_SEQUENCE_AUTHORIZATION_SERVER: the authorization server
 * @GRANT_SEQUENCE_RESOURCE_SERVER: the resource server, the API that takes the access token
 * @GRANT_SEQUENCE_N_LIFELINES: how many lifelines there are
 *
 * The parties of a flow, left to right in the order a diagram draws them.
 */
typedef enum
{
  GRANT_SEQUENCE_USER_AGENT,
  GRANT_SEQUENCE_CLIENT,
  GRANT_SEQUENCE_AUTHORIZATION_SERVER,
  GRANT_SEQUENCE_RESOURCE_SERVER,
  GRANT_SEQUENCE_N_LIFELINES,
} GrantSequenceLifeline;

/**
 * GrantSequenceArrowKind:
 * @GRANT_SEQUENCE_ARROW_REQUEST: a request, or a navigation of the browser
 * @GRANT_SEQUENCE_ARROW_RESPONSE: the response to the request before it
 */
typedef enum
{
  GRANT_SEQUENCE_ARROW_REQUEST,
  GRANT_SEQUENCE_ARROW_RESPONSE,
} GrantSequenceArrowKind;

#define GRANT_TYPE_SEQUENCE_LIFELINE (grant_sequence_lifeline_get_type ())
GType grant_sequence_lifeline_get_type (void);
#define GRANT_TYPE_SEQUENCE_ARROW_KIND (grant_sequence_arrow_kind_get_type ())
GType grant_sequence_arrow_kind_get_type (void);

#define GRANT_TYPE_SEQUENCE_ARROW (grant_sequence_arrow_get_type ())

G_DECLARE_FINAL_TYPE (GrantSequenceArrow, grant_sequence_arrow, GRANT, SEQUENCE_ARROW, GObject)

GrantSequenceArrow     *grant_sequence_arrow_new         (GrantExchange          *exchange,
                                                          GrantSequenceArrowKind  kind,
                                                          GrantSequenceLifeline   from,
                                                          GrantSequenceLifeline   to,
                                                          const char             *label,
                                                          const char             *detail,
                                                          gboolean                failed);
GrantExchange          *grant_sequence_arrow_get_exchange (GrantSequenceArrow    *self);
GrantSequenceArrowKind  grant_sequence_arrow_get_kind     (GrantSequenceArrow    *self);
GrantSequenceLifeline   grant_sequence_arrow_get_from     (GrantSequenceArrow    *self);
GrantSequenceLifeline   grant_sequence_arrow_get_to       (GrantSequenceArrow    *self);
const char             *grant_sequence_arrow_get_label    (GrantSequenceArrow    *self);
const char             *grant_sequence_arrow_get_detail   (GrantSequenceArrow    *self);
gboolean                grant_sequence_arrow_get_failed   (GrantSequenceArrow    *self);
gboolean                grant_sequence_arrow_get_pending  (GrantSequenceArrow    *self);

const char             *grant_sequence_lifeline_get_name  (GrantSequenceLifeline  lifeline);

G_END_DECLS
