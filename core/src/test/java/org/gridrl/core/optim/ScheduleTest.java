package org.gridrl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest extends TestBase {

  @Test
  void constant_isTheSameEveryStep() {
    Schedule s = Schedule.constant(3e-4);
    assertThat(s.at(0)).isEqualTo(3e-4);
    assertThat(s.at(1_000_000)).isEqualTo(3e-4);
  }

  @Test
  void linear_fromOneToZeroOverFourSteps_handValues() {
    Schedule s = Schedule.linear(1.0, 0.0, 4);
    double[] got = {s.at(0), s.at(1), s.at(2), s.at(3), s.at(4), s.at(99)};
    assertClose(new double[] {1, 0.75, 0.5, 0.25, 0, 0}, got, TIGHT);
    Schedule up = Schedule.linear(0.1, 0.3, 2); // warm-up direction
    assertClose(new double[] {0.1, 0.2, 0.3}, new double[] {up.at(0), up.at(1), up.at(2)}, TIGHT);
  }

  @Test
  void cosine_fromTwoToZeroOverFourSteps_handValues() {
    // 2 · (1 + cos(π t/4)) / 2 = 1 + cos(π t/4): 2, 1 + √2/2, 1, 1 − √2/2, 0
    Schedule s = Schedule.cosine(2.0, 0.0, 4);
    double r = Math.sqrt(0.5);
    double[] got = {s.at(0), s.at(1), s.at(2), s.at(3), s.at(4), s.at(5)};
    assertClose(new double[] {2, 1 + r, 1, 1 - r, 0, 0}, got, TIGHT);
    Schedule floor = Schedule.cosine(1.0, 0.1, 2); // midpoint (1 + 0.1)/2
    assertClose(0.55, floor.at(1), TIGHT);
  }

  @Test
  void step_halvesEveryThreeSteps_handValues() {
    Schedule s = Schedule.step(0.8, 0.5, 3);
    double[] got = {s.at(0), s.at(2), s.at(3), s.at(5), s.at(6), s.at(9)};
    assertClose(new double[] {0.8, 0.8, 0.4, 0.4, 0.2, 0.1}, got, TIGHT);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void linearAndCosine_stayBetweenTheirEndpoints_andAreMonotone(long seed) {
    java.util.Random r = new java.util.Random(seed);
    double a = r.nextDouble();
    double b = r.nextDouble();
    long steps = 1 + r.nextInt(50);
    for (Schedule s : List.of(Schedule.linear(a, b, steps), Schedule.cosine(a, b, steps))) {
      double prev = s.at(0);
      assertClose(a, prev, TIGHT);
      for (long t = 1; t <= steps + 3; t++) {
        double cur = s.at(t);
        assertThat(cur).isBetween(Math.min(a, b) - 1e-15, Math.max(a, b) + 1e-15);
        assertThat((cur - prev) * Math.signum(b - a)).isGreaterThanOrEqualTo(-1e-15);
        prev = cur;
      }
      assertClose(b, s.at(steps), TIGHT);
    }
  }

  @Test
  void apply_setsTheOptimizersLearningRate_soTheUpdateUsesIt() {
    DMatrixRMaj p = new DMatrixRMaj(1, 1, true, 1.0);
    Sgd sgd = new Sgd(List.of(p), new Sgd.Config(0.5, 0.0));
    Schedule s = Schedule.linear(0.5, 0.0, 2);
    DMatrixRMaj g = new DMatrixRMaj(1, 1, true, 1.0);
    for (long t = 0; t < 3; t++) {
      s.apply(sgd, t);
      sgd.step(List.of(g));
    }
    // steps of 0.5, 0.25, 0
    assertClose(0.25, p.data[0], TIGHT);
    assertThat(sgd.learningRate()).isEqualTo(0.0);
  }

  @Test
  void badArguments_nameTheValue() {
    assertThatThrownBy(() -> Schedule.constant(Double.NaN))
        .hasMessage("initial learning rate must be >= 0 and finite, got NaN");
    assertThatThrownBy(() -> Schedule.linear(1, -1, 4))
        .hasMessage("last learning rate must be >= 0 and finite, got -1.0");
    assertThatThrownBy(() -> Schedule.cosine(1, 0, 0)).hasMessage("steps must be >= 1, got 0");
    assertThatThrownBy(() -> Schedule.step(1, 1.5, 2))
        .hasMessage("factor must be in (0, 1], got 1.5");
    assertThatThrownBy(() -> Schedule.step(1, 0.5, 0))
        .hasMessage("every must be >= 1 step, got 0");
    assertThatThrownBy(() -> Schedule.constant(1).apply(new Sgd(List.of(new DMatrixRMaj(1, 1)),
        new Sgd.Config(0.1, 0)), -1)).hasMessage("step must be >= 0, got -1");
  }
}
