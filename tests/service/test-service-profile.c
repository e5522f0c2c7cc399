/* test-service-profile.c — settings, email change, pictures, limits
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tc-test-service.h"

typedef struct
{
  const char *body;
  guint       status;
  const char *member;    /* checked afterwards, or named in the error */
  const char *expected;  /* its value afterwards (strings only) */
} SettingsCase;

static const SettingsCase settings_cases[] = {
  { "{\"theme\":\"DARK\"}", 200, "theme", "DARK" },
  { "{\"lang\":\"de\"}", 200, "lang", "DE" },
  { "{\"lang\":\"pt-br\"}", 200, "lang", "PT_BR" },
  { "{\"timeZone\":\"Europe/Paris\"}", 200, "timeZone", "Europe/Paris" },
  { "{\"weekStart\":\"sunday\"}", 200, "weekStart", "SUNDAY" },
  { "{\"dateFormat\":\"DD.MM.YYYY\",\"timeFormat\":\"HOUR24\"}", 200, "dateFormat", "DD.MM.YYYY" },
  { "{\"myStartOfDay\":\"07:30\"}", 200, "myStartOfDay", "07:30" },
  { "{\"groupSimilarEntriesDisabled\":true,\"collapseAllProjectLists\":true}", 200, NULL, NULL },
  { "{\"projectListCollapse\":20,\"projectPickerTaskFilter\":true,\"isCompactViewOn\":true}", 200, NULL, NULL },
  { "{\"sendNewsletter\":true,\"weeklyUpdates\":true,\"longRunning\":false,\"scheduledReports\":false,"
    "\"approval\":false,\"pto\":false,\"alerts\":false,\"reminders\":false,"
    "\"invoiceReminders\":false,\"scheduling\":false}", 200, NULL, NULL },
  { "{\"summaryReportSettings\":{\"group\":\"USER\",\"subgroup\":\"PROJECT\"}}", 200, NULL, NULL },
  { "{\"theme\":\"PINK\"}", 400, "theme", NULL },
  { "{\"timeZone\":\"Mars/Olympus_Mons\"}", 400, "timeZone", NULL },
  { "{\"myStartOfDay\":\"25:00\"}", 400, "myStartOfDay", NULL },
  { "{\"dateFormat\":\"YYYY/MM/DD\"}", 400, "dateFormat", NULL },
  { "{\"timeFormat\":\"HOUR36\"}", 400, "timeFormat", NULL },
  { "{\"weekStart\":\"FUNDAY\"}", 400, "weekStart", NULL },
  { "{\"lang\":\"english\"}", 400, "lang", NULL },
  { "{\"multiFactorEnabled\":true}", 400, "multiFactorEnabled", NULL },
  { "{\"favouriteColour\":\"blue\"}", 400, "favouriteColour", NULL },
  { "{\"projectListCollapse\":\"many\"}", 400, "projectListCollapse", NULL },
  { "{\"sendNewsletter\":\"yes\"}", 400, "sendNewsletter", NULL },
  { "{\"summaryReportSettings\":{\"group\":3}}", 400, "summaryReportSettings", NULL },
  { "{\"theme\":\"DARK\",\"lang\":\"??\"}", 400, "lang", NULL },
};

static void
test_settings_table (void)
{
  TcTestService *ts = tc_test_service_new ();

  for (guint i = 0; i < G_N_ELEMENTS (settings_cases); i++)
    {
      const SettingsCase *c = &settings_cases[i];
      g_autoptr(TcTestResponse) res = NULL;
      JsonObject *settings;

      g_test_message ("PATCH /v1/user/settings %s", c->body);
      res = tc_test_request (ts, "PATCH", "/v1/user/settings", ts->owner_key, c->body);
      if (c->status != 200)
        {
          tc_test_assert_error (res, c->status, 501);
          g_assert_true (g_str_has_prefix (json_object_get_string_member (
                           tc_test_response_object (res), "message"), c->member));
          continue;
        }
      g_assert_cmpuint (res->status, ==, 200);
      settings = json_object_get_object_member (tc_test_response_object (res), "settings");
      if (c->member != NULL)
        g_assert_cmpstr (json_object_get_string_member (settings, c->member), ==, c->expected);
    }

  /* A refused body changes nothing: theme is still DARK, not reset. */
  {
    g_autoptr(TcTestResponse) res = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
    JsonObject *settings = json_object_get_object_member (tc_test_response_object (res), "settings");

    g_assert_cmpstr (json_object_get_string_member (settings, "theme"), ==, "DARK");
    g_assert_cmpstr (json_object_get_string_member (settings, "lang"), ==, "PT_BR");
    g_assert_true (json_object_get_boolean_member (settings, "sendNewsletter"));
    g_assert_false (json_object_get_boolean_member (settings, "scheduling"));
    g_assert_cmpint (json_object_get_int_member (settings, "projectListCollapse"), ==, 20);
  }
  tc_test_service_free (ts);
}

