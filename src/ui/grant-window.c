/* grant-window.c
 * Grant's main window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "grant-application-private.h"
#include "grant-authorization-code-flow.h"
#include "grant-browser-module.h"
#include "grant-advisor-page.h"
#include "grant-diagram-page.h"
#include "grant-presenter.h"
#include "grant-client-credentials-flow.h"
#include "grant-device-flow.h"
#include "grant-flow-form.h"
#include "grant-inspector.h"
#include "grant-oauth-error.h"
#include "grant-jws.h"
#include "grant-loopback-user-agent.h"
#include "grant-jwt-claims.h"
#include "grant-password-flow.h"
#include "grant-practice-page.h"
#include "grant-refresh-flow.h"
#include "grant-token-operations.h"
#include "grant-timeline.h"
#include "grant-log-page.h"
#include "grant-network-settings.h"
#include "grant-request-page.h"
#include "grant-step-pane.h"
#include "grant-token-list.h"
#include "grant-window.h"

struct _GrantWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GrantExchangeLog     *log;
  GrantHttpClient      *http_client;
  GrantFlow            *flow;
  GCancellable         *cancellable;
  GtkWidget            *browser;
  /* Whether the device flow's verification page was opened for this run. */
  gboolean              verification_opened;
  /* The application's practice provider, and whether the form has been set up with it. */
  GrantPracticeProvider *practice_provider;
  gboolean              practice_settled;
  gboolean              application_set_up;
  /* Presenter mode: larger text, stronger contrast, the form hidden. */
  GrantPresenter       *presenter;
  /* Step mode: the interceptor set on the back channel while it is on, and what the centre
   * showed before a step paused there. */
  GrantStepInterceptor *step_interceptor;
  gboolean              step_mode;
  char                 *centre_before_step;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *workspace_banner;
  GMenu                *recent_menu;
  GtkLabel             *workspace_banner_label;
  AdwStatusPage        *empty_state;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  GrantTokenList       *token_list;
  GrantRequestPage     *request_page;
  GrantLogPage         *log_page;
  GrantPracticePage    *practice_page;
  GrantDiagramPage     *diagram_page;
  GrantAdvisorPage     *advisor_page;
  GrantFlowForm        *flow_form;
  GtkStack             *centre_stack;
  GtkToggleButton      *step_button;
  GrantStepPane        *step_pane;
  GtkRevealer          *device_banner;
  AdwStatusPage        *device_page;
  GtkLabel             *user_code_label;
  GtkLabel             *device_status_label;
  AdwStatusPage        *result_page;
  GrantTimeline        *timeline;
  GrantInspector       *inspector;
};

