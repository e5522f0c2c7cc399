/* test-service-input.c — hostile input: nesting, control characters,
 * picture urls, the image quota, what members see, settings size, paging
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case here was found by probing a running service as an attacker
 * would (issue 10); each answer must be a clear 4xx, never a crash and
 * never a silent change.
 */

#include "config.h"

#include <string.h>

#include "tc-test-service.h"

static GBytes *
nested (gsize depth, const char *inner)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  g_string_append (s, inner);
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free_to_bytes (s);
}

static const char *
message_of (TcTestResponse *res)
{
  return json_object_get_string_member (tc_test_response_object (res), "message");
}

static char *
user_name (TcTestService *ts)
{
  g_autoptr(TcTestResponse) res = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);

  g_assert_cmpuint (res->status, ==, 200);
  return g_strdup (json_object_get_string_member (tc_test_response_object (res), "name"));
}

/* A body of white space parses in json-glib 1.6, with no root: found by
 * fuzz-service (a critical from JSON_NODE_HOLDS_OBJECT (NULL)). */
static void
test_blank_body (void)
{
  TcTestService *ts = tc_test_service_new ();
  const char *bodies[] = { " ", "\r\n\t ", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      const char *headers[] = { "X-Api-Key", ts->owner_key, NULL };
      g_autoptr(GBytes) body = g_bytes_new (bodies[i], strlen (bodies[i]));
      g_autoptr(TcTestResponse) res =
        tc_test_request_full (ts, "PATCH", "/v1/user", headers, "application/json", body);

      tc_test_assert_error (res, 400, 501);
      g_assert_cmpstr (message_of (res), ==, "body: must be a JSON object");
    }
  tc_test_service_free (ts);
}

/* json-glib recursed once per level and 100,000 levels ended the process. */
static void
test_deep_nesting (void)
{
  TcTestService *ts = tc_test_service_new ();
  const char *headers[] = { "X-Api-Key", ts->owner_key, NULL };
  g_autoptr(GBytes) deep = nested (100000, "");
  g_autoptr(GBytes) deep_object = NULL;
  g_autoptr(TcTestResponse) res = NULL;
  g_autoptr(TcTestResponse) res2 = NULL;
  g_autoptr(TcTestResponse) alive = NULL;
  g_autoptr(TcTestResponse) shallow = NULL;
  g_autoptr(TcTestResponse) at_limit = NULL;
  g_autoptr(GString) body = g_string_new ("{\"name\":\"Still here\",\"x\":");
  g_autoptr(GString) quoted = g_string_new ("{\"name\":\"");

  res = tc_test_request_full (ts, "PATCH", "/v1/user", headers, "application/json", deep);
  tc_test_assert_error (res, 400, 501);
  g_assert_cmpstr (message_of (res), ==, "The request body is nested too deeply");

  /* Inside an object member, and as {"a":{"a":…}}. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (body, "{\"a\":");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (body, '}');
  g_string_append_c (body, '}');
  deep_object = g_bytes_new (body->str, body->len);
  res2 = tc_test_request_full (ts, "PATCH", "/v1/user", headers, "application/json", deep_object);
  tc_test_assert_error (res2, 400, 501);

  alive = tc_test_request (ts, "GET", "/v1/user", ts->owner_key, NULL);
  g_assert_cmpuint (alive->status, ==, 200);

  /* Brackets inside strings (escaped quotes included) are not nesting. */
  for (guint i = 0; i < 50; i++)
    g_string_append (quoted, "[[{\\\"");
  g_string_append (quoted, "\"}");
  shallow = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, quoted->str);
  /* The name is too long, but it was parsed: the answer names the field. */
  tc_test_assert_error (shallow, 400, 501);
  g_assert_true (g_str_has_prefix (message_of (shallow), "name:"));

  /* 64 levels (the object plus 63 arrays) still parse. */
  {
    g_autoptr(GString) ok = g_string_new ("{\"name\":\"Nested OK\",\"unknown\":");

    for (guint i = 0; i < TC_WIRE_JSON_MAX_DEPTH - 1; i++)
      g_string_append_c (ok, '[');
    for (guint i = 0; i < TC_WIRE_JSON_MAX_DEPTH - 1; i++)
      g_string_append_c (ok, ']');
    g_string_append_c (ok, '}');
    at_limit = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, ok->str);
    /* Parsed, then refused by the endpoint's own rule for the member. */
    tc_test_assert_error (at_limit, 400, 501);
    g_assert_cmpstr (message_of (at_limit), ==, "unknown: is not a field that can be changed here");
  }
  tc_test_service_free (ts);
}

