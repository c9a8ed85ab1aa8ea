package org.gridrl.core.planning;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;

/**
 * The value of a fixed policy π:
 * <pre>
 *   V^π(s) = Σ_a π(a|s) [ r(s,a) + γ Σ_{s'} P(s'|s,a) V^π(s') ],   i.e.  (I − γ P_π) V^π = r_π,
 * </pre>
 * with V^π = 0 on terminal states (their listed transitions are ignored). {@link #evaluate}
 * solves the linear system exactly with an EJML LU decomposition when S ≤
 * {@value #EXACT_MAX_STATES} (O(S³) time, S² memory) and otherwise iterates Gauss–Seidel
 * sweeps, which cost O(nnz) each and converge at rate γ, until the largest change is below
 * {@value #ITERATIVE_TOLERANCE}. It needs γ &lt; 1: with γ = 1 the system may be singular and
 * the infinite sum need not converge, so a γ = 1 MDP is rejected with the reason. A NaN or
 * infinite value (overflow) is a {@link DivergenceException} of kind
 * {@link DivergenceException.Kind#HARD}.
 */
public final class PolicyEvaluation {

  /** Largest S for which {@link #evaluate} uses the exact dense solve. */
  public static final int EXACT_MAX_STATES = 1000;
  /** Stopping threshold of {@link #evaluate} on its iterative path. */
  public static final double ITERATIVE_TOLERANCE = 1e-12;
  /** Cap on sweeps of {@link #evaluate} on its iterative path. */
  public static final int ITERATIVE_MAX_ITERATIONS = 1_000_000;

  private static final double[] NO_Q = new double[0];

  private PolicyEvaluation() {
  }

  /**
   * V^π: exact for S ≤ {@value #EXACT_MAX_STATES}, else Gauss–Seidel to
   * {@value #ITERATIVE_TOLERANCE}.
   *
   * @param mdp the MDP. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @return V^π, length S
   */
  public static double[] evaluate(TabularMdp mdp, TabularPolicy pi) {
    checkArguments(mdp, pi);
    if (mdp.numStates() <= EXACT_MAX_STATES) {
      return evaluateExact(mdp, pi);
    }
    return evaluateIterative(mdp, pi, ITERATIVE_TOLERANCE, ITERATIVE_MAX_ITERATIONS);
  }

  /**
   * V^π by an LU solve of (I − γ P_π) V = r_π, with the rows of terminal states replaced by
   * V(s) = 0.
   *
   * @param mdp the MDP. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @return V^π, length S
   */
  public static double[] evaluateExact(TabularMdp mdp, TabularPolicy pi) {
    checkArguments(mdp, pi);
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final double[] rewards = mdp.rewards();
    final double gamma = mdp.gamma();
    DMatrixRMaj a = new DMatrixRMaj(numStates, numStates);
    DMatrixRMaj b = new DMatrixRMaj(numStates, 1);
    for (int s = 0; s < numStates; s++) {
      a.unsafe_set(s, s, 1.0);
      if (mdp.isTerminal(s)) {
        continue;
      }
      double rPi = 0;
      for (int act = 0; act < numActions; act++) {
        double p = pi.probability(s, act);
        if (p == 0) {
          continue;
        }
        int row = s * numActions + act;
        rPi += p * rewards[row];
        for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
          int next = successors[k];
          a.unsafe_set(s, next, a.unsafe_get(s, next) - gamma * p * probabilities[k]);
        }
      }
      b.unsafe_set(s, 0, rPi);
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(numStates);
    if (!solver.setA(a)) {
      throw new ArithmeticException("I - gamma P_pi is singular (gamma " + gamma + ")");
    }
    DMatrixRMaj x = new DMatrixRMaj(numStates, 1);
    solver.solve(b, x);
    double[] v = x.data;
    if (!DivergenceException.allFinite(v, NO_Q)) {
      throw DivergenceException.hard("policy evaluation", null, 0, v, NO_Q, numActions, gamma);
    }
    return v;
  }

