package org.gridrl.irl.sampled;

import org.gridrl.core.util.Check;

/**
 * A hand-written continuous controller μ(o), the mean action of an expert that needs no
 * training (a straight line to the goal of {@code PointNavigation}, a waypoint route through
 * {@code PointMaze}'s gap); {@link ControllerPolicy} turns it into a deterministic or Gaussian
 * {@link org.gridrl.core.pg.Policy} for {@link ExpertData#sample}.
 */
@FunctionalInterface
public interface Controller {

  /**
   * Writes μ(o).
   *
   * @param obs holds o at {@code obs[obsOffset .. obsOffset + obsDim)}. Not modified.
   * @param obsOffset where o starts
   * @param out receives μ(o) at {@code out[outOffset .. outOffset + actionDim)}. Modified.
   * @param outOffset where μ(o) goes
   */
  void mean(double[] obs, int obsOffset, double[] out, int outOffset);

  /**
   * The linear controller μ(o) = K o + b.
   *
   * @param obsDim d ≥ 1
   * @param actionDim m ≥ 1
   * @param gain K, m × d row-major (K[i][j] at i·d + j), finite. Not modified (copied).
   * @param bias b, length m, finite. Not modified (copied).
   */
  static Controller linear(int obsDim, int actionDim, double[] gain, double[] bias) {
    Check.positive("obsDim", obsDim);
    Check.positive("actionDim", actionDim);
    Check.length("gain", Check.finite("gain", gain), obsDim * actionDim);
    Check.length("bias", Check.finite("bias", bias), actionDim);
    final double[] k = gain.clone();
    final double[] b = bias.clone();
    return (obs, obsOffset, out, outOffset) -> {
      for (int i = 0; i < actionDim; i++) {
        double s = b[i];
        for (int j = 0; j < obsDim; j++) {
          s += k[i * obsDim + j] * obs[obsOffset + j];
        }
        out[outOffset + i] = s;
      }
    };
  }
}
