/* tc-json.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-api-error.h"
#include "tc-json-private.h"
#include "tc-wire.h"

gboolean
_tc_json_check_found (const char   *member,
                      TcJsonFound   found,
                      TcJsonFlags   flags,
                      const char   *expected,
                      GError      **error)
{
  switch (found)
    {
    case TC_JSON_FOUND_ABSENT:
      if (flags & TC_JSON_OPTIONAL)
        return TRUE;
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "Member “%s” is missing", member);
      return FALSE;

    case TC_JSON_FOUND_NULL:
      if (flags & TC_JSON_NULLABLE)
        return TRUE;
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "Member “%s” is null", member);
      return FALSE;

    case TC_JSON_FOUND_OTHER:
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "Member “%s” is not %s", member, expected);
      return FALSE;

    case TC_JSON_FOUND_EXPECTED:
    default:
      return TRUE;
    }
}

/* Looks @member up. Returns FALSE with @error set when the member breaks
 * @flags; returns TRUE with *out_node NULL when it is absent or null and
 * that is allowed. */
static gboolean
lookup_member (JsonObject   *object,
               const char   *member,
               TcJsonFlags   flags,
               JsonNode    **out_node,
               GError      **error)
{
  JsonNode *node;

  *out_node = NULL;

  node = object ? json_object_get_member (object, member) : NULL;
  if (node == NULL)
    return _tc_json_check_found (member, TC_JSON_FOUND_ABSENT, flags, NULL, error);
  if (JSON_NODE_HOLDS_NULL (node))
    return _tc_json_check_found (member, TC_JSON_FOUND_NULL, flags, NULL, error);

  *out_node = node;
  return TRUE;
}

static gboolean
wrong_type (const char  *member,
            const char  *expected,
            GError     **error)
{
  return _tc_json_check_found (member, TC_JSON_FOUND_OTHER, TC_JSON_REQUIRED, expected, error);
}

static gboolean
is_value_of_type (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
_tc_json_get_string (JsonObject   *object,
                     const char   *member,
                     TcJsonFlags   flags,
                     char        **out_value,
                     GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, member, flags, &node, error))
    return FALSE;

  if (node != NULL && !is_value_of_type (node, G_TYPE_STRING))
    return wrong_type (member, "a string", error);

  *out_value = node ? g_strdup (json_node_get_string (node)) : NULL;
  return TRUE;
}

gboolean
_tc_json_get_boolean (JsonObject   *object,
                      const char   *member,
                      TcJsonFlags   flags,
                      gboolean     *out_value,
                      GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, member, flags, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;
  if (!is_value_of_type (node, G_TYPE_BOOLEAN))
    return wrong_type (member, "a boolean", error);

  *out_value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_tc_json_get_int (JsonObject   *object,
                  const char   *member,
                  TcJsonFlags   flags,
                  gint64       *out_value,
                  GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, member, flags, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;
  if (!is_value_of_type (node, G_TYPE_INT64))
    return wrong_type (member, "an integer", error);

  *out_value = json_node_get_int (node);
  return TRUE;
}

gboolean
_tc_json_get_double (JsonObject   *object,
                     const char   *member,
                     TcJsonFlags   flags,
                     double       *out_value,
                     GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, member, flags, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;
  if (!is_value_of_type (node, G_TYPE_INT64) && !is_value_of_type (node, G_TYPE_DOUBLE))
    return wrong_type (member, "a number", error);

  *out_value = json_node_get_double (node);
  return TRUE;
}

gboolean
_tc_json_get_object (JsonObject   *object,
                     const char   *member,
                     TcJsonFlags   flags,
                     JsonObject  **out_value,
                     GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, member, flags, &node, error))
    return FALSE;

  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (member, "an object", error);

  *out_value = node ? json_node_get_object (node) : NULL;
  return TRUE;
}

gboolean
_tc_json_get_array (JsonObject   *object,
                    const char   *member,
                    TcJsonFlags   flags,
                    JsonArray   **out_value,
                    GError      **error)
{
  JsonNode *node;

  if (!lookup_member (object, member, flags, &node, error))
    return FALSE;

  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (member, "a list", error);

  *out_value = node ? json_node_get_array (node) : NULL;
  return TRUE;
}

gboolean
_tc_json_get_strv (JsonObject   *object,
                   const char   *member,
                   TcJsonFlags   flags,
                   char       ***out_value,
                   GError      **error)
{
  JsonArray *array = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (!_tc_json_get_array (object, member, flags, &array, error))
    return FALSE;

  if (array == NULL)
    {
      *out_value = NULL;
      return TRUE;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_value_of_type (element, G_TYPE_STRING))
        return wrong_type (member, "a list of strings", error);
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out_value = g_strv_builder_end (builder);
  return TRUE;
}

JsonNode *
_tc_json_parse (GBytes  *bytes,
                GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  /* json-glib recurses once per level: a hostile server could end the app
   * with one deeply nested answer, so the depth is bounded first. */
  if (data != NULL && !tc_wire_json_check_depth (data, size, TC_WIRE_JSON_MAX_DEPTH, NULL))
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The server sent something Timecard cannot read: "
                           "the answer is nested too deeply");
      return NULL;
    }
  if (data == NULL || size == 0 ||
      !json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                   "The answer is not valid JSON%s%s",
                   local_error ? ": " : "",
                   local_error ? local_error->message : "");
      return NULL;
    }

  /* json-glib loads white space as no value at all, without an error. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The answer is not valid JSON: it holds no value");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

JsonObject *
_tc_json_parse_object (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(JsonNode) root = _tc_json_parse (bytes, error);

  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                           "The answer is not a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

GBytes *
_tc_json_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}
