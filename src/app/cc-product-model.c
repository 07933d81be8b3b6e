/* cc-product-model.c — a list model that windows over a catalogue search.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-money.h"
#include "cc-product-model.h"

/* Pages kept loaded: more than the few hundred rows a list or grid view
 * keeps widgets for, whatever the size of the shop. */
#define MAX_PAGES 8
#define READ_AHEAD_PAGES 3

/* CcProductItem */

struct _CcProductItem
{
  GObject          parent_instance;

  /* owned */
  char            *id;
  char            *title;
  char            *sku;
  char            *price_text;
  CcProductStatus  status;
  char            *cover_sha256;
};

G_DEFINE_FINAL_TYPE (CcProductItem, cc_product_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_TITLE,
  ITEM_PROP_SKU,
  ITEM_PROP_PRICE_TEXT,
  ITEM_PROP_STATUS,
  ITEM_PROP_STATUS_LABEL,
  ITEM_PROP_COVER_SHA256,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static CcProductItem *
cc_product_item_new_from_hit (const CcSearchHit *hit)
{
  CcProductItem *self = g_object_new (CC_TYPE_PRODUCT_ITEM, NULL);

  self->id = g_strdup (hit->id);
  self->title = g_strdup (hit->title != NULL ? hit->title : "");
  self->sku = g_strdup (hit->sku != NULL ? hit->sku : "");
  self->price_text = cc_money_format (hit->price, hit->currency);
  self->status = hit->status;
  self->cover_sha256 = g_strdup (hit->cover_sha256);

  return self;
}

/* Stands in for a row the shop no longer has (it changed after the count
 * and before the owner reloaded), or that could not be read: a list view
 * must get an item for every position below n_items. */
static CcProductItem *
cc_product_item_new_blank (void)
{
  CcProductItem *self = g_object_new (CC_TYPE_PRODUCT_ITEM, NULL);

  self->title = g_strdup ("");
  self->sku = g_strdup ("");
  self->price_text = g_strdup ("");
  self->status = CC_PRODUCT_ACTIVE;

  return self;
}

const char *
cc_product_item_get_id (CcProductItem *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_ITEM (self), NULL);
  return self->id;
}

const char *
cc_product_item_get_title (CcProductItem *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_ITEM (self), NULL);
  return self->title;
}

const char *
cc_product_item_get_sku (CcProductItem *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_ITEM (self), NULL);
  return self->sku;
}

const char *
cc_product_item_get_price_text (CcProductItem *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_ITEM (self), NULL);
  return self->price_text;
}

CcProductStatus
cc_product_item_get_status (CcProductItem *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_ITEM (self), CC_PRODUCT_DRAFT);
  return self->status;
}

const char *
cc_product_item_get_status_label (CcProductItem *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_ITEM (self), NULL);
  return cc_product_status_get_label (self->status);
}

const char *
cc_product_item_get_cover_sha256 (CcProductItem *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_ITEM (self), NULL);
  return self->cover_sha256;
}

static void
cc_product_item_finalize (GObject *object)
{
  CcProductItem *self = (CcProductItem *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->sku);
  g_free (self->price_text);
  g_free (self->cover_sha256);

  G_OBJECT_CLASS (cc_product_item_parent_class)->finalize (object);
}