static void
test_depth_scanner (void)
{
  const char *ok[] = {
    "[]", "{}", "\"[[[[[\"", "[\"\\\"[[[[\"]", "[\"\\\\\",[]]", "{\"a\":[1,2,{\"b\":[]}]}",
    "]]]]][", "\"unterminated [[[[",
  };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) limit = nested (TC_WIRE_JSON_MAX_DEPTH, "");
  g_autoptr(GBytes) over = nested (TC_WIRE_JSON_MAX_DEPTH + 1, "");
  gsize len;
  const char *data;

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    g_assert_true (tc_wire_json_check_depth (ok[i], strlen (ok[i]), 4, NULL));
  g_assert_false (tc_wire_json_check_depth ("[[[[[", 5, 4, NULL));
  /* An escaped backslash ends the string's escape; the bracket after the
   * closing quote counts. */
  g_assert_false (tc_wire_json_check_depth ("[\"\\\\\",[[[[]]]]]", 15, 4, &error));
  g_assert_error (error, TC_WIRE_ERROR, TC_WIRE_ERROR_TOO_DEEP);

  data = g_bytes_get_data (limit, &len);
  g_assert_true (tc_wire_json_check_depth (data, len, TC_WIRE_JSON_MAX_DEPTH, NULL));
  data = g_bytes_get_data (over, &len);
  g_assert_false (tc_wire_json_check_depth (data, len, TC_WIRE_JSON_MAX_DEPTH, NULL));

  text = g_strdup ("{\"\\u0000\":\"a\\u0000b\\\\u0000\",\"c\":\"\\u00001\"}");
  g_assert_cmpuint (tc_wire_json_replace_nul_escapes (text, strlen (text)), ==, 3);
  g_assert_cmpstr (text, ==, "{\"\\u0001\":\"a\\u0001b\\\\u0000\",\"c\":\"\\u00011\"}");
}

typedef struct
{
  const char *what;
  const char *body;
  const char *field;   /* the answer's message starts with it */
} BadText;

static void
test_control_characters (void)
{
  TcTestService *ts = tc_test_service_new ();
  const BadText cases[] = {
    { "NUL in a name", "{\"name\":\"a\\u0000b\"}", "name:" },
    { "NUL at the end", "{\"name\":\"ab\\u0000\"}", "name:" },
    { "LF in a name", "{\"name\":\"a\\nb\"}", "name:" },
    { "CR in a name", "{\"name\":\"a\\rb\"}", "name:" },
    { "tab in a name", "{\"name\":\"a\\tb\"}", "name:" },
    { "DEL in a name", "{\"name\":\"a\\u007fb\"}", "name:" },
    { "ESC in a name", "{\"name\":\"a\\u001bb\"}", "name:" },
    { "NUL in an email", "{\"email\":\"a\\u0000@example.com\"}", "email:" },
    { "LF in an email", "{\"email\":\"a\\n@example.com\"}", "email:" },
    { "NUL in a member name", "{\"na\\u0000me\":\"x\"}", "na?me:" },
  };
  const BadText key_cases[] = {
    { "NUL in a key name", "{\"name\":\"k\\u0000ey\"}", "name:" },
    { "LF in a key name", "{\"name\":\"k\\ney\"}", "name:" },
  };
  g_autofree char *before = user_name (ts);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TcTestResponse) res = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case: %s", cases[i].what);
      res = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, cases[i].body);
      tc_test_assert_error (res, 400, 501);
      g_assert_true (g_str_has_prefix (message_of (res), cases[i].field));
      g_assert_nonnull (strstr (message_of (res), "control characters"));
      after = user_name (ts);
      g_assert_cmpstr (after, ==, before);
    }
  for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++)
    {
      g_autoptr(TcTestResponse) res = NULL;

      g_test_message ("case: %s", key_cases[i].what);
      res = tc_test_request (ts, "POST", "/v1/user/api-keys", ts->owner_key, key_cases[i].body);
      tc_test_assert_error (res, 400, 501);
      g_assert_true (g_str_has_prefix (message_of (res), key_cases[i].field));
    }
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM users WHERE "
                               "instr(name, char(0)) > 0 OR instr(name, char(1)) > 0 OR name = 'a'",
                               NULL), ==, 0);

  /* The wire rule the app shares. */
  g_assert_false (tc_wire_validate_name ("a\nb"));
  g_assert_false (tc_wire_validate_name ("a\x01" "b"));
  g_assert_false (tc_wire_validate_employee_id ("E\x01"));
  g_assert_false (tc_wire_validate_webhook_name ("Hook\r\n"));
  g_assert_false (tc_wire_validate_email ("a\x7f@example.com"));
  g_assert_true (tc_wire_validate_name ("Zoë O’Brien"));
  g_assert_true (tc_wire_has_control_chars ("a\tb", FALSE));
  g_assert_false (tc_wire_has_control_chars ("a\tb\r\n", TRUE));
  tc_test_service_free (ts);
}

