package org.gridrl.core.mdp;

import java.util.Arrays;
import org.gridrl.core.util.Check;

/**
 * Builds a validated {@link TabularMdp}. Transitions listed more than once for the same
 * (s, a, s') add up. Defaults: γ = 0.9, rewards 0, uniform initial distribution, no terminals.
 *
 * <p>Indices are checked as they are given; {@link #build()} checks that every non-terminal
 * (s, a) has transition probabilities summing to 1 within
 * {@link TabularMdp#PROBABILITY_TOLERANCE} (a terminal row may be empty or sum to 1), failing
 * with a {@link RowSumException} that carries the row. Every error is an
 * {@link IllegalArgumentException} that names the offending value.
 */
public final class TabularMdpBuilder {

  private final int numStates;
  private final int numActions;
  private double gamma = 0.9;
  private final double[] rewards;
  private double[] initial;
  private final boolean[] terminal;
  private long[] keys = new long[16];
  private double[] values = new double[16];
  private int size;

  TabularMdpBuilder(int numStates, int numActions) {
    if (numStates < 1) {
      throw new IllegalArgumentException("number of states must be >= 1, got " + numStates);
    }
    if (numActions < 1) {
      throw new IllegalArgumentException("number of actions must be >= 1, got " + numActions);
    }
    if ((long) numStates * numActions >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("S*A = " + (long) numStates * numActions
          + " is too large (must be < 2^31 - 1)");
    }
    this.numStates = numStates;
    this.numActions = numActions;
    this.rewards = new double[numStates * numActions];
    this.terminal = new boolean[numStates];
  }

  /** Sets γ in [0, 1] (1 only for finite-horizon solves; discounted solves need γ &lt; 1). */
  public TabularMdpBuilder gamma(double value) {
    checkGamma(value);
    this.gamma = value;
    return this;
  }

  /** Sets r(s,a). */
  public TabularMdpBuilder reward(int s, int a, double r) {
    checkState(s, "state");
    checkAction(a);
    if (!Double.isFinite(r)) {
      throw new IllegalArgumentException("reward of state " + s + " action " + a
          + " is not finite: " + r);
    }
    rewards[s * numActions + a] = r;
    return this;
  }

  /** Sets r(s,a) = r for every action a (a state reward). */
  public TabularMdpBuilder stateReward(int s, double r) {
    for (int a = 0; a < numActions; a++) {
      reward(s, a, r);
    }
    return this;
  }

  /** Adds p to P(next | s, a). */
  public TabularMdpBuilder transition(int s, int a, int next, double p) {
    checkState(s, "state");
    checkAction(a);
    checkState(next, "next state");
    if (!(p >= 0) || !Double.isFinite(p)) {
      throw new IllegalArgumentException("probability of " + s + " " + a + " -> " + next
          + " must be finite and >= 0, got " + p);
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = ((long) (s * numActions + a) << 32) | next;
    values[size] = p;
    size++;
    return this;
  }

  /** Sets the initial distribution d0 (copied); it must be non-negative and sum to 1. */
  public TabularMdpBuilder initialDistribution(double[] d0) {
    double[] copy = d0.clone();
    checkInitial(copy, numStates);
    this.initial = copy;
    return this;
  }

  /** Marks s terminal: the episode ends there, V(s) = 0. */
  public TabularMdpBuilder terminal(int s) {
    checkState(s, "terminal state");
    terminal[s] = true;
    return this;
  }

  /** Validates and builds the MDP. The builder may be reused afterwards. */
  public TabularMdp build() {
    int rows = numStates * numActions;
    long[] k = Arrays.copyOf(keys, size);
    double[] v = Arrays.copyOf(values, size);
    if (!isSorted(k)) {
      int[] order = stableOrder(k);
      long[] k2 = new long[size];
      double[] v2 = new double[size];
      for (int i = 0; i < size; i++) {
        k2[i] = k[order[i]];
        v2[i] = v[order[i]];
      }
      k = k2;
      v = v2;
    }
    // merge duplicates (s, a, s'), adding their probabilities in insertion order
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (n > 0 && k[n - 1] == k[i]) {
        v[n - 1] += v[i];
      } else {
        k[n] = k[i];
        v[n] = v[i];
        n++;
      }
    }
    int[] rowStart = new int[rows + 1];
    int[] successors = new int[n];
    double[] probabilities = Arrays.copyOf(v, n);
    for (int i = 0; i < n; i++) {
      int row = (int) (k[i] >>> 32);
      successors[i] = (int) k[i];
      rowStart[row + 1]++;
    }
    for (int row = 0; row < rows; row++) {
      rowStart[row + 1] += rowStart[row];
    }
    for (int row = 0; row < rows; row++) {
      int s = row / numActions;
      double sum = 0;
      for (int j = rowStart[row]; j < rowStart[row + 1]; j++) {
        sum += probabilities[j];
      }
      boolean empty = rowStart[row] == rowStart[row + 1];
      if (terminal[s] && empty) {
        continue;
      }
      if (Math.abs(sum - 1.0) > TabularMdp.PROBABILITY_TOLERANCE) {
        throw new RowSumException(s, row % numActions, sum, empty);
      }
    }
    double[] d0 = initial;
    if (d0 == null) {
      d0 = new double[numStates];
      Arrays.fill(d0, 1.0 / numStates);
    }
    return new TabularMdp(numStates, numActions, gamma, rowStart, successors, probabilities,
        rewards.clone(), d0.clone(), terminal.clone());
  }

