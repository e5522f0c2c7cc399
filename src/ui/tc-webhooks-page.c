/* tc-webhooks-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The active workspace's webhooks over tc_session_get_webhooks(), with the
 * count against the plan's limit. Each row says plainly whether the
 * webhook delivers: off, or stopped by the server after failed deliveries
 * (saving it again turns delivery back on). Its menu edits, sends a test
 * delivery, lists deliveries, regenerates the token (shown once) and
 * deletes — the last two confirmed. The window shows this page to Owners
 * and Admins only. While the session is offline every action that writes
 * is disabled, with a line saying why: none of them can be queued.
 * The rows' actions are in tc-webhooks-page-actions.c.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-session-webhooks.h"
#include "tc-webhook-dialog.h"
#include "tc-webhooks-page-private.h"

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TcWebhooksPage, tc_webhooks_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static void
update_state (TcWebhooksPage *self)
{
  GListModel *webhooks = self->session ? tc_session_get_webhooks (self->session) : NULL;
  TcWorkspace *workspace = self->session ? tc_session_get_active_workspace (self->session) : NULL;
  const char *state = "loading";
  gboolean offline = self->session != NULL && tc_session_get_offline (self->session);
  static const char * const needs_server[] = {
    "webhooks.create", "webhooks.edit", "webhooks.test", "webhooks.regenerate", "webhooks.delete",
  };

  /* These reach the server at once or not at all: nothing can be queued. */
  for (guint i = 0; i < G_N_ELEMENTS (needs_server); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), needs_server[i], !offline);
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline);

  if (webhooks != NULL && self->loaded)
    state = g_list_model_get_n_items (webhooks) > 0 ? "list" : "empty";

  if (workspace != NULL)
    {
      guint limit = tc_wire_webhook_limit_workspace (tc_workspace_get_plan_tier (workspace));
      /* Translators: the numbers of webhooks in the workspace and allowed by its plan */
      g_autofree char *count = g_strdup_printf (ngettext ("%u of %u webhook this workspace’s plan allows",
                                                          "%u of %u webhooks this workspace’s plan allows",
                                                          limit),
                                                self->workspace_count, limit);

      adw_preferences_group_set_description (self->list_group, count);
    }

  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
update_row (GtkWidget *row,
            GParamSpec *pspec,
            TcWebhook *webhook)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (row), "tc-status");
  g_autofree char *event = tc_webhook_dialog_dup_event_label (tc_webhook_get_webhook_event (webhook));
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", event, tc_webhook_get_url (webhook));
  const char *label;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tc_webhook_get_name (webhook));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_remove_css_class (status, "error");
  gtk_widget_remove_css_class (status, "success");
  gtk_widget_remove_css_class (status, "dim-label");
  if (!tc_webhook_get_enabled (webhook))
    {
      label = C_("webhook state", "Off");
      gtk_widget_add_css_class (status, "dim-label");
    }
  else if (!tc_webhook_get_delivery_enabled (webhook) || !tc_webhook_get_plan_enabled (webhook))
    {
      label = tc_webhook_get_plan_enabled (webhook) ? _("Delivery stopped after failures — save to resume")
                                                     : _("Not included in the plan");
      gtk_widget_add_css_class (status, "error");
    }
  else
    {
      label = C_("webhook state", "On");
      gtk_widget_add_css_class (status, "success");
    }
  gtk_label_set_label (GTK_LABEL (status), label);
}

static GMenuModel *
row_menu (const char *id)
{
  static const struct { const char *label, *action; } items[] = {
    { N_("_Edit…"), "webhooks.edit" },
    { N_("Send _Test Delivery"), "webhooks.test" },
    { N_("Delivery _Log"), "webhooks.logs" },
    { N_("_Regenerate Token…"), "webhooks.regenerate" },
    { N_("_Delete…"), "webhooks.delete" },
  };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (id));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  TcWebhook *webhook = item;
  g_autoptr(GMenuModel) menu = row_menu (tc_webhook_get_id (webhook));
  /* Translators: %s is the name of a webhook */
  g_autofree char *menu_label = g_strdup_printf (_("Actions for “%s”"), tc_webhook_get_name (webhook));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *button = gtk_menu_button_new ();

  gtk_widget_set_name (row, tc_webhook_get_id (webhook));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (status), 20);
  gtk_label_set_justify (GTK_LABEL (status), GTK_JUSTIFY_RIGHT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  g_object_set_data (G_OBJECT (row), "tc-status", status);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Webhook Actions"));
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  g_signal_connect_object (webhook, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row, NULL, webhook);
  return row;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TcWebhooksPage) self = user_data;
  g_autoptr(GListModel) webhooks = NULL;
  g_autoptr(GError) error = NULL;

  webhooks = tc_session_load_webhooks_finish (TC_SESSION (object), result, &self->workspace_count, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loaded = TRUE;
  if (error != NULL)
    tc_error_present (GTK_WIDGET (self), error);
  update_state (self);
}

