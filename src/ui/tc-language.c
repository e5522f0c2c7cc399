/* tc-language.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile's `lang` selects a po/ catalog through LANGUAGE. glibc's
 * gettext reads LANGUAGE at each call but keeps the strings it already
 * looked up; setlocale() bumps the counter that throws them away, so a
 * change applies to the next gettext call without a restart.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "tc-language.h"

/* The languages the server accepts as `lang`, in the order offered.
 * Clockify's Portuguese is Brazilian Portuguese. */
static const TcLanguage languages[] = {
  { "EN", NULL,    "English",            NC_("language", "English") },
  { "DE", "de",    "Deutsch",            NC_("language", "German") },
  { "ES", "es",    "Español",            NC_("language", "Spanish") },
  { "FR", "fr",    "Français",           NC_("language", "French") },
  { "IT", "it",    "Italiano",           NC_("language", "Italian") },
  { "JA", "ja",    "日本語",             NC_("language", "Japanese") },
  { "KO", "ko",    "한국어",             NC_("language", "Korean") },
  { "NL", "nl",    "Nederlands",         NC_("language", "Dutch") },
  { "PL", "pl",    "Polski",             NC_("language", "Polish") },
  { "PT", "pt_BR", "Português (Brasil)", NC_("language", "Brazilian Portuguese") },
  { "RU", "ru",    "Русский",            NC_("language", "Russian") },
};

/* LANGUAGE as the session had it, for "the system's language". */
static char *system_language;
static gboolean system_language_saved;

const TcLanguage *
tc_language_get_all (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

const TcLanguage *
tc_language_lookup (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (languages); i++)
    {
      /* "pt-BR" and "PT_BR" are the same Portuguese as "PT". */
      gsize len = strlen (languages[i].code);

      if (g_ascii_strncasecmp (languages[i].code, code, len) == 0 &&
          (code[len] == '\0' ||
           ((code[len] == '-' || code[len] == '_') && g_str_equal (languages[i].code, "PT") &&
            g_ascii_strcasecmp (code + len + 1, "BR") == 0)))
        return &languages[i];
    }

  return NULL;
}

const char *
tc_language_get_localedir (void)
{
  const char *dir = g_getenv ("TIMECARD_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

static void
save_system_language (void)
{
  if (system_language_saved)
    return;
  system_language = g_strdup (g_getenv ("LANGUAGE"));
  system_language_saved = TRUE;
}

void
tc_language_init_gettext (void)
{
  save_system_language ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, tc_language_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GLib decides once, at the first g_dgettext() with a domain (as
   * GtkBuilder and C_() make), whether to translate at all; in a locale
   * Timecard has no catalog for, after textdomain(), it says never, and a
   * language chosen later would not reach the templates. Before
   * textdomain() it says always. */
  g_dgettext (GETTEXT_PACKAGE, "");
  textdomain (GETTEXT_PACKAGE);
}

gboolean
tc_language_is_translated (const TcLanguage *language)
{
  g_autofree char *path = NULL;

  if (language->catalog == NULL)
    return TRUE;

  path = g_build_filename (tc_language_get_localedir (), language->catalog,
                           "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* "EN" → "en", "pt-BR" → "pt_BR": the names of the po/ files. */
static char *
language_variable (const char *code)
{
  const TcLanguage *language = tc_language_lookup (code);
  char *value;

  if (language != NULL)
    {
      if (language->catalog == NULL)
        return g_strdup ("en");
      if (strchr (language->catalog, '_') != NULL)
        return g_strdup_printf ("%s:%.2s", language->catalog, language->catalog);
      return g_strdup (language->catalog);
    }

  value = g_strdelimit (g_strdup (code), "-", '_');
  for (char *p = value; *p != '\0' && *p != '_'; p++)
    *p = g_ascii_tolower (*p);
  return value;
}

gboolean
tc_language_apply (const char *code)
{
  g_autofree char *value = NULL;
  const char *current = g_getenv ("LANGUAGE");

  save_system_language ();
  if (code != NULL && code[0] != '\0')
    value = language_variable (code);
  else
    value = g_strdup (system_language);

  if (g_strcmp0 (current, value) == 0)
    return FALSE;

  if (value != NULL)
    g_setenv ("LANGUAGE", value, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  /* Drops gettext's cache of looked-up strings (_nl_msg_cat_cntr). */
  setlocale (LC_MESSAGES, "");
  return TRUE;
}
