package org.gridrl.irl;

import java.util.Arrays;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.TrainingListener;

/**
 * Max-margin feature matching with a linear reward r(s) = φ(s)ᵀw, in the lecture's two forms.
 * Feature expectations of a policy π are those of the problem: μ(π) = Σ_s D_π(s) φ(s) with
 * D_π(s) = Σ_{t&lt;T} γ^t Pr(s_t = s) from the problem's start (terminals left out), matched
 * against the demonstrations' μ_D; "optimal for w" means the time-indexed policy π_0..π_{T−1} of
 * finite-horizon hard value iteration ({@code ValueIteration.solveFiniteHorizon}, T and γ of the
 * problem) for r = Φw, which maximises exactly the wᵀμ(π) the margins are made of (a stationary
 * policy of infinite-horizon value iteration only approximates it).
 *
 * <p><b>Projection</b> (Abbeel &amp; Ng 2004, §3.1): μ̄_0 = μ(π_0) for the uniform π_0; then
 * <pre>
 *   w_i = μ_D − μ̄_{i−1},  t_i = |w_i|  (stop if t_i ≤ tolerance);  π_i optimal for w_i;
 *   μ̄_i = μ̄_{i−1} + [(μ_i − μ̄_{i−1})ᵀ(μ_D − μ̄_{i−1}) / |μ_i − μ̄_{i−1}|²] (μ_i − μ̄_{i−1})
 * </pre>
 * The paper returns the set {π_i} (to be mixed, or picked from by hand); this returns one reward,
 * the w_i whose optimal policy takes the demonstrated action at the most demonstrated steps
 * (the first among ties). Picking instead the π_i with the smallest |μ_D − μ(π_i)| fits
 * sampling noise in μ_D: on the 5×5 slip-0.3 grid it picked policies wrong in 3 of 25 states.
 * Metrics: {@value Metrics#MARGIN} = t_i (the result's {@code finalMetric}), {@value
 * Metrics#FEATURE_GAP} = |μ_D − μ(π_i)|, {@value Metrics#DEMO_MATCH}.
 *
 * <p><b>Structured max-margin with slack</b> (Ratliff, Bagnell &amp; Zinkevich 2006):
 * <pre>
 *   min_w ½|w|² + C·ξ   s.t.  wᵀμ_D ≥ wᵀμ(π) + D(π) − ξ  for all π,
 *   D(π) = Σ_s D_π(s) [π(s) ≠ π_D(s)]     (π_D(s) the demonstrated action; unvisited: 0)
 * </pre>
 * with D_π counted per step for a time-indexed π, solved by the subgradient method:
 * loss-augmented planning π̂ = optimal for r(s,a) = φ(s)ᵀw + [a ≠ π_D(s)], whose value from
 * the start distribution is max_π wᵀμ(π) + D(π) exactly, so ξ = max(0, Σ_s d_0(s)V̂_0(s) −
 * wᵀμ_D), subgradient w + C(μ(π̂) − μ_D) (w alone if
 * ξ = 0), a normalised step of length α/√i along it (features of any scale). It returns the w
 * of the lowest objective seen (that objective is the result's {@code finalMetric}). Metrics:
 * {@value Metrics#OBJECTIVE}, {@value Metrics#SLACK}, {@value Metrics#FEATURE_GAP} =
 * |μ(π̂) − μ_D|, {@value Metrics#GRADIENT_NORM} = the subgradient's norm, the stopping quantity.
 *
 * <p>Either form may end unconverged: at its cap of iterations, or (projection) when the new
 * policy's μ_i adds nothing, so μ̄ cannot move closer to μ_D. The result says so
 * ({@link IrlResult#converged()}, {@link IrlResult#stoppedAtCap()},
 * {@link IrlResult#describeEnd()}).
 *
 * <p>Both forms return the learned w with the greedy optimal policy of infinite-horizon value
 * iteration for r = Φw.
 */
public final class MaxMarginIrl {

  /** The projection method's name in a result's provenance. */
  public static final String PROJECTION = "max-margin-projection";
  /** Structured max-margin's name in a result's provenance. */
  public static final String STRUCTURED = "max-margin-structured";

  private MaxMarginIrl() {
  }

  /** Fits without a listener. */
  public static IrlResult<MaxMarginConfig> train(IrlProblem problem, MaxMarginConfig config) {
    return train(problem, config, TrainingListener.NONE);
  }

