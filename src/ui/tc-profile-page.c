/* tc-profile-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows its session's user through bindings in the template. The
 * code here is the entry rows' apply, which asks the session to save the
 * name or email and puts the stored value back when the server refuses,
 * and the picture: chosen in the file chooser, checked, cropped and
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

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
}

static void
show_stored_email (TcProfilePage *self)
{
  TcUser *user = self->session ? tc_session_get_user (self->session) : NULL;
  const char *email = user ? tc_user_get_email (user) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");
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

static void
set_name_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TcProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tc_session_set_name_finish (TC_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      tc_error_present (GTK_WIDGET (self), error);
      show_stored_name (self);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), TRUE);
}

static void
set_email_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TcProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tc_session_set_email_finish (TC_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      tc_error_present (GTK_WIDGET (self), error);
    }

  /* The address stays the confirmed one until the link is followed; the
   * pending row shows the new one. */
  show_stored_email (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), TRUE);
}

static void
email_row_apply_cb (TcProfilePage *self)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));

  if (self->session == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), FALSE);
  tc_session_set_email_async (self->session, email, self->cancellable,
                              set_email_cb, g_object_ref (self));
}

static void
name_row_apply_cb (TcProfilePage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (self->session == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
  tc_session_set_name_async (self->session, name, self->cancellable,
                             set_name_cb, g_object_ref (self));
}

static void
session_user_changed_cb (TcProfilePage *self)
{
  g_signal_group_set_target (self->user_signals, tc_session_get_user (self->session));
  show_stored_name (self);
  show_stored_email (self);
  user_picture_changed_cb (self);
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
  g_clear_object (&self->session);
  g_clear_object (&self->picture);

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
  gtk_widget_class_bind_template_callback (widget_class, name_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);
  gtk_widget_class_bind_template_callback (widget_class, is_set);
  gtk_widget_class_bind_template_callback (widget_class, describe_pending_email);
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
  self->session_signals = g_signal_group_new (TC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::user",
                                  G_CALLBACK (session_user_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::can-edit-profile",
                                  G_CALLBACK (_tc_profile_page_update_actions), self);
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

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
