/* tc-service-webhook-delivery.c — sending webhook events, with retries
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every delivery is a row of webhook_deliveries before it is sent, so a
 * shutdown loses nothing: rows still PENDING are sent again by the next
 * tc_service_listen(). A failed attempt is retried after base, 2×base,
 * 4×base… ms; a delivery that fails all its attempts counts as one failure
 * of its webhook, and after `disable_after` such failures in a row the
 * webhook's deliveryEnabled becomes false. Test deliveries are tried once
 * and don't count.
 *
 * What a delivery may reach: redirects are never followed (a 3xx is a
 * failed attempt), the address is checked on the connection itself once
 * it is made (so a name that resolves elsewhere later changes nothing),
 * and nothing the target answers is kept but its status code.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define DEFAULT_BASE_MS        1000
#define DEFAULT_MAX_ATTEMPTS   5
#define DEFAULT_DISABLE_AFTER  5
#define SEND_TIMEOUT_SECONDS   10

struct _TcWebhookDelivery
{
  TcService    *service;       /* owns us */
  SoupSession  *session;
  GCancellable *cancellable;
  GHashTable   *timers;        /* GSource* set */
  guint         base_ms;
  guint         max_attempts;
  guint         disable_after;
};

typedef struct
{
  TcWebhookDelivery *delivery;
  char              *id;
  SoupServerMessage *reply_to;   /* a paused /test request, or NULL */
  SoupMessage       *message;
  char              *scheme;
  char              *refused;    /* why the connection was closed, or NULL */
} Attempt;

static void send_attempt (TcWebhookDelivery *delivery,
                          const char        *id,
                          SoupServerMessage *reply_to);

static void
attempt_free (Attempt *attempt)
{
  g_free (attempt->id);
  g_clear_object (&attempt->reply_to);
  if (attempt->message != NULL)
    g_signal_handlers_disconnect_by_data (attempt->message, attempt);
  g_clear_object (&attempt->message);
  g_free (attempt->scheme);
  g_free (attempt->refused);
  g_free (attempt);
}

TcWebhookDelivery *
_tc_delivery_new (TcService *self)
{
  TcWebhookDelivery *delivery = g_new0 (TcWebhookDelivery, 1);

  delivery->service = self;
  delivery->base_ms = DEFAULT_BASE_MS;
  delivery->max_attempts = DEFAULT_MAX_ATTEMPTS;
  delivery->disable_after = DEFAULT_DISABLE_AFTER;
  delivery->cancellable = g_cancellable_new ();
  delivery->timers = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) g_source_unref);
  return delivery;
}

static void
destroy_timer (gpointer key,
               gpointer value,
               gpointer user_data)
{
  g_source_destroy (key);
}

void
_tc_delivery_free (TcWebhookDelivery *delivery)
{
  g_cancellable_cancel (delivery->cancellable);
  g_hash_table_foreach (delivery->timers, destroy_timer, NULL);
  g_hash_table_unref (delivery->timers);
  g_clear_object (&delivery->session);
  g_object_unref (delivery->cancellable);
  g_free (delivery);
}

void
_tc_delivery_set_backoff (TcWebhookDelivery *delivery,
                          guint              base_ms,
                          guint              max_attempts,
                          guint              disable_after)
{
  delivery->base_ms = base_ms;
  delivery->max_attempts = MAX (max_attempts, 1);
  delivery->disable_after = MAX (disable_after, 1);
}

static SoupSession *
get_session (TcWebhookDelivery *delivery)
{
  if (delivery->session == NULL)
    delivery->session = soup_session_new_with_options ("timeout", SEND_TIMEOUT_SECONDS,
                                                       "user-agent", "Clockify-Webhook/1.0 (timecard-service)",
                                                       /* connect to the target itself, so
                                                        * the address check is about it */
                                                       "proxy-resolver", NULL,
                                                       NULL);
  return delivery->session;
}

