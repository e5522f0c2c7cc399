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
 * The avatar looks as AdwAvatar's does (tc-member-row-look.c).
 *
 * What the row shows is its accessible label too: a screen reader reads
 * the whole row, as it read the labels.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tc-member-row.h"
#include "tc-member-row-private.h"
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

/* The font each text is in: a label's of that style class had. */
static const TcRowFont text_fonts[N_TEXTS] = {
  TC_ROW_FONT_HEADING, TC_ROW_FONT_CAPTION, TC_ROW_FONT_BODY, TC_ROW_FONT_BODY,
  TC_ROW_FONT_BODY, TC_ROW_FONT_BODY, TC_ROW_FONT_BODY,
};

#define SPACING     12
#define AVATAR_SIZE TC_MEMBER_ROW_AVATAR_SIZE

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
  guint          avatar_color;  /* _tc_member_row_avatar_color() */

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

static const TcRowFontInfo *
text_font (TcMemberRow *self,
           Text         text)
{
  return _tc_member_row_font (gtk_widget_get_pango_context (GTK_WIDGET (self)), text_fonts[text]);
}

static gboolean
shows_text (TcMemberRow *self,
            Text         text)
{
  return !self->narrow || (text != TEXT_CAPACITY && text != TEXT_DAYS);
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
          if (text_fonts[i] != TC_ROW_FONT_BODY)
            pango_layout_set_font_description (layout, text_font (self, i)->font);
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
    _tc_member_row_size_initials (self->layouts[TEXT_INITIALS], font);
  self->texts_changed = FALSE;
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
  self->texts[TEXT_INITIALS] = _tc_member_row_initials (tc_member_get_display_name (m));
  self->texts_changed = TRUE;
  self->avatar_color = _tc_member_row_avatar_color (tc_member_get_display_name (m));

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
  int char_width = text_font (self, TEXT_ROLE)->char_width;
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
      int name_width = PANGO_PIXELS_CEIL (text_font (self, TEXT_NAME)->char_width);

      *minimum = AVATAR_SIZE + SPACING + name_width + columns_width (self) + SPACING + button_minimum;
      *natural = *minimum + 24 * name_width;
    }
  else
    {
      int names = text_font (self, TEXT_NAME)->height + text_font (self, TEXT_EMAIL)->height;

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
  char_width = text_font (self, TEXT_ROLE)->char_width;
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

static void
draw_avatar (TcMemberRow *self,
             GtkSnapshot *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  _tc_member_row_draw_avatar (snapshot, rtl ? gtk_widget_get_width (widget) - AVATAR_SIZE : 0,
                              (gtk_widget_get_height (widget) - AVATAR_SIZE) / 2.f,
                              self->avatar_color, self->layouts[TEXT_INITIALS]);
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

  /* The layouts are made again when next drawn (ensure_layouts()). */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && !pango_font_description_equal (self->font, font))
    gtk_widget_queue_resize (widget);
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
