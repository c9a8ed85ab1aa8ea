package org.gridrl.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;

class OneHotTaskTest extends TestBase {

  /** Observations (t, −2t) at step t; reward 10·a; terminates on action 9. */
  private static final class Counter implements Env<double[], Integer> {
    int t = -1;

    @Override
    public Space observationSpace() {
      return new Box(new double[] {0, -200}, new double[] {100, 0});
    }

    @Override
    public Space actionSpace() {
      return new Discrete(10);
    }

    @Override
    public double[] reset(long seed) {
      t = 0;
      return new double[] {0, 0};
    }

    @Override
    public Step<double[]> step(Integer action) {
      t++;
      return new Step<>(new double[] {t, -2 * t}, 10.0 * action, action == 9, false,
          Map.of("t", t));
    }
  }

  @Test
  void observation_isTheInnerObservationFollowedByTheOneHotId() {
    OneHotTask<Integer> env = new OneHotTask<>(new Counter(), 2, 3);
    assertThat(env.reset(0)).containsExactly(0, 0, 0, 0, 1);
    Step<double[]> s = env.step(4);
    assertThat(s.observation()).containsExactly(1, -2, 0, 0, 1);
    assertThat(s.reward()).isEqualTo(40.0);
    assertThat(s.terminated()).isFalse();
    assertThat(s.info()).isEqualTo(Map.of("t", 1));
    assertThat(env.step(9).terminated()).isTrue();
  }

  @Test
  void observationSpace_isWidenedByKCoordinatesInZeroOne() {
    OneHotTask<Integer> env = new OneHotTask<>(new Counter(), 0, 4);
    assertThat(env.observationSpace()).isEqualTo(new Box(new double[] {0, -200, 0, 0, 0, 0},
        new double[] {100, 0, 1, 1, 1, 1}));
    assertThat(env.actionSpace()).isEqualTo(new Discrete(10));
    assertThat(env.observationSpace().contains(env.reset(0))).isTrue();
  }

  @Test
  void setTask_movesTheHotCoordinate_andNeedsAReset() {
    OneHotTask<Integer> env = new OneHotTask<>(new Counter(), 0, 3);
    env.reset(0);
    env.setTask(1);
    assertThat(env.task()).isEqualTo(1);
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset");
    assertThat(env.reset(0)).containsExactly(0, 0, 0, 1, 0);
  }

  @Test
  void append_writesIntoOut() {
    double[] out = {7, 7, 7, 7, 7};
    assertThat(OneHotTask.append(new double[] {0.5, -1}, 0, 3, out)).isSameAs(out)
        .containsExactly(0.5, -1, 1, 0, 0);
    assertThatThrownBy(() -> OneHotTask.append(new double[] {1}, 0, 3, out))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 5");
  }

  @Test
  void badTaskIndices_andSpaces_areRejectedWithTheValue() {
    assertThatThrownBy(() -> new OneHotTask<>(new Counter(), 3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task index 3 out of range [0, 3)");
    assertThatThrownBy(() -> new OneHotTask<>(new Counter(), -1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> new OneHotTask<>(new Counter(), 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numTasks must be >= 1");
    OneHotTask<Integer> env = new OneHotTask<>(new Counter(), 0, 2);
    assertThatThrownBy(() -> env.setTask(2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 out of range");
    Env<double[], Integer> discrete = new Env<>() {
      @Override
      public Space observationSpace() {
        return new Discrete(3);
      }

      @Override
      public Space actionSpace() {
        return new Discrete(2);
      }

      @Override
      public double[] reset(long seed) {
        return new double[1];
      }

      @Override
      public Step<double[]> step(Integer action) {
        return null;
      }
    };
    assertThatThrownBy(() -> new OneHotTask<>(discrete, 0, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Box")
        .hasMessageContaining("Discrete[n=3]");
  }
}
