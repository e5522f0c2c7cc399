/* tc-service-listener.c — the listening socket and every connection's limits
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service accepts connections itself and hands each to
 * soup_server_accept_iostream(), instead of giving SoupServer a socket:
 *
 * - libsoup 3.2 (Debian 12) leaks one descriptor and GSocket per connection
 *   accepted on a socket passed to soup_server_listen_socket(), and its own
 *   accept watch removes itself on the first accept() error, so after one
 *   EMFILE it never accepts again;
 * - libsoup 3.2 also loses a kept-alive connection whose client closes it
 *   between two requests: it reads the end of file and stops, but never
 *   closes the socket (100 such connections through soup_server_listen_local()
 *   leave 100 descriptors and their objects behind). A SoupServer with no
 *   listener of its own closes every connection after its answer instead, so
 *   each connection carries one request, announced with "Connection: close";
 * - SoupServer 3.2 has no header or idle timeout and no connection cap.
 *
 * Here accept() errors such as EMFILE back off and retry, at most
 * max_connections are open at once (further ones wait in the kernel's
 * backlog), and each connection has one timer: the header timeout from
 * accept until the request's headers are in, then the idle timeout while
 * nothing moves (while a body is read, while an answer is written). A body
 * is counted while it is read, chunked included: past
 * TC_SERVICE_REQUEST_MAX_BYTES the request is answered 413 and the connection
 * closed, before any handler (and so before authentication) runs.
 *
 * A TcConn lives exactly as long as the GSocketConnection libsoup owns (a weak
 * reference), so the count of open connections is the count of open sockets.
 */

#include "config.h"

#include <gio/gnetworking.h>
#include <string.h>

#include "tc-service-private.h"

/* GSocket's default backlog of 10 overflows when a client opens many
 * connections at once (libsoup opens one per non-idempotent request), and
 * the kernel then resets them; take the usual SOMAXCONN-sized one. */
#define LISTEN_BACKLOG      128
/* Connections accepted per wake-up before the main context gets a turn. */
#define ACCEPT_BATCH        32
#define BACKOFF_MIN_MS      25
#define BACKOFF_MAX_MS      1000
/* After a 413: what is still sent is read and dropped for this long, or
 * this much, so that a client that writes its whole body before reading
 * gets the answer instead of a reset; then the socket is closed. */
#define LINGER_MS           1000
#define LINGER_MAX_BYTES    (16 * 1024 * 1024)

static const char reject_413[] =
  "HTTP/1.1 413 Payload Too Large\r\n"
  "Content-Type: application/json\r\n"
  "Content-Length: 52\r\n"
  "Connection: close\r\n"
  "\r\n"
  "{\"message\":\"body: must be at most 2 MiB\",\"code\":413}";

typedef enum {
  TIMER_OFF,
  TIMER_HEADERS,   /* the request's headers are not complete yet */
  TIMER_IDLE,      /* nothing moved for idle_timeout in a body or an answer */
  TIMER_LINGER,    /* a 413 was sent; close when it fires */
} TimerKind;

typedef struct _TcConn TcConn;

struct _TcServiceListener
{
  SoupServer        *server;
  GMainContext      *context;
  GSocket           *socket;          /* the listening socket */
  GSource           *accept_source;   /* NULL while not accepting */
  GSource           *retry_source;    /* back-off after an accept() error */
  guint              backoff_ms;
  GHashTable        *by_address;      /* "local|remote" → TcConn* */
  GHashTable        *conns;           /* TcConn* set, every open connection */
  TcServiceLimits    limits;
  guint              port;
  gulong             started_id;
};

struct _TcConn
{
  TcServiceListener *listener;
  GSocketConnection *connection;      /* weak: owned by libsoup */
  GSocket           *socket;          /* strong, for shutdown() */
  char              *address;
  GSource           *timer;
  TimerKind          timer_kind;
  SoupServerMessage *msg;             /* weak pointer: the request */
  goffset            body_bytes;
  gboolean           rejected;
  GSource           *drain;           /* while lingering after a 413 */
  goffset            drained;
};

static void resume_accepting   (TcServiceListener *self);
static void conn_close_rejected (TcConn            *c);

