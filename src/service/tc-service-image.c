/* tc-service-image.c — profile picture upload and serving
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The type comes from the magic bytes, never from the client's
 * Content-Type, and the dimensions from the PNG IHDR, JPEG SOF or WebP VP8
 * header, so a tiny file that decodes to a huge bitmap is refused.
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define IMAGE_MAX_SIDE      4096
#define IMAGE_MAX_PIXELS    (16u * 1024 * 1024)
#define MULTIPART_SLACK     (64 * 1024)
/* Per user, whichever is reached first; images that are not the user's
 * profile picture are deleted an hour after their upload. */
#define IMAGE_QUOTA_COUNT   20
#define IMAGE_QUOTA_BYTES   (20 * 1024 * 1024)
#define IMAGE_UNUSED_SECONDS 3600
#define IMAGE_PATH_MARK     "/files/images/"

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static gboolean
sniff_png (const guint8 *d, gsize len, guint *w, guint *h)
{
  static const guint8 sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len < 24 || memcmp (d, sig, 8) != 0 || memcmp (d + 12, "IHDR", 4) != 0)
    return FALSE;
  *w = be32 (d + 16);
  *h = be32 (d + 20);
  return TRUE;
}

/* Walks the marker segments up to the first start-of-frame. */
static gboolean
sniff_jpeg (const guint8 *d, gsize len, guint *w, guint *h)
{
  gsize pos = 2;

  if (len < 4 || d[0] != 0xff || d[1] != 0xd8)
    return FALSE;

  while (pos + 9 < len)
    {
      guint8 marker;
      gsize seg_len;

      if (d[pos] != 0xff)
        return FALSE;
      marker = d[pos + 1];
      if (marker == 0xff)
        {
          pos++;
          continue;
        }
      seg_len = ((gsize) d[pos + 2] << 8) | d[pos + 3];
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
          marker != 0xc8 && marker != 0xcc)
        {
          *h = (d[pos + 5] << 8) | d[pos + 6];
          *w = (d[pos + 7] << 8) | d[pos + 8];
          return TRUE;
        }
      if (seg_len < 2)
        return FALSE;
      pos += 2 + seg_len;
    }
  return FALSE;
}

static gboolean
sniff_webp (const guint8 *d, gsize len, guint *w, guint *h)
{
  const guint8 *c;

  if (len < 30 || memcmp (d, "RIFF", 4) != 0 || memcmp (d + 8, "WEBP", 4) != 0)
    return FALSE;
  c = d + 12;

  if (memcmp (c, "VP8 ", 4) == 0 && c[11] == 0x9d && c[12] == 0x01 && c[13] == 0x2a)
    {
      *w = le16 (c + 14) & 0x3fff;
      *h = le16 (c + 16) & 0x3fff;
      return TRUE;
    }
  if (memcmp (c, "VP8L", 4) == 0 && c[8] == 0x2f)
    {
      guint32 bits = c[9] | (c[10] << 8) | (c[11] << 16) | ((guint32) c[12] << 24);
      *w = (bits & 0x3fff) + 1;
      *h = ((bits >> 14) & 0x3fff) + 1;
      return TRUE;
    }
  if (memcmp (c, "VP8X", 4) == 0)
    {
      *w = (c[12] | (c[13] << 8) | (c[14] << 16)) + 1;
      *h = (c[15] | (c[16] << 8) | (c[17] << 16)) + 1;
      return TRUE;
    }
  return FALSE;
}

gboolean
_tc_image_sniff (const guint8  *data,
                 gsize          len,
                 const char   **out_type,
                 guint         *out_width,
                 guint         *out_height)
{
  *out_width = *out_height = 0;
  if (sniff_png (data, len, out_width, out_height))
    *out_type = "image/png";
  else if (sniff_jpeg (data, len, out_width, out_height))
    *out_type = "image/jpeg";
  else if (sniff_webp (data, len, out_width, out_height))
    *out_type = "image/webp";
  else
    return FALSE;
  return TRUE;
}

static GBytes *
find_file_part (TcRequest  *req,
                char      **out_filename)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(SoupMultipart) multipart = NULL;

  multipart = soup_multipart_new_from_message (
    soup_server_message_get_request_headers (req->msg), bytes);
  if (multipart == NULL)
    return NULL;

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autoptr(GHashTable) params = NULL;

      if (!soup_multipart_get_part (multipart, i, &headers, &part) ||
          !soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      if (g_strcmp0 (g_hash_table_lookup (params, "name"), "file") == 0)
        {
          *out_filename = g_strdup (g_hash_table_lookup (params, "filename"));
          return g_bytes_ref (part);
        }
    }
  return NULL;
}

static gboolean
check_image (TcRequest   *req,
             GBytes      *file,
             const char **out_type,
             guint       *out_w,
             guint       *out_h)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (file, &len);
  guint w, h;

  if (len > TC_WIRE_IMAGE_MAX_BYTES)
    {
      _tc_reply_error (req, 413, 413, "file: must be at most 2 MiB");
      return FALSE;
    }
  if (!_tc_image_sniff (data, len, out_type, &w, &h))
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "file: must be a PNG, JPEG or WebP image");
      return FALSE;
    }
  if (w == 0 || h == 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
      (guint64) w * h > IMAGE_MAX_PIXELS)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "file: the image is %u×%u pixels; at most %u×%u are accepted",
                       w, h, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
      return FALSE;
    }
  *out_w = w;
  *out_h = h;
  return TRUE;
}

/* The id of the image @url names, when @url is exactly the url the
 * service itself hands out for one (scheme, host, port and path compared
 * after parsing, nothing else in it); NULL otherwise. The image's owner is
 * the caller's to check. */
