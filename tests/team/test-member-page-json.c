/* test-member-page-json.c — the members' page decoder against json-glib
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * _tc_member_page_decode() (tc-member-page-json.c, issue 13) reads a users
 * page without json-glib. It must give exactly what the json-glib path
 * gave (tc-member-page-reference.c): for well-formed JSON the same members
 * or the same error, and for broken text never members where json-glib
 * refuses. Inputs: every answer in tests/service/team-pages.expected,
 * pages of a seeded timecard-service, thousands of generated pages and
 * byte-level mutations of real ones (fixed seeds). Where json-glib accepts
 * what RFC 8259 forbids, the decoder refuses: /member-page-json/lenient
 * lists those cases.
 *
 * The cases with broken text (edges, lenient, mutations) run outside the
 * valgrind suite (tests/team/meson.build): json-glib 1.6.6 leaks on some
 * broken text (RELIABILITY.md).
 */

#include "config.h"

#include <string.h>

#include "tc-api-client-private.h"
#include "tc-api-error.h"
#include "tc-member.h"
#include "tc-member-page-json-private.h"
#include "tc-member-page-reference.h"
#include "tc-test-util.h"
#include "team-test-world.h"

typedef struct
{
  guint both_decoded;
  guint both_failed;
  guint lenient;       /* json-glib accepted, the decoder refused */
} Tally;

/* Decodes @data both ways. @exact: well-formed JSON, where both must agree
 * on everything, the error message too. Otherwise json-glib may accept
 * what the decoder refuses, never the other way round. */
static void
check (const char *data,
       gsize       size,
       gboolean    exact,
       Tally      *tally)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reference_error = NULL;
  g_autoptr(GPtrArray) members = _tc_member_page_decode (data, size, &error);
  g_autoptr(GPtrArray) reference = tc_member_page_reference_decode (data, size, &reference_error);
  g_autofree char *head = g_strndup (data ? data : "", MIN (size, 400));
  g_autofree char *shown = g_strescape (head, NULL);

  if (members != NULL && reference != NULL)
    {
      g_autofree char *difference = tc_member_page_compare (members, reference);

      if (difference != NULL)
        g_error ("Decoded differently (%s): %s", difference, shown);
      tally->both_decoded++;
    }
  else if (members == NULL && reference == NULL)
    {
      if (!g_error_matches (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE) ||
          !g_error_matches (reference_error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE))
        g_error ("Not INVALID_RESPONSE: %s / %s: %s", error->message, reference_error->message,
                 shown);
      /* Syntax errors are worded by each parser; decoding errors the same.
       * Where the decoder read the JSON, json-glib read it too. */
      if ((exact || !g_str_has_prefix (error->message, "The answer is not valid JSON: ")) &&
          strcmp (error->message, reference_error->message) != 0)
        g_error ("Different errors “%s” / “%s”: %s", error->message, reference_error->message,
                 shown);
      tally->both_failed++;
    }
  else if (members != NULL)
    {
      g_error ("Decoded %u members where json-glib says “%s”: %s", members->len,
               reference_error->message, shown);
    }
  else
    {
      if (exact)
        g_error ("Refused well-formed JSON (“%s”) that json-glib decodes: %s", error->message,
                 shown);
      g_assert_true (g_str_has_prefix (error->message, "The answer is not valid JSON: "));
      tally->lenient++;
    }
}

static void
check_string (const char *text,
              Tally      *tally)
{
  check (text, strlen (text), TRUE, tally);
}

/* The pages timecard-service answered, as the service test recorded them:
 * "### request", "status last-page", the body, each on its line. */
static GPtrArray *
expected_pages (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "service", "team-pages.expected", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "### ") && lines[i + 1] != NULL && lines[i + 2] != NULL &&
        g_str_has_prefix (lines[i + 1], "200 "))
      g_ptr_array_add (pages, g_strdup (lines[i + 2]));
  g_assert_cmpuint (pages->len, >, 50);
  return pages;
}

static void
test_expected_pages (void)
{
  g_autoptr(GPtrArray) pages = expected_pages ();
  Tally tally = { 0, };

  for (guint i = 0; i < pages->len; i++)
    check_string (g_ptr_array_index (pages, i), &tally);
  g_test_message ("%u pages decoded alike, %u refused alike", tally.both_decoded, tally.both_failed);
  g_assert_cmpuint (tally.both_decoded, >, 50);
}

