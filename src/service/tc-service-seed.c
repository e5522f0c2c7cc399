/* tc-service-seed.c — the demo world of `--seed N`
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tc-service-private.h"

gboolean
tc_service_seed (TcService  *self,
                 guint       n_members,
                 char      **out_owner_api_key,
                 GError    **error)
{
  g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_INVALID, "Not yet");
  return FALSE;
}
