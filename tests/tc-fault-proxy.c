/* tc-fault-proxy.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request per connection, both ways: the proxy answers with
 * "Connection: close" and asks the upstream for the same, so each client
 * request is exactly one accepted connection and one count, and an answer
 * is simply everything the upstream sent until it closed.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tc-fault-proxy.h"

#define HEAD_LIMIT (64 * 1024)
#define READ_CHUNK 16384

typedef struct
{
  char    *method;   /* NULL: any */
  char    *path;     /* NULL: any */
  TcFault  fault;
} Pending;

struct _TcFaultProxy
{
  int               ref_count;
  GSocketService   *service;
  GCancellable     *cancellable;
  guint16           port;
  guint16           upstream_port;
  TcFault           standing;
  char             *standing_method;
  GQueue            pending;     /* of Pending, oldest first */
  guint             latency_ms;
  guint             hold_ms;
  guint             retry_after;
  GHashTable       *counts;      /* "METHOD /path" → count */
  guint             total;
  guint             faulted;
  guint             forwarded;
  guint             open;
};

typedef struct
{
  TcFaultProxy      *proxy;
  GSocketConnection *client;
  GSocketConnection *upstream;
  GByteArray        *request;
  gsize              head_len;    /* 0 until the head is complete */
  gsize              body_len;
  char              *method;
  char              *path;
  TcFault            fault;
  GOutputStream     *answer;      /* a GMemoryOutputStream */
  GBytes            *out;         /* what goes back to the client */
  guint8             buf[READ_CHUNK];
} Conn;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->method);
  g_free (pending->path);
  g_free (pending);
}

static void
proxy_unref (TcFaultProxy *self)
{
  if (--self->ref_count > 0)
    return;
  g_queue_clear_full (&self->pending, pending_free);
  g_hash_table_unref (self->counts);
  g_object_unref (self->cancellable);
  g_free (self->standing_method);
  g_free (self);
}

static void
conn_free (Conn *conn)
{
  conn->proxy->open--;
  if (conn->client != NULL)
    g_io_stream_close (G_IO_STREAM (conn->client), NULL, NULL);
  if (conn->upstream != NULL)
    g_io_stream_close (G_IO_STREAM (conn->upstream), NULL, NULL);
  g_clear_object (&conn->client);
  g_clear_object (&conn->upstream);
  g_clear_object (&conn->answer);
  g_clear_pointer (&conn->out, g_bytes_unref);
  g_byte_array_unref (conn->request);
  g_free (conn->method);
  g_free (conn->path);
  proxy_unref (conn->proxy);
  g_free (conn);
}

static const char *
find_head_end (const guint8 *data,
               gsize         len)
{
  for (gsize i = 0; i + 3 < len; i++)
    if (memcmp (data + i, "\r\n\r\n", 4) == 0)
      return (const char *) data + i + 4;
  return NULL;
}

/* The head without Connection/Keep-Alive lines, with "Connection: close"
 * and, when @content_length is not -1, that Content-Length. */
static GString *
rewrite_head (const char *head,
              gsize       head_len,
              gssize      content_length)
{
  g_autofree char *text = g_strndup (head, head_len);
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (g_ascii_strncasecmp (lines[i], "Connection:", 11) == 0 ||
          g_ascii_strncasecmp (lines[i], "Keep-Alive:", 11) == 0)
        continue;
      if (content_length >= 0 && g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
        continue;
      g_string_append_printf (out, "%s\r\n", lines[i]);
    }
  if (content_length >= 0)
    g_string_append_printf (out, "Content-Length: %" G_GSSIZE_FORMAT "\r\n", content_length);
  g_string_append (out, "Connection: close\r\n\r\n");
  return out;
}

