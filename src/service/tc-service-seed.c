/* tc-service-seed.c — the demo world of `--seed N`
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PRO workspace with the owner and N members of every role and status,
 * some with pending approvals, some in a second (FREE) workspace too,
 * custom user fields of all six types with values, and a few webhooks.
 * Two more workspaces belong to a partner, Bea: the owner is an Admin in
 * the STANDARD one and a plain member of the BASIC one, so the owner has
 * a workspace of each role (the workspace switcher shows them all); a
 * few members are in those too.
 * Everything goes in one transaction through cached prepared statements,
 * so 10,000 members take well under a second.
 */

#include "config.h"

#include "tc-service-private.h"

#define SEED_MAX 1000000

static const char * const first_names[] = {
  "Zoë", "Søren", "Łukasz", "José", "Ngozi", "Chloé", "Dmitrij", "Özlem", "Nguyễn Văn",
  "Siobhán", "François", "Aiko", "Ingrid", "Mateus", "Leilani", "Björk", "Ömer", "Ana",
  "Иван", "Σοφία", "محمد", "山田", "Priyā", "Kwame", "Renée", "Jiří",
};
static const char * const last_names[] = {
  "Ångström", "Müller", "Nowak", "García", "Okafor", "Dubois", "Ivanov", "Yılmaz",
  "Trần", "O'Connor", "Lefèvre", "Tanaka", "Østergaard", "Souza", "Kahananui",
  "Guðmundsdóttir", "Şahin", "Łowicka", "Петров", "Παπαδοπούλου", "الحسن", "太郎",
  "Raghunāthan", "Mensah", "Zoë-Lee", "Dvořák",
};
static const char * const roles[] = {
  TC_ROLE_ADMIN, "TEAM_MANAGER", "PROJECT_MANAGER", NULL, NULL, NULL, NULL, NULL,
};
static const char * const statuses[] = {
  "ACTIVE", "ACTIVE", "ACTIVE", "INACTIVE", "PENDING", "DECLINED", "ACTIVE",
};
static const char * const day_sets[] = {
  "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY",
  "MONDAY,TUESDAY,WEDNESDAY,THURSDAY",
  "TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY",
  "MONDAY,WEDNESDAY,FRIDAY",
};

typedef struct
{
  const char *name, *type, *status, *allowed;
  gboolean    only_admin;
} FieldSeed;

static const FieldSeed field_seeds[] = {
  { "Department", "DROPDOWN_SINGLE", "VISIBLE",
    "[\"Engineering\",\"Sales\",\"Support\",\"Design\",\"Finance\"]", FALSE },
  { "Skills", "DROPDOWN_MULTIPLE", "VISIBLE", "[\"C\",\"GTK\",\"SQL\",\"Design\",\"Rust\"]", FALSE },
  { "Badge number", "NUMBER", "VISIBLE", "[]", TRUE },
  { "Works remotely", "CHECKBOX", "VISIBLE", "[]", FALSE },
  { "Pronouns", "TXT", "VISIBLE", "[]", FALSE },
  { "Portfolio", "LINK", "VISIBLE", "[]", FALSE },
  { "Legacy code", "TXT", "INVISIBLE", "[]", TRUE },
};

static const char *
dropdown_value (guint i)
{
  static const char * const values[] = {
    "\"Engineering\"", "\"Sales\"", "\"Support\"", "\"Design\"", "\"Finance\""
  };
  return values[i % G_N_ELEMENTS (values)];
}

static char *
field_value (guint field, guint i)
{
  switch (field)
    {
    case 0: return g_strdup (dropdown_value (i));
    case 1: return g_strdup (i % 2 ? "[\"C\",\"GTK\"]" : "[\"SQL\"]");
    case 2: return g_strdup_printf ("%u", 1000 + i);
    case 3: return g_strdup (i % 3 ? "true" : "false");
    case 4: return g_strdup (i % 2 ? "\"she/her\"" : "\"they/them\"");
    case 5: return g_strdup_printf ("\"https://portfolio.example/%u\"", i);
    default: return g_strdup_printf ("\"L-%u\"", i);
    }
}

