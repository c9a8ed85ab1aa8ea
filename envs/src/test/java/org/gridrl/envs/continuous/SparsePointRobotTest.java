package org.gridrl.envs.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridrl.envs.testing.EnvAsserts.TIGHT;
import static org.gridrl.envs.testing.EnvAsserts.assertClose;

import java.util.List;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Step;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparsePointRobotTest {

  private static final Goal UP = new Goal(0, 1);

  @Test
  void sparseReward_isOneMinusDistanceInsideRadius_zeroOutside() {
    assertClose(0.95, SparsePointRobot.sparseReward(0.05), TIGHT);
    assertClose(1.0, SparsePointRobot.sparseReward(0.0), TIGHT);
    assertClose(0.8, SparsePointRobot.sparseReward(0.2), TIGHT);
    assertThat(SparsePointRobot.sparseReward(Math.nextUp(0.2))).isZero();
    assertThat(SparsePointRobot.sparseReward(1.0)).isZero();
  }

  @Test
  void step_paysOnlyNearTheGoal_alongAVerticalPath_byHand() {
    SparsePointRobot env = new SparsePointRobot(UP);
    assertClose(new double[] {0, 0}, env.reset(3), 0);
    env.step(new double[] {0, 0.05});
    // y = 0.15, 0.25, ..., 1.25: distances 0.85, ..., 0.25 (0), 0.15, 0.05, 0.05, 0.15, 0.25
    double[] expected = {0, 0, 0, 0, 0, 0, 0, 0.85, 0.95, 0.95, 0.85, 0};
    for (int t = 0; t < expected.length; t++) {
      Step<double[]> s = env.step(new double[] {0, 0.1});
      assertClose(expected[t], s.reward(), 1e-12);
      assertClose(Math.abs(1 - (0.15 + 0.1 * t)), env.lastDistance(), 1e-12);
      assertThat(s.terminated()).isFalse();
    }
  }

  @Test
  void step_clipsTheVelocity() {
    SparsePointRobot env = new SparsePointRobot(UP);
    env.reset(0);
    Step<double[]> s = env.step(new double[] {-5, 0.25});
    assertClose(new double[] {-0.1, 0.1}, s.observation(), 0);
    assertThat(env.actionSpace()).isEqualTo(Box.uniform(2, -0.1, 0.1));
  }

  @Test
  void episode_isTruncatedExactlyAtStep20() {
    SparsePointRobot env = new SparsePointRobot(UP);
    env.reset(0);
    for (int t = 1; t < 20; t++) {
      assertThat(env.step(new double[] {0, 0}).done()).as("step %d", t).isFalse();
    }
    Step<double[]> last = env.step(new double[] {0, 0});
    assertThat(last.truncated()).isTrue();
    assertThat(last.terminated()).isFalse();
    assertThatThrownBy(() -> env.step(new double[] {0, 0}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("truncated at the horizon of 20 steps");
  }

  @Test
  void goals_lieOnTheUpperUnitHalfCircle_angleMeanAndVarianceWithin5Sigma() {
    int n = 20_000;
    List<Goal> goals = SparsePointRobot.goals().sample(n, new Rng(2019));
    double sum = 0;
    double sumSq = 0;
    for (Goal g : goals) {
      assertClose(1.0, Math.hypot(g.x(), g.y()), 1e-12);
      assertThat(g.y()).isGreaterThanOrEqualTo(0);
      double theta = Math.atan2(g.y(), g.x());
      sum += theta;
      sumSq += theta * theta;
    }
    double mean = sum / n;
    double var = sumSq / n - mean * mean;
    double pi2 = Math.PI * Math.PI;
    assertThat(Math.abs(mean - Math.PI / 2)).isLessThan(5 * Math.sqrt(pi2 / 12 / n));
    // Var[(θ − μ)²] for U[0, π] is π⁴/80 − π⁴/144 = π⁴/180
    assertThat(Math.abs(var - pi2 / 12)).isLessThan(5 * pi2 / Math.sqrt(180.0 * n));
  }

  @Test
  void referenceGoals_areEvenlySpacedFromZeroToPi() {
    List<Goal> goals = SparsePointRobot.referenceGoals(100);
    assertThat(goals).hasSize(100);
    assertClose(new double[] {1, 0}, goals.get(0).toArray(), TIGHT);
    assertClose(new double[] {-1, 0}, goals.get(99).toArray(), TIGHT);
    for (int k = 0; k < 100; k++) {
      assertThat(goals.get(k).y()).isGreaterThanOrEqualTo(0);
      assertClose(k * Math.PI / 99, Math.atan2(goals.get(k).y(), goals.get(k).x()), 1e-12);
    }
    assertThat(SparsePointRobot.referenceGoals(1)).containsExactly(new Goal(1, 0));
    assertThatThrownBy(() -> SparsePointRobot.referenceGoals(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void headingStraightToTheGoal_entersTheRadiusWithinTheHorizon(long seed) {
    Goal g = SparsePointRobot.goals().sample(new Rng(seed));
    SparsePointRobot env = new SparsePointRobot(g);
    double[] p = env.reset(seed);
    double ret = 0;
    int firstPaid = -1;
    for (int t = 1; t <= 20; t++) {
      double dx = g.x() - p[0];
      double dy = g.y() - p[1];
      double scale = Math.min(1, 0.1 / Math.max(Math.abs(dx), Math.abs(dy)));
      Step<double[]> s = env.step(new double[] {dx * scale, dy * scale});
      p = s.observation();
      ret += s.reward();
      if (s.reward() > 0 && firstPaid < 0) {
        firstPaid = t;
      }
    }
    // the point moves 0.1 · ‖g‖₂/‖g‖∞ per step along the ray; it is paid from distance 0.2 on
    double speed = 0.1 / Math.max(Math.abs(g.x()), Math.abs(g.y()));
    assertThat(firstPaid).isEqualTo((int) Math.ceil((0.8 - 1e-12) / speed));
    assertThat(ret).isGreaterThan(0);
  }

  @Test
  void sameSeed_sameEpisode_andSetTaskNeedsAReset() {
    SparsePointRobot a = new SparsePointRobot(UP);
    SparsePointRobot b = new SparsePointRobot(UP);
    Rng ra = new Rng(5);
    Rng rb = new Rng(5);
    a.reset(11);
    b.reset(11);
    for (int t = 0; t < 20; t++) {
      Step<double[]> sa = a.step(new double[] {ra.nextGaussian(), ra.nextGaussian()});
      Step<double[]> sb = b.step(new double[] {rb.nextGaussian(), rb.nextGaussian()});
      assertThat(sa.observation()).isEqualTo(sb.observation());
      assertThat(sa.reward()).isEqualTo(sb.reward());
    }
    a.setTask(new Goal(1, 0));
    assertThat(a.goal()).isEqualTo(new Goal(1, 0));
    assertThatThrownBy(() -> a.step(new double[] {0, 0}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
  }

  @Test
  void badActions_areRejectedWithTheValue() {
    SparsePointRobot env = new SparsePointRobot(UP);
    assertThatThrownBy(() -> env.step(new double[] {0, 0}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("step before reset");
    env.reset(0);
    assertThatThrownBy(() -> env.step(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SparsePointRobot").hasMessageContaining("null");
    assertThatThrownBy(() -> env.step(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1: [1.0]");
    assertThatThrownBy(() -> env.step(new double[] {Double.NaN, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action[0]")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> env.step(new double[] {0, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    assertThatThrownBy(() -> new SparsePointRobot(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
