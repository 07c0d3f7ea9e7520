/* test-accessibility.c
 * The real window, every page built and a flow run, as a keyboard and a screen reader meet it:
 * the shortcuts window lists every accelerator Grant sets and no other, every action can be
 * reached from the keyboard, the pages' and the log filter's shortcuts do what they say, and
 * every button that shows only an icon has an accessible label.
 * Runs with GTK_A11Y=test, whose accessible contexts gtk_test_accessible_* can read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "grant-application.h"
#include "grant-flow-form.h"
#include "grant-practice-page.h"
#include "grant-practice-provider.h"
#include "grant-request-page.h"
#include "grant-test-dirs.h"
#include "grant-test-ui.h"
#include "grant-window.h"

static GrantApplication *application;
static GrantWindow *window;

static gboolean
flow_page_shown (gpointer data)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (
                      grant_test_window_child (window, "view_stack")),
                    "workbench") == 0;
}

static gboolean
request_answered (gpointer data)
{
  GrantRequestPage *requests = grant_test_window_child (window, "request_page");

  return grant_request_page_get_diagnosis (requests) != NULL;
}

/* The window as a user has it after a while: a recent workspace in the menu, the practice
 * machine client's flow run (the inspector's rows and buttons, the timeline's steps and their
 * detail), a request sent (its history menu), and every page shown once. Made once, for all
 * the tests. */
static GrantWindow *
populated_window (void)
{
  GrantPracticeProvider *provider = grant_application_get_practice_provider (application);
  g_autofree char *recent = NULL;
  g_autofree char *api = NULL;
  GtkWidget *use;

  if (window != NULL)
    return window;

  recent = g_build_filename (g_get_user_config_dir (), "grant", "elsewhere.grant", NULL);
  g_settings_set_strv (grant_application_get_settings (application), "recent-workspaces",
                       (const char * const[]) { recent, NULL });

  g_action_group_activate_action (G_ACTION_GROUP (application), "new-window", NULL);
  grant_test_iterate_until_idle ();
  window = GRANT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_true (GRANT_IS_WINDOW (window));
  grant_test_wait_for_window (grant_test_practice_discovered, window, 30);

  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "practice");
  grant_test_iterate_until_idle ();
  use = grant_practice_page_get_use_button (grant_test_window_child (window, "practice_page"),
                                            GRANT_PRACTICE_CLIENT_MACHINE);
  g_assert_nonnull (use);
  g_assert_true (gtk_widget_activate (use));
  grant_test_wait_until (flow_page_shown, NULL, 5);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_for_window (grant_test_flow_done, window, 30);
  g_assert_cmpint (grant_flow_get_state (grant_window_get_flow (window)), ==,
                   GRANT_FLOW_SUCCEEDED);

  api = g_strconcat (grant_practice_provider_get_issuer (provider), "/api/photos", NULL);
  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "requests");
  grant_request_page_set_request (grant_test_window_child (window, "request_page"), "GET", api, 1,
                                  NULL);
  grant_request_page_send (grant_test_window_child (window, "request_page"));
  grant_test_wait_until (request_answered, NULL, 30);

  /* Each page shown once, so that the pages built on first show are built. */
  {
    g_autoptr(GtkSelectionModel) pages =
      adw_view_stack_get_pages (grant_test_window_child (window, "view_stack"));

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
      {
        g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

        adw_view_stack_set_visible_child (grant_test_window_child (window, "view_stack"),
                                          adw_view_stack_page_get_child (page));
        grant_test_iterate_until_idle ();
      }
  }
  adw_view_stack_set_visible_child_name (grant_test_window_child (window, "view_stack"),
                                         "workbench");
  grant_test_iterate_until_idle ();

  return window;
}

static gboolean
is_grant_type (GType type)
{
  return g_str_has_prefix (g_type_name (type), "Grant");
}

static void
find_step_row_cb (GtkWidget *widget,
                  gpointer   user_data)
{
  gboolean *found = user_data;

  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "step.remove-parameter") == 0)
    *found = TRUE;
}

static gboolean
step_paused (gpointer data)
{
  gboolean found = FALSE;

  grant_test_walk_widgets (GTK_WIDGET (window), find_step_row_cb, &found);

  return found;
}

static gboolean
flow_ended (gpointer data)
{
  GrantFlow *flow = grant_window_get_flow (window);

  return flow == NULL || grant_flow_get_state (flow) != GRANT_FLOW_RUNNING;
}

