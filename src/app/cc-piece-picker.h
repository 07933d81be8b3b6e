/* cc-piece-picker.h — a searchable list of the pieces a shop can sell, for orders and quick sales.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cc-inventory.h"
#include "cc-store.h"

G_BEGIN_DECLS

/* One thing that can go on an order line: a product, or one variant. */
typedef struct
{
  char         *product_id;
  char         *variant_id;   /* NULL: the product itself */
  char         *title;        /* main language, with the variant's options */
  char         *sku;
  gint64        price;        /* the catalogue's price for a line */
  char         *currency;
  CcStockLevel  level;
} CcPiece;

/* NULL with CC_ERROR_NOT_FOUND when the product or variant is gone. */
CcPiece *cc_piece_lookup (CcStore     *store,
                          const char  *product_id,
                          const char  *variant_id,
                          GError     **error);
void     cc_piece_free   (CcPiece *piece);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CcPiece, cc_piece_free)

#define CC_TYPE_PIECE_PICKER (cc_piece_picker_get_type ())
G_DECLARE_FINAL_TYPE (CcPiecePicker, cc_piece_picker, CC, PIECE_PICKER, GtkBox)

/* Emits "picked" (product id, variant id or NULL) when a piece is chosen. */
GtkWidget *cc_piece_picker_new               (void);
void       cc_piece_picker_set_store         (CcPiecePicker *self,
                                              CcStore       *store);
/* Runs the search again (after a sale changed what is available). */
void       cc_piece_picker_reload            (CcPiecePicker *self);
void       cc_piece_picker_focus_search      (CcPiecePicker *self);

/* For tests: type into the search, count and choose results. */
void       cc_piece_picker_set_search_text   (CcPiecePicker *self,
                                              const char    *text);
guint      cc_piece_picker_get_n_results     (CcPiecePicker *self);
const CcPiece *cc_piece_picker_get_result    (CcPiecePicker *self,
                                              guint          index);
void       cc_piece_picker_pick              (CcPiecePicker *self,
                                              guint          index);

G_END_DECLS
