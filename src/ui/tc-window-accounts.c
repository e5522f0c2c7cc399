/* tc-window-accounts.c — which account the window shows
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window shows one account at a time; the account menu lists every
 * remembered one and switches in one click, with the key from the secret
 * store. Sessions come from the application's TcAccountList, so two windows
 * on one account share its session and two accounts never share one. While
 * an account opens the window shows progress; if opening fails it says why
 * with a way to try again — never an empty page.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-account-menu.h"
#include "tc-error-message.h"
#include "tc-sign-in-dialog.h"
#include "tc-window-private.h"

void
_tc_window_show_start_page (TcWindow   *self,
                            const char *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->start_stack, name);
  gtk_stack_set_visible_child_name (self->stack, "start");
}

static void
show_loading (TcWindow   *self,
              const char *message)
{
  gtk_label_set_label (self->loading_label, message);
  _tc_window_show_start_page (self, "loading");
}

static void
show_error (TcWindow     *self,
            const GError *error)
{
  g_autofree char *message = tc_error_message_dup (error);
  const char *label, *action_name;

  tc_error_get_action (error, &label, &action_name);
  /* Set here, not in the template: a scalable icon loads librsvg, which
   * the start-up of an account that opens has no need for (issue 13). */
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_description (self->error_page, message);
  gtk_button_set_label (self->error_button, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button), action_name);
  _tc_window_show_start_page (self, "error");
}

/* "Timecard — Ada Lovelace (Local)": which account, in the title, the
 * window list and the task switcher. */
