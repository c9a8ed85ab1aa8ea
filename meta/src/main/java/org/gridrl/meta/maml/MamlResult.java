package org.gridrl.meta.maml;

import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What {@link Maml#train} returns.
 *
 * @param policy the meta-trained policy: its parameters are the initialisation θ
 * @param iterations meta-updates run
 * @param environmentSteps environment steps sampled (inner and post-update batches)
 * @param lastPostUpdateReturn mean episode return after the inner step(s) in the last iteration
 * @param history every scalar of {@link Maml#METRICS}, per iteration
 * @param provenance "maml", the config, its seed, the platform
 */
public record MamlResult(Policy policy, int iterations, long environmentSteps,
    double lastPostUpdateReturn, MetricsHistory history, Provenance provenance)
    implements TrainingResult {

  /** Checks presence. */
  public MamlResult {
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
