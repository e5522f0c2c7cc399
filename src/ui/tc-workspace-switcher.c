/* tc-workspace-switcher.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows follow the session's workspace list (gtk_list_box_bind_model) and
 * each workspace's caller-role (the session learns it after the list
 * arrives). A switch goes through tc_session_set_active_workspace_async():
 * the pages follow the session's active-workspace, so the whole window
 * changes at once when it lands. Without the workspace routes the session
 * keeps the choice locally (local-workspace-choice), and one line here
 * says so.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-leave-workspace.h"
#include "tc-workspace-switcher.h"

struct _TcWorkspaceSwitcher
{
  GtkWidget     parent_instance;

  TcSession    *session;
  GCancellable *cancellable;    /* of the switch on its way */
  GtkWidget    *switching_row;  /* weak: the row whose spinner turns */

  GtkMenuButton *button;
  GtkLabel      *name_label;
  GtkPopover    *popover;
  GtkListBox    *list;
  GtkLabel      *local_label;
  GtkButton     *leave_button;
  GtkLabel      *leave_label;
  GtkLabel      *leave_reason;
};

G_DEFINE_FINAL_TYPE (TcWorkspaceSwitcher, tc_workspace_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ROW_WORKSPACE "tc-workspace"
#define ROW_CHECK     "tc-check"
#define ROW_SPINNER   "tc-spinner"

const char *
tc_workspace_switcher_plan_label (TcWorkspace *workspace)
{
  switch (tc_workspace_get_plan_tier (workspace))
    {
    case TC_PLAN_BASIC: return C_("plan", "Basic");
    case TC_PLAN_STANDARD: return C_("plan", "Standard");
    case TC_PLAN_PRO: return C_("plan", "Pro");
    case TC_PLAN_ENTERPRISE: return C_("plan", "Enterprise");
    case TC_PLAN_FREE:
    default: return C_("plan", "Free");
    }
}

const char *
tc_workspace_switcher_role_label (TcWorkspace *workspace)
{
  const char *role = tc_workspace_get_caller_role (workspace);

  if (g_strcmp0 (role, "OWNER") == 0)
    return C_("role", "Owner");
  if (g_strcmp0 (role, "WORKSPACE_ADMIN") == 0)
    return C_("role", "Admin");
  if (g_strcmp0 (role, "TEAM_MANAGER") == 0)
    return C_("role", "Team Manager");
  if (g_strcmp0 (role, "PROJECT_MANAGER") == 0)
    return C_("role", "Project Manager");
  return C_("role", "Member");
}

static void
update_row (GtkWidget *row)
{
  TcWorkspace *workspace = g_object_get_data (G_OBJECT (row), ROW_WORKSPACE);
  g_autofree char *subtitle = NULL;

  /* Translators: a workspace's plan, then the user's role there: "Pro · Owner" */
  subtitle = g_strdup_printf (_("%s · %s"), tc_workspace_switcher_plan_label (workspace),
                              tc_workspace_switcher_role_label (workspace));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tc_workspace_get_name (workspace));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  TcWorkspace *workspace = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Active workspace"), -1);
  gtk_widget_set_visible (spinner, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, tc_workspace_get_id (workspace));
  g_object_set_data_full (G_OBJECT (row), ROW_WORKSPACE, g_object_ref (workspace), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_CHECK, check);
  g_object_set_data (G_OBJECT (row), ROW_SPINNER, spinner);

  g_signal_connect_object (workspace, "notify::caller-role", G_CALLBACK (update_row), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::name", G_CALLBACK (update_row), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::plan", G_CALLBACK (update_row), row,
                           G_CONNECT_SWAPPED);
  update_row (row);
  gtk_widget_set_visible (check, user_data != NULL &&
                          tc_session_get_active_workspace (TC_SESSION (user_data)) == workspace);
  return row;
}

static TcWorkspace *
active_workspace (TcWorkspaceSwitcher *self)
{
  return self->session ? tc_session_get_active_workspace (self->session) : NULL;
}

static void
update_leave (TcWorkspaceSwitcher *self)
{
  TcWorkspace *workspace = active_workspace (self);
  g_autofree char *reason = self->session ? tc_leave_workspace_dup_refusal (self->session, workspace) : NULL;
  g_autofree char *label = NULL;

  if (workspace != NULL)
    /* Translators: %s is the workspace's name */
    label = g_strdup_printf (_("_Leave “%s”…"), tc_workspace_get_name (workspace));
  gtk_label_set_text_with_mnemonic (self->leave_label, label ? label : _("_Leave Workspace…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->leave_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->leave_label), -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->leave_button), reason == NULL);
  gtk_label_set_text (self->leave_reason, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->leave_reason), reason != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->leave_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason ? reason : "", -1);
}

static void
update_active (TcWorkspaceSwitcher *self)
{
  TcWorkspace *active = active_workspace (self);
  const char *name = self->session ? tc_session_get_active_workspace_name (self->session) : NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), ROW_CHECK);

      if (check != NULL)
        gtk_widget_set_visible (check, g_object_get_data (G_OBJECT (row), ROW_WORKSPACE) == active);
    }

  gtk_label_set_text (self->name_label, name ? name : _("No Workspace"));
  gtk_widget_set_visible (GTK_WIDGET (self->local_label),
                          self->session != NULL && tc_session_get_local_workspace_choice (self->session));
  update_leave (self);
}

