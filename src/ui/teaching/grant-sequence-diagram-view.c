/* grant-sequence-diagram-view.c
 * The sequence diagram of a flow, drawn live: lifelines, arrows and their labels.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with GtkSnapshot from a GrantSequenceDiagram, which follows the exchange log: each
 * lifeline has a header and a dashed line down, each step an arrow with its number and its
 * label, requests solid and responses dashed as UML draws them, failed steps in libadwaita's
 * error colour. The scale makes everything larger for a projector; the widget asks for its
 * whole size, so that a scrolled window around it scrolls.
 *
 * A click on a step selects it and activates it ("exchange-activated"), so that the window can
 * show its exchange; from the keyboard, Up and Down move the selection and Enter activates.
 * The same drawing, without the selection, makes the PNG export.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "grant-sequence-diagram-view.h"

#define N_LIFELINES GRANT_SEQUENCE_N_LIFELINES
/* The widest an arrow's label is drawn, in pixels at scale 1; longer ones wrap. */
#define MAX_LABEL_WIDTH 260.0

struct _GrantSequenceDiagramView
{
  GtkWidget             parent_instance;

  GrantSequenceDiagram *diagram;
  double                scale;
  guint                 selected;

  /* The layout, made again after a change of the diagram, the scale or the font. */
  gboolean              laid_out;
  PangoLayout          *headers[N_LIFELINES];
  double                header_widths[N_LIFELINES];
  double                header_height;
  GPtrArray            *labels; /* of PangoLayout, one per arrow */
  GPtrArray            *steps;  /* of PangoLayout, the arrows' numbers */
  GHashTable           *arrowheads; /* of GdkTexture, by kind, direction and colour */
  double                positions[N_LIFELINES];
  double                margin;
  double                gutter;
  double                left;
  double                top;
  /* Where each arrow's row starts, and after the last, where the rows end: a row is as tall
   * as its label, which a long one wraps. */
  GArray               *row_tops;
  double                width;
  double                height;

  /* Whether to scroll to the end once the scrolled window knows the new size. */
  GtkAdjustment        *following;
  /* The scrolled window's, while mapped: the headers stay in view as it scrolls. */
  GtkAdjustment        *scrolled;
};

G_DEFINE_FINAL_TYPE (GrantSequenceDiagramView, grant_sequence_diagram_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DIAGRAM,
  PROP_SCALE,
  PROP_SELECTED,
  N_PROPS
};

enum {
  EXCHANGE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Colours ----------------------------------------------------------------------------------- */

typedef struct
{
  GdkRGBA foreground;
  GdkRGBA dim;
  GdkRGBA line;
  GdkRGBA header;
  GdkRGBA error;
  GdkRGBA accent;
  GdkRGBA background;
} Colours;

static gboolean
is_dark (const GdkRGBA *foreground)
{
  return foreground->red + foreground->green + foreground->blue > 1.5;
}

/* The theme's colours: libadwaita names them, GTK 4.8 looks them up through the style
 * context (its replacement came in 4.10). */
static void
get_colours (GrantSequenceDiagramView *self,
             Colours                  *colours)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean dark;

  gtk_style_context_get_color (context, &colours->foreground);
  dark = is_dark (&colours->foreground);
  if (!gtk_style_context_lookup_color (context, "error_color", &colours->error))
    gdk_rgba_parse (&colours->error, dark ? "#ff7b63" : "#c01c28");
  if (!gtk_style_context_lookup_color (context, "accent_color", &colours->accent))
    gdk_rgba_parse (&colours->accent, dark ? "#78aeed" : "#1c71d8");
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &colours->background))
    gdk_rgba_parse (&colours->background, dark ? "#1e1e1e" : "#ffffff");

  colours->dim = colours->foreground;
  colours->dim.alpha *= 0.55;
  colours->line = colours->foreground;
  colours->line.alpha *= 0.3;
  colours->header = colours->foreground;
  colours->header.alpha *= 0.06;
}

/* Layout ------------------------------------------------------------------------------------ */

static PangoLayout *
layout_new (GrantSequenceDiagramView *self,
            const char               *text,
            const char               *family,
            PangoWeight               weight,
            double                    size)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *base = pango_context_get_font_description (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (base);
  PangoLayout *layout = pango_layout_new (context);
  int base_size = pango_font_description_get_size (font);

  /* 11 pt when the context says nothing, as GNOME's default interface font. */
  if (base_size <= 0)
    base_size = 11 * PANGO_SCALE;
  if (family != NULL)
    pango_font_description_set_family (font, family);
  pango_font_description_set_weight (font, weight);
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, base_size * size * self->scale);
  else
    pango_font_description_set_size (font, (int) (base_size * size * self->scale));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);

  return logical.width;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);

  return logical.height;
}

