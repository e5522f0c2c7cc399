/* tc-profile-format.h — dates as the profile says to write them
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-user-settings.h"

G_BEGIN_DECLS

/* "MM/DD/YYYY" (a TcUserSettings:date-format) → "%m/%d/%Y". */
char *tc_profile_format_date_pattern (const char     *pattern);
/* @date in the local time zone, written in @settings' date format (the
 * locale's when @settings is NULL): not the interface language's. */
char *tc_profile_format_date         (TcUserSettings *settings,
                                      GDateTime      *date);

G_END_DECLS
