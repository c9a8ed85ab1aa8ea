package org.gridrl.irl.sampled;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * A fixed continuous expert from a {@link Controller}: a = μ(o) + σ ⊙ ε, ε ~ N(0, I), so
 * π(a|o) = N(μ(o), diag σ²) with log π(a|o) = −Σ_j [(a_j − μ_j(o))² / (2σ_j²) + log σ_j
 * + ½ log 2π] and H = Σ_j (½ log 2πe + log σ_j); or deterministic, a = μ(o). It lets tests and
 * experiments make an expert on {@code PointNavigation} or {@code PointMaze} without training
 * one, through the same {@code core.pg.Sampler} as every learned policy.
 *
 * <p>ε is drawn with {@link Rng#nextGaussian()} from the stream the sampler passes, row by row
 * and coordinate by coordinate, so the sampler's seed fixes the data. Actions are recorded
 * unclipped (the environment clips them, as it does a {@code GaussianPolicy}'s). A
 * deterministic controller is a point mass: it has no density, so its log π is reported as +∞
 * and its entropy as −∞ (the limit σ → 0), never as a finite number that could pass for one.
 * It has no parameters; {@link #forward} gives μ(o) as a constant. Immutable.
 */
public final class ControllerPolicy implements Policy {

  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private final Controller controller;
  private final int obsDim;
  private final int actionDim;
  /** σ_j, or null when deterministic. */
  private final double[] std;
  private final double logNormaliser;
  private final double entropy;

  private ControllerPolicy(Controller controller, int obsDim, int actionDim, double[] std) {
    this.controller = controller;
    this.obsDim = obsDim;
    this.actionDim = actionDim;
    this.std = std;
    if (std == null) {
      logNormaliser = Double.POSITIVE_INFINITY;
      entropy = Double.NEGATIVE_INFINITY;
    } else {
      double ln = 0;
      for (double s : std) {
        ln += Math.log(s) + HALF_LOG_2PI;
      }
      logNormaliser = ln;
      entropy = ln + 0.5 * actionDim;
    }
  }

  /**
   * a = μ(o) + σ ⊙ ε.
   *
   * @param controller μ
   * @param obsDim d ≥ 1, the observation length μ reads
   * @param actionDim m ≥ 1, the action length μ writes
   * @param std σ, length m, each finite and &gt; 0. Not modified (copied).
   */
  public static ControllerPolicy gaussian(Controller controller, int obsDim, int actionDim,
      double[] std) {
    check(controller, obsDim, actionDim);
    Check.length("std", std, actionDim);
    for (int j = 0; j < actionDim; j++) {
      Check.positiveFinite("std[" + j + "]", std[j]);
    }
    return new ControllerPolicy(controller, obsDim, actionDim, std.clone());
  }

  /**
   * a = μ(o).
   *
   * @param controller μ
   * @param obsDim d ≥ 1, the observation length μ reads
   * @param actionDim m ≥ 1, the action length μ writes
   */
  public static ControllerPolicy deterministic(Controller controller, int obsDim,
      int actionDim) {
    check(controller, obsDim, actionDim);
    return new ControllerPolicy(controller, obsDim, actionDim, null);
  }

  private static void check(Controller controller, int obsDim, int actionDim) {
    Check.notNull("controller", controller);
    Check.positive("obsDim", obsDim);
    Check.positive("actionDim", actionDim);
  }

  /** Whether a = μ(o) exactly. */
  public boolean isDeterministic() {
    return std == null;
  }

  @Override
  public int observationDim() {
    return obsDim;
  }

  @Override
  public int actionDim() {
    return actionDim;
  }

  @Override
  public boolean discrete() {
    return false;
  }

  /** This policy itself: its "network" is μ. */
  @Override
  public Module network() {
    return this;
  }

  /** None: the controller is fixed. */
  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  /** μ(o_i) as an m × actionDim constant. */
  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    int m = x.rows();
    DMatrixRMaj out = new DMatrixRMaj(m, actionDim);
    for (int i = 0; i < m; i++) {
      controller.mean(x.value().data, i * obsDim, out.data, i * actionDim);
    }
    return tape.constant(out);
  }

  /**
   * log π(a_i|o_i) and H as m × 1 constants (+∞ and −∞ when deterministic).
   *
   * @param actions m × actionDim. Not modified.
   * @param actionIndices ignored (continuous)
   */
  @Override
  public Evaluation evaluate(Tape tape, Tensor obs, List<Tensor> params, DMatrixRMaj actions,
      int[] actionIndices) {
    Check.notNull("actions", actions);
    int m = obs.rows();
    Check.argument(actions.numRows == m && actions.numCols == actionDim,
        "actions are %sx%s, expected %sx%s", actions.numRows, actions.numCols, m, actionDim);
    double[] mu = new double[actionDim];
    DMatrixRMaj lp = new DMatrixRMaj(m, 1);
    DMatrixRMaj h = new DMatrixRMaj(m, 1);
    for (int i = 0; i < m; i++) {
      controller.mean(obs.value().data, i * obsDim, mu, 0);
      lp.data[i] = logDensity(mu, actions.data, i * actionDim);
      h.data[i] = entropy;
    }
    return new Evaluation(tape.constant(lp), tape.constant(h));
  }

  private double logDensity(double[] mu, double[] a, int offset) {
    if (std == null) {
      return logNormaliser;
    }
    double q = 0;
    for (int j = 0; j < actionDim; j++) {
      double z = (a[offset + j] - mu[j]) / std[j];
      q += z * z;
    }
    return -0.5 * q - logNormaliser;
  }

  /** a_i = μ(o_i) + σ ⊙ ε_i, ε drawn row by row, coordinate by coordinate, from {@code rng}. */
  @Override
  public void act(Tape tape, DMatrixRMaj obs, Rng rng, DMatrixRMaj actionsOut,
      double[] logProbOut) {
    int m = obs.numRows;
    actionsOut.reshape(m, actionDim);
    for (int i = 0; i < m; i++) {
      controller.mean(obs.data, i * obsDim, actionsOut.data, i * actionDim);
      if (std == null) {
        logProbOut[i] = logNormaliser;
        continue;
      }
      double q = 0;
      for (int j = 0; j < actionDim; j++) {
        double eps = rng.nextGaussian();
        actionsOut.data[i * actionDim + j] += std[j] * eps;
        q += eps * eps;
      }
      logProbOut[i] = -0.5 * q - logNormaliser;
    }
  }

  @Override
  public String toString() {
    return "ControllerPolicy[obs " + obsDim + ", action " + actionDim
        + (std == null ? ", deterministic" : ", Gaussian") + "]";
  }
}
