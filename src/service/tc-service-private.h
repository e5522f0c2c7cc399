/* tc-service-private.h — internal API shared by the files of timecard-service
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "tc-service.h"
#include "tc-wire.h"

G_BEGIN_DECLS

#define TC_SERVICE_SCHEMA_VERSION 2

typedef struct _TcRateLimiter TcRateLimiter;
typedef struct _TcWebhookDelivery TcWebhookDelivery;
typedef struct _TcServiceListener TcServiceListener;

/* The largest body read at all: an image plus multipart overhead. Counted
 * while reading (chunked included), before any handler runs. */
#define TC_SERVICE_REQUEST_MAX_BYTES (TC_WIRE_IMAGE_MAX_BYTES + 64 * 1024)

typedef struct
{
  guint max_connections;     /* open at once; more wait in the backlog */
  guint header_timeout_ms;   /* accept → the first request's headers */
  guint idle_timeout_ms;     /* nothing read or written for this long */
  guint keep_alive_ms;       /* an answer → the next request's headers */
  guint max_requests;        /* per connection; the last answer says close */
} TcServiceLimits;

struct _TcService
{
  GObject             parent_instance;

  sqlite3            *db;
  char               *db_path;
  GHashTable         *stmts;          /* SQL text → sqlite3_stmt* */
  char               *maildir;
  SoupServer         *server;
  TcServiceListener  *listener;
  TcServiceLimits     limits;
  char               *host;           /* the address listened on, as in a URL */
  GMainContext       *context;
  guint               port;
  gboolean            extensions;
  TcRateLimiter      *ratelimit;
  TcWebhookDelivery  *delivery;
  gint                n_queries;      /* statements prepared, for tests and benchmarks (atomic) */
  struct {                            /* where the last Team page sorted by id ended */
    char             *workspace_id;
    gboolean          descending;
    gint64            offset;         /* the next page's offset */
    char             *after_id;       /* the user id at offset - 1 */
    sqlite3_int64     changes;        /* sqlite3_total_changes64() then */
  }                   page_cursor;
  guint               n_cursor_pages; /* pages read from page_cursor, for tests */
  GHashTable         *settings_text;  /* stored settings → JSON text (tc-service-team-page.c) */
  GHashTable         *value_text;     /* stored custom value → JSON text (same) */
};

/* Roles of a membership; NULL in the database is a plain member. */
#define TC_ROLE_OWNER "OWNER"
#define TC_ROLE_ADMIN "WORKSPACE_ADMIN"

/* One HTTP request on its way through the service. */
typedef struct
{
  TcService          *service;
  SoupServerMessage  *msg;
  const char         *method;
  char              **params;        /* the '*' segments of the route, in order */
  GHashTable         *query;         /* may be NULL */
  JsonNode           *body;          /* parsed JSON body, or NULL */
  char               *user_id;       /* the caller */
  char               *key_id;
  GPtrArray          *events;        /* TcServiceEvent*, emitted after commit */
  GPtrArray          *mails;         /* GStrv {name, email, subject, body}, sent after commit */
  guint               status;        /* the answer's HTTP status, once set */
  char               *test_delivery; /* sent after commit; the answer waits for it */
} TcRequest;

typedef void (*TcRouteHandler) (TcRequest *req);

typedef struct
{
  const char     *method;
  const char     *pattern;   /* "workspaces/ * /users" without spaces; after /api/v1/ */
  TcRouteHandler  handler;
  gboolean        ext;       /* an extension of ours, not in Clockify */
  gboolean        json_body; /* the handler needs a JSON object body */
} TcRoute;

typedef struct
{
  char     *event;          /* USER_UPDATED… */
  char     *workspace_id;   /* NULL: every workspace of the user */
  char     *user_id;        /* the user the event is about */
  JsonNode *payload;
} TcServiceEvent;

/* tc-service-db.c */
gboolean      _tc_service_db_open        (TcService   *self,
                                          GError     **error);
void          _tc_service_db_close       (TcService   *self);
sqlite3_stmt *_tc_db_prepare             (TcService   *self,
                                          const char  *sql,
                                          const char  *types,
                                          ...);
gboolean      _tc_db_exec                (TcService   *self,
                                          const char  *sql,
                                          const char  *types,
                                          ...);
