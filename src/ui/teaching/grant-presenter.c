/* grant-presenter.c
 * Presenter mode: a window made for a projector, with larger text, stronger contrast and
 * only the panes the room needs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All the text grows through the CSS -gtk-dpi property, set on the window in presenter mode:
 * every font size, in points or as a percentage of the default font (labels, entries, text
 * and source views, libadwaita's title and caption classes), is converted with it, while
 * pixel sizes (margins, minimum heights) stay as they are, so the layout keeps its shape and
 * only takes the room the text needs. The sequence diagram draws its own text from its
 * widget's font times its "scale" property, which the window sets to the presenter scale:
 * its font is brought back to normal here, so that it is not enlarged twice. Icons grow with
 * the text. The rules hold only under window.presenter, a class this object adds and removes
 * (on the window and on the windows it opens, as Preferences), and the providers are on the
 * display only while presenter mode is on.
 */

#include "config.h"

#include <adwaita.h>

#include "grant-presenter.h"

/* GTK's resolution when the desktop sets none (gtk-xft-dpi is -1). */
#define DEFAULT_DPI 96.0
#define PRESENTER_CLASS "presenter"

typedef struct
{
  GWeakRef widget;
  gboolean visible;
} Secondary;

struct _GrantPresenter
{
  GObject         parent_instance;

  /* The window, which owns this object. */
  GtkWidget      *window;
  GSettings      *settings;
  GtkSettings    *gtk_settings;
  GtkCssProvider *contrast;
  GtkCssProvider *scale_provider;
  GPtrArray      *secondary;
  gboolean        active;
  double          scale;
  /* The application's windows, watched in presenter mode for those the window opens. */
  GListModel     *toplevels;
  guint           transients_idle;
};

G_DEFINE_FINAL_TYPE (GrantPresenter, grant_presenter, G_TYPE_OBJECT)

static void
secondary_free (gpointer data)
{
  Secondary *secondary = data;

  g_weak_ref_clear (&secondary->widget);
  g_free (secondary);
}

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * grant_presenter_dup_css:
 * @scale: how much larger the text is, 1.0 for normal
 * @dpi: the resolution of normal text, as the desktop sets it
 * @dark: whether the style is dark
 *
 * The presenter's rules that depend on the scale and the style: the window's resolution and
 * icon size, the sequence diagram's font brought back to normal, and text in black on light
 * or white on dark rather than libadwaita's 80 % of it.
 *
 * Returns: (transfer full): the CSS
 */
char *
grant_presenter_dup_css (double   scale,
                         double   dpi,
                         gboolean dark)
{
  char dpi_text[G_ASCII_DTOSTR_BUF_SIZE];
  char diagram_text[G_ASCII_DTOSTR_BUF_SIZE];
  const char *color = dark ? "#ffffff" : "#000000";

  g_return_val_if_fail (scale > 0 && dpi > 0, NULL);

  g_ascii_formatd (dpi_text, sizeof dpi_text, "%.3f", dpi * scale);
  g_ascii_formatd (diagram_text, sizeof diagram_text, "%.3f", 100.0 / scale);

  return g_strdup_printf ("window.presenter { -gtk-dpi: %s; -gtk-icon-size: %dpx; }\n"
                          "window.presenter sequencediagram { font-size: %s%%; }\n"
                          "window.presenter,\n"
                          "window.presenter headerbar,\n"
                          "window.presenter .view,\n"
                          "window.presenter textview > text,\n"
                          "window.presenter list,\n"
                          "window.presenter listview,\n"
                          "window.presenter .card,\n"
                          "window.presenter popover > contents { color: %s; }\n",
                          dpi_text, (int) (16 * scale + 0.5), diagram_text, color);
}

static double
desktop_dpi (GrantPresenter *self)
{
  int xft_dpi = -1;

  if (self->gtk_settings != NULL)
    g_object_get (self->gtk_settings, "gtk-xft-dpi", &xft_dpi, NULL);

  return xft_dpi > 0 ? xft_dpi / 1024.0 : DEFAULT_DPI;
}

/* The presenter-font-scale setting, within its range. */
static double
settings_scale (GrantPresenter *self)
{
  return CLAMP (g_settings_get_double (self->settings, "presenter-font-scale"), 1.0, 3.0);
}

