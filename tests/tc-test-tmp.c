/* tc-test-tmp.c
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tc-test-tmp.h"

/* Fixed storage: the slots are read from a signal handler, so they never
 * move. A folder removed with tc_test_tmp_remove() frees its slot. */
#define MAX_DIRS 256

static char *dirs[MAX_DIRS];
static pid_t owner_pid;
/* TRUE when G_TEST_TMPDIR was unset at start: g_test_init() of this
 * process then makes it, and it is ours to remove. */
static gboolean glib_dir_ours;

static const int fatal_signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGTERM, SIGINT };

/* Only opendir/readdir/lstat/unlink/rmdir and stack buffers: it also runs
 * in a signal handler of a process that is about to die anyway. */
static void
remove_tree (const char *path)
{
  struct stat st;
  DIR *dir;
  struct dirent *entry;

  if (lstat (path, &st) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      unlink (path);
      return;
    }

  dir = opendir (path);
  while (dir != NULL && (entry = readdir (dir)) != NULL)
    {
      char child[PATH_MAX];

      if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
        continue;
      if ((gsize) snprintf (child, sizeof child, "%s/%s", path, entry->d_name) >= sizeof child)
        continue;
      remove_tree (child);
    }
  if (dir != NULL)
    closedir (dir);
  rmdir (path);
}

static void
remove_all (void)
{
  /* A child forked without exec shares the list, not the folders' fate. */
  if (getpid () != owner_pid)
    return;
  for (int i = MAX_DIRS - 1; i >= 0; i--)
    if (dirs[i] != NULL)
      remove_tree (dirs[i]);
  if (glib_dir_ours)
    {
      const char *glib_dir = getenv ("G_TEST_TMPDIR");

      if (glib_dir != NULL)
        remove_tree (glib_dir);
    }
}

static void
fatal_signal_cb (int sig)
{
  remove_all ();
  signal (sig, SIG_DFL);
  raise (sig);
}

static void
install (void)
{
  struct sigaction action = { 0, };

  owner_pid = getpid ();
  glib_dir_ours = getenv ("G_TEST_TMPDIR") == NULL;
  atexit (remove_all);

  action.sa_handler = fatal_signal_cb;
  action.sa_flags = SA_RESETHAND | SA_NODEFER;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (fatal_signals); i++)
    {
      struct sigaction old;

      /* Leave handlers others installed (sanitizers, a debugger) alone. */
      if (sigaction (fatal_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_DFL)
        continue;
      sigaction (fatal_signals[i], &action, NULL);
    }
}

/* Runs before main(), so before g_test_init() makes its folder, in every
 * program linked with this file (meson links it whole). */
__attribute__((constructor)) static void
tc_test_tmp_constructor (void)
{
  install ();
}

char *
tc_test_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp (tmpl, &error);
  guint i;

  g_assert_no_error (error);
  for (i = 0; i < MAX_DIRS && dirs[i] != NULL; i++)
    ;
  if (i == MAX_DIRS)
    {
      remove_tree (path);
      g_error ("More than %u temporary folders at once", MAX_DIRS);
    }
  dirs[i] = g_strdup (path);
  return path;
}

void
tc_test_tmp_remove (const char *path)
{
  remove_tree (path);
  for (guint i = 0; i < MAX_DIRS; i++)
    if (g_strcmp0 (dirs[i], path) == 0)
      {
        char *registered = dirs[i];

        dirs[i] = NULL;
        g_free (registered);
      }
}