static void
reload (TcWebhooksPage *self)
{
  TcWorkspace *workspace = tc_session_get_active_workspace (self->session);

  if (workspace == NULL || !tc_workspace_get_caller_is_admin (workspace))
    return;

  tc_session_load_webhooks_async (self->session, self->cancellable, load_cb, g_object_ref (self));
}

static void
items_changed_cb (TcWebhooksPage *self,
                  guint           position,
                  guint           removed,
                  guint           added)
{
  self->workspace_count = MAX ((int) self->workspace_count + (int) added - (int) removed, 0);
  update_state (self);
}

static void
active_workspace_changed_cb (TcWebhooksPage *self)
{
  /* The caller's role comes after the workspace: reload once it is known. */
  g_signal_group_set_target (self->workspace_signals,
                             self->session ? tc_session_get_active_workspace (self->session) : NULL);
  self->loaded = FALSE;
  update_state (self);
  reload (self);
}

static void
offline_changed_cb (TcWebhooksPage *self)
{
  update_state (self);
  /* Back online: the list may have failed to load meanwhile. */
  if (self->session != NULL && !tc_session_get_offline (self->session))
    reload (self);
}

static void
tc_webhooks_page_dispose (GObject *object)
{
  TcWebhooksPage *self = (TcWebhooksPage *)object;

  tc_webhooks_page_set_session (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->workspace_signals);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_WEBHOOKS_PAGE);

  G_OBJECT_CLASS (tc_webhooks_page_parent_class)->dispose (object);
}

static void
tc_webhooks_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TcWebhooksPage *self = TC_WEBHOOKS_PAGE (object);

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
tc_webhooks_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TcWebhooksPage *self = TC_WEBHOOKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tc_webhooks_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_webhooks_page_class_init (TcWebhooksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_webhooks_page_dispose;
  object_class->get_property = tc_webhooks_page_get_property;
  object_class->set_property = tc_webhooks_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-webhooks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TcWebhooksPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TcWebhooksPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TcWebhooksPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, TcWebhooksPage, webhooks_list);
  gtk_widget_class_bind_template_child (widget_class, TcWebhooksPage, offline_label);

  _tc_webhooks_page_class_init_actions (widget_class);
}

static void
tc_webhooks_page_init (TcWebhooksPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->workspace_signals = g_signal_group_new (TC_TYPE_WORKSPACE);
  g_signal_group_connect_swapped (self->workspace_signals, "notify::caller-is-admin",
                                  G_CALLBACK (reload), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

GtkWidget *
tc_webhooks_page_new (void)
{
  return g_object_new (TC_TYPE_WEBHOOKS_PAGE, NULL);
}

TcSession *
tc_webhooks_page_get_session (TcWebhooksPage *self)
{
  g_return_val_if_fail (TC_IS_WEBHOOKS_PAGE (self), NULL);

  return self->session;
}

void
tc_webhooks_page_set_session (TcWebhooksPage *self,
                              TcSession      *session)
{
  g_return_if_fail (TC_IS_WEBHOOKS_PAGE (self));
  g_return_if_fail (!session || TC_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (tc_session_get_webhooks (self->session), self);
    }
  g_set_object (&self->session, session);
  self->loaded = FALSE;

  if (self->webhooks_list != NULL)
    gtk_list_box_bind_model (self->webhooks_list, session ? tc_session_get_webhooks (session) : NULL,
                             create_row_cb, self, NULL);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::active-workspace",
                               G_CALLBACK (active_workspace_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::offline",
                               G_CALLBACK (offline_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tc_session_get_webhooks (session), "items-changed",
                               G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_group_set_target (self->workspace_signals, tc_session_get_active_workspace (session));
      reload (self);
    }
  else
    g_signal_group_set_target (self->workspace_signals, NULL);

  if (self->stack != NULL)
    update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
tc_webhooks_page_get_state (TcWebhooksPage *self)
{
  g_return_val_if_fail (TC_IS_WEBHOOKS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
