/* tc-pending-edit.h — one queued edit of server state, as people see it
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit of server state (settings, own name/email/picture, member
 * profiles, member status) goes through the session's one outbox
 * (src/core/README.md, "The one write path"). tc_session_get_pending()
 * lists them, oldest first, as TcPendingEdit objects: read-only, except
 * the "sending" property, which the session notifies while the edit is on
 * its way.
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TcEditTarget:
 * @TC_EDIT_TARGET_SETTINGS: PATCH /v1/user/settings {field: value}
 * @TC_EDIT_TARGET_USER: PATCH /v1/user {name | email | profilePicture: null}
 * @TC_EDIT_TARGET_PICTURE: POST /v1/file/image with the bytes kept in the
 *   cache, then PATCH /v1/user {profilePicture: url}
 * @TC_EDIT_TARGET_MEMBER_PROFILE: PATCH /v1/workspaces/{ws}/member-profile/{user} {field}
 * @TC_EDIT_TARGET_MEMBER_STATUS: PUT /v1/workspaces/{ws}/users/{user} {status}
 */
typedef enum {
  TC_EDIT_TARGET_SETTINGS,
  TC_EDIT_TARGET_USER,
  TC_EDIT_TARGET_PICTURE,
  TC_EDIT_TARGET_MEMBER_PROFILE,
  TC_EDIT_TARGET_MEMBER_STATUS,
} TcEditTarget;

#define TC_TYPE_PENDING_EDIT (tc_pending_edit_get_type ())

G_DECLARE_FINAL_TYPE (TcPendingEdit, tc_pending_edit, TC, PENDING_EDIT, GObject)

const char  *tc_pending_edit_get_uuid         (TcPendingEdit *self);
TcEditTarget tc_pending_edit_get_target       (TcPendingEdit *self);
/* Member targets; NULL otherwise. */
const char  *tc_pending_edit_get_workspace_id (TcPendingEdit *self);
/* The member's user id for member targets; NULL otherwise. */
const char  *tc_pending_edit_get_object_id    (TcPendingEdit *self);
/* The member's name (or email) when the edit was made; NULL for own edits. */
const char  *tc_pending_edit_get_object_label (TcPendingEdit *self);
/* The wire name: "timeZone", "name", "email", "profilePicture",
 * "weekStart", "workCapacity", "workingDays", "employeeId",
 * "employmentType", "status", or "customField:<id>". */
const char  *tc_pending_edit_get_field        (TcPendingEdit *self);
/* Custom fields: the field's name from the server; NULL otherwise. */
const char  *tc_pending_edit_get_field_label  (TcPendingEdit *self);
/* Borrowed; NULL = no value. */
JsonNode    *tc_pending_edit_get_old_value    (TcPendingEdit *self);
/* Borrowed; NULL = no value (a removed picture). For PICTURE: a string
 * node with the image's content type ("image/png"). */
JsonNode    *tc_pending_edit_get_new_value    (TcPendingEdit *self);
/* TRUE while the edit is on its way (property "sending", notified). */
gboolean     tc_pending_edit_get_sending      (TcPendingEdit *self);

G_END_DECLS
