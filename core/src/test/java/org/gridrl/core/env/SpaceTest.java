package org.gridrl.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class SpaceTest extends TestBase {

  @Test
  void discrete_rejectsEmpty_andContainsItsRange() {
    assertThatThrownBy(() -> new Discrete(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a Discrete space needs n >= 1, got 0");
    Discrete d = new Discrete(3);
    assertThat(d.contains(0)).isTrue();
    assertThat(d.contains(2)).isTrue();
    assertThat(d.contains(3)).isFalse();
    assertThat(d.contains(-1)).isFalse();
    assertThat(d.contains((Object) Integer.valueOf(1))).isTrue();
    assertThat(d.contains((Object) 1L)).isFalse();
    assertThat(d.contains((Object) null)).isFalse();
    assertThat(d.dim()).isEqualTo(1);
  }

  @Test
  void discrete_sample_isUniform_within5Sigma() {
    Discrete d = new Discrete(4);
    Rng rng = new Rng(1);
    int n = 40_000;
    int[] count = new int[4];
    for (int i = 0; i < n; i++) {
      count[d.sample(rng)]++;
    }
    double sigma = Math.sqrt(n * 0.25 * 0.75);
    for (int c : count) {
      assertThat((double) c).isBetween(n / 4.0 - 5 * sigma, n / 4.0 + 5 * sigma);
    }
  }

  @Test
  void box_validation_namesTheBadBound() {
    assertThatThrownBy(() -> new Box(new double[] {0, 2}, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Box needs low <= high, got low[1] = 2.0 > high[1] = 1.0");
    assertThatThrownBy(() -> new Box(new double[] {0, 0}, new double[] {1}))
        .hasMessage("Box bounds must have equal lengths, got low of length 2 and high of "
            + "length 1");
    assertThatThrownBy(() -> new Box(new double[0], new double[0]))
        .hasMessage("a Box needs at least one dimension");
    assertThatThrownBy(() -> new Box(new double[] {Double.NaN}, new double[] {1}))
        .hasMessage("Box bound 0 is NaN: low NaN, high 1.0");
    assertThatThrownBy(() -> new Box(null, new double[] {1}))
        .hasMessage("Box bounds must not be null");
    assertThatThrownBy(() -> Box.uniform(0, -1, 1)).hasMessage("a Box needs dim >= 1, got 0");
  }

  @Test
  void box_contains_checksLengthBoundsAndNaN() {
    Box b = new Box(new double[] {-1, 0}, new double[] {1, Double.POSITIVE_INFINITY});
    assertThat(b.contains(new double[] {0, 5})).isTrue();
    assertThat(b.contains(new double[] {-1, 0})).as("closed bounds").isTrue();
    assertThat(b.contains(new double[] {1, 1e300})).isTrue();
    assertThat(b.contains(new double[] {1.0000001, 0})).isFalse();
    assertThat(b.contains(new double[] {0, -1e-12})).isFalse();
    assertThat(b.contains(new double[] {Double.NaN, 0})).isFalse();
    assertThat(b.contains(new double[] {0})).isFalse();
    assertThat(b.contains((Object) new double[] {0, 0})).isTrue();
    assertThat(b.contains((Object) Integer.valueOf(0))).isFalse();
    assertThat(b.dim()).isEqualTo(2);
    assertThat(b.shape()).containsExactly(2);
  }

  @Test
  void box_isImmutable_andEqualByValue() {
    double[] low = {0, 0};
    double[] high = {1, 2};
    Box b = new Box(low, high);
    low[0] = 5;
    b.high()[1] = -7;
    assertThat(b.low()).containsExactly(0, 0);
    assertThat(b.high()).containsExactly(1, 2);
    assertThat(b.high(1)).isEqualTo(2);
    assertThat(b).isEqualTo(new Box(new double[] {0, 0}, new double[] {1, 2}));
    assertThat(b.hashCode()).isEqualTo(new Box(new double[] {0, 0}, new double[] {1, 2})
        .hashCode());
    assertThat(b).isNotEqualTo(Box.uniform(2, 0, 1));
    assertThat(b.toString()).isEqualTo("Box[low=[0.0, 0.0], high=[1.0, 2.0]]");
  }

  @Test
  void box_sample_staysInside_andHasTheUniformMean() {
    Box b = new Box(new double[] {-1, 10}, new double[] {3, 10});
    Rng rng = new Rng(3);
    int n = 20_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double[] x = b.sample(rng);
      assertThat(b.contains(x)).isTrue();
      assertThat(x[1]).isEqualTo(10);
      sum += x[0];
    }
    // uniform on [-1, 3]: mean 1, sd 4/sqrt(12)
    assertClose(1.0, sum / n, 5 * (4 / Math.sqrt(12)) / Math.sqrt(n));
    assertThatThrownBy(() -> Box.uniform(1, 0, Double.POSITIVE_INFINITY).sample(rng))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot sample uniformly from unbounded coordinate 0 [0.0, Infinity]");
  }

  @Test
  void step_doneAndTruncationMark() {
    Step<Integer> s = new Step<>(3, 1.5, false, false);
    assertThat(s.done()).isFalse();
    assertThat(s.info()).isEqualTo(Map.of());
    Step<Integer> t = s.withTruncated(true);
    assertThat(t).isEqualTo(new Step<>(3, 1.5, false, true));
    assertThat(t.done()).isTrue();
    assertThat(t.withTruncated(true)).isSameAs(t);
    assertThat(new Step<>(0, 0, true, false).done()).isTrue();
    assertThatThrownBy(() -> new Step<>(0, 0, false, false, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("info must not be null (use Map.of())");
  }

  @Test
  void taskDistribution_sampleN_drawsInOrderFromTheSameGenerator() {
    TaskDistribution<Integer> dice = rng -> rng.nextInt(6);
    List<Integer> batch = dice.sample(50, new Rng(11));
    Rng replay = new Rng(11);
    for (int i = 0; i < 50; i++) {
      assertThat(batch.get(i)).isEqualTo(dice.sample(replay));
    }
    assertThat(dice.sample(0, new Rng(1))).isEmpty();
    assertThatThrownBy(() -> dice.sample(-2, new Rng(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("number of tasks must be >= 0, got -2");
  }
}
