package org.gridrl.core.planning;

import java.util.Objects;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.TrainingListener;

/**
 * Soft (maximum-entropy) value iteration with temperature τ and an optional prior policy π0:
 * <pre>
 *   Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s')
 *   V(s)   = τ · log Σ_a π0(a|s) exp(Q(s,a)/τ)       (π0 ≡ 1 without a prior)
 *   π(a|s) = π0(a|s) · exp((Q(s,a) − V(s))/τ)
 * </pre>
 * computed with a max-shifted log-sum-exp (see {@link SoftBellmanCsr}). Without a prior this is
 * the soft Bellman equation of maximum causal entropy IRL (Ziebart 2010); with a prior it is
 * the KL-regularised backup of Distral (Teh et al. 2017), V = max_π E_π[Q] − τ·KL(π ‖ π0).
 * As τ → 0 it tends to hard {@link ValueIteration}: 0 ≤ V_τ − V* ≤ τ·log A/(1−γ). Actions with
 * π0(a|s) = 0 are excluded (π(a|s) = 0 there).
 *
 * <p><b>Terminal states</b> have V = 0 and their listed transitions are ignored; the solution
 * reports Q(s,·) = 0 and π(·|s) uniform there (π0(·|s) with a prior).
 *
 * <p><b>Discounted solve.</b> Jacobi sweeps from V = 0, V_new computed from V, until
 * max_s |V_new − V| &lt; tolerance or the cap; the report gives sweeps done, the last residual and
 * whether it converged. The returned V is the last V_new and Q is the Q of that last sweep
 * (computed from the V before it), so V(s) = τ·log Σ_a π0 exp(Q(s,a)/τ) holds to round-off for
 * the returned pair and π is exactly the soft-greedy policy of the returned Q and V; the
 * Bellman equation Q = r + γPV then holds to within γ·residual, and V is within
 * γ·residual/(1−γ) of the fixed point. A listener receives {@value #RESIDUAL_METRIC} after
 * every sweep.
 *
 * <p><b>Finite horizon H.</b> V_H = 0; for t = H−1 down to 0: Q_t = r + γ P V_{t+1},
 * V_t and π_t as above, with γ from the MDP, or any per-step discount in [0, 1] through the
 * overload that takes one (1 gives the undiscounted finite-horizon MaxEnt IRL backward pass of
 * Ziebart et al. 2008).
 *
 * <p><b>Kernels, methods, threads.</b> The solve runs on a one-thread {@link SoftViSolver}:
 * with {@link SoftViConfig#kernel()} = AUTO (the default) an MDP with uniform-slip dynamics
 * (grid worlds, ObjectWorld, BinaryWorld; {@link UniformSlipDynamics#detect}) and no prior is
 * solved by the structured kernel {@link SoftValueGrid}, any other by the CSR kernel
 * {@link SoftValueCsr}; the two agree to about 1e-13 per sweep. {@link SoftViConfig#method()}
 * = ANDERSON takes fewer sweeps to the same fixed point. For several threads, create a
 * {@link SoftViSolver} and keep it for many solves.
 *
 * <p><b>Errors.</b> Shapes and settings are checked here, before any work. A NaN or infinite
 * value (only reachable through overflow, since rewards are finite) throws a
 * {@link DivergenceException} naming the state and the sweep or step. The class is stateless,
 * so concurrent calls are safe.
 */
public final class SoftValueIteration {

  /** The metric name of each sweep's residual max_s |V_new(s) − V(s)|. */
  public static final String RESIDUAL_METRIC = "planning/residual";

  private SoftValueIteration() {
  }

  /** Discounted soft VI with {@link SoftViConfig#defaults()} (τ = 1, tolerance 1e-10). */
  public static Solution solve(TabularMdp mdp) {
    return solve(mdp, SoftViConfig.defaults(), null, TrainingListener.NONE);
  }

  /** Discounted soft VI without a prior. */
  public static Solution solve(TabularMdp mdp, SoftViConfig config) {
    return solve(mdp, config, null, TrainingListener.NONE);
  }

  /**
   * Discounted soft VI.
   *
   * @param mdp the MDP. Not modified.
   * @param config temperature, tolerance and cap.
   * @param prior π0, S×A like the MDP, or null for none. Not modified.
   * @param listener receives {@value #RESIDUAL_METRIC} each sweep; null means none.
   * @return V, Q, π and the convergence report
   * @throws DivergenceException if a value overflows to infinity or NaN
   */
  public static Solution solve(TabularMdp mdp, SoftViConfig config, TabularPolicy prior,
      TrainingListener listener) {
    Objects.requireNonNull(mdp, "mdp");
    Objects.requireNonNull(config, "config");
    try (SoftViSolver solver = new SoftViSolver(1)) {
      return solver.solve(mdp, config, prior, listener);
    }
  }

  /**
   * Finite-horizon soft VI: V_H = 0, and for t = H−1..0, Q_t = r + γ P V_{t+1},
   * V_t = τ·log Σ_a π0 exp(Q_t/τ), π_t = π0·exp((Q_t − V_t)/τ), with γ from the MDP.
   *
   * @param mdp the MDP. Not modified.
   * @param horizon H ≥ 1.
   * @param temperature τ &gt; 0, finite.
   * @param prior π0, S×A like the MDP, or null for none; the same π0 at every step. Not modified.
   * @return V_t for t = 0..H, Q_t and π_t for t &lt; H
   * @throws DivergenceException if a value overflows to infinity or NaN (names state and t)
   */
  public static FiniteHorizonSolution solveFiniteHorizon(TabularMdp mdp, int horizon,
      double temperature, TabularPolicy prior) {
    Objects.requireNonNull(mdp, "mdp");
    return solveFiniteHorizon(mdp, horizon, temperature, prior, mdp.gamma());
  }

