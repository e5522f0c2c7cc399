/* tc-wire.h — the wire vocabulary shared by the app and timecard-service
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything both sides of the HTTP API must agree on lives here and only
 * here: the Clockify error codes, day and event names, validation limits and
 * the validators themselves. The service enforces these rules; the app uses
 * the same functions to explain them before anyone hits them.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Clockify error codes (the "code" member of an error body, not HTTP status). */
#define TC_WIRE_CODE_AUTH_MISSING    1000  /* none or several auth tokens */
#define TC_WIRE_CODE_VALIDATION       501  /* validation and business rules */
#define TC_WIRE_CODE_NOT_FOUND       3000  /* unknown route or wrong method */
#define TC_WIRE_CODE_BAD_KEY         4003  /* unknown or deleted API key */
#define TC_WIRE_CODE_RATE_LIMITED     429

/* Limits. */
#define TC_WIRE_NAME_MAX_CHARS        100
#define TC_WIRE_EMAIL_MAX_CHARS       254
#define TC_WIRE_EMPLOYEE_ID_MAX_CHARS  50
#define TC_WIRE_WEBHOOK_NAME_MIN_CHARS  2
#define TC_WIRE_WEBHOOK_NAME_MAX_CHARS 30
#define TC_WIRE_API_KEY_NAME_MAX_CHARS 100
#define TC_WIRE_API_KEY_LENGTH         48
#define TC_WIRE_ID_LENGTH              24
#define TC_WIRE_IMAGE_MAX_BYTES       (2 * 1024 * 1024)
#define TC_WIRE_BODY_MAX_BYTES        (1024 * 1024)
#define TC_WIRE_WORK_CAPACITY_MAX_MINUTES (24 * 60)
#define TC_WIRE_PAGE_SIZE_DEFAULT      50
#define TC_WIRE_CUSTOM_FIELDS_MAX      50
#define TC_WIRE_CUSTOM_FIELDS_VISIBLE_MAX 10
/* JSON nesting (arrays and objects) either side reads; the API's own
 * documents stay under 10 levels. */
#define TC_WIRE_JSON_MAX_DEPTH         64
/* A free-form settings object (summaryReportSettings…) as JSON text. */
#define TC_WIRE_SETTINGS_OBJECT_MAX_BYTES (16 * 1024)

/* Requests per second per API key (Clockify's limit) and the burst the
 * service's token bucket holds; beyond them the answer is 429 with
 * Retry-After. The app's client keeps below them (tc-api-origin.c). */
#define TC_WIRE_RATE_LIMIT_PER_SECOND  50
#define TC_WIRE_RATE_LIMIT_BURST      100

/* Plan features. */
#define TC_WIRE_FEATURE_EDIT_MEMBER_PROFILE "EDIT_MEMBER_PROFILE"
#define TC_WIRE_FEATURE_USER_CUSTOM_FIELDS  "USER_CUSTOM_FIELDS"

typedef enum {
  TC_DAY_MONDAY,
  TC_DAY_TUESDAY,
  TC_DAY_WEDNESDAY,
  TC_DAY_THURSDAY,
  TC_DAY_FRIDAY,
  TC_DAY_SATURDAY,
  TC_DAY_SUNDAY,
  TC_N_DAYS,
  TC_DAY_INVALID = -1,
} TcDay;

const char *tc_day_to_wire   (TcDay day);
TcDay       tc_day_from_wire (const char *wire);

typedef enum {
  TC_PLAN_FREE,
  TC_PLAN_BASIC,
  TC_PLAN_STANDARD,
  TC_PLAN_PRO,
  TC_PLAN_ENTERPRISE,
} TcPlan;

const char *tc_plan_to_wire   (TcPlan plan);
TcPlan      tc_plan_from_wire (const char *wire);