static void
invalidate (GrantSequenceDiagramView *self)
{
  self->laid_out = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static guint
n_arrows (GrantSequenceDiagramView *self)
{
  return self->diagram != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->diagram)) : 0;
}

static void
ensure_layout (GrantSequenceDiagramView *self)
{
  double s = self->scale;
  g_autofree double *label_widths = NULL;
  guint n = n_arrows (self);

  if (self->laid_out)
    return;
  self->laid_out = TRUE;

  self->header_height = 0;
  for (guint i = 0; i < N_LIFELINES; i++)
    {
      g_clear_object (&self->headers[i]);
      self->headers[i] = layout_new (self, grant_sequence_lifeline_get_name (i), NULL,
                                     PANGO_WEIGHT_BOLD, 1.0);
      self->header_widths[i] = MAX (120 * s, layout_width (self->headers[i]) + 24 * s);
      self->header_height = MAX (self->header_height, layout_height (self->headers[i]) + 20 * s);
    }

  g_ptr_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->steps, 0);
  label_widths = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      GrantSequenceArrow *arrow = grant_sequence_diagram_peek_arrow (self->diagram, i);
      g_autofree char *step = g_strdup_printf ("%u", i + 1);
      PangoLayout *label = layout_new (self, grant_sequence_arrow_get_label (arrow), "Monospace",
                                       PANGO_WEIGHT_NORMAL, 0.9);

      /* A long label (an authorization request's parameters) wraps rather than widening the
       * whole diagram: in presenter mode, one line of it was wider than a projector. */
      if (layout_width (label) > MAX_LABEL_WIDTH * s)
        {
          pango_layout_set_wrap (label, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_width (label, (int) (MAX_LABEL_WIDTH * s * PANGO_SCALE));
        }
      label_widths[i] = layout_width (label);
      g_ptr_array_add (self->labels, label);
      g_ptr_array_add (self->steps, layout_new (self, step, NULL, PANGO_WEIGHT_NORMAL, 0.8));
    }

  if (self->diagram != NULL)
    grant_sequence_diagram_place_lifelines (self->diagram, self->header_widths, label_widths,
                                            160 * s, 16 * s, self->positions);
  else
    for (guint i = 0; i < N_LIFELINES; i++)
      self->positions[i] = i * 180 * s;

  self->margin = 16 * s;
  self->gutter = 36 * s;
  self->left = self->margin + self->gutter + self->header_widths[0] / 2;
  self->top = self->margin + self->header_height + 16 * s;
  g_array_set_size (self->row_tops, n + 1);
  g_array_index (self->row_tops, double, 0) = self->top;
  for (guint i = 0; i < n; i++)
    g_array_index (self->row_tops, double, i + 1) =
      g_array_index (self->row_tops, double, i)
      + layout_height (g_ptr_array_index (self->labels, i)) + 22 * s;
  self->width = ceil (self->left + self->positions[N_LIFELINES - 1]
                      + self->header_widths[N_LIFELINES - 1] / 2 + self->margin);
  self->height = ceil (g_array_index (self->row_tops, double, n) + 16 * s + self->margin);
}

/* Where the drawing starts in the widget: centred when the widget is wider. */
static double
offset_x (GrantSequenceDiagramView *self)
{
  return floor (MAX (0, (gtk_widget_get_width (GTK_WIDGET (self)) - self->width) / 2));
}

/* The top of arrow @i's row, and how tall it is. */
static double
row_top (GrantSequenceDiagramView *self,
         guint                     i)
{
  return g_array_index (self->row_tops, double, i);
}

static double
row_height (GrantSequenceDiagramView *self,
            guint                     i)
{
  return row_top (self, i + 1) - row_top (self, i);
}

/* The y of arrow @i's line, from the top of its row: under its label. */
static double
line_offset (GrantSequenceDiagramView *self,
             guint                     i)
{
  return 4 * self->scale + layout_height (g_ptr_array_index (self->labels, i))
         + 5 * self->scale;
}

/* How tall the band of headers is, that stays at the top as the diagram scrolls. */
static double
header_band (GrantSequenceDiagramView *self)
{
  return self->margin + self->header_height + 8 * self->scale;
}

/* The top of what the scrolled window shows, in the view's coordinates. */
static double
visible_top (GrantSequenceDiagramView *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;

  if (scroller == NULL
      || !gtk_widget_compute_point (scroller, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0),
                                    &point))
    return 0;

  return MAX (0, point.y);
}

static guint
row_at (GrantSequenceDiagramView *self,
        double                    x,
        double                    y)
{
  guint low = 0;
  guint high;

  ensure_layout (self);
  x -= offset_x (self);
  high = n_arrows (self);
  if (x < self->margin || x > self->width - self->margin || y < self->top
      || y < visible_top (self) + header_band (self) || y >= row_top (self, high))
    return GTK_INVALID_LIST_POSITION;

  /* The last row that starts at or above @y. */
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (row_top (self, middle) <= y)
        low = middle;
      else
        high = middle;
    }

  return low;
}

