/* tc-preferences-general-page.h — style, language, time entries and projects
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_PREFERENCES_GENERAL_PAGE (tc_preferences_general_page_get_type ())

G_DECLARE_FINAL_TYPE (TcPreferencesGeneralPage, tc_preferences_general_page, TC, PREFERENCES_GENERAL_PAGE, AdwPreferencesPage)

GtkWidget *tc_preferences_general_page_new         (void);
void       tc_preferences_general_page_set_session (TcPreferencesGeneralPage *self,
                                                  TcSession              *session);

G_END_DECLS
