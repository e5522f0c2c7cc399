/* tc-member-slots.h — a list view's rows over a TcMemberOrder
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-member-order.h"

G_BEGIN_DECLS

#define TC_TYPE_MEMBER_SLOT (tc_member_slot_get_type ())
#define TC_TYPE_MEMBER_SLOTS (tc_member_slots_get_type ())

G_DECLARE_FINAL_TYPE (TcMemberSlot, tc_member_slot, TC, MEMBER_SLOT, GObject)
G_DECLARE_FINAL_TYPE (TcMemberSlots, tc_member_slots, TC, MEMBER_SLOTS, GObject)

guint          tc_member_slot_get_position  (TcMemberSlot  *self);

TcMemberSlots *tc_member_slots_new          (TcMemberOrder *order);
TcMemberOrder *tc_member_slots_get_order    (TcMemberSlots *self);
/* The member in @slot now, without a reference. */
TcMember      *tc_member_slots_peek         (TcMemberSlots *self,
                                             TcMemberSlot  *slot);
/* The selected members, in the order shown. */
GPtrArray     *tc_member_slots_get_selected (TcMemberSlots *self);

G_END_DECLS
