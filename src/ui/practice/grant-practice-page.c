/* grant-practice-page.c
 * The Practice Provider page: whether it runs, its demo clients and users, its fault switches.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows the application's GrantPracticeProvider: its issuer and API, the demo clients
 * and users of docs/practice-provider.md (each client with a Use button that asks the window to
 * fill in the Flow page), and one row per fault switch, bound both ways to the provider. Its
 * widgets are made when it is first shown, from grant-practice-page.ui, so that the window's
 * first frame does not pay for a page it does not show.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "grant-application-private.h"
#include "grant-practice-page.h"

#define REDIRECT_URI "http://127.0.0.1/callback"

typedef struct
{
  GrantFlowFormClient  form;
  /* What kind of client it is and how it authenticates, then what it is for (N_). */
  const char          *kind;
  const char          *purpose;
} DemoClient;

/* docs/practice-provider.md, "Demo clients". */
static const DemoClient demo_clients[] = {
  {
    { GRANT_PRACTICE_CLIENT_PUBLIC, GRANT_CLIENT_TYPE_NATIVE, GRANT_CLIENT_AUTH_NONE, NULL,
      GRANT_FLOW_KIND_AUTHORIZATION_CODE, REDIRECT_URI,
      "openid profile offline_access photos:read" },
    N_("Public (native or single-page app): no secret, PKCE S256 required"),
    N_("The authorization code flow with PKCE, as a public client runs it; then refresh."),
  },
  {
    { GRANT_PRACTICE_CLIENT_CONFIDENTIAL, GRANT_CLIENT_TYPE_WEB_SERVER,
      GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC, "practice-web-secret",
      GRANT_FLOW_KIND_AUTHORIZATION_CODE, REDIRECT_URI,
      "openid profile email offline_access photos:read photos:write" },
    N_("Confidential (server-side web app): client_secret_basic or client_secret_post"),
    N_("The authorization code flow of a web server with its secret; the legacy password grant "
       "when that switch is on."),
  },
  {
    { GRANT_PRACTICE_CLIENT_MACHINE, GRANT_CLIENT_TYPE_MACHINE,
      GRANT_CLIENT_AUTH_CLIENT_SECRET_BASIC, "practice-machine-secret",
      GRANT_FLOW_KIND_CLIENT_CREDENTIALS, NULL, "photos:read photos:write" },
    N_("Confidential (service): client_secret_basic or client_secret_post"),
    N_("Client credentials: a service calling the API on its own behalf, with no user."),
  },
  {
    { GRANT_PRACTICE_CLIENT_DEVICE, GRANT_CLIENT_TYPE_DEVICE, GRANT_CLIENT_AUTH_NONE, NULL,
      GRANT_FLOW_KIND_DEVICE, NULL, "openid profile offline_access photos:read" },
    N_("Public (input-constrained device): no secret"),
    N_("The device flow: a code shown on the device, approved on the verification page."),
  },
};

/* docs/practice-provider.md, "Demo users". */
static const struct
{
  const char *user;
  const char *name;
} demo_users[] = {
  { "alice", "Alice Appleby" },
  { "bob", "Bob Baker" },
  { "carol", "Carol Carter" },
};

struct _GrantPracticePage
{
  GtkWidget              parent_instance;

  GrantPracticeProvider *provider;
  char                  *error_message;
  GThread               *ui_thread;
  /* While the rows follow the provider, their signals are not sent back to it. */
  guint                  syncing;

  /* Made when the page is first shown. */
  AdwToastOverlay       *toast_overlay;
  AdwActionRow          *status_row;
  GtkImage              *status_icon;
  AdwActionRow          *api_row;
  GtkWidget             *use_buttons[G_N_ELEMENTS (demo_clients)];
  GtkWidget             *switches[GRANT_PRACTICE_N_FAULTS];
  GtkWidget             *spin_buttons[GRANT_PRACTICE_N_FAULTS];
};

G_DEFINE_FINAL_TYPE (GrantPracticePage, grant_practice_page, GTK_TYPE_WIDGET)

