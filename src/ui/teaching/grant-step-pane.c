/* grant-step-pane.c
 * Step mode's pane: the request (or authorization response) the flow is paused on, editable,
 * with Send and Cancel, and beside it what the step is for.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane follows its GrantStepInterceptor's current step. A request shows its method, URL,
 * headers and either its form parameters, its query parameters (a request without a body) or
 * its body; an authorization response, its parameters. Every row can be edited or removed,
 * and rows added; Send writes the rows back into the request (or the response) and lets the
 * step go. The explanation sits beside the step when the pane is wide enough, above it when
 * not.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-step-pane.h"

/* Wide enough for the explanation to sit beside the step rather than above it. */
#define WIDE_WIDTH 720

typedef enum
{
  MODE_NONE,
  MODE_FORM,
  MODE_QUERY,
  MODE_BODY,
  MODE_RESPONSE,
} Mode;

struct _GrantStepPane
{
  GtkWidget             parent_instance;

  GrantStepInterceptor *interceptor;
  Mode                  mode;
  /* The rows of the parameters and headers, in order; the groups own them. */
  GPtrArray            *parameter_rows;
  GPtrArray            *header_rows;
  /* Names whose values the request marks secret, so that edits keep them marked. */
  GHashTable           *secret_names;

  /* Template children */
  GtkWidget            *editor_box;
  GtkWidget            *explanation_scroller;
  AdwPreferencesGroup  *step_group;
  AdwEntryRow          *method_row;
  AdwEntryRow          *url_row;
  AdwPreferencesGroup  *parameters_group;
  AdwEntryRow          *add_parameter_row;
  AdwPreferencesGroup  *headers_group;
  AdwEntryRow          *add_header_row;
  AdwPreferencesGroup  *body_group;
  GtkTextView          *body_view;
  GtkButton            *send_button;
  GtkButton            *cancel_button;
  GtkLabel             *waiting_label;
  GtkLabel             *explanation_title;
  GtkLabel             *explanation_reference;
  GtkLabel             *explanation_purpose;
  GtkLabel             *explanation_risk;
};

G_DEFINE_FINAL_TYPE (GrantStepPane, grant_step_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INTERCEPTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows. */

static const char *
row_name (gpointer row)
{
  return g_object_get_data (G_OBJECT (row), "grant-step-name");
}

static AdwEntryRow *
find_row (GPtrArray  *rows,
          const char *name,
          gboolean    ignore_case)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const char *candidate = row_name (g_ptr_array_index (rows, i));

      if (ignore_case ? g_ascii_strcasecmp (candidate, name) == 0 : g_str_equal (candidate, name))
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

/* A row for one header or parameter: its name as the title, its value to edit, and a button
 * that removes it (through @remove_action, with the name as its target). */
static AdwEntryRow *
add_row (GrantStepPane       *self,
         AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *remove_action,
         const char          *name,
         const char          *value)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *tooltip = NULL;

  g_object_set_data_full (G_OBJECT (row), "grant-step-name", g_strdup (name), g_free);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), value);

  /* Translators: %s is a parameter's or a header's name, code_verifier say */
  tooltip = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), remove_action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", name);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  /* The rows go before the group's last row, the one that adds another. */
  adw_preferences_group_remove (group, group == self->parameters_group
                                       ? GTK_WIDGET (self->add_parameter_row)
                                       : GTK_WIDGET (self->add_header_row));
  adw_preferences_group_add (group, row);
  adw_preferences_group_add (group, group == self->parameters_group
                                    ? GTK_WIDGET (self->add_parameter_row)
                                    : GTK_WIDGET (self->add_header_row));
  g_ptr_array_add (rows, row);

  return ADW_ENTRY_ROW (row);
}

static void
remove_row (AdwPreferencesGroup *group,
            GPtrArray           *rows,
            AdwEntryRow         *row)
{
  g_ptr_array_remove (rows, row);
  adw_preferences_group_remove (group, GTK_WIDGET (row));
}

static void
clear_rows (GrantStepPane *self)
{
  while (self->parameter_rows->len > 0)
    remove_row (self->parameters_group, self->parameter_rows,
                g_ptr_array_index (self->parameter_rows, 0));
  while (self->header_rows->len > 0)
    remove_row (self->headers_group, self->header_rows, g_ptr_array_index (self->header_rows, 0));
  g_hash_table_remove_all (self->secret_names);
}

