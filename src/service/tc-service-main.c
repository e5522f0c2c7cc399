/* tc-service-main.c — the timecard-service executable
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "tc-service.h"

typedef struct
{
  int       port;
  char     *listen;
  int       max_connections;
  double    header_timeout;
  double    idle_timeout;
  double    keep_alive_timeout;
  int       max_requests;
  char     *db;
  int       seed;
  char     *maildir;
  double    rate_limit;
  int       burst;
  gboolean  no_extensions;
  char     *owner_name;
  char     *owner_email;
} Options;

static gboolean
quit_cb (gpointer user_data)
{
  g_message ("Shutting down");
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_options (Options  *opts,
               int      *argc,
               char   ***argv,
               GError  **error)
{
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &opts->port,
      "TCP port to listen on (0 picks a free one; default 8080)", "PORT" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &opts->listen,
      "IPv4 or IPv6 address to listen on (default 127.0.0.1). The service "
      "speaks plain HTTP: anything but loopback belongs behind a TLS reverse "
      "proxy (see the README)", "ADDRESS" },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &opts->max_connections,
      "Connections open at once; more wait until one closes (default 512)", "N" },
    { "header-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &opts->header_timeout,
      "Seconds a new connection has to send its request headers (default 10)", "S" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &opts->idle_timeout,
      "Seconds a request may go with nothing read or written, in its body or "
      "its answer, before its connection is closed (default 30)", "S" },
    { "keep-alive-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &opts->keep_alive_timeout,
      "Seconds a connection may wait for its next request after an answer "
      "(default 5, at most the header timeout)", "S" },
    { "max-requests", 0, 0, G_OPTION_ARG_INT, &opts->max_requests,
      "Requests a connection carries before it is closed (default 1000)", "N" },
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &opts->db,
      "SQLite database file, created and migrated if needed (required)", "FILE" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &opts->seed,
      "On an empty database, build the demo world with N members in a PRO "
      "workspace (plus a FREE one) and print the owner's API key", "N" },
    { "maildir", 'm', 0, G_OPTION_ARG_FILENAME, &opts->maildir,
      "Maildir to write notification emails to (tmp/, new/, cur/ are created); "
      "without it mail is dropped", "DIR" },
    { "rate-limit", 'r', 0, G_OPTION_ARG_DOUBLE, &opts->rate_limit,
      "Requests per second allowed per API key, 0 for no limit (default 50)", "R" },
    { "burst", 0, 0, G_OPTION_ARG_INT, &opts->burst,
      "Requests an API key may send at once before the rate limit applies "
      "(default 2 × R, at least 1)", "B" },
    { "no-extensions", 0, 0, G_OPTION_ARG_NONE, &opts->no_extensions,
      "Answer the service's own extension routes as real Clockify does "
      "(404 code 3000 / 405), to test client fallbacks", NULL },
    { "owner-name", 0, 0, G_OPTION_ARG_STRING, &opts->owner_name,
      "Name of the owner created on first run (default \"Owner\")", "NAME" },
    { "owner-email", 0, 0, G_OPTION_ARG_STRING, &opts->owner_email,
      "Email of the owner created on first run (default owner@localhost.localdomain)", "EMAIL" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the Timecard profile service");

  g_option_context_set_summary (context,
    "Serves the Clockify-compatible profile API of Timecard over plain HTTP\n"
    "on 127.0.0.1 (or --listen ADDRESS), storing everything in a SQLite\n"
    "database. On the first run it prints the owner's API key once; keep it,\n"
    "it is stored only as a hash. SIGINT or SIGTERM shut it down cleanly;\n"
    "pending webhook deliveries are kept and sent on the next start.\n"
    "\n"
    "Connections are kept alive for up to --max-requests requests. A\n"
    "connection is closed when its first request's headers take longer than\n"
    "--header-timeout, when the next request's take longer than\n"
    "--keep-alive-timeout after an answer, when a body or answer stalls for\n"
    "--idle-timeout, or when a body passes 2 MiB (413).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (opts->db == NULL || opts->port < 0 || opts->port > 65535 || opts->seed < 0 ||
      opts->rate_limit < 0 || opts->burst < 0 || opts->max_connections < 0 ||
      opts->header_timeout < 0 || opts->idle_timeout < 0 ||
      opts->header_timeout > 86400 || opts->idle_timeout > 86400 ||
      opts->keep_alive_timeout < 0 || opts->keep_alive_timeout > 86400 ||
      opts->max_requests < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--db FILE is required; --port, --seed, --rate-limit, "
                           "--burst, --max-connections, --max-requests and the "
                           "timeouts must not be "
                           "negative (see --help)");
      return FALSE;
    }
  if (opts->listen != NULL)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (opts->listen);

      if (address == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--listen: “%s” is not an IPv4 or IPv6 address "
                       "(for example 127.0.0.1, 0.0.0.0 or ::1)", opts->listen);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
prepare_owner (TcService  *service,
               Options    *opts,
               char      **out_key,
               GError    **error)
{
  g_autofree char *user_id = NULL;

  if (opts->seed > 0)
    return tc_service_seed (service, (guint) opts->seed, out_key, error);

  return tc_service_bootstrap_owner (service,
                                     opts->owner_name ? opts->owner_name : "Owner",
                                     opts->owner_email ? opts->owner_email
                                                       : "owner@localhost.localdomain",
                                     &user_id, out_key, error);
}

static int
run (Options *opts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TcService) service = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  guint sigint, sigterm;

  service = tc_service_new (opts->db, &error);
  if (service == NULL)
    {
      g_printerr ("timecard-service: %s\n", error->message);
      return 1;
    }
  tc_service_set_maildir (service, opts->maildir);
  tc_service_set_rate_limit (service, opts->rate_limit,
                             opts->burst > 0 ? (guint) opts->burst
                                             : (guint) MAX (1.0, opts->rate_limit * 2));
  tc_service_set_extensions_enabled (service, !opts->no_extensions);
  tc_service_set_connection_limits (service, (guint) opts->max_connections,
                                    (guint) (opts->header_timeout * 1000),
                                    (guint) (opts->idle_timeout * 1000));
  tc_service_set_keep_alive (service, (guint) (opts->keep_alive_timeout * 1000),
                             (guint) opts->max_requests);

  if (!prepare_owner (service, opts, &key, &error) ||
      !tc_service_listen_on (service, opts->listen ? opts->listen : "127.0.0.1",
                             (guint) opts->port, &error))
    {
      g_printerr ("timecard-service: %s\n", error->message);
      return 1;
    }

  /* Before the first line is out: whoever reads it may signal us at once. */
  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);

  if (opts->listen != NULL && !tc_service_address_is_loopback (opts->listen))
    g_printerr ("timecard-service: warning: listening on %s, which is not loopback. "
                "The service speaks plain HTTP: API keys would cross the network "
                "unencrypted. Put it behind a TLS reverse proxy (Caddy, nginx; see "
                "the README) and let only the proxy reach it.\n", opts->listen);

  url = tc_service_dup_base_url (service);
  g_print ("timecard-service listening on %s\n", url);
  if (key != NULL)
    g_print ("Owner API key (shown once, keep it): %s\n", key);
  else
    g_print ("Owner API key: created on the first run, not shown again\n");
  fflush (stdout);

  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  tc_service_shutdown (service);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  Options opts = { .port = 8080, .rate_limit = 50.0, };
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  if (!parse_options (&opts, &argc, &argv, &error))
    {
      g_printerr ("timecard-service: %s\n", error->message);
      return 2;
    }

  status = run (&opts);
  g_free (opts.db);
  g_free (opts.listen);
  g_free (opts.maildir);
  g_free (opts.owner_name);
  g_free (opts.owner_email);
  return status;
}