enum {
  USE_CLIENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * grant_practice_demo_client_lookup:
 * @client_id: a demo client's client_id, such as %GRANT_PRACTICE_CLIENT_PUBLIC
 *
 * Returns: (nullable): how the Flow page uses that demo client of the practice provider, or
 *   %NULL if it is none of them
 */
const GrantFlowFormClient *
grant_practice_demo_client_lookup (const char *client_id)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    if (g_str_equal (demo_clients[i].form.client_id, client_id))
      return &demo_clients[i].form;

  return NULL;
}

/**
 * grant_practice_is_default_issuer:
 * @issuer: an issuer URL
 *
 * Returns: whether @issuer is one the practice provider takes when no port is chosen:
 *   http://127.0.0.1 on the default port or one of the nine after it
 */
gboolean
grant_practice_is_default_issuer (const char *issuer)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;
  int port;

  g_return_val_if_fail (issuer != NULL, FALSE);

  uri = g_uri_parse (issuer, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  path = g_uri_get_path (uri);
  port = g_uri_get_port (uri);

  return g_strcmp0 (g_uri_get_scheme (uri), "http") == 0
         && g_strcmp0 (g_uri_get_host (uri), "127.0.0.1") == 0
         && g_uri_get_userinfo (uri) == NULL
         && g_uri_get_query (uri) == NULL
         && g_uri_get_fragment (uri) == NULL
         && (*path == '\0' || g_str_equal (path, "/"))
         && port >= GRANT_PRACTICE_DEFAULT_PORT && port <= GRANT_PRACTICE_DEFAULT_PORT + 9;
}

static void
toast (GrantPracticePage *self,
       const char        *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
running (GrantPracticePage *self)
{
  return self->provider != NULL && grant_practice_provider_get_running (self->provider);
}

/* Whether it runs, and where. */
static void
show_status (GrantPracticePage *self)
{
  gboolean is_running = running (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.copy-issuer", is_running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.copy-api-url", is_running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "practice.use-client", is_running);

  if (self->status_row == NULL)
    return;

  if (is_running)
    {
      g_autofree char *api_url = grant_practice_provider_dup_api_url (self->provider);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Running"));
      adw_action_row_set_subtitle (self->status_row,
                                   grant_practice_provider_get_issuer (self->provider));
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      adw_action_row_set_subtitle (self->api_row, api_url);
    }
  else
    {
      const char *title = self->error_message != NULL ? _("Not Running") : _("Starting…");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
      adw_action_row_set_subtitle (self->status_row,
                                   self->error_message != NULL ? self->error_message : "");
      gtk_image_set_from_icon_name (self->status_icon,
                                    self->error_message != NULL ? "dialog-error-symbolic"
                                                                : "network-server-symbolic");
      adw_action_row_set_subtitle (self->api_row, "");
    }
}

/* The row of @fault shows what the provider has. */
static void
show_fault (GrantPracticePage  *self,
            GrantPracticeFault  fault)
{
  if (self->switches[fault] == NULL || self->provider == NULL)
    return;

  self->syncing++;
  gtk_switch_set_active (GTK_SWITCH (self->switches[fault]),
                         grant_practice_provider_get_fault (self->provider, fault));
  if (self->spin_buttons[fault] != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->spin_buttons[fault]),
                               grant_practice_provider_get_fault_value (self->provider, fault));
  self->syncing--;
}

static void
show_faults (GrantPracticePage *self)
{
  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    show_fault (self, i);
}

static gboolean
show_faults_cb (gpointer user_data)
{
  show_faults (GRANT_PRACTICE_PAGE (user_data));

  return G_SOURCE_REMOVE;
}

/* The provider says "fault-changed" on the thread that changed it: another thread's change is
 * shown from the page's own. */
static void
fault_changed_cb (GrantPracticeProvider *provider,
                  guint                  fault,
                  GrantPracticePage     *self)
{
  if (g_thread_self () != self->ui_thread)
    {
      g_idle_add_full (G_PRIORITY_DEFAULT, show_faults_cb, g_object_ref (self), g_object_unref);
      return;
    }

  if (fault < GRANT_PRACTICE_N_FAULTS)
    show_fault (self, fault);
}

static int
fault_of (GrantPracticePage *self,
          GtkWidget        **widgets,
          GtkWidget         *widget)
{
  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    if (widgets[i] == widget)
      return (int) i;

  g_return_val_if_reached (-1);
}

