/* grant-exchange-log.c
 * Every exchange of a session, front and back channel, in the order they started.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel, so that the timeline and the Log page bind to it directly. Exchanges are
 * appended when they start and never reordered: the order is the story of the flow.
 */

#include "config.h"

#include "grant-exchange-log.h"

struct _GrantExchangeLog
{
  GObject    parent_instance;

  GPtrArray *exchanges;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantExchangeLog, grant_exchange_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return GRANT_TYPE_EXCHANGE;
}

static guint
get_n_items (GListModel *model)
{
  return GRANT_EXCHANGE_LOG (model)->exchanges->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GrantExchangeLog *self = GRANT_EXCHANGE_LOG (model);

  if (position >= self->exchanges->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->exchanges, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
grant_exchange_log_finalize (GObject *object)
{
  GrantExchangeLog *self = (GrantExchangeLog *)object;

  g_clear_pointer (&self->exchanges, g_ptr_array_unref);

  G_OBJECT_CLASS (grant_exchange_log_parent_class)->finalize (object);
}

static void
grant_exchange_log_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GrantExchangeLog *self = GRANT_EXCHANGE_LOG (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->exchanges->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_exchange_log_class_init (GrantExchangeLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grant_exchange_log_finalize;
  object_class->get_property = grant_exchange_log_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_exchange_log_init (GrantExchangeLog *self)
{
  self->exchanges = g_ptr_array_new_with_free_func (g_object_unref);
}

GrantExchangeLog *
grant_exchange_log_new (void)
{
  return g_object_new (GRANT_TYPE_EXCHANGE_LOG, NULL);
}

/**
 * grant_exchange_log_append:
 * @self: a #GrantExchangeLog
 * @exchange: an exchange that has just started
 */
void
grant_exchange_log_append (GrantExchangeLog *self,
                           GrantExchange    *exchange)
{
  g_return_if_fail (GRANT_IS_EXCHANGE_LOG (self));
  g_return_if_fail (GRANT_IS_EXCHANGE (exchange));

  g_ptr_array_add (self->exchanges, g_object_ref (exchange));
  g_list_model_items_changed (G_LIST_MODEL (self), self->exchanges->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * grant_exchange_log_clear:
 * @self: a #GrantExchangeLog
 *
 * Removes every exchange.
 */
void
grant_exchange_log_clear (GrantExchangeLog *self)
{
  guint removed;

  g_return_if_fail (GRANT_IS_EXCHANGE_LOG (self));

  removed = self->exchanges->len;
  if (removed == 0)
    return;

  g_ptr_array_set_size (self->exchanges, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * grant_exchange_log_peek:
 * @self: a #GrantExchangeLog
 * @position: a position in the log
 *
 * g_list_model_get_item() without the reference, for a loop over many exchanges.
 *
 * Returns: (transfer none) (nullable): the exchange at @position
 */
GrantExchange *
grant_exchange_log_peek (GrantExchangeLog *self,
                         guint             position)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE_LOG (self), NULL);

  if (position >= self->exchanges->len)
    return NULL;

  return g_ptr_array_index (self->exchanges, position);
}