static void
update_title (TcWindow *self)
{
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;
  g_autofree char *server = NULL;
  g_autofree char *title = NULL;

  if (user == NULL || self->account == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Timecard"));
      return;
    }

  server = tc_account_dup_server_label (self->account);
  /* Translators: the window title; the first %s is the account's name,
   * the second its server ("Local", "Clockify", "time.example.com") */
  title = g_strdup_printf (_("Timecard — %s (%s)"), tc_user_get_display_name (user), server);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
set_account (TcWindow  *self,
             TcAccount *account)
{
  g_set_object (&self->account, account);
  tc_account_menu_set_current (self->account_menu, account);
  tc_account_menu_set_current (self->start_account_menu, account);
}

/* The menu shows the name and email the account has now. */
static void
remember_user (TcWindow *self)
{
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;
  g_autoptr(TcAccount) account = NULL;

  if (user == NULL || self->account == NULL || tc_user_get_id (user) == NULL)
    return;

  account = tc_account_new (tc_account_get_server (self->account),
                            tc_account_get_user_id (self->account),
                            tc_user_get_display_name (user));
  tc_account_set_email (account, tc_user_get_email (user));
  if (g_strcmp0 (tc_account_get_display_name (account), tc_account_get_display_name (self->account)) != 0 ||
      g_strcmp0 (tc_account_get_email (account), tc_account_get_email (self->account)) != 0)
    set_account (self, account);
  tc_account_save_as_last (account, self->settings);
}

static void
user_changed_cb (TcWindow *self)
{
  remember_user (self);
  update_title (self);
}

/* Shows the session an open or a sign-in produced. */
static void
account_opened (TcWindow  *self,
                TcSession *session)
{
  TcAccount *account = tc_session_get_account (session);
  g_autoptr(TcAccount) shown = tc_account_new (tc_account_get_server (account),
                                               tc_account_get_user_id (account),
                                               tc_account_get_display_name (account));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (tc_session_get_user (self->session), user_changed_cb, self);

  set_account (self, shown);
  _tc_window_set_session (self, session);
  g_signal_connect_object (tc_session_get_user (session), "notify::display-name",
                           G_CALLBACK (user_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tc_session_get_user (session), "notify::email",
                           G_CALLBACK (user_changed_cb), self, G_CONNECT_SWAPPED);
  user_changed_cb (self);

  gtk_stack_set_visible_child_name (self->stack, "main");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  _tc_window_show_content (self, "profile");

  if (tc_session_get_key_in_memory (session))
    {
      g_autoptr(GError) unavailable =
        g_error_new_literal (TC_SECRET_ERROR, TC_SECRET_ERROR_UNAVAILABLE, "");

      tc_error_present (GTK_WIDGET (self->content_stack), unavailable);
    }
}

/* Lets the session go and shows @page of the start pages. */
static void
close_account (TcWindow   *self,
               const char *page)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (tc_session_get_user (self->session), user_changed_cb, self);
  _tc_window_set_session (self, NULL);
  update_title (self);
  _tc_window_show_start_page (self, page);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TcWindow) self = user_data;
  g_autoptr(TcSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = tc_account_list_open_finish (TC_ACCOUNT_LIST (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (session != NULL)
    account_opened (self, session);
  else
    {
      close_account (self, "error");
      show_error (self, error);
    }
}

/* Opens @account in this window; an open still on its way is dropped. */
void
_tc_window_open_account (TcWindow  *self,
                         TcAccount *account)
{
  g_autofree char *message = NULL;

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();

  set_account (self, account);
  if (tc_account_is_local (account))
    message = g_strdup (_("Starting your local account…"));
  else
    /* Translators: %s is the account's name or email */
    message = g_strdup_printf (_("Opening %s…"), tc_account_get_display_name (account));
  show_loading (self, message);

  tc_account_list_open_async (self->accounts, account, self->open_cancellable,
                              open_cb, g_object_ref (self));
}

void
_tc_window_open_local_account (TcWindow *self)
{
  g_autoptr(TcAccount) local = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->accounts)); i++)
    {
      g_autoptr(TcAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (tc_account_is_local (account))
        g_set_object (&local, account);
    }
  if (local == NULL)
    local = tc_account_new (TC_ACCOUNT_SERVER_LOCAL, "", NULL);

  _tc_window_open_account (self, local);
}

void
_tc_window_open_last_account (TcWindow *self)
{
  g_autoptr(TcAccount) account = tc_account_load_last (self->settings);

  if (account == NULL)
    {
      set_account (self, NULL);
      _tc_window_show_start_page (self, "welcome");
    }
  else
    _tc_window_open_account (self, account);
}

/* Try Again: the account this window was opening, else the last one. */
void
_tc_window_retry (TcWindow *self)
{
  g_autoptr(TcAccount) account = self->account ? g_object_ref (self->account) : NULL;

  if (account != NULL)
    _tc_window_open_account (self, account);
  else
    _tc_window_open_last_account (self);
}

void
_tc_window_switch_account (TcWindow   *self,
                           const char *server,
                           const char *user_id)
{
  TcAccount *account = tc_account_list_find (self->accounts, server, user_id);

  if (account == NULL)
    return;
  if (self->session != NULL && tc_account_equal (account, tc_session_get_account (self->session)))
    return;

  _tc_window_open_account (self, account);
}

static void
signed_in_cb (TcWindow       *self,
              TcSession      *session,
              TcSignInDialog *dialog)
{
  tc_account_list_add_session (self->accounts, session);
  g_cancellable_cancel (self->open_cancellable);
  account_opened (self, session);
}

void
_tc_window_sign_in (TcWindow   *self,
                    const char *server)
{
  TcSignInDialog *dialog = tc_sign_in_dialog_new (GTK_WINDOW (self), self->settings, self->secrets);

  if (server != NULL)
    tc_sign_in_dialog_set_server (dialog, server);
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (signed_in_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
has_local_account (TcWindow *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->accounts)); i++)
    {
      g_autoptr(TcAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (tc_account_is_local (account))
        return TRUE;
    }
  return FALSE;
}

static void
add_account_response_cb (TcWindow   *self,
                         const char *response)
{
  if (g_strcmp0 (response, "local") == 0)
    _tc_window_open_local_account (self);
  else if (g_strcmp0 (response, "server") == 0)
    _tc_window_sign_in (self, NULL);
}

/* The same choices as the welcome page; the new account joins the others
 * and this window shows it. */
void
_tc_window_add_account (TcWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Add Account"), NULL));
  adw_message_dialog_set_body (dialog, _("A local account lives on this computer and works without a network. Clockify, its developer sandbox and compatible servers sign in with an API key. Your other accounts stay signed in."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "local", _("_Local Account"),
                                    "server", _("_Clockify or Other Server…"),
                                    NULL);
  /* There is one local account. */
  adw_message_dialog_set_response_enabled (dialog, "local", !has_local_account (self));
  adw_message_dialog_set_response_appearance (dialog, "server", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "server");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_account_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(TcWindow) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);

  /* With the window gone there is nobody left to tell. */
  if (!tc_account_list_sign_out_finish (TC_ACCOUNT_LIST (object), result, &error) && self != NULL)
    tc_error_present (GTK_WIDGET (self->toast_overlay), error);
}

/* Signs out of the account this window shows, and only that one: its key
 * and cache go, the others stay. Not cancelled with the window, and not
 * keeping it alive: the key goes even if the window closes. */
void
_tc_window_sign_out (TcWindow *self)
{
  g_autoptr(TcAccount) account = NULL;
  GWeakRef *weak;

  if (self->session != NULL)
    account = g_object_ref (tc_session_get_account (self->session));
  else if (self->account != NULL)
    account = g_object_ref (self->account);
  if (account == NULL)
    {
      close_account (self, "welcome");
      return;
    }

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  /* ::signed-out moves this window (and any other showing it) on. */
  tc_account_list_sign_out_async (self->accounts, account, NULL, sign_out_cb, weak);
}

/* The account went: show another remembered one, or the welcome page. */
static void
signed_out_cb (TcWindow      *self,
               TcAccount     *account,
               TcAccountList *accounts)
{
  g_autoptr(TcAccount) next = NULL;

  if (self->account == NULL || !tc_account_equal (self->account, account))
    return;

  g_cancellable_cancel (self->open_cancellable);
  set_account (self, NULL);
  close_account (self, "welcome");

  for (guint i = 0; next == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (accounts)); i++)
    {
      g_autoptr(TcAccount) other = g_list_model_get_item (G_LIST_MODEL (accounts), i);

      if (!tc_account_equal (other, account))
        next = g_steal_pointer (&other);
    }
  if (next != NULL)
    _tc_window_open_account (self, next);
}

