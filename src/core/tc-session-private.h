/* tc-session-private.h — shared by tc-session*.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-cache.h"
#include "tc-pending-edit-private.h"
#include "tc-session.h"

G_BEGIN_DECLS

/* A JSON null and no node are equal ("no value"). */
gboolean  _tc_json_node_equal      (JsonNode *a,
                                    JsonNode *b);
/* A copy, or NULL for a null or missing value. */
JsonNode *_tc_json_node_dup_value  (JsonNode *node);
/* "b", "x", "d" or "s"; "ms" nothing for no value. */
GVariant *_tc_json_node_to_variant (JsonNode *node);

struct _TcSession
{
  GObject          parent_instance;

  TcAccount       *account;
  TcApiClient     *client;
  TcCache         *cache;
  TcUser          *user;
  TcUserSettings  *settings;
  GListStore      *workspaces;
  TcWorkspace     *active_workspace;
  GPtrArray       *held;
  char            *active_workspace_name;
  /* The active workspace chosen on this computer, for a server without
   * the workspace routes (tc-session-actions.c); NULL: the server's. */
  char            *local_workspace_id;
  GListStore      *api_keys;      /* of TcApiKey (tc-session-keys.c) */
  GListStore      *webhooks;      /* of TcWebhook (tc-session-webhooks.c) */
  GCancellable    *cancellable;   /* cancelled on dispose */

  /* Sync engine (tc-session-sync.c). */
  JsonObject      *server_settings; /* the last settings the server sent */
  JsonObject      *server_user;     /* the last user the server sent */
  GHashTable      *server_members;  /* object key → JsonObject {wire: server value} */
  GHashTable      *checked;         /* object keys checked in this flush */
  GHashTable      *member_lists;    /* workspace id → TcMemberList */
  GListStore      *pending;         /* of TcPendingEdit, oldest first (the outbox) */
  GNetworkMonitor *monitor;
  gulong           network_changed_id;
  guint            retry_source;
  guint            retry_count;
  guint            retry_min_ms;
  guint            retry_max_ms;
  guint            applying;        /* > 0 while the session writes models */

  guint            key_in_memory : 1;
  guint            offline : 1;
  guint            stale : 1;
  guint            can_edit_profile : 1;
  guint            can_edit_settings : 1;
  guint            can_manage_api_keys : 1;
  guint            local_workspace_choice : 1;
  guint            cache_loaded : 1;
  /* Counts the edits put on their way. A refresh notes it when it asks
   * for the user: if an edit went meanwhile (its answer may be lost), the
   * user it read is older than the server's and cannot clear a send. */
  guint            send_serial;
  guint            flushing : 1;
  /* The GET /v1/user before sending is on its way: nothing is sent until
   * its answer has been checked for conflicts. */
  guint            fetching : 1;
  guint            outbox_paused : 1;
  guint            applying_cache : 1;
};

typedef enum {
  TC_SESSION_PROP_0,
  TC_SESSION_PROP_ACCOUNT,
  TC_SESSION_PROP_CLIENT,
  TC_SESSION_PROP_USER,
  TC_SESSION_PROP_SETTINGS,
  TC_SESSION_PROP_WORKSPACES,
  TC_SESSION_PROP_ACTIVE_WORKSPACE,
  TC_SESSION_PROP_ACTIVE_WORKSPACE_NAME,
  TC_SESSION_PROP_KEY_IN_MEMORY,
  TC_SESSION_PROP_OFFLINE,
  TC_SESSION_PROP_STALE,
  TC_SESSION_PROP_PENDING_EDITS,
  TC_SESSION_PROP_CAN_EDIT_PROFILE,
  TC_SESSION_PROP_CAN_EDIT_SETTINGS,
  TC_SESSION_PROP_CAN_MANAGE_API_KEYS,
  TC_SESSION_PROP_LOCAL_WORKSPACE_CHOICE,
  TC_SESSION_N_PROPS
} TcSessionProp;

typedef enum {
  TC_SESSION_SIGNAL_EDIT_REFUSED,
  TC_SESSION_SIGNAL_EDIT_CONFLICT,
  TC_SESSION_SIGNAL_EDIT_RESOLVED,
  TC_SESSION_N_SIGNALS
} TcSessionSignal;

void     _tc_session_notify             (TcSession     *self,
                                         TcSessionProp  prop);
void     _tc_session_emit               (TcSession     *self,
                                         TcSessionSignal signal,
                                         ...);
void     _tc_session_set_offline        (TcSession     *self,
                                         gboolean       offline);
void     _tc_session_set_stale          (TcSession     *self,
                                         gboolean       stale);
void     _tc_session_set_can_edit_profile  (TcSession  *self,
                                            gboolean    can_edit);
void     _tc_session_set_can_edit_settings (TcSession  *self,
                                            gboolean    can_edit);
