/* tc-core-test-server.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tc-core-test-server.h"

typedef struct
{
  guint  status;
  char  *body;
  char  *header_name;
  char  *header_value;
  guint  delay_ms;
} Canned;

struct _TcCoreTestServer
{
  SoupServer  *server;
  SoupSession *session;
  char        *upstream;   /* "http://127.0.0.1:P", without /api */
  GQueue       canned;
  GPtrArray   *log;        /* "METHOD /v1/…" */
};

static void
canned_free (Canned *canned)
{
  g_free (canned->body);
  g_free (canned->header_name);
  g_free (canned->header_value);
  g_free (canned);
}

static void
answer (SoupServerMessage *msg,
        Canned            *canned)
{
  soup_server_message_set_status (msg, canned->status, NULL);
  if (canned->header_name != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  canned->header_name, canned->header_value);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    canned->body, strlen (canned->body));
}

typedef struct
{
  SoupServerMessage *msg;
  Canned            *canned;
} Delayed;

static void
disconnected_cb (SoupServerMessage *msg)
{
  g_object_set_data (G_OBJECT (msg), "tc-disconnected", GINT_TO_POINTER (TRUE));
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  /* The client hung up (cancelled) while the answer was held back. */
  if (g_object_get_data (G_OBJECT (delayed->msg), "tc-disconnected") == NULL)
    {
      answer (delayed->msg, delayed->canned);
      soup_server_message_unpause (delayed->msg);
    }
  g_object_unref (delayed->msg);
  canned_free (delayed->canned);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
forward_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  SoupMessage *upstream = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  static const char * const copied[] = { "Content-Type", "Last-Page", "Retry-After", "Allow" };

  /* The client hung up (cancelled) while upstream was answering. */
  if (g_object_get_data (G_OBJECT (msg), "tc-disconnected") != NULL)
    return;

  if (bytes == NULL)
    soup_server_message_set_status (msg, 502, NULL);
  else
    {
      soup_server_message_set_status (msg, soup_message_get_status (upstream), NULL);
      for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
        {
          const char *value = soup_message_headers_get_one (soup_message_get_response_headers (upstream),
                                                            copied[i]);
          if (value != NULL)
            soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                          copied[i], value);
        }
      /* 204 and friends have no body; libsoup refuses an empty append. */
      if (g_bytes_get_size (bytes) > 0)
        soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
    }
  soup_server_message_unpause (msg);
}

static void
forward (TcCoreTestServer  *self,
         SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *url = g_strconcat (self->upstream, g_uri_get_path (uri),
                                      g_uri_get_query (uri) ? "?" : "",
                                      g_uri_get_query (uri) ? g_uri_get_query (uri) : "", NULL);
  g_autoptr(SoupMessage) upstream = soup_message_new (soup_server_message_get_method (msg), url);
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  const char *key = soup_message_headers_get_one (in, "X-Api-Key");
  const char *type = soup_message_headers_get_one (in, "Content-Type");

  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (upstream), "X-Api-Key", key);
  if (g_bytes_get_size (bytes) > 0)
    soup_message_set_request_body_from_bytes (upstream, type, bytes);

  g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), NULL);
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (self->session, upstream, G_PRIORITY_DEFAULT, NULL,
                                    forward_cb, g_object_ref (msg));
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  TcCoreTestServer *self = user_data;
  Canned *canned = g_queue_pop_head (&self->canned);
  const char *api_path = g_str_has_prefix (path, "/api") ? path + 4 : path;

  g_ptr_array_add (self->log, g_strdup_printf ("%s %s", soup_server_message_get_method (msg), api_path));

  if (canned == NULL && self->upstream != NULL)
    forward (self, msg);
  else if (canned == NULL)
    soup_server_message_set_status (msg, 404, NULL);
  else if (canned->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->msg = g_object_ref (msg);
      delayed->canned = canned;
      g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), NULL);
      soup_server_message_pause (msg);
      g_timeout_add (canned->delay_ms, delayed_cb, delayed);
    }
  else
    {
      answer (msg, canned);
      canned_free (canned);
    }
}

TcCoreTestServer *
tc_core_test_server_new (const char *upstream_base_url)
{
  TcCoreTestServer *self = g_new0 (TcCoreTestServer, 1);
  g_autoptr(GError) error = NULL;

  self->server = soup_server_new (NULL, NULL);
  self->session = soup_session_new ();
  self->log = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&self->canned);
  if (upstream_base_url != NULL)
    {
      self->upstream = g_strdup (upstream_base_url);
      if (g_str_has_suffix (self->upstream, "/api"))
        self->upstream[strlen (self->upstream) - 4] = '\0';
    }

  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  return self;
}

void
tc_core_test_server_free (TcCoreTestServer *self)
{
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->session);
  g_queue_clear_full (&self->canned, (GDestroyNotify) canned_free);
  g_ptr_array_unref (self->log);
  g_free (self->upstream);
  g_free (self);
}

char *
tc_core_test_server_dup_base_url (TcCoreTestServer *self)
{
  GSList *uris = soup_server_get_uris (self->server);
  char *url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
tc_core_test_server_push (TcCoreTestServer *self,
                          guint             status,
                          const char       *body,
                          const char       *header_name,
                          const char       *header_value,
                          guint             delay_ms)
{
  Canned *canned = g_new0 (Canned, 1);

  canned->status = status;
  canned->body = g_strdup (body ? body : "");
  canned->header_name = g_strdup (header_name);
  canned->header_value = g_strdup (header_value);
  canned->delay_ms = delay_ms;
  g_queue_push_tail (&self->canned, canned);
}

guint
tc_core_test_server_count (TcCoreTestServer *self,
                           const char       *method,
                           const char       *path)
{
  g_autofree char *wanted = g_strdup_printf ("%s %s", method, path);
  guint n = 0;

  for (guint i = 0; i < self->log->len; i++)
    n += g_str_equal (g_ptr_array_index (self->log, i), wanted);
  return n;
}

guint
tc_core_test_server_total (TcCoreTestServer *self)
{
  return self->log->len;
}
