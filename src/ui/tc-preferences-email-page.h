/* tc-preferences-email-page.h — the email notification toggles
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_PREFERENCES_EMAIL_PAGE (tc_preferences_email_page_get_type ())

G_DECLARE_FINAL_TYPE (TcPreferencesEmailPage, tc_preferences_email_page, TC, PREFERENCES_EMAIL_PAGE, AdwPreferencesPage)

GtkWidget *tc_preferences_email_page_new         (void);
void       tc_preferences_email_page_set_session (TcPreferencesEmailPage *self,
                                                  TcSession              *session);

G_END_DECLS
