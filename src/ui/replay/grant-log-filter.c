/* grant-log-filter.c
 * The exchanges of a log that a text, a status class and a channel let through.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of the log's matching exchanges, in the log's order, for the Log page.
 * GtkFilterListModel would do, but not fast enough: GTK 4.8's list views take the scattered
 * changes it reports after a refilter at 100 000 exchanges in some 100 ms, while a whole
 * refilter reported as one change, as here, is drawn in a few. What it keeps is the log
 * positions of the matches. An exchange appended to the log is tested as it comes, and one
 * that was still being sent is tested again when its answer comes (its status may now match).
 * Each exchange's method, URL and title are kept lowercased, made once, so that matching a
 * text is a strstr() and allocates nothing.
 */

#include "config.h"

#include <string.h>

#include "grant-log-filter.h"

struct _GrantLogFilter
{
  GObject                parent_instance;

  GrantExchangeLog      *log;
  GArray                *positions; /* of guint: where the matches are in the log */
  GPtrArray             *haystacks; /* of char *, by log position */

  char                  *needle; /* lowercased, or NULL */
  gboolean               needle_is_number;
  GrantLogStatusFilter   status;
  GrantLogChannelFilter  channel;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrantLogFilter, grant_log_filter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return GRANT_TYPE_EXCHANGE;
}

static guint
get_n_items (GListModel *model)
{
  return GRANT_LOG_FILTER (model)->positions->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GrantLogFilter *self = GRANT_LOG_FILTER (model);

  if (position >= self->positions->len)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->log),
                                g_array_index (self->positions, guint, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* What the text is looked for in, per exchange: its method, URL and title (as shown, and in
 * English, as exports write it), lowercased once, so that a filter change is one strstr() per
 * exchange. */
static char *
make_haystack (GrantExchange *exchange)
{
  GrantHttpRequest *request = grant_exchange_get_request (exchange);
  g_autofree char *shown_title = grant_exchange_dup_display_title (exchange);
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s\n%s",
                                           grant_http_request_get_method (request),
                                           grant_http_request_get_uri (request),
                                           shown_title != NULL ? shown_title : "",
                                           grant_exchange_get_title (exchange) != NULL
                                           ? grant_exchange_get_title (exchange) : "");

  return g_utf8_strdown (text, -1);
}

/* The haystacks of the log's exchanges up to its end. */
static void
index_log (GrantLogFilter *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->log));

  for (guint i = self->haystacks->len; i < n; i++)
    g_ptr_array_add (self->haystacks, make_haystack (grant_exchange_log_peek (self->log, i)));
}

static gboolean
status_matches (GrantLogStatusFilter  filter,
                GrantExchange        *exchange)
{
  guint status = grant_exchange_get_status (exchange);

  if (filter == GRANT_LOG_STATUS_ANY)
    return TRUE;
  if (grant_exchange_get_state (exchange) == GRANT_EXCHANGE_FAILED)
    return filter == GRANT_LOG_STATUS_FAILED;
  if (grant_exchange_get_state (exchange) != GRANT_EXCHANGE_COMPLETE)
    return FALSE;

  switch (filter)
    {
    case GRANT_LOG_STATUS_SUCCESS:
      return status >= 200 && status < 300;
    case GRANT_LOG_STATUS_REDIRECT:
      return status >= 300 && status < 400;
    case GRANT_LOG_STATUS_CLIENT_ERROR:
      return status >= 400 && status < 500;
    case GRANT_LOG_STATUS_SERVER_ERROR:
      return status >= 500 && status < 600;
    case GRANT_LOG_STATUS_ANY:
    case GRANT_LOG_STATUS_FAILED:
    default:
      return FALSE;
    }
}

static gboolean
matches (GrantLogFilter *self,
         guint           index)
{
  GrantExchange *exchange = grant_exchange_log_peek (self->log, index);
  char status[8];

  if ((self->channel == GRANT_LOG_CHANNEL_FRONT
       && grant_exchange_get_channel (exchange) != GRANT_EXCHANGE_FRONT_CHANNEL)
      || (self->channel == GRANT_LOG_CHANNEL_BACK
          && grant_exchange_get_channel (exchange) != GRANT_EXCHANGE_BACK_CHANNEL))
    return FALSE;
  if (!status_matches (self->status, exchange))
    return FALSE;
  if (self->needle == NULL)
    return TRUE;

  if (strstr (g_ptr_array_index (self->haystacks, index), self->needle) != NULL)
    return TRUE;
  if (!self->needle_is_number || grant_exchange_get_state (exchange) != GRANT_EXCHANGE_COMPLETE)
    return FALSE;
  g_snprintf (status, sizeof status, "%u", grant_exchange_get_status (exchange));

  return strstr (status, self->needle) != NULL;
}

static void
refilter (GrantLogFilter *self)
{
  guint removed = self->positions->len;
  guint n = self->log != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->log)) : 0;

  g_array_set_size (self->positions, 0);
  if (self->log != NULL)
    index_log (self);
  for (guint i = 0; i < n; i++)
    if (matches (self, i))
      g_array_append_val (self->positions, i);

  if (removed > 0 || self->positions->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->positions->len);
}