/* Drawing ----------------------------------------------------------------------------------- */

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                double                 radius,
                const GdkRGBA         *fill,
                const GdkRGBA         *border,
                double                 border_width)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  if (fill != NULL)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, fill, rect);
      gtk_snapshot_pop (snapshot);
    }
  if (border != NULL)
    {
      float widths[4] = { border_width, border_width, border_width, border_width };
      GdkRGBA colours[4] = { *border, *border, *border, *border };

      gtk_snapshot_append_border (snapshot, &rounded, widths, colours);
    }
}

/* The lifelines' headers, their top at @top; over a band of the background when they stay
 * in view over the arrows that scrolled under them. */
static void
draw_headers (GrantSequenceDiagramView *self,
              GtkSnapshot              *snapshot,
              const Colours            *colours,
              double                    top)
{
  double s = self->scale;

  if (top > self->margin)
    {
      graphene_rect_t band = GRAPHENE_RECT_INIT (0, top - self->margin, self->width,
                                                 header_band (self));
      graphene_rect_t rule = GRAPHENE_RECT_INIT (0, band.origin.y + band.size.height, self->width,
                                                 1);

      gtk_snapshot_append_color (snapshot, &colours->background, &band);
      gtk_snapshot_append_color (snapshot, &colours->line, &rule);
    }

  for (guint i = 0; i < N_LIFELINES; i++)
    {
      double x = self->left + self->positions[i];
      graphene_rect_t box = GRAPHENE_RECT_INIT (x - self->header_widths[i] / 2, top,
                                                self->header_widths[i], self->header_height);

      append_rounded (snapshot, &box, 6 * s, &colours->header, &colours->line, 1.0 * s);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x - layout_width (self->headers[i]) / 2,
                                                    top + (self->header_height
                                                           - layout_height (self->headers[i]))
                                                          / 2));
      gtk_snapshot_append_layout (snapshot, self->headers[i], &colours->foreground);
      gtk_snapshot_restore (snapshot);
    }
}

/* Dashes along a line, as colour nodes: GTK 4.8's GL renderer keeps the pictures of cairo
 * nodes by the node's address, which the next frame's nodes reuse, and then draws a stale one;
 * colour and texture nodes have no such cache. */
static void
append_dashes (GtkSnapshot   *snapshot,
               double         x,
               double         y,
               double         length,
               double         thickness,
               gboolean       vertical,
               double         dash,
               double         gap,
               const GdkRGBA *colour)
{
  for (double at = 0; at < length; at += dash + gap)
    {
      double size = MIN (dash, length - at);
      graphene_rect_t rect = vertical
                             ? GRAPHENE_RECT_INIT (x - thickness / 2, y + at, thickness, size)
                             : GRAPHENE_RECT_INIT (x + at, y - thickness / 2, size, thickness);

      gtk_snapshot_append_color (snapshot, colour, &rect);
    }
}

/* An arrowhead, drawn once per kind, direction and colour with cairo into a texture (see
 * append_dashes() for why not a cairo node), at the screen's scale factor. Its tip is at the
 * middle of its pointing side. */
static GdkTexture *
arrowhead (GrantSequenceDiagramView *self,
           gboolean                  response,
           gboolean                  leftward,
           const GdkRGBA            *colour,
           graphene_size_t          *size)
{
  int factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double length = 10 * self->scale;
  double half = 4.5 * self->scale;
  double line = 1.5 * self->scale;
  g_autofree char *key = g_strdup_printf ("%d %d %d %.4f %.4f %.4f %.4f", response, leftward,
                                          factor, colour->red, colour->green, colour->blue,
                                          colour->alpha);
  GdkTexture *texture = g_hash_table_lookup (self->arrowheads, key);
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  cairo_t *cr;
  int width, height;

  size->width = length + line;
  size->height = 2 * half + 2 * line;
  if (texture != NULL)
    return texture;

  width = ceil (size->width * factor);
  height = ceil (size->height * factor);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, factor, factor);
  if (leftward)
    {
      cairo_translate (cr, size->width, 0);
      cairo_scale (cr, -1, 1);
    }
  gdk_cairo_set_source_rgba (cr, colour);
  cairo_set_line_width (cr, line);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_move_to (cr, line / 2, line);
  cairo_line_to (cr, length, size->height / 2);
  cairo_line_to (cr, line / 2, size->height - line);
  if (response)
    cairo_stroke (cr);
  else
    {
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  g_hash_table_insert (self->arrowheads, g_steal_pointer (&key), texture);

  return texture;
}

