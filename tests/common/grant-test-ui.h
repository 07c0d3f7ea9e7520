/* grant-test-ui.h
 * What UI tests that drive the real window share: its template children, waiting for a
 * condition with a deadline (and the conditions they wait for most), and an application that
 * lives as long as the test program.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-application.h"
#include "grant-flow.h"
#include "grant-flow-form.h"
#include "grant-practice-provider.h"
#include "grant-provider-metadata.h"
#include "grant-timeline.h"
#include "grant-window.h"

/* Lets GTK handle what is already queued (lay out and map what was just shown) without
 * waiting for anything new. */
static inline void
grant_test_iterate_until_idle (void)
{
  for (guint i = 0; i < 200 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static inline gpointer
grant_test_window_child (GrantWindow *window,
                         const char  *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), GRANT_TYPE_WINDOW, name);
}

static inline gpointer
grant_test_form_child (GrantWindow *window,
                       const char  *name)
{
  return gtk_widget_get_template_child (grant_test_window_child (window, "flow_form"),
                                        GRANT_TYPE_FLOW_FORM, name);
}

static inline GtkEditable *
grant_test_form_row (GrantWindow *window,
                     const char  *name)
{
  return GTK_EDITABLE (grant_test_form_child (window, name));
}

static inline const char *
grant_test_row_text (GrantWindow *window,
                     const char  *name)
{
  return gtk_editable_get_text (grant_test_form_row (window, name));
}

typedef void (*GrantTestWidgetFunc) (GtkWidget *widget,
                                     gpointer   user_data);

/* Calls @func on @widget and on each of its descendants, parents first. */
static inline void
grant_test_walk_widgets (GtkWidget           *widget,
                         GrantTestWidgetFunc  func,
                         gpointer             user_data)
{
  func (widget, user_data);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    grant_test_walk_widgets (child, func, user_data);
}

/* What the window sent and got, for a test that failed. */
static inline void
grant_test_log_exchanges (GrantWindow *window)
{
  GListModel *log =
    G_LIST_MODEL (grant_timeline_get_log (grant_test_window_child (window, "timeline")));

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(GrantExchange) exchange = g_list_model_get_item (log, i);

      g_test_message ("exchange %u: %s %s %s → %u", i, grant_exchange_get_title (exchange),
                      grant_http_request_get_method (grant_exchange_get_request (exchange)),
                      grant_http_request_get_uri (grant_exchange_get_request (exchange)),
                      grant_exchange_get_status (exchange));
    }
}

static inline gboolean
grant_test_deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @done (@data) holds or @seconds pass; whether it held. */
static inline gboolean
grant_test_iterate_until (gboolean (*done) (gpointer data),
                          gpointer   data,
                          guint      seconds)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (seconds, grant_test_deadline_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);

  return !timed_out;
}

/* Iterates the main context until @done (@data) holds, failing after @seconds. */
static inline void
grant_test_wait_until (gboolean (*done) (gpointer data),
                       gpointer   data,
                       guint      seconds)
{
  g_assert_true (grant_test_iterate_until (done, data, seconds));
}

typedef struct
{
  gboolean   (*done) (GrantWindow *window);
  GrantWindow *window;
} GrantTestWindowWait;

static inline gboolean
grant_test_window_done_cb (gpointer data)
{
  GrantTestWindowWait *wait = data;

  return wait->done (wait->window);
}

/* Like grant_test_wait_until () for a condition on @window; when it fails, the test's log says
 * what the window sent and got. */
static inline void
grant_test_wait_for_window (gboolean   (*done) (GrantWindow *window),
                            GrantWindow *window,
                            guint        seconds)
{
  GrantTestWindowWait wait = { done, window };
  gboolean held = grant_test_iterate_until (grant_test_window_done_cb, &wait, seconds);

  if (!held)
    grant_test_log_exchanges (window);
  g_assert_true (held);
}

/* Whether the window's flow has ended, successfully or not. */
static inline gboolean
grant_test_flow_done (GrantWindow *window)
{
  GrantFlow *flow = grant_window_get_flow (window);

  return flow != NULL && grant_flow_get_state (flow) != GRANT_FLOW_RUNNING
         && grant_flow_get_state (flow) != GRANT_FLOW_READY;
}

/* Whether the window's form has discovered the application's running practice provider. */
static inline gboolean
grant_test_practice_discovered (GrantWindow *window)
{
  GrantApplication *application =
    GRANT_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  GrantPracticeProvider *provider = grant_application_get_practice_provider (application);
  GrantProviderMetadata *metadata =
    grant_flow_form_get_metadata (grant_test_window_child (window, "flow_form"));

  return grant_practice_provider_get_running (provider) && metadata != NULL
         && g_strcmp0 (grant_provider_metadata_get_issuer (metadata),
                       grant_practice_provider_get_issuer (provider)) == 0;
}

/* The window that the application's "new-window" action opens. */
static inline GrantWindow *
grant_test_open_window (GrantApplication *application)
{
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (application), "new-window", NULL);
  grant_test_iterate_until_idle ();
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_assert_true (GRANT_IS_WINDOW (window));

  return GRANT_WINDOW (window);
}

/* Closes every window as "quit" does, leaving the practice provider running for the next test
 * of the same program. */
static inline void
grant_test_close_all_windows (GrantApplication *application)
{
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  grant_test_iterate_until_idle ();
}

/* A registered application, held so that it outlives its windows; it runs beside a user's own
 * Grant and beside other tests. */
static inline GrantApplication *
grant_test_application_new (void)
{
  GrantApplication *application = grant_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (application));

  return application;
}

/* Quits as the user does: every window closes (and saves), then the practice provider stops,
 * so that no thread of it is left making keys when a child test process exits. */
static inline void
grant_test_application_quit (GrantApplication *application)
{
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  while (gtk_application_get_windows (GTK_APPLICATION (application)) != NULL)
    g_main_context_iteration (NULL, TRUE);
  grant_practice_provider_stop (grant_application_get_practice_provider (application));
}
