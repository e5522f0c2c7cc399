/* tc-member-row.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row is recycled by the GtkListView: set_member() swaps the member
 * and its signal connections; nothing else is kept per member.
 *
 * GTK 4.8's list view makes 200 rows around the visible ones, and more
 * as it scrolls; built from a template, with its avatar, labels and menu
 * button, a row cost about 1.3 ms to make and 0.5 ms to measure, so a
 * big team stalled the main loop for half a second while its rows were
 * made. A row is now empty until tc_member_row_build(), which the Team
 * page calls for the rows on or near the screen, and its children are
 * made in code (a template costs as much again). An empty row asks for
 * the height a built one has with the default font, so the view's
 * scroll positions do not move when rows are built.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tc-member-row.h"
#include "tc-member-text.h"

struct _TcMemberRow
{
  GtkWidget   parent_instance;

  TcMember   *member;
  gboolean    narrow;

  /* NULL until built. */
  AdwAvatar  *avatar;
  GtkLabel   *name_label;
  GtkLabel   *email_label;
  GtkLabel   *role_label;
  GtkLabel   *status_label;
  GtkLabel   *capacity_label;
  GtkLabel   *days_label;
  GtkMenuButton *menu_button;
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

/* Dimmed text (the email, a status other than Active) as Adwaita's
 * .dim-label looks (55 % opacity, 90 % in high contrast), drawn as
 * translucent text: the class makes each label an opacity node, which
 * the cairo renderer draws into an offscreen surface of its own, for
 * every row on screen in every frame that changes them (perf: about 40 %
 * of such a frame's render). */
static PangoAttrList *
dim_attributes (void)
{
  static PangoAttrList *normal, *high_contrast;   /* rows live on the main thread */
  gboolean high = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  PangoAttrList **attributes = high ? &high_contrast : &normal;

  if (*attributes == NULL)
    {
      *attributes = pango_attr_list_new ();
      pango_attr_list_insert (*attributes,
                              pango_attr_foreground_alpha_new (65535 * (high ? 90 : 55) / 100));
    }
  return *attributes;
}

static void
update (TcMemberRow *self)
{
  g_autofree char *capacity = NULL;
  g_autofree char *days = NULL;
  g_autofree char *actions = NULL;
  TcMember *m = self->member;

  if (m == NULL || self->avatar == NULL)
    return;
  capacity = tc_member_text_capacity (tc_member_get_work_capacity (m));
  days = tc_member_text_days (tc_member_get_working_days (m));
  adw_avatar_set_text (self->avatar, tc_member_get_display_name (m));
  gtk_label_set_label (self->name_label, tc_member_get_display_name (m));
  gtk_label_set_label (self->email_label, tc_member_get_email (m));
  gtk_label_set_attributes (self->email_label, dim_attributes ());
  gtk_label_set_label (self->role_label, tc_member_text_role (tc_member_get_role (m)));
  gtk_label_set_label (self->status_label, tc_member_text_status (tc_member_get_status (m)));
  gtk_label_set_label (self->capacity_label, capacity);
  gtk_label_set_label (self->days_label, days);
  gtk_label_set_attributes (self->status_label,
                            tc_member_get_status (m) == TC_MEMBER_STATUS_ACTIVE
                            ? NULL : dim_attributes ());

  /* Translators: %s is a person's name */
  actions = g_strdup_printf (_("Actions for %s"), tc_member_get_display_name (m));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, actions, -1);
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

static void
tc_member_row_dispose (GObject *object)
{
  TcMemberRow *self = (TcMemberRow *)object;
  GtkWidget *child;

  tc_member_row_set_member (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

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

  properties[PROP_MEMBER] = g_param_spec_object ("member", NULL, NULL, TC_TYPE_MEMBER,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

/* The height of a built row's content with the default font: an empty
 * row asks for it too. */
#define ROW_HEIGHT 38

static void
tc_member_row_init (TcMemberRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_margin_top (widget, 6);
  gtk_widget_set_margin_bottom (widget, 6);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 6);
  gtk_widget_set_size_request (widget, -1, ROW_HEIGHT);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 12);
}

static GtkLabel *
add_label (GtkWidget  *parent,
           int         width_chars,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (width_chars > 0)
    {
      gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
      gtk_label_set_max_width_chars (GTK_LABEL (label), width_chars);
    }
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_parent (label, parent);
  return GTK_LABEL (label);
}

/* Makes the children and shows the member in them; once. */
void
tc_member_row_build (TcMemberRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *names;

  g_return_if_fail (TC_IS_MEMBER_ROW (self));

  if (self->avatar != NULL)
    return;
  self->avatar = ADW_AVATAR (adw_avatar_new (32, NULL, TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->avatar), widget);

  names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (names, TRUE);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (names, widget);
  self->name_label = add_label (names, 0, "heading");
  self->email_label = add_label (names, 0, "caption");
  /* Dimmed as the style asks now. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  self->role_label = add_label (widget, 14, NULL);
  self->status_label = add_label (widget, 9, NULL);
  self->capacity_label = add_label (widget, 10, "numeric");
  gtk_label_set_ellipsize (self->capacity_label, PANGO_ELLIPSIZE_NONE);
  self->days_label = add_label (widget, 22, NULL);

  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "view-more-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (self->menu_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("Member Actions"));
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->menu_button), widget);

  tc_member_row_set_narrow (self, self->narrow);
  update (self);
}

gboolean
tc_member_row_get_built (TcMemberRow *self)
{
  g_return_val_if_fail (TC_IS_MEMBER_ROW (self), FALSE);
  return self->avatar != NULL;
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

  self->narrow = narrow;
  if (self->avatar == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->capacity_label), !narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->days_label), !narrow);
}
