/* tc-profile-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows its session's user through bindings in the template. The
 * code here is the entry rows' apply, which queues the name or email in
 * the session's outbox (shown at once, offline too; the row says while
 * it waits, and why when the server refused it — the session has put
 * the stored value back by then), and the picture: chosen in the file chooser, checked, cropped and
 * scaled by tc-picture.c, then uploaded by the session. Views never load
 * URLs: the session gives the picture's bytes (tc_session_load_picture_*)
 * each time the user's profile-picture changes, and the avatar shows
 * initials while there are none.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-picture.h"
#include "tc-profile-page-private.h"


enum {
  PROP_0,
  PROP_SESSION,
  PROP_PICTURE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TcProfilePage, tc_profile_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static void
show_stored_name (TcProfilePage *self)
{
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;
  const char *name = user ? tc_user_get_name (user) : NULL;

  self->showing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  self->showing = FALSE;
}

static void
show_stored_email (TcProfilePage *self)
{
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;
  const char *email = user ? tc_user_get_email (user) : NULL;

  self->showing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");
  self->showing = FALSE;
}

void
_tc_profile_page_set_picture (TcProfilePage *self,
             GdkPaintable  *picture)
{
  if (g_set_object (&self->picture, picture))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICTURE]);
}

void
_tc_profile_page_update_actions (TcProfilePage *self)
{
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;
  gboolean can_edit = user != NULL && !self->busy &&
                      tc_session_get_can_edit_profile (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.change-picture", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.remove-picture",
                                 can_edit && (tc_user_get_profile_picture (user) != NULL ||
                                              self->picture != NULL));
}

static void
user_picture_changed_cb (TcProfilePage *self)
{
  _tc_profile_page_load_picture (self);
  _tc_profile_page_update_actions (self);
}

static gboolean
invert_boolean (gpointer this,
                gboolean value)
{
  return !value;
}

static gboolean
is_set (gpointer    this,
        const char *value)
{
  return value != NULL && value[0] != '\0';
}

static char *
describe_pending_email (gpointer    this,
                        const char *pending_email)
{
  if (pending_email == NULL)
    return NULL;

  /* Translators: %s is the new email address */
  return g_strdup_printf (_("Confirmation sent to %s. Your email changes when you follow the link in that message."),
                          pending_email);
}

static char *
describe_status (gpointer    this,
                 const char *status)
{
  static const struct {
    const char *wire;
    const char *label;
  } statuses[] = {
    { "ACTIVE", NC_("account status", "Active") },
    { "PENDING_EMAIL_VERIFICATION", NC_("account status", "Waiting for email verification") },
    { "DELETED", NC_("account status", "Deleted") },
    { "NOT_REGISTERED", NC_("account status", "Not registered") },
    { "LIMITED", NC_("account status", "Limited") },
    { "LIMITED_DELETED", NC_("account status", "Limited, deleted") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].wire, status) == 0)
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "account status", statuses[i].label));

  return g_strdup (status);
}

/* The own-profile edit of @field waiting in the outbox, or NULL. */
static TcPendingEdit *
find_waiting (TcProfilePage *self,
              const char    *field)
{
  GListModel *pending = self->session ? tc_session_get_pending (self->session) : NULL;
  guint n = pending ? g_list_model_get_n_items (pending) : 0;
  TcPendingEdit *found = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TcPendingEdit) edit = g_list_model_get_item (pending, i);

      if (tc_pending_edit_get_target (edit) == TC_EDIT_TARGET_USER &&
          g_strcmp0 (tc_pending_edit_get_field (edit), field) == 0)
        found = edit;   /* the last one is what the row shows */
    }
  return found;
}

/* A row's state: its edit waits to be sent, or the server refused it (the
 * reason stays until the person types again), or nothing to say. */
