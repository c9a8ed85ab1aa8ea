package org.gridrl.core.optim;

/**
 * A learning-rate schedule η(t) over update steps t = 0, 1, 2, ... (t = 0 is the first update).
 * Apply it before each update with {@link #apply(Optimizer, long)}, which calls
 * {@link Optimizer#setLearningRate(double)}.
 *
 * <ul>
 *   <li>{@link #constant}: η(t) = η₀.
 *   <li>{@link #linear}: η(t) = η₀ + (η_T − η₀) · min(t, T)/T, then η_T (PPO's linear annealing
 *       uses η_T = 0).
 *   <li>{@link #cosine}: η(t) = η_T + (η₀ − η_T) · (1 + cos(π min(t, T)/T)) / 2, then η_T
 *       (SGDR without restarts, Loshchilov &amp; Hutter 2017).
 *   <li>{@link #step}: η(t) = η₀ · γ^⌊t/k⌋.
 * </ul>
 */
@FunctionalInterface
public interface Schedule {

  /**
   * The learning rate for update step t.
   *
   * @param step t ≥ 0
   * @return η(t), finite and ≥ 0
   */
  double at(long step);

  /**
   * Sets {@code optimizer}'s learning rate to η(step).
   *
   * @param optimizer the optimiser. Modified.
   * @param step t ≥ 0
   * @return the rate set
   */
  default double apply(Optimizer optimizer, long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    double lr = at(step);
    optimizer.setLearningRate(lr);
    return lr;
  }

  /** η(t) = η₀. */
  static Schedule constant(double initial) {
    checkRate("initial", initial);
    return t -> initial;
  }

  /**
   * Linear interpolation from {@code initial} at t = 0 to {@code last} at t = steps, constant
   * after.
   *
   * @param initial η₀ (≥ 0, finite)
   * @param last η_T (≥ 0, finite)
   * @param steps T ≥ 1
   */
  static Schedule linear(double initial, double last, long steps) {
    checkRate("initial", initial);
    checkRate("last", last);
    checkSteps(steps);
    return t -> {
      if (t >= steps) {
        return last;
      }
      return initial + (last - initial) * ((double) t / steps);
    };
  }

  /**
   * Half a cosine from {@code initial} at t = 0 down (or up) to {@code last} at t = steps,
   * constant after.
   *
   * @param initial η₀ (≥ 0, finite)
   * @param last η_T (≥ 0, finite)
   * @param steps T ≥ 1
   */
  static Schedule cosine(double initial, double last, long steps) {
    checkRate("initial", initial);
    checkRate("last", last);
    checkSteps(steps);
    return t -> {
      if (t >= steps) {
        return last;
      }
      return last + (initial - last) * 0.5 * (1 + Math.cos(Math.PI * t / steps));
    };
  }

  /**
   * Piecewise constant decay by {@code factor} every {@code every} steps.
   *
   * @param initial η₀ (≥ 0, finite)
   * @param factor γ in (0, 1] (multiplier per stage)
   * @param every k ≥ 1 (steps per stage)
   */
  static Schedule step(double initial, double factor, long every) {
    checkRate("initial", initial);
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException("factor must be in (0, 1], got " + factor);
    }
    if (every < 1) {
      throw new IllegalArgumentException("every must be >= 1 step, got " + every);
    }
    return t -> initial * Math.pow(factor, (double) (t / every));
  }

  private static void checkRate(String name, double lr) {
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException(name + " learning rate must be >= 0 and finite, got "
          + lr);
    }
  }

  private static void checkSteps(long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
  }
}
