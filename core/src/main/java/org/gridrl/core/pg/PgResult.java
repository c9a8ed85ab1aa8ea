package org.gridrl.core.pg;

import java.util.List;
import org.gridrl.core.nn.Module;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What training a policy-gradient algorithm returns ({@link Reinforce#train}, {@link A2c#train},
 * {@link Ppo#train}, {@link Sac#train}). The networks are the ones trained, holding their final
 * parameters. {@code Provenance.config()} is the algorithm's config record, from which the same
 * {@code train} on the same environments gives the same numbers (tested).
 *
 * @param policy the trained policy π_θ: a {@link CategoricalPolicy} or {@link GaussianPolicy}
 *     (on-policy algorithms), a {@link TanhGaussianPolicy} acting in the environment's action
 *     box (SAC)
 * @param critics the trained critics: the state-value network V(s) (obs → 1) of REINFORCE, A2C
 *     and PPO; SAC's Q₁(s, a) and Q₂(s, a) ([s, a] → 1); immutable
 * @param iterations the iterations run (SAC: environment steps, its iteration)
 * @param environmentSteps the environment steps sampled
 * @param lastEpisodicReturn the mean undiscounted return of the episodes that ended in the last
 *     iteration that had any (SAC: of the last episode that ended); NaN if none ever ended
 * @param history every scalar reported to the listener, per iteration
 * @param converged true when the budget completed (policy gradients have no stopping rule; a
 *     failed run throws instead of returning)
 * @param provenance the algorithm (its class's {@code NAME} in lower case: "ppo", "sac", ...),
 *     its config and seed, the platform
 */
public record PgResult(Policy policy, List<Module> critics, int iterations,
    long environmentSteps, double lastEpisodicReturn, MetricsHistory history, boolean converged,
    Provenance provenance) implements TrainingResult {

  /** Checks presence; copies the critics. */
  public PgResult {
    Check.notNull("policy", policy);
    critics = List.copyOf(Check.notEmpty("critics", critics));
    Check.notNull("history", history);
    Check.notNull("provenance", provenance);
  }

  /** The result of a completed on-policy run with one value network. */
  static PgResult of(Policy policy, Module value, int iterations, long steps,
      double lastReturn, MetricsHistory history, Provenance provenance) {
    return new PgResult(policy, List.of(value), iterations, steps, lastReturn, history, true,
        provenance);
  }

  /**
   * The first critic: V(s) of REINFORCE, A2C and PPO (their only one); Q₁(s, a) of SAC.
   */
  public Module value() {
    return critics.get(0);
  }
}