/* Where log position @index is, or would go, among the matches. */
static guint
find (GrantLogFilter *self,
      guint           index,
      gboolean       *found)
{
  guint low = 0;
  guint high = self->positions->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      guint value = g_array_index (self->positions, guint, middle);

      if (value == index)
        {
          *found = TRUE;
          return middle;
        }
      if (value < index)
        low = middle + 1;
      else
        high = middle;
    }

  *found = FALSE;

  return low;
}

/* An exchange that was being sent has its answer: its status may match now, or no longer. */
static void
exchange_state_cb (GrantLogFilter *self,
                   GParamSpec     *pspec,
                   GrantExchange  *exchange)
{
  GListModel *log = G_LIST_MODEL (self->log);
  guint n = g_list_model_get_n_items (log);
  gboolean found;
  guint position;
  guint index = n;

  /* The answer comes soon after the request: look from the end. */
  for (guint i = n; i > 0 && index == n; i--)
    if (grant_exchange_log_peek (self->log, i - 1) == exchange)
      index = i - 1;
  if (index == n)
    return;

  position = find (self, index, &found);
  if (matches (self, index) && !found)
    {
      g_array_insert_val (self->positions, position, index);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
  else if (!matches (self, index) && found)
    {
      g_array_remove_index (self->positions, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
}

static void
log_items_changed_cb (GrantLogFilter *self,
                      guint           position,
                      guint           removed,
                      guint           added,
                      GListModel     *log)
{
  guint first_new = self->positions->len;

  /* Anything but an append (a cleared log) is indexed and filtered again whole. */
  if (removed > 0 || position + added != g_list_model_get_n_items (log))
    {
      g_ptr_array_set_size (self->haystacks, 0);
      refilter (self);
      return;
    }

  index_log (self);

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);

      if (grant_exchange_get_state (exchange) == GRANT_EXCHANGE_SENDING)
        g_signal_connect_object (exchange, "notify::state", G_CALLBACK (exchange_state_cb), self,
                                 G_CONNECT_SWAPPED);
      if (matches (self, i))
        g_array_append_val (self->positions, i);
    }
  if (self->positions->len > first_new)
    g_list_model_items_changed (G_LIST_MODEL (self), first_new, 0,
                                self->positions->len - first_new);
}

static void
grant_log_filter_dispose (GObject *object)
{
  GrantLogFilter *self = (GrantLogFilter *)object;

  g_clear_object (&self->log);

  G_OBJECT_CLASS (grant_log_filter_parent_class)->dispose (object);
}

static void
grant_log_filter_finalize (GObject *object)
{
  GrantLogFilter *self = (GrantLogFilter *)object;

  g_array_unref (self->positions);
  g_ptr_array_unref (self->haystacks);
  g_free (self->needle);

  G_OBJECT_CLASS (grant_log_filter_parent_class)->finalize (object);
}

static void
grant_log_filter_class_init (GrantLogFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grant_log_filter_dispose;
  object_class->finalize = grant_log_filter_finalize;
}

static void
grant_log_filter_init (GrantLogFilter *self)
{
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->haystacks = g_ptr_array_new_with_free_func (g_free);
}

GrantLogFilter *
grant_log_filter_new (void)
{
  return g_object_new (GRANT_TYPE_LOG_FILTER, NULL);
}

/**
 * grant_log_filter_get_log:
 * @self: a #GrantLogFilter
 *
 * Returns: (nullable) (transfer none): the log filtered
 */
GrantExchangeLog *
grant_log_filter_get_log (GrantLogFilter *self)
{
  g_return_val_if_fail (GRANT_IS_LOG_FILTER (self), NULL);

  return self->log;
}

/**
 * grant_log_filter_set_log:
 * @self: a #GrantLogFilter
 * @log: the log to filter
 */
void
grant_log_filter_set_log (GrantLogFilter   *self,
                          GrantExchangeLog *log)
{
  GListModel *model = G_LIST_MODEL (log);
  guint n;

  g_return_if_fail (GRANT_IS_LOG_FILTER (self));
  g_return_if_fail (GRANT_IS_EXCHANGE_LOG (log));

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_func (self->log, log_items_changed_cb, self);
  g_set_object (&self->log, log);
  g_ptr_array_set_size (self->haystacks, 0);
  g_signal_connect_object (log, "items-changed", G_CALLBACK (log_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (model, i);

      if (grant_exchange_get_state (exchange) == GRANT_EXCHANGE_SENDING)
        g_signal_connect_object (exchange, "notify::state", G_CALLBACK (exchange_state_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  refilter (self);
}

/**
 * grant_log_filter_set:
 * @self: a #GrantLogFilter
 * @text: (nullable): text the URL, title, method or status must hold, ASCII case ignored
 * @status: the status class to let through
 * @channel: the channel to let through
 *
 * Filters the log again; the model is complete on return, its change reported as one.
 */
void
grant_log_filter_set (GrantLogFilter        *self,
                      const char            *text,
                      GrantLogStatusFilter   status,
                      GrantLogChannelFilter  channel)
{
  g_return_if_fail (GRANT_IS_LOG_FILTER (self));

  g_clear_pointer (&self->needle, g_free);
  self->needle_is_number = FALSE;
  if (text != NULL && *text != '\0')
    {
      self->needle = g_utf8_strdown (text, -1);
      self->needle_is_number = strspn (text, "0123456789") == strlen (text);
    }
  self->status = status;
  self->channel = channel;

  refilter (self);
}
