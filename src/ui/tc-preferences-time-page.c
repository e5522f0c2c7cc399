/* tc-preferences-time-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time zone, date and time formats, day start and week start. The format
 * choices show today's date and the time now in each format, so a person
 * picks what they see rather than a pattern. The week start is shown
 * read-only: it belongs to the member profile, which workspace admins edit.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-application.h"
#include "tc-preferences-time-page.h"
#include "tc-profile-format.h"
#include "tc-revealer.h"
#include "tc-time-zone-dialog.h"
#include "tc-wire.h"

struct _TcPreferencesTimePage
{
  AdwPreferencesPage  parent_instance;

  TcSession          *session;
  GBindingGroup      *bindings;
  GBindingGroup      *session_bindings;
  GSignalGroup       *settings_signals;
  GSignalGroup       *session_signals;

  /* Template children */
  AdwPreferencesGroup *zone_group;
  AdwPreferencesGroup *formats_group;
  AdwPreferencesGroup *days_group;
  GtkRevealer        *zone_revealer;
  GtkLabel           *zone_banner_label;
  AdwActionRow       *time_zone_row;
  AdwComboRow        *date_format_row;
  AdwComboRow        *time_format_row;
  AdwEntryRow        *day_start_row;
  GtkLabel           *week_start_label;
};

G_DEFINE_FINAL_TYPE (TcPreferencesTimePage, tc_preferences_time_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TcUserSettings *
get_user_settings (TcPreferencesTimePage *self)
{
  return self->session ? tc_session_get_settings (self->session) : NULL;
}

/* "DD.MM.YYYY" → "%d.%m.%Y" */
static char *
describe_time_format (const char *wire,
                      GDateTime  *now)
{
  g_autofree char *time = NULL;

  if (g_strcmp0 (wire, "HOUR12") == 0)
    {
      time = g_date_time_format (now, "%l:%M %p");
      /* Translators: %s is the time now, e.g. "1:30 PM" */
      return g_strdup_printf (_("%s (12-hour)"), g_strstrip (time));
    }

  time = g_date_time_format (now, "%H:%M");
  /* Translators: %s is the time now, e.g. "13:30" */
  return g_strdup_printf (_("%s (24-hour)"), time);
}

static void
fill_format_rows (TcPreferencesTimePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkStringList) dates = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) times = gtk_string_list_new (NULL);
  const char * const *date_formats = tc_wire_date_formats ();
  const char * const *time_formats = tc_wire_time_formats ();

  for (guint i = 0; date_formats[i] != NULL; i++)
    {
      g_autofree char *format = tc_profile_format_date_pattern (date_formats[i]);
      g_autofree char *today = g_date_time_format (now, format);
      g_autofree char *label = g_strdup_printf ("%s (%s)", today, date_formats[i]);

      gtk_string_list_append (dates, label);
    }
  for (guint i = 0; time_formats[i] != NULL; i++)
    {
      g_autofree char *label = describe_time_format (time_formats[i], now);

      gtk_string_list_append (times, label);
    }

  adw_combo_row_set_model (self->date_format_row, G_LIST_MODEL (dates));
  adw_combo_row_set_model (self->time_format_row, G_LIST_MODEL (times));
}

static void update_time_zone (TcPreferencesTimePage *self);

/* The language changed (TcApplication::language-changed): the names of
 * the time formats are made here, not by GtkBuilder. Same items, same
 * choice: held-back notifications keep the binding from hearing an edit. */
static void
language_changed_cb (TcPreferencesTimePage *self)
{
  GListModel *model = adw_combo_row_get_model (self->time_format_row);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char * const *time_formats = tc_wire_time_formats ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  guint selected;

  for (guint i = 0; time_formats[i] != NULL; i++)
    {
      g_autofree char *label = describe_time_format (time_formats[i], now);

      g_strv_builder_add (builder, label);
    }
  labels = g_strv_builder_end (builder);

  g_object_freeze_notify (G_OBJECT (self->time_format_row));
  selected = adw_combo_row_get_selected (self->time_format_row);
  gtk_string_list_splice (GTK_STRING_LIST (model), 0, g_list_model_get_n_items (model),
                          (const char * const *) labels);
  adw_combo_row_set_selected (self->time_format_row, selected);
  g_object_thaw_notify (G_OBJECT (self->time_format_row));

  update_time_zone (self);
}

