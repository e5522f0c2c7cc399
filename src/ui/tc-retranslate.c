/* tc-retranslate.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkBuilder translates a template's strings once, when it builds it, and
 * keeps no trace of the message. Rebuilding the widgets would lose what a
 * person is doing in them, so the language changes in place instead: the
 * catalog in use before the change says which message each visible text
 * is (English: the messages themselves), and each is set again from the
 * new language. Text made at run time with printf() is not a message; the
 * widgets that show such text update when their data does, or from
 * TcApplication::language-changed.
 *
 * Two messages can share a translation in one language and not in
 * another ("Active" for a member and for an account is "Ativo" and
 * "Ativa"; German "Stil" is "Style" and "the style"). The first message
 * in the catalog's order wins the first time — capitalised labels sort
 * before lowercase fragments — and each property remembers its message,
 * so later switches no longer guess.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "tc-language.h"
#include "tc-retranslate.h"

struct _TcRetranslator
{
  GBytes     *catalog;
  /* Text as shown now → GPtrArray of message keys ("ctx\004msgid"). */
  GHashTable *messages;
};

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swap)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Fills self->messages from a GNU .mo file: with its translations as the
 * texts on screen, or (@originals) its messages, for English. */
static gboolean
load_catalog (TcRetranslator *self,
              const char     *path,
              gboolean        originals)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  const guint8 *data;
  gsize size;
  gboolean swap;
  guint32 n, o, t;

  if (file == NULL)
    return FALSE;

  self->catalog = g_mapped_file_get_bytes (file);
  data = g_bytes_get_data (self->catalog, &size);
  if (size < 20)
    return FALSE;
  if (read_u32 (data, 0, FALSE) == 0x950412de)
    swap = FALSE;
  else if (read_u32 (data, 0, TRUE) == 0x950412de)
    swap = TRUE;
  else
    return FALSE;

  n = read_u32 (data, 8, swap);
  o = read_u32 (data, 12, swap);
  t = read_u32 (data, 16, swap);
  if (o > size || t > size || n > (size - MAX (o, t)) / 8)
    return FALSE;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 key_len = read_u32 (data, o + 8 * i, swap);
      guint32 key_off = read_u32 (data, o + 8 * i + 4, swap);
      guint32 text_len = read_u32 (data, t + 8 * i, swap);
      guint32 text_off = read_u32 (data, t + 8 * i + 4, swap);
      const char *key, *shown;
      g_autofree char *key_copy = NULL;
      GPtrArray *keys;

      if (key_off > size || key_len >= size - key_off ||
          text_off > size || text_len >= size - text_off)
        return FALSE;

      key = (const char *) data + key_off;
      /* The header, and plural messages: those are formatted at run time. */
      if (key_len == 0 || memchr (key, '\0', key_len) != NULL)
        continue;

      key_copy = g_strndup (key, key_len);
      if (originals)
        {
          const char *eot = strchr (key_copy, '\004');

          shown = eot != NULL ? eot + 1 : key_copy;
        }
      else
        shown = (const char *) data + text_off;

      keys = g_hash_table_lookup (self->messages, shown);
      if (keys == NULL)
        {
          keys = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (self->messages, g_strdup (shown), keys);
        }
      g_ptr_array_add (keys, g_steal_pointer (&key_copy));
    }

  return TRUE;
}

static char *
catalog_path (const char *language)
{
  return g_build_filename (tc_language_get_localedir (), language, "LC_MESSAGES",
                           GETTEXT_PACKAGE ".mo", NULL);
}

/* The catalog gettext picks: the first of LANGUAGE (or of the locale's
 * name) that has one, trying "pt_BR.UTF-8", "pt_BR", then "pt". NULL for
 * English. */
static char *
current_catalog (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);
  const char *language = g_getenv ("LANGUAGE");
  g_auto(GStrv) names = NULL;

  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    return NULL;
  if (language == NULL || language[0] == '\0')
    language = messages;

  names = g_strsplit (language, ":", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (names[i]);

      while (name[0] != '\0')
        {
          g_autofree char *path = catalog_path (name);
          char *cut;

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            return g_steal_pointer (&path);
          if ((cut = strpbrk (name, "@.")) == NULL && (cut = strchr (name, '_')) == NULL)
            break;
          *cut = '\0';
        }
      /* English is a language gettext knows: nothing follows it. */
      if (g_str_has_prefix (names[i], "en"))
        return NULL;
    }

  return NULL;
}

TcRetranslator *
tc_retranslator_new (void)
{
  TcRetranslator *self = g_new0 (TcRetranslator, 1);
  g_autofree char *path = current_catalog ();
  const TcLanguage *languages;
  guint n_languages;

  self->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  if (path != NULL)
    {
      load_catalog (self, path, FALSE);
      return self;
    }

  /* English: any catalog lists the messages. */
  languages = tc_language_get_all (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      g_autofree char *other = NULL;

      if (languages[i].catalog == NULL)
        continue;
      other = catalog_path (languages[i].catalog);
      if (load_catalog (self, other, TRUE))
        break;
      g_clear_pointer (&self->catalog, g_bytes_unref);
      g_hash_table_remove_all (self->messages);
    }

  return self;
}

void
tc_retranslator_free (TcRetranslator *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->catalog, g_bytes_unref);
  g_free (self);
}

/* The message @text is, preferring @preferred when it is one of those
 * that read @text; NULL when @text is no message. */
