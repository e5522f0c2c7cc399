/* tc-member-rules.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-member-rules.h"

gboolean
tc_member_rules_caller_can_edit (TcMemberRole caller_role)
{
  return caller_role == TC_MEMBER_ROLE_OWNER || caller_role == TC_MEMBER_ROLE_ADMIN;
}
