package org.gridrl.envs.bandit;

import java.util.Arrays;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Rng;

/**
 * The k-armed Bernoulli bandit of RL²'s bandit experiments (Duan et al. 2016, §4.1): arm i pays
 * r_t ~ Bernoulli(μ_i), the means drawn once per trial, μ_i ~ U(0, 1) independently
 * ({@link #tasks(int, int)}); a trial is one episode of n pulls.
 *
 * <p>The observation is a dummy, always 0 (observation space {@code Discrete(1)}): everything an
 * agent learns comes from its rewards. The action is the arm, in {@code Discrete(k)}. The episode
 * is truncated (never terminated) after {@link #pulls()} steps. {@code reset(seed)} starts a new
 * reward stream {@code Rng(seed)}; step t draws {@code nextBernoulli(μ_a)} from it, one draw per
 * pull, so the same seed and the same arms give the same rewards. The exact means are public
 * ({@link #means()}, {@link #bestMean()}) so regret n·max_i μ_i − Σ_t r_t and its expectation
 * Σ_t (max_i μ_i − μ_{a_t}) can be computed. Not thread-safe.
 */
public final class BernoulliBandit implements Env<Integer, Integer> {

  private static final Discrete OBSERVATION_SPACE = new Discrete(1);
  private static final Integer OBSERVATION = 0;

  private final double[] means;
  private final int pulls;
  private final Discrete actionSpace;
  private Rng rewards;
  private int steps = -1;

  /**
   * A bandit with fixed means.
   *
   * @param means μ_i ∈ [0, 1], one per arm, at least one arm. Not modified (copied).
   * @param pulls n, the steps of one episode (trial), ≥ 1
   * @throws IllegalArgumentException naming the first bad mean, or a bad n
   */
  public BernoulliBandit(double[] means, int pulls) {
    if (means == null || means.length == 0) {
      throw new IllegalArgumentException("means must hold at least one arm");
    }
    for (int i = 0; i < means.length; i++) {
      if (!(means[i] >= 0 && means[i] <= 1)) {
        throw new IllegalArgumentException("means[" + i + "] must be in [0, 1], got " + means[i]);
      }
    }
    if (pulls < 1) {
      throw new IllegalArgumentException("pulls must be >= 1, got " + pulls);
    }
    this.means = means.clone();
    this.pulls = pulls;
    this.actionSpace = new Discrete(means.length);
  }

  /**
   * The task distribution p(T): μ_i ~ U(0, 1) for i = 0..k−1, drawn in that order by
   * {@code rng.nextDouble()}.
   *
   * @param arms k ≥ 1
   * @param pulls n ≥ 1, the pulls of one trial
   */
  public static TaskDistribution<BernoulliBandit> tasks(int arms, int pulls) {
    if (arms < 1) {
      throw new IllegalArgumentException("arms must be >= 1, got " + arms);
    }
    if (pulls < 1) {
      throw new IllegalArgumentException("pulls must be >= 1, got " + pulls);
    }
    return rng -> {
      double[] mu = new double[arms];
      for (int i = 0; i < arms; i++) {
        mu[i] = rng.nextDouble();
      }
      return new BernoulliBandit(mu, pulls);
    };
  }

  /** k, the number of arms. */
  public int numArms() {
    return means.length;
  }

  /** n, the pulls of one episode. */
  public int pulls() {
    return pulls;
  }

  /** μ_i, a copy. */
  public double[] means() {
    return means.clone();
  }

  /** μ_i of one arm. */
  public double mean(int arm) {
    return means[arm];
  }

  /** max_i μ_i, the mean of the best arm (regret is measured against it). */
  public double bestMean() {
    return Arrays.stream(means).max().orElseThrow();
  }

  @Override
  public Discrete observationSpace() {
    return OBSERVATION_SPACE;
  }

  @Override
  public Discrete actionSpace() {
    return actionSpace;
  }

  /** A new reward stream {@code Rng(seed)}; returns the dummy observation 0. */
  @Override
  public Integer reset(long seed) {
    rewards = new Rng(seed);
    steps = 0;
    return OBSERVATION;
  }

  /**
   * Pulls an arm: r = 1 with probability μ_arm (one {@code nextBernoulli} draw), else 0.
   *
   * @param action the arm, in [0, k)
   * @throws IllegalArgumentException if the arm is null or not in [0, k)
   * @throws IllegalStateException before a reset or after the n-th pull
   */
  @Override
  public Step<Integer> step(Integer action) {
    if (steps < 0) {
      throw new IllegalStateException("BernoulliBandit: step before reset");
    }
    if (steps >= pulls) {
      throw new IllegalStateException("BernoulliBandit: the episode ended after " + pulls
          + " pulls; reset first");
    }
    if (action == null || !actionSpace.contains((int) action)) {
      throw new IllegalArgumentException("arm must be in [0, " + means.length + "), got "
          + action);
    }
    steps++;
    double reward = rewards.nextBernoulli(means[action]) ? 1.0 : 0.0;
    return new Step<>(OBSERVATION, reward, false, steps >= pulls);
  }

  @Override
  public String toString() {
    return "BernoulliBandit[means=" + Arrays.toString(means) + ", pulls=" + pulls + "]";
  }
}
