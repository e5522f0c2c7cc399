/* tc-custom-field-row.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "tc-custom-field-row.h"

struct _TcCustomFieldRow
{
  AdwActionRow     parent_instance;

  TcCustomField   *field;
  TcMemberProfile *profile;
  GtkWidget       *control;
  GtkLabel        *summary;      /* DROPDOWN_MULTIPLE */
  GPtrArray       *checks;       /* DROPDOWN_MULTIPLE: GtkCheckButton */
  gboolean         valid;
};

G_DEFINE_FINAL_TYPE (TcCustomFieldRow, tc_custom_field_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
check_text (TcCustomValueCheck check)
{
  switch (check)
    {
    case TC_CUSTOM_VALUE_WRONG_TYPE: return _("Enter a number.");
    case TC_CUSTOM_VALUE_REQUIRED: return _("This field is required.");
    case TC_CUSTOM_VALUE_NOT_ALLOWED: return _("Choose one of the listed values.");
    case TC_CUSTOM_VALUE_BAD_LINK: return _("Enter a web address starting with https://");
    case TC_CUSTOM_VALUE_OK:
    default: return NULL;
    }
}

/* The value the control holds; NULL for none, or a node that does not
 * fit the field (a number field holding "abc" gives a string). */
static JsonNode *
dup_control_value (TcCustomFieldRow *self)
{
  TcCustomFieldType type = tc_custom_field_get_field_type (self->field);
  const char * const *allowed = tc_custom_field_get_allowed_values (self->field);
  JsonNode *node = NULL;

  if (type == TC_CUSTOM_FIELD_CHECKBOX)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, gtk_switch_get_active (GTK_SWITCH (self->control)));
    }
  else if (type == TC_CUSTOM_FIELD_DROPDOWN_SINGLE)
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->control));

      if (selected > 0 && selected != GTK_INVALID_LIST_POSITION)
        {
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (node, allowed[selected - 1]);
        }
    }
  else if (type == TC_CUSTOM_FIELD_DROPDOWN_MULTIPLE)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < self->checks->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
          json_array_add_string_element (array, allowed[i]);
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, array);
    }
  else
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->control));
      char *end = NULL;
      double number;

      if (text[0] == '\0')
        return NULL;
      node = json_node_new (JSON_NODE_VALUE);
      number = g_ascii_strtod (text, &end);
      if (type == TC_CUSTOM_FIELD_NUMBER && end != NULL && *end == '\0')
        json_node_set_double (node, number);
      else
        json_node_set_string (node, text);
    }
  return node;
}

static void
update_summary (TcCustomFieldRow *self)
{
  const char * const *allowed = tc_custom_field_get_allowed_values (self->field);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      {
        if (text->len > 0)
          g_string_append (text, C_("choice list", ", "));
        g_string_append (text, allowed[i]);
      }
  gtk_label_set_label (self->summary, text->len ? text->str : C_("no choice", "None"));
}

static void
changed_cb (TcCustomFieldRow *self)
{
  g_autoptr(JsonNode) value = dup_control_value (self);
  TcCustomValueCheck check = tc_custom_field_check_value (self->field, value);
  const char *problem = check_text (check);
  gboolean valid = problem == NULL;

  if (self->summary != NULL)
    update_summary (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), problem ? problem
                               : tc_custom_field_get_description (self->field) ?: "");
  if (valid)
    {
      gtk_widget_remove_css_class (self->control, "error");
      tc_member_profile_set_custom_value (self->profile, tc_custom_field_get_id (self->field),
                                          value);
    }
  else
    gtk_widget_add_css_class (self->control, "error");
  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static GtkWidget *
new_entry (TcCustomFieldRow *self,
           JsonNode         *value)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = NULL;

  if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
    {
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (value));
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      else if (json_node_get_value_type (value) == G_TYPE_DOUBLE)
        text = g_strdup_printf ("%g", json_node_get_double (value));
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), tc_custom_field_get_placeholder (self->field));
  if (tc_custom_field_get_field_type (self->field) == TC_CUSTOM_FIELD_NUMBER)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  else if (tc_custom_field_get_field_type (self->field) == TC_CUSTOM_FIELD_LINK)
    gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
  return entry;
}

static GtkWidget *
new_dropdown (TcCustomFieldRow *self,
              JsonNode         *value)
{
  const char * const *allowed = tc_custom_field_get_allowed_values (self->field);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  guint selected = 0;

  gtk_string_list_append (list, C_("no choice", "None"));
  for (guint i = 0; allowed[i] != NULL; i++)
    {
      gtk_string_list_append (list, allowed[i]);
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (value), allowed[i]) == 0)
        selected = i + 1;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (changed_cb), self);
  return dropdown;
}

