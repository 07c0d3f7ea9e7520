/* grant-sequence-arrow.c
 * One arrow of a sequence diagram: a request or a response between two lifelines.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An arrow is made once and never changes: when its exchange gets its response, the diagram
 * replaces the exchange's arrows with new ones. Only whether it is still waiting is read from
 * the exchange as it is now.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "grant-sequence-arrow.h"

struct _GrantSequenceArrow
{
  GObject                 parent_instance;

  GrantExchange          *exchange;
  GrantSequenceArrowKind  kind;
  GrantSequenceLifeline   from;
  GrantSequenceLifeline   to;
  char                   *label;
  char                   *detail;
  gboolean                failed;
};

G_DEFINE_FINAL_TYPE (GrantSequenceArrow, grant_sequence_arrow, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GrantSequenceLifeline, grant_sequence_lifeline,
  G_DEFINE_ENUM_VALUE (GRANT_SEQUENCE_USER_AGENT, "user-agent"),
  G_DEFINE_ENUM_VALUE (GRANT_SEQUENCE_CLIENT, "client"),
  G_DEFINE_ENUM_VALUE (GRANT_SEQUENCE_AUTHORIZATION_SERVER, "authorization-server"),
  G_DEFINE_ENUM_VALUE (GRANT_SEQUENCE_RESOURCE_SERVER, "resource-server"))

G_DEFINE_ENUM_TYPE (GrantSequenceArrowKind, grant_sequence_arrow_kind,
  G_DEFINE_ENUM_VALUE (GRANT_SEQUENCE_ARROW_REQUEST, "request"),
  G_DEFINE_ENUM_VALUE (GRANT_SEQUENCE_ARROW_RESPONSE, "response"))

enum {
  PROP_0,
  PROP_EXCHANGE,
  PROP_KIND,
  PROP_FROM,
  PROP_TO,
  PROP_LABEL,
  PROP_DETAIL,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
grant_sequence_arrow_finalize (GObject *object)
{
  GrantSequenceArrow *self = (GrantSequenceArrow *)object;

  g_clear_object (&self->exchange);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (grant_sequence_arrow_parent_class)->finalize (object);
}

static void
grant_sequence_arrow_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GrantSequenceArrow *self = GRANT_SEQUENCE_ARROW (object);

  switch (prop_id)
    {
    case PROP_EXCHANGE:
      g_value_set_object (value, self->exchange);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_FROM:
      g_value_set_enum (value, self->from);
      break;
    case PROP_TO:
      g_value_set_enum (value, self->to);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_sequence_arrow_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GrantSequenceArrow *self = GRANT_SEQUENCE_ARROW (object);

  switch (prop_id)
    {
    case PROP_EXCHANGE:
      self->exchange = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_FROM:
      self->from = g_value_get_enum (value);
      break;
    case PROP_TO:
      self->to = g_value_get_enum (value);
      break;
    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;
    case PROP_DETAIL:
      self->detail = g_value_dup_string (value);
      break;
    case PROP_FAILED:
      self->failed = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_sequence_arrow_class_init (GrantSequenceArrowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = grant_sequence_arrow_finalize;
  object_class->get_property = grant_sequence_arrow_get_property;
  object_class->set_property = grant_sequence_arrow_set_property;

  properties[PROP_EXCHANGE] =
    g_param_spec_object ("exchange", NULL, NULL, GRANT_TYPE_EXCHANGE, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, GRANT_TYPE_SEQUENCE_ARROW_KIND,
                       GRANT_SEQUENCE_ARROW_REQUEST, flags);
  properties[PROP_FROM] =
    g_param_spec_enum ("from", NULL, NULL, GRANT_TYPE_SEQUENCE_LIFELINE,
                       GRANT_SEQUENCE_CLIENT, flags);
  properties[PROP_TO] =
    g_param_spec_enum ("to", NULL, NULL, GRANT_TYPE_SEQUENCE_LIFELINE,
                       GRANT_SEQUENCE_AUTHORIZATION_SERVER, flags);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_sequence_arrow_init (GrantSequenceArrow *self)
{
}

/**
 * grant_sequence_arrow_new:
 * @exchange: the exchange the arrow shows a part of
 * @kind: whether it is the request or the response
 * @from: the lifeline it leaves
 * @to: the lifeline it points at, another one
 * @label: what it says, short, with secrets elided
 * @detail: (nullable): the longer text a tooltip shows, secrets elided too
 * @failed: whether this step failed: no response, an HTTP error status, or an OAuth error
 *
 * Returns: (transfer full): a new arrow
 */
