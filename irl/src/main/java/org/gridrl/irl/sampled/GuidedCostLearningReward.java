package org.gridrl.irl.sampled;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * GCL's learned reward r_θ(o, a) = f_θ([o, e(a)]): an {@link Mlp} over the observation with the
 * action appended, e(a) the one-hot vector of a discrete action (length A) or a continuous action
 * as it is (length actionDim). {@link LearnedReward.Inputs#STATE_ACTION}. Evaluation builds a
 * tape per call, so several threads may read one reward at once (no one trains it then).
 */
public final class GuidedCostLearningReward implements LearnedReward {

  private final Mlp network;
  private final int obsDim;
  private final int actionDim;
  private final int numActions;

  /**
   * A reward over the given network, whose input size must be {@code obsDim + } (numActions
   * for discrete actions, else actionDim).
   *
   * @param network f_θ, inputDim → 1. Not modified here; trained by {@link GuidedCostLearning}.
   * @param obsDim the observation length ≥ 1
   * @param actionDim the action length (1 for discrete actions) ≥ 1
   * @param numActions the number of discrete actions, or 0 for continuous actions
   */
  public GuidedCostLearningReward(Mlp network, int obsDim, int actionDim, int numActions) {
    Check.notNull("network", network);
    Check.positive("obsDim", obsDim);
    Check.positive("actionDim", actionDim);
    Check.nonNegative("numActions", numActions);
    Check.argument(numActions == 0 || actionDim == 1, "discrete actions need actionDim 1, got %s",
        actionDim);
    int[] sizes = network.sizes();
    int in = inputDim(obsDim, actionDim, numActions);
    Check.argument(sizes[0] == in && sizes[sizes.length - 1] == 1,
        "the network must map %s inputs to 1 output, got %s -> %s", in, sizes[0],
        sizes[sizes.length - 1]);
    this.network = network;
    this.obsDim = obsDim;
    this.actionDim = actionDim;
    this.numActions = numActions;
  }

  /**
   * A fresh reward network obsDim + |e(a)| → hidden… → 1: the hidden layers orthogonal with
   * gain √2, the output layer with gain 0.1 so that r_θ starts near 0.
   *
   * @param rng the initialisation stream. Modified.
   */
  static GuidedCostLearningReward create(int obsDim, int actionDim, int numActions,
      List<Integer> hidden, Activation activation, Rng rng) {
    int in = inputDim(obsDim, actionDim, numActions);
    int[] sizes = new int[hidden.size() + 2];
    sizes[0] = in;
    for (int i = 0; i < hidden.size(); i++) {
      sizes[i + 1] = hidden.get(i);
    }
    sizes[sizes.length - 1] = 1;
    Mlp net = new Mlp(sizes, activation, Init.orthogonal(Math.sqrt(2)), Init.orthogonal(0.1),
        rng);
    return new GuidedCostLearningReward(net, obsDim, actionDim, numActions);
  }

  /** The input length obsDim + (numActions if discrete, else actionDim). */
  public static int inputDim(int obsDim, int actionDim, int numActions) {
    return obsDim + (numActions > 0 ? numActions : actionDim);
  }

  /**
   * Writes the network inputs [o_t, e(a_t)] of n rows.
   *
   * @param observations n × obsDim. Not modified.
   * @param actions n × actionDim (a discrete action as its index). Not modified.
   * @param n the rows
   * @param obsDim observation length
   * @param actionDim action length (1 when discrete)
   * @param numActions A, or 0 for continuous actions
   * @param out n × inputDim, row-major. Modified.
   * @return out
   */
  public static double[] input(double[] observations, double[] actions, int n, int obsDim,
      int actionDim, int numActions, double[] out) {
    int in = inputDim(obsDim, actionDim, numActions);
    for (int t = 0; t < n; t++) {
      int row = t * in;
      System.arraycopy(observations, t * obsDim, out, row, obsDim);
      if (numActions > 0) {
        double a = actions[t];
        Check.argument(a == Math.rint(a) && a >= 0 && a < numActions,
            "action of row %s must be an index in [0, %s), got %s", t, numActions, a);
        java.util.Arrays.fill(out, row + obsDim, row + in, 0.0);
        out[row + obsDim + (int) a] = 1.0;
      } else {
        System.arraycopy(actions, t * actionDim, out, row + obsDim, actionDim);
      }
    }
    return out;
  }

  /** f_θ, trained in place by {@link GuidedCostLearning#train}. */
  public Mlp network() {
    return network;
  }

  /** The network's input length. */
  public int inputDim() {
    return inputDim(obsDim, actionDim, numActions);
  }

  @Override
  public Inputs inputs() {
    return Inputs.STATE_ACTION;
  }

  @Override
  public int observationDim() {
    return obsDim;
  }

  @Override
  public double[] rewards(double[] observations, double[] actions, double[] nextObservations,
      int n, double[] out) {
    Check.argument(observations.length >= n * obsDim && actions.length >= n * actionDim
        && out.length >= n, "need %s rows of observations, actions and output", n);
    int in = inputDim();
    DMatrixRMaj x = DMatrixRMaj.wrap(n, in,
        input(observations, actions, n, obsDim, actionDim, numActions, new double[n * in]));
    Tape tape = new Tape();
    System.arraycopy(network.forward(tape, tape.constant(x)).value().data, 0, out, 0, n);
    return out;
  }
}