  /**
   * Fits a linear reward by the configured method.
   *
   * @param problem MDP, features, demonstrations, horizon, start. Not modified.
   * @param config hyperparameters.
   * @param listener receives the metrics above each iteration; null means none.
   */
  public static IrlResult<MaxMarginConfig> train(IrlProblem problem, MaxMarginConfig config,
      TrainingListener listener) {
    Check.notNull("problem", problem);
    Check.notNull("config", config);
    return config.method() == MaxMarginConfig.Method.PROJECTION
        ? projection(problem, new IrlRun<>(PROJECTION, config, 0L, listener))
        : structured(problem, new IrlRun<>(STRUCTURED, config, 0L, listener));
  }

  private static IrlResult<MaxMarginConfig> projection(IrlProblem problem,
      IrlRun<MaxMarginConfig> run) {
    final MaxMarginConfig config = run.config();
    final StateFeatures phi = problem.features();
    final TabularMdp mdp = problem.mdp();
    final int k = phi.numFeatures();
    final double[] muD = problem.empiricalFeatures();
    final TabularPolicy[] uniform = new TabularPolicy[problem.horizon()];
    Arrays.fill(uniform, TabularPolicy.uniform(mdp.numStates(), mdp.numActions()));
    final double[] muBar = featureExpectations(problem, uniform);
    final double[] w = new double[k];
    final double[] reward = new double[mdp.numStates()];
    double[] bestW = new double[k];
    double bestMatch = Double.NEGATIVE_INFINITY;
    boolean converged = false;
    double margin = Double.NaN;
    int it = 0;
    while (it < config.maxIterations()) {
      it++;
      for (int i = 0; i < k; i++) {
        w[i] = muD[i] - muBar[i];
      }
      margin = norm(w);
      run.onScalar(it, Metrics.MARGIN, margin);
      if (margin <= config.tolerance()) {
        converged = true;
        run.endIteration(it);
        break;
      }
      TabularPolicy[] pi = plan(problem, mdp.withStateRewards(phi.linear(w, reward))).policies();
      double[] mu = featureExpectations(problem, pi);
      double gap = distance(mu, muD);
      double match = demoMatch(problem, pi);
      run.onScalar(it, Metrics.FEATURE_GAP, gap);
      run.onScalar(it, Metrics.DEMO_MATCH, match);
      run.endIteration(it);
      if (match > bestMatch) {
        bestMatch = match;
        bestW = w.clone();
      }
      double num = 0;
      double den = 0;
      for (int i = 0; i < k; i++) {
        double step = mu[i] - muBar[i];
        num += step * (muD[i] - muBar[i]);
        den += step * step;
      }
      if (den == 0) {
        break; // the new policy adds nothing: μ̄ cannot move closer
      }
      double c = num / den;
      for (int i = 0; i < k; i++) {
        muBar[i] += c * (mu[i] - muBar[i]);
      }
    }
    if (bestMatch == Double.NEGATIVE_INFINITY) {
      bestW = w.clone(); // converged before planning once: μ_D = μ(uniform)
    }
    return finish(problem, run, bestW, it, converged, margin);
  }

  private static IrlResult<MaxMarginConfig> structured(IrlProblem problem,
      IrlRun<MaxMarginConfig> run) {
    final MaxMarginConfig config = run.config();
    final StateFeatures phi = problem.features();
    final TabularMdp mdp = problem.mdp();
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final int k = phi.numFeatures();
    final double cSlack = config.slackPenalty();
    final double[] muD = problem.empiricalFeatures();
    final int[] expert = problem.demos().modalActions();
    for (int s = 0; s < numStates; s++) {
      if (mdp.isTerminal(s)) {
        expert[s] = -1;
      }
    }
    final double[] w = new double[k];
    final double[] reward = new double[numStates];
    final double[] augmented = new double[numStates * numActions];
    final double[] grad = new double[k];
    final double[] mu = new double[k];
    double[] bestW = w.clone();
    double bestObjective = Double.POSITIVE_INFINITY;
    double gradNorm = Double.NaN;
    boolean converged = false;
    int it = 0;
    while (it < config.maxIterations()) {
      it++;
      phi.linear(w, reward);
      for (int s = 0; s < numStates; s++) {
        for (int a = 0; a < numActions; a++) {
          augmented[s * numActions + a] = reward[s] + (expert[s] >= 0 && a != expert[s] ? 1 : 0);
        }
      }
      double margin = lossAugmentedMargin(problem, w, augmented, muD, mu);
      double wSq = 0;
      for (int i = 0; i < k; i++) {
        wSq += w[i] * w[i];
      }
      double slack = Math.max(0, margin);
      double objective = 0.5 * wSq + cSlack * slack;
      double sq = 0;
      for (int i = 0; i < k; i++) {
        grad[i] = w[i] + (slack > 0 ? cSlack * (mu[i] - muD[i]) : 0);
        sq += grad[i] * grad[i];
      }
      gradNorm = Math.sqrt(sq);
      run.onScalar(it, Metrics.OBJECTIVE, objective);
      run.onScalar(it, Metrics.SLACK, slack);
      run.onScalar(it, Metrics.FEATURE_GAP, distance(mu, muD));
      run.onScalar(it, Metrics.GRADIENT_NORM, gradNorm);
      run.endIteration(it);
      if (objective < bestObjective) {
        bestObjective = objective;
        bestW = w.clone();
      }
      if (gradNorm <= config.tolerance()) {
        converged = true;
        break;
      }
      final double step = config.learningRate() / (Math.sqrt(it) * gradNorm);
      for (int i = 0; i < k; i++) {
        w[i] -= step * grad[i];
      }
    }
    return finish(problem, run, bestW, it, converged, bestObjective);
  }

