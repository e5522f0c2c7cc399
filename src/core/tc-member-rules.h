/* tc-member-rules.h — which member profile fields an admin may edit, and why not
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure logic, no I/O: the member-profile rules of api-contract.md (the
 * service enforces the same ones), so the editor explains them before
 * anyone tries. The UI turns each TcMemberReason into a sentence.
 */

#pragma once

#include <glib.h>

#include "tc-member.h"

G_BEGIN_DECLS

typedef enum {
  TC_MEMBER_FIELD_WEEK_START,
  TC_MEMBER_FIELD_WORK_CAPACITY,
  TC_MEMBER_FIELD_WORKING_DAYS,
  TC_MEMBER_FIELD_EMPLOYEE_ID,
  TC_MEMBER_FIELD_EMPLOYMENT_TYPE,
  TC_MEMBER_FIELD_CUSTOM_FIELDS,
  TC_MEMBER_N_FIELDS,
} TcMemberField;

/* In the order a person would fix them: the first that applies wins. */
typedef enum {
  TC_MEMBER_REASON_NONE,               /* editable */
  TC_MEMBER_REASON_NOT_ADMIN,          /* rule 1 */
  TC_MEMBER_REASON_TARGET_OWNER,       /* rule 3 */
  TC_MEMBER_REASON_TARGET_INACTIVE,    /* rule 3 */
  TC_MEMBER_REASON_TARGET_NOT_ACCEPTED,/* rule 3: PENDING or DECLINED */
  TC_MEMBER_REASON_SEVERAL_WORKSPACES, /* rule 4 */
  TC_MEMBER_REASON_FREE_PLAN,          /* rule 2 */
  TC_MEMBER_REASON_NO_CUSTOM_FIELDS,   /* the plan lacks USER_CUSTOM_FIELDS */
  TC_MEMBER_REASON_PENDING_APPROVAL,   /* rule 5 */
} TcMemberReason;

typedef struct
{
  TcMemberRole   caller_role;
  gboolean       edit_member_profile;   /* workspace has EDIT_MEMBER_PROFILE */
  gboolean       user_custom_fields;    /* workspace has USER_CUSTOM_FIELDS */
  TcMemberRole   target_role;
  TcMemberStatus target_status;
  gint64         workspace_number;      /* 0 when not known yet */
  gboolean       has_pending_approval;
} TcMemberRuleInput;

gboolean       tc_member_rules_caller_can_edit (TcMemberRole             caller_role);
TcMemberReason tc_member_rules_check           (const TcMemberRuleInput *input,
                                                TcMemberField            field);
/* The reason that makes the whole profile read-only (rules 1 and 3), or
 * TC_MEMBER_REASON_NONE when at least the target may be edited. */
TcMemberReason tc_member_rules_check_target    (const TcMemberRuleInput *input);
/* TRUE when no field at all is editable. */
gboolean       tc_member_rules_read_only       (const TcMemberRuleInput *input);

G_END_DECLS
