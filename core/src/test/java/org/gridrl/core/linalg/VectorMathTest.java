package org.gridrl.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;

class VectorMathTest extends TestBase {

  @Test
  void tanh_agreesWithMathTanh_toAFewUlps_overEveryRange() {
    double worst = 0;
    for (int i = 0; i < 200_000; i++) {
      // log-uniform magnitudes from 1e-300 to 1e3, both signs, plus dense sampling near 0.625
      double mag = i % 2 == 0 ? Math.pow(10, -300 + 303 * rand.nextDouble())
          : 0.5 + 0.25 * rand.nextDouble();
      double x = rand.nextBoolean() ? mag : -mag;
      double expected = Math.tanh(x);
      double err = Math.abs(VectorMath.tanh(x) - expected) / Math.ulp(expected);
      worst = Math.max(worst, err);
    }
    assertThat(worst).as("worst error in ulps").isLessThanOrEqualTo(4.0);
  }

  @Test
  void tanh_specialValues() {
    assertThat(VectorMath.tanh(0.0)).isEqualTo(0.0);
    assertThat(VectorMath.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(VectorMath.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
    assertThat(VectorMath.tanh(Double.NaN)).isNaN();
    assertThat(VectorMath.tanh(800)).isEqualTo(1.0);
    double[] x = {-2, 0.1, 3};
    double[] y = new double[3];
    VectorMath.tanh(x, y, 3);
    assertClose(new double[] {Math.tanh(-2), Math.tanh(0.1), Math.tanh(3)}, y, 1e-15);
  }
}