static void
show_row_state (TcProfilePage *self,
                GtkWidget     *row,
                GtkImage      *status,
                const char    *field,
                const char    *refused)
{
  gboolean waiting = find_waiting (self, field) != NULL;
  const char *text = waiting ? _("Waiting to be sent") : refused;

  gtk_widget_set_visible (GTK_WIDGET (status), text != NULL);
  gtk_image_set_from_icon_name (status, waiting ? "content-loading-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (status), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text ? text : "", -1);
  if (!waiting && refused != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
update_pending_email (TcProfilePage *self)
{
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;
  const char *pending_email = user ? tc_user_get_pending_email (user) : NULL;
  g_autofree char *text = NULL;

  if (pending_email == NULL)
    ;
  else if (find_waiting (self, "email") != NULL)
    /* Translators: %s is the new email address */
    text = g_strdup_printf (_("%s waits to be sent to the server, which then emails a confirmation link to it."),
                            pending_email);
  else
    text = describe_pending_email (NULL, pending_email);
  adw_action_row_set_subtitle (self->pending_email_row, text ? text : "");
}

static void
update_rows (TcProfilePage *self)
{
  show_row_state (self, GTK_WIDGET (self->name_row), self->name_status, "name", self->name_refused);
  show_row_state (self, GTK_WIDGET (self->email_row), self->email_status, "email", self->email_refused);
  update_pending_email (self);
}

static void
name_row_changed_cb (TcProfilePage *self)
{
  if (self->showing || self->name_refused == NULL)
    return;
  g_clear_pointer (&self->name_refused, g_free);
  update_rows (self);
}

static void
email_row_changed_cb (TcProfilePage *self)
{
  if (self->showing || self->email_refused == NULL)
    return;
  g_clear_pointer (&self->email_refused, g_free);
  update_rows (self);
}

/* The session shows the new value at once (offline too); the outcome
 * comes with edit-resolved. */
static void
email_row_apply_cb (TcProfilePage *self)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));

  if (self->session == NULL)
    return;

  g_clear_pointer (&self->email_refused, g_free);
  tc_session_set_email (self->session, email);
  /* The address stays the confirmed one until the link is followed; the
   * pending row shows the new one. */
  show_stored_email (self);
  update_rows (self);
}

static void
name_row_apply_cb (TcProfilePage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (self->session == NULL)
    return;

  g_clear_pointer (&self->name_refused, g_free);
  tc_session_set_name (self->session, name);
  show_stored_name (self);
  update_rows (self);
}

/* The outcome of an own-profile edit: refused or in conflict, the row
 * says why (and a toast, for the picture too); the models are back at
 * the server's value already. */
static void
edit_resolved_cb (TcProfilePage *self,
                  TcPendingEdit *edit,
                  const GError  *error)
{
  TcEditTarget target = tc_pending_edit_get_target (edit);
  const char *field = tc_pending_edit_get_field (edit);
  gboolean failed = error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (target == TC_EDIT_TARGET_PICTURE ||
      (target == TC_EDIT_TARGET_USER && g_strcmp0 (field, "profilePicture") == 0))
    {
      if (error != NULL)
        _tc_profile_page_load_picture (self);
    }
  else if (target == TC_EDIT_TARGET_USER && g_strcmp0 (field, "name") == 0)
    {
      if (failed)
        {
          g_free (self->name_refused);
          self->name_refused = tc_error_message_dup (error);
        }
      show_stored_name (self);
    }
  else if (target == TC_EDIT_TARGET_USER && g_strcmp0 (field, "email") == 0)
    {
      if (failed)
        {
          g_free (self->email_refused);
          self->email_refused = tc_error_message_dup (error);
        }
      show_stored_email (self);
    }
  else
    return;

  if (failed)
    tc_error_present_edit (GTK_WIDGET (self), edit, error);
  update_rows (self);
}

static void
session_user_changed_cb (TcProfilePage *self)
{
  g_signal_group_set_target (self->user_signals, tc_session_get_user (self->session));
  show_stored_name (self);
  show_stored_email (self);
  user_picture_changed_cb (self);
  update_rows (self);
}

