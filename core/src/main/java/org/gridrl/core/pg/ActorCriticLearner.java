package org.gridrl.core.pg;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.optim.GradClip;

/**
 * The machinery REINFORCE, A2C and PPO share: a policy and a value network trained by one Adam
 * on L = L_π + c_v L_V − c_H H̄, with global-norm clipping, finiteness checks, and value
 * predictions over a batch. An algorithm gathers a minibatch ({@link #resize},
 * {@link #gather}, optionally {@link #normalizeAdvantages}) and takes a {@link #step}, which
 * reports the step's statistics through the {@link StepStats} it returns. After the first pass
 * of a shape a gradient step and a value prediction allocate nothing (pinned by
 * {@code OnPolicyAllocationTest}): the tape's pooled tensors, the minibatch scratch, the leaf
 * and gradient lists ({@code Module.bind(tape, out)}, {@code Tape.grad(..., out)}), the
 * policy's evaluation holder and distribution, the observation view and the returned
 * statistics holder are all reused.
 */
final class ActorCriticLearner {

  /** The policy loss to use in a gradient step. */
  enum Objective { SCORE_FUNCTION, PPO_CLIP }

  /**
   * The statistics of the last {@link #step}: a holder the learner overwrites on every step (a
   * record per minibatch step would allocate), read before the next step.
   */
  static final class StepStats {
    private double policyLoss;
    private double valueLoss;
    private double entropy;
    private double approxKl = Double.NaN;
    private double clipFraction = Double.NaN;

    /** {@value Metrics#POLICY_LOSS} of the step. */
    double policyLoss() {
      return policyLoss;
    }

    /** {@value Metrics#VALUE_LOSS} of the step. */
    double valueLoss() {
      return valueLoss;
    }

    /** Mean entropy of the step's minibatch. */
    double entropy() {
      return entropy;
    }

    /** PPO_CLIP steps: mean (ρ − 1) − log ρ; NaN for score-function steps. */
    double approxKl() {
      return approxKl;
    }

    /** PPO_CLIP steps: fraction of rows with |ρ − 1| &gt; ε; NaN for score-function steps. */
    double clipFraction() {
      return clipFraction;
    }
  }

  final String algorithm;
  final Policy policy;
  final Module value;
  private final Tape tape = new Tape();
  private final List<Parameter> allParams = new ArrayList<>();
  private final List<DMatrixRMaj> grads = new ArrayList<>();
  // leaves and gradients of the current pass, refilled each step
  private final List<Tensor> policyParams = new ArrayList<>();
  private final List<Tensor> valueParams = new ArrayList<>();
  private final List<Tensor> params = new ArrayList<>();
  private final List<Tensor> gradTensors = new ArrayList<>();
  private final Policy.Evaluation evaluation = new Policy.Evaluation(null, null);
  // a view of the observations given to values(), rewrapped on each call
  private final DMatrixRMaj view = new DMatrixRMaj(0, 0);
  private final Adam adam;
  private final double valueCoef;
  private final double entropyCoef;
  private final double maxGradNorm;
  private final StepStats stats = new StepStats();

  // minibatch scratch
  private final DMatrixRMaj obs = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj actions = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj adv = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj oldLogp = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj targets = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj oldValues = new DMatrixRMaj(1, 1);
  private int[] actionIndices = new int[0];

  ActorCriticLearner(String algorithm, Policy policy, Module value, double learningRate,
      double valueCoef, double entropyCoef, double maxGradNorm) {
    if (value.parameters().isEmpty()) {
      throw new IllegalArgumentException("the value network has no parameters");
    }
    this.algorithm = algorithm;
    this.policy = policy;
    this.value = value;
    this.valueCoef = valueCoef;
    this.entropyCoef = entropyCoef;
    this.maxGradNorm = maxGradNorm;
    allParams.addAll(policy.parameters());
    allParams.addAll(value.parameters());
    List<DMatrixRMaj> values = new ArrayList<>();
    for (Parameter p : allParams) {
      values.add(p.value());
      grads.add(null);
    }
    adam = new Adam(values, Adam.Config.defaults().withLearningRate(learningRate));
  }

  /**
   * Normalises the gathered minibatch's advantages to mean 0 and standard deviation 1
   * ({@link Gae#normalize}).
   */
  void normalizeAdvantages() {
    Gae.normalize(adv.data, 0, obs.numRows);
  }

  /**
   * V(s) for the n rows of a flat observation array.
   *
   * @param out length n. Modified.
   */
  double[] values(double[] observations, int n, int obsDim, double[] out) {
    view.data = observations;
    view.numRows = n;
    view.numCols = obsDim;
    tape.reset();
    Tensor x = tape.constant(view);
    Tensor v = value.forward(tape, x, value.bind(tape, valueParams), 0);
    System.arraycopy(v.value().data, 0, out, 0, n);
    tape.reset();
    view.data = null;
    return out;
  }

