package org.gridrl.core.mdp;

import com.google.common.base.Suppliers;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A finite Markov decision process with S states and A actions, immutable and validated.
 *
 * <p>Index layout (shared by every kernel in {@code core.planning}):
 * <ul>
 *   <li>A (state, action) pair is the row {@code row = s * A + a}.</li>
 *   <li>Transitions are compressed sparse rows: the successors of {@code row} are
 *       {@code successors()[k]} with probability {@code probabilities()[k]} for
 *       {@code rowStart()[row] <= k < rowStart()[row + 1]}; successors within a row are sorted
 *       ascending and distinct.</li>
 *   <li>{@code rewards()[row]} is r(s,a), the expected reward of taking a in s. A state reward
 *       r(s) is lifted to r(s,a) = r(s) for every a.</li>
 *   <li>Terminal states end an episode: planning gives them V = 0 and ignores any transitions
 *       listed for them.</li>
 * </ul>
 *
 * <p>The array accessors return the internal arrays without copying, as EJML's data classes do,
 * so kernels read them at full speed. They are shared and read-only: modifying one breaks the
 * validation this class guarantees.
 *
 * <p>γ may be 1 (an undiscounted MDP, as finite-horizon MaxEnt IRL uses): finite-horizon solves
 * take it, discounted solves reject it with an error that says why.
 */
public final class TabularMdp {

  /** Tolerance on |Σ_{s'} P(s'|s,a) − 1| and on |Σ_s d0(s) − 1|. */
  public static final double PROBABILITY_TOLERANCE = 1e-9;

  private final int numStates;
  private final int numActions;
  private final double gamma;
  private final int[] rowStart;
  private final int[] successors;
  private final double[] probabilities;
  private final double[] rewards;
  private final double[] initial;
  private final boolean[] terminal;
  private final int numTerminals;
  /**
   * The uniform-slip moves recognised in the transitions ({@link UniformSlipDynamics#detect}),
   * computed on first use and shared by every MDP derived with {@code withRewards},
   * {@code withGamma} or {@code withInitialDistribution}, which share the transitions.
   */
  final Supplier<UniformSlipDynamics.Moves> slipMoves;

  /**
   * The uniform-slip dynamics of this MDP (its moves with its own rewards, γ, terminals and d0),
   * assembled on first use from {@link #slipMoves}, so that repeated solves of one MDP allocate
   * nothing for it; null when the transitions are not uniform-slip.
   */
  final Supplier<UniformSlipDynamics> slipDynamics;

  /** A new MDP over new transitions (the builder's). */
  TabularMdp(int numStates, int numActions, double gamma, int[] rowStart, int[] successors,
      double[] probabilities, double[] rewards, double[] initial, boolean[] terminal) {
    this(numStates, numActions, gamma, rowStart, successors, probabilities, rewards, initial,
        terminal, null);
  }

  private TabularMdp(int numStates, int numActions, double gamma, int[] rowStart,
      int[] successors, double[] probabilities, double[] rewards, double[] initial,
      boolean[] terminal, Supplier<UniformSlipDynamics.Moves> slipMoves) {
    this.numStates = numStates;
    this.numActions = numActions;
    this.gamma = gamma;
    this.rowStart = rowStart;
    this.successors = successors;
    this.probabilities = probabilities;
    this.rewards = rewards;
    this.initial = initial;
    this.terminal = terminal;
    int t = 0;
    for (boolean b : terminal) {
      if (b) {
        t++;
      }
    }
    this.numTerminals = t;
    this.slipMoves = slipMoves != null ? slipMoves
        : Suppliers.memoize(() -> UniformSlipDynamics.detectMoves(this));
    this.slipDynamics = Suppliers.memoize(() -> UniformSlipDynamics.assembleDetected(this));
  }

  /** A builder for an MDP with the given numbers of states and actions. */
  public static TabularMdpBuilder builder(int numStates, int numActions) {
    return new TabularMdpBuilder(numStates, numActions);
  }

  /** Number of states S. */
  public int numStates() {
    return numStates;
  }

  /** Number of actions A (every state has all A actions). */
  public int numActions() {
    return numActions;
  }

  /** Discount factor γ in [0, 1] (1 only for finite-horizon solves). */
  public double gamma() {
    return gamma;
  }

  /** CSR row pointers, length S·A + 1. Shared, not to be modified. */
  public int[] rowStart() {
    return rowStart;
  }

  /** CSR successor states, length {@link #numTransitions()}. Shared, not to be modified. */
  public int[] successors() {
    return successors;
  }

