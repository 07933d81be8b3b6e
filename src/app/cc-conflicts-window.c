/* cc-conflicts-window.c — the Conflicts view: both values side by side, settled with one click.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cc-catalogue.h"
#include "cc-change.h"
#include "cc-conflicts-window.h"
#include "cc-conflicts.h"
#include "cc-hlc.h"
#include "cc-materials.h"
#include "cc-money.h"
#include "cc-orders.h"
#include "cc-ui-util.h"

/* What a person sees of one side of one conflict. */
typedef struct
{
  GtkLabel  *value;
  GtkLabel  *device;
  GtkButton *keep;
} Side;

typedef struct
{
  CcConflict *conflict;
  GtkLabel   *title;
  Side        sides[2];
} Card;

struct _CcConflictsWindow
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkBox          *cards_box;

  /* owned */
  CcStore         *store;
  GPtrArray       *cards;          /* Card*, in the order shown */
  guint            reload_source;
};

G_DEFINE_FINAL_TYPE (CcConflictsWindow, cc_conflicts_window, ADW_TYPE_WINDOW)

enum {
  SETTLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
card_free (Card *card)
{
  cc_conflict_free (card->conflict);
  g_free (card);
}

/* Which device wrote a value, in words. */
static const char *
device_label (CcStore    *store,
              const char *node)
{
  if (node == NULL)
    return _("Written on another device");
  if (g_strcmp0 (node, cc_store_get_device_id (store)) == 0)
    return _("Written on this device");
  return _("Written on another device");
}

/* The value in use was written by the register's last writer. */
static char *
dup_winner_node (CcStore          *store,
                 const CcConflict *conflict)
{
  g_autofree char *stamp_text = cc_store_dup_register_stamp (store, conflict->entity,
                                                             conflict->row_id, conflict->reg);
  CcHlcStamp stamp;

  if (stamp_text == NULL || !cc_hlc_stamp_parse (stamp_text, &stamp, NULL))
    return NULL;
  return g_strdup (stamp.node);
}

/* Cards */

static void keep_clicked (GtkButton *button, CcConflictsWindow *self);

static GtkWidget *
make_side (CcConflictsWindow *self,
           Card              *card,
           guint              index,
           CcConflictSide     which)
{
  CcConflict *conflict = card->conflict;
  Side *side = &card->sides[which];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption;
  GtkWidget *value;
  GtkWidget *device;
  GtkWidget *keep;
  g_autofree char *text = NULL;
  g_autofree char *winner_node = NULL;

  gtk_widget_set_hexpand (box, TRUE);
  caption = gtk_label_new (which == CC_CONFLICT_SIDE_IN_USE ? _("In use now") : _("Not in use"));
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption-heading");
  if (which == CC_CONFLICT_SIDE_IN_USE)
    gtk_widget_add_css_class (caption, "accent");
  else
    gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);

  text = cc_conflict_format_value (self->store, conflict,
                                   which == CC_CONFLICT_SIDE_IN_USE ? conflict->winner_value : conflict->value);
  value = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (value), 30);
  gtk_widget_add_css_class (value, "title-3");
  gtk_box_append (GTK_BOX (box), value);

  if (which == CC_CONFLICT_SIDE_IN_USE)
    winner_node = dup_winner_node (self->store, conflict);
  device = gtk_label_new (device_label (self->store, which == CC_CONFLICT_SIDE_IN_USE ? winner_node
                                                                                     : conflict->device));
  gtk_label_set_xalign (GTK_LABEL (device), 0);
  gtk_widget_add_css_class (device, "dim-label");
  gtk_box_append (GTK_BOX (box), device);

  keep = gtk_button_new_with_mnemonic (_("_Keep This"));
  gtk_widget_set_halign (keep, GTK_ALIGN_START);
  gtk_widget_set_margin_top (keep, 6);
  gtk_widget_add_css_class (keep, "pill");
  if (which == CC_CONFLICT_SIDE_OTHER)
    gtk_widget_add_css_class (keep, "suggested-action");
  g_object_set_data (G_OBJECT (keep), "conflict-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (keep), "conflict-side", GUINT_TO_POINTER (which));
  g_signal_connect_object (keep, "clicked", G_CALLBACK (keep_clicked), self, 0);
  gtk_box_append (GTK_BOX (box), keep);

  side->value = GTK_LABEL (value);
  side->device = GTK_LABEL (device);
  side->keep = GTK_BUTTON (keep);
  return box;
}

