/* tc-language.h — the languages of the profile and their translations
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *code;     /* the profile's `lang`, "FR" */
  const char *catalog;  /* the po/ file, "fr"; NULL for English */
  const char *native;   /* the name in the language itself, "Français" */
  const char *english;  /* marked for translation, context "language" */
} TcLanguage;

const TcLanguage *tc_language_get_all        (guint       *n_languages);
const TcLanguage *tc_language_lookup         (const char  *code);
/* Where the catalogs are: $TIMECARD_LOCALEDIR (the build tree's po/
 * under `meson devenv`) or the installed LOCALEDIR. */
const char       *tc_language_get_localedir  (void);
/* setlocale(), bindtextdomain() and textdomain() for the whole app. */
void              tc_language_init_gettext   (void);
/* Whether a catalog for @language is there to be loaded; English is. */
gboolean          tc_language_is_translated  (const TcLanguage *language);
/* Sets LANGUAGE for a profile `lang` ("PT" → "pt_BR:pt", "" or an
 * unknown code → the system's languages) and makes gettext read its
 * catalogs again. Returns whether the languages changed. */
gboolean          tc_language_apply          (const char  *code);

G_END_DECLS
