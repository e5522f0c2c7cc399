/* tc-member-page-reference.c — the json-glib way to decode a page of members
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-member.h"
#include "tc-member-page-reference.h"

/* decode_page() of tc-member-list-pages.c before issue 13. */
static GPtrArray *
decode_page (JsonNode  *body,
             GError   **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "The workspace's users are not a list");
      return NULL;
    }
  array = json_node_get_array (body);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      TcMember *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                       "user %u is not an object", i);
          return NULL;
        }
      member = tc_member_new_from_json (json_node_get_object (node), error);
      if (member == NULL)
        {
          g_prefix_error (error, "user %u: ", i);
          return NULL;
        }
      g_ptr_array_add (members, member);
    }
  return g_steal_pointer (&members);
}

GPtrArray *
tc_member_page_reference_decode (const char  *data,
                                 gsize        size,
                                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) body = NULL;

  /* The client hands an empty answer to the decoder as a NULL body. */
  if (size == 0)
    return decode_page (NULL, error);

  bytes = g_bytes_new (data, size);
  body = _tc_json_parse (bytes, error);
  if (body == NULL)
    return NULL;
  return decode_page (body, error);
}

char *
tc_member_page_compare (GPtrArray *a,
                        GPtrArray *b)
{
  if (a->len != b->len)
    return g_strdup_printf ("%u members against %u", a->len, b->len);

  for (guint i = 0; i < a->len; i++)
    {
      TcMember *x = g_ptr_array_index (a, i);
      TcMember *y = g_ptr_array_index (b, i);

#define SAME_STRING(getter) \
      if (g_strcmp0 (getter (x), getter (y)) != 0) \
        return g_strdup_printf ("member %u: %s: “%s” against “%s”", i, #getter, \
                                getter (x) ?: "(null)", getter (y) ?: "(null)");
      SAME_STRING (tc_member_get_id)
      SAME_STRING (tc_member_get_email)
      SAME_STRING (tc_member_get_name)
      SAME_STRING (tc_member_get_profile_picture)
      SAME_STRING (tc_member_get_display_name)
      SAME_STRING (tc_member_get_sort_key)
      SAME_STRING (tc_member_get_search_key)
#undef SAME_STRING
      if (tc_member_get_status (x) != tc_member_get_status (y))
        return g_strdup_printf ("member %u: status %d against %d", i,
                                tc_member_get_status (x), tc_member_get_status (y));
      if (tc_member_get_role (x) != tc_member_get_role (y))
        return g_strdup_printf ("member %u: role %d against %d", i,
                                tc_member_get_role (x), tc_member_get_role (y));
    }
  return NULL;
}
