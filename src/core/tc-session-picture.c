/* tc-session-picture.c — the bytes of the user's profile picture
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET profilePicture through the API client's SoupSession: https (or http
 * to loopback) only, no redirects, the API key only when the picture is on
 * the API's own origin (a CDN never sees it), at most PICTURE_MAX_BYTES
 * read (the Content-Length is checked first, the body as it streams), and
 * the bytes must start like a PNG, JPEG or WebP. Views make a texture of
 * them; they never see a URL.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tc-api-client-private.h"
#include "tc-api-error.h"
#include "tc-session-private.h"
#include "tc-wire.h"

/* What the service accepts, plus slack for a CDN's re-encoding. */
#define PICTURE_MAX_BYTES (TC_WIRE_IMAGE_MAX_BYTES + 256 * 1024)
#define CHUNK_BYTES       (64 * 1024)

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *data;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->message);
  g_clear_object (&load->stream);
  g_clear_pointer (&load->data, g_byte_array_unref);
  g_free (load);
}

static gboolean
is_image (const guint8 *data,
          gsize         size)
{
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return TRUE;
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return TRUE;
  return size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0;
}

static void
return_too_large (GTask *task)
{
  g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_TOO_LARGE,
                           "The profile picture is larger than %u bytes",
                           (guint) PICTURE_MAX_BYTES);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      GError *mapped = NULL;

      tc_api_error_take_transport (&mapped, error);
      g_task_return_error (task, mapped);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      g_byte_array_append (load->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      if (load->data->len > PICTURE_MAX_BYTES)
        return_too_large (task);
      else
        read_next (g_steal_pointer (&task));
      return;
    }

  if (!is_image (load->data->data, load->data->len))
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                               "The profile picture is not a PNG, JPEG or WebP image");
      return;
    }

  g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&load->data)),
                         (GDestroyNotify) g_bytes_unref);
}

static void
read_next (GTask *task)
{
  Load *load = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (load->stream, CHUNK_BYTES, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

/* Reads the (small) error body for tc_api_error_from_response(). */
static gboolean
check_status (GTask *task)
{
  Load *load = g_task_get_task_data (task);
  guint status = soup_message_get_status (load->message);
  g_autoptr(GBytes) empty = NULL;
  GError *error = NULL;
  goffset length;

  if (status < 200 || status >= 300)
    {
      empty = g_bytes_new (NULL, 0);
      if (tc_api_error_from_response (status, empty, &error))
        error = g_error_new (TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                             "HTTP status %u", status);
      g_task_return_error (task, error);
      return FALSE;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (load->message));
  if (length > PICTURE_MAX_BYTES)
    {
      return_too_large (task);
      return FALSE;
    }

  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;

  load->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (load->stream == NULL)
    {
      GError *mapped = NULL;

      tc_api_error_take_transport (&mapped, error);
      g_task_return_error (task, mapped);
      return;
    }

  if (check_status (task))
    read_next (g_steal_pointer (&task));
}

void
tc_session_load_picture_async (TcSession           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *url;
  Load *load;

  g_return_if_fail (TC_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_session_load_picture_async);

  url = self->user ? tc_user_get_profile_picture (self->user) : NULL;
  if (url == NULL || url[0] == '\0')
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_NOT_FOUND,
                               "The user has no profile picture");
      return;
    }
  if (!tc_wire_validate_server_url (url))
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INSECURE,
                               "The profile picture is not on an HTTPS address");
      return;
    }

  load = g_new0 (Load, 1);
  load->data = g_byte_array_new ();
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  load->message = soup_message_new ("GET", url);
  if (load->message == NULL)
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                               "The profile picture address is not valid");
      return;
    }

  /* A redirect could lead to plain HTTP or take the key elsewhere. */
  soup_message_add_flags (load->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (load->message),
                                "Accept", "image/png, image/jpeg, image/webp");
  _tc_api_client_authorize (self->client, load->message);

  soup_session_send_async (_tc_api_client_get_soup_session (self->client), load->message,
                           G_PRIORITY_DEFAULT, cancellable, send_cb, g_steal_pointer (&task));
}

GBytes *
tc_session_load_picture_finish (TcSession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TC_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tc_session_load_picture_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
