/* tc-test-service.h — an in-process timecard-service and an HTTP client for tests
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service listens on 127.0.0.1 in the test's main context; requests go
 * over real HTTP with a SoupSession and the context is iterated until the
 * answer arrives, with a timeout so no test can hang.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tc-service-private.h"

G_BEGIN_DECLS

typedef struct
{
  TcService   *service;
  SoupSession *session;
  char        *dir;
  char        *db_path;
  char        *maildir;
  char        *base_url;
  char        *owner_id;
  char        *owner_key;
  char        *workspace_id;   /* the owner's PRO workspace */
} TcTestService;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;      /* NULL when the body is not JSON */
} TcTestResponse;

TcTestService  *tc_test_service_new      (void);
void            tc_test_service_free     (TcTestService *ts);

/* @headers: NULL-terminated name, value pairs added as they are. */
TcTestResponse *tc_test_request_full     (TcTestService      *ts,
                                          const char         *method,
                                          const char         *path,
                                          const char * const *headers,
                                          const char         *content_type,
                                          GBytes             *body);
/* With X-Api-Key @key (none when NULL) and an optional JSON body. */
TcTestResponse *tc_test_request          (TcTestService *ts,
                                          const char    *method,
                                          const char    *path,
                                          const char    *key,
                                          const char    *json_body);
void            tc_test_response_free    (TcTestResponse *res);
JsonObject     *tc_test_response_object  (TcTestResponse *res);
JsonArray      *tc_test_response_array   (TcTestResponse *res);
/* Asserts status and, for errors, the body's code. */
void            tc_test_assert_error     (TcTestResponse *res,
                                          guint           status,
                                          gint64          code);

/* Test world builders (direct SQL through the service's own helpers). */
char           *tc_test_add_workspace    (TcTestService *ts,
                                          const char    *name,
                                          const char    *plan,
                                          const char    *owner_id);
char           *tc_test_add_user         (TcTestService *ts,
                                          const char    *name,
                                          const char    *email,
                                          char         **out_key);
void            tc_test_add_membership   (TcTestService *ts,
                                          const char    *workspace_id,
                                          const char    *user_id,
                                          const char    *role,
                                          const char    *status);
/* Iterates the main context for @ms milliseconds. */
void            tc_test_spin             (guint          ms);
/* Iterates until @done is TRUE or @timeout_ms passed; returns *done. */
gboolean        tc_test_wait_for         (gboolean      *done,
                                          guint          timeout_ms);
/* The messages in @maildir/new, oldest first, as text. */
GPtrArray      *tc_test_read_maildir     (const char    *maildir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TcTestResponse, tc_test_response_free)

G_END_DECLS
