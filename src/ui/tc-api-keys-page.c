/* tc-api-keys-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user's API keys over tc_session_get_api_keys(): name, dates and the
 * last four characters. Generate asks a name, then shows the new key once
 * (TcSecretDialog) and wipes it from the core's object; rename asks a
 * name; delete is confirmed. A server that manages keys only in its web
 * app (Clockify: can-manage-api-keys turns FALSE) gets a link there.
 *
 * None of these can wait in the outbox (a new key is shown once, to the
 * person who asked for it), so while the session is offline the actions
 * are disabled and a line on the page says why; they come back when
 * TcSession:offline turns FALSE.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-api-error.h"
#include "tc-api-keys-page.h"
#include "tc-application.h"
#include "tc-error-message.h"
#include "tc-secret-dialog.h"
#include "tc-profile-format.h"
#include "tc-session-keys.h"
#include "tc-web-links.h"
#include "tc-wire.h"

struct _TcApiKeysPage
{
  AdwBin        parent_instance;

  TcSession    *session;
  GCancellable *cancellable;
  gboolean      loaded;

  /* Template children */
  GtkStack     *stack;
  GtkSpinner   *spinner;
  GtkListBox   *keys_list;
  GtkLabel     *offline_label;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TcApiKeysPage, tc_api_keys_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static void
update_state (TcApiKeysPage *self)
{
  const char *state = "loading";
  g_autofree char *web_page = NULL;
  gboolean offline;

  if (self->session != NULL)
    web_page = tc_web_links_dup_account_page (tc_session_get_account (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "api-keys.manage-on-web", web_page != NULL);

  /* Changing keys needs the server: nothing of it can be queued. */
  offline = self->session != NULL && tc_session_get_offline (self->session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "api-keys.generate", !offline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "api-keys.rename", !offline);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "api-keys.delete", !offline);
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline);

  if (self->session != NULL && !tc_session_get_can_manage_api_keys (self->session))
    state = "web";
  else if (self->session != NULL && self->loaded)
    state = g_list_model_get_n_items (tc_session_get_api_keys (self->session)) > 0 ? "keys" : "empty";

  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (self->stack, state);
}

/* In the profile's date format, not the interface language's. */
static char *
key_subtitle (TcApiKeysPage *self,
              TcApiKey      *key)
{
  TcUserSettings *settings = self->session != NULL ? tc_session_get_settings (self->session) : NULL;
  g_autofree char *created = tc_profile_format_date (settings, tc_api_key_get_created_at (key));
  g_autofree char *used = NULL;

  if (tc_api_key_get_last_used_at (key) == NULL)
    /* Translators: %s is a date */
    return g_strdup_printf (_("Created %s · Never used"), created);

  used = tc_profile_format_date (settings, tc_api_key_get_last_used_at (key));
  /* Translators: both %s are dates */
  return g_strdup_printf (_("Created %s · Last used %s"), created, used);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *tooltip,
            const char *accessible_label,
            const char *action_name,
            const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return button;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  TcApiKeysPage *self = user_data;
  TcApiKey *key = item;
  const char *id = tc_api_key_get_id (key);
  g_autofree char *subtitle = key_subtitle (self, key);
  /* Translators: %s is the last four characters of an API key */
  g_autofree char *preview = g_strdup_printf (_("…%s"), tc_api_key_get_preview (key));
  /* Translators: %s is the name of an API key */
  g_autofree char *rename = g_strdup_printf (_("Rename “%s”"), tc_api_key_get_name (key));
  /* Translators: %s is the name of an API key */
  g_autofree char *delete = g_strdup_printf (_("Delete “%s”"), tc_api_key_get_name (key));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (preview);

  gtk_widget_set_name (row, id);
  g_object_bind_property (key, "name", row, "title", G_BINDING_SYNC_CREATE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_tooltip_text (label, _("The last characters of the key"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-edit-symbolic", _("Rename"), rename,
                                         "api-keys.rename", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", _("Delete"), delete,
                                         "api-keys.delete", id));
  return row;
}

static TcApiKey *
find_key (TcApiKeysPage *self,
          const char    *id)
{
  GListModel *keys = tc_session_get_api_keys (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(TcApiKey) key = g_list_model_get_item (keys, i);

      if (g_strcmp0 (tc_api_key_get_id (key), id) == 0)
        return key;   /* the list keeps a reference */
    }

  return NULL;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TcApiKeysPage) self = user_data;
  g_autoptr(GListModel) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = tc_session_load_api_keys_finish (TC_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loaded = TRUE;
  /* Unsupported turns can-manage-api-keys FALSE: the page says so itself. */
  if (error != NULL && !g_error_matches (error, TC_API_ERROR, TC_API_ERROR_UNSUPPORTED))
    tc_error_present (GTK_WIDGET (self), error);
  update_state (self);
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog), "tc-response"),
                                           tc_wire_validate_name (name));
}

