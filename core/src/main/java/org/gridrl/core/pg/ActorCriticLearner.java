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
import org.gridrl.core.optim.GradientCombination;
import org.gridrl.core.optim.GradientGram;

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
 *
 * <p><b>Per-task gradients.</b> Given a {@link GradientCombination}, a step groups the
 * minibatch's rows by task ({@link #groupByTask}: a stable counting sort, slices in increasing
 * task id, each slice in the minibatch's order) and takes ONE forward and backward pass per
 * task over that task's rows only, with L_k the same loss as above, its means over task k's
 * rows (and Â normalised per slice). The T gradients of the policy parameters are combined by
 * one call, those of the value parameters by another, and each direction is scaled by 1/T
 * (T = tasks present), so the plain sum gives ∇ (1/T) Σ_k L_k; then clipping and Adam as
 * without. The policy gradients' Gram matrix G_ij = g_i·g_j is computed once per step
 * ({@link GradientGram}) and serves both the conflict diagnostics of {@link StepStats}
 * (mean pairwise cosine, share of negative cosines) and the combination
 * ({@link GradientCombination#combineGivenGram}). With one task present this path computes the same numbers as the plain step, bit
 * for bit; after warm-up it allocates nothing either (slice scratch reused, the per-slice
 * action-index arrays cached by length).
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
    private double gradientCosine = Double.NaN;
    private double conflictFraction = Double.NaN;

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

    /**
     * Per-task steps: the mean over task pairs of the cosine between the tasks' policy
     * gradients ({@link GradientGram#meanCosine}); NaN on the plain path, with one task, or
     * when no pair has two nonzero gradients.
     */
    double gradientCosine() {
      return gradientCosine;
    }

    /**
     * Per-task steps: the share of task pairs whose policy gradients have a negative cosine
     * ({@link GradientGram#conflictFraction}); NaN when {@link #gradientCosine} is.
     */
    double conflictFraction() {
      return conflictFraction;
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

  // loss of the last pass (buildLoss), read by the step that made it
  private double passPolicyLoss;
  private double passValueLoss;
  private double passEntropy;
  private double passKlSum;
  private int passClipped;

  // per-task path: null combination = the plain one-pass step
  private final GradientCombination combination;
  private final int policyDim;
  private final int valueDim;
  private int[] taskCount = new int[0];
  private int[] taskNext = new int[0];
  private int[] sliceStart = new int[1];
  private int numSlices;
  private int[] rowDest = new int[0];
  private double[][] policyTaskGrads = new double[0][];
  private double[][] valueTaskGrads = new double[0][];
  private double[] policyDir = new double[0];
  private double[] policyGram = new double[0];
  private boolean[] policyBlocks = new boolean[0];
  private double[] valueDir = new double[0];
  private final List<DMatrixRMaj> combined = new ArrayList<>();
  private final DMatrixRMaj sliceObs = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj sliceActions = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj sliceAdv = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj sliceOldLogp = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj sliceTargets = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj sliceOldValues = new DMatrixRMaj(1, 1);
  private int[][] indicesByLength = new int[1][];

  ActorCriticLearner(String algorithm, Policy policy, Module value, double learningRate,
      double valueCoef, double entropyCoef, double maxGradNorm) {
    this(algorithm, policy, value, learningRate, valueCoef, entropyCoef, maxGradNorm, null);
  }

  /**
   * A learner whose steps take per-task gradients and combine them with {@code combination}
   * (null: the plain one-pass step).
   */
  ActorCriticLearner(String algorithm, Policy policy, Module value, double learningRate,
      double valueCoef, double entropyCoef, double maxGradNorm,
      GradientCombination combination) {
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
    this.combination = combination;
    int pd = 0;
    for (Parameter p : policy.parameters()) {
      pd += p.value().getNumElements();
    }
    int vd = 0;
    for (Parameter p : value.parameters()) {
      vd += p.value().getNumElements();
    }
    this.policyDim = pd;
    this.valueDim = vd;
    if (combination != null) {
      for (Parameter p : allParams) {
        combined.add(new DMatrixRMaj(p.value().numRows, p.value().numCols));
      }
      policyDir = new double[pd];
      valueDir = new double[vd];
    }
  }

  /** Whether steps take per-task gradients (a combination was given). */
  boolean perTask() {
    return combination != null;
  }

  /**
   * Plans the grouping of the minibatch {@code perm[lo .. hi)} by task (per-task path): a
   * stable counting sort, so minibatch row r goes to {@link #destination}(r), the slices in
   * increasing task id and each in the minibatch's order.
   *
   * @param tasks the batch's task of each row ({@link Batch#tasks()}). Not modified.
   */
  void groupByTask(int[] tasks, int[] perm, int lo, int hi) {
    int m = hi - lo;
    int maxTask = 0;
    for (int k = lo; k < hi; k++) {
      maxTask = Math.max(maxTask, tasks[perm[k]]);
    }
    if (taskCount.length <= maxTask) {
      taskCount = new int[maxTask + 1];
      taskNext = new int[maxTask + 1];
    }
    java.util.Arrays.fill(taskCount, 0);
    for (int k = lo; k < hi; k++) {
      taskCount[tasks[perm[k]]]++;
    }
    if (sliceStart.length < taskCount.length + 1) {
      sliceStart = new int[taskCount.length + 1];
    }
    numSlices = 0;
    int start = 0;
    for (int t = 0; t < taskCount.length; t++) {
      if (taskCount[t] > 0) {
        sliceStart[numSlices++] = start;
        taskNext[t] = start;
        start += taskCount[t];
      }
    }
    sliceStart[numSlices] = start;
    if (rowDest.length < m) {
      rowDest = new int[m];
    }
    for (int k = lo; k < hi; k++) {
      rowDest[k - lo] = taskNext[tasks[perm[k]]]++;
    }
    if (policyTaskGrads.length < numSlices) {
      double[][] pg = java.util.Arrays.copyOf(policyTaskGrads, numSlices);
      double[][] vg = java.util.Arrays.copyOf(valueTaskGrads, numSlices);
      for (int j = policyTaskGrads.length; j < numSlices; j++) {
        pg[j] = new double[policyDim];
        vg[j] = new double[valueDim];
      }
      policyTaskGrads = pg;
      valueTaskGrads = vg;
    }
  }

  /**
   * The scratch row of minibatch row r: r itself on the plain path, its row in its task's
   * slice after {@link #groupByTask} on the per-task path.
   */
  int destination(int r) {
    return combination == null ? r : rowDest[r];
  }

  /**
   * Normalises the gathered minibatch's advantages to mean 0 and standard deviation 1
   * ({@link Gae#normalize}).
   */
  void normalizeAdvantages() {
    if (combination == null) {
      Gae.normalize(adv.data, 0, obs.numRows);
    } else {
      for (int j = 0; j < numSlices; j++) {
        Gae.normalize(adv.data, sliceStart[j], sliceStart[j + 1]);
      }
    }
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
    if (combination != null) {
      return stepPerTask(iteration, objective, clipRatio, valueClip);
    }
    Tensor loss = pass(iteration, objective, clipRatio, valueClip, obs, actions, actionIndices,
        adv, oldLogp, targets, oldValues);
    stats.policyLoss = passPolicyLoss;
    stats.valueLoss = passValueLoss;
    stats.entropy = passEntropy;
    if (objective == Objective.PPO_CLIP) {
      int m = obs.numRows;
      stats.approxKl = passKlSum / m;
      stats.clipFraction = (double) passClipped / m;
    }
    List<Tensor> g = gradients(iteration, loss);
    for (int i = 0; i < g.size(); i++) {
      grads.set(i, g.get(i).value());
    }
    applyStep();
    return stats;
  }

  /**
   * The per-task step: one pass per task slice, the policy and value gradients combined
   * separately, scaled by 1/T, then the clipped Adam step. Statistics: the losses and entropy
   * are means over the tasks, approximate KL and clip fraction means over all rows.
   */
  private StepStats stepPerTask(long iteration, Objective objective, double clipRatio,
      double valueClip) {
    int numTasks = numSlices;
    double pl = 0;
    double vl = 0;
    double ent = 0;
    double kl = 0;
    int clipped = 0;
    int np = policyParams.size();
    for (int j = 0; j < numTasks; j++) {
      int from = sliceStart[j];
      int m = sliceStart[j + 1] - from;
      copyRows(obs, from, m, sliceObs);
      copyRows(actions, from, m, sliceActions);
      copyRows(adv, from, m, sliceAdv);
      copyRows(oldLogp, from, m, sliceOldLogp);
      copyRows(targets, from, m, sliceTargets);
      copyRows(oldValues, from, m, sliceOldValues);
      int[] idx = indices(m);
      System.arraycopy(actionIndices, from, idx, 0, m);
      Tensor loss = pass(iteration, objective, clipRatio, valueClip, sliceObs, sliceActions, idx,
          sliceAdv, sliceOldLogp, sliceTargets, sliceOldValues);
      pl += passPolicyLoss;
      vl += passValueLoss;
      ent += passEntropy;
      kl += passKlSum;
      clipped += passClipped;
      List<Tensor> g = gradients(iteration, loss);
      np = policyParams.size();
      flatten(g, 0, np, policyTaskGrads[j]);
      flatten(g, np, g.size(), valueTaskGrads[j]);
      tape.reset();
    }
    // the policy gradients' Gram matrix, once: the conflict diagnostics and the combination
    if (policyGram.length < numTasks * numTasks) {
      policyGram = new double[numTasks * numTasks];
      policyBlocks = new boolean[numTasks * GradientGram.blocks(policyDim)];
    }
    GradientGram.gram(policyTaskGrads, numTasks, policyDim, policyGram, policyBlocks);
    stats.gradientCosine = GradientGram.meanCosine(policyGram, numTasks);
    stats.conflictFraction = GradientGram.conflictFraction(policyGram, numTasks);
    combination.combineGivenGram(policyTaskGrads, numTasks, policyDim, policyGram, policyDir);
    combination.combine(valueTaskGrads, numTasks, valueDim, valueDir);
    double scale = 1.0 / numTasks;
    int off = 0;
    for (int i = 0; i < np; i++) {
      off = unflatten(policyDir, off, scale, iteration, i, combined.get(i));
      grads.set(i, combined.get(i));
    }
    off = 0;
    for (int i = np; i < allParams.size(); i++) {
      off = unflatten(valueDir, off, scale, iteration, i, combined.get(i));
      grads.set(i, combined.get(i));
    }
    stats.policyLoss = pl / numTasks;
    stats.valueLoss = vl / numTasks;
    stats.entropy = ent / numTasks;
    if (objective == Objective.PPO_CLIP) {
      int m = obs.numRows;
      stats.approxKl = kl / m;
      stats.clipFraction = (double) clipped / m;
    }
    applyStep();
    return stats;
  }

  /**
   * Records L = L_π + c_V L_V − c_H H̄ over the given rows on a reset tape, with the leaves
   * bound in allParams order; sets the pass fields (losses, entropy, KL sum, clipped count).
   */
  private Tensor pass(long iteration, Objective objective, double clipRatio, double valueClip,
      DMatrixRMaj obs, DMatrixRMaj actions, int[] actionIndices, DMatrixRMaj adv,
      DMatrixRMaj oldLogp, DMatrixRMaj targets, DMatrixRMaj oldValues) {
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
    passPolicyLoss = requireFinite(iteration, Metrics.POLICY_LOSS, lossPi.item());
    passValueLoss = requireFinite(iteration, Metrics.VALUE_LOSS, lossV.item());
    passEntropy = requireFinite(iteration, Metrics.ENTROPY, entropy.item());
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
      passKlSum = kl;
      passClipped = clipped;
    }
    return loss;
  }

  /** The backward pass of the last {@link #pass}, each gradient checked finite. */
  private List<Tensor> gradients(long iteration, Tensor loss) {
    int np = policyParams.size();
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
    }
    return g;
  }

  /** Clips the gradients in {@code grads} and takes the Adam step. */
  private void applyStep() {
    if (maxGradNorm > 0 && maxGradNorm < Double.POSITIVE_INFINITY) {
      GradClip.clipGlobalNorm(grads, maxGradNorm);
    }
    adam.step(grads);
    tape.reset();
  }

  /** Rows [from, from + m) of src into dst (reshaped to m rows, same columns). */
  private static void copyRows(DMatrixRMaj src, int from, int m, DMatrixRMaj dst) {
    int c = src.numCols;
    dst.reshape(m, c);
    System.arraycopy(src.data, from * c, dst.data, 0, m * c);
  }

  /** An int array of exactly m entries (a gather needs one index per row), cached by length. */
  private int[] indices(int m) {
    if (indicesByLength.length <= m) {
      indicesByLength = java.util.Arrays.copyOf(indicesByLength, m + 1);
    }
    int[] a = indicesByLength[m];
    if (a == null) {
      a = indicesByLength[m] = new int[m];
    }
    return a;
  }

  /** Concatenates the values of gradients [from, to) into out. */
  private static void flatten(List<Tensor> g, int from, int to, double[] out) {
    int off = 0;
    for (int i = from; i < to; i++) {
      DMatrixRMaj gi = g.get(i).value();
      int n = gi.getNumElements();
      System.arraycopy(gi.data, 0, out, off, n);
      off += n;
    }
  }

  /** out = scale · dir[off ..), checked finite; returns the offset after it. */
  private int unflatten(double[] dir, int off, double scale, long iteration, int param,
      DMatrixRMaj out) {
    int n = out.getNumElements();
    for (int j = 0; j < n; j++) {
      double d = dir[off + j] * scale;
      if (!Double.isFinite(d)) {
        throw new ArithmeticException(algorithm + " iteration " + iteration
            + ": combined direction for " + allParams.get(param).name() + " is " + d
            + " at entry " + j);
      }
      out.data[j] = d;
    }
    return off + n;
  }

  double requireFinite(long iteration, String quantity, double x) {
    if (!Double.isFinite(x)) {
      throw new ArithmeticException(algorithm + " iteration " + iteration + ": " + quantity
          + " is " + x);
    }
    return x;
  }
}