G_DEFINE_FINAL_TYPE (GrantWindow, grant_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STEP_MODE,
  PROP_PRESENTER_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * grant_window_new:
 * @application: the application the window belongs to
 *
 * Returns: (transfer none): a new window, sized as the last one closed; GTK owns it
 */
GrantWindow *
grant_window_new (GrantApplication *application)
{
  g_return_val_if_fail (GRANT_IS_APPLICATION (application), NULL);

  return g_object_new (GRANT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
grant_window_load_size (GrantWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
grant_window_save_size (GrantWindow *self)
{
  int width;
  int height;

  /* The default size is the unmaximized size, which is what the next window should get. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
grant_window_close_request (GtkWindow *window)
{
  GrantWindow *self = GRANT_WINDOW (window);
  GtkApplication *application = gtk_window_get_application (window);

  grant_window_save_size (self);

  /* What was typed is in the workspace file once the window is closed. */
  grant_flow_form_flush (self->flow_form);
  if (GRANT_IS_APPLICATION (application))
    {
      g_autoptr(GError) error = NULL;

      if (!grant_workspace_flush (grant_application_get_workspace (GRANT_APPLICATION (application)),
                                  &error))
        g_warning ("Could not save the workspace: %s", error->message);
    }

  return GTK_WINDOW_CLASS (grant_window_parent_class)->close_request (window);
}

static void practice_running_cb (GrantWindow *self);
static void practice_error_cb (GrantWindow *self);
static void follow_preferences (GrantWindow *self);
static void set_up_presenter (GrantWindow *self);
static void presenter_scale_cb (GrantWindow *self);

static void
grant_window_constructed (GObject *object)
{
  GrantWindow *self = GRANT_WINDOW (object);
  GtkApplication *application;

  G_OBJECT_CLASS (grant_window_parent_class)->constructed (object);

  /* Windows share the application's settings, so a window closed last wins. */
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (GRANT_IS_APPLICATION (application))
    {
      GrantApplication *grant_application = GRANT_APPLICATION (application);

      g_set_object (&self->settings, grant_application_get_settings (grant_application));
    }
  else
    self->settings = g_settings_new (GRANT_SETTINGS_SCHEMA_ID);

  grant_window_load_size (self);
  set_up_presenter (self);
  follow_preferences (self);
}

/* The recent workspaces in the main menu, from the settings. */
static void
update_recent_menu (GrantWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_auto(GStrv) recent = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();

  if (!GRANT_IS_APPLICATION (application))
    return;

  recent = g_settings_get_strv (grant_application_get_settings (GRANT_APPLICATION (application)),
                                "recent-workspaces");
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *label = g_filename_display_name (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "app.open-recent-workspace", "s", recent[i]);
      g_menu_append_item (menu, item);
    }

  g_menu_remove_all (self->recent_menu);
  if (recent[0] == NULL)
    g_menu_append (self->recent_menu, _("No Recent Workspaces"), "app.no-recent-workspace");
  else
    g_menu_append_section (self->recent_menu, NULL, G_MENU_MODEL (menu));
}

/* The open workspace: the form works in it, and a workspace Grant could not read is named in
 * the banner, with the reason. */
static void
workspace_changed_cb (GrantWindow *self)
{
  GrantApplication *application = GRANT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GrantWorkspace *workspace = grant_application_get_workspace (application);
  const char *reason = grant_workspace_get_read_only_reason (workspace);

  if (reason != NULL)
    {
      g_autofree char *path = g_filename_display_name (grant_workspace_get_path (workspace));
      g_autofree char *text = g_strdup_printf (_("“%s” is open read-only, so your changes are "
                                                 "not saved: %s"), path, reason);

      gtk_label_set_text (self->workspace_banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->workspace_banner, reason != NULL);

  grant_flow_form_set_workspace (self->flow_form, workspace,
                                 grant_application_get_secret_store (application));
  grant_request_page_set_workspace (self->request_page, workspace);
}

/* What the window takes from its application, once g_object_new () has set it (after
 * constructed, where it is not known yet): the workspace and the practice provider. */
static void
application_set_cb (GrantWindow *self)
{
  g_autofree char *legacy_state_file = NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GrantApplication *grant_application;

  if (application == NULL || self->application_set_up)
    return;
  self->application_set_up = TRUE;

  /* Before workspaces, the form was kept in a file of its own: a workspace without clients
   * takes it over once. */
  legacy_state_file = g_build_filename (g_get_user_config_dir (), "grant", "workbench.json", NULL);
  if (!GRANT_IS_APPLICATION (application))
    {
      grant_flow_form_set_state_file (self->flow_form, legacy_state_file);
      return;
    }

  grant_application = GRANT_APPLICATION (application);
  grant_flow_form_set_legacy_state_file (self->flow_form, legacy_state_file);
  g_signal_connect_object (grant_application_get_settings (grant_application),
                           "changed::recent-workspaces", G_CALLBACK (update_recent_menu), self,
                           G_CONNECT_SWAPPED);
  update_recent_menu (self);

  g_set_object (&self->practice_provider,
                grant_application_get_practice_provider (grant_application));
  if (self->practice_provider == NULL)
    {
      workspace_changed_cb (self);
      g_signal_connect_object (application, "notify::workspace",
                               G_CALLBACK (workspace_changed_cb), self, G_CONNECT_SWAPPED);
      return;
    }

  /* The saved form's issuer is not discovered before the practice provider has started
   * (after the first frame): it may be the practice provider, or have to move to it. */
  grant_practice_page_set_provider (self->practice_page, self->practice_provider);
  grant_flow_form_hold_discovery (self->flow_form);
  workspace_changed_cb (self);
  g_signal_connect_object (application, "notify::workspace",
                           G_CALLBACK (workspace_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->practice_provider, "notify::running",
                           G_CALLBACK (practice_running_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::practice-error",
                           G_CALLBACK (practice_error_cb), self, G_CONNECT_SWAPPED);
  if (grant_practice_provider_get_running (self->practice_provider))
    practice_running_cb (self);
  else if (grant_application_get_practice_error (grant_application) != NULL)
    practice_error_cb (self);
}

static void
grant_window_dispose (GObject *object)
{
  GrantWindow *self = GRANT_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->flow != NULL)
    g_signal_handlers_disconnect_by_data (self->flow, self);
  g_clear_object (&self->flow);
  /* Steps still held stop: nothing is left to show them. */
  if (self->step_interceptor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->step_interceptor, self);
      grant_step_interceptor_cancel_all (self->step_interceptor);
    }
  g_clear_object (&self->step_interceptor);
  g_clear_pointer (&self->centre_before_step, g_free);
  g_clear_object (&self->presenter);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRANT_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->http_client);
  g_clear_object (&self->log);
  g_clear_object (&self->practice_provider);

  G_OBJECT_CLASS (grant_window_parent_class)->dispose (object);
}

/* Running a flow. */

static void
toast (GrantWindow *self,
       const char  *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * grant_window_show_toast:
 * @self: a #GrantWindow
 * @text: what to tell the user, who need decide nothing
 */
void
grant_window_show_toast (GrantWindow *self,
                         const char  *text)
{
  g_return_if_fail (GRANT_IS_WINDOW (self));

  toast (self, text);
}

/* A persona a flow ran in joins the workspace's personas, whose cookies persist. */
static void
remember_persona (GrantWindow *self,
                  const char  *persona)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GrantWorkspace *workspace;
  g_autoptr(JsonNode) personas = NULL;
  JsonArray *array;

  if (persona == NULL || !GRANT_IS_APPLICATION (application))
    return;

  workspace = grant_application_get_workspace (GRANT_APPLICATION (application));
  personas = grant_workspace_dup_section (workspace, "personas");
  if (personas == NULL)
    personas = json_node_init_array (json_node_alloc (), json_array_new ());
  array = json_node_get_array (personas);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), persona) == 0)
      return;

  json_array_add_string_element (array, persona);
  grant_workspace_set_section (workspace, "personas", personas, NULL);
}

/* What the user reads when a flow fails: the server's code and description, what the code
 * means, and for a network error what to check. */
static char *
describe_failure (const GError *error)
{
  const char *meaning = error->domain == GRANT_OAUTH_ERROR
                        ? grant_oauth_error_explain (error->code) : NULL;

  if (meaning != NULL)
    return g_strdup_printf ("%s\n\n%s", error->message, meaning);

  return g_strdup (error->message);
}

static void
set_running (GrantWindow *self,
             gboolean     running)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", running);
}

static GtkWidget *ensure_browser (GrantWindow  *self,
                                  GError      **error);

/* The device flow's verification page, opened once its URI is known: in the embedded browser,
 * on the persona's session, or in the system browser when the form asks for it. The code
 * stays in view above it. */
static void
open_verification_page (GrantWindow     *self,
                        GrantDeviceFlow *flow)
{
  const char *uri = grant_device_flow_get_verification_uri_complete (flow);
  g_autoptr(GError) error = NULL;
  GtkWidget *browser;

  if (uri == NULL)
    uri = grant_device_flow_get_verification_uri (flow);
  if (uri == NULL || self->verification_opened)
    return;
  self->verification_opened = TRUE;

  if (grant_flow_form_get_system_browser (self->flow_form))
    {
      gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
      adw_status_page_set_title (self->device_page, _("Continue in Your Browser"));
      adw_status_page_set_description (self->device_page,
                                       _("Grant opened the verification page in the system "
                                         "browser. Enter the code there, or on any other "
                                         "device."));
      return;
    }

  browser = ensure_browser (self, &error);
  if (browser == NULL)
    {
      adw_status_page_set_title (self->device_page, _("Enter the Code on Another Device"));
      adw_status_page_set_description (self->device_page, error->message);
      return;
    }
  grant_browser_module_get (NULL)->set_persona (browser,
                                                grant_flow_form_get_persona (self->flow_form));
  grant_browser_module_get (NULL)->open (browser, uri, "Verification page", self->log);
  gtk_stack_set_visible_child (self->centre_stack, browser);
}

