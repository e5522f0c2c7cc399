/* tc-user-settings.h — the signed-in user's preferences (user.settings)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One READWRITE property per writable member of the settings object of
 * api-contract.md, kebab-case, plus the read-only "multi-factor-enabled":
 *
 *   week-start (string, "MONDAY"…)      time-zone (string, IANA)
 *   time-format ("HOUR12"/"HOUR24")     date-format (string)
 *   lang (string)                       theme ("DEFAULT"/"DARK")
 *   my-start-of-day ("HH:mm")           group-similar-entries-disabled (bool)
 *   collapse-all-project-lists (bool)   project-list-collapse (int)
 *   project-picker-task-filter (bool)   is-compact-view-on (bool)
 *   send-newsletter, weekly-updates, long-running, scheduled-reports,
 *   approval, pto, alerts, reminders, invoice-reminders, scheduling (bool)
 *   multi-factor-enabled (bool, read-only)
 *
 * Writing a property is how a view edits a setting: the TcSession that owns
 * the object turns the write into an outbox entry and sends it (see
 * src/core/README.md). Members the model does not know (dashboard fields…)
 * are kept as they came, so tc_user_settings_to_json() round-trips them.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TC_TYPE_USER_SETTINGS (tc_user_settings_get_type ())

G_DECLARE_FINAL_TYPE (TcUserSettings, tc_user_settings, TC, USER_SETTINGS, GObject)

/* An object with no member set (a user who never finished onboarding). */
TcUserSettings *tc_user_settings_new            (void);
TcUserSettings *tc_user_settings_new_from_json  (JsonObject      *object,
                                                 GError         **error);
/* Decodes all of @object first; only if every member is valid are the
 * values taken, notifying exactly the properties that changed. */
gboolean        tc_user_settings_update_from_json (TcUserSettings *self,
                                                   JsonObject     *object,
                                                   GError        **error);
JsonObject     *tc_user_settings_to_json        (TcUserSettings  *self);

/* The wire member ("timeZone") of a property ("time-zone") and back; NULL
 * for a name that is not a setting. */
const char     *tc_user_settings_property_to_wire (const char *property_name);
const char     *tc_user_settings_wire_to_property (const char *wire_name);

const char     *tc_user_settings_get_week_start       (TcUserSettings *self);
const char     *tc_user_settings_get_time_zone        (TcUserSettings *self);
const char     *tc_user_settings_get_time_format      (TcUserSettings *self);
const char     *tc_user_settings_get_date_format      (TcUserSettings *self);
const char     *tc_user_settings_get_lang             (TcUserSettings *self);
const char     *tc_user_settings_get_theme            (TcUserSettings *self);
const char     *tc_user_settings_get_my_start_of_day  (TcUserSettings *self);
gboolean        tc_user_settings_get_multi_factor_enabled (TcUserSettings *self);

G_END_DECLS