static void
test_control_characters_member (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *member = tc_test_add_user (ts, "Mia Member", "mia@example.com", NULL);
  g_autofree char *field = _tc_new_id ();
  g_autofree char *profile = NULL;
  g_autofree char *value_path = NULL;
  g_autoptr(TcTestResponse) employee = NULL;
  g_autoptr(TcTestResponse) txt = NULL;
  g_autoptr(TcTestResponse) txt_esc = NULL;
  g_autoptr(TcTestResponse) txt_lines = NULL;
  g_autoptr(TcTestResponse) good = NULL;

  tc_test_add_membership (ts, ts->workspace_id, member, NULL, "ACTIVE");
  g_assert_true (_tc_db_exec (ts->service, "INSERT INTO custom_fields (id, workspace_id, name, "
                              "type, status, position) VALUES (?, ?, 'Notes', 'TXT', 'VISIBLE', 1)",
                              "ss", field, ts->workspace_id));
  profile = g_strdup_printf ("/v1/workspaces/%s/member-profile/%s", ts->workspace_id, member);
  value_path = g_strdup_printf ("/v1/workspaces/%s/users/%s/custom-field/%s/value",
                                ts->workspace_id, member, field);

  employee = tc_test_request (ts, "PATCH", profile, ts->owner_key, "{\"employeeId\":\"E\\u00011\"}");
  tc_test_assert_error (employee, 400, 501);
  g_assert_true (g_str_has_prefix (message_of (employee), "employeeId:"));

  txt = tc_test_request (ts, "PUT", value_path, ts->owner_key, "{\"value\":\"a\\u0000b\"}");
  tc_test_assert_error (txt, 400, 501);
  g_assert_true (g_str_has_prefix (message_of (txt), "value:"));
  txt_esc = tc_test_request (ts, "PUT", value_path, ts->owner_key, "{\"value\":\"a\\u001bb\"}");
  tc_test_assert_error (txt_esc, 400, 501);
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM custom_field_values", NULL),
                   ==, 0);
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM memberships WHERE "
                               "employee_id IS NOT NULL", NULL), ==, 0);

  /* A text field may hold line breaks; a valid value still goes through. */
  txt_lines = tc_test_request (ts, "PUT", value_path, ts->owner_key, "{\"value\":\"line 1\\nline 2\"}");
  g_assert_cmpuint (txt_lines->status, ==, 201);
  good = tc_test_request (ts, "PATCH", profile, ts->owner_key, "{\"employeeId\":\"E-17\"}");
  g_assert_cmpuint (good->status, ==, 200);
  tc_test_service_free (ts);
}

/* A 1×1 PNG padded to @size bytes (the header is all that is checked). */
static GBytes *
make_png (gsize size)
{
  static const guint8 head[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
  };
  guint8 *data = g_malloc0 (MAX (size, sizeof head));

  memcpy (data, head, sizeof head);
  return g_bytes_new_take (data, MAX (size, sizeof head));
}