static void
cc_product_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CcProductItem *self = CC_PRODUCT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case ITEM_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case ITEM_PROP_SKU:
      g_value_set_string (value, self->sku);
      break;
    case ITEM_PROP_PRICE_TEXT:
      g_value_set_string (value, self->price_text);
      break;
    case ITEM_PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case ITEM_PROP_STATUS_LABEL:
      g_value_set_string (value, cc_product_status_get_label (self->status));
      break;
    case ITEM_PROP_COVER_SHA256:
      g_value_set_string (value, self->cover_sha256);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_product_item_class_init (CcProductItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cc_product_item_finalize;
  object_class->get_property = cc_product_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_SKU] =
    g_param_spec_string ("sku", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_PRICE_TEXT] =
    g_param_spec_string ("price-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      CC_PRODUCT_DRAFT, CC_PRODUCT_ARCHIVED, CC_PRODUCT_DRAFT,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_COVER_SHA256] =
    g_param_spec_string ("cover-sha256", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
cc_product_item_init (CcProductItem *self)
{
}

/* CcProductModel */

typedef struct
{
  guint      index;
  GPtrArray *items;   /* CcProductItem*, at most a page, fewer at the end */
} Page;

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

struct _CcProductModel
{
  GObject        parent_instance;

  /* owned */
  CcStore       *store;
  CcSearchQuery  query;        /* its strings are the three below */
  char          *text;
  char          *category_id;
  char          *tag;
  guint          n_items;
  GHashTable    *pages;        /* page index → Page* (owned) */
  GQueue         recent;       /* Page*, most recently used first */
  GError        *error;
};

static void cc_product_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CcProductModel, cc_product_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cc_product_model_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drop_pages (CcProductModel *self)
{
  g_queue_clear (&self->recent);
  g_hash_table_remove_all (self->pages);
}

/* Loads page @index and the pages after it that are not loaded, up to
 * READ_AHEAD_PAGES, in one query: a view asks for a few hundred rows in a
 * row, and a far page costs its offset once rather than once a page. */
static Page *
load_pages (CcProductModel *self,
            guint           index)
{
  CcSearchQuery query = self->query;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint last_index = (self->n_items - 1) / CC_PRODUCT_MODEL_PAGE_SIZE;
  guint n_pages = 1;

  while (n_pages < READ_AHEAD_PAGES && index + n_pages <= last_index &&
         !g_hash_table_contains (self->pages, GUINT_TO_POINTER (index + n_pages)))
    n_pages++;

  query.offset = index * CC_PRODUCT_MODEL_PAGE_SIZE;
  query.limit = n_pages * CC_PRODUCT_MODEL_PAGE_SIZE;
  hits = cc_search_run (self->store, &query, &error);
  if (hits == NULL)
    {
      g_debug ("Catalogue page %u could not be loaded: %s", index, error->message);
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      return NULL;
    }

  /* Last first, so that the page asked for is the most recent. */
  for (guint p = n_pages; p-- > 0;)
    {
      guint start = p * CC_PRODUCT_MODEL_PAGE_SIZE;
      guint end = MIN (start + CC_PRODUCT_MODEL_PAGE_SIZE, hits->len);
      Page *page = g_new0 (Page, 1);

      page->index = index + p;
      page->items = g_ptr_array_new_full (CC_PRODUCT_MODEL_PAGE_SIZE, g_object_unref);
      for (guint i = start; i < end; i++)
        g_ptr_array_add (page->items, cc_product_item_new_from_hit (g_ptr_array_index (hits, i)));

      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page->index), page);
      g_queue_push_head (&self->recent, page);
    }

  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    {
      Page *oldest = g_queue_pop_tail (&self->recent);

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }

  return g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
}

static GType
cc_product_model_get_item_type (GListModel *model)
{
  return CC_TYPE_PRODUCT_ITEM;
}

static guint
cc_product_model_get_n_items (GListModel *model)
{
  return CC_PRODUCT_MODEL (model)->n_items;
}

static gpointer
cc_product_model_get_item (GListModel *model,
                           guint       position)
{
  CcProductModel *self = CC_PRODUCT_MODEL (model);
  guint index = position / CC_PRODUCT_MODEL_PAGE_SIZE;
  guint offset = position % CC_PRODUCT_MODEL_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL)
    {
      if (self->recent.head->data != page)
        {
          g_queue_remove (&self->recent, page);
          g_queue_push_head (&self->recent, page);
        }
    }
  else
    page = load_pages (self, index);

  /* A page can come back short if the shop changed since the count; the
   * owner reloads after every change it makes or receives. */
  if (page == NULL || offset >= page->items->len)
    return cc_product_item_new_blank ();

  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
cc_product_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cc_product_model_get_item_type;
  iface->get_n_items = cc_product_model_get_n_items;
  iface->get_item = cc_product_model_get_item;
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *)a;
  guint y = *(const guint *)b;

  return x < y ? -1 : x > y;
}

/* Counts again and forgets the pages; returns the old count, and the
 * indexes of the pages that were loaded (sorted) in @loaded if not NULL. */
static guint
recount (CcProductModel  *self,
         GArray         **loaded)
{
  g_autoptr(GError) error = NULL;
  guint old_n = self->n_items;
  gint64 count;

  if (loaded != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      *loaded = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint index = GPOINTER_TO_UINT (key);

          g_array_append_val (*loaded, index);
        }
      g_array_sort (*loaded, compare_uints);
    }

  drop_pages (self);
  g_clear_error (&self->error);

  count = cc_search_count (self->store, &self->query, &error);
  if (count < 0)
    {
      g_debug ("Catalogue search could not be counted: %s", error->message);
      self->error = g_steal_pointer (&error);
      count = 0;
    }
  self->n_items = (guint)MIN (count, (gint64)G_MAXUINT);

  return old_n;
}

/* GTK 4.8's list item manager, when an items-changed removes a row a view
 * tracks (the one it scrolls by, the focused one), asks the model for
 * every added item, looking for it by identity. Our items are new after
 * a recount, so a whole-range change of a big result would load every
 * page. Above this many items the change is split so that nothing tracked
 * is removed in a change that adds. */
#define SINGLE_CHANGE_MAX (10 * CC_PRODUCT_MODEL_PAGE_SIZE)

/* A new query: nothing of the old result stays. */
static void
emit_replaced (CcProductModel *self,
               guint           old_n)
{
  guint new_n = self->n_items;

  if (old_n == 0 || new_n == 0 || new_n <= SINGLE_CHANGE_MAX)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
      return;
    }

  /* Removed, then added, with nothing in between that a view could draw. */
  self->n_items = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  self->n_items = new_n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
}