/* A question with a name entry, for Generate and Rename. */
static AdwMessageDialog *
name_dialog_new (TcApiKeysPage *self,
                 const char    *heading,
                 const char    *response,
                 const char    *response_label,
                 const char    *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              _("Name the key after the app or script that will use it, so you know which one to delete later."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), TC_WIRE_API_KEY_NAME_MAX_CHARS);
  gtk_editable_set_text (GTK_EDITABLE (entry), name ? name : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. Invoicing"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Key name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "tc-name-entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "tc-response", g_strdup (response), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  name_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static char *
dup_dialog_name (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "tc-name-entry");

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TcApiKeysPage) self = user_data;
  g_autoptr(TcApiKey) key = NULL;
  g_autoptr(GError) error = NULL;
  TcSecretDialog *dialog;

  key = tc_session_create_api_key_finish (TC_SESSION (object), result, &error);
  if (key == NULL)
    {
      tc_error_present (GTK_WIDGET (self), error);
      return;
    }

  dialog = tc_secret_dialog_new (GTK_WIDGET (self), _("Your New API Key"), tc_api_key_get_key (key));
  tc_api_key_clear_key (key);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
generate_response_cb (TcApiKeysPage    *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  g_autofree char *name = dup_dialog_name (dialog);

  if (!g_str_equal (response, "generate") || self->session == NULL)
    return;

  tc_session_create_api_key_async (self->session, name, self->cancellable,
                                   created_cb, g_object_ref (self));
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TcApiKeysPage *self = TC_API_KEYS_PAGE (widget);
  AdwMessageDialog *dialog;

  dialog = name_dialog_new (self, _("Generate API Key"), "generate", _("_Generate"), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (generate_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
renamed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TcApiKeysPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tc_session_rename_api_key_finish (TC_SESSION (object), result, &error))
    tc_error_present (GTK_WIDGET (self), error);
}

static void
rename_response_cb (TcApiKeysPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autofree char *name = dup_dialog_name (dialog);
  TcApiKey *key;

  if (!g_str_equal (response, "rename") || self->session == NULL)
    return;

  key = find_key (self, g_object_get_data (G_OBJECT (dialog), "tc-key-id"));
  if (key != NULL)
    tc_session_rename_api_key_async (self->session, key, name, self->cancellable,
                                     renamed_cb, g_object_ref (self));
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcApiKeysPage *self = TC_API_KEYS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  TcApiKey *key = self->session ? find_key (self, id) : NULL;
  AdwMessageDialog *dialog;

  if (key == NULL)
    return;

  dialog = name_dialog_new (self, _("Rename API Key"), "rename", _("_Rename"),
                            tc_api_key_get_name (key));
  g_object_set_data_full (G_OBJECT (dialog), "tc-key-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TcApiKeysPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tc_session_delete_api_key_finish (TC_SESSION (object), result, &error))
    tc_error_present (GTK_WIDGET (self), error);
}

static void
delete_response_cb (TcApiKeysPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  TcApiKey *key;

  if (!g_str_equal (response, "delete") || self->session == NULL)
    return;

  key = find_key (self, g_object_get_data (G_OBJECT (dialog), "tc-key-id"));
  if (key != NULL)
    tc_session_delete_api_key_async (self->session, key, self->cancellable,
                                     deleted_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TcApiKeysPage *self = TC_API_KEYS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  TcApiKey *key = self->session ? find_key (self, id) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (key == NULL)
    return;

  /* Translators: %s is the name of an API key */
  heading = g_strdup_printf (_("Delete “%s”?"), tc_api_key_get_name (key));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Apps using this key stop working at once."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tc-key-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
manage_on_web_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TcApiKeysPage *self = TC_API_KEYS_PAGE (widget);
  g_autofree char *page = NULL;

  if (self->session != NULL)
    page = tc_web_links_dup_account_page (tc_session_get_account (self->session));
  if (page != NULL)
    tc_web_links_open (widget, page);
}

static void
offline_changed_cb (TcApiKeysPage *self)
{
  update_state (self);
  /* Back online: the list may have failed to load meanwhile. */
  if (self->session != NULL && !tc_session_get_offline (self->session))
    tc_session_load_api_keys_async (self->session, self->cancellable, load_cb, g_object_ref (self));
}

static void
tc_api_keys_page_dispose (GObject *object)
{
  TcApiKeysPage *self = (TcApiKeysPage *)object;

  tc_api_keys_page_set_session (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_API_KEYS_PAGE);

  G_OBJECT_CLASS (tc_api_keys_page_parent_class)->dispose (object);
}

static void
tc_api_keys_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TcApiKeysPage *self = TC_API_KEYS_PAGE (object);

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
tc_api_keys_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TcApiKeysPage *self = TC_API_KEYS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tc_api_keys_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* TcApplication::language-changed, or the profile's date format changed:
 * the rows say when each key was made and last used in words of the
 * language in use and dates of the profile; make them again. */
static void
language_changed_cb (TcApiKeysPage *self)
{
  if (self->session != NULL)
    gtk_list_box_bind_model (self->keys_list, tc_session_get_api_keys (self->session),
                             create_row_cb, self, NULL);
  update_state (self);
}

static void
tc_api_keys_page_class_init (TcApiKeysPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_api_keys_page_dispose;
  object_class->get_property = tc_api_keys_page_get_property;
  object_class->set_property = tc_api_keys_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-api-keys-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TcApiKeysPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TcApiKeysPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TcApiKeysPage, keys_list);
  gtk_widget_class_bind_template_child (widget_class, TcApiKeysPage, offline_label);

  gtk_widget_class_install_action (widget_class, "api-keys.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "api-keys.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "api-keys.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "api-keys.manage-on-web", NULL, manage_on_web_action);
}

static void
tc_api_keys_page_init (TcApiKeysPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
  if (TC_IS_APPLICATION (g_application_get_default ()))
    g_signal_connect_object (g_application_get_default (), "language-changed",
                             G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tc_api_keys_page_new (void)
{
  return g_object_new (TC_TYPE_API_KEYS_PAGE, NULL);
}

TcSession *
tc_api_keys_page_get_session (TcApiKeysPage *self)
{
  g_return_val_if_fail (TC_IS_API_KEYS_PAGE (self), NULL);

  return self->session;
}

void
tc_api_keys_page_set_session (TcApiKeysPage *self,
                              TcSession     *session)
{
  g_return_if_fail (TC_IS_API_KEYS_PAGE (self));
  g_return_if_fail (!session || TC_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (tc_session_get_api_keys (self->session), self);
      g_signal_handlers_disconnect_by_data (tc_session_get_settings (self->session), self);
    }
  g_set_object (&self->session, session);
  self->loaded = FALSE;

  if (self->keys_list != NULL)
    gtk_list_box_bind_model (self->keys_list, session ? tc_session_get_api_keys (session) : NULL,
                             create_row_cb, self, NULL);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::can-manage-api-keys",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::offline",
                               G_CALLBACK (offline_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (tc_session_get_api_keys (session), "items-changed",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      /* The dates follow the profile's format. */
      g_signal_connect_object (tc_session_get_settings (session), "notify::date-format",
                               G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);
      tc_session_load_api_keys_async (session, self->cancellable, load_cb, g_object_ref (self));
    }

  if (self->stack != NULL)
    update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

const char *
tc_api_keys_page_get_state (TcApiKeysPage *self)
{
  g_return_val_if_fail (TC_IS_API_KEYS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
