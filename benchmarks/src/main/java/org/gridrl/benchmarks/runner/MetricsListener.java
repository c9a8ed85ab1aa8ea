package org.gridrl.benchmarks.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gridrl.core.util.TrainingListener;

/**
 * Adapts an algorithm's {@link TrainingListener} stream to {@code metrics.csv}: the scalars of one
 * iteration are gathered and written as one row for this listener's seed when the iteration ends
 * ({@link #onIterationEnd}), when a scalar of a later iteration arrives, or at {@link #close}. So
 * it works with kernels that call {@code onIterationEnd} and with those that only report scalars.
 *
 * <p>An optional renaming maps the algorithm's names to column names (e.g. {@code
 * planning/residual} to {@code soft_vi/residual} when two solvers share a file). A NaN or infinite
 * value fails with a {@link NonFiniteMetricException} when its row is written.
 */
public final class MetricsListener implements TrainingListener, AutoCloseable {

  private final MetricsCsv csv;
  private final long seed;
  private final UnaryOperator<String> rename;
  private final Map<String, Double> pending = new LinkedHashMap<>();
  private long pendingIteration = Long.MIN_VALUE;

  /** Writes each iteration of {@code seed} into {@code csv}, renaming metric names by {@code rename}. */
  public MetricsListener(MetricsCsv csv, long seed, UnaryOperator<String> rename) {
    this.csv = csv;
    this.seed = seed;
    this.rename = rename;
  }

  /** Writes each iteration of {@code seed} into {@code csv} under the algorithm's own names. */
  public MetricsListener(MetricsCsv csv, long seed) {
    this(csv, seed, UnaryOperator.identity());
  }

  /** A listener that writes into the same file and seed with names prefixed by {@code prefix}. */
  public MetricsListener prefixed(String prefix) {
    return new MetricsListener(csv, seed, name -> prefix + rename.apply(name));
  }

  @Override
  public void onScalar(long iteration, String name, double value) {
    if (iteration != pendingIteration) {
      flush();
      pendingIteration = iteration;
    }
    pending.put(rename.apply(name), value);
  }

  @Override
  public void onIterationEnd(long iteration, double elapsedSeconds) {
    if (iteration == pendingIteration) {
      flush();
    }
  }

  /** Writes the iteration still gathering, if any. */
  public void flush() {
    if (!pending.isEmpty()) {
      Map<String, Double> row = new LinkedHashMap<>(pending);
      pending.clear();
      csv.row(seed, pendingIteration, row);
    }
  }

  @Override
  public void close() {
    flush();
  }
}