static gboolean
array_contains (JsonNode   *value,
                const char *text)
{
  JsonArray *array;

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return FALSE;
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (item), text) == 0)
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
new_multiple (TcCustomFieldRow *self,
              JsonNode         *value)
{
  const char * const *allowed = tc_custom_field_get_allowed_values (self->field);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->summary, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->summary, 20);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), GTK_WIDGET (self->summary));
  for (guint i = 0; allowed[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (allowed[i]);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), array_contains (value, allowed[i]));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (changed_cb), self);
      g_ptr_array_add (self->checks, check);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static GtkWidget *
new_control (TcCustomFieldRow *self)
{
  JsonNode *value = tc_member_profile_get_custom_value (self->profile,
                                                       tc_custom_field_get_id (self->field));
  GtkWidget *control;

  switch (tc_custom_field_get_field_type (self->field))
    {
    case TC_CUSTOM_FIELD_CHECKBOX:
      control = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (control), value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
                             json_node_get_value_type (value) == G_TYPE_BOOLEAN &&
                             json_node_get_boolean (value));
      g_signal_connect_swapped (control, "notify::active", G_CALLBACK (changed_cb), self);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), control);
      return control;
    case TC_CUSTOM_FIELD_DROPDOWN_SINGLE:
      return new_dropdown (self, value);
    case TC_CUSTOM_FIELD_DROPDOWN_MULTIPLE:
      return new_multiple (self, value);
    case TC_CUSTOM_FIELD_TXT:
    case TC_CUSTOM_FIELD_NUMBER:
    case TC_CUSTOM_FIELD_LINK:
    default:
      return new_entry (self, value);
    }
}

static void
tc_custom_field_row_dispose (GObject *object)
{
  TcCustomFieldRow *self = (TcCustomFieldRow *)object;

  g_clear_object (&self->field);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (tc_custom_field_row_parent_class)->dispose (object);
}

static void
tc_custom_field_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TcCustomFieldRow *self = TC_CUSTOM_FIELD_ROW (object);

  if (prop_id == PROP_VALID)
    g_value_set_boolean (value, self->valid);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tc_custom_field_row_class_init (TcCustomFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tc_custom_field_row_dispose;
  object_class->get_property = tc_custom_field_row_get_property;

  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tc_custom_field_row_init (TcCustomFieldRow *self)
{
  self->valid = TRUE;
  self->checks = g_ptr_array_new ();
}

GtkWidget *
tc_custom_field_row_new (TcCustomField   *field,
                         TcMemberProfile *profile)
{
  TcCustomFieldRow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TC_IS_CUSTOM_FIELD (field), NULL);
  g_return_val_if_fail (TC_IS_MEMBER_PROFILE (profile), NULL);

  self = g_object_new (TC_TYPE_CUSTOM_FIELD_ROW, NULL);
  self->field = g_object_ref (field);
  self->profile = g_object_ref (profile);
  title = tc_custom_field_get_required (field)
          /* Translators: a required field's title, "Department *" */
          ? g_strdup_printf (_("%s *"), tc_custom_field_get_name (field))
          : g_strdup (tc_custom_field_get_name (field));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               tc_custom_field_get_description (field) ?: "");
  self->control = new_control (self);
  gtk_widget_set_valign (self->control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tc_custom_field_get_name (field), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->control);
  if (self->summary != NULL)
    update_summary (self);
  return GTK_WIDGET (self);
}

TcCustomField *
tc_custom_field_row_get_field (TcCustomFieldRow *self)
{
  g_return_val_if_fail (TC_IS_CUSTOM_FIELD_ROW (self), NULL);
  return self->field;
}

gboolean
tc_custom_field_row_get_valid (TcCustomFieldRow *self)
{
  g_return_val_if_fail (TC_IS_CUSTOM_FIELD_ROW (self), FALSE);
  return self->valid;
}

GtkWidget *
tc_custom_field_row_get_control (TcCustomFieldRow *self)
{
  g_return_val_if_fail (TC_IS_CUSTOM_FIELD_ROW (self), NULL);
  return self->control;
}

void
tc_custom_field_row_set_server_error (TcCustomFieldRow *self,
                                      const char       *message)
{
  g_return_if_fail (TC_IS_CUSTOM_FIELD_ROW (self));

  if (message == NULL)
    {
      if (gtk_widget_has_css_class (GTK_WIDGET (self), "error"))
        changed_cb (self);
      return;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), message);
  gtk_widget_add_css_class (GTK_WIDGET (self), "error");
}