static void
draw_lifelines (GrantSequenceDiagramView *self,
                GtkSnapshot              *snapshot,
                const Colours            *colours)
{
  double s = self->scale;
  double top = self->margin + self->header_height;
  double bottom = self->height - self->margin;

  for (guint i = 0; i < N_LIFELINES; i++)
    append_dashes (snapshot, self->left + self->positions[i], top, bottom - top, MAX (1, s), TRUE,
                   4 * s, 4 * s, &colours->line);
}

static void
draw_arrow_line (GrantSequenceDiagramView *self,
                 GtkSnapshot              *snapshot,
                 double                    from,
                 double                    to,
                 double                    y,
                 gboolean                  response,
                 const GdkRGBA            *colour)
{
  double s = self->scale;
  gboolean leftward = to < from;
  graphene_size_t size;
  GdkTexture *head = arrowhead (self, response, leftward, colour, &size);
  /* The line stops inside a filled head, and at the tip of an open one. */
  double end = response ? to : leftward ? to + size.width * 0.7 : to - size.width * 0.7;
  double left = MIN (from, end);
  double length = fabs (end - from);

  if (response)
    append_dashes (snapshot, left, y, length, 1.5 * s, FALSE, 6 * s, 4 * s, colour);
  else
    gtk_snapshot_append_color (snapshot, colour,
                               &GRAPHENE_RECT_INIT (left, y - 0.75 * s, length, 1.5 * s));

  gtk_snapshot_append_texture (snapshot, head,
                               &GRAPHENE_RECT_INIT (leftward ? to : to - size.width,
                                                    y - size.height / 2,
                                                    size.width, size.height));
}

static void
draw_arrows (GrantSequenceDiagramView *self,
             GtkSnapshot              *snapshot,
             const Colours            *colours,
             gboolean                  interactive)
{
  double s = self->scale;
  guint n = n_arrows (self);

  for (guint i = 0; i < n; i++)
    {
      GrantSequenceArrow *arrow = grant_sequence_diagram_peek_arrow (self->diagram, i);
      PangoLayout *label = g_ptr_array_index (self->labels, i);
      PangoLayout *step = g_ptr_array_index (self->steps, i);
      gboolean failed = grant_sequence_arrow_get_failed (arrow);
      gboolean pending = grant_sequence_arrow_get_pending (arrow);
      GdkRGBA colour = failed ? colours->error : colours->foreground;
      GdkRGBA dim = colours->dim;
      double from = self->left + self->positions[grant_sequence_arrow_get_from (arrow)];
      double to = self->left + self->positions[grant_sequence_arrow_get_to (arrow)];
      double row = row_top (self, i);
      double y = row + line_offset (self, i);
      graphene_rect_t label_area = GRAPHENE_RECT_INIT ((from + to) / 2 - layout_width (label) / 2
                                                       - 4 * s, row + 3 * s,
                                                       layout_width (label) + 8 * s,
                                                       layout_height (label) + 2 * s);

      /* The label hides the lifelines it crosses. */
      gtk_snapshot_append_color (snapshot, &colours->background, &label_area);

      if (interactive && i == self->selected)
        {
          graphene_rect_t rect = GRAPHENE_RECT_INIT (self->margin, row,
                                                     self->width - 2 * self->margin,
                                                     row_height (self, i));
          GdkRGBA fill = colours->accent;

          fill.alpha *= 0.15;
          append_rounded (snapshot, &rect, 6 * s, &fill,
                          gtk_widget_has_focus (GTK_WIDGET (self)) ? &colours->accent : NULL,
                          2 * s);
        }

      /* Faded while it waits; not with an opacity node, for the reason append_dashes()
       * gives. */
      if (pending)
        {
          colour.alpha *= 0.5;
          dim.alpha *= 0.5;
        }

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (self->margin + self->gutter - 8 * s
                                                    - layout_width (step),
                                                    y - layout_height (step) / 2));
      gtk_snapshot_append_layout (snapshot, step, &dim);
      gtk_snapshot_restore (snapshot);

      draw_arrow_line (self, snapshot, from, to, y,
                       grant_sequence_arrow_get_kind (arrow) == GRANT_SEQUENCE_ARROW_RESPONSE,
                       &colour);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((from + to) / 2 - layout_width (label) / 2,
                                                    row + 4 * s));
      gtk_snapshot_append_layout (snapshot, label, &colour);
      gtk_snapshot_restore (snapshot);
    }
}

static void
draw (GrantSequenceDiagramView *self,
      GtkSnapshot              *snapshot,
      gboolean                  interactive)
{
  Colours colours;

  ensure_layout (self);
  get_colours (self, &colours);
  draw_lifelines (self, snapshot, &colours);
  draw_arrows (self, snapshot, &colours, interactive);
  draw_headers (self, snapshot, &colours,
                self->margin + (interactive ? MIN (visible_top (self),
                                                   self->height - header_band (self)) : 0));
}

