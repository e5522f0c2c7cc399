/* main.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include "tc-application.h"
#include "tc-language.h"
#include "tc-wire.h"

/* The profile's language, cached by the window whenever the server's
 * `lang` is known, selects the translation before anything is shown. */
static void
apply_cached_language (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *lang = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.timecard.Timecard", TRUE);
  if (schema == NULL)
    return;

  settings = g_settings_new ("io.github.timecard.Timecard");
  lang = g_settings_get_string (settings, "cached-language");
  if (tc_wire_validate_language (lang))
    tc_language_apply (lang);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TcApplication) app = NULL;

  /* $TIMECARD_LOCALEDIR, set by `meson devenv`, finds the catalogs of
   * the build tree. */
  tc_language_init_gettext ();
  apply_cached_language ();

  g_set_application_name (_("Timecard"));

  app = tc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
