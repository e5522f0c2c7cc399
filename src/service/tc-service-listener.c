/* tc-service-listener.c — the listening socket: accepting, the connection cap, back-off
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service accepts connections itself and hands each to
 * soup_server_accept_iostream() (tc-service-connection.c), instead of giving
 * SoupServer a socket:
 *
 * - libsoup 3.2 (Debian 12) leaks one descriptor and GSocket per connection
 *   accepted on a socket passed to soup_server_listen_socket(), and its own
 *   accept watch removes itself on the first accept() error, so after one
 *   EMFILE it never accepts again;
 * - SoupServer 3.2 has no header or idle timeout and no connection cap.
 *
 * Here accept() errors such as EMFILE back off and retry, and at most
 * max_connections are open at once (further ones wait in the kernel's
 * backlog).
 *
 * Keep-alive: SoupServer 3.2 keeps a connection open after an answer only
 * while it has a listener of its own (request_finished() checks its list of
 * listeners), and closes every connection given to it by
 * soup_server_accept_iostream() otherwise. So it gets one that nobody can
 * reach: a Unix socket bound in a private temporary directory whose name is
 * removed at once; it never accepts anything. Connections stay ours.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tc-service-listener-private.h"

/* GSocket's default backlog of 10 overflows when a client opens many
 * connections at once (libsoup opens one per non-idempotent request), and
 * the kernel then resets them; take the usual SOMAXCONN-sized one. */
#define LISTEN_BACKLOG      128
/* Connections accepted per wake-up before the main context gets a turn. */
#define ACCEPT_BATCH        32
#define BACKOFF_MIN_MS      25
#define BACKOFF_MAX_MS      1000

static void resume_accepting (TcServiceListener *self);

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
      _tc_conn_serve (self, client);
    }
  return G_SOURCE_CONTINUE;
}

void
_tc_listener_conn_closed (TcServiceListener *self)
{
  resume_accepting (self);
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

/* SoupServer's listener that nobody can reach (see the top of the file):
 * a Unix socket bound in a directory of our own, its name removed at once,
 * so that no process can connect to it. */
static gboolean
listen_for_keep_alive (TcServiceListener  *self,
                       GError            **error)
{
  g_autofree char *dir = g_dir_make_tmp ("timecard-service-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "unreachable", NULL);
  address = g_unix_socket_address_new (path);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                         error);
  ok = socket != NULL && g_socket_bind (socket, address, FALSE, error) &&
       g_socket_listen (socket, error);
  g_unlink (path);
  g_rmdir (dir);
  if (!ok || !soup_server_listen_socket (self->server, socket, 0, error))
    return FALSE;
  self->keep_alive = g_steal_pointer (&socket);
  return TRUE;
}

TcServiceListener *
_tc_service_listener_new (SoupServer             *server,
                          GSocketAddress         *address,
                          const TcServiceLimits  *limits,
                          GError                **error)
{
  TcServiceListener *self = g_new0 (TcServiceListener, 1);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) keep_alive_error = NULL;

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
  if (!listen_for_keep_alive (self, &keep_alive_error))
    g_message ("Connections will carry one request each: %s", keep_alive_error->message);
  self->started_id = g_signal_connect (server, "request-started",
                                       G_CALLBACK (_tc_conn_request_started_cb), self);
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
    _tc_conn_abandon (key);
  g_hash_table_unref (self->conns);
  g_hash_table_unref (self->by_address);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  /* SoupServer closes its own listener when it is disconnected; the
   * GSocket stays ours. */
  g_clear_object (&self->keep_alive);
  g_main_context_unref (self->context);
  g_object_unref (self->server);
  g_free (self);
}
