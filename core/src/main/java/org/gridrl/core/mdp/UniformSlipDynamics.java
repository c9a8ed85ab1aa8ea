package org.gridrl.core.mdp;

import java.util.Arrays;
import java.util.Objects;
import org.gridrl.core.util.Check;

/**
 * A tabular MDP whose transitions are one deterministic move per action mixed by uniform action
 * noise (a grid world, ObjectWorld, BinaryWorld):
 * <pre>
 *   P(s'|s,a) = (1 − ε)·[s' = next(s,a)] + (ε/A)·#{b : next(s,b) = s'}
 * </pre>
 * so that the soft Bellman backup needs A loads of V per state instead of a sparse row per
 * action: Q(s,a) = r(s,a) + γ[(1 − ε)V(next(s,a)) + ε·mean_b V(next(s,b))]. It is a second
 * storage of a {@link TabularMdp} (hence this package), the input of the structured soft Bellman
 * kernel {@code core.planning.SoftValueGrid}; it can be built straight from a world's move
 * tables ({@link #of}, without the CSR arrays, so a 2048×2048 grid fits in a small heap) or
 * recognised in a {@link TabularMdp} ({@link #detect}).
 *
 * <p>ε may lie in [0, A/(A − 1)] (every probability stays ≥ 0; ε = 1 is pure noise, ε &gt; 1
 * makes the intended move less likely than each other one). Rewards are either a state reward
 * r(s,a) = r(s) ({@link #stateReward()} non-null, which the kernel exploits: one exp and one log
 * per state) or a full r(s,a) table. Terminal states have V = 0; their moves are never read.
 * γ lies in [0, 1] as in {@link TabularMdp} (1 only for finite-horizon solves).
 *
 * <p>Index layout: {@code next[a][s]}, r(s,a) at s·A + a as in {@link TabularMdp}. The arrays
 * are shared, not copied (a 4.2M-state world should not exist twice): not to be modified after
 * construction.
 */
public final class UniformSlipDynamics {

  /** Entry-wise tolerance of {@link #detect} on |P(s'|s,a) − reconstructed|. */
  public static final double DETECTION_TOLERANCE = 1e-12;

  private final int numStates;
  private final int numActions;
  private final int[][] next;
  private final double slip;
  private final double gamma;
  private final double[] stateReward;
  private final double[] rewardSa;
  private final boolean[] terminal;
  private final boolean anyTerminal;
  private final double[] initial;
  private final int openGridWidth;

  private UniformSlipDynamics(int[][] next, double slip, double gamma, double[] stateReward,
      double[] rewardSa, boolean[] terminal, double[] initial) {
    this(next, slip, gamma, stateReward, rewardSa, terminal, initial, Integer.MIN_VALUE);
  }

  /** As above, with the open-grid width already known (or {@code Integer.MIN_VALUE}). */
  private UniformSlipDynamics(int[][] next, double slip, double gamma, double[] stateReward,
      double[] rewardSa, boolean[] terminal, double[] initial, int openGridWidth) {
    this.numActions = next.length;
    this.numStates = next[0].length;
    this.next = next;
    this.slip = slip;
    this.gamma = gamma;
    this.stateReward = stateReward;
    this.rewardSa = rewardSa;
    this.terminal = terminal == null ? new boolean[numStates] : terminal;
    boolean any = false;
    for (boolean t : this.terminal) {
      any |= t;
    }
    this.anyTerminal = any;
    this.initial = initial;
    this.openGridWidth = openGridWidth != Integer.MIN_VALUE ? openGridWidth
        : any ? -1 : findOpenGridWidth(next, numStates, numActions);
  }

  /** A copy with another γ (the scans of the constructor above are not repeated). */
  private UniformSlipDynamics(UniformSlipDynamics d, double gamma) {
    this.numActions = d.numActions;
    this.numStates = d.numStates;
    this.next = d.next;
    this.slip = d.slip;
    this.gamma = gamma;
    this.stateReward = d.stateReward;
    this.rewardSa = d.rewardSa;
    this.terminal = d.terminal;
    this.anyTerminal = d.anyTerminal;
    this.initial = d.initial;
    this.openGridWidth = d.openGridWidth;
  }

