package org.gridrl.core.pg;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.optim.Polyak;
import org.gridrl.core.util.Rng;

/**
 * What SAC's continuous ({@link SacLearner}) and discrete ({@link DiscreteSacLearner}) updates
 * share (Haarnoja et al. 2018; Christodoulou 2019): the twin critics Q₁, Q₂ with their Polyak
 * targets θ_targ ← (1 − ρ)θ_targ + ρθ and one Adam optimiser over both, the temperature
 * log α with its Adam optimiser and the step on J(log α) = −log α · (E log π + H̄), and the
 * finiteness checks that name the loss, network and parameter. The critics' sizes are the
 * caller's: [s, a] → 1 for continuous actions, s → |A| for discrete ones. Not thread-safe.
 */
final class SoftCritics {

  final Mlp q1;
  final Mlp q2;
  final Mlp q1Target;
  final Mlp q2Target;
  private final List<DMatrixRMaj> q1Values;
  private final List<DMatrixRMaj> q2Values;
  private final List<DMatrixRMaj> q1TargetValues;
  private final List<DMatrixRMaj> q2TargetValues;
  private final Adam criticOptimizer;
  private final Adam alphaOptimizer;
  private final DMatrixRMaj logAlpha = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj logAlphaGrad = new DMatrixRMaj(1, 1);
  private final List<DMatrixRMaj> logAlphaGradList = List.of(logAlphaGrad);
  private final List<DMatrixRMaj> gradValues = new ArrayList<>();

  /**
   * Q₁, Q₂ of {@code criticSizes} (ReLU, Xavier-uniform) from {@code init}, in that order,
   * targets copied from them, α = {@code config.initialAlpha()}.
   *
   * @param init the initialisation stream. Modified.
   */
  SoftCritics(int[] criticSizes, SacConfig config, Rng init) {
    this.q1 = new Mlp(criticSizes, Activation.RELU, Init.xavierUniform(), init);
    this.q2 = new Mlp(criticSizes, Activation.RELU, Init.xavierUniform(), init);
    this.q1Target = new Mlp(q1.sizes(), Activation.RELU, Init.zeros(), init);
    this.q2Target = new Mlp(q2.sizes(), Activation.RELU, Init.zeros(), init);
    this.q1Values = q1.parameterValues();
    this.q2Values = q2.parameterValues();
    this.q1TargetValues = q1Target.parameterValues();
    this.q2TargetValues = q2Target.parameterValues();
    Polyak.update(q1Values, q1TargetValues, 1.0);
    Polyak.update(q2Values, q2TargetValues, 1.0);
    List<DMatrixRMaj> criticValues = new ArrayList<>(q1Values);
    criticValues.addAll(q2Values);
    this.criticOptimizer = new Adam(criticValues,
        Adam.Config.defaults().withLearningRate(config.qLearningRate()));
    this.alphaOptimizer = new Adam(List.of(logAlpha),
        Adam.Config.defaults().withLearningRate(config.alphaLearningRate()));
    logAlpha.data[0] = Math.log(config.initialAlpha());
  }

  /** The temperature α = exp(log α). */
  double alpha() {
    return Math.exp(logAlpha.data[0]);
  }

  /** One Adam step of both critics on the gradients of L_Q1 + L_Q2, checked finite. */
  void stepCritics(List<Tensor> grads, long step) {
    criticOptimizer.step(checkedValues(grads, Metrics.Q1_LOSS + " + " + Metrics.Q2_LOSS, q1, q2,
        step));
  }

  /**
   * With {@code autotune}, one Adam step on J(log α) = −log α · (meanLogPi + H̄); writes the
   * loss (0 without autotune) and the new α into {@code stats}.
   */
  void stepTemperature(boolean autotune, double meanLogPi, double targetEntropy,
      SacLearner.Stats stats, long step) {
    if (autotune) {
      stats.alphaLoss = checkFinite(
          PgLosses.sacTemperature(logAlpha.data[0], meanLogPi, targetEntropy),
          Metrics.ALPHA_LOSS, step);
      logAlphaGrad.data[0] = checkFinite(
          PgLosses.sacTemperatureGradient(meanLogPi, targetEntropy),
          "gradient of " + Metrics.ALPHA_LOSS, step);
      alphaOptimizer.step(logAlphaGradList);
    } else {
      stats.alphaLoss = 0;
    }
    stats.alpha = alpha();
  }

  /** θ_targ ← (1 − ρ)θ_targ + ρθ for both critics. */
  void updateTargets(double polyak) {
    Polyak.update(q1Values, q1TargetValues, polyak);
    Polyak.update(q2Values, q2TargetValues, polyak);
  }

  /** Appends net's parameters to {@code into} as leaves on {@code t} (gradients flow in). */
  static void leaves(Tape t, Mlp net, List<Tensor> into) {
    final List<Parameter> ps = net.parameters();
    for (int i = 0, n = ps.size(); i < n; i++) {
      into.add(t.parameter(ps.get(i).value()));
    }
  }

  static void fillGaussian(Rng rng, DMatrixRMaj m) {
    for (int i = 0, n = m.getNumElements(); i < n; i++) {
      m.data[i] = rng.nextGaussian();
    }
  }

  static double mean(DMatrixRMaj m) {
    double s = 0;
    int n = m.getNumElements();
    for (int i = 0; i < n; i++) {
      s += m.data[i];
    }
    return s / n;
  }

  static double checkFinite(double v, String quantity, long step) {
    if (!Double.isFinite(v)) {
      throw new ArithmeticException(Sac.NAME + ": " + quantity + " is " + v + " at iteration "
          + step + " (environment step)");
    }
    return v;
  }

  /** Rejects an observation gradient whose shape is not the observations'. */
  static void checkObservationShape(DMatrixRMaj observationGradient, DMatrixRMaj observations) {
    if (observationGradient != null && (observationGradient.numRows != observations.numRows
        || observationGradient.numCols != observations.numCols)) {
      throw new IllegalArgumentException("observationGradient is " + observationGradient.numRows
          + "×" + observationGradient.numCols + ", the observations "
          + observations.numRows + "×" + observations.numCols);
    }
  }

  /**
   * The gradients' values in a reused list, each entry checked finite; a non-finite one throws
   * naming the loss, the network ({@code actor} when {@code second} is null, else {@code q1} or
   * {@code q2}) and the parameter.
   */
  List<DMatrixRMaj> checkedValues(List<Tensor> grads, String loss, Module first, Module second,
      long step) {
    gradValues.clear();
    int n1 = first.parameters().size();
    for (int k = 0; k < grads.size(); k++) {
      DMatrixRMaj g = grads.get(k).value();
      for (int i = 0, n = g.getNumElements(); i < n; i++) {
        if (!Double.isFinite(g.data[i])) {
          Parameter p = k < n1 ? first.parameters().get(k) : second.parameters().get(k - n1);
          String net = k < n1 ? (second == null ? "actor" : "q1") : "q2";
          throw new ArithmeticException(Sac.NAME + ": gradient of " + loss + " with respect to "
              + net + "." + p.name() + " is " + g.data[i] + " at iteration " + step
              + " (environment step)");
        }
      }
      gradValues.add(g);
    }
    return gradValues;
  }
}