static TcTestResponse *
upload (TcTestService *ts,
        const char    *key,
        GBytes        *file)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) body = NULL;
  const char *request_headers[] = { "X-Api-Key", key, NULL };

  soup_multipart_append_form_file (multipart, "file", "me.png", "image/png", file);
  soup_multipart_to_message (multipart, headers, &body);
  return tc_test_request_full (ts, "POST", "/v1/file/image", request_headers,
                               soup_message_headers_get_one (headers, "Content-Type"), body);
}

static char *
upload_url (TcTestService *ts,
            const char    *key)
{
  g_autoptr(GBytes) png = make_png (64);
  g_autoptr(TcTestResponse) res = upload (ts, key, png);

  g_assert_cmpuint (res->status, ==, 200);
  return g_strdup (json_object_get_string_member (tc_test_response_object (res), "url"));
}

static void
test_picture_url (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *other_key = NULL;
  g_autofree char *other = tc_test_add_user (ts, "Ola Other", "ola@example.com", &other_key);
  g_autofree char *url = upload_url (ts, ts->owner_key);
  g_autofree char *others_url = upload_url (ts, other_key);
  const char *id = strrchr (url, '/') + 1;
  g_autoptr(GUri) own = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  int port = g_uri_get_port (own);
  g_autoptr(GPtrArray) bad_forms = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (bad_forms, g_strdup_printf ("javascript:alert(1)//api/files/images/%s", id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("https://evil.example/api/files/images/%s", id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("http://127.0.0.1:1/api/files/images/%s", id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("http://localhost:%d/api/files/images/%s", port, id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("http://u@127.0.0.1:%d/api/files/images/%s", port, id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("http://127.0.0.1:%d/api/files/images/%s?x=1", port, id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("http://127.0.0.1:%d/api/files/images/%s#x", port, id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("http://127.0.0.1:%d/x/api/files/images/%s", port, id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("http://127.0.0.1:%d/api/files/images/%s/x", port, id));
  g_ptr_array_add (bad_forms, g_strdup_printf ("data:text/html,/api/files/images/%s", id));

  for (guint i = 0; i < bad_forms->len; i++)
    {
      const char *bad = bad_forms->pdata[i];
      g_autofree char *body = g_strdup_printf ("{\"profilePicture\":\"%s\"}", bad);
      g_autoptr(TcTestResponse) res = NULL;

      g_test_message ("picture url: %s", bad);
      res = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, body);
      tc_test_assert_error (res, 400, 501);
      g_assert_true (g_str_has_prefix (message_of (res), "profilePicture:"));
    }
  /* Another user's image, in the exact form: not ours. */
  {
    g_autofree char *body = g_strdup_printf ("{\"profilePicture\":\"%s\"}", others_url);
    g_autoptr(TcTestResponse) res = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, body);

    tc_test_assert_error (res, 400, 501);
  }
  {
    g_autofree char *body = g_strdup_printf ("{\"profilePicture\":\"%s\"}", url);
    g_autoptr(TcTestResponse) res = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, body);

    g_assert_cmpuint (res->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (tc_test_response_object (res), "profilePicture"),
                     ==, url);
  }
  g_assert_nonnull (other);
  tc_test_service_free (ts);
}

static gint64
image_rows (TcTestService *ts,
            const char    *user_id)
{
  return _tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM images WHERE user_id = ?", "s", user_id);
}

/* 40 uploads: the quota refuses beyond 20 images or 20 MiB. */
static void
test_image_quota (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *big_key = NULL;
  g_autofree char *big = tc_test_add_user (ts, "Bea Big", "bea@example.com", &big_key);
  g_autoptr(GBytes) small = make_png (1024);
  g_autoptr(GBytes) large = make_png (1536 * 1024);
  guint accepted = 0, refused = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(TcTestResponse) res = upload (ts, ts->owner_key, small);

      if (res->status == 200)
        accepted++;
      else
        {
          tc_test_assert_error (res, 413, 413);
          g_assert_true (g_str_has_prefix (message_of (res), "file:"));
          refused++;
        }
    }
  g_assert_cmpuint (accepted, ==, 20);
  g_assert_cmpuint (refused, ==, 20);
  g_assert_cmpint (image_rows (ts, ts->owner_id), ==, 20);

  /* By size: 13 × 1.5 MiB fit in 20 MiB, the 14th does not. A user with
   * no workspace at all is held to it too. */
  accepted = 0;
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(TcTestResponse) res = upload (ts, big_key, large);

      if (res->status == 200)
        accepted++;
      else
        tc_test_assert_error (res, 413, 413);
    }
  g_assert_cmpuint (accepted, ==, 13);
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT SUM(LENGTH(data)) FROM images "
                               "WHERE user_id = ?", "s", big), <=, 20 * 1024 * 1024);

  /* Uploads never applied are gone an hour later, everyone's, and room
   * comes back; a profile picture stays, even when its url names the port
   * of an earlier run. */
  {
    g_autofree char *kept = _tc_db_dup_string (ts->service, "SELECT id FROM images WHERE "
                                               "user_id = ? LIMIT 1", "s", big);
    g_autofree char *old_url = g_strdup_printf ("http://127.0.0.1:1/api/files/images/%s", kept);
    g_autoptr(TcTestResponse) res = NULL;

    g_assert_true (_tc_db_exec (ts->service, "UPDATE users SET profile_picture = ? WHERE id = ?",
                                "ss", old_url, big));
    g_assert_true (_tc_db_exec (ts->service, "UPDATE images SET created_at = "
                                "'2026-01-01T00:00:00Z'", NULL));
    res = upload (ts, ts->owner_key, small);
    g_assert_cmpuint (res->status, ==, 200);
    g_assert_cmpint (image_rows (ts, ts->owner_id), ==, 1);
    g_assert_cmpint (image_rows (ts, big), ==, 1);
    g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM images WHERE id = ?",
                                 "s", kept), ==, 1);
  }
  tc_test_service_free (ts);
}