/* TcApiDecodeBytesFunc: the page through the client, as TcMemberList reads it. */
static gpointer
decode_page (const char  *data,
             gsize        size,
             GError     **error)
{
  return _tc_member_page_decode (data, size, error);
}

static void
test_seeded_pages (void)
{
  g_autoptr(TeamWorld) world = team_world_new (230);
  static const guint sizes[] = { 1, 7, 50, 250 };
  Tally tally = { 0, };
  guint n_members = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint page = 1;; page++)
      {
        g_autofree char *path = g_strdup_printf ("/v1/workspaces/%s/users?include-roles=true"
                                                 "&status=ALL&page=%u&page-size=%u",
                                                 world->pro_ws, page, sizes[s]);
        g_autoptr(GAsyncResult) result = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GPtrArray) members = NULL;
        gboolean has_last = FALSE, last = FALSE;
        gsize size = 0;
        const char *data;

        _tc_api_client_get_decoded_bytes_async (world->client, path, decode_page,
                                                (GDestroyNotify) g_ptr_array_unref, NULL,
                                                tc_test_store_result, &result);
        tc_test_wait_result (&result, 30);
        members = _tc_api_client_get_decoded_finish (world->client, result, &bytes, &has_last,
                                                     &last, &error);
        g_assert_no_error (error);
        g_assert_nonnull (bytes);
        data = g_bytes_get_data (bytes, &size);
        check (data, size, TRUE, &tally);
        if (sizes[s] == 50)
          n_members += members->len;
        g_assert_true (has_last);
        if (last || (sizes[s] == 1 && page == 40))
          break;
      }
  /* The owner and 230 members, each once. */
  g_assert_cmpuint (n_members, ==, 231);
  g_assert_cmpuint (tally.both_failed, ==, 0);
}

/* Generated pages */

static const char *
pick (GRand              *rand,
      const char * const *strings,
      guint               n)
{
  return strings[g_rand_int_range (rand, 0, n)];
}
#define PICK(rand, array) pick ((rand), (array), G_N_ELEMENTS (array))

static void
add_space (GRand   *rand,
           GString *out)
{
  static const char * const spaces[] = { "", "", "", "", " ", "\n", "\t", "\r\n", "  \n  " };

  g_string_append (out, PICK (rand, spaces));
}

/* One piece of a string's text, raw or escaped. */
static void
add_string_piece (GRand   *rand,
                  GString *out,
                  gboolean rare)
{
  static const char * const pieces[] = {
    "a", "Z", "bob", " ", "@", ".", "-", "_", "0", "é", "ß", "İ", "ǅ", "中文", "ﬀ", "Ω",
    "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u00C9",
    "\\u0041", "\\u4e2d", "\\uFFFF", "\\ufffe", "\\u0130", "\\u01c5", "\\u0007", "\\u001f",
    "😀", "\\ud83d\\ude00", "\\uD834\\uDD1E", "\\udbff\\udfff", "𝄞", "\xf4\x8f\xbf\xbf",
    "\xef\xbf\xbf", "\x7f",
  };

  if (rare && g_rand_int_range (rand, 0, 40) == 0)
    g_string_append (out, "\\u0000");
  else
    g_string_append (out, PICK (rand, pieces));
}

static void
add_string (GRand      *rand,
            GString    *out,
            const char *text)
{
  g_string_append_c (out, '"');
  if (text != NULL)
    g_string_append (out, text);
  else
    for (int n = g_rand_int_range (rand, 0, 8); n > 0; n--)
      add_string_piece (rand, out, TRUE);
  g_string_append_c (out, '"');
}

static void
add_number (GRand   *rand,
            GString *out)
{
  static const char * const numbers[] = {
    "0", "-0", "1", "-1", "42", "3.25", "-0.5", "1e3", "1E+3", "2e-5", "-1.5E-300", "1e400",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809",
    "123456789012345678901234567890", "0.000000000000000000000000000001", "12.50e+00",
  };

  g_string_append (out, PICK (rand, numbers));
}

static void add_value (GRand   *rand,
                       GString *out,
                       guint    depth);

static void
add_container (GRand   *rand,
               GString *out,
               guint    depth,
               gboolean object)
{
  int n = g_rand_int_range (rand, 0, depth > 3 ? 2 : 4);

  g_string_append_c (out, object ? '{' : '[');
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      add_space (rand, out);
      if (object)
        {
          add_string (rand, out, NULL);
          add_space (rand, out);
          g_string_append_c (out, ':');
          add_space (rand, out);
        }
      add_value (rand, out, depth + 1);
      add_space (rand, out);
    }
  g_string_append_c (out, object ? '}' : ']');
}