static char *
address_key (GSocketAddress *local,
             GSocketAddress *remote)
{
  g_autofree char *l = NULL;
  g_autofree char *r = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (local) || !G_IS_INET_SOCKET_ADDRESS (remote))
    return NULL;
  l = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));
  r = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  return g_strdup_printf ("%s:%u|%s:%u",
                          l, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)),
                          r, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)));
}

/* Timers: one GSource per connection, woken by its ready time alone. */

static gboolean
timer_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs timer_funcs = { NULL, NULL, timer_dispatch, NULL, NULL, NULL };

static void
conn_arm (TcConn    *c,
          TimerKind  kind,
          guint      ms)
{
  c->timer_kind = kind;
  g_source_set_ready_time (c->timer, g_get_monotonic_time () + (gint64) ms * 1000);
}

static void
conn_disarm (TcConn *c)
{
  c->timer_kind = TIMER_OFF;
  g_source_set_ready_time (c->timer, -1);
}

static void
conn_touch (TcConn *c)
{
  if (c->timer_kind != TIMER_LINGER)
    conn_arm (c, TIMER_IDLE, c->listener->limits.idle_timeout_ms);
}

/* libsoup is paused on the refused request and polls nothing: close the
 * socket, then let it find out and tear the connection down. */
static void
conn_close_rejected (TcConn *c)
{
  if (c->drain != NULL)
    {
      g_source_destroy (c->drain);
      g_clear_pointer (&c->drain, g_source_unref);
    }
  conn_disarm (c);
  g_socket_close (c->socket, NULL);
  if (c->msg != NULL)
    soup_server_message_unpause (c->msg);
}

static gboolean
conn_timer_cb (gpointer user_data)
{
  TcConn *c = user_data;
  TimerKind kind = c->timer_kind;

  c->timer_kind = TIMER_OFF;
  if (kind == TIMER_LINGER)
    conn_close_rejected (c);
  else if (kind != TIMER_OFF)
    {
      /* shutdown() wakes libsoup's read with end-of-file; the descriptor
       * stays valid until libsoup closes it. */
      g_debug ("Closing connection %s: %s timeout", c->address,
               kind == TIMER_HEADERS ? "header" : "idle");
      g_socket_shutdown (c->socket, TRUE, TRUE, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
conn_forget_msg (TcConn *c)
{
  if (c->msg == NULL)
    return;
  g_signal_handlers_disconnect_by_data (c->msg, c);
  g_object_remove_weak_pointer (G_OBJECT (c->msg), (gpointer *) &c->msg);
  c->msg = NULL;
}

static void
conn_free (TcConn *c)
{
  if (c->drain != NULL)
    {
      g_source_destroy (c->drain);
      g_source_unref (c->drain);
    }
  conn_forget_msg (c);
  g_source_destroy (c->timer);
  g_source_unref (c->timer);
  g_object_unref (c->socket);
  g_free (c->address);
  g_free (c);
}

static void
conn_detach (TcConn *c)
{
  TcServiceListener *self = c->listener;

  if (c->address != NULL && g_hash_table_lookup (self->by_address, c->address) == c)
    g_hash_table_remove (self->by_address, c->address);
  g_hash_table_remove (self->conns, c);
}

/* The GSocketConnection is gone: its descriptor is closed. */
static void
conn_gone_cb (gpointer  user_data,
              GObject  *where_the_object_was)
{
  TcConn *c = user_data;
  TcServiceListener *self = c->listener;

  conn_detach (c);
  conn_free (c);
  resume_accepting (self);
}

/* Request body limits, counted while reading. */

static gboolean
drain_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      user_data)
{
  TcConn *c = user_data;
  char buf[16 * 1024];

  while (c->drained <= LINGER_MAX_BYTES)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive_with_blocking (socket, buf, sizeof buf, FALSE, NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      if (n <= 0)
        break;
      c->drained += n;
    }
  /* The client closed, failed, or sent too much: done. */
  g_clear_pointer (&c->drain, g_source_unref);
  conn_close_rejected (c);
  return G_SOURCE_REMOVE;
}

/* Refuses the request's body: keep no more of it, have libsoup read no more
 * of it, answer 413 ourselves and close after a short linger. */
static void
conn_reject_body (TcConn            *c,
                  SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;

  c->rejected = TRUE;
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  soup_server_message_pause (msg);
  if (g_socket_send_with_blocking (c->socket, reject_413, sizeof reject_413 - 1, FALSE,
                                   NULL, &error) < 0)
    g_debug ("Cannot answer 413 on %s: %s", c->address, error->message);
  g_socket_shutdown (c->socket, FALSE, TRUE, NULL);
  conn_arm (c, TIMER_LINGER, LINGER_MS);
  c->drain = g_socket_create_source (c->socket, G_IO_IN, NULL);
  g_source_set_callback (c->drain, (GSourceFunc) (void (*) (void)) drain_cb, c, NULL);
  g_source_set_static_name (c->drain, "[timecard-service] drain after 413");
  g_source_attach (c->drain, c->listener->context);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  TcConn *c = user_data;

  if (c->rejected)
    return;
  c->body_bytes += g_bytes_get_size (chunk);
  if (c->body_bytes > TC_SERVICE_REQUEST_MAX_BYTES)
    conn_reject_body (c, msg);
  else
    conn_touch (c);
}

/* A body announced too big is refused before it is read. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  TcConn *c = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  c->body_bytes = 0;
  conn_touch (c);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > TC_SERVICE_REQUEST_MAX_BYTES)
    conn_reject_body (c, msg);
}

/* The handler runs between got-body and the answer; it may pause the
 * request (a webhook test waits for its delivery): no timer meanwhile. */
static void
got_body_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  conn_disarm (user_data);
}

static void
wrote_cb (SoupServerMessage *msg,
          gpointer           user_data)
{
  conn_touch (user_data);
}

static void
wrote_data_cb (SoupServerMessage *msg,
               guint              size,
               gpointer           user_data)
{
  conn_touch (user_data);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  TcServiceListener *self = user_data;
  g_autofree char *key = address_key (soup_server_message_get_local_address (msg),
                                      soup_server_message_get_remote_address (msg));
  TcConn *c = key ? g_hash_table_lookup (self->by_address, key) : NULL;

  if (c == NULL)
    {
      g_critical ("A request on a connection the service did not accept");
      return;
    }

  conn_forget_msg (c);
  c->msg = msg;
  g_object_add_weak_pointer (G_OBJECT (msg), (gpointer *) &c->msg);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), c);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), c);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), c);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_cb), c);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_data_cb), c);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (got_body_cb), c);
  /* SoupServer closes the connection after this answer anyway (see the
   * top of the file); say so, so that clients do not try to reuse it. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
}

/* Accepting. */