/* ::ffff:a.b.c.d is a.b.c.d. */
static GInetAddress *
unmap_ipv4 (GInetAddress *address)
{
  const guint8 *b = g_inet_address_to_bytes (address);
  static const guint8 prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 &&
      memcmp (b, prefix, sizeof prefix) == 0)
    return g_inet_address_new_from_bytes (b + 12, G_SOCKET_FAMILY_IPV4);
  return g_object_ref (address);
}

const char *
_tc_delivery_address_refused (GInetAddress *address,
                              const char   *scheme)
{
  g_autoptr(GInetAddress) a = unmap_ipv4 (address);
  const guint8 *b = g_inet_address_to_bytes (a);
  gboolean v4 = g_inet_address_get_family (a) == G_SOCKET_FAMILY_IPV4;

  if (g_inet_address_get_is_loopback (a))
    return NULL;
  if (g_ascii_strcasecmp (scheme, "https") != 0)
    return "plain http webhooks may only be sent to this computer (loopback)";
  if (g_inet_address_get_is_any (a) || g_inet_address_get_is_multicast (a))
    return "the address is unspecified or multicast";
  if (g_inet_address_get_is_link_local (a))
    return "the address is link-local (169.254.0.0/16, fe80::/10)";
  if (g_inet_address_get_is_site_local (a) || (!v4 && (b[0] & 0xfe) == 0xfc))
    return "the address is private (10/8, 172.16/12, 192.168/16, fc00::/7)";
  if (v4 && (b[0] == 0 || (b[0] == 100 && (b[1] & 0xc0) == 64) ||
             (b[0] == 255 && b[1] == 255 && b[2] == 255 && b[3] == 255)))
    return "the address is reserved (0/8, 100.64/10, broadcast)";
  return NULL;
}

const char *
_tc_delivery_url_refused (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return "is not a valid url";
  address = g_inet_address_new_from_string (g_uri_get_host (uri));
  return address ? _tc_delivery_address_refused (address, g_uri_get_scheme (uri)) : NULL;
}

/* Once connected, and before a byte of the request is written: checks the
 * address actually reached and closes the connection when it is refused. */
static void
network_event_cb (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  Attempt *attempt = user_data;
  g_autoptr(GSocketAddress) remote = NULL;
  const char *refused = "the address could not be checked";

  if (event != G_SOCKET_CLIENT_CONNECTED)
    return;
  if (G_IS_SOCKET_CONNECTION (connection))
    remote = g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (connection), NULL);
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    refused = _tc_delivery_address_refused (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)), attempt->scheme);
  if (refused == NULL)
    return;

  g_free (attempt->refused);
  attempt->refused = g_strdup_printf ("Not sent: %s", refused);
  g_io_stream_close (connection, NULL, NULL);
}

JsonObject *
_tc_delivery_log_to_json (sqlite3_stmt *stmt)
{
  JsonObject *obj = json_object_new ();

  /* Columns: id, webhook_id, event, body, status, attempts, status_code,
   * response_body, responded_at, is_test, created_at */
  json_object_set_string_member (obj, "id", _tc_db_col_text (stmt, 0));
  json_object_set_string_member (obj, "webhookEventStatusId", _tc_db_col_text (stmt, 0));
  json_object_set_string_member (obj, "webhookId", _tc_db_col_text (stmt, 1));
  json_object_set_string_member (obj, "eventType", _tc_db_col_text (stmt, 2));
  json_object_set_string_member (obj, "requestBody", _tc_db_col_text (stmt, 3));
  json_object_set_string_member (obj, "status", _tc_db_col_text (stmt, 4));
  json_object_set_int_member (obj, "attempts", sqlite3_column_int (stmt, 5));
  if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
    json_object_set_null_member (obj, "statusCode");
  else
    json_object_set_int_member (obj, "statusCode", sqlite3_column_int (stmt, 6));
  _tc_json_set_nullable (obj, "responseBody", _tc_db_col_text (stmt, 7));
  _tc_json_set_nullable (obj, "respondedAt", _tc_db_col_text (stmt, 8));
  json_object_set_boolean_member (obj, "test", sqlite3_column_int (stmt, 9) != 0);
  json_object_set_string_member (obj, "createdAt", _tc_db_col_text (stmt, 10));
  return obj;
}