static void
add_value (GRand   *rand,
           GString *out,
           guint    depth)
{
  switch (g_rand_int_range (rand, 0, depth > 6 ? 6 : 8))
    {
    case 0: case 1: add_string (rand, out, NULL); break;
    case 2: add_number (rand, out); break;
    case 3: g_string_append (out, "true"); break;
    case 4: g_string_append (out, "false"); break;
    case 5: g_string_append (out, "null"); break;
    case 6: add_container (rand, out, depth, TRUE); break;
    case 7: default: add_container (rand, out, depth, FALSE); break;
    }
}

/* Half the pages are tame: their members are good, but for their JSON
 * (escapes, order, duplicates, other members); the other half fail often. */
static gboolean tame;

/* A value for a member that should be a string: mostly one of @good. */
static void
add_field_value (GRand              *rand,
                 GString            *out,
                 const char * const *good,
                 guint               n_good)
{
  int dice = g_rand_int_range (rand, 0, 50);

  if (tame && good != NULL)
    dice = 0;
  if (dice < 42 && good != NULL)
    add_string (rand, out, pick (rand, good, n_good));
  else if (dice < 45)
    add_string (rand, out, NULL);
  else if (dice < 47)
    g_string_append (out, "null");
  else
    add_value (rand, out, 5);
}

/* A member's name as written: itself, with an escape that decodes to it,
 * or with a U+0000 and more (json-glib ends names at U+0000 too). */
static void
add_name (GRand      *rand,
          GString    *out,
          const char *name)
{
  int dice = g_rand_int_range (rand, 0, 30);

  if (tame && dice > 0)
    dice = 3;
  if (dice == 0)
    g_string_append_printf (out, "\"\\u%04x%s\"", name[0], name + 1);
  else if (dice == 1)
    g_string_append_printf (out, "\"%s\\u0000x\"", name);
  else if (dice == 2)
    g_string_append_printf (out, "\"%s_\"", name);
  else
    g_string_append_printf (out, "\"%s\"", name);
}

static void
add_roles (GRand   *rand,
           GString *out)
{
  static const char * const roles[] = {
    "OWNER", "WORKSPACE_ADMIN", "TEAM_MANAGER", "PROJECT_MANAGER", "owner", "Team_Manager",
    "MEMBER", "BOGUS", "",
  };
  int dice = g_rand_int_range (rand, 0, 40);

  if (dice >= 37 && !tame)
    {
      add_field_value (rand, out, NULL, 0);
      return;
    }
  g_string_append_c (out, '[');
  for (int i = g_rand_int_range (rand, 0, 4), first = 1; i > 0; i--, first = 0)
    {
      int k;

      if (!first)
        g_string_append_c (out, ',');
      add_space (rand, out);
      if (!tame && g_rand_int_range (rand, 0, 60) == 0)
        {
          add_value (rand, out, 5);
          continue;
        }
      g_string_append_c (out, '{');
      k = !tame && g_rand_int_range (rand, 0, 12) == 0 ? 0 : 1 + (g_rand_int_range (rand, 0, 8) == 0);
      for (int j = 0; j < k; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          add_name (rand, out, "role");
          g_string_append_c (out, ':');
          add_field_value (rand, out, roles, G_N_ELEMENTS (roles));
        }
      if (g_rand_boolean (rand))
        {
          g_string_append (out, k > 0 ? ",\"entities\":" : "\"entities\":");
          add_value (rand, out, 4);
        }
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

static void
add_user (GRand   *rand,
          GString *out)
{
  static const char * const names[] = { "id", "email", "name", "profilePicture", "status", "roles" };
  static const char * const ids[] = { "5f0000000000000000000001", "a", "" };
  static const char * const emails[] = { "ada@example.com", "Zoë@Example.COM", "" };
  static const char * const people[] = { "Ada Lovelace", "zoë", "", "İsmail", "ǅemal", "Émile" };
  static const char * const pictures[] = { "https://img.example.com/p.png", "" };
  static const char * const statuses[] = {
    "ACTIVE", "INACTIVE", "PENDING", "DECLINED", "active", "Pending", "declined", "BOGUS",
  };
  static const char * const tame_statuses[] = { "ACTIVE", "INACTIVE", "pending", "Declined" };
  const char * const * const good[] = {
    ids, emails, people, pictures, tame ? tame_statuses : statuses,
  };
  const guint n_good[] = {
    G_N_ELEMENTS (ids), G_N_ELEMENTS (emails), G_N_ELEMENTS (people), G_N_ELEMENTS (pictures),
    tame ? G_N_ELEMENTS (tame_statuses) : G_N_ELEMENTS (statuses),
  };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Each member missing (rarely), once or twice; some others around. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int times = !tame && g_rand_int_range (rand, 0, 60) == 0 ? 0 : g_rand_int_range (rand, 0, 8) == 0 ? 2 : 1;

      for (int t = 0; t < times; t++)
        {
          GString *part = g_string_new (NULL);

          add_name (rand, part, names[i]);
          add_space (rand, part);
          g_string_append_c (part, ':');
          add_space (rand, part);
          if (i < G_N_ELEMENTS (good))
            add_field_value (rand, part, good[i], n_good[i]);
          else
            add_roles (rand, part);
          g_ptr_array_add (parts, g_string_free (part, FALSE));
        }
    }
  for (int extra = g_rand_int_range (rand, 0, 5); extra > 0; extra--)
    {
      static const char * const others[] = { "settings", "memberships", "customFields", "x" };
      GString *part = g_string_new (NULL);

      g_string_append_printf (part, "\"%s\":", PICK (rand, others));
      add_value (rand, part, 1);
      g_ptr_array_add (parts, g_string_free (part, FALSE));
    }
  /* In any order. */
  for (guint i = parts->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer swap = parts->pdata[i - 1];

      parts->pdata[i - 1] = parts->pdata[j];
      parts->pdata[j] = swap;
    }
  g_string_append_c (out, '{');
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      add_space (rand, out);
      g_string_append (out, g_ptr_array_index (parts, i));
      add_space (rand, out);
    }
  g_string_append_c (out, '}');
}

