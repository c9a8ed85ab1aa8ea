package org.gridrl.irl;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.TrainingListener;

/**
 * Maximum-entropy IRL with a linear reward r(s) = φ(s)ᵀw (Ziebart et al. 2008; the discounted
 * causal form of Ziebart, Bagnell &amp; Dey 2010). It minimises the convex dual
 * <pre>
 *   g(w) + (λ/2)|w|²,   g(w) = Σ_s d0(s) V_0(s) − wᵀμ_D,   ∇_w = E[μ] − μ_D + λw
 * </pre>
 * of {@link MaxEntObjective}, the lecture's loop:
 * <ol>
 *   <li>r = Φw;</li>
 *   <li>backward pass: soft value iteration for r (core.planning.SoftValueIteration);</li>
 *   <li>forward pass: discounted state visitation D of the soft-optimal policy from d0
 *       (core.planning.StateVisitation);</li>
 *   <li>gradient E[μ] − μ_D + λw with E[μ] = ΦᵀD; stop if its norm is below the tolerance;</li>
 *   <li>an Adam or exponentiated-gradient step on w.</li>
 * </ol>
 * Soft VI runs with the config's {@link MaxEntIrlConfig#planning()} settings. Weights start at 0
 * (the uniform-policy reward), so a fit is deterministic. Each iteration reports
 * {@value Metrics#DUAL}, {@value Metrics#LOG_LIKELIHOOD} (the γ^t-weighted demo log-likelihood,
 * mean over demonstrations), {@value Metrics#FEATURE_GAP} = |E[μ] − μ_D|₂ and
 * {@value Metrics#GRADIENT_NORM} (with the L2 term). The returned weights are the last evaluated
 * ones; the result's {@code finalMetric} is the last gradient norm. A fit that reaches the cap
 * first ends with {@code converged() == false}, as it often does at the defaults
 * ({@link MaxEntIrlConfig#defaults()}); {@link IrlResult#describeEnd()} says how it ended in one
 * line. (No library class prints: the caller decides whether that is a warning.)
 */
public final class MaxEntIrl {

  /** The algorithm's name in a result's provenance. */
  public static final String NAME = "maxent";

  private MaxEntIrl() {
  }

  /** Fits without a listener. */
  public static IrlResult<MaxEntIrlConfig> train(IrlProblem problem, MaxEntIrlConfig config) {
    return train(problem, config, TrainingListener.NONE);
  }

  /**
   * Fits a linear reward.
   *
   * @param problem MDP, features, demonstrations, horizon, start. Not modified.
   * @param config hyperparameters.
   * @param listener receives the metrics above each iteration; null means none.
   * @return weights, state reward, the soft-optimal π_0, the history and the provenance
   */
  public static IrlResult<MaxEntIrlConfig> train(IrlProblem problem, MaxEntIrlConfig config,
      TrainingListener listener) {
    Check.notNull("problem", problem);
    Check.notNull("config", config);
    final IrlRun<MaxEntIrlConfig> run = new IrlRun<>(NAME, config, 0L, listener);
    final MaxEntObjective objective = new MaxEntObjective(problem, config.horizon(),
        config.planning(), config.visitationSolver());
    final StateFeatures phi = problem.features();
    final int k = phi.numFeatures();
    final int numStates = phi.numStates();
    final double lambda = config.l2();

    final double[] w = new double[k];
    final double[] reward = new double[numStates];
    final double[] gradR = new double[numStates];
    final double[] gap = new double[k];
    final double[] grad = new double[k];
    final Step step = config.optimizer() == MaxEntIrlConfig.Optimizer.ADAM
        ? new Adam(w, config.learningRate()) : new ExponentiatedGradient(k, config.learningRate());

    MaxEntObjective.Evaluation eval = null;
    double gradNorm = Double.NaN;
    boolean converged = false;
    int it = 0;
    while (it < config.maxIterations()) {
      it++;
      phi.linear(w, reward);
      eval = objective.evaluate(reward, gradR);
      IrlProblem.transposeTimes(phi, gradR, gap);
      double sq = 0;
      double gapSq = 0;
      double wSq = 0;
      for (int i = 0; i < k; i++) {
        grad[i] = gap[i] + lambda * w[i];
        sq += grad[i] * grad[i];
        gapSq += gap[i] * gap[i];
        wSq += w[i] * w[i];
      }
      gradNorm = Math.sqrt(sq);
      report(run, it, eval.dual() + 0.5 * lambda * wSq, eval.logLikelihood(), Math.sqrt(gapSq),
          gradNorm);
      if (gradNorm < config.gradientTolerance()) {
        converged = true;
        break;
      }
      if (it == config.maxIterations()) {
        break;
      }
      step.apply(grad, w);
    }
    return run.result(w, reward.clone(), eval.policies()[0], it, converged, gradNorm);
  }

  /**
   * Reports one iteration of a MaxEnt-objective fit (this class's and {@link DeepMaxEntIrl}'s)
   * and ends it.
   */
  static void report(IrlRun<?> run, int it, double dual, double logLikelihood, double featureGap,
      double gradientNorm) {
    run.onScalar(it, Metrics.DUAL, dual);
    run.onScalar(it, Metrics.LOG_LIKELIHOOD, logLikelihood);
    run.onScalar(it, Metrics.FEATURE_GAP, featureGap);
    run.onScalar(it, Metrics.GRADIENT_NORM, gradientNorm);
    run.endIteration(it);
  }

  /** A first-order update of w from a gradient; allocation-free after construction. */
  interface Step {
    /** w ← w − step(∇). */
    void apply(double[] grad, double[] w);
  }

  /** Adam (Kingma &amp; Ba 2015) from core.optim, over w wrapped as a k×1 matrix. */
  static final class Adam implements Step {
    private final org.gridrl.core.optim.Adam adam;
    private final DMatrixRMaj gradient;
    private final List<DMatrixRMaj> gradients;

    Adam(double[] w, double lr) {
      this.adam = new org.gridrl.core.optim.Adam(List.of(DMatrixRMaj.wrap(w.length, 1, w)),
          org.gridrl.core.optim.Adam.Config.defaults().withLearningRate(lr));
      this.gradient = new DMatrixRMaj(w.length, 1);
      this.gradients = List.of(gradient);
    }

    @Override
    public void apply(double[] grad, double[] w) {
      System.arraycopy(grad, 0, gradient.data, 0, grad.length);
      adam.step(gradients);
    }
  }

  /** EG±: w = u − v, u ← u·exp(−η∇), v ← v·exp(η∇), u = v = 1 at the start. */
  static final class ExponentiatedGradient implements Step {
    private final double lr;
    private final double[] u;
    private final double[] v;

    ExponentiatedGradient(int k, double lr) {
      this.lr = lr;
      this.u = new double[k];
      this.v = new double[k];
      Arrays.fill(u, 1);
      Arrays.fill(v, 1);
    }

    @Override
    public void apply(double[] grad, double[] w) {
      for (int i = 0; i < w.length; i++) {
        final double e = Math.exp(-lr * grad[i]);
        u[i] *= e;
        v[i] /= e;
        w[i] = u[i] - v[i];
      }
    }
  }
}