static void
test_image_replaced (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *first = upload_url (ts, ts->owner_key);
  g_autofree char *second = upload_url (ts, ts->owner_key);
  g_autofree char *spare = upload_url (ts, ts->owner_key);
  g_autofree char *body1 = g_strdup_printf ("{\"profilePicture\":\"%s\"}", first);
  g_autofree char *body2 = g_strdup_printf ("{\"profilePicture\":\"%s\"}", second);
  g_autoptr(TcTestResponse) set1 = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, body1);
  g_autoptr(TcTestResponse) set2 = NULL;
  g_autoptr(TcTestResponse) cleared = NULL;
  const char *first_id = strrchr (first, '/') + 1;
  const char *second_id = strrchr (second, '/') + 1;

  g_assert_cmpuint (set1->status, ==, 200);
  g_assert_cmpint (image_rows (ts, ts->owner_id), ==, 3);
  set2 = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, body2);
  g_assert_cmpuint (set2->status, ==, 200);
  /* The replaced picture is deleted; the spare upload of the last hour stays. */
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM images WHERE id = ?",
                               "s", first_id), ==, 0);
  g_assert_cmpint (image_rows (ts, ts->owner_id), ==, 2);
  cleared = tc_test_request (ts, "PATCH", "/v1/user", ts->owner_key, "{\"profilePicture\":null}");
  g_assert_cmpuint (cleared->status, ==, 200);
  g_assert_cmpint (_tc_db_int (ts->service, -1, "SELECT COUNT(*) FROM images WHERE id = ?",
                               "s", second_id), ==, 0);
  g_assert_cmpint (image_rows (ts, ts->owner_id), ==, 1);
  g_assert_nonnull (spare);
  tc_test_service_free (ts);
}

