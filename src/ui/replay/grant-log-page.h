/* grant-log-page.h
 * The Log page: every exchange of the window, filtered, raw, as curl, to and from HAR.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-exchange-log.h"
#include "grant-log-filter.h"

G_BEGIN_DECLS

#define GRANT_TYPE_LOG_PAGE (grant_log_page_get_type ())

G_DECLARE_FINAL_TYPE (GrantLogPage, grant_log_page, GRANT, LOG_PAGE, GtkWidget)

GtkWidget        *grant_log_page_new          (void);
GrantExchangeLog *grant_log_page_get_log      (GrantLogPage          *self);
void              grant_log_page_set_log      (GrantLogPage          *self,
                                               GrantExchangeLog      *log);
void              grant_log_page_set_filter   (GrantLogPage          *self,
                                               const char            *text,
                                               GrantLogStatusFilter   status,
                                               GrantLogChannelFilter  channel);
GListModel       *grant_log_page_get_shown    (GrantLogPage          *self);
GtkSingleSelection *grant_log_page_get_selection (GrantLogPage       *self);
char             *grant_log_page_dup_raw_text (GrantLogPage          *self);
gboolean          grant_log_page_get_include_secrets (GrantLogPage     *self);
void              grant_log_page_set_include_secrets (GrantLogPage     *self,
                                                      gboolean          include_secrets);

G_END_DECLS
