/* tc-member-row.h — one member in the Team list
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tc-member.h"

G_BEGIN_DECLS

#define TC_TYPE_MEMBER_ROW (tc_member_row_get_type ())

G_DECLARE_FINAL_TYPE (TcMemberRow, tc_member_row, TC, MEMBER_ROW, GtkWidget)

GtkWidget *tc_member_row_new        (void);
/* An empty row (only its height) until built. */
void       tc_member_row_build      (TcMemberRow *self);
gboolean   tc_member_row_get_built  (TcMemberRow *self);
TcMember  *tc_member_row_get_member (TcMemberRow *self);
/* Soon, at low priority: the fonts rows draw with under @widget (where
 * they will be) measured, and the usual glyphs loaded. */
void       tc_member_row_prepare_fonts (GtkWidget *widget);
/* What the row shows, joined ("Name, email, Role, Status, 8 h, Mon, Tue"):
 * its accessible label; empty until built. */
char      *tc_member_row_dup_text   (TcMemberRow *self);
/* Narrow: only the name, role and status columns (the Team page at
 * phone widths). */
void       tc_member_row_set_narrow (TcMemberRow *self,
                                     gboolean     narrow);
void       tc_member_row_set_member (TcMemberRow *self,
                                     TcMember    *member);

G_END_DECLS
