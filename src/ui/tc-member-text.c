/* tc-member-text.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-member-text.h"

const char *
tc_member_text_role (TcMemberRole role)
{
  switch (role)
    {
    case TC_MEMBER_ROLE_OWNER: return C_("member role", "Owner");
    case TC_MEMBER_ROLE_ADMIN: return C_("member role", "Admin");
    case TC_MEMBER_ROLE_TEAM_MANAGER: return C_("member role", "Team manager");
    case TC_MEMBER_ROLE_PROJECT_MANAGER: return C_("member role", "Project manager");
    case TC_MEMBER_ROLE_MEMBER:
    default: return C_("member role", "Member");
    }
}

const char *
tc_member_text_status (TcMemberStatus status)
{
  switch (status)
    {
    case TC_MEMBER_STATUS_INACTIVE: return C_("member status", "Inactive");
    case TC_MEMBER_STATUS_PENDING: return C_("member status", "Invited");
    case TC_MEMBER_STATUS_DECLINED: return C_("member status", "Declined");
    case TC_MEMBER_STATUS_ACTIVE:
    default: return C_("member status", "Active");
    }
}

char *
tc_member_text_capacity (gint64 seconds)
{
  gint64 hours = seconds / 3600, minutes = (seconds % 3600) / 60;

  if (seconds < 0)
    return g_strdup ("—");
  if (minutes == 0)
    /* Translators: a daily capacity in hours, e.g. "8 h" */
    return g_strdup_printf (C_("capacity", "%d h"), (int) hours);
  /* Translators: a daily capacity, e.g. "7 h 30 min" */
  return g_strdup_printf (C_("capacity", "%d h %d min"), (int) hours, (int) minutes);
}

const char *
tc_member_text_day_short (TcDay day)
{
  switch (day)
    {
    case TC_DAY_MONDAY: return C_("day abbreviation", "Mon");
    case TC_DAY_TUESDAY: return C_("day abbreviation", "Tue");
    case TC_DAY_WEDNESDAY: return C_("day abbreviation", "Wed");
    case TC_DAY_THURSDAY: return C_("day abbreviation", "Thu");
    case TC_DAY_FRIDAY: return C_("day abbreviation", "Fri");
    case TC_DAY_SATURDAY: return C_("day abbreviation", "Sat");
    case TC_DAY_SUNDAY: return C_("day abbreviation", "Sun");
    case TC_N_DAYS:
    case TC_DAY_INVALID:
    default: return "";
    }
}

const char *
tc_member_text_day (TcDay day)
{
  switch (day)
    {
    case TC_DAY_MONDAY: return _("Monday");
    case TC_DAY_TUESDAY: return _("Tuesday");
    case TC_DAY_WEDNESDAY: return _("Wednesday");
    case TC_DAY_THURSDAY: return _("Thursday");
    case TC_DAY_FRIDAY: return _("Friday");
    case TC_DAY_SATURDAY: return _("Saturday");
    case TC_DAY_SUNDAY: return _("Sunday");
    case TC_N_DAYS:
    case TC_DAY_INVALID:
    default: return "";
    }
}

char *
tc_member_text_days (guint mask)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (TcDay day = TC_DAY_MONDAY; day < TC_N_DAYS; day++)
    if (mask & (1u << day))
      {
        if (text->len > 0)
          /* Translators: separates days in a list, "Mon, Tue" */
          g_string_append (text, C_("day list", ", "));
        g_string_append (text, tc_member_text_day_short (day));
      }
  if (text->len == 0)
    g_string_append (text, "—");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
tc_member_text_reason (TcMemberReason reason)
{
  switch (reason)
    {
    case TC_MEMBER_REASON_NOT_ADMIN:
      return _("Only workspace Owners and Admins can edit members’ profiles.");
    case TC_MEMBER_REASON_TARGET_OWNER:
      return _("The workspace Owner’s profile cannot be edited here.");
    case TC_MEMBER_REASON_TARGET_INACTIVE:
      return _("This member is inactive. Activate them to edit their profile.");
    case TC_MEMBER_REASON_TARGET_NOT_ACCEPTED:
      return _("This member has not accepted the invitation yet.");
    case TC_MEMBER_REASON_SEVERAL_WORKSPACES:
      return _("This member belongs to several workspaces, so only daily capacity and working days can be changed here.");
    case TC_MEMBER_REASON_FREE_PLAN:
      return _("Editing profiles needs a paid plan. Week start stays editable.");
    case TC_MEMBER_REASON_NO_CUSTOM_FIELDS:
      return _("Custom user fields need a paid plan.");
    case TC_MEMBER_REASON_PENDING_APPROVAL:
      return _("Week start cannot change while this member has an approval request pending.");
    case TC_MEMBER_REASON_NONE:
    default:
      return NULL;
    }
}