/* The query of a URL as name, value pairs, in order (g_uri_parse_params () loses the order). */
static GPtrArray *
parse_query (const char *query)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (query, "&", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;

      if (*parts[i] == '\0')
        continue;
      g_strdelimit (parts[i], "+", ' ');
      pair = g_strsplit (parts[i], "=", 2);
      for (guint j = 0; j < 2; j++)
        {
          const char *raw = pair[j] != NULL ? pair[j] : "";
          char *decoded = g_uri_unescape_string (raw, NULL);

          g_ptr_array_add (pairs, decoded != NULL ? decoded : g_strdup (raw));
        }
    }

  return pairs;
}

/* The response's parameters in the order a reader looks for them: the code and what proves
 * where it came from first, then errors, then tokens, then the rest by name. */
static int
response_order (const char *name)
{
  static const char * const order[] = {
    "code", "state", "iss", "session_state", "error", "error_description", "error_uri",
    "id_token", "access_token", "token_type", "expires_in", "scope",
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_str_equal (name, order[i]))
      return (int) i;

  return G_N_ELEMENTS (order);
}

static int
compare_response_names (gconstpointer a,
                        gconstpointer b)
{
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  int order_a = response_order (name_a);
  int order_b = response_order (name_b);

  return order_a != order_b ? order_a - order_b : strcmp (name_a, name_b);
}

/* Showing the current step. */

static void
show_explanation (GrantStepPane        *self,
                  GrantStepExplanation *explanation)
{
  gtk_label_set_text (self->explanation_title,
                      explanation != NULL ? grant_step_explanation_get_title (explanation) : "");
  gtk_label_set_text (self->explanation_reference,
                      explanation != NULL ? grant_step_explanation_get_reference (explanation)
                                          : "");
  gtk_label_set_text (self->explanation_purpose,
                      explanation != NULL ? grant_step_explanation_get_purpose (explanation)
                                          : "");
  gtk_label_set_text (self->explanation_risk,
                      explanation != NULL ? grant_step_explanation_get_risk (explanation) : "");
}

static void
show_request (GrantStepPane    *self,
              GrantHttpRequest *request)
{
  const char *method = grant_http_request_get_method (request);
  const char *uri = grant_http_request_get_uri (request);
  const GrantHttpField *fields;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *content_type = NULL;
  guint n;

  adw_preferences_group_set_title (self->step_group, _("Paused Before Sending"));
  adw_preferences_group_set_description (self->step_group,
                                         _("Step mode holds this request before it is sent: "
                                           "edit it, remove a parameter, then send it, or "
                                           "cancel the flow."));
  gtk_widget_set_visible (GTK_WIDGET (self->method_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->method_row), method);
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("URL"));
  gtk_widget_set_visible (GTK_WIDGET (self->headers_group), TRUE);
  gtk_button_set_label (self->send_button, _("_Send"));

  fields = grant_http_request_get_headers (request, &n);
  for (guint i = 0; i < n; i++)
    {
      add_row (self, self->headers_group, self->header_rows, "step.remove-header",
               fields[i].name, fields[i].value);
      if (fields[i].secret)
        g_hash_table_add (self->secret_names, g_strconcat ("header:", fields[i].name, NULL));
    }

  body = grant_http_request_dup_body (request, &content_type);
  if (grant_http_request_has_form (request)
      || (body == NULL && !g_str_equal (method, "GET") && !g_str_equal (method, "HEAD")
          && !g_str_equal (method, "DELETE")))
    {
      self->mode = MODE_FORM;
      adw_preferences_group_set_title (self->parameters_group, _("Form Parameters"));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), uri);
      fields = grant_http_request_get_form_fields (request, &n);
      for (guint i = 0; i < n; i++)
        {
          add_row (self, self->parameters_group, self->parameter_rows, "step.remove-parameter",
                   fields[i].name, fields[i].value);
          if (fields[i].secret)
            g_hash_table_add (self->secret_names, g_strconcat ("form:", fields[i].name, NULL));
        }
    }
  else if (body == NULL)
    {
      const char *query = strchr (uri, '?');
      g_autofree char *base = g_strndup (uri, query != NULL ? (gsize) (query - uri) : strlen (uri));

      self->mode = MODE_QUERY;
      adw_preferences_group_set_title (self->parameters_group, _("Query Parameters"));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), base);
      if (query != NULL)
        {
          g_autoptr(GPtrArray) pairs = parse_query (query + 1);

          for (guint i = 0; i + 1 < pairs->len; i += 2)
            add_row (self, self->parameters_group, self->parameter_rows, "step.remove-parameter",
                     g_ptr_array_index (pairs, i), g_ptr_array_index (pairs, i + 1));
        }
    }
  else
    {
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      self->mode = MODE_BODY;
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), uri);
      if (g_utf8_validate (data, size, NULL))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), data, size);
      g_object_set_data_full (G_OBJECT (self), "grant-step-content-type",
                              g_steal_pointer (&content_type), g_free);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->parameters_group), self->mode != MODE_BODY);
  gtk_widget_set_visible (GTK_WIDGET (self->body_group), self->mode == MODE_BODY);
}