static gboolean
wire_to_selected (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  const char * const *values = user_data;
  const char *value = g_value_get_string (from_value);

  g_value_set_uint (to_value, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; value != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      g_value_set_uint (to_value, i);

  return TRUE;
}

static gboolean
selected_to_wire (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  const char * const *values = user_data;
  guint selected = g_value_get_uint (from_value);

  if (selected >= g_strv_length ((char **) values))
    return FALSE;

  g_value_set_string (to_value, values[selected]);
  return TRUE;
}

static char *
dup_system_zone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *identifier = g_time_zone_get_identifier (local);

  /* "Local" or a path when the system names no zone: nothing to offer. */
  return tc_wire_validate_time_zone (identifier) ? g_strdup (identifier) : NULL;
}

/* Whether clocks in @a and @b read differently now or in half a year:
 * aliases such as UTC and Etc/UTC, or Asia/Calcutta and Asia/Kolkata, are
 * the same zone to a person. */
static gboolean
zones_differ (const char *a,
              const char *b)
{
  g_autoptr(GTimeZone) tz_a = NULL;
  g_autoptr(GTimeZone) tz_b = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_months (now, 6);
  GDateTime *moments[] = { now, later };

  if (g_str_equal (a, b))
    return FALSE;

  tz_a = g_time_zone_new_identifier (a);
  tz_b = g_time_zone_new_identifier (b);
  if (tz_a == NULL || tz_b == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      gint64 unix_time = g_date_time_to_unix (moments[i]);
      int interval_a = g_time_zone_find_interval (tz_a, G_TIME_TYPE_UNIVERSAL, unix_time);
      int interval_b = g_time_zone_find_interval (tz_b, G_TIME_TYPE_UNIVERSAL, unix_time);

      if (g_time_zone_get_offset (tz_a, interval_a) != g_time_zone_get_offset (tz_b, interval_b))
        return TRUE;
    }

  return FALSE;
}

static void
update_time_zone (TcPreferencesTimePage *self)
{
  TcUserSettings *settings = get_user_settings (self);
  const char *zone = settings ? tc_user_settings_get_time_zone (settings) : NULL;
  g_autofree char *system_zone = dup_system_zone ();
  g_autofree char *label = zone ? tc_time_zone_dialog_dup_label (zone) : NULL;
  gboolean differs = zone != NULL && system_zone != NULL && zones_differ (zone, system_zone);

  adw_action_row_set_subtitle (self->time_zone_row, label ? label : _("Not set"));
  if (differs)
    {
      /* Translators: both %s are time zones, e.g. "Europe/Paris" */
      g_autofree char *text = g_strdup_printf (_("Your profile uses %s, but this computer is set to %s. Times are shown in your profile’s zone."),
                                               zone, system_zone);

      gtk_label_set_label (self->zone_banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->zone_revealer, differs);
}

static const char *
day_name (const char *wire)
{
  static const char *names[] = {
    NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
    NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
    NC_("weekday", "Sunday"),
  };
  TcDay day = tc_day_from_wire (wire);

  if (day == TC_DAY_INVALID)
    return NULL;

  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday", names[day]);
}

static void
update_week_start (TcPreferencesTimePage *self)
{
  TcUserSettings *settings = get_user_settings (self);
  TcWorkspace *workspace = self->session ? tc_session_get_active_workspace (self->session) : NULL;
  const char *name = settings ? day_name (tc_user_settings_get_week_start (settings)) : NULL;

  /* A member's own week start overrides the workspace's default. */
  if (name == NULL && workspace != NULL)
    name = day_name (tc_workspace_get_week_start (workspace));

  gtk_label_set_label (self->week_start_label, name ? name : _("Not set"));
}

static void
day_start_changed_cb (TcPreferencesTimePage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->day_start_row), "error");
}

static void
day_start_apply_cb (TcPreferencesTimePage *self)
{
  TcUserSettings *settings = get_user_settings (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->day_start_row));

  if (settings == NULL)
    return;

  if (!tc_wire_validate_time_of_day (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->day_start_row), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->day_start_row));
      return;
    }

  g_object_set (settings, "my-start-of-day", text, NULL);
}

static void
zone_chosen_cb (TcPreferencesTimePage *self,
                const char            *zone)
{
  TcUserSettings *settings = get_user_settings (self);

  if (settings != NULL && g_strcmp0 (tc_user_settings_get_time_zone (settings), zone) != 0)
    g_object_set (settings, "time-zone", zone, NULL);
}

