package org.gridrl.benchmarks.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridrl.core.util.Check;

/**
 * What one run of a sweep gave: {@code complete} with its final metrics (as the run reported
 * them to its summary.json, in that order), or {@code failed: <one line>} with none.
 *
 * @param index the spec's position in the sweep
 * @param status {@code complete} or {@code failed: <why>}
 * @param finalMetrics the run's final metrics (empty for a failed run)
 */
public record RunResult(int index, String status, Map<String, Double> finalMetrics)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The status of a run that finished. */
  public static final String COMPLETE = "complete";

  /** Checks the fields; keeps the metrics' order (a serialisable copy). */
  public RunResult {
    Check.argument(index >= 0, "index must be >= 0, got %s", index);
    Check.argument(status != null && (status.equals(COMPLETE) || status.startsWith("failed: ")),
        "status must be 'complete' or 'failed: ...', got %s", status);
    finalMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(finalMetrics));
  }

  /** Whether the run finished. */
  public boolean complete() {
    return COMPLETE.equals(status);
  }
}
