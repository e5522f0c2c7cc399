/* tc-language-table.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The languages "Add a Translation…" offers, and the starter catalog it
 * writes. The plural rules are the ones `msginit` writes: its own table
 * (gettext's plural-table.c) and, for the languages that table leaves
 * out (Arabic, Chinese, Welsh…), the CLDR's rules as its cldr-plurals
 * turns them into an expression; tests/ui/test-add-translation.c runs
 * msginit for each and compares.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "tc-language-table.h"

#define ONE_FORM    "nplurals=1; plural=0;"
#define NOT_ONE     "nplurals=2; plural=(n != 1);"
#define ABOVE_ONE   "nplurals=2; plural=(n > 1);"
#define SLAVIC      "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
#define CZECH       "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"

/* Sorted by code. The names are not translated: the English one is the
 * name a translator searches for in any interface language, the other
 * the name in the language itself. */
static const TcLanguageInfo table[] = {
  { "ar",    "Arabic",               "العربية",
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5);" },
  { "be",    "Belarusian",           "Беларуская",            SLAVIC },
  { "bg",    "Bulgarian",            "Български",             NOT_ONE },
  { "ca",    "Catalan",              "Català",                NOT_ONE },
  { "cs",    "Czech",                "Čeština",               CZECH },
  { "cy",    "Welsh",                "Cymraeg",
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);" },
  { "da",    "Danish",               "Dansk",                 NOT_ONE },
  { "de",    "German",               "Deutsch",               NOT_ONE },
  { "el",    "Greek",                "Ελληνικά",              NOT_ONE },
  { "en_GB", "English (United Kingdom)", "English (United Kingdom)", NOT_ONE },
  { "eo",    "Esperanto",            "Esperanto",             NOT_ONE },
  { "es",    "Spanish",              "Español",               NOT_ONE },
  { "et",    "Estonian",             "Eesti",                 NOT_ONE },
  { "eu",    "Basque",               "Euskara",               NOT_ONE },
  { "fi",    "Finnish",              "Suomi",                 NOT_ONE },
  { "fr",    "French",               "Français",              ABOVE_ONE },
  { "ga",    "Irish",                "Gaeilge",               "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;" },
  { "gl",    "Galician",             "Galego",                NOT_ONE },
  { "he",    "Hebrew",               "עברית",                 NOT_ONE },
  { "hr",    "Croatian",             "Hrvatski",              SLAVIC },
  { "hu",    "Hungarian",            "Magyar",                NOT_ONE },
  { "id",    "Indonesian",           "Bahasa Indonesia",      ONE_FORM },
  { "it",    "Italian",              "Italiano",              NOT_ONE },
  { "ja",    "Japanese",             "日本語",                ONE_FORM },
  { "ka",    "Georgian",             "ქართული",               NOT_ONE },
  { "kk",    "Kazakh",               "Қазақ тілі",            NOT_ONE },
  { "ko",    "Korean",               "한국어",                ONE_FORM },
  { "lt",    "Lithuanian",           "Lietuvių",
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);" },
  { "lv",    "Latvian",              "Latviešu",
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);" },
  { "nb",    "Norwegian Bokmål",     "Norsk bokmål",          NOT_ONE },
  { "nl",    "Dutch",                "Nederlands",            NOT_ONE },
  { "nn",    "Norwegian Nynorsk",    "Norsk nynorsk",         NOT_ONE },
  { "pl",    "Polish",               "Polski",
    "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);" },
  { "pt",    "Portuguese (Portugal)", "Português (Portugal)", NOT_ONE },
  { "pt_BR", "Brazilian Portuguese", "Português (Brasil)",    ABOVE_ONE },
  { "ro",    "Romanian",             "Română",
    "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;" },
  { "ru",    "Russian",              "Русский",               SLAVIC },
  { "sk",    "Slovak",               "Slovenčina",            CZECH },
  { "sl",    "Slovenian",            "Slovenščina",
    "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);" },
  { "sq",    "Albanian",             "Shqip",                 NOT_ONE },
  { "sr",    "Serbian",              "Српски",                SLAVIC },
  { "sv",    "Swedish",              "Svenska",               NOT_ONE },
  { "ta",    "Tamil",                "தமிழ்",                 NOT_ONE },
  { "te",    "Telugu",               "తెలుగు",                NOT_ONE },
  { "th",    "Thai",                 "ไทย",                   ONE_FORM },
  { "tr",    "Turkish",              "Türkçe",                NOT_ONE },
  { "uk",    "Ukrainian",            "Українська",            SLAVIC },
  { "vi",    "Vietnamese",           "Tiếng Việt",            ONE_FORM },
  { "zh_CN", "Chinese (Simplified)", "简体中文",              ONE_FORM },
  { "zh_TW", "Chinese (Traditional)", "繁體中文",             ONE_FORM },
};

