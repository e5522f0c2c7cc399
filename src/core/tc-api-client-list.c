/* tc-api-client-list.c — paged lists (page, page-size, Last-Page)
 *
 * Copyright 2026 The Timecard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tc-api-client.h"
#include "tc-api-client-private.h"
#include "tc-api-error.h"

/* A server that never says "last page" is stopped here. */
#define MAX_PAGES 1000

typedef struct
{
  char           *path;
  guint           page_size;
  guint           page;
  TcApiPageFunc   page_func;
  gpointer        page_data;
  GDestroyNotify  page_data_free;
  JsonArray      *items;
} ListData;

static void
list_data_free (ListData *data)
{
  if (data->page_data_free != NULL)
    data->page_data_free (data->page_data);
  g_free (data->path);
  g_clear_pointer (&data->items, json_array_unref);
  g_free (data);
}

static void request_page (GTask *task);

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  gboolean has_last_page = FALSE;
  gboolean last_page = FALSE;
  JsonArray *page;
  GError *error = NULL;

  if (!_tc_api_client_request_finish_full (TC_API_CLIENT (object), result, &body,
                                           &has_last_page, &last_page, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (body == NULL || !JSON_NODE_HOLDS_ARRAY (body))
    {
      g_task_return_new_error (task, TC_API_ERROR, TC_API_ERROR_INVALID_RESPONSE,
                               "Page %u is not a JSON list", data->page);
      return;
    }

  page = json_node_get_array (body);
  for (guint i = 0; i < json_array_get_length (page); i++)
    json_array_add_element (data->items, json_node_copy (json_array_get_element (page, i)));
  if (data->page_func != NULL)
    data->page_func (page, data->page, data->page_data);

  /* Without the header, a short page is the last one. */
  if (!has_last_page)
    last_page = json_array_get_length (page) < data->page_size;

  if (last_page || json_array_get_length (page) == 0 || data->page >= MAX_PAGES)
    {
      g_task_return_pointer (task, json_array_ref (data->items), (GDestroyNotify) json_array_unref);
      return;
    }

  data->page++;
  request_page (g_steal_pointer (&task));
}

static void
request_page (GTask *task)
{
  TcApiClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("%s%cpage=%u&page-size=%u", data->path,
                          strchr (data->path, '?') ? '&' : '?', data->page, data->page_size);
  tc_api_client_request_async (self, "GET", path, NULL, g_task_get_cancellable (task),
                               page_cb, task);
}

void
tc_api_client_list_async (TcApiClient         *self,
                          const char          *path,
                          guint                page_size,
                          TcApiPageFunc        page_func,
                          gpointer             page_data,
                          GDestroyNotify       page_data_free,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  ListData *data;

  g_return_if_fail (TC_IS_API_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  data = g_new0 (ListData, 1);
  data->path = g_strdup (path);
  data->page_size = page_size > 0 ? page_size : 50;
  data->page = 1;
  data->page_func = page_func;
  data->page_data = page_data;
  data->page_data_free = page_data_free;
  data->items = json_array_new ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tc_api_client_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  request_page (task);
}

JsonArray *
tc_api_client_list_finish (TcApiClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TC_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tc_api_client_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
