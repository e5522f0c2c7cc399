/* fuzz-service.c — libFuzzer target: one HTTP connection to timecard-service
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the raw bytes a client sends on one connection: request
 * line, headers, body, possibly several requests. The service listens as
 * it always does (tc_service_listen(): its own listener with the connection
 * cap, timeouts and body cap, libsoup's HTTP/1 parser, auth, the rate
 * limiter, the router, the JSON body reader, every handler, the multipart
 * image upload), on 127.0.0.1 in this process, and each input is sent on a
 * new loopback TCP connection, so fuzzed requests take exactly the path of
 * real ones.
 *
 * Every input starts from the same database: the demo world of `--seed 8`,
 * built once in a temporary file and copied into the service's in-memory
 * database with SQLite's backup API before each input. Its random ids and
 * keys are written in the corpus as placeholders, replaced here:
 *   @KEY@ the owner's API key      @MKEY@ a plain member's API key
 *   @USER@ the owner's id          @MEMBER@ that member's id
 *   @WS@ the PRO workspace         @WS2@ the FREE workspace
 *   @HOOK@ a webhook of @WS@       @FIELD@ a custom field of @WS@
 *   @KEYID@ the id of the owner's key
 *   @IMAGE@ an uploaded picture of the owner's, at
 *   http://127.0.0.1:8080/api/files/images/@IMAGE@ (the corpus's port
 *   8080 becomes the one the service listens on)
 * Webhook deliveries are not sent (the service has no delivery queue
 * once listening), so the fuzzer never knocks on other ports; a test
 * delivery then leaves its request unanswered and the connection is
 * dropped after the time limit below.
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>

#include "tc-service-private.h"
#include "tc-fuzz-tmp.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* How long one connection may take; only a paused answer gets near it. */
#define CONNECTION_LIMIT_MS 500

static TcService *service;
static sqlite3 *template_db;
static GPtrArray *placeholders;   /* name, value, name, value… */
static struct sockaddr_in service_address;

static void
add_placeholder (const char *name,
                 char       *value)
{
  if (value == NULL)
    g_error ("The seeded database has no value for %s", name);
  g_ptr_array_add (placeholders, g_strdup (name));
  g_ptr_array_add (placeholders, value);
}

/* An uploaded picture of @user_id, as POST /v1/file/image stores it. */
static char *
add_image (TcService  *seeded,
           const char *user_id)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0,
  };
  g_autoptr(GBytes) data = g_bytes_new_static (png, sizeof png);
  char *id = _tc_new_id ();

  if (!_tc_db_exec (seeded, "INSERT INTO images (id, user_id, content_type, width, height, "
                    "data, created_at) VALUES (?, ?, 'image/png', 16, 16, ?, "
                    "'2026-01-01T09:00:00Z')", "ssb", id, user_id, data))
    g_error ("Cannot store the image: %s", sqlite3_errmsg (seeded->db));
  return id;
}