static char *
find_token (const char *mail)
{
  g_auto(GStrv) lines = g_strsplit (mail, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "    ") && strlen (lines[i]) == 4 + 32)
      return g_strdup (lines[i] + 4);
  return NULL;
}

static void
assert_rfc5322 (const char *mail,
                const char *to)
{
  static const char * const headers[] = {
    "\r\nFrom: ", "\r\nSubject: ", "\r\nMessage-ID: <", "\r\nMIME-Version: 1.0\r\n",
    "\r\nContent-Type: text/plain; charset=UTF-8\r\n", NULL
  };
  g_autofree char *to_line = g_strdup_printf ("<%s>\r\n", to);
  const char *body = strstr (mail, "\r\n\r\n");

  g_assert_true (g_str_has_prefix (mail, "Date: "));
  for (guint i = 0; headers[i]; i++)
    g_assert_nonnull (strstr (mail, headers[i]));
  g_assert_nonnull (strstr (mail, "\r\nTo: "));
  g_assert_nonnull (strstr (mail, to_line));
  g_assert_nonnull (body);
  g_assert_true (g_utf8_validate (body, -1, NULL));
}

static void
test_email_change (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autoptr(TcTestResponse) change = NULL;
  g_autoptr(TcTestResponse) wrong = NULL;
  g_autoptr(TcTestResponse) confirm = NULL;
  g_autoptr(TcTestResponse) taken = NULL;
  g_autoptr(TcTestResponse) invalid = NULL;
  g_autoptr(GPtrArray) mails = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  char *other_key = NULL;
  g_autofree char *other = tc_test_add_user (ts, "Ola Other", "ola@example.com", &other_key);
  JsonObject *user;

  invalid = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"email\":\"not-an-email\"}");
  tc_test_assert_error (invalid, 400, 501);
  taken = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"email\":\"OLA@example.com\"}");
  tc_test_assert_error (taken, 400, 501);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (taken), "message"), ==,
                   "email: is already in use");
  g_clear_pointer (&taken, tc_test_response_free);
  taken = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"email\":\"OLGA@example.com\"}");
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (taken), "message"), ==,
                   "email: is already your address");

  change = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"email\":\"olga.new@example.org\"}");
  g_assert_cmpuint (change->status, ==, 200);
  user = tc_test_response_object (change);
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "olga@example.com");
  g_assert_cmpstr (json_object_get_string_member (user, "pendingEmail"), ==, "olga.new@example.org");

  mails = tc_test_read_maildir (ts->maildir);
  g_assert_cmpuint (mails->len, ==, 1);
  assert_rfc5322 (mails->pdata[0], "olga.new@example.org");
  token = find_token (mails->pdata[0]);
  g_assert_nonnull (token);
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM email_tokens WHERE hash = ?",
                               "s", token), ==, 0);

  wrong = tc_test_request (ts, "POST", "/v1/user/email/confirm", other_key, "{\"token\":\"nope\"}");
  tc_test_assert_error (wrong, 400, 501);
  g_clear_pointer (&wrong, tc_test_response_free);
  body = g_strdup_printf ("{\"token\":\"%s\"}", token);
  wrong = tc_test_request (ts, "POST", "/v1/user/email/confirm", other_key, body);
  tc_test_assert_error (wrong, 400, 501);

  confirm = tc_test_request (ts, "POST", "/v1/user/email/confirm", ts->owner_key, body);
  g_assert_cmpuint (confirm->status, ==, 200);
  user = tc_test_response_object (confirm);
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "olga.new@example.org");
  g_assert_true (json_object_get_null_member (user, "pendingEmail"));
  g_free (other_key);
  tc_test_service_free (ts);
}

