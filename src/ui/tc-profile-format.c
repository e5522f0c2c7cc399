/* tc-profile-format.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile says how dates are written (Preferences › Time); text that
 * shows one follows it, whatever the language of the interface.
 */

#include "config.h"

#include "tc-profile-format.h"

char *
tc_profile_format_date_pattern (const char *pattern)
{
  g_autoptr(GString) format = g_string_new (pattern);

  g_string_replace (format, "YYYY", "%Y", 0);
  g_string_replace (format, "MM", "%m", 0);
  g_string_replace (format, "DD", "%d", 0);
  return g_string_free (g_steal_pointer (&format), FALSE);
}

char *
tc_profile_format_date (TcUserSettings *settings,
                        GDateTime      *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  const char *pattern = settings != NULL ? tc_user_settings_get_date_format (settings) : NULL;
  g_autofree char *format = NULL;

  if (pattern == NULL || pattern[0] == '\0')
    return g_date_time_format (local, "%x");
  format = tc_profile_format_date_pattern (pattern);
  return g_date_time_format (local, format);
}
