package org.gridrl.core.pg;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Module;
import org.gridrl.core.util.Rng;

/**
 * A stochastic policy π_θ(a|s) given by a network: for a batch of observations (m × obsDim) it
 * gives log π_θ(a_i|s_i) and the entropy H(π_θ(·|s_i)) as tensors (differentiable in θ), and
 * samples actions. θ is {@link #network()}'s parameter list (plus any extra parameter the head
 * owns, all in {@link #parameters()} order).
 *
 * <p>Implementations: {@link CategoricalPolicy} (discrete, logits from an MLP) and
 * {@link GaussianPolicy} (continuous, an MLP mean and a state-independent log σ).
 */
public interface Policy extends Module {

  /**
   * log π(a_i|s_i) and H(π(·|s_i)), each m × 1, as tensors on the tape of one pass. An
   * evaluation passed as the output of
   * {@link #evaluate(Tape, Tensor, List, DMatrixRMaj, int[], Evaluation)} is overwritten by it
   * (a holder reused across passes, as EJML reuses an output matrix; a record cannot be filled
   * in place); otherwise it does not change.
   */
  final class Evaluation {
    private Tensor logProb;
    private Tensor entropy;

    /**
     * An evaluation of the given tensors.
     *
     * @param logProb log π_θ(a_i|s_i), m × 1
     * @param entropy H(π_θ(·|s_i)), m × 1
     */
    public Evaluation(Tensor logProb, Tensor entropy) {
      set(logProb, entropy);
    }

    /**
     * Makes this the evaluation of the given tensors.
     *
     * @return this evaluation
     */
    public Evaluation set(Tensor logProb, Tensor entropy) {
      this.logProb = logProb;
      this.entropy = entropy;
      return this;
    }

    /** log π_θ(a_i|s_i), m × 1. */
    public Tensor logProb() {
      return logProb;
    }

    /** H(π_θ(·|s_i)), m × 1. */
    public Tensor entropy() {
      return entropy;
    }
  }

  /** Observation dimension. */
  int observationDim();

  /** Action dimension (1 for a discrete action index). */
  int actionDim();

  /** Whether actions are discrete indices. */
  boolean discrete();

  /** The trunk network (obs → logits or mean). */
  Module network();

  /**
   * Evaluates the taken actions under π_θ.
   *
   * @param tape the tape to record on
   * @param obs m × obsDim
   * @param params the parameter tensors, in {@link #parameters()} order
   * @param actions m × actionDim actions as doubles (continuous), or null when discrete
   * @param actionIndices the m discrete actions, or null when continuous. Kept by reference
   *     until the tape is reset.
   */
  Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
      int[] actionIndices);

  /**
   * {@link #evaluate(Tape, Tensor, List, DMatrixRMaj, int[])} written into a caller-owned
   * holder: records the same ops and gives the same tensors. This default evaluates into a new
   * holder and copies its tensors; {@link CategoricalPolicy} and {@link GaussianPolicy} override
   * it to allocate nothing when {@code out} is given (they rebind one distribution they keep,
   * so one thread at a time).
   *
   * @param out the evaluation to overwrite, or null for a new one. Modified.
   * @return {@code out}, or the new evaluation
   */
  default Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
      int[] actionIndices, Evaluation out) {
    Evaluation ev = evaluate(tape, obs, params, actions, actionIndices);
    return out == null ? ev : out.set(ev.logProb(), ev.entropy());
  }

  /**
   * Samples a_i ~ π(·|s_i) for each row of {@code obs} (in row order, from {@code rng}) and
   * writes a_i and log π(a_i|s_i). Records on {@code tape}; reset it afterwards.
   *
   * @param obs m × obsDim. Not modified.
   * @param rng the random stream. Modified.
   * @param actionsOut m × actionDim (a discrete action as its index). Modified.
   * @param logProbOut length ≥ m. Modified.
   */
  void act(Tape tape, DMatrixRMaj obs, Rng rng, DMatrixRMaj actionsOut, double[] logProbOut);
}