static void
answer_paused (TcWebhookDelivery *delivery,
               Attempt           *attempt)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  stmt = _tc_db_prepare (delivery->service,
                         "SELECT id, webhook_id, event, body, status, attempts, status_code, "
                         "response_body, responded_at, is_test, created_at "
                         "FROM webhook_deliveries WHERE id = ?", "s", attempt->id);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      soup_server_message_set_status (attempt->reply_to, 500, NULL);
      soup_server_message_unpause (attempt->reply_to);
      return;
    }
  json_node_take_object (node, _tc_delivery_log_to_json (stmt));
  sqlite3_reset (stmt);
  text = json_to_string (node, FALSE);
  soup_server_message_set_status (attempt->reply_to, 200, NULL);
  soup_server_message_set_response (attempt->reply_to, "application/json",
                                    SOUP_MEMORY_COPY, text, strlen (text));
  soup_server_message_unpause (attempt->reply_to);
}

typedef struct
{
  TcWebhookDelivery *delivery;
  char              *id;
  GSource           *source;
} Retry;

static gboolean
retry_cb (gpointer user_data)
{
  Retry *retry = user_data;

  send_attempt (retry->delivery, retry->id, NULL);
  g_hash_table_remove (retry->delivery->timers, retry->source);
  return G_SOURCE_REMOVE;
}

static void
retry_free (Retry *retry)
{
  g_free (retry->id);
  g_free (retry);
}

static void
schedule_retry (TcWebhookDelivery *delivery,
                const char        *id,
                guint              attempts)
{
  Retry *retry = g_new0 (Retry, 1);
  guint delay = delivery->base_ms << MIN (attempts - 1, 16u);
  GMainContext *context = delivery->service->context;

  retry->delivery = delivery;
  retry->id = g_strdup (id);
  retry->source = g_timeout_source_new (delay);
  g_source_set_callback (retry->source, retry_cb, retry, (GDestroyNotify) retry_free);
  g_source_set_name (retry->source, "[timecard-service] webhook retry");
  g_hash_table_add (delivery->timers, retry->source);
  g_source_attach (retry->source, context);
}

/* Records the outcome of one attempt; returns TRUE when a retry is due. */
static gboolean
record_attempt (TcWebhookDelivery *delivery,
                const char        *id,
                guint              status,
                const char        *response)
{
  TcService *self = delivery->service;
  g_autofree char *now = _tc_now_iso ();
  g_autofree char *hook = _tc_db_dup_string (self, "SELECT webhook_id FROM webhook_deliveries "
                                             "WHERE id = ?", "s", id);
  gint64 attempts = _tc_db_int (self, 0, "SELECT attempts + 1 FROM webhook_deliveries "
                                "WHERE id = ?", "s", id);
  gboolean is_test = _tc_db_int (self, 0, "SELECT is_test FROM webhook_deliveries "
                                 "WHERE id = ?", "s", id) != 0;
  gboolean ok = status >= 200 && status < 300;
  gboolean retry = !ok && !is_test && attempts < delivery->max_attempts;
  const char *state = ok ? "SUCCEEDED" : retry ? "PENDING" : "FAILED";

  if (hook == NULL)
    return FALSE;
  _tc_db_exec (self, "UPDATE webhook_deliveries SET attempts = ?, status = ?, status_code = ?, "
               "response_body = ?, responded_at = ? WHERE id = ?", "isisss",
               attempts, state, (gint64) status, response, now, id);
  if (ok && !is_test)
    _tc_db_exec (self, "UPDATE webhooks SET failures = 0 WHERE id = ?", "s", hook);
  else if (!ok && !is_test && !retry)
    _tc_db_exec (self, "UPDATE webhooks SET failures = failures + 1, "
                 "delivery_enabled = CASE WHEN failures + 1 >= ? THEN 0 ELSE delivery_enabled END "
                 "WHERE id = ?", "is", (gint64) delivery->disable_after, hook);
  if (retry)
    schedule_retry (delivery, id, (guint) attempts);
  return retry;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Attempt *attempt = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *response = NULL;
  guint status = 0;

  /* The body is never read: unread, the connection is simply dropped. */
  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Shutting down: the row stays PENDING for the next start. */
      attempt_free (attempt);
      return;
    }
  /* Only the status code is kept of what the target answered: its body
   * would let a webhook read what it should only poke. */
  if (attempt->refused != NULL)
    response = g_strdup (attempt->refused);
  else if (stream != NULL)
    status = soup_message_get_status (attempt->message);
  else
    response = g_strdup (error->message);

  record_attempt (attempt->delivery, attempt->id, status, response);
  if (attempt->reply_to != NULL)
    answer_paused (attempt->delivery, attempt);
  attempt_free (attempt);
}

