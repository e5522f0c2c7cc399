/* tc-language-table.h — languages a translation can be started for
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *code;          /* gettext's name, the po/ file: "pl", "zh_CN" */
  const char *english;       /* "Polish" */
  const char *native;        /* "Polski" */
  const char *plural_forms;  /* the Plural-Forms header msginit writes */
} TcLanguageInfo;

const TcLanguageInfo *tc_language_table_get          (guint                 *n_languages);
const TcLanguageInfo *tc_language_table_lookup       (const char            *code);
/* The template (timecard.pot) the build made: next to the catalogs of
 * $TIMECARD_LOCALEDIR (the build tree), else where it is installed. */
char                 *tc_language_table_find_template (void);
/* The starter catalog for @info: the messages of @template, untouched,
 * under a header of its own (Language, UTF-8, Plural-Forms). */
char                 *tc_language_table_make_po      (const TcLanguageInfo  *info,
                                                      const char            *template_text,
                                                      GDateTime             *now,
                                                      GError               **error);

G_END_DECLS
