/* tc-picture.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service refuses what it cannot use; checking here first means a
 * person learns what is wrong with the file before anything is sent, and
 * a 20-megapixel photo goes over the wire as a small square PNG.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "tc-picture.h"
#include "tc-wire.h"

G_DEFINE_QUARK (tc-picture-error-quark, tc_picture_error)

static const char * const accepted_types[] = {
  "image/png",
  "image/jpeg",
  "image/webp",
  NULL,
};

static gboolean
check_type (GBytes  *data,
            GError **error)
{
  g_autofree char *type = NULL;
  gsize size;
  const guchar *bytes = g_bytes_get_data (data, &size);

  type = g_content_type_guess (NULL, bytes, size, NULL);
  for (guint i = 0; accepted_types[i] != NULL; i++)
    {
      g_autofree char *mime = g_content_type_get_mime_type (type);

      if (g_strcmp0 (mime, accepted_types[i]) == 0)
        return TRUE;
    }

  g_set_error (error, TC_PICTURE_ERROR, TC_PICTURE_ERROR_UNSUPPORTED,
               "Unsupported image type %s", type);
  return FALSE;
}

static GdkPixbuf *
decode (GBytes  *data,
        GError **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;

  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, TC_PICTURE_ERROR, TC_PICTURE_ERROR_UNREADABLE,
                   "Cannot decode the image: %s", local_error->message);
      return NULL;
    }

  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static GdkPixbuf *
crop_and_scale (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int side = MIN (width, height);
  int target = MIN (side, TC_PICTURE_MAX_SIZE);
  g_autoptr(GdkPixbuf) square = NULL;

  square = gdk_pixbuf_new_subpixbuf (pixbuf, (width - side) / 2, (height - side) / 2, side, side);
  return gdk_pixbuf_scale_simple (square, target, target, GDK_INTERP_BILINEAR);
}

GBytes *
tc_picture_prepare (GBytes  *data,
                    GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) result = NULL;
  g_autofree char *buffer = NULL;
  gsize buffer_size = 0;

  g_return_val_if_fail (data != NULL, NULL);

  if (g_bytes_get_size (data) > TC_WIRE_IMAGE_MAX_BYTES)
    {
      g_set_error (error, TC_PICTURE_ERROR, TC_PICTURE_ERROR_TOO_LARGE,
                   "The image is %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (data));
      return NULL;
    }

  if (!check_type (data, error) || !(pixbuf = decode (data, error)))
    return NULL;

  if (gdk_pixbuf_get_width (pixbuf) < TC_PICTURE_MIN_SIZE ||
      gdk_pixbuf_get_height (pixbuf) < TC_PICTURE_MIN_SIZE)
    {
      g_set_error (error, TC_PICTURE_ERROR, TC_PICTURE_ERROR_TOO_SMALL,
                   "The image is %d×%d pixels",
                   gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf));
      return NULL;
    }

  result = crop_and_scale (pixbuf);
  if (!gdk_pixbuf_save_to_buffer (result, &buffer, &buffer_size, "png", error, NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&buffer), buffer_size);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *png = tc_picture_prepare (task_data, &error);

  if (png == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);
}

void
tc_picture_prepare_async (GBytes              *data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (data != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_picture_prepare_async);
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify) g_bytes_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, prepare_thread);
}

GBytes *
tc_picture_prepare_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tc_picture_prepare_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
