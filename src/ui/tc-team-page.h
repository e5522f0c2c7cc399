/* tc-team-page.h — the workspace's members, for Owners and Admins
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties: session (TcSession), can-manage (read-only: the signed-in
 * user is an Owner or Admin of the active workspace; others see a page
 * that explains itself).
 * Actions: team.edit-member(s id), team.activate-member(s id),
 * team.deactivate-member(s id), team.bulk-edit, team.reload,
 * team.focus-search (Ctrl+F).
 */

#pragma once

#include <adwaita.h>

#include "tc-member-list.h"
#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_TEAM_PAGE (tc_team_page_get_type ())

G_DECLARE_FINAL_TYPE (TcTeamPage, tc_team_page, TC, TEAM_PAGE, GtkWidget)

GtkWidget    *tc_team_page_new             (void);
TcSession    *tc_team_page_get_session     (TcTeamPage *self);
void          tc_team_page_set_session     (TcTeamPage *self,
                                            TcSession  *session);
gboolean      tc_team_page_get_can_manage  (TcTeamPage *self);
/* The loaded members (NULL before a session); for tests and benchmarks. */
TcMemberList *tc_team_page_get_member_list (TcTeamPage *self);
/* The members as shown: filtered and sorted. */
GListModel   *tc_team_page_get_shown       (TcTeamPage *self);
GtkSelectionModel *tc_team_page_get_selection (TcTeamPage *self);
/* The editor that is open, or NULL. */
GtkWindow    *tc_team_page_get_editor      (TcTeamPage *self);
/* Whether an open editor or bulk editor of this page follows the queued
 * edit @uuid (and says itself how it went). */
gboolean      tc_team_page_follows_edit    (TcTeamPage *self,
                                            const char *uuid);

G_END_DECLS