static GBytes *
make_png (guint32 w, guint32 h)
{
  guint8 d[64] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };

  d[16] = w >> 24; d[17] = w >> 16; d[18] = w >> 8; d[19] = w;
  d[20] = h >> 24; d[21] = h >> 16; d[22] = h >> 8; d[23] = h;
  d[24] = 8; d[25] = 6;
  return g_bytes_new (d, sizeof d);
}

static GBytes *
make_jpeg (guint w, guint h)
{
  guint8 d[] = {
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 3, 1, 0x22, 0, 2, 0x11,
    1, 3, 0x11, 1, 0xff, 0xd9,
  };
  return g_bytes_new (d, sizeof d);
}

static GBytes *
make_webp (guint w, guint h)
{
  guint32 bits = (w - 1) | ((h - 1) << 14);
  guint8 d[40] = { 'R', 'I', 'F', 'F', 32, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L',
                   20, 0, 0, 0, 0x2f };

  d[21] = bits; d[22] = bits >> 8; d[23] = bits >> 16; d[24] = bits >> 24;
  return g_bytes_new (d, sizeof d);
}

static TcTestResponse *
upload (TcTestService *ts,
        const char    *field,
        GBytes        *file)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) body = NULL;
  const char *request_headers[] = { "X-Api-Key", ts->owner_key, NULL };

  soup_multipart_append_form_file (multipart, field, "me.img", "application/octet-stream", file);
  soup_multipart_to_message (multipart, headers, &body);
  return tc_test_request_full (ts, "POST", "/v1/file/image", request_headers,
                               soup_message_headers_get_one (headers, "Content-Type"), body);
}

typedef struct
{
  const char *what;
  GBytes     *(*make) (guint w, guint h);
  guint       w, h;
  guint       status;
} ImageCase;

static void
test_image_upload (void)
{
  TcTestService *ts = tc_test_service_new ();
  const ImageCase cases[] = {
    { "png", make_png, 64, 64, 200 },
    { "jpeg", make_jpeg, 640, 480, 200 },
    { "webp", make_webp, 100, 50, 200 },
    { "png too large", make_png, 100000, 100000, 400 },
    { "png zero", make_png, 0, 10, 400 },
    { "jpeg too wide", make_jpeg, 9000, 10, 400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) file = cases[i].make (cases[i].w, cases[i].h);
      g_autoptr(TcTestResponse) res = NULL;

      g_test_message ("upload %s", cases[i].what);
      res = upload (ts, "file", file);
      if (cases[i].status != 200)
        {
          tc_test_assert_error (res, cases[i].status, 501);
          continue;
        }
      g_assert_cmpuint (res->status, ==, 200);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (
                       tc_test_response_object (res), "url"), ts->base_url));
    }

  {
    g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\1\0\1\0\0\0\0;", 14);
    g_autoptr(GBytes) png = make_png (1, 1);
    g_autoptr(TcTestResponse) res = upload (ts, "file", gif);
    g_autoptr(TcTestResponse) wrong_field = upload (ts, "picture", png);

    tc_test_assert_error (res, 400, 501);
    tc_test_assert_error (wrong_field, 400, 501);
  }
  {
    gsize big = TC_WIRE_IMAGE_MAX_BYTES + 10;
    guint8 *data = g_malloc0 (big);
    g_autoptr(GBytes) png = make_png (10, 10);
    g_autoptr(GBytes) file = NULL;
    g_autoptr(TcTestResponse) res = NULL;

    memcpy (data, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    file = g_bytes_new_take (data, big);
    res = upload (ts, "file", file);
    tc_test_assert_error (res, 413, 413);
  }
  tc_test_service_free (ts);
}