static void
send_attempt (TcWebhookDelivery *delivery,
              const char        *id,
              SoupServerMessage *reply_to)
{
  TcService *self = delivery->service;
  sqlite3_stmt *stmt;
  Attempt *attempt;
  SoupMessageHeaders *headers;
  g_autoptr(GBytes) body = NULL;

  stmt = _tc_db_prepare (self, "SELECT w.url, w.auth_token, d.event, d.body "
                         "FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id "
                         "WHERE d.id = ?", "s", id);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return;

  attempt = g_new0 (Attempt, 1);
  attempt->delivery = delivery;
  attempt->id = g_strdup (id);
  attempt->reply_to = reply_to ? g_object_ref (reply_to) : NULL;
  attempt->message = soup_message_new ("POST", _tc_db_col_text (stmt, 0));
  body = g_bytes_new (_tc_db_col_text (stmt, 3), strlen (_tc_db_col_text (stmt, 3)));
  if (attempt->message == NULL)
    {
      sqlite3_reset (stmt);
      record_attempt (delivery, id, 0, "The webhook url is not valid");
      attempt_free (attempt);
      return;
    }
  attempt->scheme = g_strdup (g_uri_get_scheme (soup_message_get_uri (attempt->message)));
  soup_message_add_flags (attempt->message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (attempt->message, "network-event", G_CALLBACK (network_event_cb), attempt);
  headers = soup_message_get_request_headers (attempt->message);
  soup_message_headers_replace (headers, "Clockify-Signature", _tc_db_col_text (stmt, 1));
  soup_message_headers_replace (headers, "Clockify-Webhook-Event-Type",
                                _tc_db_col_text (stmt, 2));
  soup_message_set_request_body_from_bytes (attempt->message, "application/json", body);
  sqlite3_reset (stmt);

  soup_session_send_async (get_session (delivery), attempt->message, G_PRIORITY_DEFAULT,
                           delivery->cancellable, send_cb, attempt);
}

char *
_tc_delivery_enqueue (TcService  *self,
                      const char *webhook_id,
                      const char *event,
                      const char *body,
                      gboolean    is_test)
{
  g_autofree char *id = _tc_new_id ();
  g_autofree char *now = _tc_now_iso ();

  if (!_tc_db_exec (self, "INSERT INTO webhook_deliveries (id, webhook_id, event, body, "
                    "status, is_test, created_at, seq) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, "
                    "(SELECT COALESCE(MAX(seq), 0) + 1 FROM webhook_deliveries))",
                    "ssssis", id, webhook_id, event, body, (gint64) is_test, now))
    return NULL;
  return g_steal_pointer (&id);
}

void
_tc_delivery_send_now (TcService         *self,
                       const char        *delivery_id,
                       SoupServerMessage *reply_to)
{
  if (self->delivery != NULL)
    send_attempt (self->delivery, delivery_id, reply_to);
}

void
_tc_delivery_resume (TcWebhookDelivery *delivery)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = _tc_db_prepare (delivery->service, "SELECT id FROM webhook_deliveries "
                         "WHERE status = 'PENDING' ORDER BY seq", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (_tc_db_col_text (stmt, 0)));

  for (guint i = 0; i < ids->len; i++)
    send_attempt (delivery, ids->pdata[i], NULL);
}

