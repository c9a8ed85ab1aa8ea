package org.gridrl.core.pg;

/**
 * Hyperparameters of {@link Sac}. Defaults follow CleanRL's {@code sac_continuous_action.py}
 * except for smaller networks (the tasks here are 1-D and 2-D points).
 *
 * @param totalSteps environment steps of {@link Sac#train(org.gridrl.core.util.TrainingListener)},
 *     ≥ 1 (default 20 000); {@link Sac#train(long, org.gridrl.core.util.TrainingListener)} runs
 *     any number in chunks
 * @param learningStarts the first this many steps take uniform random actions in [−1, 1]^d and
 *     make no update; ≥ 1 so the buffer is never sampled empty (default 1 000)
 * @param batchSize minibatch size B of every update, ≥ 1 (default 256)
 * @param bufferCapacity replay capacity, ≥ batchSize (default 100 000)
 * @param gamma discount γ in [0, 1] (default 0.99)
 * @param tau Polyak rate τ in (0, 1]: θ_targ ← (1 − τ)θ_targ + τθ after every update
 *     (default 0.005)
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
public record SacConfig(int totalSteps, int learningStarts, int batchSize, int bufferCapacity,
    double gamma, double tau, double policyLearningRate, double qLearningRate,
    double alphaLearningRate, double initialAlpha, boolean autotune, int hiddenWidth,
    int hiddenLayers, double logStdMin, double logStdMax, int logEvery, long seed) {

  /** Validates every field; the message names it and its value. */
  public SacConfig {
    if (totalSteps < 1) {
      throw new IllegalArgumentException("totalSteps must be >= 1, got " + totalSteps);
    }
    if (learningStarts < 1) {
      throw new IllegalArgumentException("learningStarts must be >= 1, got " + learningStarts);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (bufferCapacity < batchSize) {
      throw new IllegalArgumentException("bufferCapacity must be >= batchSize (" + batchSize
          + "), got " + bufferCapacity);
    }
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
    }
    if (!(tau > 0 && tau <= 1)) {
      throw new IllegalArgumentException("tau must be in (0, 1], got " + tau);
    }
    positiveFinite("policyLearningRate", policyLearningRate);
    positiveFinite("qLearningRate", qLearningRate);
    positiveFinite("alphaLearningRate", alphaLearningRate);
    positiveFinite("initialAlpha", initialAlpha);
    if (hiddenWidth < 1) {
      throw new IllegalArgumentException("hiddenWidth must be >= 1, got " + hiddenWidth);
    }
    if (hiddenLayers < 1) {
      throw new IllegalArgumentException("hiddenLayers must be >= 1, got " + hiddenLayers);
    }
    if (!Double.isFinite(logStdMin)) {
      throw new IllegalArgumentException("logStdMin must be finite, got " + logStdMin);
    }
    if (!(logStdMax > logStdMin) || !Double.isFinite(logStdMax)) {
      throw new IllegalArgumentException("logStdMax must be finite and > logStdMin ("
          + logStdMin + "), got " + logStdMax);
    }
    if (logEvery < 1) {
      throw new IllegalArgumentException("logEvery must be >= 1, got " + logEvery);
    }
  }

  private static void positiveFinite(String name, double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite, got " + x);
    }
  }

  /** The defaults listed above. */
  public static SacConfig defaults() {
    return new SacConfig(20_000, 1_000, 256, 100_000, 0.99, 0.005, 3e-4, 1e-3, 1e-3, 1.0, true,
        64, 2, -5, 2, 100, 1);
  }

  /** A copy with another seed. */
  public SacConfig withSeed(long newSeed) {
    return new SacConfig(totalSteps, learningStarts, batchSize, bufferCapacity, gamma, tau,
        policyLearningRate, qLearningRate, alphaLearningRate, initialAlpha, autotune, hiddenWidth,
        hiddenLayers, logStdMin, logStdMax, logEvery, newSeed);
  }

  /** A copy with another step budget and number of random warm-up steps. */
  public SacConfig withSteps(int newTotalSteps, int newLearningStarts) {
    return new SacConfig(newTotalSteps, newLearningStarts, batchSize, bufferCapacity, gamma, tau,
        policyLearningRate, qLearningRate, alphaLearningRate, initialAlpha, autotune, hiddenWidth,
        hiddenLayers, logStdMin, logStdMax, logEvery, seed);
  }

  /** A copy with another discount. */
  public SacConfig withGamma(double newGamma) {
    return new SacConfig(totalSteps, learningStarts, batchSize, bufferCapacity, newGamma, tau,
        policyLearningRate, qLearningRate, alphaLearningRate, initialAlpha, autotune, hiddenWidth,
        hiddenLayers, logStdMin, logStdMax, logEvery, seed);
  }

  /** A copy with another minibatch size and network width. */
  public SacConfig withNetwork(int newBatchSize, int newHiddenWidth, int newHiddenLayers) {
    return new SacConfig(totalSteps, learningStarts, newBatchSize,
        Math.max(bufferCapacity, newBatchSize), gamma, tau, policyLearningRate, qLearningRate,
        alphaLearningRate, initialAlpha, autotune, newHiddenWidth, newHiddenLayers, logStdMin,
        logStdMax, logEvery, seed);
  }

  /** A copy with other learning rates (actor, critics, temperature). */
  public SacConfig withLearningRates(double policy, double q, double alpha) {
    return new SacConfig(totalSteps, learningStarts, batchSize, bufferCapacity, gamma, tau,
        policy, q, alpha, initialAlpha, autotune, hiddenWidth, hiddenLayers, logStdMin, logStdMax,
        logEvery, seed);
  }

  /** A copy with another initial temperature and tuning switch. */
  public SacConfig withAlpha(double newInitialAlpha, boolean newAutotune) {
    return new SacConfig(totalSteps, learningStarts, batchSize, bufferCapacity, gamma, tau,
        policyLearningRate, qLearningRate, alphaLearningRate, newInitialAlpha, newAutotune,
        hiddenWidth, hiddenLayers, logStdMin, logStdMax, logEvery, seed);
  }
}