static void
grant_sequence_diagram_view_snapshot (GtkWidget   *widget,
                                      GtkSnapshot *snapshot)
{
  GrantSequenceDiagramView *self = GRANT_SEQUENCE_DIAGRAM_VIEW (widget);

  ensure_layout (self);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (offset_x (self), 0));
  draw (self, snapshot, TRUE);
  gtk_snapshot_restore (snapshot);
}

static void
grant_sequence_diagram_view_measure (GtkWidget      *widget,
                                     GtkOrientation  orientation,
                                     int             for_size,
                                     int            *minimum,
                                     int            *natural,
                                     int            *minimum_baseline,
                                     int            *natural_baseline)
{
  GrantSequenceDiagramView *self = GRANT_SEQUENCE_DIAGRAM_VIEW (widget);

  ensure_layout (self);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;
}

/* Selection and activation ------------------------------------------------------------------ */

static GtkAdjustment *
vadjustment (GrantSequenceDiagramView *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  return scroller != NULL ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller))
                          : NULL;
}

static void
scroll_to_selected (GrantSequenceDiagramView *self)
{
  GtkAdjustment *adjustment = vadjustment (self);
  graphene_rect_t bounds;
  graphene_point_t top;

  if (adjustment == NULL
      || !grant_sequence_diagram_view_get_arrow_bounds (self, self->selected, &bounds))
    return;

  /* The scrolled window's child (a viewport) scrolls; the view is at its origin. */
  if (!gtk_widget_compute_point (GTK_WIDGET (self), gtk_widget_get_parent (GTK_WIDGET (self)),
                                 &bounds.origin, &top))
    top = bounds.origin;
  top.y += gtk_adjustment_get_value (adjustment);
  gtk_adjustment_clamp_page (adjustment, top.y - header_band (self),
                             top.y + bounds.size.height + self->margin);
}

static void
activate_selected (GrantSequenceDiagramView *self)
{
  GrantSequenceArrow *arrow;

  if (self->diagram == NULL)
    return;
  arrow = grant_sequence_diagram_peek_arrow (self->diagram, self->selected);
  if (arrow != NULL)
    g_signal_emit (self, signals[EXCHANGE_ACTIVATED], 0, grant_sequence_arrow_get_exchange (arrow));
}

static void
update_accessible (GrantSequenceDiagramView *self)
{
  GrantSequenceArrow *arrow = self->diagram != NULL
                              ? grant_sequence_diagram_peek_arrow (self->diagram, self->selected)
                              : NULL;
  g_autofree char *description = NULL;

  if (arrow != NULL)
    /* Translators: a step of a sequence diagram: its number, the number of steps, who sends
     * it to whom, and what it is ("GET /authorize response_type=code"). */
    description = g_strdup_printf (_("Step %u of %u, from %s to %s: %s"), self->selected + 1,
                                   n_arrows (self),
                                   grant_sequence_lifeline_get_name (
                                     grant_sequence_arrow_get_from (arrow)),
                                   grant_sequence_lifeline_get_name (
                                     grant_sequence_arrow_get_to (arrow)),
                                   grant_sequence_arrow_get_label (arrow));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
}

static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  GrantSequenceDiagramView *self = GRANT_SEQUENCE_DIAGRAM_VIEW (widget);
  guint n = n_arrows (self);
  int step;
  int position;

  g_variant_get (args, "(i)", &step);
  if (n == 0)
    return TRUE;

  if (self->selected == GTK_INVALID_LIST_POSITION)
    position = step > 0 ? 0 : (int) n - 1;
  else
    position = CLAMP ((int) self->selected + step, 0, (int) n - 1);
  grant_sequence_diagram_view_set_selected (self, position);
  scroll_to_selected (self);

  return TRUE;
}

static gboolean
activate_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  activate_selected (GRANT_SEQUENCE_DIAGRAM_VIEW (widget));

  return TRUE;
}

static void
pressed_cb (GtkGestureClick          *gesture,
            int                       n_press,
            double                    x,
            double                    y,
            GrantSequenceDiagramView *self)
{
  guint row = row_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (row == GTK_INVALID_LIST_POSITION)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  grant_sequence_diagram_view_set_selected (self, row);
  activate_selected (self);
}

