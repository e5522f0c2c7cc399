/* tc-member-rules.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same rules as src/service/tc-service-routes-members.c, checked in
 * the same order: who the target is (rule 3), then the number of
 * workspaces (4), the plan (2) and pending approvals (5).
 */

#include "config.h"

#include "tc-member-rules.h"

gboolean
tc_member_rules_caller_can_edit (TcMemberRole caller_role)
{
  return caller_role == TC_MEMBER_ROLE_OWNER || caller_role == TC_MEMBER_ROLE_ADMIN;
}

TcMemberReason
tc_member_rules_check_target (const TcMemberRuleInput *input)
{
  g_return_val_if_fail (input != NULL, TC_MEMBER_REASON_NOT_ADMIN);

  if (!tc_member_rules_caller_can_edit (input->caller_role))
    return TC_MEMBER_REASON_NOT_ADMIN;
  if (input->target_role == TC_MEMBER_ROLE_OWNER)
    return TC_MEMBER_REASON_TARGET_OWNER;
  switch (input->target_status)
    {
    case TC_MEMBER_STATUS_ACTIVE:
      return TC_MEMBER_REASON_NONE;
    case TC_MEMBER_STATUS_INACTIVE:
      return TC_MEMBER_REASON_TARGET_INACTIVE;
    case TC_MEMBER_STATUS_PENDING:
    case TC_MEMBER_STATUS_DECLINED:
    default:
      return TC_MEMBER_REASON_TARGET_NOT_ACCEPTED;
    }
}

TcMemberReason
tc_member_rules_check (const TcMemberRuleInput *input,
                       TcMemberField            field)
{
  TcMemberReason reason;
  gboolean days_or_capacity;

  g_return_val_if_fail (input != NULL, TC_MEMBER_REASON_NOT_ADMIN);
  g_return_val_if_fail (field < TC_MEMBER_N_FIELDS, TC_MEMBER_REASON_NOT_ADMIN);

  reason = tc_member_rules_check_target (input);
  if (reason != TC_MEMBER_REASON_NONE)
    return reason;

  days_or_capacity = field == TC_MEMBER_FIELD_WORK_CAPACITY ||
                     field == TC_MEMBER_FIELD_WORKING_DAYS;
  if (input->workspace_number > 1 && !days_or_capacity)
    return TC_MEMBER_REASON_SEVERAL_WORKSPACES;
  if (!input->edit_member_profile && field != TC_MEMBER_FIELD_WEEK_START)
    return TC_MEMBER_REASON_FREE_PLAN;
  if (field == TC_MEMBER_FIELD_CUSTOM_FIELDS && !input->user_custom_fields)
    return TC_MEMBER_REASON_NO_CUSTOM_FIELDS;
  if (field == TC_MEMBER_FIELD_WEEK_START && input->has_pending_approval)
    return TC_MEMBER_REASON_PENDING_APPROVAL;
  return TC_MEMBER_REASON_NONE;
}

gboolean
tc_member_rules_read_only (const TcMemberRuleInput *input)
{
  for (TcMemberField f = 0; f < TC_MEMBER_N_FIELDS; f++)
    if (tc_member_rules_check (input, f) == TC_MEMBER_REASON_NONE)
      return FALSE;
  return TRUE;
}
