/* tc-preferences-general-page.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control is bound both ways to a TcUserSettings property, so a
 * change is the edit and a refused edit puts the control back. The style
 * is the exception: the server knows light (DEFAULT) and DARK, while
 * "follow the system" lives in GSettings only; the window applies the
 * result through AdwStyleManager.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tc-add-translation-dialog.h"
#include "tc-application.h"
#include "tc-language.h"
#include "tc-preferences-general-page.h"

enum {
  THEME_LIGHT,
  THEME_DARK,
  THEME_FOLLOW_SYSTEM,
};

struct _TcPreferencesGeneralPage
{
  AdwPreferencesPage  parent_instance;

  TcSession          *session;
  GSettings          *settings;
  GBindingGroup      *bindings;
  GBindingGroup      *session_bindings;
  GSignalGroup       *settings_signals;
  gboolean            updating_theme;
  gboolean            updating_languages;
  guint               apply_language_id;

  /* Template children */
  AdwPreferencesGroup *appearance_group;
  AdwPreferencesGroup *entries_group;
  AdwComboRow        *theme_row;
  AdwComboRow        *language_row;
  GtkSwitch          *group_similar_switch;
  GtkSwitch          *collapse_switch;
  GtkSpinButton      *collapse_threshold_spin;
  GtkSwitch          *task_filter_switch;
};

G_DEFINE_FINAL_TYPE (TcPreferencesGeneralPage, tc_preferences_general_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
lang_to_selected (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  const char *code = g_value_get_string (from_value);

  guint n_languages;
  const TcLanguage *languages = tc_language_get_all (&n_languages);
  const TcLanguage *language = tc_language_lookup (code);

  g_value_set_uint (to_value, language ? (guint) (language - languages) : GTK_INVALID_LIST_POSITION);

  return TRUE;
}

static gboolean
selected_to_lang (GBinding     *binding,
                  const GValue *from_value,
                  GValue       *to_value,
                  gpointer      user_data)
{
  TcPreferencesGeneralPage *self = user_data;
  guint selected = g_value_get_uint (from_value);
  guint n_languages;
  const TcLanguage *languages = tc_language_get_all (&n_languages);

  if (self->updating_languages || selected >= n_languages)
    return FALSE;

  g_value_set_string (to_value, languages[selected].code);
  return TRUE;
}

static gboolean
invert_boolean (GBinding     *binding,
                const GValue *from_value,
                GValue       *to_value,
                gpointer      user_data)
{
  g_value_set_boolean (to_value, !g_value_get_boolean (from_value));
  return TRUE;
}

static TcUserSettings *
get_user_settings (TcPreferencesGeneralPage *self)
{
  return self->session ? tc_session_get_settings (self->session) : NULL;
}

static void
update_theme_row (TcPreferencesGeneralPage *self)
{
  TcUserSettings *user_settings = get_user_settings (self);
  const char *theme = user_settings ? tc_user_settings_get_theme (user_settings) : NULL;
  guint selected;

  if (g_settings_get_boolean (self->settings, "theme-follow-system"))
    selected = THEME_FOLLOW_SYSTEM;
  else if (g_strcmp0 (theme, "DARK") == 0)
    selected = THEME_DARK;
  else
    selected = THEME_LIGHT;

  self->updating_theme = TRUE;
  adw_combo_row_set_selected (self->theme_row, selected);
  self->updating_theme = FALSE;
}

static void
theme_row_selected_cb (TcPreferencesGeneralPage *self)
{
  TcUserSettings *user_settings = get_user_settings (self);
  guint selected = adw_combo_row_get_selected (self->theme_row);
  const char *theme = selected == THEME_DARK ? "DARK" : "DEFAULT";

  if (self->updating_theme || user_settings == NULL)
    return;

  g_settings_set_boolean (self->settings, "theme-follow-system", selected == THEME_FOLLOW_SYSTEM);
  /* Following the system leaves the stored choice as it is. */
  if (selected != THEME_FOLLOW_SYSTEM &&
      g_strcmp0 (tc_user_settings_get_theme (user_settings), theme) != 0)
    g_object_set (user_settings, "theme", theme, NULL);
}

/* Each language by its own name, and by its name in the language in use
 * when that is another ("Français · French"); one Timecard has no
 * translation for says so. */
static char *
language_label (const TcLanguage *language)
{
  const char *name = g_dpgettext2 (GETTEXT_PACKAGE, "language", language->english);
  g_autofree char *label = NULL;

  if (g_str_equal (name, language->native))
    label = g_strdup (name);
  else
    /* Translators: a language by its own name, then by yours: "Deutsch · German" */
    label = g_strdup_printf (C_("language", "%s · %s"), language->native, name);

  if (tc_language_is_translated (language))
    return g_steal_pointer (&label);
  /* Translators: %s is a language, "Polski · Polish" */
  return g_strdup_printf (_("%s — not translated yet"), label);
}

static void
update_language_row (TcPreferencesGeneralPage *self)
{
  GListModel *model = adw_combo_row_get_model (self->language_row);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  guint n_languages;
  const TcLanguage *languages = tc_language_get_all (&n_languages);
  guint selected;

  for (guint i = 0; i < n_languages; i++)
    {
      g_autofree char *label = language_label (&languages[i]);

      g_strv_builder_add (builder, label);
    }
  labels = g_strv_builder_end (builder);

  if (!GTK_IS_STRING_LIST (model))
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) labels);

      adw_combo_row_set_model (self->language_row, G_LIST_MODEL (list));
      return;
    }

  /* New names for the same choice: not an edit of the profile. */
  self->updating_languages = TRUE;
  selected = adw_combo_row_get_selected (self->language_row);
  gtk_string_list_splice (GTK_STRING_LIST (model), 0, g_list_model_get_n_items (model),
                          (const char * const *) labels);
  adw_combo_row_set_selected (self->language_row, selected);
  self->updating_languages = FALSE;
}

