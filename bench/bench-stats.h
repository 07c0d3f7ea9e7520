/* bench-stats.h
 * What the benchmarks make of their samples: sorted, their median and percentiles.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   bench_sort          (gint64 *values,
                            guint   n);
double bench_median_ms     (GArray *samples);
double bench_percentile_ms (GArray *samples,
                            double  p);

G_END_DECLS
