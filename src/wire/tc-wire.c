/* tc-wire.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-wire.h"

static const char * const day_names[TC_N_DAYS] = {
  "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY",
};

static const char * const plan_names[] = {
  "FREE", "BASIC", "STANDARD", "PRO", "ENTERPRISE",
};

static const char * const webhook_events[] = {
  "NEW_PROJECT",
  "NEW_TASK",
  "NEW_CLIENT",
  "NEW_TIMER_STARTED",
  "TIMER_STOPPED",
  "TIME_ENTRY_UPDATED",
  "TIME_ENTRY_DELETED",
  "TIME_ENTRY_SPLIT",
  "NEW_TIME_ENTRY",
  "TIME_ENTRY_RESTORED",
  "NEW_TAG",
  "USER_DELETED_FROM_WORKSPACE",
  "USER_JOINED_WORKSPACE",
  "USER_DEACTIVATED_ON_WORKSPACE",
  "USER_ACTIVATED_ON_WORKSPACE",
  "USER_EMAIL_CHANGED",
  "USER_UPDATED",
  "NEW_INVOICE",
  "INVOICE_UPDATED",
  "NEW_APPROVAL_REQUEST",
  "APPROVAL_REQUEST_STATUS_UPDATED",
  "TIME_OFF_REQUESTED",
  "TIME_OFF_REQUEST_UPDATED",
  "TIME_OFF_REQUEST_APPROVED",
  "TIME_OFF_REQUEST_REJECTED",
  "TIME_OFF_REQUEST_STARTED",
  "TIME_OFF_REQUEST_WITHDRAWN",
  "BALANCE_UPDATED",
  "TAG_UPDATED",
  "TAG_DELETED",
  "TASK_UPDATED",
  "CLIENT_UPDATED",
  "TASK_DELETED",
  "CLIENT_DELETED",
  "EXPENSE_RESTORED",
  "ASSIGNMENT_CREATED",
  "ASSIGNMENT_DELETED",
  "ASSIGNMENT_PUBLISHED",
  "ASSIGNMENT_UPDATED",
  "EXPENSE_CREATED",
  "EXPENSE_DELETED",
  "EXPENSE_UPDATED",
  "PROJECT_UPDATED",
  "PROJECT_DELETED",
  "USER_GROUP_CREATED",
  "USER_GROUP_UPDATED",
  "USER_GROUP_DELETED",
  "USERS_INVITED_TO_WORKSPACE",
  "LIMITED_USERS_ADDED_TO_WORKSPACE",
  "COST_RATE_UPDATED",
  "BILLABLE_RATE_UPDATED",
  NULL
};

static const char * const webhook_trigger_types[] = {
  "PROJECT_ID", "USER_ID", "TAG_ID", "TASK_ID", "WORKSPACE_ID",
  "ASSIGNMENT_ID", "EXPENSE_ID", NULL
};

static const char * const date_formats[] = {
  "MM/DD/YYYY", "DD/MM/YYYY", "DD-MM-YYYY", "MM-DD-YYYY", "YYYY-MM-DD",
  "DD.MM.YYYY", NULL
};

static const char * const time_formats[] = { "HOUR12", "HOUR24", NULL };

static const char * const themes[] = { "DEFAULT", "DARK", NULL };

const char *
tc_day_to_wire (TcDay day)
{
  g_return_val_if_fail (day >= TC_DAY_MONDAY && day < TC_N_DAYS, NULL);

  return day_names[day];
}

TcDay
tc_day_from_wire (const char *wire)
{
  if (wire == NULL)
    return TC_DAY_INVALID;

  for (guint i = 0; i < TC_N_DAYS; i++)
    if (g_ascii_strcasecmp (wire, day_names[i]) == 0)
      return (TcDay) i;

  return TC_DAY_INVALID;
}

const char *
tc_plan_to_wire (TcPlan plan)
{
  g_return_val_if_fail (plan <= TC_PLAN_ENTERPRISE, NULL);

  return plan_names[plan];
}

/* Live values may carry a suffix ("STANDARD_2021"); null means FREE. */
TcPlan
tc_plan_from_wire (const char *wire)
{
  if (wire == NULL)
    return TC_PLAN_FREE;

  for (guint i = G_N_ELEMENTS (plan_names); i > 0; i--)
    {
      const char *name = plan_names[i - 1];
      gsize len = strlen (name);

      if (g_ascii_strncasecmp (wire, name, len) == 0 &&
          (wire[len] == '\0' || wire[len] == '_'))
        return (TcPlan) (i - 1);
    }

  return TC_PLAN_FREE;
}

gboolean
tc_wire_string_in (const char * const *values,
                   const char         *value)
{
  if (value == NULL)
    return FALSE;

  for (guint i = 0; values[i] != NULL; i++)
    if (strcmp (values[i], value) == 0)
      return TRUE;

  return FALSE;
}

const char * const *
tc_wire_webhook_events (void)
{
  return webhook_events;
}