void     _tc_session_set_can_manage_api_keys (TcSession *self,
                                              gboolean   can_manage);
void     _tc_session_set_local_workspace_choice (TcSession *self,
                                                 gboolean   local);
/* Picks the active workspace again: the one chosen on this computer when
 * there is one and it is still in the list, else the user's. */
void     _tc_session_update_active_workspace (TcSession *self);
/* tc-session-actions.c: the cache's "workspace-choice" entry (or NULL),
 * read before the server is asked. */
void     _tc_session_take_workspace_choice   (TcSession *self,
                                              JsonNode  *node);
/* Takes a user answer from the server: the user model, the settings (with
 * pending edits laid over), conflict checks, the cache. */
gboolean _tc_session_take_user          (TcSession     *self,
                                         JsonNode      *body,
                                         GError       **error);
/* tc-session.c, for tc-session-refresh.c: the user object (not yet its
 * settings' conflicts) and the workspace list answer. */
gboolean _tc_session_take_user_object   (TcSession     *self,
                                         JsonObject    *object,
                                         GError       **error);
gboolean _tc_session_take_workspaces    (TcSession     *self,
                                         JsonNode      *body,
                                         GError       **error);
/* Notes what a failed request says about the server (offline, extension
 * missing); returns the error unchanged. */
void     _tc_session_note_error         (TcSession     *self,
                                         const GError  *error,
                                         gboolean       profile_route);

/* Decodes a successful answer and returns @task's value; FALSE with
 * @error set when the answer is not what the API promises. */
typedef gboolean (*TcSessionAnswerFunc) (TcSession  *self,
                                         GTask      *task,
                                         JsonNode   *body,
                                         GError    **error);

/* The task of a session call: @source_tag is the _async function. */
static inline GTask *
_tc_session_new_task (TcSession           *self,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/* What a _finish function checks first: @result is @self's task for
 * @source_tag. */
static inline gboolean
_tc_session_check_result (TcSession    *self,
                          GAsyncResult *result,
                          gpointer      source_tag)
{
  g_return_val_if_fail (TC_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return TRUE;
}

/* tc-session-actions.c: sends @method @path with @body for @task (which
 * holds its cancellable); a failure is noted (offline…) and returned by
 * @task, a success goes to @answer. Takes @task. A task with the data
 * "tc-api-keys-route" set turns can-manage-api-keys FALSE on UNSUPPORTED. */
void     _tc_session_request            (TcSession           *self,
                                         GTask               *task,
                                         const char          *method,
                                         const char          *path,
                                         JsonNode            *body,
                                         TcSessionAnswerFunc  answer);
/* The answer's root object, or an INVALID_RESPONSE error. Borrowed. */
JsonObject *_tc_session_answer_object   (JsonNode            *body,
                                         GError             **error);

/* tc-session-sync.c and tc-session-sync-send.c: the outbox (README.md,
 * "The one write path") */
void     _tc_session_sync_init          (TcSession     *self);
void     _tc_session_sync_dispose       (TcSession     *self);
void     _tc_session_sync_attach_settings (TcSession   *self);
/* Lays the pending edits over freshly applied server settings. */
void     _tc_session_sync_server_settings (TcSession   *self,
                                           JsonObject  *settings);
/* Keeps the server's user, checks the queued settings and own-profile
 * edits against it (unless it came from the cache) and shows the user
 * with the queued edits laid over. */
void     _tc_session_sync_server_user   (TcSession     *self,
                                         JsonObject    *user);
void     _tc_session_sync_take_outbox   (TcSession     *self,
                                         GPtrArray     *entries);
/* Sends the outbox in order; with @fetch_first, first reloads the user
 * so each edit is checked against the server's current value. */
void     _tc_session_sync_flush         (TcSession     *self,
                                         gboolean       fetch_first);
/* Queues @edit (the session takes it), or gives its value to the same
 * field's last edit not yet on its way. Returns the uuid of the edit that
 * carries the value (borrowed), NULL when nothing is left to send. */
const char *_tc_session_sync_add        (TcSession     *self,
                                         TcPendingEdit *edit);
/* The last queued edit of @edit's field, or NULL. */
TcPendingEdit *_tc_session_sync_find_last (TcSession   *self,
                                           TcPendingEdit *like);
/* Checks the queued edits of object @key against the server values just
 * stored: base → will be sent; value → already there, removed (accepted);
 * else → conflict. */
void     _tc_session_sync_check         (TcSession     *self,
                                         const char    *key);
/* The answer to a fetch (@error NULL: the server values are stored and
 * @key checked) or to a send of @edit. */
void     _tc_session_sync_fetched       (TcSession     *self,
                                         const char    *key,
                                         const GError  *error);
void     _tc_session_sync_sent          (TcSession     *self,
                                         TcPendingEdit *edit,
                                         JsonNode      *body,
                                         const GError  *error);
/* After a picture's upload: the URL is written, then the PATCH goes. */
void     _tc_session_sync_rewrite       (TcSession     *self,
                                         TcPendingEdit *edit);

/* Internals of the queue, for tc-session-outbox.c. */
TcPendingEdit *_tc_session_sync_find    (TcSession     *self,
                                         const char    *uuid);
/* @edit leaves the outbox: @error NULL (accepted), a refusal, a conflict
 * or G_IO_ERROR_CANCELLED (discarded); models shown again, signals. */
void     _tc_session_sync_resolve       (TcSession     *self,
                                         TcPendingEdit *edit,
                                         const GError  *error);
/* Goes on with a flush when nothing is in flight. */
void     _tc_session_sync_continue      (TcSession     *self);
/* Shows @edit's field again (@fallback: when nothing else is known). */
void     _tc_session_sync_apply         (TcSession     *self,
                                         TcPendingEdit *edit,
                                         JsonNode      *fallback);

/* The outbox's length, its @i-th edit (borrowed; NULL past the end) and
 * its first. */
static inline guint
_tc_session_sync_n_pending (TcSession *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->pending));
}

