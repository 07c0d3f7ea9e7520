/* grant-token-list.h
 * The Tokens page: every token Grant holds, with its countdown and what can be done with it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-flow.h"

G_BEGIN_DECLS

#define GRANT_TYPE_TOKEN_LIST (grant_token_list_get_type ())

G_DECLARE_FINAL_TYPE (GrantTokenList, grant_token_list, GRANT, TOKEN_LIST, GtkWidget)

GtkWidget  *grant_token_list_new      (void);
void        grant_token_list_add      (GrantTokenList *self,
                                       GrantFlow      *flow);
GListModel *grant_token_list_get_model (GrantTokenList *self);

G_END_DECLS