/* Whether @issuer is the running practice provider's. */
static gboolean
is_practice_issuer (GrantWindow *self,
                    const char  *issuer)
{
  return self->practice_provider != NULL
         && grant_practice_provider_get_running (self->practice_provider)
         && g_strcmp0 (grant_practice_provider_get_issuer (self->practice_provider), issuer) == 0;
}

/* The empty state says what is missing, or that all is ready. */
/* Once, when the start-up discovery has been shown: gives the heap that starting freed back to
 * the system. Drawing the first frames and the discovered form frees several MiB (glibc keeps
 * freed memory at the top of its heap, and Mesa's software renderer frees its first frames'
 * buffers), which would otherwise stay in the idle window's memory for as long as it runs. */
static gboolean
release_start_up_memory_cb (gpointer data)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
start_up_painted_cb (GdkFrameClock *clock,
                     gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, start_up_painted_cb, data);
  g_idle_add_full (G_PRIORITY_LOW, release_start_up_memory_cb, NULL, NULL);
}

static void
metadata_changed_cb (GrantWindow *self)
{
  GrantProviderMetadata *metadata = grant_flow_form_get_metadata (self->flow_form);
  g_autofree char *description = NULL;
  const char *client_id;

  grant_step_interceptor_set_metadata (self->step_interceptor, metadata);
  if (metadata == NULL)
    {
      adw_status_page_set_title (self->empty_state, _("No Authorization Server Yet"));
      adw_status_page_set_description (self->empty_state,
                                       _("Add an authorization server by its issuer URL, pick "
                                         "a client and a flow, then press Run. Grant shows "
                                         "every redirect and request of the flow, and verifies "
                                         "every token it gets."));
      return;
    }

  {
    static gboolean released;
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

    /* After the frame that shows the discovered form, whose drawing frees what it used. */
    if (!released && clock != NULL)
      {
        released = TRUE;
        g_signal_connect (clock, "after-paint", G_CALLBACK (start_up_painted_cb), NULL);
        gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      }
  }

  client_id = grant_flow_form_get_client_id (self->flow_form);
  if (is_practice_issuer (self, grant_provider_metadata_get_issuer (metadata))
      && grant_practice_demo_client_lookup (client_id) != NULL)
    description = g_markup_printf_escaped (_("%s is Grant’s own practice provider, with its "
                                             "demo client %s chosen. Press Run (Ctrl+Return) and "
                                             "sign in as alice, bob or carol. The Practice "
                                             "Provider page has its other clients and its fault "
                                             "switches."),
                                           grant_provider_metadata_get_issuer (metadata),
                                           client_id);
  else
    description = g_markup_printf_escaped (_("%s is discovered. Pick a client and a flow, then "
                                             "press Run (Ctrl+Return)."),
                                           grant_provider_metadata_get_issuer (metadata));
  adw_status_page_set_title (self->empty_state, _("Ready to Run"));
  adw_status_page_set_description (self->empty_state, description);
}

static void
user_code_cb (GrantDeviceFlow *flow,
              GParamSpec      *pspec,
              GrantWindow     *self)
{
  const char *code = grant_device_flow_get_user_code (flow);
  g_autofree char *status = NULL;

  if (code == NULL || GRANT_FLOW (flow) != self->flow)
    return;

  gtk_label_set_text (self->user_code_label, code);
  status = g_strdup_printf (_("Enter it at %s. Grant asks every %u s whether it was approved "
                              "(%u so far)."), grant_device_flow_get_verification_uri (flow),
                            grant_device_flow_get_interval (flow),
                            grant_device_flow_get_polls (flow));
  gtk_label_set_text (self->device_status_label, status);
  gtk_revealer_set_reveal_child (self->device_banner, TRUE);
  open_verification_page (self, flow);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GrantWindow) self = user_data;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GrantFlow *flow = GRANT_FLOW (object);

  response = grant_flow_run_finish (flow, result, &error);
  if (flow != self->flow)
    return;

  set_running (self, FALSE);
  adw_view_switcher_title_set_subtitle (self->window_title,
                                 response != NULL ? _("Succeeded") : _("Failed"));

  /* The verification page has served: the device flow's outcome takes its place. */
  if (GRANT_IS_DEVICE_FLOW (flow))
    {
      gtk_revealer_set_reveal_child (self->device_banner, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_stack_set_visible_child_name (self->centre_stack, "result");
    }

  if (response == NULL)
    {
      g_autofree char *text = describe_failure (error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          toast (self, _("The flow was stopped"));
          return;
        }
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->centre_stack), "browser") != 0)
        {
          adw_status_page_set_icon_name (self->result_page, "dialog-error-symbolic");
          adw_status_page_set_title (self->result_page, _("The Flow Failed"));
          adw_status_page_set_description (self->result_page, text);
          gtk_stack_set_visible_child_name (self->centre_stack, "result");
        }
      toast (self, error->message);
      return;
    }

  grant_token_list_add (self->token_list, flow);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->centre_stack), "browser") != 0)
    {
      adw_status_page_set_icon_name (self->result_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->result_page, _("Tokens Received"));
      adw_status_page_set_description (self->result_page,
                                       _("Every check passed: the inspector has the tokens, "
                                         "decoded, and the timeline every request."));
      gtk_stack_set_visible_child_name (self->centre_stack, "result");
    }
  toast (self, _("Tokens received, every check passed"));
}

/* The browser, and WebKit with it, is loaded and made the first time a flow needs it. */
static GtkWidget *
ensure_browser (GrantWindow  *self,
                GError      **error)
{
  const GrantBrowserModule *browser_module;

  if (self->browser != NULL)
    return self->browser;

  browser_module = grant_browser_module_get (error);
  if (browser_module == NULL)
    return NULL;

  self->browser = browser_module->browser_new ();
  gtk_stack_add_named (self->centre_stack, self->browser, "browser");
  presenter_scale_cb (self);

  return self->browser;
}

