/* tc-member-row.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row is recycled by the GtkListView: set_member() swaps the member
 * and its signal connections; nothing else is kept per member.
 *
 * GTK 4.8's list view makes 200 rows around the visible ones, and more
 * as it scrolls. A row is empty until tc_member_row_build(), which the
 * Team page calls for the rows on or near the screen; an empty row asks
 * for the height a built one has with the default font, so the view's
 * scroll positions do not move when rows are built.
 *
 * A built row has one child, the menu button, and draws its avatar and
 * six texts itself. With an AdwAvatar (five widgets) and a label for
 * each text (and a box for the name and email), the first screen of a
 * 10,000-member team took one frame of 40 ms (bench-team-page, cairo):
 * per label a widget, a CSS node, a Pango context and its fonts, and a
 * measure. The texts are laid out here when they are drawn, in columns
 * as wide as the labels had (so many characters of the row's font), and
 * the row's height comes from its fonts' metrics, not from its texts.
 * The avatar looks as AdwAvatar's does.
 *
 * What the row shows is its accessible label too: a screen reader reads
 * the whole row, as it read the labels.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tc-member-row.h"
#include "tc-member-text.h"

typedef enum {
  TEXT_NAME,
  TEXT_EMAIL,
  TEXT_ROLE,
  TEXT_STATUS,
  TEXT_CAPACITY,
  TEXT_DAYS,
  TEXT_INITIALS,   /* in the avatar */
  N_TEXTS
} Text;

/* The columns after the name, in characters of the row's font: those of
 * the header's labels (tc-team-page.ui). */
static const int column_chars[N_TEXTS] = { 0, 0, 14, 9, 10, 22, 0 };

#define SPACING     12
#define AVATAR_SIZE 32

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

/* The height of a built row's content with the default font: an empty
 * row asks for it too. */
#define ROW_HEIGHT 38

struct _TcMemberRow
{
  GtkWidget   parent_instance;

  TcMember   *member;
  gboolean    narrow;

  /* NULL until built. */
  GtkMenuButton *menu_button;
  guint          avatar_color;  /* index in avatar_colors */

  char          *texts[N_TEXTS];
  /* Made when first drawn; their texts set again when texts_changed. */
  PangoLayout   *layouts[N_TEXTS];
  gboolean       texts_changed;
  /* The row's font when the layouts were made. */
  PangoFontDescription *font;

  /* From the last allocation, left to right whatever the direction. */
  int            column_x[N_TEXTS];
  int            column_width[N_TEXTS];
};

G_DEFINE_FINAL_TYPE (TcMemberRow, tc_member_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GMenuModel *
build_menu (TcMember *member)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  const char *id = tc_member_get_id (member);
  g_autofree char *edit = g_strdup_printf ("team.edit-member('%s')", id);
  g_autofree char *activate = g_strdup_printf ("team.activate-member('%s')", id);
  g_autofree char *deactivate = g_strdup_printf ("team.deactivate-member('%s')", id);

  g_menu_append (menu, _("_Edit Profile…"), edit);
  if (tc_member_get_status (member) == TC_MEMBER_STATUS_INACTIVE)
    g_menu_append (status, _("_Activate…"), activate);
  else if (tc_member_get_status (member) == TC_MEMBER_STATUS_ACTIVE &&
           tc_member_get_role (member) != TC_MEMBER_ROLE_OWNER)
    g_menu_append (status, _("_Deactivate…"), deactivate);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (status));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* The menu (and the popover GTK builds for it: a dozen widgets and their
 * action lookups) is made when it opens, not for every row bound: a list
 * of 10,000 binds hundreds of rows at a time, again after each sort, and
 * built eagerly it stalled the main loop for seconds (bench-team-page). */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  TcMemberRow *self = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  /* Made again at each opening: the member or its status may have
   * changed since the last one. */
  if (self->member == NULL)
    return;
  menu = build_menu (self->member);
  gtk_menu_button_set_menu_model (button, menu);
}

/* Fonts' metrics, kept for the few fonts rows use: asking Pango for them
 * shapes a sample text each time. Rows live on the main thread. */
typedef struct
{
  PangoFontDescription *font;
  PangoLanguage        *language;
  int                   char_width;  /* Pango units, as GtkLabel's width-chars counts */
  int                   height;      /* pixels, of a line */
} Metrics;

