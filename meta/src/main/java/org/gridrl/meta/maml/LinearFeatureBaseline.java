package org.gridrl.meta.maml;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.util.Check;

/**
 * rllab's linear feature baseline (cbfinn/maml_rl {@code rllab/baselines/linear_feature_baseline.py}):
 * b(s_t) = φ_tᵀ w with φ_t = [õ_t, õ_t², t/100, (t/100)², (t/100)³, 1], õ = clip(o, −10, 10),
 * t the step's index inside its episode, and w the ridge solution
 * w = (ΦᵀΦ + c I)⁻¹ Φᵀ G of the batch's own returns G (c = 1e-5, multiplied by 10 up to four times
 * while w is not finite). As in the reference ({@code rllab/sampler/base.py},
 * {@code process_samples}), it is fitted to the batch and then evaluated on the same batch.
 */
public final class LinearFeatureBaseline {

  /** The ridge coefficient c of the first attempt, 1e-5. */
  public static final double REG_COEFF = 1e-5;

  private LinearFeatureBaseline() {}

  /** Number of features for observations of {@code obsDim} numbers: 2·obsDim + 4. */
  public static int numFeatures(int obsDim) {
    return 2 * obsDim + 4;
  }

  /**
   * Fits w to (φ_t, G_t) over the batch and writes b(s_t) = φ_tᵀ w.
   *
   * @param batch the steps; a segment starts at t = 0 (after the previous segment's last
   *     step). Not modified.
   * @param returns G_t, one per step. Not modified.
   * @param out b(s_t), one per step, or null to allocate. Modified.
   * @return {@code out}
   */
  public static double[] fitPredict(Batch batch, double[] returns, double[] out) {
    int n = batch.size();
    Check.length("returns", returns, n);
    if (out == null) {
      out = new double[n];
    }
    Check.length("out", out, n);
    int d = batch.observationDim();
    int k = numFeatures(d);
    DMatrixRMaj phi = new DMatrixRMaj(n, k);
    double[] obs = batch.observations();
    boolean[] last = batch.last();
    int t = 0;
    for (int i = 0; i < n; i++) {
      int row = i * k;
      for (int j = 0; j < d; j++) {
        double o = Math.max(-10, Math.min(10, obs[i * d + j]));
        phi.data[row + j] = o;
        phi.data[row + d + j] = o * o;
      }
      double al = t / 100.0;
      phi.data[row + 2 * d] = al;
      phi.data[row + 2 * d + 1] = al * al;
      phi.data[row + 2 * d + 2] = al * al * al;
      phi.data[row + 2 * d + 3] = 1.0;
      t = last[i] ? 0 : t + 1;
    }
    DMatrixRMaj gram = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransA(phi, phi, gram);
    DMatrixRMaj rhs = new DMatrixRMaj(k, 1);
    CommonOps_DDRM.multTransA(phi, DMatrixRMaj.wrap(n, 1, returns), rhs);
    DMatrixRMaj w = new DMatrixRMaj(k, 1);
    double reg = REG_COEFF;
    for (int attempt = 0; attempt < 5; attempt++) {
      DMatrixRMaj a = gram.copy();
      for (int j = 0; j < k; j++) {
        a.add(j, j, reg);
      }
      if (CommonOps_DDRM.solve(a, rhs, w) && allFinite(w.data)) {
        break;
      }
      w.zero();
      reg *= 10;
    }
    DMatrixRMaj b = DMatrixRMaj.wrap(n, 1, out);
    CommonOps_DDRM.mult(phi, w, b);
    return out;
  }

  private static boolean allFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