gboolean
tc_wire_is_webhook_event (const char *event)
{
  return tc_wire_string_in (webhook_events, event);
}

const char * const *
tc_wire_webhook_trigger_types (void)
{
  return webhook_trigger_types;
}

gboolean
tc_wire_is_webhook_trigger_type (const char *type)
{
  return tc_wire_string_in (webhook_trigger_types, type);
}

const char * const *
tc_wire_date_formats (void)
{
  return date_formats;
}

const char * const *
tc_wire_time_formats (void)
{
  return time_formats;
}

const char * const *
tc_wire_themes (void)
{
  return themes;
}

static gboolean
length_between (const char *text,
                glong       min_chars,
                glong       max_chars)
{
  glong len;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  len = g_utf8_strlen (text, -1);
  return len >= min_chars && len <= max_chars;
}

gboolean
tc_wire_has_control_chars (const char *text,
                           gboolean    allow_line_breaks)
{
  if (text == NULL)
    return FALSE;

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (allow_line_breaks && (*p == '\t' || *p == '\n' || *p == '\r'))
        continue;
      if (*p < 0x20 || *p == 0x7f)
        return TRUE;
    }
  return FALSE;
}

/* A name must have 1..100 characters, no control characters (line breaks
 * included) and not be only white space. */
gboolean
tc_wire_validate_name (const char *name)
{
  g_autofree char *stripped = NULL;

  if (!length_between (name, 1, TC_WIRE_NAME_MAX_CHARS) ||
      tc_wire_has_control_chars (name, FALSE))
    return FALSE;

  stripped = g_strstrip (g_strdup (name));
  return stripped[0] != '\0';
}

/* Deliberately simple: one @, a non-empty local part, a dotted domain
 * without spaces. The confirmation mail is the real check. */
