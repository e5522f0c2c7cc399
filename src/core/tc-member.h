/* tc-member.h — one member of a workspace, as the Team list shows it
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoded from one element of GET /v1/workspaces/{ws}/users?include-roles=true.
 * Properties (read-only unless noted, notified only on change):
 *   id, name (NULL for a user who never finished onboarding), email,
 *   profile-picture, display-name (name, or email without one),
 *   role (TcMemberRole, the highest one), status (TcMemberStatus, the
 *   membership status), and — once a member profile was read, e.g. by the
 *   editor — work-capacity (seconds, -1 unknown) and working-days (a mask
 *   of 1 << TcDay, 0 unknown), which the list cannot know by itself.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tc-wire.h"

G_BEGIN_DECLS

typedef enum {
  TC_MEMBER_ROLE_MEMBER,
  TC_MEMBER_ROLE_PROJECT_MANAGER,
  TC_MEMBER_ROLE_TEAM_MANAGER,
  TC_MEMBER_ROLE_ADMIN,
  TC_MEMBER_ROLE_OWNER,
} TcMemberRole;

typedef enum {
  TC_MEMBER_STATUS_ACTIVE,
  TC_MEMBER_STATUS_INACTIVE,
  TC_MEMBER_STATUS_PENDING,
  TC_MEMBER_STATUS_DECLINED,
} TcMemberStatus;

#define TC_TYPE_MEMBER_ROLE   (tc_member_role_get_type ())
#define TC_TYPE_MEMBER_STATUS (tc_member_status_get_type ())
GType tc_member_role_get_type   (void);
GType tc_member_status_get_type (void);

/* OWNER, WORKSPACE_ADMIN, TEAM_MANAGER, PROJECT_MANAGER; anything else is
 * a plain member. */
TcMemberRole   tc_member_role_from_wire   (const char *wire);
/* FALSE for an unknown status. */
gboolean       tc_member_status_from_wire (const char     *wire,
                                           TcMemberStatus *out_status);
const char    *tc_member_status_to_wire   (TcMemberStatus  status);

/* Working days as a mask of 1 << TcDay. */
#define TC_DAYS_ALL ((1u << TC_N_DAYS) - 1)
guint          tc_days_mask_from_strv     (const char * const *days,
                                           GError            **error);
char         **tc_days_mask_to_strv       (guint               mask);

#define TC_TYPE_MEMBER (tc_member_get_type ())

G_DECLARE_FINAL_TYPE (TcMember, tc_member, TC, MEMBER, GObject)

TcMember       *tc_member_new_from_json    (JsonObject   *object,
                                            GError      **error);
const char     *tc_member_get_id           (TcMember     *self);
const char     *tc_member_get_name         (TcMember     *self);
const char     *tc_member_get_email        (TcMember     *self);
const char     *tc_member_get_profile_picture (TcMember  *self);
const char     *tc_member_get_display_name (TcMember     *self);
/* g_utf8_collate_key() of the display name, for sorting by name. */
const char     *tc_member_get_sort_key     (TcMember     *self);
/* The name and the email, casefolded (g_utf8_casefold()), between them a
 * newline: a casefolded search text is found in it with strstr(). */
const char     *tc_member_get_search_key   (TcMember     *self);
TcMemberRole    tc_member_get_role         (TcMember     *self);
TcMemberStatus  tc_member_get_status       (TcMember     *self);
void            tc_member_set_status       (TcMember     *self,
                                            TcMemberStatus status);
gint64          tc_member_get_work_capacity (TcMember    *self);
void            tc_member_set_work_capacity (TcMember    *self,
                                             gint64       seconds);
guint           tc_member_get_working_days (TcMember     *self);
void            tc_member_set_working_days (TcMember     *self,
                                            guint         mask);

G_END_DECLS
