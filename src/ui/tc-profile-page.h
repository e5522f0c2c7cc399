/* tc-profile-page.h
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_PROFILE_PAGE (tc_profile_page_get_type ())

G_DECLARE_FINAL_TYPE (TcProfilePage, tc_profile_page, TC, PROFILE_PAGE, AdwBin)

GtkWidget *tc_profile_page_new         (void);
TcSession *tc_profile_page_get_session (TcProfilePage *self);
void       tc_profile_page_set_session (TcProfilePage *self,
                                        TcSession     *session);
/* What the Change Picture and Remove Picture buttons do once a file is
 * chosen or the removal confirmed; failures are shown as toasts. */
void       tc_profile_page_upload_picture (TcProfilePage *self,
                                           GFile         *file);
void       tc_profile_page_remove_picture (TcProfilePage *self);

G_END_DECLS
