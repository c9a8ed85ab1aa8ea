package org.gridrl.irl;

import java.util.Arrays;
import java.util.Objects;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.TrainingListener;

/**
 * Max-margin feature matching with a linear reward r(s) = φ(s)ᵀw, in the lecture's two forms.
 * Feature expectations of a policy π are those of the problem: μ(π) = Σ_s D_π(s) φ(s) with
 * D_π(s) = Σ_{t&lt;T} γ^t Pr(s_t = s) from the problem's start (terminals left out), matched
 * against the demonstrations' μ_D; "optimal for w" means the greedy policy of hard value
 * iteration (core.planning.ValueIteration) for r = Φw.
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
 * Metrics: {@value #MARGIN} = t_i, {@value #FEATURE_GAP} = |μ_D − μ(π_i)|, {@value #DEMO_MATCH}.
 *
 * <p><b>Structured max-margin with slack</b> (Ratliff, Bagnell &amp; Zinkevich 2006):
 * <pre>
 *   min_w ½|w|² + C·ξ   s.t.  wᵀμ_D ≥ wᵀμ(π) + D(π) − ξ  for all π,
 *   D(π) = Σ_s D_π(s) [π(s) ≠ π_D(s)]     (π_D(s) the demonstrated action; unvisited: 0)
 * </pre>
 * solved by the subgradient method: loss-augmented planning π̂ = optimal for r(s,a) = φ(s)ᵀw +
 * [a ≠ π_D(s)], ξ = max(0, wᵀ(μ(π̂) − μ_D) + D(π̂)), subgradient w + C(μ(π̂) − μ_D) (w alone if
 * ξ = 0), a normalised step of length α/√i along it (features of any scale). It returns the w of the lowest objective seen. Metrics: {@value #OBJECTIVE},
 * {@value #SLACK}, {@value #FEATURE_GAP} = |μ(π̂) − μ_D|.
 */
public final class MaxMarginIrl {

  /** t_i = |μ_D − μ̄_{i−1}| (projection). */
  public static final String MARGIN = "irl/margin";
  /** |μ_D − μ(π_i)|. */
  public static final String FEATURE_GAP = "irl/feature_gap";
  /** Fraction of demonstrated non-terminal steps whose action the policy takes (projection). */
  public static final String DEMO_MATCH = "irl/demo_match";
  /** ½|w|² + C·ξ (structured). */
  public static final String OBJECTIVE = "irl/objective";
  /** ξ (structured). */
  public static final String SLACK = "irl/slack";

  private MaxMarginIrl() {
  }

  /** Fits without a listener. */
  public static IrlResult train(IrlProblem problem, MaxMarginConfig config) {
    return train(problem, config, TrainingListener.NONE);
  }