/* The 51 values of Clockify's WebhookEvent enum, NULL-terminated. */
const char * const *tc_wire_webhook_events            (void);
gboolean            tc_wire_is_webhook_event          (const char *event);
const char * const *tc_wire_webhook_trigger_types     (void);
gboolean            tc_wire_is_webhook_trigger_type   (const char *type);

/* Settings vocabularies, NULL-terminated. */
const char * const *tc_wire_date_formats (void);
const char * const *tc_wire_time_formats (void);
const char * const *tc_wire_themes       (void);
gboolean            tc_wire_string_in    (const char * const *values,
                                          const char         *value);

/* Validators. Each returns TRUE when the value is acceptable. */
gboolean tc_wire_validate_name        (const char *name);
gboolean tc_wire_validate_email       (const char *email);
gboolean tc_wire_validate_employee_id (const char *employee_id);
gboolean tc_wire_validate_webhook_name (const char *name);
gboolean tc_wire_validate_id          (const char *id);
gboolean tc_wire_validate_time_of_day (const char *hh_mm);
gboolean tc_wire_validate_language    (const char *lang);
gboolean tc_wire_is_loopback_host     (const char *host);
gboolean tc_wire_validate_server_url  (const char *url);
gboolean tc_wire_validate_webhook_url (const char *url);

/* Control characters: U+0000–U+001F and U+007F. With @allow_line_breaks,
 * tab, LF and CR are let through. TRUE when @text holds one the rule
 * refuses. */
gboolean tc_wire_has_control_chars   (const char *text,
                                      gboolean    allow_line_breaks);

#define TC_WIRE_ERROR (tc_wire_error_quark ())

typedef enum {
  TC_WIRE_ERROR_TOO_DEEP,
} TcWireError;

GQuark   tc_wire_error_quark (void);

/* A linear pre-scan of JSON text before any recursive parser sees it:
 * FALSE with TC_WIRE_ERROR_TOO_DEEP when arrays and objects nest deeper
 * than @max_depth. Strings (with their escapes) are skipped correctly;
 * anything else malformed is left to the parser. */
gboolean tc_wire_json_check_depth (const char  *data,
                                   gsize        len,
                                   guint        max_depth,
                                   GError     **error);
/* json-glib ends a string at its first U+0000, silently. This rewrites
 * every "\u0000" escape inside a string of @data, in place, as "\u0001"
 * (same length), which the control character rule then refuses with the
 * member named. Returns how many it rewrote. */
gsize    tc_wire_json_replace_nul_escapes (char  *data,
                                           gsize  len);

/* ISO-8601 durations limited to what capacities use: PT#H#M#S.
 * Returns FALSE on anything else. */
gboolean tc_wire_parse_duration  (const char *iso,
                                  gint64     *out_seconds);
char    *tc_wire_format_duration (gint64      seconds);

G_END_DECLS

/* Appended for timecard-service (issue 3); the app may use them too. */

/* An IANA zone name GLib knows ("Europe/Paris", "UTC"). */
gboolean            tc_wire_validate_time_zone        (const char *tz);
/* FULL_TIME, PART_TIME (member profile ext employmentType). */
const char * const *tc_wire_employment_types          (void);
/* Membership status on a workspace: ACTIVE, INACTIVE, PENDING, DECLINED. */
const char * const *tc_wire_membership_statuses       (void);
/* TXT, NUMBER, DROPDOWN_SINGLE, DROPDOWN_MULTIPLE, CHECKBOX, LINK. */
const char * const *tc_wire_custom_field_types        (void);
/* VISIBLE, INVISIBLE, INACTIVE. */
const char * const *tc_wire_custom_field_statuses     (void);
/* Webhooks allowed on @plan: per workspace, and per user (0: no per-user
 * limit). FREE 3/–, BASIC…PRO 100/10, ENTERPRISE 300/100. */
guint               tc_wire_webhook_limit_workspace   (TcPlan      plan);
guint               tc_wire_webhook_limit_user        (TcPlan      plan);
