package org.gridrl.irl.sampled;

import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What a sample-based IRL method returns: the policy it trained, the reward it learned (none
 * for behaviour cloning), the metrics of every iteration and where it came from.
 * {@code train(..., result.config())} on the same environments and data gives the same numbers.
 *
 * @param <C> the method's config record
 * @param policy the trained policy π (the imitation policy; for GCL the sampling policy q)
 * @param reward the learned reward (AIRL's g, GAIL's discriminator reward, GCL's r_θ); null for
 *     behaviour cloning
 * @param iterations iterations done
 * @param environmentSteps environment steps sampled by the policy learner (0 for BC)
 * @param config the configuration record the method ran with
 * @param history every iteration's scalars ({@link Metrics} and the policy update's keys)
 * @param provenance the algorithm ({@code bc}, {@code gcl}, {@code gail}, {@code airl}), the
 *     config, the seed and the platform
 */
public record SampledIrlResult<C extends Record>(Policy policy, LearnedReward reward,
    int iterations, long environmentSteps, C config, MetricsHistory history,
    Provenance provenance) implements TrainingResult {

  /** Checks presence, and that the provenance names this config. */
  public SampledIrlResult {
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

  /** True: these methods run a fixed budget of iterations (a failed run throws instead). */
  @Override
  public boolean converged() {
    return true;
  }
}
