/* grant-exchange-log.h
 * Every exchange of a session, front and back channel, in the order they started.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grant-exchange.h"

G_BEGIN_DECLS

#define GRANT_TYPE_EXCHANGE_LOG (grant_exchange_log_get_type ())

G_DECLARE_FINAL_TYPE (GrantExchangeLog, grant_exchange_log, GRANT, EXCHANGE_LOG, GObject)

GrantExchangeLog *grant_exchange_log_new    (void);
void              grant_exchange_log_append (GrantExchangeLog *self,
                                             GrantExchange    *exchange);
void              grant_exchange_log_clear  (GrantExchangeLog *self);
GrantExchange    *grant_exchange_log_peek   (GrantExchangeLog *self,
                                             guint             position);

G_END_DECLS
