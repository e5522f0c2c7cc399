/* tc-webhooks-page-actions.c — what the Webhooks page does to a webhook
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * webhooks.create and webhooks.edit open the webhook dialog; a row's menu
 * also sends a test delivery (its outcome is a toast), lists deliveries,
 * and regenerates the token (shown once) or deletes the webhook, both
 * confirmed first. Failures are said through tc-error-message.c.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-secret-dialog.h"
#include "tc-session-webhooks.h"
#include "tc-webhook-dialog.h"
#include "tc-webhook-log-window.h"
#include "tc-webhooks-page-private.h"

static TcWebhook *
find_webhook (TcWebhooksPage *self,
              GVariant       *parameter)
{
  GListModel *webhooks = tc_session_get_webhooks (self->session);
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (webhooks); i++)
    {
      g_autoptr(TcWebhook) webhook = g_list_model_get_item (webhooks, i);

      if (g_strcmp0 (tc_webhook_get_id (webhook), id) == 0)
        return webhook;   /* the list keeps a reference */
    }

  return NULL;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcWebhooksPage *self = TC_WEBHOOKS_PAGE (widget);

  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (tc_webhook_dialog_new (widget, self->session, NULL)));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TcWebhooksPage *self = TC_WEBHOOKS_PAGE (widget);
  TcWebhook *webhook = self->session ? find_webhook (self, parameter) : NULL;

  if (webhook != NULL)
    gtk_window_present (GTK_WINDOW (tc_webhook_dialog_new (widget, self->session, webhook)));
}

static void
toast (TcWebhooksPage *self,
       const char     *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TcWebhooksPage) self = user_data;
  g_autoptr(TcWebhookLog) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  log = tc_session_test_webhook_finish (TC_SESSION (object), result, &error);
  if (log == NULL)
    {
      tc_error_present (GTK_WIDGET (self), error);
      return;
    }

  if (g_strcmp0 (tc_webhook_log_get_status (log), "SUCCEEDED") == 0)
    /* Translators: %u is an HTTP status code */
    message = g_strdup_printf (_("Test delivery succeeded (HTTP %u)"), tc_webhook_log_get_status_code (log));
  else if (tc_webhook_log_get_status_code (log) != 0)
    /* Translators: %u is an HTTP status code */
    message = g_strdup_printf (_("Test delivery failed (HTTP %u)"), tc_webhook_log_get_status_code (log));
  else
    message = g_strdup (_("Test delivery failed: the address did not answer"));
  toast (self, message);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TcWebhooksPage *self = TC_WEBHOOKS_PAGE (widget);
  TcWebhook *webhook = self->session ? find_webhook (self, parameter) : NULL;

  if (webhook != NULL)
    tc_session_test_webhook_async (self->session, webhook, self->cancellable,
                                   tested_cb, g_object_ref (self));
}

static void
logs_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TcWebhooksPage *self = TC_WEBHOOKS_PAGE (widget);
  TcWebhook *webhook = self->session ? find_webhook (self, parameter) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (webhook != NULL)
    tc_webhook_log_window_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   self->session, webhook, self->cancellable);
}

static void
regenerated_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) dialog = user_data;
  TcWebhooksPage *self = g_object_get_data (G_OBJECT (dialog), "tc-page");
  TcWebhook *webhook = g_object_get_data (G_OBJECT (dialog), "tc-webhook");
  g_autoptr(GError) error = NULL;

  if (!tc_session_regenerate_webhook_token_finish (TC_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tc_error_present (GTK_WIDGET (self), error);
      return;
    }

  if (self != NULL && tc_webhook_get_auth_token (webhook) != NULL)
    gtk_window_present (GTK_WINDOW (tc_secret_dialog_new (GTK_WIDGET (self), _("The New Signing Token"),
                                                          tc_webhook_get_auth_token (webhook))));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TcWebhooksPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Refused or unreachable: the webhook stays in the list, and says why. */
  if (!tc_session_delete_webhook_finish (TC_SESSION (object), result, &error))
    tc_error_present (GTK_WIDGET (self), error);
}

/* The answer of a confirmation: regenerate or delete the webhook. */
static void
confirm_response_cb (TcWebhooksPage   *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  TcWebhook *webhook = g_object_get_data (G_OBJECT (dialog), "tc-webhook");

  if (g_str_equal (response, "regenerate"))
    {
      g_object_set_data (G_OBJECT (dialog), "tc-page", self);
      tc_session_regenerate_webhook_token_async (self->session, webhook, self->cancellable,
                                                 regenerated_cb, g_object_ref (dialog));
    }
  else if (g_str_equal (response, "delete"))
    tc_session_delete_webhook_async (self->session, webhook, self->cancellable,
                                     deleted_cb, g_object_ref (self));
}

static void
confirm (TcWebhooksPage *self,
         TcWebhook      *webhook,
         const char     *heading,
         const char     *body,
         const char     *response,
         const char     *response_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    response, response_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tc-webhook", g_object_ref (webhook), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
regenerate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TcWebhooksPage *self = TC_WEBHOOKS_PAGE (widget);
  TcWebhook *webhook = self->session ? find_webhook (self, parameter) : NULL;
  g_autofree char *heading = NULL;

  if (webhook == NULL)
    return;

  /* Translators: %s is the name of a webhook */
  heading = g_strdup_printf (_("Regenerate the Token of “%s”?"), tc_webhook_get_name (webhook));
  confirm (self, webhook, heading,
           _("The receiving app checks deliveries with this token. The old one stops working at once: give the app the new one."),
           "regenerate", _("_Regenerate"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcWebhooksPage *self = TC_WEBHOOKS_PAGE (widget);
  TcWebhook *webhook = self->session ? find_webhook (self, parameter) : NULL;
  g_autofree char *heading = NULL;

  if (webhook == NULL)
    return;

  /* Translators: %s is the name of a webhook */
  heading = g_strdup_printf (_("Delete “%s”?"), tc_webhook_get_name (webhook));
  confirm (self, webhook, heading,
           _("The receiving app gets no more events from this workspace."),
           "delete", _("_Delete"));
}

void
_tc_webhooks_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "webhooks.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "webhooks.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "webhooks.test", "s", test_action);
  gtk_widget_class_install_action (widget_class, "webhooks.logs", "s", logs_action);
  gtk_widget_class_install_action (widget_class, "webhooks.regenerate", "s", regenerate_action);
  gtk_widget_class_install_action (widget_class, "webhooks.delete", "s", delete_action);
}
