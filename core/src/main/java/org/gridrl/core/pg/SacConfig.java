package org.gridrl.core.pg;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link Sac}. Defaults follow CleanRL's {@code sac_continuous_action.py}
 * except for smaller networks (the tasks here are 1-D and 2-D points). Vary them with the
 * generated {@code withX} methods or {@code with(b -> b.totalSteps(2000).learningStarts(300))};
 * every way goes through the checks.
 *
 * @param totalSteps environment steps of {@link Sac#train}, ≥ 1 (default 20 000)
 * @param learningStarts the first this many steps take uniform random actions in [−1, 1]^d and
 *     make no update; ≥ 1 so the buffer is never sampled empty (default 1 000)
 * @param batchSize minibatch size B of every update, ≥ 1 (default 256)
 * @param bufferCapacity replay capacity, ≥ batchSize (default 100 000)
 * @param gamma discount γ in [0, 1] (default 0.99)
 * @param polyak the Polyak rate ρ in (0, 1] of the target critics: θ_targ ← (1 − ρ)θ_targ + ρθ
 *     after every update (default 0.005; CleanRL's and the SAC paper's τ, renamed because τ is
 *     the temperature everywhere else in gridrl; a config file's {@code tau} is still read)
 * @param policyLearningRate Adam step of the actor, &gt; 0 (default 3e-4)
 * @param qLearningRate Adam step of both critics, &gt; 0 (default 1e-3)
 * @param alphaLearningRate Adam step of log α, &gt; 0 (default 1e-3)
 * @param initialAlpha the temperature α at the start, &gt; 0 (default 1)
 * @param autotune learn α against the target entropy −dim(A) (Haarnoja et al. 2018b); false
 *     keeps α fixed (default true)
 * @param hiddenWidth units per hidden layer of actor and critics, ≥ 1 (default 64)
 * @param hiddenLayers hidden layers of each network (ReLU), ≥ 1 (default 2)
 * @param logStdMin lower bound of the actor's log σ (default −5)
 * @param logStdMax upper bound of the actor's log σ, &gt; logStdMin (default 2)
 * @param logEvery the losses are reported every this many steps, ≥ 1 (default 100)
 * @param seed seeds initialisation, exploration, resets and minibatches (default 1)
 */
@RecordBuilder
public record SacConfig(int totalSteps, int learningStarts, int batchSize, int bufferCapacity,
    double gamma, double polyak, double policyLearningRate, double qLearningRate,
    double alphaLearningRate, double initialAlpha, boolean autotune, int hiddenWidth,
    int hiddenLayers, double logStdMin, double logStdMax, int logEvery, long seed)
    implements SacConfigBuilder.With {

  /** Validates every field; the message names it and its value. */
  public SacConfig {
    Check.positive("totalSteps", totalSteps);
    Check.positive("learningStarts", learningStarts);
    Check.positive("batchSize", batchSize);
    Check.argument(bufferCapacity >= batchSize, "bufferCapacity must be >= batchSize (%s), got %s",
        batchSize, bufferCapacity);
    Check.unitInterval("gamma", gamma);
    Check.argument(polyak > 0 && polyak <= 1, "polyak must be in (0, 1], got %s", polyak);
    Check.positiveFinite("policyLearningRate", policyLearningRate);
    Check.positiveFinite("qLearningRate", qLearningRate);
    Check.positiveFinite("alphaLearningRate", alphaLearningRate);
    Check.positiveFinite("initialAlpha", initialAlpha);
    Check.positive("hiddenWidth", hiddenWidth);
    Check.positive("hiddenLayers", hiddenLayers);
    Check.finite("logStdMin", logStdMin);
    Check.argument(logStdMax > logStdMin && Double.isFinite(logStdMax),
        "logStdMax must be finite and > logStdMin (%s), got %s", logStdMin, logStdMax);
    Check.positive("logEvery", logEvery);
  }

  /** The defaults listed above. */
  public static SacConfig defaults() {
    return new SacConfig(20_000, 1_000, 256, 100_000, 0.99, 0.005, 3e-4, 1e-3, 1e-3, 1.0, true,
        64, 2, -5, 2, 100, 1);
  }
}
