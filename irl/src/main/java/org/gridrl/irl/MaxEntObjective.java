package org.gridrl.irl;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.util.Check;

/**
 * The maximum (causal) entropy IRL objective as a function of a state reward r(s) (Ziebart et
 * al. 2008; Ziebart, Bagnell &amp; Dey 2010), for a fixed {@link IrlProblem} with γ, T, start
 * distribution d0 and the demos' discounted visitation D̂:
 * <pre>
 *   backward pass:  soft VI for r (temperature τ):  V_t, Q_t, π_t = exp((Q_t − V_t)/τ)
 *   forward pass:   D(s) = Σ_t γ^t Pr(s_t = s) under π_t from d0          (terminals left out)
 *   dual:           g(r) = Σ_s d0(s) V_0(s) − Σ_s r(s) D̂(s)       (STATIONARY: −τ ℓ(r), below)
 *   gradient:       ∂g/∂r(s) = D(s) − D̂(s),   so for r = Φw:  ∇_w g = E[μ] − μ_D
 *   log-likelihood: ℓ(r) = (1/N) Σ_n Σ_t γ^t log π_t(a_t|s_t)   (non-terminal steps)
 * </pre>
 * {@link Horizon#FINITE} is the pinned objective: T steps of finite-horizon soft VI
 * ({@link SoftValueIteration#solveFiniteHorizon}) with γ from the MDP, the time-dependent
 * policies π_t, t &lt; T, and {@link StateVisitation#finiteHorizon} with discount γ.
 * {@link Horizon#DISCOUNTED} is the stationary infinite-horizon variant: discounted soft VI to
 * its tolerance, one policy π, D = {@link StateVisitation#discounted}; D̂ still sums the whole
 * demonstrations with γ^t. g is convex in w; its minimiser matches the feature expectations and
 * is unique up to the null space of Φ restricted to the states that matter. With deterministic
 * dynamics and the empirical start, ℓ(r) = wᵀμ_D − Σ d0 V_0 = −g, so ∇ℓ = μ_D − E[μ] too.
 *
 * <p>With stochastic dynamics g is not −ℓ, and for a flexible reward (a network, or one weight
 * per state) g is unbounded below: the empirical D̂ of a few noisy demonstrations is in general
 * the visitation of no policy, so r can grow without limit along D̂ − D. {@link
 * Horizon#STATIONARY} fits the likelihood itself, which is bounded (ℓ ≤ 0), under the model the
 * demonstrations are assumed to come from, one stationary discounted soft policy:
 * <pre>
 *   objective:  g(r) = −τ ℓ(r),   π the discounted soft-optimal policy of r
 *   gradient:   ∂g/∂r = D − D̂,   D = (I − γP_πᵀ)^{-1} b,
 *               b = D̂ − γ (1/N) Σ_n Σ_t γ^t P(·|s_t,a_t)
 * </pre>
 * since τ ∂log π(a|s)/∂r = e_s + γ M P(·|s,a) − M e_s with M = (I − γP_πᵀ)^{-1} summed over the
 * demonstrated steps (Levine's irl_toolkit, {@code maxentdiscounted.m}, fits MaxEnt this way).
 * Neither the horizon nor d0 enters: b carries the demonstrations' own steps. D is computed by
 * {@link StateVisitation#discountedSigned}.
 *
 * <p>Soft VI runs with the caller's {@link SoftViConfig}: its temperature τ for every horizon
 * (the pinned objective has τ = 1, {@link SoftViConfig#defaults()}); its tolerance, cap, kernel
 * and method for the discounted solve of {@link Horizon#DISCOUNTED} and {@link
 * Horizon#STATIONARY}. Nothing is switched behind the caller's back: Jacobi sweeps unless the
 * config says {@code SoftViMethod.ANDERSON} (same fixed point, fewer sweeps; the IRL sweeps'
 * stationary deep MaxEnt fits say so). The finite-horizon forward pass takes the config's
 * kernel too (AUTO: {@code StateVisitation.finiteHorizon}'s grid kernel for uniform-slip
 * dynamics). The stationary visitation is solved as the caller says ({@link
 * StateVisitation.Solver}; AUTO by default: the exact banded solve where it is cheaper than
 * the series).
 *
 * <p>Terminal states have no reward to collect (V = 0 there), so their visits count in neither
 * D nor D̂ and the gradient above is exact. Instances are immutable and thread-safe.
 */
public final class MaxEntObjective {

