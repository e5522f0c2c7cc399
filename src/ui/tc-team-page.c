/* tc-team-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TcMemberList → TcMemberOrder (filter and sort) → TcMemberSlots (the
 * view's rows and the selection) → GtkListView, built in
 * tc-team-page-models.c. Search and filters work
 * on the loaded members; the editor and the bulk editor are separate
 * windows, so the selection and the search stay as they were.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-bulk-edit-dialog.h"
#include "tc-error-message.h"
#include "tc-member-editor-dialog.h"
#include "tc-member-row.h"
#include "tc-member-text.h"
#include "tc-revealer.h"
#include "tc-team-page.h"
#include "tc-team-page-private.h"

#define MEMBERS_UPDATE_INTERVAL_MS 500

G_DEFINE_FINAL_TYPE (TcTeamPage, tc_team_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CAN_MANAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_count (TcTeamPage *self)
{
  guint loaded = self->members ? tc_member_list_get_n_loaded (self->members) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->order));
  gboolean loading = self->members && tc_member_list_get_loading (self->members);
  /* A big team's filter or sort goes on between frames: no "no match"
   * until it has been through everyone. */
  gboolean pending = tc_member_order_get_pending (self->order);
  guint selected = 0;
  g_autoptr(GtkBitset) bits = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->slots));
  g_autofree char *text = NULL;

  selected = gtk_bitset_get_size (bits);
  if (loading)
    /* Translators: %'u is a number of members loaded so far */
    text = g_strdup_printf (ngettext ("Loading… %'u member so far", "Loading… %'u members so far",
                                      loaded), loaded);
  else if (shown != loaded)
    /* Translators: "Showing 12 of 10,001 members" */
    text = g_strdup_printf (ngettext ("Showing %'u of %'u member", "Showing %'u of %'u members",
                                      loaded), shown, loaded);
  else
    text = g_strdup_printf (ngettext ("%'u member", "%'u members", loaded), loaded);
  if (selected > 1)
    {
      /* Translators: appended to the count, "· 3 selected" */
      g_autofree char *sel = g_strdup_printf (_(" · %'u selected"), selected);
      g_autofree char *both = g_strconcat (text, sel, NULL);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), loading || self->busy_pulse != 0);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    shown == 0 && !loading && !pending ? "empty" : "members");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.bulk-edit", selected > 1);
}

/* How long a sort or a filter runs before the progress bar says so:
 * most take a few frames, and a bar flashing at each would be noise. */
#define BUSY_DELAY_MS 300

static gboolean
busy_pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (TC_TEAM_PAGE (data)->progress_bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
busy_timer_cb (gpointer data)
{
  TcTeamPage *self = data;

  self->busy_timer = 0;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sorting and filtering members"),
                                  -1);
  self->busy_pulse = g_timeout_add (100, busy_pulse_cb, self);
  update_count (self);
  return G_SOURCE_REMOVE;
}

/* A sort or a filter of a big team runs between frames (for a second
 * with 100,000 members): after a moment the progress bar shows it. */
static void
pending_cb (TcTeamPage *self)
{
  g_clear_handle_id (&self->busy_timer, g_source_remove);
  if (self->busy_pulse != 0)
    {
      g_clear_handle_id (&self->busy_pulse, g_source_remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading members"), -1);
    }
  if (tc_member_order_get_pending (self->order))
    self->busy_timer = g_timeout_add (self->busy_delay, busy_timer_cb, self);
  update_count (self);
}

void
_tc_team_page_set_busy_delay (TcTeamPage *self,
                              guint       ms)
{
  self->busy_delay = ms;
}

static void
loaded_cb (TcTeamPage *self)
{
  gtk_progress_bar_pulse (self->progress_bar);
  update_count (self);
}

/* All members are in and no sort is under way (a big one runs between
 * frames, TcMemberOrder:pending). New members only add rows at the end
 * of the view, so the view stays where it was, at its top while a team
 * loads. */
gboolean
_tc_team_page_is_settled (TcTeamPage *self)
{
  return self->members != NULL && !tc_member_list_get_loading (self->members) &&
         !tc_member_order_get_pending (self->order);
}

/* The server could not be reached: the list shows the cached team. */
static void
stale_cb (TcTeamPage *self)
{
  gtk_revealer_set_reveal_child (self->stale_revealer,
                                 self->members != NULL && tc_member_list_get_stale (self->members));
}

static void
load_failed_cb (TcTeamPage   *self,
                const GError *error)
{
  g_autofree char *message = tc_error_message_dup (error);

  if (tc_member_list_get_n_loaded (self->members) == 0)
    {
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    tc_error_present (GTK_WIDGET (self), error);
  update_count (self);
}

static void
set_members (TcTeamPage   *self,
             TcMemberList *members)
{
  if (self->members != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->members, self);
      tc_member_list_cancel (self->members);
    }
  g_set_object (&self->members, members);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->slots));
  tc_member_order_set_model (self->order, G_LIST_MODEL (members));
  stale_cb (self);
  if (members == NULL)
    return;
  g_signal_connect_swapped (members, "notify::n-loaded", G_CALLBACK (loaded_cb), self);
  g_signal_connect_swapped (members, "notify::loading", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (members, "load-failed", G_CALLBACK (load_failed_cb), self);
  g_signal_connect_swapped (members, "notify::stale", G_CALLBACK (stale_cb), self);
  tc_member_list_reload (members);
  /* While the first page is on its way. */
  if (!self->fonts_prepared)
    tc_member_row_prepare_fonts (GTK_WIDGET (self->list_view));
  self->fonts_prepared = TRUE;
  update_count (self);
}