static gboolean
parse_request_head (Conn *conn)
{
  const char *data = (const char *) conn->request->data;
  const char *end = find_head_end (conn->request->data, conn->request->len);
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) words = NULL;
  const char *path;

  if (end == NULL)
    return FALSE;
  conn->head_len = (gsize) (end - data);
  head = g_strndup (data, conn->head_len);
  lines = g_strsplit (head, "\r\n", -1);
  words = g_strsplit (lines[0], " ", 3);
  g_assert_cmpuint (g_strv_length (words), ==, 3);
  conn->method = g_strdup (words[0]);
  path = words[1];
  if (g_str_has_prefix (path, "/api"))
    path += 4;
  conn->path = g_strndup (path, strcspn (path, "?"));

  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
        conn->body_len = g_ascii_strtoull (lines[i] + 15, NULL, 10);
      /* libsoup sends Content-Length for the bodies Timecard builds. */
      g_assert_false (g_ascii_strncasecmp (lines[i], "Transfer-Encoding:", 18) == 0);
    }
  return TRUE;
}

static TcFault
take_fault (TcFaultProxy *self,
            const char   *method,
            const char   *path)
{
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      Pending *pending = l->data;

      if ((pending->method == NULL || g_strcmp0 (pending->method, method) == 0) &&
          (pending->path == NULL || g_strcmp0 (pending->path, path) == 0))
        {
          TcFault fault = pending->fault;

          g_queue_delete_link (&self->pending, l);
          pending_free (pending);
          return fault;
        }
    }
  if (self->standing_method == NULL || g_strcmp0 (self->standing_method, method) == 0)
    return self->standing;
  return TC_FAULT_NONE;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Conn *conn = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  conn_free (conn);
}

/* Sends @bytes to the client and closes the connection. */
static void
reply (Conn   *conn,
       GBytes *bytes)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  conn->out = bytes;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (conn->client)),
                                   data, len, G_PRIORITY_DEFAULT, conn->proxy->cancellable,
                                   written_cb, conn);
}

static void
reply_canned (Conn       *conn,
              guint       status,
              const char *reason,
              const char *extra_header,
              const char *body)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "HTTP/1.1 %u %s\r\n", status, reason);
  if (extra_header != NULL)
    g_string_append_printf (text, "%s\r\n", extra_header);
  g_string_append_printf (text, "Content-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          strlen (body), body);
  reply (conn, g_string_free_to_bytes (text));
}

/* The upstream's whole answer is in conn->answer: pass it on, harmed as
 * the fault says. */
static void
answer_client (Conn *conn)
{
  g_autoptr(GBytes) answer =
    g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (conn->answer));
  gsize len;
  const char *data = g_bytes_get_data (answer, &len);
  const char *body = find_head_end ((const guint8 *) data, len);
  gsize head_len, body_len;
  g_autoptr(GString) head = NULL;
  GString *out;

  if (body == NULL)
    {
      /* The upstream closed without a whole answer: so does the proxy. */
      conn_free (conn);
      return;
    }
  head_len = (gsize) (body - data);
  body_len = len - head_len;

  switch (conn->fault)
    {
    case TC_FAULT_DROP_RESPONSE:
      head = rewrite_head (data, head_len, (gssize) body_len);
      out = g_string_new_len (head->str, (gssize) head->len);
      g_string_append_len (out, body, (gssize) (body_len / 2));
      break;

    case TC_FAULT_TRUNCATED:
      head = rewrite_head (data, head_len, (gssize) (body_len / 2));
      out = g_string_new_len (head->str, (gssize) head->len);
      g_string_append_len (out, body, (gssize) (body_len / 2));
      break;

    case TC_FAULT_NOT_JSON:
      {
        static const char page[] = "<html><body><h1>Bad Gateway</h1></body></html>";
        g_autofree char *first = g_strndup (data, strcspn (data, "\r"));

        out = g_string_new (first);
        g_string_append_printf (out, "\r\nContent-Type: text/html\r\nContent-Length: %zu\r\n"
                                "Connection: close\r\n\r\n%s", strlen (page), page);
      }
      break;

    case TC_FAULT_NONE:
    case TC_FAULT_LATENCY:
    case TC_FAULT_DROP_REQUEST:
    case TC_FAULT_500:
    case TC_FAULT_429:
    default:
      conn->proxy->forwarded++;
      head = rewrite_head (data, head_len, -1);
      out = g_string_new_len (head->str, (gssize) head->len);
      g_string_append_len (out, body, (gssize) body_len);
      break;
    }

  reply (conn, g_string_free_to_bytes (out));
}

