package org.gridrl.core.planning;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.mdp.UniformSlipDynamics;

/**
 * Kernel: the finite-horizon forward pass of {@link StateVisitation} for uniform-slip dynamics
 * ({@link UniformSlipDynamics}), unchecked and allocation-free; grid-only, as
 * {@link SoftValueGrid} is for the backward pass. With P(s'|s,a) = (1 − ε)[s' = next(s,a)] +
 * (ε/A)·#{b : next(s,b) = s'} and Σ_a π(a|s) = 1,
 * <pre>
 *   Σ_a π(a|s) P(s'|s,a) = Σ_{b : next(s,b) = s'} ((1 − ε) π(b|s) + ε/A),
 *   d_{t+1}(s') = c · Σ_{(s,b) : next(s,b) = s', s non-terminal} d_t(s) ((1 − ε) π_t(b|s) + ε/A),
 *   D = Σ_{t&lt;H} d_t,  d_0 = d0,
 * </pre>
 * one product per (s, b) instead of one per CSR entry (A of them per (s, b) under slip). As in
 * {@link VisitationCsr}, a step runs in two flat phases over a caller-owned workspace: (1) the
 * weights x(s,b) = (c·d(s))·((1 − ε)π(b|s) + ε/A), 0 for terminal s; (2) d'(s') = Σ x over the
 * moves into s' ({@link #incomingLength}), in increasing order of s·A + b, from +0. Terminal
 * states absorb: mass arriving there is counted once and goes nowhere.
 *
 * <p>The sum regroups the CSR kernel's products (the ε/A share is added once per move, not
 * spread over P's entries), so D agrees with {@link VisitationCsr#finiteHorizon} to round-off,
 * not bit for bit (pinned at 1e-14 relative by a test). Nothing is checked here but the
 * workspace's length; {@link StateVisitation} is the checked entry point.
 */
public final class VisitationGrid {

  /**
   * The moves into each state, by the identity of the dynamics' move tables (shared by the
   * dynamics of every MDP derived from one set of transitions, and by {@code withStateReward}
   * and {@code withGamma}): {@code start} (S + 1 offsets) and {@code row} (s·A + b for every
   * move next(s,b) into the state, in increasing order). Weak keys, compared by identity; a
   * value never references its key.
   */
  private static final Cache<int[][], int[][]> INCOMING =
      CacheBuilder.newBuilder().weakKeys().build();

  private VisitationGrid() {
  }

  /** The workspace length of {@link #finiteHorizon}: S·A + 2S. */
  public static int finiteHorizonWorkspaceLength(UniformSlipDynamics d) {
    return d.numStates() * d.numActions() + 2 * d.numStates();
  }

  /** The number of moves into each state summed (S·A): the length of the pull lists. */
  static int incomingLength(UniformSlipDynamics d) {
    return d.numStates() * d.numActions();
  }

  /** {start, row}: the moves into each state, built in O(S·A) on first use, then cached. */
  static int[][] incoming(UniformSlipDynamics d) {
    final int[][] next = d.nextTables();
    int[][] in = INCOMING.getIfPresent(next);
    if (in == null) {
      final int numStates = d.numStates();
      final int numActions = d.numActions();
      final int[] start = new int[numStates + 1];
      for (int b = 0; b < numActions; b++) {
        for (int s = 0; s < numStates; s++) {
          start[next[b][s] + 1]++;
        }
      }
      for (int s = 0; s < numStates; s++) {
        start[s + 1] += start[s];
      }
      final int[] fill = start.clone();
      final int[] row = new int[numStates * numActions];
      for (int s = 0; s < numStates; s++) {
        for (int b = 0; b < numActions; b++) {
          row[fill[next[b][s]]++] = s * numActions + b;
        }
      }
      in = new int[][] {start, row};
      INCOMING.put(next, in);
    }
    return in;
  }

  /**
   * D = Σ_{t&lt;H} d_t with d_{t+1} = c · (the step above), H = {@code pi.length}.
   *
   * @param d the dynamics (moves, slip, terminals; its γ and rewards are not used). Not
   *     modified.
   * @param pi π_0 .. π_{H−1}, H ≥ 1, each S×A. Not modified.
   * @param d0 the start, length S. Not modified.
   * @param discount the per-step factor c.
   * @param out D, length S, not {@code d0}. Modified.
   * @param work workspace of length ≥ {@link #finiteHorizonWorkspaceLength}. Modified.
   */
  public static void finiteHorizon(UniformSlipDynamics d, TabularPolicy[] pi, double[] d0,
      double discount, double[] out, double[] work) {
    if (work.length < finiteHorizonWorkspaceLength(d)) {
      throw new IllegalArgumentException("work must have length >= "
          + finiteHorizonWorkspaceLength(d) + ", got " + work.length);
    }
    final int numStates = d.numStates();
    final int numActions = d.numActions();
    final int[][] in = incoming(d);
    final int[] start = in[0];
    final int[] row = in[1];
    final boolean[] terminal = d.terminals();
    final double direct = 1 - d.slip();
    final double noise = d.slip() / numActions;
    final int termOffset = numStates * numActions;
    System.arraycopy(d0, 0, out, 0, numStates);
    System.arraycopy(d0, 0, work, termOffset, numStates);
    int term = termOffset;
    int next = termOffset + numStates;
    for (int t = 0; t + 1 < pi.length; t++) {
      final TabularPolicy p = pi[t];
      // (1) x(s,b) = (c·d(s))·((1 − ε)π(b|s) + ε/A); terminals send nothing
      for (int s = 0, o = 0; s < numStates; s++, o += numActions) {
        final double ws = terminal[s] ? 0 : discount * work[term + s];
        for (int b = 0; b < numActions; b++) {
          work[o + b] = ws * (direct * p.probability(s, b) + noise);
        }
      }
      // (2) d'(s') = Σ x over the moves into s'; D += d'
      for (int s = 0; s < numStates; s++) {
        double acc = 0;
        for (int k = start[s], end = start[s + 1]; k < end; k++) {
          acc += work[row[k]];
        }
        work[next + s] = acc;
        out[s] += acc;
      }
      final int swap = term;
      term = next;
      next = swap;
    }
  }
}
