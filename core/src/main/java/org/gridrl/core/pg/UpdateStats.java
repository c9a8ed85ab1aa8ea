package org.gridrl.core.pg;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.gridrl.core.util.TrainingListener;

/**
 * What one on-policy update reports, averaged over its gradient steps. Each kind knows which
 * metrics it has and reports exactly those ({@link #report}): REINFORCE and A2C take one
 * score-function step ({@link ScoreFunction}), PPO adds its clipping diagnostics
 * ({@link PpoClip}).
 */
public sealed interface UpdateStats permits UpdateStats.ScoreFunction, UpdateStats.PpoClip {

  /** The policy loss (score function or PPO surrogate), {@value Metrics#POLICY_LOSS}. */
  double policyLoss();

  /** ½ mean squared value error (clipped form if enabled), {@value Metrics#VALUE_LOSS}. */
  double valueLoss();

  /** Mean policy entropy, {@value Metrics#ENTROPY}. */
  double entropy();

  /** The number of optimiser steps taken. */
  int gradientSteps();

  /** The keys {@link #report} emits, in order. */
  List<String> keys();

  /**
   * Emits this update's scalars for {@code iteration}, in the order of {@link #keys}: here the
   * three every update has, {@value Metrics#ENTROPY}, {@value Metrics#POLICY_LOSS} and
   * {@value Metrics#VALUE_LOSS}; a kind with more reports these first, then its own.
   */
  default void report(TrainingListener listener, long iteration) {
    listener.onScalar(iteration, Metrics.ENTROPY, entropy());
    listener.onScalar(iteration, Metrics.POLICY_LOSS, policyLoss());
    listener.onScalar(iteration, Metrics.VALUE_LOSS, valueLoss());
  }

  /**
   * One step on L = −mean(log π Â) + c_V L_V − c_H H̄ (REINFORCE, A2C).
   *
   * @param policyLoss −mean(log π Â)
   * @param valueLoss ½ mean((V − R)²)
   * @param entropy mean H(π(·|s))
   */
  record ScoreFunction(double policyLoss, double valueLoss, double entropy)
      implements UpdateStats {

    /** The keys reported. */
    public static final List<String> KEYS = List.of(Metrics.ENTROPY, Metrics.POLICY_LOSS,
        Metrics.VALUE_LOSS);

    @Override
    public int gradientSteps() {
      return 1;
    }

    @Override
    public List<String> keys() {
      return KEYS;
    }
  }

  /**
   * PPO's epochs of clipped minibatch steps, each statistic the mean over the steps.
   *
   * @param policyLoss the clipped surrogate −mean(min(ρÂ, clip(ρ)Â))
   * @param valueLoss ½ mean squared value error (clipped form if enabled)
   * @param entropy mean H(π(·|s))
   * @param approxKl mean of (ρ − 1) − log ρ, an estimate of KL(π_old ‖ π_θ) (Schulman's k3)
   * @param clipFraction fraction of rows with |ρ − 1| &gt; ε
   * @param gradientSteps the number of minibatch steps
   * @param gradientCosine per-task path: mean cosine g_i·g_j / (‖g_i‖‖g_j‖) over the pairs of
   *     tasks' policy gradients (for two tasks, the pair's cosine), averaged over the steps that
   *     had a pair of nonzero gradients; NaN otherwise (plain PPO). Not reported by
   *     {@link #report}.
   * @param conflictFraction per-task path: the share of those pairs with a negative cosine,
   *     averaged likewise; NaN otherwise. Not reported by {@link #report}.
   */
  record PpoClip(double policyLoss, double valueLoss, double entropy, double approxKl,
      double clipFraction, int gradientSteps, double gradientCosine, double conflictFraction)
      implements UpdateStats {

    /** Plain PPO's statistics: no per-task gradients, so no conflict diagnostics (NaN). */
    public PpoClip(double policyLoss, double valueLoss, double entropy, double approxKl,
        double clipFraction, int gradientSteps) {
      this(policyLoss, valueLoss, entropy, approxKl, clipFraction, gradientSteps, Double.NaN,
          Double.NaN);
    }

    /** The keys reported: {@link ScoreFunction#KEYS}, then the clipping diagnostics. */
    public static final List<String> KEYS = ImmutableList.<String>builder()
        .addAll(ScoreFunction.KEYS).add(Metrics.APPROX_KL, Metrics.CLIP_FRACTION).build();

    @Override
    public List<String> keys() {
      return KEYS;
    }

    @Override
    public void report(TrainingListener l, long iteration) {
      UpdateStats.super.report(l, iteration);
      l.onScalar(iteration, Metrics.APPROX_KL, approxKl);
      l.onScalar(iteration, Metrics.CLIP_FRACTION, clipFraction);
    }
  }
}
