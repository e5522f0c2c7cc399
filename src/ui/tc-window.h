/* tc-window.h
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tc-application.h"
#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_WINDOW (tc_window_get_type ())

G_DECLARE_FINAL_TYPE (TcWindow, tc_window, TC, WINDOW, AdwApplicationWindow)

TcWindow  *tc_window_new         (TcApplication *application);
/* NULL until an account is open. */
TcSession *tc_window_get_session (TcWindow      *self);
/* The name of the visible page: "welcome", "loading", "error", or once an
 * account is open "profile", "preferences", "team", "webhooks". */
const char *tc_window_get_page   (TcWindow      *self);
void        tc_window_present_when_ready (TcWindow *self);
/* The Team page is for workspace Owners and Admins only: the window shows
 * its row while the active workspace's caller-is-admin is TRUE. This
 * overrides that until the next change of role or workspace. */
void        tc_window_set_team_visible (TcWindow *self,
                                        gboolean  visible);

G_END_DECLS