/* USER_ID webhooks fire for the users listed; others for workspace-wide
 * ([]) sources or a WORKSPACE_ID source naming the workspace. */
static gboolean
trigger_matches (const char     *type,
                 const char     *source_json,
                 const char     *workspace_id,
                 TcServiceEvent *event)
{
  g_autoptr(JsonNode) node = _tc_json_parse_text (source_json);
  JsonArray *ids = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  const char *wanted = NULL;

  if (ids == NULL)
    return FALSE;
  if (strcmp (type, "USER_ID") == 0)
    wanted = event->user_id;
  else if (json_array_get_length (ids) == 0)
    return TRUE;
  else if (strcmp (type, "WORKSPACE_ID") == 0)
    wanted = workspace_id;

  for (guint i = 0; wanted != NULL && i < json_array_get_length (ids); i++)
    if (g_strcmp0 (json_array_get_string_element (ids, i), wanted) == 0)
      return TRUE;
  return FALSE;
}

/* The ids of the enabled webhooks @event goes to, or only whether there
 * is one (@out_ids NULL). */
static gboolean
matching_hooks (TcService      *self,
                TcServiceEvent *event,
                GPtrArray      *out_ids)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _tc_db_prepare (self,
                         "SELECT id, trigger_type, trigger_source, workspace_id FROM webhooks "
                         "WHERE event = ?1 AND enabled = 1 AND delivery_enabled = 1 AND "
                         "(workspace_id = ?2 OR (?2 IS NULL AND workspace_id IN "
                         "(SELECT workspace_id FROM memberships WHERE user_id = ?3)))",
                         "sss", event->event, event->workspace_id, event->user_id);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    if (trigger_matches (_tc_db_col_text (stmt, 1), _tc_db_col_text (stmt, 2),
                         _tc_db_col_text (stmt, 3), event))
      {
        found = TRUE;
        if (out_ids == NULL)
          break;
        g_ptr_array_add (out_ids, g_strdup (_tc_db_col_text (stmt, 0)));
      }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return found;
}

/* Whether an event would go to any webhook: a route asks before it builds
 * the payload (a user as JSON costs more than the rest of a PATCH), and
 * queues nothing when none would. Asked inside the request's transaction,
 * after its writes: the webhooks it finds are the ones emit() will, as
 * nothing else runs on the service's thread in between. */
gboolean
_tc_delivery_wanted (TcService  *self,
                     const char *event_name,
                     const char *workspace_id,
                     const char *user_id)
{
  TcServiceEvent event = { (char *) event_name, (char *) workspace_id, (char *) user_id, NULL };

  return matching_hooks (self, &event, NULL);
}

void
_tc_delivery_emit (TcService      *self,
                   TcServiceEvent *event)
{
  g_autoptr(GPtrArray) queued = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;

  if (!matching_hooks (self, event, queued))
    return;
  body = _tc_json_to_text (event->payload);
  for (guint i = 0; i < queued->len; i++)
    {
      g_autofree char *id = _tc_delivery_enqueue (self, queued->pdata[i], event->event,
                                                  body, FALSE);
      if (id != NULL && self->delivery != NULL)
        send_attempt (self->delivery, id, NULL);
    }
}