static JsonObject *
find_user (JsonArray  *users,
           const char *id)
{
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *u = json_array_get_object_element (users, i);

      if (g_strcmp0 (json_object_get_string_member (u, "id"), id) == 0)
        return u;
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
n_custom_values (JsonObject *user)
{
  return json_array_get_length (json_object_get_array_member (user, "customFields"));
}

static void
test_member_view (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *member_key = NULL;
  g_autofree char *admin_key = NULL;
  g_autofree char *member = tc_test_add_user (ts, "Mia Member", "mia@example.com", &member_key);
  g_autofree char *admin = tc_test_add_user (ts, "Ada Admin", "ada@example.com", &admin_key);
  g_autofree char *other = tc_test_add_user (ts, "Oli Other", "oli@example.com", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users", ts->workspace_id);
  const char *statuses[] = { "VISIBLE", "VISIBLE", "INVISIBLE", "INACTIVE" };
  const gboolean admin_only[] = { FALSE, TRUE, FALSE, FALSE };
  g_autoptr(TcTestResponse) as_member = NULL;
  g_autoptr(TcTestResponse) as_admin = NULL;
  g_autoptr(TcTestResponse) as_owner = NULL;
  JsonObject *seen;

  tc_test_add_membership (ts, ts->workspace_id, member, NULL, "ACTIVE");
  tc_test_add_membership (ts, ts->workspace_id, admin, TC_ROLE_ADMIN, "ACTIVE");
  tc_test_add_membership (ts, ts->workspace_id, other, NULL, "ACTIVE");
  g_assert_true (_tc_db_exec (ts->service, "UPDATE users SET pending_email = 'secret-new@example.com', "
                              "settings = '{\"timeZone\":\"Europe/Paris\"}' WHERE id = ?", "s", other));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *field = _tc_new_id ();

      g_assert_true (_tc_db_exec (ts->service, "INSERT INTO custom_fields (id, workspace_id, name, "
                                  "type, status, only_admin_can_edit, position) VALUES "
                                  "(?, ?, ?, 'TXT', ?, ?, ?)", "ssssii", field, ts->workspace_id,
                                  statuses[i], statuses[i], (gint64) admin_only[i], (gint64) i));
      g_assert_true (_tc_db_exec (ts->service, "INSERT INTO custom_field_values (field_id, user_id, "
                                  "value) VALUES (?, ?, '\"v\"')", "ss", field, other));
      g_assert_true (_tc_db_exec (ts->service, "INSERT INTO custom_field_values (field_id, user_id, "
                                  "value) VALUES (?, ?, '\"mine\"')", "ss", field, member));
    }

  as_member = tc_test_request (ts, "GET", path, member_key, NULL);
  g_assert_cmpuint (as_member->status, ==, 200);
  seen = find_user (tc_test_response_array (as_member), other);
  g_assert_true (json_object_get_null_member (seen, "pendingEmail"));
  g_assert_true (json_object_get_null_member (seen, "settings"));
  g_assert_cmpuint (n_custom_values (seen), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (seen, "customFields"), 0), "customFieldName"),
                   ==, "VISIBLE");
  g_assert_null (strstr (g_bytes_get_data (as_member->body, NULL), "secret-new"));
  g_assert_null (strstr (g_bytes_get_data (as_member->body, NULL), "Europe/Paris"));
  /* The member's own entry is what GET /v1/user shows them. */
  seen = find_user (tc_test_response_array (as_member), member);
  g_assert_cmpuint (n_custom_values (seen), ==, 4);
  g_assert_false (json_object_get_null_member (seen, "settings"));

  as_admin = tc_test_request (ts, "GET", path, admin_key, NULL);
  seen = find_user (tc_test_response_array (as_admin), other);
  g_assert_cmpstr (json_object_get_string_member (seen, "pendingEmail"), ==, "secret-new@example.com");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (seen, "settings"),
                                                  "timeZone"), ==, "Europe/Paris");
  g_assert_cmpuint (n_custom_values (seen), ==, 4);

  as_owner = tc_test_request (ts, "GET", path, ts->owner_key, NULL);
  seen = find_user (tc_test_response_array (as_owner), other);
  g_assert_cmpstr (json_object_get_string_member (seen, "pendingEmail"), ==, "secret-new@example.com");
  g_assert_cmpuint (n_custom_values (seen), ==, 4);
  tc_test_service_free (ts);
}

