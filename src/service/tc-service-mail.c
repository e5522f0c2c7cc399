/* tc-service-mail.c — notifications as RFC 5322 messages in a maildir
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message is written to DIR/tmp/ and renamed into DIR/new/, so a reader
 * never sees half a message. Without a maildir, mail is dropped (debug log).
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tc-service-private.h"

#define MAIL_FROM "Timecard <no-reply@timecard-service.invalid>"
#define ENCODED_CHUNK_BYTES 45

static gboolean
needs_encoding (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x7f || (guchar) *p < 0x20 || *p == '"' || *p == '=' || *p == '?')
      return TRUE;
  return FALSE;
}

/* RFC 2047 encoded words, split at character boundaries. */
static char *
encode_header_text (const char *text)
{
  GString *out;
  const char *p = text;

  if (!needs_encoding (text))
    return g_strdup (text);

  out = g_string_new (NULL);
  while (*p)
    {
      const char *end = p;
      g_autofree char *b64 = NULL;

      while (*end && end - p < ENCODED_CHUNK_BYTES)
        end = g_utf8_next_char (end);
      b64 = g_base64_encode ((const guchar *) p, end - p);
      g_string_append_printf (out, "%s=?UTF-8?B?%s?=", out->len ? "\r\n " : "", b64);
      p = end;
    }
  return g_string_free (out, FALSE);
}

/* RFC 5322 date with English names, whatever the locale. */
static char *
format_date (GDateTime *now)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d +0000",
                          days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now),
                          months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now),
                          g_date_time_get_hour (now),
                          g_date_time_get_minute (now),
                          g_date_time_get_second (now));
}

/* LF → CRLF, as the format wants. */
static void
append_crlf (GString    *out,
             const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
}

static char *
build_message (const char *unique,
               const char *to_name,
               const char *to_email,
               const char *subject,
               const char *body)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = format_date (now);
  g_autofree char *enc_name = encode_header_text (to_name ? to_name : "");
  g_autofree char *enc_subject = encode_header_text (subject);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "Date: %s\r\n", date);
  g_string_append (out, "From: " MAIL_FROM "\r\n");
  if (to_name != NULL && to_name[0] != '\0')
    g_string_append_printf (out, "To: %s <%s>\r\n", enc_name, to_email);
  else
    g_string_append_printf (out, "To: <%s>\r\n", to_email);
  g_string_append_printf (out, "Subject: %s\r\n", enc_subject);
  g_string_append_printf (out, "Message-ID: <%s@timecard-service.invalid>\r\n", unique);
  g_string_append (out, "MIME-Version: 1.0\r\n"
                        "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: 8bit\r\n"
                        "\r\n");
  append_crlf (out, body);
  if (out->len < 2 || strcmp (out->str + out->len - 2, "\r\n") != 0)
    g_string_append (out, "\r\n");
  return g_string_free (out, FALSE);
}

static gboolean
ensure_maildir (const char  *maildir,
                GError     **error)
{
  static const char * const subdirs[] = { "tmp", "new", "cur" };

  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (maildir, subdirs[i], NULL);

      if (g_mkdir_with_parents (path, 0700) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       "Cannot create %s: %s", path, g_strerror (errno));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_tc_mail_send (TcService   *self,
               const char  *to_name,
               const char  *to_email,
               const char  *subject,
               const char  *body,
               GError     **error)
{
  g_autofree char *id = _tc_new_id ();
  g_autofree char *unique = NULL;
  g_autofree char *message = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *new_path = NULL;

  if (self->maildir == NULL)
    {
      g_debug ("No maildir set; dropping the mail \"%s\"", subject);
      return TRUE;
    }
  if (!ensure_maildir (self->maildir, error))
    return FALSE;

  unique = g_strdup_printf ("%" G_GINT64_FORMAT ".%s", g_get_real_time (), id);
  message = build_message (unique, to_name, to_email, subject, body);
  tmp_path = g_build_filename (self->maildir, "tmp", unique, NULL);
  new_path = g_build_filename (self->maildir, "new", unique, NULL);

  if (!g_file_set_contents_full (tmp_path, message, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  if (g_rename (tmp_path, new_path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot move %s: %s",
                   tmp_path, g_strerror (errno));
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}
