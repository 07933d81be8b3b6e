/* cc-thumbnail-loader.h — photo thumbnails as textures, made off the main thread.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes (or reuses) the thumbnail with cc_photos_thumbnail in a worker and
 * returns it as a GdkTexture; recently used textures are kept in a small
 * in-memory cache shared by the whole program. */
void        cc_thumbnail_loader_load_async  (const char          *data_dir,
                                             const char          *sha256,
                                             int                  size,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GdkTexture *cc_thumbnail_loader_load_finish (GAsyncResult  *result,
                                             GError       **error);
/* Shows the thumbnail in picture when it is ready. Binding the picture
 * again (say, a recycled list row) cancels the earlier load; sha256 NULL
 * clears the picture. */
void        cc_thumbnail_loader_bind        (GtkPicture *picture,
                                             const char *data_dir,
                                             const char *sha256,
                                             int         size);

G_END_DECLS