  /** CSR probabilities P(s'|s,a), aligned with {@link #successors()}. Shared, not to be modified. */
  public double[] probabilities() {
    return probabilities;
  }

  /** Number of stored (s, a, s') entries. */
  public int numTransitions() {
    return successors.length;
  }

  /** r(s,a) at index s·A + a, length S·A. Shared, not to be modified. */
  public double[] rewards() {
    return rewards;
  }

  /** r(s,a). */
  public double reward(int s, int a) {
    return rewards[s * numActions + a];
  }

  /** P(s'|s,a), by a binary search of the row (for tests and tools, not for kernels). */
  public double transitionProbability(int s, int a, int next) {
    int row = s * numActions + a;
    int k = Arrays.binarySearch(successors, rowStart[row], rowStart[row + 1], next);
    return k >= 0 ? probabilities[k] : 0.0;
  }

  /** Initial state distribution d0, length S. Shared, not to be modified. */
  public double[] initialDistribution() {
    return initial;
  }

  /** Terminal flags, length S. Shared, not to be modified. */
  public boolean[] terminals() {
    return terminal;
  }

  /** Whether s is terminal. */
  public boolean isTerminal(int s) {
    return terminal[s];
  }

  /** Number of terminal states. */
  public int numTerminals() {
    return numTerminals;
  }

  /**
   * The same dynamics, discount, start and terminals with another reward r(s,a).
   *
   * @param rewardSa r(s,a) at index s·A + a, length S·A, finite. Not modified (copied).
   */
  public TabularMdp withRewards(double[] rewardSa) {
    if (rewardSa.length != numStates * numActions) {
      throw new IllegalArgumentException("rewards must have length S*A = " + numStates * numActions
          + ", got " + rewardSa.length);
    }
    double[] copy = rewardSa.clone();
    for (int i = 0; i < copy.length; i++) {
      if (!Double.isFinite(copy[i])) {
        throw new IllegalArgumentException("reward of state " + i / numActions + " action "
            + i % numActions + " is not finite: " + copy[i]);
      }
    }
    return new TabularMdp(numStates, numActions, gamma, rowStart, successors, probabilities, copy,
        initial, terminal, slipMoves);
  }

  /**
   * The same MDP with a state reward r(s) lifted to r(s,a) = r(s) for every action.
   *
   * @param stateReward r(s), length S, finite. Not modified.
   */
  public TabularMdp withStateRewards(double[] stateReward) {
    if (stateReward.length != numStates) {
      throw new IllegalArgumentException("state rewards must have length S = " + numStates
          + ", got " + stateReward.length);
    }
    double[] lifted = new double[numStates * numActions];
    for (int s = 0; s < numStates; s++) {
      Arrays.fill(lifted, s * numActions, (s + 1) * numActions, stateReward[s]);
    }
    return withRewards(lifted);
  }

  /** The same MDP with another discount γ in [0, 1]. */
  public TabularMdp withGamma(double newGamma) {
    TabularMdpBuilder.checkGamma(newGamma);
    return new TabularMdp(numStates, numActions, newGamma, rowStart, successors, probabilities,
        rewards, initial, terminal, slipMoves);
  }

  /**
   * The same MDP with another initial distribution.
   *
   * @param d0 length S, non-negative, sums to 1. Not modified (copied).
   */
  public TabularMdp withInitialDistribution(double[] d0) {
    double[] copy = d0.clone();
    TabularMdpBuilder.checkInitial(copy, numStates);
    return new TabularMdp(numStates, numActions, gamma, rowStart, successors, probabilities,
        rewards, copy, terminal, slipMoves);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TabularMdp m)) {
      return false;
    }
    return numStates == m.numStates && numActions == m.numActions
        && Double.compare(gamma, m.gamma) == 0 && Arrays.equals(rowStart, m.rowStart)
        && Arrays.equals(successors, m.successors) && Arrays.equals(probabilities, m.probabilities)
        && Arrays.equals(rewards, m.rewards) && Arrays.equals(initial, m.initial)
        && Arrays.equals(terminal, m.terminal);
  }

  @Override
  public int hashCode() {
    int h = 31 * numStates + numActions;
    h = 31 * h + Double.hashCode(gamma);
    h = 31 * h + Arrays.hashCode(probabilities);
    h = 31 * h + Arrays.hashCode(rewards);
    return h;
  }

  @Override
  public String toString() {
    return "TabularMdp[S=" + numStates + ", A=" + numActions + ", gamma=" + gamma
        + ", transitions=" + successors.length + ", terminals=" + numTerminals + "]";
  }
}
