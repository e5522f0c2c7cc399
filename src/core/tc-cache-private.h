/* tc-cache-private.h — what the core's models keep in TcCache
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-cache.h"

G_BEGIN_DECLS

/* A workspace's team: the member list JSON as the server sent it (GET
 * /v1/workspaces/{ws}/users, every page), so the Team page opens with the
 * server down. Stored under "team:<workspace id>"; replaces the last one.
 * @pages holds GBytes, each the JSON array one page answered, in order;
 * they are joined as text on the cache's worker (a page that is not an
 * array: G_IO_ERROR_INVALID_DATA, nothing stored). */
void        _tc_cache_store_team_async  (TcCache             *self,
                                         const char          *workspace_id,
                                         GPtrArray           *pages,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    _tc_cache_store_team_finish (TcCache             *self,
                                         GAsyncResult        *result,
                                         GError             **error);
/* The stored team decoded as one page of members
 * (_tc_member_page_decode(), on the cache's worker): a GPtrArray of
 * TcMember, or NULL and no error when the workspace's team was never
 * stored; NULL and TC_API_ERROR_INVALID_RESPONSE when the stored text is
 * not a team. */
void        _tc_cache_load_team_members_async  (TcCache             *self,
                                                const char          *workspace_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *_tc_cache_load_team_members_finish (TcCache             *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* The member details (capacity, working days) read for a workspace's Team
 * page: a JSON object, user id → {"c": capacity seconds, "d": working-day
 * mask, "t": when it was read, Unix seconds}. Stored under
 * "member-details:<workspace id>" on the same worker, so a store is
 * committed before a later load; NULL and no error when never stored. */
void        _tc_cache_store_member_details_async  (TcCache             *self,
                                                   const char          *workspace_id,
                                                   JsonObject          *details);
void        _tc_cache_load_member_details_async   (TcCache             *self,
                                                   const char          *workspace_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
JsonObject *_tc_cache_load_member_details_finish  (TcCache             *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