static void
spliced_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      conn_free (conn);
      return;
    }
  answer_client (conn);
}

static void
upstream_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&conn->out, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      conn_free (conn);
      return;
    }
  conn->answer = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (conn->answer,
                                g_io_stream_get_input_stream (G_IO_STREAM (conn->upstream)),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, G_PRIORITY_DEFAULT,
                                conn->proxy->cancellable, spliced_cb, conn);
}

static void
upstream_connected_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) head = NULL;
  g_autoptr(GBytes) bytes = NULL;

  conn->upstream = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (object), result, &error);
  if (conn->upstream == NULL)
    {
      /* The upstream is down: the client sees its connection close, as
       * it would through a real reverse proxy that gives up. */
      conn_free (conn);
      return;
    }

  head = rewrite_head ((const char *) conn->request->data, conn->head_len, -1);
  g_string_append_len (head, (const char *) conn->request->data + conn->head_len,
                       (gssize) conn->body_len);
  conn->out = g_string_free_to_bytes (g_steal_pointer (&head));
  /* conn->out lives until the write is done (upstream_written_cb). */
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (conn->upstream)),
                                   g_bytes_get_data (conn->out, NULL),
                                   g_bytes_get_size (conn->out), G_PRIORITY_DEFAULT,
                                   conn->proxy->cancellable, upstream_written_cb, conn);
}

static void
forward (Conn *conn)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  g_socket_client_connect_to_host_async (client, "127.0.0.1", conn->proxy->upstream_port,
                                         conn->proxy->cancellable, upstream_connected_cb, conn);
}

static gboolean
latency_done_cb (gpointer user_data)
{
  Conn *conn = user_data;

  if (g_cancellable_is_cancelled (conn->proxy->cancellable))
    conn_free (conn);
  else
    forward (conn);
  return G_SOURCE_REMOVE;
}

static void
act (Conn *conn)
{
  TcFaultProxy *self = conn->proxy;

  switch (conn->fault)
    {
    case TC_FAULT_500:
      reply_canned (conn, 500, "Internal Server Error", NULL,
                    "{\"message\":\"Injected failure\",\"code\":500}");
      break;

    case TC_FAULT_429:
      {
        g_autofree char *header = g_strdup_printf ("Retry-After: %u", self->retry_after);

        reply_canned (conn, 429, "Too Many Requests", header,
                      "{\"message\":\"Too many requests\",\"code\":429}");
      }
      break;

    case TC_FAULT_LATENCY:
      g_timeout_add (self->latency_ms, latency_done_cb, conn);
      break;

    case TC_FAULT_DROP_REQUEST:
      /* Reached only when the request had no body to cut. */
      conn_free (conn);
      break;

    case TC_FAULT_NONE:
    case TC_FAULT_DROP_RESPONSE:
    case TC_FAULT_TRUNCATED:
    case TC_FAULT_NOT_JSON:
    default:
      forward (conn);
      break;
    }
}

static gboolean
hold_done_cb (gpointer user_data)
{
  Conn *conn = user_data;

  if (g_cancellable_is_cancelled (conn->proxy->cancellable))
    conn_free (conn);
  else
    act (conn);
  return G_SOURCE_REMOVE;
}

static void
dispatch (Conn *conn)
{
  TcFaultProxy *self = conn->proxy;
  g_autofree char *key = g_strdup_printf ("%s %s", conn->method, conn->path);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));

  g_hash_table_insert (self->counts, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
  self->total++;
  if (conn->fault != TC_FAULT_NONE)
    self->faulted++;

  if (self->hold_ms > 0 && conn->fault != TC_FAULT_NONE && conn->fault != TC_FAULT_LATENCY)
    g_timeout_add (self->hold_ms, hold_done_cb, conn);
  else
    act (conn);
}

