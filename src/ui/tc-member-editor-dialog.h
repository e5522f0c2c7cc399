/* tc-member-editor-dialog.h — an admin edits one member's profile
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the member profile and the workspace's custom user fields, shows
 * every rule of tc-member-rules.h before anyone tries (insensitive fields
 * with the reason), and on Save queues one edit per changed field in the
 * session's outbox (tc_session_edit_member_profile ()). Online it waits
 * (busy, with a spinner) until they are resolved: refused fields say why
 * on their rows and the dialog stays; all accepted, it closes. Offline it
 * closes at once: the edits are sent when the connection returns.
 * Property "busy" is TRUE while loading or saving.
 * Signal "saved" (TcMemberProfile *before, TcMemberProfile *after): the
 * change was accepted (or, with get_queued () TRUE, queued while
 * offline); the dialog then closes.
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"
#include "tc-member.h"
#include "tc-workspace.h"

G_BEGIN_DECLS

#define TC_TYPE_MEMBER_EDITOR_DIALOG (tc_member_editor_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TcMemberEditorDialog, tc_member_editor_dialog, TC, MEMBER_EDITOR_DIALOG,
                      AdwWindow)

GtkWidget *tc_member_editor_dialog_new      (TcSession            *session,
                                             TcWorkspace          *workspace,
                                             TcMember             *member,
                                             TcMemberRole          caller_role);
gboolean   tc_member_editor_dialog_get_busy (TcMemberEditorDialog *self);
TcMember  *tc_member_editor_dialog_get_member (TcMemberEditorDialog *self);
/* TRUE when the last save closed the dialog with its edits still queued. */
gboolean   tc_member_editor_dialog_get_queued (TcMemberEditorDialog *self);
/* Whether @uuid is one of the edits this dialog made. */
gboolean   tc_member_editor_dialog_follows_edit (TcMemberEditorDialog *self,
                                                 const char           *uuid);

G_END_DECLS
