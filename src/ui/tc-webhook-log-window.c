/* tc-webhook-log-window.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-webhook-log-window.h"

static GtkWidget *
log_row_new (TcWebhookLog *log)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (tc_webhook_log_get_created_at (log));
  g_autofree char *when = g_date_time_format (local, "%x %X");
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (tc_webhook_log_get_status_code (log) != 0)
    /* Translators: a delivery's status (SUCCEEDED, FAILED) and its HTTP code */
    title = g_strdup_printf (_("%s · HTTP %u"), tc_webhook_log_get_status (log),
                             tc_webhook_log_get_status_code (log));
  else
    title = g_strdup (tc_webhook_log_get_status (log));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
  return row;
}

static void
logs_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) list = user_data;
  g_autoptr(GListModel) logs = NULL;
  g_autoptr(GError) error = NULL;

  logs = tc_session_load_webhook_logs_finish (TC_SESSION (object), result, &error);
  if (logs == NULL)
    {
      g_autofree char *message = tc_error_message_dup (error);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_list_box_set_placeholder (GTK_LIST_BOX (list), gtk_label_new (message));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (logs); i++)
    {
      g_autoptr(TcWebhookLog) log = g_list_model_get_item (logs, i);

      gtk_list_box_append (GTK_LIST_BOX (list), log_row_new (log));
    }
  if (g_list_model_get_n_items (logs) == 0)
    gtk_list_box_set_placeholder (GTK_LIST_BOX (list), gtk_label_new (_("Nothing was delivered yet.")));
}

void
tc_webhook_log_window_present (GtkWindow    *parent,
                               TcSession    *session,
                               TcWebhook    *webhook,
                               GCancellable *cancellable)
{
  GtkWidget *window, *box, *scrolled, *list;

  g_return_if_fail (TC_IS_SESSION (session));
  g_return_if_fail (TC_IS_WEBHOOK (webhook));

  window = adw_window_new ();
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 480);
  gtk_window_set_title (GTK_WINDOW (window), _("Delivery Log"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deliveries"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  tc_session_load_webhook_logs_async (session, webhook, "ALL", 1, 50, cancellable,
                                      logs_loaded_cb, g_object_ref (list));
  gtk_window_present (GTK_WINDOW (window));
}