/* A language Timecard does not speak yet: a catalog to start. */
static void
add_translation_cb (TcPreferencesGeneralPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = tc_add_translation_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
apply_language_cb (gpointer data)
{
  TcPreferencesGeneralPage *self = data;
  TcUserSettings *user_settings = self->session ? tc_session_get_settings (self->session) : NULL;
  GApplication *app = g_application_get_default ();

  self->apply_language_id = 0;
  if (user_settings != NULL && TC_IS_APPLICATION (app))
    tc_application_set_language (TC_APPLICATION (app), tc_user_settings_get_lang (user_settings));

  return G_SOURCE_REMOVE;
}

/* The profile's language changed, here or from the server: every window
 * follows, once the change that made it is over. */
static void
lang_changed_cb (TcPreferencesGeneralPage *self)
{
  if (self->apply_language_id == 0)
    self->apply_language_id = g_idle_add (apply_language_cb, self);
}

static void
setup_bindings (TcPreferencesGeneralPage *self)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  self->bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bindings, "lang", self->language_row, "selected", flags,
                             lang_to_selected, selected_to_lang, self, NULL);
  g_binding_group_bind_full (self->bindings, "group-similar-entries-disabled",
                             self->group_similar_switch, "active", flags,
                             invert_boolean, invert_boolean, NULL, NULL);
  g_binding_group_bind (self->bindings, "collapse-all-project-lists",
                        self->collapse_switch, "active", flags);
  g_binding_group_bind (self->bindings, "project-list-collapse",
                        self->collapse_threshold_spin, "value", flags);
  g_binding_group_bind (self->bindings, "project-picker-task-filter",
                        self->task_filter_switch, "active", flags);

  /* A server without the settings extension: read-only. */
  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "can-edit-settings",
                        self->appearance_group, "sensitive", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->session_bindings, "can-edit-settings",
                        self->entries_group, "sensitive", G_BINDING_SYNC_CREATE);

  self->settings_signals = g_signal_group_new (TC_TYPE_USER_SETTINGS);
  g_signal_group_connect_swapped (self->settings_signals, "notify::theme",
                                  G_CALLBACK (update_theme_row), self);
  g_signal_group_connect_swapped (self->settings_signals, "notify::lang",
                                  G_CALLBACK (lang_changed_cb), self);
}

static void
tc_preferences_general_page_dispose (GObject *object)
{
  TcPreferencesGeneralPage *self = (TcPreferencesGeneralPage *)object;

  tc_preferences_general_page_set_session (self, NULL);
  g_clear_handle_id (&self->apply_language_id, g_source_remove);
  g_clear_object (&self->bindings);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->settings_signals);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_PREFERENCES_GENERAL_PAGE);

  G_OBJECT_CLASS (tc_preferences_general_page_parent_class)->dispose (object);
}

static void
tc_preferences_general_page_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  TcPreferencesGeneralPage *self = TC_PREFERENCES_GENERAL_PAGE (object);

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
tc_preferences_general_page_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  TcPreferencesGeneralPage *self = TC_PREFERENCES_GENERAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      tc_preferences_general_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tc_preferences_general_page_class_init (TcPreferencesGeneralPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_preferences_general_page_dispose;
  object_class->get_property = tc_preferences_general_page_get_property;
  object_class->set_property = tc_preferences_general_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TC_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-preferences-general-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesGeneralPage, appearance_group);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesGeneralPage, entries_group);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesGeneralPage, theme_row);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesGeneralPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesGeneralPage, group_similar_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesGeneralPage, collapse_switch);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesGeneralPage, collapse_threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, TcPreferencesGeneralPage, task_filter_switch);
  gtk_widget_class_bind_template_callback (widget_class, theme_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_translation_cb);
}

static void
tc_preferences_general_page_init (TcPreferencesGeneralPage *self)
{
  /* Before the template: its notify::selected handler reads it. */
  self->settings = g_settings_new ("io.github.timecard.Timecard");
  self->updating_theme = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating_theme = FALSE;

  update_language_row (self);
  setup_bindings (self);
  if (TC_IS_APPLICATION (g_application_get_default ()))
    g_signal_connect_object (g_application_get_default (), "language-changed",
                             G_CALLBACK (update_language_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::theme-follow-system",
                           G_CALLBACK (update_theme_row), self, G_CONNECT_SWAPPED);
  update_theme_row (self);
}

GtkWidget *
tc_preferences_general_page_new (void)
{
  return g_object_new (TC_TYPE_PREFERENCES_GENERAL_PAGE, NULL);
}

void
tc_preferences_general_page_set_session (TcPreferencesGeneralPage *self,
                                         TcSession                *session)
{
  TcUserSettings *user_settings;

  g_return_if_fail (TC_IS_PREFERENCES_GENERAL_PAGE (self));
  g_return_if_fail (!session || TC_IS_SESSION (session));

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  user_settings = get_user_settings (self);
  if (self->bindings != NULL)
    {
      g_binding_group_set_source (self->bindings, user_settings);
      g_binding_group_set_source (self->session_bindings, session);
      g_signal_group_set_target (self->settings_signals, user_settings);
      update_theme_row (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
