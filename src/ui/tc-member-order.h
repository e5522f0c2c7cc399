/* tc-member-order.h — the members a list shows, filtered and sorted
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tc-member.h"

G_BEGIN_DECLS

#define TC_TYPE_MEMBER_ORDER (tc_member_order_get_type ())

G_DECLARE_FINAL_TYPE (TcMemberOrder, tc_member_order, TC, MEMBER_ORDER, GObject)

TcMemberOrder *tc_member_order_new       (GtkFilter     *filter,
                                          GtkSorter     *sorter);
void           tc_member_order_set_model (TcMemberOrder *self,
                                          GListModel    *members);
gboolean       tc_member_order_get_pending (TcMemberOrder *self);
/* The member at @position, without a reference (g_list_model_get_item()
 * gives one). */
TcMember      *tc_member_order_peek      (TcMemberOrder *self,
                                          guint          position);

void           _tc_member_order_set_slice_size (TcMemberOrder *self,
                                                guint          size);

G_END_DECLS