  /** Indices of {@code k} in ascending key order, equal keys in input order (merge sort). */
  private static int[] stableOrder(long[] k) {
    int n = k.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int p = lo;
        int q = mid;
        int o = lo;
        while (p < mid && q < hi) {
          b[o++] = k[a[q]] < k[a[p]] ? a[q++] : a[p++];
        }
        while (p < mid) {
          b[o++] = a[p++];
        }
        while (q < hi) {
          b[o++] = a[q++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * A non-terminal (s, a) whose transition probabilities do not sum to 1 (an empty row sums to
   * 0). Carries the row, so a reader can say where in its input the row came from.
   */
  public static final class RowSumException extends IllegalArgumentException {
    private final int state;
    private final int action;
    private final double sum;
    private final boolean empty;

    RowSumException(int state, int action, double sum, boolean empty) {
      super("transition probabilities of state " + state + " action " + action + " sum to "
          + sum + ", not 1");
      this.state = state;
      this.action = action;
      this.sum = sum;
      this.empty = empty;
    }

    /** The state s of the row. */
    public int state() {
      return state;
    }

    /** The action a of the row. */
    public int action() {
      return action;
    }

    /** Σ_{s'} P(s'|s,a) as stored (repeated entries added in insertion order). */
    public double sum() {
      return sum;
    }

    /** Whether the row has no transitions at all. */
    public boolean empty() {
      return empty;
    }
  }

  private static boolean isSorted(long[] k) {
    for (int i = 1; i < k.length; i++) {
      if (k[i] < k[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private void checkState(int s, String what) {
    if (s < 0 || s >= numStates) {
      throw new IllegalArgumentException(what + " " + s + " out of range [0, " + numStates + ")");
    }
  }

  private void checkAction(int a) {
    if (a < 0 || a >= numActions) {
      throw new IllegalArgumentException("action " + a + " out of range [0, " + numActions + ")");
    }
  }

  /**
   * γ in [0, 1]: γ = 1 is a valid MDP (undiscounted, for finite-horizon solves); the discounted
   * solvers reject it themselves, saying why.
   */
  static void checkGamma(double gamma) {
    Check.unitInterval("gamma", gamma);
  }

  static void checkInitial(double[] d0, int numStates) {
    if (d0.length != numStates) {
      throw new IllegalArgumentException("initial distribution must have " + numStates
          + " entries, got " + d0.length);
    }
    double sum = 0;
    for (int s = 0; s < d0.length; s++) {
      if (!(d0[s] >= 0) || !Double.isFinite(d0[s])) {
        throw new IllegalArgumentException("initial probability of state " + s
            + " must be finite and >= 0, got " + d0[s]);
      }
      sum += d0[s];
    }
    if (Math.abs(sum - 1.0) > TabularMdp.PROBABILITY_TOLERANCE) {
      throw new IllegalArgumentException("initial distribution sums to " + sum + ", not 1");
    }
  }
}
