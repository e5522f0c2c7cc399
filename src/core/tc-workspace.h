/* tc-workspace.h — one workspace of the user (GET /v1/workspaces)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only properties: id, name, image-url, plan (the wire code as sent,
 * e.g. "STANDARD_2021"; NULL means FREE), features (strv), week-start
 * (workspaceSettings.weekStart, ext; NULL when the server lacks it),
 * caller-role (the signed-in user's highest role here: OWNER,
 * WORKSPACE_ADMIN, TEAM_MANAGER, PROJECT_MANAGER; NULL for a plain member
 * or while unknown), caller-is-admin (bool: OWNER or WORKSPACE_ADMIN).
 * The caller's role is not in the workspace JSON: the session learns it
 * from the workspace's user list and sets it.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tc-wire.h"

G_BEGIN_DECLS

#define TC_TYPE_WORKSPACE (tc_workspace_get_type ())

G_DECLARE_FINAL_TYPE (TcWorkspace, tc_workspace, TC, WORKSPACE, GObject)

TcWorkspace        *tc_workspace_new_from_json    (JsonObject   *object,
                                                   GError      **error);
gboolean            tc_workspace_update_from_json (TcWorkspace  *self,
                                                   JsonObject   *object,
                                                   GError      **error);
JsonObject         *tc_workspace_to_json          (TcWorkspace  *self);

const char         *tc_workspace_get_id           (TcWorkspace  *self);
const char         *tc_workspace_get_name         (TcWorkspace  *self);
const char         *tc_workspace_get_image_url    (TcWorkspace  *self);
const char         *tc_workspace_get_plan         (TcWorkspace  *self);
/* The plan without its suffix: STANDARD_2021 → TC_PLAN_STANDARD. */
TcPlan              tc_workspace_get_plan_tier    (TcWorkspace  *self);
const char * const *tc_workspace_get_features     (TcWorkspace  *self);
gboolean            tc_workspace_has_feature      (TcWorkspace  *self,
                                                   const char   *feature);
const char         *tc_workspace_get_week_start   (TcWorkspace  *self);
const char         *tc_workspace_get_caller_role  (TcWorkspace  *self);
gboolean            tc_workspace_get_caller_is_admin (TcWorkspace *self);
/* For the session: what the server says the signed-in user is here. */
void                tc_workspace_set_caller_role  (TcWorkspace  *self,
                                                   const char   *role);

/* Decodes a JSON array of workspaces into a new list of TcWorkspace. */
GListModel         *tc_workspace_list_new_from_json (JsonArray  *array,
                                                     GError    **error);

G_END_DECLS