GrantSequenceArrow *
grant_sequence_arrow_new (GrantExchange          *exchange,
                          GrantSequenceArrowKind  kind,
                          GrantSequenceLifeline   from,
                          GrantSequenceLifeline   to,
                          const char             *label,
                          const char             *detail,
                          gboolean                failed)
{
  g_return_val_if_fail (GRANT_IS_EXCHANGE (exchange), NULL);
  g_return_val_if_fail (from < GRANT_SEQUENCE_N_LIFELINES, NULL);
  g_return_val_if_fail (to < GRANT_SEQUENCE_N_LIFELINES, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return g_object_new (GRANT_TYPE_SEQUENCE_ARROW,
                       "exchange", exchange,
                       "kind", kind,
                       "from", from,
                       "to", to,
                       "label", label,
                       "detail", detail,
                       "failed", failed,
                       NULL);
}

/**
 * grant_sequence_arrow_get_exchange:
 * @self: a #GrantSequenceArrow
 *
 * Returns: (transfer none): the exchange the arrow is part of, to show or select it
 */
GrantExchange *
grant_sequence_arrow_get_exchange (GrantSequenceArrow *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_ARROW (self), NULL);

  return self->exchange;
}

/**
 * grant_sequence_arrow_get_kind:
 * @self: a #GrantSequenceArrow
 *
 * Returns: whether the arrow is a request or a response; a diagram draws responses dashed
 */
GrantSequenceArrowKind
grant_sequence_arrow_get_kind (GrantSequenceArrow *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_ARROW (self), GRANT_SEQUENCE_ARROW_REQUEST);

  return self->kind;
}

/**
 * grant_sequence_arrow_get_from:
 * @self: a #GrantSequenceArrow
 *
 * Returns: the lifeline the arrow leaves
 */
GrantSequenceLifeline
grant_sequence_arrow_get_from (GrantSequenceArrow *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_ARROW (self), GRANT_SEQUENCE_CLIENT);

  return self->from;
}

/**
 * grant_sequence_arrow_get_to:
 * @self: a #GrantSequenceArrow
 *
 * Returns: the lifeline the arrow points at
 */
GrantSequenceLifeline
grant_sequence_arrow_get_to (GrantSequenceArrow *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_ARROW (self), GRANT_SEQUENCE_CLIENT);

  return self->to;
}

/**
 * grant_sequence_arrow_get_label:
 * @self: a #GrantSequenceArrow
 *
 * Returns: what the arrow says: `POST /token grant_type=authorization_code, code=…`,
 *   `200 access_token, id_token`. Secrets are elided.
 */
const char *
grant_sequence_arrow_get_label (GrantSequenceArrow *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_ARROW (self), NULL);

  return self->label;
}

/**
 * grant_sequence_arrow_get_detail:
 * @self: a #GrantSequenceArrow
 *
 * Returns: (nullable): more than the label says: the whole URL, the error's description.
 *   Secrets are redacted.
 */
const char *
grant_sequence_arrow_get_detail (GrantSequenceArrow *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_ARROW (self), NULL);

  return self->detail;
}

/**
 * grant_sequence_arrow_get_failed:
 * @self: a #GrantSequenceArrow
 *
 * Returns: whether the step failed: the request got no response (a network or TLS error), or
 *   the response is an HTTP error (400 and above) or carries an OAuth error
 */
gboolean
grant_sequence_arrow_get_failed (GrantSequenceArrow *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_ARROW (self), FALSE);

  return self->failed;
}

/**
 * grant_sequence_arrow_get_pending:
 * @self: a #GrantSequenceArrow
 *
 * Returns: whether the arrow is a request still waiting for its response
 */
gboolean
grant_sequence_arrow_get_pending (GrantSequenceArrow *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_ARROW (self), FALSE);

  return self->kind == GRANT_SEQUENCE_ARROW_REQUEST
         && grant_exchange_get_state (self->exchange) == GRANT_EXCHANGE_SENDING;
}

/**
 * grant_sequence_lifeline_get_name:
 * @lifeline: a lifeline
 *
 * Returns: its name, as a diagram's header shows it, translated
 */
const char *
grant_sequence_lifeline_get_name (GrantSequenceLifeline lifeline)
{
  switch (lifeline)
    {
    case GRANT_SEQUENCE_USER_AGENT:
      return _("Browser");
    case GRANT_SEQUENCE_CLIENT:
      /* Translators: the client of the flow, as a sequence diagram names it. */
      return _("Grant (client)");
    case GRANT_SEQUENCE_AUTHORIZATION_SERVER:
      return _("Authorization server");
    case GRANT_SEQUENCE_RESOURCE_SERVER:
      return _("Resource server (API)");
    case GRANT_SEQUENCE_N_LIFELINES:
    default:
      g_return_val_if_reached (NULL);
    }
}
