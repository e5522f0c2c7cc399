/* tc-session-edit.c — the values an edit is made of
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The value helpers of the outbox (tc-session-sync.c): a JSON null and a
 * missing member are the same "no value", and values reach the UI's
 * conflict signal as GVariants.
 */

#include "config.h"

#include "tc-session-private.h"

gboolean
_tc_json_node_equal (JsonNode *a,
                     JsonNode *b)
{
  if (a != NULL && JSON_NODE_HOLDS_NULL (a))
    a = NULL;
  if (b != NULL && JSON_NODE_HOLDS_NULL (b))
    b = NULL;
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

JsonNode *
_tc_json_node_dup_value (JsonNode *node)
{
  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_copy (node) : NULL;
}

GVariant *
_tc_json_node_to_variant (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_variant_new_boolean (json_node_get_boolean (node));
    case G_TYPE_INT64:
      return g_variant_new_int64 (json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_variant_new_double (json_node_get_double (node));
    case G_TYPE_STRING:
      /* json-glib lets "\ud800" (a lone surrogate) through as bytes that
       * are not UTF-8; a damaged cache or a server may hold one. */
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        return g_variant_new_take_string (g_utf8_make_valid (json_node_get_string (node), -1));
      return g_variant_new_string (json_node_get_string (node));
    default:
      return g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL);
    }
}
