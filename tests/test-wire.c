/* test-wire.c — the validators both sides share
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-wire.h"

typedef gboolean (*Validator) (const char *value);

typedef struct {
  const char *value;
  gboolean    valid;
} Case;

static void
run_cases (Validator   validator,
           const Case *cases,
           gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_test_message ("“%s” should be %s", cases[i].value ? cases[i].value : "(null)",
                      cases[i].valid ? "valid" : "invalid");
      g_assert_cmpint (validator (cases[i].value), ==, cases[i].valid);
    }
}

static void
test_name (void)
{
  g_autofree char *max = g_strnfill (TC_WIRE_NAME_MAX_CHARS, 'a');
  g_autofree char *over = g_strnfill (TC_WIRE_NAME_MAX_CHARS + 1, 'a');
  const Case cases[] = {
    { "Ada Lovelace", TRUE },
    { "Zoë Ñúñez 山田", TRUE },
    { "", FALSE },
    { "   ", FALSE },
    { NULL, FALSE },
    { max, TRUE },
    { over, FALSE },
    { "\xff\xfe", FALSE },
  };

  run_cases (tc_wire_validate_name, cases, G_N_ELEMENTS (cases));
}

static void
test_email (void)
{
  const Case cases[] = {
    { "ada@example.com", TRUE },
    { "a.b+c@sub.example.org", TRUE },
    { "root@localhost.localdomain", TRUE },
    { "ada@example", FALSE },
    { "@example.com", FALSE },
    { "ada@", FALSE },
    { "ada example@example.com", FALSE },
    { "a@b@example.com", FALSE },
    { "ada@example.", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  run_cases (tc_wire_validate_email, cases, G_N_ELEMENTS (cases));
}

static void
test_server_url (void)
{
  const Case cases[] = {
    { "https://api.clockify.me/api", TRUE },
    { "https://euc1.clockify.me/api", TRUE },
    { "http://127.0.0.1:8080/api", TRUE },
    { "http://localhost:8080/api", TRUE },
    { "http://[::1]:8080/api", TRUE },
    { "http://api.clockify.me/api", FALSE },
    { "http://10.0.0.1/api", FALSE },
    { "ftp://example.com", FALSE },
    { "not a url", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  run_cases (tc_wire_validate_server_url, cases, G_N_ELEMENTS (cases));
}

static void
test_misc_validators (void)
{
  const Case ids[] = {
    { "0123456789abcdef01234567", TRUE },
    { "0123456789ABCDEF01234567", FALSE },
    { "0123456789abcdef0123456", FALSE },
    { "0123456789abcdef0123456g", FALSE },
  };
  const Case times[] = {
    { "09:00", TRUE }, { "23:59", TRUE }, { "24:00", FALSE }, { "9:00", FALSE },
    { "09:60", FALSE }, { "aa:bb", FALSE },
  };
  const Case langs[] = {
    { "EN", TRUE }, { "de", TRUE }, { "PT_BR", TRUE }, { "pt-BR", TRUE },
    { "E", FALSE }, { "ENGL", FALSE }, { "EN_", FALSE }, { "E1", FALSE },
  };
  const Case webhook_names[] = {
    { "ab", TRUE }, { "a", FALSE }, { "Thirty characters exactly ok!!", TRUE },
    { "Thirty-one characters is too long", FALSE },
  };

  run_cases (tc_wire_validate_id, ids, G_N_ELEMENTS (ids));
  run_cases (tc_wire_validate_time_of_day, times, G_N_ELEMENTS (times));
  run_cases (tc_wire_validate_language, langs, G_N_ELEMENTS (langs));
  run_cases (tc_wire_validate_webhook_name, webhook_names, G_N_ELEMENTS (webhook_names));
}

static void
test_duration (void)
{
  const struct {
    const char *iso;
    gboolean    valid;
    gint64      seconds;
  } cases[] = {
    { "PT8H", TRUE, 8 * 3600 },
    { "PT7H30M", TRUE, 7 * 3600 + 30 * 60 },
    { "PT0M", TRUE, 0 },
    { "PT45S", TRUE, 45 },
    { "PT1H1M1S", TRUE, 3661 },
    { "P1D", FALSE, 0 },
    { "PT", FALSE, 0 },
    { "PT30M8H", FALSE, 0 },
    { "PTH", FALSE, 0 },
    { "8H", FALSE, 0 },
    { "PT99999999999H", FALSE, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 seconds = -1;

      g_assert_cmpint (tc_wire_parse_duration (cases[i].iso, &seconds), ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_autofree char *back = tc_wire_format_duration (seconds);
          gint64 again = -1;

          g_assert_cmpint (seconds, ==, cases[i].seconds);
          g_assert_true (tc_wire_parse_duration (back, &again));
          g_assert_cmpint (again, ==, seconds);
        }
    }
}

static void
test_enums (void)
{
  g_assert_cmpstr (tc_day_to_wire (TC_DAY_MONDAY), ==, "MONDAY");
  g_assert_cmpint (tc_day_from_wire ("sunday"), ==, TC_DAY_SUNDAY);
  g_assert_cmpint (tc_day_from_wire ("FUNDAY"), ==, TC_DAY_INVALID);
  g_assert_cmpint (tc_plan_from_wire ("STANDARD_2021"), ==, TC_PLAN_STANDARD);
  g_assert_cmpint (tc_plan_from_wire (NULL), ==, TC_PLAN_FREE);
  g_assert_cmpint (tc_plan_from_wire ("PRO"), ==, TC_PLAN_PRO);
  g_assert_cmpint (g_strv_length ((char **) tc_wire_webhook_events ()), ==, 51);
  g_assert_true (tc_wire_is_webhook_event ("USER_UPDATED"));
  g_assert_false (tc_wire_is_webhook_event ("USER_EXPLODED"));
  g_assert_true (tc_wire_is_webhook_trigger_type ("USER_ID"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wire/name", test_name);
  g_test_add_func ("/wire/email", test_email);
  g_test_add_func ("/wire/server-url", test_server_url);
  g_test_add_func ("/wire/misc", test_misc_validators);
  g_test_add_func ("/wire/duration", test_duration);
  g_test_add_func ("/wire/enums", test_enums);

  return g_test_run ();
}