static void
show_response (GrantStepPane *self,
               GHashTable    *parameters,
               const char    *redirect_uri)
{
  g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (parameters,
                                                                                  NULL);
  guint n = g_hash_table_size (parameters);

  self->mode = MODE_RESPONSE;
  adw_preferences_group_set_title (self->step_group, _("Paused at the Redirect Capture"));
  adw_preferences_group_set_description (self->step_group,
                                         _("Step mode holds the response the browser brought "
                                           "back to the redirect URI. Grant has not checked "
                                           "it yet: edit it (change the state, say), then go "
                                           "on, or cancel the flow."));
  gtk_widget_set_visible (GTK_WIDGET (self->method_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("Redirect URI"));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), redirect_uri != NULL ? redirect_uri : "");
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->headers_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->body_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->parameters_group), TRUE);
  adw_preferences_group_set_title (self->parameters_group, _("Response Parameters"));
  gtk_button_set_label (self->send_button, _("_Continue"));

  qsort (names, n, sizeof (char *), compare_response_names);
  for (guint i = 0; i < n; i++)
    add_row (self, self->parameters_group, self->parameter_rows, "step.remove-parameter",
             names[i], g_hash_table_lookup (parameters, names[i]));
}

/* How many other steps wait behind the one shown: they may come while it is edited, which
 * must not lose the edits. */
static void
update_waiting (GrantStepPane *self)
{
  guint waiting = self->interceptor != NULL
                  ? grant_step_interceptor_get_n_pending (self->interceptor) : 0;

  waiting = waiting > 0 ? waiting - 1 : 0;
  if (waiting > 0)
    {
      /* Translators: steps of other flows or requests, held after the one shown */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more step waits",
                                                            "%u more steps wait", waiting),
                                               waiting);

      gtk_label_set_text (self->waiting_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label), waiting > 0);
}

static void
refresh (GrantStepPane *self)
{
  gboolean paused = self->interceptor != NULL
                    && grant_step_interceptor_get_paused (self->interceptor);
  GrantHttpRequest *request = NULL;
  GHashTable *parameters = NULL;
  GrantStepExplanation *explanation = NULL;

  clear_rows (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), "", 0);
  gtk_editable_set_text (GTK_EDITABLE (self->add_parameter_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_header_row), "");
  self->mode = MODE_NONE;

  if (paused)
    {
      request = grant_step_interceptor_get_request (self->interceptor);
      parameters = grant_step_interceptor_get_response_parameters (self->interceptor);
      explanation = grant_step_interceptor_get_explanation (self->interceptor);
    }

  show_explanation (self, explanation);
  if (request != NULL)
    show_request (self, request);
  else if (parameters != NULL)
    show_response (self, parameters,
                   grant_step_interceptor_get_redirect_uri (self->interceptor));

  update_waiting (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.send", paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.cancel", paused);
}

/* Writing the rows back. */

static gboolean
is_secret (GrantStepPane *self,
           const char    *prefix,
           const char    *name)
{
  g_autofree char *key = g_strconcat (prefix, name, NULL);

  return g_hash_table_contains (self->secret_names, key);
}

