/* tc-edit-text.h — a queued edit (TcPendingEdit) in words: which object,
 * which field, the old and the new value
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-pending-edit.h"

G_BEGIN_DECLS

/* "Your profile", "Your preferences", or the member's name. */
const char *tc_edit_text_object (TcPendingEdit *edit);
/* "Name", "Time zone", "Daily capacity", a custom field's name… */
const char *tc_edit_text_field  (TcPendingEdit *edit);
/* The edit's value before (@new_value FALSE) or after, for people:
 * durations in hours, working days as weekdays, On/Off, Active/Inactive,
 * "New picture"/"No picture". */
char       *tc_edit_text_value  (TcPendingEdit *edit,
                                 gboolean       new_value);
/* "Ada Lovelace → Ada King" */
char       *tc_edit_text_change (TcPendingEdit *edit);

G_END_DECLS