/* The rules for the current scale, resolution and style. */
static void
load_css (GrantPresenter *self)
{
  g_autofree char *css = NULL;

  css = grant_presenter_dup_css (settings_scale (self), desktop_dpi (self),
                                 adw_style_manager_get_dark (adw_style_manager_get_default ()));
  gtk_css_provider_load_from_data (self->scale_provider, css, -1);
}

/* The scale that what draws its own text follows: the setting's in presenter mode. */
static void
update_scale (GrantPresenter *self)
{
  double scale = self->active ? settings_scale (self) : 1.0;

  if (G_APPROX_VALUE (self->scale, scale, 1e-6))
    return;

  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

static void
show_secondary (GrantPresenter *self,
                gboolean        presenting)
{
  for (guint i = 0; i < self->secondary->len; i++)
    {
      Secondary *secondary = g_ptr_array_index (self->secondary, i);
      g_autoptr(GtkWidget) widget = g_weak_ref_get (&secondary->widget);

      if (widget == NULL)
        continue;
      if (presenting)
        {
          secondary->visible = gtk_widget_get_visible (widget);
          gtk_widget_set_visible (widget, FALSE);
        }
      else
        gtk_widget_set_visible (widget, secondary->visible);
    }
}

/* The windows the window opens (Preferences, the shortcuts, dialogs) are presented as it is:
 * the room reads them too. */
static void
present_transients (GrantPresenter *self)
{
  guint n = self->toplevels != NULL ? g_list_model_get_n_items (self->toplevels) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (self->toplevels, i);

      if (gtk_window_get_transient_for (window) != GTK_WINDOW (self->window))
        continue;
      if (self->active)
        gtk_widget_add_css_class (GTK_WIDGET (window), PRESENTER_CLASS);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (window), PRESENTER_CLASS);
    }
}

/* A new window is told what it is transient for after it joins the toplevels (a dialog's
 * construct properties are set after its init): it is looked at once that is done. */
static gboolean
present_transients_cb (gpointer data)
{
  GrantPresenter *self = data;

  self->transients_idle = 0;
  present_transients (self);

  return G_SOURCE_REMOVE;
}

static void
toplevels_changed_cb (GrantPresenter *self)
{
  if (self->transients_idle == 0)
    self->transients_idle = g_idle_add (present_transients_cb, self);
}

static void
apply (GrantPresenter *self)
{
  GdkDisplay *display = gtk_widget_get_display (self->window);

  if (self->active)
    {
      load_css (self);
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->contrast),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      gtk_style_context_add_provider_for_display (display,
                                                  GTK_STYLE_PROVIDER (self->scale_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      gtk_widget_add_css_class (self->window, PRESENTER_CLASS);
      if (self->toplevels == NULL)
        {
          self->toplevels = g_object_ref (gtk_window_get_toplevels ());
          g_signal_connect_object (self->toplevels, "items-changed",
                                   G_CALLBACK (toplevels_changed_cb), self, G_CONNECT_SWAPPED);
        }
      present_transients (self);
    }
  else
    {
      gtk_widget_remove_css_class (self->window, PRESENTER_CLASS);
      present_transients (self);
      if (self->toplevels != NULL)
        g_signal_handlers_disconnect_by_data (self->toplevels, self);
      g_clear_object (&self->toplevels);
      g_clear_handle_id (&self->transients_idle, g_source_remove);
      gtk_style_context_remove_provider_for_display (display,
                                                     GTK_STYLE_PROVIDER (self->contrast));
      gtk_style_context_remove_provider_for_display (display,
                                                     GTK_STYLE_PROVIDER (self->scale_provider));
    }
  show_secondary (self, self->active);
}

static void
style_changed_cb (GrantPresenter *self)
{
  if (!self->active)
    return;

  load_css (self);
  update_scale (self);
}

static void
grant_presenter_dispose (GObject *object)
{
  GrantPresenter *self = GRANT_PRESENTER (object);

  /* A window closed in presenter mode takes its rules off the display. */
  if (self->active && self->window != NULL)
    {
      GdkDisplay *display = gtk_widget_get_display (self->window);

      gtk_style_context_remove_provider_for_display (display,
                                                     GTK_STYLE_PROVIDER (self->contrast));
      gtk_style_context_remove_provider_for_display (display,
                                                     GTK_STYLE_PROVIDER (self->scale_provider));
      self->active = FALSE;
    }
  if (self->toplevels != NULL)
    g_signal_handlers_disconnect_by_data (self->toplevels, self);
  g_clear_object (&self->toplevels);
  g_clear_handle_id (&self->transients_idle, g_source_remove);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->settings);
  g_clear_object (&self->gtk_settings);

  G_OBJECT_CLASS (grant_presenter_parent_class)->dispose (object);
}