static void
switch_active_cb (GtkSwitch         *fault_switch,
                  GParamSpec        *pspec,
                  GrantPracticePage *self)
{
  int fault = fault_of (self, self->switches, GTK_WIDGET (fault_switch));

  if (self->syncing > 0 || self->provider == NULL || fault < 0)
    return;

  grant_practice_provider_set_fault (self->provider, fault, gtk_switch_get_active (fault_switch));
}

static void
spin_value_cb (GtkSpinButton     *spin_button,
               GrantPracticePage *self)
{
  int fault = fault_of (self, self->spin_buttons, GTK_WIDGET (spin_button));

  if (self->syncing > 0 || self->provider == NULL || fault < 0)
    return;

  grant_practice_provider_set_fault_value (self->provider, fault,
                                           gtk_spin_button_get_value_as_int (spin_button));
}

static GtkWidget *
fault_row_new (GrantPracticePage  *self,
               GrantPracticeFault  fault)
{
  const GrantPracticeFaultInfo *info = grant_practice_fault_get_info (fault);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *fault_switch = gtk_switch_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->title));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(info->description));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (info->value_label != NULL)
    {
      GtkWidget *spin_button = gtk_spin_button_new_with_range (info->min_value, info->max_value,
                                                               1);
      GtkWidget *unit = gtk_label_new (_(info->value_label));
      g_autofree char *label = g_strdup_printf ("%s: %s", _(info->title), _(info->value_label));

      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin_button), TRUE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin_button), info->default_value);
      gtk_widget_set_valign (spin_button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_signal_connect (spin_button, "value-changed", G_CALLBACK (spin_value_cb), self);
      gtk_widget_add_css_class (unit, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin_button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);
      self->spin_buttons[fault] = spin_button;
    }

  gtk_widget_set_valign (fault_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fault_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(info->title), -1);
  g_signal_connect (fault_switch, "notify::active", G_CALLBACK (switch_active_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), fault_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), fault_switch);
  self->switches[fault] = fault_switch;

  return row;
}

static GtkWidget *
client_row_new (GrantPracticePage *self,
                guint              index)
{
  const DemoClient *client = &demo_clients[index];
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use"));
  g_autofree char *secret = NULL;
  g_autofree char *subtitle = NULL;
  /* Translators: the accessible name of the Use button of a demo client, by its client_id */
  g_autofree char *label = g_strdup_printf (_("Use %s on the Flow page"), client->form.client_id);

  if (client->form.client_secret != NULL)
    /* Translators: the client secret of a demo client, public on purpose */
    secret = g_strdup_printf (_("Secret: %s"), client->form.client_secret);
  subtitle = g_strjoin ("\n", _(client->kind), secret != NULL ? secret : _(client->purpose),
                        secret != NULL ? _(client->purpose) : NULL, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), client->form.client_id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);

  gtk_widget_set_valign (use, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (use), "practice.use-client");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (use), "s", client->form.client_id);
  gtk_widget_set_tooltip_text (use, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (use), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), use);
  self->use_buttons[index] = use;

  return row;
}