static inline TcPendingEdit *
_tc_session_sync_nth_edit (TcSession *self,
                           guint      i)
{
  TcPendingEdit *edit = g_list_model_get_item (G_LIST_MODEL (self->pending), i);

  if (edit != NULL)
    g_object_unref (edit);
  return edit;
}

static inline TcPendingEdit *
_tc_session_sync_head (TcSession *self)
{
  return _tc_session_sync_nth_edit (self, 0);
}

/* tc-session-sync-send.c: sends the first edit (its object fetched first,
 * once a flush) unless it is being written, on its way or fetched; the
 * answer comes back to _tc_session_sync_fetched()/_sent(). */
void     _tc_session_sync_send_next     (TcSession     *self);

/* tc-session-outbox.c */
void     _tc_session_apply_settings     (TcSession     *self);
void     _tc_session_outbox_dispose     (TcSession     *self);

/* tc-session-outbox-targets.c: what differs per target */
typedef enum {
  TC_EDIT_STATE_BASE,     /* the server still has the edit's base */
  TC_EDIT_STATE_APPLIED,  /* the server already has the edit's value */
  TC_EDIT_STATE_CONFLICT, /* something else */
} TcEditState;

/* The object an edit is checked with: "user", "p\x1f<ws>\x1f<user>"
 * (member profile), "s\x1f<ws>\x1f<user>" (member status). */
char       *_tc_edit_object_key         (TcPendingEdit *edit);
/* Borrowed; NULL: no value (or not known). */
JsonNode   *_tc_session_server_value    (TcSession     *self,
                                         TcPendingEdit *edit);
TcEditState _tc_session_edit_state      (TcSession     *self,
                                         TcPendingEdit *edit);
/* GETs the current server values of @edit's object; answers with
 * _tc_session_sync_fetched(). */
void        _tc_session_target_fetch    (TcSession     *self,
                                         TcPendingEdit *edit);
/* Sends @edit; answers with _tc_session_sync_sent() (or, after a
 * picture's upload, _tc_session_sync_rewrite()). */
void        _tc_session_target_send     (TcSession     *self,
                                         TcPendingEdit *edit);
/* Takes the answer to an accepted edit as the server's state. */
void        _tc_session_target_take_answer (TcSession  *self,
                                         TcPendingEdit *edit,
                                         JsonNode      *body);
/* The user model: the server's user with queued own edits laid over. */
void        _tc_session_apply_user      (TcSession     *self);

/* tc-session-members.c */
void        _tc_session_members_init    (TcSession     *self);
void        _tc_session_members_dispose (TcSession     *self);
/* Shows @edit's field on the member of the session's list: the last queued
 * value, else the server's, else @fallback. */
void        _tc_session_members_apply   (TcSession     *self,
                                         TcPendingEdit *edit,
                                         JsonNode      *fallback);

/* tc-session-retry.c */
void     _tc_session_retry_init         (TcSession     *self);
void     _tc_session_retry_dispose      (TcSession     *self);
/* A whole refresh (which sends the outbox); on failure, the timer. */
void     _tc_session_retry_refresh      (TcSession     *self);
void     _tc_session_sync_schedule_retry (TcSession    *self);

/* tc-session-role.c: the user's role in the active workspace, asked for
 * when it changes and after each refresh (TcWorkspace:caller-role). */
void     _tc_session_role_init          (TcSession     *self);
void     _tc_session_role_refresh       (TcSession     *self);

/* For tests. */
void     _tc_session_set_retry_delays   (TcSession     *self,
                                         guint          min_ms,
                                         guint          max_ms);
/* Edits are written to the outbox but not sent. */
void     _tc_session_set_outbox_paused  (TcSession     *self,
                                         gboolean       paused);
TcCache *_tc_session_get_cache          (TcSession     *self);

G_END_DECLS
