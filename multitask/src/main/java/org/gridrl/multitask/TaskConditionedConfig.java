package org.gridrl.multitask;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link TaskConditionedActorCritic}. Vary them with the generated
 * {@code withX} methods ({@code TaskConditionedConfig.defaults().withMode(Mode.INDEPENDENT)
 * .withCombiner(Combiner.NONE)}); every way goes through the checks below.
 *
 * @param ppo PPO's hyperparameters; {@code iterations} and {@code stepsPerEnv} are per task: in
 *     every mode each task gets {@code stepsPerEnv} environment steps per iteration
 * @param mode what is shared ({@link Mode})
 * @param combiner how the per-task gradients become one direction ({@link Combiner});
 *     {@link Combiner#NONE} for {@link Mode#INDEPENDENT}
 */
@RecordBuilder
public record TaskConditionedConfig(PpoConfig ppo, Mode mode, Combiner combiner)
    implements TaskConditionedConfigBuilder.With {

  /** What the T tasks share. */
  public enum Mode {
    /** One actor and one critic for all tasks, the one-hot task id appended to s. */
    SHARED_WITH_ID,
    /** Baseline: one actor and one critic for all tasks, no task id (s alone). */
    SHARED_NO_ID,
    /** Baseline: an actor and a critic per task, each trained by PPO on its task alone. */
    INDEPENDENT
  }

  /** The gradient combination of the shared modes' per-task path. */
  public enum Combiner {
    /**
     * No per-task path: one pass over the mixed minibatch, L the mean over all its rows (plain
     * PPO on the multi-task batch).
     */
    NONE,
    /** {@link Sum}: d = (1/T) Σ_k g_k, the gradient of the mean of the task losses. */
    SUM,
    /** {@link PcGrad}, seeded from the config's seed. */
    PCGRAD,
    /** {@link Mgda} with its default config. */
    MGDA,
    /** {@link CaGrad} with its default config (c = 0.5). */
    CAGRAD;

    /** A new combiner of this kind (null for NONE); PCGrad's order comes from {@code seed}. */
    public GradientCombiner create(long seed) {
      return switch (this) {
        case NONE -> null;
        case SUM -> new Sum();
        case PCGRAD -> new PcGrad(seed);
        case MGDA -> new Mgda();
        case CAGRAD -> new CaGrad();
      };
    }
  }

  /** Checks presence and that the independent baseline has no combiner. */
  public TaskConditionedConfig {
    Check.notNull("ppo", ppo);
    Check.notNull("mode", mode);
    Check.notNull("combiner", combiner);
    if (mode == Mode.INDEPENDENT && combiner != Combiner.NONE) {
      throw new IllegalArgumentException("combiner must be NONE for mode INDEPENDENT (one task"
          + " per learner), got " + combiner);
    }
  }

  /** PPO's defaults, {@link Mode#SHARED_WITH_ID}, {@link Combiner#SUM}. */
  public static TaskConditionedConfig defaults() {
    return new TaskConditionedConfig(PpoConfig.defaults(), Mode.SHARED_WITH_ID, Combiner.SUM);
  }

  /** The seed of every random stream ({@code ppo().seed()}). */
  public long seed() {
    return ppo.seed();
  }
}
