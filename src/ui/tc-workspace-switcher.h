/* tc-workspace-switcher.h — the sidebar header's workspace menu
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A menu button named after the active workspace; its popover lists every
 * workspace of the session with its plan and the user's role there, the
 * active one checked. Activating a row switches (a spinner on the row
 * meanwhile, a toast on failure); "Leave Workspace…" leaves the active
 * one, insensitive with the reason beside it when it cannot.
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_WORKSPACE_SWITCHER (tc_workspace_switcher_get_type ())

G_DECLARE_FINAL_TYPE (TcWorkspaceSwitcher, tc_workspace_switcher, TC, WORKSPACE_SWITCHER, GtkWidget)

GtkWidget  *tc_workspace_switcher_new         (void);
TcSession  *tc_workspace_switcher_get_session (TcWorkspaceSwitcher *self);
void        tc_workspace_switcher_set_session (TcWorkspaceSwitcher *self,
                                               TcSession           *session);
/* Opens the popover with the focus on the active workspace's row. */
void        tc_workspace_switcher_popup       (TcWorkspaceSwitcher *self);

/* "Pro", "Free"… for @workspace's plan; "Owner", "Admin", "Member"… for
 * the user's role there. Translated; static strings. */
const char *tc_workspace_switcher_plan_label  (TcWorkspace         *workspace);
const char *tc_workspace_switcher_role_label  (TcWorkspace         *workspace);

G_END_DECLS
