/* test-add-translation.c — "Add a Translation…": the starter catalogs and
 * the dialog
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header of every language of the table is compared with the one
 * `msginit --no-translator` writes (with the CLDR's plural rules, as
 * GETTEXTCLDRDIR from tests/ui/meson.build gives it), the messages with
 * the template's, and `msgfmt --check` has to accept the file once
 * entries are translated. The template is the one the build made, found
 * through TIMECARD_LOCALEDIR as the app finds it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tc-add-translation-dialog.h"
#include "tc-language-table.h"
#include "tc-preferences-general-page.h"
#include "tc-test-tmp.h"
#include "tc-ui-test-util.h"

/* The unfolded value of @field in the header entry of @po. */
static char *
po_header_field (const char *po,
                 const char *field)
{
  const char *header = strstr (po, "msgid \"\"\nmsgstr \"\"\n");
  const char *end;
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *key = g_strconcat (field, ": ", NULL);
  const char *start;

  g_assert_nonnull (header);
  end = strstr (header, "\n\n");
  g_assert_nonnull (end);
  /* The quoted lines, joined: msginit folds long ones. */
  for (const char *p = header + strlen ("msgid \"\"\nmsgstr \"\"\n"); p < end; )
    {
      const char *open = strchr (p, '"');
      const char *close = open != NULL ? strstr (open + 1, "\"\n") : NULL;

      if (open == NULL || close == NULL || open >= end)
        break;
      g_string_append_len (joined, open + 1, close - open - 1);
      p = close + 2;
    }
  start = strstr (joined->str, key);
  if (start == NULL)
    return NULL;
  start += strlen (key);
  end = strstr (start, "\\n");
  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

static guint
count_lines_starting (const char *text,
                      const char *prefix)
{
  guint count = 0;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      count++;
  return count;
}

static char *
run (const char * const *argv,
     int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, status, &error));
  g_assert_no_error (error);
  if (err != NULL && err[0] != '\0')
    g_test_message ("%s: %s", argv[0], err);
  return out;
}

/* One message of each kind translated: the singular "Timecard" and the
 * first plural message, in every form the language has. */
static char *
translate_some (const char *po)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (po, "\n", -1);
  gboolean in_timecard = FALSE, plural_done = FALSE, in_plural = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_equal (line, "msgid \"Timecard\""))
        in_timecard = TRUE;
      if (g_str_has_prefix (line, "msgid_plural ") && !plural_done)
        in_plural = TRUE;
      if (in_timecard && g_str_equal (line, "msgstr \"\""))
        {
          line = "msgstr \"Timecard\"";
          in_timecard = FALSE;
        }
      else if (in_plural && g_str_has_prefix (line, "msgstr["))
        {
          g_autofree char *index = g_strndup (line + strlen ("msgstr["), strcspn (line + strlen ("msgstr["), "]"));

          g_string_append_printf (out, "msgstr[%s] \"%%u form %s\"\n", index, index);
          if (lines[i + 1] == NULL || !g_str_has_prefix (lines[i + 1], "msgstr["))
            in_plural = FALSE, plural_done = TRUE;
          continue;
        }
      g_string_append (out, line);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }
  g_assert_true (plural_done);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_table (void)
{
  static const char *required[] = { "ar", "cs", "pl", "ru", "ja", "zh_CN", "ga", "fr", "pt_BR", "de" };
  guint n_languages;
  const TcLanguageInfo *languages = tc_language_table_get (&n_languages);

  g_assert_cmpuint (n_languages, >=, 40);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (tc_language_table_lookup (required[i]));
  for (guint i = 0; i < n_languages; i++)
    {
      g_assert_true (g_utf8_validate (languages[i].native, -1, NULL));
      g_assert_true (g_str_has_prefix (languages[i].plural_forms, "nplurals="));
      for (guint j = i + 1; j < n_languages; j++)
        g_assert_cmpstr (languages[i].code, !=, languages[j].code);
    }
}

