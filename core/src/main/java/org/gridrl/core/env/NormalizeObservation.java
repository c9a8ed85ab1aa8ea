package org.gridrl.core.env;

import java.util.Arrays;

/**
 * Standardises observations with running statistics: o'_t = (o_t − μ) / √(σ² + ε), where μ and
 * σ² are the mean and population variance (divisor n) of every observation seen so far,
 * including the one being normalised, kept coordinate-wise by Welford's update
 * n ← n + 1, δ = o − μ, μ ← μ + δ/n, M₂ ← M₂ + δ (o − μ), σ² = M₂ / n
 * (Welford 1962; the same order as Gymnasium's {@code NormalizeObservation}: update, then
 * normalise). ε = {@link #DEFAULT_EPSILON} = 1e-8 by default keeps a constant coordinate finite
 * (it maps to 0); it is added to the variance, not to the standard deviation.
 *
 * <p>{@link #setFrozen(boolean) Frozen}, the statistics stop changing (evaluation, or a copy for
 * a test environment via {@link #setStatistics}). Rewards and actions pass through. The
 * observation space becomes (−∞, ∞)^d. Each reset and step allocates the normalised
 * observation; the update allocates nothing. Not thread-safe.
 *
 * @param <A> action type
 */
public final class NormalizeObservation<A> implements Env<double[], A> {

  /** The default ε = 1e-8 added to the variance. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final Env<double[], A> env;
  private final int dim;
  private final double epsilon;
  private final Box observationSpace;
  private final double[] mean;
  private final double[] m2;
  private long count;
  private boolean frozen;

  /** Wraps {@code env} with ε = 1e-8. */
  public NormalizeObservation(Env<double[], A> env) {
    this(env, DEFAULT_EPSILON);
  }

  /**
   * Wraps {@code env}.
   *
   * @param env an environment with a {@link Box} observation space. Modified by every reset and
   *     step.
   * @param epsilon ε &gt; 0, finite, added to the variance
   */
  public NormalizeObservation(Env<double[], A> env, double epsilon) {
    if (env == null) {
      throw new IllegalArgumentException("env must not be null");
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
    }
    if (!(env.observationSpace() instanceof Box box)) {
      throw new IllegalArgumentException("NormalizeObservation needs a Box observation space, got "
          + env.observationSpace());
    }
    this.env = env;
    this.dim = box.dim();
    this.epsilon = epsilon;
    this.observationSpace = Box.uniform(dim, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    this.mean = new double[dim];
    this.m2 = new double[dim];
  }

  /** The wrapped environment. */
  public Env<double[], A> inner() {
    return env;
  }

  /** ε. */
  public double epsilon() {
    return epsilon;
  }

  /** The number n of observations in the statistics. */
  public long count() {
    return count;
  }

  /** μ (a copy); zeros while n = 0. */
  public double[] mean() {
    return mean.clone();
  }

  /** σ² = M₂ / n (a copy); zeros while n = 0. */
  public double[] variance() {
    double[] v = new double[dim];
    if (count > 0) {
      for (int i = 0; i < dim; i++) {
        v[i] = m2[i] / count;
      }
    }
    return v;
  }

  /** Whether the statistics are frozen. */
  public boolean frozen() {
    return frozen;
  }

  /** Freezes (true) or resumes (false) the updates of the statistics. */
  public void setFrozen(boolean frozen) {
    this.frozen = frozen;
  }

  /**
   * Replaces the statistics, e.g. with those of a training environment.
   *
   * @param count n ≥ 0
   * @param mean μ, length d, finite. Not modified.
   * @param variance σ², length d, finite and ≥ 0. Not modified.
   */
  public void setStatistics(long count, double[] mean, double[] variance) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    if (mean == null || mean.length != dim || variance == null || variance.length != dim) {
      throw new IllegalArgumentException("mean and variance must have length " + dim + ", got "
          + (mean == null ? "null" : mean.length) + " and "
          + (variance == null ? "null" : variance.length));
    }
    for (int i = 0; i < dim; i++) {
      if (!Double.isFinite(mean[i]) || !(variance[i] >= 0) || Double.isInfinite(variance[i])) {
        throw new IllegalArgumentException("coordinate " + i + " needs a finite mean and a finite"
            + " variance >= 0, got mean " + mean[i] + ", variance " + variance[i]);
      }
    }
    this.count = count;
    for (int i = 0; i < dim; i++) {
      this.mean[i] = mean[i];
      this.m2[i] = variance[i] * count;
    }
  }

  /**
   * Writes (o − μ)/√(σ² + ε) into {@code out} with the current statistics, without updating them.
   *
   * @param observation o, length d. Not modified.
   * @param out length d. Modified.
   * @return out
   */
  public double[] normalize(double[] observation, double[] out) {
    checkLength(observation);
    if (out.length != dim) {
      throw new IllegalArgumentException("out must have length " + dim + ", got " + out.length);
    }
    for (int i = 0; i < dim; i++) {
      double variance = count > 0 ? m2[i] / count : 0.0;
      out[i] = (observation[i] - mean[i]) / Math.sqrt(variance + epsilon);
    }
    return out;
  }

  /** Adds o to the statistics (Welford), unless frozen. */
  public void update(double[] observation) {
    checkLength(observation);
    if (frozen) {
      return;
    }
    count++;
    for (int i = 0; i < dim; i++) {
      double delta = observation[i] - mean[i];
      mean[i] += delta / count;
      m2[i] += delta * (observation[i] - mean[i]);
    }
  }

  private void checkLength(double[] observation) {
    if (observation == null || observation.length != dim) {
      throw new IllegalArgumentException("observation must have length " + dim + ", got "
          + (observation == null ? "null" : observation.length));
    }
  }

  /** (−∞, ∞)^d. */
  @Override
  public Box observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return env.actionSpace();
  }

  @Override
  public double[] reset(long seed) {
    return process(env.reset(seed));
  }

  @Override
  public Step<double[]> step(A action) {
    Step<double[]> s = env.step(action);
    return new Step<>(process(s.observation()), s.reward(), s.terminated(), s.truncated(),
        s.info());
  }

  private double[] process(double[] o) {
    if (o == null || o.length != dim) {
      throw new IllegalStateException("the wrapped environment returned an observation of length "
          + (o == null ? "null" : o.length) + ", its observation space has dim " + dim);
    }
    update(o);
    return normalize(o, new double[dim]);
  }

  @Override
  public String toString() {
    return "NormalizeObservation[n=" + count + ", frozen=" + frozen + ", mean="
        + Arrays.toString(mean) + ", " + env + "]";
  }
}
