/* tc-service-conn-stream.c — the stream a kept-alive connection gives SoupServer
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup 3.2 (Debian 12) loses a kept-alive connection whose client
 * closes it between two requests, which is what curl and most clients do:
 * after an answer it waits for the next request with a message whose
 * completion callback is only set once a first byte of that request
 * arrives (soup-server-message-io-http1.c, io_read(): started_cb runs when
 * read_header_buf is not empty). End-of-file before that byte ends the
 * message with nobody told, so the connection is never disconnected: its
 * descriptor and objects stay behind for good.
 *
 * TcConnStream passes the socket's streams through, except for that one
 * case: when the input ends after an answer and before any byte of the
 * next request, the first read returns a lone "\n" instead of end-of-file.
 * libsoup then starts a request, finds its headers broken and the
 * connection gone, and disconnects it as it does for any failed request:
 * the descriptor is closed and every object is freed. Nothing of the
 * sort reaches a handler (SoupServer answers 400 itself to a peer that is
 * gone).
 */

#include "config.h"

#include "tc-service-listener-private.h"

/* The input stream */

#define TC_TYPE_CONN_INPUT (tc_conn_input_get_type ())
G_DECLARE_FINAL_TYPE (TcConnInput, tc_conn_input, TC, CONN_INPUT, GInputStream)

struct _TcConnInput
{
  GInputStream  parent_instance;
  GInputStream *base;          /* the socket's, pollable */
  gboolean      answered;      /* an answer was written, no byte read since */
  gboolean      injected;      /* the "\n" was handed out */
};

static void tc_conn_input_pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TcConnInput, tc_conn_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      tc_conn_input_pollable_iface_init))

/* What a read of @n bytes from the socket becomes. */
static gssize
tc_conn_input_filter (TcConnInput *self,
                      gssize       n,
                      void        *buffer,
                      gsize        count)
{
  if (n > 0)
    self->answered = FALSE;
  else if (n == 0 && self->answered && !self->injected && count > 0)
    {
      self->injected = TRUE;
      ((char *) buffer)[0] = '\n';
      return 1;
    }
  return n;
}

static gssize
tc_conn_input_read (GInputStream  *stream,
                    void          *buffer,
                    gsize          count,
                    GCancellable  *cancellable,
                    GError       **error)
{
  TcConnInput *self = TC_CONN_INPUT (stream);

  return tc_conn_input_filter (self, g_input_stream_read (self->base, buffer, count,
                                                          cancellable, error),
                               buffer, count);
}

static gboolean
tc_conn_input_close (GInputStream  *stream,
                     GCancellable  *cancellable,
                     GError       **error)
{
  /* The socket is closed with the TcConnStream. */
  return TRUE;
}

static gboolean
tc_conn_input_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
tc_conn_input_is_readable (GPollableInputStream *stream)
{
  return g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (TC_CONN_INPUT (stream)->base));
}

static GSource *
tc_conn_input_create_source (GPollableInputStream *stream,
                             GCancellable         *cancellable)
{
  TcConnInput *self = TC_CONN_INPUT (stream);
  g_autoptr(GSource) base_source = NULL;

  base_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base),
                                                       NULL);
  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static gssize
tc_conn_input_read_nonblocking (GPollableInputStream  *stream,
                                void                  *buffer,
                                gsize                  count,
                                GError               **error)
{
  TcConnInput *self = TC_CONN_INPUT (stream);

  return tc_conn_input_filter (self,
                               g_pollable_input_stream_read_nonblocking (
                                 G_POLLABLE_INPUT_STREAM (self->base), buffer, count, NULL, error),
                               buffer, count);
}

static void
tc_conn_input_finalize (GObject *object)
{
  g_clear_object (&TC_CONN_INPUT (object)->base);
  G_OBJECT_CLASS (tc_conn_input_parent_class)->finalize (object);
}

static void
tc_conn_input_class_init (TcConnInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = tc_conn_input_finalize;
  stream_class->read_fn = tc_conn_input_read;
  stream_class->close_fn = tc_conn_input_close;
}

static void
tc_conn_input_pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = tc_conn_input_can_poll;
  iface->is_readable = tc_conn_input_is_readable;
  iface->create_source = tc_conn_input_create_source;
  iface->read_nonblocking = tc_conn_input_read_nonblocking;
}

static void
tc_conn_input_init (TcConnInput *self)
{
}

/* The I/O stream */

struct _TcConnStream
{
  GIOStream          parent_instance;
  GIOStream         *base;       /* the GSocketConnection */
  TcConnInput       *input;
};

G_DEFINE_FINAL_TYPE (TcConnStream, tc_conn_stream, G_TYPE_IO_STREAM)

static GInputStream *
tc_conn_stream_get_input_stream (GIOStream *stream)
{
  return G_INPUT_STREAM (TC_CONN_STREAM (stream)->input);
}

static GOutputStream *
tc_conn_stream_get_output_stream (GIOStream *stream)
{
  return g_io_stream_get_output_stream (TC_CONN_STREAM (stream)->base);
}

static gboolean
tc_conn_stream_close (GIOStream     *stream,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return g_io_stream_close (TC_CONN_STREAM (stream)->base, cancellable, error);
}

static void
tc_conn_stream_finalize (GObject *object)
{
  TcConnStream *self = TC_CONN_STREAM (object);

  g_clear_object (&self->input);
  g_clear_object (&self->base);
  G_OBJECT_CLASS (tc_conn_stream_parent_class)->finalize (object);
}

static void
tc_conn_stream_class_init (TcConnStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = tc_conn_stream_finalize;
  stream_class->get_input_stream = tc_conn_stream_get_input_stream;
  stream_class->get_output_stream = tc_conn_stream_get_output_stream;
  stream_class->close_fn = tc_conn_stream_close;
}

static void
tc_conn_stream_init (TcConnStream *self)
{
}

TcConnStream *
_tc_conn_stream_new (GSocketConnection *base)
{
  TcConnStream *self = g_object_new (TC_TYPE_CONN_STREAM, NULL);

  self->base = g_object_ref (G_IO_STREAM (base));
  self->input = g_object_new (TC_TYPE_CONN_INPUT, NULL);
  self->input->base = g_object_ref (g_io_stream_get_input_stream (self->base));
  return self;
}

/* An answer was written: an end of input before the next byte is a client
 * that closed between requests. */
void
_tc_conn_stream_answered (TcConnStream *self)
{
  self->input->answered = TRUE;
}