gboolean
tc_wire_validate_email (const char *email)
{
  const char *at;
  const char *dot;

  if (!length_between (email, 3, TC_WIRE_EMAIL_MAX_CHARS) ||
      tc_wire_has_control_chars (email, FALSE))
    return FALSE;

  for (const char *p = email; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

gboolean
tc_wire_validate_employee_id (const char *employee_id)
{
  return length_between (employee_id, 0, TC_WIRE_EMPLOYEE_ID_MAX_CHARS) &&
         !tc_wire_has_control_chars (employee_id, FALSE);
}

gboolean
tc_wire_validate_webhook_name (const char *name)
{
  return length_between (name, TC_WIRE_WEBHOOK_NAME_MIN_CHARS,
                         TC_WIRE_WEBHOOK_NAME_MAX_CHARS) &&
         !tc_wire_has_control_chars (name, FALSE);
}

gboolean
tc_wire_validate_id (const char *id)
{
  if (id == NULL || strlen (id) != TC_WIRE_ID_LENGTH)
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

gboolean
tc_wire_validate_time_of_day (const char *hh_mm)
{
  if (hh_mm == NULL || strlen (hh_mm) != 5 || hh_mm[2] != ':')
    return FALSE;

  if (!g_ascii_isdigit (hh_mm[0]) || !g_ascii_isdigit (hh_mm[1]) ||
      !g_ascii_isdigit (hh_mm[3]) || !g_ascii_isdigit (hh_mm[4]))
    return FALSE;

  return (hh_mm[0] - '0') * 10 + (hh_mm[1] - '0') < 24 &&
         (hh_mm[3] - '0') * 10 + (hh_mm[4] - '0') < 60;
}

/* Two or three ASCII letters, optionally followed by _REGION ("PT_BR"). */
gboolean
tc_wire_validate_language (const char *lang)
{
  gsize i = 0;
  gsize region = 0;

  if (lang == NULL)
    return FALSE;

  while (g_ascii_isalpha (lang[i]))
    i++;
  if (i < 2 || i > 3)
    return FALSE;
  if (lang[i] == '\0')
    return TRUE;
  if (lang[i] != '_' && lang[i] != '-')
    return FALSE;

  for (i++; g_ascii_isalnum (lang[i]); i++)
    region++;

  return lang[i] == '\0' && region >= 2 && region <= 8;
}

/* A dotted-quad IPv4 literal in 127.0.0.0/8; "127.evil.example" is a
 * name, not an address. */
static gboolean
is_ipv4_loopback_literal (const char *host)
{
  const char *p = host;

  for (guint part = 0; part < 4; part++)
    {
      guint value = 0, digits = 0;

      while (g_ascii_isdigit (*p) && digits < 4)
        {
          value = value * 10 + (guint) (*p - '0');
          digits++;
          p++;
        }
      if (digits == 0 || digits > 3 || value > 255 || (part == 0 && value != 127))
        return FALSE;
      if (part < 3 && *p++ != '.')
        return FALSE;
    }
  return *p == '\0';
}

gboolean
tc_wire_is_loopback_host (const char *host)
{
  if (host == NULL)
    return FALSE;

  return g_ascii_strcasecmp (host, "localhost") == 0 ||
         is_ipv4_loopback_literal (host) ||
         strcmp (host, "::1") == 0 ||
         strcmp (host, "[::1]") == 0;
}

static gboolean
validate_http_url (const char *url,
                   gboolean    require_path_free_host)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return FALSE;
  if (g_uri_get_userinfo (uri) != NULL && require_path_free_host)
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  return g_ascii_strcasecmp (scheme, "http") == 0 && tc_wire_is_loopback_host (host);
}

/* HTTPS everywhere; plain HTTP only to loopback (the embedded service). */
gboolean
tc_wire_validate_server_url (const char *url)
{
  return validate_http_url (url, TRUE);
}

gboolean
tc_wire_validate_webhook_url (const char *url)
{
  return validate_http_url (url, FALSE);
}

gboolean
tc_wire_parse_duration (const char *iso,
                        gint64     *out_seconds)
{
  const char *p = iso;
  gint64 total = 0;
  gboolean any = FALSE;
  char last_unit = 0;

  if (iso == NULL || strncmp (iso, "PT", 2) != 0)
    return FALSE;

  p += 2;
  while (*p)
    {
      gint64 value = 0;
      const char *start = p;
      char unit;

      while (g_ascii_isdigit (*p))
        {
          if (value > G_MAXINT32)
            return FALSE;
          value = value * 10 + (*p - '0');
          p++;
        }
      if (p == start)
        return FALSE;

      unit = *p++;
      if (unit == 'H' && last_unit == 0)
        total += value * 3600;
      else if (unit == 'M' && (last_unit == 0 || last_unit == 'H'))
        total += value * 60;
      else if (unit == 'S' && last_unit != 'S')
        total += value;
      else
        return FALSE;

      last_unit = unit;
      any = TRUE;
    }

  if (!any)
    return FALSE;

  if (out_seconds != NULL)
    *out_seconds = total;
  return TRUE;
}

char *
tc_wire_format_duration (gint64 seconds)
{
  GString *str;
  gint64 hours, minutes, secs;

  g_return_val_if_fail (seconds >= 0, NULL);

  if (seconds == 0)
    return g_strdup ("PT0M");

  hours = seconds / 3600;
  minutes = (seconds % 3600) / 60;
  secs = seconds % 60;

  str = g_string_new ("PT");
  if (hours > 0)
    g_string_append_printf (str, "%" G_GINT64_FORMAT "H", hours);
  if (minutes > 0)
    g_string_append_printf (str, "%" G_GINT64_FORMAT "M", minutes);
  if (secs > 0)
    g_string_append_printf (str, "%" G_GINT64_FORMAT "S", secs);

  return g_string_free (str, FALSE);
}

static const char * const employment_types[] = { "FULL_TIME", "PART_TIME", NULL };
static const char * const membership_statuses[] = {
  "ACTIVE", "INACTIVE", "PENDING", "DECLINED", NULL
};
static const char * const custom_field_types[] = {
  "TXT", "NUMBER", "DROPDOWN_SINGLE", "DROPDOWN_MULTIPLE", "CHECKBOX", "LINK", NULL
};
static const char * const custom_field_statuses[] = {
  "VISIBLE", "INVISIBLE", "INACTIVE", NULL
};

gboolean
tc_wire_validate_time_zone (const char *tz)
{
  GTimeZone *zone;

  if (tz == NULL || tz[0] == '\0' || strlen (tz) > 64)
    return FALSE;
  if (strcmp (tz, "UTC") == 0)
    return TRUE;

  /* GLib falls back to UTC for a name it cannot find. */
  zone = g_time_zone_new_identifier (tz);
  if (zone == NULL)
    return FALSE;
  g_time_zone_unref (zone);
  return TRUE;
}

const char * const *
tc_wire_employment_types (void)
{
  return employment_types;
}

const char * const *
tc_wire_membership_statuses (void)
{
  return membership_statuses;
}

const char * const *
tc_wire_custom_field_types (void)
{
  return custom_field_types;
}

const char * const *
tc_wire_custom_field_statuses (void)
{
  return custom_field_statuses;
}

guint
tc_wire_webhook_limit_workspace (TcPlan plan)
{
  switch (plan)
    {
    case TC_PLAN_FREE:
      return 3;
    case TC_PLAN_ENTERPRISE:
      return 300;
    case TC_PLAN_BASIC:
    case TC_PLAN_STANDARD:
    case TC_PLAN_PRO:
    default:
      return 100;
    }
}

guint
tc_wire_webhook_limit_user (TcPlan plan)
{
  switch (plan)
    {
    case TC_PLAN_FREE:
      return 0;
    case TC_PLAN_ENTERPRISE:
      return 100;
    case TC_PLAN_BASIC:
    case TC_PLAN_STANDARD:
    case TC_PLAN_PRO:
    default:
      return 10;
    }
}