  /** The result for w: r = Φw and the greedy optimal policy of infinite-horizon VI for it. */
  private static IrlResult<MaxMarginConfig> finish(IrlProblem problem,
      IrlRun<MaxMarginConfig> run, double[] w, int iterations, boolean converged,
      double finalMetric) {
    double[] reward = problem.features().linear(w, null);
    TabularPolicy pi = ValueIteration.solve(problem.mdp().withStateRewards(reward)).policy();
    return run.result(w, reward, pi, iterations, converged, finalMetric);
  }

  /** The optimal time-indexed policy for these rewards over the problem's T steps, discount γ. */
  private static FiniteHorizonSolution plan(IrlProblem problem, TabularMdp withRewards) {
    return ValueIteration.solveFiniteHorizon(withRewards, problem.horizon(),
        problem.mdp().gamma());
  }

  /**
   * The structured margin max_π [wᵀμ(π) + D(π)] − wᵀμ_D by loss-augmented planning, and μ(π̂) of
   * the maximiser π̂ into {@code mu}: the planner's value Σ_s d_0(s)V̂_0(s) is that max exactly
   * (same T, γ and start as μ; terminals earn nothing in either).
   *
   * @param augmented r(s,a) = φ(s)ᵀw + [a ≠ π_D(s)], S·A. Not modified.
   * @param mu receives μ(π̂). Modified.
   */
  static double lossAugmentedMargin(IrlProblem problem, double[] w, double[] augmented,
      double[] muD, double[] mu) {
    FiniteHorizonSolution plan = plan(problem, problem.mdp().withRewards(augmented));
    System.arraycopy(featureExpectations(problem, plan.policies()), 0, mu, 0, mu.length);
    double[] d0 = problem.startDistribution();
    double margin = 0;
    for (int s = 0; s < d0.length; s++) {
      margin += d0[s] * plan.v()[0][s];
    }
    for (int i = 0; i < w.length; i++) {
      margin -= w[i] * muD[i];
    }
    return margin;
  }

  /**
   * μ(π) = Σ_s D_π(s) φ(s) for the time-indexed π_0..π_{T−1}, with the problem's T, γ and start
   * (terminals left out).
   */
  static double[] featureExpectations(IrlProblem problem, TabularPolicy[] policies) {
    final TabularMdp mdp = problem.mdp();
    double[] d = StateVisitation.finiteHorizon(mdp, policies, problem.startDistribution(),
        mdp.gamma());
    for (int s = 0; s < d.length; s++) {
      if (mdp.isTerminal(s)) {
        d[s] = 0;
      }
    }
    return IrlProblem.transposeTimes(problem.features(), d,
        new double[problem.features().numFeatures()]);
  }

  /**
   * The fraction of demonstrated non-terminal steps (s_t, a_t) with argmax π_t(·|s_t) = a_t
   * (π_{T−1} for steps past the horizon).
   */
  static double demoMatch(IrlProblem problem, TabularPolicy[] pi) {
    final Demonstrations demos = problem.demos();
    final TabularMdp mdp = problem.mdp();
    int match = 0;
    int count = 0;
    for (int n = 0; n < demos.size(); n++) {
      for (int t = 0; t < demos.length(n); t++) {
        int s = demos.state(n, t);
        if (!mdp.isTerminal(s)) {
          count++;
          if (pi[Math.min(t, pi.length - 1)].greedyAction(s) == demos.action(n, t)) {
            match++;
          }
        }
      }
    }
    return count == 0 ? 1 : (double) match / count;
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
