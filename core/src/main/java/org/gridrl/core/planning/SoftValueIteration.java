package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.TrainingListener;

/**
 * Front door: soft (maximum-entropy) value iteration with temperature τ and an optional prior
 * policy π0, the one checked entry for discounted, finite-horizon and prior solves:
 * <pre>
 *   Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s')
 *   V(s)   = τ · log Σ_a π0(a|s) exp(Q(s,a)/τ)       (π0 ≡ 1 without a prior)
 *   π(a|s) = π0(a|s) · exp((Q(s,a) − V(s))/τ)
 * </pre>
 * computed with a max-shifted log-sum-exp (see {@link SoftValueCsr}). Without a prior this is
 * the soft Bellman equation of maximum causal entropy IRL (Ziebart 2010); with a prior it is
 * the KL-regularised backup of Distral (Teh et al. 2017), V = max_π E_π[Q] − τ·KL(π ‖ π0).
 * As τ → 0 it tends to hard {@link ValueIteration}: 0 ≤ V_τ − V* ≤ τ·log A/(1−γ). Actions with
 * π0(a|s) = 0 are excluded (π(a|s) = 0 there).
 *
 * <p><b>Terminal states</b> have V = 0 and their listed transitions are ignored; the solution
 * reports Q(s,·) = 0 and π(·|s) uniform there (π0(·|s) with a prior).
 *
 * <p><b>Discounted solve</b> ({@link #solve}; γ &lt; 1, a γ = 1 MDP is rejected with the
 * reason). Jacobi sweeps from V = 0, V_new computed from V, until max_s |V_new − V| &lt;
 * tolerance or the cap; the report gives sweeps done, the last residual and whether it
 * converged. The returned V is the last V_new and Q is the Q of that last sweep (computed from
 * the V before it), so V(s) = τ·log Σ_a π0 exp(Q(s,a)/τ) holds to round-off for the returned
 * pair and π is the soft-greedy policy of the returned Q; the Bellman equation Q = r + γPV then
 * holds to within γ·residual, and V is within γ·residual/(1−γ) of the fixed point. A listener
 * receives {@value Metrics#RESIDUAL} after every sweep.
 *
 * <p><b>Finite horizon H</b> ({@link #solveFiniteHorizon}). V_H = 0; for t = H−1 down to 0:
 * Q_t = r + c P V_{t+1}, V_t and π_t as above, with c the MDP's γ or any per-step discount in
 * [0, 1] (1 gives the undiscounted finite-horizon MaxEnt IRL backward pass of Ziebart et al.
 * 2008; an MDP may have γ = 1 for this). Each step runs the discounted solve's kernels once.
 *
 * <p><b>Kernels, methods, threads.</b> With {@link SoftViConfig#kernel()} = AUTO (the default)
 * an MDP with uniform-slip dynamics (grid worlds, ObjectWorld, BinaryWorld;
 * {@link UniformSlipDynamics#detect}) and no prior is solved by the structured kernel
 * {@link SoftValueGrid}, any other by the CSR kernel {@link SoftValueCsr}; the two agree to
 * about 1e-13 per sweep. {@link SoftViConfig#method()} = ANDERSON takes fewer sweeps to the
 * same fixed point. The static methods run on the calling thread; for K threads open a
 * {@link Parallel} with {@link #onThreads} and keep it for many solves:
 * <pre>{@code
 * try (SoftValueIteration.Parallel p = SoftValueIteration.onThreads(4)) {
 *   Solution sol = p.solve(mdp, config);
 * }
 * }</pre>
 * Results are bit-identical for any thread count.
 *
 * <p><b>Errors.</b> Shapes and settings are checked here, before any work, and nowhere below.
 * A NaN or infinite value (only reachable through overflow, since rewards are finite) throws a
 * {@link DivergenceException} naming the state and the sweep or step. The class is stateless,
 * so concurrent calls are safe.
 */
