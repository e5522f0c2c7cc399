/* tc-user.h — the signed-in user (GET /v1/user)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TC_TYPE_USER (tc_user_get_type ())

G_DECLARE_FINAL_TYPE (TcUser, tc_user, TC, USER, GObject)

TcUser     *tc_user_new_from_json          (JsonObject  *object,
                                            GError     **error);
/* Decodes @object and, only if all of it is valid, takes its values,
 * notifying each property that changed. */
gboolean    tc_user_update_from_json       (TcUser      *self,
                                            JsonObject  *object,
                                            GError     **error);
JsonObject *tc_user_to_json                (TcUser      *self);

const char *tc_user_get_id                 (TcUser      *self);
const char *tc_user_get_email              (TcUser      *self);
/* NULL for a user who never finished onboarding. */
const char *tc_user_get_name               (TcUser      *self);
const char *tc_user_get_profile_picture    (TcUser      *self);
const char *tc_user_get_active_workspace   (TcUser      *self);
const char *tc_user_get_default_workspace  (TcUser      *self);
const char *tc_user_get_status             (TcUser      *self);
const char *tc_user_get_pending_email      (TcUser      *self);
/* The name, or the email when there is no name: what a person is called. */
const char *tc_user_get_display_name       (TcUser      *self);

G_END_DECLS
