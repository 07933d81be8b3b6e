/* cc-schema.c — the numbered migrations of the shop database.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synced references (a product's category, a photo's product) carry no
 * FOREIGN KEY: changes from other devices arrive in any order, and a row may
 * name one that has not arrived yet. Local-only child tables do cascade.
 */
#include "config.h"

#include "cc-schema.h"

static const char migration_1[] =
  /* Device identity, the clock's high-water mark. Never synced. */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* The stamp of every register's current value. */
  "CREATE TABLE registers ("
  "  entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  reg TEXT NOT NULL,"
  "  hlc TEXT NOT NULL,"
  "  change_id TEXT NOT NULL,"
  "  base_hlc TEXT,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (entity, row_id, reg)"
  ") WITHOUT ROWID;"
  /* Every change this device made and has not yet handed to the server. */
  "CREATE TABLE outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  change_id TEXT NOT NULL UNIQUE,"
  "  entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  reg TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  hlc TEXT NOT NULL,"
  "  base_hlc TEXT,"
  "  device TEXT NOT NULL"
  ");"
  /* Ids of changes applied from elsewhere, so a retried batch is a no-op. */
  "CREATE TABLE seen_changes ("
  "  change_id TEXT PRIMARY KEY"
  ") WITHOUT ROWID;"
  /* Concurrent writes that lost last-writer-wins, kept for the person. */
  "CREATE TABLE conflicts ("
  "  entity TEXT NOT NULL,"
  "  row_id TEXT NOT NULL,"
  "  reg TEXT NOT NULL,"
  "  change_id TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  hlc TEXT NOT NULL,"
  "  device TEXT NOT NULL,"
  "  winner_change_id TEXT NOT NULL,"
  "  winner_value TEXT NOT NULL,"
  "  settled INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (entity, row_id, reg, change_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE categories ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  slug TEXT NOT NULL DEFAULT '',"
  "  parent_id TEXT,"
  "  sort_order INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX categories_parent ON categories (parent_id);"
  "CREATE TABLE products ("
  "  id TEXT PRIMARY KEY,"
  "  sku TEXT NOT NULL DEFAULT '',"
  "  slug TEXT NOT NULL DEFAULT '',"
  "  category_id TEXT,"
  "  status TEXT NOT NULL DEFAULT 'draft',"
  "  price INTEGER NOT NULL DEFAULT 0,"
  "  compare_at_price INTEGER NOT NULL DEFAULT 0,"
  "  currency TEXT NOT NULL DEFAULT 'INR',"
  "  width_mm INTEGER NOT NULL DEFAULT 0,"
  "  height_mm INTEGER NOT NULL DEFAULT 0,"
  "  depth_mm INTEGER NOT NULL DEFAULT 0,"
  "  weight_g INTEGER NOT NULL DEFAULT 0,"
  "  production_minutes INTEGER NOT NULL DEFAULT 0,"
  "  cultural_origin TEXT NOT NULL DEFAULT '',"
  "  technique TEXT NOT NULL DEFAULT '',"
  "  maker TEXT NOT NULL DEFAULT '',"
  /* Display title in the shop's main language, kept by the flush. */
  "  title TEXT NOT NULL DEFAULT '',"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX products_sku ON products (sku);"
  "CREATE INDEX products_category ON products (category_id);"
  "CREATE INDEX products_title ON products (title COLLATE NOCASE);"
  "CREATE INDEX products_price ON products (price);"
  "CREATE TABLE product_texts ("
  "  product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  lang TEXT NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (product_id, lang)"
  ") WITHOUT ROWID;"
  /* Add/remove sets: one row per element ever added, present or not. */
  "CREATE TABLE product_tags ("
  "  product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  tag TEXT NOT NULL,"
  "  present INTEGER NOT NULL,"
  "  PRIMARY KEY (product_id, tag)"
  ") WITHOUT ROWID;"
  "CREATE INDEX product_tags_tag ON product_tags (tag);"
  "CREATE TABLE product_materials ("
  "  product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  material TEXT NOT NULL,"
  "  present INTEGER NOT NULL,"
  "  PRIMARY KEY (product_id, material)"
  ") WITHOUT ROWID;"
  "CREATE TABLE variants ("
  "  id TEXT PRIMARY KEY,"
  "  product_id TEXT NOT NULL DEFAULT '',"
  "  sku TEXT NOT NULL DEFAULT '',"
  "  price INTEGER NOT NULL DEFAULT 0,"
  "  options TEXT NOT NULL DEFAULT '[]',"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX variants_product ON variants (product_id);"
  "CREATE INDEX variants_sku ON variants (sku);"
  "CREATE TABLE photos ("
  "  id TEXT PRIMARY KEY,"
  "  product_id TEXT NOT NULL DEFAULT '',"
  "  sha256 TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX photos_product ON photos (product_id, position);";