static char *
row_value (gpointer row)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
apply_request (GrantStepPane    *self,
               GrantHttpRequest *request)
{
  g_autofree char *method = g_strstrip (g_strdup (gtk_editable_get_text (
                                          GTK_EDITABLE (self->method_row))));
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (
                                       GTK_EDITABLE (self->url_row))));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const GrantHttpField *fields;
  guint n;

  if (*method != '\0')
    grant_http_request_set_method (request, method);

  fields = grant_http_request_get_headers (request, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, g_strdup (fields[i].name));
  for (guint i = 0; i < names->len; i++)
    grant_http_request_remove_header (request, g_ptr_array_index (names, i));
  for (guint i = 0; i < self->header_rows->len; i++)
    {
      gpointer row = g_ptr_array_index (self->header_rows, i);
      g_autofree char *value = row_value (row);

      grant_http_request_set_header (request, row_name (row), value,
                                     is_secret (self, "header:", row_name (row)));
    }

  switch (self->mode)
    {
    case MODE_FORM:
      g_ptr_array_set_size (names, 0);
      fields = grant_http_request_get_form_fields (request, &n);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (names, g_strdup (fields[i].name));
      for (guint i = 0; i < names->len; i++)
        grant_http_request_remove_form_field (request, g_ptr_array_index (names, i));
      for (guint i = 0; i < self->parameter_rows->len; i++)
        {
          gpointer row = g_ptr_array_index (self->parameter_rows, i);
          g_autofree char *value = row_value (row);

          grant_http_request_set_form_field (request, row_name (row), value,
                                             is_secret (self, "form:", row_name (row)));
        }
      grant_http_request_set_uri (request, url);
      break;

    case MODE_QUERY:
      {
        GString *full = g_string_new (url);

        for (guint i = 0; i < self->parameter_rows->len; i++)
          {
            gpointer row = g_ptr_array_index (self->parameter_rows, i);
            g_autofree char *encoded_name = grant_http_request_form_encode (row_name (row));
            g_autofree char *encoded_value = grant_http_request_form_encode (
              gtk_editable_get_text (GTK_EDITABLE (row)));

            g_string_append_c (full, i == 0 && strchr (url, '?') == NULL ? '?' : '&');
            g_string_append_printf (full, "%s=%s", encoded_name, encoded_value);
          }
        grant_http_request_set_uri (request, full->str);
        g_string_free (full, TRUE);
        break;
      }

    case MODE_BODY:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
        GtkTextIter start, end;
        char *text;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        {
          g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));

          grant_http_request_set_body (request,
                                       g_object_get_data (G_OBJECT (self),
                                                          "grant-step-content-type"),
                                       body);
        }
        grant_http_request_set_uri (request, url);
        break;
      }

    case MODE_NONE:
    case MODE_RESPONSE:
    default:
      g_assert_not_reached ();
    }
}

static void
apply_response (GrantStepPane *self,
                GHashTable    *parameters)
{
  g_hash_table_remove_all (parameters);
  for (guint i = 0; i < self->parameter_rows->len; i++)
    {
      gpointer row = g_ptr_array_index (self->parameter_rows, i);

      g_hash_table_insert (parameters, g_strdup (row_name (row)), row_value (row));
    }
}

/* Actions. */

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GrantStepPane *self = GRANT_STEP_PANE (widget);
  GrantHttpRequest *request;
  GHashTable *parameters;

  if (self->interceptor == NULL || !grant_step_interceptor_get_paused (self->interceptor))
    return;

  request = grant_step_interceptor_get_request (self->interceptor);
  parameters = grant_step_interceptor_get_response_parameters (self->interceptor);
  if (request != NULL)
    apply_request (self, request);
  else if (parameters != NULL)
    apply_response (self, parameters);

  grant_step_interceptor_continue (self->interceptor);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GrantStepPane *self = GRANT_STEP_PANE (widget);

  if (self->interceptor != NULL && grant_step_interceptor_get_paused (self->interceptor))
    grant_step_interceptor_cancel (self->interceptor);
}

static void
remove_parameter_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GrantStepPane *self = GRANT_STEP_PANE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  gboolean header = g_str_equal (action_name, "step.remove-header");
  AdwEntryRow *row = find_row (header ? self->header_rows : self->parameter_rows, name, header);

  if (row != NULL)
    remove_row (header ? self->headers_group : self->parameters_group,
                header ? self->header_rows : self->parameter_rows, row);
}