static void
set_can_manage (TcTeamPage *self,
                gboolean    can_manage)
{
  if (self->can_manage == can_manage)
    return;
  self->can_manage = can_manage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_MANAGE]);
}

/* The session learns the caller's role after each refresh and switch
 * (TcWorkspace:caller-role); the page follows it. */
static void
caller_role_changed_cb (TcTeamPage *self)
{
  g_autoptr(TcMemberList) members = NULL;

  self->caller_role = tc_member_role_from_wire (tc_workspace_get_caller_role (self->workspace));
  set_can_manage (self, tc_workspace_get_caller_is_admin (self->workspace));
  if (!self->can_manage)
    {
      set_members (self, NULL);
      gtk_stack_set_visible_child_name (self->stack, "not-admin");
      return;
    }
  if (self->members != NULL)
    return;
  /* The session's own list: queued member edits are laid over its items. */
  members = g_object_ref (tc_session_get_member_list (self->session,
                                                     tc_workspace_get_id (self->workspace)));
  /* Each change makes the view merge and remake rows: a big team comes
   * in a few steps after its first page, not one per page. */
  tc_member_list_set_update_interval (members, MEMBERS_UPDATE_INTERVAL_MS);
  set_members (self, members);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
set_workspace (TcTeamPage  *self,
               TcWorkspace *workspace)
{
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_swapped (workspace, "notify::caller-role",
                              G_CALLBACK (caller_role_changed_cb), self);
}

static void
reload (TcTeamPage *self)
{
  TcWorkspace *workspace = self->session ? tc_session_get_active_workspace (self->session) : NULL;

  set_members (self, NULL);
  set_workspace (self, workspace);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  if (workspace == NULL || tc_session_get_user (self->session) == NULL)
    return;
  caller_role_changed_cb (self);
}

static void
activate_cb (GtkListView *list_view,
             guint        position,
             TcTeamPage  *self)
{
  TcMember *member = tc_member_order_peek (self->order, position);

  if (member != NULL)
    _tc_team_page_open_editor (self, member);
}

static void
session_changed_cb (TcTeamPage *self)
{
  reload (self);
}

void
tc_team_page_set_session (TcTeamPage *self,
                          TcSession  *session)
{
  g_return_if_fail (TC_IS_TEAM_PAGE (self));
  g_return_if_fail (session == NULL || TC_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::active-workspace",
                                G_CALLBACK (session_changed_cb), self);
      g_signal_connect_swapped (session, "notify::user", G_CALLBACK (session_changed_cb), self);
      g_signal_connect_swapped (session, "edit-resolved", G_CALLBACK (_tc_team_page_edit_resolved), self);
    }
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

TcSession *
tc_team_page_get_session (TcTeamPage *self)
{
  g_return_val_if_fail (TC_IS_TEAM_PAGE (self), NULL);
  return self->session;
}

gboolean
tc_team_page_get_can_manage (TcTeamPage *self)
{
  g_return_val_if_fail (TC_IS_TEAM_PAGE (self), FALSE);
  return self->can_manage;
}

TcMemberList *
tc_team_page_get_member_list (TcTeamPage *self)
{
  g_return_val_if_fail (TC_IS_TEAM_PAGE (self), NULL);
  return self->members;
}

GListModel *
tc_team_page_get_shown (TcTeamPage *self)
{
  g_return_val_if_fail (TC_IS_TEAM_PAGE (self), NULL);
  return G_LIST_MODEL (self->order);
}

GtkSelectionModel *
tc_team_page_get_selection (TcTeamPage *self)
{
  g_return_val_if_fail (TC_IS_TEAM_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->slots);
}

GtkWindow *
tc_team_page_get_editor (TcTeamPage *self)
{
  g_return_val_if_fail (TC_IS_TEAM_PAGE (self), NULL);
  return self->editor;
}

gboolean
tc_team_page_follows_edit (TcTeamPage *self,
                           const char *uuid)
{
  g_return_val_if_fail (TC_IS_TEAM_PAGE (self), FALSE);

  if (self->editor != NULL &&
      tc_member_editor_dialog_follows_edit (TC_MEMBER_EDITOR_DIALOG (self->editor), uuid))
    return TRUE;
  return self->bulk != NULL &&
         tc_bulk_edit_dialog_follows_edit (TC_BULK_EDIT_DIALOG (self->bulk), uuid);
}

static void
tc_team_page_dispose (GObject *object)
{
  TcTeamPage *self = (TcTeamPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->details_timer, g_source_remove);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  if (self->order != NULL)
    g_signal_handlers_disconnect_by_func (self->order, pending_cb, self);
  g_clear_handle_id (&self->busy_timer, g_source_remove);
  g_clear_handle_id (&self->busy_pulse, g_source_remove);
  if (self->editor != NULL)
    gtk_window_destroy (self->editor);
  if (self->bulk != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->bulk), (gpointer *) &self->bulk);
  self->bulk = NULL;
  tc_team_page_set_session (self, NULL);
  set_members (self, NULL);
  set_workspace (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_TEAM_PAGE);
  _tc_team_page_dispose_models (self);

  G_OBJECT_CLASS (tc_team_page_parent_class)->dispose (object);
}

