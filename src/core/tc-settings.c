/* tc-settings.c — writing Timecard's GSettings without needless writes
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyfile backend (Flatpak's) writes its whole file, on the calling
 * thread, for each change it is given. These write only what changed,
 * and several keys in one write.
 */

#include "config.h"

#include "tc-settings.h"

/**
 * tc_settings_new_batch:
 * @settings: a #GSettings
 *
 * A twin of @settings (the same schema, backend and path) in delay-apply
 * mode: what is set on it reaches the backend in one write at
 * g_settings_apply(), and nothing is written when nothing was set. Delaying @settings itself would hold back, for
 * good, every later write anyone makes through it: GSettings has no way
 * out of delay-apply mode.
 *
 * Returns: (transfer full): the new #GSettings
 */
GSettings *
tc_settings_new_batch (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  GSettings *batch;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  g_object_get (settings, "settings-schema", &schema, "backend", &backend, "path", &path, NULL);
  batch = g_settings_new_full (schema, backend, path);
  g_settings_delay (batch);
  return batch;
}

/**
 * tc_settings_set_if_changed:
 * @settings: a #GSettings
 * @key: a key of its schema
 * @value: (transfer floating): the value to store
 *
 * Sets @key to @value unless it has that value already: setting the same
 * value again is still a change to GSettings, and a write to the backend.
 */
void
tc_settings_set_if_changed (GSettings  *settings,
                            const char *key,
                            GVariant   *value)
{
  g_autoptr(GVariant) old = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (key != NULL && value != NULL);

  old = g_settings_get_value (settings, key);
  g_variant_ref_sink (value);
  if (!g_variant_equal (old, value))
    g_settings_set_value (settings, key, value);
  g_variant_unref (value);
}
