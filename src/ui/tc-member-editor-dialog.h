/* tc-member-editor-dialog.h — an admin edits one member's profile
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the member profile and the workspace's custom user fields, shows
 * every rule of tc-member-rules.h before anyone tries (insensitive fields
 * with the reason), and on Save sends one PATCH with only what changed.
 * Property "busy" is TRUE while loading or saving.
 * Signal "saved" (TcMemberProfile *before, TcMemberProfile *after): the
 * server stored the change; the dialog then closes.
 */

#pragma once

#include <adwaita.h>

#include "tc-api-client.h"
#include "tc-member.h"
#include "tc-workspace.h"

G_BEGIN_DECLS

#define TC_TYPE_MEMBER_EDITOR_DIALOG (tc_member_editor_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TcMemberEditorDialog, tc_member_editor_dialog, TC, MEMBER_EDITOR_DIALOG,
                      AdwWindow)

GtkWidget *tc_member_editor_dialog_new      (TcApiClient          *client,
                                             TcWorkspace          *workspace,
                                             TcMember             *member,
                                             TcMemberRole          caller_role);
gboolean   tc_member_editor_dialog_get_busy (TcMemberEditorDialog *self);
TcMember  *tc_member_editor_dialog_get_member (TcMemberEditorDialog *self);

G_END_DECLS
