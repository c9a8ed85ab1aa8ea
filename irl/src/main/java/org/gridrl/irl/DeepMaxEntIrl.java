package org.gridrl.irl;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * Maximum-entropy deep IRL (Wulfmeier, Ondrúška &amp; Posner 2015): the reward is an MLP of the
 * scaled features, r(s) = f_θ((φ(s) − m)/σ) with m, σ per feature from the training states
 * ({@link DeepMaxEntIrlConfig.InputScaling}), fitted to the same objective as
 * {@link MaxEntIrl} ({@link MaxEntObjective}):
 * <pre>
 *   min_θ g(r_θ) + (λ/2)|θ|²,   ∇_θ = J_θᵀ (D − D̂) + λθ,   J_θ = ∂r_θ/∂θ (S × |θ|)
 * </pre>
 * Each iteration: forward the network over all S states on a {@code core.autodiff.Tape}; soft
 * VI and state visitation for r_θ (core.planning) give ∂g/∂r = D − D̂ (the visitation gradient,
 * E[μ] − μ_D in state space); its vector-Jacobian product through the network
 * ({@code Tape.vjp}) is ∇_θ g; add the weight decay; an Adam step (core.optim). The scaling
 * m, σ (σ = 1 for a constant feature) is part of the model, so a transfer world's features go
 * through the same map. Soft VI runs with the config's {@link DeepMaxEntIrlConfig#planning()}
 * settings. Metrics as MaxEnt: {@value Metrics#DUAL}, {@value Metrics#LOG_LIKELIHOOD},
 * {@value Metrics#FEATURE_GAP} = |Φᵀ(D − D̂)|₂ on the raw features,
 * {@value Metrics#GRADIENT_NORM} = |∇_θ|₂ (the result's {@code finalMetric}).
 *
 * <p>The network's part of an iteration (forward, vector-Jacobian product, weight decay, Adam)
 * runs on one kept tape and allocates nothing after the first iteration (pinned by
 * {@code DeepMaxEntIrlAllocationTest}); what an iteration still allocates is the objective's
 * (soft VI and the visitation return new arrays, and {@code withStateRewards} a new MDP) and
 * the recorded metrics history.
 */
public final class DeepMaxEntIrl {

  /** The algorithm's name in a result's provenance. */
  public static final String NAME = "deep-maxent";

  private DeepMaxEntIrl() {
  }

  /**
   * A fitted network reward.
   *
   * @param result reward, policy, history, provenance with the config's seed (weights null)
   * @param network f_θ. Its parameters are this model's; do not train it further in place.
   * @param mean m per feature (see {@link DeepMaxEntIrlConfig.InputScaling})
   * @param scale σ per feature (1 for a constant feature)
   */
  public record Model(IrlResult<DeepMaxEntIrlConfig> result, Mlp network, double[] mean,
      double[] scale) {

    /** r(s) = f_θ((φ(s) − m)/σ) for every state of a world with the same feature columns. */
    public double[] reward(StateFeatures phi) {
      if (phi.numFeatures() != mean.length) {
        throw new IllegalArgumentException("the network takes " + mean.length
            + " features, got " + phi.numFeatures());
      }
      Tape tape = new Tape();
      Tensor r = network.forward(tape, tape.constant(standardised(phi, mean, scale)));
      return r.value().data.clone();
    }
  }

  /** Fits without a listener. */
  public static Model train(IrlProblem problem, DeepMaxEntIrlConfig config) {
    return train(problem, config, TrainingListener.NONE);
  }

  /**
   * Fits a network reward.
   *
   * @param problem MDP, features, demonstrations, horizon, start. Not modified.
   * @param config hyperparameters and the seed of the initial weights.
   * @param listener receives the metrics each iteration; null means none.
   */
  public static Model train(IrlProblem problem, DeepMaxEntIrlConfig config,
      TrainingListener listener) {
    Check.notNull("problem", problem);
    Check.notNull("config", config);
    final IrlRun<DeepMaxEntIrlConfig> run = new IrlRun<>(NAME, config, config.seed(), listener);
    final MaxEntObjective objective = new MaxEntObjective(problem, config.horizon(),
        config.planning(), config.visitationSolver());
    final StateFeatures phi = problem.features();
    final int numStates = phi.numStates();
    final int k = phi.numFeatures();

    final double[] mean = new double[k];
    final double[] scale = new double[k];
    final boolean minMax = config.inputScaling() == DeepMaxEntIrlConfig.InputScaling.MIN_MAX;
    for (int i = 0; i < k; i++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int s = 0; s < numStates; s++) {
        lo = Math.min(lo, phi.get(s, i));
        hi = Math.max(hi, phi.get(s, i));
        sum += phi.get(s, i);
      }
      if (minMax) {
        mean[i] = lo;
        scale[i] = hi > lo ? hi - lo : 1;
        continue;
      }
      mean[i] = sum / numStates;
      double ss = 0;
      for (int s = 0; s < numStates; s++) {
        double d = phi.get(s, i) - mean[i];
        ss += d * d;
      }
      double sd = Math.max(Math.sqrt(ss / numStates), (hi - lo) / 4);
      scale[i] = sd > 0 ? sd : 1;
    }
    final DMatrixRMaj x = standardised(phi, mean, scale);

    int[] sizes = new int[config.hidden().size() + 2];
    sizes[0] = k;
    for (int i = 0; i < config.hidden().size(); i++) {
      sizes[i + 1] = config.hidden().get(i);
    }
    sizes[sizes.length - 1] = 1;
    final Mlp net = new Mlp(sizes, config.activation(), Init.xavierUniform(),
        new Rng(config.seed()));
    final List<DMatrixRMaj> theta = net.parameterValues();
    final Adam adam = new Adam(theta, Adam.Config.defaults().withLearningRate(
        config.learningRate()));
    final List<DMatrixRMaj> grads = new ArrayList<>();
    final List<DMatrixRMaj> rawGrads = new ArrayList<>();
    for (DMatrixRMaj p : theta) {
      grads.add(new DMatrixRMaj(p.numRows, p.numCols));
      rawGrads.add(new DMatrixRMaj(p.numRows, p.numCols));
    }
    final double lambda = config.weightDecay();
    final double[] reward = new double[numStates];
    final double[] gradR = new double[numStates];
    final double[] gap = new double[k];
    final NetworkPass pass = new NetworkPass(net, x);

    MaxEntObjective.Evaluation eval = null;
    double gradNorm = Double.NaN;
    boolean converged = false;
    int it = 0;
    while (it < config.maxIterations()) {
      it++;
      // r = f_θ(x); the objective at r gives ∂g/∂r = D − D̂; ∇_θ g = J_θᵀ ∂g/∂r
      pass.forward(reward);
      eval = objective.evaluate(reward, gradR);
      pass.backward(gradR, rawGrads);
      double sq = 0;
      double thetaSq = 0;
      for (int i = 0; i < theta.size(); i++) {
        double[] gi = rawGrads.get(i).data;
        double[] pi = theta.get(i).data;
        double[] out = grads.get(i).data;
        for (int j = 0, n = theta.get(i).getNumElements(); j < n; j++) {
          out[j] = gi[j] + lambda * pi[j];
          sq += out[j] * out[j];
          thetaSq += pi[j] * pi[j];
        }
      }
      gradNorm = Math.sqrt(sq);
      IrlProblem.transposeTimes(phi, gradR, gap);
      double gapSq = 0;
      for (double v : gap) {
        gapSq += v * v;
      }
      MaxEntIrl.report(run, it, eval.dual() + 0.5 * lambda * thetaSq, eval.logLikelihood(),
          Math.sqrt(gapSq), gradNorm);
      if (gradNorm < config.gradientTolerance()) {
        converged = true;
        break;
      }
      if (it == config.maxIterations()) {
        break;
      }
      adam.step(grads);
    }
    return new Model(run.result(null, reward.clone(), eval.policies()[0], it, converged,
        gradNorm), net, mean, scale);
  }

  /**
   * One forward and backward pass: r = f_θ(x) on a fresh tape, the objective at r (which fills
   * ∂g/∂r), and ∇_θ g = J_θᵀ ∂g/∂r by a vector-Jacobian product.
   *
   * @param x the scaled features, S×k. Not modified.
   * @param reward r(s), length S. Modified.
   * @param gradR ∂g/∂r, length S. Modified.
   * @param seed an S×1 work matrix. Modified.
   * @param gradTheta ∇_θ g, one matrix per parameter in order. Modified.
   * @return the objective's evaluation at r
   */
  static MaxEntObjective.Evaluation backward(MaxEntObjective objective, Mlp net, DMatrixRMaj x,
      double[] reward, double[] gradR, DMatrixRMaj seed, List<DMatrixRMaj> gradTheta) {
    NetworkPass pass = new NetworkPass(net, x, seed);
    pass.forward(reward);
    MaxEntObjective.Evaluation eval = objective.evaluate(reward, gradR);
    pass.backward(gradR, gradTheta);
    return eval;
  }

  /**
   * The network's part of an iteration on one kept tape: {@link #forward} records r = f_θ(x),
   * {@link #backward} gives ∇_θ g = J_θᵀ ∂g/∂r by a vector-Jacobian product. The tape's pooled
   * tensors, the leaf and gradient lists and the seed are reused, so after the first pass a
   * forward and backward allocate nothing. Not thread-safe.
   */
  static final class NetworkPass {

    private final Mlp net;
    private final DMatrixRMaj x;
    private final DMatrixRMaj seed;
    private final Tape tape = new Tape();
    private final List<Tensor> params = new ArrayList<>();
    private final List<Tensor> grads = new ArrayList<>();
    private Tensor r;

    /**
     * A pass over the given network and inputs.
     *
     * @param net f_θ. Not modified (its parameters are read on every pass).
     * @param x the scaled features, S×k. Not modified (read on every pass).
     */
    NetworkPass(Mlp net, DMatrixRMaj x) {
      this(net, x, new DMatrixRMaj(x.numRows, 1));
    }

    /** As {@link #NetworkPass(Mlp, DMatrixRMaj)} with a caller's S×1 work matrix. */
    NetworkPass(Mlp net, DMatrixRMaj x, DMatrixRMaj seed) {
      this.net = net;
      this.x = x;
      this.seed = seed;
    }

    /**
     * r = f_θ(x) on the reset tape.
     *
     * @param reward r(s), length S. Modified.
     */
    void forward(double[] reward) {
      tape.reset();
      net.bind(tape, params);
      r = net.forward(tape, tape.constant(x), params);
      System.arraycopy(r.value().data, 0, reward, 0, reward.length);
    }

    /**
     * ∇_θ g = J_θᵀ ∂g/∂r through the last {@link #forward}.
     *
     * @param gradR ∂g/∂r, length S. Not modified.
     * @param gradTheta one matrix per parameter, in order. Modified.
     */
    void backward(double[] gradR, List<DMatrixRMaj> gradTheta) {
      System.arraycopy(gradR, 0, seed.data, 0, gradR.length);
      tape.vjp(r, tape.constant(seed), params, false, grads);
      for (int i = 0, n = grads.size(); i < n; i++) {
        gradTheta.get(i).setTo(grads.get(i).value());
      }
    }
  }

  /** The S×k matrix (φ(s) − m)/σ. */
  static DMatrixRMaj standardised(StateFeatures phi, double[] mean, double[] scale) {
    final int k = phi.numFeatures();
    DMatrixRMaj x = new DMatrixRMaj(phi.numStates(), k);
    for (int s = 0; s < phi.numStates(); s++) {
      for (int i = 0; i < k; i++) {
        x.data[s * k + i] = (phi.get(s, i) - mean[i]) / scale[i];
      }
    }
    return x;
  }
}
