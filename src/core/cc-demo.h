/* cc-demo.h — the demo shop: about forty real-looking pieces, made offline.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cc-store.h"

G_BEGIN_DECLS

/* Loads categories and pieces (pottery, textiles, jewellery, woodwork) with
 * English and Hindi texts and photos drawn by the program itself. Refuses
 * (CC_ERROR_CONFLICT) a shop that already has products. */
gboolean cc_demo_load (CcStore       *store,
                       GCancellable  *cancellable,
                       GError       **error);

/* The workshop part of the demo, run by cc_demo_load after the pieces and
 * the shop's settings (the fair wage its recipes are costed at among them):
 * suppliers, materials and purchases, recipes and batches for a few pieces,
 * customers and orders in several states, and a market-stall sale. */
gboolean cc_demo_load_workshop (CcStore  *store,
                                GError  **error);

G_END_DECLS