static void
build_template (const char *path)
{
  g_autoptr(TcService) seeded = NULL;
  g_autoptr(GError) error = NULL;
  char *owner_key = NULL;
  char *owner;
  char *member;

  seeded = tc_service_new (path, &error);
  if (seeded == NULL || !tc_service_seed (seeded, 8, &owner_key, &error))
    g_error ("Cannot seed the database: %s", error->message);

  add_placeholder ("@KEY@", owner_key);
  owner = _tc_db_dup_string (seeded, "SELECT id FROM users WHERE is_bootstrap_owner = 1", NULL);
  add_placeholder ("@USER@", owner);
  add_placeholder ("@WS@", _tc_db_dup_string (seeded, "SELECT id FROM workspaces "
                                              "WHERE plan = 'PRO'", NULL));
  add_placeholder ("@WS2@", _tc_db_dup_string (seeded, "SELECT id FROM workspaces "
                                               "WHERE plan = 'FREE'", NULL));
  member = _tc_db_dup_string (seeded, "SELECT m.user_id FROM memberships m JOIN workspaces w "
                              "ON w.id = m.workspace_id WHERE w.plan = 'PRO' AND "
                              "m.role IS NULL AND m.status = 'ACTIVE' ORDER BY m.user_id LIMIT 1",
                              NULL);
  add_placeholder ("@MEMBER@", member);
  add_placeholder ("@MKEY@", tc_service_issue_api_key (seeded, member, "Fuzz", &error));
  add_placeholder ("@HOOK@", _tc_db_dup_string (seeded, "SELECT id FROM webhooks "
                                                "ORDER BY name LIMIT 1", NULL));
  /* The first of the list (Department, a dropdown), as make-corpus.py takes it. */
  add_placeholder ("@FIELD@", _tc_db_dup_string (seeded, "SELECT f.id FROM custom_fields f "
                                                 "JOIN workspaces w ON w.id = f.workspace_id "
                                                 "WHERE w.plan = 'PRO' ORDER BY f.position "
                                                 "LIMIT 1", NULL));
  add_placeholder ("@IMAGE@", add_image (seeded, owner));
  add_placeholder ("@KEYID@", _tc_db_dup_string (seeded, "SELECT id FROM api_keys WHERE "
                                                 "user_id = ? ORDER BY id LIMIT 1", "s", owner));
  tc_service_shutdown (seeded);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *dir = tc_fuzz_make_tmp_dir ("tc-fuzz-service-XXXXXX");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = g_build_filename (dir, "template.db", NULL);
  placeholders = g_ptr_array_new_with_free_func (g_free);
  build_template (path);
  if (sqlite3_open_v2 (path, &template_db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("Cannot open %s: %s", path, sqlite3_errmsg (template_db));

  service = tc_service_new (":memory:", &error);
  if (service == NULL)
    g_error ("Cannot open the service: %s", error->message);
  /* Every input starts with a full bucket. */
  tc_service_set_rate_limit (service, 1e9, G_MAXINT);
  /* The service keeps a connection for its next request: a short wait
   * lets it close soon after the input's last one (keep-alive still runs
   * for inputs that hold several requests). */
  tc_service_set_keep_alive (service, 50, 0);
  if (!tc_service_listen (service, 0, &error))
    g_error ("Cannot listen: %s", error->message);
  /* No webhook delivery leaves the fuzzer. */
  g_clear_pointer (&service->delivery, _tc_delivery_free);

  service_address.sin_family = AF_INET;
  service_address.sin_port = g_htons (tc_service_get_port (service));
  service_address.sin_addr.s_addr = g_htonl (INADDR_LOOPBACK);
  g_ptr_array_add (placeholders, g_strdup ("127.0.0.1:8080"));
  g_ptr_array_add (placeholders, g_strdup_printf ("127.0.0.1:%u", tc_service_get_port (service)));
  return 0;
}

static void
restore_database (void)
{
  sqlite3_backup *backup = sqlite3_backup_init (service->db, "main", template_db, "main");

  if (backup == NULL || sqlite3_backup_step (backup, -1) != SQLITE_DONE)
    g_error ("Cannot restore the database: %s", sqlite3_errmsg (service->db));
  sqlite3_backup_finish (backup);
}

static GByteArray *
expand_placeholders (const uint8_t *data,
                     size_t         size)
{
  GString *text = g_string_new_len ((const char *) data, (gssize) size);

  if (memchr (data, '@', size) != NULL)
    for (guint i = 0; i < placeholders->len; i += 2)
      g_string_replace (text, placeholders->pdata[i], placeholders->pdata[i + 1], 0);
  return g_bytes_unref_to_array (g_string_free_to_bytes (text));
}

typedef struct
{
  GByteArray *request;
  gsize       sent;
  gboolean    done;
  GString    *answer;    /* with TC_FUZZ_DEBUG set */
  guint       timeout;   /* 0 once it fired */
} Client;

/* The client's end: sends the request, then half-closes and reads the
 * answers until the service closes the connection. */
static gboolean
client_cb (int          fd,
           GIOCondition condition,
           gpointer     user_data)
{
  Client *client = user_data;
  char buffer[16384];
  ssize_t n;

  if (client->sent < client->request->len && (condition & G_IO_OUT))
    {
      n = send (fd, client->request->data + client->sent,
                client->request->len - client->sent, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n > 0)
        client->sent += (gsize) n;
      else if (n < 0 && errno != EAGAIN && errno != EINTR)
        client->sent = client->request->len;
      if (client->sent == client->request->len)
        shutdown (fd, SHUT_WR);
    }

  if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
    {
      n = recv (fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n > 0 && client->answer != NULL)
        g_string_append_len (client->answer, buffer, n);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
        {
          client->done = TRUE;
          return G_SOURCE_REMOVE;
        }
    }

  if (client->sent == client->request->len && (condition & G_IO_OUT))
    {
      /* Only reading from now on. */
      g_unix_fd_add (fd, G_IO_IN | G_IO_HUP | G_IO_ERR, client_cb, client);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
time_up_cb (gpointer user_data)
{
  Client *client = user_data;

  client->done = TRUE;
  client->timeout = 0;
  return G_SOURCE_REMOVE;
}

/* Sends @request on @fd and reads the answers until the service closes
 * the connection or the time is up, running the service meanwhile. */
static void
talk (int         fd,
      GByteArray *request)
{
  Client client = { request, 0, FALSE, NULL, 0 };

  if (g_getenv ("TC_FUZZ_DEBUG") != NULL)
    client.answer = g_string_new (NULL);
  if (request->len == 0)
    {
      shutdown (fd, SHUT_WR);
      g_unix_fd_add (fd, G_IO_IN | G_IO_HUP | G_IO_ERR, client_cb, &client);
    }
  else
    g_unix_fd_add (fd, G_IO_OUT | G_IO_IN | G_IO_HUP | G_IO_ERR, client_cb, &client);
  client.timeout = g_timeout_add (CONNECTION_LIMIT_MS, time_up_cb, &client);

  while (!client.done)
    g_main_context_iteration (NULL, TRUE);

  /* Whichever of the two is still there. */
  if (client.timeout != 0)
    g_source_remove (client.timeout);
  while (g_source_remove_by_user_data (&client))
    ;
  if (client.answer != NULL)
    {
      g_printerr ("--- answer ---\n%s\n", client.answer->str);
      g_string_free (client.answer, TRUE);
    }
}

/* A new loopback connection to the service. libFuzzer's timers send
 * signals, and a connect() they interrupt goes on in the background. */
static int
connect_to_service (void)
{
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int error = 0;
  socklen_t len = sizeof error;

  if (fd < 0)
    g_error ("socket: %s", g_strerror (errno));
  if (connect (fd, (struct sockaddr *) &service_address, sizeof service_address) == 0)
    return fd;
  if (errno != EINTR)
    g_error ("Cannot connect to the service: %s", g_strerror (errno));

  for (;;)
    {
      struct pollfd pfd = { fd, POLLOUT, 0 };

      if (poll (&pfd, 1, -1) >= 0)
        break;
      if (errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
    }
  if (getsockopt (fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0)
    g_error ("Cannot connect to the service: %s", g_strerror (error ? error : errno));
  return fd;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GByteArray) request = NULL;
  int fd;

  restore_database ();
  request = expand_placeholders (data, size);

  fd = connect_to_service ();
  talk (fd, request);
  close (fd);

  /* Let the service see the connection go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
