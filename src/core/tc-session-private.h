/* tc-session-private.h — shared by tc-session*.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-cache.h"
#include "tc-session.h"

G_BEGIN_DECLS

/* One settings edit in the outbox. */
typedef struct
{
  char     *uuid;           /* the outbox row's key */
  char     *wire;           /* "timeZone" */
  JsonNode *base;           /* the server value it was made over; NULL: absent */
  JsonNode *value;          /* what the user wants */
  guint     pending_writes; /* cache writes not yet committed */
  gboolean  sending;
} TcEdit;

void      _tc_edit_free            (TcEdit   *edit);
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
  GListStore      *api_keys;      /* of TcApiKey (tc-session-keys.c) */
  GListStore      *webhooks;      /* of TcWebhook (tc-session-webhooks.c) */
  GCancellable    *cancellable;   /* cancelled on dispose */

  /* Sync engine (tc-session-sync.c). */
  JsonObject      *server_settings; /* the last settings the server sent */
  GQueue           edits;           /* of TcEdit, oldest first */
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
  guint            cache_loaded : 1;
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
  TC_SESSION_N_PROPS
} TcSessionProp;

typedef enum {
  TC_SESSION_SIGNAL_EDIT_REFUSED,
  TC_SESSION_SIGNAL_EDIT_CONFLICT,
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

/* tc-session-sync.c */
void     _tc_session_sync_init          (TcSession     *self);
void     _tc_session_sync_dispose       (TcSession     *self);
void     _tc_session_sync_attach_settings (TcSession   *self);
/* Lays the pending edits over freshly applied server settings and checks
 * each against the server's value (conflicts). */
void     _tc_session_sync_server_settings (TcSession   *self,
                                           JsonObject  *settings);
void     _tc_session_sync_take_outbox   (TcSession     *self,
                                         GPtrArray     *entries);
/* Sends the outbox in order; with @fetch_first, first reloads the user
 * so each edit is checked against the server's current value. */
void     _tc_session_sync_flush         (TcSession     *self,
                                         gboolean       fetch_first);

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