/* What step mode shows only while a request waits (its parameters and headers, each with a
 * Remove button), walked with @func: the flow runs in step mode, is walked when its token
 * request waits, then stopped. Nothing when the window has no step mode. */
static void
walk_paused_step (GrantTestWidgetFunc  func,
                  gpointer             user_data)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (window), "step-mode") == NULL)
    return;

  g_object_set (window, "step-mode", TRUE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  grant_test_wait_until (step_paused, NULL, 30);
  grant_test_walk_widgets (GTK_WIDGET (window), func, user_data);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  grant_test_wait_until (flow_ended, NULL, 30);
  g_object_set (window, "step-mode", FALSE, NULL);
  grant_test_iterate_until_idle ();
}

/* Accelerators, as one string per key: parsed and printed again, so that "<Primary>q",
 * "<Control>q" and "<Ctrl>Q" are the same key. */
static char *
normalize_accelerator (const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  if (!gtk_accelerator_parse (accelerator, &keyval, &modifiers) || keyval == 0)
    return NULL;

  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), modifiers);
}

static char *
trigger_accelerator (GtkShortcutTrigger *trigger)
{
  if (!GTK_IS_KEYVAL_TRIGGER (trigger))
    return NULL;

  return gtk_accelerator_name (gdk_keyval_to_lower (
                                 gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))),
                               gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
}

/* The actions a Grant widget class installed, by name, for @widget's class and its parents. */
static gboolean
grant_installed_action (GtkWidget  *widget,
                        const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
  GType owner;
  const char *action_name;
  const GVariantType *parameter_type;
  const char *property_name;

  for (guint i = 0;
       gtk_widget_class_query_action (klass, i, &owner, &action_name, &parameter_type,
                                      &property_name);
       i++)
    if (g_str_equal (action_name, name) && is_grant_type (owner))
      return TRUE;

  return FALSE;
}

typedef struct {
  /* accelerator → what sets it ("app.quit", "GrantWindow: win.run") */
  GHashTable *accelerators;
  /* action names with an accelerator */
  GHashTable *actions;
} Accelerators;

static void
add_accelerator (Accelerators *acc,
                 const char   *accelerator,
                 const char   *action,
                 const char   *source)
{
  g_autofree char *key = normalize_accelerator (accelerator);

  g_assert_nonnull (key);
  g_hash_table_replace (acc->accelerators, g_steal_pointer (&key), g_strdup (source));
  g_hash_table_add (acc->actions, g_strdup (action));
}

/* The key bindings of Grant's widget classes, and the shortcut controllers Grant adds. */
static void
collect_widget_shortcuts_cb (GtkWidget *widget,
                             gpointer   user_data)
{
  Accelerators *acc = user_data;
  g_autoptr(GListModel) controllers = NULL;

  if (!is_grant_type (G_OBJECT_TYPE (widget)))
    return;

  controllers = gtk_widget_observe_controllers (widget);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *accelerator = NULL;
          g_autofree char *source = NULL;
          const char *name;

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
          /* GTK's own bindings (GtkWindow's, inherited) are not Grant's to list. */
          if (!grant_installed_action (widget, name))
            continue;
          accelerator = trigger_accelerator (gtk_shortcut_get_trigger (shortcut));
          g_assert_nonnull (accelerator);
          source = g_strdup_printf ("%s: %s", G_OBJECT_TYPE_NAME (widget), name);
          add_accelerator (acc, accelerator, name, source);
        }
    }
}

static void
find_primary_menu_cb (GtkWidget *widget,
                      gpointer   user_data)
{
  gboolean *found = user_data;

  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    *found = TRUE;
}

/* Every accelerator the application and the window set. */
static Accelerators *
collect_accelerators (void)
{
  Accelerators *acc = g_new0 (Accelerators, 1);
  g_auto(GStrv) described = NULL;
  gboolean primary_menu = FALSE;

  acc->accelerators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  acc->actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  described = gtk_application_list_action_descriptions (GTK_APPLICATION (application));
  for (guint i = 0; described[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                    described[i]);
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_true (g_action_parse_detailed_name (described[i], &action, &target, NULL));
      for (guint j = 0; accels[j] != NULL; j++)
        add_accelerator (acc, accels[j], action, described[i]);
    }

  grant_test_walk_widgets (GTK_WIDGET (populated_window ()), collect_widget_shortcuts_cb, acc);

  /* A primary menu button opens with F10 (GtkMenuButton:primary). */
  grant_test_walk_widgets (GTK_WIDGET (window), find_primary_menu_cb, &primary_menu);
  if (primary_menu)
    add_accelerator (acc, "F10", "primary-menu", "the primary menu button");

  return acc;
}