static void
tc_team_page_finalize (GObject *object)
{
  TcTeamPage *self = (TcTeamPage *)object;

  g_free (self->search_folded);
  g_clear_pointer (&self->undo_edits, g_hash_table_unref);

  G_OBJECT_CLASS (tc_team_page_parent_class)->finalize (object);
}

static void
tc_team_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TcTeamPage *self = TC_TEAM_PAGE (object);

  if (prop_id == PROP_SESSION)
    g_value_set_object (value, self->session);
  else if (prop_id == PROP_CAN_MANAGE)
    g_value_set_boolean (value, self->can_manage);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_team_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TcTeamPage *self = TC_TEAM_PAGE (object);

  if (prop_id == PROP_SESSION)
    tc_team_page_set_session (self, g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TcTeamPage *self = TC_TEAM_PAGE (widget);

  if (gtk_widget_get_mapped (GTK_WIDGET (self->search_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcTeamPage *self = TC_TEAM_PAGE (widget);

  /* Refresh means fresh: the details kept from earlier are asked again. */
  if (self->members != NULL)
    tc_member_list_forget_details (self->members);
  reload (self);
}

static void
tc_team_page_class_init (TcTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_team_page_dispose;
  object_class->finalize = tc_team_page_finalize;
  object_class->get_property = tc_team_page_get_property;
  object_class->set_property = tc_team_page_set_property;

  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_MANAGE] = g_param_spec_boolean ("can-manage", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/timecard/Timecard/ui/tc-team-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, stale_revealer);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, stale_label);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, role_filter);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, filters_box);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, capacity_header);
  gtk_widget_class_bind_template_child (widget_class, TcTeamPage, days_header);
  widget_class->measure = _tc_team_page_measure;
  widget_class->size_allocate = _tc_team_page_size_allocate;

  gtk_widget_class_install_action (widget_class, "team.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "team.reload", NULL, reload_action);
  _tc_team_page_class_init_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "team.focus-search", NULL);
}

static void
tc_team_page_init (TcTeamPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tc_revealer_hide_concealed (self->stale_revealer);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  self->cancellable = g_cancellable_new ();
  self->undo_edits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->busy_delay = BUSY_DELAY_MS;
  _tc_team_page_setup_models (self);

  g_signal_connect_swapped (self->order, "items-changed",
                            G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->order, "notify::pending",
                            G_CALLBACK (pending_cb), self);
  g_signal_connect_swapped (self->slots, "selection-changed",
                            G_CALLBACK (update_count), self);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.bulk-edit", FALSE);
  update_count (self);
}

GtkWidget *
tc_team_page_new (void)
{
  return g_object_new (TC_TYPE_TEAM_PAGE, NULL);
}