  /** Sizes the minibatch scratch for m rows. */
  void resize(int m, int obsDim, int actionDim) {
    obs.reshape(m, obsDim);
    actions.reshape(m, actionDim);
    adv.reshape(m, 1);
    oldLogp.reshape(m, 1);
    targets.reshape(m, 1);
    oldValues.reshape(m, 1);
    if (actionIndices.length != m) {
      actionIndices = new int[m];
    }
  }

  /**
   * Copies row {@code src} of the batch (with its advantage, target, old value) into minibatch
   * row {@code dst}.
   */
  void gather(Batch b, int src, int dst, double[] advantages, double[] valueTargets,
      double[] values) {
    int d = b.observationDim();
    System.arraycopy(b.observations(), src * d, obs.data, dst * d, d);
    int k = b.actionDim();
    System.arraycopy(b.actions(), src * k, actions.data, dst * k, k);
    if (b.discrete()) {
      actionIndices[dst] = b.actionIndices()[src];
    }
    adv.data[dst] = advantages[src];
    oldLogp.data[dst] = b.logProbs()[src];
    targets.data[dst] = valueTargets[src];
    oldValues.data[dst] = values[src];
  }

  /**
   * One optimiser step on the minibatch in the scratch buffers.
   *
   * @param clipRatio ε of PPO's clipped surrogate (PPO_CLIP only)
   * @param valueClip ε of the clipped value loss, or 0 for the plain squared error
   * @return the step's statistics, in a holder overwritten by the next step
   */
  StepStats step(long iteration, Objective objective, double clipRatio, double valueClip) {
    tape.reset();
    // the leaves in allParams order, policy first: the same tape ids as one loop over it
    policy.bind(tape, policyParams);
    value.bind(tape, valueParams);
    params.clear();
    for (int i = 0, n = policyParams.size(); i < n; i++) {
      params.add(policyParams.get(i));
    }
    for (int i = 0, n = valueParams.size(); i < n; i++) {
      params.add(valueParams.get(i));
    }
    int np = policyParams.size();
    Tensor x = tape.constant(obs);
    Policy.Evaluation ev = policy.evaluate(tape, x, policyParams,
        policy.discrete() ? null : actions, policy.discrete() ? actionIndices : null,
        evaluation);
    Tensor a = tape.constant(adv);
    Tensor lossPi = objective == Objective.PPO_CLIP
        ? PgLosses.ppoClip(tape, ev.logProb(), tape.constant(oldLogp), a, clipRatio)
        : PgLosses.scoreFunction(tape, ev.logProb(), a);
    Tensor v = value.forward(tape, x, valueParams, 0);
    Tensor lossV = valueClip > 0
        ? PgLosses.clippedValue(tape, v, tape.constant(oldValues), tape.constant(targets),
            valueClip)
        : PgLosses.valueMse(tape, v, tape.constant(targets));
    Tensor entropy = tape.mean(ev.entropy());
    Tensor loss = tape.sub(tape.add(lossPi, tape.mul(lossV, valueCoef)),
        tape.mul(entropy, entropyCoef));
    stats.policyLoss = requireFinite(iteration, Metrics.POLICY_LOSS, lossPi.item());
    stats.valueLoss = requireFinite(iteration, Metrics.VALUE_LOSS, lossV.item());
    stats.entropy = requireFinite(iteration, Metrics.ENTROPY, entropy.item());
    requireFinite(iteration, Metrics.TOTAL_LOSS, loss.item());
    if (objective == Objective.PPO_CLIP) {
      // PPO diagnostics from the values: k3 KL estimate and clip fraction
      double[] lp = ev.logProb().value().data;
      int m = obs.numRows;
      double kl = 0;
      int clipped = 0;
      for (int i = 0; i < m; i++) {
        double logRatio = lp[i] - oldLogp.data[i];
        double ratio = Math.exp(logRatio);
        kl += (ratio - 1) - logRatio;
        if (Math.abs(ratio - 1) > clipRatio) {
          clipped++;
        }
      }
      stats.approxKl = kl / m;
      stats.clipFraction = (double) clipped / m;
    }
    List<Tensor> g = tape.grad(loss, params, false, gradTensors);
    for (int i = 0; i < g.size(); i++) {
      DMatrixRMaj gi = g.get(i).value();
      for (int j = 0, n = gi.getNumElements(); j < n; j++) {
        if (!Double.isFinite(gi.data[j])) {
          throw new ArithmeticException(algorithm + " iteration " + iteration + ": gradient of "
              + (i < np ? "policy." : "value.") + allParams.get(i).name() + " is " + gi.data[j]
              + " at entry " + j);
        }
      }
      grads.set(i, gi);
    }
    if (maxGradNorm > 0 && maxGradNorm < Double.POSITIVE_INFINITY) {
      GradClip.clipGlobalNorm(grads, maxGradNorm);
    }
    adam.step(grads);
    tape.reset();
    return stats;
  }

  double requireFinite(long iteration, String quantity, double x) {
    if (!Double.isFinite(x)) {
      throw new ArithmeticException(algorithm + " iteration " + iteration + ": " + quantity
          + " is " + x);
    }
    return x;
  }
}