static const Metrics *
metrics_for (PangoContext               *context,
             const PangoFontDescription *font)
{
  static Metrics cache[6];
  static guint next;
  PangoLanguage *language = pango_context_get_language (context);
  PangoFontMetrics *metrics;
  Metrics *entry;

  for (guint i = 0; i < G_N_ELEMENTS (cache); i++)
    if (cache[i].font != NULL && cache[i].language == language &&
        pango_font_description_equal (cache[i].font, font))
      return &cache[i];

  entry = &cache[next];
  next = (next + 1) % G_N_ELEMENTS (cache);
  g_clear_pointer (&entry->font, pango_font_description_free);
  metrics = pango_context_get_metrics (context, font, language);
  entry->font = pango_font_description_copy (font);
  entry->language = language;
  entry->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                           pango_font_metrics_get_approximate_digit_width (metrics));
  entry->height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  pango_font_metrics_unref (metrics);
  return entry;
}

/* Adwaita's .heading and .caption (libadwaita 1.2's stylesheet: 11 and
 * 9 pt, bold and regular), from the row's font. */
static PangoFontDescription *
styled_font (PangoContext               *context,
             const PangoFontDescription *font,
             Text                        text)
{
  PangoFontDescription *styled = pango_font_description_copy (font);
  double dpi = pango_cairo_context_get_resolution (context);
  double points = text == TEXT_NAME ? 11 : 9;

  if (dpi <= 0)
    dpi = 96;
  pango_font_description_set_absolute_size (styled, points * dpi / 72 * PANGO_SCALE);
  pango_font_description_set_weight (styled, text == TEXT_NAME ? PANGO_WEIGHT_BOLD
                                                               : PANGO_WEIGHT_NORMAL);
  return styled;
}

static const Metrics *
text_metrics (TcMemberRow *self,
              Text         text)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  if (text == TEXT_NAME || text == TEXT_EMAIL)
    {
      g_autoptr(PangoFontDescription) styled = styled_font (context, font, text);

      return metrics_for (context, styled);
    }
  return metrics_for (context, font);
}

static gboolean
shows_text (TcMemberRow *self,
            Text         text)
{
  return !self->narrow || (text != TEXT_CAPACITY && text != TEXT_DAYS);
}

/* AdwAvatar's initials of @name: its first letter and the first after
 * its last space, in capitals. */
static char *
initials_of (const char *name)
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
static void
size_initials (PangoLayout                *layout,
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

static void
drop_layouts (TcMemberRow *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_object (&self->layouts[i]);
  g_clear_pointer (&self->font, pango_font_description_free);
}

static void
ensure_layouts (TcMemberRow *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  if (self->font != NULL && !pango_font_description_equal (self->font, font))
    drop_layouts (self);

  if (self->layouts[TEXT_NAME] == NULL)
    {
      self->font = pango_font_description_copy (font);
      for (guint i = 0; i < N_TEXTS; i++)
        {
          PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);

          pango_layout_set_single_paragraph_mode (layout, TRUE);
          if (i != TEXT_INITIALS)
            pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          if (i == TEXT_NAME || i == TEXT_EMAIL)
            {
              g_autoptr(PangoFontDescription) styled = styled_font (context, font, i);

              pango_layout_set_font_description (layout, styled);
            }
          else if (i == TEXT_CAPACITY)
            {
              /* Adwaita's .numeric: figures of one width. */
              g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

              pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum"));
              pango_layout_set_attributes (layout, attributes);
            }
          self->layouts[i] = layout;
        }
      self->texts_changed = TRUE;
    }

  for (guint i = 0; i < N_TEXTS; i++)
    {
      if (self->texts_changed)
        pango_layout_set_text (self->layouts[i], self->texts[i] != NULL ? self->texts[i] : "", -1);
      if (i != TEXT_INITIALS)
        pango_layout_set_width (self->layouts[i], MAX (0, self->column_width[i]) * PANGO_SCALE);
    }
  if (self->texts_changed)
    size_initials (self->layouts[TEXT_INITIALS], font);
  self->texts_changed = FALSE;
}

/* The first rows of a team are the first text in their fonts: Pango
 * measured the fonts, FreeType loaded and hinted each glyph, and the
 * cairo renderer drew it, all in the frame that showed them (a third of
 * its time, perf). Done here, on an image, the glyphs are in the fonts'
 * caches before (the renderers draw from the same cairo fonts). */
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

/* In two idles, each a few milliseconds: the texts' fonts, then the
 * initials' (bold capitals, in the few sizes avatars use). */
