/* tc-custom-field-row.h — one custom user field in the member editor
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A control per type: TXT and LINK an entry, NUMBER an entry that must
 * hold a number, CHECKBOX a switch, DROPDOWN_SINGLE a drop-down of the
 * allowed values, DROPDOWN_MULTIPLE a menu of check buttons. Edits go
 * straight into the profile (the editor's copy). Property "valid" is FALSE
 * while the value does not fit the field (required, allowed values, a
 * number, a link); the row says why in its subtitle.
 */

#pragma once

#include <adwaita.h>

#include "tc-custom-field.h"
#include "tc-member-profile.h"

G_BEGIN_DECLS

#define TC_TYPE_CUSTOM_FIELD_ROW (tc_custom_field_row_get_type ())

G_DECLARE_FINAL_TYPE (TcCustomFieldRow, tc_custom_field_row, TC, CUSTOM_FIELD_ROW, AdwActionRow)

GtkWidget     *tc_custom_field_row_new       (TcCustomField    *field,
                                              TcMemberProfile  *profile);
TcCustomField *tc_custom_field_row_get_field (TcCustomFieldRow *self);
gboolean       tc_custom_field_row_get_valid (TcCustomFieldRow *self);
/* Shows the server's refusal (@message, already a sentence) in the row's
 * subtitle, marked as an error, until the value changes; NULL clears it. */
void           tc_custom_field_row_set_server_error (TcCustomFieldRow *self,
                                                     const char       *message);
/* The control that edits the value (for tests and focus). */
GtkWidget     *tc_custom_field_row_get_control (TcCustomFieldRow *self);

G_END_DECLS
