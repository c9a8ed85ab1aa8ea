package org.gridrl.core.pg;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;

/**
 * Supervised fitting of a student policy π_θ by Adam steps on one of two losses over m rows:
 * <pre>
 *   negative log-likelihood  L_NLL(θ) = −(1/m) Σ_k log π_θ(a_k|o_k)
 *   distillation             L_KL(θ)  = (1/m) Σ_k KL(p_k ‖ π_θ(·|o_k))
 *                                     = (1/m) Σ_k Σ_a p_k(a) (log p_k(a) − log π_θ(a|o_k))
 * </pre>
 * the first for sampled (state, action) pairs (behaviour cloning, Pomerleau 1991; the π0 step of
 * Distral from samples, Teh et al. 2017), the second for given teacher distributions p_k over
 * discrete actions (policy distillation, Rusu et al. 2016; Distral's π0 step and
 * divide-and-conquer's global step, Ghosh et al. 2018). For a categorical student with logits z,
 * ∂L_KL/∂z_k = (softmax(z_k) − p_k)/m and ∂L_NLL/∂z_k = (softmax(z_k) − e_{a_k})/m: the NLL is
 * the KL to a one-hot teacher, up to its constant. The KL is formed as −(1/m) Σ p·logSoftmax(z)
 * (stable), plus the teachers' negative entropy, a constant added to the reported value only.
 *
 * <p>One instance owns the student's Adam state and reused scratch: after the first step on a
 * given row count, a step allocates nothing (the tape's pooled tensors, the leaf and gradient
 * lists, the evaluation holder). A loss or gradient entry that is NaN or infinite throws an
 * {@link ArithmeticException} naming the iteration and the quantity, e.g.
 * {@code bc epoch 3: minibatch loss is NaN} for the label {@code "bc epoch"}. Not thread-safe.
 */
public final class PolicyDistillation {

  private final Policy student;
  private final String label;
  private final Adam adam;
  private final Tape tape = new Tape();
  private final List<Parameter> parameters;
  private final List<Tensor> leaves = new ArrayList<>();
  private final List<Tensor> gradTensors = new ArrayList<>();
  private final List<DMatrixRMaj> grads = new ArrayList<>();
  private final Policy.Evaluation evaluation = new Policy.Evaluation(null, null);

  /**
   * A fitter of {@code student} with Adam at the given config.
   *
   * @param student π_θ, with parameters. Modified by every step (its parameters are trained).
   * @param adam the optimiser's hyperparameters
   * @param label the prefix of error messages, followed by the iteration (e.g. {@code "bc
   *     epoch"}, {@code "distral iteration"})
   */
  public PolicyDistillation(Policy student, Adam.Config adam, String label) {
    if (student == null || adam == null || label == null) {
      throw new IllegalArgumentException("student, adam and label must not be null");
    }
    if (student.parameters().isEmpty()) {
      throw new IllegalArgumentException("the student policy has no parameters to train");
    }
    this.student = student;
    this.label = label;
    this.parameters = student.parameters();
    this.adam = new Adam(student.parameterValues(), adam);
    for (int i = 0; i < parameters.size(); i++) {
      grads.add(null);
    }
  }

  /** The policy being fitted. */
  public Policy student() {
    return student;
  }

  /** Adam steps taken so far. */
  public long steps() {
    return adam.steps();
  }

  /**
   * One Adam step on L_NLL = −(1/m) Σ_k log π_θ(a_k|o_k).
   *
   * @param obs m × obsDim. Not modified.
   * @param actions m × actionDim continuous actions, or null when discrete. Not modified.
   * @param actionIndices the m discrete actions, or null when continuous. Not modified.
   * @param iteration the iteration named in error messages
   * @return L_NLL before the step
   */
  public double nllStep(DMatrixRMaj obs, DMatrixRMaj actions, int[] actionIndices,
      long iteration) {
    tape.reset();
    student.bind(tape, leaves);
    Policy.Evaluation ev = student.evaluate(tape, tape.constant(obs), leaves, actions,
        actionIndices, evaluation);
    Tensor loss = tape.neg(tape.mean(ev.logProb()));
    double value = loss.item();
    requireFinite(iteration, "minibatch loss", value);
    step(iteration, loss);
    return value;
  }