  /**
   * Dynamics from move tables, checked.
   *
   * @param next next(s,a) at {@code next[a][s]}, A ≥ 1 tables of equal length S ≥ 1, entries in
   *     [0, S). Not modified (shared).
   * @param slip ε in [0, A/(A − 1)] ([0, 1] for A = 1).
   * @param gamma discount in [0, 1] (1 only for finite-horizon solves).
   * @param stateReward r(s) of length S, finite, or null when {@code rewardSa} is given. Not
   *     modified (shared).
   * @param rewardSa r(s,a) at s·A + a, finite, or null when {@code stateReward} is given.
   *     Not modified (shared).
   * @param terminal terminal flags of length S, or null for none. Not modified (shared).
   * @param initial d0 of length S, or null for uniform. Not modified (shared).
   */
  public static UniformSlipDynamics of(int[][] next, double slip, double gamma,
      double[] stateReward, double[] rewardSa, boolean[] terminal, double[] initial) {
    Check.notNull("next", next);
    Check.argument(next.length >= 1, "need at least one action, got %s", next.length);
    int numStates = next[0].length;
    int numActions = next.length;
    Check.argument(numStates >= 1, "need at least one state, got %s", numStates);
    Check.argument((long) numStates * numActions <= Integer.MAX_VALUE - 8,
        "S*A = %s does not fit in one array", (long) numStates * numActions);
    for (int a = 0; a < numActions; a++) {
      if (next[a] == null || next[a].length != numStates) {
        throw new IllegalArgumentException("next[" + a + "] must have length S = " + numStates);
      }
      for (int s = 0; s < numStates; s++) {
        if (next[a][s] < 0 || next[a][s] >= numStates) {
          throw new IllegalArgumentException("next[" + a + "][" + s + "] = " + next[a][s]
              + " is not a state in [0, " + numStates + ")");
        }
      }
    }
    double maxSlip = numActions == 1 ? 1 : numActions / (numActions - 1.0);
    Check.argument(slip >= 0 && slip <= maxSlip, "slip must be in [0, %s] for A = %s, got %s",
        maxSlip, numActions, slip);
    Check.unitInterval("gamma", gamma);
    Check.argument((stateReward == null) != (rewardSa == null),
        "give exactly one of stateReward and rewardSa");
    if (stateReward != null) {
      Check.length("stateReward", stateReward, numStates);
      Check.finite("stateReward", stateReward);
    } else {
      Check.length("rewardSa", rewardSa, numStates * numActions);
      Check.finite("rewardSa", rewardSa);
    }
    Check.argument(terminal == null || terminal.length == numStates,
        "terminal must have length S = %s, got %s", numStates,
        terminal == null ? 0 : terminal.length);
    if (initial != null) {
      Check.length("initial", initial, numStates);
      Check.finite("initial", initial);
    }
    return new UniformSlipDynamics(next, slip, gamma, stateReward, rewardSa, terminal, initial);
  }

  /**
   * Recognises uniform-slip dynamics in an MDP, exactly: for every non-terminal state s there
   * must be successors next(s,·) and one global ε with P(s'|s,a) = (1 − ε)[s' = next(s,a)] +
   * (ε/A)·#{b : next(s,b) = s'} for every entry of every row to {@value #DETECTION_TOLERANCE}
   * (equivalently mean_a P(·|s,a) = (1/A)Σ_b δ_next(s,b) and P(·|s,a) − mean = (1 − ε)(δ_next(s,a)
   * − mean)). next(s,a) is read off as the successor where P(·|s,a) − mean_b P(·|s,b) is largest;
   * ε from the first row whose successor is not shared by every action; then every entry is
   * verified. Rewards are taken as a state reward when r(s,a) is exactly equal across actions in
   * every state, else as the r(s,a) table. Only ε ≤ 1 is recognised (for ε &gt; 1 the intended
   * move is the least likely one and this MDP is left to the CSR kernel; {@link #of} takes any
   * valid ε). Costs O(nnz·A·log) plus O(S·A), allocates the S·A move tables.
   *
   * <p><b>Cache.</b> The moves are found once per set of transitions and kept with the MDP
   * (a field of {@link TabularMdp} computed on first use by Guava's {@code Suppliers.memoize},
   * thread-safe), and MDPs derived with {@code withRewards}, {@code withGamma} or
   * {@code withInitialDistribution} share it as they share the transitions, so an IRL loop
   * that solves {@code mdp.withStateRewards(r)} for many r detects once and then pays for the
   * reward check only; the dynamics assembled from them are kept with each MDP, so repeated
   * solves of one MDP allocate nothing here. Chosen over a global cache with weak keys (Guava's
   * {@code CacheBuilder.weakKeys()}, or the synchronized {@code WeakHashMap} this replaces):
   * no global state and no lock on the path of every solve, no identity-keyed map on an array,
   * and the result lives exactly as long as the MDPs that share the transitions. (The memo holds
   * the first MDP of the family, whose reward array therefore lives as long as any of them.)
   *
   * @param mdp the MDP. Not modified.
   * @return the dynamics (sharing the MDP's terminal, reward and d0 arrays), or null when the MDP
   *     is not of this kind
   */
  public static UniformSlipDynamics detect(TabularMdp mdp) {
    Check.notNull("mdp", mdp);
    return mdp.slipDynamics.get();
  }

