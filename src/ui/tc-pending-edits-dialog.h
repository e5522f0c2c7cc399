/* tc-pending-edits-dialog.h — the changes waiting to be sent
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_PENDING_EDITS_DIALOG (tc_pending_edits_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TcPendingEditsDialog, tc_pending_edits_dialog, TC, PENDING_EDITS_DIALOG, AdwWindow)

/* Lists @session's outbox (tc_session_get_pending ()), each edit with its
 * object, field, old → new and a Discard button, as it changes. */
GtkWidget  *tc_pending_edits_dialog_new         (GtkWindow            *parent,
                                                 TcSession            *session);
TcSession  *tc_pending_edits_dialog_get_session (TcPendingEditsDialog *self);
/* The list's rows, one per edit (for tests). */
GtkListBox *tc_pending_edits_dialog_get_list    (TcPendingEditsDialog *self);

G_END_DECLS
