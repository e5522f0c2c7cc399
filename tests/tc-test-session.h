/* tc-test-session.h — waiting for a queued edit's outcome in tests
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header only: the programs that include it link the core already.
 */

#pragma once

#include "tc-session.h"
#include "tc-test-util.h"

typedef struct
{
  const char *uuid;     /* the edit to wait for; NULL: the first to leave */
  gboolean    resolved;
  GError     *error;
} TcTestEditOutcome;

static inline void
tc_test_edit_resolved_cb (TcSession         *session,
                          TcPendingEdit     *edit,
                          const GError      *error,
                          TcTestEditOutcome *outcome)
{
  if (outcome->resolved ||
      (outcome->uuid != NULL && g_strcmp0 (tc_pending_edit_get_uuid (edit), outcome->uuid) != 0))
    return;
  outcome->resolved = TRUE;
  outcome->error = error != NULL ? g_error_copy (error) : NULL;
}

static inline gboolean
tc_test_edit_outcome_known (gpointer data)
{
  return ((TcTestEditOutcome *) data)->resolved;
}

/* tc_session_set_name(), then waits for that edit to leave the outbox:
 * TRUE when the server accepted it, FALSE with @error otherwise. */
static inline gboolean
tc_test_session_set_name (TcSession   *session,
                          const char  *name,
                          guint        timeout_seconds,
                          GError     **error)
{
  TcTestEditOutcome outcome = { NULL, FALSE, NULL };
  gulong id = g_signal_connect (session, "edit-resolved",
                                G_CALLBACK (tc_test_edit_resolved_cb), &outcome);

  tc_session_set_name (session, name);
  tc_test_wait_until (tc_test_edit_outcome_known, &outcome, timeout_seconds);
  g_signal_handler_disconnect (session, id);
  if (outcome.error != NULL)
    {
      g_propagate_error (error, outcome.error);
      return FALSE;
    }
  return TRUE;
}

/* Waits for the edit @uuid (made without iterating the main loop since)
 * to leave the outbox: TRUE when accepted, FALSE with @error otherwise. */
static inline gboolean
tc_test_session_wait_edit (TcSession   *session,
                           const char  *uuid,
                           guint        timeout_seconds,
                           GError     **error)
{
  TcTestEditOutcome outcome = { uuid, FALSE, NULL };
  gulong id = g_signal_connect (session, "edit-resolved",
                                G_CALLBACK (tc_test_edit_resolved_cb), &outcome);

  g_assert_nonnull (uuid);
  tc_test_wait_until (tc_test_edit_outcome_known, &outcome, timeout_seconds);
  g_signal_handler_disconnect (session, id);
  if (outcome.error != NULL)
    {
      g_propagate_error (error, outcome.error);
      return FALSE;
    }
  return TRUE;
}
