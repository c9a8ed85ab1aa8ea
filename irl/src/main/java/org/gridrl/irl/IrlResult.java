package org.gridrl.irl;

import java.util.List;
import java.util.Objects;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.MetricsRecorder;

/**
 * What an IRL method returns: the learned reward, the policy it implies, how the fit ended and
 * the metrics of every iteration.
 *
 * @param algorithm the method's name, e.g. {@code "maxent"}
 * @param weights w of a linear reward r = Φw, length k; null for a non-linear reward
 * @param stateReward the learned r(s), length S
 * @param policy the method's policy for the learned reward: MaxEnt's soft-optimal π_0, the
 *     greedy optimal policy for max-margin
 * @param iterations iterations done
 * @param converged whether the stopping rule was met before the cap
 * @param finalMetric the stopping quantity at the end (gradient norm for MaxEnt, margin t for
 *     the projection method, objective for structured max-margin)
 * @param history every iteration's scalars in order
 * @param config the configuration record the method ran with (provenance)
 */
public record IrlResult(String algorithm, double[] weights, double[] stateReward,
    TabularPolicy policy, int iterations, boolean converged, double finalMetric,
    List<MetricsRecorder.Row> history, Record config) {

  /** Checks presence and copies the history list. */
  public IrlResult {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(stateReward, "stateReward");
    Objects.requireNonNull(policy, "policy");
    history = List.copyOf(history);
  }

  /** The series of one metric over the iterations (see {@link MetricsRecorder#series}). */
  public double[] series(String name) {
    return history.stream().filter(r -> r.values().containsKey(name))
        .mapToDouble(r -> r.values().get(name)).toArray();
  }
}
