/* tc-bulk-edit-dialog.h — set capacity, working days or week start for
 * several members at once
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads each member's profile for the preview (who changes, who is skipped
 * and why, from tc-member-rules.h), then queues each member's changes in
 * the session's outbox (tc_session_edit_member_profile ()), counts them as
 * the server accepts or refuses them, and sums up what succeeded and what
 * was refused, with the server's reasons. Cancel discards the edits not
 * yet on their way.
 * Property "state" (TcBulkEditState), notified on change.
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"
#include "tc-member.h"
#include "tc-workspace.h"

G_BEGIN_DECLS

typedef enum {
  TC_BULK_EDIT_LOADING,
  TC_BULK_EDIT_READY,
  TC_BULK_EDIT_APPLYING,
  TC_BULK_EDIT_DONE,
} TcBulkEditState;

#define TC_TYPE_BULK_EDIT_DIALOG (tc_bulk_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TcBulkEditDialog, tc_bulk_edit_dialog, TC, BULK_EDIT_DIALOG, AdwWindow)

/* @members: TcMember items. */
GtkWidget       *tc_bulk_edit_dialog_new       (TcSession        *session,
                                                TcWorkspace      *workspace,
                                                GPtrArray        *members,
                                                TcMemberRole      caller_role);
TcBulkEditState  tc_bulk_edit_dialog_get_state (TcBulkEditDialog *self);
/* What to set; a negative capacity, a 0 mask or a NULL week start leave
 * that field alone (the dialog's controls do the same). */
void             tc_bulk_edit_dialog_choose    (TcBulkEditDialog *self,
                                                gint64            capacity,
                                                guint             working_days,
                                                const char       *week_start);
/* Counts of the preview (changes, skipped) or, once done, the result. */
void             tc_bulk_edit_dialog_get_counts (TcBulkEditDialog *self,
                                                 guint            *n_changes,
                                                 guint            *n_skipped,
                                                 guint            *n_failed);

/* Whether @uuid is one of the edits this dialog made. */
gboolean         tc_bulk_edit_dialog_follows_edit (TcBulkEditDialog *self,
                                                   const char       *uuid);

G_END_DECLS
