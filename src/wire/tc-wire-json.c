/* tc-wire-json.c — bounds on JSON text, checked before any parser sees it
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib recurses once per nesting level and ends a string at U+0000
 * without a word. Both sides of the API run these linear scans first: the
 * service on every request body, the app on every answer.
 */

#include "config.h"

#include <string.h>

#include "tc-wire.h"

G_DEFINE_QUARK (tc-wire-error-quark, tc_wire_error)

/* Skips the string starting at data[*i] == '"'; leaves *i on its closing
 * quote, or at @len when it is not closed. Counts each \u0000 escape in
 * *@n_nul and rewrites it as \u0001 in @writable, when they are given. */
static void
skip_string (const char *data,
             gsize       len,
             gsize      *i,
             char       *writable,
             gsize      *n_nul)
{
  gsize p = *i + 1;

  while (p < len && data[p] != '"')
    {
      if (data[p] != '\\')
        {
          p++;
          continue;
        }
      /* An escape: \X, or \uXXXX. */
      if (p + 5 < len && data[p + 1] == 'u' && memcmp (data + p + 2, "0000", 4) == 0)
        {
          if (n_nul != NULL)
            (*n_nul)++;
          if (writable != NULL)
            writable[p + 5] = '1';
        }
      p += 2;
    }
  *i = p;
}

gboolean
tc_wire_json_check_depth (const char  *data,
                          gsize        len,
                          guint        max_depth,
                          GError     **error)
{
  guint depth = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  for (gsize i = 0; i < len; i++)
    {
      switch (data[i])
        {
        case '"':
          skip_string (data, len, &i, NULL, NULL);
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, TC_WIRE_ERROR, TC_WIRE_ERROR_TOO_DEEP,
                           "JSON nested deeper than %u levels", max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          /* Unbalanced text is the parser's to refuse. */
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

gsize
tc_wire_json_replace_nul_escapes (char  *data,
                                  gsize  len)
{
  gsize n = 0;

  g_return_val_if_fail (data != NULL || len == 0, 0);

  for (gsize i = 0; i < len; i++)
    if (data[i] == '"')
      skip_string (data, len, &i, data, &n);
  return n;
}
