/* fuzz-image.c — libFuzzer target: the picture upload's header parser
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * _tc_image_sniff() reads the type from the magic bytes and the size from
 * the PNG IHDR, the JPEG start-of-frame (walking the marker segments) or
 * the WebP VP8/VP8L/VP8X header of an uploaded file. The input is the
 * file; it is copied to a buffer of exactly its size so ASan catches any
 * read past its end. The multipart body around the file is fuzzed through
 * the real upload route by fuzz-service.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "tc-service-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *copy = g_memdup2 (data, size);
  const char *type = NULL;
  guint width = G_MAXUINT, height = G_MAXUINT;

  if (_tc_image_sniff (copy, size, &type, &width, &height))
    g_assert (g_str_equal (type, "image/png") || g_str_equal (type, "image/jpeg") ||
              g_str_equal (type, "image/webp"));
  else
    g_assert (width == 0 && height == 0);
  return 0;
}
