package org.gridrl.irl;

import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingListener;

/**
 * The bookkeeping every IRL method's {@code train} shares, written once: each metric goes to the
 * result's recorder and to the caller's listener, each iteration ends with the wall time since
 * the fit began, and the fit ends in an {@link IrlResult} carrying the config, the history and
 * the {@link Provenance}. Not thread-safe; one per fit.
 *
 * @param <C> the method's config record
 */
final class IrlRun<C extends Record> implements TrainingListener {

  private final Provenance provenance;
  private final C config;
  private final MetricsRecorder recorder = new MetricsRecorder();
  private final TrainingListener out;
  private final long start = System.nanoTime();

  /**
   * A fit starting now.
   *
   * @param algorithm the method's name, e.g. {@code "maxent"}
   * @param config the config it runs with
   * @param seed the seed of its random streams (0 for a deterministic method)
   * @param listener the caller's listener; null means none
   */
  IrlRun(String algorithm, C config, long seed, TrainingListener listener) {
    this.config = config;
    this.provenance = Provenance.of(algorithm, config, seed);
    this.out = TrainingListener.tee(recorder, listener);
  }

  /** The config of the fit. */
  C config() {
    return config;
  }

  @Override
  public void onScalar(long iteration, String name, double value) {
    out.onScalar(iteration, name, value);
  }

  @Override
  public void onIterationEnd(long iteration, double elapsedSeconds) {
    out.onIterationEnd(iteration, elapsedSeconds);
  }

  /** Ends an iteration with the wall time since this fit began. */
  void endIteration(long iteration) {
    onIterationEnd(iteration, (System.nanoTime() - start) * 1e-9);
  }

  /**
   * The result of the fit.
   *
   * @param weights w of a linear reward, or null. Not copied: pass the method's own array.
   * @param stateReward r(s). Not copied: pass the method's own array.
   * @param policy the method's policy for the learned reward
   * @param iterations iterations done
   * @param converged whether the stopping rule was met
   * @param finalMetric the stopping quantity at the end
   */
  IrlResult<C> result(double[] weights, double[] stateReward, TabularPolicy policy,
      int iterations, boolean converged, double finalMetric) {
    return new IrlResult<>(weights, stateReward, policy, iterations, converged, finalMetric,
        config, recorder.history(), provenance);
  }
}
