package org.gridrl.meta.rl2;

import io.soabase.recordbuilder.core.RecordBuilder;
import org.gridrl.core.optim.GradClip;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.core.util.Check;

/**
 * Hyperparameters of {@link Rl2}. Defaults follow the PyTorch reimplementation
 * lucaslingle/pytorch_rl2 ({@code train.py}: γ 0.99, λ 0.3, ε 0.1, c_H 0.01, η 2e-4, 8 epochs,
 * advantages not standardised) where they apply; its batch (240 000 steps per update) and its
 * 256-unit GRU are cut down to a size one core trains in minutes. The RL² paper's own outer step
 * was rllab's TRPO (mean KL bound 0.01, conjugate gradient and a backtracking line search);
 * it is {@link Outer#TRPO} here, with {@link TrustRegion.Config#defaults()} (rllab's
 * {@code ConjugateGradientOptimizer} defaults). The default stays {@link Outer#PPO}.
 *
 * @param iterations sample-then-update iterations, ≥ 1
 * @param trialsPerIteration B, trials sampled in lock step per iteration, ≥ 1
 * @param minibatchTrials trials per gradient step (each backpropagated through its whole
 *     trial), ≥ 1
 * @param epochs passes over the iteration's trials, ≥ 1
 * @param hidden GRU state size H, ≥ 1
 * @param gamma discount γ in [0, 1] over the whole trial (episode ends do not cut it)
 * @param lambda GAE λ in [0, 1]
 * @param clipRatio ε of PPO's clipped surrogate, &gt; 0
 * @param learningRate Adam step size η &gt; 0
 * @param entropyCoef c_H ≥ 0
 * @param valueCoef c_V ≥ 0, weight of ½ mean (V − R)²
 * @param maxGradNorm global gradient-norm clip &gt; 0; +∞ disables it
 * @param normalizeAdvantages whether Â is standardised per minibatch
 * @param initLogStd initial value of the Gaussian head's state-independent log σ (finite; 0, i.e.
 *     σ = 1, is rllab's {@code GaussianGRUPolicy} default {@code init_std = 1.0}); unused by the
 *     categorical head
 * @param chronoInit whether the GRU's update gate starts with chrono biases
 *     ({@link org.gridrl.core.nn.Gru#chronoInit}, T = the trial's length in steps, at least 2,
 *     drawn from stream 5 of the seed: units forget over 2 to T steps at the start instead of
 *     halving their state every step); false leaves every bias at 0
 * @param outer the outer step: {@link Outer#PPO} (clipped PPO epochs with Adam, the default) or
 *     {@link Outer#TRPO} (one trust-region step per iteration; {@code clipRatio},
 *     {@code learningRate}, {@code minibatchTrials} as a chunk size only, {@code epochs},
 *     {@code valueCoef} and {@code maxGradNorm} are then unused, see {@link Rl2})
 * @param trustRegion δ, CG and line-search settings of {@link Outer#TRPO} (unused by PPO)
 * @param seed seeds the network, the tasks, the environments, the actions and the shuffles
 */
@RecordBuilder
public record Rl2Config(int iterations, int trialsPerIteration, int minibatchTrials, int epochs,
    int hidden, double gamma, double lambda, double clipRatio, double learningRate,
    double entropyCoef, double valueCoef, double maxGradNorm, boolean normalizeAdvantages,
    double initLogStd, boolean chronoInit, Outer outer, TrustRegion.Config trustRegion, long seed)
    implements Rl2ConfigBuilder.With {

  /** The outer (policy) optimiser. */
  public enum Outer {
    /** {@code epochs} passes of clipped-surrogate Adam steps on minibatches of trials. */
    PPO,
    /**
     * One trust-region step on the whole batch: max mean ρ·Â + c_H H̄ subject to the mean
     * KL(π_old ‖ π) ≤ δ (conjugate gradient on the KL's Hessian, then a backtracking line
     * search), as rllab's TRPO in the RL² paper; the value head refitted by least squares.
     */
    TRPO
  }

  /** Validates every field; messages name the value. */
  public Rl2Config {
    Check.positive("iterations", iterations);
    Check.positive("trialsPerIteration", trialsPerIteration);
    Check.positive("minibatchTrials", minibatchTrials);
    Check.positive("epochs", epochs);
    Check.positive("hidden", hidden);
    Check.unitInterval("gamma", gamma);
    Check.unitInterval("lambda", lambda);
    Check.positive("clipRatio", clipRatio);
    Check.positiveFinite("learningRate", learningRate);
    Check.nonNegativeFinite("entropyCoef", entropyCoef);
    Check.nonNegativeFinite("valueCoef", valueCoef);
    GradClip.checkMaxNorm("maxGradNorm", maxGradNorm);
    Check.finite("initLogStd", initLogStd);
    Check.notNull("outer", outer);
    Check.notNull("trustRegion", trustRegion);
  }

  /**
   * 200 iterations of 64 trials, minibatches of 16 trials, 8 epochs, H = 64, γ 0.99, λ 0.3,
   * ε 0.1, η 2e-4, c_H 0.01, c_V 0.5, clip 0.5, advantages not standardised, log σ₀ = 0, zero
   * gate biases (no chrono initialisation), PPO
   * (TRPO settings: rllab's, δ = 0.01, 10 CG iterations, damping 1e-5, CG tolerance 1e-10,
   * backtracking 0.8 up to 15 fractions), seed 0.
   */
  public static Rl2Config defaults() {
    return new Rl2Config(200, 64, 16, 8, 64, 0.99, 0.3, 0.1, 2e-4, 0.01, 0.5, 0.5, false, 0.0,
        false, Outer.PPO, TrustRegion.Config.defaults(), 0L);
  }
}