static void
test_settings_size (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autoptr(GString) big = g_string_new ("{\"summaryReportSettings\":{");
  g_autoptr(TcTestResponse) res = NULL;
  g_autoptr(TcTestResponse) ok = NULL;
  g_autofree char *stored = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (big, "%s\"k%u\":\"%0100u\"", i ? "," : "", i, i);
  g_string_append (big, "}}");
  res = tc_test_request (ts, "PATCH", "/v1/user/settings", ts->owner_key, big->str);
  tc_test_assert_error (res, 400, 501);
  g_assert_true (g_str_has_prefix (message_of (res), "summaryReportSettings:"));
  stored = _tc_db_dup_string (ts->service, "SELECT COALESCE(settings, '') FROM users WHERE id = ?",
                              "s", ts->owner_id);
  g_assert_cmpuint (strlen (stored), <, 4096);

  ok = tc_test_request (ts, "PATCH", "/v1/user/settings", ts->owner_key,
                        "{\"summaryReportSettings\":{\"group\":\"USER\",\"subgroup\":\"PROJECT\"}}");
  g_assert_cmpuint (ok->status, ==, 200);
  tc_test_service_free (ts);
}

static void
test_paging_overflow (void)
{
  TcTestService *ts = tc_test_service_new ();
  g_autofree char *hook = _tc_new_id ();
  const char *pages[] = { "9223372036854775807", "9223372036854775808", "-1", "1x", "" };

  g_assert_true (_tc_db_exec (ts->service, "INSERT INTO webhooks (id, workspace_id, user_id, name, "
                              "url, event, trigger_type, auth_token, created_at) VALUES (?, ?, ?, "
                              "'Hook', 'https://example.com/h', 'NEW_TAG', 'WORKSPACE_ID', 't', "
                              "'2026-01-01T00:00:00Z')", "sss", hook, ts->workspace_id,
                              ts->owner_id));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *logs = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s/logs?page=%s&size=50",
                                               ts->workspace_id, hook, pages[i]);
      g_autofree char *users = g_strdup_printf ("/v1/workspaces/%s/users?page=%s&page-size=5000",
                                                ts->workspace_id, pages[i]);
      g_autoptr(TcTestResponse) res = NULL;
      g_autoptr(TcTestResponse) res2 = NULL;

      g_test_message ("page=%s", pages[i]);
      res = tc_test_request (ts, "POST", logs, ts->owner_key, "{}");
      tc_test_assert_error (res, 400, 501);
      g_assert_true (g_str_has_prefix (message_of (res), "page:"));
      res2 = tc_test_request (ts, "GET", users, ts->owner_key, NULL);
      tc_test_assert_error (res2, 400, 501);
      g_assert_true (g_str_has_prefix (message_of (res2), "page:"));
    }
  {
    g_autofree char *logs = g_strdup_printf ("/v1/workspaces/%s/webhooks/%s/logs?page=184467440737095&size=1000",
                                             ts->workspace_id, hook);
    g_autoptr(TcTestResponse) res = tc_test_request (ts, "POST", logs, ts->owner_key, "{}");

    /* Large but representable: an empty page, not an error. */
    g_assert_cmpuint (res->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (tc_test_response_array (res)), ==, 0);
  }
  {
    gint64 offset = -1;

    g_assert_false (_tc_page_offset (G_MAXINT64, 2, &offset));
    g_assert_false (_tc_page_offset (G_MAXINT64 / 1000 + 1, 1000, &offset));
    g_assert_true (_tc_page_offset (G_MAXINT64 / 1000, 1000, &offset));
    g_assert_cmpint (offset, ==, (G_MAXINT64 / 1000) * 1000);
  }
  tc_test_service_free (ts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/service/input/blank-body", test_blank_body);
  g_test_add_func ("/service/input/deep-nesting", test_deep_nesting);
  g_test_add_func ("/service/input/depth-scanner", test_depth_scanner);
  g_test_add_func ("/service/input/control-characters", test_control_characters);
  g_test_add_func ("/service/input/control-characters-member", test_control_characters_member);
  g_test_add_func ("/service/input/picture-url", test_picture_url);
  g_test_add_func ("/service/input/image-quota", test_image_quota);
  g_test_add_func ("/service/input/image-replaced", test_image_replaced);
  g_test_add_func ("/service/input/member-view", test_member_view);
  g_test_add_func ("/service/input/settings-size", test_settings_size);
  g_test_add_func ("/service/input/paging-overflow", test_paging_overflow);

  return g_test_run ();
}
