package org.gridrl.envs.tabular;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.UniformSlipDynamics;

/**
 * The move kernel shared by every grid world here: P(s'|s,a) = w_a·[s' = next(s,a)] +
 * w_o·Σ_{b ≠ a} [s' = next(s,b)], with w_a the weight of the intended action and w_o the weight
 * of each other action (w_a + (A − 1)·w_o = 1).
 *
 * <p>Actions (the contract numbering): 0 = north (row − 1), 1 = east (col + 1), 2 = south
 * (row + 1), 3 = west (col − 1), 4 = stay. A move into a wall or across the border of the array
 * leaves the state unchanged. {@code next[a][s]} is the deterministic successor of s under a.
 */
final class GridMoves {

  /** Row offsets of the actions N, E, S, W, stay. */
  static final int[] DR = {-1, 0, 1, 0, 0};
  /** Column offsets of the actions N, E, S, W, stay. */
  static final int[] DC = {0, 1, 0, -1, 0};
  static final String[] NAMES = {"north", "east", "south", "west", "stay"};

  final int numStates;
  final int numActions;
  final int[][] next;
  final double weightIntended;
  final double weightOther;

  private GridMoves(int numStates, int numActions, int[][] next, double weightIntended,
      double weightOther) {
    this.numStates = numStates;
    this.numActions = numActions;
    this.next = next;
    this.weightIntended = weightIntended;
    this.weightOther = weightOther;
  }

  /**
   * Successor tables for a grid whose free cells carry state numbers.
   *
   * @param stateOfCell state of cell r·width + c, or −1 for a wall. Not modified.
   * @param cellOfState cell index r·width + c of each state. Not modified.
   */
  static GridMoves of(int height, int width, int[] stateOfCell, int[] cellOfState,
      int numActions, double weightIntended, double weightOther) {
    int numStates = cellOfState.length;
    int[][] next = new int[numActions][numStates];
    for (int a = 0; a < numActions; a++) {
      int[] na = next[a];
      for (int s = 0; s < numStates; s++) {
        int cell = cellOfState[s];
        int r = cell / width + DR[a];
        int c = cell % width + DC[a];
        int t = (r < 0 || r >= height || c < 0 || c >= width) ? -1 : stateOfCell[r * width + c];
        na[s] = t < 0 ? s : t;
      }
    }
    return new GridMoves(numStates, numActions, next, weightIntended, weightOther);
  }

  /**
   * The open n×n grid with 5 actions (stay included) where the intended move has probability
   * {@code determinism} and each other action's move (1 − determinism)/4: ObjectWorld's and
   * BinaryWorld's dynamics. State s = row·n + col.
   */
  static GridMoves openWithDeterminism(int n, double determinism) {
    int[] identity = new int[n * n];
    for (int s = 0; s < identity.length; s++) {
      identity[s] = s;
    }
    return of(n, n, identity, identity, 5, determinism, (1 - determinism) / 4);
  }

  /** The successor table of action a, after checking a (shared, not to be modified). */
  int[] nextTable(int a) {
    if (a < 0 || a >= numActions) {
      throw new IllegalArgumentException("action " + a + " out of range [0, " + numActions + ")");
    }
    return next[a];
  }

  /**
   * The uniform slip ε, or an error naming the determinism when the noise is not one.
   *
   * @throws IllegalStateException when w_a &lt; w_o
   */
  double checkedSlip(double determinism) {
    if (!isUniformSlip()) {
      throw new IllegalStateException("determinism " + determinism
          + " < 1/5 is not a uniform slip");
    }
    return slip();
  }

  /** The MDP of a state reward lifted to r(s,a) = r(s), uniform d0, no terminals. */
  TabularMdp stateRewardMdp(double gamma, double[] stateReward) {
    double[] rewardSa = new double[numStates * numActions];
    for (int s = 0; s < numStates; s++) {
      Arrays.fill(rewardSa, s * numActions, (s + 1) * numActions, stateReward[s]);
    }
    return toMdp(gamma, rewardSa, null, null);
  }