static GtkWidget *
make_card (CcConflictsWindow *self,
           Card              *card,
           guint              index)
{
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title;
  GtkWidget *when;
  GtkWidget *sides;
  g_autofree char *title_text = cc_conflict_dup_field_name (self->store, card->conflict);
  CcHlcStamp stamp;

  gtk_widget_add_css_class (frame, "card");

  title = gtk_label_new (title_text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-4");
  gtk_widget_set_margin_top (title, 12);
  gtk_widget_set_margin_start (title, 12);
  gtk_widget_set_margin_end (title, 12);
  gtk_box_append (GTK_BOX (frame), title);
  card->title = GTK_LABEL (title);

  if (cc_hlc_stamp_parse (card->conflict->hlc, &stamp, NULL))
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (stamp.wall_ms / 1000);
      /* Translators: when the value that is not in use was written, g_date_time_format() notation. */
      g_autofree char *text = at != NULL ? g_date_time_format (at, _("The other value was written on %-d %B %Y at %H:%M")) : NULL;

      if (text != NULL)
        {
          when = gtk_label_new (text);
          gtk_label_set_xalign (GTK_LABEL (when), 0);
          gtk_label_set_wrap (GTK_LABEL (when), TRUE);
          gtk_widget_add_css_class (when, "dim-label");
          gtk_widget_set_margin_start (when, 12);
          gtk_widget_set_margin_end (when, 12);
          gtk_box_append (GTK_BOX (frame), when);
        }
    }

  sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_set_margin_start (sides, 12);
  gtk_widget_set_margin_end (sides, 12);
  gtk_widget_set_margin_bottom (sides, 12);
  gtk_box_append (GTK_BOX (sides), make_side (self, card, index, CC_CONFLICT_SIDE_IN_USE));
  gtk_box_append (GTK_BOX (sides), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (sides), make_side (self, card, index, CC_CONFLICT_SIDE_OTHER));
  gtk_box_append (GTK_BOX (frame), sides);
  return frame;
}

static void
reload (CcConflictsWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_box_remove (self->cards_box, child);
  g_ptr_array_set_size (self->cards, 0);

  conflicts = cc_store_conflicts_list_full (self->store, &error);
  if (conflicts == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* The cards own the conflicts from here on. */
  g_ptr_array_set_free_func (conflicts, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      Card *card = g_new0 (Card, 1);

      card->conflict = g_ptr_array_index (conflicts, i);
      g_ptr_array_add (self->cards, card);
      gtk_box_append (self->cards_box, make_card (self, card, i));
    }
  gtk_stack_set_visible_child_name (self->stack, self->cards->len > 0 ? "list" : "empty");
}

static void
on_committed (CcConflictsWindow *self)
{
  cc_ui_reload_soon (&self->reload_source, (CcUiReloadFunc) reload, self);
}

static void
settle (CcConflictsWindow *self,
        guint              index,
        CcConflictSide     which)
{
  Card *card;
  const char *json;
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  if (index >= self->cards->len)
    return;
  card = g_ptr_array_index (self->cards, index);
  json = which == CC_CONFLICT_SIDE_IN_USE ? card->conflict->winner_value : card->conflict->value;
  value = json != NULL ? cc_json_parse (json, 16, &error) : cc_value_null ();
  if (value == NULL ||
      !cc_store_conflict_settle (self->store, card->conflict->change_id, value, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  reload (self);
  g_signal_emit (self, signals[SETTLED], 0);
}

static void
keep_clicked (GtkButton         *button,
              CcConflictsWindow *self)
{
  settle (self,
          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "conflict-index")),
          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "conflict-side")));
}