static GrantFlow *
make_flow (GrantWindow    *self,
           GrantProvider  *provider,
           GrantClient    *client,
           GError        **error)
{
  GrantFlowKind kind = grant_flow_form_get_flow_kind (self->flow_form);
  GrantFlow *flow = NULL;

  switch (kind)
    {
    case GRANT_FLOW_KIND_AUTHORIZATION_CODE:
    case GRANT_FLOW_KIND_IMPLICIT:
      {
        GrantAuthorizationCodeFlow *code_flow;
        GrantPkceMethod method = GRANT_PKCE_METHOD_S256;
        gboolean pkce = grant_flow_form_get_pkce (self->flow_form, &method);
        g_auto(GStrv) parameters = grant_flow_form_dup_parameters (self->flow_form);
        g_autoptr(GrantUserAgent) system_browser = NULL;
        GrantUserAgent *user_agent;

        /* "Open in the system browser instead": the loopback user agent, as the command
         * line uses; else the embedded browser, in the persona chosen or a fresh session. */
        if (grant_flow_form_get_system_browser (self->flow_form))
          user_agent = system_browser = grant_loopback_user_agent_new ();
        else
          {
            GtkWidget *browser = ensure_browser (self, error);

            if (browser == NULL)
              return NULL;
            grant_browser_module_get (NULL)->set_persona (
              browser, grant_flow_form_get_persona (self->flow_form));
            remember_persona (self, grant_flow_form_get_persona (self->flow_form));
            user_agent = GRANT_USER_AGENT (browser);
            gtk_stack_set_visible_child (self->centre_stack, browser);
          }

        flow = grant_authorization_code_flow_new (provider, client, self->http_client,
                                                  user_agent);
        code_flow = GRANT_AUTHORIZATION_CODE_FLOW (flow);
        grant_authorization_code_flow_set_pkce (code_flow, pkce, method);
        grant_authorization_code_flow_set_skew (code_flow,
                                                g_settings_get_int (self->settings,
                                                                    "clock-skew-tolerance"));
        if (kind == GRANT_FLOW_KIND_IMPLICIT)
          {
            g_auto(GStrv) scopes = g_strsplit (grant_flow_form_get_scope (self->flow_form), " ",
                                               -1);

            grant_authorization_code_flow_set_response_type (
              code_flow, g_strv_contains ((const char * const *) scopes, "openid")
                         ? "id_token token" : "token");
          }
        for (guint i = 0; parameters[i] != NULL; i++)
          {
            g_auto(GStrv) pair = g_strsplit (parameters[i], "=", 2);

            grant_authorization_code_flow_set_parameter (code_flow, pair[0], pair[1]);
          }
        if (system_browser != NULL)
          {
            adw_status_page_set_icon_name (self->result_page, "web-browser-symbolic");
            adw_status_page_set_title (self->result_page, _("Continue in Your Browser"));
            adw_status_page_set_description (self->result_page,
                                             _("Grant opened the authorization request in "
                                               "the system browser and waits for the "
                                               "response on 127.0.0.1."));
            gtk_stack_set_visible_child_name (self->centre_stack, "result");
          }
        break;
      }

    case GRANT_FLOW_KIND_CLIENT_CREDENTIALS:
      flow = grant_client_credentials_flow_new (provider, client, self->http_client);
      break;

    case GRANT_FLOW_KIND_DEVICE:
      flow = grant_device_flow_new (provider, client, self->http_client);
      g_signal_connect_object (flow, "notify::user-code", G_CALLBACK (user_code_cb), self, 0);
      g_signal_connect_object (flow, "notify::polls", G_CALLBACK (user_code_cb), self, 0);
      gtk_label_set_text (self->user_code_label, "");
      gtk_label_set_text (self->device_status_label, "");
      self->verification_opened = FALSE;
      adw_status_page_set_icon_name (self->device_page, "phone-symbolic");
      adw_status_page_set_title (self->device_page, _("Waiting for the Device Code"));
      adw_status_page_set_description (self->device_page, NULL);
      gtk_stack_set_visible_child_name (self->centre_stack, "device");
      break;

    case GRANT_FLOW_KIND_PASSWORD:
      flow = grant_password_flow_new (provider, client, self->http_client,
                                      grant_flow_form_get_username (self->flow_form),
                                      grant_flow_form_get_password (self->flow_form));
      break;

    default:
      g_assert_not_reached ();
    }

  if (kind == GRANT_FLOW_KIND_CLIENT_CREDENTIALS || kind == GRANT_FLOW_KIND_PASSWORD)
    {
      adw_status_page_set_icon_name (self->result_page, "network-transmit-receive-symbolic");
      adw_status_page_set_title (self->result_page, _("Asking for Tokens…"));
      adw_status_page_set_description (self->result_page, NULL);
      gtk_stack_set_visible_child_name (self->centre_stack, "result");
    }

  return flow;
}

/**
 * grant_window_run:
 * @self: a #GrantWindow
 *
 * Runs the flow the form describes, as the Run button does.
 */
void
grant_window_run (GrantWindow *self)
{
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GRANT_IS_WINDOW (self));

  provider = grant_flow_form_dup_provider (self->flow_form, &error);
  if (provider != NULL)
    client = grant_flow_form_dup_client (self->flow_form, &error);
  if (client == NULL)
    {
      toast (self, error->message);
      return;
    }

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->flow);
  gtk_revealer_set_reveal_child (self->device_banner, FALSE);
  self->flow = make_flow (self, provider, client, &error);
  if (self->flow == NULL)
    {
      toast (self, error->message);
      return;
    }
  grant_flow_set_scope (self->flow, grant_flow_form_get_scope (self->flow_form));
  grant_inspector_set_flow (self->inspector, self->flow);
  grant_diagram_page_begin_flow (self->diagram_page, grant_provider_get_metadata (provider));
  if (grant_provider_get_metadata (provider) != NULL)
    grant_step_interceptor_set_metadata (self->step_interceptor,
                                         grant_provider_get_metadata (provider));

  set_running (self, TRUE);
  adw_view_switcher_title_set_subtitle (self->window_title, _("Running…"));
  grant_flow_run_async (self->flow, self->cancellable, run_cb, g_object_ref (self));
}

/**
 * grant_window_get_flow:
 * @self: a #GrantWindow
 *
 * Returns: (transfer none) (nullable): the flow last run
 */
GrantFlow *
grant_window_get_flow (GrantWindow *self)
{
  g_return_val_if_fail (GRANT_IS_WINDOW (self), NULL);

  return self->flow;
}