static void
accelerators_free (Accelerators *acc)
{
  g_hash_table_unref (acc->accelerators);
  g_hash_table_unref (acc->actions);
  g_free (acc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Accelerators, accelerators_free)

/* The shortcuts window's entries: accelerator → title. */
static void
collect_overlay_cb (GtkWidget *widget,
                    gpointer   user_data)
{
  GHashTable *shown = user_data;
  g_autofree char *title = NULL;
  g_autofree char *accelerator = NULL;
  g_autofree char *action_name = NULL;
  GtkShortcutType type;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return;

  g_object_get (widget, "title", &title, "accelerator", &accelerator,
                "action-name", &action_name, "shortcut-type", &type, NULL);
  g_assert_cmpint (type, ==, GTK_SHORTCUT_ACCELERATOR);
  g_assert_true (title != NULL && *title != '\0');

  if (action_name != NULL && *action_name != '\0')
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                    action_name);

      /* The window shows the application's accelerators for an action: none shows nothing. */
      if (accels[0] == NULL)
        g_error ("“%s” in the shortcuts window names %s, which has no accelerator", title,
                 action_name);
      for (guint i = 0; accels[i] != NULL; i++)
        g_hash_table_replace (shown, normalize_accelerator (accels[i]), g_strdup (title));
      return;
    }

  g_assert_true (accelerator != NULL && *accelerator != '\0');
  {
    g_auto(GStrv) alternatives = g_strsplit (accelerator, " ", -1);

    for (guint i = 0; alternatives[i] != NULL; i++)
      {
        char *key = normalize_accelerator (alternatives[i]);

        if (key == NULL)
          g_error ("“%s” in the shortcuts window has the accelerator “%s”, which GTK cannot "
                   "read", title, alternatives[i]);
        g_hash_table_replace (shown, key, g_strdup (title));
      }
  }
}

/* The shortcuts window lists every accelerator the application and the window set, and only
 * those: a shortcut listed that does nothing is as wrong as one that is not listed. */
static void
test_shortcuts_window (void)
{
  g_autoptr(Accelerators) acc = collect_accelerators ();
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkShortcutsWindow *overlay;
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  guint failures = 0;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  grant_test_walk_widgets (GTK_WIDGET (overlay), collect_overlay_cb, shown);

  g_hash_table_iter_init (&iter, acc->accelerators);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("accelerator %s: %s", (char *) key, (char *) value);
      if (!g_hash_table_contains (shown, key))
        {
          g_test_message ("NOT in the shortcuts window: %s (%s)", (char *) key, (char *) value);
          failures++;
        }
    }
  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (acc->accelerators, key))
      {
        g_test_message ("in the shortcuts window, but set by nothing: %s (“%s”)", (char *) key,
                        (char *) value);
        failures++;
      }

  g_assert_cmpuint (failures, ==, 0);
  /* The pages' Ctrl+1…, the log's Ctrl+F, Run and Stop, the application's own. */
  g_assert_cmpuint (g_hash_table_size (acc->accelerators), >=, 16);
}

/* The shortcut of @widget's controllers that @accelerator triggers, activated as a key press
 * would activate it. */
static gboolean
activate_shortcut (GtkWidget  *widget,
                   const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autofree char *wanted = normalize_accelerator (accelerator);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = trigger_accelerator (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, wanted) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* Ctrl+1, Ctrl+2… show the pages in the view switcher's order, and Ctrl+F on the Log page puts
 * the focus in its filter. */
static void
test_page_and_filter_shortcuts (void)
{
  AdwViewStack *stack;
  g_autoptr(GtkSelectionModel) pages = NULL;
  GtkWidget *focus;

  populated_window ();
  stack = grant_test_window_child (window, "view_stack");
  pages = adw_view_stack_get_pages (stack);
  /* One digit each. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), >=, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), <=, 9);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (pages)); i > 0; i--)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i - 1);
      g_autofree char *accelerator = g_strdup_printf ("<Control>%u", i);

      g_assert_true (activate_shortcut (GTK_WIDGET (window), accelerator));
      grant_test_iterate_until_idle ();
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==,
                       adw_view_stack_page_get_name (page));
    }

  g_assert_true (activate_shortcut (GTK_WIDGET (window), "<Control>3"));
  grant_test_iterate_until_idle ();
  g_assert_true (activate_shortcut (grant_test_window_child (window, "log_page"), "<Control>f"));
  grant_test_iterate_until_idle ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
  g_assert_true (gtk_widget_is_ancestor (focus, grant_test_window_child (window, "log_page")));

  adw_view_stack_set_visible_child_name (stack, "workbench");
  grant_test_iterate_until_idle ();
}

/* Menus: the action of every item, in sections and submenus too. */
static void
collect_menu_actions (GMenuModel *model,
                      GHashTable *reachable)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_hash_table_add (reachable, g_steal_pointer (&action));
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          collect_menu_actions (link, reachable);
          g_object_unref (link);
        }
    }
}

