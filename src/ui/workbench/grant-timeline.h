/* grant-timeline.h
 * The steps of a flow, front and back channel, and the raw request and response of one.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-exchange-log.h"

G_BEGIN_DECLS

#define GRANT_TYPE_TIMELINE (grant_timeline_get_type ())

G_DECLARE_FINAL_TYPE (GrantTimeline, grant_timeline, GRANT, TIMELINE, GtkWidget)

GtkWidget        *grant_timeline_new          (void);
GrantExchangeLog *grant_timeline_get_log      (GrantTimeline    *self);
void              grant_timeline_set_log      (GrantTimeline    *self,
                                               GrantExchangeLog *log);
GtkSingleSelection *grant_timeline_get_selection (GrantTimeline *self);
gboolean          grant_timeline_select_exchange (GrantTimeline *self,
                                                  GrantExchange *exchange);
char             *grant_timeline_dup_detail   (GrantTimeline    *self);
const char       *grant_timeline_get_view     (GrantTimeline    *self);
void              grant_timeline_set_view     (GrantTimeline    *self,
                                               const char       *view);
GtkTextBuffer    *grant_timeline_get_text_buffer (GrantTimeline *self,
                                                  const char    *part);
char             *grant_timeline_dup_status_text (GrantExchange *exchange);

G_END_DECLS
