package org.gridrl.meta.rl2;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What {@link Rl2#train} returns.
 *
 * @param policy the trained policy (its network holds the final parameters)
 * @param iterations iterations run
 * @param environmentSteps environment steps sampled
 * @param lastTrialReturn mean undiscounted trial return of the last iteration's trials
 * @param history every scalar of {@link Rl2#METRICS}, per iteration
 * @param provenance "rl2", the config, its seed, the platform
 */
public record Rl2Result(Rl2Policy policy, int iterations, long environmentSteps,
    double lastTrialReturn, MetricsHistory history, Provenance provenance)
    implements TrainingResult {

  /** Checks presence. */
  public Rl2Result {
    Check.notNull("policy", policy);
    Check.notNull("history", history);
    Check.notNull("provenance", provenance);
  }

  /** A fixed budget: true once it completed. */
  @Override
  public boolean converged() {
    return true;
  }
}
