/* tc-json-scan-private.h — reading the tokens of a JSON text
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
  const char   *syntax_error;   /* set: the text is not JSON, at p */
  GString      *scratch;        /* a string with escapes, decoded */
} TcJsonScan;

static inline gboolean
_tc_json_scan_is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline void
_tc_json_scan_skip_space (TcJsonScan *d)
{
  while (d->p < d->end && (*d->p == ' ' || *d->p == '\n' || *d->p == '\r' || *d->p == '\t'))
    d->p++;
}

gboolean _tc_json_scan_fail    (TcJsonScan   *d,
                                const char   *message);
/* Reads the string whose opening quote was just passed; d->p ends after
 * its closing quote. With @decode, *@out is its text (in the text, or in
 * d->scratch when it had escapes; it may hold U+0000), *@out_len its
 * length. */
gboolean _tc_json_scan_string  (TcJsonScan   *d,
                                gboolean      decode,
                                const char  **out,
                                gsize        *out_len);
gboolean _tc_json_scan_number  (TcJsonScan   *d);
gboolean _tc_json_scan_literal (TcJsonScan   *d,
                                const char   *word,
                                gsize         len);

G_END_DECLS