static void
serve (TcServiceListener *self,
       GSocket           *client)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (client, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (client, NULL);
  g_autoptr(GError) error = NULL;
  TcConn *c;

  g_socket_set_option (client, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  connection = g_socket_connection_factory_create_connection (client);
  c = g_new0 (TcConn, 1);
  c->listener = self;
  c->connection = connection;
  c->socket = g_object_ref (client);
  c->address = address_key (local, remote);
  c->timer = g_source_new (&timer_funcs, sizeof (GSource));
  g_source_set_callback (c->timer, conn_timer_cb, c, NULL);
  g_source_set_static_name (c->timer, "[timecard-service] connection timer");
  g_source_attach (c->timer, self->context);
  g_hash_table_add (self->conns, c);
  g_object_weak_ref (G_OBJECT (connection), conn_gone_cb, c);

  if (c->address == NULL)
    {
      /* The peer went away between accept() and now. */
      return;
    }
  g_hash_table_replace (self->by_address, c->address, c);
  conn_arm (c, TIMER_HEADERS, self->limits.header_timeout_ms);

  if (!soup_server_accept_iostream (self->server, G_IO_STREAM (connection), local, remote,
                                    &error))
    g_debug ("Cannot serve %s: %s", c->address, error->message);
}

static gboolean
retry_cb (gpointer user_data)
{
  TcServiceListener *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  resume_accepting (self);
  return G_SOURCE_REMOVE;
}

static void
stop_accepting (TcServiceListener *self)
{
  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
}

/* Out of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM) or any
 * other accept() error: wait, then try again; never stop for good. A
 * connection closing retries at once. */
static void
back_off (TcServiceListener *self,
          const GError      *error)
{
  stop_accepting (self);
  if (self->backoff_ms == 0)
    g_message ("Cannot accept connections (%s); trying again", error->message);
  self->backoff_ms = CLAMP (self->backoff_ms * 2, BACKOFF_MIN_MS, BACKOFF_MAX_MS);
  if (self->retry_source != NULL)
    return;
  self->retry_source = g_timeout_source_new (self->backoff_ms);
  g_source_set_callback (self->retry_source, retry_cb, self, NULL);
  g_source_set_static_name (self->retry_source, "[timecard-service] accept retry");
  g_source_attach (self->retry_source, self->context);
}

static gboolean
accept_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  TcServiceListener *self = user_data;

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = NULL;

      if (g_hash_table_size (self->conns) >= self->limits.max_connections)
        {
          /* At the cap: the rest wait in the backlog until one closes. */
          stop_accepting (self);
          return G_SOURCE_REMOVE;
        }

      client = g_socket_accept (socket, NULL, &error);
      if (client == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
              g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
            continue;
          back_off (self, error);
          return G_SOURCE_REMOVE;
        }
      if (self->backoff_ms != 0)
        g_message ("Accepting connections again");
      self->backoff_ms = 0;
      serve (self, client);
    }
  return G_SOURCE_CONTINUE;
}