/* Ctrl+Return runs what the page shows: the flow, or on the Requests page its request. */
static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GrantWindow *self = GRANT_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "requests") == 0)
    grant_request_page_send (self->request_page);
  else
    grant_window_run (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GrantWindow *self = GRANT_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* What can be done with the tokens of the last flow: each a request, in the timeline. */

static GrantTokenResponse *
tokens_of (GrantWindow *self,
           GrantFlow   *flow)
{
  GrantTokenResponse *response = flow != NULL ? grant_flow_get_token_response (flow) : NULL;

  if (response == NULL)
    toast (self, _("Run a flow first: there are no tokens yet"));

  return response;
}

static void
show_json (GrantWindow *self,
           const char  *heading,
           JsonObject  *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  GtkWidget *dialog;

  json_node_set_object (node, object);
  text = json_to_string (node, TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GrantWindow) self = user_data;
  g_autoptr(GrantTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = grant_flow_run_finish (GRANT_FLOW (object), result, &error);
  set_running (self, FALSE);
  if (response == NULL)
    {
      g_autofree char *text = describe_failure (error);

      toast (self, text);
      return;
    }
  grant_token_list_add (self->token_list, GRANT_FLOW (object));
  toast (self, grant_refresh_flow_get_rotated (GRANT_REFRESH_FLOW (object))
               ? _("New tokens; the server rotated the refresh token")
               : _("New tokens; the refresh token stays the same"));
}

static void
token_refresh (GrantWindow *self,
              GrantFlow   *flow)
{
  GrantTokenResponse *tokens = tokens_of (self, flow);
  GrantFlow *refresh;

  if (tokens == NULL)
    return;
  if (grant_token_response_get_refresh_token (tokens) == NULL)
    {
      toast (self, _("The server gave no refresh token (ask for offline_access?)"));
      return;
    }

  refresh = grant_refresh_flow_new (grant_flow_get_provider (flow), grant_flow_get_client (flow),
                                    self->http_client,
                                    grant_token_response_get_refresh_token (tokens));
  grant_flow_set_dpop_session (refresh, grant_flow_get_dpop_session (flow));
  g_set_object (&self->flow, refresh);
  g_object_unref (refresh);
  grant_inspector_set_flow (self->inspector, refresh);
  set_running (self, TRUE);
  grant_flow_run_async (refresh, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
introspect_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GrantWindow) self = user_data;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;

  json = grant_introspect_finish (result, &error);
  if (json == NULL)
    {
      g_autofree char *text = describe_failure (error);

      toast (self, text);
      return;
    }
  show_json (self, _("Introspection (RFC 7662)"), json);
}

static void
token_introspect (GrantWindow *self,
                 GrantFlow   *flow)
{
  GrantTokenResponse *tokens = tokens_of (self, flow);

  if (tokens == NULL)
    return;
  grant_introspect_async (grant_flow_get_provider (flow), grant_flow_get_client (flow),
                          self->http_client, grant_token_response_get_access_token (tokens),
                          "access_token", self->cancellable, introspect_cb,
                          g_object_ref (self));
}

static void
userinfo_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GrantWindow) self = user_data;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  GrantUserinfoForm form = GRANT_USERINFO_PLAIN;

  json = grant_userinfo_fetch_finish (result, &form, &error);
  if (json == NULL)
    {
      g_autofree char *text = describe_failure (error);

      toast (self, text);
      return;
    }
  show_json (self, form == GRANT_USERINFO_SIGNED ? _("UserInfo (signed, verified)")
                                                 : _("UserInfo"), json);
}

static void
token_userinfo (GrantWindow *self,
               GrantFlow   *flow)
{
  GrantTokenResponse *tokens = tokens_of (self, flow);
  g_autoptr(GrantJws) jws = NULL;
  g_autoptr(GrantJwtClaims) claims = NULL;
  const char *id_token;

  if (tokens == NULL)
    return;

  /* The UserInfo sub must be the ID token's (OpenID Connect Core §5.3.2). */
  id_token = grant_token_response_get_id_token (tokens);
  jws = id_token != NULL ? grant_jws_parse (id_token, -1, NULL) : NULL;
  claims = jws != NULL ? grant_jwt_claims_new_from_payload (grant_jws_get_payload (jws), NULL)
                       : NULL;
  grant_userinfo_fetch_async (grant_flow_get_provider (flow), grant_flow_get_client (flow),
                              self->http_client, grant_flow_get_dpop_session (flow),
                              grant_token_response_get_access_token (tokens),
                              GRANT_BEARER_IN_HEADER,
                              claims != NULL ? grant_jwt_claims_get_string (claims, "sub") : NULL,
                              self->cancellable, userinfo_cb, g_object_ref (self));
}

static void
revoke_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GrantWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!grant_revoke_finish (result, &error))
    {
      g_autofree char *text = describe_failure (error);

      toast (self, text);
      return;
    }
  toast (self, _("Revoked: the server says the token is no longer valid"));
}

static void
token_revoke (GrantWindow *self,
             GrantFlow   *flow)
{
  GrantTokenResponse *tokens = tokens_of (self, flow);
  const char *refresh_token;

  if (tokens == NULL)
    return;

  refresh_token = grant_token_response_get_refresh_token (tokens);
  grant_revoke_async (grant_flow_get_provider (flow), grant_flow_get_client (flow),
                      self->http_client,
                      refresh_token != NULL ? refresh_token
                                            : grant_token_response_get_access_token (tokens),
                      refresh_token != NULL ? "refresh_token" : "access_token",
                      self->cancellable, revoke_cb, g_object_ref (self));
}

static void
clear_persona_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GrantWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!grant_browser_module_get (NULL)->clear_persona_finish (GTK_WIDGET (object), result,
                                                              &error))
    toast (self, error->message);
  else
    toast (self, _("The persona's cookies and storage are cleared"));
}

static void
clear_persona_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GrantWindow *self = GRANT_WINDOW (widget);
  const char *persona = grant_flow_form_get_persona (self->flow_form);
  g_autoptr(GError) error = NULL;
  GtkWidget *browser;

  if (persona == NULL)
    {
      toast (self, _("A fresh session is used for each run: there is nothing to clear"));
      return;
    }

  browser = ensure_browser (self, &error);
  if (browser == NULL)
    {
      toast (self, error->message);
      return;
    }
  grant_browser_module_get (NULL)->clear_persona_async (browser, persona, NULL,
                                                        clear_persona_cb, g_object_ref (self));
}

