package org.gridrl.irl;

import java.util.Locale;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What an IRL method returns: the learned reward, the policy it implies, how the fit ended, the
 * metrics of every iteration and where it came from. {@code train(problem,
 * result.config())} on the same problem gives the same numbers.
 *
 * @param <C> the config record of the method: {@link MaxEntIrlConfig},
 *     {@link DeepMaxEntIrlConfig} or {@link MaxMarginConfig}
 * @param weights w of a linear reward r = Φw, length k; null for a non-linear reward (deep
 *     MaxEnt)
 * @param stateReward the learned r(s), length S
 * @param policy the method's policy for the learned reward: MaxEnt's soft-optimal π_0, the
 *     greedy optimal policy for max-margin
 * @param iterations iterations done
 * @param converged whether the stopping rule was met before the cap
 * @param finalMetric the stopping quantity at the end ({@link Metrics#GRADIENT_NORM} for MaxEnt,
 *     {@link Metrics#MARGIN} for the projection method, the best {@link Metrics#OBJECTIVE} for
 *     structured max-margin)
 * @param config the configuration record the method ran with
 * @param history every iteration's scalars ({@link Metrics}) in order
 * @param provenance the algorithm ({@code maxent}, {@code deep-maxent},
 *     {@code max-margin-projection}, {@code max-margin-structured}), {@code config}, the seed
 *     (deep MaxEnt's; 0 for the deterministic methods) and the platform
 */
public record IrlResult<C extends Record>(double[] weights, double[] stateReward,
    TabularPolicy policy, int iterations, boolean converged, double finalMetric, C config,
    MetricsHistory history, Provenance provenance) implements TrainingResult {

  /** Checks presence, and that the provenance names this config. */
  public IrlResult {
    Check.notNull("stateReward", stateReward);
    Check.notNull("policy", policy);
    Check.notNull("config", config);
    Check.notNull("history", history);
    Check.notNull("provenance", provenance);
    provenance.requireConfig(config);
  }

  /** The method's name, {@code provenance().algorithm()}. */
  public String algorithm() {
    return provenance.algorithm();
  }

  /**
   * Whether the fit stopped at its config's cap on iterations without meeting its stopping
   * rule. {@code !converged()} alone also covers the projection method's early stop (the new
   * policy adds nothing, so more iterations would not help).
   */
  public boolean stoppedAtCap() {
    return !converged && iterations == maxIterations();
  }

  /**
   * One line on how the fit ended, naming the stopping quantity, its last value and the
   * tolerance it was held against (two significant digits): "converged after 57 iterations,
   * gradient norm 8.1e-07 &lt; 1e-06", "stopped at its cap of 200 iterations unconverged,
   * gradient norm 3.2e-03 &gt;= 1e-06" or, for the projection method's early stop, "stopped
   * after 7 of 100 iterations unconverged (the new policy adds nothing, so the projection cannot
   * get closer), margin 2.1e-01 &gt; 1e-06". The quantity is MaxEnt's and deep MaxEnt's gradient
   * norm (strictly below the tolerance to converge), the projection method's margin and
   * structured max-margin's subgradient norm (at or below it).
   */
  public String describeEnd() {
    String quantity;
    double value;
    double tolerance;
    boolean strict; // converged iff value < tolerance (else iff value <= tolerance)
    if (config instanceof MaxEntIrlConfig c) {
      quantity = "gradient norm";
      value = finalMetric;
      tolerance = c.gradientTolerance();
      strict = true;
    } else if (config instanceof DeepMaxEntIrlConfig c) {
      quantity = "gradient norm";
      value = finalMetric;
      tolerance = c.gradientTolerance();
      strict = true;
    } else if (config instanceof MaxMarginConfig c) {
      boolean projection = c.method() == MaxMarginConfig.Method.PROJECTION;
      quantity = projection ? "margin" : "subgradient norm";
      value = projection ? finalMetric : history.last(Metrics.GRADIENT_NORM);
      tolerance = c.tolerance();
      strict = false;
    } else { // a config of another method: only what every result has
      return (converged ? "converged" : "stopped unconverged") + " after "
          + plural(iterations) + ", final metric " + sci(finalMetric);
    }
    String comparison = ", " + quantity + " " + sci(value) + " "
        + (converged ? (strict ? "<" : "<=") : (strict ? ">=" : ">")) + " " + sci(tolerance);
    if (converged) {
      return "converged after " + plural(iterations) + comparison;
    }
    if (stoppedAtCap()) {
      return "stopped at its cap of " + plural(iterations) + " unconverged" + comparison;
    }
    return "stopped after " + iterations + " of " + plural(maxIterations()) + " unconverged"
        + " (the new policy adds nothing, so the projection cannot get closer)" + comparison;
  }

  /** The config's cap on iterations, or -1 for a config of another method. */
  private int maxIterations() {
    if (config instanceof MaxEntIrlConfig c) {
      return c.maxIterations();
    }
    if (config instanceof DeepMaxEntIrlConfig c) {
      return c.maxIterations();
    }
    if (config instanceof MaxMarginConfig c) {
      return c.maxIterations();
    }
    return -1;
  }

  private static String plural(int n) {
    return n + (n == 1 ? " iteration" : " iterations");
  }

  /** Two significant digits in scientific notation, as the planning reports print them. */
  private static String sci(double x) {
    return String.format(Locale.ROOT, "%.1e", x).replace(".0e", "e");
  }
}