/* The same query again: positions keep their meaning, so a view keeps
 * its place. Rows a view shows came from pages that were loaded: those
 * ranges change, then the end grows or shrinks. */
static void
emit_refreshed (CcProductModel *self,
                guint           old_n,
                GArray         *loaded)
{
  guint new_n = self->n_items;
  guint common = MIN (old_n, new_n);
  guint start = 0, end = 0;

  if (old_n == 0 || new_n == 0 || new_n <= SINGLE_CHANGE_MAX)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
      return;
    }

  /* Shrink first, so that no position below n_items is past the rows. */
  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else
    self->n_items = old_n;

  /* Each run of loaded pages below the common length, as one change. */
  for (guint i = 0; i < loaded->len; i++)
    {
      guint index = g_array_index (loaded, guint, i);
      guint page_start = MIN (index * CC_PRODUCT_MODEL_PAGE_SIZE, common);
      guint page_end = MIN (page_start + CC_PRODUCT_MODEL_PAGE_SIZE, common);

      if (page_start == end)
        {
          end = page_end;
          continue;
        }
      if (end > start)
        g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, end - start);
      start = page_start;
      end = page_end;
    }
  if (end > start)
    g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, end - start);

  if (new_n > old_n)
    {
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
    }
}

CcProductModel *
cc_product_model_new (CcStore *store)
{
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  return g_object_new (CC_TYPE_PRODUCT_MODEL, "store", store, NULL);
}

CcStore *
cc_product_model_get_store (CcProductModel *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_MODEL (self), NULL);
  return self->store;
}

void
cc_product_model_set_query (CcProductModel      *self,
                            const CcSearchQuery *query)
{
  CcSearchQuery init = CC_SEARCH_QUERY_INIT;
  char *text, *category_id, *tag;
  guint old_n;

  g_return_if_fail (CC_IS_PRODUCT_MODEL (self));
  g_return_if_fail (query != NULL);

  /* Copied before the old strings go: query may point into them. */
  text = g_strdup (query->text);
  category_id = g_strdup (query->category_id);
  tag = g_strdup (query->tag);
  g_free (self->text);
  g_free (self->category_id);
  g_free (self->tag);
  self->text = text;
  self->category_id = category_id;
  self->tag = tag;

  self->query = *query;
  self->query.text = self->text;
  self->query.category_id = self->category_id;
  self->query.tag = self->tag;
  self->query.offset = init.offset;
  self->query.limit = init.limit;

  old_n = recount (self, NULL);
  emit_replaced (self, old_n);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

const CcSearchQuery *
cc_product_model_get_query (CcProductModel *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_MODEL (self), NULL);
  return &self->query;
}

void
cc_product_model_reload (CcProductModel *self)
{
  g_autoptr(GArray) loaded = NULL;
  guint old_n;

  g_return_if_fail (CC_IS_PRODUCT_MODEL (self));

  old_n = recount (self, &loaded);
  emit_refreshed (self, old_n, loaded);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

const GError *
cc_product_model_get_error (CcProductModel *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_MODEL (self), NULL);
  return self->error;
}

guint
cc_product_model_get_n_loaded_pages (CcProductModel *self)
{
  g_return_val_if_fail (CC_IS_PRODUCT_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

static void
cc_product_model_constructed (GObject *object)
{
  CcProductModel *self = (CcProductModel *)object;
  g_autoptr(GError) error = NULL;
  gint64 count;

  G_OBJECT_CLASS (cc_product_model_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  /* No one listens yet: count without signals. */
  count = cc_search_count (self->store, &self->query, &error);
  if (count < 0)
    self->error = g_steal_pointer (&error);
  else
    self->n_items = (guint)MIN (count, (gint64)G_MAXUINT);
}

static void
cc_product_model_dispose (GObject *object)
{
  CcProductModel *self = (CcProductModel *)object;

  drop_pages (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cc_product_model_parent_class)->dispose (object);
}

static void
cc_product_model_finalize (GObject *object)
{
  CcProductModel *self = (CcProductModel *)object;

  g_hash_table_unref (self->pages);
  g_free (self->text);
  g_free (self->category_id);
  g_free (self->tag);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cc_product_model_parent_class)->finalize (object);
}

static void
cc_product_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CcProductModel *self = CC_PRODUCT_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_product_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CcProductModel *self = CC_PRODUCT_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_product_model_class_init (CcProductModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cc_product_model_constructed;
  object_class->dispose = cc_product_model_dispose;
  object_class->finalize = cc_product_model_finalize;
  object_class->get_property = cc_product_model_get_property;
  object_class->set_property = cc_product_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cc_product_model_init (CcProductModel *self)
{
  CcSearchQuery init = CC_SEARCH_QUERY_INIT;

  self->query = init;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)page_free);
  g_queue_init (&self->recent);
}
