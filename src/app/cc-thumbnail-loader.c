/* cc-thumbnail-loader.c — photo thumbnails as textures, made off the main thread.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-photos.h"
#include "cc-thumbnail-loader.h"

/* A screenful of grid cards several times over; a 180 px texture is about
 * 130 kB, so the cache stays near 40 MB at most. */
#define CACHE_SIZE 300

#define CANCELLABLE_KEY "cc-thumbnail-cancellable"

/* The cache: main thread only. */

typedef struct
{
  char       *key;
  GdkTexture *texture;
} CacheEntry;

static GHashTable *cache_index;   /* key → GList* link of cache_lru */
static GQueue      cache_lru = G_QUEUE_INIT;   /* CacheEntry*, newest first */

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->key);
  g_object_unref (entry->texture);
  g_free (entry);
}

static char *
cache_key (const char *sha256,
           int         size)
{
  return g_strdup_printf ("%s:%d", sha256, size);
}

static GdkTexture *
cache_lookup (const char *key)
{
  GList *link;

  if (cache_index == NULL)
    return NULL;
  link = g_hash_table_lookup (cache_index, key);
  if (link == NULL)
    return NULL;

  g_queue_unlink (&cache_lru, link);
  g_queue_push_head_link (&cache_lru, link);
  return ((CacheEntry *)link->data)->texture;
}

static void
cache_insert (const char *key,
              GdkTexture *texture)
{
  CacheEntry *entry;

  if (cache_index == NULL)
    cache_index = g_hash_table_new (g_str_hash, g_str_equal);
  if (cache_lookup (key) != NULL)
    return;

  entry = g_new0 (CacheEntry, 1);
  entry->key = g_strdup (key);
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&cache_lru, entry);
  g_hash_table_insert (cache_index, entry->key, cache_lru.head);

  while (cache_lru.length > CACHE_SIZE)
    {
      CacheEntry *oldest = g_queue_pop_tail (&cache_lru);

      g_hash_table_remove (cache_index, oldest->key);
      cache_entry_free (oldest);
    }
}

/* Loading */

typedef struct
{
  char *data_dir;
  char *sha256;
  int   size;
  char *key;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->data_dir);
  g_free (data->sha256);
  g_free (data->key);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GdkTexture *texture;

  /* A row scrolled past before its turn in the pool costs nothing. */
  if (g_task_return_error_if_cancelled (task))
    return;

  path = cc_photos_thumbnail (data->data_dir, data->sha256, data->size, cancellable, &error);
  if (path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  texture = gdk_texture_new_from_filename (path, &error);
  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/* Back on the main thread: the texture goes into the cache even if the
 * caller lost interest, since it is made now. */
static void
load_thread_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cache_insert (data->key, texture);
  g_task_return_pointer (task, texture, g_object_unref);
}

void
cc_thumbnail_loader_load_async (const char          *data_dir,
                                const char          *sha256,
                                int                  size,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  LoadData *data;
  GdkTexture *cached;

  g_return_if_fail (data_dir != NULL);
  g_return_if_fail (sha256 != NULL);
  g_return_if_fail (size > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->data_dir = g_strdup (data_dir);
  data->sha256 = g_strdup (sha256);
  data->size = size;
  data->key = cache_key (sha256, size);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cc_thumbnail_loader_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);

  cached = cache_lookup (data->key);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_object_ref (cached), g_object_unref);
      return;
    }

  worker = g_task_new (NULL, cancellable, load_thread_done, g_object_ref (task));
  g_task_set_source_tag (worker, cc_thumbnail_loader_load_async);
  g_task_set_task_data (worker, data, NULL);
  /* The worker's data belongs to the outer task, which outlives it. */
  g_task_set_check_cancellable (worker, FALSE);
  g_task_run_in_thread (worker, load_thread);
}

GdkTexture *
cc_thumbnail_loader_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cc_thumbnail_loader_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Binding to a picture */

static void
show_placeholder (GtkPicture *picture,
                  int         size)
{
  GtkWidget *widget = GTK_WIDGET (picture);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (theme, "image-x-generic-symbolic", NULL,
                                     MAX (16, size / 3),
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_picture_set_content_fit (picture, GTK_CONTENT_FIT_SCALE_DOWN);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (icon));
  gtk_widget_add_css_class (widget, "placeholder");
}

static void
show_texture (GtkPicture *picture,
              GdkTexture *texture)
{
  gtk_picture_set_content_fit (picture, GTK_CONTENT_FIT_COVER);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
  gtk_widget_remove_css_class (GTK_WIDGET (picture), "placeholder");
}

typedef struct
{
  GWeakRef picture;
  int      size;
} BindData;

static void
bind_data_free (BindData *data)
{
  g_weak_ref_clear (&data->picture);
  g_free (data);
}

static void
bind_load_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BindData *data = user_data;
  g_autoptr(GtkPicture) picture = g_weak_ref_get (&data->picture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = cc_thumbnail_loader_load_finish (result, &error);

  if (picture != NULL)
    {
      if (texture != NULL)
        show_texture (picture, texture);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* A photo that has not arrived yet (sync) or cannot be read. */
          g_debug ("No thumbnail: %s", error->message);
          show_placeholder (picture, data->size);
        }
    }
  bind_data_free (data);
}

static void
cancel_and_unref (gpointer data)
{
  g_cancellable_cancel (data);
  g_object_unref (data);
}

void
cc_thumbnail_loader_bind (GtkPicture *picture,
                          const char *data_dir,
                          const char *sha256,
                          int         size)
{
  g_autofree char *key = NULL;
  GCancellable *cancellable;
  GdkTexture *cached;
  BindData *data;
  int pixels;

  g_return_if_fail (GTK_IS_PICTURE (picture));
  g_return_if_fail (size > 0);

  /* Dropping the earlier cancellable cancels its load. */
  g_object_set_data (G_OBJECT (picture), CANCELLABLE_KEY, NULL);

  if (sha256 == NULL || *sha256 == '\0' || data_dir == NULL)
    {
      show_placeholder (picture, size);
      return;
    }

  pixels = size * gtk_widget_get_scale_factor (GTK_WIDGET (picture));
  key = cache_key (sha256, pixels);
  cached = cache_lookup (key);
  if (cached != NULL)
    {
      show_texture (picture, cached);
      return;
    }

  /* Empty (the card's background) rather than a recycled row's photo. */
  gtk_picture_set_paintable (picture, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (picture), "placeholder");

  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (picture), CANCELLABLE_KEY, cancellable, cancel_and_unref);

  data = g_new0 (BindData, 1);
  g_weak_ref_init (&data->picture, picture);
  data->size = size;
  cc_thumbnail_loader_load_async (data_dir, sha256, pixels, cancellable, bind_load_done, data);
}