static void
choose_zone_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TcPreferencesTimePage *self = TC_PREFERENCES_TIME_PAGE (widget);
  TcUserSettings *settings = get_user_settings (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  TcTimeZoneDialog *dialog;

  dialog = tc_time_zone_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    settings ? tc_user_settings_get_time_zone (settings) : NULL);
  g_signal_connect_object (dialog, "zone-chosen", G_CALLBACK (zone_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
use_system_zone_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TcPreferencesTimePage *self = TC_PREFERENCES_TIME_PAGE (widget);
  g_autofree char *system_zone = dup_system_zone ();

  if (system_zone != NULL)
    zone_chosen_cb (self, system_zone);
}

static void
setup_bindings (TcPreferencesTimePage *self)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;
  GtkWidget *editable[] = {
    GTK_WIDGET (self->zone_group), GTK_WIDGET (self->formats_group), GTK_WIDGET (self->day_start_row),
  };

  self->bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bindings, "date-format", self->date_format_row, "selected",
                             flags, wire_to_selected, selected_to_wire,
                             (gpointer) tc_wire_date_formats (), NULL);
  g_binding_group_bind_full (self->bindings, "time-format", self->time_format_row, "selected",
                             flags, wire_to_selected, selected_to_wire,
                             (gpointer) tc_wire_time_formats (), NULL);
  g_binding_group_bind (self->bindings, "my-start-of-day", self->day_start_row, "text",
                        G_BINDING_SYNC_CREATE);

  self->session_bindings = g_binding_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (editable); i++)
    g_binding_group_bind (self->session_bindings, "can-edit-settings", editable[i], "sensitive",
                          G_BINDING_SYNC_CREATE);

  self->settings_signals = g_signal_group_new (TC_TYPE_USER_SETTINGS);
  g_signal_group_connect_swapped (self->settings_signals, "notify::time-zone",
                                  G_CALLBACK (update_time_zone), self);
  g_signal_group_connect_swapped (self->settings_signals, "notify::week-start",
                                  G_CALLBACK (update_week_start), self);
  self->session_signals = g_signal_group_new (TC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::active-workspace",
                                  G_CALLBACK (update_week_start), self);
}

static void
tc_preferences_time_page_dispose (GObject *object)
{
  TcPreferencesTimePage *self = (TcPreferencesTimePage *)object;

  tc_preferences_time_page_set_session (self, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->settings_signals);
  g_clear_object (&self->session_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_PREFERENCES_TIME_PAGE);

  G_OBJECT_CLASS (tc_preferences_time_page_parent_class)->dispose (object);
}

static void
tc_preferences_time_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TcPreferencesTimePage *self = TC_PREFERENCES_TIME_PAGE (object);

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
tc_preferences_time_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TcPreferencesTimePage *self = TC_PREFERENCES_TIME_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tc_preferences_time_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_preferences_time_page_class_init (TcPreferencesTimePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_preferences_time_page_dispose;
  object_class->get_property = tc_preferences_time_page_get_property;
  object_class->set_property = tc_preferences_time_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-preferences-time-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, zone_group);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, formats_group);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, days_group);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, zone_revealer);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, zone_banner_label);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, date_format_row);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, time_format_row);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, day_start_row);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesTimePage, week_start_label);
  gtk_widget_class_bind_template_callback (widget_class, day_start_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_start_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs-time.choose-zone", NULL, choose_zone_action);
  gtk_widget_class_install_action (widget_class, "prefs-time.use-system-zone", NULL, use_system_zone_action);
}

static void
tc_preferences_time_page_init (TcPreferencesTimePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tc_revealer_hide_concealed (self->zone_revealer);

  fill_format_rows (self);
  setup_bindings (self);
  update_time_zone (self);
  update_week_start (self);
  if (TC_IS_APPLICATION (g_application_get_default ()))
    g_signal_connect_object (g_application_get_default (), "language-changed",
                             G_CALLBACK (language_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tc_preferences_time_page_new (void)
{
  return g_object_new (TC_TYPE_PREFERENCES_TIME_PAGE, NULL);
}

void
tc_preferences_time_page_set_session (TcPreferencesTimePage *self,
                                      TcSession             *session)
{
  g_return_if_fail (TC_IS_PREFERENCES_TIME_PAGE (self));
  g_return_if_fail (!session || TC_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  if (self->bindings != NULL)
    {
      g_binding_group_set_source (self->bindings, get_user_settings (self));
      g_binding_group_set_source (self->session_bindings, session);
      g_signal_group_set_target (self->settings_signals, get_user_settings (self));
      g_signal_group_set_target (self->session_signals, session);
      update_time_zone (self);
      update_week_start (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
