package org.gridrl.core.pg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.DiagGaussian;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.Rng;

/**
 * π_θ(a|s) = N(μ_θ(s), diag exp(2 log σ)) with μ_θ an {@link Mlp} and log σ a state-independent
 * 1 × d parameter (named {@code log_std}, last in {@link #parameters()}); the distribution is
 * {@link DiagGaussian}. Actions are unbounded; the environment clips them.
 */
public final class GaussianPolicy implements Policy {

  private final Mlp net;
  private final Parameter logStd;
  private final List<Parameter> parameters;
  /** Rebound by {@link #evaluate(Tape, Tensor, List, DMatrixRMaj, int[], Evaluation)}. */
  private DiagGaussian reused;

  /**
   * A policy over the mean network {@code net} with log σ initialised to {@code initLogStd}.
   */
  public GaussianPolicy(Mlp net, double initLogStd) {
    if (!Double.isFinite(initLogStd)) {
      throw new IllegalArgumentException("initLogStd must be finite, got " + initLogStd);
    }
    this.net = net;
    int[] s = net.sizes();
    DMatrixRMaj ls = new DMatrixRMaj(1, s[s.length - 1]);
    ls.fill(initLogStd);
    this.logStd = new Parameter("log_std", ls);
    List<Parameter> ps = new ArrayList<>(net.parameters());
    ps.add(logStd);
    this.parameters = Collections.unmodifiableList(ps);
  }

  /** An MLP mean obsDim → hidden… → actionDim (tanh, orthogonal init, output gain 0.01). */
  public static GaussianPolicy mlp(int obsDim, int[] hidden, int actionDim, double initLogStd,
      Rng rng) {
    return new GaussianPolicy(new Mlp(CategoricalPolicy.sizes(obsDim, hidden, actionDim),
        Activation.TANH, Init.orthogonal(Math.sqrt(2)), Init.orthogonal(0.01), rng), initLogStd);
  }

  @Override
  public int observationDim() {
    return net.sizes()[0];
  }

  @Override
  public int actionDim() {
    int[] s = net.sizes();
    return s[s.length - 1];
  }

  @Override
  public boolean discrete() {
    return false;
  }

  @Override
  public Module network() {
    return net;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    return net.forward(tape, x, params, offset);
  }

  /** The distributions π_θ(·|s_i) for each row of obs. */
  public DiagGaussian distribution(Tape tape, Tensor obs, List<Tensor> params) {
    int n = net.parameters().size();
    return new DiagGaussian(tape, net.forward(tape, obs, params, 0), params.get(n));
  }

  @Override
  public Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
      int[] actionIndices) {
    return evaluate(tape, obs, params, actions, actionIndices, null);
  }

  /** Allocates nothing when {@code out} is given: rebinds a distribution this policy keeps. */
  @Override
  public Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
      int[] actionIndices, Evaluation out) {
    if (actions == null) {
      throw new IllegalArgumentException("a Gaussian policy needs continuous actions");
    }
    Tensor mean = net.forward(tape, obs, params, 0);
    Tensor logStdT = params.get(net.parameters().size());
    DiagGaussian d;
    if (out == null) {
      d = new DiagGaussian(tape, mean, logStdT);
    } else if (reused == null) {
      d = reused = new DiagGaussian(tape, mean, logStdT);
    } else {
      d = reused.set(tape, mean, logStdT);
    }
    Tensor logProb = d.logProb(tape.constant(actions));
    Tensor entropy = d.entropy();
    return out == null ? new Evaluation(logProb, entropy) : out.set(logProb, entropy);
  }

  @Override
  public void act(Tape tape, DMatrixRMaj obs, Rng rng, DMatrixRMaj actionsOut,
      double[] logProbOut) {
    DiagGaussian d = distribution(tape, tape.constant(obs), bind(tape));
    d.sample(rng, actionsOut);
    for (int i = 0; i < obs.numRows; i++) {
      logProbOut[i] = d.logProbValue(i, actionsOut.data, i * actionDim());
    }
  }
}
