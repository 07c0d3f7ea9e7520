/* grant-log-filter.h
 * The exchanges of a log that a text, a status class and a channel let through.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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

#define GRANT_TYPE_LOG_FILTER (grant_log_filter_get_type ())

G_DECLARE_FINAL_TYPE (GrantLogFilter, grant_log_filter, GRANT, LOG_FILTER, GObject)

GrantLogFilter   *grant_log_filter_new     (void);
GrantExchangeLog *grant_log_filter_get_log (GrantLogFilter        *self);
void              grant_log_filter_set_log (GrantLogFilter        *self,
                                            GrantExchangeLog      *log);
void              grant_log_filter_set     (GrantLogFilter        *self,
                                            const char            *text,
                                            GrantLogStatusFilter   status,
                                            GrantLogChannelFilter  channel);

G_END_DECLS