/* "name=value" (or "Name: value" for a header) typed in the last row adds a row. */
static void
add_typed_row (GrantStepPane *self,
               gboolean       header)
{
  AdwEntryRow *entry = header ? self->add_header_row : self->add_parameter_row;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  char *separator = strchr (text, header ? ':' : '=');
  GPtrArray *rows = header ? self->header_rows : self->parameter_rows;
  AdwPreferencesGroup *group = header ? self->headers_group : self->parameters_group;
  AdwEntryRow *existing;
  const char *value = "";

  if (separator != NULL)
    {
      *separator = '\0';
      value = separator + 1;
      while (header && *value == ' ')
        value++;
    }
  g_strstrip (text);
  if (*text == '\0' || self->mode == MODE_NONE)
    return;

  existing = find_row (rows, text, header);
  if (existing != NULL)
    gtk_editable_set_text (GTK_EDITABLE (existing), value);
  else
    add_row (self, group, rows, header ? "step.remove-header" : "step.remove-parameter", text,
             value);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
add_parameter_cb (GrantStepPane *self)
{
  add_typed_row (self, FALSE);
}

static void
add_header_cb (GrantStepPane *self)
{
  add_typed_row (self, TRUE);
}

/* Layout: the explanation beside the editor when the pane is wide, above it when narrow. */

static void
grant_step_pane_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GrantStepPane *self = GRANT_STEP_PANE (widget);
  int editor_min, editor_nat, explanation_min, explanation_nat;

  gtk_widget_measure (self->editor_box, orientation, -1, &editor_min, &editor_nat, NULL, NULL);
  gtk_widget_measure (self->explanation_scroller, orientation, -1, &explanation_min,
                      &explanation_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (editor_min, explanation_min);
      *natural = editor_nat + explanation_nat;
    }
  else
    {
      *minimum = editor_min + explanation_min;
      *natural = editor_nat + explanation_nat;
    }
}

static void
grant_step_pane_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  GrantStepPane *self = GRANT_STEP_PANE (widget);

  if (width >= WIDE_WIDTH)
    {
      int explanation_width = CLAMP (width * 38 / 100, 280, 400);

      gtk_widget_allocate (self->editor_box, width - explanation_width, height, -1, NULL);
      gtk_widget_allocate (self->explanation_scroller, explanation_width, height, -1,
                           gsk_transform_translate (NULL,
                                                    &GRAPHENE_POINT_INIT (width - explanation_width,
                                                                          0)));
    }
  else
    {
      GtkWidget *text = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (
                                                         self->explanation_scroller));
      int editor_min, explanation_min, explanation_nat, explanation_height;

      gtk_widget_measure (self->editor_box, GTK_ORIENTATION_VERTICAL, width, &editor_min, NULL,
                          NULL, NULL);
      gtk_widget_measure (self->explanation_scroller, GTK_ORIENTATION_VERTICAL, width,
                          &explanation_min, NULL, NULL, NULL);
      /* The scrolled window asks its child for its height at its natural width, where the
       * text takes fewer lines than at this one: the child is asked at this width. */
      gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, width, NULL, &explanation_nat, NULL,
                          NULL);
      explanation_height = MIN (explanation_nat, height / 2);
      explanation_height = MAX (explanation_height, explanation_min);
      explanation_height = MIN (explanation_height, MAX (height - editor_min, explanation_min));

      gtk_widget_allocate (self->explanation_scroller, width, explanation_height, -1, NULL);
      gtk_widget_allocate (self->editor_box, width, height - explanation_height, -1,
                           gsk_transform_translate (NULL,
                                                    &GRAPHENE_POINT_INIT (0,
                                                                          explanation_height)));
    }
}

/* Focus goes to Send, so that Return (or Ctrl+Return anywhere in the pane) lets the step go. */
static gboolean
grant_step_pane_grab_focus (GtkWidget *widget)
{
  GrantStepPane *self = GRANT_STEP_PANE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->send_button));
}

static GtkSizeRequestMode
grant_step_pane_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* The type. */

static void
grant_step_pane_dispose (GObject *object)
{
  GrantStepPane *self = GRANT_STEP_PANE (object);

  if (self->interceptor != NULL)
    g_signal_handlers_disconnect_by_data (self->interceptor, self);
  g_clear_object (&self->interceptor);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRANT_TYPE_STEP_PANE);

  G_OBJECT_CLASS (grant_step_pane_parent_class)->dispose (object);
}

static void
grant_step_pane_finalize (GObject *object)
{
  GrantStepPane *self = GRANT_STEP_PANE (object);

  g_clear_pointer (&self->parameter_rows, g_ptr_array_unref);
  g_clear_pointer (&self->header_rows, g_ptr_array_unref);
  g_clear_pointer (&self->secret_names, g_hash_table_unref);

  G_OBJECT_CLASS (grant_step_pane_parent_class)->finalize (object);
}

