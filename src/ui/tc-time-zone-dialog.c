/* tc-time-zone-dialog.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The zones are the canonical ones of the system's tz database
 * (zone1970.tab) plus UTC. Reading the table and every zone's offset
 * touches a few hundred files, so it happens on a worker thread while the
 * dialog shows a spinner. Typing anywhere searches; Ctrl+F focuses the
 * search entry; Enter picks the first match.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tc-time-zone-dialog.h"

#define ZONE_TABLE "/usr/share/zoneinfo/zone1970.tab"

struct _TcTimeZoneDialog
{
  AdwWindow           parent_instance;

  GCancellable       *cancellable;
  char               *current_zone;
  GtkStringList      *zones;
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  GHashTable         *labels;
  gboolean            loaded;

  /* Template children */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListBox         *list_box;
};

G_DEFINE_FINAL_TYPE (TcTimeZoneDialog, tc_time_zone_dialog, ADW_TYPE_WINDOW)

enum {
  ZONE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
tc_time_zone_dialog_dup_label (const char *zone)
{
  g_autoptr(GTimeZone) tz = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *difference = NULL;
  int offset, interval;

  g_return_val_if_fail (zone != NULL, NULL);

  tz = g_time_zone_new_identifier (zone);
  if (tz == NULL)
    return g_strdup (zone);

  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, now);
  offset = interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
  if (offset == 0)
    /* Translators: %s is a time zone ("Europe/London"); UTC as your
     * language writes Coordinated Universal Time */
    return g_str_equal (zone, "UTC") ? g_strdup (zone) : g_strdup_printf (_("%s (UTC)"), zone);

  difference = g_strdup_printf ("%c%02d:%02d", offset < 0 ? '-' : '+',
                                ABS (offset) / 3600, (ABS (offset) / 60) % 60);
  /* Translators: %1$s is a time zone ("Asia/Tokyo"), %2$s its difference
   * from UTC ("+09:00"); UTC as your language writes it */
  return g_strdup_printf (_("%1$s (UTC%2$s)"), zone, difference);
}

static GPtrArray *
read_zones (GError **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (ZONE_TABLE, &contents, NULL, error))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      columns = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (columns) >= 3)
        g_ptr_array_add (zones, g_strdup (columns[2]));
    }
  g_ptr_array_add (zones, g_strdup ("UTC"));

  return g_steal_pointer (&zones);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) zones = read_zones (&error);
  GHashTable *labels;

  if (zones == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < zones->len; i++)
    g_hash_table_insert (labels, g_strdup (zones->pdata[i]),
                         tc_time_zone_dialog_dup_label (zones->pdata[i]));

  g_task_return_pointer (task, labels, (GDestroyNotify) g_hash_table_unref);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TcTimeZoneDialog *self = user_data;
  const char *zone = gtk_string_object_get_string (item);
  g_autofree char *title = g_strdelimit (g_strdup (zone), "_", ' ');
  const char *label = g_hash_table_lookup (self->labels, zone);
  const char *offset = label ? strrchr (label, '(') : NULL;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (offset != NULL)
    adw_action_row_set_subtitle (row, offset);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (GTK_WIDGET (row), zone);
  if (g_strcmp0 (zone, self->current_zone) == 0)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Current time zone"), -1);
      adw_action_row_add_suffix (row, check);
    }

  return GTK_WIDGET (row);
}

static void
update_stack (TcTimeZoneDialog *self)
{
  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TcTimeZoneDialog) self = user_data;
  g_autoptr(GHashTable) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) keys = NULL;

  labels = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (labels == NULL)
    {
      g_debug ("Cannot read the time zones: %s", error->message);
      /* Without the tz database the list holds UTC only. */
      labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (labels, g_strdup ("UTC"), g_strdup ("UTC (UTC)"));
    }

  self->labels = g_steal_pointer (&labels);
  keys = g_list_sort (g_hash_table_get_keys (self->labels), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    gtk_string_list_append (self->zones, l->data);

  self->loaded = TRUE;
  update_stack (self);
}

static void
search_changed_cb (TcTimeZoneDialog *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  /* "new york" finds America/New_York. */
  g_strdelimit (g_strstrip (text), " ", '_');
  gtk_string_filter_set_search (self->filter, text);
  update_stack (self);
}

static void
choose (TcTimeZoneDialog *self,
        const char       *zone)
{
  g_signal_emit (self, signals[ZONE_CHOSEN], 0, zone);
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_activated_cb (TcTimeZoneDialog *self,
                  GtkListBoxRow    *row)
{
  choose (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
search_activate_cb (TcTimeZoneDialog *self)
{
  g_autoptr(GtkStringObject) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (first != NULL)
    choose (self, gtk_string_object_get_string (first));
}

static void
stop_search_cb (TcTimeZoneDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  TcTimeZoneDialog *self = TC_TIME_ZONE_DIALOG (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

static void
tc_time_zone_dialog_dispose (GObject *object)
{
  TcTimeZoneDialog *self = (TcTimeZoneDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TC_TYPE_TIME_ZONE_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_object (&self->zones);
  g_clear_pointer (&self->labels, g_hash_table_unref);

  G_OBJECT_CLASS (tc_time_zone_dialog_parent_class)->dispose (object);
}

static void
tc_time_zone_dialog_finalize (GObject *object)
{
  TcTimeZoneDialog *self = (TcTimeZoneDialog *)object;

  g_free (self->current_zone);

  G_OBJECT_CLASS (tc_time_zone_dialog_parent_class)->finalize (object);
}

static void
tc_time_zone_dialog_class_init (TcTimeZoneDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tc_time_zone_dialog_dispose;
  object_class->finalize = tc_time_zone_dialog_finalize;

  signals[ZONE_CHOSEN] =
    g_signal_new ("zone-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-time-zone-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TcTimeZoneDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TcTimeZoneDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TcTimeZoneDialog, list_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tc_time_zone_dialog_init (TcTimeZoneDialog *self)
{
  GtkExpression *expression;

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zones = gtk_string_list_new (NULL);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->zones)),
                                              GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filtered),
                           create_row, self, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  update_stack (self);
}

TcTimeZoneDialog *
tc_time_zone_dialog_new (GtkWindow  *parent,
                         const char *current_zone)
{
  TcTimeZoneDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (TC_TYPE_TIME_ZONE_DIALOG, "transient-for", parent, NULL);
  self->current_zone = g_strdup (current_zone);

  task = g_task_new (NULL, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, tc_time_zone_dialog_new);
  g_task_run_in_thread (task, load_thread);

  return self;
}

gboolean
tc_time_zone_dialog_is_loaded (TcTimeZoneDialog *self)
{
  g_return_val_if_fail (TC_IS_TIME_ZONE_DIALOG (self), FALSE);

  return self->loaded;
}

void
tc_time_zone_dialog_search (TcTimeZoneDialog *self,
                            const char       *text)
{
  g_return_if_fail (TC_IS_TIME_ZONE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  search_changed_cb (self);
}
