package org.gridrl.core.util;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrainingListener} that keeps every scalar in memory: one row per iteration, in the
 * order they arrived. For tests, notebooks and plots of a run's history.
 */
public final class MetricsRecorder implements TrainingListener {

  /** One iteration: its number, its named scalars in arrival order, and the elapsed time. */
  public record Row(long iteration, Map<String, Double> values, double elapsedSeconds) {
  }

  private final List<Row> rows = new ArrayList<>();
  private long currentIteration = -1;
  private Map<String, Double> current;

  @Override
  public void onScalar(long iteration, String name, double value) {
    if (current == null || iteration != currentIteration) {
      flush(Double.NaN);
      currentIteration = iteration;
      current = new LinkedHashMap<>();
    }
    current.put(name, value);
  }

  @Override
  public void onIterationEnd(long iteration, double elapsedSeconds) {
    if (current == null || iteration != currentIteration) {
      flush(Double.NaN);
      currentIteration = iteration;
      current = new LinkedHashMap<>();
    }
    flush(elapsedSeconds);
  }

  private void flush(double elapsed) {
    if (current != null) {
      rows.add(new Row(currentIteration, Collections.unmodifiableMap(current), elapsed));
      current = null;
    }
  }

  /** Every completed row so far (an iteration still open is included too). */
  public List<Row> rows() {
    List<Row> out = new ArrayList<>(rows);
    if (current != null) {
      out.add(new Row(currentIteration, Collections.unmodifiableMap(current), Double.NaN));
    }
    return out;
  }

  /** The rows so far, frozen (an iteration still open is included). */
  public MetricsHistory history() {
    return MetricsHistory.of(rows());
  }

  /** The series of one scalar, in iteration order (iterations without it are skipped). */
  public double[] series(String name) {
    return rows().stream().filter(r -> r.values().containsKey(name))
        .mapToDouble(r -> r.values().get(name)).toArray();
  }
}
