/* tc-profile-page-workspace.c — the Profile page's Active workspace row
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row names the active workspace and offers Leave…; when the user
 * cannot leave it (Owner, last workspace) the button is insensitive and
 * the reason is under the name, before anyone presses anything. It
 * follows the active workspace, the list (for "last") and the role.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-leave-workspace.h"
#include "tc-profile-page-private.h"

void
_tc_profile_page_update_workspace (TcProfilePage *self)
{
  TcWorkspace *workspace = self->session ? tc_session_get_active_workspace (self->session) : NULL;
  g_autofree char *reason = NULL;
  g_autofree char *subtitle = NULL;
  const char *name = workspace ? tc_workspace_get_name (workspace) : NULL;

  g_signal_group_set_target (self->workspaces_signals,
                             self->session ? tc_session_get_workspaces (self->session) : NULL);
  g_signal_group_set_target (self->workspace_signals, workspace);

  if (self->session != NULL)
    reason = tc_leave_workspace_dup_refusal (self->session, workspace);
  if (reason != NULL && workspace != NULL)
    subtitle = g_strdup_printf ("%s\n%s", name, reason);
  adw_action_row_set_subtitle (self->workspace_row, subtitle ? subtitle : name ? name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->leave_button), workspace != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->leave_button), reason);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.leave-workspace", reason == NULL);
}

static void
leave_workspace_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TcProfilePage *self = TC_PROFILE_PAGE (widget);
  TcWorkspace *workspace = self->session ? tc_session_get_active_workspace (self->session) : NULL;

  if (workspace != NULL)
    tc_leave_workspace_confirm (widget, self->session, workspace);
}

void
_tc_profile_page_workspace_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "profile.leave-workspace", NULL,
                                   leave_workspace_action);
}

void
_tc_profile_page_workspace_init (TcProfilePage *self)
{
  g_signal_group_connect_swapped (self->session_signals, "notify::active-workspace",
                                  G_CALLBACK (_tc_profile_page_update_workspace), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::active-workspace-name",
                                  G_CALLBACK (_tc_profile_page_update_workspace), self);
  self->workspaces_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->workspaces_signals, "items-changed",
                                  G_CALLBACK (_tc_profile_page_update_workspace), self);
  self->workspace_signals = g_signal_group_new (TC_TYPE_WORKSPACE);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::caller-role",
                                  G_CALLBACK (_tc_profile_page_update_workspace), self);
  _tc_profile_page_update_workspace (self);
}
