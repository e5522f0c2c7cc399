/* tc-service.c — the TcService object: database, HTTP server, lifecycle
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-service-private.h"

#define DEFAULT_RATE       ((double) TC_WIRE_RATE_LIMIT_PER_SECOND)
#define DEFAULT_BURST      TC_WIRE_RATE_LIMIT_BURST
#define IMAGE_PATH_PREFIX  "/api/files/images/"

G_DEFINE_QUARK (tc-service-error-quark, tc_service_error)

G_DEFINE_FINAL_TYPE (TcService, tc_service, G_TYPE_OBJECT)

static void
tc_service_dispose (GObject *object)
{
  tc_service_shutdown (TC_SERVICE (object));

  G_OBJECT_CLASS (tc_service_parent_class)->dispose (object);
}

static void
tc_service_finalize (GObject *object)
{
  TcService *self = TC_SERVICE (object);

  g_clear_pointer (&self->ratelimit, _tc_rate_limiter_free);
  _tc_team_page_clear_caches (self);
  _tc_team_page_forget_cursor (self);
  g_free (self->db_path);
  g_free (self->maildir);
  g_free (self->host);

  G_OBJECT_CLASS (tc_service_parent_class)->finalize (object);
}

static void
tc_service_class_init (TcServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tc_service_dispose;
  object_class->finalize = tc_service_finalize;
}

static void
tc_service_init (TcService *self)
{
  self->extensions = TRUE;
  self->ratelimit = _tc_rate_limiter_new (DEFAULT_RATE, DEFAULT_BURST);
  tc_service_set_connection_limits (self, 0, 0, 0);
  tc_service_set_keep_alive (self, 0, 0);
}

TcService *
tc_service_new (const char  *db_path,
                GError     **error)
{
  g_autoptr(TcService) self = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TC_TYPE_SERVICE, NULL);
  self->db_path = g_strdup (db_path);
  if (!_tc_service_db_open (self, error))
    return NULL;
  self->delivery = _tc_delivery_new (self);
  return g_steal_pointer (&self);
}

void
tc_service_set_maildir (TcService  *self,
                        const char *maildir)
{
  g_return_if_fail (TC_IS_SERVICE (self));

  g_free (self->maildir);
  self->maildir = g_strdup (maildir);
}

void
tc_service_set_rate_limit (TcService *self,
                           double     requests_per_second,
                           guint      burst)
{
  g_return_if_fail (TC_IS_SERVICE (self));

  g_clear_pointer (&self->ratelimit, _tc_rate_limiter_free);
  self->ratelimit = _tc_rate_limiter_new (requests_per_second, burst);
}

guint
tc_service_get_rate_limited_count (TcService *self)
{
  g_return_val_if_fail (TC_IS_SERVICE (self), 0);

  return _tc_rate_limiter_get_refused (self->ratelimit);
}

void
tc_service_set_extensions_enabled (TcService *self,
                                   gboolean   enabled)
{
  g_return_if_fail (TC_IS_SERVICE (self));

  self->extensions = !!enabled;
}

void
_tc_service_set_webhook_backoff (TcService *self,
                                 guint      base_ms,
                                 guint      max_attempts,
                                 guint      disable_after)
{
  _tc_delivery_set_backoff (self->delivery, base_ms, max_attempts, disable_after);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TcService *self = user_data;

  if (self->db == NULL)
    {
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }

  if (g_str_has_prefix (path, IMAGE_PATH_PREFIX))
    _tc_image_serve (self, msg, path + strlen (IMAGE_PATH_PREFIX));
  else
    _tc_service_dispatch (self, msg, path, query);
}

void
tc_service_set_connection_limits (TcService *self,
                                  guint      max_connections,
                                  guint      header_timeout_ms,
                                  guint      idle_timeout_ms)
{
  g_return_if_fail (TC_IS_SERVICE (self));
  g_return_if_fail (self->server == NULL);

  self->limits.max_connections = max_connections ? max_connections
                                                 : TC_SERVICE_DEFAULT_MAX_CONNECTIONS;
  self->limits.header_timeout_ms = header_timeout_ms ? header_timeout_ms
                                                     : TC_SERVICE_DEFAULT_HEADER_TIMEOUT_MS;
  self->limits.idle_timeout_ms = idle_timeout_ms ? idle_timeout_ms
                                                 : TC_SERVICE_DEFAULT_IDLE_TIMEOUT_MS;
}

void
tc_service_set_keep_alive (TcService *self,
                           guint      timeout_ms,
                           guint      max_requests)
{
  g_return_if_fail (TC_IS_SERVICE (self));
  g_return_if_fail (self->server == NULL);

  self->limits.keep_alive_ms = timeout_ms ? timeout_ms : TC_SERVICE_DEFAULT_KEEP_ALIVE_MS;
  self->limits.max_requests = max_requests ? max_requests : TC_SERVICE_DEFAULT_MAX_REQUESTS;
}

gboolean
tc_service_address_is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  inet = g_inet_address_new_from_string (address);
  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

gboolean
tc_service_listen_on (TcService   *self,
                      const char  *address,
                      guint        port,
                      GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_INVALID,
                   "“%s” is not an IPv4 or IPv6 address", address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, (guint16) port);

  self->server = soup_server_new ("server-header", "timecard-service", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  self->listener = _tc_service_listener_new (self->server, socket_address, &self->limits,
                                             &local_error);
  if (self->listener == NULL)
    {
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_LISTEN,
                   "Cannot listen on %s port %u: %s", address, port, local_error->message);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
      return FALSE;
    }

  self->port = _tc_service_listener_get_port (self->listener);
  g_free (self->host);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->host = g_strdup_printf ("[%s]", address);
  else
    self->host = g_strdup (address);
  self->context = g_main_context_ref_thread_default ();
  _tc_delivery_resume (self->delivery);
  return TRUE;
}

gboolean
tc_service_listen (TcService  *self,
                   guint       port,
                   GError    **error)
{
  return tc_service_listen_on (self, "127.0.0.1", port, error);
}

guint
tc_service_get_port (TcService *self)
{
  g_return_val_if_fail (TC_IS_SERVICE (self), 0);

  return self->port;
}

char *
tc_service_dup_base_url (TcService *self)
{
  g_return_val_if_fail (TC_IS_SERVICE (self), NULL);

  return g_strdup_printf ("http://%s:%u/api", self->host ? self->host : "127.0.0.1",
                          self->port);
}

static gboolean
create_owner (TcService  *self,
              const char *name,
              const char *email,
              char      **out_user_id,
              char      **out_api_key)
{
  g_autofree char *user_id = _tc_new_id ();
  g_autofree char *ws_id = _tc_new_id ();
  g_autofree char *now = _tc_now_iso ();
  g_autofree char *ws_name = g_strdup_printf ("%s's workspace", name);

  if (!_tc_db_exec (self,
                    "INSERT INTO users (id, email, name, status, active_ws, default_ws, "
                    "settings, is_bootstrap_owner, created_at) "
                    "VALUES (?, ?, ?, 'ACTIVE', ?, ?, '{}', 1, ?)",
                    "ssssss", user_id, email, name, ws_id, ws_id, now) ||
      !_tc_db_exec (self,
                    "INSERT INTO workspaces (id, name, plan, owner_id) VALUES (?, ?, 'PRO', ?)",
                    "sss", ws_id, ws_name, user_id) ||
      !_tc_db_exec (self,
                    "INSERT INTO memberships (workspace_id, user_id, status, role) "
                    "VALUES (?, ?, 'ACTIVE', 'OWNER')", "ss", ws_id, user_id))
    return FALSE;

  *out_api_key = _tc_auth_create_key (self, user_id, "Timecard", NULL);
  *out_user_id = g_steal_pointer (&user_id);
  return *out_api_key != NULL;
}

gboolean
tc_service_bootstrap_owner (TcService   *self,
                            const char  *name,
                            const char  *email,
                            char       **out_user_id,
                            char       **out_api_key,
                            GError     **error)
{
  g_autofree char *existing = NULL;

  g_return_val_if_fail (TC_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (out_user_id != NULL && out_api_key != NULL, FALSE);

  *out_user_id = NULL;
  *out_api_key = NULL;
  if (!tc_wire_validate_name (name) || !tc_wire_validate_email (email))
    {
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_INVALID,
                   "The owner needs a name of 1 to 100 characters and a valid email");
      return FALSE;
    }

  existing = _tc_db_dup_string (self, "SELECT id FROM users WHERE is_bootstrap_owner = 1 "
                                "ORDER BY created_at LIMIT 1", NULL);
  if (existing != NULL)
    {
      *out_user_id = g_steal_pointer (&existing);
      return TRUE;
    }

  if (!_tc_db_begin (self) ||
      !create_owner (self, name, email, out_user_id, out_api_key) ||
      !_tc_db_commit (self))
    {
      _tc_db_rollback (self);
      g_clear_pointer (out_user_id, g_free);
      g_clear_pointer (out_api_key, g_free);
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_DATABASE,
                   "Cannot create the owner: %s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

char *
tc_service_issue_api_key (TcService   *self,
                          const char  *user_id,
                          const char  *key_name,
                          GError     **error)
{
  char *key;

  g_return_val_if_fail (TC_IS_SERVICE (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  if (_tc_db_int (self, 0, "SELECT COUNT(*) FROM users WHERE id = ?", "s", user_id) == 0)
    {
      g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_INVALID,
                   "No user has the id %s", user_id);
      return NULL;
    }

  key = _tc_auth_create_key (self, user_id, key_name ? key_name : "Timecard", NULL);
  if (key == NULL)
    g_set_error (error, TC_SERVICE_ERROR, TC_SERVICE_ERROR_DATABASE,
                 "Cannot store the key: %s", sqlite3_errmsg (self->db));
  return key;
}

void
tc_service_shutdown (TcService *self)
{
  g_return_if_fail (TC_IS_SERVICE (self));

  g_clear_pointer (&self->listener, _tc_service_listener_free);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  /* Pending deliveries stay in the database with status PENDING and are
   * resumed by the next tc_service_listen(). */
  g_clear_pointer (&self->delivery, _tc_delivery_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  _tc_service_db_close (self);
}