/* Every language's starter against msginit's, and msgfmt --check. */
static void
test_headers (void)
{
  g_autofree char *template_path = tc_language_table_find_template ();
  g_autofree char *template_text = NULL;
  g_autofree char *dir = tc_test_tmp_dir ("tc-starters-XXXXXX");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  guint n_languages, compared = 0;
  const TcLanguageInfo *languages = tc_language_table_get (&n_languages);

  g_assert_true (g_file_get_contents (template_path, &template_text, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_languages; i++)
    {
      const TcLanguageInfo *info = &languages[i];
      g_autofree char *po = tc_language_table_make_po (info, template_text, now, &error);
      g_autofree char *translated = NULL;
      g_autofree char *path = g_strdup_printf ("%s/%s.po", dir, info->code);
      g_autofree char *translated_path = g_strdup_printf ("%s/%s-some.po", dir, info->code);
      g_autofree char *msginit_out = NULL;
      g_autofree char *ours = NULL, *theirs = NULL;
      g_autofree char *out = NULL;
      const char *msginit[] = { "msginit", "--no-translator", "-l", info->code,
                                "-i", template_path, "-o", "-", NULL };
      const char *check[] = { "msgfmt", "--check", "-o", "/dev/null", path, NULL };
      const char *check_translated[] = { "msgfmt", "--check", "--statistics", "-o", "/dev/null",
                                         translated_path, NULL };
      static const char *fields[] = { "Language", "Plural-Forms", "Content-Type",
                                      "Content-Transfer-Encoding", "MIME-Version",
                                      "Project-Id-Version" };
      int status;

      g_assert_no_error (error);
      g_assert_nonnull (po);
      msginit_out = run (msginit, &status);
      g_assert_cmpint (status, ==, 0);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_free (ours);
          g_free (theirs);
          ours = po_header_field (po, fields[f]);
          theirs = po_header_field (msginit_out, fields[f]);
          g_test_message ("%s %s: %s", info->code, fields[f], ours);
          g_assert_nonnull (ours);
          g_assert_cmpstr (ours, ==, theirs);
        }
      g_free (ours);
      ours = po_header_field (po, "Content-Type");
      g_assert_cmpstr (ours, ==, "text/plain; charset=UTF-8");
      compared++;

      /* The template's messages, every one, and as many forms as msginit. */
      g_assert_cmpuint (count_lines_starting (po, "msgid "), ==, count_lines_starting (msginit_out, "msgid "));
      g_assert_cmpuint (count_lines_starting (po, "msgstr["), ==, count_lines_starting (msginit_out, "msgstr["));
      g_assert_cmpuint (count_lines_starting (po, "msgid "), >, 100);

      g_assert_true (g_file_set_contents (path, po, -1, &error));
      g_assert_no_error (error);
      g_free (out);
      out = run (check, &status);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_no_error (error);

      translated = translate_some (po);
      g_assert_true (g_file_set_contents (translated_path, translated, -1, &error));
      g_free (out);
      out = run (check_translated, &status);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (compared, ==, n_languages);
  tc_test_tmp_remove (dir);
}

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
only_polish_shown (gpointer data)
{
  GtkWidget *list_box = data;
  guint shown = 0;
  gboolean polish = FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (list_box);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && gtk_widget_get_child_visible (row))
      {
        shown++;
        polish |= g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Polski");
      }
  return shown == 1 && polish;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static GtkWidget *
choose (GtkWidget  *dialog,
        const char *search,
        const char *native)
{
  GtkWidget *list_box = tc_ui_find (dialog, GTK_TYPE_LIST_BOX, 0);
  GtkWidget *entry = tc_ui_find (dialog, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *row;

  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  tc_test_wait_until (only_polish_shown, list_box, 10);
  row = find_row_titled (list_box, native);
  g_assert_nonnull (row);
  /* The English name is on the row too. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Polish"));
  g_signal_emit_by_name (list_box, "row-activated", row);
  return row;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* From the Language row: search "pol", choose Polish, get the file and
 * the explanation; choosing it again asks before replacing. */
static void
test_dialog (TcUiFixture   *fixture,
             gconstpointer  data)
{
  GtkWidget *page = g_object_new (TC_TYPE_PREFERENCES_GENERAL_PAGE, "session", fixture->session, NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "timecard", "po", "pl.po", NULL);
  g_autofree char *text = NULL;
  g_autofree char *plural_forms = NULL;
  g_autofree char *language = NULL;
  g_autofree char *edited = NULL;
  GtkWidget *row, *dialog, *message, *explanation, *stack;

  tc_ui_fixture_show (fixture, page);
  row = find_row_titled (page, "Add a Translation…");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  adw_action_row_activate (ADW_ACTION_ROW (row));
  dialog = find_toplevel (TC_TYPE_ADD_TRANSLATION_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  tc_ui_assert_accessible (dialog);

  choose (dialog, "pol", "Polski");
  g_assert_cmpstr (tc_add_translation_dialog_get_path (TC_ADD_TRANSLATION_DIALOG (dialog)), ==, expected);
  text = read_file (expected);
  language = po_header_field (text, "Language");
  plural_forms = po_header_field (text, "Plural-Forms");
  g_assert_cmpstr (language, ==, "pl");
  g_assert_cmpstr (plural_forms, ==, tc_language_table_lookup ("pl")->plural_forms);
  g_assert_nonnull (strstr (text, "msgid \"Welcome to Timecard\""));

  /* The explanation: how to compile it, try it, send it. */
  stack = tc_ui_find (dialog, GTK_TYPE_STACK, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "done");
  tc_ui_flush ();
  explanation = tc_ui_find_label (dialog, "msgfmt -o ");
  g_assert_nonnull (explanation);
  g_assert_true (gtk_widget_get_mapped (explanation));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (explanation)), "LANGUAGE=pl"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (explanation)), "po/pl.po"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (explanation)), "po/LINGUAS"));
  g_assert_true (tc_ui_label_shown (dialog, expected));
  g_assert_nonnull (tc_ui_find_label (dialog, "_Open Folder"));
  tc_ui_screenshot (dialog, "add-translation-done");

  /* Work in it, then choose Polish again: asked, and kept. */
  edited = g_strconcat (text, "\n# my work\n", NULL);
  g_assert_true (g_file_set_contents (expected, edited, -1, NULL));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "choose");
  choose (dialog, "pol", "Polski");
  tc_test_wait_until (message_dialog_shown, NULL, 10);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "keep");
  g_free (text);
  text = read_file (expected);
  g_assert_cmpstr (text, ==, edited);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "done");
  gtk_window_destroy (GTK_WINDOW (message));

  /* Asked again, and replaced this time. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "choose");
  choose (dialog, "pol", "Polski");
  tc_test_wait_until (message_dialog_shown, NULL, 10);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "replace");
  gtk_window_destroy (GTK_WINDOW (message));
  g_free (text);
  text = read_file (expected);
  g_assert_null (strstr (text, "# my work"));
  g_assert_nonnull (strstr (text, "\"Language: pl\\n\""));

  gtk_window_destroy (GTK_WINDOW (dialog));
  tc_ui_flush ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  tc_test_init (&argc, &argv);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/add-translation/table", test_table);
  g_test_add_func ("/add-translation/headers", test_headers);
  g_test_add ("/add-translation/dialog", TcUiFixture, NULL,
              tc_ui_fixture_set_up, test_dialog, tc_ui_fixture_tear_down);

  return g_test_run ();
}
