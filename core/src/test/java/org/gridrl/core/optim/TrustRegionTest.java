package org.gridrl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;

/**
 * Conjugate gradient against a direct LU solve and the eigenvalue-count bound; the trust-region
 * step's β = √(2δ / gᵀ(H + λI)⁻¹g) in closed form; the backtracking line search on quadratic
 * models whose accepted fraction is known on paper; the rejection path.
 */
class TrustRegionTest extends TestBase {

  /** A = MᵀM + 0.1·I with M n × n standard normal: symmetric positive definite. */
  private DMatrixRMaj randomSpd(int n) {
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    for (int i = 0; i < n * n; i++) {
      m.data[i] = rand.nextGaussian();
    }
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransA(m, m, a);
    for (int i = 0; i < n; i++) {
      a.add(i, i, 0.1);
    }
    return a;
  }

  private static ConjugateGradient.LinearOperator times(DMatrixRMaj a) {
    return (v, out) -> {
      for (int i = 0; i < a.numRows; i++) {
        double s = 0;
        for (int j = 0; j < a.numCols; j++) {
          s += a.get(i, j) * v[j];
        }
        out[i] = s;
      }
    };
  }

  private double[] gaussian(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rand.nextGaussian();
    }
    return x;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** (A + λI)⁻¹ b by EJML's LU solve. */
  private static double[] direct(DMatrixRMaj a, double lambda, double[] b) {
    DMatrixRMaj damped = a.copy();
    for (int i = 0; i < a.numRows; i++) {
      damped.add(i, i, lambda);
    }
    DMatrixRMaj x = new DMatrixRMaj(b.length, 1);
    assertThat(CommonOps_DDRM.solve(damped, new DMatrixRMaj(b.length, 1, true, b), x)).isTrue();
    return x.data;
  }

  // ------------------------------------------------------------------ conjugate gradient

  @Test
  void conjugateGradient_randomSpd_nIterations_equalsDirectSolve() {
    for (int n : new int[] {1, 2, 5, 8}) {
      DMatrixRMaj a = randomSpd(n);
      double[] b = gaussian(n);
      double lambda = 0.3;
      double[] x = new double[n];
      ConjugateGradient.Workspace w = new ConjugateGradient.Workspace(n);
      int k = ConjugateGradient.solve(times(a), b, lambda, n, 0, x, w);
      assertThat(k).isLessThanOrEqualTo(n);
      assertThat(w.indefinite()).isFalse();
      assertClose(direct(a, lambda, b), x, 1e-10);
    }
  }

  @Test
  void conjugateGradient_threeDistinctEigenvalues_convergesInThreeIterations() {
    // A = diag(1, 1, 2, 2, 3, 3): the Krylov space of any b has dimension ≤ 3
    DMatrixRMaj a = CommonOps_DDRM.diag(1, 1, 2, 2, 3, 3);
    double[] b = {1, -2, 0.5, 3, -1, 2};
    double[] x = new double[6];
    ConjugateGradient.Workspace w = new ConjugateGradient.Workspace(6);
    int k = ConjugateGradient.solve(times(a), b, 0, 10, 1e-20, x, w);
    assertThat(k).isEqualTo(3);
    assertThat(w.residualSquared()).isLessThan(1e-20);
    assertClose(new double[] {1, -2, 0.25, 1.5, -1.0 / 3, 2.0 / 3}, x, 1e-14);
    // with damping λ: x = b / (d + λ)
    ConjugateGradient.solve(times(a), b, 0.5, 10, 1e-20, x, w);
    assertClose(new double[] {1 / 1.5, -2 / 1.5, 0.5 / 2.5, 3 / 2.5, -1 / 3.5, 2 / 3.5}, x,
        1e-14);
  }

  @Test
  void conjugateGradient_oneIteration_isTheCauchyStep() {
    // x₁ = (bᵀb / bᵀAb) b
    DMatrixRMaj a = randomSpd(4);
    double[] b = gaussian(4);
    double[] ab = new double[4];
    times(a).apply(b, ab);
    double[] x = new double[4];
    ConjugateGradient.solve(times(a), b, 0, 1, 0, x, new ConjugateGradient.Workspace(4));
    double c = dot(b, b) / dot(b, ab);
    for (int i = 0; i < 4; i++) {
      assertClose(c * b[i], x[i], TIGHT);
    }
  }

  @Test
  void conjugateGradient_zeroRightHandSide_takesNoProduct_andIndefiniteStops() {
    double[] x = {7, 7};
    ConjugateGradient.Workspace w = new ConjugateGradient.Workspace(2);
    assertThat(ConjugateGradient.solve((v, o) -> {
      throw new AssertionError("no product expected");
    }, new double[2], 0, 5, 0, x, w)).isZero();
    assertThat(x).containsExactly(0, 0);
    // A = diag(1, −1), b = (1, 1): pᵀAp = 0 on the first step
    int k = ConjugateGradient.solve(times(CommonOps_DDRM.diag(1, -1)), new double[] {1, 1}, 0,
        5, 0, x, w);
    assertThat(k).isEqualTo(1);
    assertThat(w.indefinite()).isTrue();
    assertThat(x).containsExactly(0, 0);
  }

