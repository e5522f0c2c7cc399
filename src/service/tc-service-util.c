/* tc-service-util.c — randomness, hashing, time and JSON helpers
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "tc-service-private.h"

/* The OS CSPRNG. There is no fallback: without getrandom() we cannot make
 * keys, and a service without keys must not run. */
void
_tc_random_bytes (guint8 *buf,
                  gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("getrandom() failed: %s", g_strerror (errno));
      done += (gsize) n;
    }
}

char *
_tc_new_id (void)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[TC_WIRE_ID_LENGTH / 2];
  char *id = g_malloc (TC_WIRE_ID_LENGTH + 1);

  _tc_random_bytes (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    {
      id[2 * i] = hex[bytes[i] >> 4];
      id[2 * i + 1] = hex[bytes[i] & 0xf];
    }
  id[TC_WIRE_ID_LENGTH] = '\0';
  return id;
}

/* @length characters of [A-Za-z0-9], uniform: bytes ≥ 248 are rejected so
 * that 248 = 4 × 62 maps evenly. */
char *
_tc_new_secret (guint length)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *secret = g_malloc (length + 1);
  guint filled = 0;

  while (filled < length)
    {
      guint8 buf[64];

      _tc_random_bytes (buf, sizeof buf);
      for (guint i = 0; i < sizeof buf && filled < length; i++)
        if (buf[i] < 248)
          secret[filled++] = alphabet[buf[i] % 62];
      memset (buf, 0, sizeof buf);
    }
  secret[length] = '\0';
  return secret;
}

char *
_tc_sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Compares two strings of equal length without an early exit. */
gboolean
_tc_const_time_equal (const char *a,
                      const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < la && i < lb; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

char *
_tc_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
_tc_json_set_nullable (JsonObject *obj,
                       const char *member,
                       const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, member, value);
  else
    json_object_set_null_member (obj, member);
}

JsonNode *
_tc_json_parse_data (const char *text,
                     gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* White space alone parses, with no root (json-glib 1.6). */
  if (text == NULL || !json_parser_load_from_data (parser, text, length, NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;
  return json_parser_steal_root (parser);
}

JsonNode *
_tc_json_parse_text (const char *text)
{
  return _tc_json_parse_data (text, -1);
}

/* TRUE when a stored custom field value (compact JSON text) is a plain
 * string (no escape, no control character), a whole number of at most 15
 * digits without leading zeros, true, false or null: json-glib parses it
 * into a node it writes back as the same text. */
gboolean
_tc_custom_value_is_plain (const char *text)
{
  gsize len = text ? strlen (text) : 0;

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    {
      for (gsize i = 1; i + 1 < len; i++)
        if ((guchar) text[i] < 0x20 || text[i] == '"' || text[i] == '\\' || text[i] == 0x7f)
          return FALSE;
      return g_utf8_validate (text + 1, len - 2, NULL);
    }
  if (len > 0 && len <= 15 && (g_ascii_isdigit (text[0]) || (text[0] == '-' && len > 1)))
    {
      for (gsize i = 1; i < len; i++)
        if (!g_ascii_isdigit (text[i]))
          return FALSE;
      return !(text[0] == '0' && len > 1) && !(text[0] == '-' && text[1] == '0');
    }
  return g_strcmp0 (text, "true") == 0 || g_strcmp0 (text, "false") == 0 ||
         g_strcmp0 (text, "null") == 0;
}

/* A custom field value as stored: plain ones (above) without a parser,
 * which is most of them; the rest through _tc_json_parse_text(). The nodes
 * are the ones the parser would build. */
JsonNode *
_tc_custom_value_node (const char *text)
{
  JsonNode *node;

  if (!_tc_custom_value_is_plain (text))
    return _tc_json_parse_text (text);
  if (text[0] == '"')
    {
      g_autofree char *inner = g_strndup (text + 1, strlen (text) - 2);

      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, inner);
    }
  else if (text[0] == 't' || text[0] == 'f')
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, text[0] == 't');
    }
  else if (text[0] == 'n')
    node = json_node_new (JSON_NODE_NULL);
  else
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (node, g_ascii_strtoll (text, NULL, 10));
    }
  return node;
}

/* Bytes json-glib's generator escapes: \\ and \" and 0x01-0x1e and 0x7f. */
static const guint8 needs_escape[256] = {
  [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
  [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
  [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1,
  [0x1d] = 1, [0x1e] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

/* Appends @text as a JSON string exactly as json-glib 1.6's generator
 * writes it (json_strescape(): \\ and \" escaped, \b \f \n \r \t, other
 * bytes 0x01-0x1e and 0x7f as \u00xx; 0x1f and UTF-8 as they are);
 * tests/service/test-service-team-pages.c checks every byte against the
 * installed json-glib. A text without any of those (nearly every one) is
 * copied at once. */
void
_tc_json_append_string (GString    *out,
                        const char *text)
{
  const char *run = text;
  const char *p = text;

  while (*p != '\0' && !needs_escape[(guchar) *p])
    p++;
  g_string_append_c (out, '"');
  _tc_string_append_len (out, run, p - run);
  if (*p == '\0')
    {
      g_string_append_c (out, '"');
      return;
    }
  run = p;
  for (; *p != '\0'; p++)
    {
      char c = *p;

      if (!needs_escape[(guchar) c])
        continue;
      _tc_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '\\': _TC_APPEND_LITERAL (out, "\\\\"); break;
        case '"': _TC_APPEND_LITERAL (out, "\\\""); break;
        case '\b': _TC_APPEND_LITERAL (out, "\\b"); break;
        case '\f': _TC_APPEND_LITERAL (out, "\\f"); break;
        case '\n': _TC_APPEND_LITERAL (out, "\\n"); break;
        case '\r': _TC_APPEND_LITERAL (out, "\\r"); break;
        case '\t': _TC_APPEND_LITERAL (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u00%.2x", (guint) c); break;
        }
    }
  _tc_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
_tc_json_append_nullable (GString    *out,
                          const char *text)
{
  if (text == NULL)
    _TC_APPEND_LITERAL (out, "null");
  else
    _tc_json_append_string (out, text);
}

char *
_tc_json_to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* The member as an object, or NULL when missing or of another type. */
JsonObject *
_tc_json_object_member (JsonObject *obj,
                        const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

gboolean
_tc_parse_query_int (const char *text,
                     gint64      fallback,
                     gint64      min,
                     gint64      max,
                     gint64     *out)
{
  char *end = NULL;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  errno = 0;
  *out = g_ascii_strtoll (text, &end, 10);
  return errno == 0 && end != text && *end == '\0' && *out >= min && *out <= max;
}

gboolean
_tc_page_offset (gint64  page_index,
                 gint64  size,
                 gint64 *out_offset)
{
  guint64 product;

  if (page_index < 0 || size < 0 ||
      !g_uint64_checked_mul (&product, (guint64) page_index, (guint64) size) ||
      product > G_MAXINT64)
    return FALSE;
  *out_offset = (gint64) product;
  return TRUE;
}
