/* tc-leave-workspace.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core refuses the same cases (tc_session_leave_workspace_async());
 * saying them here first lets the button be insensitive with the reason
 * beside it, as the HIG asks for a destructive action that cannot apply.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tc-api-error.h"
#include "tc-error-message.h"
#include "tc-leave-workspace.h"
#include "tc-web-links.h"

char *
tc_leave_workspace_dup_refusal (TcSession   *session,
                                TcWorkspace *workspace)
{
  g_return_val_if_fail (TC_IS_SESSION (session), NULL);

  if (workspace == NULL)
    return g_strdup (_("There is no workspace to leave."));
  if (g_strcmp0 (tc_workspace_get_caller_role (workspace), "OWNER") == 0)
    return g_strdup (_("The owner cannot leave a workspace; transfer ownership first."));
  if (g_list_model_get_n_items (tc_session_get_workspaces (session)) < 2)
    return g_strdup (_("This is your only workspace: you cannot leave your last workspace."));
  return NULL;
}

typedef struct
{
  GtkWidget   *parent;
  TcSession   *session;
  TcWorkspace *workspace;
} Leave;

static void
leave_free (Leave *leave)
{
  g_clear_object (&leave->parent);
  g_clear_object (&leave->session);
  g_clear_object (&leave->workspace);
  g_free (leave);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Leave, leave_free)

static void
toast (GtkWidget  *widget,
       const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static GtkWindow *show_on_web (GtkWidget   *parent,
                               TcSession   *session,
                               TcWorkspace *workspace);

static void
left_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Leave) leave = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!tc_session_leave_workspace_finish (TC_SESSION (object), result, &error))
    {
      if (g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
        show_on_web (leave->parent, leave->session, leave->workspace);
      else if (gtk_widget_get_root (leave->parent) != NULL)
        tc_error_present (leave->parent, error);
      return;
    }

  /* Translators: %s is the workspace's name */
  message = g_strdup_printf (_("You left “%s”"), tc_workspace_get_name (leave->workspace));
  if (gtk_widget_get_root (leave->parent) != NULL)
    toast (leave->parent, message);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Leave *leave = user_data;
  Leave *copy;

  if (g_strcmp0 (response, "leave") != 0)
    return;

  copy = g_new0 (Leave, 1);
  copy->parent = g_object_ref (leave->parent);
  copy->session = g_object_ref (leave->session);
  copy->workspace = g_object_ref (leave->workspace);
  tc_session_leave_workspace_async (leave->session, leave->workspace, NULL, left_cb, copy);
}

static void
web_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  const char *uri = user_data;

  if (g_strcmp0 (response, "web") == 0 && uri != NULL)
    tc_web_links_open (GTK_WIDGET (dialog), uri);
}

static AdwMessageDialog *
new_dialog (GtkWidget  *parent,
            const char *heading,
            const char *body)
{
  GtkRoot *root = gtk_widget_get_root (parent);

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     heading, body));
}

/* The server has no leave route (Clockify): its web app does it. */
static GtkWindow *
show_on_web (GtkWidget   *parent,
             TcSession   *session,
             TcWorkspace *workspace)
{
  char *uri = tc_web_links_dup_workspaces_page (tc_session_get_account (session));
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is the workspace's name */
  heading = g_strdup_printf (_("Leave “%s” on the Web"), tc_workspace_get_name (workspace));
  dialog = new_dialog (parent, heading,
                       _("This server does not let apps leave a workspace. "
                         "Leave it in the server’s web app; Timecard shows the change "
                         "the next time it refreshes."));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (uri != NULL)
    {
      adw_message_dialog_add_response (dialog, "web", _("_Leave on the Web"));
      adw_message_dialog_set_response_appearance (dialog, "web", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "web");
    }
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_data (dialog, "response", G_CALLBACK (web_response_cb), uri,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

GtkWindow *
tc_leave_workspace_confirm (GtkWidget   *parent,
                            TcSession   *session,
                            TcWorkspace *workspace)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Leave *leave;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (TC_IS_SESSION (session), NULL);
  g_return_val_if_fail (TC_IS_WORKSPACE (workspace), NULL);

  if (tc_session_get_local_workspace_choice (session))
    return show_on_web (parent, session, workspace);

  /* Translators: %s is the workspace's name */
  heading = g_strdup_printf (_("Leave “%s”?"), tc_workspace_get_name (workspace));
  /* Translators: %s is the workspace's name */
  body = g_strdup_printf (_("You will lose your membership of “%s” and your access to its "
                            "data: its team, projects, time entries and reports. "
                            "To come back, an admin must invite you again."),
                          tc_workspace_get_name (workspace));
  dialog = new_dialog (parent, heading, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "leave", _("_Leave Workspace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "leave", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  leave = g_new0 (Leave, 1);
  leave->parent = g_object_ref (parent);
  leave->session = g_object_ref (session);
  leave->workspace = g_object_ref (workspace);
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb), leave,
                         (GClosureNotify) (void (*) (void)) leave_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