static gboolean
grant_sequence_diagram_view_query_tooltip (GtkWidget  *widget,
                                           int         x,
                                           int         y,
                                           gboolean    keyboard,
                                           GtkTooltip *tooltip)
{
  GrantSequenceDiagramView *self = GRANT_SEQUENCE_DIAGRAM_VIEW (widget);
  guint row = keyboard ? self->selected : row_at (self, x, y);
  GrantSequenceArrow *arrow;
  graphene_rect_t bounds;
  GdkRectangle area;
  const char *detail;

  if (self->diagram == NULL || row == GTK_INVALID_LIST_POSITION
      || (arrow = grant_sequence_diagram_peek_arrow (self->diagram, row)) == NULL)
    return FALSE;

  detail = grant_sequence_arrow_get_detail (arrow);
  gtk_tooltip_set_text (tooltip, detail != NULL ? detail : grant_sequence_arrow_get_label (arrow));
  grant_sequence_diagram_view_get_arrow_bounds (self, row, &bounds);
  area.x = bounds.origin.x;
  area.y = bounds.origin.y;
  area.width = bounds.size.width;
  area.height = bounds.size.height;
  gtk_tooltip_set_tip_area (tooltip, &area);

  return TRUE;
}

/* Following the diagram --------------------------------------------------------------------- */

static void
follow_changed_cb (GtkAdjustment            *adjustment,
                   GrantSequenceDiagramView *self)
{
  g_signal_handlers_disconnect_by_func (adjustment, follow_changed_cb, self);
  g_clear_object (&self->following);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                        - gtk_adjustment_get_page_size (adjustment));
}

static void
diagram_items_changed_cb (GListModel               *model,
                          guint                     position,
                          guint                     removed,
                          guint                     added,
                          GrantSequenceDiagramView *self)
{
  GtkAdjustment *adjustment = vadjustment (self);
  guint n = g_list_model_get_n_items (model);

  /* The selected step stays selected while steps come and go around it; a step that was
   * replaced (its exchange got its response) leaves the selection on its first arrow. */
  if (self->selected != GTK_INVALID_LIST_POSITION)
    {
      guint selected = self->selected;

      if (selected >= position + removed)
        selected = selected - removed + added;
      else if (selected >= position)
        selected = position;
      if (selected >= n)
        selected = GTK_INVALID_LIST_POSITION;
      if (selected != self->selected)
        {
          self->selected = selected;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
        }
    }

  /* Live: a diagram scrolled to its end stays at its end as the flow goes on. */
  if (added > removed && position + added == n && adjustment != NULL && self->following == NULL
      && gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
         >= gtk_adjustment_get_upper (adjustment) - 1)
    {
      self->following = g_object_ref (adjustment);
      g_signal_connect_object (adjustment, "changed", G_CALLBACK (follow_changed_cb), self, 0);
    }

  invalidate (self);
}

/* GObject ----------------------------------------------------------------------------------- */

static void
grant_sequence_diagram_view_map (GtkWidget *widget)
{
  GrantSequenceDiagramView *self = GRANT_SEQUENCE_DIAGRAM_VIEW (widget);

  GTK_WIDGET_CLASS (grant_sequence_diagram_view_parent_class)->map (widget);

  g_set_object (&self->scrolled, vadjustment (self));
  if (self->scrolled != NULL)
    g_signal_connect_object (self->scrolled, "value-changed", G_CALLBACK (gtk_widget_queue_draw),
                             self, G_CONNECT_SWAPPED);
}

static void
grant_sequence_diagram_view_unmap (GtkWidget *widget)
{
  GrantSequenceDiagramView *self = GRANT_SEQUENCE_DIAGRAM_VIEW (widget);

  if (self->scrolled != NULL)
    g_signal_handlers_disconnect_by_func (self->scrolled, gtk_widget_queue_draw, self);
  g_clear_object (&self->scrolled);

  GTK_WIDGET_CLASS (grant_sequence_diagram_view_parent_class)->unmap (widget);
}

static void
grant_sequence_diagram_view_system_setting_changed (GtkWidget        *widget,
                                                    GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (grant_sequence_diagram_view_parent_class)->system_setting_changed (widget,
                                                                                    setting);
  invalidate (GRANT_SEQUENCE_DIAGRAM_VIEW (widget));
}

static void
grant_sequence_diagram_view_dispose (GObject *object)
{
  GrantSequenceDiagramView *self = (GrantSequenceDiagramView *)object;

  if (self->following != NULL)
    g_signal_handlers_disconnect_by_func (self->following, follow_changed_cb, self);
  g_clear_object (&self->following);
  if (self->scrolled != NULL)
    g_signal_handlers_disconnect_by_func (self->scrolled, gtk_widget_queue_draw, self);
  g_clear_object (&self->scrolled);
  if (self->diagram != NULL)
    g_signal_handlers_disconnect_by_func (self->diagram, diagram_items_changed_cb, self);
  g_clear_object (&self->diagram);
  for (guint i = 0; i < N_LIFELINES; i++)
    g_clear_object (&self->headers[i]);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->row_tops, g_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->arrowheads, g_hash_table_unref);

  G_OBJECT_CLASS (grant_sequence_diagram_view_parent_class)->dispose (object);
}