/* A deeply nested value around the limit of TC_WIRE_JSON_MAX_DEPTH. */
static void
add_deep (GRand   *rand,
          GString *out)
{
  int depth = g_rand_int_range (rand, TC_WIRE_JSON_MAX_DEPTH - 3, TC_WIRE_JSON_MAX_DEPTH + 2);

  g_string_append (out, "{\"settings\":");
  for (int i = 2; i < depth; i++)
    g_string_append (out, i % 2 ? "[" : "{\"a\":");
  g_string_append (out, "1");
  for (int i = depth - 1; i >= 2; i--)
    g_string_append (out, i % 2 ? "]" : "}");
  g_string_append (out, ",\"id\":\"d\",\"email\":\"d@example.com\",\"status\":\"ACTIVE\"}");
}

static char *
generate_page (GRand *rand)
{
  GString *out = g_string_new (NULL);
  int dice = g_rand_int_range (rand, 0, 100);

  tame = g_rand_boolean (rand);
  add_space (rand, out);
  if (dice == 0)
    add_value (rand, out, 0);   /* mostly not a list */
  else
    {
      g_string_append_c (out, '[');
      for (int i = g_rand_int_range (rand, 0, 7), first = 1; i > 0; i--, first = 0)
        {
          if (!first)
            g_string_append_c (out, ',');
          add_space (rand, out);
          if (!tame && g_rand_int_range (rand, 0, 40) == 0)
            add_value (rand, out, 3);
          else if (!tame && g_rand_int_range (rand, 0, 40) == 0)
            add_deep (rand, out);
          else
            add_user (rand, out);
          add_space (rand, out);
        }
      g_string_append_c (out, ']');
    }
  add_space (rand, out);
  return g_string_free (out, FALSE);
}

#define N_GENERATED 4000

static void
test_generated (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  Tally tally = { 0, };

  for (guint i = 0; i < N_GENERATED; i++)
    {
      g_autofree char *page = generate_page (rand);

      check_string (page, &tally);
    }
  g_test_message ("%u generated pages decoded alike, %u refused alike",
                  tally.both_decoded, tally.both_failed);
  /* Both outcomes are well represented. */
  g_assert_cmpuint (tally.both_decoded, >, N_GENERATED / 4);
  g_assert_cmpuint (tally.both_failed, >, N_GENERATED / 4);
}

/* Mutations */

