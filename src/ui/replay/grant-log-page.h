/* grant-log-page.h
 * The Log page: every exchange of the window, filtered, raw, as curl, to and from HAR.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-exchange-log.h"

G_BEGIN_DECLS

/**
 * GrantLogStatusFilter:
 * @GRANT_LOG_STATUS_ANY: every exchange
 * @GRANT_LOG_STATUS_SUCCESS: 2xx
 * @GRANT_LOG_STATUS_REDIRECT: 3xx
 * @GRANT_LOG_STATUS_CLIENT_ERROR: 4xx
 * @GRANT_LOG_STATUS_SERVER_ERROR: 5xx
 * @GRANT_LOG_STATUS_FAILED: no response: a network or TLS error, a timeout
 */
typedef enum
{
  GRANT_LOG_STATUS_ANY,
  GRANT_LOG_STATUS_SUCCESS,
  GRANT_LOG_STATUS_REDIRECT,
  GRANT_LOG_STATUS_CLIENT_ERROR,
  GRANT_LOG_STATUS_SERVER_ERROR,
  GRANT_LOG_STATUS_FAILED,
} GrantLogStatusFilter;

/**
 * GrantLogChannelFilter:
 * @GRANT_LOG_CHANNEL_ANY: both channels
 * @GRANT_LOG_CHANNEL_FRONT: what the browser did
 * @GRANT_LOG_CHANNEL_BACK: what Grant did
 */
typedef enum
{
  GRANT_LOG_CHANNEL_ANY,
  GRANT_LOG_CHANNEL_FRONT,
  GRANT_LOG_CHANNEL_BACK,
} GrantLogChannelFilter;

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

G_END_DECLS
