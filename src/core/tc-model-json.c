/* tc-model-json.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-api-error.h"
#include "tc-model-json-private.h"

gboolean
_tc_json_get_date_time (JsonObject   *object,
                        const char   *member,
                        TcJsonFlags   flags,
                        GDateTime   **out_value,
                        GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  *out_value = NULL;
  if (!_tc_json_get_string (object, member, flags, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *out_value = g_date_time_new_from_iso8601 (text, utc);
  if (*out_value == NULL)
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "Member “%s” is not an ISO-8601 time", member);
      return FALSE;
    }
  return TRUE;
}

GListModel *
_tc_json_decode_list (JsonArray         *array,
                      GType              item_type,
                      TcJsonDecodeFunc   decode,
                      const char        *what,
                      GError           **error)
{
  g_autoptr(GListStore) store = g_list_store_new (item_type);

  g_assert (array != NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GObject) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "%s %u is not an object", what, i);
          return NULL;
        }
      item = decode (json_node_get_object (element), error);
      if (item == NULL)
        {
          g_prefix_error (error, "%s %u: ", what, i);
          return NULL;
        }
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

void
_tc_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  /* volatile so the compiler keeps the stores to memory about to be freed. */
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}
