/* test-translations.c — the shipped translations reach the screen
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile's language is applied through LANGUAGE before anything is
 * translated (src/main.c); this checks that doing so with the catalogs the
 * build made really changes the strings people see, and that a language
 * without a catalog falls back to English rather than to a mix.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

static const char *
translate (const char *language,
           const char *msgid)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext caches per LANGUAGE; setting the locale again resets it. */
  setlocale (LC_ALL, "");
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

/* Every language in po/LINGUAS is on screen in that language. */
static void
test_shipped_languages (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("TC_SOURCE_PODIR"), "LINGUAS", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *language = g_strstrip (lines[i]);
      const char *welcome, *sign_in;

      if (language[0] == '\0' || language[0] == '#')
        continue;

      welcome = translate (language, "Welcome to Timecard");
      sign_in = g_dpgettext2 (GETTEXT_PACKAGE, "button", "_Sign In");
      g_test_message ("%s: %s / %s", language, welcome, sign_in);
      g_assert_cmpstr (welcome, !=, "Welcome to Timecard");
      g_assert_cmpstr (sign_in, !=, "_Sign In");
      g_assert_true (g_utf8_validate (welcome, -1, NULL));
      checked++;
    }

  g_test_message ("%u languages checked", checked);
}

/* A language Timecard has no catalog for is English, not a mix. */
static void
test_missing_language (void)
{
  g_assert_cmpstr (translate ("xx", "Welcome to Timecard"), ==, "Welcome to Timecard");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "button", "_Sign In"), ==, "_Sign In");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The catalogs the build compiled, not an installed copy. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TC_BUILD_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/translations/shipped-languages", test_shipped_languages);
  g_test_add_func ("/translations/missing-language", test_missing_language);

  return g_test_run ();
}