/* Public */

CcConflictsWindow *
cc_conflicts_window_new (GtkWindow *parent,
                         CcStore   *store)
{
  CcConflictsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CC_IS_STORE (store), NULL);

  self = g_object_new (CC_TYPE_CONFLICTS_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "committed", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

guint
cc_conflicts_window_get_n_conflicts (CcConflictsWindow *self)
{
  g_return_val_if_fail (CC_IS_CONFLICTS_WINDOW (self), 0);
  return self->cards->len;
}

static Card *
get_card (CcConflictsWindow *self,
          guint              index)
{
  g_return_val_if_fail (index < self->cards->len, NULL);
  return g_ptr_array_index (self->cards, index);
}

const char *
cc_conflicts_window_get_title (CcConflictsWindow *self,
                               guint              index)
{
  Card *card;

  g_return_val_if_fail (CC_IS_CONFLICTS_WINDOW (self), NULL);
  card = get_card (self, index);
  return card != NULL ? gtk_label_get_text (card->title) : NULL;
}

const char *
cc_conflicts_window_get_value (CcConflictsWindow *self,
                               guint              index,
                               CcConflictSide     side)
{
  Card *card;

  g_return_val_if_fail (CC_IS_CONFLICTS_WINDOW (self), NULL);
  g_return_val_if_fail (side <= CC_CONFLICT_SIDE_OTHER, NULL);
  card = get_card (self, index);
  return card != NULL ? gtk_label_get_text (card->sides[side].value) : NULL;
}

const char *
cc_conflicts_window_get_device (CcConflictsWindow *self,
                                guint              index,
                                CcConflictSide     side)
{
  Card *card;

  g_return_val_if_fail (CC_IS_CONFLICTS_WINDOW (self), NULL);
  g_return_val_if_fail (side <= CC_CONFLICT_SIDE_OTHER, NULL);
  card = get_card (self, index);
  return card != NULL ? gtk_label_get_text (card->sides[side].device) : NULL;
}

void
cc_conflicts_window_keep (CcConflictsWindow *self,
                          guint              index,
                          CcConflictSide     side)
{
  Card *card;

  g_return_if_fail (CC_IS_CONFLICTS_WINDOW (self));
  g_return_if_fail (side <= CC_CONFLICT_SIDE_OTHER);
  card = get_card (self, index);
  if (card != NULL)
    g_signal_emit_by_name (card->sides[side].keep, "clicked");
}

gboolean
cc_conflicts_window_is_empty (CcConflictsWindow *self)
{
  g_return_val_if_fail (CC_IS_CONFLICTS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0;
}

/* GObject */

static void
cc_conflicts_window_dispose (GObject *object)
{
  CcConflictsWindow *self = (CcConflictsWindow *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CC_TYPE_CONFLICTS_WINDOW);

  G_OBJECT_CLASS (cc_conflicts_window_parent_class)->dispose (object);
}

static void
cc_conflicts_window_finalize (GObject *object)
{
  CcConflictsWindow *self = (CcConflictsWindow *)object;

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cc_conflicts_window_parent_class)->finalize (object);
}

static void
cc_conflicts_window_class_init (CcConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cc_conflicts_window_dispose;
  object_class->finalize = cc_conflicts_window_finalize;

  /**
   * CcConflictsWindow::settled:
   *
   * A conflict was settled here.
   */
  signals[SETTLED] =
    g_signal_new ("settled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/craftchain/Workstation/cc-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CcConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CcConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CcConflictsWindow, cards_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cc_conflicts_window_init (CcConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify)card_free);
}