  /**
   * Finite-horizon soft VI with an explicit per-step discount c in [0, 1] in place of the MDP's
   * γ: Q_t = r + c P V_{t+1}, the rest as {@link #solveFiniteHorizon(TabularMdp, int, double,
   * TabularPolicy)}.
   *
   * @param mdp the MDP (its γ is not used). Not modified.
   * @param horizon H ≥ 1.
   * @param temperature τ &gt; 0, finite.
   * @param prior π0, S×A like the MDP, or null for none. Not modified.
   * @param discount c in [0, 1]; 1 for the undiscounted sum of rewards over H steps.
   * @return V_t for t = 0..H, Q_t and π_t for t &lt; H
   * @throws DivergenceException if a value overflows to infinity or NaN (names state and t)
   */
  public static FiniteHorizonSolution solveFiniteHorizon(TabularMdp mdp, int horizon,
      double temperature, TabularPolicy prior, double discount) {
    Objects.requireNonNull(mdp, "mdp");
    if (!(discount >= 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in [0, 1], got " + discount);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got "
          + temperature);
    }
    final double[] pri = priorTable(mdp, prior);
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final double[][] v = new double[horizon + 1][numStates];
    final double[][] q = new double[horizon][numStates * numActions];
    final TabularPolicy[] policies = new TabularPolicy[horizon];
    final double[] pi = new double[numStates * numActions];
    for (int t = horizon - 1; t >= 0; t--) {
      double change = SoftBellmanCsr.sweep(mdp, pri, discount, temperature, v[t + 1], q[t],
          v[t]);
      if (!Double.isFinite(change)) {
        throw divergence("finite-horizon soft value iteration", v[t], q[t], numActions, "step t =",
            t, discount, temperature);
      }
      checkFinite("finite-horizon soft value iteration", v[t], q[t], numActions, "step t =", t,
          discount, temperature);
      SoftBellmanCsr.policy(mdp, pri, temperature, q[t], pi);
      policies[t] = TabularPolicy.of(numStates, numActions, pi);
    }
    return new FiniteHorizonSolution(horizon, v, q, policies);
  }

  /**
   * Finite-horizon soft VI with the settings of a config (its temperature and kernel; the
   * tolerance, cap and method only concern discounted solves): Q_t = r + c P V_{t+1},
   * V_t = τ·log Σ_a π0 exp(Q_t/τ), π_t = π0·exp((Q_t − V_t)/τ), t = H−1..0, V_H = 0.
   *
   * @param mdp the MDP (its γ is not used). Not modified.
   * @param config τ and the kernel.
   * @param prior π0, S×A like the MDP, or null for none. Not modified.
   * @param horizon H ≥ 1.
   * @param discount c in [0, 1]; 1 for the undiscounted sum of rewards over H steps.
   * @return V_t for t = 0..H, Q_t and π_t for t &lt; H
   * @throws DivergenceException if a value overflows to infinity or NaN (names state and t)
   */
  public static FiniteHorizonSolution solveFiniteHorizon(TabularMdp mdp, SoftViConfig config,
      TabularPolicy prior, int horizon, double discount) {
    Objects.requireNonNull(config, "config");
    return solveFiniteHorizon(mdp, horizon, config.temperature(), prior, discount);
  }

  /** The prior's table after checking its shape, or null. */
  static double[] priorTable(TabularMdp mdp, TabularPolicy prior) {
    if (prior == null) {
      return null;
    }
    if (prior.numStates() != mdp.numStates() || prior.numActions() != mdp.numActions()) {
      throw new IllegalArgumentException("prior policy is " + prior.numStates() + "x"
          + prior.numActions() + " but the MDP has S=" + mdp.numStates() + ", A="
          + mdp.numActions());
    }
    return prior.toArray();
  }

  /** Throws if any V(s) or Q(s,a) is NaN or infinite, naming the first such state. */
  static void checkFinite(String solver, double[] v, double[] q, int numActions, String when,
      int index, double gamma, double tau) {
    for (int s = 0; s < v.length; s++) {
      if (!Double.isFinite(v[s])) {
        throw divergence(solver, v, q, numActions, when, index, gamma, tau);
      }
    }
    for (int j = 0; j < q.length; j++) {
      if (!Double.isFinite(q[j])) {
        throw divergence(solver, v, q, numActions, when, index, gamma, tau);
      }
    }
  }

  /** The exception for the first state whose V or Q is NaN or infinite. */
  static DivergenceException divergence(String solver, double[] v, double[] q, int numActions,
      String when, int index, double gamma, double tau) {
    String tail = Double.isNaN(tau)
        ? " (gamma " + gamma + "): rewards too large for double precision"
        : " (gamma " + gamma + ", temperature " + tau
            + "): rewards or temperature too large for double precision";
    for (int s = 0; s < v.length; s++) {
      if (!Double.isFinite(v[s])) {
        return new DivergenceException(solver + " diverged: V(" + s + ") = " + v[s] + " in state "
            + s + " at " + when + " " + index + tail, s, index);
      }
    }
    for (int j = 0; j < q.length; j++) {
      if (!Double.isFinite(q[j])) {
        int s = j / numActions;
        return new DivergenceException(solver + " diverged: Q(" + s + "," + j % numActions
            + ") = " + q[j] + " in state " + s + " at " + when + " " + index + tail, s, index);
      }
    }
    return new DivergenceException(solver + " diverged at " + when + " " + index + tail, -1,
        index);
  }
}
