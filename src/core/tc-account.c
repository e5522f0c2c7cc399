/* tc-account.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tc-account.h"
#include "tc-settings.h"

struct _TcAccount
{
  GObject  parent_instance;

  char    *server;
  char    *user_id;
  char    *display_name;
  char    *email;
};

G_DEFINE_FINAL_TYPE (TcAccount, tc_account, G_TYPE_OBJECT)

static void
tc_account_finalize (GObject *object)
{
  TcAccount *self = (TcAccount *)object;

  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (tc_account_parent_class)->finalize (object);
}

static void
tc_account_class_init (TcAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tc_account_finalize;
}

static void
tc_account_init (TcAccount *self)
{
}

TcAccount *
tc_account_new (const char *server,
                const char *user_id,
                const char *display_name)
{
  TcAccount *self;

  g_return_val_if_fail (server != NULL && user_id != NULL, NULL);

  self = g_object_new (TC_TYPE_ACCOUNT, NULL);
  self->server = g_strdup (server);
  self->user_id = g_strdup (user_id);
  self->display_name = g_strdup (display_name ? display_name : "");
  self->email = g_strdup ("");

  return self;
}

const char *
tc_account_get_server (TcAccount *self)
{
  g_return_val_if_fail (TC_IS_ACCOUNT (self), NULL);
  return self->server;
}

const char *
tc_account_get_user_id (TcAccount *self)
{
  g_return_val_if_fail (TC_IS_ACCOUNT (self), NULL);
  return self->user_id;
}

const char *
tc_account_get_display_name (TcAccount *self)
{
  g_return_val_if_fail (TC_IS_ACCOUNT (self), NULL);
  return self->display_name;
}

const char *
tc_account_get_email (TcAccount *self)
{
  g_return_val_if_fail (TC_IS_ACCOUNT (self), NULL);
  return self->email;
}

void
tc_account_set_email (TcAccount  *self,
                      const char *email)
{
  g_return_if_fail (TC_IS_ACCOUNT (self));
  g_free (self->email);
  self->email = g_strdup (email ? email : "");
}

gboolean
tc_account_is_local (TcAccount *self)
{
  g_return_val_if_fail (TC_IS_ACCOUNT (self), FALSE);
  return strcmp (self->server, TC_ACCOUNT_SERVER_LOCAL) == 0;
}

gboolean
tc_account_equal (TcAccount *self,
                  TcAccount *other)
{
  g_return_val_if_fail (TC_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (TC_IS_ACCOUNT (other), FALSE);
  return g_str_equal (self->server, other->server) && g_str_equal (self->user_id, other->user_id);
}

/* The hosts of tc_remote_account_known_servers(), by their short names. */
static const struct {
  const char *host;
  const char *label;
} server_labels[] = {
  { "api.clockify.me", N_("Clockify") },
  { "euc1.clockify.me", N_("Clockify EU") },
  { "use2.clockify.me", N_("Clockify US") },
  { "euw2.clockify.me", N_("Clockify UK") },
  { "apse2.clockify.me", N_("Clockify AU") },
  { "developer.clockify.me", N_("Developer Sandbox") },
};

char *
tc_account_dup_server_label_for (const char *server)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  int port;

  g_return_val_if_fail (server != NULL, NULL);

  if (g_str_equal (server, TC_ACCOUNT_SERVER_LOCAL))
    /* Translators: the server of the account that lives on this computer */
    return g_strdup (C_("server", "Local"));

  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  host = uri ? g_uri_get_host (uri) : NULL;
  if (host == NULL)
    return g_strdup (server);

  for (guint i = 0; i < G_N_ELEMENTS (server_labels); i++)
    if (g_ascii_strcasecmp (host, server_labels[i].host) == 0)
      return g_strdup (_(server_labels[i].label));

  port = g_uri_get_port (uri);
  if (port < 0 ||
      (port == 443 && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0) ||
      (port == 80 && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0))
    return g_strdup (host);
  return g_strdup_printf ("%s:%d", host, port);
}

char *
tc_account_dup_server_label (TcAccount *self)
{
  g_return_val_if_fail (TC_IS_ACCOUNT (self), NULL);
  return tc_account_dup_server_label_for (self->server);
}

/* "account-emails" holds (server, user id, email) per account. */
static void
load_emails (GSettings *settings,
             GPtrArray *accounts)
{
  g_autoptr(GVariant) emails = g_settings_get_value (settings, "account-emails");
  GVariantIter iter;
  const char *server, *user_id, *email;

  g_variant_iter_init (&iter, emails);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &server, &user_id, &email))
    for (guint i = 0; i < accounts->len; i++)
      {
        TcAccount *account = g_ptr_array_index (accounts, i);

        if (g_str_equal (account->server, server) && g_str_equal (account->user_id, user_id))
          tc_account_set_email (account, email);
      }
}

/* "account-emails" without @account's, then with @email for it unless
 * @email is NULL. */
