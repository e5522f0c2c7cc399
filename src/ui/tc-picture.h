/* tc-picture.h — a profile picture checked and made ready for upload
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TC_PICTURE_ERROR (tc_picture_error_quark ())

/**
 * TcPictureError:
 * @TC_PICTURE_ERROR_TOO_LARGE: the file is over TC_WIRE_IMAGE_MAX_BYTES
 * @TC_PICTURE_ERROR_UNSUPPORTED: not PNG, JPEG or WebP
 * @TC_PICTURE_ERROR_UNREADABLE: the file says it is an image but does not
 *   decode
 * @TC_PICTURE_ERROR_TOO_SMALL: under TC_PICTURE_MIN_SIZE pixels a side
 */
typedef enum {
  TC_PICTURE_ERROR_TOO_LARGE,
  TC_PICTURE_ERROR_UNSUPPORTED,
  TC_PICTURE_ERROR_UNREADABLE,
  TC_PICTURE_ERROR_TOO_SMALL,
} TcPictureError;

#define TC_PICTURE_MIN_SIZE  64
#define TC_PICTURE_MAX_SIZE 512

GQuark  tc_picture_error_quark   (void);

/* Checks @data (type, size, decodes, dimensions), crops it to a centred
 * square, scales it to at most TC_PICTURE_MAX_SIZE and encodes it as PNG,
 * on a worker thread. */
void    tc_picture_prepare_async  (GBytes              *data,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* The PNG to upload, or NULL with a TC_PICTURE_ERROR. */
GBytes *tc_picture_prepare_finish (GAsyncResult        *result,
                                   GError             **error);
/* The same, synchronously: for the worker thread and tests. */
GBytes *tc_picture_prepare        (GBytes              *data,
                                   GError             **error);

G_END_DECLS
