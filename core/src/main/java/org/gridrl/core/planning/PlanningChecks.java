package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;

/**
 * The argument checks the planning facades ({@link SoftValueIteration}, {@link ValueIteration},
 * {@link PolicyEvaluation}) share, worded once; through {@link Check} where a generic rule fits.
 * Facades only: the engine and the kernels check nothing.
 */
final class PlanningChecks {

  private PlanningChecks() {
  }

  /**
   * A discounted solve needs γ &lt; 1: with γ = 1 the Bellman operator is no contraction and the
   * sum of rewards over an infinite horizon need not converge, so V may not exist. Message:
   * "discounted soft value iteration needs gamma &lt; 1, got 1.0: with gamma = 1 the sum of rewards
   * over an infinite horizon need not converge, so there may be no solution; solve a finite
   * horizon instead".
   *
   * @param gamma the MDP's γ, in [0, 1]
   * @param solve the solve asked for, first in the message ("discounted soft value iteration")
   */
  static void discounted(double gamma, String solve) {
    Check.argument(gamma < 1, "%s needs gamma < 1, got %s: with gamma = 1 the sum of rewards"
        + " over an infinite horizon need not converge, so there may be no solution; solve a"
        + " finite horizon instead", solve, gamma);
  }

  /** A finite horizon H ≥ 1 and a per-step discount c in [0, 1]. */
  static void finiteHorizon(int horizon, double discount) {
    Check.positive("horizon", horizon);
    Check.unitInterval("discount", discount);
  }

  /** The prior's table after checking its shape against the MDP, or null for none. */
  static double[] priorTable(TabularMdp mdp, TabularPolicy prior) {
    if (prior == null) {
      return null;
    }
    Check.argument(prior.numStates() == mdp.numStates() && prior.numActions() == mdp.numActions(),
        "prior policy is %sx%s but the MDP has S=%s, A=%s", prior.numStates(),
        prior.numActions(), mdp.numStates(), mdp.numActions());
    return prior.toArray();
  }

  /** A caller's V array of length S. */
  static void valuesLength(double[] v, int numStates) {
    Check.notNull("v", v);
    Check.argument(v.length == numStates, "v must have length S = %s, got %s", numStates,
        v.length);
  }
}