static void
set_switching (TcWorkspaceSwitcher *self,
               GtkWidget           *row)
{
  if (self->switching_row != NULL)
    {
      GtkWidget *spinner = g_object_get_data (G_OBJECT (self->switching_row), ROW_SPINNER);

      gtk_spinner_stop (GTK_SPINNER (spinner));
      gtk_widget_set_visible (spinner, FALSE);
      g_object_remove_weak_pointer (G_OBJECT (self->switching_row), (gpointer *) &self->switching_row);
      self->switching_row = NULL;
    }
  if (row != NULL)
    {
      GtkWidget *spinner = g_object_get_data (G_OBJECT (row), ROW_SPINNER);

      gtk_widget_set_visible (spinner, TRUE);
      gtk_spinner_start (GTK_SPINNER (spinner));
      self->switching_row = row;
      g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &self->switching_row);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->list), row == NULL);
}

static void
switched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TcWorkspaceSwitcher *self;
  g_autoptr(GError) error = NULL;

  if (!tc_session_set_active_workspace_finish (TC_SESSION (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = TC_WORKSPACE_SWITCHER (user_data);
  set_switching (self, NULL);
  g_clear_object (&self->cancellable);
  if (error != NULL)
    {
      tc_error_present (GTK_WIDGET (self), error);
      return;
    }
  gtk_popover_popdown (self->popover);
}

static void
row_activated_cb (TcWorkspaceSwitcher *self,
                  GtkListBoxRow       *row)
{
  TcWorkspace *workspace = g_object_get_data (G_OBJECT (row), ROW_WORKSPACE);

  if (self->session == NULL || workspace == NULL || self->cancellable != NULL)
    return;
  if (workspace == active_workspace (self))
    {
      gtk_popover_popdown (self->popover);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_switching (self, GTK_WIDGET (row));
  tc_session_set_active_workspace_async (self->session, workspace, self->cancellable,
                                         switched_cb, self);
}

static void
leave_clicked_cb (TcWorkspaceSwitcher *self)
{
  TcWorkspace *workspace = active_workspace (self);

  if (workspace == NULL)
    return;
  gtk_popover_popdown (self->popover);
  tc_leave_workspace_confirm (GTK_WIDGET (self), self->session, workspace);
}

static void
popover_show_cb (TcWorkspaceSwitcher *self)
{
  TcWorkspace *active = active_workspace (self);

  /* The keyboard starts on the active workspace. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), ROW_WORKSPACE) == active)
      {
        gtk_widget_grab_focus (row);
        return;
      }
}

static void
workspaces_changed_cb (TcWorkspaceSwitcher *self)
{
  update_active (self);
}

void
tc_workspace_switcher_set_session (TcWorkspaceSwitcher *self,
                                   TcSession           *session)
{
  g_return_if_fail (TC_IS_WORKSPACE_SWITCHER (self));
  g_return_if_fail (session == NULL || TC_IS_SESSION (session));

  if (self->session == session)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_switching (self, NULL);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (tc_session_get_workspaces (self->session), self);
  g_set_object (&self->session, session);

  gtk_list_box_bind_model (self->list, session ? tc_session_get_workspaces (session) : NULL,
                           create_row_cb, session, NULL);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::active-workspace",
                               G_CALLBACK (update_active), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::active-workspace-name",
                               G_CALLBACK (update_active), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::local-workspace-choice",
                               G_CALLBACK (update_active), self, G_CONNECT_SWAPPED);
      /* After the list box's own handler has made the rows. */
      g_signal_connect_object (tc_session_get_workspaces (session), "items-changed",
                               G_CALLBACK (workspaces_changed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  update_active (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

TcSession *
tc_workspace_switcher_get_session (TcWorkspaceSwitcher *self)
{
  g_return_val_if_fail (TC_IS_WORKSPACE_SWITCHER (self), NULL);

  return self->session;
}

void
tc_workspace_switcher_popup (TcWorkspaceSwitcher *self)
{
  g_return_if_fail (TC_IS_WORKSPACE_SWITCHER (self));

  if (self->session != NULL)
    gtk_menu_button_popup (self->button);
}

GtkWidget *
tc_workspace_switcher_new (void)
{
  return g_object_new (TC_TYPE_WORKSPACE_SWITCHER, NULL);
}

static void
tc_workspace_switcher_dispose (GObject *object)
{
  TcWorkspaceSwitcher *self = TC_WORKSPACE_SWITCHER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->switching_row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->switching_row), (gpointer *) &self->switching_row);
  self->switching_row = NULL;
  if (self->session != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_WORKSPACE_SWITCHER);

  G_OBJECT_CLASS (tc_workspace_switcher_parent_class)->dispose (object);
}

static void
tc_workspace_switcher_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TcWorkspaceSwitcher *self = TC_WORKSPACE_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_workspace_switcher_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TcWorkspaceSwitcher *self = TC_WORKSPACE_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tc_workspace_switcher_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_workspace_switcher_class_init (TcWorkspaceSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_workspace_switcher_dispose;
  object_class->get_property = tc_workspace_switcher_get_property;
  object_class->set_property = tc_workspace_switcher_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-workspace-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, TcWorkspaceSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, TcWorkspaceSwitcher, name_label);
  gtk_widget_class_bind_template_child (widget_class, TcWorkspaceSwitcher, popover);
  gtk_widget_class_bind_template_child (widget_class, TcWorkspaceSwitcher, list);
  gtk_widget_class_bind_template_child (widget_class, TcWorkspaceSwitcher, local_label);
  gtk_widget_class_bind_template_child (widget_class, TcWorkspaceSwitcher, leave_button);
  gtk_widget_class_bind_template_child (widget_class, TcWorkspaceSwitcher, leave_label);
  gtk_widget_class_bind_template_child (widget_class, TcWorkspaceSwitcher, leave_reason);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
}

static void
tc_workspace_switcher_init (TcWorkspaceSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_active (self);
}
