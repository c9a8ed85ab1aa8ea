package org.gridrl.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of neural {@link Distral}, with α and β as in {@link DistralConfig} (Teh et
 * al. 2017): each task maximises E[Σ_t γ^t (r_t + (α/β) log π0(a_t|s_t) − (1/β) log π_i(a_t|s_t))],
 * so α = c_KL/(c_KL + c_ent), β = 1/(c_KL + c_ent).
 *
 * @param alpha α in [0, 1], the weight of the prior (default 0.5)
 * @param beta β &gt; 0, finite, the inverse temperature (default 5)
 * @param ppo the task policies' PPO: its iterations, steps per task, γ (the tasks' discount),
 *     λ, epochs, minibatches, learning rate, hidden layers (also π0's) and seed are the run's;
 *     its entropy coefficient must be 0, since the entropy is in the reward (default
 *     {@code PpoConfig.defaults().withEntropyCoef(0)})
 * @param distillSteps full-batch Adam steps of π0 per iteration, ≥ 1 (default 10)
 * @param distillLearningRate π0's Adam step size, &gt; 0 (default 1e-3)
 */
@RecordBuilder
public record DistralPgConfig(double alpha, double beta, PpoConfig ppo, int distillSteps,
    double distillLearningRate) implements DistralPgConfigBuilder.With {

  /** Validates every field; messages name the field and value. */
  public DistralPgConfig {
    Check.unitInterval("alpha", alpha);
    Check.positiveFinite("beta", beta);
    Check.notNull("ppo", ppo);
    Check.argument(ppo.entropyCoef() == 0,
        "ppo.entropyCoef must be 0 (the entropy is in Distral's reward), got %s",
        ppo.entropyCoef());
    Check.positive("distillSteps", distillSteps);
    Check.positiveFinite("distillLearningRate", distillLearningRate);
  }

  /** α 0.5, β 5, PPO defaults without the entropy bonus, 10 distillation steps at 1e-3. */
  public static DistralPgConfig defaults() {
    return new DistralPgConfig(0.5, 5, PpoConfig.defaults().withEntropyCoef(0), 10, 1e-3);
  }
}