static void read_more (Conn *conn);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Conn *conn = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0)
    {
      conn_free (conn);
      return;
    }
  g_byte_array_append (conn->request, conn->buf, (guint) n);

  if (conn->head_len == 0)
    {
      if (!parse_request_head (conn))
        {
          if (conn->request->len > HEAD_LIMIT)
            conn_free (conn);
          else
            read_more (conn);
          return;
        }
      conn->fault = take_fault (conn->proxy, conn->method, conn->path);
    }

  /* Cut the request mid-body: count it, read no further, close. */
  if (conn->fault == TC_FAULT_DROP_REQUEST && conn->body_len > 0 &&
      conn->request->len >= conn->head_len + conn->body_len / 2)
    {
      conn->body_len = 0;
      dispatch (conn);
      return;
    }

  if (conn->request->len < conn->head_len + conn->body_len)
    read_more (conn);
  else
    dispatch (conn);
}

static void
read_more (Conn *conn)
{
  gsize want = sizeof conn->buf;

  /* A request cut mid-body must not be read whole in one go. */
  if (conn->head_len > 0 && conn->fault == TC_FAULT_DROP_REQUEST && conn->body_len > 1)
    want = MIN (want, MAX (1, conn->head_len + conn->body_len / 2 - conn->request->len));
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (conn->client)),
                             conn->buf, want, G_PRIORITY_DEFAULT,
                             conn->proxy->cancellable, read_cb, conn);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  TcFaultProxy *self = user_data;
  Conn *conn = g_new0 (Conn, 1);

  self->ref_count++;
  self->open++;
  conn->proxy = self;
  conn->client = g_object_ref (connection);
  conn->request = g_byte_array_new ();
  read_more (conn);
  return TRUE;
}

TcFaultProxy *
tc_fault_proxy_new (const char *upstream_base_url)
{
  TcFaultProxy *self = g_new0 (TcFaultProxy, 1);
  g_autoptr(GUri) uri = g_uri_parse (upstream_base_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  self->ref_count = 1;
  self->upstream_port = (guint16) g_uri_get_port (uri);
  self->cancellable = g_cancellable_new ();
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->latency_ms = 200;
  self->retry_after = 1;

  self->service = g_socket_service_new ();
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) effective = NULL;

    g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                                  G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                  NULL, &effective, &error));
    g_assert_no_error (error);
    self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  }
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);
  return self;
}

void
tc_fault_proxy_free (TcFaultProxy *self)
{
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);
  g_cancellable_cancel (self->cancellable);
  proxy_unref (self);
}

char *
tc_fault_proxy_dup_base_url (TcFaultProxy *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u/api", self->port);
}

void
tc_fault_proxy_set_fault (TcFaultProxy *self,
                          const char   *method,
                          TcFault       fault)
{
  g_free (self->standing_method);
  self->standing_method = g_strdup (method);
  self->standing = fault;
}

void
tc_fault_proxy_push (TcFaultProxy *self,
                     const char   *method,
                     const char   *path,
                     TcFault       fault,
                     guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->method = g_strdup (method);
      pending->path = g_strdup (path);
      pending->fault = fault;
      g_queue_push_tail (&self->pending, pending);
    }
}

void
tc_fault_proxy_set_latency (TcFaultProxy *self,
                            guint         ms)
{
  self->latency_ms = ms;
}

void
tc_fault_proxy_set_hold (TcFaultProxy *self,
                         guint         ms)
{
  self->hold_ms = ms;
}

void
tc_fault_proxy_set_retry_after (TcFaultProxy *self,
                                guint         seconds)
{
  self->retry_after = seconds;
}

guint
tc_fault_proxy_count (TcFaultProxy *self,
                      const char   *method,
                      const char   *path)
{
  g_autofree char *key = g_strdup_printf ("%s %s", method, path);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));
}

guint
tc_fault_proxy_faulted (TcFaultProxy *self)
{
  return self->faulted;
}

guint
tc_fault_proxy_forwarded (TcFaultProxy *self)
{
  return self->forwarded;
}

guint
tc_fault_proxy_total (TcFaultProxy *self)
{
  return self->total;
}

guint
tc_fault_proxy_open (TcFaultProxy *self)
{
  return self->open;
}