static void
mutate (GRand   *rand,
        GString *text)
{
  static const char specials[] = "\"\\,:[]{}0-.eE/*'tfnu \x01\x80\xff";
  guint at = text->len ? g_rand_int_range (rand, 0, text->len) : 0;
  char c = g_rand_boolean (rand) ? specials[g_rand_int_range (rand, 0, sizeof specials - 1)] :
                                   (char) g_rand_int_range (rand, 0, 256);

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      if (text->len > 0)
        text->str[at] = c;
      break;
    case 1:
      g_string_insert_c (text, at, c);
      break;
    case 2:
      if (text->len > 0)
        g_string_erase (text, at, 1);
      break;
    case 3:
    default:
      g_string_truncate (text, at);
      break;
    }
}

#define N_MUTATIONS 12000

static void
test_mutations (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8259);
  g_autoptr(GPtrArray) pages = expected_pages ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  Tally tally = { 0, };

  /* The small real pages, and generated ones. */
  for (guint i = 0; i < pages->len; i++)
    if (strlen (g_ptr_array_index (pages, i)) < 12000)
      g_ptr_array_add (sources, g_strdup (g_ptr_array_index (pages, i)));
  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (sources, generate_page (rand));

  for (guint i = 0; i < N_MUTATIONS; i++)
    {
      const char *source = g_ptr_array_index (sources, g_rand_int_range (rand, 0, sources->len));
      g_autoptr(GString) text = g_string_new (source);

      for (int n = g_rand_int_range (rand, 1, 4); n > 0; n--)
        mutate (rand, text);
      check (text->str, text->len, FALSE, &tally);
    }
  g_test_message ("%u mutants decoded alike, %u refused by both, %u only by the decoder",
                  tally.both_decoded, tally.both_failed, tally.lenient);
  g_assert_cmpuint (tally.both_decoded, >, 100);
  g_assert_cmpuint (tally.both_failed, >, N_MUTATIONS / 4);
}

/* What json-glib 1.6 accepts that RFC 8259 forbids: the decoder refuses
 * each (and json-glib still accepts each, or this list is out of date). */
#define MEMBER "\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\""

static void
test_lenient (void)
{
  static const struct { const char *what; const char *text; } cases[] = {
    { "a comment", "[/* x */{" MEMBER "}]" },
    { "single quotes", "[{'id':'1','email':'a@b','status':'ACTIVE'}]" },
    { "a raw newline in a string", "[{\"id\":\"1\",\"email\":\"a\nb\",\"status\":\"ACTIVE\"}]" },
    { "a raw control character", "[{\"id\":\"\x01\",\"email\":\"a\",\"status\":\"ACTIVE\"}]" },
    { "an unknown escape", "[{\"id\":\"\\x\",\"email\":\"a\",\"status\":\"ACTIVE\"}]" },
    { "an escaped quote", "[{\"id\":\"\\'\",\"email\":\"a\",\"status\":\"ACTIVE\"}]" },
    { "a lone high surrogate before text",
      "[{\"id\":\"\\ud800a\",\"email\":\"a\",\"status\":\"ACTIVE\"}]" },
    { "a leading zero", "[{" MEMBER ",\"x\":01}]" },
    { "a number ending in a point", "[{" MEMBER ",\"x\":1.}]" },
    { "a number starting with a point", "[{" MEMBER ",\"x\":.5}]" },
    { "a hex number", "[{" MEMBER ",\"x\":0x10}]" },
    { "a space after a minus", "[{" MEMBER ",\"x\":- 1}]" },
    { "a second value", "[] []" },
    { "a byte order mark", "\xef\xbb\xbf[]" },
  };
  Tally tally = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) reference = NULL;

      g_test_message ("%s", cases[i].what);
      reference = tc_member_page_reference_decode (cases[i].text, strlen (cases[i].text), &error);
      g_assert_no_error (error);
      g_assert_nonnull (reference);
      check (cases[i].text, strlen (cases[i].text), FALSE, &tally);
    }
  g_assert_cmpuint (tally.lenient, ==, G_N_ELEMENTS (cases));
}

