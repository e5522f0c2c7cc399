/* team-test-world.h — a seeded timecard-service for the Team tests
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tc_service_seed (N) builds a PRO workspace "Démo Company" with the owner
 * and N members, and a FREE workspace "Side Project". Member i has the
 * email member%05u@demo.example, status ACTIVE, ACTIVE, ACTIVE, INACTIVE,
 * PENDING, DECLINED, ACTIVE (i % 7), role Admin, Team manager, Project
 * manager or none (i % 8), a pending approval when i % 9 == 6 and a second
 * workspace when i % 5 == 0 (a third when i % 10 is 0 or 5). The owner is
 * also Admin of a STANDARD and a member of a BASIC workspace of another
 * user's (for the workspace switcher); pro_ws is the PRO one.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tc-api-client.h"
#include "tc-service.h"

G_BEGIN_DECLS

typedef struct
{
  TcService   *service;     /* NULL while stopped */
  TcApiClient *client;      /* the owner's */
  char        *db_path;
  char        *base_url;
  char        *owner_id;
  char        *owner_email;
  char        *pro_ws;
  char        *free_ws;
} TeamWorld;

TeamWorld   *team_world_new        (guint        n_members);
void         team_world_free       (TeamWorld   *world);
/* Stops the service (connections are refused), and starts it again over
 * the same database on the same port. */
void         team_world_stop       (TeamWorld   *world);
void         team_world_restart    (TeamWorld   *world);
/* The id of seeded member @index. */
char        *team_world_member_id  (TeamWorld   *world,
                                    guint        index);
/* A client signed in as @user_id (a fresh API key). */
TcApiClient *team_world_client_for (TeamWorld   *world,
                                    const char  *user_id);
/* Sends a request with @client and waits for the answer. */
JsonNode    *team_world_request    (TcApiClient *client,
                                    const char  *method,
                                    const char  *path,
                                    const char  *body_json,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TeamWorld, team_world_free)

G_END_DECLS