static void
token_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GrantWindow *self = GRANT_WINDOW (widget);

  if (g_str_equal (action_name, "win.token-refresh"))
    token_refresh (self, self->flow);
  else if (g_str_equal (action_name, "win.token-introspect"))
    token_introspect (self, self->flow);
  else if (g_str_equal (action_name, "win.token-userinfo"))
    token_userinfo (self, self->flow);
  else
    token_revoke (self, self->flow);
}

static void
kept_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GrantWindow) self = user_data;
  GrantSecretStore *secrets = GRANT_SECRET_STORE (object);
  g_autoptr(GError) error = NULL;

  if (!grant_secret_store_store_finish (secrets, result, &error))
    toast (self, error->message);
  else if (grant_secret_store_get_persistent (secrets))
    toast (self, _("Refresh token kept in the keyring: “Refresh With the Kept Token” in the main menu uses it, after a restart too"));
  else
    toast (self, _("No keyring: the refresh token is kept until Grant quits"));
}

/* Keeps a refresh token in the secret store, under the form's client, for a later run. */
static void
token_keep (GrantWindow *self,
            GrantFlow   *flow)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GrantTokenResponse *tokens = tokens_of (self, flow);
  const char *client_key = grant_flow_form_get_workspace_client (self->flow_form);

  if (tokens == NULL || grant_token_response_get_refresh_token (tokens) == NULL
      || !GRANT_IS_APPLICATION (application) || client_key == NULL)
    return;

  grant_secret_store_store_async (grant_application_get_secret_store (GRANT_APPLICATION (application)),
                                  grant_workspace_get_id (grant_application_get_workspace (GRANT_APPLICATION (application))),
                                  client_key, GRANT_SECRET_REFRESH_TOKEN,
                                  grant_token_response_get_refresh_token (tokens), NULL, kept_cb,
                                  g_object_ref (self));
}

static void
kept_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GrantWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *refresh_token = NULL;
  g_autoptr(GrantProvider) provider = NULL;
  g_autoptr(GrantClient) client = NULL;
  GrantFlow *refresh;

  refresh_token = grant_secret_store_lookup_finish (GRANT_SECRET_STORE (object), result, &error);
  if (refresh_token == NULL)
    {
      toast (self, error != NULL ? error->message
                                 : _("No refresh token is kept for this client: run a flow, then "
                                     "Keep it on the Tokens page"));
      return;
    }

  provider = grant_flow_form_dup_provider (self->flow_form, &error);
  client = provider != NULL ? grant_flow_form_dup_client (self->flow_form, &error) : NULL;
  if (client == NULL)
    {
      toast (self, error->message);
      return;
    }

  refresh = grant_refresh_flow_new (provider, client, self->http_client, refresh_token);
  explicit_bzero (refresh_token, strlen (refresh_token));
  g_set_object (&self->flow, refresh);
  g_object_unref (refresh);
  grant_inspector_set_flow (self->inspector, refresh);
  set_running (self, TRUE);
  grant_flow_run_async (refresh, self->cancellable, refresh_cb, g_object_ref (self));
}

/* win.refresh-kept: a refresh with the token kept for the form's client, as after a restart. */
static void
refresh_kept_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrantWindow *self = GRANT_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  const char *client_key = grant_flow_form_get_workspace_client (self->flow_form);

  if (!GRANT_IS_APPLICATION (application) || client_key == NULL)
    return;

  grant_secret_store_lookup_async (grant_application_get_secret_store (GRANT_APPLICATION (application)),
                                   grant_workspace_get_id (grant_application_get_workspace (GRANT_APPLICATION (application))),
                                   client_key, GRANT_SECRET_REFRESH_TOKEN, NULL, kept_token_cb,
                                   g_object_ref (self));
}

/* The Tokens page's buttons: the same operations, on that row's tokens. */
static void
token_list_operation_cb (GrantWindow *self,
                         GrantFlow   *flow,
                         const char  *operation)
{
  if (g_str_equal (operation, "refresh"))
    token_refresh (self, flow);
  else if (g_str_equal (operation, "introspect"))
    token_introspect (self, flow);
  else if (g_str_equal (operation, "userinfo"))
    token_userinfo (self, flow);
  else if (g_str_equal (operation, "revoke"))
    token_revoke (self, flow);
  else if (g_str_equal (operation, "keep"))
    token_keep (self, flow);
}

/* The practice provider. */

/* The demo secrets are public, and not saved with the form as no secret is: a demo client of
 * the running practice provider gets its own back, at start and when the form shows it. */
static void
fill_demo_secret (GrantWindow *self)
{
  const GrantFlowFormClient *client;

  if (self->practice_provider == NULL
      || !grant_practice_provider_get_running (self->practice_provider))
    return;

  client = grant_practice_demo_client_lookup (grant_flow_form_get_client_id (self->flow_form));
  if (client != NULL && client->client_secret != NULL
      && g_str_equal (grant_flow_form_get_issuer (self->flow_form),
                      grant_practice_provider_get_issuer (self->practice_provider)))
    grant_flow_form_set_client_secret (self->flow_form, client->client_secret);
}

/* Once the practice provider runs (or could not start), the form is set up with it and its
 * discovery, held until then, goes ahead: on the first run, with the demo client practice-app;
 * with a saved form of a practice provider on another of the default ports, moved to the
 * current one, and the saved requests to its API with it. */
static void
settle_practice (GrantWindow *self)
{
  const char *issuer;
  g_autofree char *saved_issuer = NULL;

  if (self->practice_settled)
    return;
  self->practice_settled = TRUE;

  if (!grant_practice_provider_get_running (self->practice_provider))
    {
      grant_flow_form_release_discovery (self->flow_form);
      return;
    }

  issuer = grant_practice_provider_get_issuer (self->practice_provider);
  saved_issuer = g_strdup (grant_flow_form_get_issuer (self->flow_form));
  if (!grant_flow_form_get_restored (self->flow_form))
    grant_flow_form_use_client (self->flow_form, issuer,
                                grant_practice_demo_client_lookup (GRANT_PRACTICE_CLIENT_PUBLIC));
  else if (grant_practice_is_default_issuer (saved_issuer)
           && !g_str_equal (saved_issuer, issuer))
    {
      grant_flow_form_set_issuer (self->flow_form, issuer);
      grant_request_page_move_origin (self->request_page, saved_issuer, issuer);
    }

  fill_demo_secret (self);
  grant_flow_form_release_discovery (self->flow_form);
}

