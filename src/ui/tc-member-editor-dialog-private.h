/* tc-member-editor-dialog-private.h — what the files of TcMemberEditorDialog share
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-member-editor-dialog.h"
#include "tc-member-profile.h"

G_BEGIN_DECLS

struct _TcMemberEditorDialog
{
  AdwWindow        parent_instance;

  TcSession       *session;
  TcApiClient     *client;
  TcWorkspace     *workspace;
  TcMember        *member;
  TcMemberRole     caller_role;
  GCancellable    *cancellable;
  TcMemberProfile *original;
  TcMemberProfile *edited;
  GListModel      *fields;
  guint            pending_loads;
  gboolean         busy;
  gboolean         filling;
  gboolean         queued;
  GHashTable      *followed;    /* uuids of the edits made here */
  guint            n_waiting;   /* of those, not yet resolved */
  guint            n_refused;
  TcMemberProfile *saving_before;
  TcMemberProfile *saving_after;
  GPtrArray       *custom_rows;
  GtkToggleButton *day_buttons[TC_N_DAYS];

  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkSpinner      *save_spinner;
  GtkStack        *content_stack;
  AdwStatusPage   *error_page;
  GtkRevealer     *notice_revealer;
  GtkLabel        *notice_label;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  AdwActionRow    *person_row;
  AdwAvatar       *avatar;
  AdwComboRow     *week_start_row;
  AdwActionRow    *capacity_row;
  GtkSpinButton   *hours_spin;
  GtkSpinButton   *minutes_spin;
  AdwActionRow    *employee_row;
  GtkEntry        *employee_entry;
  AdwComboRow     *employment_row;
  AdwPreferencesGroup *days_group;
  GtkBox          *days_box;
  AdwPreferencesGroup *custom_group;
};

void _tc_member_editor_dialog_set_busy    (TcMemberEditorDialog *self,
                                           gboolean              busy);
/* Makes each field sensitive or says why not, and clears the server's
 * errors on them. */
void _tc_member_editor_dialog_apply_rules (TcMemberEditorDialog *self);
/* The edits of a save are resolved (or queued offline): emits "saved" and
 * closes, unless some were refused. */
void _tc_member_editor_dialog_finish_save (TcMemberEditorDialog *self);

/* tc-member-editor-dialog-save.c: Save, and following its edits */
void _tc_member_editor_dialog_save_action        (GtkWidget            *widget,
                                                  const char           *action_name,
                                                  GVariant             *parameter);
void _tc_member_editor_dialog_edit_resolved_cb   (TcMemberEditorDialog *self,
                                                  TcPendingEdit        *edit,
                                                  const GError         *error);
void _tc_member_editor_dialog_offline_changed_cb (TcMemberEditorDialog *self);

G_END_DECLS