  /** Finite-horizon (time-dependent policies), discounted or stationary (one policy). */
  public enum Horizon {
    /** T-step finite-horizon soft VI, π_t for t &lt; T (the pinned objective). */
    FINITE,
    /** Discounted infinite-horizon soft VI, one stationary π. */
    DISCOUNTED,
    /** Discounted infinite-horizon soft VI, one stationary π, fitted by the demonstrations'
     * likelihood: g = −τℓ, D = (I − γP_πᵀ)^{-1}(D̂ − γ·(1/N) Σ_n Σ_t γ^t P(·|s_t, a_t)). */
    STATIONARY
  }

  /**
   * One evaluation of the objective at a reward.
   *
   * @param dual g(r) (−τℓ(r) for {@link Horizon#STATIONARY})
   * @param logLikelihood ℓ(r)
   * @param policies π_t for t &lt; T ({@link Horizon#FINITE}) or the one stationary π
   *     ({@link Horizon#DISCOUNTED}, {@link Horizon#STATIONARY}; length 1)
   * @param startValue Σ_s d0(s) V_0(s)
   */
  public record Evaluation(double dual, double logLikelihood, TabularPolicy[] policies,
      double startValue) {
  }

  private final IrlProblem problem;
  private final Horizon horizon;
  private final SoftViConfig planning;
  private final StateVisitation.Solver visitationSolver;
  /** b = D̂ − γ·(1/N) Σ_n Σ_t γ^t P(·|s_t, a_t), D = (I − γP_πᵀ)^{-1} b
   * ({@link Horizon#STATIONARY} only). */
  private final double[] stationaryStart;

  /**
   * The objective of a problem.
   *
   * @param problem the IRL problem. Not modified.
   * @param horizon finite, discounted or stationary
   * @param planning soft VI settings: τ (1 in the pinned objective) and, for a discounted solve,
   *     tolerance, cap, kernel and method
   */
  public MaxEntObjective(IrlProblem problem, Horizon horizon, SoftViConfig planning) {
    this(problem, horizon, planning, StateVisitation.Solver.AUTO);
  }

  /**
   * The objective of a problem, with a choice of how {@link Horizon#STATIONARY} solves
   * D = (I − γP_πᵀ)^{-1} b ({@link StateVisitation#discountedSigned}): AUTO (the default) the
   * banded exact solve where it is cheaper than the series (on ObjectWorld 32×32, 0.7 ms
   * against 4.4 ms), SERIES the series to 1e-15 (what the published IRL sweeps ran: the two
   * agree to ~1e-15 of |b|₁/(1 − γ), but deep MaxEnt's training amplifies that difference into
   * another fitted reward), EXACT always the banded solve.
   *
   * @param visitationSolver how the stationary visitation is solved (unused by the other
   *     horizons)
   */
  public MaxEntObjective(IrlProblem problem, Horizon horizon, SoftViConfig planning,
      StateVisitation.Solver visitationSolver) {
    this.problem = Check.notNull("problem", problem);
    this.horizon = Check.notNull("horizon", horizon);
    this.planning = Check.notNull("planning", planning);
    this.visitationSolver = Check.notNull("visitationSolver", visitationSolver);
    this.stationaryStart = horizon == Horizon.STATIONARY ? stationaryStart(problem) : null;
  }

  /** The problem. */
  public IrlProblem problem() {
    return problem;
  }

  /** Finite, discounted or stationary. */
  public Horizon horizon() {
    return horizon;
  }

  /** The soft VI settings. */
  public SoftViConfig planning() {
    return planning;
  }

  /** How the stationary visitation is solved. */
  public StateVisitation.Solver visitationSolver() {
    return visitationSolver;
  }

