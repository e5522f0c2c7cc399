/* tc-member-row-private.h — how a Team row looks, for tc-member-row.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TC_MEMBER_ROW_AVATAR_SIZE 32

/* The type a row's texts are in: the row's own font, and Adwaita's
 * .heading and .caption made from it. */
typedef enum {
  TC_ROW_FONT_BODY,
  TC_ROW_FONT_HEADING,
  TC_ROW_FONT_CAPTION,
} TcRowFont;

typedef struct
{
  PangoFontDescription *font;
  int                   char_width;  /* Pango units, as GtkLabel's width-chars counts */
  int                   height;      /* pixels, of a line */
} TcRowFontInfo;

/* @kind made from @context's font, with its metrics: kept (the few
 * fonts rows use), as asking Pango for metrics shapes a sample text. */
const TcRowFontInfo *_tc_member_row_font         (PangoContext               *context,
                                                  TcRowFont                   kind);

/* AdwAvatar's look: the colour it picks for @name (an index), its
 * initials, their font size, and the avatar drawn at (@x, @y). */
guint                _tc_member_row_avatar_color (const char                 *name);
char                *_tc_member_row_initials     (const char                 *name);
void                 _tc_member_row_size_initials (PangoLayout               *layout,
                                                   const PangoFontDescription *font);
void                 _tc_member_row_draw_avatar  (GtkSnapshot                *snapshot,
                                                  float                       x,
                                                  float                       y,
                                                  guint                       color,
                                                  PangoLayout                *initials);

G_END_DECLS
