/* cc-sync-engine.c — the background sync engine: a worker that keeps the shop in step.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One worker thread with its own CcStore (its own SQLite connection on the
 * same file) and its own GMainContext for libsoup. It sleeps on a
 * condition variable until poked (a local commit, the network changing,
 * "sync now"), until its timer, or until a backoff ends; then runs one
 * round (cc-sync-client.c). What the window shows travels back as small
 * updates invoked on the creator's main context. The worker never holds a
 * reference to the engine: the engine owns the thread and joins it when
 * disposed, and updates find the engine through the shared block, which
 * only the main context reads and writes.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cc-sync-engine.h"

#define BACKOFF_MIN_US   (G_USEC_PER_SEC)
#define BACKOFF_MAX_US   (300 * G_USEC_PER_SEC)
#define DEFAULT_INTERVAL (120)

G_DEFINE_ENUM_TYPE (CcSyncState, cc_sync_state,
  G_DEFINE_ENUM_VALUE (CC_SYNC_STATE_NOT_ENROLLED, "not-enrolled"),
  G_DEFINE_ENUM_VALUE (CC_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (CC_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (CC_SYNC_STATE_UP_TO_DATE, "up-to-date"),
  G_DEFINE_ENUM_VALUE (CC_SYNC_STATE_ERROR, "error"))

typedef struct
{
  gatomicrefcount  ref;
  GMutex           lock;
  GCond            cond;
  char            *store_path;
  GMainContext    *main_context;
  CcSyncEngine    *engine;        /* main context only; NULL once disposed */
  /* under lock */
  GCancellable    *cancellable;
  gboolean         stopping;
  gboolean         poked;
  gboolean         forced;        /* forget backoff and revocation */
  gint64           interval_us;
} Shared;

struct _CcSyncEngine
{
  GObject       parent_instance;

  /* owned */
  Shared       *shared;
  GThread      *thread;
  char         *reason;

  CcSyncState   state;
  gint64        last_success;
  gint64        pending;
};

G_DEFINE_FINAL_TYPE (CcSyncEngine, cc_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_REASON,
  PROP_LAST_SUCCESS,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_ref_count_inc (&shared->ref);
  return shared;
}

static void
shared_unref (Shared *shared)
{
  if (!g_atomic_ref_count_dec (&shared->ref))
    return;
  g_mutex_clear (&shared->lock);
  g_cond_clear (&shared->cond);
  g_clear_object (&shared->cancellable);
  g_main_context_unref (shared->main_context);
  g_free (shared->store_path);
  g_free (shared);
}

/* Updates from the worker */

typedef struct
{
  Shared      *shared;
  gboolean     has_state;
  CcSyncState  state;
  char        *reason;
  gint64       last_success;   /* -1: unchanged */
  gint64       pending;        /* -1: unchanged */
  gboolean     changed;
} Update;

static void
update_free (gpointer data)
{
  Update *update = data;

  shared_unref (update->shared);
  g_free (update->reason);
  g_free (update);
}