typedef struct {
  GHashTable *reachable; /* action names a focusable widget or a menu item activates */
  GHashTable *installed; /* action names Grant's widget classes install */
} Actions;

static void
collect_actions_cb (GtkWidget *widget,
                    gpointer   user_data)
{
  Actions *actions = user_data;
  GMenuModel *menu = NULL;

  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)))
    {
      /* A button is reached with Tab, unless it cannot take the focus at all. */
      if (gtk_widget_get_focusable (widget) || GTK_IS_BUTTON (widget))
        g_hash_table_add (actions->reachable,
                          g_strdup (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget))));
    }

  if (GTK_IS_MENU_BUTTON (widget))
    {
      /* A menu made when it opens (the Saved Clients menu) is opened, as the user would. */
      if (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) == NULL
          && gtk_widget_get_mapped (widget))
        {
          gtk_menu_button_popup (GTK_MENU_BUTTON (widget));
          gtk_menu_button_popdown (GTK_MENU_BUTTON (widget));
        }
      menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
    }
  else if (ADW_IS_SPLIT_BUTTON (widget))
    menu = adw_split_button_get_menu_model (ADW_SPLIT_BUTTON (widget));
  if (menu != NULL)
    collect_menu_actions (menu, actions->reachable);

  if (is_grant_type (G_OBJECT_TYPE (widget)))
    {
      GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
      GType owner;
      const char *name;
      const GVariantType *parameter_type;
      const char *property_name;

      for (guint i = 0;
           gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type,
                                          &property_name);
           i++)
        if (is_grant_type (owner))
          g_hash_table_add (actions->installed, g_strdup (name));
    }
}

/* Every action of the application, the window and Grant's widgets can be reached from the
 * keyboard: it has an accelerator, or a button or a menu item activates it. */
static void
test_actions_reachable (void)
{
  g_autoptr(Accelerators) acc = collect_accelerators ();
  Actions actions = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_auto(GStrv) app_actions = g_action_group_list_actions (G_ACTION_GROUP (application));
  g_auto(GStrv) win_actions = g_action_group_list_actions (G_ACTION_GROUP (window));
  GHashTableIter iter;
  gpointer name;
  guint unreachable = 0;

  for (guint i = 0; app_actions[i] != NULL; i++)
    g_hash_table_add (actions.installed, g_strconcat ("app.", app_actions[i], NULL));
  for (guint i = 0; win_actions[i] != NULL; i++)
    g_hash_table_add (actions.installed, g_strconcat ("win.", win_actions[i], NULL));
  grant_test_walk_widgets (GTK_WIDGET (window), collect_actions_cb, &actions);
  walk_paused_step (collect_actions_cb, &actions);

  /* Copy as curl's menu offers the other way to copy than the preferences' default: with the
   * preference flipped, its other item is there. */
  {
    GSettings *settings = grant_application_get_settings (application);
    g_autoptr(GSettingsSchema) schema = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    if (g_settings_schema_has_key (schema, "include-secrets-in-exports"))
      {
        g_settings_set_boolean (settings, "include-secrets-in-exports",
                                !g_settings_get_boolean (settings, "include-secrets-in-exports"));
        grant_test_iterate_until_idle ();
        grant_test_walk_widgets (GTK_WIDGET (window), collect_actions_cb, &actions);
        g_settings_reset (settings, "include-secrets-in-exports");
        grant_test_iterate_until_idle ();
      }
  }

  g_hash_table_iter_init (&iter, actions.installed);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      gboolean accelerator = g_hash_table_contains (acc->actions, name);
      gboolean widget = g_hash_table_contains (actions.reachable, name);

      g_test_message ("%s:%s%s", (char *) name, accelerator ? " accelerator" : "",
                      widget ? " widget or menu" : "");
      if (!accelerator && !widget)
        {
          g_test_message ("NOT reachable from the keyboard: %s", (char *) name);
          unreachable++;
        }
    }

  g_assert_cmpuint (unreachable, ==, 0);
  g_assert_cmpuint (g_hash_table_size (actions.installed), >=, 30);

  g_hash_table_unref (actions.reachable);
  g_hash_table_unref (actions.installed);
}

