package org.gridrl.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class DirichletTest extends TestBase {

  private static final int DRAWS = 200_000;
  /** Moments must land within this many standard errors (of the sample) of the closed forms. */
  private static final double STANDARD_ERRORS = 5;

  /**
   * E[x_i] = α_i/α_0 and E[x_i²] = α_i(α_i + 1)/(α_0(α_0 + 1)) (so Var[x_i] =
   * α_i(α_0 − α_i)/(α_0²(α_0 + 1))), each within 5 standard errors of its sample estimate; α
   * includes a shape below 1 (the U^{1/α} boost) and one above.
   */
  @Test
  void sample_momentsMatchClosedForms() {
    double[] alpha = {0.3, 1.0, 2.5, 7.0};
    double a0 = 0.3 + 1.0 + 2.5 + 7.0;
    int k = alpha.length;
    double[] s1 = new double[k];
    double[] s2 = new double[k];
    double[] s4 = new double[k];
    double[] x = new double[k];
    Rng rng = new Rng(345);
    for (int n = 0; n < DRAWS; n++) {
      Dirichlet.sample(alpha, 0, k, rng, x, 0);
      double sum = 0;
      for (int i = 0; i < k; i++) {
        assertThat(x[i]).isBetween(0.0, 1.0);
        sum += x[i];
        s1[i] += x[i];
        s2[i] += x[i] * x[i];
        s4[i] += x[i] * x[i] * x[i] * x[i];
      }
      assertClose(1.0, sum, TIGHT);
    }
    for (int i = 0; i < k; i++) {
      double m1 = s1[i] / DRAWS;
      double m2 = s2[i] / DRAWS;
      double m4 = s4[i] / DRAWS;
      double seMean = Math.sqrt((m2 - m1 * m1) / DRAWS);
      double seSecond = Math.sqrt((m4 - m2 * m2) / DRAWS);
      double mean = alpha[i] / a0;
      double second = alpha[i] * (alpha[i] + 1) / (a0 * (a0 + 1));
      assertThat(Math.abs(m1 - mean)).as("mean of x[%s]", i)
          .isLessThan(STANDARD_ERRORS * seMean);
      assertThat(Math.abs(m2 - second)).as("E[x²] of x[%s]", i)
          .isLessThan(STANDARD_ERRORS * seSecond);
      double variance = alpha[i] * (a0 - alpha[i]) / (a0 * a0 * (a0 + 1));
      assertClose(variance, second - mean * mean, TIGHT);
    }
  }

  /** E[g] = Var[g] = shape for g ~ Gamma(shape, 1), shapes 0.5 and 3. */
  @Test
  void gamma_meanAndVarianceEqualShape() {
    for (double shape : new double[] {0.5, 3.0}) {
      Rng rng = new Rng(7);
      double s1 = 0;
      double s2 = 0;
      for (int n = 0; n < DRAWS; n++) {
        double g = Dirichlet.gamma(shape, rng);
        s1 += g;
        s2 += g * g;
      }
      double m1 = s1 / DRAWS;
      double var = s2 / DRAWS - m1 * m1;
      assertThat(Math.abs(m1 - shape)).isLessThan(STANDARD_ERRORS * Math.sqrt(var / DRAWS));
      // Var of the sample variance ≈ (μ4 − σ⁴)/n with μ4 = 3σ⁴ + 6·shape for a gamma
      double seVar = Math.sqrt((2 * shape * shape + 6 * shape) / DRAWS);
      assertThat(Math.abs(var - shape)).isLessThan(STANDARD_ERRORS * seVar);
    }
  }

  @Test
  void sample_sameSeed_sameDraws() {
    double[] alpha = {1, 1, 1};
    assertThat(Dirichlet.sample(alpha, new Rng(3))).containsExactly(
        Dirichlet.sample(alpha, new Rng(3)));
  }

  @Test
  void sample_badConcentration_namesIt() {
    assertThatThrownBy(() -> Dirichlet.sample(new double[] {1, 0}, new Rng(1)))
        .hasMessage("alpha[1] must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> Dirichlet.gamma(Double.NaN, new Rng(1)))
        .hasMessageContaining("shape");
  }
}