char *
_tc_image_id_from_url (TcService  *self,
                       const char *url)
{
  g_autofree char *base = tc_service_dup_base_url (self);
  g_autofree char *expected_path = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) own = NULL;
  const char *path, *id;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  own = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || own == NULL)
    return NULL;

  expected_path = g_strconcat (g_uri_get_path (own), "/files/images/", NULL);
  path = g_uri_get_path (uri);
  if (g_strcmp0 (g_uri_get_scheme (uri), g_uri_get_scheme (own)) != 0 ||
      g_uri_get_userinfo (uri) != NULL ||
      g_strcmp0 (g_uri_get_host (uri), g_uri_get_host (own)) != 0 ||
      g_uri_get_port (uri) != g_uri_get_port (own) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      !g_str_has_prefix (path, expected_path))
    return NULL;

  id = path + strlen (expected_path);
  return tc_wire_validate_id (id) ? g_strdup (id) : NULL;
}

/* The image id at the end of a stored profile picture url. The url was
 * checked when it was set, but the port in it may be an earlier run's. */
char *
_tc_image_id_from_stored_url (const char *url)
{
  gsize len = url ? strlen (url) : 0;
  const char *id;

  if (len < TC_WIRE_ID_LENGTH + strlen (IMAGE_PATH_MARK))
    return NULL;
  id = url + len - TC_WIRE_ID_LENGTH;
  if (!g_str_has_prefix (id - strlen (IMAGE_PATH_MARK), IMAGE_PATH_MARK) ||
      !tc_wire_validate_id (id))
    return NULL;
  return g_strdup (id);
}

/* Deletes the images (of @user_id, or of everyone when NULL) uploaded at
 * least @older_than_seconds ago that are not their owner's profile
 * picture. */
gboolean
_tc_image_delete_unused (TcService  *self,
                         const char *user_id,
                         gint64      older_than_seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (double) -older_than_seconds);
  g_autofree char *cutoff = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");

  return _tc_db_exec (self, "DELETE FROM images WHERE (?1 IS NULL OR user_id = ?1) "
                      "AND created_at <= ?2 AND NOT EXISTS (SELECT 1 FROM users u "
                      "WHERE u.id = images.user_id AND substr(u.profile_picture, -?3) = ?4 "
                      "|| images.id)", "ssis", user_id, cutoff,
                      (gint64) (TC_WIRE_ID_LENGTH + strlen (IMAGE_PATH_MARK)), IMAGE_PATH_MARK);
}

static gboolean
check_quota (TcRequest *req,
             GBytes    *file)
{
  gint64 count, bytes;

  /* Everyone's uploads that were never applied go after an hour. */
  if (!_tc_image_delete_unused (req->service, NULL, IMAGE_UNUSED_SECONDS))
    {
      _tc_reply_error (req, 500, 500, "The image could not be saved");
      return FALSE;
    }
  count = _tc_db_int (req->service, 0, "SELECT COUNT(*) FROM images WHERE user_id = ?",
                      "s", req->user_id);
  bytes = _tc_db_int (req->service, 0, "SELECT COALESCE(SUM(LENGTH(data)), 0) FROM images "
                      "WHERE user_id = ?", "s", req->user_id);
  if (count >= IMAGE_QUOTA_COUNT ||
      bytes + (gint64) g_bytes_get_size (file) > IMAGE_QUOTA_BYTES)
    {
      _tc_reply_error (req, 413, 413,
                       "file: you have uploaded the most images you may keep (%d images "
                       "or %d MiB); images that are not your profile picture are removed "
                       "an hour after their upload",
                       IMAGE_QUOTA_COUNT, IMAGE_QUOTA_BYTES / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

void
_tc_image_upload (TcRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) file = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autoptr(JsonObject) obj = NULL;
  const char *type;
  guint w, h;

  if (body->length > TC_WIRE_IMAGE_MAX_BYTES + MULTIPART_SLACK)
    {
      _tc_reply_error (req, 413, 413, "file: must be at most 2 MiB");
      return;
    }
  file = find_file_part (req, &filename);
  if (file == NULL)
    {
      _tc_reply_error (req, 400, TC_WIRE_CODE_VALIDATION,
                       "file: a multipart/form-data part named \"file\" is required");
      return;
    }
  if (!check_image (req, file, &type, &w, &h) || !check_quota (req, file))
    return;

  id = _tc_new_id ();
  now = _tc_now_iso ();
  if (!_tc_db_exec (req->service, "INSERT INTO images (id, user_id, content_type, width, "
                    "height, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "sssiibs", id, req->user_id, type, (gint64) w, (gint64) h, file, now))
    {
      _tc_reply_error (req, 500, 500, "The image could not be saved");
      return;
    }

  base = tc_service_dup_base_url (req->service);
  url = g_strdup_printf ("%s/files/images/%s", base, id);
  obj = json_object_new ();
  json_object_set_string_member (obj, "name", filename ? filename : id);
  json_object_set_string_member (obj, "url", url);
  _tc_reply_object (req, 200, obj);
}

void
_tc_image_serve (TcService         *self,
                 SoupServerMessage *msg,
                 const char        *id)
{
  const char *method = soup_server_message_get_method (msg);
  sqlite3_stmt *stmt;

  if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      soup_server_message_set_status (msg, 405, NULL);
      return;
    }

  stmt = _tc_db_prepare (self, "SELECT content_type, data FROM images WHERE id = ?", "s", id);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      soup_server_message_set_status (msg, 404, NULL);
      if (stmt != NULL)
        sqlite3_reset (stmt);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, _tc_db_col_text (stmt, 0), SOUP_MEMORY_COPY,
                                    sqlite3_column_blob (stmt, 1),
                                    (gsize) sqlite3_column_bytes (stmt, 1));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "public, max-age=31536000, immutable");
  sqlite3_reset (stmt);
}
