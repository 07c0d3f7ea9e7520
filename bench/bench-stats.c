/* bench-stats.c
 * What the benchmarks make of their samples: sorted, their median and percentiles.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Samples are times in microseconds (gint64); the figures are in milliseconds.
 */

#include "config.h"

#include <stdlib.h>

#include "bench-stats.h"

static int
compare (const void *a,
         const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values in place, smallest first. */
void
bench_sort (gint64 *values,
            guint   n)
{
  qsort (values, n, sizeof *values, compare);
}

/* Sorts @samples (gint64 microseconds) and returns their median in milliseconds: the middle
 * one, or the mean of the two middle ones. */
double
bench_median_ms (GArray *samples)
{
  gint64 *values = (gint64 *) (gpointer) samples->data;
  guint n = samples->len;

  bench_sort (values, n);

  return (n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2) / 1000.0;
}

/* Nearest rank, on samples bench_median_ms() has sorted, in milliseconds. */
double
bench_percentile_ms (GArray *samples,
                     double  p)
{
  gint64 *values = (gint64 *) (gpointer) samples->data;
  guint index = (guint) (p * (samples->len - 1) + 0.5);

  return values[index] / 1000.0;
}
