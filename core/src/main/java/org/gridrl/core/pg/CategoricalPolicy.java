package org.gridrl.core.pg;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.Categorical;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.Rng;

/**
 * π_θ(a|s) = softmax(f_θ(s))_a with f_θ an {@link Mlp} from observations to K logits; the
 * distribution is {@link Categorical}.
 */
public final class CategoricalPolicy implements Policy {

  private final Mlp net;
  /** Rebound by {@link #evaluate(Tape, Tensor, List, DMatrixRMaj, int[], Evaluation)}. */
  private Categorical reused;

  /** A policy over the given trunk (its output size is the number of actions). */
  public CategoricalPolicy(Mlp net) {
    this.net = net;
  }

  /**
   * An MLP policy obsDim → hidden… → numActions, tanh hidden layers, orthogonal init (gain √2)
   * with a small output layer (gain 0.01) so the initial policy is nearly uniform.
   *
   * @param rng the initialisation stream. Modified.
   */
  public static CategoricalPolicy mlp(int obsDim, int[] hidden, int numActions, Rng rng) {
    return new CategoricalPolicy(new Mlp(sizes(obsDim, hidden, numActions), Activation.TANH,
        Init.orthogonal(Math.sqrt(2)), Init.orthogonal(0.01), rng));
  }

  static int[] sizes(int in, int[] hidden, int out) {
    int[] s = new int[hidden.length + 2];
    s[0] = in;
    System.arraycopy(hidden, 0, s, 1, hidden.length);
    s[s.length - 1] = out;
    return s;
  }

  /** The number of actions K. */
  public int numActions() {
    int[] s = net.sizes();
    return s[s.length - 1];
  }

  @Override
  public int observationDim() {
    return net.sizes()[0];
  }

  @Override
  public int actionDim() {
    return 1;
  }

  @Override
  public boolean discrete() {
    return true;
  }

  @Override
  public Module network() {
    return net;
  }

  @Override
  public List<Parameter> parameters() {
    return net.parameters();
  }

  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    return net.forward(tape, x, params, offset);
  }

  /** The distributions π_θ(·|s_i) for each row of obs. */
  public Categorical distribution(Tape tape, Tensor obs, List<Tensor> params) {
    return new Categorical(tape, net.forward(tape, obs, params, 0));
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
    if (actionIndices == null) {
      throw new IllegalArgumentException("a categorical policy needs discrete action indices");
    }
    Tensor logits = net.forward(tape, obs, params, 0);
    Categorical d;
    if (out == null) {
      d = new Categorical(tape, logits);
    } else if (reused == null) {
      d = reused = new Categorical(tape, logits);
    } else {
      d = reused.set(tape, logits);
    }
    Tensor logProb = d.logProb(actionIndices);
    Tensor entropy = d.entropy();
    return out == null ? new Evaluation(logProb, entropy) : out.set(logProb, entropy);
  }

  @Override
  public void act(Tape tape, DMatrixRMaj obs, Rng rng, DMatrixRMaj actionsOut,
      double[] logProbOut) {
    Categorical d = new Categorical(tape, net.forward(tape, tape.constant(obs)));
    int m = obs.numRows;
    actionsOut.reshape(m, 1);
    for (int i = 0; i < m; i++) {
      int a = d.sample(i, rng);
      actionsOut.data[i] = a;
      logProbOut[i] = d.logProbValue(i, a);
    }
  }

  /**
   * π(·|s) for every row of obs as an m × K matrix of probabilities (values only).
   *
   * @param out m × K, or null to allocate. Modified.
   */
  public DMatrixRMaj probabilities(Tape tape, DMatrixRMaj obs, DMatrixRMaj out) {
    Categorical d = new Categorical(tape, net.forward(tape, tape.constant(obs)));
    DMatrixRMaj lp = d.logProbs().value();
    if (out == null) {
      out = new DMatrixRMaj(lp.numRows, lp.numCols);
    } else {
      out.reshape(lp.numRows, lp.numCols);
    }
    for (int i = 0, n = lp.numRows * lp.numCols; i < n; i++) {
      out.data[i] = Math.exp(lp.data[i]);
    }
    return out;
  }
}
