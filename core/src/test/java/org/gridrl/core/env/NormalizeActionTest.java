package org.gridrl.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;

class NormalizeActionTest extends TestBase {

  /** Observation = the step count; reward = the first coordinate of the action it receives. */
  private static final class Recording implements Env<double[], double[]> {
    private final Box actions;
    final List<double[]> received = new ArrayList<>();
    private int t;

    Recording(Box actions) {
      this.actions = actions;
    }

    @Override
    public Space observationSpace() {
      return Box.uniform(1, 0, 100);
    }

    @Override
    public Space actionSpace() {
      return actions;
    }

    @Override
    public double[] reset(long seed) {
      t = 0;
      return new double[] {t};
    }

    @Override
    public Step<double[]> step(double[] action) {
      received.add(action.clone());
      t++;
      return new Step<>(new double[] {t}, action[0], false, t == 3);
    }
  }

  /** l = (−2, 1), u = (6, 1.5): every value below is exact in binary. */
  private static Box uneven() {
    return new Box(new double[] {-2, 1}, new double[] {6, 1.5});
  }

  @Test
  void rescale_isTheAffineMapOntoTheBox_exactly() {
    NormalizeAction<double[]> env = new NormalizeAction<>(new Recording(uneven()));
    double[] out = new double[2];
    // l + (a + 1)·0.5·(u − l): −1 ↦ l, 1 ↦ u, 0 ↦ centre, 0.5 ↦ −2 + 1.5·0.5·8 = 4,
    // −0.5 ↦ 1 + 0.5·0.5·0.5 = 1.125
    assertThat(env.rescale(new double[] {-1, -1}, out)).containsExactly(-2, 1);
    assertThat(env.rescale(new double[] {1, 1}, out)).containsExactly(6, 1.5);
    assertThat(env.rescale(new double[] {0, 0}, out)).containsExactly(2, 1.25);
    assertThat(env.rescale(new double[] {0.5, -0.5}, out)).containsExactly(4, 1.125);
  }

  @Test
  void rescale_outsideTheUnitBox_isClippedToTheNearerBound() {
    NormalizeAction<double[]> env = new NormalizeAction<>(new Recording(uneven()));
    double[] out = new double[2];
    // 3 ↦ −2 + 2·8 = 14 → 6; −7 ↦ 1 + (−6)·0.25 = −0.5 → 1
    assertThat(env.rescale(new double[] {3, -7}, out)).containsExactly(6, 1);
    assertThat(env.rescale(new double[] {-1.0000001, 1.0000001}, out)).containsExactly(-2, 1.5);
    assertThat(env.rescale(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
        out)).containsExactly(6, 1);
  }

  // literals from rllab's NormalizedEnv.step on PointEnvRandGoal's box, by numpy:
  //   lb = np.array([-0.1, -0.1]); ub = np.array([0.1, 0.1])
  //   s = lb + (a + 1.) * 0.5 * (ub - lb); s = np.clip(s, lb, ub)
  //   a = [0.37, -0.81] -> [0.037000000000000005, -0.08100000000000002]
  //   a = [1.7, -1.2]   -> [0.1, -0.1]
  @Test
  void step_passesRllabsRescaledActionToTheWrappedEnv_bitForBit() {
    Recording inner = new Recording(Box.uniform(2, -0.1, 0.1));
    NormalizeAction<double[]> env = new NormalizeAction<>(inner);
    assertThat(env.reset(4)).containsExactly(0);
    Step<double[]> s = env.step(new double[] {0.37, -0.81});
    env.step(new double[] {1.7, -1.2});
    Step<double[]> last = env.step(new double[] {1, 1});
    assertThat(inner.received.get(0)).containsExactly(0.037000000000000005, -0.08100000000000002);
    assertThat(inner.received.get(1)).containsExactly(0.1, -0.1);
    assertThat(inner.received.get(2)).containsExactly(0.1, 0.1);
    // observation, reward and the episode's end pass through
    assertThat(s.observation()).containsExactly(1);
    assertThat(s.reward()).isEqualTo(0.037000000000000005);
    assertThat(s.done()).isFalse();
    assertThat(last.truncated()).isTrue();
  }

  @Test
  void spaces_actionsBecomeTheUnitBox_observationsUnchanged() {
    Recording inner = new Recording(uneven());
    NormalizeAction<double[]> env = new NormalizeAction<>(inner);
    assertThat(env.actionSpace()).isEqualTo(Box.uniform(2, -1, 1));
    assertThat(env.observationSpace()).isEqualTo(inner.observationSpace());
    assertThat(env.inner()).isSameAs(inner);
  }

  @Test
  void badArguments_areRejectedNamingThem() {
    NormalizeAction<double[]> env = new NormalizeAction<>(new Recording(uneven()));
    assertThatThrownBy(() -> env.rescale(new double[] {0, Double.NaN}, new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("action[1] is NaN");
    assertThatThrownBy(() -> env.rescale(new double[] {0}, new double[2]))
        .hasMessage("action must have length 2, got 1");
    assertThatThrownBy(() -> new NormalizeAction<>(new Recording(
        new Box(new double[] {-1}, new double[] {Double.POSITIVE_INFINITY}))))
        .hasMessage("NormalizeAction needs finite action bounds, got [-1.0, Infinity] in"
            + " coordinate 0");
    assertThatThrownBy(() -> new NormalizeAction<>(null)).hasMessage("env must not be null");
  }
}
