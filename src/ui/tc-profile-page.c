/* tc-profile-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows its session's user through bindings in the template; the
 * only code here is the name row's apply, which asks the session to save
 * the name and puts the stored name back when the server refuses.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-error-message.h"
#include "tc-profile-page.h"

struct _TcProfilePage
{
  AdwBin        parent_instance;

  TcSession    *session;
  GCancellable *cancellable;

  /* Template children */
  AdwAvatar    *avatar;
  GtkLabel     *display_name_label;
  AdwEntryRow  *name_row;
  AdwActionRow *email_row;
  AdwActionRow *workspace_row;
};

enum {
  PROP_0,
  PROP_SESSION,
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
user_name_changed_cb (TcProfilePage *self)
{
  show_stored_name (self);
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
  TcUser *user = tc_session_get_user (self->session);

  if (user != NULL)
    g_signal_connect_object (user, "notify::name",
                             G_CALLBACK (user_name_changed_cb), self,
                             G_CONNECT_SWAPPED);
  show_stored_name (self);
}

static void
tc_profile_page_dispose (GObject *object)
{
  TcProfilePage *self = (TcProfilePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

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
}

static void
tc_profile_page_init (TcProfilePage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
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

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::user",
                               G_CALLBACK (session_user_changed_cb), self,
                               G_CONNECT_SWAPPED);
      session_user_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