static GtkWidget *
user_row_new (guint index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("avatar-default-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), demo_users[index].user);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), demo_users[index].name);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

/* The page's widgets, made when it is first shown. */
static void
ensure_content (GrantPracticePage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  AdwPreferencesGroup *clients_group;
  AdwPreferencesGroup *users_group;
  AdwPreferencesGroup *faults_group;
  GtkWidget *content;

  if (self->toast_overlay != NULL)
    return;

  /* A resource of the program: it aborts if it does not load, as a template would. */
  builder = gtk_builder_new_from_resource (GRANT_RESOURCE_BASE_PATH
                                           "/practice/grant-practice-page.ui");
  content = GTK_WIDGET (gtk_builder_get_object (builder, "content"));
  self->status_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "status_row"));
  self->status_icon = GTK_IMAGE (gtk_builder_get_object (builder, "status_icon"));
  self->api_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "api_row"));
  clients_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "clients_group"));
  users_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "users_group"));
  faults_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "faults_group"));

  /* URLs and error messages: text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->api_row), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    adw_preferences_group_add (clients_group, client_row_new (self, i));
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    adw_preferences_group_add (users_group, user_row_new (i));
  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    adw_preferences_group_add (faults_group, fault_row_new (self, i));

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, content);
  gtk_widget_set_parent (GTK_WIDGET (self->toast_overlay), GTK_WIDGET (self));

  show_status (self);
  show_faults (self);
}

static void
copy_text (GrantPracticePage *self,
           const char        *text,
           const char        *done)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  toast (self, done);
}

static void
copy_issuer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GrantPracticePage *self = GRANT_PRACTICE_PAGE (widget);

  if (running (self))
    copy_text (self, grant_practice_provider_get_issuer (self->provider), _("Issuer URL copied"));
}

static void
copy_api_url_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrantPracticePage *self = GRANT_PRACTICE_PAGE (widget);
  g_autofree char *api_url = NULL;

  if (!running (self))
    return;

  api_url = grant_practice_provider_dup_api_url (self->provider);
  copy_text (self, api_url, _("API URL copied"));
}

static void
use_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *client_id = g_variant_get_string (parameter, NULL);

  if (grant_practice_demo_client_lookup (client_id) != NULL)
    g_signal_emit (widget, signals[USE_CLIENT], 0, client_id);
}

static void
reset_faults_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrantPracticePage *self = GRANT_PRACTICE_PAGE (widget);

  if (self->provider == NULL)
    return;

  for (guint i = 0; i < GRANT_PRACTICE_N_FAULTS; i++)
    {
      const GrantPracticeFaultInfo *info = grant_practice_fault_get_info (i);

      grant_practice_provider_set_fault (self->provider, i, FALSE);
      if (info->value_label != NULL)
        grant_practice_provider_set_fault_value (self->provider, i, info->default_value);
    }
}

static void
grant_practice_page_map (GtkWidget *widget)
{
  ensure_content (GRANT_PRACTICE_PAGE (widget));

  GTK_WIDGET_CLASS (grant_practice_page_parent_class)->map (widget);
}

static void
grant_practice_page_dispose (GObject *object)
{
  GrantPracticePage *self = GRANT_PRACTICE_PAGE (object);

  if (self->toast_overlay != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->toast_overlay)));
  self->status_row = NULL;
  self->status_icon = NULL;
  self->api_row = NULL;
  memset (self->use_buttons, 0, sizeof self->use_buttons);
  memset (self->switches, 0, sizeof self->switches);
  memset (self->spin_buttons, 0, sizeof self->spin_buttons);
  if (self->provider != NULL)
    g_signal_handlers_disconnect_by_data (self->provider, self);
  g_clear_object (&self->provider);

  G_OBJECT_CLASS (grant_practice_page_parent_class)->dispose (object);
}

static void
grant_practice_page_finalize (GObject *object)
{
  GrantPracticePage *self = GRANT_PRACTICE_PAGE (object);

  g_free (self->error_message);

  G_OBJECT_CLASS (grant_practice_page_parent_class)->finalize (object);
}

static void
grant_practice_page_class_init (GrantPracticePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grant_practice_page_dispose;
  object_class->finalize = grant_practice_page_finalize;
  widget_class->map = grant_practice_page_map;

  _grant_application_ensure_resources ();

  /**
   * GrantPracticePage::use-client:
   * @self: the page
   * @client_id: the demo client's client_id
   *
   * The user asked to run flows as this demo client: the window fills in the Flow page with
   * grant_practice_demo_client_lookup() and shows it.
   */
  signals[USE_CLIENT] =
    g_signal_new ("use-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_install_action (widget_class, "practice.copy-issuer", NULL,
                                   copy_issuer_action);
  gtk_widget_class_install_action (widget_class, "practice.copy-api-url", NULL,
                                   copy_api_url_action);
  gtk_widget_class_install_action (widget_class, "practice.use-client", "s", use_client_action);
  gtk_widget_class_install_action (widget_class, "practice.reset-faults", NULL,
                                   reset_faults_action);
}

static void
grant_practice_page_init (GrantPracticePage *self)
{
  self->ui_thread = g_thread_self ();
  show_status (self);
}