static GVariant *
build_emails (GSettings  *settings,
              TcAccount  *account,
              const char *email)
{
  g_autoptr(GVariant) emails = g_settings_get_value (settings, "account-emails");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *server, *user_id, *other;
  gboolean found = FALSE;

  /* In place when known, so that saving the same again changes nothing. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  g_variant_iter_init (&iter, emails);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &server, &user_id, &other))
    if (!g_str_equal (account->server, server) || !g_str_equal (account->user_id, user_id))
      g_variant_builder_add (&builder, "(sss)", server, user_id, other);
    else if (email != NULL && !found)
      {
        g_variant_builder_add (&builder, "(sss)", server, user_id, email);
        found = TRUE;
      }
  if (email != NULL && !found)
    g_variant_builder_add (&builder, "(sss)", account->server, account->user_id, email);

  return g_variant_builder_end (&builder);
}

GPtrArray *
tc_account_list_load (GSettings *settings)
{
  g_autoptr(GVariant) list = NULL;
  GPtrArray *accounts;
  GVariantIter iter;
  const char *server, *user_id, *display_name;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  list = g_settings_get_value (settings, "accounts");
  g_variant_iter_init (&iter, list);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &server, &user_id, &display_name))
    g_ptr_array_add (accounts, tc_account_new (server, user_id, display_name));
  load_emails (settings, accounts);

  return accounts;
}

TcAccount *
tc_account_load_last (GSettings *settings)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user_id = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  g_settings_get (settings, "last-account", "(ss)", &server, &user_id);
  if (server[0] == '\0')
    return NULL;

  accounts = tc_account_list_load (settings);
  for (guint i = 0; i < accounts->len; i++)
    {
      TcAccount *account = g_ptr_array_index (accounts, i);

      if (g_str_equal (account->server, server) && g_str_equal (account->user_id, user_id))
        return g_object_ref (account);
    }

  return NULL;
}

static gboolean
same_account (TcAccount  *account,
              const char *server,
              const char *user_id)
{
  return g_str_equal (account->server, server) && g_str_equal (account->user_id, user_id);
}

/* The list without @account, in a builder of "a(sss)". */
static void
build_list_without (TcAccount       *account,
                    GSettings       *settings,
                    GVariantBuilder *builder)
{
  g_autoptr(GPtrArray) accounts = tc_account_list_load (settings);

  g_variant_builder_init (builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < accounts->len; i++)
    {
      TcAccount *other = g_ptr_array_index (accounts, i);

      if (!same_account (other, account->server, account->user_id))
        g_variant_builder_add (builder, "(sss)", other->server, other->user_id, other->display_name);
    }
}

void
tc_account_save_as_last (TcAccount *account,
                         GSettings *settings)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GSettings) batch = NULL;
  GVariantBuilder builder;
  gboolean found = FALSE;

  g_return_if_fail (TC_IS_ACCOUNT (account));
  g_return_if_fail (G_IS_SETTINGS (settings));

  /* In place when known, so that the account menu keeps its order. */
  accounts = tc_account_list_load (settings);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < accounts->len; i++)
    {
      TcAccount *other = g_ptr_array_index (accounts, i);

      if (same_account (other, account->server, account->user_id))
        {
          other = account;
          found = TRUE;
        }
      g_variant_builder_add (&builder, "(sss)", other->server, other->user_id, other->display_name);
    }
  if (!found)
    g_variant_builder_add (&builder, "(sss)", account->server, account->user_id, account->display_name);

  /* Each start saves the same again: only what changed is written, so
   * that the settings backend writes nothing and every account list and
   * menu rebuilds nothing (issue 13: this was on the first frame's path). */
  batch = tc_settings_new_batch (settings);
  tc_settings_set_if_changed (batch, "accounts", g_variant_builder_end (&builder));
  if (account->email[0] != '\0')
    tc_settings_set_if_changed (batch, "account-emails", build_emails (settings, account, account->email));
  tc_settings_set_if_changed (batch, "last-account",
                              g_variant_new ("(ss)", account->server, account->user_id));
  g_settings_apply (batch);
}

void
tc_account_forget (TcAccount *account,
                   GSettings *settings)
{
  g_autofree char *server = NULL;
  g_autofree char *user_id = NULL;
  g_autoptr(GSettings) batch = NULL;
  GVariantBuilder builder;

  g_return_if_fail (TC_IS_ACCOUNT (account));
  g_return_if_fail (G_IS_SETTINGS (settings));

  build_list_without (account, settings, &builder);
  g_settings_get (settings, "last-account", "(ss)", &server, &user_id);

  batch = tc_settings_new_batch (settings);
  g_settings_set_value (batch, "accounts", g_variant_builder_end (&builder));
  g_settings_set_value (batch, "account-emails", build_emails (settings, account, NULL));
  if (same_account (account, server, user_id))
    g_settings_reset (batch, "last-account");
  g_settings_apply (batch);
}