static void
grant_sequence_diagram_view_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  GrantSequenceDiagramView *self = GRANT_SEQUENCE_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_DIAGRAM:
      g_value_set_object (value, self->diagram);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_sequence_diagram_view_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  GrantSequenceDiagramView *self = GRANT_SEQUENCE_DIAGRAM_VIEW (object);

  switch (prop_id)
    {
    case PROP_DIAGRAM:
      grant_sequence_diagram_view_set_diagram (self, g_value_get_object (value));
      break;
    case PROP_SCALE:
      grant_sequence_diagram_view_set_scale (self, g_value_get_double (value));
      break;
    case PROP_SELECTED:
      grant_sequence_diagram_view_set_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_sequence_diagram_view_class_init (GrantSequenceDiagramViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_sequence_diagram_view_dispose;
  object_class->get_property = grant_sequence_diagram_view_get_property;
  object_class->set_property = grant_sequence_diagram_view_set_property;
  widget_class->snapshot = grant_sequence_diagram_view_snapshot;
  widget_class->measure = grant_sequence_diagram_view_measure;
  widget_class->map = grant_sequence_diagram_view_map;
  widget_class->unmap = grant_sequence_diagram_view_unmap;
  widget_class->query_tooltip = grant_sequence_diagram_view_query_tooltip;
  widget_class->system_setting_changed = grant_sequence_diagram_view_system_setting_changed;

  /**
   * GrantSequenceDiagramView:diagram:
   *
   * The diagram drawn.
   */
  properties[PROP_DIAGRAM] =
    g_param_spec_object ("diagram", NULL, NULL, GRANT_TYPE_SEQUENCE_DIAGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GrantSequenceDiagramView:scale:
   *
   * How much larger than normal everything is drawn: text, lines and spaces. A presenter
   * makes it larger for the back of the room.
   */
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0.25, 8.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GrantSequenceDiagramView:selected:
   *
   * The position of the selected arrow, or %GTK_INVALID_LIST_POSITION.
   */
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GrantSequenceDiagramView::exchange-activated:
   * @self: the view
   * @exchange: the exchange of the arrow
   *
   * An arrow was clicked, or Enter pressed on the selected one: its exchange is to be shown.
   */
  signals[EXCHANGE_ACTIVATED] =
    g_signal_new ("exchange-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GRANT_TYPE_EXCHANGE);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, move_cb, "(i)", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, 0, move_cb, "(i)", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, move_cb, "(i)", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, 0, move_cb, "(i)", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, move_cb, "(i)", G_MININT / 2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, move_cb, "(i)", G_MAXINT / 2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, activate_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "sequencediagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
grant_sequence_diagram_view_init (GrantSequenceDiagramView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->scale = 1.0;
  self->selected = GTK_INVALID_LIST_POSITION;
  self->labels = g_ptr_array_new_with_free_func (g_object_unref);
  self->row_tops = g_array_new (FALSE, TRUE, sizeof (double));
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
  self->arrowheads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* On the view background, as lists and text views are: the labels' backgrounds are its. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* The focus is drawn on the selected arrow. */
  g_signal_connect_swapped (self, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sequence diagram"), -1);
}

/* API ---------------------------------------------------------------------------------------- */

GtkWidget *
grant_sequence_diagram_view_new (void)
{
  return g_object_new (GRANT_TYPE_SEQUENCE_DIAGRAM_VIEW, NULL);
}

/**
 * grant_sequence_diagram_view_get_diagram:
 * @self: a #GrantSequenceDiagramView
 *
 * Returns: (transfer none) (nullable): the diagram drawn
 */
GrantSequenceDiagram *
grant_sequence_diagram_view_get_diagram (GrantSequenceDiagramView *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self), NULL);

  return self->diagram;
}

/**
 * grant_sequence_diagram_view_set_diagram:
 * @self: a #GrantSequenceDiagramView
 * @diagram: (nullable): the diagram to draw
 */
void
grant_sequence_diagram_view_set_diagram (GrantSequenceDiagramView *self,
                                         GrantSequenceDiagram     *diagram)
{
  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self));
  g_return_if_fail (diagram == NULL || GRANT_IS_SEQUENCE_DIAGRAM (diagram));

  if (self->diagram == diagram)
    return;

  if (self->diagram != NULL)
    g_signal_handlers_disconnect_by_func (self->diagram, diagram_items_changed_cb, self);
  g_set_object (&self->diagram, diagram);
  if (diagram != NULL)
    g_signal_connect_object (diagram, "items-changed", G_CALLBACK (diagram_items_changed_cb),
                             self, 0);
  grant_sequence_diagram_view_set_selected (self, GTK_INVALID_LIST_POSITION);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGRAM]);
}

