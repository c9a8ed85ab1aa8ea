package org.gridrl.meta.pearl;

import java.util.List;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What {@link Pearl#train} returns.
 *
 * @param agent the trained encoder and policy (their networks hold the final parameters)
 * @param critics Q₁ and Q₂ on [s | z, a]
 * @param iterations iterations run
 * @param environmentSteps environment steps collected
 * @param history every scalar of {@link Pearl#METRICS}, per iteration
 * @param provenance "pearl", the config, its seed, the platform
 */
public record PearlResult(PearlAgent agent, List<Mlp> critics, int iterations,
    long environmentSteps, MetricsHistory history, Provenance provenance)
    implements TrainingResult {

  /** Checks presence. */
  public PearlResult {
    Check.notNull("agent", agent);
    critics = List.copyOf(critics);
    Check.notNull("history", history);
    Check.notNull("provenance", provenance);
  }

  /** A fixed budget: true once it completed. */
  @Override
  public boolean converged() {
    return true;
  }
}