static gboolean
prepare_fonts_cb (gpointer data)
{
  GtkWidget *widget = data;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1024, 32);
  cairo_t *cr = cairo_create (surface);
  gboolean initials = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "tc-member-row-fonts"));

  if (!initials)
    {
      const Text texts[] = { TEXT_NAME, TEXT_EMAIL, TEXT_ROLE };

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_autoptr(PangoFontDescription) styled = texts[i] != TEXT_ROLE
                                                   ? styled_font (context, font, texts[i])
                                                   : pango_font_description_copy (font);

          metrics_for (context, styled);
          draw_sample (cr, context, styled,
                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 @.,:-–—");
        }
    }
  else
    {
      g_autoptr(PangoFontDescription) bold = pango_font_description_copy (font);

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

/* Everything the row shows, in order: its accessible label. */
static char *
join_texts (TcMemberRow *self)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < TEXT_INITIALS; i++)
    {
      if (self->texts[i] == NULL || self->texts[i][0] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, self->texts[i]);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
update (TcMemberRow *self)
{
  g_autofree char *actions = NULL;
  g_autofree char *label = NULL;
  TcMember *m = self->member;

  if (m == NULL || self->menu_button == NULL)
    return;
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_pointer (&self->texts[i], g_free);
  self->texts[TEXT_NAME] = g_strdup (tc_member_get_display_name (m));
  self->texts[TEXT_EMAIL] = g_strdup (tc_member_get_email (m));
  self->texts[TEXT_ROLE] = g_strdup (tc_member_text_role (tc_member_get_role (m)));
  self->texts[TEXT_STATUS] = g_strdup (tc_member_text_status (tc_member_get_status (m)));
  self->texts[TEXT_CAPACITY] = tc_member_text_capacity (tc_member_get_work_capacity (m));
  self->texts[TEXT_DAYS] = tc_member_text_days (tc_member_get_working_days (m));
  self->texts[TEXT_INITIALS] = initials_of (tc_member_get_display_name (m));
  self->texts_changed = TRUE;
  self->avatar_color = g_str_hash (tc_member_get_display_name (m)) % G_N_ELEMENTS (avatar_colors);

  label = join_texts (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* Translators: %s is a person's name */
  actions = g_strdup_printf (_("Actions for %s"), tc_member_get_display_name (m));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, actions, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tc_member_row_set_member (TcMemberRow *self,
                          TcMember    *member)
{
  g_return_if_fail (TC_IS_MEMBER_ROW (self));
  g_return_if_fail (member == NULL || TC_IS_MEMBER (member));

  if (self->member == member)
    return;
  if (self->member != NULL)
    g_signal_handlers_disconnect_by_data (self->member, self);
  g_set_object (&self->member, member);
  if (member != NULL)
    g_signal_connect_swapped (member, "notify", G_CALLBACK (update), self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER]);
}

TcMember *
tc_member_row_get_member (TcMemberRow *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_ROW (self), NULL);
  return self->member;
}

char *
tc_member_row_dup_text (TcMemberRow *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_ROW (self), NULL);
  return join_texts (self);
}

/* The width of the columns after the name, with their spacing. */
static int
columns_width (TcMemberRow *self)
{
  int char_width = text_metrics (self, TEXT_ROLE)->char_width;
  int width = 0;

  for (Text i = TEXT_ROLE; i < TEXT_INITIALS; i++)
    if (shows_text (self, i))
      width += SPACING + PANGO_PIXELS_CEIL (column_chars[i] * char_width);
  return width;
}

static void
tc_member_row_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TcMemberRow *self = TC_MEMBER_ROW (widget);
  int button_minimum = 0, button_natural = 0;

  if (self->menu_button == NULL)
    {
      *minimum = *natural = orientation == GTK_ORIENTATION_VERTICAL ? ROW_HEIGHT : 0;
      return;
    }
  gtk_widget_measure (GTK_WIDGET (self->menu_button), orientation, -1,
                      &button_minimum, &button_natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The name and email: an ellipsis at least, as labels. */
      int name_width = PANGO_PIXELS_CEIL (text_metrics (self, TEXT_NAME)->char_width);

      *minimum = AVATAR_SIZE + SPACING + name_width + columns_width (self) + SPACING + button_minimum;
      *natural = *minimum + 24 * name_width;
    }
  else
    {
      int names = text_metrics (self, TEXT_NAME)->height + text_metrics (self, TEXT_EMAIL)->height;

      *minimum = MAX (MAX (ROW_HEIGHT, names), MAX (AVATAR_SIZE, button_minimum));
      *natural = *minimum;
    }
}

