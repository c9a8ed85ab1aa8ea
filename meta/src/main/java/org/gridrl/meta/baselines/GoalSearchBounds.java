package org.gridrl.meta.baselines;

/**
 * A bracket lower ≤ V* ≤ upper on the Bayes-optimal expected trial return of a hidden-goal
 * setting ({@link GoalSearchPlanner#bounds}).
 *
 * @param lower the exact expected return of {@code policy}, a feasible policy
 * @param upper an information-relaxation value ({@link GoalSearchPlanner#upperBound})
 * @param policy the policy that attains {@code lower}
 */
public record GoalSearchBounds(double lower, double upper, GoalSearchPolicy policy) {

  /** upper − lower, ≥ 0. */
  public double gap() {
    return upper - lower;
  }

  /**
   * Whether the bracket is closed, up to the rounding of the two divisions by 10·K (both come
   * from exact integer tenths), so that {@code policy} is Bayes-optimal.
   */
  public boolean isExact() {
    return Math.abs(upper - lower) <= 1e-12 * Math.max(1, Math.abs(upper));
  }
}
