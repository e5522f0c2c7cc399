/* tc-preferences-email-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One switch per email toggle of the settings, each bound both ways to
 * its TcUserSettings property: flipping it is the edit.
 */

#include "config.h"

#include "tc-preferences-email-page.h"

struct _TcPreferencesEmailPage
{
  AdwPreferencesPage      parent_instance;

  TcSession              *session;
  GBindingGroup          *bindings;
  GBindingGroup          *session_bindings;

  /* Template children */
  GtkSwitch              *newsletter_switch;
  GtkSwitch              *weekly_updates_switch;
  GtkSwitch              *long_running_switch;
  GtkSwitch              *reminders_switch;
  GtkSwitch              *scheduled_reports_switch;
  GtkSwitch              *approval_switch;
  GtkSwitch              *pto_switch;
  GtkSwitch              *alerts_switch;
  GtkSwitch              *scheduling_switch;
  GtkSwitch              *invoice_reminders_switch;
};

G_DEFINE_FINAL_TYPE (TcPreferencesEmailPage, tc_preferences_email_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *property;
  goffset     offset;
} toggles[] = {
  { "send-newsletter", G_STRUCT_OFFSET (TcPreferencesEmailPage, newsletter_switch) },
  { "weekly-updates", G_STRUCT_OFFSET (TcPreferencesEmailPage, weekly_updates_switch) },
  { "long-running", G_STRUCT_OFFSET (TcPreferencesEmailPage, long_running_switch) },
  { "reminders", G_STRUCT_OFFSET (TcPreferencesEmailPage, reminders_switch) },
  { "scheduled-reports", G_STRUCT_OFFSET (TcPreferencesEmailPage, scheduled_reports_switch) },
  { "approval", G_STRUCT_OFFSET (TcPreferencesEmailPage, approval_switch) },
  { "pto", G_STRUCT_OFFSET (TcPreferencesEmailPage, pto_switch) },
  { "alerts", G_STRUCT_OFFSET (TcPreferencesEmailPage, alerts_switch) },
  { "scheduling", G_STRUCT_OFFSET (TcPreferencesEmailPage, scheduling_switch) },
  { "invoice-reminders", G_STRUCT_OFFSET (TcPreferencesEmailPage, invoice_reminders_switch) },
};

static void
tc_preferences_email_page_dispose (GObject *object)
{
  TcPreferencesEmailPage *self = (TcPreferencesEmailPage *)object;

  tc_preferences_email_page_set_session (self, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->session_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_PREFERENCES_EMAIL_PAGE);

  G_OBJECT_CLASS (tc_preferences_email_page_parent_class)->dispose (object);
}

static void
tc_preferences_email_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TcPreferencesEmailPage *self = TC_PREFERENCES_EMAIL_PAGE (object);

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
tc_preferences_email_page_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TcPreferencesEmailPage *self = TC_PREFERENCES_EMAIL_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tc_preferences_email_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_preferences_email_page_class_init (TcPreferencesEmailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_preferences_email_page_dispose;
  object_class->get_property = tc_preferences_email_page_get_property;
  object_class->set_property = tc_preferences_email_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-preferences-email-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, newsletter_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, weekly_updates_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, long_running_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, scheduled_reports_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, approval_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, pto_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, alerts_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, scheduling_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesEmailPage, invoice_reminders_switch);
}

static void
tc_preferences_email_page_init (TcPreferencesEmailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = g_binding_group_new ();
  self->session_bindings = g_binding_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    {
      GtkSwitch *toggle = G_STRUCT_MEMBER (GtkSwitch *, self, toggles[i].offset);

      g_binding_group_bind (self->bindings, toggles[i].property, toggle, "active",
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      /* A server without the settings extension: read-only. */
      g_binding_group_bind (self->session_bindings, "can-edit-settings", toggle, "sensitive",
                            G_BINDING_SYNC_CREATE);
    }
}

GtkWidget *
tc_preferences_email_page_new (void)
{
  return g_object_new (TC_TYPE_PREFERENCES_EMAIL_PAGE, NULL);
}

void
tc_preferences_email_page_set_session (TcPreferencesEmailPage *self,
                                       TcSession              *session)
{
  g_return_if_fail (TC_IS_PREFERENCES_EMAIL_PAGE (self));
  g_return_if_fail (!session || TC_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  if (self->bindings != NULL)
    {
      g_binding_group_set_source (self->bindings, session ? tc_session_get_settings (session) : NULL);
      g_binding_group_set_source (self->session_bindings, session);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
