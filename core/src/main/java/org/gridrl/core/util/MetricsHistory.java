package org.gridrl.core.util;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The metrics a training run reported, one row per iteration in order: what
 * {@link MetricsRecorder} collected, frozen. Every algorithm's result holds one.
 *
 * @param rows the iterations, in order; immutable
 */
public record MetricsHistory(ImmutableList<MetricsRecorder.Row> rows) {

  /** An empty history. */
  public static final MetricsHistory EMPTY = new MetricsHistory(ImmutableList.of());

  /** Copies the rows. */
  public MetricsHistory {
    rows = ImmutableList.copyOf(Check.notNull("rows", rows));
  }

  /** A history of the given rows (copied). */
  public static MetricsHistory of(List<MetricsRecorder.Row> rows) {
    return new MetricsHistory(ImmutableList.copyOf(rows));
  }

  /** Number of rows. */
  public int size() {
    return rows.size();
  }

  /** The series of one metric, in iteration order (iterations without it are skipped). */
  public double[] series(String name) {
    return rows.stream().filter(r -> r.values().containsKey(name))
        .mapToDouble(r -> r.values().get(name)).toArray();
  }

  /** The last reported value of a metric, or NaN if it was never reported. */
  public double last(String name) {
    for (int i = rows.size() - 1; i >= 0; i--) {
      Double v = rows.get(i).values().get(name);
      if (v != null) {
        return v;
      }
    }
    return Double.NaN;
  }
}