  /**
   * The structured dynamics for the grid kernel of soft value iteration (state reward, γ,
   * uniform d0, no terminals), built from the move tables without the CSR arrays.
   */
  UniformSlipDynamics stateRewardDynamics(double gamma, double[] stateReward) {
    return UniformSlipDynamics.of(next, slip(), gamma, stateReward, null, null, null);
  }

  /** Uniform slip ε over all A actions: w_a = 1 − ε + ε/A, w_o = ε/A. */
  static GridMoves uniformSlip(int height, int width, int[] stateOfCell, int[] cellOfState,
      int numActions, double slip) {
    return of(height, width, stateOfCell, cellOfState, numActions,
        1 - slip + slip / numActions, slip / numActions);
  }

  /** The slip ε with w_o = ε/A, i.e. ε = A·w_o; uniform when w_a ≥ w_o. */
  double slip() {
    return numActions * weightOther;
  }

  boolean isUniformSlip() {
    return weightIntended >= weightOther;
  }

  /**
   * P(s'|s,a) for every (s, a) into the builder, one call per distinct successor, rows in
   * order and successors ascending (so the builder needs no sort). Terminal states get no
   * transitions. Zero-probability entries are left out.
   *
   * @param terminal terminal flags, or null for none. Not modified.
   * @param builder Modified.
   */
  void addTransitions(boolean[] terminal, TabularMdpBuilder builder) {
    int[] succ = new int[numActions];
    double[] prob = new double[numActions];
    for (int s = 0; s < numStates; s++) {
      if (terminal != null && terminal[s]) {
        continue;
      }
      for (int a = 0; a < numActions; a++) {
        int n = successors(s, a, succ, prob);
        for (int k = 0; k < n; k++) {
          if (prob[k] > 0) {
            builder.transition(s, a, succ[k], prob[k]);
          }
        }
      }
    }
  }

  /**
   * The distinct successors of (s, a) in ascending order with their probabilities, summed in
   * action order b = 0..A−1.
   *
   * @param succ length ≥ A. Modified.
   * @param prob length ≥ A. Modified.
   * @return the number of distinct successors
   */
  int successors(int s, int a, int[] succ, double[] prob) {
    int n = 0;
    for (int b = 0; b < numActions; b++) {
      int t = next[b][s];
      double w = b == a ? weightIntended : weightOther;
      int k = 0;
      while (k < n && succ[k] < t) {
        k++;
      }
      if (k < n && succ[k] == t) {
        prob[k] += w;
      } else {
        for (int j = n; j > k; j--) {
          succ[j] = succ[j - 1];
          prob[j] = prob[j - 1];
        }
        succ[k] = t;
        prob[k] = w;
        n++;
      }
    }
    return n;
  }

  /** Expected next-state value Σ_{s'} P(s'|s,a) x(s') (ON_ENTER rewards). */
  double expect(int s, int a, double[] x) {
    double acc = 0;
    for (int b = 0; b < numActions; b++) {
      acc += (b == a ? weightIntended : weightOther) * x[next[b][s]];
    }
    return acc;
  }

  /**
   * Builds the MDP through {@link TabularMdp#builder}.
   *
   * @param rewardSa r(s,a) at s·A + a, length S·A. Not modified.
   * @param d0 initial distribution, or null for uniform. Not modified.
   * @param terminal terminal flags, or null for none. Not modified.
   */
  TabularMdp toMdp(double gamma, double[] rewardSa, double[] d0, boolean[] terminal) {
    TabularMdpBuilder b = TabularMdp.builder(numStates, numActions).gamma(gamma);
    if (terminal != null) {
      for (int s = 0; s < numStates; s++) {
        if (terminal[s]) {
          b.terminal(s);
        }
      }
    }
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        double r = rewardSa[s * numActions + a];
        if (r != 0) {
          b.reward(s, a, r);
        }
      }
    }
    if (d0 != null) {
      b.initialDistribution(d0);
    }
    addTransitions(terminal, b);
    return b.build();
  }
}
