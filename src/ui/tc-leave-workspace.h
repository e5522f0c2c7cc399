/* tc-leave-workspace.h — asking before leaving a workspace, and leaving
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the workspace switcher and the Profile page, so both say the
 * same thing before anyone presses a button.
 */

#pragma once

#include <gtk/gtk.h>

#include "tc-session.h"

G_BEGIN_DECLS

/* Why the user cannot leave @workspace (translated), or NULL when they
 * can: the Owner cannot leave, nor can anyone leave their last
 * workspace. */
char *tc_leave_workspace_dup_refusal (TcSession   *session,
                                      TcWorkspace *workspace);
/* Asks in an AdwMessageDialog over @parent's window, naming @workspace and
 * what is lost, then leaves it; a failure is a toast. On a server without
 * the leave route the dialog explains that and offers "Leave on the Web"
 * instead. Returns the dialog (owned by GTK). */
GtkWindow *tc_leave_workspace_confirm (GtkWidget   *parent,
                                       TcSession   *session,
                                       TcWorkspace *workspace);

G_END_DECLS
