package org.gridrl.core.nn;

import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;

/** Elementwise nonlinearities for hidden layers. */
public enum Activation {
  /** tanh(x). */
  TANH,
  /** max(x, 0). */
  RELU,
  /** 1/(1 + e^{−x}). */
  SIGMOID,
  /** log(1 + e^x). */
  SOFTPLUS,
  /** x. */
  IDENTITY;

  /** Applies the activation on the tape. */
  public Tensor apply(Tape tape, Tensor x) {
    switch (this) {
      case TANH:
        return tape.tanh(x);
      case RELU:
        return tape.relu(x);
      case SIGMOID:
        return tape.sigmoid(x);
      case SOFTPLUS:
        return tape.softplus(x);
      default:
        return x;
    }
  }
}
