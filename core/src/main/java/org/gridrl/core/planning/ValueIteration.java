package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.TrainingListener;

/**
 * Hard value iteration (Bellman 1957):
 * <pre>
 *   Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s'),   V(s) = max_a Q(s,a),
 *   π(s)   = argmax_a Q(s,a)   (deterministic; ties go to the lowest action index)
 * </pre>
 * by Jacobi sweeps from V = 0 until max_s |V_new − V| &lt; tolerance or the cap (kernel:
 * {@link HardBellmanCsr}). As for {@link SoftValueIteration}, the returned V is the last V_new
 * and Q is the Q of the last sweep, so V = max_a Q holds exactly for the returned pair and
 * the policy is greedy for it. Terminal states have V = 0, Q(s,·) = 0 and action 0. A NaN or
 * infinite value throws a {@link DivergenceException} ({@link DivergenceException.Kind#HARD})
 * naming the state and sweep. The discounted solve needs γ &lt; 1 (a γ = 1 MDP is rejected with
 * the reason); the finite-horizon solve takes any discount in [0, 1].
 */
public final class ValueIteration {

  private ValueIteration() {
  }

  /** Hard VI with tolerance 1e-10 and at most 100 000 sweeps. */
  public static Solution solve(TabularMdp mdp) {
    return solve(mdp, SoftViConfig.DEFAULT_TOLERANCE, SoftViConfig.DEFAULT_MAX_ITERATIONS,
        TrainingListener.NONE);
  }

  /** Hard VI with the given stopping rule. */
  public static Solution solve(TabularMdp mdp, double tolerance, int maxIterations) {
    return solve(mdp, tolerance, maxIterations, TrainingListener.NONE);
  }

  /**
   * Hard VI.
   *
   * @param mdp the MDP, γ &lt; 1. Not modified.
   * @param tolerance stop when max_s |V_new − V| &lt; tolerance; finite and &gt; 0.
   * @param maxIterations cap on sweeps, ≥ 1.
   * @param listener receives {@value Metrics#RESIDUAL} each sweep; null means none.
   * @return V, Q, the greedy policy and the convergence report
   */
  public static Solution solve(TabularMdp mdp, double tolerance, int maxIterations,
      TrainingListener listener) {
    Check.notNull("mdp", mdp);
    Check.positiveFinite("tolerance", tolerance);
    Check.positive("maxIterations", maxIterations);
    PlanningChecks.discounted(mdp.gamma(), "discounted value iteration");
    final TrainingListener l = listener == null ? TrainingListener.NONE : listener;
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    double[] v = new double[numStates];
    double[] vNew = new double[numStates];
    final double[] q = new double[numStates * numActions];
    final long start = System.nanoTime();
    int sweep = 0;
    double residual = Double.POSITIVE_INFINITY;
    while (sweep < maxIterations) {
      sweep++;
      residual = HardBellmanCsr.sweep(mdp, v, q, vNew);
      if (!Double.isFinite(residual)) {
        throw DivergenceException.hard("value iteration", DivergenceException.At.SWEEP, sweep,
            vNew, q, numActions, mdp.gamma());
      }
      if (!l.isNone()) {
        l.onScalar(sweep, Metrics.RESIDUAL, residual);
        l.onIterationEnd(sweep, (System.nanoTime() - start) * 1e-9);
      }
      double[] t = v;
      v = vNew;
      vNew = t;
      if (residual < tolerance) {
        break;
      }
    }
    if (!DivergenceException.allFinite(v, q)) {
      throw DivergenceException.hard("value iteration", DivergenceException.At.SWEEP, sweep, v,
          q, numActions, mdp.gamma());
    }
    final int[] actions = new int[numStates];
    HardBellmanCsr.greedy(mdp, q, actions);
    return new Solution(v, q, TabularPolicy.deterministic(actions, numActions),
        new ConvergenceReport(sweep, residual, residual < tolerance, tolerance, maxIterations));
  }

  /**
   * Finite-horizon hard value iteration by backward induction: V_H = 0 and, for t = H − 1 down
   * to 0, Q_t(s,a) = r(s,a) + c Σ_{s'} P(s'|s,a) V_{t+1}(s'), V_t(s) = max_a Q_t(s,a),
   * π_t(s) = argmax_a Q_t(s,a) (ties to the lowest index). The time-indexed π_0..π_{H−1} is
   * optimal for the expected Σ_{t&lt;H} c^t r(s_t, a_t) from every state, the quantity
   * {@link StateVisitation#finiteHorizon(TabularMdp, TabularPolicy[], double[], double)} weighs
   * rewards by. Terminal states have V_t = 0, Q_t(s,·) = 0 and action 0.
   *
   * @param mdp the MDP (its γ is not used; it may be 1). Not modified.
   * @param horizon H ≥ 1.
   * @param discount c in [0, 1].
   * @return V_t for t = 0..H, Q_t and the deterministic π_t for t &lt; H
   * @throws DivergenceException if a value overflows to infinity or NaN (names state and t)
   */
  public static FiniteHorizonSolution solveFiniteHorizon(TabularMdp mdp, int horizon,
      double discount) {
    Check.notNull("mdp", mdp);
    PlanningChecks.finiteHorizon(horizon, discount);
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final double[][] v = new double[horizon + 1][numStates];
    final double[][] q = new double[horizon][numStates * numActions];
    final TabularPolicy[] policies = new TabularPolicy[horizon];
    final int[] actions = new int[numStates];
    for (int t = horizon - 1; t >= 0; t--) {
      HardBellmanCsr.sweep(mdp, discount, v[t + 1], q[t], v[t], 0, numStates);
      if (!DivergenceException.allFinite(v[t], q[t])) {
        throw DivergenceException.hard("finite-horizon value iteration",
            DivergenceException.At.STEP, t, v[t], q[t], numActions, discount);
      }
      HardBellmanCsr.greedy(mdp, q[t], actions);
      policies[t] = TabularPolicy.deterministic(actions, numActions);
    }
    return new FiniteHorizonSolution(horizon, v, q, policies);
  }
}
