/* cc-hlc.c — hybrid logical clock: stamps that order every write in a shop.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cc-error.h"
#include "cc-hlc.h"

/* The text form has room for 15 decimal digits of milliseconds (past the
 * year 30000) and 8 hex digits of counter. */
#define HLC_WALL_MAX G_GINT64_CONSTANT (999999999999999)
#define HLC_WALL_DIGITS 15
#define HLC_COUNTER_DIGITS 8
#define HLC_PREFIX_LEN (HLC_WALL_DIGITS + 1 + HLC_COUNTER_DIGITS + 1)
/* How much of a bad stamp an error message quotes. */
#define HLC_QUOTE_MAX 48

struct _CcHlc
{
  GMutex         lock;
  CcHlcStamp     last;
  char          *node;
  CcHlcTimeFunc  time_func;
  gpointer       time_data;
};

static gint64
default_time (gpointer user_data)
{
  return g_get_real_time () / 1000;
}

static gboolean
node_is_valid (const char *node,
               gsize       len)
{
  if (len == 0 || len > CC_HLC_NODE_MAX)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (node[i]) && node[i] != '-')
      return FALSE;

  return TRUE;
}

/* A stamp handed in by a caller: its node must be terminated inside the
 * array before anything reads it as a string. */
static gboolean
stamp_is_sane (const CcHlcStamp *stamp)
{
  const char *end = memchr (stamp->node, '\0', sizeof stamp->node);

  return end != NULL
         && node_is_valid (stamp->node, end - stamp->node)
         && stamp->wall_ms >= 0
         && stamp->wall_ms <= HLC_WALL_MAX;
}

/* Advances (wall, counter) by one step; a full counter moves to the next
 * millisecond rather than wrapping. */
static void
stamp_set_next (CcHlcStamp *stamp,
                gint64      wall_ms,
                guint32     after_counter)
{
  if (after_counter == G_MAXUINT32)
    {
      stamp->wall_ms = wall_ms + 1;
      stamp->counter = 0;
    }
  else
    {
      stamp->wall_ms = wall_ms;
      stamp->counter = after_counter + 1;
    }
}

/**
 * cc_hlc_new:
 * @node: the device id, 1 to %CC_HLC_NODE_MAX letters, digits or dashes
 *
 * Returns: (transfer full): a clock that starts at the current wall time
 */
CcHlc *
cc_hlc_new (const char *node)
{
  CcHlc *self;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (node_is_valid (node, strlen (node)), NULL);

  self = g_new0 (CcHlc, 1);
  g_mutex_init (&self->lock);
  self->node = g_strdup (node);
  self->time_func = default_time;
  self->last.wall_ms = 0;
  self->last.counter = 0;
  g_strlcpy (self->last.node, node, sizeof self->last.node);

  return self;
}

void
cc_hlc_free (CcHlc *self)
{
  if (self == NULL)
    return;

  g_mutex_clear (&self->lock);
  g_free (self->node);
  g_free (self);
}

/**
 * cc_hlc_set_time_func:
 * @self: a clock
 * @func: (nullable): the wall clock in ms since the epoch, or %NULL for the
 *   real one
 * @user_data: passed to @func
 */
void
cc_hlc_set_time_func (CcHlc         *self,
                      CcHlcTimeFunc  func,
                      gpointer       user_data)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->time_func = func != NULL ? func : default_time;
  self->time_data = func != NULL ? user_data : NULL;
  g_mutex_unlock (&self->lock);
}

const char *
cc_hlc_get_node (CcHlc *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->node;
}

/**
 * cc_hlc_now:
 * @self: a clock
 * @out: (out caller-allocates): the new stamp
 *
 * Makes a stamp strictly greater than every stamp this clock made or saw.
 */
void
cc_hlc_now (CcHlc      *self,
            CcHlcStamp *out)
{
  gint64 physical;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  g_mutex_lock (&self->lock);

  physical = self->time_func (self->time_data);
  if (physical > self->last.wall_ms)
    {
      self->last.wall_ms = physical;
      self->last.counter = 0;
    }
  else
    {
      stamp_set_next (&self->last, self->last.wall_ms, self->last.counter);
    }

  *out = self->last;

  g_mutex_unlock (&self->lock);
}

/**
 * cc_hlc_restore:
 * @self: a clock
 * @last: the highest stamp the device made or saw before it restarted
 *
 * Raises the clock to @last so its next stamp is greater; a @last below
 * the clock's current state changes nothing.
 */
void
cc_hlc_restore (CcHlc            *self,
                const CcHlcStamp *last)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (last != NULL);
  g_return_if_fail (stamp_is_sane (last));

  g_mutex_lock (&self->lock);

  if (last->wall_ms > self->last.wall_ms
      || (last->wall_ms == self->last.wall_ms
          && last->counter > self->last.counter))
    {
      self->last.wall_ms = last->wall_ms;
      self->last.counter = last->counter;
    }

  g_mutex_unlock (&self->lock);
}

/**
 * cc_hlc_observe:
 * @self: a clock
 * @remote: a stamp that arrived from another device
 * @max_drift_ms: how far ahead of the wall clock @remote may be, or 0 for
 *   no limit
 * @error: return location for a #GError
 *
 * Merges @remote so every later stamp of this clock is greater than it.
 * A stamp too far ahead is refused and leaves the clock as it was.
 *
 * Returns: %TRUE if @remote was merged
 */
