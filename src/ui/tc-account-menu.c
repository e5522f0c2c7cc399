/* tc-account-menu.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GMenu cannot show avatars, so the account rows are a GtkListBox put
 * into the account menu (a GtkPopoverMenu) as its custom item "accounts".
 * Rows are focusable and activate with Enter or Space; each has one
 * accessible label that says all a sighted person sees in it.
 *
 * The rows are made when the menu shows (or their labels are asked
 * for), not at each change: opening an account sets the current one in
 * both menus, before the window's first frame, and each made every row
 * (an avatar, labels, an icon) again.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-account-menu.h"

struct _TcAccountMenu
{
  GtkWidget     parent_instance;

  GListModel   *accounts;
  TcAccount    *current;
  GdkPaintable *current_picture;
  GtkListBox   *list;
  gboolean      rows_stale;  /* made again when next shown */
};

G_DEFINE_FINAL_TYPE (TcAccountMenu, tc_account_menu, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CURRENT_PICTURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_current (TcAccountMenu *self,
            TcAccount     *account)
{
  return self->current != NULL && tc_account_equal (self->current, account);
}

static const char *
account_name (TcAccount *account)
{
  const char *name = tc_account_get_display_name (account);

  if (name[0] == '\0')
    name = tc_account_get_email (account);
  if (name[0] == '\0')
    name = tc_account_get_user_id (account);
  return name;
}

static char *
dup_row_label (TcAccountMenu *self,
               TcAccount     *account)
{
  g_autofree char *server = tc_account_dup_server_label (account);
  const char *email = tc_account_get_email (account);
  g_autofree char *label = NULL;

  if (email[0] != '\0' && g_strcmp0 (email, account_name (account)) != 0)
    /* Translators: an account in the account menu, read by a screen
     * reader: name, email, server ("Ada Lovelace, ada@example.com, Local") */
    label = g_strdup_printf (_("%1$s, %2$s, %3$s"), account_name (account), email, server);
  else
    /* Translators: an account in the account menu: name, server */
    label = g_strdup_printf (_("%1$s, %2$s"), account_name (account), server);

  if (is_current (self, account))
    /* Translators: %s is an account ("Ada Lovelace, ada@example.com, Local") */
    return g_strdup_printf (_("%s, current account"), label);
  return g_steal_pointer (&label);
}

static GtkWidget *
dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TcAccountMenu *self = user_data;
  TcAccount *account = item;
  g_autofree char *server = tc_account_dup_server_label (account);
  g_autofree char *label = dup_row_label (self, account);
  const char *email = tc_account_get_email (account);
  GtkWidget *row, *box, *avatar, *texts, *name, *check;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  avatar = adw_avatar_new (32, account_name (account), TRUE);
  if (is_current (self, account))
    g_object_bind_property (self, "current-picture", avatar, "custom-image", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), avatar);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  name = gtk_label_new (account_name (account));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (texts), name);
  if (email[0] != '\0' && g_strcmp0 (email, account_name (account)) != 0)
    gtk_box_append (GTK_BOX (texts), dim_label (email));
  gtk_box_append (GTK_BOX (texts), dim_label (server));
  gtk_box_append (GTK_BOX (box), texts);

  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_opacity (check, is_current (self, account) ? 1.0 : 0.0);
  gtk_box_append (GTK_BOX (box), check);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (is_current (self, account))
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
  g_object_set_data_full (G_OBJECT (row), "tc-account", g_object_ref (account), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "tc-label", g_steal_pointer (&label), g_free);

  return row;
}

static void
ensure_rows (TcAccountMenu *self)
{
  if (!self->rows_stale)
    return;
  self->rows_stale = FALSE;
  gtk_list_box_bind_model (self->list, self->accounts, create_row, self, NULL);
}

static void
rebuild (TcAccountMenu *self)
{
  self->rows_stale = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), g_list_model_get_n_items (self->accounts) > 0);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_rows (self);
}

/* Before the rows are mapped with it, and measured in the frame after. */
static void
tc_account_menu_map (GtkWidget *widget)
{
  ensure_rows (TC_ACCOUNT_MENU (widget));

  GTK_WIDGET_CLASS (tc_account_menu_parent_class)->map (widget);
}

static void
row_activated_cb (TcAccountMenu *self,
                  GtkListBoxRow *row)
{
  TcAccount *account = g_object_get_data (G_OBJECT (row), "tc-account");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.switch-account", "(ss)",
                              tc_account_get_server (account), tc_account_get_user_id (account));
}

static void
tc_account_menu_dispose (GObject *object)
{
  TcAccountMenu *self = (TcAccountMenu *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_pointer ((GtkWidget **) &self->list, gtk_widget_unparent);
  g_clear_object (&self->accounts);
  g_clear_object (&self->current);
  g_clear_object (&self->current_picture);

  G_OBJECT_CLASS (tc_account_menu_parent_class)->dispose (object);
}

static void
tc_account_menu_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TcAccountMenu *self = TC_ACCOUNT_MENU (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PICTURE:
      g_value_set_object (value, self->current_picture);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_account_menu_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TcAccountMenu *self = TC_ACCOUNT_MENU (object);

  switch (prop_id)
    {
    case PROP_CURRENT_PICTURE:
      if (g_set_object (&self->current_picture, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_account_menu_class_init (TcAccountMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_account_menu_dispose;
  object_class->get_property = tc_account_menu_get_property;
  object_class->set_property = tc_account_menu_set_property;

  widget_class->map = tc_account_menu_map;

  /* The current account's picture (its avatar shows initials without). */
  properties[PROP_CURRENT_PICTURE] =
    g_param_spec_object ("current-picture", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tcaccountmenu");
}

static void
tc_account_menu_init (TcAccountMenu *self)
{
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "tc-account-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Accounts"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb),
                           self, G_CONNECT_SWAPPED);
}

TcAccountMenu *
tc_account_menu_new (GListModel *accounts)
{
  TcAccountMenu *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);

  self = g_object_new (TC_TYPE_ACCOUNT_MENU, NULL);
  self->accounts = g_object_ref (accounts);
  g_signal_connect_object (accounts, "items-changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return self;
}

void
tc_account_menu_set_current (TcAccountMenu *self,
                             TcAccount     *account)
{
  g_return_if_fail (TC_IS_ACCOUNT_MENU (self));

  if (self->current == account ||
      (self->current != NULL && account != NULL && tc_account_equal (self->current, account) &&
       g_strcmp0 (tc_account_get_display_name (self->current), tc_account_get_display_name (account)) == 0))
    return;

  g_set_object (&self->current, account);
  rebuild (self);
}

GStrv
tc_account_menu_dup_labels (TcAccountMenu *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TC_IS_ACCOUNT_MENU (self), NULL);

  ensure_rows (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row), "tc-label"));

  return g_strv_builder_end (builder);
}
