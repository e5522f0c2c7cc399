/* tc-add-translation-dialog.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Add a Translation…": pick one of the languages of tc-language-table.c
 * and the dialog writes a starter catalog for it, from the template the
 * app is installed with, to $XDG_DATA_HOME/timecard/po/LL.po, then says
 * how to try it and how to send it. A file already there is only
 * replaced when the person says so.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "tc-add-translation-dialog.h"
#include "tc-language-table.h"

#define MERGE_REQUEST_URL "https://github.com/timecard/timecard"

struct _TcAddTranslationDialog
{
  AdwWindow       parent_instance;

  char           *path;
  char           *search;

  /* Template children */
  GtkStack       *stack;
  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  AdwStatusPage  *status_page;
  GtkLabel       *explanation_label;
  GtkButton      *open_folder_button;
};

G_DEFINE_FINAL_TYPE (TcAddTranslationDialog, tc_add_translation_dialog, ADW_TYPE_WINDOW)

static char *
translations_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "timecard", "po", NULL);
}

static char *
locale_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "timecard", "locale", NULL);
}

static void
show_error (TcAddTranslationDialog *self,
            const char             *message)
{
  adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->status_page, _("Could Not Start the Translation"));
  adw_status_page_set_description (self->status_page, NULL);
  gtk_label_set_text (self->explanation_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->open_folder_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

/* Three sentences: try it, see it, send it. */
static void
show_explanation (TcAddTranslationDialog *self,
                  const TcLanguageInfo   *info)
{
  g_autofree char *locale = locale_dir ();
  g_autofree char *mo = g_build_filename (locale, info->code, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *quoted_mo = g_shell_quote (mo);
  g_autofree char *quoted_po = g_shell_quote (self->path);
  g_autofree char *quoted_locale = g_shell_quote (locale);
  g_autofree char *compile = g_strdup_printf ("msgfmt -o %s %s", quoted_mo, quoted_po);
  g_autofree char *run = g_strdup_printf ("TIMECARD_LOCALEDIR=%s LANGUAGE=%s timecard", quoted_locale, info->code);
  g_autofree char *explanation = NULL;
  g_autofree char *description = NULL;

  /* Translators: %1$s is a command that compiles the file, %2$s the
   * command that starts Timecard with it, %3$s the project's address and
   * %4$s the language's code ("pl"). Keep the po/ paths as they are. */
  explanation = g_strdup_printf (_("To try it, compile it with “%1$s”. "
                                   "Then start Timecard with “%2$s” and look at every page. "
                                   "To share it, open a merge request at %3$s adding it as po/%4$s.po and a line “%4$s” to po/LINGUAS."),
                                 compile, run, MERGE_REQUEST_URL, info->code);
  /* Translators: %s is a file */
  description = g_strdup_printf (_("Translate the messages of %s with a PO editor such as Poedit."),
                                 self->path);

  adw_status_page_set_icon_name (self->status_page, "document-edit-symbolic");
  adw_status_page_set_title (self->status_page, _("Translation Started"));
  adw_status_page_set_description (self->status_page, description);
  gtk_label_set_text (self->explanation_label, explanation);
  gtk_label_select_region (self->explanation_label, 0, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->open_folder_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_grab_focus (GTK_WIDGET (self->open_folder_button));
}

static gboolean
write_starter (const TcLanguageInfo  *info,
               const char            *path,
               GError               **error)
{
  g_autofree char *template_path = tc_language_table_find_template ();
  g_autofree char *template_text = NULL;
  g_autofree char *po = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *locale = locale_dir ();
  g_autofree char *messages = g_build_filename (locale, info->code, "LC_MESSAGES", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (!g_file_get_contents (template_path, &template_text, NULL, error))
    return FALSE;
  po = tc_language_table_make_po (info, template_text, now, error);
  if (po == NULL)
    return FALSE;
  /* The folder the explanation compiles it into, made ready. */
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_mkdir_with_parents (messages, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (path, po, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
start_translation (TcAddTranslationDialog *self,
                   const TcLanguageInfo   *info)
{
  g_autoptr(GError) error = NULL;

  if (!write_starter (info, self->path, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why, as the system put it */
      message = g_strdup_printf (_("The starter file could not be written: %s"), error->message);
      show_error (self, message);
      return;
    }
  show_explanation (self, info);
}

static void
replace_response_cb (AdwMessageDialog       *dialog,
                     const char             *response,
                     TcAddTranslationDialog *self)
{
  const TcLanguageInfo *info = g_object_get_data (G_OBJECT (dialog), "language");

  if (g_str_equal (response, "replace"))
    start_translation (self, info);
  else if (g_str_equal (response, "keep"))
    show_explanation (self, info);
}

static void
row_activated_cb (TcAddTranslationDialog *self,
                  GtkListBoxRow          *row)
{
  const TcLanguageInfo *info = g_object_get_data (G_OBJECT (row), "language");
  g_autofree char *dir = translations_dir ();
  g_autofree char *name = g_strconcat (info->code, ".po", NULL);
  AdwMessageDialog *dialog;

  g_free (self->path);
  self->path = g_build_filename (dir, name, NULL);
  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      start_translation (self, info);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Replace the Started Translation?"),
                                                       NULL));
  /* Translators: %s is a file */
  adw_message_dialog_format_body (dialog, _("%s is already there. Replacing it loses what was translated in it."),
                                  self->path);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep It"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "language", (gpointer) info);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_folder_cb (TcAddTranslationDialog *self)
{
  g_autofree char *dir = translations_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (folder);

  /* Through the OpenURI portal inside a sandbox. */
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

/* "pol" finds Polish, "polski" and "pl" too. */
static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  TcAddTranslationDialog *self = user_data;
  const TcLanguageInfo *info = g_object_get_data (G_OBJECT (row), "language");

  if (self->search == NULL || self->search[0] == '\0')
    return TRUE;
  return contains_folded (info->english, self->search) ||
         contains_folded (info->native, self->search) ||
         contains_folded (info->code, self->search);
}

static void
search_changed_cb (TcAddTranslationDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_free (self->search);
  self->search = g_utf8_casefold (stripped, -1);
  gtk_list_box_invalidate_filter (self->list_box);
}

static void
fill_list (TcAddTranslationDialog *self)
{
  guint n_languages;
  const TcLanguageInfo *languages = tc_language_table_get (&n_languages);

  for (guint i = 0; i < n_languages; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      if (g_str_equal (languages[i].english, languages[i].native))
        subtitle = g_strdup (languages[i].code);
      else
        subtitle = g_strdup_printf ("%s · %s", languages[i].english, languages[i].code);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), languages[i].native);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data (G_OBJECT (row), "language", (gpointer) &languages[i]);
      gtk_list_box_append (self->list_box, row);
    }
  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
}

static void
tc_add_translation_dialog_finalize (GObject *object)
{
  TcAddTranslationDialog *self = (TcAddTranslationDialog *)object;

  g_free (self->path);
  g_free (self->search);

  G_OBJECT_CLASS (tc_add_translation_dialog_parent_class)->finalize (object);
}

static void
tc_add_translation_dialog_class_init (TcAddTranslationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tc_add_translation_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/tc-add-translation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TcAddTranslationDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TcAddTranslationDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TcAddTranslationDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, TcAddTranslationDialog, status_page);
  gtk_widget_class_bind_template_child (widget_class, TcAddTranslationDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, TcAddTranslationDialog, open_folder_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tc_add_translation_dialog_init (TcAddTranslationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_list (self);
}

GtkWidget *
tc_add_translation_dialog_new (GtkWindow *parent)
{
  return g_object_new (TC_TYPE_ADD_TRANSLATION_DIALOG, "transient-for", parent, NULL);
}

const char *
tc_add_translation_dialog_get_path (TcAddTranslationDialog *self)
{
  g_return_val_if_fail (TC_IS_ADD_TRANSLATION_DIALOG (self), NULL);

  return self->path;
}
