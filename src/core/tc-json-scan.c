/* tc-json-scan.c — reading the tokens of a JSON text (RFC 8259)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The strings, numbers and literals of tc-member-page-json.c's scanner,
 * each validated as it is read: UTF-8 (RFC 3629), escapes and surrogate
 * pairs, numbers as RFC 8259 writes them. A failure sets the scan's
 * syntax_error and returns FALSE.
 */

#include "config.h"

#include <string.h>

#include "tc-json-scan-private.h"

/* Bytes that stand for themselves in a string: printable ASCII but '"'
 * and '\\'. */
static const guint8 plain[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

gboolean
_tc_json_scan_fail (TcJsonScan *d,
                    const char *message)
{
  d->syntax_error = message;
  return FALSE;
}

/* The length of the UTF-8 sequence at @p (RFC 3629: no overlong forms,
 * no surrogates, nothing past U+10FFFF), or 0. */
static gsize
utf8_length (const guchar *p,
             const guchar *end)
{
  gsize avail = end - p;
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xbf;

#define CONT(b) ((b) >= 0x80 && (b) <= 0xbf)
  if (c >= 0xc2 && c <= 0xdf)
    return avail >= 2 && CONT (p[1]) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef)
    {
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
      return avail >= 3 && p[1] >= lo && p[1] <= hi && CONT (p[2]) ? 3 : 0;
    }
  if (c >= 0xf0 && c <= 0xf4)
    {
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
      return avail >= 4 && p[1] >= lo && p[1] <= hi && CONT (p[2]) && CONT (p[3]) ? 4 : 0;
    }
#undef CONT
  return 0;
}

/* Four hex digits at @p (before @end), or -1. */
static int
read_hex4 (const guchar *p,
           const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads the string whose opening quote was just passed; d->p ends after
 * its closing quote. With @decode, *@out is its text (in the page, or in
 * d->scratch when it had escapes; it may hold U+0000), *@out_len its
 * length. */
gboolean
_tc_json_scan_string (TcJsonScan   *d,
                      gboolean      decode,
                      const char  **out,
                      gsize        *out_len)
{
  const guchar *p = d->p;
  const guchar *end = d->end;
  const guchar *run = p;
  gboolean escaped = FALSE;

  for (;;)
    {
      guchar c;

      while (p < end && plain[*p])
        p++;
      if (p >= end)
        return _tc_json_scan_fail (d, "a string is not closed");
      c = *p;
      if (c == '"')
        break;
      if (c < 0x20)
        {
          d->p = p;
          return _tc_json_scan_fail (d, "a control character in a string");
        }
      if (c >= 0x80)
        {
          gsize n = utf8_length (p, end);

          if (n == 0)
            {
              d->p = p;
              return _tc_json_scan_fail (d, "a string is not UTF-8");
            }
          p += n;
          continue;
        }

      /* An escape. */
      if (decode)
        {
          if (!escaped)
            g_string_truncate (d->scratch, 0);
          escaped = TRUE;
          g_string_append_len (d->scratch, (const char *) run, p - run);
        }
      d->p = p;
      if (++p >= end)
        return _tc_json_scan_fail (d, "a string is not closed");
      switch (*p++)
        {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
          {
            int unit = read_hex4 (p, end);
            gunichar ch;

            if (unit < 0)
              return _tc_json_scan_fail (d, "a \\u escape without four hex digits");
            p += 4;
            ch = unit;
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return _tc_json_scan_fail (d, "a lone low surrogate");
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = end - p >= 6 && p[0] == '\\' && p[1] == 'u' ? read_hex4 (p + 2, end) : -1;

                if (low < 0xdc00 || low > 0xdfff)
                  return _tc_json_scan_fail (d, "a lone high surrogate");
                p += 6;
                ch = 0x10000 + (((gunichar) unit - 0xd800) << 10) + ((gunichar) low - 0xdc00);
              }
            if (decode)
              g_string_append_unichar (d->scratch, ch);
            run = p;
            continue;
          }
        default:
          return _tc_json_scan_fail (d, "an unknown escape in a string");
        }
      if (decode)
        g_string_append_c (d->scratch, c);
      run = p;
    }

  if (decode && escaped)
    {
      g_string_append_len (d->scratch, (const char *) run, p - run);
      *out = d->scratch->str;
      *out_len = d->scratch->len;
    }
  else if (decode)
    {
      *out = (const char *) d->p;
      *out_len = p - d->p;
    }
  d->p = p + 1;
  return TRUE;
}

/* RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
gboolean
_tc_json_scan_number (TcJsonScan *d)
{
  const guchar *p = d->p;
  const guchar *end = d->end;

  if (*p == '-')
    p++;
  if (p < end && *p == '0')
    p++;
  else if (p < end && *p >= '1' && *p <= '9')
    while (p < end && _tc_json_scan_is_digit (*p))
      p++;
  else
    return _tc_json_scan_fail (d, "a number without digits");
  if (p < end && *p == '.')
    {
      if (++p >= end || !_tc_json_scan_is_digit (*p))
        return _tc_json_scan_fail (d, "a number without digits after its point");
      while (p < end && _tc_json_scan_is_digit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !_tc_json_scan_is_digit (*p))
        return _tc_json_scan_fail (d, "a number without digits in its exponent");
      while (p < end && _tc_json_scan_is_digit (*p))
        p++;
    }
  d->p = p;
  return TRUE;
}

gboolean
_tc_json_scan_literal (TcJsonScan *d,
                       const char *word,
                       gsize       len)
{
  if ((gsize) (d->end - d->p) < len || memcmp (d->p, word, len) != 0)
    return _tc_json_scan_fail (d, "an unknown word");
  d->p += len;
  return TRUE;
}
