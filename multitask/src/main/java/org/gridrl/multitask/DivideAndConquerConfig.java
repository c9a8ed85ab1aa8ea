package org.gridrl.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link DivideAndConquer} (Ghosh et al. 2018).
 *
 * @param alpha α ≥ 0, finite, the weight of the penalty α Σ_{j≠i} KL(π_i ‖ π_j) on each local
 *     policy; 0 gives independent local PPO (the paper's "unconstrained DnC") (default 0.1)
 * @param ppo the PPO of the local policies and of the global one: its {@code iterations} are the
 *     local phase's, its steps per context, γ, λ, epochs, minibatches, learning rate, entropy
 *     coefficient, hidden layers (of every network) and seed are the run's (default
 *     {@code PpoConfig.defaults()})
 * @param distillEvery R ≥ 1: the global policy is distilled from the local ones after every R-th
 *     local iteration and after the last (default 10)
 * @param distillSteps full-batch Adam steps per distillation, ≥ 1 (default 50)
 * @param distillLearningRate the global policy's Adam step size in distillation, &gt; 0 (1e-3)
 * @param resetLocals whether every local policy is overwritten by the global one after each
 *     distillation (default false; see {@link DivideAndConquer} on the paper)
 * @param globalIterations PPO iterations of the global policy on all contexts after the local
 *     phase, ≥ 0 (default 50)
 */
@RecordBuilder
public record DivideAndConquerConfig(double alpha, PpoConfig ppo, int distillEvery,
    int distillSteps, double distillLearningRate, boolean resetLocals, int globalIterations)
    implements DivideAndConquerConfigBuilder.With {

  /** Validates every field; messages name the field and value. */
  public DivideAndConquerConfig {
    Check.nonNegativeFinite("alpha", alpha);
    Check.notNull("ppo", ppo);
    Check.positive("distillEvery", distillEvery);
    Check.positive("distillSteps", distillSteps);
    Check.positiveFinite("distillLearningRate", distillLearningRate);
    Check.nonNegative("globalIterations", globalIterations);
  }

  /** α 0.1, PPO defaults, distil every 10 iterations by 50 steps at 1e-3, no reset, 50 global. */
  public static DivideAndConquerConfig defaults() {
    return new DivideAndConquerConfig(0.1, PpoConfig.defaults(), 10, 50, 1e-3, false, 50);
  }
}