  /**
   * V^π by Gauss–Seidel sweeps from V = 0 until the largest change of a sweep is below
   * {@code tolerance}; the error is then at most γ·tolerance/(1−γ).
   *
   * @param mdp the MDP. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @param tolerance finite and &gt; 0.
   * @param maxIterations cap on sweeps, ≥ 1.
   * @return V^π, length S
   * @throws IllegalStateException if the cap is reached first (the message gives the residual)
   */
  public static double[] evaluateIterative(TabularMdp mdp, TabularPolicy pi, double tolerance,
      int maxIterations) {
    double[] v = new double[mdp.numStates()];
    ConvergenceReport report = evaluateIterative(mdp, pi, tolerance, maxIterations, v);
    if (!report.converged()) {
      throw new IllegalStateException("policy evaluation " + report.describe()
          + "; raise maxIterations or use evaluateExact");
    }
    return v;
  }

  /**
   * V^π by Gauss–Seidel sweeps from a given start (a warm start, e.g. the previous policy's
   * values in policy iteration), until the largest change of a sweep is below
   * {@code tolerance} or the cap. Never throws on hitting the cap: the report says so.
   *
   * @param mdp the MDP. Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @param tolerance finite and &gt; 0.
   * @param maxIterations cap on sweeps, ≥ 1.
   * @param v in: the start (terminal entries are reset to 0); out: the result, length S.
   *     Modified.
   * @return sweeps, last residual and whether it converged
   */
  public static ConvergenceReport evaluateIterative(TabularMdp mdp, TabularPolicy pi,
      double tolerance, int maxIterations, double[] v) {
    checkArguments(mdp, pi);
    Check.positiveFinite("tolerance", tolerance);
    Check.positive("maxIterations", maxIterations);
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    PlanningChecks.valuesLength(v, numStates);
    for (int s = 0; s < numStates; s++) {
      if (!Double.isFinite(v[s])) {
        throw new IllegalArgumentException("start value of state " + s + " is not finite: "
            + v[s]);
      }
    }
    final double[] piTable = pi.toArray();
    final double[] rPi = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      if (mdp.isTerminal(s)) {
        v[s] = 0;
        continue;
      }
      for (int a = 0; a < numActions; a++) {
        rPi[s] += piTable[s * numActions + a] * mdp.rewards()[s * numActions + a];
      }
    }
    int sweep = 0;
    double residual = Double.POSITIVE_INFINITY;
    while (sweep < maxIterations) {
      sweep++;
      residual = gaussSeidelSweep(mdp, piTable, rPi, v);
      if (!Double.isFinite(residual)) {
        throw DivergenceException.hard("policy evaluation", DivergenceException.At.SWEEP, sweep,
            v, NO_Q, numActions, mdp.gamma());
      }
      if (residual < tolerance) {
        break;
      }
    }
    return new ConvergenceReport(sweep, residual, residual < tolerance, tolerance,
        maxIterations);
  }

  /** One in-place Gauss–Seidel sweep of V ← r_π + γ P_π V over non-terminal states. */
  private static double gaussSeidelSweep(TabularMdp mdp, double[] pi, double[] rPi,
      double[] v) {
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final boolean[] terminal = mdp.terminals();
    final double gamma = mdp.gamma();
    double residual = 0;
    for (int s = 0; s < numStates; s++) {
      if (terminal[s]) {
        continue;
      }
      double acc = 0;
      for (int a = 0; a < numActions; a++) {
        final int row = s * numActions + a;
        final double p = pi[row];
        if (p == 0) {
          continue;
        }
        final double e = CsrRows.dot(probabilities, successors, v, rowStart[row],
            rowStart[row + 1]);
        acc += p * e;
      }
      final double vs = rPi[s] + gamma * acc;
      residual = Math.max(residual, Math.abs(vs - v[s]));
      v[s] = vs;
    }
    return residual;
  }

  /** The MDP and policy are given and of the same shape. */
  static void checkShapes(TabularMdp mdp, TabularPolicy pi) {
    Check.notNull("mdp", mdp);
    Check.notNull("pi", pi);
    // a plain if, not Check.argument: its boxed varargs would allocate on the allocation-free
    // finite-horizon visitation, which checks every step's policy
    if (pi.numStates() != mdp.numStates() || pi.numActions() != mdp.numActions()) {
      throw new IllegalArgumentException("policy is " + pi.numStates() + "x" + pi.numActions()
          + " but the MDP has S=" + mdp.numStates() + ", A=" + mdp.numActions());
    }
  }

  private static void checkArguments(TabularMdp mdp, TabularPolicy pi) {
    checkShapes(mdp, pi);
    PlanningChecks.discounted(mdp.gamma(), "policy evaluation");
  }
}