/**
 * grant_practice_page_new:
 *
 * Returns: (transfer floating): a page without a provider yet
 */
GtkWidget *
grant_practice_page_new (void)
{
  return g_object_new (GRANT_TYPE_PRACTICE_PAGE, NULL);
}

/**
 * grant_practice_page_get_provider:
 * @self: a #GrantPracticePage
 *
 * Returns: (transfer none) (nullable): the practice provider shown
 */
GrantPracticeProvider *
grant_practice_page_get_provider (GrantPracticePage *self)
{
  g_return_val_if_fail (GRANT_IS_PRACTICE_PAGE (self), NULL);

  return self->provider;
}

/**
 * grant_practice_page_set_provider:
 * @self: a #GrantPracticePage
 * @provider: (nullable): the practice provider to show and switch faults on
 */
void
grant_practice_page_set_provider (GrantPracticePage     *self,
                                  GrantPracticeProvider *provider)
{
  g_return_if_fail (GRANT_IS_PRACTICE_PAGE (self));
  g_return_if_fail (provider == NULL || GRANT_IS_PRACTICE_PROVIDER (provider));

  if (self->provider == provider)
    return;

  if (self->provider != NULL)
    g_signal_handlers_disconnect_by_data (self->provider, self);
  g_set_object (&self->provider, provider);
  if (provider != NULL)
    {
      g_signal_connect (provider, "fault-changed", G_CALLBACK (fault_changed_cb), self);
      g_signal_connect_swapped (provider, "notify::running", G_CALLBACK (show_status), self);
      g_signal_connect_swapped (provider, "notify::issuer", G_CALLBACK (show_status), self);
    }

  show_status (self);
  show_faults (self);
}

/**
 * grant_practice_page_set_error:
 * @self: a #GrantPracticePage
 * @message: (nullable): why the provider could not start, or %NULL
 */
void
grant_practice_page_set_error (GrantPracticePage *self,
                               const char        *message)
{
  g_return_if_fail (GRANT_IS_PRACTICE_PAGE (self));

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  show_status (self);
}

/**
 * grant_practice_page_get_fault_switch:
 * @self: a #GrantPracticePage
 * @fault: a #GrantPracticeFault
 *
 * Returns: (transfer none): the switch of @fault; the page's widgets are made if they were not
 */
GtkSwitch *
grant_practice_page_get_fault_switch (GrantPracticePage  *self,
                                      GrantPracticeFault  fault)
{
  g_return_val_if_fail (GRANT_IS_PRACTICE_PAGE (self), NULL);
  g_return_val_if_fail (fault < GRANT_PRACTICE_N_FAULTS, NULL);

  ensure_content (self);

  return GTK_SWITCH (self->switches[fault]);
}

/**
 * grant_practice_page_get_fault_spin_button:
 * @self: a #GrantPracticePage
 * @fault: a #GrantPracticeFault
 *
 * Returns: (transfer none) (nullable): the spin button of @fault's number, if it takes one
 */
GtkSpinButton *
grant_practice_page_get_fault_spin_button (GrantPracticePage  *self,
                                           GrantPracticeFault  fault)
{
  g_return_val_if_fail (GRANT_IS_PRACTICE_PAGE (self), NULL);
  g_return_val_if_fail (fault < GRANT_PRACTICE_N_FAULTS, NULL);

  ensure_content (self);

  return self->spin_buttons[fault] != NULL ? GTK_SPIN_BUTTON (self->spin_buttons[fault]) : NULL;
}

/**
 * grant_practice_page_get_use_button:
 * @self: a #GrantPracticePage
 * @client_id: a demo client's client_id
 *
 * Returns: (transfer none) (nullable): the Use button of that demo client
 */
GtkWidget *
grant_practice_page_get_use_button (GrantPracticePage *self,
                                    const char        *client_id)
{
  g_return_val_if_fail (GRANT_IS_PRACTICE_PAGE (self), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  ensure_content (self);

  for (guint i = 0; i < G_N_ELEMENTS (demo_clients); i++)
    if (g_str_equal (demo_clients[i].form.client_id, client_id))
      return self->use_buttons[i];

  return NULL;
}