static void
test_profile_picture (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autoptr(GBytes) png = make_png (32, 32);
  g_autoptr(TcTestResponse) up = upload (ts, "file", png);
  g_autofree char *url = g_strdup (json_object_get_string_member (tc_test_response_object (up), "url"));
  g_autofree char *body = g_strdup_printf ("{\"profilePicture\":\"%s\"}", url);
  g_autoptr(TcTestResponse) set = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, body);
  g_autoptr(TcTestResponse) served = NULL;
  g_autoptr(TcTestResponse) foreign = NULL;
  g_autoptr(TcTestResponse) cleared = NULL;
  g_autoptr(TcTestResponse) missing = NULL;

  g_assert_cmpuint (set->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (set), "profilePicture"), ==, url);

  served = tc_test_request (ts, "GET", url + strlen (ts->base_url), NULL, NULL);
  g_assert_cmpuint (served->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (served->headers, NULL), ==, "image/png");
  g_assert_true (g_bytes_equal (served->body, png));

  foreign = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key,
                             "{\"profilePicture\":\"https://evil.example/x.png\"}");
  tc_test_assert_error (foreign, 400, 501);

  cleared = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"profilePicture\":null}");
  g_assert_cmpuint (cleared->status, ==, 200);
  g_assert_true (json_object_get_null_member (tc_test_response_object (cleared), "profilePicture"));

  missing = tc_test_request (ts, "GET", "/files/images/000000000000000000000000", NULL, NULL);
  g_assert_cmpuint (missing->status, ==, 404);
  tc_test_service_free (ts);
}

static void
test_body_limit (void)
{
  TcTestService *ts = tc_test_service_new ();
  gsize len = TC_WIRE_BODY_MAX_BYTES + 100;
  g_autofree char *body = g_malloc (len + 1);
  g_autoptr(TcTestResponse) res = NULL;
  g_autoptr(TcTestResponse) after = NULL;

  memset (body, ' ', len);
  memcpy (body, "{\"name\":\"Big\"", 13);
  body[len - 1] = '}';
  body[len] = '\0';
  res = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, body);
  tc_test_assert_error (res, 413, 413);
  after = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (after), "name"), ==, "Olga Owner");
  tc_test_service_free (ts);
}

/* A body announced far too big is refused before it is read. */
static void
test_huge_body (void)
{
  TcTestService *ts = tc_test_service_new ();
  gsize len = 8 * 1024 * 1024;
  g_autoptr(GBytes) body = g_bytes_new_take (g_malloc0 (len), len);
  const char *headers[] = { "X-Api-Key", ts->owner_key, NULL };
  g_autoptr(TcTestResponse) res = tc_test_request_full (ts, "POST", "/v1/file/image", headers,
                                                        "multipart/form-data; boundary=x", body);
  g_autoptr(TcTestResponse) after = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);

  tc_test_assert_error (res, 413, 413);
  /* Answered from the headers, not by the upload handler. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (tc_test_response_object (res), "message"),
                                   "body:"));
  g_assert_cmpuint (after->status, ==, 200);
  tc_test_service_free (ts);
}

static void
test_rate_limit (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *other_key = NULL;
  g_autofree char *other = tc_test_add_user (ts, "Ola Other", "ola@example.com", &other_key);
  g_autoptr(TcTestResponse) limited = NULL;
  g_autoptr(TcTestResponse) other_res = NULL;
  g_autoptr(TcTestResponse) later = NULL;
  const char *retry_after;

  tc_service_set_rate_limit (ts->service, 20.0, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TcTestResponse) res = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
      g_assert_cmpuint (res->status, ==, 200);
    }
  limited = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
  tc_test_assert_error (limited, 429, 429);
  g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (limited), "message"),
                   ==, "Too Many Requests");
  retry_after = soup_message_headers_get_one (limited->headers, "Retry-After");
  g_assert_nonnull (retry_after);
  g_assert_cmpint (atoi (retry_after), >=, 1);

  other_res = tc_test_request (ts, "GET", "/v1/user", other_key, NULL);
  g_assert_cmpuint (other_res->status, ==, 200);

  tc_test_spin (200);
  later = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
  g_assert_cmpuint (later->status, ==, 200);
  tc_test_service_free (ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/settings/table", test_settings_table);
  g_test_add_func ("/service/user/email-change", test_email_change);
  g_test_add_func ("/service/image/upload", test_image_upload);
  g_test_add_func ("/service/image/profile-picture", test_profile_picture);
  g_test_add_func ("/service/limits/body", test_body_limit);
  g_test_add_func ("/service/limits/huge-body", test_huge_body);
  g_test_add_func ("/service/limits/rate", test_rate_limit);

  return g_test_run ();
}
