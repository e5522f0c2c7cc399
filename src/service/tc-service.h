/* tc-service.h — timecard-service, the Clockify-compatible profile service
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TcService is a real HTTP server (SoupServer) over a SQLite database. It
 * serves on the thread-default GMainContext of the thread that calls
 * tc_service_listen(); the standalone `timecard-service` runs it on the main
 * context, the app runs it on a thread of its own through TcServiceRunner.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TC_SERVICE_ERROR (tc_service_error_quark ())

typedef enum {
  TC_SERVICE_ERROR_DATABASE,   /* SQLite failed or the schema is newer than us */
  TC_SERVICE_ERROR_LISTEN,     /* could not bind the port */
  TC_SERVICE_ERROR_INVALID,    /* a bad argument (seed size, user id…) */
} TcServiceError;

GQuark tc_service_error_quark (void);

#define TC_TYPE_SERVICE (tc_service_get_type ())

G_DECLARE_FINAL_TYPE (TcService, tc_service, TC, SERVICE, GObject)

/* Opens (creating if needed) the database and runs the migrations. */
TcService  *tc_service_new                 (const char  *db_path,
                                            GError     **error);
void        tc_service_set_maildir         (TcService   *self,
                                            const char  *maildir);
void        tc_service_set_rate_limit      (TcService   *self,
                                            double       requests_per_second,
                                            guint        burst);
/* How many requests were answered 429 since the service was made or its
 * rate limit last set. Safe to call from any thread (tests read it). */
guint       tc_service_get_rate_limited_count (TcService *self);
/* With FALSE the server answers every **ext** route of api-contract.md as
 * real Clockify does (404 code 3000 / 405), so clients can test fallbacks. */
void        tc_service_set_extensions_enabled (TcService *self,
                                               gboolean   enabled);
#define TC_SERVICE_DEFAULT_MAX_CONNECTIONS   512
#define TC_SERVICE_DEFAULT_HEADER_TIMEOUT_MS 10000
#define TC_SERVICE_DEFAULT_IDLE_TIMEOUT_MS   30000
#define TC_SERVICE_DEFAULT_KEEP_ALIVE_MS     5000
#define TC_SERVICE_DEFAULT_MAX_REQUESTS      1000
/* Before listening: how many connections may be open at once (more wait in
 * the kernel's backlog), how long a new connection may take to send its
 * request's headers, and how long a request may go with nothing read or
 * written (in its body or its answer) before its connection is closed. Each
 * connection carries one request ("Connection: close"). 0 keeps the
 * default. */
void        tc_service_set_connection_limits (TcService *self,
                                              guint      max_connections,
                                              guint      header_timeout_ms,
                                              guint      idle_timeout_ms);
/* Persistent connections: how long a connection may wait for its next
 * request's headers after an answer (never longer than the header
 * timeout), and how many requests it carries before the service closes it;
 * 0 keeps the default. Call before listening. */
void        tc_service_set_keep_alive        (TcService *self,
                                              guint      timeout_ms,
                                              guint      max_requests);
/* Listens on 127.0.0.1; port 0 picks a free port. */
gboolean    tc_service_listen              (TcService   *self,
                                            guint        port,
                                            GError     **error);
/* Listens on @address, an IPv4 or IPv6 address ("0.0.0.0", "::1"…); the
 * service speaks plain HTTP, so anything but loopback belongs behind a TLS
 * reverse proxy. TC_SERVICE_ERROR_INVALID for a malformed address. */
gboolean    tc_service_listen_on           (TcService   *self,
                                            const char  *address,
                                            guint        port,
                                            GError     **error);
/* TRUE when @address is an IP address of the loopback interface. */
gboolean    tc_service_address_is_loopback (const char  *address);
guint       tc_service_get_port            (TcService   *self);
/* "http://ADDRESS:PORT/api" (127.0.0.1 unless tc_service_listen_on() said
 * otherwise) — the base URL clients append /v1/… to. */
char       *tc_service_dup_base_url        (TcService   *self);
/* Builds the demo world of `--seed N`; returns the owner's new API key. */
gboolean    tc_service_seed                (TcService   *self,
                                            guint        n_members,
                                            char       **out_owner_api_key,
                                            GError     **error);
/* On an empty database: creates the owner, a workspace and an API key, and
 * returns the key in @out_api_key. On a database that has an owner already:
 * returns its id and sets @out_api_key to NULL. */
gboolean    tc_service_bootstrap_owner     (TcService   *self,
                                            const char  *name,
                                            const char  *email,
                                            char       **out_user_id,
                                            char       **out_api_key,
                                            GError     **error);
/* A fresh API key for @user_id (when a client lost the one it had). */
char       *tc_service_issue_api_key       (TcService   *self,
                                            const char  *user_id,
                                            const char  *key_name,
                                            GError     **error);
/* Stops listening, keeps pending webhook deliveries for the next start and
 * closes the database. Idempotent; also done on dispose. */
void        tc_service_shutdown            (TcService   *self);

G_END_DECLS
