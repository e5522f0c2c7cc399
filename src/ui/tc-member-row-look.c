/* tc-member-row-look.c — Adwaita's type and avatars, drawn by a Team row
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Team row (tc-member-row.c) draws its texts and avatar itself, not in
 * labels and an AdwAvatar; this is what makes them look the same: the
 * fonts of Adwaita's .heading and .caption, the avatar's colours,
 * initials and their size, and the fonts prepared before the first rows
 * are drawn.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "tc-member-row.h"
#include "tc-member-row-private.h"

#define AVATAR_SIZE TC_MEMBER_ROW_AVATAR_SIZE

/* The avatars' colours, as AdwAvatar's: libadwaita 1.2's stylesheet
 * (avatar.color1 … color14, the same in every variant) has a gradient
 * from top to bottom behind the initials, and their colour. AdwAvatar
 * picks one with g_str_hash() of the name. */
static const struct
{
  guint32 top, bottom, initials;
} avatar_colors[] = {
  { 0x83b6ec, 0x337fdc, 0xcfe1f5 },
  { 0x7ad9f1, 0x0f9ac8, 0xcaeaf2 },
  { 0x8de6b1, 0x29ae74, 0xcef8d8 },
  { 0xb5e98a, 0x6ab85b, 0xe6f9d7 },
  { 0xf8e359, 0xd29d09, 0xf9f4e1 },
  { 0xffcb62, 0xd68400, 0xffead1 },
  { 0xffa95a, 0xed5b00, 0xffe5c5 },
  { 0xf78773, 0xe62d42, 0xf8d2ce },
  { 0xe973ab, 0xe33b6a, 0xfac7de },
  { 0xcb78d4, 0x9945b5, 0xe7c2e8 },
  { 0x9e91e8, 0x7a59ca, 0xd5d2f5 },
  { 0xe3cf9c, 0xb08952, 0xf2eade },
  { 0xbe916d, 0x785336, 0xe5d6ca },
  { 0xc0bfbc, 0x6e6d71, 0xd8d7d3 },
};

typedef struct
{
  TcRowFontInfo         info;
  PangoFontDescription *base;      /* the context's font it was made from */
  TcRowFont             kind;
  PangoLanguage        *language;
} CachedFont;

/* Adwaita's .heading and .caption (libadwaita 1.2's stylesheet: 11 and
 * 9 pt, bold and regular), from @base. */
static PangoFontDescription *
styled_font (PangoContext               *context,
             const PangoFontDescription *base,
             TcRowFont                   kind)
{
  PangoFontDescription *styled = pango_font_description_copy (base);
  double dpi = pango_cairo_context_get_resolution (context);

  if (kind == TC_ROW_FONT_BODY)
    return styled;
  if (dpi <= 0)
    dpi = 96;
  pango_font_description_set_absolute_size (styled, (kind == TC_ROW_FONT_HEADING ? 11 : 9) *
                                                    dpi / 72 * PANGO_SCALE);
  pango_font_description_set_weight (styled, kind == TC_ROW_FONT_HEADING ? PANGO_WEIGHT_BOLD
                                                                         : PANGO_WEIGHT_NORMAL);
  return styled;
}

const TcRowFontInfo *
_tc_member_row_font (PangoContext *context,
                     TcRowFont     kind)
{
  static CachedFont cache[6];   /* rows live on the main thread */
  static guint next;
  const PangoFontDescription *base = pango_context_get_font_description (context);
  PangoLanguage *language = pango_context_get_language (context);
  PangoFontMetrics *metrics;
  CachedFont *entry;

  for (guint i = 0; i < G_N_ELEMENTS (cache); i++)
    if (cache[i].base != NULL && cache[i].kind == kind && cache[i].language == language &&
        pango_font_description_equal (cache[i].base, base))
      return &cache[i].info;

  entry = &cache[next];
  next = (next + 1) % G_N_ELEMENTS (cache);
  g_clear_pointer (&entry->base, pango_font_description_free);
  g_clear_pointer (&entry->info.font, pango_font_description_free);
  entry->base = pango_font_description_copy (base);
  entry->kind = kind;
  entry->language = language;
  entry->info.font = styled_font (context, base, kind);
  metrics = pango_context_get_metrics (context, entry->info.font, language);
  entry->info.char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                pango_font_metrics_get_approximate_digit_width (metrics));
  entry->info.height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  pango_font_metrics_unref (metrics);
  return &entry->info;
}

guint
_tc_member_row_avatar_color (const char *name)
{
  return g_str_hash (name) % G_N_ELEMENTS (avatar_colors);
}

/* AdwAvatar's initials of @name: its first letter and the first after
 * its last space, in capitals. */