static gboolean
seed_fields (TcService   *self,
             const char  *ws,
             char       **field_ids)
{
  for (guint f = 0; f < G_N_ELEMENTS (field_seeds); f++)
    {
      const FieldSeed *s = &field_seeds[f];

      field_ids[f] = _tc_new_id ();
      if (!_tc_db_exec (self, "INSERT INTO custom_fields (id, workspace_id, name, description, "
                        "placeholder, type, status, required, only_admin_can_edit, "
                        "allowed_values, position) VALUES (?, ?, ?, '', '', ?, ?, 0, ?, ?, ?)",
                        "sssssisi", field_ids[f], ws, s->name, s->type, s->status,
                        (gint64) s->only_admin, s->allowed, (gint64) f + 1))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *pro, *free_ws, *partner_ws, *club_ws;
} SeedWorkspaces;

static gboolean
seed_member (TcService            *self,
             guint                 i,
             const SeedWorkspaces *ws,
             char                **field_ids,
             char                **out_id)
{
  const char *pro = ws->pro;
  g_autofree char *id = _tc_new_id ();
  g_autofree char *email = g_strdup_printf ("member%05u@demo.example", i);
  g_autofree char *name = g_strdup_printf ("%s %s", first_names[i % G_N_ELEMENTS (first_names)],
                                           last_names[(i / 3) % G_N_ELEMENTS (last_names)]);
  g_autofree char *employee = g_strdup_printf ("E%05u", i);
  const char *status = statuses[i % G_N_ELEMENTS (statuses)];
  gboolean unfinished = i % 50 == 49;
  gboolean ok;

  ok = _tc_db_exec (self, "INSERT INTO users (id, email, name, status, active_ws, default_ws, "
                    "settings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01T09:00:00Z')",
                    "sssssss", id, email, unfinished ? NULL : name,
                    unfinished ? "PENDING_EMAIL_VERIFICATION" : "ACTIVE", pro, pro,
                    unfinished ? NULL : "{}") &&
       _tc_db_exec (self, "INSERT INTO memberships (workspace_id, user_id, status, role, "
                    "work_capacity, working_days, employee_id, employment_type, "
                    "pending_approval) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "ssssisssi",
                    pro, id, status, roles[i % G_N_ELEMENTS (roles)],
                    (gint64) (i % 4 == 0 ? 4 * 3600 : 8 * 3600), day_sets[i % 4], employee,
                    i % 4 == 0 ? "PART_TIME" : "FULL_TIME", (gint64) (i % 9 == 6));
  if (ok && i % 5 == 0)
    ok = _tc_db_exec (self, "INSERT INTO memberships (workspace_id, user_id, status) "
                      "VALUES (?, ?, 'ACTIVE')", "ss", ws->free_ws, id);
  /* Only members already in two workspaces join these: a member's
   * workspaceNumber (rule 4 of the member profile) stays what it was. */
  if (ok && i % 10 == 0)
    ok = _tc_db_exec (self, "INSERT INTO memberships (workspace_id, user_id, status) "
                      "VALUES (?, ?, 'ACTIVE')", "ss", ws->partner_ws, id);
  if (ok && i % 10 == 5)
    ok = _tc_db_exec (self, "INSERT INTO memberships (workspace_id, user_id, status) "
                      "VALUES (?, ?, 'ACTIVE')", "ss", ws->club_ws, id);
  for (guint f = 0; ok && i % 3 != 2 && f < G_N_ELEMENTS (field_seeds); f++)
    {
      g_autofree char *value = field_value (f, i);

      ok = _tc_db_exec (self, "INSERT INTO custom_field_values (field_id, user_id, value) "
                        "VALUES (?, ?, ?)", "sss", field_ids[f], id, value);
    }
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return ok;
}

static gboolean
seed_webhooks (TcService  *self,
               const char *ws,
               const char *owner,
               const char *member)
{
  static const char * const events[] = {
    "USER_UPDATED", "USER_DEACTIVATED_ON_WORKSPACE", "USER_DELETED_FROM_WORKSPACE",
  };
  g_autofree char *sources = g_strdup_printf ("[\"%s\"]", member);

  for (guint h = 0; h < G_N_ELEMENTS (events); h++)
    {
      g_autofree char *id = _tc_new_id ();
      g_autofree char *token = _tc_new_secret (40);
      g_autofree char *name = g_strdup_printf ("Demo hook %u", h + 1);

      /* Disabled: the demo must not knock on hosts that don't exist. */
      if (!_tc_db_exec (self, "INSERT INTO webhooks (id, workspace_id, user_id, name, url, "
                        "event, trigger_type, trigger_source, enabled, auth_token, created_at) "
                        "VALUES (?, ?, ?, ?, 'https://hooks.example.invalid/timecard', ?, ?, ?, "
                        "0, ?, '2026-01-01T09:00:00Z')", "ssssssss", id, ws, owner, name,
                        events[h], h == 0 ? "USER_ID" : "WORKSPACE_ID", h == 0 ? sources : "[]",
                        token))
        return FALSE;
    }
  return TRUE;
}

/* Bea's workspaces: the owner is an Admin in one and a member of the other. */
static gboolean
seed_partner (TcService            *self,
              const SeedWorkspaces *ws,
              const char           *owner)
{
  g_autofree char *partner = _tc_new_id ();

  return _tc_db_exec (self, "INSERT INTO users (id, email, name, status, active_ws, default_ws, "
                      "settings, created_at) VALUES (?, 'partner@demo.example', 'Bea Pärtner', "
                      "'ACTIVE', ?, ?, '{}', '2026-01-01T08:30:00Z')", "sss",
                      partner, ws->partner_ws, ws->partner_ws) &&
         _tc_db_exec (self, "INSERT INTO workspaces (id, name, plan, owner_id) VALUES "
                      "(?, 'Partner Agency', 'STANDARD', ?), (?, 'Open Source Club', 'BASIC', ?)",
                      "ssss", ws->partner_ws, partner, ws->club_ws, partner) &&
         _tc_db_exec (self, "INSERT INTO memberships (workspace_id, user_id, status, role) VALUES "
                      "(?, ?, 'ACTIVE', 'OWNER'), (?, ?, 'ACTIVE', 'OWNER'), "
                      "(?, ?, 'ACTIVE', 'WORKSPACE_ADMIN'), (?, ?, 'ACTIVE', NULL)",
                      "ssssssss", ws->partner_ws, partner, ws->club_ws, partner,
                      ws->partner_ws, owner, ws->club_ws, owner);
}

static gboolean
seed_world (TcService  *self,
            guint       n_members,
            const char *owner,
            char      **out_key)
{
  g_autofree char *pro = _tc_new_id ();
  g_autofree char *free_ws = _tc_new_id ();
  g_autofree char *partner_ws = _tc_new_id ();
  g_autofree char *club_ws = _tc_new_id ();
  SeedWorkspaces ws = { pro, free_ws, partner_ws, club_ws };
  g_autofree char *first_member = NULL;
  char *field_ids[G_N_ELEMENTS (field_seeds)] = { NULL, };
  gboolean ok;

  ok = _tc_db_exec (self, "INSERT INTO users (id, email, name, status, active_ws, default_ws, "
                    "settings, is_bootstrap_owner, created_at) VALUES (?, "
                    "'owner@demo.example', 'Ada Øwner', 'ACTIVE', ?, ?, '{}', 1, "
                    "'2026-01-01T08:00:00Z')", "sss", owner, pro, pro) &&
       _tc_db_exec (self, "INSERT INTO workspaces (id, name, plan, owner_id) VALUES "
                    "(?, 'Démo Company', 'PRO', ?), (?, 'Side Project', 'FREE', ?)",
                    "ssss", pro, owner, free_ws, owner) &&
       _tc_db_exec (self, "INSERT INTO memberships (workspace_id, user_id, status, role) VALUES "
                    "(?, ?, 'ACTIVE', 'OWNER'), (?, ?, 'ACTIVE', 'OWNER')",
                    "ssss", pro, owner, free_ws, owner) &&
       seed_partner (self, &ws, owner) &&
       seed_fields (self, pro, field_ids);

  for (guint i = 0; ok && i < n_members; i++)
    ok = seed_member (self, i, &ws, field_ids, i == 0 ? &first_member : NULL);
  if (ok)
    ok = seed_webhooks (self, pro, owner, first_member ? first_member : owner);
  for (guint f = 0; f < G_N_ELEMENTS (field_ids); f++)
    g_free (field_ids[f]);
  if (ok)
    *out_key = _tc_auth_create_key (self, owner, "Demo owner", NULL);
  return ok && *out_key != NULL;
}

gboolean
tc_service_seed (TcService  *self,
                 guint       n_members,
                 char      **out_owner_api_key,
                 GError    **error)
{
  g_autofree char *owner = NULL;

  g_return_val_if_fail (TC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (out_owner_api_key != NULL, FALSE);

  *out_owner_api_key = NULL;
  if (n_members > SEED_MAX)
    {
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_INVALID,
                   "A seed of %u members is too big (at most %u)", n_members, SEED_MAX);
      return FALSE;
    }
  /* A database with an owner already holds a world: keep it. */
  if (_tc_db_int (self, 0, "SELECT COUNT(*) FROM users WHERE is_bootstrap_owner = 1", NULL) > 0)
    return TRUE;

  owner = _tc_new_id ();
  if (!_tc_db_begin (self) || !seed_world (self, n_members, owner, out_owner_api_key) ||
      !_tc_db_commit (self))
    {
      _tc_db_rollback (self);
      g_clear_pointer (out_owner_api_key, g_free);
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_DATABASE,
                   "Cannot seed the database: %s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}