/**
 * grant_sequence_diagram_view_get_scale:
 * @self: a #GrantSequenceDiagramView
 *
 * Returns: how much larger than normal the diagram is drawn
 */
double
grant_sequence_diagram_view_get_scale (GrantSequenceDiagramView *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self), 1.0);

  return self->scale;
}

/**
 * grant_sequence_diagram_view_set_scale:
 * @self: a #GrantSequenceDiagramView
 * @scale: how much larger than normal to draw everything, 1.0 for normal
 */
void
grant_sequence_diagram_view_set_scale (GrantSequenceDiagramView *self,
                                       double                    scale)
{
  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self));

  scale = CLAMP (scale, 0.25, 8.0);
  if (G_APPROX_VALUE (self->scale, scale, DBL_EPSILON))
    return;

  self->scale = scale;
  g_hash_table_remove_all (self->arrowheads);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

/**
 * grant_sequence_diagram_view_get_selected:
 * @self: a #GrantSequenceDiagramView
 *
 * Returns: the position of the selected arrow, or %GTK_INVALID_LIST_POSITION
 */
guint
grant_sequence_diagram_view_get_selected (GrantSequenceDiagramView *self)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self), GTK_INVALID_LIST_POSITION);

  return self->selected;
}

/**
 * grant_sequence_diagram_view_set_selected:
 * @self: a #GrantSequenceDiagramView
 * @position: the position of the arrow to select, or %GTK_INVALID_LIST_POSITION for none
 */
void
grant_sequence_diagram_view_set_selected (GrantSequenceDiagramView *self,
                                          guint                     position)
{
  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self));

  if (position >= n_arrows (self))
    position = GTK_INVALID_LIST_POSITION;
  if (self->selected == position)
    return;

  self->selected = position;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * grant_sequence_diagram_view_get_arrow_bounds:
 * @self: a #GrantSequenceDiagramView
 * @position: the position of an arrow
 * @bounds: (out): return location for the row of the arrow and its label, in the view's
 *   coordinates
 *
 * Returns: whether there is an arrow at @position
 */
gboolean
grant_sequence_diagram_view_get_arrow_bounds (GrantSequenceDiagramView *self,
                                              guint                     position,
                                              graphene_rect_t          *bounds)
{
  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (position >= n_arrows (self))
    return FALSE;

  ensure_layout (self);
  graphene_rect_init (bounds, offset_x (self) + self->margin, row_top (self, position),
                      self->width - 2 * self->margin, row_height (self, position));

  return TRUE;
}

/**
 * grant_sequence_diagram_view_get_diagram_size:
 * @self: a #GrantSequenceDiagramView
 * @width: (out) (optional): return location for the width of the drawing
 * @height: (out) (optional): return location for its height
 *
 * The size of the whole diagram at the current scale, as the PNG export has it.
 */
void
grant_sequence_diagram_view_get_diagram_size (GrantSequenceDiagramView *self,
                                              int                      *width,
                                              int                      *height)
{
  g_return_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self));

  ensure_layout (self);
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

/**
 * grant_sequence_diagram_view_render_texture:
 * @self: a #GrantSequenceDiagramView
 * @error: return location for an error
 *
 * Draws the whole diagram at the current scale, on the view's background and without the
 * selection, whether or not the view is shown.
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL with @error set
 */
GdkTexture *
grant_sequence_diagram_view_render_texture (GrantSequenceDiagramView  *self,
                                            GError                   **error)
{
  g_autoptr(GskRenderer) own_renderer = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer = NULL;
  GtkNative *native;
  graphene_rect_t viewport;
  Colours colours;

  g_return_val_if_fail (GRANT_IS_SEQUENCE_DIAGRAM_VIEW (self), NULL);

  ensure_layout (self);
  get_colours (self, &colours);
  viewport = GRAPHENE_RECT_INIT (0, 0, self->width, self->height);

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &colours.background, &viewport);
  draw (self, snapshot, FALSE);
  node = gtk_snapshot_free_to_node (snapshot);

  native = gtk_widget_get_native (GTK_WIDGET (self));
  if (native != NULL && gtk_widget_get_realized (GTK_WIDGET (native)))
    renderer = gtk_native_get_renderer (native);
  if (renderer == NULL)
    {
      /* Not shown: GTK's software renderer needs no window. */
      own_renderer = gsk_cairo_renderer_new ();
      if (!gsk_renderer_realize (own_renderer, NULL, error))
        return NULL;
      renderer = own_renderer;
    }

  {
    GdkTexture *texture = gsk_renderer_render_texture (renderer, node, &viewport);

    if (own_renderer != NULL)
      gsk_renderer_unrealize (own_renderer);

    return texture;
  }
}