static void
resume_accepting (TcServiceListener *self)
{
  if (self->accept_source != NULL || self->socket == NULL)
    return;
  if (g_hash_table_size (self->conns) >= self->limits.max_connections)
    return;
  if (self->retry_source != NULL)
    {
      g_source_destroy (self->retry_source);
      g_clear_pointer (&self->retry_source, g_source_unref);
    }
  self->accept_source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, (GSourceFunc) (void (*) (void)) accept_cb,
                         self, NULL);
  g_source_set_static_name (self->accept_source, "[timecard-service] accept");
  g_source_attach (self->accept_source, self->context);
}

static GSocket *
open_socket (GSocketAddress  *address,
             GError         **error)
{
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;

  /* accept() must answer EAGAIN, not wait. */
  g_socket_set_blocking (socket, FALSE);
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

TcServiceListener *
_tc_service_listener_new (SoupServer             *server,
                          GSocketAddress         *address,
                          const TcServiceLimits  *limits,
                          GError                **error)
{
  TcServiceListener *self = g_new0 (TcServiceListener, 1);
  g_autoptr(GSocketAddress) bound = NULL;

  self->server = g_object_ref (server);
  self->context = g_main_context_ref_thread_default ();
  self->limits = *limits;
  self->limits.max_connections = MAX (self->limits.max_connections, 1);
  self->by_address = g_hash_table_new (g_str_hash, g_str_equal);
  self->conns = g_hash_table_new (NULL, NULL);

  self->socket = open_socket (address, error);
  if (self->socket == NULL ||
      (bound = g_socket_get_local_address (self->socket, error)) == NULL)
    {
      _tc_service_listener_free (self);
      return NULL;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->started_id = g_signal_connect (server, "request-started",
                                       G_CALLBACK (request_started_cb), self);
  resume_accepting (self);
  return self;
}

guint
_tc_service_listener_get_port (TcServiceListener *self)
{
  return self->port;
}

guint
_tc_service_listener_get_n_connections (TcServiceListener *self)
{
  return g_hash_table_size (self->conns);
}

/* Stops accepting and lets go of the connections; the caller disconnects
 * the SoupServer, which closes them. */
void
_tc_service_listener_free (TcServiceListener *self)
{
  GHashTableIter iter;
  gpointer key;

  stop_accepting (self);
  if (self->retry_source != NULL)
    {
      g_source_destroy (self->retry_source);
      g_clear_pointer (&self->retry_source, g_source_unref);
    }
  if (self->started_id != 0)
    g_signal_handler_disconnect (self->server, self->started_id);

  g_hash_table_iter_init (&iter, self->conns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      TcConn *c = key;

      g_object_weak_unref (G_OBJECT (c->connection), conn_gone_cb, c);
      conn_free (c);
    }
  g_hash_table_unref (self->conns);
  g_hash_table_unref (self->by_address);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_main_context_unref (self->context);
  g_object_unref (self->server);
  g_free (self);
}