/* Whether @widget is a button that shows an icon and no text. */
static gboolean
is_icon_only_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL
           && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;

  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget)) == NULL
           && (gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL
               || GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))));

  return FALSE;
}

/* Widgets whose insides are a library's: a GtkMenuButton's own toggle button (the menu button
 * carries the label), a spin button's + and −, a split button's arrow, the window's close
 * button. GTK and libadwaita label those themselves, in their own translations. */
static gboolean
inside_library_widget (GtkWidget *widget)
{
  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL;
       parent = gtk_widget_get_parent (parent))
    {
      if (is_grant_type (G_OBJECT_TYPE (parent)))
        return FALSE;
      if (GTK_IS_MENU_BUTTON (parent) || GTK_IS_SPIN_BUTTON (parent)
          || ADW_IS_SPLIT_BUTTON (parent) || GTK_IS_WINDOW_CONTROLS (parent)
          || GTK_IS_DROP_DOWN (parent) || ADW_IS_EXPANDER_ROW (parent)
          || GTK_IS_SEARCH_ENTRY (parent) || GTK_IS_PASSWORD_ENTRY (parent))
        return TRUE;
    }

  return FALSE;
}

typedef struct {
  guint checked;
  GPtrArray *unlabelled;
} Labels;

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (path, " “%s”", gtk_button_get_icon_name (GTK_BUTTON (widget)));
  if (tooltip != NULL)
    g_string_append_printf (path, " (tooltip “%s”)", tooltip);
  for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL;
       parent = gtk_widget_get_parent (parent))
    if (is_grant_type (G_OBJECT_TYPE (parent)))
      {
        g_string_append_printf (path, " in %s", G_OBJECT_TYPE_NAME (parent));
        break;
      }

  return g_string_free (path, FALSE);
}

static void
check_label_cb (GtkWidget *widget,
                gpointer   user_data)
{
  Labels *labels = user_data;
  char *empty;

  if (!is_icon_only_button (widget) || inside_library_widget (widget))
    return;

  labels->checked++;
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return;

  /* Set, and not to "": check_property returns NULL when the value is the one given. */
  empty = gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL)
          ? gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, "")
          : NULL;
  if (empty == NULL)
    g_ptr_array_add (labels->unlabelled, describe (widget));
  g_free (empty);
}

/* Every button that shows only an icon, built in a .ui file or in C, on every page and in the
 * inspector, timeline and form after a flow, has an accessible label: a screen reader would
 * otherwise read "button". */
static void
test_icon_buttons_labelled (void)
{
  Labels labels = { 0, g_ptr_array_new_with_free_func (g_free) };

  grant_test_walk_widgets (GTK_WIDGET (populated_window ()), check_label_cb, &labels);
  walk_paused_step (check_label_cb, &labels);

  for (guint i = 0; i < labels.unlabelled->len; i++)
    g_test_message ("no accessible label: %s", (char *) g_ptr_array_index (labels.unlabelled, i));
  g_test_message ("%u buttons with only an icon", labels.checked);
  g_assert_cmpuint (labels.unlabelled->len, ==, 0);
  /* Stop, the main menu, the form's, the practice page's, the log's, the request history,
   * the timeline's and the inspector's Copy buttons: the walk saw the built pages. */
  g_assert_cmpuint (labels.checked, >=, 15);

  g_ptr_array_unref (labels.unlabelled);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *user_dirs = NULL;
  int status;

  user_dirs = grant_test_isolate_user_dirs ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* gtk_test_accessible_* read what GTK's test accessibility backend keeps. */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "test") != 0)
    {
      g_printerr ("test-accessibility needs GTK_A11Y=test (meson test sets it)\n");
      return 1;
    }

  application = grant_test_application_new ();

  g_test_add_func ("/grant/ui/accessibility/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/grant/ui/accessibility/actions-reachable", test_actions_reachable);
  g_test_add_func ("/grant/ui/accessibility/page-and-filter-shortcuts",
                   test_page_and_filter_shortcuts);
  g_test_add_func ("/grant/ui/accessibility/icon-buttons-labelled", test_icon_buttons_labelled);

  status = g_test_run ();

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  grant_test_iterate_until_idle ();
  g_application_release (G_APPLICATION (application));
  g_clear_object (&application);

  grant_test_remove_tree (user_dirs);
  return status;
}