/* Version 2: the search index, written only by cc-search.c. Filled from
 * existing rows by the store right after this migration
 * (cc_search_reindex_all). products_fts holds each field as its folded
 * words, and in facets a token for the product's status, category and each
 * tag, so filters are FTS terms too; its 1- to 4-character prefix
 * indexes make a prefix match or count one doclist read. */
static const char migration_2[] =
  "CREATE VIRTUAL TABLE products_fts USING fts5 ("
  "  title, description, tags, materials, sku, facets,"
  "  tokenize = \"unicode61 categories 'L* N* Co M*' remove_diacritics 2\","
  "  prefix = '1 2 3 4'"
  ");"
  /* The first one and two characters of each word of a product's titles,
   * tags, materials and SKUs, ordered by a sort key of its display title
   * (the first bytes, ASCII lower-cased as COLLATE NOCASE does): the first
   * page of a 1–2 letter search in name order is the start of one range. */
  "CREATE TABLE product_prefixes ("
  "  prefix TEXT NOT NULL,"
  "  title_key BLOB NOT NULL,"
  "  product_rowid INTEGER NOT NULL,"
  "  PRIMARY KEY (prefix, title_key, product_rowid)"
  ") WITHOUT ROWID;"
  "CREATE INDEX product_prefixes_product ON product_prefixes (product_rowid, prefix);";

/* Version 3: stock and materials as ledgers (cc-inventory.c,
 * cc-materials.c). Ledger rows (stock_moves, material_moves, purchases,
 * batches, batch_inputs) are written once and only ever added; every
 * quantity and average cost is a sum over them. variant_id NULL is the
 * product itself. */
static const char migration_3[] =
  "CREATE TABLE stock_moves ("
  "  id TEXT PRIMARY KEY,"
  "  product_id TEXT NOT NULL DEFAULT '',"
  "  variant_id TEXT,"
  "  delta INTEGER NOT NULL DEFAULT 0,"
  "  bucket INTEGER NOT NULL DEFAULT 0,"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  ref_id TEXT,"
  "  batch_id TEXT,"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX stock_moves_product ON stock_moves (product_id, variant_id);"
  "CREATE INDEX stock_moves_ref ON stock_moves (ref_id);"
  /* Keyed by product id, or "<product id>/<variant id>". */
  "CREATE TABLE stock_settings ("
  "  id TEXT PRIMARY KEY,"
  "  low_threshold INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE suppliers ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  contact TEXT NOT NULL DEFAULT '',"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  /* Quantities in base units: mg, mm, ml or pieces; unit is how a person
   * sees them. */
  "CREATE TABLE materials ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  unit TEXT NOT NULL DEFAULT 'piece',"
  "  low_threshold INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX materials_name ON materials (name COLLATE NOCASE);"
  "CREATE TABLE purchases ("
  "  id TEXT PRIMARY KEY,"
  "  material_id TEXT NOT NULL DEFAULT '',"
  "  supplier_id TEXT,"
  "  quantity INTEGER NOT NULL DEFAULT 0,"
  "  cost INTEGER NOT NULL DEFAULT 0,"
  "  shipping INTEGER NOT NULL DEFAULT 0,"
  "  currency TEXT NOT NULL DEFAULT 'INR',"
  "  date TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX purchases_material ON purchases (material_id, date);"
  "CREATE TABLE material_moves ("
  "  id TEXT PRIMARY KEY,"
  "  material_id TEXT NOT NULL DEFAULT '',"
  "  delta INTEGER NOT NULL DEFAULT 0,"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  ref_id TEXT,"
  "  purchase_id TEXT,"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX material_moves_material ON material_moves (material_id);"
  /* Keyed by product id, or "<product id>/<variant id>". */
  "CREATE TABLE recipes ("
  "  id TEXT PRIMARY KEY,"
  "  product_id TEXT NOT NULL DEFAULT '',"
  "  variant_id TEXT,"
  "  labour_minutes INTEGER NOT NULL DEFAULT 0,"
  "  overhead_kind TEXT NOT NULL DEFAULT 'none',"
  "  overhead_value INTEGER NOT NULL DEFAULT 0"
  ");"
  /* One register per line ("line/<material id>"): quantity 0 is a removed
   * line, so two devices editing different lines both count. */
  "CREATE TABLE recipe_lines ("
  "  recipe_id TEXT NOT NULL,"
  "  material_id TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (recipe_id, material_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE batches ("
  "  id TEXT PRIMARY KEY,"
  "  product_id TEXT NOT NULL DEFAULT '',"
  "  variant_id TEXT,"
  "  quantity INTEGER NOT NULL DEFAULT 0,"
  "  date TEXT NOT NULL DEFAULT '',"
  "  lot_code TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX batches_product ON batches (product_id);"
  /* Which purchases (lots) a batch's materials came from; purchase_id NULL
   * for material that no purchase accounts for (a count that found more). */
  "CREATE TABLE batch_inputs ("
  "  id TEXT PRIMARY KEY,"
  "  batch_id TEXT NOT NULL DEFAULT '',"
  "  material_id TEXT NOT NULL DEFAULT '',"
  "  purchase_id TEXT,"
  "  quantity INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX batch_inputs_batch ON batch_inputs (batch_id);"
  "CREATE INDEX batch_inputs_purchase ON batch_inputs (purchase_id);";

