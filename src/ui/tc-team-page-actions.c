/* tc-team-page-actions.c — what the Team page does to members
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * team.edit-member opens the editor; after a save a toast says who was
 * emailed (or that the change waits for the connection), and its Undo
 * queues the patch the other way round.
 * team.activate-member / team.deactivate-member ask first, then queue the
 * status through the session (tc_session_set_member_status ()).
 * Refused member edits nobody else follows are said here, as toasts.
 * team.bulk-edit opens the bulk editor on the selection.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-bulk-edit-dialog.h"
#include "tc-error-message.h"
#include "tc-member-editor-dialog.h"
#include "tc-member-profile.h"
#include "tc-team-page-private.h"

static void
present_toast (TcTeamPage *self,
               AdwToast   *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* A member edit left the outbox. Refused or in conflict, a toast says
 * which field of whom and why (the session has put the member back at
 * the server's value), unless an open editor or bulk editor follows it
 * and says so itself. Undo's edits all accepted: a toast says so. */
void
_tc_team_page_edit_resolved (TcTeamPage    *self,
                             TcPendingEdit *edit,
                             const GError  *error)
{
  TcEditTarget target = tc_pending_edit_get_target (edit);
  const char *uuid = tc_pending_edit_get_uuid (edit);

  if (target != TC_EDIT_TARGET_MEMBER_PROFILE && target != TC_EDIT_TARGET_MEMBER_STATUS)
    return;
  if (error != NULL && !tc_team_page_follows_edit (self, uuid))
    tc_error_present_edit (GTK_WIDGET (self), edit, error);
  if (!g_hash_table_remove (self->undo_edits, uuid))
    return;
  if (error != NULL)
    self->undo_failed = TRUE;
  if (g_hash_table_size (self->undo_edits) == 0 && !self->undo_failed)
    present_toast (self, adw_toast_new (_("Changes undone")));
}

static void
undo_cb (AdwToast   *toast,
         TcTeamPage *self)
{
  JsonObject *patch = g_object_get_data (G_OBJECT (toast), "tc-undo-patch");
  TcMemberProfile *saved = g_object_get_data (G_OBJECT (toast), "tc-undo-base");
  TcWorkspace *workspace = self->session ? tc_session_get_active_workspace (self->session) : NULL;
  g_auto(GStrv) uuids = NULL;

  if (workspace == NULL || patch == NULL || saved == NULL)
    return;
  uuids = tc_session_edit_member_profile (self->session, tc_workspace_get_id (workspace),
                                          saved, patch);
  self->undo_failed = FALSE;
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    g_hash_table_add (self->undo_edits, g_strdup (uuids[i]));
}

static void
editor_saved_cb (TcMemberEditorDialog *editor,
                 TcMemberProfile      *before,
                 TcMemberProfile      *after,
                 TcTeamPage           *self)
{
  g_autoptr(JsonObject) forward = tc_member_profile_build_patch (before, after);
  JsonObject *undo = tc_member_profile_build_patch (after, before);
  const char *name = tc_member_get_display_name (tc_member_editor_dialog_get_member (editor));
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (tc_member_editor_dialog_get_queued (editor))
    /* Translators: %s is a person's name */
    title = g_strdup_printf (_("%s’s profile will be saved when the connection returns."), name);
  else if (tc_member_profile_patch_notifies (forward))
    /* Translators: %s is a person's name */
    title = g_strdup_printf (_("Saved. %s was emailed about the change."), name);
  else
    /* Translators: %s is a person's name */
    title = g_strdup_printf (_("Saved %s’s profile."), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "tc-undo-patch", undo,
                          (GDestroyNotify) json_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "tc-undo-base", g_object_ref (after), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_cb), self, 0);
  present_toast (self, toast);
}

void
_tc_team_page_open_editor (TcTeamPage *self,
                           TcMember   *member)
{
  TcWorkspace *workspace;
  GtkWidget *editor;

  if (self->session == NULL || self->editor != NULL)
    return;
  workspace = tc_session_get_active_workspace (self->session);
  editor = tc_member_editor_dialog_new (self->session, workspace, member, self->caller_role);
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  self->editor = GTK_WINDOW (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &self->editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static TcMember *
member_for (TcTeamPage *self,
            GVariant   *parameter)
{
  if (self->members == NULL || parameter == NULL)
    return NULL;
  return tc_member_list_find (self->members, g_variant_get_string (parameter, NULL));
}

static void
edit_member_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TcTeamPage *self = TC_TEAM_PAGE (widget);
  TcMember *member = member_for (self, parameter);

  if (member != NULL)
    _tc_team_page_open_editor (self, member);
}

static void
status_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TcTeamPage       *self)
{
  TcMember *member = g_object_get_data (G_OBJECT (dialog), "tc-member");
  TcMemberStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "tc-status"));

  TcWorkspace *workspace = self->session ? tc_session_get_active_workspace (self->session) : NULL;
  g_autofree char *uuid = NULL;

  if (g_strcmp0 (response, "confirm") != 0 || workspace == NULL)
    return;
  /* Queued and shown at once; a refusal is said by the window. */
  uuid = tc_session_set_member_status (self->session, tc_workspace_get_id (workspace), member, status);
}

static void
ask_status (TcTeamPage     *self,
            TcMember       *member,
            TcMemberStatus  status)
{
  gboolean activate = status == TC_MEMBER_STATUS_ACTIVE;
  const char *name = tc_member_get_display_name (member);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  heading = activate ? g_strdup_printf (_("Activate %s?"), name)
                     : g_strdup_printf (_("Deactivate %s?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
    activate ? _("They can track time in this workspace again.")
             : _("They can no longer track time in this workspace. Their data stays, and you can activate them again later.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "confirm", activate ? _("_Activate") : _("_Deactivate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm",
                                              activate ? ADW_RESPONSE_SUGGESTED
                                                       : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tc-member", g_object_ref (member), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "tc-status", GUINT_TO_POINTER (status));
  g_signal_connect_object (dialog, "response", G_CALLBACK (status_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
status_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcTeamPage *self = TC_TEAM_PAGE (widget);
  TcMember *member = member_for (self, parameter);

  if (member != NULL)
    ask_status (self, member, g_str_equal (action_name, "team.activate-member")
                              ? TC_MEMBER_STATUS_ACTIVE : TC_MEMBER_STATUS_INACTIVE);
}

static void
bulk_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TcTeamPage *self = TC_TEAM_PAGE (widget);
  g_autoptr(GPtrArray) members = tc_member_slots_get_selected (self->slots);
  GtkWidget *dialog;

  if (self->session == NULL || members->len == 0)
    return;
  dialog = tc_bulk_edit_dialog_new (self->session, tc_session_get_active_workspace (self->session),
                                    members, self->caller_role);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  if (self->bulk != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->bulk), (gpointer *) &self->bulk);
  self->bulk = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->bulk);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_tc_team_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "team.edit-member", "s", edit_member_action);
  gtk_widget_class_install_action (widget_class, "team.activate-member", "s", status_action);
  gtk_widget_class_install_action (widget_class, "team.deactivate-member", "s", status_action);
  gtk_widget_class_install_action (widget_class, "team.bulk-edit", NULL, bulk_edit_action);
}
