/* tc-window-private.h — what the files of TcWindow share
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tc-account-list.h"
#include "tc-account-menu.h"
#include "tc-preferences-page.h"
#include "tc-profile-page.h"
#include "tc-team-page.h"
#include "tc-webhooks-page.h"
#include "tc-window.h"
#include "tc-workspace-switcher.h"

G_BEGIN_DECLS

struct _TcWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  TcSecretStore        *secrets;
  TcSession            *session;
  GCancellable         *cancellable;
  guint                 banner_timeout;    /* shows edits on their way after a moment */
  guint                 apply_language_id; /* idle: the profile's language changed */
  guint                 present_timeout;   /* tc_window_present_when_ready() */
  GtkWindow            *pending_dialog;    /* weak */
  GSignalGroup         *workspace_signals; /* the active workspace's */
  TcAccountList        *accounts;          /* the application's */
  TcAccount            *account;           /* shown, or opening */
  GCancellable         *open_cancellable;  /* the account opening */
  TcAccountMenu        *account_menu;      /* in the account menu */
  TcAccountMenu        *start_account_menu;/* in the start pages' menu */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkStack             *start_stack;
  AdwStatusPage        *welcome_page;
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  GtkButton            *error_button;
  AdwLeaflet           *leaflet;
  AdwHeaderBar         *sidebar_header_bar;
  TcWorkspaceSwitcher  *workspace_switcher;
  AdwHeaderBar         *content_header_bar;
  GtkButton            *back_button;
  GtkListBox           *sidebar_list;
  GtkWidget            *team_row;
  GtkWidget            *webhooks_row;
  GtkStack             *title_stack;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *account_button;
  GtkMenuButton        *start_menu_button;
  AdwAvatar            *header_avatar;
  GtkRevealer          *offline_revealer;
  GtkImage             *banner_icon;
  GtkLabel             *offline_label;
  GtkButton            *pending_button;
  GtkStack             *content_stack;
  TcProfilePage        *profile_page;
  AdwBin               *preferences_bin;
  AdwBin               *team_bin;
  AdwBin               *webhooks_bin;

  /* Built the first time they are shown (_tc_window_ensure_page): the
   * first frame waits only for the Profile page. NULL until then. */
  TcPreferencesPage    *preferences_page;
  TcTeamPage           *team_page;
  TcWebhooksPage       *webhooks_page;
};

void _tc_window_class_install_actions (GtkWidgetClass *widget_class);
void _tc_window_set_session           (TcWindow       *self,
                                       TcSession      *session);
void _tc_window_show_content          (TcWindow       *self,
                                       const char     *name);
void _tc_window_show_start_page       (TcWindow       *self,
                                       const char     *name);
void _tc_window_setup_accounts        (TcWindow       *self,
                                       TcApplication  *app);
void _tc_window_open_account          (TcWindow       *self,
                                       TcAccount      *account);
/* Builds the page @name of the content stack if it is not built yet. */
void _tc_window_ensure_page           (TcWindow       *self,
                                       const char     *name);
void _tc_window_open_local_account    (TcWindow       *self);
void _tc_window_open_last_account     (TcWindow       *self);
/* Opens the account the window was opening again (Try Again). */
void _tc_window_retry                 (TcWindow       *self);
/* Shows the remembered account of @server and @user_id in this window. */
void _tc_window_switch_account        (TcWindow       *self,
                                       const char     *server,
                                       const char     *user_id);
void _tc_window_add_account           (TcWindow       *self);
/* Shows the sign-in dialog, with @server preselected when not NULL. */
void _tc_window_sign_in               (TcWindow       *self,
                                       const char     *server);
/* Asks, naming the account, then signs out of the one this window shows. */
void _tc_window_confirm_sign_out      (TcWindow       *self);
void _tc_window_sign_out              (TcWindow       *self);
void _tc_window_show_pending_edits    (TcWindow       *self);
void _tc_window_edit_conflict_cb      (TcWindow       *self,
                                       const char     *field,
                                       GVariant       *server_value,
                                       GVariant       *local_value);

G_END_DECLS
