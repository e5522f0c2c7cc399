/* tc-session.h — one signed-in account: its client, models and sync engine
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties (all read-only, notified only on change):
 *   account, client, user (TcUser), settings (TcUserSettings),
 *   workspaces (GListModel of TcWorkspace, the same object for the
 *   session's life), active-workspace (TcWorkspace or NULL),
 *   active-workspace-name (string), key-in-memory (bool),
 *   offline (bool: the server cannot be reached right now),
 *   stale (bool: what the models show came from the cache),
 *   pending-edits (uint: edits in the outbox not yet accepted),
 *   can-edit-profile (bool: PATCH /v1/user exists on this server),
 *   can-edit-settings (bool: PATCH /v1/user/settings exists),
 *   local-workspace-choice (bool: the server has no workspace routes
 *   (Clockify), so the active workspace is chosen on this computer and
 *   kept in the account's cache, and leaving happens on the web).
 *   The two can-edit-* start TRUE and turn FALSE when the server answers
 *   that route with 404 code 3000 or 405 (TC_API_ERROR_UNSUPPORTED): show
 *   the values read-only with "Edit on the web".
 *
 * Editing settings: write a property of tc_session_get_settings() (bind it
 * bidirectionally). The session writes {field, base, value} to the outbox
 * in its cache, then sends PATCH /v1/user/settings {field: value}, in
 * order. Signals:
 *   edit-refused (const char *field, GError *error): the server refused the
 *     edit (validation, permission, unsupported); the property is back at
 *     the server's value and error->message is the server's reason.
 *   edit-conflict (const char *field, GVariant *server_value,
 *     GVariant *local_value): the value changed on the server since the
 *     edit was made; the server's value is kept and shown, the edit is
 *     dropped. Writing the property again ("keep mine") makes a new edit.
 *   @field is the property name ("time-zone"). The GVariants are "s", "b"
 *   or "x" (or "ms" nothing for a member the server does not have).
 * Offline edits stay queued and are sent when the network returns
 * (GNetworkMonitor) or by a retry timer with back-off.
 *
 * Every other edit of server state goes through the same outbox
 * (tc_session_set_name() … tc_session_set_member_status() below); each
 * edit leaving it emits
 *   edit-resolved (TcPendingEdit *edit, GError *error): error NULL: the
 *     server accepted it; TC_API_ERROR_* (VALIDATION, FORBIDDEN, …):
 *     refused, error->message is the server's reason and the models are
 *     back at the server's value; TC_API_ERROR_CONFLICT: the value changed
 *     on the server meanwhile, nothing was sent and the server's value
 *     stays; G_IO_ERROR_CANCELLED: discarded (tc_session_discard_edit()).
 *   Settings edits also keep edit-refused / edit-conflict above.
 */

#pragma once

#include <gio/gio.h>

#include "tc-account.h"
#include "tc-api-client.h"
#include "tc-member.h"
#include "tc-member-profile.h"
#include "tc-pending-edit.h"
#include "tc-user.h"
#include "tc-user-settings.h"
#include "tc-workspace.h"

G_BEGIN_DECLS

#define TC_TYPE_SESSION (tc_session_get_type ())

G_DECLARE_FINAL_TYPE (TcSession, tc_session, TC, SESSION, GObject)

/* The session's cache lives in $XDG_DATA_HOME/timecard/cache-<hash>.db,
 * one per account; it is opened on a worker thread. */
TcSession      *tc_session_new                 (TcAccount           *account,
                                                TcApiClient         *client);
TcAccount      *tc_session_get_account         (TcSession           *self);
TcApiClient    *tc_session_get_client          (TcSession           *self);
/* NULL until the first refresh (from the server or the cache). */
TcUser         *tc_session_get_user            (TcSession           *self);
TcUserSettings *tc_session_get_settings        (TcSession           *self);
GListModel     *tc_session_get_workspaces      (TcSession           *self);
TcWorkspace    *tc_session_get_active_workspace (TcSession          *self);
const char     *tc_session_get_active_workspace_name (TcSession     *self);
gboolean        tc_session_get_offline         (TcSession           *self);
gboolean        tc_session_get_stale           (TcSession           *self);
guint           tc_session_get_pending_edits   (TcSession           *self);
gboolean        tc_session_get_can_edit_profile  (TcSession         *self);
gboolean        tc_session_get_can_edit_settings (TcSession         *self);
gboolean        tc_session_get_local_workspace_choice (TcSession    *self);
/* TRUE when the API key could not go to the secret store and is kept in
 * memory for this session only. */