static gboolean
apply_update (gpointer data)
{
  Update *update = data;
  CcSyncEngine *self = update->shared->engine;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (update->has_state)
    {
      if (self->state != update->state)
        {
          self->state = update->state;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
        }
      if (g_strcmp0 (self->reason, update->reason) != 0)
        {
          g_free (self->reason);
          self->reason = g_strdup (update->reason);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
        }
    }
  if (update->last_success >= 0 && update->last_success != self->last_success)
    {
      self->last_success = update->last_success;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
    }
  if (update->pending >= 0 && update->pending != self->pending)
    {
      self->pending = update->pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  if (update->changed)
    g_signal_emit (self, signals[CHANGED], 0);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static gint64
read_last_success (CcStore *store)
{
  g_autofree char *text = cc_store_dup_meta (store, CC_SYNC_META_LAST_SUCCESS);
  g_autoptr(GDateTime) when = NULL;

  if (text == NULL)
    return 0;
  when = g_date_time_new_from_iso8601 (text, NULL);
  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static void
post_update (Shared      *shared,
             CcStore     *store,
             gboolean     has_state,
             CcSyncState  state,
             const char  *reason,
             gboolean     changed)
{
  Update *update = g_new0 (Update, 1);

  update->shared = shared_ref (shared);
  update->has_state = has_state;
  update->state = state;
  update->reason = g_strdup (reason);
  update->last_success = store != NULL ? read_last_success (store) : -1;
  update->pending = store != NULL ? cc_store_outbox_count (store) : -1;
  update->changed = changed;
  g_main_context_invoke_full (shared->main_context, G_PRIORITY_DEFAULT, apply_update, update, update_free);
}

/* The worker */

static gint64
jittered (gint64 backoff_us)
{
  /* Somewhere in the upper half: devices that failed together do not all
   * come back in the same second. */
  return (gint64)(backoff_us * g_random_double_range (0.5, 1.0));
}

static gpointer
worker_main (gpointer data)
{
  Shared *shared = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CcStore) store = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  gint64 backoff_us = 0;
  gint64 next_due = 0;          /* monotonic µs; G_MAXINT64: only when poked */
  gboolean revoked = FALSE;

  g_main_context_push_thread_default (context);

  g_mutex_lock (&shared->lock);
  cancellable = g_object_ref (shared->cancellable);
  g_mutex_unlock (&shared->lock);

  store = cc_store_open (shared->store_path, &open_error);
  if (store == NULL)
    {
      post_update (shared, NULL, TRUE, CC_SYNC_STATE_ERROR, open_error->message, FALSE);
      next_due = G_MAXINT64;
    }

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      CcSyncReport report = { 0 };
      gboolean forced, poked;
      gint64 interval_us;

      g_mutex_lock (&shared->lock);
      while (!shared->stopping && !shared->poked && g_get_monotonic_time () < next_due)
        {
          if (next_due == G_MAXINT64)
            g_cond_wait (&shared->cond, &shared->lock);
          else
            g_cond_wait_until (&shared->cond, &shared->lock, next_due);
        }
      if (shared->stopping)
        {
          g_mutex_unlock (&shared->lock);
          break;
        }
      forced = shared->forced;
      poked = shared->poked;
      shared->forced = FALSE;
      shared->poked = FALSE;
      interval_us = shared->interval_us;
      g_mutex_unlock (&shared->lock);

      if (store == NULL)
        {
          next_due = G_MAXINT64;
          continue;
        }

      if (forced)
        {
          revoked = FALSE;
          backoff_us = 0;
        }
      /* A local write during a backoff or after a revocation changes
       * nothing but the pending count. */
      if (poked && !forced && (revoked || (backoff_us > 0 && g_get_monotonic_time () < next_due)))
        {
          post_update (shared, store, FALSE, 0, NULL, FALSE);
          continue;
        }
      if (revoked)
        {
          next_due = G_MAXINT64;
          continue;
        }

      if (!cc_sync_is_enrolled (store))
        {
          post_update (shared, store, TRUE, CC_SYNC_STATE_NOT_ENROLLED, NULL, FALSE);
          next_due = G_MAXINT64;
          continue;
        }

      post_update (shared, store, TRUE, CC_SYNC_STATE_SYNCING, NULL, FALSE);
      if (cc_sync_run (store, NULL, NULL, &report, cancellable, &error))
        {
          backoff_us = 0;
          post_update (shared, store, TRUE, CC_SYNC_STATE_UP_TO_DATE, NULL, report.pulled_foreign > 0);
          next_due = g_get_monotonic_time () + interval_us;
          continue;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        continue;

      if (g_error_matches (error, CC_ERROR, CC_ERROR_UNAUTHORIZED))
        {
          revoked = TRUE;
          post_update (shared, store, TRUE, CC_SYNC_STATE_ERROR, error->message, report.pulled_foreign > 0);
          next_due = G_MAXINT64;
          continue;
        }

      backoff_us = backoff_us == 0 ? BACKOFF_MIN_US : MIN (backoff_us * 2, BACKOFF_MAX_US);
      next_due = g_get_monotonic_time () +
                 MAX (jittered (backoff_us), report.retry_after_s * G_USEC_PER_SEC);
      post_update (shared, store, TRUE,
                   g_error_matches (error, CC_ERROR, CC_ERROR_OFFLINE) ? CC_SYNC_STATE_OFFLINE
                                                                       : CC_SYNC_STATE_ERROR,
                   error->message, report.pulled_foreign > 0);
    }

  g_clear_object (&store);
  g_main_context_pop_thread_default (context);
  shared_unref (shared);
  return NULL;
}

static void
wake (Shared   *shared,
      gboolean  forced)
{
  g_mutex_lock (&shared->lock);
  shared->poked = TRUE;
  shared->forced |= forced;
  g_cond_signal (&shared->cond);
  g_mutex_unlock (&shared->lock);
}

/* The object */

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    CcSyncEngine    *self)
{
  /* Back on a network: try at once rather than at the end of a backoff. */
  if (available)
    wake (self->shared, TRUE);
}

static void
cc_sync_engine_dispose (GObject *object)
{
  CcSyncEngine *self = (CcSyncEngine *)object;

  cc_sync_engine_stop (self);
  if (self->shared != NULL)
    self->shared->engine = NULL;

  G_OBJECT_CLASS (cc_sync_engine_parent_class)->dispose (object);
}

static void
cc_sync_engine_finalize (GObject *object)
{
  CcSyncEngine *self = (CcSyncEngine *)object;

  g_clear_pointer (&self->shared, shared_unref);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (cc_sync_engine_parent_class)->finalize (object);
}

static void
cc_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CcSyncEngine *self = CC_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cc_sync_engine_class_init (CcSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cc_sync_engine_dispose;
  object_class->finalize = cc_sync_engine_finalize;
  object_class->get_property = cc_sync_engine_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CC_TYPE_SYNC_STATE, CC_SYNC_STATE_NOT_ENROLLED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CcSyncEngine::changed:
   *
   * Changes from other devices were applied to the database: refresh the
   * store (cc_store_refresh) and reload what is shown.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
cc_sync_engine_init (CcSyncEngine *self)
{
  self->state = CC_SYNC_STATE_NOT_ENROLLED;
}

CcSyncEngine *
cc_sync_engine_new (const char *store_path)
{
  CcSyncEngine *self;
  Shared *shared;

  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (CC_TYPE_SYNC_ENGINE, NULL);
  shared = g_new0 (Shared, 1);
  g_atomic_ref_count_init (&shared->ref);
  g_mutex_init (&shared->lock);
  g_cond_init (&shared->cond);
  shared->store_path = g_strdup (store_path);
  shared->main_context = g_main_context_ref_thread_default ();
  shared->engine = self;
  shared->interval_us = DEFAULT_INTERVAL * G_USEC_PER_SEC;
  self->shared = shared;

  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed), self, 0);
  return self;
}