char         *_tc_db_dup_string          (TcService   *self,
                                          const char  *sql,
                                          const char  *types,
                                          ...);
gint64        _tc_db_int                 (TcService   *self,
                                          gint64       fallback,
                                          const char  *sql,
                                          const char  *types,
                                          ...);
gboolean      _tc_db_begin               (TcService   *self);
gboolean      _tc_db_commit              (TcService   *self);
void          _tc_db_rollback            (TcService   *self);
const char   *_tc_db_col_text            (sqlite3_stmt *stmt,
                                          int           col);
int           _tc_db_changes             (TcService   *self);

/* tc-service-util.c */
void          _tc_random_bytes           (guint8      *buf,
                                          gsize        len);
char         *_tc_new_id                 (void);
char         *_tc_new_secret             (guint        length);
char         *_tc_sha256_hex             (const char  *text);
gboolean      _tc_const_time_equal       (const char  *a,
                                          const char  *b);
char         *_tc_now_iso                (void);
void          _tc_json_set_nullable      (JsonObject  *obj,
                                          const char  *member,
                                          const char  *value);
/* The JSON value of @text (@length bytes, or up to its NUL with -1);
 * NULL for malformed text or white space alone. */
JsonNode     *_tc_json_parse_data        (const char  *text,
                                          gssize       length);
JsonNode     *_tc_json_parse_text        (const char  *text);
char         *_tc_json_to_text           (JsonNode    *node);
gboolean      _tc_custom_value_is_plain  (const char  *text);
JsonNode     *_tc_custom_value_node      (const char  *text);
/* g_string_append_len() without GLib 2.74's call into
 * g_string_insert_len(), which checks for overlap and moves the tail: a
 * fifth of a Team page's JSON writing, for runs of a few bytes. A string
 * sized up front only copies. */
static inline void
_tc_string_append_len (GString    *out,
                       const char *text,
                       gsize       len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, len);
}

#define _TC_APPEND_LITERAL(out, literal) \
  _tc_string_append_len ((out), "" literal, sizeof (literal) - 1)

void          _tc_json_append_string     (GString     *out,
                                          const char  *text);
void          _tc_json_append_nullable   (GString     *out,
                                          const char  *text);
/* Parses a page number or size query value: a whole number from @min to
 * @max (@fallback when absent). */
gboolean      _tc_parse_query_int        (const char  *text,
                                          gint64       fallback,
                                          gint64       min,
                                          gint64       max,
                                          gint64      *out);
/* (@page_index × @size) as an OFFSET; FALSE when it does not fit. */
gboolean      _tc_page_offset            (gint64       page_index,
                                          gint64       size,
                                          gint64      *out_offset);
JsonObject   *_tc_json_object_member     (JsonObject  *obj,
                                          const char  *member);

/* tc-service-http.c: answers and request helpers */
void          _tc_reply_json             (TcRequest   *req,
                                          guint        status,
                                          JsonNode    *node);
void          _tc_reply_object           (TcRequest   *req,
                                          guint        status,
                                          JsonObject  *obj);
void          _tc_reply_error            (TcRequest   *req,
                                          guint        status,
                                          int          code,
                                          const char  *format,
                                          ...) G_GNUC_PRINTF (4, 5);
void          _tc_reply_empty            (TcRequest   *req,
                                          guint        status);
JsonObject   *_tc_req_object             (TcRequest   *req);
const char   *_tc_req_query              (TcRequest   *req,
                                          const char  *name);
gboolean      _tc_req_string_member      (TcRequest   *req,
                                          JsonObject  *obj,
                                          const char  *member,
                                          gboolean     nullable,
                                          const char **out_value);
void          _tc_req_queue_event        (TcRequest   *req,
                                          const char  *event,
                                          const char  *workspace_id,
                                          const char  *user_id,
                                          JsonNode    *payload);
void          _tc_req_queue_mail         (TcRequest   *req,
                                          const char  *to_name,
                                          const char  *to_email,
                                          const char  *subject,
                                          const char  *body);
void          _tc_service_dispatch       (TcService         *self,
                                          SoupServerMessage *msg,
                                          const char        *path,
                                          GHashTable        *query);

