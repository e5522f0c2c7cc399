/* tc-member-text.h — members' roles, statuses, capacities, days and the
 * rules' reasons as translated words
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tc-member-rules.h"

G_BEGIN_DECLS

const char *tc_member_text_role      (TcMemberRole    role);
const char *tc_member_text_status    (TcMemberStatus  status);
/* "8 h", "7 h 30 min"; "—" for unknown (negative). */
char       *tc_member_text_capacity  (gint64          seconds);
/* "Mon, Tue, Wed"; "—" for none. */
char       *tc_member_text_days      (guint           mask);
const char *tc_member_text_day_short (TcDay           day);
const char *tc_member_text_day       (TcDay           day);
/* Why a field cannot be edited; NULL for TC_MEMBER_REASON_NONE. */
const char *tc_member_text_reason    (TcMemberReason  reason);

G_END_DECLS