static void
grant_presenter_finalize (GObject *object)
{
  GrantPresenter *self = GRANT_PRESENTER (object);

  g_ptr_array_unref (self->secondary);
  g_clear_object (&self->contrast);
  g_clear_object (&self->scale_provider);

  G_OBJECT_CLASS (grant_presenter_parent_class)->finalize (object);
}

static void
grant_presenter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrantPresenter *self = GRANT_PRESENTER (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_presenter_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GrantPresenter *self = GRANT_PRESENTER (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      grant_presenter_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_presenter_class_init (GrantPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grant_presenter_dispose;
  object_class->finalize = grant_presenter_finalize;
  object_class->get_property = grant_presenter_get_property;
  object_class->set_property = grant_presenter_set_property;

  /**
   * GrantPresenter:active:
   *
   * Whether the window is in presenter mode.
   */
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GrantPresenter:scale:
   *
   * How much larger the window's text is: the presenter-font-scale setting in presenter
   * mode, 1.0 otherwise. What draws its own text, as the sequence diagram, follows it.
   */
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 1.0, 3.0, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grant_presenter_init (GrantPresenter *self)
{
  self->scale = 1.0;
  self->secondary = g_ptr_array_new_with_free_func (secondary_free);
  self->contrast = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (self->contrast,
                                       GRANT_RESOURCE_BASE_PATH "/teaching/grant-presenter.css");
  self->scale_provider = gtk_css_provider_new ();
}

/**
 * grant_presenter_new:
 * @window: the window to present, which keeps the presenter
 * @settings: Grant's settings, for presenter-font-scale
 *
 * Returns: (transfer full): the presenter mode of @window, off
 */
GrantPresenter *
grant_presenter_new (GtkWidget *window,
                     GSettings *settings)
{
  GrantPresenter *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GRANT_TYPE_PRESENTER, NULL);
  g_set_weak_pointer (&self->window, window);
  self->settings = g_object_ref (settings);
  self->gtk_settings = g_object_ref (gtk_widget_get_settings (window));
  g_signal_connect_object (settings, "changed::presenter-font-scale",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gtk_settings, "notify::gtk-xft-dpi",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * grant_presenter_get_active:
 * @self: a #GrantPresenter
 *
 * Returns: whether the window is in presenter mode
 */
gboolean
grant_presenter_get_active (GrantPresenter *self)
{
  g_return_val_if_fail (GRANT_IS_PRESENTER (self), FALSE);

  return self->active;
}

/**
 * grant_presenter_set_active:
 * @self: a #GrantPresenter
 * @active: whether the window is to be in presenter mode
 *
 * Turns presenter mode on: larger text, by the presenter-font-scale setting, stronger
 * contrast, and the secondary panes hidden. Off, all is as it was.
 */
void
grant_presenter_set_active (GrantPresenter *self,
                            gboolean        active)
{
  g_return_if_fail (GRANT_IS_PRESENTER (self));

  active = !!active;
  if (self->active == active || self->window == NULL)
    return;

  self->active = active;
  apply (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  update_scale (self);
}

/**
 * grant_presenter_get_scale:
 * @self: a #GrantPresenter
 *
 * Returns: how much larger the window's text is: the presenter scale in presenter mode,
 *   1.0 otherwise
 */
double
grant_presenter_get_scale (GrantPresenter *self)
{
  g_return_val_if_fail (GRANT_IS_PRESENTER (self), 1.0);

  return self->scale;
}

/**
 * grant_presenter_add_secondary:
 * @self: a #GrantPresenter
 * @widget: a pane of the window that a room watching a projector can do without
 *
 * Hides @widget in presenter mode, and shows it again after if it was shown before.
 */
void
grant_presenter_add_secondary (GrantPresenter *self,
                               GtkWidget      *widget)
{
  Secondary *secondary;

  g_return_if_fail (GRANT_IS_PRESENTER (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Each on the heap: a GWeakRef must not move. */
  secondary = g_new0 (Secondary, 1);
  g_weak_ref_init (&secondary->widget, widget);
  g_ptr_array_add (self->secondary, secondary);
  secondary->visible = gtk_widget_get_visible (widget);
  if (self->active)
    gtk_widget_set_visible (widget, FALSE);
}
