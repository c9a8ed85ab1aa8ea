package org.gridrl.core.mdp;

import java.util.Arrays;
import org.gridrl.core.util.Argmax;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * A stationary stochastic policy π(a|s) over S states and A actions: an S×A row-stochastic
 * table stored row-major ({@code pi[s * A + a]}). Immutable; validated on construction.
 */
public final class TabularPolicy {

  /** Tolerance on |Σ_a π(a|s) − 1|. */
  public static final double ROW_TOLERANCE = 1e-9;

  private final int numStates;
  private final int numActions;
  private final double[] pi;

  private TabularPolicy(int numStates, int numActions, double[] pi) {
    this.numStates = numStates;
    this.numActions = numActions;
    this.pi = pi;
  }

  /**
   * A policy from its table.
   *
   * @param pi π(a|s) at index s·A + a, length S·A, rows non-negative and summing to 1 within
   *     {@link #ROW_TOLERANCE}. Not modified (copied).
   */
  public static TabularPolicy of(int numStates, int numActions, double[] pi) {
    return wrap(numStates, numActions, pi.clone());
  }

  /**
   * A policy over the caller's table, taken over without copying (as EJML's
   * {@code DMatrixRMaj.wrap}) and checked like {@link #of}: for solvers that fill a fresh table
   * per policy, so a finite-horizon solve does not copy each step's table once more.
   *
   * @param pi π(a|s) at index s·A + a, length S·A, rows non-negative and summing to 1 within
   *     {@link #ROW_TOLERANCE}. Not modified, but kept: the caller must not modify it afterwards.
   */
  public static TabularPolicy wrap(int numStates, int numActions, double[] pi) {
    Check.argument(numStates >= 1 && numActions >= 1, "policy needs S >= 1 and A >= 1, got S=%s,"
        + " A=%s", numStates, numActions);
    Check.notNull("pi", pi);
    Check.argument(pi.length == numStates * numActions,
        "policy table must have length S*A = %s, got %s", numStates * numActions, pi.length);
    // branch-free per entry (a solver wraps a fresh table every step); the message on failure
    boolean ok = true;
    for (int s = 0, row = 0; s < numStates; s++, row += numActions) {
      double sum = 0;
      for (int a = 0; a < numActions; a++) {
        final double p = pi[row + a];
        ok &= p >= 0 & p <= 1 + ROW_TOLERANCE;
        sum += p;
      }
      ok &= Math.abs(sum - 1) <= ROW_TOLERANCE;
    }
    if (!ok) {
      throw badRow(numStates, numActions, pi);
    }
    return new TabularPolicy(numStates, numActions, pi);
  }

  /** The error for the first entry or row that {@link #wrap} refuses. */
  private static IllegalArgumentException badRow(int numStates, int numActions, double[] pi) {
    for (int s = 0; s < numStates; s++) {
      double sum = 0;
      for (int a = 0; a < numActions; a++) {
        double p = pi[s * numActions + a];
        if (!(p >= 0) || !Double.isFinite(p)) {
          return new IllegalArgumentException("pi(" + a + "|" + s
              + ") must be finite and >= 0, got " + p);
        }
        sum += p;
      }
      if (!(Math.abs(sum - 1) <= ROW_TOLERANCE)) {
        return new IllegalArgumentException("pi(.|" + s + ") sums to " + sum + ", not 1");
      }
    }
    return new IllegalArgumentException("pi has an entry above 1");
  }

  /** The uniform policy π(a|s) = 1/A. */
  public static TabularPolicy uniform(int numStates, int numActions) {
    double[] pi = new double[numStates * numActions];
    Arrays.fill(pi, 1.0 / numActions);
    return wrap(numStates, numActions, pi);
  }

  /** The deterministic policy that takes {@code actions[s]} in state s. */
  public static TabularPolicy deterministic(int[] actions, int numActions) {
    double[] pi = new double[actions.length * numActions];
    for (int s = 0; s < actions.length; s++) {
      if (actions[s] < 0 || actions[s] >= numActions) {
        throw new IllegalArgumentException("action " + actions[s] + " of state " + s
            + " out of range [0, " + numActions + ")");
      }
      pi[s * numActions + actions[s]] = 1;
    }
    return wrap(actions.length, numActions, pi);
  }

  /** Number of states S. */
  public int numStates() {
    return numStates;
  }

  /** Number of actions A. */
  public int numActions() {
    return numActions;
  }

  /** π(a|s). */
  public double probability(int s, int a) {
    return pi[s * numActions + a];
  }

  /** A copy of the table, π(a|s) at index s·A + a. */
  public double[] toArray() {
    return pi.clone();
  }

  /**
   * Copies π(·|s) into {@code out[offset .. offset + A)}; nothing is allocated.
   *
   * @param out Modified.
   */
  public void copyRow(int s, double[] out, int offset) {
    System.arraycopy(pi, s * numActions, out, offset, numActions);
  }

  /** The most probable action in s (the lowest index among ties). */
  public int greedyAction(int s) {
    return Argmax.first(pi, s * numActions, numActions);
  }

  /** Samples an action from π(·|s) with the given generator. */
  public int sample(int s, Rng rng) {
    double u = rng.nextDouble();
    int base = s * numActions;
    double c = 0;
    for (int a = 0; a < numActions - 1; a++) {
      c += pi[base + a];
      if (u < c) {
        return a;
      }
    }
    return numActions - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TabularPolicy p && p.numStates == numStates && p.numActions == numActions
        && Arrays.equals(p.pi, pi);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pi);
  }

  @Override
  public String toString() {
    return "TabularPolicy[S=" + numStates + ", A=" + numActions + "]";
  }
}
