package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.util.Argmax;

/**
 * Kernel: the hard Bellman optimality backup over an MDP's CSR transitions, unchecked and
 * allocation-free: the inner loop of {@link ValueIteration}.
 *
 * <p>One sweep computes Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s') and V'(s) = max_a Q(s,a)
 * for every non-terminal state (Bellman 1957); terminal states get Q(s,·) = 0 and V'(s) = 0.
 * Nothing is checked: {@link ValueIteration} is the checked facade. Array layout as in
 * {@link TabularMdp}.
 */
public final class HardBellmanCsr {

  private HardBellmanCsr() {
  }

  /**
   * One Jacobi sweep over all states.
   *
   * @param mdp transitions, rewards, γ and terminals. Not modified.
   * @param v V(s), length S. Not modified.
   * @param q Q(s,a) of this sweep, length S·A. Modified.
   * @param vNew V'(s) = max_a Q(s,a), length S, must not be {@code v}. Modified.
   * @return max_s |V'(s) − V(s)|; NaN or infinite if any V'(s) is
   */
  public static double sweep(TabularMdp mdp, double[] v, double[] q, double[] vNew) {
    return sweep(mdp, v, q, vNew, 0, mdp.numStates());
  }

  /**
   * One Jacobi sweep over the states [stateBegin, stateEnd); other states' outputs are not
   * touched.
   *
   * @param mdp transitions, rewards, γ and terminals. Not modified.
   * @param v V(s), length S. Not modified.
   * @param q Q(s,a), length S·A; rows of the range are written. Modified.
   * @param vNew V'(s), length S; entries of the range are written. Modified.
   * @param stateBegin first state of the block, inclusive.
   * @param stateEnd last state of the block, exclusive.
   * @return max over the block of |V'(s) − V(s)|; NaN or infinite if any V'(s) is
   */
  public static double sweep(TabularMdp mdp, double[] v, double[] q, double[] vNew,
      int stateBegin, int stateEnd) {
    return sweep(mdp, mdp.gamma(), v, q, vNew, stateBegin, stateEnd);
  }

  /**
   * One Jacobi sweep over the states [stateBegin, stateEnd) with an explicit discount in place
   * of the MDP's γ (the backward step of finite-horizon value iteration, where c = 1 is allowed).
   *
   * @param mdp transitions, rewards and terminals (its γ is not used). Not modified.
   * @param gamma the discount c in [0, 1].
   * @param v V(s), length S. Not modified.
   * @param q Q(s,a), length S·A; rows of the range are written. Modified.
   * @param vNew V'(s), length S; entries of the range are written. Modified.
   * @param stateBegin first state of the block, inclusive.
   * @param stateEnd last state of the block, exclusive.
   * @return max over the block of |V'(s) − V(s)|; NaN or infinite if any V'(s) is
   */
  public static double sweep(TabularMdp mdp, double gamma, double[] v, double[] q,
      double[] vNew, int stateBegin, int stateEnd) {
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final double[] rewards = mdp.rewards();
    final boolean[] terminal = mdp.terminals();
    double residual = 0;
    for (int s = stateBegin; s < stateEnd; s++) {
      final int base = s * numActions;
      double vs;
      if (terminal[s]) {
        for (int a = 0; a < numActions; a++) {
          q[base + a] = 0;
        }
        vs = 0;
      } else {
        vs = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < numActions; a++) {
          final int row = base + a;
          final double acc = CsrRows.dot(probabilities, successors, v, rowStart[row],
              rowStart[row + 1]);
          final double qa = rewards[row] + gamma * acc;
          q[row] = qa;
          // NaN sticks, so a broken value is never hidden behind a finite max
          vs = a == 0 ? qa : Math.max(vs, qa);
        }
      }
      residual = Math.max(residual, Math.abs(vs - v[s]));
      vNew[s] = vs;
    }
    return residual;
  }

  /**
   * The greedy deterministic policy of Q: a(s) = argmax_a Q(s,a), ties broken towards the
   * lowest action index; terminal states get action 0 (any action is equivalent there).
   *
   * @param mdp terminals and shapes. Not modified.
   * @param q Q(s,a), length S·A. Not modified.
   * @param actions a(s), length S. Modified.
   */
  public static void greedy(TabularMdp mdp, double[] q, int[] actions) {
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    for (int s = 0; s < numStates; s++) {
      actions[s] = Argmax.first(q, s * numActions, numActions);
    }
  }
}