static void
practice_running_cb (GrantWindow *self)
{
  if (grant_practice_provider_get_running (self->practice_provider))
    {
      const char *issuer = grant_practice_provider_get_issuer (self->practice_provider);

      grant_flow_form_set_practice_issuer (self->flow_form, issuer);
      grant_practice_page_set_error (self->practice_page, NULL);
      settle_practice (self);
    }
}

static void
practice_error_cb (GrantWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  const char *message = GRANT_IS_APPLICATION (application)
                        ? grant_application_get_practice_error (GRANT_APPLICATION (application))
                        : NULL;

  if (message == NULL)
    return;

  grant_practice_page_set_error (self->practice_page, message);
  toast (self, message);
  settle_practice (self);
}

/* A demo client's Use button: the Flow page, filled in for it. */
static void
use_practice_client_cb (GrantWindow *self,
                        const char  *client_id)
{
  const GrantFlowFormClient *client = grant_practice_demo_client_lookup (client_id);
  g_autofree char *text = NULL;

  if (client == NULL || self->practice_provider == NULL
      || !grant_practice_provider_get_running (self->practice_provider))
    return;

  grant_flow_form_use_client (self->flow_form,
                              grant_practice_provider_get_issuer (self->practice_provider),
                              client);
  adw_view_stack_set_visible_child_name (self->view_stack, "workbench");
  /* Translators: %s is a client_id */
  text = g_strdup_printf (_("%s is chosen: press Run"), client_id);
  toast (self, text);
}

/* The preferences: the back channel, the exports and new forms follow them as they change. */

static void
network_settings_changed_cb (GrantWindow *self,
                             const char  *key)
{
  g_autoptr(GError) error = NULL;

  if (!grant_network_settings_apply (self->settings, self->http_client, key, &error))
    toast (self, error->message);
}

/**
 * grant_window_get_http_client:
 * @self: a #GrantWindow
 *
 * Returns: (transfer none): the client of the window's back channel: discovery, flows and
 *   requests
 */
GrantHttpClient *
grant_window_get_http_client (GrantWindow *self)
{
  g_return_val_if_fail (GRANT_IS_WINDOW (self), NULL);

  return self->http_client;
}

static void
follow_preferences (GrantWindow *self)
{
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (network_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  network_settings_changed_cb (self, NULL);
  g_settings_bind (self->settings, "include-secrets-in-exports", self->log_page,
                   "include-secrets", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "default-pkce-method", self->flow_form,
                   "default-pkce-method", G_SETTINGS_BIND_GET);
}

static void
copy_user_code_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GrantWindow *self = GRANT_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_label_get_text (self->user_code_label));
  toast (self, _("Code copied"));
}

/* The window's pages, in the view switcher's order: Ctrl+1 shows the first. */
static const char * const page_names[] = {
  "workbench", "requests", "log", "tokens", "practice", "diagram", "advisor"
};

/* A step of the diagram, shown in the Flow page's timeline with its request and response. */
static void
diagram_exchange_activated_cb (GrantWindow   *self,
                               GrantExchange *exchange)
{
  if (grant_timeline_select_exchange (self->timeline, exchange))
    adw_view_stack_set_visible_child_name (self->view_stack, "workbench");
}

/* Step mode. */

/* A step paused: the Flow page shows it in its centre, in place of the browser or the
 * result, which come back once no step waits. The timeline under it makes way meanwhile: the
 * step needs the height more, and the timeline shows the steps already taken, which the
 * Diagram page does too. */
static void
step_changed_cb (GrantWindow *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->centre_stack);

  if (grant_step_interceptor_get_paused (self->step_interceptor))
    {
      if (g_strcmp0 (visible, "step") != 0)
        {
          g_free (self->centre_before_step);
          self->centre_before_step = g_strdup (visible);
        }
      gtk_stack_set_visible_child_name (self->centre_stack, "step");
      gtk_widget_set_visible (GTK_WIDGET (self->timeline), FALSE);
      adw_view_stack_set_visible_child_name (self->view_stack, "workbench");
      gtk_widget_grab_focus (GTK_WIDGET (self->step_pane));
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->timeline), TRUE);

  if (g_strcmp0 (visible, "step") == 0)
    gtk_stack_set_visible_child_name (self->centre_stack,
                                      self->centre_before_step != NULL
                                      ? self->centre_before_step : "empty");
  g_clear_pointer (&self->centre_before_step, g_free);
}

/**
 * grant_window_get_step_mode:
 * @self: a #GrantWindow
 *
 * Returns: whether the window pauses before each request it sends
 */
gboolean
grant_window_get_step_mode (GrantWindow *self)
{
  g_return_val_if_fail (GRANT_IS_WINDOW (self), FALSE);

  return self->step_mode;
}

/**
 * grant_window_set_step_mode:
 * @self: a #GrantWindow
 * @step_mode: whether to pause before each request (and at the redirect capture), so that
 *   the user can read, edit, send or cancel it; turned off, the steps held go on as they are
 */
void
grant_window_set_step_mode (GrantWindow *self,
                            gboolean     step_mode)
{
  g_return_if_fail (GRANT_IS_WINDOW (self));

  step_mode = !!step_mode;
  if (self->step_mode == step_mode)
    return;

  self->step_mode = step_mode;
  grant_http_client_set_interceptor (self->http_client,
                                     step_mode ? GRANT_HTTP_INTERCEPTOR (self->step_interceptor)
                                               : NULL);
  if (!step_mode)
    grant_step_interceptor_release_all (self->step_interceptor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_MODE]);
}

