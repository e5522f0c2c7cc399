/* tc-member-profile.h — a member's profile as an admin edits it
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET/PATCH /v1/workspaces/{ws}/member-profile/{userId}.
 * Properties (notified only on change):
 *   read-only: user-id, email, name, image-url, has-password,
 *     has-pending-approval-request, workspace-number;
 *   read-write (an editor's copy changes them, then builds the PATCH):
 *     week-start (string MONDAY…SUNDAY), work-capacity (seconds),
 *     working-days (mask of 1 << TcDay), employee-id (string or NULL),
 *     employment-type (FULL_TIME or PART_TIME, NULL when the server lacks
 *     the extension).
 * Custom field values are kept by field id as JsonNodes
 * (tc_member_profile_get_custom_value()).
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tc-api-client.h"

G_BEGIN_DECLS

#define TC_TYPE_MEMBER_PROFILE (tc_member_profile_get_type ())

G_DECLARE_FINAL_TYPE (TcMemberProfile, tc_member_profile, TC, MEMBER_PROFILE, GObject)

TcMemberProfile *tc_member_profile_new_from_json (const char       *user_id,
                                                  JsonObject       *object,
                                                  GError          **error);
/* A deep copy: the editor edits a copy and compares it with the original. */
TcMemberProfile *tc_member_profile_copy          (TcMemberProfile  *self);

const char  *tc_member_profile_get_user_id       (TcMemberProfile  *self);
const char  *tc_member_profile_get_email         (TcMemberProfile  *self);
const char  *tc_member_profile_get_name          (TcMemberProfile  *self);
const char  *tc_member_profile_get_image_url     (TcMemberProfile  *self);
gboolean     tc_member_profile_get_has_password  (TcMemberProfile  *self);
gboolean     tc_member_profile_get_has_pending_approval_request (TcMemberProfile *self);
gint64       tc_member_profile_get_workspace_number (TcMemberProfile *self);

const char  *tc_member_profile_get_week_start    (TcMemberProfile  *self);
void         tc_member_profile_set_week_start    (TcMemberProfile  *self,
                                                  const char       *week_start);
gint64       tc_member_profile_get_work_capacity (TcMemberProfile  *self);
void         tc_member_profile_set_work_capacity (TcMemberProfile  *self,
                                                  gint64            seconds);
guint        tc_member_profile_get_working_days  (TcMemberProfile  *self);
void         tc_member_profile_set_working_days  (TcMemberProfile  *self,
                                                  guint             mask);
const char  *tc_member_profile_get_employee_id   (TcMemberProfile  *self);
void         tc_member_profile_set_employee_id   (TcMemberProfile  *self,
                                                  const char       *employee_id);
const char  *tc_member_profile_get_employment_type (TcMemberProfile *self);
void         tc_member_profile_set_employment_type (TcMemberProfile *self,
                                                    const char      *employment_type);

/* Borrowed; NULL when the member has no value for @field_id. */
JsonNode    *tc_member_profile_get_custom_value  (TcMemberProfile  *self,
                                                  const char       *field_id);
/* @value NULL removes the value. Emits "custom-value-changed" (field id). */
void         tc_member_profile_set_custom_value  (TcMemberProfile  *self,
                                                  const char       *field_id,
                                                  JsonNode         *value);

/* The PATCH body turning @original into @edited: only the members that
 * differ (custom values as userCustomFields [{customFieldId, value}]).
 * Empty object when nothing changed. */
JsonObject  *tc_member_profile_build_patch       (TcMemberProfile  *original,
                                                  TcMemberProfile  *edited);
/* TRUE when @patch changes weekStart or workingDays: the server emails
 * the member about those (rule 6). */
gboolean     tc_member_profile_patch_notifies    (JsonObject       *patch);

void             tc_member_profile_load_async    (TcApiClient        *client,
                                                  const char         *workspace_id,
                                                  const char         *user_id,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
TcMemberProfile *tc_member_profile_load_finish   (GAsyncResult       *result,
                                                  GError            **error);

G_END_DECLS