  /**
   * Fits a linear reward by the configured method.
   *
   * @param problem MDP, features, demonstrations, horizon, start. Not modified.
   * @param config hyperparameters.
   * @param listener receives the metrics above each iteration; null means none.
   */
  public static IrlResult train(IrlProblem problem, MaxMarginConfig config,
      TrainingListener listener) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(config, "config");
    return config.method() == MaxMarginConfig.Method.PROJECTION
        ? projection(problem, config, listener) : structured(problem, config, listener);
  }

  private static IrlResult projection(IrlProblem problem, MaxMarginConfig config,
      TrainingListener listener) {
    final MetricsRecorder recorder = new MetricsRecorder();
    final TrainingListener l = new Listeners(recorder, listener);
    final StateFeatures phi = problem.features();
    final TabularMdp mdp = problem.mdp();
    final int k = phi.numFeatures();
    final double[] muD = problem.empiricalFeatures();
    final double[] muBar = featureExpectations(problem,
        TabularPolicy.uniform(mdp.numStates(), mdp.numActions()), null);
    final double[] w = new double[k];
    final double[] reward = new double[mdp.numStates()];
    double[] bestW = new double[k];
    double bestMatch = Double.NEGATIVE_INFINITY;
    boolean converged = false;
    double margin = Double.NaN;
    final long start = System.nanoTime();
    int it = 0;
    while (it < config.maxIterations()) {
      it++;
      for (int i = 0; i < k; i++) {
        w[i] = muD[i] - muBar[i];
      }
      margin = norm(w);
      l.onScalar(it, MARGIN, margin);
      if (margin <= config.tolerance()) {
        converged = true;
        l.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
        break;
      }
      TabularPolicy pi = ValueIteration.solve(mdp.withStateRewards(phi.linear(w, reward)))
          .policy();
      double[] mu = featureExpectations(problem, pi, null);
      double gap = distance(mu, muD);
      double match = demoMatch(problem, pi);
      l.onScalar(it, FEATURE_GAP, gap);
      l.onScalar(it, DEMO_MATCH, match);
      l.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
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
    return finish("max-margin-projection", problem, bestW, it, converged, margin, recorder,
        config);
  }

  private static IrlResult structured(IrlProblem problem, MaxMarginConfig config,
      TrainingListener listener) {
    final MetricsRecorder recorder = new MetricsRecorder();
    final TrainingListener l = new Listeners(recorder, listener);
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
    final double[] loss = new double[1];
    final double[] grad = new double[k];
    double[] bestW = w.clone();
    double bestObjective = Double.POSITIVE_INFINITY;
    double gradNorm = Double.NaN;
    boolean converged = false;
    final long start = System.nanoTime();
    int it = 0;
    while (it < config.maxIterations()) {
      it++;
      phi.linear(w, reward);
      for (int s = 0; s < numStates; s++) {
        for (int a = 0; a < numActions; a++) {
          augmented[s * numActions + a] = reward[s] + (expert[s] >= 0 && a != expert[s] ? 1 : 0);
        }
      }
      TabularPolicy piHat = ValueIteration.solve(mdp.withRewards(augmented)).policy();
      double[] mu = featureExpectations(problem, piHat, new LossSpec(expert, loss));
      double margin = loss[0];
      double wSq = 0;
      for (int i = 0; i < k; i++) {
        margin += w[i] * (mu[i] - muD[i]);
        wSq += w[i] * w[i];
      }
      double slack = Math.max(0, margin);
      double objective = 0.5 * wSq + cSlack * slack;
      l.onScalar(it, OBJECTIVE, objective);
      l.onScalar(it, SLACK, slack);
      l.onScalar(it, FEATURE_GAP, distance(mu, muD));
      l.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
      if (objective < bestObjective) {
        bestObjective = objective;
        bestW = w.clone();
      }
      double sq = 0;
      for (int i = 0; i < k; i++) {
        grad[i] = w[i] + (slack > 0 ? cSlack * (mu[i] - muD[i]) : 0);
        sq += grad[i] * grad[i];
      }
      gradNorm = Math.sqrt(sq);
      if (gradNorm <= config.tolerance()) {
        converged = true;
        break;
      }
      final double step = config.learningRate() / (Math.sqrt(it) * gradNorm);
      for (int i = 0; i < k; i++) {
        w[i] -= step * grad[i];
      }
    }
    return finish("max-margin-structured", problem, bestW, it, converged, bestObjective,
        recorder, config);
  }

  private static IrlResult finish(String name, IrlProblem problem, double[] w, int iterations,
      boolean converged, double finalMetric, MetricsRecorder recorder, Record config) {
    double[] reward = problem.features().linear(w, null);
    TabularPolicy pi = ValueIteration.solve(problem.mdp().withStateRewards(reward)).policy();
    return new IrlResult(name, w, reward, pi, iterations, converged, finalMetric,
        recorder.rows(), config);
  }

  /** The expert's action per state and an out-slot for D(π). */
  private record LossSpec(int[] expert, double[] out) {
  }

  /**
   * μ(π) = Σ_s D_π(s) φ(s) with the problem's T, γ and start (terminals left out); with a loss
   * spec also D(π) = Σ_s D_π(s) [π(s) ≠ π_D(s)] for a deterministic π.
   */
  static double[] featureExpectations(IrlProblem problem, TabularPolicy pi, LossSpec lossSpec) {
    final TabularMdp mdp = problem.mdp();
    TabularPolicy[] policies = new TabularPolicy[problem.horizon()];
    Arrays.fill(policies, pi);
    double[] d = StateVisitation.finiteHorizon(mdp, policies, problem.startDistribution(),
        mdp.gamma());
    double loss = 0;
    for (int s = 0; s < d.length; s++) {
      if (mdp.isTerminal(s)) {
        d[s] = 0;
      } else if (lossSpec != null && lossSpec.expert()[s] >= 0) {
        loss += d[s] * (1 - pi.probability(s, lossSpec.expert()[s]));
      }
    }
    if (lossSpec != null) {
      lossSpec.out()[0] = loss;
    }
    return IrlProblem.transposeTimes(problem.features(), d,
        new double[problem.features().numFeatures()]);
  }

  /** The fraction of demonstrated non-terminal steps (s_t, a_t) with argmax π(·|s_t) = a_t. */
  static double demoMatch(IrlProblem problem, TabularPolicy pi) {
    final Demonstrations demos = problem.demos();
    final TabularMdp mdp = problem.mdp();
    int match = 0;
    int count = 0;
    for (int n = 0; n < demos.size(); n++) {
      for (int t = 0; t < demos.length(n); t++) {
        int s = demos.state(n, t);
        if (!mdp.isTerminal(s)) {
          count++;
          if (pi.greedyAction(s) == demos.action(n, t)) {
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