gboolean
cc_hlc_observe (CcHlc             *self,
                const CcHlcStamp  *remote,
                gint64             max_drift_ms,
                GError           **error)
{
  CcHlcStamp next;
  gint64 physical;
  gint64 wall;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (remote != NULL, FALSE);
  g_return_val_if_fail (max_drift_ms >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!stamp_is_sane (remote))
    {
      g_set_error_literal (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                           _("The change carries a clock stamp that is not valid."));
      return FALSE;
    }

  g_mutex_lock (&self->lock);

  physical = self->time_func (self->time_data);

  if (max_drift_ms > 0 && remote->wall_ms - physical > max_drift_ms)
    {
      gint64 ahead_ms = remote->wall_ms - physical;
      gint64 minutes = (ahead_ms + 59999) / 60000;
      g_autofree char *minutes_text = g_strdup_printf ("%" G_GINT64_FORMAT, minutes);

      g_mutex_unlock (&self->lock);

      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The change is stamped %s minute ahead of this computer’s clock; check the clock of the device that made it.",
                                "The change is stamped %s minutes ahead of this computer’s clock; check the clock of the device that made it.",
                                (gulong) MIN (minutes, G_MAXLONG)),
                   minutes_text);
      return FALSE;
    }

  wall = MAX (physical, MAX (self->last.wall_ms, remote->wall_ms));
  next = self->last;

  if (wall == self->last.wall_ms && wall == remote->wall_ms)
    stamp_set_next (&next, wall, MAX (self->last.counter, remote->counter));
  else if (wall == self->last.wall_ms)
    stamp_set_next (&next, wall, self->last.counter);
  else if (wall == remote->wall_ms)
    stamp_set_next (&next, wall, remote->counter);
  else
    {
      next.wall_ms = wall;
      next.counter = 0;
    }

  self->last = next;

  g_mutex_unlock (&self->lock);

  return TRUE;
}

/**
 * cc_hlc_stamp_compare:
 *
 * Returns: negative, zero or positive as @a is before, equal to or after @b
 */
int
cc_hlc_stamp_compare (const CcHlcStamp *a,
                      const CcHlcStamp *b)
{
  int cmp;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if (a->wall_ms != b->wall_ms)
    return a->wall_ms < b->wall_ms ? -1 : 1;
  if (a->counter != b->counter)
    return a->counter < b->counter ? -1 : 1;

  /* Byte order, as in the text form. */
  cmp = strncmp (a->node, b->node, sizeof a->node);
  return cmp < 0 ? -1 : cmp > 0 ? 1 : 0;
}

/**
 * cc_hlc_stamp_to_string:
 * @stamp: a stamp
 *
 * Returns: (transfer full): fixed-width text whose byte order is the stamp
 *   order
 */
char *
cc_hlc_stamp_to_string (const CcHlcStamp *stamp)
{
  g_return_val_if_fail (stamp != NULL, NULL);
  g_return_val_if_fail (stamp_is_sane (stamp), NULL);

  return g_strdup_printf ("%015" G_GINT64_FORMAT "-%08" G_GINT32_MODIFIER "x-%s",
                          stamp->wall_ms, stamp->counter, stamp->node);
}

/* A short, printable quote of what could not be parsed. */
static char *
quote_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) > HLC_QUOTE_MAX)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, HLC_QUOTE_MAX);
      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

/**
 * cc_hlc_stamp_parse:
 * @text: text made by cc_hlc_stamp_to_string()
 * @out: (out caller-allocates): the stamp, untouched on error
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @text is a well-formed stamp
 */
gboolean
cc_hlc_stamp_parse (const char  *text,
                    CcHlcStamp  *out,
                    GError     **error)
{
  CcHlcStamp stamp = { 0 };
  gsize len;
  gsize node_len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  len = strlen (text);
  if (len <= HLC_PREFIX_LEN
      || text[HLC_WALL_DIGITS] != '-'
      || text[HLC_WALL_DIGITS + 1 + HLC_COUNTER_DIGITS] != '-')
    goto bad_shape;

  for (guint i = 0; i < HLC_WALL_DIGITS; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        goto bad_shape;
      stamp.wall_ms = stamp.wall_ms * 10 + (text[i] - '0');
    }

  for (guint i = HLC_WALL_DIGITS + 1; i < HLC_WALL_DIGITS + 1 + HLC_COUNTER_DIGITS; i++)
    {
      char c = text[i];

      /* Lowercase only: the text form is unique, so byte order holds. */
      if (g_ascii_isdigit (c))
        stamp.counter = (stamp.counter << 4) | (guint32) (c - '0');
      else if (c >= 'a' && c <= 'f')
        stamp.counter = (stamp.counter << 4) | (guint32) (c - 'a' + 10);
      else
        goto bad_shape;
    }

  node_len = len - HLC_PREFIX_LEN;
  if (!node_is_valid (text + HLC_PREFIX_LEN, node_len))
    {
      g_autofree char *quoted = quote_text (text);

      g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                   _("The device name in the clock stamp “%s” must be 1 to %d letters, digits or dashes."),
                   quoted, CC_HLC_NODE_MAX);
      return FALSE;
    }

  memcpy (stamp.node, text + HLC_PREFIX_LEN, node_len);
  stamp.node[node_len] = '\0';
  *out = stamp;
  return TRUE;

bad_shape:
  {
    g_autofree char *quoted = quote_text (text);

    g_set_error (error, CC_ERROR, CC_ERROR_INVALID_INPUT,
                 _("“%s” is not a clock stamp: it must be 15 digits, a dash, 8 lowercase hexadecimal digits, a dash and a device name."),
                 quoted);
    return FALSE;
  }
}