/* tc-service-listener.c: accepting, connection cap, timeouts, body cap */
TcServiceListener *_tc_service_listener_new (SoupServer             *server,
                                             GSocketAddress         *address,
                                             const TcServiceLimits  *limits,
                                             GError                **error);
guint         _tc_service_listener_get_port          (TcServiceListener *self);
guint         _tc_service_listener_get_n_connections (TcServiceListener *self);
void          _tc_service_listener_free              (TcServiceListener *self);

/* tc-service-auth.c */
gboolean      _tc_auth_check             (TcRequest   *req);
char         *_tc_auth_create_key        (TcService   *self,
                                          const char  *user_id,
                                          const char  *name,
                                          char       **out_key_id);

/* tc-service-ratelimit.c */
TcRateLimiter *_tc_rate_limiter_new      (double       per_second,
                                          guint        burst);
void           _tc_rate_limiter_free     (TcRateLimiter *limiter);
/* Returns TRUE if the key may go on; else the seconds to wait. */
gboolean       _tc_rate_limiter_take     (TcRateLimiter *limiter,
                                          const char    *key_id,
                                          guint         *out_retry_after);
/* How many times _tc_rate_limiter_take() said no (atomic). */
guint          _tc_rate_limiter_get_refused (TcRateLimiter *limiter);

/* Route tables, one per file. */
const TcRoute *_tc_routes_user           (guint *n_routes);
const TcRoute *_tc_routes_settings       (guint *n_routes);
const TcRoute *_tc_routes_keys           (guint *n_routes);
const TcRoute *_tc_routes_workspaces     (guint *n_routes);
const TcRoute *_tc_routes_team           (guint *n_routes);
const TcRoute *_tc_routes_members        (guint *n_routes);
const TcRoute *_tc_routes_custom_fields  (guint *n_routes);
const TcRoute *_tc_routes_webhooks       (guint *n_routes);

/* tc-service-routes-user.c: the user entity */
JsonObject   *_tc_user_to_json           (TcService   *self,
                                          const char  *user_id,
                                          gboolean     memberships);
JsonArray    *_tc_user_custom_values     (TcService   *self,
                                          const char  *user_id,
                                          const char  *workspace_id);
JsonObject   *_tc_settings_defaults      (void);
JsonNode     *_tc_settings_to_json       (const char  *stored);

/* tc-service-team-page.c: one page of GET /v1/workspaces/{ws}/users */
typedef struct
{
  const char *workspace_id;
  const char *caller_id;
  const char *name;          /* LIKE-escaped, or NULL */
  const char *email;         /* LIKE-escaped, or NULL */
  const char *status;        /* PENDING, ACTIVE, DECLINED, INACTIVE or ALL */
  const char *sort_column;   /* ID, EMAIL, NAME, NAME_LOWERCASE, HOURLYRATE, COSTRATE */
  gboolean    descending;
  gint64      page_size;
  gint64      offset;
  gboolean    memberships;   /* the workspace memberships of each member */
  gboolean    roles;         /* a "roles" member on each entry */
  gboolean    full;          /* the caller is an owner or an admin */
} TcTeamPageQuery;

/* The page as JSON text, written as json-glib would write it. */
GString      *_tc_team_page_build        (TcService             *self,
                                          const TcTeamPageQuery *page,
                                          gboolean              *out_last);
void          _tc_team_page_clear_caches (TcService             *self);
const char   *_tc_custom_value_text      (TcService             *self,
                                          const char            *stored);
void          _tc_team_page_forget_cursor (TcService            *self);

/* tc-service-routes-workspaces.c */
JsonObject   *_tc_workspace_to_json      (TcService   *self,
                                          const char  *workspace_id);
/* Sets *out_role to the caller's role ("" for a plain member) and answers
 * 403 when the caller is not an active member. */
void          _tc_reply_workspace        (TcRequest   *req,
                                          const char  *workspace_id);
gboolean      _tc_require_member         (TcRequest   *req,
                                          const char  *workspace_id,
                                          char       **out_role);
gboolean      _tc_require_admin          (TcRequest   *req,
                                          const char  *workspace_id);
TcPlan        _tc_workspace_plan         (TcService   *self,
                                          const char  *workspace_id);
