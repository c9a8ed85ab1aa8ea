package org.gridrl.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizeObservationTest extends TestBase {

  /**
   * Observations o_i = offset_i + scale_i · z, z standard normal from Rng(seed); coordinate 2 is
   * the constant 3. Reward = the action; never ends.
   */
  private static final class Gaussian implements Env<double[], Double> {
    private final double offset;
    private final double scale;
    private Rng rng;
    final List<double[]> emitted = new ArrayList<>();

    Gaussian(double offset, double scale) {
      this.offset = offset;
      this.scale = scale;
    }

    @Override
    public Space observationSpace() {
      return Box.uniform(3, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Override
    public Space actionSpace() {
      return Box.uniform(1, -1, 1);
    }

    private double[] next() {
      double[] o = {offset + scale * rng.nextGaussian(), -offset + 0.5 * scale * rng.nextGaussian(),
          3.0};
      emitted.add(o.clone());
      return o;
    }

    @Override
    public double[] reset(long seed) {
      rng = new Rng(seed);
      return next();
    }

    @Override
    public Step<double[]> step(Double action) {
      return new Step<>(next(), action, false, false);
    }
  }

  /** Two-pass mean and population variance of column i. */
  private static double[] twoPass(List<double[]> rows, int i) {
    double sum = 0;
    for (double[] r : rows) {
      sum += r[i];
    }
    double mean = sum / rows.size();
    double ss = 0;
    for (double[] r : rows) {
      ss += (r[i] - mean) * (r[i] - mean);
    }
    return new double[] {mean, ss / rows.size()};
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 5.0, 1e6})
  void welford_matchesTwoPassMeanAndVariance_evenWithALargeOffset(double offset) {
    Gaussian inner = new Gaussian(offset, 2.0);
    NormalizeObservation<Double> env = new NormalizeObservation<>(inner);
    double[] last = env.reset(1);
    for (int t = 0; t < 999; t++) {
      last = env.step(0.5).observation();
    }
    assertThat(env.count()).isEqualTo(1000);
    double[] mean = env.mean();
    double[] variance = env.variance();
    for (int i = 0; i < 3; i++) {
      double[] expected = twoPass(inner.emitted, i);
      assertClose(expected[0], mean[i], 1e-12 * Math.max(1, Math.abs(expected[0])));
      assertClose(expected[1], variance[i], 1e-9 * Math.max(1, expected[1]));
      double[] o = inner.emitted.get(999);
      double z = (o[i] - expected[0]) / Math.sqrt(expected[1] + 1e-8);
      assertClose(z, last[i], 1e-6);
    }
    // the constant coordinate maps to 0
    assertThat(last[2]).isEqualTo(0.0);
  }

  @Test
  void firstObservation_normalisesToZero_andTheStatisticsIncludeIt() {
    NormalizeObservation<Double> env = new NormalizeObservation<>(new Gaussian(1, 1));
    assertThat(env.reset(3)).containsExactly(0, 0, 0);
    assertThat(env.count()).isEqualTo(1);
  }

  @Test
  void twoObservations_byHand() {
    // o = 1 then 3: mean 2, variance 1, so the second maps to (3 − 2)/√(1 + ε)
    Env<double[], Double> two = new Env<>() {
      double next = 1;

      @Override
      public Space observationSpace() {
        return Box.uniform(1, 0, 10);
      }

      @Override
      public Space actionSpace() {
        return Box.uniform(1, 0, 1);
      }

      @Override
      public double[] reset(long seed) {
        next = 3;
        return new double[] {1};
      }

      @Override
      public Step<double[]> step(Double action) {
        return new Step<>(new double[] {next}, 0, false, false);
      }
    };
    NormalizeObservation<Double> env = new NormalizeObservation<>(two, 0.25);
    env.reset(0);
    assertThat(env.step(0.0).observation()[0]).isEqualTo(1 / Math.sqrt(1.25));
    assertThat(env.mean()).containsExactly(2);
    assertThat(env.variance()).containsExactly(1);
    assertThat(env.observationSpace())
        .isEqualTo(Box.uniform(1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
  }

  @Test
  void frozen_keepsTheStatistics_andResumes() {
    Gaussian inner = new Gaussian(0, 1);
    NormalizeObservation<Double> env = new NormalizeObservation<>(inner);
    env.reset(9);
    for (int t = 0; t < 50; t++) {
      env.step(0.0);
    }
    double[] mean = env.mean();
    double[] variance = env.variance();
    env.setFrozen(true);
    for (int t = 0; t < 50; t++) {
      double[] z = env.step(0.0).observation();
      double[] o = inner.emitted.get(inner.emitted.size() - 1);
      assertClose((o[0] - mean[0]) / Math.sqrt(variance[0] + 1e-8), z[0], TIGHT);
    }
    assertThat(env.count()).isEqualTo(51);
    assertThat(env.mean()).isEqualTo(mean);
    env.setFrozen(false);
    env.step(0.0);
    assertThat(env.count()).isEqualTo(52);
  }

  @Test
  void setStatistics_isUsedByNormalize() {
    NormalizeObservation<Double> env = new NormalizeObservation<>(new Gaussian(0, 1), 1e-8);
    env.setStatistics(10, new double[] {1, 2, 3}, new double[] {4, 0, 1});
    assertThat(env.variance()).containsExactly(4, 0, 1);
    double[] out = env.normalize(new double[] {3, 2, 5}, new double[3]);
    assertClose(new double[] {2 / Math.sqrt(4 + 1e-8), 0, 2 / Math.sqrt(1 + 1e-8)}, out, TIGHT);
    assertThatThrownBy(() -> env.setStatistics(1, new double[] {0, 0, 0},
        new double[] {0, -1, 0})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coordinate 1").hasMessageContaining("-1.0");
    assertThatThrownBy(() -> env.setStatistics(1, new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3");
  }

  @Test
  void badEpsilon_andObservationLengths_areRejected() {
    assertThatThrownBy(() -> new NormalizeObservation<>(new Gaussian(0, 1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0.0");
    assertThatThrownBy(() -> new NormalizeObservation<>(new Gaussian(0, 1), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    NormalizeObservation<Double> env = new NormalizeObservation<>(new Gaussian(0, 1));
    assertThatThrownBy(() -> env.update(new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3, got 2");
  }
}
