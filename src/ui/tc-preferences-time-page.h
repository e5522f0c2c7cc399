/* tc-preferences-time-page.h — time zone, formats, day and week start
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_PREFERENCES_TIME_PAGE (tc_preferences_time_page_get_type ())

G_DECLARE_FINAL_TYPE (TcPreferencesTimePage, tc_preferences_time_page, TC, PREFERENCES_TIME_PAGE, AdwPreferencesPage)

GtkWidget *tc_preferences_time_page_new         (void);
void       tc_preferences_time_page_set_session (TcPreferencesTimePage *self,
                                                  TcSession              *session);

G_END_DECLS
