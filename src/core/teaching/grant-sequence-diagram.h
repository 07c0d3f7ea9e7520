/* grant-sequence-diagram.h
 * The sequence diagram of a flow: an arrow per request and response of the exchange log,
 * between the browser, Grant, the authorization server and the resource server.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-exchange-log.h"
#include "grant-provider-metadata.h"
#include "grant-sequence-arrow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_SEQUENCE_DIAGRAM (grant_sequence_diagram_get_type ())

G_DECLARE_FINAL_TYPE (GrantSequenceDiagram, grant_sequence_diagram,
                      GRANT, SEQUENCE_DIAGRAM, GObject)

GrantSequenceDiagram *grant_sequence_diagram_new          (GrantExchangeLog      *log);
GrantExchangeLog     *grant_sequence_diagram_get_log      (GrantSequenceDiagram  *self);
void                  grant_sequence_diagram_set_log      (GrantSequenceDiagram  *self,
                                                           GrantExchangeLog      *log);
guint                 grant_sequence_diagram_get_start    (GrantSequenceDiagram  *self);
void                  grant_sequence_diagram_set_start    (GrantSequenceDiagram  *self,
                                                           guint                  start);
const char * const   *grant_sequence_diagram_get_authorization_server_urls
                                                          (GrantSequenceDiagram  *self);
void                  grant_sequence_diagram_set_authorization_server_urls
                                                          (GrantSequenceDiagram  *self,
                                                           const char * const    *urls);
void                  grant_sequence_diagram_set_provider_metadata
                                                          (GrantSequenceDiagram  *self,
                                                           GrantProviderMetadata *metadata);
GrantSequenceLifeline grant_sequence_diagram_classify_url (GrantSequenceDiagram  *self,
                                                           const char            *url);
GrantSequenceArrow   *grant_sequence_diagram_peek_arrow   (GrantSequenceDiagram  *self,
                                                           guint                  position);
guint                 grant_sequence_diagram_find_exchange (GrantSequenceDiagram *self,
                                                            GrantExchange        *exchange);
void                  grant_sequence_diagram_place_lifelines
                                                          (GrantSequenceDiagram  *self,
                                                           const double          *header_widths,
                                                           const double          *label_widths,
                                                           double                 min_gap,
                                                           double                 padding,
                                                           double                *positions);
char                 *grant_sequence_diagram_to_svg       (GrantSequenceDiagram  *self,
                                                           double                 scale);

G_END_DECLS