static void
allocate_child (GtkWidget *child,
                int        x,
                int        row_height,
                int        width)
{
  int height;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  gtk_widget_allocate (child, width, height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, (row_height - height) / 2)));
}

static void
tc_member_row_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  TcMemberRow *self = TC_MEMBER_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int char_width, button_width, end;

  if (self->menu_button == NULL)
    return;
  char_width = text_metrics (self, TEXT_ROLE)->char_width;
  gtk_widget_measure (GTK_WIDGET (self->menu_button), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &button_width, NULL, NULL);

  /* Laid out left to right, then mirrored for right-to-left text. */
  end = width - button_width - SPACING;
  for (Text i = TEXT_DAYS; i >= TEXT_ROLE; i--)
    {
      if (!shows_text (self, i))
        continue;
      self->column_width[i] = PANGO_PIXELS_CEIL (column_chars[i] * char_width);
      self->column_x[i] = end - self->column_width[i];
      end = self->column_x[i] - SPACING;
    }
  self->column_x[TEXT_NAME] = self->column_x[TEXT_EMAIL] = AVATAR_SIZE + SPACING;
  self->column_width[TEXT_NAME] = self->column_width[TEXT_EMAIL] = MAX (0, end - (AVATAR_SIZE + SPACING));
  if (rtl)
    for (guint i = 0; i < N_TEXTS; i++)
      self->column_x[i] = width - self->column_x[i] - self->column_width[i];

  allocate_child (GTK_WIDGET (self->menu_button), rtl ? 0 : width - button_width, height, button_width);
}

/* Dimmed text (the email, a status other than Active) as Adwaita's
 * .dim-label looks: 55 % opacity, 90 % in high contrast. */
static GdkRGBA
dimmed (const GdkRGBA *color)
{
  gboolean high = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  GdkRGBA dim = *color;

  dim.alpha *= high ? 0.9f : 0.55f;
  return dim;
}

