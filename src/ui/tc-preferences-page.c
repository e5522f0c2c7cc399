/* tc-preferences-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tabs of the preferences, switched by the window's view switcher
 * title, or by the bar at the bottom when the window is narrow. Each tab
 * binds its controls to the session's TcUserSettings; this page only
 * hands the session down and says when the server cannot take edits.
 */

#include "config.h"

#include "tc-api-keys-page.h"
#include "tc-preferences-email-page.h"
#include "tc-preferences-general-page.h"
#include "tc-preferences-page.h"
#include "tc-preferences-time-page.h"
#include "tc-revealer.h"

struct _TcPreferencesPage
{
  AdwBin                     parent_instance;

  TcSession                 *session;
  gboolean                   narrow;
  GBinding                  *read_only_binding;

  /* Template children */
  GtkRevealer               *read_only_revealer;
  AdwViewStack              *view_stack;
  TcPreferencesGeneralPage  *general_page;
  TcPreferencesTimePage     *time_page;
  TcPreferencesEmailPage    *email_page;
  TcApiKeysPage             *api_keys_page;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_NARROW,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TcPreferencesPage, tc_preferences_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static gboolean
invert_boolean (GBinding     *binding,
                const GValue *from_value,
                GValue       *to_value,
                gpointer      user_data)
{
  g_value_set_boolean (to_value, !g_value_get_boolean (from_value));
  return TRUE;
}

static void
tc_preferences_page_dispose (GObject *object)
{
  TcPreferencesPage *self = (TcPreferencesPage *)object;

  tc_preferences_page_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_PREFERENCES_PAGE);

  G_OBJECT_CLASS (tc_preferences_page_parent_class)->dispose (object);
}

static void
tc_preferences_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TcPreferencesPage *self = TC_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_preferences_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TcPreferencesPage *self = TC_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tc_preferences_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_NARROW:
      if (self->narrow != g_value_get_boolean (value))
        {
          self->narrow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_preferences_page_class_init (TcPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_preferences_page_dispose;
  object_class->get_property = tc_preferences_page_get_property;
  object_class->set_property = tc_preferences_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the switcher bar at the bottom is needed: the window's view
   * switcher title has no room. */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TC_TYPE_PREFERENCES_GENERAL_PAGE);
  g_type_ensure (TC_TYPE_PREFERENCES_TIME_PAGE);
  g_type_ensure (TC_TYPE_PREFERENCES_EMAIL_PAGE);
  g_type_ensure (TC_TYPE_API_KEYS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesPage, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesPage, general_page);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesPage, time_page);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesPage, email_page);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesPage, api_keys_page);
}

static void
tc_preferences_page_init (TcPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tc_revealer_hide_concealed (self->read_only_revealer);
}

GtkWidget *
tc_preferences_page_new (void)
{
  return g_object_new (TC_TYPE_PREFERENCES_PAGE, NULL);
}

TcSession *
tc_preferences_page_get_session (TcPreferencesPage *self)
{
  g_return_val_if_fail (TC_IS_PREFERENCES_PAGE (self), NULL);

  return self->session;
}

void
tc_preferences_page_set_session (TcPreferencesPage *self,
                                 TcSession         *session)
{
  g_return_if_fail (TC_IS_PREFERENCES_PAGE (self));
  g_return_if_fail (!session || TC_IS_SESSION (session));

  if (self->session == session)
    return;

  g_clear_pointer (&self->read_only_binding, g_binding_unbind);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->read_only_binding =
      g_object_bind_property_full (session, "can-edit-settings",
                                   self->read_only_revealer, "reveal-child",
                                   G_BINDING_SYNC_CREATE,
                                   invert_boolean, NULL, NULL, NULL);
  else
    gtk_revealer_set_reveal_child (self->read_only_revealer, FALSE);

  if (self->general_page != NULL)
    {
      tc_preferences_general_page_set_session (self->general_page, session);
      tc_preferences_time_page_set_session (self->time_page, session);
      tc_preferences_email_page_set_session (self->email_page, session);
      tc_api_keys_page_set_session (self->api_keys_page, session);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

AdwViewStack *
tc_preferences_page_get_view_stack (TcPreferencesPage *self)
{
  g_return_val_if_fail (TC_IS_PREFERENCES_PAGE (self), NULL);

  return self->view_stack;
}