  /** The dynamics of the MDP's detected moves with its own rewards, or null (uncached). */
  static UniformSlipDynamics assembleDetected(TabularMdp mdp) {
    Moves m = mdp.slipMoves.get();
    return m == null ? null : assemble(mdp, m.next, m.slip, m.openGridWidth);
  }

  /**
   * Move tables, slip and open-grid width recognised in an MDP's transitions and terminals
   * (which withRewards etc. share).
   */
  record Moves(int[][] next, double slip, int openGridWidth) {
  }

  /** The moves of an MDP's transitions, or null when it is not uniform-slip (uncached). */
  static Moves detectMoves(TabularMdp mdp) {
    UniformSlipDynamics d = detectUncached(mdp);
    return d == null ? null : new Moves(d.next, d.slip, d.openGridWidth);
  }

  private static UniformSlipDynamics detectUncached(TabularMdp mdp) {
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final boolean[] terminal = mdp.terminals();
    final int[][] next = new int[numActions][numStates];
    double slip = Double.NaN;
    boolean needsPureNoise = false;
    final int[] cand = new int[numActions];
    for (int s = 0; s < numStates; s++) {
      if (terminal[s]) {
        for (int a = 0; a < numActions; a++) {
          next[a][s] = s;
        }
        continue;
      }
      boolean allSame = true;
      for (int a = 0; a < numActions; a++) {
        int row = s * numActions + a;
        int best = -1;
        double bestDiff = Double.NEGATIVE_INFINITY;
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
          double d = probabilities[k] - meanProbability(mdp, s, successors[k]);
          if (d > bestDiff + DETECTION_TOLERANCE) {
            bestDiff = d;
            best = successors[k];
          }
        }
        if (best < 0) {
          return null;
        }
        cand[a] = best;
        if (bestDiff > DETECTION_TOLERANCE) {
          allSame = false;
        }
      }
      if (allSame) {
        // every row equals the mean: a single successor, or pure noise (ε = 1)
        int row = s * numActions;
        if (rowStart[row + 1] - rowStart[row] == 1) {
          for (int a = 0; a < numActions; a++) {
            next[a][s] = successors[rowStart[row]];
          }
          continue;
        }
        needsPureNoise = true;
        int a = 0;
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
          double c = probabilities[k] * numActions;
          long count = Math.round(c);
          if (Math.abs(c - count) > DETECTION_TOLERANCE * numActions) {
            return null;
          }
          for (long i = 0; i < count && a < numActions; i++) {
            next[a++][s] = successors[k];
          }
        }
        if (a != numActions) {
          return null;
        }
        continue;
      }
      for (int a = 0; a < numActions; a++) {
        next[a][s] = cand[a];
      }
      if (Double.isNaN(slip)) {
        for (int a = 0; a < numActions && Double.isNaN(slip); a++) {
          int t = cand[a];
          int count = 0;
          for (int b = 0; b < numActions; b++) {
            count += cand[b] == t ? 1 : 0;
          }
          if (count < numActions) {
            slip = (1 - mdp.transitionProbability(s, a, t)) / (1 - (double) count / numActions);
          }
        }
      }
    }
    if (Double.isNaN(slip)) {
      slip = needsPureNoise ? 1.0 : 0.0;
    } else if (needsPureNoise && Math.abs(slip - 1) > DETECTION_TOLERANCE) {
      return null;
    } else if (needsPureNoise) {
      slip = 1.0;
    }
    double maxSlip = numActions == 1 ? 1 : numActions / (numActions - 1.0);
    if (Math.abs(slip) <= DETECTION_TOLERANCE) {
      slip = 0;
    }
    if (!(slip >= 0 && slip <= maxSlip)) {
      return null;
    }
    // verify every entry of every non-terminal row
    final int[] succ = new int[numActions];
    final double[] prob = new double[numActions];
    for (int s = 0; s < numStates; s++) {
      if (terminal[s]) {
        continue;
      }
      for (int a = 0; a < numActions; a++) {
        int n = expectedRow(next, numActions, slip, s, a, succ, prob);
        int row = s * numActions + a;
        int k = rowStart[row];
        int end = rowStart[row + 1];
        int i = 0;
        while (k < end || i < n) {
          int sk = k < end ? successors[k] : Integer.MAX_VALUE;
          int si = i < n ? succ[i] : Integer.MAX_VALUE;
          double got;
          double want;
          if (sk == si) {
            got = probabilities[k++];
            want = prob[i++];
          } else if (sk < si) {
            got = probabilities[k++];
            want = 0;
          } else {
            got = 0;
            want = prob[i++];
          }
          if (!(Math.abs(got - want) <= DETECTION_TOLERANCE)) {
            return null;
          }
        }
      }
    }
    return assemble(mdp, next, slip, Integer.MIN_VALUE);
  }

  /** The dynamics with these moves and the MDP's rewards, γ, terminals and d0. */
  private static UniformSlipDynamics assemble(TabularMdp mdp, int[][] next, double slip,
      int openGridWidth) {
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final boolean[] terminal = mdp.terminals();
    final double[] rewards = mdp.rewards();
    boolean isStateReward = true;
    for (int s = 0; s < numStates && isStateReward; s++) {
      for (int a = 1; a < numActions; a++) {
        if (Double.compare(rewards[s * numActions + a], rewards[s * numActions]) != 0) {
          isStateReward = false;
          break;
        }
      }
    }
    double[] stateReward = null;
    if (isStateReward) {
      stateReward = new double[numStates];
      for (int s = 0; s < numStates; s++) {
        stateReward[s] = terminal[s] ? 0 : rewards[s * numActions];
      }
    }
    return new UniformSlipDynamics(next, slip, mdp.gamma(), stateReward,
        isStateReward ? null : rewards, terminal, mdp.initialDistribution(), openGridWidth);
  }

  /** mean_a P(t|s,a) by binary searches of the rows. */
  private static double meanProbability(TabularMdp mdp, int s, int t) {
    double acc = 0;
    for (int a = 0; a < mdp.numActions(); a++) {
      acc += mdp.transitionProbability(s, a, t);
    }
    return acc / mdp.numActions();
  }

  /**
   * The distinct successors of (s,a) ascending with their probabilities (1 − ε)[t = next(s,a)] +
   * (ε/A)·#{b : next(s,b) = t}.
   */
  private static int expectedRow(int[][] next, int numActions, double slip, int s, int a,
      int[] succ, double[] prob) {
    int n = 0;
    for (int b = 0; b < numActions; b++) {
      int t = next[b][s];
      double w = slip / numActions + (b == a ? 1 - slip : 0);
      int k = 0;
      while (k < n && succ[k] < t) {
        k++;
      }
      if (k < n && succ[k] == t) {
        prob[k] += w;
      } else {
        System.arraycopy(succ, k, succ, k + 1, n - k);
        System.arraycopy(prob, k, prob, k + 1, n - k);
        succ[k] = t;
        prob[k] = w;
        n++;
      }
    }
    return n;
  }

  /**
   * The same MDP in CSR form (for tests, files and the CSR kernel; costs about A² entries per
   * state). Zero-probability entries are left out; terminal states get no transitions.
   */
  public TabularMdp toMdp() {
    TabularMdpBuilder b = TabularMdp.builder(numStates, numActions).gamma(gamma);
    final int[] succ = new int[numActions];
    final double[] prob = new double[numActions];
    for (int s = 0; s < numStates; s++) {
      if (terminal[s]) {
        b.terminal(s);
        continue;
      }
      for (int a = 0; a < numActions; a++) {
        double r = reward(s, a);
        if (r != 0) {
          b.reward(s, a, r);
        }
        int n = expectedRow(next, numActions, slip, s, a, succ, prob);
        for (int k = 0; k < n; k++) {
          if (prob[k] > 0) {
            b.transition(s, a, succ[k], prob[k]);
          }
        }
      }
    }
    if (initial != null) {
      b.initialDistribution(initial);
    }
    return b.build();
  }

  /**
   * The width W when this is the open H×W grid (H, W ≥ 3) with the grid-world action order
   * (0 = north s − W, 1 = east s + 1, 2 = south s + W, 3 = west s − 1, 4 = stay, border moves
   * stay put), five actions and no terminals; else −1. The kernel then reads interior
   * neighbours by offset instead of through the tables.
   */
  public int openGridWidth() {
    return openGridWidth;
  }

  private static int findOpenGridWidth(int[][] next, int numStates, int numActions) {
    if (numActions != 5) {
      return -1;
    }
    int w = next[2][0];
    if (w < 3 || numStates % w != 0 || numStates / w < 3) {
      return -1;
    }
    int h = numStates / w;
    for (int s = 0; s < numStates; s++) {
      int r = s / w;
      int c = s % w;
      if (next[0][s] != (r > 0 ? s - w : s) || next[1][s] != (c < w - 1 ? s + 1 : s)
          || next[2][s] != (r < h - 1 ? s + w : s) || next[3][s] != (c > 0 ? s - 1 : s)
          || next[4][s] != s) {
        return -1;
      }
    }
    return w;
  }

  /** Number of states S. */
  public int numStates() {
    return numStates;
  }

  /** Number of actions A. */
  public int numActions() {
    return numActions;
  }

  /** next(s,a) of every s for action a (shared, not to be modified). */
  public int[] next(int a) {
    return next[a];
  }

  /** All move tables, {@code next[a][s]} (shared, not to be modified). */
  public int[][] nextTables() {
    return next;
  }

  /** The slip ε. */
  public double slip() {
    return slip;
  }

  /** The discount γ. */
  public double gamma() {
    return gamma;
  }

  /** r(s) with r(s,a) = r(s), or null when rewards depend on the action (shared). */
  public double[] stateReward() {
    return stateReward;
  }

  /** r(s,a) at s·A + a, or null for a state reward (shared). */
  public double[] rewardTable() {
    return rewardSa;
  }

  /** r(s,a). */
  public double reward(int s, int a) {
    return stateReward != null ? stateReward[s] : rewardSa[s * numActions + a];
  }

  /** Terminal flags, length S (shared, not to be modified). */
  public boolean[] terminals() {
    return terminal;
  }

  /** Whether any state is terminal. */
  public boolean hasTerminals() {
    return anyTerminal;
  }

  /** d0, or null for uniform (shared). */
  public double[] initialDistribution() {
    return initial;
  }

  /** The same dynamics with a state reward r(s) (length S, finite; shared). */
  public UniformSlipDynamics withStateReward(double[] r) {
    return of(next, slip, gamma, r, null, terminal, initial);
  }

  /** The same dynamics and rewards with another discount in [0, 1] (arrays shared). */
  public UniformSlipDynamics withGamma(double newGamma) {
    Check.unitInterval("gamma", newGamma);
    return newGamma == gamma ? this : new UniformSlipDynamics(this, newGamma);
  }

  @Override
  public String toString() {
    return "UniformSlipDynamics[S=" + numStates + ", A=" + numActions + ", slip=" + slip
        + ", gamma=" + gamma + (openGridWidth > 0 ? ", open grid width " + openGridWidth : "")
        + (stateReward != null ? ", state reward" : ", r(s,a)") + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UniformSlipDynamics d && d.slip == slip && d.gamma == gamma
        && Arrays.deepEquals(d.next, next) && Arrays.equals(d.stateReward, stateReward)
        && Arrays.equals(d.rewardSa, rewardSa) && Arrays.equals(d.terminal, terminal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(numStates, numActions, slip, gamma);
  }
}
