package org.gridrl.core.planning;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularMdp;

/**
 * One step of the state distribution under a policy over an MDP's CSR transitions, unchecked
 * and allocation-free: the inner loop of {@link StateVisitation}.
 * <pre>
 *   d'(s') = c · Σ_{s non-terminal} d(s) Σ_a π(a|s) P(s'|s,a)
 * </pre>
 * Terminal states absorb: their mass goes nowhere (their listed transitions are never read),
 * so mass arriving at a terminal is counted once, at its arrival step. Nothing is checked:
 * {@link StateVisitation} is the checked facade. Array layout as in {@link TabularMdp}.
 */
public final class VisitationCsr {

  private VisitationCsr() {
  }

  /**
   * d' = c·P_πᵀ d with terminal rows of P_π removed.
   *
   * @param mdp transitions and terminals. Not modified.
   * @param pi π(a|s) at s·A + a, length S·A. Not modified.
   * @param d the distribution at step t, length S. Not modified.
   * @param scale the factor c (a discount, or 1).
   * @param out the distribution at step t + 1 times c, length S, must not be {@code d}.
   *     Modified.
   * @return Σ_s out(s), the mass still alive after the step
   */
  public static double propagate(TabularMdp mdp, double[] pi, double[] d, double scale,
      double[] out) {
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final boolean[] terminal = mdp.terminals();
    Arrays.fill(out, 0.0);
    for (int s = 0; s < numStates; s++) {
      final double ds = d[s];
      if (ds == 0 || terminal[s]) {
        continue;
      }
      final double w = scale * ds;
      for (int a = 0; a < numActions; a++) {
        final int row = s * numActions + a;
        final double wa = w * pi[row];
        if (wa == 0) {
          continue;
        }
        for (int k = rowStart[row], end = rowStart[row + 1]; k < end; k++) {
          out[successors[k]] += wa * probabilities[k];
        }
      }
    }
    double mass = 0;
    for (int s = 0; s < numStates; s++) {
      mass += out[s];
    }
    return mass;
  }
}