  @Test
  void conjugateGradient_rejectsBadArguments_byName() {
    double[] b = new double[3];
    ConjugateGradient.Workspace w = new ConjugateGradient.Workspace(3);
    assertThatThrownBy(() -> ConjugateGradient.solve((v, o) -> { }, b, -1, 3, 0, new double[3],
        w)).hasMessageContaining("damping");
    assertThatThrownBy(() -> ConjugateGradient.solve((v, o) -> { }, b, 0, 0, 0, new double[3],
        w)).hasMessageContaining("maxIterations");
    assertThatThrownBy(() -> ConjugateGradient.solve((v, o) -> { }, b, 0, 3, 0, b, w))
        .hasMessageContaining("x must not be b");
    assertThatThrownBy(() -> ConjugateGradient.solve((v, o) -> { }, b, 0, 3, 0, new double[2],
        w)).hasMessageContaining("one length");
  }

  // ------------------------------------------------------------------ the trust-region step

  /**
   * L(x) = gᵀd − c‖d‖², D(x) = ½κ dᵀHd with d = x − x₀, H SPD: the model's H is exact when
   * κ = 1; κ &gt; 1 makes the true constraint steeper than the model, c &gt; 0 bends L down.
   */
  private static final class Quadratic implements TrustRegion.Problem {
    final DMatrixRMaj h;
    final double[] g;
    final double[] x0;
    final double kappa;
    final double c;
    int evaluations;

    Quadratic(DMatrixRMaj h, double[] g, double[] x0, double kappa, double c) {
      this.h = h;
      this.g = g;
      this.x0 = x0.clone();
      this.kappa = kappa;
      this.c = c;
    }

    @Override
    public void hessianVectorProduct(double[] v, double[] out) {
      times(h).apply(v, out);
    }