static const char *
find_key (TcRetranslator *self,
          const char     *text,
          const char     *preferred)
{
  GPtrArray *keys;

  if (text == NULL || text[0] == '\0')
    return NULL;
  keys = g_hash_table_lookup (self->messages, text);
  if (keys == NULL)
    return NULL;

  for (guint i = 0; preferred != NULL && i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), preferred))
      return g_ptr_array_index (keys, i);
  return g_ptr_array_index (keys, 0);
}

static const char *
translate_key (const char *key)
{
  const char *eot = strchr (key, '\004');

  if (eot != NULL)
    return g_dpgettext (GETTEXT_PACKAGE, key, eot - key + 1);
  return g_dgettext (GETTEXT_PACKAGE, key);
}

const char *
tc_retranslator_translate (TcRetranslator *self,
                           const char     *text)
{
  const char *key = find_key (self, text, NULL);

  return key != NULL ? translate_key (key) : NULL;
}

/* Properties that hold data, not interface text. */
static gboolean
is_data_property (GObject    *object,
                  GParamSpec *pspec)
{
  static const char *names[] = {
    "name", "icon-name", "action-name", "css-name", "uri", "accessible-role",
    "resource", "file", "search-text", NULL,
  };

  if (GTK_IS_EDITABLE (object) && g_str_equal (pspec->name, "text"))
    return TRUE;
  if (GTK_IS_TEXT_VIEW (object) || GTK_IS_ENTRY_BUFFER (object))
    return TRUE;
  return g_strv_contains (names, pspec->name);
}

static void
retranslate_object (TcRetranslator *self,
                    GObject        *object)
{
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object),
                                                                  &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_autofree char *text = NULL;
      g_autofree char *qname = NULL;
      const char *key, *translated;
      GQuark quark;

      if (pspec->value_type != G_TYPE_STRING ||
          (pspec->flags & (G_PARAM_READABLE | G_PARAM_WRITABLE)) != (G_PARAM_READABLE | G_PARAM_WRITABLE) ||
          (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0 ||
          (pspec->flags & G_PARAM_DEPRECATED) != 0 ||
          is_data_property (object, pspec))
        continue;

      /* The message a property showed last time decides between
       * messages that read the same in one language. */
      qname = g_strconcat ("tc-retranslate-", pspec->name, NULL);
      quark = g_quark_from_string (qname);
      g_object_get (object, pspec->name, &text, NULL);
      key = find_key (self, text, g_object_get_qdata (object, quark));
      if (key == NULL)
        continue;
      g_object_set_qdata_full (object, quark, g_strdup (key), g_free);
      translated = translate_key (key);
      if (g_strcmp0 (text, translated) != 0)
        g_object_set (object, pspec->name, translated, NULL);
    }
}

static void
retranslate_string_list (TcRetranslator *self,
                         GtkStringList  *list,
                         GObject        *owner)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint selected = 0;
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  gboolean changed = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *text = gtk_string_list_get_string (list, i);
      const char *translated = tc_retranslator_translate (self, text);

      changed |= translated != NULL && g_strcmp0 (text, translated) != 0;
      g_ptr_array_add (strings, (gpointer) (translated ? translated : text));
    }
  if (!changed)
    return;
  g_ptr_array_add (strings, NULL);

  /* The row keeps its choice: the items are the same, in other words.
   * Held back, the notifications of the passing change collapse into one
   * of the unchanged choice, and no binding hears of an edit. */
  g_object_freeze_notify (owner);
  g_object_get (owner, "selected", &selected, NULL);
  gtk_string_list_splice (list, 0, n, (const char * const *) strings->pdata);
  g_object_set (owner, "selected", selected, NULL);
  g_object_thaw_notify (owner);
}

static void
retranslate_menu (TcRetranslator *self,
                  GMenuModel     *model)
{
  guint n = g_menu_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      g_autofree char *label = NULL;
      const char *translated;

      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          retranslate_menu (self, link);
        }

      if (!G_IS_MENU (model) ||
          !g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        continue;
      translated = tc_retranslator_translate (self, label);
      if (translated != NULL && g_strcmp0 (label, translated) != 0)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new_from_model (model, i);

          g_menu_item_set_label (item, translated);
          g_menu_remove (G_MENU (model), i);
          g_menu_insert_item (G_MENU (model), i, item);
        }
    }
}

static void
retranslate_list (TcRetranslator *self,
                  GListModel     *list)
{
  guint n = list ? g_list_model_get_n_items (list) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      retranslate_object (self, item);
    }
}

void
tc_retranslator_apply (TcRetranslator *self,
                       GtkWidget      *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  retranslate_object (self, G_OBJECT (widget));

  if (ADW_IS_COMBO_ROW (widget) && GTK_IS_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (widget))))
    retranslate_string_list (self, GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (widget))),
                             G_OBJECT (widget));
  else if (GTK_IS_DROP_DOWN (widget) && GTK_IS_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (widget))))
    retranslate_string_list (self, GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (widget))),
                             G_OBJECT (widget));

  if (ADW_IS_VIEW_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));

      retranslate_list (self, G_LIST_MODEL (pages));
    }
  else if (GTK_IS_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (GTK_STACK (widget));

      retranslate_list (self, G_LIST_MODEL (pages));
    }
  else if (GTK_IS_COLUMN_VIEW (widget))
    retranslate_list (self, gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget)));
  else if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    retranslate_menu (self, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  else if (GTK_IS_POPOVER_MENU (widget) && gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget)))
    retranslate_menu (self, gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    tc_retranslator_apply (self, child);
}