const TcLanguageInfo *
tc_language_table_get (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (table);
  return table;
}

const TcLanguageInfo *
tc_language_table_lookup (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].code, code))
      return &table[i];
  return NULL;
}

char *
tc_language_table_find_template (void)
{
  const char *dir = g_getenv ("TIMECARD_LOCALEDIR");
  char *path;

  if (dir != NULL && dir[0] != '\0')
    {
      path = g_build_filename (dir, GETTEXT_PACKAGE ".pot", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }
  return g_build_filename (PKGDATADIR, GETTEXT_PACKAGE ".pot", NULL);
}

/* The value of @field in the template's header ("Timecard 1.0"), or "". */
static char *
header_field (const char *header,
              const char *field)
{
  g_autofree char *key = g_strdup_printf ("\"%s: ", field);
  const char *start = strstr (header, key);
  const char *end;

  if (start == NULL)
    return g_strdup ("");
  start += strlen (key);
  end = strstr (start, "\\n\"");
  return end != NULL ? g_strndup (start, end - start) : g_strdup ("");
}

static guint
count_plurals (const char *plural_forms)
{
  const char *n = strstr (plural_forms, "nplurals=");

  return n != NULL ? (guint) g_ascii_strtoull (n + strlen ("nplurals="), NULL, 10) : 2;
}

char *
tc_language_table_make_po (const TcLanguageInfo  *info,
                           const char            *template_text,
                           GDateTime             *now,
                           GError               **error)
{
  g_autoptr(GString) po = g_string_new (NULL);
  g_autofree char *header = NULL;
  g_autofree char *project = NULL;
  g_autofree char *bugs = NULL;
  g_autofree char *created = NULL;
  g_autofree char *revised = NULL;
  g_auto(GStrv) lines = NULL;
  const char *start = strstr (template_text, "msgid \"\"\nmsgstr \"\"\n");
  const char *body;
  guint n_plurals = count_plurals (info->plural_forms);
  int year = g_date_time_get_year (now);

  body = start != NULL ? strstr (start, "\n\n") : NULL;
  if (body == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The template has no header entry");
      return NULL;
    }
  header = g_strndup (start, body - start);
  project = header_field (header, "Project-Id-Version");
  bugs = header_field (header, "Report-Msgid-Bugs-To");
  created = header_field (header, "POT-Creation-Date");
  revised = g_date_time_format (now, "%Y-%m-%d %H:%M%z");

  /* As msginit --no-translator writes it. */
  g_string_append_printf (po,
                          "# %s translations for Timecard.\n"
                          "# Copyright (C) %d The Timecard developers\n"
                          "# This file is distributed under the same license as the Timecard package.\n"
                          "# Automatically generated, %d.\n"
                          "#\n"
                          "msgid \"\"\n"
                          "msgstr \"\"\n"
                          "\"Project-Id-Version: %s\\n\"\n"
                          "\"Report-Msgid-Bugs-To: %s\\n\"\n"
                          "\"POT-Creation-Date: %s\\n\"\n"
                          "\"PO-Revision-Date: %s\\n\"\n"
                          "\"Last-Translator: Automatically generated\\n\"\n"
                          "\"Language-Team: none\\n\"\n"
                          "\"Language: %s\\n\"\n"
                          "\"MIME-Version: 1.0\\n\"\n"
                          "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                          "\"Content-Transfer-Encoding: 8bit\\n\"\n"
                          "\"Plural-Forms: %s\\n\"\n",
                          info->english, year, year, project, bugs, created, revised,
                          info->code, info->plural_forms);

  /* The messages as they are, with as many plural forms as the
   * language has. */
  lines = g_strsplit (body + 1, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "msgstr[0] \"\""))
        {
          for (guint k = 0; k < n_plurals; k++)
            g_string_append_printf (po, "msgstr[%u] \"\"\n", k);
          continue;
        }
      if (g_str_has_prefix (lines[i], "msgstr[") && g_str_has_suffix (lines[i], "] \"\""))
        continue;
      g_string_append (po, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (po, '\n');
    }

  return g_string_free (g_steal_pointer (&po), FALSE);
}