static void
grant_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GrantWindow *self = GRANT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STEP_MODE:
      g_value_set_boolean (value, self->step_mode);
      break;

    case PROP_PRESENTER_MODE:
      g_value_set_boolean (value, self->presenter != NULL
                                  && grant_presenter_get_active (self->presenter));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grant_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GrantWindow *self = GRANT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STEP_MODE:
      grant_window_set_step_mode (self, g_value_get_boolean (value));
      break;

    case PROP_PRESENTER_MODE:
      if (self->presenter != NULL)
        grant_presenter_set_active (self->presenter, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Presenter mode and the flow advisor. */

/* The sequence diagram draws its own text, and follows the presenter's scale; so do the
 * browser's pages, which the room reads as well. */
static void
presenter_scale_cb (GrantWindow *self)
{
  double scale = grant_presenter_get_scale (self->presenter);

  grant_sequence_diagram_view_set_scale (grant_diagram_page_get_view (self->diagram_page),
                                         scale);
  if (self->browser != NULL)
    g_object_set (self->browser, "zoom-level", scale, NULL);
}

static void
presenter_active_cb (GrantWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTER_MODE]);
}

/* The room watches the browser, the steps, the inspector's results and the diagram; the form
 * is what the presenter set up before, and gives them its room. */
static void
set_up_presenter (GrantWindow *self)
{
  self->presenter = grant_presenter_new (GTK_WIDGET (self), self->settings);
  grant_presenter_add_secondary (self->presenter, GTK_WIDGET (self->flow_form));
  g_signal_connect_object (self->presenter, "notify::active", G_CALLBACK (presenter_active_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->presenter, "notify::scale", G_CALLBACK (presenter_scale_cb),
                           self, G_CONNECT_SWAPPED);
}

/* The advisor's Use This Flow: the Flow page, with that flow and kind of application. */
static void
advisor_use_flow_cb (GrantWindow *self,
                     guint        advice)
{
  g_autofree char *text = NULL;

  grant_flow_form_use_advice (self->flow_form, advice);
  adw_view_stack_set_visible_child_name (self->view_stack, "workbench");
  /* Translators: %s is a flow, as "Authorization Code with PKCE, as a Public Client" */
  text = g_strdup_printf (_("Chosen: %s. Check the client, then press Run"),
                          grant_flow_advice_get_title (advice));
  toast (self, text);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GrantWindow *self = GRANT_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
grant_window_class_init (GrantWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = grant_window_constructed;
  object_class->dispose = grant_window_dispose;
  object_class->get_property = grant_window_get_property;
  object_class->set_property = grant_window_set_property;

  /**
   * GrantWindow:step-mode:
   *
   * Whether the window pauses before each request it sends, and at the redirect capture.
   */
  properties[PROP_STEP_MODE] =
    g_param_spec_boolean ("step-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * GrantWindow:presenter-mode:
   *
   * Whether the window is made for a projector: larger text, by the presenter-font-scale
   * setting, stronger contrast, and the flow form hidden (see #GrantPresenter).
   */
  properties[PROP_PRESENTER_MODE] =
    g_param_spec_boolean ("presenter-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  window_class->close_request = grant_window_close_request;

  _grant_application_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               GRANT_RESOURCE_BASE_PATH "/grant-window.ui");
  g_type_ensure (GRANT_TYPE_FLOW_FORM);
  g_type_ensure (GRANT_TYPE_TIMELINE);
  g_type_ensure (GRANT_TYPE_INSPECTOR);
  g_type_ensure (GRANT_TYPE_TOKEN_LIST);
  g_type_ensure (GRANT_TYPE_REQUEST_PAGE);
  g_type_ensure (GRANT_TYPE_LOG_PAGE);
  g_type_ensure (GRANT_TYPE_PRACTICE_PAGE);
  g_type_ensure (GRANT_TYPE_DIAGRAM_PAGE);
  g_type_ensure (GRANT_TYPE_ADVISOR_PAGE);
  g_type_ensure (GRANT_TYPE_STEP_PANE);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, empty_state);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, workspace_banner);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, workspace_banner_label);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, flow_form);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, centre_stack);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, step_pane);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, step_button);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, device_banner);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, device_page);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, user_code_label);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, device_status_label);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, result_page);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, token_list);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, request_page);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, log_page);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, practice_page);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, diagram_page);
  gtk_widget_class_bind_template_child (widget_class, GrantWindow, advisor_page);

  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.copy-user-code", NULL,
                                   copy_user_code_action);
  gtk_widget_class_install_action (widget_class, "win.token-refresh", NULL, token_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-kept", NULL, refresh_kept_action);
  gtk_widget_class_install_action (widget_class, "win.token-introspect", NULL, token_action);
  gtk_widget_class_install_action (widget_class, "win.token-userinfo", NULL, token_action);
  gtk_widget_class_install_action (widget_class, "win.token-revoke", NULL, token_action);
  gtk_widget_class_install_action (widget_class, "win.clear-persona", NULL,
                                   clear_persona_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK,
                                       "win.stop", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.step", "step-mode");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.step", NULL);
  gtk_widget_class_install_property_action (widget_class, "win.presenter-mode", "presenter-mode");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presenter-mode", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-page", "s", page_names[i]);
}

static void
grant_window_init (GrantWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* One log for the window: discovery and every run, in order. */
  self->log = grant_exchange_log_new ();
  self->http_client = grant_http_client_new (self->log);
  self->step_interceptor = grant_step_interceptor_new ();
  grant_step_pane_set_interceptor (self->step_pane, self->step_interceptor);
  g_signal_connect_object (self->step_interceptor, "step-changed", G_CALLBACK (step_changed_cb),
                           self, G_CONNECT_SWAPPED);
  grant_flow_form_set_http_client (self->flow_form, self->http_client);
  grant_timeline_set_log (self->timeline, self->log);
  grant_request_page_set_http_client (self->request_page, self->http_client);
  grant_log_page_set_log (self->log_page, self->log);
  grant_diagram_page_set_log (self->diagram_page, self->log);
  g_signal_connect_object (self->diagram_page, "exchange-activated",
                           G_CALLBACK (diagram_exchange_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->advisor_page, "use-flow", G_CALLBACK (advisor_use_flow_cb),
                           self, G_CONNECT_SWAPPED);
  grant_request_page_set_flows (self->request_page,
                                grant_token_list_get_model (self->token_list));
  g_signal_connect_object (self->token_list, "operation", G_CALLBACK (token_list_operation_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow_form, "notify::metadata", G_CALLBACK (metadata_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow_form, "notify::client", G_CALLBACK (fill_demo_secret),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->practice_page, "use-client", G_CALLBACK (use_practice_client_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_set_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", FALSE);

    if (g_strcmp0 (GRANT_PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
