/* tc-json-private.h — strict, hand-written JSON member access
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every decoder in src/core reads members through these, so a wrong type or
 * a missing required member becomes a TC_API_ERROR_INVALID_RESPONSE naming
 * the member, never a crash or a json-glib critical.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  TC_JSON_REQUIRED = 0,       /* must be present and non-null */
  TC_JSON_OPTIONAL = 1 << 0,  /* may be absent */
  TC_JSON_NULLABLE = 1 << 1,  /* may be null */
} TcJsonFlags;

#define TC_JSON_LENIENT (TC_JSON_OPTIONAL | TC_JSON_NULLABLE)

/* What a decoder that reads the text itself (tc-member-page-json.c) found
 * under a member's name. */
typedef enum {
  TC_JSON_FOUND_ABSENT,
  TC_JSON_FOUND_NULL,
  TC_JSON_FOUND_EXPECTED,  /* the type asked for */
  TC_JSON_FOUND_OTHER,     /* any other type */
} TcJsonFound;

/* The rules (and the messages) of the getters below for a member found as
 * @found: FALSE with @error set when that breaks @flags or the member is
 * not @expected ("a string", "a list"…). */
gboolean _tc_json_check_found (const char   *member,
                               TcJsonFound   found,
                               TcJsonFlags   flags,
                               const char   *expected,
                               GError      **error);

gboolean _tc_json_get_string  (JsonObject   *object,
                               const char   *member,
                               TcJsonFlags   flags,
                               char        **out_value,
                               GError      **error);
gboolean _tc_json_get_boolean (JsonObject   *object,
                               const char   *member,
                               TcJsonFlags   flags,
                               gboolean     *out_value,
                               GError      **error);
gboolean _tc_json_get_int     (JsonObject   *object,
                               const char   *member,
                               TcJsonFlags   flags,
                               gint64       *out_value,
                               GError      **error);
gboolean _tc_json_get_double  (JsonObject   *object,
                               const char   *member,
                               TcJsonFlags   flags,
                               double       *out_value,
                               GError      **error);
/* @out_value is borrowed from @object (NULL when absent or null). */
gboolean _tc_json_get_object  (JsonObject   *object,
                               const char   *member,
                               TcJsonFlags   flags,
                               JsonObject  **out_value,
                               GError      **error);
gboolean _tc_json_get_array   (JsonObject   *object,
                               const char   *member,
                               TcJsonFlags   flags,
                               JsonArray   **out_value,
                               GError      **error);
/* A list of strings; every element must be a string. */
gboolean _tc_json_get_strv    (JsonObject   *object,
                               const char   *member,
                               TcJsonFlags   flags,
                               char       ***out_value,
                               GError      **error);

/* Parses @bytes as a JSON document whose root must be an object. */
JsonObject *_tc_json_parse_object (GBytes  *bytes,
                                   GError **error);
JsonNode   *_tc_json_parse        (GBytes  *bytes,
                                   GError **error);
GBytes     *_tc_json_to_bytes     (JsonNode *node);

G_END_DECLS