CcSyncState
cc_sync_engine_get_state (CcSyncEngine *self)
{
  g_return_val_if_fail (CC_IS_SYNC_ENGINE (self), CC_SYNC_STATE_ERROR);
  return self->state;
}

const char *
cc_sync_engine_get_reason (CcSyncEngine *self)
{
  g_return_val_if_fail (CC_IS_SYNC_ENGINE (self), NULL);
  return self->reason;
}

gint64
cc_sync_engine_get_last_success (CcSyncEngine *self)
{
  g_return_val_if_fail (CC_IS_SYNC_ENGINE (self), 0);
  return self->last_success;
}

gint64
cc_sync_engine_get_pending (CcSyncEngine *self)
{
  g_return_val_if_fail (CC_IS_SYNC_ENGINE (self), 0);
  return self->pending;
}

void
cc_sync_engine_start (CcSyncEngine *self)
{
  g_return_if_fail (CC_IS_SYNC_ENGINE (self));

  if (self->thread != NULL)
    return;

  g_mutex_lock (&self->shared->lock);
  g_clear_object (&self->shared->cancellable);
  self->shared->cancellable = g_cancellable_new ();
  self->shared->stopping = FALSE;
  self->shared->poked = TRUE;
  g_mutex_unlock (&self->shared->lock);

  self->thread = g_thread_new ("cc-sync", worker_main, shared_ref (self->shared));
}

