package org.gridrl.irl.sampled;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.util.Check;

/**
 * A learned reward given by a trained network: r(o) = u(net(o)) or r(o, a) = u(net(o ⊕ enc(a))),
 * enc(a) one-hot for a discrete action and the raw vector for a continuous one, u the identity
 * (AIRL's g, GAIL's log D − log(1 − D)) or softplus (GAIL's −log(1 − D) = softplus(z)). Holds
 * the network by reference: the training run that made it no longer changes it once
 * {@code train} has returned. Thread-safe (a tape per call).
 */
final class NetworkReward implements LearnedReward {

  private final Mlp net;
  private final Inputs inputs;
  private final int obsDim;
  private final int actionDim;
  private final int numActions;
  private final boolean softplus;

  /**
   * @param net input obsDim (STATE) or obsDim + actionWidth (STATE_ACTION), output 1
   * @param inputs STATE or STATE_ACTION
   * @param numActions K for discrete actions, 0 for continuous
   * @param softplus whether r = softplus(net(·)) instead of net(·)
   */
  NetworkReward(Mlp net, Inputs inputs, int obsDim, int actionDim, int numActions,
      boolean softplus) {
    Check.argument(inputs != Inputs.TRANSITION, "a network reward reads o or (o, a)");
    int in = obsDim
        + (inputs == Inputs.STATE_ACTION ? Discriminator.actionWidth(actionDim, numActions) : 0);
    Check.argument(net.sizes()[0] == in, "the network reads %s inputs, expected %s",
        net.sizes()[0], in);
    this.net = net;
    this.inputs = inputs;
    this.obsDim = obsDim;
    this.actionDim = actionDim;
    this.numActions = numActions;
    this.softplus = softplus;
  }

  @Override
  public Inputs inputs() {
    return inputs;
  }

  @Override
  public int observationDim() {
    return obsDim;
  }

  @Override
  public double[] rewards(double[] observations, double[] actions, double[] nextObservations,
      int n, double[] out) {
    Check.argument(out.length >= n, "out has %s entries, expected at least %s", out.length, n);
    int in = net.sizes()[0];
    double[] x;
    if (inputs == Inputs.STATE) {
      x = observations;
    } else {
      x = Discriminator.stateActionRows(observations, actions, n, obsDim, actionDim, numActions,
          new double[n * in]);
    }
    DMatrixRMaj view = new DMatrixRMaj(1, 1);
    view.data = x;
    view.numRows = n;
    view.numCols = in;
    Tape tape = new Tape();
    Tensor z = net.forward(tape, tape.constant(view));
    double[] zv = z.value().data;
    for (int i = 0; i < n; i++) {
      out[i] = softplus ? softplus(zv[i]) : zv[i];
    }
    return out;
  }

  /** log(1 + e^z), stable for any z. */
  static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  @Override
  public String toString() {
    return "NetworkReward[" + inputs + ", " + (softplus ? "softplus of " : "")
        + java.util.Arrays.toString(net.sizes()) + "]";
  }
}