static void
sign_out_response_cb (TcWindow   *self,
                      const char *response)
{
  if (g_strcmp0 (response, "sign-out") == 0)
    _tc_window_sign_out (self);
}

void
_tc_window_confirm_sign_out (TcWindow *self)
{
  TcAccount *account = self->account;
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;
  guint pending = self->session ? tc_session_get_pending_edits (self->session) : 0;
  g_autofree char *server = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->session == NULL || account == NULL)
    return;

  server = tc_account_dup_server_label (account);
  /* Translators: %s is the account's name */
  heading = g_strdup_printf (_("Sign Out of %s?"), tc_user_get_display_name (user));
  /* Translators: the first %s is the account's email, the second its
   * server ("Local", "Clockify") */
  body = g_strdup_printf (_("Timecard forgets this account (%s, %s): its API key and the copy of its data on this computer are removed. Your other accounts stay signed in."),
                          tc_user_get_email (user) ? tc_user_get_email (user) : "", server);
  if (pending > 0)
    {
      g_autofree char *lost =
        /* Translators: %u is a number of changes */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u change not yet sent to the server will be lost.",
                                      "%u changes not yet sent to the server will be lost.", pending),
                         pending);
      g_autofree char *both = g_strconcat (body, " ", lost, NULL);

      g_free (body);
      body = g_steal_pointer (&both);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Called by tc_window_start(), before the first account opens. */
void
_tc_window_setup_accounts (TcWindow      *self,
                           TcApplication *app)
{
  GtkPopover *popover;

  self->accounts = g_object_ref (tc_application_get_account_list (app));
  g_signal_connect_object (self->accounts, "signed-out", G_CALLBACK (signed_out_cb),
                           self, G_CONNECT_SWAPPED);

  self->account_menu = tc_account_menu_new (G_LIST_MODEL (self->accounts));
  g_object_bind_property (self->header_avatar, "custom-image", self->account_menu,
                          "current-picture", G_BINDING_SYNC_CREATE);
  popover = gtk_menu_button_get_popover (self->account_button);
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), GTK_WIDGET (self->account_menu), "accounts");

  /* On the start pages too, to go back to an account that opens. */
  self->start_account_menu = tc_account_menu_new (G_LIST_MODEL (self->accounts));
  popover = gtk_menu_button_get_popover (self->start_menu_button);
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (popover), GTK_WIDGET (self->start_account_menu), "accounts");
}