  /**
   * One Adam step on L_KL = (1/m) Σ_k KL(p_k ‖ π_θ(·|o_k)) for a discrete student whose
   * {@code forward} gives its logits ({@link CategoricalPolicy}'s does).
   *
   * @param obs m × obsDim. Not modified.
   * @param teacher m × K, row k the distribution p_k (non-negative, summing to 1). Not modified.
   * @param iteration the iteration named in error messages
   * @return L_KL before the step
   */
  public double klStep(DMatrixRMaj obs, DMatrixRMaj teacher, long iteration) {
    Tensor loss = klLoss(obs, teacher);
    double value = loss.item() + negativeEntropy(teacher) / obs.numRows;
    requireFinite(iteration, "distillation loss", value);
    step(iteration, loss);
    return value;
  }

  /**
   * ∂L_KL/∂θ at the student's current parameters, without a step (what {@link #klStep} feeds
   * Adam), copied into {@code out} (allocated as needed; for tests and checks).
   *
   * @param out receives one matrix per parameter, in {@code parameters()} order. Modified.
   * @return L_KL
   */
  public double klGradient(DMatrixRMaj obs, DMatrixRMaj teacher, List<DMatrixRMaj> out) {
    Tensor loss = klLoss(obs, teacher);
    double value = loss.item() + negativeEntropy(teacher) / obs.numRows;
    List<Tensor> g = tape.grad(loss, leaves, false, gradTensors);
    out.clear();
    for (Tensor gi : g) {
      out.add(gi.value().copy());
    }
    tape.reset();
    return value;
  }

  private Tensor klLoss(DMatrixRMaj obs, DMatrixRMaj teacher) {
    int m = obs.numRows;
    if (teacher.numRows != m) {
      throw new IllegalArgumentException("teacher has " + teacher.numRows + " rows, obs " + m);
    }
    tape.reset();
    student.bind(tape, leaves);
    Tensor logits = student.forward(tape, tape.constant(obs), leaves, 0);
    if (logits.cols() != teacher.numCols) {
      throw new IllegalArgumentException("teacher has " + teacher.numCols
          + " actions, the student " + logits.cols());
    }
    Tensor logPi = tape.logSoftmax(logits);
    return tape.mul(tape.sum(tape.mul(logPi, tape.constant(teacher))), -1.0 / m);
  }

  /** Σ_k Σ_a p_k(a) log p_k(a), with 0 log 0 = 0. */
  private static double negativeEntropy(DMatrixRMaj teacher) {
    double s = 0;
    for (int i = 0, n = teacher.getNumElements(); i < n; i++) {
      double p = teacher.data[i];
      if (p > 0) {
        s += p * Math.log(p);
      }
    }
    return s;
  }

  /**
   * π(·|o_k) of a discrete policy for every row of obs, values only: the softmax of its
   * {@code forward}. Allocates nothing once {@code out} and the tape's pool have the size.
   *
   * @param policy a discrete policy whose {@code forward} gives logits. Not modified.
   * @param obs m × obsDim. Not modified.
   * @param tape scratch; reset before and after. Modified.
   * @param out m × K. Modified (reshaped).
   * @return {@code out}
   */
  public static DMatrixRMaj probabilities(Policy policy, DMatrixRMaj obs, Tape tape,
      List<Tensor> leaves, DMatrixRMaj out) {
    tape.reset();
    policy.bind(tape, leaves);
    DMatrixRMaj p = tape.softmax(policy.forward(tape, tape.constant(obs), leaves, 0)).value();
    out.reshape(p.numRows, p.numCols);
    System.arraycopy(p.data, 0, out.data, 0, p.numRows * p.numCols);
    tape.reset();
    return out;
  }

  private void step(long iteration, Tensor loss) {
    List<Tensor> g = tape.grad(loss, leaves, false, gradTensors);
    for (int i = 0; i < g.size(); i++) {
      DMatrixRMaj gi = g.get(i).value();
      for (int j = 0, len = gi.getNumElements(); j < len; j++) {
        if (!Double.isFinite(gi.data[j])) {
          throw new ArithmeticException(label + " " + iteration + ": gradient of "
              + parameters.get(i).name() + " is " + gi.data[j] + " at entry " + j);
        }
      }
      grads.set(i, gi);
    }
    adam.step(grads);
    tape.reset();
  }

  private void requireFinite(long iteration, String quantity, double x) {
    if (!Double.isFinite(x)) {
      throw new ArithmeticException(label + " " + iteration + ": " + quantity + " is " + x);
    }
  }
}