/* Version 4: customers and orders (cc-orders.c). Payments are written once.
 * order_counters is local to this device, never synced: it hands out the
 * <n> of this device's order numbers "<device code>-<n>". */
static const char migration_4[] =
  "CREATE TABLE customers ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX customers_name ON customers (name COLLATE NOCASE);"
  "CREATE TABLE orders ("
  "  id TEXT PRIMARY KEY,"
  "  number TEXT NOT NULL DEFAULT '',"
  "  customer_id TEXT,"
  "  status TEXT NOT NULL DEFAULT 'pending',"
  "  currency TEXT NOT NULL DEFAULT 'INR',"
  "  discount INTEGER NOT NULL DEFAULT 0,"
  "  shipping INTEGER NOT NULL DEFAULT 0,"
  "  tax_rate_bp INTEGER NOT NULL DEFAULT 0,"
  "  tax_inclusive INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL DEFAULT '',"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX orders_number ON orders (number);"
  "CREATE INDEX orders_customer ON orders (customer_id);"
  "CREATE INDEX orders_created ON orders (created);"
  "CREATE TABLE order_lines ("
  "  id TEXT PRIMARY KEY,"
  "  order_id TEXT NOT NULL DEFAULT '',"
  "  product_id TEXT NOT NULL DEFAULT '',"
  "  variant_id TEXT,"
  "  quantity INTEGER NOT NULL DEFAULT 0,"
  "  unit_price INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX order_lines_order ON order_lines (order_id, position);"
  "CREATE INDEX order_lines_product ON order_lines (product_id);"
  "CREATE TABLE payments ("
  "  id TEXT PRIMARY KEY,"
  "  order_id TEXT NOT NULL DEFAULT '',"
  "  method TEXT NOT NULL DEFAULT 'other',"
  "  amount INTEGER NOT NULL DEFAULT 0,"
  "  date TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX payments_order ON payments (order_id);"
  "CREATE TABLE order_counters ("
  "  device TEXT PRIMARY KEY,"
  "  next INTEGER NOT NULL"
  ") WITHOUT ROWID;";

/* Version 5: image addresses of imported products, fetched into the photo
 * store later, when online. */
static const char migration_5[] =
  "CREATE TABLE product_image_urls ("
  "  id TEXT PRIMARY KEY,"
  "  urls TEXT NOT NULL DEFAULT ''"
  ");";

/* Version 6: invoice numbers and fetching imported images.
 * An order's invoice number is a synced register given once, when the
 * order is first invoiced, from invoice_counters: local to this device like
 * order_counters, but advanced only when a number is actually issued, so
 * each device's series "<device code>-<n>" has no gaps.
 * image_fetches is local too: how fetching each imported address went. */
static const char migration_6[] =
  "ALTER TABLE orders ADD COLUMN invoice_number TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX orders_invoice_number ON orders (invoice_number);"
  "CREATE TABLE invoice_counters ("
  "  device TEXT PRIMARY KEY,"
  "  next INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE image_fetches ("
  "  url TEXT NOT NULL,"
  "  product_id TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'failed',"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  tries INTEGER NOT NULL DEFAULT 0,"
  "  last_try TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (product_id, url)"
  ") WITHOUT ROWID;";

/* Version 7: photo analysis and product videos.
 * photo_analysis is computed from a photo's bytes, so it is local and keyed
 * by content: redone when CC_PHOTO_ANALYSIS_VERSION changes, never synced.
 * product_videos is synced (one short clip per product), its file and
 * poster frame in the content store like photos. */
static const char migration_7[] =
  "CREATE TABLE photo_analysis ("
  "  sha256 TEXT PRIMARY KEY,"
  "  version INTEGER NOT NULL,"
  "  score INTEGER NOT NULL,"
  "  phash INTEGER NOT NULL,"
  "  json TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE INDEX photo_analysis_score ON photo_analysis (score);"
  "CREATE TABLE product_videos ("
  "  id TEXT PRIMARY KEY,"
  "  product_id TEXT NOT NULL DEFAULT '',"
  "  sha256 TEXT NOT NULL DEFAULT '',"
  "  poster_sha256 TEXT NOT NULL DEFAULT '',"
  "  duration_ms INTEGER NOT NULL DEFAULT 0,"
  "  width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0,"
  "  mime TEXT NOT NULL DEFAULT '',"
  "  deleted INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX product_videos_product ON product_videos (product_id);";

const char * const cc_schema_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
};

const guint cc_schema_n_migrations = G_N_ELEMENTS (cc_schema_migrations);
