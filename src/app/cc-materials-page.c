/* cc-materials-page.c — the Materials section: materials, suppliers, purchases and their ledger.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cc-materials-page.h"

struct _CcMaterialsPage
{
  AdwBin   parent_instance;

  /* owned */
  CcStore *store;
};

G_DEFINE_FINAL_TYPE (CcMaterialsPage, cc_materials_page, ADW_TYPE_BIN)

static void
cc_materials_page_dispose (GObject *object)
{
  CcMaterialsPage *self = (CcMaterialsPage *)object;

  g_clear_object (&self->store);
  G_OBJECT_CLASS (cc_materials_page_parent_class)->dispose (object);
}

static void
cc_materials_page_class_init (CcMaterialsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cc_materials_page_dispose;
}

static void
cc_materials_page_init (CcMaterialsPage *self)
{
}

void
cc_materials_page_set_store (CcMaterialsPage *self,
                            CcStore *store)
{
  g_return_if_fail (CC_IS_MATERIALS_PAGE (self));
  g_set_object (&self->store, store);
}

void
cc_materials_page_reload (CcMaterialsPage *self)
{
  g_return_if_fail (CC_IS_MATERIALS_PAGE (self));
}