gboolean        tc_session_get_key_in_memory   (TcSession           *self);
void            tc_session_set_key_in_memory   (TcSession           *self,
                                                gboolean             key_in_memory);
/* Keeps @owner (e.g. the embedded service) alive as long as the session. */
void            tc_session_hold                (TcSession           *self,
                                                GObject             *owner);

/* Loads user, settings and workspaces. The first call shows the cached
 * state first (stale). Succeeds when there is something to show: fresh
 * data, or — when the server cannot be reached — the cache (then offline
 * and stale are TRUE). Fails with the server's error otherwise. Then sends
 * the outbox. */
void            tc_session_refresh_async       (TcSession           *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        tc_session_refresh_finish      (TcSession           *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* The first refresh of a session that is shown as soon as it has
 * something to show (issue 13: the window's first frame): when the cache
 * has a user it succeeds once that is loaded (stale TRUE), and the server
 * is asked after it returns, the way a retry asks it (a failure sets
 * offline for a network error, keeps the cache and queued edits, and tries
 * again with back-off). Without a cached user it is
 * tc_session_refresh_async(). */
void            tc_session_load_async          (TcSession           *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        tc_session_load_finish         (TcSession           *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Sends the outbox now (after a refresh), resetting the retry back-off. */
void            tc_session_retry_edits         (TcSession           *self);

/* The outbox: a GListModel of TcPendingEdit, oldest first, the same
 * object for the session's life; its n-items is pending-edits. */
GListModel     *tc_session_get_pending         (TcSession           *self);
/* Drops a queued edit that is not on its way: memory and cache; the
 * models go back to the server's value (or the previous queued value);
 * edit-resolved with G_IO_ERROR_CANCELLED. FALSE when it is already being
 * sent or unknown. */
gboolean        tc_session_discard_edit        (TcSession           *self,
                                                const char          *uuid);

/* Own profile, queued (written to the outbox before anything is sent) and
 * shown at once in tc_session_get_user() (an email as pending-email). */
void            tc_session_set_name            (TcSession           *self,
                                                const char          *name);
void            tc_session_set_email           (TcSession           *self,
                                                const char          *email);
/* The processed image bytes stay in the cache until sent. */
void            tc_session_set_picture         (TcSession           *self,
                                                GBytes              *image,
                                                const char          *content_type);
void            tc_session_remove_picture      (TcSession           *self);

/* Admin edits. One queued edit per changed member of @patch (as built by
 * tc_member_profile_build_patch (original, edited); custom values as
 * "customField:<id>"; an element may carry "name", the field's name, which
 * becomes the edit's field-label and is not sent), each based on
 * @original's value. Returns the uuids
 * of the edits made (NULL-terminated, free with g_strfreev), so a caller
 * (the editor, bulk edit, undo) can follow their outcome. */
char          **tc_session_edit_member_profile (TcSession           *self,
                                                const char          *workspace_id,
                                                TcMemberProfile     *original,
                                                JsonObject          *patch);
/* Returns the edit's uuid (free it), or NULL when @status is already
 * what @member shows. */
char           *tc_session_set_member_status   (TcSession           *self,
                                                const char          *workspace_id,
                                                TcMember            *member,
                                                TcMemberStatus       status);

/* PUT /v1/user/active-workspace {workspaceId}. A server without that
 * route (404 code 3000 / 405, or local-workspace-choice already TRUE)
 * makes it a local choice: kept in the account's cache, used on the next
 * start, local-workspace-choice TRUE; that is a success too. */
void            tc_session_set_active_workspace_async  (TcSession          *self,
                                                        TcWorkspace        *workspace,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
gboolean        tc_session_set_active_workspace_finish (TcSession          *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);
/* POST /v1/workspaces/{id}/leave; on success the workspace leaves the
 * list and the user is reloaded (the server picks a new active one).
 * Refused before any request with TC_API_ERROR_VALIDATION when it is the
 * user's last workspace or they are its Owner; a server without the route
 * fails with TC_API_ERROR_UNSUPPORTED and local-workspace-choice turns
 * TRUE (leave on the web). */
void            tc_session_leave_workspace_async  (TcSession          *self,
                                                   TcWorkspace        *workspace,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean        tc_session_leave_workspace_finish (TcSession          *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* GETs the user's profilePicture (https, or http to loopback; the API key
 * only to the API's own origin; no redirects; at most 2 MiB and a bit;
 * PNG, JPEG or WebP by content). Fails with TC_API_ERROR (NOT_FOUND when
 * the user has no picture). */
void            tc_session_load_picture_async    (TcSession         *self,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
GBytes         *tc_session_load_picture_finish   (TcSession         *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);

G_END_DECLS
