/* tc-profile-page-private.h — what the files of TcProfilePage share
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-profile-page.h"

G_BEGIN_DECLS

struct _TcProfilePage
{
  AdwBin        parent_instance;

  TcSession    *session;
  GCancellable *cancellable;
  GCancellable *picture_cancellable; /* the picture being loaded */
  GdkPaintable *picture;
  GSignalGroup *user_signals;
  GSignalGroup *session_signals;
  gboolean      busy;
  gboolean      showing;      /* the page itself sets a row's text */
  char         *name_refused; /* why the server refused the last name */
  char         *email_refused;

  /* Template children */
  AdwAvatar    *avatar;
  GtkLabel     *display_name_label;
  AdwEntryRow  *name_row;
  AdwEntryRow  *email_row;
  GtkImage     *name_status;
  GtkImage     *email_status;
  AdwActionRow *pending_email_row;
  AdwActionRow *workspace_row;
  GtkButton    *leave_button;
  GSignalGroup *workspaces_signals;
  GSignalGroup *workspace_signals;
};

void _tc_profile_page_set_picture            (TcProfilePage *self,
                                              GdkPaintable  *picture);
/* Shows the user's picture (loaded by the session), or initials. */
void _tc_profile_page_load_picture           (TcProfilePage *self);
void _tc_profile_page_update_actions         (TcProfilePage *self);
void _tc_profile_page_change_picture_action  (GtkWidget     *widget,
                                              const char    *action_name,
                                              GVariant      *parameter);
void _tc_profile_page_remove_picture_action  (GtkWidget     *widget,
                                              const char    *action_name,
                                              GVariant      *parameter);
/* tc-profile-page-workspace.c: the Active workspace row and Leave… */
void _tc_profile_page_workspace_init         (TcProfilePage *self);
void _tc_profile_page_workspace_class_init   (GtkWidgetClass *widget_class);
void _tc_profile_page_update_workspace       (TcProfilePage *self);

G_END_DECLS
