/* tc-member-list.h — a workspace's members as a GListModel of TcMember
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads GET /v1/workspaces/{ws}/users?include-roles=true&status=ALL page
 * by page until Last-Page (or a short page), appending the members as
 * they arrive (items-changed), so the list is usable while later pages
 * load: the first page at once, then every page, or at most once per
 * update-interval milliseconds (read-write, 0 by default).
 * Properties (read-only, notified on change): workspace-id, loading
 * (bool), n-loaded (uint), complete (bool: the last page arrived, or the
 * whole cached team was shown), stale (bool: the members are the cached
 * ones because the server could not be reached), page-size and cache
 * (construct-only; page-size defaults to 200, cache to none).
 * With a cache, each complete load is stored in it, and a load whose first
 * page fails with TC_API_ERROR_NETWORK shows the cached team instead.
 * Signal: "load-failed" (GError *): a page failed (and, for the first
 * page, nothing was cached); what arrived stays.
 * Signal: "member-notify" (TcMember *, GParamSpec *), detailed by the
 * property's name: a member in the model notified a property. One
 * handler on the list instead of one on each of 10,000 members.
 */

#pragma once

#include <gio/gio.h>

#include "tc-api-client.h"
#include "tc-member.h"
#include "tc-session.h"

G_BEGIN_DECLS

#define TC_TYPE_MEMBER_LIST (tc_member_list_get_type ())

G_DECLARE_FINAL_TYPE (TcMemberList, tc_member_list, TC, MEMBER_LIST, GObject)

TcMemberList *tc_member_list_new              (TcApiClient  *client,
                                               const char   *workspace_id,
                                               guint         page_size);
/* The session's client and cache. */
TcMemberList *tc_member_list_new_for_session  (TcSession    *session,
                                               const char   *workspace_id,
                                               guint         page_size);
const char   *tc_member_list_get_workspace_id (TcMemberList *self);
gboolean      tc_member_list_get_loading      (TcMemberList *self);
gboolean      tc_member_list_get_complete     (TcMemberList *self);
gboolean      tc_member_list_get_stale        (TcMemberList *self);
guint         tc_member_list_get_n_loaded     (TcMemberList *self);
guint         tc_member_list_get_update_interval (TcMemberList *self);
void          tc_member_list_set_update_interval (TcMemberList *self,
                                                  guint         interval_ms);
/* Drops the items and loads from page 1 again (cancels a running load). */
void          tc_member_list_reload           (TcMemberList *self);
/* Stops loading; what arrived stays. */
void          tc_member_list_cancel           (TcMemberList *self);
TcMember     *tc_member_list_find             (TcMemberList *self,
                                               const char   *user_id);

/* The list of users carries no capacity or working days: asks for the
 * member profile of @member (a row that became visible) once the row has
 * stayed on screen a moment, at most a few at a time, newest request
 * first, and sets them on the member. With a cache, details read less
 * than a day ago are reused instead (tc-member-list-details.c). */
void          tc_member_list_request_details  (TcMemberList *self,
                                               TcMember     *member);
/* The row scrolled away: no need for its details any more. */
void          tc_member_list_drop_details     (TcMemberList *self,
                                               TcMember     *member);
/* Drops the details kept in the cache (Refresh): rows ask again. */
void          tc_member_list_forget_details   (TcMemberList *self);

/* The member list of @workspace_id the session keeps (created on first
 * use, the same object afterwards, cached pages and details like
 * tc_member_list_new_for_session()): queued member edits are laid over
 * its TcMember items. The Team page should show this list. Page size 200;
 * not loaded until tc_member_list_reload(). Borrowed. */
TcMemberList *tc_session_get_member_list      (TcSession    *session,
                                               const char   *workspace_id);

G_END_DECLS