/* RFC 8259 details, each against json-glib (which agrees on all of them). */
static void
test_edges (void)
{
  static const char * const refused[] = {
    "", " ", "[", "[1,]", "[,]", "{\"a\":1,}", "[1 2]", "[\"\\ud800\"]", "[\"\\udc00\"]",
    "[\"\\ud800\\ud800\"]", "[\"\\u12\"]", "[\"\xff\"]", "[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]",
    "[\"\xf4\x90\x80\x80\"]", "[-]", "[1e]", "[1e+]", "[+1]", "[NaN]", "[Infinity]", "[tru]",
    "[nul]", "[truex]", "{\"a\" 1}", "{1:2}", "[1] x",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\"},]", "[{\"id\":\"1\",}]",
  };
  /* A raw U+0000, in a string and after the value. */
  static const struct { const char *text; gsize size; } with_nul[] = {
    { "[\"a\0b\"]", 6 }, { "[1]\0", 4 },
  };
  static const char * const agreed[] = {
    "[]", " [ ] ", "{}", "\"users\"", "null", "42",
    /* The last of two members with one name counts, as in json-glib. */
    "[{\"id\":1,\"id\":\"1\",\"email\":\"a\",\"status\":\"BOGUS\",\"status\":\"ACTIVE\"}]",
    "[{\"id\":\"1\",\"id\":null,\"email\":\"a\",\"status\":\"ACTIVE\"}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"roles\":[{\"role\":\"OWNER\"}],"
      "\"roles\":[{\"role\":1}]}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"roles\":[{\"role\":1}],"
      "\"roles\":[{\"role\":\"OWNER\"}]}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"roles\":[{\"role\":1,\"role\":\"admin\"}]}]",
    /* U+0000 ends a string, and a member's name. */
    "[{\"id\":\"1\\u0000x\",\"email\":\"a\",\"name\":\"\\u0000Ada\",\"status\":\"ACTIVE\\u0000?\"}]",
    "[{\"id\\u0000x\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\"}]",
    "[{\"i\\u0064\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"r\\u006fles\":7}]",
    /* Escapes and astral characters decode to the same text and keys. */
    "[{\"id\":\"\\ud83d\\ude00\",\"email\":\"\\u00C9mile@x\",\"name\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t😀\","
      "\"status\":\"active\"}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"roles\":[1]}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"roles\":[{}]}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"roles\":{}}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"roles\":null,\"name\":\"\"}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\"},7]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"NOPE\",\"roles\":[2]}]",
    "[{\"email\":\"a\"}, {\"id\":\"1\"}]",
    "[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"x\":[1e400,-0,0.5E-3,{\"id\":5}]}]",
  };
  Tally tally = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (refused) + G_N_ELEMENTS (with_nul); i++)
    {
      gboolean nul = i >= G_N_ELEMENTS (refused);
      const char *text = nul ? with_nul[i - G_N_ELEMENTS (refused)].text : refused[i];
      gsize size = nul ? with_nul[i - G_N_ELEMENTS (refused)].size : strlen (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) members = _tc_member_page_decode (text, size, &error);

      g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
      g_assert_null (members);
      check (text, size, FALSE, &tally);
    }
  g_assert_cmpuint (tally.both_failed, ==, G_N_ELEMENTS (refused) + G_N_ELEMENTS (with_nul));

  memset (&tally, 0, sizeof tally);
  for (guint i = 0; i < G_N_ELEMENTS (agreed); i++)
    check_string (agreed[i], &tally);
  g_assert_cmpuint (tally.both_decoded + tally.both_failed, ==, G_N_ELEMENTS (agreed));
}

/* Nesting: TC_WIRE_JSON_MAX_DEPTH levels are read, one more is refused. */
static void
test_depth (void)
{
  Tally tally = { 0, };

  for (guint depth = TC_WIRE_JSON_MAX_DEPTH - 1; depth <= TC_WIRE_JSON_MAX_DEPTH + 1; depth++)
    {
      g_autoptr(GString) text = g_string_new ("[{\"id\":\"1\",\"email\":\"a\",\"status\":\"ACTIVE\",\"x\":");
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) members = NULL;

      for (guint i = 2; i < depth; i++)
        g_string_append_c (text, '[');
      for (guint i = 2; i < depth; i++)
        g_string_append_c (text, ']');
      g_string_append (text, "}]");
      members = _tc_member_page_decode (text->str, text->len, &error);
      if (depth <= TC_WIRE_JSON_MAX_DEPTH)
        g_assert_no_error (error);
      else
        g_assert_error (error, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE);
      check (text->str, text->len, TRUE, &tally);
    }
  g_assert_cmpuint (tally.both_decoded, ==, 2);
  g_assert_cmpuint (tally.both_failed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/member-page-json/edges", test_edges);
  g_test_add_func ("/member-page-json/depth", test_depth);
  g_test_add_func ("/member-page-json/lenient", test_lenient);
  g_test_add_func ("/member-page-json/expected-pages", test_expected_pages);
  g_test_add_func ("/member-page-json/seeded-pages", test_seeded_pages);
  g_test_add_func ("/member-page-json/generated", test_generated);
  g_test_add_func ("/member-page-json/mutations", test_mutations);

  return g_test_run ();
}