void
cc_sync_engine_stop (CcSyncEngine *self)
{
  g_return_if_fail (CC_IS_SYNC_ENGINE (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->shared->lock);
  self->shared->stopping = TRUE;
  g_cancellable_cancel (self->shared->cancellable);
  g_cond_signal (&self->shared->cond);
  g_mutex_unlock (&self->shared->lock);

  g_thread_join (g_steal_pointer (&self->thread));
}

void
cc_sync_engine_poke (CcSyncEngine *self)
{
  g_return_if_fail (CC_IS_SYNC_ENGINE (self));
  wake (self->shared, FALSE);
}

void
cc_sync_engine_sync_now (CcSyncEngine *self)
{
  g_return_if_fail (CC_IS_SYNC_ENGINE (self));
  wake (self->shared, TRUE);
}

void
cc_sync_engine_set_interval (CcSyncEngine *self,
                             guint         seconds)
{
  g_return_if_fail (CC_IS_SYNC_ENGINE (self));
  g_return_if_fail (seconds > 0);

  g_mutex_lock (&self->shared->lock);
  self->shared->interval_us = (gint64)seconds * G_USEC_PER_SEC;
  g_cond_signal (&self->shared->cond);
  g_mutex_unlock (&self->shared->lock);
}

/* Enrolment */

typedef struct
{
  char *store_path;
  char *url;
  char *code;
  char *device_name;
} EnrolData;

static void
enrol_data_free (gpointer data)
{
  EnrolData *enrol = data;

  g_free (enrol->store_path);
  g_free (enrol->url);
  g_free (enrol->code);
  g_free (enrol->device_name);
  g_free (enrol);
}

static void
enrol_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  EnrolData *enrol = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* libsoup's sync calls iterate the thread-default context. */
  g_main_context_push_thread_default (context);
  store = cc_store_open (enrol->store_path, &error);
  ok = store != NULL &&
       cc_sync_enrol (store, enrol->url, enrol->code, enrol->device_name, cancellable, &error);
  g_clear_object (&store);
  g_main_context_pop_thread_default (context);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_enrol_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CcSyncEngine *self = g_task_get_source_object (outer);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  /* A new enrolment ends a revocation: start over at once. */
  wake (self->shared, TRUE);
  g_task_return_boolean (outer, TRUE);
}

void
cc_sync_engine_enrol_async (CcSyncEngine         *self,
                            const char           *url,
                            const char           *code,
                            const char           *device_name,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  EnrolData *enrol;

  g_return_if_fail (CC_IS_SYNC_ENGINE (self));
  g_return_if_fail (url != NULL && code != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cc_sync_engine_enrol_async);

  enrol = g_new0 (EnrolData, 1);
  enrol->store_path = g_strdup (self->shared->store_path);
  enrol->url = g_strdup (url);
  enrol->code = g_strdup (code);
  enrol->device_name = g_strdup (device_name);

  inner = g_task_new (self, cancellable, on_enrol_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, enrol, enrol_data_free);
  g_task_run_in_thread (inner, enrol_thread);
}

gboolean
cc_sync_engine_enrol_finish (CcSyncEngine  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (CC_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