static void
draw_text (TcMemberRow   *self,
           GtkSnapshot   *snapshot,
           Text           text,
           int            y,
           const GdkRGBA *color)
{
  PangoLayout *layout = self->layouts[text];
  PangoRectangle logical;
  int x;

  /* At the column's start, as a label with xalign 0: Pango itself moves
   * a line to the right of its width when its direction is not the
   * context's (Latin text in a right-to-left interface). */
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = self->column_x[text] + self->column_width[text] - (logical.x + logical.width);
  else
    x = self->column_x[text] - logical.x;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static GdkRGBA
rgba (guint32 rgb)
{
  return (GdkRGBA) { ((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f, (rgb & 0xff) / 255.f, 1 };
}

static void
draw_avatar (TcMemberRow *self,
             GtkSnapshot *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  float x = rtl ? gtk_widget_get_width (widget) - AVATAR_SIZE : 0;
  float y = (gtk_widget_get_height (widget) - AVATAR_SIZE) / 2;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, y, AVATAR_SIZE, AVATAR_SIZE);
  GskColorStop stops[2] = {
    { 0, rgba (avatar_colors[self->avatar_color].top) },
    { 1, rgba (avatar_colors[self->avatar_color].bottom) },
  };
  GdkRGBA color = rgba (avatar_colors[self->avatar_color].initials);
  GskRoundedRect circle;
  int width, height;

  gsk_rounded_rect_init_from_rect (&circle, &bounds, AVATAR_SIZE / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_linear_gradient (snapshot, &bounds, &GRAPHENE_POINT_INIT (x, y),
                                       &GRAPHENE_POINT_INIT (x, y + AVATAR_SIZE), stops, 2);
  pango_layout_get_pixel_size (self->layouts[TEXT_INITIALS], &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + floorf ((AVATAR_SIZE - width) / 2.f),
                                                          y + floorf ((AVATAR_SIZE - height) / 2.f)));
  gtk_snapshot_append_layout (snapshot, self->layouts[TEXT_INITIALS], &color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static int
text_height (TcMemberRow *self,
             Text         text)
{
  int height;

  pango_layout_get_pixel_size (self->layouts[text], NULL, &height);
  return height;
}

static void
tc_member_row_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TcMemberRow *self = TC_MEMBER_ROW (widget);
  int height = gtk_widget_get_height (widget);
  gboolean active;
  GdkRGBA color, dim;
  int names, y;

  if (self->menu_button == NULL || self->member == NULL)
    return;
  ensure_layouts (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = dimmed (&color);
  active = tc_member_get_status (self->member) == TC_MEMBER_STATUS_ACTIVE;

  names = text_height (self, TEXT_NAME) + text_height (self, TEXT_EMAIL);
  y = (height - names) / 2;
  draw_text (self, snapshot, TEXT_NAME, y, &color);
  draw_text (self, snapshot, TEXT_EMAIL, y + text_height (self, TEXT_NAME), &dim);
  for (Text i = TEXT_ROLE; i < TEXT_INITIALS; i++)
    if (shows_text (self, i))
      draw_text (self, snapshot, i, (height - text_height (self, i)) / 2,
                 i == TEXT_STATUS && !active ? &dim : &color);
  draw_avatar (self, snapshot);

  gtk_widget_snapshot_child (widget, GTK_WIDGET (self->menu_button), snapshot);
}

/* A new font (the style's, or the system's) lays the texts out anew and
 * may change the row's height. */
static void
tc_member_row_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  TcMemberRow *self = TC_MEMBER_ROW (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (tc_member_row_parent_class)->css_changed (widget, change);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && !pango_font_description_equal (self->font, font))
    {
      drop_layouts (self);
      gtk_widget_queue_resize (widget);
    }
}

static void
tc_member_row_system_setting_changed (GtkWidget        *widget,
                                      GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (tc_member_row_parent_class)->system_setting_changed (widget, setting);

  drop_layouts (TC_MEMBER_ROW (widget));
  gtk_widget_queue_resize (widget);
}

static void
tc_member_row_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (tc_member_row_parent_class)->direction_changed (widget, previous);

  drop_layouts (TC_MEMBER_ROW (widget));
  gtk_widget_queue_allocate (widget);
}

static void
tc_member_row_dispose (GObject *object)
{
  TcMemberRow *self = (TcMemberRow *)object;
  GtkWidget *child;

  tc_member_row_set_member (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  drop_layouts (self);
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_pointer (&self->texts[i], g_free);

  G_OBJECT_CLASS (tc_member_row_parent_class)->dispose (object);
}

static void
tc_member_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TcMemberRow *self = TC_MEMBER_ROW (object);

  if (prop_id == PROP_MEMBER)
    g_value_set_object (value, self->member);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_member_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TcMemberRow *self = TC_MEMBER_ROW (object);

  if (prop_id == PROP_MEMBER)
    tc_member_row_set_member (self, g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_member_row_class_init (TcMemberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_member_row_dispose;
  object_class->get_property = tc_member_row_get_property;
  object_class->set_property = tc_member_row_set_property;

  widget_class->measure = tc_member_row_measure;
  widget_class->size_allocate = tc_member_row_size_allocate;
  widget_class->snapshot = tc_member_row_snapshot;
  widget_class->css_changed = tc_member_row_css_changed;
  widget_class->system_setting_changed = tc_member_row_system_setting_changed;
  widget_class->direction_changed = tc_member_row_direction_changed;

  properties[PROP_MEMBER] = g_param_spec_object ("member", NULL, NULL, TC_TYPE_MEMBER,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Its label is everything it shows. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tc_member_row_init (TcMemberRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_margin_top (widget, 6);
  gtk_widget_set_margin_bottom (widget, 6);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 6);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("Member Actions"));
  return TRUE;
}

/* Makes the children and shows the member; once. */
void
tc_member_row_build (TcMemberRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_return_if_fail (TC_IS_MEMBER_ROW (self));

  if (self->menu_button != NULL)
    return;
  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "view-more-symbolic");
  /* Asked for when it shows: set, a tooltip is also the button's
   * accessible description, made for every row built (its label names
   * the member already). */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->menu_button), TRUE);
  g_signal_connect (self->menu_button, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->menu_button), widget);

  update (self);
  gtk_widget_queue_resize (widget);
}

gboolean
tc_member_row_get_built (TcMemberRow *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_ROW (self), FALSE);
  return self->menu_button != NULL;
}

GtkWidget *
tc_member_row_new (void)
{
  return g_object_new (TC_TYPE_MEMBER_ROW, NULL);
}

void
tc_member_row_set_narrow (TcMemberRow *self,
                          gboolean     narrow)
{
  g_return_if_fail (TC_IS_MEMBER_ROW (self));

  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