static void
grant_step_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrantStepPane *self = GRANT_STEP_PANE (object);

  switch (prop_id)
    {
    case PROP_INTERCEPTOR:
      g_value_set_object (value, self->interceptor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_step_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GrantStepPane *self = GRANT_STEP_PANE (object);

  switch (prop_id)
    {
    case PROP_INTERCEPTOR:
      grant_step_pane_set_interceptor (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_step_pane_class_init (GrantStepPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_step_pane_dispose;
  object_class->finalize = grant_step_pane_finalize;
  object_class->get_property = grant_step_pane_get_property;
  object_class->set_property = grant_step_pane_set_property;

  widget_class->measure = grant_step_pane_measure;
  widget_class->size_allocate = grant_step_pane_size_allocate;
  widget_class->get_request_mode = grant_step_pane_get_request_mode;
  widget_class->grab_focus = grant_step_pane_grab_focus;

  properties[PROP_INTERCEPTOR] =
    g_param_spec_object ("interceptor", NULL, NULL, GRANT_TYPE_STEP_INTERCEPTOR,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, GRANT_RESOURCE_BASE_PATH
                                               "/teaching/grant-step-pane.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GrantStepPane, name)
  BIND (editor_box);
  BIND (explanation_scroller);
  BIND (step_group);
  BIND (method_row);
  BIND (url_row);
  BIND (parameters_group);
  BIND (add_parameter_row);
  BIND (headers_group);
  BIND (add_header_row);
  BIND (body_group);
  BIND (body_view);
  BIND (send_button);
  BIND (cancel_button);
  BIND (waiting_label);
  BIND (explanation_title);
  BIND (explanation_reference);
  BIND (explanation_purpose);
  BIND (explanation_risk);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, add_parameter_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_header_cb);

  gtk_widget_class_install_action (widget_class, "step.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "step.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "step.remove-parameter", "s",
                                   remove_parameter_action);
  gtk_widget_class_install_action (widget_class, "step.remove-header", "s",
                                   remove_parameter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "step.send", NULL);
}

static void
grant_step_pane_init (GrantStepPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->parameter_rows = g_ptr_array_new ();
  self->header_rows = g_ptr_array_new ();
  self->secret_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  refresh (self);
}

/**
 * grant_step_pane_new:
 *
 * Returns: (transfer floating): a step pane following no interceptor yet
 */
GtkWidget *
grant_step_pane_new (void)
{
  return g_object_new (GRANT_TYPE_STEP_PANE, NULL);
}

GrantStepInterceptor *
grant_step_pane_get_interceptor (GrantStepPane *self)
{
  g_return_val_if_fail (GRANT_IS_STEP_PANE (self), NULL);

  return self->interceptor;
}

/**
 * grant_step_pane_set_interceptor:
 * @self: a #GrantStepPane
 * @interceptor: (nullable): the interceptor whose current step the pane shows
 */
void
grant_step_pane_set_interceptor (GrantStepPane        *self,
                                 GrantStepInterceptor *interceptor)
{
  g_return_if_fail (GRANT_IS_STEP_PANE (self));
  g_return_if_fail (interceptor == NULL || GRANT_IS_STEP_INTERCEPTOR (interceptor));

  if (self->interceptor == interceptor)
    return;

  if (self->interceptor != NULL)
    g_signal_handlers_disconnect_by_data (self->interceptor, self);
  g_set_object (&self->interceptor, interceptor);
  if (interceptor != NULL)
    {
      g_signal_connect_object (interceptor, "step-changed", G_CALLBACK (refresh), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (interceptor, "notify::n-pending", G_CALLBACK (update_waiting),
                               self, G_CONNECT_SWAPPED);
    }
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERCEPTOR]);
}

/**
 * grant_step_pane_get_parameter_row:
 * @self: a #GrantStepPane
 * @name: a parameter's name
 *
 * Returns: (transfer none) (nullable): the row of the current step's parameter @name (form,
 *   query or response), as the user left it
 */
AdwEntryRow *
grant_step_pane_get_parameter_row (GrantStepPane *self,
                                   const char    *name)
{
  g_return_val_if_fail (GRANT_IS_STEP_PANE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_row (self->parameter_rows, name, FALSE);
}

/**
 * grant_step_pane_get_header_row:
 * @self: a #GrantStepPane
 * @name: a header's name, in any case
 *
 * Returns: (transfer none) (nullable): the row of the current request's header @name
 */
AdwEntryRow *
grant_step_pane_get_header_row (GrantStepPane *self,
                                const char    *name)
{
  g_return_val_if_fail (GRANT_IS_STEP_PANE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_row (self->header_rows, name, TRUE);
}