  /**
   * Evaluates g, ℓ and the gradient ∂g/∂r = D − D̂ at a state reward.
   *
   * @param stateReward r(s), length S, finite. Not modified.
   * @param gradient ∂g/∂r(s) = D(s) − D̂(s), length S, or null. Modified.
   * @return g, ℓ and the policies
   */
  public Evaluation evaluate(double[] stateReward, double[] gradient) {
    final TabularMdp mdp = problem.mdp();
    final int numStates = mdp.numStates();
    if (stateReward.length != numStates) {
      throw new IllegalArgumentException("reward must have length S = " + numStates + ", got "
          + stateReward.length);
    }
    if (gradient != null && gradient.length != numStates) {
      throw new IllegalArgumentException("gradient must have length S = " + numStates
          + ", got " + gradient.length);
    }
    final TabularMdp withReward = mdp.withStateRewards(stateReward);
    final double[] d0 = problem.startDistribution();
    final double gamma = mdp.gamma();
    final TabularPolicy[] policies;
    final double[] v0;
    final double logLik;
    if (horizon == Horizon.FINITE) {
      FiniteHorizonSolution sol = SoftValueIteration.solveFiniteHorizon(withReward, planning,
          null, problem.horizon(), gamma);
      policies = sol.policies();
      v0 = sol.v()[0];
      logLik = logLikelihood(sol.q(), sol.v(), false);
    } else {
      Solution sol = SoftValueIteration.solve(withReward, planning);
      policies = new TabularPolicy[] {sol.policy()};
      v0 = sol.v();
      logLik = logLikelihood(new double[][] {sol.q()}, new double[][] {sol.v()}, true);
    }
    double startValue = 0;
    double linear = 0;
    final double[] dHat = problem.empiricalVisitation();
    for (int s = 0; s < numStates; s++) {
      startValue += d0[s] * v0[s];
      linear += stateReward[s] * dHat[s];
    }
    if (gradient != null) {
      double[] d = visitation(policies);
      for (int s = 0; s < numStates; s++) {
        gradient[s] = d[s] - dHat[s];
      }
    }
    double dual = horizon == Horizon.STATIONARY ? -planning.temperature() * logLik
        : startValue - linear;
    return new Evaluation(dual, logLik, policies, startValue);
  }

  /**
   * The model's discounted visitation D(s) under the given policies from the problem's start
   * ({@link Horizon#STATIONARY}: from b, above), with terminal states left out.
   *
   * @param policies π_t for t &lt; T (finite) or one stationary π. Not modified.
   */
  public double[] visitation(TabularPolicy[] policies) {
    final TabularMdp mdp = problem.mdp();
    final double[] d;
    if (horizon == Horizon.FINITE) {
      // the planning config's kernel for the forward pass too (AUTO: the grid one for
      // uniform-slip dynamics, as the backward pass)
      d = StateVisitation.finiteHorizon(mdp, policies, problem.startDistribution(), mdp.gamma(),
          null, null, planning.kernel());
    } else if (horizon == Horizon.DISCOUNTED) {
      d = StateVisitation.discounted(mdp, policies[0], problem.startDistribution());
    } else {
      d = StateVisitation.discountedSigned(mdp, policies[0], stationaryStart, visitationSolver);
    }
    for (int s = 0; s < d.length; s++) {
      if (mdp.isTerminal(s)) {
        d[s] = 0;
      }
    }
    return d;
  }

  /** b = D̂ − γ·(1/N) Σ_n Σ_{t&lt;min(L_n, T)} γ^t P(·|s_t, a_t) over the non-terminal steps. */
  private static double[] stationaryStart(IrlProblem problem) {
    final TabularMdp mdp = problem.mdp();
    final Demonstrations demos = problem.demos();
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] next = mdp.successors();
    final double[] prob = mdp.probabilities();
    final double[] out = problem.empiricalVisitation().clone();
    final double gamma = mdp.gamma();
    for (int n = 0; n < demos.size(); n++) {
      double c = gamma / demos.size();
      final int len = Math.min(demos.length(n), problem.horizon());
      for (int t = 0; t < len; t++) {
        final int s = demos.state(n, t);
        if (!mdp.isTerminal(s)) {
          final int row = s * numActions + demos.action(n, t);
          for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
            out[next[k]] -= c * prob[k];
          }
        }
        c *= gamma;
      }
    }
    return out;
  }

  /** ℓ = (1/N) Σ_n Σ_t γ^t (Q_t(s,a) − V_t(s))/τ over non-terminal steps t &lt; T. */
  private double logLikelihood(double[][] q, double[][] v, boolean stationary) {
    final Demonstrations demos = problem.demos();
    final TabularMdp mdp = problem.mdp();
    final int numActions = mdp.numActions();
    final double gamma = mdp.gamma();
    final int horizonT = problem.horizon();
    final double temperature = planning.temperature();
    double total = 0;
    for (int n = 0; n < demos.size(); n++) {
      double c = 1;
      final int len = Math.min(demos.length(n), horizonT);
      for (int t = 0; t < len; t++) {
        final int s = demos.state(n, t);
        if (!mdp.isTerminal(s)) {
          final int k = stationary ? 0 : t;
          total += c * (q[k][s * numActions + demos.action(n, t)] - v[k][s]) / temperature;
        }
        c *= gamma;
      }
    }
    return total / demos.size();
  }
}