static void
tc_profile_page_dispose (GObject *object)
{
  TcProfilePage *self = (TcProfilePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);
  g_clear_object (&self->user_signals);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->workspaces_signals);
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->picture);
  g_clear_pointer (&self->name_refused, g_free);
  g_clear_pointer (&self->email_refused, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_PROFILE_PAGE);

  G_OBJECT_CLASS (tc_profile_page_parent_class)->dispose (object);
}

static void
tc_profile_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TcProfilePage *self = TC_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PICTURE:
      g_value_set_object (value, self->picture);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_profile_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TcProfilePage *self = TC_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tc_profile_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_profile_page_class_init (TcProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_profile_page_dispose;
  object_class->get_property = tc_profile_page_get_property;
  object_class->set_property = tc_profile_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         TC_TYPE_SESSION,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));
  /* The picture uploaded from here, or NULL (the avatar shows initials). */
  properties[PROP_PICTURE] =
    g_param_spec_object ("picture", NULL, NULL, GDK_TYPE_PAINTABLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TC_TYPE_SESSION);
  g_type_ensure (TC_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, avatar);
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, display_name_label);
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, email_row);
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, workspace_row);
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, leave_button);
  _tc_profile_page_workspace_class_init (widget_class);
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, name_status);
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, email_status);
  gtk_widget_class_bind_template_child (widget_class, TcProfilePage, pending_email_row);
  gtk_widget_class_bind_template_callback (widget_class, name_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);
  gtk_widget_class_bind_template_callback (widget_class, is_set);
  gtk_widget_class_bind_template_callback (widget_class, describe_status);

  gtk_widget_class_install_action (widget_class, "profile.change-picture", NULL, _tc_profile_page_change_picture_action);
  gtk_widget_class_install_action (widget_class, "profile.remove-picture", NULL, _tc_profile_page_remove_picture_action);
}

static void
tc_profile_page_init (TcProfilePage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->user_signals = g_signal_group_new (TC_TYPE_USER);
  g_signal_group_connect_swapped (self->user_signals, "notify::name",
                                  G_CALLBACK (show_stored_name), self);
  g_signal_group_connect_swapped (self->user_signals, "notify::email",
                                  G_CALLBACK (show_stored_email), self);
  g_signal_group_connect_swapped (self->user_signals, "notify::profile-picture",
                                  G_CALLBACK (user_picture_changed_cb), self);
  g_signal_group_connect_swapped (self->user_signals, "notify::pending-email",
                                  G_CALLBACK (update_pending_email), self);
  self->session_signals = g_signal_group_new (TC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::user",
                                  G_CALLBACK (session_user_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::can-edit-profile",
                                  G_CALLBACK (_tc_profile_page_update_actions), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::pending-edits",
                                  G_CALLBACK (update_rows), self);
  g_signal_group_connect_swapped (self->session_signals, "edit-resolved",
                                  G_CALLBACK (edit_resolved_cb), self);
  _tc_profile_page_workspace_init (self);
  _tc_profile_page_update_actions (self);
}

GtkWidget *
tc_profile_page_new (void)
{
  return g_object_new (TC_TYPE_PROFILE_PAGE, NULL);
}

TcSession *
tc_profile_page_get_session (TcProfilePage *self)
{
  g_return_val_if_fail (TC_IS_PROFILE_PAGE (self), NULL);

  return self->session;
}

void
tc_profile_page_set_session (TcProfilePage *self,
                             TcSession     *session)
{
  g_return_if_fail (TC_IS_PROFILE_PAGE (self));
  g_return_if_fail (!session || TC_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  _tc_profile_page_load_picture (self);
  g_signal_group_set_target (self->session_signals, session);
  if (session != NULL)
    session_user_changed_cb (self);
  else
    g_signal_group_set_target (self->user_signals, NULL);
  _tc_profile_page_update_actions (self);
  _tc_profile_page_update_workspace (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
