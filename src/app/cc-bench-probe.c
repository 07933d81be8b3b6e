/* cc-bench-probe.c — reports the window's first frame and scrolling to make bench.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "cc-bench-probe.h"

/* Serves `make bench` (bench/bench-startup.c) and does nothing unless
 * CRAFTCHAIN_BENCH_FD is set. Then it writes to that descriptor
 * "first-frame <CLOCK_MONOTONIC µs> <VmRSS kB>" once a frame showing the
 * catalogue's cards has been painted; with CRAFTCHAIN_BENCH_SCROLL set too,
 * it then scrolls the grid down a viewport per frame for BENCH_FRAMES
 * frames, writing "frame <frame-clock time µs> <painted at µs>" for each and
 * "scroll <n> <p50 µs> <p95 µs> <max µs>" of the frame-clock intervals; then
 * it quits. One function: cc_bench_probe_attach calls it with @object NULL, it
 * connects itself to "realize", and from there to the frame clock's
 * "after-paint". */
#define BENCH_FRAMES 300
static void
probe (GObject  *object,
            GtkWindow *self)
{
  static int fd = -1;
  static GtkAdjustment *vadjustment;
  static gint64 times[BENCH_FRAMES + 1];
  static guint n_times;
  GdkFrameClock *clock;
  g_autofree char *line = NULL;
  gint64 now = g_get_monotonic_time ();
  double value;

  if (object == NULL)
    {
      if (g_getenv ("CRAFTCHAIN_BENCH_FD") == NULL)
        return;
      fd = (int)g_ascii_strtoll (g_getenv ("CRAFTCHAIN_BENCH_FD"), NULL, 10);
      g_signal_connect (self, "realize", G_CALLBACK (probe), self);
      return;
    }
  if (GTK_IS_WIDGET (object))
    {
      g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                               G_CALLBACK (probe), self, 0);
      return;
    }
  clock = GDK_FRAME_CLOCK (object);

  if (vadjustment == NULL)
    {
      GtkWidget *widget = GTK_WIDGET (self);
      g_autofree char *status = NULL;
      const char *rss;

      /* Depth first, for the grid, its scrolled window's child. */
      while (widget != NULL && !GTK_IS_GRID_VIEW (widget))
        {
          if (gtk_widget_get_first_child (widget) != NULL)
            {
              widget = gtk_widget_get_first_child (widget);
              continue;
            }
          while (widget != GTK_WIDGET (self) && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget == GTK_WIDGET (self) ? NULL : gtk_widget_get_next_sibling (widget);
        }
      if (widget == NULL || !gtk_widget_get_mapped (widget) || gtk_widget_get_first_child (widget) == NULL)
        return;

      g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
      rss = status != NULL ? strstr (status, "VmRSS:") : NULL;
      line = g_strdup_printf ("first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              now, rss != NULL ? g_ascii_strtoll (rss + 6, NULL, 10) : -1);
      if (write (fd, line, strlen (line)) > 0 && g_getenv ("CRAFTCHAIN_BENCH_SCROLL") != NULL)
        vadjustment = g_object_ref (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget)));
    }
  else
    {
      times[n_times++] = gdk_frame_clock_get_frame_time (clock);
      line = g_strdup_printf ("frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", times[n_times - 1], now);
      if (write (fd, line, strlen (line)) < 0)
        g_clear_object (&vadjustment);
    }

  if (vadjustment != NULL && n_times <= BENCH_FRAMES)
    {
      /* A viewport down; back to the top at the end of the shop. */
      value = gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment);
      if (value >= gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment))
        value = 0;
      gtk_adjustment_set_value (vadjustment, value);
      return;
    }

  if (vadjustment != NULL)
    {
      guint n = BENCH_FRAMES;

      /* Intervals, sorted in place (insertion sort: 300 of them). */
      for (guint i = 0; i < n; i++)
        times[i] = times[i + 1] - times[i];
      for (guint i = 1; i < n; i++)
        for (guint j = i; j > 0 && times[j - 1] > times[j]; j--)
          {
            gint64 swap = times[j];

            times[j] = times[j - 1];
            times[j - 1] = swap;
          }
      g_free (line);
      line = g_strdup_printf ("scroll %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              n, times[n / 2], times[(n * 95 + 50) / 100 - 1], times[n - 1]);
      if (write (fd, line, strlen (line)) < 0)
        g_warning ("bench: cannot write the figures");
    }
  g_clear_object (&vadjustment);
  g_signal_handlers_disconnect_by_func (clock, probe, self);
  close (fd);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}


void
cc_bench_probe_attach (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  probe (NULL, window);
}