public final class SoftValueIteration {

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
   * Discounted soft VI on the calling thread.
   *
   * @param mdp the MDP, γ &lt; 1. Not modified.
   * @param config temperature, tolerance, cap, kernel and method.
   * @param prior π0, S×A like the MDP, or null for none. Not modified.
   * @param listener receives {@value Metrics#RESIDUAL} each sweep; null means none.
   * @return V, Q, π and the convergence report
   * @throws IllegalArgumentException for γ = 1, a prior of the wrong shape, or kernel GRID on
   *     an MDP that is not uniform-slip or with a prior
   * @throws DivergenceException if a value overflows to infinity or NaN
   */
  public static Solution solve(TabularMdp mdp, SoftViConfig config, TabularPolicy prior,
      TrainingListener listener) {
    try (Parallel p = onThreads(1)) {
      return p.solve(mdp, config, prior, listener);
    }
  }

  /**
   * Discounted soft VI of uniform-slip dynamics with the grid kernel, on the calling thread (no
   * CSR arrays needed; the config's kernel is not used).
   *
   * @param d the dynamics, γ &lt; 1. Not modified.
   * @param config temperature, tolerance, cap and method.
   * @param listener per-sweep residuals, or null.
   * @return V, Q, π and the report
   */
  public static Solution solve(UniformSlipDynamics d, SoftViConfig config,
      TrainingListener listener) {
    try (Parallel p = onThreads(1)) {
      return p.solve(d, config, listener);
    }
  }

  /**
   * Finite-horizon soft VI with the MDP's γ as the per-step discount:
   * {@link #solveFiniteHorizon(TabularMdp, SoftViConfig, TabularPolicy, int, double)} with
   * {@code SoftViConfig.defaults().withTemperature(temperature)}.
   *
   * @param temperature τ &gt; 0, finite.
   */
  public static FiniteHorizonSolution solveFiniteHorizon(TabularMdp mdp, int horizon,
      double temperature, TabularPolicy prior) {
    Check.notNull("mdp", mdp);
    return solveFiniteHorizon(mdp, horizon, temperature, prior, mdp.gamma());
  }

  /**
   * Finite-horizon soft VI with an explicit per-step discount c in [0, 1] in place of the MDP's
   * γ: {@link #solveFiniteHorizon(TabularMdp, SoftViConfig, TabularPolicy, int, double)} with
   * {@code SoftViConfig.defaults().withTemperature(temperature)}.
   *
   * @param temperature τ &gt; 0, finite.
   */
  public static FiniteHorizonSolution solveFiniteHorizon(TabularMdp mdp, int horizon,
      double temperature, TabularPolicy prior, double discount) {
    return solveFiniteHorizon(mdp, SoftViConfig.defaults().withTemperature(temperature), prior,
        horizon, discount);
  }

  /**
   * Finite-horizon soft VI on the calling thread, with the settings of a config (its
   * temperature and kernel; the tolerance, cap and method only concern discounted solves):
   * V_H = 0, and for t = H−1..0, Q_t = r + c P V_{t+1}, V_t = τ·log Σ_a π0 exp(Q_t/τ),
   * π_t = π0·exp((Q_t − V_t)/τ).
   *
   * @param mdp the MDP (its γ is not used; it may be 1). Not modified.
   * @param config τ and the kernel.
   * @param prior π0, S×A like the MDP, or null for none; the same π0 at every step. Not modified.
   * @param horizon H ≥ 1.
   * @param discount c in [0, 1]; 1 for the undiscounted sum of rewards over H steps.
   * @return V_t for t = 0..H, Q_t and π_t for t &lt; H
   * @throws DivergenceException if a value overflows to infinity or NaN (names state and t)
   */
  public static FiniteHorizonSolution solveFiniteHorizon(TabularMdp mdp, SoftViConfig config,
      TabularPolicy prior, int horizon, double discount) {
    try (Parallel p = onThreads(1)) {
      return p.solveFiniteHorizon(mdp, config, prior, horizon, discount);
    }
  }

  /**
   * The kernel a solve with these settings would use: {@link SoftViKernel#GRID} or
   * {@link SoftViKernel#CSR}.
   *
   * @throws IllegalArgumentException if GRID is asked for and the MDP is not uniform-slip or a
   *     prior is given
   */
  public static SoftViKernel resolveKernel(TabularMdp mdp, SoftViKernel kernel, boolean prior) {
    Check.notNull("mdp", mdp);
    Check.notNull("kernel", kernel);
    return gridDynamics(mdp, kernel, prior) == null ? SoftViKernel.CSR : SoftViKernel.GRID;
  }

  /** A handle that solves on {@code threads} threads with blocks of 2048 states. */
  public static Parallel onThreads(int threads) {
    return onThreads(threads, SoftViEngine.DEFAULT_BLOCK_SIZE);
  }

  /**
   * A handle that solves on {@code threads} threads (the caller and threads − 1 workers, which
   * live until {@link Parallel#close()}) over a fixed partition of blocks of
   * {@code blockSize} states.
   *
   * @param threads K ≥ 1.
   * @param blockSize states per block, ≥ 1 (it fixes the partition and so the bits of Anderson
   *     acceleration; the thread count never changes them).
   */
  public static Parallel onThreads(int threads, int blockSize) {
    Check.positive("threads", threads);
    Check.positive("blockSize", blockSize);
    return new Parallel(new SoftViEngine(threads, blockSize));
  }

  /** The dynamics the grid kernel runs on, or null for the CSR kernel; checks GRID's needs. */
  private static UniformSlipDynamics gridDynamics(TabularMdp mdp, SoftViKernel kernel,
      boolean prior) {
    if (kernel == SoftViKernel.CSR || (kernel == SoftViKernel.AUTO && prior)) {
      return null;
    }
    Check.argument(!prior, "kernel GRID does not take a prior policy; use CSR or AUTO");
    UniformSlipDynamics d = UniformSlipDynamics.detect(mdp);
    Check.argument(d != null || kernel != SoftViKernel.GRID, "kernel GRID needs uniform-slip"
        + " dynamics, and %s is not of that kind (P(s'|s,a) = (1-eps)[s' = next(s,a)] + eps/A"
        + " #{b: next(s,b) = s'} to 1e-12)", mdp);
    return d;
  }

  /**
   * Soft value iteration on K threads that live as long as this handle (one solve at a time;
   * not thread safe). Every method checks its arguments as the static methods of
   * {@link SoftValueIteration} do and gives the same results, bit for bit, for any K.
   * {@link #close()} stops the workers.
   */
  public static final class Parallel implements AutoCloseable {

    private final SoftViEngine engine;

    private Parallel(SoftViEngine engine) {
      this.engine = engine;
    }

    /** Number of threads K. */
    public int threads() {
      return engine.threads();
    }

    /** States per block. */
    public int blockSize() {
      return engine.blockSize();
    }

    /** Stops the worker threads; the handle cannot be used afterwards. */
    @Override
    public void close() {
      engine.close();
    }

    /** Discounted soft VI without a prior or listener. */
    public Solution solve(TabularMdp mdp, SoftViConfig config) {
      return solve(mdp, config, null, TrainingListener.NONE);
    }

    /**
     * Discounted soft VI; see
     * {@link SoftValueIteration#solve(TabularMdp, SoftViConfig, TabularPolicy, TrainingListener)}.
     */
    public Solution solve(TabularMdp mdp, SoftViConfig config, TabularPolicy prior,
        TrainingListener listener) {
      Check.notNull("mdp", mdp);
      Check.notNull("config", config);
      PlanningChecks.discounted(mdp.gamma(), "discounted soft value iteration");
      final double[] pri = PlanningChecks.priorTable(mdp, prior);
      return engine.solve(operator(mdp, config, pri, mdp.gamma()), config, listener);
    }

    /** Discounted soft VI of uniform-slip dynamics with the grid kernel. */
    public Solution solve(UniformSlipDynamics d, SoftViConfig config,
        TrainingListener listener) {
      checkDynamics(d, config);
      return engine.solve(engine.grid(d, config.temperature()), config, listener);
    }

    /**
     * Discounted soft VI of uniform-slip dynamics, V only (no S·A arrays; for very large worlds
     * and benchmarks).
     *
     * @param v receives V, length S. Modified.
     * @return the report
     */
    public ConvergenceReport solveValues(UniformSlipDynamics d, SoftViConfig config,
        double[] v) {
      checkDynamics(d, config);
      PlanningChecks.valuesLength(v, d.numStates());
      return engine.solveValues(engine.grid(d, config.temperature()), config, v);
    }

    /**
     * Discounted soft VI of an MDP without a prior, V only, with the configured kernel.
     *
     * @param v receives V, length S. Modified.
     * @return the report
     */
    public ConvergenceReport solveValues(TabularMdp mdp, SoftViConfig config, double[] v) {
      Check.notNull("mdp", mdp);
      Check.notNull("config", config);
      PlanningChecks.discounted(mdp.gamma(), "discounted soft value iteration");
      PlanningChecks.valuesLength(v, mdp.numStates());
      return engine.solveValues(operator(mdp, config, null, mdp.gamma()), config, v);
    }

    /**
     * Finite-horizon soft VI; see {@link SoftValueIteration#solveFiniteHorizon(TabularMdp,
     * SoftViConfig, TabularPolicy, int, double)}.
     */
    public FiniteHorizonSolution solveFiniteHorizon(TabularMdp mdp, SoftViConfig config,
        TabularPolicy prior, int horizon, double discount) {
      Check.notNull("mdp", mdp);
      Check.notNull("config", config);
      PlanningChecks.finiteHorizon(horizon, discount);
      final double[] pri = PlanningChecks.priorTable(mdp, prior);
      return engine.solveFiniteHorizon(operator(mdp, config, pri, discount), horizon);
    }

    private SoftViOperator operator(TabularMdp mdp, SoftViConfig config, double[] prior,
        double gamma) {
      UniformSlipDynamics d = gridDynamics(mdp, config.kernel(), prior != null);
      return d != null ? engine.grid(d.withGamma(gamma), config.temperature())
          : engine.csr(mdp, prior, gamma, config.temperature());
    }

    private static void checkDynamics(UniformSlipDynamics d, SoftViConfig config) {
      Check.notNull("dynamics", d);
      Check.notNull("config", config);
      PlanningChecks.discounted(d.gamma(), "discounted soft value iteration");
    }
  }
}