gboolean      _tc_plan_is_paid           (TcPlan       plan);
gboolean      _tc_require_user_in_ws     (TcRequest   *req,
                                          const char  *workspace_id,
                                          const char  *user_id);

/* tc-service-routes-custom-fields.c, tc-service-custom-field-defs.c */
#define TC_CUSTOM_FIELD_COLUMNS \
  "SELECT id, name, description, placeholder, type, status, required, " \
  "only_admin_can_edit, allowed_values, default_value, workspace_id FROM custom_fields "
JsonObject   *_tc_custom_field_to_json   (sqlite3_stmt *stmt);
JsonObject   *_tc_custom_field_load      (TcService   *self,
                                          const char  *workspace_id,
                                          const char  *field_id);
const char   *_tc_custom_field_check_value (const char *type,
                                            JsonArray  *allowed,
                                            JsonNode   *value);
/* Validates @value for the field and stores it for @target (null clears
 * it); answers 400/403 and returns FALSE when a rule forbids it. */
gboolean      _tc_custom_field_set_value (TcRequest   *req,
                                          const char  *workspace_id,
                                          const char  *target,
                                          const char  *field_id,
                                          JsonNode    *value,
                                          gboolean     admin);
void          _tc_custom_field_create    (TcRequest   *req);
void          _tc_custom_field_edit      (TcRequest   *req);
void          _tc_custom_field_delete    (TcRequest   *req);

/* tc-service-image.c */
void          _tc_image_upload           (TcRequest   *req);
void          _tc_image_serve            (TcService         *self,
                                          SoupServerMessage *msg,
                                          const char        *id);
char         *_tc_image_id_from_url      (TcService   *self,
                                          const char  *url);
char         *_tc_image_id_from_stored_url (const char *url);
gboolean      _tc_image_delete_unused    (TcService   *self,
                                          const char  *user_id,
                                          gint64       older_than_seconds);
gboolean      _tc_image_sniff            (const guint8 *data,
                                          gsize         len,
                                          const char  **out_type,
                                          guint        *out_width,
                                          guint        *out_height);

/* tc-service-mail.c */
gboolean      _tc_mail_send              (TcService   *self,
                                          const char  *to_name,
                                          const char  *to_email,
                                          const char  *subject,
                                          const char  *body,
                                          GError     **error);

/* tc-service-webhook-delivery.c */
TcWebhookDelivery *_tc_delivery_new      (TcService   *self);
void          _tc_delivery_free          (TcWebhookDelivery *delivery);
void          _tc_delivery_resume        (TcWebhookDelivery *delivery);
void          _tc_delivery_emit          (TcService      *self,
                                          TcServiceEvent *event);
gboolean      _tc_delivery_wanted        (TcService      *self,
                                          const char     *event_name,
                                          const char     *workspace_id,
                                          const char     *user_id);
/* Queues one delivery row for @webhook_id and starts sending it. */
char         *_tc_delivery_enqueue       (TcService   *self,
                                          const char  *webhook_id,
                                          const char  *event,
                                          const char  *body,
                                          gboolean     is_test);
/* Sends a queued delivery now; with @reply_to (a paused request), answers
 * it with the log entry once the attempt is over. */
void          _tc_delivery_send_now      (TcService         *self,
                                          const char        *delivery_id,
                                          SoupServerMessage *reply_to);
void          _tc_delivery_set_backoff   (TcWebhookDelivery *delivery,
                                          guint        base_ms,
                                          guint        max_attempts,
                                          guint        disable_after);
JsonObject   *_tc_delivery_log_to_json   (sqlite3_stmt *stmt);
/* NULL when a webhook over @scheme may be delivered to @address, else why
 * not: plain http only to loopback; https to loopback or public addresses,
 * never private, link-local, unspecified, multicast or broadcast ones. */
const char   *_tc_delivery_address_refused (GInetAddress *address,
                                            const char   *scheme);
/* The same for @url when its host is an address literal (names are
 * checked on the address actually connected to, at delivery). */
const char   *_tc_delivery_url_refused   (const char   *url);
void          _tc_service_event_free     (TcServiceEvent *event);

/* For tests: webhook retry timings. */
void          _tc_service_set_webhook_backoff (TcService *self,
                                               guint      base_ms,
                                               guint      max_attempts,
                                               guint      disable_after);

G_END_DECLS