    @Override
    public void evaluate(double[] x, double[] out) {
      evaluations++;
      double[] d = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        d[i] = x[i] - x0[i];
      }
      double[] hd = new double[x.length];
      times(h).apply(d, hd);
      out[0] = dot(g, d) - c * dot(d, d);
      out[1] = 0.5 * kappa * dot(d, hd);
    }
  }

  /** The exact CG setting: n iterations, tolerance 0, so s = (H + λI)⁻¹g to round-off. */
  private static TrustRegion.Config exact(int n, double lambda) {
    return TrustRegion.Config.defaults().withCgIterations(n).withCgTolerance(0)
        .withDamping(lambda);
  }

  @Test
  void step_fullStep_hasClosedFormSize_andConstraintJustInside() {
    int n = 5;
    DMatrixRMaj h = randomSpd(n);
    double[] g = gaussian(n);
    double[] x0 = gaussian(n);
    double lambda = 1e-3;
    TrustRegion.Config cfg = exact(n, lambda);
    Quadratic q = new Quadratic(h, g, x0, 1, 0);
    double[] x = x0.clone();
    TrustRegion.Step st = TrustRegion.step(q, g, cfg, x);
    double[] s = direct(h, lambda, g);
    // sᵀ(H + λI)s = gᵀ(H + λI)⁻¹g, so β = √(2δ / gᵀ(H + λI)⁻¹g)
    double beta = Math.sqrt(2 * 0.01 / dot(g, s));
    assertClose(beta, st.stepSize(), 1e-10 * beta);
    assertThat(st.accepted()).isTrue();
    assertThat(st.fraction()).isEqualTo(1.0);
    assertThat(st.trials()).isEqualTo(1);
    for (int i = 0; i < n; i++) {
      assertClose(x0[i] + beta * s[i], x[i], 1e-10);
    }
    // D(x) = δ · sᵀHs / sᵀ(H + λI)s < δ, and L(x) = β gᵀs > 0
    double[] hs = new double[n];
    times(h).apply(s, hs);
    assertClose(0.01 * dot(s, hs) / (dot(s, hs) + lambda * dot(s, s)), st.constraint(), 1e-12);
    assertThat(st.constraint()).isLessThan(0.01);
    assertClose(beta * dot(g, s), st.surrogate(), 1e-10);
    assertThat(st.surrogateBefore()).isZero();
    assertThat(st.constraintBefore()).isZero();
    assertThat(q.evaluations).isEqualTo(2);
  }

  @Test
  void step_constraintTwiceTheModel_acceptsTheFirstFractionBelowOneOverRootTwo() {
    // D(x_k) = κ ρ^{2k} δ r with r = sᵀHs / sᵀ(H + λI)s ≈ 1: with κ = 2 the first fraction with
    // 2ρ^{2k} r ≤ 1 is ρ² = 0.64 (ρ = 0.8 gives 1.28 r > 1)
    int n = 4;
    DMatrixRMaj h = randomSpd(n);
    double[] g = gaussian(n);
    double[] x0 = new double[n];
    Quadratic q = new Quadratic(h, g, x0, 2, 0);
    double[] x = x0.clone();
    TrustRegion.Step st = TrustRegion.step(q, g, exact(n, 1e-5), x);
    assertThat(st.accepted()).isTrue();
    assertThat(st.trials()).isEqualTo(3);
    assertThat(st.fraction()).isEqualTo(0.8 * 0.8, within(1e-15));
    double[] s = direct(h, 1e-5, g);
    double beta = Math.sqrt(2 * 0.01 / dot(g, s));
    for (int i = 0; i < n; i++) {
      assertClose(0.64 * beta * s[i], x[i], 1e-10);
    }
    double[] hs = new double[n];
    times(h).apply(s, hs);
    double r = dot(s, hs) / (dot(s, hs) + 1e-5 * dot(s, s));
    assertClose(2 * 0.64 * 0.64 * 0.01 * r, st.constraint(), 1e-14);
  }

  @Test
  void step_surrogateBentDown_acceptsTheFirstFractionThatStillImproves() {
    // L(fβs) = fβ gᵀs − c f²β²‖s‖² > 0  ⟺  f < f* = gᵀs / (cβ‖s‖²); c is set so that f* = 0.6:
    // 1, 0.8, 0.64 fail and ρ³ = 0.512 is accepted
    int n = 4;
    DMatrixRMaj h = randomSpd(n);
    double[] g = gaussian(n);
    double[] s = direct(h, 1e-5, g);
    double beta = Math.sqrt(2 * 0.01 / dot(g, s));
    double c = dot(g, s) / (0.6 * beta * dot(s, s));
    Quadratic q = new Quadratic(h, g, new double[n], 1, c);
    double[] x = new double[n];
    TrustRegion.Step st = TrustRegion.step(q, g, exact(n, 1e-5), x);
    assertThat(st.accepted()).isTrue();
    assertThat(st.trials()).isEqualTo(4);
    assertThat(st.fraction()).isEqualTo(0.512, within(1e-15));
    double f = 0.512;
    assertClose(f * beta * dot(g, s) - c * f * f * beta * beta * dot(s, s), st.surrogate(),
        1e-12);
  }

  @Test
  void step_noTrialSatisfiesTheConstraint_leavesXBitForBit_andReportsRejection() {
    // κ = 10⁶: even ρ^14 = 0.044 gives D = 10⁶·0.044²·δ ≫ δ
    int n = 3;
    DMatrixRMaj h = randomSpd(n);
    double[] g = gaussian(n);
    double[] x0 = gaussian(n);
    Quadratic q = new Quadratic(h, g, x0, 1e6, 0);
    double[] x = x0.clone();
    TrustRegion.Step st = TrustRegion.step(q, g, exact(n, 1e-5), x);
    assertThat(st.accepted()).isFalse();
    assertThat(st.fraction()).isZero();
    assertThat(st.trials()).isEqualTo(15);
    assertThat(q.evaluations).isEqualTo(16);
    assertThat(x).containsExactly(x0);
    assertThat(st.surrogate()).isEqualTo(st.surrogateBefore());
    // and a zero gradient: nothing to try
    double[] y = x0.clone();
    TrustRegion.Step none = TrustRegion.step(new Quadratic(h, g, x0, 1, 0), new double[n],
        exact(n, 1e-5), y);
    assertThat(none.accepted()).isFalse();
    assertThat(none.trials()).isZero();
    assertThat(y).containsExactly(x0);
  }

  @Test
  void config_defaults_areRllabs_andBadValuesAreRejectedByName() {
    TrustRegion.Config d = TrustRegion.Config.defaults();
    assertThat(d.maxKl()).isEqualTo(0.01);
    assertThat(d.cgIterations()).isEqualTo(10);
    assertThat(d.damping()).isEqualTo(1e-5);
    assertThat(d.cgTolerance()).isEqualTo(1e-10);
    assertThat(d.backtrackRatio()).isEqualTo(0.8);
    assertThat(d.maxBacktracks()).isEqualTo(15);
    assertThatThrownBy(() -> d.withMaxKl(0)).hasMessageContaining("maxKl");
    assertThatThrownBy(() -> d.withBacktrackRatio(1)).hasMessageContaining("backtrackRatio");
    assertThatThrownBy(() -> d.withMaxBacktracks(0)).hasMessageContaining("maxBacktracks");
  }
}