char *
_tc_member_row_initials (const char *name)
{
  g_autofree char *upper = g_utf8_strup (name, -1);
  g_autofree char *composed = g_utf8_normalize (g_strstrip (upper), -1, G_NORMALIZE_DEFAULT_COMPOSE);
  GString *initials = g_string_new (NULL);
  const char *space;

  if (composed == NULL || composed[0] == '\0')
    return g_string_free (initials, FALSE);
  g_string_append_unichar (initials, g_utf8_get_char (composed));
  space = strrchr (composed, ' ');
  if (space != NULL && space[1] != '\0')
    g_string_append_unichar (initials, g_utf8_get_char (space + 1));
  return g_string_free (initials, FALSE);
}

/* As AdwAvatar sizes them: the initials in bold, as big as the square
 * inside the circle less a padding (a function of the avatar's size)
 * holds; here in whole pixels. AdwAvatar's sizes are exact, so every
 * pair of initials had a font size of its own: a font, its glyphs
 * loaded and hinted, for each row (a fifth of the first screen's frame,
 * perf). Half a pixel at most, less than the glyphs' hinting moves. */
void
_tc_member_row_size_initials (PangoLayout                *layout,
                              const PangoFontDescription *font)
{
  g_autoptr(PangoFontDescription) bold = pango_font_description_copy (font);
  double square = AVATAR_SIZE / G_SQRT2;
  double largest = square - MAX (AVATAR_SIZE * 0.4 - 5, 0);
  int width, height;

  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, bold);
  pango_layout_get_pixel_size (layout, &width, &height);
  if (width <= 0)
    return;
  pango_font_description_set_absolute_size (bold, round (CLAMP (height * largest / width, 0, largest)) *
                                                  PANGO_SCALE);
  pango_layout_set_font_description (layout, bold);
}

static GdkRGBA
rgba (guint32 rgb)
{
  return (GdkRGBA) { ((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f, (rgb & 0xff) / 255.f, 1 };
}

void
_tc_member_row_draw_avatar (GtkSnapshot *snapshot,
                            float        x,
                            float        y,
                            guint        color,
                            PangoLayout *initials)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, y, AVATAR_SIZE, AVATAR_SIZE);
  GskColorStop stops[2] = {
    { 0, rgba (avatar_colors[color].top) },
    { 1, rgba (avatar_colors[color].bottom) },
  };
  GdkRGBA text_color = rgba (avatar_colors[color].initials);
  GskRoundedRect circle;
  int width, height;

  gsk_rounded_rect_init_from_rect (&circle, &bounds, AVATAR_SIZE / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_linear_gradient (snapshot, &bounds, &GRAPHENE_POINT_INIT (x, y),
                                       &GRAPHENE_POINT_INIT (x, y + AVATAR_SIZE), stops, 2);
  pango_layout_get_pixel_size (initials, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + floorf ((AVATAR_SIZE - width) / 2.f),
                                                          y + floorf ((AVATAR_SIZE - height) / 2.f)));
  gtk_snapshot_append_layout (snapshot, initials, &text_color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
draw_sample (cairo_t                    *cr,
             PangoContext               *context,
             const PangoFontDescription *font,
             const char                 *sample)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, sample, -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
}

/* The first rows of a team are the first text in their fonts: Pango
 * measured the fonts, FreeType loaded and hinted each glyph, and the
 * cairo renderer drew it, all in the frame that showed them (a third of
 * its time, perf). Done here, on an image, the glyphs are in the fonts'
 * caches before (the renderers draw from the same cairo fonts).
 *
 * In two idles, each a few milliseconds: the texts' fonts, then the
 * initials' (bold capitals, in the few sizes avatars use). */
static gboolean
prepare_fonts_cb (gpointer data)
{
  GtkWidget *widget = data;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1024, 32);
  cairo_t *cr = cairo_create (surface);
  gboolean initials = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "tc-member-row-fonts"));

  if (!initials)
    {
      const TcRowFont kinds[] = { TC_ROW_FONT_HEADING, TC_ROW_FONT_CAPTION, TC_ROW_FONT_BODY };

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        draw_sample (cr, context, _tc_member_row_font (context, kinds[i])->font,
                     "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 @.,:-–—");
    }
  else
    {
      g_autoptr(PangoFontDescription) bold =
        pango_font_description_copy (pango_context_get_font_description (context));

      pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
      for (int size = 10; size <= AVATAR_SIZE / 2; size++)
        {
          pango_font_description_set_absolute_size (bold, size * PANGO_SCALE);
          draw_sample (cr, context, bold, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_set_data (G_OBJECT (widget), "tc-member-row-fonts", GINT_TO_POINTER (!initials));
  return initials ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

void
tc_member_row_prepare_fonts (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* After what the main loop has to do now (the page's loading frame). */
  g_idle_add_full (G_PRIORITY_LOW, prepare_fonts_cb, g_object_ref (widget), g_object_unref);
}
