/* grant-test-ui.h
 * What UI tests that drive the real window share: its template children, waiting for a
 * condition with a deadline, and an application that lives as long as the test program.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grant-application.h"
#include "grant-flow-form.h"
#include "grant-window.h"

static inline gpointer
grant_test_window_child (GrantWindow *window,
                         const char  *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), GRANT_TYPE_WINDOW, name);
}

static inline GtkEditable *
grant_test_form_row (GrantWindow *window,
                     const char  *name)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (grant_test_window_child (window,
                                                                                "flow_form"),
                                                      GRANT_TYPE_FLOW_FORM, name));
}

static inline gboolean
grant_test_deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @done (@data) holds, failing after @seconds. */
static inline void
grant_test_wait_until (gboolean (*done) (gpointer data),
                       gpointer   data,
                       guint      seconds)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (seconds, grant_test_deadline_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
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
