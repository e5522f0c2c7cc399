/* tc-preferences-page.h — General, Time and Email notifications
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_PREFERENCES_PAGE (tc_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (TcPreferencesPage, tc_preferences_page, TC, PREFERENCES_PAGE, AdwBin)

GtkWidget    *tc_preferences_page_new            (void);
TcSession    *tc_preferences_page_get_session    (TcPreferencesPage *self);
void          tc_preferences_page_set_session    (TcPreferencesPage *self,
                                                  TcSession         *session);
/* The stack of tabs ("general", "time", "email", "api-keys"), for a view
 * switcher. */
AdwViewStack *tc_preferences_page_get_view_stack (TcPreferencesPage *self);

G_END_DECLS
